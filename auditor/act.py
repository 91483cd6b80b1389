"""`auditor act`: auditor measured against the W3C ACT Rules test suite, as a W3C implementation report.

The suite (../shared/act-rules, or ACT_DIR / --act-dir) is served on 127.0.0.1 with the folder holding `WAI/` as
web root. Every test case page is opened in one headless Chromium (a bounded number of pages at a time), the
render stage gathers the artifacts at one desktop viewport (as in an audit, without screenshots) and every
registered rule runs on them. Each rule that declares ACT ids (own rules through `act=`, axe rules through axe's
own metadata) is a *procedure* in W3C's terms; its outcome on a test case of an ACT rule it implements is

* ``failed``    it reported a failure on the page,
* ``cantTell``  it reported only *needs review* there,
* ``passed``    it ran and reported nothing (auditor does not tell passed from inapplicable; W3C's consistency
                treats both alike),
* ``untested``  it could not run (page did not load, axe or the rule broke).

Consistency per ACT rule is computed exactly as W3C's act-tools do (`consistency()` is a port; the tests check it
reproduces the `consistency` of all 15 published reports from their own test case results). The report is written
in the same JSON shape as the published ones (`implementations/*.json`) and as EARL (JSON-LD), both under
`build/act/`, and a table puts auditor next to the published tools.

Where a mapped rule's failure is not what the ACT rule means, `MAPPING` tightens the mapping (documented in
docs/act.md): an axe rule's failures are then not claimed for that ACT rule, or only as cantTell.
"""
from __future__ import annotations

import asyncio
import dataclasses
import functools
import html
import datetime as dt
import json
import os
import re
import shutil
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from auditor import __version__, standards

SUITE_REL = Path("WAI") / "content-assets" / "wcag-act-rules"
OUTCOMES = ("passed", "failed", "inapplicable", "cantTell", "untested")
CONSISTENCY_ORDER = ("complete", "partial", "minimal", None)

# The crawl audits these as HTML pages (spiders/site.py HTML_TYPES); anything else is a document.
HTML_TYPES = ("text/html", "application/xhtml+xml")
# Per test case: navigation, gathering and rules together. The slowest pages here (contrast over large DOMs,
# iframes) take a few seconds; a page that hangs for a minute is a broken page, reported as untested.
CASE_TIMEOUT_S = 60
NAV_TIMEOUT_MS = 20_000
LOAD_WAIT_MS = 10_000
# Pages open at once in the one browser. Measured on 2 cores: 4 keeps both busy while pages wait for the
# network; more only adds contention.
DEFAULT_CONCURRENCY = 4
DESKTOP = ("desktop", 1280, 800)
MOBILE = ("mobile", 320, 640)


# --- the suite -------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class TestCase:
    rule_id: str
    rule_name: str
    testcase_id: str
    title: str
    expected: str  # passed | failed | inapplicable
    path: str  # relative to the suite folder, e.g. testcases/674b10/<id>.html
    url: str  # the published URL (used as the subject in reports, like every published report)
    approved: bool
    requirements: dict = field(default_factory=dict, hash=False, compare=False)

    __test__ = False  # not a pytest class


@dataclass(frozen=True)
class Suite:
    root: Path  # the folder holding WAI/
    cases: tuple[TestCase, ...]
    status: dict[str, str]  # ACT rule id -> approved | proposed | deprecated (wcag-mapping.json front matter)
    commit: str = ""

    def rule_ids(self) -> list[str]:
        return list(dict.fromkeys(c.rule_id for c in self.cases))

    def approved(self, rule_id: str) -> bool:
        # W3C's definition in act-tools: a rule is approved when any of its test cases is.
        return any(c.approved for c in self.cases if c.rule_id == rule_id)


def default_act_dir() -> Path:
    env = os.environ.get("ACT_DIR")
    if env:
        return Path(env)
    here = Path(__file__).resolve().parent.parent
    for cand in (here.parent / "shared" / "act-rules", Path.cwd().parent / "shared" / "act-rules"):
        if (cand / SUITE_REL / "testcases.json").is_file():
            return cand
    return here.parent / "shared" / "act-rules"


def load_suite(act_dir: Path) -> Suite:
    act_dir = Path(act_dir)
    tc_file = act_dir / SUITE_REL / "testcases.json"
    if not tc_file.is_file():
        raise FileNotFoundError(f"no ACT test suite at {act_dir} (expected {tc_file})")
    data = json.loads(tc_file.read_text(encoding="utf-8"))
    cases = tuple(
        TestCase(
            rule_id=c["ruleId"], rule_name=c["ruleName"], testcase_id=c["testcaseId"], title=c["testcaseTitle"],
            expected=c["expected"], path=c["relativePath"], url=c["url"], approved=bool(c.get("approved")),
            requirements=c.get("ruleAccessibilityRequirements") or {},
        )
        for c in data["testcases"]
    )
    status: dict[str, str] = {}
    mapping = act_dir / "wcag-mapping.json"
    if mapping.is_file():
        for r in json.loads(mapping.read_text(encoding="utf-8")).get("act-rules", []):
            rid = r.get("frontmatter", {}).get("id")
            if rid:
                status[rid] = "deprecated" if r.get("deprecated") else "proposed" if r.get("proposed") else "approved"
    commit = ""
    readme = act_dir / "README.md"
    if readme.is_file():
        m = re.search(r"at commit (\w+) \(([\d-]+)\)", readme.read_text(encoding="utf-8"))
        if m:
            commit = f"{m.group(1)} ({m.group(2)})"
    return Suite(root=act_dir, cases=cases, status=status, commit=commit)


# --- accessibility requirements (WCAG 2 URIs as W3C's reports write them) --------------------------------------

def sc_slug(sc: str) -> str:
    """WCAG 2 understanding slug of a success criterion: "4.1.2" -> "name-role-value"."""
    c = standards.get(sc)
    if c is None:
        raise KeyError(sc)
    return re.sub(r"[^a-z0-9]+", "-", c.name_en.lower()).strip("-")


def sc_uri(sc: str) -> str:
    return f"WCAG2:{sc_slug(sc)}"


def rule_requirements(requirements: dict) -> tuple[list[str], list[str]]:
    """(expected, secondary) WCAG 2 requirement URIs of an ACT rule. Secondary ones may be reported, need not."""
    expected, secondary = [], []
    for key, val in (requirements or {}).items():
        m = re.fullmatch(r"wcag2\d:(.*)", key, re.I)
        if not m or standards.get(m.group(1)) is None:
            continue
        uri = sc_uri(m.group(1))
        (secondary if isinstance(val, dict) and "secondary" in val else expected).append(uri)
    return expected, secondary


def requirements_correct(reported: Iterable[str], requirements: dict) -> bool:
    """W3C's `accessibilityRequirements.correct`: every expected requirement reported, nothing beyond the
    expected and secondary ones. (Reproduces the published reports: tests/test_act.py.)"""
    expected, secondary = rule_requirements(requirements)
    rep = {r for r in reported if r.startswith("WCAG2:")}
    return set(expected) <= rep and rep <= set(expected) | set(secondary)


# --- consistency: a port of act-tools (src/map-implementation/procedure-sets) ----------------------------------

def _approved_only(results: list[dict]) -> list[dict]:
    # act-tools: when a rule has approved test cases, its proposed ones are ignored.
    if any(r.get("testCaseApproved") for r in results):
        return [r for r in results if r.get("testCaseApproved")]
    return results


def has_false_positives(results: list[dict]) -> bool:
    return any(r["expected"] in ("passed", "inapplicable") and "failed" in r["outcomes"] for r in results)


def consistency(results: list[dict], requirements_ok: bool = True) -> str | None:
    """complete | partial | None (inconsistent) for one procedure (or a combined set) over a rule's test cases.

    Each result is {"expected", "outcomes": [...], "testCaseApproved"}; an empty outcome list is untested."""
    results = _approved_only(results)
    if has_false_positives(results):
        return None
    true_pos = any(r["expected"] == "failed" and "failed" in r["outcomes"] for r in results)
    no_false_neg = not any(r["expected"] == "failed" and
                           all(o in ("passed", "inapplicable", "untested") for o in r["outcomes"]) for r in results)
    no_untested = not any("untested" in r["outcomes"] or not r["outcomes"] for r in results)
    if requirements_ok and no_untested and no_false_neg and true_pos:
        return "complete"
    if true_pos:
        return "partial"
    cant_tell = any("cantTell" in r["outcomes"] for r in results)
    inapplicable_ok = all(r["expected"] != "inapplicable" or
                          all(o in ("passed", "inapplicable") for o in r["outcomes"]) for r in results)
    if cant_tell and inapplicable_ok:
        return "partial"
    return None


def coverage(results: list[dict]) -> dict[str, int]:
    results = _approved_only(results)
    covered = untested = cant_tell = 0
    for r in results:
        outs = r["outcomes"]
        if "untested" in outs or not outs:
            untested += 1
        elif "cantTell" in outs:
            cant_tell += 1
        elif (r["expected"] == "failed" and "failed" in outs) or (
                r["expected"] in ("passed", "inapplicable") and all(o in ("passed", "inapplicable") for o in outs)):
            covered += 1
    return {"covered": covered, "untested": untested, "cantTell": cant_tell, "testCaseTotal": len(results)}


def procedure_set(cases: Sequence[TestCase], outcomes: dict[str, dict[str, list[str]]],
                  reported: dict[str, list[str]]) -> dict[str, Any]:
    """The W3C mapping of one ACT rule: the procedures with the best consistency, combined.

    `outcomes[procedure][testcase_id]` lists that procedure's outcomes on the case (absent: untested);
    `reported[procedure]` the requirement URIs its failures claimed."""
    requirements = cases[0].requirements if cases else {}
    expected_reqs, _ = rule_requirements(requirements)
    if not outcomes:
        return {"procedureNames": [], "consistency": None, "coverage": None, "testCaseResults": []}

    def results_of(procs: Sequence[str]) -> list[dict]:
        out = []
        for c in cases:
            outs: list[str] = []
            for p in procs:
                outs += outcomes[p].get(c.testcase_id) or ["untested"]
            out.append({"testcaseId": c.testcase_id, "expected": c.expected, "outcomes": outs,
                        "testCaseApproved": c.approved})
        return out

    scores = {}
    for p in outcomes:
        res = results_of([p])
        scores[p] = (consistency(res, requirements_correct(reported.get(p, []), requirements)),
                     coverage(res)["covered"])
    best = min((s[0] for s in scores.values()), key=CONSISTENCY_ORDER.index)
    chosen = [p for p in outcomes if scores[p][0] == best]
    chosen.sort(key=lambda p: -scores[p][1])  # stable: ties keep declaration order
    rep = list(dict.fromkeys(r for p in chosen for r in reported.get(p, [])))
    combined = results_of(chosen)
    cons = best
    if best == "partial":  # a set of partial procedures can be complete together
        cons = consistency(combined, requirements_correct(rep, requirements))
    return {
        "procedureNames": chosen,
        "consistency": cons,
        "accessibilityRequirements": {
            "correct": requirements_correct(rep, requirements), "expected": expected_reqs, "reported": rep,
        },
        "coverage": coverage(combined),
        "testCaseResults": [
            {
                "testcaseId": c.testcase_id, "testCaseName": c.title, "testCaseUrl": c.url,
                "testCaseApproved": c.approved, "expected": c.expected,
                "procedureResults": [{"procedureName": p, "outcomes": outcomes[p].get(c.testcase_id) or ["untested"]}
                                     for p in chosen],
            }
            for c in cases
        ],
    }


def rule_stat(mapping: dict[str, Any]) -> str:
    """complete | partial | inconsistent | untested, counted as act-tools' updateRuleStats does."""
    if mapping.get("consistency"):
        return mapping["consistency"]
    return "inconsistent" if mapping.get("procedureNames") else "untested"


# --- which auditor rules implement which ACT rules ---------------------------------------------------------------

@dataclass(frozen=True)
class Procedure:
    name: str  # the auditor rule code: AXE-<axe id>, DI-<n>, ACC-<n> ...
    act: tuple[str, ...]
    wcag: tuple[str, ...]


# Tightened mappings: (procedure, ACT rule) -> ("drop" | "cantTell", reason). "drop": the procedure is not claimed
# for that ACT rule at all; "cantTell": its failures there count as cantTell (a person decides). Every entry is
# listed with its measured reason in docs/act.md.
MAPPING: dict[tuple[str, str], tuple[str, str]] = {}


def _text_of(snippet: str) -> str:
    return html.unescape(re.sub(r"<[^>]*>", " ", snippet or ""))


def _contrast_outcome(f) -> str:
    # WCAG 1.4.3/1.4.6 are about text, "a sequence of characters that can be programmatically determined, where
    # the sequence is expressing something in human language". A run of symbols ("----====++++***%%%") expresses
    # nothing (ACT afw4f7 Passed Example 7, 09o5cg Passed Example 6): a failure there is left to a person.
    # The snippet is the failing element's start tag and text, cut at 400 characters.
    return "fail" if re.search(r"[^\W_]", _text_of(f.snippet)) else "review"


_REFRESH_VALID = re.compile(r"^\s*\d+(?:\.[\d.]*)?\s*(?:$|[;,])")


def _refresh_outcome(f, facts: dict) -> str:
    # Browsers act on the first meta refresh element whose content is valid and ignore the rest (HTML's
    # "shared declarative refresh steps"; ACT bc659a Passed Example 2: a 0 s redirect, then a 5 s refresh).
    # axe checks every meta refresh element; a failure on one that the browser ignores is no failure.
    contents = ((facts.get("a11y_facts") or {}).get("refresh")) or []
    first = next((c for c in contents if _REFRESH_VALID.match(c)), None)
    m = re.search(r'content\s*=\s*(?:"([^"]*)"|\'([^\']*)\'|([^\s>]+))', f.snippet or "", re.I)
    mine = html.unescape(next((g for g in m.groups() if g is not None), "")) if m else None
    if first is None or mine is None:
        return "fail"
    return "fail" if mine.strip() == first.strip() else "pass"


# Finding-level refinements of a procedure's failures, before they count for an ACT rule:
# code -> (finding, page facts) -> "fail" | "review" | "pass". Listed with the measured reason in docs/act.md.
REFINE = {
    "AXE-color-contrast": lambda f, facts: _contrast_outcome(f),
    "AXE-color-contrast-enhanced": lambda f, facts: _contrast_outcome(f),
    "AXE-meta-refresh": _refresh_outcome,
    "AXE-meta-refresh-no-exceptions": _refresh_outcome,
}


# The page facts the refinements read (kept per case; the rest is dropped to keep memory small).
REFINE_FACTS = ("a11y_facts",)


def axe_procedures(axe_rules: Iterable[dict], extra: Iterable[str] = ()) -> list[Procedure]:
    """axe rules that run by default and carry ACT ids, from axe's own metadata (`axe._audit.rules`)."""
    out = []
    for r in axe_rules:
        # Disabled and experimental rules do not run in axe.run's default set, so auditor does not run them.
        # `extra`: rules auditor runs itself outside the default set (auditor/gatherers/axe_aaa.py).
        if r["id"] not in extra and (not r.get("enabled", True) or "experimental" in r.get("tags", [])):
            continue
        if not r.get("actIds"):
            continue
        out.append(Procedure(f"AXE-{r['id']}", tuple(r["actIds"]),
                             tuple(standards.criteria_from_axe_tags(r.get("tags", [])))))
    return out


def extra_axe_rules(rules: Iterable) -> tuple[str, ...]:
    """axe rules auditor runs beyond axe's default set, when the rule that reports them is selected."""
    if not any(r.code == "AXE-AAA" for r in rules):
        return ()
    from auditor.gatherers.axe_aaa import EXTRA_RULES

    return EXTRA_RULES


def own_procedures(rules: Iterable) -> list[Procedure]:
    return [Procedure(r.code, tuple(r.act), tuple(r.wcag)) for r in rules if r.act and not r.family]


def by_act_rule(procs: Iterable[Procedure]) -> dict[str, list[Procedure]]:
    out: dict[str, list[Procedure]] = defaultdict(list)
    for p in procs:
        for a in p.act:
            if MAPPING.get((p.name, a), ("",))[0] != "drop":
                out[a].append(p)
    return out


def case_outcomes(rule_id: str, procs: Sequence[Procedure], findings: Iterable | None,
                  axe_ok: bool, not_html: bool = False, facts: dict | None = None
                  ) -> dict[str, tuple[str, list[str]]]:
    """Outcome of each procedure on one test case of `rule_id`, with the requirement URIs of its failures.

    `findings` None means the page could not be audited: every procedure is untested there. `facts` are the
    page's facts (page gatherers' artifacts), which some refinements read."""
    result: dict[str, tuple[str, list[str]]] = {}
    by_code: dict[str, list] = defaultdict(list)
    for f in findings or ():
        by_code[f.rule].append(f)
    for p in procs:
        if not_html:
            result[p.name] = ("inapplicable", [])
            continue
        if findings is None or (p.name.startswith("AXE-") and not axe_ok):
            result[p.name] = ("untested", [])
            continue
        fs = [f for f in by_code.get(p.name, ()) if f.outcome == "error" or rule_id in (f.act or p.act)]
        refine = REFINE.get(p.name)
        if refine:
            fs = [dataclasses.replace(f, outcome=refine(f, facts or {})) if f.outcome == "fail" else f for f in fs]
        if any(f.outcome == "error" for f in fs):
            result[p.name] = ("untested", [])
        elif any(f.outcome == "fail" for f in fs):
            if MAPPING.get((p.name, rule_id), ("",))[0] == "cantTell":
                result[p.name] = ("cantTell", [])
            else:
                scs = {sc for f in fs if f.outcome == "fail" for sc in (f.wcag or p.wcag)}
                result[p.name] = ("failed", [sc_uri(sc) for sc in sorted(scs, key=standards.sort_key)
                                             if standards.get(sc)])
        elif any(f.outcome == "review" for f in fs):
            result[p.name] = ("cantTell", [])
        else:
            result[p.name] = ("passed", [])
    return result


# --- running the suite -------------------------------------------------------------------------------------------

@dataclass
class CaseRun:
    case: TestCase
    findings: list | None = None  # None: not audited
    axe_ok: bool = False
    error: str = ""
    seconds: float = 0.0
    not_html: str = ""  # the content type when the test case is no HTML page
    facts: dict = field(default_factory=dict)  # page facts (for refinements that read the page)


def _suite_handler():
    from auditor.demo import _Handler

    class SuiteHandler(_Handler):
        # The W3C site serves the test cases as UTF-8. Python's server names no charset, and a page without a
        # <meta charset> would then be read as windows-1252 ("±" becomes "Â±", a letter).
        extensions_map = {**_Handler.extensions_map, ".html": "text/html; charset=utf-8",
                          ".xhtml": "application/xhtml+xml; charset=utf-8", ".svg": "image/svg+xml; charset=utf-8",
                          ".xml": "application/xml; charset=utf-8", ".css": "text/css; charset=utf-8",
                          ".js": "text/javascript; charset=utf-8", ".vtt": "text/vtt; charset=utf-8"}

    return SuiteHandler


def needs_two_viewports(rules, viewport_gatherers) -> set[str]:
    """ACT rules whose own procedures read per-viewport artifacts (layout, text fit, keyboard ...): their test
    cases are audited at the audit's phone and desktop viewports, as a crawl would, because such rules compare
    viewports (orientation: portrait against landscape; reflow: 320 px). All other cases need the desktop only."""
    out: set[str] = set()
    for r in rules:
        if r.act and not r.family and any(k in viewport_gatherers for k in r.requires):
            out.update(r.act)
    return out


def case_path(case: TestCase) -> str:
    """The test case's path under the web root (the folder holding WAI/)."""
    return f"{SUITE_REL.as_posix()}/{case.path}"


AXE_RULES_JS = """() => axe._audit.rules.map(r => ({id: r.id, enabled: r.enabled !== false, tags: r.tags,
                                                   actIds: r.actIds || []}))"""


async def _audit_case(context, case: TestCase, base: str, viewports, rules, out_root: Path,
                      axe_meta: dict) -> CaseRun:
    from auditor import engine, render
    from auditor.registry import PageArtifacts

    run = CaseRun(case)
    t0 = time.perf_counter()
    page = await context.new_page()

    navigations = 0

    async def guard(route):
        nonlocal navigations
        req = route.request
        # Only the suite's own server. After the first navigation the document stays put: the refresh test
        # cases (meta refresh, script redirects) would otherwise take the page away mid-audit. A 204 answer
        # makes the browser stay on the current document, where an aborted request would show an error page.
        if req.is_navigation_request() and req.frame == page.main_frame:
            navigations += 1
            if navigations > 1:
                await route.fulfill(status=204, body="")
                return
        if not req.url.startswith(base):
            await route.abort()
        else:
            await route.continue_()

    try:
        await page.route("**/*", guard)
        resp = await page.goto(base + case_path(case), wait_until="domcontentloaded", timeout=NAV_TIMEOUT_MS)
        try:
            # Media test cases whose videos are missing from the suite (README) may never fire "load".
            await page.wait_for_load_state("load", timeout=LOAD_WAIT_MS)
        except Exception:
            pass
        if resp is None or resp.status != 200:
            raise RuntimeError(f"HTTP {resp.status if resp else '-'} for {case.path}")
        ctype = (resp.headers.get("content-type") or "").split(";")[0].strip().lower()
        if ctype not in HTML_TYPES:
            # As in a crawl: a response that is no HTML page (SVG, MathML/XML) is kept as a document and no
            # page rule runs on it, so every procedure is inapplicable there.
            run.findings, run.axe_ok, run.not_html = [], True, ctype
            return run
        out_dir = out_root / case.rule_id / case.testcase_id[:16]
        facts, per_vp, _ = await render.gather(page, viewports, out_dir, screenshots=False)
        if not axe_meta and any("axe" in a for a in per_vp.values()):
            axe_meta["rules"] = await page.evaluate(AXE_RULES_JS)
        facts["viewports"] = [v.name for v in viewports]
        facts["status"] = 200
        art = PageArtifacts(url=base + case_path(case), viewports=per_vp, page=facts, dir=str(out_dir))
        run.findings = engine.run_rules(rules, art, [v.name for v in viewports])
        run.facts = {k: facts[k] for k in REFINE_FACTS if k in facts}
        run.axe_ok = all("axe" in a for a in per_vp.values())
    except Exception as exc:
        run.error = f"{type(exc).__name__}: {exc}"[:300]
    finally:
        try:
            await page.close()
        except Exception:
            pass
    run.seconds = time.perf_counter() - t0
    return run


async def run_suite(suite: Suite, cases: Sequence[TestCase], *, rules=None, concurrency: int = DEFAULT_CONCURRENCY,
                    out_root: Path, browser_path: str | None = None, progress=None) -> tuple[list[CaseRun], dict]:
    """Audit each case in one browser; returns the runs (in case order) and axe's rule metadata."""
    from playwright.async_api import async_playwright

    from auditor import registry, render
    from auditor.demo import StaticSite
    from auditor.models import Viewport

    rules = registry.select() if rules is None else rules
    # Import the gatherer modules before pages run concurrently (gather() imports them on first use, and a
    # registration while another page iterates the registry breaks that page).
    render._load_gatherers()
    desktop = (Viewport(*DESKTOP),)
    both = (Viewport(*MOBILE), Viewport(*DESKTOP))
    narrow = needs_two_viewports(rules, render.VIEWPORT_GATHERERS)
    axe_meta: dict = {}
    runs: list[CaseRun | None] = [None] * len(cases)
    site = StaticSite(suite.root)
    site.server.RequestHandlerClass = functools.partial(_suite_handler(), directory=str(suite.root))
    # A page closed while an asset still streams (a video, a large image) breaks the pipe: expected, not news.
    site.server.handle_error = lambda request, client_address: None
    site.server.request_log = None  # 1,213 pages and their assets: no log needed
    with site:
        base = site.url
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=render.find_browser(browser_path),
                                              args=render.CHROMIUM_ARGS, headless=True)
            context = await browser.new_context(viewport={"width": DESKTOP[1], "height": DESKTOP[2]})
            queue: asyncio.Queue[int] = asyncio.Queue()
            for i in range(len(cases)):
                queue.put_nowait(i)
            done = 0

            async def worker():
                nonlocal done
                while True:
                    try:
                        i = queue.get_nowait()
                    except asyncio.QueueEmpty:
                        return
                    c = cases[i]
                    try:
                        vps = both if c.rule_id in narrow else desktop
                        r = await asyncio.wait_for(
                            _audit_case(context, c, base, vps, rules, out_root, axe_meta), CASE_TIMEOUT_S)
                    except Exception as exc:  # timeout: the page is reported untested
                        r = CaseRun(c, error=f"{type(exc).__name__}: {exc}"[:300], seconds=CASE_TIMEOUT_S)
                    runs[i] = r
                    done += 1
                    if progress:
                        progress(done, len(cases), r)

            await asyncio.gather(*(worker() for _ in range(max(1, concurrency))))
            await context.close()
            await browser.close()
    return [r for r in runs if r is not None], axe_meta


# --- the report ---------------------------------------------------------------------------------------------------

def build_report(suite: Suite, runs: Sequence[CaseRun], procs: Sequence[Procedure], *, meta: dict) -> dict:
    """The implementation report in the shape of W3C's implementations/*.json (plus auditor's own extras)."""
    proc_map = by_act_rule(procs)
    by_rule: dict[str, list[TestCase]] = defaultdict(list)
    for c in suite.cases:
        by_rule[c.rule_id].append(c)
    run_of = {(r.case.rule_id, r.case.testcase_id): r for r in runs}
    approved_stats = Counter({k: 0 for k in ("complete", "partial", "inconsistent", "untested")})
    proposed_stats = Counter({k: 0 for k in ("complete", "partial", "inconsistent", "untested")})
    mappings = []
    per_procedure: dict[str, dict[str, str | None]] = {}
    for rule_id, cases in by_rule.items():
        procs_here = proc_map.get(rule_id, [])
        outcomes: dict[str, dict[str, list[str]]] = {p.name: {} for p in procs_here}
        reported: dict[str, list[str]] = {p.name: [] for p in procs_here}
        tested_any = False
        for c in cases:
            run = run_of.get((rule_id, c.testcase_id))
            if run is None:
                continue  # not in this run (a subset): no assertion at all, as W3C reads it
            tested_any = True
            for name, (outcome, reqs) in case_outcomes(rule_id, procs_here, run.findings, run.axe_ok,
                                                           bool(run.not_html), run.facts).items():
                outcomes[name][c.testcase_id] = [outcome]
                for u in reqs:
                    if u not in reported[name]:
                        reported[name].append(u)
        if not tested_any:
            outcomes = {}
        m = {"ruleId": rule_id, "ruleName": cases[0].rule_name, "ruleApproved": suite.approved(rule_id)}
        m.update(procedure_set(cases, outcomes, reported))
        # Each procedure on its own, so a procedure that is inconsistent in isolation (hidden by a better one in
        # W3C's best-set choice) still shows.
        for name in outcomes:
            res = [{"expected": c.expected, "outcomes": outcomes[name].get(c.testcase_id) or ["untested"],
                    "testCaseApproved": c.approved, "name": c.title} for c in cases]
            per_procedure.setdefault(rule_id, {})[name] = {
                "consistency": consistency(res, requirements_correct(reported[name], cases[0].requirements))
                or "inconsistent",
                "falsePositives": [r["name"] for r in _approved_only(res)
                                   if r["expected"] != "failed" and "failed" in r["outcomes"]],
            }
        mappings.append(m)
        (approved_stats if m["ruleApproved"] else proposed_stats)[rule_stat(m)] += 1
    mappings.sort(key=lambda m: m["ruleName"])
    report = {
        "vendor": meta.get("vendor", "auditor project"),
        "name": meta.get("name", "auditor"),
        "version": meta.get("version", __version__),
        "lastModified": meta.get("lastModified", dt.date.today().strftime("%-d %B %Y")),
        "approvedRules": dict(approved_stats),
        "proposedRules": dict(proposed_stats),
        "actRuleMapping": mappings,
        "auditor": {
            "axeCoreVersion": meta.get("axe", ""),
            "browser": meta.get("browser", ""),
            "suite": suite.commit,
            "testCasesRun": len(runs),
            "testCasesNotAudited": [
                {"ruleId": r.case.rule_id, "testcaseId": r.case.testcase_id, "error": r.error}
                for r in runs if r.findings is None],
            "testCasesNotHtml": [{"ruleId": r.case.rule_id, "testcaseId": r.case.testcase_id,
                                  "contentType": r.not_html} for r in runs if r.not_html],
            "slowestTestCases": [{"ruleId": r.case.rule_id, "testcaseId": r.case.testcase_id,
                                  "seconds": round(r.seconds, 2)}
                                 for r in sorted(runs, key=lambda r: -r.seconds)[:10]],
            "procedureConsistency": per_procedure,
            "tightenedMappings": [{"procedure": p, "ruleId": a, "as": how, "reason": why}
                                  for (p, a), (how, why) in sorted(MAPPING.items())],
            "seconds": meta.get("seconds"),
        },
    }
    return report


def earl_report(suite: Suite, report: dict) -> dict:
    """The same assertions as EARL in JSON-LD (the context W3C's act-tools read, from the suite)."""
    ctx_file = suite.root / SUITE_REL / "earl-context.json"
    context = json.loads(ctx_file.read_text(encoding="utf-8"))["@context"] if ctx_file.is_file() else {
        "@vocab": "http://www.w3.org/ns/earl#", "earl": "http://www.w3.org/ns/earl#",
        "WCAG2": "http://www.w3.org/TR/WCAG2/#", "dct": "http://purl.org/dc/terms/",
        "doap": "http://usefulinc.com/ns/doap#", "source": "dct:source", "title": "dct:title",
        "isPartOf": {"@id": "dct:isPartOf", "@type": "@id"}, "outcome": {"@type": "@id"},
        "assertedBy": {"@type": "@id"}, "mode": {"@type": "@id"}, "assertions": {"@reverse": "subject"}}
    assertor = {"@id": "https://github.com/auditor/auditor", "@type": ["earl:Assertor", "doap:Project"],
                "doap:name": report["name"], "doap:release": {"doap:revision": report["version"]},
                "doap:vendor": report["vendor"]}
    requirements: dict[str, list[str]] = {}
    for m in report["actRuleMapping"]:
        requirements[m["ruleId"]] = (m.get("accessibilityRequirements") or {}).get("reported", [])
    subjects: dict[str, dict] = {}
    # Every procedure's outcomes, not only the best set's: EARL records what was asserted.
    for m in report["actRuleMapping"]:
        for t in m["testCaseResults"]:
            subj = subjects.setdefault(t["testCaseUrl"], {"@type": ["earl:TestSubject", "sch:WebPage"],
                                                           "source": t["testCaseUrl"], "assertions": []})
            for pr in t["procedureResults"]:
                for o in pr["outcomes"]:
                    subj["assertions"].append({
                        "@type": "earl:Assertion", "assertedBy": assertor["@id"], "mode": "earl:automatic",
                        "test": {"@type": "earl:TestCase", "title": pr["procedureName"],
                                 "isPartOf": requirements.get(m["ruleId"], [])},
                        "result": {"@type": "earl:TestResult", "outcome": f"earl:{o}"},
                    })
    return {"@context": context, "@graph": [assertor, *subjects.values()]}


def load_published(act_dir: Path) -> list[dict]:
    out = []
    for f in sorted((Path(act_dir) / "implementations").glob("*.json")):
        try:
            d = json.loads(f.read_text(encoding="utf-8"))
        except ValueError:
            continue
        out.append({"file": f.stem, "name": d.get("name", f.stem), "version": str(d.get("version", "")),
                    "approved": d.get("approvedRules", {}), "proposed": d.get("proposedRules", {}),
                    "rules": {m["ruleId"]: rule_stat(m) for m in d.get("actRuleMapping", [])}})
    return out


_MARK = {"complete": "C", "partial": "p", "inconsistent": "X", "untested": "."}


def table(report: dict, published: Sequence[dict], approved: bool = True) -> str:
    """Plain-text table: one row per ACT rule, auditor first, then each published tool (C complete, p partial,
    X inconsistent, . untested), and a last row counting complete rules."""
    tools = [("auditor", {m["ruleId"]: rule_stat(m) for m in report["actRuleMapping"]})]
    tools += [(t["file"], t["rules"]) for t in published]
    rows = [m for m in report["actRuleMapping"] if m["ruleApproved"] == approved]
    rows.sort(key=lambda m: m["ruleName"].lower())
    heads: list[str] = []
    for n, _ in tools:  # short, unique column heads ("tov", "to2" for two Total Validator reports)
        h = _short(n)
        k = 2
        while h in heads:
            h = h[:2] + str(k)
            k += 1
        heads.append(h)
    w = max(len(m["ruleName"]) for m in rows) if rows else 10
    w = min(w, 48)
    lines = ["Legend: C complete, p partial, X inconsistent, . untested. Tools: "
             + ", ".join(f"{h}={n}" for h, (n, _) in zip(heads[1:], tools[1:])), ""]
    lines.append(f"{'ACT rule':<7} {'name':<{w}}  {'auditor':<12}" + "".join(f"{h:>4}" for h in heads[1:]))
    for m in rows:
        rid = m["ruleId"]
        cells = [_MARK[res.get(rid, "untested")] for _, res in tools]
        lines.append(f"{rid:<7} {m['ruleName'][:w]:<{w}}  {rule_stat(m):<12}" + "".join(f"{c:>4}" for c in cells[1:]))
    ids = {m["ruleId"] for m in rows}
    counts = [sum(1 for rid in ids if res.get(rid) == "complete") for _, res in tools]
    lines.append(f"{'':<7} {'complete (of ' + str(len(ids)) + ')':<{w}}  {counts[0]:<12}"
                 + "".join(f"{c:>4}" for c in counts[1:]))
    return "\n".join(lines)


def _short(name: str) -> str:
    parts = re.split(r"[-_ ]", name)
    return (parts[0][:2] + "".join(p[:1] for p in parts[1:]))[:3] if name != "auditor" else "aud"


# --- command line ---------------------------------------------------------------------------------------------------

def select_cases(suite: Suite, rule_ids: Sequence[str] = (), per_rule: int | None = None,
                 approved_only: bool = False) -> list[TestCase]:
    """Test cases to run: all, or those of the given rules, optionally only the first `per_rule` failed, passed
    and inapplicable examples of each rule (the fast subset of the test suite)."""
    cases = [c for c in suite.cases if (not rule_ids or c.rule_id in rule_ids)
             and (not approved_only or suite.approved(c.rule_id))]
    if per_rule is None:
        return cases
    taken: Counter = Counter()
    out = []
    for c in cases:
        key = (c.rule_id, c.expected)
        if taken[key] < per_rule:
            taken[key] += 1
            out.append(c)
    return out


def _progress_printer(stream, total: int):
    tty = stream.isatty()
    t0 = time.perf_counter()
    step = max(1, total // 20)

    def show(done: int, total_: int, run: CaseRun) -> None:
        el = time.perf_counter() - t0
        line = f"auditor act: {done}/{total_} test cases, {el:.0f} s"
        if run.findings is None:
            print(f"auditor act: not audited: {run.case.rule_id}/{run.case.testcase_id[:12]}: {run.error}",
                  file=stream, flush=True)
        if tty:
            print("\r" + line, end="" if done < total_ else "\n", file=stream, flush=True)
        elif done % step == 0 or done == total_:
            print(line, file=stream, flush=True)

    return show


def run(act_dir: Path, out: Path, *, rule_ids: Sequence[str] = (), per_rule: int | None = None,
        concurrency: int = DEFAULT_CONCURRENCY, browser: str | None = None, quiet: bool = False,
        rules=None) -> dict:
    """Run the suite (or a subset) and write the report files; returns the report."""
    from auditor import registry, render

    suite = load_suite(act_dir)
    cases = select_cases(suite, rule_ids, per_rule)
    rules = registry.select() if rules is None else rules
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    art_root = out / "artifacts"
    if art_root.exists():
        shutil.rmtree(art_root)
    t0 = time.perf_counter()
    printer = None if quiet else _progress_printer(sys.stderr, len(cases))
    runs, axe_meta = asyncio.run(run_suite(suite, cases, rules=rules, concurrency=concurrency, out_root=art_root,
                                           browser_path=browser, progress=printer))
    seconds = round(time.perf_counter() - t0, 1)
    from auditor.gatherers.image_text import tesseract

    if not tesseract():  # without OCR the images-of-text rule cannot run: no claim, 0va7u6 stays untested
        rules = [r for r in rules if "image_text" not in r.requires]
    procs = own_procedures(rules) + (axe_procedures(axe_meta.get("rules", []), extra_axe_rules(rules)) if any(
        r.family and r.code == "AXE" for r in rules) else [])
    bpath = render.find_browser(browser)
    meta = {"axe": render.axe_version(), "browser": render.browser_version(bpath), "seconds": seconds}
    report = build_report(suite, runs, procs, meta=meta)
    (out / "auditor-act-report.json").write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    (out / "auditor-act-earl.jsonld").write_text(json.dumps(earl_report(suite, report), indent=1,
                                                             ensure_ascii=False), encoding="utf-8")
    published = load_published(act_dir)
    text = "\n".join([
        f"W3C ACT Rules, approved rules: auditor {report['version']} (axe-core {meta['axe']}, {meta['browser']}) "
        f"next to the published implementations (suite {suite.commit})",
        table(report, published, approved=True), "",
        "Proposed rules: auditor " + _stats(report["proposedRules"]) + "; approved rules: auditor "
        + _stats(report["approvedRules"]),
        "Published tools, approved rules (complete/partial/inconsistent/untested): " + "; ".join(
            f"{t['name']} {t['version']}: {_stats(t['approved'])}" for t in published),
        f"{len(runs)} test cases in {seconds} s; report: {out / 'auditor-act-report.json'}",
    ])
    (out / "table.txt").write_text(text + "\n\nProposed rules\n" + table(report, published, approved=False) + "\n",
                                   encoding="utf-8")
    report["_table"] = text
    return report


def _stats(s: dict) -> str:
    return "/".join(str(s.get(k, 0)) for k in ("complete", "partial", "inconsistent", "untested"))


@click.command("act")
@click.option("--act-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="The ACT Rules suite (folder holding WAI/). Default: $ACT_DIR or ../shared/act-rules.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("build/act"),
              show_default=True, help="Where the report files go.")
@click.option("--rule", "rule_ids", multiple=True, help="Only this ACT rule id (repeatable).")
@click.option("--per-rule", type=int, default=None,
              help="Only the first N failed, N passed and N inapplicable examples of each rule (a quick subset).")
@click.option("--concurrency", type=int, default=DEFAULT_CONCURRENCY, show_default=True,
              help="Test case pages open at once in the browser.")
@click.option("--browser", default=None, help="Chromium or Chrome executable (default: found automatically).")
@click.option("--quiet", is_flag=True, help="No progress lines.")
def act_command(act_dir, out, rule_ids, per_rule, concurrency, browser, quiet):
    """Audit the W3C ACT Rules test suite and write an implementation report (JSON, EARL) and a table."""
    act_dir = act_dir or default_act_dir()
    try:
        report = run(act_dir, out, rule_ids=rule_ids, per_rule=per_rule, concurrency=concurrency,
                     browser=browser, quiet=quiet)
    except FileNotFoundError as exc:
        click.echo(f"auditor: error: {exc}", err=True)
        sys.exit(2)
    click.echo(report["_table"])


if __name__ == "__main__":
    act_command()
