"""Logging in and out of the portal, and the guard in front of every other portal page.

- Every request under /portal except the login page needs a live session: without one,
  the worker is sent to the login page (303), with `next` pointing back for a GET.
- Every POST needs the session's CSRF token in the form field `csrf_token` (403 without).
- The login form has its own CSRF token, in a short-lived cookie and the form (double
  submit), so no other site can log a worker in to an account of its choice.
- A login makes a new session token every time (no session fixation) and ends the session
  of the cookie the browser brought along.
- `next` is only followed when it is a path inside the portal (no open redirect).
- Logins are limited per account and per client address (bot.storage.login_limits).
The password is only handed to argon2; it is never logged or stored.
"""

from __future__ import annotations

import logging
import math
import secrets
from datetime import datetime
from urllib.parse import quote, urlsplit

from aiohttp import web
from sqlalchemy.exc import SQLAlchemyError

from bot.storage import audit_log, db, login_limits, portal_sessions, workers
from bot.web.portal.common import (
    LOGIN_PATH,
    PREFIX,
    VISITOR,
    Visitor,
    in_thread,
    now,
    problem,
    render,
    see_other,
    settings,
)

log = logging.getLogger(__name__)

COOKIE = "wegwijzer_portal"
LOGIN_CSRF_COOKIE = "wegwijzer_portal_login"
CSRF_FIELD = "csrf_token"
MAX_FIELD = 1024

MESSAGES = {
    "username": "Vul je gebruikersnaam in.",
    "password": "Vul je wachtwoord in.",
    "wrong": "De gebruikersnaam of het wachtwoord klopt niet. Probeer het opnieuw.",
    "logged_out": "Je bent afgemeld.",
    "expired": "Meld je aan om verder te gaan.",
}


def safe_next(target: str | None) -> str:
    """`target` when it is a path inside the portal, otherwise the queue."""
    if not target or len(target) > 2000:
        return PREFIX
    if any(ord(char) < 32 or char == "\\" for char in target):
        return PREFIX
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or target.startswith("//"):
        return PREFIX
    path = parts.path
    if not (path == PREFIX or path.startswith(PREFIX + "/")) or path == LOGIN_PATH:
        return PREFIX
    if "/../" in path or path.endswith("/.."):
        return PREFIX
    return target


def too_many_message(seconds: int) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    when = "1 minuut" if minutes == 1 else f"{minutes} minuten"
    return f"Te veel pogingen. Probeer het over {when} opnieuw."


def _client(request: web.Request) -> str:
    return request.remote or "onbekend"


def _set_cookie(response: web.StreamResponse, request: web.Request, name: str, value: str):
    response.set_cookie(
        name,
        value,
        path=PREFIX,
        httponly=True,
        samesite="Strict",
        secure=settings(request).portal_secure_cookie,
    )


def _forget_cookie(response: web.StreamResponse, name: str) -> None:
    response.del_cookie(name, path=PREFIX)


def _is_portal(path: str) -> bool:
    return path == PREFIX or path.startswith(PREFIX + "/")


# --- the guard ---------------------------------------------------------------------------


# What an open page asks by itself (the live queue, bot.web.live): no use of the session,
# so an unattended portal still ends after the idle time.
BACKGROUND_PATHS = frozenset({"/portal/events", "/portal/queue-rows"})


def _load_visitor(
    db_url: str,
    token: str | None,
    moment: datetime,
    idle_minutes: int,
    submitted: str | None,
    touch: bool = True,
) -> tuple[Visitor | None, bool]:
    """The worker of the session (touched now, unless `touch` is False) and whether
    `submitted` is its CSRF token."""
    with db.session(db_url) as session:
        row = portal_sessions.session_for_token(session, token, moment, idle_minutes=idle_minutes)
        if row is None:
            return None, False
        worker = workers.worker_by_id(session, row.worker_id)
        if worker is None:
            return None, False
        if touch:
            portal_sessions.touch(session, row, moment)
        found = Visitor(
            worker_id=worker.id,
            username=worker.username,
            display_name=worker.display_name,
            role=worker.role,
            team_ids=tuple(workers.teams_of(session, worker.id)),
            csrf_token=row.csrf_token,
        )
        return found, portal_sessions.csrf_valid(row, submitted)


def _to_login(request: web.Request) -> web.Response:
    location = LOGIN_PATH
    if request.method == "GET" and request.path != PREFIX:
        location += "?next=" + quote(request.path_qs, safe="")
    response = see_other(location)
    if COOKIE in request.cookies:
        _forget_cookie(response, COOKIE)
    return response


async def _form_field(request: web.Request, name: str) -> str | None:
    form = await request.post()
    value = form.get(name)
    return value if isinstance(value, str) else None


@web.middleware
async def guard(request: web.Request, handler):
    """Only a logged-in worker passes, and a POST only with the session's CSRF token.
    Every portal answer gets the private headers."""
    if not _is_portal(request.path):
        return await handler(request)
    try:
        response = await _guarded(request, handler)
    except SQLAlchemyError as error:
        log.warning("The portal could not use the database: %s", type(error).__name__)
        response = problem(request, "unavailable")
    private_headers(response)
    return response


async def _guarded(request: web.Request, handler) -> web.StreamResponse:
    if request.path == LOGIN_PATH:
        return await handler(request)
    submitted = await _form_field(request, CSRF_FIELD) if request.method == "POST" else None
    found, csrf_ok = await in_thread(
        _load_visitor,
        settings(request).db_url,
        request.cookies.get(COOKIE),
        now(request),
        settings(request).portal_idle_minutes,
        submitted,
        request.path not in BACKGROUND_PATHS,
    )
    if found is None:
        return _to_login(request)
    request[VISITOR] = found
    if request.method not in ("GET", "HEAD") and not csrf_ok:
        return problem(request, "csrf")
    try:
        return await handler(request)
    except web.HTTPNotFound:
        return problem(request, "not_found")


def private_headers(response: web.StreamResponse) -> None:
    """Portal pages are never cached, framed or sent on as referrer."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["Content-Security-Policy"] = (
        "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
    )


# --- login and logout --------------------------------------------------------------------


def _login_form(
    request: web.Request,
    *,
    next_path: str,
    status: int = 200,
    errors: dict[str, str] | None = None,
    message: str | None = None,
    username: str = "",
) -> web.Response:
    login_csrf = request.cookies.get(LOGIN_CSRF_COOKIE) or secrets.token_urlsafe(32)
    response = render(
        request,
        "login.html",
        {
            "csrf_token": login_csrf,
            "next": next_path,
            "errors": errors or {},
            "message": message,
            "username": username,
        },
        status=status,
    )
    _set_cookie(response, request, LOGIN_CSRF_COOKIE, login_csrf)
    return response


async def login_page(request: web.Request) -> web.Response:
    message = None
    if request.query.get("afgemeld") == "1":
        message = MESSAGES["logged_out"]
    elif "next" in request.query:
        message = MESSAGES["expired"]
    return _login_form(request, next_path=safe_next(request.query.get("next")), message=message)


def _try_login(
    db_url: str, username: str, password: str, client: str, moment: datetime, old: str | None
) -> tuple[str, str | int | None]:
    """("ok", token), ("wrong", None) or ("limited", seconds to wait)."""
    with db.session(db_url) as session:
        decision = login_limits.login_allowed(session, username, client, moment)
        if not decision.allowed:
            audit_log.record(
                session,
                audit_log.LOGIN_FAILED,
                detail=f"te veel pogingen ({decision.limited_by})",
                now=moment,
            )
            return "limited", decision.retry_after_seconds
        worker = workers.authenticate(session, username, password)
        login_limits.record_attempt(session, username, client, worker is not None, moment)
        if worker is None:
            audit_log.record(session, audit_log.LOGIN_FAILED, now=moment)
            return "wrong", None
        portal_sessions.end_session(session, old)
        new = portal_sessions.create_session(session, worker.id, moment)
        audit_log.record(session, audit_log.LOGIN, worker_id=worker.id, now=moment)
        return "ok", new.token


async def login(request: web.Request) -> web.Response:
    form = await request.post()
    fields = {
        name: value if isinstance(value, str) else ""
        for name in ("username", "password", CSRF_FIELD, "next")
        for value in [form.get(name, "")]
    }
    next_path = safe_next(fields["next"])
    expected = request.cookies.get(LOGIN_CSRF_COOKIE)
    if not expected or not secrets.compare_digest(
        expected.encode("utf-8"), fields[CSRF_FIELD].encode("utf-8")
    ):
        return problem(request, "csrf")
    username = fields["username"].strip()[:MAX_FIELD]
    password = fields["password"]
    errors = {}
    if not username:
        errors["username"] = MESSAGES["username"]
    if not password:
        errors["password"] = MESSAGES["password"]
    if errors:
        return _login_form(
            request, next_path=next_path, status=400, errors=errors, username=username
        )
    outcome, value = await in_thread(
        _try_login,
        settings(request).db_url,
        username,
        password,
        _client(request),
        now(request),
        request.cookies.get(COOKIE),
    )
    if outcome == "limited":
        seconds = int(value or 1)
        response = _login_form(
            request,
            next_path=next_path,
            status=429,
            errors={"form": too_many_message(seconds)},
            username=username,
        )
        response.headers["Retry-After"] = str(seconds)
        return response
    if outcome == "wrong":
        return _login_form(
            request,
            next_path=next_path,
            status=401,
            errors={"form": MESSAGES["wrong"]},
            username=username,
        )
    response = see_other(next_path)
    _set_cookie(response, request, COOKIE, str(value))
    _forget_cookie(response, LOGIN_CSRF_COOKIE)
    return response


def _logout(db_url: str, token: str | None, worker_id: int) -> None:
    with db.session(db_url) as session:
        portal_sessions.end_session(session, token)
        audit_log.record(session, audit_log.LOGOUT, worker_id=worker_id)


async def logout(request: web.Request) -> web.Response:
    """POST only, behind the guard (so with the CSRF token)."""
    who: Visitor = request[VISITOR]
    await in_thread(_logout, settings(request).db_url, request.cookies.get(COOKIE), who.worker_id)
    response = see_other(LOGIN_PATH + "?afgemeld=1")
    _forget_cookie(response, COOKIE)
    return response
