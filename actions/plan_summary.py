"""Short Dutch summaries of the intake for the chat: "Klopt dit?" and "wat heb ik al ingevuld?".

The full draft is the document at the plan link (bot/plan_document.py); these texts stay
short enough to read in a chat.
"""

from __future__ import annotations

from typing import Any

from actions.intake_flow import wants_support
from bot.config import Settings
from bot.intake_catalogue import (
    CHOSEN_DOMAINS_SLOT,
    DOMAINS,
    DREAMS_LABEL,
    DREAMS_SLOT,
    SKIPPED,
    STORY_LABELS,
    STORY_SLOTS,
    URGENCY_LABELS,
    WHO_IN_A_SENTENCE,
    chosen_domains,
    domain_slot,
    open_dreams,
)
from bot.plan_document import LABELS, RELATION_NOUNS, SPEAKER_NETWORK
from knowledge.reference import support_types

MAX_CHARS = 160  # longer answers are cut in the summary, never in the plan


def _short(value: str) -> str:
    value = " ".join(str(value).split())
    return value if len(value) <= MAX_CHARS else value[: MAX_CHARS - 1].rstrip() + "…"


def plan_url(settings: Settings, token: str) -> str:
    return f"{settings.plan_base_url}/{token}"


def story_lines(slots: dict[str, Any]) -> list[str]:
    lines = []
    for slot in STORY_SLOTS:
        value = slots.get(slot)
        if value and value != SKIPPED:
            lines.append(f"- {STORY_LABELS[slot]}: {_short(value)}")
    if open_dreams(slots.get(DREAMS_SLOT)):
        lines.append(f"- {DREAMS_LABEL}: {_short(slots[DREAMS_SLOT])}")
    return lines


def chosen_domains_line(slots: dict[str, Any]) -> list[str]:
    """The life domains chosen, when not all of them: the others are not discussed."""
    chosen = chosen_domains(slots.get(CHOSEN_DOMAINS_SLOT))
    if len(chosen) == len(DOMAINS):
        return []
    return [f"- We praten over: {', '.join(DOMAINS[d] for d in chosen)}"]


def story_summary(slots: dict[str, Any]) -> str:
    lines = story_lines(slots) or ["- Je sloeg alle vragen over. Dat mag."]
    lines += chosen_domains_line(slots)
    return "Dit heb ik onthouden:\n" + "\n".join(lines)


def wish_lines(slots: dict[str, Any]) -> list[str]:
    names = {category.id: category.name for category in support_types()}
    lines = []
    for domain, label in DOMAINS.items():
        wish = slots.get(domain_slot(domain, "wish"))
        if wish is not None and wants_support(wish):
            often = slots.get(domain_slot(domain, "often"))
            how_often = f" ({_short(often)})" if often and often != SKIPPED else ""
            lines.append(f"- {label}: {_short(names.get(wish, wish))}{how_often}")
    return lines


def who_words(ids: list[str]) -> str:
    """ "vergund,netwerk" in words: "een vergunde zorgaanbieder en familie, vrienden of buren"."""
    return " en ".join(WHO_IN_A_SENTENCE[i] for i in ids if i in WHO_IN_A_SENTENCE)


def wishes_summary(slots: dict[str, Any]) -> str:
    lines = wish_lines(slots) or ["- Je vroeg geen hulp bij een deel van je leven."]
    return "Dit is de hulp die je vraagt:\n" + "\n".join(lines)


def filled_in(slots: dict[str, Any]) -> str:
    """What "wat heb ik al ingevuld?" shows, the plan's name first: after only the first
    question it says that name, not "nog niets"."""
    name = slots.get("plan_name")
    parts = [f"- {LABELS['plan_name']}: {_short(name)}"] if name and name != SKIPPED else []
    parts += story_lines(slots) + chosen_domains_line(slots) + wish_lines(slots)
    count = int(slots.get("network_count") or 0)
    if count:
        parts.append(f"- Netwerk: {count} {'persoon' if count == 1 else 'personen'}")
    if not parts:
        return "Je hebt nog niets ingevuld."
    return "Dit heb je al ingevuld:\n" + "\n".join(parts)


_QUESTION_LABELS = {
    "now": LABELS["domains_now"],
    "wish": LABELS["support"],
    "often": LABELS["frequency"],
    "who": LABELS["who"],
}
_MEMBER_LABELS = {
    "name": LABELS["member_name"],
    "relation": LABELS["member_relation"],
    "does_now": LABELS["member_does_now"],
    "could_do": LABELS["member_could_do"],
}
_OTHER_LABELS = {
    "plan_name": LABELS["plan_name"],
    "speaker": "Wie vertelt",
    "person_name": "Naam van de persoon",
    "person_ref": "Zo noem ik de persoon",
    "relation": "Relatie met de persoon",
    "member_more": "Netwerk klaar",
    "story_confirmed": "Verhaal bevestigd",
    DREAMS_SLOT: DREAMS_LABEL,
    "plan_confirmed": "Plan bevestigd",
    "spending": "Cash of voucher",
    "providers": "Zorgaanbieder",
}


_SPEAKER_WORDS = {"person": "jij zelf", "network": SPEAKER_NETWORK.lower()}


def answer_value(key: str, value: str) -> str:
    """A stored answer for "wat weet je over mij?": slot ids such as `person` or
    `broer_zus` in words, typed answers as typed."""
    if key == "speaker":
        return _SPEAKER_WORDS.get(value, value)
    if key == "relation" or key.endswith(".relation"):
        return RELATION_NOUNS.get(value, value)
    return value


def answer_label(key: str) -> str:
    """Words for a stored answer's key, for "wat weet je over mij?"."""
    if key.startswith("network."):
        _, number, field = key.split(".", 2)
        return f"Netwerk, persoon {number}: {_MEMBER_LABELS.get(field, field)}"
    domain, _, question = key.rpartition("_")
    if domain in DOMAINS and question in _QUESTION_LABELS:
        return f"{DOMAINS[domain]}: {_QUESTION_LABELS[question]}"
    return STORY_LABELS.get(key) or URGENCY_LABELS.get(key) or _OTHER_LABELS.get(key, key)
