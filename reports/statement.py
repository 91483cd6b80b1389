"""A draft accessibility statement (saavutettavuusseloste / tillgänglighetsutlåtande) from the run's failures.

Finnish law (306/2019, sections 15 and 16) requires the statement; its content follows the EU model accessibility
statement (Commission Implementing Decision (EU) 2018/1523) and the Finnish supervisory authority's model:

  1. the service, and the state of its accessibility (meets / partially meets / does not meet the requirements),
  2. non-accessible content: a) non-compliance with the legislation — described as the barriers users meet, each
     under the WCAG criterion it fails —, b) disproportionate burden, c) content outside the scope of the law,
  3. preparation of the statement: when it was prepared and last reviewed, and how the service was assessed,
  4. feedback and contact details (how to report a barrier or ask for content in an accessible form),
  5. the enforcement procedure and the supervisory authority's contact details.

Only part 2a (and the automated part of 3) comes from the audit; everything an automated audit cannot know is a
[bracketed field] for the author to fill in or check — dates, the organisation, the feedback channel, the
authority's current contact details. The text quotes page addresses, which are untrusted: the HTML view escapes
them, the plain-text file only strips control characters.
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
                      "olevat kohdat ennen julkaisua. Automaattinen testaus löytää vain osan puutteista: arvioi "
                      "palvelu myös käsin.",
        "intro": "[Organisaation nimi] pyrkii takaamaan digitaalisen palvelunsa saavutettavuuden lain "
                 "digitaalisten palvelujen tarjoamisesta (306/2019) mukaisesti. Tämä saavutettavuusseloste koskee "
                 "verkkosivustoa {site}.",
        "state_h": "Digitaalisen palvelun saavutettavuuden tila",
        "state_partial": "Täyttää saavutettavuusvaatimukset osittain (WCAG 2.1 -kriteeristön taso AA). Puutteet on "
                         "kuvattu alla.",
        "state_none_found": "[Täyttää saavutettavuusvaatimukset / täyttää osittain]: automaattinen arviointi ei "
                            "löytänyt puutteita, mutta vaatimustenmukaisuus on vielä varmistettava arvioimalla "
                            "sivusto myös käsin.",
        "nonacc_h": "Ei-saavutettava sisältö",
        "a_h": "a) Lainsäädännön vastaiset sisällöt",
        "a_intro": "Seuraavat sisällöt eivät vielä täytä saavutettavuusvaatimuksia. Puutteet on ryhmitelty "
                   "WCAG-kriteerin mukaan.",
        "a_none": "Automaattinen arviointi ei löytänyt lainsäädännön vastaisia sisältöjä. [Täydennä käsin tehdyn "
                  "arvioinnin havainnoilla.]",
        "where": ("Esiintyy 1 sivulla, esimerkiksi: {examples}", "Esiintyy {n} sivulla, esimerkiksi: {examples}"),
        "fix": "Korjaamme puutteen [arvioitu korjausajankohta, pp.kk.vvvv].",
        "b_h": "b) Kohtuuton rasite",
        "b_text": "[Täydennä tarvittaessa: sisältö, jonka saavutettavuusvaatimuksista poiketaan kohtuuttoman "
                  "rasitteen perusteella, ja perustelut. Jos tällaista sisältöä ei ole, poista tämä kohta.]",
        "c_h": "c) Sisällöt, jotka eivät kuulu lainsäädännön piiriin",
        "c_docs": ("Sivustolta löytyi 1 asiakirjatiedosto, jota ei arvioitu verkkosivuna.",
                   "Sivustolta löytyi {n} asiakirjatiedostoa, joita ei arvioitu verkkosivuina."),
        "c_docs_note": "[Ennen 23.9.2018 julkaistut toimistotiedostot eivät kuulu lain piiriin, ellei niitä "
                       "tarvita palvelun käyttämiseen; tarkista muut.]",
        "c_text": "[Täydennä tarvittaessa: esimerkiksi ennen 23.9.2018 julkaistut toimistotiedostot, "
                  "ennen 23.9.2020 julkaistut tallenteet tai kolmansien osapuolten sisällöt.]",
        "method_h": "Tietoa selosteen laatimisesta",
        "prepared": "Tämä seloste on laadittu [pp.kk.vvvv]. Selostetta on päivitetty viimeksi [pp.kk.vvvv].",
        "method": ("Sivuston 1 sivu arvioitiin automaattisesti auditor-työkalulla (axe-core {axe}) {date} "
                   "näyttöleveyksillä {viewports}.",
                   "Sivuston {pages} sivua arvioitiin automaattisesti auditor-työkalulla (axe-core {axe}) {date} "
                   "näyttöleveyksillä {viewports}."),
        "method_manual": "[Seloste perustuu itsearvioon / ulkopuolisen asiantuntijan arvioon: kerro, kuka "
                         "arvioi palvelun käsin ja milloin.]",
        "feedback_h": "Palaute ja yhteystiedot",
        "feedback": "Huomasitko saavutettavuuspuutteen digipalvelussamme? Kerro se meille, niin teemme parhaamme "
                    "puutteen korjaamiseksi. Voit myös pyytää sisältöä, joka ei ole saavutettavaa, "
                    "saavutettavassa muodossa.",
        "feedback_contact": "Sähköposti: [sähköpostiosoite]. Verkkolomake: [palautelomakkeen osoite]. "
                            "Saavutettavuuspalautteet käsittelee [yksikkö tai henkilö]. Vastaamme 14 päivän "
                            "kuluessa.",
        "authority_h": "Valvontaviranomainen",
        "authority": "Jos huomaat sivustolla saavutettavuusongelmia, anna ensin palautetta meille. Vastaamme 14 "
                     "päivän kuluessa. Jos et ole tyytyväinen vastaukseen tai et saa vastausta kahden viikon "
                     "kuluessa, voit tehdä ilmoituksen valvontaviranomaiselle.",
        "authority_contact": "[Tarkista ajantasaiset tiedot osoitteesta saavutettavuusvaatimukset.fi:] "
                             "Etelä-Suomen aluehallintovirasto, saavutettavuuden valvonnan yksikkö "
                             "(vuodesta 2026 Lupa- ja valvontavirasto). Verkkosivusto: "
                             "www.saavutettavuusvaatimukset.fi. Sähköposti: [tarkista]. Puhelin: [tarkista].",
        "criterion": "WCAG {label}",
    },
    "sv": {
        "title": "Tillgänglighetsutlåtande (utkast)",
        "draft_note": "Utkastet har sammanställts av resultaten från en automatisk utvärdering. Granska och "
                      "komplettera punkterna inom hakparentes före publicering. Automatiska tester hittar bara "
                      "en del av bristerna: utvärdera tjänsten också manuellt.",
        "intro": "[Organisationens namn] strävar efter att säkerställa tillgängligheten i sin digitala tjänst "
                 "enligt lagen om tillhandahållande av digitala tjänster (306/2019). Detta "
                 "tillgänglighetsutlåtande gäller webbplatsen {site}.",
        "state_h": "Den digitala tjänstens tillgänglighetsstatus",
        "state_partial": "Uppfyller tillgänglighetskraven delvis (WCAG 2.1 nivå AA). Bristerna beskrivs nedan.",
        "state_none_found": "[Uppfyller tillgänglighetskraven / uppfyller delvis]: den automatiska utvärderingen "
                            "hittade inga brister, men överensstämmelsen ska ännu bekräftas genom en manuell "
                            "utvärdering.",
        "nonacc_h": "Innehåll som inte är tillgängligt",
        "a_h": "a) Innehåll som strider mot lagstiftningen",
        "a_intro": "Följande innehåll uppfyller ännu inte tillgänglighetskraven. Bristerna är grupperade enligt "
                   "WCAG-kriterium.",
        "a_none": "Den automatiska utvärderingen hittade inget innehåll som strider mot lagstiftningen. "
                  "[Komplettera med resultaten från den manuella utvärderingen.]",
        "where": ("Förekommer på 1 sida, till exempel: {examples}",
                  "Förekommer på {n} sidor, till exempel: {examples}"),
        "fix": "Vi åtgärdar bristen [beräknad tidpunkt, dd.mm.åååå].",
        "b_h": "b) Oskälig börda",
        "b_text": "[Komplettera vid behov: innehåll som undantas från tillgänglighetskraven på grund av oskälig "
                  "börda, och motiveringen. Om sådant innehåll inte finns, ta bort denna punkt.]",
        "c_h": "c) Innehåll som inte omfattas av lagstiftningen",
        "c_docs": ("På webbplatsen hittades 1 dokumentfil som inte utvärderades som webbsida.",
                   "På webbplatsen hittades {n} dokumentfiler som inte utvärderades som webbsidor."),
        "c_docs_note": "[Kontorsfiler som publicerats före 23.9.2018 omfattas inte av lagen, om de inte behövs "
                       "för att använda tjänsten; kontrollera de övriga.]",
        "c_text": "[Komplettera vid behov: till exempel kontorsfiler publicerade före 23.9.2018, inspelningar "
                  "publicerade före 23.9.2020 eller innehåll från tredje part.]",
        "method_h": "Om utlåtandet",
        "prepared": "Detta utlåtande har utarbetats [dd.mm.åååå]. Utlåtandet uppdaterades senast [dd.mm.åååå].",
        "method": ("Webbplatsens 1 sida utvärderades automatiskt med verktyget auditor (axe-core {axe}) {date} "
                   "med skärmbredderna {viewports}.",
                   "Webbplatsens {pages} sidor utvärderades automatiskt med verktyget auditor (axe-core {axe}) "
                   "{date} med skärmbredderna {viewports}."),
        "method_manual": "[Utlåtandet grundar sig på en självutvärdering / en bedömning av en extern expert: ange "
                         "vem som utvärderade tjänsten manuellt och när.]",
        "feedback_h": "Respons och kontaktuppgifter",
        "feedback": "Märkte du en tillgänglighetsbrist i vår digitala tjänst? Berätta för oss, så gör vi vårt "
                    "bästa för att åtgärda bristen. Du kan också begära innehåll som inte är tillgängligt i en "
                    "tillgänglig form.",
        "feedback_contact": "E-post: [e-postadress]. Webbformulär: [adressen till responsblanketten]. Respons om "
                            "tillgänglighet behandlas av [enhet eller person]. Vi svarar inom 14 dagar.",
        "authority_h": "Tillsynsmyndighet",
        "authority": "Om du märker tillgänglighetsproblem på webbplatsen, ge först respons till oss. Vi svarar inom "
                     "14 dagar. Om du inte är nöjd med svaret eller inte får något svar inom två veckor, kan du "
                     "göra en anmälan till tillsynsmyndigheten.",
        "authority_contact": "[Kontrollera aktuella uppgifter på webbtillganglighet.fi:] Regionförvaltningsverket "
                             "i Södra Finland, enheten för tillsyn av tillgänglighet (från 2026 Tillstånds- och "
                             "tillsynsverket). Webbplats: www.webbtillganglighet.fi. E-post: [kontrollera]. "
                             "Telefon: [kontrollera].",
        "criterion": "WCAG {label}",
    },
}

# Barriers in users' terms (fi, sv), by rule: what a person meets, not what a developer fixes. Rules without an
# entry get their short title, marked for the author to rewrite.
BARRIERS: dict[str, tuple[str, str]] = {
    "AXE-image-alt": ("Osalla kuvista ei ole tekstivastinetta, joten ruudunlukijan käyttäjä ei saa tietää, mitä "
                      "kuvassa on.", "En del bilder saknar textalternativ, så den som använder skärmläsare får "
                      "inte veta vad bilden visar."),
    "AXE-input-image-alt": ("Osalla kuvapainikkeista ei ole tekstivastinetta, joten ruudunlukijan käyttäjä ei tiedä, "
                            "mitä painike tekee.", "En del bildknappar saknar textalternativ, så den som använder "
                            "skärmläsare vet inte vad knappen gör."),
    "AXE-role-img-alt": ("Osalla kuvista ei ole tekstivastinetta, joten ruudunlukijan käyttäjä ei saa tietää, mitä "
                         "kuvassa on.", "En del bilder saknar textalternativ, så den som använder skärmläsare får "
                         "inte veta vad bilden visar."),
    "AXE-svg-img-alt": ("Osalla kuvista ei ole tekstivastinetta, joten ruudunlukijan käyttäjä ei saa tietää, mitä "
                        "kuvassa on.", "En del bilder saknar textalternativ, så den som använder skärmläsare får "
                        "inte veta vad bilden visar."),
    "ACC-3": ("Osan kuvista tekstivastine ei kerro, mitä kuvassa on (esimerkiksi tiedostonimi).",
              "En del bilders textalternativ berättar inte vad bilden visar (till exempel ett filnamn)."),
    "ACC-4": ("Osa tekstistä on kuvana, joten sitä ei voi suurentaa tekstinä eikä muuttaa värejä.",
              "En del text är publicerad som bild, så den kan inte förstoras som text eller få andra färger."),
    "AXE-color-contrast": ("Osassa tekstejä värikontrasti on liian heikko, joten heikkonäköisen on vaikea lukea "
                           "niitä.", "En del texter har för svag färgkontrast, så de är svåra att läsa för den som "
                           "ser dåligt."),
    "AXE-link-name": ("Osalla linkeistä ei ole nimeä, joten ruudunlukijan käyttäjä ei tiedä, mihin linkki vie.",
                      "En del länkar saknar namn, så den som använder skärmläsare vet inte vart länken leder."),
    "AXE-button-name": ("Osalla painikkeista ei ole nimeä, joten ruudunlukijan käyttäjä ei tiedä, mitä painike "
                        "tekee.", "En del knappar saknar namn, så den som använder skärmläsare vet inte vad "
                        "knappen gör."),
    "ACC-1": ("Osalla avautuvista painikkeista ei ole nimeä, joten ruudunlukijan käyttäjä ei tiedä, mitä painike "
              "avaa.", "En del utfällbara knappar saknar namn, så den som använder skärmläsare vet inte vad "
              "knappen öppnar."),
    "AXE-label": ("Osalla lomakekentistä ei ole näkyvää nimeä, joten ruudunlukijan käyttäjä ei tiedä, mitä "
                  "kenttään pitää kirjoittaa.", "En del formulärfält saknar namn, så den som använder skärmläsare "
                  "vet inte vad som ska fyllas i."),
    "AXE-select-name": ("Osalla valintalistoista ei ole nimeä, joten ruudunlukijan käyttäjä ei tiedä, mitä "
                        "valitaan.", "En del listrutor saknar namn, så den som använder skärmläsare vet inte vad "
                        "som ska väljas."),
    "AXE-document-title": ("Osalla sivuista ei ole otsikkoa, joten sivua on vaikea tunnistaa välilehdestä tai "
                           "ruudunlukijalla.", "En del sidor saknar titel, så sidan är svår att känna igen i "
                           "flikar och med skärmläsare."),
    "ACC-2": ("Osan sivujen otsikko ei kerro sivun aihetta, joten sivua on vaikea tunnistaa.",
              "En del sidors titel berättar inte vad sidan handlar om, så sidan är svår att känna igen."),
    "AXE-html-has-lang": ("Osalla sivuista ei ole määritelty kieltä, joten ruudunlukija voi lukea tekstin väärällä "
                          "ääntämyksellä.", "En del sidor anger inte sitt språk, så skärmläsare kan läsa texten "
                          "med fel uttal."),
    "AXE-html-lang-valid": ("Osalla sivuista kieli on määritelty virheellisesti, joten ruudunlukija voi lukea "
                            "tekstin väärällä ääntämyksellä.", "En del sidor anger sitt språk felaktigt, så "
                            "skärmläsare kan läsa texten med fel uttal."),
    "LANG-1": ("Osalla sivuista ei ole määritelty kieltä, joten ruudunlukija voi lukea tekstin väärällä "
               "ääntämyksellä.", "En del sidor anger inte sitt språk, så skärmläsare kan läsa texten med fel "
               "uttal."),
    "LANG-2": ("Osan sivujen kieli on merkitty väärin, joten ruudunlukija lukee tekstin väärällä ääntämyksellä.",
               "En del sidors språk är fel angivet, så skärmläsare läser texten med fel uttal."),
    "LANG-3": ("Osa vieraskielisistä tekstinosista on merkitsemättä, joten ruudunlukija lukee ne väärällä "
               "ääntämyksellä.", "En del textavsnitt på ett annat språk är inte märkta, så skärmläsare läser dem "
               "med fel uttal."),
    "AXE-meta-viewport": ("Osalla sivuista zoomaus on estetty, joten sisältöä ei voi suurentaa puhelimella.",
                          "På en del sidor är zoomning blockerad, så innehållet kan inte förstoras på en telefon."),
    "DI-2": ("Osalla sivuista zoomaus on estetty, joten sisältöä ei voi suurentaa puhelimella.",
             "På en del sidor är zoomning blockerad, så innehållet kan inte förstoras på en telefon."),
    "DI-1": ("Kapealla näytöllä tai suurennettuna osa sivuista vierii myös sivusuunnassa, joten tekstiä on vaikea "
             "lukea.", "På en smal skärm eller förstorade rullar en del sidor också i sidled, så texten är svår "
             "att läsa."),
    "DI-13": ("Kapealla näytöllä osa sisällöstä katoaa näkyvistä.",
              "På en smal skärm försvinner en del av innehållet."),
    "DI-3": ("Kun tekstiä suurennetaan, osa siitä leikkautuu tai menee päällekkäin.",
             "När texten förstoras skärs en del av den av eller hamnar över annan text."),
    "DI-4": ("Osassa tekstejä käyttäjä ei voi väljentää riviväliä tai kirjainväliä.",
             "I en del texter kan användaren inte öka radavståndet eller teckenavståndet."),
    "DI-5": ("Kun riviväliä tai kirjainväliä väljennetään, osa tekstistä leikkautuu tai menee päällekkäin.",
             "När rad- eller teckenavståndet ökas skärs en del text av eller hamnar över annan text."),
    "DI-6": ("Osa sisällöstä näkyy vain yhdessä näytön asennossa.",
             "En del innehåll visas bara i en skärmriktning."),
    "DI-7": ("Osa linkeistä ja painikkeista on kosketusnäytöllä niin pieniä ja lähekkäin, että niihin on vaikea "
             "osua.", "En del länkar och knappar är så små och tätt placerade på en pekskärm att de är svåra att "
             "träffa."),
    "AXE-target-size": ("Osa linkeistä ja painikkeista on kosketusnäytöllä niin pieniä ja lähekkäin, että niihin on "
                        "vaikea osua.", "En del länkar och knappar är så små och tätt placerade på en pekskärm att "
                        "de är svåra att träffa."),
    "DI-8": ("Näppäimistön käyttäjä voi jäädä jumiin osaan sivun toiminnoista.",
             "Den som använder tangentbord kan fastna i en del av sidans funktioner."),
    "DI-9": ("Näppäimistöllä liikkuessa ei aina näe, missä kohdassa sivua on.",
             "Den som använder tangentbord ser inte alltid var på sidan hen är."),
    "DI-10": ("Näppäimistöllä liikkuessa osa kohdistetuista elementeistä jää muun sisällön alle piiloon.",
              "Den som använder tangentbord ser inte en del element med fokus, eftersom annat innehåll täcker dem."),
    "DI-11": ("Osaa toiminnoista ei voi käyttää näppäimistöllä.",
              "En del funktioner går inte att använda med tangentbord."),
    "DI-12": ("Osaa upotetusta sisällöstä ei voi käyttää näppäimistöllä.",
              "En del inbäddat innehåll går inte att använda med tangentbord."),
    "AXE-frame-focusable-content": ("Osaa upotetusta sisällöstä ei voi käyttää näppäimistöllä.",
                                    "En del inbäddat innehåll går inte att använda med tangentbord."),
    "AXE-bypass": ("Sivuilla ei voi ohittaa toistuvia osia, joten näppäimistön ja ruudunlukijan käyttäjän on "
                   "kuljettava valikoiden läpi joka sivulla.", "På sidorna kan man inte hoppa över upprepat "
                   "innehåll, så den som använder tangentbord eller skärmläsare måste gå igenom menyerna på varje "
                   "sida."),
    "AXE-frame-title": ("Osalla upotetuista sisällöistä ei ole nimeä, joten ruudunlukijan käyttäjä ei tiedä, mitä "
                        "ne sisältävät.", "En del inbäddat innehåll saknar namn, så den som använder skärmläsare "
                        "vet inte vad det innehåller."),
    "AXE-list": ("Osa luetteloista on rakennettu niin, ettei ruudunlukija tunnista niitä luetteloiksi.",
                 "En del listor är uppbyggda så att skärmläsare inte känner igen dem som listor."),
    "AXE-listitem": ("Osa luetteloista on rakennettu niin, ettei ruudunlukija tunnista niitä luetteloiksi.",
                     "En del listor är uppbyggda så att skärmläsare inte känner igen dem som listor."),
    "AXE-definition-list": ("Osa luetteloista on rakennettu niin, ettei ruudunlukija tunnista niitä "
                            "luetteloiksi.", "En del listor är uppbyggda så att skärmläsare inte känner igen dem "
                            "som listor."),
    "AXE-dlitem": ("Osa luetteloista on rakennettu niin, ettei ruudunlukija tunnista niitä luetteloiksi.",
                   "En del listor är uppbyggda så att skärmläsare inte känner igen dem som listor."),
    "AXE-td-headers-attr": ("Osassa taulukoista otsikot eivät liity soluihin, joten ruudunlukijan käyttäjä ei "
                            "tiedä, mihin tieto kuuluu.", "I en del tabeller hör rubrikerna inte ihop med cellerna, "
                            "så den som använder skärmläsare vet inte vad uppgiften gäller."),
    "AXE-th-has-data-cells": ("Osassa taulukoista otsikot eivät liity soluihin, joten ruudunlukijan käyttäjä ei "
                              "tiedä, mihin tieto kuuluu.", "I en del tabeller hör rubrikerna inte ihop med "
                              "cellerna, så den som använder skärmläsare vet inte vad uppgiften gäller."),
    "AXE-aria-required-children": ("Osa toiminnoista on rakennettu niin, ettei ruudunlukija kerro niiden "
                                   "rakennetta oikein.", "En del funktioner är uppbyggda så att skärmläsare inte "
                                   "återger deras struktur rätt."),
    "AXE-aria-required-parent": ("Osa toiminnoista on rakennettu niin, ettei ruudunlukija kerro niiden rakennetta "
                                 "oikein.", "En del funktioner är uppbyggda så att skärmläsare inte återger deras "
                                 "struktur rätt."),
    "AXE-aria-valid-attr-value": ("Osa toiminnoista on merkitty virheellisesti, joten ruudunlukija voi kertoa "
                                  "niistä väärin.", "En del funktioner är felaktigt märkta, så skärmläsare kan "
                                  "återge dem fel."),
    "AXE-aria-allowed-attr": ("Osa toiminnoista on merkitty virheellisesti, joten ruudunlukija voi kertoa niistä "
                              "väärin.", "En del funktioner är felaktigt märkta, så skärmläsare kan återge dem "
                              "fel."),
    "AXE-aria-hidden-focus": ("Osa ruudunlukijalta piilotetuista elementeistä saa silti kohdistuksen, joten "
                              "ruudunlukijan käyttäjä päätyy kohtaan, josta ei kerrota mitään.", "En del element "
                              "som är dolda för skärmläsare kan ändå få fokus, så den som använder skärmläsare "
                              "hamnar på ställen som inte beskrivs."),
    "AXE-nested-interactive": ("Osa painikkeista ja linkeistä on toistensa sisällä, joten ruudunlukija ei kerro "
                               "niistä oikein.", "En del knappar och länkar ligger inuti varandra, så skärmläsare "
                               "återger dem inte rätt."),
    "AXE-link-in-text-block": ("Osa tekstin seassa olevista linkeistä erottuu vain värin perusteella.",
                               "En del länkar i löptext skiljer sig från texten bara genom färgen."),
    "AXE-autocomplete-valid": ("Osassa lomakkeista henkilötietokenttien tarkoitusta ei ole merkitty, joten selain "
                               "ei voi täyttää niitä automaattisesti.", "I en del formulär är syftet med "
                               "fälten för personuppgifter inte märkt, så webbläsaren kan inte fylla i dem "
                               "automatiskt."),
    "AXE-label-content-name-mismatch": ("Osan painikkeiden ja linkkien näkyvä teksti ei vastaa niiden nimeä, "
                                        "joten puheohjauksen käyttäjä ei voi valita niitä.", "En del knappars och "
                                        "länkars synliga text stämmer inte med deras namn, så den som styr med "
                                        "rösten kan inte välja dem."),
    "AXE-video-caption": ("Osassa videoista ei ole tekstitystä.", "En del videor saknar undertexter."),
    "AXE-scrollable-region-focusable": ("Osaa vieritettävistä alueista ei voi vierittää näppäimistöllä.",
                                        "En del rullbara områden går inte att rulla med tangentbord."),
    "SV-19": ("Osa PDF-tiedostoista on rakenteistamatta, joten ruudunlukijan käyttäjä ei saa niistä otsikoita, "
              "luetteloita eikä lukujärjestystä.", "En del PDF-filer saknar struktur, så den som använder "
              "skärmläsare får inga rubriker, listor eller läsordning."),
    "SV-20": ("Osalla PDF-tiedostoista ei ole kuvaavaa otsikkoa.", "En del PDF-filer saknar en beskrivande titel."),
    "SV-21": ("Osa PDF-tiedostoista ei kerro kieltään, joten ruudunlukija voi lukea ne väärällä ääntämyksellä.",
              "En del PDF-filer anger inte sitt språk, så skärmläsare kan läsa dem med fel uttal."),
    "SV-22": ("Osa PDF-tiedostoista on skannattuja kuvia ilman tekstiä, joten niitä ei voi lukea ruudunlukijalla.",
              "En del PDF-filer är skannade bilder utan text, så de kan inte läsas med skärmläsare."),
}
BARRIER_TODO = {"fi": "[Kuvaa käyttäjän kannalta:] {title}", "sv": "[Beskriv ur användarens synvinkel:] {title}"}


def clean(text: str) -> str:
    """Untrusted text for a plain-text file: control and bidi-override characters removed, one line."""
    return re.sub(r"\s+", " ", _CONTROL.sub("", text or "")).strip()


def _plural(forms: tuple[str, str], n: int, **kw: Any) -> str:
    return (forms[0] if n == 1 else forms[1]).format(n=n, **kw)


def barrier(rule: str, help_text: str, lang: str) -> str:
    """A failure as the barrier a user meets, in fi or sv; rules without one get their title, marked for the
    author to rewrite."""
    b = BARRIERS.get(rule)
    if b:
        return b[0] if lang == "fi" else b[1]
    return BARRIER_TODO[lang].format(title=i18n.rule_title(rule, help_text, lang))


def build(data: Any, lang: str) -> dict[str, Any]:
    """The statement's content in `lang` (fi or sv): non-accessible content grouped by WCAG criterion (each
    criterion once, each barrier once under the first criterion it fails), the rest as the model's parts."""
    tx = TEXT[lang]
    pages = data.pages_by_id
    by_sc: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)  # sc -> barrier text -> item
    for g in data.groups:
        if g["category"] != "fail" or not g["wcag"]:
            continue
        wcag = sorted(g["wcag"], key=lambda sc: standards.sort_key(sc) if standards.get(sc) else (9,))
        sc = wcag[0]
        text = barrier(g["rule"], g["help"], lang)
        it = by_sc[sc].setdefault(text, {"text": text, "rules": set(), "pages": set(), "examples": []})
        it["rules"].add(g["rule"])
        it["pages"].update(g["page_ids"])
        for pid in g["page_ids"]:
            url = pages[pid]["url"]
            if len(it["examples"]) >= MAX_EXAMPLES:
                break
            if url not in it["examples"]:
                it["examples"].append(url)
    criteria = []
    for sc in sorted(by_sc, key=lambda sc: standards.sort_key(sc) if standards.get(sc) else (9,)):
        items = []
        for it in sorted(by_sc[sc].values(), key=lambda it: (-len(it["pages"]), it["text"])):
            items.append({
                "text": it["text"], "rules": sorted(it["rules"]), "page_count": len(it["pages"]),
                "examples": it["examples"],
                "where": _plural(tx["where"], len(it["pages"]), examples=", ".join(it["examples"])),
            })
        criteria.append({"sc": sc, "name": tx["criterion"].format(label=i18n.sc_label(sc, lang)), "items": items})
    run = data.run
    vps = ", ".join(f"{v['width']} px" for v in data.viewports if v.get("width")) or "–"
    date = run["started_at"].strftime("%d.%m.%Y") if run.get("started_at") else "[pp.kk.vvvv]"
    n_docs = data.summary["documents"]
    n_pages = data.summary["html_pages"]
    return {
        "lang": lang,
        "title": tx["title"],
        "draft_note": tx["draft_note"],
        "intro": tx["intro"].format(site=run["site"]),
        "state_h": tx["state_h"],
        "state": tx["state_partial"] if criteria else tx["state_none_found"],
        "nonacc_h": tx["nonacc_h"],
        "a_h": tx["a_h"],
        "a_intro": tx["a_intro"] if criteria else tx["a_none"],
        "criteria": criteria,
        "groups": criteria,  # older name of the same list
        "fix": tx["fix"],
        "b_h": tx["b_h"], "b_text": tx["b_text"],
        "c_h": tx["c_h"],
        "c_text": (_plural(tx["c_docs"], n_docs) + " " + tx["c_docs_note"]) if n_docs else tx["c_text"],
        "method_h": tx["method_h"],
        "prepared": tx["prepared"],
        "method": _plural(tx["method"], n_pages, pages=n_pages, axe=run.get("axe_version") or "?", date=date,
                          viewports=vps),
        "method_manual": tx["method_manual"],
        "feedback_h": tx["feedback_h"], "feedback": tx["feedback"], "feedback_contact": tx["feedback_contact"],
        "authority_h": tx["authority_h"], "authority": tx["authority"],
        "authority_contact": tx["authority_contact"],
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
    for c in st["criteria"]:
        out.extend(["", c["name"]])
        for it in c["items"]:
            out.extend([f"* {clean(it['text'])}", f"  {clean(it['where'])}"])
        out.append(f"  {st['fix']}")
    head(st["b_h"], "-")
    out.append(st["b_text"])
    head(st["c_h"], "-")
    out.append(st["c_text"])
    head(st["method_h"])
    out.extend([st["prepared"], clean(st["method"]), st["method_manual"]])
    head(st["feedback_h"])
    out.extend([st["feedback"], st["feedback_contact"]])
    head(st["authority_h"])
    out.extend([st["authority"], st["authority_contact"]])
    return "\n".join(out).strip() + "\n"
