"""Covering indexes for counting documents per actor, place and event type (the actor list, the search's
facets) and for the timeline's bins: on a base of 24,000 documents and 169,000 events the search page's
facets took 1.3 s without them and 0.2 s with them, the timeline's bins 0.3 s and 0.17 s
(bench/workbench_scale.py).

Revision ID: workbench_scale
"""

from __future__ import annotations

from alembic import op

revision = "workbench_scale"
down_revision = "places"
branch_labels = None
depends_on = None

_INDEXES = {
    "ix_actors_identity_document": ("actors", ["identity_id", "document_id"]),
    "ix_places_identity_document": ("places", ["identity_id", "document_id"]),
    "ix_events_type_document": ("events", ["type", "document_id"]),
    "ix_event_clusters_date_start_end_type": ("event_clusters", ["date_start", "date_end", "type"]),
}


def upgrade() -> None:
    for name, (table, columns) in _INDEXES.items():
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, (table, _) in _INDEXES.items():
        op.drop_index(name, table_name=table)
