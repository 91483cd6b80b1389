"""DI-1 reflow at narrow widths (WCAG 1.4.10) and DI-13 content lost on small screens (needs review)."""
from __future__ import annotations

from collections.abc import Iterator

from auditor.registry import Hit, PageArtifacts, msg, rule
from rules.device.common import per_vp, snip, width_of

# Evidence lists are cut: the first offenders point at the cause, a hundred more add nothing.
MAX_HITS = 10


@rule(
    "DI-1",
    area="device",
    requires=("layout",),
    impact="serious",
    wcag=("1.4.10",),
    title_en="Page scrolls sideways on a narrow screen",
    title_fi="Sivu vierii sivusuunnassa kapealla näytöllä",
    title_sv="Sidan rullar i sidled på en smal skärm",
    help_en="Reflow: at 320 CSS px wide (400 % zoom of a 1280 px window) the page must not scroll sideways or cut "
            "content off. The elements named stick out past the viewport: give them a flexible width "
            "(max-width: 100 %, no fixed widths in px, wrap long words with overflow-wrap: anywhere), or let a wide "
            "part scroll on its own (overflow-x: auto). Data tables, maps, diagrams, images, video, code and "
            "toolbars are exempt.",
    help_fi="Responsiivisuus: 320 CSS-pikselin levyisenä (1280 px:n ikkuna 400 %:n zoomilla) sivua ei saa joutua "
            "vierittämään sivusuunnassa eikä sisältöä saa leikkautua pois. Nimetyt elementit ulottuvat näkymän "
            "ulkopuolelle: anna niille joustava leveys (max-width: 100 %, ei kiinteitä pikselileveyksiä, pitkät "
            "sanat rivittyvät overflow-wrap: anywhere -säännöllä) tai anna leveän osan vierittyä itsekseen "
            "(overflow-x: auto). Datataulukot, kartat, kaaviot, kuvat, video, koodi ja työkalurivit on vapautettu.",
    help_sv="Omflödning: vid 320 CSS-pixlars bredd (ett 1280 px brett fönster förstorat 400 %) får sidan inte rulla i "
            "sidled eller skära av innehåll. De namngivna elementen sticker ut utanför visningsområdet: ge dem en "
            "flexibel bredd (max-width: 100 %, inga fasta bredder i px, bryt långa ord med overflow-wrap: anywhere) "
            "eller låt en bred del rulla för sig (overflow-x: auto). Datatabeller, kartor, diagram, bilder, video, "
            "kod och verktygsfält är undantagna.",
)
def reflow(art: PageArtifacts) -> Iterator[Hit]:
    """The page scrolls sideways (or cuts content off) at a viewport; each element that sticks out is named, with
    a screenshot crop that outlines it and marks the viewport's right edge."""
    for vp, lay in per_vp(art, "layout"):
        r = lay.get("reflow") or {}
        offenders = r.get("offenders") or []
        if not (r.get("scrolls") or (r.get("clipped") and offenders)):
            continue
        width = width_of(art, vp) or lay.get("vw")
        evidence = {"scroll_width": r.get("scroll_width"), "viewport_width": lay.get("vw")}
        if r.get("crop"):
            evidence["crop"] = r["crop"]
        clipped = bool(r.get("clipped"))
        if not offenders:
            if r.get("exempt_only"):
                continue  # only exempt content (a data table, a map, an image) is wider than the viewport
            yield Hit(selector="html", snippet="<html>", viewport=vp, evidence=evidence,
                      message=msg(
                          en=f"At {width} px the page is {r.get('scroll_width')} px wide and scrolls sideways; "
                             f"no single element was found to blame (a pseudo-element or a negative margin?).",
                          fi=f"{width} px:n levyisenä sivu on {r.get('scroll_width')} px leveä ja vierii "
                             f"sivusuunnassa. Yksittäistä syyllistä elementtiä ei löytynyt (pseudoelementti tai "
                             f"negatiivinen marginaali?).",
                          sv=f"Vid {width} px är sidan {r.get('scroll_width')} px bred och rullar i sidled; inget "
                             f"enskilt element kunde pekas ut (ett pseudoelement eller en negativ marginal?)."))
            continue
        for o in offenders[:MAX_HITS]:
            yield Hit(selector=o["sel"], snippet=snip(o.get("snippet")), viewport=vp, box=o.get("box"),
                      evidence=evidence,
                      message=msg(
                          en=f"At {width} px this element reaches {o.get('right')} px ({o.get('width')} px wide) and "
                             + ("is cut off at the edge (the page hides horizontal overflow)." if clipped else
                                "makes the page scroll sideways."),
                          fi=f"{width} px:n levyisenä tämä elementti ulottuu {o.get('right')} px:iin "
                             f"({o.get('width')} px leveä) ja "
                             + ("leikkautuu reunasta (sivu piilottaa vaakasuuntaisen ylivuodon)." if clipped else
                                "saa sivun vierimään sivusuunnassa."),
                          sv=f"Vid {width} px når elementet {o.get('right')} px ({o.get('width')} px brett) och "
                             + ("skärs av vid kanten (sidan döljer horisontellt överflöde)." if clipped else
                                "får sidan att rulla i sidled.")))


@rule(
    "DI-13",
    title_en="Content lost on small screens",
    title_fi="Sisältöä katoaa pienellä näytöllä",
    title_sv="Innehåll försvinner på små skärmar",
    help_sv=(
        "Innehåll försvinner på små skärmar: något som visas i det bredaste visningsområdet saknas i ett "
        "smalare utan synligt alternativ (navigering utan menyknapp, formulärfält, textblock). Kontrollera "
        "att samma information och funktioner finns på en telefon (omflödning utan förlust av innehåll eller "
        "funktion)."
    ),
    area="device",
    requires=("layout",),
    impact="moderate",
    outcome="review",
    wcag=("1.4.10",),
    help_en="Content lost on small screens: something shown on the widest viewport is gone on a narrower one with "
            "no visible alternative (navigation without a menu button, form fields, text blocks). Check that the "
            "same information and functions are available on a phone (reflow is without loss of content or "
            "functionality).",
    help_fi="Sisältöä katoaa pienellä näytöllä: leveimmässä näkymässä näkyvä sisältö puuttuu kapeammasta ilman "
            "näkyvää vaihtoehtoa (navigaatio ilman valikkopainiketta, lomakekentät, tekstilohkot). Tarkista, että "
            "samat tiedot ja toiminnot ovat saatavilla puhelimella (responsiivisuus ilman sisällön tai "
            "toiminnallisuuden menetystä).",
)
def content_lost(art: PageArtifacts) -> Iterator[Hit]:
    """Navigation, form fields or text blocks visible at the widest viewport and gone at a narrower one."""
    inv = {vp: lay.get("inventory") or {} for vp, lay in per_vp(art, "layout")}
    if len(inv) < 2:
        return
    widest = max(inv, key=lambda v: width_of(art, v))
    wide = inv[widest]
    for vp, small in inv.items():
        if vp == widest or width_of(art, vp) >= width_of(art, widest):
            continue
        if wide.get("nav_links", 0) > 0 and small.get("nav_links", 0) == 0 and not small.get("menu_toggles"):
            yield Hit(selector="nav", snippet="<nav>", viewport=vp,
                      message=msg(
                          en=f"{wide['nav_links']} navigation links are shown at {widest} and none at {vp}, and no "
                             f"menu button was found there.",
                          fi=f"Näkymässä {widest} näkyy {wide['nav_links']} navigaatiolinkkiä, näkymässä {vp} ei "
                             f"yhtään, eikä siellä löytynyt valikkopainiketta.",
                          sv=f"{wide['nav_links']} navigeringslänkar visas vid {widest} och ingen vid {vp}, och "
                             f"ingen menyknapp hittades där."))
        shown = set(small.get("fields") or [])
        for f in [f for f in wide.get("fields") or [] if f not in shown][:MAX_HITS]:
            yield Hit(selector=f, viewport=vp, message=msg(
                en=f"This form field is shown at {widest} but not at {vp}.",
                fi=f"Lomakekenttä näkyy näkymässä {widest} mutta ei näkymässä {vp}.",
                sv=f"Formulärfältet visas vid {widest} men inte vid {vp}."))
        text = set(small.get("text") or [])
        small_blocks = {b["sel"]: b for b in small.get("blocks") or []}
        n = 0
        for b in wide.get("blocks") or []:
            if not b.get("visible") or n >= MAX_HITS:
                continue
            sb = small_blocks.get(b["sel"])
            if sb is None or sb.get("visible"):
                continue
            if any(fp in text for fp in b.get("fps") or []):
                continue  # the same text is shown elsewhere at the narrow width
            n += 1
            yield Hit(selector=b["sel"], snippet=snip(b.get("snippet")), viewport=vp,
                      message=msg(
                          en=f"This text is shown at {widest} but hidden at {vp}, and its text is not shown "
                             f"elsewhere on the page there.",
                          fi=f"Teksti näkyy näkymässä {widest} mutta on piilossa näkymässä {vp}, eikä samaa tekstiä "
                             f"näytetä siellä muualla sivulla.",
                          sv=f"Texten visas vid {widest} men är dold vid {vp}, och samma text visas inte någon "
                             f"annanstans på sidan där."))
