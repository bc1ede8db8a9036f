"""``network_rollups`` (events per source and target actor and type: the network when no place, country or
dates are asked for, from one row per edge instead of one per edge, place and months), filled from the
edge rollups; the index on a type's days of ``day_rollups`` made to cover their events.

Revision ID: network_rollups
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

revision = "network_rollups"
down_revision = "actor_country_rollups"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "network_rollups",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.BigInteger, nullable=False, unique=True),
        sa.Column("source_id", sa.Integer, nullable=False),
        sa.Column("target_id", sa.Integer, nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("events", sa.Integer, nullable=False),
    )
    op.drop_index("ix_day_rollups_type_day_start", table_name="day_rollups")
    op.create_index("ix_day_rollups_type_day_events", "day_rollups", ["type", "day_start", "events"])
    from sitroom.store.rollups import fill_network  # the writer's own keys, so both agree

    fill_network(Session(bind=op.get_bind()))


def downgrade() -> None:
    op.drop_index("ix_day_rollups_type_day_events", table_name="day_rollups")
    op.create_index("ix_day_rollups_type_day_start", "day_rollups", ["type", "day_start"])
    op.drop_table("network_rollups")
