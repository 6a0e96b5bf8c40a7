"""Tests of bot/handoff. Database tests use the fixtures of tests/storage (SQLite and the
required PostgreSQL)."""

from __future__ import annotations

from typing import Any

from bot.handoff.teams import TeamDirectory, parse_teams

WEEKDAYS_9_TO_17 = {
    day: ["09:00-17:00"] for day in ("monday", "tuesday", "wednesday", "thursday", "friday")
}


def directory(**team_changes: Any) -> TeamDirectory:
    """A one-team directory ("test") with office hours, changed by `team_changes`;
    `public_holidays` and `closed_on` go to the top level."""
    top = {
        key: team_changes.pop(key)
        for key in ("public_holidays", "closed_on")
        if key in team_changes
    }
    team = {"id": "test", "name": "Team Test", "provinces": [], "hours": WEEKDAYS_9_TO_17}
    team.update(team_changes)
    return parse_teams({"default_team": "test", "brussels_team": "test", "teams": [team], **top})
