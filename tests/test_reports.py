"""Report writers on a synthetic run (no browser): files, JSON round trip, escaping of hostile page content."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from auditor.models import Finding, PageResult
from auditor.store import Store
from reports import FORMATS, write_all

XSS_SCRIPT = "<script>alert(1)</script>"
XSS_ATTR = '"><img src=x onerror=alert(1)>'
HOSTILE = XSS_SCRIPT + XSS_ATTR
VIEWPORTS = [{"name": "mobile", "width": 320, "height": 640}, {"name": "desktop", "width": 1280, "height": 800},
             {"name": "../evil", "width": 1, "height": 1}]
CSP_META = ('<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; img-src &#39;self&#39; '
            'data:; style-src &#39;self&#39;; base-uri &#39;none&#39;; form-action &#39;none&#39;">')


def _finding(rule="AXE-image-alt", outcome="fail", impact="critical", selector="img", wcag=("1.1.1",),
             advisory=False, **kw) -> Finding:
    return Finding(rule=rule, outcome=outcome, impact=impact, selector=selector, snippet=kw.pop("snippet", "<img>"),
                   message=kw.pop("message", "Element has no alt text"), viewports=kw.pop("viewports", ("mobile",)),
                   wcag=wcag, level=kw.pop("level", "A"), en301549=tuple("9." + sc for sc in wcag),
                   help=kw.pop("help", "Images must have alternative text"),
                   help_url=kw.pop("help_url", "https://dequeuniversity.com/rules/axe/4.10/image-alt"),
                   advisory=advisory, **kw)


@pytest.fixture()
def run(tmp_path: Path):
    store = Store(f"sqlite:///{tmp_path / 'audit.db'}")
    run_id = store.create_run("https://example.test/", ["https://example.test/"], {"viewports": VIEWPORTS},
                              tool_version="0.1.0", axe_version="4.10.2", browser_version="Chromium 130")
    art = tmp_path / "artifacts" / "home"
    art.mkdir(parents=True)
    (art / "mobile.jpg").write_bytes(b"\xff\xd8\xff\xe0fake-jpeg")  # desktop.jpg missing on purpose
    (tmp_path / "artifacts" / "evil.jpg").write_bytes(b"x")  # reachable only through the bad viewport name

    home = store.save_page(run_id, PageResult(url="https://example.test/", kind="html", status=200, title="Home",
                                              artifact_dir=str(art), timings={"axe_run": 1.25}), [
        _finding(),
        _finding(rule="AXE-color-contrast", impact="serious", selector="p.low", wcag=("1.4.3",), level="AA",
                 viewports=("mobile", "desktop")),
        _finding(rule="AXE-color-contrast", outcome="review", impact="serious", selector="p.bg", wcag=("1.4.3",)),
        _finding(rule="AXE-region", impact="moderate", selector="div", wcag=(), level="", advisory=True),
    ], score=63.75)
    evil = store.save_page(run_id, PageResult(
        url="https://example.test/search?q=" + HOSTILE, kind="html", status=200, title="Evil " + HOSTILE,
        referrer="javascript:alert(1)"), [
        _finding(selector="img" + HOSTILE, snippet=HOSTILE, message="msg " + HOSTILE, help="help " + HOSTILE,
                 help_url="javascript:alert(1)"),
    ], score=75.0)
    doc = store.save_page(run_id, PageResult(url="https://example.test/form.pdf", kind="document", status=200,
                                             content_type="application/pdf"), [], score=None)
    err = store.save_page(run_id, PageResult(url="https://example.test/broken", kind="error", status=500,
                                             error="HTTP 500 " + HOSTILE), [], score=None)
    store.update_run(run_id, status="finished")
    return store, run_id, {"home": home, "evil": evil, "doc": doc, "err": err}


@pytest.fixture()
def written(run, tmp_path: Path):
    store, run_id, ids = run
    out = tmp_path / "report"
    paths = write_all(store, run_id, out, ["html", "json"])
    return out, paths, ids


def test_files_exist(written):
    out, paths, ids = written
    assert set(FORMATS) == {"html", "json"}
    assert paths == {"html": out / "index.html", "json": out / "report.json"}
    for name in ("index.html", "rules.html", "report.json", "assets/report.css"):
        assert (out / name).is_file(), name
    assert sorted(p.name for p in (out / "pages").iterdir()) == sorted(f"{i}.html" for i in ids.values())


def test_json_round_trip(written):
    out, _, ids = written
    doc = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert doc["schema"] == "auditor-report/1"
    run = doc["run"]
    assert run["site"] == "https://example.test/" and run["status"] == "finished"
    assert run["axe_version"] == "4.10.2" and run["config"]["viewports"][0]["name"] == "mobile"
    assert run["started_at"].endswith("+00:00") and run["finished_at"]
    s = doc["summary"]
    assert (s["pages"], s["html_pages"], s["documents"], s["errors"]) == (4, 2, 1, 1)
    assert s["site_score"] == pytest.approx(69.38)  # mean of 63.75 and 75, rounded to 2 decimals
    assert s["failures_by_impact"]["critical"] == {"findings": 2, "pages": 2}
    assert s["failures_by_impact"]["serious"] == {"findings": 1, "pages": 1}
    assert s["review_count"] == 1 and s["advisory_count"] == 1
    wcag = {w["sc"]: w for w in s["failures_by_wcag"]}
    assert wcag["1.1.1"]["findings"] == 2 and wcag["1.1.1"]["pages"] == 2
    assert wcag["1.4.3"]["level"] == "AA" and wcag["1.4.3"]["en301549"] == "9.1.4.3"
    assert wcag["1.4.3"]["name"] == "Contrast (Minimum)"
    pages = {p["id"]: p for p in doc["pages"]}
    assert set(pages) == set(ids.values())
    assert sum(len(p["findings"]) for p in doc["pages"]) == 5
    evil = pages[ids["evil"]]
    assert evil["title"] == "Evil " + HOSTILE  # JSON keeps the data as it is
    assert evil["findings"][0]["snippet"] == HOSTILE and evil["findings"][0]["viewports"] == ["mobile"]
    assert pages[ids["home"]]["timings"] == {"axe_run": 1.25}


def test_json_not_ascii_escaped(run, tmp_path):
    store, run_id, _ = run
    store.save_page(run_id, PageResult(url="https://example.test/ä", kind="html", title="Päivä"), [], score=100.0)
    path = FORMATS["json"](store, run_id, tmp_path / "r")
    assert "Päivä" in path.read_text(encoding="utf-8")


def test_hostile_content_escaped(written):
    out, _, ids = written
    html_files = sorted(out.rglob("*.html"))
    assert len(html_files) == 2 + len(ids)
    for f in html_files:
        text = f.read_text(encoding="utf-8")
        assert "<script" not in text.lower(), f
        assert "<img src=x" not in text, f
        assert not re.search(r"""href\s*=\s*["']?\s*javascript:""", text, re.I), f
        assert "onerror=alert(1)>" not in text, f
    evil = (out / "pages" / f"{ids['evil']}.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in evil
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in evil
    assert "javascript:alert(1)" in evil  # shown as text, never as a link
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "Evil &lt;script&gt;" in index


def test_every_page_is_self_contained(written):
    out, _, _ = written
    for f in out.rglob("*.html"):
        text = f.read_text(encoding="utf-8")
        assert CSP_META in text, f
        assert '<html lang="en">' in text
        assert text.count("<h1") == 1
        assert 'href="#main"' in text and 'id="main"' in text
        assert "style=" not in text  # the CSP allows no inline styles
        # Nothing loads from the network; every local link and image resolves inside the report folder.
        for url in re.findall(r'<(?:img|link|script)\b[^>]*(?:src|href)="([^"]*)"', text):
            assert not re.match(r"(?:[a-z]+:)?//", url, re.I), (f, url)
            assert url.startswith("data:") or (f.parent / url).resolve().is_file(), (f, url)
        for url in re.findall(r'<a\b[^>]*href="([^"#]*)', text):
            if url and not url.startswith(("http://", "https://")):
                assert (f.parent / url).resolve().is_file(), (f, url)
    assert '<link rel="stylesheet" href="../assets/report.css">' in next((out / "pages").iterdir()).read_text()
    assert "url(" not in (out / "assets" / "report.css").read_text()


def test_screenshots_copied(written):
    out, _, ids = written
    shots = sorted(p.name for p in (out / "shots").iterdir())
    assert shots == [f"{ids['home']}-mobile.jpg"]
    assert (out / "shots" / shots[0]).read_bytes() == b"\xff\xd8\xff\xe0fake-jpeg"
    home = (out / "pages" / f"{ids['home']}.html").read_text(encoding="utf-8")
    assert f'src="../shots/{ids["home"]}-mobile.jpg"' in home
    assert re.search(r'<img [^>]*alt="Screenshot of page \d+ at the mobile viewport"', home)
    assert "evil" not in " ".join(shots)


def test_tables_and_rules(written):
    out, _, ids = written
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.count("<table") == index.count("<caption") == index.count('class="table-wrap" role="region"')
    assert '<th scope="col">' in index and 'tabindex="0"' in index
    assert f'href="pages/{ids["evil"]}.html"' in index
    rules = (out / "rules.html").read_text(encoding="utf-8")
    for code in ("AXE-image-alt", "AXE-color-contrast", "AXE-region"):
        assert f'id="rule-{code}"' in rules
    assert 'href="https://dequeuniversity.com/rules/axe/4.10/image-alt"' in rules
    page = (out / "pages" / f"{ids['home']}.html").read_text(encoding="utf-8")
    assert re.search(r'<h2 id="fail-h">Failures \(2\)</h2>', page)
    assert re.search(r'<h2 id="review-h">Needs review \(1\)</h2>', page)
    assert re.search(r'<h2 id="advisory-h">Advisory \(1\)</h2>', page)


def test_unknown_format(run, tmp_path):
    store, run_id, _ = run
    with pytest.raises(ValueError):
        write_all(store, run_id, tmp_path / "r", ["pdf"])
