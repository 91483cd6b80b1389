"""Offline language detection: lingua (trigram models, no network) weighed with Voikko's word knowledge.

lingua is the best-kept open detector that runs offline and handles short text; it runs here in its low-accuracy
mode (trigram models only: 30 MB and 0.05 s to load against 220 MB and 1.2 s for the full models, measured here),
which is weaker on texts of a few words. For Finnish, Voikko then says how many of the words are Finnish words;
the two are combined by weighting each language's lingua confidence with the share of words that speaks for it:

    p(fi) ∝ lingua(fi) × (k + ε),   p(other) ∝ lingua(other) × (1 − k + ε),   k = share of words Voikko knows

with ε = 0.05 so that neither source can veto the other. Texts with fewer than MIN_WORDS words get no decision.
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache

# Languages told apart. The national languages and English first; then the languages most used on Finnish
# public sites besides them (Russian, Estonian, Somali, Arabic, Ukrainian; the "selkokieli" and immigrant
# information pages of Infopankki) and the languages a mis-set `lang` most often names (de, fr, es, nl, da, nb).
LANGUAGES = ("fi", "sv", "en", "et", "ru", "de", "fr", "es", "nl", "da", "nb", "it", "pl", "uk", "ar", "so")
MIN_WORDS = 2
# Weight floor of the Voikko evidence (see the module docstring).
EPSILON = 0.05
MAX_CHARS = 2000  # a page's first 2,000 characters are enough; detection cost grows with length

_WORD = re.compile(r"[^\W\d_]{2,}", re.UNICODE)
_lock = threading.Lock()


@dataclass(frozen=True)
class Detection:
    lang: str | None  # ISO 639-1 code, None when the text is too short or undecided
    confidence: float  # 0..1
    words: int
    alternatives: tuple[tuple[str, float], ...] = ()


@lru_cache(maxsize=1)
def _detector():
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, c.upper()) for c in LANGUAGES]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).with_low_accuracy_mode().build()


def _voikko_share(words: list[str]) -> float | None:
    try:
        from auditor.text.fi_morph import readings
    except Exception:
        return None
    try:
        known = sum(1 for w in words if readings(w))
    except Exception:  # Voikko missing: lingua alone
        return None
    return known / len(words) if words else None


def count_words(text: str) -> int:
    """Words as the detector counts them (letters only, 2 or more)."""
    return len(_WORD.findall(text))


@lru_cache(maxsize=4096)
def detect(text: str) -> Detection:
    """The language of a text, with a confidence in 0..1."""
    text = text[:MAX_CHARS]
    words = _WORD.findall(text)
    if len(words) < MIN_WORDS:
        return Detection(None, 0.0, len(words))
    with _lock:
        values = _detector().compute_language_confidence_values(text)
    probs = {v.language.iso_code_639_1.name.lower(): v.value for v in values}
    k = _voikko_share(words[:200])
    if k is not None:
        probs = {lang: p * ((k if lang == "fi" else 1 - k) + EPSILON) for lang, p in probs.items()}
    total = sum(probs.values()) or 1.0
    ranked = sorted(((lang, p / total) for lang, p in probs.items()), key=lambda x: -x[1])
    lang, conf = ranked[0]
    # Every language's share is kept (16 values): `with_prior` re-weighs them for short strings.
    return Detection(lang, round(conf, 3), len(words), tuple((c, round(p, 4)) for c, p in ranked))


def with_prior(det: Detection, likely: frozenset[str] | set[str], factor: float) -> Detection:
    """The detection re-weighed toward `likely` languages (the page's own): p(l) ∝ p(l) × factor for l in
    `likely`. For short strings the detector's evidence is thin, and a language the page does not use at all is
    far less likely a priori than one it does (issue 13: a six-word English control read as Somali)."""
    if not det.alternatives:
        return det
    probs = {lang: p * (factor if lang in likely else 1.0) for lang, p in det.alternatives}
    total = sum(probs.values()) or 1.0
    ranked = sorted(((lang, p / total) for lang, p in probs.items()), key=lambda x: -x[1])
    lang, conf = ranked[0]
    return Detection(lang, round(conf, 3), det.words, tuple((c, round(p, 4)) for c, p in ranked))


_NAME_WORD = re.compile(r"^[A-ZÅÄÖÜ][\w'’.-]*$")


def name_like(text: str) -> bool:
    """Proper names, addresses and titles: most words capitalised ("Esimerkkilän Kunnantalo", "Matti
    Meikäläinen", "Kunnantalontie 1, 12345 Esimerkkilä") or as many digits as letters. WCAG 3.1.2 exempts proper
    names; a detector cannot tell the language of a name."""
    words = _WORD.findall(text)
    if not words:
        return True
    letters = sum(len(w) for w in words)
    digits = sum(c.isdigit() for c in text)
    if digits * 2 >= letters:
        return True
    tokens = [t for t in re.findall(r"[^\s,;:()]+", text) if _WORD.search(t)]
    caps = sum(1 for t in tokens[1:] if _NAME_WORD.match(t))
    return len(tokens) >= 2 and caps / (len(tokens) - 1) >= 0.6


def count_letters(text: str) -> int:
    return sum(len(w) for w in _WORD.findall(text))


def primary(tag: str | None) -> str:
    """The primary language subtag of a BCP 47 tag, lower case ("fi-FI" -> "fi")."""
    return (tag or "").strip().split("-")[0].split("_")[0].lower()


# ISO 639-1 codes: the two-letter primary subtags of BCP 47 (IANA language subtag registry). Three-letter
# subtags (ISO 639-2/3, e.g. "sme" North Sámi, "smn" Inari Sámi, "fit" Meänkieli) are accepted by form, except
# the long forms of two-letter languages (LONG_FORMS).
ISO639_1 = frozenset("""
aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en
eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv
ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne
ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st
su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
""".split())
# ISO 639-2/3 codes of languages that have a two-letter code: BCP 47 allows only the shortest, so lang="eng" or
# "fin" is not a valid tag (the IANA registry does not list them; ACT rule bf051a fails lang="eng").
LONG_FORMS = frozenset("""
eng fin swe deu ger fra fre spa rus est nld dut dan nor nob nno ita por pol ukr ara som jpn zho chi kor tur heb
hin ell gre ces cze slk slo hun ron rum bul hrv srp slv lit lav isl ice gle cym wel eus baq cat glg fas per urd
vie tha ind msa may swa sqi alb hye arm kat geo mkd mac bos bel kaz uzb aze tat
""".split())
_TAG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")


def valid_tag(tag: str | None) -> bool:
    """A well-formed BCP 47 tag whose primary subtag is a language (WCAG 3.1.1 asks for a valid one)."""
    if not tag or not _TAG.match(tag.strip()):
        return False
    p = primary(tag)
    return p in ISO639_1 or (len(p) == 3 and p.isalpha() and p not in LONG_FORMS)
