"""aiohttp application factory: the chat page, the chat proxy and the health check.

The browser never talks to Rasa directly: POST /chat/message passes the message on to
Rasa's REST channel, so Rasa and its token stay on 127.0.0.1. GET /chat/history (the
conversation so far) and GET /chat/events (a worker's replies, live) are in
bot.web.history and bot.web.live.

At the edge (issue 12): compressed bodies are refused (bot.web.compressed_bodies), each
client address may send settings.chat_messages_per_minute messages (bot.web.rate_limit),
the text is cleaned (bot.text_hygiene) and every answer carries the security headers
(bot.web.security_headers). Rasa gets the message with the token and, as metadata, a
keyed hash of the client address and the browser's earlier conversation ids.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from urllib.parse import urlsplit

import aiohttp
import aiohttp_jinja2
import jinja2
from aiohttp import web
from sqlalchemy.engine import Engine

from bot import retention
from bot.config import Settings
from bot.quiet_engine import create_quiet_engine
from bot.storage.keys import keyed_hash
from bot.text_hygiene import MAX_MESSAGE_CHARS, clean_text
from bot.web import health, history, live, plan_routes, portal, security_headers
from bot.web.compressed_bodies import SERVER_OPTIONS, refuse_compressed_bodies
from bot.web.rate_limit import RateLimiter

HERE = Path(__file__).resolve().parent
SENDER_PATTERN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
# How many earlier conversation ids of one browser go to Rasa with a message.
MAX_BROWSER_CONVERSATIONS = 20
RASA_TIMEOUT = aiohttp.ClientTimeout(total=30)
DEFAULT_PORTS = {"http": 80, "https": 443}

SETTINGS = web.AppKey("settings", Settings)
HTTP = web.AppKey("http", aiohttp.ClientSession)
ENGINE: web.AppKey[Engine | None] = web.AppKey("engine")
CHAT_LIMITER = web.AppKey("chat_limiter", RateLimiter)

# What the chat page shows when something goes wrong (plain Dutch, no technical words).
ERRORS = {
    "bad_request": "Dit bericht kon ik niet lezen. Probeer het opnieuw.",
    "too_long": (
        f"Je bericht is te lang. Schrijf het korter, in maximaal {MAX_MESSAGE_CHARS} tekens."
    ),
    "unavailable": "Wegwijzer is even niet bereikbaar. Probeer het over een paar minuten opnieuw.",
    "too_many": (
        "Je stuurt veel berichten kort na elkaar. Wacht {seconds} seconden. "
        "Verstuur je bericht dan opnieuw."
    ),
}


def _error(key: str, status: int, **values: object) -> web.Response:
    return web.json_response({"error": ERRORS[key].format(**values)}, status=status)


def _too_many(seconds: int) -> web.Response:
    response = _error("too_many", 429, seconds=seconds)
    response.headers["Retry-After"] = str(seconds)
    return response


def browser_conversations(value: object, sender: str) -> list[str]:
    """The browser's earlier conversation ids from the request: well-formed ids only,
    each once, not the current one, the last MAX_BROWSER_CONVERSATIONS."""
    if not isinstance(value, list):
        return []
    found: list[str] = []
    for item in value:
        if isinstance(item, str) and SENDER_PATTERN.match(item) and item != sender:
            if item not in found:
                found.append(item)
    return found[-MAX_BROWSER_CONVERSATIONS:]


def _client_id(request: web.Request) -> str:
    secret = request.app[SETTINGS].secret_key.encode("utf-8")
    return keyed_hash("client", request.remote or "", secret=secret)


def may_embed(origin: str, sources: tuple[str, ...]) -> bool:
    """Whether a site's `origin` (its Origin header) is one of the frame-ancestors
    `sources`: the same scheme (http also allows https), the same host (`*.` any
    subdomain) and the same port (none given: the scheme's default)."""
    seen = urlsplit(origin)
    try:
        seen_port = seen.port or DEFAULT_PORTS.get(seen.scheme)
    except ValueError:
        return False
    if not seen.hostname:
        return False
    for source in sources:
        if source == "'self'" or not security_headers.ANCESTOR_PATTERN.match(source):
            continue
        wanted = urlsplit(source)
        host = wanted.hostname or ""
        if not (seen.scheme == wanted.scheme or (wanted.scheme, seen.scheme) == ("http", "https")):
            continue
        if host.startswith("*."):
            same_host = seen.hostname.endswith(host[1:])
        else:
            same_host = seen.hostname == host
        if same_host and (wanted.port or DEFAULT_PORTS.get(seen.scheme)) == seen_port:
            return True
    return False


async def chat_page(request: web.Request) -> web.Response:
    """The chat page. `?embed=1`: shown in another site's dialog by static/embed.js (the
    template gets `embedded`). A site in WEGWIJZER_FRAME_ANCESTORS may read the page over
    CORS: that is how embed.js learns it may show the frame instead of a link."""
    embedded = request.query.get("embed") == "1"
    response = aiohttp_jinja2.render_template("chat.html", request, {"embedded": embedded})
    origin = request.headers.get("Origin", "")
    if origin and may_embed(origin, request.app[SETTINGS].frame_ancestors):
        response.headers["Access-Control-Allow-Origin"] = origin
    response.headers["Vary"] = "Origin"
    return response


async def chat_message(request: web.Request) -> web.Response:
    wait = request.app[CHAT_LIMITER].hit(request.remote or "")
    if wait:
        return _too_many(wait)
    try:
        body = await request.json()
    except web.HTTPRequestEntityTooLarge:
        return _error("too_long", 413)
    except (ValueError, UnicodeDecodeError, RecursionError):  # deep nesting: RecursionError
        return _error("bad_request", 400)
    if not isinstance(body, dict):
        return _error("bad_request", 400)
    sender, message = body.get("sender"), body.get("message")
    if not isinstance(sender, str) or not SENDER_PATTERN.match(sender):
        return _error("bad_request", 400)
    if not isinstance(message, str):
        return _error("bad_request", 400)
    if len(message) > MAX_MESSAGE_CHARS:
        return _error("too_long", 413)

    settings = request.app[SETTINGS]
    url = f"{settings.rasa_url}/webhooks/rest/webhook"
    forwarded = {
        "sender": sender,
        "message": clean_text(message),
        "metadata": {
            "client_id": _client_id(request),
            "browser_conversations": browser_conversations(
                body.get("browser_conversations"), sender
            ),
        },
    }
    try:
        async with request.app[HTTP].post(
            url,
            json=forwarded,
            headers={"Authorization": f"Bearer {settings.rasa_token}"},
            timeout=RASA_TIMEOUT,
        ) as response:
            if response.status != 200:
                return _error("unavailable", 503)
            replies = await response.json()
    except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
        return _error("unavailable", 503)
    return web.json_response({"messages": replies})


async def healthz(request: web.Request) -> web.Response:
    settings = request.app[SETTINGS]
    session = request.app[HTTP]
    rasa, actions, database = await asyncio.gather(
        health.rasa_up(session, settings.rasa_url, settings.rasa_token),
        health.actions_up(session, settings.action_url),
        health.database_up(request.app[ENGINE]),
    )
    components = {
        "rasa": "up" if rasa else "down",
        "actions": "up" if actions else "down",
        "database": "up" if database else "down",
    }
    all_up = all(state == "up" for state in components.values())
    return web.json_response(
        {"status": "up" if all_up else "down", "components": components},
        status=200 if all_up else 503,
    )


async def _resources(app: web.Application):
    app[HTTP] = aiohttp.ClientSession()
    try:
        app[ENGINE] = create_quiet_engine(app[SETTINGS].db_url, future=True, pool_pre_ping=True)
    except Exception:  # an unusable URL: the page still works, /healthz says "down"
        app[ENGINE] = None
    yield
    await app[HTTP].close()
    engine = app[ENGINE]
    if engine is not None:
        engine.dispose()


def create_app(settings: Settings) -> web.Application:
    app = web.Application(client_max_size=64 * 1024, middlewares=[refuse_compressed_bodies])
    app[SETTINGS] = settings
    app[CHAT_LIMITER] = RateLimiter(settings.chat_messages_per_minute)
    security_headers.setup(app, settings)
    aiohttp_jinja2.setup(
        app,
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=jinja2.select_autoescape(["html"]),
    )
    app[aiohttp_jinja2.static_root_key] = "/static"
    app.cleanup_ctx.append(_resources)
    app.cleanup_ctx.append(retention.purge_in_background)
    app.router.add_get("/", chat_page, name="chat")
    app.router.add_post("/chat/message", chat_message)
    app.router.add_get("/chat/history", history.chat_history)
    app.router.add_get("/healthz", healthz)
    app.router.add_static("/static", HERE / "static", name="static")
    plan_routes.setup(app, settings)
    portal.setup(app, settings)
    live.setup(app)
    return app


async def _serve(settings: Settings) -> None:
    # web.run_app takes no server options, so this is its loop with SERVER_OPTIONS (no
    # inflating of compressed bodies in the HTTP parser).
    runner = web.AppRunner(create_app(settings), handle_signals=True, **SERVER_OPTIONS)
    await runner.setup()
    try:
        await web.TCPSite(runner, settings.web_host, settings.web_port).start()
        print(f"Wegwijzer chat: {settings.web_url}/", flush=True)
        while True:
            await asyncio.sleep(3600)
    finally:
        await runner.cleanup()


def serve(settings: Settings) -> None:
    """Run the web app until SIGINT or SIGTERM."""
    try:
        asyncio.run(_serve(settings))
    except (web.GracefulExit, KeyboardInterrupt):
        pass
