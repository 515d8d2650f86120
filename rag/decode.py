"""Turn the bytes of a report file into NFC text, detecting its encoding."""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

from rag.errors import UnreadableFileError
from rag.text import nfc

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Share of characters that must look like text (letters, marks, digits, spaces, punctuation).
_MIN_TEXT_SHARE = 0.97


def _looks_like_text(text: str) -> bool:
    if not text:
        return False
    plausible = 0
    for ch in text:
        category = unicodedata.category(ch)
        if ch in "\n\r\t" or category[0] in "LMNPZ" or category in ("Sc", "Sm", "So", "Sk"):
            plausible += 1
    return plausible / len(text) >= _MIN_TEXT_SHARE


def decode_text(data: bytes, path: Path | str) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16/32 with BOM, or Windows-1258 into NFC text.

    Raises UnreadableFileError naming the file when it is empty, binary or undecodable.
    """
    if not data.strip():
        raise UnreadableFileError(path, "the file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise UnreadableFileError(
                    path, f"not valid {encoding} text ({exc.reason})"
                ) from exc
            break
    else:
        if b"\x00" in data:
            raise UnreadableFileError(path, "binary file (contains NUL bytes), not a text report")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1258")
            except UnicodeDecodeError as exc:
                raise UnreadableFileError(
                    path, "cannot decode as UTF-8, UTF-16 or Windows-1258 text"
                ) from exc
    text = nfc(text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        raise UnreadableFileError(path, "the file is empty")
    if not _looks_like_text(text):
        raise UnreadableFileError(path, "does not look like text (binary or wrong encoding)")
    return text
