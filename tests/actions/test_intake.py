"""The omgekeerde intake (intake_form): consent, the story, the network loop, the life
domains and the closing questions, each answer stored as it is given; the "Klopt dit?"
summaries and the end of the intake."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from actions.intake import (
    ActionAskConsent,
    ActionAskPlanConfirmed,
    ActionFinishIntake,
    ValidateIntakeForm,
)
from bot.intake_catalogue import CONSENT_TEXT_VERSION, STORY_SLOTS
from bot.storage import db as storage
from bot.storage import plans
from bot.storage.models import Consent
from tests.actions.conftest import (
    PUBLIC_URL,
    Turn,
    load_tracker,
    run_action,
    saved_state,
    stored_answers,
    user,
)

NOT_UNDERSTOOD = 'Dat begrijp ik niet goed. Kies een knop, of typ "sla over".'
YES_NO_NOT_UNDERSTOOD = "Sorry, dat begreep ik niet. Kies ja of nee."


async def answer(saved: str, said: dict, extracted: dict | None = None, **slots) -> Turn:
    """The user answers the question the saved intake asks (`slots` changes the saved
    conversation first, e.g. which question was asked). Rasa extracts nothing for the
    intake's questions but `speaker` (`extracted`): the validator reads the message."""
    tracker = load_tracker(saved, said, extracted=extracted or {}, slots=slots)
    return await run_action(ValidateIntakeForm(), tracker)


def typed(text: str) -> dict:
    return user(text, "inform")


def choice(value: str) -> dict:
    return user(f'/inform{{"choice": "{value}"}}', "inform", {"choice": value})


def plan_of(conversation_id: str):
    with storage.session() as session:
        return plans.plan_for_conversation(session, conversation_id)


def versions(plan_id: str) -> int:
    with storage.session() as session:
        return len(plans.versions(session, plan_id))


# --- consent ----------------------------------------------------------------------------------


async def test_consent_creates_the_plan_and_starts_the_story():
    turn = await answer("intake_asks_consent", user("ja hoor", "affirm"))

    plan = plan_of("gesprek-plan")
    assert plan is not None
    assert turn.slots == {"consent": "ja", "plan_id": plan.id, "requested_slot": "speaker"}
    assert [text for text in turn.texts if text] == [
        "Dank je. Je mag elke vraag overslaan, en 'later verder' zeggen om te pauzeren.",
        "Eerst vertel je over het leven zoals het nu is. Er zijn geen foute antwoorden.",
    ]
    # The web chat is told it may keep this conversation's id (for "vergeet mij").
    assert [reply["custom"] for reply in turn.replies if "custom" in reply] == [
        {"wegwijzer": {"remember_conversation": True}}
    ]
    with storage.session() as session:
        consent = session.execute(select(Consent)).scalar_one()
    assert (consent.plan_id, consent.conversation_id) == (plan.id, "gesprek-plan")
    assert consent.text_version == CONSENT_TEXT_VERSION


@pytest.mark.parametrize("level", ["gewoon", "eenvoudig"])
async def test_the_consent_question_says_what_is_kept_how_long_and_who_sees_it(level, monkeypatch):
    monkeypatch.setenv("WEGWIJZER_SESSION_MINUTES", "45")
    monkeypatch.setenv("WEGWIJZER_PLAN_KEEP_DAYS", "200")
    said = user("ik wil mijn plan maken", "start_intake")
    tracker = load_tracker("welcome", said, slots={"reading_level": level})

    turn = await run_action(ActionAskConsent(), tracker)

    text = turn.text
    assert "je antwoorden" in text and "gesprek" in text  # what is kept
    assert "200 dagen na je laatste wijziging" in text  # how long, with consent
    assert "45 minuten zonder bericht" in text  # how long, without
    assert "wis ik dit gesprek meteen" in text  # after a no
    assert "trajectondersteuner ziet het alleen als jij om een trajectondersteuner vraagt" in text
    # Not known yet who is talking: "ja" can say for whom too.
    assert turn.buttons == [
        "Ja, ik vertel over mezelf",
        "Ja, ik vertel over iemand anders",
        "Nee",
        "Meer over privacy",
    ]
    known = load_tracker("welcome", said, slots={"reading_level": level, "speaker": "person"})
    assert (await run_action(ActionAskConsent(), known)).buttons == [
        "Ja, dat is goed",
        "Nee",
        "Meer over privacy",
    ]


@pytest.mark.parametrize(
    ("intent", "speaker"), [("identify_as_person", "person"), ("identify_as_network", "network")]
)
async def test_yes_for_myself_or_for_someone_else_is_consent_and_who_is_talking(intent, speaker):
    turn = await answer("intake_asks_consent", user(f"/{intent}", intent))

    plan = plan_of("gesprek-plan")
    assert plan is not None
    assert turn.slots["consent"] == "ja" and turn.slots["speaker"] == speaker
    assert turn.slots["requested_slot"] == "plan_name"  # not "voor wie?" again
    assert stored_answers(plan.id)["speaker"] == speaker


async def test_yes_for_my_son_typed_is_consent_and_who_is_talking():
    said = user("ja, voor mijn zoon", "identify_as_network", {"relation": ("kind", "zoon")})
    turn = await answer("intake_asks_consent", said)

    assert turn.slots["consent"] == "ja"
    assert (turn.slots["speaker"], turn.slots["person_ref"]) == ("network", "je zoon")


async def test_a_request_for_a_plan_for_a_relative_says_who_it_is_for():
    said = user(
        "ik wil een plan maken voor mijn zoon", "start_intake", {"relation": ("kind", "zoon")}
    )

    turn = await run_action(ActionAskConsent(), load_tracker("welcome", said))

    assert (turn.slots["speaker"], turn.slots["person_ref"]) == ("network", "je zoon")
    # Known for whom: "ja" is enough, no "Ja, ik vertel over mezelf" against the request.
    assert turn.buttons == ["Ja, dat is goed", "Nee", "Meer over privacy"]
    assert "Ga je akkoord?" in turn.text
    mine = user("ik wil mijn plan maken", "start_intake")
    unknown = await run_action(ActionAskConsent(), load_tracker("welcome", mine))
    assert unknown.slots == {}
    assert unknown.buttons[:2] == ["Ja, ik vertel over mezelf", "Ja, ik vertel over iemand anders"]


@pytest.mark.parametrize(
    "text", ["ik wil een plan maken voor ons Jana", "kunde een plan maken over Jana"]
)
async def test_a_request_for_a_plan_for_someone_named_says_who_it_is_for(text):
    """ "voor ons Jana" named no relation, so "ja" was followed by "Vertel je over jezelf of
    over iemand anders?", and "ze is 23" by "Dat begrijp ik niet goed"."""
    said = user(text, "start_intake", {"first_name": "Jana"})

    turn = await run_action(ActionAskConsent(), load_tracker("welcome", said))

    assert turn.slots["speaker"] == "network"
    assert (turn.slots["person_name"], turn.slots["person_ref"]) == ("Jana", "Jana")
    assert turn.buttons == ["Ja, dat is goed", "Nee", "Meer over privacy"]


async def test_a_name_of_the_writer_is_no_request_for_someone_else():
    said = user("ik ben Jana en ik wil een plan maken", "start_intake", {"first_name": "Jana"})

    turn = await run_action(ActionAskConsent(), load_tracker("welcome", said))

    assert turn.slots == {}


async def test_a_yes_for_myself_overrules_what_the_request_said():
    turn = await answer(
        "intake_asks_consent",
        user("/identify_as_person", "identify_as_person"),
        speaker="network",
        relation="kind",
        person_ref="je zoon",
    )

    assert turn.slots["consent"] == "ja" and turn.slots["speaker"] == "person"
    assert stored_answers(turn.slots["plan_id"])["speaker"] == "person"


async def test_for_whom_without_a_yes_is_no_consent_but_is_noted():
    """ "voor mijn zoon" answers "voor wie?", not "ga je akkoord?": no plan yet, and no "niet
    begrepen" either; the question asks again for the yes only."""
    said = user("voor mijn zoon", "identify_as_network", {"relation": ("kind", "zoon")})
    turn = await answer("intake_asks_consent", said)

    assert turn.texts == ["Goed, het plan gaat over je zoon."]
    assert turn.slots["consent"] is None and turn.slots["requested_slot"] == "consent"
    assert (turn.slots["speaker"], turn.slots["person_ref"]) == ("network", "je zoon")
    assert plan_of("gesprek-plan") is None


async def test_for_myself_without_a_yes_is_noted_too():
    turn = await answer("intake_asks_consent", user("voor mij", "identify_as_person"))

    assert turn.texts == ["Goed, het plan gaat over jou."]
    assert turn.slots["consent"] is None and turn.slots["speaker"] == "person"
    assert plan_of("gesprek-plan") is None


@pytest.mark.parametrize(
    ("speaker", "buttons"),
    [
        (None, ["Ja, ik vertel over mezelf", "Ja, ik vertel over iemand anders", "Nee"]),
        ("person", ["Ja, dat is goed", "Nee"]),
    ],
)
async def test_the_consent_asked_again_is_the_question_only(speaker, buttons):
    """The whole text (what is kept, how long, who sees it) came right before; after an
    unclear answer only the question comes again, with the same choices."""
    tracker = load_tracker(
        "intake_asks_consent", typed("misschien later"), slots={"speaker": speaker}
    )

    turn = await run_action(ActionAskConsent(), tracker)

    assert turn.responses == [
        "utter_ask_consent_again_speaker_known" if speaker else "utter_ask_consent_again"
    ]
    assert turn.text.startswith("Mag ik je antwoorden, je plan en dit gesprek bewaren?")
    assert turn.buttons == [*buttons, "Meer over privacy"]


async def test_the_consent_asked_in_a_new_session_is_the_whole_text_again():
    said = typed("misschien later")
    tracker = load_tracker("intake_asks_consent", said, earlier=[{"event": "session_started"}])

    turn = await run_action(ActionAskConsent(), tracker)

    assert turn.responses == ["utter_ask_consent"]
    assert "dagen na je laatste wijziging" in turn.text


async def test_who_is_talking_before_the_consent_is_stored_with_it():
    turn = await answer(
        "intake_asks_consent",
        user("ja", "affirm"),
        speaker="network",
        person_name="Lotte",
        relation="ouder",
        person_ref="Lotte",
    )

    assert turn.slots["speaker"] == "network" and turn.slots["person_ref"] == "Lotte"
    assert stored_answers(turn.slots["plan_id"]) == {
        "person_name": "Lotte",
        "person_ref": "Lotte",
        "relation": "ouder",
        "speaker": "network",
    }


async def test_without_consent_nothing_is_stored_and_the_form_ends():
    turn = await answer("intake_asks_consent", user("nee", "deny"))

    assert turn.slots == {"consent": "nee", "requested_slot": None}
    assert turn.texts == []
    assert plan_of("gesprek-plan") is None


async def test_an_unclear_consent_is_asked_again_and_nothing_is_stored():
    turn = await answer("intake_asks_consent", typed("misschien later"))

    assert turn.slots == {"consent": None, "requested_slot": "consent"}
    assert turn.texts == [YES_NO_NOT_UNDERSTOOD]
    assert plan_of("gesprek-plan") is None


async def test_after_no_consent_the_intake_asks_nothing_else():
    tracker = load_tracker("intake_asks_consent", slots={"consent": "nee"})

    required = await ValidateIntakeForm().required_slots([], None, tracker, {})

    assert required == ["consent"]


# --- the story --------------------------------------------------------------------------------


async def test_an_answer_is_stored_as_given_and_the_next_question_follows():
    text = "Ik kan goed luisteren en ik zing graag."

    turn = await answer("intake_asks_strengths", typed(text))

    assert turn.slots == {"strengths": text, "requested_slot": "hard_now"}
    plan_id = saved_state("intake_asks_strengths")["stored_plan"]["id"]
    assert stored_answers(plan_id)["strengths"] == text


async def test_a_skipped_question_is_stored_as_unknown():
    turn = await answer("intake_asks_strengths", user("/skip", "skip"))

    assert turn.slots == {"strengths": "onbekend", "requested_slot": "hard_now"}


async def test_a_very_long_answer_is_cut_and_the_user_is_told():
    text = "Ik vertel graag. " * 300  # 5100 characters

    turn = await answer("intake_asks_strengths", typed(text))

    assert turn.texts == [
        "Dat is een lang antwoord, ik bewaar de eerste 4000 tekens. Je kan het later aanpassen."
    ]
    assert turn.slots["strengths"] == text.strip()[:4000]
    plan_id = saved_state("intake_asks_strengths")["stored_plan"]["id"]
    assert len(stored_answers(plan_id)["strengths"]) == 4000


@pytest.mark.parametrize(
    "question", ["strengths", "wonen_wish", "wonen_often", "wonen_who", "urgency_sustainable"]
)
async def test_an_empty_answer_is_asked_again(question):
    asked = {"requested_slot": question, question: None}
    turn = await answer("intake_asks_plan_confirmed", typed("   "), **asked)

    assert turn.slots == {question: None, "requested_slot": question}
    assert turn.texts == [NOT_UNDERSTOOD]


@pytest.mark.parametrize(
    "said",
    [
        user("ik kan niet meer", "crisis"),
        user("stop", "stop"),
        user("ik wil met een mens praten", "request_human"),
        user("wat is een DOP?", "faq"),
    ],
    ids=["crisis", "stop", "human", "faq question"],
)
async def test_an_interruption_is_not_taken_as_the_answer(said):
    turn = await answer("intake_asks_strengths", said)

    assert turn.slots == {"requested_slot": "strengths"}
    assert turn.texts == []
    plan_id = saved_state("intake_asks_strengths")["stored_plan"]["id"]
    assert "strengths" not in stored_answers(plan_id)


async def test_an_answer_that_names_a_faq_topic_is_still_an_answer():
    text = "een vergunde zorgaanbieder en mijn zus"

    turn = await answer("intake_asks_strengths", user(text, "faq"))

    assert turn.slots == {"strengths": text, "requested_slot": "hard_now"}


async def test_someone_from_the_network_tells_the_story_of_the_named_person():
    said = user(
        "over mijn dochter Mira",
        "identify_as_network",
        {"relation": ("kind", "dochter"), "first_name": "Mira"},
    )

    turn = await answer(
        "intake_asks_strengths",
        said,
        extracted={"speaker": "network"},
        requested_slot="speaker",
        speaker=None,
    )

    assert turn.slots["person_ref"] == "Mira"
    plan_id = saved_state("intake_asks_strengths")["stored_plan"]["id"]
    assert stored_answers(plan_id)["speaker"] == "network"
    assert stored_answers(plan_id)["person_ref"] == "Mira"


# --- the network, one person at a time --------------------------------------------------------


async def test_my_neighbour_becomes_je_buurvrouw_with_the_relation_from_the_message():
    said = user("mijn buurvrouw", "inform", {"relation": ("vriend", "buurvrouw")})

    turn = await answer("intake_asks_member_name", said)

    assert turn.slots == {
        "member_name": "je buurvrouw",
        "member_relation": "vriend",
        "requested_slot": "member_does",
    }
    plan_id = saved_state("intake_asks_member_name")["stored_plan"]["id"]
    assert stored_answers(plan_id)["network.1.name"] == "je buurvrouw"
    assert stored_answers(plan_id)["network.1.relation"] == "vriend"


async def test_nobody_to_tell_about_ends_the_network_loop():
    turn = await answer("intake_asks_member_name", user("/skip", "skip"))

    assert turn.slots == {
        "member_name": None,
        "member_relation": None,
        "member_does": None,
        "member_could": None,
        "member_more": "nee",
        "requested_slot": "wonen_now",
    }
    assert turn.texts == ["Nu praten we over de delen die je koos, een voor een."]


async def test_another_person_asks_about_the_next_member_from_the_start():
    turn = await answer(
        "intake_asks_story_confirmed",
        user("ja", "affirm"),
        requested_slot="member_more",
        member_more=None,
        network_count=None,
    )

    assert turn.slots == {
        "member_name": None,
        "member_relation": None,
        "member_does": None,
        "member_could": None,
        "member_more": None,
        "network_count": 1.0,
        "requested_slot": "member_name",
    }
    # The first member stays stored; the second is stored under number 2.
    plan_id = saved_state("intake_asks_story_confirmed")["stored_plan"]["id"]
    assert stored_answers(plan_id)["network.1.name"] == "Ann"


async def test_no_one_else_ends_the_network_loop_and_counts_the_member():
    turn = await answer(
        "intake_asks_story_confirmed",
        typed("neen, dat is alles"),
        requested_slot="member_more",
        member_more=None,
        network_count=None,
    )

    assert turn.slots == {
        "member_more": "nee",
        "network_count": 1.0,
        "requested_slot": "wonen_now",
    }


async def test_an_unclear_answer_to_anyone_else_is_asked_again():
    turn = await answer(
        "intake_asks_story_confirmed", typed("hmm"), requested_slot="member_more", member_more=None
    )

    assert turn.texts == [YES_NO_NOT_UNDERSTOOD]
    assert turn.slots == {"member_more": None, "requested_slot": "member_more"}


# --- "Klopt dit?": the story and the wished support, once at the end ---------------------------


async def test_the_story_summary_lists_what_was_told_and_leaves_out_skipped_questions():
    turn = await run_action(ActionAskPlanConfirmed(), load_tracker("intake_asks_story_confirmed"))

    assert turn.texts[0] == (
        "Dit heb ik onthouden:\n"
        "- Een goede dag: Ik slaap uit, ik wandel met de hond en 's avonds kook ik met mijn zus.\n"
        "- Wat belangrijk is: Dat ik zelf mag kiezen wat ik doe.\n"
        "- Waar ik goed in ben en wat ik graag doe: Ik ben goed met dieren en ik teken graag.\n"
        "- Droom over wonen: Alleen wonen in een studio, met hulp in de buurt.\n"
        "- Droom over werk of dagbesteding: Werken in een dierenasiel.\n"
        "- Droom over relaties: Meer vrienden.\n"
        "- Droom over leren: Leren koken.\n"
        "- Wat nu moeilijk is: Papieren invullen en alleen de bus nemen.\n"
        "- Wat nu goed gaat: Mijn zus helpt me met de administratie."
    )
    assert turn.texts[-1] == "Klopt dit?"
    assert turn.buttons == ["Ja, dat klopt", "Nee, ik wil iets aanpassen"]
    assert turn.events == []


async def test_the_story_summary_cuts_long_answers_and_accepts_all_skipped():
    long_day = "Een lange dag. " * 20
    cut = await run_action(
        ActionAskPlanConfirmed(),
        load_tracker("intake_asks_story_confirmed", slots={"good_day": long_day}),
    )
    first = cut.texts[0].split("\n")[1]
    assert first.startswith("- Een goede dag: Een lange dag. Een lange dag.")
    assert first.endswith("…") and len(first) == len("- Een goede dag: ") + 160

    skipped = await run_action(
        ActionAskPlanConfirmed(),
        load_tracker("intake_asks_story_confirmed", slots=dict.fromkeys(STORY_SLOTS, "onbekend")),
    )
    assert skipped.texts[0] == "Dit heb ik onthouden:\n- Je sloeg alle vragen over. Dat mag."


async def test_a_yes_to_the_story_question_of_before_is_kept_and_the_domains_follow():
    # A conversation that was at the story's own "Klopt dit?" when it moved to the end.
    turn = await answer("intake_asks_story_confirmed", user("ja dat klopt", "affirm"))

    assert turn.slots == {"story_confirmed": "ja", "requested_slot": "wonen_now"}
    plan_id = saved_state("intake_asks_story_confirmed")["stored_plan"]["id"]
    assert versions(plan_id) == 1
    assert stored_answers(plan_id)["story_confirmed"] == "ja"


async def test_no_asks_which_answer_to_change():
    turn = await answer("intake_asks_plan_confirmed", user("nee", "deny"))

    assert turn.slots == {"plan_confirmed": None, "requested_slot": "plan_confirmed"}
    assert turn.texts == ["Welk antwoord wil je aanpassen?"]
    assert turn.buttons[:3] == ["Mijn verhaal", "Mijn dromen", "Mijn netwerk"]


async def test_naming_what_is_wrong_asks_those_questions_again():
    turn = await answer("intake_asks_plan_confirmed", user("nee, mijn dromen kloppen niet", "deny"))

    assert turn.texts == ["Goed, we passen je antwoord over je dromen aan."]
    dreams = ["dream_wonen", "dream_werk", "dream_vrije_tijd", "dream_relaties", "dream_leren"]
    assert turn.slots == {
        **dict.fromkeys(dreams),
        "dreams": None,
        "plan_confirmed": None,
        "requested_slot": "dreams",
    }
    plan_id = saved_state("intake_asks_plan_confirmed")["stored_plan"]["id"]
    assert not set(dreams) & set(stored_answers(plan_id))
    assert stored_answers(plan_id)["good_day"].startswith("Ik slaap uit")


async def test_telling_the_network_again_forgets_the_members_told():
    turn = await answer("intake_asks_plan_confirmed", user("mijn netwerk klopt niet", "inform"))

    assert turn.slots["network_count"] == 0.0
    assert turn.slots["requested_slot"] == "member_name"
    plan_id = saved_state("intake_asks_plan_confirmed")["stored_plan"]["id"]
    assert not [key for key in stored_answers(plan_id) if key.startswith("network.")]


async def test_an_unclear_confirmation_is_asked_again():
    turn = await answer("intake_asks_plan_confirmed", typed("tja"))

    assert turn.texts == [YES_NO_NOT_UNDERSTOOD]
    assert turn.slots == {"plan_confirmed": None, "requested_slot": "plan_confirmed"}


# --- the life domains -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("said", "wish", "unit"),
    [
        (choice("woonondersteuning"), "woonondersteuning", "nachten per week"),
        (
            user(
                "praktische hulp thuis", "inform", {"support_type": "individuele_praktische_hulp"}
            ),
            "individuele_praktische_hulp",
            "uren per week",
        ),
        # Words of one's own are kept as typed, and asked about in a general unit.
        (
            typed("iemand die 's avonds even langskomt"),
            "iemand die 's avonds even langskomt",
            "keer per week of per maand",
        ),
    ],
    ids=["button", "support type in the message", "own words"],
)
async def test_a_wish_asks_how_often_in_the_unit_of_its_support_function(said, wish, unit):
    turn = await answer("intake_asks_wonen_wish", said)

    assert turn.slots == {"wonen_wish": wish, "current_unit": unit, "requested_slot": "wonen_often"}


async def test_oproepbare_permanentie_is_only_needed_or_not_so_how_often_is_skipped():
    turn = await answer("intake_asks_wonen_wish", choice("oproepbare_permanentie"))

    assert turn.slots["wonen_often"] == "nodig"
    assert turn.slots["requested_slot"] == "wonen_who"


@pytest.mark.parametrize("said", [typed("dat gaat goed, geen hulp nodig"), choice("geen")])
async def test_no_help_needed_goes_on_to_the_next_life_domain(said):
    turn = await answer("intake_asks_wonen_wish", said)

    assert turn.slots["wonen_wish"] == "geen"
    assert turn.slots["requested_slot"] == "dagbesteding_now"


async def answer_after_wish(question: str, said: dict) -> Turn:
    """The intake asks `question` after the wish for woonondersteuning (2 nights a week)."""
    after_wish = {
        "wonen_wish": "woonondersteuning",
        "current_unit": "nachten per week",
        "wonen_often": "2",
        question: None,
    }
    return await answer("intake_asks_wonen_wish", said, requested_slot=question, **after_wish)


@pytest.mark.parametrize(
    ("text", "often"),
    [("twee nachten per week", "2"), ("elke nacht", "7"), ("2,5", "2.5"), ("soms", "soms")],
)
async def test_how_often_is_read_as_a_number_or_kept_as_typed(text, often):
    turn = await answer_after_wish("wonen_often", typed(text))

    assert turn.slots == {"wonen_often": often, "requested_slot": "wonen_who"}


@pytest.mark.parametrize(
    ("said", "who"),
    [
        (typed("mijn zus en een vergunde zorgaanbieder"), "vergund,netwerk"),
        (typed("een zelfstandige, niet vergund"), "niet_vergund"),
        (choice("welzijn"), "welzijn"),
        (typed("de bakker"), "de bakker"),
    ],
)
async def test_who_could_help_is_read_as_the_circles_named(said, who):
    turn = await answer_after_wish("wonen_who", said)

    assert turn.slots == {"wonen_who": who, "requested_slot": "dagbesteding_now"}


# --- the closing questions --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("said", "spending"),
    [
        (typed("liever cash"), "cash"),
        (choice("voucher"), "voucher"),
        (typed("allebei"), "combinatie"),
    ],
)
async def test_cash_voucher_or_both(said, spending):
    turn = await answer(
        "intake_asks_plan_confirmed", said, requested_slot="spending", spending=None
    )

    assert turn.slots == {"spending": spending, "requested_slot": "plan_confirmed"}


async def test_a_spending_answer_that_is_not_understood_asks_to_choose():
    turn = await answer(
        "intake_asks_plan_confirmed", typed("misschien"), requested_slot="spending", spending=None
    )

    assert turn.texts == ["Sorry, dat begreep ik niet. Kies een knop, of typ het anders."]
    assert turn.slots == {"spending": None, "requested_slot": "spending"}


async def test_a_typed_geen_idee_is_the_weet_ik_niet_button():
    # Read as an answer by the classifier (inform): the words only pass on the question.
    turn = await answer(
        "intake_asks_plan_confirmed", typed("geen idee"), requested_slot="spending", spending=None
    )

    assert turn.texts == []
    assert turn.slots["spending"] == "onbekend"


@pytest.mark.parametrize(
    ("said", "value"),
    [(user("nee", "deny"), "nee"), (typed("ja hoor"), "ja"), (typed("zo zo"), "zo zo")],
)
async def test_can_it_last_is_yes_no_or_the_words_typed(said, value):
    turn = await answer(
        "intake_asks_plan_confirmed",
        said,
        requested_slot="urgency_sustainable",
        urgency_sustainable=None,
    )

    assert turn.slots == {"urgency_sustainable": value, "requested_slot": "plan_confirmed"}


async def test_the_plan_summary_lists_the_support_asked_per_life_domain():
    turn = await run_action(ActionAskPlanConfirmed(), load_tracker("intake_asks_plan_confirmed"))

    assert turn.texts[0].startswith("Dit heb ik onthouden:\n- Een goede dag: ")
    assert turn.texts[1:] == [
        "Dit is de hulp die je vraagt:\n"
        "- Wonen: Woonondersteuning (2)\n"
        "- Dagbesteding en werk: Dagondersteuning (3)\n"
        "- Huishouden en administratie: Individuele praktische hulp (2)",
        "Klopt dit?",
    ]


async def test_the_plan_summary_without_any_support_asked():
    no_help = {f"{domain}_wish": "geen" for domain in ("wonen", "dagbesteding", "huishouden")}
    tracker = load_tracker("intake_asks_plan_confirmed", slots=no_help)

    turn = await run_action(ActionAskPlanConfirmed(), tracker)

    assert turn.texts[1] == (
        "Dit is de hulp die je vraagt:\n- Je vroeg geen hulp bij een deel van je leven."
    )


async def test_confirming_the_plan_keeps_a_new_version_and_ends_the_form():
    turn = await answer("intake_asks_plan_confirmed", user("ja", "affirm"))

    assert turn.slots == {"plan_confirmed": "ja", "requested_slot": None}
    assert versions(saved_state("intake_asks_plan_confirmed")["stored_plan"]["id"]) == 2


async def test_changing_a_life_domain_at_the_end_keeps_the_story_confirmed():
    turn = await answer("intake_asks_plan_confirmed", user("nee, wonen klopt niet", "deny"))

    assert turn.texts == ["Goed, we passen je antwoord over wonen aan."]
    assert "story_confirmed" not in turn.slots
    assert turn.slots["wonen_wish"] is None
    assert turn.slots["requested_slot"] == "wonen_now"


# --- the end of the intake --------------------------------------------------------------------


async def test_the_finished_intake_gives_the_link_to_the_draft_plan():
    turn = await run_action(ActionFinishIntake(), load_tracker("intake_asks_plan_confirmed"))

    token = saved_state("intake_asks_plan_confirmed")["stored_plan"]["document_token"]
    assert turn.texts == [
        "Je ontwerp van ondersteuningsplan is klaar, open het met deze link "
        f"{PUBLIC_URL}/plan/{token}\nHet is een voorbereiding, geen aanvraag."
    ]
    assert turn.buttons == ["Laat een trajectondersteuner het nakijken", "Iets aanpassen"]
    assert turn.events == []


async def test_an_intake_without_consent_ends_saying_nothing_was_kept():
    tracker = load_tracker("intake_asks_consent", slots={"consent": "nee", "requested_slot": None})

    turn = await run_action(ActionFinishIntake(), tracker)

    assert turn.texts == [
        "Dat is goed, ik bewaar niets over jou en ik wis dit gesprek. "
        "Je kan me wel vragen blijven stellen."
    ]
    assert turn.slots == {"consent": None}


# --- a question about the question ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("wat moet ik hier zeggen", "ask_capabilities"),  # 0.99 on the model of 2026-12-06
        ("wat bedoel je daarmee", "faq"),
        ("hoe bedoel je?", "nlu_fallback"),
    ],
)
async def test_a_question_about_the_question_says_how_to_answer_and_stores_nothing(text, intent):
    saved = "intake_asks_strengths"
    said = user(text, intent)

    turn = await run_action(ValidateIntakeForm(), load_tracker(saved, said, extracted={}))

    assert turn.texts[0].startswith("Vertel het in je eigen woorden")
    assert turn.slots.get("strengths") is None  # asked again
    assert "strengths" not in stored_answers(saved_state(saved)["stored_plan"]["id"])


async def test_an_answer_that_starts_like_a_question_about_it_is_stored():
    saved = "intake_asks_strengths"
    said = user("wat ik goed kan is koken", "inform")

    turn = await run_action(ValidateIntakeForm(), load_tracker(saved, said, extracted={}))

    assert turn.slots["strengths"] == "wat ik goed kan is koken"


# --- how many questions are left ----------------------------------------------------------


@pytest.mark.parametrize(
    ("saved", "said"),
    [
        ("intake_asks_wonen_wish", "hoeveel vragen zijn er nog"),
        ("intake_asks_wonen_wish", "zijn we er bijna?"),
        ("intake_asks_wonen_wish", "hoe lang duurt dit nog"),
    ],
)
async def test_asking_how_many_questions_are_left_gets_a_number_and_stores_nothing(saved, said):
    """ "hoeveel vragen zijn er nog" (more_results 0.77 on the model of 2026-12-06) was
    stored as the answer and the next question came."""
    turn = await run_action(
        ValidateIntakeForm(), load_tracker(saved, user(said, "more_results"), extracted={})
    )

    # All eight life domains chosen, the wish for wonen asked: the seven other domains'
    # two questions, the four about urgency, spending, providers and "Klopt dit?".
    assert turn.texts[0].startswith("Nog minstens 22 vragen.")
    assert turn.slots.get("wonen_wish") is None  # asked again
    assert "wonen_wish" not in stored_answers(saved_state(saved)["stored_plan"]["id"])


async def test_before_the_life_domains_are_chosen_the_number_depends_on_them():
    saved = "intake_asks_strengths"
    turn = await run_action(
        ValidateIntakeForm(),
        load_tracker(saved, user("hoeveel vragen nog?", "nlu_fallback"), extracted={}),
    )

    assert turn.texts[0].startswith("Dat hangt af van de thema's die je kiest")
    assert turn.slots.get("strengths") is None
    assert "strengths" not in stored_answers(saved_state(saved)["stored_plan"]["id"])


async def test_at_the_last_question_it_says_so():
    saved = "intake_asks_plan_confirmed"
    turn = await run_action(
        ValidateIntakeForm(),
        load_tracker(saved, user("is het bijna gedaan", "nlu_fallback"), extracted={}),
    )

    assert turn.texts == ["Dit is de laatste vraag."]
    assert turn.slots.get("plan_confirmed") is None


@pytest.mark.parametrize(
    "text",
    ["hoeveel geld krijg ik", "hoe lang duurt een aanvraag", "mijn zus helpt hoeveel ze kan"],
)
def test_a_question_about_something_else_is_not_read_as_how_far(text):
    from actions.intake_answers import asks_how_far

    assert not asks_how_far(text)
