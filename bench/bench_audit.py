"""`make bench`: the audit's speed against a bare Playwright + axe-core loop, on a generated 200-page site.

    python bench/bench_audit.py [--runs 3] [--pages 200] [--json build/bench-audit.json] [--keep]

A deterministic site (bench/sitegen.py) is served on 127.0.0.1 by `auditor.demo.StaticSite`. Each run does, in turn:

  audit  the real CLI in a subprocess: `python -m auditor.cli audit URL --max-pages N --delay 0 --no-autothrottle
         --quiet --out TMP --format json` with the three default viewports; wall time of the process, and per-page
         timings read back from the store (pages.fetch_ms, pages.timings).
  floor  a bare Playwright loop (async API, also in a subprocess so both see the server the same way): one browser
         (auditor.render.find_browser(), CHROMIUM_ARGS), one context and page per viewport, and for every page and
         viewport: goto(wait_until="load"), inject axe, axe.run(document, {resultTypes: ['violations']}). No
         screenshots, no storage: the least a three-viewport axe audit can cost on this machine.

Medians over the runs are printed as a table and written to build/bench-audit.json. Nothing but 127.0.0.1 is
contacted: the site is local and Chromium runs with auditor's flags (no background networking).

The audit's per-page breakdown lists every timing the store holds, including one row per extra gatherer
(`g_<name>` in pages.timings). The 1-minute load average is recorded around each phase: figures taken while other
work shares the CPUs are inflated, and the table says so. Runs finished before a failure are still reported.
"""
from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from auditor import render  # noqa: E402
from auditor.models import DEFAULT_VIEWPORTS, NAMED_VIEWPORTS  # noqa: E402

# Reference figures from the spec (measured elsewhere, printed for context).
REF_FLOOR_S_PER_PAGE_VP = 0.61  # bare Playwright + axe loop, seconds per page × viewport
REF_PA11Y_S_PER_PAGE = 0.68  # pa11y-ci, seconds per page at one viewport
TARGET_FACTOR = 1.5  # target: a three-viewport audit costs at most 1.5 × pa11y-ci's one-viewport time per page
TARGET_S_PER_PAGE = TARGET_FACTOR * REF_PA11Y_S_PER_PAGE

FLOOR_AXE = """async () => {
  const r = await axe.run(document, {resultTypes: ['violations']});
  return [r.violations.length, r.violations.reduce((n, v) => n + v.nodes.length, 0)];
}"""

# Breakdown rows: (label, key in the per-page records).
BREAKDOWN = [
    ("navigation (fetch_ms)", "navigation"),
    ("axe injection", "axe_inject"),
    ("axe run, 3 viewports", "axe_run"),
    ("screenshots, 3 viewports", "screenshot"),
    ("resize + settle, 3 viewports", "resize"),
    ("rules + artifact files", "rules_store"),
    ("database commit", "store"),
    ("storage (the two above)", "storage"),
    ("render total (parse_page)", "total"),
    ("page total (nav+render+storage)", "page_total"),
]


KNOWN_TIMINGS = ("axe_inject", "axe_run", "screenshot", "resize", "total", "rules_store", "store")


class BenchError(RuntimeError):
    pass


def _env() -> dict[str, str]:
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    # Loopback only: make sure no proxy setting can route the local site elsewhere.
    env["NO_PROXY"] = env["no_proxy"] = "127.0.0.1,localhost"
    return env


def _med(xs: list[float]) -> float | None:
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def _log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


# --- the audit ------------------------------------------------------------------------------------------------
def run_audit(url: str, pages: int, out: Path, timeout: float) -> dict[str, Any]:
    from auditor.store import Store

    cmd = [sys.executable, "-m", "auditor.cli", "audit", url, "--max-pages", str(pages), "--delay", "0",
           "--no-autothrottle", "--quiet", "--out", str(out), "--format", "json"]
    from bench.procstat import measure

    p = measure(cmd, cwd=ROOT, env=_env(), timeout=timeout)
    wall = p.wall_s
    if p.returncode != 0:
        raise BenchError(f"audit exited {p.returncode}: {p.stderr.strip()[-2000:]}")
    st = Store(f"sqlite:///{out / 'auditor.db'}")
    try:
        run = st.list_runs()[-1]
        rows = st.pages(run["id"])
        n_fail = st.counts(run["id"])["failures"]
    finally:
        st.engine.dispose()
    html = [r for r in rows if r["kind"] == "html"]
    per_page = []
    for r in html:
        t = r["timings"] or {}
        # A key missing from the stored timings is None, not 0: audit.AuditSink.record sets "store" only after
        # the row is written, so it is never in the database (shown as "-").
        rec = {k: (1000 * float(t[k]) if k in t else None) for k in KNOWN_TIMINGS}
        # Any other timing (e.g. g_<name> for the extra gatherers of auditor.render) is kept as "x:<key>".
        rec.update({f"x:{k}": 1000 * float(v) for k, v in t.items()
                    if k not in KNOWN_TIMINGS and isinstance(v, (int, float))})
        rec["navigation"] = float(r["fetch_ms"] or 0.0)
        rec["storage"] = (rec["rules_store"] or 0.0) + (rec["store"] or 0.0)
        rec["page_total"] = rec["navigation"] + (rec["total"] or 0.0) + rec["storage"]
        per_page.append(rec)
    crawl_s = None
    if run.get("started_at") and run.get("finished_at"):
        crawl_s = (run["finished_at"] - run["started_at"]).total_seconds()
    n = len(html)
    busy_s = sum(r["page_total"] for r in per_page) / 1000
    return {
        "wall_s": wall,
        # The whole process tree (CLI, Playwright driver, Chromium): CPU seconds / (wall × cores), peak PSS sum.
        "cpu_util": p.cpu_util,
        "peak_rss_mb": p.peak_rss_mb,
        "crawl_s": crawl_s,  # runs.started_at → finished_at: without interpreter start-up and report writing
        "status": run["status"],
        "pages_html": n,
        "pages_other": len(rows) - n,
        "errors": [r["url"] + ": " + (r["error"] or "") for r in rows if r["kind"] == "error"][:5],
        "failures": n_fail,
        "s_per_page": wall / n if n else None,
        "s_per_page_vp": wall / n / len(DEFAULT_VIEWPORTS) if n else None,
        "pages_per_min": 60 * n / wall if n else None,
        # Sum of per-page times over the wall time: > 1 means pages overlapped (parallel pages in the browser).
        "overlap": busy_s / (crawl_s or wall) if n else None,
        "per_page_ms": per_page,
    }


# --- the floor ------------------------------------------------------------------------------------------------
async def _floor_loop(urls: list[str], timeout_s: float) -> dict[str, Any]:
    from playwright.async_api import async_playwright

    src = render.axe_source()
    recs: list[dict[str, float]] = []
    violations = 0
    nodes = 0
    async with async_playwright() as pw:
        t0 = time.perf_counter()
        browser = await pw.chromium.launch(executable_path=render.find_browser(), headless=True,
                                           args=render.CHROMIUM_ARGS)
        pages = []
        for name in DEFAULT_VIEWPORTS:
            w, h = NAMED_VIEWPORTS[name]
            ctx = await browser.new_context(viewport={"width": w, "height": h})
            pages.append(await ctx.new_page())
        t_loop = time.perf_counter()
        for url in urls:
            for page in pages:
                t = time.perf_counter()
                await page.goto(url, wait_until="load", timeout=timeout_s * 1000)
                t1 = time.perf_counter()
                await page.evaluate(src)
                t2 = time.perf_counter()
                v, nn = await page.evaluate(FLOOR_AXE)
                t3 = time.perf_counter()
                violations += v
                nodes += nn
                recs.append({"navigation": 1000 * (t1 - t), "axe_inject": 1000 * (t2 - t1),
                             "axe_run": 1000 * (t3 - t2), "total": 1000 * (t3 - t)})
        loop_s = time.perf_counter() - t_loop
        await browser.close()
        wall = time.perf_counter() - t0
    return {"wall_s": wall, "loop_s": loop_s, "navigations": len(recs), "violations": violations,
            "violation_nodes": nodes, "per_page_vp_ms": recs}


def floor_child(urls_file: Path) -> None:
    """Child-process entry: run the floor loop over the URLs in the file, print the result as JSON."""
    urls = json.loads(urls_file.read_text(encoding="utf-8"))
    print(json.dumps(asyncio.run(_floor_loop(urls, 30.0))))


def run_floor(urls: list[str], work: Path, timeout: float) -> dict[str, Any]:
    f = work / "floor-urls.json"
    f.write_text(json.dumps(urls), encoding="utf-8")
    cmd = [sys.executable, str(Path(__file__).resolve()), "--floor-child", str(f)]
    from bench.procstat import measure

    p = measure(cmd, cwd=ROOT, env=_env(), timeout=timeout)
    if p.returncode != 0:
        raise BenchError(f"floor loop exited {p.returncode}: {p.stderr.strip()[-2000:]}")
    res = json.loads(p.stdout.strip().splitlines()[-1])
    res["cpu_util"] = p.cpu_util
    res["peak_rss_mb"] = p.peak_rss_mb
    n = len(urls)
    res["pages"] = n
    res["s_per_page"] = res["wall_s"] / n
    res["s_per_page_vp"] = res["wall_s"] / n / len(DEFAULT_VIEWPORTS)
    res["pages_per_min"] = 60 * n / res["wall_s"]
    return res


# --- report ---------------------------------------------------------------------------------------------------
def _f(x: float | None, fmt: str = "{:.3f}") -> str:
    return "-" if x is None else fmt.format(x)


def breakdown_rows(pooled: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """BREAKDOWN plus a row per extra timing found in the store, placed before the totals."""
    extra = sorted({k for p in pooled for k in p if k.startswith("x:")})
    labels = [(f"gatherer {k[4:]}" if k.startswith("x:g_") else k[2:], k) for k in extra]
    cut = [key for _, key in BREAKDOWN].index("rules_store")
    return BREAKDOWN[:cut] + labels + BREAKDOWN[cut:]


def summarize(runs: list[dict[str, Any]]) -> dict[str, Any]:
    a = [r["audit"] for r in runs]
    fl = [r["floor"] for r in runs]
    med = {
        "audit": {k: _med([x[k] for x in a]) for k in
                  ("wall_s", "crawl_s", "s_per_page", "s_per_page_vp", "pages_per_min", "overlap", "cpu_util",
                   "peak_rss_mb")},
        "floor": {k: _med([x[k] for x in fl]) for k in
                  ("wall_s", "loop_s", "s_per_page", "s_per_page_vp", "pages_per_min", "cpu_util", "peak_rss_mb")},
    }
    med["ratio_audit_floor"] = _med([x["s_per_page"] / y["s_per_page"] for x, y in zip(a, fl)
                                     if x["s_per_page"] and y["s_per_page"]])
    pooled = [p for x in a for p in x["per_page_ms"]]
    rows = breakdown_rows(pooled)
    med["audit_rows"] = rows
    med["audit_breakdown_ms"] = {key: _med([p.get(key) for p in pooled]) for _, key in rows}
    tot = sum(p["page_total"] for p in pooled) or 1.0
    med["audit_share"] = {key: (sum(p[key] for p in pooled if p.get(key) is not None) / tot
                                if any(p.get(key) is not None for p in pooled) else None) for _, key in rows}
    fpooled = [p for y in fl for p in y["per_page_vp_ms"]]
    med["floor_breakdown_ms"] = {k: _med([p[k] for p in fpooled]) for k in
                                 ("navigation", "axe_inject", "axe_run", "total")}
    s = med["audit"]["s_per_page"]
    med["target_met"] = None if s is None else s <= TARGET_S_PER_PAGE
    return med


def table(info: dict[str, Any], runs: list[dict[str, Any]], med: dict[str, Any]) -> str:
    L: list[str] = []
    vps = ", ".join(f"{n} {NAMED_VIEWPORTS[n][0]}x{NAMED_VIEWPORTS[n][1]}" for n in DEFAULT_VIEWPORTS)
    L.append(f"auditor benchmark: {info['pages']} pages x {len(DEFAULT_VIEWPORTS)} viewports ({vps}), "
             f"{len(runs)} run(s)")
    L.append(f"  {info['browser']}, axe-core {info['axe']}, {info['cpus']} CPU(s), Python {info['python']}, "
             f"code {info.get('code', '?')}")
    L.append("")
    L.append(f"  {'run':<6}{'audit wall s':>13}{'pages/min':>11}{'s/page':>9}{'s/page/vp':>11}"
             f"{'floor wall s':>14}{'s/page':>9}{'s/page/vp':>11}{'audit/floor':>13}")
    for i, r in enumerate(runs, 1):
        a, fl = r["audit"], r["floor"]
        ratio = a["s_per_page"] / fl["s_per_page"] if a["s_per_page"] else None
        L.append(f"  {i:<6}{_f(a['wall_s'], '{:.1f}'):>13}{_f(a['pages_per_min'], '{:.1f}'):>11}"
                 f"{_f(a['s_per_page']):>9}{_f(a['s_per_page_vp']):>11}{_f(fl['wall_s'], '{:.1f}'):>14}"
                 f"{_f(fl['s_per_page']):>9}{_f(fl['s_per_page_vp']):>11}{_f(ratio, '{:.2f}'):>13}")
    ma, mf = med["audit"], med["floor"]
    L.append(f"  {'median':<6}{_f(ma['wall_s'], '{:.1f}'):>13}{_f(ma['pages_per_min'], '{:.1f}'):>11}"
             f"{_f(ma['s_per_page']):>9}{_f(ma['s_per_page_vp']):>11}{_f(mf['wall_s'], '{:.1f}'):>14}"
             f"{_f(mf['s_per_page']):>9}{_f(mf['s_per_page_vp']):>11}{_f(med['ratio_audit_floor'], '{:.2f}'):>13}")
    L.append("")
    L.append("  audit wall = the CLI process (start-up, crawl, reports); crawl only (run start to finish): "
             f"{_f(ma['crawl_s'], '{:.1f}')} s; pages overlapping in the browser: x{_f(ma['overlap'], '{:.2f}')}")
    L.append(f"  CPU utilisation of the machine ({info['cpus']} cores): audit {_f(ma['cpu_util'], '{:.0%}')}, "
             f"floor {_f(mf['cpu_util'], '{:.0%}')}; peak memory of the process tree (PSS sum): audit "
             f"{_f(ma['peak_rss_mb'], '{:.0f}')} MB, floor {_f(mf['peak_rss_mb'], '{:.0f}')} MB")
    L.append("  floor wall = browser launch + the bare loop (1 navigation + axe per page x viewport, "
             f"no screenshots); loop only: {_f(mf['loop_s'], '{:.1f}')} s")
    L.append("")
    L.append("  audit, per page (median over all pages of all runs)       ms   share of summed time")
    for label, key in med["audit_rows"]:
        ms, share = med["audit_breakdown_ms"][key], med["audit_share"][key]
        L.append(f"    {label:<50}{_f(ms, '{:.0f}' if ms is None or ms >= 10 else '{:.1f}'):>8}   "
                 f"{_f(None if share is None else share * 100, '{:5.1f} %'):>7}")
    L.append("    (medians do not add up to the total; shares are of the summed page totals; \"-\": not in the "
             "stored timings)")
    fb = med["floor_breakdown_ms"]
    L.append("  floor, per page x viewport (median)                        ms")
    for label, key in (("navigation (goto, load)", "navigation"), ("axe injection", "axe_inject"),
                       ("axe run", "axe_run"), ("total", "total")):
        L.append(f"    {label:<50}{_f(fb[key], '{:.0f}'):>8}")
    L.append("")
    L.append("  reference figures (spec)")
    L.append(f"    bare Playwright + axe loop                  {REF_FLOOR_S_PER_PAGE_VP:.2f} s per page x viewport"
             f"   (here: {_f(mf['s_per_page_vp'])})")
    L.append(f"    pa11y-ci                                    {REF_PA11Y_S_PER_PAGE:.2f} s per page, one viewport")
    verdict = "-" if med["target_met"] is None else ("met" if med["target_met"] else "NOT met")
    L.append(f"    target: 3-viewport audit per page <= {TARGET_FACTOR} x {REF_PA11Y_S_PER_PAGE:.2f} = "
             f"{TARGET_S_PER_PAGE:.2f} s   (here: {_f(ma['s_per_page'])} s: {verdict})")
    loads = [info.get("load_before")] + [r[k].get("load_after") for r in runs for k in ("audit", "floor")]
    loads = [x for x in loads if x is not None]
    if loads:
        L.append("")
        L.append(f"  1-minute load average during the bench (its own processes included): "
                 f"{min(loads):.1f} to {max(loads):.1f} on {info['cpus']} CPU(s)"
                 + ("  -- WARNING: the machine was busy with other work; the figures are inflated"
                    if max(loads) > 3 * (info["cpus"] or 1) else ""))
    return "\n".join(L)


def code_fingerprint() -> str:
    """A short hash of the measured source (the tree may have no commit): tells runs of different code apart."""
    h = hashlib.sha1()
    for pkg in ("auditor", "spiders", "rules", "reports"):
        for f in sorted((ROOT / pkg).rglob("*.py")):
            h.update(str(f.relative_to(ROOT)).encode() + b"\0" + f.read_bytes())
    return h.hexdigest()[:12]


# --- main -----------------------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=3, help="audit + floor repetitions (default 3)")
    ap.add_argument("--pages", type=int, default=200, help="pages in the generated site (default 200)")
    ap.add_argument("--json", default=str(ROOT / "build" / "bench-audit.json"), help="where to write the figures")
    ap.add_argument("--timeout", type=float, default=None,
                    help="seconds allowed per audit or floor phase (default: 15 s per page, at least 600)")
    ap.add_argument("--keep", action="store_true", help="keep the generated site and audit outputs")
    ap.add_argument("--floor-child", type=Path, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.floor_child:
        floor_child(args.floor_child)
        return 0
    if args.runs < 1 or args.pages < 1:
        ap.error("--runs and --pages must be at least 1")

    from auditor.demo import StaticSite
    from bench import sitegen

    try:
        browser = render.find_browser()
    except render.BrowserNotFound as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 2
    timeout = args.timeout or max(600.0, 15.0 * args.pages)
    work = Path(tempfile.mkdtemp(prefix="auditor-bench-"))
    info = {"pages": args.pages, "runs": args.runs, "browser": render.browser_version(browser) or browser,
            "axe": render.axe_version(), "cpus": os.cpu_count(), "python": platform.python_version(),
            "machine": platform.platform(), "started": dt.datetime.now().isoformat(timespec="seconds"),
            "code": code_fingerprint()}
    runs: list[dict[str, Any]] = []
    failed = ""
    t_all = time.perf_counter()
    try:
        site = sitegen.generate(work / "site", pages=args.pages)
        info["defects"] = site.defects
        with StaticSite(site.root) as server:
            urls = site.urls(server.url)
            info["load_before"] = os.getloadavg()[0]
            _log(f"site: {len(urls)} pages at {server.url} ({work / 'site'}); seeded defects {site.defects}")
            for i in range(1, args.runs + 1):
                n0 = len(server.request_log)
                _log(f"run {i}/{args.runs}: audit ...")
                a = run_audit(server.url, args.pages, work / f"audit-{i}", timeout)
                a["requests"] = len(server.request_log) - n0
                a["load_after"] = os.getloadavg()[0]
                if a["status"] != "finished":
                    _log(f"  warning: the audit run ended with status {a['status']!r}")
                if a["pages_html"] != len(urls):
                    _log(f"  warning: the audit recorded {a['pages_html']} HTML pages of {len(urls)} "
                         f"(other records: {a['pages_other']}; {a['errors']})")
                _log(f"run {i}/{args.runs}: audit   {a['pages_html']} pages in {a['wall_s']:.1f} s: "
                     f"{a['pages_per_min']:.1f} pages/min, {a['s_per_page']:.3f} s/page, "
                     f"{a['s_per_page_vp']:.3f} s/page/viewport; {a['failures']} failures; "
                     f"{a['requests']} server requests; load {a['load_after']:.1f}")
                n0 = len(server.request_log)
                _log(f"run {i}/{args.runs}: floor ...")
                fl = run_floor(urls, work, timeout)
                fl["requests"] = len(server.request_log) - n0
                fl["load_after"] = os.getloadavg()[0]
                _log(f"run {i}/{args.runs}: floor   {fl['navigations']} navigations in {fl['wall_s']:.1f} s: "
                     f"{fl['s_per_page']:.3f} s/page, {fl['s_per_page_vp']:.3f} s/page/viewport; "
                     f"audit/floor {a['s_per_page'] / fl['s_per_page']:.2f}; load {fl['load_after']:.1f}")
                runs.append({"audit": a, "floor": fl})
                if not args.keep:
                    shutil.rmtree(work / f"audit-{i}", ignore_errors=True)
    except BenchError as exc:
        failed = str(exc)
        print(f"bench: {failed}", file=sys.stderr)
        if not runs:
            return 1
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"bench: kept {work}", file=sys.stderr)
    info["elapsed_s"] = time.perf_counter() - t_all
    med = summarize(runs)
    print()
    print(table(info, runs, med))
    print(f"\n  total bench time {info['elapsed_s'] / 60:.1f} min", flush=True)
    if failed:
        print(f"  INCOMPLETE: {len(runs)} of {args.runs} run(s) done; then: {failed.splitlines()[0][:200]}")

    out = Path(args.json)
    out.parent.mkdir(parents=True, exist_ok=True)
    slim_runs = [{"audit": {k: v for k, v in r["audit"].items() if k != "per_page_ms"},
                  "floor": {k: v for k, v in r["floor"].items() if k != "per_page_vp_ms"}} for r in runs]
    doc = {
        "info": info,
        "reference": {"floor_s_per_page_vp": REF_FLOOR_S_PER_PAGE_VP, "pa11y_ci_s_per_page": REF_PA11Y_S_PER_PAGE,
                      "target_s_per_page": TARGET_S_PER_PAGE},
        "median": med,
        "runs": slim_runs,
        "error": failed,
    }
    out.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"  figures: {out}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
