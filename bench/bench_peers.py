"""`make bench-peers`: auditor (three viewports, every rule) against pa11y-ci 4.1.1 (one viewport) on the same pages.

    python bench/bench_peers.py [--pairs 2] [--pages 150] [--json build/bench-peers.json]

pa11y-ci is installed once from the npm registry into a cache folder ($XDG_CACHE_HOME or ~/.cache,
`auditor-bench/pa11y-ci-4.1.1`) with `PUPPETEER_SKIP_DOWNLOAD=1 npm install --ignore-scripts`: no browser is
downloaded; it drives the same system Chromium as auditor through `chromeLaunchConfig.executablePath`, with
`useIncognitoBrowserContext: false` (with its default, concurrent runs lose pages), `concurrency: 2`, runners axe
and HTML_CodeSniffer (its defaults), viewport 1280×800.

The generated bench site (bench/sitegen.py) is served on 127.0.0.1. Both tools get the same list of N page URLs
(auditor: `audit URL… --depth 0 --no-sitemaps --delay 0 --no-autothrottle --format json`, the three default
viewports and every rule; pa11y-ci: the same URLs in its config). The runs alternate within a pair and the order
flips from pair to pair (A B, B A, …) so drift of the machine's load falls on both. For each run: wall time of the
whole command, CPU seconds of its process tree, CPU utilisation (CPU s / (wall × cores)) and the tree's peak RSS.
Printed: every run, the ratio auditor / pa11y-ci per pair, and the medians. Nothing but 127.0.0.1 is contacted.
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

from auditor import render  # noqa: E402
from auditor.demo import StaticSite  # noqa: E402
from bench import sitegen  # noqa: E402
from bench.procstat import measure  # noqa: E402

PA11Y_CI = "pa11y-ci@4.1.1"
TARGET_RATIO = 0.5  # issue 16: a three-viewport audit costs at most half of pa11y-ci's one-viewport wall time


class BenchError(RuntimeError):
    pass


def _log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def _env() -> dict[str, str]:
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    env["NO_PROXY"] = env["no_proxy"] = "127.0.0.1,localhost"
    return env


def cache_dir() -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "auditor-bench" / PA11Y_CI.replace("@", "-")


def install_pa11y_ci() -> Path:
    """pa11y-ci's executable, installed into the cache folder on first use (no browser download)."""
    folder = cache_dir()
    exe = folder / "node_modules" / ".bin" / "pa11y-ci"
    if exe.exists():
        return exe
    if not shutil.which("npm"):
        raise BenchError("npm is not installed (Debian: apt-get install npm); pa11y-ci comes from the npm registry")
    folder.mkdir(parents=True, exist_ok=True)
    _log(f"installing {PA11Y_CI} into {folder} (no browser download)")
    env = dict(_env(), PUPPETEER_SKIP_DOWNLOAD="1", PUPPETEER_SKIP_CHROMIUM_DOWNLOAD="1")
    p = subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--ignore-scripts", "--prefix", str(folder),
                        PA11Y_CI], env=env, capture_output=True, text=True, timeout=900)
    if p.returncode != 0 or not exe.exists():
        raise BenchError(f"npm install {PA11Y_CI} failed: {p.stderr.strip()[-1500:]}")
    return exe


def pa11y_config(urls: list[str], browser: str, path: Path) -> Path:
    cfg = {
        "defaults": {
            "concurrency": 2,
            "useIncognitoBrowserContext": False,
            "runners": ["axe", "htmlcs"],
            "timeout": 120000,
            "viewport": {"width": 1280, "height": 800},
            "chromeLaunchConfig": {"executablePath": browser, "args": render.CHROMIUM_ARGS},
        },
        "urls": urls,
    }
    path.write_text(json.dumps(cfg), encoding="utf-8")
    return path


def run_pa11y(exe: Path, cfg: Path, n: int, timeout: float) -> dict[str, Any]:
    m = measure([str(exe), "--config", str(cfg), "--json"], env=_env(), timeout=timeout,
                stdout_file=cfg.with_suffix(".out.json"))
    # Exit 2 means "accessibility issues were found", which the bench site has on purpose.
    if m.returncode not in (0, 2):
        raise BenchError(f"pa11y-ci exited {m.returncode}: {m.stderr.strip()[-1500:]}")
    # The JSON report, wherever it starts: pa11y-ci may print other lines around it.
    out = None
    for start in (i for i, ch in enumerate(m.stdout) if ch == "{" and (i == 0 or m.stdout[i - 1] == "\n")):
        try:
            out, _ = json.JSONDecoder().raw_decode(m.stdout[start:])
            break
        except json.JSONDecodeError:
            continue
    if not isinstance(out, dict):
        raise BenchError(f"pa11y-ci printed no JSON: {m.stdout[:300]} … {m.stderr[-500:]}")
    results = out.get("results") or {}
    lost = [u for u, r in results.items() if any(isinstance(x, dict) and "message" in x and "code" not in x
                                                 for x in (r or []))]
    if out.get("total") != n or lost:
        raise BenchError(f"pa11y-ci tested {out.get('total')} of {n} URLs ({len(lost)} failed to load)")
    return {**m.as_dict(), "pages": n, "issues": sum(len(r or []) for r in results.values())}


def run_auditor(urls: list[str], out: Path, timeout: float) -> dict[str, Any]:
    from auditor.store import Store

    cmd = [sys.executable, "-m", "auditor.cli", "audit", *urls, "--depth", "0", "--no-sitemaps",
           "--max-pages", str(len(urls)), "--delay", "0", "--no-autothrottle", "--quiet", "--out", str(out),
           "--format", "json", "--no-config"]
    m = measure(cmd, cwd=ROOT, env=_env(), timeout=timeout)
    if m.returncode not in (0, 1):
        raise BenchError(f"auditor exited {m.returncode}: {m.stderr.strip()[-1500:]}")
    st = Store(f"sqlite:///{out / 'auditor.db'}")
    try:
        run = st.list_runs()[-1]
        html = sum(1 for p in st.pages(run["id"]) if p["kind"] == "html")
        failures = st.counts(run["id"])["failures"]
    finally:
        st.engine.dispose()
    if html != len(urls):
        raise BenchError(f"auditor audited {html} of {len(urls)} pages (run {run['status']}: {run['message']})")
    return {**m.as_dict(), "pages": html, "failures": failures}


def _med(xs: list[float]) -> float:
    return statistics.median(xs)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pairs", type=int, default=2)
    ap.add_argument("--pages", type=int, default=150)
    ap.add_argument("--timeout", type=float, default=1800)
    ap.add_argument("--json", default=str(ROOT / "build" / "bench-peers.json"))
    a = ap.parse_args(argv)
    try:
        exe = install_pa11y_ci()
        browser = render.find_browser()
    except (BenchError, render.BrowserNotFound) as exc:
        print(f"bench-peers: {exc}", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="auditor-bench-peers-"))
    info = sitegen.generate(work / "site", pages=max(a.pages, 1))
    runs: list[dict[str, Any]] = []
    try:
        with StaticSite(info.root) as site:
            urls = info.urls(site.url)[: a.pages]
            cfg = pa11y_config(urls, browser, work / "pa11y-ci.json")
            _log(f"{len(urls)} pages on {site.url}; {a.pairs} pairs; load average {os.getloadavg()[0]:.2f}")
            for i in range(a.pairs):
                order = ("auditor", "pa11y-ci") if i % 2 == 0 else ("pa11y-ci", "auditor")
                for tool in order:
                    load = os.getloadavg()[0]
                    if tool == "auditor":
                        r = run_auditor(urls, work / f"out-{i}", a.timeout)
                    else:
                        r = run_pa11y(exe, cfg, len(urls), a.timeout)
                    r.update(tool=tool, pair=i, load_before=load)
                    runs.append(r)
                    _log(f"pair {i + 1} {tool:8s} wall {r['wall_s']:7.1f} s  {r['wall_s'] / len(urls):.3f} s/page  "
                         f"CPU {100 * r['cpu_util']:5.1f} %  peak RSS {r['peak_rss_mb']:7.0f} MB  load {load:.2f}")
    except BenchError as exc:
        print(f"bench-peers: {exc}", file=sys.stderr)
        if not runs:
            return 2
    finally:
        shutil.rmtree(work, ignore_errors=True)
    by = {t: [r for r in runs if r["tool"] == t] for t in ("auditor", "pa11y-ci")}
    ratios = []
    for i in range(a.pairs):
        pa = [r for r in runs if r["pair"] == i]
        if len(pa) == 2:
            au = next(r for r in pa if r["tool"] == "auditor")
            p1 = next(r for r in pa if r["tool"] == "pa11y-ci")
            ratios.append(au["wall_s"] / p1["wall_s"])
    print()
    print(f"{'':24s}{'auditor (3 viewports)':>24s}{'pa11y-ci (1 viewport)':>24s}")
    for label, key, fmt in (("wall s (median)", "wall_s", "{:.1f}"), ("CPU utilisation", "cpu_util", "{:.0%}"),
                            ("peak RSS MB", "peak_rss_mb", "{:.0f}")):
        cells = [fmt.format(_med([r[key] for r in by[t]])) if by[t] else "-" for t in ("auditor", "pa11y-ci")]
        print(f"{label:24s}{cells[0]:>24s}{cells[1]:>24s}")
    if ratios:
        print(f"ratio auditor / pa11y-ci per pair: {', '.join(f'{x:.2f}' for x in ratios)}; "
              f"median {_med(ratios):.2f} (target ≤ {TARGET_RATIO})")
    Path(a.json).parent.mkdir(parents=True, exist_ok=True)
    for r in runs:
        r.pop("rss_samples", None)
    Path(a.json).write_text(json.dumps({"runs": runs, "ratios": ratios, "pages": a.pages,
                                        "cores": os.cpu_count()}, indent=1), encoding="utf-8")
    return 0 if len(ratios) == a.pairs else 1


if __name__ == "__main__":
    sys.exit(main())
