"""Parse- and punctuation-driven label rules, headline handling and the PTC article window."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

import sitroom.components.framing  # noqa: F401  (registers the factory)
from sitroom.components.framing_valence import is_person_noun
from sitroom.evaluation.corpora.ptc import read_articles
from tests.helpers import framing_texts

NC = "Name_Calling,Labeling"


@pytest.fixture(scope="module")
def nlp(framing_nlp: Language) -> Language:
    return framing_nlp


def labels(nlp: Language, text: str) -> list[str]:
    return framing_texts(nlp, text, NC)


def test_ideological_adjective_before_a_person_noun_is_a_label(nlp: Language) -> None:
    assert labels(nlp, "The column was written by leftist journalists from the capital.") == ["leftist journalists"]
    assert labels(nlp, "Critics say the reactionary bishops want power.") == ["reactionary bishops"]


def test_ideological_adjective_before_a_thing_is_not_a_label(nlp: Language) -> None:
    assert labels(nlp, "The agency gave a conservative estimate of the damage.") == []


def test_descriptions_news_copy_uses_for_armed_groups_are_not_labels(nlp: Language) -> None:
    assert labels(nlp, "Islamist fighters and a militant group attacked the town.") == []


def test_quoted_word_after_a_verb_of_naming_is_a_label(nlp: Language) -> None:
    assert labels(nlp, "His critics called him a \u201cnomad\u201d and worse.") == ["\u201cnomad\u201d"]
    assert labels(nlp, "He was known as a \u201cprogressive\u201d among the bishops.") == ["\u201cprogressive\u201d"]


def test_quoted_word_qualifying_a_person_is_a_label(nlp: Language) -> None:
    assert labels(nlp, "Rome is now run by a \u201cleftist\u201d pope and his friends.") == ["\u201cleftist\u201d"]


def test_quoted_word_about_a_thing_is_not_a_label(nlp: Language) -> None:
    assert labels(nlp, "The report used the word \u201ccrisis\u201d twice in its summary.") == []
    assert labels(nlp, "The minister described the measure as \u201cunacceptable\u201d on Monday.") == []
    assert labels(nlp, "Putin called for a \u201ccongress\u201d of the parties.") == []
    assert labels(nlp, "The monitor put the toll lower, saying \u201cat least 128 people\u201d died.") == []


def test_title_case_headline_is_not_taken_for_a_proper_name(nlp: Language) -> None:
    assert labels(nlp, "The Dictator Pope Strikes Again\n\nThe book was published in Rome.") == ["Dictator"]
    assert labels(nlp, "The book was published in Rome.\nThe Dictator Pope Strikes Again") == []


def test_person_nouns_include_role_words_and_agent_suffixes(nlp: Language) -> None:
    doc = nlp("The stepfather met the theocrat and the table.")
    assert [is_person_noun(doc[index]) for index in (1, 4, 7)] == [True, True, False]


def test_read_articles_skips_then_limits_in_id_order(tmp_path: Path) -> None:
    folder = tmp_path / "train-articles"
    folder.mkdir()
    for article_id in ("3", "1", "2"):
        (folder / f"article{article_id}.txt").write_text(f"text {article_id}", encoding="utf-8")
    assert list(read_articles(tmp_path, skip=1)) == ["2", "3"]
    assert list(read_articles(tmp_path, limit=1, skip=1)) == ["2"]
    assert list(read_articles(tmp_path, limit=2)) == ["1", "2"]
