"""Unit tests of gates: assertion parsing and evaluation, presets, baselines, diffs, config discovery."""
from __future__ import annotations

import json

import pytest

from auditor import gate
from auditor.config import ConfigError, find_config, load_config_file
from auditor.models import fingerprint


def F(i, page_id, rule="AXE-image-alt", outcome="fail", impact="serious", wcag=("1.1.1",), level="A",
      advisory=False, selector="img", snippet="<img>"):
    return {"id": i, "page_id": page_id, "rule": rule, "outcome": outcome, "impact": impact, "wcag": list(wcag),
            "level": level, "advisory": advisory, "selector": selector, "viewports": ["mobile"],
            "message": "m", "fingerprint": fingerprint(rule, selector, snippet)}


PAGES = [{"id": 1, "url": "https://a.fi/", "kind": "html"}, {"id": 2, "url": "https://a.fi/legacy/x", "kind": "html"}]


def test_assertion_forms_and_errors():
    a = gate.Assertions.from_config({"AXE-*": ["error", {"max": 2}], "severity:critical": "warn",
                                     "score:accessibility": {"level": "error", "min": 90}})
    assert a.assertions["AXE-*"] == gate.Assertion("AXE-*", "error", max=2)
    assert a.assertions["score:accessibility"].min == 90
    for bad in ({"AXE-*": "fatal"}, {"nonsense:x": "error"}, {"score:accessibility": {"max": 1}},
                {"AXE-*": {"level": "error", "maxx": 1}}):
        with pytest.raises(gate.GateError):
            gate.Assertions.from_config(bad)
    with pytest.raises(gate.GateError):
        gate.Assertions.from_config({}, preset="nope")


def test_count_assertions_and_exit_codes():
    fs = [F(1, 1), F(2, 2), F(3, 1, rule="AXE-region", advisory=True, wcag=(), level="", impact="moderate"),
          F(4, 1, outcome="review", rule="AXE-color-contrast", wcag=("1.4.3",), level="AA")]
    res = gate.evaluate(gate.Assertions.from_config({"AXE-image-alt": {"level": "error", "max": 1}}), PAGES, fs)
    assert [(r.passed, r.actual) for r in res] == [(False, 2)]
    assert gate.exit_code(res) == 1
    res = gate.evaluate(gate.Assertions.from_config({"AXE-image-alt": {"level": "warn", "max": 1}}), PAGES, fs)
    assert gate.exit_code(res) == 0 and not res[0].passed
    res = gate.evaluate(gate.Assertions.from_config({"AXE-image-alt": {"level": "error", "max": 2}}), PAGES, fs)
    assert gate.exit_code(res) == 0
    # levels: advisory never counts as a conformance failure; needs-review only under `review`
    res = {r.selector: r.actual for r in gate.evaluate(gate.Assertions.from_config(
        {"level:A": "error", "level:AA": "error", "review": "warn", "severity:moderate": "error",
         "area:accessibility": "error"}), PAGES, fs)}
    assert res == {"level:A": 2, "level:AA": 0, "review": 1, "severity:moderate": 1, "area:accessibility": 3}


def test_presets():
    fs = [F(1, 1, rule="AXE-target-size", wcag=("2.5.8",), level="AA")]  # a WCAG 2.2-only criterion
    r21 = gate.evaluate(gate.Assertions.from_config({}, preset="wcag21-aa"), PAGES, fs)
    r22 = gate.evaluate(gate.Assertions.from_config({}, preset="wcag22-aa"), PAGES, fs)
    assert gate.exit_code(r21) == 0 and gate.exit_code(r22) == 1
    assert gate.exit_code(gate.evaluate(gate.Assertions.from_config({"preset": "advisory"}), PAGES,
                                        fs + [F(2, 1)])) == 0
    proc = gate.evaluate(gate.Assertions.from_config({}, preset="procurement"), PAGES,
                         [F(3, 1, rule="DI-1", wcag=("1.4.10",), level="AA")])
    assert gate.exit_code(proc) == 1


def test_score_assertion():
    fs = [F(1, 1, impact="critical")]  # page 1 scores 75, page 2 100 → site 87.5
    res = gate.evaluate(gate.Assertions.from_config({"score:accessibility": {"level": "error", "min": 90}}),
                        PAGES, fs)
    assert res[0].actual == 87.5 and not res[0].passed


def test_url_overrides():
    a = gate.Assertions.from_config({"AXE-*": "error", "overrides": [{"url": "/legacy/", "rules": {"AXE-*": "off"}}]})
    res = gate.evaluate(a, PAGES, [F(1, 2)])
    assert gate.exit_code(res) == 0
    res = gate.evaluate(a, PAGES, [F(1, 1)])
    assert gate.exit_code(res) == 1


def test_baseline_new_fixed_present(tmp_path):
    base = gate.Baseline.from_run(PAGES, [F(1, 1), F(2, 2), F(3, 1, rule="AXE-label", selector="#x input")])
    path = base.write(tmp_path / "b.json", {"id": 1, "site": "https://a.fi/"})
    loaded = gate.Baseline.load(path)
    assert loaded.counts == base.counts
    # page moved (other page id/url) and class names regenerated: still known
    now = [F(10, 2, selector=".css-9x > img", snippet='<img class="css-9x">'), F(11, 1),
           F(12, 1, rule="AXE-link-name", selector="a")]
    d = loaded.compare(PAGES, now)
    assert [f["rule"] for f in d["new"]] == ["AXE-link-name"]
    assert [e["rule"] for e in d["fixed"]] == ["AXE-label"]
    res = gate.evaluate(gate.Assertions.from_config({"*": "error"}), PAGES, now, loaded)
    assert res[0].actual == 1
    with pytest.raises(gate.GateError):
        gate.Baseline.load(tmp_path / "missing.json")
    (tmp_path / "x.json").write_text(json.dumps({"schema": "other"}))
    with pytest.raises(gate.GateError):
        gate.Baseline.load(tmp_path / "x.json")
    # A baseline of the old selector fingerprints would make every known finding "new": a clear error instead.
    old = json.loads(path.read_text())
    del old["fingerprint_version"]
    (tmp_path / "old.json").write_text(json.dumps(old))
    with pytest.raises(gate.GateError, match="older auditor"):
        gate.Baseline.load(tmp_path / "old.json")


def test_fingerprint_stable_under_generated_names():
    a = fingerprint("AXE-image-alt", "#hero-83f2 > .c-1a2b3c > img:nth-child(2)",
                    '<img class="c-1a2b3c" id="img-83f2" src="/kuva.png" data-v-77="">')
    b = fingerprint("AXE-image-alt", "#hero-aa91 > .c-zz9y8x > img:nth-child(2)",
                    '<img class="c-zz9y8x" id="img-aa91" src="/kuva.png" data-v-12="">')
    c = fingerprint("AXE-image-alt", "#hero-aa91 > .c-zz9y8x > img:nth-child(2)",
                    '<img class="c-zz9y8x" src="/toinen.png">')
    assert a == b and a != c


def test_diff_runs():
    a_pages = [{"id": 1, "url": "u1", "kind": "html"}, {"id": 2, "url": "u2", "kind": "html"}]
    b_pages = [{"id": 3, "url": "u1", "kind": "html"}, {"id": 4, "url": "u2-moved", "kind": "html"}]
    a = [F(1, 1), F(2, 2, rule="AXE-label", selector="input"), F(3, 1, rule="AXE-list", selector="ul")]
    b = [dict(F(4, 3), viewports=["mobile", "desktop"]), F(5, 4, rule="AXE-label", selector="input"),
         F(6, 3, rule="AXE-link-name", selector="a")]
    d = gate.diff_runs(a_pages, a, b_pages, b)
    assert [f["rule"] for f in d["new"]] == ["AXE-link-name"]
    assert [f["rule"] for f in d["fixed"]] == ["AXE-list"]
    assert [c["after"]["rule"] for c in d["changed"]] == ["AXE-image-alt"]


def test_config_discovery_and_unknown_keys(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    assert find_config(tmp_path / "a" / "b") is None
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert find_config(tmp_path / "a" / "b") is None
    (tmp_path / "pyproject.toml").write_text('[tool.auditor]\nmax-pages = 7\n')
    assert find_config(tmp_path / "a" / "b") == tmp_path / "pyproject.toml"
    assert load_config_file(tmp_path / "pyproject.toml") == {"max_pages": 7}
    (tmp_path / "a" / "auditor.toml").write_text('max-pages = 3\n[assertions]\n"AXE-*" = "error"\n')
    assert find_config(tmp_path / "a" / "b") == tmp_path / "a" / "auditor.toml"
    (tmp_path / "a" / "auditor.toml").write_text("max-pagez = 3\n")
    with pytest.raises(ConfigError, match="max-pagez"):
        load_config_file(tmp_path / "a" / "auditor.toml")
    (tmp_path / "a" / "auditor.toml").write_text("max-pages = \n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config_file(tmp_path / "a" / "auditor.toml")


def test_report_shows_trend_of_site_runs(tmp_path):
    import reports
    from auditor.models import Finding, PageResult
    from auditor.store import Store

    st = Store(f"sqlite:///{tmp_path / 'a.db'}")
    f = Finding(rule="AXE-image-alt", outcome="fail", impact="critical", selector="img", snippet="<img>",
                message="m", viewports=("desktop",), wcag=("1.1.1",), level="A")
    cfg = {"viewports": [{"name": "desktop", "width": 1280, "height": 800}]}
    ids = []
    for findings, score in (([f], 75.0), ([], 100.0)):
        rid = st.create_run("https://kunta.example/", ["https://kunta.example/"], cfg, "0")
        st.save_page(rid, PageResult(url="https://kunta.example/", kind="html", title="Etusivu"), findings, score)
        st.update_run(rid, status="finished")
        ids.append(rid)
    other = st.create_run("https://muu.example/", ["https://muu.example/"], cfg, "0")
    st.save_page(other, PageResult(url="https://muu.example/", kind="html"), [], 100.0)
    paths = reports.write_all(st, ids[1], tmp_path / "r", ["html"], lang="fi")
    html = paths["html"].read_text(encoding="utf-8")
    assert "Kehitys auditoinnista toiseen" in html
    trend = html[html.index('id="trend-h"'):html.index("</section>", html.index('id="trend-h"'))]
    assert "75" in trend and "100" in trend and f"Ajo {ids[0]}" in trend and f"Ajo {other}" not in trend


def test_budgets_table():
    from auditor.cli import _budgets

    assert _budgets({"page-weight-kb": 500, "requests": 40}) == {"page_weight_kb": 500, "requests": 40}
    assert _budgets(None) == {}
    for bad in ({"weight": 1}, {"requests": -1}, "x"):
        with pytest.raises(ValueError):
            _budgets(bad)
