"""The plain-language view of one page: its text, with the sentences that plain-language rules flagged marked and
the rules' messages and suggestions beside them.

The text comes from the page's stored rendered DOM (`dom.html`, the `dom` gatherer): the main content when the
page marks one, as blocks (paragraphs, list items, headings, cells). A flagged sentence is found by its text in
the blocks; one that is not found (the rule saw text this extraction does not) is listed after the text, so no
flag is ever lost. The language of each block is the nearest `lang` attribute, for the report's own markup.

Findings are read as the language rules write them: `evidence` may carry "sentence" (the flagged text),
"suggestion", "lang" and "words"; without them the finding's snippet and message stand in.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from reports.data import LANG_TAG, text_lang_of

MAX_BLOCKS = 400
MAX_CHARS = 60_000
BLOCK_TAGS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "blockquote", "figcaption",
              "caption", "summary", "legend", "label", "pre"}
SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "math", "iframe", "object", "head", "select",
             "option", "textarea", "button"}


def _ws(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def extract_blocks(html: str) -> tuple[list[dict[str, Any]], bool]:
    """[{"text", "lang"}] of the page's main content, and whether it was cut."""
    import lxml.html

    try:
        doc = lxml.html.document_fromstring(html)
    except (ValueError, TypeError, lxml.etree.ParserError):
        return [], False
    root = doc.find(".//main")
    if root is None:
        root = next(iter(doc.xpath("//*[@role='main']")), None)
    if root is None:
        root = doc.find("body")
    if root is None:
        root = doc
    blocks: list[dict[str, Any]] = []
    total = 0

    def lang_of(el) -> str | None:
        for a in el.iterancestors():
            v = a.get("lang")
            if v is not None:
                v = v.strip()
                return v if LANG_TAG.fullmatch(v) else None
        return None

    def walk(el) -> bool:
        nonlocal total
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in SKIP_TAGS or el.get("hidden") is not None or el.get("aria-hidden") == "true":
            return True
        if tag in BLOCK_TAGS and not any(c.tag in BLOCK_TAGS for c in el.iterdescendants() if isinstance(c.tag, str)):
            text = _ws(" ".join(t for t in el.xpath(".//text()[not(ancestor::script or ancestor::style)]")))
            if text:
                own = el.get("lang")
                lang = own.strip() if own and LANG_TAG.fullmatch(own.strip()) else lang_of(el)
                blocks.append({"text": text, "lang": lang})
                total += len(text)
            return len(blocks) < MAX_BLOCKS and total < MAX_CHARS
        for child in el:
            if not walk(child):
                return False
        return True

    complete = walk(root)
    return blocks, not complete


def page_blocks(artifact_dir: str) -> tuple[list[dict[str, Any]], bool] | None:
    if not artifact_dir:
        return None
    p = Path(artifact_dir) / "dom.html"
    if not p.is_file():
        return None
    try:
        return extract_blocks(p.read_text(encoding="utf-8", errors="replace"))
    except Exception:  # a page we cannot parse costs its plain-language view, not the report
        return [], False


def _sentence(f: dict[str, Any]) -> str:
    ev = f.get("evidence") or {}
    s = ev.get("sentence") if isinstance(ev.get("sentence"), str) else None
    return _ws(s or f.get("snippet") or "")


def view(page: dict[str, Any], findings: list[dict[str, Any]]) -> dict[str, Any] | None:
    """{"paragraphs": [{"lang", "segments": [{"text", "note"}], "notes": [...]}], "unplaced": [...],
    "notes": [...], "truncated"} or None when the page has no stored text."""
    got = page_blocks(page.get("artifact_dir") or "")
    flagged = [f for f in findings if f["rule"].startswith("PL-") and f["category"] != "error"]
    if got is None and not flagged:
        return None
    blocks, truncated = got if got is not None else ([], False)
    notes: dict[str, dict[str, Any]] = {}
    for f in flagged:
        s = _sentence(f)
        if not s:
            continue
        ev = f.get("evidence") or {}
        sug = ev.get("suggestion")
        # The message in the language of the text (a Finnish editor reads Finnish advice on Finnish text).
        lang = text_lang_of(f)
        message = (f.get("messages") or {}).get(lang or "") or f.get("message") or ""
        issue = {"rule": f["rule"], "message": message, "lang": lang if message != f.get("message") else "en",
                 "suggestion": sug if isinstance(sug, str) else ""}
        n = notes.setdefault(s, {"sentence": s, "issues": [], "lang": text_lang_of(f)})
        n["issues"].append(issue)
    # Place each sentence at its first occurrence, longest first so a sentence inside another is not split.
    placed: dict[int, list[tuple[int, int, dict]]] = {}
    for s in sorted(notes, key=len, reverse=True):
        for bi, b in enumerate(blocks):
            i = b["text"].find(s)
            if i < 0:
                continue
            spans = placed.setdefault(bi, [])
            if any(not (i + len(s) <= a or i >= z) for a, z, _ in spans):
                continue
            spans.append((i, i + len(s), notes[s]))
            notes[s]["placed"] = True
            break
    number = 0
    paragraphs = []
    for bi, b in enumerate(blocks):
        spans = sorted(placed.get(bi, []), key=lambda x: x[0])
        segs, pos, pnotes = [], 0, []
        for a, z, n in spans:
            number += 1
            n["number"] = number
            if a > pos:
                segs.append({"text": b["text"][pos:a], "note": None})
            segs.append({"text": b["text"][a:z], "note": number})
            pnotes.append(n)
            pos = z
        if pos < len(b["text"]):
            segs.append({"text": b["text"][pos:], "note": None})
        paragraphs.append({"lang": b["lang"], "segments": segs, "notes": pnotes})
    unplaced = []
    for n in notes.values():
        if not n.get("placed"):
            number += 1
            n["number"] = number
            unplaced.append(n)
    return {"paragraphs": paragraphs, "unplaced": unplaced, "notes": list(notes.values()), "truncated": truncated}
