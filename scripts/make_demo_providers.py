"""Write knowledge/data/providers_demo.csv: the demonstration provider data set.

No complete official list of licensed providers is available offline, so Wegwijzer ships
clearly fictitious examples that cover every province, Brussels, every support type and
every target group. Names start with "Voorbeeld", contact data use example.org and 000
phone numbers. Rerun after changing the lists below:

    .venv/bin/python scripts/make_demo_providers.py
"""

from __future__ import annotations

import csv
import itertools
from pathlib import Path

from knowledge import reference

OUTPUT = Path(__file__).resolve().parent.parent / "knowledge" / "data" / "providers_demo.csv"
SOURCE_URL = "https://example.org/wegwijzer-voorbeeldgegevens"
CHECKED_ON = "2026-11-24"
# Three municipalities per province and three in Brussels.
PLACES = [
    "Antwerpen", "Mechelen", "Turnhout",
    "Hasselt", "Genk", "Sint-Truiden",
    "Gent", "Aalst", "Sint-Niklaas",
    "Leuven", "Vilvoorde", "Halle",
    "Brugge", "Kortrijk", "Oostende",
    "Brussel", "Schaarbeek", "Anderlecht",
]  # fmt: skip
KIND_WORDS = {
    "woonondersteuning": "Woongroep",
    "dagondersteuning": "Dagcentrum",
    "individuele_psychosociale_begeleiding": "Begeleidingsdienst",
    "individuele_praktische_hulp": "Assistentiedienst",
    "globale_individuele_ondersteuning": "Ondersteuningsteam",
    "oproepbare_permanentie": "Permanentiedienst",
    "logeren": "Logeerhuis",
}
TREE_NAMES = ["De Linde", "De Eik", "De Wilg", "De Beuk", "De Es", "De Berk", "De Hazelaar"]


def rows() -> list[dict[str, str]]:
    municipalities = {m.name: m for m in reference.municipalities()}
    support = [s.id for s in reference.support_types()]
    groups = [g.id for g in reference.target_groups()]
    support_cycle, group_cycle = itertools.cycle(support), itertools.cycle(groups)
    result = []
    number = 0
    for place in PLACES:
        municipality = municipalities[place]
        for _ in range(2):
            number += 1
            main_support, other_support = next(support_cycle), next(support_cycle)
            served = sorted({next(group_cycle), next(group_cycle)})
            name = f"Voorbeeld {KIND_WORDS[main_support]} {TREE_NAMES[number % 7]} ({place})"
            result.append(
                {
                    "id": f"demo-{number:03d}",
                    "name": name,
                    "licensed": "ja" if number % 2 else "nee",
                    "address": f"Voorbeeldstraat {number}",
                    "postcode": municipality.postcodes[0],
                    "municipality": municipality.name,
                    "phone": f"000 00 {number:02d} {number:02d}",
                    "email": f"info@voorbeeld-{number:03d}.example.org",
                    "website": f"https://voorbeeld-{number:03d}.example.org",
                    "support_types": ";".join(sorted({main_support, other_support})),
                    "target_groups": ";".join(served),
                    "source_url": SOURCE_URL,
                    "checked_on": CHECKED_ON,
                    "status": "verified",
                }
            )
    return result


def main() -> None:
    data = rows()
    with open(OUTPUT, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(data[0]))
        writer.writeheader()
        writer.writerows(data)
    print(f"{len(data)} demonstration providers written to {OUTPUT}")


if __name__ == "__main__":
    main()
