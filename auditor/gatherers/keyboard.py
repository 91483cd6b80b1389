"""The keyboard walk: Tab and Shift+Tab through the page in the real browser (WCAG 2.1.1, 2.1.2, 2.4.3, 2.4.7, 2.4.11).

Runs at desktop-class viewports (keyboard users are mostly on desktops; WCAG's reference window is 1280 px) and at
phone widths (a keyboard or switch paired with a phone meets fixed cookie banners and sticky footers there), after
axe and the other gatherers, and leaves the page as it found it: the helper style sheet and listeners are removed,
focus is blurred and the scroll position restored.

How it works. A capture-phase `focusin` listener in the page records every focus change: which element, whether
it is on screen and not covered by other content (2.4.11), and a signature of its computed styles and those of its
neighbours; the matching `focusout` takes the same signature after focus has left. When nothing differs, the
element becomes a candidate for "focus not visible" (2.4.7), confirmed with two screenshots of its area (focused,
blurred) that must differ in at least one pixel (ACT oj04fd). Real key presses go through CDP in batches; after
each batch the Python side reads the log and decides:

* wrapped: the first element came round again after focus had left the page (past its end): complete;
* cycle: another element came round again first, or focus did not move at all: a trap candidate. Shift+Tab and
  Escape are tried; if neither gets focus out of the cycle, it is a keyboard trap (2.1.2);
* bounded: at most MAX_STEPS presses and MAX_WALK_S seconds, so the walk ends on any page (thousands of links,
  scripts that move focus around, traps).

After a complete walk, tabbable elements that Tab never reached are reported (2.1.1), and elements that react to
the mouse but not the keyboard (onclick / widget roles without focusability; `cursor: pointer` for review), and
iframes with interactive content taken out of the tab order (ACT akn7bn).
"""
from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

from auditor.gatherers._js import fn
from auditor.gatherers.device import DESKTOP_MIN, NARROW_MAX
from auditor.render import viewport_gatherer

# The walk's bounds. 300 Tab presses cover the tab order of nearly every real page (a public-sector page has
# 30–150 tab stops); the wall-clock cap protects the crawl from a slow page.
MAX_STEPS = 300
MAX_REVERSE = 120
# Presses sent in one pipelined batch (where focus stays in the main document): a typical page's tab order in
# one or two batches.
BATCH = 30
MAX_WALK_S = 20.0
# How long the walk waits, keys untouched, to see whether focus moves by itself (a timer moving focus every few
# hundred ms at most is caught; asked only when the walk looks odd, so normal pages do not pay it).
IDLE_S = 0.3
# Screenshot confirmations of "no visible focus" per page: each costs two small screenshots (~20 ms here).
MAX_CONFIRM = 8
# Area around the element compared in the confirmation: focus indicators drawn next to the element (an outline
# with an offset, an underline bar, a marker before it) fall inside it.
CONFIRM_MARGIN = 32
# Evidence screenshots of invisible focus kept per page (the first few tell the story).
MAX_EVIDENCE = 3
MAX_REPORT = 20

FOCUSABLE = ("a[href], area[href], button, input:not([type=hidden]), select, textarea, summary, iframe, "
             "[tabindex], [contenteditable]:not([contenteditable=false]), audio[controls], video[controls]")

SETUP_JS = fn(r"""
  const KEY = Symbol.for('auditor.kb');
  const FOCUSABLE = arg.focusable;
  const st = {log: [], ids: new WeakMap(), els: [null], info: {}, started: false};
  window[KEY] = st;
  const idOf = (el) => { let i = st.ids.get(el); if (!i) { i = st.els.length; st.els.push(el); st.ids.set(el, i); } return i; };
  st.idOf = idOf;
  const PROPS = ['box-shadow', 'background-color', 'background-image', 'color', 'text-decoration-line',
    'text-decoration-color', 'text-decoration-thickness', 'transform', 'opacity', 'filter', 'font-weight',
    'text-shadow', 'visibility', 'padding-top', 'padding-left'];
  const PSEUDO = ['content', 'background-color', 'box-shadow', 'opacity', 'transform', 'display', 'width', 'height'];
  const NEIGH = ['background-color', 'color', 'box-shadow', 'display', 'visibility', 'opacity',
    'text-decoration-line', 'transform'];
  // Outline and border values count only where they are drawn (an outline-offset change under outline: none
  // shows nothing).
  const drawn = (cs) => {
    const o = cs.outlineStyle === 'none' || parseFloat(cs.outlineWidth) === 0 ? 'none'
      : [cs.outlineStyle, cs.outlineWidth, cs.outlineColor, cs.outlineOffset].join(' ');
    const b = ['top', 'right', 'bottom', 'left'].map(side => {
      const st = cs.getPropertyValue(`border-${side}-style`), w = cs.getPropertyValue(`border-${side}-width`);
      return st === 'none' || st === 'hidden' || parseFloat(w) === 0 ? '-' : [st, w, cs.getPropertyValue(`border-${side}-color`)].join(' ');
    }).join(',');
    return o + '/' + b;
  };
  const read = (el, props, pseudo) => { const cs = getComputedStyle(el, pseudo); return drawn(cs) + '|' + props.map(p => cs.getPropertyValue(p)).join('|'); };
  // The element's look and that of what sits around it: a focus indicator may be drawn on the element, its
  // ::before/::after, its parent (focus-within), or a neighbour that a script marks.
  st.sig = (el) => {
    const r = el.getBoundingClientRect();
    const parts = [read(el, PROPS), read(el, PSEUDO, '::before'), read(el, PSEUDO, '::after'),
                   Math.round(r.width) + 'x' + Math.round(r.height)];
    for (const n of [el.parentElement, el.parentElement && el.parentElement.parentElement,
                     el.previousElementSibling, el.nextElementSibling, el.firstElementChild]) {
      parts.push(n ? read(n, NEIGH) : '-');
    }
    return parts.join('#');
  };
  const textEntry = (el) => el.localName === 'textarea' || el.isContentEditable ||
    (el.localName === 'input' && !['checkbox', 'radio', 'button', 'submit', 'reset', 'image', 'range', 'color', 'file'].includes(el.type));
  // 2.4.11: is the focused element entirely hidden by other content? Nine points over its visible area.
  const cover = (el, r) => {
    const vw = document.documentElement.clientWidth, vh = document.documentElement.clientHeight;
    const x0 = Math.max(r.left, 0), x1 = Math.min(r.right, vw), y0 = Math.max(r.top, 0), y1 = Math.min(r.bottom, vh);
    if (x1 - x0 < 1 || y1 - y0 < 1) return {offscreen: true};
    let covered = 0, by = null;
    for (const fx of [0.15, 0.5, 0.85]) for (const fy of [0.2, 0.5, 0.8]) {
      const x = x0 + (x1 - x0) * fx, y = y0 + (y1 - y0) * fy;
      const hit = document.elementFromPoint(x, y);
      if (!hit || hit === el || el.contains(hit) || hit.contains(el)) continue;
      if (hit.getRootNode() !== document && hit.getRootNode().host === el) continue;
      covered++;
      if (!by) {
        let f = hit;
        while (f && f !== document.body && !['fixed', 'sticky'].includes(getComputedStyle(f).position)) f = f.parentElement;
        by = f && f !== document.body ? f : hit;
      }
    }
    return covered === 9 ? {hidden: true, by: H.sel(by), by_snippet: H.snip(by),
                            fixed: ['fixed', 'sticky'].includes(getComputedStyle(by).position)} : {};
  };
  st.onIn = (e) => {
    const el = (e.composedPath && e.composedPath()[0]) || e.target;
    if (!(el instanceof Element) || el.hasAttribute('data-auditor-start')) return;
    const id = idOf(el);
    st.log.push(id);
    const r = el.getBoundingClientRect();
    let rec = st.info[id];
    if (!rec) {
      rec = st.info[id] = {sel: H.sel(el), snippet: H.snip(el), tag: el.localName, text_entry: textEntry(el),
                           tabindex: el.getAttribute('tabindex'), sig: st.sig(el), changed: null,
                           box: H.box(r)};
    }
    const c = cover(el, r);
    if (c.offscreen) rec.offscreen = true;
    else if (c.hidden && !rec.hidden) { rec.hidden = c; rec.hidden_box = H.box(r); }
    else if (!c.hidden) rec.shown = true;
  };
  st.onOut = (e) => {
    const el = (e.composedPath && e.composedPath()[0]) || e.target;
    if (!(el instanceof Element)) return;
    const id = st.ids.get(el);
    const rec = id && st.info[id];
    if (rec && rec.changed === null) rec.changed = st.sig(el) !== rec.sig;
    if (!e.relatedTarget) st.log.push(0);  // focus left the document (or went into a frame)
  };
  window.addEventListener('focusin', st.onIn, true);
  window.addEventListener('focusout', st.onOut, true);
  // Transitions would make the first look at a focused element show the unfocused style.
  st.sheet = new CSSStyleSheet();
  st.sheet.replaceSync('*, *::before, *::after { transition: none !important; animation-duration: 0s !important; animation-delay: 0s !important; }');
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, st.sheet];
  st.scroll = [scrollX, scrollY];
  // Start from the top of the document: focus a temporary element at the start of <body>, then remove it; the
  // browser's sequential focus navigation starting point stays there.
  if (document.activeElement && document.activeElement !== document.body) document.activeElement.blur();
  const start = document.createElement('span');
  start.tabIndex = -1;
  start.setAttribute('data-auditor-start', '');
  (document.body || document.documentElement).prepend(start);
  start.focus({preventScroll: true});
  start.remove();
  // Tab stops as the browser orders them: positive tabindex first, then document order.
  const tabbables = () => {
    const list = [];
    const modal = document.querySelector('dialog:modal');
    for (const el of document.querySelectorAll(FOCUSABLE)) {
      if (list.length >= arg.max) break;
      if (el.tabIndex < 0 || el.matches(':disabled') || el.closest('[inert]') || !H.vis(el)) continue;
      if (modal && !modal.contains(el)) continue;  // a modal dialog makes the rest of the page inert
      if (el.localName === 'area') continue;
      list.push(el);
    }
    // A radio group is one tab stop (arrow keys move inside it): its checked radio, else its first.
    const group = (el) => el.localName === 'input' && el.type === 'radio' && el.name
      ? (el.form ? 'f' + idOf(el.form) : 'd') + ':' + el.name : null;
    const rep = new Map();
    for (const el of list) { const g = group(el); if (g && (!rep.has(g) || (el.checked && !rep.get(g).checked))) rep.set(g, el); }
    for (let k = list.length - 1; k >= 0; k--) { const g = group(list[k]); if (g && rep.get(g) !== list[k]) list.splice(k, 1); }
    const pos = list.filter(e => e.tabIndex > 0).sort((a, b) => a.tabIndex - b.tabIndex);
    return pos.concat(list.filter(e => e.tabIndex === 0));
  };
  st.tabbables = tabbables;
  // Fixed or sticky boxes (headers, banners) can hide focus; only then is the walk back up worth its time.
  let pinned = 0, n = 0;
  for (const el of document.querySelectorAll('body *')) {
    if (++n > arg.max) break;
    const pos = getComputedStyle(el).position;
    if ((pos === 'fixed' || pos === 'sticky') && el.getBoundingClientRect().height >= 20 && H.vis(el)) { pinned++; break; }
  }
  st.order0 = tabbables().map(idOf);
  return {tabbables: st.order0.length, positive: st.order0.filter(i => st.els[i].tabIndex > 0).length, pinned: pinned > 0,
          order0: st.order0, frames0: st.order0.filter(i => st.els[i].localName === 'iframe')};
""")

STATUS_JS = r"""(from) => {
  const st = window[Symbol.for('auditor.kb')];
  const a = document.activeElement;
  let active = 0;
  if (a && a !== document.body && a !== document.documentElement) active = st.idOf(a);
  return {log: st.log.slice(from), active, total: st.log.length, frame: !!(a && a.localName === 'iframe')};
}"""

FINISH_JS = fn(r"""
  const st = window[Symbol.for('auditor.kb')];
  if (!st) return null;
  const FOCUSABLE = arg.focusable;
  window.removeEventListener('focusin', st.onIn, true);
  window.removeEventListener('focusout', st.onOut, true);
  if (document.activeElement && document.activeElement !== document.body) document.activeElement.blur();
  // Elements Tab never reached although they are tabbable and shown now.
  const visited = new Set(arg.visited);
  const unreached = [];
  if (arg.complete) {
    for (const el of st.tabbables()) {
      const id = st.idOf(el);
      if (visited.has(id) || el.localName === 'iframe') continue;
      if (unreached.length < arg.report) unreached.push({sel: H.sel(el), snippet: H.snip(el), box: H.box(el.getBoundingClientRect())});
    }
  }
  // Mouse-only: things made to be clicked that the keyboard cannot reach.
  const focusable = (el) => el.matches(FOCUSABLE) && el.tabIndex >= 0 && !el.matches(':disabled');
  const reachable = (el) => focusable(el) || el.closest('[aria-activedescendant]') ||
    Array.from(el.querySelectorAll(FOCUSABLE)).some(focusable) || (el.parentElement && el.parentElement.closest(FOCUSABLE) && focusable(el.parentElement.closest(FOCUSABLE)));
  const IGNORE = /^(label|option|optgroup|summary|html|body|select|input|textarea|button|a|area|video|audio|iframe)$/;
  const mouse = [];
  const seen = new Set();
  const consider = (el, kind) => {
    if (seen.has(el) || mouse.length >= arg.report) return;
    seen.add(el);
    if (IGNORE.test(el.localName) || el.closest('[inert]') || !H.vis(el) || reachable(el)) return;
    mouse.push({sel: H.sel(el), snippet: H.snip(el), kind, box: H.box(el.getBoundingClientRect())});
  };
  for (const el of document.querySelectorAll('[onclick], [onmousedown], [onmouseup], [role=button], [role=link], [role=checkbox], [role=radio], [role=switch], [role=tab], [role=menuitem], [role=treeitem], [role=slider]')) {
    consider(el, el.hasAttribute('role') && !/^on/.test([...el.attributes].map(a => a.name).join(' ')) ? 'role' : 'handler');
  }
  let n = 0;
  for (const el of document.querySelectorAll('body *')) {
    if (++n > arg.max || mouse.length >= arg.report) break;
    if (getComputedStyle(el).cursor !== 'pointer') continue;
    const p = el.parentElement;
    if (p && getComputedStyle(p).cursor === 'pointer') continue;  // inherited: the parent is the clickable one
    consider(el, 'pointer');
  }
  // Iframes taken out of the tab order (ACT akn7bn candidates; their content is checked by the caller).
  const modal = document.querySelector('dialog:modal');
  const frames = [];
  document.querySelectorAll('iframe[tabindex]').forEach((f, i) => {
    if (f.tabIndex >= 0 || f.closest('[inert]') || (modal && !modal.contains(f)) || !H.vis(f)) return;
    if (frames.length < 10) frames.push({sel: H.sel(f), snippet: H.snip(f), index: i, box: H.box(f.getBoundingClientRect())});
  });
  document.adoptedStyleSheets = document.adoptedStyleSheets.filter(s => s !== st.sheet);
  scrollTo(st.scroll[0], st.scroll[1]);
  // What the walk saw of each element; the state stays only if some element needs a pixel check.
  const records = {};
  let need = false;
  for (const id of arg.want) {
    const r = st.info[id];
    if (!r) continue;
    const {sig, ...rest} = r;
    records[id] = rest;
    if ((r.changed === false && !r.text_entry) || (r.offscreen && !r.shown) || r.hidden) need = true;
  }
  if (!need) delete window[Symbol.for('auditor.kb')];
  return {unreached, mouse, frames, records, kept: need};
""")

CLEANUP_JS = """() => { const st = window[Symbol.for('auditor.kb')]; if (st) scrollTo(st.scroll[0], st.scroll[1]);
  delete window[Symbol.for('auditor.kb')]; const a = document.activeElement; if (a && a.blur) a.blur(); return true; }"""
FOCUS_JS = """(id) => { const st = window[Symbol.for('auditor.kb')]; const el = st && st.els[id];
  if (!el || !el.isConnected) return null; el.focus(); const r = el.getBoundingClientRect();
  return [r.left, r.top, r.width, r.height, document.documentElement.clientWidth, document.documentElement.clientHeight,
          document.activeElement === el]; }"""
ESCAPE_JS = """() => { const t = document.activeElement || document.body;
  for (const type of ['keydown', 'keyup'])
    t.dispatchEvent(new KeyboardEvent(type, {key: 'Escape', code: 'Escape', keyCode: 27, which: 27, bubbles: true,
                                             cancelable: true, composed: true}));
  return true; }"""
BLUR_JS = "() => { const a = document.activeElement; if (a && a.blur) a.blur(); return true; }"

# In a frame: visible tab stops inside the frame's own viewport (at least 2 × 2 px of them shown).
FRAME_TABBABLES_JS = """(sel) => {
  let n = 0;
  for (const el of document.querySelectorAll(sel)) {
    if (el.tabIndex < 0 || el.matches(':disabled')) continue;
    if (el.checkVisibility && !el.checkVisibility({visibilityProperty: true})) continue;
    const r = el.getBoundingClientRect();
    const w = Math.min(r.right, innerWidth) - Math.max(r.left, 0), h = Math.min(r.bottom, innerHeight) - Math.max(r.top, 0);
    if (w >= 2 && h >= 2) n++;
  }
  return n;
}"""


def _analyse(seq: list[int]) -> dict[str, Any]:
    """Read the focus sequence (0 = focus left the document). Returns what the walk has shown so far.

    wrapped: the first element came round again right after focus had left the document (the browser went past
    the page's end, as Tab does in a real window); cycle: an element came round again without that, so something
    on the page keeps focus in a loop (or a script sent it back to the first element)."""
    first = next((i for i in seq if i), None)
    if first is None:
        return {"state": "empty"}
    els: list[int] = []
    seen: dict[int, int] = {}
    prev = 0
    for i in seq:
        if i:
            if i in seen:
                if i == first and prev == 0:
                    return {"state": "wrapped", "order": els}
                return {"state": "cycle", "order": els, "cycle": els[seen[i]:]}
            seen[i] = len(els)
            els.append(i)
        prev = i
    return {"state": "open", "order": els}


_KEYS = {"Tab": ("Tab", 9)}


class _Keys:
    """Real key presses through CDP (Input.dispatchKeyEvent), sent pipelined: the browser handles them in order,
    and a batch costs about one round trip instead of one per key (measured here: 1.5–4 ms against 3.5–30 ms
    per Tab with page.keyboard.press under load)."""

    def __init__(self, cdp):
        self.cdp = cdp

    async def press(self, key: str, n: int = 1, shift: bool = False) -> None:
        name, code = _KEYS[key]
        base = {"key": name, "code": name, "windowsVirtualKeyCode": code, "nativeVirtualKeyCode": code,
                "modifiers": 8 if shift else 0}
        msgs = [{**base, "type": t} for _ in range(n) for t in ("rawKeyDown", "keyUp")]
        await asyncio.gather(*(self.cdp.send("Input.dispatchKeyEvent", m) for m in msgs))


async def _status(page, frm: int) -> dict[str, Any]:
    return await page.evaluate(STATUS_JS, frm)


async def _confirm_invisible(page, ids: list[int], out_dir: Path, prefix: str) -> dict[int, tuple[bool, str | None]]:
    """Focused vs blurred screenshots of the element's area: True when not one pixel differs. The focused
    screenshot of the first few such elements is kept as evidence."""
    out: dict[int, tuple[bool, str | None]] = {}
    kept = 0
    for i in ids[:MAX_CONFIRM]:
        geo = await page.evaluate(FOCUS_JS, i)
        if not geo or not geo[6]:
            continue
        x, y, w, h, vw, vh, _ = geo
        x0, y0 = max(0, x - CONFIRM_MARGIN), max(0, y - CONFIRM_MARGIN)
        x1, y1 = min(vw, x + w + CONFIRM_MARGIN), min(vh, y + h + CONFIRM_MARGIN)
        if x1 - x0 < 1 or y1 - y0 < 1:
            out[i] = (True, None)  # the focused element is not on screen at all
            continue
        clip = {"x": x0, "y": y0, "width": x1 - x0, "height": y1 - y0}
        focused = await page.screenshot(clip=clip, type="png", animations="disabled", caret="hide", timeout=10_000)
        await page.evaluate(BLUR_JS)
        blurred = await page.screenshot(clip=clip, type="png", animations="disabled", caret="hide", timeout=10_000)
        name = None
        if focused == blurred and kept < MAX_EVIDENCE:
            name = f"{prefix}-focus-{i}.png"
            (out_dir / name).write_bytes(focused)
            kept += 1
        out[i] = (focused == blurred, name)
    await page.evaluate(BLUR_JS)
    return out


async def _hidden_evidence(page, i: int, path: Path) -> str | None:
    """The viewport with the element focused and covered: what a keyboard user sees."""
    geo = await page.evaluate(FOCUS_JS, i)
    if not geo or not geo[6]:
        return None
    x, y, w, h, vw, vh, _ = geo
    y0 = max(0, min(y - 120, vh - 300))
    clip = {"x": 0, "y": y0, "width": vw, "height": min(vh - y0, max(300, h + 240))}
    try:
        await page.screenshot(path=str(path), clip=clip, type="jpeg", quality=70, animations="disabled",
                              timeout=10_000)
    finally:
        await page.evaluate(BLUR_JS)
    return path.name


async def _frames(page, frames: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for f in frames:
        try:
            handle = await page.query_selector(f["sel"])
            frame = await handle.content_frame() if handle else None
            if frame is None:
                continue
            n = await frame.evaluate(FRAME_TABBABLES_JS, FOCUSABLE)
        except Exception:
            continue
        if n:
            out.append({**f, "tabbables": n})
    return out


class _Walk:
    """Drives the key presses. Presses are pipelined only between two points where focus stays in the main
    document (measured: focus crossing into a frame or out of the page while later presses are already queued
    gets them delivered out of order); across a frame or the page's end, one press at a time."""

    def __init__(self, page, keys: _Keys, order0: list[int], frames0: set[int], t0: float):
        self.page, self.keys, self.t0 = page, keys, t0
        self.pos = {i: k for k, i in enumerate(order0)}
        self.frame_pos = sorted(self.pos[i] for i in frames0 if i in self.pos)
        self.n0 = len(order0)
        self.seq: list[int] = []
        self.active = 0
        self.steps = 0
        self.moves = 0
        self.idle_moving = False
        self.unsafe = False

    def timed_out(self) -> bool:
        return time.perf_counter() - self.t0 > MAX_WALK_S

    def safe(self, direction: int) -> int:
        if self.unsafe:
            return 1
        if self.active in self.pos:
            k = self.pos[self.active]
        elif not self.seq and direction > 0:
            k = -1  # the walk starts at the top of the document: the first press lands on the first tab stop
        else:
            return 1
        if direction > 0:
            nxt = min((f for f in self.frame_pos if f > k), default=self.n0)
            return max(1, min(BATCH, nxt - k - 1))
        prv = max((f for f in self.frame_pos if f < k), default=-1)
        return max(1, min(BATCH, k - prv - 1))

    async def press(self, key: str, n: int, shift: bool = False) -> list[int]:
        """n presses, then the focus changes they caused (0: focus left the document)."""
        frm = len(self.seq)
        await self.keys.press(key, n, shift=shift)
        self.steps += n
        st = await _status(self.page, frm)
        if n > 1 and (0 in st["log"] or st["frame"]):
            self.unsafe = True  # a boundary where none was expected: no more pipelining on this page
        self.seq.extend(st["log"])
        self.moves += sum(1 for i in st["log"] if i)
        self.active = st["active"]
        return st["log"]

    def self_moving(self) -> bool:
        """Focus moves with no key pressed, or far more often than keys are pressed: a script moves it."""
        return self.idle_moving or self.moves > 1.5 * self.steps + 5

    async def check_idle(self) -> bool:
        """Wait without pressing anything: does focus move anyway? (Asked only when the walk looks odd.)"""
        frm = len(self.seq)
        await asyncio.sleep(IDLE_S)
        st = await _status(self.page, frm)
        self.seq.extend(st["log"])
        self.active = st["active"]
        if any(st["log"]):
            self.idle_moving = True
        return self.idle_moving

    async def escape(self) -> list[int]:
        """Escape for the page's own handlers (a custom dialog closing on Escape), as a script event: a real
        Escape the page leaves unhandled reaches the browser, which stops loading in the active tab, and that can
        be another page of the crawl (measured: navigations of other pages aborted, net::ERR_ABORTED)."""
        frm = len(self.seq)
        await self.page.evaluate(ESCAPE_JS)
        self.steps += 1
        st = await _status(self.page, frm)
        self.seq.extend(st["log"])
        self.active = st["active"]
        return st["log"]

    async def step(self, direction: int = 1) -> list[int]:
        return await self.press("Tab", self.safe(direction), shift=direction < 0)


@viewport_gatherer("keyboard")
async def keyboard(page, viewport, out_dir: Path) -> dict[str, Any]:
    # Phone widths get the walk too, for focus hidden under a fixed banner or sticky footer (2.4.11), which is
    # most common there; only DI-10 reads a phone walk (rules/device/keyboard.py), so the pixel confirmation of
    # invisible focus (DI-9) is not paid for it. Widths between phone and desktop are skipped (cost).
    phone = viewport.width <= NARROW_MAX
    if viewport.width < DESKTOP_MIN and not phone:
        return {"skipped": f"runs at viewports of {DESKTOP_MIN} px or wider, and at {NARROW_MAX} px or narrower"}
    t0 = time.perf_counter()
    url0 = page.url
    navigated = {"flag": False}

    def on_nav(frame):
        if frame == page.main_frame:
            navigated["flag"] = True
    page.on("framenavigated", on_nav)
    out: dict[str, Any] = {"phone": phone}
    cdp = await page.context.new_cdp_session(page)
    try:
        phase = {"t": time.perf_counter()}
        phases: dict[str, int] = {}

        def lap(name: str) -> None:
            now = time.perf_counter()
            phases[name] = round(1000 * (now - phase["t"]))
            phase["t"] = now
        out["phase_ms"] = phases
        setup = await page.evaluate(SETUP_JS, {"focusable": FOCUSABLE, "max": 3000})
        lap("setup")
        order0 = setup.pop("order0", [])
        frames0 = set(setup.pop("frames0", []))
        out.update(setup)
        w = _Walk(page, _Keys(cdp), order0, frames0, t0)
        base = 0  # the analysis starts here (moved on when a suspected cycle turns out not to be one)
        state: dict[str, Any] = {"state": "empty"}
        stalled = 0
        trap: dict[str, Any] | None = None
        while w.steps < MAX_STEPS and not w.timed_out() and not navigated["flag"]:
            before = w.active
            log = await w.step(+1)
            state = _analyse(w.seq[base:])
            if state["state"] == "empty" and w.steps >= (3 if not order0 else 3 * BATCH):
                break  # nothing on the page takes focus
            # Focus that does not move at all under Tab is held by the page (a one-element trap).
            stalled = stalled + 1 if (not log and w.active and w.active == before) else 0
            if stalled >= 3:
                state = {"state": "cycle", "order": [i for i in w.seq[base:] if i], "cycle": [w.active]}
            if state["state"] == "wrapped":
                break
            if state["state"] != "cycle":
                continue
            cyc = set(state["cycle"])
            await w.check_idle()
            if w.self_moving() or len(cyc) >= max(3, len(order0) - 1):
                # Focus going round (nearly) every stop of the page, or moved by a script on its own: not a
                # component that holds focus. Nothing is claimed about reachability either.
                state = {"state": "unstable" if w.self_moving() else "whole-page", "order": state["order"]}
                break
            # Check the cycle with single presses: does Tab keep focus inside it?
            got = []
            for _ in range(len(cyc) + 2):
                got += await w.press("Tab", 1)
            got += [w.active]
            if 0 in got or any(i and i not in cyc for i in got):
                base = len(w.seq) - 1 if w.seq else 0
                stalled = 0
                state = {"state": "open"}
                continue  # focus got out after all (a script moved it once): walk on from here
            # Can Shift+Tab, or Escape and then Tab, take focus out of the cycle?
            back = []
            for _ in range(min(len(cyc) + 2, 40)):
                back += await w.press("Tab", 1, shift=True)
            back += [w.active]
            escaped_back = 0 in back or any(i and i not in cyc for i in back)
            escaped_esc = False
            if not escaped_back:
                after = await w.escape()
                for _ in range(2):
                    after += await w.press("Tab", 1)
                after += [w.active]
                escaped_esc = 0 in after or any(i and i not in cyc for i in after)
            if escaped_back or escaped_esc:
                out["forward_blocked"] = {"cycle": sorted(cyc), "escape": "shift+tab" if escaped_back else "escape"}
            else:
                trap = {"cycle": sorted(cyc), "entered_after": len(state["order"])}
            break
        order = state.get("order") or [i for i in w.seq[base:] if i]
        if w.moves > w.steps and not w.idle_moving and not navigated["flag"]:
            await w.check_idle()  # more focus changes than presses: is something moving focus by itself?
        complete = state["state"] == "wrapped" and not navigated["flag"] and not w.self_moving()
        if w.self_moving():
            out["self_moving"] = True
        out.update(steps=w.steps, state="navigated" if navigated["flag"] else state["state"], complete=complete,
                   trap=trap, pipelined=not w.unsafe, timed_out=w.timed_out())
        lap("forward")
        reverse: list[int] = []
        if complete and order and setup.get("pinned") and not w.timed_out():
            # Back the other way from the last stop, on pages with fixed or sticky boxes: a sticky header hides
            # focus when the page scrolls up (Chromium scrolls a focused element only as far as needed, and a
            # header over the top edge covers it). The walk back also checks that Shift+Tab retraces Tab (2.4.3).
            frm = len(w.seq)
            ok = await page.evaluate(FOCUS_JS, order[-1])
            if ok and ok[6]:
                w.active = order[-1]
                n = min(len(order) - 1, MAX_REVERSE)
                while w.steps < MAX_STEPS + MAX_REVERSE and n > 0 and not w.timed_out() and not navigated["flag"]:
                    k = min(w.safe(-1), n)
                    await w.press("Tab", k, shift=True)
                    n -= k
                st = await _status(page, frm)
                reverse = [i for i in st["log"] if i]
        out["order"] = order
        out["reverse"] = reverse
        if navigated["flag"]:
            return out
        # Order problems, for review: Tab moving focus backwards in the document (a script moving focus), and
        # Shift+Tab not retracing the Tab order.
        pos = {i: k for k, i in enumerate(order0)}
        jumps = [[a, b] for a, b in zip(order, order[1:]) if a in pos and b in pos and pos[b] < pos[a]]
        fwd = {i: k for k, i in enumerate(order)}
        n = len(order)
        mism = [[a, b] for a, b in zip(reverse, reverse[1:])
                if a in fwd and b in fwd and n > 1 and fwd[b] != (fwd[a] - 1) % n]
        out["jumps"] = jumps[:MAX_REPORT]
        out["reverse_mismatch"] = mism[:MAX_REPORT]
        wanted = set(order) | set(reverse) | set(state.get("cycle", [])) | {i for p in jumps + mism for i in p}
        if trap:
            wanted |= set(trap["cycle"])
        lap("reverse")
        fin = await page.evaluate(FINISH_JS, {"focusable": FOCUSABLE, "visited": sorted(set(order) | set(reverse)),
                                              "complete": complete, "report": MAX_REPORT, "max": 3000,
                                              "want": sorted(wanted)}) or {}
        lap("finish")
        recs = {int(k): v for k, v in (fin.get("records") or {}).items()}
        if fin.get("kept"):
            # The style signature showed no change for these: confirm with pixels (text fields are left to
            # review: their caret may be the indicator, and screenshots hide the caret).
            cands = [i for i in order if recs.get(i, {}).get("changed") is False and not recs[i].get("text_entry")]
            cands += [i for i in order if recs.get(i, {}).get("offscreen") and not recs[i].get("shown")
                      and i not in cands]
            if phone:
                cands = []
            try:
                for i, (same, crop) in (await _confirm_invisible(page, cands, out_dir, viewport.name)).items():
                    recs[i]["no_visible_change"] = same
                    if crop:
                        recs[i]["crop"] = crop
                hidden = [i for i in order if recs.get(i, {}).get("hidden")]
                if hidden:
                    try:
                        crop = await _hidden_evidence(page, hidden[0], out_dir / f"{viewport.name}-focus-hidden.jpg")
                        if crop:
                            recs[hidden[0]]["crop"] = crop
                    except Exception:
                        pass  # evidence is a bonus
            finally:
                await page.evaluate(CLEANUP_JS)
            lap("confirm")
        out["records"] = recs
        out["unreached"] = fin.get("unreached", [])
        out["mouse_only"] = fin.get("mouse", [])
        out["iframes"] = await _frames(page, fin.get("frames", []))
        lap("frames")
    finally:
        page.remove_listener("framenavigated", on_nav)
        try:
            await cdp.detach()
        except Exception:
            pass
        out["ms"] = round(1000 * (time.perf_counter() - t0))
        if navigated["flag"] or page.url != url0:
            out["navigated_to"] = page.url[:300]
    return out
