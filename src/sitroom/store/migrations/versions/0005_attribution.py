"""Attribution: whether a claim's source is unnamed, and the voice (the outlet's own or a source's) of
claims and framing items.

Revision ID: attribution
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "attribution"
down_revision = "identity_review"
branch_labels = None
depends_on = None

_COLUMNS = (
    ("claims", sa.Column("anonymous", sa.Boolean, nullable=True)),
    ("claims", sa.Column("voice", sa.String(16), nullable=True)),
    ("framing", sa.Column("voice", sa.String(16), nullable=True)),
)


def upgrade() -> None:
    for table, column in _COLUMNS:
        with op.batch_alter_table(table) as batch:
            batch.add_column(column)


def downgrade() -> None:
    for table, column in reversed(_COLUMNS):
        with op.batch_alter_table(table) as batch:
            batch.drop_column(column.name)
