"""The crawl against a hostile site: every page bounded, nothing submitted, honest outcomes and exit codes."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, last_run, page, run_cli, store_of
from tests.hostile.memwatch import PeakTreeRSS
from tests.hostile.site import BEHAVIOURS, HostileSite

pytestmark = pytest.mark.e2e

# The whole-site audit below: 36 HTML pages at most, 20 s budget per page, 4 s fetch timeout, one viewport, two
# pages rendered at once. Bound: browser start and fetch timeouts with their retries (~60 s) + the five pages that
# never settle × 20 s + 31 ordinary pages × ~5 s, over two renderers ≈ 180 s on an idle machine; 360 s is allowed
# for a loaded one (measured: ~140-260 s on a 2-core machine shared with four other Chromium jobs).
WHOLE_SITE_BOUND_S = 360
FAST = ["--viewports", "desktop", "--no-screenshots", "--page-timeout", "4", "--page-budget", "20"]


def _cmd(out: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "auditor.cli", "audit", *args, "--out", str(out), "--quiet", "--delay", "0",
            "--no-autothrottle"]


def test_whole_hostile_site(tmp_path):
    out = tmp_path / "out"
    with HostileSite() as site:
        t0 = time.time()
        proc = subprocess.Popen(_cmd(out, site.url, *FAST, "--max-pages", "36", "--max-error-ratio", "1"),
                                cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env=dict(os.environ, PYTHONPATH=str(ROOT)))
        with PeakTreeRSS(proc.pid) as mem:
            stdout, stderr = proc.communicate(timeout=WHOLE_SITE_BOUND_S + 60)
        wall = time.time() - t0
        log = site.requests()
    assert proc.returncode == 0, stderr[-3000:]
    assert wall < WHOLE_SITE_BOUND_S, wall
    assert mem.peak < 1.5 * 1024 ** 3, mem.peak
    # Nothing but GET/HEAD reached the server: no form submit, no script POST, no popup, no self-navigation.
    assert [r for r in log if r[0] not in ("GET", "HEAD")] == []
    paths = [r[1] for r in log]
    assert not any(p.startswith(("/form/api", "/api/", "/popup-target", "/self-nav-target")) for p in paths)
    # The page cap holds for fetches: at most 36 HTML pages requested (plus robots, sitemaps, retries/redirects).
    st, rid = last_run(out)
    pages = {p["url"][len(site.url) - 1:]: p for p in st.pages(rid)}
    for path in BEHAVIOURS:
        path = path.split("?")[0]
        assert path in pages, f"{path} neither audited nor recorded"
        p = pages[path]
        assert p["kind"] in ("html", "document", "error")
        if p["kind"] == "error":
            assert p["error"], path
    assert pages["/attachment"]["kind"] == "document"
    assert pages["/wrong-type"]["kind"] == "document"
    assert "10 MB" in pages["/huge"]["error"]
    assert "off the audited site" in pages["/offsite-redirect"]["error"]
    assert "redirect" in pages["/redirect-loop"]["error"]
    assert pages["/memory-hog"]["kind"] == "error" and "crash" in pages["/memory-hog"]["error"]
    assert pages["/alert-loop"]["kind"] == "error" and "budget" in pages["/alert-loop"]["error"]
    assert pages["/many-links"]["kind"] == "error"  # "too large" or over its budget, depending on the machine
    assert pages["/status/503"]["kind"] == "html"  # retried after Retry-After, not at once
    t503 = [r[2] for r in log if r[1] == "/status/503"]
    assert len(t503) == 2 and t503[1] - t503[0] >= 0.9
    assert pages["/self-nav"]["kind"] == "html"  # audited as it first loaded
    assert pages["/form-autosubmit"]["kind"] == "html"
    assert pages["/reset"]["kind"] == "error" and pages["/truncated"]["kind"] == "error"
    assert [p for p in paths if p == "/sitemap.xml"] == ["/sitemap.xml"]  # the index listing itself: read once
    assert sum(1 for u in pages if u.startswith("/session")) == 1  # sessid/s/token variants are one page
    assert any(u in pages for u in ("/svg-target", "/svg-xlink-target", "/mathml-target"))
    # The cap is exact for fetches: every page fetched is recorded (nothing fetched and dropped), and at most 36
    # were taken for audit (redirect hops, retries, robots.txt and sitemaps aside).
    infra = ("/robots.txt", "/sitemap", "/bomb", "/sw.js")  # and /x: an <img src=x> the browser loads
    paths = [p for p in paths if p != "/x"]
    fetched = {p for p in paths if not p.startswith(infra)
               and not (p.startswith("/redirect-chain/") and p != "/redirect-chain/1")}
    assert fetched <= set(pages), fetched - set(pages)
    taken = [u for u, p in pages.items()
             if p["kind"] == "html" or (p["error"] or "").startswith("could not be audited")]
    assert len(taken) <= 36
    # The report renders with every hostile string inert.
    report = (out / f"run-{rid}" / "index.html").read_text(encoding="utf-8")
    assert '<script>document.title="XSS"' not in report and "<img src=x onerror" not in report
    assert "could not be audited" in report or "budget" in report


def test_page_cap_is_exact_for_fetches(site_factory, tmp_path):
    files = {"index.html": page("Etusivu", "".join(f'<a href="p{i}.html">P{i}</a> ' for i in range(20)))}
    files.update({f"p{i}.html": page(f"P{i}", '<a href="/">koti</a>') for i in range(20)})
    site = site_factory(files)
    out = tmp_path / "out"
    run_cli("audit", site.url, "--max-pages", "3", *FAST, out=out, check=True)
    html = [p for p in site.request_log if p.endswith((".html", "/"))]
    assert len(html) == 3, site.request_log
    st, rid = last_run(out)
    assert sum(1 for p in st.pages(rid) if p["kind"] == "html") == 3


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["sigterm", "kill-9"])
def test_stop_during_hung_page_then_resume(sig, tmp_path):
    out = tmp_path / "out"
    with HostileSite(sitemap=False) as site:
        seed = site.url + "alert-loop"
        proc = subprocess.Popen(_cmd(out, seed, "--viewports", "desktop", "--no-screenshots", "--page-budget", "6",
                                     "--page-timeout", "4"),
                                cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env=dict(os.environ, PYTHONPATH=str(ROOT)), start_new_session=True)
        deadline = time.time() + 60
        while time.time() < deadline and not any(r[1] == "/alert-loop" for r in site.requests()):
            time.sleep(0.1)
        time.sleep(2.0)  # the page is now spinning in the browser
        t = time.time()
        if sig == signal.SIGKILL:
            os.killpg(proc.pid, signal.SIGKILL)  # the CLI and its browser, as an OOM killer or `kill -9` would
            proc.communicate(timeout=30)
            st, rid = last_run(out)
            assert st.get_run(rid)["status"] == "running"
        else:
            proc.send_signal(sig)
            _, stderr = proc.communicate(timeout=30)
            assert time.time() - t < 10, time.time() - t
            assert proc.returncode == 3, stderr
            assert "--resume" in stderr and "PASSED" not in stderr
            st, rid = last_run(out)
            assert st.get_run(rid)["status"] == "interrupted"
        # --resume finishes or fails with a reason: the only page hangs for ever, so the run fails (exit 2).
        t = time.time()
        p = run_cli("audit", "--resume", str(rid), out=out, timeout=120)
        assert p.returncode == 2, p.stderr
        assert "could not be audited" in p.stderr and len(p.stderr.strip().splitlines()) == 1
        assert store_of(out).get_run(rid)["status"] == "failed"
        assert time.time() - t < 60


def test_resume_of_a_run_with_no_pages(site_factory, tmp_path):
    """The fleet creates a run row and then calls --resume: the crawl starts from the seeds."""
    from auditor import __version__
    from auditor.config import AuditConfig

    site = site_factory({"index.html": page("Etusivu", "<p>hei</p>")})
    out = tmp_path / "out"
    out.mkdir()
    st = store_of(out)
    cfg = AuditConfig(seeds=(site.url,), max_pages=2, delay=0, autothrottle=False, out=str(out), screenshots=False)
    rid = st.create_run(site=site.url, seeds=[site.url], config=cfg.to_json(), tool_version=__version__,
                        axe_version="", browser_version="")
    p = run_cli("audit", "--resume", str(rid), out=out, timeout=120)
    assert p.returncode == 0, p.stderr
    assert st.get_run(rid)["status"] == "finished"
    assert "no assertions evaluated" in p.stderr and "PASSED" not in p.stderr


def test_server_going_down_fails_the_run(tmp_path):
    out = tmp_path / "out"
    with HostileSite(sitemap=False, down_after=4) as site:
        p = run_cli("audit", site.url, *FAST, "--max-pages", "30", out=out, timeout=120)
    assert p.returncode == 2, p.stderr
    assert "PASSED" not in p.stderr
    st, rid = last_run(out)
    run = st.get_run(rid)
    assert run["status"] == "failed" and run["message"]


def test_robots_500_stops_with_the_reason(tmp_path):
    out = tmp_path / "out"
    with HostileSite(robots="STATUS 500", sitemap=False) as site:
        p = run_cli("audit", site.url, *FAST, out=out, timeout=60)
        log = site.requests()
    assert p.returncode == 2
    assert "robots.txt answered HTTP 500" in p.stderr and len(p.stderr.strip().splitlines()) == 1
    assert {r[1] for r in log} == {"/robots.txt"}  # retried once (a 5xx), no page requested


def test_crawl_delay_applies(tmp_path):
    out = tmp_path / "out"
    with HostileSite(robots="User-agent: *\nCrawl-delay: 2\n", sitemap=False) as site:
        # AutoThrottle on (the default): it must not lower the delay below Crawl-delay.
        run_cli("audit", site.url + "svg-links", *FAST, "--max-pages", "3", "--delay", "0", out=out, timeout=120,
                check=True)
        times = [r[2] for r in site.requests()]
    assert len(times) >= 3
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert min(gaps) >= 1.8, gaps  # Scrapy counts from sending, the server from receiving: ~0.1 s jitter


def test_damaged_database_one_line_exit_2(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    st = store_of(out)
    for i in range(40):
        st.create_run(site=f"http://x{i}.fi/", seeds=[f"http://x{i}.fi/"], config={"pad": "x" * 500},
                      tool_version="t", axe_version="", browser_version="")
    st.engine.dispose()
    db = out / "auditor.db"
    size = db.stat().st_size
    with db.open("r+b") as f:  # every data page after the schema page overwritten
        for k in range(1, size // 4096):
            f.seek(k * 4096)
            f.write(os.urandom(4096))
    for args in (("runs",), ("report", "1")):
        p = run_cli(*args, out=out, timeout=60)
        assert p.returncode == 2, (args, p.stderr)
        assert len(p.stderr.strip().splitlines()) == 1 and "Traceback" not in p.stderr, p.stderr
        assert "damaged" in p.stderr or "cannot open database" in p.stderr


def test_certificate_error_suggests_insecure(tmp_path):
    from tests.test_service_e2e import DualSite, self_signed

    root = tmp_path / "tls"
    root.mkdir()
    (root / "index.html").write_text(page("TLS", "<p>hei</p>"), encoding="utf-8")
    site = DualSite(root, self_signed(tmp_path), redirect_http=False, headers=[])
    try:
        p = run_cli("audit", site.url, *FAST, out=tmp_path / "out", timeout=60)
    finally:
        site.close()
    assert p.returncode == 2
    assert "--insecure" in p.stderr and len(p.stderr.strip().splitlines()) == 1, p.stderr


def test_sigterm_during_a_trickling_download(tmp_path):
    """Scrapy's own shutdown waits for downloads in progress; the watchdog ends the run within 10 s anyway."""
    out = tmp_path / "out"
    with HostileSite(sitemap=False) as site:
        proc = subprocess.Popen(_cmd(out, site.url + "trickle", "--page-timeout", "60"), cwd=ROOT,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env=dict(os.environ, PYTHONPATH=str(ROOT)))
        deadline = time.time() + 60
        while time.time() < deadline and not any(r[1] == "/trickle" for r in site.requests()):
            time.sleep(0.1)
        time.sleep(1.0)
        t = time.time()
        proc.send_signal(signal.SIGTERM)
        _, stderr = proc.communicate(timeout=30)
        assert time.time() - t < 10
    assert proc.returncode == 3, stderr
    st, rid = last_run(out)
    assert st.get_run(rid)["status"] == "interrupted"
