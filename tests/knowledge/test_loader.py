"""knowledge.loader: every validation error names the file and the line of the problem.

Each case writes the valid sample data set into tmp_path, breaks one thing and checks the
DataError's file, line and message.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.loader import FAQ_TOPICS, DataError, load, term_pattern
from knowledge.reference import DATA_DIR
from tests.knowledge.sample_data import SOURCE, line_of, replace_in, write_sample_data

CITATION = "Congres Hulpverlening als sociale onderneming?!, UCLL, 3 juni 2022"
PRIVACY = (
    "- topic: privacy\n  title: Vraag over privacy?\n  uses: []\n"
    "  gewoon: Uitleg over privacy.\n  eenvoudig: Kort.\n"
)

# (file, text to replace, replacement, expected message part, (text on the line, occurrence))
CASES = {
    "yaml_syntax": (
        "rights.yml",
        "who: Mensen met een handicap.",
        "who: Mensen: met een handicap.",
        "invalid YAML",
        ("who: Mensen: met", 1),
    ),
    "duplicate_key": (
        "rights.yml",
        "  abbreviation: PVB\n",
        "  abbreviation: PVB\n  abbreviation: PV\n",
        "field `abbreviation` appears twice",
        ("abbreviation: PV", 2),
    ),
    "missing_field": (
        "rights.yml",
        "  who: Mensen die op een wachtlijst staan.\n",
        "",
        "missing field `who`",
        ("- id: BOB", 1),
    ),
    "unknown_field": (
        "rights.yml",
        "abbreviation: PVB",
        "abreviation: PVB",
        "unknown field `abreviation`",
        ("abreviation", 1),
    ),
    "wrong_type": (
        "rights.yml",
        "min_age: 17",
        "min_age: zeventien",
        "`min_age` must be a whole number",
        ("min_age", 1),
    ),
    "year_without_money": (
        "rights.yml",
        "      money: true\n",
        "",
        "an amount with a `year` needs `money: true` or `money: false`",
        ("- id: per_month", 1),
    ),
    "open_after_age_without_age": (
        "rights.yml",
        "  first_request_before_age: 65\n",
        "  first_request_before_age: null\n  open_after_age_if_recognised: true\n",
        "`open_after_age_if_recognised` needs a `first_request_before_age`",
        ("open_after_age_if_recognised", 1),
    ),
    "exceptional_max_age_without_max_age": (
        "rights.yml",
        "  max_age: null\n",
        "  max_age: null\n  exceptional_max_age: 26\n",
        "`exceptional_max_age` needs a `max_age` below it",
        ("exceptional_max_age", 1),
    ),
    "new_grants_only_for_not_a_list": (
        "rights.yml",
        "  who: Mensen die op een wachtlijst staan.\n",
        "  who: Mensen die op een wachtlijst staan.\n  new_grants_only_for: iedereen\n",
        "`new_grants_only_for` must be a list",
        ("new_grants_only_for", 1),
    ),
    "text_type": (
        "priority_groups.yml",
        "name: Prioriteitengroep 1",
        "name: 1",
        "`name` must be text (put it in quotes), got 1",
        ("name: 1", 1),
    ),
    "min_above_max": (
        "rights.yml",
        "max_age: null",
        "max_age: 12",
        "`min_age` 17 is above `max_age` 12",
        ("min_age", 1),
    ),
    "status": (
        "rights.yml",
        "status: verified",
        "status: zeker",
        "`status` must be one of verified, uncertain; got 'zeker'",
        ("status: zeker", 1),
    ),
    "source_url_not_http": (
        "rights.yml",
        f"source_url: {SOURCE}\n  checked_on",
        "source_url: ftp://vaph.be/\n  checked_on",
        "`source_url` must be an http(s) URL",
        ("ftp://", 1),
    ),
    "source_url_missing": (
        "priority_groups.yml",
        f"  source_url: {SOURCE}\n",
        "",
        "missing field `source_url`",
        ("- id: PG1", 1),
    ),
    "other_sources_not_urls": (
        "priority_groups.yml",
        "  status: verified\n",
        "  status: verified\n  other_sources:\n    - https://www.vaph.be/a\n    - www.vaph.be/b\n",
        "`other_sources` must hold http(s) URLs",
        ("www.vaph.be/b", 1),
    ),
    "checked_on_not_a_date": (
        "automatic_grants.yml",
        "checked_on: 2026-11-24",
        "checked_on: 2026-02-30",
        "`checked_on` must be a real date YYYY-MM-DD",
        ("2026-02-30", 1),
    ),
    "checked_on_text": (
        "automatic_grants.yml",
        "checked_on: 2026-11-24",
        "checked_on: november 2026",
        "`checked_on` must be a real date",
        ("november 2026", 1),
    ),
    "duplicate_id": (
        "rights.yml",
        "- id: BOB",
        "- id: PVB",
        "duplicate id 'PVB' (first on line 1)",
        ("- id: PVB", 2),
    ),
    "right_kind": (
        "rights.yml",
        "kind: budget",
        "kind: lening",
        "`kind` must be one of budget, allowance, support, service",
        ("kind: lening", 1),
    ),
    "residence": (
        "rights.yml",
        "residence: vlaanderen_brussel",
        "residence: wallonie",
        "`residence` must be one of",
        ("residence: wallonie", 1),
    ),
    "recognition": (
        "rights.yml",
        "recognition: not_required",
        "recognition: nee",
        "`recognition` must be one of required, in_application, not_required",
        ("recognition: nee", 1),
    ),
    "help_kinds": (
        "rights.yml",
        "help_kinds: [geld, begeleiding]",
        "help_kinds:\n    - geld\n    - vervoer",
        "unknown help kind 'vervoer' in `help_kinds`",
        ("- vervoer", 1),
    ),
    "where": (
        "rights.yml",
        "where: [vaph, zorgkas]",
        "where: [vaph, zorgkass]",
        "unknown service id 'zorgkass' in `where`",
        ("zorgkass", 1),
    ),
    "amount_year": (
        "rights.yml",
        "year: 2024",
        "year: 24",
        "`year` must be a whole number from 1900 to 2100",
        ("year: 24", 1),
    ),
    "amount_duplicate_id": (
        "rights.yml",
        "  how_to_apply: Via",
        "    - id: per_month\n      text: 1 euro\n      value: 1\n      year: null\n"
        "  how_to_apply: Via",
        "duplicate id 'per_month'",
        ("- id: per_month", 2),
    ),
    "service_kind": (
        "services.yml",
        "kind: andere",
        "kind: winkel",
        "`kind` must be one of vaph, vaph_office, dop",
        ("kind: winkel", 1),
    ),
    "service_province": (
        "services.yml",
        "province: oost_vlaanderen",
        "province: oost-vlaanderen",
        "unknown province id 'oost-vlaanderen'",
        ("province: oost-", 1),
    ),
    "service_municipality": (
        "services.yml",
        "municipality: Schaarbeek",
        "municipality: schaarbeek",
        "unknown municipality 'schaarbeek' (did you mean 'Schaarbeek'?)",
        ("municipality: schaarbeek", 1),
    ),
    "service_postcode_elsewhere": (
        "services.yml",
        "postcode: 9000",
        "postcode: 9300",
        "postcode 9300 does not belong to Gent",
        ("postcode: 9300", 1),
    ),
    "service_postcode_format": (
        "services.yml",
        "postcode: 9000",
        "postcode: 900",
        "`postcode` must be a Belgian postcode of 4 digits",
        ("postcode: 900", 1),
    ),
    "service_phone_number": (
        "services.yml",
        "phone: '02 225 84 11'",
        "phone: 3222258411",
        "put the number in quotes",
        ("phone: 3222", 1),
    ),
    "service_website": (
        "services.yml",
        "website: https://www.vaph.be",
        "website: www.vaph.be",
        "`website` must be an http(s) URL",
        ("website: www", 1),
    ),
    "faq_unknown_topic": (
        "faq.yml",
        "topic: what_is_bob",
        "topic: what_is_bobb",
        "unknown topic 'what_is_bobb'",
        ("what_is_bobb", 1),
    ),
    "faq_duplicate_topic": (
        "faq.yml",
        "topic: what_is_bob",
        "topic: what_is_pvb",
        "duplicate topic 'what_is_pvb'",
        ("topic: what_is_pvb", 2),
    ),
    "faq_missing_topic": ("faq.yml", PRIVACY, "", "missing topic(s): privacy", None),
    "faq_empty_text": (
        "faq.yml",
        "eenvoudig: Bel het VAPH.",
        "eenvoudig: ''",
        "`eenvoudig` must be non-empty text",
        ("eenvoudig: ''", 1),
    ),
    "faq_missing_title": (
        "faq.yml",
        "  title: Wat is het zorgbudget?\n",
        "",
        "missing field `title`",
        ("- topic: what_is_bob", 1),
    ),
    "faq_empty_title": (
        "faq.yml",
        "title: Wat is het zorgbudget?",
        "title: ''",
        "`title` must be non-empty text",
        ("title: ''", 1),
    ),
    "faq_missing_level": (
        "faq.yml",
        "  eenvoudig: Bel het VAPH.\n",
        "",
        "missing field `eenvoudig`",
        ("- topic: what_is_bob", 1),
    ),
    "faq_unknown_placeholder_field": (
        "faq.yml",
        "{PVB.first_request_before_age}",
        "{PVB.first_request_age}",
        "unknown placeholder {PVB.first_request_age}",
        ("{PVB.first_request_age}", 1),
    ),
    "faq_placeholder_unknown_right": (
        "faq.yml",
        "{PVB.min_age}",
        "{PVF.min_age}",
        "placeholder {PVF.min_age}: unknown right id 'PVF'",
        ("{PVF.min_age}", 1),
    ),
    "faq_placeholder_unknown_amount": (
        "faq.yml",
        "{PVB.amount.per_month}",
        "{PVB.amount.per_year}",
        "right 'PVB' has no amount 'per_year'",
        ("per_year", 1),
    ),
    "faq_placeholder_null": (
        "faq.yml",
        "{PVB.min_age}",
        "{PVB.max_age}",
        "max_age of 'PVB' is null",
        ("{PVB.max_age}", 1),
    ),
    "faq_placeholder_service_field": (
        "faq.yml",
        "{vaph.phone}",
        "{zorgkas.phone}",
        "service 'zorgkas' has no phone",
        ("{zorgkas.phone}", 1),
    ),
    "faq_uses": (
        "faq.yml",
        "uses: [PVB]",
        "uses: [PVB, PG9]",
        "unknown record id 'PG9' in `uses`",
        ("PG9", 1),
    ),
    "places_duplicate_province": (
        "places.yml",
        "id: limburg",
        "id: antwerpen",
        "duplicate id 'antwerpen'",
        ("id: antwerpen", 2),
    ),
    "places_province_without_municipalities": (
        "places.yml",
        "  - id: limburg",
        "  - id: brussel\n    name: Brussel\n  - id: limburg",
        "province 'Brussel' has no municipality in gemeenten.csv",
        ("name: Brussel", 1),
    ),
    "places_missing_dataset_file": (
        "places.yml",
        "file: gemeenten.csv",
        "file: gemeentes.csv",
        "file 'gemeentes.csv' not found",
        ("gemeentes.csv", 1),
    ),
    "gemeenten_province_not_in_places": (
        "places.yml",
        "name: Limburg",
        "name: Limburgg",
        "province 'Limburg' is not listed in places.yml",
        None,  # line checked in test_gemeenten_line_points_at_the_row
    ),
    "gemeenten_postcode": (
        "gemeenten.csv",
        "9300;9308",
        "930;9308",
        "postcode '930' of Aalst is not 4 digits",
        ("930;9308", 1),
    ),
    "providers_column": (
        "providers_demo.csv",
        "support_types,target_groups",
        "support_type,target_groups",
        "missing column(s) support_types; unknown column(s) support_type",
        ("support_type,", 1),
    ),
    "providers_duplicate_id": (
        "providers_demo.csv",
        "voorbeeld_brussel,",
        "voorbeeld_gent,",
        "duplicate id 'voorbeeld_gent' (first on line 2)",
        ("Woonhuis", 1),
    ),
    "providers_municipality": (
        "providers_demo.csv",
        ",9000,Gent,",
        ",9000,Gendt,",
        "unknown municipality 'Gendt'",
        ("Gendt", 1),
    ),
    "providers_postcode": (
        "providers_demo.csv",
        ",9000,Gent,",
        ",9300,Gent,",
        "postcode 9300 does not belong to Gent",
        ("9300", 1),
    ),
    "providers_support_type": (
        "providers_demo.csv",
        "dagondersteuning;logeren",
        "dagondersteuning;zwemmen",
        "unknown support type id 'zwemmen' in `support_types`",
        ("zwemmen", 1),
    ),
    "providers_target_group": (
        "providers_demo.csv",
        ",autisme,",
        ",autism,",
        "unknown target group id 'autism' in `target_groups`",
        ("autism,", 1),
    ),
    "providers_licensed": (
        "providers_demo.csv",
        ",ja,",
        ",misschien,",
        "`licensed` must be one of ja, nee",
        ("misschien", 1),
    ),
    "providers_demo_name": (
        "providers_demo.csv",
        "Voorbeeld Woonhuis Brussel",
        "Woonhuis Brussel",
        "demo provider names start with 'Voorbeeld'",
        ("Woonhuis", 1),
    ),
    "providers_demo_email": (
        "providers_demo.csv",
        "info@example.org",
        "info@vzw-gent.be",
        "demo email must use example.org",
        ("vzw-gent", 1),
    ),
    "providers_checked_on": (
        "providers_demo.csv",
        "2026-11-24,uncertain",
        "24/11/2026,uncertain",
        "`checked_on` must be a real date",
        ("24/11/2026", 1),
    ),
    "sources_not_a_url": (
        "sources.yml",
        "- https://statbel.fgov.be/",
        "- statbel.fgov.be",
        "expected an http(s) URL, got 'statbel.fgov.be'",
        ("statbel.fgov.be", 1),
    ),
    "support_types_synonyms": (
        "support_types.yml",
        "synonyms: [logeren,",
        "synonyms: [12,",
        "`synonyms` must hold non-empty texts",
        ("synonyms: [12", 1),
    ),
    "glossary_form_is_plain": (
        "glossary.yml",
        "forms: [zorgkas, zorgkassen]",
        "forms: [zorgkas, budget]",
        "form 'budget' is already a plain word",
        ("forms: [zorgkas, budget]", 1),
    ),
    "glossary_form_twice": (
        "glossary.yml",
        "forms: [zorgkas, zorgkassen]",
        "forms: [zorgkas, vaph]",
        "form 'vaph' is already a form of 'vaph'",
        ("forms: [zorgkas, vaph]", 1),
    ),
    "glossary_plain_twice": (
        "glossary.yml",
        "plain: [budget, hulp]",
        "plain: [budget, Budget]",
        "plain word 'Budget' is listed twice",
        ("plain: [budget, Budget]", 1),
    ),
    "glossary_explanation_without_the_term": (
        "glossary.yml",
        "explanation: Een zorgkas is een Vlaamse dienst die geld voor zorg uitbetaalt.",
        "explanation: Dat is een Vlaamse dienst die geld voor zorg uitbetaalt.",
        "`explanation` must name the term",
        ("explanation: Dat is", 1),
    ),
    "glossary_explanation_two_sentences": (
        "glossary.yml",
        "explanation: Een zorgkas is een Vlaamse dienst die geld voor zorg uitbetaalt.",
        "explanation: Een zorgkas is een dienst. Ze betaalt geld voor zorg uit.",
        "`explanation` must be one sentence",
        ("explanation: Een zorgkas is een dienst.", 1),
    ),
    "glossary_without_source": (
        "glossary.yml",
        "    checked_on: 2026-11-24\n    status: verified\n  - id: zorgkas",
        "    status: verified\n  - id: zorgkas",
        "missing field `checked_on`",
        ("- id: vaph", 1),
    ),
    "glossary_unknown_field": (
        "glossary.yml",
        "plain: [budget, hulp]",
        "plain: [budget, hulp]\nwoorden: [geld]",
        "unknown field `woorden`",
        ("woorden", 1),
    ),
    "faq_placeholder_unknown_statement": (
        "faq.yml",
        "Een persoonsvolgend budget is geld voor ondersteuning.",
        "{geen_feit.text}",
        "placeholder {geen_feit.text}: unknown statement id 'geen_feit'",
        ("{geen_feit.text}", 1),
    ),
    "statements_no_statement_inside_a_statement": (
        "statements.yml",
        "eenvoudig: Je betaalt er geen belasting op.",
        "eenvoudig: Zie {pvb_belastingvrij.text}",
        "unknown statement id 'pvb_belastingvrij'",
        ("eenvoudig: Zie", 1),
    ),
    "statements_id_of_another_record": (
        "statements.yml",
        "id: pvb_belastingvrij",
        "id: zorgkas",
        "id 'zorgkas' is already the id of another record",
        ("id: zorgkas", 1),
    ),
    "statements_id": (
        "statements.yml",
        "id: pvb_belastingvrij",
        "id: PVB_belastingvrij",
        "is not a lower_snake_case id",
        ("id: PVB_belastingvrij", 1),
    ),
    "statements_missing_level": (
        "statements.yml",
        "  eenvoudig: Je betaalt er geen belasting op.\n",
        "",
        "missing field `eenvoudig`",
        ("- id: pvb_belastingvrij", 1),
    ),
    "statements_checked_on": (
        "statements.yml",
        "  checked_on: 2026-11-24",
        "  checked_on: 24/11/2026",
        "`checked_on` must be a real date",
        ("24/11/2026", 1),
    ),
    # --- a citation of a source without a public page instead of a URL ---
    "neither_url_nor_citation": (
        "statements.yml",
        f"  source_url: {SOURCE}\n",
        "",
        "missing field `source_url` (the public page the fact comes from), or "
        "`source_citation` for a source that has no public page",
        ("- id: pvb_belastingvrij", 1),
    ),
    "url_and_citation": (
        "statements.yml",
        f"  source_url: {SOURCE}\n",
        f"  source_url: {SOURCE}\n  source_citation: {CITATION}\n",
        "give `source_url` or `source_citation`, not both",
        ("source_citation:", 1),
    ),
    "citation_is_a_url": (
        "statements.yml",
        f"  source_url: {SOURCE}\n",
        "  source_citation: Jaarverslag 2021, www.vaph.be\n",
        "`source_citation` holds a web address: give the page as `source_url`",
        ("source_citation:", 1),
    ),
    "citation_without_a_year": (
        "statements.yml",
        f"  source_url: {SOURCE}\n",
        "  source_citation: Een congres van UCLL\n",
        "`source_citation` must say when the source appeared",
        ("source_citation:", 1),
    ),
    "citation_with_other_sources": (
        "statements.yml",
        f"  source_url: {SOURCE}\n",
        f"  source_citation: {CITATION}\n  other_sources: [{SOURCE}]\n",
        "a record with `source_citation` has no `other_sources`",
        ("other_sources:", 1),
    ),
    "citation_empty": (
        "statements.yml",
        f"  source_url: {SOURCE}\n",
        "  source_citation: ''\n",
        "`source_citation` must be non-empty text",
        ("source_citation:", 1),
    ),
}


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return write_sample_data(tmp_path / "data")


def test_the_sample_data_is_valid(data_dir: Path) -> None:
    data = load(data_dir)
    assert {r.id for r in data.rights} == {"PVB", "BOB"}
    assert len(data.faq) == len(FAQ_TOPICS)
    assert [s.id for s in data.statements] == ["pvb_belastingvrij"]
    assert data.rights[0].amounts[0].source.status == "uncertain"
    assert data.rights[0].amounts[0].source.checked_on == data.rights[0].source.checked_on
    assert [p.province_id for p in data.providers] == ["oost_vlaanderen", None]
    assert data.provinces[0].source == data.dataset_source


@pytest.mark.parametrize("case", CASES)
def test_an_error_names_the_file_and_the_line(data_dir: Path, case: str) -> None:
    filename, old, new, message, where = CASES[case]
    path = data_dir / filename
    replace_in(path, old, new)
    with pytest.raises(DataError) as raised:
        load(data_dir)
    error = raised.value
    assert error.path.endswith(filename) or where is None
    assert message in error.message
    if where is not None:
        assert error.line == line_of(path, *where)
        assert str(error) == f"{error.path}, line {error.line}: {error.message}"


def test_a_record_may_cite_a_source_without_a_public_page(data_dir: Path) -> None:
    citation = "Cijfers uit de VAPH-jaarverslagen,\n    voorgesteld op een congres, 3 juni 2022"
    path = data_dir / "statements.yml"
    replace_in(path, f"  source_url: {SOURCE}\n", f"  source_citation: >-\n    {citation}\n")
    source = load(data_dir).statements[0].source
    expected = "Cijfers uit de VAPH-jaarverslagen, voorgesteld op een congres, 3 juni 2022"
    assert (source.source_url, source.source_citation) == (None, expected)
    assert source.shown == expected
    assert source.other_sources == ()


def test_an_amount_that_cites_its_own_source_takes_no_url_from_its_right(
    data_dir: Path,
) -> None:
    replace_in(
        data_dir / "rights.yml", f"      source_url: {SOURCE}", f"      source_citation: {CITATION}"
    )
    replace_in(
        data_dir / "rights.yml",
        "  where: [vaph, zorgkas]\n",
        "  where: [vaph, zorgkas]\n  other_sources: [https://www.vaph.be/pvb]\n",
    )
    pvb = load(data_dir).rights[0]
    assert pvb.source.source_url == SOURCE
    cited = pvb.amounts[0].source
    assert (cited.source_url, cited.source_citation, cited.other_sources) == (None, CITATION, ())
    assert cited.checked_on == pvb.source.checked_on  # the rest is still inherited


def test_gemeenten_line_points_at_the_row(data_dir: Path) -> None:
    replace_in(data_dir / "places.yml", "name: Limburg", "name: Limburgg")
    with pytest.raises(DataError) as raised:
        load(data_dir)
    assert raised.value.path.endswith("gemeenten.csv")
    assert raised.value.line == line_of(data_dir / "gemeenten.csv", ",Limburg,")


def test_a_missing_file_is_named(data_dir: Path) -> None:
    (data_dir / "services.yml").unlink()
    with pytest.raises(DataError, match=r"services\.yml: file not found"):
        load(data_dir)


def test_a_record_that_is_not_a_mapping(data_dir: Path) -> None:
    replace_in(data_dir / "automatic_grants.yml", "- id: ATG_NOOD", "- ATG_NOOD\n- id: ATG_NOOD")
    with pytest.raises(DataError, match="expected a record with fields") as raised:
        load(data_dir)
    assert raised.value.line == 1


def test_the_glossary_is_loaded(data_dir: Path) -> None:
    glossary = load(data_dir).glossary
    assert glossary.plain == ("budget", "hulp")
    assert [term.id for term in glossary.jargon] == ["vaph", "zorgkas"]
    assert glossary.jargon[1].forms == ("zorgkas", "zorgkassen")
    assert glossary.jargon[0].source.checked_on.isoformat() == "2026-11-24"


def test_an_abbreviation_matches_as_written_other_forms_in_any_case() -> None:
    vaph = term_pattern(["VAPH", "Vlaams Agentschap voor Personen met een Handicap"])
    assert vaph.search("Het VAPH beslist.")
    assert vaph.search("Bel de VAPH-lijn.")  # a whole word before a hyphen
    assert not vaph.search("Kijk op www.vaph.be.")
    assert vaph.search("het vlaams agentschap voor personen\nmet een handicap")
    zorgkas = term_pattern(["zorgkas", "zorgkassen"])
    assert zorgkas.search("Zorgkas") and zorgkas.search("de zorgkassen")
    assert not zorgkas.search("de Vlaamse zorgkasbijdrage")


def test_paths_in_the_project_are_shown_relative() -> None:
    error = DataError(DATA_DIR / "rights.yml", 42, "unknown service id 'zorgkass' in `where`")
    expected = "knowledge/data/rights.yml, line 42: unknown service id 'zorgkass' in `where`"
    assert str(error) == expected
    assert (error.path, error.line) == ("knowledge/data/rights.yml", 42)
