"""The teams file: the shipped one is complete, and a wrong one says what is wrong."""

from __future__ import annotations

import pytest
import yaml

from bot.config import load_settings
from bot.handoff.teams import DEFAULT_TEAMS_FILE, TeamsFileError, load_teams, parse_teams
from knowledge.reference import provinces
from tests.handoff import WEEKDAYS_9_TO_17


def test_shipped_file_covers_every_province_once():
    teams = load_teams(DEFAULT_TEAMS_FILE)
    covered = [province for team in teams.teams for province in team.provinces]
    assert sorted(covered) == sorted(provinces())
    assert teams.brussels_team.id == "vlaams-brabant"
    assert teams.default_team.id == "vlaanderen"
    assert teams.default_team.provinces == ()
    assert all(team.name.startswith("Team ") for team in teams.teams)


def test_settings_point_to_the_teams_file(tmp_path):
    assert load_settings({}).teams_file == str(DEFAULT_TEAMS_FILE)
    own = tmp_path / "teams.yml"
    own.write_text(
        yaml.safe_dump(
            {
                "default_team": "alles",
                "brussels_team": "alles",
                "teams": [{"id": "alles", "name": "Team Alles", "hours": WEEKDAYS_9_TO_17}],
            }
        ),
        encoding="utf-8",
    )
    settings = load_settings({"WEGWIJZER_TEAMS_FILE": str(own)})
    assert settings.teams_file == str(own)
    assert load_teams(settings.teams_file).ids == ("alles",)


def test_changed_file_is_read_again(tmp_path):
    path = tmp_path / "teams.yml"
    data = {
        "default_team": "a",
        "brussels_team": "a",
        "teams": [{"id": "a", "name": "Team A", "hours": WEEKDAYS_9_TO_17}],
    }
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    assert load_teams(path).default_team.name == "Team A"
    data["teams"][0]["name"] = "Team Anders"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    import os

    os.utime(path, ns=(1, 2_000_000_000_000_000_000))
    assert load_teams(path).default_team.name == "Team Anders"


def team(**changes):
    return {
        "id": "a",
        "name": "Team A",
        "provinces": ["Limburg"],
        "hours": WEEKDAYS_9_TO_17,
    } | changes


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"teams": "geen lijst"}, "needs a list 'teams'"),
        ({"teams": [team(provinces=["Brussel"])]}, "'Brussel' is not a province"),
        ({"teams": [team(provinces=["limburg"])]}, "'limburg' is not a province"),
        ({"teams": [team(hours={"maandag": ["9:00-17:00"]})]}, "'maandag' is not a day"),
        ({"teams": [team(hours={"monday": ["9-17"]})]}, "not a period"),
        ({"teams": [team(hours={"monday": ["17:00-09:00"]})]}, "ends before it starts"),
        ({"teams": [team(hours={"monday": ["09:00-25:00"]})]}, "not a time of day"),
        ({"teams": [team(hours={"monday": ["09:00-13:00", "12:00-17:00"]})]}, "overlap"),
        ({"teams": [team(hours={})]}, "at least one period"),
        ({"teams": [team(id="Team A")]}, "lower-case"),
        ({"teams": [team(), team(provinces=[])]}, "used twice"),
        ({"teams": [team(), team(id="b")]}, "Limburg belongs to 'a' and 'b'"),
        ({"teams": [team(webhook_url="ftp://x")]}, "webhook_url"),
        ({"teams": [team(email="geen-adres")]}, "email"),
        ({"teams": [team(closed_on=["24 december"])]}, "not a date"),
        ({"teams": [team()], "default_team": "z"}, "default_team must be"),
        ({"teams": [team()], "brussels_team": None}, "brussels_team must be"),
    ],
)
def test_wrong_files_are_refused_with_the_reason(data, message):
    data = {"default_team": "a", "brussels_team": "a"} | data
    with pytest.raises(TeamsFileError, match=message):
        parse_teams(data)


def test_every_problem_is_listed_at_once():
    with pytest.raises(TeamsFileError) as raised:
        parse_teams(
            {
                "default_team": "x",
                "brussels_team": "a",
                "teams": [team(provinces=["Henegouwen"], hours={"monday": ["x"]})],
            }
        )
    assert str(raised.value).count("\n- ") == 4


def test_missing_and_broken_files(tmp_path):
    with pytest.raises(TeamsFileError, match="cannot be read"):
        load_teams(tmp_path / "nergens.yml")
    broken = tmp_path / "kapot.yml"
    broken.write_text("teams: [\n", encoding="utf-8")
    with pytest.raises(TeamsFileError, match="not valid YAML"):
        load_teams(broken)


def test_optional_contact_points():
    loaded = parse_teams(
        {
            "default_team": "a",
            "brussels_team": "a",
            "teams": [
                team(webhook_url="https://hooks.example.org/team-a", email="Team.A@Voorbeeld.be")
            ],
        }
    )
    assert loaded["a"].webhook_url == "https://hooks.example.org/team-a"
    assert loaded["a"].email == "Team.A@voorbeeld.be"
    assert loaded.get("b") is None and "a" in loaded
