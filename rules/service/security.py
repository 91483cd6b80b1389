"""SV-11..SV-17: secure delivery. HTTPS everywhere, HTTP redirected to HTTPS, HSTS, mixed content, forms posting
over HTTP, cookie flags, common security headers.

Sources: the main document's response headers (page.json `headers`), the browser's network log (`network`), the
rendered DOM (forms, sub-resources named in markup: browsers upgrade or block mixed content, so the log alone can
miss it), the cookies the browser held (`cookies` gatherer) with the server's Set-Cookie headers, and the one-request
`https_probe` of the http:// origin (auditor/gatherers/security.py). Plain-HTTP delivery, mixed content and forms over
HTTP are failures (information security duty, 906/2019 13 §); HSTS, cookie flags and headers are advisory.
Site-wide header problems are one finding each (on the first page that has it), with the affected pages counted.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from auditor.registry import Hit, Msg, SiteArtifacts, SitePage, msg, site_rule
from rules.service.common import LAW, dom, facts, final_url, home, snippet

# HSTS max-age of at least one year: the HSTS preload list's requirement and OWASP's recommendation (31536000 s).
HSTS_MIN_AGE_S = 31_536_000
MAX_EXAMPLES = 20  # affected URLs listed in a site-wide finding
MAX_PER_PAGE = 20  # mixed-content resources reported per page

# Names that mark a session or sign-in cookie: readable by scripts, it can be stolen through any XSS.
# (CSRF tokens are left out: the double-submit pattern needs them readable.)
_SESSION_COOKIE = re.compile(
    r"(^|[_.-])(sess|session|sessid|sessionid|sid|auth\w*|token|jwt|login|remember\w*|istunto)([_.-]|$)"
    r"|jsessionid|phpsessid|asp\.net_sessionid|connect\.sid|laravel_session|^_?session", re.I)


def _ordered(site: SiteArtifacts) -> list[SitePage]:
    first = home(site)
    return sorted(site.html_pages, key=lambda p: (p.url != first, p.depth, p.url))


def _headers(page: SitePage) -> dict[str, str]:
    h = facts(page).get("headers") or {}
    return {str(k).lower(): str(v) for k, v in h.items()} if isinstance(h, dict) else {}


def _scheme(page: SitePage) -> str:
    return urlsplit(final_url(page)).scheme.lower()


def _site_https(site: SiteArtifacts) -> bool:
    return bool(site.seeds) and urlsplit(site.seeds[0]).scheme == "https"


def _aggregate(pages: list[tuple[SitePage, str]], total: int, selector: str, message: Msg, ev: dict) -> Hit:
    """One finding for a problem shared by pages: on the first of them, counting and listing the rest."""
    first, detail = pages[0]
    n = f"{len(pages)}/{total}"
    return Hit(selector=selector, snippet=detail, url=first.url,
               message=msg(en=f"{message} ({n} page(s)).", fi=f"{message.fi} ({n} sivua).",
                           sv=f"{message.sv} ({n} sidor)."),
               evidence={**ev, "pages_affected": len(pages), "pages_checked": total,
                         "examples": [{"url": p.url, "value": d} for p, d in pages[:MAX_EXAMPLES]]})


@site_rule(
    "SV-11", area="service", impact="serious", outcome="fail",
    title_en="Pages without encryption",
    title_fi="Sivut ilman salausta",
    title_sv="Sidor utan kryptering",
    help_sv=(
        "Sidorna levereras över okrypterad HTTP: vem som helst i nätet kan läsa och ändra dem och det "
        "användarna skickar. Leverera webbplatsen enbart över HTTPS och omdirigera http:// till https://."
    ),
    help_en="Pages are delivered over plain HTTP: anyone on the network can read and change them and what users "
            "send. Serve the site over HTTPS only and redirect http:// to https://.",
    help_fi="Sivut välitetään salaamattomana HTTP:nä: verkossa voi lukea ja muuttaa sivuja ja käyttäjien "
            "lähettämiä tietoja. Tarjoa sivusto vain HTTPS:llä ja ohjaa http:// osoitteet https://-osoitteisiin.",
)
def plain_http(site: SiteArtifacts) -> Iterator[Hit]:
    """Stored pages and documents whose final URL is http://."""
    pages = [p for p in _ordered(site)] + [p for p in site.pages if p.kind == "document"]
    http = [(p, final_url(p) if p.kind == "html" else p.url) for p in pages
            if (_scheme(p) if p.kind == "html" else urlsplit(p.url).scheme) == "http"]
    if http:
        yield _aggregate(http, len(pages), "html", msg(
            en="Delivered over plain HTTP, without a redirect to HTTPS",
            fi="Välitetään salaamattomana HTTP:nä ilman ohjausta HTTPS:ään",
            sv="Levereras över okrypterad HTTP, utan omdirigering till HTTPS"),
                         {"law": LAW["security"]})


@site_rule(
    "SV-12", area="service", impact="serious", outcome="fail",
    title_en="No redirect to HTTPS",
    title_fi="Ei ohjausta HTTPS:ään",
    title_sv="Ingen omdirigering till HTTPS",
    help_sv=(
        "Webbplatsens http://-adress svarar utan att omdirigera till https://, så besökare som skriver "
        "adressen eller följer en gammal länk stannar på en okrypterad anslutning. Svara på varje "
        "http://-förfrågan med en permanent omdirigering (301/308) till samma https://-adress."
    ),
    help_en="The site's http:// address answers without redirecting to https://, so visitors who type the address "
            "or follow an old link stay on an unencrypted connection. Answer every http:// request with a permanent "
            "redirect (301/308) to the same https:// URL.",
    help_fi="Sivuston http://-osoite vastaa ohjaamatta https://-osoitteeseen. Vastaa jokaiseen http://-pyyntöön "
            "pysyvällä uudelleenohjauksella (301/308) vastaavaan https://-osoitteeseen.",
)
def http_not_redirected(site: SiteArtifacts) -> Iterator[Hit]:
    """The one http:// probe of an https site (auditor/gatherers/security.py) got no redirect to https://."""
    if not _site_https(site):
        return  # SV-11: the pages themselves are the evidence
    for p in site.html_pages:
        probe = facts(p).get("https_probe") or {}
        if not isinstance(probe, dict) or not probe.get("probe_url"):
            continue
        status, loc = probe.get("status"), str(probe.get("location") or "")
        ev = {"law": LAW["security"], **{k: probe[k] for k in ("probe_url", "status", "location", "error")
                                        if k in probe}}
        if probe.get("error") or status is None:
            continue  # nothing listens on plain HTTP: nothing is delivered insecurely
        if 300 <= int(status) < 400 and loc.lower().startswith("https://"):
            continue
        if 300 <= int(status) < 400:
            text = msg(en=f"{probe['probe_url']} redirects to {loc or '(no Location)'}, not to an https:// address.",
                       fi=f"{probe['probe_url']} ohjaa osoitteeseen {loc or '(ei Location-otsaketta)'} eikä "
                          "https://-osoitteeseen.",
                       sv=f"{probe['probe_url']} omdirigerar till {loc or '(ingen Location)'}, inte till en "
                          "https://-adress.")
        else:
            text = msg(en=f"{probe['probe_url']} answers HTTP {status} over plain HTTP instead of redirecting to "
                          "https://.",
                       fi=f"{probe['probe_url']} vastaa salaamattomana (HTTP {status}) eikä ohjaa https://-"
                          "osoitteeseen.",
                       sv=f"{probe['probe_url']} svarar HTTP {status} över okrypterad HTTP i stället för att "
                          "omdirigera till https://.")
        yield Hit(selector="html", url=p.url, message=text, evidence=ev,
                  snippet=f"HTTP {status}" + (f" Location: {loc}" if loc else ""))


@site_rule(
    "SV-13", area="service", impact="moderate", outcome="fail", advisory=True,
    title_en="HSTS missing",
    title_fi="HSTS puuttuu",
    title_sv="HSTS saknas",
    help_sv=(
        "HTTPS-sidorna saknar HTTP Strict Transport Security (eller dess max-age är under ett år), så den "
        "första förfrågan under ett besök kan nedgraderas till HTTP. Skicka `Strict-Transport-Security: "
        "max-age=31536000; includeSubDomains`."
    ),
    help_en="HTTPS pages lack HTTP Strict Transport Security (or its max-age is under a year), so the first "
            "request of a visit can be downgraded to HTTP. Send `Strict-Transport-Security: max-age=31536000; "
            "includeSubDomains`.",
    help_fi="HTTPS-sivuilta puuttuu HSTS-otsake (tai sen max-age on alle vuoden). Lähetä otsake "
            "`Strict-Transport-Security: max-age=31536000; includeSubDomains`.",
)
def no_hsts(site: SiteArtifacts) -> Iterator[Hit]:
    """HTTPS pages without Strict-Transport-Security, or with max-age below HSTS_MIN_AGE_S."""
    pages = [p for p in _ordered(site) if _scheme(p) == "https"]
    missing, short = [], []
    for p in pages:
        v = _headers(p).get("strict-transport-security", "")
        m = re.search(r"max-age\s*=\s*\"?(\d+)", v, re.I)
        if not v or not m:
            missing.append((p, v or "(none)"))
        elif int(m.group(1)) < HSTS_MIN_AGE_S:
            short.append((p, v))
    if missing:
        yield _aggregate(missing, len(pages), "@header strict-transport-security",
                         msg(en="No Strict-Transport-Security header", fi="Strict-Transport-Security-otsake "
                             "puuttuu", sv="Inget Strict-Transport-Security-huvud"),
                         {"law": LAW["advisory_security"]})
    if short:
        yield _aggregate(short, len(pages), "@header strict-transport-security max-age",
                         msg(en=f"Strict-Transport-Security max-age is under {HSTS_MIN_AGE_S} s (one year)",
                             fi=f"Strict-Transport-Security-otsakkeen max-age on alle {HSTS_MIN_AGE_S} s (vuosi)",
                             sv=f"Strict-Transport-Security max-age är under {HSTS_MIN_AGE_S} s (ett år)"),
                         {"law": LAW["advisory_security"]})


def _mixed(page: SitePage) -> list[tuple[str, str, str]]:
    """(url, selector, html) of http:// sub-resources of an https page: from the network log and the markup."""
    out: dict[str, tuple[str, str]] = {}
    d = dom(page)
    for r in (d.resources if d else ()):
        if r.url.lower().startswith("http://"):
            out.setdefault(r.url, (r.selector, r.html))
    for e in facts(page).get("network") or ():
        u = str(e.get("url", "")) if isinstance(e, dict) else ""
        if u.lower().startswith("http://") and e.get("type") != "document":
            out.setdefault(u, (f"@resource {e.get('type', '')}".strip(), ""))
    return [(u, s, h) for u, (s, h) in out.items()]


@site_rule(
    "SV-14", area="service", impact="serious", outcome="fail",
    title_en="Unencrypted content on a secure page",
    title_fi="Salaamatonta sisältöä suojatulla sivulla",
    title_sv="Okrypterat innehåll på en säker sida",
    help_sv=(
        "En HTTPS-sida laddar resurser över okrypterad HTTP (blandat innehåll): webbläsare blockerar eller "
        "uppgraderar dem, så sidan kan gå sönder, och det som laddas kan läsas eller ändras på vägen. Ladda "
        "alla resurser från https://."
    ),
    help_en="An HTTPS page loads resources over plain HTTP (mixed content): browsers block or upgrade them, so the "
            "page may break, and what loads can be read or changed on the way. Load every resource over https://.",
    help_fi="HTTPS-sivu lataa resursseja salaamattomana HTTP:nä (sekasisältö): selain estää ne tai sivu voi "
            "rikkoutua, ja ladattavaa voi muuttaa matkalla. Lataa kaikki resurssit https://-osoitteista.",
)
def mixed_content(site: SiteArtifacts) -> Iterator[Hit]:
    """http:// images, scripts, stylesheets, frames and media on https pages (network log + markup)."""
    for p in site.html_pages:
        if _scheme(p) != "https":
            continue
        for url, sel, html in _mixed(p)[:MAX_PER_PAGE]:
            yield Hit(selector=sel if not sel.startswith("@") else f"{sel} {url}", snippet=html, url=p.url,
                      message=msg(en=f"Loads {url} over plain HTTP on an HTTPS page.",
                                  fi=f"Lataa resurssin {url} salaamattomana HTTP:nä HTTPS-sivulla.",
                                  sv=f"Laddar {url} över okrypterad HTTP på en HTTPS-sida."),
                      evidence={"law": LAW["security"], "resource": url})


_PERSONAL = ("password", "email", "tel", "file", "autocomplete:name", "autocomplete:email", "autocomplete:tel",
             "autocomplete:street-address", "autocomplete:bday", "autocomplete:cc-number")


@site_rule(
    "SV-15", area="service", impact="serious", outcome="fail",
    title_en="Form sends data unencrypted",
    title_fi="Lomake lähettää tiedot salaamatta",
    title_sv="Formuläret skickar data okrypterat",
    help_sv=(
        "Ett formulär skickar det användaren skriver över okrypterad HTTP. Ge formuläret en https://-adress "
        "som action och leverera sidan över HTTPS."
    ),
    help_en="A form sends what the user types over plain HTTP. Give the form an https:// action and serve the page "
            "over HTTPS.",
    help_fi="Lomake lähettää käyttäjän syöttämät tiedot salaamattomana HTTP:nä. Käytä lomakkeen kohteena "
            "https://-osoitetta ja tarjoa sivu HTTPS:llä.",
)
def form_over_http(site: SiteArtifacts) -> Iterator[Hit]:
    """Forms whose submission URL is http:// (also forms on http:// pages)."""
    for p in site.html_pages:
        d = dom(p)
        for f in (d.forms if d else ()):
            if not f.action.lower().startswith("http://"):
                continue
            personal = list(dict.fromkeys(x.split(":")[-1] for x in f.fields if x in _PERSONAL))
            impact = "serious" if (f.method == "post" or personal or _scheme(p) == "https") else "moderate"
            yield Hit(selector=f.selector, snippet=f.html, url=p.url, impact=impact,
                      message=msg(
                          en=f"The form is submitted ({f.method.upper()}) to {f.action} over plain HTTP"
                             + (f"; it asks for {', '.join(personal)}." if personal else "."),
                          fi=f"Lomake lähetetään ({f.method.upper()}) osoitteeseen {f.action} salaamattomana"
                             + (f"; se kysyy tietoja: {', '.join(personal)}." if personal else "."),
                          sv=f"Formuläret skickas ({f.method.upper()}) till {f.action} över okrypterad HTTP"
                             + (f"; det frågar efter {', '.join(personal)}." if personal else ".")),
                      evidence={"law": LAW["security"], "action": f.action, "method": f.method,
                                "fields": list(f.fields)})


def parse_set_cookie(value: str) -> list[dict]:
    """Set-Cookie header lines (one per line, as stored) -> name and attributes. Values are never kept."""
    out = []
    for line in (value or "").splitlines():
        parts = [x.strip() for x in line.split(";")]
        if not parts or "=" not in parts[0]:
            continue
        name = parts[0].split("=", 1)[0].strip()[:100]
        attrs = {}
        for a in parts[1:]:
            k, _, v = a.partition("=")
            attrs[k.strip().lower()] = v.strip()
        out.append({"name": name, "secure": "secure" in attrs, "httpOnly": "httponly" in attrs,
                    "sameSite": attrs.get("samesite", ""), "attrs": sorted(attrs)})
    return out


_COOKIE_FI = {"no Secure": "ei Secure-määritettä",
              "no HttpOnly (session cookie readable by scripts)": "ei HttpOnly-määritettä (skriptit voivat lukea "
                                                                  "istuntoevästeen)",
              "no SameSite": "ei SameSite-määritettä", "SameSite=None without Secure": "SameSite=None ilman Secure"}
_COOKIE_SV = {"no Secure": "inget Secure",
              "no HttpOnly (session cookie readable by scripts)": "inget HttpOnly (sessionskakan kan läsas av "
                                                                  "skript)",
              "no SameSite": "inget SameSite", "SameSite=None without Secure": "SameSite=None utan Secure"}


def cookie_problems(c: dict, https: bool, server_set: bool) -> list[str]:
    probs = []
    if https and not c.get("secure"):
        probs.append("no Secure")
    if not c.get("httpOnly") and _SESSION_COOKIE.search(c.get("name", "")):
        probs.append("no HttpOnly (session cookie readable by scripts)")
    same = str(c.get("sameSite") or "")
    if server_set and not same:
        probs.append("no SameSite")
    if same.lower() == "none" and not c.get("secure"):
        probs.append("SameSite=None without Secure")
    return probs


@site_rule(
    "SV-16", area="service", impact="moderate", outcome="fail", advisory=True,
    title_en="Cookie without protection",
    title_fi="Eväste ilman suojausta",
    title_sv="Kaka utan skydd",
    help_sv=(
        "En kaka saknar skyddande attribut: Secure (skickas bara över HTTPS), HttpOnly (sessionskakor dolda "
        "för skript) eller SameSite (skickas inte med förfrågningar mellan webbplatser). Sätt dem där servern "
        "skapar kakan."
    ),
    help_en="A cookie lacks protective attributes: Secure (sent only over HTTPS), HttpOnly (session cookies hidden "
            "from scripts) or SameSite (not sent with cross-site requests). Set them where the server issues the "
            "cookie.",
    help_fi="Evästeeltä puuttuu suojaava määrite: Secure (vain HTTPS), HttpOnly (istuntoeväste piiloon "
            "skripteiltä) tai SameSite (ei lähetetä sivustojen välisissä pyynnöissä). Aseta määritteet "
            "evästeen asettavassa palvelussa.",
)
def cookie_flags(site: SiteArtifacts) -> Iterator[Hit]:
    """Each cookie once (first page it appears on): Secure on https, HttpOnly on session cookies, SameSite set."""
    seen: set[tuple[str, str]] = set()
    https = _site_https(site)
    # A Set-Cookie header names the page that set the cookie. A cookie seen only in the browser's jar was set by a
    # script or sub-request of some page; the jar is shared by pages rendered at the same time, so such a cookie is
    # reported on the site's front page, with the first page (crawl order) whose jar held it.
    where = home(site)
    for p in site.html_pages:
        f = facts(p)
        server = {c["name"]: c for c in parse_set_cookie(_headers(p).get("set-cookie", ""))}
        jar = (f.get("cookies") or {}).get("cookies") or [] if isinstance(f.get("cookies"), dict) else []
        cookies: list[tuple[dict, bool]] = [(c, True) for c in server.values()]
        cookies += [(c, False) for c in jar if isinstance(c, dict) and c.get("name") not in server]
        page_https = _scheme(p) == "https"
        for c, server_set in cookies:
            key = (str(c.get("name")), str(c.get("domain") or urlsplit(p.url).hostname))
            if key in seen:
                continue
            seen.add(key)
            probs = cookie_problems(c, https and page_https, server_set)
            if not probs:
                continue
            name = key[0]
            shown = "Set-Cookie: " + name + "=…" + "".join(f"; {a}" for a in c.get("attrs", ())) if server_set \
                else f"cookie {name} (set by a script or sub-request)"
            yield Hit(selector=f"@cookie {name}", snippet=snippet(shown, 200), url=p.url if server_set else where,
                      message=msg(en=f"Cookie {name}: " + "; ".join(probs) + ".",
                                  fi=f"Eväste {name}: " + "; ".join(_COOKIE_FI.get(x, x) for x in probs) + ".",
                                  sv=f"Kaka {name}: " + "; ".join(_COOKIE_SV.get(x, x) for x in probs) + "."),
                      evidence={"law": LAW["advisory_security"], "cookie": name, "problems": probs,
                                "set_by": "server" if server_set else "script or sub-request",
                                "first_seen_on": p.url,
                                "flags": {k: c.get(k) for k in ("secure", "httpOnly", "sameSite")}})


def header_problems(h: dict[str, str], meta_csp: str = "") -> dict[str, str]:
    """Missing or weak security headers: header key -> what is wrong (with the value seen).

    A CSP in `<meta http-equiv>` counts as a policy, but not for framing: browsers ignore frame-ancestors there."""
    out = {}
    csp = h.get("content-security-policy", "")
    if not csp and not meta_csp:
        ro = h.get("content-security-policy-report-only")
        out["content-security-policy"] = "report-only (not enforced)" if ro else "missing"
    if h.get("x-content-type-options", "").strip().lower() != "nosniff":
        out["x-content-type-options"] = h.get("x-content-type-options") or "missing"
    rp = h.get("referrer-policy", "").strip().lower()
    if not rp:
        out["referrer-policy"] = "missing"
    elif rp.split(",")[-1].strip() in ("unsafe-url", "no-referrer-when-downgrade"):
        out["referrer-policy"] = rp
    xfo = h.get("x-frame-options", "").strip().lower()
    if "frame-ancestors" not in csp.lower() and xfo not in ("deny", "sameorigin"):
        out["frame-ancestors"] = f"X-Frame-Options: {xfo}" if xfo else "missing (no CSP frame-ancestors, no " \
                                                                        "X-Frame-Options)"
    return out


_HEADER_TEXT = {
    "content-security-policy": msg(en="No enforced Content-Security-Policy header",
                                   fi="Voimassa oleva Content-Security-Policy-otsake puuttuu",
                                   sv="Inget tillämpat Content-Security-Policy-huvud"),
    "x-content-type-options": msg(en="X-Content-Type-Options is not nosniff",
                                  fi="X-Content-Type-Options ei ole nosniff",
                                  sv="X-Content-Type-Options är inte nosniff"),
    "referrer-policy": msg(en="No safe Referrer-Policy header", fi="Turvallinen Referrer-Policy-otsake puuttuu",
                           sv="Inget säkert Referrer-Policy-huvud"),
    "frame-ancestors": msg(en="Framing is not restricted (CSP frame-ancestors or X-Frame-Options)",
                           fi="Kehystämistä ei ole rajoitettu (CSP frame-ancestors tai X-Frame-Options)",
                           sv="Inramning är inte begränsad (CSP frame-ancestors eller X-Frame-Options)"),
}


@site_rule(
    "SV-17", area="service", impact="minor", outcome="fail", advisory=True,
    title_en="Security headers missing",
    title_fi="Tietoturvaotsakkeita puuttuu",
    title_sv="Säkerhetshuvuden saknas",
    help_sv=(
        "Vanliga säkerhetshuvuden saknas: Content-Security-Policy, X-Content-Type-Options: nosniff, "
        "Referrer-Policy och kontroll av inramning (CSP frame-ancestors eller X-Frame-Options). De begränsar "
        "skriptinjektion, MIME-gissning, läckande adresser och clickjacking."
    ),
    help_en="Common security headers are missing: Content-Security-Policy, X-Content-Type-Options: nosniff, "
            "Referrer-Policy, and framing control (CSP frame-ancestors or X-Frame-Options). They limit cross-site "
            "scripting, MIME sniffing, leaking addresses and clickjacking.",
    help_fi="Yleisiä tietoturvaotsakkeita puuttuu: Content-Security-Policy, X-Content-Type-Options: nosniff, "
            "Referrer-Policy sekä kehystyksen rajoitus (CSP frame-ancestors tai X-Frame-Options).",
)
def security_headers(site: SiteArtifacts) -> Iterator[Hit]:
    """Each missing or weak header once, on the first page lacking it, with the affected pages counted."""
    pages = _ordered(site)
    by: dict[str, list[tuple[SitePage, str]]] = {}
    for p in pages:
        if not facts(p).get("headers"):
            continue  # no response headers recorded (resumed from an old run): nothing to judge
        d = dom(p)
        for k, v in header_problems(_headers(p), d.meta_csp if d else "").items():
            by.setdefault(k, []).append((p, v))
    for key in _HEADER_TEXT:
        if key in by:
            yield _aggregate(by[key], len(pages), f"@header {key}", _HEADER_TEXT[key],
                             {"law": LAW["advisory_security"], "header": key})
