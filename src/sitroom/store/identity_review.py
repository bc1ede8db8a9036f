"""Identities an analyst can review: spelling variants across documents merged, every merge on record.

Cross-document identities are keyed by a normalised name (``identities.actor_key``), so "Hafez al-Assad" and
"Hafiz al-Asad" start as two identities. Each new unregistered identity gets a match key (the consonant
skeletons of its name, ``sitroom.names.blocking_key``); identities sharing one are compared in full
(``same_full_name`` for persons, ``same_organisation`` otherwise: never a short form, never two registered
entries) and a link is proposed. Proposed and accepted links merge: every identity of a linked group points
``merged_into`` its representative (a registered identity if the group has one, else the first). An analyst
accepts or rejects a link (``decide``); the decision is kept by identity key, so it is honoured by every later
ingest and can be exported and imported as JSON Lines.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, delete, or_, select, update
from sqlalchemy.orm import Session

from sitroom.names import NameKind, blocking_key, same_full_name, same_organisation
from sitroom.store.schema import ActorIdentityRow, ActorRow, IdentityDecisionRow, IdentityLinkRow
from sitroom.store.statements import insert_ignoring_conflicts

MERGING = frozenset({"proposed", "accepted"})
VERDICTS = {"same": "accepted", "different": "rejected"}
MAX_KEY = 300


def name_kind(kind: str) -> NameKind:
    """How an actor kind's names are compared."""
    return "person" if kind == "person" else "group"


def match_key(name: str, kind: str) -> str:
    """The match key of an identity: its name kind and the consonant skeletons of its distinctive words."""
    return f"{name_kind(kind)[0]}:{blocking_key(name, name_kind(kind))}"[:MAX_KEY]


def same_identity(name: str, other: str, kind: str) -> bool:
    """Two identity names are spellings of one name (never one a short form of the other)."""
    return same_full_name(name, other) if name_kind(kind) == "person" else same_organisation(name, other)


def reconcile(session: Session, identity_ids: Iterable[int]) -> None:
    """Give new identities their match key, propose links to the identities they are spellings of, and
    re-merge the groups that changed."""
    wanted = sorted(set(identity_ids))
    fresh = list(
        session.execute(
            select(ActorIdentityRow.id, ActorIdentityRow.key, ActorIdentityRow.name, ActorIdentityRow.kind).where(
                ActorIdentityRow.id.in_(wanted), ActorIdentityRow.match_key.is_(None)
            )
        )
    )
    touched: set[int] = set()
    for identity_id, key, name, kind in fresh:
        mkey = match_key(name, kind)
        session.execute(update(ActorIdentityRow).where(ActorIdentityRow.id == identity_id).values(match_key=mkey))
        for other_id, other_key, other_name in session.execute(
            select(ActorIdentityRow.id, ActorIdentityRow.key, ActorIdentityRow.name).where(
                ActorIdentityRow.match_key == mkey, ActorIdentityRow.id != identity_id
            )
        ):
            if key.startswith("id:") and other_key.startswith("id:"):
                continue  # two registry entries are two actors: the registry decides
            if same_identity(name, other_name, kind):
                _propose(session, identity_id, other_id, _decided(session, key, other_key))
                touched |= {identity_id, other_id}
    if touched:
        remerge(session, touched)


def _pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def _propose(session: Session, a: int, b: int, decided: str | None) -> None:
    low, high = _pair(a, b)
    row = {"identity_id": low, "other_id": high, "reason": "spelling", "status": decided or "proposed"}
    insert_ignoring_conflicts(session, IdentityLinkRow, [row])


def _decided(session: Session, key: str, other_key: str) -> str | None:
    """The link status an analyst's earlier decision on these two keys gives, if any."""
    low, high = sorted((key, other_key))
    verdict = session.scalar(
        select(IdentityDecisionRow.verdict).where(IdentityDecisionRow.key == low, IdentityDecisionRow.other_key == high)
    )
    return VERDICTS.get(verdict) if verdict else None


def remerge(session: Session, identity_ids: Iterable[int]) -> None:
    """Recompute ``merged_into`` for every identity linked (through merging links) to ``identity_ids``."""
    pending, seen = set(identity_ids), set()
    while pending:
        group = _group(session, pending.pop())
        seen |= group
        pending -= group
        rows = session.execute(
            select(ActorIdentityRow.id, ActorIdentityRow.key).where(ActorIdentityRow.id.in_(sorted(group)))
        ).all()
        registered = sorted(identity_id for identity_id, key in rows if key.startswith("id:"))
        representative = (registered or sorted(group))[0]
        target = None if len(group) == 1 else representative
        session.execute(
            update(ActorIdentityRow).where(ActorIdentityRow.id.in_(sorted(group))).values(merged_into=target)
        )


def _group(session: Session, start: int) -> set[int]:
    """The identities reachable from ``start`` through proposed or accepted links."""
    group, frontier = {start}, [start]
    while frontier:
        current = frontier.pop()
        for low, high in session.execute(
            select(IdentityLinkRow.identity_id, IdentityLinkRow.other_id).where(
                IdentityLinkRow.status.in_(sorted(MERGING)),
                or_(IdentityLinkRow.identity_id == current, IdentityLinkRow.other_id == current),
            )
        ):
            for neighbour in (low, high):
                if neighbour not in group:
                    group.add(neighbour)
                    frontier.append(neighbour)
    return group


def decide(session: Session, identity_id: int, other_id: int, verdict: str, by: str, note: str | None = None) -> None:
    """Record an analyst's verdict ("same" or "different") on two identities and apply it to their link."""
    if verdict not in VERDICTS:
        raise ValueError(f"verdict must be one of {', '.join(VERDICTS)}, not {verdict!r}")
    keys = dict(
        session.execute(
            select(ActorIdentityRow.id, ActorIdentityRow.key).where(ActorIdentityRow.id.in_([identity_id, other_id]))
        ).all()
    )
    if len(keys) != 2:
        raise ValueError(f"no such pair of actor identities: {identity_id}, {other_id}")
    _record_decision(session, keys[identity_id], keys[other_id], verdict, by, note)
    low, high = _pair(identity_id, other_id)
    link = session.scalar(
        select(IdentityLinkRow).where(IdentityLinkRow.identity_id == low, IdentityLinkRow.other_id == high)
    )
    if link is None:
        session.add(IdentityLinkRow(identity_id=low, other_id=high, reason="analyst", status=VERDICTS[verdict]))
    else:
        link.status = VERDICTS[verdict]
    session.flush()
    remerge(session, [identity_id, other_id])


def _record_decision(session: Session, key: str, other_key: str, verdict: str, by: str, note: str | None) -> None:
    low, high = sorted((key, other_key))
    row = session.scalar(
        select(IdentityDecisionRow).where(IdentityDecisionRow.key == low, IdentityDecisionRow.other_key == high)
    )
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    if row is None:
        session.add(
            IdentityDecisionRow(key=low, other_key=high, verdict=verdict, decided_by=by, decided_at=now, note=note)
        )
    else:
        row.verdict, row.decided_by, row.decided_at, row.note = verdict, by, now, note


@dataclass(frozen=True)
class Candidate:
    """A link to review: two identities, their names, how many documents name each, and the link's status."""

    identity_id: int
    other_id: int
    name: str
    other_name: str
    kind: str
    status: str
    reason: str
    documents: int
    other_documents: int


def candidates(session: Session, status: str | None = "proposed", limit: int = 50, offset: int = 0) -> list[Candidate]:
    """Links to review, those naming most documents first."""
    query = select(IdentityLinkRow)
    if status is not None:
        query = query.where(IdentityLinkRow.status == status)
    links = list(session.scalars(query.order_by(IdentityLinkRow.id)))
    ids = sorted({link.identity_id for link in links} | {link.other_id for link in links})
    names = {row.id: row for row in session.scalars(select(ActorIdentityRow).where(ActorIdentityRow.id.in_(ids)))}
    counts: dict[int, int] = {}
    for identity_id, _document in session.execute(
        select(ActorRow.identity_id, ActorRow.document_id).where(ActorRow.identity_id.in_(ids)).distinct()
    ):
        if identity_id is not None:
            counts[identity_id] = counts.get(identity_id, 0) + 1
    found = [
        Candidate(
            link.identity_id,
            link.other_id,
            names[link.identity_id].name,
            names[link.other_id].name,
            names[link.identity_id].kind,
            link.status,
            link.reason,
            counts.get(link.identity_id, 0),
            counts.get(link.other_id, 0),
        )
        for link in links
    ]
    found.sort(key=lambda c: (-(c.documents + c.other_documents), c.identity_id, c.other_id))
    return found[offset : offset + limit]


def export_decisions(session: Session) -> Iterator[str]:
    """Every decision as a JSON line (keys, verdict, who, when, note)."""
    for row in session.scalars(select(IdentityDecisionRow).order_by(IdentityDecisionRow.id)):
        yield json.dumps(
            {"key": row.key, "other_key": row.other_key, "verdict": row.verdict, "by": row.decided_by,
             "at": row.decided_at, "note": row.note},
            ensure_ascii=False,
        )  # fmt: skip


def import_decisions(session: Session, lines: Iterable[str]) -> int:
    """Add decisions from JSON lines (as ``export_decisions`` writes them) and apply them; returns how many."""
    count = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            key, other_key, verdict = str(raw["key"]), str(raw["other_key"]), str(raw["verdict"])
            if verdict not in VERDICTS:
                raise ValueError(f"verdict {verdict!r}")
        except (ValueError, KeyError, TypeError) as error:
            raise ValueError(f"line {number}: not an identity decision ({error})") from error
        _record_decision(session, key, other_key, verdict, str(raw.get("by") or "import"), raw.get("note"))
        _apply_by_keys(session, key, other_key, VERDICTS[verdict])
        count += 1
    return count


def _apply_by_keys(session: Session, key: str, other_key: str, status: str) -> None:
    ids = dict(
        session.execute(
            select(ActorIdentityRow.key, ActorIdentityRow.id).where(ActorIdentityRow.key.in_([key, other_key]))
        ).all()
    )
    if len(ids) != 2:
        return  # the decision waits for both identities to be ingested
    low, high = _pair(ids[key], ids[other_key])
    link = session.scalar(
        select(IdentityLinkRow).where(IdentityLinkRow.identity_id == low, IdentityLinkRow.other_id == high)
    )
    if link is None:
        session.add(IdentityLinkRow(identity_id=low, other_id=high, reason="analyst", status=status))
    else:
        link.status = status
    session.flush()
    remerge(session, [low, high])


def merged_group(session: Session, identity_id: int) -> list[int]:
    """The identities merged with ``identity_id`` (itself included)."""
    representative = session.scalar(select(ActorIdentityRow.merged_into).where(ActorIdentityRow.id == identity_id))
    if representative is None:
        return [identity_id]
    return sorted(session.scalars(select(ActorIdentityRow.id).where(ActorIdentityRow.merged_into == representative)))


def forget_links(session: Session, identities: Select[Any]) -> set[int]:
    """Delete the links of the identities ``identities`` selects (before they are deleted); returns the ids of
    the identities they were linked to, whose groups must be merged again."""
    links = (IdentityLinkRow.identity_id.in_(identities)) | (IdentityLinkRow.other_id.in_(identities))
    ends = session.execute(select(IdentityLinkRow.identity_id, IdentityLinkRow.other_id).where(links)).all()
    session.execute(delete(IdentityLinkRow).where(links))
    return {identity for pair in ends for identity in pair}
