"""The plain-language and language rules with real Voikko and the real language detector (no browser): each PL-FI
rule flags a hard sentence and stays quiet on its plain version; fi/sv/en detection; LANG findings."""
from __future__ import annotations

import pytest

from auditor import engine, registry
from auditor.registry import PageArtifacts
from auditor.text import analysis, fi_morph, langid


def run(tmp_path, html: str, prefix: str = "PL-"):
    """Run the registered rules with `prefix` on an HTML document, as the crawl does on a page's dom.html."""
    d = tmp_path / f"page{len(list(tmp_path.iterdir()))}"
    d.mkdir()
    (d / "dom.html").write_text(html, encoding="utf-8")
    art = PageArtifacts(url="http://127.0.0.1/x", viewports={"desktop": {}}, page={"dom": {"file": "dom.html"}},
                        dir=str(d))
    return engine.run_rules(registry.select([prefix]), art, ["desktop"])


def fi_page(body: str, lang: str | None = "fi") -> str:
    la = f' lang="{lang}"' if lang is not None else ""
    return f"<!doctype html><html{la}><head><title>Sivu</title></head><body><main>{body}</main></body></html>"


# Each PL-FI rule: (code, hard text, plain text). The plain version says the same thing the way the rule's
# suggestion asks.
CASES = [
    ("PL-FI-1",
     "Hakemus on jätettävä viimeistään kaksi viikkoa ennen tilaisuutta, ja siihen on liitettävä selvitys "
     "tilaisuuden järjestäjästä, osallistujien arvioidusta määrästä, tilaisuuden kestosta sekä suunnitellusta "
     "paikasta ja sen omistajan luvasta.",
     "Lähetä hakemus viimeistään kaksi viikkoa ennen tilaisuutta. Kerro hakemuksessa, kuka tilaisuuden järjestää. "
     "Kerro myös, montako ihmistä tulee ja missä tilaisuus on."),
    ("PL-FI-2", "Lähetä rakennuslupahakemuksen liitteet meille.", "Lähetä hakemuksen liitteet meille."),
    ("PL-FI-3", "Hakemus käsitellään ja päätös lähetetään postitse.",
     "Käsittelemme hakemuksen ja lähetämme päätöksen postitse."),
    ("PL-FI-4", "Hakemuksen käsitteleminen ja päätöksen tekeminen kestää viikon.",
     "Käsittelemme hakemuksen ja teemme päätöksen viikossa."),
    ("PL-FI-5", "Saatuaan päätöksen hakija voi valittaa siitä.",
     "Kun hakija on saanut päätöksen, hän voi valittaa siitä."),
    ("PL-FI-6", "Hakijan viime vuonna jättämä hakemus on yhä käsittelyssä.",
     "Hakemus, jonka hakija jätti viime vuonna, on yhä käsittelyssä."),
    ("PL-FI-7", "Kunnan sosiaalitoimen asiakkaiden hakemukset ovat jonossa.",
     "Asiakkaat lähettävät hakemukset kunnan sosiaalitoimeen."),
    ("PL-FI-8", "Ei ole mahdotonta, että hakemus hylätään.", "On mahdollista, että hakemus hylätään."),
    ("PL-FI-9", "Tuo mukanasi esim. passi.", "Tuo mukanasi esimerkiksi passi."),
    ("PL-FI-10", "Täytä lomkae huolellisesti.", "Täytä lomake huolellisesti."),
    ("PL-FI-11", "Maksu peritään kunnan toimesta, mikäli hakemus hyväksytään.",
     "Kunta perii maksun, jos se hyväksyy hakemuksen."),
    ("PL-FI-12", "Hakemus tulee toimittaa kirjaamoon.", "Lähetä hakemus kirjaamoon."),
]


def test_every_pl_fi_rule_has_a_case():
    codes = {c for c in registry.discover() if c.startswith("PL-FI-")}
    assert codes == {c for c, _, _ in CASES}


@pytest.mark.parametrize("code,hard,plain", CASES, ids=[c[0] for c in CASES])
def test_pl_fi_rule_flags_hard_and_passes_plain(tmp_path, code, hard, plain):
    found = [f for f in run(tmp_path, fi_page(f"<p>{hard}</p>")) if f.rule == code]
    assert found, f"{code} did not flag: {hard}"
    f = found[0]
    assert f.outcome == "fail" and f.advisory and f.level == "AAA" and "3.1.5" in f.wcag
    assert f.selector == "body > main > p"
    assert f.evidence["sentence"] in hard and f.evidence["lang"] == "fi" and f.evidence["words"] > 0
    assert f.message and f.help
    quiet = [f for f in run(tmp_path, fi_page(f"<p>{plain}</p>")) if f.rule == code]
    assert not quiet, [(f.rule, f.message) for f in quiet]


def test_pl_fi_1_message_counts_words_and_says_how_to_split(tmp_path):
    hard = CASES[0][1]
    f = next(f for f in run(tmp_path, fi_page(f"<p>{hard}</p>")) if f.rule == "PL-FI-1")
    n = sum(1 for w in hard.split() if any(c.isalnum() for c in w))
    assert f.messages["fi"].startswith(f"Virkkeessä on {n} sanaa. Jaa se ")
    assert f.message.startswith(f"The sentence has {n} words. Split it ")
    assert f.messages["sv"].startswith(f"Meningen har {n} ord. Dela den ")


def test_pl_fi_sentences_of_one_paragraph_are_separate_findings(tmp_path):
    html = fi_page("<p>Hakemus käsitellään ja päätös lähetetään. Lupa myönnetään ja maksu peritään.</p>")
    found = [f for f in run(tmp_path, html) if f.rule == "PL-FI-3"]
    assert len(found) == 2 and found[0].snippet != found[1].snippet


def test_pl_fi_acronym_explained_once_is_not_flagged(tmp_path):
    html = fi_page("<p>Terveyden ja hyvinvoinnin laitos (THL) tilastoi asiat. THL julkaisee ne.</p>")
    assert not [f for f in run(tmp_path, html) if f.rule == "PL-FI-9"]
    html = fi_page("<p>Ota yhteyttä THL:ään. THL vastaa.</p>")
    assert len([f for f in run(tmp_path, html) if f.rule == "PL-FI-9"]) == 1  # flagged at its first use only


def test_boilerplate_is_not_scored_or_flagged(tmp_path):
    html = ("<html lang='fi'><body><footer><p>Hakemus käsitellään ja päätös lähetetään postitse.</p></footer>"
            "<main><p>Lähetä hakemus meille.</p></main></body></html>")
    assert not [f for f in run(tmp_path, html) if f.rule == "PL-FI-3"]


def test_sv_and_en_rules(tmp_path):
    sv = ("<p lang='sv'>Ansökan behandlas och beslutet skickas per post. Sökanden ska erhålla ett beslut. "
          "Behandlingen av ansökan och handläggningen av ärendet sker snabbt.</p>")
    en = ("<p lang='en'>Your application is processed within two weeks. Please utilise the form prior to "
          "submitting.</p>")
    codes = {f.rule for f in run(tmp_path, fi_page(sv + en))}
    assert {"PL-SV-3", "PL-SV-5", "PL-SV-4", "PL-EN-2", "PL-EN-3"} <= codes
    plain = ("<p lang='sv'>Vi behandlar din ansökan och skickar beslutet per post.</p>"
             "<p lang='en'>We process your application within two weeks.</p>")
    assert not {c for c in (f.rule for f in run(tmp_path, fi_page(plain))) if c[:5] in ("PL-SV", "PL-EN")}


def test_page_metrics_score_per_language(tmp_path):
    hard = " ".join(c[1] for c in CASES)
    plain = " ".join(c[2] for c in CASES)
    scores = {}
    for name, text in (("hard", hard), ("plain", plain)):
        a = analysis.analyse_html(fi_page(f"<p>{text}</p>"))
        m = a.metrics_json()
        fi = m["languages"]["fi"]
        assert fi["words"] >= 30 and fi["band"]["fi"]
        assert {"wiio", "lix", "words_per_sentence", "letters_per_word", "flagged_share"} <= set(fi["metrics"])
        scores[name] = fi["score"]
    assert scores["plain"] - scores["hard"] >= 15, scores


# Morphology: each detector on forms whose reading the grammar fixes, reading chosen in context ---------------
@pytest.mark.parametrize("sentence,word,feature,value", [
    ("Hakemus käsitellään nopeasti .", "käsitellään", "passive", True),
    ("Hän voi tehdä sen .", "tehdä", "infinitive", "1"),
    ("Asia ei tehdä helpoksi .", "tehdä", "passive", True),  # connegative after "ei"
    ("Tehtäessä päätöstä kuullaan kaikkia .", "Tehtäessä", "infinitive", "2"),
    ("Hän lähti katsomaan elokuvaa .", "katsomaan", "infinitive", "3"),
    ("Kunnan tekemä päätös tuli .", "tekemä", "participle", "Agt"),
    ("Hakemus on lähetetty .", "lähetetty", "participle", "Past"),
    ("Kunnan päätös tuli .", "Kunnan", "genitive", True),
    ("Se maksaa paljon .", "paljon", "genitive", False),  # an adverb, not the genitive of "paljo"
    ("Siitä ei puhuta .", "Siitä", "infinitive", ""),  # the pronoun, not the verb "siitää"
    ("Tulos on merkittävä .", "merkittävä", "participle", ""),  # lexicalised: an adjective
])
def test_morphology_in_context(sentence, word, feature, value):
    toks = fi_morph.analyse_sentence(sentence.split())
    tok = next(t for t in toks if t.text == word)
    assert getattr(tok, feature) == value, [(r.cls, r.mood, r.part, r.person, r.case) for r in tok.chosen]


def test_every_voikko_reading_is_kept():
    rs = fi_morph.readings("ottaa")
    assert {r.mood for r in rs} >= {"indicative", "A-infinitive"}
    assert fi_morph.syllables("rakennuslupahakemus") == 8


# Language detection -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text,lang", [
    ("Hakemus käsitellään kahden viikon kuluessa, ja päätös lähetetään postitse.", "fi"),
    ("Ansökan behandlas inom två veckor och beslutet skickas per post.", "sv"),
    ("The application is processed within two weeks and the decision is sent by post.", "en"),
    ("Lähetä hakemus meille", "fi"),
    ("Skicka ansökan till oss", "sv"),
])
def test_detects_fi_sv_en(text, lang):
    d = langid.detect(text)
    assert d.lang == lang and d.confidence >= 0.9, d


def test_too_short_text_is_undecided():
    assert langid.detect("OK").lang is None


# LANG rules ---------------------------------------------------------------------------------------------------
FI_TEXT = ("<p>Kunta myöntää avustuksia yhdistyksille. Hakemus pitää lähettää ennen maaliskuun loppua, ja päätökset "
           "tehdään huhtikuussa.</p>")
SV_TEXT = "<p>Kommunen beviljar understöd till föreningar. Ansökan ska skickas före slutet av mars.</p>"


def _lang(tmp_path, html):
    return [(f.rule, f.outcome, f.selector, f.message) for f in run(tmp_path, html, "LANG-")]


def test_lang_1_missing_or_invalid_names_the_language(tmp_path):
    got = _lang(tmp_path, fi_page(FI_TEXT, lang=None))
    assert [(r, o, s) for r, o, s, _ in got] == [("LANG-1", "fail", "html")]
    assert 'lang="fi"' in got[0][3] and "Finnish" in got[0][3]
    got = _lang(tmp_path, fi_page(FI_TEXT, lang="suomi"))
    assert [(r, o) for r, o, _, _ in got] == [("LANG-1", "fail")] and "not a valid language tag" in got[0][3]
    assert _lang(tmp_path, fi_page(FI_TEXT, lang=" "))[0][0] == "LANG-1"


def test_lang_2_page_lang_not_the_language_of_its_text(tmp_path):
    got = _lang(tmp_path, fi_page(FI_TEXT, lang="en"))
    assert [(r, o) for r, o, _, _ in got] == [("LANG-2", "fail")], got  # and no LANG-3 for every block
    assert "Finnish" in got[0][3]
    # Few words: only a review.
    got = _lang(tmp_path, "<html lang='en'><head><title>x</title></head>"
                          "<body><p>Lähetä hakemus meille</p></body></html>")
    assert [(r, o) for r, o, _, _ in got] == [("LANG-2", "review")], got
    assert _lang(tmp_path, fi_page(FI_TEXT, lang="fi-FI")) == []


def test_lang_3_part_in_another_language_without_lang(tmp_path):
    got = _lang(tmp_path, fi_page(FI_TEXT + SV_TEXT))
    assert [(r, o, s) for r, o, s, _ in got] == [("LANG-3", "fail", "body > main > p:nth-of-type(2)")], got
    assert 'lang="sv"' in got[0][3]
    marked = SV_TEXT.replace("<p>", '<p lang="sv">')
    assert _lang(tmp_path, fi_page(FI_TEXT + marked)) == []
    # A short link in another language (a language switcher) is not a finding.
    assert _lang(tmp_path, fi_page(FI_TEXT + '<p><a href="/sv/">På svenska</a></p>')) == []


@pytest.mark.parametrize("code,hard,plain", CASES)
def test_pl_fi_findings_carry_messages_in_three_languages(tmp_path, code, hard, plain):
    f = next(f for f in run(tmp_path, fi_page(f"<p>{hard}</p>")) if f.rule == code)
    assert set(f.messages) == {"en", "fi", "sv"} and f.message == f.messages["en"]
    assert len({f.messages["en"], f.messages["fi"], f.messages["sv"]}) == 3
