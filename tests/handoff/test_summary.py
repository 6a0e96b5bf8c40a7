"""The case summary keeps known facts only, short, and reads as Dutch lines."""

from __future__ import annotations

import pytest

from bot.handoff.summary import age_band, build_summary, summary_lines


@pytest.mark.parametrize(
    ("age", "band"),
    [
        ("34", "18-64"),
        ("8", "0-17"),
        ("17", "0-17"),
        ("18", "18-64"),
        ("65", "65+"),
        ("0-17", "0-17"),
        ("18-64", "18-64"),
        ("65-120", "65+"),
        ("65+", "65+"),
        ("10-30", None),
        ("onbekend", None),
        ("veel", None),
        (None, None),
        (True, None),
    ],
)
def test_age_band(age, band):
    assert age_band(age) == band


def test_summary_keeps_known_facts_only():
    facts = {
        "speaker": "network",
        "age": "34",
        "place": "9000",
        "vaph_known": "erkend",
        "help_kind": "wonen",
        "urgent": "ja",
        "rights_shown": ["Persoonsvolgend budget", "Zorgbudget", "Zorgbudget", ""],
        "plan_domains": ["wonen", "mobiliteit"],
        "good_day": "Ik ga graag naar de markt met mijn zus Ann",  # message text: left out
        "person_name": "Ann",
        "speaker_extra": "x",
    }
    assert build_summary(facts) == {
        "speaker": "network",
        "age_band": "18-64",
        "municipality": "Gent",
        "province": "Oost-Vlaanderen",
        "vaph_known": "erkend",
        "help_kind": "wonen",
        "urgent": "ja",
        "rights_shown": ["Persoonsvolgend budget", "Zorgbudget"],
        "plan_domains": ["wonen", "mobiliteit"],
    }


def test_unknown_and_odd_values_are_left_out():
    assert build_summary({}) == {}
    assert (
        build_summary(
            {
                "speaker": "robot",
                "age": "onbekend",
                "place": "het buitenland",
                "vaph_known": "misschien",
                "urgent": "onbekend",
                "rights_shown": 42,
                "crisis": "yes",
            }
        )
        == {}
    )


def test_brussels_and_long_values():
    summary = build_summary(
        {
            "place": "Anderlecht",
            "help_kind": "x" * 500,
            "rights_shown": [f"r{n}" for n in range(50)],
        }
    )
    assert summary["municipality"] == "Anderlecht" and summary["province"] == "Brussel"
    assert len(summary["help_kind"]) == 100
    assert len(summary["rights_shown"]) == 30


def test_lines_for_the_portal():
    summary = build_summary(
        {
            "crisis": True,
            "speaker": "person",
            "age": "70",
            "place": "Hasselt",
            "vaph_known": "prioriteitengroep",
            "help_kind": "kort_verblijf",
            "urgent": "nee",
            "rights_shown": ["Zorgbudget"],
            "plan_domains": ["wonen", "vrije_tijd", "iets_anders"],
        }
    )
    assert summary_lines(summary) == [
        ("Crisis", "Er was een crisissignaal in het gesprek"),
        ("Wie praat", "De persoon zelf"),
        ("Leeftijd", "65 jaar of ouder"),
        ("Gemeente", "Hasselt"),
        ("Provincie", "Limburg"),
        ("VAPH", "Erkend en in een prioriteitengroep"),
        ("Soort hulp", "kort verblijf"),
        ("Dringend volgens de persoon", "nee"),
        ("Getoonde rechten", "Zorgbudget"),
        ("Domeinen in het plan", "Wonen, Vrije tijd, iets_anders"),
    ]
    assert summary_lines({}) == []
