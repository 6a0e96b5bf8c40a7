"""Jargon explained at its first use in an eenvoudig ("makkelijk lezen") text built in Python.

The terms and their one-sentence explanations are the `jargon` of knowledge/data/glossary.yml,
read through `knowledge.loader` (the same reader and term patterns as the build and
tests/knowledge/test_eenvoudig.py): nothing here writes an explanation of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from knowledge import loader

# An abbreviation in capitals ("OCMW", "FOD"): eenvoudig only uses those the glossary knows.
SENTENCE_END = re.compile(r"(?<=[.?!])\s+")
CAPITALS = re.compile(r"(?<![\w-])[A-Z][A-Z0-9]+(?![a-z])")


@dataclass(frozen=True)
class Term:
    id: str
    pattern: re.Pattern[str]
    explanation: str

    @property
    def name(self) -> str:
        """The term as its explanation names it: "VAPH", "Dienst Ondersteuningsplan"."""
        found = self.pattern.search(self.explanation)
        said = found.group() if found else self.id
        return said[:1].upper() + said[1:]


@dataclass(frozen=True)
class _Glossary:
    plain: frozenset[str]
    terms: tuple[Term, ...]


@cache
def _glossary() -> _Glossary:
    glossary = loader.load_glossary()
    terms = tuple(
        Term(entry.id, loader.term_pattern(entry.forms), entry.explanation)
        for entry in glossary.jargon
    )
    return _Glossary(frozenset(glossary.plain), terms)


def _matches(text: str) -> list[tuple[int, int, Term]]:
    """The jargon in `text` as (start, end, term), in order; a longer match wins an overlap."""
    found = [(m.start(), m.end(), t) for t in _glossary().terms for m in t.pattern.finditer(text)]
    kept: list[tuple[int, int, Term]] = []
    for start, end, term in sorted(found, key=lambda m: (m[0] - m[1], m[0])):
        if all(end <= s or start >= e for s, e, _ in kept):
            kept.append((start, end, term))
    return sorted(kept, key=lambda m: m[0])


def terms_in(text: str) -> list[Term]:
    """The jargon terms `text` uses, each once, in the order of their first use."""
    return list(dict.fromkeys(term for _, _, term in _matches(text)))


def term_named(name: str) -> Term | None:
    """The jargon term that `name` is, as a whole ("Vlaams Agentschap voor ..."), or None."""
    return next((t for t in _glossary().terms if t.pattern.fullmatch(name.strip())), None)


def naming_term(name: str) -> Term | None:
    """The jargon term whose explanation names all of `name`, or None: `name` is one of the
    term's forms ("Dienst Ondersteuningsplan"), or uses the term and has no word that its
    explanation lacks ("OCMW of Sociaal Huis van je gemeente")."""
    words = set(_folded(name).split())
    explaining = (t for t in terms_in(name) if words <= set(_folded(t.explanation).split()))
    return term_named(name) or next(explaining, None)


def unknown_abbreviation(text: str) -> bool:
    """Whether `text` has an abbreviation in capitals that the glossary does not know."""
    covered = [(start, end) for start, end, _ in _matches(text)]
    plain = _glossary().plain
    return any(
        m.group() not in plain and not any(s <= m.start() < e for s, e in covered)
        for m in CAPITALS.finditer(text)
    )


def _folded(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s'-]", " ", text).casefold().split())


def explained(lines: list[str]) -> list[str]:
    """`lines` with every jargon term explained at its first use (as the eenvoudig checker of
    tests/knowledge/test_eenvoudig.py reads it: in that sentence or the next one).

    The first new term of a line gets the glossary's sentence right after the line, when the
    term is used in the line's last sentence only and its explanation itself needs at most
    one more explanation after it; any other new term gets its sentence just before the line
    (where it is the term's first use, explained by itself).
    A line that already holds a term's explanation explains it.
    """
    known: set[str] = set()
    out: list[str] = []

    def unknown(text: str) -> list[Term]:
        return [term for term in terms_in(text) if term.id not in known]

    def can_follow(term: Term, assumed: frozenset[str]) -> bool:
        """Whether the term's explanation can come right after the line that uses it."""
        skip = known | assumed | {term.id}
        others = [t for t in terms_in(term.explanation) if t.id not in skip]
        if len(others) > 1:
            return False
        return not others or can_follow(others[0], assumed | {term.id})

    def add(line: str) -> None:
        known.update(t.id for t in unknown(line) if _folded(t.explanation) in _folded(line))
        new = unknown(line)
        *earlier, _ = SENTENCE_END.split(line)  # a use there is not right before the line's end
        after = next(iter(new), None)
        if after is not None:
            if any(after.pattern.search(said) for said in earlier):
                after = None
            elif not can_follow(after, frozenset()):
                after = None
        for term in new:
            if term is not after and term.id not in known:
                known.add(term.id)
                add(term.explanation)
        if after is not None and after.id in known:
            after = None  # an explanation added before the line explained it on the way
        if after is not None:
            known.add(after.id)
        out.append(line)
        if after is not None:
            add(after.explanation)

    for line in lines:
        add(line)
    return out
