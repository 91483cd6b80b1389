"""The HTML report of a real audit of the demo site, checked with real Chromium: auditor's own audit of the report
(all three viewports) finds no failures, the report works by keyboard and reflows at 320 px, and
`auditor report RUN_ID` re-renders every format from the store without crawling."""
from __future__ import annotations

import pytest
from playwright.sync_api import sync_playwright

import reports
from auditor.demo import StaticSite
from auditor.render import CHROMIUM_ARGS, find_browser
from tests.conftest import last_run, run_cli

pytestmark = pytest.mark.e2e

# Service duties (SV-*) are the duties of a public e-service (HTTPS, an accessibility statement, a feedback
# channel, language versions): a generated report served from 127.0.0.1 has none of them, and its pages quote
# the demo site's statement, so those rules are not part of the report's own conformance.
NOT_APPLICABLE = ("SV-",)
# Plain-language findings are advisory by design (never failures), and analysing the report's long texts with
# Voikko takes minutes: the self-audit runs every rule that can fail a page.
SELF_AUDIT_RULES = "AXE,ACC,DI,LANG"
# One page of every kind the report has, at three viewports (the whole report takes minutes: its pages are long
# texts for the plain-language rules).
TOP_PAGES = ("index.html", "issues/index.html", "pages/index.html", "conformance.html", "statement.html",
             "language.html", "rules.html")


@pytest.fixture(scope="module")
def demo_report(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo")
    run_cli("demo", out=out, check=True)
    store, rid = last_run(out)
    fi = reports.write_all(store, rid, out / "report-fi", ["html"], lang="fi", visits_per_year=50000)["html"]
    en = reports.write_all(store, rid, out / "report-en", ["html"], lang="en")["html"]
    return out, rid, fi.parent, en.parent


def test_report_passes_its_own_audit(demo_report, tmp_path):
    _, _, fi_dir, _ = demo_report
    out = tmp_path / "self"
    # The page views with the most findings (evidence crops, plain-language view) and the largest issue.
    views = sorted((p for p in (fi_dir / "pages").glob("[0-9]*.html")), key=lambda p: -p.stat().st_size)[:2]
    issue = max((p for p in (fi_dir / "issues").glob("*.html") if not p.name.startswith("index")),
                key=lambda p: p.stat().st_size)
    rels = list(TOP_PAGES) + [f"pages/{v.name}" for v in views] + [f"issues/{issue.name}"]
    with StaticSite(fi_dir) as site:
        run_cli("audit", *[site.url + r for r in rels], "--max-pages", str(len(rels)), "--format", "json",
                "--rules", SELF_AUDIT_RULES, out=out, check=True)
    store, rid = last_run(out)
    pages = {p["id"]: p for p in store.pages(rid)}
    audited = {p["url"].split("/", 3)[3] for p in pages.values() if p["kind"] == "html"}
    assert set(TOP_PAGES) <= audited and len(audited) == len(rels), sorted(audited)
    findings = store.findings(rid)
    failures = [f for f in findings if f["outcome"] == "fail" and not f["advisory"]
                and not f["rule"].startswith(NOT_APPLICABLE)]
    assert not failures, "\n".join(f"{f['rule']} {pages[f['page_id']]['url']} {f['selector']}: {f['message'][:200]}"
                                   for f in failures)
    # Accessibility and device independence: no failure of any kind, best practices included.
    strict = [f for f in findings if f["outcome"] == "fail" and f["rule"].startswith(("AXE-", "DI-"))]
    assert not strict, [(f["rule"], f["selector"]) for f in strict]


def test_keyboard_and_reflow(demo_report):
    _, _, fi_dir, en_dir = demo_report
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=find_browser(), args=CHROMIUM_ARGS)
        pg = browser.new_page(viewport={"width": 1280, "height": 800})
        pg.goto((en_dir / "index.html").as_uri())
        pg.keyboard.press("Tab")
        assert pg.evaluate("document.activeElement.className") == "skip-link"
        assert pg.evaluate("document.activeElement.getBoundingClientRect().top") >= 0  # visible when focused
        pg.keyboard.press("Enter")
        assert pg.evaluate("document.activeElement.id") == "main"
        pg.keyboard.press("Tab")
        assert pg.evaluate("document.activeElement.tagName") == "A"  # the first link of the content follows
        # Every navigation link is reachable by Tab, in order.
        pg.goto((en_dir / "index.html").as_uri())
        seen = []
        for _ in range(10):
            pg.keyboard.press("Tab")
            seen.append(pg.evaluate("document.activeElement.getAttribute('href')"))
        assert ["index.html", "issues/index.html", "pages/index.html", "conformance.html"] == seen[1:5]
        # 320 px: nothing scrolls sideways (wide tables scroll inside their own focusable region).
        pg.set_viewport_size({"width": 320, "height": 640})
        for d in (fi_dir, en_dir):
            pages = ["index.html", "issues/index.html", "pages/index.html", "conformance.html", "statement.html",
                     "language.html", "rules.html"]
            pages += [f"pages/{p.name}" for p in sorted((d / "pages").glob("[0-9]*.html"))[:6]]
            for rel in pages:
                pg.goto((d / rel).as_uri())
                width = pg.evaluate("document.documentElement.scrollWidth")
                assert width <= 320, (d.name, rel, width)
        browser.close()


def test_report_command_rerenders_every_format(demo_report):
    out, rid, _, _ = demo_report
    p = run_cli("report", str(rid), "--out", str(out), "--format", "html,json,csv,junit,sarif,earl", out=out)
    assert p.returncode == 0, p.stderr
    run_dir = out / f"run-{rid}"
    for name in ("index.html", "report.json", "findings.csv", "junit.xml", "report.sarif", "report.earl.jsonld",
                 "statement-fi.txt", "conformance.html"):
        assert (run_dir / name).is_file(), name


def test_one_accessibility_score_everywhere(demo_report, tmp_path):
    """The dashboard headline, the accessibility area, the pages, the gate's score:accessibility, the JSON report,
    the CLI summary line and engine.site_accessibility_score (the portfolio's function) give one number."""
    import json
    import re

    from auditor import engine, gate
    from reports import data as report_data

    out, rid, fi_dir, en_dir = demo_report
    store, _ = last_run(out)
    pages, findings = store.pages(rid), store.findings(rid)
    score = engine.site_accessibility_score(pages, findings)
    assert score is not None and 0 < score < 100  # the demo site has WCAG failures
    d = report_data.build(store, rid)
    assert d.summary["site_score"] == d.summary["areas"]["accessibility"]["score"] == score
    assert gate.area_scores(pages, findings)["accessibility"] == score
    assert engine.site_score(p["score"] for p in d.pages if p["kind"] == "html") == score
    # Failures of every area count when they are WCAG A/AA (DI-1 reflow is WCAG 1.4.10): the headline is not the
    # axe-only figure.
    assert any(f["rule"].startswith("DI-") and engine.counts_for_accessibility(f) for f in findings)
    # Gates: a threshold just above the score fails, at the score passes.
    for limit, passed in ((score + 0.01, False), (score, True)):
        a = gate.Assertions.from_config({"score:accessibility": {"level": "error", "min": limit}})
        assert gate.evaluate(a, pages, findings)[0].passed is passed
    # Every format and view shows the same figure.
    p = run_cli("report", str(rid), "--out", str(tmp_path), "--db", str(out / "auditor.db"), "--format", "json",
                out=tmp_path)
    assert p.returncode == 0, p.stderr
    rep = json.loads((tmp_path / f"run-{rid}" / "report.json").read_text(encoding="utf-8"))
    assert rep["summary"]["site_score"] == score
    assert f"accessibility score {score:.2f}" in p.stderr
    for d_ in (en_dir, fi_dir):
        html = (d_ / "index.html").read_text(encoding="utf-8")
        shown = re.search(r'<span class="stat" id="accessibility-score">([0-9.,\u202f ]+)</span>', html).group(1)
        assert float(re.sub(r"[\u202f ]", "", shown).replace(",", ".")) == score, (d_.name, shown)
