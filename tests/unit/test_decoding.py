from __future__ import annotations

import pytest

from sitroom.decoding import DecodeError, decode_bytes, replace_unstorable


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


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig", "utf-32"])
def test_a_byte_order_mark_decides_the_encoding(encoding: str) -> None:
    text = "The army shelled Aleppo \u2014 Assad\u2019s forces said."
    data = text.encode(encoding)
    if encoding in {"utf-16-le", "utf-16-be"}:  # these codecs write no mark: add it
        data = ("\ufeff" + text).encode(encoding)
    decoded = decode_bytes(data)
    assert decoded.text == text
    assert decoded.warning is None


def test_utf16_text_that_is_only_spaces_is_empty() -> None:
    with pytest.raises(DecodeError, match="empty"):
        decode_bytes("   \n ".encode("utf-16"))


def test_utf8_with_a_few_bad_bytes_stays_utf8_and_counts_them() -> None:
    data = "Assad\u2019s forces \u2014 retook Aleppo, the Observatory said. ".encode() + b"\xff and \xfe."
    decoded = decode_bytes(data)
    assert decoded.encoding == "utf-8"
    assert decoded.text == "Assad\u2019s forces \u2014 retook Aleppo, the Observatory said. \ufffd and \ufffd."
    assert decoded.warning is not None and decoded.warning.startswith("2 invalid UTF-8 byte(s) replaced")


def test_replacement_characters_already_in_the_text_are_not_counted_as_damage() -> None:
    data = "Stray \ufffd marks \ufffd and \u2019 quotes \u2014 \u2019 in UTF-8".encode() + b" \xff"
    decoded = decode_bytes(data)
    assert decoded.warning is not None and decoded.warning.startswith("1 invalid UTF-8 byte(s)")


def test_nul_and_lone_surrogates_become_replacement_characters_in_place() -> None:
    text, replaced = replace_unstorable("Aleppo\x00 and \ud800Homs")
    assert (text, replaced) == ("Aleppo\ufffd and \ufffdHoms", 2)
    assert replace_unstorable("clean text") == ("clean text", 0)
