"""Report writers. Each takes (store, run_id, out_dir, data=...) and returns the path of its main file.

    html    index.html and the report folder (reports/html.py)
    json    report.json, schema "auditor-report/1" (docs/report-schema.md)
    csv     findings.csv, one row per finding × page
    junit   junit.xml, one test suite per site, one test case per page × rule
    sarif   report.sarif, SARIF 2.1.0 (GitHub code scanning)
    earl    report.earl.jsonld, W3C EARL in JSON-LD (the format of ACT implementation reports)
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from auditor.store import Store
from reports import csv_report, earl, html, json_report, junit, sarif
from reports.data import build
from reports.i18n import LANGS

FORMATS = {"html": html.write, "json": json_report.write, "csv": csv_report.write, "junit": junit.write,
           "sarif": sarif.write, "earl": earl.write}


def write_all(store: Store, run_id: int, out_dir: Path, formats: Iterable[str] = ("html", "json"), *,
              lang: str = "en", visits_per_year: int | None = None) -> dict[str, Path]:
    """Write the given formats into out_dir, reading the store once for the aggregates.

    `lang` is the HTML report's language (en, fi, sv); `visits_per_year` (page visits a year) turns on the
    administrative-burden estimate of hard text. Unknown format names or languages raise ValueError."""
    formats = list(dict.fromkeys(formats))
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown report format(s) {', '.join(unknown)}: use {', '.join(FORMATS)}")
    if lang not in LANGS:
        raise ValueError(f"unknown report language {lang!r}: use {', '.join(LANGS)}")
    data = build(store, run_id, lang=lang, visits_per_year=visits_per_year)
    return {f: FORMATS[f](store, run_id, Path(out_dir), data=data) for f in formats}
