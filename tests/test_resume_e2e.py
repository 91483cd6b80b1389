"""kill -9 in the middle of an audit loses no finished page; --resume finishes the rest without redoing any."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from tests.conftest import ROOT, last_run, page, run_cli, store_of

pytestmark = pytest.mark.e2e


def _site(n: int) -> dict[str, str]:
    files = {"index.html": page("Etusivu", "".join(f'<a href="s{i}.html">S{i}</a> ' for i in range(n)))}
    for i in range(n):
        files[f"s{i}.html"] = page(f"S{i}", f'<p><a href="s{(i + 1) % n}.html">seuraava</a></p>'
                                            f'<img src="x{i}.svg">')  # an image-alt defect on every page
    return files


def test_kill_and_resume_equals_uninterrupted_run(site_factory, tmp_path):
    site = site_factory(_site(24))
    args = ["--viewports", "mobile,desktop", "--no-screenshots"]
    ref = tmp_path / "ref"
    run_cli("audit", site.url, *args, out=ref, check=True)
    st_ref, rid_ref = last_run(ref)
    expected = {p["url"] for p in st_ref.pages(rid_ref)}
    assert len(expected) == 25

    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "auditor.cli", "audit", site.url, *args, "--out", str(out), "--quiet",
           "--delay", "0", "--no-autothrottle"]
    proc = subprocess.Popen(cmd, cwd=ROOT, start_new_session=True, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    db = out / "auditor.db"
    deadline = time.time() + 120
    done = 0
    while time.time() < deadline:
        if db.exists():
            try:
                st = store_of(out)
                runs = st.list_runs()
                done = len(st.pages(runs[-1]["id"])) if runs else 0
            except Exception:
                done = 0
            if done >= 8:
                break
        time.sleep(0.1)
    os.killpg(proc.pid, signal.SIGKILL)  # the whole group: the CLI and its Chromium
    proc.wait(timeout=30)
    assert 8 <= done < 25, done
    st, rid = last_run(out)
    before = {p["url"]: p["done_at"] for p in st.pages(rid)}
    assert len(before) >= 8 and st.get_run(rid)["status"] == "running"

    p = run_cli("audit", "--resume", str(rid), out=out, check=True)
    pages = st.pages(rid)
    urls = [p["url"] for p in pages]
    assert len(urls) == len(set(urls)), "a page was audited twice"
    assert set(urls) == expected
    for p_ in pages:  # pages finished before the kill were not redone
        if p_["url"] in before:
            assert p_["done_at"] == before[p_["url"]]
    assert st.get_run(rid)["status"] == "finished"
    # and each page keeps its findings: one image-alt failure per S page, as in the uninterrupted run
    fails = [f for f in st.findings(rid) if f["rule"] == "AXE-image-alt"]
    assert len(fails) == len([f for f in st_ref.findings(rid_ref) if f["rule"] == "AXE-image-alt"]) == 24
