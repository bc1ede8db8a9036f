"""An actor identity per event it is named in, with the event's first day (``actor_events``: an actor's
newest events come by index), and the country of the events' places in ``month_rollups`` (a timeline by
country adds up a few rows per month); the rollups kept by the writer (``sitroom.store.rollups``) are filled
here from the stored events.

Revision ID: actor_country_rollups
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

revision = "actor_country_rollups"
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
    op.add_column("month_rollups", sa.Column("country", sa.String(8)))
    from sitroom.store.rollups import fill_actor_events, rebuild  # the writer's own counting, so both agree

    session = Session(bind=op.get_bind())
    rebuild(session)
    fill_actor_events(session)


def downgrade() -> None:
    op.drop_column("month_rollups", "country")
    op.drop_table("actor_events")
