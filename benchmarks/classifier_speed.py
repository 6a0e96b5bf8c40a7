"""Time to score one message with each TF-IDF classifier of a trained model.

    .venv/bin/python -m bot exec -- .venv/bin/python benchmarks/classifier_speed.py \
        [models/wegwijzer.tar.gz] [--rounds 200]

Unpacks the model, loads the intent classifier's and the FAQ selector's scikit-learn
pipelines (bot/tfidf_model.py) and prints, per pipeline, the milliseconds per message of the
TF-IDF step alone and of the whole `predict_proba`, with the weights in row order (as
scikit-learn trains them) and in column order (as `laid_out_for_one_message` keeps them;
docs/profiling.md, "The TF-IDF classifiers: a copy of every weight per message"). The
scores of both layouts are compared too: they must be the same.
"""

from __future__ import annotations

import argparse
import tarfile
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import joblib
import numpy as np

from bot.tfidf_model import laid_out_for_one_message

MESSAGES = ["ik zoek woonondersteuning in gent", "wa is een pvb", "ons moeder kan ni meer"]


def per_message_ms(work: Callable[[list[str]], object], rounds: int) -> float:
    work(MESSAGES[:1])  # warm
    start = time.perf_counter()
    for index in range(rounds):
        work([MESSAGES[index % len(MESSAGES)]])
    return (time.perf_counter() - start) / rounds * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", nargs="?", default="models/wegwijzer.tar.gz")
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        with tarfile.open(args.model) as archive:
            archive.extractall(folder)
        for file in sorted(Path(folder).rglob("*.joblib")):
            pipeline = joblib.load(file)["classifier"]
            model = pipeline[-1]
            model.coef_ = np.ascontiguousarray(model.coef_)
            row_scores = pipeline.predict_proba(MESSAGES)
            row = per_message_ms(pipeline.predict_proba, args.rounds)
            tfidf = per_message_ms(pipeline[:-1].transform, args.rounds)
            laid_out_for_one_message(pipeline)
            column = per_message_ms(pipeline.predict_proba, args.rounds)
            same = np.allclose(row_scores, pipeline.predict_proba(MESSAGES))
            print(
                f"{file.name}: {model.coef_.shape[0]} classes x {model.coef_.shape[1]} n-grams; "
                f"TF-IDF {tfidf:.2f} ms; predict_proba row order {row:.2f} ms, "
                f"column order {column:.2f} ms; same scores: {same}"
            )


if __name__ == "__main__":
    main()
