"""Recognised toponym mentions, and their grouping by key (one sense per discourse)."""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from typing import Literal

from sitroom.components.places.vocabulary import CUE_PRIORITY, UNRESOLVED_CUE
from sitroom.knowledge.gazetteer import GazetteerEntry
from sitroom.knowledge.place_words import FEATURE_NOUNS

COUNTY_KEY_SUFFIX = "#county"
# Where a toponym was found: a place entity of the model ("ner"), a run of capitalised words ("chain"), exactly
# an entity of another label ("named_entity"), or the start of an organisation's name ("embedded").
Source = Literal["ner", "chain", "named_entity", "embedded"]
STREET_KEY_SUFFIX = "#street"
QUARTER_FEATURES = frozenset({"locality", "region", "village", "town"})
# What stands between a place and the larger place it lies in: "X, Y", "X in Y", "X in the Y countryside".
CONTAINING_GAPS = frozenset({",", "in", "in the", ", in", "in northern", "in southern", "in eastern", "in western"})


@dataclass
class Toponym:
    """One recognised mention of a place name."""

    start: int
    end: int
    token_start: int
    token_end: int
    text: str
    key: str
    cue: str | None
    source: Source
    candidates: tuple[GazetteerEntry, ...]
    locative: bool
    strictly_locative: bool
    acting: bool = False  # read as an actor if the name is a state's or a capital's ("Damascus said")
    gap_before: str = ""  # the words between the previous toponym and this one (set when grouping)
    name_end: int = 0  # the end of the name with the feature words after it ("Latamneh hospital")
    bare_object: bool = False  # the object of a preposition of place without a determiner ("from Brampton")
    residence: bool = False  # names where a person lives or serves ("a Gainesville man", "Smith of Dayton")
    country_named: str | None = None  # a demonym before its place noun names its country ("the Syrian town of X")


@dataclass
class ToponymGroup:
    """All toponyms of a document that share one key: one sense per discourse."""

    key: str
    toponyms: list[Toponym]
    candidates: list[tuple[GazetteerEntry, float]] = field(default_factory=list)
    best: GazetteerEntry | None = None
    score: float = -math.inf
    hint: int | None = None
    hint_contains: bool = False  # the hinted place is said to contain this one ("X in Y"), not just beside it
    metonymy_prone: bool = False
    acting: list[Toponym] = field(default_factory=list)  # a state's mentions that stand for the actor
    focus: float = 0.0
    city_countries: frozenset[str | None] = frozenset()

    @property
    def countries_named(self) -> frozenset[str]:
        """The countries demonyms beside its mentions name ("the Syrian town of X")."""
        return frozenset(t.country_named for t in self.toponyms if t.country_named)

    @property
    def cue(self) -> str | None:
        cues = {t.cue for t in self.toponyms if t.cue}
        return next((cue for cue in CUE_PRIORITY if cue in cues), None)


def names_its_quarter(gap: str) -> bool:
    """ "X neighbourhood of Y", "X district in Y": the place noun after X makes Y the place containing it."""
    words = gap.split()
    return len(words) == 2 and words[1] in ("of", "in") and FEATURE_NOUNS.get(words[0]) in QUARTER_FEATURES


def group_key(toponym: Toponym) -> str:
    """The toponym's key; a street keeps apart from the town it is named after ("Lebanon Street" in Lebanon)."""
    return toponym.key + STREET_KEY_SUFFIX if toponym.cue == UNRESOLVED_CUE else toponym.key


def group_toponyms(toponyms: list[Toponym], text: str = "") -> list[ToponymGroup]:
    """Toponyms grouped by key, each group hinting at the place the text puts it in ("X, Y", "X in Y")."""
    for first, second in itertools.pairwise(toponyms):
        second.gap_before = " ".join(text[first.end : second.start].lower().split()) if text else ""
    by_key: dict[str, ToponymGroup] = {}
    for toponym in toponyms:
        key = group_key(toponym)
        by_key.setdefault(key, ToponymGroup(key, [])).toponyms.append(toponym)
    groups = list(by_key.values())
    index = {group.key: i for i, group in enumerate(groups)}
    for first, second in itertools.pairwise(toponyms):
        first_key, second_key = group_key(first), group_key(second)
        inside = (second.gap_before in CONTAINING_GAPS and second.gap_before != ",") or names_its_quarter(
            second.gap_before
        )
        if first_key != second_key and (0 <= second.start - first.end <= 2 or inside):
            by_key[first_key].hint = index[second_key]
            by_key[first_key].hint_contains = inside
            if inside:  # a place said to contain another is a location, whatever the parse
                second.locative = second.strictly_locative = True
    return groups
