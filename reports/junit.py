"""junit.xml: the run as JUnit XML for CI dashboards. One test suite per site, one test case per page × rule.

The rules are every rule code that found something anywhere in the run: on a page where such a rule found nothing,
its test case passes. A case fails (<failure>) when the rule found a failure on the page, errors (<error>) when the
rule broke there, and is skipped (<skipped>) when it found only results that need a person's review. Advisory
findings (best practice, AAA, plain language) never fail a case; they are listed in <system-out>. A document is a
skipped case ("not tested as a web page"); an address that could not be loaded is an errored case.

Untrusted text is XML-escaped and stripped of characters XML 1.0 forbids. The file is streamed: test cases go to a
temporary file while the totals are counted, then the header with the totals is written before them.
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from auditor.store import Store
from reports.data import ReportData, build, iso
from reports.safe import xml_text

MAX_DETAILS = 50  # findings listed in one test case's text; the rest are counted


def _a(value: Any) -> str:
    return quoteattr(xml_text(value))


def _t(value: Any) -> str:
    return escape(xml_text(value))


def _details(findings: list[dict[str, Any]]) -> str:
    lines = []
    for f in findings[:MAX_DETAILS]:
        lines.append(f"[{f['category']}] {f['impact']} {f['selector']} (viewports: {', '.join(f['viewports'])})")
        if f["message"]:
            lines.append("  " + f["message"].replace("\n", "\n  "))
        if f["snippet"]:
            lines.append("  HTML: " + f["snippet"])
        if f["wcag"]:
            lines.append("  WCAG: " + ", ".join(f["wcag"]))
    if len(findings) > MAX_DETAILS:
        lines.append(f"... and {len(findings) - MAX_DETAILS} more")
    if findings and findings[0]["help_url"]:
        lines.append("Help: " + findings[0]["help_url"])
    return "\n".join(lines)


def write(store: Store, run_id: int, out_dir: Path, data: ReportData | None = None) -> Path:
    data = data or build(store, run_id)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "junit.xml"
    codes = sorted(r["code"] for r in data.rules)
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    with tempfile.TemporaryFile("w+", encoding="utf-8", dir=out_dir) as body:
        for page, findings in data.iter_pages():
            cls = _a(page["url"])
            if page["kind"] == "document":
                counts["tests"] += 1
                counts["skipped"] += 1
                body.write(f'    <testcase classname={cls} name="document" time="0">'
                           f'<skipped message="not tested as a web page"/></testcase>\n')
                continue
            if page["kind"] != "html":
                counts["tests"] += 1
                counts["errors"] += 1
                body.write(f'    <testcase classname={cls} name="page load" time="0"><error message='
                           f'{_a(page["error"] or page["kind"])} type="load"/></testcase>\n')
                continue
            by_rule: dict[str, list[dict[str, Any]]] = {}
            for f in findings:
                by_rule.setdefault(f["rule"], []).append(f)
            for code in codes or ["auditor"]:
                fs = by_rule.get(code, [])
                counts["tests"] += 1
                cats = {f["category"] for f in fs}
                body.write(f"    <testcase classname={cls} name={_a(code)} time=\"0\">")
                if "fail" in cats:
                    counts["failures"] += 1
                    fails = [f for f in fs if f["category"] == "fail"]
                    worst = fails[0]
                    msg = f"{len(fails)} × {worst['help'] or code}"
                    body.write(f"<failure message={_a(msg)} type={_a(worst['impact'])}>{_t(_details(fails))}"
                               "</failure>")
                elif "error" in cats:
                    counts["errors"] += 1
                    err = next(f for f in fs if f["category"] == "error")
                    msg = err["message"].splitlines()[0] if err["message"] else code
                    body.write(f'<error message={_a(msg)} type="rule-error">{_t(err["message"])}</error>')
                elif "review" in cats:
                    counts["skipped"] += 1
                    msg = "needs review by a person: " + (fs[0]["help"] or code)
                    body.write(f"<skipped message={_a(msg)}/>")
                other = [f for f in fs if f["category"] in ("advisory", "review")]
                if other:
                    body.write(f"<system-out>{_t(_details(other))}</system-out>")
                body.write("</testcase>\n")
        body.seek(0)
        run = data.run
        stamp = iso(run.get("started_at")) or dt.datetime.now(dt.timezone.utc).isoformat()
        tmp = path.with_suffix(".xml.tmp")
        with tmp.open("w", encoding="utf-8") as fh:
            fh.write('<?xml version="1.0" encoding="UTF-8"?>\n')
            attrs = " ".join(f'{k}="{v}"' for k, v in counts.items())
            suite_name = f"auditor run {run['id']}"
            fh.write(f'<testsuites name={_a(suite_name)} {attrs} time="0">\n')
            fh.write(f'  <testsuite name={_a(run["site"])} {attrs} time="0" timestamp={_a(stamp[:19])}>\n')
            fh.write("    <properties>\n")
            for k in ("id", "status", "tool_version", "axe_version", "browser_version"):
                fh.write(f"      <property name={_a('run.' + k)} value={_a(run.get(k) or '')}/>\n")
            fh.write("    </properties>\n")
            shutil.copyfileobj(body, fh)
            fh.write("  </testsuite>\n</testsuites>\n")
        os.replace(tmp, path)
    return path
