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
