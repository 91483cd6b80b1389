"""SV-6, SV-7: a feedback channel (palaute / respons / feedback) reachable from the pages.

The public administration customer strategy asks every e-service for a feedback channel; accessibility feedback is
a legal duty through the statement (306/2019 15 §, checked by SV-3). A channel is a feedback page or form, a link
whose text offers feedback, or an e-mail address for it (a contact or registry address counts: feedback can be sent
there). Each page should reach one in at most MAX_FEEDBACK_CLICKS clicks.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import unquote, urlsplit

from auditor.registry import Hit, SiteArtifacts, SitePage, msg, site_rule
from rules.service.common import LAW, click_distances, dom, home, link_graph, unexplored

# Same reasoning as the statement: one click from a header/footer link, two through a contact hub page.
MAX_FEEDBACK_CLICKS = 2

_FEEDBACK_TEXT = re.compile(
    r"\bpalaut\w*|\brespons\b|\bge respons|\bfeedback\b|\bgive feedback|\bsend feedback|\bkerro mielipitee\w*"
    r"|\bsäg vad du tycker|\bmuistutukset ja kantelut|\bpalautelomake", re.I)
_CONTACT_TEXT = re.compile(
    r"^(yhteystiedot|ota yhteyttä|yhteydenotto|asiakaspalvelu|kontakt(a oss|uppgifter)?|kundtjänst"
    r"|contact( us| information)?)$", re.I)
_FEEDBACK_URL = re.compile(r"palaute|palautteet|feedback|respons|/(yhteystiedot|kontakt|contact)(/|\.\w+)?$", re.I)
# Mailboxes that take feedback: feedback / contact / registry office / customer service.
_MAILBOX = re.compile(r"^(palaute|feedback|respons|kirjaamo|registratur|registry|asiakaspalvelu|kundtjanst"
                      r"|kundservice|info|neuvonta|contact|yhteys|saavutettavuus|tillganglighet)\b", re.I)


def is_feedback_page(page: SitePage) -> bool:
    d = dom(page)
    names = [page.title, d.h1 if d else ""]
    if any(_FEEDBACK_TEXT.search(n or "") for n in names):
        return True
    return bool(_FEEDBACK_URL.search(unquote(urlsplit(page.url).path)))


def channels(site: SiteArtifacts) -> tuple[set[str], dict[str, str]]:
    """(target URLs that are feedback channels, page URL -> e-mail channel found on the page itself)."""
    targets = {p.url for p in site.html_pages if is_feedback_page(p)}
    stored = {p.url: p for p in site.pages}
    mail: dict[str, str] = {}
    for p in site.html_pages:
        d = dom(p)
        if d is None:
            continue
        for a in d.anchors:
            if a.href.lower().startswith("mailto:"):
                box = a.href[7:].split("?")[0]
                if _MAILBOX.match(box) or _FEEDBACK_TEXT.search(a.text):
                    mail.setdefault(p.url, box)
                continue
            if not a.url:
                continue
            if _FEEDBACK_TEXT.search(a.text) or _CONTACT_TEXT.match(a.text.strip()):
                t = stored.get(a.url)
                if t is None or t.kind == "html":  # a broken feedback link is no channel (SV-24 reports it)
                    targets.add(a.url)
        if any(_FEEDBACK_TEXT.search(p.title or "") or _FEEDBACK_TEXT.search(d.h1) for _ in d.forms):
            targets.add(p.url)
    return targets, mail


@site_rule(
    "SV-6", area="service", impact="serious", outcome="fail", advisory=True,
    title_en="No feedback channel",
    title_fi="Palautekanava puuttuu",
    title_sv="Ingen kanal för respons",
    help_sv=(
        "Ingen kanal för respons hittades: ingen responssida eller -blankett, ingen länk för respons "
        "(palaute, respons, feedback) och ingen e-postadress för kontakt. Erbjud en och länka till den från "
        "varje sida."
    ),
    help_en="No feedback channel was found: no feedback page or form, no link offering feedback (palaute, "
            "respons, feedback) and no contact e-mail address. Offer one and link it from every page.",
    help_fi="Palautekanavaa ei löytynyt: ei palautesivua tai -lomaketta, palautelinkkiä eikä yhteysosoitetta. "
            "Tarjoa palautekanava ja linkitä se jokaiselta sivulta.",
)
def feedback_missing(site: SiteArtifacts) -> Iterator[Hit]:
    """No page of the site offers a way to give feedback."""
    if not site.html_pages:
        return
    targets, mail = channels(site)
    if targets or mail:
        return
    yield Hit(selector="html", url=home(site),
              message=msg(en=f"No feedback channel found on {len(site.html_pages)} audited page(s).",
                          fi=f"Palautekanavaa ei löytynyt yhdeltäkään arvioidulta sivulta "
                             f"({len(site.html_pages)} sivua).",
                          sv=f"Ingen kanal för respons hittades på någon av de granskade sidorna "
                             f"({len(site.html_pages)} sidor)."),
              evidence={"law": LAW["feedback"], "pages_searched": len(site.html_pages),
                        "searched_for": "feedback pages and forms, links palaute / respons / feedback / contact, "
                                        "feedback and contact e-mail addresses"})


@site_rule(
    "SV-7", area="service", impact="minor", outcome="fail", advisory=True,
    title_en="Feedback hard to find",
    title_fi="Palautekanava vaikea löytää",
    title_sv="Responskanalen är svår att hitta",
    help_sv=(
        "Ingen kanal för respons finns inom 2 klick från denna sida. Länka responssidan eller -adressen från "
        "varje sida (sidhuvud eller sidfot), även från e-tjänstens sidor."
    ),
    help_en=f"No feedback channel is within {MAX_FEEDBACK_CLICKS} clicks of this page. Link the feedback page or "
            "address from every page (header or footer), also from e-service pages.",
    help_fi=f"Tältä sivulta ei pääse palautekanavaan {MAX_FEEDBACK_CLICKS} napsautuksella. Linkitä palautesivu tai "
            "-osoite jokaiselle sivulle, myös asiointipalvelun sivuille.",
)
def feedback_not_reachable(site: SiteArtifacts) -> Iterator[Hit]:
    """Pages with no feedback channel on them or within MAX_FEEDBACK_CLICKS clicks."""
    targets, mail = channels(site)
    if not targets and not mail:
        return  # SV-6
    graph = link_graph(site)
    dist = click_distances(graph, targets | set(mail), MAX_FEEDBACK_CLICKS)
    for p in site.html_pages:
        if p.url in dist:
            continue
        hidden = unexplored(graph, site, p.url)
        yield Hit(selector="html", url=p.url, outcome="review" if hidden else None,
                  message=msg(
                      en=f"No feedback channel on this page or within {MAX_FEEDBACK_CLICKS} clicks."
                         + (" Some links were outside the crawl limits: check by hand." if hidden else ""),
                      fi=f"Tällä sivulla tai {MAX_FEEDBACK_CLICKS} napsautuksen päässä ei ole palautekanavaa."
                         + (" Osa linkeistä jäi arvioinnin rajojen ulkopuolelle: tarkista käsin." if hidden else ""),
                      sv=f"Ingen kanal för respons på denna sida eller inom {MAX_FEEDBACK_CLICKS} klick."
                         + (" En del länkar låg utanför granskningens gränser: kontrollera manuellt." if hidden
                            else "")),
                  evidence={"law": LAW["feedback"], "channels": sorted(targets)[:10],
                            "max_clicks": MAX_FEEDBACK_CLICKS})
