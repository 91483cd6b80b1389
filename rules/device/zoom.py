"""DI-2 zoom not blocked by the meta viewport and DI-3 text clipped or overlapping at 200 % (WCAG 1.4.4)."""
from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.registry import Hit, PageArtifacts, msg, rule
from rules.device.common import axe_nodes, per_vp, snip

# ACT b4f0c3: maximum-scale must allow at least 200 % (WCAG 1.4.4 asks for text resizable to 200 %).
MIN_MAX_SCALE = 2.0
_NUM = re.compile(r"^-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?")


def _value(v: str) -> float | None:
    """A viewport property value as a number, the way browsers read it (CSS Device Adaptation, "translate"):
    yes = 1, no = 0.1 (for scales; 0 for user-scalable), device-width/height = 10, a leading number as is,
    anything else as "no"."""
    v = v.strip().lower()
    if v == "yes":
        return 1.0
    if v in ("device-width", "device-height"):
        return 10.0
    m = _NUM.match(v)
    if m:
        return float(m.group(0))
    return None  # "no" and unknown keywords


def viewport_blocks_zoom(content: str | None) -> str | None:
    """Why a meta viewport `content` stops zooming to 200 %, or None when it does not (ACT b4f0c3)."""
    if not content:
        return None
    props: dict[str, str] = {}
    for part in re.split(r"[,;]", content):
        if "=" in part:
            k, _, v = part.partition("=")
            props[k.strip().lower()] = v.strip()
    if "user-scalable" in props:
        raw = props["user-scalable"]
        n = _value(raw)
        # user-scalable: yes, a number of 1 or more (or -1 or less), device-width/height allow zoom; "no", an
        # unknown keyword or a number between -1 and 1 turn it off.
        if n is None or abs(n) < 1:
            return msg(en=f"user-scalable={raw} turns zooming off",
                       fi=f"user-scalable={raw} estää zoomauksen",
                       sv=f"user-scalable={raw} stänger av zoomning")
    if "maximum-scale" in props:
        raw = props["maximum-scale"]
        n = _value(raw)
        if n is None:
            return msg(en=f"maximum-scale={raw} is read as 0.1 and stops zooming",
                       fi=f"maximum-scale={raw} tulkitaan arvoksi 0,1 ja estää zoomauksen",
                       sv=f"maximum-scale={raw} tolkas som 0,1 och stoppar zoomning")
        if 0 <= n < MIN_MAX_SCALE:
            return msg(en=f"maximum-scale={raw} stops zooming below {MIN_MAX_SCALE:g} × (200 %)",
                       fi=f"maximum-scale={raw} estää zoomaamasta {MIN_MAX_SCALE:g}-kertaiseksi (200 %)",
                       sv=f"maximum-scale={raw} stoppar zoomning under {MIN_MAX_SCALE:g} × (200 %)")
    return None


@rule(
    "DI-2",
    title_en="Zoom blocked",
    title_fi="Zoomaus estetty",
    title_sv="Zoomning blockerad",
    help_sv=(
        "Zoomning blockerad: meta viewport hindrar nypzoomning på telefoner (user-scalable=no, eller "
        'maximum-scale under 2). Ta bort user-scalable och maximum-scale från <meta name="viewport">; '
        "width=device-width, initial-scale=1 räcker. (axe-cores regel meta-viewport kontrollerar samma sak; "
        "när den rapporterar sidan upprepar denna regel det inte.)"
    ),
    area="device",
    requires=("device",),
    impact="critical",
    wcag=("1.4.4",),
    act=("b4f0c3",),
    help_en="Zoom blocked: the meta viewport stops pinch zoom on phones (user-scalable=no, or maximum-scale below "
            "2). Remove user-scalable and maximum-scale from <meta name=\"viewport\">; width=device-width, "
            "initial-scale=1 is enough. (axe-core's meta-viewport rule checks the same; when it reports the page, "
            "this rule does not repeat it.)",
    help_fi="Zoomaus estetty: meta viewport estää puhelimen nipistyszoomauksen (user-scalable=no tai maximum-scale "
            "alle 2). Poista user-scalable ja maximum-scale <meta name=\"viewport\"> -elementistä; "
            "width=device-width, initial-scale=1 riittää. (axe-coren meta-viewport-sääntö tarkistaa saman; kun se "
            "raportoi sivun, tämä sääntö ei toista havaintoa.)",
)
def zoom_blocked(art: PageArtifacts) -> Iterator[Hit]:
    """A meta viewport whose user-scalable or maximum-scale stops zooming (ACT b4f0c3 semantics)."""
    if axe_nodes(art, "meta-viewport"):
        return  # axe-core reports it for this page already: one problem, one finding
    dev = art.page.get("device")
    if not isinstance(dev, dict):
        return
    for m in dev.get("viewport_meta") or []:
        why = viewport_blocks_zoom(m.get("content"))
        if why:
            yield Hit(selector=m.get("sel") or "meta[name=viewport]", snippet=snip(m.get("snippet")),
                      message=msg(en=f"{why}.", fi=f"{why.fi}.", sv=f"{why.sv}."))


@rule(
    "DI-3",
    title_en="Text cut off when enlarged",
    title_fi="Teksti leikkautuu suurennettaessa",
    title_sv="Text skärs av vid förstoring",
    help_sv=(
        "Ändra textstorlek: med text i 200 % (enbart texten, som webbläsarens textzoom eller användarens "
        "teckenstorlek) eller med 200 % sidzoom skärs texten av av en ruta som döljer sitt överflöde, eller "
        "den hamnar över annan text. Låt rutorna växa med texten: inga fasta höjder i px på textbehållare "
        "(använd min-height eller em/rem), ingen overflow: hidden där text kan växa och ingen absolut "
        "positionerad text över annan text."
    ),
    area="device",
    requires=("textfit",),
    impact="serious",
    wcag=("1.4.4",),
    act=("59br37",),
    help_en="Resize text: with text at 200 % (text only, as a browser's text-zoom or a user's font size does), or "
            "at 200 % page zoom, this text is cut off by a box that hides its overflow, or it runs over other "
            "text. Let boxes grow with their text: no fixed heights in px on text containers (use min-height, or "
            "em/rem units), no overflow: hidden where text can grow, and no absolutely positioned text over "
            "other text.",
    help_fi="Tekstin koon muuttaminen: kun teksti on 200 % (pelkkä teksti, kuten selaimen tekstizoom tai käyttäjän "
            "fonttikoko) tai sivu on zoomattu 200 %:iin, teksti leikkautuu laatikkoon, joka piilottaa ylivuodon, "
            "tai menee toisen tekstin päälle. Anna laatikoiden kasvaa tekstin mukana: ei kiinteitä "
            "pikselikorkeuksia tekstisäiliöille (käytä min-heightia tai em/rem-yksiköitä), ei overflow: hiddenia "
            "kasvavan tekstin ympärille eikä absoluuttisesti sijoiteltua tekstiä toisen tekstin päälle.",
)
def resize_text(art: PageArtifacts) -> Iterator[Hit]:
    """Text clipped at 200 % page zoom (ACT 59br37: half the CSS width), or clipped / overlapping other text with
    text alone at 200 % (and not so in the original page)."""
    for vp, tf in per_vp(art, "textfit"):
        z = tf.get("zoom200") or {}
        size = "×".join(str(x) for x in z.get("size") or [])
        for c in z.get("clipped") or []:
            clip = c.get("clip") or ""
            yield Hit(selector=c["sel"], snippet=snip(c.get("snippet")), viewport=vp, box=c.get("box"),
                      evidence={"state": "zoom200", "axis": c.get("axis"), "clip": c.get("clip"), "text": c.get("text"),
                                "crop": c.get("crop")},
                      message=msg(
                          en=f"At 200 % zoom ({size} CSS px) the text “{c.get('text', '')}” is cut off"
                             f"{f' by {clip}' if clip else ''} "
                             f"({'sideways' if c.get('axis') == 'x' else 'vertically'}).",
                          fi=f"200 %:n zoomauksella ({size} CSS px) teksti ”{c.get('text', '')}” leikkautuu"
                             f"{f' (leikkaa: {clip})' if clip else ''} "
                             f"({'sivusuunnassa' if c.get('axis') == 'x' else 'pystysuunnassa'}).",
                          sv=f"Vid 200 % zoom ({size} CSS px) skärs texten ”{c.get('text', '')}” av"
                             f"{f' av {clip}' if clip else ''} "
                             f"({'i sidled' if c.get('axis') == 'x' else 'på höjden'})."))
        t = tf.get("text200") or {}
        for c in t.get("clipped") or []:
            clip = c.get("clip") or ""
            yield Hit(selector=c["sel"], snippet=snip(c.get("snippet")), viewport=vp, box=c.get("box"), act=(),
                      evidence={"state": "text200", "axis": c.get("axis"), "clip": c.get("clip"), "text": c.get("text"),
                                "crop": c.get("crop")},
                      message=msg(
                          en=f"With text at 200 % the text “{c.get('text', '')}” is cut off"
                             f"{f' by {clip}' if clip else ''}.",
                          fi=f"Kun teksti on 200 %, teksti ”{c.get('text', '')}” leikkautuu"
                             f"{f' (leikkaa: {clip})' if clip else ''}.",
                          sv=f"Med text i 200 % skärs texten ”{c.get('text', '')}” av"
                             f"{f' av {clip}' if clip else ''}."))
        for o in t.get("overlaps") or []:
            yield Hit(selector=o["sel"], snippet=snip(o.get("snippet")), viewport=vp, box=o.get("box"), act=(),
                      evidence={"state": "text200", "other": o.get("other"), "crop": o.get("crop")},
                      message=msg(
                          en=f"With text at 200 % the text “{o.get('text', '')}” runs over "
                             f"“{o.get('other_text', '')}” ({o.get('other')}).",
                          fi=f"Kun teksti on 200 %, teksti ”{o.get('text', '')}” menee tekstin "
                             f"”{o.get('other_text', '')}” päälle ({o.get('other')}).",
                          sv=f"Med text i 200 % hamnar texten ”{o.get('text', '')}” över "
                             f"”{o.get('other_text', '')}” ({o.get('other')})."))
