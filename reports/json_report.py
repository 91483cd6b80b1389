"""report.json: the whole run, machine-readable. Schema "auditor-report/1", version SCHEMA_VERSION; the fields are
documented in docs/report-schema.md and checked against reports/data/report.schema.json by the tests.

Written page by page (findings streamed from the store), so a large run never needs the whole document as one
string in memory, and to a temporary file renamed at the end, so a reader never sees half a report.
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from auditor.store import Store, dumps
from reports.data import SCHEMA, SCHEMA_VERSION, ReportData, build, iso

RUN_FIELDS = ("id", "site", "seeds", "status", "tool_version", "axe_version", "browser_version", "message",
              "config")
PAGE_FIELDS = ("id", "url", "kind", "status", "content_type", "title", "depth", "referrer", "score",
               "fetch_ms", "render_ms", "timings", "error", "template")
FINDING_FIELDS = ("id", "rule", "area", "outcome", "category", "impact", "selector", "snippet", "message", "messages",
                  "viewports", "wcag", "level", "en301549", "act", "help", "help_url", "advisory", "fingerprint",
                  "group", "boxes", "evidence")
GROUP_FIELDS = ("id", "rule", "area", "category", "categories", "impact", "help", "help_url", "wcag", "level",
                "en301549", "act", "viewports", "selector", "norm_selector", "template", "findings", "page_count",
                "page_ids", "fingerprints")


def run_json(run: dict[str, Any]) -> dict[str, Any]:
    out = {k: run.get(k) for k in RUN_FIELDS}
    out["started_at"] = iso(run.get("started_at"))
    out["finished_at"] = iso(run.get("finished_at"))
    return out


def page_json(page: dict[str, Any], findings: list[dict[str, Any]]) -> dict[str, Any]:
    out = {k: page.get(k) for k in PAGE_FIELDS}
    out["done_at"] = iso(page.get("done_at"))
    out["counts"] = page["counts"]
    out["areas"] = page["areas"]
    out["plain_language"] = page["pl"]
    out["metrics"] = page.get("metrics") if isinstance(page.get("metrics"), dict) else {}
    out["findings"] = [{k: f.get(k) for k in FINDING_FIELDS} for f in findings]
    return out


def group_json(g: dict[str, Any]) -> dict[str, Any]:
    out = {k: g.get(k) for k in GROUP_FIELDS}
    rep = g.get("representative") or {}
    out["representative"] = {"finding_id": rep.get("id"), "page_id": rep.get("page_id")} if rep else None
    return out


def write(store: Store, run_id: int, out_dir: Path, data: ReportData | None = None) -> Path:
    data = data or build(store, run_id)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "report.json"
    tmp = path.with_suffix(".json.tmp")
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
    with tmp.open("w", encoding="utf-8") as fh:
        fh.write(f'{{"schema": {dumps(SCHEMA)},\n"schema_version": {dumps(SCHEMA_VERSION)},\n'
                 f'"generated_at": {dumps(now)},\n"report_lang": {dumps(data.lang)},\n'
                 f'"run": {dumps(run_json(data.run))},\n"summary": {dumps(data.summary)},\n'
                 f'"conformance": {dumps(data.conformance)},\n"groups": [')
        for i, g in enumerate(data.groups):
            fh.write(("," if i else "") + "\n" + dumps(group_json(g)))
        fh.write('\n],\n"pages": [')
        for i, (page, findings) in enumerate(data.iter_pages()):
            fh.write(("," if i else "") + "\n" + dumps(page_json(page, findings)))
        fh.write("\n]}\n")
    os.replace(tmp, path)
    return path
