"""The only module that talks to the database (SQLAlchemy Core).

A SQLite file by default, any SQLAlchemy URL (PostgreSQL for shared use: `postgresql+psycopg://…`) via `--db`.
Every page is committed with its findings in one transaction as soon as it is done, so a killed audit loses no
finished page and `--resume RUN_ID` can finish the rest.

A shared store outlives the tool version that created it: on opening, columns this version knows but the database
lacks are added (`ALTER TABLE … ADD COLUMN`, nullable), so an upgraded worker works on an older PostgreSQL store.
A database that goes away for a while (restart, failover, network) is waited for: every call retries with backoff
for up to `AUDITOR_DB_RETRY_S` seconds (default 300) and says so in one line on stderr, so no finished page is lost.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import random
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON, Boolean, Column, DateTime, Float, ForeignKey, Integer, MetaData, String, Table, Text,
    UniqueConstraint, create_engine, delete, event, func, insert, inspect, select, text, update,
)
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import Engine

from auditor.models import Finding, PageResult

metadata = MetaData()

runs = Table(
    "runs", metadata,
    Column("id", Integer, primary_key=True),
    Column("site", String(512), nullable=False),
    Column("seeds", JSON, nullable=False),
    Column("config", JSON, nullable=False),
    Column("status", String(16), nullable=False),  # running | finished | interrupted | failed
    Column("started_at", DateTime, nullable=False),
    Column("finished_at", DateTime),
    Column("tool_version", String(32)),
    Column("axe_version", String(32)),
    Column("browser_version", String(128)),
    Column("message", Text, default=""),
)

pages = Table(
    "pages", metadata,
    Column("id", Integer, primary_key=True),
    Column("run_id", Integer, ForeignKey("runs.id"), nullable=False, index=True),
    Column("url", Text, nullable=False),
    Column("kind", String(16), nullable=False),  # html | document | error
    Column("status", Integer),
    Column("content_type", String(255), default=""),
    Column("title", Text, default=""),
    Column("depth", Integer, default=0),
    Column("referrer", Text, default=""),
    Column("fetch_ms", Float, default=0.0),
    Column("render_ms", Float, default=0.0),
    Column("timings", JSON),
    Column("error", Text, default=""),
    Column("score", Float),
    Column("links", JSON),  # canonical same-site links found on the page: the frontier for --resume
    Column("artifact_dir", Text, default=""),
    Column("done_at", DateTime, nullable=False),
    Column("metrics", JSON),  # page metrics by name (engine.page_metrics), e.g. "plain_language"
    UniqueConstraint("run_id", "url"),
)

findings = Table(
    "findings", metadata,
    Column("id", Integer, primary_key=True),
    Column("run_id", Integer, ForeignKey("runs.id"), nullable=False, index=True),
    Column("page_id", Integer, ForeignKey("pages.id"), nullable=False, index=True),
    Column("rule", String(96), nullable=False),
    Column("outcome", String(16), nullable=False),
    Column("impact", String(16), nullable=False),
    Column("selector", Text, nullable=False),
    Column("snippet", Text, default=""),
    Column("message", Text, default=""),
    Column("messages", JSON),  # {"en", "fi", "sv"}: the message in each language the rule gives
    Column("viewports", JSON, nullable=False),
    Column("wcag", JSON, nullable=False),
    Column("level", String(4), default=""),
    Column("en301549", JSON, nullable=False),
    Column("act", JSON, nullable=False),
    Column("help", Text, default=""),
    Column("help_url", Text, default=""),
    Column("advisory", Boolean, default=False),
    Column("fingerprint", String(32), nullable=False, index=True),
    Column("boxes", JSON),  # viewport -> {x, y, w, h} in page coordinates (screenshot crops)
    Column("evidence", JSON),  # rule-specific evidence (measured values, crop files, sentences...)
    Column("scope", String(8), nullable=False, default="page"),  # page | site (site rules, re-run on resume)
)

# The fleet (auditor/fleet): the site list, one job per site and scheduled slot, and the sample of a run.
fleet_sites = Table(
    "fleet_sites", metadata,
    Column("id", Integer, primary_key=True),
    Column("url", Text, nullable=False, unique=True),
    Column("organisation", String(256), default=""),
    Column("max_pages", Integer, default=100),
    Column("viewports", String(256), default="mobile,desktop"),
    Column("schedule", String(64), default=""),  # "" (on demand) | "every 30d" | cron "0 3 1 * *" | @monthly
    Column("login", Text, default=""),  # a config file with [auth]/[login] (references only, no secrets)
    Column("tags", JSON),
    Column("sample", Integer, default=0),  # 0: crawl up to max_pages; N: audit a sample of N pages
    Column("options", JSON),  # further audit settings: delay, rules, depth, no_screenshots…
    Column("added_at", DateTime),
)

fleet_jobs = Table(
    "fleet_jobs", metadata,
    Column("id", Integer, primary_key=True),
    Column("site_id", Integer, ForeignKey("fleet_sites.id"), nullable=False, index=True),
    Column("slot", String(64), nullable=False),  # "now-<timestamp>" or the scheduled time: one job per slot
    Column("status", String(16), nullable=False),  # queued | running | done | failed
    Column("run_id", Integer),
    Column("message", Text, default=""),
    Column("worker", String(256), default=""),
    Column("attempts", Integer, default=0),
    Column("queued_at", DateTime),
    Column("started_at", DateTime),
    Column("finished_at", DateTime),
    Column("heartbeat_at", DateTime),  # renewed by the worker holding the site while it runs
    Column("seed", Integer),  # the sample's random seed
    Column("published_at", DateTime),  # when its message reached the broker (NULL: not yet, published later)
    UniqueConstraint("site_id", "slot"),
)

fleet_attempts = Table(  # every time a worker takes a job up: who, when (evidence for the host lock)
    "fleet_attempts", metadata,
    Column("id", Integer, primary_key=True),
    Column("job_id", Integer, ForeignKey("fleet_jobs.id"), nullable=False, index=True),
    Column("worker", String(256), default=""),
    Column("started_at", DateTime),
    Column("ended_at", DateTime),
    Column("outcome", String(32), default=""),
)

samples = Table(  # which pages a sampled run audits, and why (WCAG-EM: structured + random sample)
    "samples", metadata,
    Column("id", Integer, primary_key=True),
    Column("run_id", Integer, ForeignKey("runs.id"), nullable=False, index=True),
    Column("url", Text, nullable=False),
    Column("reason", String(64), nullable=False),  # front | statement | feedback | eservice | template | random
    Column("detail", Text, default=""),
    Column("seed", Integer),
)

# Connection-level errors worth waiting for (server restarting, refusing, network gone).
_TRANSIENT = (sa_exc.OperationalError, sa_exc.InterfaceError)
DB_RETRY_S = float(os.environ.get("AUDITOR_DB_RETRY_S", "300"))


def _transient(exc: BaseException) -> bool:
    if isinstance(exc, sa_exc.DBAPIError) and exc.connection_invalidated:
        return True
    if not isinstance(exc, _TRANSIENT):
        return False
    text_ = str(exc).lower()
    # SQLite "no such table" / syntax errors, a database that does not exist and refused credentials are
    # OperationalError too: waiting does not mend them, never retried.
    return not any(s in text_ for s in ("no such table", "syntax error", "no such column", "does not exist",
                                         "authentication failed", "no password supplied", "unable to open database"))


def _retrying(fn):
    """Retry a store call while the database is unreachable: backoff 0.5 s doubling to 4 s, one line on stderr
    when it starts failing and one when it is back, up to DB_RETRY_S seconds; then the error is raised."""
    import functools

    @functools.wraps(fn)
    def wrapper(self, *a, **kw):
        start = None
        wait = 0.5
        attempt = 0
        limit = getattr(self, "retry_s", DB_RETRY_S)
        while True:
            try:
                out = fn(self, *a, _attempt=attempt, **kw) if "_attempt" in fn.__code__.co_varnames else fn(
                    self, *a, **kw)
                if start is not None:
                    print(f"auditor: database back after {time.monotonic() - start:.1f} s", file=sys.stderr,
                          flush=True)
                return out
            except Exception as exc:
                if not _transient(exc):
                    raise
                now = time.monotonic()
                if start is None:
                    start = now
                    why = (str(getattr(exc, "orig", None) or exc).strip().splitlines() or [""])[0][:160]
                    print(f"auditor: database unavailable ({why}); retrying for up to {limit:.0f} s",
                          file=sys.stderr, flush=True)
                if now - start > limit:
                    raise
                time.sleep(wait * (0.75 + random.random() / 2))
                wait = min(wait * 2, 4.0)
                attempt += 1
    return wrapper


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def db_url(db: str | None, default_path: Path) -> str:
    """A SQLAlchemy URL from --db: a URL as given, a plain path as a SQLite file."""
    if db and "://" in db:
        return db
    path = Path(db) if db else default_path
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


class Store:
    def __init__(self, url: str, retry_s: float | None = None):
        """`retry_s`: how long a call waits for an unreachable database (default AUDITOR_DB_RETRY_S, 300 s)."""
        self.url = url
        self.retry_s = DB_RETRY_S if retry_s is None else retry_s
        kw: dict[str, Any] = {"future": True}
        if not url.startswith("sqlite"):
            # A pooled connection killed by a database restart is noticed before use, not mid-transaction.
            kw.update(pool_pre_ping=True, pool_size=2, max_overflow=4)
        self.engine: Engine = create_engine(url, **kw)
        if url.startswith("sqlite"):
            @event.listens_for(self.engine, "connect")
            def _pragmas(conn, _rec):  # WAL: a reader (the report) never blocks the crawl; a kill -9 keeps commits
                cur = conn.cursor()
                cur.execute("PRAGMA journal_mode=WAL")
                cur.execute("PRAGMA synchronous=NORMAL")
                cur.execute("PRAGMA busy_timeout=10000")
                cur.close()
        self._create_schema()

    @_retrying
    def _create_schema(self) -> None:
        with self.engine.begin() as c:
            if c.dialect.name == "postgresql":
                # Several workers open a fresh shared store at once: one creates the tables, the others wait.
                c.execute(text("SELECT pg_advisory_xact_lock(7274917)"))
            metadata.create_all(c)
            self._add_missing_columns(c)

    @staticmethod
    def _add_missing_columns(c) -> list[str]:
        """Columns of this version's schema missing from an older database, added as nullable columns (with the
        column's constant default where it has one), so a store shared across upgrades keeps working."""
        added = []
        insp = inspect(c)
        for table in metadata.sorted_tables:
            have = {col["name"] for col in insp.get_columns(table.name)}
            for col in table.columns:
                if col.name in have:
                    continue
                ddl = f'ALTER TABLE {table.name} ADD COLUMN {col.name} {col.type.compile(dialect=c.dialect)}'
                default = getattr(col.default, "arg", None)
                if isinstance(default, bool):
                    ddl += f" DEFAULT {'TRUE' if default else 'FALSE'}" if c.dialect.name == "postgresql" \
                        else f" DEFAULT {int(default)}"
                elif isinstance(default, (int, float)):
                    ddl += f" DEFAULT {default}"
                elif isinstance(default, str) and "'" not in default:
                    ddl += f" DEFAULT '{default}'"
                c.execute(text(ddl))
                added.append(f"{table.name}.{col.name}")
        if added:
            print(f"auditor: database upgraded: added {', '.join(added)}", file=sys.stderr, flush=True)
        return added

    # runs -----------------------------------------------------------------------------------------------
    @_retrying
    def create_run(self, site: str, seeds: list[str], config: dict[str, Any], tool_version: str,
                   axe_version: str = "", browser_version: str = "") -> int:
        with self.engine.begin() as c:
            return c.execute(insert(runs).values(
                site=site, seeds=seeds, config=config, status="running", started_at=_now(),
                tool_version=tool_version, axe_version=axe_version, browser_version=browser_version,
            )).inserted_primary_key[0]

    @_retrying
    def update_run(self, run_id: int, **values: Any) -> None:
        if values.get("status") in ("finished", "failed", "interrupted") and "finished_at" not in values:
            values["finished_at"] = _now()
        with self.engine.begin() as c:
            c.execute(update(runs).where(runs.c.id == run_id).values(**values))

    @_retrying
    def get_run(self, run_id: int) -> dict[str, Any] | None:
        with self.engine.connect() as c:
            row = c.execute(select(runs).where(runs.c.id == run_id)).mappings().first()
            return dict(row) if row else None

    @_retrying
    def list_runs(self) -> list[dict[str, Any]]:
        with self.engine.connect() as c:
            return [dict(r) for r in c.execute(select(runs).order_by(runs.c.id)).mappings()]

    # pages ----------------------------------------------------------------------------------------------
    @_retrying
    def save_page(self, run_id: int, page: PageResult, page_findings: Iterable[Finding],
                  score: float | None, metrics: dict[str, Any] | None = None, _attempt: int = 0) -> int:
        """Page and its findings in one transaction: either both are stored or neither. Retried while the database
        is away; a retry whose first try did commit (the answer was lost) finds the page and stores nothing more."""
        page_findings = list(page_findings)
        if _attempt:
            with self.engine.connect() as c:
                got = c.execute(select(pages.c.id).where(pages.c.run_id == run_id, pages.c.url == page.url)
                                ).scalar()
            if got is not None:
                return got
        with self.engine.begin() as c:
            page_id = c.execute(insert(pages).values(
                run_id=run_id, url=page.url, kind=page.kind, status=page.status,
                content_type=page.content_type[:255], title=page.title, depth=page.depth,
                referrer=page.referrer, fetch_ms=page.fetch_ms, render_ms=page.render_ms,
                timings=page.timings, error=page.error, score=score, links=list(page.links),
                artifact_dir=page.artifact_dir, done_at=_now(), metrics=metrics or None,
            )).inserted_primary_key[0]
            self._insert_findings(c, run_id, page_id, page_findings, "page")
            return page_id

    @staticmethod
    def _insert_findings(c, run_id: int, page_id: int, page_findings: Iterable[Finding], scope: str) -> None:
        rows = [{
            "run_id": run_id, "page_id": page_id, "rule": f.rule, "outcome": f.outcome,
            "impact": f.impact, "selector": f.selector, "snippet": f.snippet, "message": f.message,
            "messages": f.messages or None, "viewports": list(f.viewports), "wcag": list(f.wcag), "level": f.level,
            "en301549": list(f.en301549), "act": list(f.act), "help": f.help, "help_url": f.help_url,
            "advisory": f.advisory, "fingerprint": f.fingerprint,
            "boxes": f.boxes or None, "evidence": f.evidence or None, "scope": scope,
        } for f in page_findings]
        if rows:
            c.execute(insert(findings), rows)

    @_retrying
    def replace_site_findings(self, run_id: int, by_url: dict[str, list[Finding]]) -> int:
        """Site-rule findings of a run, replaced as a whole (a resumed run computes them again)."""
        n = 0
        with self.engine.begin() as c:
            c.execute(delete(findings).where(findings.c.run_id == run_id, findings.c.scope == "site"))
            ids = dict(c.execute(select(pages.c.url, pages.c.id).where(pages.c.run_id == run_id)).all())
            for url, fs in by_url.items():
                page_id = ids.get(url)
                if page_id is None and ids:
                    page_id = min(ids.values())  # a site finding about a URL not stored: on the first page
                if page_id is None:
                    continue
                self._insert_findings(c, run_id, page_id, fs, "site")
                n += len(fs)
        return n

    @_retrying
    def done_pages(self, run_id: int) -> list[dict[str, Any]]:
        with self.engine.connect() as c:
            q = select(pages.c.url, pages.c.kind, pages.c.depth, pages.c.links).where(pages.c.run_id == run_id)
            return [dict(r) for r in c.execute(q).mappings()]

    @_retrying
    def pages(self, run_id: int) -> list[dict[str, Any]]:
        with self.engine.connect() as c:
            q = select(pages).where(pages.c.run_id == run_id).order_by(pages.c.id)
            return [dict(r) for r in c.execute(q).mappings()]

    @_retrying
    def findings(self, run_id: int) -> list[dict[str, Any]]:
        with self.engine.connect() as c:
            q = select(findings).where(findings.c.run_id == run_id).order_by(findings.c.id)
            return [dict(r) for r in c.execute(q).mappings()]

    def iter_findings(self, run_id: int, batch: int = 2000) -> Iterator[dict[str, Any]]:
        """Findings of a run in (page_id, id) order, streamed in batches: reports of large runs never hold
        every finding in memory."""
        with self.engine.connect() as c:
            q = (select(findings).where(findings.c.run_id == run_id)
                 .order_by(findings.c.page_id, findings.c.id).execution_options(yield_per=batch))
            for r in c.execute(q).mappings():
                yield dict(r)

    @_retrying
    def counts(self, run_id: int) -> dict[str, int]:
        with self.engine.connect() as c:
            n_pages = c.execute(select(func.count()).select_from(pages).where(pages.c.run_id == run_id)).scalar()
            n_find = c.execute(select(func.count()).select_from(findings).where(
                findings.c.run_id == run_id, findings.c.outcome == "fail",
                findings.c.advisory.is_not(True))).scalar()  # advisory findings are not failures
        return {"pages": n_pages or 0, "failures": n_find or 0}

    # fleet: sites -----------------------------------------------------------------------------------------
    @_retrying
    def fleet_upsert_site(self, url: str, **values: Any) -> int:
        """Add a site to the fleet's list, or update it when the URL is there already; returns its id."""
        with self.engine.begin() as c:
            got = c.execute(select(fleet_sites.c.id).where(fleet_sites.c.url == url)).scalar()
            if got is not None:
                if values:
                    c.execute(update(fleet_sites).where(fleet_sites.c.id == got).values(**values))
                return got
            return c.execute(insert(fleet_sites).values(url=url, added_at=_now(), **values)).inserted_primary_key[0]

    @_retrying
    def fleet_remove_site(self, url_or_id: str) -> int:
        """Remove a site and its job history (its runs stay in the store); returns how many sites went."""
        with self.engine.begin() as c:
            cond = fleet_sites.c.url == url_or_id
            if str(url_or_id).isdigit():
                cond = cond | (fleet_sites.c.id == int(url_or_id))
            ids = [r[0] for r in c.execute(select(fleet_sites.c.id).where(cond))]
            if not ids:
                return 0
            jobs = select(fleet_jobs.c.id).where(fleet_jobs.c.site_id.in_(ids))
            c.execute(delete(fleet_attempts).where(fleet_attempts.c.job_id.in_(jobs)))
            c.execute(delete(fleet_jobs).where(fleet_jobs.c.site_id.in_(ids)))
            c.execute(delete(fleet_sites).where(fleet_sites.c.id.in_(ids)))
            return len(ids)

    @_retrying
    def fleet_sites(self) -> list[dict[str, Any]]:
        with self.engine.connect() as c:
            return [dict(r) for r in c.execute(select(fleet_sites).order_by(fleet_sites.c.id)).mappings()]

    @_retrying
    def fleet_site(self, site_id: int) -> dict[str, Any] | None:
        with self.engine.connect() as c:
            r = c.execute(select(fleet_sites).where(fleet_sites.c.id == site_id)).mappings().first()
            return dict(r) if r else None

    # fleet: jobs ------------------------------------------------------------------------------------------
    @_retrying
    def fleet_create_job(self, site_id: int, slot: str, seed: int | None = None) -> tuple[int, bool]:
        """The job of (site, slot): created if new. Returns (job id, created) — enqueueing the same slot twice
        (two schedulers, a retried `fleet run`) makes one job."""
        with self.engine.begin() as c:
            got = c.execute(select(fleet_jobs.c.id).where(fleet_jobs.c.site_id == site_id,
                                                           fleet_jobs.c.slot == slot)).scalar()
            if got is not None:
                return got, False
            try:
                with c.begin_nested():
                    jid = c.execute(insert(fleet_jobs).values(
                        site_id=site_id, slot=slot, status="queued", queued_at=_now(), attempts=0, seed=seed,
                        message="")).inserted_primary_key[0]
                return jid, True
            except sa_exc.IntegrityError:  # created by someone else in between
                return c.execute(select(fleet_jobs.c.id).where(fleet_jobs.c.site_id == site_id,
                                                                fleet_jobs.c.slot == slot)).scalar(), False

    @_retrying
    def fleet_job(self, job_id: int) -> dict[str, Any] | None:
        with self.engine.connect() as c:
            r = c.execute(select(fleet_jobs).where(fleet_jobs.c.id == job_id)).mappings().first()
            return dict(r) if r else None

    @_retrying
    def fleet_jobs(self, statuses: Iterable[str] | None = None) -> list[dict[str, Any]]:
        q = select(fleet_jobs).order_by(fleet_jobs.c.id)
        if statuses is not None:
            q = q.where(fleet_jobs.c.status.in_(list(statuses)))
        with self.engine.connect() as c:
            return [dict(r) for r in c.execute(q).mappings()]

    @_retrying
    def fleet_update_job(self, job_id: int, **values: Any) -> None:
        if values.get("status") in ("done", "failed") and "finished_at" not in values:
            values["finished_at"] = _now()
        with self.engine.begin() as c:
            c.execute(update(fleet_jobs).where(fleet_jobs.c.id == job_id).values(**values))

    def fleet_heartbeat(self, job_id: int) -> None:
        # Not retried: it runs beside the host lock's renewal and must never hold it up; the next one follows.
        with self.engine.begin() as c:
            c.execute(update(fleet_jobs).where(fleet_jobs.c.id == job_id).values(heartbeat_at=_now()))

    @_retrying
    def fleet_start_attempt(self, job_id: int, worker: str) -> int:
        with self.engine.begin() as c:
            c.execute(update(fleet_jobs).where(fleet_jobs.c.id == job_id).values(
                status="running", worker=worker, attempts=fleet_jobs.c.attempts + 1, heartbeat_at=_now(),
                started_at=func.coalesce(fleet_jobs.c.started_at, _now())))
            return c.execute(insert(fleet_attempts).values(job_id=job_id, worker=worker, started_at=_now())
                             ).inserted_primary_key[0]

    @_retrying
    def fleet_end_attempt(self, attempt_id: int, outcome: str) -> None:
        with self.engine.begin() as c:
            c.execute(update(fleet_attempts).where(fleet_attempts.c.id == attempt_id).values(
                ended_at=_now(), outcome=outcome))

    @_retrying
    def fleet_attempts(self, job_id: int | None = None) -> list[dict[str, Any]]:
        q = select(fleet_attempts).order_by(fleet_attempts.c.id)
        if job_id is not None:
            q = q.where(fleet_attempts.c.job_id == job_id)
        with self.engine.connect() as c:
            return [dict(r) for r in c.execute(q).mappings()]

    @_retrying
    def page_count(self, run_id: int, kind: str | None = None) -> int:
        q = select(func.count()).select_from(pages).where(pages.c.run_id == run_id)
        if kind:
            q = q.where(pages.c.kind == kind)
        with self.engine.connect() as c:
            return c.execute(q).scalar() or 0

    # samples ----------------------------------------------------------------------------------------------
    @_retrying
    def save_sample(self, run_id: int, entries: Iterable[tuple[str, str, str]], seed: int | None) -> None:
        """The sampled pages of a run: (url, reason, detail) each."""
        rows = [{"run_id": run_id, "url": u, "reason": r, "detail": d, "seed": seed} for u, r, d in entries]
        with self.engine.begin() as c:
            c.execute(delete(samples).where(samples.c.run_id == run_id))
            if rows:
                c.execute(insert(samples), rows)

    @_retrying
    def sample(self, run_id: int) -> list[dict[str, Any]]:
        with self.engine.connect() as c:
            q = select(samples).where(samples.c.run_id == run_id).order_by(samples.c.id)
            return [dict(r) for r in c.execute(q).mappings()]


def dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, default=str)
