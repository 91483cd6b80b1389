"""Swedish and English stiff-word lists (Språkrådet; GOV.UK and plainlanguage.gov) with inflected forms."""
from __future__ import annotations

import pytest

from auditor.text import en, sv, wordlists


def codes(mod, text: str) -> dict[str, tuple[str, ...]]:
    return {i.code: i.evidence for r in mod.analyse_block(text, 0) for i in r.issues}


@pytest.mark.parametrize("text,word", [
    ("Beslut fattas efter erhållande av intyg.", "erhållande"),
    ("Ansökan skall lämnas före maj.", "skall"),
    ("Du erhåller svar inom en vecka.", "erhåller"),
    ("Beslutet erhölls i går.", "erhölls"),
    ("Kommunen tillhandahåller blanketter.", "tillhandahåller"),
    ("Handlingarna ska inkomma senast i maj.", "inkomma"),
    ("Avgiften erläggs i förskott.", "erläggs"),
    ("Det åligger den sökande att visa intyg.", "åligger"),
    ("Mötet äger rum i stadshuset.", "äger rum"),
    ("Vi har påbörjat arbetet.", "påbörjat"),
    ("Ärendet handläggs i enlighet med lagen.", "i enlighet med"),
])
def test_swedish_stiff_words_flagged_in_inflected_forms(text, word):
    assert word in codes(sv, text).get("PL-SV-5", ()), text


@pytest.mark.parametrize("text", [
    "Du får svar inom en vecka.", "Ansökan ska lämnas före maj.", "Kommunen ger ut blanketter.",
    "Skicka in handlingarna senast i maj.", "Du betalar avgiften i förskott.", "Mötet hålls i stadshuset.",
    "Vi har börjat arbetet.", "Vi behandlar ärendet enligt lagen.", "Ring oss om du har frågor.",
    "Skolan börjar i augusti.", "Hallen är stängd på söndagar.",
])
def test_plain_swedish_not_flagged(text):
    assert "PL-SV-5" not in codes(sv, text), text


@pytest.mark.parametrize("text,word", [
    ("The commencement of works is delayed.", "commencement"),
    ("Works will commence in May.", "commence"),
    ("The service commenced last year.", "commenced"),
    ("Please utilise the online form.", "utilise"),
    ("The form is utilized by most applicants.", "utilized"),
    ("Applicants shall send the form.", "shall"),
    ("Contracts were terminated early.", "terminated"),
    ("Payments are made in accordance with the rules.", "in accordance with"),
    ("Call us prior to your visit.", "prior to"),
    ("We endeavour to reply within a week.", "endeavour"),
    ("The aforementioned rules apply.", "aforementioned"),
])
def test_english_stiff_words_flagged_in_inflected_forms(text, word):
    assert word in codes(en, text).get("PL-EN-3", ()), text


@pytest.mark.parametrize("text", [
    "Works will start in May.", "Please use the online form.", "Applicants must send the form.",
    "We ended the contracts early.", "Call us before your visit.", "We try to reply within a week.",
    "These rules apply.", "Book your visit in advance.", "You can provide more details later.",
    "We will send you a letter.", "The library is closed on Sundays.",
])
def test_plain_english_not_flagged(text):
    assert "PL-EN-3" not in codes(en, text), text


def test_lists_cite_their_sources():
    doc = wordlists.__doc__
    assert "Myndigheternas skrivregler" in doc and "GOV.UK" in doc and "plainlanguage.gov" in doc


def test_messages_in_three_languages():
    issue = next(i for r in sv.analyse_block("Ansökan skall lämnas.", 0) for i in r.issues)
    assert issue.message.sv.startswith("Krångliga ord") and issue.message.fi and str(issue.message)
