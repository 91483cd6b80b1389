"""The HTML report: index.html (site summary), rules.html (one section per rule) and pages/<id>.html.

Everything that came from a crawled page is untrusted: Jinja autoescaping is on, nothing is marked safe, and a
URL becomes a link only when it is http(s) (the `web_url` test). The folder opens from disk with no network and no
JavaScript: one local stylesheet, a strict Content-Security-Policy in every page, screenshots copied next to it.
Pages are streamed to disk one at a time.
"""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from auditor import engine
from auditor.store import Store
from reports.data import CATEGORIES, SEVERITIES, VIEWPORT_NAME, ReportData, build, iso

HERE = Path(__file__).parent
CATEGORY_LABELS = {"fail": "Failures", "review": "Needs review", "advisory": "Advisory", "error": "Rule errors"}
CSP = "default-src 'none'; img-src 'self' data:; style-src 'self'; base-uri 'none'; form-action 'none'"


def is_web_url(value: Any) -> bool:
    return isinstance(value, str) and value[:8].lower().startswith(("http://", "https://"))


def fmt_dt(value: dt.datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S UTC") if value else "not finished"


def fmt_num(value: Any, digits: int = 2) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{round(value, digits):g}"
    return str(value)


def plural(n: int, word: str, words: str | None = None) -> str:
    return f"{n} {word if n == 1 else words or word + 's'}"


_env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True, trim_blocks=True,
                   lstrip_blocks=True, undefined=StrictUndefined)
_env.tests["web_url"] = is_web_url
_env.filters.update(dt=fmt_dt, iso=iso, num=fmt_num, plural=plural)
_env.globals.update(CSP=CSP, CATEGORIES=CATEGORIES, CATEGORY_LABELS=CATEGORY_LABELS, SEVERITIES=SEVERITIES,
                    IMPACT_WEIGHT=engine.IMPACT_WEIGHT)


def _render(template: str, path: Path, **ctx: Any) -> None:
    _env.get_template(template).stream(**ctx).dump(str(path), encoding="utf-8")


def _copy_shots(page: dict[str, Any], viewports: list[dict[str, Any]], shots_dir: Path) -> list[dict[str, Any]]:
    """<artifact_dir>/<viewport>.jpg -> shots/<page_id>-<viewport>.jpg, file to file (never held in memory)."""
    if not page.get("artifact_dir"):
        return []
    out = []
    for vp in viewports:
        if not VIEWPORT_NAME.fullmatch(vp["name"]):
            continue
        src = Path(page["artifact_dir"]) / f"{vp['name']}.jpg"
        if src.is_file():
            name = f"{int(page['id'])}-{vp['name']}.jpg"
            shutil.copyfile(src, shots_dir / name)
            out.append(dict(vp, file=name))
    return out


def write(store: Store, run_id: int, out_dir: Path, data: ReportData | None = None) -> Path:
    data = data or build(store, run_id)
    out_dir = Path(out_dir)
    for sub in ("assets", "pages", "shots"):
        (out_dir / sub).mkdir(parents=True, exist_ok=True)
    shutil.copyfile(HERE / "static" / "report.css", out_dir / "assets" / "report.css")
    common = {"run": data.run, "viewports": data.viewports, "summary": data.summary}
    _render("index.html", out_dir / "index.html", root="", current="index", data=data, **common)
    _render("rules.html", out_dir / "rules.html", root="", current="rules", rules=data.rules, **common)
    for page in data.pages:
        shots = _copy_shots(page, data.viewports, out_dir / "shots")
        _render("page.html", out_dir / "pages" / f"{int(page['id'])}.html", root="../", current="page",
                page=page, shots=shots, **common)
    return out_dir / "index.html"
