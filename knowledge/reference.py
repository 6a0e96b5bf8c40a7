"""Read the reference data files in knowledge/data/ (places, support types, target groups).

This is the one reader of those files; the NLP pipeline builder and the knowledge base
use it. Name variants (lower case, without accents or hyphens, French names) are made
here so that every consumer recognises the same spellings.
"""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).resolve().parent / "data"
BRUSSELS_REGION = "Brussels Hoofdstedelijk Gewest"


@dataclass(frozen=True)
class Municipality:
    refnis: str
    name: str
    name_fr: str
    province: str | None  # None for the 19 Brussels municipalities
    region: str
    postcodes: tuple[str, ...]


@dataclass(frozen=True)
class Category:
    """A support type or target group at the level users talk about."""

    id: str
    name: str
    synonyms: tuple[str, ...]
    source_url: str
    status: str


def fold(text: str) -> str:
    """Lower case without accents: 'Sint-Genesius-Rode' -> 'sint-genesius-rode'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().strip()


def name_variants(name: str) -> set[str]:
    """Spellings people type for a place name: folded, with spaces instead of hyphens."""
    folded = fold(name)
    return {folded, folded.replace("-", " "), folded.replace("-", "")}


@lru_cache(maxsize=1)
def municipalities() -> tuple[Municipality, ...]:
    with open(DATA_DIR / "gemeenten.csv", encoding="utf-8", newline="") as handle:
        return tuple(
            Municipality(
                refnis=row["refnis"],
                name=row["naam_nl"],
                name_fr=row["naam_fr"],
                province=row["provincie"] or None,
                region=row["gewest"],
                postcodes=tuple(row["postcodes"].split(";")),
            )
            for row in csv.DictReader(handle)
        )


def provinces() -> tuple[str, ...]:
    """The five Flemish provinces, alphabetically."""
    return tuple(sorted({m.province for m in municipalities() if m.province}))


def _categories(filename: str) -> tuple[Category, ...]:
    with open(DATA_DIR / filename, encoding="utf-8") as handle:
        records = yaml.safe_load(handle)
    return tuple(
        Category(
            id=record["id"],
            name=record["name"],
            synonyms=tuple(record["synonyms"]),
            source_url=record["source_url"],
            status=record["status"],
        )
        for record in records
    )


@lru_cache(maxsize=1)
def support_types() -> tuple[Category, ...]:
    return _categories("support_types.yml")


@lru_cache(maxsize=1)
def target_groups() -> tuple[Category, ...]:
    return _categories("target_groups.yml")
