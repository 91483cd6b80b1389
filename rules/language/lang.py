"""LANG-<n>: language of the page (WCAG 3.1.1) and of its parts (3.1.2), checked against the text itself.

axe-core checks that `lang` is present and well-formed; these rules also read the text (auditor/text/langid.py:
lingua with Voikko's word knowledge) to say which language to declare, and find a page or a part whose `lang`
says one language while its text is in another.
"""
from __future__ import annotations

from collections.abc import Iterator

from auditor.registry import Hit, PageArtifacts, rule
from auditor.text import analysis, langid

# Confidence and length needed before the detector's word is taken as a failure; below them a finding is
# "needs review". Measured here on the tests' fi/sv/en fixtures and the ACT Rules cases for ucwvc8: lingua
# (low-accuracy mode) with Voikko gives 0.95-1.0 on sentences of 5+ words in fi/sv/en and misreads two- and
# three-word phrases ("På svenska" as Norwegian), hence the word limits.
FAIL_CONFIDENCE = 0.9
REVIEW_CONFIDENCE = 0.7
PAGE_FAIL_WORDS = 8
PART_FAIL_WORDS = 5
REVIEW_WORDS = 3
# Languages the trigram detector does not tell apart reliably (Swedish text is read as Norwegian now and then):
# a disagreement inside a group is no finding.
CLOSE = ({"sv", "nb", "nn", "no", "da"}, {"fi", "et"}, {"ru", "uk"}, {"es", "it"})
MAX_SNIPPET = 200

NAMES = {"fi": "Finnish", "sv": "Swedish", "en": "English", "et": "Estonian", "ru": "Russian", "de": "German",
         "fr": "French", "es": "Spanish", "nl": "Dutch", "da": "Danish", "nb": "Norwegian", "it": "Italian",
         "pl": "Polish", "uk": "Ukrainian", "ar": "Arabic", "so": "Somali"}


def _name(code: str | None) -> str:
    return NAMES.get(code or "", code or "unknown")


def _close(a: str, b: str) -> bool:
    return any(a in g and b in g for g in CLOSE)


def _html_snippet(lang: str | None) -> str:
    return "<html>" if lang is None else f'<html lang="{lang}">'


@rule("LANG-1", area="language", requires=("dom",), impact="serious", wcag=("3.1.1",), act=("b5c3f8", "bf051a"),
      help_en="The page's <html> element has no lang attribute, or one that is not a valid language tag. Screen "
              "readers then read the page with the wrong voice and pronunciation. Set lang to the language of the "
              "page's text (the finding names the detected language), e.g. <html lang=\"fi\">.",
      help_fi="Sivun html-elementiltä puuttuu lang-määrite tai sen arvo ei ole kelvollinen kielikoodi. "
              "Ruudunlukija lukee silloin sivun väärällä äänellä. Lisää sivun tekstin kieli, esim. "
              "<html lang=\"fi\">.")
def page_lang_missing(art: PageArtifacts) -> Iterator[Hit]:
    """The page's `lang` is missing, empty or not a valid BCP 47 language tag; the message names the language the
    text is written in, so the fix is one attribute away."""
    a = analysis.for_artifacts(art)
    if a is None or a.page_lang_valid:
        return
    det = a.content
    suggestion = (f' Its text is {_name(det.lang)} (detected with confidence {det.confidence:.2f}): use '
                  f'<html lang="{det.lang}">.') if det.lang and det.confidence >= REVIEW_CONFIDENCE else ""
    if a.page_lang is None or not a.page_lang.strip():
        msg = "The page has no lang attribute on <html>." if a.page_lang is None else \
            "The lang attribute of <html> is empty."
    else:
        msg = f'lang="{a.page_lang}" on <html> is not a valid language tag.'
    yield Hit(selector="html", snippet=_html_snippet(a.page_lang), message=msg + suggestion,
              evidence={"declared": a.page_lang, "detected": det.lang, "confidence": det.confidence})


@rule("LANG-2", area="language", requires=("dom",), impact="serious", wcag=("3.1.1",), act=("ucwvc8",),
      help_en="The page's lang attribute names one language but the text of the page is in another. Screen readers "
              "read the whole page in the declared language. Set lang on <html> to the language of the page's "
              "main text, and mark passages in other languages with their own lang.",
      help_fi="Sivun lang-määrite on eri kieli kuin sivun teksti. Ruudunlukija lukee koko sivun väärällä kielellä. "
              "Korjaa html-elementin lang sivun pääkieleksi ja merkitse muunkieliset osat omalla lang-määritteellä.")
def page_lang_mismatch(art: PageArtifacts) -> Iterator[Hit]:
    """The text that inherits the page's `lang` (title included) is detected as another language. A failure when
    the detector is sure on enough words; needs review when it is less sure."""
    a = analysis.for_artifacts(art)
    if a is None or not a.page_lang_valid:
        return
    outcome = _mismatch_outcome(langid.primary(a.page_lang), a.content, PAGE_FAIL_WORDS)
    if outcome is None:
        return
    det = a.content
    yield Hit(selector="html", snippet=_html_snippet(a.page_lang), outcome=outcome,
              message=f'The page says lang="{a.page_lang}" ({_name(langid.primary(a.page_lang))}), but its text is '
                      f"{_name(det.lang)} (detected with confidence {det.confidence:.2f} on {det.words} words). "
                      f'Set <html lang="{det.lang}"> if that is the page\'s language, or mark the parts in '
                      f"{_name(det.lang)} with lang.",
              evidence={"declared": a.page_lang, "detected": det.lang, "confidence": det.confidence,
                        "words": det.words})


def _mismatch_outcome(declared: str, det: langid.Detection, fail_words: int) -> str | None:
    if not det.lang or det.lang == declared or not declared or _close(det.lang, declared):
        return None
    if det.confidence >= FAIL_CONFIDENCE and det.words >= fail_words:
        return "fail"
    if det.confidence >= REVIEW_CONFIDENCE and det.words >= REVIEW_WORDS:
        return "review"
    return None


@rule("LANG-3", area="language", requires=("dom",), impact="moderate", wcag=("3.1.2",),
      help_en="A passage is in another language than the page but has no lang attribute of its own, so screen "
              "readers read it with the page's pronunciation. Add lang to the element (e.g. <p lang=\"sv\">). "
              "Proper names, technical terms and words that have become part of the page's language are exempt "
              "(WCAG 3.1.2): such findings come as needs review.",
      help_fi="Tekstinosa on eri kieltä kuin sivu, mutta siltä puuttuu oma lang-määrite. Lisää elementille "
              "lang (esim. <p lang=\"sv\">). Erisnimet ja vakiintuneet lainasanat eivät vaadi merkintää.")
def part_lang_missing(art: PageArtifacts) -> Iterator[Hit]:
    """A block without a `lang` of its own (it inherits the page's) whose text is detected as another language:
    a failure on 5+ words at confidence 0.9, needs review on shorter or less certain text. Not repeated for every
    block when the whole page is mis-declared (LANG-2 covers that)."""
    a = analysis.for_artifacts(art)
    if a is None or not a.page_lang_valid:
        return
    page = langid.primary(a.page_lang)
    whole_page = _mismatch_outcome(page, a.content, PAGE_FAIL_WORDS) is not None
    for i, b in enumerate(a.blocks):
        if b.own_lang or b.kind == "title":
            continue
        det = langid.Detection(b.detected.get("lang"), b.detected.get("confidence", 0.0), b.detected.get("words", 0))
        if whole_page and det.lang == a.content.lang:
            continue
        outcome = _mismatch_outcome(page, det, PART_FAIL_WORDS)
        if outcome is None:
            continue
        yield Hit(selector=b.selector, snippet=b.text[:MAX_SNIPPET], outcome=outcome, key=str(i),
                  message=f"This {b.kind.replace('-', ' ')} is {_name(det.lang)} (detected with confidence "
                          f"{det.confidence:.2f} on {det.words} words) but inherits lang=\"{a.page_lang}\". "
                          f'Add lang="{det.lang}" to it.',
                  evidence={"declared": a.page_lang, "detected": det.lang, "confidence": det.confidence,
                            "words": det.words, "boilerplate": b.boilerplate})
