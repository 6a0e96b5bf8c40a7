"""Resume codes: continue a plan in a new conversation with a code like ZON-MAAN-STER-4821.

A code is three different words from `WORDS` and four digits, easy to read aloud and to
type. It works once (it is deleted when redeemed) and only until `VALID_DAYS` have passed;
a new code for the plan revokes every earlier one. Only `keyed_hash("resume_code", code)`
of the normalised code is stored: an HMAC with the server secret, so a copy of the database
does not let anyone try codes offline.

Guessing is throttled three ways; a wrong code counts for all three, and while one of them
is full no code is looked at (the person hears "wacht N minuten"):
- per conversation: `MAX_WRONG` wrong codes within `THROTTLE_MINUTES`;
- per client (the web app's `client_id`, an HMAC of the address; across conversations):
  `CLIENT_MAX_WRONG` within `CLIENT_WINDOW_MINUTES`;
- for the whole installation: `GLOBAL_MAX_WRONG` within `GLOBAL_WINDOW_MINUTES`, so that
  many addresses or fresh conversation ids gain an attacker little.

Why online guessing does not pay:
- Code space: 285 words, three different ones in order, and 10^4 digit groups:
  N = 285 * 284 * 283 * 10^4 = 2.29 * 10^11 codes.
- Valid codes alive at once: at most one per plan (single use, revoked by the next one,
  `VALID_DAYS` days). Sized for K = 200 paused plans at the same moment.
- A random guess hits some valid code with chance K / N; the expected number of tries is
  N / (K + 1) = 1.14 * 10^9 (more than 10^9). A chosen person's code needs N / 2 = 1.1 * 10^11.
- Rate: at most 120 wrong codes per hour for the whole installation, whatever the number of
  clients; 1.14 * 10^9 tries take 9.5 * 10^6 hours, about 1,080 years (one client alone,
  at 10 per hour: about 13,000 years). A year at the ceiling (1.05 * 10^6 tries) finds a
  code with a chance of about 1 in 1,100.
The price of the installation-wide ceiling: someone who sends 120 wrong codes in an hour
makes everyone wait up to an hour before resuming (they can still talk to a person).
"""

from __future__ import annotations

import math
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.storage.keys import keyed_hash
from bot.storage.models import ResumeAttempt, ResumeCode, moment_or_now
from bot.storage.plans import link_conversation

VALID_DAYS = 30
WORDS_PER_CODE = 3
# Per conversation.
MAX_WRONG = 3
THROTTLE_MINUTES = 15
# Per client, across its conversations.
CLIENT_MAX_WRONG = 10
CLIENT_WINDOW_MINUTES = 60
# For the whole installation.
GLOBAL_MAX_WRONG = 120
GLOBAL_WINDOW_MINUTES = 60
EXAMPLE_CODE = "ZON-MAAN-STER-4821"  # shown to people as an example; it has a code's form
HASH_PURPOSE = "resume_code"
# The web app's client_id: an HMAC of the address (bot.storage.keys), checked before use.
CLIENT_KEY = re.compile(r"[A-Za-z0-9_-]{16,64}")

# Short, common, concrete and friendly Dutch nouns. None contains IJ, EI, AU or OU (which
# sound alike), no two sound alike (such as DUIN/TUIN), none is a number word or ends in a
# D that sounds like a T, none is rude or has a rude second meaning, none is a body part or
# something that hurts, and none is the name of a municipality.
WORDS = (
    # Nature
    "ZON", "MAAN", "STER", "BLOEM", "ROOS", "TULP", "GRAS", "ZEE", "BERG", "BOS",
    "MEER", "WOLK", "STEEN", "BEEK", "HOOI", "STRO", "NEST", "VEER", "PALM", "LELIE",
    "KROKUS", "ROTS", "MOS", "VAREN", "BERK", "LINDE", "WILG", "KUST", "OCEAAN", "GOLF",
    "STORM", "HAGEL", "MIST", "DAL", "HEUVEL", "GROT", "AKKER", "POEL", "SLOOT", "KREEK",
    "DELTA", "KIEZEL",
    # Animals
    "KAT", "VIS", "VOGEL", "KIP", "ZWAAN", "UIL", "VOS", "PANDA", "ZEBRA", "MUIS", "EGEL",
    "MIER", "MUS", "DUIF", "VINK", "MEREL", "KOALA", "KALF", "OTTER", "WALVIS",
    "SLAK", "LIBEL", "KIKKER", "KOE", "SCHAAP", "HAAS", "HERT", "WOLF", "GIRAF", "KAMEEL",
    "SPIN", "KREEFT", "KRAB", "HAAI", "KRAAI", "SPECHT", "LAMA", "ZALM", "FOREL", "MOSSEL",
    "OESTER", "CONDOR", "TAPIR",
    # Food
    "APPEL", "BANAAN", "DRUIF", "KERS", "MELOEN", "KAAS", "SOEP", "TAART", "KOEK",
    "MELK", "SAP", "HONING", "PASTA", "WORTEL", "TOMAAT", "PRUIM", "PERZIK", "NOOT",
    "SUIKER", "PEPER", "VLA", "WAFEL", "LIMOEN", "ANANAS", "KIWI", "SNOEP", "SALADE",
    "BOTER", "JAM", "SIROOP", "MANGO", "BES", "PIZZA", "FRIET", "KOFFIE", "THEE", "CACAO",
    "TOAST", "MUESLI", "DADEL", "BOON", "ERWT", "KOOL", "SELDER", "KERRIE", "MUFFIN", "CHIPS",
    "FRUIT",
    # At home
    "HUIS", "DEUR", "RAAM", "DAK", "MUUR", "TAFEL", "STOEL", "BANK", "KAST", "LAMP", "KLOK",
    "TAS", "BEKER", "LEPEL", "VORK", "DEKEN", "VAAS", "TUIN", "HEK", "TRAP", "ZOLDER",
    "EMMER", "KRAAN", "ZEEP", "GLAS", "FLES", "LAKEN", "MAT", "LADDER", "HAMER", "ZAAG",
    "GIETER", "HARK", "KUSSEN", "OVEN", "KETEL", "SCHAAL", "KAARS", "SLOT", "DOOS", "MAP",
    "KAM", "ZETEL", "PLANK", "BALK", "KELDER", "GARAGE", "BALKON", "SCHUUR", "BEZEM", "SPONS",
    "BOOR", "KRUIK", "LOEP",
    # Things and places
    "FIETS", "BOOT", "BUS", "TRAM", "METRO", "RAKET", "KANO", "SLEE", "SKI", "BAL", "POP",
    "GITAAR", "PIANO", "FLUIT", "VIOOL", "ORGEL", "HARP", "BOEK", "PEN", "KAART", "BRIEF",
    "KRANT", "RADIO", "FOTO", "FILM", "JAS", "SOK", "ROK", "BROEK", "TRUI", "LAARS", "RING",
    "KROON", "PAREL", "VLAG", "TENT", "ANKER", "HAVEN", "BRUG", "TOREN", "MOLEN", "PARK",
    "DORP", "HOTEL", "STAL", "KNOOP", "VERF", "KWAST", "MUNT", "PLANT", "KOFFER",
    "KOMPAS", "ZADEL", "WIEL", "STUUR", "HELM", "WAGEN", "KAR", "SCHIP", "CELLO", "SJAAL",
    "PET", "RIEM", "BRIL", "ATLAS", "GLOBE", "STEP", "BALLON", "DOMINO", "PUZZEL", "ROBOT",
    "MAST", "KERK", "SCHOOL", "MARKT", "STRAAT", "KANAAL", "MUSEUM", "CIRCUS", "KAMP", "FORT",
    "GONG", "BANJO", "KOMEET", "KRATER", "LASSO", "IGLO", "KAJAK", "JACHT", "GONDEL", "KOEPEL",
    "ZUIL", "POORT", "VEST", "CAPE", "TOGA", "MANTEL", "PRISMA",
)  # fmt: skip

_WORD = r"([A-Za-z]{2,8})"
_SEPARATOR = r"[^A-Za-z0-9]{1,3}"
_CODE = re.compile(
    rf"(?<![A-Za-z0-9]){_WORD}{_SEPARATOR}{_WORD}{_SEPARATOR}{_WORD}"
    rf"[^A-Za-z0-9]{{0,3}}(\d{{4}})(?!\d)"
)


@dataclass(frozen=True)
class Redemption:
    """The outcome of a resume code: status "ok", "no_code", "not_found", "expired" or
    "throttled"; `plan_id` only with "ok", `wait_minutes` only with "throttled"."""

    status: str
    plan_id: str | None = None
    wait_minutes: int = 0


@dataclass(frozen=True)
class _Limit:
    """At most `max_wrong` wrong codes within `minutes`."""

    max_wrong: int
    minutes: int


PER_CONVERSATION = _Limit(MAX_WRONG, THROTTLE_MINUTES)
PER_CLIENT = _Limit(CLIENT_MAX_WRONG, CLIENT_WINDOW_MINUTES)
INSTALLATION = _Limit(GLOBAL_MAX_WRONG, GLOBAL_WINDOW_MINUTES)


def find_code(text: str) -> str | None:
    """The code in `text`, normalised to WORD-WORD-WORD-1234, or None.

    Any three words of 2 to 8 letters followed by four digits count, also words not in
    `WORDS`: a mistyped code must be "not found", not "no code".
    """
    match = _CODE.search(text or "")
    if match is None:
        return None
    *words, digits = match.groups()
    return "-".join([*(word.upper() for word in words), digits])


def client_key(value: object) -> str | None:
    """The client id of a message's metadata when it has the expected form, else None."""
    if isinstance(value, str) and CLIENT_KEY.fullmatch(value):
        return value
    return None


def code_hash(code: str) -> str:
    """What is stored of a normalised code: an HMAC with the server secret."""
    return keyed_hash(HASH_PURPOSE, code)


def _new_code() -> str:
    words: list[str] = []
    while len(words) < WORDS_PER_CODE:
        word = secrets.choice(WORDS)
        if word not in words:
            words.append(word)
    return "-".join([*words, f"{secrets.randbelow(10000):04d}"])


def issue_code(session: Session, plan_id: str, now: datetime | None = None) -> str:
    """A new resume code for the plan, valid for `VALID_DAYS` days; every earlier code of
    the plan stops working."""
    now = moment_or_now(now)
    session.execute(delete(ResumeCode).where(ResumeCode.plan_id == plan_id))
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


def _wait(session: Session, limit: _Limit, now: datetime, *where) -> timedelta:
    """How long until fewer than `limit.max_wrong` wrong codes (matching `where`) lie in
    the last `limit.minutes`."""
    since = now - timedelta(minutes=limit.minutes)
    attempts = list(
        session.execute(
            select(ResumeAttempt.attempted_at)
            .where(ResumeAttempt.attempted_at > since, ResumeAttempt.attempted_at <= now, *where)
            .order_by(ResumeAttempt.attempted_at)
        ).scalars()
    )
    if len(attempts) < limit.max_wrong:
        return timedelta(0)
    # Free again when all but max_wrong - 1 of the attempts have left the window.
    free_at = attempts[len(attempts) - limit.max_wrong] + timedelta(minutes=limit.minutes)
    return max(timedelta(0), free_at - now)


def wait_minutes(
    session: Session,
    conversation_id: str,
    now: datetime | None = None,
    client: str | None = None,
) -> int:
    """Whole minutes (rounded up) until this conversation, from this client, may try a code
    again; 0 if now."""
    now = moment_or_now(now)
    session.flush()
    waits = [
        _wait(session, PER_CONVERSATION, now, ResumeAttempt.conversation_id == conversation_id),
        _wait(session, INSTALLATION, now),
    ]
    if client is not None:
        waits.append(_wait(session, PER_CLIENT, now, ResumeAttempt.client_key == client))
    longest = max(waits)
    if not longest:
        return 0
    return max(1, math.ceil(longest.total_seconds() / 60))


def redeem(
    session: Session,
    text: str,
    conversation_id: str,
    now: datetime | None = None,
    client: str | None = None,
) -> Redemption:
    """Look up the code in `text` and, if it is valid, link the conversation to its plan
    and delete the code. `client` is the client key of the message (see `client_key`)."""
    now = moment_or_now(now)
    code = find_code(text)
    if code is None:
        return Redemption("no_code")
    minutes = wait_minutes(session, conversation_id, now, client)
    if minutes:
        return Redemption("throttled", wait_minutes=minutes)
    digest = code_hash(code)
    row = session.get(ResumeCode, digest)
    if row is not None and row.expires_at > now:
        plan_id = row.plan_id
        # Single use: only the one who deletes it may use it (two at once cannot).
        used = session.execute(
            delete(ResumeCode)
            .where(ResumeCode.code_hash == digest, ResumeCode.expires_at > now)
            .execution_options(synchronize_session=False)
        )
        session.expunge(row)
        if used.rowcount == 1:
            link_conversation(session, plan_id, conversation_id, now=now)
            return Redemption("ok", plan_id)
        row = None
    session.add(ResumeAttempt(conversation_id=conversation_id, attempted_at=now, client_key=client))
    session.flush()
    return Redemption("not_found" if row is None else "expired")
