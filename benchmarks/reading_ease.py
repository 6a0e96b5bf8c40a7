"""Flesch-Douma reading ease of every text of the assistant, per reading level.

Scores what tests/test_reading_ease.py checks (the scoring is in tests/reading_ease.py) and
prints the figures for docs/benchmarks.md:

    .venv/bin/python -m bot exec -- .venv/bin/python benchmarks/reading_ease.py
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from tests.reading_ease import FAQ_SOURCE, MINIMUM, ScoredText, all_scored, figures


def table(texts: list[ScoredText]) -> None:
    print("| level | texts | min | median | mean | bar | below the bar |")
    print("|---|---|---|---|---|---|---|")
    for level, found in figures(texts).items():
        below = sum(1 for t in texts if t.level == level and not t.passes)
        print(
            f"| {level} | {found['texts']:.0f} | {found['min']:.1f} | {found['median']:.1f}"
            f" | {found['mean']:.1f} | {MINIMUM[level]:.0f} | {below} |"
        )


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        texts = all_scored(Path(tmp))
    print("All texts:\n")
    table(texts)
    print("\nOf these, the FAQ answers (the longest texts):\n")
    table([t for t in texts if t.source.startswith(FAQ_SOURCE)])


if __name__ == "__main__":
    main()
