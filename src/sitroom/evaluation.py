"""Scoring analysis records against hand-annotated gold (the format of ../shared/gold/FORMAT.md).

``load_gold`` reads a gold file into typed models; ``score`` compares one :class:`Record` per gold
document with the gold and returns an :class:`EvalReport` of counts micro-averaged over documents.

Conventions (where FORMAT.md leaves a choice):

- Matching is one-to-one and greedy: candidate pairs are taken best first; at equal quality a
  required gold item is preferred to an optional one, then to an out-of-scope one.
- Optional gold items earn nothing and cost nothing. Gold actors and places of kind
  ``out_of_scope`` are never to be found: a system item matched to one is a false positive.
- A system mention matches a gold mention string when their texts agree after a light
  normalisation (case, whitespace, a leading "the") or when its offsets are those of an
  occurrence of the string in the text.
- For events, quotes, claims and agreements, a system actor (place) id is aligned to the gold
  actor (place) it is matched with, or else to the gold item it shares most mentions with.
- Events match on type with overlapping (or both empty) source and target sets; exact argument
  sets, place and date are reported separately. A system date agrees when it starts with the
  gold date (it is at least as precise).
- A framing span is correct when it overlaps an occurrence of a gold text with the same
  technique; correct spans beyond the one-to-one matching (other occurrences) are not counted.
- Precision or recall with an empty denominator is ``None``; F1 is ``2tp / (2tp + fp + fn)``.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import IntEnum
from itertools import combinations
from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from rich.table import Table

from sitroom.names import fold, name_key
from sitroom.record import (
    ActorKind,
    Agreement,
    EventStatus,
    EventType,
    Place,
    Provision,
    ProvisionType,
    Record,
    Span,
    Technique,
)

OUT_OF_SCOPE = "out_of_scope"
RESOLUTION_KM = 25.0
EARTH_RADIUS_KM = 6371.0
AREA_FEATURES = frozenset({"country", "admin1"})
ADMIN1_GENERIC_WORDS = frozenset({"governorate", "province", "region", "state", "district", "muhafazah"})

_T = TypeVar("_T")
_H = TypeVar("_H", bound=Hashable)

# ---------------------------------------------------------------------------------------------
# Gold models


class _GoldModel(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class GoldItem(_GoldModel):
    """Any gold item: ``optional`` ones earn nothing when found and cost nothing when missed."""

    optional: bool = False


class GoldActor(GoldItem):
    id: str
    name: str
    kind: ActorKind | Literal["out_of_scope"]
    mentions: list[str] = Field(min_length=1)
    affiliations: list[str] = []
    roles: list[str] = []


class GoldPlace(GoldItem):
    id: str
    name: str
    kind: Literal["out_of_scope"] | None = None
    country: str | None = None
    admin1: str | None = None
    feature: str | None = None
    lat: float | None = None
    lon: float | None = None
    mentions: list[str] = Field(min_length=1)


class GoldEvent(GoldItem):
    type: EventType
    mode: str | None = None
    source: list[str] = []
    target: list[str] = []
    place: str | None = None
    date: str | None = None
    status: EventStatus | None = None
    reported_by: list[str] = []


class GoldQuote(GoldItem):
    speaker: str | None
    starts_with: str = Field(min_length=1)
    direct: bool | None = None


class GoldClaim(GoldItem):
    source_chain: list[str]
    starts_with: str = Field(min_length=1)
    hedged: bool | None = None


class GoldProvision(GoldItem):
    n: int
    type: ProvisionType
    obligors: list[str] = []


class GoldAgreement(GoldItem):
    kind: str
    parties: list[str] = []
    signatories: list[str] = []
    implementers: list[str] = []
    place: str | None = None
    date: str | None = None
    provisions: list[GoldProvision] = []


class GoldFraming(GoldItem):
    text: str = Field(min_length=1)
    technique: Technique
    target: str | None = None


class GoldDocument(_GoldModel):
    """One annotated document; ``text`` is read from ``text_file`` by :func:`load_gold`."""

    id: str
    text_file: Path
    text: str = ""
    title: str | None = None
    date: str | None = None
    outlet: str | None = None
    actors: list[GoldActor] = []
    places: list[GoldPlace] = []
    events: list[GoldEvent] = []
    quotes: list[GoldQuote] = []
    claims: list[GoldClaim] = []
    agreements: list[GoldAgreement] = []
    framing: list[GoldFraming] = []

    @model_validator(mode="after")
    def _check_references(self) -> GoldDocument:
        actor_ids = _unique_ids("actor", [actor.id for actor in self.actors])
        place_ids = _unique_ids("place", [place.id for place in self.places])
        for where, ids in self._actor_references():
            _check_known(where, "actor", ids, actor_ids)
        for where, ids in self._place_references():
            _check_known(where, "place", ids, place_ids)
        return self

    def _actor_references(self) -> Iterable[tuple[str, list[str]]]:
        for number, event in enumerate(self.events, 1):
            yield f"event {number}", [*event.source, *event.target, *event.reported_by]
        for number, quote in enumerate(self.quotes, 1):
            yield f"quote {number}", [quote.speaker] if quote.speaker else []
        for number, claim in enumerate(self.claims, 1):
            yield f"claim {number}", claim.source_chain
        for number, agreement in enumerate(self.agreements, 1):
            obligors = [actor for provision in agreement.provisions for actor in provision.obligors]
            roles = [*agreement.parties, *agreement.signatories, *agreement.implementers]
            yield f"agreement {number}", roles + obligors
        for number, framing in enumerate(self.framing, 1):
            yield f"framing {number}", [framing.target] if framing.target else []

    def _place_references(self) -> Iterable[tuple[str, list[str]]]:
        for number, event in enumerate(self.events, 1):
            yield f"event {number}", [event.place] if event.place else []
        for number, agreement in enumerate(self.agreements, 1):
            yield f"agreement {number}", [agreement.place] if agreement.place else []


class GoldSet(_GoldModel):
    """The documents of one gold file."""

    documents: list[GoldDocument]

    @model_validator(mode="after")
    def _check_unique_documents(self) -> GoldSet:
        _unique_ids("document", [document.id for document in self.documents])
        return self


def _unique_ids(what: str, ids: list[str]) -> frozenset[str]:
    duplicates = sorted(identifier for identifier, count in Counter(ids).items() if count > 1)
    if duplicates:
        raise ValueError(f"duplicate {what} ids: {', '.join(duplicates)}")
    return frozenset(ids)


def _check_known(where: str, what: str, ids: list[str], known: frozenset[str]) -> None:
    unknown = [identifier for identifier in ids if identifier not in known]
    if unknown:
        raise ValueError(f"{where} names unknown {what} ids: {', '.join(unknown)}")


def load_gold(path: Path) -> GoldSet:
    """Read a gold file, resolve each ``text_file`` relative to it and read the document texts."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        gold = GoldSet.model_validate(raw)
    except (OSError, json.JSONDecodeError, ValidationError) as error:
        raise ValueError(f"malformed gold file {path}: {error}") from error
    return GoldSet(documents=[_with_text(path, document) for document in gold.documents])


def _with_text(gold_path: Path, document: GoldDocument) -> GoldDocument:
    text_path = (gold_path.parent / document.text_file).resolve()
    try:
        text = text_path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise ValueError(f"gold file {gold_path}: cannot read text_file of {document.id}: {error}") from error
    return document.model_copy(update={"text_file": text_path, "text": text})


# ---------------------------------------------------------------------------------------------
# Counts and the report


@dataclass
class Counts:
    """True positives, false positives and false negatives of one section."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        denominator = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denominator if denominator else None

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass
class Ratio:
    """A share: ``hits`` out of ``total``."""

    hits: int = 0
    total: int = 0

    @property
    def rate(self) -> float | None:
        return self.hits / self.total if self.total else None

    def add(self, hit: bool) -> None:
        self.hits += int(hit)
        self.total += 1

    def __add__(self, other: Ratio) -> Ratio:
        return Ratio(self.hits + other.hits, self.total + other.total)

    def to_dict(self) -> dict[str, Any]:
        return {"rate": self.rate, "hits": self.hits, "total": self.total}


SECTIONS = ("actors", "places", "events", "quotes", "claims", "agreements", "framing")
DETAIL_SECTIONS = (
    "quotes_text_only",
    "claims_text_only",
    "agreement_parties",
    "agreement_signatories",
    "agreement_implementers",
    "agreement_provisions",
)
RATIOS = (
    "actor_alias_merge",
    "place_alias_merge",
    "places_resolved",
    "event_arguments_exact",
    "event_place",
    "event_date",
    "claim_chain_exact",
    "agreement_parties_exact",
    "agreement_signatories_exact",
    "agreement_implementers_exact",
)
ERROR_COUNTS = ("actor_false_merges", "place_false_merges")


def _empty_counts(names: Iterable[str]) -> dict[str, Counts]:
    return {name: Counts() for name in names}


@dataclass
class EvalReport:
    """Scores micro-averaged over documents (sums of counts), plus gold warnings."""

    documents: int = 0
    sections: dict[str, Counts] = field(default_factory=lambda: _empty_counts(SECTIONS + DETAIL_SECTIONS))
    ratios: dict[str, Ratio] = field(default_factory=lambda: {name: Ratio() for name in RATIOS})
    errors: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ERROR_COUNTS, 0))
    warnings: list[str] = field(default_factory=list)

    def __add__(self, other: EvalReport) -> EvalReport:
        return EvalReport(
            documents=self.documents + other.documents,
            sections={name: self.sections[name] + other.sections[name] for name in self.sections},
            ratios={name: self.ratios[name] + other.ratios[name] for name in self.ratios},
            errors={name: self.errors[name] + other.errors[name] for name in self.errors},
            warnings=self.warnings + other.warnings,
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "documents": self.documents,
            "sections": {name: counts.to_dict() for name, counts in self.sections.items()},
            "ratios": {name: ratio.to_dict() for name, ratio in self.ratios.items()},
            "errors": dict(self.errors),
            "warnings": list(self.warnings),
        }

    def to_table(self) -> Table:
        """Section | P | R | F1 | tp | fp | fn, then detail rows, shares and error counts."""
        table = Table(title="sitroom evaluation", caption=f"micro-averaged over {self.documents} document(s)")
        table.add_column("section")
        for header in ("P", "R", "F1", "tp", "fp", "fn"):
            table.add_column(header, justify="right")
        for names in (SECTIONS, DETAIL_SECTIONS):
            for name in names:
                table.add_row(_label(name), *_counts_cells(self.sections[name]))
            table.add_section()
        for name, ratio in self.ratios.items():
            table.add_row(_label(name), "", "", _number(ratio.rate), f"{ratio.hits}/{ratio.total}", "", "")
        for name, count in self.errors.items():
            table.add_row(_label(name), "", "", "", "", str(count), "")
        return table


def _label(name: str) -> str:
    return name.replace("_", " ")


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _counts_cells(counts: Counts) -> tuple[str, ...]:
    scores = (counts.precision, counts.recall, counts.f1)
    return (*(_number(value) for value in scores), str(counts.tp), str(counts.fp), str(counts.fn))


# ---------------------------------------------------------------------------------------------
# One-to-one greedy matching


class Status(IntEnum):
    """How a gold item counts; the order is the preference among equally good matches."""

    REQUIRED = 0
    OPTIONAL = 1
    OUT_OF_SCOPE = 2


def _status(item: GoldItem) -> Status:
    if getattr(item, "kind", None) == OUT_OF_SCOPE:
        return Status.OUT_OF_SCOPE
    return Status.OPTIONAL if item.optional else Status.REQUIRED


def greedy_match(
    system_count: int, statuses: Sequence[Status], similarity: Callable[[int, int], float]
) -> dict[int, int]:
    """One-to-one matching system index -> gold index, best pairs first (similarity > 0 only)."""
    candidates = [
        (quality, system, gold)
        for system in range(system_count)
        for gold in range(len(statuses))
        if (quality := similarity(system, gold)) > 0
    ]
    candidates.sort(key=lambda pair: (-pair[0], statuses[pair[2]], pair[2], pair[1]))
    matching: dict[int, int] = {}
    taken: set[int] = set()
    for _, system, gold in candidates:
        if system not in matching and gold not in taken:
            matching[system] = gold
            taken.add(gold)
    return matching


def tally(
    matching: Mapping[int, int],
    system_count: int,
    statuses: Sequence[Status],
    excused: frozenset[int] = frozenset(),
) -> Counts:
    """Counts of a matching; unmatched system items in ``excused`` are not false positives."""
    matched_statuses = [statuses[gold] for gold in matching.values()]
    unmatched_system = [i for i in range(system_count) if i not in matching and i not in excused]
    found = set(matching.values())
    return Counts(
        tp=matched_statuses.count(Status.REQUIRED),
        fp=matched_statuses.count(Status.OUT_OF_SCOPE) + len(unmatched_system),
        fn=sum(1 for gold, status in enumerate(statuses) if status is Status.REQUIRED and gold not in found),
    )


def _jaccard(first: set[_H], second: set[_H]) -> float:
    union = first | second
    return len(first & second) / len(union) if union else 1.0


# ---------------------------------------------------------------------------------------------
# Text helpers


def light_normal(text: str) -> str:
    """Case- and whitespace-insensitive form without a leading "the"."""
    words = text.casefold().split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def locate(text: str, needle: str) -> list[tuple[int, int]]:
    """All (start, end) occurrences of ``needle`` as whole words, ignoring case and spacing."""
    words = needle.split()
    if not words:
        return []
    pattern = r"\s+".join(re.escape(word) for word in words)
    if re.match(r"\w", needle.strip()):
        pattern = r"(?<!\w)" + pattern
    if re.search(r"\w$", needle.strip()):
        pattern += r"(?!\w)"
    return [(match.start(), match.end()) for match in re.finditer(pattern, text, re.IGNORECASE)]


def _overlaps(start: int, end: int, occurrences: Iterable[tuple[int, int]]) -> bool:
    return any(
        start < occurrence_end and occurrence_start < end for occurrence_start, occurrence_end in occurrences
    )


def _text_overlaps(
    text: str, start: int, end: int, starts_with: str, occurrences: Sequence[tuple[int, int]]
) -> bool:
    """The system text contains the gold first words, or its offsets overlap where they occur."""
    if f" {fold(starts_with)} " in f" {fold(text)} ":
        return True
    return _overlaps(start, end, occurrences)


# ---------------------------------------------------------------------------------------------
# Actors and places


@dataclass(frozen=True)
class _GoldMention:
    entity: int
    key: str
    occurrences: frozenset[tuple[int, int]]

    def matches(self, span: Span) -> bool:
        return light_normal(span.text) == self.key or (span.start, span.end) in self.occurrences


@dataclass
class _EntityResult:
    counts: Counts
    matching: dict[int, int]
    alignment: dict[str, str]
    alias_merge: Ratio
    false_merges: int


def _gold_mentions(text: str, gold_mentions: Sequence[Sequence[str]]) -> list[_GoldMention]:
    return [
        _GoldMention(entity, light_normal(mention), frozenset(locate(text, mention)))
        for entity, mentions in enumerate(gold_mentions)
        for mention in mentions
    ]


def _score_entities(
    text: str,
    system_ids: Sequence[str],
    system_mentions: Sequence[Sequence[Span]],
    gold_ids: Sequence[str],
    gold_mentions: Sequence[Sequence[str]],
    statuses: Sequence[Status],
) -> _EntityResult:
    """Match system entities to gold entities by the mentions they share."""
    index = _gold_mentions(text, gold_mentions)
    span_hits = [[[m for m in index if m.matches(span)] for span in spans] for spans in system_mentions]
    shared = [Counter(entity for hits in spans for entity in {m.entity for m in hits}) for spans in span_hits]
    matching = greedy_match(len(system_ids), statuses, lambda system, gold: shared[system][gold])
    best = {
        system: matching.get(system, counter.most_common(1)[0][0])
        for system, counter in enumerate(shared)
        if counter
    }
    return _EntityResult(
        counts=tally(matching, len(system_ids), statuses),
        matching=matching,
        alignment={system_ids[system]: gold_ids[gold] for system, gold in best.items()},
        alias_merge=_alias_merge(span_hits, statuses),
        false_merges=sum(1 for spans in span_hits if _is_false_merge(spans)),
    )


def _alias_merge(span_hits: Sequence[Sequence[Sequence[_GoldMention]]], statuses: Sequence[Status]) -> Ratio:
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


def _is_false_merge(spans: Sequence[Sequence[_GoldMention]]) -> bool:
    """True when no single gold entity accounts for all the matched mentions of a system entity."""
    entity_sets = [{mention.entity for mention in hits} for hits in spans if hits]
    return bool(entity_sets) and not set.intersection(*entity_sets)


def _score_actors(document: GoldDocument, record: Record) -> _EntityResult:
    return _score_entities(
        document.text,
        [actor.id for actor in record.actors],
        [actor.mentions for actor in record.actors],
        [actor.id for actor in document.actors],
        [actor.mentions for actor in document.actors],
        [_status(actor) for actor in document.actors],
    )


def _score_places(document: GoldDocument, record: Record) -> tuple[_EntityResult, Ratio]:
    result = _score_entities(
        document.text,
        [place.id for place in record.places],
        [place.mentions for place in record.places],
        [place.id for place in document.places],
        [place.mentions for place in document.places],
        [_status(place) for place in document.places],
    )
    matched = {gold: record.places[system] for system, gold in result.matching.items()}
    resolved = Ratio()
    for index, gold in enumerate(document.places):
        if _status(gold) is Status.REQUIRED and _is_resolvable(gold):
            system = matched.get(index)
            resolved.add(system is not None and is_resolved(system, gold))
    return result, resolved


def _is_resolvable(gold: GoldPlace) -> bool:
    has_point = gold.lat is not None and gold.lon is not None
    return has_point or (gold.feature in AREA_FEATURES and gold.country is not None)


def is_resolved(place: Place, gold: GoldPlace) -> bool:
    """Within 25 km of the gold point or, for countries and provinces, the same country/admin1."""
    return _within_tolerance(place, gold) or _same_area(place, gold)


def _within_tolerance(place: Place, gold: GoldPlace) -> bool:
    if place.lat is None or place.lon is None or gold.lat is None or gold.lon is None:
        return False
    return distance_km(place.lat, place.lon, gold.lat, gold.lon) <= RESOLUTION_KM


def _same_area(place: Place, gold: GoldPlace) -> bool:
    if gold.feature not in AREA_FEATURES or not place.country or not gold.country:
        return False
    same_country = place.country.upper() == gold.country.upper()
    if gold.feature == "country":
        return same_country
    return same_country and _admin1_key(place.admin1 or "") == _admin1_key(gold.admin1 or "")


def _admin1_key(name: str) -> str:
    return name_key(" ".join(word for word in fold(name).split() if word not in ADMIN1_GENERIC_WORDS))


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    half_chord = (
        math.sin((phi2 - phi1) / 2) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(half_chord))


# ---------------------------------------------------------------------------------------------
# Events, quotes, claims, agreements, framing


class _Aligner:
    """Maps system actor and place ids to gold ids; unaligned ids stay distinct from every gold id."""

    def __init__(self, actors: Mapping[str, str], places: Mapping[str, str]) -> None:
        self._actors = actors
        self._places = places

    def actor(self, system_id: str | None) -> str | None:
        return None if system_id is None else self._actors.get(system_id, f"\0{system_id}")

    def actors(self, system_ids: Iterable[str]) -> set[str]:
        return {self._actors.get(system_id, f"\0{system_id}") for system_id in system_ids}

    def chain(self, system_ids: Sequence[str]) -> list[str]:
        return [self._actors.get(system_id, f"\0{system_id}") for system_id in system_ids]

    def place(self, system_id: str | None) -> str | None:
        return None if system_id is None else self._places.get(system_id, f"\0{system_id}")


def _required_pairs(matching: Mapping[int, int], statuses: Sequence[Status]) -> list[tuple[int, int]]:
    return [(system, gold) for system, gold in matching.items() if statuses[gold] is Status.REQUIRED]


def _compatible(system: set[str], gold: set[str]) -> bool:
    return bool(system & gold) or not (system or gold)


def _score_events(document: GoldDocument, record: Record, align: _Aligner, report: EvalReport) -> None:
    statuses = [_status(event) for event in document.events]

    def similarity(system: int, gold: int) -> float:
        event, gold_event = record.events[system], document.events[gold]
        sources, targets = align.actors(event.source), align.actors(event.target)
        gold_sources, gold_targets = set(gold_event.source), set(gold_event.target)
        if event.type != gold_event.type:
            return 0.0
        if not (_compatible(sources, gold_sources) and _compatible(targets, gold_targets)):
            return 0.0
        return 1.0 + _jaccard(sources, gold_sources) + _jaccard(targets, gold_targets)

    matching = greedy_match(len(record.events), statuses, similarity)
    report.sections["events"] = tally(matching, len(record.events), statuses)
    for system, gold in _required_pairs(matching, statuses):
        event, gold_event = record.events[system], document.events[gold]
        same_sources = align.actors(event.source) == set(gold_event.source)
        same_targets = align.actors(event.target) == set(gold_event.target)
        report.ratios["event_arguments_exact"].add(same_sources and same_targets)
        if gold_event.place:
            report.ratios["event_place"].add(align.place(event.place) == gold_event.place)
        if gold_event.date:
            report.ratios["event_date"].add(bool(event.date and event.date.startswith(gold_event.date)))


def _score_quotes(document: GoldDocument, record: Record, align: _Aligner, report: EvalReport) -> None:
    statuses = [_status(quote) for quote in document.quotes]
    occurrences = [locate(document.text, quote.starts_with) for quote in document.quotes]

    def text_match(system: int, gold: int) -> float:
        quote = record.quotes[system]
        starts_with = document.quotes[gold].starts_with
        return float(_text_overlaps(quote.text, quote.start, quote.end, starts_with, occurrences[gold]))

    def full_match(system: int, gold: int) -> float:
        same_speaker = align.actor(record.quotes[system].speaker) == document.quotes[gold].speaker
        return text_match(system, gold) if same_speaker else 0.0

    for name, similarity in (("quotes", full_match), ("quotes_text_only", text_match)):
        matching = greedy_match(len(record.quotes), statuses, similarity)
        report.sections[name] = tally(matching, len(record.quotes), statuses)


def _innermost(chain: Sequence[_T]) -> _T | None:
    return chain[-1] if chain else None


def _score_claims(document: GoldDocument, record: Record, align: _Aligner, report: EvalReport) -> None:
    statuses = [_status(claim) for claim in document.claims]
    occurrences = [locate(document.text, claim.starts_with) for claim in document.claims]

    def text_match(system: int, gold: int) -> float:
        claim = record.claims[system]
        starts_with = document.claims[gold].starts_with
        return float(_text_overlaps(claim.text, claim.start, claim.end, starts_with, occurrences[gold]))

    def full_match(system: int, gold: int) -> float:
        chain = align.chain(record.claims[system].source_chain)
        same_source = _innermost(chain) == _innermost(document.claims[gold].source_chain)
        return text_match(system, gold) if same_source else 0.0

    matching = greedy_match(len(record.claims), statuses, full_match)
    report.sections["claims"] = tally(matching, len(record.claims), statuses)
    for system, gold in _required_pairs(matching, statuses):
        chain = align.chain(record.claims[system].source_chain)
        report.ratios["claim_chain_exact"].add(chain == document.claims[gold].source_chain)
    text_matching = greedy_match(len(record.claims), statuses, text_match)
    report.sections["claims_text_only"] = tally(text_matching, len(record.claims), statuses)


AGREEMENT_ROLES = ("parties", "signatories", "implementers")


def _system_roles(agreement: Agreement, align: _Aligner) -> dict[str, set[str]]:
    return {role: align.actors(getattr(agreement, role)) for role in AGREEMENT_ROLES}


def _gold_roles(agreement: GoldAgreement) -> dict[str, set[str]]:
    return {role: set(getattr(agreement, role)) for role in AGREEMENT_ROLES}


def _score_agreements(document: GoldDocument, record: Record, align: _Aligner, report: EvalReport) -> None:
    statuses = [_status(agreement) for agreement in document.agreements]
    system_roles = [_system_roles(agreement, align) for agreement in record.agreements]
    gold_roles = [_gold_roles(agreement) for agreement in document.agreements]

    def similarity(system: int, gold: int) -> float:
        system_types = {(p.n, p.type) for p in record.agreements[system].provisions}
        gold_types = {(p.n, p.type) for p in document.agreements[gold].provisions}
        role_overlap = sum(_jaccard(system_roles[system][r], gold_roles[gold][r]) for r in AGREEMENT_ROLES)
        return 1.0 + role_overlap + _jaccard(system_types, gold_types)

    matching = greedy_match(len(record.agreements), statuses, similarity)
    report.sections["agreements"] = tally(matching, len(record.agreements), statuses)
    gold_of = dict(matching)
    for system, agreement in enumerate(record.agreements):
        gold = gold_of.get(system)
        if gold is None:
            _count_roles(system_roles[system], {}, report)
            report.sections["agreement_provisions"].fp += len(agreement.provisions)
        elif statuses[gold] is Status.REQUIRED:
            _count_roles(system_roles[system], gold_roles[gold], report)
            _count_role_exactness(system_roles[system], gold_roles[gold], report)
            _score_provisions(agreement.provisions, document.agreements[gold].provisions, report)
    for gold, status in enumerate(statuses):
        if status is Status.REQUIRED and gold not in gold_of.values():
            _count_roles({}, gold_roles[gold], report)
            _count_role_exactness({}, gold_roles[gold], report)
            provisions = document.agreements[gold].provisions
            report.sections["agreement_provisions"].fn += sum(1 for p in provisions if not p.optional)


def _count_roles(system: Mapping[str, set[str]], gold: Mapping[str, set[str]], report: EvalReport) -> None:
    """Members of each role set: found (tp), spurious (fp) and missed (fn)."""
    for role in AGREEMENT_ROLES:
        found, expected = system.get(role, set()), gold.get(role, set())
        report.sections[f"agreement_{role}"] += Counts(
            len(found & expected), len(found - expected), len(expected - found)
        )


def _count_role_exactness(
    system: Mapping[str, set[str]], gold: Mapping[str, set[str]], report: EvalReport
) -> None:
    """Once per required gold agreement: is each role set exactly right?"""
    for role in AGREEMENT_ROLES:
        report.ratios[f"agreement_{role}_exact"].add(system.get(role, set()) == gold[role])


def _score_provisions(system: Sequence[Provision], gold: Sequence[GoldProvision], report: EvalReport) -> None:
    statuses = [_status(provision) for provision in gold]

    def same_number_and_type(i: int, j: int) -> float:
        return float(system[i].n == gold[j].n and system[i].type == gold[j].type)

    matching = greedy_match(len(system), statuses, same_number_and_type)
    report.sections["agreement_provisions"] += tally(matching, len(system), statuses)


def _score_framing(document: GoldDocument, record: Record, report: EvalReport) -> None:
    statuses = [_status(framing) for framing in document.framing]
    occurrences = [locate(document.text, framing.text) for framing in document.framing]

    def overlap(system: int, gold: int) -> float:
        span, gold_span = record.framing[system], document.framing[gold]
        if span.technique != gold_span.technique:
            return 0.0
        shared = max(
            (min(span.end, end) - max(span.start, start) for start, end in occurrences[gold]), default=0
        )
        if shared > 0:
            return float(shared)
        return 0.5 if light_normal(span.text) == light_normal(gold_span.text) else 0.0

    matching = greedy_match(len(record.framing), statuses, overlap)
    correct_elsewhere = frozenset(
        system
        for system in range(len(record.framing))
        if any(overlap(system, gold) > 0 for gold in range(len(statuses)))
    )
    report.sections["framing"] = tally(matching, len(record.framing), statuses, excused=correct_elsewhere)


# ---------------------------------------------------------------------------------------------
# Scoring


def gold_warnings(document: GoldDocument) -> list[str]:
    """Gold strings that do not occur in the document text (they can only match by text)."""
    strings = [
        *(("actor mention", mention) for actor in document.actors for mention in actor.mentions),
        *(("place mention", mention) for place in document.places for mention in place.mentions),
        *(("quote", quote.starts_with) for quote in document.quotes),
        *(("claim", claim.starts_with) for claim in document.claims),
        *(("framing", framing.text) for framing in document.framing),
    ]
    return [
        f"{document.id}: {what} {text!r} does not occur in the text"
        for what, text in strings
        if not locate(document.text, text)
    ]


def score_document(document: GoldDocument, record: Record) -> EvalReport:
    """Scores of one document's record against its gold."""
    report = EvalReport(documents=1, warnings=gold_warnings(document))
    actors = _score_actors(document, record)
    places, resolved = _score_places(document, record)
    report.sections["actors"], report.sections["places"] = actors.counts, places.counts
    report.ratios["actor_alias_merge"], report.ratios["place_alias_merge"] = (
        actors.alias_merge,
        places.alias_merge,
    )
    report.ratios["places_resolved"] = resolved
    report.errors["actor_false_merges"], report.errors["place_false_merges"] = (
        actors.false_merges,
        places.false_merges,
    )
    align = _Aligner(actors.alignment, places.alignment)
    _score_events(document, record, align, report)
    _score_quotes(document, record, align, report)
    _score_claims(document, record, align, report)
    _score_agreements(document, record, align, report)
    _score_framing(document, record, report)
    return report


def score(gold: GoldSet, records: Mapping[str, Record]) -> EvalReport:
    """Micro-averaged scores of the records (by gold document id; a missing one is empty)."""
    report = EvalReport()
    for document in gold.documents:
        record = records.get(document.id) or Record(id=document.id)
        report = report + score_document(document, record)
    return report
