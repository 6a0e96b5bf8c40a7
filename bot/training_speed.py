"""Rasa's training without tf.data's autotuner: the same model, about a quarter faster.

DIETClassifier and ResponseSelector train with Keras' `fit` on a Keras `Sequence`
(`RasaBatchDataGenerator`). Keras wraps it in a `tf.data` dataset from a Python generator
with a fixed prefetch of one batch, and makes a new iterator of it every epoch. With
tf.data's autotuner on (TensorFlow's default), each iterator runs a model thread that
measures the pipeline, and dropping the old iterator at the start of the next epoch waits
for that thread: 1 to 2 seconds of nothing at almost every epoch boundary of DIET on 2
cores (a py-spy profile of `rasa train nlu`: `RootDataset::Iterator::~Iterator` waiting on a
condition variable; docs/profiling.md, "Training"). There is nothing to tune: the dataset
is one generator and a fixed prefetch.

`install()` turns the autotuner off for the datasets Keras makes from a generator or a
`Sequence`. The batches, their order and every weight stay the same (the training losses
and accuracies per epoch are identical with and without it); only the waiting goes. It is
installed by `python -m bot.rasa_cli`, the command the Makefile trains with.
"""

from __future__ import annotations

from typing import Any


def _without_autotune(original: Any) -> Any:
    def get_dataset(self: Any) -> Any:
        import tensorflow as tf

        options = tf.data.Options()
        options.autotune.enabled = False
        return original(self).with_options(options)

    get_dataset.wegwijzer_original = original  # type: ignore[attr-defined]
    return get_dataset


def install() -> None:
    """Make Keras' generator datasets (Rasa's training batches) run without the autotuner."""
    from keras.engine import data_adapter

    adapter = data_adapter.GeneratorDataAdapter
    if not hasattr(adapter.get_dataset, "wegwijzer_original"):
        adapter.get_dataset = _without_autotune(adapter.get_dataset)
