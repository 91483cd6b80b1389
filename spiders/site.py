"""SiteSpider: crawls one site and hands every page, rendered once in Chromium, to the audit sink.

Discovery: start URLs, robots.txt `Sitemap:` lines and /sitemap.xml (indexes followed recursively), then same-site
links from the rendered DOM. Limits: --depth, --max-pages (exact: counted when a page is taken for audit, not when a
request is made), --include/--exclude. robots.txt is obeyed for every request (spiders/robots.py).
"""
from __future__ import annotations

import logging
import re
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import scrapy
from scrapy.exceptions import CloseSpider, IgnoreRequest
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap

from auditor.config import AuditConfig
from spiders.robots import RobotsCache
from spiders.urls import canonical, host_of, in_scope, is_http_url, kind_by_extension

log = logging.getLogger(__name__)

# Sitemap indexes nest; a loop or a very deep chain is cut here.
MAX_SITEMAP_DEPTH = 5
HTML_TYPES = ("text/html", "application/xhtml+xml")

_current: "SiteSpider | None" = None


async def abort_request(pw_request) -> bool:
    """Playwright hook: page resources obey robots.txt too (for origins whose robots.txt is loaded)."""
    spider = _current
    if spider is None or not pw_request.url.startswith(("http://", "https://")):
        return False
    if spider.robots.parsed(pw_request.url) is None:
        return False
    return not spider.robots.allowed_now(pw_request.url)


# A page with thousands of resources is cut here: the log is evidence, not an archive.
MAX_NETLOG = 1000


def redact_headers(headers) -> dict[str, str]:
    """Response headers for the artifacts, cookie values cut: the attributes (Secure, HttpOnly, SameSite) are
    evidence, a session id is not."""
    out = {}
    for k, v in headers.items():
        name = k.decode("latin-1").lower()
        val = b"\n".join(v).decode("latin-1")
        if name == "set-cookie":
            val = "\n".join(re.sub(r"^([^=;]*)=[^;]*", r"\1=[value]", line.strip())
                            for line in val.split("\n"))
        out[name] = val
    return out


class NetLog:
    """What the browser fetched while loading one page: the network artifact for service and weight rules."""

    def __init__(self):
        self.entries: list[dict[str, Any]] = []

    def on_response(self, response) -> None:
        if len(self.entries) < MAX_NETLOG:
            h = response.headers  # lower-case names
            self.entries.append({
                "url": response.url, "status": response.status, "type": response.request.resource_type,
                "mime": h.get("content-type", ""), "length": int(h.get("content-length") or 0) or None,
                "from_cache": response.from_service_worker,
            })

    def on_failed(self, request) -> None:
        if len(self.entries) < MAX_NETLOG:
            self.entries.append({"url": request.url, "status": None, "type": request.resource_type,
                                 "failure": (request.failure or "")[:200]})


async def process_headers(browser_type_name: str, playwright_request, scrapy_request_data: dict) -> dict:
    """Playwright hook: the browser's own headers, plus the login headers (API keys, basic auth) for requests
    to the audited origin only, so credentials never reach third-party resources."""
    headers = await playwright_request.all_headers()
    spider = _current
    session = spider.session if spider is not None else None
    if session is not None and session.origin and RobotsCache.origin(playwright_request.url) == session.origin:
        headers.update(session.request_headers())
    return headers


class SiteSpider(scrapy.Spider):
    name = "auditor"

    def __init__(self, cfg: AuditConfig, sink: Any, **kw):
        super().__init__(**kw)
        self.cfg = cfg
        self.sink = sink
        self.hosts = {host_of(u) for u in cfg.seeds}
        self.include = [re.compile(p) for p in cfg.include]
        self.exclude = [re.compile(p) for p in cfg.exclude]
        self.session = getattr(sink, "session", None)
        if self.session is not None and self.session.active:
            from auditor.auth import LOGOUT_PATTERN

            self.exclude.append(re.compile(LOGOUT_PATTERN))  # following "log out" would end the session
            if self.session.basic:  # Scrapy's HttpAuthMiddleware, for documents, sitemaps and robots.txt
                self.http_user, self.http_pass = self.session.basic
                self.http_auth_domain = None if len(self.hosts) > 1 else next(iter(self.hosts)).split(":")[0]
        self.seen: set[str] = set()  # canonical URLs requested (or done)
        self.recorded: set[str] = set()  # final canonical URLs stored
        self.sitemaps_seen: set[str] = set()
        self.taken = 0  # HTML pages taken for audit (the --max-pages count)
        self.robots: RobotsCache

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        global _current
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.robots = RobotsCache(crawler, spider.cfg.ua)
        _current = spider
        return spider

    @property
    def full(self) -> bool:
        return self.taken >= self.cfg.max_pages

    # scope --------------------------------------------------------------------------------------------
    def wanted(self, url: str) -> bool:
        if not is_http_url(url) or not in_scope(url, self.hosts, self.cfg.allow_subdomains):
            return False
        if self.include and not any(p.search(url) for p in self.include):
            return False
        return not any(p.search(url) for p in self.exclude)

    def page_request(self, url: str, depth: int, referrer: str = "", seed: bool = False):
        c = canonical(url)
        if c in self.seen or self.full:
            return None
        if not seed and not self.wanted(c):
            return None
        if self.cfg.depth is not None and depth > self.cfg.depth:
            return None
        kind = kind_by_extension(c)
        if kind == "skip":
            return None
        self.seen.add(c)
        self.sink.found(len(self.seen))
        meta = {"depth": depth, "referrer": referrer, "canonical": c, "handle_httpstatus_all": True,
                "auditor_page": kind == "page"}
        if kind == "document":
            cookies = self.session.cookies_for(c) if self.session is not None else {}
            return scrapy.Request(c, callback=self.parse_document, errback=self.on_error, meta=meta,
                                  dont_filter=True, cookies=cookies)
        netlog = NetLog()
        meta.update({
            "netlog": netlog,
            "playwright_page_event_handlers": {"response": netlog.on_response, "requestfailed": netlog.on_failed},
            "playwright": True,
            "playwright_include_page": True,
            "playwright_context": "auditor",
            "playwright_page_goto_kwargs": {"wait_until": "load", "timeout": self.cfg.page_timeout_s * 1000},
        })
        return scrapy.Request(c, callback=self.parse_page, errback=self.on_error, meta=meta, dont_filter=True)

    # start ---------------------------------------------------------------------------------------------
    async def start(self) -> AsyncIterator[Any]:
        frontier: list[tuple[str, int, str]] = []
        for url in self.cfg.seeds:
            frontier.append((url, 0, ""))
        for d in self.sink.resume_state:
            self.seen.add(d["url"])
            self.recorded.add(d["url"])
            if d["kind"] == "html":
                self.taken += 1
        for d in self.sink.resume_state:
            for link in d.get("links") or ():
                frontier.append((link, (d.get("depth") or 0) + 1, d["url"]))
        # robots.txt of every start origin is read before any page request is made, which also gives the
        # Crawl-delay and the sitemaps.
        sitemaps: list[str] = []
        for origin in dict.fromkeys(RobotsCache.origin(u) for u in self.cfg.seeds):
            parser = await self.robots.parser(origin)
            if parser is not None:
                cd = parser.crawl_delay(self.cfg.ua)
                if cd and cd > getattr(self, "download_delay", 0):
                    self.download_delay = float(cd)  # read by Scrapy when the host's slot is created
                    log.info("robots.txt Crawl-delay %s s for %s", cd, origin)
                if self.cfg.sitemaps:
                    sitemaps.extend(parser.sitemaps)
            if self.cfg.sitemaps:
                sitemaps.append(origin + "/sitemap.xml")
        for url, depth, ref in frontier:
            req = self.page_request(url, depth, ref, seed=(depth == 0 and not ref))
            if req is not None:
                yield req
        for sm in dict.fromkeys(sitemaps):
            req = self.sitemap_request(sm, 0)
            if req is not None:
                yield req

    # sitemaps ------------------------------------------------------------------------------------------
    def sitemap_request(self, url: str, level: int):
        c = canonical(url)
        if c in self.sitemaps_seen or level > MAX_SITEMAP_DEPTH or not is_http_url(c):
            return None
        if not in_scope(c, self.hosts, True):
            return None
        self.sitemaps_seen.add(c)
        return scrapy.Request(c, callback=self.parse_sitemap, errback=self.on_sitemap_error,
                              meta={"level": level}, dont_filter=True)

    def parse_sitemap(self, response):
        if response.status != 200:
            return
        body = response.body
        try:
            if body[:2] == b"\x1f\x8b":
                body = gunzip(body)
            sm = Sitemap(body)
        except Exception as exc:
            log.info("not a sitemap: %s (%s)", response.url, exc)
            return
        level = response.meta.get("level", 0)
        for entry in sm:
            loc = entry.get("loc")
            if not loc:
                continue
            if sm.type == "sitemapindex":
                req = self.sitemap_request(loc, level + 1)
            else:
                req = self.page_request(loc, 0, response.url)
            if req is not None:
                yield req

    def on_sitemap_error(self, failure):
        log.info("sitemap not loaded: %s", failure.value)

    # pages ---------------------------------------------------------------------------------------------
    async def parse_page(self, response):
        page = response.meta.get("playwright_page")
        meta = response.meta
        started = time.perf_counter()
        try:
            final = canonical(response.url)
            ctype = response.headers.get(b"Content-Type", b"").decode("latin-1").lower()
            if final in self.recorded or (final != meta["canonical"] and not self.wanted(final)):
                return  # redirected to a page already audited, or off the site
            self.seen.add(final)
            base = dict(url=final, status=response.status, content_type=ctype, depth=meta["depth"],
                        referrer=meta["referrer"], fetch_ms=1000 * meta.get("download_latency", 0.0))
            if response.status >= 400:
                self.recorded.add(final)
                self.sink.record(kind="error", error=f"HTTP {response.status}", **base)
                return
            if ctype and not ctype.startswith(HTML_TYPES):
                self.recorded.add(final)
                self.sink.record(kind="document", **base)
                return
            if self.session is not None and self.session.check:
                sel = self.session.check.get("logged_in_selector")
                marker = (await page.query_selector(sel)) is not None if sel else None
                if self.session.expired(response.url, marker):
                    self.sink.session_expired_at = final
                    raise CloseSpider("session_expired")
            if self.full:
                return
            self.taken += 1  # reserved before any await: --max-pages stays exact with pages in parallel
            self.recorded.add(final)
            art_dir = self.sink.artifact_dir(final)
            try:
                facts, per_vp, timings = await self.sink.gather(page, art_dir)
            except Exception as exc:
                self.sink.record(kind="error", error=f"render failed: {type(exc).__name__}: {exc}"[:1000],
                                 **base)
                return
            facts["network"] = meta["netlog"].entries
            facts["headers"] = redact_headers(response.headers)
            facts["final_url"] = response.url
            links = []
            for href in facts.get("links") or ():
                c = canonical(href) if is_http_url(href) else None
                if c and c != final and self.wanted(c) and kind_by_extension(c) != "skip":
                    links.append(c)
            links = list(dict.fromkeys(links))
            timings["total"] = time.perf_counter() - started
            self.sink.record(kind="html", title=facts.get("title") or "", links=tuple(links),
                             artifact_dir=str(art_dir), facts=facts, per_vp=per_vp, timings=timings,
                             render_ms=1000 * (time.perf_counter() - started), **base)
        finally:
            if page is not None:
                await page.close()
        for link in links:
            req = self.page_request(link, meta["depth"] + 1, final)
            if req is not None:
                yield req

    def parse_document(self, response):
        meta = response.meta
        final = canonical(response.url)
        if final in self.recorded:
            return
        self.recorded.add(final)
        ctype = response.headers.get(b"Content-Type", b"").decode("latin-1").lower()
        self.sink.record(
            kind="error" if response.status >= 400 else "document", url=final, status=response.status,
            content_type=ctype, depth=meta["depth"], referrer=meta["referrer"],
            fetch_ms=1000 * meta.get("download_latency", 0.0),
            error=f"HTTP {response.status}" if response.status >= 400 else "",
            body=response.body if response.status < 400 else b"",
        )

    async def on_error(self, failure):
        request = failure.request
        page = request.meta.get("playwright_page")
        if page is not None:
            await page.close()
        if failure.check(IgnoreRequest):
            return  # robots.txt or the page limit: not a page of this audit
        c = request.meta.get("canonical", request.url)
        if c in self.recorded:
            return
        self.recorded.add(c)
        err = failure.value
        self.sink.record(kind="error", url=c, depth=request.meta.get("depth", 0),
                         referrer=request.meta.get("referrer", ""),
                         error=f"{type(err).__name__}: {err}"[:1000])
