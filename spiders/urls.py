"""URL canonicalisation and scope: a page is audited once, and only pages of the audited site."""
from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

# Query parameters that never change what a page shows: analytics campaign tags and session ids. `s`, `sessid`,
# `token` and friends were seen on a hostile test site and on real ones (osCommerce `osCsid`, Drupal `s`): kept, they
# made 14 of 56 audited pages the same page.
_TRACKING = re.compile(
    r"^(utm_[a-z_]+|gclid|fbclid|msclkid|mc_[a-z]+|_ga|_gl"
    r"|jsessionid|phpsessid|aspsessionid[a-z]*|sid|sessid|sessionid|session_id|session|sess|s|token|_token"
    r"|oscsid|zenid|cfid|cftoken|ts|timestamp|nocache|_)$",
    re.I,
)
# Path parameters such as ;jsessionid=ABC.
_PATH_SESSION = re.compile(r";(jsessionid|phpsessid|sid|sessionid)=[^/?#]*", re.I)

DOCUMENT_EXTENSIONS = (
    ".pdf", ".doc", ".docx", ".odt", ".rtf", ".xls", ".xlsx", ".ods", ".csv", ".ppt", ".pptx", ".odp",
    ".epub", ".txt", ".zip",
)
# Not pages and not documents: never fetched by the crawl (the browser loads them as page resources).
SKIP_EXTENSIONS = (
    ".jpg", ".jpeg", ".png", ".gif", ".svg", ".webp", ".ico", ".css", ".js", ".mp3", ".mp4", ".webm",
    ".woff", ".woff2", ".ttf", ".xml", ".json", ".avi", ".mov", ".exe", ".dmg", ".iso", ".gz",
)


def canonical(url: str) -> str:
    """Canonical form used for de-duplication: no fragment, no tracking/session parameters, sorted query."""
    parts = urlsplit(url.strip())
    path = _PATH_SESSION.sub("", parts.path) or "/"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if not _TRACKING.match(k)])
    netloc = parts.netloc.lower()
    if parts.scheme == "http" and netloc.endswith(":80"):
        netloc = netloc[:-3]
    elif parts.scheme == "https" and netloc.endswith(":443"):
        netloc = netloc[:-4]
    return canonicalize_url(urlunsplit((parts.scheme.lower(), netloc, path, query, "")), keep_fragments=False)


def is_http_url(url: str) -> bool:
    p = urlsplit(url)
    return p.scheme in ("http", "https") and bool(p.hostname)


def host_of(url: str) -> str:
    """Host and explicit non-default port: the unit of "same site" (http and https on default ports agree)."""
    p = urlsplit(url)
    host = (p.hostname or "").lower()
    port = p.port
    if port is None or (p.scheme, port) in (("http", 80), ("https", 443)):
        return host
    return f"{host}:{port}"


def in_scope(url: str, hosts: set[str], allow_subdomains: bool) -> bool:
    """Same host (and port) as a seed, or a subdomain of it when allowed."""
    h = host_of(url)
    if h in hosts:
        return True
    if allow_subdomains:
        for base in hosts:
            base = base.removeprefix("www.")
            if h == base or h.endswith("." + base):
                return True
    return False


def kind_by_extension(url: str) -> str:
    """`document`, `skip` or `page`, judged from the path alone (the response's content type decides later)."""
    path = urlsplit(url).path.lower()
    if path.endswith(DOCUMENT_EXTENSIONS):
        return "document"
    if path.endswith(SKIP_EXTENSIONS):
        return "skip"
    return "page"


_NUM = re.compile(r"\d+")


def trap_key(url: str) -> tuple[str, int]:
    """(pattern, path depth) for crawler-trap budgets: query values are dropped, so /cal?y=2031&m=5 and
    /cal?y=2032&m=1 share one pattern, and a path repeating its segments (/a/b/a/b/a/…) is one pattern."""
    parts = urlsplit(url)
    segs = [s for s in parts.path.split("/") if s]
    # Numbers in the path are kept (/news/123 and /news/124 are real pages); the query's values are not.
    path = "/".join(segs)
    keys = sorted({k for k, _ in parse_qsl(parts.query, keep_blank_values=True)})
    # A path repeating one segment again and again (/a/b/a/b/a/b...) is collapsed: ever-deeper relative links.
    if len(segs) > 3 and len(set(segs)) <= len(segs) // 2:
        path = "repeat:" + "/".join(sorted(set(_NUM.sub("N", s) for s in segs)))
    return f"{parts.netloc}/{path}?{'&'.join(keys)}", len(segs)
