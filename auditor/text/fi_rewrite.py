"""Rewrites built from a sentence's own words, offered only where they are safe.

Voikko analyses but does not generate, so each inflected form here is built by the regular rules of Finnish
conjugation (VISK § 50-90, Kielitoimiston sanakirja's conjugation types) and then **checked by analysing it with
Voikko**: the candidate must be read back as the wanted form of the same verb. A form that does not check out gives
no rewrite, and the rule then says what to change in the sentence's own words instead.

  temporal clause-equivalent   "Lomakkeen saavuttua" -> "kun lomake on saapunut"
                               "saatuaan" -> "kun hän on saanut" (the possessive suffix names the person)
  passive with a named agent   "viranomaisen toimesta tarkastetaan" -> "viranomainen tarkastaa"
  long sentence                split where a second main clause begins (", ja ...", ", mutta ...", ";")
"""
from __future__ import annotations

import re
from functools import lru_cache

from auditor.text import fi_morph

_BACK = re.compile(r"[aou]")


def _harmony(word: str, back: str, front: str) -> str:
    # The last part of a compound decides; the verbs here are simple words, so any back vowel means back harmony.
    return back if _BACK.search(word) else front


def _checks(cand: str, verb: str, pred) -> bool:
    return any(r.get("BASEFORM") == verb and pred(r) for r in fi_morph.voikko().analyze(cand))


@lru_cache(maxsize=4096)
def past_active_participle(verb: str, plural: bool = False) -> str | None:
    """"saapua" -> "saapunut" ("saapuneet"): the -nut participle, checked with Voikko."""
    v = verb.lower()
    u = _harmony(v, "u", "y")
    cands = []
    if re.search(r"[aeiouyäö][aä]$", v):
        cands.append(v[:-1] + "n" + u + "t")
    elif re.search(r"[dt][aä]$", v) and v.endswith(("da", "dä")):
        cands.append(v[:-2] + "n" + u + "t")
    elif v.endswith(("lla", "llä")):
        cands.append(v[:-2] + "l" + u + "t")
    elif v.endswith(("nna", "nnä")):
        cands.append(v[:-2] + "n" + u + "t")
    elif v.endswith(("rra", "rrä")):
        cands.append(v[:-2] + "r" + u + "t")
    elif v.endswith(("sta", "stä")):
        cands.append(v[:-2] + "s" + u + "t")
    elif re.search(r"[aeiouyäö]t[aä]$", v):
        cands.append(v[:-2] + "nn" + u + "t")
    for c in cands:
        form = c[:-2] + "eet" if plural else c  # saapunut -> saapuneet, tullut -> tulleet
        # A participle's base form is the participle itself; the verb is in WORDBASES ("+saapu(saapua)+nut").
        if any(r.get("PARTICIPLE") == "past_active" and f"({v})" in (r.get("WORDBASES") or "")
               for r in fi_morph.voikko().analyze(form)):
            return form
    return None


@lru_cache(maxsize=4096)
def present_3sg(verb: str) -> str | None:
    """"tarkastaa" -> "tarkastaa", "hakea" -> "hakee", "käsitellä" -> "käsittelee": the active present third
    person singular, checked with Voikko."""
    v = verb.lower()
    cands = []
    if re.search(r"[aeiouyäö][aä]$", v):
        cands.append(v if v[-2] in "aä" else v[:-1] + v[-2])
    if v.endswith(("da", "dä")):
        cands += [v[:-2], {"tehdä": "tekee", "nähdä": "näkee"}.get(v, "")]
    m = re.match(r"^(.*?)([lnr])\2([aä])$", v)
    if m:
        stem = v[:-2]  # käsitel
        cands.append(stem + "ee")
        m2 = re.match(r"^(.*[aeiouyäöhlnr])([tkp])(e)([lnr])$", stem)
        if m2:
            cands.append(m2.group(1) + m2.group(2) * 2 + m2.group(3) + m2.group(4) + "ee")
        m3 = re.match(r"^(.*[aeiouyäö])(d)(e)([lnr])$", stem)
        if m3:
            cands.append(m3.group(1) + "t" + m3.group(3) + m3.group(4) + "ee")
    if v.endswith(("sta", "stä")):
        cands.append(v[:-2] + "ee")
    if re.search(r"[aäoöuy]t[aä]$", v):
        stem = v[:-2]
        a = v[-1]
        end = a if stem.endswith(a) else a + a  # kerätä -> kerää, haluta -> haluaa
        cands.append(stem + end)
        if len(stem) > 2 and stem[-2] in "vd":  # tavata -> tapaa, (weak grade in the infinitive stem)
            cands.append(stem[:-2] + {"v": "p", "d": "t"}[stem[-2]] + stem[-1] + end)
        m4 = re.match(r"^(.*[aeiouyäö])([tkp])([aeiouyäö])$", stem)
        if m4:
            cands.append(m4.group(1) + m4.group(2) * 2 + m4.group(3) + a + a)
    if re.search(r"it[aä]$", v):
        cands.append(v[:-2] + "tsee")
    if re.search(r"et[aä]$", v):
        cands.append(v[:-2] + "nee")
    for c in dict.fromkeys(x for x in cands if x):
        if _checks(c, v, lambda r: r.get("MOOD") == "indicative" and r.get("PERSON") == "3"
                   and r.get("NUMBER") == "singular" and r.get("TENSE") == "present_simple"):
            return c
    return None


def nominative(tok: fi_morph.Token) -> str | None:
    """The nominative singular of a genitive singular noun (its Voikko base form), names capitalised."""
    for r in tok.chosen:
        if r.case == "omanto" and r.number != "plural" and r.base and not r.mood and not r.part:
            return r.base if r.cls in fi_morph.PROPER else r.base.lower()
    return None


_PX_SUBJECT = {"1s": ("olen", "minä", False), "2s": ("olet", "sinä", False), "1p": ("olemme", "me", True),
               "2p": ("olette", "te", True), "3": ("on", "hän", False)}


def temporal(subject: fi_morph.Token | None, part: fi_morph.Token) -> str | None:
    """"Lomakkeen saavuttua" -> "kun lomake on saapunut"; "saatuaan" -> "kun hän on saanut"."""
    r = next((x for x in part.chosen if x.part == "past_passive" and x.case == "osanto"), None)
    if r is None or not r.verb:
        return None
    if r.px:
        aux, pron, plural = _PX_SUBJECT.get(r.px, ("on", "hän", False))
        pp = past_active_participle(r.verb, plural)
        if pp is None:
            return None
        # The pronoun is left out where the verb shows the person (standard Finnish: "kun olet saanut").
        return f"kun {aux} {pp}" if r.px in ("1s", "2s", "1p", "2p") else f"kun {pron} {aux} {pp}"
    if subject is None:
        return None
    nom = nominative(subject)
    pp = past_active_participle(r.verb)
    if nom is None or pp is None:
        return None
    return f"kun {nom} on {pp}"


AGENT_WORDS = frozenset({"toimesta", "taholta", "puolelta"})


def agent_active(agent: fi_morph.Token, passive: fi_morph.Token) -> str | None:
    """"viranomaisen toimesta tarkastetaan" -> "viranomainen tarkastaa" (present tense passives only: a past or
    perfect passive would need the past tense, which is left to the writer)."""
    nom = nominative(agent)
    verb = next((r.base for r in passive.chosen if r.person == "4" and r.mood == "indicative" and r.base), None)
    if nom is None or verb is None:
        return None
    forms = fi_morph.voikko().analyze(passive.text.lower())
    if not any(f.get("TENSE") == "present_simple" and f.get("PERSON") == "4" for f in forms):
        return None
    v3 = present_3sg(verb)
    return f"{nom} {v3}" if v3 else None


MAIN_CONJ = ("ja", "mutta", "sekä", "joten", "vaan", "sillä", "eli")
# Words that open a subordinate clause: a half that begins with one is not a main clause.
SUBORDINATORS = frozenset("""että kun jos koska jotta vaikka kunnes mikäli jolloin kuin kuten ellei ettei jottei
mitä joka jonka jota jossa josta johon mikä minkä missä mistä mihin""".split())


def _has_main_clause(words: list[str], toks: list[fi_morph.Token]) -> bool:
    """Some clause of `words` has a finite verb and does not begin with a subordinator or relative pronoun."""
    for a, b in fi_morph.clause_spans(words, toks):
        first = words[a].lower()
        if first in MAIN_CONJ and b - a > 1:
            first = words[a + 1].lower()
        if first in SUBORDINATORS:
            continue
        if any(t.chosen and t.finite for t in toks[a:b]):
            return True
    return False


def split_point(words: list[str], toks: list[fi_morph.Token]) -> int | None:
    """Index of the word where a second main clause begins (after ", ja" / ", mutta" / ";"): both halves have a
    finite verb and at least four words. The point nearest the middle wins."""
    n = len(words)
    best = None
    for i in range(1, n - 1):
        w = words[i].lower()
        if words[i - 1] in (",", ";") and w in MAIN_CONJ:
            start = i + 1
        elif words[i - 1] == ";":
            start = i
        else:
            continue
        left = [t for t in toks[:i - 1] if t.chosen]
        right_toks = toks[start:]
        # The right half must be a main clause: its first clause has a finite verb before any subordinator.
        right_clause = []
        for t in right_toks:
            if t.text.lower() in fi_morph.CLAUSE_WORDS or t.text in fi_morph.PUNCT_BREAK:
                break
            right_clause.append(t)
        if len(left) < 4 or sum(1 for t in right_toks if t.chosen) < 4:
            continue
        if not right_clause or words[start].lower() in SUBORDINATORS or not any(t.finite for t in right_clause):
            continue
        # The left half must hold a main clause of its own, and no bracket or quotation may be left open.
        if not _has_main_clause(words[:i - 1], toks[:i - 1]):
            continue
        if words[:i].count("(") != words[:i].count(")") or sum(w in ('"', "”", "“") for w in words[:i]) % 2:
            continue
        if best is None or abs(i - n / 2) < abs(best[0] - n / 2):
            best = (i, start)
    return best[1] if best else None


def split_text(words: list[str], start: int) -> tuple[str, str]:
    """The two sentences of a split: the first ends at the comma, the second begins with a capital."""
    def join(ws: list[str]) -> str:
        out = ""
        for w in ws:
            out += w if (not out or w in ",.;:!?)" or out.endswith("(")) else " " + w
        return out

    cut = start - 1
    while cut > 0 and (words[cut].lower() in MAIN_CONJ or words[cut] in (",", ";")):
        cut -= 1
    first = join(words[:cut + 1]) + "."
    rest = words[start:]
    if rest and rest[-1] in (".", "!", "?"):
        rest = rest[:-1]
    second = join(rest)
    second = second[:1].upper() + second[1:] + "."
    return first, second
