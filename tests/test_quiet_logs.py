"""Rasa's structured logs, configured as the Rasa server configures them, hold no personal
data: no typed text, no slot values in a stack trace's local variables."""

from __future__ import annotations

import subprocess
import sys

from bot.config import PROJECT_ROOT

SECRET = "Sam Verhaegen, Kerkstraat 12"
LOGGING = f"""
import logging
import sys

if sys.argv[1] == "quiet":
    from bot import quiet_logs

    quiet_logs.install()
from rasa.core.nlg import interpolator
from rasa.utils.log_utils import configure_structlog
import structlog

configure_structlog(logging.INFO)
log = structlog.get_logger()


def handle(slots):
    try:
        raise ValueError("the tracker store is unavailable")
    except ValueError:
        log.exception("rest.message.received.failure", text={SECRET!r})


handle({{"person_ref": {SECRET!r}}})
# A payload with single braces (domain.yml doubles them): Rasa's interpolation error.
interpolator.interpolate_text('/inform{{"choice": "geen"}}', {{"person_ref": {SECRET!r}}})
"""


def logged(mode: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", LOGGING, mode],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout + done.stderr


def test_rasas_error_logs_hold_no_typed_text_and_no_slot_values():
    assert SECRET in logged("rasa")  # what Rasa writes on its own
    quiet = logged("quiet")
    assert SECRET not in quiet
    # What went wrong is still there: the event, the exception type and message, the place.
    assert "rest.message.received.failure" in quiet
    assert "the tracker store is unavailable" in quiet
    assert "interpolator.interpolate.text" in quiet and "KeyError" in quiet
    assert "interpolator.py" in quiet


def test_the_rasa_server_installs_the_quiet_logs_before_rasa_starts(monkeypatch):
    import rasa.__main__
    import rasa.utils.log_utils
    import structlog

    from bot import action_calls, quiet_logs, rasa_server, turn_failure
    from bot.channels.rest import TOKEN_VARIABLE

    # Restored after the test: install() changes them, and so does the server's main.
    monkeypatch.setattr(rasa.utils.log_utils, "_anonymizer", rasa.utils.log_utils._anonymizer)
    monkeypatch.setattr(
        rasa.utils.log_utils, "HumanConsoleRenderer", rasa.utils.log_utils.HumanConsoleRenderer
    )
    monkeypatch.setattr(
        structlog.processors, "dict_tracebacks", structlog.processors.dict_tracebacks
    )
    monkeypatch.setattr(sys, "argv", list(sys.argv))
    # The server's main also patches Rasa's action calls and turn handling for its own
    # process; not for the rest of this test process.
    monkeypatch.setattr(action_calls, "install", lambda: None)
    monkeypatch.setattr(turn_failure, "install", lambda: None)
    monkeypatch.setenv(TOKEN_VARIABLE, "x" * 32)
    seen = []
    monkeypatch.setattr(
        rasa.__main__,
        "main",
        lambda: seen.append(rasa.utils.log_utils._anonymizer is quiet_logs.hide_personal_values),
    )

    rasa_server.main()

    assert seen == [True]
