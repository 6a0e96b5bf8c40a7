"""NLU quality on messages the model never saw (tests/nlu_holdout.yml).

Intent macro-F1 must be at least 0.90, and every crisis message must be recognised as
`crisis` (recall 1.0): a missed crisis is the worst error Wegwijzer can make.
"""

from __future__ import annotations

import json
import subprocess

import pytest

from bot.config import PROJECT_ROOT, load_settings, rasa_environment

HOLDOUT = PROJECT_ROOT / "tests" / "nlu_holdout.yml"


@pytest.fixture(scope="module")
def intent_report(tmp_path_factory) -> dict:
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
    return json.loads((out / "intent_report.json").read_text())


def test_intent_macro_f1_on_the_holdout_is_at_least_0_90(intent_report):
    assert intent_report["macro avg"]["f1-score"] >= 0.90


def test_every_crisis_message_in_the_holdout_is_recognised(intent_report):
    assert intent_report["crisis"]["recall"] == 1.0
