"""Links axe-core does not judge (ACC-10..ACC-16), from the `checks` page facts (auditor/gatherers/checks.py).

Outcome per check, following WCAG's own techniques: a link text that gives no purpose on its own, a link that acts
as a button and the same text going to different places need a person's look (2.4.4 / 4.1.2 allow context and
scripts that make them right); a new window without warning (G201), an image link next to a text link to the same
place (H2) and a document link without its format are best practice (advisory).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import unquote, urlsplit

from auditor.registry import Hit, Msg, PageArtifacts, msg, rule

# Evidence is cut: the first offenders point at the pattern.
MAX_HITS = 10

# Link texts that say nothing about the destination, Finnish, Swedish and English (whole name, lower case,
# punctuation and arrows stripped). WCAG F84 names "click here" and "more"; the Finnish and Swedish forms are the
# ones public-sector sites use.
GENERIC = frozenset({
    "click here", "click", "here", "read more", "more", "more info", "more information", "learn more", "details",
    "link", "this link", "go", "continue", "see more", "view more", "open", "this page", "info",
    "lue lisää", "lisää", "lisätietoa", "lisätietoja", "klikkaa tästä", "klikkaa", "tästä", "täältä", "tässä",
    "napsauta tästä", "paina tästä", "linkki", "katso lisää", "jatka", "avaa", "lue", "tutustu", "siirry",
    "läs mer", "mer", "mer info", "mer information", "klicka här", "klicka", "här", "länk", "se mer", "fortsätt",
    "öppna",
})
# A new window said in the link's name, description or title (fi/sv/en) — G201's "advance warning".
NEW_WINDOW = re.compile(r"new (window|tab)|opens in|external|uu(si|teen|dessa) (ikkuna|välilehde|välileht)|"
                        r"ikkuna|välilehti|nytt? (fönster|flik)|öppnas i|extern", re.I)
DOC_EXT = re.compile(r"\.(pdf|docx?|xlsx?|pptx?|odt|ods|odp|rtf|csv)$", re.I)
FORMAT_WORDS = re.compile(r"\b(pdf|docx?|xlsx?|pptx?|odt|ods|odp|rtf|csv|word|excel|powerpoint|opendocument|"
                          r"libreoffice)\b", re.I)
FILE_NAME = re.compile(r"^[\w.\-~%()]+\.(pdf|docx?|xlsx?|pptx?|odt|ods|odp|rtf|csv|zip|jpe?g|png|gif|html?|php|"
                       r"aspx?|txt)$", re.I)
PUNCT_ONLY = re.compile(r"^[\W_]+$", re.U)
# "/" and "/index.html" are one destination.
INDEX = re.compile(r"/(index|default)\.(html?|php|aspx?)$", re.I)
STRIP = re.compile(r"^[\W_]+|[\W_]+$", re.U)


def _links(art: PageArtifacts) -> list[dict]:
    return list((art.page.get("checks") or {}).get("links") or [])


def _hit(link: dict, message: Msg, **kw) -> Hit:
    return Hit(selector=link.get("sel") or "a", snippet=link.get("html") or "", message=message, **kw)


def _q(s: str) -> str:
    return "“" + s[:80] + "”"


@rule(
    "ACC-10", area="accessibility", requires=("checks",), impact="minor", outcome="fail", advisory=True,
    wcag=("3.2.5",),
    title_en="Link opens a new window without saying so",
    title_fi="Linkki avaa uuden ikkunan kertomatta siitä",
    title_sv="Länken öppnar ett nytt fönster utan att säga det",
    help_en="A link with target=\"_blank\" opens a new window or tab. Say so in the link (\"(opens in a new "
            "window)\", visually or in its accessible name): users of screen readers and screen magnifiers lose "
            "their way when the Back button stops working. Best practice: WCAG technique G201 (SC 3.2.5, AAA); "
            "F22 is the failure of opening windows unannounced.",
    help_fi="target=\"_blank\"-linkki avaa uuden ikkunan tai välilehden. Kerro se linkissä (\"avautuu uuteen "
            "ikkunaan\", näkyvästi tai saavutettavassa nimessä): ruudunlukijan ja suurennusohjelman käyttäjä eksyy, "
            "kun Takaisin-painike ei toimi. Hyvä käytäntö: WCAG-tekniikka G201 (SC 3.2.5, AAA); F22 on ilmoittamatta "
            "avautuvien ikkunoiden virhe.",
    help_sv="En länk med target=\"_blank\" öppnar ett nytt fönster eller en ny flik. Säg det i länken (\"öppnas i "
            "ett nytt fönster\", synligt eller i länkens tillgängliga namn): skärmläsar- och förstoringsanvändare "
            "tappar bort sig när Bakåt-knappen slutar fungera. God praxis: WCAG-teknik G201 (SC 3.2.5, AAA); F22 är "
            "felet att öppna fönster utan förvarning.",
)
def new_window(art: PageArtifacts) -> Iterator[Hit]:
    """Links with a target other than the same window whose name, description and title do not warn of it."""
    n = 0
    for ln in _links(art):
        t = ln.get("target") or ""
        if not t or t in ("_self", "_parent", "_top") or not ln.get("href"):
            continue
        said = " ".join((ln.get("name") or "", ln.get("described") or "", ln.get("title") or ""))
        if NEW_WINDOW.search(said):
            continue
        n += 1
        if n > MAX_HITS:
            return
        name = ln.get("name") or ""
        yield _hit(ln, msg(en=f"The link {_q(name)} opens a new window without saying so.",
                           fi=f"Linkki {_q(name)} avaa uuden ikkunan kertomatta siitä.",
                           sv=f"Länken {_q(name)} öppnar ett nytt fönster utan att säga det."))


@rule(
    "ACC-11", area="accessibility", requires=("checks",), impact="moderate", outcome="review", wcag=("2.4.4",),
    title_en="Same link text, different destinations",
    title_fi="Sama linkkiteksti, eri kohteet",
    title_sv="Samma länktext, olika mål",
    help_en="Links with the same text go to different places. In a list of links (what screen reader users browse "
            "by) they cannot be told apart. Make each link's text say where it goes, or add the difference to its "
            "accessible name (WCAG 2.4.4, technique G91/H77–H81).",
    help_fi="Samannimiset linkit vievät eri paikkoihin. Linkkilistassa (jota ruudunlukijan käyttäjä selaa) niitä ei "
            "erota toisistaan. Kerro jokaisen linkin tekstissä, minne se vie, tai lisää ero linkin saavutettavaan "
            "nimeen (WCAG 2.4.4, tekniikat G91, H77–H81).",
    help_sv="Länkar med samma text leder till olika ställen. I en länklista (som skärmläsaranvändare bläddrar i) "
            "går de inte att skilja åt. Låt varje länktext säga vart den leder, eller lägg till skillnaden i länkens "
            "tillgängliga namn (WCAG 2.4.4, teknik G91, H77–H81).",
)
def same_text_different_targets(art: PageArtifacts) -> Iterator[Hit]:
    """Groups links by accessible name (case-insensitive); a name with two or more destinations (fragments and a
    trailing slash ignored) is reported once, at its first link. Generic names are ACC-15's business."""
    groups: dict[str, list[dict]] = {}
    for ln in _links(art):
        name = (ln.get("name") or "").strip().lower()
        href = ln.get("href") or ""
        if not name or not href.startswith(("http://", "https://")) or _generic(name):
            continue
        groups.setdefault(name, []).append(ln)
    n = 0
    for name, lns in groups.items():
        dests = []
        for ln in lns:
            d = INDEX.sub("", ln["href"].split("#", 1)[0]).rstrip("/")
            if d not in dests:
                dests.append(d)
        if len(dests) < 2:
            continue
        # Distinct accessible descriptions or titles tell the links apart (H33, ARIA1).
        if len({(ln.get("described") or ln.get("title") or "").lower() for ln in lns}) == len(lns):
            continue
        n += 1
        if n > MAX_HITS:
            return
        shown = lns[0].get("name") or name
        yield _hit(lns[0], msg(
            en=f"{len(lns)} links named {_q(shown)} go to {len(dests)} different addresses.",
            fi=f"{len(lns)} linkkiä nimeltä {_q(shown)} vie {len(dests)} eri osoitteeseen.",
            sv=f"{len(lns)} länkar med namnet {_q(shown)} leder till {len(dests)} olika adresser."),
            evidence={"destinations": dests[:5]})


@rule(
    "ACC-12", area="accessibility", requires=("checks",), impact="minor", outcome="fail", advisory=True,
    wcag=("2.4.4",),
    title_en="Adjacent links to the same place",
    title_fi="Vierekkäiset linkit samaan kohteeseen",
    title_sv="Intilliggande länkar till samma mål",
    help_en="An image link and a text link side by side go to the same place: keyboard users tab twice and screen "
            "reader users hear the destination twice. Put the image and the text in one link (and give the image "
            "alt=\"\"). Best practice: WCAG technique H2.",
    help_fi="Vierekkäin oleva kuvalinkki ja tekstilinkki vievät samaan paikkaan: näppäimistön käyttäjä painaa "
            "sarkainta kahdesti ja ruudunlukija lukee kohteen kahdesti. Yhdistä kuva ja teksti yhdeksi linkiksi "
            "(kuvalle alt=\"\"). Hyvä käytäntö: WCAG-tekniikka H2.",
    help_sv="En bildlänk och en textlänk bredvid varandra leder till samma ställe: tangentbordsanvändare tabbar två "
            "gånger och skärmläsaren läser målet två gånger. Lägg bild och text i en länk (ge bilden alt=\"\"). "
            "God praxis: WCAG-teknik H2.",
)
def adjacent_same_target(art: PageArtifacts) -> Iterator[Hit]:
    """A link directly after another (only white space between) with the same destination."""
    n = 0
    for ln in _links(art):
        if not ln.get("adjacent_same"):
            continue
        n += 1
        if n > MAX_HITS:
            return
        yield _hit(ln, msg(en="This link and the one just before it go to the same address: make them one link.",
                           fi="Tämä linkki ja sitä edeltävä vievät samaan osoitteeseen: yhdistä ne yhdeksi linkiksi.",
                           sv="Den här länken och den före den leder till samma adress: gör dem till en länk."))


@rule(
    "ACC-13", area="accessibility", requires=("checks",), impact="serious", outcome="review", wcag=("2.4.4",),
    title_en="Link text is only punctuation or a file name",
    title_fi="Linkkiteksti on pelkkiä merkkejä tai tiedostonimi",
    title_sv="Länktexten är bara tecken eller ett filnamn",
    help_en="The link's name is only punctuation or symbols (\"»\", \"...\", \"→\") or a file name "
            "(\"raportti_v3_final.pdf\"). Read aloud it says nothing about where the link goes. Give it a text "
            "that says the purpose (WCAG 2.4.4, technique G91); a person checks whether the surrounding text "
            "already does.",
    help_fi="Linkin nimi on pelkkiä välimerkkejä tai symboleita (\"»\", \"...\", \"→\") tai tiedostonimi "
            "(\"raportti_v3_final.pdf\"). Ääneen luettuna se ei kerro, minne linkki vie. Anna linkille teksti, joka "
            "kertoo sen tarkoituksen (WCAG 2.4.4, tekniikka G91); tarkista, kertooko ympäröivä teksti sen jo.",
    help_sv="Länkens namn är bara skiljetecken eller symboler (\"»\", \"...\", \"→\") eller ett filnamn "
            "(\"rapport_v3_final.pdf\"). Uppläst säger det inget om vart länken leder. Ge länken en text som säger "
            "syftet (WCAG 2.4.4, teknik G91); kontrollera om texten runt omkring redan gör det.",
)
def punctuation_or_file_name(art: PageArtifacts) -> Iterator[Hit]:
    """Accessible names made of punctuation and symbols only, or that are a single file name."""
    n = 0
    for ln in _links(art):
        name = (ln.get("name") or "").strip()
        if not name or not ln.get("href"):
            continue  # an empty name is axe's link-name
        if not (PUNCT_ONLY.match(name) or FILE_NAME.match(name)):
            continue
        n += 1
        if n > MAX_HITS:
            return
        yield _hit(ln, msg(en=f"The link's text {_q(name)} does not say where it goes.",
                           fi=f"Linkin teksti {_q(name)} ei kerro, minne linkki vie.",
                           sv=f"Länktexten {_q(name)} säger inte vart länken leder."))


@rule(
    "ACC-14", area="accessibility", requires=("checks",), impact="moderate", outcome="review",
    wcag=("4.1.2", "2.1.1"),
    title_en="Link used as a button",
    title_fi="Linkkiä käytetään painikkeena",
    title_sv="Länk används som knapp",
    help_en="A link with href=\"#\" or a javascript: address does something on the page instead of going "
            "somewhere. Screen readers announce it as a link, so users expect a new page; some such links do "
            "nothing with the keyboard. Use a <button> (or role=\"button\" with Space and Enter handled) "
            "(WCAG 4.1.2 name, role, value; ARIA practice).",
    help_fi="Linkki, jonka osoite on \"#\" tai javascript:, tekee jotain sivulla eikä vie minnekään. Ruudunlukija "
            "ilmoittaa sen linkiksi, joten käyttäjä odottaa uutta sivua; osa tällaisista linkeistä ei toimi "
            "näppäimistöllä. Käytä <button>-elementtiä (tai role=\"button\" ja Välilyönti- ja Enter-näppäimet) "
            "(WCAG 4.1.2 nimi, rooli, arvo).",
    help_sv="En länk med href=\"#\" eller en javascript:-adress gör något på sidan i stället för att leda någonstans. "
            "Skärmläsaren presenterar den som en länk, så användaren väntar sig en ny sida; en del sådana länkar "
            "fungerar inte med tangentbordet. Använd <button> (eller role=\"button\" med Mellanslag och Enter) "
            "(WCAG 4.1.2 namn, roll, värde).",
)
def link_as_button(art: PageArtifacts) -> Iterator[Hit]:
    """`<a href="#">` and `<a href="javascript:...">` without role="button"."""
    n = 0
    for ln in _links(art):
        raw = (ln.get("raw") or "").strip()
        if ln.get("tag") != "a" or ln.get("role") == "button":
            continue
        if raw != "#" and not raw.lower().startswith("javascript:"):
            continue
        n += 1
        if n > MAX_HITS:
            return
        name = ln.get("name") or ""
        yield _hit(ln, msg(en=f"The link {_q(name)} has the address {_q(raw)}: if it acts on the page, make it a "
                              "button.",
                           fi=f"Linkin {_q(name)} osoite on {_q(raw)}: jos se tekee jotain sivulla, tee siitä "
                              "painike.",
                           sv=f"Länken {_q(name)} har adressen {_q(raw)}: om den gör något på sidan, gör den till "
                              "en knapp."))


def _generic(name: str) -> bool:
    return STRIP.sub("", name.strip().lower()) in GENERIC


@rule(
    "ACC-15", area="accessibility", requires=("checks",), impact="moderate", outcome="review", wcag=("2.4.4",),
    title_en="Generic link text",
    title_fi="Yleisluontoinen linkkiteksti",
    title_sv="Allmän länktext",
    help_en="The link says only \"read more\", \"click here\" or the like (also \"lue lisää\", \"klikkaa tästä\", "
            "\"läs mer\", \"klicka här\"). Out of context — in a list of links, or for voice control — it says "
            "nothing. Put the destination in the link text or its accessible name (\"Read more about building "
            "permits\") (WCAG 2.4.4; F84 for 2.4.9). A person checks whether the sentence around it gives the "
            "context.",
    help_fi="Linkissä lukee vain \"lue lisää\", \"klikkaa tästä\" tai vastaava. Irrallaan — linkkilistassa tai "
            "puheohjauksessa — se ei kerro mitään. Kerro kohde linkin tekstissä tai saavutettavassa nimessä "
            "(\"Lue lisää rakennusluvista\") (WCAG 2.4.4; F84 kohdassa 2.4.9). Tarkista, antaako ympäröivä lause "
            "asiayhteyden.",
    help_sv="Länken säger bara \"läs mer\", \"klicka här\" eller liknande. Lösryckt — i en länklista eller vid "
            "röststyrning — säger den ingenting. Skriv målet i länktexten eller dess tillgängliga namn (\"Läs mer om "
            "bygglov\") (WCAG 2.4.4; F84 för 2.4.9). Kontrollera om meningen runt länken ger sammanhanget.",
)
def generic_text(art: PageArtifacts) -> Iterator[Hit]:
    """Accessible names that are one of the generic phrases (fi/sv/en), with no description or title adding to
    them."""
    n = 0
    for ln in _links(art):
        name = ln.get("name") or ""
        if not ln.get("href") or not _generic(name):
            continue
        extra = " ".join((ln.get("described") or "", ln.get("title") or "")).strip().lower()
        if extra and not _generic(extra):
            continue
        n += 1
        if n > MAX_HITS:
            return
        yield _hit(ln, msg(en=f"The link text {_q(name)} does not say where the link goes.",
                           fi=f"Linkkiteksti {_q(name)} ei kerro, minne linkki vie.",
                           sv=f"Länktexten {_q(name)} säger inte vart länken leder."),
                   evidence={"context": (ln.get("context") or "")[:200]})


@rule(
    "ACC-16", area="accessibility", requires=("checks",), impact="minor", outcome="fail", advisory=True,
    wcag=("2.4.4",),
    title_en="Document link does not say its format",
    title_fi="Asiakirjalinkki ei kerro tiedostomuotoa",
    title_sv="Dokumentlänken anger inte formatet",
    help_en="The link opens a document (PDF, Word, Excel ...) but its text does not say so. Users want to know "
            "before they download a file that opens in another program. Add the format (and size) to the link: "
            "\"Application form (PDF, 120 kB)\". Best practice (WCAG 2.4.4 advisory technique).",
    help_fi="Linkki avaa asiakirjan (PDF, Word, Excel ...), mutta teksti ei kerro sitä. Käyttäjä haluaa tietää "
            "ennen lataamista, että tiedosto avautuu toisessa ohjelmassa. Lisää linkkiin muoto (ja koko): "
            "\"Hakemuslomake (PDF, 120 kt)\". Hyvä käytäntö (WCAG 2.4.4, neuvoa-antava tekniikka).",
    help_sv="Länken öppnar ett dokument (PDF, Word, Excel ...) men texten säger det inte. Användare vill veta det "
            "innan de hämtar en fil som öppnas i ett annat program. Skriv formatet (och storleken) i länken: "
            "\"Ansökningsblankett (PDF, 120 kB)\". God praxis (WCAG 2.4.4, rådgivande teknik).",
)
def document_format(art: PageArtifacts) -> Iterator[Hit]:
    """Links whose address ends in a document extension and whose name, title and description do not name it."""
    n = 0
    for ln in _links(art):
        href = ln.get("href") or ""
        path = unquote(urlsplit(href).path) if href.startswith(("http://", "https://")) else ""
        m = DOC_EXT.search(path)
        if not m:
            continue
        said = " ".join((ln.get("name") or "", ln.get("title") or "", ln.get("described") or ""))
        if FORMAT_WORDS.search(said):
            continue
        n += 1
        if n > MAX_HITS:
            return
        fmt = m.group(1).upper()
        name = ln.get("name") or ""
        yield _hit(ln, msg(en=f"The link {_q(name)} opens a {fmt} file but does not say so.",
                           fi=f"Linkki {_q(name)} avaa {fmt}-tiedoston mutta ei kerro sitä.",
                           sv=f"Länken {_q(name)} öppnar en {fmt}-fil men säger inte det."))
