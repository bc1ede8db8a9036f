"""The event clusters' signature index extended by their first day: corroboration reads a signature's
clusters near a new report's day, not all of them.

Revision ID: signature_days
"""

from __future__ import annotations

from alembic import op

revision = "signature_days"
down_revision = "location_rollups"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_event_clusters_signature_date_start", "event_clusters", ["signature", "date_start"])
    op.drop_index("ix_event_clusters_signature", table_name="event_clusters")


def downgrade() -> None:
    op.create_index("ix_event_clusters_signature", "event_clusters", ["signature"])
    op.drop_index("ix_event_clusters_signature_date_start", table_name="event_clusters")
