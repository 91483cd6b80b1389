"""SV rules over hand-built artifacts (no browser): each rule's passing and failing case, and the pure helpers."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from auditor import engine, registry
from auditor.registry import SiteArtifacts, SitePage
from rules.service import common, languages, security, statement
from tests.test_service_pdf import make_pdf

BASE = "https://kunta.example"


def _page(tmp: Path, path: str, html: str = "", *, kind: str = "html", lang: str | None = "fi",
          hreflang: dict[str, str] | None = None, headers: dict | None = None, network: list | None = None,
          cookies: list | None = None, probe: dict | None = None, status: int = 200, body: bytes | None = None,
          content_type: str = "text/html", error: str = "", referrer: str = "") -> SitePage:
    url = BASE + path
    d = tmp / str(abs(hash(url)))
    d.mkdir(parents=True, exist_ok=True)
    links: list[str] = []
    if kind == "html":
        import re

        doc = f'<html lang="{lang}"><head><title>{path}</title></head><body>{html}</body></html>' if lang else \
            f"<html><head><title>{path}</title></head><body>{html}</body></html>"
        (d / "dom.html").write_text(doc, encoding="utf-8")
        links = [h if h.startswith(("http", "mailto")) else BASE + h for h in re.findall(r'href="([^"]+)"', html)]
        facts = {"url": url, "final_url": url, "lang": lang, "links": links,
                 "hreflang": [{"hreflang": k, "href": BASE + v} for k, v in (hreflang or {}).items()],
                 "headers": headers if headers is not None else {"content-type": "text/html"},
                 "network": network or [], "cookies": {"cookies": cookies or []}, "https_probe": probe or {}}
        (d / "page.json").write_text(json.dumps(facts), encoding="utf-8")
    if body is not None:
        (d / "document.bin").write_bytes(body)
    return SitePage(url=url, kind=kind, status=status, title=path, content_type=content_type, depth=1,
                    referrer=referrer, links=tuple(links), dir=str(d), error=error)


def _site(*pages: SitePage, today: str | None = None) -> SiteArtifacts:
    return SiteArtifacts(seeds=(BASE + "/",), pages=pages, options={"service_today": today} if today else {})


def _hits(code: str, site: SiteArtifacts) -> list:
    rule = registry.discover()[code]
    return list(rule.func(site))


FOOT = '<footer><a href="/saavutettavuusseloste.html">Saavutettavuusseloste</a> <a href="/palaute.html">Palaute</a></footer>'
STATEMENT = ("<main><h1>Saavutettavuusseloste</h1><p>Sivusto täyttää WCAG 2.1 AA-tason vaatimukset osittain.</p>"
             "<h2>Ei-saavutettava sisältö</h2><p>Osa kuvista on ilman tekstivastinetta.</p>"
             "<p>Seloste on laadittu 1.3.2026 ja päivitetty 2.6.2026.</p>"
             "<h2>Palaute</h2><p>Sähköposti: palaute@kunta.example</p>"
             "<h2>Valvontaviranomainen</h2><p>Lupa- ja valvontavirasto, saavutettavuusvaatimukset.fi</p></main>")


# Statement -----------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text,expected", [
    ("Seloste on laadittu 15.9.2025 ja päivitetty 20.11.2025.", dt.date(2025, 11, 20)),
    ("Utlåtandet har utarbetats den 3 mars 2024.", dt.date(2024, 3, 3)),
    ("This statement was last reviewed on March 5, 2025. Next review 2030-01-01.", dt.date(2025, 3, 5)),
    ("Seloste on päivitetty syyskuussa 2025.", dt.date(2025, 9, 30)),
    ("Korjaamme puutteet vuoden 2026 aikana.", None),
])
def test_statement_date(text, expected):
    got = statement.statement_date(text, dt.date(2026, 11, 27))
    assert (got[0] if got else None) == expected


def test_statement_parts_complete_and_missing():
    today = dt.date(2026, 11, 27)
    text = ("Sivusto täyttää WCAG 2.1 AA-tason vaatimukset osittain.\nEi-saavutettava sisältö\n"
            "Osa kuvista on ilman tekstivastinetta.\nSeloste on laadittu 1.3.2026.\nPalaute\n"
            "Sähköposti: palaute@kunta.example\nValvontaviranomainen\nLupa- ja valvontavirasto")
    full = statement.check_statement(text, [], today)
    assert full.missing == [] and "osittain" in full.parts["status"] and full.date == dt.date(2026, 3, 1)
    part = statement.check_statement("Webbplatsen uppfyller delvis kraven i WCAG 2.1.\nInga brister.", [], today)
    assert part.missing == ["date", "feedback", "authority"]
    # The supervisory authority may be only a link.
    linked = statement.check_statement(text.rsplit("\n", 2)[0], [("https://www.saavutettavuusvaatimukset.fi",
                                                                  "Saavutettavuusvaatimukset")], today)
    assert "authority" not in linked.missing


def test_statement_rules_pass_fail_and_missing(tmp_path):
    home = _page(tmp_path, "/", "<main><h1>Etusivu</h1></main>" + FOOT)
    good = _page(tmp_path, "/saavutettavuusseloste.html", STATEMENT + FOOT)
    fb = _page(tmp_path, "/palaute.html", "<main><h1>Anna palautetta</h1><form></form></main>" + FOOT)
    site = _site(home, good, fb, today="2026-11-27")
    for code in ("SV-1", "SV-2", "SV-3", "SV-4", "SV-6", "SV-7"):
        assert _hits(code, site) == [], code
    review = _hits("SV-5", site)
    assert len(review) == 1 and review[0].evidence["missing"] == []
    # A year and a half later the same statement is out of date.
    old = _hits("SV-4", _site(home, good, fb, today="2027-12-31"))
    assert len(old) == 1 and old[0].evidence["date"] == "2026-06-02" and old[0].evidence["age_days"] > 365
    # A statement missing parts.
    thin = _page(tmp_path / "thin", "/saavutettavuusseloste.html",
                 "<main><h1>Saavutettavuusseloste</h1><p>Sivusto täyttää vaatimukset osittain.</p></main>")
    hits = _hits("SV-3", _site(home, thin, fb, today="2026-11-27"))
    assert len(hits) == 1 and set(hits[0].evidence["missing"]) == {"non_accessible", "date", "feedback", "authority"}
    # No statement anywhere.
    bare = _page(tmp_path / "bare", "/", "<main><h1>Etusivu</h1></main>")
    assert [h.url for h in _hits("SV-1", _site(bare))] == [BASE + "/"]


def test_statement_reachability_and_offsite_statement(tmp_path):
    far = _page(tmp_path, "/a.html", '<main><a href="/b.html">B</a></main>')
    b = _page(tmp_path, "/b.html", '<main><a href="/c.html">C</a></main>')
    c = _page(tmp_path, "/c.html", '<main><a href="https://seloste.example/x">Saavutettavuusseloste</a></main>')
    site = _site(far, b, c)
    assert _hits("SV-1", site) == []
    assert [h.url for h in _hits("SV-2", site)] == [BASE + "/a.html"]  # 3 clicks
    review = _hits("SV-5", site)
    assert len(review) == 1 and review[0].evidence["kind"] == "link only"


def test_click_distances():
    g = {"a": ("b",), "b": ("c",), "c": ("t",), "x": ()}
    assert common.click_distances(g, {"t"}, 2) == {"t": 0, "c": 1, "b": 2}


# Feedback ------------------------------------------------------------------------------------------------------------
def test_feedback_mailbox_counts_and_missing_channel(tmp_path):
    mail = _page(tmp_path, "/", '<main><a href="mailto:kirjaamo@kunta.example">Kirjaamo</a></main>')
    assert _hits("SV-6", _site(mail)) == [] and _hits("SV-7", _site(mail)) == []
    none = _page(tmp_path / "n", "/", '<main><a href="/a.html">A</a></main>')
    a = _page(tmp_path / "n", "/a.html", "<main>A</main>")
    assert len(_hits("SV-6", _site(none, a))) == 1


# Languages -----------------------------------------------------------------------------------------------------------
def test_language_counterparts_fallback_and_mismatch(tmp_path):
    sw = '<nav><a href="/sv/x.html" lang="sv" hreflang="sv">På svenska</a></nav>'
    fi = _page(tmp_path, "/x.html", sw, hreflang={"fi": "/x.html", "sv": "/sv/x.html"})
    sv = _page(tmp_path, "/sv/x.html", '<nav><a href="/x.html">Suomeksi</a></nav>', lang="sv",
               hreflang={"fi": "/x.html", "sv": "/sv/x.html"})
    site = _site(fi, sv)
    assert _hits("SV-8", site) == [] and _hits("SV-9", site) == [] and _hits("SV-10", site) == []
    cov = languages.language_coverage(site)
    assert cov["fi_with_sv_share"] == 1.0 and cov["sv_with_fi_share"] == 1.0
    # Switcher to the Swedish front page; Swedish counterpart that says lang="fi".
    inner = _page(tmp_path / "b", "/palvelut/y.html", '<nav><a href="/sv/" lang="sv">Svenska</a></nav>')
    front = _page(tmp_path / "b", "/sv/", "<main>Startsida</main>", lang="sv")
    wrong = _page(tmp_path / "b", "/sv/z.html", "<main>Svenska</main>", lang="fi")
    z = _page(tmp_path / "b", "/z.html", "", hreflang={"sv": "/sv/z.html"})
    site = _site(inner, front, wrong, z)
    assert [h.url for h in _hits("SV-9", site)] == [BASE + "/palvelut/y.html"]
    assert [h.url for h in _hits("SV-10", site)] == [BASE + "/sv/z.html"]
    cov_hit = _hits("SV-8", site)
    assert len(cov_hit) == 1 and BASE + "/palvelut/y.html" in cov_hit[0].evidence["fi_without_sv"]


def test_url_language_helpers():
    assert common.url_lang("https://x.fi/sv/tjanster/") == "sv"
    assert common.url_lang("https://x.fi/page?lang=sv-FI") == "sv"
    assert common.url_lang("https://sv.x.fi/") == "sv"
    assert common.url_lang("https://x.fi/svenska.html") == ""
    assert common.is_front_page("https://x.fi/sv/") and common.is_front_page("https://x.fi/en/index.html")
    assert not common.is_front_page("https://x.fi/sv/tjanster/")
    assert common.lang_of_name("På svenska") == "sv" and common.lang_of_name("Palvelut") == ""


# Security ------------------------------------------------------------------------------------------------------------
GOOD = {"strict-transport-security": "max-age=63072000", "content-security-policy": "default-src 'self'; "
        "frame-ancestors 'self'", "x-content-type-options": "nosniff", "referrer-policy": "no-referrer"}


def test_security_headers_and_hsts(tmp_path):
    ok = _page(tmp_path, "/", "", headers=GOOD)
    assert _hits("SV-13", _site(ok)) == [] and _hits("SV-17", _site(ok)) == []
    weak = _page(tmp_path / "w", "/", "", headers={"strict-transport-security": "max-age=600",
                                                   "x-frame-options": "DENY", "referrer-policy": "unsafe-url"})
    hsts = _hits("SV-13", _site(weak))
    assert len(hsts) == 1 and "max-age" in hsts[0].selector
    heads = {h.selector for h in _hits("SV-17", _site(weak))}
    assert heads == {"@header content-security-policy", "@header x-content-type-options", "@header referrer-policy"}
    assert security.header_problems({}, meta_csp="default-src 'self'").keys() == {
        "x-content-type-options", "referrer-policy", "frame-ancestors"}


def test_http_probe_mixed_content_forms(tmp_path):
    redirect = _page(tmp_path, "/", "", probe={"probe_url": "http://kunta.example/", "status": 301,
                                               "location": "https://kunta.example/"})
    assert _hits("SV-12", _site(redirect)) == []
    served = _page(tmp_path / "s", "/", '<img src="http://cdn.example/a.png" alt="a">'
                                        '<form action="http://kunta.example/send" method="post">'
                                        '<input type="password" name="p"></form>',
                   probe={"probe_url": "http://kunta.example/", "status": 200},
                   network=[{"url": "http://cdn.example/b.js", "status": 200, "type": "script"}])
    assert len(_hits("SV-12", _site(served))) == 1
    mixed = {h.evidence["resource"] for h in _hits("SV-14", _site(served))}
    assert mixed == {"http://cdn.example/a.png", "http://cdn.example/b.js"}
    forms = _hits("SV-15", _site(served))
    assert len(forms) == 1 and forms[0].impact == "serious" and "password" in forms[0].message


def test_cookie_flags(tmp_path):
    assert security.parse_set_cookie("sid=[value]; Path=/; HttpOnly\nlang=fi; Secure; SameSite=Lax") == [
        {"name": "sid", "secure": False, "httpOnly": True, "sameSite": "", "attrs": ["httponly", "path"]},
        {"name": "lang", "secure": True, "httpOnly": False, "sameSite": "Lax", "attrs": ["samesite", "secure"]}]
    p = _page(tmp_path, "/", "", headers={"set-cookie": "PHPSESSID=[value]; Path=/"},
              cookies=[{"name": "_ga", "domain": "kunta.example", "secure": True, "httpOnly": False,
                        "sameSite": "Lax"}])
    hits = _hits("SV-16", _site(p))
    assert len(hits) == 1 and hits[0].evidence["cookie"] == "PHPSESSID"
    assert set(hits[0].evidence["problems"]) == {"no Secure", "no HttpOnly (session cookie readable by scripts)",
                                                 "no SameSite"}


# Documents and links -------------------------------------------------------------------------------------------------
def test_documents_and_links(tmp_path):
    home = _page(tmp_path, "/", '<a href="/a.pdf">A</a> <a href="/b.pdf">B</a> <a href="/gone.html">Vanha</a>'
                                '<img src="/x.png" alt="x">',
                 network=[{"url": BASE + "/x.png", "status": 404, "type": "image"},
                          {"url": BASE + "/robots-blocked.png", "status": None, "type": "image",
                           "failure": "net::ERR_FAILED"}])
    good = _page(tmp_path, "/a.pdf", kind="document", body=make_pdf(12, outline=True), content_type="application/pdf")
    bad = _page(tmp_path, "/b.pdf", kind="document", content_type="application/pdf",
                body=make_pdf(12, title="b.pdf", lang=None, tagged=False, display_title=False, scanned=True))
    gone = _page(tmp_path, "/gone.html", kind="error", status=404, error="HTTP 404", referrer=BASE + "/")
    site = _site(home, good, bad, gone)
    for code in ("SV-19", "SV-20", "SV-21", "SV-22", "SV-23"):
        assert [h.url for h in _hits(code, site)] == [BASE + "/b.pdf"], code
    assert _hits("SV-18", site) == []
    assert "file name" in _hits("SV-20", site)[0].message
    links = _hits("SV-24", site)
    assert len(links) == 1 and links[0].url == BASE + "/" and links[0].evidence["status"] == 404
    imgs = _hits("SV-25", site)
    assert [h.evidence["resource"] for h in imgs] == [BASE + "/x.png"] and imgs[0].selector.endswith("img")


def test_site_rules_run_through_the_engine(tmp_path):
    """The engine turns SV hits into findings on the right pages, with evidence, help and references."""
    home = _page(tmp_path, "/", "<main>Etusivu</main>")
    doc = _page(tmp_path, "/a.pdf", kind="document", content_type="application/pdf",
                body=make_pdf(1, tagged=False))
    rules = [r for r in registry.select(["SV-"])]
    assert len(rules) == 25 and all(r.scope == "site" and r.area == "service" for r in rules)
    assert all(r.help_en and r.help_fi for r in rules)
    by_url = engine.run_site_rules(rules, _site(home, doc))
    untagged = [f for f in by_url[BASE + "/a.pdf"] if f.rule == "SV-19"]
    assert untagged and untagged[0].en301549 == ("10.1.3.1",) and untagged[0].wcag == ("1.3.1",)
    assert untagged[0].evidence["law"].startswith("306/2019")
    assert not [f for fs in by_url.values() for f in fs if f.outcome == "error"]


def test_counterpart_text_in_the_wrong_language(tmp_path):
    pytest.importorskip("auditor.text.langid")
    fi_text = ("<main><p>Kunnan palvelupiste on avoinna maanantaista torstaihin kello yhdeksästä viiteentoista. "
               "Palvelupisteessä voit jättää hakemuksia, noutaa lomakkeita ja saada neuvontaa kaikissa kunnan "
               "palveluissa. Juhlapyhien aattoina palvelupiste sulkeutuu tuntia tavallista aiemmin.</p></main>")
    fi = _page(tmp_path, "/x.html", fi_text, hreflang={"sv": "/sv/x.html"})
    sv = _page(tmp_path, "/sv/x.html", fi_text, lang="sv")  # says Swedish, is Finnish
    hits = _hits("SV-10", _site(fi, sv))
    assert [h.url for h in hits] == [BASE + "/sv/x.html"] and hits[0].evidence["detected"] == "fi"
