"""The fleet's one task: audit one site for one scheduled slot (`audit_site(job_id)`), plus enqueueing and recovery.

Idempotent per (site, slot): the job row in the store holds the run. A task that finds its job done does nothing;
one that finds a run started (a worker lost mid-site, a redelivery) continues that run with `--resume`, which never
fetches a stored page again. The audit itself runs as a child process `python -m auditor.cli audit --resume RUN_ID`:
Scrapy's reactor cannot restart inside one process, the child bounds memory per site, and one browser per worker
process at a time follows. The child dies with its worker (PR_SET_PDEATHSIG), so a lost worker leaves no crawler.
"""
from __future__ import annotations

import ctypes
import datetime as dt
import logging
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import redis

from auditor import __version__
from auditor.fleet.app import QUEUE, app
from auditor.fleet.lock import HostLock

log = logging.getLogger("auditor.fleet")

# A task that finds its host held by another worker tries again after this many seconds (plus jitter).
LOCK_RETRY_S = float(os.environ.get("AUDITOR_LOCK_RETRY_S", "10"))
# An interrupted audit (the child killed, the worker shutting down) is taken up again at most this many times
# before the site is recorded as failed with the reason.
MAX_ATTEMPTS = 5
# One site audit longer than this is stopped and recorded as failed (a crawl that never ends must not hold a worker).
SITE_TIMEOUT_S = float(os.environ.get("AUDITOR_SITE_TIMEOUT_S", str(6 * 3600)))
EPOCH_KEY = "auditor:fleet:epoch"

_stores: dict[str, Any] = {}
_redis: dict[str, redis.Redis] = {}


def store():
    from auditor.store import Store

    url = os.environ["AUDITOR_DB"]
    if url not in _stores:
        _stores[url] = Store(url)
    return _stores[url]


def redis_client() -> redis.Redis:
    url = os.environ.get("AUDITOR_BROKER") or "redis://127.0.0.1:6379/0"
    if url not in _redis:
        _redis[url] = redis.Redis.from_url(url, socket_timeout=10, socket_connect_timeout=5,
                                           health_check_interval=30)
    return _redis[url]


def artifacts_root() -> Path:
    return Path(os.environ.get("AUDITOR_ARTIFACTS") or "auditor-fleet")


def site_out(site_id: int) -> Path:
    return artifacts_root() / f"site-{site_id}"


def site_config(site: dict[str, Any], seeds: tuple[str, ...] | None = None):
    """The AuditConfig of a fleet site (its options over the defaults); seeds given = a sample, audited as is."""
    from auditor.config import AuditConfig, load_config_file
    from auditor.models import Viewport

    o = dict(site.get("options") or {})
    kw: dict[str, Any] = dict(
        seeds=(site["url"],), max_pages=int(site.get("max_pages") or 100),
        viewports=Viewport.parse_list(site.get("viewports") or "mobile,desktop"), out=str(site_out(site["id"])),
    )
    for key in ("delay", "page_timeout_s", "depth", "user_agent", "contact"):
        if o.get(key) is not None:
            kw[key] = o[key]
    for key in ("screenshots", "sitemaps", "autothrottle", "insecure", "allow_subdomains"):
        if key in o:
            kw[key] = bool(o[key])
    for key in ("rules", "include", "exclude"):
        if o.get(key):
            v = o[key]
            kw[key] = tuple(x.strip() for x in (v.split(",") if isinstance(v, str) else v) if x.strip())
    if site.get("login"):
        fc = load_config_file(Path(site["login"]))
        kw["auth"], kw["login"] = dict(fc.get("auth") or {}), dict(fc.get("login") or {})
    if seeds:
        # A sample: exactly these pages, no link following, no sitemap seeding.
        kw.update(seeds=seeds, max_pages=len(seeds), depth=0, sitemaps=False)
    return AuditConfig(**kw)


def _die_with_parent() -> None:
    """In the child: SIGKILL when the worker process that started it dies (Linux prctl PR_SET_PDEATHSIG)."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0)
    except OSError:
        pass


def worker_name() -> str:
    return f"{socket.gethostname()}/{os.getpid()}"


def _run_child(args: list[str], log_path: Path, timeout: float) -> tuple[int, str]:
    log_path.parent.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    with open(log_path, "ab") as logf:
        proc = subprocess.Popen([sys.executable, "-m", "auditor.cli", *args], stdout=logf, stderr=logf,
                                stdin=subprocess.DEVNULL, env=env, preexec_fn=_die_with_parent)
        try:
            rc = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            rc = -999
    try:
        lines = [ln for ln in log_path.read_text(errors="replace").splitlines() if ln.startswith("auditor:")]
    except OSError:
        lines = []
    return rc, (lines[-1] if lines else "")


@app.task(bind=True, name="auditor.audit_site", acks_late=True, reject_on_worker_lost=True, max_retries=None)
def audit_site(self, job_id: int) -> str:
    st = store()
    job = st.fleet_job(job_id)
    if job is None:
        return "no such job"
    if job["status"] in ("done", "failed"):
        return f"already {job['status']}"
    site = st.fleet_site(job["site_id"])
    if site is None:
        st.fleet_update_job(job_id, status="failed", message="the site was removed from the list")
        return "failed"
    from spiders.urls import host_of

    me = worker_name()
    lock = HostLock(redis_client(), host_of(site["url"]), float(os.environ.get("AUDITOR_LOCK_TTL") or 60),
                    on_renew=lambda: st.fleet_heartbeat(job_id))
    try:
        got = lock.acquire()
    except redis.RedisError as exc:
        log.warning("auditor: broker unavailable for the host lock (%s); job %s retried", exc, job_id)
        raise self.retry(countdown=LOCK_RETRY_S, max_retries=None)
    if not got:
        raise self.retry(countdown=LOCK_RETRY_S * (0.75 + random.random() / 2), max_retries=None)
    try:
        job = st.fleet_job(job_id)  # again, under the lock
        if job["status"] in ("done", "failed"):
            return f"already {job['status']}"
        ttl = lock.ttl_ms / 1000
        hb = job.get("heartbeat_at")
        if job["status"] == "running" and job["worker"] != me and hb is not None:
            import datetime as dt

            age = (dt.datetime.now(dt.timezone.utc).replace(tzinfo=None) - hb).total_seconds()
            if age < ttl:
                # Its holder is alive (Redis lost the key in a restart): leave the site to it.
                lock.release()
                raise self.retry(countdown=LOCK_RETRY_S, max_retries=None)
        lock.start_renewing()
        return _audit(st, job, site, me)
    finally:
        lock.release()


def _audit(st, job: dict[str, Any], site: dict[str, Any], me: str) -> str:
    job_id = job["id"]
    attempt = st.fleet_start_attempt(job_id, me)
    outcome = "error"
    try:
        run_id = job["run_id"]
        if run_id is None:
            run_id = _new_run(st, job, site)
            if run_id is None:
                outcome = "failed"
                return "failed"
        else:
            run = st.get_run(run_id)
            if run is not None and run["status"] == "finished":
                st.fleet_update_job(job_id, status="done", message=_done_message(st, run_id))
                outcome = "done"
                return "done"
        out = site_out(site["id"])
        rc, last = _run_child(["audit", "--resume", str(run_id), "--db", os.environ["AUDITOR_DB"], "--out", str(out),
                               "--quiet", "--no-config", "--format", "html,json"],
                              out / "logs" / f"job-{job_id}.log", SITE_TIMEOUT_S)
        run = st.get_run(run_id) or {}
        status = run.get("status")
        if status == "finished":
            st.fleet_update_job(job_id, status="done", message=_done_message(st, run_id))
            outcome = "done"
        elif status == "failed" or rc == -999:
            why = run.get("message") or last or f"the audit exited with code {rc}"
            if rc == -999:
                why = f"stopped after {SITE_TIMEOUT_S:.0f} s (AUDITOR_SITE_TIMEOUT_S); {why}"
                st.update_run(run_id, status="failed", message=why)
            st.fleet_update_job(job_id, status="failed", message=why)
            outcome = "failed"
        else:  # interrupted or killed: continue later (same run), unless it keeps happening
            if st.fleet_job(job_id)["attempts"] >= MAX_ATTEMPTS:
                why = f"interrupted {MAX_ATTEMPTS} times (last: exit {rc}; {last or run.get('message') or ''})"
                st.update_run(run_id, status="failed", message=why)
                st.fleet_update_job(job_id, status="failed", message=why)
                outcome = "failed"
            else:
                st.fleet_update_job(job_id, status="queued", message=f"interrupted (exit {rc}); will continue",
                                    published_at=None)
                outcome = "interrupted"
                try:
                    audit_site.apply_async(args=[job_id], countdown=LOCK_RETRY_S, queue=QUEUE)
                    st.fleet_update_job(job_id, published_at=dt.datetime.now(dt.timezone.utc).replace(tzinfo=None))
                except Exception:  # broker away: recover() publishes it when the broker is back
                    pass
        return outcome
    finally:
        st.fleet_end_attempt(attempt, outcome)


def _done_message(st, run_id: int) -> str:
    c = st.counts(run_id)
    return f"run {run_id}: {c['pages']} URLs, {c['failures']} failures"


def _new_run(st, job: dict[str, Any], site: dict[str, Any]) -> int | None:
    """Create the job's run (after sampling, for a sampled site). None: the site failed before any audit."""
    from auditor import render

    seeds = None
    sample_rows: list[tuple[str, str, str]] = []
    seed = job.get("seed")
    if site.get("sample"):
        from auditor.fleet import sampling

        if seed is None:
            seed = random.SystemRandom().randrange(1, 2**31)
        try:
            chosen = sampling.sample_site(site, int(site["sample"]), seed, site_out(site["id"]))
        except sampling.SamplingError as exc:
            st.fleet_update_job(job["id"], status="failed", message=str(exc), seed=seed)
            return None
        seeds = tuple(c.url for c in chosen)
        sample_rows = [(c.url, c.reason, c.detail) for c in chosen]
    cfg = site_config(site, seeds)
    try:
        browser = render.find_browser(cfg.browser)
        bv = render.browser_version(browser)
    except Exception:
        bv = ""
    run_id = st.create_run(site=site["url"], seeds=list(cfg.seeds), config=cfg.to_json(), tool_version=__version__,
                           axe_version=render.axe_version(), browser_version=bv)
    if sample_rows:
        st.save_sample(run_id, sample_rows, seed)
    st.fleet_update_job(job["id"], run_id=run_id, seed=seed)
    return run_id


# Enqueueing and recovery ---------------------------------------------------------------------------------------
def enqueue(st, site_ids: list[int], slot: str) -> list[int]:
    """One job per (site, slot) in the store, then one message each; returns the jobs created. With the broker
    away the jobs stay `queued` in the store (one log line) and the workers publish them when it is back."""
    created = []
    try:  # the broker's memory starts now: a later restart that empties it is noticed by recover()
        redis_client().set(EPOCH_KEY, worker_name(), nx=True)
    except redis.RedisError:
        pass
    broker_ok = True
    for sid in site_ids:
        jid, new = st.fleet_create_job(sid, slot)
        if new:
            created.append(jid)
            if broker_ok:
                broker_ok = publish(st, jid)
    if not broker_ok:
        log.warning("auditor: the broker is unavailable; the job(s) stay queued in the store and are published "
                    "by the workers when it is back")
    return created


def publish(st, job_id: int) -> bool:
    try:
        audit_site.apply_async(args=[job_id], queue=QUEUE, retry_policy={"max_retries": 2, "interval_start": 0.5,
                                                                         "interval_step": 0.5})
    except Exception:  # broker away: the job is safe in the store
        return False
    st.fleet_update_job(job_id, published_at=dt.datetime.now(dt.timezone.utc).replace(tzinfo=None))
    return True


def recover(st) -> int:
    """Publish jobs the broker does not have: every unfinished job when the broker has lost its memory (a Redis
    restarted without persistence: the epoch key is gone; exactly one worker wins the SET NX), and any queued job
    never published (the broker was away when it was enqueued). Duplicates of a message that did survive are
    harmless (the job is idempotent). Returns the number published."""
    try:
        lost = bool(redis_client().set(EPOCH_KEY, worker_name(), nx=True))
    except redis.RedisError:
        return 0
    if lost:
        jobs = st.fleet_jobs(("queued", "running"))
    else:
        jobs = [j for j in st.fleet_jobs(("queued",)) if j["published_at"] is None
                and j["queued_at"] is not None and (dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
                                                     - j["queued_at"]).total_seconds() > 10]
    n = sum(1 for j in jobs if publish(st, j["id"]))
    if lost and jobs:
        log.warning("auditor: the broker lost its queue (restarted?); %d unfinished job(s) published again", n)
    elif n:
        log.warning("auditor: %d queued job(s) not yet in the broker published", n)
    return n


def start_recovery_thread(interval: float = 5.0) -> threading.Thread:
    def loop():
        st = None
        while True:
            try:
                st = st or store()
                recover(st)
            except Exception as exc:  # the database away: next tick
                log.debug("recovery tick failed: %s", exc)
            time.sleep(interval)
    t = threading.Thread(target=loop, name="fleet-recovery", daemon=True)
    t.start()
    return t
