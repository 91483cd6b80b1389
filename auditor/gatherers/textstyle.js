// Text presentation of the page's running text (WCAG 1.4.8 AAA, advisory) and running text that scrolls sideways
// inside its own box at narrow widths (1.4.10). Read-only and bounded: at most arg.maxScan elements are looked at,
// at most arg.maxReport offenders per kind returned (with the total count).
(arg) => {
  const norm = (s) => (s || '').replace(/\s+/g, ' ').trim();
  const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const cssPath = (el) => {
    const parts = [];
    for (let e = el; e && e.nodeType === 1 && e !== document.documentElement; e = e.parentElement) {
      if (e.id && /^[A-Za-z][\w-]*$/.test(e.id) && document.querySelectorAll('#' + CSS.escape(e.id)).length === 1) {
        parts.unshift('#' + e.id); break;
      }
      let i = 1;
      for (let s = e.previousElementSibling; s; s = s.previousElementSibling) if (s.localName === e.localName) i++;
      parts.unshift(`${e.localName}:nth-of-type(${i})`);
    }
    return parts.length ? parts.join(' > ') : 'html';
  };
  const snip = (el) => '<' + el.localName + '>' + esc(norm(el.textContent).slice(0, 80));
  const ownText = (el) => {
    let t = '';
    for (const c of el.childNodes) {
      if (c.nodeType === 3) t += c.nodeValue;
      else if (c.nodeType === 1 && getComputedStyle(c).display.startsWith('inline') &&
               !['script', 'style', 'svg', 'img', 'button', 'input', 'select', 'textarea'].includes(c.localName))
        t += c.textContent;
    }
    return norm(t);
  };
  const box = (r) => ({x: Math.round(r.left + scrollX), y: Math.round(r.top + scrollY),
                       w: Math.round(r.width), h: Math.round(r.height)});
  const SKIP = 'script, style, noscript, template, svg, math, pre, code, kbd, samp, textarea, select, option, ' +
               'button, [aria-hidden=true]';
  const BLOCK = new Set(['block', 'list-item', 'table-cell', 'flow-root', 'inline-block']);
  const out = {justify: [], caps: [], italic: [], small: [], leading: [], long_lines: [], scroll_text: []};
  const counts = {justify: 0, caps: 0, italic: 0, small: 0, leading: 0, long_lines: 0, scroll_text: 0};
  const add = (kind, el, extra) => {
    counts[kind]++;
    if (out[kind].length < arg.maxReport)
      out[kind].push(Object.assign({sel: cssPath(el), html: snip(el), box: box(el.getBoundingClientRect())}, extra));
  };
  let scanned = 0, blocks = 0;
  const walker = document.createTreeWalker(document.body || document.documentElement, NodeFilter.SHOW_ELEMENT);
  for (let el = walker.currentNode; el && scanned < arg.maxScan; el = walker.nextNode()) {
    scanned++;
    if (el.matches(SKIP) || el.closest(SKIP)) continue;
    const cs = getComputedStyle(el);
    if (!BLOCK.has(cs.display) || cs.visibility !== 'visible') continue;
    const text = ownText(el);
    if (text.length < arg.capsChars) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    const fs = parseFloat(cs.fontSize) || 16;
    const words = text.split(' ').length;
    const letters = text.replace(/[^\p{L}]/gu, '');
    const upper = cs.textTransform === 'uppercase' ||
        (letters.length >= arg.capsChars && letters === letters.toLocaleUpperCase() &&
         letters !== letters.toLocaleLowerCase());
    if (upper && words >= arg.capsWords) add('caps', el, {words});
    if (text.length < arg.minChars) continue;
    blocks++;
    // Running text proper: a paragraph-like block, not a heading or a table cell of figures.
    const running = !/^h[1-6]$/.test(el.localName) && el.localName !== 'th' && words >= arg.runningWords;
    if (!running) continue;
    if (cs.textAlign === 'justify') add('justify', el, {});
    if (cs.fontStyle === 'italic' && text.length >= arg.italicChars) add('italic', el, {chars: text.length});
    if (fs < arg.smallPx) add('small', el, {px: Math.round(fs * 10) / 10});
    let lh = parseFloat(cs.lineHeight);
    if (isNaN(lh)) lh = fs * 1.2;  // "normal": about 1.2 in common fonts (CSS 2.1 suggests 1.0–1.2)
    const lines = Math.round(r.height / lh);
    if (lines >= 2 && lh / fs < arg.minLeading - 0.01) add('leading', el, {ratio: Math.round(lh / fs * 100) / 100});
    if (lines >= 3) {
      const cpl = Math.round(text.length / lines);
      if (cpl > arg.maxChars) add('long_lines', el, {chars_per_line: cpl, lines});
    }
  }
  // Running text in a box that scrolls sideways (1.4.10), at narrow widths only: lines wider than the box.
  if (innerWidth <= arg.narrowMax) {
    let n = 0;
    for (const el of document.querySelectorAll('body *')) {
      if (++n > arg.maxScan) break;
      const cs = getComputedStyle(el);
      if (!['auto', 'scroll'].includes(cs.overflowX) || el.scrollWidth <= el.clientWidth + 2) continue;
      if (el.matches('pre, code, table, textarea, select') || el.closest('pre, table')) continue;
      const cr = el.getBoundingClientRect();
      if (cr.width === 0) continue;
      for (const t of el.querySelectorAll('p, li, dd, span, div, a, blockquote')) {
        if (t.closest('pre, code, table, svg, math')) continue;
        const text = ownText(t);
        if (text.length < arg.minChars || text.split(' ').length < 6) continue;
        // The text's own extent (a block's box is as wide as the scroller; its lines may be wider).
        const rg = document.createRange();
        rg.selectNodeContents(t);
        const tr = rg.getBoundingClientRect();
        if (tr.width > el.clientWidth + 2) {
          add('scroll_text', el, {text_sel: cssPath(t), box_w: Math.round(el.clientWidth),
                                  scroll_w: el.scrollWidth, line_w: Math.round(tr.width)});
          break;
        }
      }
    }
  }
  return Object.assign(out, {counts, scanned, blocks, vw: innerWidth});
}
