"""The knowledge base in the ecosystem and at scale: foreign keys on every link column, latitude/longitude
on events and places, analysis versions and revision history of documents, ingested corpora, indexes for
keyset paging; the documents' full-text index is no longer rewritten when a document is only marked linked.

On SQLite a foreign key can only be added by rebuilding the table (Alembic's batch mode); ``migrate`` runs
migrations with foreign-key enforcement off, as SQLite's documented table-rebuild procedure requires, and
this revision checks every key before it commits.

Revision ID: kb_scale
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "kb_scale"
down_revision = "0002"
branch_labels = None
depends_on = None

# table → (link column, table it points at, ON DELETE action)
_LINKS: dict[str, tuple[tuple[str, str, str | None], ...]] = {
    "actors": (("identity_id", "actor_identities", None),),
    "places": (("identity_id", "place_identities", None),),
    "events": (("place_identity_id", "place_identities", None), ("cluster_id", "event_clusters", None)),
    "event_clusters": (("place_identity_id", "place_identities", None),),
    "quotes": (("speaker_identity_id", "actor_identities", None),),
    "claims": (("source_identity_id", "actor_identities", None),),
    "agreements": (("place_identity_id", "place_identities", None),),
    "framing": (("target_identity_id", "actor_identities", None),),
}
_DOCUMENT_COLUMNS = ("updated_at", "analysis_version", "model_version")
_POINT_TABLES = ("events", "places", "event_clusters")
_KEYSET_INDEXES = {
    "ix_event_clusters_date_start_id": ("event_clusters", ("date_start", "id")),
    "ix_event_clusters_type_date_start_id": ("event_clusters", ("type", "date_start", "id")),
    "ix_event_clusters_latitude_longitude": ("event_clusters", ("latitude", "longitude")),
}


# Only a change of the indexed columns re-indexes a document (marking it linked did, at every store).
_DOCUMENTS_UPDATE_TRIGGER = """CREATE TRIGGER documents_au AFTER UPDATE OF title, text ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END"""
_OLD_DOCUMENTS_UPDATE_TRIGGER = """CREATE TRIGGER documents_au AFTER UPDATE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END"""


def _add_columns() -> None:
    op.add_column("documents", sa.Column("updated_at", sa.String(32)))
    op.add_column("documents", sa.Column("analysis_version", sa.String(32)))
    op.add_column("documents", sa.Column("model_version", sa.String(128)))
    op.create_index("ix_documents_analysis_version", "documents", ["analysis_version"])
    for table in _POINT_TABLES:
        op.add_column(table, sa.Column("latitude", sa.Float))
        op.add_column(table, sa.Column("longitude", sa.Float))
    op.execute("UPDATE places SET latitude = lat, longitude = lon")
    for table in ("events", "event_clusters"):
        place = f"FROM place_identities p WHERE p.id = {table}.place_identity_id"
        op.execute(
            f"UPDATE {table} SET latitude = (SELECT lat {place}), longitude = (SELECT lon {place}) "
            "WHERE place_identity_id IS NOT NULL"
        )


def _new_tables() -> None:
    op.create_table(
        "document_revisions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("doc_id", sa.String(512), nullable=False, index=True),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("analyzed_at", sa.String(32), nullable=False),
        sa.Column("analysis_version", sa.String(32)),
        sa.Column("ended_at", sa.String(32), nullable=False),
        sa.Column("change", sa.String(16), nullable=False),
    )
    op.create_table(
        "corpora",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("path", sa.String(1000), nullable=False, unique=True),
        sa.Column("title", sa.Text),
        sa.Column("licence", sa.Text),
        sa.Column("source_url", sa.Text),
        sa.Column("ingested_at", sa.String(32), nullable=False),
    )


def _foreign_keys(sqlite: bool) -> None:
    if sqlite:
        # Rebuilding a table renames its copy into place; in legacy mode SQLite leaves the views that name
        # the table alone (they find the new table by name) instead of re-checking them mid-rebuild.
        op.execute("PRAGMA legacy_alter_table=ON")
    for table, links in _LINKS.items():
        with op.batch_alter_table(table) as batch:
            for column, referent, ondelete in links:
                batch.create_foreign_key(f"fk_{table}_{column}", referent, [column], ["id"], ondelete=ondelete)
    if sqlite:
        op.execute("PRAGMA legacy_alter_table=OFF")
        broken = op.get_bind().exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise RuntimeError(f"rows pointing at missing rows, the migration is rolled back: {broken[:10]}")


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    _add_columns()
    _new_tables()
    _foreign_keys(sqlite)
    for name, (table, columns) in _KEYSET_INDEXES.items():
        op.create_index(name, table, list(columns))
    if sqlite:
        op.execute("DROP TRIGGER documents_au")
        op.execute(_DOCUMENTS_UPDATE_TRIGGER)


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        op.execute("DROP TRIGGER documents_au")
        op.execute(_OLD_DOCUMENTS_UPDATE_TRIGGER)
    for name, (table, _) in _KEYSET_INDEXES.items():
        op.drop_index(name, table)
    for table, links in _LINKS.items():
        with op.batch_alter_table(table) as batch:
            for column, _, _ in links:
                batch.drop_constraint(f"fk_{table}_{column}", type_="foreignkey")
    op.drop_table("corpora")
    op.drop_table("document_revisions")
    for table in _POINT_TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("longitude")
            batch.drop_column("latitude")
    op.drop_index("ix_documents_analysis_version", "documents")
    with op.batch_alter_table("documents") as batch:
        for column in _DOCUMENT_COLUMNS:
            batch.drop_column(column)
