"""Schedules of the site list and the scheduler loop (`auditor scheduler`).

A schedule is "" (on demand only), an interval "every 30s|10m|6h|30d", a five-field cron expression (UTC) or one of
@hourly @daily @weekly @monthly. Each due time is a *slot*; the scheduler creates one job per (site, slot) — a job
row unique in the store — so two schedulers, or one restarted, never audit a slot twice.
"""
from __future__ import annotations

import datetime as dt
import logging
import re
import time

log = logging.getLogger("auditor.fleet")

ALIASES = {"@hourly": "0 * * * *", "@daily": "0 3 * * *", "@weekly": "0 3 * * 1", "@monthly": "0 3 1 * *"}
_EVERY = re.compile(r"^every\s+(\d+)\s*([smhd])$")
_UNIT = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_schedule(spec: str):
    """None (no schedule), an interval in seconds (int), or a celery crontab. Raises ValueError."""
    spec = (spec or "").strip()
    if not spec:
        return None
    m = _EVERY.match(spec)
    if m:
        n = int(m.group(1)) * _UNIT[m.group(2)]
        if n < 1:
            raise ValueError(f"schedule {spec!r}: the interval must be positive")
        return n
    cron = ALIASES.get(spec, spec)
    fields = cron.split()
    if len(fields) != 5:
        raise ValueError(f"schedule {spec!r}: use 'every 30d', a five-field cron expression or @daily/@monthly")
    from celery.schedules import crontab

    try:
        c = crontab(minute=fields[0], hour=fields[1], day_of_month=fields[2], month_of_year=fields[3],
                    day_of_week=fields[4])
    except Exception as exc:
        raise ValueError(f"schedule {spec!r}: {exc}") from None
    return c


def current_slot(spec: str, now: dt.datetime) -> str | None:
    """The latest due time at or before `now` (UTC, naive) as the slot key, or None for no schedule."""
    s = parse_schedule(spec)
    if s is None:
        return None
    if isinstance(s, int):
        epoch = int(now.replace(tzinfo=dt.timezone.utc).timestamp())
        t = dt.datetime.fromtimestamp(epoch - epoch % s, dt.timezone.utc)
        return t.strftime("%Y-%m-%dT%H:%M:%SZ")
    # cron: walk back, a day or an hour at a time where the day or hour cannot match (≤ 62 days + 24 h + 60 min).
    t = now.replace(second=0, microsecond=0)
    for _ in range(62 + 24 + 60 + 24 * 62):
        if not (t.month in s.month_of_year and t.day in s.day_of_month and (t.isoweekday() % 7) in s.day_of_week):
            t = t.replace(hour=23, minute=59) - dt.timedelta(days=1)
        elif t.hour not in s.hour:
            t = t.replace(minute=59) - dt.timedelta(hours=1)
        elif t.minute not in s.minute:
            t -= dt.timedelta(minutes=1)
        else:
            return t.strftime("%Y-%m-%dT%H:%MZ")
    return None


def tick(st, now: dt.datetime | None = None) -> list[int]:
    """Create and publish the job of every scheduled site whose current slot has none yet; returns new job ids."""
    from auditor.fleet import tasks

    now = now or dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    created = []
    for site in st.fleet_sites():
        try:
            slot = current_slot(site.get("schedule") or "", now)
        except ValueError:
            continue  # checked when added; a hand-edited row is skipped, not fatal
        if slot is None:
            continue
        # The first slot after a site is added is its first run; earlier slots are not replayed.
        created += tasks.enqueue(st, [site["id"]], slot)
    return created


def run_forever(st, interval: float = 30.0, once: bool = False) -> None:
    while True:
        try:
            for jid in tick(st):
                log.info("scheduled job %s", jid)
        except Exception as exc:
            log.warning("auditor: scheduler tick failed (%s); next in %.0f s", exc, interval)
        if once:
            return
        time.sleep(interval)
