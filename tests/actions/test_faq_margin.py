"""A FAQ answer needs a sure topic: a confident best topic with a clear lead over the second.
Otherwise Wegwijzer asks which of the two closest topics was meant (issue 14, point 2)."""

from __future__ import annotations

import pytest

from actions.fallback import ActionFallback
from actions.faq import (
    COMPARES,
    MIN_CONFIDENCE,
    MIN_MARGIN,
    TERM_TOPICS,
    ActionAnswerFaq,
    FaqChoice,
    choose_topic,
    compared_topics,
)
from knowledge import db, loader, queries
from knowledge.models import Right
from tests.actions.conftest import load_tracker, ranked_selection, ranking, run_action, user
from tests.chat import knowledge_answer

# --- the decision ---------------------------------------------------------------------------


def test_a_sure_topic_with_a_clear_lead_is_answered():
    choice = choose_topic(ranking(("what_is_pvb", 0.97), ("what_is_bob", 0.02)))
    assert choice == FaqChoice(topic="what_is_pvb")


def test_two_close_topics_are_offered_best_first():
    choice = choose_topic(ranking(("what_is_pvb", 0.55), ("what_is_bob", 0.41), ("mdt", 0.04)))
    assert choice == FaqChoice(options=("what_is_pvb", "what_is_bob"))


def test_an_unsure_best_topic_is_asked_about_even_with_a_lead():
    low = MIN_CONFIDENCE - 0.05
    choice = choose_topic(ranking(("waiting_time", low), ("costs", low - MIN_MARGIN - 0.1)))
    assert choice == FaqChoice(options=("waiting_time", "costs"))


def test_a_lead_just_below_the_margin_asks_and_one_at_the_margin_answers():
    best = MIN_CONFIDENCE + 0.3
    assert choose_topic(ranking(("costs", best), ("mdt", best - MIN_MARGIN + 0.01))).options
    assert choose_topic(ranking(("costs", best), ("mdt", best - MIN_MARGIN - 0.01))).topic


def test_the_ranking_is_read_by_confidence_not_by_order():
    choice = choose_topic(ranking(("mdt", 0.2), ("what_is_dop", 0.25), ("costs", 0.1)))
    assert choice.options == ("what_is_dop", "mdt")


def test_a_single_topic_is_answered_and_no_ranking_gives_nothing():
    assert choose_topic(ranking(("privacy", 0.4))) == FaqChoice(topic="privacy")
    assert choose_topic([]) == FaqChoice()
    assert choose_topic([{"intent_response_key": "other/x", "confidence": 0.9}]) == FaqChoice()


def test_the_thresholds_can_be_given():
    close = ranking(("what_is_pvb", 0.6), ("what_is_bob", 0.35))
    assert choose_topic(close, min_confidence=0.5, min_margin=0.2).topic == "what_is_pvb"
    assert choose_topic(close, min_confidence=0.5, min_margin=0.3).options


# --- what the person sees ------------------------------------------------------------------


async def test_a_close_call_asks_which_topic_with_the_knowledge_base_titles():
    question = user(
        "hoeveel krijg ik",
        "faq",
        response_selector=ranked_selection(("budget_categories", 0.5), ("what_is_bob", 0.45)),
    )

    turn = await run_action(ActionAnswerFaq(), load_tracker("welcome", question))

    assert turn.responses == ["utter_faq_which_topic"]
    assert turn.text.startswith("Ik weet niet zeker wat je bedoelt.")
    assert turn.buttons == [
        "Hoe groot is een persoonsvolgend budget?",
        "Wat is het zorgbudget bij een handicap?",
        "Wat kan je?",
        "Met een mens praten",
    ]
    payloads = [button["payload"] for button in turn.replies[0]["buttons"][:2]]
    assert payloads == ["/faq/budget_categories", "/faq/what_is_bob"]
    assert turn.events == []  # no answer given, so nothing to repeat in easier words


async def test_the_question_comes_in_easy_language_too():
    question = user(
        "wachten",
        "faq",
        response_selector=ranked_selection(("waiting_time", 0.4), ("priority_groups", 0.35)),
    )
    tracker = load_tracker("welcome", question, slots={"reading_level": "eenvoudig"})

    turn = await run_action(ActionAnswerFaq(), tracker)

    assert turn.texts[0].startswith("Ik weet niet zeker welke vraag je bedoelt.\n")
    assert turn.buttons[:2] == ["Hoe lang moet ik wachten?", "Wat zijn de prioriteitengroepen?"]


async def test_inside_a_form_only_the_two_topics_are_offered():
    question = user(
        "wat is dat", "faq", response_selector=ranked_selection(("what_is_dop", 0.5), ("mdt", 0.42))
    )
    tracker = load_tracker("eligibility_asks_place", question)

    turn = await run_action(ActionAnswerFaq(), tracker)

    assert turn.buttons == [
        "Wat doet een Dienst Ondersteuningsplan?",
        "Wat is een multidisciplinair team?",
    ]


async def test_a_button_is_answered_even_when_the_selector_ranks_its_text_unsure():
    # As Rasa stores a button: the intent `faq` (bot/slot_guard.py gives Rasa "/faq"), the
    # ResponseSelector's ranking of the payload's text, and the payload as the user's text.
    pressed = user(
        "/faq/what_is_bob",
        "faq",
        response_selector=ranked_selection(("budget_categories", 0.5), ("what_is_bob", 0.45)),
    )
    pressed["parse_data"]["text"] = "/faq"

    turn = await run_action(ActionAnswerFaq(), load_tracker("welcome", pressed))

    assert turn.texts[0].startswith("Het zorgbudget voor mensen met een handicap")
    assert turn.slots == {"last_faq_topic": "what_is_bob"}


async def test_a_sure_question_is_answered_straight_away():
    question = user(
        "wat is een dop",
        "faq",
        response_selector=ranked_selection(("what_is_dop", 0.96), ("mdt", 0.02)),
    )

    turn = await run_action(ActionAnswerFaq(), load_tracker("welcome", question))

    assert turn.responses == [None, "utter_faq_next_steps_gewoon"]
    assert turn.slots == {"last_faq_topic": "what_is_dop"}


async def test_an_unsure_topic_with_an_age_gets_the_age_rule_instead_of_which_topic():
    question = user(
        "mijn oma is 80 kan zij hulp krijgen van het vaph",
        "faq",
        {"age": ("80", "80")},
        response_selector=ranked_selection(("minors", 0.29), ("what_is_pvb", 0.2)),
    )

    turn = await run_action(ActionAnswerFaq(), load_tracker("welcome", question))

    assert turn.responses == [None, "utter_faq_next_steps_gewoon"]
    # Not "Je bent 80" nor the `who` text's "Je bent jonger dan 65": it is about the oma.
    assert "Een eerste aanvraag kan tot 65 jaar." in turn.texts[0]
    assert "Je bent" not in turn.texts[0]
    assert "Wat past bij mij?" in turn.buttons  # the full check is offered
    assert turn.events == []


def answers(*topics: str) -> list[str]:
    """The knowledge base's gewoon answers to `topics`."""
    with db.session() as session:
        found = [queries.faq_answer(session, topic, "gewoon") for topic in topics]
    assert all(found), topics
    return [answer.text for answer in found if answer]


async def ask(text: str, *scores: tuple[str, float], saved: str = "welcome"):
    """The FAQ action's turn for a typed `text` that the ResponseSelector ranks `scores`."""
    question = user(text, "faq", response_selector=ranked_selection(*scores))
    return await run_action(ActionAnswerFaq(), load_tracker(saved, question))


async def test_a_question_about_the_difference_gets_both_unsure_topics():
    """ "wat is het verschil tussen die twee budgetten" names no term; both closest topics
    were asked, so both answers come instead of "which of these two did you mean?"."""
    turn = await ask(
        "wat is het verschil tussen die twee budgetten",
        ("what_is_bob", 0.48),
        ("what_is_pvb", 0.44),
    )

    assert turn.responses == [None, None, "utter_faq_next_steps_gewoon"]
    assert turn.texts[:2] == answers("what_is_bob", "what_is_pvb")
    assert turn.slots == {"last_faq_topic": "what_is_pvb"}  # "eenvoudiger" explains the last


async def test_inside_a_form_a_question_about_the_difference_still_asks_which():
    turn = await ask(
        "wat is het verschil tussen een pvb en een bob",
        ("what_is_bob", 0.48),
        ("what_is_pvb", 0.44),
        saved="eligibility_asks_place",
    )

    assert turn.responses == ["utter_faq_which_topic"]


@pytest.mark.parametrize(
    ("text", "topics"),
    [
        ("wat is het verschil tussen een pvb en een bob", ("what_is_pvb", "what_is_bob")),
        ("verschil tussen zorgbudget en persoonsvolgend budget", ("what_is_bob", "what_is_pvb")),
        ("wa is het verschil tussen rth en nen DOP", ("what_is_rth", "what_is_dop")),
        ("wat is een pvb", ()),  # no difference asked
        ("wat is het verschil met een pvb", ()),  # one term only
    ],
)
def test_a_question_about_a_difference_names_its_two_topics(text, topics):
    assert compared_topics(text) == topics


async def test_a_difference_between_two_named_terms_gets_both_even_when_one_topic_is_sure():
    # The model of 3 December read this as what_is_bob at 0.79 and what_is_pvb at 0.03.
    turn = await ask(
        "wat is het verschil tussen een pvb en een bob",
        ("what_is_bob", 0.79),
        ("what_is_pvb", 0.03),
    )

    assert turn.texts[:2] == answers("what_is_pvb", "what_is_bob")  # in the order named
    assert turn.slots == {"last_faq_topic": "what_is_bob"}


PAB = "Het persoonlijke-assistentiebudget betaalt hulp voor een kind, thuis of op school."


@pytest.mark.parametrize(
    "text",
    [
        "ik heb een pab, is dat hetzelfde als een pvb",
        "wat is het verschil tussen een pab en een pvb",
    ],
)
async def test_a_term_without_a_topic_compared_with_one_gets_both_explained(text):
    """ "ik heb een pab, is dat hetzelfde als een pvb" (faq on the model of 2026-12-07, no
    topic sure) asked "which of these topics?" (minors, what_is_pvb). The glossary says what
    the PAB is; the FAQ says what the PVB is."""
    unsure = ranked_selection(("minors", 0.4), ("what_is_pvb", 0.35))
    said = user(text, "faq", response_selector=unsure)

    turn = await run_action(ActionAnswerFaq(), load_tracker("welcome", said))

    assert turn.texts[:2] == [PAB, knowledge_answer("what_is_pvb")]
    assert "utter_faq_which_topic" not in turn.responses
    assert turn.slots == {"last_faq_topic": "what_is_pvb"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("is een pab hetzelfde als een pvb", True),
        ("is da het zelfde als een bob", True),
        ("mag ik hetzelfde budget houden als ik verhuis", False),  # no comparison
    ],
)
def test_what_counts_as_asking_whether_two_things_are_the_same(text, expected):
    assert (COMPARES.search(text) is not None) is expected


def test_every_term_topic_is_a_glossary_term_and_a_faq_topic():
    glossary = {entry.id for entry in loader.load_glossary().jargon}
    with db.session() as session:
        for term, topic in TERM_TOPICS.items():
            assert term in glossary, term
            assert queries.faq_answer(session, topic) is not None, topic


# --- facts about a relative, no question ------------------------------------------------

UNSURE = ranked_selection(("emergency_procedure", 0.45), ("other_support", 0.38))


async def test_facts_about_a_relative_read_as_an_unsure_question_are_read_back():
    """The model of 6 December read this as faq with no topic sure; the person was asked
    which of two topics they meant, and the husband, NAH and 58 were lost."""
    text = "mijn man heeft een hersenbloeding gehad en is nu half verlamd, hij is 58"
    facts = {"relation": ("partner", "man"), "target_group": ("nah", "hersenbloeding"), "age": "58"}
    said = user(text, "faq", facts, response_selector=UNSURE)

    turn = await run_action(ActionAnswerFaq(), load_tracker("welcome", said))

    assert turn.texts[0] == "Ik lees: je man, 58 jaar, niet-aangeboren hersenletsel (NAH)."
    assert "utter_faq_which_topic" not in turn.responses
    assert turn.responses[-1] == "utter_what_next"
    assert turn.slots["speaker"] == "network"


@pytest.mark.parametrize(
    ("text", "relative"),
    [
        ("mijn ma zit in een rolstoel en kan ni meer alleen naar de wc, wie kan helpen", "ma"),
        ("ons moeder zit in een rolstoel, welke hulp is er", "moeder"),
        ("mijn ma zit in een rolstoel, wat moeten we nu doen", "ma"),
        ("mijn ma zit in een rolstoel, waar heeft ze recht op", "ma"),
        ("mijn ma zit in een rolstoel, wat bestaat er allemaal", "ma"),
    ],
)
async def test_facts_about_a_relative_with_who_can_help_are_read_back_and_the_check_offered(
    text, relative
):
    """The model of 7 December read the first as faq with no topic sure (herziening 0.33,
    when carers stop 0.26): "which of these topics?", and the mother and her wheelchair
    were lost."""
    facts = {
        "relation": ("ouder", relative),
        "target_group": ("motorische_beperking", "rolstoel"),
    }
    said = user(text, "faq", facts, response_selector=UNSURE)

    turn = await run_action(ActionAnswerFaq(), load_tracker("welcome", said))

    assert turn.texts[0] == f"Ik lees: je {relative}, motorische beperking."
    assert turn.responses[-1] == "utter_eligibility_offer_someone"
    assert turn.texts[-1].startswith(f"Wil je weten welke hulp bij je {relative} past")
    assert turn.buttons[0] == "Ja, stel je vragen"
    assert turn.slots["speaker"] == "network"


async def test_facts_about_a_relative_with_who_can_help_misunderstood_get_the_same_answer():
    text = "mijn ma zit in een rolstoel en kan ni meer alleen naar de wc, wie kan helpen"
    facts = {"relation": ("ouder", "ma"), "target_group": ("motorische_beperking", "rolstoel")}

    turn = await run_action(
        ActionFallback(), load_tracker("welcome", user(text, "nlu_fallback", facts))
    )

    assert turn.texts[0] == "Ik lees: je ma, motorische beperking."
    assert turn.responses[-1] == "utter_eligibility_offer_someone"


@pytest.mark.parametrize(
    "text",
    [
        "mijn zoon van 17 wordt volwassen wat verandert er",
        "mijn zoon is 17, kan hij een budget krijgen",
        "mijn zoon is 17 en heeft autisme?",
    ],
)
async def test_facts_about_a_relative_with_a_question_still_ask_which_topic(text):
    facts = {"relation": ("kind", "zoon"), "age": "17"}
    said = user(text, "faq", facts, response_selector=UNSURE)

    turn = await run_action(ActionAnswerFaq(), load_tracker("welcome", said))

    assert "utter_read_as" not in turn.responses


async def test_a_relative_without_a_fact_in_an_unsure_question_asks_which_topic():
    said = user("mijn broer is er slecht aan toe", "faq", {"relation": ("broer", "broer")},
                response_selector=UNSURE)  # fmt: skip

    turn = await run_action(ActionAnswerFaq(), load_tracker("welcome", said))

    assert turn.responses[0] == "utter_faq_which_topic"


async def test_moving_to_wallonia_read_as_an_unsure_question_gets_whom_the_vaph_helps():
    """The model of 6 December read this as faq with budget_spending 0.21: the person was
    asked whether they meant cash or voucher or changing providers."""
    text = "ik verhuis naar wallonie kan ik mijn budget meenemen"
    said = user(text, "faq", response_selector=UNSURE)

    turn = await run_action(ActionAnswerFaq(), load_tracker("welcome", said))

    assert "utter_faq_which_topic" not in turn.responses
    assert turn.texts[0] == "Ik lees: Wallonië."
    assert turn.texts[1].startswith(
        "De hulp van het VAPH is voor wie in Vlaanderen of Brussel woont"
    )
    assert turn.responses[-1] == "utter_what_next"


@pytest.mark.parametrize(
    "text",
    [
        "ik verhuis naar nederland, kan ik mijn pvb meenemen",
        "kan ik mijn pvb meenemen naar nederland",
    ],
)
async def test_taking_a_budget_abroad_read_as_a_sure_topic_gets_whom_the_vaph_helps(text):
    """Found as a new user on 2026-12-07: read as change_provider (sure), the answer on
    changing providers came and nothing about living abroad."""
    said = user(text, "faq", response_selector=ranked_selection(("change_provider", 0.95)))

    turn = await run_action(ActionAnswerFaq(), load_tracker("welcome", said))

    assert turn.texts[0] == "Ik lees: het buitenland."
    assert turn.texts[1].startswith(
        "De hulp van het VAPH is voor wie in Vlaanderen of Brussel woont"
    )
    assert knowledge_answer("change_provider") not in turn.texts


async def test_a_sure_question_from_another_country_without_moving_is_answered():
    said = user(
        "ik woon in nederland, wat is een pvb",
        "faq",
        response_selector=ranked_selection(("what_is_pvb", 0.95)),
    )

    turn = await run_action(ActionAnswerFaq(), load_tracker("welcome", said))

    assert knowledge_answer("what_is_pvb") in turn.texts


async def test_wallonia_without_living_there_in_an_unsure_question_asks_which_topic():
    said = user("is er een dagcentrum in wallonie", "faq", response_selector=UNSURE)

    turn = await run_action(ActionAnswerFaq(), load_tracker("welcome", said))

    assert turn.responses[0] == "utter_faq_which_topic"


# --- readings of another host: the same answer whatever the classifier made of it ----------


async def test_a_right_asked_for_in_an_unsure_question_gets_whom_it_is_for():
    """On the model trained on 2026-12-06 by an AMD EPYC (family 25, model 1) host this was
    faq with how_to_apply at 0.43 and no target group; the fallback's answer (whom the PVB
    is for) became "which of these two topics?"."""
    unsure = ranked_selection(("how_to_apply", 0.43), ("what_is_pvb", 0.30))
    daughter = {"relation": ("kind", "dochter")}
    said = user(
        "mijn dochter heeft down, krijgt ze een pvb", "faq", daughter, response_selector=unsure
    )

    turn = await run_action(ActionAnswerFaq(), load_tracker("welcome", said))

    with db.session() as session:
        pvb = session.get(Right, queries.FIRST_REQUEST_RIGHT)
        assert pvb is not None
    assert pvb.who.strip() in turn.texts[0]
    assert turn.responses[1:] == ["utter_faq_next_steps_gewoon"]


async def test_a_form_not_understood_in_an_unsure_question_gets_who_helps():
    """The same host read "ik versta het formulier niet" as faq, contact_vaph 0.35."""
    unsure = ranked_selection(("contact_vaph", 0.35), ("what_is_dop", 0.30))
    said = user("ik versta het formulier niet", "faq", response_selector=unsure)

    turn = await run_action(ActionAnswerFaq(), load_tracker("welcome", said))

    assert turn.texts[0] == knowledge_answer("what_is_dop")
    assert "utter_faq_which_topic" not in turn.responses
