"""Hostile strings from a crawled page (title, alt/attributes, text, URL) are inert text in the HTML report."""
from __future__ import annotations

import pytest
from playwright.sync_api import sync_playwright

from auditor.render import CHROMIUM_ARGS, find_browser
from tests.conftest import last_run, run_cli

pytestmark = pytest.mark.e2e

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'


def test_hostile_page_strings_are_escaped_in_report(site_factory, tmp_path):
    hostile = (
        '<!doctype html><html lang="fi"><head><meta charset="utf-8">'
        f"<title>{SCRIPT}{IMG}</title></head><body><main><h1>Hyökkäys</h1>"
        f"<img src=\"kuva.png\" title='{IMG}'>"  # image-alt failure; its HTML snippet carries the payload
        f"<img src=\"kuva2.png\" alt='{SCRIPT}{IMG}'>"
        f'<p style="color:#ccc">&lt;script&gt;alert(1)&lt;/script&gt; {IMG.replace("<", "&lt;")}</p>'
        "</main></body></html>"
    )
    site = site_factory({
        "index.html": '<!doctype html><html lang="fi"><head><title>Etusivu</title></head><body><main>'
                      '<a href="x%3Cscript%3Ealert(1)%3C/script%3E.html?q=%22%3E%3Cimg%20src=x%20onerror='
                      'alert(1)%3E">hyökkäys</a></main></body></html>',
        "x<script>alert(1)</script>.html": hostile,
    })
    out = tmp_path / "out"
    run_cli("audit", site.url, "--viewports", "desktop", out=out, check=True)
    st, rid = last_run(out)
    pages = st.pages(rid)
    evil = [p for p in pages if "script" in p["url"]]
    assert evil and evil[0]["title"] == SCRIPT + IMG, pages  # the payload really reached the store
    assert any("onerror=alert(1)" in (f["snippet"] or "") for f in st.findings(rid))

    files = sorted((out / f"run-{rid}").rglob("*.html"))
    assert len(files) >= 3
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=find_browser(), args=CHROMIUM_ARGS)
        pg = browser.new_page()
        dialogs = []
        pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        seen_payload_text = False
        for f in files:
            pg.goto(f.as_uri())
            assert pg.locator("script").count() == 0, f
            assert pg.locator('img[src="x"]').count() == 0, f
            assert pg.locator("[onerror]").count() == 0, f
            assert pg.locator('a[href^="javascript:"]').count() == 0, f
            if SCRIPT in pg.inner_text("body"):
                seen_payload_text = True
        browser.close()
    assert dialogs == []
    assert seen_payload_text, "the hostile title should be shown as text somewhere in the report"
