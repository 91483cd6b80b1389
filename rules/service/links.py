"""SV-24, SV-25: broken internal links and broken images, with the pages that use them.

Links: every same-site URL the crawl followed and stored as an error (4xx / 5xx, timeout, connection failure),
reported on each crawled page that links it, at the link. Off-site links are not requested (the crawl stays on
the site, and these checks add no fetches). Images: the browser's network log of each page (image and media
requests that answered 4xx / 5xx or failed), from any host, at the <img> when the markup names it.
"""
from __future__ import annotations

from collections.abc import Iterator

from auditor.registry import Hit, SiteArtifacts, msg, site_rule
from rules.service.common import LAW, dom, facts, link_graph, snippet
from spiders.urls import canonical, is_http_url

# Failures that are not the resource's fault: requests the audit itself aborted (robots.txt rules for page resources,
# navigation away) or that an extension/client policy blocked.
BENIGN_FAILURES = ("net::ERR_ABORTED", "net::ERR_FAILED", "net::ERR_BLOCKED_BY_CLIENT")
MAX_PER_PAGE = 50


def _why(p) -> str:
    return f"HTTP {p.status}" if p.status and p.status >= 400 else (p.error or "failed")


@site_rule(
    "SV-24", area="service", impact="moderate", outcome="fail", advisory=True,
    title_en="Broken link",
    title_fi="Rikkinäinen linkki",
    title_sv="Trasig länk",
    help_sv=(
        "Länken leder till en sida eller ett dokument på webbplatsen som inte fungerar (en felstatus, en "
        "timeout eller en misslyckad anslutning). Rätta länken, eller återställ målet eller omdirigera dess "
        "gamla adress."
    ),
    help_en="The link leads to a page or document of the site that does not work (an error status, a timeout or "
            "a failed connection). Fix the link, or restore the target or redirect its old address.",
    help_fi="Linkki vie sivuston sivulle tai tiedostoon, joka ei toimi (virhetila, aikakatkaisu tai yhteysvirhe). "
            "Korjaa linkki tai palauta kohde tai ohjaa vanha osoite uuteen.",
)
def broken_links(site: SiteArtifacts) -> Iterator[Hit]:
    """Crawled pages linking same-site URLs that the crawl stored as errors."""
    errors = {p.url: p for p in site.pages if p.kind == "error"}
    if not errors:
        return
    graph = link_graph(site)
    by_page = {p.url: p for p in site.html_pages}
    for url, err in errors.items():
        sources = [src for src, links in graph.items() if url in links]
        if not sources:
            # Not linked from a crawled page: a sitemap entry or a start URL. Report it on itself if listed somewhere.
            if err.referrer and err.referrer.lower().split("?")[0].endswith((".xml", ".gz")):
                yield Hit(selector="html", url=url,
                          message=msg(en=f"Listed in the sitemap {err.referrer}, but answers {_why(err)}.",
                                      fi=f"Mainittu sivukartassa {err.referrer}, mutta vastaa: {_why(err)}.",
                                      sv=f"Finns i webbplatskartan {err.referrer}, men svarar {_why(err)}."),
                          evidence={"law": LAW["links"], "target": url, "status": err.status, "error": err.error,
                                    "listed_in": err.referrer})
            continue
        for src in sources:
            d = dom(by_page[src])
            anchors = [a for a in (d.anchors if d else ()) if a.url == url]
            a = anchors[0] if anchors else None
            yield Hit(selector=a.selector if a else f"@link {url}", snippet=a.html if a else "", url=src,
                      message=msg(
                          en=f"Link “{snippet(a.text, 80) if a else url}” to {url} answers {_why(err)}.",
                          fi=f"Linkki ”{snippet(a.text, 80) if a else url}” osoitteeseen {url} vastaa: {_why(err)}.",
                          sv=f"Länken ”{snippet(a.text, 80) if a else url}” till {url} svarar {_why(err)}."),
                      evidence={"law": LAW["links"], "target": url, "status": err.status, "error": err.error,
                                "links_on_page": len(anchors), "linked_from_pages": len(sources)})


@site_rule(
    "SV-25", area="service", impact="moderate", outcome="fail", advisory=True,
    title_en="Image or media does not load",
    title_fi="Kuva tai media ei lataudu",
    title_sv="Bild eller media laddas inte",
    help_sv=(
        "En bild (eller video/ljud) på sidan laddas inte: den svarade med en felstatus eller förfrågan "
        "misslyckades. Rätta adressen eller återställ filen; en bild som saknas tar också med sig sin "
        "information."
    ),
    help_en="An image (or video/audio) of the page does not load: it answered an error status or the request "
            "failed. Fix its address or restore the file; a missing image also loses its information.",
    help_fi="Sivun kuva (tai video/ääni) ei lataudu: se vastasi virhetilalla tai pyyntö epäonnistui. Korjaa "
            "osoite tai palauta tiedosto.",
)
def broken_images(site: SiteArtifacts) -> Iterator[Hit]:
    """Image and media requests of each page that answered 4xx/5xx or failed (network log)."""
    for p in site.html_pages:
        seen: set[str] = set()
        d = dom(p)
        by_url: dict[str, tuple[str, str]] = {}
        for r in (d.resources if d else ()):
            if is_http_url(r.url):
                by_url.setdefault(canonical(r.url), (r.selector, r.html))
        for e in facts(p).get("network") or ():
            if not isinstance(e, dict) or e.get("type") not in ("image", "media"):
                continue
            url = str(e.get("url", ""))
            status, failure = e.get("status"), str(e.get("failure") or "")
            bad = (isinstance(status, int) and status >= 400) or (status is None and failure
                                                                  and not failure.startswith(BENIGN_FAILURES))
            if not bad or url in seen or not is_http_url(url):
                continue
            seen.add(url)
            if len(seen) > MAX_PER_PAGE:
                break
            sel, html = by_url.get(canonical(url), (f"@resource {e.get('type')} {url}", ""))
            why = f"HTTP {status}" if status else failure
            yield Hit(selector=sel, snippet=html, url=p.url,
                      message=msg(en=f"The {e.get('type')} {url} does not load ({why}).",
                                  fi=f"Resurssi ({e.get('type')}) {url} ei lataudu ({why}).",
                                  sv=f"Resursen ({e.get('type')}) {url} laddas inte ({why})."),
                      evidence={"law": LAW["links"], "resource": url, "status": status, "failure": failure or None})
