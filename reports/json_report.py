"""report.json: the whole run, machine-readable (schema "auditor-report/1").

Written page by page, so a large run never needs the whole document as one string in memory, and to a temporary
file renamed at the end, so a reader never sees half a report.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from auditor.store import Store, dumps
from reports.data import SCHEMA, ReportData, build, iso

RUN_FIELDS = ("id", "site", "seeds", "status", "tool_version", "axe_version", "browser_version", "message",
              "config")
PAGE_FIELDS = ("id", "url", "kind", "status", "content_type", "title", "depth", "referrer", "score",
               "fetch_ms", "render_ms", "timings", "error")
FINDING_FIELDS = ("id", "rule", "outcome", "category", "impact", "selector", "snippet", "message", "viewports",
                  "wcag", "level", "en301549", "act", "help", "help_url", "advisory", "fingerprint")


def run_json(run: dict[str, Any]) -> dict[str, Any]:
    out = {k: run.get(k) for k in RUN_FIELDS}
    out["started_at"] = iso(run.get("started_at"))
    out["finished_at"] = iso(run.get("finished_at"))
    return out


def page_json(page: dict[str, Any]) -> dict[str, Any]:
    out = {k: page.get(k) for k in PAGE_FIELDS}
    out["done_at"] = iso(page.get("done_at"))
    out["findings"] = [{k: f.get(k) for k in FINDING_FIELDS} for f in page["findings"]]
    return out


def write(store: Store, run_id: int, out_dir: Path, data: ReportData | None = None) -> Path:
    data = data or build(store, run_id)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "report.json"
    tmp = path.with_suffix(".json.tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        fh.write(f'{{"schema": {dumps(SCHEMA)},\n"run": {dumps(run_json(data.run))},\n'
                 f'"summary": {dumps(data.summary)},\n"pages": [')
        for i, page in enumerate(data.pages):
            fh.write(("," if i else "") + "\n" + dumps(page_json(page)))
        fh.write("\n]}\n")
    os.replace(tmp, path)
    return path
