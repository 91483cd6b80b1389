"""Plain language and language of parts end to end: a crawl with real Chromium and real Voikko over a fixture site
on 127.0.0.1, and the `auditor text` command on files and standard input."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from auditor.text import score
from tests.conftest import ROOT, last_run, page, run_cli

pytestmark = pytest.mark.e2e

HARD = ("Hakemuksen osalta on huomioitava, että rakennuslupahakemuksen käsittelyn suorittaminen tapahtuu kunnan "
        "rakennusvalvontaviranomaisen toimesta, ja hakemus tulee toimittaa kirjaamoon viimeistään kaksi viikkoa "
        "ennen suunniteltua rakentamisen aloittamista, mikäli rakentaminen halutaan aloittaa kesällä.")
HARD2 = ("Saatuaan päätöksen hakija voi hakea siihen muutosta, eikä päätöksen täytäntöönpanoa ole mahdotonta "
         "keskeyttää, mikäli valitus tehdään ennen määräajan päättymistä.")
PLAIN = ("Tarvitset rakennusluvan, kun rakennat talon. Lähetä hakemus meille kaksi viikkoa ennen kuin aloitat. "
         "Käsittelemme hakemuksen ja kerromme päätöksen sinulle. Jos et ole tyytyväinen päätökseen, voit valittaa. "
         "Kysy meiltä, jos jokin on epäselvää. Autamme mielellämme.")
SV = "Kommunen beviljar bygglov för småhus. Ansökan ska skickas till byggnadstillsynen före arbetet börjar."
EN = ("The municipality grants building permits for houses. Send your application two weeks before you start "
      "building, and we will tell you our decision.")


def test_crawl_flags_sentences_scores_pages_and_checks_language_of_parts(site_factory, tmp_path):
    site = site_factory({
        "index.html": page("Rakennuslupa", f'<p>{HARD}</p><p>{HARD2}</p><p>{SV}</p>'
                                           '<p><a href="selkea.html">Selkeä ohje</a> <a href="en.html">Info</a></p>'),
        "selkea.html": page("Rakennuslupa selkeästi", f"<p>{PLAIN}</p>"),
        "en.html": page("Building permit", f"<p>{EN}</p>", lang="fi"),
    })
    out = tmp_path / "out"
    run_cli("audit", site.url, "--viewports", "desktop", "--no-screenshots", out=out, check=True)
    st, rid = last_run(out)
    pages = {p["url"].replace(site.url, "/"): p for p in st.pages(rid)}
    findings = st.findings(rid)
    by_page: dict[str, list[dict]] = {}
    for f in findings:
        path = next(k for k, p in pages.items() if p["id"] == f["page_id"])
        by_page.setdefault(path, []).append(f)

    index = by_page["/"]
    long_sentence = [f for f in index if f["rule"] == "PL-FI-1"]
    assert len(long_sentence) == 1 and long_sentence[0]["snippet"] == HARD
    f = long_sentence[0]
    assert f["advisory"] and f["outcome"] == "fail" and f["wcag"] == ["3.1.5"] and f["level"] == "AAA"
    assert f["selector"] == "body > main > p:nth-of-type(1)" and f["viewports"] == ["desktop"]
    assert f["messages"]["fi"].startswith("Virkkeessä on ") and f["evidence"]["sentence"] == HARD
    assert f["message"].startswith("The sentence has ") and f["messages"]["sv"].startswith("Meningen har ")
    # Each sentence is its own finding; the second paragraph has a clause-equivalent and a negation chain.
    assert {"PL-FI-5", "PL-FI-8"} <= {x["rule"] for x in index if x["selector"].endswith("p:nth-of-type(2)")}
    # The Swedish paragraph without its own lang: language of parts (3.1.2).
    lang3 = [x for x in index if x["rule"] == "LANG-3"]
    assert [(x["outcome"], x["selector"]) for x in lang3] == [("fail", "body > main > p:nth-of-type(3)")]
    assert lang3[0]["wcag"] == ["3.1.2"] and not lang3[0]["advisory"]
    # Plain-language findings never count as WCAG failures: not in the failure count, not in the page score.
    wcag_fails = [x for x in findings if x["outcome"] == "fail" and not x["advisory"]]
    assert st.counts(rid)["failures"] == len(wcag_fails)
    assert pages["/selkea.html"]["score"] == 100.0

    # English text under lang="fi": the page's language is wrong (3.1.1).
    lang2 = [x for x in by_page.get("/en.html", []) if x["rule"] == "LANG-2"]
    assert [x["outcome"] for x in lang2] == ["fail"] and "English" in lang2[0]["message"]
    assert not [x for x in by_page.get("/en.html", []) if x["rule"] == "LANG-3"]

    # Page metrics: the plain-language score per language, stored with the page; the site score from them.
    pl = {k: p["metrics"]["plain_language"] for k, p in pages.items()}
    hard_fi, plain_fi = pl["/"]["languages"]["fi"], pl["/selkea.html"]["languages"]["fi"]
    assert hard_fi["score"] < plain_fi["score"] - 20, (hard_fi["score"], plain_fi["score"])
    assert plain_fi["band"]["band"] in ("easy", "clear") and hard_fi["band"]["band"] in ("hard", "very-hard")
    assert "sv" in pl["/"]["languages"] and pl["/en.html"]["content_lang"]["lang"] == "en"
    site = score.site_scores(p["metrics"]["plain_language"] for p in pages.values())
    assert site["languages"]["fi"]["score"] is not None and site["band"]

    # Rules re-run on the stored artifacts (no browser) give the same findings and the same page metrics.
    run_cli("rerun", str(rid), out=out, env={"AUDITOR_BROWSER": "/nonexistent"}, check=True)
    _, rid2 = last_run(out)
    again = {p["url"]: p["metrics"] for p in st.pages(rid2)}
    assert again == {p["url"]: p["metrics"] for p in st.pages(rid)}
    key = sorted((f["rule"], f["selector"], f["snippet"]) for f in findings)
    assert sorted((f["rule"], f["selector"], f["snippet"]) for f in st.findings(rid2)) == key


def test_text_command_on_html_file_stdin_and_bad_input(tmp_path):
    html = tmp_path / "sivu.html"
    html.write_text(page("Rakennuslupa", f"<p>{HARD}</p><p>{SV}</p>", lang="fi"), encoding="utf-8")
    cmd = [sys.executable, "-m", "auditor.cli", "text"]
    p = subprocess.run(cmd + ["--json", str(html)], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert p.returncode == 0, p.stderr
    doc = json.loads(p.stdout)
    assert doc["schema"] == "auditor-text/1" and doc["format"] == "html" and doc["page_lang"] == "fi"
    fi = doc["languages"]["fi"]
    flagged = fi["sentence_list"]
    assert [s["text"] for s in flagged] == [HARD]
    assert {"PL-FI-1", "PL-FI-2", "PL-FI-11", "PL-FI-12"} <= {i["code"] for i in flagged[0]["issues"]}
    assert [(f["rule"], f["outcome"]) for f in doc["findings"]] == [("LANG-3", "fail")]
    # Per-block metrics: the hard paragraph alone (one sentence) and the Swedish one in Swedish.
    para = next(b for b in doc["blocks"] if b["selector"] == "body > main > p:nth-of-type(1)")
    assert para["lang"] == "fi" and para["sentences"] == 1 and para["words_per_sentence"] == flagged[0]["words"]
    assert {"lix", "wiio", "letters_per_word"} <= set(para)
    assert next(b for b in doc["blocks"] if b["selector"] == "body > main > p:nth-of-type(2)")["lang"] == "sv"

    # Plain text from standard input, in the human format; --lang forces the language.
    p = subprocess.run(cmd + ["-"], input=PLAIN + "\n\n" + HARD, capture_output=True, text=True, cwd=ROOT,
                       timeout=120)
    assert p.returncode == 0, p.stderr
    assert "[fi] plain-language score" in p.stdout and "PL-FI-1: Virkkeessä on" in p.stdout
    p = subprocess.run(cmd + ["--lang", "en", "--json", "-"], input=EN, capture_output=True, text=True, cwd=ROOT,
                       timeout=120)
    assert list(json.loads(p.stdout)["languages"]) == ["en"]

    # Bad input: a clear message and exit 2, never a traceback.
    for args, msg in ((["/nonexistent/file.html"], "no such file"), (["--lang", "de", "-"], "Invalid value")):
        p = subprocess.run(cmd + args, input="", capture_output=True, text=True, cwd=ROOT, timeout=60)
        assert p.returncode == 2 and msg in p.stderr and "Traceback" not in p.stderr, p.stderr
    binary = tmp_path / "kuva.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    p = subprocess.run(cmd + [str(binary)], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert p.returncode == 2 and "not a text or HTML file" in p.stderr
