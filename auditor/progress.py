"""Progress shown on long work: a live line on a terminal, plain log lines otherwise."""
from __future__ import annotations

import sys
import time


class Progress:
    def __init__(self, enabled: bool = True, max_pages: int | None = None, stream=None):
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.tty = enabled and self.stream.isatty()
        self.max_pages = max_pages
        self.state = {"found": 0, "done": 0, "recorded": 0, "failures": 0, "last": "", "kind": ""}
        self._live = None
        self._last_line = 0.0
        self.run_id = None

    def start(self, run_id: int) -> None:
        self.run_id = run_id
        if not self.enabled:
            return
        if self.tty:
            from rich.console import Console
            from rich.live import Live

            self._live = Live(self._render(), console=Console(file=self.stream), refresh_per_second=4,
                              transient=False)
            self._live.start()
        else:
            print(f"auditor: run {run_id} started", file=self.stream, flush=True)

    def _render(self):
        from rich.text import Text

        s = self.state
        t = Text()
        t.append(f"run {self.run_id}  ", style="bold")
        t.append(f"pages audited {s['done']}")
        if self.max_pages:
            t.append(f"/{self.max_pages} max")
        t.append(f"  found {s['found']}  recorded {s['recorded']}  failures {s['failures']}\n")
        last = s["last"]
        t.append(f"  {last[:100]}", style="dim")
        return t

    def update(self, **kw) -> None:
        self.state.update(kw)
        if not self.enabled:
            return
        if self._live is not None:
            self._live.update(self._render())
        elif "last" in kw:
            s = self.state
            print(f"auditor: [{s['done']} audited, {s['found']} found, {s['failures']} failures] "
                  f"{s['kind']} {s['last']}", file=self.stream, flush=True)

    def stop(self) -> None:
        if self._live is not None:
            self._live.stop()
            self._live = None
