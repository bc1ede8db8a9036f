"""An actor identity per event it is named in, with the event's first day (``actor_events``: an actor's
newest events come by index); the country of the events' places in ``month_rollups`` (a timeline by
country adds up a few rows per month); ``day_rollups`` (per type, country, first day and end month: the
timeline's days and weeks); ``actor_edge_rollups`` (network edges per actor named in the events); an index
covering the map's cells over a date range; on PostgreSQL, indexes giving the newest events first. The
rollups, kept by the writer (``sitroom.store.rollups``), are filled here from the stored events.

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
    columns = ["month_start", "month_end", "type", "latitude", "longitude", "events", "id_sum"]
    op.create_index("ix_event_rollups_months_point", "event_rollups", columns)
    op.create_table(
        "day_rollups",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.BigInteger, nullable=False, unique=True),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("country", sa.String(8)),
        sa.Column("day_start", sa.String(10)),
        sa.Column("month_end", sa.String(7)),
        sa.Column("events", sa.Integer, nullable=False),
        sa.Column("id_sum", sa.BigInteger, nullable=False),
    )
    op.create_index("ix_day_rollups_type_day_start", "day_rollups", ["type", "day_start"])
    op.create_table(
        "actor_edge_rollups",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.BigInteger, nullable=False, unique=True),
        sa.Column("actor_id", sa.Integer, nullable=False),
        sa.Column("source_id", sa.Integer, nullable=False),
        sa.Column("target_id", sa.Integer, nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("events", sa.Integer, nullable=False),
    )
    op.create_index("ix_actor_edge_rollups_actor_type", "actor_edge_rollups", ["actor_id", "type"])
    if op.get_bind().dialect.name == "postgresql":  # the newest events first by index (NULLS LAST)
        op.execute("CREATE INDEX ix_event_clusters_newest ON event_clusters (date_start DESC NULLS LAST, id DESC)")
        op.execute(
            "CREATE INDEX ix_event_clusters_type_newest ON event_clusters (type, date_start DESC NULLS LAST, id DESC)"
        )
    from sitroom.store.rollups import rebuild  # the writer's own counting, so both agree

    rebuild(Session(bind=op.get_bind()))


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.drop_index("ix_event_clusters_type_newest", table_name="event_clusters")
        op.drop_index("ix_event_clusters_newest", table_name="event_clusters")
    op.drop_index("ix_event_rollups_months_point", table_name="event_rollups")
    op.drop_table("actor_edge_rollups")
    op.drop_table("day_rollups")
    op.drop_column("month_rollups", "country")
    op.drop_table("actor_events")
