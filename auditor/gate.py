"""Gates: assertions on a run's findings and scores, baselines of reviewed findings, diffs between runs.

Assertions follow Lighthouse CI: a selector → `off` / `warn` / `error`, with an optional `max` count or `min`
score. Selectors:

    AXE-image-alt         one rule code
    AXE-*  PL-FI-*        a rule-code prefix
    severity:serious      findings of that impact (critical, serious, moderate, minor)
    area:device           findings of an area (accessibility, device, language, service)
    level:A  level:AA     WCAG A/AA failures of that level (advisory findings never count)
    wcag21-aa / wcag22-aa conformance failures against WCAG 2.1 / 2.2 A and AA
    review                needs-review findings
    score:accessibility   the site score of an area (use `min`)

Only `fail` findings count (never needs-review, except under `review`), and with a baseline only the findings not
in it. Exit codes: 0 passed, 1 an `error` assertion failed, 2 a tool error.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from auditor import engine, standards
from auditor.models import IMPACTS

EXIT_PASSED, EXIT_FAILED, EXIT_TOOL_ERROR = 0, 1, 2
LEVELS = ("off", "warn", "error")
AREAS = ("accessibility", "device", "language", "service")

PRESETS: dict[str, dict[str, Any]] = {
    # EN 301 549 V3.2.1 clause 9 = WCAG 2.1 A/AA: the legal requirement in Finland (306/2019).
    "wcag21-aa": {"wcag21-aa": {"level": "error", "max": 0}, "review": "warn"},
    "wcag22-aa": {"wcag22-aa": {"level": "error", "max": 0}, "review": "warn"},
    # Acceptance of a vendor's delivery: no conformance failure, no device-independence or service-duty
    # failure, and an accessibility score of at least 95; plain language and needs-review are reported.
    "procurement": {
        "wcag22-aa": {"level": "error", "max": 0},
        "area:device": {"level": "error", "max": 0},
        "area:service": {"level": "error", "max": 0},
        "score:accessibility": {"level": "error", "min": 95},
        "area:language": "warn",
        "review": "warn",
    },
    # Everything is reported, nothing fails the build.
    "advisory": {"*": "warn"},
}


class GateError(ValueError):
    """Bad assertion configuration (a tool error: exit 2)."""


def area_of(rule: str, rule_areas: dict[str, str] | None = None) -> str:
    """The area of a rule code, from its prefix; a code without a known prefix takes its declared area
    (`rule_areas`: code -> Rule.area), else accessibility. One mapping for gates, scores and reports."""
    if rule.startswith("AXE"):
        return "accessibility"
    if rule.startswith("DI-"):
        return "device"
    if rule.startswith(("PL-", "LANG-")):
        return "language"
    if rule.startswith("SV-"):
        return "service"
    area = (rule_areas or {}).get(rule)
    return area if area in AREAS else "accessibility"


@dataclass(frozen=True)
class Assertion:
    selector: str
    level: str
    max: int | None = None
    min: float | None = None

    @classmethod
    def parse(cls, selector: str, spec: Any) -> "Assertion":
        if isinstance(spec, str):
            level, opts = spec, {}
        elif isinstance(spec, dict):
            opts = dict(spec)
            level = opts.pop("level", "error")
        elif isinstance(spec, list) and spec and isinstance(spec[0], str):  # Lighthouse CI form
            level, opts = spec[0], dict(spec[1]) if len(spec) > 1 else {}
        else:
            raise GateError(f"assertion {selector!r}: expected \"off\"/\"warn\"/\"error\" or a table")
        if level not in LEVELS:
            raise GateError(f"assertion {selector!r}: level must be off, warn or error, not {level!r}")
        unknown = set(opts) - {"max", "min"}
        if unknown:
            raise GateError(f"assertion {selector!r}: unknown key {sorted(unknown)[0]!r} (use max or min)")
        _check_selector(selector)
        if selector.startswith("score:"):
            if "max" in opts:
                raise GateError(f"assertion {selector!r}: scores take min, not max")
            mn = opts.get("min", 0)
            return cls(selector, level, min=float(mn))
        if "min" in opts:
            raise GateError(f"assertion {selector!r}: counts take max, not min")
        return cls(selector, level, max=int(opts.get("max", 0)))


def _check_selector(sel: str) -> None:
    kind, _, val = sel.partition(":")
    if sel in ("*", "review", "wcag21-aa", "wcag22-aa"):
        return
    if kind == "severity" and val in IMPACTS:
        return
    if kind in ("area", "score") and val in AREAS:
        return
    if kind == "level" and val in ("A", "AA"):
        return
    if ":" not in sel and re.fullmatch(r"[A-Z][A-Za-z0-9_-]*\*?", sel):
        return
    raise GateError(f"unknown assertion selector {sel!r}")


def _wcag_conf(f: dict[str, Any], version: str) -> bool:
    allowed = ("2.0", "2.1") if version == "2.1" else ("2.0", "2.1", "2.2")
    for sc in f["wcag"]:
        c = standards.get(sc)
        if c and c.level in ("A", "AA") and c.wcag_version in allowed and not c.obsolete:
            return True
    return False


def matches(sel: str, f: dict[str, Any]) -> bool:
    """Does a stored finding row count for this selector?"""
    if f["outcome"] == "error":
        return False
    if sel == "review":
        return f["outcome"] == "review"
    if f["outcome"] != "fail":
        return False
    if sel == "*":
        return True
    kind, _, val = sel.partition(":")
    if kind == "severity":
        return f["impact"] == val
    if kind == "area":
        return area_of(f["rule"]) == val
    if kind == "level":
        return not f["advisory"] and f["level"] == val
    if sel in ("wcag21-aa", "wcag22-aa"):
        return not f["advisory"] and _wcag_conf(f, "2.1" if sel == "wcag21-aa" else "2.2")
    if sel.endswith("*"):
        return f["rule"].startswith(sel[:-1])
    return f["rule"] == sel


@dataclass(frozen=True)
class Override:
    url: re.Pattern
    assertions: dict[str, Assertion]


@dataclass(frozen=True)
class Assertions:
    assertions: dict[str, Assertion]
    overrides: tuple[Override, ...] = ()

    @classmethod
    def from_config(cls, cfg: dict[str, Any] | None, preset: str | None = None) -> "Assertions":
        cfg = dict(cfg or {})
        preset = cfg.pop("preset", None) or preset
        raw: dict[str, Any] = {}
        if preset:
            if preset not in PRESETS:
                raise GateError(f"unknown preset {preset!r}; choose from {', '.join(PRESETS)}")
            raw.update(PRESETS[preset])
        overrides_raw = cfg.pop("overrides", [])
        raw.update(cfg.pop("rules", {}) if isinstance(cfg.get("rules"), dict) else {})
        raw.update(cfg)
        overrides = []
        for o in overrides_raw or ():
            if not isinstance(o, dict) or "url" not in o:
                raise GateError("each assertions override needs a url regex and rules")
            extra = set(o) - {"url", "rules"}
            if extra:
                raise GateError(f"assertions override: unknown key {sorted(extra)[0]!r}")
            try:
                pat = re.compile(o["url"])
            except re.error as exc:
                raise GateError(f"assertions override url {o['url']!r}: {exc}") from None
            overrides.append(Override(pat, {k: Assertion.parse(k, v) for k, v in (o.get("rules") or {}).items()}))
        return cls({k: Assertion.parse(k, v) for k, v in raw.items()}, tuple(overrides))

    def for_url(self, url: str) -> dict[str, Assertion]:
        out = dict(self.assertions)
        for o in self.overrides:
            if o.url.search(url):
                out.update(o.assertions)
        return out


@dataclass
class Result:
    selector: str
    level: str
    passed: bool
    actual: float
    limit: float
    kind: str  # max | min
    examples: list[dict[str, Any]] = field(default_factory=list)

    def line(self) -> str:
        op = "≤" if self.kind == "max" else "≥"
        state = "ok" if self.passed else ("FAIL" if self.level == "error" else "warn")
        what = "findings" if self.kind == "max" else "score"
        s = f"[{state}] {self.selector}: {what} {self.actual:g} (expected {op} {self.limit:g})"
        for e in self.examples[:3]:
            s += f"\n         {e['rule']} {e['url']} {e['selector'][:80]}"
        return s


def area_scores(pages: list[dict[str, Any]], findings: list[dict[str, Any]]) -> dict[str, float | None]:
    """Site score per area over HTML pages, with the functions of engine.py (`accessibility` is
    `engine.site_accessibility_score`: the same number as the report's headline); None without HTML pages."""
    by_page: dict[int, list[dict]] = {}
    for f in findings:
        by_page.setdefault(f["page_id"], []).append(f)
    html = [p for p in pages if p["kind"] == "html"]
    out: dict[str, float | None] = {}
    for area in AREAS:
        out[area] = engine.site_score(engine.area_page_score(area, by_page.get(p["id"], []), area_of) for p in html)
    return out


def evaluate(assertions: Assertions, pages: list[dict[str, Any]], findings: list[dict[str, Any]],
             baseline: "Baseline | None" = None) -> list[Result]:
    urls = {p["id"]: p["url"] for p in pages}
    counted = findings if baseline is None else baseline.new_findings(findings, urls)
    counts: dict[str, list[dict]] = {}
    selectors = set(assertions.assertions)
    for o in assertions.overrides:
        selectors |= set(o.assertions)
    for f in counted:
        url = urls.get(f["page_id"], "")
        active = assertions.for_url(url)
        for sel, a in active.items():
            if a.level != "off" and not sel.startswith("score:") and matches(sel, f):
                counts.setdefault(sel, []).append({**f, "url": url})
    scores = area_scores(pages, findings)
    results = []
    for sel, a in assertions.assertions.items():
        if a.level == "off":
            continue
        if sel.startswith("score:"):
            val = scores.get(sel.split(":", 1)[1])
            actual = 100.0 if val is None else val
            results.append(Result(sel, a.level, actual >= (a.min or 0), actual, a.min or 0, "min"))
        else:
            hits = counts.get(sel, [])
            results.append(Result(sel, a.level, len(hits) <= (a.max or 0), len(hits), a.max or 0, "max", hits[:5]))
    for sel in selectors - set(assertions.assertions):  # only in overrides
        hits = counts.get(sel, [])
        lv = next((o.assertions[sel].level for o in assertions.overrides if sel in o.assertions), "warn")
        mx = next((o.assertions[sel].max for o in assertions.overrides if sel in o.assertions), 0) or 0
        if lv != "off":
            results.append(Result(sel, lv, len(hits) <= mx, len(hits), mx, "max", hits[:5]))
    return results


def exit_code(results: list[Result]) -> int:
    return EXIT_FAILED if any(not r.passed and r.level == "error" for r in results) else EXIT_PASSED


def summary_line(results: list[Result], run_id: int, baseline: "Baseline | None" = None,
                 diff: dict | None = None, counts: dict[str, int] | None = None) -> str:
    """PASSED/FAILED only when something was asserted (assertions or a baseline); otherwise the counts, so a run
    nobody set a bar for never reads as a pass."""
    failed = [r for r in results if not r.passed and r.level == "error"]
    warned = [r for r in results if not r.passed and r.level == "warn"]
    if not results and diff is None:
        c = counts or {}
        return (f"auditor: run {run_id}: {c.get('html', 0)} pages audited, {c.get('errors', 0)} could not be "
                f"audited, {c.get('failures', 0)} failures (no assertions evaluated)")
    s = f"auditor: run {run_id}: {'FAILED' if failed else 'PASSED'} — {len(failed)} assertion(s) failed, " \
        f"{len(warned)} warning(s)"
    if diff is not None:
        s += f"; baseline: {len(diff['new'])} new, {len(diff['fixed'])} fixed, {len(diff['present'])} still present"
    return s


def unfit_run(run: dict[str, Any] | None, pages: list[dict[str, Any]]) -> str:
    """Why a gate must not pass this run ("" when it may be judged): failed or interrupted, or nothing audited."""
    if run is None:
        return "no such run"
    if run.get("status") in ("failed", "interrupted", "running"):
        why = run.get("message") or ""
        return f"run {run['id']} is {run['status']}" + (f": {why}" if why else "")
    if not any(p.get("kind") == "html" for p in pages):
        return f"run {run['id']} audited no page"
    return ""


# Baselines -----------------------------------------------------------------------------------------------------
BASELINE_SCHEMA = "auditor-baseline/1"
# Version of the fingerprint (auditor/models.py) a baseline's entries were made with. 2: structural path and
# normalised markup (1, without the field: axe's selector, which changed when a page got an id).
FINGERPRINT_VERSION = 2


@dataclass
class Baseline:
    """Reviewed findings: fingerprint → how many times it was seen. Matching by fingerprint (not URL) keeps a
    finding known when its page moves; counts keep a second copy of a known problem new."""

    counts: Counter
    entries: list[dict[str, Any]]
    source: str = ""

    @classmethod
    def from_run(cls, pages: list[dict], findings: list[dict]) -> "Baseline":
        urls = {p["id"]: p["url"] for p in pages}
        entries: dict[str, dict] = {}
        for f in findings:
            if f["outcome"] == "error":
                continue
            e = entries.setdefault(f["fingerprint"], {
                "fingerprint": f["fingerprint"], "rule": f["rule"], "outcome": f["outcome"],
                "selector": f["selector"], "count": 0, "urls": []})
            e["count"] += 1
            if len(e["urls"]) < 5:
                e["urls"].append(urls.get(f["page_id"], ""))
        ents = sorted(entries.values(), key=lambda e: (e["rule"], e["selector"]))
        return cls(Counter({e["fingerprint"]: e["count"] for e in ents}), ents)

    def write(self, path: Path, run: dict[str, Any]) -> Path:
        doc = {"schema": BASELINE_SCHEMA, "run": run["id"], "site": run["site"],
               "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
               "note": "Reviewed findings: audits with --baseline fail only on findings not listed here.",
               "fingerprint_version": FINGERPRINT_VERSION,
               "findings": self.entries}
        path.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        return path

    @classmethod
    def load(cls, path: Path) -> "Baseline":
        try:
            doc = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise GateError(f"cannot read baseline {path}: {exc}") from None
        if not isinstance(doc, dict) or doc.get("schema") != BASELINE_SCHEMA:
            raise GateError(f"{path} is not an auditor baseline ({BASELINE_SCHEMA})")
        if doc.get("fingerprint_version", 1) != FINGERPRINT_VERSION:
            raise GateError(f"{path} was written by an older auditor (other finding fingerprints): write it again "
                            f"with `auditor baseline RUN_ID`")
        ents = doc.get("findings") or []
        return cls(Counter({e["fingerprint"]: int(e.get("count", 1)) for e in ents}), ents, str(path))

    def new_findings(self, findings: list[dict], urls: dict[int, str] | None = None) -> list[dict]:
        left = Counter(self.counts)
        new = []
        for f in sorted(findings, key=lambda f: f["id"] if "id" in f else 0):
            if f["outcome"] == "error":
                continue
            if left[f["fingerprint"]] > 0:
                left[f["fingerprint"]] -= 1
            else:
                new.append(f)
        return new

    def compare(self, pages: list[dict], findings: list[dict]) -> dict[str, list[dict]]:
        urls = {p["id"]: p["url"] for p in pages}
        new = [{**f, "url": urls.get(f["page_id"], "")} for f in self.new_findings(findings)]
        seen = Counter(f["fingerprint"] for f in findings if f["outcome"] != "error")
        fixed = [e for e in self.entries if seen[e["fingerprint"]] < e.get("count", 1)]
        present = [e for e in self.entries if seen[e["fingerprint"]] > 0]
        return {"new": new, "fixed": fixed, "present": present}


# Diff between runs ---------------------------------------------------------------------------------------------
def diff_runs(a_pages, a_findings, b_pages, b_findings) -> dict[str, Any]:
    """New (in B only), fixed (in A only) and changed (same fingerprint, other viewports or impact) findings."""
    def keyed(pages, findings):
        urls = {p["id"]: p["url"] for p in pages}
        out: dict[tuple, dict] = {}
        seen: Counter = Counter()
        for f in findings:
            if f["outcome"] == "error":
                continue
            url = urls.get(f["page_id"], "")
            n = seen[(f["fingerprint"], url)]
            seen[(f["fingerprint"], url)] += 1
            out[(f["fingerprint"], url, n)] = {**f, "url": url}  # n: the same problem twice on a page
        return out
    a, b = keyed(a_pages, a_findings), keyed(b_pages, b_findings)
    # A page that moved keeps its findings: unmatched ones are paired by fingerprint alone.
    a_only = {k: v for k, v in a.items() if k not in b}
    b_only = {k: v for k, v in b.items() if k not in a}
    a_left = Counter(k[0] for k in a_only)
    new = []
    for k, v in b_only.items():
        if a_left[k[0]] > 0:
            a_left[k[0]] -= 1
        else:
            new.append(v)
    b_left = Counter(k[0] for k in b_only)
    fixed = []
    for k, v in a_only.items():
        if b_left[k[0]] > 0:
            b_left[k[0]] -= 1
        else:
            fixed.append(v)
    changed = []
    for k in a.keys() & b.keys():
        fa, fb = a[k], b[k]
        if sorted(fa["viewports"]) != sorted(fb["viewports"]) or fa["impact"] != fb["impact"] \
                or fa["outcome"] != fb["outcome"]:
            changed.append({"before": fa, "after": fb})
    return {"new": new, "fixed": fixed, "changed": changed,
            "scores": {"before": area_scores(a_pages, a_findings), "after": area_scores(b_pages, b_findings)}}
