"""Start the Rasa server from the WEGWIJZER_* environment: `python -m bot.rasa_server`.

The Procfile runs this instead of `rasa run --auth-token ...`, so that the token is never
on a command line, where `ps` and /proc/<pid>/cmdline show it to every user of the
machine. The arguments are built here and handed to Rasa's own command line parser inside
this process: changing `sys.argv` does not change what the kernel shows for the process.
The REST channel (bot/channels/rest.py) reads the same token from the environment.
"""

from __future__ import annotations

import os
import sys

from bot.channels.credentials import credentials_path, write_credentials
from bot.config import (
    HALF_CONFIGURED_EXIT,
    PROJECT_ROOT,
    Settings,
    channel_problem,
    load_settings,
)


def rasa_arguments(settings: Settings) -> list[str]:
    """`rasa run` with the API (behind the token) and the channels that are on.

    The channels come from the file `write_credentials` makes from the settings
    (bot/channels/credentials.py), not from the repository's credentials.yml.

    No --cors: only the web app talks to Rasa, server to server; a browser on another
    site gets no CORS headers and so cannot send the token's header or read a reply."""
    return [
        "rasa",
        "run",
        "--enable-api",
        "--auth-token",
        settings.rasa_token,
        "--interface",
        settings.rasa_host,
        "--port",
        str(settings.rasa_port),
        "--model",
        settings.model_path,
        "--endpoints",
        str(PROJECT_ROOT / "endpoints.yml"),
        "--credentials",
        str(credentials_path(settings)),
    ]


def main() -> None:
    settings = load_settings()
    problem = channel_problem(settings)
    if problem:
        print(problem, file=sys.stderr)
        raise SystemExit(HALF_CONFIGURED_EXIT)
    from bot.channels.rest import TOKEN_VARIABLE  # imports Rasa: after the quick checks

    # A generated token (none given) must be the one the REST channel checks too.
    os.environ[TOKEN_VARIABLE] = settings.rasa_token
    credentials = write_credentials(settings)
    sys.argv = rasa_arguments(settings)

    from bot import action_calls, event_types, quiet_logs, turn_failure

    quiet_logs.install()  # before Rasa configures its logging
    action_calls.install()  # calls to the action server: retried when safe, never silent
    turn_failure.install()  # a database that fails fails the turn: no in-memory fallback
    event_types.install()  # each stored event's class looked up once per type, not walked
    from rasa.__main__ import main as rasa_main

    try:
        rasa_main()
    finally:  # Rasa read it at the start; the secrets need not stay on disk
        credentials.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
