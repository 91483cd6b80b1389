"""What the safe interaction pass saw (ACC-60..ACC-63; auditor/gatherers/interact.py).

Certain failures follow WCAG's failure techniques: a form submitted, a page loaded or a window opened because a
field changed (3.2.2, F36/F37), errors shown only by styling the fields (F81 for colour alone), error text that
appears with no role, live region or focus to announce it (4.1.3, F103). Focus moved by a field change and error
text that is neither tied to nor next to its field need a person's look.
"""
from __future__ import annotations

from collections.abc import Iterator

from auditor.registry import Hit, PageArtifacts, msg, rule

MAX_HITS = 10


def _data(art: PageArtifacts) -> dict:
    d = art.page.get("interact")
    return d if isinstance(d, dict) and "error" not in d else {}


KIND = {"selects": ("choosing an option", "vaihtoehdon valitseminen", "att välja ett alternativ"),
        "checks": ("ticking it", "valitseminen", "att kryssa i den"),
        "texts": ("typing in it", "kirjoittaminen", "att skriva i det")}


@rule(
    "ACC-60", area="accessibility", requires=("interact",), impact="serious", outcome="fail", wcag=("3.2.2",),
    title_en="Changing a field changes the context",
    title_fi="Kentän muuttaminen vaihtaa kontekstia",
    title_sv="Att ändra ett fält byter sammanhang",
    help_en="Changing this field (choosing an option, ticking a box, typing) submitted a form, loaded another page "
            "or opened a new window without the user asking for it. Screen reader and keyboard users land "
            "somewhere they did not expect, often while still choosing. Let the user confirm with a button, or "
            "say beforehand what will happen (WCAG 3.2.2, failures F36, F37; technique G80). Focus that moves by "
            "itself is reported for review.",
    help_fi="Tämän kentän muuttaminen (vaihtoehdon valinta, valintaruutu, kirjoittaminen) lähetti lomakkeen, avasi "
            "toisen sivun tai uuden ikkunan ilman käyttäjän pyyntöä. Ruudunlukijan ja näppäimistön käyttäjä päätyy "
            "odottamattomaan paikkaan, usein kesken valinnan. Anna käyttäjän vahvistaa valinta painikkeella tai "
            "kerro etukäteen, mitä tapahtuu (WCAG 3.2.2, virheet F36, F37; tekniikka G80). Itsestään siirtyvä "
            "kohdistus raportoidaan tarkistettavaksi.",
    help_sv="Att ändra fältet (välja ett alternativ, kryssa i en ruta, skriva) skickade ett formulär, laddade en "
            "annan sida eller öppnade ett nytt fönster utan att användaren bad om det. Skärmläsar- och "
            "tangentbordsanvändare hamnar någonstans de inte väntade sig, ofta mitt i valet. Låt användaren "
            "bekräfta med en knapp, eller säg i förväg vad som händer (WCAG 3.2.2, fel F36, F37; teknik G80). "
            "Fokus som flyttar sig självt rapporteras för granskning.",
)
def change_of_context(art: PageArtifacts) -> Iterator[Hit]:
    """Fail: a navigation, form submission, URL change or new window right after a field changed. Review: focus
    moved to another element."""
    n = 0
    for it in _data(art).get("inputs") or []:
        if it.get("error") or n >= MAX_HITS:
            continue
        en, fi, sv = KIND.get(it.get("kind"), KIND["texts"])
        what = None
        if it.get("popup"):
            what = ("opened a new window", "avasi uuden ikkunan", "öppnade ett nytt fönster")
        elif it.get("navigation") or it.get("url_changed"):
            what = ("loaded another page", "avasi toisen sivun", "laddade en annan sida")
        elif it.get("submitted"):
            what = ("submitted the form", "lähetti lomakkeen", "skickade formuläret")
        if what:
            n += 1
            yield Hit(selector=it["sel"], snippet=it.get("html") or "",
                      evidence={k: it[k] for k in ("navigation", "popup") if it.get(k)},
                      message=msg(en=f"Only {en} {what[0]}.", fi=f"Pelkkä {fi} {what[1]}.",
                                  sv=f"Bara {sv} {what[2]}."))
        elif it.get("focus_moved"):
            n += 1
            to = it["focus_moved"].get("sel") or ""
            yield Hit(selector=it["sel"], snippet=it.get("html") or "", outcome="review",
                      evidence={"focus_moved_to": to},
                      message=msg(en=f"After {en}, focus jumped to another element ({to[:80]}).",
                                  fi=f"Kun kenttää muutettiin ({fi}), kohdistus hyppäsi toiseen elementtiin "
                                     f"({to[:80]}).",
                                  sv=f"Efter {sv} hoppade fokus till ett annat element ({to[:80]})."))


def _stayed(art: PageArtifacts) -> Iterator[dict]:
    for f in _data(art).get("forms") or []:
        if f.get("result") == "stayed":
            yield f


@rule(
    "ACC-61", area="accessibility", requires=("interact",), impact="serious", outcome="fail",
    wcag=("3.3.1", "1.4.1"),
    title_en="Form errors not shown as text",
    title_fi="Lomakkeen virheitä ei näytetä tekstinä",
    title_sv="Formulärfel visas inte som text",
    help_en="The form was submitted empty and stayed on the page, but no error text appeared: at most the fields "
            "changed colour or style. People who do not see colours, and screen reader users, are not told what "
            "went wrong. Say in text which field is wrong and how to fix it (WCAG 3.3.1, 3.3.3; failure F81 for "
            "colour alone). When nothing at all happened, a person checks the form.",
    help_fi="Lomake lähetettiin tyhjänä ja sivu pysyi ennallaan, mutta virhetekstiä ei tullut: korkeintaan kenttien "
            "väri tai tyyli muuttui. Värejä näkemätön tai ruudunlukijan käyttäjä ei saa tietää, mikä meni vikaan. "
            "Kerro tekstinä, mikä kenttä on virheellinen ja miten sen korjaa (WCAG 3.3.1, 3.3.3; virhe F81, kun "
            "vain väri kertoo). Jos mitään ei tapahtunut, tarkista lomake.",
    help_sv="Formuläret skickades tomt och sidan låg kvar, men ingen feltext visades: högst ändrade fälten färg eller "
            "stil. Den som inte ser färger och skärmläsaranvändare får inte veta vad som gick fel. Säg med text "
            "vilket fält som är fel och hur det rättas (WCAG 3.3.1, 3.3.3; fel F81 när bara färgen säger det). Om "
            "ingenting alls hände, kontrollera formuläret.",
)
def errors_not_text(art: PageArtifacts) -> Iterator[Hit]:
    """Fail: fields restyled or marked aria-invalid but no text appeared. Review: nothing changed at all."""
    for f in _stayed(art):
        if f.get("texts"):
            continue
        if f.get("invalid"):
            yield Hit(selector=f["sel"], snippet=f.get("html") or "",
                      evidence={"fields": [i["sel"] for i in f["invalid"]][:5]},
                      message=msg(en=f"Submitted empty, {len(f['invalid'])} fields changed but no error text "
                                     "appeared.",
                                  fi=f"Tyhjänä lähetettynä {len(f['invalid'])} kenttää muuttui, mutta virhetekstiä "
                                     "ei tullut.",
                                  sv=f"Tomt inskickat ändrades {len(f['invalid'])} fält men ingen feltext visades."))
        else:
            yield Hit(selector=f["sel"], snippet=f.get("html") or "", outcome="review",
                      message=msg(en="Submitted empty, the form stayed on the page and nothing visible changed.",
                                  fi="Tyhjänä lähetetty lomake pysyi sivulla, eikä mikään näkyvä muuttunut.",
                                  sv="Tomt inskickat låg formuläret kvar och inget synligt ändrades."))


@rule(
    "ACC-62", area="accessibility", requires=("interact",), impact="moderate", outcome="review",
    wcag=("3.3.1", "1.3.1"),
    title_en="Error text not tied to its field",
    title_fi="Virheteksti ei liity kenttäänsä",
    title_sv="Feltexten är inte kopplad till sitt fält",
    help_en="After an empty submit, error text appeared, but the fields marked wrong neither refer to it "
            "(aria-describedby, aria-errormessage) nor have it in their label or next to them. A screen reader "
            "user on the field does not hear what is wrong. Tie each message to its field (WCAG 3.3.1; techniques "
            "ARIA21, G83).",
    help_fi="Tyhjän lähetyksen jälkeen tuli virheteksti, mutta virheellisiksi merkityt kentät eivät viittaa siihen "
            "(aria-describedby, aria-errormessage), eikä se ole kentän nimessä tai vieressä. Ruudunlukijan käyttäjä "
            "ei kentässä ollessaan kuule, mikä on vialla. Liitä jokainen viesti kenttäänsä (WCAG 3.3.1; tekniikat "
            "ARIA21, G83).",
    help_sv="Efter en tom inskickning visades feltext, men fälten som markerats som fel hänvisar inte till den "
            "(aria-describedby, aria-errormessage) och har den inte i etiketten eller bredvid sig. En "
            "skärmläsaranvändare i fältet hör inte vad som är fel. Koppla varje meddelande till sitt fält (WCAG "
            "3.3.1; teknik ARIA21, G83).",
)
def errors_not_tied(art: PageArtifacts) -> Iterator[Hit]:
    """Fields marked invalid after the submit, with error text on the page, none of it tied to or next to them."""
    n = 0
    for f in _stayed(art):
        if not f.get("texts"):
            continue
        for i in f.get("invalid") or []:
            if i.get("assoc") or i.get("near") or i.get("ref_text") or n >= MAX_HITS:
                continue
            n += 1
            yield Hit(selector=i["sel"], snippet=i.get("html") or "",
                      message=msg(en="This field is marked wrong but no error text is tied to it or next to it.",
                                  fi="Kenttä on merkitty virheelliseksi, mutta siihen ei liity eikä sen vieressä "
                                     "ole virhetekstiä.",
                                  sv="Fältet är markerat som fel men ingen feltext är kopplad till det eller står "
                                     "bredvid."))


@rule(
    "ACC-63", area="accessibility", requires=("interact",), impact="serious", outcome="fail", wcag=("4.1.3",),
    title_en="Error message not announced",
    title_fi="Virheilmoitusta ei ilmoiteta avustavalle teknologialle",
    title_sv="Felmeddelandet meddelas inte",
    help_en="After an empty submit, error text appeared on the page, but it is not in a live region (role=\"alert\", "
            "aria-live) and focus did not move to it or to a field in error. A screen reader user hears nothing "
            "and does not know the form was rejected. Put the messages in role=\"alert\" or move focus to an error "
            "summary (WCAG 4.1.3, failure F103; techniques ARIA19, G199).",
    help_fi="Tyhjän lähetyksen jälkeen sivulle tuli virheteksti, mutta se ei ole live-alueella (role=\"alert\", "
            "aria-live), eikä kohdistus siirtynyt siihen tai virheelliseen kenttään. Ruudunlukijan käyttäjä ei "
            "kuule mitään eikä tiedä, että lomake hylättiin. Laita viestit role=\"alert\"-alueelle tai siirrä "
            "kohdistus virheyhteenvetoon (WCAG 4.1.3, virhe F103; tekniikat ARIA19, G199).",
    help_sv="Efter en tom inskickning visades feltext, men den ligger inte i en live-region (role=\"alert\", "
            "aria-live) och fokus flyttades inte till den eller till ett felaktigt fält. En skärmläsaranvändare hör "
            "ingenting och vet inte att formuläret avvisades. Lägg meddelandena i role=\"alert\" eller flytta fokus "
            "till en felsammanfattning (WCAG 4.1.3, fel F103; teknik ARIA19, G199).",
)
def errors_not_announced(art: PageArtifacts) -> Iterator[Hit]:
    """Error text appeared after the submit, none of it in a live region, and focus went neither to it nor to a
    field in error."""
    for f in _stayed(art):
        texts = f.get("texts") or []
        if not texts or any(t.get("live") for t in texts) or f.get("focus_in_error") or f.get("focus_on_invalid"):
            continue
        first = texts[0]
        yield Hit(selector=first.get("sel") or f["sel"], snippet=f.get("html") or "",
                  evidence={"form": f["sel"], "texts": [t["text"] for t in texts][:5]},
                  message=msg(en=f"“{first['text'][:100]}” appeared after submitting, but it is not announced.",
                              fi=f"“{first['text'][:100]}” tuli näkyviin lähetyksen jälkeen, mutta sitä ei "
                                 "ilmoiteta.",
                              sv=f"“{first['text'][:100]}” visades efter inskickningen men meddelas inte."))


@rule(
    "ACC-64", area="accessibility", requires=("interact",), impact="serious", outcome="review",
    wcag=("2.4.3", "2.1.2"),
    title_en="Dialog does not handle keyboard focus",
    title_fi="Valintaikkuna ei hallitse näppäimistökohdistusta",
    title_sv="Dialogrutan hanterar inte tangentbordsfokus",
    help_en="A dialog opened from the keyboard should take focus, keep it while a modal dialog is open, close with "
            "Escape and give focus back to the button that opened it. Otherwise keyboard and screen reader users "
            "stay behind the dialog, wander out of it, or lose their place when it closes (WCAG 2.4.3, failure F85 "
            "where the dialog is not next in the focus order; 2.1.2; ARIA Authoring Practices, dialog pattern).",
    help_fi="Näppäimistöllä avatun valintaikkunan pitää ottaa kohdistus, pitää se modaalisen ikkunan ollessa auki, "
            "sulkeutua Escape-näppäimellä ja palauttaa kohdistus painikkeeseen, josta se avattiin. Muuten "
            "näppäimistön ja ruudunlukijan käyttäjä jää ikkunan taakse, harhautuu siitä ulos tai hukkaa paikkansa "
            "ikkunan sulkeutuessa (WCAG 2.4.3, virhe F85, kun ikkuna ei ole seuraavana kohdistusjärjestyksessä; "
            "2.1.2; ARIA Authoring Practices, dialog).",
    help_sv="En dialogruta som öppnas med tangentbordet ska ta fokus, behålla det medan en modal dialog är öppen, "
            "stängas med Escape och ge tillbaka fokus till knappen som öppnade den. Annars blir tangentbords- och "
            "skärmläsaranvändare kvar bakom dialogen, hamnar utanför den eller tappar bort sig när den stängs "
            "(WCAG 2.4.3, fel F85 när dialogen inte är nästa i fokusordningen; 2.1.2; ARIA Authoring Practices, "
            "dialog).",
)
def dialog_focus(art: PageArtifacts) -> Iterator[Hit]:
    """For each dialog opened with Enter: focus not moved in, focus leaving a modal dialog under Tab, Escape not
    closing it, focus not returned to the trigger (one hit per problem)."""
    for d in _data(art).get("dialogs") or []:
        if d.get("error") or not d.get("opened"):
            continue
        problems = []
        if not d.get("focus_in"):
            problems.append(("in", "focus did not move into the dialog", "kohdistus ei siirtynyt ikkunaan",
                             "fokus flyttades inte in i dialogen"))
        if d.get("focus_left") and d.get("modal"):
            problems.append(("left", "Tab took focus out of the open modal dialog",
                             "sarkain vei kohdistuksen ulos avoimesta modaalisesta ikkunasta",
                             "Tabb flyttade fokus ut ur den öppna modala dialogen"))
        if d.get("escape_closes") is False:
            problems.append(("esc", "Escape did not close it", "Escape ei sulkenut sitä", "Escape stängde den inte"))
        if d.get("focus_returned") is False:
            problems.append(("back", "focus did not return to the button that opened it",
                             "kohdistus ei palannut avauspainikkeeseen",
                             "fokus återgick inte till knappen som öppnade den"))
        for key, en, fi, sv in problems:
            yield Hit(selector=d["sel"], snippet=d.get("html") or "", key=key,
                      evidence={"dialog": d.get("dialog"), "modal": d.get("modal")},
                      message=msg(en=f"Opened with Enter: {en}.", fi=f"Enterillä avattuna: {fi}.",
                                  sv=f"Öppnad med Enter: {sv}."))
