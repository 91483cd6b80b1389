"""Presentation of running text (ACC-50..ACC-55), measured from computed styles at each viewport
(auditor/gatherers/textstyle.py). WCAG 1.4.8 Visual Presentation is level AAA, so every check here is advisory:
justified text (F88 is its failure technique), long all-caps and italic passages, very small body text, line
spacing under 1.5 and lines longer than 80 characters. One finding per element; at most a few per page.
"""
from __future__ import annotations

from collections.abc import Iterator

from auditor.registry import Hit, Msg, PageArtifacts, msg, rule
from rules.device.common import per_vp


def _items(art: PageArtifacts, kind: str) -> Iterator[tuple[str, dict, int]]:
    for vp, data in per_vp(art, "textstyle"):
        total = (data.get("counts") or {}).get(kind, 0)
        for it in data.get(kind) or []:
            yield vp, it, total


def _hit(vp: str, it: dict, total: int, message: Msg) -> Hit:
    return Hit(selector=it.get("sel") or "p", snippet=it.get("html") or "", viewport=vp, box=it.get("box"),
               message=message, evidence={"elements_on_page": total})


COMMON = dict(area="accessibility", requires=("textstyle",), impact="minor", outcome="fail", advisory=True)


@rule("ACC-50", wcag=("1.4.8",), **COMMON,
      title_en="Justified text", title_fi="Tasattu teksti", title_sv="Justerad text",
      help_en="Text justified to both margins leaves uneven gaps between words (\"rivers\") that make reading hard "
              "for people with dyslexia. Align running text to the left (WCAG 1.4.8 AAA, failure F88; advisory).",
      help_fi="Molempiin reunoihin tasatussa tekstissä sanavälit vaihtelevat, mikä vaikeuttaa lukemista "
              "esimerkiksi lukihäiriöisille. Tasaa leipäteksti vasemmalle (WCAG 1.4.8 AAA, virhe F88; suositus).",
      help_sv="Text som är justerad mot båda marginalerna får ojämna ordmellanrum som försvårar läsningen för "
              "personer med dyslexi. Vänsterjustera brödtext (WCAG 1.4.8 AAA, fel F88; rekommendation).")
def justified(art: PageArtifacts) -> Iterator[Hit]:
    """Running text with text-align: justify."""
    for vp, it, total in _items(art, "justify"):
        yield _hit(vp, it, total, msg(en="This text is justified to both margins.",
                                      fi="Tämä teksti on tasattu molempiin reunoihin.",
                                      sv="Den här texten är justerad mot båda marginalerna."))


@rule("ACC-51", wcag=("1.4.8",), **COMMON,
      title_en="Long text in capitals", title_fi="Pitkä teksti isoin kirjaimin",
      title_sv="Lång text med versaler",
      help_en="Text of five words or more in capital letters is slow to read: words lose their shape, and some "
              "screen readers spell it out letter by letter. Write in normal case (best practice; WCAG 1.4.8 AAA).",
      help_fi="Viiden tai useamman sanan teksti isoin kirjaimin on hidas lukea: sanat menettävät muotonsa, ja osa "
              "ruudunlukijoista tavaa sen kirjain kerrallaan. Kirjoita tavallisin kirjaimin (hyvä käytäntö; WCAG "
              "1.4.8 AAA).",
      help_sv="Text på fem ord eller fler med versaler är långsam att läsa: orden förlorar sin form och en del "
              "skärmläsare bokstaverar den. Skriv med vanliga bokstäver (god praxis; WCAG 1.4.8 AAA).")
def all_caps(art: PageArtifacts) -> Iterator[Hit]:
    """Text of five or more words in capitals (written so, or text-transform: uppercase)."""
    for vp, it, total in _items(art, "caps"):
        w = it.get("words")
        yield _hit(vp, it, total, msg(en=f"{w} words in capital letters.", fi=f"{w} sanaa isoin kirjaimin.",
                                      sv=f"{w} ord med versaler."))


@rule("ACC-52", wcag=("1.4.8",), **COMMON,
      title_en="Long passage in italics", title_fi="Pitkä kursivoitu tekstijakso",
      title_sv="Långt stycke i kursiv",
      help_en="A long passage in italics is harder to read, for people with low vision or dyslexia especially. "
              "Keep italics for single words and titles (best practice; WCAG 1.4.8 AAA).",
      help_fi="Pitkä kursivoitu tekstijakso on vaikeampi lukea, erityisesti heikkonäköisille ja lukihäiriöisille. "
              "Käytä kursiivia vain yksittäisiin sanoihin ja nimikkeisiin (hyvä käytäntö; WCAG 1.4.8 AAA).",
      help_sv="Ett långt stycke i kursiv är svårare att läsa, särskilt för personer med synnedsättning eller "
              "dyslexi. Använd kursiv bara för enstaka ord och titlar (god praxis; WCAG 1.4.8 AAA).")
def long_italics(art: PageArtifacts) -> Iterator[Hit]:
    """Running text of 200 characters or more in italics."""
    for vp, it, total in _items(art, "italic"):
        c = it.get("chars")
        yield _hit(vp, it, total, msg(en=f"{c} characters of running text in italics.",
                                      fi=f"{c} merkkiä leipätekstiä kursiivilla.",
                                      sv=f"{c} tecken brödtext i kursiv."))


@rule("ACC-53", wcag=("1.4.4", "1.4.8"), **COMMON,
      title_en="Very small body text", title_fi="Hyvin pieni leipäteksti", title_sv="Mycket liten brödtext",
      help_en="Running text is smaller than 12 CSS pixels. Many users cannot read it without zooming, and on a "
              "phone zooming means scrolling sideways. Use at least 16 px for body text (best practice; WCAG "
              "1.4.4 and 1.4.8).",
      help_fi="Leipäteksti on alle 12 CSS-pikselin kokoista. Moni ei pysty lukemaan sitä suurentamatta, ja "
              "puhelimessa suurentaminen tarkoittaa sivuttaisvieritystä. Käytä leipätekstissä vähintään 16 px "
              "(hyvä käytäntö; WCAG 1.4.4 ja 1.4.8).",
      help_sv="Brödtexten är mindre än 12 CSS-pixlar. Många kan inte läsa den utan att zooma, och på en mobil "
              "betyder zoomning att rulla i sidled. Använd minst 16 px för brödtext (god praxis; WCAG 1.4.4 och "
              "1.4.8).")
def small_text(art: PageArtifacts) -> Iterator[Hit]:
    """Running text with a computed font size under 12 px."""
    for vp, it, total in _items(art, "small"):
        px = it.get("px")
        yield _hit(vp, it, total, msg(en=f"The text is {px} px.", fi=f"Teksti on {px} px.",
                                      sv=f"Texten är {px} px."))


@rule("ACC-54", wcag=("1.4.8",), **COMMON,
      title_en="Tight line spacing", title_fi="Tiivis riviväli", title_sv="Tätt radavstånd",
      help_en="Lines of running text are closer than 1.5 times the font size. Tight lines make it hard to follow "
              "a line and find the next. Set line-height: 1.5 for paragraphs (WCAG 1.4.8 AAA; advisory).",
      help_fi="Leipätekstin rivit ovat lähempänä kuin 1,5 kertaa fonttikoko. Tiiviistä riveistä on vaikea "
              "seurata riviä ja löytää seuraava. Aseta kappaleille line-height: 1.5 (WCAG 1.4.8 AAA; suositus).",
      help_sv="Raderna i brödtexten ligger tätare än 1,5 gånger teckenstorleken. Täta rader gör det svårt att "
              "följa en rad och hitta nästa. Ange line-height: 1.5 för stycken (WCAG 1.4.8 AAA; rekommendation).")
def tight_leading(art: PageArtifacts) -> Iterator[Hit]:
    """Running text of two lines or more with line-height under 1.5 × font size."""
    for vp, it, total in _items(art, "leading"):
        r = it.get("ratio")
        yield _hit(vp, it, total, msg(en=f"The line spacing is {r} times the font size.",
                                      fi=f"Riviväli on {r} kertaa fonttikoko.",
                                      sv=f"Radavståndet är {r} gånger teckenstorleken."))


@rule("ACC-55", wcag=("1.4.8",), **COMMON,
      title_en="Long lines of text", title_fi="Pitkät tekstirivit", title_sv="Långa textrader",
      help_en="Lines of running text hold more than 80 characters at this viewport. Long lines make it hard to "
              "find the start of the next line. Limit the text column, e.g. max-width: 70ch (WCAG 1.4.8 AAA; "
              "advisory).",
      help_fi="Leipätekstin riveillä on tässä näkymässä yli 80 merkkiä. Pitkiltä riveiltä on vaikea löytää "
              "seuraavan rivin alkua. Rajaa tekstipalstan leveys, esim. max-width: 70ch (WCAG 1.4.8 AAA; "
              "suositus).",
      help_sv="Raderna i brödtexten har mer än 80 tecken i den här vyn. Långa rader gör det svårt att hitta "
              "början på nästa rad. Begränsa textspalten, t.ex. max-width: 70ch (WCAG 1.4.8 AAA; "
              "rekommendation).")
def long_lines(art: PageArtifacts) -> Iterator[Hit]:
    """Running text of three lines or more averaging over 80 characters a line."""
    for vp, it, total in _items(art, "long_lines"):
        c = it.get("chars_per_line")
        yield _hit(vp, it, total, msg(en=f"About {c} characters a line.", fi=f"Noin {c} merkkiä rivillä.",
                                      sv=f"Omkring {c} tecken per rad."))
