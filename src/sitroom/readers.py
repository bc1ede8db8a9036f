"""Readers for plain-text and HTML files and JSON Lines / CSV corpora (folders: ``sitroom.corpus``).

Every reader yields :class:`Document` or :class:`ReadError`; a bad file or row never stops the rest.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO

import trafilatura

from sitroom.analysis_text import analysis_text
from sitroom.decoding import MAX_DOCUMENT_BYTES, DecodeError, decode_bytes, replace_unstorable
from sitroom.documents import MAX_ID_CHARS, MAX_LANGUAGE_CHARS, MAX_OUTLET_CHARS, Document, ReadError
from sitroom.metadata import find_date, read_text_metadata

Item = Document | ReadError

# A JSON line holds one document, escaped: a line longer than this is refused, not read into memory.
MAX_LINE_BYTES = 2 * MAX_DOCUMENT_BYTES
MAX_CSV_BYTES = 2 * 1024**3
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_US_DATE = re.compile(r"^(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{2}|\d{4})$")


def normalise_date(value: object) -> str | None:
    """An ISO date from a metadata field: ISO strings, ``M/D/YY`` and written dates."""
    if value is None or value == "":
        return None
    text = str(value).strip()
    try:
        return date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        pass
    us_date = _US_DATE.match(text)
    if us_date:
        year = int(us_date["y"]) + (2000 if len(us_date["y"]) == 2 else 0)
        try:
            return date(year, int(us_date["m"]), int(us_date["d"])).isoformat()
        except ValueError:
            return None
    return find_date(text)


def _optional_text(value: object) -> str | None:
    return str(value).strip() or None if value is not None else None


class _Fields:
    """Metadata made storable: no NUL or lone surrogate, no value longer than a knowledge base keeps."""

    def __init__(self, warnings: tuple[str, ...]) -> None:
        self.warnings = list(warnings)

    def storable(self, name: str, value: str) -> str:
        cleaned, replaced = replace_unstorable(value)
        if replaced:
            self.warnings.append(f"{replaced:,} NUL or lone-surrogate character(s) in the {name} replaced by U+FFFD")
        return cleaned

    def optional(self, name: str, value: object, limit: int | None = None) -> str | None:
        text = _optional_text(value)
        if text is None:
            return None
        text = self.storable(name, text)
        if limit is not None and len(text) > limit:
            self.warnings.append(f"{name} longer than {limit:,} characters: shortened")
            text = text[:limit]
        return text

    def identifier(self, value: str) -> str:
        text = self.storable("id", value)
        if len(text) <= MAX_ID_CHARS:
            return text
        self.warnings.append(f"id longer than {MAX_ID_CHARS:,} characters: shortened, with a digest of the whole")
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
        return f"{text[: MAX_ID_CHARS - 17]}~{digest}"


def document_id(value: str) -> str:
    """The id a document read with ``value`` as its id gets: storable, and shortened when too long."""
    return _Fields(()).identifier(value)


def make_document(
    doc_id: str,
    text: str,
    source: str,
    fields: Mapping[str, object] | None = None,
    warnings: tuple[str, ...] = (),
) -> Document:
    """A Document whose missing title, date and outlet are read from the text itself.

    Every field is made storable (see :class:`_Fields`), each change named in the document's warnings.
    """
    fields = fields or {}
    checked = _Fields(warnings)
    text = checked.storable("text", text)
    title = checked.optional("title", fields.get("title"))
    date = normalise_date(checked.optional("date", fields.get("date")))
    outlet = checked.optional("outlet", fields.get("outlet"), MAX_OUTLET_CHARS)
    if title is None or date is None or outlet is None:  # read from the text only what the fields lack
        found = read_text_metadata(analysis_text(text).text)
        title, date, outlet = title or found.title, date or found.date, outlet or found.byline
    return Document(
        id=checked.identifier(doc_id),
        text=text,
        title=title,
        date=date,
        outlet=outlet,
        language=checked.optional("language", fields.get("language"), MAX_LANGUAGE_CHARS) or "en",
        source=checked.storable("source", source),
        warnings=tuple(checked.warnings),
    )


def _read_capped(handle: BinaryIO, limit: int) -> bytes | None:
    """At most ``limit`` bytes from ``handle``; None when there are more (devices like /dev/zero never end)."""
    data = handle.read(limit + 1)
    return None if len(data) > limit else data


def read_text_file(path: Path) -> Item:
    """A plain-text or HTML file as one document (read up to the size limit, never further)."""
    try:
        with path.open("rb") as handle:
            data = _read_capped(handle, MAX_DOCUMENT_BYTES)
            if data is None:
                size = os.fstat(handle.fileno()).st_size
                told = f"{size:,} bytes" if size > MAX_DOCUMENT_BYTES else f"more than {MAX_DOCUMENT_BYTES:,} bytes"
                return ReadError(str(path), f"document too large: {told} (limit {MAX_DOCUMENT_BYTES:,})")
        decoded = decode_bytes(data)
    except (DecodeError, OSError) as error:
        return ReadError(str(path), str(error))
    warnings = (decoded.warning,) if decoded.warning else ()
    if path.suffix.lower() in HTML_SUFFIXES:
        return _html_document(path, decoded.text, warnings)
    return make_document(path.stem, decoded.text, str(path), warnings=warnings)


def _html_document(path: Path, html: str, warnings: tuple[str, ...]) -> Item:
    text = trafilatura.extract(html, include_comments=False, include_tables=True)
    if not text or not any(char.isalpha() for char in text):
        return ReadError(str(path), "HTML without extractable main text")
    meta = trafilatura.extract_metadata(html)
    fields: dict[str, object] = {}
    if meta is not None:
        fields = {"title": meta.title, "date": meta.date, "outlet": meta.sitename}
    return make_document(path.stem, text, str(path), fields, warnings)


def _row_problem(row: Mapping[str, object]) -> str | None:
    """Why a corpus row holds no document, or None when it holds one."""
    text = row.get("text")
    if not isinstance(text, str):
        return "row has no 'text' string"
    return None if text.strip() else "empty text"


def _corpus_row(row: Mapping[str, object], source: str, default_id: str) -> Item:
    problem = _row_problem(row)
    if problem:
        return ReadError(source, problem)
    doc_id = _optional_text(row.get("id")) or default_id
    return make_document(doc_id, str(row["text"]), source, row)


def _lines(handle: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """The lines of ``handle`` from where it stands, each with its byte offset; None for a line over ``limit``
    bytes, which is skipped without being kept."""
    while True:
        offset = handle.tell()
        raw = handle.readline(limit + 1)
        if not raw:
            return
        if len(raw) <= limit or raw.endswith(b"\n"):
            yield offset, raw
            continue
        while (rest := handle.readline(1024 * 1024)) and not rest.endswith(b"\n"):
            pass
        yield offset, None


def _json_row(raw: bytes, source: str) -> dict[str, object] | ReadError:
    try:
        row = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:  # JSONDecodeError is a ValueError
        reason = "nested too deeply" if isinstance(error, RecursionError) else str(error)
        return ReadError(source, f"malformed JSON line: {reason}")
    if not isinstance(row, dict):
        return ReadError(source, "JSON line is not an object")
    return row


@dataclass(frozen=True)
class JsonLine:
    """One line of a JSON Lines file: its number, byte offset and bytes (None when over the length limit)."""

    path: Path
    number: int
    offset: int
    raw: bytes | None

    @property
    def source(self) -> str:
        return f"{self.path}:{self.number}"

    def item(self) -> Item:
        """The document this line holds, or the error that says why it holds none."""
        if self.raw is None:
            return ReadError(self.source, f"JSON line too long (limit {MAX_LINE_BYTES:,} bytes)")
        row = _json_row(self.raw, self.source)
        return row if isinstance(row, ReadError) else _corpus_row(row, self.source, self.default_id)

    def document_id(self) -> str | None:
        """The id of the document this line holds (before ids are made unique), or None if it holds none."""
        if self.raw is None:
            return None
        row = _json_row(self.raw, self.source)
        if isinstance(row, ReadError) or _row_problem(row):
            return None
        return document_id(_optional_text(row.get("id")) or self.default_id)

    @property
    def default_id(self) -> str:
        return f"{self.path.stem}-{self.number}"


def json_lines(path: Path, start: int = 0, stop: int | None = None, first_line: int = 1) -> Iterator[JsonLine]:
    """The non-blank lines of a JSON Lines file whose offsets lie in ``[start, stop)``; ``start`` must begin
    a line, numbered ``first_line``. An unreadable file raises OSError."""
    with path.open("rb") as handle:
        handle.seek(start)
        for number, (offset, raw) in enumerate(_lines(handle, MAX_LINE_BYTES), start=first_line):
            if stop is not None and offset >= stop:
                return
            if number == 1 and raw is not None:
                raw = raw.removeprefix(codecs.BOM_UTF8)  # editors on Windows start files with one
            if raw is None or raw.strip():
                yield JsonLine(path, number, offset, raw)


def read_jsonl(path: Path, start: int = 0, stop: int | None = None, first_line: int = 1) -> Iterator[Item]:
    """One document per JSON line (of the byte range ``[start, stop)``, see :func:`json_lines`); a broken line
    is an error naming file and line."""
    try:
        for line in json_lines(path, start, stop, first_line):
            yield line.item()
    except OSError as error:
        yield ReadError(str(path), str(error))


def read_csv(path: Path) -> Iterator[Item]:
    """One document per CSV row with a ``text`` column."""
    try:
        with path.open("rb") as handle:
            data = _read_capped(handle, MAX_CSV_BYTES)
        if data is None:
            raise DecodeError(f"CSV corpus too large (limit {MAX_CSV_BYTES:,} bytes): split it")
        decoded = decode_bytes(data, max_bytes=MAX_CSV_BYTES)
    except (DecodeError, OSError) as error:
        yield ReadError(str(path), str(error))
        return
    csv.field_size_limit(2**31 - 1)
    reader = csv.DictReader(io.StringIO(decoded.text, newline=""))
    try:
        if not reader.fieldnames or "text" not in reader.fieldnames:
            yield ReadError(str(path), "CSV has no 'text' column")
            return
        for number, row in enumerate(reader, start=2):
            yield _corpus_row(row, f"{path}:{number}", f"{path.stem}-{number}")
    except csv.Error as error:
        yield ReadError(f"{path}:{reader.line_num}", f"malformed CSV: {error}")
