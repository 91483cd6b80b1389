"""ACC-3: an image's accessible name describes the image (ACT qt1vmo).

Whether a name describes its image is a judgement. Certain failures: the name is the image's file name, a file
name at all, or a word that only says "image" (kuva, bild, image, logo ...). Worth a person's look (*needs
review*): the image file's name has words and the accessible name shares none of them ("w3c-logo.png" named
"ERCIM logo"), or the image shows words (OCR, auditor/gatherers/image_text.py) none of which its name has (a
logo reading "W3C" named "HTML 5 logo") — signs that the name belongs to another image.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import unquote, urlsplit

from auditor.registry import Hit, PageArtifacts, msg, rule

IMAGE_FILE = re.compile(r"\.(?:png|jpe?g|gif|svg|webp|avif|bmp|tiff?|ico)$", re.I)
# Names that say only that there is an image, in Finnish, Swedish and English. Whole name, lower case.
GENERIC = frozenset({
    "image", "img", "picture", "pic", "photo", "photograph", "graphic", "icon", "logo", "spacer", "banner",
    "untitled", "blank", "placeholder", "alt", "alt text", "image description", "*", "-", "_",
    "kuva", "valokuva", "kuvake", "ikoni", "logo", "grafiikka", "kuvateksti",
    "bild", "foto", "fotografi", "ikon", "grafik", "bildtext",
})
# File-name words that carry no subject ("IMG_2041", "hero-banner-large") and so say nothing to compare.
NOISE = GENERIC | frozenset({"dsc", "dscn", "large", "small", "medium", "thumb", "thumbnail", "hero", "header",
                             "copy", "final", "web", "scaled", "min", "crop", "cropped", "default", "new", "old",
                             "version", "shared", "assets", "test", "screenshot", "kuvakaappaus", "button",
                             "btn", "nappi", "painike", "knapp", "text", "teksti", "bg", "background"})
WORD = re.compile(r"[^\W_]{3,}", re.U)
ALNUM = re.compile(r"[\W_]+", re.U)
# OCR words shorter than this (letters and digits) are too often misreads to compare with a name.
OCR_MIN_CHARS = 3


def _file_words(src: str) -> set[str]:
    if not src or src.startswith("data:"):
        return set()
    name = unquote(urlsplit(src).path.rsplit("/", 1)[-1])
    name = IMAGE_FILE.sub("", name)
    words = {w.lower() for w in WORD.findall(name)}
    return {w for w in words if w not in NOISE and not w.isdigit()}


@rule(
    "ACC-3",
    title_en="Image name does not describe the image",
    title_fi="Kuvan nimi ei kuvaa kuvaa",
    title_sv="Bildens namn beskriver inte bilden",
    help_sv=(
        "Namnge bilden efter vad den visar eller gör (inte med filnamnet eller ordet 'bild')."
    ),
    area="accessibility",
    requires=("a11y_facts",),
    impact="serious",
    outcome="review",
    wcag=("1.1.1",),
    act=("qt1vmo",),
    help_en="Name the image by what it shows or does (not by its file name or the word 'image').",
    help_fi="Nimeä kuva sen mukaan, mitä se esittää tai tekee (ei tiedostonimellä tai sanalla 'kuva').",
)
def descriptive_image_name(art: PageArtifacts) -> Iterator[Hit]:
    """File names and bare "image" words as names fail; a name unrelated to the image's file name needs review."""
    facts = art.page.get("a11y_facts") or {}
    flagged: set[str] = set()
    for h in _by_facts(facts):
        flagged.add(h.selector)
        yield h
    yield from _by_ocr(art.page.get("image_text") or {}, flagged)


def _by_ocr(data: dict, flagged: set[str]) -> Iterator[Hit]:
    for img in data.get("images") or []:
        name = (img.get("name") or "").strip()
        if not name or img.get("ariaHidden") or img.get("role") in ("presentation", "none") \
                or img.get("sel") in flagged:
            continue
        seen = [w["text"] for w in img.get("words") or [] if len(ALNUM.sub("", w["text"])) >= OCR_MIN_CHARS]
        if not seen:
            continue
        squashed = ALNUM.sub("", name).lower()
        if not any(ALNUM.sub("", w).lower() in squashed for w in seen):
            shown = " ".join(seen)[:80]
            yield Hit(selector=img.get("sel") or "img", snippet=img.get("html", ""),
                      message=msg(
                          en=f"The image shows “{shown}” but its name is “{name[:120]}”: check that the name "
                             "describes this image.",
                          fi=f"Kuvassa lukee ”{shown}”, mutta sen nimi on ”{name[:120]}”. Tarkista, että nimi "
                             "kuvaa tätä kuvaa.",
                          sv=f"Bilden visar ”{shown}” men dess namn är ”{name[:120]}”: kontrollera att namnet "
                             "beskriver bilden."), evidence={"ocr_words": seen[:20]})


def _by_facts(facts: dict) -> Iterator[Hit]:
    for img in facts.get("images") or []:
        name = (img.get("name") or "").strip()
        if not name:
            continue  # no name: the non-empty-name rules (AXE-image-alt ...) report that
        low = name.lower()
        sel, snip = img.get("selector") or img.get("tag") or "img", img.get("html", "")
        src = img.get("src") or ""
        src_name = unquote(urlsplit(src).path.rsplit("/", 1)[-1]).lower() if src and not src.startswith("data:") \
            else ""
        if low in GENERIC or IMAGE_FILE.search(low) or (src_name and low == src_name):
            yield Hit(selector=sel, snippet=snip, outcome="fail",
                      message=msg(
                          en=f"The image's name “{name[:120]}” does not describe it (a file name or a bare "
                             "word for 'image').",
                          fi=f"Kuvan nimi ”{name[:120]}” ei kuvaa sitä (tiedostonimi tai pelkkä sana 'kuva').",
                          sv=f"Bildens namn ”{name[:120]}” beskriver den inte (ett filnamn eller bara ordet "
                             "'bild')."))
            continue
        fw = _file_words(src)
        if fw and not any(any(n.startswith(f[:4]) or f.startswith(n[:4]) for n in
                              (w.lower() for w in WORD.findall(name))) for f in fw):
            yield Hit(selector=sel, snippet=snip,
                      message=msg(
                          en=f"The image's name “{name[:120]}” shares no word with its file name "
                             f"(“{src_name[:80]}”): check that the name describes this image.",
                          fi=f"Kuvan nimessä ”{name[:120]}” ei ole yhtään samaa sanaa kuin tiedostonimessä "
                             f"(”{src_name[:80]}”). Tarkista, että nimi kuvaa tätä kuvaa.",
                          sv=f"Bildens namn ”{name[:120]}” har inget ord gemensamt med filnamnet "
                             f"(”{src_name[:80]}”): kontrollera att namnet beskriver bilden."))
