"""Initial schema: documents (with full-text search on SQLite), actors, places, events, errors.

Revision ID: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_FTS_TRIGGERS = (
    """CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
        INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
    END""",
    """CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
    END""",
    """CREATE TRIGGER documents_au AFTER UPDATE ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
        INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
    END""",
)


def _document_child(name: str, *columns: sa.Column[object]) -> None:
    op.create_table(
        name,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("local_id", sa.String(16), nullable=False),
        *columns,
    )
    op.create_index(f"ix_{name}_document_id", name, ["document_id"])


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("doc_id", sa.String(512), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("date", sa.String(10)),
        sa.Column("outlet", sa.String(256)),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("record", sa.Text, nullable=False),
        sa.Column("analyzed_at", sa.String(32), nullable=False),
    )
    for column in ("doc_id", "date", "outlet"):
        op.create_index(f"ix_documents_{column}", "documents", [column])
    _document_child(
        "actors",
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("canonical_id", sa.String(128)),
        sa.Column("registered", sa.Boolean, nullable=False),
        sa.Column("mention_count", sa.Integer, nullable=False),
    )
    op.create_index("ix_actors_name", "actors", ["name"])
    op.create_index("ix_actors_canonical_id", "actors", ["canonical_id"])
    _document_child(
        "places",
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("country", sa.String(8)),
        sa.Column("admin1", sa.Text),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("feature", sa.String(32)),
        sa.Column("geonames_id", sa.Integer),
    )
    op.create_index("ix_places_name", "places", ["name"])
    _document_child(
        "events",
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("mode", sa.String(64)),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("date", sa.String(10)),
        sa.Column("source_actors", sa.Text, nullable=False),
        sa.Column("target_actors", sa.Text, nullable=False),
        sa.Column("place", sa.Text),
        sa.Column("evidence", sa.Text, nullable=False),
        sa.Column("evidence_start", sa.Integer, nullable=False),
        sa.Column("evidence_end", sa.Integer, nullable=False),
    )
    op.create_index("ix_events_type_date", "events", ["type", "date"])
    op.create_table(
        "ingest_errors",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("source", sa.Text, nullable=False, unique=True),
        sa.Column("error", sa.Text, nullable=False),
        sa.Column("recorded_at", sa.String(32), nullable=False),
    )
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents', content_rowid='id')"
        )
        for trigger in _FTS_TRIGGERS:
            op.execute(trigger)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("documents_ai", "documents_ad", "documents_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS documents_fts")
    for table in ("ingest_errors", "events", "places", "actors", "documents"):
        op.drop_table(table)
