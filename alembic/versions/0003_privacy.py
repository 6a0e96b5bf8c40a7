"""Privacy: plan links that expire, resume-code throttling per client, and forgotten
conversations.

- `app_plans.document_token_expires_at`: the plan link works until then (NULL for plans
  made before this migration: their link works until `created_at` plus the configured
  plan link days).
- `app_resume_attempts.client_key`: an HMAC of the client's address (never the address),
  so wrong codes are counted per client across conversations.
- `app_forgotten_conversations`: an HMAC of each conversation id deleted by "vergeet mij",
  so a turn that was still running cannot write its events back.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("app_plans") as batch:
        batch.add_column(
            sa.Column("document_token_expires_at", sa.DateTime(timezone=True), nullable=True)
        )
    with op.batch_alter_table("app_resume_attempts") as batch:
        batch.add_column(sa.Column("client_key", sa.String(64), nullable=True))
        batch.create_index("ix_app_resume_attempts_client_key_at", ["client_key", "attempted_at"])
    op.create_table(
        "app_forgotten_conversations",
        sa.Column("conversation_hash", sa.String(64), primary_key=True),
        sa.Column("forgotten_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("app_forgotten_conversations")
    with op.batch_alter_table("app_resume_attempts") as batch:
        batch.drop_index("ix_app_resume_attempts_client_key_at")
        batch.drop_column("client_key")
    with op.batch_alter_table("app_plans") as batch:
        batch.drop_column("document_token_expires_at")
