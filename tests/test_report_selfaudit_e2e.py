"""The report passes auditor's own audit with real crawled content that stresses it: 200-character URL paths and
query strings, long Finnish compound words, Finnish and Swedish text, long HTML snippets. The fixture site is
crawled with every rule (plain language too, so the report quotes Finnish and Swedish sentences), the HTML report
is written in English (so every quotation is text in another language than the report's), served on 127.0.0.1 and
audited at 320, 768 and 1280 px: no failure of AXE-, DI-, ACC- or LANG- rules."""
from __future__ import annotations

import re

import pytest

import reports
from auditor.demo import StaticSite
from tests.conftest import last_run, page, run_cli, write_site

pytestmark = pytest.mark.e2e

LONG_SEG = "rakennusvalvonnan-sahkoinen-asiointipalvelu-ja-ymparistonsuojelulainsaadannon-mukaiset-ilmoitukset"
LONG_PATH = f"/palvelut/{LONG_SEG}/{LONG_SEG[:90]}.html"  # > 200 characters
LONG_QUERY = "?" + "&".join(f"hakusana{i}=ympäristönsuojelulainsäädäntö-{i}" for i in range(6))
COMPOUND = "lentokonesuihkuturbiinimoottoriapumekaanikkoaliupseerioppilas"
FI_TEXT = ("Hakemuksen käsittelyaika riippuu siitä, kuinka monta hakemusta ympäristönsuojeluviranomainen "
           "vastaanottaa samanaikaisesti, ja siitä, onko hakemukseen liitetty kaikki tarvittavat liitteet, jotka "
           "ympäristönsuojelulainsäädännön mukaan vaaditaan ennen kuin päätös voidaan tehdä.")
SV_TEXT = ("Handläggningstiden för ansökan beror på hur många ansökningar miljöskyddsmyndigheten tar emot samtidigt "
           "och på om alla nödvändiga bilagor som krävs enligt miljöskyddslagstiftningen har bifogats ansökan.")
LONG_SRC = "/kuvat/" + "ymparistonsuojelulainsaadannon-" * 5 + "kaavio.png"


def _site() -> dict[str, str]:
    img = f'<p><img src="{LONG_SRC}" width="60" height="40"></p>'  # no alt: AXE-image-alt quotes a long snippet
    field = f'<form><input type="text" name="{COMPOUND}" value="{COMPOUND}"></form>'  # no label
    return {
        "index.html": page("Etusivu", f'<p>{FI_TEXT}</p><p>{COMPOUND}</p>'
                           f'<p><a href="{LONG_PATH}{LONG_QUERY}">{COMPOUND}</a></p>'
                           f'<p><a href="sv/index.html" hreflang="sv" lang="sv">På svenska</a></p>{img}'),
        LONG_PATH: page(COMPOUND[:40], f"<p>{FI_TEXT} {FI_TEXT}</p>{field}{img}"),
        "sv/index.html": page("Startsida", f"<p>{SV_TEXT}</p>{img}", lang="sv"),
    }


@pytest.fixture(scope="module")
def stress_report(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("stress")
    root = write_site(tmp / "site", _site())
    out = tmp / "out"
    with StaticSite(root) as site:
        run_cli("audit", site.url, "--max-pages", "3", "--format", "json", out=out, check=True)
    store, rid = last_run(out)
    html = reports.write_all(store, rid, tmp / "report-en", ["html"], lang="en")["html"]
    return store, rid, html.parent


def test_the_crawl_has_the_stress_content(stress_report):
    store, rid, rep = stress_report
    urls = [p["url"] for p in store.pages(rid) if p["kind"] == "html"]
    assert any(len(u) > 200 for u in urls), urls
    rules = {f["rule"] for f in store.findings(rid)}
    assert {"AXE-image-alt", "AXE-label"} <= rules and any(r.startswith("PL-FI") for r in rules), rules
    # Quoted page text carries the source's language in the English report.
    page_views = "".join(p.read_text(encoding="utf-8") for p in (rep / "pages").glob("[0-9]*.html"))
    assert re.search(r'<pre lang="fi" dir="auto"><code>&lt;img', page_views)
    assert re.search(r'<pre lang="sv" dir="auto"><code>&lt;img', page_views)


def test_report_of_stress_content_passes_its_own_audit(stress_report, tmp_path):
    _, _, rep = stress_report
    rels = ["index.html", "issues/index.html", "pages/index.html", "statement.html", "language.html",
            "conformance.html"]
    rels += sorted(f"pages/{p.name}" for p in (rep / "pages").glob("[0-9]*.html"))
    issues = sorted((p for p in (rep / "issues").glob("*.html") if not p.name.startswith("index")),
                    key=lambda p: -p.stat().st_size)[:2]
    rels += [f"issues/{p.name}" for p in issues]
    out = tmp_path / "self"
    with StaticSite(rep) as site:
        run_cli("audit", *[site.url + r for r in rels], "--max-pages", str(len(rels)), "--depth", "0",
                "--no-sitemaps", "--format", "json", "--rules", "AXE,ACC,DI,LANG",
                "--viewports", "mobile,tablet,desktop", out=out, check=True, timeout=600)
    store, rid = last_run(out)
    pages = {p["id"]: p for p in store.pages(rid)}
    assert sum(p["kind"] == "html" for p in pages.values()) == len(rels)
    failures = [f for f in store.findings(rid) if f["outcome"] == "fail"
                and f["rule"].startswith(("AXE-", "DI-", "ACC-", "LANG-"))]
    assert not failures, "\n".join(f"{f['rule']} {pages[f['page_id']]['url'][-60:]} {f['selector'][:80]}: "
                                   f"{f['message'][:160]}" for f in failures)
