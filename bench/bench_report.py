"""Report of a large site: a synthetic 5,000-page run rendered, then opened in Chromium.

    python bench/bench_report.py [--pages 5000] [--formats html,json,csv,junit,sarif,earl] [--lang fi]
                                 [--json build/bench-report.json] [--keep DIR]

No crawl: pages and findings are generated straight into a SQLite store (deterministic, seeded), shaped like a
municipal site: 9 sections, shared header/footer components failing on every page (one issue each however many
pages), template bugs per section, content bugs per page, review results and plain-language flags.

Printed: the time to write each format, the report's files (count, total and largest size), and for the pages a
visitor opens first — the dashboard, the first and last issue-list and page-list files, the largest issue page
and one page view — the time Chromium takes to open each from disk (navigation start to the load event,
performance timing, median of 3), with the target of 2 seconds. Nothing but local files is opened.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import insert  # noqa: E402

from auditor import engine  # noqa: E402
from auditor.models import Finding, fingerprint  # noqa: E402
from auditor.store import Store, findings as findings_t, pages as pages_t  # noqa: E402

SEED = 20261127
TARGET_S = 2.0
SECTIONS = ["palvelut", "asuminen", "terveys", "opetus", "liikenne", "kulttuuri", "ymparisto", "tyo", "paatoksenteko"]
VIEWPORTS = [{"name": "mobile", "width": 320, "height": 640}, {"name": "tablet", "width": 768, "height": 1024},
             {"name": "desktop", "width": 1280, "height": 800}]
# (rule, impact, wcag, level, help, selector, snippet, outcome, advisory)
SITE_WIDE = [
    ("AXE-image-alt", "critical", ("1.1.1",), "A", "Images must have alternative text", "header > a > img",
     '<img src="/logo.svg">', "fail", False),
    ("AXE-color-contrast", "serious", ("1.4.3",), "AA", "Elements must meet minimum color contrast ratio thresholds",
     "footer > p.small", '<p class="small">Esimerkkilän kunta</p>', "fail", False),
    ("AXE-region", "moderate", (), "", "All page content should be contained by landmarks", "#cookie-banner",
     '<div id="cookie-banner">Evästeet</div>', "fail", True),
]
TEMPLATE = [
    ("AXE-link-name", "serious", ("2.4.4", "4.1.2"), "A", "Links must have discernible text", ".some-linkki",
     '<a class="some-linkki" href="https://some.example/"><svg></svg></a>', "fail", False),
    ("AXE-label", "critical", ("4.1.2",), "A", "Form elements must have labels", "form > input[type=\"tel\"]",
     '<input type="tel">', "fail", False),
    ("DI-1", "serious", ("1.4.10",), "AA", "Reflow at 320 px", ".taulukko", '<table class="taulukko">', "fail",
     False),
]
CONTENT = [
    ("AXE-image-alt", "critical", ("1.1.1",), "A", "Images must have alternative text", "main > img:nth-child({n})",
     '<img src="/kuvat/kuva-{n}.jpg">', "fail", False),
    ("AXE-color-contrast", "serious", ("1.4.3",), "AA", "Elements must meet minimum color contrast ratio thresholds",
     "main > p:nth-child({n})", '<p style="color:#aaa">Lisätieto {n}</p>', "review", False),
    ("AXE-heading-order", "moderate", (), "", "Heading levels should only increase by one", "main > h4:nth-child({n})",
     "<h4>Väliotsikko {n}</h4>", "fail", True),
]
SENTENCES = [
    "Hakemuksen käsittelyaika vaihtelee huomattavasti riippuen hakemuksen laadusta ja liitteiden määrästä sekä "
    "siitä, onko hakija toimittanut kaikki tarvittavat selvitykset ajoissa.",
    "Rakennuslupahakemuksen vireillepanon yhteydessä edellytettävien asiakirjojen toimittamisvelvollisuus koskee "
    "kaikkia hakijoita.",
    "Varhaiskasvatuspaikkaa on haettava viimeistään neljä kuukautta ennen kuin lapsi tarvitsee hoitopaikan.",
]


def _f(spec, n: int, viewports=("mobile", "tablet", "desktop"), **kw) -> Finding:
    rule, impact, wcag, level, help_, sel, snip, outcome, advisory = spec
    return Finding(rule=rule, outcome=outcome, impact=impact, selector=sel.format(n=n), snippet=snip.format(n=n),
                   message="Fix any of the following: synthetic finding", viewports=viewports, wcag=wcag,
                   level=level, en301549=tuple("9." + sc for sc in wcag), help=help_,
                   help_url=f"https://dequeuniversity.com/rules/axe/4.10/{rule[4:].lower()}", advisory=advisory,
                   boxes={"mobile": {"x": 16, "y": 100 + 40 * n, "w": 200, "h": 30}}, **kw)


def generate(store: Store, n_pages: int) -> int:
    """A finished run with n_pages HTML pages; bulk inserts in one transaction (seconds, not minutes)."""
    rnd = random.Random(SEED)
    run_id = store.create_run("https://www.esimerkkila.fi/", ["https://www.esimerkkila.fi/"],
                              {"viewports": VIEWPORTS, "rules": []}, tool_version="bench",
                              axe_version="4.14.1", browser_version="Chromium (synthetic run)")
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    with store.engine.begin() as c:
        page_rows = []
        for i in range(n_pages):
            sec = SECTIONS[i % len(SECTIONS)]
            url = "https://www.esimerkkila.fi/" if i == 0 else f"https://www.esimerkkila.fi/{sec}/sivu-{i:05d}.html"
            page_rows.append({"run_id": run_id, "url": url, "kind": "html", "status": 200,
                              "content_type": "text/html", "title": f"{sec.capitalize()}: sivu {i}", "depth": 1 + i % 4,
                              "referrer": "https://www.esimerkkila.fi/", "fetch_ms": 120.0, "render_ms": 900.0,
                              "timings": {}, "error": "", "score": None, "links": [], "artifact_dir": "",
                              "done_at": now})
        c.execute(insert(pages_t), page_rows)
        ids = [r[0] for r in c.execute(pages_t.select().with_only_columns(pages_t.c.id)
                                       .where(pages_t.c.run_id == run_id).order_by(pages_t.c.id))]
        rows = []
        for i, page_id in enumerate(ids):
            fs = [_f(s, 0) for s in SITE_WIDE]
            if i % len(SECTIONS) < len(TEMPLATE):
                fs.append(_f(TEMPLATE[i % len(SECTIONS)], 0))
            for _ in range(rnd.randint(0, 4)):
                fs.append(_f(rnd.choice(CONTENT), rnd.randint(2, 12), viewports=("mobile",)))
            for k in range(rnd.randint(0, 5)):
                s = rnd.choice(SENTENCES)
                fs.append(Finding(rule=rnd.choice(["PL-FI-1", "PL-FI-2", "PL-FI-5"]), outcome="fail", impact="minor",
                                  selector=f"main > p:nth-of-type({k + 1})", snippet=s, message="Pitkä virke.",
                                  viewports=("mobile", "tablet", "desktop"), wcag=("3.1.5",), level="AAA",
                                  help="Long sentence", advisory=True,
                                  evidence={"sentence": s, "suggestion": "Jaa virke kahdeksi.", "lang": "fi"}))
            score = engine.page_score(fs)
            c.execute(pages_t.update().where(pages_t.c.id == page_id).values(score=score))
            for f in fs:
                rows.append({"run_id": run_id, "page_id": page_id, "rule": f.rule, "outcome": f.outcome,
                             "impact": f.impact, "selector": f.selector, "snippet": f.snippet, "message": f.message,
                             "viewports": list(f.viewports), "wcag": list(f.wcag), "level": f.level,
                             "en301549": list(f.en301549), "act": [], "help": f.help, "help_url": f.help_url,
                             "advisory": f.advisory, "fingerprint": fingerprint(f.rule, f.selector),
                             "boxes": f.boxes or None, "evidence": f.evidence or None})
            if len(rows) > 5000:
                c.execute(insert(findings_t), rows)
                rows = []
        if rows:
            c.execute(insert(findings_t), rows)
    store.update_run(run_id, status="finished")
    return run_id


def open_times(paths: list[Path], runs: int = 3) -> dict[str, float]:
    """Median seconds from navigation start to the load event, per file, in a fresh page each time."""
    from playwright.sync_api import sync_playwright

    from auditor.render import CHROMIUM_ARGS, find_browser

    out = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=find_browser(), args=CHROMIUM_ARGS)
        for path in paths:
            times = []
            for _ in range(runs):
                page = browser.new_page(viewport={"width": 1280, "height": 800})
                page.goto(path.as_uri(), wait_until="load")
                ms = page.evaluate("() => { const n = performance.getEntriesByType('navigation')[0];"
                                   " return n.loadEventEnd - n.startTime; }")
                times.append(ms / 1000)
                page.close()
            out[str(path)] = statistics.median(times)
        browser.close()
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=5000)
    ap.add_argument("--formats", default="html,json,csv,junit,sarif,earl")
    ap.add_argument("--lang", default="fi", choices=["en", "fi", "sv"])
    ap.add_argument("--json", default=str(ROOT / "build" / "bench-report.json"))
    ap.add_argument("--keep", default=None, help="Write the store and the report here and keep them.")
    a = ap.parse_args(argv)
    import reports
    from reports import data as rdata

    work = Path(a.keep) if a.keep else Path(tempfile.mkdtemp(prefix="bench-report-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        db = work / "bench.db"
        if db.exists():
            db.unlink()
        store = Store(f"sqlite:///{db}")
        t = time.perf_counter()
        run_id = generate(store, a.pages)
        t_gen = time.perf_counter() - t
        n_findings = sum(1 for _ in store.iter_findings(run_id))
        print(f"synthetic run: {a.pages} pages, {n_findings} findings, generated in {t_gen:.1f} s")

        t = time.perf_counter()
        data = rdata.build(store, run_id, lang=a.lang, visits_per_year=20000)
        t_build = time.perf_counter() - t
        out = work / "report"
        if out.exists():
            shutil.rmtree(out)
        timings = {"aggregate (reports.data.build)": t_build}
        for fmt in a.formats.split(","):
            t = time.perf_counter()
            reports.FORMATS[fmt](store, run_id, out, data=data)
            timings[fmt] = time.perf_counter() - t
        for k, v in timings.items():
            print(f"  write {k:<32} {v:7.1f} s")
        html_files = list(out.rglob("*.html"))
        sizes = {p: p.stat().st_size for p in out.rglob("*") if p.is_file()}
        largest_html = max((p for p in html_files), key=lambda p: sizes[p])
        print(f"report: {len(sizes)} files ({len(html_files)} HTML), {sum(sizes.values()) / 1e6:.1f} MB; "
              f"largest HTML {largest_html.relative_to(out)} {sizes[largest_html] / 1e3:.0f} kB; "
              + ", ".join(f"{p.name} {sizes[p] / 1e6:.1f} MB" for p in sorted(sizes) if p.parent == out
                          and p.suffix in (".json", ".csv", ".xml", ".sarif", ".jsonld")))

        issues = sorted((out / "issues").glob("index*.html"), key=lambda p: (len(p.name), p.name))
        plist = sorted((out / "pages").glob("index*.html"), key=lambda p: (len(p.name), p.name))
        biggest_issue = max((p for p in (out / "issues").glob("*.html") if not p.name.startswith("index")),
                            key=lambda p: sizes[p])
        view = next(p for p in sorted((out / "pages").glob("[0-9]*.html")))
        targets = [out / "index.html", issues[0], issues[-1], plist[0], plist[-1], biggest_issue, view,
                   out / "conformance.html", out / "language.html", out / "rules.html", largest_html]
        targets = list(dict.fromkeys(targets))
        opened = open_times(targets)
        print(f"open in Chromium (navigation start -> load event, median of 3; target {TARGET_S:.0f} s):")
        for p in targets:
            s = opened[str(p)]
            print(f"  {str(p.relative_to(out)):<28} {sizes[p] / 1e3:7.0f} kB  {s * 1000:7.0f} ms"
                  f"  {'ok' if s < TARGET_S else 'SLOW'}")
        worst = max(opened.values())
        print(f"slowest: {worst * 1000:.0f} ms ({'under' if worst < TARGET_S else 'OVER'} {TARGET_S:.0f} s)")
        result = {
            "date": dt.datetime.now(dt.timezone.utc).isoformat(), "machine": platform.platform(),
            "cpus": os.cpu_count(), "pages": a.pages, "findings": n_findings, "groups": len(data.groups),
            "generate_s": round(t_gen, 2), "write_s": {k: round(v, 2) for k, v in timings.items()},
            "files": len(sizes), "html_files": len(html_files), "total_mb": round(sum(sizes.values()) / 1e6, 1),
            "largest_html_kb": round(sizes[largest_html] / 1e3, 1),
            "open_ms": {str(p.relative_to(out)): round(opened[str(p)] * 1000) for p in targets},
            "slowest_open_ms": round(worst * 1000), "target_ms": TARGET_S * 1000,
        }
        Path(a.json).parent.mkdir(parents=True, exist_ok=True)
        Path(a.json).write_text(json.dumps(result, indent=1), encoding="utf-8")
        print(f"written: {a.json}")
        return 0 if worst < TARGET_S else 1
    finally:
        if not a.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
