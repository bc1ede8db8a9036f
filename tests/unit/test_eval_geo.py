"""Geoparsing evaluation: corpus readers, matching, scores; a small slice of the real corpora."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Console

from sitroom.evaluation.corpora.geo import (
    MAX_ERROR_KM,
    GeoReport,
    GoldToponym,
    _error_km,
    _matches,
    evaluate_geo,
    geo_table,
    read_geo_corpus,
)
from sitroom.record import Place, Span

GEO = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "geo"

LGL_SAMPLE = """<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="1">
    <text><![CDATA[Fire in Alexandria, Louisiana. Nobody knows where Foo is.]]></text>
    <toponyms count="2">
      <toponym><start>8</start><end>18</end><phrase>Alexandria</phrase>
        <gaztag geonameid="4314550"><name>Alexandria</name><lat>31.3113</lat><lon>-92.4451</lon></gaztag>
      </toponym>
      <toponym><start>50</start><end>53</end><phrase>Foo</phrase></toponym>
    </toponyms>
  </article>
</articles>
"""
GEOVIRUS_SAMPLE = """<articles>
  <article><source>x</source><text>Cases rose in Kenya.</text>
    <locations><location><name>Kenya</name><start>14</start><end>19</end><lat>1</lat><lon>38</lon>
    <page>p</page></location></locations>
  </article>
</articles>
"""


def _place(lat: float | None, lon: float | None, start: int, end: int) -> Place:
    mention = Span(text="x" * (end - start), start=start, end=end)
    return Place(id="p1", name="x", lat=lat, lon=lon, resolved=lat is not None, mentions=[mention])


def test_reads_both_corpus_formats(tmp_path: Path) -> None:
    (tmp_path / "lgl.xml").write_text(LGL_SAMPLE, encoding="utf-8")
    (tmp_path / "gv.xml").write_text(GEOVIRUS_SAMPLE, encoding="utf-8")
    lgl = read_geo_corpus(tmp_path / "lgl.xml")
    assert [(t.start, t.end, t.lat, t.lon, t.name) for t in lgl[0].toponyms] == [
        (8, 18, 31.3113, -92.4451, "Alexandria"),
        (50, 53, None, None, "Foo"),
    ]
    geovirus = read_geo_corpus(tmp_path / "gv.xml")
    assert [(t.start, t.end, t.lat, t.lon, t.name) for t in geovirus[0].toponyms] == [(14, 19, 1.0, 38.0, "Kenya")]
    assert geovirus[0].text[14:19] == "Kenya"


def test_matching_is_one_to_one_by_overlap() -> None:
    gold = [GoldToponym(0, 5, 1.0, 1.0), GoldToponym(3, 8, 1.0, 1.0), GoldToponym(20, 25, 1.0, 1.0)]
    first, second = _place(1.0, 1.0, 0, 6), _place(2.0, 2.0, 4, 9)
    pairs = _matches(gold, [(0, 6, first), (4, 9, second)])
    assert pairs == [(0, first), (1, second)]


def test_unresolved_toponyms_count_as_the_largest_error() -> None:
    gold = GoldToponym(0, 5, 10.0, 10.0)
    assert _error_km(gold, _place(None, None, 0, 5)) == MAX_ERROR_KM
    assert _error_km(gold, _place(10.0, 11.0, 0, 5)) == pytest.approx(109.5, abs=1)


def test_report_renders_as_a_table() -> None:
    report = GeoReport("lgl", "sitroom", 1, 2, 2, 1, 0.5, 0.5, 0.5, 1, 1.0, 12.0, 12.0)
    assert report.to_dict()["acc_161km"] == 1.0
    console = Console(record=True, width=120)
    console.print(geo_table([report, report]))
    assert "acc 161km" in console.export_text()


@pytest.mark.parametrize("corpus", ["GeoVirus.xml", "lgl.xml"])
def test_a_slice_of_the_real_corpora_is_geoparsed(corpus: str) -> None:
    report = evaluate_geo(GEO / corpus, limit=20)
    assert report.documents == 20
    assert report.true_positives > 0.4 * report.gold_toponyms
    assert report.precision > 0.6
    assert report.acc_161km > 0.6
    assert report.median_error_km < 161


def test_the_population_baseline_recognises_the_same_toponyms() -> None:
    context = evaluate_geo(GEO / "GeoVirus.xml", limit=20)
    baseline = evaluate_geo(GEO / "GeoVirus.xml", limit=20, baseline=True)
    assert baseline.strategy != context.strategy
    assert (baseline.true_positives, baseline.system_toponyms) == (context.true_positives, context.system_toponyms)


def test_located_mentions_only_count_no_more_than_with_actor_mentions() -> None:
    """``actor_mentions=False`` scores a place's located mentions alone ("Norway said" is not counted)."""
    both = evaluate_geo(GEO / "GeoVirus.xml", limit=20)
    located = evaluate_geo(GEO / "GeoVirus.xml", limit=20, actor_mentions=False)
    assert located.system_toponyms < both.system_toponyms
    assert located.true_positives < both.true_positives
    assert located.corpus.endswith("(located mentions)")
