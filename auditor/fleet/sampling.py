"""Sampling for monitoring (`sample = N` in the site list): discover cheaply, then audit a sample.

In the spirit of WCAG-EM (W3C, steps 3.a-e: a structured sample of the essential pages and one page of each
template, plus a random sample) and of the simplified monitoring method of Commission Implementing Decision (EU)
2018/1524. The structured part, in order: the front page, the accessibility statement, the feedback page, the
login / e-service entry, then one page per template (template = same path shape and same layout-tag skeleton,
spiders/discover.py). The rest of the N pages are drawn at random with a recorded seed, so the same seed on the
same discovered site gives the same sample. Each sampled page is stored with its reason (store.samples).
"""
from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Link texts and URL words that name the pages of the structured sample, in Finnish, Swedish and English.
STATEMENT = re.compile(r"saavutettavuus|tillgänglighet|accessibility", re.I)
FEEDBACK = re.compile(r"palaute|anna.palautetta|respons|ge.respons|feedback|contact|yhteydenotto|kontakt", re.I)
ESERVICE = re.compile(r"kirjaudu|kirjautu|tunnistau|asiointi|e-?palvelu|sähköinen.asiointi|logga.in|inloggning|"
                      r"e-?tjänst|login|log.in|sign.in|e-?service", re.I)
# The discovery budget: how many URLs the plain-HTTP crawl may request for a sample of N (at least 50, at most
# 1,000): enough to see the site's templates without crawling a large site whole.
DISCOVERY_FACTOR = 10


class SamplingError(Exception):
    """The site could not be discovered (unreachable, no HTML page): the job fails with this reason."""


@dataclass(frozen=True)
class Choice:
    url: str
    reason: str  # front | statement | feedback | eservice | template | random
    detail: str = ""


def _matches(p: dict[str, Any], pattern: re.Pattern) -> bool:
    return bool(pattern.search(p["url"].split("://", 1)[-1].split("/", 1)[-1]) or pattern.search(p["title"] or "")
                or any(pattern.search(t) for t in p.get("link_texts") or ()))


def choose(pages: list[dict[str, Any]], seed_url: str, n: int, seed: int) -> list[Choice]:
    """The sample of n pages from the discovered pages (pure: same inputs, same sample)."""
    pages = sorted(pages, key=lambda p: (p["depth"], p["url"]))
    by_url = {p["url"]: p for p in pages}
    out: list[Choice] = []
    taken: set[str] = set()

    def take(p: dict[str, Any], reason: str, detail: str = "") -> None:
        if len(out) < n and p["url"] not in taken:
            out.append(Choice(p["url"], reason, detail))
            taken.add(p["url"])

    front = by_url.get(seed_url) or (pages[0] if pages else None)
    if front is not None:
        take(front, "front")
    for reason, pattern in (("statement", STATEMENT), ("feedback", FEEDBACK), ("eservice", ESERVICE)):
        hit = next((p for p in pages if p["url"] not in taken and _matches(p, pattern)), None)
        if reason == "eservice" and hit is None:
            hit = next((p for p in pages if p["url"] not in taken and p.get("password")), None)
        if hit is not None:
            take(hit, reason, (hit.get("title") or "")[:80])
    templates: dict[str, dict[str, Any]] = {}
    for p in pages:
        templates.setdefault(f"{p['shape']} {p['skeleton']}", p)
    covered = {f"{by_url[u]['shape']} {by_url[u]['skeleton']}" for u in taken}
    for key, p in templates.items():
        if key not in covered:
            take(p, "template", key.split(" ", 1)[0])
    rest = [p for p in pages if p["url"] not in taken]
    rng = random.Random(seed)
    for p in rng.sample(rest, min(len(rest), max(0, n - len(out)))):
        take(p, "random")
    return out


def sample_site(site: dict[str, Any], n: int, seed: int, out: Path) -> list[Choice]:
    """Discover the site in a child process (plain HTTP, robots.txt obeyed) and choose the sample."""
    opts = site.get("options") or {}
    budget = int(opts.get("discovery_pages") or min(1000, max(50, DISCOVERY_FACTOR * n)))
    out.mkdir(parents=True, exist_ok=True)
    result = out / f"discovery-{seed}.json"
    from auditor.fleet.tasks import _die_with_parent, site_config

    cfg = site_config(site)
    args = [sys.executable, "-m", "spiders.discover", site["url"], "--budget", str(budget), "--delay",
            str(cfg.delay), "--user-agent", cfg.ua, "--out", str(result)]
    if not cfg.sitemaps:
        args.append("--no-sitemaps")
    p = subprocess.run(args, capture_output=True, text=True, timeout=3600, preexec_fn=_die_with_parent,
                       env=dict(os.environ))
    try:
        data = json.loads(result.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        tail = (p.stderr.strip().splitlines() or ["no output"])[-1][:300]
        raise SamplingError(f"discovery of {site['url']} failed: {tail}") from None
    if not data["pages"]:
        why = data["errors"][0] if data["errors"] else "no HTML page found"
        raise SamplingError(f"discovery of {site['url']} found no HTML page: {why}")
    return choose(data["pages"], data["seed"], n, seed)
