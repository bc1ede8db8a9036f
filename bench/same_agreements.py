"""Do two knowledge bases hold the same agreement identities? (Bases built from the same records by two
versions of the writer: a change meant to store faster must not change which reports are one agreement.)

    .venv/bin/python bench/same_agreements.py before.sqlite after.sqlite

Each identity is compared as the set of its reports (document id, report id in the document) with its
name, kind, status, dates, report and source counts. Prints the counts and the differences; exits 1 when
the bases differ.
"""

from __future__ import annotations

import argparse
import sys

from sqlalchemy import select
from sqlalchemy.orm import Session

from sitroom.store.database import open_engine
from sitroom.store.schema import AgreementIdentityRow, AgreementRow, DocumentRow

Identity = tuple[frozenset[tuple[str, str]], tuple[object, ...]]


def identities(target: str) -> set[Identity]:
    """Every agreement identity of the base ``target``: its reports and what the base says of it."""
    reports = select(AgreementRow.identity_id, DocumentRow.doc_id, AgreementRow.local_id).join(
        DocumentRow, DocumentRow.id == AgreementRow.document_id
    )
    table = AgreementIdentityRow
    columns = (table.id, table.name, table.kind, table.status, table.date_start, table.date_end, table.report_count)
    members: dict[int, set[tuple[str, str]]] = {}
    with Session(open_engine(target)) as session:
        for identity, document, local in session.execute(reports):
            if identity is not None:
                members.setdefault(identity, set()).add((document, local))
        return {
            (frozenset(members.get(pk, set())), tuple(rest))
            for pk, *rest in session.execute(select(*columns, table.source_count))
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("first")
    parser.add_argument("second")
    args = parser.parse_args()
    first, second = identities(args.first), identities(args.second)
    print(f"{len(first)} and {len(second)} agreement identities; {len(first & second)} the same")
    for label, only in (("only in the first", first - second), ("only in the second", second - first)):
        for members, rest in sorted(only, key=str)[:20]:
            print(label, sorted(members)[:5], rest)
    sys.exit(0 if first == second else 1)


if __name__ == "__main__":
    main()
