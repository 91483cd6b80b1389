"""PL-SV-<n> (Swedish, Språkrådet's klarspråk advice) and PL-EN-<n> (plain English): one finding per sentence.

The checks and thresholds with their sources are in auditor/text/sv.py and auditor/text/en.py. Advisory (WCAG
3.1.5 is AAA).
"""
from __future__ import annotations

from auditor.text import en as E
from auditor.text import sv as S
from rules.language._plain import declare

declare("PL-SV-1", "sv", f"""Long sentence (Swedish): more than {S.LONG_SENTENCE} words. Split it, one point per
sentence. Source: Språkrådet, Myndigheternas skrivregler (short sentences).""",
        f"Pitkä ruotsinkielinen virke: yli {S.LONG_SENTENCE} sanaa. Jaa se. Lähde: Språkrådet, Myndigheternas "
        "skrivregler.",
        f"Lång mening: över {S.LONG_SENTENCE} ord. Dela upp den. Källa: Språkrådet, Myndigheternas skrivregler.",
        ("Long sentence (Swedish)", "Pitkä virke (ruotsi)", "Lång mening"))

declare("PL-SV-2", "sv", f"""Long word (Swedish): a word of {S.LONG_WORD} or more letters, usually a compound of three
or more parts ("bostadsbidragsansökan"). Write it as a phrase ("ansökan om bostadsbidrag"). Source: Språkrådet
(long compounds); LIX counts words over 6 letters as long.""",
        f"Pitkä ruotsinkielinen sana: vähintään {S.LONG_WORD} kirjainta. Pura se (’ansökan om bostadsbidrag’). "
        "Lähde: Språkrådet.",
        f"Långt ord: minst {S.LONG_WORD} bokstäver. Skriv om det (’ansökan om bostadsbidrag’). Källa: Språkrådet.",
        ("Long word (Swedish)", "Pitkä sana (ruotsi)", "Långt ord"))

declare("PL-SV-3", "sv", f"""Passive (Swedish): {S.PASSIVES} or more s-passives or bli-passives in one sentence. Write
actively and say who does what ("vi behandlar din ansökan"). Source: Språkrådet, "skriv aktivt".""",
        f"Passiivi ruotsinkielisessä tekstissä: vähintään {S.PASSIVES} passiivimuotoa samassa virkkeessä. "
        "Kirjoita aktiivissa. Lähde: Språkrådet.",
        f"Passiv form: minst {S.PASSIVES} passiva verb i samma mening. Skriv aktivt. Källa: Språkrådet.",
        ("Passive voice (Swedish)", "Passiivi (ruotsi)", "Passiv form"))

declare("PL-SV-4", "sv", f"""Nominal style (Swedish): {S.NOMINALS} or more nominalisations (-ning, -else, -tion) in one
sentence. Use verbs. Source: Språkrådet ("substantivsjuka").""",
        f"Substantiivityyli ruotsinkielisessä tekstissä: vähintään {S.NOMINALS} teonnimeä samassa virkkeessä. "
        "Käytä verbejä. Lähde: Språkrådet.",
        f"Substantivsjuka: minst {S.NOMINALS} verbalsubstantiv i samma mening. Använd verb. Källa: Språkrådet.",
        ("Nominal style (Swedish)", "Substantiivityyli (ruotsi)", "Substantivsjuka"))

declare("PL-SV-5", "sv", """Stiff official word (Swedish): erhålla, tillhandahålla, skall, därest, beträffande and
similar words with plainer alternatives (given in the finding), in their inflected forms ("erhållande", "erhölls").
Source: Språkrådet's lists of stiff words (Myndigheternas skrivregler, klarspråk); the list is in
auditor/text/wordlists.py.""",
        "Kankea ruotsinkielinen sana (erhålla, tillhandahålla, skall, därest …) taivutusmuotoineen "
        "(erhållande). Käytä arkisempaa sanaa. Lähde: Språkrådet, Myndigheternas skrivregler.",
        "Krångligt ord (erhålla, tillhandahålla, skall, därest …), även böjda former (erhållande, erhölls). "
        "Använd ett vardagligt ord. Källa: Språkrådet, Myndigheternas skrivregler och klarspråkslistorna.",
        ("Stiff words (Swedish)", "Kankeat sanat (ruotsi)", "Krångliga ord"))

declare("PL-EN-1", "en", f"""Long sentence (English): more than {E.LONG_SENTENCE} words. Split it. Source: GOV.UK
content design ("25 words or fewer"); US Federal Plain Language Guidelines (average 15-20 words).""",
        f"Pitkä englanninkielinen virke: yli {E.LONG_SENTENCE} sanaa. Jaa se. Lähde: GOV.UK, plainlanguage.gov.",
        f"Lång engelsk mening: över {E.LONG_SENTENCE} ord. Dela upp den. Källa: GOV.UK, plainlanguage.gov.",
        ("Long sentence (English)", "Pitkä virke (englanti)", "Lång mening (engelska)"))

declare("PL-EN-2", "en", """Passive voice (English): a form of "be" or "get" followed by a past participle ("is
processed"). Say who does what ("we process your application"). Source: US Federal Plain Language Guidelines and
GOV.UK ("use the active voice").""",
        "Passiivi englanninkielisessä tekstissä (’is processed’). Kerro, kuka tekee. Lähde: plainlanguage.gov, "
        "GOV.UK.",
        "Passiv form i engelsk text (’is processed’). Säg vem som gör vad. Källa: plainlanguage.gov, GOV.UK.",
        ("Passive voice (English)", "Passiivi (englanti)", "Passiv form (engelska)"))

declare("PL-EN-3", "en", """Stiff words (English): words and phrases with plainer alternatives, in their inflected
forms ("commencement", "utilised"), from the "use simple words and phrases" list of the US Federal Plain Language
Guidelines and GOV.UK's words to avoid (utilise, commence, in accordance with, prior to ...); the list and its
sources are in auditor/text/wordlists.py.""",
        "Englanninkielinen jargonisana (utilise, commence, prior to …); tavallisempi sana annetaan havainnossa. "
        "Lähde: plainlanguage.gov, GOV.UK.",
        "Krångligt engelskt ord (utilise, commence, commencement, prior to …), även böjda former. Ett enklare "
        "ord ges i fyndet. Källa: GOV.UK, plainlanguage.gov.",
        ("Stiff words (English)", "Kankeat sanat (englanti)", "Krångliga ord (engelska)"))
