"""The events layer: triggers, participants, status, place, attribution, and the seed with hand-built layers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language
from spacy.tokens import Doc

import sitroom.components.events  # noqa: F401  (registers the factory)
from sitroom.components.events.merging import RESTATEMENT_WINDOW
from sitroom.documents import Document
from sitroom.knowledge.event_lexicon import cameo_sense, load_event_lexicon, parse_cameo_to_plover, parse_lexicon
from sitroom.record import Actor, Claim, Event, Place
from tests.helpers import exact_spans, gold_layers, layer_pipeline


@pytest.fixture(scope="module")
def model() -> Language:
    return layer_pipeline("sitroom_events")


def actor(text: str, actor_id: str, kind: str, *names: str) -> Actor:
    mentions = [s for n in names for s in exact_spans(text, n)]
    return Actor(id=actor_id, name=names[0], kind=kind, mentions=mentions)  # type: ignore[arg-type]


def place(text: str, place_id: str, feature: str, *names: str) -> Place:
    mentions = [s for n in names for s in exact_spans(text, n)]
    return Place(id=place_id, name=names[0], feature=feature, country="XX", mentions=mentions)


def located(text: str, place_id: str, name: str, country: str, mention: str, feature: str = "town") -> Place:
    """A place the gazetteer located, in ``country``."""
    spans = exact_spans(text, mention)
    return Place(id=place_id, name=name, feature=feature, country=country, lat=1.0, lon=1.0, mentions=spans)


def run(
    model: Language,
    text: str,
    actors: list[Actor],
    places: list[Place] | None = None,
    claims: list[Claim] | None = None,
    date: str | None = None,
) -> list[Event]:
    doc = model.make_doc(text)
    for name, proc in model.pipeline:
        if name != "sitroom_events":
            doc = proc(doc)
    doc._.actors, doc._.places, doc._.claims = actors, places or [], claims
    doc._.document = Document(id="t", text=text, date=date) if date else None
    events: list[Event] = model.get_pipe("sitroom_events")(doc)._.events
    return events


def test_aid_with_weapons_is_military_and_its_place_is_not_the_actors(model: Language) -> None:
    text = "The US has already started supplying the Shiite regime in Baghdad with precision Hellfire missiles."
    events = run(
        model,
        text,
        [actor(text, "us", "state", "US"), actor(text, "iq", "government", "Shiite regime")],
        [place(text, "bgd", "city", "Baghdad")],
        date="2014-01-15",
    )
    assert [(e.type, e.mode, e.source, e.target, e.place, e.date, e.date_from) for e in events] == [
        ("AID", "military", ["us"], ["iq"], None, "2014-01-15", "document")
    ]
    evidence = events[0].evidence
    assert text[evidence.start : evidence.end] == evidence.text == text


@pytest.mark.parametrize(
    ("text", "event_type", "status"),
    [
        ("Rebels attacked the army in Homs.", "ASSAULT", "occurred"),
        ("Rebels will attack the army in Homs.", "THREATEN", "planned"),
        ("Rebels should attack the army in Homs.", "ASSAULT", "hypothetical"),
        ("Rebels seek to attack the army in Homs.", "ASSAULT", "planned"),
        ("Rebels vowed to attack the army in Homs.", "THREATEN", "promised"),
    ],
)
def test_status_follows_modality(model: Language, text: str, event_type: str, status: str) -> None:
    events = run(
        model,
        text,
        [actor(text, "r", "armed_group", "Rebels"), actor(text, "a", "institution", "army")],
        [place(text, "h", "city", "Homs")],
    )
    assert [(e.type, e.status, e.source, e.target, e.place) for e in events][-1:] == [
        (event_type, status, ["r"], ["a"], "h")
    ]


def test_a_negated_event_is_not_coded(model: Language) -> None:
    text = "Rebels did not attack the army."
    assert run(model, text, [actor(text, "r", "armed_group", "Rebels"), actor(text, "a", "institution", "army")]) == []


def test_hedged_claim_makes_the_event_claimed_and_names_its_source(model: Language) -> None:
    text = "Debka claims that the army shelled the rebels near Homs."
    claim_start = text.index("the army")
    claim = Claim(text=text[claim_start:-1], start=claim_start, end=len(text) - 1, source_chain=["d"], hedged=True)
    actors = [
        actor(text, "d", "media", "Debka"),
        actor(text, "a", "institution", "army"),
        actor(text, "r", "armed_group", "rebels"),
    ]
    events = run(model, text, actors, claims=[claim])
    assert [(e.type, e.status, e.source, e.target, e.reported_by) for e in events] == [
        ("ASSAULT", "claimed", ["a"], ["r"], ["d"])
    ]


def test_without_claims_the_parse_gives_the_reporter(model: Language) -> None:
    text = "It is reported that the army shelled the rebels."
    events = run(model, text, [actor(text, "a", "institution", "army"), actor(text, "r", "armed_group", "rebels")])
    assert [(e.status, e.source, e.target) for e in events] == [("claimed", ["a"], ["r"])]


def test_both_countries_and_a_clarified_target_resolve(model: Language) -> None:
    text = (
        "Washington and Tehran met in Geneva. Both countries are working together to combat the Mujahideen. "
        "It primarily refers to ISIL and the Nusra Front."
    )
    actors = [
        actor(text, "us", "state", "Washington"),
        actor(text, "ir", "state", "Tehran"),
        actor(text, "isil", "armed_group", "ISIL"),
        actor(text, "nusra", "armed_group", "Nusra Front"),
    ]
    cooperation = [e for e in run(model, text, actors) if e.type == "COOPERATE"]
    assert [(e.source, e.target) for e in cooperation] == [(["us", "ir"], ["isil", "nusra"])]


def test_headings_are_not_coded(model: Language) -> None:
    text = "Rebels Attack Army Base In Homs\n\nThe weather was fine."
    assert run(model, text, [actor(text, "r", "armed_group", "Rebels"), actor(text, "a", "institution", "Army")]) == []


def test_runs_without_any_upstream_layer(model: Language) -> None:
    doc: Doc = model("Insurgents attacked a convoy near the border.")
    assert all(event.source == [] for event in doc._.events)


def test_seed_events_with_hand_built_actor_and_place_layers(
    model: Language, seed_path: Path, gold_seed: dict[str, Any]
) -> None:
    text = seed_path.read_text(encoding="utf-8")
    actors, places = gold_layers(text, gold_seed)
    events = run(model, text, actors, places, date="2014-01-15")
    coded = {(e.type, frozenset(e.source), frozenset(e.target)) for e in events}
    assert ("COOPERATE", frozenset({"US", "IRN"}), frozenset({"ISIL", "NUSRA"})) in coded
    assert ("AID", frozenset({"US"}), frozenset({"IRQ_GOV"})) in coded
    assert ("AGREE", frozenset({"ISIL"}), frozenset({"AHRAR"})) in coded
    assault = next(e for e in events if e.type == "ASSAULT" and e.source == ["IRQ_GOV"])
    assert (assault.status, assault.place) == ("claimed", "ANBAR")
    assert all(text[e.evidence.start : e.evidence.end] == e.evidence.text for e in events)
    assert [e.id for e in events] == [f"e{n}" for n in range(1, len(events) + 1)]


def test_lexicon_parsing_and_cameo_conversion() -> None:
    lexicon = parse_lexicon(
        "verbs: {shell: {type: ASSAULT, mode: heavy-weapons}}\n"
        "phrases: {work: {together: {type: COOPERATE}}}\n"
        "objects: {declare: {truce: {type: AGREE, mode: ceasefire}}}\n"
        "nouns: {truce: {type: AGREE}}\n"
    )
    assert lexicon.verb_sense("work", ["together"], []) == lexicon.phrases[("work", "together")]
    sense = lexicon.verb_sense("declare", [], ["truce"])
    assert sense is not None and (sense.type, sense.mode) == ("AGREE", "ceasefire")
    assert lexicon.verb_sense("declare", [], []) is None
    with pytest.raises(ValueError):
        parse_lexicon("verbs: {x: {type: NOPE}}\nphrases: {}\nobjects: {}\nnouns: {}\n")
    table = parse_cameo_to_plover("087: RETREAT, disarm, military # De-escalate\n0871: RETREAT, ceasefire, military\n")
    assert cameo_sense("0871", table).mode == "ceasefire"  # type: ignore[union-attr]
    assert cameo_sense("0873", table).mode == "disarm"  # type: ignore[union-attr]
    assert cameo_sense("010", table) is None


def test_shipped_lexicon_codes_core_conflict_verbs() -> None:
    lexicon = load_event_lexicon()
    assert {lemma: lexicon.verbs[lemma].type for lemma in ("attack", "shell", "arrest", "supply", "withdraw")} == {
        "attack": "ASSAULT",
        "shell": "ASSAULT",
        "arrest": "COERCE",
        "supply": "AID",
        "withdraw": "RETREAT",
    }
    assert "say" not in lexicon.verbs and "claim" not in lexicon.verbs


def test_a_news_agency_reports_but_never_fires(model: Language) -> None:
    text = "Aleppo SANA-Terrorist organizations fired tens of shells on the residential neighborhoods of the city."
    sana = actor(text, "a1", "media", "SANA")
    events = run(model, text, [sana])
    assert [event.type for event in events] == ["ASSAULT"]
    assert events[0].source == []


def test_a_place_beside_the_subject_neither_hides_the_event_nor_loses_its_place(model: Language) -> None:
    text = "A roadside bombing near the town of Samarra on Sunday killed one soldier and wounded two others."
    samarra = place(text, "p1", "city", "Samarra")
    events = run(model, text, [], [samarra])
    assert [(event.type, event.place) for event in events] == [("ASSAULT", "p1")]


def test_deaths_in_a_crash_are_no_assault(model: Language) -> None:
    passive = "Interpol will help identify victims killed by the MH17 crash in east Ukraine."
    assert [event.type for event in run(model, passive, [])] == []
    assert [event.type for event in run(model, "The crash killed 298 people in east Ukraine.", [])] == []
    assert [event.type for event in run(model, "The crash has killed 298 people in east Ukraine.", [])] == []
    assert [event.type for event in run(model, "The shelling killed 29 people in east Ukraine.", [])] == ["ASSAULT"]


@pytest.mark.parametrize(("filler_sentences", "events"), [(3, 1), (800, 2)])
def test_a_restatement_is_one_happening_only_within_the_restatement_window(
    model: Language, filler_sentences: int, events: int
) -> None:
    told = "Government troops shelled Kafr Nabl, killing nine villagers."
    filler = " ".join(["Shops in the old market stayed open until late that evening."] * filler_sentences)
    text = f"{told} {filler} {told}"
    assert (len(text) > RESTATEMENT_WINDOW) == (events == 2)
    actors = [actor(text, "a1", "armed_group", "Government troops")]
    found = run(model, text, actors, [place(text, "p1", "town", "Kafr Nabl")])
    assert len([event for event in found if event.type == "ASSAULT"]) == events


def test_a_participle_on_a_noun_is_a_passive_whose_subject_is_that_noun(model: Language) -> None:
    text = "Hundreds of herders abducted by the Blue Brigade were freed on Monday."
    events = run(model, text, [actor(text, "h", "other", "herders"), actor(text, "b", "armed_group", "Blue Brigade")])
    abduction = next(event for event in events if event.mode == "abduct")
    assert (abduction.source, abduction.target) == (["b"], ["h"])


def test_a_relative_pronoun_object_stands_for_the_noun_it_modifies(model: Language) -> None:
    text = "The Blue Brigade released the herders whom it had abducted in May."
    events = run(model, text, [actor(text, "h", "other", "herders"), actor(text, "b", "armed_group", "Blue Brigade")])
    abduction = next(event for event in events if event.mode == "abduct")
    assert abduction.target == ["h"]


def test_who_carried_out_the_act_an_inquiry_is_about_is_its_target(model: Language) -> None:
    text = "Ruritania opened an inquiry into killings carried out by the Blue Brigade."
    actors = [actor(text, "r", "state", "Ruritania"), actor(text, "b", "armed_group", "Blue Brigade")]
    inquiry = next(event for event in run(model, text, actors) if event.type == "ACCUSE")
    assert (inquiry.source, inquiry.target) == (["r"], ["b"])


def test_a_running_total_is_never_the_same_happening_as_an_attack(model: Language) -> None:
    text = (
        "Government jets carried out air strikes on Kafr Nabl on Monday, killing nine villagers. "
        "The strikes have killed 400 villagers since the siege began."
    )
    rebels = actor(text, "a1", "armed_group", "Government jets")
    events = [e for e in run(model, text, [rebels], [place(text, "p1", "town", "Kafr Nabl")]) if e.type == "ASSAULT"]
    attack = next(event for event in events if "Monday" in event.evidence.text)
    assert [c.count for c in attack.casualties] == [9]
    assert len(attack.mentions) == 1


def test_a_foreign_country_in_the_clause_gives_way_to_a_town_of_the_story(model: Language) -> None:
    text = (
        "Fighting went on around Marbela and Tolosa. "
        "A Freedonian air strike on the outskirts of Marbela killed seven villagers."
    )
    home = [located(text, "p1", "Marbela", "XX", "Marbela"), located(text, "p2", "Tolosa", "XX", "Tolosa")]
    abroad = located(text, "p3", "Freedonia", "YY", "Freedonian", feature="country")
    events = [e for e in run(model, text, [], [*home, abroad]) if e.type == "ASSAULT"]
    assert [event.place for event in events] == ["p1"]


@pytest.mark.parametrize(
    "text",
    [
        "Nine villagers were killed on Monday when Freedonian jets bombed the market.",
        "Nine villagers were killed in shelling by Freedonian jets on the market.",
        "Nine villagers were killed and 15 injured as Freedonian jets attacked the market.",
    ],
)
def test_a_killing_without_a_doer_joins_the_act_its_clause_names(model: Language, text: str) -> None:
    jets = actor(text, "a1", "armed_group", "Freedonian jets")
    villagers = actor(text, "a2", "other", "villagers")
    assaults = [event for event in run(model, text, [jets, villagers]) if event.type == "ASSAULT"]
    assert [
        (event.source, event.target, [c.count for c in event.casualties if c.outcome == "killed"]) for event in assaults
    ] == [(["a1"], ["a2"], [9])]


@pytest.mark.parametrize(
    "text",
    [
        "Nine villagers were killed and 15 others injured on Monday when Freedonian jets bombed the market.",
        "Freedonian raids hit the market of Tolosa and its outskirts killing nine villagers and wounding 20 on Monday.",
    ],
)
def test_a_killing_the_parse_leaves_unlinked_is_the_outcome_of_the_one_act_with_a_doer(
    model: Language, text: str
) -> None:
    jets = actor(text, "a1", "armed_group", "Freedonian jets", "Freedonian raids")
    villagers = Actor(
        id="a2", name="villagers", kind="other", collective="civilians", mentions=exact_spans(text, "villagers")
    )
    killings = [
        event for event in run(model, text, [jets, villagers]) if any(c.outcome == "killed" for c in event.casualties)
    ]
    assert [(event.source, [c.count for c in event.casualties if c.outcome == "killed"]) for event in killings] == [
        (["a1"], [9])
    ]


def test_a_merged_happening_keeps_the_place_its_own_sentences_give_over_the_documents(model: Language) -> None:
    text = (
        "Government troops shelled a village on Monday, killing nine villagers. "
        "Nine villagers were killed in the shelling in Lowland province. "
        "Aid convoys reached Marbela, and Marbela's mayor said Marbela was calm."
    )
    places = [
        located(text, "p1", "Marbela", "XX", "Marbela"),
        located(text, "p2", "Lowland", "XX", "Lowland province", feature="admin1"),
    ]
    troops = actor(text, "a1", "armed_group", "Government troops")
    events = [e for e in run(model, text, [troops], places) if e.type == "ASSAULT"]
    assert [(event.source, event.place, event.place_from, len(event.mentions)) for event in events] == [
        (["a1"], "p2", "clause", 2)
    ]


def test_a_later_mention_told_without_a_doer_takes_the_doer_of_the_earlier_one(model: Language) -> None:
    text = (
        "Freedonian jets struck the outskirts of Marbela on Monday. "
        "At least 11 villagers were killed in air raids, medics said."
    )
    jets = actor(text, "a1", "armed_group", "Freedonian jets")
    events = [e for e in run(model, text, [jets], [located(text, "p1", "Marbela", "XX", "Marbela")])]
    killing = next(event for event in events if "11 villagers" in event.evidence.text)
    assert killing.source == ["a1"]
    assert len(killing.mentions) == 1  # the doer is shared; nothing specific says the two are one happening


def test_a_killing_in_the_attack_refers_back_to_the_last_attack(model: Language) -> None:
    text = (
        "Freedonian jets struck the outskirts of Marbela on Monday. "
        "At least 11 villagers were killed in the raids, medics said."
    )
    jets = actor(text, "a1", "armed_group", "Freedonian jets")
    (event,) = [e for e in run(model, text, [jets], [located(text, "p1", "Marbela", "XX", "Marbela")])]
    assert event.source == ["a1"] and len(event.mentions) == 2


def test_a_mention_told_without_a_doer_takes_none_from_a_happening_elsewhere(model: Language) -> None:
    text = (
        "Freedonian jets struck Marbela on Monday. "
        "In Tolosa, at least 11 villagers were killed in the raids, medics said."
    )
    jets = actor(text, "a1", "armed_group", "Freedonian jets")
    places = [located(text, "p1", "Marbela", "XX", "Marbela"), located(text, "p2", "Tolosa", "XX", "Tolosa")]
    killing = next(event for event in run(model, text, [jets], places) if "11 villagers" in event.evidence.text)
    assert killing.source == []


@pytest.mark.parametrize(
    ("between", "source"),
    [("", ["a1"]), ("The dead were buried at dusk. Relatives gathered at the graves. Schools stayed closed. ", [])],
)
def test_an_earlier_mention_told_without_a_doer_takes_the_doer_told_just_after_it(
    model: Language, between: str, source: list[str]
) -> None:
    """Within the next two sentences only."""
    text = (
        "At least 11 villagers were killed in Marbela on Monday by air strikes. "
        f"{between}Witnesses said Freedonian jets carried out several raids."
    )
    jets = actor(text, "a1", "armed_group", "Freedonian jets")
    events = run(model, text, [jets], [located(text, "p1", "Marbela", "XX", "Marbela")])
    killing = next(event for event in events if "11 villagers" in event.evidence.text)
    assert killing.source == source


def test_a_massacre_takes_the_doer_of_a_raid_told_with_its_weapon(model: Language) -> None:
    """A massacre says whom was killed, not with what: it does not disagree with an air raid."""
    text = (
        "Freedonian jets bombed the market of Marbela on Monday. "
        "The bombing killed 30 civilians including nine children in Marbela, medics said."
    )
    jets = actor(text, "a1", "armed_group", "Freedonian jets")
    events = run(model, text, [jets], [located(text, "p1", "Marbela", "XX", "Marbela")])
    assert all(event.source == ["a1"] for event in events if event.type == "ASSAULT")


def test_a_massacre_merged_with_a_raid_takes_the_raids_weapon(model: Language) -> None:
    text = (
        "At least 30 civilians including nine children were killed in Marbela on Monday, medics said. "
        "Freedonian jets struck Marbela on Monday, witnesses said."
    )
    jets = actor(text, "a1", "armed_group", "Freedonian jets")
    (event,) = run(model, text, [jets], [located(text, "p1", "Marbela", "XX", "Marbela")])
    assert event.mode == "aerial" and len(event.mentions) == 2
