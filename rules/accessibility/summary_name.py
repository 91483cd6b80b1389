"""ACC-1: a `<summary>` that opens its `<details>` has a non-empty accessible name (ACT 2t702h).

The first `<summary>` child of a `<details>` element is the disclosure's button. Without a name, a screen
reader announces only "button" or a browser default such as "Details", so the user cannot tell what opens.
An explicit role other than none/presentation makes the element something else (out of scope here);
role="none" is ignored on a focusable element (ARIA's presentational-role conflict rule), so it still counts.
"""
from __future__ import annotations

from collections.abc import Iterator

from auditor.registry import Hit, PageArtifacts, msg, rule


@rule(
    "ACC-1",
    title_en="Disclosure button without a name",
    title_fi="Avautuvalla painikkeella ei ole nimeä",
    title_sv="Utfällbar knapp utan namn",
    help_sv=(
        "Ge summary-elementet ett namn: synlig text i det (eller aria-label / aria-labelledby)."
    ),
    area="accessibility",
    requires=("a11y_facts",),
    impact="serious",
    outcome="fail",
    wcag=("4.1.2",),
    act=("2t702h",),
    help_en="Give the summary element a name: visible text inside it (or aria-label / aria-labelledby).",
    help_fi="Anna summary-elementille nimi: näkyvä teksti sen sisällä (tai aria-label / aria-labelledby).",
)
def summary_name(art: PageArtifacts) -> Iterator[Hit]:
    """The first summary child of each rendered details element must have a non-empty accessible name."""
    facts = art.page.get("a11y_facts") or {}
    for s in facts.get("summaries") or []:
        if s.get("role") and s["role"] not in ("none", "presentation"):
            continue
        if not (s.get("name") or "").strip():
            yield Hit(selector=s.get("selector") or "summary", snippet=s.get("html", ""),
                      message=msg(
                          en="The summary element (the button that opens the details) has no accessible name.",
                          fi="summary-elementillä (painike, joka avaa lisätiedot) ei ole saavutettavaa nimeä.",
                          sv="summary-elementet (knappen som fäller ut detaljerna) har inget tillgängligt namn."))
