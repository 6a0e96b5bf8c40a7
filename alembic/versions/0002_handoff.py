"""Hand-off: cases, case notes, support-worker accounts and teams, portal sessions, login
attempts, and a fuller, append-only audit log.

The audit log gets `worker_id`, `case_id` and `detail`, and its column `event` is renamed
`action`. Triggers then refuse every UPDATE and DELETE of its rows (and TRUNCATE on
PostgreSQL). A later migration that rebuilds this table on SQLite (Alembic's batch mode
copies it to a new table) must create the triggers again.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

AUDIT_TABLE = "app_audit_log"
PG_FUNCTION = "app_audit_log_append_only"
PG_ROW_TRIGGER = "app_audit_log_no_update_delete"
PG_TRUNCATE_TRIGGER = "app_audit_log_no_truncate"
SQLITE_TRIGGERS = {"app_audit_log_no_update": "UPDATE", "app_audit_log_no_delete": "DELETE"}
REFUSAL = "app_audit_log is append-only"


def _timestamp(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _worker_fk(table: str, column: str, ondelete: str) -> sa.ForeignKey:
    return sa.ForeignKey(
        "app_workers.id", ondelete=ondelete, name=f"fk_{table}_{column}_app_workers"
    )


def _protect_audit_log() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.execute(
            f"""
            CREATE FUNCTION {PG_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '{REFUSAL}: % is not allowed', TG_OP
                    USING ERRCODE = 'insufficient_privilege';
            END;
            $$
            """
        )
        op.execute(
            f"CREATE TRIGGER {PG_ROW_TRIGGER} BEFORE UPDATE OR DELETE ON {AUDIT_TABLE} "
            f"FOR EACH ROW EXECUTE FUNCTION {PG_FUNCTION}()"
        )
        op.execute(
            f"CREATE TRIGGER {PG_TRUNCATE_TRIGGER} BEFORE TRUNCATE ON {AUDIT_TABLE} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {PG_FUNCTION}()"
        )
    elif dialect == "sqlite":
        for name, operation in SQLITE_TRIGGERS.items():
            op.execute(
                f"CREATE TRIGGER {name} BEFORE {operation} ON {AUDIT_TABLE} "
                f"BEGIN SELECT RAISE(ABORT, '{REFUSAL}: {operation} is not allowed'); END"
            )


def _unprotect_audit_log() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.execute(f"DROP TRIGGER IF EXISTS {PG_TRUNCATE_TRIGGER} ON {AUDIT_TABLE}")
        op.execute(f"DROP TRIGGER IF EXISTS {PG_ROW_TRIGGER} ON {AUDIT_TABLE}")
        op.execute(f"DROP FUNCTION IF EXISTS {PG_FUNCTION}()")
    elif dialect == "sqlite":
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")


def upgrade() -> None:
    op.create_table(
        "app_workers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("display_name", sa.String(100), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        _timestamp("created_at"),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_app_workers"),
        sa.UniqueConstraint("username", name="uq_app_workers_username"),
    )
    op.create_table(
        "app_worker_teams",
        sa.Column(
            "worker_id",
            sa.Integer(),
            _worker_fk("app_worker_teams", "worker_id", "CASCADE"),
            nullable=False,
        ),
        sa.Column("team_id", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("worker_id", "team_id", name="pk_app_worker_teams"),
    )
    op.create_table(
        "app_portal_sessions",
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column(
            "worker_id",
            sa.Integer(),
            _worker_fk("app_portal_sessions", "worker_id", "CASCADE"),
            nullable=False,
        ),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        _timestamp("created_at"),
        _timestamp("last_seen"),
        sa.PrimaryKeyConstraint("token_hash", name="pk_app_portal_sessions"),
    )
    op.create_index("ix_app_portal_sessions_worker_id", "app_portal_sessions", ["worker_id"])
    op.create_table(
        "app_login_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("client", sa.String(64), nullable=False),
        _timestamp("attempted_at"),
        sa.Column("succeeded", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_app_login_attempts"),
    )
    op.create_index(
        "ix_app_login_attempts_username_at", "app_login_attempts", ["username", "attempted_at"]
    )
    op.create_index(
        "ix_app_login_attempts_client_at", "app_login_attempts", ["client", "attempted_at"]
    )
    op.create_table(
        "app_cases",
        sa.Column("id", sa.String(32), nullable=False),
        _timestamp("created_at"),
        _timestamp("updated_at"),
        sa.Column("reason", sa.String(32), nullable=False),
        sa.Column("urgency", sa.String(16), nullable=False),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("conversation_id", sa.String(255), nullable=False),
        sa.Column("team_id", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column(
            "claimed_by",
            sa.Integer(),
            _worker_fk("app_cases", "claimed_by", "SET NULL"),
            nullable=True,
        ),
        _timestamp("claimed_at", nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column(
            "plan_id",
            sa.String(32),
            sa.ForeignKey(
                "app_plans.id", ondelete="SET NULL", name="fk_app_cases_plan_id_app_plans"
            ),
            nullable=True,
        ),
        sa.Column("plan_status", sa.String(32), nullable=False),
        sa.Column("contact_preference", sa.String(16), nullable=True),
        sa.Column("contact_value", sa.String(255), nullable=True),
        sa.Column("contact_when", sa.String(200), nullable=True),
        _timestamp("closed_at", nullable=True),
        sa.Column("outcome", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_app_cases"),
    )
    op.create_index("ix_app_cases_team_id_status", "app_cases", ["team_id", "status"])
    op.create_index("ix_app_cases_conversation_id", "app_cases", ["conversation_id"])
    op.create_table(
        "app_case_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "case_id",
            sa.String(32),
            sa.ForeignKey(
                "app_cases.id", ondelete="CASCADE", name="fk_app_case_notes_case_id_app_cases"
            ),
            nullable=False,
        ),
        sa.Column(
            "worker_id",
            sa.Integer(),
            _worker_fk("app_case_notes", "worker_id", "SET NULL"),
            nullable=True,
        ),
        sa.Column("plan_part", sa.String(64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        _timestamp("created_at"),
        sa.PrimaryKeyConstraint("id", name="pk_app_case_notes"),
    )
    op.create_index("ix_app_case_notes_case_id", "app_case_notes", ["case_id"])

    # The audit log: ALTER TABLE ... RENAME COLUMN works on PostgreSQL and SQLite >= 3.25.
    op.execute(f"ALTER TABLE {AUDIT_TABLE} RENAME COLUMN event TO action")
    op.add_column(AUDIT_TABLE, sa.Column("worker_id", sa.Integer(), nullable=True))
    op.add_column(AUDIT_TABLE, sa.Column("case_id", sa.String(32), nullable=True))
    op.add_column(AUDIT_TABLE, sa.Column("detail", sa.String(200), nullable=True))
    op.create_index("ix_app_audit_log_at", AUDIT_TABLE, ["at"])
    op.create_index("ix_app_audit_log_case_id", AUDIT_TABLE, ["case_id"])
    _protect_audit_log()


def downgrade() -> None:
    _unprotect_audit_log()
    op.drop_index("ix_app_audit_log_case_id", table_name=AUDIT_TABLE)
    op.drop_index("ix_app_audit_log_at", table_name=AUDIT_TABLE)
    # SQLite >= 3.35 drops columns in place.
    op.drop_column(AUDIT_TABLE, "detail")
    op.drop_column(AUDIT_TABLE, "case_id")
    op.drop_column(AUDIT_TABLE, "worker_id")
    op.execute(f"ALTER TABLE {AUDIT_TABLE} RENAME COLUMN action TO event")

    op.drop_index("ix_app_case_notes_case_id", table_name="app_case_notes")
    op.drop_table("app_case_notes")
    op.drop_index("ix_app_cases_conversation_id", table_name="app_cases")
    op.drop_index("ix_app_cases_team_id_status", table_name="app_cases")
    op.drop_table("app_cases")
    op.drop_index("ix_app_login_attempts_client_at", table_name="app_login_attempts")
    op.drop_index("ix_app_login_attempts_username_at", table_name="app_login_attempts")
    op.drop_table("app_login_attempts")
    op.drop_index("ix_app_portal_sessions_worker_id", table_name="app_portal_sessions")
    op.drop_table("app_portal_sessions")
    op.drop_table("app_worker_teams")
    op.drop_table("app_workers")
