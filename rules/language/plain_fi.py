"""PL-FI-<n>: Finnish plain language (selkeä virkakieli), one finding per flagged sentence.

The analysis and the thresholds with their sources are in auditor/text/fi.py; each rule's help repeats its
threshold and source. Advisory: WCAG 3.1.5 Reading Level is AAA, so these never count as A/AA failures.
"""
from __future__ import annotations

from auditor.text import fi as F
from rules.language._plain import declare

declare("PL-FI-1", "fi", f"""Long sentence: more than {F.LONG_SENTENCE} words. Split it so that each sentence says one
thing. Threshold: Kotus (Hyvä virkakieli) advises short sentences; Finnish plain-language practice aims at 15-20 words;
{F.LONG_SENTENCE} is past the 85th percentile of Wikinews sentences in UD Finnish-TDT.""",
        f"Pitkä virke: yli {F.LONG_SENTENCE} sanaa. Jaa virke niin, että kussakin on yksi asia. Raja: Kotus (Hyvä "
        f"virkakieli) suosittaa lyhyitä virkkeitä; selkeän kielen tavoite on 15–20 sanaa.")

declare("PL-FI-2", "fi", f"""Long compound: a word of {F.COMPOUND_PARTS} parts (Voikko STRUCTURE) and
{F.COMPOUND_LETTERS}+ letters, or of {F.COMPOUND_PARTS + 1}+ parts, e.g. "rakennuslupahakemuksen". Open it into a
phrase ("hakemus rakennusluvasta"). Source: Kotus (Hyvä virkakieli, long compounds); the letter limit keeps
everyday three-part words ("aukioloajat") out, measured on the demo site and TDT news.""",
        f"Pitkä yhdyssana: {F.COMPOUND_PARTS} osaa ja vähintään {F.COMPOUND_LETTERS} kirjainta tai vähintään "
        f"{F.COMPOUND_PARTS + 1} osaa (esim. ’rakennuslupahakemuksen’). Avaa se (’hakemus rakennusluvasta’). "
        "Lähde: Kotus, Hyvä virkakieli.")

declare("PL-FI-3", "fi", f"""Passive: {F.PASSIVES} or more passive verbs (Voikko PERSON 4) in one sentence hide who
acts. Say who does what ("käsittelemme hakemuksesi") or address the reader ("lähetä hakemus"). Source: Kotus (Hyvä
virkakieli, the passive): one passive is ordinary Finnish, several leave the reader asking who does what.""",
        f"Passiivi: vähintään {F.PASSIVES} passiivimuotoa samassa virkkeessä. Kerro, kuka tekee, tai puhuttele "
        "lukijaa. Lähde: Kotus, Hyvä virkakieli.")

declare("PL-FI-4", "fi", f"""Nominal style: action nouns worth {F.NOMINALS} or more in one sentence, a -minen noun
counting 1 and an -us/-ys noun derived from a verb 0.5 (many of those are everyday words: "hakemus"), e.g.
"käsittelyn suorittaminen". Use the verb ("käsittelemme"). Source: Kotus (Hyvä virkakieli, nominal style).""",
        f"Substantiivityyli: vähintään {F.NOMINALS} teonnimeä (-minen, -us/-ys) samassa virkkeessä. Käytä verbiä. "
        "Lähde: Kotus, Hyvä virkakieli.")

declare("PL-FI-5", "fi", """Clause-equivalent (lauseenvastike): temporal ("saatuaan"), E-infinitive ("tehtäessä",
"tehden"), final ("tehdäkseen") or referative ("tekevänsä"). Write it as a clause with "kun", "jotta", "että".
Threshold: one; Selkokeskus advises against clause-equivalents, Kotus advises opening them in texts for the
public. Lexicalised adverbs such as "tarvittaessa" are not counted.""",
        "Lauseenvastike (’saatuaan’, ’tehtäessä’, ’tehdäkseen’, ’tekevänsä’). Kirjoita se sivulauseeksi (kun, "
        "jotta, että). Lähteet: Selkokeskus, Kotus.")

declare("PL-FI-6", "fi", f"""Agent participle with a noun agent or long premodifier: "hakijan jättämä hakemus", or a
participle phrase of {F.PREMODIFIER_WORDS} or more words before its noun ("viime vuonna voimaan tullut laki").
Use a relative clause ("hakemus, jonka hakija jätti"). Source: Kotus (Hyvä virkakieli, long premodifiers).""",
        "Agenttipartisiippi tai pitkä määrite substantiivin edessä. Tee siitä relatiivilause (’hakemus, jonka "
        "hakija jätti’). Lähde: Kotus, Hyvä virkakieli.")

declare("PL-FI-7", "fi", f"""Genitive chain: {F.GENITIVE_CHAIN} or more nouns in the genitive in a row ("kunnan
sosiaalitoimen asiakkaiden hakemukset"). Break the chain with a verb or a second sentence. Source: Kotus (genitive
chains); VISK § 1210.""",
        f"Genetiiviketju: vähintään {F.GENITIVE_CHAIN} genetiiviä peräkkäin. Pura ketju verbillä tai kahdella "
        "virkkeellä. Lähde: Kotus.")

declare("PL-FI-8", "fi", f"""Negation chain: {F.NEGATIONS} or more negations in one clause (negative verb, -matta,
-maton, -ton adjective, epä-): "ei ole mahdotonta". Say it positively. Source: Kotus (avoid double negatives).""",
        f"Kieltoketju: vähintään {F.NEGATIONS} kieltoa samassa lauseessa. Sano asia myönteisesti. Lähde: Kotus.")

declare("PL-FI-9", "fi", """Abbreviation: a dotted abbreviation (esim., mm., ns., ko.) or an acronym not explained at
its first use on the page. Write words in full; explain an acronym the first time ("Kansaneläkelaitos (Kela)").
Source: Kotus (Kielitoimiston ohjepankki, abbreviations); WCAG 3.1.4 Abbreviations (AAA).""",
        "Lyhenne: kirjoita sanat auki ja selitä lyhenne, kun se esiintyy ensimmäisen kerran. Lähde: Kotus; "
        "WCAG 3.1.4.", wcag=("3.1.4", "3.1.5"))

declare("PL-FI-10", "fi", """Unknown word: a word that Voikko's dictionary does not know (not a name, number, address or
acronym): a typo, jargon or a rare term. Check the spelling; use a common word or explain the term. Source: WCAG
3.1.3 Unusual Words (AAA); Kotus (specialist terms in texts for the public).""",
        "Tuntematon sana: sanakirja ei tunne sanaa. Tarkista kirjoitusasu; käytä yleiskielistä sanaa tai selitä "
        "termi. Lähde: WCAG 3.1.3; Kotus.", wcag=("3.1.3", "3.1.5"))

declare("PL-FI-11", "fi", """Stock officialese: "osalta", "johdosta", "toimesta", "kyseinen", "suorittaa", "mikäli"
and similar words with plainer alternatives (given in the finding). Source: Kotus (Hyvä virkakieli, clichés of
official language; Kielitoimiston ohjepankki).""",
        "Virkakielen klisee (osalta, johdosta, toimesta, kyseinen, suorittaa, mikäli …). Käytä tavallista "
        "ilmausta. Lähde: Kotus, Hyvä virkakieli.")

declare("PL-FI-12", "fi", """Reader not addressed: an instruction written as an impersonal obligation ("hakemus tulee
lähettää", "hakemus on lähetettävä") in a sentence that does not address the reader. Write to the reader: "Lähetä
hakemus" or "Sinun pitää lähettää hakemus". Source: Kotus (Hyvä virkakieli, addressing the reader).""",
        "Lukijaa ei puhutella: ohje on persoonaton velvoite (’tulee lähettää’, ’on lähetettävä’). Puhuttele lukijaa "
        "(’Lähetä hakemus’). Lähde: Kotus, Hyvä virkakieli.")
