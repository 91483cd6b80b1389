"""Progress shown on long work: a Rich progress bar on a terminal, plain log lines otherwise, nothing with -q."""
from __future__ import annotations

import sys
import time


class Progress:
    """Pages audited out of --max-pages, rate, elapsed, ETA and the page being rendered."""

    def __init__(self, enabled: bool = True, max_pages: int | None = None, stream=None, already: int = 0):
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.tty = enabled and self.stream.isatty()
        self.max_pages = max_pages
        self.state = {"found": 0, "done": 0, "recorded": already, "failures": 0, "last": "", "kind": "",
                      "current": ""}
        self._progress = None
        self._task = None
        self._live = None
        self._line = None
        self.run_id = None
        self.started = time.monotonic()

    def start(self, run_id: int) -> None:
        self.run_id = run_id
        self.started = time.monotonic()
        if not self.enabled:
            return
        if self.tty:
            from rich.console import Console, Group
            from rich.live import Live
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress as RichProgress, TextColumn,
                                       TimeElapsedColumn, TimeRemainingColumn)

            self._progress = RichProgress(
                TextColumn(f"run {run_id}", style="bold"), BarColumn(bar_width=24), MofNCompleteColumn(),
                TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn())
            self._task = self._progress.add_task("audit", total=self.max_pages, completed=0, rate="")
            from rich.text import Text

            self._line = Text("", overflow="ellipsis", no_wrap=True)
            self._live = Live(Group(self._progress, self._line), console=Console(file=self.stream),
                              refresh_per_second=4, transient=False)
            self._live.start()
        else:
            print(f"auditor: run {run_id} started", file=self.stream, flush=True)

    def _fields(self) -> dict:
        s = self.state
        minutes = max((time.monotonic() - self.started) / 60, 1e-6)
        rate = f"{s['done'] / minutes:.1f} pages/min" if s["done"] else ""
        return {"rate": rate}

    def update(self, **kw) -> None:
        self.state.update(kw)
        if not self.enabled:
            return
        if self._progress is not None:
            s = self.state
            self._progress.update(self._task, completed=s["done"], **self._fields())
            self._line.plain = (f"  found {s['found']}  recorded {s['recorded']}  failures {s['failures']}  "
                                f"{s['current'] or s['last']}")
        elif "last" in kw:
            s = self.state
            print(f"auditor: [{s['done']}/{self.max_pages} audited, {s['found']} found, {s['failures']} failures] "
                  f"{s['kind']} {s['last']}", file=self.stream, flush=True)

    def stop(self) -> None:
        if self._live is not None:
            try:
                self._live.stop()
            except Exception:
                pass
            self._live = None
            self._progress = None
