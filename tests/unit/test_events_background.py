"""Events a report recalls as context (``background``), apart from the news it tells."""

from __future__ import annotations

import pytest
from spacy.language import Language

import sitroom.components.events  # noqa: F401  (registers the factory)
from sitroom.components.dates import find_dates, parse_anchor
from sitroom.documents import Document
from sitroom.record import Event
from tests.helpers import layer_pipeline


@pytest.fixture(scope="module")
def model() -> Language:
    return layer_pipeline("sitroom_events")


def assaults(model: Language, text: str, date: str | None = None) -> list[Event]:
    """The ASSAULT events of ``text`` (no actor or place layer; dates read when the document has a date)."""
    doc = model.make_doc(text)
    for name, proc in model.pipeline:
        if name != "sitroom_events":
            doc = proc(doc)
    doc._.actors, doc._.places, doc._.claims = [], [], None
    doc._.document = Document(id="t", text=text, date=date) if date else None
    doc._.dates = find_dates(doc, parse_anchor(date)) if date else []
    events: list[Event] = model.get_pipe("sitroom_events")(doc)._.events
    return [event for event in events if event.type == "ASSAULT"]


def tolls(events: list[Event]) -> list[tuple[bool, list[int]]]:
    return [(event.background, [c.count for c in event.casualties if c.outcome == "killed"]) for event in events]


@pytest.mark.parametrize(
    "text",
    [
        "Army jets pounded the village of Tell Shams on Sunday, three days after a car bomb killed 60 people there.",
        "Army jets pounded the village of Tell Shams on Sunday following a car bomb that killed 60 people there.",
    ],
)
def test_a_toll_told_after_precedence_is_another_happening_recalled(model: Language, text: str) -> None:
    assert sorted(tolls(assaults(model, text))) == [(False, []), (True, [60])]


def test_the_raid_that_comes_after_a_killing_recalls_it(model: Language) -> None:
    text = "The new raid comes a week after gunmen killed 40 shepherds near the dam."
    assert tolls(assaults(model, text)) == [(True, [40])]


@pytest.mark.parametrize(
    "text",
    [
        "Nine shepherds were killed after army helicopters dropped barrel bombs on the market.",
        "A relief agency sent its condolences following the deaths of nine shepherds in an air raid on the market.",
    ],
)
def test_what_a_clause_of_precedence_led_to_or_a_deed_of_another_kind_is_no_recall(model: Language, text: str) -> None:
    assert tolls(assaults(model, text)) == [(False, [9])]


@pytest.mark.parametrize(
    "text",
    [
        "An earlier raid on the same village killed 15 shepherds.",
        "Earlier this month, a bombing at the checkpoint killed 25 shepherds.",
        "The shelling has killed 400 shepherds since the siege began.",
    ],
)
def test_an_earlier_act_or_a_running_total_is_background(model: Language, text: str) -> None:
    assert [event.background for event in assaults(model, text)] == [True]


def test_earlier_on_the_same_day_is_still_news(model: Language) -> None:
    text = "Earlier on Monday, a bombing at the checkpoint killed 25 shepherds."
    assert [event.background for event in assaults(model, text)] == [False]


@pytest.mark.parametrize(
    ("text", "background"),
    [
        ("On 3 May a bombing at the checkpoint killed 25 shepherds.", True),  # more than two weeks before
        ("In September a bombing at the checkpoint killed 25 shepherds.", True),  # a month before the document's
        ("On 18 October a bombing at the checkpoint killed 25 shepherds.", False),  # two days before
    ],
)
def test_an_act_its_sentence_dates_well_before_the_document_is_background(
    model: Language, text: str, background: bool
) -> None:
    assert [event.background for event in assaults(model, text, date="2016-10-20")] == [background]


def test_the_news_and_the_attack_it_recalls_stay_apart_across_sentences(model: Language) -> None:
    text = (
        "A bombing at the checkpoint in Tell Shams killed 12 shepherds on Tuesday. "
        "The bombing came days after an air raid on Tell Shams killed 30 shepherds."
    )
    assert sorted(tolls(assaults(model, text))) == [(False, [12]), (True, [30])]
