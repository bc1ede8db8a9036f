"""PLOVER conventions of the events layer: announced acts, refusals, event nouns, single-line texts, CAMEO stems."""

from __future__ import annotations

import pytest
from spacy.language import Language

import sitroom.components.events  # noqa: F401  (registers the factory)
from sitroom.knowledge.event_lexicon import parse_lexicon
from tests.helpers import events_of, layer_pipeline, state_actor


@pytest.fixture(scope="module")
def model() -> Language:
    return layer_pipeline("sitroom_events")


@pytest.mark.parametrize(
    ("text", "event_type", "mode", "status"),
    [
        ("Finland will give Tanzania aid.", "AGREE", "aid", "planned"),
        ("Finland said it would release the prisoners of Tanzania.", "AGREE", "release", "planned"),
        ("Finland has pledged to attack the army of Tanzania.", "THREATEN", "assault", "promised"),
        ("Finland will release the prisoners of Tanzania unless the talks resume.", "THREATEN", "release", "planned"),
        ("Finland gave Tanzania aid.", "AID", None, "occurred"),
    ],
)
def test_announced_acts_are_agreements_or_threats(
    model: Language, text: str, event_type: str, mode: str | None, status: str
) -> None:
    events = events_of(model, text, state_actor(text, "fi", "Finland"), state_actor(text, "tz", "Tanzania"))
    assert [(e.type, e.mode, e.status, e.source, e.target) for e in events][:1] == [
        (event_type, mode, status, ["fi"], ["tz"])
    ]


@pytest.mark.parametrize(
    "text",
    ["Finland did not release the prisoners of Tanzania.", "Finland failed to reach an agreement with Tanzania."],
)
def test_a_negated_or_failed_cooperative_act_is_a_rejection(model: Language, text: str) -> None:
    events = events_of(model, text, state_actor(text, "fi", "Finland"), state_actor(text, "tz", "Tanzania"))
    assert [(e.type, e.status, e.source) for e in events] == [("REJECT", "occurred", ["fi"])]


def test_light_verbs_take_the_sense_of_their_event_noun(model: Language) -> None:
    text = "Finland held talks with Tanzania. Finland launched an investigation into Tanzania."
    events = events_of(model, text, state_actor(text, "fi", "Finland"), state_actor(text, "tz", "Tanzania"))
    assert [(e.type, e.source, e.target) for e in events] == [
        ("CONSULT", ["fi"], ["tz"]),
        ("ACCUSE", ["fi"], ["tz"]),
    ]


def test_an_air_strike_is_an_assault_and_a_hunger_strike_a_protest(model: Language) -> None:
    text = "Finland staged an air strike on Tanzania. Finland staged a hunger strike against Tanzania."
    events = events_of(model, text, state_actor(text, "fi", "Finland"), state_actor(text, "tz", "Tanzania"))
    assert [(e.type, e.target) for e in events] == [("ASSAULT", ["tz"]), ("PROTEST", ["tz"])]


def test_a_single_line_without_final_punctuation_is_not_a_heading(model: Language) -> None:
    text = "Finland will supply arms to Tanzania"
    events = events_of(model, text, state_actor(text, "fi", "Finland"), state_actor(text, "tz", "Tanzania"))
    assert [(e.type, e.source, e.target) for e in events] == [("AGREE", ["fi"], ["tz"])]


def test_cameo_stems_match_as_prefixes_and_underscored_words_exactly() -> None:
    lexicon = parse_lexicon(
        "verbs: {}\nphrases: {}\nnouns: {}\n"
        "objects: {open: {negotiat: {type: CONSULT}, war_: {type: ASSAULT}, arm: {type: AID}}}\n"
    )
    assert lexicon.verb_sense("open", [], ["negotiation"]) == lexicon.objects[("open", "negotiat")]
    assert lexicon.verb_sense("open", [], ["war"]) == lexicon.objects[("open", "war")]
    assert lexicon.verb_sense("open", [], ["warehouse"]) is None
    assert lexicon.verb_sense("open", [], ["army"]) is None
