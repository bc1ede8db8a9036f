"""The PTC label-transfer diagnostic on hand-made articles."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from sitroom.evaluation.corpora.ptc import LabeledSpan
from tests.helpers import load_script

NC = "Name_Calling,Labeling"
ARTICLES = {
    "1": "The “thugs” marched. The thugs left. A thug stayed.",
    "2": "Thugs again, and the crooks of the city.",
}
GOLD = {
    "1": [LabeledSpan(NC, 4, 11), LabeledSpan(NC, 25, 30), LabeledSpan("Doubt", 0, 3)],
    "2": [LabeledSpan(NC, 21, 27)],
}


def test_labelled_texts_are_lower_cased_without_quotes_and_of_one_technique() -> None:
    transfer = load_script("ptc_label_transfer")
    assert transfer.labelled_texts(ARTICLES, GOLD, NC) == {"thugs", "crooks"}
    assert transfer.labelled_texts(ARTICLES, GOLD, "Doubt") == {"the"}


def test_word_list_spans_match_whole_words_in_any_case() -> None:
    transfer = load_script("ptc_label_transfer")
    spans = transfer.word_list_spans(re.compile(r"\bthugs\b", re.IGNORECASE), ARTICLES, NC)
    assert [(span.start, span.end) for span in spans["1"]] == [(5, 10), (25, 30)]
    assert [(span.start, span.end) for span in spans["2"]] == [(0, 5)]


def test_labelled_share_counts_every_occurrence_of_a_labelled_text_in_its_article() -> None:
    transfer = load_script("ptc_label_transfer")
    # Article 1: "“thugs”" once (labelled), "thugs" twice (both covered, one inside the quoted span);
    # article 2: "crooks" once (labelled). "Thugs" of article 2 is another article's text.
    assert transfer.labelled_share(ARTICLES, GOLD, NC) == 1.0
    second_only = {"1": [LabeledSpan(NC, 25, 30)], "2": []}
    assert transfer.labelled_share(ARTICLES, second_only, NC) == 0.5
    assert transfer.labelled_share(ARTICLES, {"1": [], "2": []}, NC) == 0.0


def test_a_folder_without_labels_or_an_empty_word_list_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    transfer = load_script("ptc_label_transfer")
    monkeypatch.setattr(sys, "argv", ["ptc_label_transfer.py", str(tmp_path)])
    with pytest.raises(SystemExit):
        transfer.main()
    assert "not a PTC folder" in capsys.readouterr().err
    (tmp_path / "train-articles").mkdir()
    (tmp_path / "train-articles" / "article1.txt").write_text("The thugs left.", encoding="utf-8")
    (tmp_path / "train-task2-TC.labels").write_text("1\tDoubt\t0\t3\n", encoding="utf-8")
    monkeypatch.setattr(sys, "argv", ["ptc_label_transfer.py", str(tmp_path), "--limit", "1"])
    with pytest.raises(SystemExit):
        transfer.main()
    assert "nothing to carry over" in capsys.readouterr().err
