"""When a team works: open now or not, when it opens next, and both in plain Dutch.

All times are Belgian (Europe/Brussels, summer and winter time); `now` is any aware
datetime (a naive one is taken as UTC). Teams are closed on the days in their `closed_on`
and, when `public_holidays` is set, on the ten Belgian legal holidays.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from bot.handoff.teams import WEEKDAYS, Period, Team
from bot.plan_document import MONTHS as MONTH_NAMES

BRUSSELS_TIME = ZoneInfo("Europe/Brussels")
SEARCH_DAYS = 400  # how far next_opening looks ahead

DAY_NAMES = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
assert len(DAY_NAMES) == len(WEEKDAYS)


def easter_sunday(year: int) -> date:
    """Easter Sunday of the Gregorian calendar (the anonymous algorithm, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month, day = divmod(h + leap - 7 * m + 114, 31)
    return date(year, month, day + 1)


def belgian_public_holidays(year: int) -> frozenset[date]:
    """The ten legal holidays of Belgium in `year`."""
    easter = easter_sunday(year)
    return frozenset(
        {
            date(year, 1, 1),  # Nieuwjaar
            easter + timedelta(days=1),  # Paasmaandag
            date(year, 5, 1),  # Dag van de Arbeid
            easter + timedelta(days=39),  # O.L.H. Hemelvaart
            easter + timedelta(days=50),  # Pinkstermaandag
            date(year, 7, 21),  # Nationale feestdag
            date(year, 8, 15),  # O.L.V. Hemelvaart
            date(year, 11, 1),  # Allerheiligen
            date(year, 11, 11),  # Wapenstilstand
            date(year, 12, 25),  # Kerstmis
        }
    )


def _local(now: datetime) -> datetime:
    if now.tzinfo is None:
        now = now.replace(tzinfo=timezone.utc)
    return now.astimezone(BRUSSELS_TIME)


def is_closed_day(team: Team, day: date) -> bool:
    """Closed all day: a closed_on date or a legal holiday (when the team keeps them)."""
    return day in team.closed_on or (
        team.public_holidays and day in belgian_public_holidays(day.year)
    )


def _periods(team: Team, day: date) -> Sequence[Period]:
    return () if is_closed_day(team, day) else team.hours[day.weekday()]


def _at(day: date, minutes: int) -> datetime:
    """The Belgian moment `minutes` after midnight of `day` (24:00 is the next midnight)."""
    return datetime.combine(day, time(0), tzinfo=BRUSSELS_TIME) + timedelta(minutes=minutes)


def _current_period(team: Team, now: datetime) -> tuple[date, Period] | None:
    local = _local(now)
    seconds = local.hour * 3600 + local.minute * 60 + local.second + local.microsecond / 1e6
    for start, end in _periods(team, local.date()):
        if start * 60 <= seconds < end * 60:
            return local.date(), (start, end)
    return None


def is_open(team: Team, now: datetime) -> bool:
    """Whether the team works at `now` (the start of a period counts, its end does not)."""
    return _current_period(team, now) is not None


def open_until(team: Team, now: datetime) -> datetime | None:
    """When the current period ends (Belgian time), or None when the team is closed."""
    current = _current_period(team, now)
    return None if current is None else _at(current[0], current[1][1])


def next_opening(team: Team, now: datetime) -> datetime | None:
    """The next moment the team starts to work, after `now` (Belgian time).

    When the team is open now, this is the start of its next period, not `now`. None when
    it has no period in the next `SEARCH_DAYS` days.
    """
    local = _local(now)
    for offset in range(SEARCH_DAYS):
        day = local.date() + timedelta(days=offset)
        for start, _end in _periods(team, day):
            moment = _at(day, start)
            if moment > local:
                return moment
    return None


# --- in Dutch ---------------------------------------------------------------------------


def join_words(words: Sequence[str]) -> str:
    """ "a", "a en b", "a, b en c"."""
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} en {words[-1]}"


def clock(minutes: int) -> str:
    """9 -> "9", 8:30 -> "8.30" (without "uur")."""
    hours, rest = divmod(minutes, 60)
    return f"{hours}" if rest == 0 else f"{hours}.{rest:02d}"


def describe_periods(periods: Sequence[Period]) -> str:
    """ "van 9 tot 17 uur", "van 9 tot 12 uur en van 13 tot 17 uur"."""
    return join_words([f"van {clock(start)} tot {clock(end)} uur" for start, end in periods])


def _describe_days(days: list[int]) -> str:
    """[0..4] -> "van maandag tot vrijdag"; [0, 2] -> "op maandag en woensdag"."""
    runs: list[list[int]] = []
    for day in days:
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    ranges = [f"van {DAY_NAMES[run[0]]} tot {DAY_NAMES[run[-1]]}" for run in runs if len(run) > 2]
    singles = [DAY_NAMES[day] for run in runs if len(run) <= 2 for day in run]
    parts = ranges + ([f"op {join_words(singles)}"] if singles else [])
    return join_words(parts)


def describe_hours(team: Team) -> str:
    """When the team works, in plain Dutch, such as "van maandag tot vrijdag, van 9 tot 17 uur"
    or "van maandag tot donderdag van 9 tot 17 uur, en op vrijdag van 9 tot 12 uur"."""
    groups: dict[tuple[Period, ...], list[int]] = {}
    for weekday, periods in enumerate(team.hours):
        if periods:
            groups.setdefault(periods, []).append(weekday)
    described = [
        (_describe_days(days), describe_periods(periods)) for periods, days in groups.items()
    ]
    if len(described) == 1:
        return ", ".join(described[0])
    parts = [f"{when} {hours}" for when, hours in described]
    return f"{', '.join(parts[:-1])}, en {parts[-1]}"


def describe_moment(moment: datetime, now: datetime) -> str:
    """A coming moment as people say it: "vandaag om 13 uur", "morgen om 9 uur",
    "op maandag 5 januari om 9 uur"."""
    local, today = _local(moment), _local(now).date()
    at = f"om {clock(local.hour * 60 + local.minute)} uur"
    if local.date() == today:
        return f"vandaag {at}"
    if local.date() == today + timedelta(days=1):
        return f"morgen {at}"
    day = f"{DAY_NAMES[local.weekday()]} {local.day} {MONTH_NAMES[local.month - 1]}"
    if local.year != today.year:
        day += f" {local.year}"
    return f"op {day} {at}"


def availability(team: Team, now: datetime) -> str:
    """Two plain sentences: when the team works, and whether it works now or when it is
    back. "Team Limburg werkt van maandag tot vrijdag, van 9 tot 17 uur. Nu is het team
    er niet. Het team is er weer morgen om 9 uur." """
    sentences = [f"{team.name} werkt {describe_hours(team)}."]
    until = open_until(team, now)
    if until is not None:
        sentences.append(f"Het team werkt nu, tot {clock(_minutes(until))} uur.")
        return " ".join(sentences)
    sentences.append("Nu is het team er niet.")
    opening = next_opening(team, now)
    if opening is not None:
        sentences.append(f"Het team is er weer {describe_moment(opening, now)}.")
    return " ".join(sentences)


def _minutes(moment: datetime) -> int:
    local = _local(moment)
    minutes = local.hour * 60 + local.minute
    return minutes or 24 * 60  # a period that ends at midnight ends "tot 24 uur"


def end_time(moment: datetime) -> str:
    """The end of a period as people say it: "17 uur", "12.30 uur", midnight "24 uur"."""
    return f"{clock(_minutes(moment))} uur"
