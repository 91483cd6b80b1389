"""Pure logic of the DI rules and the keyboard walk, on hand-built artifacts (no browser)."""
from __future__ import annotations

import json

import pytest

from auditor import engine, registry
from auditor.gatherers.keyboard import _analyse
from auditor.registry import PageArtifacts
from rules.device.orientation import quarter_turn
from rules.device.weight import DEFAULT_BUDGET_KB, budget
from rules.device.zoom import viewport_blocks_zoom


@pytest.mark.parametrize("content,blocks", [
    # ACT b4f0c3 test cases
    ("user-scalable=yes", False), ("maximum-scale=2.0", False), ("maximum-scale=-1", False),
    ("user-scalable=5", False), ("maximum-scale=device-width", False),
    ("user-scalable=no", True), ("user-scalable=yes, initial-scale=0.8, maximum-scale=1.5", True),
    ("maximum-scale=1.0", True), ("maximum-scale=yes", True), ("user-scalable=0.5", True),
    ("user-scalable=invalid", True), ("maximum-scale=invalid", True),
    # inapplicable
    (None, False), ("", False), ("width=device-width", False),
    # the demo site and common real-world forms
    ("width=device-width, initial-scale=1, maximum-scale=1, user-scalable=no", True),
    ("width=device-width; initial-scale=1; maximum-scale=1", True),
    ("width=device-width, initial-scale=1, maximum-scale=5", False),
    ("width=device-width, USER-SCALABLE=NO", True),
])
def test_viewport_blocks_zoom(content, blocks):
    assert bool(viewport_blocks_zoom(content)) is blocks


@pytest.mark.parametrize("seq,state", [
    ([], "empty"), ([0, 0], "empty"),
    ([1, 2, 3], "open"),
    ([0, 1, 2, 3, 0, 1], "wrapped"),  # past the page's end and round again
    ([1, 2, 3, 0, 1, 2], "wrapped"),
    ([1, 2, 3, 1], "cycle"),  # back to the first without leaving the page: a script sent focus back
    ([1, 2, 3, 4, 3], "cycle"),
    ([1, 2, 0, 3, 2], "cycle"),  # a frame in between does not make a wrap
])
def test_analyse(seq, state):
    assert _analyse(seq)["state"] == state


def test_analyse_orders():
    assert _analyse([0, 1, 2, 3, 0, 1])["order"] == [1, 2, 3]
    r = _analyse([1, 2, 3, 4, 2])
    assert r["order"] == [1, 2, 3, 4] and r["cycle"] == [2, 3, 4]


@pytest.mark.parametrize("a,b,turned", [(90, 0, True), (0, -90, True), (92.5, 2.5, True), (270, 0, True),
                                        (90.0002, 0, True), (0, 0, False), (360, 0, False), (45, 0, False),
                                        (180, 0, False)])
def test_quarter_turn(a, b, turned):
    assert quarter_turn(a, b) is turned


def test_budget_from_options():
    assert budget({}) == (DEFAULT_BUDGET_KB, 80)
    assert budget({"budgets": {"page_weight_kb": 500, "requests": 20}}) == (500, 20)
    assert budget({"budgets": {"page_weight_kb": "x"}}) == (DEFAULT_BUDGET_KB, 80)


def _run(art: PageArtifacts, prefix: str) -> list:
    return [f for f in engine.run_rules(registry.select([prefix]), art) if f.rule == prefix]


META = {"viewport_meta": [{"content": "width=device-width, user-scalable=no", "sel": "head > meta",
                           "snippet": "<meta>"}]}
AXE_META = {"violations": [{"id": "meta-viewport", "tags": ["wcag2aa", "wcag144"],
                            "nodes": [{"target": ["meta"], "html": "<meta>", "box": None}]}], "incomplete": []}


def test_zoom_rule_defers_to_axe():
    vps = {"mobile": {"size": [320, 640], "axe": AXE_META}}
    # axe reports the page: DI-2 stays silent (one problem, one finding)
    assert not _run(PageArtifacts("u", vps, page={"device": META}), "DI-2")
    # axe is not part of the selection: DI-2 reports it itself
    (f,) = _run(PageArtifacts("u", vps, page={"device": META}, options={"rules": ["DI"]}), "DI-2")
    assert f.act == ("b4f0c3",) and "user-scalable=no" in f.message
    # axe ran and did not see it (its own reading differs): DI-2 reports
    vps2 = {"mobile": {"size": [320, 640], "axe": {"violations": [], "incomplete": []}}}
    assert _run(PageArtifacts("u", vps2, page={"device": META}), "DI-2")


def test_inline_spacing_skips_elements_axe_reports():
    box = {"x": 8, "y": 40, "w": 300, "h": 20}
    lay = {"spacing": {"fails": [
        {"sel": "p", "snippet": "<p>", "prop": "letter-spacing", "declared": "0.1em", "ratio": 0.1, "min": 0.12,
         "act": "24afc2", "box": box},
        {"sel": "div", "snippet": "<div>", "prop": "line-height", "declared": "1", "ratio": 1.0, "min": 1.5,
         "act": "78fd32", "box": {"x": 8, "y": 90, "w": 300, "h": 40}}]}}
    axe = {"violations": [{"id": "avoid-inline-spacing", "tags": ["wcag21aa", "wcag1412"],
                           "nodes": [{"target": ["p"], "html": "<p>", "box": box}]}], "incomplete": []}
    fs = _run(PageArtifacts("u", {"desktop": {"size": [1280, 800], "layout": lay, "axe": axe}}), "DI-4")
    assert [(f.selector, f.act) for f in fs] == [("div", ("78fd32",))]


def test_keyboard_records_read_back_from_json():
    kb = {"order": [1, 2], "complete": True, "records": {
        1: {"sel": "a.x", "snippet": "<a>", "changed": False, "no_visible_change": True, "box": {}},
        2: {"sel": "input", "snippet": "<input>", "changed": False, "text_entry": True, "box": {}}}}
    for data in (kb, json.loads(json.dumps(kb))):  # fresh (int keys) and rules re-run from disk (str keys)
        art = PageArtifacts("u", {"desktop": {"size": [1280, 800], "keyboard": data}})
        fs = {(f.selector, f.outcome) for f in _run(art, "DI-9")}
        assert fs == {("a.x", "fail"), ("input", "review")}


def test_content_lost_needs_a_narrower_viewport_and_no_menu_button():
    wide = {"nav_links": 6, "menu_toggles": 0, "fields": ["#q"], "text": ["a1"],
            "blocks": [{"sel": "aside", "snippet": "<aside>", "visible": True, "fps": ["a1"]}]}
    small = {"nav_links": 0, "menu_toggles": 0, "fields": [], "text": [],
             "blocks": [{"sel": "aside", "snippet": "<aside>", "visible": False, "fps": ["a1"]}]}
    vps = {"mobile": {"size": [320, 640], "layout": {"inventory": small}},
           "desktop": {"size": [1280, 800], "layout": {"inventory": wide}}}
    fs = _run(PageArtifacts("u", vps), "DI-13")
    assert {f.selector for f in fs} == {"nav", "#q", "aside"}
    assert all(f.outcome == "review" and f.viewports == ("mobile",) for f in fs)
    # a menu button at the narrow width answers for the navigation; text shown elsewhere answers for the block
    small2 = dict(small, menu_toggles=1, text=["a1"])
    vps["mobile"]["layout"]["inventory"] = small2
    assert {f.selector for f in _run(PageArtifacts("u", vps), "DI-13")} == {"#q"}


def test_page_weight_counts_network_log_requests():
    dev = {"weight": {"total_bytes": 10_000, "requests": 5, "heaviest": []}}
    net = [{"url": f"https://cdn.example/{i}.js"} for i in range(120)]
    (f,) = _run(PageArtifacts("u", {}, page={"device": dev, "network": net}), "DI-14")
    assert f.advisory and "120 requests" in f.message
    assert not _run(PageArtifacts("u", {}, page={"device": dev}), "DI-14")


def test_all_di_rules_declare_references():
    rules = {c: r for c, r in registry.discover().items() if c.startswith("DI-")}
    assert len(rules) == 16
    for code, r in rules.items():
        assert r.area == "device" and r.help_en and r.help_fi and r.doc, code
        assert r.wcag or r.advisory, code
