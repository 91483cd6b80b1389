"""The portfolio: every site of the fleet in one table (`auditor fleet report`), worst first, grouped by organisation.

Static HTML under the site report's CSP (no scripts; the report's own stylesheet), in English, Finnish or Swedish,
with a page per site (its runs, the trend, the sampled pages and why, a link to its full report), plus CSV and JSON
exports of the same table for a monitoring report. Everything from a crawled site is escaped (Jinja autoescape).
"""
from __future__ import annotations

import csv
import json
import os
import shutil
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from auditor import engine
from reports import i18n
from reports.html import CSP

HERE = Path(__file__).parent
COLUMNS = ("site_id", "organisation", "url", "status", "score", "trend", "wcag_failures", "statement", "feedback",
           "swedish_coverage", "plain_language", "pages", "last_run", "run", "sampled", "message", "report")


def accessibility_score(store, run_id: int) -> float | None:
    """The run's accessibility score: the project's one definition (engine.site_accessibility_score), computed
    from the stored findings, so runs stored by older versions get the same score as the dashboard and gates."""
    return engine.site_accessibility_score(store.pages(run_id), store.findings(run_id))


def _ran(config: dict[str, Any], prefix: str) -> bool:
    rules = config.get("rules") or []
    return not rules or any(prefix.startswith(r) or r.startswith(prefix) for r in rules)


def run_metrics(store, run: dict[str, Any]) -> dict[str, Any]:
    run_id = run["id"]
    findings = [f for f in store.findings(run_id)]
    fails = [f for f in findings if f["outcome"] == "fail" and not f["advisory"]]
    codes = {f["rule"] for f in findings if f["outcome"] == "fail"}
    sv = _ran(run.get("config") or {}, "SV")
    statement = feedback = coverage = None
    if sv:
        statement = "missing" if "SV-1" in codes else "outdated" if "SV-4" in codes else \
            "incomplete" if "SV-3" in codes else "ok"
        feedback = "missing" if "SV-6" in codes else "ok"
        cov = [f for f in findings if f["rule"] == "SV-8"]
        if cov:
            share = (cov[0].get("evidence") or {}).get("fi_with_sv_share")
            coverage = 0.0 if not (cov[0].get("evidence") or {}).get("sv_offered") else share
        else:
            coverage = 1.0  # SV-8 ran and found no page without its counterpart
    plain = None
    pages = store.pages(run_id)
    metrics = [(p.get("metrics") or {}).get("plain_language") for p in pages if p["kind"] == "html"]
    if any(isinstance(m, dict) and m.get("languages") for m in metrics):
        try:
            from auditor.text import score as pl_score

            plain = pl_score.site_scores(m if isinstance(m, dict) else None for m in metrics)["score"]
        except Exception:
            plain = None
    return {"score": accessibility_score(store, run_id),
            "wcag_failures": sum(1 for f in fails if f.get("wcag")),
            "statement": statement, "feedback": feedback, "swedish_coverage": coverage, "plain_language": plain,
            "pages": sum(1 for p in pages if p["kind"] == "html")}


def collect(store, artifacts: Path, out: Path) -> list[dict[str, Any]]:
    """One row per site of the list: its latest finished or failed job's run, and the score change since the
    previous finished run of the same site."""
    runs = {r["id"]: r for r in store.list_runs()}
    jobs_by_site: dict[int, list[dict[str, Any]]] = {}
    for j in store.fleet_jobs():
        jobs_by_site.setdefault(j["site_id"], []).append(j)
    rows = []
    for site in store.fleet_sites():
        jobs = [j for j in jobs_by_site.get(site["id"], []) if j["run_id"] in runs]
        ended = [j for j in jobs if j["status"] in ("done", "failed")]
        row: dict[str, Any] = {"site_id": site["id"], "organisation": site["organisation"] or "", "url": site["url"],
                               "status": "not audited", "score": None, "trend": None, "wcag_failures": None,
                               "statement": None, "feedback": None, "swedish_coverage": None, "plain_language": None,
                               "pages": None, "last_run": None, "run": None, "sampled": bool(site["sample"]),
                               "message": "", "report": None, "history": [], "sample": []}
        failed_only = [j for j in jobs_by_site.get(site["id"], []) if j["status"] == "failed" and j["run_id"] is None]
        if not ended and failed_only:
            row.update(status="failed", message=failed_only[-1]["message"] or "")
        history = []
        for j in ended:
            r = runs[j["run_id"]]
            h = {"run": r["id"], "status": r["status"], "job_status": j["status"], "slot": j["slot"],
                 "finished_at": r["finished_at"], "message": r["message"] or j["message"] or ""}
            if r["status"] == "finished":
                h.update(run_metrics(store, r))
            history.append(h)
        row["history"] = history
        if history:
            last = history[-1]
            row.update(status="failed" if last["status"] != "finished" else "done", run=last["run"],
                       last_run=str(last["finished_at"] or "")[:16], message=last["message"] if
                       last["status"] != "finished" else "")
            if last["status"] == "finished":
                for k in ("score", "wcag_failures", "statement", "feedback", "swedish_coverage", "plain_language",
                          "pages"):
                    row[k] = last.get(k)
                prev = [h for h in history[:-1] if h["status"] == "finished" and h.get("score") is not None]
                if prev and row["score"] is not None:
                    row["trend"] = round(row["score"] - prev[-1]["score"], 2)
                report = artifacts / f"site-{site['id']}" / f"run-{last['run']}" / "index.html"
                if report.is_file():
                    row["report"] = os.path.relpath(report, out)
            row["sample"] = store.sample(last["run"])
        rows.append(row)
    return order(rows)


def order(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Worst first: failed and unaudited sites before scored ones, lower scores before higher; organisations
    ordered by their worst site."""
    def key(r):
        rank = {"failed": 0, "not audited": 1}.get(r["status"], 2)
        return (rank, r["score"] if r["score"] is not None else -1, r["url"])
    by_org: dict[str, list[dict[str, Any]]] = {}
    for r in sorted(rows, key=key):
        by_org.setdefault(r["organisation"], []).append(r)
    out = []
    for org in sorted(by_org, key=lambda o: (key(by_org[o][0]), o)):
        out.extend(by_org[org])
    return out


def _env(lang: str) -> Environment:
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html"]),
                      trim_blocks=True, lstrip_blocks=True)
    env.globals.update(t=lambda s, **kw: i18n.translate(s, lang, **kw),
                       # "statement ok", "feedback missing", "sample random"…: labels of a column's values
                       lab=lambda kind, value: i18n.translate(f"{kind} {value}", lang),
                       num=lambda v, d=1: i18n.fmt_num(v, lang, d), CSP=CSP, lang=lang)
    return env


def write(store, out: Path, artifacts: Path, lang: str = "en") -> dict[str, Path]:
    i18n.check_lang(lang)
    out = Path(out)
    (out / "sites").mkdir(parents=True, exist_ok=True)
    (out / "assets").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(HERE / "static" / "report.css", out / "assets" / "report.css")
    rows = collect(store, Path(artifacts), out)
    rows_site = collect(store, Path(artifacts), out / "sites")  # links relative to the site pages
    env = _env(lang)
    groups: list[tuple[str, list[dict[str, Any]]]] = []
    for r in rows:
        if not groups or groups[-1][0] != r["organisation"]:
            groups.append((r["organisation"], []))
        groups[-1][1].append(r)
    (out / "index.html").write_text(env.get_template("portfolio.html").render(groups=groups, n=len(rows)),
                                    encoding="utf-8")
    for r in rows_site:
        (out / "sites" / f"site-{r['site_id']}.html").write_text(
            env.get_template("portfolio_site.html").render(r=r), encoding="utf-8")
    table = [{k: r[k] for k in COLUMNS} for r in rows]
    with open(out / "portfolio.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS)
        w.writeheader()
        for r in table:
            w.writerow({k: _csv_safe("" if v is None else v) for k, v in r.items()})
    (out / "portfolio.json").write_text(json.dumps({"schema": "auditor-portfolio/1", "sites": table},
                                                   ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    return {"html": out / "index.html", "csv": out / "portfolio.csv", "json": out / "portfolio.json"}


def _csv_safe(v: Any) -> Any:
    """A cell starting with = + - @ is a formula to a spreadsheet: quoted with an apostrophe (CSV injection)."""
    if isinstance(v, str) and v[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + v
    return v
