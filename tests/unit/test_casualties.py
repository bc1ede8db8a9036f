"""Casualty counts read from the parse: outcome, count, bounds, category, inclusion, evidence."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from sitroom.components.events.casualties import fatalities, find_casualties, stated_fatalities
from sitroom.record import Casualty, Span
from sitroom.settings import DEFAULT_MODEL


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load(DEFAULT_MODEL)


def counts(nlp: Language, text: str) -> list[tuple[str, int, str, bool, bool, bool]]:
    doc = nlp(text)
    found = find_casualties(doc[:])
    for mention in found:
        evidence = mention.casualty.evidence
        assert doc.text[evidence.start : evidence.end] == evidence.text
    return [
        (c.outcome, c.count, c.category, c.min, c.approximate, c.included)
        for c in (mention.casualty for mention in found)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Artillery fire killed nine villagers and injured 14 near the dam.",
            [("killed", 9, "civilians", False, False, False), ("injured", 14, "unknown", False, False, False)],
        ),
        (
            "At least 12 soldiers were killed at the checkpoint.",
            [("killed", 12, "security_forces", True, False, False)],
        ),
        ("Dozens of people were wounded in the blast.", [("injured", 12, "unknown", False, True, False)]),
        ("The death toll climbed to 31 by the evening.", [("killed", 31, "unknown", False, False, False)]),
        ("A girl was killed when the mortar landed.", [("killed", 1, "children", False, False, False)]),
        (
            "The raid killed 20 people, including six women.",
            [("killed", 20, "unknown", False, False, False), ("killed", 6, "women", False, False, True)],
        ),
        ("Eleven fighters died in the ambush.", [("killed", 11, "fighters", False, False, False)]),
        # a count with a thousands separator
        ("More than 1,200 civilians were killed in the siege.", [("killed", 1200, "civilians", True, False, False)]),
        # lives taken: "claim/take/cost the lives of", or a bare count coordinated with an injury
        ("The mortar fire took the lives of four farmers.", [("killed", 4, "civilians", False, False, False)]),
        (
            "A bomb struck the bus station, claiming nine and wounding 30.",
            [("killed", 9, "unknown", False, False, False), ("injured", 30, "unknown", False, False, False)],
        ),
        # people named by their part in the fighting are fighters
        ("The troops repelled the raid, killing 14 attackers.", [("killed", 14, "fighters", False, False, False)]),
        ("Two mercenaries died in the ambush.", [("killed", 2, "fighters", False, False, False)]),
        # a participle with its own object is another clause run on without "and"
        (
            "The blast killed 14 people injured 60 in the square.",
            [("killed", 14, "unknown", False, False, False), ("injured", 60, "unknown", False, False, False)],
        ),
        # a part counted out of a group has the group's category; out of a pronoun, none
        ("At least nine of the gunmen were killed near the bridge.", [("killed", 9, "fighters", True, False, False)]),
        ("The shelling killed three of the farmers.", [("killed", 3, "civilians", False, False, False)]),
        ("The drone strike killed four of them.", [("killed", 4, "unknown", False, False, False)]),
    ],
)
def test_counts_of_dead_and_wounded(nlp: Language, text: str, expected: list[tuple[object, ...]]) -> None:
    assert counts(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The war has lasted since 2011 and the town has 2015 residents.",  # years and plain numbers
        "Two delegations met in Geneva on 12 March.",  # a count of people with no death or injury
        "The convoy carried 300 tons of flour.",
        "Medics saved the lives of 40 patients and the militia claimed two raids.",
    ],
)
def test_numbers_that_are_not_casualties(nlp: Language, text: str) -> None:
    assert counts(nlp, text) == []


def _casualty(count: int, included: bool = False, start: int = 0) -> Casualty:
    return Casualty(
        outcome="killed",
        count=count,
        category="unknown",
        included=included,
        evidence=Span(text="x", start=start, end=start + 1),
    )


def test_a_statement_sums_its_parts_unless_they_are_included() -> None:
    assert stated_fatalities([_casualty(5), _casualty(13)]) == 18
    assert stated_fatalities([_casualty(48), _casualty(10, included=True)]) == 48
    assert stated_fatalities([_casualty(10, included=True)]) == 10
    assert stated_fatalities([]) is None


def test_an_event_takes_the_highest_toll_any_sentence_states(nlp: Language) -> None:
    doc = nlp("Six died. Later the toll rose to nine.")
    sentences = list(doc.sents)
    found = [m.casualty for sentence in sentences for m in find_casualties(sentence)]
    assert fatalities(found, sentences) == 9
