"""The keyboard walk ends on any page: a trap, 2,000 focusable elements, scripts that move focus around.

Real Chromium, the real keyboard gatherer (CDP key presses) at the desktop viewport, and the DI rules. The bound
is in key presses (MAX_STEPS forward, MAX_REVERSE back), not in time: the machine is shared.
"""
from __future__ import annotations

import pytest

from auditor.gatherers import keyboard as kbmod
from tests.conftest import page
from tests.test_device_harness import DEFAULT_VPS, render_pages

pytestmark = pytest.mark.e2e

DESKTOP = DEFAULT_VPS[2:]
# Presses the walk may use at most: forward, back, the trap checks (cycle re-check, Shift+Tab, Escape + Tab).
MAX_PRESSES = kbmod.MAX_STEPS + kbmod.MAX_REVERSE + 2 * 40 + 3 + kbmod.BATCH

LINKS = "".join(f'<a href="#l{i}">Linkki {i}</a> ' for i in range(12))
PAGES = {
    # Tab and Shift+Tab swap between two fields; Escape does nothing.
    "trap-two.html": page("Ansa", '<p><a href="#a">Ennen</a></p><div id="w"><label>Etunimi <input id="a"></label>'
                                  '<label>Sukunimi <input id="b"></label></div><p><a href="#b">Jälkeen</a></p>'
                                  '<script>w.addEventListener("keydown", e => { if (e.key === "Tab") { '
                                  'e.preventDefault(); (document.activeElement === a ? b : a).focus(); } });</script>'),
    # The same, but Escape lets go (focus back to what opened it): a dialog-like widget, not a trap.
    "escape.html": page("Esc", '<p><a href="#a" id="o">Avaa</a></p><div id="w"><label>Etunimi <input id="a">'
                               '</label><label>Sukunimi <input id="b"></label></div><p><a href="#b">Jälkeen</a></p>'
                               '<script>w.addEventListener("keydown", e => { if (e.key === "Escape") o.focus(); '
                               'if (e.key === "Tab") { e.preventDefault(); '
                               '(document.activeElement === a ? b : a).focus(); } });</script>'),
    # A text area that swallows every Tab (an editor that inserts tabs) and offers no way out.
    "trap-one.html": page("Ansa 2", '<p><a href="#a">Ennen</a></p><label>Koodi <textarea id="t"></textarea></label>'
                                    '<p><a href="#b">Jälkeen</a></p><script>t.addEventListener("keydown", e => { '
                                    'if (e.key === "Tab") e.preventDefault(); });</script>'),
    # 2,000 links: the walk stops at its bound, incomplete, and claims nothing it did not see.
    "many.html": page("Paljon", "<p>" + "".join(f'<a href="#k{i}">Kohta {i}</a> ' for i in range(2000)) + "</p>"),
    # Every focus sends focus to a random link a moment later.
    "random.html": page("Satunnainen", f"<p>{LINKS}</p><script>const ls = [...document.querySelectorAll('a')];"
                                       "document.addEventListener('focusin', () => setTimeout(() => "
                                       "ls[Math.floor(Math.random() * ls.length)].focus(), 0));</script>"),
    # A timer moves focus every 5 ms, whatever the user does.
    "timer.html": page("Ajastin", f"<p>{LINKS}</p><script>const ls = [...document.querySelectorAll('a')]; let i = 0;"
                                  "setInterval(() => ls[(i += 5) % ls.length].focus(), 5);</script>"),
    # Focusing the sixth link sends focus back to the first: Tab never gets past it, Shift+Tab does.
    "back.html": page("Takaisin", f"<p>{LINKS}</p><script>const ls = [...document.querySelectorAll('a')];"
                                  "ls[5].addEventListener('focus', () => ls[0].focus());</script>"),
}


@pytest.fixture(scope="module")
def walked(tmp_path_factory):
    from auditor.demo import StaticSite
    from tests.conftest import write_site

    root = write_site(tmp_path_factory.mktemp("kb"), PAGES)
    with StaticSite(root) as site:
        rs = render_pages([site.url + n for n in PAGES], viewports=DESKTOP, enabled=frozenset({"keyboard"}))
    return {r.url.rsplit("/", 1)[-1]: r for r in rs}


@pytest.mark.parametrize("name", list(PAGES))
def test_walk_ends(walked, name):
    r = walked[name]
    assert not r.error, r.error
    kb = r.per_vp["desktop"]["keyboard"]
    assert "error" not in kb, kb
    assert 0 < kb["steps"] <= MAX_PRESSES
    assert not [f for f in r.findings if f.outcome == "error"]


@pytest.mark.parametrize("name", ["trap-two.html", "trap-one.html"])
def test_trap_reported(walked, name):
    r = walked[name]
    kb = r.per_vp["desktop"]["keyboard"]
    assert kb["trap"], kb
    (f,) = r.of("DI-8")
    assert f.viewports == ("desktop",) and "trapped" in f.message


@pytest.mark.parametrize("name", ["many.html", "random.html", "timer.html", "back.html", "escape.html"])
def test_no_false_trap(walked, name):
    assert not walked[name].of("DI-8"), walked[name].per_vp["desktop"]["keyboard"].get("trap")


def test_many_focusables_bounded_and_incomplete(walked):
    kb = walked["many.html"].per_vp["desktop"]["keyboard"]
    assert kb["tabbables"] == 2000 and not kb["complete"]
    # Bounded by presses or by time, whichever comes first (a loaded machine presses slower).
    assert kb["steps"] <= kbmod.MAX_STEPS + kbmod.BATCH
    assert kb["steps"] >= kbmod.MAX_STEPS or (kb["timed_out"] and kb["steps"] >= 2 * kbmod.BATCH)
    assert len(kb["order"]) >= min(kb["steps"], kbmod.MAX_STEPS) - kbmod.BATCH
    # an incomplete walk reports no element as unreachable
    assert not walked["many.html"].of("DI-11")


def test_focus_sent_back_is_review(walked):
    r = walked["back.html"]
    kb = r.per_vp["desktop"]["keyboard"]
    assert kb["forward_blocked"]["escape"] == "shift+tab"
    assert [f for f in r.of("DI-11", "review") if "only shift+tab gets out" in f.message]


@pytest.mark.parametrize("name", ["random.html", "timer.html"])
def test_focus_moving_by_itself_is_review_not_claims(walked, name):
    r = walked[name]
    kb = r.per_vp["desktop"]["keyboard"]
    assert kb.get("self_moving") and not kb["complete"] and not kb["unreached"]
    assert [f for f in r.of("DI-15", "review") if "moves on its own" in f.message]
    assert not r.of("DI-11")


def test_escape_lets_go(walked):
    kb = walked["escape.html"].per_vp["desktop"]["keyboard"]
    assert kb["forward_blocked"]["escape"] == "escape" and not kb["trap"]
