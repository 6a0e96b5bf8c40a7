"""action_answer_faq, action_use_simple_language, action_use_normal_language: FAQ answers
from the knowledge base at the user's reading level."""

from __future__ import annotations

import pytest

from actions.fallback import ActionFallback
from actions.faq import ActionAnswerFaq, other_term_first, term_asked_about
from actions.out_of_scope import ActionOutOfScope
from actions.reading_level import ActionUseNormalLanguage, ActionUseSimpleLanguage
from bot.config import PROJECT_ROOT, load_settings
from bot.waiting_words import STILL_WAITING_WORDS
from knowledge import db, queries
from knowledge.models import Right
from tests.actions.conftest import faq_selection, load_tracker, ranked_selection, run_action, user
from tests.chat import knowledge_answer
from tests.holdout_honesty import examples
from tests.nlu_quality import HOLDOUT_DIR

PVB_GEWOON = (
    "Een persoonsvolgend budget (PVB) is een budget op maat van het Vlaams Agentschap voor "
    "Personen met een Handicap (VAPH)"
)
PVB_EENVOUDIG = "Een persoonsvolgend budget is geld voor hulp op maat.\n"
DOP_GEWOON = "Een Dienst Ondersteuningsplan (DOP) helpt je gratis uitzoeken"


def pvb_question(text: str = "wat is een persoonsvolgend budget?") -> dict:
    return user(text, "faq", response_selector=faq_selection("what_is_pvb"))


async def test_question_is_answered_from_the_knowledge_base_with_next_steps():
    turn = await run_action(ActionAnswerFaq(), load_tracker("welcome", pvb_question()))

    assert turn.responses == [None, "utter_faq_next_steps_gewoon"]
    assert turn.texts[0].startswith(PVB_GEWOON)
    # The figures come from the knowledge records, not from a placeholder.
    assert "vanaf 17 jaar" in turn.texts[0] and "{" not in turn.texts[0]
    assert turn.buttons == ["Eenvoudiger uitleg", "Wat past bij mij?", "Met een mens praten"]
    assert turn.events == [
        {"event": "slot", "name": "last_faq_topic", "value": "what_is_pvb", "timestamp": None}
    ]


async def test_answer_in_easy_language_when_the_user_chose_it():
    tracker = load_tracker("welcome", pvb_question(), slots={"reading_level": "eenvoudig"})

    turn = await run_action(ActionAnswerFaq(), tracker)

    assert turn.texts[0].startswith(PVB_EENVOUDIG)
    assert turn.texts[1] == "Wil je nog iets weten?"
    assert turn.buttons == ["Ik begrijp het nog niet", "Wat past bij mij?", "Met een mens praten"]


def privacy_question(text: str = "ik wil niet meer dat jullie mijn gegevens hebben") -> dict:
    return user(text, "faq", response_selector=faq_selection("privacy"))


async def test_after_the_privacy_answer_the_person_can_see_or_wipe_what_is_stored():
    """The answer says "Je kunt ook vragen om je gegevens te wissen" but its buttons were
    those of every answer: no way to do it, and not how long a plan is kept."""
    turn = await run_action(ActionAnswerFaq(), load_tracker("welcome", privacy_question()))

    assert turn.responses == [None, "utter_privacy_next_steps_gewoon"]
    assert turn.texts[0] == knowledge_answer("privacy")
    keep_days = load_settings().plan_keep_days
    assert f"Een plan bewaar ik tot {keep_days} dagen na je laatste wijziging." in turn.texts[1]
    assert turn.buttons == [
        "Eenvoudiger uitleg",
        "Wat bewaar je over mij?",
        "Wis mijn gegevens",
        "Met een mens praten",
    ]
    payloads = [b["payload"] for reply in turn.replies for b in reply.get("buttons", [])]
    assert {"/show_my_data", "/delete_my_data"} <= set(payloads)


async def test_the_privacy_next_steps_in_easy_language():
    tracker = load_tracker("welcome", privacy_question(), slots={"reading_level": "eenvoudig"})

    turn = await run_action(ActionAnswerFaq(), tracker)

    assert turn.responses == [None, "utter_privacy_next_steps_eenvoudig"]
    assert turn.texts[0] == knowledge_answer("privacy", "eenvoudig")
    assert turn.buttons == ["Wat weet je over mij?", "Wis alles", "Met een mens praten"]


async def test_a_button_payload_names_the_topic_itself():
    tracker = load_tracker("welcome", user("/faq/what_is_dop", "faq/what_is_dop"))

    turn = await run_action(ActionAnswerFaq(), tracker)

    assert turn.texts[0].startswith(DOP_GEWOON)
    assert turn.slots == {"last_faq_topic": "what_is_dop"}


async def test_inside_a_form_the_answer_comes_without_next_step_buttons():
    question = user("wat is een DOP?", "faq", response_selector=faq_selection("what_is_dop"))
    tracker = load_tracker("eligibility_asks_place", question)

    turn = await run_action(ActionAnswerFaq(), tracker)

    assert turn.responses == [None]
    assert turn.texts[0].startswith(DOP_GEWOON)
    assert turn.buttons == []
    assert turn.slots == {"last_faq_topic": "what_is_dop"}


async def test_a_topic_without_an_answer_says_so_and_remembers_nothing():
    question = user("hoe werkt de zorgkas?", "faq", response_selector=faq_selection("zorgkas"))

    turn = await run_action(ActionAnswerFaq(), load_tracker("welcome", question))

    assert turn.responses == ["utter_faq_unknown"]
    assert turn.text.startswith("Daar heb ik nog geen uitleg over, sorry.")
    assert turn.events == []


async def test_a_faq_intent_without_a_selected_topic_says_there_is_no_answer():
    turn = await run_action(ActionAnswerFaq(), load_tracker("welcome", user("uitleg", "faq")))

    assert turn.responses == ["utter_faq_unknown"]
    assert turn.events == []


async def test_not_understanding_switches_to_easy_language_and_repeats_the_last_answer():
    tracker = load_tracker("faq_answered", user("ik snap het niet", "simpler_language"))

    turn = await run_action(ActionUseSimpleLanguage(), tracker)

    assert turn.responses == [
        "utter_reading_level_eenvoudig",
        None,
        "utter_faq_next_steps_eenvoudig",
        None,
    ]
    assert turn.replies[-1]["custom"] == {"wegwijzer": {"reading_level": "eenvoudig"}}
    assert turn.texts[0] == "Goed. Ik schrijf nu in makkelijke taal."
    assert turn.texts[1].startswith(PVB_EENVOUDIG)
    assert turn.slots == {"reading_level": "eenvoudig"}


async def test_not_understanding_the_easy_answer_offers_a_person_not_the_same_words():
    """ "snap ik nie" (or the button "Ik begrijp het nog niet") when the answer was already
    in makkelijke taal: repeating it word for word would not help."""
    tracker = load_tracker(
        "faq_answered",
        user("snap ik nie", "simpler_language"),
        slots={"reading_level": "eenvoudig"},
    )

    turn = await run_action(ActionUseSimpleLanguage(), tracker)

    assert turn.responses == ["utter_simplest_already"]
    assert turn.text.startswith("Eenvoudiger kan ik het niet schrijven.")
    assert turn.buttons == ["Met een mens praten", "Iets anders vragen"]
    assert turn.events == []


async def test_easy_language_without_an_earlier_answer_only_confirms():
    tracker = load_tracker("welcome", user("kan het simpeler?", "simpler_language"))

    turn = await run_action(ActionUseSimpleLanguage(), tracker)

    assert turn.texts[:-1] == ["Goed. Ik schrijf nu in makkelijke taal."]
    # The last message tells the web chat's switch (no text): typed requests show on it too.
    assert turn.replies[-1]["custom"] == {"wegwijzer": {"reading_level": "eenvoudig"}}
    assert turn.slots == {"reading_level": "eenvoudig"}


async def test_normal_language_switches_back_and_repeats_the_answer_in_full():
    tracker = load_tracker(
        "faq_answered",
        user("gewone uitleg graag", "normal_language"),
        slots={"reading_level": "eenvoudig"},
    )

    turn = await run_action(ActionUseNormalLanguage(), tracker)

    assert turn.responses == [
        "utter_reading_level_gewoon",
        None,
        "utter_faq_next_steps_gewoon",
        None,
    ]
    assert turn.replies[-1]["custom"] == {"wegwijzer": {"reading_level": "gewoon"}}
    assert turn.texts[0] == "Goed. Ik geef nu weer de gewone uitleg."
    assert turn.texts[1].startswith(PVB_GEWOON)
    # The next steps come at the new level too, not at the level before the switch.
    assert turn.texts[2] == "Is dit duidelijk? Je kan ook een andere vraag stellen."
    assert turn.buttons == ["Eenvoudiger uitleg", "Wat past bij mij?", "Met een mens praten"]
    assert turn.slots == {"reading_level": "gewoon"}


async def test_after_switching_to_easy_language_the_next_steps_are_easy_too():
    tracker = load_tracker("faq_answered", user("ik snap het niet", "simpler_language"))

    turn = await run_action(ActionUseSimpleLanguage(), tracker)

    assert turn.texts[2] == "Wil je nog iets weten?"
    assert turn.buttons == ["Ik begrijp het nog niet", "Wat past bij mij?", "Met een mens praten"]


async def test_a_question_with_an_age_past_the_limit_gets_the_age_rule_before_the_answer():
    # Answer first (issue 14): the FAQ route says the PVB's age rule too, then the topic,
    # then the buttons that offer the check.
    with db.session() as session:
        pvb = session.get(Right, queries.FIRST_REQUEST_RIGHT)
        limit = pvb.first_request_before_age
    age = str(limit + 5)
    said = user(
        f"kan mijn vader van {age} nog een pvb aanvragen",
        "faq",
        {"age": age},
        response_selector=faq_selection("how_to_apply"),
    )

    turn = await run_action(ActionAnswerFaq(), load_tracker("welcome", said))

    assert f"vóór {limit}" in turn.texts[0] and "erkend" in turn.texts[0]
    assert "Wat past bij mij?" in turn.buttons


def waiting_question(text: str) -> dict:
    return user(text, "faq", response_selector=faq_selection("waiting_time"))


async def test_a_waiting_list_question_right_after_the_results_is_about_those_providers():
    # provider_page: the answer just before was a page of results.
    results_shown = {"provider_page": 1.0}
    said = waiting_question("hebben die een wachtlijst")
    turn = await run_action(
        ActionAnswerFaq(), load_tracker("provider_search_done", said, slots=results_shown)
    )

    assert turn.responses == ["utter_providers_waiting_list"]
    assert turn.text.startswith("Of een aanbieder een wachtlijst heeft, weet ik niet.")
    # The VAPH's waiting list is one button away, and the button gets the usual answer.
    assert turn.buttons == ["Wachten op een budget van het VAPH", "Met een mens praten"]
    pressed = user("/faq/waiting_time", "faq/waiting_time")
    tracker = load_tracker("provider_search_done", pressed, slots=results_shown)
    tracker.events.insert(-1, {"event": "user", "text": "hebben die een wachtlijst"})
    tracker.events.insert(-1, {"event": "action", "name": "action_answer_faq"})
    usual = await run_action(ActionAnswerFaq(), tracker)
    assert usual.responses == [None, "utter_faq_next_steps_gewoon"]
    assert usual.slots == {"last_faq_topic": "waiting_time"}


async def test_a_waiting_question_about_the_budget_after_the_results_gets_the_usual_answer():
    said = waiting_question("hoe lang moet ik wachten op een budget")
    tracker = load_tracker("provider_search_done", said, slots={"provider_page": 1.0})

    turn = await run_action(ActionAnswerFaq(), tracker)

    assert turn.responses == [None, "utter_faq_next_steps_gewoon"]
    assert turn.slots == {"last_faq_topic": "waiting_time"}


async def test_a_waiting_question_without_results_before_gets_the_usual_answer():
    turn = await run_action(
        ActionAnswerFaq(), load_tracker("welcome", waiting_question("hebben die een wachtlijst"))
    )

    assert turn.slots == {"last_faq_topic": "waiting_time"}


@pytest.mark.parametrize(
    ("text", "ranking"),
    [
        ("hoe lang moet ik wachten op een plaats in een dagcentrum", (("waiting_time", 0.52),)),
        # unsure between two topics, but a question about waiting
        ("is er een wachtlijst voor een dagcentrum", (("waiting_time", 0.22), ("minors", 0.17))),
    ],
)
async def test_waiting_for_a_place_in_a_kind_of_help_is_about_the_provider(text, ranking):
    """Not the VAPH's waiting times for a budget: the knowledge base knows nothing about a
    provider's places, so Wegwijzer says so and offers a search for that help."""
    said = user(
        text,
        "faq",
        {"support_type": ("dagondersteuning", "dagcentrum")},
        response_selector=ranked_selection(*ranking),
    )

    turn = await run_action(ActionAnswerFaq(), load_tracker("welcome", said))

    assert turn.responses == ["utter_waiting_for_a_place"]
    assert turn.text.startswith("Of je moet wachten op een plaats voor dagondersteuning")
    payloads = [button["payload"] for button in turn.replies[0]["buttons"]]
    assert payloads == [
        '/find_provider{"support_type": "dagondersteuning"}',
        "/faq/waiting_time",
        "/request_human",
    ]


async def test_waiting_for_a_budget_with_a_kind_of_help_gets_the_vaphs_waiting_time():
    said = user(
        "hoe lang wacht je op een budget voor begeleid wonen",
        "faq",
        {"support_type": ("woonondersteuning", "begeleid wonen")},
        response_selector=faq_selection("waiting_time"),
    )

    turn = await run_action(ActionAnswerFaq(), load_tracker("welcome", said))

    with db.session() as session:
        answer = queries.faq_answer(session, "waiting_time", "gewoon")
    assert answer is not None and turn.texts[0] == answer.text


@pytest.mark.parametrize(
    "text", ["ik zit in prioriteitengroep 2 hoe lang nog", "wat is de wachttijd in groep 1"]
)
async def test_how_long_in_a_priority_group_gets_the_waiting_time(text):
    """The model of 3 December read the first as faq/priority_groups (0.85), whose answer
    explains the groups; the person asks how long they wait in theirs."""
    said = user(text, "faq", response_selector=faq_selection("priority_groups"))

    turn = await run_action(ActionAnswerFaq(), load_tracker("welcome", said))

    with db.session() as session:
        answer = queries.faq_answer(session, "waiting_time", "gewoon")
    assert answer is not None and turn.texts[0] == answer.text
    assert turn.slots == {"last_faq_topic": "waiting_time"}


async def test_what_a_priority_group_is_still_gets_its_answer():
    said = user(
        "wat is een prioriteitengroep", "faq", response_selector=faq_selection("priority_groups")
    )

    turn = await run_action(ActionAnswerFaq(), load_tracker("welcome", said))

    assert turn.slots == {"last_faq_topic": "priority_groups"}


# --- what the question asks about another term comes first ---------------------------------


def test_a_question_about_rth_with_a_pvb_starts_with_the_line_about_both():
    """ "ik heb een pvb, kan ik nog rth gebruiken": the RTH answer said "Je gebruikt RTH niet
    tegelijk met een persoonsvolgend budget (PVB), ..." in its eighth line."""
    answer = knowledge_answer("what_is_rth")
    lines = answer.splitlines()

    reordered = other_term_first(answer, "what_is_rth", "ik heb een pvb, kan ik nog rth gebruiken")

    first = reordered.splitlines()[0]
    assert "PVB" in first and "RTH" in first
    assert sorted(reordered.splitlines()) == sorted(lines)  # nothing lost, nothing added
    assert lines.index(first) > 0  # it was not first before


@pytest.mark.parametrize(
    ("topic", "question"),
    [
        ("what_is_rth", "wat is rth"),  # only the topic's own term
        ("how_to_apply", "hoe vraag ik een pvb aan"),  # the topic has no term of its own
        ("what_is_rth", "ik heb een pvb en een zorgbudget, kan ik nog rth krijgen"),  # two others
    ],
)
def test_other_questions_get_the_answer_as_written(topic, question):
    answer = knowledge_answer(topic)
    assert other_term_first(answer, topic, question) == answer


async def test_the_faq_action_says_the_line_about_the_other_term_first():
    said = user(
        "ik heb een pvb, kan ik nog rth gebruiken",
        "faq",
        response_selector=faq_selection("what_is_rth"),
    )

    turn = await run_action(ActionAnswerFaq(), load_tracker("welcome", said))

    assert turn.texts[0].splitlines()[0].startswith("Je gebruikt RTH niet tegelijk met")


# --- a long wait told outside a form ----------------------------------------------------------


def told(text: str, intent: str = "inform", *scores: tuple[str, float]) -> dict:
    ranking = scores or (("waiting_time", 0.99), ("priority_groups", 0.01))
    return user(text, intent, response_selector=ranked_selection(*ranking))


@pytest.mark.parametrize(
    "text", ["ik sta al 3 jaar op de wachtlijst", "we wachten al zo lang op een budget"]
)
async def test_a_long_wait_told_outside_a_form_gets_the_answer_about_waiting(text):
    """ "ik sta al 3 jaar op de wachtlijst" (inform 0.97, waiting_time 0.99 on the model of
    2026-12-06) got "Sorry, dat heb ik niet goed begrepen"."""
    turn = await run_action(ActionFallback(), load_tracker("welcome", told(text)))

    assert turn.texts[0] == knowledge_answer("waiting_time")
    assert "utter_fallback" not in turn.responses
    assert turn.slots == {"last_faq_topic": "waiting_time"}


async def test_a_long_wait_told_in_a_form_is_left_to_the_form():
    tracker = load_tracker("eligibility_asks_place", told("ik sta al 3 jaar op de wachtlijst"))

    turn = await run_action(ActionFallback(), tracker)

    assert knowledge_answer("waiting_time") not in turn.texts


@pytest.mark.parametrize(
    ("text", "scores"),
    [
        ("ik sta al 3 jaar op de wachtlijst", (("waiting_time", 0.45), ("herziening", 0.4))),
        ("ik woon al 3 jaar in gent", (("waiting_time", 0.9), ("costs", 0.01))),  # no waiting
    ],
)
async def test_other_facts_told_get_no_answer_about_waiting(text, scores):
    turn = await run_action(
        ActionFallback(), load_tracker("welcome", told(text, "inform", *scores))
    )

    assert knowledge_answer("waiting_time") not in turn.texts


@pytest.mark.parametrize(
    ("text", "intent", "scores"),
    [
        # nlu_fallback 0.60, how_to_apply 0.19 on the model of 2026-12-07
        (
            "ik heb een aanvraag gedaan in 2019 en nog altijd niks",
            "nlu_fallback",
            (("how_to_apply", 0.19), ("minors", 0.10)),
        ),
        ("ik heb nog steeds geen antwoord van het vaph", "nlu_fallback", ()),
        ("al 3 jaar niks gehoord", "nlu_fallback", (("minors", 0.09), ("costs", 0.05))),
    ],
)
async def test_still_waiting_told_as_a_complaint_gets_the_answer_about_waiting(
    text, intent, scores
):
    """Found as a new user: these got "Sorry, dat heb ik niet goed begrepen"."""
    said = told(text, intent, *(scores or (("contact_vaph", 0.2), ("costs", 0.1))))

    turn = await run_action(ActionFallback(), load_tracker("welcome", said))

    assert turn.texts[0] == knowledge_answer("waiting_time")
    assert turn.slots == {"last_faq_topic": "waiting_time"}


async def test_still_waiting_read_as_another_matter_gets_the_answer_about_waiting():
    """ "nog altijd niks gehoord van het vaph": out_of_scope 1.00 on the model of 2026-12-07,
    "Daar kan ik je helaas niet mee helpen"."""
    said = told("nog altijd niks gehoord van het vaph", "out_of_scope", ("minors", 0.09))

    turn = await run_action(ActionOutOfScope(), load_tracker("welcome", said))

    assert turn.texts[0] == knowledge_answer("waiting_time")
    assert "utter_out_of_scope" not in turn.responses


@pytest.mark.parametrize(
    "text",
    [
        "ik heb nog geen budget, kan ik hulp krijgen",  # asks something else
        "ik begrijp het budget nog altijd niet",  # not understood, no wait
        "ik heb nog altijd geen idee wat een budget is",
        "ik heb niet gehoord wat je zei",
        "ik heb nog altijd geen werk",
    ],
)
def test_what_is_no_complaint_about_waiting(text):
    assert STILL_WAITING_WORDS.search(text) is None


@pytest.mark.parametrize("where", [PROJECT_ROOT / "data" / "nlu", HOLDOUT_DIR])
def test_no_example_of_another_intent_tells_still_waiting(where):
    """The words change answers, not the NLU figures: no training or held-out message has them."""
    matching = [
        (intent, text)
        for intent, texts in examples(where).items()
        for text in texts
        if STILL_WAITING_WORDS.search(text) and intent != "faq/waiting_time"
    ]
    assert matching == []


# --- when the VAPH answers --------------------------------------------------------------------

UNSURE_OF_THE_VAPH = (("costs", 0.15), ("contact_vaph", 0.12))


@pytest.mark.parametrize(
    ("intent", "action"), [("faq", ActionAnswerFaq()), ("nlu_fallback", ActionFallback())]
)
@pytest.mark.parametrize(
    "text",
    [
        "hoe lang duurt het eer dat ik iets hoor van het vaph",
        "wanneer krijg ik antwoord van het vaph",
    ],
)
async def test_when_the_vaph_answers_gets_the_answer_about_waiting(text, intent, action):
    """Found as a new user: "hoe lang duurt het eer dat ik iets hoor van het vaph" (faq 1.00,
    no topic sure: costs 0.15, contact_vaph 0.12 on the model of 2026-12-07) got "which of
    these topics?" with costs and the VAPH's contact details. The answer about waiting says
    the VAPH's decision names no date."""
    said = user(text, intent, response_selector=ranked_selection(*UNSURE_OF_THE_VAPH))

    turn = await run_action(action, load_tracker("welcome", said))

    assert turn.texts[0] == knowledge_answer("waiting_time")
    assert "de beslissing noemt geen datum" in turn.texts[0]
    assert turn.slots == {"last_faq_topic": "waiting_time"}


async def test_a_sure_topic_about_the_vaph_stays():
    said = user(
        "wanneer beslist het vaph over mijn herziening",
        "faq",
        response_selector=faq_selection("herziening"),
    )

    turn = await run_action(ActionAnswerFaq(), load_tracker("welcome", said))

    assert turn.texts[0] == knowledge_answer("herziening")


# --- information asked about one term ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "read_as", "topic"),
    [
        # privacy 0.70 on the model of 2026-12-06 ("info"): the answer on stored data.
        ("ik wil info over het pvb", ("privacy", 0.7), "what_is_pvb"),
        ("uitleg over rth aub", ("costs", 0.6), "what_is_rth"),
        ("informatie over het zorgbudget", ("what_is_bob", 0.9), "what_is_bob"),
    ],
)
async def test_information_asked_about_one_term_gets_what_it_is(text, read_as, topic):
    said = user(text, "faq", response_selector=ranked_selection(read_as, ("mdt", 0.05)))

    turn = await run_action(ActionAnswerFaq(), load_tracker("welcome", said))

    assert turn.texts[0] == knowledge_answer(topic)
    assert turn.slots == {"last_faq_topic": topic}


async def test_information_asked_about_one_term_the_classifier_was_unsure_of():
    said = user("uitleg over rth aub", "nlu_fallback")

    turn = await run_action(ActionFallback(), load_tracker("welcome", said))

    assert turn.texts[0] == knowledge_answer("what_is_rth")
    assert "utter_fallback" not in turn.responses


@pytest.mark.parametrize(
    "text", ["uitleg over de kosten van rth", "ik wil info over mijn gegevens", "wat is een pvb"]
)
def test_a_request_that_says_more_than_the_term_keeps_its_topic(text):
    assert term_asked_about(text) is None


# --- paying a relative with the budget ----------------------------------------------------


def family_line(level: str = "gewoon") -> str:
    with db.session() as session:
        wording = queries.statement_wording(session, "cash_familie", level)
        assert wording
        return wording


@pytest.mark.parametrize(
    "text",
    [
        "mag ik mijn budget aan mijn zus geven om voor mij te zorgen",
        "kan ik mijn mama betalen met mijn pvb",
        "kan ons moeder voor mij zorgen met het budget",
        "mag mijn papa mijn begeleider zijn",  # bot/faq_question_signal.py, 2026-12-07
    ],
)
@pytest.mark.parametrize("level", ["gewoon", "eenvoudig"])
async def test_a_question_about_paying_a_relative_gets_that_line_first(text, level):
    said = user(text, "faq", response_selector=faq_selection("budget_spending"))
    tracker = load_tracker("welcome", said, slots={"reading_level": level})

    turn = await run_action(ActionAnswerFaq(), tracker)

    assert turn.texts[0].startswith(family_line(level) + "\n")
    assert turn.texts[0].count(family_line(level)) == 1
    # Nothing lost: the same lines as the answer as written, in another order.
    assert sorted(turn.texts[0].splitlines()) == sorted(
        knowledge_answer("budget_spending", level).splitlines()
    )


async def test_a_question_about_spending_without_a_relative_gets_the_answer_as_written():
    said = user("wat is het verschil tussen cash en voucher", "faq",
                response_selector=faq_selection("budget_spending"))  # fmt: skip

    turn = await run_action(ActionAnswerFaq(), load_tracker("welcome", said))

    assert turn.texts[0] == knowledge_answer("budget_spending")


async def test_in_the_intake_a_question_about_the_question_is_left_to_the_intake():
    # faq 0.84 on the model of 2026-12-06; the intake says how to answer (actions/intake.py).
    said = user("wat bedoel je daarmee", "faq", response_selector=faq_selection("vaph_letter"))

    turn = await run_action(ActionAnswerFaq(), load_tracker("intake_asks_strengths", said))

    assert turn.dispatched == []
