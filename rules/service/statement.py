"""SV-1..SV-5: the accessibility statement (saavutettavuusseloste / tillgänglighetsutlåtande / accessibility statement).

306/2019 15 § obliges the provider to publish an accessibility statement; Commission Implementing Decision (EU)
2018/1523 fixes its model and content, asks for it to be reachable from every page (e.g. a static header or footer)
and reviewed at least once a year. The statement is found from link texts and URL patterns in Finnish, Swedish and
English; a statement page that was crawled is read for the five required parts, each quoted as found.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from auditor.registry import Hit, SiteArtifacts, SitePage, msg, site_rule
from rules.service.common import (LAW, click_distances, dom, facts, home, link_graph, main_text, snippet,
                                  unexplored)

# "Easily found from every page": the model statement asks for a link on every page (header or footer), i.e. one
# click; two clicks still reaches it through a "about this site" hub page. Beyond that it is hidden.
MAX_STATEMENT_CLICKS = 2
# Implementing Decision (EU) 2018/1523, annex: the statement is reviewed and updated at least once a year.
MAX_STATEMENT_AGE_DAYS = 365

_TEXT = re.compile(
    r"saavutettavuusseloste|saavutettavuusilmoitus|tillgänglighetsutlåtande|tillgänglighetsredogörelse"
    r"|accessibility\s+statement|statement\s+on\s+accessibility", re.I)
# A link or page called only "Saavutettavuus" / "Tillgänglighet" / "Accessibility" is the statement on many sites.
_SHORT = re.compile(r"^(saavutettavuus|tillgänglighet|accessibility)$", re.I)
_URL = re.compile(
    r"saavutettavuus-?seloste|tillganglighets-?utlatande|tillgänglighetsutlåtande|tillganglighetsredogorelse"
    r"|accessibility[-_]?statement|/(saavutettavuus|tillganglighet|tillgänglighet|accessibility)(/|\.\w+)?$", re.I)


def is_statement_link(text: str, url: str) -> bool:
    t = " ".join((text or "").split())
    path = unquote(urlsplit(url).path).lower() if url else ""
    return bool(_TEXT.search(t) or _SHORT.match(t) or (path and _URL.search(path)))


def _title_head(title: str) -> str:
    # "Saavutettavuus – Esimerkkilän kunta": the page's own name comes before the site name.
    return re.split(r"\s[|–—-]\s", title or "", maxsplit=1)[0].strip()


def is_statement_page(page: SitePage) -> bool:
    d = dom(page)
    names = [page.title, d.title if d else "", d.h1 if d else ""]
    if any(_TEXT.search(n or "") or _SHORT.match(_title_head(n or "")) for n in names):
        return True
    return bool(_URL.search(unquote(urlsplit(page.url).path).lower()))


# Required parts (Implementing Decision (EU) 2018/1523 annex; saavutettavuusvaatimukset.fi). Patterns in fi / sv / en,
# matched on lower-cased text. Each found part is quoted from the line it was found on.
# The parts' names in Finnish and Swedish, for messages.
PART_NAMES = {
    "status": ("saavutettavuuden tila", "status för överensstämmelse"),
    "non_accessible": ("ei-saavutettava sisältö ja syyt", "innehåll som inte är tillgängligt och varför"),
    "date": ("laatimis- tai päivityspäivä", "datum då det utarbetades eller uppdaterades"),
    "feedback": ("palautekanava", "kanal för respons"),
    "authority": ("valvontaviranomaisen yhteystiedot", "hur man kontaktar tillsynsmyndigheten"),
}
PARTS: dict[str, tuple[str, re.Pattern]] = {
    "status": ("conformance status", re.compile(
        r"\b(täyttää|täyttävät|täyttyvät|täyty\w*)\b[^\n.]{0,160}?\b(vaatimu\w*|kriteer\w*|wcag|tason)"
        r"|\b(wcag|vaatimu\w*|kriteer\w*)[^\n.]{0,160}?\b(täyttää|täyttyvät|täyttyy|täyty\w*)\b"
        r"|\bei täytä\b|\bsaavutettavuuden tila"
        r"|\buppfyller\b[^\n.]{0,160}?\b(krav\w*|wcag|kriteri\w*|nivå)|\buppfyller inte\b"
        r"|\b(delvis|helt|till stor del) förenlig|\böverensstämmelse\w*"
        r"|\b(fully|partially|not)\s+(compliant|conformant|conforming)|\bcompliance status"
        r"|\b(complies|conforms|meets)\b[^\n.]{0,160}?\b(requirements|wcag|standard|en 301 549)")),
    "non_accessible": ("non-accessible content and why", re.compile(
        r"\bei[- ]saavutettav\w*|\b(ei|eivät) ole saavutettav\w*|\bsaavutettavuuspuut\w*|\bpuutte\w*"
        r"|\bpoikkeam\w*|\bkohtuuto\w* rasit\w*|\bei puutteita"
        r"|\binte (är )?tillgänglig\w*|\bicke[- ]tillgänglig\w*|\bbrist\w*|\boskälig\w* börda|\binga brister"
        r"|\bnon[- ]accessible|\bnot accessible|\bnon[- ]complian\w*|\bdisproportionate burden"
        r"|\bknown (issues|limitations)|\bno known (issues|problems)")),
    "date": ("date of preparation or update", re.compile(r"(?!x)x")),  # found by parse_dates(), not a pattern
    "feedback": ("feedback channel", re.compile(
        r"\bpalaut\w*|\brespons\w*|\bfeedback\b|\bre(port|ach) us\b|\bcontact us\b")),
    "authority": ("how to contact the supervisory authority", re.compile(
        r"\bvalvontaviranomai\w*|\baluehallintoviras\w*|\blupa- ja valvontaviras\w*|saavutettavuusvaatimukset\.fi"
        r"|\bsaavutettavuuden valvon\w*|\btillsynsmyndighet\w*|\bregionförvaltningsverk\w*"
        r"|\btillstånds- och tillsynsverk\w*|tillganglighetskrav\.fi|\btillgänglighetstillsyn\w*"
        r"|\bsupervisory authority|\benforcement procedure|\bregional state administrative agency"
        r"|webaccessibility\.fi|\bmonitoring (body|authority)")),
}
_CONTACT = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+|\+?\d[\d ]{6,}\d|https?://\S+|www\.\S+")
_AUTHORITY_HOSTS = ("saavutettavuusvaatimukset.fi", "tillganglighetskrav.fi", "webaccessibility.fi", "avi.fi",
                    "lvv.fi")

# Dates ---------------------------------------------------------------------------------------------------------------
_FI_MONTHS = ("tammi", "helmi", "maalis", "huhti", "touko", "kesä", "heinä", "elo", "syys", "loka", "marras", "joulu")
_SV_MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
              "november", "december")
_EN_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
              "november", "december")
_EN_ABBR = {m[:3]: i + 1 for i, m in enumerate(_EN_MONTHS)} | {"sept": 9}
_MONTH = {f"{m}kuuta": i + 1 for i, m in enumerate(_FI_MONTHS)} | {m: i + 1 for i, m in enumerate(_SV_MONTHS)} \
    | {m: i + 1 for i, m in enumerate(_EN_MONTHS)} | _EN_ABBR
_MONTH_ALT = "|".join(sorted(_MONTH, key=len, reverse=True))
_DATE_PATTERNS = (
    (re.compile(r"\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\b"), "dmy"),
    (re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b"), "ymd"),
    (re.compile(rf"\b(\d{{1,2}})(?:\.|st|nd|rd|th)?\s+({_MONTH_ALT})\.?,?\s+(\d{{4}})\b", re.I), "d_name_y"),
    (re.compile(rf"\b({_MONTH_ALT})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I), "name_d_y"),
    # "syyskuussa 2025" / "i september 2025" / "September 2025": the month's last day (never judged too old early).
    (re.compile(rf"\b({'|'.join(_FI_MONTHS)})kuussa\s+(\d{{4}})\b", re.I), "fi_month_y"),
    (re.compile(rf"\b({'|'.join(_SV_MONTHS + _EN_MONTHS)})\s+(\d{{4}})\b", re.I), "name_y"),
)
_UPDATE_WORDS = re.compile(
    r"laadit\w*|päivit\w*|tarkist\w*|julkais\w*|arvioi\w*|utarbeta\w*|uppdater\w*|upprätta\w*|granska\w*"
    r"|bedöm\w*|prepared|updated|reviewed|published|last\s+(update|review)\w*|assessed", re.I)


def _month_end(y: int, m: int) -> dt.date:
    nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def parse_dates(text: str) -> list[tuple[dt.date, str]]:
    """Every calendar date written in the text (fi / sv / en formats), with the line it is on."""
    out: list[tuple[dt.date, str]] = []
    for line in (text or "").splitlines():
        spans: list[tuple[int, int]] = []
        for rx, kind in _DATE_PATTERNS:
            for m in rx.finditer(line):
                if any(a <= m.start() < b for a, b in spans):
                    continue  # "15 september 2025" must not also count as "september 2025"
                g = m.groups()
                try:
                    if kind == "dmy":
                        d = dt.date(int(g[2]), int(g[1]), int(g[0]))
                    elif kind == "ymd":
                        d = dt.date(int(g[0]), int(g[1]), int(g[2]))
                    elif kind == "d_name_y":
                        d = dt.date(int(g[2]), _MONTH[g[1].lower()], int(g[0]))
                    elif kind == "name_d_y":
                        d = dt.date(int(g[2]), _MONTH[g[0].lower()], int(g[1]))
                    elif kind == "fi_month_y":
                        d = _month_end(int(g[1]), _FI_MONTHS.index(g[0].lower()) + 1)
                    else:
                        d = _month_end(int(g[1]), _MONTH[g[0].lower()])
                except (ValueError, KeyError):
                    continue
                if 1990 <= d.year <= 2100:
                    spans.append((m.start(), m.end()))
                    out.append((d, snippet(line, 240)))
    return out


def statement_date(text: str, today: dt.date) -> tuple[dt.date, str] | None:
    """The statement's latest preparation/update date (not in the future), with its line; None if it has none.

    Dates on lines that say laadittu / päivitetty / uppdaterad / updated ... are preferred; otherwise the latest date
    in the text (a statement's other dates, such as an assessment date, are not later than its update)."""
    dates = [(d, q) for d, q in parse_dates(text) if d <= today]
    if not dates:
        return None
    keyed = [(d, q) for d, q in dates if _UPDATE_WORDS.search(q)]
    return max(keyed or dates, key=lambda x: x[0])


@dataclass(frozen=True)
class StatementCheck:
    url: str
    parts: dict[str, str]  # part -> quote ("" when missing)
    date: dt.date | None

    @property
    def missing(self) -> list[str]:
        return [k for k, q in self.parts.items() if not q]


# Which of several matching lines to quote: the one that states the thing, not an introduction that mentions it.
_STRONG = {
    "status": re.compile(r"osittain|kokonaan|täysin|suurelta osin|\bei täytä|delvis|\bhelt\b|till stor del"
                         r"|uppfyller inte|partially|fully|largely|not compliant|\baa\b|aa-tason|nivå aa", re.I),
    "non_accessible": re.compile(r"ei[- ]saavutettav|ole saavutettav|kohtuuto\w* rasit|inte (är )?tillgänglig"
                                 r"|icke[- ]tillgänglig|oskälig\w* börda|non[- ]accessible|not accessible"
                                 r"|disproportionate burden|seuraavat puutteet|följande brister", re.I),
    "authority": re.compile(r"aluehallintoviras|lupa- ja valvontaviras|regionförvaltningsverk|tillstånds- och "
                            r"tillsynsverk|regional state|@|https?://|www\.", re.I),
}
_HEADING_LEN = 60  # a shorter line is usually a heading: quote it with the line under it


def _quote(lines: list[str], i: int, extra: int | None = None) -> str:
    q = lines[i]
    if extra is not None and extra != i:
        q = f"{q} … {lines[extra]}"
    elif len(q) < _HEADING_LEN and i + 1 < len(lines):
        q = f"{q} — {lines[i + 1]}"
    return snippet(q, 240)


def check_statement(text: str, links: list[tuple[str, str]], today: dt.date, url: str = "") -> StatementCheck:
    """Which required parts the statement text has, each quoted. `links`: (href, text) of the page's links."""
    lines = text.splitlines()
    parts: dict[str, str] = {}
    has_mailto = any(h.lower().startswith("mailto:") for h, _ in links)
    for key, (_name, rx) in PARTS.items():
        if key == "date":
            continue
        best: tuple[int, int, str] | None = None  # (score, -line, quote)
        for i, ln in enumerate(lines):
            if not rx.search(ln.lower()):
                continue
            score = 1 if len(ln) >= _HEADING_LEN and key != "feedback" else 0
            extra = None
            if key == "feedback":
                # Feedback needs a way to send it: an address, number or link on this line or the lines under it
                # (the section), or a mailto link on the page.
                contact = next((j for j in range(i, min(i + 6, len(lines))) if _CONTACT.search(lines[j])), None)
                if contact is None and not has_mailto:
                    continue
                extra = contact
                score += (2 + (contact - i <= 2)) if contact is not None else 0
            elif key in _STRONG:
                nxt = lines[i + 1] if i + 1 < len(lines) and len(ln) < _HEADING_LEN else ""
                score += 2 if _STRONG[key].search(ln) or _STRONG[key].search(nxt) else 0
            cand = (score, -i, _quote(lines, i, extra))
            if best is None or cand[:2] > best[:2]:
                best = cand
        quote = best[2] if best else ""
        if key == "authority" and not quote:
            for href, label in links:
                if any(h in href.lower() for h in _AUTHORITY_HOSTS):
                    quote = snippet(f"{label} ({href})", 240)
                    break
        parts[key] = quote
    found = statement_date(text, today)
    parts_ordered = {k: parts.get(k, "") for k in PARTS}
    parts_ordered["date"] = f"{found[0].isoformat()}: {found[1]}" if found else ""
    return StatementCheck(url=url, parts=parts_ordered, date=found[0] if found else None)


# Finding the statement -------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Found:
    pages: tuple[SitePage, ...]  # crawled statement pages
    external: dict[str, tuple[str, str, str]]  # off-site / not crawled statement URL -> (linking page, text, selector)
    documents: dict[str, SitePage]  # statement published as a document
    broken: dict[str, SitePage]  # statement links that answered an error
    links_from: dict[str, set[str]]  # statement URL -> pages that link it


def find_statements(site: SiteArtifacts) -> Found:
    stored = {p.url: p for p in site.pages}
    pages = {p.url: p for p in site.html_pages if is_statement_page(p)}
    external: dict[str, tuple[str, str, str]] = {}
    documents: dict[str, SitePage] = {}
    broken: dict[str, SitePage] = {}
    links_from: dict[str, set[str]] = {}
    for p in site.html_pages:
        d = dom(p)
        if d is None:
            continue
        for a in d.anchors:
            if not a.url or not is_statement_link(a.text, a.url):
                continue
            # A URL pattern alone is weak for a link (a news item may mention the statement in its address); the
            # link text or the target page itself must say so, unless the target was not crawled.
            target = stored.get(a.url)
            if target is None:
                if _TEXT.search(a.text) or _SHORT.match(a.text.strip()) or _URL.search(urlsplit(a.url).path):
                    external.setdefault(a.url, (p.url, a.text, a.selector))
            elif target.kind == "html":
                if target.url not in pages and (_TEXT.search(a.text) or _SHORT.match(a.text.strip())):
                    pages[target.url] = target
            elif target.kind == "document":
                documents[a.url] = target
            else:
                broken[a.url] = target
            links_from.setdefault(a.url, set()).add(p.url)
    return Found(pages=tuple(pages.values()), external=external, documents=documents, broken=broken,
                 links_from=links_from)


def _is_hub(page: SitePage, check: StatementCheck, found: Found) -> bool:
    """A page listing several statements (one per service) rather than being one."""
    d = dom(page)
    if d is None or len(check.missing) < 3:
        return False
    others = {a.url for a in d.anchors if a.url and a.url != page.url and is_statement_link(a.text, a.url)}
    return len(others) >= 2


def _today(site: SiteArtifacts) -> dt.date:
    # A fixed reference date makes re-runs of stored artifacts reproducible (tests); default: today.
    ref = (site.options or {}).get("service_today")
    try:
        return dt.date.fromisoformat(ref) if ref else dt.date.today()
    except (TypeError, ValueError):
        return dt.date.today()


HELP_FI_STATEMENT = ("Julkaise saavutettavuusseloste (laki digitaalisten palvelujen tarjoamisesta 306/2019 15 §) "
                     "ja linkitä se jokaiselta sivulta, esimerkiksi alatunnisteesta.")


@site_rule(
    "SV-1", area="service", impact="serious", outcome="fail",
    title_en="No accessibility statement",
    title_fi="Saavutettavuusseloste puuttuu",
    title_sv="Tillgänglighetsutlåtande saknas",
    help_sv=(
        "Inget tillgänglighetsutlåtande hittades. Lagen om tillhandahållande av digitala tjänster (306/2019, "
        "15 §) kräver ett för varje offentlig webbplats: publicera det (tillgänglighetsutlåtande, "
        "saavutettavuusseloste) och länka till det från varje sida, till exempel i sidfoten."
    ),
    help_en="No accessibility statement was found. 306/2019 15 § requires one for every public site: publish it "
            "(saavutettavuusseloste, tillgänglighetsutlåtande) and link it from every page, e.g. in the footer.",
    help_fi="Saavutettavuusselostetta ei löytynyt. " + HELP_FI_STATEMENT,
)
def statement_missing(site: SiteArtifacts) -> Iterator[Hit]:
    """No page of the site is, or links to, an accessibility statement (fi / sv / en link texts and URL patterns)."""
    if not site.html_pages:
        return
    found = find_statements(site)
    if found.pages or found.external or found.documents:
        return
    ev = {"law": LAW["statement"], "pages_searched": len(site.html_pages),
          "searched_for": "link texts saavutettavuusseloste / tillgänglighetsutlåtande / accessibility statement "
                          "and URL patterns"}
    if found.broken:
        url, target = next(iter(found.broken.items()))
        ev["broken_links"] = {u: (p.error or f"HTTP {p.status}") for u, p in found.broken.items()}
        yield Hit(selector="html", url=home(site), evidence=ev,
                  message=msg(
                      en=f"The accessibility statement link {url} does not work "
                         f"({target.error or f'HTTP {target.status}'}); no statement was found.",
                      fi=f"Saavutettavuusselosteen linkki {url} ei toimi "
                         f"({target.error or f'HTTP {target.status}'}); selostetta ei löytynyt.",
                      sv=f"Länken till tillgänglighetsutlåtandet {url} fungerar inte "
                         f"({target.error or f'HTTP {target.status}'}); inget utlåtande hittades."))
        return
    yield Hit(selector="html", url=home(site), evidence=ev,
              message=msg(
                  en=f"No accessibility statement found on {len(site.html_pages)} audited page(s): no link "
                     "text or address names one.",
                  fi=f"Saavutettavuusselostetta ei löytynyt arvioiduilta sivuilta ({len(site.html_pages)}): "
                     "mikään linkkiteksti tai osoite ei viittaa siihen.",
                  sv=f"Inget tillgänglighetsutlåtande hittades på de granskade sidorna ({len(site.html_pages)}): "
                     "ingen länktext eller adress nämner ett."))


@site_rule(
    "SV-2", area="service", impact="moderate", outcome="fail",
    title_en="Statement hard to find",
    title_fi="Seloste vaikea löytää",
    title_sv="Utlåtandet är svårt att hitta",
    help_sv=(
        "Tillgänglighetsutlåtandet är mer än 2 klick bort från denna sida. Modellutlåtandet (EU 2018/1523) "
        "kräver en länk på varje sida, t.ex. i ett fast sidhuvud eller en sidfot: lägg till en."
    ),
    help_en=f"The accessibility statement is more than {MAX_STATEMENT_CLICKS} clicks away from this page. The model "
            "statement (EU 2018/1523) asks for a link on every page, e.g. a static header or footer: add one.",
    help_fi=f"Saavutettavuusseloste on yli {MAX_STATEMENT_CLICKS} napsautuksen päässä tältä sivulta. Lisää linkki "
            "selosteeseen jokaiselle sivulle, esimerkiksi alatunnisteeseen.",
)
def statement_not_reachable(site: SiteArtifacts) -> Iterator[Hit]:
    """Pages from which no statement can be reached within MAX_STATEMENT_CLICKS clicks over the crawled links."""
    found = find_statements(site)
    targets = {p.url for p in found.pages} | set(found.external) | set(found.documents)
    if not targets:
        return  # SV-1
    graph = link_graph(site)
    dist = click_distances(graph, targets, MAX_STATEMENT_CLICKS)
    example = sorted(targets)[0]
    for p in site.html_pages:
        if p.url in dist:
            continue
        hidden = unexplored(graph, site, p.url)
        yield Hit(selector="html", url=p.url, outcome="review" if hidden else None,
                  message=msg(
                      en=f"No link path of at most {MAX_STATEMENT_CLICKS} clicks leads from this page to the "
                         f"accessibility statement ({example})."
                         + (" Some links of the page were outside the crawl limits: check by hand." if hidden
                            else ""),
                      fi=f"Tältä sivulta ei pääse saavutettavuusselosteeseen ({example}) enintään "
                         f"{MAX_STATEMENT_CLICKS} napsautuksella."
                         + (" Osa sivun linkeistä jäi arvioinnin rajojen ulkopuolelle: tarkista käsin." if hidden
                            else ""),
                      sv=f"Ingen länkväg på högst {MAX_STATEMENT_CLICKS} klick leder från denna sida till "
                         f"tillgänglighetsutlåtandet ({example})."
                         + (" En del av sidans länkar låg utanför granskningens gränser: kontrollera manuellt."
                            if hidden else "")),
                  evidence={"law": LAW["statement"], "statements": sorted(targets)[:10],
                            "max_clicks": MAX_STATEMENT_CLICKS})


@site_rule(
    "SV-3", area="service", impact="serious", outcome="fail",
    title_en="Statement lacks required parts",
    title_fi="Selosteesta puuttuu pakollisia osia",
    title_sv="Utlåtandet saknar obligatoriska delar",
    help_sv=(
        "Tillgänglighetsutlåtandet saknar delar som modellutlåtandet (EU 2018/1523) kräver: status för "
        "överensstämmelse; innehåll som inte är tillgängligt och varför; datum då det utarbetades eller "
        "uppdaterades; en kanal för respons; hur man kontaktar tillsynsmyndigheten (webbtillganglighet.fi)."
    ),
    help_en="The accessibility statement lacks parts the model statement (EU 2018/1523) requires: conformance "
            "status; non-accessible content and why; date of preparation or update; a feedback channel; how to "
            "contact the supervisory authority (Lupa- ja valvontavirasto / saavutettavuusvaatimukset.fi).",
    help_fi="Saavutettavuusselosteesta puuttuu pakollisia tietoja: saavutettavuuden tila, ei-saavutettava sisältö ja "
            "syyt, laatimis- tai päivityspäivä, palautekanava sekä valvontaviranomaisen yhteystiedot.",
)
def statement_incomplete(site: SiteArtifacts) -> Iterator[Hit]:
    """A crawled statement page where one or more required parts were not found (each found part is quoted)."""
    found = find_statements(site)
    today = _today(site)
    for page in found.pages:
        check = _check_page(page, today)
        if not check.missing or _is_hub(page, check, found):
            continue
        yield Hit(selector="main", url=page.url,
                  message=msg(
                      en="The accessibility statement lacks: " + "; ".join(PARTS[k][0] for k in check.missing) + ".",
                      fi="Saavutettavuusselosteesta puuttuu: " + "; ".join(PART_NAMES[k][0] for k in check.missing)
                         + ".",
                      sv="Tillgänglighetsutlåtandet saknar: " + "; ".join(PART_NAMES[k][1] for k in check.missing)
                         + "."),
                  evidence={"law": LAW["statement"], "missing": check.missing,
                            "found": {k: q for k, q in check.parts.items() if q}})


def _check_page(page: SitePage, today: dt.date) -> StatementCheck:
    d = dom(page)
    links = [(a.href, a.text) for a in d.anchors] if d else []
    return check_statement(main_text(page), links, today, page.url)


@site_rule(
    "SV-4", area="service", impact="moderate", outcome="fail",
    title_en="Statement out of date",
    title_fi="Seloste vanhentunut",
    title_sv="Utlåtandet är föråldrat",
    help_sv=(
        "Tillgänglighetsutlåtandet utarbetades eller uppdaterades senast för mer än 365 dagar sedan. Granska "
        "det mot webbplatsen som den är nu och uppdatera datumet minst en gång om året (EU 2018/1523)."
    ),
    help_en=f"The accessibility statement was last prepared or updated more than {MAX_STATEMENT_AGE_DAYS} days ago. "
            "Review it against the site as it is now and update its date at least once a year (EU 2018/1523).",
    help_fi="Saavutettavuusseloste on laadittu tai päivitetty yli vuosi sitten. Tarkista seloste ja päivitä se "
            "vähintään kerran vuodessa.",
)
def statement_outdated(site: SiteArtifacts) -> Iterator[Hit]:
    """A crawled statement whose latest preparation/update date is more than a year before the audit."""
    found = find_statements(site)
    today = _today(site)
    for page in found.pages:
        check = _check_page(page, today)
        if check.date is None:
            continue  # SV-3 reports the missing date
        age = (today - check.date).days
        if age > MAX_STATEMENT_AGE_DAYS:
            yield Hit(selector="main", url=page.url,
                      message=msg(
                          en=f"The statement is dated {check.date.isoformat()}, {age} days before the audit "
                             f"({today.isoformat()}): more than {MAX_STATEMENT_AGE_DAYS} days.",
                          fi=f"Selosteen päiväys on {check.date.isoformat()}, {age} päivää ennen arviointia "
                             f"({today.isoformat()}): yli {MAX_STATEMENT_AGE_DAYS} päivää.",
                          sv=f"Utlåtandet är daterat {check.date.isoformat()}, {age} dagar före granskningen "
                             f"({today.isoformat()}): mer än {MAX_STATEMENT_AGE_DAYS} dagar."),
                      evidence={"law": LAW["statement"], "date": check.date.isoformat(), "age_days": age,
                                "quote": check.parts["date"], "reference_date": today.isoformat()})


@site_rule(
    "SV-5", area="service", impact="minor", outcome="review",
    title_en="Statement to check by hand",
    title_fi="Seloste tarkistettava käsin",
    title_sv="Utlåtandet ska granskas manuellt",
    help_sv=(
        "Ett tillgänglighetsutlåtande hittades. En person måste bekräfta att det som står i det stämmer med "
        "tjänsten (listan över innehåll som inte är tillgängligt, påståendet om överensstämmelse); ett "
        "utlåtande på en annan server eller i ett dokument kändes igen enbart från länken och dess innehåll "
        "kontrollerades inte."
    ),
    help_en="An accessibility statement was found. A person must confirm that what it says matches the service "
            "(its list of non-accessible content, its conformance claim); a statement on another host or in a "
            "document was recognised from the link alone and its content was not checked.",
    help_fi="Saavutettavuusseloste löytyi. Tarkista, että sen tiedot vastaavat palvelua; toisella palvelimella tai "
            "tiedostona julkaistun selosteen sisältöä ei tarkistettu automaattisesti.",
)
def statement_found(site: SiteArtifacts) -> Iterator[Hit]:
    """Every statement found, for review: crawled ones with the quoted parts, others from the link alone."""
    found = find_statements(site)
    today = _today(site)
    for page in found.pages:
        check = _check_page(page, today)
        n = len(PARTS) - len(check.missing)
        yield Hit(selector="main", url=page.url,
                  message=msg(
                      en=f"Accessibility statement found ({n}/{len(PARTS)} required parts); check its claims.",
                      fi=f"Saavutettavuusseloste löytyi ({n}/{len(PARTS)} pakollista osaa); tarkista sen tiedot.",
                      sv=f"Tillgänglighetsutlåtande hittades ({n}/{len(PARTS)} obligatoriska delar); granska "
                         "uppgifterna."),
                  evidence={"law": LAW["statement"], "statement_url": page.url, "kind": "crawled page",
                            "title": page.title, "found": {k: q for k, q in check.parts.items() if q},
                            "missing": check.missing,
                            "linked_from": len(found.links_from.get(page.url, ()))})
    for url, (src, text, sel) in found.external.items():
        yield Hit(selector=sel or "html", url=src,
                  message=msg(
                      en=f"The accessibility statement link “{snippet(text, 80)}” leads to {url}, outside the "
                         "audit: its content was not checked.",
                      fi=f"Saavutettavuusselosteen linkki ”{snippet(text, 80)}” vie osoitteeseen {url} arvioinnin "
                         "ulkopuolelle: sen sisältöä ei tarkistettu.",
                      sv=f"Länken till tillgänglighetsutlåtandet ”{snippet(text, 80)}” leder till {url}, utanför "
                         "granskningen: innehållet kontrollerades inte."),
                  evidence={"law": LAW["statement"], "statement_url": url, "kind": "link only",
                            "link_text": text, "linked_from": len(found.links_from.get(url, ()))})
    for url, doc in found.documents.items():
        yield Hit(selector="html", url=doc.url,
                  message=msg(
                      en=f"The accessibility statement is published as a document ({doc.content_type or 'file'}): "
                         "its content was not checked; a statement should be an accessible web page.",
                      fi=f"Saavutettavuusseloste on julkaistu tiedostona ({doc.content_type or 'tiedosto'}): sen "
                         "sisältöä ei tarkistettu; selosteen pitäisi olla saavutettava verkkosivu.",
                      sv=f"Tillgänglighetsutlåtandet är publicerat som dokument ({doc.content_type or 'fil'}): "
                         "innehållet kontrollerades inte; ett utlåtande bör vara en tillgänglig webbsida."),
                  evidence={"law": LAW["statement"], "statement_url": url, "kind": "document"})
