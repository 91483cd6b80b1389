"""Peak memory of a process tree, sampled from /proc (the CLI, its browser and every renderer).

Proportional set size (Pss, /proc/PID/smaps_rollup) is summed: plain RSS counts Chromium's shared libraries once per
process and overstates a tree of a dozen Chromium processes by several hundred MB."""
from __future__ import annotations

import os
import threading
import time


def tree_rss_bytes(root_pid: int) -> int:
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            parents[int(d)] = int(fields[1])
            rss[int(d)] = int(fields[21]) * page
        except (OSError, IndexError, ValueError):
            continue
    total, todo = 0, [root_pid]
    while todo:
        pid = todo.pop()
        total += _pss(pid, rss.get(pid, 0))
        todo.extend(c for c, p in parents.items() if p == pid)
    return total


def _pss(pid: int, fallback: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return fallback


class PeakTreeRSS:
    """with PeakTreeRSS(pid) as m: ...; m.peak (bytes), sampled every `every` seconds."""

    def __init__(self, pid: int, every: float = 0.25):
        self.pid, self.every, self.peak = pid, every, 0
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self._stop.is_set():
            self.peak = max(self.peak, tree_rss_bytes(self.pid))
            self._stop.wait(self.every)

    def __enter__(self):
        self._t.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._t.join(timeout=5)
