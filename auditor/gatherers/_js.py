"""JavaScript helpers shared by the device and keyboard gatherers (pasted into each evaluated function).

Everything here runs inside the crawled page, so it is kept small and bounded: no loops without a cap, no network,
no DOM changes. `H.sel` builds a CSS selector that finds the element again in the same DOM (for evidence and to
match an element across viewports), `H.snip` a short escaped start tag with the element's text, `H.vis` says whether
an element is rendered at all, `H.box` gives its box in page coordinates (for crops of the full-page screenshot).
"""
from __future__ import annotations

HELPERS = r"""
const H = (() => {
  const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const cssId = /^[A-Za-z][\w-]*$/;
  const sel = (el) => {
    if (!el || el.nodeType !== 1) return '';
    const parts = [];
    while (el && el.nodeType === 1 && parts.length < 14) {
      const tag = el.localName;
      if (el.id && cssId.test(el.id) && document.getElementById(el.id) === el) { parts.unshift('#' + el.id); break; }
      if (tag === 'html') { parts.unshift('html'); break; }
      if (tag === 'body') { parts.unshift('body'); break; }
      let i = 1, s = el, only = true;
      while ((s = s.previousElementSibling)) if (s.localName === tag) i++;
      if (i === 1) { s = el; while ((s = s.nextElementSibling)) if (s.localName === tag) { only = false; break; } }
      else only = false;
      parts.unshift(only ? tag : `${tag}:nth-of-type(${i})`);
      const root = el.parentNode;
      if (root && root.nodeType === 11 && root.host) { parts.unshift(sel(root.host) + ' >>>'); break; }
      el = el.parentElement;
    }
    return parts.join(' > ').replace(' >>> > ', ' >>> ');
  };
  const text = (el, n) => (el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, n);
  const snip = (el) => {
    if (!el || el.nodeType !== 1) return '';
    let s = '<' + el.localName;
    for (const a of el.attributes) {
      if (s.length > 240) { s += ' …'; break; }
      s += ` ${a.name}="${esc(a.value.slice(0, 80))}"`;
    }
    const t = text(el, 80);
    return s + '>' + (t ? esc(t) + `</${el.localName}>` : '');
  };
  const vis = (el) => {
    if (!el || !el.isConnected) return false;
    if (el.checkVisibility && !el.checkVisibility({opacityProperty: true, visibilityProperty: true})) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  const box = (r) => ({x: Math.round(r.left + scrollX), y: Math.round(r.top + scrollY),
                       w: Math.round(r.width), h: Math.round(r.height)});
  // 32-bit FNV-1a: short fingerprints of text, to tell whether the same text is shown at another viewport.
  const fp = (s) => { let h = 0x811c9dc5; for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 0x01000193); } return (h >>> 0).toString(36); };
  return {esc, sel, snip, vis, box, text, fp};
})();
"""


def fn(body: str) -> str:
    """An arrow function `(arg) => {...}` for page.evaluate, with the helpers in scope."""
    return "(arg) => {\n" + HELPERS + "\n" + body + "\n}"
