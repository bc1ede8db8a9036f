"""Agreement identities indexed by their last day as by their first: a batch loads only the identities whose
dates meet its own (``agreement_identities._Region``), not all of them.

Revision ID: agreement_blocking
"""

from __future__ import annotations

from alembic import op

revision = "agreement_blocking"
down_revision = "agreement_settled"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_agreement_identities_date_end", "agreement_identities", ["date_end"])


def downgrade() -> None:
    op.drop_index("ix_agreement_identities_date_end", table_name="agreement_identities")
