"""DI rules on fixture pages in the real browser: each rule has pages that must fail and pages that must pass.

Fixtures live in tests/fixtures/device/; the first comment of each says what it expects:
`<!-- expect: DI-7 fail mobile -->` (the rule fails at exactly these viewports; no viewports: at any),
`<!-- expect: DI-13 review mobile -->` (needs review there), `<!-- expect: DI-9 pass -->` (no DI failure at all).
All fixtures render in one browser, once per test session, at the mobile (320 × 640) and desktop (1280 × 800)
viewports; a few checks need the full three-viewport set or a generated page and render their own.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from auditor.demo import StaticSite
from tests.test_device_harness import DEFAULT_VPS, render_pages

pytestmark = pytest.mark.e2e

FIXTURES = Path(__file__).parent / "fixtures" / "device"
DEVICE_GATHERERS = frozenset({"device", "layout", "textfit", "keyboard"})
_EXPECT = re.compile(r"<!--\s*expect:\s*(DI-\d+)\s+(fail|pass|review)\s*([a-z ]*)-->")


def _expectations() -> dict[str, tuple[str, str, tuple[str, ...]]]:
    out = {}
    for f in sorted(FIXTURES.glob("*.html")):
        m = _EXPECT.search(f.read_text(encoding="utf-8"))
        assert m, f"{f.name}: no expect comment"
        out[f.name] = (m.group(1), m.group(2), tuple(m.group(3).split()))
    return out


EXPECT = _expectations()


@pytest.fixture(scope="module")
def rendered():
    with StaticSite(FIXTURES) as site:
        results = render_pages([site.url + name for name in EXPECT], enabled=DEVICE_GATHERERS)
    return {Path(r.url).name: r for r in results}


@pytest.mark.parametrize("name", list(EXPECT))
def test_fixture(rendered, name):
    code, kind, vps = EXPECT[name]
    r = rendered[name]
    assert not r.error, r.error
    errors = [f for f in r.findings if f.outcome == "error"]
    assert not errors, [e.message for e in errors]
    if kind == "pass":
        fails = [(f.rule, f.selector, f.viewports, f.message) for f in r.findings if f.outcome == "fail"]
        assert not fails, fails
        return
    found = r.of(code, "fail" if kind == "fail" else "review")
    assert found, (code, kind, [(f.rule, f.outcome, f.message) for f in r.findings])
    if vps:
        got = set().union(*(set(f.viewports) for f in found))
        assert got == set(vps), (got, [(f.selector, f.viewports, f.message) for f in found])
    for f in found:
        assert f.selector and f.message and f.wcag, f


def test_reflow_evidence_names_the_element_and_crops(rendered):
    f = rendered["di1-fail-fixed-width.html"].of("DI-1")[0]
    assert f.selector.endswith("div") and "600" in f.message
    assert f.evidence.get("crop") == "mobile-reflow.jpg"
    assert f.boxes["mobile"]["w"] == 600


def test_target_size_names_neighbour(rendered):
    fs = rendered["di7-fail-small-icons.html"].of("DI-7")
    assert len(fs) == 3 and all("16 × 16" in f.message for f in fs)
    # the inline link in a sentence and the unstyled checkbox are exempt
    t = rendered["di7-pass-spaced.html"].per_vp["mobile"]["layout"]["targets"]
    assert t["exempt"] >= 2 and not t["fails"]


def test_text_spacing_and_zoom_undo_their_changes(rendered):
    # After the text-fit gatherer the page is as before: no inline font sizes left, no extra style sheet.
    r = rendered["di3-fail-fixed-height.html"]
    tf = r.per_vp["desktop"]["textfit"]
    assert tf["text200"]["clipped"] and tf["base"]["clipped"] == 0
    assert r.per_vp["mobile"]["textfit"].get("skipped")


def test_keyboard_trap_reported_with_cycle(rendered):
    kb = rendered["di8-fail-trap.html"].per_vp["desktop"]["keyboard"]
    assert kb["trap"] and len(kb["trap"]["cycle"]) == 2
    (f,) = rendered["di8-fail-trap.html"].of("DI-8")
    assert f.impact == "critical" and "#a" in f.message and "#b" in f.message


def test_focus_not_visible_confirmed_by_pixels(rendered):
    r = rendered["di9-fail-outline-none.html"]
    (f,) = r.of("DI-9")
    assert "ei-kehystä" in f.snippet
    recs = r.per_vp["desktop"]["keyboard"]["records"]
    assert sum(1 for v in recs.values() if v.get("no_visible_change")) == 1


def test_orientation_needs_portrait_and_landscape(rendered):
    f = rendered["di6-fail-portrait-lock.html"].of("DI-6")[0]
    assert f.selector == "html" and f.evidence["angles"] == {"mobile": 90.0, "desktop": 0.0}


def test_page_weight_over_budget(tmp_path):
    # 2.2 MB of image data against the default 2,000 KB budget; and the same page under a raised budget.
    (tmp_path / "raskas.svg").write_bytes(b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><!--'
                                          + b"x" * 2_200_000 + b"--></svg>")
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="fi"><head><meta charset="utf-8"><title>Raskas</title></head><body><main>'
        '<h1>Raskas</h1><img src="raskas.svg" alt="kuva" width="10" height="10"></main></body></html>',
        encoding="utf-8")
    with StaticSite(tmp_path) as site:
        (heavy,) = render_pages([site.url], viewports=DEFAULT_VPS[2:], enabled=frozenset({"device"}))
        (ok,) = render_pages([site.url], viewports=DEFAULT_VPS[2:], enabled=frozenset({"device"}),
                             options={"budgets": {"page_weight_kb": 5000}})
    (f,) = heavy.of("DI-14")
    assert f.advisory and "raskas.svg" in f.message and f.evidence["bytes"] > 2_000_000
    assert not ok.of("DI-14")


def test_content_lost_compares_widest_with_each_narrower(rendered):
    # tablet is not rendered in this session: the mobile review is against desktop
    (f,) = rendered["di13-review-nav-gone.html"].of("DI-13", "review")
    assert f.viewports == ("mobile",) and "menu button" in f.message
