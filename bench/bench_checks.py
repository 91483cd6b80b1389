"""What issue 13's own checks cost: the audit of the benchmark site before and after them, side by side.

    python bench/bench_checks.py [--runs 3] [--pages 40] [--json build/bench-checks.json] [--keep]

The site is the one `make bench` audits (bench/sitegen.py), served on 127.0.0.1. Each run audits it three times
with the real CLI in a subprocess (`auditor audit URL --max-pages N --delay 0 --no-autothrottle --format json`,
the three default viewports), the order rotating between runs so every mode sees the same machine load:

  before    every gatherer except the new ones (checks, textstyle), no keyboard walk at phone width, --no-interact
  checks    plus the checks of items 1-6 (gatherers checks and textstyle): target at most 1.25x before
  full      plus the keyboard walk at phone width (item 8) and the interaction pass (item 7), measured apart

The CLI has no switch for gatherers: the child process wraps `auditor.render.gather` to pass `enabled=<names>`
(and turns the phone walk off by setting its width limit to 0) and then runs the CLI's own entry point. Printed:
medians over the runs of the wall time per page and of the render time per page, the ratios to `before`, and the
median cost per page of each new gatherer and of the interaction pass.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import bench_device  # noqa: E402  (the child-process audit runner is shared)

NEW = ("checks", "textstyle")
TIMED = ("checks", "textstyle", "keyboard", "interact")
MODES = ("before", "checks", "full")
TARGET_RATIO = 1.25  # issue 13: checks 1-6 add at most 25 % to the wall time per page


def _child(mode: str, cli_args: list[str]) -> None:
    """Child-process entry: run the CLI with the gatherers of one mode."""
    from auditor import render

    render._load_gatherers()
    names = set(render.PAGE_GATHERERS) | set(render.VIEWPORT_GATHERERS)
    enabled = frozenset(names - set(NEW) if mode == "before" else names)
    if mode != "full":
        from auditor.gatherers import keyboard

        keyboard.NARROW_MAX = 0  # no walk at phone width
        cli_args = [*cli_args, "--no-interact"]
    orig = render.gather

    async def gather(page, viewports, out_dir, screenshots=True, enabled_=None, **kw):
        return await orig(page, viewports, out_dir, screenshots, enabled=enabled)

    render.gather = gather
    from auditor.cli import main

    main(args=cli_args, prog_name="auditor")


def run_audit(mode: str, url: str, pages: int, out: Path, timeout: float) -> dict[str, Any]:
    return bench_device.run_audit(mode, url, pages, out, timeout, script=Path(__file__).resolve(), timed=TIMED)


_load = bench_device._load


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--child"]:
        _child(argv[1], argv[3:] if argv[2:3] == ["--"] else argv[2:])
        return 0
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=3, help="repetitions of the pair of audits (default 3)")
    ap.add_argument("--pages", type=int, default=40, help="pages in the generated site (default 40)")
    ap.add_argument("--json", default=str(ROOT / "build" / "bench-checks.json"))
    ap.add_argument("--keep", action="store_true", help="keep the site and the audit outputs")
    args = ap.parse_args(argv)

    from auditor.demo import StaticSite
    from bench import sitegen

    work = Path(tempfile.mkdtemp(prefix="auditor-bench-checks-"))
    info = sitegen.generate(work / "site", pages=args.pages)
    timeout = max(300.0, 8.0 * args.pages)
    results: dict[str, list[dict[str, Any]]] = {m: [] for m in MODES}
    loads = [_load()]
    try:
        with StaticSite(work / "site") as site:
            for i in range(args.runs):
                order = MODES[i % 3:] + MODES[:i % 3]
                for mode in order:
                    out = work / f"out-{mode}-{i}"
                    r = run_audit(mode, site.url, len(info.paths), out, timeout)
                    results[mode].append(r)
                    loads.append(_load())
                    print(f"run {i + 1} {mode:<7} {r['pages']} pages  {r['s_per_page']:.3f} s/page  "
                          f"render median {r['render_ms_median']:.0f} ms  findings {r['findings']}", flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    def med(mode: str, key: str) -> float:
        return statistics.median(r[key] for r in results[mode])

    s = {m: med(m, "s_per_page") for m in MODES}
    rm = {m: med(m, "render_ms_median") for m in MODES}
    g = {k: statistics.median(r["gatherer_ms_median"].get(k, 0.0) for r in results["full"]) for k in TIMED}
    g_before_kb = statistics.median(r["gatherer_ms_median"].get("keyboard", 0.0) for r in results["before"])
    ratio = s["checks"] / s["before"]
    summary = {
        "pages": args.pages, "runs": args.runs, "s_per_page": s, "render_ms": rm,
        "ratio_checks": ratio, "ratio_full": s["full"] / s["before"], "gatherer_ms_full": g,
        "keyboard_ms_before": g_before_kb, "target_ratio": TARGET_RATIO,
        "load": [x for x in loads if x is not None], "cpus": os.cpu_count(), "runs_detail": results,
    }
    L = ["", f"own checks (issue 13): cost per page, {args.pages}-page site, 3 viewports, median of {args.runs} runs",
         "                                 before    checks      full",
         f"  wall time per page (s)        {s['before']:8.3f}  {s['checks']:8.3f}  {s['full']:8.3f}",
         f"  render time per page (ms)     {rm['before']:8.0f}  {rm['checks']:8.0f}  {rm['full']:8.0f}",
         f"  ratio to before (wall)        {1:8.2f}  {ratio:8.2f}  {s['full'] / s['before']:8.2f}",
         "  per run (same load for all modes): checks/before "
         + ", ".join(f"{c['s_per_page'] / b['s_per_page']:.2f}" for c, b in zip(results["checks"], results["before"])),
         "  median per page in the full mode (ms): " + ", ".join(f"{k} {v:.0f}" for k, v in g.items())
         + f" (keyboard before: {g_before_kb:.0f}, desktop walk only)",
         f"  target: checks 1-6 ratio <= {TARGET_RATIO}: {'met' if ratio <= TARGET_RATIO else 'NOT met'}; "
         "the phone walk and the interaction pass are measured apart (full)"]
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
