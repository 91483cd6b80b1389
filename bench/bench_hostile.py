"""make bench-hostile: the whole hostile test site audited under /usr/bin/time -v.

Prints wall time, the peak RSS of the whole process tree (CLI + Chromium + renderers, sampled from /proc), the
largest single process (from time -v), and per behaviour whether its page was audited, recorded as a document or
stored as an error (with the reason). Options: --max-pages N (default 36), --page-budget S (20), --viewports.
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.hostile.memwatch import PeakTreeRSS  # noqa: E402
from tests.hostile.site import BEHAVIOURS, HostileSite  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--max-pages", default="36")
    ap.add_argument("--page-budget", default="20")
    ap.add_argument("--viewports", default="desktop")
    a = ap.parse_args()
    from auditor.store import Store

    with tempfile.TemporaryDirectory() as tmp, HostileSite() as site:
        out = Path(tmp) / "out"
        cmd = ["/usr/bin/time", "-v", sys.executable, "-m", "auditor.cli", "audit", site.url, "--out", str(out),
               "--quiet", "--delay", "0", "--no-autothrottle", "--max-pages", a.max_pages, "--page-budget",
               a.page_budget, "--page-timeout", "4", "--viewports", a.viewports, "--no-screenshots",
               "--max-error-ratio", "1"]
        t0 = time.time()
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env=dict(os.environ, PYTHONPATH=str(ROOT)))
        with PeakTreeRSS(proc.pid) as mem:
            _, err = proc.communicate()
        wall = time.time() - t0
        log = site.requests()
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", err)
        st = Store(f"sqlite:///{out / 'auditor.db'}")
        rid = st.list_runs()[-1]["id"]
        run = st.get_run(rid)
        pages = {p["url"][len(site.url) - 1:]: p for p in st.pages(rid)}
    print(f"exit code            {proc.returncode}  (run {run['status']})")
    print(f"wall time            {wall:.1f} s")
    print(f"peak RSS, tree       {mem.peak / 2**20:.0f} MB")
    print(f"peak RSS, largest    {int(m.group(1)) / 1024:.0f} MB" if m else "peak RSS, largest    ?")
    print(f"server requests      {len(log)}  (non-GET/HEAD: {sum(1 for r in log if r[0] not in ('GET', 'HEAD'))})")
    kinds = {k: sum(1 for p in pages.values() if p['kind'] == k) for k in ("html", "document", "error")}
    print(f"pages                {kinds['html']} audited, {kinds['document']} documents, {kinds['error']} errors")
    print()
    for path, desc in BEHAVIOURS.items():
        p = pages.get(path.split("?")[0])
        outcome = "MISSING" if p is None else p["kind"]
        reason = "" if p is None else (p["error"] or "")[:90]
        print(f"  {path:<22} {outcome:<9} {reason}")
    return 0 if proc.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
