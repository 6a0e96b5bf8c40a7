"""A stand-in for Rasa's REST webhook on 127.0.0.1: it records what the web app sends and
answers with scripted replies, so the web app's edge is tested without a model."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

WELCOME = {"text": "Hallo, ik ben Wegwijzer.", "buttons": [{"title": "Hallo", "payload": "/greet"}]}


@dataclass
class FakeRasa:
    """`replies[message]` is what a message gets (default: an echo); `received` holds every
    request as {"headers": ..., "body": ...}."""

    replies: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    received: list[dict[str, Any]] = field(default_factory=list)

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/webhooks/rest/webhook", self._webhook)
        app.router.add_get("/conversations/{sender}/tracker", self._tracker)
        return app

    async def _webhook(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.received.append({"headers": dict(request.headers), "body": body})
        message = body.get("message")
        if message == "/greet":
            return web.json_response([WELCOME])
        return web.json_response(self.replies.get(message, [{"text": f"Je schreef: {message}"}]))

    async def _tracker(self, request: web.Request) -> web.Response:
        sender = request.match_info["sender"]
        return web.json_response(
            {"sender_id": sender, "events": [], "latest_input_channel": "rest"}
        )

    def bodies(self) -> list[dict[str, Any]]:
        return [request["body"] for request in self.received]


async def start(aiohttp_server, settings, fake: FakeRasa | None = None) -> FakeRasa:
    """A fake Rasa listening where `settings` says Rasa is."""
    fake = fake or FakeRasa()
    await aiohttp_server(fake.app(), host=settings.rasa_host, port=settings.rasa_port)
    return fake
