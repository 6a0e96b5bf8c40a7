"""The assistant's side of a hand-off: open a case from what the conversation knows, read
the contact preference, and find out honestly who can help and when.

The actions (actions/human.py) stay thin: they call these functions and say the domain's
responses. Everything here is pure Python on bot.storage and the teams file.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot import skip_phrases
from bot.handoff import cases, contact, schedule
from bot.handoff.teams import Team, TeamDirectory, load_teams
from bot.intake_catalogue import DOMAINS, NO_HELP, SKIPPED
from bot.storage import db
from bot.storage.models import moment_or_now
from bot.storage.portal_sessions import workers_online

# Slots whose value goes into the case summary as it is (bot.handoff.summary reads them).
FACT_SLOTS = ("speaker", "age", "place", "vaph_known", "help_kind", "urgent", "rights_shown")
# The plan goes with the case only when the person asked for a person or a review of it: the
# consent says a trajectondersteuner sees the plan only then (utter_ask_consent). A crisis or
# a second misunderstanding opens a case without it; asking for a person later adds it.
PLAN_SHARED_FOR = (cases.REQUEST_HUMAN, cases.PLAN_REVIEW)

# Words for each preference, in what people type. A phone number or an e-mail address in
# the answer says it too.
PREFERENCE_WORDS = {
    contact.CHAT: ("chat", "hier", "typen", "schrijven", "berichtje", "sturen hier"),
    contact.PHONE: ("telefoon", "telefonisch", "bel", "bellen", "belt", "gsm", "opbellen", "tel"),
    contact.EMAIL: ("mail", "e-mail", "email", "emailen", "mailen", "mailtje"),
}
NO_CONTACT_WORDS = (
    "geen",
    "liever niet",
    "niet",
    "nee",
    "neen",
    "nie",
    "niks",
    "nergens",
    "hoeft niet",
    "moet niet",
)
# Not minding, in the words of the skip phrases and a few more: one pattern for both
# questions of the contact form.
_NO_PREFERENCE = (
    skip_phrases.NO_IDEA_PATTERN
    + "|"
    + skip_phrases.INDIFFERENCE_PATTERN
    + r"|egal|alles is goed|kweet ?(?:ni|nie|niet)|geen voorkeur"
)
# "Maakt niet uit", "weet ik niet": the person wants to be reached but names no way. That is
# not a "no": the choices are shown again (a phone number or address cannot be guessed).
_ANY_WAY = re.compile(
    r"\b(?:zoals (?:je|jij|ge|gij|jullie) (?:wil|wilt)|" + _NO_PREFERENCE + r")\b"
)
# "Maakt niet uit", "altijd", "wanneer je wilt": any time. Only an answer that says nothing
# else: "altijd na 17u" and "maakt niet uit, liefst 's avonds" keep their hours. The longer
# phrases come first ("om het even wanneer" before "om het even").
_ANY_TIME = re.compile(
    r"\b(?:om het even wanneer|eender wanneer|altijd"
    r"|wanneer (?:je|jij|ge|gij|jullie|u) (?:wil|wilt|wilde|kan|kunt)"
    r"|(?:het )?(?:hele|heel de) (?:dag|week)|dag en nacht|" + _NO_PREFERENCE + r")\b"
)
# A moment in an answer ("niet voor 10u", "liever niet 's avonds"): kept even when the
# classifier read the answer as a "no" or a pass.
_A_MOMENT = re.compile(
    r"\d|\b(?:uur|u|ochtend|(?:voor|na)?middag|avond|nacht|weekend|week|werkdag"
    r"|(?:maan|dins|woens|donder|vrij|zater|zon)dag)(?:s|en)?\b"
)
_ANY_TIME_FILLERS = frozenset(
    "euh eh ehm goh allee tja hoor he echt eigenlijk maar dan mij me voor ik k gewoon "
    "wel ja eender welk moment".split()
)
_DIGITS = re.compile(r"\d")


@dataclass(frozen=True)
class Opened:
    """A case opened (or updated) for this conversation, and the team it went to."""

    case_id: str
    team: Team
    is_new: bool
    has_contact: bool
    # Whether this trigger made the case urgent (opened urgent, or raised to urgent):
    # then the team is notified (bot.handoff.notify).
    became_urgent: bool = False


@dataclass(frozen=True)
class WhoCanHelp:
    """What the person may honestly be told: whether someone of the team can join this
    chat now, and otherwise when the team works, in words the responses fill in:
    `hours` "van maandag tot vrijdag, van 9 tot 17 uur"; `open_until` "17 uur" when the
    team works now; `back` "morgen om 9 uur" when it does not (None: no opening found)."""

    team_name: str
    joins_now: bool
    hours: str
    open_until: str | None = None
    back: str | None = None


def plan_domains(slots: Mapping[str, Any]) -> list[str]:
    """The life domains of the plan with a wish for support (`<domain>_wish`)."""
    return [
        domain
        for domain in DOMAINS
        if (wish := slots.get(f"{domain}_wish")) and wish not in (SKIPPED, NO_HELP)
    ]


def facts_from_slots(slots: Mapping[str, Any]) -> dict[str, Any]:
    """The known facts for the case summary (bot.handoff.summary keeps what it needs)."""
    facts = {slot: slots.get(slot) for slot in FACT_SLOTS if slots.get(slot) is not None}
    domains = plan_domains(slots)
    if domains:
        facts["plan_domains"] = domains
    return facts


def open_case(
    *,
    reason: str,
    conversation_id: str,
    channel: str | None,
    slots: Mapping[str, Any],
    crisis_before: bool = False,
    teams: TeamDirectory | None = None,
    now: datetime | None = None,
) -> Opened:
    """Open the conversation's case (or update its open one) in the application database.

    After a crisis in the same conversation the case stays urgent, whatever the trigger.
    """
    facts = facts_from_slots(slots)
    urgency = cases.URGENT if reason == cases.CRISIS or crisis_before else None
    if crisis_before:
        facts["crisis"] = True
    with db.session() as session:
        before = cases.open_case_for_conversation(session, conversation_id)
        was_urgent = before is not None and before.urgency == cases.URGENT
        opening = cases.create_case(
            session,
            reason=reason,
            conversation_id=conversation_id,
            channel=channel or "onbekend",
            facts=facts,
            plan_id=(slots.get("plan_id") or None) if reason in PLAN_SHARED_FOR else None,
            urgency=urgency,
            teams=teams,
            now=now,
        )
        return Opened(
            case_id=opening.case.id,
            team=opening.team,
            is_new=opening.is_new,
            has_contact=opening.case.contact_preference is not None,
            became_urgent=opening.case.urgency == cases.URGENT and not was_urgent,
        )


def who_can_help(
    case_id: str,
    channel: str | None,
    *,
    online_minutes: int | None = None,
    teams: TeamDirectory | None = None,
    now: datetime | None = None,
) -> WhoCanHelp | None:
    """Whether a worker of the case's team is online and can join this chat (only on a
    channel where a worker's reply reaches the person live), and the team's hours.
    None when the case does not exist (any more)."""
    now = moment_or_now(now)
    teams = load_teams() if teams is None else teams
    if online_minutes is None:
        from bot.config import load_settings

        online_minutes = load_settings().worker_online_minutes
    with db.session() as session:
        found = cases.case_by_id(session, case_id)
        if found is None:
            return None
        team = teams.get(found.team_id) or teams.default_team
        online = bool(workers_online(session, team.id, now, online_minutes))
    joins = online and cases.live_reply_possible(channel or "")
    until = schedule.open_until(team, now)
    opening = None if until else schedule.next_opening(team, now)
    return WhoCanHelp(
        team_name=team.name,
        joins_now=joins,
        hours=schedule.describe_hours(team),
        open_until=schedule.end_time(until) if until else None,
        back=schedule.describe_moment(opening, now) if opening else None,
    )


def _words(text: str) -> str:
    return " " + re.sub(r"[^\w@+-]+", " ", text.lower()).strip() + " "


def _has(words: str, key: str) -> bool:
    """A key of 4+ letters may start a word ("bellen", "mailadres"); a shorter one is a
    whole word ("tel", "nee")."""
    if " " in key or len(key) < 4:
        return f" {key} " in words
    return f" {key}" in words


def names_any_way(text: str | None) -> bool:
    """True for "maakt niet uit" or "geen idee" without a way in it ("maakt niet uit, bel
    maar" names the phone)."""
    words = _words((text or "").strip())
    if not _ANY_WAY.search(words):
        return False
    return not any(_has(words, k) for keys in PREFERENCE_WORDS.values() for k in keys)


def parse_preference(text: str | None, intent: str = "") -> str | None:
    """ "bel mij maar" -> "telefoon", "mail" -> "e-mail", "hier" -> "chat", "liever niet"
    -> "geen"; a phone number or e-mail address says it too. None: not understood."""
    text = (text or "").strip()
    if text in contact.PREFERENCES:
        return text
    if intent in ("deny", "skip"):
        return contact.NO_CONTACT
    words = _words(text)
    found = [pref for pref, keys in PREFERENCE_WORDS.items() if any(_has(words, k) for k in keys)]
    if "@" in text and contact.EMAIL not in found:
        found.append(contact.EMAIL)
    if len(_DIGITS.findall(text)) >= 6 and contact.PHONE not in found:
        found.append(contact.PHONE)
    if len(found) == 1:
        return found[0]
    if not found and any(_has(words, key) for key in NO_CONTACT_WORDS):
        return contact.NO_CONTACT
    return None


def value_in_answer(preference: str, text: str | None) -> str | None:
    """The phone number or e-mail address typed with the preference ("bel me op 0470 12
    34 56"), checked; None when there is none or it is not right (it is asked then)."""
    text = text or ""
    if preference == contact.PHONE and len(_DIGITS.findall(text)) >= 6:
        return contact.check_phone(text).value
    if preference == contact.EMAIL and "@" in text:
        return contact.check_email(text).value
    return None


# "ja", "ok", "goed" to "Wanneer past het jou het best?": no moment, so any time.
_JUST_YES = frozenset("ja jaja jawel ok oke oké okay goed prima yes yep top super".split())


def parse_when(text: str | None, intent: str = "") -> str:
    """When the person can be reached, as they said it; SKIPPED for a pass, a "yes" or a
    "no" without a moment in it ("Je zei wanneer het je past: ja." was told back), or an
    answer that only says "any time" ("maakt niet uit", "altijd")."""
    cleaned = contact.clean_when(text)
    if cleaned is None or cleaned.startswith("/"):
        return SKIPPED
    words = _words(cleaned)
    if intent in ("skip", "deny", "affirm") and not _A_MOMENT.search(words):
        return SKIPPED
    if words.split() and set(words.split()) <= _JUST_YES:
        return SKIPPED
    rest = _ANY_TIME.sub(" ", words).split()
    if rest != words.split() and all(word in _ANY_TIME_FILLERS for word in rest):
        return SKIPPED
    return cleaned


def save_contact(
    case_id: str,
    preference: str,
    value: str | None,
    when_text: str | None,
    now: datetime | None = None,
) -> contact.ContactCheck:
    """Store the contact preference on the case; the check says what is wrong, if anything."""
    when = None if when_text in (None, SKIPPED) else when_text
    with db.session() as session:
        return cases.set_contact(session, case_id, preference, value, when, now=now)


def shown_value(preference: str | None, value: str | None) -> str:
    """The phone number the Belgian way, or the e-mail address, as the person reads it."""
    if not value:
        return ""
    return contact.display_phone(value) if preference == contact.PHONE else value
