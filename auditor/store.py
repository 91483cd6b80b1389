"""The only module that talks to the database (SQLAlchemy Core).

A SQLite file by default, any SQLAlchemy URL (PostgreSQL for shared use) via `--db`. Every page is committed with
its findings in one transaction as soon as it is done, so a killed audit loses no finished page and
`--resume RUN_ID` can finish the rest.
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON, Boolean, Column, DateTime, Float, ForeignKey, Integer, MetaData, String, Table, Text,
    UniqueConstraint, create_engine, delete, event, func, insert, select, update,
)
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
    def __init__(self, url: str):
        self.url = url
        self.engine: Engine = create_engine(url, future=True)
        if url.startswith("sqlite"):
            @event.listens_for(self.engine, "connect")
            def _pragmas(conn, _rec):  # WAL: a reader (the report) never blocks the crawl; a kill -9 keeps commits
                cur = conn.cursor()
                cur.execute("PRAGMA journal_mode=WAL")
                cur.execute("PRAGMA synchronous=NORMAL")
                cur.execute("PRAGMA busy_timeout=10000")
                cur.close()
        metadata.create_all(self.engine)

    # runs -----------------------------------------------------------------------------------------------
    def create_run(self, site: str, seeds: list[str], config: dict[str, Any], tool_version: str,
                   axe_version: str = "", browser_version: str = "") -> int:
        with self.engine.begin() as c:
            return c.execute(insert(runs).values(
                site=site, seeds=seeds, config=config, status="running", started_at=_now(),
                tool_version=tool_version, axe_version=axe_version, browser_version=browser_version,
            )).inserted_primary_key[0]

    def update_run(self, run_id: int, **values: Any) -> None:
        if values.get("status") in ("finished", "failed", "interrupted") and "finished_at" not in values:
            values["finished_at"] = _now()
        with self.engine.begin() as c:
            c.execute(update(runs).where(runs.c.id == run_id).values(**values))

    def get_run(self, run_id: int) -> dict[str, Any] | None:
        with self.engine.connect() as c:
            row = c.execute(select(runs).where(runs.c.id == run_id)).mappings().first()
            return dict(row) if row else None

    def list_runs(self) -> list[dict[str, Any]]:
        with self.engine.connect() as c:
            return [dict(r) for r in c.execute(select(runs).order_by(runs.c.id)).mappings()]

    # pages ----------------------------------------------------------------------------------------------
    def save_page(self, run_id: int, page: PageResult, page_findings: Iterable[Finding],
                  score: float | None, metrics: dict[str, Any] | None = None) -> int:
        """Page and its findings in one transaction: either both are stored or neither."""
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

    def done_pages(self, run_id: int) -> list[dict[str, Any]]:
        with self.engine.connect() as c:
            q = select(pages.c.url, pages.c.kind, pages.c.depth, pages.c.links).where(pages.c.run_id == run_id)
            return [dict(r) for r in c.execute(q).mappings()]

    def pages(self, run_id: int) -> list[dict[str, Any]]:
        with self.engine.connect() as c:
            q = select(pages).where(pages.c.run_id == run_id).order_by(pages.c.id)
            return [dict(r) for r in c.execute(q).mappings()]

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

    def counts(self, run_id: int) -> dict[str, int]:
        with self.engine.connect() as c:
            n_pages = c.execute(select(func.count()).select_from(pages).where(pages.c.run_id == run_id)).scalar()
            n_find = c.execute(select(func.count()).select_from(findings).where(
                findings.c.run_id == run_id, findings.c.outcome == "fail",
                findings.c.advisory.is_not(True))).scalar()  # advisory findings are not failures
        return {"pages": n_pages or 0, "failures": n_find or 0}


def dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, default=str)
