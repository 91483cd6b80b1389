"""Small frozen dataclasses shared by every stage: viewports, page records, findings, runs."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

# Default viewports. 320 CSS px is the WCAG 1.4.10 reflow width; the tablet and desktop sizes are common
# device sizes (iPad portrait, a small laptop).
DEFAULT_VIEWPORTS = ("mobile", "tablet", "desktop")
NAMED_VIEWPORTS = {
    "mobile": (320, 640),
    "tablet": (768, 1024),
    "desktop": (1280, 800),
}

# Outcome kinds of a finding. "fail" counts against conformance; "review" is axe's "incomplete": a person must
# decide; "error" means the rule itself broke on this page (the audit goes on).
OUTCOMES = ("fail", "review", "error")
IMPACTS = ("minor", "moderate", "serious", "critical")


@dataclass(frozen=True)
class Viewport:
    name: str
    width: int
    height: int

    @classmethod
    def parse(cls, spec: str) -> "Viewport":
        """`mobile`, `tablet`, `desktop`, `WxH` or `name=WxH`."""
        spec = spec.strip()
        if spec in NAMED_VIEWPORTS:
            w, h = NAMED_VIEWPORTS[spec]
            return cls(spec, w, h)
        name, _, size = spec.rpartition("=")
        m = re.fullmatch(r"(\d{2,5})x(\d{2,5})", size)
        if not m:
            raise ValueError(
                f"bad viewport {spec!r}: use mobile, tablet, desktop, WIDTHxHEIGHT or name=WIDTHxHEIGHT"
            )
        w, h = int(m.group(1)), int(m.group(2))
        if not (100 <= w <= 10000 and 100 <= h <= 10000):
            raise ValueError(f"bad viewport {spec!r}: width and height must be 100..10000 px")
        if name and not re.fullmatch(r"[a-z][a-z0-9_-]{0,30}", name):
            raise ValueError(f"bad viewport name {name!r}: lower-case letters, digits, - and _")
        return cls(name or f"{w}x{h}", w, h)

    @classmethod
    def parse_list(cls, spec: str) -> tuple["Viewport", ...]:
        vps = tuple(cls.parse(s) for s in spec.split(",") if s.strip())
        if not vps:
            raise ValueError("no viewports given")
        if len({v.name for v in vps}) != len(vps):
            raise ValueError(f"viewport names repeat in {spec!r}")
        return vps


@dataclass(frozen=True)
class Finding:
    """One problem on one page, merged across the viewports where it occurs."""

    rule: str  # stable rule code, e.g. AXE-image-alt, DI-1
    outcome: str  # fail | review | error
    impact: str  # minor | moderate | serious | critical
    selector: str
    snippet: str
    message: str
    viewports: tuple[str, ...]
    wcag: tuple[str, ...] = ()  # success criteria, e.g. ("1.1.1",)
    level: str = ""  # strictest WCAG level among wcag: A, AA, AAA, or "" (best practice)
    en301549: tuple[str, ...] = ()
    act: tuple[str, ...] = ()
    help: str = ""
    help_url: str = ""
    advisory: bool = False  # AAA, best practice, plain language: kept apart from conformance
    boxes: dict = field(default_factory=dict, hash=False, compare=False)  # viewport -> {x, y, w, h}
    evidence: dict = field(default_factory=dict, hash=False, compare=False)  # rule-specific details
    # The message in each language it was written in ({"en": ..., "fi": ..., "sv": ...}); `message` is the English.
    messages: dict = field(default_factory=dict, hash=False, compare=False)

    # The element's structural path ("html>body>main>p>a") when the gatherer knew it; not stored, it only goes
    # into the fingerprint.
    path: str = field(default="", compare=False)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.rule, self.selector, self.snippet, self.path)


# Attributes a CMS or a CSS-in-JS build regenerates between deployments, or that only point at other elements'
# ids: ids and class names, style, data-*, and id references. Numbers are folded too (generated suffixes).
_ATTR_VOLATILE = re.compile(r'\s(?:id|class|style|data-[\w-]+|for|headers|tabindex|'
                            r'aria-(?:labelledby|describedby|controls|owns|activedescendant|errormessage|details))'
                            r'\s*=\s*(?:"[^"]*"|\'[^\']*\'|[^\s>]+)', re.I)
# Only the start of the normalised markup counts: gatherers cut long snippets, and an added attribute further in
# must not move the cut into the fingerprint. 160 characters hold the opening tag and the start of the content.
FINGERPRINT_CONTENT = 160


def element_tag(selector: str, snippet: str = "") -> str:
    """The element's tag name, from its markup, else from the last compound of the selector."""
    m = re.match(r"\s*<([A-Za-z][\w-]*)", snippet or "")
    if m:
        return m.group(1).lower()
    last = re.split(r"\s*(?:>>>|[>+~]|\s)\s*(?![^\[]*\])", (selector or "").strip())[-1]
    m = re.match(r"[A-Za-z][\w-]*", last)
    return m.group(0).lower() if m else ""


def normalise_snippet(snippet: str) -> str:
    """The element's markup without volatile attributes, numbers folded, white space collapsed, cut."""
    s = _ATTR_VOLATILE.sub("", snippet or "")
    s = re.sub(r"\d+", "N", s)
    return re.sub(r"\s+", " ", s).strip()[:FINGERPRINT_CONTENT]


def fingerprint(rule: str, selector: str, snippet: str = "", path: str = "") -> str:
    """Stable id of a finding across pages and runs: the rule, the element's structural path (tag names from
    <html>; its tag name when the path is not known) and its normalised markup. axe's selector is not part of it:
    axe prints the shortest unique selector, which changes when the page gets an id or a class name."""
    where = re.sub(r"[^a-z0-9>-]", "", (path or "").lower()) or element_tag(selector, snippet)
    key = f"{rule}\x00{where}\x00{normalise_snippet(snippet)}"
    return hashlib.sha1(key.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class PageResult:
    """What the crawl and render stages learned about one URL."""

    url: str
    kind: str  # html | document | error | skipped
    status: int | None = None
    content_type: str = ""
    title: str = ""
    depth: int = 0
    referrer: str = ""
    fetch_ms: float = 0.0
    render_ms: float = 0.0
    error: str = ""
    links: tuple[str, ...] = ()
    artifact_dir: str = ""
    timings: dict = field(default_factory=dict, hash=False, compare=False)
