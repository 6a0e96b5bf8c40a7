"""The NLU figures on the held-out set (tests/holdout/), through the whole pipeline.

    .venv/bin/python -m bot exec -- .venv/bin/python benchmarks/nlu_quality.py [MODEL]

Prints intent and FAQ topic macro-F1, out_of_scope recall, crisis recall and precision,
entity scores per type, the weakest intents and topics, and every missed crisis message
and false crisis alarm (tests/nlu_quality.py computes them; tests/test_nlu_holdout.py
gates on them).
"""

from __future__ import annotations

import sys

from bot.config import load_settings
from tests import nlu_quality


def main(model: str) -> None:
    evaluation = nlu_quality.evaluate(model)
    intents, topics = evaluation.intents, evaluation.topics
    print(f"model: {model}")
    print(f"messages: {len(evaluation.expected)}")
    print(f"intent macro-F1: {intents.macro_f1:.3f}")
    print(f"FAQ topic macro-F1: {topics.macro_f1:.3f}")
    print(f"out_of_scope recall: {intents.recall('out_of_scope'):.2f}")
    print(
        f"crisis recall: {intents.recall('crisis'):.2f}, "
        f"precision: {intents.precision('crisis'):.2f}"
    )
    for kind, (precision, recall, f1, support) in evaluation.entities.per_label.items():
        print(f"entity {kind}: P {precision:.2f} R {recall:.2f} F1 {f1:.2f} (n={support})")
    print(f"weakest intents: {intents.weakest(8)}")
    print(f"weakest topics: {topics.weakest(5)}")
    print(f"missed crisis messages: {evaluation.errors('crisis')}")
    print(f"false crisis alarms: {evaluation.false_alarms('crisis')}")
    print(f"missed out_of_scope: {evaluation.errors('out_of_scope')}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else load_settings().model_path)
