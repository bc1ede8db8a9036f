"""Valence lexicon and the valence-driven framing rules on hand-made sentences."""

from __future__ import annotations

import pytest
from spacy.language import Language

import sitroom.components.framing  # noqa: F401  (registers the factory)
from sitroom.knowledge.valence import DESCRIPTIVE, charge, load_valence, parse_valence
from tests.helpers import framing_texts as labels


@pytest.fixture(scope="module")
def nlp(framing_nlp: Language) -> Language:
    return framing_nlp


def test_parse_valence_keeps_single_words_only() -> None:
    text = "evil\t-3.4\t0.9\t[-4]\n:)\t2.0\t0.5\t[2]\nwell-off\t1.0\t0.1\t[1]\n"
    assert parse_valence(text) == {"evil": -3.4, "well-off": 1.0}


def test_charge_is_absolute_and_ignores_descriptive_words() -> None:
    valence = {"evil": -3.4, "dead": -3.3}
    assert charge("evil", valence) == pytest.approx(3.4)
    assert "dead" in DESCRIPTIVE and charge("dead", valence) == 0.0
    assert charge("unknown", valence) == 0.0


def test_the_shipped_vader_lexicon_rates_loaded_words_strongly() -> None:
    valence = load_valence()
    assert len(valence) > 5000
    assert valence["horrible"] < -2.0
    assert valence["wonderful"] > 2.0
    assert "table" not in valence


def test_person_noun_with_an_evaluative_adjective_is_a_label(nlp: Language) -> None:
    found = labels(nlp, "He said these depraved politicians had lied to voters.", "Name_Calling,Labeling")
    assert found == ["these depraved politicians"]
    assert labels(nlp, "He said the new politicians had met voters.", "Name_Calling,Labeling") == []


def test_adjective_standing_for_people_is_a_label(nlp: Language) -> None:
    assert "the wicked" in labels(nlp, "God will punish the wicked on that day.", "Name_Calling,Labeling")
    assert "the wicked" not in labels(nlp, "God will punish the wicked men on that day.", "Name_Calling,Labeling")


def test_bare_regime_is_not_a_label_but_a_leaders_regime_is(nlp: Language) -> None:
    assert labels(nlp, "The sanctions regime was extended in May.", "Name_Calling,Labeling") == []
    assert labels(nlp, "Troops of the Assad regime shelled the town.", "Name_Calling,Labeling") == ["the Assad regime"]


def test_wordnet_person_nouns_widen_labels_to_people_only(nlp: Language) -> None:
    found = labels(nlp, "He said these depraved courtiers had lied to voters.", "Name_Calling,Labeling")
    assert found == ["these depraved courtiers"]
    assert labels(nlp, "He said these depraved images had shocked voters.", "Name_Calling,Labeling") == []
