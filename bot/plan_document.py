"""The draft ondersteuningsplan as one structured document.

`build_document` turns the stored answers of one plan into a plain dict (JSON-ready). That
dict is the JSON export, and the only input of the HTML page and the PDF, so the three always
show the same content in the same order.

The five parts follow the official ondersteuningsplan PVB (shared/domain/brief.md §1.4);
the names of the answers, domains, units and circles come from bot/intake_catalogue.py.
Everything a user reads is Dutch in plain words.
"""

from __future__ import annotations

import re
from datetime import date, datetime, tzinfo
from typing import TypeGuard
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.intake_catalogue import (
    CHOSEN_DOMAINS_SLOT,
    DOMAINS,
    DREAM_DOMAINS,
    DREAMS_LABEL,
    DREAMS_SLOT,
    MEMBER_FIELDS,
    NEEDED,
    NO_HELP,
    NOT_DISCUSSED,
    SKIPPED,
    SPENDING,
    STORY_LABELS,
    STORY_SLOTS,
    SUPPORT_FUNCTION_UNITS,
    URGENCY_LABELS,
    URGENCY_SLOTS,
    VAPH_PART,
    WHO,
    chosen_domains,
    domain_slot,
    open_dreams,
)
from bot.storage.plans import network_members
from knowledge.reference import support_types

FORMAT = "wegwijzer-ondersteuningsplan/1"
TITLE = "Ontwerp van je ondersteuningsplan"
NOTICE = "Dit is een voorbereiding op het officiële ondersteuningsplan PVB. Het is geen aanvraag."
NOT_FILLED = "Niet ingevuld"
NOT_CONFIRMED = "nog niet bevestigd"
NOT_NEEDED = "niet nodig"
YES, NO = "ja", "nee"

MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)

# The `relation` ids (actions/who_is_talking.py) in words: a network member's relation in
# the network table, and with an article the speaker's own role: "een ouder van Lotte".
RELATION_NOUNS = {
    "ouder": "ouder",
    "kind": "kind",
    "broer_zus": "broer of zus",
    "partner": "partner",
    "begeleider": "begeleider",
    "vriend": "vriend of vriendin",
}
RELATION_WORDS = {
    relation: f"{'de' if relation == 'partner' else 'een'} {noun}"
    for relation, noun in RELATION_NOUNS.items()
}
SPEAKER_PERSON = "De persoon zelf"
SPEAKER_NETWORK = "Iemand uit het netwerk"

# The four circles of support the plan must show (brief §1.4), each with the WHO ids in it.
# The first three use the WHO label; the VAPH circle holds every kind of VAPH help.
VAPH_CIRCLE = "vaph"
CIRCLES = (
    ("eigen", WHO["eigen"], ("eigen",)),
    ("netwerk", WHO["netwerk"], ("netwerk",)),
    ("welzijn", WHO["welzijn"], ("welzijn",)),
    (VAPH_CIRCLE, "Het VAPH", ("vergund", "niet_vergund", "rth")),
)

PART_TITLES = {
    "identificatie": "Deel 1. Over wie gaat het plan?",
    "huidige_situatie": "Deel 2. Het leven nu",
    "vraag": "Deel 3. De hulp die nodig is",
    "vraagverheldering": "Deel 4. Hoe is dit plan gemaakt?",
    "dringendheid": "Deel 5. Hoe dringend is het? (niet verplicht)",
}
BUDGET_TITLE = "Hoe wil je het budget gebruiken?"

# The fixed words around the answers, shared by the HTML page and the PDF.
LABELS = {
    "version": "Versie",
    "plan_name": "Naam van het plan",
    "filled_in_by": "Ingevuld door",
    "story": "Mijn verhaal",
    "domains_now": "Hoe gaat het nu?",
    "network": "Het netwerk",
    "network_caption": "Mensen in het netwerk en wat ze doen",
    "network_empty": "Er staat nog niemand in het netwerk.",
    "member_name": "Naam",
    "member_relation": "Relatie",
    "member_does_now": "Wat doet die nu?",
    "member_could_do": "Wat zou die nog kunnen doen?",
    "wishes": "Welke hulp is nodig?",
    "wishes_empty": "Er is nog geen hulp gevraagd.",
    "support": "Welke hulp",
    "frequency": "Hoe vaak",
    "who": "Wie kan helpen",
    "vaph": "Vraag je deze hulp aan het VAPH?",
    "circles_caption": "Wie helpt bij {domain}?",
    "circle": "Wie",
    "circle_helps": "Helpt mee?",
    "no_help": "Geen extra hulp nodig bij",
    "skipped": "Niet ingevuld bij",
    "not_discussed": "Niet besproken",
    "vaph_summary": "Wat je aan het VAPH vraagt",
    "vaph_summary_caption": "Ondersteuningsfuncties die je aan het VAPH vraagt",
    "vaph_summary_empty": "Je vraagt nog geen ondersteuningsfunctie aan het VAPH.",
    "vaph_function": "Ondersteuningsfunctie",
    "vaph_amount": "Hoeveel",
    "vaph_domains": "Voor",
    "vaph_other": "Andere hulp die je aan het VAPH vraagt",
    "how": "Hoe",
    "participants": "Wie deed mee",
    "spending": "Cash of voucher",
    "providers": "Zorgaanbieders die je verkiest",
}

try:
    BELGIUM: tzinfo | None = ZoneInfo("Europe/Brussels")
except ZoneInfoNotFoundError:  # no time zone data: dates stay in UTC
    BELGIUM = None

# An amount as typed: at most 4 digits before and 3 after the comma. A longer number
# ("999...", thousands of digits) is shown as typed, never summed into "inf".
_NUMBER = re.compile(r"^\s*(\d{1,4}(?:[.,]\d{1,3})?)\s*$")


def _given(value: str | None) -> TypeGuard[str]:
    return value is not None and value.strip() != "" and value.strip() != SKIPPED


def _shown(value: str | None) -> str:
    """An answer as the reader sees it: skipped or missing answers say "Niet ingevuld"."""
    return value.strip() if _given(value) else NOT_FILLED


def dutch_date(moment: date | datetime) -> str:
    """'24 november 2026', for a time: the day in Belgium."""
    if isinstance(moment, datetime) and moment.tzinfo is not None and BELGIUM is not None:
        moment = moment.astimezone(BELGIUM)
    return f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}"


def _number(text: str) -> int | float | None:
    match = _NUMBER.match(text)
    if not match:
        return None
    value = float(match.group(1).replace(",", "."))
    return int(value) if value.is_integer() else value


def _amount_text(amount: int | float, unit: str) -> str:
    return f"{str(amount).replace('.', ',')} {unit}"


def _support_names() -> dict[str, str]:
    return {support.id: support.name for support in support_types()}


def _identification(answers: dict[str, str]) -> dict:
    speaker = answers.get("speaker")
    person_name = answers.get("person_name")
    relation = answers.get("relation")
    return {
        "id": "identificatie",
        "number": 1,
        "title": PART_TITLES["identificatie"],
        "plan_name": answers["plan_name"].strip() if _given(answers.get("plan_name")) else None,
        "filled_in_by": {
            "speaker": speaker if _given(speaker) else None,
            "person_name": person_name.strip() if _given(person_name) else None,
            "relation": relation.strip() if _given(relation) else None,
            "text": _filled_in_by(speaker, person_name, relation),
        },
    }


def _network_speaker(person_name: str | None, relation: str | None) -> str:
    """'een ouder van Lotte', 'de mama van Lotte', 'iemand uit het netwerk van Lotte'."""
    of_whom = f"van {person_name.strip()}" if _given(person_name) else "van de persoon"
    if not _given(relation):
        return f"iemand uit het netwerk {of_whom}"
    relation = relation.strip()
    words = RELATION_WORDS.get(relation, f"de {relation}")
    return f"{words} {of_whom}"


def _filled_in_by(speaker: str | None, person_name: str | None, relation: str | None) -> str:
    if speaker == "person":
        return SPEAKER_PERSON
    if speaker == "network":
        return f"{SPEAKER_NETWORK}: {_network_speaker(person_name, relation)}"
    return NOT_FILLED


def _member(member: dict[str, str]) -> dict[str, str]:
    shown = {field: _shown(member.get(field)) for field in MEMBER_FIELDS.values()}
    # "broer_zus" comes from the entity ruler ("mijn zus Ann"); typed words stay as typed.
    shown["relation"] = RELATION_NOUNS.get(shown["relation"], shown["relation"])
    return shown


def _discussed(answers: dict[str, str]) -> set[str]:
    """The life domains talked about: the chosen ones, and any other with an answer (a domain
    left out after it was answered keeps what was said)."""
    chosen = set(chosen_domains(answers.get(CHOSEN_DOMAINS_SLOT)))
    answered = {d for d in DOMAINS if any(answers.get(domain_slot(d, q)) for q in ("now", "wish"))}
    return chosen | answered


def _story_value(slot: str, answers: dict[str, str], discussed: set[str]) -> str:
    if slot in DREAM_DOMAINS and not answers.get(slot) and DREAM_DOMAINS[slot] not in discussed:
        return NOT_DISCUSSED
    return _shown(answers.get(slot))


def _open_dreams(answers: dict[str, str]) -> list[dict]:
    """The answer to the open dream question, when it named no life domain (so it was not
    split over the dreams of the life domains)."""
    said = answers.get(DREAMS_SLOT)
    if not open_dreams(said):
        return []
    return [{"key": DREAMS_SLOT, "label": DREAMS_LABEL, "value": said}]


def _current_situation(answers: dict[str, str]) -> dict:
    members = [_member(member) for member in network_members(answers)]
    discussed = _discussed(answers)
    return {
        "id": "huidige_situatie",
        "number": 2,
        "title": PART_TITLES["huidige_situatie"],
        "story": [
            {
                "key": slot,
                "label": STORY_LABELS[slot],
                "value": _story_value(slot, answers, discussed),
            }
            for slot in STORY_SLOTS
        ]
        + _open_dreams(answers),
        "domains": [
            {
                "id": domain,
                "label": label,
                "now": (
                    _shown(answers.get(domain_slot(domain, "now")))
                    if domain in discussed
                    else NOT_DISCUSSED
                ),
            }
            for domain, label in DOMAINS.items()
        ],
        "network": members,
    }


def _frequency(support_id: str | None, often: str | None) -> dict:
    """How often, in the unit of the support function when there is one."""
    if not _given(often):
        return {"amount": None, "unit": None, "text": NOT_FILLED}
    often = often.strip()
    if support_id in SUPPORT_FUNCTION_UNITS:
        unit = SUPPORT_FUNCTION_UNITS[support_id]
        if unit is None:
            folded = often.lower()
            if folded == NEEDED:
                return {"amount": None, "unit": None, "text": NEEDED}
            if folded in (NOT_NEEDED, NO_HELP):
                return {"amount": None, "unit": None, "text": NOT_NEEDED}
            return {"amount": None, "unit": None, "text": often}
        amount = _number(often)
        if amount is not None:
            return {"amount": amount, "unit": unit, "text": _amount_text(amount, unit)}
    return {"amount": None, "unit": None, "text": often}


def _who(answer: str | None) -> tuple[list[str], str | None]:
    """The WHO ids in the answer, and the rest of it as free text."""
    if not _given(answer):
        return [], None
    ids, other = [], []
    for part in answer.split(","):
        part = part.strip()
        if part in WHO:
            if part not in ids:
                ids.append(part)
        elif part:
            other.append(part)
    return ids, (", ".join(other) if other else None)


def _circles(who_ids: list[str]) -> list[dict]:
    circles = []
    for circle_id, label, members in CIRCLES:
        chosen = [WHO[who] for who in who_ids if who in members]
        circles.append(
            {
                "id": circle_id,
                "label": label,
                "helps": bool(chosen),
                "helps_text": YES if chosen else NO,
                "details": chosen if circle_id == VAPH_CIRCLE else [],
            }
        )
    return circles


def _wish(domain: str, label: str, wish: str, answers: dict[str, str], names: dict) -> dict:
    support_id = wish if wish in names else None
    who_ids, who_other = _who(answers.get(domain_slot(domain, "who")))
    vaph = any(who in VAPH_PART for who in who_ids)
    who_labels = [WHO[who] for who in who_ids]
    who_text = "; ".join([*who_labels, *([who_other] if who_other else [])]) or NOT_FILLED
    return {
        "domain": {"id": domain, "label": label},
        "support": {"id": support_id, "label": names.get(wish, wish)},
        "support_function": support_id in SUPPORT_FUNCTION_UNITS,
        "frequency": _frequency(support_id, answers.get(domain_slot(domain, "often"))),
        "who": {
            "ids": who_ids,
            "labels": who_labels,
            "other": who_other,
            "text": who_text,
        },
        "circles": _circles(who_ids),
        "vaph": vaph,
        "vaph_text": YES if vaph else NO,
    }


def _vaph_summary(wishes: list[dict]) -> list[dict]:
    """The support functions asked from the VAPH, one line per function, in form order."""
    summary = []
    for support_id in SUPPORT_FUNCTION_UNITS:
        asked = [w for w in wishes if w["vaph"] and w["support"]["id"] == support_id]
        if not asked:
            continue
        unit = SUPPORT_FUNCTION_UNITS[support_id]
        amounts = [w["frequency"]["amount"] for w in asked]
        if unit is not None and all(amount is not None for amount in amounts):
            total = sum(amounts)
            total = int(total) if float(total).is_integer() else round(total, 2)
            frequency = {"amount": total, "unit": unit, "text": _amount_text(total, unit)}
        else:
            texts = [w["frequency"]["text"] for w in asked]
            text = NEEDED if NEEDED in texts else "; ".join(dict.fromkeys(texts))
            frequency = {"amount": None, "unit": unit, "text": text}
        summary.append(
            {
                "support": {"id": support_id, "label": asked[0]["support"]["label"]},
                "frequency": frequency,
                "domains": [w["domain"]["label"] for w in asked],
            }
        )
    return summary


def _support_request(answers: dict[str, str]) -> dict:
    names = _support_names()
    wishes, no_help, skipped = [], [], []
    discussed = _discussed(answers)
    not_discussed = [label for domain, label in DOMAINS.items() if domain not in discussed]
    for domain, label in DOMAINS.items():
        wish = answers.get(domain_slot(domain, "wish"))
        if wish is None or wish.strip() == "":
            continue
        wish = wish.strip()
        if wish == NO_HELP:
            no_help.append(label)
        elif wish == SKIPPED:
            skipped.append(label)
        else:
            wishes.append(_wish(domain, label, wish, answers, names))
    other_vaph = [
        {
            "support": w["support"],
            "frequency": w["frequency"],
            "domains": [w["domain"]["label"]],
        }
        for w in wishes
        if w["vaph"] and not w["support_function"]
    ]
    return {
        "id": "vraag",
        "number": 3,
        "title": PART_TITLES["vraag"],
        "wishes": wishes,
        "no_help": no_help,
        "skipped": skipped,
        "not_discussed": not_discussed,
        "vaph_summary": _vaph_summary(wishes),
        "vaph_other": other_vaph,
    }


def _clarification(answers: dict[str, str], created_at: datetime, updated_at: datetime) -> dict:
    first, last = dutch_date(created_at), dutch_date(updated_at)
    when = f"op {first}" if first == last else f"van {first} tot {last}"
    speaker = answers.get("speaker")
    if speaker == "person":
        participants = SPEAKER_PERSON
    elif speaker == "network":
        participants = _network_speaker(answers.get("person_name"), answers.get("relation"))
        participants = participants[0].upper() + participants[1:]
    else:
        participants = NOT_FILLED
    return {
        "id": "vraagverheldering",
        "number": 4,
        "title": PART_TITLES["vraagverheldering"],
        "how": f"Met Wegwijzer, een chat, {when}.",
        "participants": participants,
    }


def _urgency(answers: dict[str, str]) -> dict:
    return {
        "id": "dringendheid",
        "number": 5,
        "title": PART_TITLES["dringendheid"],
        "optional": True,
        "items": [
            {"key": slot, "label": URGENCY_LABELS[slot], "value": _shown(answers.get(slot))}
            for slot in URGENCY_SLOTS
        ],
    }


def _budget(answers: dict[str, str]) -> dict:
    spending = answers.get("spending")
    spending = spending.strip() if _given(spending) else None
    return {
        "title": BUDGET_TITLE,
        "spending": {
            "id": spending if spending in SPENDING else None,
            "text": SPENDING.get(spending, spending) if spending else NOT_FILLED,
        },
        "providers": _shown(answers.get("providers")),
    }


def build_document(
    created_at: datetime,
    updated_at: datetime,
    version: int,
    answers: dict[str, str],
) -> dict:
    """The whole draft plan: five parts like the official form, then the budget wishes.

    It holds no internal id (no plan id, no link token): it is what the person and the
    worker download."""
    version_date = dutch_date(updated_at)
    if version:
        version_text = f"Versie {version} van {version_date}"
    else:
        version_text = f"Versie 0 van {version_date}: {NOT_CONFIRMED}"
    return {
        "format": FORMAT,
        "title": TITLE,
        "notice": NOTICE,
        "created_at": created_at.isoformat(),
        "updated_at": updated_at.isoformat(),
        "version": {
            "number": version,
            "confirmed": bool(version),
            "date": version_date,
            "text": version_text,
        },
        "parts": [
            _identification(answers),
            _current_situation(answers),
            _support_request(answers),
            _clarification(answers, created_at, updated_at),
            _urgency(answers),
        ],
        "budget": _budget(answers),
    }
