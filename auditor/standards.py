"""WCAG 2.2 success criteria, their Finnish names and EN 301 549 V3.2.1 clauses, and axe-core tag parsing.

Sources and conventions:

* English names and levels are those of WCAG 2.2 (W3C Recommendation, 2023). 4.1.1 Parsing is kept (it is
  still a requirement in WCAG 2.0/2.1 and in EN 301 549 V3.2.1) but flagged ``obsolete``: WCAG 2.2 removed it.
* Finnish names follow the official W3C-authorised Finnish translation of WCAG 2.1 (Kehitysvammaliitto, 2019)
  as far as known; WCAG 2.2 has no official Finnish translation, so the names of the nine criteria new in 2.2
  (and the 2.2 renaming of 2.5.5) are our own translations.
* ``en301549`` is the EN 301 549 V3.2.1 clause for web content: clause 9 repeats every WCAG 2.1 level A and AA
  criterion as ``"9." + sc``. AAA criteria and criteria new in WCAG 2.2 have no V3.2.1 clause (``""``).
* ``automatable`` says how far a machine can find failures: ``"yes"`` reliably, ``"partial"`` some failures
  (the rest needs a person), ``"no"`` only a person can judge.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

WCAG_VERSION = "2.2"
EN301549_VERSION = "V3.2.1"

LEVELS = ("A", "AA", "AAA")
WCAG_VERSIONS = ("2.0", "2.1", "2.2")
AUTOMATABLE = ("yes", "partial", "no")

# Principle key -> (English name, Finnish name), in WCAG order.
PRINCIPLES: dict[str, tuple[str, str]] = {
    "perceivable": ("Perceivable", "Havaittava"),
    "operable": ("Operable", "Hallittava"),
    "understandable": ("Understandable", "Ymmärrettävä"),
    "robust": ("Robust", "Toimintavarma"),
}
_PRINCIPLE_BY_DIGIT = dict(zip("1234", PRINCIPLES))


@dataclass(frozen=True)
class Criterion:
    sc: str  # "1.4.10"
    name_en: str
    name_fi: str
    level: str  # "A" / "AA" / "AAA"
    principle: str  # "perceivable" / "operable" / "understandable" / "robust"
    wcag_version: str  # version that introduced the criterion: "2.0" / "2.1" / "2.2"
    en301549: str  # EN 301 549 V3.2.1 web clause, e.g. "9.1.1.1"; "" when not in V3.2.1
    automatable: str  # "yes" / "partial" / "no"
    obsolete: bool = False  # True only for 4.1.1 Parsing (removed in WCAG 2.2)

    @property
    def guideline(self) -> str:
        """Guideline number, e.g. "1.4" for 1.4.10."""
        return self.sc.rsplit(".", 1)[0]

    @property
    def label_en(self) -> str:
        return f"{self.sc} {self.name_en}"

    @property
    def label_fi(self) -> str:
        return f"{self.sc} {self.name_fi}"


# sc, English name, Finnish name, level, introduced in, automatable. Principle and EN clause are derived.
_TABLE: tuple[tuple[str, str, str, str, str, str], ...] = (
    # 1 Perceivable
    ("1.1.1", "Non-text Content", "Ei-tekstuaalinen sisältö", "A", "2.0", "partial"),
    ("1.2.1", "Audio-only and Video-only (Prerecorded)", "Pelkkä ääni ja pelkkä video (tallennettu)",
     "A", "2.0", "no"),
    ("1.2.2", "Captions (Prerecorded)", "Tekstitys (tallennettu)", "A", "2.0", "partial"),
    ("1.2.3", "Audio Description or Media Alternative (Prerecorded)",
     "Kuvailutulkkaus tai mediavastine (tallennettu)", "A", "2.0", "no"),
    ("1.2.4", "Captions (Live)", "Tekstitys (suora lähetys)", "AA", "2.0", "no"),
    ("1.2.5", "Audio Description (Prerecorded)", "Kuvailutulkkaus (tallennettu)", "AA", "2.0", "no"),
    ("1.2.6", "Sign Language (Prerecorded)", "Viittomakieli (tallennettu)", "AAA", "2.0", "no"),
    ("1.2.7", "Extended Audio Description (Prerecorded)", "Laajennettu kuvailutulkkaus (tallennettu)",
     "AAA", "2.0", "no"),
    ("1.2.8", "Media Alternative (Prerecorded)", "Mediavastine (tallennettu)", "AAA", "2.0", "no"),
    ("1.2.9", "Audio-only (Live)", "Pelkkä ääni (suora lähetys)", "AAA", "2.0", "no"),
    ("1.3.1", "Info and Relationships", "Informaatio ja suhteet", "A", "2.0", "partial"),
    ("1.3.2", "Meaningful Sequence", "Merkityksellinen järjestys", "A", "2.0", "no"),
    ("1.3.3", "Sensory Characteristics", "Aistinvaraiset ominaispiirteet", "A", "2.0", "no"),
    ("1.3.4", "Orientation", "Asento", "AA", "2.1", "partial"),
    ("1.3.5", "Identify Input Purpose", "Määrittele syötteen tarkoitus", "AA", "2.1", "partial"),
    ("1.3.6", "Identify Purpose", "Määrittele tarkoitus", "AAA", "2.1", "no"),
    ("1.4.1", "Use of Color", "Värien käyttö", "A", "2.0", "partial"),
    ("1.4.2", "Audio Control", "Äänen hallinta", "A", "2.0", "partial"),
    ("1.4.3", "Contrast (Minimum)", "Kontrasti (minimi)", "AA", "2.0", "yes"),
    ("1.4.4", "Resize Text", "Tekstin koon muuttaminen", "AA", "2.0", "partial"),
    ("1.4.5", "Images of Text", "Tekstiä esittävät kuvat", "AA", "2.0", "no"),
    ("1.4.6", "Contrast (Enhanced)", "Kontrasti (parannettu)", "AAA", "2.0", "yes"),
    ("1.4.7", "Low or No Background Audio", "Hiljainen tausta-ääni tai ei tausta-ääntä", "AAA", "2.0", "no"),
    ("1.4.8", "Visual Presentation", "Visuaalinen esittäminen", "AAA", "2.0", "partial"),
    ("1.4.9", "Images of Text (No Exception)", "Tekstiä esittävät kuvat (ei poikkeuksia)", "AAA", "2.0", "no"),
    ("1.4.10", "Reflow", "Responsiivisuus", "AA", "2.1", "partial"),
    ("1.4.11", "Non-text Contrast", "Ei-tekstuaalisen sisällön kontrasti", "AA", "2.1", "partial"),
    ("1.4.12", "Text Spacing", "Tekstin välistys", "AA", "2.1", "partial"),
    ("1.4.13", "Content on Hover or Focus", "Sisältö osoitettaessa tai kohdistettaessa", "AA", "2.1", "no"),
    # 2 Operable
    ("2.1.1", "Keyboard", "Näppäimistö", "A", "2.0", "partial"),
    ("2.1.2", "No Keyboard Trap", "Ei näppäimistöansaa", "A", "2.0", "partial"),
    ("2.1.3", "Keyboard (No Exception)", "Näppäimistö (ei poikkeuksia)", "AAA", "2.0", "partial"),
    ("2.1.4", "Character Key Shortcuts", "Yhden merkin pikanäppäimet", "A", "2.1", "no"),
    ("2.2.1", "Timing Adjustable", "Säädettävä ajoitus", "A", "2.0", "partial"),
    ("2.2.2", "Pause, Stop, Hide", "Pysäytä, keskeytä, piilota", "A", "2.0", "partial"),
    ("2.2.3", "No Timing", "Ei ajoitusta", "AAA", "2.0", "no"),
    ("2.2.4", "Interruptions", "Keskeytykset", "AAA", "2.0", "partial"),
    ("2.2.5", "Re-authenticating", "Uudelleentunnistautuminen", "AAA", "2.0", "no"),
    ("2.2.6", "Timeouts", "Aikakatkaisut", "AAA", "2.1", "no"),
    ("2.3.1", "Three Flashes or Below Threshold", "Kolme välähdystä tai alle kynnysarvon", "A", "2.0", "no"),
    ("2.3.2", "Three Flashes", "Kolme välähdystä", "AAA", "2.0", "no"),
    ("2.3.3", "Animation from Interactions", "Animaatio vuorovaikutuksesta", "AAA", "2.1", "no"),
    ("2.4.1", "Bypass Blocks", "Ohita lohkot", "A", "2.0", "partial"),
    ("2.4.2", "Page Titled", "Sivun otsikointi", "A", "2.0", "partial"),
    ("2.4.3", "Focus Order", "Kohdistusjärjestys", "A", "2.0", "partial"),
    ("2.4.4", "Link Purpose (In Context)", "Linkin tarkoitus (asiayhteydessä)", "A", "2.0", "partial"),
    ("2.4.5", "Multiple Ways", "Useita tapoja", "AA", "2.0", "no"),
    ("2.4.6", "Headings and Labels", "Otsikot ja nimilaput", "AA", "2.0", "partial"),
    ("2.4.7", "Focus Visible", "Näkyvä kohdistus", "AA", "2.0", "partial"),
    ("2.4.8", "Location", "Sijainti", "AAA", "2.0", "no"),
    ("2.4.9", "Link Purpose (Link Only)", "Linkin tarkoitus (pelkkä linkki)", "AAA", "2.0", "partial"),
    ("2.4.10", "Section Headings", "Osioiden otsikot", "AAA", "2.0", "partial"),
    ("2.4.11", "Focus Not Obscured (Minimum)", "Kohdistus ei peity (minimi)", "AA", "2.2", "partial"),
    ("2.4.12", "Focus Not Obscured (Enhanced)", "Kohdistus ei peity (parannettu)", "AAA", "2.2", "partial"),
    ("2.4.13", "Focus Appearance", "Kohdistuksen ulkoasu", "AAA", "2.2", "partial"),
    ("2.5.1", "Pointer Gestures", "Osoittimen eleet", "A", "2.1", "no"),
    ("2.5.2", "Pointer Cancellation", "Osoittimen peruutus", "A", "2.1", "no"),
    ("2.5.3", "Label in Name", "Nimilappu nimessä", "A", "2.1", "partial"),
    ("2.5.4", "Motion Actuation", "Liikeaktivointi", "A", "2.1", "no"),
    ("2.5.5", "Target Size (Enhanced)", "Kohteen koko (parannettu)", "AAA", "2.1", "partial"),
    ("2.5.6", "Concurrent Input Mechanisms", "Samanaikaiset syöttötavat", "AAA", "2.1", "no"),
    ("2.5.7", "Dragging Movements", "Vetoliikkeet", "AA", "2.2", "no"),
    ("2.5.8", "Target Size (Minimum)", "Kohteen koko (minimi)", "AA", "2.2", "partial"),
    # 3 Understandable
    ("3.1.1", "Language of Page", "Sivun kieli", "A", "2.0", "yes"),
    ("3.1.2", "Language of Parts", "Osien kieli", "AA", "2.0", "partial"),
    ("3.1.3", "Unusual Words", "Epätavalliset sanat", "AAA", "2.0", "no"),
    ("3.1.4", "Abbreviations", "Lyhenteet", "AAA", "2.0", "no"),
    ("3.1.5", "Reading Level", "Lukemisen taso", "AAA", "2.0", "partial"),
    ("3.1.6", "Pronunciation", "Ääntäminen", "AAA", "2.0", "no"),
    ("3.2.1", "On Focus", "Kohdistaminen", "A", "2.0", "partial"),
    ("3.2.2", "On Input", "Syötteen antaminen", "A", "2.0", "no"),
    ("3.2.3", "Consistent Navigation", "Johdonmukainen navigointi", "AA", "2.0", "partial"),
    ("3.2.4", "Consistent Identification", "Johdonmukainen tunnistettavuus", "AA", "2.0", "no"),
    ("3.2.5", "Change on Request", "Muutos pyynnöstä", "AAA", "2.0", "partial"),
    ("3.2.6", "Consistent Help", "Johdonmukainen apu", "A", "2.2", "no"),
    ("3.3.1", "Error Identification", "Virheen tunnistaminen", "A", "2.0", "no"),
    ("3.3.2", "Labels or Instructions", "Nimilaput tai ohjeet", "A", "2.0", "partial"),
    ("3.3.3", "Error Suggestion", "Virheen korjausehdotus", "AA", "2.0", "no"),
    ("3.3.4", "Error Prevention (Legal, Financial, Data)",
     "Virheiden ennaltaehkäisy (oikeudelliset, taloudelliset, tiedot)", "AA", "2.0", "no"),
    ("3.3.5", "Help", "Ohjeet", "AAA", "2.0", "no"),
    ("3.3.6", "Error Prevention (All)", "Virheiden ennaltaehkäisy (kaikki)", "AAA", "2.0", "no"),
    ("3.3.7", "Redundant Entry", "Tarpeeton uudelleensyöttö", "A", "2.2", "no"),
    ("3.3.8", "Accessible Authentication (Minimum)", "Saavutettava tunnistautuminen (minimi)",
     "AA", "2.2", "partial"),
    ("3.3.9", "Accessible Authentication (Enhanced)", "Saavutettava tunnistautuminen (parannettu)",
     "AAA", "2.2", "no"),
    # 4 Robust
    ("4.1.1", "Parsing", "Jäsentäminen", "A", "2.0", "yes"),
    ("4.1.2", "Name, Role, Value", "Nimi, rooli, arvo", "A", "2.0", "partial"),
    ("4.1.3", "Status Messages", "Tilasanomat", "AA", "2.1", "no"),
)

_OBSOLETE = frozenset({"4.1.1"})


def _en_clause(sc: str, level: str, version: str) -> str:
    # EN 301 549 V3.2.1 clause 9 = WCAG 2.1 level A and AA, numbered "9." + sc (4.1.1 included).
    return f"9.{sc}" if level in ("A", "AA") and version in ("2.0", "2.1") else ""


def _build() -> dict[str, Criterion]:
    out: dict[str, Criterion] = {}
    for sc, name_en, name_fi, level, version, auto in _TABLE:
        if sc in out:
            raise ValueError(f"duplicate success criterion {sc}")
        if level not in LEVELS or version not in WCAG_VERSIONS or auto not in AUTOMATABLE:
            raise ValueError(f"bad data for {sc}")
        out[sc] = Criterion(
            sc=sc,
            name_en=name_en,
            name_fi=name_fi,
            level=level,
            principle=_PRINCIPLE_BY_DIGIT[sc[0]],
            wcag_version=version,
            en301549=_en_clause(sc, level, version),
            automatable=auto,
            obsolete=sc in _OBSOLETE,
        )
    return out


CRITERIA: dict[str, Criterion] = _build()

_EN_CLAUSES: frozenset[str] = frozenset(c.en301549 for c in CRITERIA.values() if c.en301549)
_AXE_SC_TAG = re.compile(r"wcag(\d)(\d)(\d{1,2})")
_AXE_EN_TAG = re.compile(r"en-(9(?:\.\d{1,2}){3,4})")


def sort_key(sc: str) -> tuple[int, ...]:
    """Numeric sort key for a dotted number: "1.4.10" -> (1, 4, 10), so 1.4.10 sorts after 1.4.9.

    Works for EN 301 549 clauses too ("9.1.4.10"). Raises ValueError for anything that is not dotted digits.
    """
    parts = sc.strip().split(".")
    if not all(p.isdigit() for p in parts):
        raise ValueError(f"not a dotted number: {sc!r}")
    return tuple(int(p) for p in parts)


def get(sc: str) -> Criterion | None:
    """The criterion for "1.4.3", or None if there is no such WCAG 2.2 success criterion."""
    return CRITERIA.get(sc.strip()) if isinstance(sc, str) else None


def level_of(sc: str) -> str:
    """Conformance level ("A", "AA" or "AAA") of a success criterion; KeyError if unknown."""
    c = get(sc)
    if c is None:
        raise KeyError(f"unknown WCAG success criterion {sc!r}")
    return c.level


def sc_from_axe_tag(tag: str) -> str | None:
    """axe-core tag -> success criterion: "wcag1410" -> "1.4.10", "wcag2411" -> "2.4.11".

    The digits after "wcag" are read as principle (first digit), guideline (second digit) and criterion
    (the rest). Level tags ("wcag2a", "wcag21aa", "wcag22aa", "wcag2aaa"), other tags and numbers that are no
    WCAG 2.2 success criterion give None.
    """
    if not isinstance(tag, str):
        return None
    m = _AXE_SC_TAG.fullmatch(tag.strip().lower())
    if not m:
        return None
    sc = f"{m.group(1)}.{m.group(2)}.{int(m.group(3))}"
    return sc if sc in CRITERIA else None


def criteria_from_axe_tags(tags: Iterable[str]) -> list[str]:
    """All success criteria named by axe tags, deduplicated, in WCAG order."""
    found = {sc for sc in (sc_from_axe_tag(t) for t in tags or ()) if sc}
    return sorted(found, key=sort_key)


def en_clauses_from_axe_tags(tags: Iterable[str], *, v321_only: bool = True) -> list[str]:
    """EN 301 549 web clauses for an axe rule's tags, deduplicated and sorted.

    axe 4.x tags rules with "EN-301-549" and clause tags such as "EN-9.1.1.1"; those are used when
    present, otherwise the clauses are derived from the "wcagNNN" tags. axe also tags some rules with
    clauses that are not in EN 301 549 V3.2.1 (for AAA or WCAG 2.2 criteria, e.g. "EN-9.2.5.8"); by
    default those are dropped, so every clause returned exists in V3.2.1. ``v321_only=False`` keeps them.
    """
    tags = [t for t in (tags or ()) if isinstance(t, str)]
    clauses: set[str] = set()
    saw_en_tag = False
    for t in tags:
        m = _AXE_EN_TAG.fullmatch(t.strip().lower())
        if m:
            saw_en_tag = True
            clauses.add(m.group(1))
    if not saw_en_tag:
        clauses = {CRITERIA[sc].en301549 for sc in criteria_from_axe_tags(tags)}
    if v321_only:
        clauses &= _EN_CLAUSES
    clauses.discard("")
    return sorted(clauses, key=sort_key)


def criteria(
    *, max_level: str = "AAA", version: str = WCAG_VERSION, include_obsolete: bool | None = None
) -> list[Criterion]:
    """Criteria of a conformance target, in WCAG order, e.g. ``criteria(max_level="AA", version="2.1")``.

    ``version`` selects the criteria that exist in that WCAG version. 4.1.1 Parsing is included for 2.0/2.1
    and left out for 2.2 unless ``include_obsolete`` says otherwise.
    """
    if max_level not in LEVELS:
        raise ValueError(f"bad level {max_level!r}: use one of {LEVELS}")
    if version not in WCAG_VERSIONS:
        raise ValueError(f"bad WCAG version {version!r}: use one of {WCAG_VERSIONS}")
    if include_obsolete is None:
        include_obsolete = version != "2.2"
    top = LEVELS.index(max_level)
    return [
        c
        for c in CRITERIA.values()
        if LEVELS.index(c.level) <= top
        and sort_key(c.wcag_version) <= sort_key(version)
        and (include_obsolete or not c.obsolete)
    ]
