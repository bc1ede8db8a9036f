"""A small cache for large, read-mostly responses, invalidated whenever the knowledge base changes."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sitroom.store.schema import DocumentRow, EventClusterRow

Version = tuple[int, int, int, int]


def knowledge_version(session: Session) -> Version:
    """Changes whenever a document is stored or events are linked (cheap: two aggregate queries)."""
    documents = session.execute(select(func.count(), func.coalesce(func.max(DocumentRow.id), 0))).one()
    clusters = session.execute(select(func.count(), func.coalesce(func.sum(EventClusterRow.report_count), 0))).one()
    return int(documents[0]), int(documents[1]), int(clusters[0]), int(clusters[1])


class ResponseCache:
    """The last ``size`` bodies by key, each valid only for the knowledge-base version it was built at."""

    def __init__(self, size: int = 32) -> None:
        self._size = size
        self._entries: OrderedDict[Hashable, tuple[Version, str]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, version: Version, build: Callable[[], str]) -> str:
        """The cached body for ``key`` at ``version``, building (and keeping) it when missing or stale."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None and entry[0] == version:
                self._entries.move_to_end(key)
                return entry[1]
        body = build()
        with self._lock:
            self._entries[key] = (version, body)
            self._entries.move_to_end(key)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)
        return body
