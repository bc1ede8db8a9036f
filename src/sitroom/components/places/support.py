"""Support that a document's toponyms lend each other's candidates: proximity, containment, siblings."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence

import numpy as np

from sitroom.components.places.scoring import is_supranational
from sitroom.components.places.toponyms import ToponymGroup
from sitroom.knowledge.gazetteer import GazetteerEntry

PROXIMITY_KM = 150.0
SUPPORT_CANDIDATES = 12


def _probabilities(group: ToponymGroup) -> list[tuple[GazetteerEntry, float]]:
    """A softmax over a group's candidate scores: how likely each reading is."""
    if not group.candidates:
        return []
    top = max(score for _, score in group.candidates)
    weights = [(entry, math.exp(score - top)) for entry, score in group.candidates]
    total = sum(weight for _, weight in weights)
    return [(entry, weight / total) for entry, weight in weights]


def admin1_support(groups: Sequence[ToponymGroup]) -> list[dict[int, float]]:
    """For each candidate, how probably the other toponyms lie in its admin1 unit (hierarchy cue).

    "Walker County" and "Huntsville" share Texas; "Georgia" next to "Hall County" and "Gainesville" is the
    state. An admin1 candidate counts the places inside it; a smaller place counts those in its admin1.
    """
    mass: list[dict[tuple[str | None, str | None], float]] = []
    for group in groups:
        inside: dict[tuple[str | None, str | None], float] = defaultdict(float)
        for entry, probability in _probabilities(group):
            if entry.feature != "country" and entry.admin1:
                inside[(entry.country, entry.admin1)] += probability
        mass.append(inside)
    totals: dict[tuple[str | None, str | None], float] = defaultdict(float)
    for inside in mass:
        for unit, probability in inside.items():
            totals[unit] += probability
    return [
        {
            entry.id: totals[(entry.country, entry.admin1)] - own.get((entry.country, entry.admin1), 0.0)
            for entry, _ in group.candidates
            if entry.feature != "country" and entry.admin1
        }
        for group, own in zip(groups, mass, strict=True)
    ]


def sibling_support(groups: Sequence[ToponymGroup]) -> list[dict[int, float]]:
    """For each admin1 candidate, how probably the other toponyms are admin1 units of the same country.

    Provinces and states come in lists ("Alabama, Arizona, Arkansas"; "Nyanza, Rift Valley and Western"):
    they lend each other the support that nearby towns lend each other in :func:`spatial_support`, which
    areas take no part in, so that a list of states is not read as a cluster of small namesake towns.
    """
    mass: list[dict[str | None, float]] = []
    for group in groups:
        inside: dict[str | None, float] = defaultdict(float)
        for entry, probability in _probabilities(group):
            if entry.feature == "admin1" and entry.exact:
                inside[entry.country] += probability
        mass.append(inside)
    totals: dict[str | None, float] = defaultdict(float)
    for inside in mass:
        for country, probability in inside.items():
            totals[country] += probability
    return [
        {
            entry.id: totals[entry.country] - own.get(entry.country, 0.0)
            for entry, _ in group.candidates
            if entry.feature == "admin1" and entry.exact
        }
        for group, own in zip(groups, mass, strict=True)
    ]


def _is_point_like(entry: GazetteerEntry) -> bool:
    """Small enough for distances to it to mean something (counties count; provinces and countries not)."""
    return entry.feature not in ("country", "admin1") and not is_supranational(entry)


def spatial_support(groups: Sequence[ToponymGroup]) -> list[dict[int, float]]:
    """For each candidate, how close the other toponyms probably lie (spatial minimality).

    Each other group contributes its expected closeness exp(-d / PROXIMITY_KM), its candidates weighted by
    a softmax of their scores, so that a name with many namesakes lends little support to any of them;
    areas (countries, provinces) take no part.
    """
    items: list[tuple[int, GazetteerEntry, float]] = []
    for index, group in enumerate(groups):
        ranked = sorted((pair for pair in group.candidates if _is_point_like(pair[0])), key=lambda pair: -pair[1])[
            :SUPPORT_CANDIDATES
        ]
        if not ranked:
            continue
        weights = [math.exp(score - ranked[0][1]) for _, score in ranked]
        total = sum(weights)
        items += [(index, entry, weight / total) for (entry, _), weight in zip(ranked, weights, strict=True)]
    result: list[dict[int, float]] = [{} for _ in groups]
    owner = np.array([index for index, _, _ in items])
    if len(set(owner.tolist())) < 2:
        return result
    lat = np.radians([entry.lat for _, entry, _ in items])
    lon = np.radians([entry.lon for _, entry, _ in items])
    probability = np.array([p for _, _, p in items])
    x = (lon[:, None] - lon[None, :]) * np.cos((lat[:, None] + lat[None, :]) / 2)
    closeness = np.exp(-6371.0 * np.hypot(x, lat[:, None] - lat[None, :]) / PROXIMITY_KM) * probability[None, :]
    closeness[owner[:, None] == owner[None, :]] = 0.0
    support = closeness.sum(axis=1)
    for (index, entry, _), value in zip(items, support.tolist(), strict=True):
        result[index][entry.id] = value
    return result
