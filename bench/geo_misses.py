"""Gold toponyms the places layer misses on one half of a geoparsing corpus, with their context and what the
layer produced there, grouped by a rough class, for studying errors (half A only: half B is held out).

    .venv/bin/python bench/geo_misses.py ../shared/eval/geo/lgl.xml [--half A] [--limit N] [--out misses.tsv]

Each miss is printed as: gold name, gold feature code, the class guessed from its form (demonym, a country or
admin1 the gazetteer knows exactly, a name the gazetteer knows, unknown), the system places overlapping the
sentence, and the words around it. Spurious system mentions (matching no gold toponym) are listed after.
"""

from __future__ import annotations

import argparse
import csv
from collections import Counter
from pathlib import Path

from spacy.tokens import Doc

from sitroom.evaluation.corpora.geo import (
    GeoArticle,
    GoldToponym,
    _matches,
    _pipeline,
    article_half,
    read_geo_corpus,
)
from sitroom.knowledge.gazetteer import get_gazetteer
from sitroom.knowledge.registry import load_registry

CONTEXT = 70


def _demonyms() -> set[str]:
    words: set[str] = set()
    for entry in load_registry().entries.values():
        words.update(d.casefold() for d in entry.demonyms)
    return words


def miss_class(name: str, demonyms: set[str]) -> str:
    """A rough class of a missed gold name, from its form and the gazetteer."""
    folded = name.casefold()
    if folded in demonyms or folded.rstrip("s") in demonyms:
        return "demonym"
    entries = get_gazetteer().lookup(name)
    if any(e.exact and e.feature in ("country", "admin1") for e in entries):
        return "country/admin1 known"
    if entries:
        return "name known"
    return "unknown to gazetteer"


def _context(article: GeoArticle, toponym: GoldToponym) -> str:
    text = article.text
    left, right = max(0, toponym.start - CONTEXT), min(len(text), toponym.end + CONTEXT)
    snippet = text[left : toponym.start] + "[[" + text[toponym.start : toponym.end] + "]]" + text[toponym.end : right]
    return " ".join(snippet.split())


def _miss_row(
    article: GeoArticle, toponym: GoldToponym, doc: Doc, mentions: list[tuple[int, int]], demonyms: set[str]
) -> list[str]:
    """kind, document, gold name, gold feature code, class, model entities over it, system mentions in its
    sentence, context."""
    name = article.text[toponym.start : toponym.end]
    sentence = next((s for s in doc.sents if s.start_char <= toponym.start < s.end_char), None)
    near = [article.text[s:e] for s, e in mentions if sentence and sentence.start_char <= s < sentence.end_char]
    ents = [f"{e.text}/{e.label_}" for e in doc.ents if e.start_char < toponym.end and toponym.start < e.end_char]
    kind = miss_class(name, demonyms)
    return [
        "miss",
        article.id,
        name,
        toponym.feature_code or "",
        kind,
        " ".join(ents),
        "; ".join(near),
        _context(article, toponym),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--half", default="A", choices=["A", "B"])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--out", type=Path, default=None, help="write every miss and spurious mention as TSV")
    args = parser.parse_args()
    articles = [a for a in read_geo_corpus(args.corpus) if article_half(a) == args.half][: args.limit]
    nlp = _pipeline("context")
    demonyms = _demonyms()
    rows: list[list[str]] = []
    classes: Counter[str] = Counter()
    for article, doc in zip(articles, nlp.pipe(a.text for a in articles), strict=True):
        mentions = [(m.start, m.end, place) for place in doc._.places for m in [*place.mentions, *place.actor_mentions]]
        found = {index for index, _ in _matches(article.toponyms, mentions)}
        for index, toponym in enumerate(article.toponyms):
            if index not in found:
                row = _miss_row(article, toponym, doc, [(s, e) for s, e, _ in mentions], demonyms)
                classes[row[4]] += 1
                rows.append(row)
        for start, end, place in mentions:
            if not any(start < t.end and t.start < end for t in article.toponyms):
                context = _context(article, GoldToponym(start, end, None, None))
                rows.append(["spurious", article.id, article.text[start:end], place.feature or "", "", "", "", context])
    print(f"{len(articles)} articles; misses by class: {dict(classes.most_common())}")
    for row in rows:
        print("\t".join(row))
    if args.out:
        with args.out.open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle, delimiter="\t").writerows(rows)


if __name__ == "__main__":
    main()
