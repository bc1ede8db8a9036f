"""Reviewable identities: match keys and merge representatives on actor identities, links between spelling
variants, and analysts' decisions.

Revision ID: identity_review
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "identity_review"
down_revision = "kb_scale"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("actor_identities") as batch:
        batch.add_column(sa.Column("match_key", sa.String(300), nullable=True))
        batch.add_column(sa.Column("merged_into", sa.Integer, nullable=True))
        batch.create_index("ix_actor_identities_match_key", ["match_key"])
        batch.create_index("ix_actor_identities_merged_into", ["merged_into"])
    op.create_table(
        "identity_links",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("identity_id", sa.Integer, sa.ForeignKey("actor_identities.id"), nullable=False, index=True),
        sa.Column("other_id", sa.Integer, sa.ForeignKey("actor_identities.id"), nullable=False, index=True),
        sa.Column("reason", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False, index=True),
        sa.UniqueConstraint("identity_id", "other_id", name="uq_identity_links_pair"),
    )
    op.create_table(
        "identity_decisions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.String(300), nullable=False),
        sa.Column("other_key", sa.String(300), nullable=False),
        sa.Column("verdict", sa.String(16), nullable=False),
        sa.Column("decided_by", sa.String(128), nullable=False),
        sa.Column("decided_at", sa.String(32), nullable=False),
        sa.Column("note", sa.Text, nullable=True),
        sa.UniqueConstraint("key", "other_key", name="uq_identity_decisions_pair"),
    )


def downgrade() -> None:
    op.drop_table("identity_decisions")
    op.drop_table("identity_links")
    with op.batch_alter_table("actor_identities") as batch:
        batch.drop_index("ix_actor_identities_merged_into")
        batch.drop_index("ix_actor_identities_match_key")
        batch.drop_column("merged_into")
        batch.drop_column("match_key")
