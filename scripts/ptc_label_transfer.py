"""How far the Propaganda Techniques Corpus's labels carry from one set of articles to another.

A diagnostic for docs/evaluation.md, run at evaluation time only (nothing is written or shipped): the
texts that the gold labels of one technique cover in the first ``--limit`` articles become a word list,
which is matched (whole words, any case) in those articles and in the rest and scored span-wise like
``sitroom eval-framing``. High scores on the first set and low ones on the rest mean that the corpus's
labels depend on their article, not on the words. It also counts, inside each article, how many
occurrences of a labelled text are labelled themselves (the annotation's consistency within an article)::

    python scripts/ptc_label_transfer.py ../shared/eval/ptc --limit 185
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from sitroom.evaluation.corpora.ptc import LABELS_FILE, LabeledSpan, read_articles, read_gold, score_spans

MIN_CHARS = 3
STRIP = " \"'\u201c\u201d\u2018\u2019.,;:"


def labelled_texts(articles: dict[str, str], gold: dict[str, list[LabeledSpan]], technique: str) -> set[str]:
    """Lower-cased texts of the technique's gold spans in ``articles``, without edge quotes."""
    texts = {
        text[span.start : span.end].strip(STRIP).lower()
        for article_id, text in articles.items()
        for span in gold.get(article_id, ())
        if span.technique == technique
    }
    return {text for text in texts if len(text) > MIN_CHARS - 1}


def word_list_spans(pattern: re.Pattern[str], articles: dict[str, str], technique: str) -> dict[str, list[LabeledSpan]]:
    """Every match of the word list, as spans of the technique."""
    return {
        article_id: [LabeledSpan(technique, match.start(), match.end()) for match in pattern.finditer(text)]
        for article_id, text in articles.items()
    }


def labelled_share(articles: dict[str, str], gold: dict[str, list[LabeledSpan]], technique: str) -> float:
    """Share of the occurrences of each labelled text, in its own article, that a gold span covers."""
    occurrences = labelled = 0
    for article_id, text in articles.items():
        spans = [span for span in gold.get(article_id, ()) if span.technique == technique]
        phrases = {text[span.start : span.end] for span in spans}
        for phrase in {phrase for phrase in phrases if len(phrase.strip()) >= MIN_CHARS}:
            for match in re.finditer(re.escape(phrase), text):
                occurrences += 1
                labelled += any(span.start < match.end() and match.start() < span.end for span in spans)
    return labelled / occurrences if occurrences else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--limit", type=int, default=185, help="articles whose labels make the word list")
    parser.add_argument("--technique", default="Name_Calling,Labeling")
    args = parser.parse_args()
    if not (args.directory / LABELS_FILE).is_file():
        parser.error(f"{args.directory} has no {LABELS_FILE}: not a PTC folder")
    if args.limit < 1:
        parser.error("--limit must be at least 1")
    gold = read_gold(args.directory / LABELS_FILE)
    source = read_articles(args.directory, limit=args.limit)
    rest = read_articles(args.directory, skip=args.limit)
    texts = sorted(labelled_texts(source, gold, args.technique), key=len, reverse=True)
    if not texts:  # an empty alternation would match the empty string at every word boundary
        parser.error(f"no {args.technique} labels in the first {args.limit} articles: nothing to carry over")
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, texts)) + r")\b", re.IGNORECASE)
    print(f"{len(texts)} labelled texts of {args.technique} in the first {args.limit} articles")
    for name, articles in (("same articles", source), ("other articles", rest)):
        article_gold = {article_id: gold.get(article_id, []) for article_id in articles}
        score = score_spans(word_list_spans(pattern, articles, args.technique), article_gold)
        print(f"{name}: {score.techniques[args.technique].to_dict()}")
    share = labelled_share(read_articles(args.directory), gold, args.technique)
    print(f"occurrences of a labelled text labelled in its own article: {share:.3f}")


if __name__ == "__main__":
    main()
