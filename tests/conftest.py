"""Shared test helpers: fixture sites on 127.0.0.1 (ephemeral ports) and running the real CLI."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from auditor.demo import StaticSite
from auditor.store import Store

ROOT = Path(__file__).resolve().parent.parent


def page(title: str, body: str, lang: str = "fi", head: str = "") -> str:
    """A small valid page with landmarks, so that only the defects a test seeds show up."""
    return (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{title}</title>{head}</head><body><main><h1>{title}</h1>{body}</main></body></html>")


def write_site(root: Path, files: dict[str, str | bytes]) -> Path:
    for rel, content in files.items():
        p = root / rel.lstrip("/")
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            p.write_bytes(content)
        else:
            p.write_text(content, encoding="utf-8")
    return root


@pytest.fixture
def site_factory(tmp_path):
    """site_factory(files) -> running StaticSite (stopped after the test)."""
    started = []

    def make(files: dict[str, str | bytes], name: str = "site") -> StaticSite:
        root = write_site(tmp_path / name, files)
        s = StaticSite(root).__enter__()
        started.append(s)
        return s

    yield make
    for s in started:
        s.__exit__(None, None, None)


def run_cli(*args: str, out: Path, timeout: float = 300, check: bool = False, cwd: Path | None = None,
            env: dict | None = None, **kw) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "auditor.cli", *args]
    if args and args[0] in ("audit", "demo", "accept"):
        cmd += ["--out", str(out), "--quiet"]
        if "--delay" not in args:
            cmd += ["--delay", "0", "--no-autothrottle"]
    elif args and args[0] in ("report", "history", "runs", "diff", "baseline", "rerun", "gate"):
        cmd += ["--out", str(out)]
    env = dict(os.environ, PYTHONUNBUFFERED="1", PYTHONPATH=str(ROOT), **(env or {}))
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=cwd or ROOT, env=env, **kw)
    if check and p.returncode != 0:
        raise AssertionError(f"exit {p.returncode}\nstdout:\n{p.stdout}\nstderr:\n{p.stderr}")
    return p


def store_of(out: Path) -> Store:
    return Store(f"sqlite:///{out / 'auditor.db'}")


def last_run(out: Path) -> tuple[Store, int]:
    st = store_of(out)
    return st, st.list_runs()[-1]["id"]
