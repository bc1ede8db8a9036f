"""A corpus on disk as slices that a worker reads by itself, and every document of a corpus in order.

Planning reads no text beyond what ids need: a JSON Lines file is scanned for its line offsets and each
line's id (repeated ids are renamed ``~2``, ``~3``… across the whole corpus, in reading order), a text or
HTML file is named by its stem without being opened. Only CSV files, whose rows may span lines, are read
while planning. A distributed ingest sends slices, not texts, to its workers; a single process reads the
same slices in order, so both give every document the same id.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from sitroom.decoding import replace_unstorable
from sitroom.documents import Document, ReadError
from sitroom.readers import document_id, json_lines, read_csv, read_jsonl, read_text_file

Item = Document | ReadError

JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SLICE_SIZE = 64
"""Documents a slice holds when :func:`read_documents` reads a corpus in one process."""


class UniqueIds:
    """Ids made unique across a corpus: a repeated id becomes ``id~2``, ``id~3``…, never an id already taken."""

    def __init__(self) -> None:
        self._counts: dict[str, int] = {}
        self._taken: set[str] = set()

    def claim(self, doc_id: str) -> str:
        """The id the next document read with ``doc_id`` gets."""
        count = self._counts.get(doc_id, 0) + 1
        unique = doc_id if count == 1 else f"{doc_id}~{count}"
        while unique in self._taken:
            count += 1
            unique = f"{doc_id}~{count}"
        self._counts[doc_id] = count
        self._taken.add(unique)
        return unique


def _source_key(source: str) -> str:
    """A document's ``source`` as its reader stores it (see ``readers.make_document``)."""
    return replace_unstorable(source)[0]


def _with_unique_ids(items: list[Item], renamed: dict[str, str]) -> list[Item]:
    """``items`` with the documents whose source ``renamed`` names given their corpus-unique id."""
    unique: list[Item] = []
    for item in items:
        new_id = renamed.get(item.source) if isinstance(item, Document) else None
        if isinstance(item, Document) and new_id is not None:
            warning = f"duplicate id {item.id!r}: renamed {new_id!r}"
            item = replace(item, id=new_id, warnings=(*item.warnings, warning))
        unique.append(item)
    return unique


@dataclass(frozen=True)
class LineRange:
    """Non-blank lines of a JSON Lines file: each line's (number, byte offset), and the offset after the last
    (None: the end of the file)."""

    path: str
    lines: tuple[tuple[int, int], ...]
    stop: int | None
    renamed: dict[str, str] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return len(self.lines)

    @property
    def label(self) -> str:
        return f"{self.path}:{self.lines[0][0]}"

    def read(self) -> list[Item]:
        number, start = self.lines[0]
        return _with_unique_ids(list(read_jsonl(Path(self.path), start, self.stop, number)), self.renamed)

    def split(self) -> list[LineRange]:
        """One range per line."""
        stops = [offset for _, offset in self.lines[1:]] + [self.stop]
        return [LineRange(self.path, (line,), stop, self.renamed) for line, stop in zip(self.lines, stops, strict=True)]


@dataclass(frozen=True)
class FileList:
    """Plain-text and HTML files, one document each."""

    paths: tuple[str, ...]
    renamed: dict[str, str] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return len(self.paths)

    @property
    def label(self) -> str:
        return self.paths[0]

    def read(self) -> list[Item]:
        return _with_unique_ids([read_text_file(Path(path)) for path in self.paths], self.renamed)

    def split(self) -> list[FileList]:
        return [FileList((path,), self.renamed) for path in self.paths]


@dataclass(frozen=True)
class ItemBatch:
    """Documents and read errors already read (CSV rows, unreadable files and folders)."""

    items: tuple[Item, ...]

    @property
    def size(self) -> int:
        return len(self.items)

    @property
    def label(self) -> str:
        return self.items[0].source

    @property
    def only_errors(self) -> bool:
        return all(isinstance(item, ReadError) for item in self.items)

    def read(self) -> list[Item]:
        return list(self.items)

    def split(self) -> list[ItemBatch]:
        return [ItemBatch((item,)) for item in self.items]


CorpusSlice = LineRange | FileList | ItemBatch


def _iter_folder(folder: Path) -> Iterator[Path | ReadError]:
    """Every visible file under ``folder`` in path order, and an error for each folder that cannot be listed."""
    found: list[Path | ReadError] = []

    def unreadable(error: OSError) -> None:
        found.append(ReadError(str(error.filename), f"unreadable folder: {error.strerror}"))

    for root, folders, files in os.walk(folder, onerror=unreadable):
        folders[:] = [name for name in folders if not name.startswith(".")]
        for name in files:
            path = Path(root, name)
            if not name.startswith(".") and path.is_file():
                found.append(path)
    found.sort(key=lambda item: item if isinstance(item, Path) else Path(item.source))
    yield from found


class _Planner:
    """Slices of at most ``size`` documents over a corpus's files, ids made unique in reading order."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.ids = UniqueIds()
        self.files: list[Path] = []

    def plan(self, entries: Iterator[Path | ReadError]) -> Iterator[CorpusSlice]:
        for entry in entries:
            if isinstance(entry, ReadError):
                yield from self.flush_files()
                yield ItemBatch((entry,))
            elif entry.suffix.lower() in JSONL_SUFFIXES:
                yield from self.flush_files()
                yield from self.line_ranges(entry)
            elif entry.suffix.lower() == ".csv":
                yield from self.flush_files()
                yield from self.csv_batches(entry)
            else:
                self.files.append(entry)
                if len(self.files) == self.size:
                    yield from self.flush_files()
        yield from self.flush_files()

    def flush_files(self) -> Iterator[FileList]:
        if not self.files:
            return
        renamed: dict[str, str] = {}
        for path in self.files:
            self._claim(document_id(path.stem), str(path), renamed)
        yield FileList(tuple(map(str, self.files)), renamed)
        self.files = []

    def line_ranges(self, path: Path) -> Iterator[CorpusSlice]:
        lines: list[tuple[int, int]] = []
        renamed: dict[str, str] = {}
        try:
            for line in json_lines(path):
                if len(lines) == self.size:
                    yield LineRange(str(path), tuple(lines), line.offset, renamed)
                    lines, renamed = [], {}
                lines.append((line.number, line.offset))
                found = line.document_id()
                if found is not None:
                    self._claim(found, line.source, renamed)
        except OSError as error:
            yield ItemBatch((ReadError(str(path), str(error)),))
            return
        if lines:
            yield LineRange(str(path), tuple(lines), None, renamed)

    def csv_batches(self, path: Path) -> Iterator[ItemBatch]:
        batch: list[Item] = []
        for item in read_csv(path):
            if isinstance(item, Document):
                renamed: dict[str, str] = {}
                self._claim(item.id, item.source, renamed)
                item = _with_unique_ids([item], renamed)[0]
            batch.append(item)
            if len(batch) == self.size:
                yield ItemBatch(tuple(batch))
                batch = []
        if batch:
            yield ItemBatch(tuple(batch))

    def _claim(self, doc_id: str, source: str, renamed: dict[str, str]) -> None:
        unique = self.ids.claim(doc_id)
        if unique != doc_id:
            renamed[_source_key(source)] = unique


def plan_slices(path: Path, size: int) -> Iterator[CorpusSlice]:
    """Slices of at most ``size`` documents covering every document under ``path``, in reading order."""
    if not path.exists():
        yield ItemBatch((ReadError(str(path), "no such file or folder"),))
        return
    yield from _Planner(size).plan(_iter_folder(path) if path.is_dir() else iter([path]))


def read_documents(path: Path) -> Iterator[Item]:
    """Every document under ``path``: a file, a folder of files, or a JSONL/CSV corpus."""
    for corpus_slice in plan_slices(path, SLICE_SIZE):
        yield from corpus_slice.read()
