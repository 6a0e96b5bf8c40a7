"""Resume codes: continue a plan in a new conversation with a code like ZON-BOOM-4821.

A code is two different words from `WORDS` and four digits, read aloud easily. Only the
SHA-256 of the normalised code is stored. Guessing is throttled per conversation: after
`MAX_WRONG` wrong codes within `THROTTLE_MINUTES`, no code is looked at until the oldest of
those attempts is `THROTTLE_MINUTES` old.
"""

from __future__ import annotations

import hashlib
import math
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.storage.models import ResumeAttempt, ResumeCode, as_utc, utcnow
from bot.storage.plans import link_conversation

VALID_DAYS = 30
MAX_WRONG = 3
THROTTLE_MINUTES = 15
EXAMPLE_CODE = "ZON-MAAN-4821"  # shown to people as an example; it has a code's form

# Short, common, concrete and friendly Dutch nouns. None contains IJ, EI, AU or OU (which
# sound alike), no two sound alike (such as DUIN/TUIN), none is a number word or ends in a
# D that sounds like a T, and none is rude or has a rude second meaning.
WORDS = (
    # Nature
    "ZON", "MAAN", "STER", "BLOEM", "ROOS", "TULP", "GRAS", "ZEE", "BERG", "BOS",
    "MEER", "WOLK", "STEEN", "BEEK", "HOOI", "STRO", "NEST", "VEER", "PALM", "LELIE",
    "KROKUS",
    # Animals
    "KAT", "VIS", "VOGEL", "KIP", "ZWAAN", "UIL", "VOS", "PANDA", "ZEBRA", "MUIS", "EGEL",
    "MIER", "MUS", "DUIF", "VINK", "MEREL", "KOALA", "KALF", "OTTER", "WALVIS",
    "SLAK", "LIBEL", "KIKKER",
    # Food
    "APPEL", "BANAAN", "DRUIF", "KERS", "MELOEN", "KAAS", "SOEP", "TAART", "KOEK",
    "MELK", "SAP", "HONING", "PASTA", "WORTEL", "TOMAAT", "PRUIM", "PERZIK", "NOOT",
    "SUIKER", "PEPER", "VLA", "WAFEL", "LIMOEN", "ANANAS", "KIWI", "SNOEP", "SALADE",
    # At home
    "HUIS", "DEUR", "RAAM", "DAK", "MUUR", "TAFEL", "STOEL", "BANK", "KAST", "LAMP", "KLOK",
    "TAS", "BEKER", "LEPEL", "VORK", "DEKEN", "VAAS", "TUIN", "HEK", "TRAP", "ZOLDER",
    "EMMER", "KRAAN", "ZEEP", "GLAS", "FLES", "LAKEN", "MAT", "LADDER", "HAMER", "ZAAG",
    "GIETER", "HARK",
    # Things and places
    "FIETS", "BOOT", "BUS", "TRAM", "METRO", "RAKET", "KANO", "SLEE", "SKI", "BAL", "POP",
    "GITAAR", "PIANO", "FLUIT", "VIOOL", "ORGEL", "HARP", "BOEK", "PEN", "KAART", "BRIEF",
    "KRANT", "RADIO", "FOTO", "FILM", "JAS", "SOK", "ROK", "BROEK", "TRUI", "LAARS", "RING",
    "KROON", "PAREL", "VLAG", "TENT", "ANKER", "HAVEN", "BRUG", "TOREN", "MOLEN", "PARK",
    "DORP", "HOTEL", "STAL", "KNOOP", "VERF", "KWAST", "MUNT", "PLANT", "KOFFER",
    "KOMPAS", "ZADEL", "WIEL", "STUUR", "HELM",
)  # fmt: skip

_SEPARATOR = r"[^A-Za-z0-9]{1,3}"
_CODE = re.compile(
    rf"(?<![A-Za-z0-9])([A-Za-z]{{2,8}}){_SEPARATOR}([A-Za-z]{{2,8}})"
    rf"[^A-Za-z0-9]{{0,3}}(\d{{4}})(?!\d)"
)


@dataclass(frozen=True)
class Redemption:
    """The outcome of a resume code: status "ok", "no_code", "not_found", "expired" or
    "throttled"; `plan_id` only with "ok"."""

    status: str
    plan_id: str | None = None


def _now(now: datetime | None) -> datetime:
    return utcnow() if now is None else as_utc(now)


def find_code(text: str) -> str | None:
    """The code in `text`, normalised to WORD-WORD-1234, or None.

    Any two words of 2 to 8 letters followed by four digits count, also words not in
    `WORDS`: a mistyped code must be "not found", not "no code".
    """
    match = _CODE.search(text or "")
    if match is None:
        return None
    first, second, digits = match.groups()
    return f"{first.upper()}-{second.upper()}-{digits}"


def code_hash(code: str) -> str:
    return hashlib.sha256(code.encode("ascii")).hexdigest()


def _new_code() -> str:
    first = secrets.choice(WORDS)
    second = secrets.choice([word for word in WORDS if word != first])
    return f"{first}-{second}-{secrets.randbelow(10000):04d}"


def issue_code(session: Session, plan_id: str, now: datetime | None = None) -> str:
    """A new resume code for the plan, valid for `VALID_DAYS` days."""
    now = _now(now)
    while True:
        code = _new_code()
        digest = code_hash(code)
        if session.get(ResumeCode, digest) is None:
            break
    session.add(
        ResumeCode(
            code_hash=digest,
            plan_id=plan_id,
            created_at=now,
            expires_at=now + timedelta(days=VALID_DAYS),
        )
    )
    session.flush()
    return code


def _recent_wrong(session: Session, conversation_id: str, now: datetime) -> list[datetime]:
    since = now - timedelta(minutes=THROTTLE_MINUTES)
    return list(
        session.execute(
            select(ResumeAttempt.attempted_at)
            .where(
                ResumeAttempt.conversation_id == conversation_id,
                ResumeAttempt.attempted_at > since,
            )
            .order_by(ResumeAttempt.attempted_at)
        ).scalars()
    )


def wait_minutes(session: Session, conversation_id: str, now: datetime | None = None) -> int:
    """Whole minutes (rounded up) until this conversation may try a code again; 0 if now."""
    now = _now(now)
    attempts = _recent_wrong(session, conversation_id, now)
    if len(attempts) < MAX_WRONG:
        return 0
    # Free again when all but MAX_WRONG - 1 of the attempts have left the window.
    free_at = attempts[len(attempts) - MAX_WRONG] + timedelta(minutes=THROTTLE_MINUTES)
    return max(1, math.ceil((free_at - now).total_seconds() / 60))


def redeem(
    session: Session, text: str, conversation_id: str, now: datetime | None = None
) -> Redemption:
    """Look up the code in `text` and, if it is valid, link the conversation to its plan."""
    now = _now(now)
    if len(_recent_wrong(session, conversation_id, now)) >= MAX_WRONG:
        return Redemption("throttled")
    code = find_code(text)
    if code is None:
        return Redemption("no_code")
    row = session.get(ResumeCode, code_hash(code))
    if row is None or row.expires_at <= now:
        session.add(ResumeAttempt(conversation_id=conversation_id, attempted_at=now))
        session.flush()
        return Redemption("not_found" if row is None else "expired")
    link_conversation(session, row.plan_id, conversation_id, now=now)
    return Redemption("ok", row.plan_id)
