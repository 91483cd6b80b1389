"""The safe interaction pass (auditor/gatherers/interact.py, ACC-60..63) on fixture pages in the real browser.

Fixtures in tests/fixtures/interact/ say what they expect (same comments as tests/test_checks.py). Besides the
findings, the server's request log proves that nothing but GET requests for the pages themselves reached it:
no form was posted, no navigation caused by a change or a submit left the browser.
"""
from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest

from auditor import engine, registry, render
from auditor.demo import StaticSite
from auditor.gatherers import interact as interact_mod
from auditor.registry import PageArtifacts

pytestmark = pytest.mark.e2e

FIXTURES = Path(__file__).parent / "fixtures" / "interact"
_EXPECT = re.compile(r"<!--\s*expect:\s*(?:(pass)|([A-Z]+-\d+)\s+(fail|review)\s*(#\S+)?)\s*-->")
EXPECT = {f.name: _EXPECT.findall(f.read_text(encoding="utf-8")) for f in sorted(FIXTURES.glob("*.html"))}


async def _run(urls: list[str]) -> dict[str, tuple[dict, list]]:
    from playwright.async_api import async_playwright

    rules = registry.select(["ACC-6"])
    out = {}
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=render.find_browser(), headless=True,
                                          args=render.CHROMIUM_ARGS)
        ctx = await browser.new_context()
        for url in urls:
            page = await ctx.new_page()
            await page.goto(url, wait_until="load")
            data = await interact_mod.interact(page)
            # The routes are gone afterwards: the page navigates normally again.
            await page.goto(url + "#again", wait_until="load")
            art = PageArtifacts(url=url, viewports={"desktop": {}}, page={"interact": data})
            out[Path(url).name] = (data, engine.run_rules(rules, art, ["desktop"]))
            await page.close()
        await ctx.close()
        await browser.close()
    return out


@pytest.fixture(scope="module")
def done():
    with StaticSite(FIXTURES) as site:
        res = asyncio.run(_run([site.url + n for n in EXPECT]))
        log = list(site.request_log)
    return res, log


@pytest.mark.parametrize("name", list(EXPECT))
def test_fixture(done, name):
    data, findings = done[0][name]
    assert "error" not in data, data
    ours = [(f.rule, f.outcome, f.selector, f.message) for f in findings]
    assert not [f for f in findings if f.outcome == "error"], ours
    for passed, code, kind, el in EXPECT[name]:
        if passed:
            assert not findings, ours
            continue
        found = [f for f in findings if f.rule == code and f.outcome == kind and (not el or el in f.selector)]
        assert found, (code, kind, el, ours, data)
        for f in found:
            assert f.messages.get("fi") and f.messages.get("sv"), f


def test_nothing_left_the_browser(done):
    res, log = done
    # No POST (the handler would log /vastaanotto), no navigation to where a change or a submit pointed.
    for path in ("/vastaanotto", "/vastaanotto2", "/fi.html", "/sv.html", "/haku-tulos.html", "/tilaus.html"):
        assert not [p for p in log if p.split("?")[0] == path], (path, log)
    data = res["context-fail.html"][0]
    assert {b["method"] for b in data["blocked"]} == {"POST"}
    assert any(u.endswith("/sv.html") for u in data["navigations_stopped"])
    assert data["popups_closed"]
    # The GET search form and the POST form of the passing pages were stopped on the way out, not judged.
    forms = {f["sel"]: f for f in res["context-pass.html"][0]["forms"]}
    assert sorted(f["result"] for f in forms.values()) == ["left", "native"]


def test_bounded(done):
    for data, _ in done[0].values():
        assert data["actions"] <= interact_mod.MAX_ACTIONS and data["ms"] < 1000 * (interact_mod.MAX_S + 5)


def test_cli_interacts_on_the_audited_origin_and_no_interact_turns_it_off(site_factory, tmp_path):
    from tests.conftest import last_run, page, run_cli

    body = ('<p><label for="k">Kieli</label> <select id="k" onchange="location.href = this.value">'
            '<option value="/index.html">suomi</option><option value="/sv.html">svenska</option></select></p>')
    site = site_factory({"index.html": page("Etusivu", body)})
    fast = ("--max-pages", "1", "--viewports", "desktop", "--no-screenshots", "--delay", "0", "--rules", "ACC-6")
    for flag, expect in (((), True), (("--no-interact",), False)):
        out = tmp_path / ("on" if expect else "off")
        run_cli("audit", site.url, *fast, *flag, out=out)
        st, rid = last_run(out)
        found = [f for f in st.findings(rid) if f["rule"] == "ACC-60" and f["outcome"] == "fail"]
        assert bool(found) is expect, (flag, [(f["rule"], f["message"]) for f in st.findings(rid)])
        assert not [p for p in site.request_log if p.startswith("/sv.html")]


def test_origin_of_seeds():
    from auditor.audit import _origin

    assert _origin("https://Kunta.FI/a/b?c") == "https://kunta.fi"
    assert _origin("http://127.0.0.1:8080/x") != _origin("http://127.0.0.1:8081/x")
