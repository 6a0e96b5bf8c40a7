"""DIET's and the ResponseSelector's training time with and without tf.data's autotuner.

Trains the NLU of config.yml on data/ with few epochs (default 12) in a fresh process per
run, alternately Rasa as it comes ("stock") and with bot/training_speed.py ("fast"), and
reports per component: the seconds of `train`, the first epoch (most of it is TensorFlow
tracing the training step) and the time between the end of one epoch and the start of the
next (where the stock iterator waits for the autotuner's thread). The two variants give the
same losses per epoch; the script prints them so that can be checked.

    .venv/bin/python -m bot exec -- .venv/bin/python benchmarks/training_speed.py \
        [--epochs 12] [--rounds 2]

Rasa's training cache is off for these runs (each trains everything).
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from bot.config import PROJECT_ROOT


def one_run(variant: str, epochs: int) -> dict:
    """Train once in this process and return the figures (called in a child process)."""
    from keras import callbacks
    from rasa.model_training import train_nlu
    from rasa.nlu.classifiers.diet_classifier import DIETClassifier

    if variant == "fast":
        from bot import training_speed

        training_speed.install()

    figures: dict[str, dict] = {}
    current: dict = {}

    begin, end = callbacks.CallbackList.on_epoch_begin, callbacks.CallbackList.on_epoch_end

    def on_epoch_begin(self, epoch, logs=None):  # type: ignore[no-untyped-def]
        now = time.perf_counter()
        if "epoch_end" in current:
            current["gaps"].append(now - current["epoch_end"])
        current.setdefault("epoch_starts", []).append(now)
        return begin(self, epoch, logs)

    def on_epoch_end(self, epoch, logs=None):  # type: ignore[no-untyped-def]
        result = end(self, epoch, logs)
        current["epoch_end"] = time.perf_counter()
        current["loss"] = round(float((logs or {}).get("t_loss", float("nan"))), 6)
        return result

    callbacks.CallbackList.on_epoch_begin = on_epoch_begin  # type: ignore[method-assign]
    callbacks.CallbackList.on_epoch_end = on_epoch_end  # type: ignore[method-assign]

    train = DIETClassifier.train

    @functools.wraps(train)  # Rasa's graph checks the annotations of `train`
    def timed_train(self, training_data):  # type: ignore[no-untyped-def]
        current.clear()
        current["gaps"] = []
        start = time.perf_counter()
        result = train(self, training_data)
        starts = current.get("epoch_starts", [])
        figures[type(self).__name__] = {
            "train_s": round(time.perf_counter() - start, 1),
            "first_epoch_s": round(starts[1] - starts[0], 1) if len(starts) > 1 else None,
            "gaps_s": round(sum(current["gaps"]), 2),
            "last_loss": current.get("loss"),
        }
        return result

    DIETClassifier.train = timed_train  # type: ignore[method-assign]

    config = yaml.safe_load((PROJECT_ROOT / "config.yml").read_text(encoding="utf-8"))
    for step in config["pipeline"]:
        if step["name"] in ("DIETClassifier", "ResponseSelector"):
            step["epochs"] = epochs
    with tempfile.TemporaryDirectory() as out:
        config_file = Path(out) / "config.yml"
        config_file.write_text(yaml.safe_dump(config), encoding="utf-8")
        train_nlu(str(config_file), str(PROJECT_ROOT / "data"), out, fixed_model_name="nlu")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--one", choices=["stock", "fast"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print("FIGURES " + json.dumps(one_run(args.one, args.epochs)), flush=True)
        return
    rows = []
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "RASA_MAX_CACHE_SIZE": "0", "RASA_CACHE_DIRECTORY": cache}
        for round_number in range(args.rounds):
            for variant in ("stock", "fast"):
                output = subprocess.run(
                    [sys.executable, __file__, "--one", variant, "--epochs", str(args.epochs)],
                    cwd=PROJECT_ROOT,
                    env=env,
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
                line = next(x for x in output.splitlines() if x.startswith("FIGURES "))
                for component, figures in json.loads(line[len("FIGURES ") :]).items():
                    row = {"round": round_number + 1, "variant": variant, "component": component}
                    rows.append({**row, **figures})
                    print(json.dumps(rows[-1]), flush=True)
    print(f"\n{args.epochs} epochs each; seconds of the component's `train`.\n")
    print("| round | variant | component | train | first epoch | between epochs | last loss |")
    print("|---|---|---|---|---|---|---|")
    for row in rows:
        print(
            f"| {row['round']} | {row['variant']} | {row['component']} | {row['train_s']} s "
            f"| {row['first_epoch_s']} s | {row['gaps_s']} s | {row['last_loss']} |"
        )


if __name__ == "__main__":
    main()
