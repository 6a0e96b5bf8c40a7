"""Which held-out messages are near-copies of a training example (difflib ratio >= 0.8).

A held-out set only measures understanding when none of its messages is a paraphrase the
model has already seen. Used by tests/test_holdout_honesty.py, and by hand while writing:

    .venv/bin/python -m tests.holdout_honesty tests/holdout

Whoever writes training data must not read the held-out set. For them, `--training-side`
prints only the training examples that are too close to a held-out message, never the
message itself: delete those examples (do not reword them until they pass).

    .venv/bin/python -m tests.holdout_honesty --training-side
"""

from __future__ import annotations

import re
import sys
from difflib import SequenceMatcher
from pathlib import Path

import yaml

from bot.config import PROJECT_ROOT

NEAR_COPY_RATIO = 0.8
TRAINING_DIR = PROJECT_ROOT / "data" / "nlu"
_ANNOTATION = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\})")


def plain(example: str) -> str:
    """The text of an annotated example: "[Gent](municipality)" -> "Gent", lower case."""
    return " ".join(_ANNOTATION.sub(r"\1", example).lower().split())


def examples(path: Path) -> dict[str, list[str]]:
    """Intent (or `faq/topic`) -> the plain examples of every NLU file under `path`."""
    files = sorted(path.rglob("*.yml")) if path.is_dir() else [path]
    found: dict[str, list[str]] = {}
    for file in files:
        for item in (yaml.safe_load(file.read_text(encoding="utf-8")) or {}).get("nlu") or []:
            if "intent" not in item:
                continue
            lines = str(item.get("examples") or "").splitlines()
            texts = [plain(line.strip()[2:]) for line in lines if line.strip().startswith("- ")]
            found.setdefault(item["intent"], []).extend(texts)
    return found


def near_copies(holdout: Path, training: Path = TRAINING_DIR) -> list[tuple[str, str, float]]:
    """(held-out message, closest training example, ratio) for every near-copy."""
    trained = sorted({text for texts in examples(training).values() for text in texts})
    copies = []
    for texts in examples(holdout).values():
        for text in texts:
            matcher = SequenceMatcher(None, b=text, autojunk=False)
            for other in trained:
                matcher.set_seq1(other)
                if (
                    matcher.real_quick_ratio() >= NEAR_COPY_RATIO
                    and matcher.quick_ratio() >= NEAR_COPY_RATIO
                    and matcher.ratio() >= NEAR_COPY_RATIO
                ):
                    copies.append((text, other, round(matcher.ratio(), 2)))
                    break
    return copies


def training_side(holdout: Path, training: Path = TRAINING_DIR) -> list[str]:
    """The training examples within NEAR_COPY_RATIO of a held-out message (only those)."""
    return sorted({other for _text, other, _ratio in near_copies(holdout, training)})


def main(path: str) -> int:
    copies = near_copies(Path(path))
    for text, other, ratio in copies:
        print(f"{ratio:.2f}  {text!r}  ~  {other!r}")
    counts = {intent: len(texts) for intent, texts in examples(Path(path)).items()}
    for intent, count in sorted(counts.items()):
        if count < 15:
            print(f"only {count} messages: {intent}")
    print(f"{len(copies)} near-copies in {sum(counts.values())} messages")
    return 1 if copies else 0


def main_training_side(path: str) -> int:
    too_close = training_side(Path(path))
    for example in too_close:
        print(f"delete from data/nlu/: {example}")
    print(f"{len(too_close)} training examples too close to a held-out message")
    return 1 if too_close else 0


if __name__ == "__main__":
    args = sys.argv[1:]
    held_out = next(
        (a for a in args if not a.startswith("--")), str(PROJECT_ROOT / "tests" / "holdout")
    )
    sys.exit(main_training_side(held_out) if "--training-side" in args else main(held_out))
