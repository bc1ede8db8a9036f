"""Mentions of one happening in a document merged into one event."""

from __future__ import annotations

from sitroom.components.events.context import unique
from sitroom.components.events.draft import Draft


def merge_duplicates(drafts: list[Draft]) -> list[Draft]:
    """Merge events of one type and source whose targets are nested (one event told twice)."""
    merged: list[Draft] = []
    # Only drafts of one signature can be one event, and without a source only within one sentence.
    by_key: dict[tuple[str, frozenset[str], int | None], list[Draft]] = {}
    for draft in drafts:
        kind, source = draft.signature()
        candidates = by_key.setdefault((kind, source, None if source else draft.sentence.start), [])
        twin = next((kept for kept in candidates if _same_event(kept, draft)), None)
        if twin is None:
            merged.append(draft)
            candidates.append(draft)
            continue
        twin.target = unique(twin.target + draft.target)
        twin.place = twin.place or draft.place
        twin.reported_by = twin.reported_by or draft.reported_by
        if twin.status not in {"occurred", "claimed"} and draft.status in {"occurred", "claimed"}:
            twin.status = draft.status
    return merged


def _same_event(kept: Draft, new: Draft) -> bool:
    if kept.signature() != new.signature():
        return False
    if kept.sentence.start == new.sentence.start:
        return True
    factual = {"occurred", "claimed"}
    if kept.status in factual and new.status in factual and kept.target and new.target:
        return False
    first, second = set(kept.target), set(new.target)
    return bool(kept.source) and (first <= second or second <= first)
