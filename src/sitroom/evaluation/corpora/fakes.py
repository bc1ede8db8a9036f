"""The main incident of FA-KES articles against their crowd-sourced facts (``sitroom eval-facts``).

Every FA-KES article (Abu Salem et al., ICWSM 2019, CC BY 4.0) carries ``facts`` about the incident it reports:
governorate, perpetrator class, cause of death and civilians killed. The system's main event is the attack
(an ASSAULT that occurred or is claimed) with the most dead, else the first attack, among the attacks not
marked ``background`` (recalled as context) when there are any. Scored per article:

- governorate: the main event's place lies in the governorate (FA-KES's "damascus" includes Rif Dimashq);
- perpetrator: the main event's first source mapped to FA-KES's seven classes (``PERPETRATORS`` for named
  actors; an unnamed group by its type and name: "Kurdish fighters" are the self-administration's forces,
  "regime troops" the government's, other fighters the armed opposition, while a group named only by a label
  of condemnation, "terrorists", names no party: state media call every armed opponent so; no source is
  "unknown");
- cause: the event's mode mapped to FA-KES's causes (``CAUSES``; no mode is "unknown");
- civilian deaths: the civilians, children, women and people of unknown status the event's sentences state
  killed (the largest statement), exact or within 10%; a count not stated equals a gold 0.

The articles split by SHA-256 of their id: the dev half (first hex digit 0, 3, 6, 8, c or e) is the one to
study; the rest is reserved for independent evaluation and is only ever reported.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.table import Table
from spacy.language import Language

from sitroom.documents import Document
from sitroom.evaluation.counts import Ratio
from sitroom.names import fold, same_place
from sitroom.pipeline import analyze
from sitroom.readers import make_document
from sitroom.record import Actor, Casualty, Event, Record

DEV_DIGITS = frozenset("0368ce")
GOVERNORATES: dict[str, tuple[str, ...]] = {
    "aleppo": ("Aleppo",),
    "idlib": ("Idlib",),
    "damascus": ("Damascus", "Rif Dimashq"),
    "deir ezzor": ("Deir ez-Zor", "Dayr az Zawr"),
    "raqqa": ("Raqqa", "Ar-Raqqah"),
    "homs": ("Homs",),
    "hasakeh": ("Hasakah", "Al-Hasakah"),
    "hama": ("Hama", "Hamah"),
    "daraa": ("Daraa", "Dar'a"),
    "lattakia": ("Latakia", "Lattakia"),
    "quneitra": ("Quneitra", "Al Qunaytirah"),
    "tartus": ("Tartus",),
    "suwayda": ("Suwayda", "As-Suwayda"),
}
GOVERNMENT, ISIS, COALITION, KURDISH, OPPOSITION, NUSRA, UNKNOWN = (
    "syrian government or russian troops",
    "the organization of the islamic state in iraq and the levant - isis",
    "international coalition forces",
    "self administration forces",
    "armed opposition groups",
    "al-nusra front",
    "unknown",
)
# Registry ids (or, ending in "_", id prefixes of a state and its bodies) of each perpetrator class.
PERPETRATORS: dict[str, frozenset[str]] = {
    GOVERNMENT: frozenset({"SYR", "SYR_", "RUS", "RUS_", "IRN", "IRN_", "hezbollah", "ndf_syria", "bashar_al_assad"}),
    ISIS: frozenset({"islamic_state", "islamic_state_of_iraq"}),
    COALITION: frozenset(
        {"us_led_coalition", "USA", "USA_", "GBR", "GBR_", "FRA", "FRA_", "AUS", "AUS_", "CAN", "CAN_", "NLD_", "BEL_"}
    ),
    KURDISH: frozenset({"syrian_democratic_forces", "ypg", "pyd", "pkk"}),
    NUSRA: frozenset({"jabhat_al_nusra", "jabhat_fateh_al_sham", "hayat_tahrir_al_sham"}),
}
KURDISH_WORDS = frozenset({"kurdish", "kurd", "kurds"})
GOVERNMENT_WORDS = frozenset({"regime", "government", "army", "loyalist", "loyalists"})
CONDEMNATION_WORDS = frozenset({"terrorist", "terrorists", "takfiri", "takfiris"})
CAUSES = {
    "aerial": "shelling",
    "heavy-weapons": "shelling",
    "explosives": "explosion",
    "suicide-attack": "explosion",
    "unconventional": "chemical and toxic gases",
    "firearms": "shooting",
    "assassinate": "execution",
}
CIVILIAN_CATEGORIES = frozenset({"civilians", "children", "women", "unknown"})
MEASURES = ("governorate", "perpetrator", "cause", "civilian deaths")


def half_of(article_id: str) -> str:
    """``dev`` or ``held-out``, by the first hex digit of the id's SHA-256."""
    return "dev" if hashlib.sha256(article_id.encode()).hexdigest()[0] in DEV_DIGITS else "held-out"


@dataclass(frozen=True)
class Facts:
    """The crowd's facts about one article's incident."""

    article_id: str
    governorate: str
    perpetrator: str
    cause: str
    civilians: int


@dataclass
class FactsReport:
    """Shares of articles whose main event agrees with the facts, by half."""

    ratios: dict[tuple[str, str], Ratio] = field(default_factory=dict)
    failed: list[str] = field(default_factory=list)  # articles whose analysis failed: misses on every measure

    def add(self, half: str, measure: str, hit: bool) -> None:
        self.ratios.setdefault((half, measure), Ratio()).add(hit)

    def to_table(self) -> Table:
        table = Table(title="FA-KES main incident against the crowd's facts")
        for column in ("half", "measure", "rate", "hits", "articles"):
            table.add_column(column, justify="left" if column in {"half", "measure"} else "right")
        for (half, measure), ratio in sorted(
            self.ratios.items(), key=lambda item: (item[0][0], MEASURES.index(item[0][1]))
        ):
            rate = "-" if ratio.rate is None else f"{ratio.rate:.3f}"
            table.add_row(half, measure, rate, str(ratio.hits), str(ratio.total))
        if self.failed:
            table.caption = f"{len(self.failed)} article(s) failed to analyse, counted as misses: {self.failed[:5]}"
        return table

    def to_dict(self) -> dict[str, Any]:
        scores: dict[str, Any] = {
            f"{half}/{measure}": ratio.to_dict() for (half, measure), ratio in sorted(self.ratios.items())
        }
        return {**scores, "failed": self.failed}


def read_articles(path: Path) -> Iterator[tuple[Document, Facts]]:
    """FA-KES articles (id, title, text, outlet, date, facts) as documents with their facts."""
    seen: dict[str, int] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        raw = json.loads(line)
        facts = raw.get("facts") or {}
        article_id = str(raw["id"])
        seen[article_id] = seen.get(article_id, 0) + 1
        unique_id = article_id if seen[article_id] == 1 else f"{article_id}~{seen[article_id]}"
        fields = {key: raw.get(key) for key in ("title", "date", "outlet")}
        document = make_document(unique_id, raw["text"], str(path), fields)
        yield (
            document,
            Facts(
                article_id,
                str(facts.get("location", "")).strip().lower(),
                str(facts.get("actor", UNKNOWN)).strip().lower(),
                str(facts.get("cause_of_death", UNKNOWN)).strip().lower(),
                _number(facts.get("civilians")),
            ),
        )


def _number(value: object) -> int:
    try:
        return int(str(value).strip())
    except ValueError:
        return 0


def main_event(record: Record) -> Event | None:
    """The attack with the most dead, else the first attack (the first of equals), among the attacks the
    report tells as news when it has any (not those it recalls as background)."""
    attacks = [e for e in record.events if e.type == "ASSAULT" and e.status in {"occurred", "claimed"}]
    news = [event for event in attacks if not event.background]
    return max(news or attacks, key=_dead, default=None)


def _dead(event: Event) -> int:
    return event.acled.fatalities or 0 if event.acled is not None else 0


def governorate_of(event: Event, record: Record) -> str | None:
    """The FA-KES governorate key of the event's place."""
    place = next((p for p in record.places if p.id == event.place), None)
    if place is None or place.country not in {"SY", None}:
        return None
    name = place.admin1 or (place.name if place.feature == "admin1" else None)
    if name is None:
        return None
    return next((key for key, names in GOVERNORATES.items() if any(same_place(name, n) for n in names)), None)


def perpetrator_of(event: Event, record: Record) -> str:
    """The FA-KES class of the event's first source that has one."""
    actors = {actor.id: actor for actor in record.actors}
    for actor_id in event.source:
        found = _actor_class(actors[actor_id]) if actor_id in actors else None
        if found is not None:
            return found
    return UNKNOWN


def _actor_class(actor: Actor) -> str | None:
    words = set(fold(actor.name).split())
    if actor.collective is not None and words & CONDEMNATION_WORDS:
        return None  # "terrorists": a label every side gives its armed enemies, naming no party
    if actor.collective is not None and words & KURDISH_WORDS:
        return KURDISH  # "Kurdish fighters": in Syria, the self-administration's forces
    if actor.collective == "security_forces" or (actor.collective is not None and words & GOVERNMENT_WORDS):
        return GOVERNMENT
    if actor.collective == "fighters":
        return OPPOSITION
    code = actor.canonical_id or ""
    for perpetrator, ids in PERPETRATORS.items():
        if code in ids or any(prefix.endswith("_") and code.startswith(prefix) for prefix in ids):
            return perpetrator
    return OPPOSITION if actor.kind == "armed_group" else None


def civilian_deaths(event: Event) -> int:
    """The largest number of civilians (and people of unknown status) one sentence states killed."""
    best = 0
    for sentence in event.mentions or [event.evidence]:
        stated = [c for c in event.casualties if sentence.start <= c.evidence.start < sentence.end]
        best = max(best, _civilians(stated))
    return best


def _civilians(casualties: Iterable[Casualty]) -> int:
    killed = [c for c in casualties if c.outcome == "killed" and c.category in CIVILIAN_CATEGORIES]
    whole = sum(c.count for c in killed if not c.included)
    return max(whole, sum(c.count for c in killed if c.included))


def within_tenth(system: int, gold: int) -> bool:
    return abs(system - gold) <= 0.1 * gold


def score_article(report: FactsReport, half: str, facts: Facts, record: Record) -> None:
    """Add one article's four judgements to ``report``."""
    event = main_event(record)
    report.add(half, "governorate", event is not None and governorate_of(event, record) == facts.governorate)
    report.add(half, "perpetrator", (perpetrator_of(event, record) if event else UNKNOWN) == facts.perpetrator)
    mode = event.mode if event is not None else None
    report.add(half, "cause", CAUSES.get(mode or "", UNKNOWN) == facts.cause)
    report.add(half, "civilian deaths", within_tenth(civilian_deaths(event) if event else 0, facts.civilians))


def evaluate_facts(path: Path, nlp: Language, half: str | None = None) -> FactsReport:
    """Score the main incident of every article (of one half when given: ``dev`` or ``held-out``)."""
    articles = [(doc, facts) for doc, facts in read_articles(path) if half is None or half_of(facts.article_id) == half]
    facts_by_id = {doc.id: facts for doc, facts in articles}
    report = FactsReport()
    for record in analyze(nlp, [doc for doc, _ in articles]):
        if isinstance(record, Record) and record.id in facts_by_id:
            score_article(report, half_of(record.id.split("~")[0]), facts_by_id[record.id], record)
        elif not isinstance(record, Record):  # never scored over fewer articles without saying so
            report.failed.append(record.id)
            for measure in MEASURES:
                report.add(half or half_of(record.id.split("~")[0]), measure, False)
    return report
