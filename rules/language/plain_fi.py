"""PL-FI-<n>: Finnish plain language (selkeä virkakieli), one finding per flagged sentence.

The analysis and the thresholds with their sources are in auditor/text/fi.py; each rule's help repeats its
threshold and source. Advisory: WCAG 3.1.5 Reading Level is AAA, so these never count as A/AA failures. Where a
rewrite built from the sentence's own words is safe (auditor/text/fi_rewrite.py), the finding's message gives it
and its evidence carries it as "suggestion".
"""
from __future__ import annotations

from auditor.text import fi as F
from rules.language._plain import declare

declare("PL-FI-1", "fi", f"""Long sentence: more than {F.LONG_SENTENCE} words. Split it so that each sentence says one
thing; where a second main clause begins (", ja ...", ", mutta ...") the finding shows the split. Threshold: Kotus
(Hyvä virkakieli) advises short sentences; Finnish plain-language practice aims at 15-20 words; {F.LONG_SENTENCE} is
past the 85th percentile of Wikinews sentences in UD Finnish-TDT.""",
        f"Pitkä virke: yli {F.LONG_SENTENCE} sanaa. Jaa virke niin, että kussakin on yksi asia; havainto näyttää "
        "jakokohdan, kun toinen päälause alkaa (’, ja …’). Raja: Kotus (Hyvä virkakieli) suosittaa lyhyitä "
        "virkkeitä; selkeän kielen tavoite on 15–20 sanaa.",
        f"Lång mening: över {F.LONG_SENTENCE} ord. Dela meningen så att varje mening säger en sak; fyndet visar "
        "var, när en andra huvudsats börjar (’, ja …’). Gräns: Kotus (Hyvä virkakieli) råder till korta meningar; "
        "klarspråk siktar på 15–20 ord.",
        ("Long sentence", "Pitkä virke", "Lång mening"))

declare("PL-FI-2", "fi", f"""Long compound: a word of {F.COMPOUND_PARTS} parts (Voikko STRUCTURE) and
{F.COMPOUND_LETTERS}+ letters, or of {F.COMPOUND_PARTS + 1}+ parts, e.g. "rakennuslupahakemuksen". Open it into a
phrase ("hakemus rakennusluvasta"). Source: Kotus (Hyvä virkakieli, long compounds); the letter limit keeps
everyday three-part words ("aukioloajat") out, measured on the demo site and TDT news.""",
        f"Pitkä yhdyssana: {F.COMPOUND_PARTS} osaa ja vähintään {F.COMPOUND_LETTERS} kirjainta tai vähintään "
        f"{F.COMPOUND_PARTS + 1} osaa (esim. ’rakennuslupahakemuksen’). Avaa se (’hakemus rakennusluvasta’). "
        "Lähde: Kotus, Hyvä virkakieli.",
        f"Långt sammansatt ord: {F.COMPOUND_PARTS} leder och minst {F.COMPOUND_LETTERS} bokstäver eller minst "
        f"{F.COMPOUND_PARTS + 1} leder (t.ex. ’rakennuslupahakemuksen’). Skriv det som en fras. Källa: Kotus, "
        "Hyvä virkakieli.",
        ("Long compound", "Pitkä yhdyssana", "Långt sammansatt ord"))

declare("PL-FI-3", "fi", f"""Passive: {F.PASSIVES} or more passive verbs (Voikko PERSON 4) in one sentence, or a passive
whose agent the sentence names ("viranomaisen toimesta tarkastetaan"): the finding then gives the active sentence
("viranomainen tarkastaa"). Say who does what or address the reader. Source: Kotus (Hyvä virkakieli, the
passive): one passive is ordinary Finnish, several leave the reader asking who does what; an agent with
"toimesta" is a passive that should be active.""",
        f"Passiivi: vähintään {F.PASSIVES} passiivimuotoa samassa virkkeessä tai passiivi, jonka tekijä kerrotaan "
        "(’viranomaisen toimesta tarkastetaan’ → ’viranomainen tarkastaa’). Kerro, kuka tekee, tai puhuttele "
        "lukijaa. Lähde: Kotus, Hyvä virkakieli.",
        f"Passiv: minst {F.PASSIVES} passiva verb i samma mening, eller ett passiv där den som handlar nämns "
        "(’viranomaisen toimesta tarkastetaan’ → ’viranomainen tarkastaa’). Säg vem som gör vad. Källa: Kotus.",
        ("Passive voice", "Passiivi", "Passiv form"))

declare("PL-FI-4", "fi", f"""Nominal style: action nouns worth {F.NOMINALS} or more in one sentence, a -minen noun in
any case ("käsitteleminen", "-misen", "-mistä", "-misessä", "-miseksi" ...) counting 1 and an -us/-ys noun derived
from a verb 0.5 (many of those are everyday words: "hakemus"). The same weight is what the page metric
nominals_per_100 counts. Use the verb (the finding names it). Source: Kotus (Hyvä virkakieli, nominal style).""",
        f"Substantiivityyli: teonnimiä samassa virkkeessä painoltaan vähintään {F.NOMINALS}; -minen-sana missä "
        "tahansa sijamuodossa painaa 1 ja verbistä johdettu -us/-ys-sana 0,5. Käytä verbiä (havainto nimeää sen). "
        "Lähde: Kotus, Hyvä virkakieli.",
        f"Substantivsjuka: verbalsubstantiv med vikten minst {F.NOMINALS} i samma mening; ett -minen-ord i vilken "
        "kasus som helst väger 1, ett -us/-ys-ord av ett verb 0,5. Använd verbet. Källa: Kotus.",
        ("Nominal style", "Substantiivityyli", "Substantivsjuka"))

declare("PL-FI-5", "fi", """Clause-equivalent (lauseenvastike): temporal ("saatuaan", and with a genitive subject
"Lomakkeen saavuttua", "Päätöksen tultua voimaan"), E-infinitive ("tehtäessä", "tehden"), final ("tehdäkseen") or
referative ("tekevänsä"). Write it as a clause with "kun", "jotta", "että"; for the temporal one the finding gives
the clause built from its own words ("Kun lomake on saapunut"). Threshold: one; Selkokeskus advises against
clause-equivalents, Kotus advises opening them in texts for the public. Lexicalised adverbs such as
"tarvittaessa" are not counted.""",
        "Lauseenvastike (’saatuaan’, ’Lomakkeen saavuttua’, ’tehtäessä’, ’tehdäkseen’, ’tekevänsä’). Kirjoita se "
        "sivulauseeksi (kun, jotta, että); ajanilmauksesta havainto antaa valmiin sivulauseen (’Kun lomake on "
        "saapunut’). Lähteet: Selkokeskus, Kotus.",
        "Satsförkortning (’saatuaan’, ’Lomakkeen saavuttua’, ’tehtäessä’, ’tehdäkseen’). Skriv den som bisats "
        "(kun, jotta, että); för tidsuttrycket ger fyndet bisatsen (’Kun lomake on saapunut’). Källor: "
        "Selkokeskus, Kotus.",
        ("Clause-equivalent", "Lauseenvastike", "Satsförkortning"))

declare("PL-FI-6", "fi", f"""Agent participle with a noun agent or long premodifier: "hakijan jättämä hakemus", or a
participle phrase of {F.PREMODIFIER_WORDS} or more words before its noun ("viime vuonna voimaan tullut laki").
Use a relative clause ("hakemus, jonka hakija jätti"). Source: Kotus (Hyvä virkakieli, long premodifiers).""",
        "Agenttipartisiippi tai pitkä määrite substantiivin edessä. Tee siitä relatiivilause (’hakemus, jonka "
        "hakija jätti’). Lähde: Kotus, Hyvä virkakieli.",
        "Agentparticip eller lång bestämning före substantivet. Gör den till en relativsats (’hakemus, jonka hakija "
        "jätti’). Källa: Kotus, Hyvä virkakieli.",
        ("Long premodifier", "Pitkä etumäärite", "Lång framförställd bestämning"))

declare("PL-FI-7", "fi", f"""Genitive chain: {F.GENITIVE_CHAIN} or more nouns in the genitive in a row ("kunnan
sosiaalitoimen asiakkaiden hakemukset"). Break the chain with a verb or a second sentence. Source: Kotus (genitive
chains); VISK § 1210.""",
        f"Genetiiviketju: vähintään {F.GENITIVE_CHAIN} genetiiviä peräkkäin. Pura ketju verbillä tai kahdella "
        "virkkeellä. Lähde: Kotus.",
        f"Genitivkedja: minst {F.GENITIVE_CHAIN} genitiver i rad. Bryt kedjan med ett verb eller två meningar. "
        "Källa: Kotus.",
        ("Genitive chain", "Genetiiviketju", "Genitivkedja"))

declare("PL-FI-8", "fi", f"""Negation chain: {F.NEGATIONS} or more negations in one clause (negative verb, -matta,
-maton, -ton adjective, epä-): "ei ole mahdotonta". Say it positively. Source: Kotus (avoid double negatives).""",
        f"Kieltoketju: vähintään {F.NEGATIONS} kieltoa samassa lauseessa. Sano asia myönteisesti. Lähde: Kotus.",
        f"Negationskedja: minst {F.NEGATIONS} negationer i samma sats. Säg det positivt. Källa: Kotus.",
        ("Double negation", "Kieltoketju", "Dubbel negation"))

declare("PL-FI-9", "fi", """Abbreviation: a dotted abbreviation (esim., mm., ns., ko.) or an acronym not explained at
its first use on the page. Write words in full; explain an acronym the first time ("Kansaneläkelaitos (Kela)").
Source: Kotus (Kielitoimiston ohjepankki, abbreviations); WCAG 3.1.4 Abbreviations (AAA).""",
        "Lyhenne: kirjoita sanat auki ja selitä lyhenne, kun se esiintyy ensimmäisen kerran. Lähde: Kotus; "
        "WCAG 3.1.4.",
        "Förkortning: skriv ut orden och förklara en förkortning första gången den används. Källa: Kotus; "
        "WCAG 3.1.4.",
        ("Abbreviation", "Lyhenne", "Förkortning"), wcag=("3.1.4", "3.1.5"))

declare("PL-FI-10", "fi", """Unknown word: a word that Voikko's dictionary does not know (not a name, number, address or
acronym): a typo, jargon or a rare term. Check the spelling; use a common word or explain the term. Source: WCAG
3.1.3 Unusual Words (AAA); Kotus (specialist terms in texts for the public).""",
        "Tuntematon sana: sanakirja ei tunne sanaa. Tarkista kirjoitusasu; käytä yleiskielistä sanaa tai selitä "
        "termi. Lähde: WCAG 3.1.3; Kotus.",
        "Okänt ord: ordboken känner inte till ordet. Kontrollera stavningen; använd ett vanligt ord eller förklara "
        "termen. Källa: WCAG 3.1.3; Kotus.",
        ("Unknown word", "Tuntematon sana", "Okänt ord"), wcag=("3.1.3", "3.1.5"))

declare("PL-FI-11", "fi", """Stock officialese: "osalta", "johdosta", "toimesta", "kyseinen", "suorittaa", "mikäli"
and similar words with plainer alternatives (given in the finding). Source: Kotus (Hyvä virkakieli, clichés of
official language; Kielitoimiston ohjepankki).""",
        "Virkakielen klisee (osalta, johdosta, toimesta, kyseinen, suorittaa, mikäli …). Käytä tavallista "
        "ilmausta. Lähde: Kotus, Hyvä virkakieli.",
        "Myndighetsklyscha på finska (osalta, johdosta, toimesta, kyseinen, suorittaa, mikäli …). Använd ett "
        "vanligt uttryck. Källa: Kotus, Hyvä virkakieli.",
        ("Officialese", "Virkakielen klisee", "Myndighetsklyscha"))

declare("PL-FI-12", "fi", """Reader not addressed: an instruction written as an impersonal obligation ("hakemus tulee
lähettää", "hakemus on lähetettävä") in a sentence that does not address the reader. Write to the reader: "Lähetä
hakemus" or "Sinun pitää lähettää hakemus". A negated verb ("ei ole", "ei voi") is not an imperative and does not
count as addressing the reader. Source: Kotus (Hyvä virkakieli, addressing the reader).""",
        "Lukijaa ei puhutella: ohje on persoonaton velvoite (’tulee lähettää’, ’on lähetettävä’). Puhuttele lukijaa "
        "(’Lähetä hakemus’). Lähde: Kotus, Hyvä virkakieli.",
        "Läsaren tilltalas inte: instruktionen är en opersonlig förpliktelse (’tulee lähettää’, ’on "
        "lähetettävä’). Tilltala läsaren (’Lähetä hakemus’). Källa: Kotus, Hyvä virkakieli.",
        ("Reader not addressed", "Lukijaa ei puhutella", "Läsaren tilltalas inte"))
