"""How the agreements layer's time grows with document length (it should grow linearly).

    .venv/bin/python bench/agreements_scaling.py                 # 20k, 80k, 320k characters
    .venv/bin/python bench/agreements_scaling.py --sizes 300000

Documents are FA-KES articles (Abu Salem et al., ICWSM 2019, CC BY 4.0) joined by blank lines until they
reach each size. The layers before the agreements layer run untimed; then the agreements component alone
is timed on the same Doc. Prints one line per size: characters, sentences, agreements, seconds.
"""

from __future__ import annotations

import argparse
import time
from itertools import cycle
from pathlib import Path

from spacy.tokens import Doc

from sitroom import pipeline
from sitroom.documents import Document
from sitroom.readers import read_jsonl

ROOT = Path(__file__).resolve().parents[1]
FAKES = ROOT.parent / "shared" / "corpus" / "fakes" / "articles.jsonl"
LAYER = "sitroom_agreements"


def long_text(size: int) -> str:
    """FA-KES article texts joined by blank lines up to ``size`` characters."""
    articles = [item.text for item in read_jsonl(FAKES) if isinstance(item, Document)]
    parts: list[str] = []
    length = 0
    for text in cycle(articles):
        if length >= size:
            break
        parts.append(text)
        length += len(text) + 2
    return "\n\n".join(parts)[:size]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[20_000, 80_000, 320_000])
    args = parser.parse_args()
    nlp = pipeline.build_pipeline()
    nlp.max_length = max(nlp.max_length, *args.sizes)
    before = [(name, component) for name, component in nlp.pipeline if name != LAYER]
    before = before[: [name for name, _ in nlp.pipeline].index(LAYER)]
    layer = nlp.get_pipe(LAYER)
    for size in args.sizes:
        text = long_text(size)
        doc: Doc = nlp.make_doc(text)
        doc._.document = Document(id=f"long-{size}", text=text, date="2016-09-20")
        for _name, component in before:
            doc = component(doc)
        started = time.perf_counter()
        doc = layer(doc)
        seconds = time.perf_counter() - started
        sentences = sum(1 for _ in doc.sents)
        print(
            f"{len(text):>9,} chars  {sentences:>6,} sentences  {len(doc._.agreements):>4} agreements  {seconds:7.2f} s"
        )


if __name__ == "__main__":
    main()
