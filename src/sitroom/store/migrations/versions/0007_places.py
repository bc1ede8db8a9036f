"""Places located by a containing place: where a place's point comes from (``located_by``: "gazetteer", or
"parent" when a street, facility or village takes the point of the place that contains it).

Revision ID: places
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "places"
down_revision = "agreements"
branch_labels = None
depends_on = None

_TABLES = ("places", "place_identities")


def upgrade() -> None:
    for table in _TABLES:
        op.add_column(table, sa.Column("located_by", sa.String(16)))


def downgrade() -> None:
    for table in _TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("located_by")
