"""Readability formulas, one small pure function each, built from counts (the textstat way).

None of them needs the network. English formulas (Flesch, Flesch-Kincaid, Gunning fog) come from textstat in
auditor/text/en.py, set up never to download a dictionary; Finnish syllables come from
Voikko's hyphenation (auditor.text.fi_morph.syllables). Each docstring gives the formula and its source.
"""
from __future__ import annotations

import math


def lix(words: int, sentences: int, long_words: int) -> float:
    """LIX (Björnsson 1968) = words / sentences + 100 × long words / words; a long word has more than 6 letters.

    Works for any alphabetic language; Swedish bands in `lix_band_sv`. Finnish words are longer, so Finnish LIX
    runs far higher than Swedish for text of the same difficulty (measured on UD Finnish-TDT with
    bench/eval_text.py: blogs 56, Wikinews 68, legislation 77); Björnsson's bands do not apply to Finnish."""
    if not words or not sentences:
        return 0.0
    return round(words / sentences + 100.0 * long_words / words, 1)


# Björnsson's LIX bands for Swedish (Björnsson 1968, as Läsbarhetsindex is published by Språkrådet and the
# Swedish readability literature): upper bound, band key, Swedish label, English label.
LIX_BANDS_SV = (
    (25, "very-easy", "mycket lättläst, som barnböcker", "very easy, like children's books"),
    (30, "easy", "lättläst, som skönlitteratur och populärtidningar", "easy, like fiction and popular magazines"),
    (40, "medium", "medelsvår, som vanlig tidningstext", "medium, like ordinary newspaper text"),
    (50, "hard", "svår, som normal myndighetstext", "hard, like normal official text"),
    (60, "very-hard", "mycket svår, som facklitteratur", "very hard, like specialist literature"),
    (math.inf, "bureaucratic", "mycket svår, byråkratisvenska", "very hard, bureaucratic Swedish"),
)


def lix_band_sv(value: float) -> dict[str, str]:
    for upper, key, sv, en in LIX_BANDS_SV:
        if value < upper:
            return {"band": key, "sv": sv, "en": en}
    return {"band": "bureaucratic", "sv": LIX_BANDS_SV[-1][2], "en": LIX_BANDS_SV[-1][3]}


def wiio(words: int, long_base_words: int) -> float:
    """Wiio's simple formula (Wiio 1968, Finnish) = 2.7 + 0.3 × long words per 100 words, where a long word is one
    whose base form has 4 or more syllables. The result reads as a school grade: about 4-6 easy (selkokieli),
    7-9 standard, 10+ hard."""
    if not words:
        return 0.0
    return round(2.7 + 0.3 * 100.0 * long_base_words / words, 2)


def ovix(words: int, unique_words: int) -> float:
    """OVIX word variation index (Hultman & Westman 1977) = log(n) / log(2 − log(u) / log(n)), n tokens, u types.

    Independent of text length, unlike the type-token ratio; higher means a more varied, denser vocabulary.
    Undefined when every word is different (u = n): returned as 0."""
    if words < 2 or unique_words < 1 or unique_words >= words:
        return 0.0
    return round(math.log(words) / math.log(2 - math.log(unique_words) / math.log(words)), 1)


def mean(values: list[float]) -> float:
    return round(sum(values) / len(values), 2) if values else 0.0
