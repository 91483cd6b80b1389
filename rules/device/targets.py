"""DI-7 pointer targets too small and too close at phone widths (WCAG 2.5.8 Target Size (Minimum), AA)."""
from __future__ import annotations

from collections.abc import Iterator

from auditor.registry import Hit, PageArtifacts, msg, rule
from rules.device.common import per_vp, snip


@rule(
    "DI-7",
    title_en="Touch target too small",
    title_fi="Kosketuskohde liian pieni",
    title_sv="Pekmålet är för litet",
    help_sv=(
        "Målstorlek: länken eller kontrollen är mindre än 24 × 24 CSS-pixlar vid telefonbredd, och en cirkel "
        "på 24 px centrerad på den når ett annat mål. Gör den minst 24 × 24 px (utfyllnad räknas, t.ex. "
        "display: inline-block; padding: .25rem), eller glesa ut målen så att cirklarna inte rör varandra. "
        "Länkar inne i en mening är undantagna."
    ),
    area="device",
    requires=("layout",),
    impact="serious",
    wcag=("2.5.8",),
    help_en="Target size: this link or control is smaller than 24 × 24 CSS px at a phone width, and a 24 px "
            "circle centred on it touches another target. Make it at least 24 × 24 px (padding counts, e.g. "
            "display: inline-block; padding: .25rem), or space the targets so the circles do not touch. Links "
            "inside a sentence are exempt.",
    help_fi="Kohteen koko: linkki tai painike on puhelinleveydellä alle 24 × 24 CSS-pikseliä, ja sen keskelle "
            "piirretty 24 pikselin ympyrä osuu toiseen kohteeseen. Kasvata kohde vähintään 24 × 24 pikseliin "
            "(täyte lasketaan mukaan, esim. display: inline-block; padding: .25rem) tai väljennä kohteita niin, "
            "etteivät ympyrät kosketa. Virkkeen sisällä olevat linkit on vapautettu.",
)
def target_size(art: PageArtifacts) -> Iterator[Hit]:
    """Undersized pointer targets whose 24 px spacing circle meets another target (measured at phone widths)."""
    for vp, lay in per_vp(art, "layout"):
        for f in (lay.get("targets") or {}).get("fails") or []:
            yield Hit(selector=f["sel"], snippet=snip(f.get("snippet")), viewport=vp, box=f.get("box"),
                      evidence={"size": [f.get("w"), f.get("h")], "near": f.get("near")},
                      message=msg(
                          en=f"{f.get('w')} × {f.get('h')} CSS px, and too close to {f.get('near')}.",
                          fi=f"{f.get('w')} × {f.get('h')} CSS-pikseliä ja liian lähellä kohdetta {f.get('near')}.",
                          sv=f"{f.get('w')} × {f.get('h')} CSS-pixlar och för nära {f.get('near')}."))
