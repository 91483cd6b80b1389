"""SV-8..SV-10: both national languages. For each page, its Finnish, Swedish (and English) counterparts.

Counterparts come from `<link rel="alternate" hreflang>`, from language-switcher links (a link whose text names a
language — "Svenska", "På svenska", "Suomeksi", "English" — or a link with `hreflang` in the header or navigation),
and from URL patterns (/fi/ ↔ /sv/, ?lang=sv, sv.host) when that URL was crawled. A switcher that leads to a
language's front page from an inner page is no counterpart (SV-9). A crawled counterpart must declare the language
it is linked as, in its lang attribute and, when the plain-language detector of auditor/text is installed,
in its text (SV-10). Coverage (SV-8) counts Finnish pages with a Swedish counterpart and the other way round.

A page's language is its `lang` attribute, else its own hreflang entry, else its URL.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from auditor.registry import Hit, SiteArtifacts, SitePage, msg, site_rule
from rules.service.common import (LAW, dom, facts, home, is_front_page, lang_of_name, main_text, page_lang,
                                  primary, url_lang)
from spiders.urls import canonical, is_http_url

MAX_LISTED = 50  # pages listed in a coverage finding's evidence


@dataclass(frozen=True)
class Counterpart:
    lang: str
    url: str
    source: str  # hreflang | switcher link | URL pattern
    selector: str
    html: str


def _swap_lang(url: str, lang: str, base_lang: str) -> list[str]:
    """Candidate URLs of `url` in another language by the common URL patterns."""
    p = urlsplit(url)
    out = []
    cur = url_lang(url)
    path = p.path or "/"
    if cur and path.lower().startswith(f"/{cur}"):
        rest = path[len(cur) + 1:]
        out.append(urlunsplit((p.scheme, p.netloc, f"/{lang}{rest or '/'}", p.query, "")))
        if lang == base_lang:  # /sv/x -> /x when Finnish has no prefix
            out.append(urlunsplit((p.scheme, p.netloc, rest or "/", p.query, "")))
    elif not cur:
        out.append(urlunsplit((p.scheme, p.netloc, f"/{lang}{path}", p.query, "")))
    return [canonical(u) for u in out]


def counterparts(page: SitePage, site_urls: dict[str, SitePage], own: str) -> list[Counterpart]:
    """Every counterpart the page names (several per language possible: alternates and switchers can disagree)."""
    out: list[Counterpart] = []
    f = facts(page)
    for alt in f.get("hreflang") or ():
        if not isinstance(alt, dict):
            continue
        href, hl = str(alt.get("href") or ""), primary(alt.get("hreflang"))
        if not is_http_url(href) or hl in ("", "x"):
            continue
        url = canonical(href)
        if url == page.url:
            continue
        raw = str(alt.get("hreflang"))[:20]
        out.append(Counterpart(hl, url, "hreflang", f'link[rel~="alternate"][hreflang="{raw}"]',
                               f'<link rel="alternate" hreflang="{raw}" href="{href[:200]}">'))
    d = dom(page)
    if d is not None:
        for a in d.anchors:
            if not a.url or a.url == page.url:
                continue
            named = lang_of_name(a.text)
            if named or (a.hreflang and a.region in ("nav", "header")):
                lang = primary(a.hreflang) or named or primary(a.lang)
                if lang and lang != own:
                    out.append(Counterpart(lang, a.url, "switcher link", a.selector, a.html))
    langs = {c.lang for c in out}
    for lang in ("fi", "sv", "en"):
        if lang == own or lang in langs:
            continue
        for cand in _swap_lang(page.url, lang, "fi"):
            q = site_urls.get(cand)
            if q is not None and q.kind == "html" and cand != page.url:
                out.append(Counterpart(lang, cand, "URL pattern", "html", ""))
                break
    return out


def _fallback(page: SitePage, c: Counterpart) -> bool:
    """The counterpart is a front page while the page itself is not: the switcher drops the visitor at the start."""
    return is_front_page(c.url) and not is_front_page(page.url)


@dataclass(frozen=True)
class PageLanguages:
    page: SitePage
    lang: str
    lang_source: str
    counterparts: tuple[Counterpart, ...]

    def has(self, lang: str) -> bool:
        return any(c.lang == lang and not _fallback(self.page, c) for c in self.counterparts)


def analyse(site: SiteArtifacts) -> list[PageLanguages]:
    site_urls = {p.url: p for p in site.pages}
    out = []
    for p in site.html_pages:
        lang, src = page_lang(p)
        out.append(PageLanguages(p, lang, src, tuple(counterparts(p, site_urls, lang))))
    return out


def language_coverage(site: SiteArtifacts) -> dict:
    """Site-level figures: pages per language and the share with a counterpart in the other national language
    (and in English). Reusable by reports."""
    pages = analyse(site)
    by = {lang: [pl for pl in pages if pl.lang == lang] for lang in ("fi", "sv", "en")}
    out: dict = {"pages": len(pages), "by_lang": {k: len(v) for k, v in by.items()},
                 "unknown_lang": sum(1 for pl in pages if not pl.lang)}
    for a, b in (("fi", "sv"), ("sv", "fi"), ("fi", "en")):
        have = [pl for pl in by[a] if pl.has(b)]
        miss = [pl.page.url for pl in by[a] if not pl.has(b)]
        out[f"{a}_with_{b}"] = len(have)
        out[f"{a}_with_{b}_share"] = round(len(have) / len(by[a]), 3) if by[a] else None
        out[f"{a}_without_{b}"] = miss[:MAX_LISTED]
    out["sv_offered"] = bool(by["sv"]) or any(c.lang == "sv" for pl in pages for c in pl.counterparts)
    return out


@site_rule(
    "SV-8", area="service", impact="moderate", outcome="fail", advisory=True,
    title_en="Language version missing",
    title_fi="Kieliversio puuttuu",
    title_sv="Språkversion saknas",
    help_sv=(
        "Alla sidor har inte en motsvarighet på det andra nationalspråket. Tvåspråkiga myndigheter informerar "
        "på finska och svenska (språklagen 423/2003, 32 §): publicera de språkversioner som saknas och länka "
        "dem med hreflang-alternativ och språkväljaren."
    ),
    help_en="Not every page has a counterpart in the other national language. Bilingual authorities inform the "
            "public in Finnish and Swedish (Kielilaki 423/2003 32 §): publish the missing language versions and "
            "link them with hreflang alternates and the language switcher.",
    help_fi="Kaikilla sivuilla ei ole vastinetta toisella kansalliskielellä. Kaksikielisen viranomaisen on "
            "tiedotettava suomeksi ja ruotsiksi (kielilaki 423/2003 32 §): julkaise puuttuvat kieliversiot ja "
            "linkitä ne hreflang-vaihtoehtoina ja kielivalikosta.",
)
def swedish_coverage(site: SiteArtifacts) -> Iterator[Hit]:
    """Share of Finnish pages with a Swedish counterpart (and Swedish pages with a Finnish one)."""
    cov = language_coverage(site)
    n_fi, n_sv = cov["by_lang"]["fi"], cov["by_lang"]["sv"]
    if not n_fi and not n_sv:
        return
    ev = {"law": LAW["languages"], **cov}
    if not cov["sv_offered"]:
        yield Hit(selector="html", url=home(site), outcome="review",
                  message=msg(
                      en=f"No Swedish version found for any of {n_fi} Finnish page(s). If the authority is "
                         "bilingual, Swedish content is required.",
                      fi=f"Yhdellekään suomenkieliselle sivulle ({n_fi}) ei löytynyt ruotsinkielistä versiota. Jos "
                         "viranomainen on kaksikielinen, sisältö tarvitaan myös ruotsiksi.",
                      sv=f"Ingen svensk version hittades för någon av de finska sidorna ({n_fi}). Om myndigheten "
                         "är tvåspråkig krävs innehåll på svenska."), evidence=ev)
        return
    miss_sv = n_fi - cov["fi_with_sv"]
    miss_fi = n_sv - cov["sv_with_fi"]
    if not miss_sv and not miss_fi:
        return
    parts = []
    if n_fi:
        share = f"{100 * (cov['fi_with_sv_share'] or 0):.0f} %"
        parts.append((f"{cov['fi_with_sv']}/{n_fi} Finnish pages ({share}) have a Swedish counterpart",
                      f"{cov['fi_with_sv']}/{n_fi} suomenkielisellä sivulla ({share}) on ruotsinkielinen vastine",
                      f"{cov['fi_with_sv']}/{n_fi} finska sidor ({share}) har en svensk motsvarighet"))
    if n_sv:
        parts.append((f"{cov['sv_with_fi']}/{n_sv} Swedish pages have a Finnish counterpart",
                      f"{cov['sv_with_fi']}/{n_sv} ruotsinkielisellä sivulla on suomenkielinen vastine",
                      f"{cov['sv_with_fi']}/{n_sv} svenska sidor har en finsk motsvarighet"))
    yield Hit(selector="html", url=home(site), evidence=ev,
              message=msg(*("; ".join(p[i] for p in parts) + "." for i in range(3))))


@site_rule(
    "SV-9", area="service", impact="moderate", outcome="fail", advisory=True,
    title_en="Language switch leads to the front page",
    title_fi="Kielivalinta vie etusivulle",
    title_sv="Språkväljaren leder till startsidan",
    help_sv=(
        "Språkväljaren (eller hreflang-alternativet) på denna sida leder till startsidan på det andra språket "
        "i stället för sidans motsvarighet, så besökaren tappar bort var hen var. Länka motsvarigheten, eller "
        "lämna bort alternativet där det inte finns någon."
    ),
    help_en="The language switcher (or hreflang alternate) of this page leads to the front page of the other "
            "language instead of this page's counterpart, so the visitor loses their place. Link the counterpart, "
            "or leave the alternate out where none exists.",
    help_fi="Sivun kielivalinta (tai hreflang-vaihtoehto) vie toisen kieliversion etusivulle eikä tämän sivun "
            "vastineeseen. Linkitä vastinesivu tai jätä vaihtoehto pois, jos vastinetta ei ole.",
)
def switcher_to_front_page(site: SiteArtifacts) -> Iterator[Hit]:
    """Inner pages whose counterpart link in another language is that language's front page."""
    for pl in analyse(site):
        seen: set[str] = set()
        # The switcher link is what visitors click: report it before the hreflang alternate.
        for c in sorted(pl.counterparts, key=lambda c: c.source != "switcher link"):
            if c.lang in seen or not _fallback(pl.page, c):
                continue
            if any(o.lang == c.lang and not _fallback(pl.page, o) for o in pl.counterparts):
                continue  # a real counterpart is linked too
            seen.add(c.lang)
            yield Hit(selector=c.selector, snippet=c.html, url=pl.page.url,
                      message=msg(
                          en=f"The {c.lang} version link ({c.source}) leads to the front page {c.url}, not to "
                             "this page's counterpart.",
                          fi=f"Kieliversion {c.lang} linkki ({c.source}) vie etusivulle {c.url} eikä tämän sivun "
                             "vastineeseen.",
                          sv=f"Länken till språkversionen {c.lang} ({c.source}) leder till startsidan {c.url}, "
                             "inte till sidans motsvarighet."),
                      evidence={"law": LAW["languages"], "lang": c.lang, "target": c.url, "source": c.source,
                                "sources": sorted({o.source for o in pl.counterparts if o.lang == c.lang})})


@site_rule(
    "SV-10", area="service", impact="moderate", outcome="fail", advisory=True,
    title_en="Language version declares another language",
    title_fi="Kieliversio ilmoittaa väärän kielen",
    title_sv="Språkversionen anger ett annat språk",
    help_sv=(
        "En sida som länkas som språkversion (hreflang eller språkväljare) anger ett annat språk i sitt "
        "lang-attribut. Rätta sidans lang (WCAG 3.1.1) eller länkens hreflang, beroende på vilket som är fel."
    ),
    help_en="A page linked as a language version (hreflang or language switcher) declares another language in its "
            "lang attribute. Fix the page's lang (WCAG 3.1.1) or the link's hreflang, whichever is wrong.",
    help_fi="Kieliversioksi linkitetyn sivun lang-määrite ilmoittaa eri kielen. Korjaa sivun lang-määrite "
            "(WCAG 3.1.1) tai linkin hreflang sen mukaan, kumpi on väärin.",
)
def counterpart_lang_mismatch(site: SiteArtifacts) -> Iterator[Hit]:
    """A crawled counterpart whose own language differs from the language it is linked as."""
    pages = analyse(site)
    by_url = {pl.page.url: pl for pl in pages}
    claims: dict[str, list[tuple[str, str, str]]] = {}  # target url -> [(claimed lang, source, from page)]
    for pl in pages:
        for c in pl.counterparts:
            if c.url in by_url and not _fallback(pl.page, c):
                claims.setdefault(c.url, []).append((c.lang, c.source, pl.page.url))
    for url, cl in claims.items():
        target = by_url[url]
        declared = primary(facts(target.page).get("lang"))
        for lang, source, src in cl:
            ev = {"law": LAW["languages"], "linked_as": lang, "declared": declared,
                  "linked_from": sorted({s for _, _, s in cl})[:10], "source": source}
            if declared and declared != lang:
                yield Hit(selector="html", url=url, snippet=f'<html lang="{declared}">',
                          message=msg(
                              en=f"Linked as the {lang} version from {src} ({source}), but the page declares "
                                 f"lang=\"{declared}\".",
                              fi=f"Sivu on linkitetty kieliversioksi {lang} sivulta {src} ({source}), mutta sen "
                                 f"lang-määrite on \"{declared}\".",
                              sv=f"Länkad som {lang}-version från {src} ({source}), men sidan anger "
                                 f"lang=\"{declared}\"."), evidence=ev)
                break
            det = detected_lang(target.page)
            if det is not None and det[0] != lang:
                yield Hit(selector="html", url=url, snippet=f'<html lang="{declared}">' if declared else "",
                          message=msg(
                              en=f"Linked as the {lang} version from {src} ({source}), but its text is in "
                                 f"{det[0]} (detected, confidence {det[1]:.2f} on {det[2]} words).",
                              fi=f"Sivu on linkitetty kieliversioksi {lang} sivulta {src} ({source}), mutta sen "
                                 f"teksti on kieltä {det[0]} (tunnistettu, varmuus {det[1]:.2f}, {det[2]} sanaa).",
                              sv=f"Länkad som {lang}-version från {src} ({source}), men texten är på {det[0]} "
                                 f"(identifierat, säkerhet {det[1]:.2f} på {det[2]} ord)."),
                          evidence={**ev, "detected": det[0], "confidence": det[1], "words": det[2]})
                break


# Text detection only speaks when it is sure: a wrong hit here blames a translation. The detector (auditor/text)
# needs at least 2 words; a counterpart's main text of 20+ words at 0.9 confidence leaves out navigation-only pages
# and mixed-language pages.
DETECT_MIN_WORDS = 20
DETECT_MIN_CONFIDENCE = 0.9


def detected_lang(page: SitePage) -> tuple[str, float, int] | None:
    """(language, confidence, words) of the page's main text when the plain-language detector is installed and
    sure; None otherwise."""
    try:
        from auditor.text.langid import detect
    except Exception:  # the detector is optional here: the lang attribute and hreflang still decide
        return None
    text = main_text(page)
    if not text:
        return None
    try:
        d = detect(text[:2000])
    except Exception:
        return None
    if d.lang and d.words >= DETECT_MIN_WORDS and d.confidence >= DETECT_MIN_CONFIDENCE:
        return d.lang, float(d.confidence), int(d.words)
    return None
