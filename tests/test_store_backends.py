"""The store on SQLite and on PostgreSQL (a fresh database per test, dropped after): round trip, resume, the
automatic column upgrade of an older shared store, fleet jobs, and a database that refuses connections for a while."""
from __future__ import annotations

import subprocess
import sys
import threading
import time

import pytest
from sqlalchemy import create_engine, text

from auditor.config import AuditConfig
from auditor.models import Finding, PageResult, Viewport
from auditor.store import Store
from tests.conftest import page, write_site
from tests.fleet_support import ROOT, TcpProxy, pg_database, timed_site


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
    else:
        with pg_database() as (url, _name):
            yield url


def _finding(rule: str = "AXE-image-alt", **kw) -> Finding:
    base = dict(rule=rule, outcome="fail", impact="critical", selector="img", snippet="<img src=x>",
                message="Images must have alternate text", viewports=("mobile",), wcag=("1.1.1",), level="A",
                messages={"en": "Images must have alternate text", "fi": "Kuvilta puuttuu tekstivastine",
                          "sv": "Bilder saknar textalternativ"}, evidence={"n": 1, "ääkköset": "å"})
    base.update(kw)
    return Finding(**base)


def test_round_trip(db_url):
    st = Store(db_url)
    rid = st.create_run("https://a.example/", ["https://a.example/"], {"max_pages": 3}, "0.1.0")
    pid = st.save_page(rid, PageResult(url="https://a.example/", kind="html", status=200, title="Etusivu – ÅÄÖ",
                                       links=("https://a.example/b",)), [_finding(), _finding("DI-1")], 72.5,
                       {"plain_language": {"languages": {"fi": {"score": 60, "words": 100}}}})
    st.save_page(rid, PageResult(url="https://a.example/x.pdf", kind="error", error="HTTP 404"), [], None)
    assert st.counts(rid) == {"pages": 2, "failures": 2}
    pages = st.pages(rid)
    assert pages[0]["id"] == pid and pages[0]["title"] == "Etusivu – ÅÄÖ" and pages[0]["links"] == ["https://a.example/b"]
    assert pages[0]["metrics"]["plain_language"]["languages"]["fi"]["score"] == 60
    fs = st.findings(rid)
    assert fs[0]["messages"]["sv"] == "Bilder saknar textalternativ" and fs[0]["evidence"]["ääkköset"] == "å"
    assert [f["rule"] for f in st.iter_findings(rid, batch=1)] == ["AXE-image-alt", "DI-1"]
    assert st.replace_site_findings(rid, {"https://a.example/": [_finding("SV-1")]}) == 1
    assert st.replace_site_findings(rid, {"https://a.example/": [_finding("SV-1")]}) == 1  # replaced, not added
    assert sum(1 for f in st.findings(rid) if f["rule"] == "SV-1") == 1
    st.update_run(rid, status="failed", message="no HTML page could be audited")
    r = st.get_run(rid)
    assert r["status"] == "failed" and r["finished_at"] is not None and r["message"].startswith("no HTML")
    # a page is stored once per run: the unique constraint holds on both backends
    with pytest.raises(Exception):
        st.save_page(rid, PageResult(url="https://a.example/", kind="html"), [], None)
    # a retried save whose first try did commit stores nothing more
    assert st.save_page.__wrapped__(st, rid, PageResult(url="https://a.example/", kind="html"), [], None,
                                    _attempt=1) == pid
    assert st.counts(rid)["pages"] == 2


def test_fleet_jobs_one_per_slot(db_url):
    st = Store(db_url)
    sid = st.fleet_upsert_site("https://a.example/", organisation="Kaupunki", max_pages=5, tags=["x"])
    assert st.fleet_upsert_site("https://a.example/", organisation="Kaupunki 2") == sid
    j1, new1 = st.fleet_create_job(sid, "2026-11-01T03:00Z")
    j2, new2 = st.fleet_create_job(sid, "2026-11-01T03:00Z")
    assert (j1, new1, new2) == (j2, True, False)
    a = st.fleet_start_attempt(j1, "host/1")
    st.fleet_end_attempt(a, "done")
    st.fleet_update_job(j1, status="done")
    job = st.fleet_job(j1)
    assert job["attempts"] == 1 and job["finished_at"] is not None and job["worker"] == "host/1"
    assert st.fleet_site(sid)["organisation"] == "Kaupunki 2"
    assert st.fleet_remove_site("https://a.example/") == 1 and st.fleet_jobs() == []


def test_old_store_gains_missing_columns(db_url):
    """A store created by an older version (no runs.message, pages.metrics, findings.messages/scope) is upgraded
    on opening, and the new version writes to it."""
    eng = create_engine(db_url)
    with eng.begin() as c:
        c.execute(text("CREATE TABLE runs (id INTEGER PRIMARY KEY, site VARCHAR(512) NOT NULL, seeds JSON NOT NULL, "
                       "config JSON NOT NULL, status VARCHAR(16) NOT NULL, started_at TIMESTAMP NOT NULL, "
                       "finished_at TIMESTAMP, tool_version VARCHAR(32), axe_version VARCHAR(32), "
                       "browser_version VARCHAR(128))"))
        c.execute(text("INSERT INTO runs (id, site, seeds, config, status, started_at) VALUES "
                       "(1, 'https://old.example/', '[]', '{}', 'finished', CURRENT_TIMESTAMP)"))
        c.execute(text("CREATE TABLE pages (id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL REFERENCES runs(id), "
                       "url TEXT NOT NULL, kind VARCHAR(16) NOT NULL, status INTEGER, done_at TIMESTAMP NOT NULL, "
                       "UNIQUE (run_id, url))"))
        c.execute(text("CREATE TABLE findings (id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL, page_id INTEGER "
                       "NOT NULL, rule VARCHAR(96) NOT NULL, outcome VARCHAR(16) NOT NULL, impact VARCHAR(16) NOT "
                       "NULL, selector TEXT NOT NULL, viewports JSON NOT NULL, wcag JSON NOT NULL, en301549 JSON "
                       "NOT NULL, act JSON NOT NULL, fingerprint VARCHAR(32) NOT NULL)"))
    eng.dispose()
    st = Store(db_url)
    from sqlalchemy import inspect

    cols = {c["name"] for c in inspect(st.engine).get_columns("findings")}
    assert {"messages", "scope", "evidence", "advisory"} <= cols
    assert "metrics" in {c["name"] for c in inspect(st.engine).get_columns("pages")}
    assert st.get_run(1)["site"] == "https://old.example/"
    if db_url.startswith("postgresql"):  # ids from a sequence there; SQLite INTEGER PRIMARY KEY is autoincrement
        with st.engine.begin() as c:
            c.execute(text("CREATE SEQUENCE IF NOT EXISTS pages_id_seq OWNED BY pages.id"))
            c.execute(text("ALTER TABLE pages ALTER COLUMN id SET DEFAULT nextval('pages_id_seq')"))
            c.execute(text("CREATE SEQUENCE IF NOT EXISTS findings_id_seq OWNED BY findings.id"))
            c.execute(text("ALTER TABLE findings ALTER COLUMN id SET DEFAULT nextval('findings_id_seq')"))
    st.save_page(1, PageResult(url="https://old.example/", kind="html"), [_finding()], 80.0, {"m": 1})
    assert st.findings(1)[0]["scope"] == "page" and st.pages(1)[0]["metrics"] == {"m": 1}
    assert Store(db_url)._add_missing_columns  # opening again adds nothing and does not fail


def _site() -> dict[str, str]:
    return {"index.html": page("Etusivu", '<a href="a.html">A</a> <a href="b.html">B</a><img src="x.svg">'),
            "a.html": page("A", '<a href="index.html">Etusivu</a>'),
            "b.html": page("B", '<a href="index.html">Etusivu</a>')}


def test_resume_a_run_created_by_the_store(db_url, tmp_path):
    """The fleet's path: a run row created first, then `audit --resume RUN_ID` — once with no page stored, once
    with the front page stored (it is not fetched again; the rest is)."""
    site = timed_site(write_site(tmp_path / "site", _site()))
    try:
        st = Store(db_url)
        cfg = AuditConfig(seeds=(site.url,), max_pages=3, viewports=(Viewport("mobile", 320, 640),), delay=0.0,
                          autothrottle=False, screenshots=False, out=str(tmp_path / "out"), rules=("AXE",))

        def resume(rid):
            p = subprocess.run([sys.executable, "-m", "auditor.cli", "audit", "--resume", str(rid), "--db", db_url,
                                "--out", str(tmp_path / "out"), "--quiet", "--no-config"], cwd=ROOT,
                               capture_output=True, text=True, timeout=180)
            assert p.returncode == 0, p.stderr
        r1 = st.create_run(site.url, [site.url], cfg.to_json(), "0.1.0")
        resume(r1)
        assert st.get_run(r1)["status"] == "finished"
        assert sorted(p["url"] for p in st.pages(r1)) == sorted([site.url, site.url + "a.html", site.url + "b.html"])
        r2 = st.create_run(site.url, [site.url], cfg.to_json(), "0.1.0")
        st.save_page(r2, PageResult(url=site.url, kind="html", status=200, links=(site.url + "a.html",
                                                                                   site.url + "b.html")), [], 100.0)
        n = len(site.request_log)
        resume(r2)
        later = [p for _, p in site.request_log[n:]]
        assert "/" not in later and "/a.html" in later and "/b.html" in later
        urls = [p["url"] for p in st.pages(r2)]
        assert len(urls) == len(set(urls)) == 3 and st.get_run(r2)["status"] == "finished"
    finally:
        site.__exit__(None, None, None)


def test_postgres_refusing_connections_is_waited_for(capfd):
    with pg_database() as (url, _name):
        proxy = TcpProxy(5432)
        try:
            st = Store(url.replace("127.0.0.1:5432", f"127.0.0.1:{proxy.port}"))
            rid = st.create_run("https://a.example/", [], {}, "0.1.0")
            t = threading.Thread(target=proxy.refuse, args=(4,))
            t.start()
            time.sleep(0.3)
            start = time.monotonic()
            st.save_page(rid, PageResult(url="https://a.example/", kind="html"), [_finding()], 50.0)
            waited = time.monotonic() - start
            t.join()
            assert waited >= 3, waited  # it did wait for the database, and then stored the page
            assert st.counts(rid) == {"pages": 1, "failures": 1}
            err = capfd.readouterr().err
            assert err.count("database unavailable") == 1 and "database back after" in err
        finally:
            proxy.close()
