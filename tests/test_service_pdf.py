"""PDF checks of auditor/documents.py over PDFs generated here (tagged, untagged, scanned, long, broken).

`make_pdf` writes small but well-formed PDFs by hand (no PDF writer dependency), so each property a rule reads is set
or left out on purpose. The e2e tests and the demo site's PDFs use it too.
"""
from __future__ import annotations

import pytest

from auditor.documents import LONG_PDF_PAGES, analyse_pdf, document_type, office_info


def _pdf_string(s: str) -> bytes:
    if all(ord(c) < 128 for c in s):
        return b"(" + s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("ascii") + b")"
    return b"<FEFF" + s.encode("utf-16-be").hex().upper().encode() + b">"


def _text_literal(s: str) -> bytes:
    # WinAnsi (close to Latin-1) covers Finnish and Swedish letters.
    raw = s.encode("cp1252", "replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def make_pdf(pages: list[str] | int = 1, *, title: str | None = "Palvelun ohje", lang: str | None = "fi",
             tagged: bool = True, display_title: bool = True, scanned: bool = False,
             outline: bool = False) -> bytes:
    """A PDF with one text line per page (or an image and no text when `scanned`)."""
    texts = [f"Sivu {i + 1}: Esimerkkilän kunnan ohje." for i in range(pages)] if isinstance(pages, int) else pages
    objs: dict[int, bytes] = {}
    n_pages = len(texts)
    # Object numbers: 1 catalog, 2 pages, 3 font, 4 image, 5 struct tree root, 6 outlines, 7 info, 10.. pages
    page_ids = [10 + 2 * i for i in range(n_pages)]
    content_ids = [11 + 2 * i for i in range(n_pages)]
    cat = [b"/Type /Catalog", b"/Pages 2 0 R"]
    if lang:
        cat.append(b"/Lang " + _pdf_string(lang))
    if tagged:
        cat.append(b"/MarkInfo << /Marked true >>")
        cat.append(b"/StructTreeRoot 5 0 R")
    if display_title:
        cat.append(b"/ViewerPreferences << /DisplayDocTitle true >>")
    if outline:
        cat.append(b"/Outlines 6 0 R /PageMode /UseOutlines")
    objs[1] = b"<< " + b" ".join(cat) + b" >>"
    objs[2] = b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % p for p in page_ids) + b"] /Count %d >>" % n_pages
    objs[3] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    img = b"\x80" * 16
    objs[4] = (b"<< /Type /XObject /Subtype /Image /Width 4 /Height 4 /ColorSpace /DeviceGray "
               b"/BitsPerComponent 8 /Length %d >>\nstream\n" % len(img) + img + b"\nendstream")
    kids = b" ".join(b"<< /Type /StructElem /S /P /Pg %d 0 R /K 0 >>" % p for p in page_ids)
    objs[5] = b"<< /Type /StructTreeRoot /K [" + kids + b"] >>"
    if outline:
        items = []
        for i, p in enumerate(page_ids):
            items.append(100 + i)
        objs[6] = b"<< /Type /Outlines /First %d 0 R /Last %d 0 R /Count %d >>" % (items[0], items[-1], len(items))
        for i, oid in enumerate(items):
            links = b" /Parent 6 0 R"
            if i:
                links += b" /Prev %d 0 R" % items[i - 1]
            if i + 1 < len(items):
                links += b" /Next %d 0 R" % items[i + 1]
            objs[oid] = (b"<< /Title " + _pdf_string(f"Luku {i + 1}") + links
                         + b" /Dest [%d 0 R /Fit] >>" % page_ids[i])
    info = []
    if title is not None:
        info.append(b"/Title " + _pdf_string(title))
    info.append(b"/Producer (auditor tests)")
    objs[7] = b"<< " + b" ".join(info) + b" >>"
    for i, text in enumerate(texts):
        if scanned:
            stream = b"q 500 0 0 700 50 50 cm /Im0 Do Q"
        elif tagged:
            stream = b"/P << /MCID 0 >> BDC BT /F1 12 Tf 50 750 Td " + _text_literal(text) + b" Tj ET EMC"
        else:
            stream = b"BT /F1 12 Tf 50 750 Td " + _text_literal(text) + b" Tj ET"
        objs[content_ids[i]] = b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"
        objs[page_ids[i]] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                             b"/Resources << /Font << /F1 3 0 R >> /XObject << /Im0 4 0 R >> >>"
                             % content_ids[i] + (b" /StructParents %d" % i if tagged else b"") + b" >>")
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for oid in sorted(objs):
        offsets[oid] = len(out)
        out += b"%d 0 obj\n" % oid + objs[oid] + b"\nendobj\n"
    size = max(objs) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for oid in range(1, size):
        out += (b"%010d 00000 n \n" % offsets[oid]) if oid in offsets else b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 7 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(out)


def test_accessible_pdf_passes_every_check():
    info = analyse_pdf(make_pdf(LONG_PDF_PAGES + 2, title="Jätehuollon ohje", outline=True))
    assert not info.error
    assert info.tagged and info.struct_tree and info.marked
    assert info.title == "Jätehuollon ohje" and info.title_source == "info"
    assert info.display_doc_title and info.lang == "fi"
    assert info.pages == LONG_PDF_PAGES + 2 and info.outline_items == LONG_PDF_PAGES + 2
    assert not info.pages_without_text and not info.scanned_pages
    assert "Esimerkkilän" not in info.title


def test_untagged_pdf_without_title_language_or_text():
    info = analyse_pdf(make_pdf(3, title=None, lang=None, tagged=False, display_title=False, scanned=True))
    assert not info.error
    assert not info.tagged and not info.marked and not info.struct_tree
    assert info.title == "" and not info.display_doc_title and info.lang == ""
    assert info.scanned_pages == (1, 2, 3)


@pytest.mark.parametrize("title,meaningless", [
    ("Microsoft Word - ohje.docx", True), ("ohje.pdf", True), ("Untitled", True), ("Rakennuslupaohje 2025", False),
])
def test_meaningless_titles(title, meaningless):
    assert analyse_pdf(make_pdf(1, title=title)).meaningless_title is meaningless


def test_broken_and_foreign_bytes_never_raise():
    assert analyse_pdf(b"not a pdf").error
    assert analyse_pdf(b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n").error
    assert analyse_pdf(make_pdf(2)[:200]).error


def test_document_type_from_bytes_type_and_name():
    assert document_type("https://x.fi/a", "application/octet-stream", b"%PDF-1.7\n") == "pdf"
    assert document_type("https://x.fi/a.docx", "") == ".docx"
    assert document_type("https://x.fi/a", "application/vnd.oasis.opendocument.text") == ".odt"
    assert document_type("https://x.fi/data.bin", "application/octet-stream", b"\x00\x01") == "other"


def test_office_title_and_language():
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("docProps/core.xml", '<?xml version="1.0"?><cp:coreProperties xmlns:cp="x" xmlns:dc="y">'
                                        "<dc:title>Hakemuslomake</dc:title><dc:language>fi-FI</dc:language>"
                                        "</cp:coreProperties>")
    info = office_info(buf.getvalue(), ".docx")
    assert info == {"type": "Word", "title": "Hakemuslomake", "lang": "fi-FI"}
    assert office_info(b"\xd0\xcf\x11\xe0legacy", ".doc") == {"type": "Word 97-2003"}
