"""What the device gatherers cost: the audit of the benchmark site with and without them, side by side.

    python bench/bench_device.py [--runs 3] [--pages 40] [--json build/bench-device.json] [--keep]

The site is the one `make bench` audits (bench/sitegen.py), served on 127.0.0.1. Each run audits it twice with the
real CLI in a subprocess (`auditor audit URL --max-pages N --delay 0 --no-autothrottle --format json`, the three
default viewports), in alternating order so both modes see the same machine load:

  without  the foundation audit: every gatherer except the device ones (device, layout, textfit, keyboard)
  with     the full audit, device gatherers included

The CLI has no switch for gatherers: the child process wraps `auditor.render.gather` to pass
`enabled=<names>` and then runs the CLI's own entry point. Printed: medians over the runs of the wall time per
page and of the render time per page (the crawl's parse_page: axe, screenshots, gatherers), the ratio with/without
(target: at most 1.5), and the median cost of each device gatherer per page.
"""
from __future__ import annotations

import argparse
import json
import os
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

DEVICE = ("device", "layout", "textfit", "keyboard")
TARGET_RATIO = 1.5  # the budget: device rules add at most 50 % to the time per page


def _child(mode: str, cli_args: list[str]) -> None:
    """Child-process entry: run the CLI with or without the device gatherers."""
    from auditor import render

    render._load_gatherers()
    names = set(render.PAGE_GATHERERS) | set(render.VIEWPORT_GATHERERS)
    enabled = frozenset(names if mode == "with" else names - set(DEVICE))
    orig = render.gather

    async def gather(page, viewports, out_dir, screenshots=True, enabled_=None, **kw):
        return await orig(page, viewports, out_dir, screenshots, enabled=enabled)

    render.gather = gather
    from auditor.cli import main

    main(args=cli_args, prog_name="auditor")


def _env() -> dict[str, str]:
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    env["NO_PROXY"] = env["no_proxy"] = "127.0.0.1,localhost"
    return env


def run_audit(mode: str, url: str, pages: int, out: Path, timeout: float, *, script: Path | None = None,
              timed: tuple[str, ...] = DEVICE) -> dict[str, Any]:
    """One audit in a child process (`script --child MODE -- audit …`; bench_checks.py reuses this with its own
    script and gatherers): wall time, per-page render medians and the median time of each gatherer in `timed`."""
    from auditor.store import Store

    cli = ["audit", url, "--max-pages", str(pages), "--delay", "0", "--no-autothrottle", "--quiet",
           "--out", str(out), "--format", "json"]
    cmd = [sys.executable, str(script or Path(__file__).resolve()), "--child", mode, "--", *cli]
    t0 = time.perf_counter()
    p = subprocess.run(cmd, cwd=ROOT, env=_env(), capture_output=True, text=True, timeout=timeout)
    wall = time.perf_counter() - t0
    if p.returncode not in (0, 1):  # 1: a gate failed (the site has seeded defects); 2: tool error
        raise RuntimeError(f"{mode}: audit exited {p.returncode}: {p.stderr.strip()[-2000:]}")
    st = Store(f"sqlite:///{out / 'auditor.db'}")
    try:
        run = st.list_runs()[-1]
        rows = [r for r in st.pages(run["id"]) if r["kind"] == "html"]
        findings = st.findings(run["id"])
    finally:
        st.engine.dispose()
    totals = [1000 * float((r["timings"] or {}).get("total") or 0.0) for r in rows]
    gathers: dict[str, list[float]] = {}
    for r in rows:
        for k, v in (r["timings"] or {}).items():
            if k.startswith("g_") and k[2:] in timed:
                gathers.setdefault(k[2:], []).append(1000 * float(v))
    return {
        "mode": mode, "pages": len(rows), "wall_s": wall, "s_per_page": wall / len(rows) if rows else None,
        "render_ms_median": statistics.median(totals) if totals else None,
        "gatherer_ms_median": {k: statistics.median(v) for k, v in gathers.items()},
        "findings": len(findings),
        "di_findings": sum(1 for f in findings if f["rule"].startswith("DI-")),
    }


def _load() -> float | None:
    try:
        return os.getloadavg()[0]
    except OSError:
        return None


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--child"]:
        _child(argv[1], argv[3:] if argv[2:3] == ["--"] else argv[2:])
        return 0
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=3, help="repetitions of the pair of audits (default 3)")
    ap.add_argument("--pages", type=int, default=40, help="pages in the generated site (default 40)")
    ap.add_argument("--json", default=str(ROOT / "build" / "bench-device.json"))
    ap.add_argument("--keep", action="store_true", help="keep the site and the audit outputs")
    args = ap.parse_args(argv)

    from auditor.demo import StaticSite
    from bench import sitegen

    work = Path(tempfile.mkdtemp(prefix="auditor-bench-device-"))
    info = sitegen.generate(work / "site", pages=args.pages)
    timeout = max(300.0, 8.0 * args.pages)
    results: dict[str, list[dict[str, Any]]] = {"without": [], "with": []}
    loads = [_load()]
    try:
        with StaticSite(work / "site") as site:
            for i in range(args.runs):
                order = ("without", "with") if i % 2 == 0 else ("with", "without")
                for mode in order:
                    out = work / f"out-{mode}-{i}"
                    r = run_audit(mode, site.url, len(info.paths), out, timeout)
                    results[mode].append(r)
                    loads.append(_load())
                    print(f"run {i + 1} {mode:<8} {r['pages']} pages  {r['s_per_page']:.3f} s/page  "
                          f"render median {r['render_ms_median']:.0f} ms  DI findings {r['di_findings']}",
                          flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    def med(mode: str, key: str) -> float:
        return statistics.median(r[key] for r in results[mode])

    wo_s, w_s = med("without", "s_per_page"), med("with", "s_per_page")
    wo_r, w_r = med("without", "render_ms_median"), med("with", "render_ms_median")
    g = {k: statistics.median(r["gatherer_ms_median"].get(k, 0.0) for r in results["with"]) for k in DEVICE}
    summary = {
        "pages": args.pages, "runs": args.runs,
        "without": {"s_per_page": wo_s, "render_ms": wo_r}, "with": {"s_per_page": w_s, "render_ms": w_r},
        "ratio_wall": w_s / wo_s, "ratio_render": w_r / wo_r, "gatherer_ms": g, "target_ratio": TARGET_RATIO,
        "load": [x for x in loads if x is not None], "cpus": os.cpu_count(), "runs_detail": results,
    }
    L = ["", f"device gatherers: cost per page, {args.pages}-page site, 3 viewports, median of {args.runs} runs",
         "                                 without      with     ratio",
         f"  wall time per page (s)        {wo_s:8.3f}  {w_s:8.3f}  {w_s / wo_s:8.2f}",
         f"  render time per page (ms)     {wo_r:8.0f}  {w_r:8.0f}  {w_r / wo_r:8.2f}",
         "  per run (same load for both modes): wall ratio "
         + ", ".join(f"{w['s_per_page'] / o['s_per_page']:.2f}" for w, o in zip(results["with"], results["without"]))
         + "; render ratio "
         + ", ".join(f"{w['render_ms_median'] / o['render_ms_median']:.2f}"
                     for w, o in zip(results["with"], results["without"])),
         "  device gatherers, median per page (ms): "
         + ", ".join(f"{k} {v:.0f}" for k, v in g.items()),
         f"  target: ratio <= {TARGET_RATIO}: {'met' if w_s / wo_s <= TARGET_RATIO else 'NOT met'} (wall time per "
         f"page, as make bench counts it; render time is per-page latency with 4 pages in parallel)"]
    ld = summary["load"]
    if ld:
        L.append(f"  1-minute load average during the bench: {min(ld):.1f} to {max(ld):.1f} on {os.cpu_count()} CPU(s)")
    print("\n".join(L))
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps(summary, indent=2, default=str), encoding="utf-8")
    print(f"  figures: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
