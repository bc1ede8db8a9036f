"""Pre-aggregated events (per type, place, point, start and end month, date precision; without place and
point, for the timeline; without dates, for the map) and actor-network
edges (per source and target actor, type, place, months), kept by the writer (``sitroom.store.rollups``)
and filled by the next migration (``actor_country_rollups``, whose columns the writer's counting needs);
and an index for an actor's events.

Revision ID: rollups
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "rollups"
down_revision = "workbench_scale"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "event_rollups",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.BigInteger, nullable=False, unique=True),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("place_identity_id", sa.Integer, index=True),
        sa.Column("latitude", sa.Float),
        sa.Column("longitude", sa.Float),
        sa.Column("month_start", sa.String(7)),
        sa.Column("month_end", sa.String(7)),
        sa.Column("precision", sa.String(8), nullable=False),
        sa.Column("events", sa.Integer, nullable=False),
        sa.Column("id_sum", sa.BigInteger, nullable=False),
    )
    op.create_index("ix_event_rollups_month_start_type", "event_rollups", ["month_start", "type"])
    op.create_table(
        "month_rollups",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.BigInteger, nullable=False, unique=True),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("month_start", sa.String(7)),
        sa.Column("month_end", sa.String(7)),
        sa.Column("precision", sa.String(8), nullable=False),
        sa.Column("events", sa.Integer, nullable=False),
        sa.Column("id_sum", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "point_rollups",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.BigInteger, nullable=False, unique=True),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("place_identity_id", sa.Integer),
        sa.Column("latitude", sa.Float),
        sa.Column("longitude", sa.Float),
        sa.Column("events", sa.Integer, nullable=False),
        sa.Column("id_sum", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "edge_rollups",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.BigInteger, nullable=False, unique=True),
        sa.Column("source_id", sa.Integer, nullable=False, index=True),
        sa.Column("target_id", sa.Integer, nullable=False, index=True),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("place_identity_id", sa.Integer),
        sa.Column("month_start", sa.String(7)),
        sa.Column("month_end", sa.String(7)),
        sa.Column("events", sa.Integer, nullable=False),
    )
    op.create_index("ix_event_actors_identity_event", "event_actors", ["identity_id", "event_id"])


def downgrade() -> None:
    op.drop_index("ix_event_actors_identity_event", table_name="event_actors")
    op.drop_table("edge_rollups")
    op.drop_table("month_rollups")
    op.drop_table("point_rollups")
    op.drop_table("event_rollups")
