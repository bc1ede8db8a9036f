"""Print corroborated events (clusters of two or more reports) of a knowledge base for review by hand.

    python scripts/cluster_review.py kb.sqlite [--sample 50] [--seed 18]

Each cluster is printed with its signature, date range and place, then each report: document, outlet,
document and event dates, status, mode, actors as written and the evidence sentence. The reviewer marks
a cluster correct when every report tells the same real-world event (docs/corroboration.md).
"""

from __future__ import annotations

import argparse
import random

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sitroom.store.database import open_engine
from sitroom.store.schema import DocumentRow, EventClusterRow, EventRow, PlaceIdentityRow


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("db")
    parser.add_argument("--sample", type=int, default=0, help="this many clusters at random (0: all)")
    parser.add_argument("--seed", type=int, default=18)
    arguments = parser.parse_args()
    with Session(open_engine(arguments.db, create=False)) as session:
        ids = list(session.scalars(select(EventClusterRow.id).where(EventClusterRow.report_count > 1)))
        if arguments.sample and arguments.sample < len(ids):
            ids = sorted(random.Random(arguments.seed).sample(ids, arguments.sample))
        total = session.scalar(select(func.count()).select_from(EventClusterRow))
        print(f"{len(ids)} clusters of two or more reports shown (of {total} events)")
        for cluster_id in ids:
            cluster = session.get(EventClusterRow, cluster_id)
            assert cluster is not None
            place = session.get(PlaceIdentityRow, cluster.place_identity_id) if cluster.place_identity_id else None
            where = f"{place.name} ({place.feature or 'unresolved'})" if place else "no place"
            dates = f"{cluster.date_start}..{cluster.date_end}"
            print(f"\n=== {cluster.id} {cluster.type} {cluster.mode or ''} {dates} {where}")
            reports = session.execute(
                select(EventRow, DocumentRow.doc_id, DocumentRow.outlet, DocumentRow.date)
                .join(DocumentRow, DocumentRow.id == EventRow.document_id)
                .where(EventRow.cluster_id == cluster_id)
            )
            for event, doc_id, outlet, doc_date in reports:
                print(f"  - [{doc_id}] {outlet} doc={doc_date} event={event.date} {event.status} {event.mode or ''}")
                print(f"    who={event.source_actors} whom={event.target_actors}")
                print(f"    {' '.join(event.evidence.split())[:300]}")


if __name__ == "__main__":
    main()
