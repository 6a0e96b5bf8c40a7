"""Routing: a case goes to the team of the person's province."""

from __future__ import annotations

import pytest

from bot.handoff.routing import Location, locate, team_for_municipality
from bot.handoff.teams import DEFAULT_TEAMS_FILE, load_teams
from knowledge.reference import BRUSSELS_REGION, municipalities

TEAMS = load_teams(DEFAULT_TEAMS_FILE)


@pytest.mark.parametrize(
    ("place", "team_id"),
    [
        ("Gent", "oost-vlaanderen"),
        ("gent", "oost-vlaanderen"),
        ("9000", "oost-vlaanderen"),
        ("Korenmarkt 1, 9000 Gent", "oost-vlaanderen"),
        ("Gentt", "oost-vlaanderen"),
        ("Sint-Niklaas", "oost-vlaanderen"),
        ("sint niklaas", "oost-vlaanderen"),
        ("Antwerpen", "antwerpen"),
        ("Genk", "limburg"),
        ("provincie Limburg", "limburg"),
        ("Leuven", "vlaams-brabant"),
        ("Zaventum", "vlaams-brabant"),
        ("Brugge", "west-vlaanderen"),
        ("Courtrai", "west-vlaanderen"),
    ],
)
def test_flemish_places_go_to_their_province(place, team_id):
    assert team_for_municipality(place, TEAMS).id == team_id


@pytest.mark.parametrize(
    "place", ["Anderlecht", "Brussel", "Bruxelles", "Elsene", "Ixelles", "1050", "1000"]
)
def test_brussels_goes_to_the_vlaams_brabant_team(place):
    assert locate(place).in_brussels
    assert team_for_municipality(place, TEAMS).id == "vlaams-brabant"


@pytest.mark.parametrize(
    "place", [None, "", "   ", "Wallonië", "het buitenland", "Londen", "Luik", "7000", "qwerty"]
)
def test_unknown_places_go_to_the_default_team(place):
    assert locate(place) == Location()
    assert team_for_municipality(place, TEAMS).id == "vlaanderen"


def test_every_municipality_is_routed_by_name_and_postcode():
    for municipality in municipalities():
        expected = (
            "vlaams-brabant"
            if municipality.region == BRUSSELS_REGION
            else TEAMS.for_province(municipality.province).id
        )
        assert team_for_municipality(municipality.name, TEAMS).id == expected, municipality
        assert team_for_municipality(municipality.postcodes[0], TEAMS).id == expected


def test_the_settings_teams_file_is_used_by_default(monkeypatch, tmp_path):
    own = tmp_path / "teams.yml"
    own.write_text(
        "default_team: een\nbrussels_team: een\n"
        "teams:\n  - {id: een, name: Team Een, hours: {monday: ['09:00-12:00']}}\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("WEGWIJZER_TEAMS_FILE", str(own))
    assert team_for_municipality("Gent").id == "een"
