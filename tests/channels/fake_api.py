"""A local stand-in for the Telegram, Twilio and Facebook APIs, on 127.0.0.1.

The channels are configured with `FakeApi.url` as their API address; every request they
make is recorded (method, path, headers, query, form or JSON body) and answered the way
the platform answers, so the connectors' own clients are satisfied. Nothing leaves the
machine.
"""

from __future__ import annotations

import asyncio
import itertools
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

TELEGRAM_BOT_NAME = "wegwijzer_test_bot"
TELEGRAM_METHOD = re.compile(r"^/bot[^/]+/(\w+)$")
TWILIO_MESSAGES = re.compile(r"^/2010-04-01/Accounts/(\w+)/Messages\.json$")
FACEBOOK_MESSAGES = re.compile(r"^/v[\d.]+/me/messages$")


@dataclass(frozen=True)
class Call:
    """One request a channel made to the platform's API."""

    method: str
    path: str
    headers: dict[str, str]
    query: dict[str, str]
    form: dict[str, str] = field(default_factory=dict)
    json: Any = None

    @property
    def body(self) -> dict[str, Any]:
        """The JSON object or the form fields."""
        return self.json if isinstance(self.json, dict) else self.form

    @property
    def telegram_method(self) -> str | None:
        match = TELEGRAM_METHOD.match(self.path)
        return match.group(1) if match else None


class FakeApi:
    """The fake platform API server, running in its own thread until `stop()`."""

    def __init__(self, telegram_bot_name: str = TELEGRAM_BOT_NAME) -> None:
        self.telegram_bot_name = telegram_bot_name
        self._calls: list[Call] = []
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._loop = asyncio.new_event_loop()
        self._runner: web.AppRunner | None = None
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self.url = ""

    # --- running ---------------------------------------------------------------------------

    def start(self) -> FakeApi:
        self._thread.start()
        future = asyncio.run_coroutine_threadsafe(self._serve(), self._loop)
        port = future.result(timeout=30)
        self.url = f"http://127.0.0.1:{port}"
        return self

    async def _serve(self) -> int:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._answer)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        return int(self._runner.addresses[0][1])

    def stop(self) -> None:
        if self._runner is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(30)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=30)

    def __enter__(self) -> FakeApi:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()

    # --- what was asked --------------------------------------------------------------------

    def requests(
        self, path_contains: str = "", method: str | None = None, after: int = 0
    ) -> list[Call]:
        """The recorded calls (from number `after` on) whose path contains the text."""
        with self._lock:
            calls = self._calls[after:]
        return [
            c for c in calls if path_contains in c.path and (method is None or c.method == method)
        ]

    def mark(self) -> int:
        """A bookmark: pass it as `after` to look only at later calls."""
        with self._lock:
            return len(self._calls)

    def wait_for(
        self, predicate: Callable[[Call], bool], timeout: float = 60, after: int = 0
    ) -> Call:
        """The first call (from `after` on) that satisfies `predicate`, waiting for it."""
        deadline = time.monotonic() + timeout
        while True:
            for call in self.requests(after=after):
                if predicate(call):
                    return call
            if time.monotonic() > deadline:
                raise AssertionError(f"No such API call within {timeout} s")
            time.sleep(0.1)

    # --- answering -------------------------------------------------------------------------

    async def _answer(self, request: web.Request) -> web.Response:
        call = await self._record(request)
        telegram = TELEGRAM_METHOD.match(request.path)
        if telegram:
            return web.json_response({"ok": True, "result": self._telegram(telegram[1], call)})
        twilio = TWILIO_MESSAGES.match(request.path)
        if twilio and request.method == "POST":
            return web.json_response(self._twilio_message(twilio[1], call.form), status=201)
        if FACEBOOK_MESSAGES.match(request.path):
            recipient = (call.body.get("recipient") or {}).get("id", "")
            return web.json_response({"recipient_id": recipient, "message_id": self._id("m_")})
        return web.json_response({"error": "not found"}, status=404)

    async def _record(self, request: web.Request) -> Call:
        form: dict[str, str] = {}
        body: Any = None
        if request.content_type == "application/json":
            body = await request.json()
        elif request.can_read_body:
            form = {key: str(value) for key, value in (await request.post()).items()}
        call = Call(
            method=request.method,
            path=request.path,
            headers=dict(request.headers),
            query=dict(request.query),
            form=form,
            json=body,
        )
        with self._lock:
            self._calls.append(call)
        return call

    def _id(self, prefix: str = "") -> str:
        return f"{prefix}{next(self._ids)}"

    def _telegram(self, method: str, call: Call) -> Any:
        if method == "getMe":
            return {
                "id": 123456789,
                "is_bot": True,
                "first_name": "Wegwijzer",
                "username": self.telegram_bot_name,
            }
        if method == "sendMessage":
            return {
                "message_id": int(self._id()),
                "date": int(time.time()),
                "chat": {"id": int(call.body.get("chat_id", 0)), "type": "private"},
                "text": call.body.get("text", ""),
            }
        return True  # setWebhook, answerCallbackQuery, ...

    def _twilio_message(self, account_sid: str, form: dict[str, str]) -> dict[str, Any]:
        sid = "SM" + self._id().rjust(32, "0")
        now = time.strftime("%a, %d %b %Y %H:%M:%S +0000", time.gmtime())
        return {
            "sid": sid,
            "account_sid": account_sid,
            "to": form.get("To", ""),
            "from": form.get("From", ""),
            "body": form.get("Body", ""),
            "status": "queued",
            "num_segments": "1",
            "direction": "outbound-api",
            "date_created": now,
            "date_updated": now,
            "api_version": "2010-04-01",
            "uri": f"/2010-04-01/Accounts/{account_sid}/Messages/{sid}.json",
        }
