"""The audit stage that ties crawl, render, rules and store together.

`run_audit` builds Scrapy settings for the crawl (Scrapy fetches each page once; `render.Renderer` shows that body to
Chromium within a per-page time budget), runs the spider and hands every page to `AuditSink`, which runs the rules
on the page's artifacts and commits page + findings at once.

Outcomes (runs.status, runs.message): finished; failed (the site became unreachable, most pages were errors, or no
page could be audited); interrupted (SIGTERM/SIGINT: pages done are kept, finish with --resume).
"""
from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import signal
import sys
import threading
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
        self.unreachable = ""
        self.renderer: render.Renderer | None = None
        self.renderer_factory = None  # set by run_audit: builds the Renderer inside the crawl's event loop
        self.stopping = False
        self.error_count = 0

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

    async def render(self, url: str, status: int, headers: dict[str, str], body: bytes, art_dir: Path, netlog):
        """Render one fetched page within the page budget: ((facts, per_vp, timings), blocked requests)."""
        if self.renderer is None:
            self.renderer = self.renderer_factory()
        sel = (self.session.check.get("logged_in_selector") if self.session is not None and self.session.check
               else None)

        async def work(page):
            marker = (await page.query_selector(sel)) is not None if sel else None
            facts, per_vp, timings = await self.gather(page, art_dir)
            if marker is not None:
                facts["_logged_in_marker"] = marker
            return facts, per_vp, timings

        return await self.renderer.render(url, status, headers, body, self.cfg.page_budget_s, work, netlog)

    def record(self, *, kind: str, url: str, facts: dict | None = None, per_vp: dict | None = None,
               body: bytes = b"", timings: dict | None = None, **fields: Any) -> None:
        if self.stopping and kind == "error":
            return  # a page cut short by the interrupt is not an error of the site: --resume does it again
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
            self.error_count += 1
            if len(self.errors) < 100:
                self.errors.append(f"{url}: {fields.get('error', '')}")
        self.failures += sum(1 for f in findings if f.outcome == "fail" and not f.advisory)
        self.progress.update(done=self.html_done, recorded=self.recorded, failures=self.failures,
                             last=url, kind=kind)


def context_options(cfg: AuditConfig, session=None) -> dict[str, Any]:
    first = cfg.viewports[0]
    context: dict[str, Any] = {
        "viewport": {"width": first.width, "height": first.height},
        "user_agent": cfg.ua,
        "service_workers": "block",
        "ignore_https_errors": cfg.insecure,
        "accept_downloads": False,
    }
    if session is not None:
        context.update(session.context_options())
    return context


# Largest response read for one page or document (Scrapy stops reading past it and the URL is recorded as too
# large). 10 MB is ten times the largest HTML page measured in the corpus of public e-services.
MAX_RESPONSE_BYTES = 10 * 1024 * 1024


def crawl_settings(cfg: AuditConfig, browser_path: str, log_level: str, session=None) -> dict[str, Any]:
    headers: dict[str, str] = {}
    if session is not None:
        headers = dict(session.headers)
    return {
        "DEFAULT_REQUEST_HEADERS": {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8", **headers},
        "BOT_NAME": "auditor",
        "USER_AGENT": cfg.ua,
        "ROBOTSTXT_OBEY": False,  # replaced by spiders.robots.RobotsGateMiddleware (see its docstring)
        "DOWNLOADER_MIDDLEWARES": {"spiders.robots.RobotsGateMiddleware": 50,
                                   "spiders.robots.RetryAfterMiddleware": 560},
        "TWISTED_REACTOR": "twisted.internet.asyncioreactor.AsyncioSelectorReactor",
        # Politeness: one request at a time per host.
        "CONCURRENT_REQUESTS": 4,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
        "DOWNLOAD_DELAY": cfg.delay,
        "RANDOMIZE_DOWNLOAD_DELAY": False,
        "AUTOTHROTTLE_ENABLED": cfg.autothrottle,
        "AUTOTHROTTLE_START_DELAY": max(cfg.delay, 1.0),
        "AUTOTHROTTLE_TARGET_CONCURRENCY": 1.0,
        "DOWNLOAD_TIMEOUT": cfg.page_timeout_s,
        "DOWNLOAD_MAXSIZE": MAX_RESPONSE_BYTES,
        # Certificates are checked like a browser does (Scrapy does not by default); --insecure accepts any.
        "DOWNLOAD_VERIFY_CERTIFICATES": not cfg.insecure,
        "DOWNLOAD_WARNSIZE": 0,
        "RETRY_TIMES": 1,
        "REDIRECT_MAX_TIMES": 10,  # a loop or a long chain ends here and is recorded once
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
    progress = Progress(enabled=not quiet, max_pages=cfg.max_pages, already=len(resume_state))
    sink = AuditSink(cfg, store, run_id, progress, resume_state)
    sink.session = session
    log_level = "INFO" if verbose else ("CRITICAL" if quiet else "ERROR")
    for name in ("scrapy", "twisted", "asyncio", "py.warnings", "spiders"):
        logging.getLogger(name).setLevel(log_level)
    render._load_gatherers()  # imported before the first page, so no page's budget pays for it
    settings = crawl_settings(cfg, browser_path, log_level, session)
    settings["LOG_INSTALL_ROOT_HANDLER"] = True
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(SiteSpider)
    from scrapy import signals as sc_signals

    def make_renderer():
        spider = crawler.spider
        return render.Renderer(browser_path, context_options(cfg, session), spider.resource_block_reason,
                               spider.login_headers)
    sink.renderer_factory = make_renderer

    async def _close_renderer():
        if sink.renderer is not None:
            await sink.renderer.close()

    def _closed(spider, reason):
        from scrapy.utils.defer import deferred_from_coro

        return deferred_from_coro(_close_renderer())
    crawler.signals.connect(_closed, signal=sc_signals.spider_closed)

    stop = {"signal": None, "done": threading.Event()}

    def _on_signal(signum, _frame):
        if stop["signal"] is not None:  # a second signal: no more waiting
            if sink.renderer is not None:
                sink.renderer.kill_now()
            _mark_interrupted(store, run_id, sink)
            os._exit(INTERRUPTED_EXIT)
        stop["signal"] = signal.Signals(signum).name
        sink.stopping = True
        if sink.renderer is not None:
            sink.renderer.kill_now()  # pages in the middle of rendering end now; --resume does them again
        from twisted.internet import reactor

        reactor.callFromThread(process.stop)
        threading.Thread(target=_watchdog, daemon=True).start()

    def _watchdog():
        # SIGTERM must end the run within 10 s whatever a page or a download is doing.
        if not stop["done"].wait(STOP_GRACE_S):
            try:
                if sink.renderer is not None:
                    sink.renderer.kill_now()
                _mark_interrupted(store, run_id, sink)
                progress.stop()
                sys.stderr.write(f"auditor: run {run_id} interrupted ({stop['signal']}); {sink.html_done} pages "
                                 f"stored; finish with `auditor audit --resume {run_id}`\n")
                sys.stderr.flush()
            finally:
                os._exit(INTERRUPTED_EXIT)

    old = {s_: signal.signal(s_, _on_signal) for s_ in (signal.SIGTERM, signal.SIGINT)}
    progress.start(run_id)
    try:
        process.crawl(crawler, cfg=cfg, sink=sink)
        process.start(install_signal_handlers=False)
    finally:
        stop["done"].set()
        progress.stop()
        for s_, h in old.items():
            signal.signal(s_, h)
        if sink.renderer is not None:
            sink.renderer.kill_now()  # nothing of ours outlives the run
    stats = crawler.stats.get_stats() if crawler.stats else {}
    reason = stats.get("finish_reason")
    if stop["signal"] is not None or reason == "shutdown":
        _mark_interrupted(store, run_id, sink)
        return run_id
    if reason == "session_expired":
        msg = (f"the login session expired during the crawl ({sink.session_expired_at}); "
               f"{sink.html_done} pages are stored: log in again and finish with --resume {run_id}")
        store.update_run(run_id, status="interrupted", message=msg)
        raise AuditError(msg)
    spider = crawler.spider
    problem = ""
    if reason == "site_unreachable" or sink.unreachable:
        problem = sink.unreachable or "the site stopped answering"
    elif sink.html_done == 0:
        robots_problem = next(iter(spider.robots.problems.values()), "") if spider is not None else ""
        first_err = robots_problem or (sink.errors[0] if sink.errors else "no HTML page was found at the start "
                                       "URL(s)")
        problem = f"no HTML page could be audited: {first_err}"
    elif reason not in (None, "finished"):
        problem = f"the crawl stopped early ({reason})"
    else:
        total = sink.html_done + sink.error_count
        if total and sink.error_count / total > cfg.max_error_ratio:
            problem = (f"{sink.error_count} of {total} URLs could not be audited (more than "
                       f"{cfg.max_error_ratio:.0%}, --max-error-ratio); first: {sink.errors[0] if sink.errors else ''}")
    if problem:
        store.update_run(run_id, status="failed", message=problem[:2000])
        return run_id
    run_site_rules(cfg, store, run_id, sink.rules)
    store.update_run(run_id, status="finished", message="")
    return run_id


# Exit code of an interrupted run (auditor.cli.EXIT_INTERRUPTED; repeated here for the hard-exit path).
INTERRUPTED_EXIT = 3
# After SIGTERM/SIGINT the crawl gets this long to close cleanly before the process ends itself.
STOP_GRACE_S = 7.0


def _mark_interrupted(store: Store, run_id: int, sink: AuditSink) -> None:
    try:
        store.update_run(run_id, status="interrupted",
                         message=f"interrupted after {sink.html_done} pages; finish with --resume {run_id}")
    except Exception:  # the database may be in use by the main thread; the status is written again there
        pass


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
