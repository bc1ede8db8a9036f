"""``location_rollups`` (events per place and point, of any type: the map when neither a type nor dates are
asked for, from about a quarter of the point rollups' rows), filled from the point rollups; an index on the
event rollups' precision and end month (the earliest start of the events dated over longer than a year that
end in a date range); indexes covering the month rollups' months (of a country) in order.

Revision ID: location_rollups
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

revision = "location_rollups"
down_revision = "network_rollups"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "location_rollups",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.BigInteger, nullable=False, unique=True),
        sa.Column("place_identity_id", sa.Integer),
        sa.Column("latitude", sa.Float),
        sa.Column("longitude", sa.Float),
        sa.Column("events", sa.Integer, nullable=False),
        sa.Column("id_sum", sa.BigInteger, nullable=False),
    )
    op.create_index("ix_event_rollups_precision_month_end", "event_rollups", ["precision", "month_end"])
    op.create_index("ix_month_rollups_month_type_events", "month_rollups", ["month_start", "type", "events"])
    op.create_index(
        "ix_month_rollups_country_month_type_events", "month_rollups", ["country", "month_start", "type", "events"]
    )
    from sitroom.store.rollups import fill_locations  # the writer's own keys, so both agree

    fill_locations(Session(bind=op.get_bind()))


def downgrade() -> None:
    op.drop_index("ix_month_rollups_country_month_type_events", table_name="month_rollups")
    op.drop_index("ix_month_rollups_month_type_events", table_name="month_rollups")
    op.drop_index("ix_event_rollups_precision_month_end", table_name="event_rollups")
    op.drop_table("location_rollups")
