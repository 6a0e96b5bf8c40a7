"""Latency of `knowledge.queries.find_providers` on 10,000 generated providers.

Builds a temporary SQLite knowledge database with the real municipalities and postcodes,
the support types and target groups of knowledge/data/, and 10,000 random (seeded) demo
providers spread over all of them, about half licensed. Then times 1,000 searches with
varied filters, each in a fresh session, and prints p50 and p95 in ms (target: p95 < 5 ms).

    .venv/bin/python benchmarks/provider_search.py [PROVIDERS] [SEARCHES]
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script from anywhere

from knowledge import reference
from knowledge.db import make_engine
from knowledge.models import (
    Base,
    Municipality,
    Postcode,
    Provider,
    Province,
    SupportType,
    TargetGroup,
    provider_support_types,
    provider_target_groups,
)
from knowledge.queries import find_providers

SEED = 20261124
SOURCE = {"source_url": "https://statbel.fgov.be/", "checked_on": date(2026, 11, 24)}
DEMO_SOURCE = {
    "source_url": "https://example.org/wegwijzer-voorbeeldgegevens",
    "checked_on": date(2026, 11, 24),
}
WORDS = ("Huis", "Centrum", "Atelier", "Dienst", "Thuis", "Hof", "Kompas", "Brug", "Anker")


def province_id(name: str) -> str:
    return reference.fold(name).replace("-", "_")


def generate(engine: Engine, count: int, rng: random.Random) -> None:
    """Reference data plus `count` random providers, inserted in bulk."""
    Base.metadata.create_all(engine)
    places = reference.municipalities()
    support = [c.id for c in reference.support_types()]
    groups = [c.id for c in reference.target_groups()]
    with Session(engine, future=True) as session:
        session.execute(
            insert(Province),
            [
                {"id": province_id(n), "name": n, "status": "verified", **SOURCE}
                for n in reference.provinces()
            ],
        )
        session.execute(
            insert(Municipality),
            [
                {
                    "refnis": m.refnis,
                    "name": m.name,
                    "name_fr": m.name_fr,
                    "folded_name": reference.fold(m.name),
                    "province_id": province_id(m.province) if m.province else None,
                    "region": m.region,
                    "status": "verified",
                    **SOURCE,
                }
                for m in places
            ],
        )
        session.execute(
            insert(Postcode),
            [
                {"code": code, "municipality_refnis": m.refnis}
                for m in places
                for code in m.postcodes
            ],
        )
        for model, categories in (
            (SupportType, reference.support_types()),
            (TargetGroup, reference.target_groups()),
        ):
            session.execute(
                insert(model),
                [
                    {"id": c.id, "name": c.name, "status": c.status, **SOURCE, "other_sources": []}
                    for c in categories
                ],
            )
        providers, types, targets = [], [], []
        for number in range(count):
            place = rng.choice(places)
            provider_id = f"demo_{number:05d}"
            providers.append(
                {
                    "id": provider_id,
                    "name": f"Voorbeeld {rng.choice(WORDS)} {place.name} {number}",
                    "licensed": rng.random() < 0.5,
                    "municipality_refnis": place.refnis,
                    "province_id": province_id(place.province) if place.province else None,
                    "postcode": place.postcodes[0],
                    "demo": True,
                    "status": "verified",
                    "other_sources": [],
                    **DEMO_SOURCE,
                }
            )
            types += [
                {"provider_id": provider_id, "support_type_id": t}
                for t in rng.sample(support, rng.randint(1, 3))
            ]
            targets += [
                {"provider_id": provider_id, "target_group_id": g}
                for g in rng.sample(groups, rng.randint(1, 3))
            ]
        session.execute(insert(Provider), providers)
        session.execute(insert(provider_support_types), types)
        session.execute(insert(provider_target_groups), targets)
        session.commit()


Search = Callable[[Session], object]


def searches(engine: Engine, count: int, rng: random.Random) -> list[tuple[str, Search]]:
    """`count` searches, cycling through three kinds with random parameters."""
    with Session(engine, future=True, expire_on_commit=False) as session:
        places = list(session.execute(select(Municipality)).scalars())
    provinces = sorted({m.province_id for m in places if m.province_id}) + ["brussel"]
    support = [c.id for c in reference.support_types()]
    groups = [c.id for c in reference.target_groups()]
    result: list[tuple[str, Search]] = []
    for number in range(count):
        page = rng.choice((1, 1, 1, 2, 3))
        place = rng.choice(places)
        if number % 3 == 0:
            kwargs = {"municipality": place, "support_type": rng.choice(support)}
            kind = "municipality + support type"
        elif number % 3 == 1:
            kwargs = {"province": rng.choice(provinces)}
            kind = "province only"
        else:
            kwargs = {
                "municipality": place,
                "target_group": rng.choice(groups),
                "licensed": rng.random() < 0.5,
            }
            kind = "municipality + target group + licensed"
        result.append((kind, lambda s, kw=kwargs, p=page: find_providers(s, page=p, **kw)))
    return result


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


def measure(engine: Engine, plan: list[tuple[str, Search]]) -> dict[str, list[float]]:
    """Milliseconds per search, by kind; each search in a fresh session, as in the actions."""
    for _, search in plan[:20]:  # warm up statement caches
        with Session(engine, future=True) as session:
            search(session)
    timings: dict[str, list[float]] = {}
    for kind, search in plan:
        with Session(engine, future=True) as session:
            start = time.perf_counter()
            search(session)
            timings.setdefault(kind, []).append((time.perf_counter() - start) * 1000)
    return timings


def summary(values: list[float]) -> str:
    return f"p50 {statistics.median(values):5.2f} ms  p95 {percentile(values, 0.95):5.2f} ms"


def main(provider_count: int, search_count: int) -> None:
    rng = random.Random(SEED)
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'knowledge.db'}"
        engine = make_engine(url)
        start = time.perf_counter()
        generate(engine, provider_count, rng)
        print(f"providers: {provider_count}, generated in {time.perf_counter() - start:.2f} s")
        plan = searches(engine, search_count, rng)
        timings = measure(engine, plan)
        print(f"searches: {len(plan)}, engine from knowledge.db.make_engine")
        for kind, values in timings.items():
            print(f"  {kind:40} {summary(values)}")
        print(f"  {'all':40} {summary([t for v in timings.values() for t in v])}")

        engine.dispose()


if __name__ == "__main__":
    main(
        int(sys.argv[1]) if len(sys.argv) > 1 else 10_000,
        int(sys.argv[2]) if len(sys.argv) > 2 else 1_000,
    )
