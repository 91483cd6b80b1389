"""What every report shows, computed once from the store: the run, its pages with their findings, the summary and
the per-rule view. The writers (json_report, html) only lay this out.

Findings fall in one of four categories, kept apart everywhere:
  fail      a WCAG A/AA failure: counts against conformance and the score
  review    axe "incomplete": a person must decide; not a failure
  advisory  best practice, AAA, plain language: never a conformance failure
  error     the rule itself broke on that page
"""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from auditor import engine, standards
from auditor.models import IMPACTS
from auditor.store import Store

SCHEMA = "auditor-report/1"
CATEGORIES = ("fail", "review", "advisory", "error")
SEVERITIES = tuple(reversed(IMPACTS))  # critical first
VIEWPORT_NAME = re.compile(r"[a-z0-9_-]+")


@dataclass
class ReportData:
    run: dict[str, Any]
    viewports: list[dict[str, Any]]  # [{"name", "width", "height"}], names safe for file paths
    pages: list[dict[str, Any]]  # store rows + "findings" (list) + "counts" (per category)
    summary: dict[str, Any]
    rules: list[dict[str, Any]]


def category(f: dict[str, Any]) -> str:
    if f["outcome"] == "error":
        return "error"
    if f["advisory"]:
        return "advisory"
    return "fail" if f["outcome"] == "fail" else "review"


def iso(d: dt.datetime | None) -> str | None:
    """Store datetimes are naive UTC."""
    if d is None:
        return None
    return (d.replace(tzinfo=dt.timezone.utc) if d.tzinfo is None else d).isoformat()


def _viewports(config: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for v in config.get("viewports") or ():
        v = v if isinstance(v, dict) else {"name": v}
        name = v.get("name")
        if isinstance(name, str) and VIEWPORT_NAME.fullmatch(name):
            out.append({"name": name, "width": v.get("width"), "height": v.get("height")})
    return out


def _sc_key(sc: str) -> tuple:
    try:
        return (0, standards.sort_key(sc))
    except ValueError:
        return (1, sc)


def _worse(a: str, b: str) -> str:
    rank = {imp: i for i, imp in enumerate(IMPACTS)}
    return a if rank.get(a, -1) >= rank.get(b, -1) else b


def _anchors(codes: list[str]) -> dict[str, str]:
    """Rule code -> unique HTML id (codes are ours, but never trust text in an attribute unchecked)."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for code in codes:
        base = "rule-" + re.sub(r"[^A-Za-z0-9_-]+", "-", code)
        anchor, n = base, 1
        while anchor in used:
            n += 1
            anchor = f"{base}-{n}"
        used.add(anchor)
        out[code] = anchor
    return out


def build(store: Store, run_id: int) -> ReportData:
    run = store.get_run(run_id)
    if run is None:
        raise KeyError(f"no run {run_id}")
    viewports = _viewports(run.get("config") or {})
    vp_order = {v["name"]: i for i, v in enumerate(viewports)}

    by_page: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for f in store.findings(run_id):
        f["category"] = category(f)
        by_page[f["page_id"]].append(f)
    pages = store.pages(run_id)

    impact_stats = {s: {"findings": 0, "pages": set()} for s in SEVERITIES}
    sc_stats: dict[str, dict[str, Any]] = {}
    cat_stats = {c: {"findings": 0, "pages": set()} for c in CATEGORIES}
    rules: dict[str, dict[str, Any]] = {}

    for p in pages:
        p["findings"] = by_page.pop(p["id"], [])
        p["counts"] = dict.fromkeys(CATEGORIES, 0)
        for f in p["findings"]:
            cat = f["category"]
            p["counts"][cat] += 1
            cat_stats[cat]["findings"] += 1
            cat_stats[cat]["pages"].add(p["id"])
            if cat == "fail":
                st = impact_stats.setdefault(f["impact"], {"findings": 0, "pages": set()})
                st["findings"] += 1
                st["pages"].add(p["id"])
                for sc in f["wcag"]:
                    st = sc_stats.setdefault(sc, {"findings": 0, "pages": set()})
                    st["findings"] += 1
                    st["pages"].add(p["id"])
            r = rules.get(f["rule"])
            if r is None:
                r = rules[f["rule"]] = {
                    "code": f["rule"], "help": f["help"], "help_url": f["help_url"], "impact": f["impact"],
                    "categories": set(), "wcag": set(), "level": f["level"], "en301549": set(), "act": set(),
                    "findings": 0, "pages": {},
                }
            r["impact"] = _worse(f["impact"], r["impact"])
            r["categories"].add(cat)
            r["wcag"].update(f["wcag"])
            r["en301549"].update(f["en301549"])
            r["act"].update(f["act"])
            r["help"] = r["help"] or f["help"]
            r["help_url"] = r["help_url"] or f["help_url"]
            r["findings"] += 1
            rp = r["pages"].setdefault(p["id"], {"page": p, "findings": 0, "viewports": set()})
            rp["findings"] += 1
            rp["viewports"].update(f["viewports"])

    rule_list = sorted(rules.values(), key=lambda r: (min(CATEGORIES.index(c) for c in r["categories"]), r["code"]))
    anchors = _anchors([r["code"] for r in rule_list])
    for r in rule_list:
        r["anchor"] = anchors[r["code"]]
        r["categories"] = [c for c in CATEGORIES if c in r["categories"]]
        r["wcag"] = sorted(r["wcag"], key=_sc_key)
        r["en301549"] = sorted(r["en301549"], key=_sc_key)
        r["act"] = sorted(r["act"])
        r["pages"] = [dict(rp, viewports=sorted(rp["viewports"], key=lambda v: (vp_order.get(v, 99), v)))
                      for rp in r["pages"].values()]
    for p in pages:
        for f in p["findings"]:
            f["anchor"] = anchors[f["rule"]]

    kinds = defaultdict(int)
    for p in pages:
        kinds[p["kind"]] += 1
    by_wcag = []
    for sc in sorted(sc_stats, key=_sc_key):
        c = standards.get(sc)
        by_wcag.append({
            "sc": sc, "name": c.name_en if c else "", "level": c.level if c else "",
            "en301549": c.en301549 if c else "", "findings": sc_stats[sc]["findings"],
            "pages": len(sc_stats[sc]["pages"]),
        })
    summary = {
        "pages": len(pages),
        "html_pages": kinds["html"],
        "documents": kinds["document"],
        "errors": len(pages) - kinds["html"] - kinds["document"],
        "site_score": engine.site_score(p["score"] for p in pages if p["kind"] == "html" and p["score"] is not None),
        "failures": cat_stats["fail"]["findings"],
        "failure_pages": len(cat_stats["fail"]["pages"]),
        "failures_by_impact": {k: {"findings": v["findings"], "pages": len(v["pages"])}
                               for k, v in impact_stats.items()},
        "failures_by_wcag": by_wcag,
        "review_count": cat_stats["review"]["findings"],
        "review_pages": len(cat_stats["review"]["pages"]),
        "advisory_count": cat_stats["advisory"]["findings"],
        "advisory_pages": len(cat_stats["advisory"]["pages"]),
        "rule_error_count": cat_stats["error"]["findings"],
    }
    return ReportData(run=run, viewports=viewports, pages=pages, summary=summary, rules=rule_list)
