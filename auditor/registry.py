"""Rule declaration and discovery.

A rule is a pure function of a page's artifacts that yields `Hit`s; the engine adds page, viewport merging and the
rule's references. Rules live one module per rule (or small family) under `rules/<area>/`; importing the module
registers them through the `@rule` decorator, and `discover()` imports every module under `rules/`.
"""
from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any


class Msg(str):
    """A finding message in three languages. The `str` value is the English text, so code that treats a message
    as a plain string keeps working; `.fi` and `.sv` carry the Finnish and Swedish versions. Rules build them with
    `msg(en=..., fi=..., sv=...)`; the engine stores all three (findings.messages) and reports pick the report's
    language, falling back to English only where a translation is missing (a test lists the rules that lack one).
    """

    fi: str
    sv: str

    def __new__(cls, en: str, fi: str = "", sv: str = "") -> "Msg":
        obj = super().__new__(cls, en)
        obj.fi = fi
        obj.sv = sv
        return obj

    def get(self, lang: str) -> str:
        return {"fi": self.fi, "sv": self.sv}.get(lang) or str(self)

    def as_dict(self) -> dict[str, str]:
        return {k: v for k, v in (("en", str(self)), ("fi", self.fi), ("sv", self.sv)) if v}


def msg(en: str, fi: str = "", sv: str = "") -> Msg:
    """A finding message in English, Finnish and Swedish (see `Msg`)."""
    return Msg(en, fi, sv)


def messages_of(message: str) -> dict[str, str]:
    """{"en": ..., "fi": ..., "sv": ...} of a hit's message (only "en" for a plain string)."""
    return message.as_dict() if isinstance(message, Msg) else ({"en": message} if message else {})


@dataclass(frozen=True)
class Hit:
    """One place a rule found something, at one viewport (or None for viewport-independent rules)."""

    selector: str
    snippet: str = ""
    message: str = ""
    viewport: str | None = None
    # A family rule (the axe adapter) fills these per hit; ordinary rules leave them to the declaration.
    code: str | None = None
    outcome: str | None = None
    impact: str | None = None
    wcag: tuple[str, ...] | None = None
    en301549: tuple[str, ...] | None = None
    act: tuple[str, ...] | None = None
    help: str | None = None
    help_url: str | None = None
    advisory: bool | None = None
    # Evidence: the element's box in page coordinates at this viewport ({x, y, w, h}; for crops of the
    # full-page screenshot), and any rule-specific details (JSON-able: measured values, crop file names...).
    box: dict | None = None
    evidence: dict | None = None
    url: str | None = None  # site rules: the page the finding belongs to (None: the first start URL)
    # Tells apart several hits of one rule at one selector that are different problems (e.g. two sentences of
    # one paragraph); hits with the same key at different viewports still merge into one finding.
    key: str = ""
    # The element's structural path (tag names from <html>, "html>body>main>p>a") when the gatherer knows it:
    # with the normalised markup it makes the finding's fingerprint (auditor.models.fingerprint).
    path: str = ""


@dataclass(frozen=True)
class PageArtifacts:
    """Everything gathered for one page: per-viewport artifacts plus page-level facts."""

    url: str
    viewports: dict[str, dict[str, Any]]  # viewport name -> {"axe": {...}, "size": [w, h], ...}
    page: dict[str, Any] = field(default_factory=dict)  # title, lang, status, page gatherers' artifacts ...
    dir: str = ""  # the page's artifact folder (dom.html and other files gatherers wrote)
    options: dict[str, Any] = field(default_factory=dict)  # the audit's configuration (AuditConfig.to_json())

    def read_text(self, name: str) -> str | None:
        """A text artifact file of this page (e.g. "dom.html"), or None when absent."""
        if not self.dir or "/" in name or name.startswith("."):
            return None
        from pathlib import Path

        p = Path(self.dir) / name
        return p.read_text(encoding="utf-8") if p.is_file() else None


@dataclass(frozen=True)
class Rule:
    code: str
    func: Callable[[PageArtifacts], Iterable[Hit]]
    area: str  # accessibility | device | language | service
    requires: tuple[str, ...] = ()
    impact: str = "moderate"
    outcome: str = "fail"
    wcag: tuple[str, ...] = ()
    en301549: tuple[str, ...] = ()
    act: tuple[str, ...] = ()
    help_en: str = ""
    help_fi: str = ""
    help_sv: str = ""
    # A short title (a few words: "Image without a text alternative") for issue headings; the help says the rest.
    title_en: str = ""
    title_fi: str = ""
    title_sv: str = ""
    advisory: bool = False
    family: bool = False  # yields hits of many codes (AXE-*), each carrying its own metadata
    scope: str = "page"  # page: runs on each page's artifacts; site: runs once on the whole crawl (SiteArtifacts)

    @property
    def doc(self) -> str:
        return (self.func.__doc__ or "").strip()


@dataclass(frozen=True)
class SitePage:
    """One stored URL of the run, as a site rule sees it."""

    url: str
    kind: str  # html | document | error
    status: int | None
    title: str
    content_type: str
    depth: int
    referrer: str
    links: tuple[str, ...]  # same-site canonical links found on the page
    dir: str  # artifact folder ("" when none)
    error: str = ""

    def facts(self) -> dict[str, Any]:
        """The page's facts (page.json: title, lang, links, hreflang, headers, network, gatherers' artifacts)."""
        import json
        from pathlib import Path

        p = Path(self.dir) / "page.json" if self.dir else None
        return json.loads(p.read_text(encoding="utf-8")) if p and p.is_file() else {}

    def read_bytes(self, name: str) -> bytes | None:
        """An artifact file of this page (e.g. "document.bin" for documents, "dom.html"), or None."""
        if not self.dir or "/" in name or name.startswith("."):
            return None
        from pathlib import Path

        p = Path(self.dir) / name
        return p.read_bytes() if p.is_file() else None


@dataclass(frozen=True)
class SiteArtifacts:
    """Everything a site-level rule sees: every stored URL of the run, the start URLs and the audit options."""

    seeds: tuple[str, ...]
    pages: tuple[SitePage, ...]
    options: dict[str, Any] = field(default_factory=dict)

    @property
    def html_pages(self) -> tuple[SitePage, ...]:
        return tuple(p for p in self.pages if p.kind == "html")


_RULES: dict[str, Rule] = {}


def rule(code: str, *, area: str, requires: Iterable[str] = (), **meta: Any):
    """Register a rule function under a stable code (never reused)."""

    def deco(func):
        if code in _RULES and _RULES[code].func is not func:
            raise ValueError(f"rule code {code} declared twice")
        _RULES[code] = Rule(code=code, func=func, area=area, requires=tuple(requires), **meta)
        return func

    return deco


def site_rule(code: str, **meta: Any):
    """Register a site-level rule: `(site: SiteArtifacts) -> Iterable[Hit]`, each hit naming its page by `url`."""
    return rule(code, scope="site", **meta)


# Page metrics: figures about a page that are not findings (the plain-language score per language), computed
# once per page from its artifacts and stored with the page (`pages.metrics`). Registered from rule modules,
# run only when a rule of the same area is selected.
_METRICS: dict[str, tuple[str, Callable[[PageArtifacts], dict[str, Any] | None]]] = {}


def page_metric(name: str, *, area: str):
    """Register `(art: PageArtifacts) -> dict | None` as the page metric `name` of an area."""

    def deco(func):
        _METRICS[name] = (area, func)
        return func

    return deco


def metric_providers(rules: Iterable[Rule] | None = None) -> dict[str, Callable[[PageArtifacts], Any]]:
    """The metric providers whose area has a rule among `rules` (all when None)."""
    discover()
    areas = None if rules is None else {r.area for r in rules}
    return {n: f for n, (a, f) in _METRICS.items() if areas is None or a in areas}


def discover() -> dict[str, Rule]:
    """Import every module under the `rules` package so their decorators run."""
    import rules

    for mod in pkgutil.walk_packages(rules.__path__, prefix="rules."):
        importlib.import_module(mod.name)
    return dict(_RULES)


def select(codes: Iterable[str] | None = None) -> list[Rule]:
    """Rules whose code starts with one of the given prefixes (all when None)."""
    allrules = discover()
    if not codes:
        return list(allrules.values())
    prefixes = tuple(codes)
    return [r for c, r in allrules.items() if c.startswith(prefixes)]
