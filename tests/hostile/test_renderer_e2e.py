"""The render stage's watchdogs, driven directly with the real Chromium: hung, crashing and dying renderers."""
from __future__ import annotations

import asyncio
import time

import pytest

from auditor import render

pytestmark = pytest.mark.e2e

URL = "http://127.0.0.1:9/page"  # never contacted: the document is served from the fetched body


def _html(script: str = "") -> bytes:
    return f"<!doctype html><html lang=fi><head><title>t</title><script>{script}</script></head>" \
           f"<body><main><h1>t</h1><a href='/a'>a</a></main></body></html>".encode()


async def _title(page):
    return await page.evaluate("() => document.title")


def test_hung_page_bounded_then_next_page_renders():
    async def go():
        r = render.Renderer(render.find_browser(), {"service_workers": "block"}, lambda u: "blocked in test")
        try:
            t = time.monotonic()
            with pytest.raises(render.RenderError, match="budget"):
                await r.render(URL, 200, {"Content-Type": "text/html"},
                               _html("addEventListener('load',()=>{for(;;){}})"), 3, _title)
            assert time.monotonic() - t < 3 + render.CLOSE_TIMEOUT_S + 6
            # The crawl goes on: the next page renders (in a replaced context or browser if need be).
            title, blocked = await r.render(URL, 200, {"Content-Type": "text/html"}, _html(), 20, _title)
            assert title == "t"
            # The browser died (killed from outside): it is started again for the next page.
            render._kill_tree_with_marker(r.marker)
            await asyncio.sleep(0.5)
            title, _ = await r.render(URL, 200, {"Content-Type": "text/html"}, _html(), 20, _title)
            assert title == "t" and r.restarts >= 1
        finally:
            await r.close()
        assert render._kill_tree_with_marker(r.marker) == 0  # nothing left behind
    asyncio.run(go())


def test_post_and_self_navigation_blocked_in_the_browser():
    async def go():
        r = render.Renderer(render.find_browser(), {}, lambda u: "")
        script = ("fetch('/api/delete',{method:'POST',body:'x'}).catch(()=>{});"
                  "addEventListener('load',()=>{document.title='moved?';location.href='/elsewhere'})")
        try:
            async def work(page):
                await asyncio.sleep(0.5)
                return page.url
            url, blocked = await r.render(URL, 200, {"Content-Type": "text/html"}, _html(script), 20, work)
        finally:
            await r.close()
        assert url == URL
        assert any(b.startswith("POST") for b in blocked), blocked
        assert any("navigate away" in b for b in blocked), blocked
    asyncio.run(go())
