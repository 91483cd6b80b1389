"""One page (or one file) analysed: blocks, languages, per-sentence issues, metrics and scores.

The crawl and `auditor text` run the same code: `analyse_html` on the rendered DOM (`dom.html` artifact) or on an
HTML file, `analyse_plain_text` on text. Rules read the result through `for_artifacts(art)`, which analyses a page
once however many rules ask.
"""
from __future__ import annotations

import threading
from collections import Counter, OrderedDict
from dataclasses import dataclass, field
from typing import Any

from auditor.text import en, fi, langid, metrics, score, sv
from auditor.text.blocks import Block, Document, parse, plain_text_document
from auditor.text.common import SentenceResult

ANALYSERS = {"fi": fi, "sv": sv, "en": en}
# A block's detected language overrides its declared `lang` for the analysis only when the detector is this sure
# and the block has this many words: below that, short texts (names, titles) are too often misread.
OVERRIDE_CONFIDENCE = 0.9
OVERRIDE_WORDS = 5
# Headings, titles and controls are analysed (their issues are findings) but left out of the metrics and the score:
# they are not running text, and their short lines would make any page look easy (LIX and Wiio are defined on
# running text).
UNSCORED_KINDS = frozenset({"heading", "title", "control"})


@dataclass
class LanguageResult:
    lang: str
    words: int
    sentences: list[SentenceResult]
    metrics: dict[str, Any]
    score: float | None
    band: dict[str, str] | None

    def summary(self) -> dict[str, Any]:
        return {"words": self.words, "sentences": len(self.sentences), "score": self.score, "band": self.band,
                "metrics": self.metrics}

    def to_json(self, sentences: str = "flagged") -> dict[str, Any]:
        d = self.summary()
        if sentences == "all":
            d["sentence_list"] = [s.to_json(self.lang) for s in self.sentences]
        elif sentences == "flagged":
            d["sentence_list"] = [s.to_json(self.lang) for s in self.sentences if s.issues]
        return d


@dataclass
class PageAnalysis:
    page_lang: str | None  # the html element's lang attribute (None when absent)
    page_lang_valid: bool
    content: langid.Detection  # the language of the text that inherits the page's lang
    blocks: list[Block]
    languages: dict[str, LanguageResult] = field(default_factory=dict)
    title: str = ""

    def metrics_json(self) -> dict[str, Any]:
        """What is stored per page (store `pages.metrics["plain_language"]`) and read by the site score."""
        return {
            "page_lang": self.page_lang, "page_lang_valid": self.page_lang_valid,
            "content_lang": {"lang": self.content.lang, "confidence": self.content.confidence},
            "languages": {k: v.summary() for k, v in self.languages.items()},
            "score": score.weighted((v.score, v.words) for v in self.languages.values()),
        }

    def block_metrics(self) -> list[dict[str, Any]]:
        """Per analysed block: its language and the same metrics as the page's (words per sentence, word length,
        LIX, Wiio for Finnish ...), from its own sentences."""
        by_block: dict[tuple[int, str], list[SentenceResult]] = {}
        for lang, res in self.languages.items():
            for s in res.sentences:
                by_block.setdefault((s.block, lang), []).append(s)
        out = []
        for (i, lang), sents in sorted(by_block.items()):
            b = self.blocks[i]
            m = language_metrics(lang, [SentenceResult(**{**s.__dict__, "scored": True}) for s in sents])
            m.pop("issues", None)
            out.append({"block": i, "selector": b.selector, "kind": b.kind, "lang": lang, **m})
        return out

    def to_json(self, sentences: str = "flagged", blocks: bool = False) -> dict[str, Any]:
        d = self.metrics_json()
        d["languages"] = {k: v.to_json(sentences) for k, v in self.languages.items()}
        if blocks:
            d["blocks"] = self.block_metrics()
        return d


def _analysis_lang(b: Block, force: str | None) -> str | None:
    if force:
        return force
    declared = langid.primary(b.lang) if langid.valid_tag(b.lang) else ""
    det = b.detected
    if det.get("lang") and det.get("confidence", 0) >= OVERRIDE_CONFIDENCE and det.get("words", 0) >= OVERRIDE_WORDS:
        return det["lang"]
    if declared:
        return declared
    return det.get("lang") if det.get("confidence", 0) >= 0.5 else None


def analyse_document(doc: Document, force_lang: str | None = None, split_lines: bool = False,
                     detect: bool = True) -> PageAnalysis:
    for b in doc.blocks:
        if detect and not force_lang:
            d = langid.detect(b.text)
            b.detected = {"lang": d.lang, "confidence": d.confidence, "words": d.words}
        else:
            b.detected = {"lang": force_lang, "confidence": 1.0 if force_lang else 0.0,
                          "words": langid.count_words(b.text)}
    inherited = [b.text for b in doc.blocks if not b.own_lang and not b.boilerplate]
    inherited += [b.text for b in doc.blocks if not b.own_lang and b.boilerplate]
    content = langid.detect("\n".join(inherited)) if detect and not force_lang else \
        langid.Detection(force_lang, 1.0 if force_lang else 0.0, sum(langid.count_words(t) for t in inherited))
    page = PageAnalysis(page_lang=doc.lang, page_lang_valid=langid.valid_tag(doc.lang), content=content,
                        blocks=doc.blocks, title=doc.title)
    per_lang: dict[str, list[SentenceResult]] = {}
    states = {"fi": fi.PageState()}  # what Finnish analysis remembers across a page (acronyms explained)
    for i, b in enumerate(doc.blocks):
        if b.boilerplate:
            continue
        lang = _analysis_lang(b, force_lang)
        mod = ANALYSERS.get(lang or "")
        if mod is None:
            continue
        sents = mod.analyse_block(b.text, i, states.get(lang), split_lines=split_lines)
        if b.kind in UNSCORED_KINDS:
            for s in sents:
                s.scored = False
        per_lang.setdefault(lang, []).extend(sents)
    for lang, sents in per_lang.items():
        m = language_metrics(lang, sents)
        words = m["words"]
        s = score.language_score(lang, m, words)
        page.languages[lang] = LanguageResult(lang, words, sents, m, s, score.band(s))
    return page


def language_metrics(lang: str, all_sents: list[SentenceResult]) -> dict[str, Any]:
    sents = [s for s in all_sents if s.scored]
    n_words = sum(s.words for s in sents)
    n_sent = sum(1 for s in sents if s.words)
    feat: Counter = Counter()
    for s in sents:
        for k, v in s.features.items():
            if isinstance(v, bool):
                feat[k] += int(v)
            elif isinstance(v, (int, float)):
                feat[k] += v
    issues = Counter(i.code for s in sents for i in s.issues)
    flagged = sum(1 for s in sents if s.issues)

    def per100(k: str) -> float:
        return round(100 * feat[k] / n_words, 2) if n_words else 0.0

    m: dict[str, Any] = {
        "words": n_words, "sentences": n_sent,
        "words_per_sentence": round(n_words / n_sent, 1) if n_sent else 0.0,
        "letters_per_word": round(feat["letters"] / n_words, 2) if n_words else 0.0,
        "lix": metrics.lix(n_words, n_sent, feat["long_words"]),
        "flagged_sentences": flagged,
        "flagged_share": round(flagged / len(sents), 3) if sents else 0.0,
        "issues": dict(sorted(issues.items())),
    }
    if lang == "fi":
        m.update({
            "wiio": metrics.wiio(n_words, feat["long_base_words"]),
            "long_compounds_per_100": per100("long_compounds"),
            "passives_per_100": per100("passives"),
            "nominals_per_100": per100("nominals"),
            "clause_equivalents_per_100": per100("clause_equivalents"),
            "genitive_chains": feat["genitive_chains"],
            "abbreviations": feat["abbreviations"],
            "unknown_words": feat["unknown_words"],
            "officialese": feat["officialese"],
            "addresses_reader_share": round(feat["addresses_reader"] / n_sent, 3) if n_sent else 0.0,
        })
    elif lang == "sv":
        forms = [w for s in sents for w in s.word_forms]
        m.update({
            "lix_band": metrics.lix_band_sv(m["lix"]),
            "ovix": metrics.ovix(len(forms), len(set(forms))),
            "passives_per_100": per100("passives"),
            "nominals_per_100": per100("nominals"),
            "very_long_words": feat["very_long_words"],
            "stiff_words": feat["stiff_words"],
        })
    elif lang == "en":
        m.update({
            **en.page_metrics([s.text for s in sents if s.words]),
            "passives_per_100": per100("passives"),
            "jargon": feat["jargon"],
        })
    return m


def analyse_html(html: str, force_lang: str | None = None) -> PageAnalysis:
    return analyse_document(parse(html), force_lang=force_lang)


def analyse_plain_text(text: str, lang: str = "auto", split_lines: bool = False) -> PageAnalysis:
    """Plain text: paragraphs split at blank lines; `lang` fi/sv/en forces the language, auto detects it."""
    force = None if lang in (None, "", "auto") else lang
    doc = plain_text_document(text, force)
    return analyse_document(doc, force_lang=force, split_lines=split_lines)


# Rules ask for the analysis of the page they look at; a page is analysed once. Keyed by the artifact folder and
# URL; a few entries suffice because the engine runs all rules of one page before the next page.
_cache: OrderedDict[tuple, PageAnalysis | None] = OrderedDict()
_cache_lock = threading.Lock()
CACHE_PAGES = 4


def for_artifacts(art) -> PageAnalysis | None:
    """The analysis of a crawled page from its rendered DOM (None when the page has no `dom.html`)."""
    key = (art.url, art.dir, id(art.page))
    with _cache_lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    html = art.read_text("dom.html")
    result = None
    if html is not None:
        force = (art.options or {}).get("text_lang") or None
        result = analyse_html(html, force_lang=force)
    with _cache_lock:
        _cache[key] = result
        while len(_cache) > CACHE_PAGES:
            _cache.popitem(last=False)
    return result
