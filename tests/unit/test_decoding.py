from __future__ import annotations

import pytest

from sitroom.decoding import DecodeError, decode_bytes


def test_utf8_and_bom_are_decoded_without_warning() -> None:
    assert decode_bytes("Ahrar ash-Sham — Aleppo".encode()).text == "Ahrar ash-Sham — Aleppo"
    decoded = decode_bytes(b"\xef\xbb\xbfDebka claims")
    assert decoded.text == "Debka claims"
    assert decoded.warning is None


@pytest.mark.parametrize("data", [b"", b"   \n\t", b"\n"])
def test_empty_input_is_an_error(data: bytes) -> None:
    with pytest.raises(DecodeError, match="empty"):
        decode_bytes(data)


def test_binary_input_is_an_error() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    with pytest.raises(DecodeError, match="binary"):
        decode_bytes(png)


def test_oversized_input_is_an_error() -> None:
    with pytest.raises(DecodeError, match="too large"):
        decode_bytes(b"a" * 101, max_bytes=100)


def test_legacy_encoding_is_detected_and_reported() -> None:
    text = "Le président a déclaré que les négociations à Genève étaient très difficiles. " * 5
    decoded = decode_bytes(text.encode("cp1252"))
    assert decoded.text == text
    assert decoded.warning is not None and "invalid UTF-8" in decoded.warning


def test_control_garbage_is_not_text() -> None:
    with pytest.raises(DecodeError):
        decode_bytes(bytes(range(1, 32)) * 50 + b"\xff\xfe\xfd")
