"""The agreements layer on hand-made layers: the seed's truce set out in a passage (parties, signatories,
implementers, numbered provisions), the AGREE link, and an agreement mentioned in passing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language
from spacy.tokens import Doc

import sitroom.components.agreements
import sitroom.components.events  # noqa: F401
from sitroom.components.agreements import numbered_clauses
from sitroom.documents import Document
from sitroom.record import Actor, Place
from tests.helpers import exact_spans, gold_layers, layer_pipeline


@pytest.fixture(scope="module")
def model() -> Language:
    return layer_pipeline("sitroom_events", "sitroom_agreements")


def run(
    model: Language,
    text: str,
    actors: list[Actor],
    places: list[Place],
    *,
    events: bool = True,
    date: str | None = None,
) -> Doc:
    doc = model.make_doc(text)
    for name, proc in model.pipeline:
        if name == "sitroom_events":
            doc._.actors, doc._.places = actors, places
            doc._.document = Document(id="t", text=text, date=date) if date else None
            if not events:
                continue
        doc = proc(doc)
    return doc


def test_seed_truce_matches_the_gold(model: Language, seed_path: Path, gold_seed: dict[str, Any]) -> None:
    text = seed_path.read_text(encoding="utf-8")
    doc = run(model, text, *gold_layers(text, gold_seed), date="2014-01-15")
    gold = gold_seed["agreements"][0]
    [agreement] = [item for item in doc._.agreements if item.kind == "truce"]
    assert (agreement.kind, agreement.place, agreement.date, agreement.status) == (
        "truce",
        "JARRAH",
        "2014-01",
        "agreed",
    )
    assert agreement.parties == gold["parties"]
    assert agreement.signatories == gold["signatories"]
    assert sorted(agreement.implementers) == sorted(gold["implementers"])
    assert [(p.n, p.type, sorted(p.obligors)) for p in agreement.provisions] == [
        (p["n"], p["type"], sorted(p["obligors"])) for p in gold["provisions"]
    ]
    assert all(text[p.start : p.end] == p.text for p in agreement.provisions)
    assert agreement.provisions[1].text.startswith("Brother Umar al-Chechen, the representative of ISIL")


def test_seed_truce_has_one_agree_event_and_absorbs_its_clauses(
    model: Language, seed_path: Path, gold_seed: dict[str, Any]
) -> None:
    text = seed_path.read_text(encoding="utf-8")
    doc = run(model, text, *gold_layers(text, gold_seed), date="2014-01-15")
    [agreement] = [item for item in doc._.agreements if item.kind == "truce"]
    agree = [e for e in doc._.events if e.type == "AGREE"]
    assert len(agree) == 1
    assert agree[0].evidence == agreement.evidence
    assert (agree[0].mode, agree[0].source, agree[0].target, agree[0].place) == (
        "ceasefire",
        ["ISIL"],
        ["AHRAR"],
        "JARRAH",
    )
    assert agree[0].reported_by == ["EAWV"]
    clauses_start = agreement.provisions[0].start
    assert not [e for e in doc._.events if e.evidence.start >= clauses_start]
    assert [e.id for e in doc._.events] == [f"e{n}" for n in range(1, len(doc._.events) + 1)]


SYNTHETIC = (
    "A local truce between the Army of Islam and the Rahman Legion was announced in Douma on Monday.\n\n"
    "1. Both sides will stop firing at each other.\n\n"
    "2. The Rahman Legion will withdraw from the farms east of Douma.\n\n"
    "Aid convoys must be allowed to enter Douma without delay.\n\n"
    "Unrelated news: prices rose.\n"
)


def test_unnumbered_provisions_and_a_created_agree_event(model: Language) -> None:
    actors = [
        Actor(id="aoi", name="Army of Islam", kind="armed_group", mentions=exact_spans(SYNTHETIC, "Army of Islam")),
        Actor(id="rl", name="Rahman Legion", kind="armed_group", mentions=exact_spans(SYNTHETIC, "Rahman Legion")),
    ]
    places = [Place(id="douma", name="Douma", feature="town", country="SY", mentions=exact_spans(SYNTHETIC, "Douma"))]
    doc = run(model, SYNTHETIC, actors, places, events=False)
    [agreement] = doc._.agreements
    assert (agreement.kind, agreement.parties, agreement.place) == ("truce", ["aoi", "rl"], "douma")
    assert [(p.n, p.type, p.obligors) for p in agreement.provisions] == [
        (1, "ceasefire", ["aoi", "rl"]),
        (2, "withdrawal", ["rl"]),
        (3, "humanitarian_access", ["aoi", "rl"]),
    ]
    [event] = doc._.events
    assert (event.id, event.type, event.mode, event.source, event.target) == (
        "e1",
        "AGREE",
        "ceasefire",
        ["aoi"],
        ["rl"],
    )


def test_an_agreement_mentioned_in_passing_holds_what_the_text_says(model: Language) -> None:
    text = "Relations warmed after the signing of the Lisbon Accord on Norway's fishing rights."
    norway = Actor(id="no", name="Norway", kind="state", mentions=exact_spans(text, "Norway"))
    doc = run(model, text, [norway], [])
    [agreement] = doc._.agreements
    assert (agreement.kind, agreement.status, agreement.parties) == ("agreement", "agreed", [])
    assert [mention.text for mention in agreement.mentions] == ["the Lisbon Accord"]
    assert not [event for event in doc._.events if event.type == "AGREE"]  # not announced: no AGREE event


def test_numbered_clauses_are_found_by_paragraph() -> None:
    text = "Intro.\n1 First clause.\n2. Second clause, longer.\n\nNot 3 a clause."
    clauses = numbered_clauses(text, 0, len(text))
    assert [(c.n, text[c.start : c.end]) for c in clauses] == [(1, "First clause."), (2, "Second clause, longer.")]


COVERED = ["harasta", "qadam"]


@pytest.mark.parametrize(
    ("text", "places"),
    [
        (
            "Rebels still hold Harasta in the east and Qadam in the west, but both districts are covered by a truce.",
            COVERED,
        ),
        (
            "Fighters remain in Harasta and Qadam, and the government says the districts are included in the truce.",
            COVERED,
        ),
        ("Fighters remain in Harasta and Qadam, and the truce covers the two districts.", COVERED),
        ("Rebels still hold Harasta and Qadam, but the districts are not covered by the truce.", []),
        ("Rebels still hold Harasta and Qadam. Other districts are covered by a truce.", []),  # not its sentence
    ],
)
def test_the_places_a_truce_is_said_to_cover_are_its_places(model: Language, text: str, places: list[str]) -> None:
    towns = [
        Place(id=name.lower(), name=name, feature="town", country="SY", mentions=exact_spans(text, name))
        for name in ("Harasta", "Qadam")
    ]
    [agreement] = run(model, text, [], towns, events=False)._.agreements
    assert agreement.places == places
