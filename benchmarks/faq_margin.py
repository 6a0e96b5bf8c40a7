"""How sure the ResponseSelector is of FAQ topics: the figures behind MIN_CONFIDENCE and
MIN_MARGIN in actions/faq.py (docs/nlu.md, "FAQ topic confidence and margin").

Starts the real Rasa server (Procfile command) on a free port with the trained model, sends
every FAQ message of the held-out file and of the training data to /model/parse, and prints,
for a grid of thresholds, how many messages would be answered directly (right or wrong
topic) and how many would get the question "which of these two?" (with the right topic
among the two buttons or not). Messages of other intents that the classifier takes for a
FAQ question are counted too: those should rather be asked about than answered.

    .venv/bin/python -m bot exec -- .venv/bin/python benchmarks/faq_margin.py \
        [--model models/wegwijzer.tar.gz] [--holdout tests/holdout] [--save FILE]
"""

from __future__ import annotations

import argparse
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path

import requests

from actions.faq import MIN_CONFIDENCE, MIN_MARGIN, choose_topic
from bot import processes
from bot.config import PROJECT_ROOT, Settings
from tests.holdout_honesty import examples

# Typed FAQ questions whose answer the REST and browser tests check (tests/test_orientation.py,
# test_eligibility_chat.py, test_intake_chat.py, test_chat_widget_browser.py, ...).
TEST_QUESTIONS = (
    ("faq/what_is_pvb", "wat is een persoonsvolgend budget"),
    ("faq/what_is_pvb", "wat is een pvb"),
    ("faq/what_is_dop", "wat doet een dop"),
    ("faq/what_is_dop", "wat is een dop"),
    ("faq/what_is_dop", "wat is een dop eigenlijk"),
    ("faq/waiting_time", "hoe lang moet ik wachten op mijn budget"),
)
CONFIDENCES = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
MARGINS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5)


@dataclass(frozen=True)
class Parsed:
    source: str  # "holdout", "training" or "tests"
    gold: str  # the intent of the file: faq/<topic> or another intent
    text: str
    intent: str
    ranking: list[dict]

    @property
    def gold_topic(self) -> str | None:
        return self.gold.split("/", 1)[1] if self.gold.startswith("faq/") else None


def parse_all(settings: Settings, messages: list[tuple[str, str, str]]) -> list[Parsed]:
    session = requests.Session()
    found = []
    for source, gold, text in messages:
        response = session.post(
            f"{settings.rasa_url}/model/parse",
            params={"token": settings.rasa_token},
            json={"text": text},
            timeout=60,
        )
        response.raise_for_status()
        data = response.json()
        selectors = data.get("response_selector") or {}
        selected = selectors.get("faq") or selectors.get("default") or {}
        found.append(
            Parsed(
                source=source,
                gold=gold,
                text=text,
                intent=(data.get("intent") or {}).get("name") or "",
                ranking=selected.get("ranking") or [],
            )
        )
    return found


def outcome(item: Parsed, confidence: float, margin: float) -> str:
    """right / wrong (answered directly), asked_right / asked_wrong (right topic among the
    two buttons or not)."""
    choice = choose_topic(item.ranking, confidence, margin)
    if choice.topic is not None:
        return "right" if choice.topic == item.gold_topic else "wrong"
    return "asked_right" if item.gold_topic in choice.options else "asked_wrong"


def top_two(item: Parsed) -> tuple[float, float]:
    scores = sorted((float(r.get("confidence") or 0.0) for r in item.ranking), reverse=True)
    return (scores[0] if scores else 0.0, scores[1] if len(scores) > 1 else 0.0)


def report(parsed: list[Parsed]) -> None:
    for item in (p for p in parsed if p.source == "tests"):
        choice = choose_topic(item.ranking)
        best, second = top_two(item)
        print(f"test question {item.text!r}: {best:.3f} / {second:.3f} -> {choice}")
    for source in ("holdout", "training"):
        faq = [p for p in parsed if p.source == source and p.gold_topic and p.intent == "faq"]
        total = sum(1 for p in parsed if p.source == source and p.gold_topic)
        print(f"\n## {source}: {total} FAQ messages, {len(faq)} classified as intent faq")
        right_top = [p for p in faq if outcome(p, 0.0, 0.0) == "right"]
        wrong_top = [p for p in faq if outcome(p, 0.0, 0.0) == "wrong"]
        print(f"top topic right: {len(right_top)}, wrong: {len(wrong_top)}")
        for name, group in (("right", right_top), ("wrong", wrong_top)):
            if group:
                confs = sorted(top_two(p)[0] for p in group)
                margins = sorted(top_two(p)[0] - top_two(p)[1] for p in group)
                print(
                    f"  {name}: confidence min {confs[0]:.3f} p5 {confs[len(confs) // 20]:.3f} "
                    f"median {confs[len(confs) // 2]:.3f}; margin min {margins[0]:.3f} "
                    f"p5 {margins[len(margins) // 20]:.3f} median {margins[len(margins) // 2]:.3f}"
                )
        print("confidence margin | right wrong | asked_right asked_wrong | right kept")
        for confidence in CONFIDENCES:
            for margin in MARGINS:
                counts = {"right": 0, "wrong": 0, "asked_right": 0, "asked_wrong": 0}
                for item in faq:
                    counts[outcome(item, confidence, margin)] += 1
                kept = counts["right"] / len(right_top) if right_top else 1.0
                chosen = (
                    " <- actions/faq.py"
                    if (confidence, margin)
                    == (
                        MIN_CONFIDENCE,
                        MIN_MARGIN,
                    )
                    else ""
                )
                print(
                    f"{confidence:.1f} {margin:.1f} | {counts['right']:4d} {counts['wrong']:4d} | "
                    f"{counts['asked_right']:4d} {counts['asked_wrong']:4d} | {kept:.3f}{chosen}"
                )
    others = [p for p in parsed if p.source == "holdout" and not p.gold_topic and p.intent == "faq"]
    print(f"\n## holdout messages of other intents classified as faq: {len(others)}")
    for item in others:
        choice = choose_topic(item.ranking)
        what = f"answers {choice.topic}" if choice.topic else f"asks {' / '.join(choice.options)}"
        best, second = top_two(item)
        print(f"  [{item.gold}] {item.text!r}: {best:.3f} / {second:.3f} -> {what}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=str(PROJECT_ROOT / "models" / "wegwijzer.tar.gz"))
    parser.add_argument("--holdout", default=str(PROJECT_ROOT / "tests" / "holdout"))
    parser.add_argument("--save", help="write the parsed rankings to this JSON file")
    args = parser.parse_args()
    messages = (
        [
            ("holdout", intent, text)
            for intent, texts in examples(Path(args.holdout)).items()
            for text in texts
        ]
        + [
            ("training", intent, text)
            for intent, texts in examples(PROJECT_ROOT / "data" / "nlu").items()
            if intent.startswith("faq/")
            for text in texts
        ]
        + [("tests", intent, text) for intent, text in TEST_QUESTIONS]
    )
    with tempfile.TemporaryDirectory() as tmp:
        settings = processes.settings_on_free_ports(
            f"sqlite:///{Path(tmp) / 'tracker.db'}", WEGWIJZER_MODEL=args.model
        )
        rasa = processes.start("rasa", settings, Path(tmp), timeout=900)
        try:
            parsed = parse_all(settings, messages)
        finally:
            rasa.stop()
    if args.save:
        Path(args.save).write_text(
            json.dumps([p.__dict__ for p in parsed], ensure_ascii=False), encoding="utf-8"
        )
    report(parsed)


if __name__ == "__main__":
    main()
