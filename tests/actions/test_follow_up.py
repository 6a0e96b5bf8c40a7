"""A short question right after a FAQ answer is about what was just explained (issue 14:
answer what they asked): "hoe vraag ik dat aan" after the answer about RTH gets how to get
RTH, not how to apply for a persoonsvolgend budget."""

from __future__ import annotations

from typing import Any

import pytest

from actions.eligibility_start import ActionEligibilityStart
from actions.fallback import ActionFallback
from actions.faq import ActionAnswerFaq
from actions.follow_up import TOPIC_RIGHTS, is_follow_up
from knowledge import db
from knowledge.models import Right
from tests.actions.conftest import faq_selection, load_tracker, ranked_selection, run_action, user
from tests.chat import knowledge_answer


def answered(topic: str, question: str = "vertel eens", **entities: Any) -> dict[str, Any]:
    """load_tracker's arguments for a conversation whose last turn was the answer about
    `topic` to `question`."""
    asked = user(question, "faq", entities, response_selector=faq_selection(topic))
    earlier = [
        asked,
        {"event": "action", "name": "action_answer_faq"},
        {"event": "slot", "name": "last_faq_topic", "value": topic},
        {"event": "action", "name": "action_listen"},
    ]
    return {"earlier": earlier, "slots": {"last_faq_topic": topic}}


def how_to_get(right_id: str) -> str:
    with db.session() as session:
        right = session.get(Right, right_id)
        assert right is not None
        return " ".join(right.how_to_apply.split())


@pytest.mark.parametrize(
    ("topic", "text", "right_id", "name"),
    [
        ("what_is_rth", "en hoe vraag ik dat aan", "RTH", "Rechtstreeks toegankelijke hulp (RTH)"),
        ("what_is_bob", "waar moet ik dat aanvragen", "BOB", "Zorgbudget voor mensen met een"),
        ("what_is_dop", "hoe geraak ik daaraan", "DOP", "Dienst Ondersteuningsplan (DOP)"),
    ],
)
async def test_how_to_apply_right_after_a_right_is_about_that_right(topic, text, right_id, name):
    said = user(text, "faq", response_selector=faq_selection("how_to_apply"))

    turn = await run_action(ActionAnswerFaq(), load_tracker("welcome", said, **answered(topic)))

    assert turn.responses == ["utter_how_to_get_it", None, "utter_faq_next_steps_gewoon"]
    assert turn.texts[0].startswith(name) and turn.texts[0].endswith(": zo gaat het.")
    assert turn.texts[1].replace("\n", " ") == how_to_get(right_id)
    assert len(turn.texts[1].splitlines()) > 1  # a sentence a line, as in the FAQ answers
    assert knowledge_answer("how_to_apply") not in turn.texts
    assert turn.slots == {"last_faq_topic": topic}


async def test_the_rth_way_is_to_contact_a_provider_not_to_apply_at_the_vaph():
    said = user("hoe vraag ik dat aan", "faq", response_selector=faq_selection("how_to_apply"))

    turn = await run_action(
        ActionAnswerFaq(), load_tracker("welcome", said, **answered("what_is_rth"))
    )

    assert "Neem zelf contact op met een RTH-aanbieder" in turn.text


async def test_the_same_topic_asked_how_gets_the_way_not_the_same_answer_again():
    """ "hoe kom ik bij zo een dienst" right after the answer about the DOP reads as that
    topic again: the person asks how to get there, so the answer is not repeated."""
    said = user(
        "hoe kom ik bij zo een dienst",
        "faq",
        response_selector=ranked_selection(("what_is_dop", 0.6), ("zzi_interview", 0.1)),
    )

    turn = await run_action(
        ActionAnswerFaq(), load_tracker("welcome", said, **answered("what_is_dop"))
    )

    assert turn.texts[1].replace("\n", " ") == how_to_get("DOP")
    assert knowledge_answer("what_is_dop") not in turn.texts


async def test_a_misunderstood_how_do_i_get_that_after_the_zorgbudget_is_answered():
    said = user("hoe krijg ik dat", "nlu_fallback")

    turn = await run_action(
        ActionFallback(), load_tracker("welcome", said, **answered("what_is_bob"))
    )

    assert turn.responses[:2] == ["utter_how_to_get_it", None]
    assert turn.texts[1].startswith("Je vraagt het niet zelf aan")
    assert "utter_fallback" not in turn.responses
    assert {"event": "rewind"} not in turn.events  # it was understood: no miss


async def test_the_same_message_without_an_answer_before_it_is_still_not_understood():
    said = user("hoe krijg ik dat", "nlu_fallback")

    turn = await run_action(ActionFallback(), load_tracker("welcome", said))

    assert turn.responses == ["utter_fallback"]


async def test_a_question_that_names_another_term_is_about_that_term():
    said = user(
        "en hoe vraag ik een pvb aan", "faq", response_selector=faq_selection("how_to_apply")
    )

    turn = await run_action(
        ActionAnswerFaq(), load_tracker("welcome", said, **answered("what_is_rth"))
    )

    assert turn.texts[0] == knowledge_answer("how_to_apply")


async def test_after_the_pvb_answer_how_to_apply_is_the_pvb_procedure():
    said = user("hoe vraag ik dat aan", "faq", response_selector=faq_selection("how_to_apply"))

    turn = await run_action(ActionAnswerFaq(), load_tracker("faq_answered", said))

    assert turn.texts[0] == knowledge_answer("how_to_apply")


async def test_a_question_after_another_answer_than_a_faq_is_no_follow_up():
    """The answer before was not a FAQ answer (a search, the check): last_faq_topic is old."""
    said = user("hoe vraag ik dat aan", "faq", response_selector=faq_selection("how_to_apply"))
    earlier = answered("what_is_rth")["earlier"] + [
        user("zoek hulp in gent", "find_provider"),
        {"event": "action", "name": "provider_search_form"},
        {"event": "action", "name": "action_listen"},
    ]
    tracker = load_tracker(
        "welcome", said, earlier=earlier, slots={"last_faq_topic": "what_is_rth"}
    )

    turn = await run_action(ActionAnswerFaq(), tracker)

    assert turn.texts[0] == knowledge_answer("how_to_apply")


@pytest.mark.parametrize(
    ("text", "asked", "expected"),
    [
        ("hoe krijg ik dat", (), True),
        ("hoe kan ik dat krijgen", (), True),
        ("hoe lang duurt dat", (), False),  # how long, not how to get it
        ("hoeveel kost dat", (), False),
        ("ik snap het niet goed", (), False),
        ("hoe vraag ik dat aan", ("how_to_apply",), True),
        ("hoe geraak ik daaraan", ("how_to_apply", "contact_vaph"), True),
        ("hoe vraag je een persoonsvolgend budget aan", ("how_to_apply",), False),
        ("hoe kom ik bij zo een dienst", ("what_is_dop",), True),
        ("wat is dat eigenlijk", ("what_is_dop",), False),  # the topic again, not how
        (
            "hoe vraag ik dat aan als mijn zoon die nu in een voorziening woont 18 wordt",
            ("how_to_apply",),
            False,
        ),
    ],
)
def test_what_counts_as_asking_how_to_get_what_was_just_explained(text, asked, expected):
    assert is_follow_up(text, "what_is_dop", asked) is expected


@pytest.mark.parametrize(
    "text", ["en hoe lang moet ik wachten op een plaats", "en hoe lang is de wachtlijst"]
)
async def test_waiting_for_a_place_after_a_question_about_a_kind_of_help(text):
    """ "hoeveel kost een dagcentrum", then "en hoe lang moet ik wachten op een plaats": the
    place is one in a dagcentrum, not a budget of the VAPH."""
    support = {"support_type": ("dagondersteuning", "dagcentrum")}
    said = user(
        text,
        "faq",
        response_selector=faq_selection("waiting_time"),
    )
    before = answered("costs", "hoeveel kost een dagcentrum", **support)

    turn = await run_action(ActionAnswerFaq(), load_tracker("welcome", said, **before))

    assert turn.responses == ["utter_waiting_for_a_place"]
    assert "dagondersteuning" in turn.text


@pytest.mark.parametrize(
    "text", ["hoe lang wacht ik op mijn budget", "hoe lang duurt het en wat kan ik intussen doen"]
)
async def test_waiting_for_a_budget_after_a_question_about_a_kind_of_help_is_the_vaphs(text):
    """A budget word, or no place and no "en" at the start: the VAPH's waiting time."""
    support = {"support_type": ("dagondersteuning", "dagcentrum")}
    said = user(text, "faq", response_selector=faq_selection("waiting_time"))
    before = answered("costs", "hoeveel kost een dagcentrum", **support)

    turn = await run_action(ActionAnswerFaq(), load_tracker("welcome", said, **before))

    assert turn.texts[0] == knowledge_answer("waiting_time")


async def test_in_easy_language_the_way_comes_without_the_long_name():
    said = user("hoe vraag ik dat aan", "faq", response_selector=faq_selection("how_to_apply"))
    before = answered("what_is_rth")
    before["slots"]["reading_level"] = "eenvoudig"

    turn = await run_action(ActionAnswerFaq(), load_tracker("welcome", said, **before))

    assert turn.texts[0] == "Zo gaat het:"
    assert turn.responses[-1] == "utter_faq_next_steps_eenvoudig"


@pytest.mark.parametrize(
    "topic", ["what_is_rth", "what_is_bob", "what_is_dop", "assistance_organisation"]
)
async def test_in_easy_language_the_way_itself_is_in_easy_language(topic):
    said = user("hoe krijg ik dat", "nlu_fallback")
    before = answered(topic)
    before["slots"]["reading_level"] = "eenvoudig"

    turn = await run_action(ActionFallback(), load_tracker("welcome", said, **before))

    with db.session() as session:
        right = session.get(Right, TOPIC_RIGHTS[topic])
        assert right is not None and right.how_to_apply_eenvoudig
        easy, gewoon = right.how_to_apply_eenvoudig, " ".join(right.how_to_apply.split())
    assert turn.texts[1] == easy
    assert turn.texts[1].replace("\n", " ") != gewoon


def faq_lines(topic: str, level: str = "gewoon") -> list[str]:
    return knowledge_answer(topic, level).splitlines()


async def test_who_decides_right_after_the_pvb_answer_is_said_from_that_answer():
    """ "en wie beslist dat" after the PVB answer asked which of two other topics was meant
    (minors, the emergency procedure); the answer it follows already says who decides."""
    said = user(
        "en wie beslist dat",
        "faq",
        response_selector=ranked_selection(("minors", 0.4), ("emergency_procedure", 0.3)),
    )

    turn = await run_action(
        ActionAnswerFaq(), load_tracker("welcome", said, **answered("what_is_pvb"))
    )

    assert turn.responses == [None, "utter_faq_next_steps_gewoon"]
    assert turn.texts[0].startswith("Het VAPH en zijn Vlaamse toeleidingscommissie (VTC) beslissen")
    assert turn.texts[0] in faq_lines("what_is_pvb")  # the knowledge base's own sentence
    assert turn.slots == {"last_faq_topic": "what_is_pvb"}


async def test_who_decides_misunderstood_after_the_dop_answer_is_answered_not_a_miss():
    said = user("wie bepaalt dat eigenlijk", "nlu_fallback")

    turn = await run_action(
        ActionFallback(), load_tracker("welcome", said, **answered("what_is_dop"))
    )

    assert turn.texts[0] == "Over je budget beslist het VAPH, niet de DOP en niet ik."
    assert {"event": "rewind"} not in turn.events


async def test_who_decides_in_easy_language_keeps_the_sentence_that_says_who():
    """ "Dat is een groep mensen die over je vraag beslist." needs the line before it."""
    said = user("wie beslist da", "nlu_fallback")
    before = answered("priority_groups")
    before["slots"]["reading_level"] = "eenvoudig"

    turn = await run_action(ActionFallback(), load_tracker("welcome", said, **before))

    lines = faq_lines("priority_groups", "eenvoudig")
    decides = lines.index("Dat is een groep mensen die over je vraag beslist.")
    assert turn.texts[0].splitlines() == lines[decides - 1 : decides + 1]
    assert turn.responses[-1] == "utter_faq_next_steps_eenvoudig"


async def test_a_decision_named_is_not_who_decides():
    """The line "De beslissing noemt geen datum ..." names a decision, it says no one."""
    said = user("wie beslist dat", "nlu_fallback")

    turn = await run_action(
        ActionFallback(), load_tracker("welcome", said, **answered("how_to_apply"))
    )

    assert turn.texts[0].splitlines() == [
        line for line in faq_lines("how_to_apply") if "beslissen" in line or "beslist" in line
    ]
    assert not any("De beslissing" in line for line in turn.texts[0].splitlines())


async def test_who_decides_about_another_term_is_no_follow_up():
    said = user(
        "wie beslist over de prioriteitengroep",
        "faq",
        response_selector=faq_selection("priority_groups"),
    )

    turn = await run_action(
        ActionAnswerFaq(), load_tracker("welcome", said, **answered("what_is_dop"))
    )

    assert turn.texts[0] == knowledge_answer("priority_groups")


async def test_who_decides_without_an_answer_before_it_is_still_not_understood():
    said = user("wie beslist dat", "nlu_fallback")

    turn = await run_action(ActionFallback(), load_tracker("welcome", said))

    assert turn.responses == ["utter_fallback"]


async def test_waiting_for_a_place_after_the_costs_not_understood_is_about_the_provider():
    """ "en hoe lang moet ik wachten op een plaats" right after the costs of a dagcentrum was
    read once as nlu_fallback (other_place 0.53 under it: "en ... een plaats") and got
    "niet begrepen"; the fallback answers it like action_answer_faq does."""
    earlier = answered(
        "costs", "hoeveel kost een dagcentrum", support_type=("dagondersteuning", "dagcentrum")
    )
    said = user("en hoe lang moet ik wachten op een plaats", "nlu_fallback")

    turn = await run_action(ActionFallback(), load_tracker("welcome", said, **earlier))

    assert turn.responses == ["utter_waiting_for_a_place"]
    assert turn.text.startswith("Of je moet wachten op een plaats voor dagondersteuning")


async def test_waiting_without_a_kind_of_help_before_is_still_not_understood():
    said = user("en hoe lang moet ik wachten op een plaats", "nlu_fallback")

    turn = await run_action(ActionFallback(), load_tracker("welcome", said, **answered("costs")))

    assert turn.responses == ["utter_fallback"]


async def test_how_much_after_the_zorgbudget_is_its_amount_from_that_answer():
    """ "en hoeveel krijg je dan" right after the zorgbudget was "Sorry, dat heb ik niet goed
    begrepen": the answer just given names the amount."""
    said = user("en hoeveel krijg je dan", "nlu_fallback")

    turn = await run_action(
        ActionFallback(), load_tracker("welcome", said, **answered("what_is_bob"))
    )

    amount = [line for line in faq_lines("what_is_bob") if "euro" in line]
    assert turn.texts[0].splitlines()[0] == amount[0]
    assert "bedrag" in turn.texts[0].splitlines()[-1]  # where to check the current amount
    assert len(turn.texts[0].splitlines()) < len(faq_lines("what_is_bob"))
    assert turn.responses[-1] == "utter_faq_next_steps_gewoon"
    assert {"event": "rewind"} not in turn.events  # understood: no miss


@pytest.mark.parametrize("text", ["en hoeveel krijg je dan", "hoe groot is dat", "hoeveel is dat"])
async def test_how_much_after_the_pvb_answer_is_how_big_a_budget_is(text):
    """The PVB answer names no amount: the size of a budget is the budget categories."""
    said = user(text, "nlu_fallback")

    turn = await run_action(
        ActionFallback(), load_tracker("welcome", said, **answered("what_is_pvb"))
    )

    assert turn.texts[0] == knowledge_answer("budget_categories")
    assert turn.slots == {"last_faq_topic": "budget_categories"}


async def test_how_much_after_rth_in_a_faq_reading_is_its_points_and_contribution():
    said = user(
        "hoeveel krijg ik daarvan",
        "faq",
        response_selector=ranked_selection(("what_is_rth", 0.5), ("budget_categories", 0.4)),
    )

    turn = await run_action(
        ActionAnswerFaq(), load_tracker("welcome", said, **answered("what_is_rth"))
    )

    assert "RTH-punten" in turn.texts[0] and "euro" in turn.texts[0]
    assert knowledge_answer("what_is_rth") not in turn.texts


async def test_how_much_in_easy_language_is_said_in_easy_language():
    said = user("hoeveel geld is dat", "nlu_fallback")
    before = answered("what_is_bob")
    before["slots"]["reading_level"] = "eenvoudig"

    turn = await run_action(ActionFallback(), load_tracker("welcome", said, **before))

    assert set(turn.texts[0].splitlines()) <= set(faq_lines("what_is_bob", "eenvoudig"))
    assert turn.responses[-1] == "utter_faq_next_steps_eenvoudig"


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("hoeveel mensen wachten er", "what_is_pvb"),  # how many people, not how much
        ("hoeveel tijd duurt dat", "what_is_bob"),
        ("en hoeveel krijg je dan", "what_is_trajectondersteuner"),  # no amount, no budget
        ("hoe groot is een persoonsvolgend budget", "what_is_bob"),  # another term named
    ],
)
async def test_what_is_no_question_how_much_of_the_answer_just_given(text, topic):
    said = user(text, "nlu_fallback")

    turn = await run_action(ActionFallback(), load_tracker("welcome", said, **answered(topic)))

    assert turn.responses == ["utter_fallback"]


async def test_how_much_surely_read_as_the_costs_gets_the_costs():
    """ "hoeveel kost dat" after RTH is read as the costs: that answer tells RTH's costs."""
    said = user("hoeveel kost dat", "faq", response_selector=faq_selection("costs"))

    turn = await run_action(
        ActionAnswerFaq(), load_tracker("welcome", said, **answered("what_is_rth"))
    )

    assert turn.texts[0] == knowledge_answer("costs")


async def test_how_much_read_as_the_check_after_an_answer_is_still_how_much():
    """ "en hoeveel krijg ik dan" was read as check_eligibility (0.60) after the PVB answer
    and started the check's questions; it asks the size of the budget just explained."""
    said = user("en hoeveel krijg ik dan", "check_eligibility")

    turn = await run_action(
        ActionEligibilityStart(), load_tracker("welcome", said, **answered("what_is_pvb"))
    )

    assert turn.texts[0] == knowledge_answer("budget_categories")
    assert turn.events[-1]["name"] == "action_listen"  # not the check's form


@pytest.mark.parametrize(
    ("text", "read_as", "right_id", "topic"),
    [
        # how_to_apply 0.92 on the model of 2026-12-06: the PVB's procedure.
        ("hoe vraag ik het zorgbudget aan", ("how_to_apply", 0.92), "BOB", "what_is_bob"),
        ("hoe vraag ik rth aan", ("what_is_rth", 0.17), "RTH", "what_is_rth"),
        ("hoe krijg ik een bob", ("what_is_bob", 0.97), "BOB", "what_is_bob"),
        ("waar vraag ik een dop aan", ("how_to_apply", 0.6), "DOP", "what_is_dop"),
    ],
)
async def test_how_to_get_a_named_right_is_that_rights_way(text, read_as, right_id, topic):
    said = user(text, "faq", response_selector=ranked_selection(read_as, ("costs", 0.05)))

    turn = await run_action(ActionAnswerFaq(), load_tracker("welcome", said))

    assert turn.responses == ["utter_how_to_get_it", None, "utter_faq_next_steps_gewoon"]
    assert turn.texts[1].replace("\n", " ") == how_to_get(right_id)
    assert knowledge_answer("how_to_apply") not in turn.texts
    assert turn.slots == {"last_faq_topic": topic}


async def test_how_to_get_a_named_right_the_classifier_was_unsure_of():
    turn = await run_action(
        ActionFallback(), load_tracker("welcome", user("hoe vraag ik rth aan", "nlu_fallback"))
    )

    assert turn.texts[1].replace("\n", " ") == how_to_get("RTH")
    assert "utter_fallback" not in turn.responses


@pytest.mark.parametrize(
    ("text", "read_as"),
    [
        ("hoe vraag ik een pvb aan", ("how_to_apply", 1.0)),  # the PVB's own procedure
        ("ik heb een pvb, hoe vraag ik rth aan", ("what_is_rth", 0.9)),  # two terms
        ("hoe vraag ik het zorgbudget voor zwaar zorgbehoevenden aan", ("what_is_bob", 0.9)),
        ("hoeveel rth punten krijg ik", ("what_is_rth", 0.9)),  # not how to get it
        ("hoe vraag ik rth aan", ("costs", 0.9)),  # read surely as something else
    ],
)
async def test_other_questions_naming_a_right_keep_their_answer(text, read_as):
    said = user(text, "faq", response_selector=ranked_selection(read_as, ("mdt", 0.05)))

    turn = await run_action(ActionAnswerFaq(), load_tracker("welcome", said))

    assert "utter_how_to_get_it" not in turn.responses
