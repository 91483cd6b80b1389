"""robots.txt for every request, including the first ones.

Scrapy's own RobotsTxtMiddleware (2.14–2.19) lets requests through when several of them reach a host before its
robots.txt has been parsed: its waiters share one Twisted Deferred whose result is consumed by the first waiter
(`Deferred.asFuture` returns None down the chain), so the others see "no parser" and are allowed. Here each host
has one asyncio Future that every waiter awaits and that hands each of them the same parser.
"""
from __future__ import annotations

import asyncio
import logging
from urllib.parse import urlsplit

from protego import Protego
from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.http.request import NO_CALLBACK

log = logging.getLogger(__name__)

# RFC 9309 2.5: crawlers must parse at least the first 500 KiB; what lies beyond is ignored.
MAX_ROBOTS_BYTES = 500 * 1024


class RobotsForbidden(IgnoreRequest):
    """A request robots.txt does not allow: not a page of this audit."""


class OffSiteRedirect(IgnoreRequest):
    """A redirect that leaves the audited site: recorded, not followed."""


class RobotsCache:
    """Parsed robots.txt per origin; fetched once through the crawler's own downloader."""

    def __init__(self, crawler, user_agent: str):
        self.crawler = crawler
        self.user_agent = user_agent
        self._parsers: dict[str, asyncio.Future] = {}
        self.forbidden = 0
        self.problems: dict[str, str] = {}  # origin -> why its robots.txt stops the crawl (shown to the user)

    @staticmethod
    def origin(url: str) -> str:
        p = urlsplit(url)
        return f"{p.scheme}://{p.netloc}"

    async def parser(self, url: str) -> Protego | None:
        origin = self.origin(url)
        fut = self._parsers.get(origin)
        if fut is None:
            fut = self._parsers[origin] = asyncio.get_running_loop().create_future()
            req = Request(origin + "/robots.txt", priority=1000, callback=NO_CALLBACK,
                          meta={"dont_obey_robotstxt": True, "auditor_robots": True})
            parser = None
            try:
                resp = await self.crawler.engine.download_async(req)
                # 4xx: no robots.txt, everything allowed (RFC 9309 2.3.1.3). 5xx: RFC 9309 2.3.1.4 says assume
                # complete disallow; we do, so a broken server is not crawled blindly, and say so.
                if 200 <= resp.status < 300:
                    parser = Protego.parse(resp.body[:MAX_ROBOTS_BYTES].decode("utf-8", "replace"))
                elif resp.status >= 500:
                    parser = Protego.parse("User-agent: *\nDisallow: /")
                    self.problems[origin] = (
                        f"{origin}/robots.txt answered HTTP {resp.status}: a server error on robots.txt means the "
                        f"whole site is disallowed (RFC 9309 2.3.1.4); try again when the server works")
            except Exception as exc:  # unreachable host: the page requests will fail and say why
                log.info("robots.txt of %s not available: %s", origin, exc)
            fut.set_result(parser)
        return await asyncio.shield(fut) if not fut.done() else fut.result()

    def parsed(self, url: str) -> Protego | None:
        """The parser if already loaded (for synchronous checks), else None."""
        fut = self._parsers.get(self.origin(url))
        return fut.result() if fut is not None and fut.done() else None

    def allowed_now(self, url: str) -> bool:
        """Synchronous check for a URL whose origin's robots.txt is loaded; unknown origins are not allowed."""
        fut = self._parsers.get(self.origin(url))
        if fut is None or not fut.done():
            return False
        p = fut.result()
        return p is None or p.can_fetch(url, self.user_agent)

    async def allowed(self, url: str) -> bool:
        p = await self.parser(url)
        return p is None or p.can_fetch(url, self.user_agent)


class RobotsGateMiddleware:
    """Downloader middleware: every request waits for its host's robots.txt and is dropped if disallowed."""

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    async def process_request(self, request, spider=None):
        if request.meta.get("dont_obey_robotstxt") or not request.url.startswith(("http://", "https://")):
            return None
        spider = self.crawler.spider
        if request.meta.get("redirect_urls"):
            from spiders.urls import in_scope

            if not in_scope(request.url, spider.hosts, True):
                raise OffSiteRedirect(f"redirected off the audited site (to {request.url[:300]}); not followed")
        robots: RobotsCache = spider.robots
        if not await robots.allowed(request.url):
            robots.forbidden += 1
            log.info("forbidden by robots.txt: %s", request.url)
            raise RobotsForbidden("forbidden by robots.txt")
        return None


class RetryAfterMiddleware:
    """429/503 with Retry-After: wait as asked (bounded), then retry once. Scrapy's RetryMiddleware would retry
    at once, which is exactly what the server asked us not to do."""

    MAX_WAIT_S = 30.0  # a longer Retry-After is not waited for: the page is recorded with its status

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    async def process_response(self, request, response, spider=None):
        if response.status not in (429, 503) or request.meta.get("retry_after_done"):
            return response
        raw = response.headers.get(b"Retry-After", b"").decode("latin-1").strip()
        wait = _retry_after_seconds(raw)
        if wait is None or wait > self.MAX_WAIT_S:
            return response
        log.info("%s: HTTP %s, Retry-After %s s", request.url, response.status, wait)
        await asyncio.sleep(max(wait, 0.0))
        new = request.replace(dont_filter=True)
        new.meta["retry_after_done"] = True
        new.meta["dont_retry"] = True
        return new


def _retry_after_seconds(raw: str) -> float | None:
    if not raw:
        return None
    if raw.isdigit():
        return float(raw)
    from email.utils import parsedate_to_datetime
    from datetime import datetime, timezone

    try:
        when = parsedate_to_datetime(raw)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())
