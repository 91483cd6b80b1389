"""HTML structure axe-core does not judge (ACC-30..ACC-34), from the `checks` page facts.

A duplicate id that a label, aria-labelledby, aria-describedby or headers attribute points at makes the reference
ambiguous: the browser takes the first element with the id, so the label or description may belong to another
element (fail, F77). Other duplicate ids, empty paragraphs and `<br>` runs used for spacing, presentational
elements and access keys are best practice (advisory).
"""
from __future__ import annotations

from collections.abc import Iterator

from auditor.registry import Hit, PageArtifacts, msg, rule

MAX_HITS = 10


def _facts(art: PageArtifacts) -> dict:
    return art.page.get("checks") or {}


@rule(
    "ACC-30", area="accessibility", requires=("checks",), impact="serious", outcome="fail",
    wcag=("1.3.1", "4.1.2"),
    title_en="Referenced id is not unique",
    title_fi="Viitattu id ei ole yksilöllinen",
    title_sv="Refererat id är inte unikt",
    help_en="Several elements share an id that a label (for), aria-labelledby, aria-describedby or headers "
            "attribute refers to. The browser uses the first one only, so a field may get another field's label "
            "or a cell the wrong header. Make every id unique (WCAG failure F77; SC 1.3.1, 4.1.2).",
    help_fi="Usealla elementillä on sama id, johon label (for), aria-labelledby, aria-describedby tai headers "
            "viittaa. Selain käyttää vain ensimmäistä, joten kenttä voi saada toisen kentän nimen tai solu väärän "
            "otsikon. Tee jokaisesta id:stä yksilöllinen (WCAG-virhe F77; SC 1.3.1, 4.1.2).",
    help_sv="Flera element har samma id som en label (for), aria-labelledby, aria-describedby eller headers hänvisar "
            "till. Webbläsaren använder bara det första, så ett fält kan få ett annat fälts etikett eller en cell fel "
            "rubrik. Gör varje id unikt (WCAG-fel F77; SC 1.3.1, 4.1.2).",
)
def duplicate_referenced_id(art: PageArtifacts) -> Iterator[Hit]:
    """Duplicate ids with at least one reference from for / aria-labelledby / aria-describedby / headers."""
    for d in [d for d in _facts(art).get("duplicates") or [] if d.get("refs")][:MAX_HITS]:
        attrs = sorted({r["attr"] for r in d["refs"]})
        by = ", ".join(attrs)
        yield Hit(selector=d.get("sel") or "html", snippet=d.get("html") or "", key=d["id"],
                  evidence={"id": d["id"], "count": d.get("count"), "referenced_by": d["refs"]},
                  message=msg(en=f"The id “{d['id']}” is used {d.get('count')} times and referred to by {by}.",
                              fi=f"Id “{d['id']}” on käytössä {d.get('count')} kertaa, ja siihen viittaa {by}.",
                              sv=f"Id:t “{d['id']}” används {d.get('count')} gånger och refereras av {by}."))


@rule(
    "ACC-31", area="accessibility", requires=("checks",), impact="minor", outcome="fail", advisory=True,
    wcag=(),
    title_en="Duplicate id",
    title_fi="Kaksoiskappale id:stä",
    title_sv="Dubblerat id",
    help_en="Several elements share an id. Nothing refers to it now, but scripts and later labels will find the "
            "wrong element. Keep ids unique. Best practice (SC 4.1.1 is obsolete in WCAG 2.2).",
    help_fi="Usealla elementillä on sama id. Mikään ei nyt viittaa siihen, mutta skriptit ja myöhemmin lisätyt "
            "nimet löytävät väärän elementin. Pidä id:t yksilöllisinä. Hyvä käytäntö (SC 4.1.1 on poistunut "
            "WCAG 2.2:sta).",
    help_sv="Flera element har samma id. Inget hänvisar till det nu, men skript och senare etiketter hittar fel "
            "element. Håll id:n unika. God praxis (SC 4.1.1 är utgånget i WCAG 2.2).",
)
def duplicate_id(art: PageArtifacts) -> Iterator[Hit]:
    """Duplicate ids nothing refers to."""
    for d in [d for d in _facts(art).get("duplicates") or [] if not d.get("refs")][:MAX_HITS]:
        yield Hit(selector=d.get("sel") or "html", snippet=d.get("html") or "", key=d["id"],
                  message=msg(en=f"The id “{d['id']}” is used {d.get('count')} times.",
                              fi=f"Id “{d['id']}” on käytössä {d.get('count')} kertaa.",
                              sv=f"Id:t “{d['id']}” används {d.get('count')} gånger."))


@rule(
    "ACC-32", area="accessibility", requires=("checks",), impact="minor", outcome="fail", advisory=True,
    wcag=("1.3.1",),
    title_en="Empty paragraphs or line breaks used for spacing",
    title_fi="Tyhjiä kappaleita tai rivinvaihtoja välistyksenä",
    title_sv="Tomma stycken eller radbrytningar som mellanrum",
    help_en="Runs of empty paragraphs or several <br> in a row make space on the screen. Screen readers announce "
            "them as \"blank\", and the space does not adapt to the user's text settings. Make space with CSS "
            "margins (technique C18). Best practice (SC 1.3.1).",
    help_fi="Peräkkäiset tyhjät kappaleet tai useat <br>-rivinvaihdot tekevät tilaa näytölle. Ruudunlukija lukee ne "
            "\"tyhjänä\", eikä tila mukaudu käyttäjän tekstiasetuksiin. Tee välit CSS-marginaaleilla (tekniikka "
            "C18). Hyvä käytäntö (SC 1.3.1).",
    help_sv="Flera tomma stycken eller flera <br> i rad gör mellanrum på skärmen. Skärmläsare läser dem som "
            "\"tomt\", och mellanrummet anpassas inte till användarens textinställningar. Gör mellanrum med "
            "CSS-marginaler (teknik C18). God praxis (SC 1.3.1).",
)
def spacing_markup(art: PageArtifacts) -> Iterator[Hit]:
    """Two or more empty paragraphs in a row, or three or more `<br>` with only white space between them."""
    for r in (_facts(art).get("empty_runs") or [])[:MAX_HITS]:
        n = r.get("count")
        if r.get("kind") == "p":
            m = msg(en=f"{n} empty paragraphs in a row.", fi=f"{n} tyhjää kappaletta peräkkäin.",
                    sv=f"{n} tomma stycken i rad.")
        else:
            m = msg(en=f"{n} line breaks (<br>) in a row.", fi=f"{n} rivinvaihtoa (<br>) peräkkäin.",
                    sv=f"{n} radbrytningar (<br>) i rad.")
        yield Hit(selector=r.get("sel") or "p", snippet=r.get("html") or "", message=m)


@rule(
    "ACC-33", area="accessibility", requires=("checks",), impact="minor", outcome="fail", advisory=True,
    wcag=("1.3.1",),
    title_en="Presentational HTML element",
    title_fi="Ulkoasua määrittävä HTML-elementti",
    title_sv="Presentations-HTML-element",
    help_en="Elements such as <center>, <font>, <big>, <tt>, <strike>, <marquee> and <blink> are obsolete and "
            "carry only looks: they do not adapt to users' own style sheets, and moving text cannot be paused. "
            "Use CSS for presentation and semantic elements for meaning (technique G140; best practice).",
    help_fi="Elementit kuten <center>, <font>, <big>, <tt>, <strike>, <marquee> ja <blink> ovat vanhentuneita ja "
            "määrittävät vain ulkoasun: ne eivät mukaudu käyttäjän omiin tyylitiedostoihin, eikä liikkuvaa tekstiä "
            "voi pysäyttää. Käytä ulkoasuun CSS:ää ja merkitykseen semanttisia elementtejä (tekniikka G140; hyvä "
            "käytäntö).",
    help_sv="Element som <center>, <font>, <big>, <tt>, <strike>, <marquee> och <blink> är föråldrade och bär bara "
            "utseende: de anpassas inte till användarens egna stilmallar, och rörlig text kan inte pausas. Använd "
            "CSS för utseende och semantiska element för betydelse (teknik G140; god praxis).",
)
def presentational_elements(art: PageArtifacts) -> Iterator[Hit]:
    """Obsolete presentational elements (center, font, big, blink, marquee, strike, tt)."""
    for e in (_facts(art).get("presentational") or [])[:MAX_HITS]:
        tag = e.get("tag")
        yield Hit(selector=e.get("sel") or tag, snippet=e.get("html") or "",
                  message=msg(en=f"The obsolete element <{tag}> is used for presentation.",
                              fi=f"Ulkoasuun käytetään vanhentunutta elementtiä <{tag}>.",
                              sv=f"Det föråldrade elementet <{tag}> används för utseende."))


@rule(
    "ACC-34", area="accessibility", requires=("checks",), impact="minor", outcome="fail", advisory=True,
    wcag=(),
    title_en="Access key defined",
    title_fi="Pikanäppäin (accesskey) määritelty",
    title_sv="Snabbtangent (accesskey) definierad",
    help_en="accesskey gives an element a keyboard shortcut that clashes with the shortcuts of screen readers, "
            "browsers and the operating system, and users cannot see or change it. Leave it out, or offer a way "
            "to turn the shortcuts off or remap them (best practice; compare SC 2.1.4).",
    help_fi="accesskey antaa elementille pikanäppäimen, joka menee päällekkäin ruudunlukijan, selaimen ja "
            "käyttöjärjestelmän pikanäppäinten kanssa, eikä käyttäjä näe tai voi muuttaa sitä. Jätä se pois tai "
            "tarjoa tapa poistaa tai vaihtaa pikanäppäimet (hyvä käytäntö; vrt. SC 2.1.4).",
    help_sv="accesskey ger ett element ett kortkommando som krockar med skärmläsarens, webbläsarens och "
            "operativsystemets kortkommandon, och användaren kan inte se eller ändra det. Utelämna det, eller ge "
            "ett sätt att stänga av eller byta kortkommandona (god praxis; jfr SC 2.1.4).",
)
def accesskey(art: PageArtifacts) -> Iterator[Hit]:
    """Elements with an accesskey attribute."""
    for e in (_facts(art).get("accesskeys") or [])[:MAX_HITS]:
        k = e.get("key") or ""
        yield Hit(selector=e.get("sel") or "html", snippet=e.get("html") or "",
                  message=msg(en=f"This element has the access key “{k}”.",
                              fi=f"Tällä elementillä on pikanäppäin “{k}”.",
                              sv=f"Elementet har snabbtangenten “{k}”."))
