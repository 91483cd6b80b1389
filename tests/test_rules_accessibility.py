"""Own accessibility rules (ACC-*, AXE-AAA) over hand-built artifacts: no browser."""
from __future__ import annotations

from auditor.registry import PageArtifacts
from rules.accessibility.axe_aaa import axe_aaa_findings
from rules.accessibility.image_name import descriptive_image_name
from rules.accessibility.page_title import descriptive_title
from rules.accessibility.summary_name import summary_name


def art(**facts) -> PageArtifacts:
    base = {"is_html": True, "titles": [], "headings": [], "text": "", "summaries": [], "images": []}
    base.update(facts)
    return PageArtifacts(url="http://127.0.0.1/x", viewports={"desktop": {}}, page={"a11y_facts": base})


def test_summary_without_name_fails_named_and_other_roles_pass():
    hits = list(summary_name(art(summaries=[
        {"selector": "#a", "role": "", "name": ""},
        {"selector": "#b", "role": "none", "name": ""},  # role none is ignored on a focusable summary
        {"selector": "#c", "role": "", "name": "Aukioloajat"},
        {"selector": "#d", "role": "button", "name": ""},  # another role: not this rule's business
    ])))
    assert [h.selector for h in hits] == ["#a", "#b"]


def test_title_placeholder_fails():
    hits = list(descriptive_title(art(titles=["Untitled Document"], text="Rakennuslupa")))
    assert [(h.outcome, h.selector) for h in hits] == [("fail", "title")]
    assert list(descriptive_title(art(titles=["index.html"], text="x")))[0].outcome == "fail"


def test_title_that_shares_a_word_with_the_content_passes_across_inflection():
    a = art(titles=["Rakennuslupa – Esimerkkikunta"], headings=["Rakennusluvan hakeminen"],
            text="Rakennusluvan hakeminen verkossa")
    assert list(descriptive_title(a)) == []


def test_title_unrelated_to_content_or_several_titles_need_review():
    h = list(descriptive_title(art(titles=["Apple orchard"], text="Clementines will be ready in October")))
    assert [x.outcome for x in h] == [None]  # the declared outcome: review
    h = list(descriptive_title(art(titles=["First", "Second"], text="First")))
    assert len(h) == 1 and "2 title elements" in h[0].message


def test_no_title_or_non_html_is_not_this_rules_business():
    assert list(descriptive_title(art(titles=[]))) == []
    assert list(descriptive_title(art(titles=["Circle"], is_html=False))) == []


def test_image_name_file_name_or_generic_word_fails():
    imgs = [{"selector": "#a", "name": "IMG_2041.JPG", "src": "http://h/IMG_2041.JPG"},
            {"selector": "#b", "name": "kuva", "src": "http://h/a.png"},
            {"selector": "#c", "name": "Kunnantalo talvella", "src": "http://h/kunnantalo.jpg"},
            {"selector": "#d", "name": "", "src": "http://h/x.png"}]
    hits = list(descriptive_image_name(art(images=imgs)))
    assert [(h.selector, h.outcome) for h in hits] == [("#a", "fail"), ("#b", "fail")]


def test_image_name_unrelated_to_file_name_needs_review():
    imgs = [{"selector": "#a", "name": "ERCIM logo", "src": "http://h/shared/w3c-logo.png"},
            {"selector": "#b", "name": "W3C logo", "src": "http://h/shared/w3c-logo.png"},
            {"selector": "#c", "name": "Lapsia leikkimässä", "src": "http://h/DSC_0042.jpg"}]
    hits = list(descriptive_image_name(art(images=imgs)))
    assert [(h.selector, h.outcome) for h in hits] == [("#a", None)]


def test_axe_aaa_family_converts_violations_and_incomplete():
    data = {"violations": [{"id": "color-contrast-enhanced", "impact": "serious", "tags": ["wcag2aaa", "wcag146"],
                            "actIds": ["09o5cg"], "help": "h", "helpUrl": "u",
                            "nodes": [{"target": ["p"], "html": "<p>x</p>", "failureSummary": "low"}]}],
            "incomplete": [{"id": "identical-links-same-purpose", "impact": "minor", "tags": ["wcag2aaa", "wcag249"],
                            "actIds": ["b20e66"], "nodes": [{"target": ["a"], "html": "<a>x</a>"}]}]}
    a = PageArtifacts(url="u", viewports={"mobile": {"axe_aaa": data}, "desktop": {"axe_aaa": {"same_as": "mobile"}}})
    hits = list(axe_aaa_findings(a))
    assert [(h.code, h.outcome, h.act, h.advisory, h.viewport) for h in hits] == [
        ("AXE-color-contrast-enhanced", "fail", ("09o5cg",), True, None),
        ("AXE-identical-links-same-purpose", "review", ("b20e66",), True, None)]
    assert list(axe_aaa_findings(PageArtifacts(url="u", viewports={"desktop": {"axe_aaa": {"error": "x"}}}))) == []


def test_images_of_text_need_review_with_the_words_read():
    from rules.accessibility.image_text import images_of_text

    data = {"available": True, "images": [
        {"sel": "#a", "kind": "img", "html": "<img id=a>", "words": [{"text": "Tervetuloa", "conf": 93.0}]},
        {"sel": "#b", "kind": "img", "html": "<img id=b>", "words": []}]}
    hits = list(images_of_text(PageArtifacts(url="u", viewports={}, page={"image_text": data})))
    assert [(h.selector, h.outcome) for h in hits] == [("#a", None)]
    assert "Tervetuloa" in hits[0].message and hits[0].evidence == {"ocr_words": ["Tervetuloa"]}


def test_ocr_keeps_only_confident_words_of_two_characters_or_more():
    from auditor.gatherers.image_text import words_from_tsv

    head = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    rows = ["5\t1\t1\t1\t1\t1\t0\t0\t10\t10\t96.1\tTervetuloa",
            "5\t1\t1\t1\t1\t2\t0\t0\t10\t10\t41.0\tPanas",  # photo noise: low confidence
            "5\t1\t1\t1\t1\t3\t0\t0\t10\t10\t95.0\tA.",  # too short
            "5\t1\t1\t1\t1\t3\t0\t0\t10\t10\t91.0\tW3C",
            "4\t1\t1\t1\t1\t0\t0\t0\t10\t10\t-1\t"]
    assert words_from_tsv("\n".join([head, *rows])) == [{"text": "Tervetuloa", "conf": 96.1},
                                                         {"text": "W3C", "conf": 91.0}]


def test_image_of_running_text_that_its_alt_repeats_fails_but_a_logo_does_not():
    from rules.accessibility.image_text import images_of_text

    words = [{"text": w, "conf": 95.0} for w in "Tervetuloa Esimerkkikunnan asiointipalveluun verkossa".split()]
    data = {"images": [
        {"sel": "#a", "kind": "img", "name": "Tervetuloa Esimerkkikunnan asiointipalveluun verkossa.", "words": words},
        {"sel": "#b", "kind": "img", "name": "Esimerkkikunnan logo: Tervetuloa asiointipalveluun verkossa",
         "words": words},
        {"sel": "#c", "kind": "img", "name": "", "words": words}]}
    hits = list(images_of_text(PageArtifacts(url="u", viewports={}, page={"image_text": data})))
    assert [(h.selector, h.outcome) for h in hits] == [("#a", "fail"), ("#b", None), ("#c", None)]


def test_image_showing_words_its_name_lacks_needs_review():
    data = {"images": [
        {"sel": "#a", "name": "HTML 5 logo", "words": [{"text": "W3C", "conf": 90.0}]},
        {"sel": "#b", "name": "W3C logo", "words": [{"text": "W3C", "conf": 90.0}]},
        {"sel": "#c", "name": "HTML5", "words": [{"text": "HTML", "conf": 90.0}]},
        {"sel": "#d", "name": "x", "ariaHidden": True, "words": [{"text": "W3C", "conf": 90.0}]}]}
    a = PageArtifacts(url="u", viewports={}, page={"a11y_facts": {"images": []}, "image_text": data})
    assert [(h.selector, h.outcome) for h in descriptive_image_name(a)] == [("#a", None)]
