"""Issue 14: the misread and missed Finnish forms, with real Voikko, each with sentences of its kind that must and
must not be flagged (positive and negative), and the rewrites built from a sentence's own words."""
from __future__ import annotations

import pytest

from auditor.text import fi, fi_morph, fi_rewrite
from auditor.text.tokenize import split_sentences


def analyse(text: str):
    state = fi.PageState()
    s = split_sentences(text)[0]
    return fi.analyse_sentence(s.text, s.tokens, 0, s.start, s.end, state)


def codes(text: str) -> set[str]:
    return {i.code for i in analyse(text).issues}


def issue(text: str, code: str):
    return next(i for i in analyse(text).issues if i.code == code)


# --- ole / voi are not imperatives; the obligation is flagged ------------------------------------------------
def test_issue_sentence_obligation_flagged_and_not_addressing():
    r = analyse("Hakijan tulee toimittaa liitteet, mikäli niitä ei ole toimitettu.")
    assert r.features["addresses_reader"] is False
    assert "PL-FI-12" in {i.code for i in r.issues}


NOT_ADDRESSING = [
    "Hakemusta ei ole vielä käsitelty.",
    "Päätöksestä ei voi valittaa.",
    "Hakija voi valittaa päätöksestä.",
    "Asiakas saa päätöksen postitse.",
    "Hän ei ole saanut vastausta.",
    "Liitteitä ei tee kukaan puolestasi valmiiksi ilman pyyntöä.",
    "Kunta voi periä maksun.",
    "Lomaketta ei voi lähettää ilman allekirjoitusta.",
    "Emme ole saaneet hakemustasi.",
    "Palvelu ei ole käytössä viikonloppuisin.",
    "Virasto käy hakemukset läpi viikoittain.",
]
ADDRESSING = [
    "Ole hyvä ja täytä lomake.",
    "Älä lähetä alkuperäisiä todistuksia.",
    "Voit valittaa päätöksestä.",
    "Lähetä hakemus viimeistään perjantaina.",
    "Täytä lomake ja tuo se toimistoon.",
    "Jos et ole saanut vastausta, soita meille.",
    "Saat päätöksen postitse.",
    "Tee ilmoitus verkossa.",
    "Älä tee ilmoitusta kahteen kertaan.",
    "Voitte asioida myös ruotsiksi.",
    "Liitä hakemukseen todistus.",
]


@pytest.mark.parametrize("text", NOT_ADDRESSING)
def test_connegative_and_indicative_are_not_imperative(text):
    assert analyse(text).features["addresses_reader"] is False, text


@pytest.mark.parametrize("text", ADDRESSING)
def test_imperative_and_second_person_address_the_reader(text):
    assert analyse(text).features["addresses_reader"] is True, text


OBLIGATIONS = [
    "Hakemus tulee toimittaa kirjaamoon.",
    "Hakijan tulee liittää hakemukseen todistus.",
    "Maksu tulee suorittaa eräpäivään mennessä.",
    "Ilmoitus tulee tehdä kahden viikon kuluessa.",
    "Hakemus on lähetettävä viimeistään maanantaina.",
    "Asiakirjat ovat toimitettava alkuperäisinä.",
    "Hakijan tulisi varata aika etukäteen.",
    "Hakemukseen tulee liittää tositteet, jos niitä ei ole jo toimitettu.",
    "Lomake tulee allekirjoittaa.",
    "Muutoksesta tulee ilmoittaa heti.",
    "Todistus on esitettävä pyydettäessä.",
]
NOT_OBLIGATIONS = [
    "Lähetä hakemus kirjaamoon.",
    "Sinun pitää liittää hakemukseen todistus.",
    "Hakemus tulee käsittelyyn ensi viikolla.",
    "Päätös tulee voimaan vuoden alussa.",
    "Kesä tulee pian.",
    "Hakija tulee toimistoon aamulla.",
    "Maksa lasku eräpäivään mennessä.",
    "Ilmoita muutoksesta heti.",
    "Hakemus on käsittelyssä.",
    "Tulos tulee postissa.",
    "Varaa aika etukäteen.",
]


@pytest.mark.parametrize("text", OBLIGATIONS)
def test_impersonal_obligation_flagged(text):
    assert "PL-FI-12" in codes(text), text


@pytest.mark.parametrize("text", NOT_OBLIGATIONS)
def test_no_obligation_no_pl_fi_12(text):
    assert "PL-FI-12" not in codes(text), text


# --- temporal clause-equivalents with a genitive subject ------------------------------------------------------
TEMPORAL = {
    "Lomakkeen saavuttua käsittelemme sen.": "Kun lomake on saapunut",
    "Päätöksen tultua voimaan hakija voi valittaa.": "Kun päätös on tullut",
    "Käsittelyn päätyttyä saat päätöksen.": "Kun käsittely on päättynyt",
    "Hakemuksen saavuttua lähetämme kuittauksen.": "Kun hakemus on saapunut",
    "Kokouksen alettua ovet suljetaan.": "Kun kokous on alkanut",
    "Lain tultua voimaan asetus kumoutui.": "Kun laki on tullut",
    "Määräajan päätyttyä hakemuksia ei oteta vastaan.": "Kun määräaika on päättynyt",
    "Asiakkaan saavuttua paikalle palvelu alkaa.": "Kun asiakas on saapunut",
    "Sopimuksen päätyttyä tiedot poistetaan.": "Kun sopimus on päättynyt",
    "Tarkastuksen jälkeen, asiakkaan lähdettyä, tila siivotaan.": "kun asiakas on lähtenyt",
    "Saatuasi päätöksen voit valittaa siitä.": "Kun olet saanut",
    "Saatuaan päätöksen hakija voi valittaa.": "Kun hän on saanut",
}
NOT_TEMPORAL = [
    "Kun lomake on saapunut, käsittelemme sen.",
    "Aiemmin tehtyä työtä ei korvata.",
    "Hakija toimitti pyydettyä aineistoa.",
    "Päätös tuli voimaan vuoden alussa.",
    "Käsittely päättyi eilen.",
    "Lomake saapui perjantaina.",
    "Kun käsittely on päättynyt, saat päätöksen.",
    "Hän osti käytettyä tavaraa.",
    "Kokous alkoi ajallaan.",
    "Sopimus päättyy vuoden lopussa.",
    "Tarkastus valmistui ajallaan.",
    "Saat vastauksen viikon kuluttua.",
]


@pytest.mark.parametrize("text,rewrite", list(TEMPORAL.items()))
def test_temporal_clause_equivalent_flagged_with_kun_rewrite(text, rewrite):
    i = issue(text, "PL-FI-5")
    assert i.suggestion.startswith(rewrite), (text, i.suggestion)
    assert rewrite in i.text("fi") and rewrite in i.text("en") and rewrite in i.text("sv")


def test_temporal_without_a_safe_rewrite_says_what_to_change():
    """"valmistua" is derived from "valmistaa": its own infinitive is not in Voikko's analysis, so no rewrite
    (a wrong "kun tarkastus on valmistanut" would be worse than none)."""
    i = issue("Tarkastuksen valmistuttua saat raportin.", "PL-FI-5")
    assert i.suggestion == "" and "valmistanut" not in i.text("fi")
    assert "sivulauseeksi" in i.text("fi")


@pytest.mark.parametrize("text", NOT_TEMPORAL)
def test_no_clause_equivalent(text):
    assert "PL-FI-5" not in codes(text), text


# --- nominal style: every case of the -minen noun counts, PL-FI-4 at its documented threshold ------------------
MINEN_CASES = ["käsitteleminen", "käsittelemisen", "käsittelemistä", "käsittelemisessä", "käsittelemiseksi",
               "käsittelemisestä", "käsittelemiseen", "käsittelemisellä", "käsittelemiselle", "käsittelemisenä",
               "käsittelemiset", "käsittelemisiä", "käsittelemisten"]


@pytest.mark.parametrize("form", MINEN_CASES)
def test_minen_noun_counted_in_every_case(form):
    tok = fi_morph.analyse_sentence(["Asian", form, "alkoi", "."])[1]
    assert tok.deverbal == "minen", form


NOMINAL = [
    "Asian käsitteleminen edellyttää todistusten esittämistä.",
    "Lupien myöntäminen edellyttää selvityksen tekemistä.",
    "Hakemuksen käsitteleminen ja päätöksen tekeminen kestää viikon.",
    "Asiakirjojen toimittaminen on edellytys asian käsittelemiselle.",
    "Maksun suorittaminen tapahtuu laskun saapumisen jälkeen.",
    "Tietojen tallentaminen vaatii lomakkeen täyttämistä.",
    "Virheiden korjaaminen edellyttää tietojen tarkistamista.",
    "Luvan hakeminen onnistuu lomakkeen lähettämisellä.",
    "Palvelun käyttäminen edellyttää tunnistautumista ja kirjautumista.",
    "Ajan varaaminen tapahtuu soittamalla tai verkossa asioimalla, mutta peruuttaminen vain soittamalla.",
    "Hakemuksen käsittelyssä huomioidaan liitteiden toimittaminen ja niiden tarkastaminen.",
]
NOT_NOMINAL = [
    "Käsittelemme asian, kun olet esittänyt todistukset.",
    "Myönnämme luvan, kun olet tehnyt selvityksen.",
    "Lähetä hakemus meille.",
    "Hakemus on käsittelyssä.",
    "Saat vastauksen viikossa.",
    "Täytä lomake huolellisesti.",
    "Kokous alkaa kello yhdeksän.",
    "Voit maksaa laskun verkossa.",
    "Korjaamme virheet heti.",
    "Varaa aika puhelimella.",
    "Tallennamme tiedot, kun täytät lomakkeen.",
]


@pytest.mark.parametrize("text", NOMINAL)
def test_nominal_style_flagged(text):
    r = analyse(text)
    assert r.features["nominals"] >= fi.NOMINALS
    assert "PL-FI-4" in {i.code for i in r.issues}, text


@pytest.mark.parametrize("text", NOT_NOMINAL)
def test_no_nominal_style(text):
    r = analyse(text)
    assert "PL-FI-4" not in {i.code for i in r.issues}, text
    assert r.features["nominals"] < fi.NOMINALS


def test_nominal_count_is_the_compared_weight():
    """The count reported (nominals_per_100) is the weight PL-FI-4 compares with its threshold."""
    r = analyse("Asian käsitteleminen edellyttää todistusten esittämistä.")
    assert r.features["nominals"] == 2.5  # two -minen nouns (1 each) and "todistus" (0.5)
    assert "2,5" in issue("Asian käsitteleminen edellyttää todistusten esittämistä.", "PL-FI-4").text("fi")


# --- suggestions from the sentence's own words ---------------------------------------------------------------
def test_passive_with_named_agent_rewritten():
    i = issue("Hakemukset tarkastetaan viranomaisen toimesta.", "PL-FI-3")
    assert i.suggestion == "viranomainen tarkastaa"
    i = issue("Kunnan toimesta käsitellään hakemukset.", "PL-FI-3")
    assert i.suggestion == "kunta käsittelee"


def test_long_sentence_split_at_main_clause():
    text = ("Hakemus on jätettävä viimeistään kaksi viikkoa ennen tilaisuutta, ja siihen on liitettävä selvitys "
            "tilaisuuden järjestäjästä, osallistujien arvioidusta määrästä, tilaisuuden kestosta sekä suunnitellusta "
            "paikasta ja sen omistajan luvasta.")
    i = issue(text, "PL-FI-1")
    assert "tilaisuutta. Siihen on liitettävä" in i.suggestion


def test_long_sentence_without_main_boundary_names_its_clauses():
    text = ("Hakemus käsitellään siinä järjestyksessä, jossa se on saapunut kirjaamoon, koska käsittelyjärjestys "
            "perustuu lakiin, joka koskee kaikkia niitä hakijoita, jotka ovat jättäneet hakemuksensa ja sen "
            "liitteet määräajassa.")
    i = issue(text, "PL-FI-1")
    assert i.suggestion == ""
    assert "’koska’" in i.text("fi") and "’jossa’" in i.text("fi")


def test_generated_forms_are_checked_by_voikko():
    assert fi_rewrite.past_active_participle("saapua") == "saapunut"
    assert fi_rewrite.past_active_participle("tulla") == "tullut"
    assert fi_rewrite.past_active_participle("nousta") == "noussut"
    assert fi_rewrite.present_3sg("käsitellä") == "käsittelee"
    assert fi_rewrite.present_3sg("hakea") == "hakee"
    # No safe form: no rewrite rather than a wrong one.
    assert fi_rewrite.present_3sg("hylätä") is None
    assert fi_rewrite.past_active_participle("xyzzy") is None


def test_demo_site_finnish_pages_show_each_kind_of_rewrite(tmp_path):
    """The demo site's Finnish pages carry at least one rewrite of each kind, in the findings' messages (all three
    languages) and in their evidence, which the report's plain-language view shows beside the sentence."""
    from pathlib import Path

    from auditor import engine, registry
    from auditor.registry import PageArtifacts

    root = Path(__file__).resolve().parent.parent / "auditor" / "demo_site"
    seen: dict[str, list[str]] = {}
    for i, page in enumerate(sorted(root.rglob("*.html"))):
        html = page.read_text(encoding="utf-8")
        if 'lang="fi"' not in html[:300]:
            continue
        d = tmp_path / f"p{i}"
        d.mkdir()
        (d / "dom.html").write_text(html, encoding="utf-8")
        art = PageArtifacts(url=f"http://127.0.0.1/{page.name}", viewports={"desktop": {}},
                            page={"dom": {"file": "dom.html"}}, dir=str(d))
        for f in engine.run_rules(registry.select(["PL-FI-"]), art, ["desktop"]):
            sug = f.evidence.get("suggestion")
            if sug:
                assert sug in f.messages["fi"] and sug in f.message and sug in f.messages["sv"]
                seen.setdefault(f.rule, []).append(sug)
    assert any(s.startswith("Kun ") and " on " in s for s in seen.get("PL-FI-5", [])), seen
    assert "rakennusvalvontaviranomainen tarkastaa" in seen.get("PL-FI-3", []), seen
    assert any(". " in s for s in seen.get("PL-FI-1", [])), seen


@pytest.mark.parametrize("text", [
    # The left half is only a subordinate clause: no split.
    "Koska menettely on kovin virallinen ja harvoin käytetty, epäluottamuslauseen jättäminen on harvinaista, ja "
    "sitä käytetään vain silloin, kun muut keinot on jo kokeiltu eikä niistä ole ollut apua.",
    # The right half opens a subordinate clause: no split there.
    "Hakemus käsitellään saapumisjärjestyksessä ja siitä tehdään päätös viimeistään kuukauden kuluessa, joten "
    "jos hakemus on puutteellinen, käsittely voi viivästyä usealla viikolla ja päätös myöhästyä useita viikkoja "
    "tavallisesta.",
])
def test_no_split_where_a_half_is_not_a_main_clause(text):
    i = issue(text, "PL-FI-1")
    assert not i.suggestion.startswith("Koska") and "Jos hakemus" not in i.suggestion, i.suggestion


def test_derived_verb_participle_gets_no_wrong_rewrite():
    i = issue("Valmistuttuaan hän muutti Turkuun.", "PL-FI-5")
    assert i.suggestion == "" and "valmistanut" not in i.text("fi")


def test_text_command_json_carries_suggestion_and_messages():
    """`auditor text` (its JSON, and the human output, which prints the message) shows the rewrite."""
    from auditor.text import cli

    doc = cli.analyse("Lomakkeen saavuttua käsittelemme sen viikon kuluessa. Lähetämme sinulle päätöksen "
                      "kirjeenä, ja voit kysyä meiltä lisää puhelimitse tai sähköpostitse kaikkina arkipäivinä "
                      "kello yhdeksästä neljään.", "-", "fi")
    issues = [i for s in doc["languages"]["fi"]["sentence_list"] for i in s["issues"]]
    pl5 = next(i for i in issues if i["code"] == "PL-FI-5")
    assert pl5["suggestion"] == "Kun lomake on saapunut" and "Kun lomake on saapunut" in pl5["message"]
    assert pl5["message"] == pl5["messages"]["fi"] and set(pl5["messages"]) == {"en", "fi", "sv"}
