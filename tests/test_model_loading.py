"""The Rasa server loads its TensorFlow models without Rasa's training step, and answers the same.

bot/model_loading.py builds DIET and the ResponseSelector by one prediction instead of
a compile and a training step with an Adam optimizer (about 900 MiB less for the Rasa
server: docs/benchmarks.md). tests/model_loading_probe.py loads the trained model both ways
in one subprocess; here the two are compared.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import PROJECT_ROOT, load_settings, rasa_environment


@pytest.fixture(scope="module")
def loads(tmp_path_factory: pytest.TempPathFactory) -> dict:
    settings = load_settings()
    if not Path(settings.model_path).exists():
        pytest.fail("No trained model: run the tests with `make test`, which trains one first.")
    out = tmp_path_factory.mktemp("model_loading") / "loads.json"
    done = subprocess.run(
        [sys.executable, "-m", "tests.model_loading_probe", settings.model_path, str(out)],
        cwd=PROJECT_ROOT,
        env=rasa_environment(settings),
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(out.read_text(encoding="utf-8"))


def test_our_load_builds_no_optimizer(loads):
    assert set(loads["ours"]["models"]) == {"DIET", "DIET2BOW"}
    assert {name: figures["optimizer"] for name, figures in loads["rasa"]["models"].items()} == {
        "DIET": True,
        "DIET2BOW": True,
    }
    assert not any(figures["optimizer"] for figures in loads["ours"]["models"].values())


def test_every_weight_has_its_trained_value(loads):
    for name, ours in loads["ours"]["models"].items():
        rasa = loads["rasa"]["models"][name]
        assert ours["weights"], name
        assert set(ours["weights"]) == set(rasa["weights"]), name
        assert ours["weight_sums"] == rasa["weight_sums"], name
        assert ours["weights"] == rasa["weights"], name


def test_the_label_embeddings_are_those_of_the_trained_weights(loads):
    for name, ours in loads["ours"]["models"].items():
        assert ours["labels"] is not None, name
        assert ours["labels"] == loads["rasa"]["models"][name]["labels"], name


def test_held_out_messages_are_read_exactly_the_same(loads):
    ours, rasa = loads["ours"]["parses"], loads["rasa"]["parses"]
    assert len(ours) > 300
    different = [mine["text"] for mine, theirs in zip(ours, rasa, strict=True) if mine != theirs]
    assert different == []
    # Not a trivial model: the held-out messages get many different intents and topics.
    assert len({parse["intents"][0]["name"] for parse in ours}) > 20


def test_the_policies_predict_the_same_next_actions(loads):
    assert loads["ours"]["predictions"] == loads["rasa"]["predictions"]
    assert len(loads["ours"]["predictions"]) == 15
