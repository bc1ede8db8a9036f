"""A batch loads only the agreement identities near its dates (``agreement_identities._Region``): the
identities, and which loners are settled, are those loading every identity gives."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from sitroom.documents import Document
from sitroom.record import Actor, Agreement, Place, Record, Span
from sitroom.store import agreement_identities
from sitroom.store.agreement_identities import (
    AgreementReport,
    Identity,
    _candidates,
    _Region,
    _window,
)
from sitroom.store.database import open_engine
from sitroom.store.schema import AgreementIdentityRow, AgreementRow, DocumentRow
from tests.unit.test_agreement_settling import agreement_history

ACTORS = [
    Actor(id="ru", name="Russia", kind="state", mentions=[], registered=True, canonical_id="RUS"),
    Actor(id="us", name="United States", kind="state", mentions=[], registered=True, canonical_id="USA"),
    Actor(id="tr", name="Turkey", kind="state", mentions=[], registered=True, canonical_id="TUR"),
    Actor(id="reb", name="rebels", kind="armed_group", mentions=[]),
    Actor(id="res", name="residents", kind="other", mentions=[]),
]
SIDES = [[], [], [], [], ["ru", "us"], ["ru"], ["tr"], ["us", "tr"], ["reb", "ru"], ["res"]]
KINDS = ["ceasefire", "ceasefire", "truce", "evacuation", "agreement", "humanitarian_pause"]
STATUSES = ["violated", "collapsed", "in_force", "agreed", "proposed"]
TOWNS = {"douma": (33.57, 36.40), "daraa": (32.62, 36.10), "idlib": (35.93, 36.63)}
YEARS = 3_000  # days the reports are spread over: many times ``_REACH``


def _report(rng: random.Random, doc_id: str, version: int) -> tuple[Document, Record]:
    """A document of one agreement, drawn by ``rng``: in one of a few busy spells years apart."""
    spell = date(2012, 1, 1) + timedelta(days=rng.choice(range(0, YEARS, 700)))
    day = spell + timedelta(days=rng.randrange(rng.choice([30, 400])))
    kind, sides, status = rng.choice(KINDS), rng.choice(SIDES), rng.choice(STATUSES)
    town = rng.choice([None, None, *TOWNS])
    text = f"Report {doc_id}, version {version}: a {kind} of {' and '.join(sides) or 'no one named'} in {town}."
    fields: dict[str, object] = {
        "id": "g1",
        "kind": kind,
        "mediators": sides,
        "status": status,
        "evidence": Span(text=text, start=0, end=len(text)),
    }
    if town is not None:
        fields["place"] = town
    if rng.random() < 0.35:  # a date the text gives
        fields["start_date"] = (day - timedelta(days=rng.randrange(90))).isoformat()
    if status == "proposed" and rng.random() < 0.5:
        fields |= {"proposers": [rng.choice(["ru", "us"])], "duration": rng.choice(["PT48H", "P7D"])}
    places = [
        Place(id=name, name=name.title(), feature="town", country="SY", lat=lat, lon=lon, resolved=True, mentions=[])
        for name, (lat, lon) in TOWNS.items()
        if name == town
    ]
    outlet = rng.choice(["AFP", "SANA", "Reuters", "TASS"])
    record = Record(
        id=doc_id,
        date=day.isoformat(),
        outlet=outlet,
        actors=ACTORS,
        places=places,
        agreements=[Agreement.model_validate(fields)],
    )
    return Document(id=doc_id, text=text, date=day.isoformat(), outlet=outlet), record


def _identities(engine: Engine) -> set[tuple[frozenset[str], str, int, bool]]:
    """Each identity as the documents of its reports, its name, its report count and whether it is settled."""
    query = select(AgreementRow.identity_id, DocumentRow.doc_id).join(
        DocumentRow, DocumentRow.id == AgreementRow.document_id
    )
    members: dict[int | None, set[str]] = {}
    with Session(engine) as session:
        for identity, document in session.execute(query):
            members.setdefault(identity, set()).add(document)
        rows = session.scalars(select(AgreementIdentityRow))
        return {(frozenset(members.get(row.id, set())), row.name, row.report_count, row.settled) for row in rows}


def _tight(session: Session, reports: list[AgreementReport]) -> _Region:
    """A region of the reports' windows alone: the loners the identities they change fit lie beyond it."""
    windows = [_window(report) for report in reports]
    return _Region(None if None in windows else [window for window in windows if window is not None])


def test_loading_the_identities_near_a_batch_gives_the_identities_of_loading_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded: list[tuple[int, int]] = []  # (identities loaded, identities stored) of each blocked batch
    widenings: list[bool] = []
    candidates, widened = _candidates, _Region.widened

    def counted(session: Session, only: object = None, near: _Region | None = None) -> list[Identity]:
        found = candidates(session, only, near)  # type: ignore[arg-type]
        if near is not None and near.intervals is not None:
            loaded.append((len(found), session.scalar(select(func.count()).select_from(AgreementIdentityRow)) or 0))
        return found

    def widening(region: _Region) -> _Region:
        widenings.append(True)
        return widened(region)

    monkeypatch.setattr(agreement_identities, "_candidates", counted)
    monkeypatch.setattr(_Region, "widened", widening)
    for seed in range(4):
        results = []
        for name, region_of in [
            ("blocked", agreement_identities._region_of),
            ("tight", _tight),
            ("all", lambda _session, _reports: _Region(None)),
        ]:
            engine = open_engine(tmp_path / f"{name}-{seed}.sqlite")
            with monkeypatch.context() as patch:
                patch.setattr(agreement_identities, "_region_of", region_of)
                agreement_history(engine, seed, _report)
            results.append(_identities(engine))
            with Session(engine) as session:  # as stored, an identity's reach lies within its span
                for identity in candidates(session):
                    reach, span = identity.reach, identity.span
                    assert reach is None or (span is not None and span[0] <= reach[0] and reach[1] <= span[1])
        assert results[0] == results[2]
        assert results[1] == results[2]
    assert any(found < stored for found, stored in loaded)  # blocking left identities out
    assert widenings  # and some batches needed more than their region at first


def test_a_report_fits_only_identities_whose_reach_meets_its_window() -> None:
    """The invariant blocking rests on (``_window``), on random reports and identities: a report that is
    not a bare proposal fits an identity only within reach; an identity's reach lies within its span."""
    rng = random.Random(11)

    def days() -> tuple[date, date]:
        start = date(2015, 1, 1) + timedelta(days=rng.randrange(2500))
        return start, start + timedelta(days=rng.choice([0, 0, 30, 365]))

    def report() -> AgreementReport:
        stated = [days() for _ in range(rng.choice([0, 0, 1, 2]))]
        seen = days() if rng.random() < 0.9 else None
        participants = set(rng.sample(range(6), rng.choice([0, 0, 1, 2, 3])))
        kind = rng.choice(["ceasefire", "truce", "agreement", "evacuation"])
        status = rng.choice([None, "collapsed", "agreed", "violated"])
        places = set(rng.sample(range(3), rng.choice([0, 0, 1])))
        states = {actor for actor in participants if actor < 3}
        return AgreementReport(0, kind, participants, places, stated, seen, status, states, named=bool(participants))

    fits = 0
    for _ in range(300):
        identity = Identity(1, "ceasefire", set(), set())
        for _ in range(rng.randrange(1, 4)):
            identity.take(report())
        span = identity.span
        reach = identity.reach
        assert reach is None or (span is not None and span[0] <= reach[0] and reach[1] <= span[1])
        for _ in range(20):
            candidate = report()
            if candidate.bare_proposal or identity.fit(candidate) is None:
                continue
            fits += 1
            window = _window(candidate)
            assert window is None or reach is None or (reach[0] <= window[1] and window[0] <= reach[1])
    assert fits > 100
