"""LANG-3 on short and name-like text (issue 13, item 9): a floor of words and letters, a prior toward the
page's languages for short strings, names exempt; real lingua and Voikko. Both sides are tested: a real passage
in another language is still found."""
from __future__ import annotations

import pytest

from auditor import engine, registry
from auditor.registry import PageArtifacts
from auditor.text import langid


def lang3(tmp_path, lang: str, body: str) -> list:
    d = tmp_path / f"p{len(list(tmp_path.iterdir()))}"
    d.mkdir()
    html = f'<!doctype html><html lang="{lang}"><head><title>Sivu</title></head><body><main>{body}</main></body></html>'
    (d / "dom.html").write_text(html, encoding="utf-8")
    art = PageArtifacts(url="http://127.0.0.1/x", viewports={"desktop": {}}, page={"dom": {"file": "dom.html"}},
                        dir=str(d))
    return [f for f in engine.run_rules(registry.select(["LANG-3"]), art, ["desktop"]) if f.rule == "LANG-3"]


FI_TEXT = ("<p>Voit hakea rakennuslupaa sähköisesti. Liitä hakemukseen pääpiirustukset ja selvitys tontin "
           "omistuksesta.</p>")
EN_TEXT = "<p>You can apply for a building permit online. Attach the drawings and proof that you own the plot.</p>"


@pytest.mark.parametrize("control", [
    "Send me a copy of form",          # lingua alone: Danish 0.77
    "Sort by date or relevance",       # lingua alone: Dutch 0.83
    "Add another attachment to the application",
    "Remember me on this computer",
])
def test_short_english_control_on_english_page_gets_no_lang3(tmp_path, control):
    body = EN_TEXT + f'<form><label for="x">{control}</label><input id="x" type="checkbox"></form>'
    assert lang3(tmp_path, "en", body) == []


@pytest.mark.parametrize("control", ["Send me a copy of form", "Sort by date or relevance"])
def test_short_english_control_on_finnish_page_is_never_called_another_language(tmp_path, control):
    body = FI_TEXT + f'<form><label for="x">{control}</label><input id="x" type="checkbox"></form>'
    for f in lang3(tmp_path, "fi", body):
        assert f.evidence["detected"] in ("en",), f.message


@pytest.mark.parametrize("text", [
    "Esimerkkilän Kunnantalo",                       # a name
    "Kunnantalontie 1, 12345 Esimerkkilä",           # an address
    "Matti Meikäläinen ja Maija Meikäläinen",        # names joined by a Finnish word
    "Tervetuloa",                                    # one word
    "Hej då",                                        # under the floor of words and letters
    "Helsinki Vantaa Espoo Kauniainen",
])
def test_names_and_short_strings_get_no_lang3(tmp_path, text):
    assert lang3(tmp_path, "en", EN_TEXT + f"<p>{text}</p>") == []
    assert lang3(tmp_path, "sv", "<p>Du kan ansöka om bygglov på nätet. Bifoga ritningarna.</p>"
                 + f"<p>{text}</p>") == []


def test_real_swedish_passage_on_finnish_page_is_still_a_failure(tmp_path):
    got = lang3(tmp_path, "fi", FI_TEXT + "<p>Du kan ansöka om bygglov på nätet. Bifoga ritningarna och ett intyg "
                                          "om att du äger tomten.</p>")
    assert [(f.outcome, f.evidence["detected"]) for f in got] == [("fail", "sv")]
    assert got[0].messages["fi"].startswith("Tämä osa on ruotsia") and got[0].messages["sv"]


def test_real_english_sentence_of_eight_words_on_finnish_page_is_found(tmp_path):
    got = lang3(tmp_path, "fi", FI_TEXT + "<p>Please read the instructions before you fill in the form.</p>")
    assert [f.evidence["detected"] for f in got] == ["en"]


def test_prior_and_name_helpers():
    d = langid.detect("Sort by date or relevance")
    assert d.lang == "nl"  # what lingua alone says (the reason for the prior)
    assert langid.with_prior(d, frozenset({"en", "fi", "sv"}), 10.0).confidence < 0.7 or \
        langid.with_prior(d, frozenset({"en", "fi", "sv"}), 10.0).lang == "en"
    assert langid.name_like("Matti Meikäläinen") and not langid.name_like("Lähetä hakemus meille ajoissa")
