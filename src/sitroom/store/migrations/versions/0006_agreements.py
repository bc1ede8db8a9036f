"""Agreements as living records: agreement identities across documents, every status report with its
date and evidence, and an agreement's new attributes (status, dates, duration, sidedness, form, places,
mediators, guarantors, monitors, exclusions). Additive: new tables, new nullable columns, new indexes.

Revision ID: agreements
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "agreements"
down_revision = "attribution"
branch_labels = None
depends_on = None

_NEW_COLUMNS: tuple[tuple[str, sa.types.TypeEngine[Any]], ...] = (
    ("identity_id", sa.Integer()),
    ("status", sa.String(16)),
    ("sidedness", sa.String(16)),
    ("written", sa.Boolean()),
    ("start_date", sa.String(10)),
    ("end_date", sa.String(10)),
    ("end_reason", sa.String(16)),
    ("duration", sa.String(16)),
    ("places", sa.Text()),
    ("mediators", sa.Text()),
    ("guarantors", sa.Text()),
    ("monitors", sa.Text()),
    ("excluded", sa.Text()),
)


def upgrade() -> None:
    for name, column_type in _NEW_COLUMNS:
        op.add_column("agreements", sa.Column(name, column_type, nullable=True))
    op.create_index("ix_agreements_identity_id", "agreements", ["identity_id"])
    op.create_table(
        "agreement_identities",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("family", sa.String(32), nullable=False, index=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("participants", sa.Text, nullable=False),
        sa.Column("states", sa.Text),
        sa.Column("places", sa.Text, nullable=False),
        sa.Column("agreed_date", sa.String(10)),
        sa.Column("stated", sa.Text),
        sa.Column("date_start", sa.String(10), index=True),
        sa.Column("date_end", sa.String(10)),
        sa.Column("anchor_start", sa.String(10)),
        sa.Column("anchor_end", sa.String(10)),
        sa.Column("kinds", sa.Text),
        sa.Column("statuses", sa.Text),
        sa.Column("status", sa.String(16)),
        sa.Column("status_date", sa.String(10)),
        sa.Column("report_count", sa.Integer, nullable=False),
        sa.Column("source_count", sa.Integer, nullable=False),
    )
    op.create_table(
        "agreement_status_reports",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "agreement_id",
            sa.Integer,
            sa.ForeignKey("agreements.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("identity_id", sa.Integer, index=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("date", sa.String(10)),
        sa.Column("actors", sa.Text, nullable=False),
        sa.Column("events", sa.Text, nullable=False),
        sa.Column("evidence", sa.Text, nullable=False),
        sa.Column("evidence_start", sa.Integer, nullable=False),
        sa.Column("evidence_end", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("agreement_status_reports")
    op.drop_table("agreement_identities")
    op.drop_index("ix_agreements_identity_id", table_name="agreements")
    with op.batch_alter_table("agreements") as batch:
        for name, _column_type in _NEW_COLUMNS:
            batch.drop_column(name)
