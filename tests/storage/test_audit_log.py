"""The audit log is append-only: written and read, never changed or deleted."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import delete, text, update
from sqlalchemy.exc import DatabaseError

from bot.storage import audit_log, db
from bot.storage.models import AuditEntry
from tests.storage import db_url_fixture  # noqa: F401

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)


def write_entries(db_url: str) -> None:
    with db.session(db_url) as session:
        audit_log.record(session, audit_log.LOGIN, worker_id=7, now=T0)
        audit_log.record(
            session, audit_log.CASE_VIEW, worker_id=7, case_id="c1", now=T0 + timedelta(1)
        )
        audit_log.record(session, audit_log.EXPORT, worker_id=8, case_id="c1", detail="pdf", now=T0)


def test_record_and_read(db_url):
    write_entries(db_url)
    with db.session(db_url) as session:
        newest_first = audit_log.entries(session)
        assert [e.action for e in newest_first] == ["export", "case_view", "login"]
        assert [e.action for e in audit_log.entries(session, worker_id=7)] == [
            "case_view",
            "login",
        ]
        assert [e.detail for e in audit_log.entries(session, case_id="c1")] == ["pdf", None]
        assert [e.worker_id for e in audit_log.entries(session, action="export")] == [8]
        first_page = audit_log.entries(session, limit=2)
        rest = audit_log.entries(session, before_id=first_page[-1].id)
        assert [e.action for e in rest] == ["login"]
        assert newest_first[2].at == T0


@pytest.mark.parametrize(
    "statement",
    [
        update(AuditEntry).values(detail="anders"),
        update(AuditEntry).where(AuditEntry.action == "login").values(worker_id=99),
        delete(AuditEntry),
        delete(AuditEntry).where(AuditEntry.action == "login"),
    ],
    ids=["update all", "update one", "delete all", "delete one"],
)
def test_rows_cannot_be_changed_or_deleted(db_url, statement):
    write_entries(db_url)
    with pytest.raises(DatabaseError, match="append-only"):
        with db.session(db_url) as session:
            session.execute(statement)
    with db.session(db_url) as session:
        assert len(audit_log.entries(session)) == 3
        assert {e.detail for e in audit_log.entries(session)} == {None, "pdf"}


def test_orm_changes_are_refused_too(db_url):
    write_entries(db_url)
    with pytest.raises(DatabaseError, match="append-only"):
        with db.session(db_url) as session:
            entry = audit_log.entries(session, action="login")[0]
            session.delete(entry)
    with pytest.raises(DatabaseError, match="append-only"):
        with db.session(db_url) as session:
            audit_log.entries(session, action="login")[0].action = "logout"
    with db.session(db_url) as session:
        assert [e.action for e in audit_log.entries(session)] == ["export", "case_view", "login"]


def test_truncate_is_refused_on_postgresql(db_url):
    write_entries(db_url)
    if not db_url.startswith("postgresql"):
        return  # SQLite has no TRUNCATE; "DELETE FROM" is refused above
    with pytest.raises(DatabaseError, match="append-only"):
        with db.engine(db_url).begin() as connection:
            connection.execute(text("TRUNCATE app_audit_log"))
    with db.session(db_url) as session:
        assert len(audit_log.entries(session)) == 3


@pytest.mark.parametrize("action", ["", "Login", "case view", "x" * 65, "1login", "drop;"])
def test_action_is_a_short_name(db_url, action):
    with db.session(db_url) as session:
        with pytest.raises(ValueError):
            audit_log.record(session, action)


@pytest.mark.parametrize("detail", ["twee\nregels", "x" * 201])
def test_detail_is_one_short_line(db_url, detail):
    with db.session(db_url) as session:
        with pytest.raises(ValueError):
            audit_log.record(session, audit_log.EXPORT, detail=detail)


def test_the_old_column_name_still_reads(db_url):
    with db.session(db_url) as session:
        audit_log.record(session, audit_log.DELETION, now=T0)
        entry = audit_log.entries(session)[0]
        assert entry.event == entry.action == "data_deleted"
