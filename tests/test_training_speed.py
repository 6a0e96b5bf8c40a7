"""Training without tf.data's autotuner (bot/training_speed.py): the same weights, and the
command the Makefile trains with runs Rasa's own command line."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
import tensorflow as tf
from keras.engine import data_adapter

from bot import training_speed
from bot.config import PROJECT_ROOT


class Batches(tf.keras.utils.Sequence):
    """Four fixed batches, as Rasa's RasaBatchDataGenerator is a Keras Sequence too."""

    def __init__(self) -> None:
        rng = np.random.default_rng(7)
        self.x = rng.normal(size=(32, 5)).astype("float32")
        self.y = self.x @ np.arange(1, 6, dtype="float32").reshape(5, 1)

    def __len__(self) -> int:
        return 4

    def __getitem__(self, index: int) -> tuple[np.ndarray, np.ndarray]:
        part = slice(index * 8, index * 8 + 8)
        return self.x[part], self.y[part]


@pytest.fixture
def restore(monkeypatch: pytest.MonkeyPatch) -> None:
    adapter = data_adapter.GeneratorDataAdapter
    monkeypatch.setattr(adapter, "get_dataset", adapter.__dict__["get_dataset"])


def trained_weights(epochs: int = 3) -> list[np.ndarray]:
    tf.keras.utils.set_random_seed(42)
    model = tf.keras.Sequential([tf.keras.Input(shape=(5,)), tf.keras.layers.Dense(1)])
    model.compile(optimizer=tf.keras.optimizers.SGD(0.01), loss="mse")
    model.fit(Batches(), epochs=epochs, shuffle=False, verbose=0)
    return model.get_weights()


def test_a_sequence_dataset_runs_without_the_autotuner_once_installed(restore):
    before = data_adapter.KerasSequenceAdapter(Batches()).get_dataset()
    assert before.options().autotune.enabled is not False
    training_speed.install()
    training_speed.install()  # installing twice wraps once
    wrapped = data_adapter.GeneratorDataAdapter.get_dataset
    assert not hasattr(wrapped.wegwijzer_original, "wegwijzer_original")
    after = data_adapter.KerasSequenceAdapter(Batches()).get_dataset()
    assert after.options().autotune.enabled is False


def test_the_same_batches_train_the_same_weights(restore):
    stock = trained_weights()
    training_speed.install()
    without_autotune = trained_weights()
    assert len(stock) == len(without_autotune) == 2
    for ours, theirs in zip(without_autotune, stock, strict=True):
        np.testing.assert_array_equal(ours, theirs)
    assert not np.allclose(stock[0], 0)  # it did train


def test_the_training_command_is_rasas_own_command_line():
    result = subprocess.run(
        [sys.executable, "-m", "bot.rasa_cli", "--version"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Rasa Version" in result.stdout and "3.6." in result.stdout
