"""Command line: `auditor audit`, `auditor demo`, `auditor report`.

Exit codes: 0 the audit ran; 2 a tool error (bad input, host unreachable, no HTML page, browser missing), with
a one-line message on stderr.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from auditor import __version__
from auditor.config import AuditConfig
from auditor.models import Viewport

EXIT_OK, EXIT_TOOL_ERROR = 0, 2


def _fail(msg: str) -> None:
    click.echo(f"auditor: error: {msg}", err=True)
    sys.exit(EXIT_TOOL_ERROR)


def _store(db: str | None, out: str):
    from auditor.store import Store, db_url

    try:
        return Store(db_url(db, Path(out) / "auditor.db"))
    except Exception as exc:
        _fail(f"cannot open database {db or Path(out) / 'auditor.db'}: {exc}")


def _write_reports(store, run_id: int, out: str, formats: list[str]) -> dict[str, Path]:
    import reports

    try:
        return reports.write_all(store, run_id, Path(out) / f"run-{run_id}", formats)
    except Exception as exc:  # the findings are safe in the store; say how to retry
        _fail(f"writing the report failed ({type(exc).__name__}: {exc}); the results are stored: "
              f"retry with `auditor report {run_id} --out {out}`")


def _summary(store, run_id: int, paths: dict[str, Path]) -> None:
    c = store.counts(run_id)
    run = store.get_run(run_id)
    click.echo(f"auditor: run {run_id} {run['status']}: {c['pages']} URLs recorded, {c['failures']} failures",
               err=True)
    for fmt, p in paths.items():
        click.echo(f"{fmt}: {p}" if fmt != "html" else str(p))


audit_options = [
    click.option("--max-pages", type=int, default=100, show_default=True, help="HTML pages to audit, exactly."),
    click.option("--depth", type=int, default=None, help="Link depth from the start URLs (default: no limit)."),
    click.option("--include", multiple=True, help="Regex a URL must match to be followed (repeatable)."),
    click.option("--exclude", multiple=True, help="Regex of URLs not to follow (repeatable)."),
    click.option("--allow-subdomains", is_flag=True, help="Also follow links to subdomains of the start host."),
    click.option("--no-sitemaps", is_flag=True, help="Do not seed from robots.txt Sitemap lines and /sitemap.xml."),
    click.option("--viewports", default="mobile,tablet,desktop", show_default=True,
                 help="Comma list: mobile (320x640), tablet (768x1024), desktop (1280x800), WxH or name=WxH."),
    click.option("--delay", type=float, default=0.5, show_default=True,
                 help="Seconds between requests to the host (robots.txt Crawl-delay raises it)."),
    click.option("--no-autothrottle", is_flag=True, help="Do not slow down further when the server slows."),
    click.option("--user-agent", default="", help="User-Agent (default names auditor and --contact)."),
    click.option("--contact", default=None, help="Contact URL put in the default User-Agent."),
    click.option("--browser", default=None, help="Chromium/Chrome executable (default: searched, see README)."),
    click.option("--no-screenshots", is_flag=True, help="Skip screenshots (faster)."),
    click.option("--page-timeout", type=float, default=30.0, show_default=True, help="Seconds per page load."),
    click.option("--rules", default="", help="Comma list of rule code prefixes to run (default: all)."),
    click.option("--db", default=None, help="SQLAlchemy URL or SQLite file (default OUT/auditor.db)."),
    click.option("--out", default="auditor-out", show_default=True, help="Output folder."),
    click.option("--format", "formats", default="html,json", show_default=True, help="Report formats."),
    click.option("-v", "--verbose", is_flag=True, help="Log the crawl."),
    click.option("-q", "--quiet", is_flag=True, help="No progress display."),
]


def with_audit_options(f):
    for opt in reversed(audit_options):
        f = opt(f)
    return f


def _config(urls, **o) -> AuditConfig:
    from spiders.urls import is_http_url

    for u in urls:
        if not is_http_url(u):
            _fail(f"not an http(s) URL: {u!r}")
    try:
        viewports = Viewport.parse_list(o["viewports"])
        kw = dict(
            seeds=tuple(urls), max_pages=o["max_pages"], depth=o["depth"], include=tuple(o["include"]),
            exclude=tuple(o["exclude"]), allow_subdomains=o["allow_subdomains"], sitemaps=not o["no_sitemaps"],
            viewports=viewports, delay=o["delay"], autothrottle=not o["no_autothrottle"],
            user_agent=o["user_agent"], browser=o["browser"], screenshots=not o["no_screenshots"],
            page_timeout_s=o["page_timeout"], out=o["out"],
            rules=tuple(r.strip() for r in o["rules"].split(",") if r.strip()),
        )
        if o["contact"]:
            kw["contact"] = o["contact"]
        return AuditConfig(**kw)
    except ValueError as exc:
        _fail(str(exc))


def _formats(spec: str) -> list[str]:
    import reports

    fmts = [f.strip() for f in spec.split(",") if f.strip()]
    bad = [f for f in fmts if f not in reports.FORMATS]
    if bad:
        _fail(f"unknown report format {bad[0]!r}; choose from {', '.join(reports.FORMATS)}")
    return fmts


def _do_audit(cfg: AuditConfig | None, store, resume: int | None, formats, verbose, quiet) -> None:
    from auditor.audit import AuditError, run_audit

    if resume is not None:
        run = store.get_run(resume)
        if run is None:
            _fail(f"no run {resume} in the database")
        cfg = AuditConfig.from_json(run["config"])
    try:
        run_id = run_audit(cfg, store, resume_run=resume, verbose=verbose, quiet=quiet)
    except AuditError as exc:
        _fail(str(exc))
    paths = _write_reports(store, run_id, cfg.out, formats)
    _summary(store, run_id, paths)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="auditor")
def main() -> None:
    """Accessibility, device-independence and plain-language audits of public e-services."""


@main.command()
@click.argument("urls", nargs=-1)
@click.option("--resume", type=int, default=None, help="Finish an interrupted run (same config).")
@with_audit_options
def audit(urls, resume, **o):
    """Crawl a site from URLS and audit every page at each viewport."""
    if not urls and resume is None:
        _fail("give at least one start URL (or --resume RUN_ID); `auditor demo` audits the bundled demo site")
    formats = _formats(o["formats"])
    store = _store(o["db"], o["out"])
    cfg = None if resume is not None else _config(urls, **o)
    _do_audit(cfg, store, resume, formats, o["verbose"], o["quiet"])


@main.command()
@with_audit_options
def demo(**o):
    """Serve the bundled demo site on 127.0.0.1 and audit it."""
    from auditor.demo import StaticSite

    formats = _formats(o["formats"])
    store = _store(o["db"], o["out"])
    with StaticSite() as site:
        click.echo(f"auditor: serving the demo site at {site.url}", err=True)
        if o["delay"] == 0.5:
            o["delay"] = 0.0  # our own server on loopback: no need to be polite
        cfg = _config([site.url], **o)
        _do_audit(cfg, store, None, formats, o["verbose"], o["quiet"])


@main.command()
@click.argument("run_id", type=int)
@click.option("--db", default=None)
@click.option("--out", default="auditor-out", show_default=True)
@click.option("--format", "formats", default="html,json", show_default=True)
def report(run_id, db, out, formats):
    """Write the reports of a stored run again, without crawling."""
    fmts = _formats(formats)
    store = _store(db, out)
    if store.get_run(run_id) is None:
        _fail(f"no run {run_id} in the database")
    paths = _write_reports(store, run_id, out, fmts)
    _summary(store, run_id, paths)


@main.command()
@click.option("--db", default=None)
@click.option("--out", default="auditor-out", show_default=True)
def runs(db, out):
    """List stored runs."""
    store = _store(db, out)
    for r in store.list_runs():
        c = store.counts(r["id"])
        click.echo(f"{r['id']:>5}  {r['status']:<11} {str(r['started_at'])[:19]}  {c['pages']:>5} URLs  "
                   f"{c['failures']:>6} failures  {r['site']}")


if __name__ == "__main__":
    main()
