"""Baseline fingerprints survive harmless markup changes on the demo site: every element gets an id and a class
name it did not have (as a CMS upgrade or a CSS-in-JS build would do), the audit finds 0 new findings against
the baseline; a real new problem (an image without a text alternative) is still new. Real Chromium and axe."""
from __future__ import annotations

import itertools
import json
import re
import shutil

import pytest

from auditor.demo import DEMO_ROOT, StaticSite
from tests.conftest import last_run, run_cli

pytestmark = pytest.mark.e2e

# Pages of the demo site with the most findings of every kind (forms, images, tables, links), audited at two
# viewports by the rules that can fail a page (plain language is advisory and slow: not part of the gate here).
PAGES = ("index.html", "laitteet/ilmoittautuminen.html", "palvelut/rakennuslupa.html", "laitteet/ajanvaraus.html")
ARGS = ("--viewports", "mobile,desktop", "--no-screenshots", "--rules", "AXE,ACC,DI", "--delay", "0",
        "--max-pages", str(len(PAGES)), "--depth", "0", "--no-sitemaps")
TAG = re.compile(r"<(div|p|a|img|li|ul|section|span|h[1-6]|main|nav|header|footer|button|form|table|td|th|tr)"
                 r"(?=[\s>])([^>]*)>", re.I)


def _decorate(html: str, counter: itertools.count) -> str:
    """Every listed element gets a generated class; those without an id get a generated id."""
    def one(m: re.Match) -> str:
        tag, attrs = m.group(1), m.group(2)
        n = next(counter)
        if re.search(r"\sclass\s*=\s*\"", attrs):
            attrs = re.sub(r"(\sclass\s*=\s*\")", rf"\1css-{n:x}a9 ", attrs, count=1)
        else:
            attrs += f' class="css-{n:x}b7"'
        if not re.search(r"\sid\s*=", attrs):
            attrs += f' id="gen-{n:x}"'
        return f"<{tag}{attrs}>"
    return TAG.sub(one, html)


def _audit(root, out, *extra):
    with StaticSite(root) as site:
        return run_cli("audit", *[site.url + p for p in PAGES], *ARGS, *extra, out=out)


def test_ids_and_classes_make_no_new_findings(tmp_path):
    v1 = tmp_path / "v1"
    shutil.copytree(DEMO_ROOT, v1)
    out = tmp_path / "out"
    p = _audit(v1, out)
    assert p.returncode == 0, p.stderr
    st, rid1 = last_run(out)
    first = [f for f in st.findings(rid1) if f["outcome"] != "error"]
    assert len(first) >= 10  # the demo pages have real problems to match
    bfile = tmp_path / "baseline.json"
    run_cli("baseline", str(rid1), "-o", str(bfile), out=out, check=True)

    v2 = tmp_path / "v2"
    shutil.copytree(v1, v2)
    counter = itertools.count(1)
    changed = 0
    for rel in PAGES:
        f = v2 / rel
        before = f.read_text(encoding="utf-8")
        after = _decorate(before, counter)
        changed += after != before
        f.write_text(after, encoding="utf-8")
    assert changed == len(PAGES)
    p = _audit(v2, out, "--baseline", str(bfile))
    st, rid2 = last_run(out)
    gate = json.loads((out / f"run-{rid2}" / "gate.json").read_text())
    new = gate["baseline"]["new"]
    assert new == [], [(n["rule"], n["selector"]) for n in new]
    assert "0 new" in p.stderr
    # axe printed other selectors for the same elements: the fingerprints did not follow them.
    sel1 = {f["selector"] for f in first}
    sel2 = {f["selector"] for f in st.findings(rid2) if f["outcome"] != "error"}
    assert sel1 != sel2

    # A real new problem is new.
    v3 = tmp_path / "v3"
    shutil.copytree(v2, v3)
    idx = v3 / "index.html"
    idx.write_text(idx.read_text(encoding="utf-8").replace(
        "</main>", '<p><img src="assets/uusi-kartta.png" width="40" height="40"></p></main>', 1), encoding="utf-8")
    p = _audit(v3, out, "--baseline", str(bfile))
    _, rid3 = last_run(out)
    gate = json.loads((out / f"run-{rid3}" / "gate.json").read_text())
    rules_new = {n["rule"] for n in gate["baseline"]["new"]}
    assert "AXE-image-alt" in rules_new, gate["baseline"]["new"]
    assert all("uusi-kartta" in (n.get("snippet") or n["selector"]) for n in gate["baseline"]["new"]
               if n["rule"] == "AXE-image-alt")
