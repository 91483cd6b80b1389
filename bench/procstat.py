"""Wall time, CPU time and peak memory of a command's whole process tree, for the benchmarks.

`measure(cmd)` starts the command in its own process group, samples the RSS of every process of the tree (the
command and all its descendants: Chromium's renderers, the Playwright driver, Node) from /proc every `interval`
seconds, and reads the CPU seconds the tree used from `resource.getrusage(RUSAGE_CHILDREN)` (every descendant
that its parent waited for is counted there; Chromium and Node wait for theirs). CPU utilisation is CPU seconds /
(wall seconds × cores): 1.0 means every core was busy for the whole run.

Linux only (/proc). The sampler is coarse: a peak shorter than `interval` can be missed, so peaks are a lower
bound.
"""
from __future__ import annotations

import os
import resource
import signal
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass(frozen=True)
class Measured:
    returncode: int
    wall_s: float
    cpu_s: float
    cpu_util: float  # cpu_s / (wall_s × cores)
    peak_rss_mb: float  # whole tree (sum of PSS), sampled
    rss_samples: tuple[tuple[float, float], ...]  # (seconds since start, MB)
    stdout: str
    stderr: str

    def as_dict(self) -> dict[str, Any]:
        d = self.__dict__.copy()
        d.pop("stdout")
        d.pop("stderr")
        d["rss_samples"] = list(self.rss_samples)
        return d


def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            stat = (d / "stat").read_text()
        except OSError:
            continue
        # pid (comm) state ppid ...: comm may contain spaces and parentheses, so split after the last ")".
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        kids.setdefault(ppid, []).append(int(d.name))
    return kids


def _pss_bytes(pid: int) -> int:
    """Proportional set size: each shared page divided among the processes that map it. Summing plain RSS over
    Chromium's processes counts its shared code and memory once per process (measured here: 2.8 GB RSS sum vs
    about a third of that in PSS for one audit), so "memory of all processes together" is the PSS sum."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
    except (OSError, IndexError, ValueError):
        return 0


def tree_rss_mb(root: int) -> float:
    """Memory of `root` and all its descendants together, in MB (the sum of their PSS)."""
    kids = _children()
    todo, total = [root], 0
    while todo:
        pid = todo.pop()
        total += _pss_bytes(pid)
        todo.extend(kids.get(pid, ()))
    return total / 1e6


def measure(cmd: list[str], *, cwd: str | Path | None = None, env: dict[str, str] | None = None,
            timeout: float = 3600, interval: float = 0.25, stdout_file: Path | None = None) -> Measured:
    """Run `cmd` and measure it. `stdout_file`: write its standard output to that file instead of a pipe (Node
    programs that end with process.exit() cut a large piped output short; a file is written synchronously)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    out_f = open(stdout_file, "w", encoding="utf-8") if stdout_file else None
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out_f or subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)
    samples: list[tuple[float, float]] = []
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            samples.append((time.perf_counter() - t0, tree_rss_mb(proc.pid)))
            stop.wait(interval)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        err += f"\n[bench: killed after {timeout:.0f} s]"
    finally:
        stop.set()
        th.join()
        if out_f is not None:
            out_f.close()
            out = Path(stdout_file).read_text(encoding="utf-8", errors="replace")
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    cores = os.cpu_count() or 1
    return Measured(returncode=proc.returncode, wall_s=wall, cpu_s=cpu, cpu_util=cpu / (wall * cores),
                    peak_rss_mb=max((m for _, m in samples), default=0.0), rss_samples=tuple(samples),
                    stdout=out, stderr=err)
