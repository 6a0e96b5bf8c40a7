"""A small, valid copy of the knowledge data files, written into a temporary directory.

Tests write it with `write_sample_data(tmp_path)` and then break one thing in it. The
fixtures live here as Python strings (not .yml files under tests/, which Rasa would read).
The reference files (gemeenten.csv, support_types.yml, target_groups.yml) are copied from
knowledge/data/.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from knowledge.loader import FAQ_TOPICS
from knowledge.reference import DATA_DIR

SOURCE = "https://www.vaph.be/"
DEMO_SOURCE = "https://example.org/wegwijzer-voorbeeldgegevens"
COMMON = f"source_url: {SOURCE}\n  checked_on: 2026-11-24\n  status: verified"

PLACES = """\
dataset:
  file: gemeenten.csv
  source_url: https://statbel.fgov.be/
  checked_on: 2026-11-24
  status: verified
provinces:
  - id: antwerpen
    name: Antwerpen
  - id: limburg
    name: Limburg
  - id: oost_vlaanderen
    name: Oost-Vlaanderen
  - id: vlaams_brabant
    name: Vlaams-Brabant
  - id: west_vlaanderen
    name: West-Vlaanderen
"""

PRIORITY_GROUPS = f"""\
- id: PG1
  name: Prioriteitengroep 1
  description: De groep met de hoogste voorrang.
  criteria: [Je situatie is zeer dringend.]
  {COMMON}
"""

AUTOMATIC_GRANTS = f"""\
- id: ATG_NOOD
  name: Noodsituatie
  description: Je krijgt meteen een budget.
  {COMMON}
"""

RIGHTS = f"""\
- id: PVB
  name: Persoonsvolgend budget
  abbreviation: PVB
  kind: budget
  summary: Geld om zelf ondersteuning te kopen.
  who: Mensen met een handicap.
  min_age: 17
  max_age: null
  first_request_before_age: 65
  residence: vlaanderen_brussel
  recognition: required
  minors_only: false
  help_kinds: [geld, begeleiding]
  amounts:
    - id: per_month
      text: 300 euro per maand
      value: 300
      eenvoudig: 300 euro elke maand
      year: 2024
      money: true
      status: uncertain
      source_url: {SOURCE}
  how_to_apply: Via de zorgkas of een DOP.
  where: [vaph, zorgkas]
  {COMMON}
- id: BOB
  name: Basisondersteuningsbudget
  kind: allowance
  summary: Een vast bedrag per maand.
  who: Mensen die op een wachtlijst staan.
  residence: vlaanderen_brussel
  recognition: not_required
  help_kinds: [geld]
  how_to_apply: Je hoeft niets te doen.
  where: [zorgkas]
  {COMMON}
"""

SERVICES = f"""\
- id: vaph
  kind: vaph
  name: VAPH
  description: Het agentschap.
  province: null
  address: Koning Albert II-laan 37
  postcode: 1030
  municipality: Schaarbeek
  phone: '02 225 84 11'
  email: informatie@vaph.be
  website: https://www.vaph.be
  {COMMON}
- id: zorgkas
  kind: andere
  name: Zorgkas
  description: Je zorgkas betaalt het budget uit.
  {COMMON}
- id: vaph_gent
  kind: vaph_office
  name: VAPH Oost-Vlaanderen
  description: Provinciale afdeling.
  province: oost_vlaanderen
  postcode: 9000
  municipality: Gent
  {COMMON}
"""

FAQ_PVB = """\
- topic: what_is_pvb
  title: Wat is een persoonsvolgend budget?
  uses: [PVB]
  gewoon: |-
    Een persoonsvolgend budget is geld voor ondersteuning.
    Je kunt het vragen vanaf {PVB.min_age} jaar, voor je {PVB.first_request_before_age} bent.
  eenvoudig: |-
    Een budget is geld.
    Je krijgt ongeveer {PVB.amount.per_month}.
- topic: what_is_bob
  title: Wat is het zorgbudget?
  uses: [BOB, zorgkas]
  gewoon: Bel het VAPH op {vaph.phone} of kijk op {vaph.website}.
  eenvoudig: Bel het VAPH.
"""


def faq_text() -> str:
    others = [t for t in FAQ_TOPICS if t not in ("what_is_pvb", "what_is_bob")]
    rest = "".join(
        f"- topic: {topic}\n  title: Vraag over {topic}?\n  uses: []\n"
        f"  gewoon: Uitleg over {topic}.\n  eenvoudig: Kort.\n"
        for topic in others
    )
    return FAQ_PVB + rest


STATEMENTS = f"""\
- id: pvb_belastingvrij
  gewoon: Op een persoonsvolgend budget betaal je geen belastingen.
  eenvoudig: Je betaalt er geen belasting op.
  {COMMON}
"""

GLOSSARY = f"""\
plain: [budget, hulp]
jargon:
  - id: vaph
    forms: [VAPH, Vlaams Agentschap voor Personen met een Handicap]
    explanation: Het VAPH is de Vlaamse dienst voor mensen met een handicap.
    source_url: {SOURCE}
    checked_on: 2026-11-24
    status: verified
  - id: zorgkas
    forms: [zorgkas, zorgkassen]
    explanation: Een zorgkas is een Vlaamse dienst die geld voor zorg uitbetaalt.
    source_url: {SOURCE}
    checked_on: 2026-11-24
    status: verified
"""

PROVIDERS = f"""\
id,name,licensed,address,postcode,municipality,phone,email,website,support_types,target_groups,source_url,checked_on,status
voorbeeld_gent,Voorbeeld Dagcentrum Gent,ja,Voorbeeldstraat 1,9000,Gent,000 00 00 01,info@example.org,https://example.org/gent,dagondersteuning;logeren,autisme,{DEMO_SOURCE},2026-11-24,verified
voorbeeld_brussel,Voorbeeld Woonhuis Brussel,nee,,1000,Brussel,,,,woonondersteuning,,{DEMO_SOURCE},2026-11-24,uncertain
"""  # noqa: E501

SOURCES = f"""\
- https://statbel.fgov.be/
- {SOURCE}
- {DEMO_SOURCE}
"""

FILES = {
    "places.yml": PLACES,
    "priority_groups.yml": PRIORITY_GROUPS,
    "automatic_grants.yml": AUTOMATIC_GRANTS,
    "rights.yml": RIGHTS,
    "services.yml": SERVICES,
    "statements.yml": STATEMENTS,
    "providers_demo.csv": PROVIDERS,
    "sources.yml": SOURCES,
    "glossary.yml": GLOSSARY,
}


def write_sample_data(data_dir: Path) -> Path:
    """Write a valid data directory into `data_dir` and return it."""
    data_dir.mkdir(parents=True, exist_ok=True)
    for name in ("gemeenten.csv", "support_types.yml", "target_groups.yml"):
        shutil.copyfile(DATA_DIR / name, data_dir / name)
    for name, text in FILES.items():
        (data_dir / name).write_text(text, encoding="utf-8")
    (data_dir / "faq.yml").write_text(faq_text(), encoding="utf-8")
    return data_dir


def replace_in(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace `old` (which must occur) in a data file."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(path: Path, needle: str, occurrence: int = 1) -> int:
    """The 1-based number of the line holding the `occurrence`-th `needle`."""
    hits = [i for i, line in enumerate(path.read_text("utf-8").splitlines(), 1) if needle in line]
    return hits[occurrence - 1]
