"""SiteSpider: crawls one site and hands every page, rendered once in Chromium, to the audit sink.

Discovery: start URLs, robots.txt `Sitemap:` lines and /sitemap.xml (indexes followed recursively), then same-site
links from the rendered DOM. Limits: --depth, --max-pages, --include/--exclude. robots.txt is obeyed for every
request (spiders/robots.py).

Fetch and render are two stages: Scrapy fetches each page politely (size limit, timeouts, Retry-After, Crawl-delay),
then `auditor.render.Renderer` loads that body in Chromium through request routing, within a per-page time budget.
The page cap is exact for fetches: HTML requests in flight plus pages taken never exceed --max-pages; a request
that turns out not to be an HTML page gives its place back to the next queued link.
"""
from __future__ import annotations

import logging
import re
import time
from collections import deque
from collections.abc import AsyncIterator
from typing import Any

import scrapy
from scrapy.exceptions import CloseSpider, IgnoreRequest
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap

from auditor.config import AuditConfig
from spiders.robots import OffSiteRedirect, RobotsCache, RobotsForbidden
from spiders.urls import canonical, host_of, in_scope, is_http_url, kind_by_extension, trap_key

log = logging.getLogger(__name__)

# Sitemap indexes nest; a loop or a very deep chain is cut here.
MAX_SITEMAP_DEPTH = 5
# Sitemaps read per run, and the decompressed size of each: the sitemap protocol's own limit is 50 MB
# uncompressed (sitemaps.org); a gzip bomb stops there.
MAX_SITEMAPS = 50
MAX_SITEMAP_BYTES = 50 * 1024 * 1024
# Links waiting for a place under --max-pages (beyond this they are dropped: the cap would never reach them).
MAX_PENDING = 20_000
# Crawler traps: URLs that differ only in numbers or in query values (calendars, ?page=N, session ids in the path)
# share one pattern, and each pattern gets this many pages; paths deeper than MAX_PATH_SEGMENTS are not followed.
TRAP_PATTERN_BUDGET = 20
MAX_PATH_SEGMENTS = 15
# So many connection failures in a row mean the site went away: the run stops and is recorded as failed.
MAX_CONSECUTIVE_FAILURES = 5
HTML_TYPES = ("text/html", "application/xhtml+xml")
ERROR_STATUSES = list(range(400, 600))

_current: "SiteSpider | None" = None


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
            if self.session.basic:  # Scrapy's HttpAuthMiddleware, for pages, documents, sitemaps and robots.txt
                self.http_user, self.http_pass = self.session.basic
                self.http_auth_domain = None if len(self.hosts) > 1 else next(iter(self.hosts)).split(":")[0]
        self.seen: set[str] = set()  # canonical URLs requested (or done)
        self.recorded: set[str] = set()  # final canonical URLs stored
        self.sitemaps_seen: set[str] = set()
        self.taken = 0  # HTML pages taken for audit (the --max-pages count)
        self.inflight = 0  # page requests made and not yet resolved (each holds a place under the cap)
        self.pending: deque = deque()  # (url, depth, referrer) waiting for a place under the cap
        self.trap_counts: dict[str, int] = {}
        self.trap_skipped = 0
        self.consecutive_failures = 0
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

    @property
    def no_room(self) -> bool:
        return self.taken + self.inflight >= self.cfg.max_pages

    # scope --------------------------------------------------------------------------------------------
    def wanted(self, url: str) -> bool:
        if not is_http_url(url) or not in_scope(url, self.hosts, self.cfg.allow_subdomains):
            return False
        if self.include and not any(p.search(url) for p in self.include):
            return False
        return not any(p.search(url) for p in self.exclude)

    def resource_block_reason(self, url: str) -> str:
        """For the browser's own requests: robots.txt of an origin already read (others are not fetched here)."""
        if not url.startswith(("http://", "https://")):
            return ""
        if self.robots.parsed(url) is None:
            return ""
        return "" if self.robots.allowed_now(url) else "forbidden by robots.txt"

    def login_headers(self, url: str, headers: dict[str, str]) -> dict[str, str] | None:
        """Login headers (API keys, basic auth) for requests to the audited origin only."""
        session = self.session
        if session is not None and session.origin and RobotsCache.origin(url) == session.origin:
            h = dict(headers)
            h.update(session.request_headers())
            return h
        return None

    def _is_trap(self, c: str) -> bool:
        key, segments = trap_key(c)
        if segments > MAX_PATH_SEGMENTS:
            self.trap_skipped += 1
            return True
        n = self.trap_counts.get(key, 0)
        if n >= TRAP_PATTERN_BUDGET:
            self.trap_skipped += 1
            if self.trap_skipped in (1, 10, 100, 1000):
                log.info("crawler trap: %d URLs like %s skipped", self.trap_skipped, key)
            return True
        self.trap_counts[key] = n + 1
        return False

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
        if kind == "page" and self.no_room:
            if len(self.pending) < MAX_PENDING:
                self.pending.append((c, depth, referrer, seed))
            return None
        if not seed and self._is_trap(c):
            self.seen.add(c)
            return None
        self.seen.add(c)
        self.sink.found(len(self.seen))
        # Error statuses reach the callbacks (recorded with their status); redirects stay with Scrapy's
        # RedirectMiddleware (bounded by REDIRECT_MAX_TIMES, off-site targets refused in RobotsGateMiddleware).
        meta = {"depth": depth, "referrer": referrer, "canonical": c, "handle_httpstatus_list": ERROR_STATUSES,
                "auditor_page": kind == "page", "holds_place": kind == "page"}
        if kind == "page":
            self.inflight += 1
        cookies = self.session.cookies_for(c) if self.session is not None else {}
        headers = self.login_headers(c, {}) or {}  # login headers for the audited origin only
        callback = self.parse_document if kind == "document" else self.parse_page
        return scrapy.Request(c, callback=callback, errback=self.on_error, meta=meta, dont_filter=True,
                              cookies=cookies, headers=headers)

    def _release(self, meta: dict) -> None:
        """A page request resolved: give its place under the cap back, and fill it from the queue."""
        if meta.pop("holds_place", False):
            self.inflight -= 1
        while self.pending and not self.no_room:
            url, depth, ref, seed = self.pending.popleft()
            req = self.page_request(url, depth, ref, seed=seed)
            if req is not None:
                self.crawler.engine.crawl(req)

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
                if cd:
                    self.apply_crawl_delay(origin, float(cd))
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

    # Crawl-delay is bounded: a robots.txt asking for an hour between requests would stall the run for days.
    MAX_CRAWL_DELAY_S = 60.0

    def apply_crawl_delay(self, origin: str, cd: float) -> None:
        """robots.txt Crawl-delay raises the delay. Scrapy reads `download_delay` only when a host's slot is
        created, and the slot of this host already exists (robots.txt was fetched through it), so the live slot
        is updated too."""
        cd = min(cd, self.MAX_CRAWL_DELAY_S)
        if cd <= float(getattr(self, "download_delay", 0) or 0) and cd <= self.cfg.delay:
            return
        self.download_delay = max(cd, self.cfg.delay)
        host = (origin.split("://", 1)[1]).split(":")[0].lower()
        for key, slot in getattr(self.crawler.engine.downloader, "slots", {}).items():
            if key.split(":")[0].lower() == host:
                slot.delay = max(slot.delay, cd)
                slot.randomize_delay = False
        # AutoThrottle keeps each slot's delay at or above its `mindelay`, read once when the spider opened:
        # without this it would lower the delay below Crawl-delay again after a few fast responses.
        from scrapy.extensions.throttle import AutoThrottle

        for ext in getattr(getattr(self.crawler, "extensions", None), "middlewares", ()):
            if isinstance(ext, AutoThrottle) and getattr(ext, "mindelay", 0) < cd:
                ext.mindelay = cd
                ext.maxdelay = max(getattr(ext, "maxdelay", cd), cd)
        log.info("robots.txt Crawl-delay %s s for %s", cd, origin)

    # sitemaps ------------------------------------------------------------------------------------------
    def sitemap_request(self, url: str, level: int):
        c = canonical(url)
        if c in self.sitemaps_seen or level > MAX_SITEMAP_DEPTH or not is_http_url(c):
            return None
        if len(self.sitemaps_seen) >= MAX_SITEMAPS or not in_scope(c, self.hosts, True):
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
                body = gunzip(body, max_size=MAX_SITEMAP_BYTES)
            sm = Sitemap(body)
        except Exception as exc:
            if "MaxSize" in type(exc).__name__:  # scrapy.utils.gz's (private) limit error
                log.warning("sitemap %s is over %d MB uncompressed: not read", response.url,
                            MAX_SITEMAP_BYTES >> 20)
            else:
                log.info("not a sitemap: %s (%s)", response.url, exc)
            return
        level = response.meta.get("level", 0)
        for n, entry in enumerate(sm):
            if n >= 50_000:  # the protocol's limit per sitemap
                break
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
    def _base(self, response, final: str) -> dict[str, Any]:
        meta = response.meta
        ctype = response.headers.get(b"Content-Type", b"").decode("latin-1").lower()
        return dict(url=final, status=response.status, content_type=ctype, depth=meta["depth"],
                    referrer=meta["referrer"], fetch_ms=1000 * meta.get("download_latency", 0.0))

    async def parse_page(self, response):
        meta = response.meta
        started = time.perf_counter()
        self.consecutive_failures = 0
        links: list[str] = []
        try:
            final = canonical(response.url)
            if final in self.recorded:
                return  # redirected to a page already audited
            if final != meta["canonical"] and not self.wanted(final):
                self.recorded.add(meta["canonical"])
                self.sink.record(kind="error", url=meta["canonical"], depth=meta["depth"],
                                 referrer=meta["referrer"], status=response.status,
                                 error=f"redirected off the audited site (to {response.url[:300]}); not followed")
                return
            self.seen.add(final)
            base = self._base(response, final)
            ctype = base["content_type"]
            disposition = response.headers.get(b"Content-Disposition", b"").decode("latin-1").lower()
            if response.status >= 300:  # 3xx here: a redirect without a usable Location
                self.recorded.add(final)
                self.sink.record(kind="error", error=f"HTTP {response.status}", **base)
                return
            if (ctype and not ctype.startswith(HTML_TYPES)) or disposition.startswith("attachment"):
                # A download, not a page: the browser would show about:blank and audit nothing.
                self.recorded.add(final)
                self.sink.record(kind="document", body=response.body, **base)
                return
            if self.session is not None and self.session.check and self.session.expired(response.url, None):
                self.sink.session_expired_at = final
                raise CloseSpider("session_expired")
            if self.full:
                return
            self.taken += 1  # reserved before any await: --max-pages stays exact with pages in parallel
            meta.pop("holds_place", None)
            self.inflight -= 1
            self.recorded.add(final)
            art_dir = self.sink.artifact_dir(final)
            netlog = NetLog()
            headers = {k: v for k, v in redact_headers(response.headers).items()}
            fulfil_headers = {}
            for k, v in response.headers.items():
                name = k.decode("latin-1")
                if name.lower() in ("content-encoding", "content-length", "transfer-encoding"):
                    continue
                fulfil_headers[name] = b", ".join(v).decode("latin-1") if name.lower() != "set-cookie" \
                    else b"\n".join(v).decode("latin-1")
            if not any(k.lower() == "content-type" for k in fulfil_headers):
                fulfil_headers["Content-Type"] = "text/html"
            self.sink.progress.update(current=final)
            try:
                (facts, per_vp, timings), blocked = await self.sink.render(
                    response.url, response.status, fulfil_headers, response.body, art_dir, netlog)
            except Exception as exc:
                msg = str(exc) or type(exc).__name__
                self.sink.record(kind="error", error=f"could not be audited: {msg}"[:1000], **base)
                return
            marker = facts.pop("_logged_in_marker", None)
            if self.session is not None and self.session.check and self.session.expired(response.url, marker):
                self.sink.session_expired_at = final
                raise CloseSpider("session_expired")
            facts["network"] = netlog.entries
            facts["headers"] = headers
            facts["final_url"] = response.url
            if blocked:
                facts["blocked_requests"] = blocked
            if facts.get("links_total", 0) > len(facts.get("links") or ()):
                facts["links_truncated"] = True
            for href in facts.get("links") or ():
                c = canonical(href) if isinstance(href, str) and is_http_url(href) else None
                if c and c != final and self.wanted(c) and kind_by_extension(c) != "skip":
                    links.append(c)
            links = list(dict.fromkeys(links))
            timings["total"] = time.perf_counter() - started
            self.sink.record(kind="html", title=facts.get("title") or "", links=tuple(links),
                             artifact_dir=str(art_dir), facts=facts, per_vp=per_vp, timings=timings,
                             render_ms=1000 * (time.perf_counter() - started), **base)
        finally:
            self._release(meta)
        for link in links:
            req = self.page_request(link, meta["depth"] + 1, final)
            if req is not None:
                yield req

    def parse_document(self, response):
        meta = response.meta
        self.consecutive_failures = 0
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

    def on_error(self, failure):
        request = failure.request
        self._release(request.meta)
        if failure.check(RobotsForbidden):
            return  # robots.txt: not a page of this audit
        c = request.meta.get("canonical", request.url)
        if c in self.recorded:
            return
        self.recorded.add(c)
        err = failure.value
        reason = describe_failure(err)
        if failure.check(IgnoreRequest):
            pass
        else:
            self.consecutive_failures += 1
        self.sink.record(kind="error", url=c, depth=request.meta.get("depth", 0),
                         referrer=request.meta.get("referrer", ""), error=reason[:1000])
        if self.consecutive_failures >= MAX_CONSECUTIVE_FAILURES:
            self.sink.unreachable = (f"the site stopped answering: {self.consecutive_failures} requests in a row "
                                     f"failed (last: {reason[:200]})")
            raise CloseSpider("site_unreachable")


def describe_failure(err: BaseException) -> str:
    """One line a user understands, for a request that failed below HTTP."""
    from scrapy.exceptions import DownloadCancelledError, DownloadTimeoutError, ResponseDataLossError

    text = str(err).splitlines()[0] if str(err) else ""
    name = type(err).__name__
    if "larger than download max size" in text or ("max size" in text and "download" in text):
        return "response too large: over the 10 MB limit per page; not audited"
    if isinstance(err, DownloadTimeoutError) or "timeout" in name.lower() or "took longer" in text:
        return f"timed out: the server did not answer within the page timeout ({text[:200]})"
    if isinstance(err, ResponseDataLossError) or "DataLoss" in name or "PotentialDataLoss" in text:
        return "the server cut the response short (truncated body); not audited"
    if "certificate" in text.lower() or "SSL" in text or "tls" in text.lower():
        return f"TLS certificate error ({text[:200]}); for a test server, --insecure accepts it"
    if isinstance(err, DownloadCancelledError):
        return f"download cancelled: {text[:200]}"
    if isinstance(err, OffSiteRedirect):
        return text[:400]
    if isinstance(err, IgnoreRequest):
        if "redirect" in text.lower():
            return f"too many redirects (a redirect loop or a long chain): {text[:200]}"
        return text[:300] or "not fetched"
    return f"{name}: {text}"[:500]
