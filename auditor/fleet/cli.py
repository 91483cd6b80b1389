"""The fleet's commands: `auditor fleet add|list|remove|run|status|report`, `auditor worker`, `auditor scheduler`."""
from __future__ import annotations

import datetime as dt
import json
import logging
import os
import sys
from pathlib import Path

import click

from auditor.fleet.settings import FleetError, FleetSettings, resolve


def _fail(msg: str) -> None:
    click.echo(f"auditor: error: {msg}", err=True)
    sys.exit(2)


def conn_options(f):
    for opt in reversed([
        click.option("--db", default=None, help="Shared store: postgresql+psycopg://user@host/db "
                     "(or AUDITOR_DB, or [fleet] db in the config file)."),
        click.option("--broker", default=None, help="Redis broker URL (or AUDITOR_BROKER; default "
                     "redis://127.0.0.1:6379/0)."),
        click.option("--artifacts", default=None, help="Shared folder for reports and artifacts (or "
                     "AUDITOR_ARTIFACTS; default ./auditor-fleet)."),
    ]):
        f = opt(f)
    return f


def _settings(db, broker, artifacts) -> FleetSettings:
    try:
        s = resolve(broker, db, artifacts)
    except FleetError as exc:
        _fail(str(exc))
    os.environ.update(s.env())  # read by the Celery app, the tasks and the audit children
    from auditor.fleet.app import configure

    configure()
    return s


def _store(s: FleetSettings, retry_s: float | None = 20.0):
    """The shared store; an interactive command waits 20 s for an unreachable database, a worker or the scheduler
    the full AUDITOR_DB_RETRY_S (retry_s=None)."""
    from auditor.store import Store

    try:
        return Store(s.db, retry_s=retry_s)
    except Exception as exc:
        _fail(f"cannot open database {s.db}: {str(exc).splitlines()[0]}")


@click.group(name="fleet")
def fleet_group() -> None:
    """Many sites: the site list, enqueueing, status and the portfolio report (see docs/fleet.md)."""


@fleet_group.command("add")
@click.argument("urls", nargs=-1)
@click.option("--file", "file_", default=None, help="sites.toml ([[site]] tables) or a CSV with a url column.")
@click.option("--org", "organisation", default="", help="Organisation the site belongs to.")
@click.option("--max-pages", type=int, default=100, show_default=True)
@click.option("--sample", type=int, default=0, help="Audit a sample of N pages (0: crawl up to --max-pages).")
@click.option("--viewports", default="mobile,desktop", show_default=True)
@click.option("--schedule", default="", help="'every 30d', cron '0 3 1 * *', @daily, @monthly (UTC).")
@click.option("--login", default="", help="Config file with [auth]/[login] for a logged-in service.")
@click.option("--tag", "tags", multiple=True, help="Tag (repeatable).")
@click.option("--delay", type=float, default=None, help="Seconds between requests to the host.")
@click.option("--rules", default="", help="Comma list of rule code prefixes (default: all).")
@click.option("--no-screenshots", is_flag=True)
@conn_options
def add(urls, file_, organisation, max_pages, sample, viewports, schedule, login, tags, delay, rules,
        no_screenshots, db, broker, artifacts):
    """Add sites (URLS or --file) to the list, or update them."""
    from auditor.fleet import sites as sites_mod

    if not urls and not file_:
        _fail("give site URLs or --file sites.toml")
    entries = []
    try:
        if file_:
            entries += sites_mod.load(Path(file_))
        for u in urls:
            e = {"url": u, "organisation": organisation, "max_pages": max_pages, "sample": sample,
                 "viewports": viewports, "schedule": schedule, "login": login, "tags": list(tags),
                 "delay": delay, "rules": rules}
            if no_screenshots:
                e["screenshots"] = False
            entries.append(sites_mod.normalise(e))
    except FleetError as exc:
        _fail(str(exc))
    st = _store(_settings(db, broker, artifacts))
    for e in entries:
        url = e.pop("url")
        click.echo(f"{st.fleet_upsert_site(url, **e)}\t{url}")
    click.echo(f"auditor: {len(entries)} site(s) in the list", err=True)


@fleet_group.command("list")
@click.option("--json", "as_json", is_flag=True)
@conn_options
def list_(as_json, db, broker, artifacts):
    """The site list."""
    st = _store(_settings(db, broker, artifacts))
    rows = st.fleet_sites()
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1, default=str))
        return
    for r in rows:
        how = f"sample {r['sample']}" if r["sample"] else f"max {r['max_pages']}"
        click.echo(f"{r['id']:>4}  {r['url']:<50} {r['organisation'] or '-':<24} {how:<11} "
                   f"{r['schedule'] or 'on demand':<12} {','.join(r['tags'] or [])}")


@fleet_group.command("remove")
@click.argument("sites", nargs=-1, required=True)
@conn_options
def remove(sites, db, broker, artifacts):
    """Remove sites (URL or id) from the list; their runs stay in the store."""
    st = _store(_settings(db, broker, artifacts))
    n = sum(st.fleet_remove_site(s) for s in sites)
    if not n:
        _fail("no such site in the list")
    click.echo(f"auditor: {n} site(s) removed", err=True)


@fleet_group.command("run")
@click.option("--tag", "tags", multiple=True, help="Only sites with this tag (repeatable: any of them).")
@click.option("--site", "only", multiple=True, help="Only this site (URL or id; repeatable).")
@conn_options
def run(tags, only, db, broker, artifacts):
    """Enqueue an audit of the sites now."""
    from auditor.fleet import tasks

    st = _store(_settings(db, broker, artifacts))
    chosen = [s for s in st.fleet_sites()
              if (not tags or set(tags) & set(s["tags"] or []))
              and (not only or s["url"] in only or str(s["id"]) in only)]
    if not chosen:
        _fail("no site matches" if (tags or only) else "the site list is empty: auditor fleet add URL")
    slot = "now-" + dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S.%fZ")
    jobs = tasks.enqueue(st, [s["id"] for s in chosen], slot)
    click.echo(f"auditor: {len(jobs)} site(s) queued", err=True)
    for j in jobs:
        click.echo(j)


def _dur(s) -> str:
    if s is None:
        return "unknown"
    s = int(s)
    return f"{s // 3600}h{s % 3600 // 60:02d}m" if s >= 3600 else f"{s // 60}m{s % 60:02d}s"


@fleet_group.command("status")
@click.option("--json", "as_json", is_flag=True)
@conn_options
def status(as_json, db, broker, artifacts):
    """Each site's latest job: queued / running (pages done) / done / failed, and the ETA of the queue."""
    from auditor.fleet import status as status_mod

    st = _store(_settings(db, broker, artifacts))
    rows = status_mod.rows(st)
    eta = status_mod.eta(st, rows)
    if as_json:
        click.echo(json.dumps({"sites": rows, "queue": eta}, ensure_ascii=False, indent=1, default=str))
        return
    for r in rows:
        prog = f"{r['pages'] or 0}/{r['target']} pages" if r["status"] in ("running", "stalled") else ""
        click.echo(f"{r['site_id']:>4}  {r['status']:<8} {prog:<14} {r['url']:<45} {r['message'][:80]}")
    click.echo(f"queue: {eta['queued']} queued, {eta['running']} running on {eta['workers']} worker(s); "
               f"ETA {_dur(eta['eta_s'])}")


@fleet_group.command("report")
@click.option("--out", default=None, help="Folder of the portfolio (default ARTIFACTS/portfolio).")
@click.option("--lang", type=click.Choice(["en", "fi", "sv"]), default="en", show_default=True)
@conn_options
def report(out, lang, db, broker, artifacts):
    """The portfolio: every site in one table, worst first by organisation (HTML, CSV, JSON)."""
    from reports import portfolio

    s = _settings(db, broker, artifacts)
    st = _store(s)
    folder = Path(out) if out else Path(s.artifacts) / "portfolio"
    try:
        paths = portfolio.write(st, folder, Path(s.artifacts), lang)
    except OSError as exc:
        _fail(f"cannot write the portfolio: {exc}")
    for k, p in paths.items():
        click.echo(f"{k}: {p}")


@click.command(name="worker")
@click.option("-c", "--concurrency", type=int, default=1, show_default=True,
              help="Sites audited at once on this machine (each one browser).")
@click.option("-n", "--name", default=None, help="Worker name (default auditor@HOST).")
@click.option("--loglevel", default="INFO", show_default=True)
@conn_options
def worker(concurrency, name, loglevel, db, broker, artifacts):
    """A Celery worker of the fleet: takes sites from the queue and audits them."""
    s = _settings(db, broker, artifacts)
    _store(s, None)  # creates or upgrades the schema once; waits for a database that is starting
    Path(s.artifacts).mkdir(parents=True, exist_ok=True)
    logging.basicConfig(level=getattr(logging, loglevel.upper(), logging.INFO),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    from celery import signals

    from auditor.fleet import tasks
    from auditor.fleet.app import QUEUE, app

    @signals.worker_ready.connect
    def _ready(**_):  # after the pool has forked: the recovery thread lives in the main process only
        tasks.start_recovery_thread()

    argv = ["worker", "-c", str(max(1, concurrency)), "-Q", QUEUE, "--loglevel", loglevel, "-P", "prefork",
            "--without-gossip", "--without-mingle", "-E"]
    if name:
        argv += ["-n", name]
    app.worker_main(argv)


@click.command(name="scheduler")
@click.option("--interval", type=float, default=30.0, show_default=True, help="Seconds between checks.")
@click.option("--once", is_flag=True, help="Check once and exit (for cron or a systemd timer).")
@conn_options
def scheduler(interval, once, db, broker, artifacts):
    """Enqueue each scheduled site when its schedule is due (one job per slot, never twice)."""
    from auditor.fleet.schedule import run_forever

    s = _settings(db, broker, artifacts)
    st = _store(s, None)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    click.echo(f"auditor: scheduler checking every {interval:g} s", err=True)
    run_forever(st, interval, once)


def register(main: click.Group) -> None:
    main.add_command(fleet_group)
    main.add_command(worker)
    main.add_command(scheduler)
