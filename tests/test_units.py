"""Unit tests of pure logic: URL canonicalisation and scope, viewports, rule engine merging and scores."""
from __future__ import annotations

import pytest

from auditor import engine, registry
from auditor.config import AuditConfig
from auditor.models import Finding, Viewport
from auditor.registry import Hit, PageArtifacts, Rule
from spiders.urls import canonical, in_scope, kind_by_extension


@pytest.mark.parametrize("url,expected", [
    ("http://Example.fi/a#frag", "http://example.fi/a"),
    ("http://example.fi/a?utm_source=x&b=2&a=1", "http://example.fi/a?a=1&b=2"),
    ("http://example.fi/a;jsessionid=ABC123?x=1", "http://example.fi/a?x=1"),
    ("http://example.fi/a?PHPSESSID=1&sid=2&gclid=3", "http://example.fi/a"),
    ("http://example.fi:80/", "http://example.fi/"),
    ("https://example.fi:443", "https://example.fi/"),
    ("http://example.fi/ä ö", "http://example.fi/%C3%A4%20%C3%B6"),
])
def test_canonical(url, expected):
    assert canonical(url) == expected


def test_scope():
    hosts = {"www.kunta.fi"}
    assert in_scope("https://www.kunta.fi/x", hosts, False)
    assert not in_scope("https://palvelut.kunta.fi/x", hosts, False)
    assert in_scope("https://palvelut.kunta.fi/x", hosts, True)
    assert not in_scope("https://kunta.fi.evil.com/", hosts, True)
    assert not in_scope("https://notkunta.fi/", hosts, True)


def test_kind_by_extension():
    assert kind_by_extension("http://a/b/Doc.PDF") == "document"
    assert kind_by_extension("http://a/b/logo.png") == "skip"
    assert kind_by_extension("http://a/b/page") == "page"
    assert kind_by_extension("http://a/b.pdf/page.html") == "page"


def test_viewport_parse():
    assert Viewport.parse("mobile") == Viewport("mobile", 320, 640)
    assert Viewport.parse("1024x768") == Viewport("1024x768", 1024, 768)
    assert Viewport.parse("wide=1920x1080") == Viewport("wide", 1920, 1080)
    for bad in ("huge", "10x10", "../x=300x300", "a=300x", ""):
        with pytest.raises(ValueError):
            Viewport.parse(bad)
    with pytest.raises(ValueError):
        Viewport.parse_list("mobile,mobile")


def test_config_round_trip():
    cfg = AuditConfig(seeds=("http://a.fi/",), include=("x",), viewports=Viewport.parse_list("mobile,800x600"))
    assert AuditConfig.from_json(cfg.to_json()) == cfg
    with pytest.raises(ValueError):
        AuditConfig(seeds=("http://a.fi/",), max_pages=0)


def _axe(vp_results):
    return PageArtifacts(url="http://a/", viewports={vp: {"axe": r} for vp, r in vp_results.items()})


def _violation(rule_id, target, impact="serious", tags=("wcag2a", "wcag111")):
    return {"id": rule_id, "impact": impact, "tags": list(tags), "help": "h", "helpUrl": "u", "actIds": ["23a2a8"],
            "nodes": [{"target": [target], "html": "<img>", "impact": impact, "failureSummary": "fix"}]}


def test_axe_findings_merge_viewports_and_keep_review_apart():
    rules = registry.select(["AXE"])
    art = _axe({
        "mobile": {"violations": [_violation("image-alt", "#a"), _violation("image-alt", "#b")],
                   "incomplete": [_violation("color-contrast", "p", tags=("wcag2aa", "wcag143"))]},
        "desktop": {"violations": [_violation("image-alt", "#a")], "incomplete": []},
    })
    fs = engine.run_rules(rules, art, ["mobile", "desktop"])
    by = {(f.rule, f.selector, f.outcome): f for f in fs}
    assert by[("AXE-image-alt", "#a", "fail")].viewports == ("mobile", "desktop")
    assert by[("AXE-image-alt", "#b", "fail")].viewports == ("mobile",)
    f = by[("AXE-image-alt", "#a", "fail")]
    assert f.wcag == ("1.1.1",) and f.level == "A" and f.en301549 == ("9.1.1.1",) and f.act == ("23a2a8",)
    assert by[("AXE-color-contrast", "p", "review")].wcag == ("1.4.3",)
    assert len(fs) == 3


def test_best_practice_is_advisory_and_not_scored():
    rules = registry.select(["AXE"])
    art = _axe({"desktop": {"violations": [_violation("region", "div", "moderate", ("best-practice",))],
                            "incomplete": []}})
    fs = engine.run_rules(rules, art)
    assert fs[0].advisory and fs[0].wcag == ()
    assert engine.page_score(fs) == 100.0


def test_page_score_formula():
    f = lambda rule, impact, outcome="fail": Finding(rule=rule, outcome=outcome, impact=impact, selector="x",
                                                     snippet="", message="", viewports=("d",), wcag=("1.1.1",))
    assert engine.page_score([]) == 100.0
    assert engine.page_score([f("A", "critical")]) == 75.0
    # the same rule twice counts once, at its worst impact
    assert engine.page_score([f("A", "minor"), f("A", "critical")]) == 75.0
    assert engine.page_score([f("A", "critical"), f("B", "serious")]) == 63.75
    assert engine.page_score([f("A", "critical", "review")]) == 100.0
    assert engine.site_score([100, 50]) == 75.0 and engine.site_score([]) is None


def test_broken_rule_becomes_error_finding():
    def boom(art):
        raise RuntimeError("bad")
        yield  # pragma: no cover

    r = Rule(code="T-1", func=boom, area="accessibility")
    fs = engine.run_rules([r], _axe({"desktop": {"violations": [], "incomplete": []}}))
    assert len(fs) == 1 and fs[0].outcome == "error" and "bad" in fs[0].message


def test_registry_discovers_axe_rule():
    assert "AXE" in registry.discover()


def test_store_page_and_findings_atomic(tmp_path):
    from auditor.models import PageResult
    from auditor.store import Store

    st = Store(f"sqlite:///{tmp_path / 'a.db'}")
    rid = st.create_run("http://a/", ["http://a/"], {}, "0")
    f = Finding(rule="AXE-x", outcome="fail", impact="minor", selector="a", snippet="", message="",
                viewports=("mobile",), wcag=("1.1.1",))
    st.save_page(rid, PageResult(url="http://a/", kind="html", links=("http://a/b",)), [f], 97.0)
    with pytest.raises(Exception):  # same URL twice in a run: refused, nothing half-written
        st.save_page(rid, PageResult(url="http://a/", kind="html"), [f], 97.0)
    assert len(st.pages(rid)) == 1 and len(st.findings(rid)) == 1
    assert st.done_pages(rid)[0]["links"] == ["http://a/b"]


def test_scope_ports():
    hosts = {"127.0.0.1:8000"}
    assert in_scope("http://127.0.0.1:8000/a", hosts, False)
    assert not in_scope("http://127.0.0.1:8001/a", hosts, False)
    assert in_scope("https://www.kunta.fi:443/a", {"www.kunta.fi"}, False)


def test_site_rules_attach_to_pages(tmp_path):
    from auditor.models import PageResult
    from auditor.registry import SiteArtifacts, SitePage
    from auditor.store import Store

    def needs_statement(site):
        if not any("seloste" in p.url for p in site.pages):
            yield Hit(selector="html", message="no statement")
        for p in site.pages:
            if p.kind == "error":
                yield Hit(selector=f'a[href="{p.url}"]', url=p.referrer, message="broken link")

    r = Rule(code="SV-T", func=needs_statement, area="service", scope="site", wcag=())
    site = SiteArtifacts(seeds=("http://a/",), pages=(
        SitePage("http://a/", "html", 200, "A", "text/html", 0, "", (), ""),
        SitePage("http://a/x", "error", 404, "", "", 1, "http://a/b", (), ""),
    ))
    by = engine.run_site_rules([r], site)
    assert [f.message for f in by["http://a/"]] == ["no statement"]
    assert by["http://a/b"][0].message == "broken link"
    st = Store(f"sqlite:///{tmp_path / 'a.db'}")
    rid = st.create_run("http://a/", ["http://a/"], {}, "0")
    st.save_page(rid, PageResult(url="http://a/", kind="html"), [], 100.0)
    assert st.replace_site_findings(rid, by) == 2
    assert st.replace_site_findings(rid, by) == 2  # replaced, not added
    assert len(st.findings(rid)) == 2
