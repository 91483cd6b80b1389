"""Own checks axe-core has no rule for (issue 13: ACC-10..ACC-55, DI-16) on fixture pages in the real browser.

Fixtures live in tests/fixtures/checks/; their comments say what they expect, one line each:
`<!-- expect: ACC-20 fail #visual -->` (a finding of that rule and outcome whose selector, or snippet, names the
element; no element: anywhere on the page; a trailing viewport name: at exactly that viewport), or
`<!-- expect: pass -->` (not one finding of these rules, not even a needs-review or an advisory).
All fixtures render in one browser at the mobile (320 × 640) and desktop (1280 × 800) viewports.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from auditor.demo import StaticSite
from tests.test_device_harness import render_pages

pytestmark = pytest.mark.e2e

FIXTURES = Path(__file__).parent / "fixtures" / "checks"
GATHERERS = frozenset({"checks", "textstyle"})
CODES = ["ACC-1", "ACC-2", "ACC-3", "ACC-4", "ACC-5", "DI-16"]
OURS = re.compile(r"^(ACC-[1-5]\d|DI-16)$")
_EXPECT = re.compile(r"<!--\s*expect:\s*(?:(pass)|([A-Z]+-\d+)\s+(fail|review)\s*(#\S+)?\s*([a-z]*))\s*-->")


def _expectations() -> dict[str, list[tuple]]:
    out = {}
    for f in sorted(FIXTURES.glob("*.html")):
        found = _EXPECT.findall(f.read_text(encoding="utf-8"))
        assert found, f"{f.name}: no expect comment"
        out[f.name] = found
    return out


EXPECT = _expectations()


@pytest.fixture(scope="module")
def rendered():
    with StaticSite(FIXTURES) as site:
        results = render_pages([site.url + name for name in EXPECT], enabled=GATHERERS,
                               options={"rules": CODES})
    return {Path(r.url).name: r for r in results}


def _names(f, el: str) -> bool:
    ident = el[1:]
    return el in f.selector or f'id="{ident}"' in f.snippet


@pytest.mark.parametrize("name", list(EXPECT))
def test_fixture(rendered, name):
    r = rendered[name]
    assert not r.error, r.error
    ours = [f for f in r.findings if OURS.match(f.rule)]
    assert not [f for f in r.findings if f.outcome == "error"], [f.message for f in r.findings]
    for passed, code, kind, el, vp in EXPECT[name]:
        if passed:
            assert not ours, [(f.rule, f.outcome, f.selector, f.message) for f in ours]
            continue
        found = [f for f in r.of(code, kind) if not el or _names(f, el)]
        assert found, (code, kind, el, [(f.rule, f.outcome, f.selector, f.message) for f in ours])
        if vp:
            assert {v for f in found for v in f.viewports} == {vp}, [(f.selector, f.viewports) for f in found]
        for f in found:
            assert f.message and f.messages.get("fi") and f.messages.get("sv"), f


def test_failing_fixtures_report_nothing_unexpected(rendered):
    """Every finding of these rules on a failing fixture is one of its expectations (no stray hits)."""
    for name, exps in EXPECT.items():
        codes = {(c, k) for _, c, k, _, _ in exps}
        stray = [(f.rule, f.outcome, f.selector) for f in rendered[name].findings
                 if OURS.match(f.rule) and (f.rule, f.outcome) not in codes]
        assert not stray, (name, stray)


def test_animation_measured_with_frames(rendered):
    anims = rendered["images-fail.html"].facts["checks"]["animations"]
    (a,) = [v for k, v in anims.items() if k.endswith("banneri.gif")]
    assert a == {"format": "GIF", "frames": 10, "duration_ms": 8000, "loop": 0}
    # The short one-play icon on the passing page is measured and found under five seconds.
    anims = rendered["images-pass.html"].facts["checks"]["animations"]
    assert [v["duration_ms"] for k, v in anims.items() if k.endswith("kuvake.gif")] == [1000]
