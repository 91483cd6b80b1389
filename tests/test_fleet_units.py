"""Pure logic of the fleet (schedules, the site list, sample choice, portfolio order) and the host lock against
a real redis-server."""
from __future__ import annotations

import datetime as dt
import time

import pytest
import redis

from auditor.fleet import sampling, schedule, sites
from auditor.fleet.lock import HostLock
from auditor.fleet.settings import FleetError
from reports.portfolio import order
from tests.fleet_support import RedisServer


def test_schedule_slots():
    now = dt.datetime(2026, 11, 29, 11, 47, 13)
    assert schedule.current_slot("", now) is None
    assert schedule.current_slot("every 30s", now) == "2026-11-29T11:47:00Z"
    assert schedule.current_slot("every 1d", now) == "2026-11-29T00:00:00Z"
    assert schedule.current_slot("@monthly", now) == "2026-11-01T03:00Z"
    assert schedule.current_slot("@weekly", now) == "2026-11-23T03:00Z"  # Monday
    assert schedule.current_slot("*/5 * * * *", now) == "2026-11-29T11:45Z"
    assert schedule.current_slot("0 3 1 * *", dt.datetime(2026, 11, 1, 2, 59)) == "2026-10-01T03:00Z"
    # the same slot until the next due time: the scheduler creates one job per slot
    assert schedule.current_slot("every 20s", now) == schedule.current_slot("every 20s", now + dt.timedelta(
        seconds=6))
    for bad in ("every", "every 0m", "sometimes", "61 * * * *"):
        with pytest.raises(ValueError):
            schedule.parse_schedule(bad)


def test_site_list_checked(tmp_path):
    f = tmp_path / "sites.toml"
    f.write_text('[[site]]\nurl = "https://www.example.fi/"\norganisation = "Kaupunki"\nsample = 30\n'
                 'schedule = "@monthly"\ntags = ["city"]\ndelay = 1.5\n', encoding="utf-8")
    [s] = sites.load(f)
    assert s["url"] == "https://www.example.fi/" and s["sample"] == 30 and s["options"] == {"delay": 1.5}
    c = tmp_path / "sites.csv"
    c.write_text("url,organisation,max_pages,tags\nhttps://a.example/,Virasto,20,x;y\n", encoding="utf-8")
    [s] = sites.load(c)
    assert s["max_pages"] == 20 and s["tags"] == ["x", "y"]
    for entry, msg in (({"url": "ftp://x"}, "not an http"), ({"url": "https://a/", "schedule": "whenever"},
                                                                 "schedule"),
                       ({"url": "https://a/", "colour": 1}, "unknown key"),
                       ({"url": "https://a/", "login": str(tmp_path / "none.toml")}, "login profile not found"),
                       ({"url": "https://a/", "max_pages": 0}, "at least 1")):
        with pytest.raises(FleetError, match=msg):
            sites.normalise(entry)


def _p(url: str, depth: int = 1, title: str = "", texts=(), shape: str = "", skel: str = "main") -> dict:
    return {"url": url, "depth": depth, "title": title, "link_texts": list(texts),
            "shape": shape or "/" + url.split("/", 3)[3].split("/")[0], "skeleton": skel}


def test_sample_structured_then_random_and_repeatable():
    pages = [_p("https://a/", 0, "Etusivu", shape="/"), _p("https://a/seloste", texts=["Saavutettavuusseloste"]),
             _p("https://a/palaute", title="Anna palautetta"), _p("https://a/oma/kirjaudu", texts=["Kirjaudu"]),
             *[_p(f"https://a/uutiset/{k}", 2, shape="/uutiset/#", skel="main.article") for k in range(20)],
             *[_p(f"https://a/palvelut/p{k}", 2, shape="/palvelut/*") for k in range(20)]]
    s1 = sampling.choose(pages, "https://a/", 10, seed=7)
    assert [c.reason for c in s1[:4]] == ["front", "statement", "feedback", "eservice"]
    assert [c.url for c in s1[:4]] == ["https://a/", "https://a/seloste", "https://a/palaute", "https://a/oma/kirjaudu"]
    templates = [c for c in s1 if c.reason == "template"]
    assert {c.detail for c in templates} == {"/uutiset/#", "/palvelut/*"}
    assert len(s1) == 10 and len({c.url for c in s1}) == 10
    assert sum(c.reason == "random" for c in s1) == 4
    assert sampling.choose(pages, "https://a/", 10, seed=7) == s1  # the recorded seed repeats the sample
    assert sampling.choose(pages, "https://a/", 10, seed=8) != s1
    assert [c.reason for c in sampling.choose(pages, "https://a/", 2, seed=7)] == ["front", "statement"]


def test_portfolio_worst_first_by_organisation():
    rows = [{"organisation": "B", "status": "done", "score": 90.0, "url": "b1"},
            {"organisation": "A", "status": "done", "score": 70.0, "url": "a1"},
            {"organisation": "A", "status": "done", "score": 95.0, "url": "a2"},
            {"organisation": "B", "status": "failed", "score": None, "url": "b2"}]
    assert [r["url"] for r in order(rows)] == ["b2", "b1", "a1", "a2"]


def test_host_lock_excludes_renews_and_expires(tmp_path):
    srv = RedisServer(tmp_path)
    srv.start()
    try:
        r = redis.Redis(port=srv.port)
        a, b = HostLock(r, "example.fi", ttl=1.5), HostLock(r, "example.fi", ttl=1.5)
        assert a.acquire() and not b.acquire()
        a.start_renewing()
        time.sleep(2.5)  # longer than the TTL: renewed, still held
        assert not b.acquire()
        a.release()
        assert b.acquire()  # released by its holder
        b.release()
        c = HostLock(r, "example.fi", ttl=0.5)
        assert c.acquire()  # a holder that dies (no renewal) loses it after the TTL
        time.sleep(0.8)
        assert a.acquire()
        c.release()  # not the holder any more: releases nothing
        assert a.holder() == a.token
        r.flushall()  # Redis restarted empty: the holder's renewal sets the key again
        assert a.renew() and a.holder() == a.token
    finally:
        srv.stop()


def test_portfolio_escapes_site_data_and_quotes_formulas(tmp_path):
    """Names, URLs and failure reasons come from the sites: escaped in HTML, formula cells quoted in CSV."""
    import csv
    import json

    from auditor.store import Store
    from reports import portfolio

    st = Store(f"sqlite:///{tmp_path / 'p.db'}")
    sid = st.fleet_upsert_site("https://a.example/?q=<script>", organisation='=HYPERLINK("x")<script>alert(1)</script>')
    jid, _ = st.fleet_create_job(sid, "now")
    rid = st.create_run("https://a.example/", [], {"rules": ["AXE"]}, "0.1.0")
    st.update_run(rid, status="failed", message='<img src=x onerror="alert(2)">unreachable')
    st.fleet_update_job(jid, status="failed", run_id=rid, message="x")
    paths = portfolio.write(st, tmp_path / "out", tmp_path, "fi")
    html = paths["html"].read_text()
    site_page = (tmp_path / "out" / "sites" / f"site-{sid}.html").read_text()
    for text in (html, site_page):
        assert "<script>" not in text and "<img src=x" not in text and "&lt;script&gt;" in text
    assert "epäonnistui" in html and "Content-Security-Policy" in html
    [row] = list(csv.DictReader(open(paths["csv"], newline="", encoding="utf-8")))
    assert row["organisation"].startswith("'=HYPERLINK") and row["status"] == "failed" and row["score"] == ""
    data = json.loads(paths["json"].read_text())
    assert data["sites"][0]["message"].endswith("unreachable") and data["sites"][0]["score"] is None


def test_jobs_enqueued_while_the_broker_is_away_are_published_later(tmp_path, monkeypatch):
    """`fleet run` with Redis down keeps the job in the store; once Redis is back a worker's recovery publishes it
    (and, Redis having come back empty, says so); nothing is published twice when nothing was lost."""
    from auditor.fleet import tasks
    from auditor.fleet.app import QUEUE, configure
    from auditor.store import Store

    srv = RedisServer(tmp_path)  # not started yet: the broker is away
    monkeypatch.setenv("AUDITOR_BROKER", srv.url)
    configure()
    tasks._redis.clear()
    st = Store(f"sqlite:///{tmp_path / 'q.db'}")
    sid = st.fleet_upsert_site("https://a.example/")
    [jid] = tasks.enqueue(st, [sid], "now-1")
    job = st.fleet_job(jid)
    assert job["status"] == "queued" and job["published_at"] is None
    srv.start()
    try:
        assert tasks.recover(st) == 1
        assert redis.Redis(port=srv.port).llen(QUEUE) == 1
        assert st.fleet_job(jid)["published_at"] is not None
        assert tasks.recover(st) == 0
        assert redis.Redis(port=srv.port).llen(QUEUE) == 1
    finally:
        srv.stop()
        monkeypatch.undo()
        configure()
        tasks._redis.clear()
