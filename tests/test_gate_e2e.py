"""End-to-end gates: config file precedence, assertions → exit codes, baselines, stable fingerprints, diff,
logged-in crawls by each method, secrets kept out of every output. Real Chromium and axe, sites on 127.0.0.1."""
from __future__ import annotations

import json
import random
import string
from pathlib import Path

import pytest

from tests.conftest import last_run, page, run_cli
from tests.login_site import LoginSite

pytestmark = pytest.mark.e2e

FAST = ("--viewports", "desktop", "--no-screenshots", "--rules", "AXE")  # axe only: fast, and the gate is what is tested


def _defect_site(missing_alt: int = 1, missing_label: bool = False, seed: int = 0) -> dict[str, str]:
    """Pages whose markup uses generated class names and ids (as a CSS-in-JS build or a CMS would)."""
    rnd = random.Random(seed)

    def gen() -> str:
        return "c-" + "".join(rnd.choice(string.ascii_lowercase + string.digits) for _ in range(6))

    imgs = "".join(f'<div class="{gen()}" id="{gen()}"><img class="{gen()}" src="/kuva{i}.png"></div>'
                   for i in range(missing_alt))
    form = f'<form><input class="{gen()}" id="{gen()}" type="text"></form>' if missing_label else ""
    return {
        "index.html": page("Etusivu", f'<p><a href="toinen.html" class="{gen()}">Toinen</a></p>{imgs}'),
        "toinen.html": page("Toinen", f'<p class="{gen()}">Teksti</p>{form}'),
    }


def test_config_file_discovery_and_precedence(site_factory, tmp_path):
    files = {"index.html": page("Etusivu", "".join(f'<a href="p{i}.html">P{i}</a> ' for i in range(6)))}
    files.update({f"p{i}.html": page(f"P{i}", "<p>x</p>") for i in range(6)})
    site = site_factory(files)
    proj = tmp_path / "proj"
    (proj / "sub").mkdir(parents=True)
    (proj / "auditor.toml").write_text(f'urls = ["{site.url}"]\nmax-pages = 2\nviewports = ["desktop"]\n'
                                       f'screenshots = false\n')
    out = tmp_path / "out"
    run_cli("audit", out=out, cwd=proj / "sub", check=True)  # found by walking up; urls from the file
    st, rid = last_run(out)
    assert len([p for p in st.pages(rid) if p["kind"] == "html"]) == 2
    assert st.get_run(rid)["config"]["viewports"] == [{"name": "desktop", "width": 1280, "height": 800}]
    run_cli("audit", "--max-pages", "3", out=out, cwd=proj / "sub", check=True)  # a flag wins over the file
    st, rid = last_run(out)
    assert len([p for p in st.pages(rid) if p["kind"] == "html"]) == 3
    (proj / "auditor.toml").write_text("max-pagez = 2\n")
    p = run_cli("audit", site.url, out=out, cwd=proj)
    assert p.returncode == 2 and "unknown key 'max-pagez'" in p.stderr and "Traceback" not in p.stderr


def _write(tmp_path: Path, name: str, text: str) -> str:
    f = tmp_path / name
    f.write_text(text)
    return str(f)


def test_assertions_exit_codes(site_factory, tmp_path):
    site = site_factory(_defect_site(missing_alt=2))
    out = tmp_path / "out"
    cfg = _write(tmp_path, "fail.toml", '[assertions]\n"AXE-image-alt" = "error"\n')
    p = run_cli("audit", site.url, *FAST, "--config", cfg, out=out)
    assert p.returncode == 1, p.stderr
    last = p.stderr.strip().splitlines()[-1]
    assert last.startswith("auditor: run 1: FAILED") and "[FAIL] AXE-image-alt: findings 2" in p.stderr
    # The same run checked again under other assertions, without crawling (`auditor gate`).
    cases = [
        ('"AXE-image-alt" = ["error", {max = 2}]\n', 0),
        ('"AXE-image-alt" = "warn"\n', 0),
        ('"severity:critical" = "error"\n', 1),  # image-alt is critical in axe
        ('"score:accessibility" = {level = "error", min = 90}\n', 1),  # pages 75 and 100 → 87.5
        ('"score:accessibility" = {level = "error", min = 85}\n', 0),
        ('preset = "wcag21-aa"\n', 1),
        ('preset = "advisory"\n', 0),
        ('"AXE-*" = "error"\n[[assertions.overrides]]\nurl = "/$"\nrules = {"AXE-*" = "off"}\n', 0),
    ]
    for i, (body, code) in enumerate(cases):
        cfg = _write(tmp_path, f"a{i}.toml", "[assertions]\n" + body)
        p = run_cli("gate", "1", "--config", cfg, out=out)
        assert p.returncode == code, (body, p.stderr)
        assert ("FAILED" if code else "PASSED") in p.stderr.strip().splitlines()[-1]
    p = run_cli("gate", "1", "--preset", "wcag21-aa", "--no-config", out=out)
    assert p.returncode == 1 and "wcag21-aa" in p.stderr
    bad = _write(tmp_path, "bad.toml", '[assertions]\n"AXE-*" = "fatal"\n')
    p = run_cli("gate", "1", "--config", bad, out=out)
    assert p.returncode == 2 and "level must be off, warn or error" in p.stderr
    p = run_cli("gate", "99", "--no-config", out=out)
    assert p.returncode == 2 and "no run 99" in p.stderr


def test_baseline_round_trip_with_regenerated_class_names(site_factory, tmp_path):
    out = tmp_path / "out"
    site1 = site_factory(_defect_site(missing_alt=2, seed=1), name="v1")
    run_cli("audit", site1.url, *FAST, out=out, check=True)
    st, rid1 = last_run(out)
    bfile = tmp_path / "auditor-baseline.json"
    run_cli("baseline", str(rid1), "-o", str(bfile), out=out, check=True)
    assert json.loads(bfile.read_text())["schema"] == "auditor-baseline/1"
    strict = _write(tmp_path, "strict.toml", '[assertions]\n"*" = "error"\n')

    # Same site, every class name and id regenerated: zero new findings, exit 0.
    site2 = site_factory(_defect_site(missing_alt=2, seed=2), name="v2")
    p = run_cli("audit", site2.url, *FAST, "--config", strict, "--baseline", str(bfile), out=out)
    assert p.returncode == 0, p.stderr
    assert "0 new, 0 fixed" in p.stderr
    st, rid2 = last_run(out)
    assert {f["fingerprint"] for f in st.findings(rid1)} == {f["fingerprint"] for f in st.findings(rid2)}

    # A new defect: exit 1, named; an old one fixed: listed as fixed.
    site3 = site_factory(_defect_site(missing_alt=1, missing_label=True, seed=3), name="v3")
    p = run_cli("audit", site3.url, *FAST, "--config", strict, "--baseline", str(bfile), out=out)
    assert p.returncode == 1
    assert "new: AXE-label" in p.stderr and "fixed: AXE-image-alt" in p.stderr
    gate_json = json.loads((out / f"run-{last_run(out)[1]}" / "gate.json").read_text())
    assert [n["rule"] for n in gate_json["baseline"]["new"]] == ["AXE-label"]

    # diff between the first and the last run
    _, rid3 = last_run(out)
    p = run_cli("diff", str(rid1), str(rid3), "--json", out=out, check=True)
    d = json.loads(p.stdout)
    assert [f["rule"] for f in d["new"]] == ["AXE-label"] and [f["rule"] for f in d["fixed"]] == ["AXE-image-alt"]
    p = run_cli("history", out=out, check=True)
    assert p.stdout.count("finished") == 3


SECRET = "Salainen-Tunnus-4711"


@pytest.mark.parametrize("method", ["header", "basic", "cookie", "storage_state", "steps", "hook"])
def test_login_methods(method, tmp_path):
    site = LoginSite(password=SECRET if method in ("basic", "steps", "hook") else "x-unused",
                     api_key=SECRET if method == "header" else "")
    with site:
        env = {"AUDITOR_TEST_SECRET": SECRET}
        if method == "header":
            toml = '[auth.headers]\n"X-Api-Key" = "env:AUDITOR_TEST_SECRET"\n'
        elif method == "basic":
            toml = '[auth.basic]\nuser = "testi"\npassword = "env:AUDITOR_TEST_SECRET"\n'
        elif method == "cookie":
            sid = site.new_session()
            env["AUDITOR_TEST_SECRET"] = sid
            toml = '[[auth.cookies]]\nname = "sid"\nvalue = "env:AUDITOR_TEST_SECRET"\n'
        elif method == "storage_state":
            sid = site.new_session()
            env["AUDITOR_TEST_SECRET"] = sid
            state = tmp_path / "state.json"
            state.write_text(json.dumps({"cookies": [{"name": "sid", "value": sid, "domain": "127.0.0.1",
                                                      "path": "/", "expires": -1, "httpOnly": True,
                                                      "secure": False, "sameSite": "Lax"}], "origins": []}))
            toml = f'[auth]\nstorage-state = "{state}"\n'
        elif method == "steps":
            toml = ('[login]\nsteps = [{goto = "/login"}, {fill = "#user", value = "testi"},\n'
                    ' {fill = "#password", value = "env:AUDITOR_TEST_SECRET"}, {click = "button[type=submit]"},\n'
                    ' {wait = "#logout"}]\n')
        else:
            hook = tmp_path / "login_hook.py"
            hook.write_text("def login(page, base, secret):\n"
                            "    page.goto(base + 'login')\n"
                            "    page.fill('#user', 'testi')\n"
                            "    page.fill('#password', secret('env:AUDITOR_TEST_SECRET'))\n"
                            "    page.click('button[type=submit]')\n"
                            "    page.wait_for_selector('#logout')\n")
            toml = f'[login]\nhook = "{hook}:login"\n'
        toml += '[login.check]\nexpired-url = "/login"\n' if "[login]" not in toml else \
            '\n[login.check]\nexpired-url = "/login"\n'
        cfg = _write(tmp_path, "auditor.toml", toml)
        out = tmp_path / "out"
        p = run_cli("audit", site.url, *FAST, "--config", cfg, "-v", out=out,
                    env=env, check=True)
        st, rid = last_run(out)
        pages = st.pages(rid)
        assert {pg["url"].replace(site.url, "/") for pg in pages} == set(
            __import__("tests.login_site", fromlist=["PAGES"]).PAGES), pages
        assert all(pg["title"].startswith("Sisäänkirjautunut") for pg in pages)
        assert ("/kirjaudu-ulos", True) not in site.log  # the logout link is never followed
        secret = env["AUDITOR_TEST_SECRET"].encode()
        for f in out.rglob("*"):
            if f.is_file():
                assert secret not in f.read_bytes(), f
        assert SECRET not in p.stdout + p.stderr and env["AUDITOR_TEST_SECRET"] not in p.stdout + p.stderr


def test_expired_session_stops_with_results_kept(tmp_path):
    site = LoginSite(session_limit=1)
    with site:
        sid = site.new_session()
        cfg = _write(tmp_path, "auditor.toml", '[[auth.cookies]]\nname = "sid"\nvalue = "env:SID"\n'
                                               '[login.check]\nlogged-in-selector = "#logout"\n')
        out = tmp_path / "out"
        p = run_cli("audit", site.url, *FAST, "--config", cfg, out=out, env={"SID": sid})
        assert p.returncode == 2 and "session expired" in p.stderr and "--resume" in p.stderr
        st, rid = last_run(out)
        assert [pg["title"] for pg in st.pages(rid)] == ["Sisäänkirjautunut: /"]


def test_secret_on_command_line_is_refused(tmp_path, site_factory):
    site = site_factory({"index.html": page("A", "<p>a</p>")})
    cfg = _write(tmp_path, "auditor.toml", '[auth.basic]\nuser = "u"\npassword = "plain-text-password"\n')
    p = run_cli("audit", site.url, "--config", cfg, out=tmp_path / "out")
    assert p.returncode == 2 and "env:NAME or file:PATH" in p.stderr


def test_procurement_acceptance_and_archive(site_factory, tmp_path):
    import zipfile

    profile = _write(tmp_path, "profile.toml", '[profile]\nname = "Toimitus 12/2026"\n'
                     'description = "Sopimuksen liite 3"\n[audit]\nviewports = ["mobile", "desktop"]\n'
                     '[assertions]\npreset = "wcag21-aa"\n[requirements]\n'
                     '"wcag21-aa" = "R1: ei automaattisesti havaittuja WCAG 2.1 AA -puutteita"\n')
    out = tmp_path / "out"
    bad = site_factory(_defect_site(missing_alt=1), name="bad")
    p = run_cli("accept", bad.url, "--profile", profile, out=out)
    assert p.returncode == 1 and "REJECTED" in p.stderr
    _, rid = last_run(out)
    doc = json.loads((out / f"acceptance-run-{rid}" / "acceptance.json").read_text())
    req = doc["requirements"][0]
    assert not doc["accepted"] and req["requirement"].startswith("R1") and not req["passed"]
    assert req["evidence"][0]["rule"] == "AXE-image-alt" and req["evidence"][0]["url"] == bad.url
    html = (out / f"acceptance-run-{rid}" / "acceptance.html").read_text()
    assert "REJECTED" in html and "AXE-image-alt" in html
    # --report-lang: the acceptance report in Finnish and Swedish (written again from the stored run).
    from auditor import accept as acc

    st, _ = last_run(out)
    for lang, word in (("fi", "HYLÄTTY"), ("sv", "UNDERKÄND")):
        paths = acc.write_acceptance(st, rid, acc.load_profile(Path(profile)), out, Path(profile), lang)
        text = paths["html"].read_text(encoding="utf-8")
        assert f'<html lang="{lang}">' in text and word in text and "REJECTED" not in text
        assert "Requirements" not in text and 'lang="en">' in text  # axe-core's message stays English, marked
    with zipfile.ZipFile(out / f"acceptance-run-{rid}.zip") as z:
        names = z.namelist()
        manifest = json.loads(z.read("manifest.json"))
    assert f"run-{rid}/index.html" in names and f"acceptance-run-{rid}/profile.toml" in names
    assert any(n.startswith(f"artifacts/run-{rid}/") for n in names)
    assert manifest["axe_version"] and manifest["config"]["viewports"][0]["name"] == "mobile"
    good = site_factory({"index.html": page("Etusivu", "<p>Kaikki kunnossa.</p>")}, name="good")
    p = run_cli("accept", good.url, "--profile", profile, out=out)
    assert p.returncode == 0 and "ACCEPTED" in p.stderr


def test_rerun_rules_from_artifacts_without_browser(site_factory, tmp_path):
    site = site_factory(_defect_site(missing_alt=2))
    out = tmp_path / "out"
    run_cli("audit", site.url, *FAST, out=out, check=True)
    st, rid = last_run(out)
    # no browser is needed: point the browser search at nothing
    p = run_cli("rerun", str(rid), out=out, env={"AUDITOR_BROWSER": "/nonexistent"}, check=True)
    _, rid2 = last_run(out)
    assert rid2 == rid + 1
    key = lambda fs: sorted((f["rule"], f["fingerprint"]) for f in fs)
    assert key(st.findings(rid)) == key(st.findings(rid2)) and len(st.findings(rid2)) == 2
