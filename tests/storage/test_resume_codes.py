"""Resume codes: the word list, the format, finding codes in text, expiry and throttling."""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime, timedelta, timezone

import pytest

from bot.intake_catalogue import CONSENT_TEXT_VERSION
from bot.storage import db, plans, resume_codes
from bot.storage.resume_codes import (
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
CODE_FORMAT = re.compile(r"^[A-Z]{2,8}-[A-Z]{2,8}-\d{4}$")
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
        "verder met zon boom 4821",
        "Zon-Boom-4821",
        "ZON BOOM4821",
        "zon-boom 4821",
        "mijn code is: ZON - BOOM - 4821.",
        "zon.boom.4821",
    ):
        assert find_code(text) == "ZON-BOOM-4821", text
    # Words that are not in the list still make a code, to be answered with "not found".
    assert find_code("verder met zonn boom 4821") == "ZONN-BOOM-4821"
    for text in (
        "",
        "hallo",
        "4821",
        "zon 4821",
        "zon boom 48211",
        "zon boom 482",
        "verder met mijn plan",
        "zonneschijn boom 4821x",
    ):
        assert find_code(text) is None, text


def test_generated_codes_are_redeemable(db_url):
    with db.session(db_url) as session:
        plan = plans.create_plan(session, "gesprek-1", CONSENT_TEXT_VERSION, now=T0)
        codes = [issue_code(session, plan.id, now=T0) for _ in range(200)]
    assert len(set(codes)) == 200
    for code in codes:
        assert CODE_FORMAT.match(code), code
        first, second, _digits = code.split("-")
        assert first in WORDS and second in WORDS and first != second

    with db.session(db_url) as session:
        for number, code in enumerate(codes):
            # As a person might type it, in a new conversation each time.
            typed = f"verder met {code.replace('-', ' ').lower()}"
            result = redeem(session, typed, f"nieuw-{number}", now=T0 + timedelta(days=1))
            assert result == resume_codes.Redemption("ok", plan.id), code
        assert plans.plan_for_conversation(session, "nieuw-199").id == plan.id

    # Only hashes are stored, never the codes themselves.
    stored = " ".join(value for _table, _column, value in database_text(db_url))
    assert not any(code in stored for code in codes)


def test_code_expires_after_valid_days(db_url):
    with db.session(db_url) as session:
        plan_id = plans.create_plan(session, "gesprek-1", CONSENT_TEXT_VERSION, now=T0).id
        code = issue_code(session, plan_id, now=T0)
    end = T0 + timedelta(days=VALID_DAYS)
    with db.session(db_url) as session:
        assert redeem(session, code, "nieuw-1", now=end - timedelta(seconds=1)).status == "ok"
        assert redeem(session, code, "nieuw-2", now=end) == resume_codes.Redemption("expired")
        assert plans.plan_for_conversation(session, "nieuw-2") is None


def test_throttled_after_wrong_attempts(db_url):
    with db.session(db_url) as session:
        plan_id = plans.create_plan(session, "gesprek-1", CONSENT_TEXT_VERSION, now=T0).id
        code = issue_code(session, plan_id, now=T0)
        old_code = issue_code(session, plan_id, now=T0 - timedelta(days=VALID_DAYS + 1))
    guesser = "raden"
    with db.session(db_url) as session:
        assert redeem(session, "hallo", guesser, now=T0).status == "no_code"
    # QQ and XX are no words of the list: such a code is never issued.
    wrong = [("QQ-XX-1234", "not_found"), (old_code, "expired"), ("qq xx 9999", "not_found")]
    with db.session(db_url) as session:
        for minute, (text, status) in enumerate(wrong):
            now = T0 + timedelta(minutes=minute)
            assert wait_minutes(session, guesser, now=now) == 0
            assert redeem(session, text, guesser, now=now).status == status
        assert len(wrong) == MAX_WRONG

        # Now even the right code is not looked at.
        at = T0 + timedelta(minutes=2, seconds=30)
        assert redeem(session, code, guesser, now=at) == resume_codes.Redemption("throttled")
        assert redeem(session, "hallo", guesser, now=at).status == "throttled"
        assert plans.plan_for_conversation(session, guesser) is None
        # The first wrong attempt leaves the window at T0 + 15 min: 12.5 min, rounded up.
        assert wait_minutes(session, guesser, now=at) == THROTTLE_MINUTES - 2
        assert wait_minutes(session, guesser, now=T0 + timedelta(minutes=14, seconds=59)) == 1

        # Another conversation may try.
        assert redeem(session, code, "iemand-anders", now=at).status == "ok"

        free = T0 + timedelta(minutes=THROTTLE_MINUTES)
        assert wait_minutes(session, guesser, now=free) == 0
        assert redeem(session, code, guesser, now=free) == resume_codes.Redemption("ok", plan_id)
        assert plans.plan_for_conversation(session, guesser).id == plan_id


def test_no_code_is_not_a_wrong_attempt(db_url):
    with db.session(db_url) as session:
        for minute in range(MAX_WRONG + 2):
            now = T0 + timedelta(seconds=minute)
            assert redeem(session, "ik weet mijn code niet", "vergeten", now=now).status == (
                "no_code"
            )
        assert wait_minutes(session, "vergeten", now=T0) == 0


@pytest.mark.parametrize("naive", [False, True])
def test_naive_now_is_taken_as_utc(db_url, naive):
    now = T0.replace(tzinfo=None) if naive else T0
    with db.session(db_url) as session:
        plan_id = plans.create_plan(session, "gesprek-1", CONSENT_TEXT_VERSION, now=now).id
        code = issue_code(session, plan_id, now=now)
    with db.session(db_url) as session:
        later = now + timedelta(days=VALID_DAYS, seconds=-1)
        assert redeem(session, code, "nieuw", now=later).status == "ok"


def test_no_code_word_is_a_municipality_the_entity_ruler_would_tag():
    names = set()
    for municipality in municipalities():
        names |= {fold(v) for v in name_variants(municipality.name)} | {fold(municipality.name_fr)}
    assert [word for word in WORDS if fold(word) in names] == []


def test_the_example_code_people_are_shown_reads_as_a_code():
    """The example in "Typ je code, bijvoorbeeld: verder met ..." must look like a real code
    (two different words of WORDS and four digits), so copying its form works."""
    first, second, digits = resume_codes.EXAMPLE_CODE.split("-")

    assert resume_codes.find_code(f"verder met {resume_codes.EXAMPLE_CODE}") == (
        resume_codes.EXAMPLE_CODE
    )
    assert first in resume_codes.WORDS and second in resume_codes.WORDS and first != second
    assert digits.isdigit() and len(digits) == 4
