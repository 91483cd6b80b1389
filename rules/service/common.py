"""Shared reading of stored artifacts for the SV rules: rendered DOM (links with their text, forms, sub-resources,
main text), page facts, the crawl's link graph and click distances, page languages and law references.

Everything read here comes from crawled pages and is untrusted: it is parsed with lxml (no scripts run), cut to
bounded lengths, and only ever used as data (evidence strings, URLs compared as strings).
"""
from __future__ import annotations

import os
import re
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qsl, urljoin, urlsplit

from auditor.registry import SiteArtifacts, SitePage
from spiders.urls import canonical, is_http_url

MAX_SNIPPET = 300  # evidence, not an archive
MAX_TEXT = 200_000  # main text kept per page (a statement is a few thousand characters)
MAX_ANCHORS = 2000  # links parsed per page; mega-menus have hundreds

# Legal and policy references quoted in findings (evidence["law"]) and docs/service.md.
LAW = {
    "statement": "Laki digitaalisten palvelujen tarjoamisesta 306/2019 15 § (saavutettavuusseloste); "
                 "Directive (EU) 2016/2102 art. 7; Commission Implementing Decision (EU) 2018/1523",
    "feedback": "Julkisen hallinnon asiakkuusstrategia (feedback channel); accessibility feedback: 306/2019 15 §",
    "languages": "Kielilaki 423/2003 32 § (bilingual authorities inform the public in Finnish and Swedish)",
    "security": "Laki julkisen hallinnon tiedonhallinnasta 906/2019 13 § (information security); GDPR art. 32",
    "advisory_security": "Best practice (OWASP Secure Headers, Kyberturvallisuuskeskus); not a legal duty by itself",
    "documents": "306/2019 (documents on a site are in scope of the accessibility requirements); EN 301 549 clause 10",
    "links": "Best practice (quality of the service); not a legal duty by itself",
}


def snippet(s: str, n: int = MAX_SNIPPET) -> str:
    s = re.sub(r"\s+", " ", s or "").strip()
    return s if len(s) <= n else s[: n - 1] + "…"


# Page facts ---------------------------------------------------------------------------------------------------------
def _stamp(path: str) -> tuple[int, int]:
    try:
        st = os.stat(path)
        return st.st_mtime_ns, st.st_size
    except OSError:
        return 0, 0


@lru_cache(maxsize=4096)
def _facts(dir_: str, stamp: tuple[int, int]) -> dict[str, Any]:
    import json

    p = os.path.join(dir_, "page.json")
    try:
        with open(p, encoding="utf-8") as f:
            d = json.load(f)
        return d if isinstance(d, dict) else {}
    except (OSError, ValueError):
        return {}


def facts(page: SitePage) -> dict[str, Any]:
    """page.json of a stored page ({} when absent). Cached; treat as read-only."""
    if not page.dir:
        return {}
    return _facts(page.dir, _stamp(os.path.join(page.dir, "page.json")))


def final_url(page: SitePage) -> str:
    f = facts(page)
    return str(f.get("final_url") or f.get("url") or page.url)


# Rendered DOM -------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Anchor:
    href: str  # as the page resolves it (absolute for http(s); mailto:/tel: kept as written)
    url: str  # canonical form for http(s) links, "" otherwise
    text: str  # visible text, else aria-label / title / image alt
    lang: str  # lang attribute on the link (language switchers set it)
    hreflang: str
    selector: str
    html: str
    region: str  # nearest of nav / header / footer / main / aside ("" when none)


@dataclass(frozen=True)
class Form:
    action: str  # absolute submission URL (the page URL when action is empty)
    method: str
    selector: str
    html: str
    fields: tuple[str, ...]  # input types and autocomplete tokens: what the form asks for


@dataclass(frozen=True)
class Resource:
    url: str
    tag: str
    selector: str
    html: str


@dataclass(frozen=True)
class Dom:
    title: str
    h1: str
    lang: str
    anchors: tuple[Anchor, ...]
    forms: tuple[Form, ...]
    resources: tuple[Resource, ...]  # sub-resources named in markup (img, script, stylesheet, iframe, media)
    meta_csp: str = ""  # <meta http-equiv="Content-Security-Policy" content>


_ID = re.compile(r"[A-Za-z][\w-]*")
_REGIONS = {"nav": "nav", "header": "header", "footer": "footer", "main": "main", "aside": "aside"}
_ROLE_REGIONS = {"navigation": "nav", "banner": "header", "contentinfo": "footer", "main": "main",
                 "complementary": "aside"}


def css_path(el) -> str:
    """A CSS selector for an lxml element: nearest id, then tag:nth-of-type steps."""
    parts: list[str] = []
    while el is not None and isinstance(el.tag, str):
        tag = el.tag.lower()
        id_ = el.get("id")
        if id_ and _ID.fullmatch(id_) and tag != "html":
            parts.append(f"{tag}#{id_}")
            break
        parent = el.getparent()
        if parent is None:
            parts.append(tag)
            break
        same = [s for s in parent if isinstance(s.tag, str) and s.tag.lower() == tag]
        parts.append(f"{tag}:nth-of-type({same.index(el) + 1})" if len(same) > 1 else tag)
        el = parent
    return " > ".join(reversed(parts))


def outer_html(el) -> str:
    import lxml.html

    try:
        return snippet(lxml.html.tostring(el, encoding="unicode", with_tail=False))
    except Exception:
        return ""


def _region(el) -> str:
    for anc in el.iterancestors():
        if not isinstance(anc.tag, str):
            continue
        r = _REGIONS.get(anc.tag.lower()) or _ROLE_REGIONS.get((anc.get("role") or "").lower())
        if r:
            return r
    return ""


def _label(el) -> str:
    text = " ".join(el.text_content().split())
    if not text:
        alts = [i.get("alt", "") for i in el.iter("img")]
        text = el.get("aria-label") or " ".join(a for a in alts if a) or el.get("title") or ""
    return snippet(text, 200)


def _parse(page: SitePage):
    if not page.dir:
        return None
    path = os.path.join(page.dir, "dom.html")
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError:
        return None
    import lxml.html

    try:
        # dom.html is written as UTF-8 whatever the page declared (auditor/gatherers/dom.py).
        return lxml.html.document_fromstring(raw, parser=lxml.html.HTMLParser(encoding="utf-8"))
    except Exception:
        return None


def _base(root, page_url: str) -> str:
    for b in root.iter("base"):
        if b.get("href"):
            return urljoin(page_url, b.get("href").strip())
    return page_url


_SUBRESOURCES = (
    ("img", "src"), ("script", "src"), ("iframe", "src"), ("frame", "src"), ("video", "src"), ("audio", "src"),
    ("source", "src"), ("track", "src"), ("embed", "src"), ("object", "data"), ("input", "src"),
    ("video", "poster"),
)


def _dom(page: SitePage) -> Dom | None:
    root = _parse(page)
    if root is None:
        return None
    base = _base(root, final_url(page))
    anchors: list[Anchor] = []
    for el in root.iter("a", "area"):
        if len(anchors) >= MAX_ANCHORS:
            break
        raw = (el.get("href") or "").strip()
        if not raw or raw.startswith("#") or raw.lower().startswith("javascript:"):
            continue
        href = urljoin(base, raw) if not raw.lower().startswith(("mailto:", "tel:")) else raw
        url = canonical(href) if is_http_url(href) else ""
        anchors.append(Anchor(href=href[:2000], url=url, text=_label(el), lang=(el.get("lang") or "").strip(),
                              hreflang=(el.get("hreflang") or "").strip(), selector=css_path(el),
                              html=outer_html(el), region=_region(el)))
    forms: list[Form] = []
    for el in root.iter("form"):
        action = (el.get("action") or "").strip()
        fields = []
        for inp in el.iter("input", "textarea", "select"):
            t = (inp.get("type") or inp.tag).lower()
            if t in ("hidden", "submit", "button", "reset", "image"):
                continue
            fields.append(t)
            if inp.get("autocomplete"):
                fields.append("autocomplete:" + inp.get("autocomplete").strip().lower()[:40])
        forms.append(Form(action=urljoin(base, action) if action else final_url(page),
                          method=(el.get("method") or "get").strip().lower(), selector=css_path(el),
                          html=outer_html(el), fields=tuple(dict.fromkeys(fields))))
    resources: list[Resource] = []
    for tag, attr in _SUBRESOURCES:
        for el in root.iter(tag):
            v = (el.get(attr) or "").strip()
            if v and not v.lower().startswith(("data:", "blob:", "about:")):
                resources.append(Resource(url=urljoin(base, v), tag=tag, selector=css_path(el), html=outer_html(el)))
    for el in root.iter("img", "source"):
        for part in (el.get("srcset") or "").split(","):
            v = part.strip().split(" ")[0] if part.strip() else ""
            if v and not v.lower().startswith("data:"):
                resources.append(Resource(url=urljoin(base, v), tag=el.tag, selector=css_path(el),
                                          html=outer_html(el)))
    for el in root.iter("link"):
        rel = (el.get("rel") or "").lower().split()
        if el.get("href") and ({"stylesheet", "icon", "preload", "modulepreload", "manifest"} & set(rel)):
            resources.append(Resource(url=urljoin(base, el.get("href").strip()), tag="link",
                                      selector=css_path(el), html=outer_html(el)))
    meta_csp = ""
    for el in root.iter("meta"):
        if (el.get("http-equiv") or "").strip().lower() == "content-security-policy":
            meta_csp = snippet(el.get("content") or "", 500)
    title_el = root.find(".//title")
    h1 = next(iter(root.iter("h1")), None)
    html_el = root if root.tag == "html" else root.getroottree().getroot()
    return Dom(title=snippet(title_el.text_content() if title_el is not None else "", 300),
               h1=snippet(h1.text_content() if h1 is not None else "", 300),
               lang=(html_el.get("lang") or "").strip(), anchors=tuple(anchors), forms=tuple(forms),
               resources=tuple(resources), meta_csp=meta_csp)


@lru_cache(maxsize=2048)
def _dom_cached(dir_: str, stamp: tuple[int, int], page: SitePage) -> Dom | None:
    return _dom(page)


def dom(page: SitePage) -> Dom | None:
    """The parsed rendered DOM of an HTML page (None when it has no dom.html)."""
    if not page.dir:
        return None
    return _dom_cached(page.dir, _stamp(os.path.join(page.dir, "dom.html")), page)


_BLOCKS = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "div", "section", "article", "td", "th", "dt", "dd",
           "tr", "br", "address", "blockquote", "pre", "table", "ul", "ol", "dl", "figcaption", "caption")


def main_text(page: SitePage) -> str:
    """Text of the page's main content (main / role=main, else body without nav, header, footer), one line per block."""
    if not page.dir:
        return ""
    return _main_text(page.dir, _stamp(os.path.join(page.dir, "dom.html")), page)


@lru_cache(maxsize=256)  # statement and counterpart pages only; several rules read the same ones
def _main_text(dir_: str, stamp: tuple[int, int], page: SitePage) -> str:
    root = _parse(page)
    if root is None:
        return ""
    for bad in list(root.iter("script", "style", "noscript", "template", "svg")):
        bad.drop_tree()
    main = next(iter(root.iter("main")), None)
    if main is None:
        main = next((e for e in root.iter() if isinstance(e.tag, str) and (e.get("role") or "") == "main"), None)
    if main is None:
        main = root.find(".//body")
        if main is None:
            main = root
        for el in list(main.iter("nav", "header", "footer")):
            if el is not main:
                el.drop_tree()
    # Source line breaks inside a paragraph are spaces; only block boundaries end a line.
    for el in main.iter():
        if el.text:
            el.text = re.sub(r"\s+", " ", el.text)
        if el.tail and el is not main:
            el.tail = re.sub(r"\s+", " ", el.tail)
    for el in main.iter(*_BLOCKS):
        el.tail = "\n" + (el.tail or "")
        if el.tag == "br":
            continue
        el.text = "\n" + (el.text or "")
    lines = [" ".join(line.split()) for line in main.text_content().splitlines()]
    return "\n".join(line for line in lines if line)[:MAX_TEXT]


# The crawl ----------------------------------------------------------------------------------------------------------
def home(site: SiteArtifacts) -> str:
    """The URL site-wide findings belong to: the first start URL as stored (after redirects), else the first page."""
    html = site.html_pages
    if site.seeds:
        seed = canonical(site.seeds[0])
        for p in html:
            if p.url == seed or canonical(final_url(p)) == seed:
                return p.url
        zero = [p for p in html if p.depth == 0]
        if zero:
            return zero[0].url
    return html[0].url if html else (site.seeds[0] if site.seeds else "")


def page_links(page: SitePage) -> tuple[str, ...]:
    """Every http(s) link of the page (also off-site), canonical, in page order."""
    out = []
    for href in facts(page).get("links") or ():
        if isinstance(href, str) and is_http_url(href):
            out.append(canonical(href))
    return tuple(dict.fromkeys(out))


def link_graph(site: SiteArtifacts) -> dict[str, tuple[str, ...]]:
    return {p.url: page_links(p) for p in site.html_pages}


def click_distances(graph: dict[str, tuple[str, ...]], targets: Iterable[str], max_clicks: int) -> dict[str, int]:
    """Fewest clicks from each crawled page to any target (0 for a target itself), up to max_clicks."""
    rev: dict[str, set[str]] = {}
    for src, links in graph.items():
        for t in links:
            rev.setdefault(t, set()).add(src)
    dist: dict[str, int] = {}
    queue = deque()
    for t in targets:
        if t not in dist:
            dist[t] = 0
            queue.append(t)
    while queue:
        cur = queue.popleft()
        if dist[cur] >= max_clicks:
            continue
        for src in rev.get(cur, ()):
            if src not in dist:
                dist[src] = dist[cur] + 1
                queue.append(src)
    return dist


def unexplored(graph: dict[str, tuple[str, ...]], site: SiteArtifacts, url: str) -> bool:
    """Whether a page links same-site pages the crawl did not record (limits): a longer path may hide there."""
    stored = {p.url for p in site.pages}
    from spiders.urls import host_of

    h = host_of(url)
    return any(host_of(t) == h and t not in stored and not _is_document(t) for t in graph.get(url, ()))


def _is_document(url: str) -> bool:
    from spiders.urls import kind_by_extension

    return kind_by_extension(url) != "page"


# Languages ----------------------------------------------------------------------------------------------------------
NATIONAL = ("fi", "sv")
# Names of languages as switchers write them (fi / sv / en), lower case.
LANG_NAMES = {
    "fi": ("suomi", "suomeksi", "finnish", "in finnish", "finska", "på finska", "fin", "fi"),
    "sv": ("svenska", "på svenska", "ruotsi", "ruotsiksi", "swedish", "in swedish", "swe", "sv"),
    "en": ("english", "in english", "englanti", "englanniksi", "engelska", "på engelska", "eng", "en"),
    "se": ("sámegiella", "davvisámegiella", "saame", "saameksi", "pohjoissaame", "samiska", "sámi", "se"),
}
_NAME_TO_LANG = {n: code for code, names in LANG_NAMES.items() for n in names}
_LANG_SEG = re.compile(r"^/(fi|sv|en|se|smn|sms|ru|et|so|ar)(?:[-_][a-z]{2})?(?=/|$)", re.I)
_LANG_QUERY = ("lang", "kieli", "sprak", "språk", "language", "hl", "locale")
_LANG_HOSTS = ("fi", "sv", "en", "se", "ru")


def primary(lang: str | None) -> str:
    """Primary language subtag, lower case: "fi-FI" -> "fi"; "" for none."""
    return re.split(r"[-_]", (lang or "").strip().lower())[0] if lang else ""


def lang_of_name(text: str) -> str:
    """Language a switcher link's text names ("Svenska", "På svenska", "SV"), or ""."""
    t = " ".join((text or "").lower().split()).strip(" .:")
    return _NAME_TO_LANG.get(t, "")


def url_lang(url: str) -> str:
    """Language a URL names by a path segment (/sv/...), a query parameter (?lang=sv) or a subdomain (sv.x.fi)."""
    p = urlsplit(url)
    m = _LANG_SEG.match(p.path or "/")
    if m:
        return m.group(1).lower()
    for k, v in parse_qsl(p.query):
        if k.lower() in _LANG_QUERY and v:
            return primary(v)
    first = (p.hostname or "").split(".")[0]
    if first in _LANG_HOSTS and (p.hostname or "").count(".") >= 2:
        return first
    return ""


def strip_lang_segment(path: str) -> str:
    return _LANG_SEG.sub("", path or "/") or "/"


_FRONT_NAMES = {"", "/", "/index.html", "/index.htm", "/index.php", "/index.aspx", "/default.aspx", "/etusivu",
                "/startsida", "/home", "/frontpage", "/etusivu/", "/startsida/", "/home/"}


def is_front_page(url: str) -> bool:
    """The site's or a language version's front page (/, /sv/, /en/index.html, ?lang=sv on /)."""
    p = urlsplit(url)
    return strip_lang_segment(p.path).lower() in _FRONT_NAMES


def page_lang(page: SitePage) -> tuple[str, str]:
    """(language, source) of a stored HTML page: its lang attribute, else its own hreflang entry, else its URL."""
    f = facts(page)
    lang = primary(f.get("lang"))
    if lang:
        return lang, "lang attribute"
    for alt in f.get("hreflang") or ():
        if isinstance(alt, dict) and is_http_url(str(alt.get("href", ""))) \
                and canonical(str(alt["href"])) == page.url and primary(alt.get("hreflang")) not in ("", "x"):
            return primary(alt.get("hreflang")), "own hreflang entry"
    u = url_lang(page.url)
    return (u, "URL") if u else ("", "")
