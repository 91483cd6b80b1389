"""The report's interface in English, Finnish and Swedish (`--report-lang en|fi|sv`), and rule help in the same
language.

Strings are written in English in the templates (`t("Failures by severity")`, `tn("{n} page", "{n} pages", n)`)
and looked up here; a string without a translation falls back to English, so a new string never breaks a report
(a test lists the missing ones). Help texts: own rules carry `help_fi` in the registry; axe-core 4.14.1 has a Swedish
locale (vendored: auditor/vendor/axe-locale-sv.json) but no Finnish one, so the most common axe rules are
translated to Finnish in `AXE_HELP` and the rest stay in English.
Swedish names of WCAG criteria (`SC_SV`) follow the Swedish WCAG 2.1 translation as far as known; the names of
criteria new in 2.2 are our own.
"""
from __future__ import annotations

import re
from typing import Any

from auditor import standards

LANGS = ("en", "fi", "sv")


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"unknown report language {lang!r}: use {', '.join(LANGS)}")
    return lang


def translate(s: str, lang: str, /, **kw: Any) -> str:
    text = MESSAGES.get(s, {}).get(lang, s) if lang != "en" else s
    return text.format(**kw) if kw else text


def plural(one: str, many: str, n: int, lang: str, /, **kw: Any) -> str:
    forms = PLURALS.get(one, {}).get(lang) if lang != "en" else None
    o, m = forms if forms else (one, many)
    text = o if n == 1 else m
    return text.format(n=fmt_num(n, lang), **kw)


def fmt_num(value: Any, lang: str = "en", digits: int = 2) -> str:
    """1234.5 -> "1,234.5" (en) / "1 234,5" (fi, sv: decimal comma, narrow no-break space for thousands)."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        value = round(value, digits)
        text = f"{value:,.{digits}f}".rstrip("0").rstrip(".") if digits else f"{value:,.0f}"
    elif isinstance(value, int):
        text = f"{value:,}"
    else:
        return str(value)
    if lang in ("fi", "sv"):
        text = text.replace(",", "\u202f").replace(".", ",")
    return text


def principle_name(key: str, lang: str) -> str:
    en, fi = standards.PRINCIPLES.get(key, (key, key))
    return fi if lang == "fi" else translate(en, lang)


def sc_name(sc: str, lang: str) -> str:
    c = standards.get(sc)
    if c is None:
        return ""
    if lang == "fi":
        return c.name_fi
    if lang == "sv":
        return SC_SV.get(sc, c.name_en)
    return c.name_en


def sc_name_lang(sc: str, lang: str) -> str:
    """The language `sc_name(sc, lang)` is written in."""
    if lang == "sv" and sc not in SC_SV:
        return "en"
    return lang


def sc_label(sc: str, lang: str) -> str:
    """ "1.1.1 Non-text Content (A)" in the report language; the bare number for unknown criteria."""
    c = standards.get(sc)
    if c is None:
        return sc
    return f"{sc} {sc_name(sc, lang)} ({c.level})"


_REGISTRY_HELP: dict[str, Any] | None = None


def _registry() -> dict[str, Any]:
    global _REGISTRY_HELP
    if _REGISTRY_HELP is None:
        try:
            from auditor import registry

            _REGISTRY_HELP = registry.discover()
        except Exception:
            _REGISTRY_HELP = {}
    return _REGISTRY_HELP


def _pl_lang(code: str) -> str | None:
    """PL-SV-* rules write their Finnish-interface help and their messages in Swedish, PL-FI-* in Finnish."""
    for prefix, lang in (("PL-FI-", "fi"), ("PL-SV-", "sv"), ("PL-EN-", "en")):
        if code.startswith(prefix):
            return lang
    return None


_AXE_SV: dict[str, str] | None = None


def _axe_sv() -> dict[str, str]:
    """axe-core's own Swedish locale (vendored from the axe-core 4.14.1 npm package, MPL-2.0): rule id -> help.
    axe-core 4.14.1 has no Finnish locale; Finnish comes from AXE_HELP below."""
    global _AXE_SV
    if _AXE_SV is None:
        import json
        from pathlib import Path

        try:
            data = json.loads((Path(__file__).resolve().parent.parent / "auditor" / "vendor" /
                               "axe-locale-sv.json").read_text(encoding="utf-8"))
            _AXE_SV = {k: v["help"] for k, v in (data.get("rules") or {}).items()
                       if isinstance(v, dict) and isinstance(v.get("help"), str)}
        except (OSError, ValueError):
            _AXE_SV = {}
    return _AXE_SV


def _axe_help(rule_id: str, lang: str) -> str | None:
    if lang == "sv" and _axe_sv().get(rule_id):
        return _axe_sv()[rule_id]
    tr = AXE_HELP.get(rule_id)
    if tr:
        return tr[0] if lang == "fi" else tr[1]
    return None


def help_lang(code: str, lang: str) -> str:
    """The language `rule_help(code, ..., lang)` is written in (for lang attributes in the HTML report)."""
    if lang == "en":
        return "en"
    if code.startswith("AXE-"):
        return lang if _axe_help(code[4:], lang) else "en"
    r = _registry().get(code)
    if r is not None and lang == "fi" and getattr(r, "help_fi", ""):
        return "fi"  # PL-SV rules have a Finnish help_fi and a Swedish help_sv since issue 14
    if r is not None and lang == "sv" and getattr(r, "help_sv", ""):
        return "sv"
    return "en"


def message_lang(code: str) -> str:
    """The language of a finding's `message`: English for every rule. Plain-language rules give their Finnish and
    Swedish versions in `messages` (registry.Msg) like all other rules since issue 14."""
    return "en"


def message(f: dict[str, Any], lang: str) -> tuple[str, str]:
    """(text, its language) of a finding's message in the report language: the rule's own translation
    (findings.messages) when it gave one, else the stored message in its own language. A message the rule gave
    as a plain string is stored as {"en": text} whatever its language (plain-language rules write in the language
    of the text): only a message given in several languages is trusted to be English under "en"."""
    msgs = f.get("messages")
    if isinstance(msgs, dict) and isinstance(msgs.get(lang), str) and msgs[lang] \
            and (len(msgs) > 1 or lang != "en" or message_lang(f.get("rule", "")) == "en"):
        return msgs[lang], lang
    return f.get("message") or "", message_lang(f.get("rule", ""))


# Page text inside a message: a URL, or a quotation in typographic or straight quotes.
_QUOTED = re.compile(r"https?://[^\s)>\]]+|“[^”]{1,400}”|”[^”]{1,400}”|‘[^’]{1,400}’|’[^’]{1,400}’|\"[^\"]{1,400}\"")


def quote_segments(text: str) -> list[tuple[str, bool]]:
    """A message cut into (text, is_page_text) parts: URLs and quotations are the page's own words, which the
    report marks with the page's language (WCAG 3.1.2); the rest is the rule's text."""
    out: list[tuple[str, bool]] = []
    pos = 0
    for m in _QUOTED.finditer(text or ""):
        if m.start() > pos:
            out.append((text[pos:m.start()], False))
        out.append((m.group(0), True))
        pos = m.end()
    if pos < len(text or ""):
        out.append((text[pos:], False))
    return out


def rule_title(code: str, default: str, lang: str) -> str:
    """A rule's short title in `lang` (a few words, for headings): the registry's title_<lang>, axe-core's own
    short help for AXE-* (translated where we have it), else the first clause of the help."""
    if code.startswith("AXE-"):
        return rule_help(code, default, lang)
    r = _registry().get(code)
    if r is not None:
        t = getattr(r, f"title_{lang}", "") or ""
        if t:
            return t
        if getattr(r, "title_en", ""):
            return r.title_en
    text = rule_help(code, default, lang) or code
    head = re.split(r"(?<=[.:;])\s", text, maxsplit=1)[0].rstrip(".:;")
    return head if len(head) <= 90 else head[:87].rstrip() + "…"


def title_lang(code: str, lang: str) -> str:
    """The language `rule_title(code, ..., lang)` is written in."""
    if code.startswith("AXE-"):
        return help_lang(code, lang)
    r = _registry().get(code)
    if r is not None and getattr(r, f"title_{lang}", ""):
        return lang
    if r is not None and getattr(r, "title_en", ""):
        return "en"
    return help_lang(code, lang)


def rule_help(code: str, default: str, lang: str) -> str:
    """A rule's help text in `lang` when we have one, else the stored (English) text."""
    if lang == "en":
        return default
    if code.startswith("AXE-"):
        return _axe_help(code[4:], lang) or default
    r = _registry().get(code)
    if r is not None and lang == "fi" and getattr(r, "help_fi", ""):
        return r.help_fi
    if r is not None and lang == "sv" and getattr(r, "help_sv", ""):
        return r.help_sv
    return default


# The most common axe-core rules (those that fail most often on public-sector sites, and every rule the demo site
# triggers): (Finnish, Swedish).
AXE_HELP: dict[str, tuple[str, str]] = {
    "image-alt": ("Kuvilla on oltava tekstivastine", "Bilder måste ha alternativtext"),
    "input-image-alt": ("Kuvapainikkeilla on oltava tekstivastine", "Bildknappar måste ha alternativtext"),
    "role-img-alt": ("Kuvaksi merkityillä elementeillä on oltava tekstivastine",
                     "Element med rollen img måste ha alternativtext"),
    "svg-img-alt": ("Kuvaksi merkityillä SVG-elementeillä on oltava tekstivastine",
                    "SVG-element med rollen img måste ha alternativtext"),
    "area-alt": ("Kuvakartan aktiivisilla alueilla on oltava tekstivastine",
                 "Aktiva områden i bildkartor måste ha alternativtext"),
    "object-alt": ("Object-elementeillä on oltava tekstivastine", "Object-element måste ha alternativtext"),
    "color-contrast": ("Tekstin ja taustan värikontrastin on oltava riittävä",
                       "Kontrasten mellan text och bakgrund måste vara tillräcklig"),
    "link-name": ("Linkeillä on oltava tunnistettava teksti", "Länkar måste ha en urskiljbar text"),
    "button-name": ("Painikkeilla on oltava tunnistettava teksti", "Knappar måste ha en urskiljbar text"),
    "input-button-name": ("Syöttöpainikkeilla on oltava tunnistettava teksti",
                          "Inmatningsknappar måste ha en urskiljbar text"),
    "label": ("Lomakekentillä on oltava nimilappu (label)", "Formulärfält måste ha etiketter"),
    "select-name": ("Valintalistoilla on oltava saavutettava nimi", "Listrutor måste ha ett tillgängligt namn"),
    "form-field-multiple-labels": ("Lomakekentällä ei saa olla useita nimilappuja",
                                   "Formulärfält får inte ha flera etiketter"),
    "autocomplete-valid": ("autocomplete-määritettä on käytettävä oikein",
                           "Attributet autocomplete måste användas korrekt"),
    "document-title": ("Sivulla on oltava kuvaava otsikko (title-elementti)",
                       "Sidan måste ha en beskrivande titel (title-elementet)"),
    "html-has-lang": ("html-elementillä on oltava lang-määrite", "html-elementet måste ha ett lang-attribut"),
    "html-lang-valid": ("html-elementin lang-määritteen on oltava kelvollinen",
                        "html-elementets lang-attribut måste ha ett giltigt värde"),
    "html-xml-lang-mismatch": ("lang- ja xml:lang-määritteiden kielen on oltava sama",
                               "lang och xml:lang måste ange samma språk"),
    "valid-lang": ("lang-määritteen arvon on oltava kelvollinen", "lang-attributet måste ha ett giltigt värde"),
    "meta-viewport": ("Zoomausta ja skaalausta ei saa estää", "Zoomning och skalning får inte förhindras"),
    "meta-viewport-large": ("Tekstin suurentaminen 500 %:iin on sallittava",
                            "Användaren ska kunna förstora texten till 500 %"),
    "meta-refresh": ("Viivästettyä automaattista päivitystä ei saa käyttää",
                     "Fördröjd automatisk uppdatering får inte användas"),
    "aria-valid-attr-value": ("ARIA-määritteiden arvojen on oltava kelvollisia",
                              "ARIA-attribut måste ha giltiga värden"),
    "aria-valid-attr": ("ARIA-määritteiden nimien on oltava kelvollisia", "ARIA-attribut måste ha giltiga namn"),
    "aria-allowed-attr": ("Elementeillä saa olla vain niille sallittuja ARIA-määritteitä",
                          "Element får bara ha ARIA-attribut som stöds"),
    "aria-prohibited-attr": ("Elementeillä ei saa olla kiellettyjä ARIA-määritteitä",
                             "Element får inte ha förbjudna ARIA-attribut"),
    "aria-required-attr": ("Pakolliset ARIA-määritteet on annettava", "Obligatoriska ARIA-attribut måste anges"),
    "aria-required-children": ("ARIA-roolien on sisällettävä vaaditut alielementit",
                               "ARIA-roller måste innehålla de underordnade element som krävs"),
    "aria-required-parent": ("ARIA-roolien on oltava vaaditun yläelementin sisällä",
                             "ARIA-roller måste finnas inuti det överordnade element som krävs"),
    "aria-roles": ("ARIA-roolien on oltava kelvollisia", "ARIA-roller måste ha giltiga värden"),
    "aria-hidden-focus": ("Piilotettu (aria-hidden) elementti ei saa saada kohdistusta",
                          "Dolda (aria-hidden) element får inte kunna få fokus"),
    "aria-hidden-body": ("body-elementillä ei saa olla aria-hidden=\"true\"",
                         "body-elementet får inte ha aria-hidden=\"true\""),
    "aria-input-field-name": ("ARIA-syöttökentillä on oltava saavutettava nimi",
                              "ARIA-inmatningsfält måste ha ett tillgängligt namn"),
    "aria-toggle-field-name": ("ARIA-valitsimilla on oltava saavutettava nimi",
                               "ARIA-växlingsfält måste ha ett tillgängligt namn"),
    "aria-command-name": ("ARIA-komennoilla on oltava saavutettava nimi",
                          "ARIA-kommandon måste ha ett tillgängligt namn"),
    "nested-interactive": ("Interaktiivisia elementtejä ei saa sijoittaa sisäkkäin",
                           "Interaktiva element får inte vara nästlade"),
    "frame-title": ("Kehyksillä on oltava saavutettava nimi", "Ramar måste ha ett tillgängligt namn"),
    "duplicate-id-aria": ("ARIA-viittauksissa ja nimilapuissa käytettyjen id-arvojen on oltava yksilöllisiä",
                          "id-värden som används i ARIA och etiketter måste vara unika"),
    "list": ("Listoissa saa olla suoraan vain li-, script- tai template-elementtejä",
             "Listor får bara direkt innehålla li-, script- eller template-element"),
    "listitem": ("li-elementtien on oltava ul- tai ol-listan sisällä",
                 "li-element måste finnas inuti en ul- eller ol-lista"),
    "definition-list": ("Määritelmälistan rakenteen on oltava oikea",
                        "Definitionslistor måste ha korrekt struktur"),
    "dlitem": ("dt- ja dd-elementtien on oltava dl-listan sisällä",
               "dt- och dd-element måste finnas inuti en dl-lista"),
    "td-headers-attr": ("Taulukon headers-määritteiden on viitattava saman taulukon otsikkosoluihin",
                        "Tabellceller får bara hänvisa till rubrikceller i samma tabell"),
    "th-has-data-cells": ("Taulukon otsikkosolujen on liityttävä datasoluihin",
                          "Tabellrubriker måste höra till dataceller"),
    "bypass": ("Sivulla on oltava keino ohittaa toistuvat sisällöt", "Sidan måste gå att hoppa förbi upprepat innehåll"),
    "scrollable-region-focusable": ("Vieritettävän alueen on oltava käytettävissä näppäimistöllä",
                                    "Rullningsbara områden måste kunna nås med tangentbordet"),
    "link-in-text-block": ("Tekstin seassa olevat linkit on erotettava muutenkin kuin värillä",
                           "Länkar i löptext måste gå att urskilja utan färg"),
    "video-caption": ("Videoissa on oltava tekstitys", "Videor måste ha undertexter"),
    "target-size": ("Kosketuskohteiden on oltava vähintään 24 × 24 pikseliä tai riittävän erillään",
                    "Pekytor måste vara minst 24 × 24 pixlar eller ha tillräckligt avstånd"),
    "label-content-name-mismatch": ("Näkyvän tekstin on sisällyttävä elementin saavutettavaan nimeen",
                                    "Den synliga texten måste ingå i elementets tillgängliga namn"),
    "region": ("Kaiken sisällön on oltava maamerkkialueiden sisällä",
               "Allt innehåll ska finnas inom landmärken"),
    "landmark-one-main": ("Sivulla on oltava yksi main-maamerkki", "Sidan ska ha ett main-landmärke"),
    "page-has-heading-one": ("Sivulla on oltava ensimmäisen tason otsikko",
                             "Sidan ska ha en rubrik på nivå ett"),
    "heading-order": ("Otsikkotasojen on edettävä yksi kerrallaan", "Rubriknivåerna ska öka med en i taget"),
    "empty-heading": ("Otsikot eivät saa olla tyhjiä", "Rubriker ska inte vara tomma"),
    "landmark-unique": ("Maamerkkialueilla on oltava yksilöllinen rooli tai nimi",
                        "Landmärken ska ha en unik roll eller ett unikt namn"),
    "image-redundant-alt": ("Kuvan tekstivastinetta ei pidä toistaa viereisessä tekstissä",
                            "Bildens alternativtext ska inte upprepas i texten bredvid"),
    "skip-link": ("Ohituslinkin kohteen on oltava olemassa ja kohdistettavissa",
                  "Målet för en överhoppningslänk ska finnas och kunna få fokus"),
    "tabindex": ("tabindex-arvo ei saa olla nollaa suurempi", "tabindex ska inte vara större än noll"),
    "label-title-only": ("Lomakekentillä on oltava näkyvä nimilappu", "Formulärfält ska ha en synlig etikett"),
    "empty-table-header": ("Taulukon otsikkosolut eivät saa olla tyhjiä", "Tabellrubriker ska inte vara tomma"),
    "identical-links-same-purpose": ("Samannimisten linkkien on vietävä samaan kohteeseen",
                                     "Länkar med samma namn ska ha samma syfte"),
}

# Swedish names of the WCAG 2.2 A and AA success criteria (and the AAA ones rules most often cite).
SC_SV: dict[str, str] = {
    "1.1.1": "Icke-textuellt innehåll",
    "1.2.1": "Enbart ljud och enbart video (förinspelat)",
    "1.2.2": "Undertexter (förinspelat)",
    "1.2.3": "Syntolkning eller mediealternativ (förinspelat)",
    "1.2.4": "Undertexter (direktsänt)",
    "1.2.5": "Syntolkning (förinspelat)",
    "1.3.1": "Information och relationer",
    "1.3.2": "Meningsfull ordningsföljd",
    "1.3.3": "Sensoriska egenskaper",
    "1.3.4": "Visningsriktning",
    "1.3.5": "Identifiera inmatningens syfte",
    "1.4.1": "Användning av färg",
    "1.4.2": "Ljudkontroll",
    "1.4.3": "Kontrast (minimum)",
    "1.4.4": "Ändra textstorlek",
    "1.4.5": "Bilder av text",
    "1.4.6": "Kontrast (förbättrad)",
    "1.4.10": "Anpassning till skärmstorlek",
    "1.4.11": "Kontrast för icke-textuellt innehåll",
    "1.4.12": "Textavstånd",
    "1.4.13": "Innehåll vid hovring eller fokus",
    "2.1.1": "Tangentbord",
    "2.1.2": "Ingen tangentbordsfälla",
    "2.1.4": "Kortkommandon med tecken",
    "2.2.1": "Justerbar tidsgräns",
    "2.2.2": "Pausa, stoppa, dölja",
    "2.3.1": "Tre blinkningar eller under tröskelvärdet",
    "2.4.1": "Hoppa över block",
    "2.4.2": "Sidans titel",
    "2.4.3": "Fokusordning",
    "2.4.4": "Länkens syfte (i sitt sammanhang)",
    "2.4.5": "Flera sätt",
    "2.4.6": "Rubriker och etiketter",
    "2.4.7": "Synligt fokus",
    "2.4.11": "Fokus inte dolt (minimum)",
    "2.5.1": "Pekargester",
    "2.5.2": "Avbryta pekarinteraktion",
    "2.5.3": "Etikett i namn",
    "2.5.4": "Rörelseaktivering",
    "2.5.7": "Dragrörelser",
    "2.5.8": "Målstorlek (minimum)",
    "3.1.1": "Sidans språk",
    "3.1.2": "Språk för delar av innehållet",
    "3.1.5": "Läsnivå",
    "3.2.1": "Vid fokus",
    "3.2.2": "Vid inmatning",
    "3.2.3": "Konsekvent navigering",
    "3.2.4": "Konsekvent identifiering",
    "3.2.6": "Konsekvent hjälp",
    "3.3.1": "Identifiering av fel",
    "3.3.2": "Etiketter eller instruktioner",
    "3.3.3": "Förslag vid fel",
    "3.3.4": "Förhindra fel (juridiska, ekonomiska, data)",
    "3.3.7": "Överflödig inmatning",
    "3.3.8": "Tillgänglig autentisering (minimum)",
    "4.1.1": "Parsning",
    "4.1.2": "Namn, roll, värde",
    "4.1.3": "Statusmeddelanden",
}

# English -> {"fi": ..., "sv": ...}. Placeholders ({n}, {p}...) are kept as they are.
MESSAGES: dict[str, dict[str, str]] = {
    "Where: {n}": {"fi": "Missä: {n}", "sv": "Var: {n}"},
    "each element's own message is under “Where”": {"fi": "kunkin elementin oma viesti on kohdassa ”Missä”",
                                                      "sv": "varje elements eget meddelande finns under ”Var”"},
    "{n} findings in {k} cards: identical elements are shown together.": {
        "fi": "{n} havaintoa {k} kortissa: samanlaiset elementit näytetään yhdessä.",
        "sv": "{n} fynd i {k} kort: likadana element visas tillsammans."},
    # labels used from Python (areas, categories, kinds, statuses, navigation, severities, run states)
    "Accessibility": {"fi": "Saavutettavuus", "sv": "Tillgänglighet"},
    "Device independence": {"fi": "Laiteriippumattomuus", "sv": "Enhetsoberoende"},
    "Plain language": {"fi": "Selkeä kieli", "sv": "Klarspråk"},
    "Service duties": {"fi": "Palveluvelvoitteet", "sv": "Tjänsteskyldigheter"},
    "Failures": {"fi": "Virheet", "sv": "Fel"},
    "Needs review": {"fi": "Tarkistettava", "sv": "Behöver granskas"},
    "Advisory": {"fi": "Suositukset", "sv": "Rekommendationer"},
    "Rule errors": {"fi": "Sääntövirheet", "sv": "Regelfel"},
    "HTML page": {"fi": "HTML-sivu", "sv": "HTML-sida"},
    "Document": {"fi": "Asiakirja", "sv": "Dokument"},
    "Could not be loaded": {"fi": "Ei voitu ladata", "sv": "Kunde inte läsas in"},
    "Skipped": {"fi": "Ohitettu", "sv": "Överhoppad"},
    "Failed": {"fi": "Ei täyty", "sv": "Uppfylls inte"},
    "No automated failure found": {"fi": "Automaattisesti ei löytynyt virheitä",
                                   "sv": "Inga fel hittades automatiskt"},
    "Not testable automatically": {"fi": "Ei testattavissa automaattisesti", "sv": "Kan inte testas automatiskt"},
    "at least one automated rule found a failure": {"fi": "vähintään yksi automaattinen sääntö löysi virheen",
                                                    "sv": "minst en automatisk regel hittade ett fel"},
    "a rule found something a person must decide on, and no failure": {
        "fi": "sääntö löysi jotain, mistä ihmisen on päätettävä, eikä virheitä",
        "sv": "en regel hittade något som en människa måste avgöra, och inga fel"},
    "rules that test this criterion ran and found nothing; a person must still check the rest": {
        "fi": "kriteeriä testaavat säännöt ajettiin eivätkä ne löytäneet mitään; ihmisen on silti tarkistettava loput",
        "sv": "regler som testar kriteriet kördes och hittade inget; en människa måste ändå kontrollera resten"},
    "no automated rule that ran tests this criterion: a person must evaluate it": {
        "fi": "mikään ajettu automaattinen sääntö ei testaa tätä kriteeriä: ihmisen on arvioitava se",
        "sv": "ingen automatisk regel som kördes testar kriteriet: en människa måste bedöma det"},
    "Finnish": {"fi": "suomi", "sv": "finska"},
    "Swedish": {"fi": "ruotsi", "sv": "svenska"},
    "English": {"fi": "englanti", "sv": "engelska"},
    "Summary": {"fi": "Yhteenveto", "sv": "Sammanfattning"},
    "Issues": {"fi": "Havainnot", "sv": "Problem"},
    "Pages": {"fi": "Sivut", "sv": "Sidor"},
    "Conformance": {"fi": "Vaatimustenmukaisuus", "sv": "Överensstämmelse"},
    "Statement": {"fi": "Seloste", "sv": "Utlåtande"},
    "Rules": {"fi": "Säännöt", "sv": "Regler"},
    "critical": {"fi": "kriittinen", "sv": "kritisk"},
    "serious": {"fi": "vakava", "sv": "allvarlig"},
    "moderate": {"fi": "kohtalainen", "sv": "måttlig"},
    "minor": {"fi": "vähäinen", "sv": "mindre"},
    "running": {"fi": "käynnissä", "sv": "pågår"},
    "finished": {"fi": "valmis", "sv": "klar"},
    "interrupted": {"fi": "keskeytynyt", "sv": "avbruten"},
    "failed": {"fi": "epäonnistui", "sv": "misslyckades"},
    "Perceivable": {"fi": "Havaittava", "sv": "Möjlig att uppfatta"},
    "Operable": {"fi": "Hallittava", "sv": "Hanterbar"},
    "Understandable": {"fi": "Ymmärrettävä", "sv": "Begriplig"},
    "Robust": {"fi": "Toimintavarma", "sv": "Robust"},
    # templates
    "none": {"fi": "ei mitään", "sv": "inga"},
    "Previous": {"fi": "Edellinen", "sv": "Föregående"},
    "Page {n}": {"fi": "Sivu {n}", "sv": "Sida {n}"},
    "Next": {"fi": "Seuraava", "sv": "Nästa"},
    "start of the list": {"fi": "luettelon alku", "sv": "listans början"},
    "end of the list": {"fi": "luettelon loppu", "sv": "listans slut"},
    "Full {vp} screenshot": {"fi": "Koko kuvakaappaus ({vp})", "sv": "Hela skärmbilden ({vp})"},
    "Rule": {"fi": "Sääntö", "sv": "Regel"},
    "Severity": {"fi": "Vakavuus", "sv": "Allvarlighetsgrad"},
    "ACT rules": {"fi": "ACT-säännöt", "sv": "ACT-regler"},
    "Viewports": {"fi": "Näyttökoot", "sv": "Skärmstorlekar"},
    "Element": {"fi": "Elementti", "sv": "Element"},
    "HTML": {"fi": "HTML", "sv": "HTML"},
    "Problem": {"fi": "Ongelma", "sv": "Problem"},
    "Evidence": {"fi": "Näyttö", "sv": "Belägg"},
    "How to fix": {"fi": "Näin korjaat", "sv": "Så här åtgärdar du"},
    "See the rule documentation.": {"fi": "Katso säännön ohje.", "sv": "Se regelns dokumentation."},
    "Rule documentation for {rule}": {"fi": "Säännön {rule} ohje (englanniksi)",
                                      "sv": "Dokumentation för regeln {rule} (på engelska)"},
    "documentation": {"fi": "ohje", "sv": "dokumentation"},
    "Same issue elsewhere": {"fi": "Sama havainto muualla", "sv": "Samma problem på andra ställen"},
    "All pages with this issue": {"fi": "Kaikki sivut, joilla havainto on", "sv": "Alla sidor med problemet"},
    "Screenshot at the {vp} viewport, the element outlined": {
        "fi": "Kuvakaappaus näyttökoossa {vp}, elementti kehystetty",
        "sv": "Skärmbild i skärmstorleken {vp}, elementet inramat"},
    "audit report": {"fi": "arviointiraportti", "sv": "granskningsrapport"},
    "Skip to main content": {"fi": "Siirry pääsisältöön", "sv": "Hoppa till huvudinnehållet"},
    "Audit report": {"fi": "Arviointiraportti", "sv": "Granskningsrapport"},
    "run": {"fi": "ajo", "sv": "körning"},
    "Report": {"fi": "Raportti", "sv": "Rapport"},
    "Generated by auditor {tool} with axe-core {axe}.": {"fi": "Tuotettu auditor {tool} -työkalulla (axe-core {axe}).",
                                                          "sv": "Skapad med auditor {tool} och axe-core {axe}."},
    "(unknown version)": {"fi": "(tuntematon versio)", "sv": "(okänd version)"},
    "Automated tests find only some accessibility barriers: a manual evaluation is still needed.": {
        "fi": "Automaattiset testit löytävät vain osan saavutettavuusesteistä: myös manuaalinen arviointi tarvitaan.",
        "sv": "Automatiska tester hittar bara en del av tillgänglighetshindren: en manuell utvärdering behövs ändå."},
    "Conformance table": {"fi": "Vaatimustenmukaisuustaulukko", "sv": "Överensstämmelsetabell"},
    "Conformance table: WCAG 2.2 A and AA": {"fi": "Vaatimustenmukaisuus: WCAG 2.2 A ja AA",
                                             "sv": "Överensstämmelse: WCAG 2.2 A och AA"},
    "Every level A and AA success criterion of WCAG 2.2 with its EN 301 549 V3.2.1 clause (the standard Finnish law refers to), and what this automated audit can say about it:": {
        "fi": "Jokainen WCAG 2.2:n A- ja AA-tason onnistumiskriteeri, sen EN 301 549 V3.2.1 -kohta (standardi, "
              "johon Suomen laki viittaa) ja se, mitä tämä automaattinen arviointi voi siitä sanoa:",
        "sv": "Varje framgångskriterium på nivå A och AA i WCAG 2.2 med sin punkt i EN 301 549 V3.2.1 (den "
              "standard som den finska lagen hänvisar till), och vad den här automatiska granskningen kan säga:"},
    "A machine can prove a failure but never a pass: “no automated failure found” is not conformance. Every criterion still needs a person's evaluation, and the ones marked “not testable automatically” need it entirely.": {
        "fi": "Kone voi osoittaa virheen mutta ei koskaan läpäisyä: ”automaattisesti ei löytynyt virheitä” ei "
              "tarkoita vaatimustenmukaisuutta. Ihmisen on vielä arvioitava jokainen kriteeri, ja ”ei testattavissa "
              "automaattisesti” -kriteerit kokonaan.",
        "sv": "En maskin kan visa ett fel men aldrig att något är godkänt: ”inga fel hittades automatiskt” är "
              "inte överensstämmelse. Varje kriterium behöver ändå en människas bedömning, och de som ”inte kan "
              "testas automatiskt” helt och hållet."},
    "{p}: success criteria, EN 301 549 clause and result": {
        "fi": "{p}: onnistumiskriteerit, EN 301 549 -kohta ja tulos",
        "sv": "{p}: framgångskriterier, punkt i EN 301 549 och resultat"},
    "Success criterion": {"fi": "Onnistumiskriteeri", "sv": "Framgångskriterium"},
    "Level": {"fi": "Taso", "sv": "Nivå"},
    "Result": {"fi": "Tulos", "sv": "Resultat"},
    "Details": {"fi": "Lisätiedot", "sv": "Detaljer"},
    "removed in WCAG 2.2, still in EN 301 549 V3.2.1": {"fi": "poistettu WCAG 2.2:sta, yhä EN 301 549 V3.2.1:ssä",
                                                        "sv": "borttaget i WCAG 2.2, finns kvar i EN 301 549 V3.2.1"},
    "not in V3.2.1": {"fi": "ei V3.2.1:ssä", "sv": "inte i V3.2.1"},
    "{f} on {p}": {"fi": "{f}, {p}", "sv": "{f} på {p}"},
    "Tested by {n}.": {"fi": "Testattu: {n}.", "sv": "Testas av {n}."},
    "Automated rules find only some failures of this criterion.": {
        "fi": "Automaattiset säännöt löytävät vain osan tämän kriteerin virheistä.",
        "sv": "Automatiska regler hittar bara en del av felen mot kriteriet."},
    "Only a person can evaluate this criterion.": {"fi": "Vain ihminen voi arvioida tämän kriteerin.",
                                                   "sv": "Bara en människa kan bedöma kriteriet."},
    "No rule that ran tests this criterion.": {"fi": "Mikään ajettu sääntö ei testaa tätä kriteeriä.",
                                               "sv": "Ingen regel som kördes testar kriteriet."},
    "At a glance": {"fi": "Lyhyesti", "sv": "I korthet"},
    "on {n}": {"fi": "({n})", "sv": "på {n}"},
    "accessibility score (of 100)": {"fi": "saavutettavuuspistettä (100:sta)",
                                     "sv": "tillgänglighetspoäng (av 100)"},
    "Start with the issues: each one is a single fix, however many pages it is on.": {
        "fi": "Aloita havainnoista: kukin korjataan kerran, vaikka se olisi monella sivulla.",
        "sv": "Börja med problemen: vart och ett åtgärdas en gång, oavsett på hur många sidor det finns."},
    "All issues": {"fi": "Kaikki havainnot", "sv": "Alla problem"},
    "Accessibility statement draft": {"fi": "Saavutettavuusselosteen luonnos", "sv": "Utkast till tillgänglighetsutlåtande"},
    "Scores by area": {"fi": "Pisteet osa-alueittain", "sv": "Poäng per område"},
    "Trend over runs": {"fi": "Kehitys auditoinnista toiseen", "sv": "Utveckling mellan granskningar"},
    "Run {n}": {"fi": "Ajo {n}", "sv": "Körning {n}"},
    "Bar chart: accessibility score of each run of this site": {
        "fi": "Pylväskaavio: sivuston kunkin ajon saavutettavuuspisteet",
        "sv": "Stapeldiagram: tillgänglighetspoäng för varje körning av webbplatsen"},
    "Accessibility score of each run of this site, out of 100. The same numbers are in the table below.": {
        "fi": "Sivuston kunkin ajon saavutettavuuspisteet, enintään 100. Samat luvut ovat alla olevassa taulukossa.",
        "sv": "Tillgänglighetspoäng för varje körning av webbplatsen, av 100. Samma siffror finns i tabellen nedan."},
    "Runs of this site: accessibility score, failures and URLs": {
        "fi": "Sivuston ajot: saavutettavuuspisteet, puutteet ja osoitteet",
        "sv": "Webbplatsens körningar: tillgänglighetspoäng, brister och adresser"},
    "URLs": {"fi": "Osoitteet", "sv": "Adresser"},
    "not audited": {"fi": "ei arvioitu", "sv": "inte granskat"},
    "Bar chart: score by area, out of 100": {"fi": "Pylväskaavio: pisteet osa-alueittain, enintään 100",
                                             "sv": "Stapeldiagram: poäng per område, av 100"},
    "Scores by area, out of 100. The same numbers are in the table below.": {
        "fi": "Pisteet osa-alueittain, enintään 100. Samat luvut ovat alla olevassa taulukossa.",
        "sv": "Poäng per område, av 100. Samma siffror finns i tabellen nedan."},
    "Score, failures, results needing review and advisory findings by area": {
        "fi": "Pisteet, virheet, tarkistettavat ja suositukset osa-alueittain",
        "sv": "Poäng, fel, resultat som behöver granskas och rekommendationer per område"},
    "Area": {"fi": "Osa-alue", "sv": "Område"},
    "Score": {"fi": "Pisteet", "sv": "Poäng"},
    "Each page starts at 100. Every distinct rule that fails on the page takes a share of what is left, by its worst impact: critical {c} %, serious {s} %, moderate {mo} %, minor {mi} %. An area's score is the mean over the HTML pages.": {
        "fi": "Jokainen sivu aloittaa 100 pisteestä. Jokainen sivulla rikkoutuva sääntö vie osuuden jäljellä "
              "olevasta pahimman vaikutuksensa mukaan: kriittinen {c} %, vakava {s} %, kohtalainen {mo} %, "
              "vähäinen {mi} %. Osa-alueen pisteet ovat HTML-sivujen keskiarvo.",
        "sv": "Varje sida börjar på 100. Varje regel som inte uppfylls på sidan tar en andel av det som återstår, "
              "enligt sin värsta påverkan: kritisk {c} %, allvarlig {s} %, måttlig {mo} %, mindre {mi} %. "
              "Ett områdes poäng är medelvärdet över HTML-sidorna."},
    "The accessibility score counts WCAG A and AA failures only; device independence, plain language and service duties count every failing rule of theirs and are not WCAG conformance. Results that need review never lower a score.": {
        "fi": "Saavutettavuuspisteisiin lasketaan vain WCAG:n A- ja AA-tason virheet; laiteriippumattomuuteen, "
              "selkeään kieleen ja palveluvelvoitteisiin lasketaan kaikki niiden säännöt, eivätkä ne ole "
              "WCAG-vaatimustenmukaisuutta. Tarkistettavat tulokset eivät laske pisteitä.",
        "sv": "Tillgänglighetspoängen räknar bara fel mot WCAG A och AA; enhetsoberoende, klarspråk och "
              "tjänsteskyldigheter räknar alla sina regler och är inte överensstämmelse med WCAG. Resultat som "
              "behöver granskas sänker aldrig poängen."},
    "A score of 100 only means that the automated tests found no failures; it does not mean that the site conforms to WCAG.": {
        "fi": "100 pistettä tarkoittaa vain, että automaattiset testit eivät löytäneet virheitä; se ei tarkoita, "
              "että sivusto täyttää WCAG-vaatimukset.",
        "sv": "100 poäng betyder bara att de automatiska testerna inte hittade några fel; det betyder inte att "
              "webbplatsen uppfyller WCAG."},
    "Failures by severity": {"fi": "Virheet vakavuuden mukaan", "sv": "Fel efter allvarlighetsgrad"},
    "Bar chart: failures by severity": {"fi": "Pylväskaavio: virheet vakavuuden mukaan",
                                        "sv": "Stapeldiagram: fel efter allvarlighetsgrad"},
    "Failures by severity. The same numbers are in the table below.": {
        "fi": "Virheet vakavuuden mukaan. Samat luvut ovat alla olevassa taulukossa.",
        "sv": "Fel efter allvarlighetsgrad. Samma siffror finns i tabellen nedan."},
    "Failures by severity: number of findings and of affected pages": {
        "fi": "Virheet vakavuuden mukaan: havaintojen ja sivujen määrä",
        "sv": "Fel efter allvarlighetsgrad: antal fynd och berörda sidor"},
    "Findings": {"fi": "Havainnot", "sv": "Fynd"},
    "Failures by WCAG principle": {"fi": "Virheet WCAG-periaatteittain", "sv": "Fel per WCAG-princip"},
    "Bar chart: WCAG A and AA failures by principle": {"fi": "Pylväskaavio: WCAG A- ja AA-virheet periaatteittain",
                                                       "sv": "Stapeldiagram: fel mot WCAG A och AA per princip"},
    "Failures by WCAG principle. The same numbers are in the table below.": {
        "fi": "Virheet WCAG-periaatteittain. Samat luvut ovat alla olevassa taulukossa.",
        "sv": "Fel per WCAG-princip. Samma siffror finns i tabellen nedan."},
    "WCAG A and AA failures by principle": {"fi": "WCAG A- ja AA-virheet periaatteittain",
                                            "sv": "Fel mot WCAG A och AA per princip"},
    "Principle": {"fi": "Periaate", "sv": "Princip"},
    "Failures by WCAG success criterion": {"fi": "Virheet WCAG-onnistumiskriteereittäin",
                                           "sv": "Fel per framgångskriterium i WCAG"},
    "Failures by WCAG success criterion, with the EN 301 549 clause": {
        "fi": "Virheet WCAG-onnistumiskriteereittäin ja EN 301 549 -kohta",
        "sv": "Fel per framgångskriterium i WCAG, med punkten i EN 301 549"},
    "Bar": {"fi": "Pylväs", "sv": "Stapel"},
    "Every WCAG 2.2 A and AA criterion, with what the automated audit could and could not decide": {
        "fi": "Kaikki WCAG 2.2:n A- ja AA-kriteerit ja se, mitä automaattinen arviointi pystyi ratkaisemaan",
        "sv": "Alla kriterier på nivå A och AA i WCAG 2.2, och vad den automatiska granskningen kunde avgöra"},
    "No failures of WCAG success criteria were found.": {"fi": "WCAG-onnistumiskriteerien virheitä ei löytynyt.",
                                                         "sv": "Inga fel mot framgångskriterier i WCAG hittades."},
    "Most common issues": {"fi": "Yleisimmät havainnot", "sv": "Vanligaste problemen"},
    "The issues on the most pages; each row is one fix": {"fi": "Useimmilla sivuilla olevat havainnot; kukin rivi on yksi korjaus",
                                                          "sv": "Problemen på flest sidor; varje rad är en åtgärd"},
    "Issue": {"fi": "Havainto", "sv": "Problem"},
    "All {n}": {"fi": "Kaikki {n}", "sv": "Alla {n}"},
    "No rule found anything.": {"fi": "Mikään sääntö ei löytänyt mitään.", "sv": "Ingen regel hittade något."},
    "Pages with the lowest scores": {"fi": "Heikoimmat sivut", "sv": "Sidorna med lägst poäng"},
    "The HTML pages with the lowest accessibility score": {"fi": "HTML-sivut, joiden saavutettavuuspisteet ovat alimmat",
                                                           "sv": "HTML-sidorna med lägst tillgänglighetspoäng"},
    "Page": {"fi": "Sivu", "sv": "Sida"},
    "Page {n} (no title)": {"fi": "Sivu {n} (ei otsikkoa)", "sv": "Sida {n} (ingen titel)"},
    "All pages, worst first": {"fi": "Kaikki sivut heikoimmasta alkaen", "sv": "Alla sidor, sämst först"},
    "No HTML page was scored.": {"fi": "Yhtään HTML-sivua ei pisteytetty.", "sv": "Ingen HTML-sida fick poäng."},
    "Bar chart: pages by number of hard sentences": {"fi": "Pylväskaavio: sivut vaikeiden virkkeiden määrän mukaan",
                                                     "sv": "Stapeldiagram: sidor efter antal svåra meningar"},
    "Pages by the number of sentences flagged as hard to read. The same numbers are in the table below.": {
        "fi": "Sivut vaikeiksi merkittyjen virkkeiden määrän mukaan. Samat luvut ovat alla olevassa taulukossa.",
        "sv": "Sidor efter antalet meningar som markerats som svårlästa. Samma siffror finns i tabellen nedan."},
    "Pages by the number of flagged sentences": {"fi": "Sivut merkittyjen virkkeiden määrän mukaan",
                                                 "sv": "Sidor efter antal markerade meningar"},
    "Plain-language score of the site: {s} out of 100 ({band}).": {
        "fi": "Sivuston selkeän kielen pisteet: {s}/100 ({band}).",
        "sv": "Webbplatsens klarspråkspoäng: {s} av 100 ({band})."},
    "Bar chart: pages by plain-language band": {"fi": "Pylväskaavio: sivut kielen selkeyden tason mukaan",
                                                "sv": "Stapeldiagram: sidor efter klarspråksnivå"},
    "Pages by plain-language band (score 0–100 from readability and the share of flagged sentences). The same numbers are in the table below.": {
        "fi": "Sivut kielen selkeyden tason mukaan (pisteet 0–100 luettavuudesta ja merkittyjen virkkeiden "
              "osuudesta). Samat luvut ovat alla olevassa taulukossa.",
        "sv": "Sidor efter klarspråksnivå (poäng 0–100 av läsbarheten och andelen markerade meningar). Samma "
              "siffror finns i tabellen nedan."},
    "Pages by plain-language band": {"fi": "Sivut kielen selkeyden tason mukaan", "sv": "Sidor efter klarspråksnivå"},
    "Band": {"fi": "Taso", "sv": "Nivå"},
    "The plain-language score is the plain-language rules' own 0–100 score (readability and the share of flagged sentences, weighted by words).": {
        "fi": "Selkeän kielen pisteet ovat kielisääntöjen omat 0–100 pisteet (luettavuus ja merkittyjen "
              "virkkeiden osuus sanamäärillä painotettuna).",
        "sv": "Klarspråkspoängen är klarspråksreglernas egen poäng 0–100 (läsbarhet och andelen markerade "
              "meningar, viktat med antalet ord)."},
    "Plain-language score": {"fi": "Selkeän kielen pisteet", "sv": "Klarspråkspoäng"},
    "Plain-language score by language, weighted by words": {"fi": "Selkeän kielen pisteet kielittäin, sanamäärillä painotettuna",
                                                             "sv": "Klarspråkspoäng per språk, viktat med antalet ord"},
    "Language": {"fi": "Kieli", "sv": "Språk"},
    "Words": {"fi": "Sanoja", "sv": "Ord"},
    "How the flagged sentences spread over the pages": {"fi": "Merkittyjen virkkeiden jakautuminen sivuille",
                                                        "sv": "Hur de markerade meningarna fördelar sig på sidorna"},
    "Flagged sentences on the page": {"fi": "Merkittyjä virkkeitä sivulla", "sv": "Markerade meningar på sidan"},
    "{n} flagged on {p}.": {"fi": "{n} merkitty, {p}.", "sv": "{n} markerade på {p}."},
    "Hard text costs this site's readers an estimated {h} hours a year.": {
        "fi": "Vaikea teksti maksaa sivuston lukijoille arviolta {h} tuntia vuodessa.",
        "sv": "Svår text kostar webbplatsens läsare uppskattningsvis {h} timmar om året."},
    "Plain-language view": {"fi": "Selkeän kielen näkymä", "sv": "Klarspråksvy"},
    "Plain language was not audited in this run.": {"fi": "Kielen selkeyttä ei arvioitu tässä ajossa.",
                                                    "sv": "Klarspråk granskades inte i den här körningen."},
    "Audit run": {"fi": "Arviointiajo", "sv": "Granskningskörning"},
    "Site": {"fi": "Sivusto", "sv": "Webbplats"},
    "Start addresses": {"fi": "Aloitusosoitteet", "sv": "Startadresser"},
    "Run": {"fi": "Ajo", "sv": "Körning"},
    "Started": {"fi": "Aloitettu", "sv": "Startad"},
    "Finished": {"fi": "Valmistunut", "sv": "Klar"},
    "not finished": {"fi": "ei valmis", "sv": "inte klar"},
    "auditor version": {"fi": "auditor-versio", "sv": "auditor-version"},
    "unknown": {"fi": "tuntematon", "sv": "okänd"},
    "axe-core version": {"fi": "axe-core-versio", "sv": "axe-core-version"},
    "Browser": {"fi": "Selain", "sv": "Webbläsare"},
    "none recorded": {"fi": "ei tallennettu", "sv": "inga registrerade"},
    "Addresses": {"fi": "Osoitteet", "sv": "Adresser"},
    "{a} in total: {h} HTML, {d} documents (not tested as web pages), {e} could not be loaded": {
        "fi": "yhteensä {a}: {h} HTML-sivua, {d} asiakirjaa (ei testattu verkkosivuina), {e} ei voitu ladata",
        "sv": "totalt {a}: {h} HTML-sidor, {d} dokument (inte testade som webbsidor), {e} kunde inte läsas in"},
    "{n} on {p}: best practices, level AAA and plain language; never WCAG A/AA failures.": {
        "fi": "{n}, {p}: hyviä käytäntöjä, AAA-taso ja selkeä kieli; eivät koskaan ole WCAG A/AA -virheitä.",
        "sv": "{n} på {p}: god praxis, nivå AAA och klarspråk; aldrig fel mot WCAG A/AA."},
    "{n} failed with an error; those pages need a manual check.": {
        "fi": "{n} päättyi virheeseen; nämä sivut on tarkistettava käsin.",
        "sv": "{n} avbröts av ett fel; de sidorna behöver kontrolleras manuellt."},
    "Documents and unreachable addresses": {"fi": "Asiakirjat ja tavoittamattomat osoitteet",
                                            "sv": "Dokument och adresser som inte kunde nås"},
    "Documents found (not HTML)": {"fi": "Löydetyt asiakirjat (ei HTML)", "sv": "Hittade dokument (inte HTML)"},
    "Address": {"fi": "Osoite", "sv": "Adress"},
    "Content type": {"fi": "Sisältötyyppi", "sv": "Innehållstyp"},
    "Addresses that could not be audited, with the error": {"fi": "Osoitteet, joita ei voitu arvioida, ja virhe",
                                                            "sv": "Adresser som inte kunde granskas, med felet"},
    "HTTP status": {"fi": "HTTP-tila", "sv": "HTTP-status"},
    "Error": {"fi": "Virhe", "sv": "Fel"},
    "On {n}": {"fi": "Esiintyy: {n}", "sv": "På {n}"},
    "the same element on every template, so most likely one shared component": {
        "fi": "sama elementti kaikissa sivupohjissa, joten todennäköisesti yksi yhteinen komponentti",
        "sv": "samma element i alla sidmallar, alltså troligen en gemensam komponent"},
    "The issue": {"fi": "Havainto", "sv": "Problemet"},
    "Page template": {"fi": "Sivupohja", "sv": "Sidmall"},
    "all templates (site-wide)": {"fi": "kaikki sivupohjat (koko sivusto)", "sv": "alla sidmallar (hela webbplatsen)"},
    "Issue id": {"fi": "Havainnon tunniste", "sv": "Problemets id"},
    "Example": {"fi": "Esimerkki", "sv": "Exempel"},
    "Pages with this issue": {"fi": "Sivut, joilla havainto on", "sv": "Sidor med problemet"},
    "Pages of this list": {"fi": "Luettelon sivut", "sv": "Listans sidor"},
    "Pages {a}–{b} of {n} with this issue": {"fi": "Sivut {a}–{b} / {n}, joilla havainto on",
                                             "sv": "Sidorna {a}–{b} av {n} med problemet"},
    "page {n} of {total}": {"fi": "sivu {n}/{total}", "sv": "sida {n} av {total}"},
    "The same finding on many pages is one issue: same rule, same element (numbers in the selector ignored) and same page template. Fix it once in the template and it is gone from every page.": {
        "fi": "Sama havainto monella sivulla on yksi rivi: sama sääntö, sama elementti (valitsimen numeroista "
              "välittämättä) ja sama sivupohja. Korjaa se kerran sivupohjaan, niin se poistuu kaikilta sivuilta.",
        "sv": "Samma fynd på många sidor är ett problem: samma regel, samma element (siffror i selektorn "
              "ignoreras) och samma sidmall. Åtgärda det en gång i mallen så försvinner det från alla sidor."},
    "Failures come first, then results that need review, advisory findings and rule errors; within each, the most severe and the most widespread first.": {
        "fi": "Ensin virheet, sitten tarkistettavat, suositukset ja sääntövirheet; kunkin sisällä vakavimmat ja "
              "laajimmalle levinneet ensin.",
        "sv": "Först fel, sedan resultat som behöver granskas, rekommendationer och regelfel; inom varje grupp de "
              "allvarligaste och mest utbredda först."},
    "Issue list pages": {"fi": "Havaintoluettelon sivut", "sv": "Problemlistans sidor"},
    "Issues {a}–{b} of {n}": {"fi": "Havainnot {a}–{b} / {n}", "sv": "Problem {a}–{b} av {n}"},
    "template": {"fi": "sivupohja", "sv": "sidmall"},
    "site-wide": {"fi": "koko sivusto", "sv": "hela webbplatsen"},
    "Each page's view shows its text with the flagged sentences highlighted and the suggestions beside them.": {
        "fi": "Kunkin sivun näkymässä on sivun teksti, jossa merkityt virkkeet on korostettu ja ehdotukset "
              "niiden vieressä.",
        "sv": "Varje sidas vy visar texten med de markerade meningarna framhävda och förslagen bredvid."},
    "Plain-language findings are advisory: they are not WCAG A/AA failures.": {
        "fi": "Kielen selkeyden havainnot ovat suosituksia: ne eivät ole WCAG A/AA -virheitä.",
        "sv": "Klarspråksfynd är rekommendationer: de är inte fel mot WCAG A/AA."},
    "Administrative burden of hard text": {"fi": "Vaikean tekstin hallinnollinen taakka",
                                           "sv": "Den administrativa bördan av svår text"},
    "Computed as in the Standard Cost Model (time × count): the extra reading time of each flagged sentence, times the visits a year.": {
        "fi": "Laskettu Standard Cost Model -mallin tapaan (aika × määrä): kunkin merkityn virkkeen lisälukuaika "
              "kertaa käynnit vuodessa.",
        "sv": "Beräknat enligt Standard Cost Model (tid × antal): den extra lästiden för varje markerad mening "
              "gånger besöken per år."},
    "Assumptions": {"fi": "Oletukset", "sv": "Antaganden"},
    "Each audited page is visited {v} times a year (--visits-per-year), and each visit reads each flagged sentence once.": {
        "fi": "Jokaisella arvioidulla sivulla käydään {v} kertaa vuodessa (--visits-per-year), ja jokaisella "
              "käynnillä luetaan jokainen merkitty virke kerran.",
        "sv": "Varje granskad sida besöks {v} gånger om året (--visits-per-year), och vid varje besök läses varje "
              "markerad mening en gång."},
    "Reading speed of plain text, words a minute: Finnish {fi}, Swedish {sv}, English {en}, other {other} (IReST, Trauzettel-Klosinski & Dietz 2012).": {
        "fi": "Selkeän tekstin lukunopeus, sanaa minuutissa: suomi {fi}, ruotsi {sv}, englanti {en}, muut {other} "
              "(IReST, Trauzettel-Klosinski & Dietz 2012).",
        "sv": "Läshastighet för lättläst text, ord per minut: finska {fi}, svenska {sv}, engelska {en}, övriga "
              "{other} (IReST, Trauzettel-Klosinski & Dietz 2012)."},
    "A flagged sentence takes {pct} % longer to read than a plain one (slower reading and re-reading); a sentence flagged by several rules is counted once.": {
        "fi": "Merkityn virkkeen lukeminen kestää {pct} % pidempään kuin selkeän (hitaampi lukeminen ja "
              "uudelleenluku); usean säännön merkitsemä virke lasketaan kerran.",
        "sv": "En markerad mening tar {pct} % längre tid att läsa än en lättläst (långsammare läsning och "
              "omläsning); en mening som flera regler markerat räknas en gång."},
    "Extra reading time of one visit to every audited page: {s} seconds.": {
        "fi": "Yhden käynnin lisälukuaika kaikilla arvioiduilla sivuilla: {s} sekuntia.",
        "sv": "Extra lästid för ett besök på varje granskad sida: {s} sekunder."},
    "Give the number of visits a year (--visits-per-year) to see what hard text costs the site's readers in time.": {
        "fi": "Anna käyntien määrä vuodessa (--visits-per-year), niin näet, paljonko aikaa vaikea teksti vie "
              "sivuston lukijoilta.",
        "sv": "Ange antalet besök per år (--visits-per-year) för att se hur mycket tid svår text kostar "
              "webbplatsens läsare."},
    "Pages with the most flagged sentences": {"fi": "Sivut, joilla on eniten merkittyjä virkkeitä",
                                              "sv": "Sidorna med flest markerade meningar"},
    "Pages with the most flagged sentences, with the extra reading time": {
        "fi": "Sivut, joilla on eniten merkittyjä virkkeitä, ja lisälukuaika",
        "sv": "Sidorna med flest markerade meningar, med den extra lästiden"},
    "Flagged sentences": {"fi": "Merkityt virkkeet", "sv": "Markerade meningar"},
    "Words in them": {"fi": "Sanoja niissä", "sv": "Ord i dem"},
    "Extra seconds a visit": {"fi": "Lisäsekunteja käyntiä kohden", "sv": "Extra sekunder per besök"},
    "Hours a year": {"fi": "Tuntia vuodessa", "sv": "Timmar per år"},
    "The {n} pages with the most flagged sentences are listed; every page's count is in the page list.": {
        "fi": "Luettelossa on {n} sivua, joilla on eniten merkittyjä virkkeitä; kaikkien sivujen määrät ovat "
              "sivuluettelossa.",
        "sv": "De {n} sidorna med flest markerade meningar listas; varje sidas antal finns i sidlistan."},
    "No sentence was flagged as hard to read.": {"fi": "Yhtään virkettä ei merkitty vaikealukuiseksi.",
                                                 "sv": "Ingen mening markerades som svårläst."},
    "(no title)": {"fi": "(ei otsikkoa)", "sv": "(ingen titel)"},
    "Page details": {"fi": "Sivun tiedot", "sv": "Sidans uppgifter"},
    "Kind": {"fi": "Tyyppi", "sv": "Typ"},
    "Accessibility score": {"fi": "Saavutettavuuspisteet", "sv": "Tillgänglighetspoäng"},
    "{n} out of 100": {"fi": "{n}/100", "sv": "{n} av 100"},
    "not scored": {"fi": "ei pisteytetty", "sv": "inga poäng"},
    "Language of the page": {"fi": "Sivun kieli", "sv": "Sidans språk"},
    "Found on": {"fi": "Löytyi sivulta", "sv": "Hittades på"},
    "Link depth": {"fi": "Linkkisyvyys", "sv": "Länkdjup"},
    "Fetch time": {"fi": "Hakuaika", "sv": "Hämtningstid"},
    "Render time": {"fi": "Piirtoaika", "sv": "Renderingstid"},
    "Screenshots": {"fi": "Kuvakaappaukset", "sv": "Skärmbilder"},
    "Screenshot of page {n} at the {vp} viewport": {"fi": "Kuvakaappaus sivusta {n} näyttökoossa {vp}",
                                                    "sv": "Skärmbild av sida {n} i skärmstorleken {vp}"},
    "full-size {vp} screenshot": {"fi": "täysikokoinen kuvakaappaus ({vp})", "sv": "skärmbild i full storlek ({vp})"},
    "None.": {"fi": "Ei yhtään.", "sv": "Inga."},
    "The page's text is not available (no stored copy of the rendered page).": {
        "fi": "Sivun tekstiä ei ole saatavilla (piirretystä sivusta ei ole tallennettua kopiota).",
        "sv": "Sidans text finns inte (ingen sparad kopia av den renderade sidan)."},
    "The page's text, with the {n} highlighted and the suggestions beside them.": {
        "fi": "Sivun teksti: {n} korostettu ja ehdotukset niiden vieressä.",
        "sv": "Sidans text med {n} framhävda och förslagen bredvid."},
    "No sentence on this page was flagged as hard to read.": {
        "fi": "Tämän sivun yhtään virkettä ei merkitty vaikealukuiseksi.",
        "sv": "Ingen mening på den här sidan markerades som svårläst."},
    "Only the beginning of a long page is shown.": {"fi": "Pitkästä sivusta näytetään vain alku.",
                                                    "sv": "Bara början av en lång sida visas."},
    "Extra reading time: {s} seconds a visit, {h} hours a year at {v} visits.": {
        "fi": "Lisälukuaika: {s} sekuntia käyntiä kohden, {h} tuntia vuodessa {v} käynnillä.",
        "sv": "Extra lästid: {s} sekunder per besök, {h} timmar per år vid {v} besök."},
    "Note {n}": {"fi": "Huomautus {n}", "sv": "Anmärkning {n}"},
    "Suggestion": {"fi": "Ehdotus", "sv": "Förslag"},
    "Back to sentence {n}": {"fi": "Takaisin virkkeeseen {n}", "sv": "Tillbaka till mening {n}"},
    "Flagged sentences not found in the stored text": {"fi": "Merkityt virkkeet, joita ei löytynyt tallennetusta tekstistä",
                                                       "sv": "Markerade meningar som inte hittades i den sparade texten"},
    "Every address of the run: HTML pages by accessibility score, worst first, then documents and addresses that could not be audited.": {
        "fi": "Ajon kaikki osoitteet: HTML-sivut saavutettavuuspisteiden mukaan heikoimmasta alkaen, sitten "
              "asiakirjat ja osoitteet, joita ei voitu arvioida.",
        "sv": "Alla adresser i körningen: HTML-sidor efter tillgänglighetspoäng, sämst först, sedan dokument och "
              "adresser som inte kunde granskas."},
    "Page list pages": {"fi": "Sivuluettelon sivut", "sv": "Sidlistans sidor"},
    "Addresses {a}–{b} of {n}": {"fi": "Osoitteet {a}–{b} / {n}", "sv": "Adresser {a}–{b} av {n}"},
    "Findings by rule": {"fi": "Havainnot säännöittäin", "sv": "Fynd per regel"},
    "{n} found something. Failures come first, then results that need review, advisory findings and rule errors.": {
        "fi": "{n} löysi jotain. Ensin virheet, sitten tarkistettavat, suositukset ja sääntövirheet.",
        "sv": "{n} hittade något. Först fel, sedan resultat som behöver granskas, rekommendationer och regelfel."},
    "Rules on this page": {"fi": "Tämän sivun säännöt", "sv": "Reglerna på den här sidan"},
    "What it checks": {"fi": "Mitä se tarkistaa", "sv": "Vad den kontrollerar"},
    "No description.": {"fi": "Ei kuvausta.", "sv": "Ingen beskrivning."},
    "Documentation": {"fi": "Ohje", "sv": "Dokumentation"},
    "Documentation for {rule}": {"fi": "Säännön {rule} ohje (englanniksi)", "sv": "Dokumentation för {rule} (på engelska)"},
    "Worst impact": {"fi": "Pahin vaikutus", "sv": "Värsta påverkan"},
    "and {n} more in the issue list": {"fi": "ja {n} muuta havaintoluettelossa", "sv": "och {n} till i problemlistan"},
    "Finnish law (306/2019) requires an accessibility statement on every public site, in Finnish and Swedish. Below are drafts built from this run's failures, in the parts of the statement model. Copy a draft into your site and fill in the bracketed parts; the same text is also in plain-text files.": {
        "fi": "Laki digitaalisten palvelujen tarjoamisesta (306/2019) edellyttää saavutettavuusselostetta "
              "jokaiselle julkiselle sivustolle suomeksi ja ruotsiksi. Alla on tämän ajon virheistä koottu "
              "luonnos selostemallin osien mukaan. Kopioi luonnos sivustollesi ja täydennä hakasulkeissa olevat "
              "kohdat; sama teksti on myös tekstitiedostoina.",
        "sv": "Lagen om tillhandahållande av digitala tjänster (306/2019) kräver ett tillgänglighetsutlåtande på "
              "varje offentlig webbplats, på finska och svenska. Nedan finns utkast som byggts av den här "
              "körningens fel, enligt delarna i modellen för utlåtandet. Kopiera ett utkast till din webbplats och "
              "fyll i delarna inom hakparentes; samma text finns också som textfiler."},
    # The portfolio (reports/portfolio.py, auditor fleet report).
    'Portfolio': {"fi": 'Salkku', "sv": 'Portfölj'},
    '{n} sites': {"fi": '{n} sivustoa', "sv": '{n} webbplatser'},
    'Worst first, grouped by organisation. The score is the accessibility score of the last run (0–100); the trend is its change since the previous run.': {"fi": 'Huonoin ensin, organisaatioittain. Pisteet ovat viimeisimmän ajon saavutettavuuspisteet (0–100); muutos on ero edelliseen ajoon.', "sv": 'Sämst först, per organisation. Poängen är den senaste körningens tillgänglighetspoäng (0–100); trenden är ändringen sedan förra körningen.'},
    '(no organisation)': {"fi": '(ei organisaatiota)', "sv": '(ingen organisation)'},
    'Status': {"fi": 'Tila', "sv": 'Status'},
    'Trend': {"fi": 'Muutos', "sv": 'Trend'},
    'WCAG failures': {"fi": 'WCAG-virheet', "sv": 'WCAG-fel'},
    'Accessibility statement': {"fi": 'Saavutettavuusseloste', "sv": 'Tillgänglighetsutlåtande'},
    'Feedback channel': {"fi": 'Palautekanava', "sv": 'Responskanal'},
    'Swedish coverage': {"fi": 'Ruotsinkielinen kattavuus', "sv": 'Svensk täckning'},
    'Last run': {"fi": 'Viimeisin ajo', "sv": 'Senaste körning'},
    'done': {"fi": 'valmis', "sv": 'klar'},
    'queued': {"fi": 'jonossa', "sv": 'i kö'},
    'statement missing': {"fi": 'puuttuu', "sv": 'saknas'},
    'statement outdated': {"fi": 'vanhentunut', "sv": 'föråldrat'},
    'statement incomplete': {"fi": 'puutteellinen', "sv": 'ofullständigt'},
    'statement ok': {"fi": 'on, ajan tasalla', "sv": 'finns, aktuellt'},
    'feedback missing': {"fi": 'puuttuu', "sv": 'saknas'},
    'feedback ok': {"fi": 'on', "sv": 'finns'},
    'Full report of run {run}': {"fi": 'Ajon {run} koko raportti', "sv": 'Hela rapporten för körning {run}'},
    'Runs': {"fi": 'Ajot', "sv": 'Körningar'},
    'Sampled pages': {"fi": 'Otoksen sivut', "sv": 'Sidor i urvalet'},
    'Random seed {seed}: the same seed and the same site give the same sample.': {"fi": 'Satunnaissiemen {seed}: sama siemen ja sama sivusto antavat saman otoksen.', "sv": 'Slumpfrö {seed}: samma frö och samma webbplats ger samma urval.'},
    'Why': {"fi": 'Miksi', "sv": 'Varför'},
    'sample front': {"fi": 'etusivu', "sv": 'startsida'},
    'sample statement': {"fi": 'saavutettavuusseloste', "sv": 'tillgänglighetsutlåtande'},
    'sample feedback': {"fi": 'palautesivu', "sv": 'responssida'},
    'sample eservice': {"fi": 'kirjautuminen tai asiointi', "sv": 'inloggning eller e-tjänst'},
    'sample template': {"fi": 'yksi sivu sivupohjaa kohden', "sv": 'en sida per sidmall'},
    'sample random': {"fi": 'satunnainen', "sv": 'slumpvis'},
}

# Plural forms keyed by the English singular: {"fi": (one, many), "sv": (one, many)}.
PLURALS: dict[str, dict[str, tuple[str, str]]] = {
    "{n} element": {"fi": ("{n} elementti", "{n} elementtiä"), "sv": ("{n} element", "{n} element")},
    "{n} finding": {"fi": ("{n} havainto", "{n} havaintoa"), "sv": ("{n} fynd", "{n} fynd")},
    "{n} page": {"fi": ("{n} sivu", "{n} sivua"), "sv": ("{n} sida", "{n} sidor")},
    "{n} rule": {"fi": ("{n} sääntö", "{n} sääntöä"), "sv": ("{n} regel", "{n} regler")},
    "HTML page audited": {"fi": ("HTML-sivu arvioitu", "HTML-sivua arvioitu"),
                          "sv": ("HTML-sida granskad", "HTML-sidor granskade")},
    "failure": {"fi": ("virhe", "virhettä"), "sv": ("fel", "fel")},
    "distinct failing issue": {"fi": ("erillinen virhehavainto", "erillistä virhehavaintoa"),
                               "sv": ("separat felproblem", "separata felproblem")},
    "result needs review": {"fi": ("tulos tarkistettava", "tulosta tarkistettava"),
                            "sv": ("resultat behöver granskas", "resultat behöver granskas")},
    "{n} issue": {"fi": ("{n} havainto", "{n} havaintoa"), "sv": ("{n} problem", "{n} problem")},
    "{n} sentence": {"fi": ("{n} virke", "{n} virkettä"), "sv": ("{n} mening", "{n} meningar")},
    "{n} rule run": {"fi": ("{n} säännön ajo", "{n} säännön ajoa"), "sv": ("{n} regelkörning", "{n} regelkörningar")},
    "{n} flagged sentence": {"fi": ("{n} merkitty virke", "{n} merkittyä virkettä"),
                             "sv": ("{n} markerad mening", "{n} markerade meningar")},
}
