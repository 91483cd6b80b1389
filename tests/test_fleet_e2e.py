"""The fleet end to end: real `auditor worker` processes (Celery, prefork, not eager), a private redis-server,
PostgreSQL (a database per test) behind a TCP proxy that can refuse connections, six demo sites on loopback ports.

One fleet run carries the faults in turn: Redis restarted (empty: nothing on disk) after the first site is done,
a worker SIGKILLed in the middle of a site, PostgreSQL refusing connections for 10 s while the other worker audits.
Then: every site done, each page stored exactly once, reports written, the portfolio lists six, the killed site
finished on the other worker in the same run without fetching its stored pages again, and the request logs show
no two workers on one host at once.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from auditor.demo import StaticSite
from auditor.store import Store
from tests.conftest import page, write_site
from tests.fleet_support import (ROOT, RedisServer, TcpProxy, free_port, pg_database, start_worker, timed_site)

pytestmark = pytest.mark.e2e

N_SITES = 6
PAGES = ("index.html", "a.html", "b.html")


def variant(i: int) -> dict[str, str]:
    """Site i: three pages; i images without alt text on the front page, so the scores differ."""
    imgs = "".join(f'<img src="x{k}.svg">' for k in range(i))
    return {
        "index.html": page(f"Sivusto {i}", f'<p><a href="a.html">A</a> <a href="b.html">B</a></p>{imgs}'),
        "a.html": page(f"A {i}", '<p><a href="index.html">Etusivu</a> <a href="b.html">B</a></p>'),
        "b.html": page(f"B {i}", '<p><a href="index.html">Etusivu</a></p>'),
        "robots.txt": "User-agent: *\nDisallow: /private/\n",
    }


def cli(env: dict[str, str], *args: str, check: bool = True) -> subprocess.CompletedProcess:
    p = subprocess.run([sys.executable, "-m", "auditor.cli", *args], cwd=ROOT, env=env, capture_output=True,
                       text=True, timeout=120)
    if check and p.returncode != 0:
        raise AssertionError(f"auditor {' '.join(args)} → {p.returncode}\n{p.stdout}\n{p.stderr}")
    return p


def wait_for(cond, timeout: float, what: str, poll: float = 0.2):
    deadline = time.time() + timeout
    while time.time() < deadline:
        v = cond()
        if v:
            return v
        time.sleep(poll)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


def ts(d: dt.datetime) -> float:
    return d.replace(tzinfo=dt.timezone.utc).timestamp()


def _env(db: str, redis_url: str, art: Path, **extra: str) -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=str(ROOT), PYTHONUNBUFFERED="1", AUDITOR_DB=db, AUDITOR_BROKER=redis_url,
                AUDITOR_ARTIFACTS=str(art), AUDITOR_VISIBILITY_TIMEOUT="12", AUDITOR_LOCK_TTL="6",
                AUDITOR_LOCK_RETRY_S="2", AUDITOR_DB_RETRY_S="120", **extra)


def test_fleet_six_sites_two_workers_with_faults(tmp_path):
    art = tmp_path / "art"
    sites, workers = [], []
    redis = RedisServer(tmp_path)
    redis.start()
    with pg_database() as (db_direct, _name):
        proxy = TcpProxy(5432)
        db = db_direct.replace("127.0.0.1:5432", f"127.0.0.1:{proxy.port}")
        env = _env(db, redis.url, art)
        try:
            for i in range(N_SITES):
                sites.append(timed_site(write_site(tmp_path / f"site{i}", variant(i))))
            dead = f"http://127.0.0.1:{free_port()}/"  # nothing listens there: must fail, with the reason
            for i, url in enumerate([s.url for s in sites] + [dead]):
                cli(env, "fleet", "add", url, "--org", "Kaupunki A" if i < 3 else "Virasto B", "--max-pages",
                    "3", "--viewports", "mobile", "--delay", "0.3", "--no-screenshots", "--rules", "AXE,SV")
            cli(env, "fleet", "run")
            for n in (1, 2):
                workers.append(start_worker(env, tmp_path / f"worker{n}.log", f"w{n}@%h"))
            st = Store(db_direct)
            by_url = {s["url"]: s["id"] for s in st.fleet_sites()}
            assert len(by_url) == N_SITES + 1

            def jobs():
                return st.fleet_jobs()

            # 1. Redis restarted, empty, once the first site is done.
            wait_for(lambda: any(j["status"] == "done" for j in jobs()), 150, "the first site done")
            redis.stop()
            redis.start()
            t_redis = time.time()

            # 2. A worker SIGKILLed in the middle of a site (a page stored, not all).
            def mid_site():
                for j in jobs():
                    if j["status"] == "running" and j["run_id"] and 1 <= st.page_count(j["run_id"]) < len(PAGES):
                        return j
                return None
            victim = wait_for(mid_site, 150, "a site in the middle of its audit")
            pid = int(victim["worker"].rsplit("/", 1)[1])
            pgid = os.getpgid(pid)
            killed = next(w for w in workers if w.pid == pgid)
            os.killpg(pgid, signal.SIGKILL)
            t_kill = time.time()
            killed.wait(10)
            survivor = next(w for w in workers if w is not killed)
            stored_before = {p["url"]: p["done_at"] for p in st.pages(victim["run_id"])}
            assert 1 <= len(stored_before) < len(PAGES)

            # 3. PostgreSQL refusing connections for 10 s while the survivor audits a site.
            def survivor_busy():
                for j in jobs():
                    if (j["status"] == "running" and j["run_id"] and j["id"] != victim["id"]
                            and os.getpgid(int(j["worker"].rsplit("/", 1)[1])) == survivor.pid
                            and st.page_count(j["run_id"]) < len(PAGES)):
                        return j
                return None
            busy = wait_for(survivor_busy, 150, "the other worker auditing a site")
            proxy.refuse(10)

            wait_for(lambda: all(j["status"] in ("done", "failed") for j in jobs())
                     and len({j["site_id"] for j in jobs()}) == N_SITES + 1, 240, "every site finished", poll=1)
            final = {j["site_id"]: j for j in jobs() if j["status"] in ("done", "failed")}
            failed = final.pop(by_url[dead])
            assert failed["status"] == "failed" and "refused" in failed["message"].lower(), failed
            assert st.get_run(failed["run_id"])["status"] == "failed"
            assert {j["status"] for j in final.values()} == {"done"}, [j["message"] for j in final.values()]
            assert survivor.poll() is None, "the surviving worker died"
        finally:
            for w in workers:
                if w.poll() is None:
                    os.killpg(w.pid, signal.SIGKILL)
                    w.wait(10)
            for s in sites:
                s.__exit__(None, None, None)
            redis.stop()
            proxy.close()

        # every site done, each page stored exactly once, reports written
        for s in sites:
            job = final[by_url[s.url]]
            run = st.get_run(job["run_id"])
            assert run["status"] == "finished"
            urls = [p["url"] for p in st.pages(job["run_id"])]
            assert sorted(urls) == sorted(s.url + ("" if p == "index.html" else p) for p in PAGES), urls
            assert (art / f"site-{by_url[s.url]}" / f"run-{job['run_id']}" / "index.html").is_file()
            # robots.txt obeyed, read before any page
            paths = [p for _, p in s.request_log]
            assert paths[0] == "/robots.txt", paths[:3]

        # the killed site: continued in the same run by the other worker, stored pages not fetched again
        vj = final[victim["site_id"]]
        assert vj["run_id"] == victim["run_id"] and vj["attempts"] >= 2
        attempts = st.fleet_attempts(vj["id"])
        assert len({a["worker"] for a in attempts}) >= 2
        assert {p["url"]: p["done_at"] for p in st.pages(vj["run_id"]) if p["url"] in stored_before} == stored_before
        vsite = next(s for s in sites if by_url[s.url] == victim["site_id"])
        for url in stored_before:
            path = "/" + url.split("/", 3)[3]
            later = [t for t, p in vsite.request_log if p in (path, "/index.html" if path == "/" else path)
                     and t > t_kill + 1]
            assert not later, f"{url} fetched again after the kill"
        # identical to an uninterrupted run of the same variant: the same pages and findings per page
        assert sorted(f["rule"] for f in st.findings(vj["run_id"]) if f["outcome"] == "fail") == sorted(
            f["rule"] for f in _reference_findings(tmp_path, sites.index(vsite)) if f["outcome"] == "fail")

        # no two workers on one host at once: attempts on a host never overlap, every request inside one
        for s in sites:
            sid = by_url[s.url]
            windows = []
            for j in (j for j in st.fleet_jobs() if j["site_id"] == sid):
                for a in st.fleet_attempts(j["id"]):
                    end = ts(a["ended_at"]) if a["ended_at"] else t_kill
                    windows.append((ts(a["started_at"]), end, a["worker"]))
            windows.sort()
            for (s1, e1, w1), (s2, e2, w2) in zip(windows, windows[1:]):
                assert e1 <= s2 + 0.05, f"{s.url}: {w1} and {w2} overlap"
            for t, p in s.request_log:
                assert any(a - 0.5 <= t <= b + 0.5 for a, b, _ in windows), f"{s.url}{p} at {t} outside any attempt"

        # the database outage was waited for and said so in one line; no page lost (checked above)
        logs = "".join(p.read_text(errors="replace") for p in art.glob("site-*/logs/*.log"))
        assert "database unavailable" in logs and "database back after" in logs
        assert busy["site_id"] in final

        # Redis restart: the workers noticed and published the unfinished jobs again (the queue was lost)
        wlogs = "".join((tmp_path / f"worker{n}.log").read_text(errors="replace") for n in (1, 2))
        assert "published again" in wlogs
        assert t_redis < t_kill

        # the portfolio lists all six, worst first within each organisation
        env2 = _env(db_direct, redis.url, art)
        cli(env2, "fleet", "report")
        rows = json.loads((art / "portfolio" / "portfolio.json").read_text())["sites"]
        assert len(rows) == N_SITES + 1
        # the failed site first, as failed with its reason, never with a score
        assert rows[0]["url"] == dead and rows[0]["status"] == "failed" and rows[0]["score"] is None
        assert "refused" in rows[0]["message"].lower()
        rows = rows[1:]
        assert {r["status"] for r in rows} == {"done"}
        for org in ("Kaupunki A", "Virasto B"):
            scores = [r["score"] for r in rows if r["organisation"] == org]
            assert scores == sorted(scores) and len(scores) == 3
        assert rows[0]["organisation"] == "Virasto B"  # the organisation of the worst site comes first
        assert min(r["score"] for r in rows) < max(r["score"] for r in rows)
        with open(art / "portfolio" / "portfolio.csv", newline="") as f:
            assert len(list(csv.DictReader(f))) == N_SITES + 1
        html = (art / "portfolio" / "index.html").read_text()
        assert html.count('class="site-row"') == N_SITES + 1 and "Content-Security-Policy" in html
        for r in rows:
            assert (art / "portfolio" / r["report"]).resolve().is_file()


def _reference_findings(tmp_path: Path, vsite_index: int) -> list[dict]:
    """An uninterrupted `auditor audit` of the same variant, same settings."""
    ref = tmp_path / "ref"
    with StaticSite(write_site(tmp_path / "refsite", variant(vsite_index))) as s:
        subprocess.run([sys.executable, "-m", "auditor.cli", "audit", s.url, "--out", str(ref), "--quiet",
                        "--max-pages", "3", "--viewports", "mobile", "--delay", "0", "--no-screenshots",
                        "--rules", "AXE,SV", "--no-config"], cwd=ROOT, check=True, capture_output=True,
                       timeout=120)
    st = Store(f"sqlite:///{ref / 'auditor.db'}")
    return st.findings(st.list_runs()[-1]["id"])


def sampled_site(alt: bool) -> dict[str, str]:
    img = '<img src="x.svg" alt="Kuva">' if alt else '<img src="x.svg">'
    nav = ('<a href="saavutettavuusseloste.html">Saavutettavuusseloste</a> <a href="palaute.html">Anna palautetta'
           '</a> <a href="kirjaudu.html">Kirjaudu asiointiin</a> <a href="private/x.html">X</a> '
           + " ".join(f'<a href="uutiset/{k}.html">Uutinen {k}</a>' for k in range(1, 4)))
    files = {"index.html": page("Etusivu", f"<p>{nav}</p>{img}"),
             "saavutettavuusseloste.html": page("Saavutettavuusseloste", '<a href="index.html">Etusivu</a>'),
             "palaute.html": page("Palaute", '<form><label>Viesti <textarea name="m"></textarea></label></form>'),
             "kirjaudu.html": page("Kirjaudu", '<form><label>Tunnus <input name="u"></label></form>'),
             "private/x.html": page("Yksityinen", "<p>ei</p>"),
             "robots.txt": "User-agent: *\nDisallow: /private/\n"}
    for k in range(1, 4):
        files[f"uutiset/{k}.html"] = page(f"Uutinen {k}", f'<article><p>Uutinen {k}.</p></article>{img}')
    return files


def test_scheduled_sampled_site_runs_again_and_shows_a_trend(tmp_path):
    """A site with `--schedule "every 20s"` and `--sample 6`: the scheduler enqueues it once per slot; each run
    audits the structured sample (front, statement, feedback, e-service, one per template) plus a random page with
    a recorded seed; the site is fixed between the runs and the portfolio shows the score going up."""
    art = tmp_path / "art"
    redis = RedisServer(tmp_path)
    redis.start()
    procs: list[subprocess.Popen] = []
    root = write_site(tmp_path / "site", sampled_site(alt=False))
    site = timed_site(root)

    def stop():
        for p in reversed(procs):  # the scheduler first: no further slot
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait(10)
    try:
        with pg_database() as (db, _name):
            try:
                env = _env(db, redis.url, art)
                cli(env, "fleet", "add", site.url, "--org", "Kunta", "--sample", "6", "--schedule", "every 20s",
                    "--viewports", "mobile", "--delay", "0", "--no-screenshots", "--rules", "AXE,SV")
                procs.append(start_worker(env, tmp_path / "worker.log", "w1@%h"))
                procs.append(subprocess.Popen([sys.executable, "-m", "auditor.cli", "scheduler", "--interval", "2"],
                                              cwd=ROOT, env=env, stdout=open(tmp_path / "sched.log", "ab"),
                                              stderr=subprocess.STDOUT, start_new_session=True))
                st = Store(db)
                first = wait_for(lambda: next((j for j in st.fleet_jobs() if j["status"] == "done"), None), 180,
                                 "the first scheduled run")
                write_site(root, sampled_site(alt=True))  # the site owner fixes the images
                second = wait_for(lambda: next((j for j in st.fleet_jobs() if j["status"] == "done"
                                                and j["id"] != first["id"]), None), 180, "the next scheduled run")
                stop()
            finally:
                stop()
            assert first["slot"] != second["slot"] and first["run_id"] != second["run_id"]
            for job in (first, second):
                sample = st.sample(job["run_id"])
                assert [s["reason"] for s in sample] == ["front", "statement", "feedback", "eservice", "template",
                                                         "random"], sample
                assert {s["seed"] for s in sample} == {job["seed"]} and job["seed"]
                by_reason = {s["reason"]: s["url"] for s in sample}
                assert by_reason["front"] == site.url
                assert by_reason["statement"].endswith("saavutettavuusseloste.html")
                assert by_reason["feedback"].endswith("palaute.html")
                assert by_reason["eservice"].endswith("kirjaudu.html")
                assert "/uutiset/" in by_reason["template"] and "/uutiset/" in by_reason["random"]
                assert sorted(p["url"] for p in st.pages(job["run_id"])) == sorted(s["url"] for s in sample)
            assert not any(p.startswith("/private/") for _, p in site.request_log), "robots.txt not obeyed"
            cli(env, "fleet", "report", "--lang", "sv")
            rows = json.loads((art / "portfolio" / "portfolio.json").read_text())["sites"]
            assert len(rows) == 1 and rows[0]["trend"] is not None and rows[0]["trend"] > 0, rows
            assert rows[0]["sampled"] is True
            page_html = (art / "portfolio" / "sites" / f"site-{rows[0]['site_id']}.html").read_text()
            assert "Sidor i urvalet" in page_html and "slumpvis" in page_html
            status = json.loads(cli(env, "fleet", "status", "--json").stdout)
            assert status["sites"][0]["status"] in ("done", "queued", "running", "stalled")
            assert status["queue"]["eta_s"] is not None  # finished jobs give the median duration
    finally:
        site.__exit__(None, None, None)
        redis.stop()
