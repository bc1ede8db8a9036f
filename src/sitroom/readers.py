"""Readers for files, folders, HTML and JSON Lines / CSV corpora.

Every reader yields :class:`Document` or :class:`ReadError`; a bad file or row never stops the rest.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator, Mapping
from datetime import date
from pathlib import Path

import trafilatura

from sitroom.decoding import MAX_DOCUMENT_BYTES, DecodeError, decode_bytes
from sitroom.documents import Document, ReadError
from sitroom.metadata import find_date, read_text_metadata

Item = Document | ReadError

CORPUS_SUFFIXES = {".jsonl", ".ndjson", ".csv"}
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


def make_document(
    doc_id: str,
    text: str,
    source: str,
    fields: Mapping[str, object] | None = None,
    warnings: tuple[str, ...] = (),
) -> Document:
    """A Document whose missing title, date and outlet are read from the text itself."""
    fields = fields or {}
    found = read_text_metadata(text)
    return Document(
        id=doc_id,
        text=text,
        title=_optional_text(fields.get("title")) or found.title,
        date=normalise_date(fields.get("date")) or found.date,
        outlet=_optional_text(fields.get("outlet")) or found.byline,
        language=_optional_text(fields.get("language")) or "en",
        source=source,
        warnings=warnings,
    )


def read_text_file(path: Path) -> Item:
    """A plain-text or HTML file as one document (its size is checked before it is read)."""
    try:
        size = path.stat().st_size
        if size > MAX_DOCUMENT_BYTES:
            return ReadError(str(path), f"document too large: {size:,} bytes (limit {MAX_DOCUMENT_BYTES:,})")
        decoded = decode_bytes(path.read_bytes())
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


def _corpus_row(row: Mapping[str, object], source: str, default_id: str) -> Item:
    text = row.get("text")
    if not isinstance(text, str):
        return ReadError(source, "row has no 'text' string")
    if not text.strip():
        return ReadError(source, "empty text")
    doc_id = _optional_text(row.get("id")) or default_id
    return make_document(doc_id, text, source, row)


def read_jsonl(path: Path) -> Iterator[Item]:
    """One document per JSON line; a broken line is an error naming file and line."""
    try:
        handle = path.open("rb")
    except OSError as error:
        yield ReadError(str(path), str(error))
        return
    with handle:
        for number, raw in enumerate(handle, start=1):
            source = f"{path}:{number}"
            if not raw.strip():
                continue
            try:
                row = json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError) as error:
                yield ReadError(source, f"malformed JSON line: {error}")
                continue
            if not isinstance(row, dict):
                yield ReadError(source, "JSON line is not an object")
                continue
            yield _corpus_row(row, source, f"{path.stem}-{number}")


def read_csv(path: Path) -> Iterator[Item]:
    """One document per CSV row with a ``text`` column."""
    try:
        decoded = decode_bytes(path.read_bytes(), max_bytes=2**40)
    except (DecodeError, OSError) as error:
        yield ReadError(str(path), str(error))
        return
    csv.field_size_limit(2**31 - 1)
    reader = csv.DictReader(io.StringIO(decoded.text, newline=""))
    if not reader.fieldnames or "text" not in reader.fieldnames:
        yield ReadError(str(path), "CSV has no 'text' column")
        return
    for number, row in enumerate(reader, start=2):
        yield _corpus_row(row, f"{path}:{number}", f"{path.stem}-{number}")


def _iter_folder(folder: Path) -> Iterator[Path]:
    for path in sorted(folder.rglob("*")):
        hidden = any(part.startswith(".") for part in path.relative_to(folder).parts)
        if path.is_file() and not hidden:
            yield path


def _read_one(path: Path) -> Iterator[Item]:
    suffix = path.suffix.lower()
    if suffix in {".jsonl", ".ndjson"}:
        yield from read_jsonl(path)
    elif suffix == ".csv":
        yield from read_csv(path)
    else:
        yield read_text_file(path)


def _unique_ids(items: Iterator[Item]) -> Iterator[Item]:
    seen: dict[str, int] = {}
    for item in items:
        if isinstance(item, Document) and item.id in seen:
            seen[item.id] += 1
            new_id = f"{item.id}~{seen[item.id]}"
            warning = f"duplicate id {item.id!r}: renamed {new_id!r}"
            item = Document(**{**item.__dict__, "id": new_id, "warnings": (*item.warnings, warning)})
        elif isinstance(item, Document):
            seen[item.id] = 1
        yield item


def read_documents(path: Path) -> Iterator[Item]:
    """Every document under ``path``: a file, a folder of files, or a JSONL/CSV corpus."""
    if not path.exists():
        yield ReadError(str(path), "no such file or folder")
        return
    files = _iter_folder(path) if path.is_dir() else iter([path])
    yield from _unique_ids(item for file in files for item in _read_one(file))
