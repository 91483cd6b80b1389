"""Swedish sentences against Språkrådet's klarspråk advice (`PL-SV-<n>`).

No Swedish morphology is installed (Voikko has none), so the Swedish checks work on word forms: the s-passive by
its endings with a list of deponent verbs that only look passive, nominalisations by their suffixes. That is
enough to point at sentences; it is not a parser.

Sources:
  Språkrådet  Myndigheternas skrivregler (Språkrådet 2014, 8th ed.) and "Klarspråk" advice (sprakradet.se);
              Lagen om klarspråk, språklagen (2009:600) § 11.
  Björnsson   Läsbarhet (1968): LIX and its bands.
"""
from __future__ import annotations

import re

from auditor.registry import msg
from auditor.text import wordlists
from auditor.text.common import Issue, SentenceResult, join_evidence
from auditor.text.tokenize import is_word, split_sentences

# PL-SV-1. Språkrådet (Myndigheternas skrivregler, "Meningslängd") advises short sentences with one main point;
# we use the same mark as for Finnish, 25 words (see auditor/text/fi.py), as Swedish words are shorter and the
# advice is the same.
LONG_SENTENCE = 25
TARGET_SENTENCE = 15
# PL-SV-2. Words this long (letters) are flagged: compounds such as "bostadsbidragsansökan" (21). LIX counts
# words over 6 letters as long; 18 letters is where Swedish compounds have three or more parts in practice.
LONG_WORD = 18
# PL-SV-3. s-passives in one sentence. Språkrådet: "Skriv aktivt – tala om vem som gör vad"; one passive is
# fine, several hide the actor.
PASSIVES = 2
# PL-SV-4. Nominalisations (-ning, -else, -tion/-sion, -ande as a noun) in one sentence. Språkrådet: "Undvik
# substantivsjuka" – use the verb.
NOMINALS = 2

# Verbs that end in -s without being passive (deponents and reciprocals) and common words ending in -as/-es.
NOT_PASSIVE = frozenset("""
finns fanns funnits hoppas hoppades lyckas lyckades minnas mindes trivs trivdes andas andades synas syns
syntes låtsas låtsades brottas umgås umgicks åldras svettas slåss mötas möts träffas träffades ses sågs
kallas känns kändes tycks verkar vistas väsnas hörs hördes fattas fattades skiljas skildes enas samsas
kräkas nås ingås tävlas försummas dess hennes vars alltjämt annars jämnt tvärs bakges
alls redan sedans dagens årets ens
""".split())
# Irregular or short s-passives that the ending test misses.
PASSIVE_FORMS = frozenset("""
ges gavs getts görs gjordes gjorts sänds sändes sänts ses sågs setts tas togs tagits dras drogs dragits
fås fick fåtts hålls hölls hållits läggs lades lagts sägs sades sagts sätts sattes satts väljs valdes valts
""".split())
_PASSIVE_END = re.compile(r"[^aeiouyåäö\W](?:as|ades|ats|es|des|tes|ts)$")
_NOMINAL_END = re.compile(r"(?:ning|ningen|ningar|ningarna|else|elsen|tion|tionen|sion|sionen|andet|endet)$")
_BLI = frozenset({"blir", "blev", "bli", "blivit", "blivande"})
_PARTICIPLE_END = re.compile(r"(?:ad|at|ade|d|t|da|dd|tt|en|et|na)$")

# PL-SV-5. Stiff official words with plainer ones: auditor/text/wordlists.py (Språkrådet, Myndigheternas
# skrivregler and klarspråk lists), with inflected forms ("erhållande", "erhölls", "skall").

_NUM_WORDS = {2: "två", 3: "tre", 4: "fyra", 5: "fem"}
_ALPHA = re.compile(r"[^\W\d_]", re.UNICODE)


def _passives(words: list[str]) -> list[str]:
    out = []
    for i, w in enumerate(words):
        low = w.lower()
        if not w[:1].islower() or low in NOT_PASSIVE:
            continue
        if low in PASSIVE_FORMS or (len(low) > 4 and _PASSIVE_END.search(low) and not low.endswith(("ss", "us"))):
            out.append(w)
        elif low in _BLI and i + 1 < len(words) and _PARTICIPLE_END.search(words[i + 1].lower()):
            out.append(f"{w} {words[i + 1]}")
    return out


def analyse_block(text: str, block: int, state: object = None,
                  split_lines: bool = False) -> list[SentenceResult]:
    out = []
    for s in split_sentences(text, split_lines=split_lines):
        words = [t for t in s.tokens if is_word(t)]
        n = len(words)
        issues: list[Issue] = []
        f: dict = {"long_words": sum(1 for w in words if len(_ALPHA.findall(w)) > 6),
                   "letters": sum(len(_ALPHA.findall(w)) for w in words)}
        if n > LONG_SENTENCE:
            k = max(2, -(-n // TARGET_SENTENCE))
            issues.append(Issue("PL-SV-1", msg(
                sv=f"Meningen har {n} ord. Dela upp den i {_NUM_WORDS.get(k, k)} meningar med en sak i varje.",
                fi=f"Virkkeessä on {n} sanaa. Jaa se {k} virkkeeseen, yksi asia kussakin.",
                en=f"The sentence has {n} words. Split it into {k} sentences, one point in each.")))
        longw = [w for w in words if len(_ALPHA.findall(w)) >= LONG_WORD]
        f["very_long_words"] = len(longw)
        if longw:
            ev = join_evidence(longw)
            issues.append(Issue("PL-SV-2", msg(
                sv=f"Långt ord {ev}. Dela upp det: sätt huvudordet (sista leden) först och resten efter som en "
                   f"bestämning.",
                fi=f"Pitkä sana {ev}. Pura se: pääsana (viimeinen osa) ensin ja muut osat sen jälkeen määritteenä.",
                en=f"Long word {ev}. Break it up: the head word (its last part) first and the rest after it as a "
                   f"modifier."), tuple(longw)))
        pas = _passives(words)
        f["passives"] = len(pas)
        if len(pas) >= PASSIVES:
            ev = join_evidence(pas)
            issues.append(Issue("PL-SV-3", msg(
                sv=f"Meningen har {len(pas)} passiva verb ({ev}). Skriv aktivt och säg vem som gör vad.",
                fi=f"Virkkeessä on {len(pas)} passiivimuotoa ({ev}). Kirjoita aktiivissa ja kerro, kuka tekee.",
                en=f"The sentence has {len(pas)} passive verbs ({ev}). Write actively and say who does what."),
                tuple(pas)))
        noms = [w for w in words if w[:1].islower() and _NOMINAL_END.search(w.lower()) and len(w) > 6]
        f["nominals"] = len(noms)
        if len(noms) >= NOMINALS:
            ev = join_evidence(noms)
            issues.append(Issue("PL-SV-4", msg(
                sv=f"Substantivsjuka: {ev}. Använd verben i stället för substantiven.",
                fi=f"Substantiivityyliä: {ev}. Käytä verbejä substantiivien sijaan.",
                en=f"Nominal style: {ev}. Use the verbs instead of the nouns."), tuple(noms)))
        stiff = wordlists.find(words, wordlists.SV_FORMS, wordlists.SV_PHRASES)
        f["stiff_words"] = len(stiff)
        if stiff:
            sugg = "; ".join(f"’{w}’ → ’{r}’" for w, r in dict(stiff).items())
            issues.append(Issue("PL-SV-5", msg(sv=f"Krångliga ord: {sugg}.", fi=f"Kankeita sanoja: {sugg}.",
                                               en=f"Stiff words: {sugg}."), tuple(w for w, _ in stiff)))
        out.append(SentenceResult(text=s.text, block=block, start=s.start, end=s.end, words=n, issues=issues,
                                  features=f, word_forms=tuple(w.lower() for w in words)))
    return out
