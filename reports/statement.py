"""A draft accessibility statement (saavutettavuusseloste / tillgänglighetsutlåtande) from the run's failures.

Finnish law (306/2019, section 15) requires the statement; its model (the supervising authority's template, built on
the EU model statement 2018/1523) has these parts, which the draft follows:

  1. the service and the state of its accessibility (meets / partially meets / does not meet the requirements),
  2. non-accessible content, in three groups: a) non-compliance with the legislation (each problem with the
     WCAG criteria it fails), b) disproportionate burden, c) content outside the scope of the legislation,
  3. how the accessibility was assessed, and when,
  4. feedback and contact details, and the supervising authority.

Only part 2a comes from the audit (grouped by WCAG principle, as published statements usually are); everything an
automated audit cannot know is a [bracketed placeholder]. The text quotes page addresses, which are untrusted:
the HTML view escapes them, the plain-text file only strips control characters.
"""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from auditor import standards
from reports import i18n

MAX_EXAMPLES = 3
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")

TEXT = {
    "fi": {
        "title": "Saavutettavuusseloste (luonnos)",
        "draft_note": "Luonnos on koottu automaattisen arvioinnin tuloksista. Tarkista ja täydennä hakasulkeissa "
                      "olevat kohdat ennen julkaisua. Automaattinen testaus löytää vain osan puutteista.",
        "intro": "[Organisaation nimi] pyrkii takaamaan digitaalisen palvelunsa saavutettavuuden lain "
                 "digitaalisten palvelujen tarjoamisesta (306/2019) mukaisesti. Tämä saavutettavuusseloste koskee "
                 "verkkosivustoa {site}. Seloste on laadittu [pp.kk.vvvv].",
        "state_h": "Digitaalisen palvelun saavutettavuuden tila",
        "state_partial": "Täyttää saavutettavuusvaatimukset osittain.",
        "state_none_found": "[Täyttää saavutettavuusvaatimukset / täyttää osittain]: automaattinen arviointi ei "
                            "löytänyt puutteita, mutta vaatimustenmukaisuus on vielä varmistettava arvioimalla "
                            "sivusto myös manuaalisesti.",
        "nonacc_h": "Ei-saavutettava sisältö",
        "a_h": "a) Lainsäädännön vastaiset sisällöt",
        "a_intro": "Seuraavat sisällöt eivät täytä saavutettavuusvaatimuksia:",
        "a_none": "Automaattinen arviointi ei löytänyt lainsäädännön vastaisia sisältöjä. [Täydennä "
                  "manuaalisen arvioinnin havainnoilla.]",
        "where": "Esiintyy {n} sivulla, esimerkiksi: {examples}",
        "criteria": "Saavutettavuusvaatimukset, jotka eivät täyty: {criteria}",
        "fix": "Korjaamme puutteen [arvioitu korjausajankohta].",
        "b_h": "b) Kohtuuton rasite",
        "b_text": "[Täydennä tarvittaessa: sisältö, jonka saavutettavuusvaatimuksista poiketaan kohtuuttoman "
                  "rasitteen perusteella, ja perustelut.]",
        "c_h": "c) Sisällöt, jotka eivät kuulu lainsäädännön piiriin",
        "c_docs": "Sivustolta löytyi {n} asiakirjatiedostoa, joita ei arvioitu verkkosivuina. [Ennen 23.9.2018 "
                  "julkaistut toimistotiedostot eivät kuulu lain piiriin, ellei niitä tarvita palvelun "
                  "käyttämiseen; tarkista muut.]",
        "c_text": "[Täydennä tarvittaessa: esimerkiksi ennen 23.9.2018 julkaistut toimistotiedostot, "
                  "ennen 23.9.2020 julkaistut tallenteet tai kolmansien osapuolten sisällöt.]",
        "method_h": "Miten saavutettavuus on arvioitu",
        "method": "Sivuston {pages} sivua arvioitiin automaattisesti auditor-työkalulla (axe-core {axe}) "
                  "{date} näyttöleveyksillä {viewports}. [Kerro myös manuaalisesta arvioinnista: itsearvio vai "
                  "ulkopuolinen asiantuntija, ja milloin.]",
        "feedback_h": "Palaute ja yhteystiedot",
        "feedback": "Huomasitko saavutettavuuspuutteen digipalvelussamme? Kerro se meille: [sähköpostiosoite "
                    "tai palautelomakkeen osoite]. Vastaamme 14 päivän kuluessa.",
        "authority_h": "Valvontaviranomainen",
        "authority": "Jos huomaat sivustolla saavutettavuusongelmia, anna ensin palautetta meille. Jos et ole "
                     "tyytyväinen vastaukseen tai et saa vastausta kahden viikon kuluessa, voit tehdä "
                     "ilmoituksen valvontaviranomaiselle. [Tarkista valvontaviranomaisen ajantasaiset "
                     "yhteystiedot osoitteesta saavutettavuusvaatimukset.fi.]",
        "principle_names": {k: v[1] for k, v in standards.PRINCIPLES.items()},
    },
    "sv": {
        "title": "Tillgänglighetsutlåtande (utkast)",
        "draft_note": "Utkastet har sammanställts av resultaten från en automatisk utvärdering. Granska och "
                      "komplettera punkterna inom hakparentes före publicering. Automatiska tester hittar bara "
                      "en del av bristerna.",
        "intro": "[Organisationens namn] strävar efter att säkerställa tillgängligheten i sin digitala tjänst "
                 "enligt lagen om tillhandahållande av digitala tjänster (306/2019). Detta "
                 "tillgänglighetsutlåtande gäller webbplatsen {site}. Utlåtandet har utarbetats [dd.mm.åååå].",
        "state_h": "Den digitala tjänstens tillgänglighetsstatus",
        "state_partial": "Uppfyller tillgänglighetskraven delvis.",
        "state_none_found": "[Uppfyller tillgänglighetskraven / uppfyller delvis]: den automatiska utvärderingen "
                            "hittade inga brister, men överensstämmelsen ska ännu bekräftas genom en manuell "
                            "utvärdering.",
        "nonacc_h": "Innehåll som inte är tillgängligt",
        "a_h": "a) Innehåll som strider mot lagstiftningen",
        "a_intro": "Följande innehåll uppfyller inte tillgänglighetskraven:",
        "a_none": "Den automatiska utvärderingen hittade inget innehåll som strider mot lagstiftningen. "
                  "[Komplettera med resultaten från den manuella utvärderingen.]",
        "where": "Förekommer på {n} sidor, till exempel: {examples}",
        "criteria": "Tillgänglighetskrav som inte uppfylls: {criteria}",
        "fix": "Vi åtgärdar bristen [beräknad tidpunkt].",
        "b_h": "b) Oskälig börda",
        "b_text": "[Komplettera vid behov: innehåll som undantas från tillgänglighetskraven på grund av oskälig "
                  "börda, och motiveringen.]",
        "c_h": "c) Innehåll som inte omfattas av lagstiftningen",
        "c_docs": "På webbplatsen hittades {n} dokumentfiler som inte utvärderades som webbsidor. [Kontorsfiler "
                  "som publicerats före 23.9.2018 omfattas inte av lagen, om de inte behövs för att använda "
                  "tjänsten; kontrollera de övriga.]",
        "c_text": "[Komplettera vid behov: till exempel kontorsfiler publicerade före 23.9.2018, inspelningar "
                  "publicerade före 23.9.2020 eller innehåll från tredje part.]",
        "method_h": "Hur tillgängligheten har bedömts",
        "method": "Webbplatsens {pages} sidor utvärderades automatiskt med verktyget auditor (axe-core {axe}) "
                  "{date} med skärmbredderna {viewports}. [Beskriv även den manuella utvärderingen: "
                  "självutvärdering eller extern expert, och när.]",
        "feedback_h": "Respons och kontaktuppgifter",
        "feedback": "Märkte du en tillgänglighetsbrist i vår digitala tjänst? Berätta för oss: [e-postadress "
                    "eller adressen till responsblanketten]. Vi svarar inom 14 dagar.",
        "authority_h": "Tillsynsmyndighet",
        "authority": "Om du märker tillgänglighetsproblem på webbplatsen, ge först respons till oss. Om du inte "
                     "är nöjd med svaret eller inte får något svar inom två veckor, kan du göra en anmälan till "
                     "tillsynsmyndigheten. [Kontrollera tillsynsmyndighetens aktuella kontaktuppgifter på "
                     "webbtillganglighet.fi.]",
        "principle_names": {},  # filled from i18n below
    },
}
TEXT["sv"]["principle_names"] = {k: i18n.translate(v[0], "sv") for k, v in standards.PRINCIPLES.items()}


def clean(text: str) -> str:
    """Untrusted text for a plain-text file: control and bidi-override characters removed, one line."""
    return re.sub(r"\s+", " ", _CONTROL.sub("", text or "")).strip()


def build(data: Any, lang: str) -> dict[str, Any]:
    """The statement's content in `lang` (fi or sv) as sections of paragraphs and items."""
    tx = TEXT[lang]
    by_rule: dict[str, dict[str, Any]] = {}
    pages = data.pages_by_id
    for g in data.groups:
        if g["category"] != "fail" or not g["wcag"]:
            continue
        it = by_rule.setdefault(g["rule"], {"rule": g["rule"], "help": g["help"], "wcag": set(), "pages": set(),
                                            "examples": []})
        it["wcag"].update(g["wcag"])
        it["pages"].update(g["page_ids"])
        for pid in g["page_ids"][:MAX_EXAMPLES]:
            url = pages[pid]["url"]
            if url not in it["examples"] and len(it["examples"]) < MAX_EXAMPLES:
                it["examples"].append(url)
    principles: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for it in by_rule.values():
        wcag = sorted(it["wcag"], key=lambda sc: standards.sort_key(sc) if standards.get(sc) else (9,))
        first = standards.get(wcag[0])
        principle = first.principle if first else "robust"
        principles[principle].append({
            "rule": it["rule"],
            "title": i18n.rule_help(it["rule"], it["help"], lang),
            "where": tx["where"].format(n=len(it["pages"]), examples=", ".join(it["examples"])),
            "examples": it["examples"],
            "page_count": len(it["pages"]),
            "criteria": tx["criteria"].format(criteria="; ".join(i18n.sc_label(sc, lang) for sc in wcag)),
            "sort": (standards.sort_key(wcag[0]) if first else (9,), it["rule"]),
        })
    groups = []
    for key in standards.PRINCIPLES:
        items = sorted(principles.get(key, []), key=lambda x: x["sort"])
        if items:
            groups.append({"principle": key, "name": tx["principle_names"][key], "items": items})
    run = data.run
    vps = ", ".join(f"{v['width']} px" for v in data.viewports if v.get("width")) or "–"
    date = run["started_at"].strftime("%d.%m.%Y") if run.get("started_at") else "[pp.kk.vvvv]"
    n_docs = data.summary["documents"]
    return {
        "lang": lang,
        "title": tx["title"],
        "draft_note": tx["draft_note"],
        "intro": tx["intro"].format(site=run["site"]),
        "state_h": tx["state_h"],
        "state": tx["state_partial"] if groups else tx["state_none_found"],
        "nonacc_h": tx["nonacc_h"],
        "a_h": tx["a_h"],
        "a_intro": tx["a_intro"] if groups else tx["a_none"],
        "groups": groups,
        "fix": tx["fix"],
        "b_h": tx["b_h"], "b_text": tx["b_text"],
        "c_h": tx["c_h"],
        "c_text": tx["c_docs"].format(n=n_docs) if n_docs else tx["c_text"],
        "method_h": tx["method_h"],
        "method": tx["method"].format(pages=data.summary["html_pages"], axe=run.get("axe_version") or "?",
                                      date=date, viewports=vps),
        "feedback_h": tx["feedback_h"], "feedback": tx["feedback"],
        "authority_h": tx["authority_h"], "authority": tx["authority"],
    }


def to_text(st: dict[str, Any]) -> str:
    """The statement as plain text (headings underlined), ready to paste into a CMS."""
    out: list[str] = []

    def head(text: str, ch: str = "=") -> None:
        out.extend(["", text, ch * len(text)])

    out.extend([st["title"], "=" * len(st["title"]), "", clean(st["draft_note"]), "", clean(st["intro"])])
    head(st["state_h"])
    out.append(clean(st["state"]))
    head(st["nonacc_h"])
    head(st["a_h"], "-")
    out.append(clean(st["a_intro"]))
    for g in st["groups"]:
        out.extend(["", g["name"].upper()])
        for it in g["items"]:
            out.extend(["", f"* {clean(it['title'])}", f"  {clean(it['where'])}", f"  {clean(it['criteria'])}",
                        f"  {st['fix']}"])
    head(st["b_h"], "-")
    out.append(st["b_text"])
    head(st["c_h"], "-")
    out.append(st["c_text"])
    head(st["method_h"])
    out.append(clean(st["method"]))
    head(st["feedback_h"])
    out.append(st["feedback"])
    head(st["authority_h"])
    out.append(st["authority"])
    return "\n".join(out).strip() + "\n"
