"""Messages that ask for help or announce a question without saying what about ("ik heb
hulp nodig", "ik heb een vraag over mijn budget"), and a stop when nothing is going on.

The classifier read the first as a bare answer (inform 0.86) and the second as nothing
sure, and "ik wil stoppen" as the first message is `stop` with no form to stop: all three
got "Sorry, dat heb ik niet goed begrepen". Wegwijzer understood them well enough to answer
kindly: help is offered with the menu, and a stop is taken as the end of the talk, with a
way to go on.
"""

from __future__ import annotations

import re

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import answers, jargon
from bot.other_languages import other_language
from bot.phrase_words import typed_words
from bot.question_phrases import has_a_question_word

# "ik heb een vraag(je) over ...", "ik heb vragen": a question announced.
_ANNOUNCED_QUESTION = (
    r"\b(?:k?heb|k?had|hebben|hebbe)\s+(?:nog\s+)?(?:(?:een|ne|nen|enkele|wat|paar|een paar)\s+)?"
    r"vra\w*"
)
# "ik zoek informatie", "ik wil wat info": information asked without saying about what (a
# term named makes it a question about that term: actions/faq.py).
_INFORMATION_ASKED = (
    r"\b(?:zoek|zoeken|wil|wou|willen|graag|had graag)\s+(?:(?:wat|meer|een beetje|wat meer)\s+)?"
    r"(?:info|informatie|uitleg)(?:\s+(?:aub|alstublieft|graag|he|hé|a\s*u\s*b))?\s*$"
)
# "hulp nodig", "help mij", a question announced or information asked, in a short message.
_OPEN_REQUEST = re.compile(
    rf"\b(?:hulp|help|helpen|hulpje)\b|{_ANNOUNCED_QUESTION}|{_INFORMATION_ASKED}"
)
MAX_WORDS = 8
# The classifier's readings of such a message: a bare answer, nothing sure, or (on the model
# trained on 2026-12-06) "ik heb hulp nodig" as identify_as_person 0.61, which got "Goed, het
# gaat over jou." (actions/who_is_talking.py asks here first).
READ_AS = ("inform", "nlu_fallback", "identify_as_person")
# Entities that say what the help is about: the facts are read back instead
# (actions/facts_told.py), or the search starts (actions/provider_search.py).
ABOUT_SOMETHING = ("relation", "age", "target_group", "support_type", "municipality", "postcode")


# "ik heb een beperking" and nothing else (inform 0.69 under the fallback on the model of
# 2026-12-06: "Sorry, dat heb ik niet goed begrepen"), the way many people start.
_OWN_DISABILITY = re.compile(
    r"^\s*(?:ik|k)\s+(?:heb|hem|ha)\s+(?:een|ne|nen|wel een)\s+(?:beperking|handicap)\s*$"
    r"|^\s*(?:ik|k)\s+ben\s+(?:gehandicapt|mindervalide)\s*$"
)


def tells_own_disability(text: str) -> bool:
    """Whether the whole message says only that the writer has a disability."""
    words = typed_words(text)
    return words is not None and _OWN_DISABILITY.match(words) is not None


def is_open_request(text: str, named: dict[str, str], *, terms_allowed: bool = False) -> bool:
    """Whether a short Dutch message only asks for help or announces a question ("I need
    help" is told that Wegwijzer only speaks Dutch, actions/fallback.py). A term of the
    glossary makes it a question about that term, unless `terms_allowed`."""
    words = typed_words(text)
    return (
        words is not None
        and not other_language(text)
        and len(words.split()) <= MAX_WORDS
        and _OPEN_REQUEST.search(words) is not None
        and not any(entity in named for entity in ABOUT_SOMETHING)
        and (terms_allowed or not jargon.terms_in(text.upper()))
    )


def announces_a_question(text: str, named: dict[str, str]) -> bool:
    """Whether a short Dutch message announces a question and asks none yet ("ik heb een
    vraag over mijn budget", "ik heb een vraag over mijn zorgbudget"; not "ik heb een vraag:
    hoe vraag ik een pvb aan")."""
    return (
        is_open_request(text, named, terms_allowed=True)
        and re.search(_ANNOUNCED_QUESTION, text, re.IGNORECASE) is not None
        and "?" not in text
        and not has_a_question_word(text)
    )


def answer_announced_question(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """For the FAQ action: a question announced and read as one ("ik heb een vraag over mijn
    budget": faq 0.92, how to apply 0.64 on the model of 2026-12-06) gets help offered, not
    an answer to a question that was not asked yet. Outside a form only; False (nothing
    said) for any other message."""
    text = str((tracker.latest_message or {}).get("text") or "")
    if tracker.active_loop_name is not None:
        return False
    if not announces_a_question(text, answers.latest_entities(tracker)):
        return False
    dispatcher.utter_message(response="utter_glad_to_help")
    return True


def answer_open_request(dispatcher: CollectingDispatcher, tracker: Tracker) -> list | None:
    """Offer help for an open request or a pass with nothing asked ("ik weet het niet" as a
    first message was "Sorry, dat heb ik niet goed begrepen"), or the end of the talk for a
    stop with nothing to stop; None (nothing said) for any other message or inside a form."""
    if tracker.active_loop_name is not None:
        return None
    if answers.latest_intent(tracker) == "stop":
        dispatcher.utter_message(response="utter_nothing_to_stop")
        return []
    if answers.latest_intent(tracker) == "skip":  # "ik weet het niet", "geen idee"
        dispatcher.utter_message(response="utter_glad_to_help")
        return []
    text = str((tracker.latest_message or {}).get("text") or "")
    if answers.latest_intent(tracker) not in READ_AS:
        return None
    named = answers.latest_entities(tracker)
    if not (
        is_open_request(text, named)
        # "ik heb een vraag over mijn zorgbudget": under the fallback on some hosts' models,
        # an unsure FAQ reading on others (answer_announced_question): the same answer.
        or announces_a_question(text, named)
        or tells_own_disability(text)
    ):
        return None
    dispatcher.utter_message(response="utter_glad_to_help")
    return []
