"""Flesch-Douma reading ease of every text the assistant shows (issue 11, point 7).

Shared by tests/test_reading_ease.py and benchmarks/reading_ease.py. The score is
textstat's Flesch reading ease with language `nl`, which is Flesch-Douma:
206.835 - 0.93 * words per sentence - 77 * syllables per word, with the syllables counted
by pyphen's Dutch hyphenation dictionary.

The texts, each at the reading level of the person who reads it:
- every response variation of domain.yml, its text and each button title. A variation with
  the condition `reading_level: eenvoudig` (or a response whose name ends in `_eenvoudig`)
  is eenvoudig; any other is gewoon, and also eenvoudig when its response has no eenvoudig
  variation (then an eenvoudig reader gets it too). `{placeholders}` are filled with a
  realistic value (SLOT_VALUES) first;
- every FAQ answer at both levels, as knowledge.build stores it (facts filled in from the
  records);
- the way to get each right that a follow-up question gets (actions/follow_up.py), at both
  levels, one sentence a line as it is shown;
- the answer to a question about an assistive device (actions/assistive_devices.py), at
  both levels.

A line of a text ends a sentence, as the reader sees it (a list item, a line ending in a
colon); textstat only splits at . ? !, so a line without one ends in a full stop first.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import textstat  # type: ignore[import-untyped]
import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from actions.assistive_devices import DEVICES_RIGHT, device_text
from actions.follow_up import TOPIC_RIGHTS, sentence_a_line
from knowledge.build import build
from knowledge.db import make_engine
from knowledge.models import FaqAnswer, Right

PROJECT_ROOT = Path(__file__).resolve().parents[1]
LEVELS = ("eenvoudig", "gewoon")
# The lowest score a text of each level may have.
MINIMUM = {"eenvoudig": 70.0, "gewoon": 55.0}

# What the actions and slots put into a response's {placeholders}: realistic values.
SLOT_VALUES = {
    "person_ref": "je zoon",
    "member_name": "Sam",
    "team_name": "team Gent",
    "team_hours": "maandag tot vrijdag van 9 tot 17 uur",
    "until": "17 uur",
    "back": "maandag om 9 uur",
    "contact_shown": "0470 12 34 56",
    "contact_when": "na de middag",
    "problem": "Dat nummer is te kort.",
    "crisis_lines": "- Tele-Onthaal: bel 106, dag en nacht.\n- Zelfmoordlijn: bel 1813.",
    "emergency_procedure": "noodprocedure PVB",
    "total": "12",
    "first": "1",
    "last": "3",
    "providers": "De Vlinder, dagcentrum in Gent.\nHet Anker, wonen in Gent.",
    "searched": "logeren voor mensen met autisme in Leuven",
    "postcode": "9000",
    "place": "Gent",
    "words": "Jonas, 19 jaar, autisme",
    "widened": "in heel de provincie",
    "more": "3",
    "plan_keep_days": "365",
    "session_minutes": "60",
    "max_chars": "2000",
    "max_members": "10",
    "topic": "een goede dag",
    "domain": "huishouden en administratie",
    "said": "koken lukt niet",
    "plan_url": "https://wegwijzer.example/plan/abc123",
    "days": "30",
    "code": "ZON-MAAN-STER-4821",
    "example_code": "ZON-MAAN-STER-4821",
    "minutes": "15",
    "summary": "Je plan heet Plan van Sam.\nJe hebt tien vragen beantwoord.",
    "conversations": "- een gesprek van gisteren",
    "current_unit": "uren per week",
    "topics": "wonen, werk of vrije tijd",
    "who": "een vergunde zorgaanbieder en familie, vrienden of buren",
    "how_long": "al twee jaar",
    "support": "dagondersteuning",
    "right": "Rechtstreeks toegankelijke hulp (RTH)",
    "left": "16",
}
PLACEHOLDER = re.compile(r"\{(\w+)\}")
SENTENCE_END = re.compile(r"[.?!]$")
FAQ_SOURCE = "faq "  # an FAQ answer's source: "faq what_is_pvb"
HOW_TO_SOURCE = "how to get "  # a right's way to get it: "how to get RTH"
DEVICES_SOURCE = "answer about devices"  # actions/assistive_devices.py
# Responses never sent to a person.
NEVER_SENT = ("utter_faq/",)
URL = re.compile(r"https?://\S+")
LIST_MARK = re.compile(r"^\s*(?:[-•*]|\d+[.)])\s+")


@dataclass(frozen=True)
class ScoredText:
    source: str  # where it comes from: "utter_welcome #2", "faq what_is_pvb"
    level: str
    text: str
    score: float

    @property
    def passes(self) -> bool:
        return self.score >= MINIMUM[self.level]


def prepared(text: str) -> str:
    """`text` as textstat must see it: one sentence (at least) per line, no list marks, a
    web address as the one word "link" (it is followed, not read; as one word of letters
    it would count a dozen syllables)."""
    lines = []
    for line in URL.sub("link", text).splitlines():
        line = LIST_MARK.sub("", line).strip()
        if line:
            lines.append(line if SENTENCE_END.search(line) else f"{line.rstrip(':;,')}.")
    return " ".join(lines)


def score(text: str) -> float:
    """The Flesch-Douma reading ease of `text` (higher is easier)."""
    textstat.set_lang("nl")
    return float(textstat.flesch_reading_ease(prepared(text)))


def filled(text: str) -> str:
    """`text` with every {slot} filled as the assistant would (SLOT_VALUES)."""
    return PLACEHOLDER.sub(lambda match: SLOT_VALUES[match.group(1)], text)


def _level(name: str, variation: dict[str, Any]) -> str | None:
    """The reading level a variation is written for; None when it names none."""
    if name.endswith("_eenvoudig"):
        return "eenvoudig"
    if name.endswith("_gewoon"):
        return "gewoon"
    for condition in variation.get("condition") or []:
        if condition.get("name") == "reading_level":
            return str(condition.get("value"))
    return None


def domain_texts(domain_file: Path = PROJECT_ROOT / "domain.yml") -> Iterator[tuple[str, str, str]]:
    """(source, level, text) of every response variation of `domain_file`.

    A variation with buttons is scored twice: its text alone, and its text with the button
    titles, one a line, as the person reads the options (and as a text-only channel lists
    them). A title on its own is no text to score: Flesch-Douma of one word only counts its
    syllables ("Begeleiding" scores -102). The ResponseSelector's topic labels
    (`utter_faq/...`) are left out: they are never sent, action_answer_faq says the answer
    from the knowledge base instead."""
    domain = yaml.safe_load(domain_file.read_text(encoding="utf-8"))
    for name, variations in domain["responses"].items():
        if name.startswith(NEVER_SENT):
            continue
        has_eenvoudig = any(_level(name, v) == "eenvoudig" for v in variations)
        for number, variation in enumerate(variations, start=1):
            level = _level(name, variation)
            levels = [level] if level else ["gewoon"] if has_eenvoudig else list(LEVELS)
            text = variation.get("text") or ""
            titles = [str(button["title"]) for button in variation.get("buttons") or []]
            views = [(f"{name} #{number}", text)] if text else []
            if titles:
                views.append((f"{name} #{number} with its buttons", "\n".join([text, *titles])))
            for source, view in views:
                for each in levels:
                    yield source, each, filled(view)


def _built(knowledge_dir: Path) -> str:
    """The URL of the knowledge base built into `knowledge_dir` (built once)."""
    path = knowledge_dir / "knowledge.db"
    url = f"sqlite:///{path}"
    if not path.exists():
        build(url)
    return url


def faq_texts(knowledge_dir: Path) -> Iterator[tuple[str, str, str]]:
    """(source, level, text) of every FAQ answer, built into a database in `knowledge_dir`."""
    engine = make_engine(_built(knowledge_dir))
    try:
        with Session(engine, future=True) as session:
            rows = session.execute(select(FaqAnswer).order_by(FaqAnswer.topic)).scalars().all()
            answers = [(f"{FAQ_SOURCE}{a.topic}", a.level, a.text) for a in rows]
    finally:
        engine.dispose()
    yield from answers


def how_to_texts(knowledge_dir: Path) -> Iterator[tuple[str, str, str]]:
    """(source, level, text) of the way to get each right a follow-up question gets."""
    engine = make_engine(_built(knowledge_dir))
    try:
        with Session(engine, future=True) as session:
            rights = [session.get(Right, right_id) for right_id in TOPIC_RIGHTS.values()]
            found = []
            for right in rights:
                assert right is not None
                gewoon = sentence_a_line(right.how_to_apply)
                found.append((f"{HOW_TO_SOURCE}{right.id}", "gewoon", gewoon))
                eenvoudig = right.how_to_apply_eenvoudig or gewoon
                found.append((f"{HOW_TO_SOURCE}{right.id}", "eenvoudig", eenvoudig))
            devices = session.get(Right, DEVICES_RIGHT)
            assert devices is not None
            for level in LEVELS:
                found.append((DEVICES_SOURCE, level, device_text(devices, level, "rolstoel")))
    finally:
        engine.dispose()
    yield from found


def scored(texts: Iterable[tuple[str, str, str]]) -> list[ScoredText]:
    return [ScoredText(source, level, text, score(text)) for source, level, text in texts]


def all_scored(knowledge_dir: Path) -> list[ScoredText]:
    """Every text of the assistant, scored."""
    return scored([*domain_texts(), *faq_texts(knowledge_dir), *how_to_texts(knowledge_dir)])


def figures(texts: list[ScoredText]) -> dict[str, dict[str, float]]:
    """Per level: the number of texts and their lowest, median and mean score."""
    found = {}
    for level in LEVELS:
        scores = [t.score for t in texts if t.level == level]
        found[level] = {
            "texts": len(scores),
            "min": min(scores),
            "median": statistics.median(scores),
            "mean": statistics.fmean(scores),
        }
    return found
