"""Opening hours: open or closed at a given moment, the next opening, and plain Dutch."""

from __future__ import annotations

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from bot.handoff.schedule import (
    availability,
    belgian_public_holidays,
    describe_hours,
    describe_moment,
    easter_sunday,
    end_time,
    is_open,
    next_opening,
    open_until,
)
from bot.handoff.teams import DEFAULT_TEAMS_FILE, load_teams
from tests.handoff import WEEKDAYS_9_TO_17, directory

BE = ZoneInfo("Europe/Brussels")
OFFICE = directory(public_holidays=False)["test"]


def be(*args: int) -> datetime:
    return datetime(*args, tzinfo=BE)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (be(2026, 12, 2, 8, 59, 59), False),  # Wednesday, just before nine
        (be(2026, 12, 2, 9, 0), True),
        (be(2026, 12, 2, 12, 30), True),
        (be(2026, 12, 2, 16, 59, 59), True),
        (be(2026, 12, 2, 17, 0), False),  # the end of a period is closed
        (be(2026, 12, 5, 11, 0), False),  # Saturday
        (be(2026, 12, 6, 11, 0), False),  # Sunday
        (datetime(2026, 12, 2, 8, 30, tzinfo=timezone.utc), True),  # 9.30 in winter time
        (datetime(2026, 7, 1, 7, 30, tzinfo=timezone.utc), True),  # 9.30 in summer time
        (datetime(2026, 7, 1, 15, 30, tzinfo=timezone.utc), False),  # 17.30 in summer time
        (datetime(2026, 12, 2, 8, 30), True),  # naive: taken as UTC
    ],
)
def test_open_or_closed(moment, expected):
    assert is_open(OFFICE, moment) is expected


@pytest.mark.parametrize(
    ("moment", "opening"),
    [
        (be(2026, 12, 4, 17, 30), be(2026, 12, 7, 9, 0)),  # Friday evening -> Monday
        (be(2026, 12, 5, 10, 0), be(2026, 12, 7, 9, 0)),  # Saturday -> Monday
        (be(2026, 12, 6, 23, 59), be(2026, 12, 7, 9, 0)),  # Sunday night -> Monday
        (be(2026, 12, 7, 6, 0), be(2026, 12, 7, 9, 0)),  # Monday early -> today
        (be(2026, 12, 7, 10, 0), be(2026, 12, 8, 9, 0)),  # open now -> the next period
        (be(2026, 3, 27, 18, 0), be(2026, 3, 30, 9, 0)),  # across the change to summer time
    ],
)
def test_next_opening_across_the_weekend(moment, opening):
    found = next_opening(OFFICE, moment)
    assert found == opening
    assert found.utcoffset() == opening.utcoffset()


def test_next_opening_in_summer_time_is_nine_belgian_time():
    found = next_opening(OFFICE, be(2026, 3, 27, 18, 0))
    assert found.astimezone(timezone.utc) == datetime(2026, 3, 30, 7, 0, tzinfo=timezone.utc)


def test_public_holidays_and_closed_days():
    team = directory(public_holidays=True, closed_on=["2026-12-28"])["test"]
    christmas = be(2026, 12, 25, 10, 0)  # a Friday
    assert not is_open(team, christmas)
    assert is_open(OFFICE, christmas)
    # Friday 25 (Christmas), the weekend, Monday 28 (closed_on) -> Tuesday 29.
    assert next_opening(team, be(2026, 12, 24, 17, 0)) == be(2026, 12, 29, 9, 0)
    # New Year on a Friday: closed, back on Monday.
    assert next_opening(team, be(2026, 12, 31, 17, 0)) == be(2027, 1, 4, 9, 0)


def test_lunch_break_and_open_until():
    team = directory(
        hours={"monday": ["09:00-12:00", "13:00-17:00"], "saturday": ["10:00-12:30"]},
        public_holidays=False,
    )["test"]
    monday = (2026, 12, 7)
    assert is_open(team, be(*monday, 11, 59))
    assert not is_open(team, be(*monday, 12, 30))
    assert next_opening(team, be(*monday, 12, 30)) == be(*monday, 13, 0)
    assert open_until(team, be(*monday, 14, 0)) == be(*monday, 17, 0)
    assert open_until(team, be(*monday, 12, 30)) is None
    assert next_opening(team, be(*monday, 17, 0)) == be(2026, 12, 12, 10, 0)


def test_long_closures_and_a_team_that_never_opens_again():
    december = [f"2026-12-{day:02d}" for day in range(1, 32)]
    team = directory(hours={"monday": ["09:00-10:00"]}, closed_on=december)["test"]
    assert next_opening(team, be(2026, 11, 30, 10, 0)) == be(2027, 1, 4, 9, 0)
    mondays = [date.fromordinal(date(2026, 11, 30).toordinal() + 7 * n) for n in range(80)]
    closed = directory(hours={"monday": ["09:00-10:00"]}, closed_on=mondays)["test"]
    assert next_opening(closed, be(2026, 11, 30, 10, 0)) is None
    assert "Het team is er weer" not in availability(closed, be(2026, 11, 30, 10, 0))


def test_easter_and_the_legal_holidays():
    assert easter_sunday(2024) == date(2024, 3, 31)
    assert easter_sunday(2026) == date(2026, 4, 5)
    assert easter_sunday(2027) == date(2027, 3, 28)
    assert easter_sunday(2038) == date(2038, 4, 25)
    holidays = belgian_public_holidays(2026)
    assert len(holidays) == 10
    assert {date(2026, 4, 6), date(2026, 5, 14), date(2026, 5, 25), date(2026, 7, 21)} <= holidays


@pytest.mark.parametrize(
    ("hours", "text"),
    [
        (WEEKDAYS_9_TO_17, "van maandag tot vrijdag, van 9 tot 17 uur"),
        ({"tuesday": ["08:30-12:00"]}, "op dinsdag, van 8.30 tot 12 uur"),
        (
            {"monday": ["09:00-12:00", "13:00-17:00"], "tuesday": ["09:00-12:00", "13:00-17:00"]},
            "op maandag en dinsdag, van 9 tot 12 uur en van 13 tot 17 uur",
        ),
        (
            {"monday": ["09:00-17:00"], "wednesday": ["09:00-17:00"], "friday": ["09:00-17:00"]},
            "op maandag, woensdag en vrijdag, van 9 tot 17 uur",
        ),
        (
            {**{d: ["09:00-17:00"] for d in ("monday", "tuesday", "wednesday", "thursday")},
             "friday": ["09:00-12:00"]},
            "van maandag tot donderdag van 9 tot 17 uur, en op vrijdag van 9 tot 12 uur",
        ),
        (
            {"monday": ["09:00-17:00"], "tuesday": ["09:00-17:00"], "wednesday": ["09:00-17:00"],
             "saturday": ["10:00-12:00"], "sunday": ["20:00-24:00"]},
            "van maandag tot woensdag van 9 tot 17 uur, op zaterdag van 10 tot 12 uur, "
            "en op zondag van 20 tot 24 uur",
        ),
    ],
)  # fmt: skip
def test_hours_in_plain_dutch(hours, text):
    assert describe_hours(directory(hours=hours)["test"]) == text


def test_shipped_teams_describe_their_hours():
    for team in load_teams(DEFAULT_TEAMS_FILE).teams:
        assert describe_hours(team) == "van maandag tot vrijdag, van 9 tot 17 uur"


@pytest.mark.parametrize(
    ("moment", "text"),
    [
        (be(2026, 12, 7, 13, 0), "vandaag om 13 uur"),
        (be(2026, 12, 8, 9, 30), "morgen om 9.30 uur"),
        (be(2026, 12, 14, 9, 0), "op maandag 14 december om 9 uur"),
        (be(2027, 1, 4, 9, 0), "op maandag 4 januari 2027 om 9 uur"),
    ],
)
def test_moments_in_plain_dutch(moment, text):
    assert describe_moment(moment, be(2026, 12, 7, 10, 0)) == text


def test_availability_is_honest():
    team = load_teams(DEFAULT_TEAMS_FILE)["limburg"]
    assert availability(team, be(2026, 12, 4, 10, 0)) == (
        "Team Limburg werkt van maandag tot vrijdag, van 9 tot 17 uur. "
        "Het team werkt nu, tot 17 uur."
    )
    assert availability(team, be(2026, 12, 4, 17, 30)) == (
        "Team Limburg werkt van maandag tot vrijdag, van 9 tot 17 uur. "
        "Nu is het team er niet. Het team is er weer op maandag 7 december om 9 uur."
    )
    assert availability(team, be(2026, 12, 24, 20, 0)).endswith(
        "Het team is er weer op maandag 28 december om 9 uur."
    )


@pytest.mark.parametrize(
    ("hour", "minute", "said"),
    [(17, 0, "17 uur"), (12, 30, "12.30 uur"), (0, 0, "24 uur")],
)
def test_the_end_of_a_period_as_people_say_it(hour, minute, said):
    moment = datetime(2026, 12, 7, hour, minute, tzinfo=ZoneInfo("Europe/Brussels"))
    assert end_time(moment) == said
