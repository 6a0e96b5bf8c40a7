"""The order of the intake questions, and how stored answers become slots again.

Pure functions on slot values, used by the form validator (actions/intake.py) and by
resume (actions/plan_commands.py).
"""

from __future__ import annotations

from typing import Any

from actions.intake_answers import domains_named
from bot.intake_catalogue import (
    CHOSEN_DOMAINS_SLOT,
    CLOSING_SLOTS,
    DOMAIN_QUESTIONS,
    DOMAINS,
    DREAM_DOMAINS,
    DREAMS_SLOT,
    MEMBER_FIELDS,
    MEMBER_SLOTS,
    MORE_DOMAINS_SLOT,
    NO_HELP,
    OPENING_SLOTS,
    SKIPPED,
    STORY_ABOUT_NOW,
    STORY_SLOTS,
    SUPPORT_FUNCTION_UNITS,
    chosen_domains,
    chosen_dreams,
    domain_slot,
)
from bot.storage.plans import network_members

# Slots that hold an answer and are stored under their own name.
ANSWER_SLOTS = (
    "plan_name",
    *STORY_SLOTS,
    DREAMS_SLOT,
    CHOSEN_DOMAINS_SLOT,
    MORE_DOMAINS_SLOT,
    "member_more",
    "story_confirmed",
    *(domain_slot(d, q) for d in DOMAINS for q in DOMAIN_QUESTIONS),
    *CLOSING_SLOTS,
)
# Who is talking: stored too, so that a resumed intake asks about the same person.
SPEAKER_SLOTS = ("speaker", "person_name", "person_ref", "relation")
# Every question whose free text the intake validator reads itself.
FREE_TEXT_SLOTS = ("consent", *ANSWER_SLOTS, *MEMBER_SLOTS)


def wants_support(wish: Any) -> bool:
    return wish not in (None, NO_HELP, SKIPPED)


# The story before the choice of life domains: about the person and about life now.
STORY_BEFORE_CHOICE = tuple(s for s in STORY_SLOTS if s not in DREAM_DOMAINS)


def required_slots(slots: dict[str, Any]) -> list[str]:
    """The questions of the intake, in order, for the answers given so far: the story, the
    life domains the person wants to talk about, the dreams and questions of those domains.
    One "Klopt dit?" at the end shows the story and the wished support together
    (`story_confirmed` is no longer asked; plans that have it keep it)."""
    if slots.get("consent") == "nee":
        return ["consent"]
    required = [*OPENING_SLOTS, *STORY_BEFORE_CHOICE, CHOSEN_DOMAINS_SLOT]
    if slots.get(MORE_DOMAINS_SLOT) != "nee":
        required.append(MORE_DOMAINS_SLOT)
    chosen = chosen_domains(slots.get(CHOSEN_DOMAINS_SLOT))
    dreams = chosen_dreams(slots.get(CHOSEN_DOMAINS_SLOT))
    if any(slots.get(dream) is None for dream in dreams):
        required.append(DREAMS_SLOT)  # the open question, then the dreams it did not tell
    required += dreams
    if slots.get("member_more") != "nee":
        required += [*MEMBER_SLOTS, "member_more"]
    for domain in chosen:
        required += [domain_slot(domain, "now"), domain_slot(domain, "wish")]
        if wants_support(slots.get(domain_slot(domain, "wish"))):
            required += [domain_slot(domain, "often"), domain_slot(domain, "who")]
    required += CLOSING_SLOTS
    return required


def questions_left(slots: dict[str, Any]) -> int | None:
    """How many questions of the intake are still open for the answers given so far, the
    one being asked included: at least that many, as a wish for support adds "hoe vaak?"
    and "wie?". None before the life domains are chosen: the number depends on them."""
    if slots.get(CHOSEN_DOMAINS_SLOT) is None:
        return None
    return sum(1 for slot in required_slots(slots) if slots.get(slot) is None)


def now_from_story(slots: dict[str, Any], domain: str) -> str | None:
    """The story answer that already tells how life is now in this domain, if any."""
    for story_slot in STORY_ABOUT_NOW:
        said = slots.get(story_slot)
        if said and said != SKIPPED and domain in domains_named(said):
            return said
    return None


def unit_for(wish: str | None) -> str:
    """The words for the unit in "hoe vaak?", e.g. "nachten per week"."""
    unit = SUPPORT_FUNCTION_UNITS.get(wish or "")
    return unit or "keer per week of per maand"


def member_key(number: int, slot: str) -> str:
    return f"network.{number}.{MEMBER_FIELDS[slot]}"


def slots_from_answers(answers: dict[str, str]) -> dict[str, Any]:
    """The slot values of a stored plan: what a resumed conversation starts from."""
    slots: dict[str, Any] = {s: answers.get(s) for s in (*ANSWER_SLOTS, *SPEAKER_SLOTS)}
    members = network_members(answers)
    count = sum(all(field in member for field in MEMBER_FIELDS.values()) for member in members)
    slots["network_count"] = float(count)
    partly_told = members[count] if len(members) > count else {}
    for slot, field in MEMBER_FIELDS.items():
        slots[slot] = partly_told.get(field)
    slots["consent"] = "ja"
    slots["current_unit"] = next(
        (
            unit_for(slots[domain_slot(d, "wish")])
            for d in DOMAINS
            if wants_support(slots[domain_slot(d, "wish")])
            and slots[domain_slot(d, "often")] is None
        ),
        None,
    )
    return slots
