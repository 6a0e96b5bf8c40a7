"""Who is talking: the person themself, or someone from their network speaking about them.

From "ik ben de mama van Lotte" it keeps `speaker=network`, `person_name=Lotte`,
`relation=ouder` and `person_ref=Lotte`: the words the questions use for the person.
"""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answers import latest_entities, latest_intent
from actions.forms import not_understood
from actions.open_requests import answer_open_request
from bot.chat_for_me_words import asks_if_someone_else_may_chat
from bot.first_names import find_first_name
from bot.network_introductions import is_network_introduction
from bot.relation_words import POSSESSIVES

# When the relation word is the speaker's own role ("ik ben de mama"), the person is the
# other side of the relation.
COUNTERPART = {
    "ouder": "je kind",
    "kind": "je ouder",
    "broer_zus": "je broer of zus",
    "partner": "je partner",
    "begeleider": "de persoon die je begeleidt",
    "vriend": "je vriend of vriendin",
}
SOMEONE = "de persoon voor wie je zoekt"
# The who-is-talking slots of the person themself.
THE_PERSON: dict[str, Any] = {
    "speaker": "person",
    "person_name": None,
    "person_ref": None,
    "relation": None,
}
_POSSESSIVE_WORDS = f"(?:{'|'.join(map(re.escape, POSSESSIVES))})"
_POSSESSIVE = re.compile(rf"\b{_POSSESSIVE_WORDS}\s+(\w+)", re.IGNORECASE)


# "een man met autisme", "de vrouw van hiernaast": a man or a woman, not a partner (the
# entity ruler reads "man" and "vrouw" as a partner, as in "mijn man").
_ANY_MAN_OR_WOMAN = re.compile(
    r"\b(?:een|ne|nen|de|den|die|deze|die|elke|oudere|jonge)\s+(?:man|vrouw)\s*$", re.IGNORECASE
)


def answer_chat_for_me(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """ "mag mijn mama voor mij chatten": yes, and how that person says who they are. False
    for any other message."""
    text = str((tracker.latest_message or {}).get("text") or "")
    if not asks_if_someone_else_may_chat(text):
        return False
    dispatcher.utter_message(response="utter_someone_else_may_chat")
    return True


def _relation_entity(tracker: Tracker) -> tuple[str | None, str | None]:
    """The relation id and the word as the user wrote it ("zoon")."""
    message = tracker.latest_message or {}
    text = message.get("text") or ""
    for entity in message.get("entities") or []:
        if entity.get("entity") == "relation":
            written = entity.get("text") or text[entity.get("start", 0) : entity.get("end", 0)]
            if _ANY_MAN_OR_WOMAN.search(text[: entity.get("end", 0)]):
                continue
            # "ons ma" is found with its possessive: the word is "ma".
            return str(entity.get("value")), (written.split() or [""])[-1].lower()
    return None, None


def person_ref(text: str, name: str | None, relation: str | None, written: str | None) -> str:
    """The words for the person: their name, "je zoon", or the counterpart of the speaker."""
    if name:
        return name
    if written:
        owned = [word.lower() for word in _POSSESSIVE.findall(text or "")]
        if written in owned:
            return f"je {written}"
        if relation in COUNTERPART:
            return COUNTERPART[relation]
    return SOMEONE


def first_name(text: str, entities: dict[str, str], relation_word: str | None) -> str | None:
    """The person's first name: the NLU's `first_name` entity (DIET's or the rules' of
    bot/first_names.py), else the rules on the text; never the relation word ("voor mijn
    Broer")."""
    name = entities.get("first_name")
    if not name:
        found = find_first_name(text or "")
        name = found[0] if found else None
    if not name or name.lower() == (relation_word or ""):
        return None
    return name.strip().title()


def speaker_slots(tracker: Tracker) -> dict[str, Any]:
    """The who-is-talking slots for the latest message (identify_as_* intents). "Ik ben
    Sarah" is the person introducing themself, even when the classifier read a name as
    someone else (every name of its training data belongs to someone from the network)."""
    text = (tracker.latest_message or {}).get("text") or ""
    if latest_intent(tracker) == "identify_as_person" or self_introduction(text):
        return dict(THE_PERSON)
    relation, written = _relation_entity(tracker)
    name = first_name(text, latest_entities(tracker), written)
    return {
        "speaker": "network",
        "person_name": name,
        "relation": relation,
        "person_ref": person_ref(text, name, relation, written),
    }


# "ik ben Jan, ik woon bij mijn ouders": the person introduces themself (a name with a
# capital, as first_names.py reads names) ...
_SELF_INTRODUCTION = re.compile(
    r"^\s*(?i:ik ben|'?k ben|kben|ik heet|'?k heet|mijn naam is|m'n naam is)\s+"
    r"([A-Z][a-zà-ÿ]+(?:-[A-Z][a-zà-ÿ]+)?)\b"
)
# ... unless the message speaks for someone else: "voor mijn zoon", "de mama van Lotte"
# (and "ik ben Fleur haar mama", a name that find_first_name reads).
_FOR_SOMEONE_ELSE = re.compile(
    r"\b(?:voor|van)\s+(?:mijn|m'n|mn|men|ons|onze|de|het|hem|haar)\b", re.IGNORECASE
)


def self_introduction(text: str) -> str | None:
    """The name of a person who introduces themself ("ik ben Jan, ik werk graag in de
    tuin" gives "Jan"); None when the message is no introduction or speaks for someone
    else ("ik ben Jan, de papa van Noor")."""
    match = _SELF_INTRODUCTION.match(text or "")
    if match is None or _FOR_SOMEONE_ELSE.search(text) or find_first_name(text):
        return None
    return match.group(1)


# A message in which the writer speaks of themself: "ik ben 70", "kan ik nog", "help mij".
_FIRST_PERSON = re.compile(r"\b(?:ik|'k|k|kheb|kben|kzoek|mij|me)\b", re.IGNORECASE)
# ... or of someone else: "kan zij nog hulp krijgen", "hij is 19".
_THIRD_PERSON = re.compile(r"\b(?:hij|zij|ze|hem|haar|die)\b", re.IGNORECASE)


def about_the_writer(text: str) -> bool:
    """True when the message speaks of the writer only: "ik ben 70, kan ik nog een pvb
    krijgen"; False for "mijn oma is 80, kan zij hulp krijgen" (no relation the NLU knows,
    but someone else all the same)."""
    return bool(_FIRST_PERSON.search(text)) and not _THIRD_PERSON.search(text)


# "ik ben 68", "kben 70": the writer gives their own age.
_OWN_AGE = re.compile(r"\b(?:ik|'?k)\s*ben\s+(?:al\s+|bijna\s+)?\d{1,3}\b", re.IGNORECASE)
# "ik ben 23", "ik woon alleen", "ik heb autisme": a fact the writer tells about themself.
_OWN_FACT = re.compile(rf"{_OWN_AGE.pattern}|\b(?:ik|'?k)\s*(?:woon|werk|heb|zit)\b", re.IGNORECASE)


def speaker_from_request(tracker: Tracker) -> list[SlotSet]:
    """The who-is-talking slots when nobody said it yet and the request says whom it is
    about: someone else ("ons moeder is 82, kan zij een budget krijgen", "ik zoek hulp
    voor mijn zoon", "ik ben de mama van Jonas", "een vraag over mijn broer", "heb ik recht
    op een zorgbudget als mijn dochter autisme heeft"), or the writer
    with their own age and nobody else ("ik ben 68, kan ik nog iets krijgen"); none when it
    may be either ("ik ben 70 en mijn zoon helpt mij") or says nothing about it."""
    if tracker.get_slot("speaker") is not None:
        return []
    text = (tracker.latest_message or {}).get("text") or ""
    relation, written = _relation_entity(tracker)
    if relation is None:
        if _OWN_AGE.search(text) and about_the_writer(text):
            return [SlotSet(slot, value) for slot, value in THE_PERSON.items()]
        if _for_someone_named(text, latest_entities(tracker).get("first_name")):
            return [SlotSet(slot, value) for slot, value in speaker_slots(tracker).items()]
        return []
    about_someone_else = (
        _FOR_SOMEONE_ELSE.search(text)
        or re.search(rf"\bover\s+{_POSSESSIVE_WORDS}\s+{re.escape(written or '')}\b", text, re.I)
        or is_network_introduction(text)
        or not _FIRST_PERSON.search(text)
        or _relative_described(tracker)
    )
    if not about_someone_else:
        return []
    return [SlotSet(slot, value) for slot, value in speaker_slots(tracker).items()]


def _for_someone_named(text: str, name: str | None) -> bool:
    """Whether the request is for or about someone it names: "ik wil een plan maken voor ons
    Jana", "een vraag over Seppe" (no relation word, a first name the NLU found)."""
    if not name:
        return False
    pattern = rf"\b(?:voor|over)\s+(?:{_POSSESSIVE_WORDS}\s+)?{re.escape(name)}\b"
    return re.search(pattern, text, re.IGNORECASE) is not None


# Entities that describe a person: their disability or their age.
_DESCRIPTIONS = ("target_group", "age")
# Words between a relative and what describes them: "mijn zoon (heeft een) autisme", "mijn
# dochter (is) 17", "mijn zoon (van) 16"; three or more ("mijn zoon en ik hebben ...") are
# another clause.
_MAX_WORDS_BETWEEN = 2


def _relative_described(tracker: Tracker) -> bool:
    """Whether the message describes the relative it names, and only them: "heb ik recht op
    een zorgbudget als mijn dochter autisme heeft", "mijn zoon van 16 heeft een verstandelijke
    beperking, wat kan ik doen". Not when the writer describes themself first ("ik ben 70 en
    mijn zoon is 45")."""
    message = tracker.latest_message or {}
    text = str(message.get("text") or "")
    entities = [e for e in message.get("entities") or [] if "start" in e and "end" in e]
    relatives = [e for e in entities if e.get("entity") == "relation"]
    if not relatives:
        return False
    relative = relatives[0]
    descriptions = [e for e in entities if e.get("entity") in _DESCRIPTIONS]
    if any(e["start"] < relative["start"] for e in descriptions):
        return False
    return any(
        e["start"] >= relative["end"]
        and len(text[relative["end"] : e["start"]].split()) <= _MAX_WORDS_BETWEEN
        and not re.search(r"[,.;!?]|\ben\b", text[relative["end"] : e["start"]])
        for e in descriptions
    )


def speaker_answer(
    value: Any, dispatcher: CollectingDispatcher, tracker: Tracker
) -> dict[str, Any]:
    """The answer to "for yourself or for someone else?" inside a form."""
    if latest_intent(tracker) in ("identify_as_person", "identify_as_network"):
        return speaker_slots(tracker)
    if value in ("person", "network"):
        return {"speaker": value}
    if latest_intent(tracker) == "skip":
        return {"speaker": "person"}
    if self_introduction((tracker.latest_message or {}).get("text") or ""):
        return dict(THE_PERSON)
    if _relation_entity(tracker)[0] is not None:  # "ik ben de mama van Olivia", read as
        return speaker_slots(tracker)  # another intent: the relation says who talks
    text = (tracker.latest_message or {}).get("text") or ""
    if find_first_name(text):  # "hij heet Bram"
        return speaker_slots(tracker)
    # "ze is 23", "hij woont bij ons": the answer speaks of someone else; "ik ben 23": of
    # the writer. Both were "Dat begrijp ik niet goed", again and again.
    if _THIRD_PERSON.search(text) and not _FIRST_PERSON.search(text):
        return speaker_slots(tracker)
    if _OWN_FACT.search(text) and about_the_writer(text) and not _FOR_SOMEONE_ELSE.search(text):
        return dict(THE_PERSON)
    return not_understood(dispatcher, tracker, "speaker")


class ActionIdentifySpeaker(Action):
    def name(self) -> str:
        return "action_identify_speaker"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        slots = speaker_slots(tracker)
        if answer_open_request(dispatcher, tracker) is not None:
            # "ik heb hulp nodig" read as "it is about me": help is offered, with the menu.
            return [SlotSet(name, value) for name, value in slots.items()]
        if slots["speaker"] == "person":
            dispatcher.utter_message(response="utter_speaker_person")
        else:
            dispatcher.utter_message(
                response="utter_speaker_network", person_ref=slots["person_ref"]
            )
        if tracker.active_loop_name is None:  # no question follows: say what can be done
            dispatcher.utter_message(response="utter_what_next")
        return [SlotSet(name, value) for name, value in slots.items()]
