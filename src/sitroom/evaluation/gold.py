"""Gold models (the format of ../shared/gold/FORMAT.md) and their loader."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from sitroom.record import ActorKind, AgreementStatus, EventStatus, EventType, ProvisionType, Technique

OUT_OF_SCOPE = "out_of_scope"


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
    """An agreement; roles left out (None) were not annotated and are not scored."""

    kind: str
    parties: list[str] = []
    signatories: list[str] = []
    implementers: list[str] = []
    place: str | None = None
    date: str | None = None
    provisions: list[GoldProvision] = []
    representatives: list[str] | None = None
    mediators: list[str] | None = None
    guarantors: list[str] | None = None
    monitors: list[str] | None = None
    excluded: list[str] | None = None
    status: AgreementStatus | None = None
    mentions: list[str] = Field(default=[], description="Phrases naming it, as they appear in the text")


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
            for extra in (agreement.representatives, agreement.mediators, agreement.guarantors, agreement.monitors):
                roles += extra or []
            yield f"agreement {number}", roles + obligors + (agreement.excluded or [])
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
