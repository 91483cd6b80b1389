"""The HTML report: a static folder that opens from disk with no network and no JavaScript.

    index.html                 dashboard: scores by area, severity, WCAG principle and criterion, top issues,
                               worst pages, plain-language distribution (inline SVG charts + tables)
    issues/index[-N].html      grouped findings, 50 a file
    issues/<group>[-pN].html   one issue: representative evidence + the pages it is on, 200 a file
    pages/index[-N].html       every address, worst score first, 100 a file
    pages/<id>.html            one page: screenshots, findings with evidence crops, plain-language view
    conformance.html           WCAG 2.2 A/AA with EN 301 549: failed / needs review / no automated failure / manual
    statement.html             accessibility statement drafts (fi, sv), also statement-fi.txt / statement-sv.txt
    language.html              plain language: distribution, administrative burden, pages with most flags
    rules.html                 one section per rule
    assets/report.css, shots/  the stylesheet and the viewport screenshots (hard links when possible)

Every list is paginated, so each file stays small and a 5,000-page site opens as fast as a 10-page one
(bench/bench_report.py measures it). Everything that came from a crawled page is untrusted: Jinja autoescaping
is on, nothing is marked safe, a URL becomes a link only when it is http(s) (the `web_url` test), and a strict
Content-Security-Policy is in every page (no scripts at all; styles only from the report's own stylesheet).
"""
from __future__ import annotations

import datetime as dt
import math
import os
import shutil
import struct
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from auditor import engine, standards
from auditor.models import normalise_snippet
from auditor.store import Store
from reports import i18n, plain, statement
from reports.data import (
    AREAS, CATEGORIES, CONFORMANCE_STATUSES, SEVERITIES, VIEWPORT_NAME, ReportData, _page_lang, build,
    impact_rank, iso, text_lang_of,
)

HERE = Path(__file__).parent
CSP = "default-src 'none'; img-src 'self' data:; style-src 'self'; base-uri 'none'; form-action 'none'"
ISSUES_PER_FILE = 50
PAGES_PER_FILE = 100
GROUP_PAGES_PER_FILE = 200
TOP_N = 10
PL_PAGES = 100
CROP_MARGIN = 24  # px of context around the element
CROP_MAX_H = 480  # a tall element shows its top part
CROP_MIN_W = 200

CATEGORY_LABELS = {"fail": "Failures", "review": "Needs review", "advisory": "Advisory", "error": "Rule errors"}
AREA_LABELS = {"accessibility": "Accessibility", "device": "Device independence", "language": "Plain language",
               "service": "Service duties"}
KIND_LABELS = {"html": "HTML page", "document": "Document", "error": "Could not be loaded",
               "skipped": "Skipped"}
STATUS_LABELS = {"failed": "Failed", "review": "Needs review", "passed": "No automated failure found",
                 "manual": "Not testable automatically"}
STATUS_HELP = {
    "failed": "at least one automated rule found a failure",
    "review": "a rule found something a person must decide on, and no failure",
    "passed": "rules that test this criterion ran and found nothing; a person must still check the rest",
    "manual": "no automated rule that ran tests this criterion: a person must evaluate it",
}
LANG_NAMES = {"fi": "Finnish", "sv": "Swedish", "en": "English"}
NAV = (("index", "index.html", "Summary"), ("issues", "issues/index.html", "Issues"),
       ("pages", "pages/index.html", "Pages"), ("conformance", "conformance.html", "Conformance"),
       ("language", "language.html", "Plain language"), ("statement", "statement.html", "Statement"),
       ("rules", "rules.html", "Rules"))


def is_web_url(value: Any) -> bool:
    return isinstance(value, str) and value[:8].lower().startswith(("http://", "https://"))


_ENVS: dict[str, Environment] = {}


def _env(lang: str) -> Environment:
    """One Jinja environment per report language, kept for the process: compiling the templates costs seconds."""
    if lang not in _ENVS:
        _ENVS[lang] = _make_env(lang)
    return _ENVS[lang]


def _make_env(lang: str) -> Environment:
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True, trim_blocks=True,
                      lstrip_blocks=True, undefined=StrictUndefined, extensions=["jinja2.ext.do"])
    env.tests["web_url"] = is_web_url

    def t(s: str, /, **kw: Any) -> str:
        return i18n.translate(s, lang, **kw)

    def tn(one: str, many: str, n: int, /, **kw: Any) -> str:
        return i18n.plural(one, many, n, lang, **kw)

    def num(value: Any, digits: int = 2) -> str:
        return i18n.fmt_num(value, lang, digits)

    def fmt_dt(value: dt.datetime | None) -> str:
        return value.strftime("%Y-%m-%d %H:%M:%S UTC") if value else t("not finished")

    def bin_label(b: dict[str, Any]) -> str:
        if b["max"] is None:
            return t("{n} or more", n=b["min"])
        if b["min"] == b["max"]:
            return str(b["min"])
        return f"{b['min']}–{b['max']}"

    env.filters.update(dt=fmt_dt, iso=iso, num=num)
    env.globals.update(
        CSP=CSP, CATEGORIES=CATEGORIES, CATEGORY_LABELS=CATEGORY_LABELS, SEVERITIES=SEVERITIES, AREAS=AREAS,
        AREA_LABELS=AREA_LABELS, KIND_LABELS=KIND_LABELS, STATUS_LABELS=STATUS_LABELS, STATUS_HELP=STATUS_HELP,
        CONFORMANCE_STATUSES=CONFORMANCE_STATUSES, PRINCIPLES=tuple(standards.PRINCIPLES), LANG_NAMES=LANG_NAMES,
        NAV=NAV, IMPACT_WEIGHT=engine.IMPACT_WEIGHT, lang=lang, t=t, tn=tn, bin_label=bin_label,
        help_text=lambda code, default: i18n.rule_help(code, default, lang),
        help_lang=lambda code: i18n.help_lang(code, lang),
        msg_lang=i18n.message_lang,
        msg_of=lambda f: i18n.message(f, lang),
        quote_segments=i18n.quote_segments,
        pl_lang=i18n._pl_lang,
        title_text=lambda code, default: i18n.rule_title(code, default, lang),
        title_lang=lambda code: i18n.title_lang(code, lang),
        sc_label=lambda sc: i18n.sc_label(sc, lang),
        sc_name=lambda sc: i18n.sc_name(sc, lang),
        sc_name_lang=lambda sc: i18n.sc_name_lang(sc, lang),
        sc_level=lambda sc: standards.get(sc).level if standards.get(sc) else "",
        principle_name=lambda key: i18n.principle_name(key, lang),
        text_lang=text_lang_of,
    )
    return env


def _render(env: Environment, template: str, path: Path, **ctx: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    env.get_template(template).stream(**ctx).dump(str(path), encoding="utf-8")


def jpeg_size(path: Path) -> tuple[int, int] | None:
    """(width, height) from a JPEG's SOF marker, without decoding the image."""
    try:
        with path.open("rb") as fh:
            if fh.read(2) != b"\xff\xd8":
                return None
            while True:
                b = fh.read(1)
                while b and b != b"\xff":
                    b = fh.read(1)
                while b == b"\xff":
                    b = fh.read(1)
                if not b:
                    return None
                marker = b[0]
                if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
                    continue
                (length,) = struct.unpack(">H", fh.read(2))
                if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
                    h, w = struct.unpack(">xHH", fh.read(5))
                    return (w, h) if w and h else None
                fh.seek(length - 2, os.SEEK_CUR)
    except (OSError, struct.error):
        return None


def _link_or_copy(src: Path, dst: Path) -> None:
    """Screenshots are write-once artifacts: a hard link costs no space or time; a copy where links fail."""
    if dst.exists():
        dst.unlink()
    try:
        os.link(src, dst)
    except OSError:
        shutil.copyfile(src, dst)


def _shots(page: dict[str, Any], viewports: list[dict[str, Any]], shots_dir: Path) -> list[dict[str, Any]]:
    """<artifact_dir>/<viewport>.jpg -> shots/<page_id>-<viewport>.jpg (names from ids and checked viewport names,
    never from page content), with the image size for evidence crops."""
    if not page.get("artifact_dir"):
        return []
    out = []
    for vp in viewports:
        if not VIEWPORT_NAME.fullmatch(vp["name"]):
            continue
        src = Path(page["artifact_dir"]) / f"{vp['name']}.jpg"
        if src.is_file():
            name = f"{int(page['id'])}-{vp['name']}.jpg"
            _link_or_copy(src, shots_dir / name)
            size = jpeg_size(src)
            out.append(dict(vp, file=name, iw=size[0] if size else None, ih=size[1] if size else None))
    return out


def crop_for(f: dict[str, Any], shots: list[dict[str, Any]], ident: str) -> dict[str, Any] | None:
    """The viewBox of a crop around the finding's element in the first viewport screenshot that shows it."""
    by_vp = {s["name"]: s for s in shots if s.get("iw")}
    boxes = f.get("boxes") or {}
    for vp in f.get("viewports") or ():
        box, shot = boxes.get(vp), by_vp.get(vp)
        if not isinstance(box, dict) or shot is None:
            continue
        try:
            x, y, w, h = (max(0, int(box[k])) for k in ("x", "y", "w", "h"))
        except (KeyError, TypeError, ValueError):
            continue
        iw, ih = shot["iw"], shot["ih"]
        if w <= 0 or h <= 0 or x >= iw or y >= ih:
            continue  # invisible, or below a capped screenshot
        if w >= iw * 0.95 and h >= ih * 0.8:
            continue  # the whole page (html, body): nothing to point at
        cx = max(0, x - CROP_MARGIN)
        cy = max(0, y - CROP_MARGIN)
        right = min(iw, max(x + w + CROP_MARGIN, cx + CROP_MIN_W))
        cw = right - cx
        ch = min(ih, y + h + CROP_MARGIN, cy + CROP_MAX_H) - cy
        if cw <= 0 or ch <= 0:
            continue
        # The outline stays inside the crop (a tall element shows its top part): nothing is drawn outside it.
        return {"id": ident, "vp": vp, "file": shot["file"], "iw": iw, "ih": ih, "x": cx, "y": cy, "w": cw,
                "h": ch, "bx": x, "by": y, "bw": min(w, cx + cw - x), "bh": min(h, cy + ch - y)}
    return None


def fold(findings: list[dict[str, Any]], reach: dict[str, int] | None = None,
         viewports: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """A page's findings as cards: identical elements — same category, rule and normalised markup (ids, class
    names and numbers folded, as in the fingerprint) — are one card with their count and places. Plain-language
    findings fold by rule (their places are sentences, shown in the plain-language view). Cards are ordered by
    category, then severity, then reach (pages with the same issue, then elements on this page)."""
    reach = reach or {}
    order = {v["name"]: i for i, v in enumerate(viewports or [])}
    cards: dict[tuple, dict[str, Any]] = {}
    for f in findings:
        key = (f["category"], f["rule"]) if f["rule"].startswith("PL-") else \
            (f["category"], f["rule"], normalise_snippet(f.get("snippet") or "") or f["selector"])
        c = cards.get(key)
        if c is None:
            c = cards[key] = {"first": f, "category": f["category"], "impact": f["impact"], "places": [],
                              "messages": [], "_seen": set(), "viewports": set()}
        c["places"].append(f)
        c["viewports"].update(f.get("viewports") or ())
        if impact_rank(f["impact"]) > impact_rank(c["impact"]):
            c["impact"] = f["impact"]
        text = i18n.message(f, "en")[0]
        if text and text not in c["_seen"]:
            c["_seen"].add(text)
            c["messages"].append(f)
    out = []
    for c in cards.values():
        del c["_seen"]
        c["count"] = len(c["places"])
        c["viewports"] = sorted(c["viewports"], key=lambda v: (order.get(v, 99), v))
        c["reach"] = reach.get(c["first"].get("group") or "", 1)
        out.append(c)
    out.sort(key=lambda c: (CATEGORIES.index(c["category"]), -impact_rank(c["impact"]), -c["reach"], -c["count"],
                            c["first"]["rule"]))
    return out


class Pager:
    """One slice of a long list: number, total pages, links to the other files (with gaps for long ranges)."""

    def __init__(self, total: int, per: int, number: int, name: Any):
        self.total, self.per, self.number = total, per, number
        self.pages = max(1, math.ceil(total / per))
        self.first = (number - 1) * per + 1 if total else 0
        self.last = min(total, number * per)
        self.name = name
        self.prev = name(number - 1) if number > 1 else None
        self.next = name(number + 1) if number < self.pages else None
        shown = sorted({1, self.pages, *range(max(1, number - 2), min(self.pages, number + 2) + 1)})
        self.links: list[tuple[int, str | None]] = []
        for i, n in enumerate(shown):
            if i and n - shown[i - 1] > 1:
                self.links.append((0, None))
            self.links.append((n, name(n)))


def _paginate(items: list[Any], per: int, name) -> list[tuple[Pager, list[Any]]]:
    n = max(1, math.ceil(len(items) / per))
    return [(Pager(len(items), per, i, name), items[(i - 1) * per:i * per]) for i in range(1, n + 1)]


def write(store: Store, run_id: int, out_dir: Path, data: ReportData | None = None) -> Path:
    data = data or build(store, run_id)
    env = _env(data.lang)
    out_dir = Path(out_dir)
    for sub in ("assets", "pages", "shots", "issues"):
        (out_dir / sub).mkdir(parents=True, exist_ok=True)
    shutil.copyfile(HERE / "static" / "report.css", out_dir / "assets" / "report.css")
    s = data.summary
    common = {"run": data.run, "viewports": data.viewports, "summary": s, "visits_per_year": data.visits_per_year,
              "pl_audited": s["plain_language"]["audited"]}
    groups_by_id = {g["id"]: g for g in data.groups}
    by_id = data.pages_by_id

    # Page views first: they stream the findings and learn each page's language for the lists.
    shots_by_page: dict[int, list[dict[str, Any]]] = {}
    by_url = {p["url"]: p for p in data.pages}

    def lang_of(url: str) -> str | None:
        p = by_url.get(url)
        if p is None:
            return None
        if "lang" not in p:
            p["lang"] = _page_lang(p)
        return p["lang"]

    for page, findings in data.iter_pages():
        lang_of(page["url"])
        page["referrer_lang"] = lang_of(page["referrer"]) if page.get("referrer") else None
        shots = _shots(page, data.viewports, out_dir / "shots")
        shots_by_page[page["id"]] = shots
        crops = {}
        for f in findings:
            c = crop_for(f, shots, f"crop-{int(f['id'])}")
            if c:
                crops[f["id"]] = c
        pl_view = plain.view(page, findings) if page["kind"] == "html" and common["pl_audited"] else None
        reach = {g["id"]: g["page_count"] for g in data.groups}
        _render(env, "page.html", out_dir / "pages" / f"{int(page['id'])}.html", root="../", current="pages",
                page=page, shots=shots, findings=findings, cards=fold(findings, reach, data.viewports), crops=crops,
                plain=pl_view, **common)

    # Issues: the list, then one file (or several) per issue.
    name = lambda n: "index.html" if n == 1 else f"index-{n}.html"  # noqa: E731
    for pg, items in _paginate(data.groups, ISSUES_PER_FILE, name):
        _render(env, "issues.html", out_dir / "issues" / pg.name(pg.number), root="../", current="issues",
                pg=pg, items=items, **common)
    for g in data.groups:
        rep = g["representative"]
        rep_page = by_id.get(rep.get("page_id")) if rep else None
        rep_crop = None
        if rep and rep_page is not None:
            rep_crop = crop_for(rep, shots_by_page.get(rep_page["id"], []), f"crop-{g['id']}")
        gpages = [by_id[i] for i in g["page_ids"]]
        gname = (lambda gid: lambda n: f"{gid}.html" if n == 1 else f"{gid}-p{n}.html")(g["id"])
        for pg, items in _paginate(gpages, GROUP_PAGES_PER_FILE, gname):
            _render(env, "issue.html", out_dir / "issues" / pg.name(pg.number), root="../", current="issues",
                    g=g, rep_crop=rep_crop, rep_lang=rep_page.get("lang") if rep_page else None, pg=pg,
                    items=items, **common)

    # Pages list: HTML pages worst first, then documents and errors.
    def page_order(p):
        kind = {"html": 0, "document": 1}.get(p["kind"], 2)
        return (kind, p["score"] if p["score"] is not None else 101, -p["counts"]["fail"], p["url"])
    ordered = sorted(data.pages, key=page_order)
    for pg, items in _paginate(ordered, PAGES_PER_FILE, name):
        _render(env, "pages.html", out_dir / "pages" / pg.name(pg.number), root="../", current="pages",
                pg=pg, items=items, **common)

    html_pages = [p for p in ordered if p["kind"] == "html"]
    worst = [p for p in html_pages if p["score"] is not None][:TOP_N]
    documents = [p for p in ordered if p["kind"] == "document"]
    errored = [p for p in ordered if p["kind"] not in ("html", "document")]
    groups_fail = sum(1 for g in data.groups if g["category"] == "fail")
    _render(env, "index.html", out_dir / "index.html", root="", current="index", data=data,
            top_groups=sorted(data.groups, key=lambda g: (CATEGORIES.index(g["category"]), -impact_rank(g["impact"]),
                                                          -g["page_count"]))[:TOP_N],
            worst_pages=worst, documents=documents[:20], errored=errored[:20],
            more_other=len(documents) > 20 or len(errored) > 20, groups_fail=groups_fail, **common)
    _render(env, "rules.html", out_dir / "rules.html", root="", current="rules", rules=data.rules,
            groups_by_id=groups_by_id, **common)
    sc_groups: dict[str, list[dict[str, Any]]] = {}
    for g in data.groups:
        if g["category"] == "fail":
            for sc in g["wcag"]:
                sc_groups.setdefault(sc, []).append(g)
    _render(env, "conformance.html", out_dir / "conformance.html", root="", current="conformance",
            conformance=data.conformance, sc_groups=sc_groups, **common)
    pl_pages = sorted((p for p in html_pages if p["pl"]["flagged"]), key=lambda p: (-p["pl"]["flagged"], p["url"]))
    _render(env, "language.html", out_dir / "language.html", root="", current="language",
            pl_pages=pl_pages[:PL_PAGES], pl_more=len(pl_pages) > PL_PAGES, **common)
    statements = [statement.build(data, lang) for lang in ("fi", "sv")]
    for st in statements:
        (out_dir / f"statement-{st['lang']}.txt").write_text(statement.to_text(st), encoding="utf-8")
    _render(env, "statement.html", out_dir / "statement.html", root="", current="statement",
            statements=statements, **common)
    return out_dir / "index.html"
