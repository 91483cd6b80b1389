// In-page side of the safe interaction pass (auditor/gatherers/interact.py). One function, called with
// {op: ...}: 'setup' installs listeners (submit, focus, DOM mutations) and lists candidates; 'state' reads what
// happened since the last 'mark'; 'mark' starts a new observation window; 'teardown' removes everything.
// Candidates are returned as CSS paths and found again by Playwright, which sends real (trusted) input.
(arg) => {
  const KEY = Symbol.for('auditor.interact');
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
  const snip = (el) => {
    let s = '<' + el.localName;
    for (const a of el.attributes) {
      if (s.length > 200) { s += ' …'; break; }
      s += ` ${a.name}="${esc(a.value.slice(0, 60))}"`;
    }
    return s + '>';
  };
  const vis = (el) => {
    if (!el || !el.isConnected) return false;
    if (el.checkVisibility && !el.checkVisibility({visibilityProperty: true, opacityProperty: true})) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  const byId = (id) => id && document.getElementById(id);
  const live = (el) => {
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      const role = (e.getAttribute('role') || '').toLowerCase();
      const al = (e.getAttribute('aria-live') || '').toLowerCase();
      if (role === 'alert' || role === 'status' || role === 'log' || al === 'polite' || al === 'assertive') return true;
    }
    return false;
  };

  if (arg.op === 'setup') {
    const st = {submits: [], mutations: [], focus: null, observer: null, handlers: [], opens: [], unloads: 0};
    // Seen in the page as they happen (the browser's own events reach Python later, later still on a busy
    // machine): window.open calls, and navigations starting (beforeunload; passive, nothing is cancelled).
    st.open = window.open;
    window.open = function (...a) { st.opens.push(String(a[0] || '').slice(0, 300)); return st.open.apply(this, a); };
    const onUnload = () => { st.unloads++; };
    window.addEventListener('beforeunload', onUnload);
    st.handlers.push(['beforeunload', onUnload, false, window]);
    const onSubmit = (e) => st.submits.push({form: cssPath(e.target), prevented: null, ev: e});
    // Runs after page handlers (bubble phase on window): by then a handler has called preventDefault or not.
    const onSubmitLate = (e) => { const s = st.submits.find(x => x.ev === e); if (s) s.prevented = e.defaultPrevented; };
    document.addEventListener('submit', onSubmit, true);
    window.addEventListener('submit', onSubmitLate, false);
    st.handlers.push(['submit', onSubmit, true, document], ['submit', onSubmitLate, false, window]);
    st.observer = new MutationObserver((recs) => {
      for (const r of recs) {
        if (st.mutations.length > 300) return;
        if (r.type === 'childList') for (const n of r.addedNodes) st.mutations.push(n.nodeType === 3 ? n.parentElement : n);
        else if (r.type === 'characterData') st.mutations.push(r.target.parentElement);
        else st.mutations.push(r.target);
      }
    });
    st.observer.observe(document.documentElement, {subtree: true, childList: true, characterData: true,
      attributes: true, attributeFilter: ['hidden', 'style', 'class', 'aria-hidden', 'aria-invalid']});
    window[KEY] = st;
    const take = (list, n) => list.filter(vis).slice(0, n);
    const fields = Array.from(document.querySelectorAll('select, input, textarea'))
        .filter(f => !f.disabled && !f.readOnly && f.type !== 'hidden');
    const inputs = {
      selects: take(fields.filter(f => f.localName === 'select' && !f.multiple && f.options.length > 1), arg.maxEach),
      checks: take(fields.filter(f => ['checkbox', 'radio'].includes(f.type)), arg.maxEach),
      texts: take(fields.filter(f => f.localName === 'textarea' || (f.localName === 'input' &&
          ['text', 'search', 'email', 'tel', 'url', 'number'].includes(f.type))), arg.maxEach),
    };
    const out = {};
    for (const [k, list] of Object.entries(inputs))
      out[k] = list.map(f => ({sel: cssPath(f), html: snip(f), form: f.form ? cssPath(f.form) : '',
                               value: f.value, checked: !!f.checked,
                               next: f.localName === 'select' ? (Array.from(f.options).find(o => !o.selected && !o.disabled) || {}).value : null}));
    out.forms = Array.from(document.forms).filter(vis).slice(0, arg.maxForms).map(f => {
      const submit = Array.from(f.elements).find(e => (e.localName === 'button' && (e.type || 'submit') === 'submit') ||
                                                       (e.localName === 'input' && ['submit', 'image'].includes(e.type)));
      return {sel: cssPath(f), html: snip(f), submit: submit && vis(submit) ? cssPath(submit) : '',
              native: !f.noValidate && !f.checkValidity(), fields: Array.from(f.elements)
                  .filter(e => ['input', 'select', 'textarea'].includes(e.localName) && e.type !== 'hidden' &&
                               e.type !== 'submit').length};
    }).filter(f => f.submit && f.fields > 0);
    // (b) Elements that open a dialog: aria-haspopup=dialog, aria-controls pointing at a hidden dialog, or the
    // data-toggle="modal" convention (Bootstrap) with its target.
    const isDialog = (el) => !!el && (el.localName === 'dialog' ||
        ['dialog', 'alertdialog'].includes((el.getAttribute('role') || '').toLowerCase()) ||
        el.getAttribute('aria-modal') === 'true');
    const targetOf = (t) => {
      const ids = (t.getAttribute('aria-controls') || '').split(/\s+/).filter(Boolean);
      const dt = t.getAttribute('data-bs-target') || t.getAttribute('data-target') ||
                 ((t.getAttribute('href') || '').startsWith('#') ? t.getAttribute('href') : '');
      if (dt && dt.startsWith('#')) ids.push(dt.slice(1));
      return ids.map(byId).find(isDialog) || null;
    };
    out.dialogs = Array.from(document.querySelectorAll('button, a[href], [role=button], [aria-haspopup]'))
      .filter(t => vis(t) && !t.disabled)
      .map(t => ({t, d: targetOf(t), hp: (t.getAttribute('aria-haspopup') || '').toLowerCase(),
                  toggle: /modal/i.test(t.getAttribute('data-bs-toggle') || t.getAttribute('data-toggle') || '')}))
      .filter(x => (x.d && !vis(x.d)) || x.hp === 'dialog' || x.toggle)
      .slice(0, arg.maxDialogs)
      .map(x => ({sel: cssPath(x.t), html: snip(x.t), dialog: x.d ? cssPath(x.d) : ''}));
    st.openDialogs = new Set(Array.from(document.querySelectorAll('dialog, [role=dialog], [role=alertdialog], [aria-modal=true]')).filter(vis));
    return out;
  }

  const st = window[KEY];
  if (!st) return null;
  if (arg.op === 'mark') {
    st.submits = []; st.mutations = []; st.opens = []; st.unloads = 0;
    st.focus = document.activeElement;
    return true;
  }
  if (arg.op === 'state') {
    const active = document.activeElement;
    // Focus on the field just changed is where the user left it; anywhere else it was moved by a script.
    const target = arg.target ? document.querySelector(arg.target) : null;
    const moved = !!active && active !== st.focus && active !== target && active !== document.body &&
                  active !== document.documentElement;
    // Text that appeared (or changed) since the mark, visible, with whether it is announced (a live region) and
    // which fields point at it (aria-describedby / aria-errormessage) or sit next to it.
    const seen = new Set();
    const texts = [];
    for (const el of st.mutations) {
      if (!el || el.nodeType !== 1 || seen.has(el) || !vis(el) || texts.length >= 20) continue;
      seen.add(el);
      const t = norm(el.innerText);
      if (!t || t.length > 400 || el.matches('form, body, main, html')) continue;
      if (texts.some(x => x.el.contains(el))) continue;
      texts.push({el, text: t.slice(0, 200), sel: cssPath(el), live: live(el)});
    }
    const invalid = [];
    const scope = arg.form ? document.querySelector(arg.form) : document;
    if (scope) {
      for (const f of scope.querySelectorAll('input, select, textarea')) {
        if (invalid.length >= 20 || f.type === 'hidden' || !vis(f)) continue;
        const aria = f.getAttribute('aria-invalid') === 'true';
        if (!aria && !st.mutations.includes(f)) continue;
        const refs = ((f.getAttribute('aria-describedby') || '') + ' ' + (f.getAttribute('aria-errormessage') || ''))
            .split(/\s+/).map(byId).filter(Boolean);
        const labels = Array.from(f.labels || []);
        const near = f.closest('p, div, li, fieldset, td') || f.parentElement;
        const assoc = texts.filter(x => refs.some(r => r.contains(x.el) || x.el.contains(r)) ||
                                        labels.some(l => l.contains(x.el)));
        const nearby = texts.filter(x => near && near.contains(x.el));
        invalid.push({sel: cssPath(f), html: snip(f), aria, assoc: assoc.length > 0, near: nearby.length > 0,
                      ref_text: norm(refs.map(r => r.innerText).join(' ')).slice(0, 200)});
      }
    }
    const focusInError = !!(active && texts.some(x => x.el.contains(active) || active.contains(x.el)));
    const focusOnInvalid = !!(active && invalid.some(i => document.querySelector(i.sel) === active));
    return {url: location.href, moved, active: moved ? {sel: cssPath(active), html: snip(active)} : null,
            submits: st.submits.map(s => ({form: s.form, prevented: s.prevented})),
            opens: st.opens.slice(0, 3), unloads: st.unloads,
            texts: texts.map(({el, ...rest}) => rest), invalid, focus_in_error: focusInError,
            focus_on_invalid: focusOnInvalid};
  }
  if (arg.op === 'dialog') {
    // The dialog opened by the trigger: its aria-controls target if now shown, else a dialog shown that was not.
    let d = arg.dialog ? document.querySelector(arg.dialog) : null;
    if (!d || !vis(d)) d = Array.from(document.querySelectorAll('dialog, [role=dialog], [role=alertdialog], [aria-modal=true]'))
        .find(x => vis(x) && !st.openDialogs.has(x)) || null;
    const trigger = arg.trigger ? document.querySelector(arg.trigger) : null;
    const a = document.activeElement;
    return {open: !!d, sel: d ? cssPath(d) : '', modal: !!d && (d.getAttribute('aria-modal') === 'true' ||
                                                                 (d.localName === 'dialog' && d.matches(':modal'))),
            inside: !!(d && a && d.contains(a)), on_trigger: !!(trigger && a === trigger),
            // On the page behind the dialog (focus on <body> is focus gone to the browser's own controls).
            outside: !!(d && a && a !== document.body && a !== document.documentElement && !d.contains(a)),
            active: a && a !== document.body ? cssPath(a) : ''};
  }
  if (arg.op === 'restore') {
    // Put a field back as the page gave it, without events (no handler runs again).
    const f = document.querySelector(arg.target);
    if (!f) return false;
    if (f.type === 'checkbox' || f.type === 'radio') f.checked = arg.checked; else f.value = arg.value;
    return true;
  }
  if (arg.op === 'teardown') {
    st.observer.disconnect();
    window.open = st.open;
    for (const [type, fn, cap, target] of st.handlers) target.removeEventListener(type, fn, cap);
    delete window[KEY];
    return true;
  }
  return null;
}
