"""report.sarif: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

One result per finding × page (rule errors go to the invocation's notifications, not to results). Locations:
GitHub code scanning accepts only paths in the repository, not web addresses ("unrecognized SARIF location URI
scheme"), so a page's location is a relative path made from its host and path — `www.example.fi/palvelut/x.html`,
a port as `_8080`, a trailing slash as `_index`, a query as `_q<hash>` — and the full address is in the result's
`properties.url`. `partialFingerprints["auditorFinding/v1"]` is a hash of the rule, the selector with numbers
folded and the page address without its fragment: stable across runs, so code scanning tracks one alert per
problem. Levels: failures of critical/serious impact are `error`, other failures `warning`, advisory findings
`note`; results that need review have kind `review` (level `none`, as SARIF requires).
Validated against the official OASIS schema in tests (tests/data/sarif-schema-2.1.0.json).
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from auditor.store import Store
from reports.data import ReportData, build, iso, normalise_selector

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFO_URI = "https://github.com/auditor-a11y/auditor"


def location_path(url: str) -> str:
    """A repository-relative path for a page address (see the module docstring)."""
    try:
        u = urlsplit(url)
        host = (u.hostname or "site").lower()
        port = u.port
    except ValueError:
        return "site/_invalid_" + hashlib.sha1(url.encode()).hexdigest()[:8]
    if port:
        host += f"_{port}"
    path = u.path or "/"
    if path.endswith("/"):
        path += "_index"
    if u.query:
        path += "_q" + hashlib.sha1(u.query.encode()).hexdigest()[:8]
    return quote(host + path, safe="/%-._~!$&'()*+,;=:@")


def fingerprint(rule: str, selector: str, url: str) -> str:
    page = url.split("#", 1)[0]
    return hashlib.sha256(f"{rule}\x00{normalise_selector(selector)}\x00{page}".encode()).hexdigest()[:32]


def _level(f: dict[str, Any]) -> tuple[str, str]:
    """(kind, level)"""
    if f["category"] == "review":
        return "review", "none"
    if f["category"] == "advisory":
        return "fail", "note"
    return "fail", "error" if f["impact"] in ("critical", "serious") else "warning"


def _rule(r: dict[str, Any]) -> dict[str, Any]:
    help_text = r["help"] or r["code"]
    out: dict[str, Any] = {
        "id": r["code"],
        "name": r["code"],
        "shortDescription": {"text": help_text},
        "fullDescription": {"text": help_text},
        "help": {"text": help_text + (f"\n{r['help_url']}" if r["help_url"] else "")},
        "defaultConfiguration": {"level": "error" if "fail" in r["categories"] else "note"},
        "properties": {
            "tags": list(dict.fromkeys(["accessibility", r["area"]] + [f"wcag{sc}" for sc in r["wcag"]])),
            "area": r["area"], "wcag": r["wcag"], "en301549": r["en301549"], "act": r["act"],
            "precision": "high" if "fail" in r["categories"] else "medium",
            "problem.severity": "error" if r["impact"] in ("critical", "serious") else "warning",
        },
    }
    if isinstance(r["help_url"], str) and r["help_url"].lower().startswith(("http://", "https://")):
        out["helpUri"] = r["help_url"]
    return out


def write(store: Store, run_id: int, out_dir: Path, data: ReportData | None = None) -> Path:
    data = data or build(store, run_id)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "report.sarif"
    tmp = path.with_suffix(".sarif.tmp")
    run = data.run
    rule_index = {r["code"]: i for i, r in enumerate(data.rules)}
    notifications: list[dict[str, Any]] = []
    invocation: dict[str, Any] = {"executionSuccessful": run.get("status") == "finished"}
    if run.get("started_at"):
        invocation["startTimeUtc"] = iso(run["started_at"]).replace("+00:00", "Z")
    if run.get("finished_at"):
        invocation["endTimeUtc"] = iso(run["finished_at"]).replace("+00:00", "Z")
    with tmp.open("w", encoding="utf-8") as fh:
        driver = {"name": "auditor", "version": run.get("tool_version") or "unknown", "informationUri": INFO_URI,
                  "rules": [_rule(r) for r in data.rules]}
        fh.write('{"$schema": ' + json.dumps(SARIF_SCHEMA) + ', "version": "2.1.0", "runs": [{\n')
        fh.write('"tool": {"driver": ' + json.dumps(driver, ensure_ascii=False) + "},\n")
        fh.write('"automationDetails": ' + json.dumps({"id": f"auditor/{location_path(run['site']).split('/')[0]}"
                                                             f"/run-{run['id']}"}) + ",\n")
        fh.write('"results": [')
        first = True
        for page, findings in data.iter_pages():
            loc_uri = location_path(page["url"])
            for f in findings:
                loc = {"physicalLocation": {"artifactLocation": {"uri": loc_uri}, "region": {"startLine": 1}}}
                if f["snippet"]:
                    loc["physicalLocation"]["region"]["snippet"] = {"text": f["snippet"]}
                if f["category"] == "error":
                    notifications.append({"level": "error", "message": {"text": f["message"] or f["rule"]},
                                          "descriptor": {"id": f["rule"]}, "locations": [loc],
                                          "properties": {"url": page["url"]}})
                    continue
                kind, level = _level(f)
                text = (f["help"] or f["rule"]) + f" — {f['selector']}"
                if f["message"]:
                    text += "\n" + f["message"]
                result = {
                    "ruleId": f["rule"], "ruleIndex": rule_index[f["rule"]], "kind": kind, "level": level,
                    "message": {"text": text},
                    "locations": [dict(loc, logicalLocations=[{"fullyQualifiedName": f["selector"],
                                                               "kind": "element"}])],
                    "partialFingerprints": {"auditorFinding/v1": fingerprint(f["rule"], f["selector"], page["url"])},
                    "properties": {
                        "url": page["url"], "pageTitle": page["title"], "selector": f["selector"],
                        "viewports": f["viewports"], "impact": f["impact"], "category": f["category"],
                        "area": f["area"], "wcag": f["wcag"], "en301549": f["en301549"],
                        "group": f.get("group") or "", "fingerprint": f["fingerprint"],
                    },
                }
                fh.write(("" if first else ",") + "\n" + json.dumps(result, ensure_ascii=False))
                first = False
        if notifications:
            invocation["toolExecutionNotifications"] = notifications
        fh.write('\n],\n"invocations": [' + json.dumps(invocation, ensure_ascii=False) + "]\n}]}\n")
    os.replace(tmp, path)
    return path
