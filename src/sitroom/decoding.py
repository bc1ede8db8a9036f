"""Turning untrusted bytes into text, or a clear reason why not."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from charset_normalizer import CharsetMatch, from_bytes

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
_BINARY_SAMPLE = 8192
_MAX_CONTROL_SHARE = 0.02
# Western and Arabic web encodings, tried first when several decode equally cleanly.
_PREFERRED_LEGACY = ("cp1252", "latin_1", "cp1256", "iso8859_6", "cp1251")


class DecodeError(ValueError):
    """The bytes are not a text document sitroom can read."""


@dataclass(frozen=True)
class Decoded:
    """Decoded text, the encoding used and a warning when it was not clean UTF-8."""

    text: str
    encoding: str
    warning: str | None = None


def _control_share(text: str) -> float:
    sample = text[:_BINARY_SAMPLE]
    if not sample:
        return 0.0
    bad = sum(
        1
        for char in sample
        if char == "\ufffd" or (unicodedata.category(char) in {"Cc", "Cs", "Co", "Cn"} and char not in "\t\n\r\f")
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


def decode_bytes(data: bytes, max_bytes: int = MAX_DOCUMENT_BYTES) -> Decoded:
    """Decode ``data`` as UTF-8, else as the encoding charset-normalizer detects.

    Raises :class:`DecodeError` for empty, oversized, binary or undecodable input.
    """
    if not data.strip():
        raise DecodeError("empty document")
    if len(data) > max_bytes:
        raise DecodeError(f"document too large: {len(data):,} bytes (limit {max_bytes:,})")
    if b"\x00" in data[:_BINARY_SAMPLE] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DecodeError("binary file (NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return _decode_legacy(data)
    if _control_share(text) > _MAX_CONTROL_SHARE:
        raise DecodeError("binary file (control characters), not text")
    return Decoded(text, "utf-8")


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
