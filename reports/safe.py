"""Untrusted text for the text-based machine formats (CSV, XML)."""
from __future__ import annotations

import re

# Characters XML 1.0 does not allow at all (a crawled page can carry them in a title or snippet).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|[\ud800-\udfff]")
# A spreadsheet reads a cell starting with one of these as a formula (CSV injection, OWASP).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def xml_text(value) -> str:
    return _XML_INVALID.sub("\ufffd", "" if value is None else str(value))


def csv_cell(value) -> str:
    """A text cell that no spreadsheet runs as a formula: a leading apostrophe before = + - @ TAB CR, and before
    an apostrophe itself, so that `csv_uncell` gives back exactly the original."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_START + ("'",)):
        return "'" + text
    return text


def csv_uncell(text: str) -> str:
    return text[1:] if text.startswith("'") else text
