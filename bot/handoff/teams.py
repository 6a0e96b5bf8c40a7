"""The teams of trajectondersteuners, read from the teams file (bot/handoff/teams.yml or
the file in WEGWIJZER_TEAMS_FILE).

`load_teams` checks the whole file and raises `TeamsFileError` with every problem in it,
so a wrong file stops the process at start instead of misrouting a case later. The
format is described at the top of bot/handoff/teams.yml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from email_validator import EmailNotValidError, validate_email

from knowledge.reference import provinces as known_provinces

DEFAULT_TEAMS_FILE = Path(__file__).resolve().parent / "teams.yml"
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MINUTES_PER_DAY = 24 * 60

_TEAM_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
_PERIOD = re.compile(r"(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})")

Period = tuple[int, int]  # minutes after midnight: start (inclusive), end (exclusive)


class TeamsFileError(ValueError):
    """The teams file cannot be used; the message lists every problem."""


@dataclass(frozen=True)
class Team:
    id: str
    name: str
    provinces: tuple[str, ...]
    # Index 0 is Monday, as date.weekday(); each day's periods are sorted, never overlap.
    hours: tuple[tuple[Period, ...], ...]
    closed_on: frozenset[date] = frozenset()
    public_holidays: bool = True
    webhook_url: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class TeamDirectory:
    """All teams, and which one gets Brussels and which one everything unknown."""

    teams: tuple[Team, ...]
    default_team_id: str
    brussels_team_id: str
    _by_id: dict[str, Team] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_id.update({team.id: team for team in self.teams})

    def get(self, team_id: str) -> Team | None:
        return self._by_id.get(team_id)

    def __getitem__(self, team_id: str) -> Team:
        return self._by_id[team_id]

    def __contains__(self, team_id: object) -> bool:
        return team_id in self._by_id

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(team.id for team in self.teams)

    @property
    def default_team(self) -> Team:
        return self._by_id[self.default_team_id]

    @property
    def brussels_team(self) -> Team:
        return self._by_id[self.brussels_team_id]

    def for_province(self, province: str | None) -> Team:
        """The team of a Flemish province; the default team for None or an unknown name."""
        for team in self.teams:
            if province is not None and province in team.provinces:
                return team
        return self.default_team


def _period(text: Any, where: str, problems: list[str]) -> Period | None:
    match = _PERIOD.fullmatch(str(text).strip())
    if not match:
        problems.append(f"{where}: {text!r} is not a period like '09:00-17:00'")
        return None
    start_h, start_m, end_h, end_m = (int(part) for part in match.groups())
    start, end = start_h * 60 + start_m, end_h * 60 + end_m
    if start_m > 59 or end_m > 59 or start >= MINUTES_PER_DAY or end > MINUTES_PER_DAY:
        problems.append(f"{where}: {text!r} is not a time of day")
        return None
    if end <= start:
        problems.append(f"{where}: {text!r} ends before it starts (split it at midnight)")
        return None
    return start, end


def _hours(raw: Any, where: str, problems: list[str]) -> tuple[tuple[Period, ...], ...]:
    if not isinstance(raw, dict):
        problems.append(f"{where}: hours must map days (monday ... sunday) to periods")
        return tuple(() for _ in WEEKDAYS)
    for day in raw:
        if day not in WEEKDAYS:
            problems.append(f"{where}: {day!r} is not a day (monday ... sunday)")
    days = []
    for day in WEEKDAYS:
        texts = raw.get(day) or []
        if isinstance(texts, str):
            texts = [texts]
        periods = sorted(
            period
            for text in texts
            if (period := _period(text, f"{where}.{day}", problems)) is not None
        )
        for (_, end), (start, _) in zip(periods, periods[1:], strict=False):
            if start < end:
                problems.append(f"{where}.{day}: periods overlap")
        days.append(tuple(periods))
    if not any(days):
        problems.append(f"{where}: a team needs at least one period in its hours")
    return tuple(days)


def _dates(raw: Any, where: str, problems: list[str]) -> frozenset[date]:
    found = set()
    for value in raw or []:
        if isinstance(value, date):
            found.add(value)
            continue
        try:
            found.add(date.fromisoformat(str(value)))
        except ValueError:
            problems.append(f"{where}: {value!r} is not a date like 2026-12-24")
    return frozenset(found)


def _optional_text(raw: Any) -> str | None:
    text = str(raw).strip() if raw is not None else ""
    return text or None


def _team(raw: Any, index: int, common: dict[str, Any], problems: list[str]) -> Team | None:
    where = f"teams[{index}]"
    if not isinstance(raw, dict):
        problems.append(f"{where}: a team is a mapping with id, name, provinces and hours")
        return None
    team_id = str(raw.get("id", ""))
    if not _TEAM_ID.fullmatch(team_id):
        problems.append(f"{where}: id {team_id!r} must be lower-case letters, digits and '-'")
    where = f"team {team_id or index}"
    name = _optional_text(raw.get("name"))
    if name is None:
        problems.append(f"{where}: a name is needed")
    provinces = raw.get("provinces") or []
    if not isinstance(provinces, list):
        problems.append(f"{where}: provinces must be a list")
        provinces = []
    valid = set(known_provinces())
    for province in provinces:
        if province not in valid:
            problems.append(
                f"{where}: {province!r} is not a province of gemeenten.csv "
                f"({', '.join(sorted(valid))})"
            )
    webhook_url = _optional_text(raw.get("webhook_url"))
    if webhook_url and not re.match(r"https?://[^\s/]+", webhook_url):
        problems.append(f"{where}: webhook_url must start with http:// or https://")
    email = _optional_text(raw.get("email"))
    if email:
        try:
            email = validate_email(email, check_deliverability=False).normalized
        except EmailNotValidError as error:
            problems.append(f"{where}: email {email!r}: {error}")
    return Team(
        id=team_id,
        name=name or team_id,
        provinces=tuple(str(province) for province in provinces),
        hours=_hours(raw.get("hours"), where, problems),
        closed_on=common["closed_on"] | _dates(raw.get("closed_on"), where, problems),
        public_holidays=common["public_holidays"],
        webhook_url=webhook_url,
        email=email,
    )


def parse_teams(data: Any, source: str = "teams file") -> TeamDirectory:
    """A TeamDirectory from the file's parsed YAML; TeamsFileError lists every problem."""
    problems: list[str] = []
    if not isinstance(data, dict) or not isinstance(data.get("teams"), list):
        raise TeamsFileError(f"{source}: needs a list 'teams'")
    common = {
        "closed_on": _dates(data.get("closed_on"), "closed_on", problems),
        "public_holidays": bool(data.get("public_holidays", True)),
    }
    teams = [
        team
        for index, raw in enumerate(data["teams"])
        if (team := _team(raw, index, common, problems)) is not None
    ]
    ids = [team.id for team in teams]
    for team_id in sorted({i for i in ids if ids.count(i) > 1}):
        problems.append(f"team id {team_id!r} is used twice")
    owners: dict[str, str] = {}
    for team in teams:
        for province in team.provinces:
            if province in owners:
                problems.append(f"{province} belongs to {owners[province]!r} and {team.id!r}")
            owners.setdefault(province, team.id)
    for key in ("default_team", "brussels_team"):
        if data.get(key) not in ids:
            problems.append(f"{key} must be the id of one of the teams, not {data.get(key)!r}")
    if problems:
        raise TeamsFileError(f"{source}:\n- " + "\n- ".join(problems))
    return TeamDirectory(
        teams=tuple(teams),
        default_team_id=str(data["default_team"]),
        brussels_team_id=str(data["brussels_team"]),
    )


@lru_cache(maxsize=8)
def _load(path: str, _modified_ns: int) -> TeamDirectory:
    with open(path, encoding="utf-8") as handle:
        try:
            data = yaml.safe_load(handle)
        except yaml.YAMLError as error:
            raise TeamsFileError(f"{path}: not valid YAML: {error}") from error
    return parse_teams(data, path)


def load_teams(path: str | Path | None = None) -> TeamDirectory:
    """The teams of `path` (default: the settings' teams file), read again when it changed."""
    if path is None:
        from bot.config import load_settings

        path = load_settings().teams_file
    resolved = Path(path).resolve()
    try:
        modified = resolved.stat().st_mtime_ns
    except OSError as error:
        raise TeamsFileError(f"{resolved}: cannot be read ({error.strerror})") from error
    return _load(str(resolved), modified)
