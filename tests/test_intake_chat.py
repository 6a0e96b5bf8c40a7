"""The omgekeerde intake over the REST channel, against the real Rasa and action servers:
consent, the stored answers, changing, pausing and resuming, privacy and deletion."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import inspect, select, text

from bot.storage import db, plans
from bot.storage.models import AuditEntry
from bot.text_hygiene import MAX_MESSAGE_CHARS
from tests.chat import new_sender, texts, titles
from tests.intake_script import FULL_INTAKE_FOR_ONESELF, PLAN_ANSWERS

pytestmark = pytest.mark.rasa

CODE = re.compile(r"\b[A-Z]{2,8}-[A-Z]{2,8}-[A-Z]{2,8}-\d{4}\b")


def chat(assistant, sender: str, messages: list[str]) -> list[str]:
    """All bot texts of these turns, in order."""
    said = []
    for message in messages:
        said += texts(assistant.replies(sender, message))
    return said


def start_plan(assistant, sender: str) -> None:
    """Consent given, for oneself, no name: the next question is "a good day"."""
    chat(assistant, sender, ["ik wil mijn plan maken", "ja", "/identify_as_person", "/skip"])


def stored(assistant, sender: str) -> dict[str, str]:
    with db.session(assistant.settings.db_url) as session:
        plan = plans.plan_for_conversation(session, sender)
        return plans.answers(session, plan.id) if plan else {}


def versions(assistant, sender: str) -> int:
    with db.session(assistant.settings.db_url) as session:
        plan = plans.plan_for_conversation(session, sender)
        return len(plans.versions(session, plan.id)) if plan else 0


def full_intake(assistant) -> tuple[str, list[str]]:
    """A complete scripted intake for oneself in a new conversation: the sender and every
    bot text."""
    sender = new_sender()
    return sender, chat(assistant, sender, FULL_INTAKE_FOR_ONESELF)


@pytest.fixture(scope="module")
def finished(assistant):
    """One complete scripted intake, shared by the tests that only read it: a test that
    changes a plan makes its own with full_intake()."""
    return full_intake(assistant)


def test_consent_is_asked_first_and_explains_what_is_stored(assistant):
    said = " ".join(texts(assistant.replies(new_sender(), "ik wil mijn ondersteuningsplan maken")))
    assert "bewaar" in said
    assert "trajectondersteuner" in said
    assert "vergeet mij" in said
    # How long, from the settings (defaults): with consent, and without it.
    assert f"{assistant.settings.plan_keep_days} dagen na je laatste wijziging" in said
    assert f"{assistant.settings.session_minutes} minuten zonder bericht" in said


def test_for_whom_without_a_yes_is_noted_and_only_the_question_comes_again(assistant):
    """ "voor mij" answers "voor wie?" of the buttons "Ja, ik vertel over mezelf" / "… over
    iemand anders": no plan yet, no "niet begrepen", and not the whole text again."""
    sender = new_sender()
    assistant.replies(sender, "ik wil een plan maken")

    replies = assistant.replies(sender, "voor mij")

    said = texts(replies)
    assert said[0] == "Goed, het plan gaat over jou."
    assert said[1].startswith("Mag ik je antwoorden, je plan en dit gesprek bewaren?")
    assert not any("dagen na je laatste wijziging" in text for text in said)
    assert titles(replies)[:2] == ["Ja, dat is goed", "Nee"]
    assert stored(assistant, sender) == {}
    after_yes = chat(assistant, sender, ["ja"])
    assert stored(assistant, sender)["speaker"] == "person"
    assert not any("Zoek je hulp voor jezelf" in text for text in after_yes)


def test_an_unclear_answer_to_the_consent_asks_the_question_only(assistant):
    sender = new_sender()
    assistant.replies(sender, "ik wil een plan maken")

    replies = assistant.replies(sender, "ik weet het nog niet")

    said = texts(replies)
    assert said[0] == "Sorry, dat begreep ik niet. Kies ja of nee."
    assert said[1] == "Mag ik je antwoorden, je plan en dit gesprek bewaren? Kies een knop."
    assert titles(replies)[:2] == ["Ja, ik vertel over mezelf", "Ja, ik vertel over iemand anders"]
    assert stored(assistant, sender) == {}


def test_without_consent_nothing_is_stored_and_questions_still_work(assistant):
    sender = new_sender()
    said = chat(assistant, sender, ["ik wil mijn ondersteuningsplan maken", "nee"])
    assert any("ik bewaar niets" in line.lower() for line in said)
    assert stored(assistant, sender) == {}
    # The conversation so far is deleted from the tracker store at once.
    events = assistant.tracker(sender)["events"]
    assert [e for e in events if e["event"] == "user"] == []
    answer = " ".join(texts(assistant.replies(sender, "wat is een pvb")))
    assert "budget" in answer.lower()


def test_stop_at_the_consent_question_is_a_no_and_keeps_nothing(assistant):
    """ "stop" at "Ga je akkoord?" got "Je hebt nog geen plan. Wil je er een beginnen?"."""
    sender = new_sender()
    said = chat(assistant, sender, ["ik wil mijn plan maken", "stop"])
    assert "ik bewaar niets" in said[-1].lower()
    assert not any("nog geen plan" in line for line in said)
    assert [e for e in assistant.tracker(sender)["events"] if e["event"] == "user"] == []


def test_yes_to_starting_a_plan_asks_for_the_consent(assistant):
    """ "toon mijn plan" without a plan, then a typed "ja": it got the menu."""
    sender = new_sender()
    said = chat(assistant, sender, ["toon mijn plan"])
    assert said == ["Je hebt nog geen plan. Wil je er een beginnen?"]
    said = chat(assistant, sender, ["ja"])
    assert "Ga je akkoord?" in said[-1]


def test_a_complete_intake_stores_every_answer_and_ends_with_a_link(assistant, finished):
    sender, said = finished
    answers = stored(assistant, sender)
    assert answers["good_day"] == "s morgens rustig koffie drinken en dan naar de werkplaats"
    assert answers["dream_leren"] == "onbekend"  # skipped
    assert answers["hard_now"] == "papieren invullen en koken lukt moeilijk"
    assert answers["network.1.name"] == "je zus Ann"
    assert answers["network.1.relation"] == "broer_zus"  # read from "mijn zus Ann"
    assert answers["network.1.could_do"] == "ze kan mee koken op zondag"
    assert answers["wonen_wish"] == "woonondersteuning"
    assert answers["wonen_often"] == "3"
    assert answers["wonen_who"] == "vergund,netwerk"
    assert answers["dagbesteding_often"] == "4"
    assert answers["huishouden_who"] == "welzijn"
    assert answers["vrije_tijd_wish"] == "geen"
    assert answers["urgency_sustainable"] == "nee"
    assert answers["spending"] == "cash"
    assert "/plan/" in said[-1] or any("/plan/" in line for line in said[-3:])
    assert versions(assistant, sender) == 1  # the whole plan was confirmed


def test_only_the_chosen_life_domains_are_asked_and_the_story_is_not_asked_twice(
    assistant, finished
):
    sender, said = finished
    answers = stored(assistant, sender)
    assert answers["life_domains"] == "wonen,dagbesteding,vrije_tijd,relaties,zelfzorg,huishouden"
    # Not chosen: never asked, so nothing is stored; the plan says "niet besproken".
    assert not [key for key in answers if key.startswith(("mobiliteit_", "communicatie_"))]
    assert not any("verplaats" in line.lower() for line in said)
    # "papieren invullen en koken lukt moeilijk" told how the household goes now.
    assert answers["huishouden_now"] == answers["hard_now"]
    assert any(
        line.startswith("Over huishouden en administratie zei je al: 'papieren invullen")
        for line in said
    )
    assert not any(
        "huishouden" in line.lower() and "hoe gaat het nu" in line.lower() for line in said
    )


def test_the_scripted_intake_ends_at_its_last_turn(finished):
    _, said = finished
    # The link to the draft comes once, after the last of the script's turns: 30 turns for
    # the plan content that took 48 before the choice of life domains and 44 after it.
    assert len(FULL_INTAKE_FOR_ONESELF) == 30
    assert sum("/plan/" in line for line in said) == 1


def test_the_shorter_intake_keeps_the_same_plan_content(assistant, finished):
    sender, _ = finished
    answers = stored(assistant, sender)
    assert answers.pop("dreams") == "per deel verteld"  # split over the life domains
    assert answers == PLAN_ANSWERS


def test_what_one_answer_told_besides_the_question_is_said_back(finished):
    _, said = finished
    assert (
        "Ik noteer ook wie helpt: een vergunde zorgaanbieder en familie, vrienden of buren." in said
    )
    assert "Ik noteer ook wie helpt: het OCMW, CAW of ziekenfonds." in said
    assert "Ik noteer ook hoe lang het al zo is: al twee jaar." in said
    # how often and who were told with the wish: never asked
    assert not any(line.startswith(("Hoe vaak is die hulp nodig", "Wie kan")) for line in said)


def test_the_one_summary_at_the_end_shows_the_story_and_the_support(finished):
    _, said = finished
    summary = said.index(next(line for line in said if line.startswith("Dit heb ik onthouden")))
    assert "werken in een dierenasiel" in said[summary]
    assert said[summary + 1].startswith("Dit is de hulp die je vraagt:")
    assert said[summary + 2] == "Klopt dit?"
    assert said.count("Klopt dit?") == 1


def test_a_wish_chosen_with_a_button_asks_how_often_in_its_unit_then_who(assistant):
    sender = new_sender()
    chat(
        assistant,
        sender,
        ["ik wil mijn plan maken", "/identify_as_person", *["/skip"] * 6, "wonen"],
    )
    said = chat(assistant, sender, ["/skip", "/skip", "/skip"])  # dreams, network, wonen now
    said = chat(assistant, sender, ['/inform{"choice": "woonondersteuning"}'])
    assert any("nachten per week" in line for line in said)
    # "3, van mijn zus": how often, and who in the same answer
    said = chat(assistant, sender, ["3, van mijn zus"])
    assert "Ik noteer ook wie helpt: familie, vrienden of buren." in said
    answers = stored(assistant, sender)
    assert (answers["wonen_often"], answers["wonen_who"]) == ("3", "netwerk")


def test_a_network_member_is_asked_about_the_person(assistant):
    sender = new_sender()
    said = chat(
        assistant,
        sender,
        ["ik ben de mama van Lotte", "ik wil een ondersteuningsplan maken", "ja", "/skip"],
    )
    assert any("Lotte" in line for line in said[-2:])
    assert stored(assistant, sender)["speaker"] == "network"


def test_the_name_already_told_is_offered_at_the_name_question_and_taken(assistant):
    """ "ik ben de mama van Lotte" was asked "Welke naam mag in het plan staan?" with only
    "Sla over": the name is now a button, and choosing it puts Lotte in the plan."""
    sender = new_sender()
    chat(assistant, sender, ["ik ben de mama van Lotte"])
    chat(assistant, sender, ["ik wil een ondersteuningsplan maken"])  # the consent question
    replies = assistant.replies(sender, "ja")
    assert texts(replies)[-1].startswith("Welke naam mag in het plan staan?")
    name_button = next(b for b in replies[-1]["buttons"] if b["title"] == "Lotte")
    assert titles(replies) == ["Lotte", "Sla over"]

    said = chat(assistant, sender, [name_button["payload"]])

    assert stored(assistant, sender)["plan_name"] == "Lotte"
    assert "goede dag" in said[-1] and "Lotte" in said[-1]


def test_a_plan_asked_for_a_son_does_not_ask_for_whom_after_the_yes(assistant):
    sender = new_sender()
    consent = assistant.replies(sender, "ik wil een plan maken voor mijn zoon")
    # The buttons do not offer "Ja, ik vertel over mezelf" against what was just said.
    assert titles(consent) == ["Ja, dat is goed", "Nee", "Meer over privacy"]
    said = chat(assistant, sender, ["ja"])
    assert not any(line.startswith("Vertel je over jezelf of over iemand anders?") for line in said)
    assert said[-1].startswith("Welke naam mag in het plan staan?")
    answers = stored(assistant, sender)
    assert (answers["speaker"], answers["person_ref"]) == ("network", "je zoon")


def test_the_name_a_parent_gives_for_the_plan_is_used_in_the_next_questions(assistant):
    """The questions went on with "je zoon" after the parent had typed "Tibo"."""
    sender = new_sender()
    chat(assistant, sender, ["ik wil een plan maken voor mijn zoon", "ja"])

    said = chat(assistant, sender, ["tibo"])

    assert said[-1] == "Vertel eens: hoe ziet een goede dag eruit voor Tibo?"
    answers = stored(assistant, sender)
    assert (answers["plan_name"], answers["person_ref"]) == ("tibo", "Tibo")


def test_a_plan_asked_for_someone_named_offers_the_name_after_the_yes(assistant):
    """ "ik wil een plan maken voor ons Jana" named no relation: "ja" was followed by "Vertel
    je over jezelf of over iemand anders?"."""
    sender = new_sender()
    consent = assistant.replies(sender, "ik wil een plan maken voor ons Jana")
    assert titles(consent) == ["Ja, dat is goed", "Nee", "Meer over privacy"]

    replies = assistant.replies(sender, "ja")

    assert texts(replies)[-1].startswith("Welke naam mag in het plan staan?")
    assert titles(replies) == ["Jana", "Sla over"]
    assert stored(assistant, sender)["speaker"] == "network"


def test_an_answer_about_her_answers_for_whom(assistant):
    """ "ze is 23" to "Vertel je over jezelf of over iemand anders?" was "Dat begrijp ik niet
    goed", and so was every next sentence about her."""
    sender = new_sender()
    said = chat(assistant, sender, ["ik wil een plan maken", "ja"])
    assert said[-1].startswith("Vertel je over jezelf of over iemand anders?")

    said = chat(assistant, sender, ["ze is 23"])

    assert said[-1].startswith("Welke naam mag in het plan staan?"), said
    assert stored(assistant, sender)["speaker"] == "network"


def test_changing_an_answer_after_the_intake_asks_again_and_makes_a_new_version(assistant):
    sender, _ = full_intake(assistant)
    assert versions(assistant, sender) == 1
    said = chat(assistant, sender, ["ik wil mijn antwoord over vrije tijd aanpassen"])
    assert any("vrije tijd" in line.lower() for line in said)
    chat(assistant, sender, ["ik wil leren dansen", CHOICE_NONE])
    assert stored(assistant, sender)["vrije_tijd_now"] == "ik wil leren dansen"
    said = chat(assistant, sender, ["/affirm"])
    assert any("/plan/" in line for line in said)
    assert versions(assistant, sender) == 2


CHOICE_NONE = '/inform{"choice": "geen"}'


def test_pause_and_resume_in_another_conversation(assistant):
    first, second = new_sender(), new_sender()
    chat(assistant, first, ["ik wil mijn plan maken", "ja", "/identify_as_person", "Noor"])
    said = chat(assistant, first, ["zwemmen en tekenen", "ik doe later verder"])
    code = CODE.search(" ".join(said)).group(0)
    said = chat(assistant, second, [f"verder met {code.lower().replace('-', ' ')}"])
    assert any("Welkom terug" in line for line in said)
    assert any("belangrijk" in line for line in said)  # the question after "a good day"
    chat(assistant, second, ["mijn familie"])
    answers = stored(assistant, second)
    assert answers["good_day"] == "zwemmen en tekenen"
    assert answers["what_matters"] == "mijn familie"
    assert answers["plan_name"] == "Noor"


def test_wrong_codes_get_a_kind_answer_and_are_throttled(assistant):
    owner, guesser = new_sender(), new_sender()
    said = chat(assistant, owner, ["ik wil mijn plan maken", "ja", "pauze"])
    code = CODE.search(" ".join(said)).group(0)
    for attempt in ("verder met AAP-NOOT-MAAN-0001", "verder met AAP-NOOT-MAAN-0002"):
        assert any("vind die code niet" in line for line in chat(assistant, guesser, [attempt]))
    chat(assistant, guesser, ["verder met AAP-NOOT-MAAN-0003"])
    said = chat(assistant, guesser, [f"verder met {code}"])
    assert any("minuten" in line for line in said)
    assert stored(assistant, guesser) == {}


def test_a_plan_survives_a_restart_of_the_rasa_server(assistant):
    sender = new_sender()
    start_plan(assistant, sender)
    chat(assistant, sender, ["lang slapen en dan wandelen"])
    assistant.restart_rasa()
    # An answer the NLU reads as `inform` on every training (bare "mijn hond" was read as
    # start_intake 0.74 by one training and so taken for a command, not an answer: a
    # known weakness of the intake, noted for the understanding issue).
    answer = "tijd met mijn familie en mijn hond"
    said = chat(assistant, sender, [answer])
    assert stored(assistant, sender)["what_matters"] == answer
    assert any("goed in" in line for line in said)  # the next question, nothing lost


@pytest.mark.parametrize(
    "way_back, first_reply",
    [
        ("verder met mijn plan", "Welkom terug. We gaan verder"),
        # Issue 14: "dat bedoelde ik niet" after a crisis answer goes back as well.
        ("dat bedoelde ik niet", "Sorry, dan heb ik je verkeerd begrepen."),
    ],
)
def test_crisis_in_the_middle_stops_the_intake_and_keeps_the_answers(
    assistant, way_back, first_reply
):
    sender = new_sender()
    start_plan(assistant, sender)
    # An answer every training reads as one ("samen eten met mijn broer" was read as a crisis
    # by DIET at 0.79 on the model of 2026-11-30 23:24; docs/benchmarks.md).
    chat(assistant, sender, ["samen koken met mijn zus"])
    said = " ".join(chat(assistant, sender, ["ik wil er niet meer zijn"]))
    assert "1813" in said
    assert "bewaard" in said
    assert stored(assistant, sender)["good_day"] == "samen koken met mijn zus"
    said = chat(assistant, sender, [way_back])  # back to the next question
    assert said[0].startswith(first_reply)
    assert any("belangrijk" in line for line in said[1:])
    assert stored(assistant, sender)["good_day"] == "samen koken met mijn zus"


@pytest.mark.parametrize("answer", ["dat ik gelukkig ben", "gelukkig zijn met mijn vrienden"])
def test_happiness_as_what_matters_is_an_answer_not_a_crisis(assistant, answer):
    """ "dat ze gelukkig is" at "Wat is belangrijk?" was read as a crisis by DIET (0.95 on
    the model of 2026-12-06): the crisis lines, and the intake stopped."""
    sender = new_sender()
    start_plan(assistant, sender)
    chat(assistant, sender, ["samen koken met mijn zus"])

    said = chat(assistant, sender, [answer])

    assert not any("1813" in line for line in said), said
    assert stored(assistant, sender)["what_matters"] == answer
    assert any("goed in" in line for line in said)  # the next question


def test_loneliness_told_in_the_story_gets_the_crisis_lines_and_a_way_back(assistant):
    """A soft crisis signal (bot/crisis_signals_soft.txt): every crisis line, and the button
    "Dat bedoelde ik niet", which keeps the message as the answer and goes on."""
    sender = new_sender()
    start_plan(assistant, sender)

    replies = assistant.replies(sender, "ik voel mij zo eenzaam")
    said = " ".join(texts(replies))
    assert "1813" in said and "106" in said
    assert "Dat bedoelde ik niet" in titles(replies)

    back = chat(assistant, sender, ["/not_meant"])
    assert back[0].startswith("Sorry, dan heb ik je verkeerd begrepen.")
    assert any("belangrijk" in line for line in back[1:])
    assert stored(assistant, sender)["good_day"] == "ik voel mij zo eenzaam"


def test_bad_input_is_kept_safely(assistant):
    sender = new_sender()
    start_plan(assistant, sender)
    start = "<b>koffie</b> 😀 "  # the longest message taken, longer than an answer may be
    said = chat(assistant, sender, [start + "x" * (MAX_MESSAGE_CHARS - len(start))])
    assert any("4000" in line for line in said)
    value = stored(assistant, sender)["good_day"]
    assert value.startswith("<b>koffie</b> 😀")
    assert len(value) == 4000


def test_show_my_data_lists_what_is_stored(assistant):
    sender = new_sender()
    start_plan(assistant, sender)
    chat(assistant, sender, ["fietsen langs de Schelde"])
    said = " ".join(chat(assistant, sender, ["wat weet je over mij"]))
    assert "fietsen langs de Schelde" in said
    assert "toestemming" in said


def test_delete_my_data_leaves_nothing_of_the_person(assistant):
    sender, other = new_sender(), new_sender()
    start_plan(assistant, sender)
    chat(assistant, sender, ["taart bakken met oma Jeanne", "pauze"])
    chat(assistant, other, ["hallo"])
    said = chat(assistant, sender, ["vergeet mij"])
    assert any("wis" in line for line in said)
    assert stored(assistant, sender)  # nothing is deleted before the yes
    said = chat(assistant, sender, ["ja"])
    assert any("gewist" in line for line in said)

    with db.session(assistant.settings.db_url) as session:
        connection = session.connection()
        for table in inspect(connection).get_table_names():
            for row in connection.execute(text(f'SELECT * FROM "{table}"')):
                row_text = " ".join(str(value) for value in row)
                assert sender not in row_text, table
                assert "oma Jeanne" not in row_text, table
        assert session.execute(select(AuditEntry.event)).scalars().all().count("data_deleted")
    assert assistant.tracker(other)["events"]  # other conversations stay
    assert [e for e in assistant.tracker(sender)["events"] if e["event"] == "user"] == []


def test_a_search_request_in_the_story_offers_the_search_and_the_story_goes_on(assistant):
    """Issue 14, point 7: "ik zoek woonondersteuning in Gent" at a question about the
    person is not stored as the answer; the search is offered, and the story comes back at
    the question that was not answered, with the answers before it kept."""
    sender = new_sender()
    start_plan(assistant, sender)  # the next question: a good day
    chat(assistant, sender, ["ik slaap uit en wandel met de hond"])  # -> what matters

    offer = assistant.replies(sender, "ik zoek woonondersteuning in Gent")
    assert texts(offer)[-1].startswith("Wil je nu hulp zoeken in de buurt?")
    search, back = [button for reply in offer for button in reply.get("buttons", [])]
    assert back == {"title": "Nee, ga verder met mijn verhaal", "payload": "/start_intake"}
    assert stored(assistant, sender)["good_day"] == "ik slaap uit en wandel met de hond"
    assert "what_matters" not in stored(assistant, sender)

    # The search starts with the place and the kind of help the request named.
    asked = assistant.replies(sender, search["payload"])
    assert texts(asked)[-1].startswith("Voor wie is de hulp?")
    results = texts(assistant.replies(sender, "maakt niet uit"))
    assert any(text.startswith("Ik zocht") and "Gent" in text for text in results), results

    # Back to the story: the question that was not answered, nothing asked twice.
    again = texts(assistant.replies(sender, back["payload"]))
    assert again[-1] == "Wat is belangrijk voor jou?"
    assert not any("toestemming" in text.lower() for text in again)
    chat(assistant, sender, ["dat ik zelf kan kiezen"])
    assert stored(assistant, sender)["what_matters"] == "dat ik zelf kan kiezen"


@pytest.mark.parametrize(
    ("message", "answer"),
    [
        ("/change_answer", "Je hebt nog geen plan. Wil je er een beginnen?"),
        ("/resume", "Typ 'verder met' en dan je code. Bijvoorbeeld verder met ZON-MAAN-STER-4821."),
    ],
)
def test_a_plan_command_without_a_plan_gets_one_answer_and_no_misunderstanding(
    assistant, message, answer
):
    """Outside the intake, "change an answer" without a plan and "verder" without a code were
    followed by "Sorry, dat heb ik niet goed begrepen" (actions/plan_commands.py)."""
    sender = new_sender()
    assert texts(assistant.replies(sender, message)) == [answer]
    # The conversation goes on as usual.
    assert texts(assistant.replies(sender, "/greet"))[0].startswith("Hallo, ik ben Wegwijzer.")


def test_asking_to_answer_later_passes_on_the_question_and_stores_nothing(assistant):
    """ "mag ik dit later invullen" (nlu_fallback on the model of 2026-12-06) was stored as
    the answer to the question and the next one came."""
    sender = new_sender()
    start_plan(assistant, sender)

    said = chat(assistant, sender, ["mag ik dit later invullen"])

    assert "goede dag" not in said[-1]  # the next question
    assert "mag ik dit later invullen" not in stored(assistant, sender).values()


@pytest.mark.parametrize("question", ["wat moet ik hier zeggen", "wat bedoel je daarmee"])
def test_a_question_about_the_question_says_how_to_answer_and_asks_again(assistant, question):
    """ "wat moet ik hier zeggen" (ask_capabilities 0.99 on the model of 2026-12-06) was
    stored as the answer, and the next question came."""
    sender = new_sender()
    start_plan(assistant, sender)

    said = chat(assistant, sender, [question])

    assert said[0].startswith("Vertel het in je eigen woorden")
    assert "goede dag" in said[-1]  # the same question again
    assert question not in stored(assistant, sender).values()


@pytest.mark.parametrize("question", ["hoeveel vragen zijn er nog", "zijn we er bijna"])
def test_asking_how_many_questions_are_left_answers_and_asks_again(assistant, question):
    """ "hoeveel vragen zijn er nog" (more_results 0.77 on the model of 2026-12-06) was
    stored as the answer, and the next question came."""
    sender = new_sender()
    start_plan(assistant, sender)

    said = chat(assistant, sender, [question])

    # Before the life domains are chosen, the number depends on them.
    assert said[0].startswith("Dat hangt af van de thema's die je kiest")
    assert "goede dag" in said[-1]  # the same question again
    assert question not in stored(assistant, sender).values()


def test_asking_whether_someone_else_may_type_in_the_intake_answers_and_asks_again(assistant):
    sender = new_sender()
    start_plan(assistant, sender)

    said = chat(assistant, sender, ["mag mijn begeleider dit invullen voor mij"])

    assert said[0].startswith("Ja, dat mag.")
    assert "goede dag" in said[-1]  # the same question again
    assert "mag mijn begeleider dit invullen voor mij" not in stored(assistant, sender).values()
