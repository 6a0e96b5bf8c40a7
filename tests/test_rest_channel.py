"""A person chats over the REST channel with the real Rasa server and action server."""

from __future__ import annotations

import secrets

import pytest

from bot.text_hygiene import MAX_MESSAGE_CHARS

pytestmark = pytest.mark.rasa


def new_sender() -> str:
    return secrets.token_hex(12)


def button_titles(replies: list[dict]) -> list[str]:
    return [button["title"] for reply in replies for button in reply.get("buttons", [])]


def assert_dutch_answer(replies: list[dict], known_texts) -> None:
    """At least one reply, each one of Wegwijzer's own Dutch texts, nothing technical."""
    assert replies, "Wegwijzer said nothing"
    for reply in replies:
        assert known_texts.match(reply["text"]), f"not one of Wegwijzer's Dutch texts: {reply}"
        assert "Traceback" not in reply["text"] and "Error" not in reply["text"]


def test_hello_gets_the_dutch_welcome_with_the_main_paths(assistant, domain_texts):
    replies = assistant.replies(new_sender(), "hallo")

    assert_dutch_answer(replies, domain_texts)
    assert "Wegwijzer" in replies[0]["text"]
    assert "geen mens" in replies[0]["text"]
    titles = button_titles(replies)
    for path in ("Wat past bij mij?", "Mijn plan maken", "Met een mens praten"):
        assert path in titles


@pytest.mark.parametrize(
    "question", ["ben jij een robot?", "zijt gij nen robot", "ben ik aan het chatten met een mens"]
)
def test_asked_whether_it_is_a_robot_it_says_it_is_a_computer_program(assistant, question):
    replies = assistant.replies(new_sender(), question)

    assert "computerprogramma, geen mens" in replies[0]["text"]
    assert "Met een mens praten" in button_titles(replies)


def test_gibberish_gets_the_fallback_with_buttons_and_then_the_offer_of_a_human(
    assistant, domain_texts
):
    sender = new_sender()

    first = assistant.replies(sender, "qzxv plmokn wrtz")
    assert_dutch_answer(first, domain_texts)
    assert "niet goed begrepen" in first[0]["text"]
    assert "Met een mens praten" in button_titles(first)

    second = assistant.replies(sender, "jkdf sdlkfj oiuz")
    assert "Wil je met een mens praten?" in second[0]["text"]
    assert "Ja, met een mens praten" in button_titles(second)


def test_an_understood_message_resets_the_fallback_count(assistant):
    sender = new_sender()
    assistant.replies(sender, "qzxv plmokn wrtz")
    assistant.replies(sender, "wat kan je allemaal")

    again = assistant.replies(sender, "jkdf sdlkfj oiuz")
    assert "niet goed begrepen" in again[0]["text"]


@pytest.mark.parametrize(
    "message",
    [
        pytest.param("", id="empty"),
        pytest.param("   ", id="spaces"),
        pytest.param("a" * MAX_MESSAGE_CHARS, id="the-longest-message-taken"),
        pytest.param("😀🙈🎉", id="emoji-only"),
        pytest.param("<script>alert('x')</script>", id="script-tag"),
        pytest.param("<b>hallo</b><img src=x onerror=alert(1)>", id="html"),
        pytest.param("What is the weather like tomorrow in London?", id="english"),
        pytest.param("'; DROP TABLE events; --", id="sql"),
    ],
)
def test_bad_input_gets_a_dutch_answer_and_no_stack_trace(assistant, domain_texts, message):
    response = assistant.send(new_sender(), message)

    assert response.status_code == 200
    assert "Traceback" not in response.text
    assert_dutch_answer(response.json(), domain_texts)


@pytest.mark.parametrize("message", ["a" * 10_000, "woord " * 1700], ids=["word", "words"])
def test_a_message_over_the_limit_is_refused_before_the_nlu_and_nothing_is_lost(assistant, message):
    # 100 kB of words cost the NLU pipeline about 50 s and 11 GB: refused at the door.
    sender = new_sender()
    assistant.replies(sender, "hallo")

    response = assistant.send(sender, message)

    assert response.status_code == 413
    assert "Traceback" not in response.text
    replies = assistant.replies(sender, "ben jij een robot?")
    assert "computerprogramma" in replies[0]["text"]
    user_texts = [e["text"] for e in assistant.tracker(sender)["events"] if e["event"] == "user"]
    assert user_texts == ["hallo", "ben jij een robot?"]


def test_the_conversation_goes_on_after_bad_input(assistant):
    sender = new_sender()
    assistant.replies(sender, "hallo")
    assistant.replies(sender, "<script>alert('x')</script>")

    replies = assistant.replies(sender, "ben jij een robot?")
    assert "computerprogramma" in replies[0]["text"]
    user_texts = [e["text"] for e in assistant.tracker(sender)["events"] if e["event"] == "user"]
    assert user_texts[0] == "hallo"


def test_places_and_categories_are_recognised_and_normalised(assistant):
    parsed = assistant.parse("zoek een dagcentrum in leuven voor iemand met autisme")

    entities = {entity["entity"]: entity["value"] for entity in parsed["entities"]}
    assert entities == {
        "support_type": "dagondersteuning",
        "municipality": "Leuven",
        "target_group": "autisme",
    }


@pytest.mark.parametrize(
    ("text", "entity", "value"),
    [
        ("ik woon in sint genesius rode", "municipality", "Sint-Genesius-Rode"),
        ("wij wonen in Bruxelles", "municipality", "Brussel"),
        ("mijn postcode is 9000", "postcode", "9000"),
        ("iets in de provincie west vlaanderen", "province", "West-Vlaanderen"),
        ("mijn broer is doof", "target_group", "auditieve_beperking"),
        ("we zoeken een logeerhuis", "support_type", "logeren"),
    ],
)
def test_entity_values_use_the_ids_of_the_nlu_contract(assistant, text, entity, value):
    entities = assistant.parse(text)["entities"]

    assert (entity, value) in {(e["entity"], e["value"]) for e in entities}
