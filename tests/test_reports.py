"""Report writers on a synthetic run (no browser): files, grouping, conformance, languages, every machine format
(schema validation, round trips, a JUnit library), and hostile page content inert in every format."""
from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from auditor.models import Finding, PageResult
from auditor.store import Store
from reports import FORMATS, write_all
from reports import csv_report, data as rdata, i18n, sarif

ROOT = Path(__file__).resolve().parent.parent
XSS_SCRIPT = "<script>alert(1)</script>"
XSS_ATTR = '"><img src=x onerror=alert(1)>'
FORMULA = "=HYPERLINK(\"http://evil.test\",\"x\")"
CONTROL = "bell\x07nul\x00end"
HOSTILE = XSS_SCRIPT + XSS_ATTR
VIEWPORTS = [{"name": "mobile", "width": 320, "height": 640}, {"name": "desktop", "width": 1280, "height": 800},
             {"name": "../evil", "width": 1, "height": 1}]
CSP_META = ('<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; img-src &#39;self&#39; '
            'data:; style-src &#39;self&#39;; base-uri &#39;none&#39;; form-action &#39;none&#39;">')
ALL = list(FORMATS)


def _jpeg(w: int, h: int) -> bytes:
    """The smallest thing jpeg_size() reads: SOI, an APP0 segment, SOF0 with the size."""
    app0 = b"\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    sof = b"\xff\xc0\x00\x11\x08" + h.to_bytes(2, "big") + w.to_bytes(2, "big") + b"\x03" + b"\x00" * 9
    return b"\xff\xd8" + app0 + sof + b"\xff\xd9"


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
    run_id = store.create_run("https://example.test/", ["https://example.test/"],
                              {"viewports": VIEWPORTS, "rules": ["AXE", "PL-FI"]},
                              tool_version="0.1.0", axe_version="4.10.2", browser_version="Chromium 130")
    art = tmp_path / "artifacts" / "home"
    art.mkdir(parents=True)
    (art / "mobile.jpg").write_bytes(_jpeg(320, 1200))  # desktop.jpg missing on purpose
    (art / "page.json").write_text(json.dumps({"lang": "fi"}), encoding="utf-8")
    (art / "dom.html").write_text(
        '<html lang="fi"><body><nav>Valikko</nav><main><h1>Etusivu</h1><p>Tämä on lyhyt virke. Hakemuksen '
        'käsittelyaika vaihtelee huomattavasti riippuen hakemuksen laadusta ja liitteiden määrästä. Kiitos.</p>'
        f'<p>{HOSTILE.replace("<", "&lt;")}</p></main></body></html>', encoding="utf-8")
    (tmp_path / "artifacts" / "evil.jpg").write_bytes(b"x")  # reachable only through the bad viewport name
    hard = "Hakemuksen käsittelyaika vaihtelee huomattavasti riippuen hakemuksen laadusta ja liitteiden määrästä."

    home = store.save_page(run_id, PageResult(url="https://example.test/", kind="html", status=200, title="Etusivu",
                                              artifact_dir=str(art), timings={"axe_run": 1.25}), [
        _finding(boxes={"mobile": {"x": 16, "y": 100, "w": 200, "h": 50}}),
        _finding(rule="AXE-color-contrast", impact="serious", selector="p.low", wcag=("1.4.3",), level="AA",
                 viewports=("mobile", "desktop")),
        _finding(rule="AXE-color-contrast", outcome="review", impact="serious", selector="p.bg", wcag=("1.4.3",)),
        _finding(rule="AXE-region", impact="moderate", selector="div", wcag=(), level="", advisory=True),
        _finding(rule="PL-FI-1", impact="minor", selector="main > p", wcag=("3.1.5",), level="AAA", advisory=True,
                 message="Pitkä virke: jaa se kahdeksi.", snippet=hard, help="Long sentence",
                 evidence={"sentence": hard, "suggestion": "Käsittelyaika vaihtelee. Se riippuu hakemuksesta.",
                           "lang": "fi"}),
    ], score=63.75)
    evil = store.save_page(run_id, PageResult(
        url="https://example.test/search?q=" + HOSTILE, kind="html", status=200, title="Evil " + HOSTILE + CONTROL,
        referrer="javascript:alert(1)"), [
        _finding(selector="img" + HOSTILE, snippet=HOSTILE + CONTROL, message=FORMULA, help="help " + HOSTILE,
                 help_url="javascript:alert(1)", evidence={"sentence": "-1+1 " + HOSTILE}),
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
    paths = write_all(store, run_id, out, ALL)
    return out, paths, ids


def _strings(obj):
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield k
            yield from _strings(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _strings(v)


def _html_files(out: Path) -> list[Path]:
    return sorted(out.rglob("*.html"))


def test_files_exist(written):
    out, paths, ids = written
    assert set(FORMATS) == {"html", "json", "csv", "junit", "sarif", "earl"}
    assert paths == {"html": out / "index.html", "json": out / "report.json", "csv": out / "findings.csv",
                     "junit": out / "junit.xml", "sarif": out / "report.sarif", "earl": out / "report.earl.jsonld"}
    for name in ("index.html", "rules.html", "conformance.html", "statement.html", "language.html",
                 "issues/index.html", "pages/index.html", "statement-fi.txt", "statement-sv.txt", "assets/report.css"):
        assert (out / name).is_file(), name
    views = sorted(p.name for p in (out / "pages").iterdir() if p.name != "index.html")
    assert views == sorted(f"{i}.html" for i in ids.values())
    assert not list(out.glob("*.tmp")) and not list(out.glob("*.json.tmp"))


def test_json_round_trip_and_schema(written):
    jsonschema = pytest.importorskip("jsonschema")
    out, _, ids = written
    doc = json.loads((out / "report.json").read_text(encoding="utf-8"))
    schema = json.loads((ROOT / "reports" / "data" / "report.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(doc)
    assert doc["schema"] == "auditor-report/1" and doc["schema_version"] == rdata.SCHEMA_VERSION
    run = doc["run"]
    assert run["site"] == "https://example.test/" and run["status"] == "finished"
    assert run["axe_version"] == "4.10.2" and run["config"]["viewports"][0]["name"] == "mobile"
    assert run["started_at"].endswith("+00:00") and run["finished_at"]
    s = doc["summary"]
    assert (s["pages"], s["html_pages"], s["documents"], s["errors"]) == (4, 2, 1, 1)
    assert s["site_score"] == pytest.approx(69.38)  # mean of 63.75 and 75, rounded to 2 decimals
    assert s["failures_by_impact"]["critical"] == {"findings": 2, "pages": 2}
    assert s["failures_by_impact"]["serious"] == {"findings": 1, "pages": 1}
    assert s["review_count"] == 1 and s["advisory_count"] == 2
    wcag = {w["sc"]: w for w in s["failures_by_wcag"]}
    assert wcag["1.1.1"]["findings"] == 2 and wcag["1.1.1"]["pages"] == 2
    assert wcag["1.4.3"]["level"] == "AA" and wcag["1.4.3"]["en301549"] == "9.1.4.3"
    assert wcag["1.4.3"]["name"] == "Contrast (Minimum)"
    assert {p["principle"]: p["findings"] for p in s["failures_by_principle"]}["perceivable"] == 3
    assert s["areas"]["accessibility"]["audited"] and s["areas"]["language"]["audited"]
    assert not s["areas"]["device"]["audited"] and s["areas"]["device"]["score"] is None
    pages = {p["id"]: p for p in doc["pages"]}
    assert set(pages) == set(ids.values())
    assert sum(len(p["findings"]) for p in doc["pages"]) == 6
    evil = pages[ids["evil"]]
    assert evil["title"] == "Evil " + HOSTILE + CONTROL  # JSON keeps the data as it is
    assert evil["findings"][0]["snippet"] == HOSTILE + CONTROL and evil["findings"][0]["viewports"] == ["mobile"]
    home = pages[ids["home"]]
    assert home["timings"] == {"axe_run": 1.25} and home["template"] == "/"
    assert home["findings"][0]["boxes"] == {"mobile": {"x": 16, "y": 100, "w": 200, "h": 50}}
    assert all(f["group"] for p in doc["pages"] for f in p["findings"])
    assert {g["id"] for g in doc["groups"]} >= {f["group"] for p in doc["pages"] for f in p["findings"]}


def test_json_not_ascii_escaped(run, tmp_path):
    store, run_id, _ = run
    store.save_page(run_id, PageResult(url="https://example.test/ä", kind="html", title="Päivä"), [], score=100.0)
    path = FORMATS["json"](store, run_id, tmp_path / "r")
    assert "Päivä" in path.read_text(encoding="utf-8")


def test_grouping_by_template_and_site_wide(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'g.db'}")
    rid = store.create_run("https://g.test/", ["https://g.test/"], {"viewports": VIEWPORTS[:1]}, tool_version="t")
    logo = dict(rule="AXE-image-alt", selector="header > img", snippet='<img src="/logo.svg">')
    for i in range(30):  # a shared header component on every template, an article image on news pages only
        url = f"https://g.test/uutiset/juttu-{i}.html" if i < 20 else f"https://g.test/palvelut/palvelu-{i}.html"
        fs = [_finding(**logo)]
        if i < 20:
            fs.append(_finding(selector=f"main > img:nth-child({i + 2})", snippet=f'<img src="/kuva{i}.jpg">'))
        store.save_page(rid, PageResult(url=url, kind="html", title=f"Sivu {i}"), fs, score=75.0)
    d = rdata.build(store, rid)
    by_sel = {g["norm_selector"]: g for g in d.groups}
    assert len(d.groups) == 2
    assert by_sel["header > img"]["template"] == "*" and by_sel["header > img"]["page_count"] == 30
    news = by_sel["main > img:nth-child(N)"]
    assert news["template"] == "/uutiset/*" and news["page_count"] == 20 and news["findings"] == 20
    assert rdata.template_of("https://g.test/a/2024/x.html?q=1") == "/a/N/*"
    assert rdata.template_of("https://g.test/uutiset/") == "/uutiset/"
    # The group id is stable: the same input gives the same ids.
    assert [g["id"] for g in rdata.build(store, rid).groups] == [g["id"] for g in d.groups]
    out = tmp_path / "r"
    write_all(store, rid, out, ["html"])
    page = (out / "issues" / f"{by_sel['header > img']['id']}.html").read_text(encoding="utf-8")
    assert "On 30 pages" in page and "site-wide" in page


def test_conformance_table_statuses(written):
    out, _, _ = written
    doc = json.loads((out / "report.json").read_text(encoding="utf-8"))
    conf = {c["sc"]: c for c in doc["conformance"]}
    assert conf["1.1.1"]["status"] == "failed" and conf["1.1.1"]["pages"] == 2
    assert conf["1.4.3"]["status"] == "failed"
    assert conf["2.4.2"]["status"] == "passed" and "AXE-document-title" in conf["2.4.2"]["rules"]
    assert conf["1.2.4"]["status"] == "manual"  # live captions: no rule can test it
    assert conf["4.1.1"]["obsolete"] and "3.1.5" not in conf  # AAA is not in the A/AA table
    assert all(c["level"] in ("A", "AA") for c in conf.values())
    assert doc["summary"]["conformance"]["failed"] == 2
    html = (out / "conformance.html").read_text(encoding="utf-8")
    assert "Not testable automatically" in html and "No automated failure found" in html
    assert "9.1.1.1" in html


def test_hostile_content_escaped_in_html(written):
    out, _, ids = written
    files = _html_files(out)
    for f in files:
        text = f.read_text(encoding="utf-8")
        assert "<script" not in text.lower(), f
        assert "<img src=x" not in text, f
        assert not re.search(r"""href\s*=\s*["']?\s*javascript:""", text, re.I), f
        assert "onerror=alert(1)>" not in text, f
    evil = (out / "pages" / f"{ids['evil']}.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in evil
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in evil
    assert "javascript:alert(1)" in evil  # shown as text, never as a link
    listing = (out / "pages" / "index.html").read_text(encoding="utf-8")
    assert "Evil &lt;script&gt;" in listing


def test_hostile_content_inert_in_machine_formats(written):
    out, _, _ = written
    # CSV: no cell starts a formula; the apostrophe comes off again on reading.
    with (out / "findings.csv").open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.reader(fh):
            for cell in row:
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    rows = csv_report.read(out / "findings.csv")
    assert any(r["message"] == FORMULA for r in rows)
    # XML: well-formed, characters XML forbids replaced, markup only as text.
    junit = (out / "junit.xml").read_text(encoding="utf-8")
    tree = ET.fromstring(junit)
    assert "<script>" not in junit and "\x07" not in junit and "\x00" not in junit
    assert any(HOSTILE in (el.text or "") or HOSTILE in el.get("message", "") for el in tree.iter())
    # JSON formats carry the data unchanged and parse.
    for name in ("report.sarif", "report.earl.jsonld", "report.json"):
        doc = json.loads((out / name).read_text(encoding="utf-8"))
        assert any(HOSTILE in v for v in _strings(doc)), name
    # The statement's plain text has no control characters from page content.
    for lang in ("fi", "sv"):
        st = (out / f"statement-{lang}.txt").read_text(encoding="utf-8")
        assert "\x07" not in st and "\x00" not in st


def test_csv_round_trip(written, run):
    out, _, ids = written
    store, run_id, _ = run
    rows = csv_report.read(out / "findings.csv")
    assert len(rows) == 6 and list(rows[0]) == list(csv_report.COLUMNS)
    stored = {f["id"]: f for f in store.findings(run_id)}
    for r in rows:
        f = stored[r["finding_id"]]
        for k in ("rule", "outcome", "impact", "selector", "snippet", "message", "help", "help_url", "fingerprint",
                  "advisory", "level"):
            assert r[k] == f[k], (k, r[k], f[k])
        for k in ("wcag", "en301549", "viewports", "act"):
            assert r[k] == list(f[k]), k
        assert r["page_id"] == f["page_id"] and r["run_id"] == run_id
    assert (out / "findings.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8


def test_junit_parses_with_a_junit_library(written):
    junitparser = pytest.importorskip("junitparser")
    out, _, ids = written
    xml = junitparser.JUnitXml.fromfile(str(out / "junit.xml"))
    suites = list(xml)
    assert len(suites) == 1 and suites[0].name == "https://example.test/"
    cases = list(suites[0])
    rules = {"AXE-image-alt", "AXE-color-contrast", "AXE-region", "PL-FI-1"}
    assert len(cases) == 2 * len(rules) + 2  # two HTML pages × the rules, the document, the broken address
    by = {(c.classname, c.name): c for c in cases}
    home = by[("https://example.test/", "AXE-image-alt")]
    assert not home.is_passed and isinstance(home.result[0], junitparser.Failure)
    assert home.result[0].type == "critical"
    assert by[("https://example.test/", "AXE-region")].is_passed  # advisory never fails a case
    evil_url = "https://example.test/search?q=" + HOSTILE
    assert by[(evil_url, "AXE-color-contrast")].is_passed
    assert isinstance(by[("https://example.test/broken", "page load")].result[0], junitparser.Error)
    assert isinstance(by[("https://example.test/form.pdf", "document")].result[0], junitparser.Skipped)
    assert suites[0].failures == 3 and suites[0].tests == len(cases)


def test_sarif_validates_against_official_schema(written, run, tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    out, _, ids = written
    log = json.loads((out / "report.sarif").read_text(encoding="utf-8"))
    schema = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker()).validate(log)
    run0 = log["runs"][0]
    results = run0["results"]
    assert len(results) == 6
    for r in results:
        uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert "://" not in uri and not uri.startswith("/") and uri.startswith("example.test/")  # repo-relative
        assert r["locations"][0]["physicalLocation"]["region"]["startLine"] == 1
        assert r["properties"]["url"].startswith("https://example.test/")
        assert re.fullmatch(r"[0-9a-f]{32}", r["partialFingerprints"]["auditorFinding/v1"])
        assert run0["tool"]["driver"]["rules"][r["ruleIndex"]]["id"] == r["ruleId"]
        if r["kind"] != "fail":
            assert r["level"] == "none"
    assert sarif.location_path("https://example.test/") == "example.test/_index"
    assert sarif.location_path("http://127.0.0.1:8080/a/b.html?x=1").startswith("127.0.0.1_8080/a/b.html_q")
    # Fingerprints are stable: a second rendering gives the same ones.
    store, run_id, _ = run
    again = json.loads(sarif.write(store, run_id, tmp_path / "again").read_text(encoding="utf-8"))
    assert [r["partialFingerprints"] for r in again["runs"][0]["results"]] == \
        [r["partialFingerprints"] for r in results]


def test_earl_assertions(written):
    out, _, _ = written
    doc = json.loads((out / "report.earl.jsonld").read_text(encoding="utf-8"))
    assert doc["@context"]["@vocab"] == "http://www.w3.org/ns/earl#"
    asserts = [a for a in doc["@graph"] if a.get("@type") == "Assertion"]
    outcomes = {(a["subject"]["source"], a["test"]["title"], a["result"]["outcome"]) for a in asserts}
    assert ("https://example.test/", "AXE-image-alt", "earl:failed") in outcomes
    assert ("https://example.test/", "AXE-color-contrast", "earl:cantTell") in outcomes
    evil = "https://example.test/search?q=" + HOSTILE
    assert (evil, "AXE-color-contrast", "earl:passed") in outcomes
    img = next(a for a in asserts if a["test"]["title"] == "AXE-image-alt")
    assert {"@id": "WCAG2:non-text-content", "@type": "TestRequirement"} in img["test"]["isPartOf"]
    assert img["result"]["pointer"]["expression"] and img["mode"] == "earl:automatic"


def test_every_page_is_self_contained(written):
    out, _, _ = written
    for f in _html_files(out):
        text = f.read_text(encoding="utf-8")
        assert CSP_META in text, f
        assert '<html lang="en">' in text
        assert text.count("<h1") == 1
        assert 'href="#main"' in text and 'id="main"' in text
        assert "style=" not in text  # the CSP allows no inline styles
        # Nothing loads from the network; every local link and image resolves inside the report folder.
        for url in re.findall(r'<(?:img|link|script|image)\b[^>]*(?:src|href)="([^"]*)"', text):
            assert not re.match(r"(?:[a-z]+:)?//", url, re.I), (f, url)
            assert url.startswith("data:") or (f.parent / url).resolve().is_file(), (f, url)
        for url in re.findall(r'<a\b[^>]*href="([^"#]*)', text):
            if url and not url.startswith(("http://", "https://")):
                assert (f.parent / url).resolve().is_file(), (f, url)
    assert '<link rel="stylesheet" href="../assets/report.css">' in (out / "pages" / "index.html").read_text()
    assert "url(" not in (out / "assets" / "report.css").read_text()


def test_screenshots_and_evidence_crop(written):
    out, _, ids = written
    shots = sorted(p.name for p in (out / "shots").iterdir())
    assert shots == [f"{ids['home']}-mobile.jpg"]
    home = (out / "pages" / f"{ids['home']}.html").read_text(encoding="utf-8")
    assert f'src="../shots/{ids["home"]}-mobile.jpg"' in home
    assert re.search(r'<img [^>]*alt="Screenshot of page \d+ at the mobile viewport"', home)
    # The image-alt finding has a box: a crop of the mobile shot with the element outlined.
    assert '<image href="../shots/%d-mobile.jpg" x="0" y="0" width="320" height="1200">' % ids["home"] in home
    assert re.search(r'viewBox="0 0 \d+ \d+"', home) and 'class="crop-outline" x="16" y="24"' in home
    assert "evil" not in " ".join(shots)


def test_plain_language_view_and_burden(run, tmp_path):
    store, run_id, ids = run
    out = tmp_path / "r"
    write_all(store, run_id, out, ["html", "json"], visits_per_year=12000)
    home = (out / "pages" / f"{ids['home']}.html").read_text(encoding="utf-8")
    assert re.search(r'<mark id="s1">Hakemuksen käsittelyaika vaihtelee[^<]*</mark>', home)
    assert 'lang="fi"' in home and "Käsittelyaika vaihtelee. Se riippuu hakemuksesta." in home
    assert "Tämä on lyhyt virke." in home  # the rest of the text is shown too
    doc = json.loads((out / "report.json").read_text(encoding="utf-8"))
    b = doc["summary"]["burden"]
    words = 10  # the flagged sentence
    seconds = words * 60 / 161 * 0.5
    assert b["visits_per_year"] == 12000
    assert b["seconds_per_visit_all_pages"] == pytest.approx(seconds, abs=0.01)
    assert b["hours_per_year"] == pytest.approx(seconds * 12000 / 3600, abs=0.01)
    lang_page = (out / "language.html").read_text(encoding="utf-8")
    assert "Standard Cost Model" in lang_page and "12,000" in lang_page


def test_not_audited_areas(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'n.db'}")
    rid = store.create_run("https://n.test/", ["https://n.test/"], {"viewports": VIEWPORTS[:1], "rules": ["AXE"]},
                           tool_version="t")
    store.save_page(rid, PageResult(url="https://n.test/", kind="html", title="N"), [], score=100.0)
    out = tmp_path / "r"
    write_all(store, rid, out, ["html", "json"], lang="fi")
    s = json.loads((out / "report.json").read_text(encoding="utf-8"))["summary"]
    assert [a for a in rdata.AREAS if s["areas"][a]["audited"]] == ["accessibility"]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.count("ei arvioitu") >= 3 and "Kielen selkeyttä ei arvioitu" in index
    assert '<html lang="fi">' in index


def test_finnish_interface(run, tmp_path):
    store, run_id, ids = run
    out = tmp_path / "fi"
    write_all(store, run_id, out, ["html"], lang="fi")
    index = (out / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fi">' in index and "Siirry pääsisältöön" in index and "Virheet vakavuuden mukaan" in index
    assert "69,38" in index  # decimal comma
    home = (out / "pages" / f"{ids['home']}.html").read_text(encoding="utf-8")
    assert "Kuvilla on oltava tekstivastine" in home  # axe help in Finnish
    assert '<span lang="en">Elements must meet minimum color contrast' not in home
    assert 'lang="en">Element has no alt text' in home  # axe's English message is marked as English
    with pytest.raises(ValueError):
        write_all(store, run_id, tmp_path / "x", ["html"], lang="de")


def test_every_interface_string_is_translated():
    """Every t("...") and tn("...") in the templates has a Finnish and a Swedish translation."""
    missing = []
    for f in sorted((ROOT / "reports" / "templates").glob("*.html")):
        text = f.read_text(encoding="utf-8")
        for m in re.finditer(r'\btn\(\s*"([^"]*)"', text):
            if not all(lang in i18n.PLURALS.get(m.group(1), {}) for lang in ("fi", "sv")):
                missing.append(m.group(1))
        for m in re.finditer(r'\bt\(\s*(["\'])(.*?)\1', text):
            if not all(lang in i18n.MESSAGES.get(m.group(2), {}) for lang in ("fi", "sv")):
                missing.append(m.group(2))
    from reports import html
    for table in (html.CATEGORY_LABELS, html.AREA_LABELS, html.KIND_LABELS, html.STATUS_LABELS, html.STATUS_HELP,
                  html.LANG_NAMES):
        missing += [v for v in table.values() if not all(k in i18n.MESSAGES.get(v, {}) for k in ("fi", "sv"))]
    missing += [label for _, _, label in html.NAV if "fi" not in i18n.MESSAGES.get(label, {})]
    assert not missing, sorted(set(missing))
    assert all(sc in i18n.SC_SV for sc in ("1.1.1", "1.4.3", "2.4.2", "4.1.2", "2.5.8", "3.3.8"))


def test_statement_drafts(written):
    out, _, _ = written
    fi = (out / "statement-fi.txt").read_text(encoding="utf-8")
    sv = (out / "statement-sv.txt").read_text(encoding="utf-8")
    assert "Saavutettavuusseloste" in fi and "Täyttää saavutettavuusvaatimukset osittain" in fi
    assert "a) Lainsäädännön vastaiset sisällöt" in fi
    # Barriers in users' terms, under their WCAG criterion.
    assert "WCAG 1.1.1 Ei-tekstuaalinen sisältö (A)" in fi
    assert "ruudunlukijan käyttäjä ei saa tietää, mitä kuvassa on" in fi
    assert "WCAG 1.4.3 Kontrast (minimum) (AA)" in sv and "Innehåll som strider mot lagstiftningen" in sv
    assert "3.1.5" not in fi  # advisory (AAA) findings are not non-conformities
    assert "Sivustolta löytyi 1 asiakirjatiedosto," in fi
    # The parts the model statement (EU 2018/1523) and 306/2019 require, with the author's fields marked.
    for part in ("Digitaalisen palvelun saavutettavuuden tila", "Ei-saavutettava sisältö", "b) Kohtuuton rasite",
                 "c) Sisällöt, jotka eivät kuulu lainsäädännön piiriin", "Tietoa selosteen laatimisesta",
                 "Palaute ja yhteystiedot", "Valvontaviranomainen", "Tämä seloste on laadittu [pp.kk.vvvv]",
                 "[sähköpostiosoite]", "Etelä-Suomen aluehallintovirasto", "[Tarkista ajantasaiset tiedot"):
        assert part in fi, part
    for part in ("Tillsynsmyndighet", "Respons och kontaktuppgifter", "[e-postadress]", "[dd.mm.åååå]",
                 "[Kontrollera aktuella uppgifter"):
        assert part in sv, part
    assert "toimesta" not in fi
    # Every barrier once.
    bullets = [line for line in fi.splitlines() if line.startswith("* ")]
    assert bullets and len(bullets) == len(set(bullets)), bullets
    html = (out / "statement.html").read_text(encoding="utf-8")
    assert '<section class="statement" lang="fi"' in html and '<section class="statement" lang="sv"' in html


def test_statement_plurals_and_duplicates():
    """1 sida / 2 sidor; two rules that describe one barrier are one item; a rule without a barrier text is
    marked for the author."""
    import datetime as dt

    from reports import statement

    class D:
        run = {"site": "https://a.fi/", "started_at": dt.datetime(2026, 11, 1), "axe_version": "4.14.1"}
        viewports = [{"name": "mobile", "width": 320}]
        summary = {"documents": 0, "html_pages": 1}
        pages_by_id = {1: {"url": "https://a.fi/"}, 2: {"url": "https://a.fi/b"}}
        groups = [
            {"rule": "AXE-image-alt", "help": "Images must have alternative text", "category": "fail",
             "wcag": ["1.1.1"], "page_ids": [1]},
            {"rule": "AXE-role-img-alt", "help": "x", "category": "fail", "wcag": ["1.1.1"], "page_ids": [2]},
            {"rule": "AXE-label", "help": "Form elements must have labels", "category": "fail",
             "wcag": ["4.1.2", "1.3.1"], "page_ids": [1]},
            {"rule": "AXE-new-rule", "help": "Something new", "category": "fail", "wcag": ["2.4.6"],
             "page_ids": [1, 2]},
            {"rule": "PL-FI-1", "help": "", "category": "advisory", "wcag": ["3.1.5"], "page_ids": [1]},
        ]

    sv = statement.to_text(statement.build(D(), "sv"))
    fi = statement.to_text(statement.build(D(), "fi"))
    assert "Förekommer på 2 sidor" in sv and "Förekommer på 1 sida," in sv and "1 sidor" not in sv
    assert "Webbplatsens 1 sida utvärderades" in sv
    assert sv.count("En del bilder saknar textalternativ") == 1  # image-alt and role-img-alt: one barrier
    assert "WCAG 1.3.1" in fi and "WCAG 4.1.2" not in fi  # a barrier is listed once, under its first criterion
    assert "[Kuvaa käyttäjän kannalta:]" in fi and "[Beskriv ur användarens synvinkel:]" in sv
    assert "3.1.5" not in fi


def test_pagination_keeps_files_small(tmp_path):
    """Many pages and issues: every list is split into files of bounded size; the dashboard does not grow."""
    store = Store(f"sqlite:///{tmp_path / 'big.db'}")
    rid = store.create_run("https://big.test/", ["https://big.test/"], {"viewports": VIEWPORTS[:1]},
                           tool_version="t")
    for i in range(450):
        fs = [_finding(selector="header > img"),
              _finding(rule=f"AXE-rule-{i % 120}", selector=f"#x{i % 120} > p", snippet=f"<p>{i % 120}</p>",
                       impact="moderate")]
        store.save_page(rid, PageResult(url=f"https://big.test/s{i % 9}/p{i}.html", kind="html", title=f"P{i}"), fs,
                        score=80.0 - i % 50)
    out = tmp_path / "r"
    write_all(store, rid, out, ["html"])
    lists = sorted((out / "pages").glob("index*.html"))
    assert len(lists) == 5  # 450 pages, 100 a file
    assert len(sorted((out / "issues").glob("index*.html"))) == 3  # 121 issues, 50 a file
    site_wide = next(p for p in (out / "issues").glob("*.html")
                     if "-p" not in p.stem and "On 450 pages" in p.read_text(encoding="utf-8"))
    assert len(list((out / "issues").glob(site_wide.stem + "-p*.html"))) == 2  # 450 pages, 200 a file
    sizes = {p.name: p.stat().st_size for p in out.rglob("*.html")}
    assert max(sizes.values()) < 200_000, max(sizes.items(), key=lambda kv: kv[1])
    assert (out / "index.html").stat().st_size < 120_000
    page2 = (out / "pages" / "index-2.html").read_text(encoding="utf-8")
    assert 'aria-current="page">Page 2<' in page2 and 'rel="prev"' in page2 and 'rel="next"' in page2


def test_unknown_format(run, tmp_path):
    store, run_id, _ = run
    with pytest.raises(ValueError):
        write_all(store, run_id, tmp_path / "r", ["pdf"])


def test_axe_catalog_matches_vendored_axe():
    from auditor import render
    from reports import axe_catalog

    cat = axe_catalog.load()
    assert cat["version"] == render.axe_version(), "regenerate with: python -m reports.axe_catalog"
    assert "image-alt" in axe_catalog.criteria_tested()["1.1.1"]


def test_plain_language_score_from_page_metrics(tmp_path):
    """When the language rules stored their page metric, the site score, the bands and the language area use it."""
    pytest.importorskip("auditor.text.score")
    store = Store(f"sqlite:///{tmp_path / 'pl.db'}")
    rid = store.create_run("https://pl.test/", ["https://pl.test/"], {"viewports": VIEWPORTS[:1], "rules": ["PL"]},
                           tool_version="t")
    for i, (score, words) in enumerate(((85.0, 100), (65.0, 300), (30.0, 100))):
        metrics = {"plain_language": {"languages": {"fi": {"score": score, "words": words}}}}
        try:
            store.save_page(rid, PageResult(url=f"https://pl.test/{i}", kind="html", title=f"S{i}"), [],
                            score=100.0, metrics=metrics)
        except TypeError:
            pytest.skip("this store keeps no page metrics")
    d = rdata.build(store, rid)
    pl = d.summary["plain_language"]
    assert pl["score"] == pytest.approx((85 * 100 + 65 * 300 + 30 * 100) / 500, abs=0.1)
    assert {b["band"]: b["pages"] for b in pl["bands"]} == {"easy": 1, "clear": 1, "hard": 0, "very-hard": 1}
    assert d.summary["areas"]["language"]["score"] == pl["score"]
    out = tmp_path / "r"
    write_all(store, rid, out, ["html"], lang="fi")
    assert "lähellä selkokieltä" in (out / "index.html").read_text(encoding="utf-8")


def test_finding_message_in_the_report_language(tmp_path):
    """A rule's message is shown in the report's language when the rule gave one (registry.msg), marked with its
    language; English otherwise (issue 14: plain-language messages come in three languages)."""
    from auditor.registry import messages_of, msg

    store = Store(f"sqlite:///{tmp_path / 'm.db'}")
    rid = store.create_run("https://m.test/", ["https://m.test/"], {"viewports": VIEWPORTS[:1], "rules": ["PL-FI"]},
                           tool_version="t")
    m = msg(en="Long sentence: split it.", fi="Pitkä virke: jaa se.", sv="Lång mening: dela den.")
    pid = store.save_page(rid, PageResult(url="https://m.test/", kind="html", title="M"), [
        _finding(rule="PL-FI-1", impact="minor", selector="main > p", wcag=("3.1.5",), level="AAA", advisory=True,
                 message=str(m), messages=messages_of(m), snippet="Pitkä virke.",
                 evidence={"sentence": "Pitkä virke.", "lang": "fi"})], score=100.0)
    for lang, want in (("fi", "Pitkä virke: jaa se."), ("sv", "Lång mening: dela den."),
                       ("en", "Long sentence: split it.")):
        out = tmp_path / lang
        write_all(store, rid, out, ["html"], lang=lang)
        page_html = (out / "pages" / f"{pid}.html").read_text(encoding="utf-8")
        assert f'<p class="message" lang="{lang}">{want}</p>' in page_html, lang
