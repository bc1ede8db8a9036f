"""Analysis of posted text for the API: in worker processes, limited in size, concurrency and time.

The server's request loop never runs the NLP pipeline: a pool of worker processes (pebble) does, each
building the pipeline once. A request is refused at once when the text is too long (413) or when every
worker is busy and the waiting line is full (429); one that takes longer than the time limit is stopped,
its worker process killed and replaced, and answered 503. Reads are served meanwhile as usual: they
never wait for an analysis, and the analysis does not hold the server's interpreter lock.
"""

from __future__ import annotations

import asyncio
import multiprocessing
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from pebble import ProcessExpired, ProcessPool
from spacy.language import Language

from sitroom.documents import Document
from sitroom.record import Record

Fields = dict[str, str | None]
# How long a worker process may take to start and build its pipeline (not counted in the time limit).
WORKER_START_SECONDS = 120.0
Analyse = Callable[[Fields], tuple[Document, Record]]


@dataclass(frozen=True)
class AnalysisLimits:
    """How much analysis the server does for its clients."""

    max_chars: int = 100_000  # longer texts: 413
    workers: int = 1  # worker processes, each with its own pipeline
    waiting: int = 2  # requests that may wait for a worker; more: 429
    seconds: float = 30.0  # one analysis in a worker; longer: stopped, 503


class AnalysisRefused(Exception):
    """A request the analysis service will not (or could not) answer; ``status`` is the HTTP status."""

    def __init__(self, status: int, message: str, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


_PIPELINE: list[Language] = []


def _build_worker_pipeline() -> None:
    from sitroom.pipeline import build_pipeline

    _PIPELINE.append(build_pipeline())


def analyse_fields(fields: Fields) -> tuple[Document, Record]:
    """Run in a worker process: the document the API describes and its record."""
    from sitroom.pipeline import analyze_one
    from sitroom.readers import make_document

    if not _PIPELINE:
        _build_worker_pipeline()
    document = make_document(fields["id"] or "pasted", fields["text"] or "", "api:analyze", fields)
    return document, analyze_one(_PIPELINE[0], document)


class AnalysisService:
    """Schedules analyses on worker processes within :class:`AnalysisLimits`.

    ``analyse`` and ``processes=False`` are for tests: any callable, run on threads (whose time limit
    answers 503 but cannot stop the work).
    """

    def __init__(
        self, limits: AnalysisLimits | None = None, analyse: Analyse = analyse_fields, *, processes: bool = True
    ) -> None:
        self.limits = limits or AnalysisLimits()
        self._analyse = analyse
        self._processes = processes
        self._executor: Executor | ProcessPool | None = None
        self._in_flight = 0

    def start(self) -> None:
        """Start the workers now (they build their pipelines while the server starts answering)."""
        if self._executor is not None:
            return
        if self._processes:
            self._executor = ProcessPool(
                max_workers=self.limits.workers,
                initializer=_build_worker_pipeline if self._analyse is analyse_fields else None,
                context=multiprocessing.get_context("spawn"),
            )
        else:
            self._executor = ThreadPoolExecutor(max_workers=self.limits.workers)

    def close(self) -> None:
        """Stop the workers, abandoning analyses still running."""
        if isinstance(self._executor, ProcessPool):
            self._executor.stop()  # type: ignore[no-untyped-call]
            self._executor.join()
        elif self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
        self._executor = None

    def _submit(self, fields: Fields) -> Future[tuple[Document, Record]]:
        self.start()
        if isinstance(self._executor, ProcessPool):
            future: Future[Any] = self._executor.schedule(self._analyse, args=(fields,), timeout=self.limits.seconds)
            return future
        assert self._executor is not None
        return self._executor.submit(self._analyse, fields)

    async def analyse(self, fields: Fields) -> tuple[Document, Record]:
        """The document and record for ``fields``, or :class:`AnalysisRefused` (413, 429 or 503)."""
        text = fields.get("text") or ""
        if len(text) > self.limits.max_chars:
            raise AnalysisRefused(
                413, f"text too long to analyse here: {len(text):,} characters (limit {self.limits.max_chars:,})"
            )
        if self._in_flight >= self.limits.workers + self.limits.waiting:
            raise AnalysisRefused(429, "every analysis worker is busy: try again shortly", retry_after=5)
        self._in_flight += 1
        try:
            try:
                future = self._submit(fields)
            except RuntimeError as error:  # the pool could not start its workers (pebble: "not active")
                raise AnalysisRefused(503, f"analysis is unavailable: {error}", retry_after=30) from error
            return await self._answer(future)
        finally:
            self._in_flight -= 1

    def _deadline(self) -> float:
        """How long a request may wait for its answer. Worker processes enforce the time limit on the
        analysis itself (pebble stops it), so a request may also wait for the analyses ahead of it and
        for a worker that is still starting; threads (tests) cannot be stopped, so the limit is all."""
        if not self._processes:
            return self.limits.seconds
        ahead = -(-self.limits.waiting // self.limits.workers)  # ceiling: analyses queued before this one
        return (ahead + 1) * self.limits.seconds + WORKER_START_SECONDS

    async def _answer(self, future: Future[tuple[Document, Record]]) -> tuple[Document, Record]:
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), self._deadline())
        except TimeoutError as error:  # asyncio's and pebble's (a worker killed at the limit) alike
            future.cancel()
            raise AnalysisRefused(
                503, f"analysis took longer than {self.limits.seconds:g} s and was stopped", retry_after=30
            ) from error
        except ProcessExpired as error:
            raise AnalysisRefused(503, "the analysis worker stopped unexpectedly: try again", retry_after=30) from error
        except RuntimeError as error:  # the pipeline failed on this text (pipeline.analyze_one)
            raise AnalysisRefused(422, f"the text could not be analysed: {error}") from error
