from __future__ import annotations

import dataclasses
import re
from collections import Counter
from pathlib import Path

import pytest

from auditor import standards as s
from auditor.standards import (
    CRITERIA,
    PRINCIPLES,
    Criterion,
    criteria_from_axe_tags,
    en_clauses_from_axe_tags,
    get,
    level_of,
    sc_from_axe_tag,
    sort_key,
)

AXE_JS = Path(__file__).resolve().parents[1] / "auditor" / "vendor" / "axe.min.js"


# --- the criteria table -------------------------------------------------------------------------------------


def test_count_is_all_of_wcag_22_plus_parsing():
    assert len(CRITERIA) == 87  # 86 in WCAG 2.2 + 4.1.1 Parsing (obsolete)
    assert [c.sc for c in CRITERIA.values() if c.obsolete] == ["4.1.1"]


def test_counts_by_version_and_level():
    assert Counter(c.wcag_version for c in CRITERIA.values()) == {"2.0": 61, "2.1": 17, "2.2": 9}
    assert Counter(c.level for c in CRITERIA.values()) == {"A": 32, "AA": 24, "AAA": 31}
    assert len(s.criteria(max_level="AA", version="2.1")) == 50  # the Finnish/EU legal baseline
    assert len(s.criteria(max_level="AA", version="2.2")) == 55  # without 4.1.1
    assert len(s.criteria(version="2.0")) == 61
    assert len(s.criteria()) == 86
    assert len(s.criteria(include_obsolete=True)) == 87


def test_new_in_22():
    new = {c.sc: c.level for c in CRITERIA.values() if c.wcag_version == "2.2"}
    assert new == {
        "2.4.11": "AA",
        "2.4.12": "AAA",
        "2.4.13": "AAA",
        "2.5.7": "AA",
        "2.5.8": "AA",
        "3.2.6": "A",
        "3.3.7": "A",
        "3.3.8": "AA",
        "3.3.9": "AAA",
    }


@pytest.mark.parametrize(
    "sc, level, version",
    [
        ("1.1.1", "A", "2.0"),
        ("1.4.3", "AA", "2.0"),
        ("1.4.6", "AAA", "2.0"),
        ("1.4.10", "AA", "2.1"),
        ("1.4.11", "AA", "2.1"),
        ("1.3.4", "AA", "2.1"),
        ("2.1.4", "A", "2.1"),
        ("2.4.7", "AA", "2.0"),  # the draft move to A was dropped from the final 2.2
        ("2.5.5", "AAA", "2.1"),
        ("2.5.8", "AA", "2.2"),
        ("3.2.6", "A", "2.2"),
        ("4.1.1", "A", "2.0"),
        ("4.1.3", "AA", "2.1"),
    ],
)
def test_known_levels(sc, level, version):
    assert level_of(sc) == level
    assert get(sc).wcag_version == version


def test_level_of_unknown_raises_and_get_returns_none():
    with pytest.raises(KeyError):
        level_of("9.9.9")
    assert get("1.4.14") is None
    assert get(" 1.4.3 ").sc == "1.4.3"


def test_names():
    assert get("1.1.1").name_en == "Non-text Content"
    assert get("1.4.10").name_en == "Reflow"
    assert get("2.5.5").name_en == "Target Size (Enhanced)"
    assert get("3.3.8").name_en == "Accessible Authentication (Minimum)"
    assert get("1.1.1").name_fi == "Ei-tekstuaalinen sisältö"
    assert get("1.4.3").name_fi == "Kontrasti (minimi)"
    assert get("1.4.10").name_fi == "Responsiivisuus"
    assert get("2.4.7").name_fi == "Näkyvä kohdistus"
    assert get("1.4.10").label_fi == "1.4.10 Responsiivisuus"
    for c in CRITERIA.values():
        assert c.name_en.strip() == c.name_en and c.name_en
        assert c.name_fi.strip() == c.name_fi and c.name_fi
    assert len({c.name_en for c in CRITERIA.values()}) == 87


def test_fields_are_well_formed():
    for sc, c in CRITERIA.items():
        assert isinstance(c, Criterion) and c.sc == sc
        assert re.fullmatch(r"[1-4]\.[1-5]\.\d{1,2}", sc)
        assert c.level in ("A", "AA", "AAA")
        assert c.principle == list(PRINCIPLES)[int(sc[0]) - 1]
        assert c.automatable in ("yes", "partial", "no")
        assert c.guideline == sc.rsplit(".", 1)[0]
    # criterion numbers within a guideline run 1..n without gaps
    by_guideline = Counter(c.guideline for c in CRITERIA.values())
    for g, n in by_guideline.items():
        assert sorted(int(c.sc.rsplit(".", 1)[1]) for c in CRITERIA.values() if c.guideline == g) == list(
            range(1, n + 1)
        )
    assert len(by_guideline) == 13


def test_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        get("1.4.3").level = "A"  # type: ignore[misc]


def test_automatable_judgements():
    assert get("1.1.1").automatable == "partial"
    assert get("1.4.3").automatable == "yes"
    assert get("3.1.1").automatable == "yes"
    assert get("2.4.2").automatable == "partial"
    assert get("1.2.5").automatable == "no"
    counts = Counter(c.automatable for c in CRITERIA.values())
    assert counts["yes"] < counts["partial"] and counts["yes"] < counts["no"]


def test_principles():
    assert list(PRINCIPLES) == ["perceivable", "operable", "understandable", "robust"]
    assert PRINCIPLES["perceivable"] == ("Perceivable", "Havaittava")
    assert PRINCIPLES["robust"][1] == "Toimintavarma"
    assert Counter(c.principle for c in CRITERIA.values()) == {
        "perceivable": 29,
        "operable": 34,
        "understandable": 21,
        "robust": 3,
    }


# --- EN 301 549 ---------------------------------------------------------------------------------------------


def test_en_clause_mapping():
    assert get("1.1.1").en301549 == "9.1.1.1"
    assert get("1.4.10").en301549 == "9.1.4.10"
    assert get("4.1.1").en301549 == "9.4.1.1"  # still a clause in V3.2.1
    assert get("4.1.3").en301549 == "9.4.1.3"
    assert get("1.4.6").en301549 == ""  # AAA
    assert get("2.5.8").en301549 == ""  # WCAG 2.2 only
    assert get("2.4.11").en301549 == ""
    for c in CRITERIA.values():
        in_en = c.level in ("A", "AA") and c.wcag_version in ("2.0", "2.1")
        assert c.en301549 == (f"9.{c.sc}" if in_en else "")
    assert sum(1 for c in CRITERIA.values() if c.en301549) == 50


def test_en_clauses_from_en_tags():
    tags = ["cat.text-alternatives", "wcag2a", "wcag111", "section508", "EN-301-549", "EN-9.1.1.1", "ACT"]
    assert en_clauses_from_axe_tags(tags) == ["9.1.1.1"]
    assert en_clauses_from_axe_tags(["EN-9.4.1.2", "EN-9.1.3.1", "EN-9.1.3.1"]) == ["9.1.3.1", "9.4.1.2"]


def test_en_clauses_derived_from_sc_tags_when_no_en_tags():
    assert en_clauses_from_axe_tags(["wcag2aa", "wcag1410", "wcag143", "wcag111"]) == [
        "9.1.1.1",
        "9.1.4.3",
        "9.1.4.10",
    ]
    # AAA and 2.2-only criteria have no V3.2.1 clause
    assert en_clauses_from_axe_tags(["wcag22aa", "wcag258"]) == []
    assert en_clauses_from_axe_tags(["wcag2aaa", "wcag146"]) == []
    assert en_clauses_from_axe_tags([]) == []


def test_en_tags_outside_v321_are_dropped_unless_asked():
    # axe 4.x tags scrollable-region-focusable with EN-9.2.1.3 (a AAA criterion) and target-size with
    # EN-9.2.5.8 (WCAG 2.2); neither is a clause of EN 301 549 V3.2.1.
    tags = ["wcag211", "wcag213", "EN-301-549", "EN-9.2.1.1", "EN-9.2.1.3"]
    assert en_clauses_from_axe_tags(tags) == ["9.2.1.1"]
    assert en_clauses_from_axe_tags(tags, v321_only=False) == ["9.2.1.1", "9.2.1.3"]
    assert en_clauses_from_axe_tags(["wcag258", "EN-301-549", "EN-9.2.5.8"]) == []


# --- axe tags ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "tag, sc",
    [
        ("wcag111", "1.1.1"),
        ("wcag143", "1.4.3"),
        ("wcag1410", "1.4.10"),
        ("wcag1412", "1.4.12"),
        ("wcag2411", "2.4.11"),
        ("wcag258", "2.5.8"),
        ("wcag411", "4.1.1"),
        ("wcag412", "4.1.2"),
        ("WCAG412", "4.1.2"),
        (" wcag311 ", "3.1.1"),
    ],
)
def test_sc_from_axe_tag(tag, sc):
    assert sc_from_axe_tag(tag) == sc


@pytest.mark.parametrize(
    "tag",
    [
        "wcag2a", "wcag2aa", "wcag2aaa", "wcag21a", "wcag21aa", "wcag22aa",  # level tags
        "wcag", "wcag1", "wcag11", "wcag21", "wcag22",
        "wcag1414", "wcag259", "wcag511", "wcag011", "wcag1100", "wcag1410x",  # no such SC / malformed
        "best-practice", "cat.color", "EN-9.1.1.1", "EN-301-549", "section508.22.a", "TTv5", "ACT", "",
        "1.4.3", "wcag1.4.3",
    ],
)
def test_sc_from_axe_tag_rejects(tag):
    assert sc_from_axe_tag(tag) is None


def test_sc_from_axe_tag_non_string():
    assert sc_from_axe_tag(None) is None  # type: ignore[arg-type]
    assert sc_from_axe_tag(111) is None  # type: ignore[arg-type]


def test_criteria_from_axe_tags_sorted_and_deduplicated():
    tags = ["wcag2aa", "wcag1410", "wcag412", "wcag111", "wcag143", "wcag1410", "wcag21aa", "best-practice",
            "wcag149", "wcag2411", "wcag245"]
    assert criteria_from_axe_tags(tags) == ["1.1.1", "1.4.3", "1.4.9", "1.4.10", "2.4.5", "2.4.11", "4.1.2"]
    assert criteria_from_axe_tags([]) == []
    assert criteria_from_axe_tags(["wcag2a", "garbage"]) == []
    assert criteria_from_axe_tags(iter(["wcag111"])) == ["1.1.1"]


@pytest.mark.skipif(not AXE_JS.exists(), reason="vendored axe-core not present")
def test_every_tag_in_vendored_axe_is_understood():
    text = AXE_JS.read_text(encoding="utf-8", errors="replace")
    sc_tags = set(re.findall(r'"(wcag\d+)"', text))
    level_tags = set(re.findall(r'"(wcag2\d?a+)"', text))
    en_tags = set(re.findall(r'"(EN-9[\d.]+)"', text))
    assert sc_tags and level_tags
    for t in sc_tags:
        assert sc_from_axe_tag(t) is not None, t
    for t in level_tags:
        assert sc_from_axe_tag(t) is None, t
    # every EN clause axe uses either is a V3.2.1 clause or belongs to a criterion that V3.2.1 lacks
    for t in en_tags:
        clause = t[len("EN-"):]
        c = get(clause[2:])
        assert c is not None, t
        assert c.en301549 in (clause, ""), t


# --- ordering ------------------------------------------------------------------------------------------------


def test_sort_key():
    assert sort_key("1.4.10") == (1, 4, 10)
    assert sort_key("9.1.4.10") == (9, 1, 4, 10)
    assert sorted(["1.4.10", "2.1.1", "1.4.9", "1.4.3", "1.10.1"], key=sort_key) == [
        "1.4.3", "1.4.9", "1.4.10", "1.10.1", "2.1.1",
    ]
    with pytest.raises(ValueError):
        sort_key("wcag111")
    with pytest.raises(ValueError):
        sort_key("")


def test_criteria_dict_is_in_wcag_order():
    keys = list(CRITERIA)
    assert keys == sorted(keys, key=sort_key)
    assert keys[0] == "1.1.1" and keys[-1] == "4.1.3"
    assert keys.index("1.4.10") == keys.index("1.4.9") + 1
    assert keys.index("2.4.13") == keys.index("2.4.12") + 1 == keys.index("2.4.11") + 2


def test_criteria_filter_validates():
    with pytest.raises(ValueError):
        s.criteria(max_level="AAAA")
    with pytest.raises(ValueError):
        s.criteria(version="3.0")
    aa21 = s.criteria(max_level="AA", version="2.1")
    assert [c.sc for c in aa21] == sorted((c.sc for c in aa21), key=sort_key)
    assert {c.en301549 for c in aa21} == {c.en301549 for c in CRITERIA.values()} - {""}
