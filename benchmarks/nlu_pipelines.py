"""Compare NLU pipelines on the held-out set (and optionally 5-fold cross-validation).

Each variant is config.yml's pipeline changed in one way, plus Rasa's stock `default.v1`
pipeline with `language: nl`. Every variant is trained NLU-only on data/ (timed), parsed
through the whole pipeline on tests/holdout/ (tests/nlu_quality.py), and with `--cv` also
cross-validated with Rasa's own `rasa test nlu --cross-validation --folds 5`.

    .venv/bin/python -m bot exec -- .venv/bin/python benchmarks/nlu_pipelines.py [--cv] [NAME ...]

Models, configs and reports go to var/pipelines/<name>/. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from bot.config import PROJECT_ROOT
from tests import nlu_quality

OUT = PROJECT_ROOT / "var" / "pipelines"
# Rasa's command line with the training speed-up (bot/training_speed.py), as `make train`.
RASA = [sys.executable, "-m", "bot.rasa_cli"]
# The same with batches of similar length (the `length-batches-*` variants).
LENGTH_BATCHES = [sys.executable, "-m", "benchmarks.length_batches"]
# Rasa's training cache of these runs, apart from the project's own (.rasa/cache): the
# variants would evict the cached components of `make train`.
CACHE = OUT / "rasa-cache"

# Rasa 3.6's default pipeline (rasa.engine.recipes.default_recipe / `rasa init`), in Dutch.
STOCK = [
    {"name": "WhitespaceTokenizer"},
    {"name": "RegexFeaturizer"},
    {"name": "LexicalSyntacticFeaturizer"},
    {"name": "CountVectorsFeaturizer"},
    {"name": "CountVectorsFeaturizer", "analyzer": "char_wb", "min_ngram": 1, "max_ngram": 4},
    {"name": "DIETClassifier", "epochs": 100, "constrain_similarities": True},
    {"name": "EntitySynonymMapper"},
    {"name": "ResponseSelector", "epochs": 100, "constrain_similarities": True},
    {"name": "FallbackClassifier", "threshold": 0.3, "ambiguity_threshold": 0.1},
]

Pipeline = list[dict]


def _set(component: str, **values) -> Callable[[Pipeline], Pipeline]:
    def change(pipeline: Pipeline) -> Pipeline:
        for step in pipeline:
            if step["name"] == component:
                step.update(values)
        return pipeline

    return change


def _char(**values) -> Callable[[Pipeline], Pipeline]:
    """Change the character n-gram CountVectorsFeaturizer (`analyzer: char_wb`)."""

    def change(pipeline: Pipeline) -> Pipeline:
        for step in pipeline:
            if step.get("analyzer") == "char_wb":
                step.update(values)
        return pipeline

    return change


def _forms_not_lemmas(pipeline: Pipeline) -> Pipeline:
    for step in pipeline:
        if step["name"] == "CountVectorsFeaturizer" and "analyzer" not in step:
            step["use_lemma"] = False
    return pipeline


def _without_spoken_lemmas(pipeline: Pipeline) -> Pipeline:
    """The spaCy pipeline without bot/spoken_lemmas.py (spaCy's lookup table alone)."""
    from bot import nlp_pipeline

    plain = OUT / "spacy-without-spoken-lemmas"
    if not (plain / "meta.json").exists():
        nlp_pipeline.build_pipeline(with_spoken_lemmas=False).to_disk(plain)
    for step in pipeline:
        if step["name"] == "SpacyNLP":
            step["model"] = str(plain.relative_to(PROJECT_ROOT))
    return pipeline


def _together(*changes: Callable[[Pipeline], Pipeline]) -> Callable[[Pipeline], Pipeline]:
    def change(pipeline: Pipeline) -> Pipeline:
        for one in changes:
            pipeline = one(pipeline)
        return pipeline

    return change


_selector_dense_256 = _set(
    "ResponseSelector",
    dense_dimension={"text": 256, "label": 256},
    concat_dimension={"text": 256, "label": 256},
)


def _replace(component: str, **step) -> Callable[[Pipeline], Pipeline]:
    def change(pipeline: Pipeline) -> Pipeline:
        return [dict(step) if one["name"] == component else one for one in pipeline]

    return change


_tfidf_intents = _replace(
    "DIETClassifier", name="bot.tfidf_intent_classifier.TfidfIntentClassifier"
)

_no_entities = _set("DIETClassifier", entity_recognition=False)
_no_entities_transformer_64 = _set("DIETClassifier", entity_recognition=False, transformer_size=64)

VARIANTS: dict[str, Callable[[Pipeline], Pipeline] | None] = {
    "current": lambda pipeline: pipeline,
    # config.yml of before 2026-12-07: DIET and the ResponseSelector (with_diet).
    "diet": lambda pipeline: pipeline,
    "stock-default": None,
    "diet-40-epochs": _set("DIETClassifier", epochs=40),
    "diet-no-transformer": _set("DIETClassifier", number_of_transformer_layers=0),
    "diet-small-transformer": _set(
        "DIETClassifier", number_of_transformer_layers=1, transformer_size=128
    ),
    "diet-no-transformer-no-entities": _set(
        "DIETClassifier", number_of_transformer_layers=0, entity_recognition=False
    ),
    "char-1-4": _char(min_ngram=1, max_ngram=4),
    "char-3-5": _char(min_ngram=3, max_ngram=5),
    "forms-not-lemmas": _forms_not_lemmas,
    "without-spoken-lemmas": _without_spoken_lemmas,
    "selector-40-epochs": _set("ResponseSelector", epochs=40),
    # The ResponseSelector's weights are most of the model (194 of 250 MB unpacked on
    # 2026-12-01). Fewer hidden layers: a FAQ label (its topic name) needs none, or both
    # sides smaller.
    "selector-label-no-hidden": _set(
        "ResponseSelector", hidden_layers_sizes={"text": [256, 128], "label": []}
    ),
    "selector-hidden-128": _set(
        "ResponseSelector", hidden_layers_sizes={"text": [128], "label": [128]}
    ),
    # Neither changes the size: the sparse inputs go through dense layers of 512 units
    # (Rasa's default for the ResponseSelector; DIET's is 128 for text, 20 for labels).
    "selector-dense-128": _set(
        "ResponseSelector",
        dense_dimension={"text": 128, "label": 20},
        concat_dimension={"text": 128, "label": 20},
    ),
    "selector-dense-256": _selector_dense_256,
    # Training time (issue 13: under 5 minutes on 2 cores): fewer DIET epochs and the
    # selector's dense layers halved, together.
    "diet-60-selector-dense-256": _together(_set("DIETClassifier", epochs=60), _selector_dense_256),
    # DIET without its entity layer (the CRF): every entity type is read by the entity ruler,
    # the synonyms and the age and first-name rules beside it.
    "diet-no-entities-selector-dense-256": _together(
        _set("DIETClassifier", entity_recognition=False), _selector_dense_256
    ),
    # Training time on a slow 2-core host (issue 13, 2026-12-04: DIET 354 s and the
    # ResponseSelector 146 s of 620): the above, with DIET's batches doubled ([128, 512]
    # instead of [64, 256]) and the selector at 40 epochs (its training accuracy is 0.999
    # from epoch 22 on). Measured: intent F1 -0.011 and out_of_scope recall -0.06 (the
    # batches), FAQ topic F1 -0.015 (the 40 epochs); not adopted (docs/benchmarks.md).
    "fast-training": _together(
        _set("DIETClassifier", entity_recognition=False, batch_size=[128, 512]),
        _selector_dense_256,
        _set("ResponseSelector", epochs=40),
    ),
    # Training under 5 minutes on the Intel host of 2026-12-05 (issue 13; `make train` 417 s,
    # DIET 259 s, the ResponseSelector 107 s): DIET without its entity layer, with a
    # transformer of 64 units, character n-grams seen in at least two messages (17,862 →
    # 10,511 columns), alone and together; the `length-batches-*` variants also train on
    # batches of similar length (benchmarks/length_batches.py). None was adopted: each lost
    # FAQ topic F1 or out_of_scope recall on the held-out set (docs/benchmarks.md).
    "diet-no-entities-transformer-64": _no_entities_transformer_64,
    "diet-no-entities-char-min-df-2": _together(_no_entities, _char(min_df=2)),
    "length-batches-diet-no-entities": _no_entities,
    "length-batches-diet-no-entities-transformer-64": _no_entities_transformer_64,
    "length-batches-diet-no-entities-char-min-df-2": _together(_no_entities, _char(min_df=2)),
    "length-batches-diet-no-entities-transformer-64-char-min-df-2": _together(
        _no_entities_transformer_64, _char(min_df=2)
    ),
    # The same two speed-ups with DIET's entity layer kept (every variant without it read the
    # FAQ topics less well): batches of similar length and `min_df: 2` alone.
    "length-batches-char-min-df-2": _char(min_df=2),
    # `min_df: 2` alone: character n-grams seen in at least two messages, nothing else changed.
    "char-min-df-2": _char(min_df=2),
    # `current` is config.yml with the TF-IDF classifiers; these two are measured from the
    # DIET pipeline of before 2026-12-07 (with_diet): DIET replaced by logistic regression on
    # TF-IDF n-grams (bot/tfidf_intent_classifier.py), then the selector as well
    # (bot/tfidf_faq_selector.py), which is what config.yml has now.
    "tfidf-intents": _tfidf_intents,
    "tfidf-intents-and-topics": _together(
        _tfidf_intents,
        _replace("ResponseSelector", name="bot.tfidf_faq_selector.TfidfFaqSelector"),
    ),
    # `config.yml` with other seeds: how far one training of the same data moves the figures.
    "seed-7": _together(
        _set("DIETClassifier", random_seed=7), _set("ResponseSelector", random_seed=7)
    ),
    "seed-1234": _together(
        _set("DIETClassifier", random_seed=1234), _set("ResponseSelector", random_seed=1234)
    ),
}


# config.yml's classifiers before 2026-12-07, and the featurizers only they read: every variant
# but `current` (config.yml as it is) and `stock-default` changes this pipeline.
DIET_STEPS = [
    {"name": "RegexFeaturizer"},
    {"name": "LexicalSyntacticFeaturizer"},
    {"name": "CountVectorsFeaturizer"},
    {"name": "CountVectorsFeaturizer", "analyzer": "char_wb", "min_ngram": 2, "max_ngram": 5},
    {
        "name": "DIETClassifier",
        "epochs": 80,
        "number_of_transformer_layers": 1,
        "transformer_size": 128,
        "constrain_similarities": True,
        "random_seed": 42,
    },
]
SELECTOR_STEP = {
    "name": "ResponseSelector",
    "epochs": 80,
    "constrain_similarities": True,
    "random_seed": 42,
}


def with_diet(pipeline: Pipeline) -> Pipeline:
    """config.yml's pipeline with DIET and the ResponseSelector in place of the TF-IDF ones."""
    out: Pipeline = []
    for step in pipeline:
        if step["name"].endswith("TfidfIntentClassifier"):
            out += copy.deepcopy(DIET_STEPS)
        elif step["name"].endswith("TfidfFaqSelector"):
            out.append(dict(SELECTOR_STEP))
        else:
            out.append(step)
    return out


def variant_config(name: str) -> dict:
    config = yaml.safe_load((PROJECT_ROOT / "config.yml").read_text(encoding="utf-8"))
    change = VARIANTS[name]
    pipeline = copy.deepcopy(config["pipeline"])
    if name != "current":
        pipeline = with_diet(pipeline)
    config["pipeline"] = copy.deepcopy(STOCK) if change is None else change(pipeline)
    return config


def run(command: list[str], log: Path) -> float:
    start = time.perf_counter()
    with log.open("w") as output:
        subprocess.run(
            command,
            cwd=PROJECT_ROOT,
            env={**os.environ, "RASA_CACHE_DIRECTORY": str(CACHE)},
            stdout=output,
            stderr=subprocess.STDOUT,
            check=True,
        )
    return time.perf_counter() - start


def measure(name: str, cross_validate: bool) -> dict:
    folder = OUT / name
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "config.yml"
    config.write_text(yaml.safe_dump(variant_config(name), sort_keys=False), encoding="utf-8")
    rasa = LENGTH_BATCHES if name.startswith("length-batches-") else RASA
    seconds = run(
        [*rasa, "train", "nlu", "--config", str(config), "--nlu", "data",
         "--out", str(folder), "--fixed-model-name", "nlu"],
        folder / "train.log",
    )  # fmt: skip
    evaluation = nlu_quality.evaluate(str(folder / "nlu.tar.gz"))
    row = {
        "variant": name,
        "training_s": round(seconds),
        "intent_f1": evaluation.intents.macro_f1,
        "topic_f1": evaluation.topics.macro_f1,
        "out_of_scope_recall": evaluation.intents.recall("out_of_scope"),
        "crisis_recall": evaluation.intents.recall("crisis"),
        "crisis_precision": evaluation.intents.precision("crisis"),
        "entity_f1": {kind: round(s[2], 2) for kind, s in evaluation.entities.per_label.items()},
        "weakest": evaluation.intents.weakest(),
    }
    if cross_validate:
        reports = folder / "crossval"
        run(
            [*rasa, "test", "nlu", "--nlu", "data", "--cross-validation", "--folds", "5",
             "--config", str(config), "--out", str(reports)],
            folder / "crossval.log",
        )  # fmt: skip
        intents = json.loads((reports / "intent_report.json").read_text())
        row["cv_intent_f1"] = intents["macro avg"]["f1-score"]
        selection = reports / "response_selection_report.json"
        if selection.exists():
            row["cv_topic_f1"] = json.loads(selection.read_text())["macro avg"]["f1-score"]
    (folder / "figures.json").write_text(json.dumps(row, indent=2), encoding="utf-8")
    return row


def table(rows: list[dict]) -> str:
    lines = [
        "| variant | training (s) | intent F1 | FAQ topic F1 | out_of_scope recall "
        "| crisis recall / precision | CV intent F1 | CV topic F1 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        cv_intent = row.get("cv_intent_f1")
        cv_topic = row.get("cv_topic_f1")
        lines.append(
            f"| {row['variant']} | {row['training_s']} | {row['intent_f1']:.3f} "
            f"| {row['topic_f1']:.3f} | {row['out_of_scope_recall']:.2f} "
            f"| {row['crisis_recall']:.2f} / {row['crisis_precision']:.2f} "
            f"| {'-' if cv_intent is None else f'{cv_intent:.3f}'} "
            f"| {'-' if cv_topic is None else f'{cv_topic:.3f}'} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv", action="store_true", help="also 5-fold cross-validation")
    parser.add_argument("names", nargs="*", help=f"variants (default: all): {', '.join(VARIANTS)}")
    args = parser.parse_args()
    unknown = set(args.names) - set(VARIANTS)
    if unknown:
        parser.error(f"unknown variants: {', '.join(sorted(unknown))}")
    rows = []
    for name in args.names or list(VARIANTS):
        rows.append(measure(name, args.cv))
        print(json.dumps(rows[-1]), flush=True)
    print(table(rows))


if __name__ == "__main__":
    main()
