"""auditor act: the W3C consistency port, the mapping of findings to ACT outcomes, the report shape (no browser)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from auditor import act
from auditor.models import Finding

ACT_DIR = act.default_act_dir()
needs_suite = pytest.mark.skipif(not (ACT_DIR / act.SUITE_REL / "testcases.json").is_file(),
                                 reason="ACT suite (../shared/act-rules) not present")


def _published():
    return sorted((ACT_DIR / "implementations").glob("*.json"))


@needs_suite
def test_consistency_port_reproduces_every_published_report():
    """Our port of act-tools gives each published tool's consistency from its own test case results."""
    checked = 0
    for f in _published():
        d = json.loads(f.read_text(encoding="utf-8"))
        for m in d["actRuleMapping"]:
            results = [{"expected": t["expected"], "testCaseApproved": t.get("testCaseApproved"),
                        "outcomes": [o for p in t["procedureResults"] for o in p["outcomes"]]}
                       for t in m["testCaseResults"]]
            ar = m.get("accessibilityRequirements")
            got = act.consistency(results, ar["correct"] if ar else True) if results else None
            assert got == m["consistency"], (f.name, m["ruleId"])
            checked += 1
    assert checked > 1000


@needs_suite
def test_requirements_correct_reproduces_published_reports():
    suite = act.load_suite(ACT_DIR)
    reqs = {}
    for c in suite.cases:  # act-tools read a rule's requirements from its first test case
        reqs.setdefault(c.rule_id, c.requirements)
    n = 0
    for f in _published():
        for m in json.loads(f.read_text(encoding="utf-8"))["actRuleMapping"]:
            ar = m.get("accessibilityRequirements")
            if not ar:
                continue
            assert act.rule_requirements(reqs[m["ruleId"]])[0] == ar["expected"], (f.name, m["ruleId"])
            assert act.requirements_correct(ar["reported"], reqs[m["ruleId"]]) == ar["correct"], (f.name, m["ruleId"])
            n += 1
    assert n > 500


@needs_suite
def test_suite_loads_and_counts_approved_rules():
    suite = act.load_suite(ACT_DIR)
    assert len(suite.cases) == 1213
    approved = {r for r in suite.rule_ids() if suite.approved(r)}
    assert len(approved) == 37
    assert suite.status["2t702h"] == "approved"


def test_sc_slugs_match_wcag_understanding_names():
    assert act.sc_uri("4.1.2") == "WCAG2:name-role-value"
    assert act.sc_uri("1.4.3") == "WCAG2:contrast-minimum"
    assert act.sc_uri("2.4.4") == "WCAG2:link-purpose-in-context"
    assert act.sc_uri("1.2.1") == "WCAG2:audio-only-and-video-only-prerecorded"


def _r(expected, *outcomes, approved=True):
    return {"expected": expected, "outcomes": list(outcomes), "testCaseApproved": approved}


@pytest.mark.parametrize("results, want", [
    ([_r("failed", "failed"), _r("passed", "passed"), _r("inapplicable", "passed")], "complete"),
    # cantTell on a failed example is no false negative (W3C): still complete
    ([_r("failed", "failed"), _r("failed", "cantTell"), _r("passed", "passed")], "complete"),
    ([_r("failed", "failed"), _r("failed", "passed"), _r("passed", "passed")], "partial"),
    ([_r("failed", "failed"), _r("passed", "failed")], None),
    ([_r("failed", "failed"), _r("inapplicable", "failed")], None),
    # only needs-review: partial, unless an inapplicable example got it too
    ([_r("failed", "cantTell"), _r("passed", "passed"), _r("inapplicable", "passed")], "partial"),
    ([_r("failed", "cantTell"), _r("inapplicable", "cantTell")], None),
    # never finds anything: W3C counts it inconsistent
    ([_r("failed", "passed"), _r("passed", "passed")], None),
    ([_r("failed", "failed"), _r("passed", "untested")], "partial"),
    # proposed test cases are ignored when the rule has approved ones
    ([_r("failed", "failed"), _r("passed", "failed", approved=False)], "complete"),
])
def test_consistency(results, want):
    assert act.consistency(results) == want


def _case(tid, expected, approved=True, rule="abc123", reqs=None):
    return act.TestCase(rule_id=rule, rule_name="Rule", testcase_id=tid, title=f"{expected} {tid}",
                        expected=expected, path=f"testcases/{rule}/{tid}.html", url=f"https://x/{tid}.html",
                        approved=approved, requirements=reqs if reqs is not None else {"wcag20:4.1.2": {}})


def test_procedure_set_combines_partial_procedures_into_complete():
    cases = [_case("f1", "failed"), _case("f2", "failed"), _case("p1", "passed")]
    outcomes = {"A": {"f1": ["failed"], "f2": ["passed"], "p1": ["passed"]},
                "B": {"f1": ["passed"], "f2": ["failed"], "p1": ["passed"]},
                "C": {"f1": ["failed"], "f2": ["failed"], "p1": ["failed"]}}
    reported = {"A": ["WCAG2:name-role-value"], "B": ["WCAG2:name-role-value"], "C": ["WCAG2:name-role-value"]}
    m = act.procedure_set(cases, outcomes, reported)
    assert m["procedureNames"] == ["A", "B"]
    assert m["consistency"] == "complete"
    assert m["coverage"] == {"covered": 3, "untested": 0, "cantTell": 0, "testCaseTotal": 3}
    assert m["testCaseResults"][0]["procedureResults"] == [{"procedureName": "A", "outcomes": ["failed"]},
                                                          {"procedureName": "B", "outcomes": ["passed"]}]
    assert act.rule_stat(m) == "complete"


def test_procedure_set_wrong_requirements_is_not_complete():
    cases = [_case("f1", "failed"), _case("p1", "passed")]
    m = act.procedure_set(cases, {"A": {"f1": ["failed"], "p1": ["passed"]}}, {"A": ["WCAG2:non-text-content"]})
    assert m["consistency"] == "partial"
    assert m["accessibilityRequirements"]["correct"] is False


def test_untested_rule_has_no_procedures():
    m = act.procedure_set([_case("f1", "failed")], {}, {})
    assert act.rule_stat(m) == "untested" and m["testCaseResults"] == []


def _f(rule, outcome, act_ids=(), wcag=("4.1.2",), snippet="<p>text</p>"):
    return Finding(rule=rule, outcome=outcome, impact="serious", selector="p", snippet=snippet, message="",
                   viewports=("desktop",), wcag=wcag, act=act_ids)


def test_case_outcomes_map_findings_to_act_outcomes():
    procs = [act.Procedure("ACC-1", ("r1",), ("4.1.2",)), act.Procedure("ACC-2", ("r1",), ("2.4.2",)),
             act.Procedure("AXE-x", ("r1",), ("1.1.1",)), act.Procedure("ACC-3", ("r1",), ())]
    findings = [_f("ACC-1", "fail", ("r1",)), _f("ACC-2", "review", ("r1",)), _f("ACC-3", "error"),
                _f("AXE-x", "fail", ("other",))]  # an axe finding for another ACT rule does not count here
    out = act.case_outcomes("r1", procs, findings, axe_ok=True)
    assert out["ACC-1"] == ("failed", ["WCAG2:name-role-value"])
    assert out["ACC-2"] == ("cantTell", [])
    assert out["ACC-3"] == ("untested", [])
    assert out["AXE-x"] == ("passed", [])
    assert act.case_outcomes("r1", procs, [], axe_ok=False)["AXE-x"] == ("untested", [])
    assert act.case_outcomes("r1", procs, None, axe_ok=True)["ACC-1"] == ("untested", [])
    assert act.case_outcomes("r1", procs, [], axe_ok=True, not_html=True)["ACC-1"] == ("inapplicable", [])


def test_contrast_failure_on_symbols_only_is_left_to_review():
    procs = [act.Procedure("AXE-color-contrast", ("afw4f7",), ("1.4.3",))]
    sym = _f("AXE-color-contrast", "fail", ("afw4f7",), ("1.4.3",), '<p style="color:#000">----====++++%%%@@</p>')
    word = _f("AXE-color-contrast", "fail", ("afw4f7",), ("1.4.3",), '<p style="color:#000">Aukioloajat</p>')
    assert act.case_outcomes("afw4f7", procs, [sym], True)["AXE-color-contrast"][0] == "cantTell"
    assert act.case_outcomes("afw4f7", procs, [word], True)["AXE-color-contrast"][0] == "failed"


def test_axe_procedures_skip_disabled_and_experimental_unless_run_by_auditor():
    meta = [{"id": "image-alt", "enabled": True, "tags": ["wcag2a", "wcag111"], "actIds": ["23a2a8"]},
            {"id": "css-orientation-lock", "enabled": True, "tags": ["experimental"], "actIds": ["b33eff"]},
            {"id": "color-contrast-enhanced", "enabled": False, "tags": ["wcag146"], "actIds": ["09o5cg"]},
            {"id": "region", "enabled": True, "tags": ["best-practice"], "actIds": []}]
    names = [p.name for p in act.axe_procedures(meta)]
    assert names == ["AXE-image-alt"]
    procs = act.axe_procedures(meta, extra=("color-contrast-enhanced",))
    assert [p.name for p in procs] == ["AXE-image-alt", "AXE-color-contrast-enhanced"]
    assert procs[1].wcag == ("1.4.6",)


def test_build_report_and_earl_shape(tmp_path):
    cases = (_case("f1", "failed"), _case("p1", "passed"), _case("i1", "inapplicable"),
             _case("x1", "failed", rule="zzz999", approved=False))
    suite = act.Suite(root=tmp_path, cases=cases, status={"abc123": "approved", "zzz999": "proposed"})
    runs = [act.CaseRun(cases[0], findings=[_f("ACC-1", "fail", ("abc123",))], axe_ok=True),
            act.CaseRun(cases[1], findings=[], axe_ok=True),
            act.CaseRun(cases[2], findings=[_f("ACC-1", "review", ("abc123",))], axe_ok=True),
            act.CaseRun(cases[3], findings=None, error="boom")]
    procs = [act.Procedure("ACC-1", ("abc123",), ("4.1.2",))]
    rep = act.build_report(suite, runs, procs, meta={"axe": "4.14.1"})
    assert set(rep) >= {"vendor", "name", "version", "lastModified", "approvedRules", "proposedRules",
                        "actRuleMapping"}
    m = {x["ruleId"]: x for x in rep["actRuleMapping"]}
    assert m["abc123"]["consistency"] == "complete"
    assert m["abc123"]["accessibilityRequirements"] == {"correct": True, "expected": ["WCAG2:name-role-value"],
                                                        "reported": ["WCAG2:name-role-value"]}
    assert rep["approvedRules"] == {"complete": 1, "partial": 0, "inconsistent": 0, "untested": 0}
    assert rep["proposedRules"] == {"complete": 0, "partial": 0, "inconsistent": 0, "untested": 1}
    assert rep["auditor"]["testCasesNotAudited"][0]["error"] == "boom"
    earl = act.earl_report(suite, rep)
    subjects = [g for g in earl["@graph"] if "source" in g]
    assert len(subjects) == 3
    outcomes = sorted(a["result"]["outcome"] for s in subjects for a in s["assertions"])
    assert outcomes == ["earl:cantTell", "earl:failed", "earl:passed"]
    text = act.table(rep, [], approved=True)
    assert "abc123" in text and "complete" in text


def test_select_cases_per_rule_takes_failed_passed_and_inapplicable_examples():
    cases = (_case("f1", "failed"), _case("f2", "failed"), _case("p1", "passed"), _case("i1", "inapplicable"),
             _case("g1", "failed", rule="r2"))
    suite = act.Suite(root=Path("."), cases=cases, status={})
    got = [c.testcase_id for c in act.select_cases(suite, per_rule=1)]
    assert got == ["f1", "p1", "i1", "g1"]
    assert [c.testcase_id for c in act.select_cases(suite, rule_ids=["r2"])] == ["g1"]


def test_needs_two_viewports_follows_rule_requirements():
    from auditor.registry import Rule

    rules = [Rule("DI-x", lambda a: [], "device", requires=("layout",), act=("b33eff",)),
             Rule("ACC-x", lambda a: [], "accessibility", requires=("a11y_facts",), act=("2t702h",))]
    assert act.needs_two_viewports(rules, {"layout": None}) == {"b33eff"}


def test_meta_refresh_failure_on_an_ignored_refresh_element_is_no_failure():
    procs = [act.Procedure("AXE-meta-refresh", ("bc659a",), ("2.2.1",))]
    second = _f("AXE-meta-refresh", "fail", ("bc659a",), ("2.2.1",),
                '<meta http-equiv="refresh" content="5; https://w3.org">')
    facts = {"a11y_facts": {"refresh": ["0; https://w3.org", "5; https://w3.org"]}}
    assert act.case_outcomes("bc659a", procs, [second], True, facts=facts)["AXE-meta-refresh"][0] == "passed"
    facts = {"a11y_facts": {"refresh": ["5; https://w3.org"]}}
    assert act.case_outcomes("bc659a", procs, [second], True, facts=facts)["AXE-meta-refresh"][0] == "failed"
    # an invalid first element is skipped by browsers: the second is the one that acts
    facts = {"a11y_facts": {"refresh": ["soon", "5; https://w3.org"]}}
    assert act.case_outcomes("bc659a", procs, [second], True, facts=facts)["AXE-meta-refresh"][0] == "failed"
