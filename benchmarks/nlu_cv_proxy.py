"""A one-minute stand-in for Rasa's 5-fold cross-validation of the intents (which takes
45-80 minutes on 2 cores): TF-IDF of character 2-5-grams and words, logistic regression,
5 stratified folds, on the training data only (data/nlu/; the held-out set is never read).

It tracks Rasa's figure closely enough to compare data or NLU-contract changes (0.810 here
where DIET gave 0.792 on the same data, docs/benchmarks.md), and it lists what a writer of
training data needs: the weakest intents, the most frequent confusions, and with
`--intent NAME` the training examples of that intent taken for something else.

    .venv/bin/python benchmarks/nlu_cv_proxy.py
    .venv/bin/python benchmarks/nlu_cv_proxy.py --intent not_meant
    .venv/bin/python benchmarks/nlu_cv_proxy.py --merge not_meant=deny --drop inform
"""

from __future__ import annotations

import argparse
from collections import Counter

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import classification_report, f1_score
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import make_pipeline, make_union

from tests.holdout_honesty import TRAINING_DIR, examples


def training_rows(merge: dict[str, str], drop: set[str]) -> list[tuple[str, str]]:
    """(intent, text) of every training example; `faq/<topic>` counts as `faq`."""
    rows = []
    for full, texts in examples(TRAINING_DIR).items():
        intent = full.partition("/")[0]
        intent = merge.get(intent, intent)
        if intent not in drop:
            rows.extend((intent, text) for text in texts)
    return rows


def cross_validated(rows: list[tuple[str, str]]) -> list[str]:
    classifier = make_pipeline(
        make_union(
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True),
            TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True),
        ),
        LogisticRegression(C=10, max_iter=2000),
    )
    folds = StratifiedKFold(5, shuffle=True, random_state=0)
    return list(
        cross_val_predict(classifier, [t for _i, t in rows], [i for i, _t in rows], cv=folds)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--intent", help="list this intent's misclassified training examples")
    parser.add_argument("--merge", action="append", default=[], metavar="FROM=TO")
    parser.add_argument("--drop", action="append", default=[], metavar="INTENT")
    args = parser.parse_args()
    merge = dict(pair.split("=", 1) for pair in args.merge)
    rows = training_rows(merge, set(args.drop))
    gold = [intent for intent, _text in rows]
    guess = cross_validated(rows)
    print(f"examples: {len(rows)}, intents: {len(set(gold))}")
    print(f"proxy 5-fold intent macro-F1: {f1_score(gold, guess, average='macro'):.3f}")
    report = classification_report(gold, guess, output_dict=True, zero_division=0)
    weak = sorted(
        (scores["f1-score"], intent)
        for intent, scores in report.items()
        if isinstance(scores, dict) and "avg" not in intent and scores["f1-score"] < 0.85
    )
    print("weakest: " + ", ".join(f"{intent} {f1:.2f}" for f1, intent in weak))
    confusions = Counter((g, p) for g, p in zip(gold, guess, strict=True) if g != p)
    for (g, p), count in confusions.most_common(15):
        print(f"  {g} taken for {p}: {count}")
    if args.intent:
        for (intent, text), taken in zip(rows, guess, strict=True):
            if intent == args.intent and taken != intent:
                print(f"missed ({taken}): {text}")


if __name__ == "__main__":
    main()
