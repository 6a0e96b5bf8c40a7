"""NLU quality on messages the model never saw (tests/nlu_holdout.yml).

Intent macro-F1 must be at least 0.90, and every crisis message must be recognised as
`crisis` (recall 1.0): a missed crisis is the worst error Wegwijzer can make.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from bot.config import PROJECT_ROOT, load_settings, rasa_environment

HOLDOUT = PROJECT_ROOT / "tests" / "nlu_holdout.yml"


@pytest.fixture(scope="module")
def evaluation(tmp_path_factory) -> Path:
    """The output folder of `rasa test nlu` on the held-out file."""
    out = tmp_path_factory.mktemp("nlu_holdout")
    subprocess.run(
        [
            str(PROJECT_ROOT / ".venv" / "bin" / "rasa"),
            "test",
            "nlu",
            "--nlu",
            str(HOLDOUT),
            "--model",
            load_settings().model_path,
            "--out",
            str(out),
        ],
        cwd=PROJECT_ROOT,
        env=rasa_environment(load_settings()),
        check=True,
        capture_output=True,
    )
    return out


def test_intent_macro_f1_on_the_holdout_is_at_least_0_90(evaluation):
    report = json.loads((evaluation / "intent_report.json").read_text())
    weakest = sorted(
        (round(scores["f1-score"], 2), intent)
        for intent, scores in report.items()
        if isinstance(scores, dict) and "support" in scores and "avg" not in intent
    )[:5]
    assert report["macro avg"]["f1-score"] >= 0.90, f"weakest intents: {weakest}"


def test_every_crisis_message_in_the_holdout_is_recognised(evaluation):
    errors = json.loads((evaluation / "intent_errors.json").read_text())
    missed = [
        (error["text"], error["intent_prediction"]["name"])
        for error in errors
        if error["intent"] == "crisis"
    ]
    assert missed == [], "crisis messages taken for something else"
