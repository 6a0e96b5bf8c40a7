"""The FAQ question check in the NLU pipeline (bot/faq_question_signal.py): a question the
FAQ selector is sure of, read by the classifier as thanks or as an introduction, is `faq`;
without a sure topic, or without a question, the classifier's reading stays. No thanks,
goodbye or introduction example of the training data or the held-out set is such a
question. Its place in the pipeline, before the crisis signals, is tested with the skip
check's (tests/test_skip_phrase_signal.py)."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.budget_words import NAMES_A_BUDGET
from bot.closing_phrases import asks_after_thanks
from bot.config import PROJECT_ROOT
from bot.device_words import searches_for_a_device
from bot.faq_question_signal import (
    ASKS_WHAT_THE_PLAN_IS,
    SPENDING,
    FaqQuestionClassifier,
    asks_to_get_it_automatically,
    names_an_unlisted_service,
)
from bot.question_phrases import asks_a_question, starts_as_question
from tests.holdout_honesty import examples
from tests.nlu_quality import HOLDOUT_DIR

TRAINING = examples(PROJECT_ROOT / "data" / "nlu")
HELD_OUT = examples(HOLDOUT_DIR / "intents.yml")


def classified(text: str, guess: str, topic_confidence: float) -> str:
    """The intent the check leaves when the FAQ selector chose a topic with this confidence."""
    response = {"intent_response_key": "faq/budget_spending", "confidence": topic_confidence}
    message = Message(
        data={
            TEXT: text,
            INTENT: {"name": guess, "confidence": 0.68},
            "response_selector": {"default": {"response": response}},
        }
    )
    FaqQuestionClassifier().process([message])
    return message.get(INTENT)["name"]


@pytest.mark.parametrize(
    ("text", "guess"),
    [
        # Only "Graag gedaan! Heb je nog een vraag?" was said, and the question was lost.
        ("bedankt, en hoe vraag ik zo'n plek aan", "thank"),  # thank 0.68 on 2026-12-06
        ("dank je, hoe lang moet ik wachten", "thank"),  # thank 0.92
        ("bedankt voor de uitleg, hoe vraag ik het aan", "goodbye"),
        ("allee merci, waar kan ik dat vinden", "thank"),
        # "Goed, dan stel ik mijn vragen over je mama." (identify_as_network 0.95).
        ("mag mijn mama mijn begeleider zijn", "identify_as_network"),
        ("kan ik mijn broer betalen met mijn budget", "identify_as_person"),
        # "Ik ben een computerprogramma, geen mens." (bot_challenge 0.99).
        ("krijg ik da automatisch", "bot_challenge"),
        ("gaat dat budget automatisch over als ze 18 wordt", "bot_challenge"),
    ],
)
def test_a_question_the_selector_is_sure_of_is_that_question(text, guess):
    assert classified(text, guess, 0.9) == "faq"


@pytest.mark.parametrize(
    ("text", "guess", "topic_confidence"),
    [
        ("mag mijn mama mijn begeleider zijn", "identify_as_network", 0.3),
        ("bedankt, kan ik nu een plan maken", "start_intake", 0.97),  # another reading
        ("kan ik een plan maken voor mijn zoon", "start_intake", 0.97),
        ("bedankt voor alles", "thank", 0.97),  # no question
        ("bedankt voor de uitleg", "thank", 0.97),
        ("nee bedankt, hoe lang duurt dat", "thank", 0.97),  # an answer first
        ("ik ben de mama van Lotte", "identify_as_network", 0.97),
        ("voor mezelf", "identify_as_person", 0.97),
        ("krijg ik hier automatische antwoorden", "bot_challenge", 0.97),
        ("is dit automatisch", "bot_challenge", 0.97),
        ("krijg ik da automatisch", "bot_challenge", 0.5),
    ],
)
def test_without_a_sure_question_the_classifiers_reading_stays(text, guess, topic_confidence):
    assert classified(text, guess, topic_confidence) == guess


@pytest.mark.parametrize("guess", ["identify_as_network", "identify_as_person"])
def test_after_an_introduction_a_likely_topic_is_enough(guess):
    """ "mag mijn papa mijn begeleider zijn": identify_as_network 0.94, budget_spending 0.65
    on the model of 2026-12-07; the person heard "Goed, dan stel ik mijn vragen over je
    papa."."""
    assert classified("mag mijn papa mijn begeleider zijn", guess, 0.65) == "faq"
    assert classified("krijg ik da automatisch", "bot_challenge", 0.65) == "bot_challenge"


@pytest.mark.parametrize(
    "text", ["bedankt, en wie beslist daarover", "bedankt, en hoe vraag ik zo'n plek aan"]
)
def test_thanks_then_a_question_no_topic_is_sure_of_goes_to_the_fallback(text):
    """ "bedankt, en wie beslist daarover" (thank 0.93) got only "Graag gedaan!"; the
    fallback answers who decides from the answer just given (actions/follow_up.py)."""
    assert classified(text, "thank", 0.24) == "nlu_fallback"


def test_no_goodbye_or_thanks_example_asks_a_question_after_the_thanks():
    closing = [
        text
        for source in (TRAINING, HELD_OUT)
        for intent in ("goodbye", "thank")
        for text in source[intent]
    ]
    assert len(closing) > 60
    assert [text for text in closing if asks_after_thanks(text)] == []


def test_no_bot_challenge_example_asks_to_get_something_automatically():
    asking = [
        text
        for text in TRAINING["bot_challenge"] + HELD_OUT["bot_challenge"]
        if asks_to_get_it_automatically(text)
    ]
    assert asking == []


def test_no_introduction_example_starts_as_a_question():
    introductions = [
        text
        for source in (TRAINING, HELD_OUT)
        for intent in ("identify_as_network", "identify_as_person")
        for text in source[intent]
    ]
    assert len(introductions) > 150
    assert [text for text in introductions if starts_as_question(text)] == []


def test_a_button_payload_is_no_question():
    assert not starts_as_question("/identify_as_network")
    assert not asks_after_thanks("/thank")


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("ik woon in Anderlecht, kan ik naar het vaph", True),
        ("ons moeder is 82 en woont in Brussel, kan zij nog iets krijgen", True),
        ("ik woon in Elsene?", True),
        ("ik woon in Anderlecht", False),
        ("mijn zoon is 19 en heeft autisme", False),
        ("ik woon in Jette en ik heb een vraag", False),
        ("/inform", False),
    ],
)
def test_what_counts_as_asking_something(text, asks):
    assert asks_a_question(text) is asks


def searched(
    text: str, guess: str, topic: str, under: str = "", entities: tuple[str, ...] = ()
) -> str:
    """The intent the check leaves for a message the classifier read as `guess` (with
    `under` first under it), with these `entities`, whose best FAQ topic is `topic`, at 0.56."""
    ranking = [{"name": guess, "confidence": 0.6}]
    if under:
        ranking.append({"name": under, "confidence": 0.59})
    message = Message(
        data={
            TEXT: text,
            INTENT: {"name": guess, "confidence": 0.6},
            INTENT_RANKING_KEY: ranking,
            "entities": [{"entity": name, "value": "x"} for name in entities],
            "response_selector": {
                "default": {"response": {"intent_response_key": f"faq/{topic}", "confidence": 0.56}}
            },
        }
    )
    FaqQuestionClassifier().process([message])
    return message.get(INTENT)["name"]


@pytest.mark.parametrize(
    ("text", "guess", "under"),
    [
        # nlu_fallback 0.60, find_provider under it, faq/mdt 0.84 (model of 2026-12-06)
        ("waar kan ik een mdt vinden in de buurt van Gent", "nlu_fallback", "find_provider"),
        ("ik zoek een mdt in Brugge", "find_provider", ""),  # find_provider 1.00, faq/mdt 0.61
        ("zijn er mdt's in limburg", "find_provider", ""),  # 0.90, faq/mdt 0.56
        ("ik zoek een multidisciplinair team in Brugge", "find_provider", ""),
    ],
)
def test_a_search_for_a_service_no_provider_offers_is_a_question_about_it(text, guess, under):
    """The provider search started and asked "Welke soort hulp zoek je?"; MDTs are no kind
    of help in the provider data, and the FAQ answer about them says where to find one."""
    assert searched(text, guess, "mdt", under) == "faq"


@pytest.mark.parametrize(
    "text",
    [
        "waar vind ik een dop in de buurt van brugge",  # find_provider 0.85, model of 2026-12-07
        "ik zoek een dienst ondersteuningsplan in leuven",  # find_provider 0.98
    ],
)
def test_a_search_for_a_dop_is_a_question_about_it(text):
    """A Dienst Ondersteuningsplan is no kind of help in the provider data either: the answer
    about it says where its contact points are, not "Welke soort hulp zoek je?"."""
    assert searched(text, "find_provider", "what_is_dop", "") == "faq"


@pytest.mark.parametrize(
    ("text", "guess", "topic", "under"),
    [
        ("ik zoek een dagcentrum in Gent", "find_provider", "costs", ""),  # a listed kind
        ("ik zoek een mdt in Gent", "find_provider", "how_to_apply", ""),  # another topic
        ("ik zoek een mdt in Gent", "nlu_fallback", "mdt", "inform"),  # no search under it
        ("wat doet een mdt", "out_of_scope", "mdt", ""),  # no search
    ],
)
def test_other_searches_and_readings_stay(text, guess, topic, under):
    assert searched(text, guess, topic, under) == guess


def test_no_search_example_names_an_unlisted_service():
    searches = TRAINING.get("find_provider", []) + HELD_OUT.get("find_provider", [])
    assert searches
    assert [text for text in searches if names_an_unlisted_service(text)] == []


@pytest.mark.parametrize(
    ("text", "guess", "under"),
    [
        ("ik zoek een rolstoel", "find_provider", ""),  # find_provider 0.77 on 2026-12-06
        ("waar vind ik een traplift in Gent", "nlu_fallback", "find_provider"),
    ],
)
def test_a_search_for_a_device_is_a_question_about_devices(text, guess, under):
    """ "ik zoek een rolstoel" asked "Waar zoek je hulp?": no provider sells one."""
    assert searched(text, guess, "other_support", under, ("target_group",)) == "faq"


def test_a_search_for_a_kind_of_help_with_a_device_stays_a_search():
    text = "ik zoek woonondersteuning met een tillift"
    assert (
        searched(text, "find_provider", "other_support", "", ("support_type",)) == "find_provider"
    )
    assert searched("ik zoek een dagcentrum", "find_provider", "costs") == "find_provider"


def test_no_search_example_is_for_a_device():
    """Three name a wheelchair to say who the help is for ("zoek een dagcentrum voor mensen
    in een rolstoel"): they stay searches."""
    searches = TRAINING.get("find_provider", []) + HELD_OUT.get("find_provider", [])
    assert [text for text in searches if searches_for_a_device(text)] == []
    assert not searches_for_a_device("zoek een dagcentrum voor mensen in een rolstoel")


# --- a question about spending a budget that the classifier could not place ----------------


@pytest.mark.parametrize(
    ("text", "guess"),
    [
        # nlu_fallback 0.60, the selector budget_spending 0.95, on the model of 2026-12-06.
        ("kan ik mijn budget gebruiken voor een poetsvrouw", "nlu_fallback"),
        ("mag ik een taxi betalen met mijn pvb", "inform"),
    ],
)
def test_a_question_about_spending_a_budget_the_selector_is_sure_of_is_that_question(text, guess):
    assert classified(text, guess, 0.95) == "faq"


@pytest.mark.parametrize(
    ("text", "guess", "confidence"),
    [
        ("kan ik mijn budget gebruiken voor een poetsvrouw", "nlu_fallback", 0.5),  # unsure
        ("ik gebruik mijn budget voor een poetsvrouw", "inform", 0.95),  # a fact, no question
        ("kan ik mijn budget gebruiken voor een poetsvrouw", "out_of_scope", 0.95),
        ("kan ik dat gebruiken", "inform", 0.95),  # no budget named
    ],
)
def test_other_messages_about_spending_stay_what_they_were_read_as(text, guess, confidence):
    assert classified(text, guess, confidence) == guess


def test_any_question_under_the_fallback_the_selector_is_sure_of_is_that_question():
    """ "kan ik kiezen welke voorziening": nlu_fallback 0.60, change_provider 0.93."""
    assert classified("kan ik kiezen welke voorziening", "nlu_fallback", 0.93) == "faq"


@pytest.mark.parametrize(
    ("text", "guess", "confidence"),
    [
        ("kan ik kiezen welke voorziening", "nlu_fallback", 0.7),  # the selector unsure
        ("ik kies zelf mijn voorziening", "nlu_fallback", 0.95),  # no question
        ("kan je een taxi bellen voor mij", "out_of_scope", 0.95),  # placed: not the fallback
    ],
)
def test_without_a_question_a_sure_topic_or_the_fallback_the_reading_stays(text, guess, confidence):
    assert classified(text, guess, confidence) == guess


@pytest.mark.parametrize("where", [PROJECT_ROOT / "data" / "nlu", HOLDOUT_DIR])
def test_no_inform_example_asks_about_spending_a_budget(where):
    """So the check never turns a fact the assistant was taught (or is measured on) into a
    FAQ question."""
    inform = examples(where)["inform"]
    assert [t for t in inform if asks_a_question(t) and SPENDING.search(t)] == []


@pytest.mark.parametrize(
    ("text", "guess"),
    [
        # start_intake 0.70 on the model of 2026-12-07: the consent to the intake was asked.
        ("wa is een ondersteuningsplan eigenlijk", "start_intake"),
        ("Wat is dat eigenlijk, een ondersteuningsplan?", "show_plan"),
        ("wat is een ontwerp van ondersteuningsplan", "nlu_fallback"),
    ],
)
def test_a_question_what_an_ondersteuningsplan_is_is_a_question(text, guess):
    assert classified(text, guess, 0.3) == "faq"


@pytest.mark.parametrize(
    ("text", "guess"),
    [
        ("ik wil een ondersteuningsplan maken", "start_intake"),
        ("wat is mijn ondersteuningsplan", "show_plan"),  # the person's own plan
        ("ondersteuningsplan", "start_intake"),
    ],
)
def test_a_wish_for_the_plan_stays_one(text, guess):
    assert classified(text, guess, 0.3) == guess


@pytest.mark.parametrize("where", [PROJECT_ROOT / "data" / "nlu", HOLDOUT_DIR])
def test_no_intake_or_plan_example_asks_what_an_ondersteuningsplan_is(where):
    found = examples(where)
    wishes = [*found["start_intake"], *found["show_plan"]]
    assert len(wishes) > 30
    assert [t for t in wishes if ASKS_WHAT_THE_PLAN_IS.search(t.replace(",", " "))] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # pause 0.66 on the model of 2026-12-07 ("voor later"): "Je hebt nog geen plan."
        ("mag ik mijn budget sparen voor later", "faq"),
        ("kan ik mijn pvb bijhouden voor later", "faq"),
        ("mag ik mijn bob opsparen voor later", "faq"),  # the zorgbudget, by its short name
        ("ik doe later verder", "pause"),  # no budget: a pause
        ("bewaar dit voor later", "pause"),
    ],
)
def test_a_pause_that_names_a_budget_is_a_question_about_it(text, expected):
    assert classified(text, "pause", 0.44) == expected


def test_no_pause_example_names_a_budget():
    pauses = TRAINING.get("pause", []) + HELD_OUT.get("pause", [])
    assert len(pauses) > 50
    assert [text for text in pauses if NAMES_A_BUDGET.search(text)] == []
