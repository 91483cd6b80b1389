"""Images axe-core does not judge (ACC-40..ACC-44), from the `checks` page facts.

alt and title that disagree, an empty alt with a title, animated images that play longer than five seconds
without a control (2.2.2; frames and durations counted with Pillow in auditor/gatherers/checks.py), spacer images
and inline SVGs that draw content but have no role and no name (axe looks only at SVGs with role="img").
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from auditor.registry import Hit, Msg, PageArtifacts, msg, rule

MAX_HITS = 10
# WCAG 2.2.2: moving content that starts automatically and lasts more than five seconds needs a way to pause.
ANIM_LIMIT_MS = 5000
SPACER_NAME = re.compile(r"(^|[/_.-])(spacer|blank|pixel|transparent|clear|shim|1x1|dot)[^/]*\.(gif|png)$", re.I)
# An SVG "draws content" when it has text, or is at least this big with a few shapes (a chart, a map, a diagram):
# smaller shape-only SVGs are icons, decorative unless they are a control's only content.
SVG_CONTENT_PX = 100
SVG_CONTENT_SHAPES = 3
ALNUM = re.compile(r"[\W_]+", re.U)


def _facts(art: PageArtifacts) -> dict:
    return art.page.get("checks") or {}


def _hit(img: dict, message: Msg, **kw) -> Hit:
    return Hit(selector=img.get("sel") or "img", snippet=img.get("html") or "", message=message, **kw)


def _squash(s: str) -> str:
    return ALNUM.sub("", s).lower()


@rule(
    "ACC-40", area="accessibility", requires=("checks",), impact="moderate", outcome="review", wcag=("1.1.1",),
    title_en="Image alt and title disagree",
    title_fi="Kuvan alt ja title ovat ristiriidassa",
    title_sv="Bildens alt och title stämmer inte överens",
    help_en="The image's alt text and its title (the tooltip) say different things. Screen reader users hear one, "
            "sighted mouse users see the other; one of them is probably out of date. Make them agree, or drop the "
            "title (WCAG 1.1.1, technique H37).",
    help_fi="Kuvan alt-teksti ja title (työkaluvihje) kertovat eri asioita. Ruudunlukijan käyttäjä kuulee toisen ja "
            "hiiren käyttäjä näkee toisen; toinen on luultavasti vanhentunut. Yhdenmukaista ne tai poista title "
            "(WCAG 1.1.1, tekniikka H37).",
    help_sv="Bildens alt-text och title (verktygstipset) säger olika saker. Skärmläsaranvändare hör det ena, "
            "musanvändare ser det andra; ett av dem är troligen inaktuellt. Gör dem samstämmiga eller ta bort title "
            "(WCAG 1.1.1, teknik H37).",
)
def alt_title_disagree(art: PageArtifacts) -> Iterator[Hit]:
    """Both alt and title non-empty, and neither contains the other (letters and digits compared)."""
    n = 0
    for img in _facts(art).get("images") or []:
        alt, title = img.get("alt") or "", img.get("title") or ""
        if not img.get("vis") or not alt or not title:
            continue
        a, t = _squash(alt), _squash(title)
        if not a or not t or a in t or t in a:
            continue
        n += 1
        if n > MAX_HITS:
            return
        yield _hit(img, msg(en=f"alt “{alt[:80]}” and title “{title[:80]}” say different things.",
                            fi=f"alt “{alt[:80]}” ja title “{title[:80]}” kertovat eri asioita.",
                            sv=f"alt “{alt[:80]}” och title “{title[:80]}” säger olika saker."))


@rule(
    "ACC-41", area="accessibility", requires=("checks",), impact="moderate", outcome="review", wcag=("1.1.1",),
    title_en="Decorative image with a title",
    title_fi="Koristekuvalla on title",
    title_sv="Dekorativ bild med title",
    help_en="The image has alt=\"\" (decorative: screen readers skip it) but a title that shows as a tooltip. If "
            "the title says something users need, the image is not decorative: put the text in alt. If not, "
            "remove the title (WCAG 1.1.1, techniques H67, H37).",
    help_fi="Kuvalla on alt=\"\" (koriste: ruudunlukija ohittaa sen) mutta title, joka näkyy työkaluvihjeenä. Jos "
            "title kertoo jotain tarpeellista, kuva ei ole koriste: kirjoita teksti alt-määreeseen. Muuten poista "
            "title (WCAG 1.1.1, tekniikat H67, H37).",
    help_sv="Bilden har alt=\"\" (dekorativ: skärmläsare hoppar över den) men en title som visas som verktygstips. "
            "Om title säger något användarna behöver är bilden inte dekorativ: skriv texten i alt. Annars ta bort "
            "title (WCAG 1.1.1, teknik H67, H37).",
)
def empty_alt_with_title(art: PageArtifacts) -> Iterator[Hit]:
    """alt="" with a non-empty title (and no aria-label)."""
    n = 0
    for img in _facts(art).get("images") or []:
        if not img.get("vis") or img.get("alt") != "" or not img.get("title") or img.get("aria"):
            continue
        n += 1
        if n > MAX_HITS:
            return
        title = img["title"]
        yield _hit(img, msg(en=f"alt is empty but the title says “{title[:80]}”.",
                            fi=f"alt on tyhjä, mutta title sanoo “{title[:80]}”.",
                            sv=f"alt är tomt men title säger “{title[:80]}”."))


def plays_too_long(anim: dict) -> bool:
    """An animation runs longer than five seconds: one play is longer, or it repeats (loop 0 = forever, n = n more
    times) past five seconds."""
    one = anim.get("duration_ms") or 0
    loop = anim.get("loop")
    if loop is None:  # no loop extension: plays once
        total = one
    elif loop == 0:
        return one > 0
    else:
        total = one * (loop + 1)
    return total > ANIM_LIMIT_MS


@rule(
    "ACC-42", area="accessibility", requires=("checks",), impact="serious", outcome="review", wcag=("2.2.2",),
    title_en="Animated image plays over five seconds",
    title_fi="Animoitu kuva liikkuu yli viisi sekuntia",
    title_sv="Animerad bild rör sig längre än fem sekunder",
    help_en="An animated GIF, PNG or WebP plays for more than five seconds (or loops forever) and no pause or stop "
            "control was found next to it. Moving content distracts people with attention and reading "
            "difficulties. Make it stop within five seconds (technique G152), offer a pause button, or use a still "
            "image (WCAG 2.2.2). A person checks whether a control exists elsewhere.",
    help_fi="Animoitu GIF-, PNG- tai WebP-kuva liikkuu yli viisi sekuntia (tai toistuu loputtomasti), eikä sen "
            "vierestä löytynyt pysäytyspainiketta. Liike häiritsee ihmisiä, joilla on tarkkaavaisuuden tai "
            "lukemisen vaikeuksia. Pysäytä animaatio viidessä sekunnissa (tekniikka G152), tarjoa "
            "pysäytyspainike tai käytä still-kuvaa (WCAG 2.2.2). Tarkista, onko ohjain muualla sivulla.",
    help_sv="En animerad GIF-, PNG- eller WebP-bild rör sig längre än fem sekunder (eller upprepas i all "
            "oändlighet) och ingen paus- eller stoppknapp hittades bredvid den. Rörelse stör personer med "
            "uppmärksamhets- och lässvårigheter. Låt den stanna inom fem sekunder (teknik G152), erbjud en "
            "pausknapp eller använd en stillbild (WCAG 2.2.2). Kontrollera om det finns en kontroll någon "
            "annanstans.",
)
def animated_image(art: PageArtifacts) -> Iterator[Hit]:
    """Visible images whose animation (from the image bytes) runs past five seconds, with no pause/stop control in
    the same container."""
    facts = _facts(art)
    anims = facts.get("animations") or {}
    n = 0
    for img in facts.get("images") or []:
        a = anims.get(img.get("src") or "")
        if not a or not img.get("vis") or img.get("control") or not plays_too_long(a):
            continue
        n += 1
        if n > MAX_HITS:
            return
        secs = round((a.get("duration_ms") or 0) / 1000, 1)
        forever = a.get("loop") == 0
        yield _hit(img, evidence=a, message=msg(
            en=f"The image has {a.get('frames')} frames, {secs} s per play"
               + (", and loops forever." if forever else ".") + " No pause control was found next to it.",
            fi=f"Kuvassa on {a.get('frames')} kehystä, {secs} s kierrosta kohti"
               + (", ja se toistuu loputtomasti." if forever else ".") + " Sen vierestä ei löytynyt "
               "pysäytyspainiketta.",
            sv=f"Bilden har {a.get('frames')} bildrutor, {secs} s per varv"
               + (", och upprepas i all oändlighet." if forever else ".") + " Ingen pausknapp hittades bredvid "
               "den."))


@rule(
    "ACC-43", area="accessibility", requires=("checks",), impact="minor", outcome="fail", advisory=True,
    wcag=("1.3.2",),
    title_en="Spacer image",
    title_fi="Välistyskuva",
    title_sv="Utfyllnadsbild",
    help_en="A transparent or one-pixel image makes space on the page. It breaks when users enlarge text or use "
            "their own style sheets, and without alt=\"\" screen readers announce it. Make space with CSS margins "
            "and padding (technique C18). Best practice.",
    help_fi="Läpinäkyvä tai yhden pikselin kuva tekee tilaa sivulle. Se rikkoutuu, kun käyttäjä suurentaa tekstiä "
            "tai käyttää omia tyylejään, ja ilman alt=\"\"-määrettä ruudunlukija lukee sen. Tee välit CSS:n "
            "marginaaleilla ja täytteillä (tekniikka C18). Hyvä käytäntö.",
    help_sv="En genomskinlig bild eller en bild på en pixel gör mellanrum på sidan. Den fungerar inte när "
            "användare förstorar text eller använder egna stilmallar, och utan alt=\"\" läser skärmläsaren upp den. "
            "Gör mellanrum med CSS-marginaler och utfyllnad (teknik C18). God praxis.",
)
def spacer_image(art: PageArtifacts) -> Iterator[Hit]:
    """Images named like a spacer (spacer.gif, blank.gif, pixel.png ...) or drawn from a 1-2 px source stretched
    to a wider box."""
    n = 0
    for img in _facts(art).get("images") or []:
        src = img.get("src") or ""
        path = urlsplit(src).path if src.startswith(("http://", "https://")) else ""
        named = bool(path and SPACER_NAME.search(path))
        tiny = 0 < (img.get("nw") or 0) <= 2 and 0 < (img.get("nh") or 0) <= 2 and \
            max(img.get("w") or 0, img.get("h") or 0) >= 8
        if not (named or tiny) or img.get("in_link"):
            continue
        n += 1
        if n > MAX_HITS:
            return
        yield _hit(img, msg(en=f"This image ({img.get('w')} × {img.get('h')} px) is used for spacing.",
                            fi=f"Tätä kuvaa ({img.get('w')} × {img.get('h')} px) käytetään välistykseen.",
                            sv=f"Den här bilden ({img.get('w')} × {img.get('h')} px) används för mellanrum."))


@rule(
    "ACC-44", area="accessibility", requires=("checks",), impact="serious", outcome="review", wcag=("1.1.1",),
    title_en="Graphic (SVG) without a text alternative",
    title_fi="Grafiikalta (SVG) puuttuu tekstivastine",
    title_sv="Grafik (SVG) saknar textalternativ",
    help_en="An inline SVG draws content (text, a chart or a diagram) but has no role and no accessible name, so "
            "assistive technology gets nothing or fragments. If it carries information: role=\"img\" and a name "
            "(aria-label, or a <title> first in the SVG), with the data also in text. If it is decoration: "
            "aria-hidden=\"true\" (WCAG 1.1.1, techniques ARIA6, ARIA10; axe checks only SVGs with role=\"img\").",
    help_fi="Sivun sisäinen SVG piirtää sisältöä (tekstiä, kaavion tai kuvion), mutta sillä ei ole roolia eikä "
            "saavutettavaa nimeä, joten apuvälineet saavat siitä vain palasia tai ei mitään. Jos se välittää "
            "tietoa: role=\"img\" ja nimi (aria-label tai <title> SVG:n alussa) ja tiedot myös tekstinä. Jos se on "
            "koriste: aria-hidden=\"true\" (WCAG 1.1.1, tekniikat ARIA6, ARIA10; axe tarkistaa vain SVG:t, joilla "
            "on role=\"img\").",
    help_sv="En inbäddad SVG ritar innehåll (text, ett diagram eller en figur) men saknar roll och tillgängligt "
            "namn, så hjälpmedel får ingenting eller fragment. Om den bär information: role=\"img\" och ett namn "
            "(aria-label eller en <title> först i SVG:n), med uppgifterna också i text. Om den är dekoration: "
            "aria-hidden=\"true\" (WCAG 1.1.1, teknik ARIA6, ARIA10; axe kontrollerar bara SVG med role=\"img\").",
)
def svg_without_name(art: PageArtifacts) -> Iterator[Hit]:
    """Inline SVGs (no role, no name, not hidden) with text, or large with several shapes; SVGs inside a link or
    button are left to axe's link-name/button-name unless the control has a name from other content."""
    n = 0
    for s in _facts(art).get("svgs") or []:
        if s.get("control"):
            continue  # an icon in a named control is decoration; an unnamed control is axe's link-name
        draws = bool(s.get("text")) or (min(s.get("w") or 0, s.get("h") or 0) >= SVG_CONTENT_PX
                                        and (s.get("shapes") or 0) >= SVG_CONTENT_SHAPES)
        if not draws:
            continue
        n += 1
        if n > MAX_HITS:
            return
        what = f" (text: “{s['text'][:60]}”)" if s.get("text") else ""
        yield _hit(s, msg(en=f"This SVG ({s.get('w')} × {s.get('h')} px) draws content{what} but has no role "
                             "and no name.",
                          fi=f"Tämä SVG ({s.get('w')} × {s.get('h')} px) piirtää sisältöä"
                             f"{what.replace('text', 'teksti')}, mutta sillä ei ole roolia eikä nimeä.",
                          sv=f"Den här SVG:n ({s.get('w')} × {s.get('h')} px) ritar innehåll{what} men saknar roll "
                             "och namn."))
