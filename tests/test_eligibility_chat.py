"""'Wat past bij mij?' over the REST channel, with the real servers and knowledge base."""

from __future__ import annotations

import pytest

from knowledge import db, queries
from tests.chat import new_sender, texts, titles

pytestmark = pytest.mark.rasa


def right_titles(**profile) -> list[str]:
    with db.session() as session:
        matches = queries.rights_for_profile(session, **profile)
        return [
            f"{m.right.name} ({m.right.abbreviation})" if m.right.abbreviation else m.right.name
            for m in matches
        ]


def start_check_for_oneself(assistant) -> str:
    """Start "wat past bij mij?" for oneself; the age question comes next."""
    sender = new_sender()
    assistant.replies(sender, "wat past bij mij")
    assistant.replies(sender, "/identify_as_person")
    return sender


def test_the_check_asks_one_question_at_a_time_and_lists_what_may_fit(assistant):
    sender = new_sender()
    first = assistant.replies(sender, "wat past er bij mij")
    assert "Voor mezelf" in titles(first)  # who is it for?

    assert texts(assistant.replies(sender, "voor mezelf"))[-1].startswith("Hoe oud ben je?")
    assert texts(assistant.replies(sender, "34"))[-1].startswith("In welke gemeente woon je?")
    # A misspelled municipality is understood.
    assert texts(assistant.replies(sender, "leuvn"))[-1].startswith("Kent het VAPH je al?")
    assert texts(assistant.replies(sender, "nee nog niet"))[-1] == "Aan welke hulp denk je vooral?"
    assert texts(assistant.replies(sender, "begeleiding"))[-1].startswith("Is je situatie")
    result = assistant.replies(sender, "niet dringend")

    with db.session() as session:
        leuven = queries.resolve_municipality(session, "Leuven")
    expected = right_titles(age=34, lives_in=leuven, recognised=False, help_kind="begeleiding")
    assert expected, "the knowledge base should have something for this profile"
    shown = [text.splitlines()[0] for text in texts(result)[1:-1]]
    assert shown == expected
    assert "beslist" in texts(result)[0] and "beslist" in texts(result)[-1]
    assert all("Waarom dit misschien past" in text for text in texts(result)[1:-1])
    assert "je woont in Leuven" in texts(result)[1]
    assert "Hulp zoeken in de buurt" in titles(result)


def test_a_first_request_at_67_shows_other_help_instead_of_a_dead_end(assistant):
    sender = start_check_for_oneself(assistant)
    for answer in ("67", "Gent", "nee nog niet", "begeleiding"):
        assistant.replies(sender, answer)
    result = texts(assistant.replies(sender, "niet dringend"))

    with db.session() as session:
        gent = queries.resolve_municipality(session, "Gent")
    profile = {"age": 67, "lives_in": gent, "recognised": False, "has_budget": False}
    assert not right_titles(help_kind="begeleiding", **profile)  # nothing for begeleiding
    assert result[0].startswith("Voor de hulp die je koos, vond ik niets dat zeker past.")
    shown = [text.splitlines()[0] for text in result[1:-1]]
    assert shown == right_titles(**profile)
    assert "Zorgbudget voor ouderen met een zorgnood" in shown
    assert "Bijstandsorganisatie" not in shown  # for budget holders only


def test_what_the_first_message_says_is_not_asked_again(assistant):
    sender = new_sender()
    assistant.replies(sender, "ik ben 34 jaar en woon in Gent, wat past bij mij")
    # Age and municipality are known: after "who is it for" comes the VAPH question.
    replies = assistant.replies(sender, "voor mezelf")
    assert texts(replies)[-1].startswith("Kent het VAPH je al?")


def test_a_parent_gets_questions_about_their_child_by_name(assistant):
    sender = new_sender()
    assistant.replies(sender, "waar heeft mijn dochter recht op")
    replies = assistant.replies(sender, "ik ben de mama van Lotte")
    assert texts(replies)[-1].startswith("Hoe oud is Lotte?")
    assert texts(assistant.replies(sender, "12"))[-1].startswith("In welke gemeente woont Lotte?")
    assistant.replies(sender, "9000")
    assistant.replies(sender, '/inform{"vaph_known": "nee"}')
    assistant.replies(sender, "/skip")
    result = assistant.replies(sender, '/inform{"urgent": "nee"}')
    reasons = "\n".join(texts(result))
    assert "Lotte is 12" in reasons and "Lotte woont in Gent" in reasons
    assert "je bent 12" not in reasons


def test_a_parent_who_starts_by_telling_facts_is_not_asked_them_again(assistant):
    """A first message with facts and no question ("ik ben de mama van Jonas, hij is 19 en
    heeft autisme") once got "Sorry, dat heb ik niet goed begrepen" and lost the facts."""
    sender = new_sender()
    first = texts(assistant.replies(sender, "ik ben de mama van Jonas, hij is 19 en heeft autisme"))
    assert "Jonas" in first[0] and "Waarmee kan ik je helpen?" in first
    assert not any(text.startswith("Sorry") for text in first)

    replies = assistant.replies(sender, "/check_eligibility")
    assert texts(replies)[0].startswith("Wil je weten welke hulp misschien bij Jonas past")
    assert texts(replies)[-1].startswith("In welke gemeente woont Jonas?")


def test_a_typed_pass_on_a_question_moves_on(assistant):
    sender = start_check_for_oneself(assistant)
    # DIET reads these words as an answer (inform); the form reads them as a skip.
    replies = assistant.replies(sender, "k zou het echt ni weten")
    assert texts(replies)[-1].startswith("In welke gemeente woon je?")


def test_outside_flanders_gets_a_kind_explanation_and_the_check_goes_on(assistant):
    sender = new_sender()
    assistant.replies(sender, "kom ik in aanmerking voor een budget")
    assistant.replies(sender, "/identify_as_person")
    assistant.replies(sender, '/inform{"age": "18-64"}')
    replies = assistant.replies(sender, "ik woon in Namen")
    assert texts(replies)[0] == "Ik lees: Wallonië."
    assert "voor wie in Vlaanderen of Brussel woont" in texts(replies)[1]
    assert texts(replies)[2].startswith("Ik zoek toch verder")
    assert texts(replies)[-1].startswith("Kent het VAPH je al?")


def test_an_answer_that_is_not_understood_is_asked_again(assistant):
    sender = start_check_for_oneself(assistant)
    replies = assistant.replies(sender, "blauw")
    assert texts(replies)[0].startswith("Die leeftijd begrijp ik niet")
    assert texts(replies)[-1].startswith("Hoe oud ben je?")


def test_a_question_in_the_middle_is_answered_and_the_check_goes_on(assistant):
    sender = start_check_for_oneself(assistant)
    replies = assistant.replies(sender, "wat is een dop eigenlijk")
    with db.session() as session:
        dop = queries.faq_answer(session, "what_is_dop", "gewoon").text
    assert texts(replies)[0] == dop
    assert texts(replies)[-1].startswith("Hoe oud ben je?")
    assert texts(assistant.replies(sender, "34"))[-1].startswith("In welke gemeente")


def test_a_crisis_in_the_middle_stops_the_check(assistant):
    sender = start_check_for_oneself(assistant)
    replies = assistant.replies(sender, "ik kan echt niet meer")
    assert all(number in texts(replies)[0] for number in ("112", "1813", "106"))
    assert not any(text.startswith("Hoe oud") for text in texts(replies))
    # The form is no longer active: a number is not taken as an age any more.
    after = assistant.replies(sender, "wat is een pvb")
    with db.session() as session:
        assert texts(after)[0] == queries.faq_answer(session, "what_is_pvb", "gewoon").text


def test_stop_leaves_the_check_and_keeps_the_answers(assistant):
    sender = start_check_for_oneself(assistant)
    assistant.replies(sender, "34")
    replies = assistant.replies(sender, "stop met vragen")
    assert "we stoppen met de vragen" in texts(replies)[0]
    slots = assistant.tracker(sender)["slots"]
    assert slots["age"] == "34" and slots["requested_slot"] is None


def test_a_search_request_instead_of_an_age_offers_the_search_and_the_check_comes_back(assistant):
    sender = start_check_for_oneself(assistant)  # the check asks the age now
    offer = assistant.replies(sender, "ik zoek woonondersteuning in Gent")

    assert not any("begrijp ik niet" in text for text in texts(offer))
    assert texts(offer)[-1].startswith("Wil je nu hulp zoeken in de buurt?")
    search, back = [button for reply in offer for button in reply.get("buttons", [])]
    assert back == {"title": "Nee, ga verder met de vragen", "payload": "/check_eligibility"}

    # The search starts with the place and the kind of help the request named.
    asked = assistant.replies(sender, search["payload"])
    assert texts(asked)[-1].startswith("Voor wie is de hulp?")
    results = assistant.replies(sender, "maakt niet uit")
    searched = next(text for text in texts(results) if text.startswith("Ik zocht"))
    assert "Gent" in searched.splitlines()[0] and "woon" in searched.splitlines()[0].lower()

    # Back to the check: it goes on at the question that was not answered.
    again = assistant.replies(sender, "wat past bij mij")
    assert texts(again)[0] == "We gaan verder met de vragen. Wat je al zei, heb ik onthouden."
    assert texts(again)[-1].startswith("Hoe oud ben je?")


def test_answers_to_later_questions_are_kept_and_not_asked_again(assistant):
    """ "allee ja het is wel dringend" at the help question was "Dat begrijp ik niet goed",
    and the urgency (and a recognition told with the age) was asked again later."""
    sender = start_check_for_oneself(assistant)
    assert texts(assistant.replies(sender, "ik ben 59 en erkend"))[-1].startswith(
        "In welke gemeente woon je?"
    )
    assert texts(assistant.replies(sender, "2800"))[-1] == "Aan welke hulp denk je vooral?"

    said = texts(assistant.replies(sender, "allee ja het is wel dringend"))
    assert said == ["Ik lees: dringend.", "Aan welke hulp denk je vooral?"]

    results = texts(assistant.replies(sender, "begeleiding"))
    assert not any(text.startswith("Is je situatie") for text in results)
    assert any("het is dringend" in text for text in results), results
    slots = assistant.tracker(sender)["slots"]
    assert (slots["vaph_known"], slots["urgent"]) == ("erkend", "ja")
