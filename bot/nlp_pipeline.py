"""Build Wegwijzer's Dutch spaCy pipeline and the entity synonyms Rasa needs.

No pretrained Dutch spaCy model can be installed here, so the pipeline is built from
`spacy.blank("nl")`, the lookup lemmatizer of spacy-lookups-data (with the Flemish spoken
forms and frequent verb forms of bot/spoken_lemmas.py added) and an entity ruler whose
patterns come from the reference data in knowledge/data/. Rasa's SpacyNLP loads
the saved directory (see config.yml); Rasa's EntitySynonymMapper turns what the ruler
found into the ids of the NLU contract using the synonyms file written next to it.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import cast

import spacy
import yaml
from spacy.pipeline import EntityRuler, Lemmatizer

from bot.relation_words import AFTER_POSSESSIVE_WORDS, POSSESSIVES, RELATION_WORDS
from bot.spoken_lemmas import spoken_lemmas
from knowledge import reference

# Municipality names that are also ordinary Dutch words ("mijn geel jasje", "een boom").
# They are only recognised when written with a capital letter.
COMMON_WORD_PLACES = {"As", "Boom", "Geel", "Ham", "Lint", "Mol", "Peer", "Lier", "Zele", "Bree"}

# Support-type words that are also an ordinary verb: "we wonen in Mechelen" says where people
# live and "wij logeren bij oma" where they sleep, not the help they look for. A pronoun at the
# start of a clause ("we wonen", "Lisa en ik wonen") or right after the verb ("nu wonen we")
# makes the ruler find the longer verb phrase instead of the single word, and config.yml's
# SpacyEntityExtractor drops that label. After a modal verb the word is the help again:
# "waar kan ik logeren", "kunnen we wonen in Gent".
VERB_SUPPORT_WORDS = ["wonen", "logeren"]
PRONOUNS = ["ik", "we", "wij", "ze", "zij", "jullie", "ge", "gij", "u"]
CLAUSE_STARTS = ["en", "maar", "want", "omdat", "dus", "toen", "als"]
VERB_PHRASE = "verb_phrase"

PROVINCE_ALIASES = {
    "Antwerpen": ["provincie antwerpen"],
    "Limburg": ["limburg", "provincie limburg"],
    "Oost-Vlaanderen": [
        "oost-vlaanderen",
        "oost vlaanderen",
        "oostvlaanderen",
        "provincie oost-vlaanderen",
    ],
    "West-Vlaanderen": [
        "west-vlaanderen",
        "west vlaanderen",
        "westvlaanderen",
        "provincie west-vlaanderen",
    ],
    "Vlaams-Brabant": ["vlaams-brabant", "vlaams brabant", "provincie vlaams-brabant"],
}


def _municipality_spellings() -> dict[str, str]:
    """Every spelling we recognise, mapped to the official Dutch name."""
    spellings: dict[str, str] = {}
    for municipality in reference.municipalities():
        names = {municipality.name, municipality.name_fr}
        for name in names:
            for variant in reference.name_variants(name):
                spellings.setdefault(variant, municipality.name)
    return spellings


def entity_patterns() -> list[dict]:
    """Entity ruler patterns for places, postcodes, relations, support types and target
    groups."""
    patterns: list[dict] = []
    for spelling, official in sorted(_municipality_spellings().items()):
        if official in COMMON_WORD_PLACES and spelling == reference.fold(official):
            patterns.append({"label": "municipality", "pattern": [{"ORTH": official}]})
        else:
            patterns.append({"label": "municipality", "pattern": spelling})
    postcodes = sorted({p for m in reference.municipalities() for p in m.postcodes})
    patterns += [{"label": "postcode", "pattern": [{"ORTH": code}]} for code in postcodes]
    for aliases in PROVINCE_ALIASES.values():
        patterns += [{"label": "province", "pattern": alias} for alias in aliases]
    for words in RELATION_WORDS.values():
        patterns += [{"label": "relation", "pattern": [{"LOWER": word}]} for word in words]
    owned = {"LOWER": {"IN": list(POSSESSIVES)}}
    for words in AFTER_POSSESSIVE_WORDS.values():
        patterns += [{"label": "relation", "pattern": [owned, {"LOWER": word}]} for word in words]
    for label, categories in (
        ("support_type", reference.support_types()),
        ("target_group", reference.target_groups()),
    ):
        for category in categories:
            patterns += [{"label": label, "pattern": s.lower()} for s in category.synonyms]
    verb = {"LOWER": {"IN": VERB_SUPPORT_WORDS}}
    pronoun = {"LOWER": {"IN": PRONOUNS}}
    for clause_start in (
        [{"IS_SENT_START": True, **pronoun}],
        [{"IS_PUNCT": True}, pronoun],
        [{"LOWER": {"IN": CLAUSE_STARTS}}, pronoun],
    ):
        patterns.append({"label": VERB_PHRASE, "pattern": [*clause_start, verb]})
    patterns.append({"label": VERB_PHRASE, "pattern": [verb, pronoun]})
    return patterns


def entity_synonyms() -> dict[str, list[str]]:
    """Normalised value -> spellings, for Rasa's EntitySynonymMapper (keys are lower case)."""
    synonyms: dict[str, set[str]] = {}

    def add(value: str, spellings: Iterable[str]) -> None:
        synonyms.setdefault(value, set()).update(s.lower() for s in spellings if s != value)

    for spelling, official in _municipality_spellings().items():
        add(official, [spelling])
    for province, aliases in PROVINCE_ALIASES.items():
        add(province, aliases)
    for category in (*reference.support_types(), *reference.target_groups()):
        add(category.id, category.synonyms)
    for relation, words in RELATION_WORDS.items():
        add(relation, words)
    for relation, words in AFTER_POSSESSIVE_WORDS.items():
        add(relation, [f"{owner} {word}" for owner in POSSESSIVES for word in words])
    # A spelling may point to one value only; the first (sorted) value keeps it.
    seen: set[str] = set()
    result: dict[str, list[str]] = {}
    for value in sorted(synonyms):
        spellings = sorted(synonyms[value] - seen)
        seen.update(spellings)
        if spellings:
            result[value] = spellings
    return result


def build_pipeline(with_spoken_lemmas: bool = True) -> spacy.language.Language:
    nlp = spacy.blank("nl")
    lemmatizer = cast(Lemmatizer, nlp.add_pipe("lemmatizer", config={"mode": "lookup"}))
    # add_pipe is typed to return any pipe; "entity_ruler" is an EntityRuler.
    ruler = cast(EntityRuler, nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"}))
    nlp.initialize()  # loads the lookup tables from spacy-lookups-data
    if with_spoken_lemmas:
        table = lemmatizer.lookups.get_table("lemma_lookup")
        for form, lemma in spoken_lemmas().items():
            table[form] = lemma
    ruler.add_patterns(entity_patterns())
    return nlp


def write_synonyms(path: Path) -> None:
    """Write the generated synonyms as Rasa NLU training data."""
    nlu = [
        {"synonym": value, "examples": "".join(f"- {s}\n" for s in spellings)}
        for value, spellings in entity_synonyms().items()
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    header = "# Generated by `python -m bot build-nlp` from knowledge/data/. Do not edit.\n"

    class _Literal(str):
        pass

    yaml.add_representer(
        _Literal,
        lambda dumper, data: dumper.represent_scalar("tag:yaml.org,2002:str", data, style="|"),
    )
    for item in nlu:
        item["examples"] = _Literal(item["examples"])
    body = yaml.dump({"version": "3.1", "nlu": nlu}, allow_unicode=True, sort_keys=False)
    path.write_text(header + body, encoding="utf-8")


def build(output: Path, synonyms_path: Path) -> None:
    nlp = build_pipeline()
    output.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(output)
    write_synonyms(synonyms_path)
