"""The axe-core rule catalogue (reports/data/axe-rules.json): which WCAG criteria the vendored axe-core tests.

The conformance table needs to know which success criteria an audit *could* have failed: a criterion that no rule
that ran tests is "not testable automatically", not "passed". axe's rules are data inside axe.min.js; this module
reads them from a real browser once and keeps the result next to the reports, so rendering needs no browser.

Regenerate after upgrading axe-core (a test checks that the versions match):

    python -m reports.axe_catalog
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

CATALOG = Path(__file__).parent / "data" / "axe-rules.json"

_READ_RULES = """() => ({
  version: axe.version,
  rules: axe.getRules().map(r => ({id: r.ruleId, help: r.help, tags: r.tags})),
  enabled: axe._audit.rules.filter(r => r.enabled !== false).map(r => r.id),
})"""


@lru_cache(maxsize=1)
def load() -> dict[str, Any]:
    """{"version": "4.x.y", "rules": {id: {"help", "wcag": [...], "best_practice", "enabled"}}}."""
    try:
        return json.loads(CATALOG.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"version": "", "rules": {}}


def criteria_tested(enabled_only: bool = True) -> dict[str, list[str]]:
    """Success criterion -> the axe rule ids (enabled by default) that test it."""
    out: dict[str, list[str]] = {}
    for rid, r in load()["rules"].items():
        if enabled_only and not r.get("enabled"):
            continue
        for sc in r.get("wcag", []):
            out.setdefault(sc, []).append(rid)
    return out


def generate(path: Path = CATALOG) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    from auditor import standards
    from auditor.render import CHROMIUM_ARGS, axe_source, find_browser

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=find_browser(), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.set_content("<!doctype html><title>axe</title>")
        page.evaluate(axe_source())
        raw = page.evaluate(_READ_RULES)
        browser.close()
    enabled = set(raw["enabled"])
    rules = {}
    for r in sorted(raw["rules"], key=lambda r: r["id"]):
        rules[r["id"]] = {
            "help": r["help"],
            "wcag": standards.criteria_from_axe_tags(r["tags"]),
            "best_practice": "best-practice" in r["tags"],
            "enabled": r["id"] in enabled,
        }
    data = {"version": raw["version"], "rules": rules}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    load.cache_clear()
    return data


if __name__ == "__main__":
    d = generate()
    print(f"axe-core {d['version']}: {len(d['rules'])} rules written to {CATALOG}")
