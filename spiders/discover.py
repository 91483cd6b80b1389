"""DiscoverySpider: the cheap first step of sampling — plain HTTP through Scrapy, no browser.

Reads robots.txt first and obeys it for every request (spiders/robots.py), seeds from the start URL, robots.txt
`Sitemap:` lines and /sitemap.xml, follows same-site links of the HTML it fetches (spiders/urls.py scope and
canonical form) up to a page budget, one request at a time to the host. For each HTML page it keeps what sampling
needs: URL, depth, title, the texts of the links pointing to it, and a structural signature (template).

    python -m spiders.discover URL --budget 200 --delay 0.5 --out pages.json
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import scrapy
from scrapy.utils.sitemap import Sitemap

from spiders.robots import RobotsCache
from spiders.urls import canonical, host_of, in_scope, is_http_url, kind_by_extension

HTML_TYPES = ("text/html", "application/xhtml+xml")
# The tags whose count shape a page's layout: two pages with the same skeleton and path shape share a template.
SKELETON_TAGS = ("header", "nav", "main", "aside", "footer", "form", "table", "article", "iframe", "video")
_NUMERIC = re.compile(r"^\d+$|^[0-9a-f]{8,}$|\d{3,}", re.I)


def path_shape(url: str) -> str:
    """The URL path generalised: a directory's name kept, a file name → *, numbers and ids → #.
    /uutiset/2024/kevat.html → /uutiset/#/*; /seloste.html → /*; /palvelut/ → /*/; / → /."""
    from urllib.parse import urlsplit

    path = urlsplit(url).path or "/"
    segs = [s for s in path.split("/") if s]
    if not segs:
        return "/"
    shape = []
    for k, s in enumerate(segs):
        last = k == len(segs) - 1
        if _NUMERIC.search(s):
            shape.append("#")
        elif k == 0 and not last:
            shape.append(s)  # the section: /uutiset/… and /palvelut/… are different templates
        else:
            shape.append("*")
    return "/" + "/".join(shape) + ("/" if path.endswith("/") else "")


def skeleton(response) -> str:
    """The layout tags present (one, or several): stable across pages of one template, cheap to compute."""
    parts = []
    for tag in SKELETON_TAGS:
        n = len(response.xpath(f"//body//{tag}"))
        if n:
            parts.append(tag if n == 1 else tag + "+")
    return ".".join(parts) or "-"


class DiscoverySpider(scrapy.Spider):
    name = "auditor-discover"

    def __init__(self, seed: str, budget: int, ua: str, sitemaps: bool = True, **kw):
        super().__init__(**kw)
        self.seed = canonical(seed)
        self.budget = budget
        self.ua = ua
        self.sitemaps = sitemaps
        self.hosts = {host_of(self.seed)}
        self.seen: set[str] = set()
        self.pages: dict[str, dict[str, Any]] = {}
        self.link_texts: dict[str, Counter] = {}
        self.digests: set[str] = set()  # the same page under two URLs (/ and /index.html) is sampled once
        self.errors: list[str] = []
        self.robots: RobotsCache

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.robots = RobotsCache(crawler, spider.ua)
        return spider

    def request(self, url: str, depth: int):
        c = canonical(url)
        if (c in self.seen or len(self.seen) >= self.budget or not is_http_url(c)
                or not in_scope(c, self.hosts, False) or kind_by_extension(c) != "page"):
            return None
        self.seen.add(c)
        return scrapy.Request(c, callback=self.parse, errback=self.on_error,
                              meta={"depth": depth, "handle_httpstatus_all": True}, dont_filter=True)

    async def start(self):
        origin = RobotsCache.origin(self.seed)
        parser = await self.robots.parser(origin)
        if parser is not None:
            cd = parser.crawl_delay(self.ua)
            if cd and cd > getattr(self, "download_delay", 0):
                self.download_delay = float(cd)
        req = self.request(self.seed, 0)
        if req is not None:
            yield req
        if self.sitemaps:
            for sm in dict.fromkeys([*(parser.sitemaps if parser is not None else ()), origin + "/sitemap.xml"]):
                yield scrapy.Request(sm, callback=self.parse_sitemap, dont_filter=True,
                                     errback=lambda f: None, meta={"level": 0})

    def parse_sitemap(self, response):
        if response.status != 200:
            return
        try:
            sm = Sitemap(response.body)
        except Exception:
            return
        for entry in sm:
            loc = entry.get("loc")
            if not loc:
                continue
            if sm.type == "sitemapindex":
                if response.meta["level"] < 3 and in_scope(loc, self.hosts, True):
                    yield scrapy.Request(loc, callback=self.parse_sitemap, dont_filter=True,
                                         errback=lambda f: None, meta={"level": response.meta["level"] + 1})
            else:
                req = self.request(loc, 1)
                if req is not None:
                    yield req

    def parse(self, response):
        ctype = response.headers.get(b"Content-Type", b"").decode("latin-1").lower()
        final = canonical(response.url)
        if response.status >= 400 or (ctype and not ctype.startswith(HTML_TYPES)) or not hasattr(response, "xpath"):
            if response.status >= 400:
                self.errors.append(f"{final}: HTTP {response.status}")
            return
        if final in self.pages or not in_scope(final, self.hosts, False):
            return
        import hashlib

        digest = hashlib.sha1(response.body).hexdigest()
        if digest in self.digests:
            return
        self.digests.add(digest)
        depth = response.meta["depth"]
        self.pages[final] = {"url": final, "depth": depth, "title": (response.xpath("//title/text()").get() or "")
                             .strip()[:200], "shape": path_shape(final), "skeleton": skeleton(response),
                             "forms": len(response.xpath("//form")),
                             "password": bool(response.xpath("//input[@type='password']"))}
        for a in response.xpath("//a[@href]"):
            href = response.urljoin(a.attrib.get("href", ""))
            if not is_http_url(href):
                continue
            c = canonical(href)
            text = " ".join(" ".join(a.xpath(".//text()").getall()).split())[:100]
            if text:
                self.link_texts.setdefault(c, Counter())[text] += 1
            req = self.request(c, depth + 1)
            if req is not None:
                yield req

    def on_error(self, failure):
        from scrapy.exceptions import IgnoreRequest

        if failure.check(IgnoreRequest):
            return  # robots.txt: not a page of the site to sample
        self.errors.append(f"{failure.request.url}: {type(failure.value).__name__}: {failure.value}"[:300])

    def result(self) -> list[dict[str, Any]]:
        out = []
        for url, p in self.pages.items():
            texts = self.link_texts.get(url) or Counter()
            out.append({**p, "link_texts": [t for t, _ in texts.most_common(5)]})
        return out


def discover(seed: str, budget: int, delay: float, ua: str, sitemaps: bool = True, timeout: float = 30.0,
             insecure: bool = False) -> dict[str, Any]:
    """Crawl in this process (call once per process: Scrapy's reactor does not restart)."""
    from scrapy.crawler import CrawlerProcess

    settings = {
        "BOT_NAME": "auditor", "USER_AGENT": ua, "ROBOTSTXT_OBEY": False,  # spiders.robots instead (its docstring)
        "DOWNLOADER_MIDDLEWARES": {"spiders.robots.RobotsGateMiddleware": 50},
        "TWISTED_REACTOR": "twisted.internet.asyncioreactor.AsyncioSelectorReactor",
        "CONCURRENT_REQUESTS": 4, "CONCURRENT_REQUESTS_PER_DOMAIN": 1, "DOWNLOAD_DELAY": delay,
        "RANDOMIZE_DOWNLOAD_DELAY": False, "AUTOTHROTTLE_ENABLED": delay > 0, "DOWNLOAD_TIMEOUT": timeout,
        "DOWNLOAD_MAXSIZE": 10 * 1024 * 1024, "RETRY_TIMES": 1, "TELNETCONSOLE_ENABLED": False,
        "LOG_LEVEL": "ERROR", "REFERER_ENABLED": False,
    }
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(DiscoverySpider)
    t = time.perf_counter()
    process.crawl(crawler, seed=seed, budget=budget, ua=ua, sitemaps=sitemaps)
    process.start()
    spider = crawler.spider
    return {"seed": canonical(seed), "pages": spider.result(), "errors": spider.errors[:20],
            "requests": len(spider.seen), "seconds": round(time.perf_counter() - t, 3),
            "robots_forbidden": spider.robots.forbidden}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("url")
    ap.add_argument("--budget", type=int, default=200)
    ap.add_argument("--delay", type=float, default=0.5)
    ap.add_argument("--user-agent", default="")
    ap.add_argument("--no-sitemaps", action="store_true")
    ap.add_argument("--out", required=True)
    a = ap.parse_args(argv)
    from auditor.config import AuditConfig

    ua = a.user_agent or AuditConfig(seeds=(a.url,)).ua
    res = discover(a.url, a.budget, a.delay, ua, not a.no_sitemaps)
    Path(a.out).write_text(json.dumps(res, ensure_ascii=False), encoding="utf-8")
    return 0 if res["pages"] else 2


if __name__ == "__main__":
    sys.exit(main())
