"""findings.csv: one row per finding × page, for spreadsheets and scripts.

UTF-8 with a byte-order mark (Excel then reads ä and ö right), comma-separated, RFC 4180 quoting. Lists (WCAG
criteria, viewports...) are joined with "; ". Every text cell is protected against formula injection: a cell that
starts with = + - @ TAB CR (or ') gets a leading apostrophe; `read()` removes it again, so the file round-trips.
"""
from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import Any

from auditor.store import Store
from reports.data import ReportData, build
from reports.safe import csv_cell, csv_uncell

COLUMNS = ("run_id", "page_id", "url", "page_title", "template", "finding_id", "rule", "area", "category",
           "outcome", "impact", "advisory", "wcag", "level", "en301549", "act", "viewports", "selector", "snippet",
           "message", "help", "help_url", "fingerprint", "group")
LIST_COLUMNS = ("wcag", "en301549", "act", "viewports")
INT_COLUMNS = ("run_id", "page_id", "finding_id")
SEP = "; "


def row(run_id: int, page: dict[str, Any], f: dict[str, Any]) -> list[Any]:
    values = {
        "run_id": run_id, "page_id": page["id"], "url": page["url"], "page_title": page["title"],
        "template": page["template"], "finding_id": f["id"], "rule": f["rule"], "area": f["area"],
        "category": f["category"], "outcome": f["outcome"], "impact": f["impact"],
        "advisory": "true" if f["advisory"] else "false", "level": f["level"], "selector": f["selector"],
        "snippet": f["snippet"], "message": f["message"], "help": f["help"], "help_url": f["help_url"],
        "fingerprint": f["fingerprint"], "group": f.get("group") or "",
    }
    for k in LIST_COLUMNS:
        values[k] = SEP.join(f[k])
    return [values[c] if c in INT_COLUMNS else csv_cell(values[c]) for c in COLUMNS]


def write(store: Store, run_id: int, out_dir: Path, data: ReportData | None = None) -> Path:
    data = data or build(store, run_id)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "findings.csv"
    tmp = path.with_suffix(".csv.tmp")
    with tmp.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(COLUMNS)
        for page, findings in data.iter_pages():
            for f in findings:
                w.writerow(row(data.run_id, page, f))
    os.replace(tmp, path)
    return path


def read(path: Path) -> list[dict[str, Any]]:
    """The rows back as dicts: apostrophes removed, lists split, ids as ints, advisory as bool."""
    out = []
    with Path(path).open(encoding="utf-8-sig", newline="") as fh:
        for r in csv.DictReader(fh):
            d: dict[str, Any] = {k: csv_uncell(v) for k, v in r.items()}
            for k in INT_COLUMNS:
                d[k] = int(d[k])
            for k in LIST_COLUMNS:
                d[k] = d[k].split(SEP) if d[k] else []
            d["advisory"] = d["advisory"] == "true"
            out.append(d)
    return out
