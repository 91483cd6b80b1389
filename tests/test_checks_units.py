"""Own checks of issue 13 over hand-built artifacts: the pure decisions, no browser."""
from __future__ import annotations

import io

import pytest

from auditor import engine, registry
from auditor.gatherers.checks import _candidates, animation_of
from auditor.registry import PageArtifacts
from rules.accessibility import images_extra, interaction, links, structure, tables


def art(**checks) -> PageArtifacts:
    return PageArtifacts(url="http://h/x", viewports={"desktop": {}}, page={"checks": checks})


def link(sel, name, href="http://h/a", **kw):
    return {"sel": sel, "name": name, "href": href, "raw": href, "tag": "a", **kw}


def run(code: str, a: PageArtifacts):
    return engine.run_rules([registry.discover()[code]], a, list(a.viewports))


# ---- links ----
@pytest.mark.parametrize("name", ["Lue lisää", "lue lisää »", "Läs mer", "Klicka här", "click here", "Read more…",
                                  "Klikkaa tästä"])
def test_generic_link_text_in_three_languages(name):
    assert [h.selector for h in links.generic_text(art(links=[link("#a", name)]))] == ["#a"]


def test_generic_link_with_a_describing_description_passes_and_a_real_name_passes():
    a = art(links=[link("#a", "Lue lisää", described="Uimahallin aukioloajat"),
                   link("#b", "Lue lisää uimahallista"), link("#c", "Lisää", described="lue lisää")])
    assert [h.selector for h in links.generic_text(a)] == ["#c"]


def test_same_text_different_places_ignores_fragments_and_distinct_descriptions():
    a = art(links=[link("#a", "Hakemus", "http://h/a#x"), link("#b", "Hakemus", "http://h/a/"),
                   link("#h", "Etusivu", "http://h/"), link("#i", "Etusivu", "http://h/index.html"),
                   link("#c", "Ohje", "http://h/1"), link("#d", "Ohje", "http://h/2"),
                   link("#e", "Lomake", "http://h/1", described="rakennuslupa"),
                   link("#f", "Lomake", "http://h/2", described="ympäristölupa")])
    assert [h.selector for h in links.same_text_different_targets(a)] == ["#c"]


def test_new_window_warned_in_fi_sv_en_passes():
    a = art(links=[link("#a", "Kartta", target="_blank"), link("#b", "Kartta (avautuu uuteen ikkunaan)", target="_blank"),
                   link("#c", "Karta", target="_blank", title="Öppnas i nytt fönster"),
                   link("#d", "Map", target="_blank", described="opens in a new tab"), link("#e", "x", target="_self")])
    assert [h.selector for h in links.new_window(a)] == ["#a"]


def test_document_link_format_and_punctuation_and_button_links():
    a = art(links=[link("#a", "Hakuohje", "http://h/d/ohje.PDF"), link("#b", "Hakuohje (PDF)", "http://h/ohje.pdf"),
                   link("#c", "Lomake (Word)", "http://h/l.docx"), link("#d", "Sivu", "http://h/s.html")])
    assert [h.selector for h in links.document_format(a)] == ["#a"]
    a = art(links=[link("#a", "»"), link("#b", "raportti_2024.pdf"), link("#c", "Raportti 2024 (PDF)"),
                   link("#d", "")])
    assert [h.selector for h in links.punctuation_or_file_name(a)] == ["#a", "#b"]
    a = art(links=[{**link("#a", "Näytä"), "raw": "#"}, {**link("#b", "Tulosta"), "raw": " JavaScript:print()"},
                   {**link("#c", "Avaa"), "raw": "#", "role": "button"}, {**link("#d", "Sisältöön"), "raw": "#main"}])
    assert [h.selector for h in links.link_as_button(a)] == ["#a", "#b"]


# ---- tables ----
def table(sel, **kw):
    base = {"sel": sel, "role": "", "rows": 3, "widths": [2, 2, 2], "th": 0, "scope": False, "headers": False,
            "nested": False, "blocks": 0, "caption": False, "summary": "", "header_rows": 0, "th_spans": False}
    return {**base, **kw}


def test_data_table_headers_fail_when_shown_review_when_not_layout_ignored():
    a = art(tables=[table("#shown", first_row_distinct=True), table("#plain"), table("#layout", role="presentation"),
                    table("#blocks", blocks=3), table("#ok", th=2), table("#one", widths=[1, 1, 1])])
    hits = list(tables.data_table_without_headers(a))
    assert [(h.selector, h.outcome) for h in hits] == [("#shown", None), ("#plain", "review")]


def test_layout_table_markup_ragged_and_complex():
    a = art(tables=[table("#a", role="presentation", th=1), table("#b", role="none", summary="x"),
                    table("#c", role="presentation")])
    assert [h.selector for h in tables.layout_table_markup(a)] == ["#a", "#b"]
    a = art(tables=[table("#r", widths=[3, 2, 3], th=3), table("#s", widths=[3, 3, 3])])
    assert [h.selector for h in tables.ragged_rows(a)] == ["#r"]
    # Headers in the first row and column only: a simple table browsers map without scope (H51).
    a = art(tables=[table("#simple", th=5, header_rows=1), table("#two", th=6, header_rows=2),
                    table("#span", th=3, header_rows=1, th_spans=True), table("#scoped", th=6, header_rows=2, scope=True)])
    assert [h.selector for h in tables.complex_without_scope(a)] == ["#two", "#span"]


# ---- structure ----
def test_referenced_duplicate_ids_fail_others_advisory():
    a = art(duplicates=[{"id": "nimi", "count": 2, "refs": [{"attr": "for", "sel": "label"}], "sel": "#x"},
                        {"id": "kortti", "count": 3, "refs": [], "sel": "div"}])
    f = {x.rule: x for x in run("ACC-30", a) + run("ACC-31", a)}
    assert f["ACC-30"].outcome == "fail" and not f["ACC-30"].advisory and "for" in f["ACC-30"].message
    assert f["ACC-31"].advisory and "3 times" in f["ACC-31"].message
    assert "kolme" not in f["ACC-31"].messages["fi"] and "3 kertaa" in f["ACC-31"].messages["fi"]


def test_structure_advisories():
    a = art(empty_runs=[{"sel": "p", "kind": "p", "count": 2}, {"sel": "div", "kind": "br", "count": 4}],
            presentational=[{"sel": "center", "tag": "center"}], accesskeys=[{"sel": "a", "key": "s"}])
    assert [h.message.fi for h in structure.spacing_markup(a)] == ["2 tyhjää kappaletta peräkkäin.",
                                                                   "4 rivinvaihtoa (<br>) peräkkäin."]
    assert len(list(structure.presentational_elements(a))) == 1 and len(list(structure.accesskey(a))) == 1


# ---- images ----
def gif(frames: int, ms: int, loop: int | None) -> bytes:
    from PIL import Image

    ims = [Image.new("P", (8, 8), i % 2) for i in range(frames)]
    for im in ims:
        im.putpalette([0, 0, 0, 255, 255, 255] + [0] * 762)
    buf = io.BytesIO()
    kw = {"save_all": True, "append_images": ims[1:], "duration": ms}
    if loop is not None:
        kw["loop"] = loop
    ims[0].save(buf, format="GIF", **kw)
    return buf.getvalue()


def test_animation_frames_and_durations_with_pillow():
    assert animation_of(gif(10, 800, 0)) == {"format": "GIF", "frames": 10, "duration_ms": 8000, "loop": 0}
    assert animation_of(gif(3, 200, None))["loop"] is None
    assert animation_of(gif(1, 100, 0)) is None  # a still image
    assert animation_of(b"not an image") is None
    # Chromium shows frames of 10 ms or less for 100 ms.
    assert animation_of(gif(4, 0, None))["duration_ms"] == 400


@pytest.mark.parametrize("anim,long", [({"duration_ms": 1000, "loop": 0}, True), ({"duration_ms": 6000}, True),
                                       ({"duration_ms": 2000, "loop": 1}, False), ({"duration_ms": 2000, "loop": 2}, True),
                                       ({"duration_ms": 4000, "loop": None}, False)])
def test_plays_longer_than_five_seconds(anim, long):
    assert images_extra.plays_too_long(anim) is long


def test_animated_image_needs_review_unless_a_control_is_next_to_it():
    anims = {"http://h/a.gif": {"frames": 10, "duration_ms": 8000, "loop": 0}}
    imgs = [{"sel": "#a", "src": "http://h/a.gif", "vis": True}, {"sel": "#b", "src": "http://h/a.gif", "vis": True,
                                                                "control": True}]
    assert [h.selector for h in images_extra.animated_image(art(images=imgs, animations=anims))] == ["#a"]
    assert _candidates([{"src": "http://h/a.gif", "vis": True, "w": 64, "h": 64},
                        {"src": "http://h/b.GIF?v=2", "vis": True, "w": 64, "h": 64},
                        {"src": "http://h/c.jpg", "vis": True, "w": 64, "h": 64},
                        {"src": "http://h/d.gif", "vis": True, "w": 16, "h": 16},
                        {"src": "data:image/gif;base64,x", "vis": True, "w": 64, "h": 64}]) == \
        ["http://h/a.gif", "http://h/b.GIF?v=2"]


def test_alt_title_and_svg():
    imgs = [{"sel": "#a", "vis": True, "alt": "Kunnantalo", "title": "Uimahalli"},
            {"sel": "#b", "vis": True, "alt": "Kunnantalo", "title": "Kunnantalo talvella"},
            {"sel": "#c", "vis": True, "alt": "", "title": "Lastenosasto"},
            {"sel": "#d", "vis": True, "alt": "", "title": "Lastenosasto", "aria": 1}]
    assert [h.selector for h in images_extra.alt_title_disagree(art(images=imgs))] == ["#a"]
    assert [h.selector for h in images_extra.empty_alt_with_title(art(images=imgs))] == ["#c"]
    svgs = [{"sel": "#chart", "w": 200, "h": 120, "shapes": 5, "text": ""}, {"sel": "#icon", "w": 16, "h": 16,
            "shapes": 1, "text": ""}, {"sel": "#t", "w": 40, "h": 20, "shapes": 0, "text": "2025"},
            {"sel": "#inlink", "w": 200, "h": 200, "shapes": 5, "text": "x", "control": {"sel": "a"}}]
    assert [h.selector for h in images_extra.svg_without_name(art(svgs=svgs))] == ["#chart", "#t"]


# ---- interaction ----
def iart(**data) -> PageArtifacts:
    return PageArtifacts(url="http://h/x", viewports={"desktop": {}}, page={"interact": data})


def test_change_of_context_fail_and_focus_review():
    inputs = [{"sel": "#a", "kind": "selects", "navigation": ["http://h/sv"]},
              {"sel": "#b", "kind": "checks", "popup": ["http://h/p"]},
              {"sel": "#c", "kind": "texts", "submitted": True},
              {"sel": "#d", "kind": "selects", "focus_moved": {"sel": "#e"}},
              {"sel": "#f", "kind": "texts"}, {"sel": "#g", "kind": "texts", "error": "TimeoutError",
                                                "navigation": ["x"]}]
    hits = list(interaction.change_of_context(iart(inputs=inputs)))
    assert [(h.selector, h.outcome) for h in hits] == [("#a", None), ("#b", None), ("#c", None), ("#d", "review")]
    assert "new window" in hits[1].message and "uuden ikkunan" in hits[1].message.fi


def test_form_errors_decisions():
    forms = [
        {"sel": "#colour", "result": "stayed", "texts": [], "invalid": [{"sel": "#n"}]},
        {"sel": "#nothing", "result": "stayed", "texts": [], "invalid": []},
        {"sel": "#silent", "result": "stayed", "texts": [{"sel": "#s", "text": "Virhe", "live": False}],
         "invalid": [{"sel": "#m"}, {"sel": "#k", "near": True}], "focus_in_error": False, "focus_on_invalid": False},
        {"sel": "#alert", "result": "stayed", "texts": [{"sel": "#t", "text": "Virhe", "live": True}],
         "invalid": [{"sel": "#o", "assoc": True}]},
        {"sel": "#focus", "result": "stayed", "texts": [{"sel": "#u", "text": "Virhe", "live": False}],
         "invalid": [], "focus_on_invalid": True},
        {"sel": "#left", "result": "left", "texts": [], "invalid": []},
        {"sel": "#native", "result": "native"},
    ]
    a = iart(forms=forms)
    assert [(h.selector, h.outcome) for h in interaction.errors_not_text(a)] == [("#colour", None),
                                                                                 ("#nothing", "review")]
    assert [h.selector for h in interaction.errors_not_tied(a)] == ["#m"]
    assert [h.selector for h in interaction.errors_not_announced(a)] == ["#s"]
    assert list(interaction.change_of_context(iart(error="x"))) == []


def test_every_new_rule_is_trilingual_and_cites_its_source():
    import re

    rules = {c: r for c, r in registry.discover().items() if re.match(r"^(ACC-[1-6]\d|DI-16)$", c)}
    assert len(rules) == 34
    for code, r in rules.items():
        assert r.title_en and r.title_fi and r.title_sv, code
        assert r.help_en and r.help_fi and r.help_sv, code
        assert re.search(r"\b([A-Z]+\d+|\d\.\d\.\d+)\b", r.help_en), code  # a technique or an SC
        assert r.outcome in ("fail", "review"), code
        if r.advisory:
            assert r.outcome == "fail" and r.impact == "minor", code


def test_dialog_focus_problems_one_hit_each():
    dialogs = [{"sel": "#a", "opened": True, "modal": True, "focus_in": False, "focus_left": True,
                "escape_closes": False, "focus_returned": None},
               {"sel": "#b", "opened": True, "modal": False, "focus_in": True, "focus_left": True,
                "escape_closes": True, "focus_returned": False},
               {"sel": "#c", "opened": True, "modal": True, "focus_in": True, "focus_left": False,
                "escape_closes": True, "focus_returned": True},
               {"sel": "#d", "opened": False}, {"sel": "#e", "error": "TimeoutError"}]
    hits = list(interaction.dialog_focus(iart(dialogs=dialogs)))
    assert [(h.selector, h.key) for h in hits] == [("#a", "in"), ("#a", "left"), ("#a", "esc"), ("#b", "back")]
