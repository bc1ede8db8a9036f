"""An actor identity per event it is named in, with the event's first day (``actor_events``), kept by the
writer with the rollups (``sitroom.store.rollups``) and filled here from the stored events: an actor's
newest events come by index.

Revision ID: actor_events
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

revision = "actor_events"
down_revision = "rollups"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "actor_events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("identity_id", sa.Integer, nullable=False),
        sa.Column("cluster_id", sa.Integer, nullable=False, index=True),
        sa.Column("date_key", sa.String(10), nullable=False),
        sa.UniqueConstraint("identity_id", "cluster_id"),
    )
    op.create_index("ix_actor_events_identity_date", "actor_events", ["identity_id", "date_key", "cluster_id"])
    from sitroom.store.rollups import fill_actor_events  # the writer's own rows, so both agree

    fill_actor_events(Session(bind=op.get_bind()))


def downgrade() -> None:
    op.drop_table("actor_events")
