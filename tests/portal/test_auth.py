"""Logging in and out of the portal, the guard, CSRF, rate limits, sessions (issue 10, 9)."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import timedelta

import pytest

from bot import processes
from bot.storage import audit_log, db, login_limits
from bot.web.portal.auth import COOKIE, LOGIN_CSRF_COOKIE, safe_next
from tests.portal.conftest import PASSWORD, csrf_of, login, make_portal, session_cookie
from tests.storage import database_text

ACTIONS = ["claim", "reply", "hand-back", "close", "notes", "plan-status"]


def audit_actions(db_url: str) -> list[str]:
    with db.session(db_url) as session:
        return [entry.action for entry in audit_log.entries(session)]


async def test_the_login_page_is_dutch_and_labelled(portal):
    client = await portal.client()

    response = await client.get("/portal/login")
    html = await response.text()

    assert response.status == 200
    assert '<html lang="nl">' in html
    assert '<a class="skip-link" href="#inhoud">' in html
    assert '<label for="username">Gebruikersnaam</label>' in html
    assert '<label for="password">Wachtwoord</label>' in html
    assert html.count("<h1") == 1
    assert csrf_of(html) == response.cookies[LOGIN_CSRF_COOKIE].value
    assert response.headers["Cache-Control"] == "no-store"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


async def test_login_with_the_right_password(portal):
    worker_id = portal.add_worker("an")
    client = await portal.client()

    response = await login(client, "an", PASSWORD)

    assert response.status == 303
    assert response.headers["Location"] == "/portal"
    cookie = response.cookies[COOKIE]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Strict"
    assert cookie["path"] == "/portal"
    assert not cookie["secure"]  # switched off for plain-http tests only
    queue = await client.get("/portal")
    assert queue.status == 200
    assert "Aangemeld als An" in await queue.text()
    with db.session(portal.db_url) as session:
        entry = audit_log.entries(session, action=audit_log.LOGIN)[0]
    assert entry.worker_id == worker_id


async def test_the_cookies_are_secure_by_default(aiohttp_client, portal):
    secure = make_portal(aiohttp_client, replace(portal.settings, portal_secure_cookie=True))
    secure.add_worker("an")
    client = await secure.client()
    form_page = await client.get("/portal/login")
    assert form_page.cookies[LOGIN_CSRF_COOKIE]["secure"] is True
    token = csrf_of(await form_page.text())

    # The test client speaks plain http, so it would not send a Secure cookie itself.
    response = await client.post(
        "/portal/login",
        data={"username": "an", "password": PASSWORD, "csrf_token": token},
        headers={"Cookie": f"{LOGIN_CSRF_COOKIE}={token}"},
        allow_redirects=False,
    )

    assert response.status == 303
    cookie = response.cookies[COOKIE]
    assert cookie["secure"] is True
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Strict"


async def test_a_wrong_password_is_refused_in_dutch(portal):
    portal.add_worker("an")
    client = await portal.client()

    response = await login(client, "an", "fout-wachtwoord-123")
    html = await response.text()

    assert response.status == 401
    assert "De gebruikersnaam of het wachtwoord klopt niet." in html
    assert COOKIE not in response.cookies
    assert 'value="an"' in html  # the username stays filled in
    assert (await client.get("/portal", allow_redirects=False)).status == 303
    assert audit_log.LOGIN_FAILED in audit_actions(portal.db_url)


async def test_empty_fields_get_a_message_next_to_the_field(portal):
    client = await portal.client()

    response = await login(client, "", "")
    html = await response.text()

    assert response.status == 400
    assert 'aria-describedby="username-fout"' in html
    assert '<p class="field-error" id="password-fout">Vul je wachtwoord in.</p>' in html
    assert '<a href="#username">Vul je gebruikersnaam in.</a>' in html


async def test_too_many_failures_for_one_account(portal):
    portal.add_worker("an")
    client = await portal.client()
    for _ in range(login_limits.ACCOUNT_MAX_FAILURES):
        assert (await login(client, "an", "fout-wachtwoord-123")).status == 401

    response = await login(client, "an", PASSWORD)  # even the right password

    assert response.status == 429
    assert "Te veel pogingen. Probeer het over 15 minuten opnieuw." in await response.text()
    assert int(response.headers["Retry-After"]) > 14 * 60
    assert COOKIE not in response.cookies


async def test_too_many_failures_from_one_client(portal):
    portal.add_worker("an")
    client = await portal.client()
    moment = portal.clock()
    with db.session(portal.db_url) as session:
        for number in range(login_limits.CLIENT_MAX_FAILURES):
            login_limits.record_attempt(
                session, f"gok-{number}", "127.0.0.1", False, moment - timedelta(minutes=5)
            )

    response = await login(client, "an", PASSWORD)

    assert response.status == 429
    assert "Te veel pogingen. Probeer het over 10 minuten opnieuw." in await response.text()


async def test_every_login_makes_a_new_session(portal):
    portal.add_worker("an")
    client = await portal.client()
    first = (await login(client, "an", PASSWORD)).cookies[COOKIE].value

    second = (await login(client, "an", PASSWORD)).cookies[COOKIE].value

    assert first and second and first != second
    stale = await portal.client()
    stale.session.cookie_jar.update_cookies({COOKIE: first})
    assert (await stale.get("/portal", allow_redirects=False)).status == 303
    assert (await client.get("/portal", allow_redirects=False)).status == 200


async def test_a_session_planted_before_login_is_not_kept(portal):
    portal.add_worker("an")
    client = await portal.client()
    client.session.cookie_jar.update_cookies({COOKIE: "planted-by-someone-else"})

    response = await login(client, "an", PASSWORD)

    assert response.status == 303
    assert response.cookies[COOKIE].value not in ("", "planted-by-someone-else")


async def test_an_idle_session_expires(portal):
    client, _ = await portal.logged_in("an")
    assert (await client.get("/portal", allow_redirects=False)).status == 200

    portal.clock.offset = timedelta(minutes=portal.settings.portal_idle_minutes + 1)
    response = await client.get("/portal/audit", allow_redirects=False)

    assert response.status == 303
    assert response.headers["Location"] == "/portal/login?next=%2Fportal%2Faudit"


async def test_use_keeps_a_session_alive(portal):
    client, _ = await portal.logged_in("an")
    idle = portal.settings.portal_idle_minutes
    for step in range(1, 4):
        portal.clock.offset = timedelta(minutes=(idle - 1) * step)
        assert (await client.get("/portal", allow_redirects=False)).status == 200


@pytest.mark.parametrize(
    "path", ["/portal", "/portal/cases/abc123", "/portal/audit", "/portal/nothing-here"]
)
async def test_every_page_without_a_session_goes_to_the_login(portal, path):
    client = await portal.client()

    response = await client.get(path, allow_redirects=False)

    assert response.status == 303
    assert response.headers["Location"].startswith("/portal/login")


@pytest.mark.parametrize("action", ACTIONS)
async def test_every_action_without_a_session_goes_to_the_login(portal, action):
    case_id = portal.add_case()
    client = await portal.client()

    response = await client.post(
        f"/portal/cases/{case_id}/{action}", data={"text": "x"}, allow_redirects=False
    )

    assert response.status == 303
    assert response.headers["Location"] == "/portal/login"
    assert portal.case(case_id).status == "nieuw"


async def test_logout_without_a_session_goes_to_the_login(portal):
    client = await portal.client()

    response = await client.post("/portal/logout", allow_redirects=False)

    assert response.status == 303
    assert response.headers["Location"] == "/portal/login"


async def test_the_login_page_says_to_log_in_when_sent_there(portal):
    client = await portal.client()

    response = await client.get("/portal/cases/abc123")  # follows the redirect

    html = await response.text()
    assert "Meld je aan om verder te gaan." in html
    assert 'name="next" value="/portal/cases/abc123"' in html


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("token", [None, "", "wrong-token"])
async def test_a_form_without_the_csrf_token_is_refused(portal, action, token):
    case_id = portal.add_case()
    client, _ = await portal.logged_in("an")
    data = {"text": "Hallo", "outcome": "klaar", "part": "algemeen", "plan_status": "besproken"}
    if token is not None:
        data["csrf_token"] = token

    response = await client.post(f"/portal/cases/{case_id}/{action}", data=data)

    assert response.status == 403
    assert "Dit formulier is verlopen" in await response.text()
    found = portal.case(case_id)
    assert (found.status, found.plan_status) == ("nieuw", "ontwerp")


async def test_logout_needs_the_csrf_token_and_ends_the_session(portal):
    client, csrf = await portal.logged_in("an")
    token = session_cookie(client)

    refused = await client.post("/portal/logout", data={"csrf_token": "wrong"})
    assert refused.status == 403
    response = await client.post("/portal/logout", data={"csrf_token": csrf}, allow_redirects=False)

    assert response.status == 303
    assert response.headers["Location"] == "/portal/login?afgemeld=1"
    stale = await portal.client()
    stale.session.cookie_jar.update_cookies({COOKIE: token})
    assert (await stale.get("/portal", allow_redirects=False)).status == 303
    assert audit_log.LOGOUT in audit_actions(portal.db_url)


async def test_a_login_without_its_csrf_token_is_refused(portal):
    portal.add_worker("an")
    client = await portal.client()
    await client.get("/portal/login")

    response = await client.post(
        "/portal/login",
        data={"username": "an", "password": PASSWORD, "csrf_token": "not-the-cookie"},
        allow_redirects=False,
    )

    assert response.status == 403
    assert COOKIE not in response.cookies


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/portal",
        "//evil.example/portal",
        "/\\evil.example",
        "\\\\evil.example",
        "/portalevil",
        "http:/portal",
        "javascript:alert(1)",
        "/portal/../plan/x",
        "/plan/abc",
        "/portal\n/x",
        "/portal/login",
    ],
)
async def test_no_open_redirect_after_login(portal, target):
    portal.add_worker("an")
    client = await portal.client()

    response = await login(client, "an", PASSWORD, next_path=target)

    assert response.status == 303
    assert response.headers["Location"] == "/portal"


async def test_a_portal_path_is_followed_after_login(portal):
    portal.add_worker("an")
    client = await portal.client()

    response = await login(client, "an", PASSWORD, next_path="/portal/audit?voor=5")

    assert response.headers["Location"] == "/portal/audit?voor=5"


def test_safe_next_keeps_only_portal_paths():
    assert safe_next("/portal/cases/abc") == "/portal/cases/abc"
    assert safe_next("/portal") == "/portal"
    assert safe_next(None) == "/portal"
    assert safe_next("https://evil.example") == "/portal"


async def test_passwords_never_reach_a_log(portal, caplog):
    caplog.set_level(logging.DEBUG)
    portal.add_worker("an")
    client = await portal.client()
    wrong = "verkeerd-geheim-4711"

    await login(client, "an", wrong)
    await login(client, "an", PASSWORD)
    await client.get("/portal")

    assert caplog.records  # the access log and others did write something
    assert PASSWORD not in caplog.text and wrong not in caplog.text
    stored = " ".join(value for _, _, value in database_text(portal.db_url))
    assert PASSWORD not in stored and wrong not in stored


async def test_an_unreachable_database_gets_a_dutch_page(aiohttp_client, portal):
    closed_port = processes.free_port()
    settings = replace(
        portal.settings, db_url=f"postgresql://postgres@127.0.0.1:{closed_port}/test"
    )
    client = await make_portal(aiohttp_client, settings).client()
    client.session.cookie_jar.update_cookies({COOKIE: "some-session"})

    page = await client.get("/portal")
    form = await login(client, "an", PASSWORD)

    assert page.status == form.status == 503
    assert "Het portaal werkt nu niet" in await page.text()
    assert PASSWORD not in await form.text()
