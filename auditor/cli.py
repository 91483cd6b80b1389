"""Command line: audit, demo, report, runs, history, diff, baseline, accept, rerun.

Exit codes: 0 passed (or the audit ran, when nothing is asserted); 1 assertions failed; 2 a tool error or a failed
run (bad input, host unreachable, no HTML page, most pages errors, browser missing, damaged database), with a
one-line message on stderr; 3 interrupted (SIGTERM/SIGINT: the run is stored `interrupted`, finish it with --resume).

Settings come from flags, then the config file (`auditor.toml` or `[tool.auditor]` in pyproject.toml, found by
walking up from the working directory, or `--config FILE`), then defaults.
"""
from __future__ import annotations

import inspect
import json
import sys
from pathlib import Path
from typing import Any

import click
from click.core import ParameterSource

from auditor import __version__
from auditor.config import AuditConfig, ConfigError, find_config, load_config_file
from auditor.models import Viewport

EXIT_OK, EXIT_FAILED, EXIT_TOOL_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 3
EXIT_CODES_HELP = ("Exit codes: 0 audit ran and passed (or ran, when nothing was asserted); 1 assertions failed; "
                   "2 tool error or failed run (one line on stderr with the reason); 3 interrupted (SIGTERM/SIGINT; "
                   "the run is stored `interrupted`, finish with --resume RUN_ID).")


def _fail(msg: str) -> None:
    click.echo(f"auditor: error: {msg}", err=True)
    sys.exit(EXIT_TOOL_ERROR)


def _store(db: str | None, out: str):
    from auditor.store import Store, db_url

    try:
        return Store(db_url(db, Path(out) / "auditor.db"))
    except Exception as exc:
        _fail(f"cannot open database {db or Path(out) / 'auditor.db'}: {str(exc).splitlines()[0]}")


def _write_reports(store, run_id: int, out: str, formats: list[str], lang: str = "en",
                   visits: int | None = None) -> dict[str, Path]:
    import reports

    kw: dict[str, Any] = {}
    params = inspect.signature(reports.write_all).parameters
    if "lang" in params:
        kw["lang"] = lang
    if "visits_per_year" in params:
        kw["visits_per_year"] = visits
    try:
        return reports.write_all(store, run_id, Path(out) / f"run-{run_id}", formats, **kw)
    except Exception as exc:  # the findings are safe in the store; say how to retry
        _fail(f"writing the report failed ({type(exc).__name__}: {exc}); the results are stored: "
              f"retry with `auditor report {run_id} --out {out}`")


# The summary line in the report's language (--report-lang): the status word stays as stored (a CI log matches it).
_SUMMARY = {
    "en": "auditor: run {id} {status}: {pages} URLs recorded, {failures} failures, accessibility score {score}",
    "fi": "auditor: ajo {id} {status}: {pages} osoitetta tallennettu, {failures} virhettä, saavutettavuuspisteet "
          "{score}",
    "sv": "auditor: körning {id} {status}: {pages} adresser sparade, {failures} fel, tillgänglighetspoäng {score}",
}


def _summary(store, run_id: int, paths: dict[str, Path], lang: str = "en", quiet: bool = False) -> None:
    from auditor import engine

    c = store.counts(run_id)
    run = store.get_run(run_id)
    why = f" ({run['message']})" if run.get("message") and run["status"] != "finished" else ""
    if not quiet:  # -q: the one-line result at the end is enough
        score = engine.site_accessibility_score(store.pages(run_id), store.findings(run_id))
        shown = "–" if score is None else (f"{score:.2f}" if lang == "en" else f"{score:.2f}".replace(".", ","))
        click.echo(_SUMMARY.get(lang, _SUMMARY["en"]).format(id=run_id, status=run["status"], pages=c["pages"],
                                                             failures=c["failures"], score=shown) + why, err=True)
    for fmt, p in paths.items():
        click.echo(f"{fmt}: {p}" if fmt != "html" else str(p))


# Options -------------------------------------------------------------------------------------------------------
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
    click.option("--page-timeout", type=float, default=30.0, show_default=True,
                 help="Seconds for fetching one page (connection and body)."),
    click.option("--page-budget", type=float, default=120.0, show_default=True,
                 help="Wall-time seconds for rendering and auditing one page; a page over it is recorded as "
                      "'could not be audited'."),
    click.option("--max-error-ratio", type=float, default=0.5, show_default=True,
                 help="A run whose share of URLs that could not be audited is above this is a failed run."),
    click.option("--no-interact", is_flag=True, help="No interaction with pages (fields, form submits; "
                 "see docs/checks.md)."),
    click.option("--insecure", is_flag=True, help="Accept invalid TLS certificates (test/staging servers)."),
    click.option("--rules", default="", help="Comma list of rule code prefixes to run (default: all)."),
    click.option("--db", default=None, help="SQLAlchemy URL or SQLite file (default OUT/auditor.db)."),
    click.option("--out", default="auditor-out", show_default=True, help="Output folder."),
    click.option("--format", "formats", default="html,json", show_default=True, help="Report formats."),
    click.option("--report-lang", type=click.Choice(["en", "fi", "sv"]), default="en", show_default=True,
                 help="Language of the HTML report."),
    click.option("--visits-per-year", type=int, default=None,
                 help="Yearly visits to each audited page, for the reading-time cost of hard text."),
    click.option("--preset", default=None, help="Assertion preset: wcag21-aa, wcag22-aa, procurement, advisory."),
    click.option("--baseline", default=None, help="Reviewed-findings file: only findings not in it fail."),
    click.option("--config", "config_file", default=None, help="Config file (default: auditor.toml, found "
                 "walking up from here, or [tool.auditor] in pyproject.toml)."),
    click.option("--no-config", is_flag=True, help="Ignore config files."),
    click.option("-v", "--verbose", is_flag=True, help="Log the crawl."),
    click.option("-q", "--quiet", is_flag=True, help="Only errors that matter, one line each (no progress, no logs)."),
]

# Config-file keys that are the negation of a flag.
_NEGATED = {"sitemaps": "no_sitemaps", "autothrottle": "no_autothrottle", "screenshots": "no_screenshots",
            "interact": "no_interact"}


def with_audit_options(f):
    for opt in reversed(audit_options):
        f = opt(f)
    return f


def _merge_config(ctx: click.Context, o: dict[str, Any]) -> dict[str, Any]:
    """Flags given on the command line win; then the config file; then the defaults."""
    if o.get("no_config"):
        o["file"] = {}
        return o
    path = Path(o["config_file"]) if o.get("config_file") else find_config()
    if path is None:
        o["file"] = {}
        return o
    try:
        fc = load_config_file(path)
    except ConfigError as exc:
        _fail(str(exc))
    o["file"] = fc
    o["config_path"] = str(path)

    def from_cli(name: str) -> bool:
        return ctx.get_parameter_source(name) not in (ParameterSource.DEFAULT, None)

    for key, val in fc.items():
        if key in ("assertions", "auth", "login", "urls", "budgets"):
            continue
        if key in _NEGATED:
            flag = _NEGATED[key]
            if not from_cli(flag):
                o[flag] = not bool(val)
            continue
        name = "formats" if key == "formats" else key
        if name in o and not from_cli(name):
            if isinstance(val, list) and name in ("viewports", "formats", "rules"):
                val = ",".join(map(str, val))
            elif isinstance(val, str) and name in ("include", "exclude"):
                val = (val,)
            o[name] = val
    return o


def _config(urls, o: dict[str, Any]) -> AuditConfig:
    from spiders.urls import is_http_url

    if not urls:
        urls = tuple(o.get("file", {}).get("urls") or ())
    if not urls:
        _fail("give at least one start URL (or urls = [...] in the config file, or --resume RUN_ID); "
              "`auditor demo` audits the bundled demo site")
    for u in urls:
        if not isinstance(u, str) or not is_http_url(u):
            _fail(f"not an http(s) URL: {u!r}")
    fc = o.get("file", {})
    try:
        kw = dict(
            seeds=tuple(urls), max_pages=int(o["max_pages"]),
            depth=None if o["depth"] is None else int(o["depth"]),
            include=tuple(o["include"]), exclude=tuple(o["exclude"]),
            allow_subdomains=bool(o["allow_subdomains"]), sitemaps=not o["no_sitemaps"],
            viewports=Viewport.parse_list(str(o["viewports"])), delay=float(o["delay"]),
            autothrottle=not o["no_autothrottle"], user_agent=o["user_agent"] or "", browser=o["browser"],
            screenshots=not o["no_screenshots"], page_timeout_s=float(o["page_timeout"]), out=str(o["out"]),
            page_budget_s=float(o["page_budget"]), max_error_ratio=float(o["max_error_ratio"]),
            rules=tuple(r.strip() for r in str(o["rules"] or "").split(",") if r.strip()),
            auth=dict(fc.get("auth") or {}), login=dict(fc.get("login") or {}), insecure=bool(o["insecure"]),
            budgets=_budgets(fc.get("budgets")),
            interact=not o["no_interact"],
        )
        if o["contact"]:
            kw["contact"] = o["contact"]
        return AuditConfig(**kw)
    except (ValueError, TypeError) as exc:
        _fail(str(exc))


def _budgets(b) -> dict:
    """[budgets] page-weight-kb / requests (DI-14)."""
    if not b:
        return {}
    if not isinstance(b, dict):
        raise ValueError("[budgets] must be a table: page-weight-kb = 2000, requests = 80")
    out = {}
    for k, v in b.items():
        key = k.replace("-", "_")
        if key not in ("page_weight_kb", "requests"):
            raise ValueError(f"[budgets]: unknown key {k!r} (page-weight-kb, requests)")
        if not isinstance(v, (int, float)) or v <= 0:
            raise ValueError(f"[budgets] {k} must be a positive number")
        out[key] = v
    return out


def _formats(spec) -> list[str]:
    import reports

    fmts = [f.strip() for f in (spec if isinstance(spec, list) else str(spec).split(",")) if f.strip()]
    bad = [f for f in fmts if f not in reports.FORMATS]
    if bad:
        _fail(f"unknown report format {bad[0]!r}; choose from {', '.join(reports.FORMATS)}")
    return fmts


def _gate(store, run_id: int, o: dict[str, Any], out_dir: Path) -> int:
    """Evaluate assertions and the baseline; print the results and the one-line summary; return the exit code."""
    from auditor import gate

    fc = o.get("file", {})
    try:
        assertions = gate.Assertions.from_config(fc.get("assertions"), o.get("preset"))
        baseline = gate.Baseline.load(Path(o["baseline"])) if o.get("baseline") else None
    except gate.GateError as exc:
        _fail(str(exc))
    pages, findings = store.pages(run_id), store.findings(run_id)
    unfit = gate.unfit_run(store.get_run(run_id), pages)
    if unfit:  # a gate never passes a run that failed, was interrupted or audited nothing
        status = (store.get_run(run_id) or {}).get("status")
        click.echo(f"auditor: error: {unfit}"[:600], err=True)
        return EXIT_INTERRUPTED if status == "interrupted" else EXIT_TOOL_ERROR
    results = gate.evaluate(assertions, pages, findings, baseline)
    diff = baseline.compare(pages, findings) if baseline else None
    for r in results:
        click.echo(r.line(), err=True)
    if diff is not None:
        for f in diff["new"][:20]:
            click.echo(f"  new: {f['rule']} {f['url']} {f['selector'][:80]}", err=True)
        for e in diff["fixed"][:20]:
            click.echo(f"  fixed: {e['rule']} {(e.get('urls') or [''])[0]} {e['selector'][:80]}", err=True)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "gate.json").write_text(json.dumps({
        "run": run_id, "passed": gate.exit_code(results) == 0,
        "assertions": [{"selector": r.selector, "level": r.level, "passed": r.passed, "actual": r.actual,
                        "limit": r.limit, "kind": r.kind} for r in results],
        "baseline": None if diff is None else {
            "file": baseline.source, "new": [{k: f[k] for k in ("rule", "url", "selector", "fingerprint")}
                                             for f in diff["new"]],
            "fixed": diff["fixed"], "present": len(diff["present"])},
    }, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    counts = {"html": sum(1 for p in pages if p["kind"] == "html"),
              "errors": sum(1 for p in pages if p["kind"] == "error"),
              "failures": sum(1 for f in findings if f["outcome"] == "fail" and not f.get("advisory"))}
    click.echo(gate.summary_line(results, run_id, baseline, diff, counts=counts), err=True)
    return gate.exit_code(results)


def _do_audit(cfg: AuditConfig | None, store, resume: int | None, o: dict[str, Any]) -> int:
    from auditor.audit import AuditError, run_audit

    if resume is not None:
        run = store.get_run(resume)
        if run is None:
            _fail(f"no run {resume} in the database")
        cfg = AuditConfig.from_json(run["config"])
    formats = _formats(o["formats"])
    try:
        run_id = run_audit(cfg, store, resume_run=resume, verbose=o["verbose"], quiet=o["quiet"])
    except AuditError as exc:
        _fail(str(exc))
    run = store.get_run(run_id)
    if run["status"] == "interrupted":
        n = sum(1 for p in store.done_pages(run_id) if p["kind"] == "html")
        click.echo(f"auditor: run {run_id} interrupted: {n} pages stored; finish with "
                   f"`auditor audit --resume {run_id}`", err=True)
        return EXIT_INTERRUPTED
    has_pages = store.counts(run_id)["pages"] > 0
    if run["status"] == "failed":
        if has_pages:  # what was audited is still worth a report
            _write_reports(store, run_id, cfg.out, formats, o.get("report_lang") or "en", o.get("visits_per_year"))
        _fail(f"run {run_id} failed: {run['message']}"[:1000])
    paths = _write_reports(store, run_id, cfg.out, formats, o.get("report_lang") or "en", o.get("visits_per_year"))
    _summary(store, run_id, paths, o.get("report_lang") or "en", quiet=bool(o.get("quiet")))
    return _gate(store, run_id, o, Path(cfg.out) / f"run-{run_id}")


# Commands ------------------------------------------------------------------------------------------------------
class _Main(click.Group):
    """Damaged or foreign databases end in one line and exit 2, whatever command met them."""

    def invoke(self, ctx):
        from sqlalchemy.exc import SQLAlchemyError

        try:
            return super().invoke(ctx)
        except SQLAlchemyError as exc:
            first = (str(getattr(exc, "orig", None) or exc).splitlines() or [""])[0]
            click.echo(f"auditor: error: the database cannot be read ({first[:200]}); it may be damaged: restore "
                       f"it from a backup or use another --db/--out", err=True)
            sys.exit(EXIT_TOOL_ERROR)


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]}, epilog=EXIT_CODES_HELP)
@click.version_option(__version__, prog_name="auditor")
def main() -> None:
    """Accessibility, device-independence and plain-language audits of public e-services."""


@main.command(epilog=EXIT_CODES_HELP)
@click.argument("urls", nargs=-1)
@click.option("--resume", type=int, default=None, help="Finish an interrupted run (same config).")
@with_audit_options
@click.pass_context
def audit(ctx, urls, resume, **o):
    """Crawl a site from URLS and audit every page at each viewport."""
    o = _merge_config(ctx, o)
    store = _store(o["db"], o["out"])
    cfg = None if resume is not None else _config(urls, o)
    sys.exit(_do_audit(cfg, store, resume, o))


@main.command()
@with_audit_options
@click.pass_context
def demo(ctx, **o):
    """Serve the bundled demo site on 127.0.0.1 and audit it."""
    from auditor.demo import StaticSite

    o = _merge_config(ctx, o)
    o["file"] = {k: v for k, v in o.get("file", {}).items() if k not in ("urls", "auth", "login")}
    store = _store(o["db"], o["out"])
    with StaticSite() as site:
        click.echo(f"auditor: serving the demo site at {site.url}", err=True)
        if ctx.get_parameter_source("delay") == ParameterSource.DEFAULT:
            o["delay"] = 0.0  # our own server on loopback: no need to be polite
        cfg = _config((site.url,), o)
        code = _do_audit(cfg, store, None, o)
    sys.exit(code)


@main.command()
@click.argument("run_id", type=int)
@click.option("--db", default=None)
@click.option("--out", default="auditor-out", show_default=True)
@click.option("--format", "formats", default="html,json", show_default=True)
@click.option("--report-lang", type=click.Choice(["en", "fi", "sv"]), default="en", show_default=True)
@click.option("--visits-per-year", type=int, default=None)
def report(run_id, db, out, formats, report_lang, visits_per_year):
    """Write the reports of a stored run again, without crawling."""
    fmts = _formats(formats)
    store = _store(db, out)
    if store.get_run(run_id) is None:
        _fail(f"no run {run_id} in the database")
    paths = _write_reports(store, run_id, out, fmts, report_lang, visits_per_year)
    _summary(store, run_id, paths, report_lang)


def _scores(store, run_id: int) -> dict[str, float | None]:
    from auditor import gate

    return gate.area_scores(store.pages(run_id), store.findings(run_id))


def _fmt_score(v) -> str:
    return "  –  " if v is None else f"{v:5.1f}"


@main.command()
@click.argument("site", required=False)
@click.option("--db", default=None)
@click.option("--out", default="auditor-out", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def history(site, db, out, as_json):
    """List stored runs (of SITE: a URL or part of one) with their scores."""
    store = _store(db, out)
    rows = []
    for r in store.list_runs():
        if site and site not in r["site"]:
            continue
        c = store.counts(r["id"])
        rows.append({"id": r["id"], "site": r["site"], "status": r["status"],
                     "started": str(r["started_at"])[:19], "pages": c["pages"], "failures": c["failures"],
                     "scores": _scores(store, r["id"])})
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    if not rows:
        click.echo("no runs" + (f" of {site}" if site else ""), err=True)
        return
    click.echo(f"{'run':>5}  {'started':<19}  {'status':<11} {'URLs':>5} {'fails':>6}  "
               f"{'a11y':>5} {'device':>6} {'lang':>5} {'serv':>5}  site")
    for r in rows:
        s = r["scores"]
        click.echo(f"{r['id']:>5}  {r['started']:<19}  {r['status']:<11} {r['pages']:>5} {r['failures']:>6}  "
                   f"{_fmt_score(s['accessibility'])} {_fmt_score(s['device']):>6} {_fmt_score(s['language'])} "
                   f"{_fmt_score(s['service'])}  {r['site']}")


main.add_command(history, name="runs")


@main.command()
@click.argument("run_a", type=int)
@click.argument("run_b", type=int)
@click.option("--db", default=None)
@click.option("--out", default="auditor-out", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def diff(run_a, run_b, db, out, as_json):
    """New, fixed and changed findings and score changes from RUN_A to RUN_B."""
    from auditor import gate

    store = _store(db, out)
    for r in (run_a, run_b):
        if store.get_run(r) is None:
            _fail(f"no run {r} in the database")
    d = gate.diff_runs(store.pages(run_a), store.findings(run_a), store.pages(run_b), store.findings(run_b))
    if as_json:
        keep = ("rule", "url", "selector", "impact", "viewports", "outcome", "fingerprint")
        click.echo(json.dumps({
            "new": [{k: f[k] for k in keep} for f in d["new"]],
            "fixed": [{k: f[k] for k in keep} for f in d["fixed"]],
            "changed": [{"before": {k: c["before"][k] for k in keep}, "after": {k: c["after"][k] for k in keep}}
                        for c in d["changed"]],
            "scores": d["scores"]}, ensure_ascii=False, indent=1, default=str))
        return
    click.echo(f"run {run_a} → run {run_b}: {len(d['new'])} new, {len(d['fixed'])} fixed, "
               f"{len(d['changed'])} changed")
    for area, before in d["scores"]["before"].items():
        after = d["scores"]["after"][area]
        if before is not None or after is not None:
            delta = "" if before is None or after is None else f" ({after - before:+.1f})"
            click.echo(f"  score {area}: {_fmt_score(before).strip()} → {_fmt_score(after).strip()}{delta}")
    for label, items in (("new", d["new"]), ("fixed", d["fixed"])):
        for f in items:
            click.echo(f"  {label:<6} {f['rule']:<28} {f['url']}  {f['selector'][:70]}")
    for c in d["changed"]:
        a, b = c["before"], c["after"]
        click.echo(f"  changed {b['rule']:<27} {b['url']}  {b['selector'][:50]}  "
                   f"{a['impact']}/{','.join(a['viewports'])} → {b['impact']}/{','.join(b['viewports'])}")


@main.command(name="gate")
@click.argument("run_id", type=int)
@click.option("--preset", default=None, help="Assertion preset: wcag21-aa, wcag22-aa, procurement, advisory.")
@click.option("--baseline", default=None, help="Reviewed-findings file: only findings not in it fail.")
@click.option("--config", "config_file", default=None, help="Config file with [assertions].")
@click.option("--no-config", is_flag=True, help="Ignore config files.")
@click.option("--db", default=None)
@click.option("--out", default="auditor-out", show_default=True)
@click.pass_context
def gate_cmd(ctx, run_id, **o):
    """Check a stored run against the assertions and baseline again, without crawling (exit 0 / 1 / 2)."""
    o = _merge_config(ctx, o)
    store = _store(o["db"], o["out"])
    if store.get_run(run_id) is None:
        _fail(f"no run {run_id} in the database")
    sys.exit(_gate(store, run_id, o, Path(o["out"]) / f"run-{run_id}"))


@main.command()
@click.argument("run_id", type=int)
@click.option("-o", "--output", default="auditor-baseline.json", show_default=True, help="Baseline file.")
@click.option("--db", default=None)
@click.option("--out", default="auditor-out", show_default=True)
def baseline(run_id, output, db, out):
    """Write the findings of RUN_ID as a reviewed baseline (commit it); later audits with --baseline fail only
    on findings not in it."""
    from auditor import gate

    store = _store(db, out)
    run = store.get_run(run_id)
    if run is None:
        _fail(f"no run {run_id} in the database")
    b = gate.Baseline.from_run(store.pages(run_id), store.findings(run_id))
    try:
        path = b.write(Path(output), run)
    except OSError as exc:
        _fail(f"cannot write {output}: {exc.strerror}")
    click.echo(f"auditor: baseline of run {run_id}: {sum(b.counts.values())} findings "
               f"({len(b.entries)} distinct) written to {path}", err=True)
    click.echo(str(path))


@main.command()
@click.argument("run_id", type=int)
@click.option("--db", default=None)
@click.option("--out", default="auditor-out", show_default=True)
@click.option("--rules", default="", help="Comma list of rule code prefixes (default: all).")
@click.option("--format", "formats", default="html,json", show_default=True)
def rerun(run_id, db, out, rules, formats):
    """Run the rules again on a stored run's artifacts (no browser, no crawl) into a new run."""
    from auditor.rerun import rerun_rules

    store = _store(db, out)
    if store.get_run(run_id) is None:
        _fail(f"no run {run_id} in the database")
    new_id = rerun_rules(store, run_id, [r.strip() for r in rules.split(",") if r.strip()] or None)
    paths = _write_reports(store, new_id, out, _formats(formats))
    _summary(store, new_id, paths)


@main.command()
@click.argument("urls", nargs=-1)
@click.option("--profile", "profile_file", required=True, help="Requirement profile (TOML).")
@with_audit_options
@click.pass_context
def accept(ctx, urls, profile_file, **o):
    """Acceptance check of a delivery: audit URLS under a requirement profile, write an acceptance report and
    an archive of the run."""
    from auditor import accept as acc

    try:
        profile = acc.load_profile(Path(profile_file))
    except acc.ProfileError as exc:
        _fail(str(exc))
    o = _merge_config(ctx, o)
    # The profile's audit settings and assertions take the place of the config file's.
    o["file"] = {**{k: v for k, v in o.get("file", {}).items() if k in ("auth", "login")}, **profile.audit}
    o["file"]["assertions"] = profile.assertions
    for key, val in profile.audit.items():
        name = key
        if key in _NEGATED:
            name, val = _NEGATED[key], not bool(val)
        if name in o and ctx.get_parameter_source(name) in (ParameterSource.DEFAULT, None):
            o[name] = ",".join(val) if isinstance(val, list) and name in ("viewports", "formats") else val
    o["formats"] = ",".join(dict.fromkeys(_formats(o["formats"]) + ["html", "json"]))
    store = _store(o["db"], o["out"])
    cfg = _config(urls, o)
    code = _do_audit(cfg, store, None, o)
    run_id = store.list_runs()[-1]["id"]
    try:
        paths = acc.write_acceptance(store, run_id, profile, Path(cfg.out), Path(profile_file),
                                     o.get("report_lang") or "en")
    except OSError as exc:
        _fail(f"cannot write the acceptance report: {exc}")
    click.echo(f"acceptance: {paths['html']}")
    click.echo(f"archive: {paths['archive']}")
    click.echo(f"auditor: acceptance of run {run_id}: {'ACCEPTED' if code == 0 else 'REJECTED'} "
               f"under profile {profile.name!r}", err=True)
    sys.exit(code)


def _register_optional() -> None:
    """Commands that live beside their stage (auditor act, auditor text) register themselves here."""
    import importlib

    for mod, attr, name in (("auditor.act", "act_command", "act"), ("auditor.text.cli", "text_command", "text")):
        try:
            cmd = getattr(importlib.import_module(mod), attr)
        except (ImportError, AttributeError):
            continue
        main.add_command(cmd, name=name)


_register_optional()

from auditor.fleet.cli import register as _register_fleet  # noqa: E402  (auditor fleet / worker / scheduler)

_register_fleet(main)

if __name__ == "__main__":
    main()
