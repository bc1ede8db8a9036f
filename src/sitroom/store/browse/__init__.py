"""Read-side queries behind the HTTP API: plain JSON-ready dicts, parameterised SQL only."""

from sitroom.store.browse.actors import actor_documents, actor_quotes, get_actor, list_actors
from sitroom.store.browse.aggregates import Bounds, event_map, network, timeline
from sitroom.store.browse.agreements import (
    get_agreement,
    get_agreement_identity,
    list_agreement_identities,
    list_agreements,
)
from sitroom.store.browse.common import Json, Page
from sitroom.store.browse.documents import get_document, list_documents
from sitroom.store.browse.events import (
    Cursor,
    EventFilter,
    events_geojson,
    get_event,
    iter_events,
    list_events,
    matching_reports,
)
from sitroom.store.browse.outlets import compare_outlets, get_outlet, list_outlets
from sitroom.store.browse.places import get_place, list_places, place_documents
from sitroom.store.browse.search import DocumentSearch, iter_documents, search_documents
from sitroom.store.browse.stats import stats

__all__ = [
    "Bounds",
    "Cursor",
    "DocumentSearch",
    "EventFilter",
    "Json",
    "Page",
    "actor_documents",
    "actor_quotes",
    "compare_outlets",
    "event_map",
    "events_geojson",
    "get_actor",
    "get_agreement",
    "get_agreement_identity",
    "get_document",
    "get_event",
    "get_outlet",
    "get_place",
    "iter_documents",
    "iter_events",
    "list_actors",
    "list_agreement_identities",
    "list_agreements",
    "list_documents",
    "list_events",
    "list_outlets",
    "list_places",
    "matching_reports",
    "network",
    "place_documents",
    "search_documents",
    "stats",
    "timeline",
]
