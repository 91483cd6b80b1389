"""Report writers. Each takes (store, run_id, out_dir) and returns the path of its main file."""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from auditor.store import Store
from reports import html, json_report
from reports.data import build

FORMATS = {"html": html.write, "json": json_report.write}


def write_all(store: Store, run_id: int, out_dir: Path, formats: Iterable[str] = tuple(FORMATS)) -> dict[str, Path]:
    """Write the given formats into out_dir, reading the store once. Unknown format names raise ValueError."""
    formats = list(dict.fromkeys(formats))
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown report format(s) {', '.join(unknown)}: use {', '.join(FORMATS)}")
    data = build(store, run_id)
    return {f: FORMATS[f](store, run_id, Path(out_dir), data=data) for f in formats}
