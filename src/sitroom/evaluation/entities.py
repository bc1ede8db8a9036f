"""Actors and places: system entities matched to gold entities by the mentions they share."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

from sitroom.evaluation.counts import Counts, Ratio
from sitroom.evaluation.gold import GoldActor, GoldDocument, GoldPlace
from sitroom.evaluation.locating import light_normal, locate
from sitroom.evaluation.matching import Status, gold_status, greedy_match, required_pairs, tally
from sitroom.evaluation.resolution import is_resolvable, is_resolved
from sitroom.record import Actor, Place, Record, Span


@dataclass(frozen=True)
class GoldMention:
    """One gold mention string of a gold entity, with where it occurs in the text."""

    entity: int
    key: str
    occurrences: frozenset[tuple[int, int]]

    def matches(self, span: Span) -> bool:
        return light_normal(span.text) == self.key or (span.start, span.end) in self.occurrences


@dataclass
class EntityResult:
    """How system actors (or places) compare with the gold ones."""

    counts: Counts
    matching: dict[int, int]
    alignment: dict[str, str]
    alias_merge: Ratio
    false_merges: int


def _gold_mentions(text: str, gold_mentions: Sequence[Sequence[str]]) -> list[GoldMention]:
    return [
        GoldMention(entity, light_normal(mention), frozenset(locate(text, mention)))
        for entity, mentions in enumerate(gold_mentions)
        for mention in mentions
    ]


def _score_entities(
    text: str, system: Sequence[Actor] | Sequence[Place], gold: Sequence[GoldActor] | Sequence[GoldPlace]
) -> EntityResult:
    """Match system entities to gold entities by the mentions they share."""
    system_ids = [entity.id for entity in system]
    gold_ids = [entity.id for entity in gold]
    statuses = [gold_status(entity) for entity in gold]
    index = _gold_mentions(text, [entity.mentions for entity in gold])
    span_hits = [[[m for m in index if m.matches(span)] for span in entity.mentions] for entity in system]
    shared = [Counter(entity for hits in spans for entity in {m.entity for m in hits}) for spans in span_hits]
    matching = greedy_match(len(system_ids), statuses, lambda system, gold: shared[system][gold])
    best = {
        system: matching.get(system, counter.most_common(1)[0][0]) for system, counter in enumerate(shared) if counter
    }
    return EntityResult(
        counts=tally(matching, len(system_ids), statuses),
        matching=matching,
        alignment={system_ids[system]: gold_ids[gold] for system, gold in best.items()},
        alias_merge=_alias_merge(span_hits, statuses),
        false_merges=sum(1 for spans in span_hits if _is_false_merge(spans)),
    )


def _alias_merge(span_hits: Sequence[Sequence[Sequence[GoldMention]]], statuses: Sequence[Status]) -> Ratio:
    """Of pairs of found mention strings of one required gold entity, those one system entity holds."""
    holders: dict[tuple[int, str], set[int]] = {}
    for system, spans in enumerate(span_hits):
        for hits in spans:
            for mention in hits:
                holders.setdefault((mention.entity, mention.key), set()).add(system)
    ratio = Ratio()
    for gold, status in enumerate(statuses):
        if status is not Status.REQUIRED:
            continue
        found = [systems for (entity, _), systems in holders.items() if entity == gold]
        for first, second in combinations(found, 2):
            ratio.add(bool(first & second))
    return ratio


def _is_false_merge(spans: Sequence[Sequence[GoldMention]]) -> bool:
    """True when no single gold entity accounts for all the matched mentions of a system entity."""
    entity_sets = [{mention.entity for mention in hits} for hits in spans if hits]
    return bool(entity_sets) and not set.intersection(*entity_sets)


def scored_actors(document: GoldDocument, record: Record) -> list[Actor]:
    """The record's actors that the gold judges: named actors, and collective ones (unnamed groups, which
    the gold format does not annotate) only where they share a mention with a gold actor."""
    index = _gold_mentions(document.text, [actor.mentions for actor in document.actors])
    return [
        actor
        for actor in record.actors
        if actor.collective is None or any(m.matches(span) for span in actor.mentions for m in index)
    ]


def score_actors(document: GoldDocument, record: Record) -> EntityResult:
    """Actors matched to gold actors by shared mentions."""
    return _score_entities(document.text, scored_actors(document, record), document.actors)


def score_actor_kinds(document: GoldDocument, record: Record, matching: dict[int, int]) -> Ratio:
    """Of matched pairs whose gold actor is required, those whose system kind is the gold kind."""
    statuses = [gold_status(actor) for actor in document.actors]
    actors = scored_actors(document, record)
    ratio = Ratio()
    for system, gold in required_pairs(matching, statuses):
        ratio.add(actors[system].kind == document.actors[gold].kind)
    return ratio


def score_places(document: GoldDocument, record: Record) -> tuple[EntityResult, Ratio]:
    """Places matched to gold places by shared mentions, and the share of required ones resolved."""
    result = _score_entities(document.text, record.places, document.places)
    matched = {gold: record.places[system] for system, gold in result.matching.items()}
    resolved = Ratio()
    for index, gold in enumerate(document.places):
        if gold_status(gold) is Status.REQUIRED and is_resolvable(gold):
            system = matched.get(index)
            resolved.add(system is not None and is_resolved(system, gold))
    return result, resolved
