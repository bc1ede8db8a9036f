"""Cross-document knowledge: actor and place identities, event clusters (corroboration), every layer
as a table, Datasette views, and full-text search on PostgreSQL.

Revision ID: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_VIEWS = ("event_reports_view", "corroborated_events_view", "actors_view", "places_view")
_TABLES = (
    "framing",
    "provisions",
    "agreement_actors",
    "agreements",
    "claims",
    "quotes",
    "event_actors",
    "event_clusters",
    "actor_affiliations",
    "actor_aliases",
    "place_identities",
    "actor_identities",
)
_ADDED_COLUMNS = {
    "documents": ("linked",),
    "actors": ("identity_id", "affiliations", "roles"),
    "places": ("identity_id",),
    "events": ("reported_by", "place_identity_id", "cluster_id"),
}


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer, primary_key=True)


def _document_fk() -> sa.Column[int]:
    return sa.Column(
        "document_id",
        sa.Integer,
        sa.ForeignKey("documents.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )


def _identity_fk(name: str = "identity_id") -> sa.Column[int]:
    return sa.Column(name, sa.Integer, sa.ForeignKey("actor_identities.id"), nullable=False, index=True)


def _span_columns() -> tuple[sa.Column[object], ...]:
    return (
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
    )


def _add_columns() -> None:
    op.add_column("documents", sa.Column("linked", sa.Boolean, nullable=False, server_default=sa.false()))
    op.add_column("actors", sa.Column("identity_id", sa.Integer))
    op.add_column("actors", sa.Column("affiliations", sa.Text))
    op.add_column("actors", sa.Column("roles", sa.Text))
    op.add_column("places", sa.Column("identity_id", sa.Integer))
    op.add_column("events", sa.Column("reported_by", sa.Text))
    op.add_column("events", sa.Column("place_identity_id", sa.Integer))
    op.add_column("events", sa.Column("cluster_id", sa.Integer))
    for table, column in (
        ("actors", "identity_id"),
        ("places", "identity_id"),
        ("events", "place_identity_id"),
        ("events", "cluster_id"),
    ):
        op.create_index(f"ix_{table}_{column}", table, [column])


def _identity_tables() -> None:
    op.create_table(
        "actor_identities",
        _id(),
        sa.Column("key", sa.String(300), nullable=False, unique=True),
        sa.Column("canonical_id", sa.String(128)),
        sa.Column("name", sa.Text, nullable=False, index=True),
        sa.Column("kind", sa.String(32), nullable=False),
    )
    op.create_table(
        "actor_aliases",
        _id(),
        _identity_fk(),
        sa.Column("alias", sa.String(300), nullable=False),
        sa.Column("alias_key", sa.String(300), nullable=False, index=True),
        sa.UniqueConstraint("identity_id", "alias", name="uq_actor_aliases_identity_alias"),
    )
    op.create_table("actor_affiliations", _id(), _document_fk(), _identity_fk(), _identity_fk("affiliated_id"))
    op.create_table(
        "place_identities",
        _id(),
        sa.Column("key", sa.String(300), nullable=False, unique=True),
        sa.Column("name", sa.Text, nullable=False, index=True),
        sa.Column("country", sa.String(8), index=True),
        sa.Column("admin1", sa.Text),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("feature", sa.String(32)),
        sa.Column("geonames_id", sa.Integer),
    )


def _event_tables() -> None:
    op.create_table(
        "event_clusters",
        _id(),
        sa.Column("signature", sa.String(600), nullable=False, index=True),
        sa.Column("type", sa.String(16), nullable=False, index=True),
        sa.Column("mode", sa.String(64)),
        sa.Column("date_start", sa.String(10), index=True),
        sa.Column("date_end", sa.String(10)),
        sa.Column("place_identity_id", sa.Integer, index=True),
        sa.Column("report_count", sa.Integer, nullable=False),
        sa.Column("source_count", sa.Integer, nullable=False),
        sa.Column("statuses", sa.String(120), nullable=False),
        sa.Column("contested", sa.Boolean, nullable=False),
    )
    op.create_table(
        "event_actors",
        _id(),
        sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"), nullable=False, index=True),
        _identity_fk(),
        sa.Column("role", sa.String(16), nullable=False),
    )


def _layer_tables() -> None:
    op.create_table(
        "quotes",
        _id(),
        _document_fk(),
        sa.Column("speaker", sa.Text),
        sa.Column("speaker_identity_id", sa.Integer, index=True),
        *_span_columns(),
        sa.Column("direct", sa.Boolean, nullable=False),
        sa.Column("cue", sa.String(64)),
    )
    op.create_table(
        "claims",
        _id(),
        _document_fk(),
        *_span_columns(),
        sa.Column("source_chain", sa.Text, nullable=False),
        sa.Column("source_identity_id", sa.Integer, index=True),
        sa.Column("cue", sa.String(64)),
        sa.Column("hedged", sa.Boolean, nullable=False),
    )
    op.create_table(
        "agreements",
        _id(),
        _document_fk(),
        sa.Column("local_id", sa.String(16), nullable=False),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("parties", sa.Text, nullable=False),
        sa.Column("signatories", sa.Text, nullable=False),
        sa.Column("implementers", sa.Text, nullable=False),
        sa.Column("place", sa.Text),
        sa.Column("place_identity_id", sa.Integer),
        sa.Column("date", sa.String(10)),
        sa.Column("evidence", sa.Text),
    )
    op.create_table(
        "agreement_actors",
        _id(),
        sa.Column(
            "agreement_id",
            sa.Integer,
            sa.ForeignKey("agreements.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        _identity_fk(),
        sa.Column("role", sa.String(16), nullable=False),
    )
    op.create_table(
        "provisions",
        _id(),
        sa.Column(
            "agreement_id",
            sa.Integer,
            sa.ForeignKey("agreements.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("n", sa.Integer, nullable=False),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("obligors", sa.Text, nullable=False),
        *_span_columns(),
    )
    op.create_table(
        "framing",
        _id(),
        _document_fk(),
        *_span_columns(),
        sa.Column("technique", sa.String(64), nullable=False, index=True),
        sa.Column("target", sa.Text),
        sa.Column("target_identity_id", sa.Integer, index=True),
    )


def _distinct_list(dialect: str, expression: str, from_where: str) -> str:
    """A scalar subquery joining the distinct values of ``expression`` with ", " (dialect-aware)."""
    if dialect == "postgresql":
        return f"(SELECT string_agg(DISTINCT {expression}, ', ') {from_where})"
    return f"(SELECT group_concat(v, ', ') FROM (SELECT DISTINCT {expression} AS v {from_where}))"


def _cluster_actors(dialect: str, role: str) -> str:
    return _distinct_list(
        dialect,
        "ai.name",
        "FROM events ev JOIN event_actors ea ON ea.event_id = ev.id "
        f"JOIN actor_identities ai ON ai.id = ea.identity_id WHERE ev.cluster_id = c.id AND ea.role = '{role}'",
    )


def _views(dialect: str) -> dict[str, str]:
    outlets = _distinct_list(
        dialect,
        "d.outlet",
        "FROM events ev JOIN documents d ON d.id = ev.document_id WHERE ev.cluster_id = c.id",
    )
    aliases = _distinct_list(dialect, "aa.alias", "FROM actor_aliases aa WHERE aa.identity_id = ai.id")
    return {
        "event_reports_view": """
            SELECT e.id AS event_id, e.cluster_id, d.doc_id, d.title, d.outlet, COALESCE(e.date, d.date) AS date,
                   e.type, e.mode, e.status, e.source_actors, e.target_actors, e.reported_by,
                   pi.name AS place, pi.country, pi.lat, pi.lon, e.evidence
            FROM events e JOIN documents d ON d.id = e.document_id
            LEFT JOIN place_identities pi ON pi.id = e.place_identity_id""",
        "corroborated_events_view": f"""
            SELECT c.id AS cluster_id, c.type, c.mode, c.date_start, c.date_end,
                   {_cluster_actors(dialect, "source")} AS sources,
                   {_cluster_actors(dialect, "target")} AS targets,
                   pi.name AS place, pi.country, pi.lat, pi.lon,
                   c.report_count, c.source_count, {outlets} AS outlets, c.statuses, c.contested
            FROM event_clusters c LEFT JOIN place_identities pi ON pi.id = c.place_identity_id""",
        "actors_view": f"""
            SELECT ai.id AS identity_id, ai.name, ai.kind, ai.canonical_id, {aliases} AS aliases,
                   (SELECT COUNT(DISTINCT a.document_id) FROM actors a WHERE a.identity_id = ai.id) AS documents,
                   (SELECT SUM(a.mention_count) FROM actors a WHERE a.identity_id = ai.id) AS mentions
            FROM actor_identities ai""",
        "places_view": """
            SELECT pi.id AS identity_id, pi.name, pi.country, pi.admin1, pi.feature, pi.lat, pi.lon, pi.geonames_id,
                   (SELECT COUNT(DISTINCT p.document_id) FROM places p WHERE p.identity_id = pi.id) AS documents,
                   (SELECT COUNT(*) FROM event_clusters c WHERE c.place_identity_id = pi.id) AS events
            FROM place_identities pi""",
    }


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    _add_columns()
    _identity_tables()
    _event_tables()
    _layer_tables()
    for name, body in _views(dialect).items():
        op.execute(f"CREATE VIEW {name} AS {body}")
    if dialect == "postgresql":
        op.execute(
            "CREATE INDEX ix_documents_fts ON documents "
            "USING gin (to_tsvector('english', coalesce(title, '') || ' ' || text))"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_documents_fts")
    for name in _VIEWS:
        op.execute(f"DROP VIEW IF EXISTS {name}")
    for table in _TABLES:
        op.drop_table(table)
    for table, columns in _ADDED_COLUMNS.items():
        with op.batch_alter_table(table) as batch:
            for column in columns:
                batch.drop_column(column)
