"""The W3C ACT test cases of the ACT rules the DI rules implement, through the real gather stage and the DI rules.

Consistency as W3C defines it for an implementation report: every failed example reported as failed, and no
passed or inapplicable example reported as failed. A finding counts for an ACT rule when its `act` ids name it.
The suite is read from ../shared/act-rules (or $ACT_DIR: the folder holding `WAI/`), served on 127.0.0.1.
Pages render at the mobile (320 × 640, portrait) and desktop (1280 × 800, landscape) default viewports: the
rules need a portrait and a landscape viewport (b33eff) and a desktop one (59br37 at half its width, the
keyboard walk); the tablet viewport adds time and nothing to these rules.

`python tests/test_device_act.py` prints the per-rule table without pytest.
"""
from __future__ import annotations

import json
import os
from collections import defaultdict
from pathlib import Path

import pytest

from auditor.demo import StaticSite
from tests.test_device_harness import MOBILE_DESKTOP, render_pages

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parent.parent
ACT_DIR = Path(os.environ.get("ACT_DIR") or ROOT.parent / "shared" / "act-rules")
CASES_JSON = ACT_DIR / "WAI" / "content-assets" / "wcag-act-rules" / "testcases.json"
BASE_PATH = "/WAI/content-assets/wcag-act-rules/"
# The ACT rules implemented by DI rules (DI-2, DI-4, DI-6, DI-3, DI-9, DI-12).
ACT_IDS = ("b4f0c3", "24afc2", "78fd32", "9e45ec", "b33eff", "59br37", "oj04fd", "akn7bn")
DEVICE_GATHERERS = frozenset({"device", "layout", "textfit", "keyboard"})


def load_cases() -> list[dict]:
    data = json.loads(CASES_JSON.read_text(encoding="utf-8"))
    return [c for c in data["testcases"] if c["ruleId"] in ACT_IDS]


def run_suite() -> tuple[dict[str, dict[str, int]], list[str]]:
    """Per ACT rule: counts of (expected, reported) pairs; and the list of inconsistencies."""
    cases = load_cases()
    with StaticSite(ACT_DIR) as site:
        base = site.url.rstrip("/") + BASE_PATH
        results = render_pages([base + c["relativePath"] for c in cases], viewports=MOBILE_DESKTOP,
                               enabled=DEVICE_GATHERERS, concurrency=3)
    by_url = {r.url: r for r in results}
    table: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    problems = []
    for c in cases:
        r = by_url[base + c["relativePath"]]
        fails = [f for f in r.findings if c["ruleId"] in f.act and f.outcome == "fail"]
        reviews = [f for f in r.findings if c["ruleId"] in f.act and f.outcome == "review"]
        got = "failed" if fails else "cantTell" if reviews else "passed"
        table[c["ruleId"]][f"{c['expected']}->{got}"] += 1
        if r.error:
            problems.append(f"{c['ruleId']} {c['testcaseTitle']} ({c['relativePath']}): render error {r.error}")
        elif c["expected"] == "failed" and not fails:
            problems.append(f"{c['ruleId']} {c['testcaseTitle']} ({c['relativePath']}): failed example not reported "
                            f"(findings: {[(f.rule, f.outcome, f.message[:80]) for f in r.findings]})")
        elif c["expected"] != "failed" and fails:
            problems.append(f"{c['ruleId']} {c['testcaseTitle']} ({c['relativePath']}): {c['expected']} example "
                            f"reported as failed: {[(f.rule, f.selector, f.message[:120]) for f in fails]}")
    return {k: dict(v) for k, v in table.items()}, problems


@pytest.mark.skipif(not CASES_JSON.is_file(), reason=f"ACT test suite not found at {ACT_DIR}")
def test_act_consistency():
    table, problems = run_suite()
    assert set(table) == set(ACT_IDS), table
    for rid, counts in table.items():
        assert any(k.startswith("failed->") for k in counts), (rid, counts)
    assert not problems, "\n".join(problems)


if __name__ == "__main__":
    t, p = run_suite()
    for rid in ACT_IDS:
        print(rid, json.dumps(t.get(rid, {}), sort_keys=True))
    print("\n".join(p) or "consistent: every failed example reported, nothing else reported as failed")
