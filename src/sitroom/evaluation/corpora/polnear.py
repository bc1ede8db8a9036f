"""Attribution relations scored on PolNeAR (Newell, Margolin & Ruths, LREC 2018): brat standoff gold of
source, cue and content spans in US political news (``text/<article>.txt``, ``attributions/<article>_<annotator>.ann``).

**Gold.** One ``.ann`` file per article: the only one, or the first annotator's alphabetically where several
annotated the article. An ``E`` line is one attribution; its ``Content`` and ``Content2`` fragments together
are its content; ``Attribution-no-source`` has no source. PolNeAR annotates only the outermost attribution
(its guidelines' "no nested attributions"), so a system attribution nested inside another's content
(``parent`` set) is left out of the scoring, and the system's source is its attribution's own source, the
first hop after the outlet.

**Halves.** The articles are ordered by the SHA-256 hex digest of their name (the file name without
``.txt``); the first half of that order (the lower digests) is the *studied* half, on which errors may be
read, the rest the *held-out* half, which is only scored.

**Characters.** Spans are compared by their non-whitespace characters.

**Content.** A system attribution and a gold one may pair when the system content covers at least half of
the gold content's characters. Pairs are made one to one, greedily, the largest covered share of the gold
content first (ties: the larger share of the system content). Precision is the share of system
attributions paired, recall the share of gold attributions paired. The *mutual* variant also requires the
gold content to cover at least half of the system content, which punishes over-long contents.

**Cue.** Among the pairs, the share whose system cue shares a character with the gold cue.

**Source.** A gold source is a *pronoun* when it is one pronoun token (personal or relative: "he", "who"),
*named* when one of its tokens is a proper noun (tagged NNP/NNPS by the model), else *nominal* ("officials",
"the campaign"). A system source is right when it shares a character with the gold source. Accuracy is over
the pairs whose gold has a source of that type; the *end to end* rate is over every gold attribution with a
named source (unpaired ones count as wrong). A pronoun source is *resolved* when the system resolves it to an
actor one of whose mentions lies in a named gold source of the same article (PolNeAR gives no coreference:
this checks that the antecedent is a named source the annotators marked, not that it is the right one).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from rich.table import Table
from spacy.language import Language
from spacy.tokens import Doc

from sitroom.evaluation.counts import Ratio
from sitroom.record import Actor, Attribution

SourceClass = Literal["named", "nominal", "pronoun"]
Range = tuple[int, int]
PRONOUNS = frozenset({"i", "me", "we", "us", "you", "he", "him", "she", "her", "it", "they", "them", "one"})
PRONOUN_TAGS = frozenset({"PRP", "WP", "WDT"})
MIN_COVERED = 0.5
_BRAT_ID = re.compile(r"^[TE#]\d+\t")


@dataclass(frozen=True)
class GoldAttribution:
    """One annotated attribution: character ranges of its source, cue and content fragments."""

    id: str
    source: tuple[Range, ...]
    cue: tuple[Range, ...]
    content: tuple[Range, ...]


@dataclass(frozen=True)
class Article:
    """One PolNeAR article: its name, text, publisher and gold attributions."""

    name: str
    text: str
    publisher: str | None
    gold: tuple[GoldAttribution, ...]


@dataclass(frozen=True)
class SystemAttribution:
    """One system attribution as scored: content, cue and source ranges, and the source's resolved actor's
    mention ranges."""

    content: tuple[Range, ...]
    cue: tuple[Range, ...]
    source: tuple[Range, ...] = ()
    actor_mentions: tuple[Range, ...] = ()


@dataclass
class ContentScore:
    """Paired counts of system and gold contents."""

    system: int = 0
    gold: int = 0
    paired: int = 0

    @property
    def precision(self) -> float:
        return self.paired / self.system if self.system else 0.0

    @property
    def recall(self) -> float:
        return self.paired / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "system": self.system,
            "gold": self.gold,
            "paired": self.paired,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


RATE_NAMES = {
    "cue": "cue accuracy",
    "named": "named-source accuracy",
    "named_end_to_end": "named source, end to end",
    "nominal": "nominal-source accuracy",
    "pronoun": "pronoun source found",
    "pronoun_resolved": "pronoun resolved to a gold-named source",
}


@dataclass
class PolnearReport:
    """Scores of one set of articles."""

    name: str
    articles: int = 0
    content: ContentScore = field(default_factory=ContentScore)
    mutual: ContentScore = field(default_factory=ContentScore)
    rates: dict[str, Ratio] = field(default_factory=lambda: {key: Ratio() for key in RATE_NAMES})

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "articles": self.articles,
            "content": self.content.to_dict(),
            "content_mutual": self.mutual.to_dict(),
            **{key: rate.to_dict() for key, rate in self.rates.items()},
        }


def reports_table(reports: Sequence[PolnearReport]) -> Table:
    """One column per report: content P/R/F1 (both variants), cue and source rates."""
    table = Table(title="PolNeAR attribution scores")
    table.add_column("measure")
    for report in reports:
        table.add_column(f"{report.name} ({report.articles} articles)", justify="right")

    def row(label: str, values: Iterable[str]) -> None:
        table.add_row(label, *values)

    row("gold / system attributions", (f"{r.content.gold} / {r.content.system}" for r in reports))
    for label, attribute in (("content", "content"), ("content, mutual", "mutual")):
        scores = [getattr(r, attribute) for r in reports]
        row(f"{label} P / R / F1", (f"{s.precision:.3f} / {s.recall:.3f} / {s.f1:.3f}" for s in scores))
    for key, label in RATE_NAMES.items():
        rates = [r.rates[key] for r in reports]
        row(label, (f"{rate.rate:.3f} ({rate.hits}/{rate.total})" if rate.rate is not None else "-" for rate in rates))
    return table


# reading


def parse_ranges(field_text: str) -> tuple[Range, ...]:
    """``"315 448;463 553"`` → ((315, 448), (463, 553))."""
    ranges = []
    for fragment in field_text.split(";"):
        start, end = fragment.split()
        ranges.append((int(start), int(end)))
    return tuple(ranges)


def parse_ann(content: str) -> tuple[GoldAttribution, ...]:
    """The attributions of one brat standoff file (lines not starting with an id continue the previous one)."""
    spans: dict[str, tuple[str, tuple[Range, ...]]] = {}
    events: list[tuple[str, str]] = []
    for line in content.splitlines():
        if not _BRAT_ID.match(line):
            continue
        identifier, body = line.split("\t", 2)[:2]
        if identifier.startswith("T"):
            label, _, ranges = body.partition(" ")
            spans[identifier] = (label, parse_ranges(ranges))
        elif identifier.startswith("E"):
            events.append((identifier, body))
    attributions = []
    for identifier, body in events:
        roles: dict[str, list[Range]] = {"Source": [], "Cue": [], "Content": []}
        for argument in body.split()[1:]:
            role, _, span_id = argument.partition(":")
            role = "Content" if role.startswith("Content") else role
            if role in roles and span_id in spans:
                roles[role].extend(spans[span_id][1])
        attributions.append(
            GoldAttribution(identifier, tuple(roles["Source"]), tuple(roles["Cue"]), tuple(sorted(roles["Content"])))
        )
    return tuple(attributions)


def read_text(path: Path) -> str:
    """A file's text exactly as stored: offsets index it (no newline translation)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read()


def read_publishers(directory: Path) -> dict[str, str]:
    """Article name → publisher, from metadata.tsv when present."""
    path = directory / "metadata.tsv"
    if not path.exists():
        return {}
    rows = [line.split("\t") for line in read_text(path).splitlines() if line.strip()]
    if not rows or "filename" not in rows[0] or "publisher" not in rows[0]:
        return {}
    name_at, publisher_at = rows[0].index("filename"), rows[0].index("publisher")
    return {row[name_at]: row[publisher_at] for row in rows[1:] if len(row) > max(name_at, publisher_at)}


def read_corpus(directory: Path) -> list[Article]:
    """Every article of a PolNeAR folder with its primary annotation file, in name order."""
    text_dir, ann_dir = directory / "text", directory / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise ValueError(f"{directory} is not a PolNeAR folder: it needs text/ and attributions/")
    publishers = read_publishers(directory)
    articles = []
    for path in sorted(text_dir.glob("*.txt")):
        annotations = sorted(ann_dir.glob(f"{glob_escape(path.stem)}_*.ann"))
        if not annotations:
            continue
        gold = parse_ann(read_text(annotations[0]))
        articles.append(Article(path.stem, read_text(path), publishers.get(path.stem), gold))
    if not articles:
        raise ValueError(f"{directory} holds no annotated article")
    return articles


def glob_escape(name: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", name)


def split_halves(articles: Sequence[Article]) -> tuple[list[Article], list[Article]]:
    """(studied, held out): the lower and upper halves of the articles ordered by SHA-256 of their name."""
    ordered = sorted(articles, key=lambda article: hashlib.sha256(article.name.encode("utf-8")).hexdigest())
    middle = (len(ordered) + 1) // 2
    return ordered[:middle], ordered[middle:]


# scoring


def characters(text: str, ranges: Iterable[Range]) -> set[int]:
    """Offsets of the non-whitespace characters of the ranges."""
    return {i for start, end in ranges for i in range(start, end) if not text[i].isspace()}


def pair(text: str, system: Sequence[SystemAttribution], gold: Sequence[GoldAttribution]) -> list[tuple[int, int]]:
    """One-to-one pairs (system index, gold index) whose system content covers half the gold content or more."""
    system_chars = [characters(text, item.content) for item in system]
    gold_chars = [characters(text, item.content) for item in gold]
    candidates = []
    for s, s_chars in enumerate(system_chars):
        for g, g_chars in enumerate(gold_chars):
            common = len(s_chars & g_chars)
            if g_chars and common >= MIN_COVERED * len(g_chars):
                candidates.append((-common / len(g_chars), -common / max(1, len(s_chars)), s, g))
    taken_system: set[int] = set()
    taken_gold: set[int] = set()
    pairs = []
    for _, _, s, g in sorted(candidates):
        if s not in taken_system and g not in taken_gold:
            taken_system.add(s)
            taken_gold.add(g)
            pairs.append((s, g))
    return pairs


def mutual(text: str, system: SystemAttribution, gold: GoldAttribution) -> bool:
    s_chars, g_chars = characters(text, system.content), characters(text, gold.content)
    return len(s_chars & g_chars) >= MIN_COVERED * max(1, len(s_chars))


def source_class(doc: Doc, source: Sequence[Range]) -> SourceClass | None:
    """How a gold source names its speaker, from the model's tags of its tokens."""
    tokens = [t for start, end in source for t in doc.char_span(start, end, alignment_mode="expand") or ()]
    if not tokens:
        return None
    if len(tokens) == 1 and (tokens[0].lower_ in PRONOUNS or tokens[0].tag_ in PRONOUN_TAGS):
        return "pronoun"
    return "named" if any(t.tag_ in ("NNP", "NNPS") for t in tokens) else "nominal"


def shares_a_character(text: str, first: Iterable[Range], second: Iterable[Range]) -> bool:
    return bool(characters(text, first) & characters(text, second))


def score_article(
    doc: Doc, system: Sequence[SystemAttribution], gold: Sequence[GoldAttribution], report: PolnearReport
) -> None:
    """Add one article's counts to the report."""
    text = doc.text
    pairs = pair(text, system, gold)
    report.articles += 1
    for score in (report.content, report.mutual):
        score.system += len(system)
        score.gold += len(gold)
    report.content.paired += len(pairs)
    report.mutual.paired += sum(mutual(text, system[s], gold[g]) for s, g in pairs)
    named_sources = [r for item in gold if source_class(doc, item.source) == "named" for r in item.source]
    paired_gold = {g: s for s, g in pairs}
    for g, item in enumerate(gold):
        kind = source_class(doc, item.source)
        found = g in paired_gold and shares_a_character(text, system[paired_gold[g]].source, item.source)
        if kind == "named":
            report.rates["named_end_to_end"].add(found)
        if g not in paired_gold:
            continue
        candidate = system[paired_gold[g]]
        report.rates["cue"].add(shares_a_character(text, candidate.cue, item.cue))
        if kind is not None:
            report.rates[kind].add(found)
        if kind == "pronoun":
            report.rates["pronoun_resolved"].add(shares_a_character(text, candidate.actor_mentions, named_sources))


def system_attributions(attributions: Iterable[Attribution], actors: Iterable[Actor]) -> list[SystemAttribution]:
    """The outermost attributions of a record (those with no parent), as scored."""
    mentions = {actor.id: tuple((m.start, m.end) for m in actor.mentions) for actor in actors}
    result = []
    for item in attributions:
        if item.parent is not None:
            continue
        hop = item.chain[-1] if item.chain else None
        result.append(
            SystemAttribution(
                content=tuple((span.start, span.end) for span in item.content),
                cue=((item.cue.start, item.cue.end),),
                source=((item.source.start, item.source.end),) if item.source else (),
                actor_mentions=mentions.get(hop.actor, ()) if hop and hop.actor else (),
            )
        )
    return result


def default_pipeline() -> Language:
    """sitroom's pipeline up to the attribution layer (the later layers do not change attributions)."""
    from sitroom.pipeline import build_pipeline

    nlp = build_pipeline()
    for name in ("sitroom_events", "sitroom_agreements", "sitroom_framing"):
        if name in nlp.pipe_names:
            nlp.remove_pipe(name)
    return nlp


def run_articles(nlp: Language, articles: Sequence[Article]) -> list[Doc]:
    """The processed Doc of every article, in order."""
    from sitroom.readers import make_document

    docs = []
    for article in articles:
        fields = {"outlet": article.publisher} if article.publisher else {}
        document = make_document(article.name, article.text, article.name, fields)
        doc = nlp.make_doc(article.text)
        doc._.document = document
        docs.append(doc)
    return list(nlp.pipe(docs, batch_size=8))


def score_half(name: str, articles: Sequence[Article], docs: Sequence[Doc]) -> PolnearReport:
    report = PolnearReport(name)
    for article, doc in zip(articles, docs, strict=True):
        system = system_attributions(doc._.attributions or [], doc._.actors or [])
        score_article(doc, system, article.gold, report)
    return report


def evaluate_polnear(directory: Path, nlp: Language | None = None) -> list[PolnearReport]:
    """Scores of the held-out half, the studied half and the whole folder."""
    studied, held_out = split_halves(read_corpus(directory))
    nlp = nlp or default_pipeline()
    reports = []
    docs = {}
    for name, articles in (("held-out half", held_out), ("studied half", studied)):
        processed = run_articles(nlp, articles)
        docs.update({article.name: doc for article, doc in zip(articles, processed, strict=True)})
        reports.append(score_half(name, articles, processed))
    everything = [*held_out, *studied]
    reports.append(score_half("all", everything, [docs[article.name] for article in everything]))
    return reports
