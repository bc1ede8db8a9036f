"""Analysis records for knowledge-base, API and browser tests, built without the NLP pipeline.

``seed_pair`` turns the hand annotation of the seed (gold/seed.json) into a Record with real offsets,
so tests run on real text with every layer filled; ``report_pair`` builds a small synthetic report.
"""

from __future__ import annotations

import re
from pathlib import Path

from sitroom.documents import Document
from sitroom.evaluation import GoldDocument, load_gold, locate
from sitroom.record import Actor, ActorKind, Agreement, Claim, Event, Framing, Place, Provision, Quote, Record, Span

GOLD = Path(__file__).resolve().parents[1].parent / "shared" / "gold" / "seed.json"
ATTACK = "Nusra fighters attacked Ahrar positions near Maskanah."
# The gazetteer's ids of the fixtures' places (name and point to two decimals), as the places layer gives them:
# the same town in an analysed article and in a fixture report is then one place of the knowledge base.
GEONAMES_IDS = {("Maskanah", 35.96, 38.04): 167080}


def _geonames_id(name: str, lat: float | None, lon: float | None) -> int | None:
    return None if lat is None or lon is None else GEONAMES_IDS.get((name, round(lat, 2), round(lon, 2)))


def _spans(text: str, needles: list[str]) -> list[Span]:
    return [
        Span(text=text[start:end], start=start, end=end) for needle in needles for start, end in locate(text, needle)
    ]


def _sentence(text: str, position: int) -> Span:
    stop = text.rfind(". ", 0, position)
    start = max(stop + 2 if stop != -1 else 0, text.rfind("\n", 0, position) + 1)
    ends = [found for found in (text.find(". ", position + 4), text.find("\n", position)) if found != -1]
    end = min(ends) if ends else len(text)
    return Span(text=text[start:end], start=start, end=end)


def _passage(text: str, starts_with: str) -> tuple[str, int, int]:
    start = locate(text, starts_with)[0][0]
    span = _sentence(text, start)
    return text[start : span.end], start, span.end


def _actors(gold: GoldDocument) -> list[Actor]:
    return [
        Actor(
            id=actor.id,
            name=actor.name,
            kind="other" if actor.kind == "out_of_scope" else actor.kind,
            mentions=_spans(gold.text, actor.mentions),
            affiliations=actor.affiliations,
            roles=actor.roles,
        )
        for actor in gold.actors
    ]


def _places(gold: GoldDocument) -> list[Place]:
    return [
        Place(
            id=place.id,
            name=place.name,
            country=place.country,
            admin1=place.admin1,
            lat=place.lat,
            lon=place.lon,
            feature=place.feature,
            resolved=place.lat is not None,
            geonames_id=_geonames_id(place.name, place.lat, place.lon),
            mentions=_spans(gold.text, place.mentions),
        )
        for place in gold.places
    ]


def _events(gold: GoldDocument, actors: list[Actor]) -> list[Event]:
    first_mention = {actor.id: actor.mentions[0].start for actor in actors if actor.mentions}
    events = []
    for number, event in enumerate(gold.events, 1):
        anchor = next((first_mention[a] for a in [*event.source, *event.target] if a in first_mention), 0)
        events.append(
            Event(
                id=f"e{number}",
                **event.model_dump(include={"type", "mode", "source", "target", "place", "date", "reported_by"}),
                status=event.status or "occurred",
                evidence=_sentence(gold.text, anchor),
            )
        )
    return events


def _agreements(gold: GoldDocument) -> list[Agreement]:
    agreements = []
    for number, agreement in enumerate(gold.agreements, 1):
        provisions = []
        for provision in agreement.provisions:
            found = re.search(rf"^{provision.n}\.? (.+)$", gold.text, re.MULTILINE)
            assert found is not None
            provisions.append(
                Provision(
                    n=provision.n,
                    type=provision.type,
                    obligors=provision.obligors,
                    text=found.group(0),
                    start=found.start(),
                    end=found.end(),
                )
            )
        fields = agreement.model_dump(include={"kind", "parties", "signatories", "implementers", "place", "date"})
        agreements.append(Agreement(id=f"g{number}", **fields, provisions=provisions))
    return agreements


def seed_pair() -> tuple[Document, Record]:
    """The seed article and a record holding its hand annotation."""
    gold = load_gold(GOLD).documents[0]
    text = gold.text
    actors = _actors(gold)
    quotes = [
        Quote(speaker=quote.speaker, text=passage, start=start, end=end, direct=bool(quote.direct), cue="said")
        for quote in gold.quotes
        for passage, start, end in [_passage(text, quote.starts_with)]
    ]
    claims = [
        Claim(text=passage, start=start, end=end, source_chain=claim.source_chain, hedged=bool(claim.hedged))
        for claim in gold.claims
        for passage, start, end in [_passage(text, claim.starts_with)]
    ]
    framing = [
        Framing(text=text[start:end], start=start, end=end, technique=item.technique, target=item.target)
        for item in gold.framing
        for start, end in locate(text, item.text)[:1]
    ]
    document = Document(
        id=gold.id,
        text=text,
        title=gold.title,
        date=gold.date,
        outlet=gold.outlet,
        source=str(gold.text_file),
    )
    record = Record(
        id=gold.id,
        title=gold.title,
        date=gold.date,
        outlet=gold.outlet,
        actors=actors,
        places=_places(gold),
        events=_events(gold, actors),
        quotes=quotes,
        claims=claims,
        agreements=_agreements(gold),
        framing=framing,
    )
    return document, record


def report_pair(
    doc_id: str,
    text: str,
    *,
    outlet: str | None,
    date: str | None,
    status: str = "occurred",
    event_type: str = "ASSAULT",
    place: tuple[str, float, float] | None = ("Maskanah", 35.96, 38.04),
    place_feature: str | None = None,
    actor_kind: ActorKind = "armed_group",
    located_by: str = "gazetteer",
    mode: str | None = "firearms",
) -> tuple[Document, Record]:
    """A one-event report: the first two capitalised words are source and target actors (of ``actor_kind``);
    its mode is stated (reports a day apart join only when they state the same one).

    The source is registered (canonical id = its upper-cased name), the target is not.
    """
    names = re.findall(r"\b[A-Z][\w-]+", text)[:2]
    actors = [
        Actor(
            id=f"a{number}",
            name=name,
            kind=actor_kind,
            mentions=_spans(text, [name])[:1],
            registered=number == 1,
            canonical_id=name.upper() if number == 1 else None,
        )
        for number, name in enumerate(names, 1)
    ]
    places = []
    if place is not None:
        name, lat, lon = place
        places = [
            Place.model_validate(
                {"id": "p1", "name": name, "country": "SY", "lat": lat, "lon": lon, "mentions": [],
                 "feature": place_feature, "resolved": located_by == "gazetteer", "located_by": located_by,
                 "geonames_id": _geonames_id(name, lat, lon) if located_by != "parent" else None}
            )
        ]  # fmt: skip
    event = Event.model_validate(
        {
            "id": "e1",
            "type": event_type,
            "mode": mode,
            "source": ["a1"],
            "target": ["a2"],
            "place": "p1" if places else None,
            "date": date,
            "status": status,
            "evidence": {"text": text, "start": 0, "end": len(text)},
        }
    )
    document = Document(id=doc_id, text=text, title=text[:40], date=date, outlet=outlet)
    record = Record(
        id=doc_id,
        title=document.title,
        date=date,
        outlet=outlet,
        actors=actors,
        places=places,
        events=[event],
    )
    return document, record


def contested_reports() -> list[tuple[Document, Record]]:
    """Two outlets report one attack and a third denies it: one corroborated, contested event."""
    return [
        report_pair("r1", ATTACK, outlet="Reuters", date="2014-01-10"),
        report_pair("r2", ATTACK + " Many died.", outlet="SANA", date="2014-01-11"),
        report_pair("r3", "Nusra denied attacking Ahrar.", outlet="TASS", date="2014-01-11", status="denied"),
    ]
