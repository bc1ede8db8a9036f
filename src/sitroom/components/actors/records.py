"""Actor records of a document, from its clusters."""

from __future__ import annotations

from spacy.tokens import Doc

from sitroom.components.actors.clustering import Cluster
from sitroom.components.actors.mentions import Mention
from sitroom.components.actors.roles import add_unique
from sitroom.components.actors.vocabulary import GROUP_WORDS, INSTITUTION_WORDS, MEDIA_WORDS, PARTY_WORDS
from sitroom.knowledge.collectives import CollectiveType
from sitroom.knowledge.registry import Registry
from sitroom.layers import tokens_text
from sitroom.names import fold, name_tokens
from sitroom.record import Actor, ActorKind
from sitroom.record import Span as TextSpan

COLLECTIVE_KINDS: dict[CollectiveType, ActorKind] = {"fighters": "armed_group", "security_forces": "institution"}


def actor_records(doc: Doc, clusters: list[Cluster], registry: Registry) -> list[Actor]:
    """One Actor per cluster, numbered a1, a2, ... in order of first mention."""
    ids = {id(cluster): f"a{number}" for number, cluster in enumerate(clusters, start=1)}
    by_entry = {cluster.entry.id: ids[id(cluster)] for cluster in clusters if cluster.entry is not None}
    actors = []
    for cluster in clusters:
        mentions = sorted((_text_span(doc, m) for m in cluster.mentions), key=lambda span: span.start)
        entry = cluster.entry
        name = entry.name if entry is not None else _unregistered_name(mentions)
        collective = _collective(cluster)
        actors.append(
            Actor(
                id=ids[id(cluster)],
                name=name,
                kind=entry.kind if entry is not None else _guess_kind(cluster, name),
                collective=collective,
                mentions=_unique_spans(mentions),
                affiliations=_affiliation_refs(cluster, ids, by_entry, registry),
                roles=cluster.roles,
                registered=entry is not None,
                canonical_id=entry.id if entry is not None else None,
            )
        )
    return actors


def _text_span(doc: Doc, mention: Mention) -> TextSpan:
    first, last = doc[mention.start], doc[mention.end - 1]
    return TextSpan(text=tokens_text(doc, mention.start, mention.end), start=first.idx, end=last.idx + len(last))


def _unique_spans(spans: list[TextSpan]) -> list[TextSpan]:
    seen: set[tuple[int, int]] = set()
    kept = []
    for span in spans:
        if (span.start, span.end) not in seen:
            seen.add((span.start, span.end))
            kept.append(span)
    return kept


def _unregistered_name(mentions: list[TextSpan]) -> str:
    longest = max(mentions, key=lambda span: (len(name_tokens(span.text)), -span.start)).text
    return longest[4:] if longest.lower().startswith("the ") else longest


def _collective(cluster: Cluster) -> CollectiveType | None:
    """The type of an unnamed group: every mention of the cluster is a collective of one type."""
    kinds = {mention.collective for mention in cluster.mentions}
    if cluster.entry is not None or len(kinds) != 1:
        return None
    return next(iter(kinds))


def _guess_kind(cluster: Cluster, name: str) -> ActorKind:
    words = set(fold(name).split())
    collective = _collective(cluster)
    if collective is not None:
        return COLLECTIVE_KINDS.get(collective, "other")
    if any(m.source == "descriptor" for m in cluster.mentions):
        return "government"
    if words & MEDIA_WORDS:
        return "media"
    if words & PARTY_WORDS:
        return "political_party"
    if words & INSTITUTION_WORDS:
        return "institution"
    if words & GROUP_WORDS:
        return "armed_group"
    if any(m.label == "PERSON" for m in cluster.mentions):
        return "person"
    return "other"


def _affiliation_refs(cluster: Cluster, ids: dict[int, str], by_entry: dict[str, str], registry: Registry) -> list[str]:
    """Actor ids of this record where the affiliate is in it, else the registry's canonical name."""
    refs: list[str] = []
    for affiliation in cluster.affiliations:
        other = int(affiliation[1:]) if affiliation.startswith("@") and affiliation[1:].isdigit() else None
        if other is not None and other in ids:  # "@<id of a cluster>" (roles.describe)
            add_unique(refs, ids[other])
        elif affiliation in by_entry:
            add_unique(refs, by_entry[affiliation])
        else:
            entry = registry.get(affiliation)
            add_unique(refs, entry.name if entry is not None else affiliation)
    own = ids.get(id(cluster))
    return [ref for ref in refs if ref != own]
