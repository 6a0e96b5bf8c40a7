"""Rasa's starter bot (`rasa init --no-prompt`), trained once into var/starter/.

Stock Rasa: no custom actions (so no action server), the in-memory tracker store and lock
store that `rasa init`'s endpoints.yml leaves as default, and the REST channel of its
credentials.yml without a token.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bot.config import PROJECT_ROOT

STARTER_DIR = PROJECT_ROOT / "var" / "starter"
TRAINING_RECORD = STARTER_DIR / "training-seconds.txt"
RASA = Path(sys.executable).with_name("rasa")


def model() -> Path | None:
    models = sorted((STARTER_DIR / "models").glob("*.tar.gz"))
    return models[-1] if models else None


def ensure_trained() -> Path:
    """The starter bot's model; `rasa init` (which trains) only when there is none yet."""
    existing = model()
    if existing is not None:
        return existing
    shutil.rmtree(STARTER_DIR, ignore_errors=True)  # a half-made project from an aborted run
    STARTER_DIR.mkdir(parents=True)  # rasa init wants an existing, empty folder
    print("Training Rasa's starter bot once (rasa init --no-prompt) into var/starter/ ...")
    start = time.monotonic()
    subprocess.run(
        [str(RASA), "init", "--no-prompt", "--init-dir", str(STARTER_DIR)],
        cwd=PROJECT_ROOT,
        env={**os.environ, "RASA_TELEMETRY_ENABLED": "false"},
        stdout=subprocess.DEVNULL,
        check=True,
    )
    seconds = time.monotonic() - start
    stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    TRAINING_RECORD.write_text(f"{seconds:.0f} {stamp}\n")
    trained = model()
    if trained is None:
        raise RuntimeError("rasa init did not write a model into var/starter/models/")
    return trained


def command(port: int) -> list[str]:
    """`rasa run --enable-api` for the starter bot on `port`, run from var/starter/."""
    return [str(RASA), "run", "--enable-api", "--port", str(port), "--model", "models"]


if __name__ == "__main__":
    print(ensure_trained())
