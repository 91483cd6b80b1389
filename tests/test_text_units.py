"""Unit tests of the text analysis's pure parts: readability formulas, sentence splitting, block extraction,
language tags, scores. (The Voikko-based checks are in test_text_voikko.py.)"""
from __future__ import annotations

import math

import pytest

from auditor.text import blocks, langid, metrics, score
from auditor.text.tokenize import split_sentences, tokens


# Readability formulas: each against a hand computation from its published formula.
@pytest.mark.parametrize("words,sentences,long_words,expected", [
    (100, 10, 30, 40.0),  # 100/10 + 100*30/100
    (12, 1, 6, 62.0),
    (0, 0, 0, 0.0),
])
def test_lix(words, sentences, long_words, expected):
    assert metrics.lix(words, sentences, long_words) == expected


@pytest.mark.parametrize("value,band", [(20, "very-easy"), (27, "easy"), (35, "medium"), (45, "hard"),
                                        (55, "very-hard"), (70, "bureaucratic")])
def test_lix_bands_sv(value, band):
    assert metrics.lix_band_sv(value)["band"] == band


@pytest.mark.parametrize("words,long_base,expected", [(100, 10, 5.7), (200, 0, 2.7), (50, 25, 17.7)])
def test_wiio(words, long_base, expected):
    assert metrics.wiio(words, long_base) == pytest.approx(expected)


def test_ovix():
    n, u = 1000, 400
    assert metrics.ovix(n, u) == round(math.log(n) / math.log(2 - math.log(u) / math.log(n)), 1)
    assert metrics.ovix(10, 10) == 0.0


@pytest.mark.parametrize("text,words,sentences,syllables", [
    ("We will send you a letter.", 6, 1, 7),
    # textstat does not count a "sentence" of two words or fewer ("Call us."), but counts its words.
    ("Your application is processed within two weeks. Call us.", 9, 1, 14),
])
def test_english_flesch_from_textstat(text, words, sentences, syllables):
    """Flesch Reading Ease and Flesch-Kincaid grade are textstat's, with the published formulas (Flesch 1948;
    Kincaid et al. 1975) over CMU-dictionary syllables."""
    from auditor.text import en

    sents = [s.strip() + "." for s in text.split(".") if s.strip()]
    m = en.page_metrics(sents)
    assert en.syllables(text) == syllables
    assert m["flesch_reading_ease"] == pytest.approx(
        206.835 - 1.015 * words / sentences - 84.6 * syllables / words, abs=0.11)
    assert m["flesch_kincaid_grade"] == pytest.approx(
        0.39 * words / sentences + 11.8 * syllables / words - 15.59, abs=0.11)


# Sentence splitting ------------------------------------------------------------------------------------------
def _texts(text, **kw):
    return [s.text for s in split_sentences(text, **kw)]


def test_split_survives_finnish_abbreviations():
    text = ("Tuo mukanasi esim. passi tai ajokortti. Palvelussa on mm. Kela ja ns. Pohjoismainen malli. "
            "Ota mukaan kuitit, laskut jne. Seuraavaksi täytä lomake.")
    assert _texts(text) == [
        "Tuo mukanasi esim. passi tai ajokortti.",
        "Palvelussa on mm. Kela ja ns. Pohjoismainen malli.",
        "Ota mukaan kuitit, laskut jne.",
        "Seuraavaksi täytä lomake.",
    ]


def test_split_survives_numbers_and_initials():
    text = ("Laki tuli voimaan 1.1.2025 alkaen. Lapsi aloittaa 3. luokan syksyllä. J. K. Paasikivi oli "
            "presidentti vuonna 1946. Vuonna 2024. Seuraava virke.")
    assert _texts(text) == [
        "Laki tuli voimaan 1.1.2025 alkaen.",
        "Lapsi aloittaa 3. luokan syksyllä.",
        "J. K. Paasikivi oli presidentti vuonna 1946.",
        "Vuonna 2024.",
        "Seuraava virke.",
    ]


def test_split_lists_and_lines():
    text = "Tuo mukanasi:\n- passi\n- ajokortti\n1. Täytä lomake\n2) Lähetä se\nTämä rivi\njatkuu tässä."
    assert _texts(text) == ["Tuo mukanasi:", "passi", "ajokortti", "Täytä lomake", "Lähetä se",
                            "Tämä rivi\njatkuu tässä."]
    assert _texts("Yksi rivi\nToinen rivi", split_lines=True) == ["Yksi rivi", "Toinen rivi"]


def test_split_swedish_and_english_abbreviations():
    assert _texts("Det gäller t.ex. Stockholm. Sedan kommer beslut.") == [
        "Det gäller t.ex. Stockholm.", "Sedan kommer beslut."]
    assert _texts("Ask e.g. Mr. Smith about it. He knows!") == ["Ask e.g. Mr. Smith about it.", "He knows!"]


def test_tokens_keep_abbreviations_urls_and_case_endings():
    toks = tokens("Katso esim. EU:n sivu www.eu.eu tai kirjaamo@kunta.fi, hinta 12,50 €.")
    assert "esim." in toks and "EU:n" in toks and "www.eu.eu" in toks and "kirjaamo@kunta.fi" in toks
    assert "12,50" in toks and toks[-1] == "."


# Blocks ------------------------------------------------------------------------------------------------------
PAGE = """<!doctype html><html lang="fi"><head><title>Otsikko</title></head><body>
<header><nav><a href="/">Etusivu</a> <a href="/sv/" lang="sv">På svenska</a></nav></header>
<div id="cookie-banner"><p>Käytämme evästeitä.</p></div>
<main id="sisalto"><h1>Rakennuslupa</h1>
<p>Ensimmäinen kappale. <span lang="en">An English part</span> jatkuu.</p>
<p hidden>Piilotettu teksti.</p><p style="display: none">Myös piilossa.</p>
<form><label for="n">Nimi</label><input id="n" aria-describedby="n-help"><div id="n-help">Kirjoita koko nimesi.</div>
</form>
<table><tr><td>Solu yksi</td><td>Solu kaksi</td></tr></table>
<ul><li>Kohta <b>yksi</b></li><li>Kohta kaksi</li></ul>
<script>var x = "ei tekstiä";</script>
</main><footer><p>Kunta 2025</p></footer></body></html>"""


def test_blocks_selectors_lang_and_boilerplate():
    doc = blocks.parse(PAGE)
    assert doc.lang == "fi" and doc.title == "Otsikko" and doc.has_main
    by_text = {b.text: b for b in doc.blocks}
    assert "Piilotettu teksti." not in by_text and "Myös piilossa." not in by_text
    assert not any("ei tekstiä" in t for t in by_text)
    assert by_text["Rakennuslupa"].selector == "#sisalto > h1" and by_text["Rakennuslupa"].kind == "heading"
    assert by_text["Kohta yksi"].selector == "#sisalto > ul > li:nth-of-type(1)"
    assert by_text["Kohta yksi"].kind == "list-item"
    assert by_text["Solu kaksi"].kind == "table-cell"
    assert by_text["Nimi"].kind == "label"
    assert by_text["Kirjoita koko nimesi."].kind in ("help", "text")
    # Language: inherited, or the part's own (a part in another language is a block of its own).
    assert by_text["An English part"].lang == "en" and by_text["An English part"].own_lang
    assert by_text["På svenska"].lang == "sv"
    assert by_text["Rakennuslupa"].lang == "fi" and not by_text["Rakennuslupa"].own_lang
    # Outside <main> is boilerplate (kept for language-of-parts checks), inside it is content.
    assert by_text["Käytämme evästeitä."].boilerplate
    assert by_text["Kunta 2025"].boilerplate and by_text["Etusivu"].boilerplate
    assert not by_text["Rakennuslupa"].boilerplate and not by_text["Kohta kaksi"].boilerplate


def test_blocks_without_main_drop_landmarks_and_cookie_banner():
    html = ('<html lang="fi"><body><nav><p>Valikko</p></nav><div class="cookie-consent"><p>Evästeet</p></div>'
            '<div role="contentinfo"><p>Yhteystiedot</p></div><p>Sisältö</p></body></html>')
    b = {x.text: x for x in blocks.parse(html).blocks}
    assert b["Valikko"].boilerplate and b["Evästeet"].boilerplate and b["Yhteystiedot"].boilerplate
    assert not b["Sisältö"].boilerplate


def test_blocks_page_lang_from_lang_only():
    assert blocks.parse('<html xml:lang="fi"><body><p>x</p></body></html>').lang is None
    assert blocks.parse('<html lang=""><body><p>x</p></body></html>').lang == ""


# Language tags -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("tag,ok", [("fi", True), ("fi-FI", True), ("sv-FI", True), ("en", True), ("sme", True),
                                    ("", False), ("  ", False), (None, False), ("xx", False), ("fi_FI!", False),
                                    ("english", False), ("12", False), ("eng", False), ("fin", False),
                                    ("smn", True)])
def test_valid_tag(tag, ok):
    assert langid.valid_tag(tag) is ok


# Scores ------------------------------------------------------------------------------------------------------
def test_score_formula_and_bands():
    m = {"wiio": 6.0, "words_per_sentence": 10.0, "lix": 30.0, "flagged_share": 0.0}  # 20 % long words
    assert score.language_score("fi", m, 100) == 100.0
    m = {"wiio": 14.0, "words_per_sentence": 25.0, "lix": 85.0, "flagged_share": 1.0}  # 60 % long words
    assert score.language_score("fi", m, 100) == 0.0
    # R = 0.5 × 50 + 0.25 × 50 + 0.25 × 50 = 50, S = 50
    m = {"wiio": 10.0, "words_per_sentence": 17.5, "lix": 57.5, "flagged_share": 0.5}
    assert score.language_score("fi", m, 100) == 50.0
    # Sentence length weighs half of R: the same words in sentences of 10 instead of 25 words gain 40 points.
    long_s = {"wiio": 10.0, "words_per_sentence": 25.0, "lix": 65.0, "flagged_share": 0.0}
    short_s = {"wiio": 10.0, "words_per_sentence": 10.0, "lix": 50.0, "flagged_share": 0.0}
    assert score.language_score("fi", short_s, 100) - score.language_score("fi", long_s, 100) == 40.0
    assert score.language_score("sv", {"lix": 45.0, "flagged_share": 0.0}, 100) == 60.0
    assert score.language_score("en", {"flesch_reading_ease": 60.0, "flagged_share": 0.2}, 100) == 64.0
    assert score.language_score("fi", m, score.MIN_WORDS - 1) is None
    assert [score.band(s)["band"] for s in (95, 80, 79.9, 60, 45, 10)] == \
        ["easy", "easy", "clear", "clear", "hard", "very-hard"]
    assert score.band(85)["fi"] == "lähellä selkokieltä" and score.band(None) is None


def test_site_score_weights_pages_by_words():
    pages = [{"languages": {"fi": {"score": 80.0, "words": 300}, "sv": {"score": 40.0, "words": 100}}},
             {"languages": {"fi": {"score": 40.0, "words": 100}}},
             {"languages": {"fi": {"score": None, "words": 10}}}, None, {"error": "x"}]
    s = score.site_scores(pages)
    assert s["languages"]["fi"]["score"] == 70.0 and s["languages"]["fi"]["pages"] == 2
    assert s["languages"]["sv"]["score"] == 40.0
    assert s["score"] == round((70.0 * 410 + 40.0 * 100) / 510, 1)
    assert s["band"]["band"] == "clear"


def test_lang_mismatch_thresholds():
    from rules.language.lang import _mismatch_outcome

    D = langid.Detection
    assert _mismatch_outcome("fi", D("en", 0.95, 10), 8) == "fail"
    assert _mismatch_outcome("fi", D("en", 0.95, 4), 8) == "review"  # too few words for a failure
    assert _mismatch_outcome("fi", D("en", 0.8, 10), 8) == "review"  # not sure enough
    assert _mismatch_outcome("fi", D("en", 0.6, 10), 8) is None
    assert _mismatch_outcome("fi", D("en", 0.95, 2), 8) is None
    assert _mismatch_outcome("sv", D("nb", 0.99, 30), 8) is None  # close languages: no finding
    assert _mismatch_outcome("fi", D("fi", 1.0, 30), 8) is None
