"""Pure-logic parts of the crawl's hardening: URL canonicalisation, trap patterns, summary lines, text blocks."""
from __future__ import annotations

import time

from auditor import gate
from spiders.robots import _retry_after_seconds
from spiders.urls import canonical, trap_key


def test_session_parameters_dropped():
    base = "http://x.fi/session"
    assert {canonical(f"{base}?{k}=123") for k in ("sessid", "s", "token", "sid", "PHPSESSID")} == {base}
    assert canonical("http://x.fi/a?page=2") != canonical("http://x.fi/a?page=3")


def test_trap_patterns():
    assert trap_key("http://x.fi/cal?y=2031&m=5")[0] == trap_key("http://x.fi/cal?m=1&y=2032")[0]
    assert trap_key("http://x.fi/news/1")[0] != trap_key("http://x.fi/news/2")[0]  # real pages
    assert trap_key("http://x.fi/a/a/a/a/a/")[0] == trap_key("http://x.fi/a/a/a/a/a/a/a/")[0]
    assert trap_key("http://x.fi/news")[0] != trap_key("http://x.fi/contact")[0]


def test_retry_after_parsing():
    assert _retry_after_seconds("3") == 3.0
    assert _retry_after_seconds("") is None and _retry_after_seconds("soon") is None


def test_summary_line_without_assertions_is_counts_only():
    line = gate.summary_line([], 7, counts={"html": 3, "errors": 2, "failures": 5})
    assert "PASSED" not in line and "FAILED" not in line and "3 pages audited" in line


def test_gate_refuses_unfit_runs():
    assert gate.unfit_run({"id": 1, "status": "failed", "message": "down"}, [{"kind": "html"}])
    assert gate.unfit_run({"id": 1, "status": "interrupted", "message": ""}, [{"kind": "html"}])
    assert gate.unfit_run({"id": 1, "status": "finished", "message": ""}, [{"kind": "error"}])
    assert gate.unfit_run({"id": 1, "status": "finished", "message": ""}, [{"kind": "html"}]) == ""


def test_text_blocks_linear_in_siblings():
    from auditor.text import blocks

    def timed(n: int) -> float:
        html = "<html lang=fi><body><main><ul>" + "".join(f"<li>Kohta {i} on tässä.</li>" for i in range(n)) \
            + "</ul></main></body></html>"
        t = time.perf_counter()
        blocks.parse(html)
        return time.perf_counter() - t

    small, big = timed(1000), timed(4000)
    assert big < 6 * small + 0.5, (small, big)  # quadratic would be ~16×
