"""Browser lifecycle and gatherers: what is collected from a rendered page at each viewport.

The page is navigated once (by the crawl's Playwright download handler); then, for each viewport, the page is
resized, axe-core runs and a screenshot is taken. Artifacts are written to disk per page and viewport so rules
can be re-run later without a browser (`auditor rules-rerun`, and the tests).
"""
from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import subprocess
import time
from functools import lru_cache
from pathlib import Path
from typing import Any

from auditor.models import Viewport

AXE_PATH = Path(__file__).parent / "vendor" / "axe.min.js"

# Flags checked on these machines: the sandbox needs user namespaces (absent as root in containers);
# background networking makes Chromium call home, which this network refuses (and no audit should do).
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
    "--disable-default-apps", "--mute-audio", "--hide-scrollbars",
]

# Browser search order (documented in the README): --browser / config, $AUDITOR_BROWSER, then a system
# Chromium or Chrome on PATH, then Debian's real binary path, then Playwright's own Chromium if installed.
SYSTEM_BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
KNOWN_PATHS = ("/usr/lib/chromium/chromium", "/usr/bin/chromium", "/opt/google/chrome/chrome")


class BrowserNotFound(RuntimeError):
    pass


def find_browser(explicit: str | None = None) -> str:
    if explicit:
        p = shutil.which(explicit) or explicit
        if not (os.path.isfile(p) and os.access(p, os.X_OK)):
            raise BrowserNotFound(f"browser {explicit!r} is not an executable file")
        return p
    env = os.environ.get("AUDITOR_BROWSER")
    if env:
        return find_browser(env)
    for name in SYSTEM_BROWSERS:
        p = shutil.which(name)
        if p:
            return p
    for p in KNOWN_PATHS:
        if os.access(p, os.X_OK):
            return p
    pw = _playwright_chromium()
    if pw:
        return pw
    raise BrowserNotFound(
        "no Chromium or Chrome found. Install one (Debian/Ubuntu: sudo apt-get install chromium), "
        "or name it with --browser PATH or AUDITOR_BROWSER=PATH"
    )


def _playwright_chromium() -> str | None:
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            path = p.chromium.executable_path
        return path if path and os.access(path, os.X_OK) else None
    except Exception:
        return None


@lru_cache(maxsize=4)
def browser_version(path: str) -> str:
    try:
        out = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=20).stdout
        return out.strip().splitlines()[0][:120] if out.strip() else ""
    except Exception:
        return ""


@lru_cache(maxsize=1)
def axe_source() -> str:
    return AXE_PATH.read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def axe_version() -> str:
    m = re.search(r"axe v(\d+\.\d+\.\d+)", axe_source()[:200])
    return m.group(1) if m else "unknown"


# Runs in the page. `resultTypes` limits the expensive unique-selector work to the kinds we keep
# (measured here: 3× faster than full results); passes and inapplicable are not needed for findings.
RUN_AXE = """async () => {
  const r = await axe.run(document, {resultTypes: ['violations', 'incomplete']});
  const act = {};
  for (const x of axe.getRules()) act[x.ruleId] = x.actIds || [];
  // Page coordinates of the element (for evidence crops of the full-page screenshot); null inside frames.
  const box = (t) => {
    if (!t || t.length !== 1 || typeof t[0] !== 'string') return null;
    let el; try { el = document.querySelector(t[0]); } catch (e) { return null; }
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return {x: Math.round(r.left + scrollX), y: Math.round(r.top + scrollY),
            w: Math.round(r.width), h: Math.round(r.height)};
  };
  // Structural path of the element (tag names from <html>, no ids, classes or positions): with its normalised
  // markup it is the finding's fingerprint (auditor/models.py), stable when a CMS adds ids or class names.
  const path = (t) => {
    if (!t || t.length !== 1 || typeof t[0] !== 'string') return null;
    let el; try { el = document.querySelector(t[0]); } catch (e) { return null; }
    const tags = [];
    for (; el && el.nodeType === 1; el = el.parentElement) tags.unshift(el.localName);
    return tags.join('>');
  };
  const msg = (n) => n.failureSummary ||
      [...(n.any || []), ...(n.all || []), ...(n.none || [])].map(c => c.message).filter(Boolean).join('\\n');
  const slim = (list) => list.map(v => ({
    id: v.id, impact: v.impact, tags: v.tags, description: v.description, help: v.help, helpUrl: v.helpUrl,
    actIds: act[v.id] || [],
    nodes: v.nodes.map(n => ({target: n.target, html: n.html, impact: n.impact, failureSummary: msg(n),
                              box: box(n.target), path: path(n.target)})),
  }));
  return {version: axe.version, violations: slim(r.violations), incomplete: slim(r.incomplete)};
}"""

PAGE_FACTS = """() => ({
  title: document.title,
  lang: document.documentElement.getAttribute('lang'),
  links: Array.from(document.querySelectorAll('a[href], area[href]'), a => a.href),
  hreflang: Array.from(document.querySelectorAll('link[rel~=alternate][hreflang]'),
                       l => ({hreflang: l.getAttribute('hreflang'), href: l.href})),
  url: location.href,
})"""

SETTLE = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))"

# A page whose scripts never let axe finish must not stall the audit.
AXE_TIMEOUT_S = 90
SCREENSHOT_TIMEOUT_MS = 30_000
# Full-page screenshots of very long pages are capped: evidence, not an archive.
MAX_SHOT_HEIGHT = 6000


# Gatherer extension point. A page gatherer runs once per page (after the facts, at the first viewport); a
# viewport gatherer runs at every viewport after axe. Each returns a JSON-able dict stored as an artifact under its
# name, for rules to read. Gatherers live in auditor/gatherers/ and register with these decorators.
PAGE_GATHERERS: dict[str, Any] = {}
VIEWPORT_GATHERERS: dict[str, Any] = {}


def page_gatherer(name: str):
    def deco(fn):
        PAGE_GATHERERS[name] = fn
        return fn
    return deco


def viewport_gatherer(name: str):
    def deco(fn):
        VIEWPORT_GATHERERS[name] = fn
        return fn
    return deco


def _load_gatherers() -> None:
    import importlib
    import pkgutil

    from auditor import gatherers

    for mod in pkgutil.iter_modules(gatherers.__path__, prefix="auditor.gatherers."):
        importlib.import_module(mod.name)


async def _run_gatherer(name, fn, timings, *args) -> dict[str, Any]:
    t = time.perf_counter()
    try:
        return await asyncio.wait_for(fn(*args), GATHERER_TIMEOUT_S)
    except Exception as exc:  # one broken gatherer costs its own artifact, not the page
        return {"error": f"{type(exc).__name__}: {exc}"[:500]}
    finally:
        timings[f"g_{name}"] = timings.get(f"g_{name}", 0.0) + time.perf_counter() - t


GATHERER_TIMEOUT_S = 120


async def gather(page, viewports: tuple[Viewport, ...], out_dir: Path, screenshots: bool = True,
                 enabled: frozenset[str] | None = None
                 ) -> tuple[dict[str, Any], dict[str, dict[str, Any]], dict[str, float]]:
    """Collect page facts, then axe results and a screenshot per viewport. Returns (facts, per-vp, timings).

    `enabled` limits the extra gatherers by name (None: all registered)."""
    _load_gatherers()
    out_dir.mkdir(parents=True, exist_ok=True)
    timings: dict[str, float] = {"axe_inject": 0.0, "axe_run": 0.0, "screenshot": 0.0, "resize": 0.0}
    facts = await page.evaluate(PAGE_FACTS)
    for name, fn in PAGE_GATHERERS.items():
        if enabled is None or name in enabled:
            facts[name] = await _run_gatherer(name, fn, timings, page, viewports[0], out_dir)
    per_vp: dict[str, dict[str, Any]] = {}
    t = time.perf_counter()
    await page.evaluate(axe_source())
    timings["axe_inject"] = time.perf_counter() - t
    for vp in viewports:
        art: dict[str, Any] = {"size": [vp.width, vp.height]}
        t = time.perf_counter()
        await page.set_viewport_size({"width": vp.width, "height": vp.height})
        await page.evaluate(SETTLE)
        timings["resize"] += time.perf_counter() - t
        t = time.perf_counter()
        try:
            art["axe"] = await asyncio.wait_for(page.evaluate(RUN_AXE), AXE_TIMEOUT_S)
        except Exception as exc:
            art["axe_error"] = f"{type(exc).__name__}: {exc}"[:500]
        timings["axe_run"] += time.perf_counter() - t
        for name, fn in VIEWPORT_GATHERERS.items():
            if enabled is None or name in enabled:
                art[name] = await _run_gatherer(name, fn, timings, page, vp, out_dir)
        if screenshots:
            t = time.perf_counter()
            shot = out_dir / f"{vp.name}.jpg"
            try:
                height = await page.evaluate("() => document.documentElement.scrollHeight")
                clip = None
                if isinstance(height, (int, float)) and height > MAX_SHOT_HEIGHT:
                    clip = {"x": 0, "y": 0, "width": vp.width, "height": MAX_SHOT_HEIGHT}
                await page.screenshot(path=str(shot), type="jpeg", quality=60, full_page=True, clip=clip,
                                      timeout=SCREENSHOT_TIMEOUT_MS, animations="disabled")
                art["screenshot"] = shot.name
            except Exception as exc:
                art["screenshot_error"] = f"{type(exc).__name__}: {exc}"[:500]
            timings["screenshot"] += time.perf_counter() - t
        per_vp[vp.name] = art
    return facts, per_vp, timings


def save_artifacts(out_dir: Path, page_facts: dict[str, Any], per_vp: dict[str, dict[str, Any]]) -> None:
    """Artifacts on disk: page.json plus <viewport>.json (axe results) next to <viewport>.jpg."""
    (out_dir / "page.json").write_text(json.dumps(page_facts, ensure_ascii=False), encoding="utf-8")
    for name, art in per_vp.items():
        (out_dir / f"{name}.json").write_text(json.dumps(art, ensure_ascii=False), encoding="utf-8")


def load_artifacts(out_dir: Path) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    page = json.loads((out_dir / "page.json").read_text(encoding="utf-8"))
    per_vp = {}
    for name in page.get("viewports", []):
        f = out_dir / f"{name}.json"
        if f.exists():
            per_vp[name] = json.loads(f.read_text(encoding="utf-8"))
    return page, per_vp
