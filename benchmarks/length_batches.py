"""Rasa's command line with training batches of similar length: a training-time experiment.

Rasa pads every message of a batch to the longest one in it. Wegwijzer's training messages
are 5.6 tokens long on average (p99 20, longest 35), so in a random batch about three
quarters of what DIET computes is padding (docs/profiling.md, "Training"). This command
changes Rasa's batches: after Rasa shuffled (and balanced) the data of an epoch, every run
of CHUNK batches is sorted by message length and cut into batches again, and the order of
the full batches is shuffled. It applies to every model trained with Rasa's batch
generator (DIET and the ResponseSelector).

It changes the model, so it is not how `make train` trains. benchmarks/nlu_pipelines.py
runs its `length-batches-*` variants with it; docs/benchmarks.md has what it gave:

    .venv/bin/python -m bot exec -- .venv/bin/python -m benchmarks.length_batches \
        train nlu --config <config> --nlu data --out <folder>

Takes the same arguments as `rasa`, like bot/rasa_cli.py (with its training speed-up).
"""

from __future__ import annotations

import sys

CHUNK = 8


def install(chunk: int = CHUNK) -> None:
    """Make Rasa's batch generator sort each run of `chunk` batches by message length."""
    import numpy as np
    from rasa.utils.tensorflow import data_generator
    from rasa.utils.tensorflow.model_data import RasaModelData

    generator = data_generator.RasaBatchDataGenerator
    original = generator.on_epoch_end

    def on_epoch_end(self) -> None:  # type: ignore[no-untyped-def]
        original(self)
        sequences = self._data.get("text", {}).get("sequence") or []
        if not sequences:
            return
        lengths = np.array([features.shape[0] for features in sequences[0]])
        size = self._current_batch_size
        batches = []
        for start in range(0, len(lengths), size * chunk):
            ids = np.arange(start, min(start + size * chunk, len(lengths)))
            ids = ids[np.argsort(lengths[ids], kind="stable")]
            batches += [ids[first : first + size] for first in range(0, len(ids), size)]
        full = [batch for batch in batches if len(batch) == size]
        np.random.default_rng(self._current_epoch).shuffle(full)
        # A short last batch stays last: Rasa cuts batches by position.
        ids = np.concatenate(full + [batch for batch in batches if len(batch) != size])
        self._data = RasaModelData._data_for_ids(self._data, ids)

    generator.on_epoch_end = on_epoch_end  # type: ignore[method-assign]


def main() -> None:
    from bot import training_speed

    training_speed.install()
    install()
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
