"""report.earl.jsonld: the run as W3C EARL 1.0 assertions in JSON-LD, the format of ACT implementation reports.

One assertion per finding (outcome earl:failed for failures and advisory findings, earl:cantTell for results
that need review; `result.pointer` a CSS selector pointer), and one per page × rule (every rule that found
something in the run) where that rule found nothing on the page: earl:passed, meaning "ran and found no
violation" (the rule may also have been inapplicable there; axe does not say which). Each test case names
the WCAG 2 success criteria it is part of as `WCAG2:<slug>` (non-text-content ...), as ACT reports do.
The JSON-LD context is inline, so the file needs no network to be read as linked data.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from auditor import standards
from auditor.store import Store
from reports.data import ReportData, build, iso

ASSERTOR = "https://github.com/auditor-a11y/auditor"
CONTEXT = {
    "@vocab": "http://www.w3.org/ns/earl#",
    "earl": "http://www.w3.org/ns/earl#",
    "WCAG2": "https://www.w3.org/TR/WCAG2/#",
    "dct": "http://purl.org/dc/terms/",
    "sch": "https://schema.org/",
    "ptr": "http://www.w3.org/2009/pointers#",
    "doap": "http://usefulinc.com/ns/doap#",
    "source": {"@id": "dct:source", "@type": "@id"},
    "title": "dct:title",
    "description": "dct:description",
    "date": {"@id": "dct:date", "@type": "http://www.w3.org/2001/XMLSchema#dateTime"},
    "isPartOf": {"@id": "dct:isPartOf", "@type": "@id"},
    "assertedBy": {"@type": "@id"},
    "outcome": {"@type": "@id"},
    "mode": {"@type": "@id"},
    "expression": "ptr:expression",
    "release": "doap:release",
    "revision": "doap:revision",
}
OUTCOME = {"fail": "earl:failed", "advisory": "earl:failed", "review": "earl:cantTell"}


def sc_slug(sc: str) -> str | None:
    """"1.4.3" -> "contrast-minimum": the WCAG 2 understanding/anchor slug, as ACT reports use it."""
    c = standards.get(sc)
    if c is None:
        return None
    return re.sub(r"\s+", "-", re.sub(r"[^a-z0-9 -]", "", c.name_en.lower()).strip())


def test_case(code: str, help_text: str, wcag: list[str]) -> dict[str, Any]:
    parts = [{"@id": f"WCAG2:{s}", "@type": "TestRequirement"} for s in (sc_slug(sc) for sc in wcag) if s]
    out: dict[str, Any] = {"@type": "TestCase", "title": code}
    if help_text:
        out["description"] = help_text
    if parts:
        out["isPartOf"] = parts
    return out


def assertion(url: str, page_title: str, test: dict[str, Any], outcome: str, *, selector: str | None = None,
              description: str = "", date: str | None = None) -> dict[str, Any]:
    result: dict[str, Any] = {"@type": "TestResult", "outcome": outcome}
    if description:
        result["description"] = description
    if selector:
        result["pointer"] = {"@type": "ptr:CSSSelectorPointer", "expression": selector}
    if date:
        result["date"] = date
    subject: dict[str, Any] = {"@type": ["TestSubject", "sch:WebPage"], "source": url}
    if page_title:
        subject["title"] = page_title
    return {"@type": "Assertion", "assertedBy": ASSERTOR, "mode": "earl:automatic", "subject": subject,
            "test": test, "result": result}


def write(store: Store, run_id: int, out_dir: Path, data: ReportData | None = None) -> Path:
    data = data or build(store, run_id)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "report.earl.jsonld"
    tmp = path.with_suffix(".jsonld.tmp")
    run = data.run
    date = iso(run.get("finished_at") or run.get("started_at"))
    tests = {r["code"]: test_case(r["code"], r["help"], r["wcag"]) for r in data.rules}
    assertor = {"@id": ASSERTOR, "@type": ["Assertor", "Software"], "title": "auditor",
                "description": f"auditor {run.get('tool_version') or ''} with axe-core {run.get('axe_version') or ''}",
                "release": {"revision": run.get("tool_version") or "unknown"}}
    with tmp.open("w", encoding="utf-8") as fh:
        fh.write('{"@context": ' + json.dumps(CONTEXT) + ',\n"@graph": [\n' + json.dumps(assertor))
        for page, findings in data.iter_pages():
            if page["kind"] != "html":
                continue
            seen = set()
            for f in findings:
                if f["category"] == "error":
                    continue
                seen.add(f["rule"])
                a = assertion(page["url"], page["title"], tests[f["rule"]], OUTCOME[f["category"]],
                              selector=f["selector"], description=f["message"] or f["help"], date=date)
                fh.write(",\n" + json.dumps(a, ensure_ascii=False))
            for code in tests:
                if code not in seen:
                    a = assertion(page["url"], page["title"], tests[code], "earl:passed",
                                  description="no violation found (passed or inapplicable)", date=date)
                    fh.write(",\n" + json.dumps(a, ensure_ascii=False))
        fh.write("\n]}\n")
    os.replace(tmp, path)
    return path
