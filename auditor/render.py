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


class PageTooLarge(RuntimeError):
    """The page is over a size limit: recorded as "could not be audited" with this message."""


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

# Links are read as strings: an <a> inside inline SVG has an SVGAnimatedString `href` (and MathML elements have none),
# so the attribute is resolved against the document base instead. Link and element counts are capped (MAX_LINKS,
# and the caller checks `elements` against MAX_DOM_ELEMENTS) so a hostile page cannot make the facts themselves huge.
PAGE_FACTS = """(maxLinks) => {
  const all = document.querySelectorAll('a[href], area[href], [*|href]:not(link):not(script):not(use):not(image)');
  const links = [];
  for (const a of all) {
    if (links.length >= maxLinks) break;
    const raw = a.getAttribute('href') ?? a.getAttributeNS('http://www.w3.org/1999/xlink', 'href');
    if (typeof raw !== 'string' || !raw) continue;
    try { links.push(new URL(raw, document.baseURI).href); } catch (e) {}
  }
  return {
    title: String(document.title).slice(0, 2000),
    lang: document.documentElement ? document.documentElement.getAttribute('lang') : null,
    links,
    links_total: all.length,
    elements: document.getElementsByTagName('*').length,
    hreflang: Array.from(document.querySelectorAll('link[rel~=alternate][hreflang]'),
                         l => ({hreflang: l.getAttribute('hreflang'), href: l.href})).slice(0, 200),
    url: location.href,
  };
}"""
# A page's links beyond this are not read (the crawl is capped by --max-pages anyway); the cut is recorded.
MAX_LINKS = 5000
# Pages bigger than this are recorded as "could not be audited" instead of being run through axe at three
# viewports: measured here, axe-core needs ~1 s per 3,000 elements per viewport and the artifacts grow with the DOM,
# so a 50,000-link page took minutes and gigabytes. Government pages measured in the corpus stay under 5,000.
MAX_DOM_ELEMENTS = 40_000

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
    facts = await page.evaluate(PAGE_FACTS, MAX_LINKS)
    if facts.get("elements", 0) > MAX_DOM_ELEMENTS:
        raise PageTooLarge(f"page too large to audit: {facts['elements']} elements (limit {MAX_DOM_ELEMENTS})")
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


# The render stage --------------------------------------------------------------------------------------------------
# Scrapy fetches each HTML page (with its size limit, timeouts, retries, robots.txt and politeness); the browser then
# gets that body for the main document through request routing, so a page is fetched once and the browser never
# decides on its own what reaches the audited server. Everything the browser does is bounded from outside the page:
# one asyncio deadline around the whole render, a fresh context per page (closing it kills popups, workers and a
# hung renderer), a V8 heap limit, and a killed-and-restarted browser when even closing the context hangs.

# V8 old-space limit per renderer (MB). A page that allocates in a loop dies with "Target crashed" at this size
# instead of taking the machine; 512 MB is well above what the heaviest measured government page used (~150 MB).
RENDERER_HEAP_MB = 512
# Resident memory per renderer process, checked from outside every 0.5 s: DOM nodes live outside the V8 heap limit,
# so a page building DOM in a loop is stopped here (its tab is killed, the page recorded as crashed). Measured here:
# a heavy real page's renderer stays under 400 MB; the browser's other processes take ~600 MB of the 1.5 GB the
# hostile-site test allows for the whole tree. Sampling makes this a bound on growth, not an exact cap.
RENDERER_RSS_LIMIT_MB = 800
# Closing a context or the browser: a responsive browser does it in well under a second (measured: 20-80 ms).
CLOSE_TIMEOUT_S = 5.0
# Scripts on the page are never allowed to block on a dialog (alert, confirm, prompt, print).
NO_DIALOGS = """(() => {
  const noop = () => undefined;
  try {
    window.alert = noop; window.confirm = () => false; window.prompt = () => null; window.print = noop;
    window.open = () => null;
  } catch (e) {}
})();"""


class RenderError(RuntimeError):
    """The page could not be rendered within its budget (hung, crashed, navigated away...)."""


def _our_processes(marker: str) -> dict[int, bytes]:
    """pid -> command line of our browser (the process started with `marker`) and all its descendants (zygotes,
    renderers, GPU and utility processes do not inherit the marker switch)."""
    cmdlines: dict[int, bytes] = {}
    parents: dict[int, int] = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/cmdline", "rb") as f:
                cmdlines[int(d)] = f.read()
            with open(f"/proc/{d}/stat") as f:
                parents[int(d)] = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
    ours = {pid for pid, cmd in cmdlines.items() if marker.encode() in cmd}
    grew = True
    while grew:
        grew = False
        for pid, ppid in parents.items():
            if ppid in ours and pid not in ours:
                ours.add(pid)
                grew = True
    return {pid: cmdlines.get(pid, b"") for pid in ours}


def _renderers_over(marker: str, limit_bytes: int) -> list[int]:
    """Our renderer processes whose resident memory is over the limit."""
    over = []
    page = os.sysconf("SC_PAGE_SIZE")
    for pid, cmd in _our_processes(marker).items():
        if b"--type=renderer" not in cmd:
            continue
        try:
            with open(f"/proc/{pid}/statm") as f:
                rss = int(f.read().split()[1]) * page
        except (OSError, ValueError, IndexError):
            continue
        if rss > limit_bytes:
            over.append(pid)
    return over


def _kill_tree_with_marker(marker: str) -> int:
    """SIGKILL our browser and every process it started (by pid; nothing else is touched)."""
    import signal as _signal

    killed = 0
    for pid in _our_processes(marker):
        try:
            os.kill(pid, _signal.SIGKILL)
            killed += 1
        except OSError:
            continue
    return killed


class Renderer:
    """One Chromium for the crawl; a fresh context per page; restarts the browser when it dies or hangs."""

    def __init__(self, browser_path: str, context_options: dict[str, Any], route_filter, header_hook=None,
                 concurrency: int = 2):
        import uuid

        self.browser_path = browser_path
        self.context_options = context_options
        self.route_filter = route_filter  # (url) -> reason to block, or "" (robots.txt, scope)
        self.header_hook = header_hook  # (url, headers) -> headers (login headers for the audited origin)
        self.marker = f"--auditor-render={uuid.uuid4().hex}"  # Chromium ignores unknown switches
        self._pw = None
        self._browser = None
        self._lock = asyncio.Lock()
        self._sem = asyncio.Semaphore(concurrency)
        self._contexts: set = set()
        self._context = None
        self._context_browser = None
        self.restarts = 0
        self.stopping = False
        self.killed_for_memory = 0
        self._watch: asyncio.Task | None = None
        self._active = 0

    async def _memory_watch(self) -> None:
        import signal as _signal

        limit = RENDERER_RSS_LIMIT_MB * 1024 * 1024
        while True:
            await asyncio.sleep(0.5)
            if not self._active:
                continue
            for pid in _renderers_over(self.marker, limit):
                try:
                    os.kill(pid, _signal.SIGKILL)  # Playwright sees "Page crashed"; the page is recorded so
                    self.killed_for_memory += 1
                except OSError:
                    pass

    async def _ensure_browser(self):
        async with self._lock:
            if self._browser is not None and self._browser.is_connected():
                return self._browser
            if self._pw is None:
                from playwright.async_api import async_playwright

                self._pw = await async_playwright().start()
            if self._browser is not None:
                self.restarts += 1
            args = [*CHROMIUM_ARGS, f"--js-flags=--max-old-space-size={RENDERER_HEAP_MB}", self.marker]
            self._browser = await self._pw.chromium.launch(executable_path=self.browser_path, headless=True,
                                                           args=args)
            return self._browser

    async def kill_browser(self) -> None:
        """Last resort for a browser that does not answer: kill its processes, the next page starts a new one."""
        b, self._browser = self._browser, None
        _kill_tree_with_marker(self.marker)
        if b is not None:
            try:
                await asyncio.wait_for(b.close(), CLOSE_TIMEOUT_S)
            except Exception:
                pass

    async def close(self) -> None:
        self.stopping = True
        if self._watch is not None:
            self._watch.cancel()
        for ctx in list(self._contexts):
            try:
                await asyncio.wait_for(ctx.close(), CLOSE_TIMEOUT_S)
            except Exception:
                pass
        if self._browser is not None:
            try:
                await asyncio.wait_for(self._browser.close(), CLOSE_TIMEOUT_S)
            except Exception:
                pass
        _kill_tree_with_marker(self.marker)
        self._browser = None
        if self._pw is not None:
            try:
                await asyncio.wait_for(self._pw.stop(), CLOSE_TIMEOUT_S)
            except Exception:
                pass
            self._pw = None

    def kill_now(self) -> None:
        """Synchronous, from a signal handler or a watchdog thread: no browser process outlives the run."""
        self.stopping = True
        _kill_tree_with_marker(self.marker)

    async def _ensure_context(self):
        """One context for the crawl (cookies and per-context gatherer state persist, as in a visit); replaced
        when a page in it could not be closed."""
        browser = await self._ensure_browser()
        async with self._lock:
            if self._context is None or self._context_browser is not browser:
                self._context = await asyncio.wait_for(browser.new_context(**self.context_options), 30)
                self._context_browser = browser
                self._contexts.add(self._context)
                self._context.on("page", lambda p: asyncio.ensure_future(_close_popup(p)))
            return self._context

    async def _drop_context(self, ctx) -> None:
        if self._context is ctx:
            self._context = None
        self._contexts.discard(ctx)
        try:
            await asyncio.wait_for(ctx.close(), CLOSE_TIMEOUT_S)
        except Exception:
            # A renderer that does not even let its context close: the browser goes, the crawl goes on.
            await self.kill_browser()

    async def render(self, url: str, status: int, headers: dict[str, str], body: bytes, budget_s: float,
                     work, netlog=None):
        """Load `body` as the document at `url`, then `await work(page)` — all within `budget_s` seconds.

        Raises RenderError with a reason when the page hangs, crashes, navigates away or runs out of time."""
        async with self._sem:
            if self.stopping:
                raise RenderError("the run is stopping")
            ctx = await self._ensure_context()
            state: dict[str, Any] = {"served": False, "blocked": [], "page": None}
            if self._watch is None or self._watch.done():
                self._watch = asyncio.ensure_future(self._memory_watch())
            self._active += 1
            try:
                return await asyncio.wait_for(
                    self._render(ctx, url, status, headers, body, work, state, netlog, budget_s / 2), budget_s)
            except asyncio.TimeoutError:
                raise RenderError(f"time budget of {budget_s:.0f} s exceeded (the page kept the browser busy)"
                                  ) from None
            except (RenderError, PageTooLarge):
                raise
            except Exception as exc:
                text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                if "crash" in text.lower():
                    raise RenderError(f"the page crashed the browser tab (memory limit {RENDERER_HEAP_MB} MB "
                                      f"JavaScript heap / {RENDERER_RSS_LIMIT_MB} MB per tab, or a renderer "
                                      f"failure): {text}"[:500]) from None
                raise RenderError(f"{type(exc).__name__}: {text}"[:500]) from None
            finally:
                self._active -= 1
                page = state.get("page")
                if page is not None:
                    try:
                        await asyncio.wait_for(page.close(run_before_unload=False), CLOSE_TIMEOUT_S)
                    except Exception:
                        await self._drop_context(ctx)

    async def _render(self, ctx, url, status, headers, body, work, state, netlog, load_timeout_s=30.0):
        page_box = state

        async def route(r, request):
            try:
                frame_main = request.frame == page_box["page"].main_frame if page_box.get("page") else True
            except Exception:
                frame_main = False
            nav = request.is_navigation_request()
            # The first main-frame navigation of this fresh page is our goto: it gets the fetched body (whatever
            # normalisation the browser applied to the URL).
            if nav and frame_main and not state["served"]:
                state["served"] = True
                await r.fulfill(status=status, headers=headers, body=body)
                return
            reason = ""
            if request.method not in ("GET", "HEAD"):
                reason = f"{request.method} blocked: the audit never submits anything"
            elif nav and frame_main:
                reason = "the page tried to navigate away by itself"
            else:
                reason = self.route_filter(request.url)
            if reason:
                if len(state["blocked"]) < 50:
                    state["blocked"].append(f"{request.method} {request.url[:200]}: {reason}")
                if nav and frame_main:
                    # A 204 answer ends a navigation and leaves the document as it was (HTML: "no content"),
                    # where an aborted one would replace it with an error page.
                    await r.fulfill(status=204, body=b"")
                else:
                    await r.abort()
                return
            if self.header_hook is not None:
                h = self.header_hook(request.url, await request.all_headers())
                if h is not None:
                    await r.continue_(headers=h)
                    return
            await r.continue_()

        page = await ctx.new_page()
        page_box["page"] = page
        await page.add_init_script(NO_DIALOGS)
        await page.route("**/*", route)
        page.on("dialog", lambda d: asyncio.ensure_future(_dismiss(d)))
        if netlog is not None:
            page.on("response", netlog.on_response)
            page.on("requestfailed", netlog.on_failed)
        crashed = asyncio.get_running_loop().create_future()
        page.on("crash", lambda _p: crashed.done() or crashed.set_exception(
            RenderError(f"the page crashed the browser tab (memory limit {RENDERER_HEAP_MB} MB or renderer "
                        f"failure)")))
        # Commit first, then the load event within part of the budget: a page that starts another navigation
        # while loading (a form submitted by script, answered 204 here) never fires the goto's own "load", and a
        # page whose load never ends is audited as it is.
        await page.goto(url, wait_until="commit")
        try:
            await page.wait_for_load_state("load", timeout=load_timeout_s * 1000)
        except Exception as exc:
            if "crash" in str(exc).lower():
                raise
        try:
            await page.wait_for_load_state("domcontentloaded", timeout=1000)
        except Exception as exc:
            if "crash" in str(exc).lower():
                raise
        crashed.add_done_callback(lambda f: f.cancelled() or f.exception())  # retrieved: no asyncio warning
        work_task = asyncio.ensure_future(work(page))
        try:
            done, _ = await asyncio.wait({work_task, crashed}, return_when=asyncio.FIRST_COMPLETED)
            if crashed in done:
                crashed.result()
            result = work_task.result()
        finally:
            # Over budget (this coroutine cancelled) or crashed: the gatherers stop here, not later in the background.
            if not work_task.done():
                work_task.cancel()
            crashed.cancel()
        if page.url.split("#")[0] != url.split("#")[0]:
            raise RenderError(f"the page navigated away by itself (to {page.url[:200]})")
        return result, state["blocked"]


async def _dismiss(dialog) -> None:
    try:
        await dialog.dismiss()
    except Exception:
        pass


async def _close_popup(p) -> None:
    """Popups (window.open, target=_blank clicks) are closed: the audit sees the page as it first loaded."""
    try:
        if await p.opener() is None:
            return
    except Exception:
        return
    try:
        await asyncio.wait_for(p.close(), CLOSE_TIMEOUT_S)
    except Exception:
        pass
