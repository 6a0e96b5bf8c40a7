"""Tests of knowledge.queries on a small fixture data set in a temporary SQLite file.

Provinces, municipalities and postcodes are the real ones from knowledge/data/gemeenten.csv
(so misspellings are tried on real names); providers, rights, services and FAQ answers are
made up here. Fixtures are built in code: yml files in tests/ would be read by Rasa.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from knowledge import reference
from knowledge.db import make_engine
from knowledge.models import (
    AutomaticGrant,
    Base,
    FaqAnswer,
    Municipality,
    Postcode,
    Provider,
    Province,
    Right,
    Service,
    SupportType,
    TargetGroup,
)
from knowledge.queries import (
    BRUSSELS,
    WALLOON_REGION,
    contact_services,
    faq_answer,
    find_providers,
    resolve_municipality,
    resolve_place,
    rights_for_profile,
)

CHECKED = date(2026, 11, 24)
STATBEL = {"source_url": "https://statbel.fgov.be/", "checked_on": CHECKED, "status": "verified"}
EXAMPLE = {
    "source_url": "https://example.org/wegwijzer-voorbeeldgegevens",
    "checked_on": CHECKED,
    "status": "verified",
}


def province_id(name: str) -> str:
    return reference.fold(name).replace("-", "_")


def add_places(session: Session) -> None:
    """The real provinces, municipalities and postcodes."""
    session.add_all(Province(id=province_id(n), name=n, **STATBEL) for n in reference.provinces())
    for place in reference.municipalities():
        session.add(
            Municipality(
                refnis=place.refnis,
                name=place.name,
                name_fr=place.name_fr,
                folded_name=reference.fold(place.name),
                province_id=province_id(place.province) if place.province else None,
                region=place.region,
                **STATBEL,
            )
        )
        session.add_all(
            Postcode(code=code, municipality_refnis=place.refnis) for code in place.postcodes
        )
    for model, categories in (
        (SupportType, reference.support_types()),
        (TargetGroup, reference.target_groups()),
    ):
        session.add_all(
            model(
                id=c.id,
                name=c.name,
                synonyms=list(c.synonyms),
                source_url=c.source_url,
                checked_on=CHECKED,
                status=c.status,
            )
            for c in categories
        )
    session.flush()


# name, municipality, licensed, demo, support types, target groups
PROVIDERS = [
    ("Voorbeeld Wonen Leuven", "Leuven", True, True, ["woonondersteuning"], ["autisme"]),
    ("Dagcentrum Leuven", "Leuven", False, False, ["dagondersteuning"], ["autisme", "nah"]),
    ("Huis Leuven", "Leuven", True, False, ["woonondersteuning"], ["nah"]),
    ("Atelier Tienen", "Tienen", True, False, ["dagondersteuning"], ["autisme"]),
    ("Bos Aarschot", "Aarschot", False, False, ["woonondersteuning"], ["autisme"]),
    ("Aanbod Gent", "Gent", True, False, ["woonondersteuning"], ["autisme"]),
    ("Centrum Elsene", "Elsene", True, False, ["dagondersteuning"], ["autisme"]),
    ("Anker Brussel", "Brussel", True, False, ["dagondersteuning"], ["nah"]),
    ("Begeleiding Hasselt", "Hasselt", False, False, ["logeren"], ["autisme"]),
]


def add_providers(session: Session) -> None:
    support = {s.id: s for s in session.execute(select(SupportType)).scalars()}
    groups = {g.id: g for g in session.execute(select(TargetGroup)).scalars()}
    for number, (name, place, licensed, demo, types, targets) in enumerate(PROVIDERS):
        municipality = session.execute(
            select(Municipality).where(Municipality.name == place)
        ).scalar_one()
        session.add(
            Provider(
                id=f"p{number}",
                name=name,
                licensed=licensed,
                demo=demo,
                municipality_refnis=municipality.refnis,
                province_id=municipality.province_id,
                support_types=[support[t] for t in types],
                target_groups=[groups[t] for t in targets],
                **EXAMPLE,
            )
        )


def right(id: str, **fields: object) -> Right:
    defaults: dict[str, object] = {
        "name": id,
        "kind": "support",
        "summary": "Samenvatting.",
        "who": "Voor wie.",
        "min_age": None,
        "max_age": None,
        "exceptional_max_age": None,
        "first_request_before_age": None,
        "open_after_age_if_recognised": False,
        "new_grants_only_for": [],
        "residence": "vlaanderen_brussel",
        "recognition": "not_required",
        "minors_only": False,
        "budget_holders_only": False,
        "help_kinds": [],
        "how_to_apply": "Zo vraag je het aan.",
        "where": [],
    }
    return Right(id=id, **{**defaults, **fields}, **EXAMPLE)


def add_rights(session: Session) -> None:
    session.add_all(
        [
            right(
                "PVB",
                name="Persoonsvolgend budget",
                kind="budget",
                min_age=17,
                first_request_before_age=65,
                open_after_age_if_recognised=True,
                recognition="in_application",  # as knowledge/data/rights.yml (brief §1.2)
                help_kinds=["geld", "begeleiding", "wonen"],
            ),
            right(
                "BOB",
                name="Zorgbudget voor mensen met een handicap",
                kind="allowance",
                new_grants_only_for=["wie vrijwillig overstapt"],
                recognition="required",
                help_kinds=["geld"],
            ),
            right(
                "MFC",
                name="Multifunctioneel centrum",
                kind="service",
                max_age=22,
                exceptional_max_age=26,
                recognition=None,
                help_kinds=["dagbesteding"],
            ),
            right(
                "PAB",
                name="Persoonlijke-assistentiebudget",
                kind="budget",
                minors_only=True,
                help_kinds=["assistentie"],
            ),
            right(
                "ZORGTOESLAG", name="Zorgtoeslag", kind="allowance", max_age=21, help_kinds=["geld"]
            ),
            right(
                "IVT_IT",
                name="Inkomensvervangende tegemoetkoming",
                kind="allowance",
                min_age=18,
                first_request_before_age=65,  # a VAPH recognition changes nothing here
                residence="belgie",
                help_kinds=["geld"],
            ),
            right(
                "RTH",
                name="Rechtstreeks toegankelijke hulp",
                first_request_before_age=65,
                open_after_age_if_recognised=True,
                help_kinds=["begeleiding", "kort_verblijf"],
            ),
            right("IMB", name="Hulpmiddelen", recognition="required", help_kinds=["hulpmiddelen"]),
            right(
                "ZB_OUDEREN",
                name="Zorgbudget voor ouderen",
                kind="allowance",
                min_age=65,
                help_kinds=["geld"],
            ),
            AutomaticGrant(
                id="ATG_NOOD", name="Noodprocedure PVB", description="Bij nood.", **EXAMPLE
            ),
        ]
    )


SERVICES = [  # id, kind, province
    ("vaph", "vaph", None),
    ("ombudsdienst", "ombudsdienst", None),
    ("ocmw", "algemene_dienst", None),
    ("vaph_vlaams_brabant", "vaph_office", "vlaams_brabant"),
    ("dop_vlaams_brabant", "dop", "vlaams_brabant"),
    ("vaph_limburg", "vaph_office", "limburg"),
    ("dop_limburg", "dop", "limburg"),
    ("bijstand_limburg", "bijstandsorganisatie", "limburg"),
]


def add_services_and_faq(session: Session) -> None:
    session.add_all(
        Service(
            id=id,
            kind=kind,
            name=id,
            description="Hier kun je terecht.",
            province_id=province,
            **EXAMPLE,
        )
        for id, kind, province in SERVICES
    )
    session.add_all(
        [
            FaqAnswer(
                topic="what_is_pvb",
                level="gewoon",
                title="Wat is een PVB?",
                text="Een PVB is ...",
                uses=["PVB"],
            ),
            FaqAnswer(
                topic="what_is_pvb",
                level="eenvoudig",
                title="Wat is een PVB?",
                text="Een PVB is geld.",
                uses=[],
            ),
            FaqAnswer(
                topic="contact_vaph",
                level="gewoon",
                title="Hoe bereik ik het VAPH?",
                text="Bel het VAPH.",
                uses=[],
            ),
        ]
    )


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path: Path = tmp_path_factory.mktemp("knowledge") / "knowledge.db"
    engine = make_engine(f"sqlite:///{path}")
    Base.metadata.create_all(engine)
    with Session(engine, future=True) as session:
        add_places(session)
        add_providers(session)
        add_rights(session)
        add_services_and_faq(session)
        session.commit()
    engine.dispose()
    yield f"sqlite:///{path}"


@pytest.fixture()
def session(database: str) -> Iterator[Session]:
    engine = make_engine(database)
    with Session(engine, future=True) as session:
        yield session
    engine.dispose()


def municipality(session: Session, name: str) -> Municipality:
    return session.execute(select(Municipality).where(Municipality.name == name)).scalar_one()


# --- places -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gent", "Gent"),
        ("GENT", "Gent"),
        ("ik woon in Gent", "Gent"),
        ("Ik woon in de buurt van Gent.", "Gent"),
        ("antwerpn", "Antwerpen"),
        ("leuve", "Leuven"),
        ("gentt", "Gent"),
        ("bruge", "Brugge"),
        ("ik woon in leuve", "Leuven"),
        ("sint genesius rode", "Sint-Genesius-Rode"),
        ("Sint Genesius-Rode", "Sint-Genesius-Rode"),
        ("St-Truiden", "Sint-Truiden"),
        ("Bruxelles", "Brussel"),
        ("Louvain", "Leuven"),
        ("Ixelles", "Elsene"),
        ("schaerbeek", "Schaarbeek"),
        ("Molenbeek", "Sint-Jans-Molenbeek"),
        ("ik woon in Ukkel", "Ukkel"),
        ("Sint-Gillis-Waas", "Sint-Gillis-Waas"),
        ("Sint-Gillis", "Sint-Gillis"),
        ("de panne", "De Panne"),
        ("Rhode-Saint-Genèse", "Sint-Genesius-Rode"),
        ("3000", "Leuven"),
        ("9000", "Gent"),
        ("ik woon in 3000 Leuven", "Leuven"),
        ("postcode 2000", "Antwerpen"),
        ("zaventum", "Zaventem"),
        ("Lueven", "Leuven"),  # two letters swapped: difflib 0.83
        ("ik zoek een woonvorm in Lueven", "Leuven"),
        ("kotrrijk", "Kortrijk"),
        ("Tongeren", "Tongeren-Borgloon"),
        ("ik woon naast een boom in Gent", "Gent"),
    ],
)
def test_resolve_municipality(session: Session, text: str, expected: str) -> None:
    found = resolve_municipality(session, text)
    assert found is not None and found.name == expected


def test_every_dutch_and_french_name_resolves_to_itself(session: Session) -> None:
    for place in reference.municipalities():
        for name in (place.name, place.name_fr):
            found = resolve_municipality(session, name)
            assert found is not None and found.refnis == place.refnis, name


def test_the_19_brussels_municipalities(session: Session) -> None:
    brussels = [m for m in reference.municipalities() if m.province is None]
    assert len(brussels) == 19
    for place in brussels:
        found = resolve_municipality(session, place.name.replace("-", " ").lower())
        assert found is not None and found.in_brussels and found.name == place.name


def test_shared_postcode_gives_all_candidates(session: Session) -> None:
    assert [m.name for m in resolve_place(session, "1050")] == ["Elsene", "Brussel"]
    assert resolve_municipality(session, "1050").name == "Elsene"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "text",
    [
        "Parijs",
        "Amsterdam",
        "Namen",
        "Luik",
        "Charleroi",
        "Louvain-la-Neuve",  # not Leuven: a hyphenated word is matched whole
        "Londen",  # not Landen
        "Bergen",  # not Beringen
        "hallo",  # not Halle
        "lenen",  # an ordinary word
        "ik zoek een dagcentrum voor mijn zoon",
        "1234",
        "",
        "   ",
    ],
)
def test_unknown_place(session: Session, text: str) -> None:
    assert resolve_municipality(session, text) is None


@pytest.mark.parametrize("text", ["'; DROP TABLE municipalities; --", "Gent' OR '1'='1"])
def test_injection_shaped_text_finds_nothing(session: Session, text: str) -> None:
    assert resolve_place(session, text) == []
    count = session.execute(select(func.count()).select_from(Municipality)).scalar_one()
    assert count == len(reference.municipalities())
    assert find_providers(session, support_type=text, target_group=text).total == 0


# --- providers ----------------------------------------------------------------------------


def names(page: object) -> list[str]:
    return [item.provider.name for item in page.items]  # type: ignore[attr-defined]


def test_same_municipality_first_then_province(session: Session) -> None:
    page = find_providers(session, municipality=municipality(session, "Leuven"), page_size=10)
    assert names(page) == [
        "Dagcentrum Leuven",
        "Huis Leuven",
        "Voorbeeld Wonen Leuven",
        "Atelier Tienen",
        "Bos Aarschot",
    ]
    assert [item.nearness for item in page.items] == ["municipality"] * 3 + ["province"] * 2
    assert page.total == 5 and not page.has_more


def test_postcode_and_brussels_as_province(session: Session) -> None:
    page = find_providers(session, postcode="1050")
    assert names(page) == ["Anker Brussel", "Centrum Elsene"]  # 1050 is Elsene and Brussel
    assert all(item.same_municipality for item in page.items)
    page = find_providers(session, municipality=municipality(session, "Elsene"))
    assert names(page) == ["Centrum Elsene", "Anker Brussel"]
    assert [item.nearness for item in page.items] == ["municipality", "province"]
    assert find_providers(session, postcode="7000").total == 0  # not a known postcode


def test_province_only_and_nothing_given(session: Session) -> None:
    page = find_providers(session, province="vlaams_brabant", page_size=10)
    assert names(page) == [
        "Atelier Tienen",
        "Bos Aarschot",
        "Dagcentrum Leuven",
        "Huis Leuven",
        "Voorbeeld Wonen Leuven",
    ]
    assert {item.nearness for item in page.items} == {"province"}
    assert names(find_providers(session, province=BRUSSELS)) == ["Anker Brussel", "Centrum Elsene"]
    everything = find_providers(session, page_size=100)
    assert everything.total == len(PROVIDERS)
    assert names(everything) == sorted(p[0] for p in PROVIDERS)


def test_filters(session: Session) -> None:
    leuven = municipality(session, "Leuven")
    page = find_providers(session, municipality=leuven, support_type="woonondersteuning")
    assert names(page) == ["Huis Leuven", "Voorbeeld Wonen Leuven", "Bos Aarschot"]
    page = find_providers(session, municipality=leuven, target_group="autisme", licensed=True)
    assert names(page) == ["Voorbeeld Wonen Leuven", "Atelier Tienen"]
    page = find_providers(session, municipality=leuven, licensed=False)
    assert names(page) == ["Dagcentrum Leuven", "Bos Aarschot"]
    assert find_providers(session, municipality=leuven, support_type="logeren").total == 0


def test_paging(session: Session) -> None:
    leuven = municipality(session, "Leuven")
    first = find_providers(session, municipality=leuven, page_size=2)
    second = find_providers(session, municipality=leuven, page=2, page_size=2)
    third = find_providers(session, municipality=leuven, page=3, page_size=2)
    assert names(first) + names(second) + names(third) == names(
        find_providers(session, municipality=leuven, page_size=10)
    )
    assert first.has_more and second.has_more and not third.has_more
    assert (second.page, second.page_size, second.total, len(third.items)) == (2, 2, 5, 1)
    assert find_providers(session, municipality=leuven, page=9).items == []
    with pytest.raises(ValueError):
        find_providers(session, page=0)


def test_demo_flag(session: Session) -> None:
    leuven = municipality(session, "Leuven")
    assert find_providers(session, municipality=leuven).demo
    assert not find_providers(session, municipality=leuven, licensed=False).demo


# --- rights -------------------------------------------------------------------------------


def ids(matches: list) -> list[str]:
    return [match.right.id for match in matches]


def test_first_pvb_request_only_before_65(session: Session) -> None:
    older = ids(rights_for_profile(session, age=70))
    assert "PVB" not in older and "RTH" not in older and "ZB_OUDEREN" in older
    matches = {m.right.id: m for m in rights_for_profile(session, age=34)}
    assert "je bent 34 en een eerste aanvraag kan tot 65 jaar" in matches["PVB"].reasons
    assert "je bent 34 en dit kan vanaf 17 jaar" in matches["PVB"].reasons


def test_someone_recognised_before_65_can_still_turn_to_the_vaph(session: Session) -> None:
    matches = {m.right.id: m for m in rights_for_profile(session, age=70, recognised=True)}
    # RTH needs no recognition, but a recognised person keeps access after 65 (brief §4).
    assert {"PVB", "RTH"} <= set(matches)
    assert "IVT_IT" not in matches  # a VAPH recognition does not lift this age limit
    for right_id in ("PVB", "RTH"):
        assert (
            "je bent 70, maar je bent al erkend door het VAPH: wie vóór 65 jaar erkend werd, "
            "kan ook later nog hulp vragen" in matches[right_id].reasons
        )
    not_recognised = ids(rights_for_profile(session, age=70, recognised=False))
    assert "RTH" not in not_recognised and "PVB" not in not_recognised
    assert "RTH" not in ids(rights_for_profile(session, age=70))  # recognition not known


def test_a_right_with_new_grants_only_for_some_groups_is_never_listed(session: Session) -> None:
    for profile in ({}, {"age": 8}, {"age": 34, "recognised": True}, {"help_kind": "geld"}):
        assert "BOB" not in ids(rights_for_profile(session, **profile))  # type: ignore[arg-type]


def test_an_exceptional_extension_keeps_the_right_until_its_own_limit(session: Session) -> None:
    young = {m.right.id: m for m in rights_for_profile(session, age=12)}
    assert "je bent 12 en dit kan tot 22 jaar" in young["MFC"].reasons
    extended = {m.right.id: m for m in rights_for_profile(session, age=24)}
    assert (
        "je bent 24: dit kan meestal tot 22 jaar, en soms nog tot 26 jaar"
        in extended["MFC"].reasons
    )
    assert "MFC" not in ids(rights_for_profile(session, age=26))


def test_an_age_band_keeps_what_fits_some_age_in_it(session: Session) -> None:
    minors = {m.right.id: m for m in rights_for_profile(session, age_range=(0, 17))}
    assert {"PAB", "ZORGTOESLAG"} <= set(minors)
    assert "PVB" in minors  # from 17, which is in the band
    assert "je bent jonger dan 18 en dit kan vanaf 17 jaar" in minors["PVB"].reasons
    older = ids(rights_for_profile(session, age_range=(65, 120)))
    assert "PVB" not in older and "ZB_OUDEREN" in older and "PAB" not in older
    with pytest.raises(ValueError):
        rights_for_profile(session, age_range=(30, 20))


def test_reasons_name_the_person_when_the_network_asks(session: Session) -> None:
    matches = {
        m.right.id: m
        for m in rights_for_profile(
            session, age=34, lives_in=municipality(session, "Gent"), about="Lotte"
        )
    }
    reasons = matches["PVB"].reasons
    assert "Lotte is 34 en dit kan vanaf 17 jaar" in reasons
    assert "Lotte woont in Gent, en dit is voor wie in Vlaanderen of Brussel woont" in reasons
    assert not any(reason.startswith("je bent") for reason in reasons)


def test_minor_gets_minors_only_rights(session: Session) -> None:
    matches = {m.right.id: m for m in rights_for_profile(session, age=12)}
    assert {"PAB", "ZORGTOESLAG", "RTH"} <= set(matches)
    assert "PVB" not in matches and "IVT_IT" not in matches
    assert "je bent 12 en dit is alleen voor minderjarigen" in matches["PAB"].reasons
    assert "PAB" not in ids(rights_for_profile(session, age=30))


def test_a_right_for_budget_holders_only_needs_a_budget(session: Session) -> None:
    session.add(right("BIJSTAND", name="Bijstandsorganisatie", budget_holders_only=True))
    session.flush()

    assert "BIJSTAND" not in ids(rights_for_profile(session, has_budget=False))
    assert "BIJSTAND" in ids(rights_for_profile(session))  # not known: not left out
    matches = {m.right.id: m for m in rights_for_profile(session, has_budget=True)}
    assert "je hebt al een budget, en dit is voor budgethouders" in matches["BIJSTAND"].reasons
    lotte = {m.right.id: m for m in rights_for_profile(session, has_budget=True, about="Lotte")}
    assert "Lotte heeft al een budget, en dit is voor budgethouders" in lotte["BIJSTAND"].reasons


def test_residence(session: Session) -> None:
    gent = {
        m.right.id: m for m in rights_for_profile(session, lives_in=municipality(session, "Gent"))
    }
    assert "PVB" in gent
    assert (
        "je woont in Gent, en dit is voor wie in Vlaanderen of Brussel woont" in gent["PVB"].reasons
    )
    assert "PVB" in ids(rights_for_profile(session, lives_in=municipality(session, "Elsene")))
    namen = Municipality(name="Namen", name_fr="Namur", region=WALLOON_REGION)  # not stored
    for lives_in in (namen, WALLOON_REGION):
        assert ids(rights_for_profile(session, lives_in=lives_in)) == ["IVT_IT"]
    assert ids(rights_for_profile(session, lives_in="buitenland")) == []


def test_unrecognised_gets_rights_without_recognition_or_assessed_in_the_application(
    session: Session,
) -> None:
    matches = rights_for_profile(session, recognised=False)
    assert {m.right.recognition for m in matches} == {"not_required", "in_application", None}
    assert "IMB" not in ids(matches)  # the VAPH must have recognised the person already
    pvb = next(m for m in matches if m.right.id == "PVB")
    assessed = "het VAPH bekijkt bij de aanvraag of het je erkent"
    assert f"je bent nog niet erkend door het VAPH; {assessed}" in pvb.reasons
    assert "Het VAPH bekijkt bij de aanvraag of het je erkent." in pvb.plain_reasons
    lotte = rights_for_profile(session, recognised=False, about="Lotte")
    said = next(m for m in lotte if m.right.id == "PVB").reasons
    assert (
        "Lotte is nog niet erkend door het VAPH; "
        "het VAPH bekijkt bij de aanvraag of het Lotte erkent" in said
    )
    assert all(
        "je hebt hiervoor geen erkenning van het VAPH nodig" in m.reasons
        for m in matches
        if m.right.recognition == "not_required"
    )
    recognised = {m.right.id: m for m in rights_for_profile(session, recognised=True)}
    assert {"PVB", "IMB", "RTH"} <= set(recognised)
    assert "je bent door het VAPH erkend als persoon met een handicap" in recognised["PVB"].reasons


def test_help_kind_and_nothing_known(session: Session) -> None:
    assert ids(rights_for_profile(session, help_kind="hulpmiddelen")) == ["IMB"]
    matches = rights_for_profile(session, age=40, help_kind="geld")
    assert ids(matches) == ["IVT_IT", "PVB"]
    assert "je zoekt geld voor je ondersteuning, en daar helpt dit bij" in matches[0].reasons
    assert len(rights_for_profile(session)) == 8  # every right but BOB
    with pytest.raises(ValueError):
        rights_for_profile(session, help_kind="taart")


def test_urgent_puts_the_emergency_procedure_first(session: Session) -> None:
    matches = rights_for_profile(session, age=40, urgent=True)
    assert matches[0].right.id == "PVB" and matches[0].emergency is not None
    assert matches[0].emergency.id == "ATG_NOOD"
    assert all(m.emergency is None for m in matches[1:])
    assert all(m.emergency is None for m in rights_for_profile(session, age=70, urgent=True))
    assert all(m.emergency is None for m in rights_for_profile(session, age=40))


# --- services and FAQ ---------------------------------------------------------------------


def test_contact_services_brussels(session: Session) -> None:
    services = contact_services(session, municipality(session, "Elsene"))
    assert [s.id for s in services] == ["vaph_vlaams_brabant", "vaph", "ocmw", "ombudsdienst"]


def test_contact_services_limburg(session: Session) -> None:
    services = contact_services(session, municipality(session, "Hasselt"))
    assert [s.id for s in services] == [
        "dop_limburg",
        "vaph_limburg",
        "vaph",
        "ocmw",
        "bijstand_limburg",
        "ombudsdienst",
    ]


def test_faq_answer_falls_back_to_gewoon(session: Session) -> None:
    assert faq_answer(session, "what_is_pvb", "eenvoudig").text == "Een PVB is geld."  # type: ignore[union-attr]
    assert faq_answer(session, "what_is_pvb").level == "gewoon"  # type: ignore[union-attr]
    assert faq_answer(session, "contact_vaph", "eenvoudig").level == "gewoon"  # type: ignore[union-attr]
    assert faq_answer(session, "no_such_topic") is None
