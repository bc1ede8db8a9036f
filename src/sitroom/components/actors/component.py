"""The ``sitroom_actors`` spaCy component: mentions, clusters, roles and affiliations, records."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from sitroom.components.actors.clustering import cluster_mentions
from sitroom.components.actors.collective_groups import collective_groups
from sitroom.components.actors.descriptors import descriptor_mentions
from sitroom.components.actors.evidence import LinkEvidence
from sitroom.components.actors.groups import group_mentions
from sitroom.components.actors.records import actor_records
from sitroom.components.actors.registry_scan import RegistryScanner
from sitroom.components.actors.roles import describe, token_owners
from sitroom.components.actors.unregistered import ner_mentions
from sitroom.knowledge.registry import Registry, load_registry
from sitroom.layers import register_extensions
from sitroom.record import Actor


class ActorsComponent:
    """spaCy component that sets ``doc._.actors`` (see the package docstring)."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.scanner = RegistryScanner(registry)

    def __call__(self, doc: Doc) -> Doc:
        date = doc._.document.date if doc._.document is not None else None
        texts = [token.text for token in doc]  # read once: most tokens are passed over on their text alone
        scanned = self.scanner.mentions(doc, texts, date)
        evidence = LinkEvidence(doc, texts, scanned, self.registry)
        scanned = evidence.filter(scanned)
        mentions = [mention for mention in scanned if mention.source != "skip"]
        mentions += descriptor_mentions(doc, texts, scanned, self.registry)
        groups = collective_groups(doc, mentions, self.registry)
        groups += group_mentions(doc, texts, mentions + groups, self.registry)
        mentions += groups + evidence.filter(ner_mentions(doc, scanned + groups, self.registry, date))
        mentions = [mention for mention in mentions if mention.source != "skip"]
        clusters = cluster_mentions(doc, mentions)
        owners = token_owners(clusters)
        for cluster in clusters:
            describe(doc, cluster, owners)
        doc._.actors = actor_records(doc, clusters, self.registry)
        return doc


@Language.factory("sitroom_actors", default_config={"extra_registry_paths": []})
def make_actors_component(nlp: Language, name: str, extra_registry_paths: list[str]) -> ActorsComponent:
    """Factory of the actors layer; ``extra_registry_paths`` are the user's actor files."""
    register_extensions()
    return ActorsComponent(load_registry([Path(path) for path in extra_registry_paths]))


def actor_mention_index(actors: list[Actor]) -> list[tuple[int, int, str]]:
    """(start, end, actor id) of every actor mention, sorted by start: for layers that look up actors."""
    return sorted((mention.start, mention.end, actor.id) for actor in actors for mention in actor.mentions)
