"""Runs the registered rules over a page's artifacts and merges hits into findings.

A rule that raises becomes one `error` finding on that page and the audit goes on. The same problem seen at
several viewports is one finding that lists those viewports, not one copy per viewport.
"""
from __future__ import annotations

import logging
import traceback
from collections.abc import Callable, Iterable
from typing import Any

from auditor import standards
from auditor.models import IMPACTS, Finding
from auditor.registry import Hit, PageArtifacts, Rule, messages_of

log = logging.getLogger(__name__)


def _level(wcag: Iterable[str]) -> str:
    levels = [standards.level_of(sc) for sc in wcag]
    for lv in ("A", "AA", "AAA"):
        if lv in levels:
            return lv
    return ""


def run_rules(rules: Iterable[Rule], art: PageArtifacts, viewport_order: Iterable[str] = ()) -> list[Finding]:
    order = {v: i for i, v in enumerate(viewport_order or art.viewports)}
    merged: dict[tuple, dict] = {}
    findings_err: list[Finding] = []
    for r in rules:
        if r.scope != "page":
            continue
        if r.requires and not any(all(k in vp for k in r.requires) for vp in art.viewports.values()) \
                and not all(k in art.page for k in r.requires):
            continue
        try:
            hits: list[Hit] = list(r.func(art))
        except Exception as exc:  # a broken rule must not end the audit
            log.warning("rule %s failed on %s: %s", r.code, art.url, exc)
            findings_err.append(Finding(
                rule=r.code, outcome="error", impact="minor", selector="html", snippet="",
                message=f"rule error: {type(exc).__name__}: {exc}\n{traceback.format_exc(limit=3)}",
                viewports=tuple(art.viewports), advisory=True,
            ))
            continue
        for h in hits:
            code = h.code or r.code
            outcome = h.outcome or r.outcome
            key = (code, outcome, h.selector, h.key)
            entry = merged.get(key)
            if entry is None:
                wcag = h.wcag if h.wcag is not None else r.wcag
                merged[key] = {
                    "rule": code, "outcome": outcome,
                    "impact": h.impact or r.impact,
                    "selector": h.selector, "snippet": h.snippet, "message": str(h.message),
                    "messages": messages_of(h.message),
                    "viewports": set(), "wcag": tuple(wcag), "level": _level(wcag),
                    "en301549": tuple(h.en301549 if h.en301549 is not None else
                                      r.en301549 or ["9." + sc for sc in wcag if standards.get(sc)
                                                     and standards.get(sc).en301549]),
                    "act": tuple(h.act if h.act is not None else r.act),
                    "help": h.help if h.help is not None else r.help_en,
                    "help_url": h.help_url or "",
                    "advisory": h.advisory if h.advisory is not None else r.advisory,
                    "boxes": {}, "evidence": {}, "path": h.path,
                }
                entry = merged[key]
            elif IMPACTS.index(h.impact or r.impact) > IMPACTS.index(entry["impact"]):
                entry["impact"] = h.impact or r.impact
            entry["viewports"].add(h.viewport or "*")
            if h.box and h.viewport:
                entry["boxes"][h.viewport] = h.box
            if h.evidence:
                entry["evidence"].update(h.evidence)
    out = []
    for e in merged.values():
        vps = e.pop("viewports")
        if "*" in vps:
            vps = set(art.viewports)
        out.append(Finding(viewports=tuple(sorted(vps, key=lambda v: order.get(v, 99))), **e))
    out.sort(key=lambda f: (f.outcome != "fail", -IMPACTS.index(f.impact), f.rule, f.selector))
    return out + findings_err


def page_metrics(art: PageArtifacts, rules: Iterable[Rule] | None = None) -> dict[str, Any]:
    """The registered page metrics of a page (those of the areas of `rules`); a provider that raises gives
    {"error": ...} and the audit goes on."""
    from auditor.registry import metric_providers

    out: dict[str, Any] = {}
    for name, fn in metric_providers(rules).items():
        try:
            value = fn(art)
        except Exception as exc:
            log.warning("page metric %s failed on %s: %s", name, art.url, exc)
            value = {"error": f"{type(exc).__name__}: {exc}"[:500]}
        if value is not None:
            out[name] = value
    return out


def run_site_rules(rules: Iterable[Rule], site) -> dict[str, list[Finding]]:
    """Run site-level rules once over the whole crawl; findings grouped by the URL of the page they belong to."""
    from auditor.registry import PageArtifacts

    by_url: dict[str, list[Hit]] = {}
    out: dict[str, list[Finding]] = {}
    home = site.seeds[0] if site.seeds else ""
    for r in rules:
        if r.scope != "site":
            continue
        try:
            hits = list(r.func(site))
        except Exception as exc:
            log.warning("site rule %s failed: %s", r.code, exc)
            out.setdefault(home, []).append(Finding(
                rule=r.code, outcome="error", impact="minor", selector="html", snippet="",
                message=f"rule error: {type(exc).__name__}: {exc}\n{traceback.format_exc(limit=3)}",
                viewports=(), advisory=True))
            continue
        for h in hits:
            by_url.setdefault(h.url or home, []).append(h)
        # Reuse the page merging logic: a one-rule rule list whose function returns the hits of this URL.
        for url, hs in by_url.items():
            fake = Rule(code=r.code, func=lambda _art, hs=hs: hs, area=r.area, impact=r.impact,
                        outcome=r.outcome, wcag=r.wcag, en301549=r.en301549, act=r.act, help_en=r.help_en,
                        help_fi=r.help_fi, help_sv=r.help_sv, title_en=r.title_en, title_fi=r.title_fi,
                        title_sv=r.title_sv, advisory=r.advisory, family=r.family)
            out.setdefault(url, []).extend(run_rules([fake], PageArtifacts(url=url, viewports={}), ()))
        by_url.clear()
    return out


# The accessibility score — the one score called "accessibility" everywhere (dashboard headline, the
# accessibility area, pages, gates `score:accessibility`, every report format, the fleet portfolio):
#
#   a finding counts when it is a failure (outcome "fail"), not advisory, and of WCAG level A or AA — whatever
#   rule found it (axe-core, ACC-*, DI-1 reflow, LANG-1 …): WCAG A/AA conformance is what law 306/2019 asks.
#   Each distinct counted rule on a page takes a share of what is left, by its worst impact there:
#       page score = 100 × Π (1 − w),  w = 0.25 critical, 0.15 serious, 0.07 moderate, 0.03 minor
#   A page with no automated failure scores 100; one critical and one serious failure give 63.75. The site score
#   is the unweighted mean of its HTML pages' scores (rounded to 2 decimals at the end only).
#
# Needs-review and advisory findings never lower it: they are not proven failures. The weights follow axe's
# impact scale and were chosen so that a page with several serious failures falls below 50.
# The other areas (device, language, service) have their own scores with the same formula over the failing rules
# of that area (`area_page_score`); docs/report-schema.md documents both.
IMPACT_WEIGHT = {"critical": 0.25, "serious": 0.15, "moderate": 0.07, "minor": 0.03}
SCORE_LEVELS = ("A", "AA")


def _get(f: Any, key: str) -> Any:
    return f.get(key) if isinstance(f, dict) else getattr(f, key, None)


def counts_for_accessibility(f: Any) -> bool:
    """Does a finding (a `Finding` or a stored finding row) lower the accessibility score?"""
    if _get(f, "outcome") != "fail" or _get(f, "advisory"):
        return False
    return (_get(f, "level") or _level(_get(f, "wcag") or ())) in SCORE_LEVELS


def _formula(findings: Iterable[Any]) -> float:
    worst: dict[str, str] = {}
    for f in findings:
        rule, imp = _get(f, "rule"), _get(f, "impact")
        imp = imp if imp in IMPACTS else "moderate"
        if rule not in worst or IMPACTS.index(imp) > IMPACTS.index(worst[rule]):
            worst[rule] = imp
    score = 100.0
    for imp in worst.values():
        score *= 1 - IMPACT_WEIGHT.get(imp, 0.07)
    return score


def accessibility_score(findings: Iterable[Any]) -> float:
    """The accessibility score (0–100) of one page from its findings (`Finding`s or stored rows)."""
    return round(_formula(f for f in findings if counts_for_accessibility(f)), 2)


def page_score(findings: Iterable[Finding]) -> float:
    """Kept for callers of the old name: the page's accessibility score."""
    return accessibility_score(findings)


def area_page_score(area: str, findings: Iterable[Any], area_of: Callable[[str], str]) -> float:
    """Score of one area on one page. "accessibility" is `accessibility_score`; the other areas count every
    failing (outcome "fail") rule of theirs, advisory ones included: they measure the customer strategy's
    requirements (device independence, plain language, service duties), not only WCAG conformance."""
    if area == "accessibility":
        return accessibility_score(findings)
    return round(_formula(f for f in findings if _get(f, "outcome") == "fail" and area_of(_get(f, "rule")) == area),
                 2)


def site_score(page_scores: Iterable[float | None]) -> float | None:
    """Mean of the pages' scores (None when there is no scored page)."""
    s = [x for x in page_scores if x is not None]
    return round(sum(s) / len(s), 2) if s else None


def site_accessibility_score(pages: Iterable[dict[str, Any]], findings: Iterable[dict[str, Any]]) -> float | None:
    """The site's accessibility score from stored rows (`Store.pages(run)`, `Store.findings(run)` or any rows with
    page `id`/`kind` and finding `page_id`/`rule`/`outcome`/`impact`/`advisory`/`level`): the mean of its HTML
    pages' `accessibility_score`. This is the function the dashboard, gates and the portfolio call."""
    by_page: dict[Any, list] = {}
    for f in findings:
        by_page.setdefault(f["page_id"], []).append(f)
    return site_score(accessibility_score(by_page.get(p["id"], [])) for p in pages if p["kind"] == "html")
