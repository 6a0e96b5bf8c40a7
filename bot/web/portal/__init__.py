"""The support-worker portal under /portal (issue 10, point 4).

`setup(app, settings)` adds everything to the web app: the guard (login and CSRF) and the
private headers, the routes, and the portal's own HTTP client for Rasa's API.
- auth: login, logout and the guard
- queue_routes: the queue of the worker's teams
- case_routes: one case (summary, transcript, plan, notes)
- actions: claim, reply, hand back, close, notes and plan status
- audit_routes: the audit log for admins
- exports: the plan of a case as PDF, Word and JSON
- rasa_api: reading and changing a conversation's tracker through Rasa's HTTP API
"""

from __future__ import annotations

import aiohttp
from aiohttp import web

from bot.config import Settings
from bot.handoff.teams import load_teams
from bot.storage.models import utcnow
from bot.web.portal import actions, audit_routes, auth, case_routes, exports, queue_routes
from bot.web.portal.common import CLOCK, HTTP, SETTINGS, TEAMS

CASE = r"/portal/cases/{case_id:[A-Za-z0-9]{1,32}}"


async def _http_client(app: web.Application):
    app[HTTP] = aiohttp.ClientSession()
    yield
    await app[HTTP].close()


def setup(app: web.Application, settings: Settings) -> None:
    """Add the portal to the web app (after aiohttp_jinja2 is set up)."""
    app[SETTINGS] = settings
    app[TEAMS] = load_teams(settings.teams_file)
    app[CLOCK] = utcnow
    app.cleanup_ctx.append(_http_client)
    app.middlewares.append(auth.guard)
    router = app.router
    router.add_get("/portal/login", auth.login_page, name="portal_login")
    router.add_post("/portal/login", auth.login)
    router.add_post("/portal/logout", auth.logout, name="portal_logout")
    router.add_get("/portal", queue_routes.queue_page, name="portal_queue")
    router.add_get("/portal/queue-rows", queue_routes.queue_rows, name="portal_queue_rows")
    router.add_get(CASE, case_routes.case_page, name="portal_case")
    router.add_get(CASE + "/live", case_routes.live_part, name="portal_case_live")
    router.add_post(CASE + "/claim", actions.claim)
    router.add_post(CASE + "/reply", actions.reply)
    router.add_post(CASE + "/hand-back", actions.hand_back)
    router.add_post(CASE + "/close", actions.close)
    router.add_post(CASE + "/notes", actions.add_note)
    router.add_post(CASE + "/plan-status", actions.set_plan_status)
    router.add_get(CASE + exports.ROUTE, exports.export_plan, name="portal_plan_export")
    router.add_get("/portal/audit", audit_routes.audit_page, name="portal_audit")
