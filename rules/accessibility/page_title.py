"""ACC-2: the page title describes the page (ACT c4a8a4).

Whether a title describes its page is a judgement; a machine can only find the titles that certainly do not
(placeholders and file names: a failure) and the ones worth a person's look (*needs review*): the document has
several title elements (browsers use the first; ACT c4a8a4 Failed Example 2), or the title shares no word with
the page's headings and the start of its text. Words are compared by their first five letters, so that
inflected Finnish and Swedish forms meet (rakennuslupa / rakennusluvan).
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.registry import Hit, PageArtifacts, msg, rule

# Titles that editors and site tools leave behind: they describe no page (WCAG technique F25 names the
# "Untitled Document" default of authoring tools). Compared in lower case, whole title.
PLACEHOLDERS = frozenset({
    "untitled", "untitled document", "untitled page", "document", "new document", "new page", "page",
    "page title", "title", "no title", "home page title", "insert title here", "my page", "index",
    "nimetön", "nimetön asiakirja", "otsikko", "sivun otsikko", "namnlös", "namnlöst dokument", "rubrik",
})
FILE_NAME = re.compile(r"^[\w.~-]+\.(?:s?html?|php\d?|aspx?|jsp|cfm|txt|pdf|docx?)$", re.I)
URL = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
# First letters compared: enough to match Finnish and Swedish inflection of a stem, few false matches.
STEM = 5
WORD = re.compile(r"[^\W\d_]{4,}", re.U)


def _stems(text: str) -> set[str]:
    return {w.lower()[:STEM] for w in WORD.findall(text or "")}


@rule(
    "ACC-2",
    title_en="Page title does not describe the page",
    title_fi="Sivun otsikko ei kuvaa sivua",
    title_sv="Sidans titel beskriver inte sidan",
    help_sv=(
        "Skriv en titel som säger vad sidan handlar om (och webbplatsens namn), olika på varje sida."
    ),
    area="accessibility",
    requires=("a11y_facts",),
    impact="serious",
    outcome="review",
    wcag=("2.4.2",),
    act=("c4a8a4",),
    help_en="Write a title that says what the page is about (and the site name), different on every page.",
    help_fi="Kirjoita sivulle otsikko, joka kertoo sivun aiheen (ja sivuston nimen), eri jokaisella sivulla.",
)
def descriptive_title(art: PageArtifacts) -> Iterator[Hit]:
    """Placeholder or file-name titles fail; several titles, or a title unrelated to the content, need review."""
    facts = art.page.get("a11y_facts") or {}
    if not facts.get("is_html", True):
        return
    titles = [t for t in facts.get("titles") or []]
    if not titles or not titles[0].strip():
        return  # no title at all: "page has a title" rules (AXE-document-title) report that
    title = titles[0].strip()
    snippet = f"<title>{title[:200]}</title>"
    low = title.lower().strip(" .-–|")
    if low in PLACEHOLDERS or FILE_NAME.match(low) or URL.match(low):
        yield Hit(selector="title", snippet=snippet, outcome="fail",
                  message=msg(
                      en=f"The page title “{title[:120]}” is a placeholder or file name, not a description.",
                      fi=f"Sivun otsikko ”{title[:120]}” on paikkamerkki tai tiedostonimi eikä kuvaa sivua.",
                      sv=f"Sidans titel ”{title[:120]}” är en platshållare eller ett filnamn, ingen "
                         "beskrivning."))
        return
    if len(titles) > 1:
        yield Hit(selector="title", snippet=snippet,
                  message=msg(
                      en=f"The document has {len(titles)} title elements; browsers use the first "
                         f"(“{title[:120]}”). Check that it describes the page, and remove the others.",
                      fi=f"Sivulla on {len(titles)} title-elementtiä; selain käyttää ensimmäistä "
                         f"(”{title[:120]}”). Tarkista, että se kuvaa sivua, ja poista muut.",
                      sv=f"Dokumentet har {len(titles)} title-element; webbläsare använder det första "
                         f"(”{title[:120]}”). Kontrollera att det beskriver sidan och ta bort de andra."))
        return
    content = " ".join(facts.get("headings") or []) + " " + (facts.get("text") or "")
    t_stems, c_stems = _stems(title), _stems(content)
    if t_stems and c_stems and not (t_stems & c_stems):
        yield Hit(selector="title", snippet=snippet,
                  message=msg(
                      en=f"The page title “{title[:120]}” shares no word with the page's headings or text: "
                         "check that it describes this page.",
                      fi=f"Sivun otsikossa ”{title[:120]}” ei ole yhtään samaa sanaa kuin sivun otsikoissa tai "
                         "tekstissä. Tarkista, että se kuvaa tätä sivua.",
                      sv=f"Sidans titel ”{title[:120]}” har inget ord gemensamt med sidans rubriker eller text: "
                         "kontrollera att den beskriver sidan."))
