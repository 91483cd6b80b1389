"""Page facts for auditor's own accessibility rules (rules/accessibility/ACC-*): page titles, headings and the
start of the text, `<summary>` elements with their accessible names, named images, and the content of every
meta refresh element (in document order: browsers act on the first valid one only).

One `page.evaluate` per page collects everything (each round trip costs more than the DOM walks). Accessible
names are computed in the page with a small subset of the W3C accessible-name algorithm that is enough for the
elements read here: aria-labelledby, aria-label, the element's own attributes (alt, title) and its rendered
text; hidden elements are skipped.
"""
from __future__ import annotations

from auditor.render import page_gatherer

# Caps keep a huge page from producing a huge artifact: the rules read the first items only.
MAX_ITEMS = 200
TEXT_CHARS = 2000

A11Y_FACTS = """([maxItems, textChars]) => {
  const XHTML = 'http://www.w3.org/1999/xhtml';
  const hidden = (el) => {
    for (let e = el; e && e.nodeType === 1; e = e.parentElement || (e.getRootNode() && e.getRootNode().host)) {
      if (e.getAttribute('aria-hidden') === 'true') return true;
    }
    const cs = getComputedStyle(el);
    return cs.display === 'none' || cs.visibility === 'hidden' || cs.visibility === 'collapse' ||
           (el.getClientRects().length === 0 && cs.display !== 'contents');
  };
  const norm = (s) => (s || '').replace(/\\s+/g, ' ').trim();
  const textOf = (el) => norm(el.innerText !== undefined ? el.innerText : el.textContent);
  const name = (el) => {
    const lb = norm(el.getAttribute('aria-labelledby'));
    if (lb) {
      const t = lb.split(' ').map(id => document.getElementById(id)).filter(Boolean)
                  .map(e => norm(e.getAttribute('aria-label')) || norm(e.textContent)).join(' ');
      if (norm(t)) return norm(t);
    }
    const al = norm(el.getAttribute('aria-label'));
    if (al) return al;
    const tag = el.localName;
    if ((tag === 'img' || (tag === 'input' && (el.type || '').toLowerCase() === 'image') || tag === 'area')
        && el.hasAttribute('alt')) return norm(el.getAttribute('alt'));
    if (tag === 'svg') {
      const t = el.querySelector(':scope > title');
      if (t && norm(t.textContent)) return norm(t.textContent);
    }
    if (tag === 'summary' || tag === 'button') {
      const t = textOf(el);
      if (t) return t;
    }
    return norm(el.getAttribute('title'));
  };
  const cssPath = (el) => {
    if (el.id && document.querySelectorAll('#' + CSS.escape(el.id)).length === 1) return '#' + CSS.escape(el.id);
    const parts = [];
    for (let e = el; e && e.nodeType === 1 && e !== document.documentElement; e = e.parentElement) {
      let i = 1;
      for (let s = e.previousElementSibling; s; s = s.previousElementSibling) if (s.localName === e.localName) i++;
      parts.unshift(`${e.localName}:nth-of-type(${i})`);
    }
    return parts.length ? parts.join(' > ') : 'html';
  };
  const html = (el) => el.outerHTML.slice(0, 300);
  const root = document.documentElement;
  const isHtml = root && root.namespaceURI === XHTML && root.localName === 'html';
  const titles = Array.from(document.getElementsByTagName('title'))
      .filter(t => t.namespaceURI === XHTML && !t.closest('svg')).map(t => norm(t.textContent));
  const headings = Array.from(document.querySelectorAll('h1, h2, h3, [role=heading]'))
      .filter(h => !hidden(h)).slice(0, 20).map(textOf).filter(Boolean);
  const body = document.body;
  const text = body ? textOf(body).slice(0, textChars) : '';
  const summaries = [];
  for (const d of Array.from(document.querySelectorAll('details')).slice(0, maxItems)) {
    const s = Array.from(d.children).find(c => c.localName === 'summary');
    if (!s || hidden(s)) continue;
    summaries.push({selector: cssPath(s), html: html(s), role: norm(s.getAttribute('role')).toLowerCase(),
                    name: name(s)});
  }
  const images = [];
  const imgSel = 'img, input[type=image i], svg[role=img i], [role=img i], canvas[aria-label], canvas[aria-labelledby]';
  for (const el of Array.from(document.querySelectorAll(imgSel)).slice(0, maxItems)) {
    if (hidden(el)) continue;
    const role = norm(el.getAttribute('role')).toLowerCase();
    if (role === 'presentation' || role === 'none') continue;
    const src = el.currentSrc || el.src || '';
    const r = el.getBoundingClientRect();
    images.push({selector: cssPath(el), html: html(el), tag: el.localName, role, name: name(el),
                 src: typeof src === 'string' ? src.slice(0, 500) : '', w: Math.round(r.width),
                 h: Math.round(r.height)});
  }
  const refresh = Array.from(document.querySelectorAll('meta[http-equiv]'))
      .filter(m => m.getAttribute('http-equiv').trim().toLowerCase() === 'refresh')
      .map(m => m.getAttribute('content') || '');
  return {is_html: isHtml, titles, headings, text, summaries, images, refresh};
}"""


@page_gatherer("a11y_facts")
async def a11y_facts(page, viewport, out_dir) -> dict:
    return await page.evaluate(A11Y_FACTS, [MAX_ITEMS, TEXT_CHARS])
