"""Settling agreement identities of vague reports ("loners") after each batch compares only the loners whose
answer may have changed: the identities are those comparing every loner gives, after deletions and
revisions too."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from sitroom.documents import Document
from sitroom.record import Actor, Agreement, Record, Span
from sitroom.store import agreement_identities
from sitroom.store.agreement_identities import AgreementReport, Identity, _Loners, _sole_fit, best_identity
from sitroom.store.database import open_engine
from sitroom.store.schema import AgreementIdentityRow, AgreementRow, DocumentRow
from sitroom.store.writer import delete_document, store_records

ACTORS = [
    Actor(id="ru", name="Russia", kind="state", mentions=[], registered=True, canonical_id="RUS"),
    Actor(id="us", name="United States", kind="state", mentions=[], registered=True, canonical_id="USA"),
    Actor(id="tr", name="Turkey", kind="state", mentions=[], registered=True, canonical_id="TUR"),
]
SIDES = [[], [], [], ["ru", "us"], ["ru"], ["tr"], ["us", "tr"]]  # mostly vague
KINDS = ["ceasefire", "ceasefire", "truce", "evacuation"]
STATUSES = ["violated", "collapsed", "in_force", "agreed"]


def _report(rng: random.Random, doc_id: str, version: int) -> tuple[Document, Record]:
    """A document of one agreement: its sides, kind, status and dates drawn by ``rng``."""
    day = date(2016, 1, 1) + timedelta(days=rng.randrange(500))
    kind, sides = rng.choice(KINDS), rng.choice(SIDES)
    text = f"Report {doc_id}, version {version}: a {kind} of {' and '.join(sides) or 'no one named'}."
    fields: dict[str, object] = {
        "id": "g1",
        "kind": kind,
        "mediators": sides,
        "status": rng.choice(STATUSES),
        "evidence": Span(text=text, start=0, end=len(text)),
    }
    if rng.random() < 0.35:  # a date the text gives
        fields["start_date"] = (day - timedelta(days=rng.randrange(90))).isoformat()
    outlet = rng.choice(["AFP", "SANA", "Reuters", "TASS"])
    record = Record(
        id=doc_id, date=day.isoformat(), outlet=outlet, actors=ACTORS, agreements=[Agreement.model_validate(fields)]
    )
    return Document(id=doc_id, text=text, date=day.isoformat(), outlet=outlet), record


Draw = Callable[[random.Random, str, int], tuple[Document, Record]]


def agreement_history(engine: Engine, seed: int, draw: Draw = _report) -> None:
    """Batches of new documents (each drawn by ``draw``), with deletions and revisions between them, drawn
    by ``seed``."""
    rng = random.Random(seed)
    stored: list[str] = []
    for number in range(14):
        batch = [draw(rng, f"d{number}-{k}", 0) for k in range(rng.randrange(1, 7))]
        if stored and rng.random() < 0.5:  # a revision: a known id, a new text
            batch.append(draw(rng, rng.choice(stored), number + 1))
        store_records(engine, batch)
        stored += [document.id for document, _ in batch if document.id not in stored]
        if stored and rng.random() < 0.35:
            gone = stored.pop(rng.randrange(len(stored)))
            delete_document(engine, gone)


def _identities(engine: Engine) -> set[tuple[frozenset[str], str, int]]:
    """Each identity as the documents of its reports, its name and its report count."""
    query = (
        select(AgreementRow.identity_id, DocumentRow.doc_id)
        .join(DocumentRow, DocumentRow.id == AgreementRow.document_id)
        .order_by(AgreementRow.identity_id)
    )
    members: dict[int, set[str]] = {}
    with Session(engine) as session:
        for identity, document in session.execute(query):
            members.setdefault(identity, set()).add(document)
        rows = session.scalars(select(AgreementIdentityRow))
        return {(frozenset(members.get(row.id, set())), row.name, row.report_count) for row in rows}


@contextmanager
def _counting_joins(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """How many loners each batch's settling joined to another identity."""
    joins: list[int] = []
    settle = agreement_identities._settle

    def counted(*args: object) -> list[agreement_identities.Identity]:
        joined = settle(*args)  # type: ignore[arg-type]
        joins.append(len(joined))
        return joined

    with monkeypatch.context() as patch:
        patch.setattr(agreement_identities, "_settle", counted)
        yield joins


def test_settling_only_the_loners_a_change_may_concern_gives_the_identities_of_settling_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    joins = 0
    for seed in range(6):
        bounded = open_engine(tmp_path / f"bounded-{seed}.sqlite")
        agreement_history(bounded, seed)
        everything = open_engine(tmp_path / f"all-{seed}.sqlite")
        with monkeypatch.context() as patch, _counting_joins(monkeypatch) as counted:
            patch.setattr(_Loners, "fitting", lambda self, _identities: set(range(len(self.items))))
            agreement_history(everything, seed)
        joins += sum(counted)
        assert _identities(bounded) == _identities(everything)
    assert joins > 0  # loners did join others: the histories exercise settling


def test_a_loner_is_compared_again_only_when_something_near_it_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = open_engine(tmp_path / "kb.sqlite")
    agreement_history(engine, 1)
    compared: list[str] = []
    sole_fit = agreement_identities._sole_fit

    def counted(report: AgreementReport, founded: list[Identity]) -> Identity | None:
        compared.append(report.kind)
        return sole_fit(report, founded)

    far = date(2030, 1, 1).isoformat()
    store_records(engine, [far_truce(far, "far-1")])  # the first batch settles what the history left unsettled
    with monkeypatch.context() as patch:
        patch.setattr(agreement_identities, "_sole_fit", counted)
        store_records(engine, [far_truce(far, "far-2")])
    assert not compared  # years from every stored loner: none is compared
    delete_document(engine, "far-2")
    store_records(engine, [far_truce(date(2016, 6, 1).isoformat(), "near")])
    with monkeypatch.context() as patch:
        patch.setattr(agreement_identities, "_sole_fit", counted)
        store_records(engine, [far_truce(date(2016, 6, 2).isoformat(), "near-2")])
    assert compared  # amid the stored loners: those it may concern are compared


def far_truce(day: str, doc_id: str) -> tuple[Document, Record]:
    """A truce Russia and the United States brokered, reported on ``day``."""
    text = f"A truce brokered by Russia and the United States took effect ({doc_id})."
    fields = {"id": "g1", "kind": "truce", "mediators": ["ru", "us"], "start_date": day}
    agreement = Agreement.model_validate(fields | {"evidence": Span(text=text, start=0, end=len(text))})
    record = Record(id=doc_id, date=day, outlet="AFP", actors=ACTORS, agreements=[agreement])
    return Document(id=doc_id, text=text, date=day, outlet="AFP"), record


def test_a_loner_is_compared_until_its_answer_is_known_with_the_answer_of_comparing_all() -> None:
    """``_sole_fit`` stops at two fitting identities that leave a report naming no actors in none: it picks
    what ``best_identity`` picks."""
    rng = random.Random(7)

    def days() -> tuple[date, date]:
        start = date(2015, 1, 1) + timedelta(days=rng.randrange(700))
        return start, start + timedelta(days=rng.choice([0, 0, 30]))

    founded = []
    for number in range(60):
        identity = Identity(number, "ceasefire", {rng.randrange(5)}, set())
        for _ in range(rng.randrange(1, 3)):
            stated = [days() for _ in range(rng.randrange(2))]
            kind = rng.choice(["ceasefire", "truce"])
            identity.take(AgreementReport(0, kind, {rng.randrange(5)}, set(), stated, days(), "agreed", {1}))
        founded.append(identity)
    answers = set()
    for _ in range(400):
        stated = [days() for _ in range(rng.choice([0, 0, 1]))]
        seen = days() if rng.random() < 0.8 else None
        status = rng.choice([None, "collapsed", "proposed"])
        report = AgreementReport(-1, rng.choice(["ceasefire", "truce"]), set(), set(), stated, seen, status)
        some = rng.sample(founded, rng.randrange(1, 12))
        answer = best_identity(report, some)
        assert _sole_fit(report, some) is answer
        answers.add(answer is None)
    assert answers == {True, False}  # some found the one identity they fit, some none


def _ceasefire(doc_id: str, day: str, mediators: list[str], start: str | None = None) -> tuple[Document, Record]:
    """A ceasefire ``mediators`` brokered (none: "despite the ceasefire"), reported on ``day``."""
    text = f"Report {doc_id}: a ceasefire brokered by {' and '.join(mediators) or 'no one named'} was violated."
    fields = {"id": "g1", "kind": "ceasefire", "mediators": mediators, "status": "violated", "start_date": start}
    agreement = Agreement.model_validate(fields | {"evidence": Span(text=text, start=0, end=len(text))})
    record = Record(id=doc_id, date=day, outlet="AFP", actors=ACTORS, agreements=[agreement])
    return Document(id=doc_id, text=text, date=day, outlet="AFP"), record


def test_a_loner_two_agreements_fitted_joins_the_one_left_when_the_other_is_deleted(tmp_path: Path) -> None:
    engine = open_engine(tmp_path / "kb.sqlite")
    store_records(
        engine,
        [
            _ceasefire("vague", "2016-09-15", []),
            _ceasefire("brokered", "2016-09-14", ["ru", "us"], "2016-09-12"),
            _ceasefire("turkish", "2016-09-13", ["tr"], "2016-09-10"),
        ],
    )
    assert sorted(count for _, _, count in _identities(engine)) == [1, 1, 1]  # which one it is: unknown
    delete_document(engine, "turkish")
    store_records(engine, [_ceasefire("later", "2030-01-01", ["ru", "us"], "2030-01-01")])  # far from them
    joined = {members for members, _, _ in _identities(engine)}
    assert frozenset({"vague", "brokered"}) in joined
