"""Framing layer: lexicon validation and merging, spans and targets on hand-made sentences, profiles."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import get_args

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

import sitroom.components.framing  # noqa: F401  (registers the factory)
from sitroom.components.framing import Candidate, keep_longest
from sitroom.framing_profile import UNKNOWN_OUTLET, UNTARGETED, framing_profile, normalise_label
from sitroom.knowledge.framing_lexicon import LexiconError, load_lexicon, noun_forms, verb_forms
from sitroom.record import Actor, Framing, Record, Span, Technique
from sitroom.settings import DEFAULT_MODEL

Analyse = Callable[..., Doc]


@pytest.fixture(scope="module")
def nlp(framing_nlp: Language) -> Language:
    return framing_nlp


def actor(actor_id: str, text: str, *mentions: str) -> Actor:
    """An actor whose mentions are every occurrence of the given strings in ``text``."""
    spans = [
        Span(text=mention, start=found.start(), end=found.end())
        for mention in mentions
        for found in re.finditer(re.escape(mention), text)
    ]
    return Actor(id=actor_id, name=actor_id.title(), kind="person", mentions=spans)


@pytest.fixture(scope="module")
def analyse(nlp: Language) -> Analyse:
    """Run the pipeline with ``actors`` (id → mention strings) set before the framing component."""

    def run(text: str, actors: dict[str, tuple[str, ...]] | None = None) -> Doc:
        doc = nlp.make_doc(text)
        for _, component in nlp.pipeline[:-1]:
            doc = component(doc)
        if actors is not None:
            doc._.actors = [actor(actor_id, text, *mentions) for actor_id, mentions in actors.items()]
        framing = nlp.get_pipe("sitroom_framing")
        result: Doc = framing(doc)
        return result

    return run


def find(doc: Doc, technique: str) -> list[Framing]:
    return [item for item in doc._.framing if item.technique == technique]


# ---------------------------------------------------------------- lexicon


def test_builtin_lexicon_is_valid_and_covers_label_techniques() -> None:
    lexicon = load_lexicon()
    labels = [entry.label for entry in lexicon.entries]
    assert len(labels) == len(set(labels))
    assert {entry.technique for entry in lexicon.entries} <= set(get_args(Technique))
    assert "thugs" in lexicon.entry("thug").terms
    assert "apostates" in lexicon.entry("takfir-labels").terms
    assert all(entry.terms or entry.patterns for entry in lexicon.entries)


def test_inflections() -> None:
    assert {"militia", "militias"} <= noun_forms("militia")
    assert "henchmen" in noun_forms("henchman")
    assert "atrocities" in noun_forms("atrocity")
    assert {"slammed", "slamming", "slams"} <= verb_forms("slam")
    assert {"terrorized", "terrorizing"} <= verb_forms("terrorize")


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_extension_adds_replaces_and_disables(tmp_path: Path) -> None:
    extra = write(
        tmp_path / "extra.yaml",
        "version: 1\nentries:\n"
        "  - {label: scoundrels, technique: 'Name_Calling,Labeling', terms: [scoundrel], inflect: noun}\n"
        "  - {label: thug, technique: Loaded_Language, terms: [hoodlum]}\n"
        "  - {label: regime, disabled: true}\n",
    )
    lexicon = load_lexicon([extra])
    assert "scoundrels" in lexicon.entry("scoundrels").terms
    assert lexicon.entry("thug").terms == ("hoodlum",)
    assert lexicon.entry("thug").technique == "Loaded_Language"
    with pytest.raises(KeyError):
        lexicon.entry("regime")


@pytest.mark.parametrize(
    "body",
    [
        "entries:\n  - {label: x, technique: Propaganda, terms: [a]}\n",
        "entries:\n  - {label: x, technique: Doubt}\n",
        "entries:\n  - {label: x, technique: Doubt, terms: [a], colour: red}\n",
        "entries:\n  - {label: x, technique: Doubt, terms: [a]}\n  - {label: x, technique: Doubt, terms: [b]}\n",
        "entries:\n  - {label: x, technique: Doubt, patterns: [[{NOT_AN_ATTRIBUTE: a}]]}\n",
        "entries:\n  - {label: x, technique: Doubt, terms: [a], span: paragraph}\n",
        "entries:\n  - {label: x, technique: Doubt, terms: [a], literal_when: [weapon]}\n",
        "entries:\n  - {label: x, technique: Doubt, terms: [a], literal_when: [artifact], literal_senses: all}\n",
    ],
)
def test_invalid_extensions_are_rejected(tmp_path: Path, body: str) -> None:
    with pytest.raises(LexiconError):
        load_lexicon([write(tmp_path / "bad.yaml", body)])


def test_extension_through_component_config(tmp_path: Path) -> None:
    extra = write(
        tmp_path / "extra.yaml",
        "entries:\n  - {label: scoundrels, technique: 'Name_Calling,Labeling', terms: [scoundrel], inflect: noun}\n",
    )
    pipeline = spacy.load(DEFAULT_MODEL, exclude=["ner"])
    pipeline.add_pipe("sitroom_framing", config={"extra_lexicon_paths": [str(extra)]})
    doc = pipeline("Those scoundrels again.")
    assert [(item.text, item.technique) for item in doc._.framing] == [("scoundrels", "Name_Calling,Labeling")]


# ---------------------------------------------------------------- spans and targets


def test_possessive_label_prefixed_to_a_name(analyse: Analyse) -> None:
    text = "Later a Putin's thug Lavrov said that the policy had changed."
    doc = analyse(text, {"LAVROV": ("Lavrov",), "PUTIN": ("Putin",)})
    [label] = find(doc, "Name_Calling,Labeling")
    assert (label.text, label.target) == ("Putin's thug Lavrov", "LAVROV")


def test_apposition_gives_the_target(analyse: Analyse) -> None:
    text = "The ringleader of the foreign ministry, Lavrov, said that talks failed."
    doc = analyse(text, {"LAVROV": ("Lavrov",)})
    labels = find(doc, "Name_Calling,Labeling")
    assert [(item.text, item.target) for item in labels] == [("ringleader", "LAVROV")]


def test_label_that_is_the_actor_mention(analyse: Analyse) -> None:
    text = "The US has started supplying the Shiite regime in Baghdad with missiles."
    doc = analyse(text, {"IRQ_GOV": ("the Shiite regime in Baghdad",), "US": ("US",)})
    [label] = find(doc, "Name_Calling,Labeling")
    assert (label.text, label.target) == ("the Shiite regime", "IRQ_GOV")


def test_regime_prefers_the_government_over_the_person(analyse: Analyse) -> None:
    text = "Washington wants to save the Assad regime from defeat."
    as_person = find(analyse(text, {"ASSAD": ("Assad",)}), "Name_Calling,Labeling")
    as_government = find(
        analyse(text, {"ASSAD": ("Assad",), "SYR_GOV": ("the Assad regime",)}), "Name_Calling,Labeling"
    )
    assert [(item.text, item.target) for item in as_person] == [("the Assad regime", "ASSAD")]
    assert [item.target for item in as_government] == ["SYR_GOV"]


def test_scare_quotes_around_a_name_are_doubt(analyse: Analyse) -> None:
    text = 'The portal is close to intelligence agencies of "Israel", it claims.'
    doc = analyse(text, {"ISR": ("Israel",)})
    [doubt] = find(doc, "Doubt")
    assert (doubt.text, doubt.target) == ('"Israel"', "ISR")


def test_without_actors_targets_are_none_and_offsets_hold(analyse: Analyse) -> None:
    text = "The barbaric terrorists slaughtered villagers, and the regime's thugs cheered the massacre."
    doc = analyse(text)
    assert doc._.framing
    assert all(item.target is None for item in doc._.framing)
    assert all(text[item.start : item.end] == item.text for item in doc._.framing)
    assert {"Name_Calling,Labeling", "Loaded_Language"} <= {item.technique for item in doc._.framing}


def test_honorific_outside_and_inside_a_group_name(analyse: Analyse) -> None:
    free = analyse("The Mujahideen advanced on the airfield.")
    named = analyse("Fighters of Jaish al-Mujahideen advanced on the airfield.")
    assert [item.text for item in find(free, "Loaded_Language")] == ["Mujahideen"]
    assert find(named, "Loaded_Language") == []


def test_neutral_sentence_has_no_framing(analyse: Analyse) -> None:
    doc = analyse("The delegations met in Geneva on Tuesday and agreed to meet again next month.")
    assert doc._.framing == []


def test_repeated_loaded_phrase_is_repetition(analyse: Analyse) -> None:
    text = "It was a barbaric act. Nobody forgets such a barbaric act."
    doc = analyse(text)
    repeated = find(doc, "Repetition")
    assert len(repeated) == 1
    assert repeated[0].start > text.index(".")


def test_honorifics_used_as_names_are_not_repetition(analyse: Analyse) -> None:
    doc = analyse("The Mujahideen advanced. Later the Mujahideen withdrew.")
    assert len(find(doc, "Loaded_Language")) == 2
    assert find(doc, "Repetition") == []


def test_cue_techniques(analyse: Analyse) -> None:
    doc = analyse("You are either with us or against us. Death to America! It was the worst massacre in history.")
    techniques = {item.technique for item in doc._.framing}
    assert {"Black-and-White_Fallacy", "Slogans", "Exaggeration,Minimisation"} <= techniques


# ---------------------------------------------------------------- outlet profile


def framing(text: str, target: str | None) -> Framing:
    return Framing(text=text, start=0, end=len(text), technique="Name_Calling,Labeling", target=target)


def test_normalise_label_strips_target_name_article_and_quotes() -> None:
    lavrov = Actor(id="L", name="Sergey Lavrov", kind="person", mentions=[Span(text="Lavrov", start=0, end=6)])
    israel = Actor(id="I", name="Israel", kind="state", mentions=[Span(text="Israel", start=0, end=6)])
    assert normalise_label(framing("Putin's thug Lavrov", "L"), lavrov) == "putin's thug"
    assert normalise_label(framing("the Russian  thug Lavrov", "L"), lavrov) == "russian thug"
    assert normalise_label(framing('"Israel"', "I"), israel) == "israel"
    assert normalise_label(framing("The Shiite regime", None), None) == "shiite regime"


def test_framing_profile_counts_labels_per_outlet_and_actor() -> None:
    lavrov = Actor(id="a1", name="Sergey Lavrov", kind="person", mentions=[Span(text="Lavrov", start=0, end=6)])
    first = Record(
        id="d1",
        outlet="Outlet A",
        actors=[lavrov],
        framing=[framing("Putin's thug Lavrov", "a1"), framing("ringleader", "a1"), framing("thug Lavrov", "a1")],
    )
    second = Record(id="d2", outlet="Outlet A", actors=[lavrov], framing=[framing("thug", "a1")])
    third = Record(id="d3", framing=[framing("terrorists", None)])
    profile = framing_profile([first, second, third])
    assert profile["Outlet A"] == {"Sergey Lavrov": {"putin's thug": 1, "ringleader": 1, "thug": 2}}
    assert profile[UNKNOWN_OUTLET] == {UNTARGETED: {"terrorists": 1}}
    assert framing_profile([]) == {}


def test_keep_longest_drops_only_overlaps_of_the_same_technique() -> None:
    loaded = next(entry for entry in load_lexicon().entries if entry.technique == "Loaded_Language")
    repeated = replace(loaded, technique="Repetition")
    candidates = [
        Candidate(2, 4, 2, loaded),  # inside the longer loaded candidate: dropped
        Candidate(0, 6, 0, loaded),
        Candidate(5, 9, 5, loaded),  # overlaps the longest at token 5: dropped
        Candidate(6, 8, 6, loaded),  # right after it: kept
        Candidate(3, 5, 3, repeated),  # another technique: kept
        Candidate(10, 11, 10, loaded),
    ]
    kept = keep_longest(candidates)
    assert [(c.start, c.end, c.entry.technique) for c in kept] == [
        (0, 6, "Loaded_Language"),
        (3, 5, "Repetition"),
        (6, 8, "Loaded_Language"),
        (10, 11, "Loaded_Language"),
    ]
