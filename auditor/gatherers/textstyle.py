"""Text presentation of running text at each viewport (ACC-50..ACC-55, WCAG 1.4.8 AAA: advisory) and running
text that scrolls sideways inside its own box at narrow widths (DI-16, WCAG 1.4.10).

One `page.evaluate` of textstyle.js per viewport: computed styles of text blocks, read-only, bounded.
"""
from __future__ import annotations

from pathlib import Path

from auditor.gatherers.device import NARROW_MAX
from auditor.render import viewport_gatherer

TEXTSTYLE_JS = (Path(__file__).with_name("textstyle.js")).read_text(encoding="utf-8")

PARAMS = {
    # Elements looked at per viewport (a long page has a few thousand; the first ones hold the body text).
    "maxScan": 6000,
    "maxReport": 5,
    # "Running text": a block with at least this much text of its own and this many words (a sentence or two).
    "minChars": 60,
    "runningWords": 10,
    # All caps "longer than a few words" (issue 13): five words or more is past a label or a short heading.
    "capsWords": 5,
    # ... and at least this many letters (five short words; "EU" or "KELA" alone is an abbreviation).
    "capsChars": 20,
    # Long italics: a passage of about three lines at 80 characters.
    "italicChars": 200,
    # Very small body text: below 12 CSS px (9 pt). WCAG sets no minimum; 12 px is under every body-text size
    # in common public-sector style guides (GOV.UK 16–19 px, suomi.fi 16 px).
    "smallPx": 12,
    # WCAG 1.4.8: line spacing at least space-and-a-half within paragraphs; line width at most 80 characters.
    "minLeading": 1.5,
    "maxChars": 80,
    # 1.4.10 applies at 320 CSS px; the narrow class of the device gatherers.
    "narrowMax": NARROW_MAX,
}


@viewport_gatherer("textstyle")
async def textstyle(page, viewport, out_dir) -> dict:
    return await page.evaluate(TEXTSTYLE_JS, PARAMS)
