"""DI-16: running text that scrolls sideways inside its own box at narrow widths (WCAG 1.4.10).

DI-1 finds a page that scrolls sideways. A box with `overflow-x: auto/scroll` hides the same failure: the page
fits, but the paragraph inside the box is wider than the box, so reading it means scrolling in two directions —
what 1.4.10 rules out for text (its exceptions are content that needs two dimensions: data tables, maps,
diagrams, code). Boxes around tables, `pre` and `code` are therefore not looked at (auditor/gatherers/textstyle.js).
"""
from __future__ import annotations

from collections.abc import Iterator

from auditor.registry import Hit, PageArtifacts, msg, rule
from rules.device.common import per_vp, width_of


@rule(
    "DI-16",
    area="device",
    requires=("textstyle",),
    impact="serious",
    wcag=("1.4.10",),
    title_en="Text scrolls sideways inside a box",
    title_fi="Teksti vierii sivusuunnassa laatikon sisällä",
    title_sv="Text rullar i sidled inne i en ruta",
    help_en="Reflow: at 320 CSS px, running text sits in a box that scrolls sideways (overflow: auto or scroll) "
            "and its lines are wider than the box, so every line must be scrolled to read. Let the text wrap: "
            "remove white-space: nowrap and fixed widths from the text, and keep overflow-x: auto for tables, "
            "code and other two-dimensional content only (WCAG 1.4.10).",
    help_fi="Responsiivisuus: 320 CSS-pikselin levyisenä leipäteksti on laatikossa, joka vierii sivusuunnassa "
            "(overflow: auto tai scroll), ja sen rivit ovat laatikkoa leveämpiä, joten jokainen rivi pitää "
            "vierittää luettavaksi. Anna tekstin rivittyä: poista tekstiltä white-space: nowrap ja kiinteät "
            "leveydet, ja käytä overflow-x: auto -sääntöä vain taulukoille, koodille ja muulle kaksiulotteiselle "
            "sisällölle (WCAG 1.4.10).",
    help_sv="Omflödning: vid 320 CSS-pixlar ligger brödtext i en ruta som rullar i sidled (overflow: auto eller "
            "scroll) och raderna är bredare än rutan, så varje rad måste rullas för att läsas. Låt texten radbrytas: "
            "ta bort white-space: nowrap och fasta bredder från texten, och använd overflow-x: auto bara för "
            "tabeller, kod och annat tvådimensionellt innehåll (WCAG 1.4.10).",
)
def text_in_scroller(art: PageArtifacts) -> Iterator[Hit]:
    """Boxes that scroll sideways at a narrow viewport with running text wider than the box inside."""
    for vp, data in per_vp(art, "textstyle"):
        w = width_of(art, vp) or data.get("vw")
        for it in data.get("scroll_text") or []:
            yield Hit(selector=it.get("sel") or "div", snippet=it.get("html") or "", viewport=vp, box=it.get("box"),
                      evidence={k: it.get(k) for k in ("text_sel", "box_w", "scroll_w", "line_w")},
                      message=msg(
                          en=f"At {w} px this box is {it.get('box_w')} px wide but its text is "
                             f"{it.get('line_w')} px wide: the text must be scrolled sideways to read.",
                          fi=f"{w} px:n levyisenä tämä laatikko on {it.get('box_w')} px leveä, mutta sen teksti on "
                             f"{it.get('line_w')} px leveä: tekstiä pitää vierittää sivusuunnassa.",
                          sv=f"Vid {w} px är rutan {it.get('box_w')} px bred men texten {it.get('line_w')} px: "
                             f"texten måste rullas i sidled för att läsas."))
