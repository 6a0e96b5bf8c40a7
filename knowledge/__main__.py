"""Command line of the knowledge base, for developers.

    python -m knowledge build [--db URL] [--data-dir DIR]
    python -m knowledge check [--db URL] [--data-dir DIR] [--today YYYY-MM-DD] [--facts FILE]
    python -m knowledge import-providers FILE --source-url URL [--db URL]

Prints a short summary. Invalid data, a missing database or an unusable provider file print
one line on stderr (for data: "knowledge/data/x.yml, line N: ...") and exit with code 1.
`check` exits with 1 when it finds an error (a record surer than facts.json, a figure typed
into an FAQ text; see knowledge/check.py) and with 0 when it lists only warnings;
`import-providers` exits with 1 when no row could be imported.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

from sqlalchemy.exc import OperationalError

from knowledge.build import NoDatabase, build
from knowledge.check import FACTS_PATH, MAX_AGE_DAYS, CheckReport, FactsFileError, check
from knowledge.importer import ImportFailed, ImportReport, import_providers
from knowledge.loader import DataError, display_path
from knowledge.reference import DATA_DIR


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return args.command(args)
    except (DataError, NoDatabase, ImportFailed, FactsFileError) as error:
        print(error, file=sys.stderr)
    except OperationalError as error:
        print(f"database error: {str(error.orig).strip()}", file=sys.stderr)
    return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m knowledge", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(required=True, metavar="COMMAND")
    db = argparse.ArgumentParser(add_help=False)
    db.add_argument(
        "--db", metavar="URL", help="database URL (default: WEGWIJZER_KNOWLEDGE_DB_URL)"
    )
    data = argparse.ArgumentParser(add_help=False)
    data.add_argument("--data-dir", type=Path, default=DATA_DIR, help="default: knowledge/data")

    sub = commands.add_parser("build", parents=[db, data], help="validate the data, build the db")
    sub.set_defaults(command=_build)
    sub = commands.add_parser(
        "check", parents=[db, data], help="list wrong statuses, typed figures, stale records"
    )
    sub.add_argument("--today", type=date.fromisoformat, help="YYYY-MM-DD (default: today)")
    sub.add_argument(
        "--facts",
        type=Path,
        default=FACTS_PATH,
        help="the domain team's facts.json (default: ../shared/domain/facts.json)",
    )
    sub.set_defaults(command=_check)
    sub = commands.add_parser("import-providers", parents=[db], help="import the VAPH's list")
    sub.add_argument("file", type=Path, help="CSV (or XLSX with openpyxl) of providers")
    sub.add_argument("--source-url", required=True, help="public page the list comes from")
    sub.set_defaults(command=_import)
    return parser


def _build(args: argparse.Namespace) -> int:
    report = build(args.db, args.data_dir)
    print(f"Built {report.url} from {display_path(args.data_dir)}:")
    width = max(len(table) for table in report.counts)
    for table, count in report.counts.items():
        print(f"  {table:<{width}}  {count}")
    return 0


def _check(args: argparse.Namespace) -> int:
    report = check(args.db, args.today, args.data_dir, args.facts)
    _print_check(report)
    return 1 if report.has_errors else 0


def _print_check(report: CheckReport) -> None:
    print(f"Checked {report.url} on {report.today}.")
    if not report.facts_found:
        print(f"WARNING: {report.facts_file} not found, so no status was compared with it.")
    _print_statuses(report, surer=True)
    typed = len(report.text_facts) or "none"
    print(f"Figures typed into FAQ texts, not from a record (ERROR): {typed}")
    for found in report.text_facts:
        print(f"  faq.yml: {found.topic} ({found.level}): {', '.join(found.facts)}")
    _print_statuses(report, surer=False)
    old = len(report.old_crisis_sources) or "none"
    print(f"Crisis lines with a source over {MAX_AGE_DAYS} days old or without a date: {old}")
    for line in report.old_crisis_sources:
        when = f"source_date {line.source_date}" if line.source_date else "no source_date"
        print(f"  {line.id}: {line.source} ({when})")
    _print_sources(report)
    print("Result: " + ("ERRORS (exit code 1)." if report.has_errors else "no errors."))


def _print_statuses(report: CheckReport, surer: bool) -> None:
    if surer:
        heading = f"Records surer than {report.facts_file} (ERROR)"
    else:
        heading = f"Records more careful than {report.facts_file}"
    found = [d for d in report.status_differences if d.surer_than_facts == surer]
    count = (len(found) or "none") if report.facts_found else "not compared"
    print(f"{heading}: {count}")
    for d in found:
        print(f"  {d.file}: {d.id} is {d.status}; {d.facts_entry} is {d.facts_status}")


def _print_sources(report: CheckReport) -> None:
    print(f"Records checked more than {MAX_AGE_DAYS} days ago: {len(report.stale) or 'none'}")
    groups: dict[tuple[str, date], list[str]] = defaultdict(list)
    for record in report.stale:
        groups[(record.table, record.checked_on)].append(record.id)
    for (table, checked_on), ids in groups.items():
        shown = ", ".join(ids[:5]) + (f" and {len(ids) - 5} more" if len(ids) > 5 else "")
        print(f"  {table}: {shown} (checked on {checked_on})")
    print(f"Sources in sources.yml that no record uses: {len(report.unused_sources) or 'none'}")
    for url in report.unused_sources:
        print(f"  {url}")
    missing = len(report.untracked_sources) or "none"
    print(f"Sources used by records but missing from sources.yml: {missing}")
    for url in report.untracked_sources:
        print(f"  {url}")
    cited = len(report.cited) or "none"
    heading = "Records sourced by a citation, not a public page (replace it when one is found)"
    print(f"{heading}: {cited}")
    citations: dict[tuple[str, str], list[str]] = defaultdict(list)
    for cited_record in report.cited:
        citations[(cited_record.table, cited_record.citation)].append(cited_record.id)
    for (table, citation), ids in citations.items():
        print(f"  {table}: {', '.join(ids)}: {citation}")


def _import(args: argparse.Namespace) -> int:
    report = import_providers(args.file, args.db, source_url=args.source_url)
    _print_import(report)
    return 0 if report.written else 1


def _print_import(report: ImportReport) -> None:
    print(
        f"Read {len(report.rows)} rows from {report.path}: {len(report.imported)} imported, "
        f"{len(report.rejected)} rejected."
    )
    if report.ignored_columns:
        print(f"Ignored columns: {', '.join(report.ignored_columns)}")
    for row in report.rows:
        if row.imported:
            line = f"  row {row.row}: imported {row.provider_id} ({row.name})"
        else:
            line = f"  row {row.row}: REJECTED ({row.name or 'no name'}): {row.reason}"
        print("; ".join([line, *row.warnings]))
    if report.written:
        print(f"Wrote them to {report.url}, replacing {report.replaced} previously imported.")
    else:
        print("Nothing was written: no row could be imported.")


if __name__ == "__main__":
    sys.exit(main())
