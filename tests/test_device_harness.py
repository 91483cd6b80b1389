"""Renders pages through the real gather stage and the DI rules, without the crawl (shared by the device tests).

One Chromium for a batch of URLs, one page per URL navigated once (as the crawl does), then
`auditor.render.gather` at the given viewports and `auditor.engine.run_rules` with the DI rules only (the audit
option `rules=["DI"]`, so rules that defer to axe-core report everything themselves; axe itself is stubbed out
unless `with_axe=True`).
"""
from __future__ import annotations

import asyncio
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from auditor import engine, registry, render
from auditor.models import NAMED_VIEWPORTS, Finding, Viewport
from auditor.registry import PageArtifacts

DEFAULT_VPS = tuple(Viewport(n, *NAMED_VIEWPORTS[n]) for n in ("mobile", "tablet", "desktop"))
MOBILE_DESKTOP = (DEFAULT_VPS[0], DEFAULT_VPS[2])


@dataclass
class Rendered:
    url: str
    facts: dict[str, Any]
    per_vp: dict[str, dict[str, Any]]
    findings: list[Finding] = field(default_factory=list)
    error: str = ""

    def of(self, code: str, outcome: str | None = "fail") -> list[Finding]:
        return [f for f in self.findings if f.rule == code and (outcome is None or f.outcome == outcome)]

    def fails(self) -> set[str]:
        return {f.rule for f in self.findings if f.outcome == "fail"}


async def _render_all(urls: list[str], viewports: tuple[Viewport, ...], enabled: frozenset[str] | None,
                      options: dict[str, Any], out_root: Path, concurrency: int) -> list[Rendered]:
    from playwright.async_api import async_playwright

    rules = registry.select(options.get("rules") or ["DI"])
    results: list[Rendered | None] = [None] * len(urls)
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=render.find_browser(), headless=True,
                                          args=render.CHROMIUM_ARGS)
        ctx = await browser.new_context(viewport={"width": viewports[0].width, "height": viewports[0].height},
                                        service_workers="block")
        sem = asyncio.Semaphore(concurrency)

        async def one(i: int, url: str) -> None:
            async with sem:
                page = await ctx.new_page()
                out = out_root / f"p{i}"
                try:
                    await page.goto(url, wait_until="load", timeout=30_000)
                    facts, per_vp, _ = await render.gather(page, viewports, out, screenshots=False,
                                                           enabled=enabled)
                    art = PageArtifacts(url=url, viewports=per_vp, page=facts, dir=str(out), options=options)
                    found = engine.run_rules(rules, art, [v.name for v in viewports])
                    results[i] = Rendered(url, facts, per_vp, found)
                except Exception as exc:  # reported by the caller's assertions
                    results[i] = Rendered(url, {}, {}, [], f"{type(exc).__name__}: {exc}")
                finally:
                    await page.close()

        await asyncio.gather(*(one(i, u) for i, u in enumerate(urls)))
        await ctx.close()
        await browser.close()
    return [r for r in results if r is not None]


# axe-core replaced by a stub that finds nothing: with the rule selection "DI" no rule reads axe's results, and
# axe is most of the time of a gather (the demo site test runs the whole pipeline with the real axe).
AXE_STUB = "window.axe = window.axe || {version: 'stub'};"
RUN_AXE_STUB = "async () => ({version: 'stub', violations: [], incomplete: []})"


@contextmanager
def _axe_stubbed(on: bool):
    if not on:
        yield
        return
    saved = render.axe_source, render.RUN_AXE
    render.axe_source, render.RUN_AXE = (lambda: AXE_STUB), RUN_AXE_STUB
    try:
        yield
    finally:
        render.axe_source, render.RUN_AXE = saved


def render_pages(urls: list[str], viewports: tuple[Viewport, ...] = MOBILE_DESKTOP,
                 enabled: frozenset[str] | None = None, options: dict[str, Any] | None = None,
                 concurrency: int = 2, with_axe: bool = False) -> list[Rendered]:
    opts = {"rules": ["DI"], **(options or {})}
    with tempfile.TemporaryDirectory(prefix="auditor-device-") as tmp, _axe_stubbed(not with_axe):
        return asyncio.run(_render_all(urls, viewports, enabled, opts, Path(tmp), concurrency))
