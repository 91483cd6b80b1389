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

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.rule, self.selector, self.snippet)


# Parts of a selector or snippet that a CMS or a CSS-in-JS build regenerates between deployments: ids and class
# names, numbers (generated suffixes, nth-child positions of repeated items), style and data-* attributes.
_SEL_ID_CLASS = re.compile(r"[#.](?:\\.|[\w-])+")
_ATTR_VOLATILE = re.compile(r'\s(?:id|class|style|data-[\w-]+|aria-(?:labelledby|describedby|controls|owns))'
                            r'\s*=\s*(?:"[^"]*"|\'[^\']*\'|[^\s>]+)', re.I)


def normalise_selector(selector: str, snippet: str = "") -> str:
    """The target element's part of a selector, with ids, classes and numbers folded. Ancestors are dropped:
    axe picks the shortest unique path, which changes with the page's ids and class names ("#hero-1 > .c-2 >
    img", ".c-9", "img" can all be one element); the element's own markup (the snippet) tells elements apart."""
    last = re.split(r"\s*(?:>>>|[>+~]|\s)\s*(?![^\[]*\])", selector.strip())[-1] if selector.strip() else ""
    parts = re.split(r"(\[[^\]]*\])", last)
    s = "".join(p if i % 2 else _SEL_ID_CLASS.sub("", p) for i, p in enumerate(parts))
    s = re.sub(r":nth-(?:last-)?(?:child|of-type)\([^)]*\)|:(?:first|last|only)-(?:child|of-type)", "", s)
    s = re.sub(r"\d+", "N", s)
    if not re.match(r"[A-Za-z*]", s):
        m = re.match(r"\s*<([A-Za-z][\w-]*)", snippet)
        s = (m.group(1).lower() if m else "") + s
    return s


def normalise_snippet(snippet: str) -> str:
    s = _ATTR_VOLATILE.sub("", snippet[:300])
    s = re.sub(r"\d+", "N", s)
    return re.sub(r"\s+", " ", s).strip()[:200]


def fingerprint(rule: str, selector: str, snippet: str = "") -> str:
    """Stable id of a finding across pages and runs: rule + selector and HTML snippet with ids, class names,
    numbers and other generated parts folded, so a CMS that renames classes or a page that moves keeps it."""
    key = f"{rule}\x00{normalise_selector(selector, snippet)}\x00{normalise_snippet(snippet)}"
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
