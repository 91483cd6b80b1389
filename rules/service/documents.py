"""SV-18..SV-23: linked documents. PDFs are opened from the bytes the crawl stored (`document.bin`, no second
fetch) and checked for the basics of an accessible PDF (EN 301 549 clause 10; WCAG techniques PDF1–PDF23):
tagged (SV-19), a title that the viewer shows (SV-20), document language (SV-21), real text rather than scanned
images (SV-22), bookmarks in long documents (SV-23). Office documents, PDFs that cannot be opened and documents
linked on other hosts are listed for a person to check (SV-18).

Findings belong to the document's URL; the evidence names the pages that link it.
"""
from __future__ import annotations

from collections.abc import Iterator

from auditor.documents import LONG_PDF_PAGES, OFFICE_TYPES, PdfInfo, analyse_pdf, document_type, office_info
from auditor.registry import Hit, SiteArtifacts, SitePage, msg, site_rule
from rules.service.common import LAW, dom, link_graph, snippet
from spiders.urls import DOCUMENT_EXTENSIONS, kind_by_extension

MAX_LINKED_FROM = 10

_DOC_EXTS = tuple(e for e in DOCUMENT_EXTENSIONS if e in OFFICE_TYPES or e == ".pdf")


def _linked_from(site: SiteArtifacts, url: str, graph: dict[str, tuple[str, ...]] | None = None) -> list[str]:
    graph = graph if graph is not None else link_graph(site)
    return sorted(src for src, links in graph.items() if url in links)[:MAX_LINKED_FROM]


_cache: dict[tuple[str, int], PdfInfo] = {}


def _pdf(page: SitePage) -> tuple[PdfInfo | None, bytes | None]:
    data = page.read_bytes("document.bin")
    if data is None:
        return None, None
    key = (page.dir, len(data))
    if key not in _cache:  # each rule reads the same PDF; parse it once per run
        if len(_cache) > 256:
            _cache.clear()
        _cache[key] = analyse_pdf(data)
    return _cache[key], data


def pdfs(site: SiteArtifacts) -> Iterator[tuple[SitePage, PdfInfo]]:
    """Readable PDFs of the crawl with their analysis."""
    for p in site.pages:
        if p.kind != "document":
            continue
        data = p.read_bytes("document.bin")
        if data is None or document_type(p.url, p.content_type, data[:1024]) != "pdf":
            continue
        info, _ = _pdf(p)
        if info is not None and not info.error:
            yield p, info


def _ev(site: SiteArtifacts, p: SitePage, info: PdfInfo, graph, **kw) -> dict:
    return {"law": LAW["documents"], "document": p.url, "linked_from": _linked_from(site, p.url, graph),
            "pdf": info.to_json(), **kw}


@site_rule(
    "SV-18", area="service", impact="minor", outcome="review",
    title_en="Document to check by hand",
    title_fi="Asiakirja tarkistettava käsin",
    title_sv="Dokument att kontrollera manuellt",
    help_sv=(
        "Ett länkat dokument vars tillgänglighet en maskin inte kan bedöma: en Office-fil, en PDF som inte "
        "gick att öppna eller ett dokument på en annan server. Kontrollera det manuellt (rubriker, "
        "läsordning, textalternativ, språk), eller publicera innehållet som en webbsida."
    ),
    help_en="A linked document whose accessibility a machine cannot judge: an Office file, a PDF that could not be "
            "opened, or a document on another host. Check it by hand (headings, reading order, alternative texts, "
            "language), or publish the content as a web page.",
    help_fi="Linkitetty asiakirja, jonka saavutettavuutta ei voitu tarkistaa automaattisesti (Office-tiedosto, "
            "avautumaton PDF tai toisella palvelimella oleva asiakirja). Tarkista se käsin tai julkaise sisältö "
            "verkkosivuna.",
)
def documents_to_review(site: SiteArtifacts) -> Iterator[Hit]:
    """Office documents, unreadable PDFs, documents without a stored body, and off-site document links."""
    graph = link_graph(site)
    stored = {p.url for p in site.pages}
    for p in site.pages:
        if p.kind != "document":
            continue
        data = p.read_bytes("document.bin")
        kind = document_type(p.url, p.content_type, (data or b"")[:1024])
        ev = {"law": LAW["documents"], "document": p.url, "content_type": p.content_type,
              "linked_from": _linked_from(site, p.url, graph)}
        if kind == "other":
            continue  # data files, text, archives: not documents to read
        if data is None:
            yield Hit(selector="@document", url=p.url, evidence={**ev, "type": kind},
                      message=msg(
                          en=f"{kind.upper().lstrip('.')} document: its content was not stored, check it by hand.",
                          fi=f"{kind.upper().lstrip('.')}-asiakirja: sen sisältöä ei tallennettu, tarkista se käsin.",
                          sv=f"{kind.upper().lstrip('.')}-dokument: innehållet sparades inte, kontrollera det "
                             "manuellt."))
        elif kind == "pdf":
            info, _ = _pdf(p)
            if info is not None and info.error:
                yield Hit(selector="@document", url=p.url, evidence={**ev, "type": "pdf", "error": info.error},
                          message=msg(en=f"The PDF could not be checked: {info.error}.",
                                      fi=f"PDF-tiedostoa ei voitu tarkistaa: {info.error}.",
                                      sv=f"PDF-filen kunde inte kontrolleras: {info.error}."))
        else:
            meta = office_info(data, kind)
            yield Hit(selector="@document", url=p.url, evidence={**ev, "type": kind, "size": len(data), **meta},
                      message=msg(
                          en=f"{meta['type']} document ({len(data)} bytes"
                             + (f", title “{snippet(meta['title'], 80)}”" if meta.get("title") else "")
                             + "): check its accessibility by hand.",
                          fi=f"{meta['type']}-asiakirja ({len(data)} tavua"
                             + (f", otsikko ”{snippet(meta['title'], 80)}”" if meta.get("title") else "")
                             + "): tarkista sen saavutettavuus käsin.",
                          sv=f"{meta['type']}-dokument ({len(data)} byte"
                             + (f", titel ”{snippet(meta['title'], 80)}”" if meta.get("title") else "")
                             + "): kontrollera dess tillgänglighet manuellt."))
    # Documents linked on other hosts (the crawl stays on the site): listed once each, not fetched.
    offsite: dict[str, tuple[SitePage, str, str]] = {}
    for p in site.html_pages:
        d = dom(p)
        for a in (d.anchors if d else ()):
            if a.url and a.url not in stored and a.url not in offsite and kind_by_extension(a.url) == "document" \
                    and a.url.lower().split("?")[0].endswith(_DOC_EXTS):
                offsite[a.url] = (p, a.selector, a.html)
    for url, (p, sel, html) in offsite.items():
        yield Hit(selector=sel, snippet=html, url=p.url,
                  message=msg(
                      en=f"Links a document that was not audited (another host or outside the crawl limits): {url}.",
                      fi=f"Linkittää asiakirjaan, jota ei arvioitu (toisella palvelimella tai arvioinnin rajojen "
                         f"ulkopuolella): {url}.",
                      sv=f"Länkar till ett dokument som inte granskades (annan server eller utanför granskningens "
                         f"gränser): {url}."),
                  evidence={"law": LAW["documents"], "document": url, "linked_from": _linked_from(site, url, graph)})


@site_rule(
    "SV-19", area="service", impact="serious", outcome="fail", wcag=("1.3.1",), en301549=("10.1.3.1",),
    title_en="PDF without structure",
    title_fi="PDF ilman rakennetta",
    title_sv="PDF utan struktur",
    help_sv=(
        "PDF-filen är inte taggad: den har inget strukturträd (eller är inte markerad som taggad), så "
        "skärmläsare får inga rubriker, listor, tabeller eller läsordning. Exportera den som taggad PDF "
        "(t.ex. 'Skapa taggad PDF' i programmet) och kontrollera taggarna (WCAG-teknik PDF9, PDF/UA-1)."
    ),
    help_en="The PDF is not tagged: it has no structure tree (or is not marked as tagged), so screen readers get no "
            "headings, lists, tables or reading order. Export it as a tagged PDF (e.g. 'Create tagged PDF' in the "
            "authoring tool) and check the tags (WCAG technique PDF9, PDF/UA-1).",
    help_fi="PDF-tiedostoa ei ole rakenteistettu (tagattu): ruudunlukija ei saa otsikoita, luetteloita, taulukoita "
            "eikä lukujärjestystä. Tallenna tiedosto rakenteistettuna PDF:nä ja tarkista rakenne.",
)
def pdf_untagged(site: SiteArtifacts) -> Iterator[Hit]:
    """PDFs without a structure tree or without /MarkInfo /Marked true."""
    graph = link_graph(site)
    for p, info in pdfs(site):
        if info.tagged:
            continue
        why = (("no structure tree and not marked as tagged", "ei rakennepuuta eikä merkintää tagatuksi",
                "inget strukturträd och inte markerad som taggad") if not info.struct_tree and not info.marked else
               ("no structure tree", "ei rakennepuuta", "inget strukturträd") if not info.struct_tree else
               ("structure tree present but /MarkInfo /Marked is not true",
                "rakennepuu on, mutta /MarkInfo /Marked ei ole true",
                "strukturträd finns men /MarkInfo /Marked är inte true"))
        yield Hit(selector="@document", url=p.url,
                  message=msg(en=f"The PDF is not tagged: {why[0]}.", fi=f"PDF-tiedostoa ei ole tagattu: {why[1]}.",
                              sv=f"PDF-filen är inte taggad: {why[2]}."),
                  evidence=_ev(site, p, info, graph))


@site_rule(
    "SV-20", area="service", impact="moderate", outcome="fail", wcag=("2.4.2",), en301549=("10.2.4.2",),
    title_en="PDF without a title",
    title_fi="PDF ilman otsikkoa",
    title_sv="PDF utan titel",
    help_sv=(
        "PDF-filen har ingen beskrivande titel, eller visaren uppmanas inte att visa den (den visar då "
        "filnamnet). Ange dokumentets titel i egenskaperna och 'visa dokumenttitel' (/DisplayDocTitle, "
        "WCAG-teknik PDF18)."
    ),
    help_en="The PDF has no descriptive title, or the viewer is not told to show it (it then shows the file name). "
            "Set the document title in its properties and 'show document title' (/DisplayDocTitle, WCAG technique "
            "PDF18).",
    help_fi="PDF-tiedostolla ei ole kuvaavaa otsikkoa, tai katseluohjelma näyttää otsikon sijaan tiedostonimen. "
            "Aseta asiakirjan otsikko ominaisuuksiin ja valitse otsikon näyttäminen (DisplayDocTitle).",
)
def pdf_title(site: SiteArtifacts) -> Iterator[Hit]:
    """PDFs without a title (Info or XMP), with a file-name title, or without /DisplayDocTitle true."""
    graph = link_graph(site)
    for p, info in pdfs(site):
        probs = []
        if not info.title:
            probs.append(("no document title", "asiakirjalla ei ole otsikkoa", "dokumentet har ingen titel"))
        elif info.meaningless_title:
            probs.append((f"the title “{info.title}” is a file name or a default",
                          f"otsikko ”{info.title}” on tiedostonimi tai oletusarvo",
                          f"titeln ”{info.title}” är ett filnamn eller ett standardvärde"))
        if not info.display_doc_title:
            probs.append(("the viewer shows the file name, not the title (/DisplayDocTitle is not true)",
                          "katseluohjelma näyttää tiedostonimen eikä otsikkoa (/DisplayDocTitle ei ole true)",
                          "visaren visar filnamnet, inte titeln (/DisplayDocTitle är inte true)"))
        if probs:
            yield Hit(selector="@document", url=p.url, snippet=f"Title: {info.title}" if info.title else "",
                      message=msg(en="PDF title: " + "; ".join(x[0] for x in probs) + ".",
                                  fi="PDF:n otsikko: " + "; ".join(x[1] for x in probs) + ".",
                                  sv="PDF-titel: " + "; ".join(x[2] for x in probs) + "."),
                      evidence=_ev(site, p, info, graph))


@site_rule(
    "SV-21", area="service", impact="moderate", outcome="fail", wcag=("3.1.1",), en301549=("10.3.1.1",),
    title_en="PDF language not set",
    title_fi="PDF:n kieli puuttuu",
    title_sv="PDF-filens språk saknas",
    help_sv=(
        "PDF-filen anger inte sitt språk (/Lang), så skärmläsare läser den med fel röst. Ange dokumentets "
        "språk i egenskaperna (WCAG-teknik PDF16)."
    ),
    help_en="The PDF does not declare its language (/Lang), so screen readers read it with the wrong voice. Set the "
            "document language in its properties (WCAG technique PDF16).",
    help_fi="PDF-tiedosto ei ilmoita kieltään (/Lang), jolloin ruudunlukija lukee sen väärällä äänellä. Aseta "
            "asiakirjan kieli sen ominaisuuksiin.",
)
def pdf_language(site: SiteArtifacts) -> Iterator[Hit]:
    """PDFs without /Lang in the document catalog."""
    graph = link_graph(site)
    for p, info in pdfs(site):
        if not info.lang:
            yield Hit(selector="@document", url=p.url,
                      message=msg(en="The PDF declares no language (/Lang).",
                                  fi="PDF-tiedosto ei ilmoita kieltään (/Lang).",
                                  sv="PDF-filen anger inget språk (/Lang)."),
                      evidence=_ev(site, p, info, graph))


@site_rule(
    "SV-22", area="service", impact="serious", outcome="fail", wcag=("1.1.1", "1.4.5"), en301549=("10.1.1.1",),
    title_en="Scanned PDF without text",
    title_fi="Skannattu PDF ilman tekstiä",
    title_sv="Skannad PDF utan text",
    help_sv=(
        "Sidorna i PDF-filen är bilder utan text (en skanning), så de kan inte läsas upp, sökas i eller "
        "förstoras som text. Publicera originaldokumentet med text, eller kör textigenkänning (OCR) och tagga "
        "resultatet (WCAG-teknik PDF7)."
    ),
    help_en="Pages of the PDF are images with no text (a scan), so they cannot be read aloud, searched or "
            "enlarged as text. Publish the original text document, or run text recognition (OCR) and tag the "
            "result (WCAG technique PDF7).",
    help_fi="PDF-tiedoston sivut ovat kuvia ilman tekstiä (skannaus), joten niitä ei voi lukea ääneen, hakea "
            "eikä suurentaa tekstinä. Julkaise alkuperäinen tekstiasiakirja tai tunnista teksti (OCR) ja "
            "rakenteista tulos.",
)
def pdf_no_text(site: SiteArtifacts) -> Iterator[Hit]:
    """Sampled PDF pages that draw an image and carry no text layer."""
    graph = link_graph(site)
    for p, info in pdfs(site):
        scanned = info.scanned_pages
        if scanned:
            yield Hit(selector="@document", url=p.url,
                      message=msg(
                          en=f"{len(scanned)} of {info.sampled_pages} checked page(s) are images without text "
                             f"(pages {', '.join(map(str, scanned[:10]))}).",
                          fi=f"{len(scanned)}/{info.sampled_pages} tarkistetusta sivusta on kuvia ilman tekstiä "
                             f"(sivut {', '.join(map(str, scanned[:10]))}).",
                          sv=f"{len(scanned)} av {info.sampled_pages} kontrollerade sidor är bilder utan text "
                             f"(sidorna {', '.join(map(str, scanned[:10]))})."),
                      evidence=_ev(site, p, info, graph))


@site_rule(
    "SV-23", area="service", impact="minor", outcome="fail", advisory=True,
    title_en="Long PDF without bookmarks",
    title_fi="Pitkä PDF ilman kirjanmerkkejä",
    title_sv="Lång PDF utan bokmärken",
    help_sv=(
        "En PDF på 10 sidor eller mer saknar bokmärken, så den är svår att navigera i. Skapa bokmärken från "
        "rubrikerna vid exporten (WCAG-teknik PDF2; PDF/UA-1 7.17)."
    ),
    help_en=f"A PDF of {LONG_PDF_PAGES} or more pages has no bookmarks, so it is hard to navigate. Create "
            "bookmarks from the headings when exporting (WCAG technique PDF2; PDF/UA-1 7.17).",
    help_fi=f"Vähintään {LONG_PDF_PAGES}-sivuisessa PDF-tiedostossa ei ole kirjanmerkkejä, joten siinä on vaikea "
            "liikkua. Luo kirjanmerkit otsikoista tallennettaessa.",
)
def pdf_bookmarks(site: SiteArtifacts) -> Iterator[Hit]:
    """PDFs of LONG_PDF_PAGES or more pages without an outline."""
    graph = link_graph(site)
    for p, info in pdfs(site):
        if info.pages >= LONG_PDF_PAGES and info.outline_items == 0:
            yield Hit(selector="@document", url=p.url,
                      message=msg(en=f"The PDF has {info.pages} pages and no bookmarks.",
                                  fi=f"PDF-tiedostossa on {info.pages} sivua eikä yhtään kirjanmerkkiä.",
                                  sv=f"PDF-filen har {info.pages} sidor och inga bokmärken."),
                      evidence=_ev(site, p, info, graph))
