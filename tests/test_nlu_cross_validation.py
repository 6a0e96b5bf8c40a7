"""NLU quality in Rasa's own 5-fold cross-validation of the training data.

`rasa test nlu --cross-validation --folds 5` trains the whole pipeline of config.yml on four
fifths of data/nlu and reads the last fifth, five times (the keyword and rule classifiers
included). Since the classifiers train in seconds (docs/decisions.md, "Intents and FAQ
topics: logistic regression on TF-IDF n-grams") it takes about ten minutes on 2 cores, so
`make test` runs it, as issue 14 asks.

Gated: every crisis message recognised (recall 1.0, as issue 14 asks), and floors for intent
and FAQ topic macro-F1, out_of_scope recall and crisis precision. Issue 14's thresholds
(0.90 each) are met for crisis precision only. Rasa draws the folds at random on every run (an
unseeded StratifiedKFold); on 2026-12-07 (fifty-third session, docs/benchmarks.md) two runs
of the FAQ topics learnt apart gave intent 0.852 / 0.851, FAQ topic 0.880 / 0.884 and
out_of_scope recall 0.85 / 0.82, and the run with the crisis gate (bot/crisis_classifier_gate.py)
crisis precision 0.93 (0.80 without it). The floors sit about 0.025 under the lower figure
(out_of_scope recall, from 375 messages, by 0.05; crisis precision, from 9 false alarms, by
0.05); they catch a change that makes Wegwijzer understand people clearly worse. Raise them
as the figures rise.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import PROJECT_ROOT, load_settings, rasa_environment

# The cross-validation takes 8-15 minutes: longer than the suite's 600 s for one test.
pytestmark = [pytest.mark.rasa, pytest.mark.timeout(3000)]

INTENT_MACRO_F1_FLOOR = 0.825
FAQ_TOPIC_MACRO_F1_FLOOR = 0.855
OUT_OF_SCOPE_RECALL_FLOOR = 0.77
CRISIS_PRECISION_FLOOR = 0.88


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    out = tmp_path_factory.mktemp("cross_validation")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "bot.rasa_cli",
            "test",
            "nlu",
            "--nlu",
            "data",
            "--config",
            "config.yml",
            "--cross-validation",
            "--folds",
            "5",
            "--out",
            str(out),
        ],  # fmt: skip
        cwd=PROJECT_ROOT,
        env=rasa_environment(load_settings()),
        capture_output=True,
        text=True,
        timeout=3000,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return {
        name: json.loads((Path(out) / f"{name}_report.json").read_text(encoding="utf-8"))
        for name in ("intent", "response_selection")
    }


def test_every_crisis_message_is_recognised_in_the_cross_validation(reports):
    assert reports["intent"]["crisis"]["recall"] == 1.0


def test_intents_are_read_at_least_as_well_as_before(reports):
    assert reports["intent"]["macro avg"]["f1-score"] >= INTENT_MACRO_F1_FLOOR


def test_faq_topics_are_read_at_least_as_well_as_before(reports):
    assert reports["response_selection"]["macro avg"]["f1-score"] >= FAQ_TOPIC_MACRO_F1_FLOOR


def test_out_of_scope_questions_are_recognised_at_least_as_often_as_before(reports):
    assert reports["intent"]["out_of_scope"]["recall"] >= OUT_OF_SCOPE_RECALL_FLOOR


def test_the_crisis_answer_is_no_more_often_a_false_alarm_than_before(reports):
    assert reports["intent"]["crisis"]["precision"] >= CRISIS_PRECISION_FLOOR
