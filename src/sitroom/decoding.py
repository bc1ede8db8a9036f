"""Turning untrusted bytes into text, or a clear reason why not."""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from charset_normalizer import CharsetMatch, from_bytes

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
_BINARY_SAMPLE = 8192
_MAX_CONTROL_SHARE = 0.02
# Western and Arabic web encodings, tried first when several decode equally cleanly.
_PREFERRED_LEGACY = ("cp1252", "latin_1", "cp1256", "iso8859_6", "cp1251")
# A byte-order mark decides the encoding (UTF-32 first: its little-endian mark begins with UTF-16's).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
REPLACEMENT = "\ufffd"
# Characters no knowledge base can store as text: NUL (PostgreSQL refuses it) and lone surrogates
# (not Unicode scalar values: UTF-8 cannot encode them). Each becomes U+FFFD, so offsets stay put.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


class DecodeError(ValueError):
    """The bytes are not a text document sitroom can read."""


@dataclass(frozen=True)
class Decoded:
    """Decoded text, the encoding used and a warning when it was not clean UTF-8."""

    text: str
    encoding: str
    warning: str | None = None


def replace_unstorable(text: str) -> tuple[str, int]:
    """``text`` with NUL characters and lone surrogates replaced by U+FFFD, and how many there were."""
    return _UNSTORABLE.subn(REPLACEMENT, text)


def _control_share(text: str, replacements_count: bool = True) -> float:
    sample = text[:_BINARY_SAMPLE]
    if not sample:
        return 0.0
    bad = sum(
        1
        for char in sample
        if (char == REPLACEMENT and replacements_count)
        or (unicodedata.category(char) in {"Cc", "Cs", "Co", "Cn"} and char not in "\t\n\r\f")
    )
    return bad / len(sample)


def _first_invalid_utf8(data: bytes) -> UnicodeDecodeError:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        return error
    raise AssertionError("data is valid UTF-8")


def _likeliest_match(data: bytes) -> CharsetMatch | None:
    """charset-normalizer's cleanest reading; among equally clean ones, the commonest encoding."""
    matches = list(from_bytes(data))
    if not matches:
        return None
    cleanest = min(match.chaos for match in matches)
    tied = [match for match in matches if match.chaos <= cleanest]
    for encoding in _PREFERRED_LEGACY:
        for match in tied:
            if match.encoding == encoding:
                return match
    return tied[0]


def _replaced(data: bytes, encoding: str) -> tuple[str, int]:
    """``data`` decoded with every undecodable sequence replaced by U+FFFD, and how many were replaced."""
    text = data.decode(encoding, errors="replace")
    already = data.decode(encoding, errors="ignore").count(REPLACEMENT)
    return text, text.count(REPLACEMENT) - already


def _checked(text: str, replacements_count: bool = True) -> str:
    if not text.strip():
        raise DecodeError("empty document")
    if _control_share(text, replacements_count) > _MAX_CONTROL_SHARE:
        raise DecodeError("binary file (control characters), not text")
    return text


def decode_bytes(data: bytes, max_bytes: int = MAX_DOCUMENT_BYTES) -> Decoded:
    """Decode ``data``: by its byte-order mark, else as UTF-8, else as the encoding charset-normalizer detects.

    UTF-8 with a few bad bytes stays UTF-8 (the bad bytes replaced, with a warning saying how many).
    Raises :class:`DecodeError` for empty, oversized, binary or undecodable input.
    """
    if not data.strip():
        raise DecodeError("empty document")
    if len(data) > max_bytes:
        raise DecodeError(f"document too large: {len(data):,} bytes (limit {max_bytes:,})")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_marked(data[len(bom) :], encoding)
    if b"\x00" in data[:_BINARY_SAMPLE]:
        raise DecodeError("binary file (NUL bytes), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _decode_damaged_utf8(data) or _decode_legacy(data)
    return Decoded(_checked(text), "utf-8")


def _decode_marked(data: bytes, encoding: str) -> Decoded:
    """Text after a byte-order mark, in the encoding the mark names."""
    text, replaced = _replaced(data, encoding)
    warning = f"{replaced:,} invalid {encoding} sequence(s) replaced by U+FFFD" if replaced else None
    return Decoded(_checked(text), encoding, warning)


def _decode_damaged_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with a few invalid bytes: kept as UTF-8 when its valid non-ASCII characters outnumber them.

    Legacy 8-bit text is almost never valid multi-byte UTF-8, so valid multi-byte characters show
    that the text is UTF-8 and the invalid bytes are damage, not another encoding.
    """
    text, replaced = _replaced(data, "utf-8")
    multibyte = len(text) - len(text.encode("ascii", errors="ignore")) - replaced
    if multibyte < max(replaced, 1):
        return None
    first = _first_invalid_utf8(data)
    where = f"byte 0x{data[first.start]:02x} at offset {first.start}"
    # The replacements are bounded by the valid characters above: they do not make the text binary.
    return Decoded(
        _checked(text, replacements_count=False),
        "utf-8",
        f"{replaced:,} invalid UTF-8 byte(s) replaced by U+FFFD (first: {where})",
    )


def _decode_legacy(data: bytes) -> Decoded:
    invalid = _first_invalid_utf8(data)
    where = f"invalid UTF-8 (byte 0x{data[invalid.start]:02x} at offset {invalid.start})"
    best = _likeliest_match(data)
    if best is None or best.encoding.startswith("utf"):
        raise DecodeError(f"{where}; no other encoding fits")
    text = str(best)
    if _control_share(text) > _MAX_CONTROL_SHARE or best.chaos > 0.2:
        raise DecodeError(f"{where}; not text in any encoding")
    return Decoded(text, best.encoding, f"{where}; decoded as {best.encoding}")
