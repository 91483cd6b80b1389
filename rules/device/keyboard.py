"""DI-8 … DI-12, DI-15: what the keyboard walk (auditor/gatherers/keyboard.py) found."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from auditor.registry import Hit, PageArtifacts, msg, rule
from rules.device.common import axe_boxes, box_key, per_vp, snip

MAX_HITS = 20


def _desktop_walks(art: PageArtifacts) -> Iterator[tuple[str, dict[str, Any]]]:
    """Walks at desktop-class widths. The phone-width walk is read by DI-10 only (focus hidden by fixed banners,
    most common on phones); the other keyboard rules keep WCAG's 1280 px reference window."""
    return ((vp, kb) for vp, kb in per_vp(art, "keyboard") if not kb.get("phone"))


def _records(kb: dict[str, Any]) -> dict[int, dict[str, Any]]:
    # Artifacts read back from JSON have string keys; fresh ones have ints.
    return {int(k): v for k, v in (kb.get("records") or {}).items()}


def _sel(recs: dict[int, dict], i: int) -> str:
    return (recs.get(i) or {}).get("sel") or f"#{i}"


@rule(
    "DI-8",
    title_en="Keyboard trap",
    title_fi="Näppäimistöansa",
    title_sv="Tangentbordsfälla",
    help_sv=(
        "Tangentbordsfälla: när fokus väl har kommit in i dessa element tar varken Tab, Shift+Tab eller "
        "Escape ut det, så en tangentbordsanvändare fastnar. Låt fokus lämna med Tab och Shift+Tab (eller "
        "stäng komponenten med Escape och flytta tillbaka fokus till det som öppnade den)."
    ),
    area="device",
    requires=("keyboard",),
    impact="critical",
    wcag=("2.1.2",),
    help_en="Keyboard trap: once focus enters these elements, neither Tab, Shift+Tab nor Escape takes it out, so a "
            "keyboard user is stuck. Let focus leave with Tab and Shift+Tab (or close the component with Escape "
            "and move focus back to what opened it).",
    help_fi="Näppäimistöansa: kun kohdistus siirtyy näihin elementteihin, Tab, Shift+Tab tai Esc ei vie sitä "
            "pois, joten näppäimistön käyttäjä jää jumiin. Anna kohdistuksen poistua Tabilla ja Shift+Tabilla "
            "(tai sulje komponentti Escillä ja palauta kohdistus sen avanneeseen elementtiin).",
)
def keyboard_trap(art: PageArtifacts) -> Iterator[Hit]:
    """Focus cycles among a few elements and Tab, Shift+Tab and Escape cannot take it out."""
    for vp, kb in _desktop_walks(art):
        trap = kb.get("trap")
        if not trap:
            continue
        recs = _records(kb)
        cyc = trap.get("cycle") or []
        first = recs.get(cyc[0], {}) if cyc else {}
        yield Hit(selector=first.get("sel") or "html", snippet=snip(first.get("snippet")), viewport=vp,
                  box=first.get("box"), evidence={"cycle": [_sel(recs, i) for i in cyc]},
                  message=msg(
                      en=f"Focus is trapped among {len(cyc)} element(s): "
                         f"{', '.join(_sel(recs, i) for i in cyc[:6])}. Tab, Shift+Tab and Escape do not leave.",
                      fi=f"Kohdistus jää jumiin näihin elementteihin ({len(cyc)}): "
                         f"{', '.join(_sel(recs, i) for i in cyc[:6])}. Tab, Shift+Tab tai Esc ei vie siitä pois.",
                      sv=f"Fokus är instängt bland dessa element ({len(cyc)}): "
                         f"{', '.join(_sel(recs, i) for i in cyc[:6])}. Tab, Shift+Tab och Escape tar sig inte ut."))


@rule(
    "DI-9",
    title_en="Keyboard focus not visible",
    title_fi="Näppäimistökohdistus ei näy",
    title_sv="Tangentbordsfokus syns inte",
    help_sv=(
        "Fokus syns inte: när elementet får tangentbordsfokus ändras ingenting på skärmen (ingen kontur, "
        "ingen färg, inget runt det), eller så är det utanför skärmen. Tangentbordsanvändare ser inte var de "
        "är. Ta inte bort konturen (outline: none) utan en tydlig ersättning, t.ex. :focus-visible { outline: "
        "3px solid; outline-offset: 2px }."
    ),
    area="device",
    requires=("keyboard",),
    impact="serious",
    wcag=("2.4.7",),
    act=("oj04fd",),
    help_en="Focus not visible: when this element gets keyboard focus nothing on screen changes (no outline, no "
            "colour, nothing around it), or it is off screen. Keyboard users cannot see where they are. Do not "
            "remove the outline (outline: none) without a clear replacement, e.g. :focus-visible { outline: 3px "
            "solid; outline-offset: 2px }.",
    help_fi="Kohdistus ei näy: kun elementti saa näppäimistökohdistuksen, näytöllä ei muutu mikään (ei ääriviivaa, "
            "värimuutosta tai muuta), tai elementti on näytön ulkopuolella. Näppäimistön käyttäjä ei näe, missä "
            "on. Älä poista ääriviivaa (outline: none) ilman selvää korvaajaa, esim. :focus-visible { outline: 3px "
            "solid; outline-offset: 2px }.",
)
def focus_visible(art: PageArtifacts) -> Iterator[Hit]:
    """Focused by Tab, the element looks the same as unfocused: no computed style of it or its neighbours changes
    and two screenshots of its area (focused, blurred) are identical; or it stays off screen when focused. Text
    fields with no change are left for review (their caret may be the indicator)."""
    for vp, kb in _desktop_walks(art):
        n = 0
        for i, r in sorted(_records(kb).items()):
            if n >= MAX_HITS:
                break
            if r.get("no_visible_change") and r.get("offscreen") and not r.get("shown"):
                n += 1
                yield Hit(selector=r["sel"], snippet=snip(r.get("snippet")), viewport=vp, box=r.get("box"),
                          message=msg(
                              en="When focused, this element is outside the visible area: focus cannot be seen.",
                              fi="Kohdistettuna elementti on näkyvän alueen ulkopuolella: kohdistusta ei näe.",
                              sv="När elementet har fokus är det utanför det synliga området: fokus syns inte."))
            elif r.get("no_visible_change"):
                n += 1
                yield Hit(selector=r["sel"], snippet=snip(r.get("snippet")), viewport=vp, box=r.get("box"),
                          evidence={"crop": r["crop"]} if r.get("crop") else None,
                          message=msg(
                              en="When this element gets keyboard focus, not one pixel around it changes.",
                              fi="Kun elementti saa näppäimistökohdistuksen, yksikään pikseli sen ympärillä ei "
                                 "muutu.",
                              sv="När elementet får tangentbordsfokus ändras inte en enda pixel runt det."))
            elif r.get("changed") is False and r.get("text_entry"):
                n += 1
                yield Hit(selector=r["sel"], snippet=snip(r.get("snippet")), viewport=vp, box=r.get("box"),
                          outcome="review", act=(),
                          message=msg(
                              en="This text field shows no focus style; only the text cursor may show focus. "
                                 "Check that focus is clearly visible.",
                              fi="Tekstikentällä ei ole kohdistustyyliä; vain tekstikursori voi näyttää "
                                 "kohdistuksen. Tarkista, että kohdistus näkyy selvästi.",
                              sv="Textfältet har ingen fokusstil; bara textmarkören kan visa fokus. Kontrollera att "
                                 "fokus syns tydligt."))


@rule(
    "DI-10",
    title_en="Focused element hidden",
    title_fi="Kohdistettu elementti peittyy",
    title_sv="Fokuserat element döljs",
    help_sv=(
        "Dolt fokus: när elementet får tangentbordsfokus täcks det helt av annat innehåll, oftast ett fast "
        "sidhuvud, en cookie-banner eller en chattknapp. Lämna plats för det (scroll-padding-top på html lika "
        "med det fasta sidhuvudets höjd), eller täck inte innehåll med fasta element."
    ),
    area="device",
    requires=("keyboard",),
    impact="serious",
    wcag=("2.4.11",),
    help_en="Focus hidden: when this element gets keyboard focus it is entirely covered by other content, usually "
            "a sticky header, a cookie banner or a chat button. Leave room for it (scroll-padding-top on html "
            "equal to the sticky header's height), or do not cover content with fixed elements.",
    help_fi="Kohdistus peittyy: kun elementti saa näppäimistökohdistuksen, muu sisältö peittää sen kokonaan, "
            "yleensä kiinteä ylätunniste, evästebanneri tai chat-painike. Jätä sille tilaa (scroll-padding-top "
            "html-elementille kiinteän ylätunnisteen korkuiseksi) tai älä peitä sisältöä kiinteillä elementeillä.",
)
def focus_obscured(art: PageArtifacts) -> Iterator[Hit]:
    """The focused element is entirely hidden by other content (nine sample points all covered)."""
    for vp, kb in per_vp(art, "keyboard"):
        n = 0
        for i, r in sorted(_records(kb).items()):
            h = r.get("hidden")
            if not h or n >= MAX_HITS:
                continue
            n += 1
            fixed = bool(h.get("fixed"))
            yield Hit(selector=r["sel"], snippet=snip(r.get("snippet")), viewport=vp,
                      box=r.get("hidden_box") or r.get("box"),
                      evidence={"covered_by": h.get("by"), **({"crop": r["crop"]} if r.get("crop") else {})},
                      message=msg(
                          en=f"When focused, this element is entirely covered by "
                             f"{'a fixed or sticky element' if fixed else 'another element'}: {h.get('by')} "
                             f"{snip(h.get('by_snippet'))[:120]}",
                          fi=f"Kohdistettuna elementin peittää kokonaan "
                             f"{'kiinteä elementti' if fixed else 'toinen elementti'}: {h.get('by')} "
                             f"{snip(h.get('by_snippet'))[:120]}",
                          sv=f"När elementet har fokus täcks det helt av "
                             f"{'ett fast element' if fixed else 'ett annat element'}: {h.get('by')} "
                             f"{snip(h.get('by_snippet'))[:120]}"))


@rule(
    "DI-11",
    title_en="Not usable by keyboard",
    title_fi="Ei käytettävissä näppäimistöllä",
    title_sv="Går inte att använda med tangentbord",
    help_sv=(
        "Går inte att använda med tangentbord: elementet reagerar på musen (en klickhanterare, en widgetroll "
        "eller en pekarmarkör) men kan inte få tangentbordsfokus, eller Tab når det aldrig. Använd en riktig "
        '<button> eller <a href>, eller ge en egen kontroll tabindex="0" och tangenthanterare (Enter, '
        "mellanslag)."
    ),
    area="device",
    requires=("keyboard",),
    impact="serious",
    wcag=("2.1.1",),
    help_en="Not operable by keyboard: this element reacts to the mouse (a click handler, a widget role, or a "
            "pointer cursor) but cannot get keyboard focus, or Tab never reaches it. Use a real <button> or <a "
            "href>, or add tabindex=\"0\" and key handlers (Enter, Space) to a custom control.",
    help_fi="Ei käytettävissä näppäimistöllä: elementti reagoi hiireen (napsautuksen käsittelijä, "
            "komponenttirooli tai osoitinkursori), mutta ei saa näppäimistökohdistusta, tai Tab ei koskaan "
            "saavuta sitä. Käytä oikeaa <button>- tai <a href> -elementtiä tai lisää omalle komponentille "
            "tabindex=\"0\" ja näppäinkäsittelijät (Enter, välilyönti).",
)
def not_keyboard_operable(art: PageArtifacts) -> Iterator[Hit]:
    """Tab stops that a complete Tab walk never reached; elements with a click handler or a widget role that are not
    focusable (fail); elements styled with a pointer cursor that are not focusable (review); Tab blocked at a point
    from which only Shift+Tab gets out (review)."""
    for vp, kb in _desktop_walks(art):
        for u in (kb.get("unreached") or [])[:MAX_HITS]:
            yield Hit(selector=u["sel"], snippet=snip(u.get("snippet")), viewport=vp, box=u.get("box"),
                      message=msg(
                          en="This element is in the tab order, but Tab went round the whole page without "
                             "reaching it.",
                          fi="Elementti on sarkainjärjestyksessä, mutta Tab kiersi koko sivun saavuttamatta sitä.",
                          sv="Elementet finns i tabbordningen, men Tab gick runt hela sidan utan att nå det."))
        for m in (kb.get("mouse_only") or [])[:MAX_HITS]:
            kind = m.get("kind")
            why = {"handler": ("has a mouse click handler", "reagoi hiiren napsautukseen",
                               "har en klickhanterare för musen"),
                   "role": ("has a widget role", "on komponenttiroolissa", "har en widgetroll")}.get(
                kind, ("has a pointer cursor", "näyttää osoitinkursorin", "har en pekarmarkör"))
            yield Hit(selector=m["sel"], snippet=snip(m.get("snippet")), viewport=vp, box=m.get("box"),
                      outcome="review" if kind == "pointer" else None,
                      message=msg(
                          en=f"This element {why[0]} but cannot get keyboard focus, and contains no focusable "
                             "element.",
                          fi=f"Elementti {why[1]}, mutta ei saa näppäimistökohdistusta eikä sisällä "
                             "kohdistettavaa elementtiä.",
                          sv=f"Elementet {why[2]} men kan inte få tangentbordsfokus och innehåller inget element "
                             "som kan få fokus."))
        fb = kb.get("forward_blocked")
        if fb:
            recs = _records(kb)
            cyc = fb.get("cycle") or []
            first = recs.get(cyc[0], {}) if cyc else {}
            yield Hit(selector=first.get("sel") or "html", snippet=snip(first.get("snippet")), viewport=vp,
                      outcome="review",
                      message=msg(
                          en=f"Tab keeps focus among {', '.join(_sel(recs, i) for i in cyc[:6])}; only "
                             f"{fb.get('escape')} gets out. Content after it may be unreachable by Tab.",
                          fi=f"Tab pitää kohdistuksen näissä: {', '.join(_sel(recs, i) for i in cyc[:6])}; vain "
                             f"{fb.get('escape')} vie pois. Sen jälkeiseen sisältöön ei ehkä pääse Tabilla.",
                          sv=f"Tab håller fokus bland {', '.join(_sel(recs, i) for i in cyc[:6])}; bara "
                             f"{fb.get('escape')} tar sig ut. Innehåll efter det kan vara onåbart med Tab."))


@rule(
    "DI-12",
    title_en="Frame skipped by the keyboard",
    title_fi="Kehys ohitetaan näppäimistöllä",
    title_sv="Ram hoppas över med tangentbord",
    help_sv=(
        'Iframe utanför tabbordningen: tabindex="-1" på denna iframe hindrar tangentbordsanvändare från att '
        "nå länkarna och kontrollerna i den. Ta bort det negativa tabindex-värdet. (axe-cores "
        "frame-focusable-content kontrollerar samma sak; iframes som den rapporterar upprepas inte här.)"
    ),
    area="device",
    requires=("keyboard",),
    impact="serious",
    wcag=("2.1.1",),
    act=("akn7bn",),
    help_en="Iframe out of the tab order: tabindex=\"-1\" on this iframe keeps keyboard users from the links and "
            "controls inside it. Remove the negative tabindex. (axe-core's frame-focusable-content checks the "
            "same; iframes it reports are not repeated here.)",
    help_fi="Iframe pois sarkainjärjestyksestä: tabindex=\"-1\" estää näppäimistön käyttäjiä pääsemästä iframen "
            "linkkeihin ja säätimiin. Poista negatiivinen tabindex. (axe-coren frame-focusable-content tarkistaa "
            "saman; sen raportoimia iframeja ei toisteta.)",
)
def iframe_out_of_tab_order(art: PageArtifacts) -> Iterator[Hit]:
    """An iframe with a negative tabindex whose document has visible tab stops (ACT akn7bn)."""
    known = axe_boxes(art, "frame-focusable-content")
    for vp, kb in _desktop_walks(art):
        for f in kb.get("iframes") or []:
            if box_key(vp, f.get("box")) in known:
                continue
            yield Hit(selector=f["sel"], snippet=snip(f.get("snippet")), viewport=vp, box=f.get("box"),
                      message=msg(
                          en=f"This iframe has a negative tabindex but {f.get('tabbables')} visible tab stop(s) "
                             f"inside: keyboard users cannot reach them.",
                          fi=f"Iframella on negatiivinen tabindex, mutta sen sisällä on {f.get('tabbables')} "
                             f"näkyvää kohdistettavaa kohdetta: näppäimistön käyttäjä ei pääse niihin.",
                          sv=f"Denna iframe har negativt tabindex men {f.get('tabbables')} synliga tabbstopp "
                             f"inuti: tangentbordsanvändare når dem inte."))


@rule(
    "DI-15",
    title_en="Focus order to check",
    title_fi="Tarkista kohdistusjärjestys",
    title_sv="Kontrollera fokusordningen",
    help_sv=(
        "Fokusordning att kontrollera: Tab flyttade fokus bakåt på sidan (ett skript flyttar fokus), "
        "Shift+Tab följde inte Tab-ordningen baklänges, positiva tabindex-värden ändrar ordningen, eller "
        "fokus på ett element laddade en annan sida. Kontrollera att ordningen bevarar sidans betydelse och "
        "funktion."
    ),
    area="device",
    requires=("keyboard",),
    impact="moderate",
    outcome="review",
    wcag=("2.4.3",),
    help_en="Focus order to check: Tab moved focus backwards in the page (a script moving focus), Shift+Tab did "
            "not retrace the Tab order, positive tabindex values reorder the page, or focusing an element loaded "
            "another page. Check that the order keeps the meaning and operation of the page.",
    help_fi="Tarkistettava kohdistusjärjestys: Tab siirsi kohdistusta sivulla taaksepäin (skripti siirtää "
            "kohdistusta), Shift+Tab ei kulkenut Tab-järjestystä takaperin, positiiviset tabindex-arvot muuttavat "
            "järjestystä tai elementin kohdistaminen avasi toisen sivun. Tarkista, että järjestys säilyttää sivun "
            "merkityksen ja toiminnan.",
)
def focus_order(art: PageArtifacts) -> Iterator[Hit]:
    """Signs of a focus order that needs a person's judgement."""
    for vp, kb in _desktop_walks(art):
        recs = _records(kb)
        if kb.get("navigated_to"):
            yield Hit(selector="html", viewport=vp, wcag=("2.4.3", "3.2.1"),
                      message=msg(
                          en=f"Moving focus with Tab loaded another page ({kb['navigated_to'][:120]}); the walk "
                             f"stopped there.",
                          fi=f"Kohdistuksen siirtäminen Tabilla avasi toisen sivun ({kb['navigated_to'][:120]}); "
                             f"tarkistus pysähtyi siihen.",
                          sv=f"När fokus flyttades med Tab laddades en annan sida ({kb['navigated_to'][:120]}); "
                             f"genomgången stannade där."))
        if kb.get("self_moving"):
            yield Hit(selector="html", viewport=vp, wcag=("2.4.3", "2.1.1"),
                      message=msg(
                          en="Focus moves on its own, far more often than keys are pressed (a script moves it): "
                             "keyboard users cannot keep their place.",
                          fi="Kohdistus siirtyy itsestään paljon useammin kuin näppäimiä painetaan (skripti "
                             "siirtää sitä): näppäimistön käyttäjä ei pysy kohdassaan.",
                          sv="Fokus flyttar sig självt, mycket oftare än tangenter trycks (ett skript flyttar det): "
                             "tangentbordsanvändare kan inte hålla sin plats."))
            continue
        for a, b in (kb.get("jumps") or [])[:5]:
            r = recs.get(b, {})
            yield Hit(selector=r.get("sel") or "html", snippet=snip(r.get("snippet")), viewport=vp, box=r.get("box"),
                      message=msg(
                          en=f"Tab from {_sel(recs, a)} moved focus back up the page to this element.",
                          fi=f"Tab kohteesta {_sel(recs, a)} siirsi kohdistuksen takaisin ylöspäin tähän "
                             "elementtiin.",
                          sv=f"Tab från {_sel(recs, a)} flyttade fokus tillbaka uppåt på sidan till detta "
                             "element."))
        mism = kb.get("reverse_mismatch") or []
        if mism:
            a, b = mism[0]
            yield Hit(selector=_sel(recs, b), snippet=snip(recs.get(b, {}).get("snippet")), viewport=vp,
                      message=msg(
                          en=f"Shift+Tab from {_sel(recs, a)} went to this element, which Tab does not reach just "
                             f"before it ({len(mism)} such step(s)).",
                          fi=f"Shift+Tab kohteesta {_sel(recs, a)} siirtyi tähän elementtiin, johon Tab ei osu "
                             f"juuri ennen sitä (tällaisia askelia {len(mism)}).",
                          sv=f"Shift+Tab från {_sel(recs, a)} gick till detta element, som Tab inte når strax "
                             f"före det ({len(mism)} sådana steg)."))
        for i, r in sorted(recs.items()):
            ti = r.get("tabindex")
            if ti and ti.strip().lstrip("+").isdigit() and int(ti) > 0:
                yield Hit(selector=r["sel"], snippet=snip(r.get("snippet")), viewport=vp, box=r.get("box"),
                          message=msg(
                              en=f"tabindex=\"{ti}\" puts this element ahead of the document order.",
                              fi=f"tabindex=\"{ti}\" nostaa elementin dokumentin järjestyksen edelle.",
                              sv=f"tabindex=\"{ti}\" sätter elementet före dokumentets ordning."))
