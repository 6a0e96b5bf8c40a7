"""`python -m bot add-worker`: make a portal account for a support worker or an admin.

The password is read without echo (getpass, asked twice) or, with --password-stdin, as
the first line of standard input (for scripts). It is never printed or logged, also not
in an error message. The teams must exist in the teams file. The database is brought up
to date first, so this works on a fresh installation.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from typing import TextIO

from bot.config import Settings
from bot.handoff.teams import TeamsFileError, load_teams
from bot.storage import audit_log, db, workers


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--username", required=True, help="login name (lower case)")
    parser.add_argument("--name", required=True, help="the name colleagues see")
    parser.add_argument("--role", choices=workers.ROLES, default=workers.WORKER)
    parser.add_argument(
        "--team",
        dest="teams",
        action="append",
        required=True,
        metavar="ID",
        help="a team id from the teams file; repeat for more teams",
    )
    parser.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from the first line of standard input",
    )


def _password(
    from_stdin: bool, stdin: TextIO, ask: Callable[[str], str], username: str
) -> str | None:
    if from_stdin:
        return stdin.readline().rstrip("\r\n")
    first = ask(f"Wachtwoord voor {username}: ")
    second = ask("Typ het wachtwoord nog eens: ")
    return first if first == second else None


def run(
    args: argparse.Namespace,
    settings: Settings,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    ask: Callable[[str], str] | None = None,
) -> int:
    stdin, stdout, stderr = stdin or sys.stdin, stdout or sys.stdout, stderr or sys.stderr
    ask = ask or getpass.getpass
    try:
        teams = load_teams(settings.teams_file)
    except TeamsFileError as error:
        print(f"Het teambestand klopt niet: {error}", file=stderr)
        return 1
    unknown = sorted(set(args.teams) - set(teams.ids))
    if unknown:
        print(
            f"Onbekend team: {', '.join(unknown)}. Bestaande teams: {', '.join(teams.ids)}. "
            "Er is niets aangemaakt.",
            file=stderr,
        )
        return 1
    try:
        username = workers.check_username(args.username)
        password = _password(args.password_stdin, stdin, ask, username)
        if password is None:
            print("De twee wachtwoorden zijn niet gelijk. Er is niets aangemaakt.", file=stderr)
            return 1
        workers.check_password(password)
        db.migrate(settings.db_url)
        with db.session(settings.db_url) as session:
            worker = workers.add_worker(
                session, username, args.name, password, args.role, args.teams
            )
            audit_log.record(
                session, audit_log.WORKER_ADDED, worker_id=worker.id, detail=f"cli, {args.role}"
            )
    except workers.AccountError as error:
        print(f"{error} Er is niets aangemaakt.", file=stderr)
        return 1
    except (EOFError, KeyboardInterrupt):
        print("Gestopt. Er is niets aangemaakt.", file=stderr)
        return 1
    print(
        f"Account {username!r} is aangemaakt: rol {args.role}, "
        f"team {', '.join(sorted(set(args.teams)))}.",
        file=stdout,
    )
    return 0
