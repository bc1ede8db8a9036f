"""Taking a document's analysis out of the knowledge base, for a revision, a reanalysis or a deletion.

Its rows go; the event clusters and agreement identities it reported to are recounted (and removed when no
report is left); the actor and place identities only it named are removed, and aliases of other identities
that no remaining document of theirs contains any more. Removals race safely with concurrent writers
(PostgreSQL): a row another transaction has just linked to makes the removal of that identity or cluster
roll back to its savepoint, and the row stays.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import ColumnElement, Select, and_, delete, exists, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sitroom.record import Record
from sitroom.store.agreement_identities import as_stored, refresh_agreement_identities, unsettle_removed
from sitroom.store.corroboration import lock_signatures, refresh_clusters
from sitroom.store.identities import actor_aliases
from sitroom.store.identity_review import forget_links, remerge
from sitroom.store.rollups import touch
from sitroom.store.schema import (
    ActorAliasRow,
    ActorIdentityRow,
    ActorRow,
    AffiliationRow,
    AgreementIdentityRow,
    AgreementRow,
    ClaimRow,
    DocumentRevisionRow,
    DocumentRow,
    EventClusterRow,
    EventRow,
    FramingRow,
    PlaceIdentityRow,
    PlaceRow,
    QuoteRow,
)

# Rows that belong to one document (their own children go with them: ON DELETE CASCADE).
DOCUMENT_CHILDREN = (ActorRow, PlaceRow, EventRow, QuoteRow, ClaimRow, AgreementRow, FramingRow, AffiliationRow)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class Removed:
    """What a removed analysis had linked to: to recount, or to remove when nothing links to it any more."""

    clusters: set[int] = field(default_factory=set)
    agreements: set[int] = field(default_factory=set)
    actors: set[int] = field(default_factory=set)
    places: set[int] = field(default_factory=set)
    aliases: set[tuple[int, str]] = field(default_factory=set)

    def settle(self, session: Session) -> None:
        """Recount clusters and agreement identities, then drop those, identities and aliases nothing links to any
        more."""
        refresh_clusters(session, self.clusters)
        _prune(session, EventClusterRow, self.clusters, [EventClusterRow.report_count == 0])
        was = as_stored(session, self.agreements)
        refresh_agreement_identities(session, self.agreements)
        _prune(session, AgreementIdentityRow, self.agreements, [AgreementIdentityRow.report_count == 0])
        unsettle_removed(session, was)
        _prune_aliases(session, self.aliases)
        _prune(session, ActorIdentityRow, self.actors, [~exists().where(ActorRow.identity_id == ActorIdentityRow.id)])
        place = PlaceIdentityRow.id
        _prune(
            session,
            PlaceIdentityRow,
            self.places,
            [
                ~exists().where(PlaceRow.identity_id == place),
                ~exists().where(EventRow.place_identity_id == place),
                ~exists().where(EventClusterRow.place_identity_id == place),
                ~exists().where(AgreementRow.place_identity_id == place),
            ],
        )


def remove_analysis(session: Session, document_pk: int, record_json: str) -> Removed:
    """Delete the rows of document ``document_pk``'s analysis (its record: ``record_json``); what they linked."""
    removed = Removed()
    removed.clusters = _ids(session, select(EventRow.cluster_id).where(EventRow.document_id == document_pk))
    removed.agreements = _ids(session, select(AgreementRow.identity_id).where(AgreementRow.document_id == document_pk))
    removed.places = _ids(session, select(PlaceRow.identity_id).where(PlaceRow.document_id == document_pk))
    removed.places |= _ids(
        session,
        select(EventClusterRow.place_identity_id).where(EventClusterRow.id.in_(removed.clusters)),
    )
    actor_rows = select(ActorRow.local_id, ActorRow.identity_id).where(ActorRow.document_id == document_pk)
    local_actors = {local: identity for local, identity in session.execute(actor_rows)}
    removed.actors = {identity for identity in local_actors.values() if identity is not None}
    for actor in Record.model_validate_json(record_json).actors:
        if (identity := local_actors.get(actor.id)) is not None:
            removed.aliases.update((identity, alias) for alias in actor_aliases(actor))
    touch(session, removed.clusters)  # before its reports go
    for table in DOCUMENT_CHILDREN:
        session.execute(delete(table).where(table.document_id == document_pk))
    return removed


def remember_version(session: Session, document: DocumentRow, change: str) -> None:
    """Keep the content hash, time and analysis version of a document's version that ends now."""
    session.add(
        DocumentRevisionRow(
            doc_id=document.doc_id,
            content_hash=document.content_hash,
            analyzed_at=document.analyzed_at,
            analysis_version=document.analysis_version,
            ended_at=now(),
            change=change,
        )
    )
    session.flush()


def delete_documents(session: Session, doc_id: str) -> int:
    """Delete every stored document with id ``doc_id`` and its analysis, keeping their history; how many."""
    documents = session.scalars(select(DocumentRow).where(DocumentRow.doc_id == doc_id).with_for_update()).all()
    clusters = select(EventRow.cluster_id).where(EventRow.document_id.in_([document.id for document in documents]))
    lock_signatures(session, session.scalars(select(EventClusterRow.signature).where(EventClusterRow.id.in_(clusters))))
    for document in documents:
        removed = remove_analysis(session, document.id, document.record)
        remember_version(session, document, "deleted")
        session.execute(delete(DocumentRow).where(DocumentRow.id == document.id))
        removed.settle(session)
    return len(documents)


def _ids(session: Session, query: Select[int | None]) -> set[int]:
    return {value for value in session.scalars(query) if value is not None}


IdModel = type[EventClusterRow] | type[AgreementIdentityRow] | type[ActorIdentityRow] | type[PlaceIdentityRow]


def _prune(session: Session, model: IdModel, ids: set[int], unused: list[ColumnElement[bool]]) -> None:
    """Delete the rows ``ids`` of ``model`` that meet the ``unused`` conditions (an actor's aliases and identity
    links first; the identities it was merged with are merged again without it)."""
    neighbours: set[int] = set()
    for pk in sorted(ids):
        try:
            with session.begin_nested():
                if model is ActorIdentityRow:
                    orphan = select(ActorIdentityRow.id).where(ActorIdentityRow.id == pk, *unused)
                    session.execute(delete(ActorAliasRow).where(ActorAliasRow.identity_id.in_(orphan)))
                    neighbours |= forget_links(session, orphan)
                session.execute(delete(model).where(model.id == pk, *unused))
        except IntegrityError:  # linked to by a concurrent writer a moment ago: it stays
            continue
    if neighbours:
        remerge(session, neighbours - ids)


def _prune_aliases(session: Session, pairs: set[tuple[int, str]]) -> None:
    """Delete aliases that no remaining document of their identity contains."""
    for identity, alias in sorted(pairs):
        still_named = (
            select(ActorRow.id)
            .join(DocumentRow, DocumentRow.id == ActorRow.document_id)
            .where(ActorRow.identity_id == identity, DocumentRow.text.contains(alias, autoescape=True))
            .exists()
        )
        session.execute(
            delete(ActorAliasRow).where(
                and_(ActorAliasRow.identity_id == identity, ActorAliasRow.alias == alias, ~still_named)
            )
        )
