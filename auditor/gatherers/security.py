"""Secure-delivery facts that only the browser knows: cookies, and whether the http:// origin redirects to https://.

`cookies` (every page): the cookies the browser holds for the page's URL after it loaded, whoever set them (the
server, a sub-request or a script), without their values (values are secrets; flags are what the rules judge).

`https_probe` (first page of each https origin, per audit): ONE extra request, `GET http://<host>[:port]/` through the
browser context's request client, redirects not followed, bounded by PROBE_TIMEOUT_MS. It is the only request the
service checks add to the crawl, and it is never a second fetch of a crawled page (the crawl fetched the https://
URL). Sites audited over http:// are not probed: their pages are the evidence. An https URL with an explicit port
is probed on the same port over plain HTTP (what a browser does with http://host:port/).
"""
from __future__ import annotations

import weakref
from urllib.parse import urlsplit

from auditor.render import page_gatherer

# A redirect answer comes at once; a host that doesn't listen on port 80 may drop packets silently, so the wait is
# short. 10 s is Lighthouse's per-request budget for its own redirect audit probe.
PROBE_TIMEOUT_MS = 10_000
# Cookies per page kept as evidence; real pages set a few dozen at most.
MAX_COOKIES = 100

# Origins probed, per browser context (one context per audit): a second audit in the same process probes again.
_probed: "weakref.WeakKeyDictionary[object, set[str]]" = weakref.WeakKeyDictionary()


@page_gatherer("cookies")
async def cookies(page, viewport, out_dir) -> dict:
    url = page.url
    if not url.startswith(("http://", "https://")):
        return {"cookies": []}
    jar = await page.context.cookies([url])
    out = []
    for c in jar[:MAX_COOKIES]:
        out.append({
            "name": str(c.get("name", ""))[:100], "domain": str(c.get("domain", ""))[:200],
            "path": str(c.get("path", ""))[:200], "secure": bool(c.get("secure")),
            "httpOnly": bool(c.get("httpOnly")), "sameSite": c.get("sameSite") or "",
            "session": (c.get("expires") or -1) < 0,
        })
    return {"cookies": out}


def probe_url(page_url: str) -> str | None:
    """The http:// origin to probe for an https:// page, or None."""
    p = urlsplit(page_url)
    if p.scheme != "https" or not p.hostname:
        return None
    host = p.hostname if ":" not in p.hostname else f"[{p.hostname}]"
    port = f":{p.port}" if p.port and p.port != 443 else ""
    return f"http://{host}{port}/"


@page_gatherer("https_probe")
async def https_probe(page, viewport, out_dir) -> dict:
    target = probe_url(page.url)
    if target is None:
        return {}
    # Check and claim with no await in between: pages render concurrently, but asyncio switches only at awaits, so
    # one probe per origin and audit.
    seen = _probed.setdefault(page.context, set())
    if target in seen:
        return {}
    seen.add(target)
    result: dict = {"probe_url": target, "page_url": page.url}
    try:
        resp = await page.context.request.get(target, max_redirects=0, timeout=PROBE_TIMEOUT_MS,
                                              fail_on_status_code=False)
        result["status"] = resp.status
        result["location"] = (resp.headers.get("location") or "")[:500]
        await resp.dispose()
    except Exception as exc:  # refused, reset, timed out: nothing is served over plain HTTP
        result["error"] = f"{type(exc).__name__}: {exc}".splitlines()[0][:300]
    return result
