"""DI-14 page weight against a budget (advisory): heavy pages are slow and costly on wireless connections."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from auditor.registry import Hit, PageArtifacts, msg, rule

# Default budget. The HTTP Archive Web Almanac 2024 (Page Weight chapter) puts the median mobile home page at
# about 2.3 MB and 70 requests; a public e-service page should be no heavier than the median web page. A config's
# `budgets` table overrides them: {"page_weight_kb": ..., "requests": ...}.
DEFAULT_BUDGET_KB = 2000
DEFAULT_BUDGET_REQUESTS = 80


def budget(options: dict[str, Any]) -> tuple[int, int]:
    b = options.get("budgets") or {}
    try:
        kb = int(b.get("page_weight_kb") or DEFAULT_BUDGET_KB)
        req = int(b.get("requests") or DEFAULT_BUDGET_REQUESTS)
    except (TypeError, ValueError):
        kb, req = DEFAULT_BUDGET_KB, DEFAULT_BUDGET_REQUESTS
    return kb, req


def weight_of(art: PageArtifacts) -> dict[str, Any] | None:
    dev = art.page.get("device")
    w = dev.get("weight") if isinstance(dev, dict) else None
    if not isinstance(w, dict):
        return None
    # The crawl's network log also sees cross-origin requests that Resource Timing hides the size of.
    net = art.page.get("network")
    requests = max(int(w.get("requests") or 0), len(net) if isinstance(net, list) else 0)
    return {**w, "requests": requests}


@rule(
    "DI-14",
    title_en="Heavy page",
    title_fi="Raskas sivu",
    title_sv="Tung sida",
    help_sv=(
        "Sidans vikt: sidan laddar ner mer än budgeten (som standard 2 000 kB eller 80 förfrågningar, ungefär "
        "medianwebbsidan). På en långsam eller avgiftsbelagd trådlös anslutning kostar det tid och pengar. "
        "Komprimera och skala om bilder (WebP/AVIF, srcset), ta bort oanvända skript och typsnitt, ladda "
        "innehåll nedanför skärmkanten först när det behövs."
    ),
    area="device",
    requires=("device",),
    impact="minor",
    advisory=True,
    help_en="Page weight: the page downloads more than the budget (by default 2,000 KB or 80 requests, about the "
            "median web page). On a slow or metered wireless connection that costs time and money. Compress and "
            "resize images (WebP/AVIF, srcset), drop unused scripts and fonts, load below-the-fold content lazily.",
    help_fi="Sivun paino: sivu lataa enemmän kuin budjetti sallii (oletuksena 2 000 kt tai 80 pyyntöä, noin "
            "verkkosivujen mediaani). Hitaalla tai maksullisella langattomalla yhteydellä se maksaa aikaa ja "
            "rahaa. Pakkaa ja skaalaa kuvat (WebP/AVIF, srcset), poista käyttämättömät skriptit ja fontit, lataa "
            "näkymän alapuolinen sisältö laiskasti.",
)
def page_weight(art: PageArtifacts) -> Iterator[Hit]:
    """Bytes (document + resources, cold cache) or requests over the budget; the heaviest resources are named."""
    w = weight_of(art)
    if not w:
        return
    kb_budget, req_budget = budget(art.options)
    kb = (w.get("total_bytes") or 0) / 1024
    req = w.get("requests") or 0
    if kb <= kb_budget and req <= req_budget:
        return
    heavy = ", ".join(f"{h['url'].rsplit('/', 1)[-1][:60] or h['url'][:60]} ({h['bytes'] // 1024} KB)"
                      for h in (w.get("heaviest") or [])[:3])
    nu = w.get("unknown_size")
    yield Hit(selector="html", snippet="", viewport=None,
              evidence={"bytes": w.get("total_bytes"), "requests": req, "budget_kb": kb_budget,
                        "budget_requests": req_budget, "heaviest": w.get("heaviest") or []},
              message=msg(
                  en=f"{kb:,.0f} KB in {req} requests (budget {kb_budget:,} KB, {req_budget} requests). "
                     f"Heaviest: {heavy or '–'}"
                     f"{f'; {nu} cross-origin resources of unknown size not counted' if nu else ''}.",
                  fi=f"{kb:.0f} kt, {req} pyyntöä (budjetti {kb_budget} kt, {req_budget} pyyntöä). "
                     f"Raskaimmat: {heavy or '–'}"
                     f"{f'; {nu} muun palvelimen resurssia, joiden kokoa ei tiedetä, ei laskettu' if nu else ''}.",
                  sv=f"{kb:.0f} kB i {req} förfrågningar (budget {kb_budget} kB, {req_budget} förfrågningar). "
                     f"Tyngst: {heavy or '–'}"
                     f"{f'; {nu} resurser från andra servrar med okänd storlek inte räknade' if nu else ''}."))
