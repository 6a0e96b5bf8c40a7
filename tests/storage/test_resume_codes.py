"""Resume codes: the word list, the format, finding codes in text, single use, revocation,
the stored HMAC, expiry and throttling per conversation, per client and installation-wide."""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from bot.intake_catalogue import CONSENT_TEXT_VERSION
from bot.storage import db, plans, resume_codes
from bot.storage.keys import keyed_hash
from bot.storage.models import ResumeCode
from bot.storage.resume_codes import (
    CLIENT_MAX_WRONG,
    CLIENT_WINDOW_MINUTES,
    GLOBAL_MAX_WRONG,
    GLOBAL_WINDOW_MINUTES,
    MAX_WRONG,
    THROTTLE_MINUTES,
    VALID_DAYS,
    WORDS,
    find_code,
    issue_code,
    redeem,
    wait_minutes,
)
from knowledge.reference import fold, municipalities, name_variants
from tests.storage import database_text, db_url_fixture  # noqa: F401

T0 = datetime(2026, 11, 24, 9, 30, tzinfo=timezone.utc)
CODE_FORMAT = re.compile(r"^[A-Z]{3,6}-[A-Z]{3,6}-[A-Z]{3,6}-\d{4}$")
NUMBER_WORDS = {
    "NUL", "EEN", "TWEE", "DRIE", "VIER", "VIJF", "ZES", "ZEVEN", "ACHT", "NEGEN", "TIEN",
    "ELF", "TWAALF", "HONDERD", "DUIZEND",
}  # fmt: skip


def sounds_like(word: str) -> str:
    """A rough sound key: letters that sound (nearly) alike in Dutch fall together."""
    for spelled, sound in (("CH", "G"), ("D", "T"), ("B", "P"), ("V", "F"), ("Z", "S")):
        word = word.replace(spelled, sound)
    return word.replace("C", "K")


def test_word_list_rules():
    assert len(WORDS) >= 120
    assert len(set(WORDS)) == len(WORDS)
    for word in WORDS:
        assert re.fullmatch(r"[A-Z]{3,6}", word), word
        assert not re.search("IJ|EI|AU|OU|Y", word), word
        assert word not in NUMBER_WORDS, word
    alike = [key for key, count in Counter(map(sounds_like, WORDS)).items() if count > 1]
    assert alike == []


def test_find_code_variants():
    for text in (
        "verder met zon maan ster 4821",
        "Zon-Maan-Ster-4821",
        "ZON MAAN STER4821",
        "zon-maan-ster 4821",
        "mijn code is: ZON - MAAN - STER - 4821.",
        "zon.maan.ster.4821",
        "ZON-MAAN-STER-4821",
    ):
        assert find_code(text) == "ZON-MAAN-STER-4821", text
    # Words that are not in the list still make a code, to be answered with "not found".
    assert find_code("verder met zon maan boom 4821") == "ZON-MAAN-BOOM-4821"
    assert find_code("verder met zonn maan ster 4821") == "ZONN-MAAN-STER-4821"
    for text in (
        "",
        "hallo",
        "4821",
        "zon 4821",
        "zon maan 4821",
        "zon maan ster 48211",
        "zon maan ster 482",
        "verder met mijn plan",
        "zonneschijn maan ster 4821x",
    ):
        assert find_code(text) is None, text


def test_the_code_space_makes_guessing_need_more_than_a_billion_tries():
    """The arithmetic of the module docstring, with the words as they are."""
    codes = math.perm(len(WORDS), 3) * 10**4
    alive = 200  # paused plans at the same moment the docstring is sized for
    assert codes / (alive + 1) > 10**9
    hours = codes / (alive + 1) / resume_codes.GLOBAL_MAX_WRONG
    assert resume_codes.GLOBAL_WINDOW_MINUTES == 60 and hours / (24 * 365) > 1000


def store_plan_with_code(db_url: str, now=T0) -> tuple[str, str]:
    with db.session(db_url) as session:
        plan_id = plans.create_plan(session, "gesprek-1", CONSENT_TEXT_VERSION, now=now).id
        code = issue_code(session, plan_id, now=now)
    return plan_id, code


def test_generated_codes_have_three_different_words_and_four_digits(db_url):
    with db.session(db_url) as session:
        plan = plans.create_plan(session, "gesprek-1", CONSENT_TEXT_VERSION, now=T0)
        codes = [issue_code(session, plan.id, now=T0) for _ in range(200)]
    assert len(set(codes)) == 200
    for code in codes:
        assert CODE_FORMAT.match(code), code
        first, second, third, _digits = code.split("-")
        assert {first, second, third} <= set(WORDS) and len({first, second, third}) == 3


def test_a_code_continues_the_plan_in_a_new_conversation_once(db_url):
    plan_id, code = store_plan_with_code(db_url)
    typed = f"verder met {code.replace('-', ' ').lower()}"  # as a person might type it
    later = T0 + timedelta(days=1)
    with db.session(db_url) as session:
        assert redeem(session, typed, "nieuw-1", now=later) == resume_codes.Redemption(
            "ok", plan_id
        )
        assert plans.plan_for_conversation(session, "nieuw-1").id == plan_id
    with db.session(db_url) as session:
        # Used: the code is gone, also for the same person in yet another conversation.
        assert redeem(session, code, "nieuw-2", now=later).status == "not_found"
        assert redeem(session, typed, "nieuw-1", now=later).status == "not_found"
        assert plans.plan_for_conversation(session, "nieuw-2") is None
        assert session.execute(select(ResumeCode)).scalars().all() == []


def test_a_new_code_revokes_the_earlier_ones(db_url):
    plan_id, first = store_plan_with_code(db_url)
    with db.session(db_url) as session:
        second = issue_code(session, plan_id, now=T0 + timedelta(hours=1))
        third = issue_code(session, plan_id, now=T0 + timedelta(hours=2))
    with db.session(db_url) as session:
        at = T0 + timedelta(hours=3)
        assert redeem(session, first, "nieuw-1", now=at).status == "not_found"
        assert redeem(session, second, "nieuw-2", now=at).status == "not_found"
        assert redeem(session, third, "nieuw-3", now=at) == resume_codes.Redemption("ok", plan_id)


def test_codes_of_other_plans_stay_valid(db_url):
    plan_a, code_a = store_plan_with_code(db_url)
    with db.session(db_url) as session:
        plan_b = plans.create_plan(session, "gesprek-b", CONSENT_TEXT_VERSION, now=T0).id
        code_b = issue_code(session, plan_b, now=T0)
    with db.session(db_url) as session:
        assert redeem(session, code_a, "nieuw-a", now=T0).plan_id == plan_a
        assert redeem(session, code_b, "nieuw-b", now=T0).plan_id == plan_b


def test_only_an_hmac_with_the_server_secret_is_stored(db_url):
    _plan_id, code = store_plan_with_code(db_url)
    stored = " ".join(value for _table, _column, value in database_text(db_url))
    assert code not in stored
    assert code.replace("-", " ").lower() not in stored
    # Not a plain hash anyone could compute for every code, but the HMAC with the secret.
    assert hashlib.sha256(code.encode("ascii")).hexdigest() not in stored
    assert keyed_hash("resume_code", code) in stored
    assert keyed_hash("resume_code", code, secret=b"x" * 32) not in stored


def test_code_expires_after_valid_days(db_url):
    _plan_id, code = store_plan_with_code(db_url)
    end = T0 + timedelta(days=VALID_DAYS)
    with db.session(db_url) as session:
        assert redeem(session, code, "nieuw-2", now=end) == resume_codes.Redemption("expired")
        assert plans.plan_for_conversation(session, "nieuw-2") is None
    with db.session(db_url) as session:
        assert redeem(session, code, "nieuw-1", now=end - timedelta(seconds=1)).status == "ok"


def test_throttled_after_wrong_attempts(db_url):
    with db.session(db_url) as session:
        plan_id = plans.create_plan(session, "gesprek-1", CONSENT_TEXT_VERSION, now=T0).id
        old_code = issue_code(session, plan_id, now=T0 - timedelta(days=VALID_DAYS + 1))
        other_plan = plans.create_plan(session, "gesprek-2", CONSENT_TEXT_VERSION, now=T0).id
        code = issue_code(session, other_plan, now=T0)
    guesser = "raden"
    with db.session(db_url) as session:
        assert redeem(session, "hallo", guesser, now=T0).status == "no_code"
    # QQ, XX and YY are no words of the list: such a code is never issued.
    wrong = [
        ("QQ-XX-YY-1234", "not_found"),
        (old_code, "expired"),
        ("qq xx yy 9999", "not_found"),
    ]
    with db.session(db_url) as session:
        for minute, (text, status) in enumerate(wrong):
            now = T0 + timedelta(minutes=minute)
            assert wait_minutes(session, guesser, now=now) == 0
            assert redeem(session, text, guesser, now=now).status == status
        assert len(wrong) == MAX_WRONG

        # Now even the right code is not looked at.
        at = T0 + timedelta(minutes=2, seconds=30)
        # The first wrong attempt leaves the window at T0 + 15 min: 12.5 min, rounded up.
        assert redeem(session, code, guesser, now=at) == resume_codes.Redemption(
            "throttled", wait_minutes=THROTTLE_MINUTES - 2
        )
        assert plans.plan_for_conversation(session, guesser) is None
        assert wait_minutes(session, guesser, now=T0 + timedelta(minutes=14, seconds=59)) == 1
        # A message without a code is no attempt, and not refused.
        assert redeem(session, "hallo", guesser, now=at).status == "no_code"

        free = T0 + timedelta(minutes=THROTTLE_MINUTES)
        assert wait_minutes(session, guesser, now=free) == 0
        assert redeem(session, code, guesser, now=free) == resume_codes.Redemption("ok", other_plan)
        assert plans.plan_for_conversation(session, guesser).id == other_plan


def test_another_conversation_of_another_client_may_still_try(db_url):
    plan_id, code = store_plan_with_code(db_url)
    with db.session(db_url) as session:
        for number in range(MAX_WRONG):
            redeem(session, f"qq xx yy 000{number}", "raden", now=T0, client="a" * 64)
        assert redeem(session, code, "raden", now=T0, client="a" * 64).status == "throttled"
        assert redeem(session, code, "iemand", now=T0, client="b" * 64).plan_id == plan_id


def test_fifty_fresh_conversations_of_one_client_are_throttled(db_url):
    """The attack of issue 12: every guess from a new conversation id."""
    plan_id, code = store_plan_with_code(db_url)
    guesser = keyed_hash("client", "203.0.113.7")
    statuses = []
    with db.session(db_url) as session:
        for number in range(50):
            now = T0 + timedelta(seconds=number)
            guess = f"verder met qq xx yy {number:04d}"
            statuses.append(redeem(session, guess, f"vers-{number}", now=now, client=guesser))
    assert [r.status for r in statuses[:CLIENT_MAX_WRONG]] == ["not_found"] * CLIENT_MAX_WRONG
    assert {r.status for r in statuses[CLIENT_MAX_WRONG:]} == {"throttled"}
    assert all(r.wait_minutes > 0 for r in statuses[CLIENT_MAX_WRONG:])
    with db.session(db_url) as session:
        # Even the right code from yet another conversation of that client is not looked at.
        late = T0 + timedelta(minutes=5)
        assert redeem(session, code, "vers-51", now=late, client=guesser).status == "throttled"
        # The person with the code, from their own address, is not held back.
        owner = keyed_hash("client", "198.51.100.20")
        assert redeem(session, code, "eigen", now=late, client=owner).plan_id == plan_id
        free = T0 + timedelta(minutes=CLIENT_WINDOW_MINUTES, seconds=CLIENT_MAX_WRONG)
        assert wait_minutes(session, "vers-99", now=free, client=guesser) == 0


def test_many_clients_together_meet_the_installation_wide_ceiling(db_url):
    plan_id, code = store_plan_with_code(db_url)
    with db.session(db_url) as session:
        for number in range(GLOBAL_MAX_WRONG):
            now = T0 + timedelta(seconds=number)
            result = redeem(
                session, f"qq xx yy {number:04d}", f"c-{number}", now=now, client=f"{number:016d}"
            )
            assert result.status == "not_found", number
        at = T0 + timedelta(minutes=10)
        # A new client in a new conversation, and one without a client id (other channels).
        refused = redeem(session, code, "nieuw", now=at, client="f" * 64)
        assert refused.status == "throttled"
        assert refused.wait_minutes == GLOBAL_WINDOW_MINUTES - 10
        assert redeem(session, code, "ander-kanaal", now=at).status == "throttled"
        later = T0 + timedelta(minutes=GLOBAL_WINDOW_MINUTES, seconds=1)
        assert redeem(session, code, "nieuw", now=later).plan_id == plan_id


def test_no_code_is_not_a_wrong_attempt(db_url):
    with db.session(db_url) as session:
        for minute in range(MAX_WRONG + 2):
            now = T0 + timedelta(seconds=minute)
            assert redeem(session, "ik weet mijn code niet", "vergeten", now=now).status == (
                "no_code"
            )
        assert wait_minutes(session, "vergeten", now=T0) == 0


def test_client_key_accepts_only_the_web_apps_form():
    assert resume_codes.client_key("a" * 64) == "a" * 64
    for value in (None, 3, "", "kort", "a" * 65, "a b" * 10, ["a" * 64], "é" * 20):
        assert resume_codes.client_key(value) is None, value


@pytest.mark.parametrize("naive", [False, True])
def test_naive_now_is_taken_as_utc(db_url, naive):
    now = T0.replace(tzinfo=None) if naive else T0
    _plan_id, code = store_plan_with_code(db_url, now=now)
    with db.session(db_url) as session:
        later = now + timedelta(days=VALID_DAYS, seconds=-1)
        assert redeem(session, code, "nieuw", now=later).status == "ok"


def test_no_code_word_is_a_municipality_the_entity_ruler_would_tag():
    names = set()
    for municipality in municipalities():
        names |= {fold(v) for v in name_variants(municipality.name)} | {fold(municipality.name_fr)}
    assert [word for word in WORDS if fold(word) in names] == []


def test_the_example_code_people_are_shown_reads_as_a_code():
    """The example in "Bijvoorbeeld verder met ..." must look like a real code
    (three different words of WORDS and four digits), so copying its form works."""
    *words, digits = resume_codes.EXAMPLE_CODE.split("-")

    assert resume_codes.find_code(f"verder met {resume_codes.EXAMPLE_CODE}") == (
        resume_codes.EXAMPLE_CODE
    )
    assert set(words) <= set(resume_codes.WORDS) and len(set(words)) == 3
    assert digits.isdigit() and len(digits) == 4
