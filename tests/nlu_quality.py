"""NLU quality of a trained model on a held-out set, through the whole pipeline.

Every held-out message is parsed by the real model (Rasa's `Agent`, as the server does), so
the figures include the entity ruler, the synonyms, the rule-based extractors and the
keyword classifiers after DIET. Used by tests/test_nlu_holdout.py (the gates) and by
benchmarks/nlu_quality.py (the figures in docs/benchmarks.md).

- intents: macro-F1 over the intents of the held-out set (`faq/<topic>` counts as `faq`);
  a prediction of `nlu_fallback` is simply wrong;
- FAQ topics: macro-F1 over the topics, on the messages whose intent is `faq`;
- entities: per entity type, F1 over (message, entity, value) triples, on the messages that
  are not FAQ questions (tests/holdout/faq.yml has no entity annotations).
"""

from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rasa.shared.nlu.training_data.loading import load_data

HOLDOUT_DIR = Path(__file__).resolve().parent / "holdout"


@dataclass(frozen=True)
class Expected:
    text: str
    intent: str
    topic: str | None
    entities: frozenset[tuple[str, str]]


@dataclass(frozen=True)
class Parsed:
    intent: str
    topic: str | None
    entities: frozenset[tuple[str, str]]


@dataclass
class Scores:
    """Precision, recall and F1 per label, and their macro average."""

    per_label: dict[str, tuple[float, float, float, int]] = field(default_factory=dict)

    @property
    def macro_f1(self) -> float:
        return sum(f1 for _p, _r, f1, _n in self.per_label.values()) / max(1, len(self.per_label))

    def f1(self, label: str) -> float:
        return self.per_label[label][2]

    def recall(self, label: str) -> float:
        return self.per_label[label][1]

    def precision(self, label: str) -> float:
        return self.per_label[label][0]

    def weakest(self, count: int = 5) -> list[tuple[float, str]]:
        return sorted((round(f1, 2), label) for label, (_p, _r, f1, _n) in self.per_label.items())[
            :count
        ]


def _value(value: object) -> str:
    return str(value).strip().lower()


def load_holdout(path: Path = HOLDOUT_DIR) -> list[Expected]:
    data = load_data(str(path))
    expected = []
    for message in data.intent_examples:
        full = message.get("intent_response_key") or message.get("intent")
        intent, _, topic = full.partition("/")
        entities = frozenset(
            (entity["entity"], _value(entity.get("value")))
            for entity in message.get("entities", [])
        )
        expected.append(Expected(message.get("text"), intent, topic or None, entities))
    return expected


def parsed(result: dict) -> Parsed:
    intent = (result.get("intent") or {}).get("name") or "nlu_fallback"
    topic = None
    selectors = result.get("response_selector") or {}
    selected = selectors.get("faq") or selectors.get("default") or {}
    key = (selected.get("response") or {}).get("intent_response_key") or ""
    if key.startswith("faq/"):
        topic = key.split("/", 1)[1]
    entities = frozenset(
        (entity["entity"], _value(entity.get("value"))) for entity in result.get("entities") or []
    )
    return Parsed(intent, topic, entities)


def parse_all(model_path: str, texts: list[str]) -> list[dict]:
    """The model's parse of every text, in order (one Agent, loaded once)."""
    from rasa.core.agent import Agent

    async def run() -> list[dict]:
        agent = Agent.load(model_path)
        return [await agent.parse_message(text) for text in texts]

    return asyncio.run(run())


def scores(pairs: list[tuple[str, str]]) -> Scores:
    """Per-label scores of (expected, predicted) pairs, over the expected labels."""
    true_positive: Counter[str] = Counter()
    predicted: Counter[str] = Counter()
    support: Counter[str] = Counter()
    for gold, guess in pairs:
        support[gold] += 1
        predicted[guess] += 1
        true_positive[gold] += gold == guess
    result = Scores()
    for label in sorted(support):
        precision = true_positive[label] / predicted[label] if predicted[label] else 0.0
        recall = true_positive[label] / support[label]
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        result.per_label[label] = (precision, recall, f1, support[label])
    return result


def entity_scores(expected: list[Expected], found: list[Parsed]) -> Scores:
    """F1 per entity type over (message, value) pairs, for the types the held-out set has."""
    counts: dict[str, Counter[str]] = {}
    for gold, guess in zip(expected, found, strict=True):
        for kind in {entity for entity, _v in gold.entities}:
            tally = counts.setdefault(kind, Counter())
            want = {value for entity, value in gold.entities if entity == kind}
            got = {value for entity, value in guess.entities if entity == kind}
            tally["tp"] += len(want & got)
            tally["fn"] += len(want - got)
            tally["fp"] += len(got - want)
    # False alarms on messages without that entity count too.
    for gold, guess in zip(expected, found, strict=True):
        for kind, tally in counts.items():
            if not any(entity == kind for entity, _v in gold.entities):
                tally["fp"] += sum(1 for entity, _v in guess.entities if entity == kind)
    result = Scores()
    for kind, tally in sorted(counts.items()):
        tp, fp, fn = tally["tp"], tally["fp"], tally["fn"]
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        result.per_label[kind] = (precision, recall, f1, tp + fn)
    return result


@dataclass
class Evaluation:
    expected: list[Expected]
    found: list[Parsed]
    intents: Scores
    topics: Scores
    entities: Scores

    def errors(self, intent: str) -> list[tuple[str, str]]:
        """(text, predicted intent) of the messages of `intent` that were missed."""
        return [
            (gold.text, guess.intent)
            for gold, guess in zip(self.expected, self.found, strict=True)
            if gold.intent == intent and guess.intent != intent
        ]

    def false_alarms(self, intent: str) -> list[tuple[str, str]]:
        """(text, expected intent) of the messages wrongly taken for `intent`."""
        return [
            (gold.text, gold.intent)
            for gold, guess in zip(self.expected, self.found, strict=True)
            if guess.intent == intent and gold.intent != intent
        ]


def evaluate(model_path: str, path: Path = HOLDOUT_DIR) -> Evaluation:
    expected = load_holdout(path)
    found = [parsed(result) for result in parse_all(model_path, [e.text for e in expected])]
    intents = scores(
        [(gold.intent, guess.intent) for gold, guess in zip(expected, found, strict=True)]
    )
    topics = scores(
        [
            (gold.topic, guess.topic if guess.intent == "faq" and guess.topic else "-")
            for gold, guess in zip(expected, found, strict=True)
            if gold.topic
        ]
    )
    annotated = [
        (gold, guess) for gold, guess in zip(expected, found, strict=True) if not gold.topic
    ]
    entities = entity_scores([gold for gold, _ in annotated], [guess for _, guess in annotated])
    return Evaluation(expected, found, intents, topics, entities)
