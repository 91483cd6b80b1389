"""Text blocks of an HTML document (the rendered DOM of a crawled page, or a file), parsed with Beautiful Soup.

Every piece of text belongs to its nearest block element (heading, paragraph, list item, table cell, label,
legend, caption, description list item, or a container holding text directly), so a block's text is what a reader
sees as one unit. Each block has a CSS selector (for evidence), its language from `lang` / `xml:lang` inherited
from its ancestors, and whether it is boilerplate.

Boilerplate (left out of the page's plain-language score, kept for the language-of-parts check): when the page
has a `main` landmark, everything outside it; otherwise navigation, header, footer and complementary landmarks
(by element or ARIA role), and cookie or consent banners, breadcrumbs and skip links (by id or class name).
Hidden content (`hidden`, `aria-hidden="true"`, inline `display:none` / `visibility:hidden`) is left out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

BLOCK_TAGS = frozenset("""
h1 h2 h3 h4 h5 h6 p li td th dt dd label legend caption figcaption blockquote summary pre address div section
article main aside nav header footer body form fieldset ul ol dl table tbody thead tfoot tr figure details dialog
option select button
""".split())
SKIP_TAGS = frozenset("script style noscript template svg math iframe object canvas head video audio map".split())
KIND = {"h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading", "h6": "heading",
        "p": "paragraph", "li": "list-item", "td": "table-cell", "th": "table-cell", "dt": "list-item",
        "dd": "list-item", "label": "label", "legend": "label", "caption": "caption", "figcaption": "caption",
        "blockquote": "quote", "summary": "heading", "option": "control", "button": "control", "select": "control"}
BOILER_TAGS = frozenset({"nav", "header", "footer", "aside"})
BOILER_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search"})
BOILER_NAMES = re.compile(r"cookie|consent|gdpr|evaste|kakor|breadcrumb|murupolku|skip-?link|skip-?to|"
                          r"hyppaa|siirry-sisaltoon", re.I)
HELP_NAMES = re.compile(r"help|hint|ohje|instruction|description|form-text|field-info", re.I)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_CSS_IDENT = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
_WS = re.compile(r"[ \t\r\f\v\u00a0\u200b]+")
MAX_BLOCK_CHARS = 20_000


@dataclass
class Block:
    selector: str
    kind: str  # heading | paragraph | list-item | table-cell | label | help | caption | quote | control | text | title
    text: str
    lang: str  # effective lang attribute ("" when none)
    own_lang: bool  # lang set on the block or an ancestor below <html>
    boilerplate: bool
    detected: dict = field(default_factory=dict)  # filled by the analysis: {"lang", "confidence", "words"}

    def to_json(self) -> dict:
        return {"selector": self.selector, "kind": self.kind, "text": self.text, "lang": self.lang,
                "own_lang": self.own_lang, "boilerplate": self.boilerplate, "detected": self.detected}


@dataclass
class Document:
    lang: str | None  # the html element's lang (None when absent)
    title: str
    blocks: list[Block]
    has_main: bool


def _hidden(el: Tag) -> bool:
    if el.has_attr("hidden") or (el.get("aria-hidden") or "").strip().lower() == "true":
        return True
    if el.name == "input" and (el.get("type") or "").lower() == "hidden":
        return True
    style = el.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


def _names(el: Tag) -> str:
    cls = el.get("class") or []
    return " ".join([el.get("id") or "", *(cls if isinstance(cls, list) else [cls])])


class _Selectors:
    """CSS selectors: from the nearest ancestor with a unique id, else from `body`; nth-of-type only where needed."""

    def __init__(self, soup: BeautifulSoup):
        counts: dict[str, int] = {}
        for el in soup.find_all(id=True):
            counts[el["id"]] = counts.get(el["id"], 0) + 1
        self.unique_ids = {i for i, n in counts.items() if n == 1 and _CSS_IDENT.match(i)}
        self.cache: dict[int, str] = {}
        self.positions: dict[int, dict] = {}

    def __call__(self, el: Tag) -> str:
        key = id(el)
        if key in self.cache:
            return self.cache[key]
        if el.get("id") in self.unique_ids:
            sel = f"#{el['id']}"
        elif el.name in ("html", "body") or el.parent is None or not isinstance(el.parent, Tag):
            sel = el.name
        else:
            nth, total = self._position(el)
            part = el.name if total == 1 else f"{el.name}:nth-of-type({nth})"
            parent = self(el.parent)
            sel = f"{parent} > {part}"
        self.cache[key] = sel
        return sel

    def _position(self, el: Tag) -> tuple[int, int]:
        """(1-based nth-of-type, count of that type) among the parent's children. Each parent's children are
        indexed once: looking every element up with list.index made pages with thousands of siblings quadratic
        (measured: 4,000 list items took 21 s)."""
        parent = el.parent
        index = self.positions.get(id(parent))
        if index is None:
            index = {}
            counts: dict[str, int] = {}
            for child in parent.children:
                if isinstance(child, Tag):
                    counts[child.name] = counts.get(child.name, 0) + 1
                    index[id(child)] = (counts[child.name], child.name)
            index["__counts__"] = counts  # type: ignore[index]
            self.positions[id(parent)] = index
        nth, name = index[id(el)]
        return nth, index["__counts__"][name]  # type: ignore[index]


def parse(html: str) -> Document:
    soup = BeautifulSoup(html, "lxml")
    root = soup.find("html")
    page_lang = inherited = None
    if isinstance(root, Tag):
        page_lang = root.get("lang")  # WCAG 3.1.1 in HTML asks for `lang`; `xml:lang` alone is not enough
        inherited = page_lang if page_lang is not None else root.get("xml:lang")
    title_el = soup.find("title")
    title = _WS.sub(" ", title_el.get_text(" ")).strip() if isinstance(title_el, Tag) else ""
    main = soup.find("main") or soup.find(attrs={"role": "main"})
    described = set()
    for el in soup.find_all(attrs={"aria-describedby": True}):
        described.update((el.get("aria-describedby") or "").split())
    sel = _Selectors(soup)
    texts: dict[int, list[str]] = {}
    order: list[Tag] = []
    info: dict[int, tuple[str, bool, bool, bool]] = {}  # block id -> (lang, own_lang, boilerplate, help)

    def walk(el: Tag, block: Tag, lang: str, own: bool, boiler: bool, help_: bool) -> None:
        for child in el.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                s = str(child)
                if not s.strip():
                    if id(block) in texts:  # whitespace between inline elements separates their words
                        texts[id(block)].append(" ")
                    continue
                if s:
                    if id(block) not in texts:
                        texts[id(block)] = []
                        order.append(block)
                        info[id(block)] = (lang, own, boiler, help_)
                    texts[id(block)].append(s)
                continue
            if not isinstance(child, Tag) or child.name in SKIP_TAGS or _hidden(child):
                continue
            if child.name == "br":
                texts.setdefault(id(block), []).append("\n")
                continue
            c_lang, c_own, lang_change = lang, own, False
            for attr in ("lang", "xml:lang"):
                if child.has_attr(attr):
                    c_lang, c_own = (child.get(attr) or "").strip(), True
                    lang_change = c_lang.lower() != lang.lower()
                    break
            role = (child.get("role") or "").lower()
            names = _names(child)
            c_boiler = boiler or child.name in BOILER_TAGS or role in BOILER_ROLES or \
                bool(names.strip() and BOILER_NAMES.search(names))
            if main is not None and child is main:
                c_boiler = False
            c_help = help_ or (child.get("id") in described) or bool(names.strip() and HELP_NAMES.search(names))
            # A part in another language is a block of its own, so that it is analysed in its own language.
            c_block = child if child.name in BLOCK_TAGS or lang_change or (c_help and not help_) else block
            walk(child, c_block, c_lang, c_own, c_boiler, c_help)

    body = soup.find("body") or soup
    start_boiler = main is not None
    walk(body, body if isinstance(body, Tag) else soup, (inherited or "").strip(), False, start_boiler, False)
    blocks = []
    if title:
        blocks.append(Block("title", "title", title, (inherited or "").strip(), False, True))
    seen: set[tuple[str, str]] = set()
    for el in order:
        raw = "".join(texts[id(el)])
        text = "\n".join(_WS.sub(" ", line).strip() for line in raw.split("\n"))
        text = re.sub(r"\n{2,}", "\n", text).strip()[:MAX_BLOCK_CHARS]
        if not text:
            continue
        lang, own, boiler, help_ = info[id(el)]
        key = (text, lang)
        if key in seen:  # the same text twice on one page (e.g. a repeated notice) counts once
            boiler = True
        seen.add(key)
        kind = "help" if help_ and el.name not in KIND else KIND.get(el.name, "text")
        blocks.append(Block(sel(el), kind, text, lang, own, boiler))
    return Document(lang=page_lang, title=title, blocks=blocks, has_main=main is not None)


def plain_text_document(text: str, lang: str | None = None) -> Document:
    """Plain text as blocks: paragraphs are separated by blank lines."""
    blocks = []
    for i, para in enumerate(re.split(r"\n\s*\n", text.replace("\r\n", "\n"))):
        para = "\n".join(_WS.sub(" ", line).strip() for line in para.split("\n")).strip()
        if para:
            blocks.append(Block(f"paragraph {i + 1}", "paragraph", para, lang or "", False, False))
    return Document(lang=lang, title="", blocks=blocks, has_main=False)
