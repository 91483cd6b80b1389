"""`auditor fleet status`: each site's latest job (queued / running with progress / done / failed) and the queue's ETA."""
from __future__ import annotations

import datetime as dt
import statistics
from typing import Any

# A running job whose heartbeat is older than this is shown as "stalled" (its worker is probably gone; the task
# is redelivered after the broker's visibility timeout).
STALLED_S = 180


def rows(st) -> list[dict[str, Any]]:
    sites = {s["id"]: s for s in st.fleet_sites()}
    latest: dict[int, dict[str, Any]] = {}
    for j in st.fleet_jobs():
        latest[j["site_id"]] = j  # ordered by id: the last one wins
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    out = []
    for sid, s in sites.items():
        j = latest.get(sid)
        r: dict[str, Any] = {"site_id": sid, "url": s["url"], "organisation": s["organisation"] or "",
                             "status": "idle" if j is None else j["status"], "job": j and j["id"],
                             "slot": j and j["slot"], "run": j and j["run_id"], "pages": None,
                             "target": s["sample"] or s["max_pages"], "message": (j or {}).get("message") or "",
                             "worker": (j or {}).get("worker") or "", "attempts": (j or {}).get("attempts") or 0}
        if j is not None and j["run_id"] is not None:
            r["pages"] = st.page_count(j["run_id"], "html")
        if j is not None and j["status"] == "running" and j["heartbeat_at"] is not None:
            if (now - j["heartbeat_at"]).total_seconds() > STALLED_S:
                r["status"] = "stalled"
        out.append(r)
    return out


def eta(st, rows_: list[dict[str, Any]]) -> dict[str, Any]:
    """Seconds until the queue is empty: the median duration of the last finished jobs times the jobs left,
    divided by the workers seen running (at least one). None until one job has finished."""
    jobs = st.fleet_jobs(("done", "failed"))
    durs = [(j["finished_at"] - j["started_at"]).total_seconds() for j in jobs[-50:]
            if j["finished_at"] is not None and j["started_at"] is not None]
    queued = sum(1 for r in rows_ if r["status"] == "queued")
    running = [r for r in rows_ if r["status"] == "running"]
    workers = max(1, len({r["worker"] for r in running if r["worker"]}))
    if not durs:
        return {"queued": queued, "running": len(running), "workers": workers, "eta_s": None}
    per = statistics.median(durs)
    left = queued * per
    for r in running:  # a running site counts by the share of its pages still to do
        if r["pages"] is not None and r["target"]:
            left += per * max(0.0, 1 - r["pages"] / r["target"])
        else:
            left += per / 2
    return {"queued": queued, "running": len(running), "workers": workers, "eta_s": round(left / workers),
            "median_site_s": round(per, 1)}
