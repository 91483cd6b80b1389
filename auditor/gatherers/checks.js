// Facts for auditor's own structure checks (rules/accessibility/links.py, tables.py, structure.py, images_extra.py).
// Runs once per page, read-only: no DOM changes, no network. Every list is capped (arg.max) so a huge page
// gives a bounded artifact; the rules decide, this only measures.
(arg) => {
  const MAX = arg.max;
  const norm = (s) => (s || '').replace(/\s+/g, ' ').trim();
  const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const cssPath = (el) => {
    if (el.id && /^[A-Za-z][\w-]*$/.test(el.id) && document.querySelectorAll('#' + CSS.escape(el.id)).length === 1)
      return '#' + el.id;
    const parts = [];
    for (let e = el; e && e.nodeType === 1 && e !== document.documentElement; e = e.parentElement) {
      if (e !== el && e.id && /^[A-Za-z][\w-]*$/.test(e.id) &&
          document.querySelectorAll('#' + CSS.escape(e.id)).length === 1) { parts.unshift('#' + e.id); break; }
      let i = 1;
      for (let s = e.previousElementSibling; s; s = s.previousElementSibling) if (s.localName === e.localName) i++;
      parts.unshift(`${e.localName}:nth-of-type(${i})`);
    }
    return parts.length ? parts.join(' > ') : 'html';
  };
  const snip = (el) => {
    let s = '<' + el.localName;
    for (const a of el.attributes) {
      if (s.length > 200) { s += ' …'; break; }
      s += ` ${a.name}="${esc(a.value.slice(0, 80))}"`;
    }
    const t = norm(el.textContent).slice(0, 80);
    return s + '>' + (t ? esc(t) + `</${el.localName}>` : '');
  };
  const hiddenCache = new Map();
  const hidden = (el) => {
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      if (e.getAttribute('aria-hidden') === 'true') return true;
    }
    if (el.checkVisibility && !el.checkVisibility({visibilityProperty: true})) return true;
    return el.getClientRects().length === 0;
  };
  const byId = (id) => document.getElementById(id);
  const name = (el) => {
    const lb = norm(el.getAttribute('aria-labelledby'));
    if (lb) {
      const t = norm(lb.split(' ').map(byId).filter(Boolean).map(e => norm(e.getAttribute('aria-label')) ||
                                                                       norm(e.textContent)).join(' '));
      if (t) return t;
    }
    const al = norm(el.getAttribute('aria-label'));
    if (al) return al;
    return contentName(el) || norm(el.getAttribute('title'));
  };
  // Name from content: text, plus alt of images and names of inline SVGs inside (what a link or button says).
  const contentName = (el) => {
    let out = '';
    const walk = (n, depth) => {
      if (depth > 30) return;
      for (const c of n.childNodes) {
        if (c.nodeType === 3) { out += c.nodeValue; continue; }
        if (c.nodeType !== 1) continue;
        if (c.getAttribute('aria-hidden') === 'true') continue;
        const tag = c.localName;
        if (tag === 'img' || tag === 'area' || (tag === 'input' && c.type === 'image')) {
          out += ' ' + (norm(c.getAttribute('aria-label')) || norm(c.getAttribute('alt')) ||
                        norm(c.getAttribute('title'))) + ' ';
          continue;
        }
        if (tag === 'svg') {
          const t = c.querySelector(':scope > title');
          out += ' ' + (norm(c.getAttribute('aria-label')) || (t ? norm(t.textContent) : '')) + ' ';
          continue;
        }
        if (tag === 'script' || tag === 'style' || tag === 'template') continue;
        const cs = getComputedStyle(c);
        if (cs.display === 'none' || cs.visibility === 'hidden') continue;
        const al = norm(c.getAttribute('aria-label'));
        if (al) { out += ' ' + al + ' '; continue; }
        const block = cs.display !== 'inline';
        if (block) out += ' ';
        walk(c, depth + 1);
        if (block) out += ' ';
      }
    };
    walk(el, 0);
    return norm(out);
  };
  const describedBy = (el) => norm((el.getAttribute('aria-describedby') || '').split(/\s+/).map(byId)
                                    .filter(Boolean).map(e => e.textContent).join(' '));
  // The context a screen reader offers with a link (WCAG 2.4.4 "programmatically determined link context"):
  // the enclosing sentence/paragraph, list item or table cell, and its heading for the cell.
  const contextOf = (el) => {
    const c = el.closest('p, li, td, th, dd, figcaption, blockquote');
    return c ? norm(c.textContent).slice(0, 300) : '';
  };

  // ---- links ----
  const links = [];
  const all = Array.from(document.querySelectorAll('a[href], [role=link]'));
  let prev = null;
  for (const a of all.slice(0, MAX)) {
    if (hidden(a)) { continue; }
    const raw = a.getAttribute('href');
    const rec = {
      sel: cssPath(a), html: snip(a), tag: a.localName, raw: raw === null ? null : raw.slice(0, 300),
      href: a.localName === 'a' && raw !== null ? String(a.href).slice(0, 500) : '',
      target: norm(a.getAttribute('target')).toLowerCase(), role: norm(a.getAttribute('role')).toLowerCase(),
      name: name(a).slice(0, 300), described: describedBy(a).slice(0, 200), context: contextOf(a),
      onclick: a.hasAttribute('onclick'), title: norm(a.getAttribute('title')).slice(0, 200),
      img_only: !norm(a.textContent) && !!a.querySelector('img, svg'), adjacent_same: false,
    };
    // Adjacent: nothing but white space between this link and the previous one (an image link and a text link
    // side by side, going to the same place: two tab stops and a repeated name for one destination).
    if (prev && rec.href && prev.rec.href === rec.href && prev.el.compareDocumentPosition(a) & 4 &&
        !prev.el.contains(a)) {
      const r = document.createRange();
      r.setStartAfter(prev.el); r.setEndBefore(a);
      // H2's case: an image link and a text link, siblings with nothing between (not the last link of one
      // list and the first of the next, which only share white space in the source).
      if (!norm(r.toString()) && (prev.rec.img_only !== rec.img_only) && !r.cloneContents().firstElementChild)
        rec.adjacent_same = true;
    }
    links.push(rec);
    prev = {el: a, rec};
  }

  // ---- tables ----
  const tables = [];
  const visualKey = (cell) => {
    const cs = getComputedStyle(cell);
    return [parseInt(cs.fontWeight, 10) >= 600 ? 'b' : '', cs.backgroundColor, cs.color, cs.fontStyle].join('|');
  };
  for (const t of Array.from(document.querySelectorAll('table')).slice(0, MAX)) {
    if (hidden(t)) continue;
    const rows = Array.from(t.rows).slice(0, 200);
    const cols = rows.map(r => Array.from(r.cells).reduce((n, c) => n + Math.max(1, c.colSpan || 1), 0));
    // Cells covered by a rowspan from a row above count for the rows they reach into.
    const carry = new Array(rows.length).fill(0);
    rows.forEach((r, i) => {
      for (const c of r.cells) {
        const rs = Math.min(c.rowSpan || 1, rows.length - i);
        for (let k = 1; k < rs; k++) carry[i + k] += Math.max(1, c.colSpan || 1);
      }
    });
    const widths = cols.map((n, i) => n + carry[i]);
    const cells = Array.from(t.querySelectorAll('td, th')).filter(c => c.closest('table') === t);
    const ths = cells.filter(c => c.localName === 'th' || ['columnheader', 'rowheader'].includes(c.getAttribute('role')));
    const firstRow = rows[0] ? Array.from(rows[0].cells) : [];
    const rest = rows.slice(1).flatMap(r => Array.from(r.cells)).filter(c => c.localName === 'td').slice(0, 60);
    const restKeys = new Set(rest.map(visualKey));
    const firstCol = rows.slice(1).map(r => r.cells[0]).filter(Boolean);
    const otherCells = rows.slice(1).flatMap(r => Array.from(r.cells).slice(1)).slice(0, 60);
    const otherKeys = new Set(otherCells.map(visualKey));
    const distinct = (list, others) => list.length >= 2 && others.size > 0 &&
        list.every(c => !others.has(visualKey(c))) && new Set(list.map(visualKey)).size === 1;
    const txt = norm(t.textContent);
    tables.push({
      sel: cssPath(t), html: snip(t), role: norm(t.getAttribute('role')).toLowerCase(),
      rows: rows.length, widths: widths.slice(0, 50), cells: cells.length, th: ths.length,
      caption: !!(t.caption && norm(t.caption.textContent)), summary: norm(t.getAttribute('summary')).slice(0, 200),
      scope: cells.some(c => c.hasAttribute('scope')), headers: cells.some(c => c.hasAttribute('headers')),
      spans: cells.some(c => (c.colSpan || 1) > 1 || (c.rowSpan || 1) > 1),
      th_spans: ths.some(c => (c.colSpan || 1) > 1 || (c.rowSpan || 1) > 1),
      header_rows: rows.filter(r => r.cells.length && Array.from(r.cells).every(c => c.localName === 'th')).length,
      header_cols: rows.length ? rows.filter(r => r.cells[0] && r.cells[0].localName === 'th').length : 0,
      nested: !!t.querySelector('table'), in_th: !!(t.parentElement && t.parentElement.closest('th')),
      in_table: !!(t.parentElement && t.parentElement.closest('table')),
      first_row_distinct: distinct(firstRow, restKeys), first_col_distinct: distinct(firstCol, otherKeys),
      // Layout signs: blocks that data cells rarely hold (headings, forms, lists of links, paragraphs).
      blocks: t.querySelectorAll('h1, h2, h3, h4, h5, h6, form, nav, p, ul, ol, iframe').length,
      text_len: txt.length,
    });
  }

  // ---- ids ----
  const idCount = new Map();
  for (const el of document.querySelectorAll('[id]')) {
    const id = el.id;
    if (id) idCount.set(id, (idCount.get(id) || 0) + 1);
  }
  const refs = new Map();  // id -> [{attr, sel}]
  const addRef = (id, attr, el) => {
    if (!idCount.has(id) || idCount.get(id) < 2) return;
    if (!refs.has(id)) refs.set(id, []);
    const l = refs.get(id);
    if (l.length < 5) l.push({attr, sel: cssPath(el)});
  };
  for (const el of document.querySelectorAll('label[for]')) addRef(el.getAttribute('for'), 'for', el);
  for (const attr of ['aria-labelledby', 'aria-describedby', 'headers']) {
    for (const el of document.querySelectorAll(`[${attr}]`)) {
      for (const id of (el.getAttribute(attr) || '').split(/\s+/).filter(Boolean)) addRef(id, attr, el);
    }
  }
  const duplicates = [];
  for (const [id, n] of idCount) {
    if (n < 2) continue;
    if (duplicates.length >= MAX) break;
    const first = document.getElementById(id);
    duplicates.push({id: id.slice(0, 100), count: n, refs: refs.get(id) || [],
                     sel: first ? cssPath(first) : 'html', html: first ? snip(first) : ''});
  }

  // ---- spacing markup, presentational elements, accesskeys ----
  const emptyRuns = [];
  const isEmptyP = (el) => el && el.localName === 'p' && !norm(el.textContent.replace(/\u00a0/g, ' ')) &&
      !el.querySelector('img, svg, input, select, textarea, button, iframe, video, audio, canvas, object');
  for (const p of document.querySelectorAll('p')) {
    if (emptyRuns.length >= 20) break;
    if (!isEmptyP(p) || isEmptyP(p.previousElementSibling)) continue;
    let n = 1;
    for (let s = p.nextElementSibling; isEmptyP(s) && n < 50; s = s.nextElementSibling) n++;
    if (n >= 2 && p.getClientRects().length) emptyRuns.push({sel: cssPath(p), html: snip(p), kind: 'p', count: n});
  }
  for (const br of document.querySelectorAll('br')) {
    if (emptyRuns.length >= 20) break;
    // The first <br> of a run: a run is <br>s with only white space between them.
    let p = br.previousSibling;
    while (p && p.nodeType === 3 && !norm(p.nodeValue.replace(/\u00a0/g, ' '))) p = p.previousSibling;
    if (p && p.nodeType === 1 && p.localName === 'br') continue;
    let n = 1;
    for (let s = br.nextSibling; s && n < 50; s = s.nextSibling) {
      if (s.nodeType === 3 && !norm(s.nodeValue.replace(/\u00a0/g, ' '))) continue;
      if (s.nodeType === 1 && s.localName === 'br') { n++; continue; }
      break;
    }
    const host = br.parentElement;
    if (n >= 3 && host && !hidden(host)) emptyRuns.push({sel: cssPath(host), html: snip(host), kind: 'br', count: n});
  }
  const presentational = Array.from(document.querySelectorAll('center, font, big, blink, marquee, strike, tt'))
      .slice(0, 20).map(el => ({sel: cssPath(el), html: snip(el), tag: el.localName}));
  const accesskeys = Array.from(document.querySelectorAll('[accesskey]')).slice(0, 20)
      .map(el => ({sel: cssPath(el), html: snip(el), key: (el.getAttribute('accesskey') || '').slice(0, 10)}));

  // ---- images ----
  const images = [];
  for (const img of Array.from(document.querySelectorAll('img')).slice(0, MAX)) {
    const r = img.getBoundingClientRect();
    const vis = !hidden(img);
    const role = norm(img.getAttribute('role')).toLowerCase();
    const src = String(img.currentSrc || img.src || '').slice(0, 500);
    // A pause control near the image: a button or link in the same figure/parent whose name says stop or pause.
    const scope = img.closest('figure, [role=group], section, article, div') || img.parentElement;
    const ctl = scope ? Array.from(scope.querySelectorAll('button, [role=button], a[href], input[type=checkbox]'))
        .some(b => /pause|stop|pysäytä|tauko|keskeytä|paus|stoppa|play|toista|spela/i.test(name(b))) : false;
    images.push({sel: cssPath(img), html: snip(img), src, vis,
                 alt: img.hasAttribute('alt') ? norm(img.getAttribute('alt')).slice(0, 300) : null,
                 title: img.hasAttribute('title') ? norm(img.getAttribute('title')).slice(0, 300) : null,
                 aria: norm(img.getAttribute('aria-label')) || norm(img.getAttribute('aria-labelledby')) ? 1 : 0,
                 role, w: Math.round(r.width), h: Math.round(r.height),
                 nw: img.naturalWidth || 0, nh: img.naturalHeight || 0, control: ctl,
                 in_link: !!img.closest('a[href], button')});
  }
  // Inline SVGs that draw content but give assistive technology nothing: no role, no name, not hidden.
  const svgs = [];
  for (const s of Array.from(document.querySelectorAll('svg')).slice(0, MAX)) {
    if (s.parentElement && s.parentElement.closest('svg')) continue;
    if (hidden(s) || s.hasAttribute('role')) continue;
    const t = s.querySelector(':scope > title');
    if (norm(s.getAttribute('aria-label')) || norm(s.getAttribute('aria-labelledby')) || (t && norm(t.textContent)))
      continue;
    const r = s.getBoundingClientRect();
    const texts = norm(Array.from(s.querySelectorAll('text')).map(x => x.textContent).join(' '));
    const shapes = s.querySelectorAll('path, rect, circle, ellipse, line, polyline, polygon').length;
    const ctl = s.closest('a[href], button, [role=button], [role=link]');
    svgs.push({sel: cssPath(s), html: snip(s), w: Math.round(r.width), h: Math.round(r.height),
               text: texts.slice(0, 200), shapes,
               control: ctl ? {sel: cssPath(ctl), name: name(ctl).slice(0, 200),
                               text: norm(ctl.textContent).slice(0, 200)} : null});
  }
  return {links, tables, duplicates, empty_runs: emptyRuns, presentational, accesskeys, images, svgs,
          truncated: all.length > MAX};
}
