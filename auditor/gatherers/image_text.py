"""Text inside images, read with OCR (Tesseract: Finnish, Swedish and English), for ACC-4 images of text.

Each rendered image (img, input type=image, object with an image, SVG image, CSS background image) of at least
MIN_W × MIN_H CSS px is captured from the page at a scale that makes small images readable, and Tesseract reads
it. Only words it is sure of are kept (confidence and length below), so photos do not turn into letter soup.

Tesseract comes from Debian: tesseract-ocr with tesseract-ocr-fin, -swe and -eng. Without it the gatherer
reports `available: false` and ACC-4 stays silent (auditor act then lists 0va7u6 as untested).
"""
from __future__ import annotations

import asyncio
import base64
import os
import re
import shutil

from auditor.render import page_gatherer

# Images smaller than this hold no readable text at normal zoom (an icon, a bullet).
MIN_W, MIN_H = 24, 12
# The largest images first, at most this many per page: OCR costs about a second per image on these machines.
MAX_IMAGES = 8
# Captured so that the image is at least this tall in pixels (Tesseract reads text from ~20 px cap height);
# the scale is capped because large captures cost time and add nothing.
TARGET_H, MAX_SCALE = 150, 4.0
# A word counts when Tesseract's confidence is at least this and it has two or more letters or digits ("W3C");
# the rules ask for more (ACC-4: three letters). Measured on the ACT images here: photos (books, fireworks)
# give no word above 80 with three letters, Times Square two; text images give every word.
MIN_CONF = 80.0
MIN_CHARS = 2
LANGS = "fin+swe+eng"
OCR_TIMEOUT_S = 20
# The same logo or banner appears on every page of a site: its words are read once per process (keyed by image
# URL and rendered size; inline SVG and canvas, which have no URL, are read each time).
CACHE_SIZE = 2000
_CACHE: dict[tuple, list] = {}

CANDIDATES = """([minW, minH, maxN]) => {
  const out = [];
  const hiddenByAria = (el) => { for (let e = el; e; e = e.parentElement) if (e.getAttribute &&
      e.getAttribute('aria-hidden') === 'true') return true; return false; };
  const labelOf = (el) => {
    const ids = (el.getAttribute('aria-labelledby') || '').trim();
    if (ids) {
      const t = ids.split(/\\s+/).map(id => document.getElementById(id)).filter(Boolean)
                   .map(e => e.textContent).join(' ').trim();
      if (t) return t;
    }
    return (el.getAttribute('aria-label') || el.getAttribute('alt') || el.getAttribute('title') || '').trim();
  };
  const add = (el, kind, src) => {
    const cs = getComputedStyle(el);
    if (cs.display === 'none' || cs.visibility !== 'visible' || parseFloat(cs.opacity) === 0) return;
    const r = el.getBoundingClientRect();
    if (r.width < minW || r.height < minH) return;
    out.push({kind, src: (src || '').slice(0, 300), x: r.left + scrollX, y: r.top + scrollY, w: r.width,
              h: r.height, html: el.outerHTML.slice(0, 300), ariaHidden: hiddenByAria(el),
              name: labelOf(el).slice(0, 500), role: (el.getAttribute('role') || '').trim().toLowerCase(), sel: null, el});
  };
  for (const el of document.querySelectorAll('img')) if (el.complete && el.naturalWidth > 0) add(el, 'img', el.currentSrc || el.src);
  for (const el of document.querySelectorAll('input[type=image i]')) add(el, 'input-image', el.src);
  for (const el of document.querySelectorAll('object[data]')) {
    const t = (el.getAttribute('type') || '') + ' ' + (el.getAttribute('data') || '');
    if (/image\\/|\\.(png|jpe?g|gif|webp|svg|bmp)(\\?|$)/i.test(t)) add(el, 'object', el.data);
  }
  for (const el of document.querySelectorAll('svg image')) add(el, 'svg-image', el.getAttribute('href') || el.getAttribute('xlink:href'));
  // Named graphics drawn in the page (ACC-3 compares what they show with their name).
  for (const el of document.querySelectorAll('svg[aria-label], svg[aria-labelledby], svg[role=img i], canvas[aria-label], canvas[aria-labelledby]'))
    if (!(el.localName === 'svg' && el.parentElement && el.parentElement.closest('svg'))) add(el, el.localName, '');
  for (const el of document.querySelectorAll('body *')) {
    const bg = getComputedStyle(el).backgroundImage;
    const m = bg && bg !== 'none' && /url\\(["']?([^"')]+)/.exec(bg);
    if (m) add(el, 'background', m[1]);
  }
  out.sort((a, b) => b.w * b.h - a.w * a.h);
  const path = (el) => {
    const parts = [];
    for (let e = el; e && e.nodeType === 1 && e !== document.documentElement; e = e.parentElement) {
      let i = 1;
      for (let s = e.previousElementSibling; s; s = s.previousElementSibling) if (s.localName === e.localName) i++;
      parts.unshift(`${e.localName}:nth-of-type(${i})`);
    }
    return parts.join(' > ') || 'html';
  };
  return out.slice(0, maxN).map(c => { c.sel = c.el.id ? '#' + CSS.escape(c.el.id) : path(c.el); delete c.el; return c; });
}"""


def tesseract() -> str | None:
    return shutil.which("tesseract")


def words_from_tsv(tsv: str) -> list[dict]:
    """Confident words of Tesseract's TSV output: [{text, conf}]."""
    out = []
    for line in tsv.splitlines()[1:]:
        cols = line.split("\t")
        if len(cols) < 12:
            continue
        try:
            conf = float(cols[10])
        except ValueError:
            continue
        word = cols[11].strip()
        chars = re.sub(r"[\W_]", "", word)
        if conf >= MIN_CONF and len(chars) >= MIN_CHARS:
            out.append({"text": word, "conf": round(conf, 1)})
    return out


async def ocr(png: bytes, binary: str) -> list[dict]:
    env = dict(os.environ, OMP_THREAD_LIMIT="1")  # two cores: parallel pages, not threads inside one OCR
    proc = await asyncio.create_subprocess_exec(
        binary, "stdin", "stdout", "-l", LANGS, "--psm", "11", "tsv",
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL, env=env)
    try:
        out, _ = await asyncio.wait_for(proc.communicate(png), OCR_TIMEOUT_S)
    except asyncio.TimeoutError:
        proc.kill()
        return []
    return words_from_tsv(out.decode("utf-8", "replace"))


@page_gatherer("image_text")
async def image_text(page, viewport, out_dir) -> dict:
    binary = tesseract()
    if not binary:
        return {"available": False, "images": []}
    cands = await page.evaluate(CANDIDATES, [MIN_W, MIN_H, MAX_IMAGES])
    if not cands:
        return {"available": True, "images": []}
    cdp = await page.context.new_cdp_session(page)
    captured = False
    try:
        for c in cands:
            key = (c["src"], round(c["w"]), round(c["h"])) if c["src"] else None
            if key in _CACHE:
                c["words"] = _CACHE[key]
                continue
            scale = max(1.0, min(MAX_SCALE, TARGET_H / max(c["h"], 1)))
            captured = True
            shot = await cdp.send("Page.captureScreenshot", {
                "format": "png", "captureBeyondViewport": True,
                "clip": {"x": c["x"], "y": c["y"], "width": c["w"], "height": c["h"], "scale": scale}})
            c["words"] = await ocr(base64.b64decode(shot["data"]), binary)
            if key is not None:
                if len(_CACHE) >= CACHE_SIZE:
                    _CACHE.pop(next(iter(_CACHE)))
                _CACHE[key] = c["words"]
    finally:
        await cdp.detach()
        if captured:
            # Page.captureScreenshot with captureBeyondViewport drops the viewport emulation: the page then lays
            # out at the window's size, and axe at "mobile" saw the desktop layout (seen on the demo site: a
            # mobile-only button missed in about half the runs). Set the emulated size again, changed and back,
            # so Playwright sends it whatever it thinks the size is.
            await page.set_viewport_size({"width": viewport.width + 1, "height": viewport.height})
            await page.set_viewport_size({"width": viewport.width, "height": viewport.height})
    return {"available": True, "images": [{k: v for k, v in c.items() if k not in ("x", "y")} for c in cands]}
