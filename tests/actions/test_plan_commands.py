"""What someone can ask about their plan at any time: change an answer, show the plan,
pause with a code, resume with it, see what is stored, delete everything."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from actions.fallback import ActionFallback
from actions.plan_commands import (
    ActionChangeAnswer,
    ActionDeleteMyData,
    ActionPauseIntake,
    ActionResumeIntake,
    ActionShowMyData,
    ActionShowPlan,
    consent_lines,
)
from bot.intake_catalogue import CONSENT_TEXT_VERSION
from bot.storage import db as storage
from bot.storage import plans, privacy, resume_codes
from bot.storage.models import AuditEntry, Consent, utcnow
from tests.actions.conftest import (
    PUBLIC_URL,
    Turn,
    load_tracker,
    run_action,
    saved_state,
    store_plan,
    stored_answers,
    user,
)

NO_PLAN = "Je hebt nog geen plan. Wil je er een beginnen?"
CONTINUE_INTAKE = [
    {"event": "slot", "timestamp": None, "name": "requested_slot", "value": None},
    {"event": "active_loop", "timestamp": None, "name": "intake_form"},
]
SAVED_PLAN = saved_state("intake_asks_wonen_wish")["stored_plan"]


# Outside a form, a command that does not continue the intake waits for the person: the
# rule after it expects the intake's next question, and without this the core fallback
# said "Sorry, dat heb ik niet goed begrepen" after the answer.
LISTEN = [{"event": "followup", "name": "action_listen", "timestamp": None}]


def not_slots(turn: Turn) -> list[dict]:
    return [event for event in turn.events if event["event"] != "slot"]


@pytest.mark.parametrize(
    ("action", "said", "events"),
    [
        (
            ActionChangeAnswer(),
            user("ik wil mijn antwoord over wonen aanpassen", "change_answer"),
            LISTEN,
        ),
        (ActionShowPlan(), user("wat heb ik al ingevuld?", "show_plan"), []),
        (ActionPauseIntake(), user("ik doe later verder", "pause"), []),
    ],
)
async def test_without_a_plan_the_user_is_offered_to_start_one(action, said, events):
    turn = await run_action(action, load_tracker("welcome", said))

    assert turn.texts == [NO_PLAN]
    assert turn.buttons == ["Ja, begin een plan", "Verder met een code"]
    assert turn.events == events


async def test_a_question_announced_and_read_as_a_change_gets_help_offered():
    said = user("ik heb een vraag over mijn budget", "change_answer")

    turn = await run_action(ActionChangeAnswer(), load_tracker("welcome", said))

    assert turn.responses == ["utter_glad_to_help"]
    assert turn.text.startswith("Ik help je graag. Stel je vraag")
    assert turn.events == LISTEN


@pytest.mark.parametrize("said", [user("stop", "stop"), user("ik doe later verder", "pause")])
async def test_stop_at_the_consent_question_is_a_no_and_keeps_nothing(said):
    """ "stop" at "Ga je akkoord?" got "Je hebt nog geen plan. Wil je er een beginnen?"."""
    turn = await run_action(ActionPauseIntake(), load_tracker("intake_asks_consent", said))

    assert turn.responses == ["utter_consent_refused"]
    assert turn.texts[0].startswith("Dat is goed, ik bewaar niets over jou en ik wis dit gesprek.")
    # "nee" in this turn makes the tracker store wipe the conversation; then no answer is left
    set_consent = [(e["name"], e["value"]) for e in turn.events if e["event"] == "slot"]
    assert set_consent == [("consent", "nee"), ("consent", None)]
    assert not_slots(turn) == []


# --- change an answer -------------------------------------------------------------------------


async def test_changing_an_answer_in_the_intake_asks_those_questions_again():
    said = user("ik wil mijn antwoord over wonen aanpassen", "change_answer")

    turn = await run_action(ActionChangeAnswer(), load_tracker("intake_asks_wonen_wish", said))

    assert turn.texts == ["Goed, we passen je antwoord over wonen aan."]
    assert turn.slots == {
        "wonen_now": None,
        "wonen_wish": None,
        "wonen_often": None,
        "wonen_who": None,
        "plan_confirmed": None,
    }
    assert not_slots(turn) == []  # the form is active: it asks the question itself
    assert "wonen_now" not in stored_answers(SAVED_PLAN["id"])


async def test_changing_an_answer_after_the_intake_stopped_starts_the_form_again():
    said = user("mijn dromen wil ik aanpassen", "change_answer")

    turn = await run_action(ActionChangeAnswer(), load_tracker("intake_after_crisis", said))

    assert turn.texts == ["Goed, we passen je antwoord over je dromen aan."]
    assert turn.slots["dream_wonen"] is None and turn.slots["dreams"] is None
    assert not_slots(turn) == CONTINUE_INTAKE[1:]
    assert turn.events[-2:] == CONTINUE_INTAKE
    assert not [key for key in stored_answers(SAVED_PLAN["id"]) if key.startswith("dream_")]


async def test_the_topic_button_names_what_to_change():
    said = user(
        '/change_answer{"intake_topic": "network"}', "change_answer", {"intake_topic": "network"}
    )

    turn = await run_action(ActionChangeAnswer(), load_tracker("intake_asks_wonen_wish", said))

    assert turn.texts == ["Goed, we passen je antwoord over je netwerk aan."]
    assert turn.slots["network_count"] == 0.0


async def test_changing_without_saying_what_asks_which_answer():
    said = user("ik wil iets aanpassen", "change_answer")

    turn = await run_action(ActionChangeAnswer(), load_tracker("intake_asks_wonen_wish", said))

    assert turn.texts == ["Welk antwoord wil je aanpassen?"]
    assert turn.buttons == [
        "Mijn verhaal",
        "Mijn dromen",
        "Mijn netwerk",
        "Wonen",
        "Dagbesteding en werk",
        "Iets anders",
    ]
    assert turn.events == []


# --- show the plan ----------------------------------------------------------------------------


async def test_show_plan_lists_what_was_filled_in_and_links_to_the_draft():
    said = user("wat heb ik al ingevuld?", "show_plan")

    turn = await run_action(ActionShowPlan(), load_tracker("intake_asks_wonen_wish", said))

    lines = turn.texts[0].split("\n")
    assert lines[0] == "Dit heb je al ingevuld:"
    assert lines[1] == "- Naam van het plan: Sam"
    assert lines[2] == (
        "- Een goede dag: Ik slaap uit, ik wandel met de hond en 's avonds kook ik met mijn zus."
    )
    assert "- Droom over vrije tijd: onbekend" not in lines  # skipped
    assert lines[-1] == "- Netwerk: 1 persoon"
    assert turn.texts[1] == (
        f"Je plan tot nu toe: {PUBLIC_URL}/plan/{SAVED_PLAN['document_token']}\n"
        f"De link werkt tot {turn.kwargs('utter_plan_link')['until']}."
    )
    assert re.fullmatch(r"\d{1,2} [a-z]+ \d{4}", turn.kwargs("utter_plan_link")["until"])
    assert turn.events == []


@pytest.mark.parametrize(
    "text",
    [
        "kan ik mijn plan doorsturen naar mijn zus",
        "kan mijn plan naar mijn begeleider gestuurd worden",
        "mag mijn mama mijn plan zien",
    ],
)
async def test_asking_to_send_the_plan_says_the_link_can_be_passed_on(text):
    turn = await run_action(
        ActionShowPlan(), load_tracker("intake_asks_wonen_wish", user(text, "show_plan"))
    )

    assert turn.texts[1].startswith(f"Je plan tot nu toe: {PUBLIC_URL}/plan/")
    assert turn.texts[2].startswith("Je kan deze link zelf doorsturen")
    assert "alleen aan mensen die je vertrouwt" in turn.texts[2]
    assert turn.buttons == ["Laat een trajectondersteuner het nakijken"]
    assert turn.replies[2]["buttons"][0]["payload"] == (
        '/request_human{"handoff_reason": "plan_review"}'
    )


async def test_asking_to_print_the_plan_says_where_the_pdf_is():
    said = user("hoe kan ik mijn plan printen", "show_plan")

    turn = await run_action(ActionShowPlan(), load_tracker("intake_asks_wonen_wish", said))

    assert turn.texts[2] == (
        "Open de link. Op die pagina kan je je plan als pdf downloaden of afdrukken."
    )


async def test_showing_the_plan_or_a_network_member_seeing_it_adds_nothing():
    for text in ("toon mijn plan", "laat het plan van ons moeder zien"):
        turn = await run_action(
            ActionShowPlan(), load_tracker("intake_asks_wonen_wish", user(text, "show_plan"))
        )
        assert turn.responses[-1] == "utter_plan_link"
        assert len(turn.texts) == 2


async def test_asking_to_send_a_plan_without_a_plan_offers_to_start_one():
    said = user("kan ik mijn plan mailen naar mijn begeleider", "show_plan")

    turn = await run_action(ActionShowPlan(), load_tracker("welcome", said))

    assert turn.texts == [NO_PLAN]


async def test_show_plan_after_only_the_name_says_the_name_not_nothing():
    said = user("toon mijn plan", "show_plan")
    saved = saved_state("intake_asks_wonen_wish")
    only_name = {slot: None for slot in saved["slots"] if slot not in ("plan_id", "plan_name")}

    turn = await run_action(
        ActionShowPlan(), load_tracker("intake_asks_wonen_wish", said, slots=only_name)
    )

    assert turn.texts[0] == "Dit heb je al ingevuld:\n- Naam van het plan: Sam"


async def test_show_plan_of_a_plan_that_is_gone_gives_no_link():
    said = user("wat heb ik al ingevuld?", "show_plan")
    tracker = load_tracker("welcome", said, slots={"plan_id": "0" * 32})

    turn = await run_action(ActionShowPlan(), tracker)

    assert turn.texts == [NO_PLAN]
    assert turn.slots == {"plan_id": None}


# --- pause and resume -------------------------------------------------------------------------


async def pause() -> str:
    """Pause the saved intake; the code said."""
    said = user("ik doe later verder", "pause")
    turn = await run_action(ActionPauseIntake(), load_tracker("intake_asks_wonen_wish", said))
    return turn.kwargs("utter_paused")["code"]


async def resume(saved: str, text: str, **entities) -> Turn:
    return await run_action(
        ActionResumeIntake(), load_tracker(saved, user(text, "resume", entities))
    )


async def test_pausing_gives_a_code_to_write_down():
    said = user("ik doe later verder", "pause")

    turn = await run_action(ActionPauseIntake(), load_tracker("intake_asks_wonen_wish", said))

    code = turn.kwargs("utter_paused")["code"]
    assert re.fullmatch(r"[A-Z]+-[A-Z]+-[A-Z]+-\d{4}", code)
    assert turn.texts == [
        f"Je antwoorden zijn bewaard, je code is {code}\n"
        f'Schrijf de code op en typ later "verder met {code}", ook in een ander gesprek en tot '
        "30 dagen lang. De code werkt één keer."
    ]
    assert turn.events == []


async def test_the_code_continues_the_plan_in_a_new_conversation_where_it_stopped():
    code = await pause()

    turn = await resume("welcome", f"verder met {code.lower()}", resume_code=code)

    assert turn.texts == ["Welkom terug. We gaan verder waar je stopte."]
    restored = turn.slots
    assert restored["plan_id"] == SAVED_PLAN["id"]
    assert restored["consent"] == "ja"
    assert restored["speaker"] == "person"
    assert restored["plan_name"] == "Sam"
    assert restored["dream_vrije_tijd"] == "onbekend"
    assert restored["network_count"] == 1.0 and restored["member_name"] is None
    assert restored["story_confirmed"] == "ja"
    assert restored["wonen_now"] == "Ik woon bij mijn ouders."
    assert restored["wonen_wish"] is None  # the next question the form asks
    assert turn.events[-2:] == CONTINUE_INTAKE
    with storage.session() as session:
        assert plans.plan_for_conversation(session, "gesprek-welkom").id == SAVED_PLAN["id"]


async def test_continuing_with_a_code_records_the_consent_under_the_current_text():
    code = await pause()

    await resume("welcome", f"verder met {code}", resume_code=code)

    with storage.session() as session:
        consents = session.execute(
            select(Consent.conversation_id, Consent.text_version).where(
                Consent.plan_id == SAVED_PLAN["id"]
            )
        ).all()
    assert ("gesprek-welkom", CONSENT_TEXT_VERSION) in consents


async def test_a_code_that_does_not_exist_is_not_found():
    turn = await resume("welcome", "verder met ZON-MAAN-STER-0000")

    assert turn.texts == [
        "Ik vind die code niet, kijk even na of je ze goed typte. "
        "Een code ziet eruit als ZON-MAAN-STER-4821."
    ]
    assert turn.buttons == ["Een nieuw plan beginnen", "Met een mens praten"]
    assert turn.events == LISTEN


async def test_a_code_older_than_thirty_days_no_longer_works():
    load_tracker("intake_asks_wonen_wish")  # the plan is stored
    with storage.session() as session:
        code = resume_codes.issue_code(session, SAVED_PLAN["id"], now=utcnow() - timedelta(days=31))

    turn = await resume("welcome", f"verder met {code}")

    assert turn.responses == ["utter_resume_expired"]
    assert turn.text.startswith("Die code werkt niet meer, want een code werkt 30 dagen.")
    assert turn.events == LISTEN


async def test_after_three_wrong_codes_the_conversation_has_to_wait():
    for wrong in ("ZON-MAAN-STER-0001", "ZON-MAAN-STER-0002", "ZON-MAAN-STER-0003"):
        assert (await resume("welcome", wrong)).responses == ["utter_resume_not_found"]
    code = await pause()

    turn = await resume("welcome", f"verder met {code}")

    assert turn.texts == [
        "Je probeerde al een paar codes, wacht 15 minuten en probeer dan opnieuw. "
        "Een mens kan je ook helpen."
    ]
    assert turn.events == LISTEN


async def test_continue_without_a_code_in_the_same_conversation_goes_back_to_the_intake():
    turn = await resume("intake_after_crisis", "verder met mijn plan")

    assert turn.texts == ["Welkom terug. We gaan verder waar je stopte."]
    assert turn.events == CONTINUE_INTAKE


async def test_continue_without_a_code_during_the_intake_lets_the_form_ask_again():
    turn = await resume("intake_asks_wonen_wish", "verder")

    assert turn.texts == []
    assert turn.events == []


async def test_continue_without_a_code_or_a_plan_asks_for_the_code():
    turn = await resume("welcome", "ik wil verder doen")

    assert turn.texts == [
        "Typ 'verder met' en dan je code. Bijvoorbeeld verder met ZON-MAAN-STER-4821."
    ]
    assert turn.events == LISTEN


@pytest.mark.parametrize(
    "text",
    ["ik ben mijn code kwijt", "ik weet mijn code niet meer", "ik kan mijn code niet vinden"],
)
async def test_a_lost_code_is_not_asked_for_a_new_plan_or_a_human_is_offered(text):
    """ "ik ben mijn code kwijt" (resume 0.86) got "Typ 'verder met' en dan je code."."""
    turn = await resume("welcome", text)

    assert turn.responses == ["utter_resume_lost"]
    assert turn.texts[0].startswith("Zonder je code kan ik je plan niet terugvinden.")
    assert turn.buttons == ["Een nieuw plan beginnen", "Met een mens praten"]
    assert turn.events == LISTEN


@pytest.mark.parametrize("text", ["ik weet mijn code niet meer", "ik kan mijn code niet vinden"])
async def test_a_lost_code_the_classifier_was_unsure_of_gets_the_same_answer(text):
    """Both were nlu_fallback (resume 0.37 and 0.26 under it) on the model of 2026-12-06."""
    said = user(text, "nlu_fallback")

    turn = await run_action(ActionFallback(), load_tracker("welcome", said))

    assert turn.responses == ["utter_resume_lost"]


async def test_a_lost_code_in_the_conversation_of_the_plan_goes_on():
    turn = await resume("intake_asks_wonen_wish", "ik ben mijn code kwijt")

    assert turn.texts == []  # the intake form asks its question again


# --- privacy ----------------------------------------------------------------------------------


async def test_what_do_you_know_about_me_without_a_plan():
    turn = await run_action(
        ActionShowMyData(), load_tracker("welcome", user("wat weet je over mij?", "show_my_data"))
    )

    assert turn.texts == [
        "Ik bewaar alleen de berichten van dit gesprek, geen plan en geen toestemming. "
        "Zeg 'vergeet mij' om ook de berichten te wissen."
    ]


async def test_what_do_you_know_about_me_names_everything_stored_in_words():
    said = user("wat weet je over mij?", "show_my_data")

    turn = await run_action(ActionShowMyData(), load_tracker("intake_asks_wonen_wish", said))

    lines = turn.texts[0].split("\n")
    assert lines[:3] == [
        "Dit bewaar ik over jou:",
        "- Je toestemming: gegeven op 2026-11-24 09:30 (tekst van 2026-11-24)",
        f"- Je antwoorden: {len(SAVED_PLAN['answers'])}",
    ]
    answers = lines[3:-5]
    assert len(answers) == len(SAVED_PLAN["answers"])
    for line in (
        "  - Droom over leren: Leren koken.",
        "  - Droom over vrije tijd: onbekend",
        "  - Netwerk, persoon 1: Naam: Ann",
        "  - Netwerk, persoon 1: Relatie: mijn zus",
        "  - Netwerk, persoon 1: Wat doet die nu?: Ze helpt me met papieren.",
        "  - Naam van het plan: Sam",
        "  - Wonen: Hoe gaat het nu?: Ik woon bij mijn ouders.",
    ):
        assert line in answers
    assert lines[-5:] == [
        "- Bevestigde versies van je plan: 1",
        "- Codes om verder te doen: 0",
        "- Gesprekken met je plan: 1",
        "  - gesprek 1: gekoppeld op 2026-11-24 09:30 (dit gesprek)",
        "- De berichten van dit gesprek",
    ]
    assert turn.buttons == []  # only this conversation: nothing to unlink


def test_a_consent_given_again_in_each_resumed_conversation_is_one_line():
    consents = [
        {"given_at": f"2026-11-2{day}T09:30:00", "text_version": "a1b2c3"} for day in (4, 5, 6)
    ] + [{"given_at": "2026-11-27T10:00:00", "text_version": "d4e5f6"}]

    assert consent_lines(consents) == [
        "- Je toestemming: 3 keer gegeven, eerst op 2026-11-24 09:30, "
        "het laatst op 2026-11-26 09:30 (tekst van a1b2c3)",
        "- Je toestemming: gegeven op 2026-11-27 10:00 (tekst van d4e5f6)",
    ]


FORGET_BROWSER = {"wegwijzer": {"forget_browser": True}}
ALL_DELETED = "Alles is gewist. Ik weet niets meer over jou."


async def test_forget_me_deletes_the_plan_and_restarts_the_conversation():
    said = user("ja, wis alles", "affirm")

    turn = await run_action(ActionDeleteMyData(), load_tracker("intake_asks_wonen_wish", said))

    assert [text for text in turn.texts if text] == [ALL_DELETED]
    # The web chat is told to forget the conversation ids it keeps.
    assert [reply["custom"] for reply in turn.replies if "custom" in reply] == [FORGET_BROWSER]
    assert turn.events == [{"event": "restart", "timestamp": None}]
    with storage.session() as session:
        assert plans.plan_by_id(session, SAVED_PLAN["id"]) is None
        assert plans.plan_for_conversation(session, "gesprek-plan") is None
        assert session.execute(select(AuditEntry.event)).scalars().all() == ["data_deleted"]
        # A turn of this conversation that is still running cannot write its events back.
        assert privacy.forgotten_at(session, "gesprek-plan") is not None


async def test_forget_me_without_a_plan_still_confirms_and_restarts():
    said = user("vergeet mij", "delete_my_data")

    turn = await run_action(ActionDeleteMyData(), load_tracker("welcome", said))

    assert [text for text in turn.texts if text] == [ALL_DELETED]
    assert [reply["custom"] for reply in turn.replies if "custom" in reply] == [FORGET_BROWSER]
    assert turn.events == [{"event": "restart", "timestamp": None}]


async def test_forget_me_reaches_the_earlier_conversations_of_the_same_browser():
    earlier, other_browser = "vorige-tab-" + "a" * 12, "andere-browser-" + "b" * 12
    with storage.session() as session:
        earlier_plan = plans.create_plan(session, earlier, "v1").id
        kept_plan = plans.create_plan(session, other_browser, "v1").id
    said = user("ja, wis alles", "affirm")
    # The web app sends the ids this browser kept; anything malformed is ignored.
    said["parse_data"]["metadata"] = {
        "client_id": "c" * 64,
        "browser_conversations": [earlier, "x", "a b c d e f g h i j k", 42, "../" * 10],
    }

    turn = await run_action(ActionDeleteMyData(), load_tracker("welcome", said))

    assert [reply["custom"] for reply in turn.replies if "custom" in reply] == [FORGET_BROWSER]
    with storage.session() as session:
        assert plans.plan_by_id(session, earlier_plan) is None
        assert plans.plan_by_id(session, kept_plan) is not None
        assert privacy.forgotten_at(session, earlier) is not None
        assert privacy.forgotten_at(session, other_browser) is None


async def test_what_do_you_know_about_me_says_who_is_talking_in_dutch():
    said = user("wat weet je over mij?", "show_my_data")

    turn = await run_action(ActionShowMyData(), load_tracker("intake_asks_wonen_wish", said))

    lines = turn.texts[0].split("\n")
    assert "  - Wie vertelt: person" not in lines
    assert "  - Wie vertelt: jij zelf" in lines


async def test_what_do_you_know_about_me_names_a_network_speaker_and_relations_in_words():
    state = saved_state("intake_asks_wonen_wish")
    told_by_a_parent = {
        "speaker": "network",
        "person_name": "Sam",
        "relation": "ouder",
        "network.1.relation": "broer_zus",
    }
    answers = {**SAVED_PLAN["answers"], **told_by_a_parent}
    store_plan({**SAVED_PLAN, "answers": answers}, state["sender_id"])
    said = user("wat weet je over mij?", "show_my_data")

    turn = await run_action(ActionShowMyData(), load_tracker("intake_asks_wonen_wish", said))

    lines = turn.texts[0].split("\n")
    for line in (
        "  - Wie vertelt: iemand uit het netwerk",
        "  - Naam van de persoon: Sam",
        "  - Relatie met de persoon: ouder",
        "  - Netwerk, persoon 1: Relatie: broer of zus",
    ):
        assert line in lines
    assert not any(line.endswith(("network", "broer_zus")) for line in lines)


@pytest.mark.parametrize(
    "text", ["kan ik mijn plan later nog aanpassen", "kan ik achteraf nog iets veranderen"]
)
async def test_changing_later_asked_without_a_plan_is_answered_yes_first(text):
    turn = await run_action(
        ActionChangeAnswer(), load_tracker("welcome", user(text, "change_answer"))
    )

    assert turn.texts == ["Ja. Ook later kan je je antwoorden nog aanpassen.", NO_PLAN]
