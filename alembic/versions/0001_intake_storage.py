"""Intake storage: plans, answers, versions, consents, resume codes, audit log.

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _timestamp(name: str) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=False)


def _plan_id(table: str) -> sa.Column:
    return sa.Column(
        "plan_id",
        sa.String(32),
        sa.ForeignKey("app_plans.id", ondelete="CASCADE", name=f"fk_{table}_plan_id_app_plans"),
        nullable=False,
    )


def upgrade() -> None:
    op.create_table(
        "app_plans",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("document_token", sa.String(64), nullable=False),
        _timestamp("created_at"),
        _timestamp("updated_at"),
        sa.PrimaryKeyConstraint("id", name="pk_app_plans"),
        sa.UniqueConstraint("document_token", name="uq_app_plans_document_token"),
    )
    op.create_table(
        "app_plan_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        _plan_id("app_plan_answers"),
        sa.Column("key", sa.String(100), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        _timestamp("updated_at"),
        sa.PrimaryKeyConstraint("id", name="pk_app_plan_answers"),
        sa.UniqueConstraint("plan_id", "key", name="uq_app_plan_answers_plan_id"),
    )
    op.create_table(
        "app_plan_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        _plan_id("app_plan_versions"),
        sa.Column("number", sa.Integer(), nullable=False),
        _timestamp("created_at"),
        sa.Column("content", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_app_plan_versions"),
        sa.UniqueConstraint("plan_id", "number", name="uq_app_plan_versions_plan_id"),
    )
    op.create_table(
        "app_plan_conversations",
        sa.Column("id", sa.Integer(), nullable=False),
        _plan_id("app_plan_conversations"),
        sa.Column("conversation_id", sa.String(255), nullable=False),
        _timestamp("linked_at"),
        sa.PrimaryKeyConstraint("id", name="pk_app_plan_conversations"),
        sa.UniqueConstraint("plan_id", "conversation_id", name="uq_app_plan_conversations_plan_id"),
    )
    op.create_index(
        "ix_app_plan_conversations_conversation_id",
        "app_plan_conversations",
        ["conversation_id"],
    )
    op.create_table(
        "app_consents",
        sa.Column("id", sa.Integer(), nullable=False),
        _plan_id("app_consents"),
        sa.Column("conversation_id", sa.String(255), nullable=False),
        _timestamp("given_at"),
        sa.Column("text_version", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_app_consents"),
    )
    op.create_index("ix_app_consents_plan_id", "app_consents", ["plan_id"])
    op.create_table(
        "app_resume_codes",
        sa.Column("code_hash", sa.String(64), nullable=False),
        _plan_id("app_resume_codes"),
        _timestamp("created_at"),
        _timestamp("expires_at"),
        sa.PrimaryKeyConstraint("code_hash", name="pk_app_resume_codes"),
    )
    op.create_index("ix_app_resume_codes_plan_id", "app_resume_codes", ["plan_id"])
    op.create_table(
        "app_resume_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.String(255), nullable=False),
        _timestamp("attempted_at"),
        sa.PrimaryKeyConstraint("id", name="pk_app_resume_attempts"),
    )
    op.create_index(
        "ix_app_resume_attempts_conversation_id_at",
        "app_resume_attempts",
        ["conversation_id", "attempted_at"],
    )
    op.create_table(
        "app_audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        _timestamp("at"),
        sa.Column("event", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_app_audit_log"),
    )


def downgrade() -> None:
    op.drop_table("app_audit_log")
    op.drop_index("ix_app_resume_attempts_conversation_id_at", table_name="app_resume_attempts")
    op.drop_table("app_resume_attempts")
    op.drop_index("ix_app_resume_codes_plan_id", table_name="app_resume_codes")
    op.drop_table("app_resume_codes")
    op.drop_index("ix_app_consents_plan_id", table_name="app_consents")
    op.drop_table("app_consents")
    op.drop_index("ix_app_plan_conversations_conversation_id", table_name="app_plan_conversations")
    op.drop_table("app_plan_conversations")
    op.drop_table("app_plan_versions")
    op.drop_table("app_plan_answers")
    op.drop_table("app_plans")
