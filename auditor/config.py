"""Audit configuration: one frozen dataclass built from CLI flags (a config file joins it later)."""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from auditor import __version__
from auditor.models import NAMED_VIEWPORTS, Viewport

DEFAULT_CONTACT = "https://github.com/auditor-a11y/auditor"


@dataclass(frozen=True)
class AuditConfig:
    seeds: tuple[str, ...]
    max_pages: int = 100
    depth: int | None = None  # None: no limit
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    allow_subdomains: bool = False
    sitemaps: bool = True
    viewports: tuple[Viewport, ...] = field(
        default_factory=lambda: tuple(Viewport(n, *NAMED_VIEWPORTS[n]) for n in ("mobile", "tablet", "desktop")))
    # Politeness: one request at a time per host, at least `delay` seconds apart, AutoThrottle slows down further
    # when the server slows; robots.txt Crawl-delay raises the delay.
    delay: float = 0.5
    autothrottle: bool = True
    user_agent: str = ""
    contact: str = DEFAULT_CONTACT
    browser: str | None = None
    screenshots: bool = True
    page_timeout_s: float = 30.0
    out: str = "auditor-out"
    rules: tuple[str, ...] = ()

    def __post_init__(self):
        for pat in self.include + self.exclude:
            try:
                re.compile(pat)
            except re.error as exc:
                raise ValueError(f"bad regular expression {pat!r}: {exc}") from None
        if self.max_pages < 1:
            raise ValueError("--max-pages must be at least 1")
        if self.depth is not None and self.depth < 0:
            raise ValueError("--depth must be 0 or more")
        if self.delay < 0:
            raise ValueError("--delay must be 0 or more")

    @property
    def ua(self) -> str:
        return self.user_agent or f"auditor/{__version__} (accessibility audit; +{self.contact})"

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["viewports"] = [asdict(v) for v in self.viewports]
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> "AuditConfig":
        d = dict(d)
        d["viewports"] = tuple(Viewport(**v) for v in d["viewports"])
        for k in ("seeds", "include", "exclude", "rules"):
            d[k] = tuple(d.get(k) or ())
        known = cls.__dataclass_fields__
        return cls(**{k: v for k, v in d.items() if k in known})

    @property
    def out_path(self) -> Path:
        return Path(self.out)
