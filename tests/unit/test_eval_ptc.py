"""PTC span scorer: partial-overlap credit per technique, merging, micro totals and the file layout."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from sitroom.evaluation.corpora.ptc import TECHNIQUES, LabeledSpan, evaluate_ptc, merge_overlaps, read_gold, score_spans
from sitroom.layers import register_extensions
from sitroom.record import Framing, Technique

LL: Technique = "Loaded_Language"
NC: Technique = "Name_Calling,Labeling"


def test_partial_overlap_credit() -> None:
    report = score_spans({"a": [LabeledSpan(LL, 0, 10)]}, {"a": [LabeledSpan(LL, 5, 25)]})
    score = report.techniques[LL]
    assert score.precision == pytest.approx(0.5)
    assert score.recall == pytest.approx(0.25)
    assert score.f1 == pytest.approx(2 * 0.5 * 0.25 / 0.75)


def test_technique_must_agree() -> None:
    report = score_spans({"a": [LabeledSpan(NC, 0, 10)]}, {"a": [LabeledSpan(LL, 0, 10)]})
    assert report.techniques[NC].precision == 0.0
    assert report.techniques[LL].recall == 0.0
    assert (report.techniques[NC].system_count, report.techniques[LL].gold_count) == (1, 1)


def test_one_system_span_covering_two_gold_spans() -> None:
    gold = {"a": [LabeledSpan(LL, 0, 4), LabeledSpan(LL, 6, 10)]}
    report = score_spans({"a": [LabeledSpan(LL, 0, 10)]}, gold)
    assert report.techniques[LL].precision == pytest.approx(0.8)
    assert report.techniques[LL].recall == pytest.approx(1.0)


def test_overlapping_system_spans_are_merged_before_scoring() -> None:
    assert merge_overlaps([LabeledSpan(LL, 0, 6), LabeledSpan(LL, 4, 10), LabeledSpan(NC, 2, 3)]) == [
        LabeledSpan(LL, 0, 10),
        LabeledSpan(NC, 2, 3),
    ]
    duplicated = score_spans({"a": [LabeledSpan(LL, 0, 10)] * 3}, {"a": [LabeledSpan(LL, 0, 10)]})
    assert duplicated.techniques[LL].system_count == 1
    assert duplicated.techniques[LL].precision == pytest.approx(1.0)


def test_spans_are_matched_within_their_article_only() -> None:
    report = score_spans({"b": [LabeledSpan(LL, 0, 10)]}, {"a": [LabeledSpan(LL, 0, 10)], "b": []})
    assert report.techniques[LL].precision == 0.0
    assert report.techniques[LL].recall == 0.0
    assert report.articles == 2


def test_micro_totals_and_outputs() -> None:
    system = {"a": [LabeledSpan(LL, 0, 10), LabeledSpan(NC, 20, 30)]}
    gold = {"a": [LabeledSpan(LL, 0, 10), LabeledSpan(NC, 40, 50)]}
    report = score_spans(system, gold)
    assert report.micro.precision == pytest.approx(0.5)
    assert report.micro.recall == pytest.approx(0.5)
    data = report.to_dict()
    assert set(data["techniques"]) == set(TECHNIQUES)
    assert data["micro"]["system"] == 2
    assert data["span_identification"]["system"] == 2
    assert report.to_table().row_count == len(TECHNIQUES) + 2


def test_span_identification_ignores_the_technique_and_merges_across_techniques() -> None:
    system = {"a": [LabeledSpan(NC, 0, 10), LabeledSpan(LL, 5, 20)]}
    gold = {"a": [LabeledSpan(LL, 0, 10), LabeledSpan(NC, 30, 40)]}
    report = score_spans(system, gold)
    assert report.micro.precision == pytest.approx(0.5 * (0.0 + 5 / 15))  # technique by technique
    identification = report.identification
    assert identification.system_count == 1  # 0-10 and 5-20 merge into 0-20
    assert identification.precision == pytest.approx(10 / 20)
    assert identification.recall == pytest.approx(0.5)


def write_ptc(directory: Path) -> None:
    articles = directory / "train-articles"
    articles.mkdir()
    (articles / "article1.txt").write_text("Title\n\nA barbaric act.\n", encoding="utf-8")
    (articles / "article2.txt").write_text("Other\n\nNothing here.\n", encoding="utf-8")
    (directory / "train-task2-TC.labels").write_text(f"1\t{LL}\t9\t17\n2\tDoubt\t7\t14\n", encoding="utf-8")


def stub_pipeline() -> Language:
    """A blank pipeline whose component flags every word "barbaric" as loaded language."""
    register_extensions()
    nlp = spacy.blank("en")

    def flag(doc: Doc) -> Doc:
        doc._.framing = [
            Framing(text=token.text, start=token.idx, end=token.idx + len(token), technique=LL)
            for token in doc
            if token.lower_ == "barbaric"
        ]
        return doc

    Language.component("ptc_test_flagger", func=flag)
    nlp.add_pipe("ptc_test_flagger")
    return nlp


def test_evaluate_reads_the_layout_and_runs_the_pipeline(tmp_path: Path) -> None:
    write_ptc(tmp_path)
    assert read_gold(tmp_path / "train-task2-TC.labels")["2"] == [LabeledSpan("Doubt", 7, 14)]
    report = evaluate_ptc(tmp_path, nlp=stub_pipeline())
    assert report.articles == 2
    assert report.techniques[LL].precision == pytest.approx(1.0)
    assert report.techniques["Doubt"].recall == 0.0
    limited = evaluate_ptc(tmp_path, nlp=stub_pipeline(), limit=1)
    assert limited.articles == 1
    assert limited.techniques["Doubt"].gold_count == 0


def test_overlapping_gold_spans_are_merged_like_the_official_scorer() -> None:
    gold = {"a": [LabeledSpan(LL, 0, 10), LabeledSpan(LL, 5, 20)]}
    report = score_spans({"a": [LabeledSpan(LL, 0, 20)]}, gold)
    assert report.techniques[LL].gold_count == 1
    assert report.techniques[LL].recall == pytest.approx(1.0)


def test_f1_is_one_for_a_technique_absent_from_both_sides() -> None:
    report = score_spans({"a": [LabeledSpan(LL, 0, 10)]}, {"a": [LabeledSpan(LL, 0, 10)]})
    assert report.techniques["Slogans"].f1 == 1.0
    assert report.techniques[NC].system_count == report.techniques[NC].gold_count == 0
