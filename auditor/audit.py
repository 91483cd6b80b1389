"""The audit stage that ties crawl, render, rules and store together.

`run_audit` builds Scrapy settings for the crawl (scrapy-playwright as download handler, so each page is fetched
once, by the browser), runs the spider and hands every page to `AuditSink`, which runs the rules on the page's
artifacts and commits page + findings at once.
"""
from __future__ import annotations

import asyncio
import hashlib
import logging
import signal
import sys
import time
from pathlib import Path
from typing import Any

from auditor import __version__, engine, registry, render
from auditor.config import AuditConfig
from auditor.models import PageResult
from auditor.progress import Progress
from auditor.registry import PageArtifacts
from auditor.store import Store

log = logging.getLogger(__name__)


class AuditError(Exception):
    """A tool error: the message is shown to the user as one line, exit code 2."""


def _origin(url: str) -> str:
    from urllib.parse import urlsplit

    p = urlsplit(url)
    return f"{p.scheme}://{p.netloc}".lower()


class AuditSink:
    def __init__(self, cfg: AuditConfig, store: Store, run_id: int, progress: Progress,
                 resume_state: list[dict[str, Any]]):
        self.cfg = cfg
        self.store = store
        self.run_id = run_id
        self.progress = progress
        self.resume_state = resume_state
        self.rules = registry.select(cfg.rules or None)
        self.art_root = cfg.out_path / "artifacts" / f"run-{run_id}"
        self.html_done = sum(1 for d in resume_state if d["kind"] == "html")
        self.recorded = len(resume_state)
        self.failures = 0
        self.errors: list[str] = []
        self.timings: list[dict[str, float]] = []
        self.options = cfg.to_json()
        self.session = None  # auditor.auth.Session when the site needs a login
        self.session_expired_at = ""

    def found(self, n: int) -> None:
        self.progress.update(found=n)

    def artifact_dir(self, url: str) -> Path:
        # Paths come from a hash of the URL, never from the URL itself.
        return self.art_root / hashlib.sha1(url.encode()).hexdigest()[:20]

    async def gather(self, page, art_dir: Path):
        facts, per_vp, timings = await render.gather(page, self.cfg.viewports, art_dir, self.cfg.screenshots)
        # The interaction pass (ACC-60..63) comes last, when the page's state no longer matters to the other
        # gatherers, and only on the audited origins (auditor/gatherers/interact.py).
        if self.cfg.interact and _origin(page.url) in {_origin(u) for u in self.cfg.seeds}:
            from auditor.gatherers.interact import interact

            t = time.perf_counter()
            try:
                facts["interact"] = await asyncio.wait_for(interact(page), render.GATHERER_TIMEOUT_S)
            except Exception as exc:  # costs this artifact only
                facts["interact"] = {"error": f"{type(exc).__name__}: {exc}"[:500]}
            timings["g_interact"] = time.perf_counter() - t
        return facts, per_vp, timings

    def record(self, *, kind: str, url: str, facts: dict | None = None, per_vp: dict | None = None,
               body: bytes = b"", timings: dict | None = None, **fields: Any) -> None:
        findings = []
        score = None
        metrics = None
        if kind == "html" and per_vp is not None:
            facts = dict(facts or {})
            facts["viewports"] = [v.name for v in self.cfg.viewports]
            facts["status"] = fields.get("status")
            art_dir = Path(fields["artifact_dir"])
            t = time.perf_counter()
            render.save_artifacts(art_dir, facts, per_vp)
            art = PageArtifacts(url=url, viewports=per_vp, page=facts, dir=str(art_dir), options=self.options)
            findings = engine.run_rules(self.rules, art, [v.name for v in self.cfg.viewports])
            score = engine.page_score(findings)
            metrics = engine.page_metrics(art, self.rules)
            if timings is not None:
                timings["rules_store"] = time.perf_counter() - t
        elif kind == "document" and body:
            art_dir = self.artifact_dir(url)
            art_dir.mkdir(parents=True, exist_ok=True)
            (art_dir / "document.bin").write_bytes(body)
            fields["artifact_dir"] = str(art_dir)
        t = time.perf_counter()
        page = PageResult(url=url, kind=kind, timings=timings or {}, **fields)
        self.store.save_page(self.run_id, page, findings, score, metrics)
        if timings is not None:
            timings["store"] = time.perf_counter() - t
            self.timings.append(timings)
        self.recorded += 1
        if kind == "html":
            self.html_done += 1
        elif kind == "error":
            self.errors.append(f"{url}: {fields.get('error', '')}")
        self.failures += sum(1 for f in findings if f.outcome == "fail" and not f.advisory)
        self.progress.update(done=self.html_done, recorded=self.recorded, failures=self.failures,
                             last=url, kind=kind)


def crawl_settings(cfg: AuditConfig, browser_path: str, log_level: str, session=None) -> dict[str, Any]:
    first = cfg.viewports[0]
    context: dict[str, Any] = {
        "viewport": {"width": first.width, "height": first.height},
        "user_agent": cfg.ua,
        "service_workers": "block",
        "ignore_https_errors": cfg.insecure,
    }
    headers: dict[str, str] = {}
    if session is not None:
        context.update(session.context_options())
        headers = dict(session.headers)
    return {
        "DEFAULT_REQUEST_HEADERS": {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8", **headers},
        "BOT_NAME": "auditor",
        "USER_AGENT": cfg.ua,
        "ROBOTSTXT_OBEY": False,  # replaced by spiders.robots.RobotsGateMiddleware (see its docstring)
        "DOWNLOADER_MIDDLEWARES": {"spiders.robots.RobotsGateMiddleware": 50},
        "DOWNLOAD_HANDLERS": {
            "http": "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler",
            "https": "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler",
        },
        "TWISTED_REACTOR": "twisted.internet.asyncioreactor.AsyncioSelectorReactor",
        "PLAYWRIGHT_BROWSER_TYPE": "chromium",
        "PLAYWRIGHT_LAUNCH_OPTIONS": {"executable_path": browser_path, "headless": True,
                                      "args": render.CHROMIUM_ARGS},
        "PLAYWRIGHT_CONTEXTS": {"auditor": context},
        "PLAYWRIGHT_MAX_PAGES_PER_CONTEXT": 4,
        "PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT": cfg.page_timeout_s * 1000,
        "PLAYWRIGHT_ABORT_REQUEST": "spiders.site.abort_request",
        # The browser's own headers, plus login headers for the audited origin only (spiders/site.py).
        "PLAYWRIGHT_PROCESS_REQUEST_HEADERS": "spiders.site.process_headers",
        # Politeness: one request at a time per host.
        "CONCURRENT_REQUESTS": 4,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
        "DOWNLOAD_DELAY": cfg.delay,
        "RANDOMIZE_DOWNLOAD_DELAY": False,
        "AUTOTHROTTLE_ENABLED": cfg.autothrottle,
        "AUTOTHROTTLE_START_DELAY": max(cfg.delay, 1.0),
        "AUTOTHROTTLE_TARGET_CONCURRENCY": 1.0,
        "DOWNLOAD_TIMEOUT": cfg.page_timeout_s,
        "DOWNLOAD_MAXSIZE": 50 * 1024 * 1024,
        "RETRY_TIMES": 1,
        "DEPTH_LIMIT": 0,  # the spider counts depth itself
        "TELNETCONSOLE_ENABLED": False,
        "REMOTE_CONTROL_ENABLED": False,
        "LOG_LEVEL": log_level,
        "LOG_FORMAT": "%(levelname)s %(name)s: %(message)s",
        "SCHEDULER_PRIORITY_QUEUE": "scrapy.pqueues.DownloaderAwarePriorityQueue",
    }


def run_audit(cfg: AuditConfig, store: Store, resume_run: int | None = None, verbose: bool = False,
              quiet: bool = False) -> int:
    """Run (or resume) an audit; returns the run id. Raises AuditError for tool errors."""
    from scrapy.crawler import CrawlerProcess

    from spiders.site import SiteSpider

    try:
        browser_path = render.find_browser(cfg.browser)
    except render.BrowserNotFound as exc:
        raise AuditError(str(exc)) from None
    resume_state: list[dict[str, Any]] = []
    if resume_run is not None:
        run_id = resume_run
        resume_state = store.done_pages(run_id)
        store.update_run(run_id, status="running", finished_at=None)
    else:
        site = cfg.seeds[0]
        run_id = store.create_run(site=site, seeds=list(cfg.seeds), config=cfg.to_json(),
                                  tool_version=__version__, axe_version=render.axe_version(),
                                  browser_version=render.browser_version(browser_path))
    from auditor import auth

    try:
        session = auth.build_session(cfg.auth, cfg.login, cfg.seeds, browser_path, render.CHROMIUM_ARGS)
    except auth.AuthError as exc:
        if resume_run is None:
            store.update_run(run_id, status="failed", message=str(exc))
        raise AuditError(str(exc)) from None
    progress = Progress(enabled=not quiet, max_pages=cfg.max_pages)
    sink = AuditSink(cfg, store, run_id, progress, resume_state)
    sink.session = session
    log_level = "INFO" if verbose else "ERROR"
    for name in ("scrapy", "scrapy-playwright", "twisted", "asyncio", "py.warnings"):
        logging.getLogger(name).setLevel(log_level)
    settings = crawl_settings(cfg, browser_path, log_level, session)
    settings["LOG_INSTALL_ROOT_HANDLER"] = True
    process = CrawlerProcess(settings)
    interrupted = {"flag": False}

    def _on_sigint(*_):
        interrupted["flag"] = True
    crawler = process.create_crawler(SiteSpider)
    from scrapy import signals as sc_signals

    def _closed(spider, reason):
        if reason not in ("finished",):
            interrupted["flag"] = interrupted["flag"] or reason == "shutdown"
    crawler.signals.connect(_closed, signal=sc_signals.spider_closed)
    signal.signal(signal.SIGTERM, lambda *a: (_on_sigint(), process.stop()))
    progress.start(run_id)
    try:
        process.crawl(crawler, cfg=cfg, sink=sink)
        process.start()
    finally:
        progress.stop()
    stats = crawler.stats.get_stats() if crawler.stats else {}
    if stats.get("finish_reason") == "session_expired":
        msg = (f"the login session expired during the crawl ({sink.session_expired_at}); "
               f"{sink.html_done} pages are stored: log in again and finish with --resume {run_id}")
        store.update_run(run_id, status="interrupted", message=msg)
        raise AuditError(msg)
    if interrupted["flag"] or stats.get("finish_reason") == "shutdown":
        store.update_run(run_id, status="interrupted", message="interrupted; finish with --resume")
        return run_id
    if sink.html_done == 0:
        first_err = sink.errors[0] if sink.errors else "no HTML page was found at the start URL(s)"
        store.update_run(run_id, status="failed", message=first_err)
        raise AuditError(f"no HTML page could be audited: {first_err}")
    run_site_rules(cfg, store, run_id, sink.rules)
    store.update_run(run_id, status="finished")
    return run_id


def site_artifacts(cfg: AuditConfig, store: Store, run_id: int) -> registry.SiteArtifacts:
    pages = tuple(registry.SitePage(
        url=p["url"], kind=p["kind"], status=p["status"], title=p["title"] or "",
        content_type=p["content_type"] or "", depth=p["depth"] or 0, referrer=p["referrer"] or "",
        links=tuple(p["links"] or ()), dir=p["artifact_dir"] or "", error=p["error"] or "",
    ) for p in store.pages(run_id))
    return registry.SiteArtifacts(seeds=cfg.seeds, pages=pages, options=cfg.to_json())


def run_site_rules(cfg: AuditConfig, store: Store, run_id: int, rules) -> int:
    """Site-level rules over the finished crawl (statement, language versions, broken links...)."""
    if not any(r.scope == "site" for r in rules):
        return 0
    by_url = engine.run_site_rules(rules, site_artifacts(cfg, store, run_id))
    return store.replace_site_findings(run_id, by_url)
