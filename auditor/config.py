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
    # Wall time for one page from the end of its fetch to its stored artifacts (navigation, settle, every
    # gatherer, axe at each viewport, screenshots). Measured: a 3,000-element page needs ~15 s at three viewports
    # on a busy 2-core machine; 120 s leaves room for slow real pages while a hung one costs at most this.
    page_budget_s: float = 120.0
    # A run whose pages are mostly errors is a failed run, not a pass (share of recorded URLs, 0..1).
    max_error_ratio: float = 0.5
    out: str = "auditor-out"
    rules: tuple[str, ...] = ()
    # Logged-in services: references only (env:NAME / file:PATH), resolved at crawl time (auditor/auth.py).
    auth: dict = field(default_factory=dict)
    login: dict = field(default_factory=dict)
    insecure: bool = False  # accept invalid TLS certificates (test and staging servers)
    # Page weight budget for DI-14 (rules/device/weight.py): {"page_weight_kb": 2000, "requests": 80}.
    budgets: dict = field(default_factory=dict)
    # The safe interaction pass on the audited origins (auditor/gatherers/interact.py); --no-interact: off.
    interact: bool = True

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
        if self.page_budget_s <= 0 or self.page_timeout_s <= 0:
            raise ValueError("--page-timeout and --page-budget must be more than 0")
        if not 0 < self.max_error_ratio <= 1:
            raise ValueError("--max-error-ratio must be more than 0 and at most 1")

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


# Config file -----------------------------------------------------------------------------------------------------
# `auditor.toml`, or `[tool.auditor]` in `pyproject.toml`, found by walking up from the working directory. Keys are
# the CLI's long options (kebab-case or snake_case); tables: [assertions], [auth], [login]. Flags override it.
CONFIG_FILE = "auditor.toml"
FILE_KEYS = {
    "urls", "max_pages", "depth", "include", "exclude", "allow_subdomains", "sitemaps", "viewports", "delay",
    "autothrottle", "user_agent", "contact", "browser", "screenshots", "page_timeout", "rules", "db", "out",
    "formats", "report_lang", "visits_per_year", "baseline", "preset", "insecure", "interact",
    "assertions", "auth", "login", "budgets", "page_budget", "max_error_ratio",
    "fleet",  # [fleet]: broker, db, artifacts (auditor/fleet/settings.py)
}


class ConfigError(ValueError):
    pass


def find_config(start: Path | None = None) -> Path | None:
    d = (start or Path.cwd()).resolve()
    for folder in (d, *d.parents):
        f = folder / CONFIG_FILE
        if f.is_file():
            return f
        pp = folder / "pyproject.toml"
        if pp.is_file() and _pyproject_section(pp) is not None:
            return pp
    return None


def _pyproject_section(path: Path) -> dict | None:
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data.get("tool", {}).get("auditor")


def load_config_file(path: Path) -> dict[str, Any]:
    """Read and check a config file; keys normalised to snake_case. Unknown keys are errors naming the key."""
    import tomllib

    try:
        if path.name == "pyproject.toml":
            data = _pyproject_section(path)
            if data is None:
                raise ConfigError(f"{path}: no [tool.auditor] table")
        else:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read config file {path}: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    out: dict[str, Any] = {}
    for k, v in data.items():
        key = k.replace("-", "_")
        if key not in FILE_KEYS:
            raise ConfigError(f"{path}: unknown key {k!r}")
        out[key] = v
    return out
