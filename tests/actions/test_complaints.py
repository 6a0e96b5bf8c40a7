"""A complaint about one's help or about the VAPH gets the answer that says where it goes
(actions/complaints.py), not "Sorry, dat heb ik niet goed begrepen" nor another topic."""

from __future__ import annotations

import pytest

from actions.complaints import (
    ABOUT_HELP,
    ABOUT_THE_VAPH,
    complains_about_wegwijzer,
    complaint_topic,
    leaving_topic,
    problem_with_help_topic,
)
from actions.fallback import ActionFallback
from actions.faq import ActionAnswerFaq
from actions.out_of_scope import ActionOutOfScope
from bot.config import PROJECT_ROOT
from knowledge import db, queries
from tests.actions.conftest import fallen_back, load_tracker, ranked_selection, run_action, user
from tests.holdout_honesty import examples
from tests.nlu_quality import HOLDOUT_DIR


def answer(topic: str, level: str = "gewoon") -> str:
    with db.session() as session:
        found = queries.faq_answer(session, topic, level)
        assert found is not None
        return found.text


def test_the_answers_say_where_a_complaint_goes():
    """The two answers the complaints get name the VAPH's klachtendienst (a complaint about
    the VAPH) and a bijstandsorganisatie's mediation (a dispute with one's help)."""
    assert "klachtendienst" in answer(ABOUT_THE_VAPH)
    assert "klachtendienst" in answer(ABOUT_HELP)
    assert "geschil" in answer(ABOUT_HELP)


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("ik heb een klacht over mijn begeleider", ABOUT_HELP),  # nlu_fallback, 2026-12-06
        ("ik ben niet tevreden over het dagcentrum van ons zoon", ABOUT_HELP),
        ("we zijn ni content over de voorziening waar ons ma woont", ABOUT_HELP),
        ("waar kan ik klagen over mijn zorgaanbieder", ABOUT_HELP),
        ("ik wil een klacht indienen tegen het vaph", ABOUT_THE_VAPH),
        ("ik ben ontevreden over de beslissing over mijn budget", ABOUT_THE_VAPH),
    ],
)
async def test_a_complaint_the_classifier_was_unsure_of_gets_where_it_goes(text, topic):
    turn = await run_action(ActionFallback(), load_tracker("welcome", fallen_back(text)))

    assert turn.texts[0] == answer(topic)
    assert turn.responses[-1] == "utter_faq_next_steps_gewoon"
    assert "utter_fallback" not in turn.responses
    assert {"event": "slot", "name": "last_faq_topic", "value": topic, "timestamp": None} in (
        turn.events
    )


async def test_in_easy_language_the_easy_answer():
    tracker = load_tracker(
        "welcome",
        fallen_back("ik heb een klacht over mijn begeleider"),
        slots={"reading_level": "eenvoudig"},
    )

    turn = await run_action(ActionFallback(), tracker)

    assert turn.texts[0] == answer(ABOUT_HELP, "eenvoudig")


async def test_a_complaint_read_as_another_faq_topic_gets_where_it_goes():
    said = user(
        "ik heb een klacht over de begeleiding van mijn dochter",
        "faq",
        response_selector=ranked_selection(("what_is_rth", 0.55), ("change_provider", 0.4)),
    )

    turn = await run_action(ActionAnswerFaq(), load_tracker("welcome", said))

    assert turn.texts[0] == answer(ABOUT_HELP)
    assert turn.slots == {"last_faq_topic": ABOUT_HELP}


@pytest.mark.parametrize(
    "text",
    [
        "ik ben niet tevreden over jullie antwoord",  # about Wegwijzer
        "ik heb een klacht over wegwijzer",
        "ik heb een klacht over deze chat",
        "mijn zoon is heel tevreden over zijn begeleider",  # no complaint
        "kan ik van begeleider veranderen",
    ],
)
def test_no_complaint_about_ones_help_or_the_vaph(text):
    assert complaint_topic(text) is None


def test_a_sure_answer_about_the_bijstandsorganisatie_stays():
    text = "ik heb een klacht over mijn bijstandsorganisatie"
    assert complaint_topic(text, "assistance_organisation") is None
    assert complaint_topic(text, "what_is_pvb") == ABOUT_HELP


def test_a_complaint_about_the_vaph_read_as_one_about_ones_help_is_about_the_vaph():
    """ "ik wil een klacht indienen tegen het vaph": change_provider 0.51 on the model of
    2026-12-06."""
    text = "ik wil een klacht indienen tegen het vaph"
    assert complaint_topic(text, "change_provider") == ABOUT_THE_VAPH


async def test_in_a_form_the_fallback_leaves_a_complaint_to_the_form():
    tracker = load_tracker(
        "eligibility_asks_place", fallen_back("ik heb een klacht over mijn begeleider")
    )

    turn = await run_action(ActionFallback(), tracker)

    assert "utter_fallback" in turn.responses


# --- leaving one's help -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "ik wil mijn begeleider ontslaan",  # nlu_fallback on the model of 2026-12-06
        "ik wil een andere begeleider",  # nlu_fallback, change_provider 0.28 under it
        "ik wil weg bij mijn dagcentrum",  # nlu_fallback, change_provider 0.67
        "ons zoon wil stoppen bij zijn voorziening",
    ],
)
async def test_the_wish_to_leave_ones_help_gets_the_answer_about_changing(text):
    turn = await run_action(ActionFallback(), load_tracker("welcome", fallen_back(text)))

    assert turn.texts[0] == answer(ABOUT_HELP)
    assert "utter_fallback" not in turn.responses


async def test_the_wish_to_leave_ones_help_with_facts_and_no_topic_sure_gets_the_answer():
    """ "mijn dochter heeft een pvb en wil naar een ander dagcentrum" (faq, change_provider
    0.20 on the model of 2026-12-07) got "Ik lees: je dochter, dagondersteuning." and the
    menu: facts with no question."""
    said = user(
        "mijn dochter heeft een pvb en wil naar een ander dagcentrum",
        "faq",
        {"relation": ("kind", "dochter"), "support_type": ("dagondersteuning", "dagcentrum")},
        response_selector=ranked_selection(("change_provider", 0.2), ("automatic_grant", 0.08)),
    )

    turn = await run_action(ActionAnswerFaq(), load_tracker("welcome", said))

    assert turn.texts[0] == answer(ABOUT_HELP)
    assert "utter_read_as" not in turn.responses


@pytest.mark.parametrize(
    "text",
    [
        "ik wil een andere chat",
        "ik zoek een dagcentrum",
        "mijn begeleider is ziek",
        "ik wil een ander plan",
    ],
)
def test_other_words_about_help_are_no_wish_to_leave_it(text):
    assert leaving_topic(text) is None


async def test_in_a_form_the_wish_to_leave_ones_help_is_left_to_the_form():
    said = fallen_back("ik wil een andere begeleider")

    turn = await run_action(ActionFallback(), load_tracker("eligibility_asks_place", said))

    assert "utter_faq_next_steps_gewoon" not in turn.responses


# --- a complaint about Wegwijzer itself ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "intent", "topic"),
    [
        ("ik wil klagen over de chatbot", "faq", "change_provider"),  # faq, change_provider 0.89
        ("ik heb een klacht over wegwijzer", "faq", "change_provider"),
        ("ik ben niet content van jullie antwoorden", "nlu_fallback", "privacy"),
    ],
)
async def test_a_complaint_about_wegwijzer_gets_an_apology_and_a_person(text, intent, topic):
    action = ActionAnswerFaq() if intent == "faq" else ActionFallback()
    said = user(text, intent, response_selector=ranked_selection((topic, 0.89)))

    turn = await run_action(action, load_tracker("welcome", said))

    assert turn.texts[0].startswith("Dat spijt me. Vertel het gerust aan een mens van ons team")
    assert turn.buttons == ["Met een mens praten", "Iets anders vragen"]


@pytest.mark.parametrize(
    "text", ["kan ik bij jullie klagen over mijn begeleider", "ik ben niet tevreden over het vaph"]
)
def test_a_complaint_to_wegwijzer_about_ones_help_or_the_vaph_is_no_complaint_about_it(text):
    assert not complains_about_wegwijzer(text)


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("mijn begeleider is altijd te laat wat kan ik doen", ABOUT_HELP),
        ("de thuisbegeleider van ons moeder komt nooit op tijd", ABOUT_HELP),
        ("mijn begeleidster komt niet meer opdagen", ABOUT_HELP),
        ("ik heb problemen met de voorziening van mijn broer", ABOUT_HELP),
        ("mijn begeleider is onvriendelijk", ABOUT_HELP),
        ("ik zoek begeleiding voor slechtzienden", None),
        ("mijn begeleider is goed", None),
        ("jullie antwoord over mijn begeleider is slecht", None),  # about Wegwijzer
    ],
)
def test_what_counts_as_a_problem_with_ones_help(text, topic):
    assert problem_with_help_topic(text) == topic


def test_no_out_of_scope_example_tells_of_a_problem_with_ones_help():
    """The out-of-scope action answers such a problem about one's help; no other matter of
    the training data or the held-out set may look like one."""
    other_matters = [
        *examples(PROJECT_ROOT / "data" / "nlu").get("out_of_scope", []),
        *examples(HOLDOUT_DIR / "intents.yml").get("out_of_scope", []),
    ]
    assert len(other_matters) > 100
    assert [text for text in other_matters if problem_with_help_topic(text)] == []


@pytest.mark.parametrize(
    ("action", "intent"), [(ActionOutOfScope(), "out_of_scope"), (ActionFallback(), "nlu_fallback")]
)
async def test_a_problem_with_ones_help_read_as_another_matter_gets_the_answer_about_help(
    action, intent
):
    """out_of_scope on the model of 2026-12-07: "Daar kan ik je helaas niet mee helpen"."""
    said = user("mijn begeleider is altijd te laat wat kan ik doen", intent)

    turn = await run_action(action, load_tracker("welcome", said))

    assert turn.texts[0] == answer(ABOUT_HELP)
    assert "utter_out_of_scope" not in turn.responses
    assert turn.slots == {"last_faq_topic": ABOUT_HELP}
