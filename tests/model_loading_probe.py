"""The trained model loaded twice in one process: by Rasa's own load, then by ours.

    python -m tests.model_loading_probe MODEL OUT.json

Run by tests/test_model_loading.py in a subprocess, so that the change to Rasa's load
(bot/model_loading.py) never reaches the test process. For each load it writes:
- the parse of every third held-out message (intent ranking, entities, FAQ topic ranking);
- the policies' prediction (action, policy, confidences) after each message of the load
  test's 15-turn script, logged in one conversation;
- per TensorFlow model (DIET, the ResponseSelector): its weights by name, whether it
  has an optimizer, and the embeddings of all labels it predicts with.
"""

from __future__ import annotations

import asyncio
import gc
import json
import logging
import sys
from typing import Any

import numpy as np

from benchmarks.load.scripts import WEGWIJZER
from tests.nlu_quality import load_holdout


def tensorflow_models() -> list[Any]:
    """Every TensorFlow model of Rasa's in this process."""
    from rasa.utils.tensorflow.models import RasaModel

    return [o for o in gc.get_objects() if isinstance(o, RasaModel)]


def model_figures(model: Any) -> dict[str, Any]:
    labels = getattr(model, "all_labels_embed", None)
    return {
        "optimizer": getattr(model, "optimizer", None) is not None,
        "weights": {w.name: np.asarray(w.numpy()).ravel().tolist()[:50] for w in model.weights},
        "weight_sums": {w.name: float(np.abs(w.numpy()).sum()) for w in model.weights},
        "labels": None if labels is None else np.asarray(labels).ravel().tolist()[:200],
    }


async def outputs(model_path: str, texts: list[str]) -> dict[str, Any]:
    from rasa.core.agent import Agent
    from rasa.core.channels.channel import UserMessage

    earlier = {id(model) for model in tensorflow_models()}
    agent = Agent.load(model_path)
    parses = []
    for text in texts:
        result = await agent.parse_message(text)
        parses.append(
            {
                "text": text,
                "intents": result.get("intent_ranking"),
                "entities": [(e["entity"], e.get("value")) for e in result.get("entities", [])],
                "selector": {
                    key: value.get("ranking")
                    for key, value in (result.get("response_selector") or {}).items()
                    if isinstance(value, dict) and "ranking" in value
                },
            }
        )
    predictions = []
    for text in WEGWIJZER:
        await agent.processor.log_message(UserMessage(text, sender_id="probe"))
        prediction = await agent.processor.predict_next_for_sender_id("probe")
        predictions.append({key: prediction[key] for key in ("scores", "policy", "confidence")})
    loaded = [model for model in tensorflow_models() if id(model) not in earlier]
    models = {type(model).__name__: model_figures(model) for model in loaded}
    return {"parses": parses, "predictions": predictions, "models": models}


def main(model_path: str, out: str) -> None:
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)  # not the policies' debug lines of every prediction
    texts = [expected.text for expected in load_holdout()][::3]
    rasa_load = asyncio.run(outputs(model_path, texts))
    gc.collect()
    from bot import model_loading

    model_loading.install()
    ours = asyncio.run(outputs(model_path, texts))
    with open(out, "w", encoding="utf-8") as file:
        json.dump({"rasa": rasa_load, "ours": ours}, file)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
