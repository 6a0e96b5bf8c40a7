"""Rasa's TensorFlow models loaded for answering only, without a training step.

`install()` runs in the Rasa server before Rasa starts (bot/rasa_server.py) and changes
`RasaModel.load`, which loads DIET and the ResponseSelector from the trained model.
Rasa 3.6 builds each model by compiling it with an Adam optimizer and training it on one
example, and only then loads the trained weights. That step creates the optimizer's two
slots per weight and the gradients: for our model (250 MB of weights, 186 MB of them in
the ResponseSelector) the Rasa server held about 2,000 MiB once ready, against 1,100 MiB
without it (docs/benchmarks.md, "The Rasa server's memory").

Here the model is built by one prediction on the example Rasa keeps for that, run eagerly
so no graph is traced with the untrained weights; then the trained weights are read, and
the prediction that Rasa runs anyway to trace its graph is made with them. Layers that only
training uses (the losses, the optimizer) are never built, so the checkpoint's values for
them stay unread (`expect_partial`), while every weight that was built must get its trained
value (`assert_existing_objects_matched`), or loading fails. Predictions are the same as
with Rasa's own load: `tests/test_model_loading.py` compares both on held-out messages and
conversations.

A model loaded for fine-tuning (`rasa train --finetune`), or without a prediction example,
goes through Rasa's own load.
"""

from __future__ import annotations

import functools
from typing import Any


def load_for_prediction(
    original: Any,
    cls: type,
    model_file_name: str,
    model_data_example: Any,
    predict_data_example: Any = None,
    finetune_mode: bool = False,
    *args: Any,
    **kwargs: Any,
) -> Any:
    """`RasaModel.load` without the training step, for a model that only predicts."""
    if finetune_mode or predict_data_example is None:
        return original(
            cls,
            model_file_name,
            model_data_example,
            predict_data_example,
            finetune_mode,
            *args,
            **kwargs,
        )
    model = cls(*args, **kwargs)
    configured = model._run_eagerly
    model._run_eagerly = True  # build the layers a prediction needs, without a graph
    model.run_inference(predict_data_example)
    status = model.load_weights(model_file_name)
    # Every weight that answering uses must come from the trained model; the training
    # parts in the checkpoint (optimizer, losses) are left unread on purpose.
    status.assert_existing_objects_matched().expect_partial()
    model._run_eagerly = configured
    # What the first prediction computed from the untrained weights (the embeddings of
    # all labels) is computed again from the trained ones, and the graph traced with them.
    model.prepared_for_prediction = False
    model._tf_predict_step = None
    model.run_inference(predict_data_example)
    return model


def install() -> None:
    from rasa.utils.tensorflow.models import RasaModel

    RasaModel.load = classmethod(functools.partial(load_for_prediction, RasaModel.load.__func__))
