"""ACC-4: an image shows text (ACT 0va7u6, WCAG 1.4.5 Images of Text, 1.4.9 without exception).

Text in an image cannot be resized, recoloured or respaced by the user, and is lost to translation and search.
OCR (auditor/gatherers/image_text.py) finds the images that show words. Whether one is allowed is a judgement
(a logotype, or a presentation that is essential, such as a font sample), so the finding is *needs review* —
with one exception that needs no judgement: the image shows running text (RUNNING_TEXT words or more) and its
own text alternative repeats that text. The author then says that the image *is* that text, which could have
been real text: a failure. Names that call the image a logo stay needs review.
"""
from __future__ import annotations

from collections.abc import Iterator

import re

from auditor.registry import Hit, PageArtifacts, msg, rule

# Words of running text (a phrase, not a logotype or a label of one or two words). The ACT images of text
# measured here: a paragraph gives 14 confident words; logos, buttons and photos give at most 2.
RUNNING_TEXT = 4
# Share of the image's words that its text alternative repeats.
REPEATED = 0.75
LOGO = re.compile(r"\b(logo\w*|logotyp\w*|tunnus|liikemerkki|varumärke|emblem)\b", re.I)
TOKEN = re.compile(r"[^\W_]+", re.U)


def _repeats_own_text(words: list[str], name: str) -> bool:
    if len(words) < RUNNING_TEXT or not name or LOGO.search(name):
        return False
    in_name = {t.lower() for t in TOKEN.findall(name)}
    toks = [t.lower() for w in words for t in TOKEN.findall(w)]
    return bool(toks) and sum(t in in_name for t in toks) / len(toks) >= REPEATED


@rule(
    "ACC-4",
    title_en="Image of text",
    title_fi="Tekstiä kuvana",
    title_sv="Text som bild",
    help_sv=(
        "Använd riktig text formaterad med CSS i stället för en bild av text (logotyper undantagna); om "
        "bilden måste stå kvar, ge samma text som dess textalternativ."
    ),
    area="accessibility",
    requires=("image_text",),
    impact="moderate",
    outcome="review",
    wcag=("1.4.5", "1.4.9"),
    act=("0va7u6",),
    help_en="Use real text styled with CSS instead of an image of text (logos excepted); if the image must stay, "
            "give the same text as its text alternative.",
    help_fi="Käytä kuvan sijaan CSS:llä muotoiltua tekstiä (logot poikkeuksena); jos kuva jää, anna sama teksti "
            "sen tekstivastineeksi.",
)
def images_of_text(art: PageArtifacts) -> Iterator[Hit]:
    """Images in which OCR reads words: running text repeated by the image's own text alternative fails; any other
    confidently read words need review (logo? essential presentation?)."""
    data = art.page.get("image_text") or {}
    for img in data.get("images") or []:
        # Three letters at least: shorter confident reads are mostly logo marks and photo noise.
        words = [w["text"] for w in img.get("words") or [] if len(re.sub(r"[\W\d_]", "", w["text"])) >= 3]
        if not words:
            continue
        shown = " ".join(words)[:160]
        if _repeats_own_text(words, img.get("name") or ""):
            yield Hit(selector=img.get("sel") or "img", snippet=img.get("html", ""), outcome="fail",
                      message=msg(
                          en=f"This image ({img.get('kind')}) shows the text “{shown}”, which its text alternative "
                             "repeats: an image of text. Use real text styled with CSS.",
                          fi=f"Tässä kuvassa ({img.get('kind')}) lukee ”{shown}”, ja sama teksti on sen "
                             "tekstivastineena: tekstiä kuvana. Käytä oikeaa tekstiä ja muotoile se CSS:llä.",
                          sv=f"Bilden ({img.get('kind')}) visar texten ”{shown}”, som dess textalternativ "
                             "upprepar: text som bild. Använd riktig text formaterad med CSS."),
                      evidence={"ocr_words": words[:40]})
            continue
        yield Hit(selector=img.get("sel") or "img", snippet=img.get("html", ""),
                  message=msg(
                      en=f"This image ({img.get('kind')}) shows text: “{shown}”. Use real text unless the image is "
                         "a logo or its presentation is essential.",
                      fi=f"Tässä kuvassa ({img.get('kind')}) on tekstiä: ”{shown}”. Käytä oikeaa tekstiä, ellei "
                         "kuva ole logo tai sen ulkoasu ole välttämätön.",
                      sv=f"Bilden ({img.get('kind')}) visar text: ”{shown}”. Använd riktig text om inte bilden "
                         "är en logotyp eller dess utseende är nödvändigt."),
                  evidence={"ocr_words": words[:40]})
