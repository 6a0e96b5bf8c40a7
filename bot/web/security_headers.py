"""Security headers on every answer of the web app (issue 12, point 8).

- Content-Security-Policy: scripts, styles, images and connections only from this site;
  no inline script or style (the templates and scripts have none), no plugins, no <base>,
  forms only to this site. `frame-ancestors 'none'`: no other site may show a page in a
  frame, except the chat page itself for the sites in settings.frame_ancestors
  (WEGWIJZER_FRAME_ANCESTORS). The portal and the plan pages are never framed.
- X-Frame-Options DENY for older browsers (left out where the chat page may be framed).
- Referrer-Policy no-referrer, unless a page set its own (the portal: same-origin).
- X-Content-Type-Options nosniff.
- Server: only "Wegwijzer", never the aiohttp or Python version.

The headers are set in `on_response_prepare`, so they reach every answer that passes the
router: pages, JSON, files, the event streams and aiohttp's own error pages.
"""

from __future__ import annotations

import logging
import re

from aiohttp import web, web_response

from bot.config import Settings

log = logging.getLogger(__name__)

SERVER_NAME = "Wegwijzer"
# A source in frame-ancestors: an origin such as https://www.example.org, a host with a
# wildcard such as https://*.example.org, or 'self'. Nothing that could end the directive.
ANCESTOR_PATTERN = re.compile(r"^(?:'self'|[A-Za-z][A-Za-z0-9+.-]*://[A-Za-z0-9*.-]+(?::\d+)?)$")
CHAT_PAGE_PATH = "/"
BASE_POLICY = (
    "default-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
)


def allowed_ancestors(configured: tuple[str, ...]) -> tuple[str, ...]:
    """The configured frame ancestors that are well-formed sources; others are left out
    (and logged once), so a typo cannot change the rest of the policy."""
    allowed = tuple(source for source in configured if ANCESTOR_PATTERN.match(source))
    for source in configured:
        if source not in allowed:
            log.warning("WEGWIJZER_FRAME_ANCESTORS: %r is not an origin; left out.", source)
    return allowed


def content_security_policy(frame_ancestors: tuple[str, ...] = ()) -> str:
    """The policy; `frame_ancestors` are the origins that may frame the page (none: 'none')."""
    ancestors = " ".join(frame_ancestors) if frame_ancestors else "'none'"
    return "; ".join((*BASE_POLICY, f"frame-ancestors {ancestors}"))


def setup(app: web.Application, settings: Settings) -> None:
    """Set the security headers on every answer of `app`."""
    # aiohttp's own answers to requests it cannot even parse never reach the hook below;
    # without this they would still name the aiohttp and Python versions.
    web_response.SERVER_SOFTWARE = SERVER_NAME
    ancestors = allowed_ancestors(settings.frame_ancestors)
    framed_chat = content_security_policy(ancestors)
    never_framed = content_security_policy()

    async def add_headers(request: web.Request, response: web.StreamResponse) -> None:
        headers = response.headers
        headers["Server"] = SERVER_NAME
        headers["X-Content-Type-Options"] = "nosniff"
        headers.setdefault("Referrer-Policy", "no-referrer")
        if request.path == CHAT_PAGE_PATH and ancestors:
            headers["Content-Security-Policy"] = framed_chat
            headers.popall("X-Frame-Options", None)
        else:
            headers["Content-Security-Policy"] = never_framed
            headers["X-Frame-Options"] = "DENY"

    app.on_response_prepare.append(add_headers)  # type: ignore[arg-type]  # aiosignal typing
