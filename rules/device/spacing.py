"""DI-4 inline !important text spacing too small and DI-5 content lost with the WCAG text spacing (WCAG 1.4.12)."""
from __future__ import annotations

from collections.abc import Iterator

from auditor.registry import Hit, PageArtifacts, msg, rule
from rules.device.common import axe_boxes, box_key, per_vp, snip

_NAMES = {"letter-spacing": ("Letter spacing", "Kirjainväli", "Teckenavstånd"),
          "word-spacing": ("Word spacing", "Sanaväli", "Ordavstånd"),
          "line-height": ("Line height", "Rivikorkeus", "Radhöjd")}


@rule(
    "DI-4",
    title_en="Text spacing locked",
    title_fi="Tekstin välistys lukittu",
    title_sv="Textavstånd låst",
    help_sv=(
        "Textavstånd låst: ett style-attribut sätter teckenavstånd, ordavstånd eller radhöjd med !important "
        "under WCAG:s textavstånd (0,12 em, 0,16 em, 1,5), så användarens egna avstånd kan inte gälla. Ta "
        "bort !important eller använd minst de värdena. (axe-cores avoid-inline-spacing kontrollerar samma "
        "sak; element som den rapporterar upprepas inte här.)"
    ),
    area="device",
    requires=("layout",),
    impact="serious",
    wcag=("1.4.12",),
    act=("24afc2", "78fd32", "9e45ec"),
    help_en="Text spacing locked: a style attribute sets letter spacing, word spacing or line height with "
            "!important below the WCAG text spacing (0.12 em, 0.16 em, 1.5), so users' own spacing cannot apply. "
            "Drop the !important, or use at least those values. (axe-core's avoid-inline-spacing checks the "
            "same; elements it reports are not repeated here.)",
    help_fi="Tekstin välistys lukittu: style-attribuutti asettaa kirjainvälin, sanavälin tai rivikorkeuden "
            "!important-määreellä pienemmäksi kuin WCAG:n välistys (0,12 em, 0,16 em, 1,5), joten käyttäjän oma "
            "välistys ei voi tulla voimaan. Poista !important tai käytä vähintään näitä arvoja. (axe-coren "
            "avoid-inline-spacing tarkistaa saman; sen raportoimia elementtejä ei toisteta.)",
)
def important_spacing(art: PageArtifacts) -> Iterator[Hit]:
    """Inline `!important` letter-spacing / word-spacing / line-height below 0.12 / 0.16 / 1.5 times the font size,
    on visible text it governs (ACT 24afc2, 9e45ec, 78fd32; line height only for text of more than one line)."""
    known = axe_boxes(art, "avoid-inline-spacing")
    for vp, lay in per_vp(art, "layout"):
        for f in (lay.get("spacing") or {}).get("fails") or []:
            if box_key(vp, f.get("box")) in known:
                continue
            prop = str(f.get("prop"))
            name = _NAMES.get(prop, (prop, prop, prop))
            yield Hit(selector=f["sel"], snippet=snip(f.get("snippet")), viewport=vp, box=f.get("box"),
                      act=(f["act"],) if f.get("act") else None,
                      evidence={"property": f.get("prop"), "declared": f.get("declared"), "ratio": f.get("ratio")},
                      message=msg(
                          en=f"{name[0]} is set to “{f.get('declared')} !important”: {f.get('ratio')} × the font "
                             f"size, below the {f.get('min')} × users must be able to set.",
                          fi=f"{name[1]} on asetettu arvoon ”{f.get('declared')} !important”: {f.get('ratio')} × "
                             f"fonttikoko, alle arvon {f.get('min')} ×, joka käyttäjän on voitava asettaa.",
                          sv=f"{name[2]} är satt till ”{f.get('declared')} !important”: {f.get('ratio')} × "
                             f"teckenstorleken, under de {f.get('min')} × som användare måste kunna ställa in."))


@rule(
    "DI-5",
    title_en="Text cut off with more spacing",
    title_fi="Teksti leikkautuu väljemmällä välistyksellä",
    title_sv="Text skärs av med större avstånd",
    help_sv=(
        "Textavstånd: med WCAG:s textavstånd (radhöjd 1,5, styckeavstånd 2 em, teckenavstånd 0,12 em, "
        "ordavstånd 0,16 em) skärs texten av eller hamnar över annan text. Låt textbehållare växa: inga fasta "
        "höjder eller bredder i px runt text, ingen overflow: hidden där text kan växa."
    ),
    area="device",
    requires=("textfit",),
    impact="serious",
    wcag=("1.4.12",),
    help_en="Text spacing: with the WCAG text spacing applied (line height 1.5, paragraph spacing 2 em, letter "
            "spacing 0.12 em, word spacing 0.16 em), this text is cut off or runs over other text. Let text "
            "containers grow: no fixed heights or widths in px around text, no overflow: hidden where text can "
            "grow.",
    help_fi="Tekstin välistys: kun WCAG:n välistys on käytössä (rivikorkeus 1,5, kappaleväli 2 em, kirjainväli "
            "0,12 em, sanaväli 0,16 em), teksti leikkautuu tai menee toisen tekstin päälle. Anna tekstisäiliöiden "
            "kasvaa: ei kiinteitä pikselikorkeuksia tai -leveyksiä tekstin ympärillä eikä overflow: hiddenia "
            "kasvavan tekstin ympärille.",
)
def spacing_loss(art: PageArtifacts) -> Iterator[Hit]:
    """Text clipped by overflow, or overlapping other text, once the WCAG 1.4.12 spacing is applied (and not so in
    the original page)."""
    for vp, tf in per_vp(art, "textfit"):
        s = tf.get("spacing") or {}
        for c in s.get("clipped") or []:
            clip = c.get("clip") or ""
            yield Hit(selector=c["sel"], snippet=snip(c.get("snippet")), viewport=vp, box=c.get("box"),
                      evidence={"axis": c.get("axis"), "clip": c.get("clip"), "text": c.get("text"),
                                "crop": c.get("crop")},
                      message=msg(
                          en=f"With the WCAG text spacing the text “{c.get('text', '')}” is cut off"
                             f"{f' by {clip}' if clip else ''}.",
                          fi=f"WCAG:n välistyksellä teksti ”{c.get('text', '')}” leikkautuu"
                             f"{f' (leikkaa: {clip})' if clip else ''}.",
                          sv=f"Med WCAG:s textavstånd skärs texten ”{c.get('text', '')}” av"
                             f"{f' av {clip}' if clip else ''}."))
        for o in s.get("overlaps") or []:
            yield Hit(selector=o["sel"], snippet=snip(o.get("snippet")), viewport=vp, box=o.get("box"),
                      evidence={"other": o.get("other"), "crop": o.get("crop")},
                      message=msg(
                          en=f"With the WCAG text spacing the text “{o.get('text', '')}” runs over "
                             f"“{o.get('other_text', '')}” ({o.get('other')}).",
                          fi=f"WCAG:n välistyksellä teksti ”{o.get('text', '')}” menee tekstin "
                             f"”{o.get('other_text', '')}” päälle ({o.get('other')}).",
                          sv=f"Med WCAG:s textavstånd hamnar texten ”{o.get('text', '')}” över "
                             f"”{o.get('other_text', '')}” ({o.get('other')})."))
