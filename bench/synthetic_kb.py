"""A synthetic knowledge base of any size, from the analysed FA-KES corpus replicated.

    nice .venv/bin/python bench/synthetic_kb.py --db .data/kb-1m.sqlite --documents 200000
    nice .venv/bin/python bench/synthetic_kb.py --db postgresql+psycopg://.../db --documents 200000

FA-KES (Abu Salem et al., ICWSM 2019, CC BY 4.0) is analysed once by the full pipeline (the records are
kept in ``--records``, by default ``.data/fakes-records.jsonl``). Copy ``k`` of each analysed document gets
the id ``ID#k``, its text with a line naming the copy appended (offsets stay valid, the content hash
differs), every date (documents', events', agreements' and their stages') moved ``13 k`` days later
(copies of one report are never corroborated as one event) and every place moved by one of
``PLACE_SHIFTS`` offsets (a pool of places about 20 times FA-KES's, as years of reporting on one region
would have). Actors stay the same: the same parties recur.
Records go through the knowledge base's own writer (linking, corroboration, full-text indexes) in
batches; a stopped run resumes (stored copies are skipped by content hash). Storing time per document
is printed as the base grows. The writer stores about 10 documents a second into PostgreSQL here: for a
large PostgreSQL base, build a SQLite one and copy it (``bench/copy_to_postgres.py``).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from itertools import islice
from pathlib import Path

from sitroom.documents import Document
from sitroom.readers import read_jsonl
from sitroom.record import Agreement, Record
from sitroom.store.database import open_engine
from sitroom.store.writer import known_hashes, store_documents
from sitroom.versions import current_version

ROOT = Path(__file__).resolve().parents[1]
FAKES = ROOT.parent / "shared" / "corpus" / "fakes" / "articles.jsonl"
RECORDS = ROOT / ".data" / "fakes-records.jsonl"
DAYS_PER_COPY = 13
PLACE_SHIFTS = 20  # copies k and k + PLACE_SHIFTS share places
Pair = tuple[Document, Record]


def analysed_fakes(path: Path) -> list[Pair]:
    """FA-KES documents with their records, analysed once and cached in ``path``."""
    if not path.exists():
        from sitroom.pipeline import analyze, build_pipeline

        documents = {item.id: item for item in read_jsonl(FAKES) if isinstance(item, Document)}
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8") as out:
            for result in analyze(build_pipeline(), list(documents.values())):
                if isinstance(result, Record):
                    document = documents[result.id]
                    fields = {"id": document.id, "text": document.text, "source": document.source}
                    out.write(json.dumps({"document": fields, "record": result.model_dump(mode="json")}) + "\n")
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        data = json.loads(line)
        record = Record.model_validate(data["record"])
        fields = data["document"]
        text, source = fields["text"], fields["source"]
        document = Document(fields["id"], text, record.title, record.date, record.outlet, "en", source)
        pairs.append((document, record))
    return pairs


def shift_date(text: str | None, days: int) -> str | None:
    """An ISO date of any precision moved by ``days``, at the same precision."""
    if not text:
        return text
    parts = text.split("-")
    try:
        moved = date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
        moved += timedelta(days=days)
    except (ValueError, OverflowError):
        return text
    return moved.isoformat()[: len(text)] if len(parts) > 1 else str(moved.year)


def place_shift(copy: int) -> tuple[float, float]:
    """The offset, in degrees, of copy ``copy``'s places: a grid of 5 by 4 points 0.15° apart, none for copy 0."""
    slot = copy % PLACE_SHIFTS
    return (slot // 4) * 0.15, (slot % 4) * 0.15


def replicate(pair: Pair, copy: int) -> Pair:
    """Copy ``copy`` of an analysed document: new id and text, dates and places moved."""
    document, record = pair
    days = copy * DAYS_PER_COPY
    dlat, dlon = place_shift(copy)
    text = f"{document.text}\n[synthetic copy {copy}]"
    new_id = f"{document.id}#{copy}"
    places = [
        place.model_copy(update={"lat": place.lat + dlat, "lon": place.lon + dlon, "geonames_id": None})
        if place.lat is not None and place.lon is not None and copy % PLACE_SHIFTS
        else place
        for place in record.places
    ]
    events = [event.model_copy(update={"date": shift_date(event.date, days)}) for event in record.events]
    agreements = [moved_agreement(item, days) for item in record.agreements]
    moved = record.model_copy(
        update={
            "id": new_id,
            "date": shift_date(record.date, days),
            "places": places,
            "events": events,
            "agreements": agreements,
        }
    )
    return replace(document, id=new_id, text=text, date=moved.date), moved


def moved_agreement(agreement: Agreement, days: int) -> Agreement:
    """``agreement`` with every date it gives moved by ``days``: agreed, started, ended and each stage's."""
    statuses = [status.model_copy(update={"date": shift_date(status.date, days)}) for status in agreement.statuses]
    dates = {name: shift_date(getattr(agreement, name), days) for name in ("date", "start_date", "end_date")}
    return agreement.model_copy(update={**dates, "statuses": statuses})


def copies(pairs: list[Pair], documents: int, agreements_from: int | None = None) -> Iterator[Pair]:
    """The first ``documents`` copies; from document ``agreements_from`` on, without their agreements."""
    for number in range(documents):
        copy, index = divmod(number, len(pairs))
        document, record = replicate(pairs[index], copy)
        if agreements_from is not None and number >= agreements_from:
            record = record.model_copy(update={"agreements": []})
        yield document, record


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--db", required=True, help="SQLite file or database URL")
    parser.add_argument("--documents", type=int, default=200_000)
    parser.add_argument("--records", type=Path, default=RECORDS, help="cache of the analysed FA-KES records")
    parser.add_argument("--batch", type=int, default=200, help="documents per transaction")
    parser.add_argument(
        "--agreements-until",
        type=int,
        help="store the copies from this document on without their agreements (the events list, map, timeline "
        "and network read none; linking agreements is most of the storing time in a large base)",
    )
    args = parser.parse_args()
    pairs = analysed_fakes(args.records)
    engine = open_engine(args.db)
    version = current_version()
    generated = copies(pairs, args.documents, args.agreements_until)
    done, started = 0, time.perf_counter()
    while batch := list(islice(generated, args.batch)):
        stored = known_hashes(engine, (document.content_hash for document, _ in batch))
        fresh = [pair for pair in batch if pair[0].content_hash not in stored]
        began = time.perf_counter()
        store_documents(engine, fresh, version)
        done += len(batch)
        if fresh:
            per_document = (time.perf_counter() - began) * 1000 / len(fresh)
            print(f"{done} documents, storing {per_document:.1f} ms/document", file=sys.stderr, flush=True)
    print(f"{done} documents in {time.perf_counter() - started:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
