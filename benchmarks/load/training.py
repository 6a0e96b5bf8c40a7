"""Training times: recorded by `make train` (and by the starter's `rasa init`), or measured
again into a temporary folder with TRAIN=1."""

from __future__ import annotations

import datetime
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.load import starter
from bot.config import PROJECT_ROOT

WEGWIJZER_RECORD = PROJECT_ROOT / "var" / "training-seconds.txt"
RASA = Path(sys.executable).with_name("rasa")


@dataclass(frozen=True)
class Training:
    seconds: float | None
    when: str  # the date it was measured, or why there is no figure
    how: str


def recorded(path: Path, how: str) -> Training:
    """A record `<seconds> <ISO date>` (the date defaults to the file's time)."""
    if not path.exists():
        return Training(None, "not recorded yet", how)
    fields = path.read_text().split()
    when = (
        fields[1]
        if len(fields) > 1
        else datetime.datetime.fromtimestamp(path.stat().st_mtime, datetime.timezone.utc)
        .replace(microsecond=0)
        .isoformat()
    )
    return Training(float(fields[0]), when[:10], how)


def timed(command: list[str], cwd: Path, how: str) -> Training:
    start = time.monotonic()
    subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, check=True)
    seconds = time.monotonic() - start
    return Training(seconds, datetime.date.today().isoformat(), how)


def wegwijzer(retrain: bool) -> Training:
    if not retrain:
        return recorded(WEGWIJZER_RECORD, "`make train`, var/training-seconds.txt")
    with tempfile.TemporaryDirectory() as out:
        return timed(
            [sys.executable, "-m", "bot", "exec", "--", sys.executable, "-m", "bot.rasa_cli"]
            + ["train", "--force", "--fixed-model-name", "wegwijzer", "--out", out],
            PROJECT_ROOT,
            "`python -m bot.rasa_cli train --force` into a temporary folder (TRAIN=1)",
        )


def starter_bot(retrain: bool) -> Training:
    if not retrain:
        return recorded(starter.TRAINING_RECORD, "`rasa init --no-prompt`, which trains")
    with tempfile.TemporaryDirectory() as out:
        return timed(
            [str(RASA), "train", "--force", "--out", out],
            starter.STARTER_DIR,
            "`rasa train --force` into a temporary folder (TRAIN=1)",
        )
