"""Agreement identities remember whether the identities of vague reports ("loners") are settled: after each
batch only the loners whose settling may have changed are compared again, not every loner of the base.
Existing identities start unsettled (the next batch settles every loner once, as before).

Revision ID: agreement_settled
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "agreement_settled"
down_revision = "signature_days"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("agreement_identities", sa.Column("settled", sa.Boolean, nullable=False, server_default=sa.false()))


def downgrade() -> None:
    op.drop_column("agreement_identities", "settled")
