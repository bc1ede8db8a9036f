"""Mood inherited through complements and coordination, event nouns, demands in reported speech, qualified objects."""

from __future__ import annotations

import pytest
from spacy.language import Language

import sitroom.components.events  # noqa: F401  (registers the factory)
from sitroom.record import Event
from tests.helpers import events_of, layer_pipeline, state_actor


@pytest.fixture(scope="module")
def model() -> Language:
    return layer_pipeline("sitroom_events")


def statuses(events: list[Event], event_type: str) -> set[str]:
    return {event.status for event in events if event.type == event_type}


def test_a_coordinated_complement_shares_the_future_of_its_head(model: Language) -> None:
    text = "Finland feared that its soldiers would cross the river and attack the army of Tanzania."
    events = events_of(model, text, state_actor(text, "fi", "Finland"), state_actor(text, "tz", "Tanzania"))
    assert statuses(events, "ASSAULT") and "occurred" not in statuses(events, "ASSAULT")


def test_a_coordinated_predicate_with_its_own_subject_keeps_its_own_mood(model: Language) -> None:
    text = "Finland will attack Tanzania, and Tanzania attacked Finland."
    events = events_of(model, text, state_actor(text, "fi", "Finland"), state_actor(text, "tz", "Tanzania"))
    assert {(event.source[0], event.status) for event in events if event.source} >= {("tz", "occurred")}


def test_an_event_noun_takes_the_mood_of_the_verb_it_is_the_object_of(model: Language) -> None:
    text = "Finland might face an attack on its capital by Tanzania."
    events = events_of(model, text, state_actor(text, "fi", "Finland"), state_actor(text, "tz", "Tanzania"))
    assert statuses(events, "ASSAULT") == {"hypothetical"}


def test_a_refusal_announced_for_the_future_is_not_occurred(model: Language) -> None:
    text = "Finland says it will not accept any more refugees from Tanzania."
    events = events_of(model, text, state_actor(text, "fi", "Finland"), state_actor(text, "tz", "Tanzania"))
    assert statuses(events, "REJECT") == {"planned"}


def test_an_obligation_laid_on_another_party_is_a_request_by_the_speaker(model: Language) -> None:
    text = "Finland said on Tuesday that Tanzania must return the helicopter."
    events = events_of(model, text, state_actor(text, "fi", "Finland"), state_actor(text, "tz", "Tanzania"))
    requests = [event for event in events if event.type == "REQUEST"]
    assert [(event.source, event.target, event.mode, event.status) for event in requests] == [
        (["fi"], ["tz"], "return", "occurred")
    ]


def test_an_obligation_of_the_speakers_themselves_is_not_a_request(model: Language) -> None:
    text = "Finland said that we must withdraw from Tanzania."
    events = events_of(model, text, state_actor(text, "fi", "Finland"), state_actor(text, "tz", "Tanzania"))
    assert not [event for event in events if event.type == "REQUEST"]


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("Finland gave Tanzania five million dollars of aid.", "AID"),
        ("Finland ended its mediation efforts in Tanzania.", "SANCTION"),
        ("Finland launched a mediation effort in Tanzania.", "CONSULT"),
        ("Finland dismissed an appeal from Tanzania.", "REJECT"),
        ("Farmers of Finland blocked roads into Tanzania.", "PROTEST"),
        ("Finland shared intelligence with Tanzania.", "COOPERATE"),
        ("Finland expelled the inspectors of Tanzania.", "SANCTION"),
        ("Finland is conducting military exercises near Tanzania.", "MOBILIZE"),
        ("Finland presented evidence against Tanzania.", "ACCUSE"),
        ("Finland violated a ban that Tanzania had imposed.", "REJECT"),
    ],
)
def test_qualified_objects_and_cameo_object_patterns(model: Language, text: str, event_type: str) -> None:
    events = events_of(model, text, state_actor(text, "fi", "Finland"), state_actor(text, "tz", "Tanzania"))
    assert event_type in {event.type for event in events}


def test_the_subject_of_a_passive_control_verb_is_the_source(model: Language) -> None:
    text = "Finland is scheduled to attend a summit on the crisis in Tanzania."
    events = events_of(model, text, state_actor(text, "fi", "Finland"), state_actor(text, "tz", "Tanzania"))
    assert [(event.source, event.status) for event in events if event.type == "CONSULT"] == [(["fi"], "planned")]
