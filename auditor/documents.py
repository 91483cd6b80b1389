"""Accessibility basics of linked documents, read from the bytes the crawl already downloaded (`document.bin`).

PDFs are opened with pypdf and checked for what a machine can tell about an accessible PDF (EN 301 549 clause 10,
WCAG techniques PDF1–PDF23, PDF/UA-1): tags (a structure tree and `/MarkInfo /Marked true`), a document title that
the viewer shows (`/DisplayDocTitle`), the document language (`/Lang`), real text rather than scanned images, and
bookmarks (an outline) in long documents. Office files are identified, with their title and language where the
package says them; their accessibility needs a person.

Everything here reads untrusted bytes: failures become a `error` field, never an exception, and the work per
document is bounded (text is extracted from the first pages only).
"""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from io import BytesIO
from typing import Any

# Text extraction is the slow part of pypdf; a sample of the first pages tells a scanned document from a born-digital
# one (scanned documents are scanned throughout), and bounds the time a 500-page report costs.
MAX_TEXT_PAGES = 10
# A page with fewer visible characters than this has no real text layer: page numbers and running headers alone stay
# under it. Chosen from the scanned/born-digital PDFs of Finnish municipal sites, where text pages have hundreds.
MIN_TEXT_CHARS = 20
# From this many pages on, a PDF without bookmarks is hard to navigate (WCAG technique PDF2 "Creating bookmarks in
# PDF documents"; PDF/UA-1 7.17 asks for an outline). Our threshold: short leaflets rarely need one.
LONG_PDF_PAGES = 10
# Titles that are file names or authoring-tool defaults say nothing about the document (WCAG technique PDF18 asks
# for a descriptive title).
_MEANINGLESS_TITLE = re.compile(
    r"^(untitled|nimetön|namnlös|document\d*|asiakirja\d*|dokument\d*)$|\.(docx?|odt|pdf|rtf|pptx?|xlsx?|indd)$"
    r"|^microsoft (word|powerpoint|excel) - ", re.I)

OFFICE_TYPES = {
    ".doc": "Word 97-2003", ".docx": "Word", ".odt": "OpenDocument text", ".rtf": "RTF",
    ".xls": "Excel 97-2003", ".xlsx": "Excel", ".ods": "OpenDocument spreadsheet",
    ".ppt": "PowerPoint 97-2003", ".pptx": "PowerPoint", ".odp": "OpenDocument presentation",
    ".epub": "EPUB",
}
_OFFICE_MIME = {
    "application/msword": ".doc",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.oasis.opendocument.text": ".odt",
    "application/rtf": ".rtf",
    "application/vnd.ms-excel": ".xls",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "application/vnd.oasis.opendocument.spreadsheet": ".ods",
    "application/vnd.ms-powerpoint": ".ppt",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": ".pptx",
    "application/vnd.oasis.opendocument.presentation": ".odp",
    "application/epub+zip": ".epub",
}


def document_type(url: str, content_type: str, head: bytes = b"") -> str:
    """`pdf`, an Office extension such as `.docx`, or `other`; from the bytes first, then content type and name."""
    if head.startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        return "pdf"
    ctype = (content_type or "").split(";")[0].strip().lower()
    if ctype == "application/pdf":
        return "pdf"
    if ctype in _OFFICE_MIME:
        return _OFFICE_MIME[ctype]
    path = url.split("?")[0].split("#")[0].lower()
    if path.endswith(".pdf"):
        return "pdf"
    for ext in OFFICE_TYPES:
        if path.endswith(ext):
            return ext
    return "other"


@dataclass(frozen=True)
class PdfInfo:
    pages: int = 0
    tagged: bool = False  # structure tree present and /MarkInfo /Marked true
    struct_tree: bool = False
    marked: bool = False
    title: str = ""
    title_source: str = ""  # info | xmp
    display_doc_title: bool = False
    lang: str = ""
    sampled_pages: int = 0
    text_chars: tuple[int, ...] = ()  # visible characters per sampled page
    image_pages: tuple[int, ...] = ()  # 1-based numbers of sampled pages that draw images
    outline_items: int = 0
    encrypted: bool = False
    error: str = ""
    producer: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def pages_without_text(self) -> tuple[int, ...]:
        return tuple(i + 1 for i, n in enumerate(self.text_chars) if n < MIN_TEXT_CHARS)

    @property
    def scanned_pages(self) -> tuple[int, ...]:
        """Sampled pages that show an image and carry no text: scanned (or text drawn as pictures)."""
        return tuple(p for p in self.pages_without_text if p in self.image_pages)

    @property
    def meaningless_title(self) -> bool:
        return bool(self.title) and bool(_MEANINGLESS_TITLE.search(self.title.strip()))

    def to_json(self) -> dict[str, Any]:
        return {
            "pages": self.pages, "tagged": self.tagged, "struct_tree": self.struct_tree, "marked": self.marked,
            "title": self.title, "title_source": self.title_source, "display_doc_title": self.display_doc_title,
            "lang": self.lang, "sampled_pages": self.sampled_pages, "text_chars": list(self.text_chars),
            "pages_without_text": list(self.pages_without_text), "scanned_pages": list(self.scanned_pages),
            "outline_items": self.outline_items, "encrypted": self.encrypted, "producer": self.producer,
            **({"error": self.error} if self.error else {}),
        }


def _s(v: Any) -> str:
    try:
        return str(v).strip() if v is not None else ""
    except Exception:
        return ""


def _count_outline(items: Any, limit: int = 10_000) -> int:
    n = 0
    stack = [items]
    while stack and n < limit:
        cur = stack.pop()
        if isinstance(cur, list):
            stack.extend(cur)
        else:
            n += 1
    return n


def _page_has_image(page: Any) -> bool:
    try:
        res = page.get("/Resources")
        res = res.get_object() if res is not None else None
        xobjs = res.get("/XObject") if res else None
        xobjs = xobjs.get_object() if xobjs is not None else None
        if not xobjs:
            return False
        for ref in xobjs.values():
            obj = ref.get_object()
            sub = obj.get("/Subtype")
            if sub == "/Image":
                return True
            if sub == "/Form" and _page_has_image(obj):  # images wrapped in form XObjects (common in scans)
                return True
    except Exception:
        return False
    return False


def analyse_pdf(data: bytes) -> PdfInfo:
    """What a PDF says about its own accessibility. Never raises: a broken file gives `error`."""
    try:
        from pypdf import PdfReader
    except ImportError as exc:  # the dependency is declared; say so plainly if an install lacks it
        return PdfInfo(error=f"pypdf is not installed: {exc}")
    import logging

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # malformed PDFs are common; warnings are noise here
    try:
        reader = PdfReader(BytesIO(data), strict=False)
        encrypted = bool(reader.is_encrypted)
        if encrypted:
            # Many PDFs are "encrypted" with an empty user password only to set permissions; readers open them.
            try:
                if not reader.decrypt(""):
                    return PdfInfo(encrypted=True, error="encrypted: needs a password to open")
            except Exception as exc:
                return PdfInfo(encrypted=True, error=f"encrypted: {type(exc).__name__}: {exc}"[:300])
        root = reader.trailer["/Root"].get_object()
        mark_info = root.get("/MarkInfo")
        mark_info = mark_info.get_object() if mark_info is not None else None
        marked = bool(mark_info and mark_info.get("/Marked") in (True, "true"))
        struct_tree = root.get("/StructTreeRoot") is not None
        lang = _s(root.get("/Lang"))
        title, source = "", ""
        try:
            meta = reader.metadata
            if meta is not None and _s(meta.get("/Title")):
                title, source = _s(meta.get("/Title")), "info"
        except Exception:
            meta = None
        if not title:
            try:
                xmp = reader.xmp_metadata
                t = xmp.dc_title if xmp is not None else None
                if t:
                    title = _s(t.get("x-default") or next(iter(t.values()), ""))
                    source = "xmp" if title else ""
            except Exception:
                pass
        producer = ""
        try:
            producer = _s(meta.get("/Producer")) if meta is not None else ""
        except Exception:
            pass
        display = False
        try:
            vp = root.get("/ViewerPreferences")
            vp = vp.get_object() if vp is not None else None
            display = bool(vp and vp.get("/DisplayDocTitle") in (True, "true"))
        except Exception:
            pass
        try:
            npages = len(reader.pages)
        except Exception:
            npages = 0
        chars: list[int] = []
        images: list[int] = []
        for i in range(min(npages, MAX_TEXT_PAGES)):
            try:
                page = reader.pages[i]
                text = page.extract_text() or ""
            except Exception:
                page, text = None, ""
            chars.append(len(re.sub(r"\s+", "", text)))
            if page is not None and _page_has_image(page):
                images.append(i + 1)
        try:
            outline = _count_outline(reader.outline)
        except Exception:
            outline = 0
        return PdfInfo(pages=npages, tagged=marked and struct_tree, struct_tree=struct_tree, marked=marked,
                       title=title[:300], title_source=source, display_doc_title=display, lang=lang[:35],
                       sampled_pages=len(chars), text_chars=tuple(chars), image_pages=tuple(images),
                       outline_items=outline, encrypted=encrypted, producer=producer[:120])
    except Exception as exc:
        return PdfInfo(error=f"not a readable PDF: {type(exc).__name__}: {exc}"[:300])


def office_info(data: bytes, kind: str) -> dict[str, Any]:
    """Title and language an Office Open XML or OpenDocument package declares (best effort, never raises)."""
    out: dict[str, Any] = {"type": OFFICE_TYPES.get(kind, kind)}
    if not data.startswith(b"PK"):
        return out
    try:
        with zipfile.ZipFile(BytesIO(data)) as z:
            names = set(z.namelist())
            meta_name = "docProps/core.xml" if "docProps/core.xml" in names else (
                "meta.xml" if "meta.xml" in names else None)
            if meta_name:
                # Bounded read: a zip bomb must not fill memory.
                with z.open(meta_name) as f:
                    xml = f.read(200_000).decode("utf-8", "replace")
                t = re.search(r"<dc:title>([^<]{0,300})</dc:title>", xml)
                lang = re.search(r"<dc:language>([^<]{0,35})</dc:language>", xml)
                if t:
                    out["title"] = t.group(1).strip()
                if lang:
                    out["lang"] = lang.group(1).strip()
    except Exception as exc:
        out["error"] = f"{type(exc).__name__}: {exc}"[:200]
    return out
