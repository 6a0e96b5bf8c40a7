"""The hand-off on the bot side: action_request_human opens a case for the team of the
person's place, the contact form asks how to get in touch, and action_tell_handoff says
honestly who can help and when. After a crisis the crisis lines always come first."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from actions import human
from actions.crisis import ActionCrisis
from actions.fallback import ActionFallback
from actions.faq import ActionAnswerFaq
from actions.human import ActionRequestHuman, ActionTellHandoff, ValidateContactForm
from actions.out_of_scope import ActionOutOfScope
from bot.handoff import assistant, cases
from bot.storage import db, portal_sessions, workers
from bot.storage.models import Case
from tests.actions.conftest import domain, load_tracker, run_action, user

CRISIS_LINES = (
    "Bel 112 bij gevaar",
    "Bel gratis 1813",
    "Bel gratis en anoniem 106",
    "Bel 1712",
)
# Whether the team works now or when it is back: which one depends on the real clock.
TEAM_NOW_OR_BACK = ("utter_team_works_now", "utter_team_back")
CASE_SLOTS = ("contact_preference", "contact_value", "contact_when")


def ask_for_a_human(**entities: Any) -> dict:
    return user("ik wil met een mens praten", "request_human", entities)


def stored_cases() -> list[Case]:
    with db.session() as session:
        return list(session.execute(select(Case)).scalars())


def case_of(conversation_id: str) -> Case:
    with db.session() as session:
        found = cases.open_case_for_conversation(session, conversation_id)
    assert found is not None
    return found


def open_case_for(conversation_id: str, place: str | None = "Gent", reason: str = "request_human"):
    return assistant.open_case(
        reason=reason,
        conversation_id=conversation_id,
        channel="rest",
        slots={"place": place},
    )


def worker_online(team: str) -> None:
    with db.session() as session:
        worker = workers.add_worker(
            session, "an", "An Peeters", "paard-batterij-nietje", "worker", [team]
        )
        portal_sessions.create_session(session, worker.id)


# --- action_request_human ---------------------------------------------------------------------


async def test_asking_for_a_human_opens_a_case_for_the_team_of_the_place():
    tracker = load_tracker("eligibility_done", ask_for_a_human())

    turn = await run_action(ActionRequestHuman(), tracker)

    [case] = stored_cases()
    assert (case.reason, case.urgency, case.team_id, case.status) == (
        "request_human",
        "gewoon",
        "vlaams-brabant",
        "nieuw",
    )
    assert case.conversation_id == tracker.sender_id and case.channel == "rest"
    # The summary holds what the form knew, never message text.
    assert case.summary_data["municipality"] == "Leuven"
    assert case.summary_data["age_band"] == "18-64"
    assert case.summary_data["speaker"] == "person"
    assert turn.responses == ["utter_handoff_started"]
    assert turn.text.startswith("Ik geef je vraag door aan Team Vlaams-Brabant en Brussel.")
    assert turn.slots == {"case_id": case.id, **dict.fromkeys(CASE_SLOTS)}
    # No promise of a person before we know one can come.
    assert "online" not in turn.text and "komt" not in turn.text


def after_results(page: float | None) -> dict[str, Any]:
    """load_tracker's arguments for a search just answered: results (page 1) or none."""
    earlier = [
        {"event": "action", "name": "action_show_providers"},
        {"event": "slot", "name": "provider_page", "value": page},
        {"event": "action", "name": "action_listen"},
    ]
    return {"earlier": earlier, "slots": {"provider_page": page}}


@pytest.mark.parametrize(
    ("text", "intent", "action"),
    [
        ("hoe kan ik die bellen", "request_human", ActionRequestHuman),
        ("wat is hun telefoonnummer", "faq", ActionAnswerFaq),
        ("hoe kan ik ze contacteren", "inform", ActionFallback),
        ("wat is het nummer van de eerste", "out_of_scope", ActionOutOfScope),
    ],
)
async def test_calling_the_providers_just_shown_is_no_case_for_the_team(text, intent, action):
    """The numbers are in the results: no case, no contact question, and a human offered,
    whatever the classifier read."""
    said = user(text, intent)

    turn = await run_action(
        action(), load_tracker("provider_search_done", said, **after_results(1.0))
    )

    assert stored_cases() == []
    assert turn.responses == ["utter_reach_the_providers"]
    assert "telefoonnummer en de website staan bij elke aanbieder" in turn.text
    assert turn.buttons == ["Met een mens praten", "Iets anders vragen"]
    assert {"event": "rewind"} not in turn.events  # understood: no miss


@pytest.mark.parametrize("searched", [False, True])
async def test_another_matter_without_providers_shown_is_out_of_scope(searched):
    """No search before, or one that found nothing: no numbers to point at."""
    said = user("wat is het nummer van de bib", "out_of_scope")
    tracker = load_tracker("welcome", said, **(after_results(None) if searched else {}))

    turn = await run_action(ActionOutOfScope(), tracker)

    assert turn.responses == ["utter_out_of_scope"]


@pytest.mark.parametrize(
    ("text", "page"),
    [
        ("kan ik iemand van jullie bellen", 1.0),  # a person of Wegwijzer's team
        ("hoe kan ik die bellen", None),  # nothing was found: no numbers to point at
        ("ik wil met een mens praten", 1.0),
    ],
)
async def test_asking_for_a_person_after_results_still_opens_a_case(text, page):
    said = user(text, "request_human")

    turn = await run_action(
        ActionRequestHuman(), load_tracker("provider_search_done", said, **after_results(page))
    )

    assert len(stored_cases()) == 1
    assert turn.responses == ["utter_handoff_started"]


async def test_without_a_place_the_case_goes_to_the_default_team():
    turn = await run_action(ActionRequestHuman(), load_tracker("welcome", ask_for_a_human()))

    [case] = stored_cases()
    assert case.team_id == "vlaanderen"
    assert "Team Vlaanderen" in turn.text


async def test_asking_twice_keeps_one_case_and_does_not_ask_the_contact_again():
    tracker = load_tracker("welcome", ask_for_a_human())
    first = await run_action(ActionRequestHuman(), tracker)
    with db.session() as session:
        cases.set_contact(session, first.slots["case_id"], "e-mail", "an@telenet.be")

    again = await run_action(ActionRequestHuman(), load_tracker("welcome", ask_for_a_human()))

    assert len(stored_cases()) == 1
    assert again.slots == {"case_id": first.slots["case_id"]}


async def test_the_plan_review_button_opens_a_plan_review_case_with_the_plan():
    tracker = load_tracker(
        "intake_asks_plan_confirmed", ask_for_a_human(handoff_reason="plan_review")
    )

    turn = await run_action(ActionRequestHuman(), tracker)

    [case] = stored_cases()
    assert case.reason == "plan_review"
    assert case.plan_id == tracker.get_slot("plan_id")
    assert turn.responses == ["utter_plan_review_started"]
    assert "kijkt het samen met jou na" in turn.text
    assert "beslist die niet: dat doet het VAPH" in turn.text


async def test_after_a_crisis_the_crisis_lines_come_first_then_the_urgent_case():
    tracker = load_tracker("intake_after_crisis", ask_for_a_human())

    turn = await run_action(ActionRequestHuman(), tracker)

    assert turn.responses == ["utter_human_after_crisis", "utter_handoff_started"]
    text = turn.text
    assert text.startswith("Eerst het belangrijkste. Ben je of is iemand in gevaar")
    positions = [text.index(line) for line in CRISIS_LINES]
    assert positions == sorted(positions), "112 first, then 1813, 106 and 1712"
    assert text.index("Ik geef je vraag door") > positions[-1]
    [case] = stored_cases()
    assert case.urgency == "dringend" and case.summary_data["crisis"] is True


async def test_after_a_crisis_in_easy_language():
    tracker = load_tracker(
        "intake_after_crisis", ask_for_a_human(), slots={"reading_level": "eenvoudig"}
    )

    turn = await run_action(ActionRequestHuman(), tracker)

    assert turn.text.startswith("Ben je in gevaar? Of is iemand anders in gevaar?")
    assert all(line in turn.text for line in CRISIS_LINES)
    assert "Daar werken mensen die je persoonlijk verder helpen." in turn.text


@pytest.mark.parametrize("reading_level", ["gewoon", "eenvoudig"])
async def test_violence_and_abuse_have_their_own_line(reading_level):
    tracker = load_tracker(
        "intake_after_crisis", ask_for_a_human(), slots={"reading_level": reading_level}
    )

    turn = await run_action(ActionRequestHuman(), tracker)

    assert "geweld, misbruik of kindermishandeling? Bel 1712" in turn.text


async def test_after_a_crisis_without_the_knowledge_base_it_still_gives_112(tmp_path, monkeypatch):
    monkeypatch.setenv("WEGWIJZER_KNOWLEDGE_DB_URL", f"sqlite:///{tmp_path / 'empty.db'}")

    turn = await run_action(
        ActionRequestHuman(), load_tracker("intake_after_crisis", ask_for_a_human())
    )

    assert turn.responses[0] == "utter_crisis_without_knowledge"
    assert "Bel dan meteen 112." in turn.text


async def test_when_the_case_cannot_be_stored_it_says_where_a_person_can_be_reached(monkeypatch):
    def broken(**_: Any) -> None:
        raise RuntimeError("database down")

    monkeypatch.setattr(assistant, "open_case", broken)

    turn = await run_action(ActionRequestHuman(), load_tracker("welcome", ask_for_a_human()))

    assert turn.responses == ["utter_handoff_failed"]
    assert "Dienst Ondersteuningsplan (DOP) helpt je gratis" in turn.text
    assert turn.slots == {"case_id": None}


# --- the other triggers -----------------------------------------------------------------------


async def test_a_crisis_answers_first_and_opens_an_urgent_case():
    tracker = load_tracker("eligibility_asks_place", user("ik kan niet meer", "crisis"))

    turn = await run_action(ActionCrisis(), tracker)

    assert turn.responses == ["utter_crisis"]  # unchanged: the answer first
    assert turn.slots == {"crisis_left_form": "eligibility_form"}  # for "dat bedoelde ik niet"
    [case] = stored_cases()
    assert (case.reason, case.urgency) == ("crisis", "dringend")


async def test_the_second_miss_in_a_row_opens_a_case():
    tracker = load_tracker("after_one_miss", user("sdfkj", "gibberish"))

    turn = await run_action(ActionFallback(), tracker)

    assert turn.responses == ["utter_fallback_offer_human"]
    [case] = stored_cases()
    assert case.reason == "fallback"


async def test_the_first_miss_opens_no_case():
    await run_action(ActionFallback(), load_tracker("welcome", user("qzxv", "nlu_fallback")))

    assert stored_cases() == []


# --- the contact question ---------------------------------------------------------------------


async def validate(said: dict, extracted: dict[str, Any], **slots: Any):
    opened = open_case_for("gesprek-mens")
    tracker = load_tracker(
        "contact_asks_preference",
        said,
        extracted=extracted,
        slots={"case_id": opened.case_id, **slots},
    )
    return await run_action(ValidateContactForm(), tracker)


@pytest.mark.parametrize(
    ("text", "preference"),
    [
        ("bel mij maar", "telefoon"),
        ("via mail aub", "e-mail"),
        ("hier in de chat is goed", "chat"),
        ("liever niet", "geen"),
        ("nee dank u", "geen"),
    ],
)
async def test_the_preference_in_own_words(text, preference):
    turn = await validate(user(text, "inform"), {"contact_preference": text})

    assert turn.slots["contact_preference"] == preference


async def test_a_button_sends_the_preference():
    said = user(
        '/inform{"contact_preference": "e-mail"}', "inform", {"contact_preference": "e-mail"}
    )

    turn = await validate(said, {"contact_preference": "e-mail"})

    assert turn.slots["contact_preference"] == "e-mail"
    # All three questions are needed: Rasa's form asks the next one, the address.
    assert "requested_slot" not in turn.slots


async def test_a_phone_number_with_the_preference_is_kept_and_not_asked_again():
    text = "bel me op 0470 12 34 56"

    turn = await validate(user(text, "inform"), {"contact_preference": text})

    assert turn.slots["contact_preference"] == "telefoon"
    assert turn.slots["contact_value"] == "+32470123456"
    assert "requested_slot" not in turn.slots  # Rasa's form asks the next empty one: when


async def test_the_chat_needs_no_number_only_when():
    turn = await validate(user("hier", "inform"), {"contact_preference": "hier"})

    assert turn.slots["contact_preference"] == "chat"
    assert turn.slots["requested_slot"] == "contact_when"


async def test_without_a_case_the_form_asks_nothing():
    tracker = load_tracker(
        "contact_asks_preference", user("hier", "inform"), extracted={"contact_preference": "hier"}
    )

    turn = await run_action(ValidateContactForm(), tracker)

    assert turn.slots["requested_slot"] is None


async def test_no_contact_asks_nothing_more():
    turn = await validate(user("liever niet", "deny"), {"contact_preference": "liever niet"})

    assert turn.slots["contact_preference"] == "geen"
    assert turn.slots.get("requested_slot") is None  # the form is done


async def test_a_preference_not_understood_is_asked_again():
    turn = await validate(user("banaan", "nlu_fallback"), {"contact_preference": "banaan"})

    assert turn.slots["contact_preference"] is None
    assert turn.responses == ["utter_contact_preference_not_understood"]


@pytest.mark.parametrize(("text", "intent"), [("maakt niet uit", "skip"), ("geen idee", "skip")])
async def test_no_preference_shows_the_choices_again_instead_of_no_contact(text, intent):
    turn = await validate(user(text, intent), {"contact_preference": text})

    assert turn.slots["contact_preference"] is None  # asked again, not "geen"
    assert turn.responses == ["utter_contact_preference_any_way"]


async def test_the_chat_is_refused_where_a_worker_cannot_answer_live():
    said = {**user("hier in de chat", "inform"), "input_channel": "twilio"}

    turn = await validate(said, {"contact_preference": "hier in de chat"})

    assert turn.slots["contact_preference"] is None
    assert turn.responses == ["utter_contact_chat_not_live"]
    assert "Kies de telefoon of een e-mail" in turn.text


@pytest.mark.parametrize(
    ("preference", "typed", "problem"),
    [
        ("telefoon", "0470 12 34", "Dat nummer is te kort."),
        ("telefoon", "112", "Dat is een kort nummer"),
        ("e-mail", "an.telenet.be", "Een e-mailadres heeft altijd een @"),
    ],
)
async def test_a_wrong_number_or_address_gets_the_dutch_problem_and_the_question_again(
    preference, typed, problem
):
    turn = await validate(
        user(typed, "inform"),
        {"contact_value": typed},
        contact_preference=preference,
        requested_slot="contact_value",
    )

    assert turn.slots["contact_value"] is None
    assert turn.responses == ["utter_contact_problem"]
    assert turn.text.startswith(problem)
    assert turn.slots.get("requested_slot", "contact_value") == "contact_value"


async def test_a_right_address_is_kept_and_when_is_asked():
    turn = await validate(
        user("An.Peeters@Telenet.be", "inform"),
        {"contact_value": "An.Peeters@Telenet.be"},
        contact_preference="e-mail",
        requested_slot="contact_value",
    )

    assert turn.slots["contact_value"] == "An.Peeters@telenet.be"
    assert "requested_slot" not in turn.slots  # Rasa's form asks the next empty one: when


async def test_rather_not_give_the_number_after_all_is_fine():
    turn = await validate(
        user("nee toch niet", "deny"),
        {"contact_value": "nee toch niet"},
        contact_preference="telefoon",
        requested_slot="contact_value",
    )

    assert turn.slots["contact_preference"] == "geen"
    assert turn.slots.get("requested_slot") is None  # the form is done


@pytest.mark.parametrize(
    ("said", "when"),
    [
        (user("'s avonds na het eten", "inform"), "'s avonds na het eten"),
        (user("/skip", "skip"), "onbekend"),
        (user("maakt niet uit", "inform"), "onbekend"),
    ],
)
async def test_when_may_be_said_or_skipped(said, when):
    turn = await validate(
        said,
        {"contact_when": said["text"]},
        contact_preference="chat",
        requested_slot="contact_when",
    )

    assert turn.slots["contact_when"] == when
    assert turn.slots.get("requested_slot") is None  # the form is done


def test_the_contact_questions_exist_at_both_reading_levels():
    responses = domain()["responses"]
    for name in ("utter_ask_contact_preference", "utter_ask_contact_when"):
        levels = [c.get("value") for v in responses[name] for c in v.get("condition") or []]
        assert "eenvoudig" in levels, name
    titles = [b["title"] for b in responses["utter_ask_contact_preference"][1]["buttons"]]
    assert titles == ["Hier in de chat", "Met de telefoon", "Met een e-mail", "Liever geen contact"]


# --- what the person is told ------------------------------------------------------------------


async def tell(conversation: str = "gesprek-mens", saved: str = "contact_asks_preference", **slots):
    tracker = load_tracker(saved, slots=slots)
    return await run_action(ActionTellHandoff(), tracker)


async def test_with_a_worker_online_it_says_someone_of_the_team_will_join_this_chat():
    opened = open_case_for("gesprek-mens")
    worker_online("oost-vlaanderen")

    turn = await tell(case_id=opened.case_id, contact_preference="chat", contact_when="onbekend")

    assert turn.responses == ["utter_handoff_joins"]
    assert turn.text.startswith("Er is nu iemand van Team Oost-Vlaanderen online.")
    assert "in dit gesprek" in turn.text
    assert case_of("gesprek-mens").contact_preference == "chat"


async def test_a_worker_of_another_team_online_is_not_someone_who_can_come():
    opened = open_case_for("gesprek-mens")
    worker_online("limburg")

    turn = await tell(case_id=opened.case_id, contact_preference="geen")

    assert "utter_handoff_joins" not in turn.responses
    assert turn.responses[0] == "utter_handoff_later"
    assert turn.responses[2] == "utter_handoff_no_contact"
    assert "Er is nu niemand van Team Oost-Vlaanderen online" in turn.text
    assert "Het team werkt van maandag tot vrijdag, van 9 tot 17 uur." in turn.text
    # And whether it works now or when it is back (the real clock: one of both).
    assert turn.responses[1] in TEAM_NOW_OR_BACK


async def test_nobody_online_says_when_the_team_works_and_how_it_will_call():
    opened = open_case_for("gesprek-mens")

    turn = await tell(
        case_id=opened.case_id,
        contact_preference="telefoon",
        contact_value="+32470123456",
        contact_when="na 14 uur",
    )

    assert turn.responses[0] == "utter_handoff_later"
    assert turn.responses[1] in TEAM_NOW_OR_BACK
    assert turn.responses[2:] == ["utter_handoff_by_phone", "utter_handoff_when"]
    assert "belt je op 0470 12 34 56 als het team werkt" in turn.text
    assert "Je zei wanneer het je past: na 14 uur." in turn.text
    stored = case_of("gesprek-mens")
    assert (stored.contact_preference, stored.contact_value, stored.contact_when) == (
        "telefoon",
        "+32470123456",
        "na 14 uur",
    )


async def test_on_a_channel_without_live_replies_nobody_is_said_to_join(monkeypatch):
    opened = open_case_for("gesprek-mens")
    worker_online("oost-vlaanderen")
    monkeypatch.setattr(human, "channel", lambda tracker: "twilio")

    turn = await tell(
        case_id=opened.case_id, contact_preference="e-mail", contact_value="an@telenet.be"
    )

    assert turn.responses[0] == "utter_handoff_later"
    assert turn.responses[2:] == ["utter_handoff_by_email"]
    assert "mailt je op an@telenet.be" in turn.text


async def test_after_a_crisis_nobody_online_reminds_not_to_wait():
    conversation = load_tracker("intake_after_crisis").sender_id
    opened = open_case_for(conversation, reason="crisis")

    turn = await tell(
        saved="intake_after_crisis", case_id=opened.case_id, contact_preference="geen"
    )

    assert turn.responses[-1] == "utter_handoff_crisis_reminder"
    assert "bel meteen een van de nummers hierboven" in turn.text


async def test_in_easy_language():
    opened = open_case_for("gesprek-mens")

    turn = await tell(
        case_id=opened.case_id,
        contact_preference="chat",
        contact_when="onbekend",
        reading_level="eenvoudig",
    )

    assert turn.text.startswith(
        "Nu is niemand van Team Oost-Vlaanderen online.\n"
        "Het team werkt van maandag tot vrijdag, van 9 tot 17 uur."
    )
    assert "Kom later terug naar dit gesprek." in turn.text


async def test_without_a_case_it_says_nothing_more():
    turn = await tell()

    assert turn.responses == [] and turn.events == []


# --- a worker took the conversation while the question was open ----------------------------

PAUSED_AND_BACK = [
    {"event": "pause"},
    user("hallo?", "greet"),
    {"event": "resume"},
    {"event": "bot", "text": "De trajectondersteuner gaf het gesprek terug aan Wegwijzer."},
    {"event": "action", "name": "action_listen"},
]


def back_from_a_worker(said: dict, **slots: Any):
    tracker = load_tracker("contact_asks_preference", slots=slots)
    tracker.events.extend(PAUSED_AND_BACK + [said])
    tracker.latest_message = said["parse_data"]
    return tracker


async def test_after_a_worker_gave_the_conversation_back_the_open_question_ends():
    opened = open_case_for("gesprek-mens")
    tracker = back_from_a_worker(
        user("bedankt", "thank"), case_id=opened.case_id, contact_preference="bedankt"
    )

    turn = await run_action(ValidateContactForm(), tracker)

    assert turn.responses == []  # no "not understood" for a message that is no answer
    assert turn.slots == {**dict.fromkeys(CASE_SLOTS), "requested_slot": None}


async def test_after_a_worker_gave_the_conversation_back_nobody_is_announced_again():
    opened = open_case_for("gesprek-mens")
    worker_online("oost-vlaanderen")
    tracker = back_from_a_worker(user("bedankt", "thank"), case_id=opened.case_id)

    turn = await run_action(ActionTellHandoff(), tracker)

    assert turn.responses == ["utter_what_next"]


async def test_a_new_request_after_an_earlier_hand_back_is_asked_as_usual():
    opened = open_case_for("gesprek-mens")
    tracker = back_from_a_worker(ask_for_a_human(), case_id=opened.case_id)
    tracker.events.append({"event": "action", "name": "action_request_human"})

    turn = await run_action(ValidateContactForm(), tracker)

    # Not ended by the old hand back: the form goes on to ask how to get in touch (the SDK
    # leaves the first question of the domain's list to Rasa).
    assert turn.slots.get("requested_slot", "contact_preference") == "contact_preference"
    assert turn.responses == []
