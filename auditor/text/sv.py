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

# PL-SV-5. Stiff official words with plainer ones, from Språkrådet's lists of "krångliga ord" (Myndigheternas
# skrivregler; Klarspråkstestet).
STIFF = {
    "erhålla": "få", "erhåller": "får", "erhållit": "fått", "erhålls": "fås", "tillhandahålla": "ge, erbjuda",
    "tillhandahåller": "ger, erbjuder", "inkomma": "skicka in", "inkommer": "skickar in", "inkommit": "kommit in",
    "därest": "om", "såsom": "som", "avseende": "om", "beträffande": "om", "vederbörande": "den det gäller",
    "tillställa": "skicka", "ombesörja": "ordna", "ombesörjer": "ordnar", "härmed": "(stryk)", "därvid": "då",
    "enär": "eftersom", "torde": "är nog", "dylik": "sådan", "dylika": "sådana", "införskaffa": "skaffa",
    "påbörja": "börja", "påbörjas": "börjar", "delgiva": "meddela", "delges": "meddelas", "åligger": "ska",
    "anmodas": "ombeds", "äga rum": "hända", "icke": "inte", "emellertid": "men", "således": "alltså",
    "medelst": "med", "jämväl": "också", "ävensom": "och", "samt": "och",
}

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
            issues.append(Issue("PL-SV-1", f"Meningen har {n} ord. Dela upp den i {_NUM_WORDS.get(k, k)} meningar "
                                           "med en sak i varje."))
        longw = [w for w in words if len(_ALPHA.findall(w)) >= LONG_WORD]
        f["very_long_words"] = len(longw)
        if longw:
            issues.append(Issue("PL-SV-2", f"Långt ord {join_evidence(longw)}. Dela upp det "
                                           "(’bostadsbidragsansökan’ → ’ansökan om bostadsbidrag’).", tuple(longw)))
        pas = _passives(words)
        f["passives"] = len(pas)
        if len(pas) >= PASSIVES:
            issues.append(Issue("PL-SV-3", f"Meningen har {len(pas)} passiva verb ({join_evidence(pas)}). Skriv "
                                           "aktivt och säg vem som gör vad (’ansökan behandlas’ → ’vi behandlar "
                                           "din ansökan’).", tuple(pas)))
        noms = [w for w in words if w[:1].islower() and _NOMINAL_END.search(w.lower()) and len(w) > 6]
        f["nominals"] = len(noms)
        if len(noms) >= NOMINALS:
            issues.append(Issue("PL-SV-4", f"Substantivsjuka: {join_evidence(noms)}. Använd verb "
                                           "(’handläggning av ansökan sker’ → ’vi handlägger ansökan’).",
                                tuple(noms)))
        low_text = " ".join(w.lower() for w in words)
        stiff = [w for w in words if w.lower() in STIFF]
        if "äga rum" in low_text:
            stiff.append("äga rum")
        f["stiff_words"] = len(stiff)
        if stiff:
            sugg = "; ".join(f"’{w}’ → ’{STIFF[w.lower()]}’" for w in dict.fromkeys(stiff))
            issues.append(Issue("PL-SV-5", f"Krångliga ord: {sugg}.", tuple(stiff)))
        out.append(SentenceResult(text=s.text, block=block, start=s.start, end=s.end, words=n, issues=issues,
                                  features=f, word_forms=tuple(w.lower() for w in words)))
    return out
