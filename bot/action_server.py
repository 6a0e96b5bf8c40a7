"""The action server: rasa_sdk's, with its own answer to an action that fails.

rasa_sdk answers a failing action with HTTP 500 and the whole request in the body (the
tracker: every message, every slot); Rasa then logs that body with its stack trace, and
the person hears nothing. Here the log gets one line with the action's name and the
exception's type, and Rasa gets a normal answer: no events, one short message.

Run as `python -m bot.action_server --port PORT --actions actions` (the Procfile does), with
the options of `rasa run actions`. It binds to SANIC_HOST (set by bot/config.py).
"""

from __future__ import annotations

import logging
import os
import re
import sys
from typing import Any

from rasa_sdk import utils
from rasa_sdk.constants import APPLICATION_ROOT_LOGGER_NAME
from rasa_sdk.endpoint import create_app as create_sdk_app
from rasa_sdk.endpoint import create_argument_parser, create_ssl_context
from rasa_sdk.plugin import plugin_manager
from sanic import Sanic, response
from sanic.exceptions import SanicException
from sanic.request import Request
from sanic.response import HTTPResponse

logger = logging.getLogger("bot.action_server")  # also when run as __main__

# Said by the action server itself, not by a response of the model's domain: it must reach
# the person whatever failed, also with a model trained on another domain.yml.
FAILED_TEXT = "Er ging even iets mis. Je antwoorden zijn bewaard; probeer het zo opnieuw."
ACTION_NAME = re.compile(r"[A-Za-z0-9_]{1,80}")
DEFAULT_HOST = "127.0.0.1"


def action_name(request: Request) -> str | None:
    """The name of the action Rasa asked for, if the request says one that is a name."""
    try:
        call = request.json
    except Exception:  # a body that is no JSON (or compressed): no name
        return None
    name = call.get("next_action") if isinstance(call, dict) else None
    return name if isinstance(name, str) and ACTION_NAME.fullmatch(name) else None


async def failed(request: Request, exception: Exception) -> HTTPResponse:
    """Sanic's handler for every exception the webhook does not handle itself."""
    if isinstance(exception, SanicException) and exception.status_code < 500:
        # A request Sanic refused (no such route, a body that is no JSON): no action ran.
        return response.json({"error": type(exception).__name__}, status=exception.status_code)
    name = action_name(request)
    logger.error("Action %s failed: %s", name or "(unknown)", type(exception).__name__)
    if name is None:
        return response.json({"error": type(exception).__name__}, status=500)
    return response.json({"events": [], "responses": [failure_message()]}, status=200)


def failure_message() -> dict[str, Any]:
    """One bot message, in the form rasa_sdk's CollectingDispatcher makes it."""
    return {
        "text": FAILED_TEXT,
        "buttons": [],
        "elements": [],
        "custom": {},
        "template": None,
        "response": None,
        "image": None,
        "attachment": None,
    }


def create_app(actions: str, cors_origins: Any = None, auto_reload: bool = False) -> Sanic:
    """rasa_sdk's app with `failed` in place of its exception handler."""
    app = create_sdk_app(actions, cors_origins=cors_origins, auto_reload=auto_reload)
    app.exception(Exception)(failed)
    return app


def main(argv: list[str] | None = None) -> None:
    """What `rasa run actions` does (rasa_sdk.__main__ and rasa_sdk.endpoint.run), with
    this module's app."""
    args = create_argument_parser().parse_args(argv)
    utils.configure_colored_logging(args.loglevel)
    utils.configure_file_logging(
        logging.getLogger(APPLICATION_ROOT_LOGGER_NAME),
        args.log_file,
        args.loglevel,
        args.logging_config_file,
    )
    logging.getLogger("matplotlib").setLevel(logging.WARNING)
    utils.update_sanic_log_level()
    app = create_app(args.actions or "actions", args.cors, args.auto_reload)
    plugin_manager().hook.attach_sanic_app_extensions(app=app)
    ssl = create_ssl_context(args.ssl_certificate, args.ssl_keyfile, args.ssl_password)
    host = os.environ.get("SANIC_HOST") or DEFAULT_HOST
    logger.info("Action server on %s://%s:%s", "https" if ssl else "http", host, args.port)
    app.run(host, args.port, ssl=ssl, workers=utils.number_of_sanic_workers())


if __name__ == "__main__":
    main(sys.argv[1:])
