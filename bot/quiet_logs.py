"""Rasa's structured logs without personal data.

Rasa logs some events with what the person typed, the slot values or a response: an
error while the REST channel handles a message (`text=`), an interpolation error
(`response=`). Its stack traces list the local variables of every frame: the tracker, the
message, the slots. Rasa marks the keys that may hold personal data (`_anonymizer` in
rasa/utils/log_utils.py) but only hides them with a Rasa Pro plugin.

`install()` runs in the Rasa server before Rasa configures its logging (bot/rasa_server.py
calls it before Rasa's main). From then on the values of those keys are written as
"[hidden]" and stack traces keep the exception's type, message and frames (file, line,
function) but not the local variables.
"""

from __future__ import annotations

from typing import Any

import structlog
from structlog.processors import ExceptionRenderer
from structlog.tracebacks import ExceptionDictTransformer

HIDDEN = "[hidden]"
# The keys Rasa's own _anonymizer treats as personal data (Rasa 3.6), and "exc_value"
# is not among them: an exception's message says what went wrong.
PERSONAL_KEYS = frozenset(
    {
        "text",
        "response_text",
        "user_text",
        "slot_values",
        "parse_data_text",
        "parse_data_entities",
        "prediction_events",
        "tracker_latest_message",
        "prefilled_slots",
        "message",
        "response",
        "slot_candidates",
        "rasa_event",
        "rasa_events",
        "tracker_states",
        "current_states",
        "old_states",
        "successes",
        "current_entity",
        "next_entity",
        "states",
        "entity",
        "token_text",
        "user_message",
        "json_message",
    }
)


def hide_personal_values(_logger: Any, _method: str, event_dict: dict[str, Any]) -> dict[str, Any]:
    """A structlog processor: the values of PERSONAL_KEYS become "[hidden]"."""
    for key in PERSONAL_KEYS & event_dict.keys():
        event_dict[key] = HIDDEN
    return event_dict


def tracebacks_without_locals() -> ExceptionRenderer:
    return ExceptionRenderer(ExceptionDictTransformer(show_locals=False))


def install() -> None:
    """Make Rasa's `configure_structlog` (called by Rasa's main) use the processors above.

    It builds its processor list when it runs, from these module attributes: the
    anonymizer, the JSON traceback renderer (output to a file or pipe) and the console
    renderer (output to a terminal, whose default traceback shows the local variables)."""
    import rasa.utils.log_utils as rasa_logs

    class ConsoleRenderer(rasa_logs.HumanConsoleRenderer):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs.setdefault("exception_formatter", structlog.dev.plain_traceback)
            super().__init__(*args, **kwargs)

    rasa_logs._anonymizer = hide_personal_values
    rasa_logs.HumanConsoleRenderer = ConsoleRenderer
    structlog.processors.dict_tracebacks = tracebacks_without_locals()
