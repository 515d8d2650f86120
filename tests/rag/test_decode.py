from __future__ import annotations

import codecs

import pytest

from rag.decode import decode_text
from rag.errors import UnreadableFileError
from tests.conftest import seed_text
from tests.fakes import encode_cp1258


def test_utf8_with_and_without_bom() -> None:
    text = seed_text("2023")
    assert decode_text(text.encode("utf-8"), "a.txt") == text
    assert decode_text(codecs.BOM_UTF8 + text.encode("utf-8"), "a.txt") == text


def test_utf16_with_bom() -> None:
    text = seed_text("2023")
    assert decode_text(text.encode("utf-16"), "a.txt") == text
    assert decode_text(codecs.BOM_UTF16_BE + text.encode("utf-16-be"), "a.txt") == text


def test_windows_1258_is_normalised_to_nfc() -> None:
    text = seed_text("2020")
    data = encode_cp1258(text)
    assert data != text.encode("utf-8")
    assert decode_text(data, "a.txt") == text


def test_decomposed_utf8_becomes_nfc() -> None:
    import unicodedata

    assert decode_text(unicodedata.normalize("NFD", "Tổng thu").encode(), "a") == "Tổng thu"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"   \n\n ", "empty"),
        (b"%PDF-1.7\x00\x01\x02binary", "binary"),
        (bytes(range(128, 256)) * 4, "Windows-1258"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "utf-16"),
    ],
)
def test_unreadable_files_are_refused_by_name(data: bytes, reason: str) -> None:
    with pytest.raises(UnreadableFileError) as caught:
        decode_text(data, "bad/report.txt")
    assert "report.txt" in str(caught.value)
    assert reason.lower() in str(caught.value).lower()


def test_control_characters_are_not_text() -> None:
    with pytest.raises(UnreadableFileError, match="does not look like text"):
        decode_text(bytes(range(1, 9)) * 50, "x.bin")
