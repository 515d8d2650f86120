"""Numbers as Vietnamese reports write them: "1.854,45" (dot thousands, comma decimals)."""

from __future__ import annotations

import re

_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*")


def normalize_number(token: str) -> str:
    """Canonical form of a number: "1.854,45" -> "1854.45", "02" -> "2", "2,80" -> "2.8".

    A dot followed by groups of three digits separates thousands; otherwise (a typo such as
    "1.33%") the dot is read as a decimal point, as the writer meant.
    """
    token = token.strip(".,")
    if "," in token:
        integer, _, fraction = token.rpartition(",")
        integer = integer.replace(".", "").replace(",", "")
    elif re.fullmatch(r"\d{1,3}(?:\.\d{3})+", token):
        integer, fraction = token.replace(".", ""), ""
    elif token.count(".") == 1:
        integer, fraction = token.split(".")
    else:
        integer, fraction = token.replace(".", ""), ""
    integer = integer.lstrip("0") or "0"
    fraction = fraction.rstrip("0")
    return f"{integer}.{fraction}" if fraction else integer


def numbers_in(text: str) -> list[str]:
    """Canonical forms of the numbers written in text, in order."""
    return [normalize_number(m.group()) for m in _NUMBER.finditer(text)]
