"""Rasa's calls to the action server: retried when that is safe, never silent, and cheap.

`install()` runs in the Rasa server before Rasa starts (bot/rasa_server.py) and changes three
of Rasa's methods:

- `EndpointConfig.request` writes the domain of an action call as JSON once per domain, not
  on every call: where Rasa sends the domain (about 140 kB of JSON; only to the actions
  marked `send_domain` in domain.yml), `json.dumps` of it took about 3 ms of the Rasa
  server's CPU per call (docs/profiling.md). The body is the same JSON object as Rasa's. It
  also tries a call again, at most len(RETRY_PAUSES) times after a short pause, when the
  connection failed or was closed under it: the server could not be reached, it closed the
  (keep-alive) connection, or writing the request failed ("Cannot write to closing
  transport"). An HTTP error status, a timeout or a bad answer is never
  retried: the action may have run, and may still be running. A call that was sent and
  then lost its connection may have run: the actions store their answers idempotently
  (bot/storage/plans.py: one answer per plan and question, one empty plan per
  conversation, no version that repeats the last one).
- `RemoteAction.run`: when an action cannot be done (the action server is down, answers
  with an error, or its action failed and it answered with FAILED_TEXT), the person gets
  FAILED_TEXT once (bot.turn_failure) and the action counts as failed, so Rasa keeps none
  of its events: a form does not accept an answer its validation never stored, and the
  same answer can be given again later.
- `RemoteAction._validate_action_result` checks the action server's answer against Rasa's
  schema with a validator made once. Rasa's own check (`jsonschema.validate`) first checks
  the schema itself against the JSON Schema meta-schema, on every action call: 60 ms of a
  turn's CPU on a busy two-core machine, a fifth of the Rasa server's time in a mixed
  conversation (docs/profiling.md). An answer that does not fit still goes through Rasa's
  own check, which raises its own error.
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp

from bot.action_server import FAILED_TEXT
from bot.turn_failure import tell_failure

logger = logging.getLogger("bot.action_calls")

RETRY_PAUSES = (0.1, 0.4)  # seconds before the second and the third try


class ActionFailed(Exception):
    """The action server ran the action, and the action failed (it said FAILED_TEXT)."""


def safe_to_retry(error: BaseException) -> bool:
    """Whether a failed call may be sent again: only a connection that failed or closed.

    aiohttp's ServerTimeoutError is a ServerConnectionError too, but a timeout means the
    server has the request: never again."""
    if isinstance(error, asyncio.TimeoutError):
        return False
    return isinstance(
        error,
        (aiohttp.ClientConnectorError, aiohttp.ServerDisconnectedError, aiohttp.ClientOSError),
    )


def with_retries(request: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
    """`request` tried again after RETRY_PAUSES when `safe_to_retry` says so."""

    @functools.wraps(request)
    async def retrying(*args: Any, **kwargs: Any) -> Any:
        for pause in RETRY_PAUSES:
            try:
                return await request(*args, **kwargs)
            except Exception as error:
                if not safe_to_retry(error):
                    raise
                logger.warning("Action server call failed (%s); trying again", type(error).__name__)
            await asyncio.sleep(pause)
        return await request(*args, **kwargs)

    return retrying


class DomainJson:
    """The JSON text of the last domain seen. Rasa passes the same dict (`Domain.as_dict()`,
    the domain's own data) in every call, and a new one after a new model is loaded."""

    def __init__(self) -> None:
        self._domain: dict[str, Any] | None = None
        self._text = ""

    def __call__(self, domain: dict[str, Any]) -> str:
        if domain is not self._domain:
            self._text = json.dumps(domain)
            self._domain = domain  # kept, so that its id is never another dict's
        return self._text


domain_json = DomainJson()


def action_call_body(payload: dict[str, Any]) -> bytes:
    """The JSON of an action call, with the domain's text from `domain_json`."""
    rest = json.dumps({key: value for key, value in payload.items() if key != "domain"})
    separator = "" if rest == "{}" else ", "
    return f'{rest[:-1]}{separator}"domain": {domain_json(payload["domain"])}}}'.encode()


def domain_written_once(request: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
    """EndpointConfig.request that sends an action call (a JSON body with the next action and
    a domain) as `action_call_body`; any other request as it came."""

    @functools.wraps(request)
    async def send(*args: Any, **kwargs: Any) -> Any:
        payload = kwargs.get("json")
        if isinstance(payload, dict) and "next_action" in payload and "domain" in payload:
            kwargs = {key: value for key, value in kwargs.items() if key != "json"}
            kwargs["data"] = action_call_body(payload)
        return await request(*args, **kwargs)

    return send


def said_failure(events: list[Any]) -> bool:
    return any(getattr(event, "text", None) == FAILED_TEXT for event in events or [])


def never_silent(run: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
    """RemoteAction.run that tells the person when the action could not be done."""
    from rasa.core.actions.action import ActionExecutionRejection

    @functools.wraps(run)
    async def run_or_tell(self: Any, output_channel: Any, nlg: Any, tracker: Any, domain: Any):
        try:
            events = await run(self, output_channel, nlg, tracker, domain)
        except ActionExecutionRejection:
            raise  # not a failure: the action declines, another one is predicted
        except Exception:
            await tell_failure(output_channel, tracker.sender_id)
            raise
        if said_failure(events):
            await tell_failure(output_channel, tracker.sender_id)
            raise ActionFailed(f"Action {self.name()} failed in the action server")
        return events

    return run_or_tell


@functools.cache
def response_validator() -> Any:
    """A validator of Rasa's schema for the action server's answer, made (and the schema
    checked) once: the schema is a constant of Rasa's."""
    from jsonschema.validators import validator_for  # type: ignore[import-untyped]
    from rasa.core.actions.action import RemoteAction

    schema = RemoteAction.action_response_format_spec()
    validator_class = validator_for(schema)  # what jsonschema.validate would use
    validator_class.check_schema(schema)
    return validator_class(schema)


def validated_once(validate: Callable[[Any, Any], bool]) -> Callable[[Any, Any], bool]:
    """RemoteAction._validate_action_result without checking the schema on every call."""

    @functools.wraps(validate)
    def validate_quickly(self: Any, result: Any) -> bool:
        if response_validator().is_valid(result):
            return True
        return validate(self, result)  # raises Rasa's ValidationError with Rasa's message

    return validate_quickly


def install() -> None:
    from rasa.core.actions.action import RemoteAction
    from rasa.utils.endpoints import EndpointConfig

    EndpointConfig.request = with_retries(domain_written_once(EndpointConfig.request))
    RemoteAction.run = never_silent(RemoteAction.run)
    RemoteAction._validate_action_result = validated_once(RemoteAction._validate_action_result)
