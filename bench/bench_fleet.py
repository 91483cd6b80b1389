"""`make bench-fleet`: what the fleet costs and gives on this machine.

    python bench/bench_fleet.py [--sites 20] [--pages 20] [--rss-sites 50] [--rounds 1] [--json build/bench-fleet.json]
    python bench/bench_fleet.py --quick      # 3 sites × 3 pages, 5 sites for RSS: proves it works (~3 min)

Generated sites (bench/sitegen.py), each on its own 127.0.0.1 port, a private redis-server on an ephemeral port, a
fresh PostgreSQL database (AUDITOR_BENCH_PG, default postgresql+psycopg://postgres@127.0.0.1:5432/postgres; created
and dropped). Phases, repeated --rounds times in turn (A B C A B C) and reported as medians:

  A  sequential: `auditor audit URL` for each site, one after another (the baseline; SQLite store)
  B  the fleet with 1 worker: enqueue every site, wall time until the last is done → queue overhead (B − A) / A
  C  the fleet with 2 workers → speed-up A / C (on 2 cores shared with Chromium: expect well under 2)
Then:
  RSS  one worker auditing --rss-sites sites one after another: resident memory of the worker processes (the
       Celery main process and its pool; the audit children come and go) after each site; growth first → last
  DISC the discovery crawl (spiders/discover.py, plain HTTP) against the full render, same site: pages per second
Audit settings: --viewports mobile, --delay 0, no screenshots (the fleet's own cost is what is measured).
"""
from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from auditor.demo import StaticSite  # noqa: E402
from bench import sitegen  # noqa: E402

AUDIT_ARGS = ["--viewports", "mobile", "--delay", "0", "--no-screenshots", "--no-config"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_tree(pid: int, skip_cmd: str = "auditor.cli audit") -> int:
    """Resident kB of pid and its descendants, without the audit children (and their browsers)."""
    children: dict[int, list[int]] = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                ppid = int((d / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(d.name))
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            cmd = (Path(f"/proc/{p}/cmdline").read_bytes().replace(b"\0", b" ")).decode(errors="replace")
            if skip_cmd in cmd:
                continue
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
        stack.extend(children.get(p, []))
    return total


class Fleet:
    def __init__(self, tmp: Path, pg_admin: str):
        from sqlalchemy import create_engine, text

        self.tmp = tmp
        self.port = free_port()
        self.redis = subprocess.Popen([shutil.which("redis-server") or "/usr/bin/redis-server", "--port",
                                       str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                                       "--dir", str(tmp)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.admin = create_engine(pg_admin, isolation_level="AUTOCOMMIT")
        self.dbname = "auditor_bench_" + secrets.token_hex(4)
        with self.admin.connect() as c:
            c.execute(text(f'CREATE DATABASE "{self.dbname}"'))
        self.db = pg_admin.rsplit("/", 1)[0] + "/" + self.dbname
        self.workers: list[subprocess.Popen] = []
        time.sleep(0.5)

    def env(self, art: Path) -> dict[str, str]:
        return dict(os.environ, PYTHONPATH=str(ROOT), AUDITOR_DB=self.db,
                    AUDITOR_BROKER=f"redis://127.0.0.1:{self.port}/0", AUDITOR_ARTIFACTS=str(art))

    def cli(self, env, *args) -> str:
        return subprocess.run([sys.executable, "-m", "auditor.cli", *args], env=env, cwd=ROOT, check=True,
                              capture_output=True, text=True, timeout=600).stdout

    def start_workers(self, env, n: int) -> None:
        for i in range(n):
            self.workers.append(subprocess.Popen(
                [sys.executable, "-m", "auditor.cli", "worker", "-c", "1", "-n", f"bench{i}@%h", "--loglevel",
                 "WARNING"], env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                start_new_session=True))

    def stop_workers(self) -> None:
        for w in self.workers:
            if w.poll() is None:
                os.killpg(w.pid, signal.SIGKILL)
                w.wait(10)
        self.workers = []

    def wait_done(self, store, job_ids: list[int], on_done=None, timeout: float = 7200) -> float:
        t0 = time.perf_counter()
        seen: set[int] = set()
        while time.perf_counter() - t0 < timeout:
            jobs = {j["id"]: j for j in store.fleet_jobs()}
            for jid in job_ids:
                if jid not in seen and jobs[jid]["status"] in ("done", "failed"):
                    seen.add(jid)
                    if on_done:
                        on_done(jobs[jid])
            if len(seen) == len(job_ids):
                return time.perf_counter() - t0
            time.sleep(0.2)
        raise RuntimeError("the fleet did not finish in time")

    def close(self) -> None:
        from sqlalchemy import text

        self.stop_workers()
        self.redis.kill()
        self.redis.wait(10)
        with self.admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{self.dbname}" WITH (FORCE)'))
        self.admin.dispose()


def run_fleet(fleet: Fleet, urls: list[str], pages: int, workers: int, art: Path) -> float:
    from auditor.store import Store

    env = fleet.env(art)
    store = Store(fleet.db)
    for u in urls:
        fleet.cli(env, "fleet", "add", u, "--max-pages", str(pages), "--viewports", "mobile", "--delay", "0",
                  "--no-screenshots")
    fleet.start_workers(env, workers)
    time.sleep(3)  # workers up before the clock starts: the queue's cost is measured, not process start
    t0 = time.perf_counter()
    jobs = [int(x) for x in fleet.cli(env, "fleet", "run", *sum((["--site", u] for u in urls), [])).split()]
    fleet.wait_done(store, jobs)
    wall = time.perf_counter() - t0
    fleet.stop_workers()
    failed = [j for j in store.fleet_jobs() if j["id"] in jobs and j["status"] != "done"]
    if failed:
        raise RuntimeError(f"fleet jobs failed: {[j['message'] for j in failed]}")
    return wall


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sites", type=int, default=20)
    ap.add_argument("--pages", type=int, default=20)
    ap.add_argument("--rss-sites", type=int, default=50)
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--json", default="build/bench-fleet.json")
    a = ap.parse_args()
    if a.quick:
        a.sites, a.pages, a.rss_sites = 3, 3, 5
    pg = os.environ.get("AUDITOR_BENCH_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
    tmp = Path(tempfile.mkdtemp(prefix="auditor-bench-fleet-"))
    servers = []
    res: dict = {"sites": a.sites, "pages": a.pages, "rounds": a.rounds, "load_before": os.getloadavg()[0]}
    try:
        for i in range(a.sites):
            sitegen.generate(tmp / f"site{i}", pages=a.pages, seed=sitegen.SEED + i)
            servers.append(StaticSite(tmp / f"site{i}").__enter__())
        urls = [s.url for s in servers]
        seq, one, two = [], [], []
        for r in range(a.rounds):
            t0 = time.perf_counter()
            for u in urls:
                subprocess.run([sys.executable, "-m", "auditor.cli", "audit", u, "--max-pages", str(a.pages),
                                "--out", str(tmp / f"seq{r}"), "--quiet", "--format", "json", *AUDIT_ARGS],
                               cwd=ROOT, check=True, capture_output=True, timeout=3600)
            seq.append(time.perf_counter() - t0)
            for n, acc in ((1, one), (2, two)):
                fleet = Fleet(tmp, pg)
                try:
                    acc.append(run_fleet(fleet, urls, a.pages, n, tmp / f"art{r}-{n}"))
                finally:
                    fleet.close()
            print(f"round {r + 1}: sequential {seq[-1]:.1f} s, fleet 1 worker {one[-1]:.1f} s, "
                  f"2 workers {two[-1]:.1f} s", flush=True)
        A, B, C = statistics.median(seq), statistics.median(one), statistics.median(two)
        res.update(sequential_s=A, fleet1_s=B, fleet2_s=C, overhead_pct=round(100 * (B - A) / A, 1),
                   speedup_2_workers=round(A / C, 2))

        # RSS of one worker over consecutive site audits
        from auditor.store import Store

        fleet = Fleet(tmp, pg)
        try:
            env = fleet.env(tmp / "art-rss")
            fleet.cli(env, "fleet", "add", urls[0], "--max-pages", "2", "--viewports", "mobile", "--delay", "0",
                      "--no-screenshots")
            store = Store(fleet.db)
            sid = store.fleet_sites()[0]["id"]
            fleet.start_workers(env, 1)
            time.sleep(3)
            from auditor.fleet import tasks

            os.environ.update(env)
            from auditor.fleet.app import configure

            configure()
            jobs = []
            for k in range(a.rss_sites):
                jobs += tasks.enqueue(store, [sid], f"bench-{k}")
            rss: list[int] = []
            fleet.wait_done(store, jobs, on_done=lambda j: rss.append(rss_tree(fleet.workers[0].pid)))
        finally:
            fleet.close()
        res.update(rss_first_kb=rss[0], rss_last_kb=rss[-1], rss_max_kb=max(rss),
                   rss_growth_pct=round(100 * (rss[-1] - rss[0]) / rss[0], 1), rss_sites=len(rss))

        # discovery vs full render, same site
        out = tmp / "disc.json"
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "spiders.discover", urls[0], "--budget", str(a.pages), "--delay", "0",
                        "--out", str(out)], cwd=ROOT, check=True, capture_output=True, timeout=600)
        disc_wall = time.perf_counter() - t0
        d = json.loads(out.read_text())
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "auditor.cli", "audit", urls[0], "--max-pages", str(a.pages), "--out",
                        str(tmp / "render"), "--quiet", "--format", "json", *AUDIT_ARGS], cwd=ROOT, check=True,
                       capture_output=True, timeout=3600)
        render_wall = time.perf_counter() - t0
        n = len(d["pages"])
        res.update(discovery_pages=n, discovery_crawl_s=d["seconds"], discovery_wall_s=round(disc_wall, 2),
                   discovery_pages_per_s=round(n / d["seconds"], 2), render_wall_s=round(render_wall, 2),
                   render_pages_per_s=round(a.pages / render_wall, 3),
                   discovery_vs_render=round((n / d["seconds"]) / (a.pages / render_wall), 1))
    finally:
        for s in servers:
            s.__exit__(None, None, None)
        shutil.rmtree(tmp, ignore_errors=True)
    res["load_after"] = os.getloadavg()[0]
    print(json.dumps(res, indent=1))
    print(f"\nqueue overhead (fleet 1 worker vs sequential): {res['overhead_pct']:+.1f} %  (target ≤ 5 %)")
    print(f"speed-up with 2 workers on {os.cpu_count()} cores: × {res['speedup_2_workers']}")
    print(f"worker RSS over {res['rss_sites']} sites: {res['rss_first_kb']} → {res['rss_last_kb']} kB "
          f"({res['rss_growth_pct']:+.1f} %, target ≤ 10 %)")
    print(f"discovery {res['discovery_pages_per_s']} pages/s vs full render {res['render_pages_per_s']} pages/s "
          f"(× {res['discovery_vs_render']})")
    print(f"load average {res['load_before']:.1f} → {res['load_after']:.1f}: figures on a shared machine are "
          "preliminary")
    Path(a.json).parent.mkdir(parents=True, exist_ok=True)
    Path(a.json).write_text(json.dumps(res, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
