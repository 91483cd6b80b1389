"""The plain-language score: 0-100 per page and language, a site score, and a verbal band.

    score = round(0.5 × R + 0.5 × S)

  R  readability of the language's own formula, mapped to 0-100:
       fi  the mean of the Wiio grade and the mean sentence length, each mapped to 0..100:
             100 × (WIIO_HARD − wiio) / (WIIO_HARD − WIIO_EASY) and 100 × (WPS_HARD − wps) / (WPS_HARD − WPS_EASY)
           (Wiio's simple formula measures word length only; LIX, Flesch and Wiio's full formula all weigh
           sentence length as well, and without it legislation, whose words are no longer than news', scored
           easier than Wikinews on TDT)
       sv  LIX:         R = 100 × (LIX_HARD − lix) / (LIX_HARD − LIX_EASY), clamped
       en  Flesch Reading Ease, clamped to 0..100
  S  sentences without a plain-language issue: 100 × (1 − flagged sentences / sentences)

R says how hard the words and sentence lengths are on average; S how many sentences an editor would still have
to touch. Half and half, so a text of short words with many tangled sentences does not pass as easy, nor the other
way round. The site score of a language is the mean of its pages' scores weighted by their words (a long page
counts more than a short one); the overall site score weights the languages by their words the same way.

Bands, the same in every language (the top band is where texts that meet Selkokeskus' guidance land; it is not a
selkokieli certification):
  80-100  close to easy-to-read (selkokieli / lättläst)   | fi: lähellä selkokieltä
  60-79   clear standard language                          | fi: selkeää yleiskieltä
  40-59   hard                                             | fi: vaikeaa
   0-39   very hard                                        | fi: hyvin vaikeaa

The end points of R were set from the measured spread on UD Finnish-TDT (see docs/plain-language.md) and
Björnsson's bands: Wiio 6 and below is the easy end (grade-school reading), 14 and above the hard end (legislation
reaches 12-13 on average); LIX 25 is "very easy", 65 past "very hard" (Björnsson: over 60 bureaucratic).
"""
from __future__ import annotations

from collections.abc import Iterable

WIIO_EASY, WIIO_HARD = 6.0, 14.0
# Mean words per sentence: 10 and below reads as selkokieli (Selkokeskus: short sentences), 25 is the long-sentence
# mark of PL-FI-1 (auditor/text/fi.py).
WPS_EASY, WPS_HARD = 10.0, 25.0
LIX_EASY, LIX_HARD = 25.0, 65.0
# Fewer words than this give no page score: a score of 20 words says nothing (the metrics are averages).
MIN_WORDS = 30

BANDS = (
    (80, "easy", {"fi": "lähellä selkokieltä", "sv": "nära lättläst", "en": "close to easy-to-read"}),
    (60, "clear", {"fi": "selkeää yleiskieltä", "sv": "klar standardsvenska", "en": "clear standard language"}),
    (40, "hard", {"fi": "vaikeaa", "sv": "svår", "en": "hard"}),
    (0, "very-hard", {"fi": "hyvin vaikeaa", "sv": "mycket svår", "en": "very hard"}),
)


def _clamp(x: float) -> float:
    return max(0.0, min(100.0, x))


def readability_component(lang: str, metrics: dict) -> float | None:
    if lang == "fi":
        words = _clamp(100 * (WIIO_HARD - metrics["wiio"]) / (WIIO_HARD - WIIO_EASY))
        sentences = _clamp(100 * (WPS_HARD - metrics["words_per_sentence"]) / (WPS_HARD - WPS_EASY))
        return 0.5 * words + 0.5 * sentences
    if lang == "sv":
        return _clamp(100 * (LIX_HARD - metrics["lix"]) / (LIX_HARD - LIX_EASY))
    if lang == "en":
        return _clamp(metrics["flesch_reading_ease"])
    return None


def language_score(lang: str, metrics: dict, words: int) -> float | None:
    """The score of one language's text on a page (None when too short)."""
    if words < MIN_WORDS:
        return None
    r = readability_component(lang, metrics)
    if r is None:
        return None
    s = 100 * (1 - metrics["flagged_share"])
    return round(0.5 * r + 0.5 * s, 1)


def band(score: float | None) -> dict[str, str] | None:
    if score is None:
        return None
    for lower, key, labels in BANDS:
        if score >= lower:
            return {"band": key, **labels}
    return None


def weighted(pairs: Iterable[tuple[float | None, int]]) -> float | None:
    """Mean of scores weighted by words; None scores are skipped."""
    tot = n = 0.0
    for s, w in pairs:
        if s is not None and w > 0:
            tot += s * w
            n += w
    return round(tot / n, 1) if n else None


def site_scores(page_metrics: Iterable[dict | None]) -> dict:
    """Site scores from the `plain_language` metrics of the pages: per language and overall, with their bands."""
    per_lang: dict[str, list[tuple[float | None, int]]] = {}
    for pm in page_metrics:
        for lang, m in ((pm or {}).get("languages") or {}).items():
            per_lang.setdefault(lang, []).append((m.get("score"), m.get("words", 0)))
    langs = {}
    for lang, pairs in per_lang.items():
        s = weighted(pairs)
        langs[lang] = {"score": s, "band": band(s), "pages": sum(1 for sc, _ in pairs if sc is not None),
                       "words": sum(w for _, w in pairs)}
    overall = weighted((v["score"], v["words"]) for v in langs.values())
    return {"score": overall, "band": band(overall), "languages": langs}
