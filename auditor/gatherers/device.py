"""Device-independence gatherers: what a page does at 320 px, with 200 % text, with wider text spacing.

Measured in the real browser within the crawl's single navigation (see auditor/render.py):

* `device` (page gatherer, once): meta viewport declarations and the page's weight from the Resource Timing API.
* `layout` (every viewport, read-only): horizontal overflow and the elements that stick out (WCAG 1.4.10), pointer
  targets and their spacing at phone widths (2.5.8), rotation of the page's main boxes (1.3.4), inline `!important`
  text spacing (1.4.12), and an inventory of navigation, form fields and text blocks (content lost on small screens).
* `textfit` (desktop-class viewports): the page with the WCAG text-spacing style, with text at 200 % and at 200 %
  page zoom (half the CSS width); text that gets clipped or starts to overlap other text. It changes the page and
  undoes every change before it returns (style sheet removed, inline font sizes restored, viewport restored).

All JavaScript is bounded by element caps, so a huge page costs a bounded amount of time.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from auditor.gatherers._js import fn
from auditor.render import SETTLE, page_gatherer, viewport_gatherer

# Viewport classes. Phone CSS widths are 320–430 px; WCAG 1.4.10 uses 320. Target size (2.5.8) is measured at
# phone widths, where fingers are the pointer. Text resize (1.4.4) and the keyboard walk use a desktop-class
# viewport: WCAG's reference for 200 % zoom and 400 % reflow is a 1280 px wide window.
NARROW_MAX = 480
DESKTOP_MIN = 1024

# Caps that keep in-page work bounded on any page (measured: a 5,000-element scan takes ~30 ms here).
MAX_SCAN = 5000
MAX_REPORT = 20

DEVICE_PAGE_JS = fn(r"""
  const metas = Array.from(document.querySelectorAll('meta[name]'))
    .filter(m => m.getAttribute('name').trim().toLowerCase() === 'viewport')
    .map(m => ({content: m.getAttribute('content'), sel: H.sel(m), snippet: H.snip(m)}));
  // Page weight. encodedBodySize is the size on the wire without headers, also for resources served from the
  // cache (a crawl warms the cache, but a first-time visitor on a phone downloads everything). Cross-origin
  // resources without Timing-Allow-Origin report 0: counted as requests of unknown size.
  const nav = performance.getEntriesByType('navigation')[0];
  const res = performance.getEntriesByType('resource');
  const list = [];
  let known = 0, unknown = 0;
  const docBytes = nav ? (nav.encodedBodySize || nav.transferSize || 0) : 0;
  for (const r of res) {
    const b = r.encodedBodySize || r.transferSize || 0;
    if (b > 0) known += b; else unknown++;
    list.push([r.name.slice(0, 300), r.initiatorType, b]);
  }
  list.sort((a, b) => b[2] - a[2]);
  return {
    viewport_meta: metas.slice(0, 5),
    weight: {document_bytes: docBytes, resource_bytes: known, total_bytes: docBytes + known,
             requests: res.length + 1, unknown_size: unknown, buffer_full: res.length >= 250,
             heaviest: list.slice(0, 10).map(([url, type, bytes]) => ({url, type, bytes}))},
  };
""")


@page_gatherer("device")
async def device_page(page, viewport, out_dir: Path) -> dict[str, Any]:
    return await page.evaluate(DEVICE_PAGE_JS)


LAYOUT_JS = fn(r"""
  const MAX = arg.max, REPORT = arg.report;
  const de = document.documentElement, body = document.body || de;
  const vw = de.clientWidth, vh = de.clientHeight;
  const out = {vw, vh};

  // ---- Reflow (WCAG 1.4.10). The page must not scroll sideways at this width, nor cut content off when the
  // root or body hides horizontal overflow. Exempt, as the Understanding document lists: data tables, maps,
  // diagrams, images, video, code, and toolbars; elements inside their own horizontal scroller are fine.
  {
    const rtl = getComputedStyle(body).direction === 'rtl';
    const sw = Math.max(de.scrollWidth, body.scrollWidth || 0);
    const cut = (s) => s === 'hidden' || s === 'clip';
    const clipped = cut(getComputedStyle(de).overflowX) || cut(getComputedStyle(body).overflowX);
    const scrolls = !clipped && sw > vw + 1;
    const offenders = [];
    let scanned = 0, exemptOnly = 0;
    if (scrolls || clipped) {
      const EXEMPT = new Set(['table', 'pre', 'code', 'samp', 'kbd', 'math', 'svg', 'canvas', 'video', 'img',
                              'picture', 'object', 'embed', 'audio', 'map', 'script', 'style', 'template']);
      const EXEMPT_ROLES = new Set(['toolbar', 'grid', 'treegrid', 'img', 'math', 'application', 'table']);
      const sticking = new Set();
      const stack = [body];
      while (stack.length && scanned < MAX) {
        const el = stack.pop();
        scanned++;
        const tag = el.localName;
        const role = (el.getAttribute('role') || '').trim();
        const cs = getComputedStyle(el);
        if (cs.display === 'none') continue;
        const r = el.getBoundingClientRect();
        const left = r.left + scrollX, right = r.right + scrollX;
        // the content may be wider than the box (a long word, a URL)
        const contentRight = cs.overflowX === 'visible' ? left + Math.max(r.width, el.scrollWidth || 0) : right;
        let sticks = false;
        if (el !== body && cs.position !== 'fixed' && r.width > 1 && r.height > 1 && cs.visibility !== 'hidden') {
          if (rtl) sticks = left < -1 && (scrolls || r.right > 1);
          else sticks = (right > vw + 1 || (cs.overflowX === 'visible' && contentRight > vw + 1 && el.childElementCount === 0))
                        && (scrolls || left < vw - 1);
        }
        const exempt = EXEMPT.has(tag) || EXEMPT_ROLES.has(role);
        if (sticks && exempt) { exemptOnly++; continue; }
        if (sticks) {
          sticking.add(el);
          if (!sticking.has(el.parentElement) && offenders.length < REPORT) {
            offenders.push({sel: H.sel(el), snippet: H.snip(el), box: H.box(r),
                            right: Math.round(Math.max(right, contentRight)), width: Math.round(r.width)});
          }
          continue;  // its children stick out with it; the topmost element is the one to fix
        }
        if (exempt) continue;
        // an element that scrolls or clips its own overflow keeps its children from widening the page
        if (el !== body && cs.overflowX !== 'visible') continue;
        for (let c = el.lastElementChild; c; c = c.previousElementSibling) stack.push(c);
      }
    }
    out.reflow = {scroll_width: sw, scrolls, clipped, offenders, scanned, exempt_only: exemptOnly};
  }

  // ---- Pointer target size (WCAG 2.5.8 AA), at phone widths only. A target of less than 24 × 24 CSS px
  // passes when a 24 px circle centred on it touches no other target nor another undersized target's circle.
  // Exempt as the criterion says: inline targets in a sentence, and user-agent controls the author did not
  // restyle (Chromium's own checkbox and radio are 13 × 13 px).
  if (arg.targets) {
    const TSEL = 'a[href],button,input:not([type=hidden]),select,textarea,summary,[role=button],[role=link],' +
      '[role=checkbox],[role=radio],[role=switch],[role=tab],[role=menuitem],[role=menuitemcheckbox],' +
      '[role=menuitemradio],[role=option],[role=slider],[role=spinbutton],[onclick],[tabindex]:not([tabindex^="-"])';
    const all = [];
    for (const el of document.querySelectorAll(TSEL)) {
      if (all.length >= MAX) break;
      if (el.matches(':disabled') || el.closest('[inert]')) continue;
      const r = el.getBoundingClientRect();
      if (r.width < 2 || r.height < 2 || r.right <= 0 || r.bottom + scrollY <= 0 || r.left >= vw) continue;
      if (!H.vis(el)) continue;
      all.push({el, r, cx: (r.left + r.right) / 2, cy: (r.top + r.bottom) / 2,
                small: r.width < 23.5 || r.height < 23.5});
    }
    const blockOf = (el) => {
      let b = el.parentElement;
      while (b && b !== body && getComputedStyle(b).display.startsWith('inline')) b = b.parentElement;
      return b || body;
    };
    const exemptInline = (t) => {
      if (getComputedStyle(t.el).display !== 'inline') return false;
      const b = blockOf(t.el);
      // other text in the same block than the target's own: the target sits in a line of text
      const own = H.text(t.el, 400).length, whole = H.text(b, 2000).length;
      return whole - own >= 2 && !b.matches('nav, [role=navigation], ul.menu');
    };
    const exemptUA = (t) => {
      const el = t.el;
      if (el.localName !== 'input' || !['checkbox', 'radio'].includes(el.type)) return false;
      const cs = getComputedStyle(el);
      return cs.appearance !== 'none' && t.r.width <= 14 && t.r.height <= 14;
    };
    // grid of 48 px cells so each circle is tested against its neighbours only
    const CELL = 48, grid = new Map();
    const key = (x, y) => x + ',' + y;
    all.forEach((t, i) => {
      const x0 = Math.floor(t.r.left / CELL), x1 = Math.floor(t.r.right / CELL);
      const y0 = Math.floor((t.r.top + scrollY) / CELL), y1 = Math.floor((t.r.bottom + scrollY) / CELL);
      if ((x1 - x0 + 1) * (y1 - y0 + 1) > 400) return;  // a huge target: not a neighbour to measure against
      for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) {
        const k = key(x, y); if (!grid.has(k)) grid.set(k, []); grid.get(k).push(i);
      }
    });
    const fails = [];
    let small = 0, exempt = 0;
    all.forEach((t, i) => {
      if (!t.small) return;
      small++;
      if (exemptInline(t) || exemptUA(t)) { exempt++; return; }
      const cy = t.cy + scrollY;
      let hit = null;
      const seen = new Set();
      for (let x = Math.floor((t.cx - 24) / CELL); x <= Math.floor((t.cx + 24) / CELL) && !hit; x++)
        for (let y = Math.floor((cy - 24) / CELL); y <= Math.floor((cy + 24) / CELL) && !hit; y++) {
          for (const j of grid.get(key(x, y)) || []) {
            if (j === i || seen.has(j)) continue;
            seen.add(j);
            const o = all[j];
            if (o.el.contains(t.el) || t.el.contains(o.el)) continue;
            // circle (r = 12) against the other target's box
            const dx = Math.max(o.r.left - t.cx, 0, t.cx - o.r.right);
            const dy = Math.max(o.r.top + scrollY - cy, 0, cy - (o.r.bottom + scrollY));
            if (dx * dx + dy * dy < 144) { hit = o; break; }
            // two undersized targets: their circles must not overlap (centres 24 px apart at least)
            if (o.small && Math.hypot(o.cx - t.cx, o.cy - t.cy) < 24) { hit = o; break; }
          }
        }
      if (hit && fails.length < REPORT)
        fails.push({sel: H.sel(t.el), snippet: H.snip(t.el), w: Math.round(t.r.width * 10) / 10,
                    h: Math.round(t.r.height * 10) / 10, box: H.box(t.r), near: H.sel(hit.el)});
    });
    out.targets = {count: all.length, small, exempt, fails};
  }

  // ---- Orientation (WCAG 1.3.4, ACT b33eff): rotation of the root, the body and whatever CSS rotates inside an
  // orientation media query. The rule compares the angles between portrait and landscape viewports.
  {
    const sels = new Set();
    let rules = 0, unreadable = 0;
    const walk = (list, inOrient) => {
      for (const r of list) {
        if (++rules > MAX) return;
        if (r.styleSheet) { try { walk(r.styleSheet.cssRules, inOrient || /orientation/i.test(r.media.mediaText)); } catch (e) { unreadable++; } continue; }
        const cond = r.media ? r.media.mediaText : (r.conditionText || '');
        if (r.selectorText && inOrient && r.style && (r.style.transform || r.style.rotate)) sels.add(r.selectorText);
        if (r.cssRules && r.cssRules.length) walk(r.cssRules, inOrient || /orientation/i.test(cond));
      }
    };
    for (const s of document.styleSheets) {
      try { walk(s.cssRules, /orientation/i.test(s.media ? s.media.mediaText : '')); } catch (e) { unreadable++; }
    }
    const deg = (v) => {
      const m = /^(-?[\d.e+-]+)(deg|rad|turn|grad)?$/.exec(v);
      if (!m) return 0;
      const x = parseFloat(m[1]);
      return {rad: x * 180 / Math.PI, turn: x * 360, grad: x * 0.9}[m[2]] ?? x;
    };
    const angle = (cs) => {
      let a = 0;
      const m = /^matrix(3d)?\(([^)]+)\)/.exec(cs.transform || '');
      if (m) { const v = m[2].split(',').map(Number); a += Math.atan2(v[1], v[0]) * 180 / Math.PI; }
      const rot = (cs.rotate || 'none').trim();
      if (rot !== 'none') {
        const p = rot.split(/\s+/);
        if (p.length === 1 || p[0] === 'z' || (p.length === 4 && +p[0] === 0 && +p[1] === 0)) a += deg(p[p.length - 1]);
      }
      return Math.round(a * 100) / 100;
    };
    const cands = new Map([[de, 'root'], [body, 'root']]);
    for (const s of sels) {
      let n = 0;
      try { for (const el of document.querySelectorAll(s)) { if (++n > 20 || cands.size > 60) break; if (!cands.has(el)) cands.set(el, 'media'); } } catch (e) {}
    }
    const items = [];
    for (const [el, why] of cands) {
      const visible = el === de ? H.vis(body) : H.vis(el);
      items.push({sel: H.sel(el), snippet: el === de || el === body ? '<' + el.localName + '>' : H.snip(el),
                  angle: angle(getComputedStyle(el)), visible, from: why});
    }
    out.orientation = {landscape: innerWidth >= innerHeight, items, media_rules: sels.size, unreadable_sheets: unreadable};
  }

  // ---- Inline !important text spacing (WCAG 1.4.12, ACT 24afc2 / 78fd32 / 9e45ec). A user style sheet cannot
  // override an author's inline !important value, so it must already be at least the WCAG spacing:
  // letter 0.12 em, word 0.16 em, line height 1.5.
  {
    const PROPS = [['letter-spacing', 0.12, '24afc2'], ['word-spacing', 0.16, '9e45ec'], ['line-height', 1.5, '78fd32']];
    const fails = [];
    let n = 0;
    for (const el of document.querySelectorAll('[style]')) {
      if (++n > MAX || fails.length >= REPORT) break;
      const st = el.style;
      if (!st || !st.cssText.includes('important')) continue;
      for (const [prop, min, act] of PROPS) {
        if (st.getPropertyPriority(prop) !== 'important') continue;
        const declared = st.getPropertyValue(prop).trim().toLowerCase();
        if (['inherit', 'unset', 'revert', 'revert-layer'].includes(declared)) continue;
        // The text this declaration governs: visible text whose nearest inline declaration of `prop` is this one.
        const tw = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        let t, k = 0, worst = null;
        while ((t = tw.nextNode()) && ++k < 300) {
          if (!t.data.trim()) continue;
          const p = t.parentElement;
          let a = p;
          while (a && a !== el && !(a.style && a.style.getPropertyValue(prop))) a = a.parentElement;
          if (a !== el || !H.vis(p)) continue;
          const range = document.createRange();
          range.selectNodeContents(t);
          const rects = Array.from(range.getClientRects()).filter(r => r.width > 0 && r.height > 0);
          if (!rects.some(r => r.right + scrollX > 0 && r.bottom + scrollY > 0)) continue;  // moved off-screen
          if (prop === 'line-height' && new Set(rects.map(r => Math.round(r.top))).size < 2) continue;  // one line
          const cs = getComputedStyle(p);
          const fs = parseFloat(cs.fontSize) || 16;
          const raw = cs.getPropertyValue(prop);
          const v = raw === 'normal' ? (prop === 'line-height' ? 1.2 * fs : 0) : parseFloat(raw) || 0;
          const ratio = v / fs;
          if (ratio < min - 1e-3 && (worst === null || ratio < worst)) worst = ratio;
        }
        if (worst !== null)
          fails.push({sel: H.sel(el), snippet: H.snip(el), prop, declared, ratio: Math.round(worst * 1000) / 1000,
                      min, act, box: H.box(el.getBoundingClientRect())});
      }
    }
    out.spacing = {fails};
  }

  // ---- Inventory for "content lost on small screens": visible navigation links, a visible menu button,
  // visible form fields, and text blocks with fingerprints of their text (to see whether text hidden at one
  // width is shown elsewhere at another).
  {
    let navLinks = 0;
    for (const nav of document.querySelectorAll('nav, [role=navigation]')) {
      for (const a of nav.querySelectorAll('a[href]')) { if (navLinks > 500) break; if (H.vis(a)) navLinks++; }
    }
    const MENU = /menu|valikko|meny|navig|hamburger|burger/i;
    let toggles = 0;
    for (const el of document.querySelectorAll('button, [role=button], summary, a[href], label, input[type=checkbox]')) {
      if (toggles > 5) break;
      const marked = el.hasAttribute('aria-expanded') || el.hasAttribute('aria-controls') ||
        el.hasAttribute('aria-haspopup') || el.hasAttribute('popovertarget') || el.hasAttribute('commandfor');
      const named = MENU.test([el.id, el.className && el.className.baseVal === undefined ? el.className : '',
                                el.getAttribute('aria-label') || '', H.text(el, 60)].join(' '));
      if (!(marked || named)) continue;
      const r = el.getBoundingClientRect();
      const top = r.top + scrollY < 400 || el.closest('header, nav, [role=banner], [role=navigation]');
      if (top && H.vis(el)) toggles++;
    }
    const fields = [];
    for (const el of document.querySelectorAll('input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=reset]):not([type=image]), select, textarea')) {
      if (fields.length >= 200) break;
      if (H.vis(el)) fields.push(H.sel(el));
    }
    const seen = [];
    const tw = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    let t, k = 0;
    while ((t = tw.nextNode()) && k < MAX) {
      const s = t.data.replace(/\s+/g, ' ').trim();
      if (s.length < 30) continue;
      k++;
      if (H.vis(t.parentElement)) seen.push(H.fp(s));
    }
    const blocks = [];
    for (const el of document.querySelectorAll('main > *, aside, [role=complementary], section, article, form')) {
      if (blocks.length >= 150) break;
      if (H.text(el, 200).length < 80) continue;
      const fps = [];
      const w = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      let x, j = 0;
      while ((x = w.nextNode()) && fps.length < 10 && ++j < 500) {
        const s = x.data.replace(/\s+/g, ' ').trim();
        if (s.length >= 30) fps.push(H.fp(s));
      }
      if (fps.length) blocks.push({sel: H.sel(el), snippet: H.snip(el), visible: H.vis(el), fps});
    }
    out.inventory = {nav_links: navLinks, menu_toggles: toggles, fields, text: Array.from(new Set(seen)), blocks};
  }
  return out;
""")

# Marks what sticks out (outline) and where the viewport ends (dashed line) for the evidence screenshot, in a
# constructed style sheet: it needs no DOM change and passes a strict CSP; removed right after the screenshot.
MARK_JS = r"""(arg) => {
  const sheet = new CSSStyleSheet();
  const rules = arg.sels.filter(s => !s.includes('>>>')).map(s =>
    `${s} { outline: 3px solid #d00000 !important; outline-offset: -3px !important; }`);
  rules.push(`body::after { content: ''; position: absolute; top: 0; left: ${arg.vw}px; width: 0;
    height: ${arg.h}px; border-left: 3px dashed #d00000; z-index: 2147483647; pointer-events: none; }`);
  for (const r of rules) { try { sheet.insertRule(r, sheet.cssRules.length); } catch (e) {} }
  const before = document.adoptedStyleSheets;
  document.adoptedStyleSheets = [...before, sheet];
  return true;
}"""
UNMARK_JS = """() => { document.adoptedStyleSheets = document.adoptedStyleSheets.slice(0, -1); return true; }"""

# Evidence crops are small JPEGs: enough to see the problem, cheap to keep for every failing page.
CROP_QUALITY = 70
CROP_MAX_H = 900
CROP_MAX_W = 1600


async def _reflow_crop(page, viewport, out_dir: Path, reflow: dict[str, Any]) -> str | None:
    offenders = reflow.get("offenders") or []
    sw = int(reflow.get("scroll_width") or viewport.width)
    top = min((o["box"]["y"] for o in offenders), default=0)
    y = max(0, top - 60)
    height = await page.evaluate("() => document.documentElement.scrollHeight")
    h = max(1, min(CROP_MAX_H, int(height) - y))
    w = max(viewport.width, min(sw, CROP_MAX_W, 2 * viewport.width))
    name = f"{viewport.name}-reflow.jpg"
    await page.evaluate(MARK_JS, {"sels": [o["sel"] for o in offenders], "vw": viewport.width, "h": int(height)})
    try:
        await page.screenshot(path=str(out_dir / name), type="jpeg", quality=CROP_QUALITY, full_page=True,
                              clip={"x": 0, "y": y, "width": w, "height": h}, timeout=15_000,
                              animations="disabled")
    finally:
        await page.evaluate(UNMARK_JS)
    return name


@viewport_gatherer("layout")
async def layout(page, viewport, out_dir: Path) -> dict[str, Any]:
    data = await page.evaluate(LAYOUT_JS, {"targets": viewport.width <= NARROW_MAX, "max": MAX_SCAN,
                                           "report": MAX_REPORT})
    reflow = data.get("reflow") or {}
    if reflow.get("offenders") or reflow.get("scrolls"):
        try:
            reflow["crop"] = await _reflow_crop(page, viewport, out_dir, reflow)
        except Exception as exc:  # evidence is a bonus; the measurement stands without it
            reflow["crop_error"] = f"{type(exc).__name__}: {exc}"[:300]
    return data


# ---------------------------------------------------------------------------------------------------------------
# Text fit: clipping and overlap of text under the WCAG text-spacing style, 200 % text and 200 % page zoom.

# The WCAG 1.4.12 text-spacing values (Understanding 1.4.12 and its test bookmarklet): line height 1.5, paragraph
# spacing 2 em, letter spacing 0.12 em, word spacing 0.16 em.
SPACING_CSS = """* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }"""

TEXTFIT_JS = fn(r"""
  // One in-page object per page keeps the text nodes between the calls (state A, then each changed state).
  const KEY = Symbol.for('auditor.textfit');
  // Changes first (arg.ops, in order), then the measurement (arg.measure), then the clean-up (arg.cleanup): one
  // round trip per state.
  if (!window[KEY]) window[KEY] = {};
  const st = window[KEY];
  for (const op of arg.ops || []) {
    if (op === 'spacing-on') {
      st.sheet = new CSSStyleSheet();
      st.sheet.replaceSync(arg.css);
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, st.sheet];
    } else if (op === 'spacing-off') {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter(x => x !== st.sheet);
    } else if (op === 'zoom-on') {
      // 200 % text, not page zoom: every element's font size doubled (the sizes are read first, then written,
      // so nothing compounds). Inline values and priorities are kept to be restored exactly.
      const saved = [];
      const els = [document.documentElement, ...document.querySelectorAll('body, body *')].slice(0, arg.max);
      const sizes = els.map(el => parseFloat(getComputedStyle(el).fontSize) || 0);
      els.forEach((el, i) => {
        if (!el.style || !sizes[i]) return;
        saved.push([el, el.hasAttribute('style'), el.style.getPropertyValue('font-size'), el.style.getPropertyPriority('font-size')]);
        el.style.setProperty('font-size', (2 * sizes[i]) + 'px', 'important');
      });
      st.saved = saved;
    } else if (op === 'zoom-off') {
      for (const [el, had, v, pr] of st.saved || []) {
        if (v) el.style.setProperty('font-size', v, pr); else el.style.removeProperty('font-size');
        if (!had && el.getAttribute('style') === '') el.removeAttribute('style');
      }
      st.saved = [];
    }
  }
  if (!arg.measure) { if (arg.cleanup) delete window[KEY]; return true; }

  // op === 'measure': which text is clipped by an ancestor's overflow, and which text overlaps other text.
  if (!st.nodes) {
    const nodes = [];
    const root = document.body || document.documentElement;
    const tw = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {acceptNode: (n) =>
      n.data.trim() && !/^(script|style|noscript|template|textarea|option)$/i.test(n.parentElement ? n.parentElement.localName : 'x')
        ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP});
    let t;
    while ((t = tw.nextNode()) && nodes.length < arg.maxText) nodes.push(t);
    st.nodes = nodes;
  }
  const nodes = st.nodes;
  const vw = document.documentElement.clientWidth;
  const clipMemo = new Map();
  const cut = (s) => s === 'hidden' || s === 'clip';
  const scrolls = (s) => s === 'auto' || s === 'scroll';
  // Nearest ancestor that clips in x and in y (ACT "clipped by overflow"); a scroll container in between keeps
  // the text reachable, and the root and body clip at the page edge (the reflow rule's business).
  const clipOf = (el) => {
    if (!el || el === document.body || el === document.documentElement) return [null, null];
    if (clipMemo.has(el)) return clipMemo.get(el);
    const cs = getComputedStyle(el);
    const up = clipOf(el.parentElement);
    const res = [cut(cs.overflowX) ? el : scrolls(cs.overflowX) ? null : up[0],
                 cut(cs.overflowY) ? el : scrolls(cs.overflowY) ? null : up[1]];
    clipMemo.set(el, res);
    return res;
  };
  // The line pitch of a text: its computed line height, or for "normal" the distance between its lines
  // (font dependent, about 1.15–1.2 em), measured when the text has two lines or more.
  const lineHeight = (p, rects) => {
    const cs = getComputedStyle(p);
    if (cs.lineHeight !== 'normal') return parseFloat(cs.lineHeight) || 1;
    const tops = Array.from(new Set(rects.map(r => Math.round(r.top * 10) / 10))).sort((a, b) => a - b);
    if (tops.length >= 2) return tops[1] - tops[0];
    return 1.2 * (parseFloat(cs.fontSize) || 16);
  };
  const pinMemo = new Map();
  const pinned = (el) => {
    if (!el || el === document.documentElement) return false;
    if (pinMemo.has(el)) return pinMemo.get(el);
    const pos = getComputedStyle(el).position;
    const v = pos === 'fixed' || pos === 'sticky' || pinned(el.parentElement);
    pinMemo.set(el, v);
    return v;
  };
  const clipped = [];
  const lines = [];
  nodes.forEach((t, idx) => {
    const p = t.parentElement;
    if (!p || !p.isConnected || !H.vis(p)) return;
    const range = document.createRange();
    range.selectNodeContents(t);
    const rects = Array.from(range.getClientRects()).filter(r => r.width > 0.5 && r.height > 0.5).slice(0, 60);
    if (!rects.length) return;
    const [cx, cy] = clipOf(p);
    for (const [c, axis] of [[cx, 'x'], [cy, 'y']]) {
      if (!c) continue;
      const cr = c.getBoundingClientRect();
      if (cr.width <= 2 || cr.height <= 2) continue;  // visually hidden text (1 × 1 px boxes): meant for AT only
      const ccs = getComputedStyle(c);
      // ACT 59br37 exceptions. Horizontal: nowrap text with a visible ellipsis. Vertical: a box as high as its
      // line height, or a whole number of lines (a deliberate clamp to N lines, ACT passed example 3); a box
      // smaller than one line cuts the line itself (failed example 4).
      if (axis === 'x' && ccs.whiteSpace.startsWith('nowrap') && ccs.textOverflow !== 'clip') continue;
      if (axis === 'y') {
        const lines = c.clientHeight / lineHeight(p, rects);
        if (lines >= 0.98 && Math.abs(lines - Math.round(lines)) <= 0.05) continue;
      }
      const lo = axis === 'x' ? cr.left + c.clientLeft : cr.top + c.clientTop;
      const hi = lo + (axis === 'x' ? c.clientWidth : c.clientHeight);
      let inside = 0, partial = 0, outside = 0;
      for (const r of rects) {
        const a = axis === 'x' ? r.left : r.top, b = axis === 'x' ? r.right : r.bottom;
        const size = b - a;
        const cutAmount = Math.max(0, lo - a) + Math.max(0, b - hi);
        if (b <= lo || a >= hi) outside++;
        // a glyph box reaches a little past its line box; a third of a line cut off is lost text
        else if (cutAmount > Math.max(2, (axis === 'x' ? 0.5 : 0.3) * (axis === 'x' ? Math.min(size, 16) : size))) partial++;
        else inside++;
      }
      // Text of which nothing is shown is hidden on purpose (collapsed panels, carousels); text partly shown is cut.
      if ((partial || (outside && inside)) && clipped.length < 400)
        clipped.push({i: idx, axis, clip: c === p ? null : H.sel(c)});
    }
    // Text in fixed or sticky boxes (headers, banners) covers the page as the page scrolls: not an overlap.
    if (!pinned(p)) for (const r of rects) if (lines.length < 6000) lines.push([idx, r.left, r.top + scrollY, r.right, r.bottom + scrollY]);
  });
  // Overlap: line boxes of different text nodes that cover each other by a third of their height or more.
  const overlaps = [];
  const CELL = 100, grid = new Map();
  lines.forEach((l, k) => {
    for (let x = Math.floor(l[1] / CELL); x <= Math.floor(l[3] / CELL); x++)
      for (let y = Math.floor(l[2] / CELL); y <= Math.floor(l[4] / CELL); y++) {
        const key = x + ',' + y; if (!grid.has(key)) grid.set(key, []); grid.get(key).push(k);
      }
  });
  const pairs = new Set();
  for (const ks of grid.values()) {
    if (ks.length > 400) continue;
    for (let a = 0; a < ks.length; a++) for (let b = a + 1; b < ks.length; b++) {
      const p = lines[ks[a]], q = lines[ks[b]];
      if (p[0] === q[0]) continue;
      const w = Math.min(p[3], q[3]) - Math.max(p[1], q[1]);
      const h = Math.min(p[4], q[4]) - Math.max(p[2], q[2]);
      if (w > 2 && h > 0.34 * Math.min(p[4] - p[2], q[4] - q[2])) {
        const key = Math.min(p[0], q[0]) + ':' + Math.max(p[0], q[0]);
        if (!pairs.has(key) && overlaps.length < 400) { pairs.add(key); overlaps.push([Math.min(p[0], q[0]), Math.max(p[0], q[0])]); }
      }
    }
  }
  if (arg.describe) {
    // Describe only what the caller asks for (the nodes that changed), to keep the payload small.
    const want = new Set(arg.describe);
    const d = {};
    for (const i of want) {
      const t = nodes[i]; if (!t || !t.parentElement) continue;
      const p = t.parentElement;
      d[i] = {sel: H.sel(p), snippet: H.snip(p), text: t.data.replace(/\s+/g, ' ').trim().slice(0, 80),
              box: H.box(p.getBoundingClientRect())};
    }
    if (arg.cleanup) delete window[KEY];
    return {clipped, overlaps, described: d};
  }
  if (arg.cleanup) delete window[KEY];
  return {clipped, overlaps};
""")

MAX_TEXT_NODES = 4000


async def _state(page, ops: tuple[str, ...] = (), measure: bool = True, describe: list[int] | None = None,
                 cleanup: bool = False) -> Any:
    """Apply `ops` in the page, then measure (and describe the given text nodes), then optionally clean up."""
    return await page.evaluate(TEXTFIT_JS, {"ops": list(ops), "measure": measure, "describe": describe,
                                            "cleanup": cleanup, "css": SPACING_CSS, "max": MAX_SCAN,
                                            "maxText": MAX_TEXT_NODES})


def _new(base: dict[str, Any], now: dict[str, Any]) -> tuple[list[dict], list[list[int]]]:
    """What is clipped or overlapping now and was not in the original page."""
    was_clipped = {(c["i"], c["axis"]) for c in base.get("clipped", [])}
    was_over = {tuple(p) for p in base.get("overlaps", [])}
    clipped = [c for c in now.get("clipped", []) if (c["i"], c["axis"]) not in was_clipped]
    overlaps = [p for p in now.get("overlaps", []) if tuple(p) not in was_over]
    return clipped, overlaps


def _described(res: dict[str, Any], clipped: list[dict], overlaps: list[list[int]]) -> dict[str, Any]:
    d = res.get("described", {})
    out_c, out_o = [], []
    for c in clipped[:MAX_REPORT]:
        info = d.get(str(c["i"])) or d.get(c["i"])
        if info:
            out_c.append({**info, "i": c["i"], "axis": c["axis"], "clip": c.get("clip")})
    for a, b in overlaps[:MAX_REPORT]:
        ia, ib = d.get(str(a)) or d.get(a), d.get(str(b)) or d.get(b)
        if ia and ib:
            out_o.append({**ia, "i": a, "other": ib["sel"], "other_text": ib["text"]})
    return {"clipped": out_c, "overlaps": out_o}


async def _evidence(page, found: dict[str, Any], path: Path) -> None:
    """A screenshot of the first problem in the changed state (the text cut off or running over other text)."""
    first = (found.get("clipped") or found.get("overlaps") or [None])[0]
    if not first or not first.get("box"):
        return
    b = first["box"]
    x, y = max(0, b["x"] - 40), max(0, b["y"] - 40)
    w, h = min(CROP_MAX_W, b["w"] + 80), min(CROP_MAX_H, b["h"] + 80)
    try:
        await page.screenshot(path=str(path), type="jpeg", quality=CROP_QUALITY, full_page=True,
                              clip={"x": x, "y": y, "width": max(1, w), "height": max(1, h)}, timeout=15_000,
                              animations="disabled")
        first["crop"] = path.name
    except Exception as exc:  # evidence is a bonus; the measurement stands without it
        first["crop_error"] = f"{type(exc).__name__}: {exc}"[:300]


def _wanted(clipped: list[dict], overlaps: list[list[int]]) -> list[int]:
    ids = {c["i"] for c in clipped[:MAX_REPORT]}
    for a, b in overlaps[:MAX_REPORT]:
        ids.update((a, b))
    return sorted(ids)


@viewport_gatherer("textfit")
async def textfit(page, viewport, out_dir: Path) -> dict[str, Any]:
    """Text spacing (1.4.12), 200 % text and 200 % zoom (1.4.4) at desktop-class viewports; every change undone."""
    if viewport.width < DESKTOP_MIN:
        return {"skipped": f"runs at viewports of {DESKTOP_MIN} px or wider"}
    out: dict[str, Any] = {}
    size = {"width": viewport.width, "height": viewport.height}
    half = {"width": viewport.width // 2, "height": viewport.height // 2}
    undo: tuple[str, ...] = ()
    cleaned = False
    try:
        base = await _state(page)
        out["base"] = {"clipped": len(base["clipped"]), "overlaps": len(base["overlaps"])}
        for name, on, off in (("spacing", "spacing-on", "spacing-off"), ("text200", "zoom-on", "zoom-off")):
            now = await _state(page, undo + (on,))
            undo = (off,)
            c, o = _new(base, now)
            if c or o:
                now = await _state(page, describe=_wanted(c, o))
            out[name] = _described(now, c, o)
            await _evidence(page, out[name], out_dir / f"{viewport.name}-{name}.jpg")
        await _state(page, undo, measure=False)
        undo = ()
        # 200 % page zoom = the same window at half the CSS width and height (ACT 59br37: 1280 × 1024 at 200 %
        # is 640 × 512). Here every clipped text counts, not only new ones: the rule is about this state.
        await page.set_viewport_size(half)
        try:
            now = await _state(page)
            c = now["clipped"]
            if c:
                now = await _state(page, describe=_wanted(c, []))
            out["zoom200"] = {**_described(now, c, []), "size": [half["width"], half["height"]]}
            await _evidence(page, out["zoom200"], out_dir / f"{viewport.name}-zoom200.jpg")
        finally:
            await page.set_viewport_size(size)
        # Boxes in the page as it is shown (and screenshotted) at this viewport, for the report's crops.
        items = [x for k in ("spacing", "text200", "zoom200") for x in out[k]["clipped"] + out[k]["overlaps"]]
        if items:
            res = await _state(page, describe=sorted({x["i"] for x in items}), cleanup=True)
            cleaned = True
            d = res.get("described", {})
            for x in items:
                info = d.get(str(x["i"])) or d.get(x["i"])
                x["state_box"], x["box"] = x.get("box"), info["box"] if info else None
                if info:
                    x["snippet"] = info["snippet"]  # without the inline font size of the 200 % state
    finally:
        if not cleaned:
            try:
                await _state(page, undo, measure=False, cleanup=True)
            except Exception:
                pass
    return out


