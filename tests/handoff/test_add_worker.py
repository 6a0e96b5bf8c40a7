"""`python -m bot add-worker`: argon2 hash, teams, and the password never shown."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest
from argon2 import PasswordHasher

from bot.__main__ import main
from bot.config import PROJECT_ROOT
from bot.storage import audit_log, db, workers
from tests.storage import database_text, db_url_fixture  # noqa: F401

PASSWORD = "Zeer-Geheim-Wachtwoord-7731"


@pytest.fixture(name="cli_env")
def cli_env_fixture(db_url, monkeypatch):
    monkeypatch.setenv("WEGWIJZER_DB_URL", db_url)
    monkeypatch.delenv("WEGWIJZER_TEAMS_FILE", raising=False)
    return db_url


def run_cli(monkeypatch, capsys, args, stdin="", answers=None):
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    prompts = []

    def ask(prompt):
        prompts.append(prompt)
        return answers.pop(0)

    monkeypatch.setattr("getpass.getpass", ask)
    code = main(["add-worker", *args])
    captured = capsys.readouterr()
    return code, captured.out + captured.err, prompts


def test_add_worker_with_password_from_stdin(cli_env, monkeypatch, capsys):
    code, output, _ = run_cli(
        monkeypatch,
        capsys,
        ["--username", "An.Peeters", "--name", "An Peeters", "--role", "admin"]
        + ["--team", "limburg", "--team", "antwerpen", "--password-stdin"],
        stdin=PASSWORD + "\n",
    )
    assert code == 0, output
    assert output == "Account 'an.peeters' is aangemaakt: rol admin, team antwerpen, limburg.\n"
    with db.session(cli_env) as session:
        worker = workers.worker_by_username(session, "an.peeters")
        assert (worker.display_name, worker.role, worker.active) == ("An Peeters", "admin", True)
        assert worker.password_hash.startswith("$argon2id$")
        assert PasswordHasher().verify(worker.password_hash, PASSWORD)
        assert workers.teams_of(session, worker.id) == ["antwerpen", "limburg"]
        assert [e.action for e in audit_log.entries(session, worker_id=worker.id)] == [
            "worker_added"
        ]
    assert not any(PASSWORD in value for _table, _column, value in database_text(cli_env))


def test_add_worker_asks_the_password_twice(cli_env, monkeypatch, capsys):
    args = ["--username", "bert", "--name", "Bert", "--team", "vlaanderen"]
    code, output, prompts = run_cli(monkeypatch, capsys, args, answers=[PASSWORD, PASSWORD])
    assert code == 0 and prompts == ["Wachtwoord voor bert: ", "Typ het wachtwoord nog eens: "]
    assert PASSWORD not in output
    with db.session(cli_env) as session:
        assert workers.authenticate(session, "bert", PASSWORD).role == "worker"

    code, output, _ = run_cli(
        monkeypatch,
        capsys,
        ["--username", "chris", "--name", "Chris", "--team", "vlaanderen"],
        answers=[PASSWORD, PASSWORD + "x"],
    )
    assert code == 1 and "niet gelijk" in output and PASSWORD not in output
    with db.session(cli_env) as session:
        assert workers.worker_by_username(session, "chris") is None


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["--team", "nergens"], PASSWORD, "Onbekend team: nergens"),
        ([], "Xq7!", "te kort"),
        (["--username", "x y"], PASSWORD, "gebruikersnaam"),
        ([], "", "te kort"),
    ],
)
def test_refused_accounts_print_why_and_never_the_password(
    cli_env, monkeypatch, capsys, args, stdin, message
):
    base = {"--username": "dana", "--name": "Dana", "--team": "limburg"}
    for flag, value in zip(args[::2], args[1::2], strict=True):
        base[flag] = value
    flat = [part for flag, value in base.items() for part in (flag, value)]
    code, output, _ = run_cli(monkeypatch, capsys, [*flat, "--password-stdin"], stdin=stdin + "\n")
    assert code == 1 and message in output and "Er is niets aangemaakt" in output
    assert not stdin or stdin not in output
    with db.session(cli_env) as session:
        assert workers.worker_by_username(session, base["--username"]) is None


def test_existing_username(cli_env, monkeypatch, capsys):
    args = ["--username", "eva", "--name", "Eva", "--team", "limburg", "--password-stdin"]
    assert run_cli(monkeypatch, capsys, args, stdin=PASSWORD)[0] == 0
    code, output, _ = run_cli(monkeypatch, capsys, args, stdin=PASSWORD)
    assert code == 1 and "bestaat al" in output


def test_command_line_in_a_new_process(tmp_path):
    """The real command on a fresh database: output and logs never show the password."""
    url = f"sqlite:///{tmp_path / 'app.db'}"
    env = {**os.environ, "WEGWIJZER_DB_URL": url, "PYTHONPATH": str(PROJECT_ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "add-worker", "--username", "fien", "--name", "Fien"]
        + ["--team", "oost-vlaanderen", "--password-stdin"],
        input=PASSWORD + "\n",
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "Account 'fien' is aangemaakt" in result.stdout
    assert PASSWORD not in result.stdout + result.stderr
    with db.session(url) as session:
        worker = workers.authenticate(session, "fien", PASSWORD)
        assert worker is not None and worker.password_hash.startswith("$argon2id$")
    db.dispose(url)
