"""Finnish morphology from Voikko: every reading of a word form, cached per form, then chosen in context.

Voikko's `analyze()` returns all readings of a form without ranking them ("ottaa" is both 3rd person present and
A-infinitive; "toivon" both "I hope" and the genitive of "toivo"). Taking the first reading, or any reading, is
wrong often enough to matter (measured on UD Finnish-TDT dev: "any reading" gives infinitive precision 0.69,
participle 0.61). `analyse_sentence()` therefore looks at every reading and chooses with a few rules that a
grammar states (VISK, Iso suomen kielioppi), each small and named:

  closed class first   a pronoun, conjunction, adposition or adverb reading wins over a rare content-word one
                       ("siitä" is "se" in elative, not the verb "siitää")
  lexicalised forms    participles and infinitive forms that are now adjectives, adverbs or adpositions
                       ("merkittävä", "seuraavasti", "lähtien", "paljon") lose their verbal or genitive reading
  one finite verb      a clause has one finite verb: once a clause has an unambiguous finite verb, an ambiguous
                       word there takes its non-finite reading (infinitive, participle, noun); otherwise the first
                       ambiguous word is the finite verb
  connegative          after a negation verb ("ei tehdä") the passive connegative reading wins over the
                       A-infinitive
  unknown words        a word Voikko does not know gets a guess only for the genitive of names and abbreviations
                       ("Iglesiaksen", "EY:n"), which the Wiio and genitive-chain counts need

`make eval-text` checks the result against the hand-checked morphology of UD Finnish-TDT (bench/eval_text.py).
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

FINITE_MOODS = frozenset({"indicative", "conditional", "imperative", "potential"})
INF_FORMS = {"A-infinitive": "1", "E-infinitive": "2", "MA-infinitive": "3"}
PART_FORMS = {"present_active": "Pres", "present_passive": "Pres", "past_active": "Past",
              "past_passive": "Past", "agent": "Agt", "negation": "Neg"}
# Interjections are left out: "voi" is far more often the verb than the interjection.
CLOSED_CLASSES = frozenset({"asemosana", "sidesana", "suhdesana", "kieltosana", "seikkasana"})
NOUNISH = frozenset({"nimisana", "laatusana", "nimisana_laatusana", "asemosana", "lukusana", "etunimi", "sukunimi",
                     "paikannimi", "nimi", "lyhenne"})
PROPER = frozenset({"etunimi", "sukunimi", "paikannimi", "nimi"})

# Lexicalised participles: in dictionaries (Kielitoimiston sanakirja) these are adjectives of their own, and UD
# Finnish tags them ADJ without VerbForm=Part; for plain language they are ordinary adjectives, not a participle
# construction. Base forms; comparison and case forms follow.
LEXICALISED_PARTICIPLES = frozenset("""
seuraava merkittävä tietty pysyvä elävä haastava jatkuva sopiva vastaava kiinnostava yllättävä uhkaava
orastava kantava tarvittava oikeutettu olematon koskematon liikkumaton valitettava toivottava huomattava
luotettava kunnioitettava uskottava kiitettävä ikimuistettava sallittu sanottu suosittu laskelmoitu hajautettu
keskitetty armoitettu tunnettu kuuluisa onnistunut väsynyt rakastava luultava riittävä kohtuullinen
vaativa jännittävä innostava hämmästyttävä mahdoton tavaton ajaton mieletön loputon lukematon
asiantunteva kattava tehokas nykyinen kestävä näkyvä palkittu koulutettu ammattitaitoinen ehdoton
määrätty erillinen avoin suljettu kielletty suositeltava merkitty tarpeeton
""".split())
# Genitive-looking words that are adverbs or adpositions in use (VISK § 666, § 1121): never a genitive.
GEN_ADVERBS = frozenset("""
paljon vähän enemmän vähemmän liian kerran kaikkein pian hiukan hieman turhan mahdollisimman suhteellisen
vallan kunnon tarpeen ilman suhteen kesken kautta aikana avulla jälkeen ennen vuoksi takia lisäksi ohella
kanssa sijaan asemesta puolesta vastaan mukaan alle ylle läpi yli ympäri varten toisin kovin aivan
""".split())
# E- and MA-infinitive forms used as adpositions or adverbs ("vuodesta 2020 lähtien", "siitä huolimatta").
LEXICALISED_INFINITIVES = frozenset("""
lähtien mennessä huolimatta kieltämättä alkaen päättyen riippumatta
suorastaan nähtävästi välttämättä ollenkaan ollen
""".split())
# Nouns and adjectives that take an A-infinitive complement (VISK § 1521-1522: "mahdollisuus toimia", "on hyvä
# tutkia", "kykyä tyydyttää"): after them an infinitive/nominal ambiguity is read as the infinitive.
INF_GOVERNORS = frozenset("""
mahdollisuus tarve kyky oikeus velvollisuus tarkoitus halu aika syy lupa pakko tapa päätös into tehtävä keino
yritys rohkeus voima taito hyvä helppo vaikea järkevä tärkeä mahdoton mahdollinen tarpeellinen välttämätön hauska
kiva ihana mukava turvallinen valmis syytä tarpeen kiinnostava hyödyllinen kannattava vaarallinen
""".split())
# Negation verbs whose following verb is a connegative, not an imperative ("ei ole", "en voi"): the negative
# imperative "älä tee" keeps its imperative (it addresses the reader).
NEG_INDICATIVE = frozenset("ei en et emme ette eivät eikä enkä etkä emmekä ettekä eivätkä ellei ettei jottei".split())
# Words that begin a new clause: subordinating and coordinating conjunctions (relative pronouns are found from
# their readings).
CLAUSE_WORDS = frozenset("""
ja tai sekä mutta vaan että kun jos koska jotta vaikka kunnes mikäli jolloin joten eli sillä ellei ettei
jottei kuin kuten vai
""".split())
PUNCT_BREAK = frozenset(",;:()[]–—\"”“'«»")
# Verbs that take an A-infinitive complement (VISK § 1506-1509: modal and phase verbs).
MODALS = frozenset("""voida pitää täytyy tulla saada haluta aikoa alkaa yrittää joutua pystyä osata kannattaa
ehtiä jaksaa uskaltaa viitsiä tarvita""".split())
NEG_SKIP = frozenset("enää vielä kuitenkaan myöskään koskaan siis ole kyllä tosin välttämättä aina".split())


class Reading(NamedTuple):
    cls: str
    base: str
    case: str
    number: str
    person: str
    mood: str
    part: str
    px: str
    negative: str
    parts: int  # compound parts, from STRUCTURE ("=ppp=ppp" -> 2)
    deverbal: str  # "minen", "us", "ys", "u", "y", "o", "ö" when derived from a verb, else ""
    abbr: bool
    verb: str = ""  # the verb a participle or infinitive is formed from ("saavuttua" -> "saapua"), from WORDBASES


# "-us/-ys" action nouns derived from a verb ("tarkastus" < tarkastaa, "käsittely" < käsitellä): the last
# derivation in WORDBASES, with a base that Voikko itself reads as a verb.
_DEVERBAL = re.compile(r"\(([^()+]+)\)\+(us|ys|y|u)\(\+\2\)$")


def _reading(r: dict[str, str]) -> Reading:
    mood = r.get("MOOD", "")
    structure = r.get("STRUCTURE", "")
    dev = ""
    if mood == "MINEN-infinitive":
        dev = "minen"
    else:
        m = _DEVERBAL.search(r.get("WORDBASES", ""))
        if m and m.group(2) in ("us", "ys") and _is_verb(m.group(1)):
            dev = m.group(2)
    return Reading(
        cls=r.get("CLASS", ""), base=r.get("BASEFORM", ""), case=r.get("SIJAMUOTO", ""),
        number=r.get("NUMBER", ""), person=r.get("PERSON", ""), mood=mood,
        part=r.get("PARTICIPLE", ""), px=r.get("POSSESSIVE", ""), negative=r.get("NEGATIVE", ""),
        parts=max(1, structure.count("=")), deverbal=dev, abbr=r.get("CLASS") == "lyhenne",
        verb=_verb_of(r),
    )


_FIRST_BASE = re.compile(r"\(([^()+]+)\)")


def _verb_of(r: dict[str, str]) -> str:
    if r.get("CLASS") == "teonsana":
        return r.get("BASEFORM", "")
    if r.get("PARTICIPLE") or r.get("MOOD"):
        wb = r.get("WORDBASES", "")
        # A verb derived from another ("+valmist(valmistaa)u(+ua)+t+tu(+tu)" is "valmistua", not "valmistaa"):
        # a derivational suffix follows the base's group directly; its own infinitive is not in WORDBASES, so
        # none is given.
        first = wb.find(")")
        if wb.count("(+") > 1 or (first >= 0 and wb[first + 1:first + 2] not in ("+", "")):
            return ""
        m = _FIRST_BASE.search(wb)
        return m.group(1) if m else ""
    return ""


@lru_cache(maxsize=20_000)
def _is_verb(base: str) -> bool:
    return any(r.get("CLASS") == "teonsana" and r.get("BASEFORM") == base for r in voikko().analyze(base))


class VoikkoUnavailable(RuntimeError):
    pass


_local = threading.local()


def voikko():
    """One Voikko handle per thread (libvoikko handles are not thread-safe)."""
    v = getattr(_local, "voikko", None)
    if v is None:
        try:
            import libvoikko

            v = libvoikko.Voikko("fi")
        except Exception as exc:
            raise VoikkoUnavailable(
                f"Finnish analysis needs Voikko ({type(exc).__name__}: {exc}). Install it with: "
                "sudo apt-get install libvoikko1 voikko-fi") from None
        _local.voikko = v
    return v


# Cache per word form: a page repeats its words, and Finnish text of 10,000 words has about 4,000 forms. The
# bound keeps a long crawl's memory flat (about 60 MB at the bound, measured with bench/bench_text.py).
CACHE_SIZE = 200_000


# "tulossa", "menossa" are read by Voikko only as inessives of the nouns "tulo", "meno"; in use they are the
# MA-infinitive ("on tulossa" = "on tulemassa", VISK § 1547).
MA_INESSIVES = {"tulossa": "tulla", "menossa": "mennä", "lähdössä": "lähteä"}


@lru_cache(maxsize=CACHE_SIZE)
def readings(word: str) -> tuple[Reading, ...]:
    """Every Voikko reading of a word form (the lower-cased form is tried when the form itself has none)."""
    v = voikko()
    res = v.analyze(word)
    if not res and word[:1].isupper():
        res = v.analyze(word.lower())
    out = [_reading(r) for r in res]
    base = MA_INESSIVES.get(word.lower())
    if base:
        out.insert(0, Reading("teonsana", base, "sisaolento", "", "", "MA-infinitive", "", "", "", 1, "", False))
    return tuple(dict.fromkeys(out))


# libvoikko's hyphenator segfaults on words longer than LIBVOIKKO_MAX_WORD_CHARS (255, voikko/setup.hpp);
# such "words" are URLs or run-together strings, never Finnish words: they are returned unhyphenated.
MAX_WORD_CHARS = 255


@lru_cache(maxsize=CACHE_SIZE)
def hyphenate(word: str) -> str:
    if len(word) > MAX_WORD_CHARS:
        return word
    return voikko().hyphenate(word)


@lru_cache(maxsize=CACHE_SIZE)
def syllables(word: str) -> int:
    """Syllables of a word from Voikko's hyphenation (compound boundaries count as syllable boundaries)."""
    h = hyphenate(word.lower())
    return sum(1 for part in re.split(r"[-=]", h) if part and re.search(r"[aeiouyäöå]", part)) or 1


def is_finite(r: Reading) -> bool:
    return r.mood in FINITE_MOODS and r.cls in ("teonsana", "kieltosana")


@dataclass
class Token:
    """One word of a sentence with the readings chosen in context (all readings kept in `all`)."""

    text: str
    all: tuple[Reading, ...]
    chosen: tuple[Reading, ...]
    guess_gen: bool = False
    connegative: bool = False

    @property
    def known(self) -> bool:
        return bool(self.all)

    def any(self, pred) -> bool:
        return any(pred(r) for r in self.chosen)

    def every(self, pred) -> bool:
        return bool(self.chosen) and all(pred(r) for r in self.chosen)

    # Features the detectors and rules read. Each decides on the readings left after disambiguation.
    @property
    def passive(self) -> bool:
        return self.every(lambda r: r.person == "4" or r.part in ("present_passive", "past_passive"))

    @property
    def participle(self) -> str:
        """Pres, Past or Agt. The -maton/-mätön form ("tekemätön") is left out, as UD Finnish and dictionaries
        treat it as an adjective; it still counts as a negation (`negation`)."""
        forms = {PART_FORMS[r.part] for r in self.chosen if r.part and r.part != "negation"}
        return forms.pop() if len(forms) == 1 and self.every(lambda r: bool(r.part)) else ""

    @property
    def infinitive(self) -> str:
        forms = {INF_FORMS[r.mood] for r in self.chosen if r.mood in INF_FORMS}
        return forms.pop() if len(forms) == 1 else ""

    @property
    def genitive(self) -> bool:
        return self.guess_gen or self.any(lambda r: r.case == "omanto")

    @property
    def finite(self) -> bool:
        return self.every(is_finite)

    @property
    def negation(self) -> bool:
        """A negation verb, a -matta form (MA-infinitive abessive) or a -maton participle."""
        return self.every(lambda r: r.cls == "kieltosana" or r.part == "negation"
                          or (r.mood == "MA-infinitive" and r.case == "vajanto"))

    @property
    def second_person(self) -> bool:
        return self.any(lambda r: r.person == "2" and (is_finite(r)))

    @property
    def imperative(self) -> bool:
        return self.any(lambda r: r.mood == "imperative")

    @property
    def compound_parts(self) -> int:
        return min((r.parts for r in self.chosen), default=1)

    @property
    def deverbal(self) -> str:
        devs = {r.deverbal for r in self.chosen}
        return devs.pop() if len(devs) == 1 else ""

    @property
    def abbreviation(self) -> bool:
        return self.any(lambda r: r.abbr)

    @property
    def bases(self) -> frozenset[str]:
        return frozenset(r.base.lower() for r in self.chosen)

    @property
    def proper(self) -> bool:
        return self.any(lambda r: r.cls in PROPER)


def _static_filter(word: str, rs: tuple[Reading, ...]) -> tuple[Reading, ...]:
    low = word.lower()
    if low in GEN_ADVERBS:
        kept = tuple(r for r in rs if r.case != "omanto")
        rs = kept or tuple(r._replace(case="", cls="seikkasana") for r in rs[:1])
    if low in LEXICALISED_INFINITIVES:
        kept = tuple(r for r in rs if r.mood not in INF_FORMS and not r.part)
        rs = kept or tuple(r._replace(mood="", part="", cls="suhdesana") for r in rs[:1])
    # The MA-infinitive instructive ("elämän", "tekemän") is archaic (VISK § 1550), and "voida" has no
    # MA-infinitive in use: "voimassa", "voimaan" are the noun "voima" ("tulla voimaan").
    kept = tuple(r for r in rs if not (r.mood == "MA-infinitive" and (
        r.case == "keinonto" or (r.base == "voida" and r.case != "vajanto"))))
    rs = kept or rs
    closed = tuple(r for r in rs if r.cls in CLOSED_CLASSES)
    if closed and len(closed) < len(rs):
        rs = closed
    out = []
    for r in rs:
        if r.part and (r.base.lower() in LEXICALISED_PARTICIPLES or r.case == "kerrontosti"):
            r = r._replace(part="", cls="laatusana")
        out.append(r)
    return tuple(dict.fromkeys(out))


def _clause_initial(clause: list[Token], k: int) -> bool:
    return k == 0 or (k == 1 and clause[0].text.lower() in ("ja", "tai", "sekä", "sitten", "ja/tai"))


def _connegatives(toks: list[Token]) -> None:
    """After "ei", "en", "emme" ... the verb is a connegative ("ei ole", "en voi"): Voikko reads "ole", "voi",
    "tee" as the imperative, which would make "mikäli niitä ei ole toimitettu" address the reader. The reading
    becomes a (non-imperative) negative indicative; "älä tee" stays imperative."""
    for i, t in enumerate(toks):
        if t.text.lower() not in NEG_INDICATIVE or not t.any(lambda r: r.cls == "kieltosana"):
            continue
        j = i + 1
        while j < len(toks) and (toks[j].text.lower() in NEG_SKIP - {"ole"} or
                                 toks[j].every(lambda r: r.cls in ("seikkasana", "asemosana"))
                                 and toks[j].text.lower() not in ("ole",)):
            j += 1
        if j < len(toks) and toks[j].any(lambda r: r.mood == "imperative"):
            u = toks[j]
            u.chosen = tuple(r._replace(mood="indicative", person="", negative="true")
                             if r.mood == "imperative" and r.person == "2" else r for r in u.chosen)
            u.connegative = True


def _is_negation_verb(t: Token) -> bool:
    return t.every(lambda r: r.cls == "kieltosana")


def _prev_word(toks: list[Token], i: int) -> Token | None:
    j = i - 1
    while j >= 0 and (toks[j].text.lower() in NEG_SKIP or toks[j].every(lambda r: r.cls == "seikkasana")):
        j -= 1
    return toks[j] if j >= 0 and toks[j].chosen else None


def _infinitive_or_nominal(toks: list[Token], i: int, t: Token) -> None:
    """An infinitive reading beside a nominal one ("maksaa" verb or "maksa" partitive; "katsomaan" MA-infinitive
    or agent participle): the infinitive when a verb governs it (VISK § 1509: infinitives are complements of
    verbs), the agent participle when a genitive agent stands before it ("hakijan jättämä")."""
    inf = tuple(r for r in t.chosen if r.mood in INF_FORMS)
    other = tuple(r for r in t.chosen if r.mood not in INF_FORMS and not is_finite(r))
    if not inf or not other:
        return
    prev = _prev_word(toks, i)
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    agent = tuple(r for r in other if r.part == "agent")
    fin = tuple(r for r in t.chosen if is_finite(r))
    if agent and _has_agent(toks, i, agent) and nxt is not None and nxt.any(
            lambda r: r.cls in NOUNISH and not r.mood and any(a.case == r.case for a in agent)):
        # An agent participle agrees with its head noun: "Damaskolaisen kirjoittamaan hymniin".
        t.chosen = agent + fin
    elif prev is not None and (prev.any(lambda r: r.cls in ("teonsana", "kieltosana") or bool(r.part)
                                        or r.base.lower() in INF_GOVERNORS)
                               or _coordinated_infinitive(toks, i)):
        t.chosen = inf + fin
    elif any(r.mood == "MA-infinitive" for r in inf) and not any(r.cls == "nimisana" and not r.part for r in other):
        t.chosen = inf + fin
    else:
        t.chosen = other + fin


def _has_agent(toks: list[Token], i: int, agent: tuple[Reading, ...]) -> bool:
    """An agent participle always has its agent: a genitive right before it ("hakijan jättämä") or a possessive
    suffix ("jättämäsi"), VISK § 522. Without one, "-maan", "-massa" is the MA-infinitive ("joudun nousemaan")."""
    if any(r.px for r in agent):
        return True
    j = i - 1
    while j >= 0 and toks[j].every(lambda r: r.cls == "seikkasana"):
        j -= 1
    return j >= 0 and toks[j].genitive


def _agent_or_nominal(toks: list[Token], i: int, t: Token) -> None:
    """"esittämistä" is the -minen noun in the partitive or the agent participle in the plural elative: without an
    agent before it and a head noun after it, the agent reading goes ("todistusten esittämistä" is nominal
    style, not "from those presented by the certificates")."""
    agent = tuple(r for r in t.chosen if r.part == "agent")
    if not agent or len(agent) == len(t.chosen):
        return
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    heads = nxt is not None and nxt.any(
        lambda r: r.cls in NOUNISH and not r.mood and any(a.case == r.case for a in agent))
    predicative = any(a.case in ("nimento", "osanto") and a.number != "plural" for a in agent)
    if not (_has_agent(toks, i, agent) and (heads or predicative)):
        t.chosen = tuple(r for r in t.chosen if r.part != "agent")


def _coordinated_infinitive(toks: list[Token], i: int) -> bool:
    """"voisi menestyä ja palvella": an infinitive shortly before a coordinating conjunction."""
    j = i - 1
    if j < 0 or toks[j].text.lower() not in ("ja", "tai", "sekä", "eikä", "vai", ","):
        return False
    for k in range(j - 1, max(-1, j - 6), -1):
        if toks[k].infinitive:
            return True
    return False


def clause_spans(words: list[str], toks: list[Token]) -> list[tuple[int, int]]:
    spans, start = [], 0
    for i, (w, t) in enumerate(zip(words, toks)):
        starts = (w.lower() in CLAUSE_WORDS or
                  (t.chosen and t.every(lambda r: r.cls == "asemosana" and r.base in ("joka", "mikä"))))
        if w in PUNCT_BREAK or (starts and i > start):
            if i > start:
                spans.append((start, i))
            start = i if w not in PUNCT_BREAK else i + 1
    if start < len(words):
        spans.append((start, len(words)))
    return spans


_GUESS_GEN = re.compile(r"(?:[:’'][nN]|[A-ZÅÄÖ][\w&.-]*[aeiouyäöAEIOUYÄÖ][nN])$")


def analyse_sentence(words: list[str]) -> list[Token]:
    """Tokens of one sentence (words and punctuation as separate items) with readings chosen in context."""
    toks = []
    for w in words:
        rs = readings(w) if w and w[0].isalnum() else ()
        toks.append(Token(w, rs, _static_filter(w, rs) if rs else ()))
    for t in toks:
        if not t.all and _GUESS_GEN.search(t.text):
            t.guess_gen = True
    # Connegative: "ei tehdä" is passive; "ei voi tehdä" is not (the verb after "voi" is an A-infinitive).
    for i, t in enumerate(toks):
        if not t.any(lambda r: r.person == "4"):
            continue
        j = i - 1
        while j >= 0 and toks[j].text.lower() in NEG_SKIP:
            j -= 1
        if j >= 0 and _is_negation_verb(toks[j]):
            t.chosen = tuple(r for r in t.chosen if r.person == "4") or t.chosen
        elif t.any(lambda r: r.mood == "A-infinitive") and t.any(lambda r: r.person == "4" and r.negative == "true"):
            # A passive connegative form without a negation before it is the A-infinitive.
            t.chosen = tuple(r for r in t.chosen if not (r.person == "4" and r.negative == "true"))
    for i, t in enumerate(toks):
        _infinitive_or_nominal(toks, i, t)
        _agent_or_nominal(toks, i, t)
    _connegatives(toks)
    prev_inf = pending_modal = False
    for a, b in clause_spans(words, toks):
        clause = toks[a:b]
        has_finite = any(t.chosen and t.finite for t in clause)
        # Coordinated infinitives share the finite verb before them: "pitää soittaa ja varmistaa".
        coordinated = prev_inf and clause[0].text.lower() in ("ja", "tai", "sekä", "eikä", "vai")
        # A modal verb still waiting for its infinitive across a parenthesis: "voidaan, näiden hakemuksesta,
        # antaa lupa". Not across a conjunction or a relative pronoun, which begin a clause of their own.
        opens = clause[0].text.lower() in CLAUSE_WORDS or clause[0].any(lambda r: r.base in ("joka", "mikä"))
        first = not coordinated and not (pending_modal and not opens)
        for k, t in enumerate(clause):
            if a + k > 0 and not _clause_initial(clause, k):
                # "Asiakas saa päätöksen": a form that is imperative and indicative is the indicative inside a
                # clause (an imperative opens its clause).
                ind = tuple(r for r in t.chosen if r.mood != "imperative")
                if ind and len(ind) < len(t.chosen) and any(is_finite(r) for r in ind):
                    t.chosen = ind
            fin = tuple(r for r in t.chosen if is_finite(r))
            non = tuple(r for r in t.chosen if not is_finite(r))
            if not fin or not non:
                continue
            if has_finite or not first:
                t.chosen = non
            else:
                # The sentence-initial word of an instruction is an imperative ("Lähetä hakemus"); elsewhere a
                # form that is also indicative is the indicative ("hakija voi valittaa", "hän saa päätöksen").
                imp = tuple(r for r in fin if r.mood == "imperative")
                rest = tuple(r for r in fin if r.mood != "imperative")
                if a + k == 0 and imp:
                    t.chosen = imp
                elif rest and not _clause_initial(clause, k):
                    t.chosen = rest
                else:
                    t.chosen = fin
                first = False
        verbal = [t for t in clause if t.chosen and t.any(lambda r: r.cls == "teonsana")]
        prev_inf = bool(verbal) and verbal[-1].infinitive == "1"
        if any(t.infinitive == "1" for t in clause):
            pending_modal = False
        elif any(t.finite and t.any(lambda r: r.base in MODALS) for t in clause):
            pending_modal = True
        elif opens:
            pending_modal = False
    return toks
