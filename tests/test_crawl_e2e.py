"""End-to-end crawl tests: real Scrapy, real Chromium, real axe-core, fixture sites on 127.0.0.1."""
from __future__ import annotations

import json

import pytest

from tests.conftest import last_run, page, run_cli

pytestmark = pytest.mark.e2e


def urls_of(st, run_id, kind=None):
    return {p["url"] for p in st.pages(run_id) if kind is None or p["kind"] == kind}


def test_off_site_links_not_followed(site_factory, tmp_path):
    other = site_factory({"index.html": page("Muu", "<p>toinen sivusto</p>")}, name="other")
    # "localhost" is another host than "127.0.0.1", although the same machine.
    off = other.url.replace("127.0.0.1", "localhost")
    site = site_factory({
        "index.html": page("Etusivu", f'<p><a href="a.html">A</a> <a href="{off}">pois</a> '
                                      f'<a href="{other.url}x.html">toinen</a></p>'),
        "a.html": page("A", '<p><a href="/">Etusivu</a></p>'),
    })
    out = tmp_path / "out"
    run_cli("audit", site.url, out=out, check=True)
    st, rid = last_run(out)
    assert urls_of(st, rid) == {site.url, site.url + "a.html"}
    assert other.request_log == []


def test_robots_obeyed_with_many_start_urls(site_factory, tmp_path):
    files = {
        "robots.txt": "User-agent: *\nDisallow: /private/\n",
        "index.html": page("Etusivu", '<p><a href="/private/p1.html">salainen</a> <a href="b.html">B</a></p>'
                                      '<img src="/private/kuva.png" alt="kuva">'),
        "b.html": page("B", '<p><a href="/private/p2.html">salainen 2</a></p>'),
        "c.html": page("C", "<p>C</p>"),
        "d.html": page("D", "<p>D</p>"),
    }
    for i in range(1, 4):
        files[f"private/p{i}.html"] = page(f"P{i}", "<p>ei saa hakea</p>")
    files["private/kuva.png"] = b"\x89PNG\r\n\x1a\n"
    site = site_factory(files)
    seeds = [site.url + p for p in ("private/p3.html", "", "c.html", "d.html", "private/p1.html", "b.html")]
    out = tmp_path / "out"
    run_cli("audit", *seeds, out=out, check=True)
    st, rid = last_run(out)
    assert not [p for p in site.request_log if p.startswith("/private")], site.request_log
    assert site.request_log.count("/robots.txt") == 1
    assert urls_of(st, rid) == {site.url + p for p in ("", "b.html", "c.html", "d.html")}


def _chain_site(n: int) -> dict[str, str]:
    files = {}
    for i in range(n):
        nxt = f'<a href="p{i + 1}.html">seuraava</a>' if i + 1 < n else "loppu"
        files["index.html" if i == 0 else f"p{i}.html"] = page(f"Sivu {i}", f"<p>{nxt}</p>")
    return files


def test_depth_limit_holds(site_factory, tmp_path):
    site = site_factory(_chain_site(6))
    out = tmp_path / "out"
    run_cli("audit", site.url, "--depth", "2", out=out, check=True)
    st, rid = last_run(out)
    assert urls_of(st, rid) == {site.url, site.url + "p1.html", site.url + "p2.html"}
    assert {p["depth"] for p in st.pages(rid)} == {0, 1, 2}


def test_max_pages_is_exact(site_factory, tmp_path):
    # A wide site: the front page links 40 pages that each link 3 more, so many requests are queued at once.
    files = {"index.html": page("Etusivu", "".join(f'<a href="s{i}.html">S{i}</a> ' for i in range(40)))}
    for i in range(40):
        files[f"s{i}.html"] = page(f"S{i}", "".join(f'<a href="t{i}-{j}.html">T</a> ' for j in range(3)))
        for j in range(3):
            files[f"t{i}-{j}.html"] = page(f"T{i}-{j}", "<p>x</p>")
    site = site_factory(files)
    out = tmp_path / "out"
    run_cli("audit", site.url, "--max-pages", "20", "--viewports", "desktop", "--no-screenshots",
            out=out, check=True)
    st, rid = last_run(out)
    assert len([p for p in st.pages(rid) if p["kind"] == "html"]) == 20


def test_sitemap_index_followed_and_documents_recorded(site_factory, tmp_path):
    pdf = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    site = site_factory({
        "robots.txt": "User-agent: *\nAllow: /\nSitemap: {{BASE}}/sitemaps/index.xml\n",
        "sitemaps/index.xml": '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/'
                              'sitemap/0.9"><sitemap><loc>{{BASE}}/sitemaps/pages.xml</loc></sitemap>'
                              "</sitemapindex>",
        "sitemaps/pages.xml": '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                              "<url><loc>{{BASE}}/hidden.html</loc></url></urlset>",
        "index.html": page("Etusivu", '<p><a href="doc.pdf">PDF</a> <a href="data.bin">data</a></p>'),
        "hidden.html": page("Piilossa", "<p>vain sivukartassa</p>"),
        "doc.pdf": pdf,
        "data.bin": b"\x00\x01binary",
    })
    out = tmp_path / "out"
    run_cli("audit", site.url, out=out, check=True)
    st, rid = last_run(out)
    pages = {p["url"]: p for p in st.pages(rid)}
    assert pages[site.url + "hidden.html"]["kind"] == "html"
    for doc in ("doc.pdf", "data.bin"):
        p = pages[site.url + doc]
        assert p["kind"] == "document", p
        assert p["score"] is None
        # No page rule runs on a document; the document rules (SV-18..23) are site rules.
        assert not [f for f in st.findings(rid) if f["page_id"] == p["id"] and f["scope"] == "page"]
    assert "pdf" in pages[site.url + "doc.pdf"]["content_type"]
    # Documents are never rendered: no screenshots or axe results for them.
    from pathlib import Path
    for doc in ("doc.pdf", "data.bin"):
        d = pages[site.url + doc]["artifact_dir"]
        assert not d or not list(Path(d).glob("*.jpg"))


def test_demo_site_seeded_defects(tmp_path):
    """Each seeded defect of the demo site is found with its rule code, WCAG criterion and viewports."""
    from auditor.demo import DEMO_ROOT

    expected = json.loads((DEMO_ROOT / "expected.json").read_text())
    out = tmp_path / "out"
    p = run_cli("demo", "--format", "html,json", out=out, check=True)
    st, rid = last_run(out)
    pages = {p["id"]: p for p in st.pages(rid)}
    base = st.get_run(rid)["seeds"][0].rstrip("/")
    assert "/admin/" not in {u["url"].replace(base, "") for u in pages.values()}
    got = {}
    for f in st.findings(rid):
        # Plain language and best practice are not defects here; site rules (SV-* service duties) have their own
        # list, "service_findings" (tests/test_service_e2e.py).
        if f["outcome"] != "fail" or f["advisory"] or f["scope"] == "site":
            continue
        path = pages[f["page_id"]]["url"].replace(base, "")
        got.setdefault((path, f["rule"]), []).append(f)
    # The device pages (DI-* rules, /laitteet/) have their own list, "device_defects", checked the same way.
    defects = expected["defects"] + expected.get("device_defects", [])
    for d in defects:
        fs = got.get((d["path"], d["rule"]))
        assert fs, f"missing {d}"
        assert any(d["wcag"] in f["wcag"] and sorted(f["viewports"]) == sorted(d["viewports"]) for f in fs), \
            (d, [(f["wcag"], f["viewports"]) for f in fs])
    assert len(got) == len({(d["path"], d["rule"]) for d in defects}), sorted(got)
    for path in expected["clean"]:
        assert not [k for k in got if k[0] == path], path
    for path in expected.get("device_clean", []):  # not one DI finding, not even a needs-review
        assert not [f for f in st.findings(rid) if f["rule"].startswith("DI-")
                    and pages[f["page_id"]]["url"].replace(base, "") == path], path
    # Own checks (issue 13): each seeded example is found with its outcome, and the clean pages (and the device
    # pages meant to be clean) get none of these findings, not even a needs-review or an advisory.
    import re
    own = re.compile(r"^(ACC-[1-6]\d|DI-16)$")
    seen = {(pages[f["page_id"]]["url"].replace(base, ""), f["rule"], f["outcome"], bool(f["advisory"]))
            for f in st.findings(rid) if own.match(f["rule"])}
    want = {(c["path"], c["rule"], c["outcome"], bool(c.get("advisory"))) for c in expected["check_findings"]}
    assert want <= seen, sorted(want - seen)
    for path in expected["clean"]:
        assert not [s for s in seen if s[0] == path], (path, sorted(s for s in seen if s[0] == path))
    for path in expected.get("device_clean", []):
        assert not [s for s in seen if s[0] == path and s[1].startswith("DI-")], path
    assert seen <= want | {s for s in seen if s[0] == "/laitteet/tiedote.html"}, sorted(seen - want)
    assert p.stdout.splitlines()[0].endswith("index.html")


def test_tool_errors_exit_2(site_factory, tmp_path):
    out = tmp_path / "out"
    p = run_cli("audit", "ftp://example.org/", out=out)
    assert p.returncode == 2 and "not an http(s) URL" in p.stderr and "Traceback" not in p.stderr
    # A port on loopback where nothing listens: unreachable host.
    import socket
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    p = run_cli("audit", f"http://127.0.0.1:{port}/", out=out)
    assert p.returncode == 2 and "no HTML page could be audited" in p.stderr, p.stderr
    assert "Traceback" not in p.stderr
    site = site_factory({"index.html": page("A", "<p>a</p>")})
    p = run_cli("audit", site.url, "--browser", "/nonexistent/chrome", out=out)
    assert p.returncode == 2 and "not an executable" in p.stderr
    p = run_cli("audit", site.url, "--viewports", "tiny", out=out)
    assert p.returncode == 2 and "bad viewport" in p.stderr
    p = run_cli("audit", site.url, "--include", "([", out=out)
    assert p.returncode == 2 and "bad regular expression" in p.stderr
    p = run_cli("audit", site.url + "only.pdf", out=out)
    assert p.returncode == 2
