"""The fleet's site list: `sites.toml` ([[site]] tables) or CSV, checked before anything is stored.

    [[site]]
    url = "https://www.example.fi/"
    organisation = "Example City"
    max-pages = 100          # pages to audit (a crawl), or
    sample = 30              # audit a sample of 30 pages (structured + random, auditor/fleet/sampling.py)
    viewports = "mobile,desktop"
    schedule = "@monthly"    # "", "every 30d", "every 10m", cron "0 3 1 * *", @hourly/@daily/@weekly/@monthly
    login = "profiles/example.toml"   # a config file with [auth]/[login] (references to secrets only)
    tags = ["city", "health"]
    delay = 1.0              # further audit settings: delay, rules, depth, screenshots, page-timeout, include…

CSV: a header row with url, organisation, max_pages, sample, viewports, schedule, login, tags (separated by ;).
"""
from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from auditor.fleet.settings import FleetError

COLUMNS = {"url", "organisation", "max_pages", "sample", "viewports", "schedule", "login", "tags"}
OPTIONS = {"delay", "rules", "depth", "screenshots", "sitemaps", "autothrottle", "page_timeout_s", "include",
           "exclude", "user_agent", "contact", "insecure", "allow_subdomains", "discovery_pages"}


def normalise(entry: dict[str, Any], where: str = "") -> dict[str, Any]:
    """One site entry → the columns of fleet_sites (options in `options`). Raises FleetError naming the problem."""
    from auditor.fleet.schedule import parse_schedule
    from auditor.models import Viewport
    from spiders.urls import canonical, is_http_url

    e = {k.replace("-", "_"): v for k, v in entry.items() if v not in (None, "")}
    if e.get("page_timeout") is not None:
        e["page_timeout_s"] = e.pop("page_timeout")
    pre = f"{where}: " if where else ""
    url = str(e.get("url") or "").strip()
    if not is_http_url(url):
        raise FleetError(f"{pre}not an http(s) URL: {url!r}")
    unknown = set(e) - COLUMNS - OPTIONS
    if unknown:
        raise FleetError(f"{pre}unknown key {sorted(unknown)[0]!r}")
    out: dict[str, Any] = {"url": canonical(url), "organisation": str(e.get("organisation") or "").strip()}
    try:
        out["max_pages"] = int(e["max_pages"]) if "max_pages" in e else 100
        out["sample"] = int(e["sample"]) if "sample" in e else 0
    except (TypeError, ValueError):
        raise FleetError(f"{pre}max-pages and sample are whole numbers") from None
    if out["max_pages"] < 1 or out["sample"] < 0:
        raise FleetError(f"{pre}max-pages must be at least 1 and sample 0 or more")
    vp = e.get("viewports") or "mobile,desktop"
    vp = ",".join(vp) if isinstance(vp, list) else str(vp)
    try:
        Viewport.parse_list(vp)
    except ValueError as exc:
        raise FleetError(f"{pre}{exc}") from None
    out["viewports"] = vp
    sched = str(e.get("schedule") or "").strip()
    try:
        parse_schedule(sched)
    except ValueError as exc:
        raise FleetError(f"{pre}{exc}") from None
    out["schedule"] = sched
    login = str(e.get("login") or "")
    if login and not Path(login).is_file():
        raise FleetError(f"{pre}login profile not found: {login}")
    out["login"] = str(Path(login).resolve()) if login else ""
    tags = e.get("tags") or []
    if isinstance(tags, str):
        tags = [t.strip() for t in tags.replace(",", ";").split(";")]
    out["tags"] = sorted({str(t).strip() for t in tags if str(t).strip()})
    opts = {k: e[k] for k in OPTIONS if k in e}
    if "delay" in opts:
        try:
            opts["delay"] = float(opts["delay"])
        except (TypeError, ValueError):
            raise FleetError(f"{pre}delay is a number of seconds") from None
        if opts["delay"] < 0:
            raise FleetError(f"{pre}delay must be 0 or more")
    out["options"] = opts
    return out


def load(path: Path) -> list[dict[str, Any]]:
    """Sites from a TOML or CSV file."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise FleetError(f"cannot read {path}: {exc.strerror}") from None
    if path.suffix.lower() == ".csv":
        rows = list(csv.DictReader(io.StringIO(text)))
        if rows and "url" not in rows[0]:
            raise FleetError(f"{path}: the CSV needs a header row with a url column")
        return [normalise({k.strip(): (v or "").strip() for k, v in r.items() if k}, f"{path} row {i + 2}")
                for i, r in enumerate(rows)]
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise FleetError(f"{path}: not valid TOML: {exc}") from None
    sites = data.get("site")
    if not isinstance(sites, list):
        raise FleetError(f"{path}: no [[site]] tables")
    return [normalise(s, f"{path} site {i + 1}") for i, s in enumerate(sites)]
