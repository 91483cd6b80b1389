"""Finnish sentences read as an editor of clear official language (selkeä virkakieli) reads them.

Each `PL-FI-<n>` issue names the sentence, what makes it hard and a concrete suggestion in Finnish. Thresholds and
their sources are here, next to the code that applies them; the rules in rules/language/plain_fi.py quote them.

Sources:
  Kotus  Kotimaisten kielten keskus: Hyvä virkakieli (2014, ed. Piehl & Aarnio-Taavitsainen), Kielitoimiston
         ohjepankki, and the Kielikello articles on official language.
  Selko  Selkokeskus: Selkokielen mittari (2021) and selkokielen ohjeet.
  VISK   Iso suomen kielioppi (Hakulinen et al. 2004), the grammar the morphology follows.
  TDT    figures measured here on UD Finnish-TDT with bench/eval_text.py (see docs/plain-language.md).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from auditor.registry import msg
from auditor.text import fi_morph, fi_rewrite
from auditor.text.common import Issue, SentenceResult, join_evidence
from auditor.text.tokenize import is_word, split_sentences

# PL-FI-1. Sentences longer than this are flagged. Kotus (Hyvä virkakieli, ch. "Virke") advises short sentences
# with one main point and gives no single number; Finnish plain-language practice and readability research use
# 15-20 words as the target average, and Selko asks for short sentences. On TDT the median Wikinews sentence has
# 12 words and the median legal (JRC-Acquis) sentence 20; 25 words is past the 85th percentile of Wikinews.
LONG_SENTENCE = 25
# Target length used in the suggestion ("jaa se kahdeksi"): the upper end of the 15-20 word target above.
TARGET_SENTENCE = 15
# PL-FI-2. Long compounds: three or more parts (Voikko STRUCTURE) and at least COMPOUND_LETTERS letters, or four
# or more parts. Kotus: long compounds ("rakennuslupahakemuskäsittely") are hard to read and can be opened into
# phrases ("hakemus rakennusluvasta"). Three-part words of everyday use are short ("aukioloajat" 11 letters,
# "perhepäivähoito" 15); on the demo site and TDT news the three-part words that an editor would open were 20
# letters or more ("rakennuslupahakemuksen" 22, "jätehuoltomääräykset" 20).
COMPOUND_PARTS = 3
COMPOUND_LETTERS = 20
# PL-FI-3. Passive verbs in one sentence. Kotus (Hyvä virkakieli, "Passiivi"): the passive hides who acts; one
# passive is ordinary Finnish, several in one sentence leave the reader asking who does what.
PASSIVES = 2
# PL-FI-4. Action nouns in one sentence, -minen nouns counting 1 and -us/-ys nouns from verbs 0.5 (many of these
# are everyday words: "hakemus", "ilmoitus", "vastaus"). Kotus ("Substantiivityyli"): nominal style ("hakemuksen
# käsittelyn suorittaminen") is heavier than the verb ("käsittelemme hakemuksen").
NOMINALS = 2
NOMINAL_WEIGHT = {"minen": 1.0, "us": 0.5, "ys": 0.5}
# PL-FI-7. Nouns in a row in the genitive. Kotus ("Genetiiviketjut"): three or more genitives in a row are hard to
# follow. VISK § 1210.
GENITIVE_CHAIN = 3
# PL-FI-6. Words before a noun in one premodifier (participle phrase). Kotus ("Lauseenvastikkeet ja pitkät
# määritteet"): a long participle phrase before the noun is easier as a relative clause. Three words of
# modifier before the participle (plus the participle) is where editors start to open them.
PREMODIFIER_WORDS = 3
# PL-FI-8. Negations in one clause (a negative verb, -matta, -maton, -ton adjectives, epä-). Kotus (double
# negatives): two negations together ("ei ole mahdotonta", "ei voi jättää tekemättä") make the reader work out
# the meaning; say it positively. Counted per clause, so "et ole tyytyväinen tai et saa vastausta" is two
# separate negations, not a chain.
NEGATIONS = 2

# PL-FI-5. Clause-equivalents (lauseenvastikkeet, VISK § 1254-1262). One is enough to flag: Selko advises
# against them altogether, Kotus advises opening them in texts for the general public. Lexicalised E-infinitives
# that read as adverbs are not counted.
CLAUSE_EQ_EXEMPT = frozenset({"tarvittaessa", "esimerkiksi", "ottaen", "lukien", "koskien", "huolimatta",
                              "mennessä", "lähtien", "alkaen", "riippuen", "kuluessa", "kuluttua"})
# "viikon kuluttua" is a postposition phrase (after a week), not a clause-equivalent (VISK § 688).

# PL-FI-9. Abbreviations to write in full (Kotus, Kielitoimiston ohjepankki "Lyhenteet": in texts for the public,
# write words in full; an acronym is explained at its first use). WCAG 3.1.4.
ABBREV_FULL = {
    "esim.": "esimerkiksi", "mm.": "muun muassa", "ns.": "niin sanottu", "jne.": "ja niin edelleen",
    "yms.": "ynnä muuta sellaista", "ym.": "ynnä muuta", "ks.": "katso", "vrt.": "vertaa", "ts.": "toisin sanoen",
    "ko.": "tämä / kyseinen", "em.": "edellä mainittu", "ao.": "asianomainen", "tms.": "tai muuta sellaista",
    "ml.": "mukaan lukien", "n.": "noin", "kts.": "katso", "huom.": "huomaa", "ed.": "edellinen",
    "tmv.": "tai muuta vastaavaa", "nk.": "niin kutsuttu", "s.": "sivu / syntynyt", "kpl": "kappaletta",
    "puh.": "puhelin", "yl.": "yleensä",
}
# Acronyms every reader knows: not flagged (Kotus lists these among established abbreviations).
KNOWN_ACRONYMS = frozenset({"EU", "YK", "USA", "TV", "OK", "PDF", "HTML", "PIN", "SMS", "ALV", "WWW", "IT"})
_ACRONYM = re.compile(r"^[A-ZÅÄÖ]{2,6}(?::[a-zåäö]+)?$")

# PL-FI-11. Stock officialese (Kotus: Hyvä virkakieli, "Virkakielen kliseet"; Kielitoimiston ohjepankki),
# matched on Voikko base forms so inflected forms count. word form or base -> suggestion.
OFFICIALESE_FORMS = {
    "osalta": "kirjoita suoraan, usein pelkkä sijamuoto riittää (’hakemuksen osalta’ → ’hakemuksesta’)",
    "johdosta": "käytä sanaa ’vuoksi’ tai ’takia’",
    "toimesta": "kerro tekijä lauseen alussa (’kunnan toimesta’ → ’kunta tekee’)",
    "puitteissa": "käytä sijamuotoa tai sanaa ’aikana’, ’mukaan’",
    "taholta": "kerro, kuka (’viranomaisen taholta’ → ’viranomainen’)",
    "mikäli": "käytä sanaa ’jos’",
    "kyseessä": "kirjoita suoraan, mistä on kyse",
    "myötä": "käytä sanaa ’kanssa’ tai ’takia’",
}
OFFICIALESE_BASES = {
    "kyseinen": "käytä sanaa ’tämä’ tai ’se’",
    "asianomainen": "sano, kuka: ’hakija’, ’sinä’",
    "suorittaa": "käytä tekemistä kuvaavaa verbiä (’suorittaa maksu’ → ’maksaa’, ’suorittaa tarkastus’ → "
                 "’tarkastaa’)",
    "informoida": "käytä sanaa ’kertoa’ tai ’ilmoittaa’",
}

# The same advice for the English and Swedish versions of the messages (the quoted words stay Finnish).
OFFICIALESE_EN = {
    "osalta": "often the case ending alone is enough", "johdosta": "use ’vuoksi’ or ’takia’",
    "toimesta": "name the actor as the subject", "puitteissa": "use a case ending or ’aikana’, ’mukaan’",
    "taholta": "say who", "mikäli": "use ’jos’", "kyseessä": "say directly what it is about",
    "myötä": "use ’kanssa’ or ’takia’", "kyseinen": "use ’tämä’ or ’se’", "asianomainen": "say who",
    "suorittaa": "use the verb that says what is done", "informoida": "use ’kertoa’ or ’ilmoittaa’",
}
OFFICIALESE_SV = {
    "osalta": "ofta räcker kasusändelsen", "johdosta": "använd ’vuoksi’ eller ’takia’",
    "toimesta": "gör den som handlar till subjekt", "puitteissa": "använd kasus eller ’aikana’, ’mukaan’",
    "taholta": "säg vem", "mikäli": "använd ’jos’", "kyseessä": "säg direkt vad det gäller",
    "myötä": "använd ’kanssa’ eller ’takia’", "kyseinen": "använd ’tämä’ eller ’se’", "asianomainen": "säg vem",
    "suorittaa": "använd verbet som säger vad som görs", "informoida": "använd ’kertoa’ eller ’ilmoittaa’",
}


PLAIN_SV = "använd ett vanligt ord"


def _stock_key(word: str) -> str:
    low = word.lower()
    if low in OFFICIALESE_FORMS:
        return low
    for r in fi_morph.readings(word):
        if r.base.lower() in OFFICIALESE_BASES:
            return r.base.lower()
    return low


_NUM_WORDS = {2: "kahdeksi", 3: "kolmeksi", 4: "neljäksi", 5: "viideksi", 6: "kuudeksi"}
_ALPHA = re.compile(r"[^\W\d_]", re.UNICODE)


@dataclass(slots=True)
class W:
    """A word of a sentence with the facts the issues and metrics need (computed once per token)."""

    text: str
    tok: fi_morph.Token
    is_word: bool
    letters: int


def _words(sentence_tokens: tuple[str, ...]) -> list[W]:
    toks = fi_morph.analyse_sentence(list(sentence_tokens))
    return [W(t.text, t, is_word(t.text), len(_ALPHA.findall(t.text))) for t in toks]


def _clause_equivalent(t: fi_morph.Token) -> str:
    if t.text.lower() in CLAUSE_EQ_EXEMPT:
        return ""
    for r in t.chosen:
        if r.part == "past_passive" and r.case == "osanto" and r.px:
            return "temporaalinen"
        if r.mood == "E-infinitive":
            return "E-infinitiivi"
        if r.mood == "A-infinitive" and r.px:
            return "finaalinen"
        if r.part in ("present_active", "past_active") and r.px and r.case in ("omanto", "nimento"):
            return "referatiivinen"
    return ""


def _genitive_temporal(ws: list[W], i: int) -> bool:
    """"Lomakkeen saavuttua", "Päätöksen tultua voimaan": the partitive of the past passive participle without a
    possessive suffix, with its subject in the genitive right before it (VISK § 1266: temporaalirakenne). A
    partitive participle before a partitive noun is an attribute instead ("aiemmin tehtyä työtä")."""
    t = ws[i].tok
    if ws[i].text.lower() in CLAUSE_EQ_EXEMPT:
        return False
    if not t.any(lambda r: r.part == "past_passive" and r.case == "osanto" and not r.px and r.number != "plural"):
        return False
    if i == 0 or not ws[i - 1].is_word:
        return False
    prev = ws[i - 1].tok
    if not (prev.genitive and _is_noun(prev) or prev.every(lambda r: r.cls == "asemosana" and r.case == "omanto")):
        return False
    nxt = ws[i + 1].tok if i + 1 < len(ws) else None
    if nxt is not None and nxt.every(lambda r: r.case == "osanto" and r.number != "plural"
                                     and r.cls in fi_morph.NOUNISH and not r.part):
        return False
    return True


def _clause_equivalents(ws: list[W]) -> list[tuple[str, str, str]]:
    """(words, kind, rewrite or "") for each clause-equivalent of the sentence."""
    out = []
    for i, w in enumerate(ws):
        if not w.is_word:
            continue
        if _genitive_temporal(ws, i):
            subj = ws[i - 1]
            rw = fi_rewrite.temporal(subj.tok, w.tok) or ""
            if rw and not any(x.is_word for x in ws[:i - 1]):
                rw = rw[:1].upper() + rw[1:]  # the clause-equivalent opens the sentence: "Kun lomake on saapunut"
            out.append((f"{subj.text} {w.text}", "temporaalinen", rw))
            continue
        kind = _clause_equivalent(w.tok)
        if kind:
            rw = fi_rewrite.temporal(None, w.tok) if kind == "temporaalinen" else None
            if rw and not any(x.is_word for x in ws[:i]):
                rw = rw[:1].upper() + rw[1:]
            out.append((w.text, kind, rw or ""))
    return out


def _named_agent(ws: list[W], passives: list[W]) -> tuple[str, str] | None:
    """"viranomaisen toimesta tarkastetaan" -> ("viranomaisen toimesta", "viranomainen tarkastaa"): a passive
    whose agent the sentence names with "toimesta"/"taholta"; the rewrite when the active form checks out."""
    if not passives:
        return None
    for i, w in enumerate(ws):
        if w.text.lower() not in fi_rewrite.AGENT_WORDS or i == 0 or not ws[i - 1].tok.genitive:
            continue
        agent = ws[i - 1]
        # The passive verb of the agent phrase's own clause ("..., että asiakirjat toimitetaan" is another one).
        spans = fi_morph.clause_spans([x.text for x in ws], [x.tok for x in ws])
        a_, b_ = next(((a_, b_) for a_, b_ in spans if a_ <= i < b_), (0, len(ws)))
        own = [p for p in passives if a_ <= ws.index(p) < b_]
        if not own:
            continue
        verb = min(own, key=lambda p: abs(ws.index(p) - i))
        active = fi_rewrite.agent_active(agent.tok, verb.tok)
        if active:
            return f"{agent.text} {w.text}", active
    return None


def _ellipsis_start(first: str) -> str:
    """The end of the first sentence of a split ("… ennen tilaisuutta.")."""
    parts = first.split()
    return first if len(parts) <= 5 else "… " + " ".join(parts[-4:])


def _ellipsis_end(second: str) -> str:
    parts = second.split()
    return second if len(parts) <= 6 else " ".join(parts[:5]) + " …"


def _split_hint(n: int) -> str:
    k = max(2, math.ceil(n / TARGET_SENTENCE))
    return _NUM_WORDS.get(k, f"{k} osaksi")


def _long_compound(w: "W") -> bool:
    parts = w.tok.compound_parts
    return parts >= COMPOUND_PARTS + 1 or (parts >= COMPOUND_PARTS and w.letters >= COMPOUND_LETTERS)


class PageState:
    """What the analysis of one page remembers across its sentences (acronyms already explained or flagged)."""

    def __init__(self) -> None:
        self.acronyms_seen: set[str] = set()


def analyse_block(text: str, block: int, state: PageState, split_lines: bool = False) -> list[SentenceResult]:
    out = []
    for s in split_sentences(text, split_lines=split_lines):
        out.append(analyse_sentence(s.text, s.tokens, block, s.start, s.end, state))
    return out


def analyse_sentence(text: str, tokens: tuple[str, ...], block: int, start: int, end: int,
                     state: PageState) -> SentenceResult:
    ws = _words(tokens)
    words = [w for w in ws if w.is_word]
    n = len(words)
    issues: list[Issue] = []
    f: dict = {}
    # Metrics inputs ------------------------------------------------------------------------------------------
    f["long_words"] = sum(1 for w in words if w.letters > 6)
    long_base = 0
    for w in words:
        base = next(iter(w.tok.chosen), None)
        b = base.base if base is not None and base.base else w.text
        if _ALPHA.search(b) and fi_morph.syllables(b) >= 4:
            long_base += 1
    f["long_base_words"] = long_base
    f["letters"] = sum(w.letters for w in words)

    # PL-FI-1 long sentence: split at the main clause boundary when there is one
    if n > LONG_SENTENCE:
        k = _split_hint(n)
        cut = fi_rewrite.split_point([w.text for w in ws], [w.tok for w in ws])
        if cut is not None:
            first, second = fi_rewrite.split_text([w.text for w in ws], cut)
            sugg = f"{_ellipsis_start(first)} {_ellipsis_end(second)}"
            issues.append(Issue("PL-FI-1", msg(
                fi=f"Virkkeessä on {n} sanaa. Jaa se päälauseiden rajalta: ’{sugg}’.",
                en=f"The sentence has {n} words. Split it where its second main clause begins: ’{sugg}’.",
                sv=f"Meningen har {n} ord. Dela den där den andra huvudsatsen börjar: ’{sugg}’."),
                (ws[cut].text,), sugg))
        else:
            subs = [w.text for w in words if w.text.lower() in fi_morph.CLAUSE_WORDS
                    or w.tok.every(lambda r: r.base in ("joka", "mikä"))]
            where_fi = f" Siinä on sivulauseita ({join_evidence(subs)}): tee niistä omia virkkeitä." if subs else ""
            where_en = f" It has subordinate clauses ({join_evidence(subs)}): make them sentences of their own." \
                if subs else ""
            where_sv = f" Den har bisatser ({join_evidence(subs)}): gör dem till egna meningar." if subs else ""
            issues.append(Issue("PL-FI-1", msg(
                fi=f"Virkkeessä on {n} sanaa. Jaa se {k} virkkeeksi: yksi asia yhdessä virkkeessä.{where_fi}",
                en=f"The sentence has {n} words. Split it into {max(2, math.ceil(n / TARGET_SENTENCE))} "
                   f"sentences, one point in each.{where_en}",
                sv=f"Meningen har {n} ord. Dela den i {max(2, math.ceil(n / TARGET_SENTENCE))} meningar med en "
                   f"sak i varje.{where_sv}"), tuple(subs)))
    # PL-FI-2 long compounds
    comps = [w.text for w in words if w.tok.known and _long_compound(w)]
    f["long_compounds"] = len(comps)
    if comps:
        ev = join_evidence(comps)
        issues.append(Issue("PL-FI-2", msg(
            fi=f"Pitkä yhdyssana {ev}. Avaa se useammaksi sanaksi: pane viimeinen osa ensin ja kerro muut osat "
               f"sen määritteinä.",
            en=f"Long compound {ev}. Open it into a phrase: put its last part first and the other parts after it "
               f"as modifiers.",
            sv=f"Långt sammansatt ord {ev}. Skriv det som en fras: sätt sista leden först och de andra som "
               f"bestämningar."), tuple(comps)))
    # PL-FI-3 passive (named agent -> active verb from the sentence's own words)
    passive_toks = [w for w in words if w.tok.every(lambda r: r.person == "4")]
    passives = [w.text for w in passive_toks]
    f["passives"] = len(passives)
    agent = _named_agent(ws, passive_toks)
    if len(passives) >= PASSIVES or agent:
        ev = join_evidence(passives)
        if agent:
            (agent_words, rewrite) = agent
            issues.append(Issue("PL-FI-3", msg(
                fi=f"Passiivi, jonka tekijä on nimetty (’{agent_words}’). Kirjoita tekijä subjektiksi: "
                   f"’{rewrite}’.",
                en=f"A passive whose agent is named (’{agent_words}’). Make the agent the subject: ’{rewrite}’.",
                sv=f"Passiv form där den som handlar nämns (’{agent_words}’). Gör den till subjekt: ’{rewrite}’."),
                tuple(passives) or (agent_words,), rewrite))
        else:
            issues.append(Issue("PL-FI-3", msg(
                fi=f"Virkkeessä on {len(passives)} passiivimuotoa ({ev}). Kerro, kuka tekee: kirjoita tekijä "
                   f"verbien {ev} subjektiksi (’me’, viraston nimi), tai puhuttele lukijaa.",
                en=f"The sentence has {len(passives)} passive verbs ({ev}). Say who acts: make the actor the "
                   f"subject of {ev} (’we’, the agency's name), or address the reader.",
                sv=f"Meningen har {len(passives)} passiva verb ({ev}). Säg vem som gör vad: gör den som handlar "
                   f"till subjekt för {ev} (’vi’, myndighetens namn), eller tilltala läsaren."), tuple(passives)))
    # PL-FI-4 nominal style: the weight counted is the weight compared (and reported as nominals_per_100)
    noms = [w for w in words if w.tok.deverbal in NOMINAL_WEIGHT]
    weight = sum(NOMINAL_WEIGHT[w.tok.deverbal] for w in noms)
    f["nominals"] = weight
    f["minen_nouns"] = sum(1 for w in noms if w.tok.deverbal == "minen")
    if weight >= NOMINALS:
        ev = join_evidence([w.text for w in noms])
        verbs = [next(iter(w.tok.chosen)).verb or next(iter(w.tok.chosen)).base for w in noms
                 if w.tok.deverbal == "minen"]
        vv = join_evidence(verbs)
        hint_fi = f" Käytä verbiä: {vv}." if verbs else " Käytä verbiä."
        hint_en = f" Use the verb: {vv}." if verbs else " Use the verb."
        hint_sv = f" Använd verbet: {vv}." if verbs else " Använd verbet."
        weight_s = f"{weight:g}".replace(".", ",")
        issues.append(Issue("PL-FI-4", msg(
            fi=f"Substantiivityyliä: {ev} (teonnimiä {weight_s}; raja {NOMINALS}).{hint_fi}",
            en=f"Nominal style: {ev} (action nouns {weight:g}; limit {NOMINALS}).{hint_en}",
            sv=f"Substantivsjuka: {ev} (verbalsubstantiv {weight_s}; gräns {NOMINALS}).{hint_sv}"),
            tuple(w.text for w in noms)))
    # PL-FI-5 clause-equivalents (the temporal one rewritten with "kun" from its own words)
    ceq = _clause_equivalents(ws)
    f["clause_equivalents"] = len(ceq)
    if ceq:
        kinds = ", ".join(dict.fromkeys(k for _, k, _ in ceq))
        ev = join_evidence([w for w, _, _ in ceq])
        rewrites = [(w, r) for w, _, r in ceq if r]
        if rewrites:
            rw = "; ".join(f"’{w}’ → ’{r}’" for w, r in rewrites[:3])
            issues.append(Issue("PL-FI-5", msg(
                fi=f"Lauseenvastike {ev} ({kinds}). Kirjoita se sivulauseeksi: {rw}.",
                en=f"Clause-equivalent {ev} ({kinds}). Write it as a clause: {rw}.",
                sv=f"Satsförkortning {ev} ({kinds}). Skriv den som en bisats: {rw}."),
                tuple(w for w, _, _ in ceq), rewrites[0][1]))
        else:
            issues.append(Issue("PL-FI-5", msg(
                fi=f"Lauseenvastike {ev} ({kinds}). Kirjoita se sivulauseeksi, jolla on oma verbi ja tekijä "
                   f"(kun, jotta, että).",
                en=f"Clause-equivalent {ev} ({kinds}). Write it as a clause with its own verb and subject "
                   f"(kun, jotta, että).",
                sv=f"Satsförkortning {ev} ({kinds}). Skriv den som en bisats med eget verb och subjekt "
                   f"(kun, jotta, että)."), tuple(w for w, _, _ in ceq)))
    # PL-FI-6 agent participles and long premodifiers
    agents = _agent_phrases(ws)
    chains = _premodifier_chains(ws)
    f["agent_participles"] = len(agents)
    f["premodifier_chains"] = len(chains)
    if agents or chains:
        ev = join_evidence(list(agents) + list(chains), 3)
        issues.append(Issue("PL-FI-6", msg(
            fi=f"Pitkä määrite substantiivin edessä: {ev}. Siirrä se substantiivin jälkeen relatiivilauseeksi "
               f"(’…, jonka …’).",
            en=f"Long modifier before its noun: {ev}. Move it after the noun as a relative clause (’…, jonka …’).",
            sv=f"Lång bestämning före substantivet: {ev}. Flytta den efter substantivet som en relativsats "
               f"(’…, jonka …’)."), tuple(agents) + tuple(chains)))
    # PL-FI-7 genitive chains
    gchains = _genitive_chains(ws)
    f["genitive_chains"] = len(gchains)
    if gchains:
        ev = join_evidence(gchains, 2)
        issues.append(Issue("PL-FI-7", msg(
            fi=f"Genetiiviketju {ev}. Pura ketju verbillä tai jaa se kahteen lauseeseen.",
            en=f"Genitive chain {ev}. Break it up with a verb or into two clauses.",
            sv=f"Genitivkedja {ev}. Bryt upp den med ett verb eller i två satser."), tuple(gchains)))
    # PL-FI-8 negation chains
    negs = [w.text for w in words if _negative(w.tok)]
    f["negations"] = len(negs)
    negs = _negation_chain(ws)
    if negs:
        ev = join_evidence(negs)
        issues.append(Issue("PL-FI-8", msg(
            fi=f"Virkkeessä on {len(negs)} kieltoa ({ev}). Sano asia myönteisesti.",
            en=f"The sentence has {len(negs)} negations ({ev}). Say it positively.",
            sv=f"Meningen har {len(negs)} negationer ({ev}). Säg det positivt."), tuple(negs)))
    # PL-FI-9 abbreviations and unexplained acronyms
    abbrevs = []
    explained = _explained_acronyms(tokens)
    state.acronyms_seen |= explained
    for w in words:
        low = w.text.lower()
        if low in ABBREV_FULL and ABBREV_FULL[low]:
            abbrevs.append((w.text, ABBREV_FULL[low]))
        elif _ACRONYM.match(w.text):
            acr = w.text.split(":")[0]
            if acr not in KNOWN_ACRONYMS and acr not in state.acronyms_seen:
                state.acronyms_seen.add(acr)
                abbrevs.append((w.text, ""))
    f["abbreviations"] = len(abbrevs)
    if abbrevs:
        full = "; ".join(f"’{a}’ → ’{x}’" for a, x in abbrevs[:4] if x)
        unexplained = join_evidence([a for a, x in abbrevs if not x])
        fi_parts = ([f"kirjoita auki: {full}"] if full else []) + \
            ([f"selitä lyhenne {unexplained}, kun se esiintyy ensimmäisen kerran"] if unexplained else [])
        en_parts = ([f"write in full: {full}"] if full else []) + \
            ([f"explain {unexplained} at its first use"] if unexplained else [])
        sv_parts = ([f"skriv ut: {full}"] if full else []) + \
            ([f"förklara {unexplained} första gången"] if unexplained else [])
        issues.append(Issue("PL-FI-9", msg(fi="Lyhenne: " + "; ".join(fi_parts) + ".",
                                           en="Abbreviation: " + "; ".join(en_parts) + ".",
                                           sv="Förkortning: " + "; ".join(sv_parts) + "."),
                            tuple(a for a, _ in abbrevs)))
    # PL-FI-10 words Voikko does not know
    unknown = [w.text for w in words if _unknown(w)]
    f["unknown_words"] = len(unknown)
    if unknown:
        ev = join_evidence(unknown)
        issues.append(Issue("PL-FI-10", msg(
            fi=f"Sanakirja ei tunne sanaa {ev}. Tarkista kirjoitusasu; jos se on erikoissana, käytä yleiskielistä "
               f"sanaa tai selitä se.",
            en=f"The dictionary does not know {ev}. Check the spelling; if it is a special term, use a common word "
               f"or explain it.",
            sv=f"Ordboken känner inte till {ev}. Kontrollera stavningen; om det är en fackterm, använd ett vanligt "
               f"ord eller förklara den."), tuple(unknown)))
    # PL-FI-11 stock officialese
    stock = _officialese(words)
    f["officialese"] = len(stock)
    if stock:
        toimesta = next((a for a in [agent] if a and any(w.lower() in fi_rewrite.AGENT_WORDS for w, _ in stock)),
                        None)
        extra_fi = f" Tässä: ’{toimesta[1]}’." if toimesta else ""
        extra_en = f" Here: ’{toimesta[1]}’." if toimesta else ""
        extra_sv = f" Här: ’{toimesta[1]}’." if toimesta else ""
        issues.append(Issue("PL-FI-11", msg(
            fi="Virkakielen kliseitä: " + "; ".join(f"’{w}’: {sg}" for w, sg in stock[:3]) + "." + extra_fi,
            en="Stock officialese: " + "; ".join(f"’{w}’ ({OFFICIALESE_EN.get(_stock_key(w), 'use a plain word')})"
                                                  for w, _ in stock[:3]) + "." + extra_en,
            sv="Myndighetsklichéer: " + "; ".join(f"’{w}’ ({OFFICIALESE_SV.get(_stock_key(w), PLAIN_SV)})"
                                                   for w, _ in stock[:3]) + "." + extra_sv),
            tuple(w for w, _ in stock)))
    # PL-FI-12 the reader is not addressed: an instruction as an impersonal obligation
    address = any(w.tok.second_person or w.tok.imperative for w in words)
    f["addresses_reader"] = address
    obligations = _obligations(ws)
    f["impersonal_obligations"] = len(obligations)
    if obligations and not address:
        ev = join_evidence(obligations)
        issues.append(Issue("PL-FI-12", msg(
            fi=f"Ohje on kirjoitettu persoonattomasti ({ev}). Puhuttele lukijaa: käytä käskymuotoa tai "
               f"’sinun pitää …’.",
            en=f"The instruction is impersonal ({ev}). Address the reader: use the imperative or ’sinun pitää …’.",
            sv=f"Instruktionen är opersonlig ({ev}). Tilltala läsaren: använd imperativ eller ’sinun pitää …’."),
            tuple(obligations)))
    return SentenceResult(text=text, block=block, start=start, end=end, words=n, issues=issues, features=f)


def _negative(t: fi_morph.Token) -> bool:
    if t.negation:
        return True
    if t.text.lower().startswith("epä") and t.compound_parts >= 2:
        return True
    return t.every(lambda r: r.cls == "laatusana" and r.base.lower().endswith(("ton", "tön")))


def _negation_chain(ws: list[W]) -> list[str]:
    """The negations of the first clause that has NEGATIONS or more of them."""
    for a, b in fi_morph.clause_spans([w.text for w in ws], [w.tok for w in ws]):
        negs = [w.text for w in ws[a:b] if w.is_word and _negative(w.tok)]
        if len(negs) >= NEGATIONS:
            return negs
    return []


def _agent_phrases(ws: list[W]) -> list[str]:
    """Agent participles with a noun agent before them ("kunnan tekemä päätös"); a possessive suffix alone
    ("saamasi vastaus") reads easily and is not counted."""
    out = []
    for i, w in enumerate(ws):
        if w.is_word and w.tok.participle == "Agt" and i > 0:
            prev = ws[i - 1]
            if prev.is_word and prev.tok.genitive and _is_noun(prev.tok):
                out.append(f"{prev.text} {w.text}")
    return out


def _unknown(w: W) -> bool:
    t = w.text
    if w.tok.known or w.letters < 3 or not t[:1].islower() or any(c.isdigit() for c in t):
        return False
    if "@" in t or "/" in t or "." in t.rstrip("."):
        return False
    return True


def _explained_acronyms(tokens: tuple[str, ...]) -> set[str]:
    """Acronyms in parentheses right after their long form ("Kansaneläkelaitos (Kela)") count as explained."""
    out = set()
    for i in range(1, len(tokens) - 1):
        if tokens[i - 1] == "(" and tokens[i + 1] == ")" and _ACRONYM.match(tokens[i]):
            out.add(tokens[i].split(":")[0])
    return out


def _officialese(words: list[W]) -> list[tuple[str, str]]:
    out = []
    for w in words:
        low = w.text.lower()
        if low in OFFICIALESE_FORMS:
            out.append((w.text, OFFICIALESE_FORMS[low]))
            continue
        for b in w.tok.bases:
            if b in OFFICIALESE_BASES and OFFICIALESE_BASES[b]:
                out.append((w.text, OFFICIALESE_BASES[b]))
                break
    return out


def _is_noun(t: fi_morph.Token) -> bool:
    return t.any(lambda r: r.cls in ("nimisana", "etunimi", "sukunimi", "paikannimi", "nimi", "lyhenne")
                 and not r.part and not r.mood) or t.guess_gen


def _genitive_chains(ws: list[W]) -> list[str]:
    """Runs of genitive nouns (genitive adjectives and pronouns inside the run do not break it)."""
    chains, run, nouns = [], [], 0
    for w in ws + [W(".", fi_morph.Token(".", (), ()), False, 0)]:
        t = w.tok
        if w.is_word and t.genitive and t.every(lambda r: r.case == "omanto") or (w.is_word and t.guess_gen):
            run.append(w.text)
            if _is_noun(t):
                nouns += 1
            continue
        if nouns >= GENITIVE_CHAIN:
            chains.append(" ".join(run))
        run, nouns = [], 0
    return chains


def _premodifier_chains(ws: list[W]) -> list[str]:
    """A participle in front of its head noun with a long phrase of its own before it: "viime vuonna voimaan
    tullut laki". Counted: words before the participle back to a clause boundary, finite verb or another head."""
    out = []
    for i, w in enumerate(ws[:-1]):
        p = w.tok.participle
        if not p or not w.is_word:
            continue
        head = ws[i + 1]
        cases = {r.case for r in w.tok.chosen if r.part}
        if not head.is_word or not _is_noun(head.tok) or not head.tok.any(lambda r: r.case in cases):
            continue
        j, n = i - 1, 0
        while j >= 0:
            x = ws[j]
            if not x.is_word or x.tok.finite or x.text.lower() in fi_morph.CLAUSE_WORDS \
                    or x.tok.any(lambda r: r.base in ("joka", "mikä")):
                break
            n += 1
            j -= 1
        if n >= PREMODIFIER_WORDS:
            out.append(" ".join(x.text for x in ws[j + 1:i + 2]))
    return out


def _obligations(ws: list[W]) -> list[str]:
    """Impersonal obligations: "tulee + A-infinitive" ("hakemus tulee lähettää") and "on + -ttava"
    ("hakemus on lähetettävä"), Kotus: write instructions to the reader instead."""
    out = []
    for i, w in enumerate(ws[:-1]):
        low = w.text.lower()
        nxt = ws[i + 1]
        if low in ("tulee", "tulisi") and nxt.tok.infinitive == "1":
            out.append(f"{w.text} {nxt.text}")
        elif low in ("on", "ovat", "olisi") and nxt.tok.any(
                lambda r: r.part == "present_passive" and r.case == "nimento"):
            out.append(f"{w.text} {nxt.text}")
    return out
