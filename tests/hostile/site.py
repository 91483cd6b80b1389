"""A hostile web site on 127.0.0.1 (ephemeral port) for the crawl's robustness tests and `make bench-hostile`.

Every behaviour lives under its own path, linked from the home page; the request log keeps (method, path, time).
Run it by hand: `python -m tests.hostile.site` prints the URL and serves until Ctrl-C.
"""
from __future__ import annotations

import gzip
import os
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

HOSTILE_TITLE = '<script>document.title="XSS"</script><img src=x onerror=alert(1)>'


def _page(title: str, body: str, head: str = "") -> bytes:
    return (f'<!doctype html><html lang="fi"><head><meta charset="utf-8"><title>{title}</title>{head}</head>'
            f'<body><main><h1>{title}</h1>{body}</main></body></html>').encode()


# path -> short description; the home page links every one of them (order: cheap first).
BEHAVIOURS = {
    "/slow-first-byte": "first byte after longer than the page timeout",
    "/trickle": "body trickles one byte every 0.5 s",
    "/reset": "connection reset after the headers",
    "/truncated": "chunked body cut in the middle",
    "/status/500": "HTTP 500",
    "/status/503": "HTTP 503 with Retry-After: 1 the first time, then 200",
    "/status/401": "HTTP 401",
    "/status/403": "HTTP 403",
    "/redirect-loop": "redirects to itself for ever",
    "/redirect-chain/1": "a chain of 30 redirects",
    "/offsite-redirect": "redirects to another origin",
    "/huge": "a 20 MB HTML page",
    "/deep-dom": "5,000 nested elements",
    "/many-links": "50,000 links",
    "/busy": "setInterval doing 200 ms of work after load",
    "/alert-loop": "for(;;) alert() after load",
    "/memory-hog": "allocates memory in a loop",
    "/dom-hog": "builds DOM nodes in a loop after load",
    "/popup": "opens popups on load",
    "/self-nav": "navigates itself to another page after load",
    "/service-worker": "registers a service worker",
    "/wrong-type": "HTML served as application/octet-stream",
    "/broken-encoding": "invalid UTF-8 bytes and NUL bytes",
    "/trap/cal": "calendar with next-month links for ever",
    "/trap/deep/a": "ever-deeper relative links",
    "/form-autosubmit": "a form submitted by script on load (POST)",
    "/script-post": "a fetch POST on load",
    "/attachment": "HTML with Content-Disposition: attachment",
    "/svg-links": "links inside inline SVG and MathML",
    "/session?sessid=1": "session-id variants on every link",
    "/hostile-strings": "markup and script in title, headings and links",
}


_BOMB: list[bytes] = []


def _bomb() -> bytes:
    """~100 MB of zeros compressed to ~100 kB: a decompression bomb (built once)."""
    if not _BOMB:
        _BOMB.append(gzip.compress(b"<" + b"\0" * (100 * 1024 * 1024), compresslevel=6))
    return _BOMB[0]


class HostileSite:
    def __init__(self, robots: str = "User-agent: *\nAllow: /\n", sitemap: bool = True, down_after: int | None = None):
        self.robots = robots
        self.sitemap = sitemap
        self.down_after = down_after
        self.log: list[tuple[str, str, float]] = []
        self._lock = threading.Lock()
        self.counters: dict[str, int] = {}
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *a):  # quiet
                pass

            def _log(self):
                with site._lock:
                    site.log.append((self.command, self.path, time.time()))
                    n = len(site.log)
                return n

            def do_HEAD(self):
                self._log()
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def do_POST(self):
                self._log()
                n = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(n)
                self._send(200, b"<html><body>POST accepted</body></html>")

            do_PUT = do_DELETE = do_PATCH = do_POST

            def do_GET(self):
                n = self._log()
                if site.down_after is not None and n > site.down_after:
                    self.close_connection = True
                    self.connection.close()
                    return
                try:
                    site.route(self)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def _send(self, status, body: bytes, ctype="text/html; charset=utf-8", headers=()):
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                for k, v in headers:
                    self.send_header(k, v)
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)

        class Server(ThreadingHTTPServer):
            def handle_error(self, request, client_address):  # resets and aborted reads are the point here
                pass

        self.Handler = Handler
        self.server = Server(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "HostileSite":
        _bomb()
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def requests(self, method: str | None = None) -> list[tuple[str, str, float]]:
        with self._lock:
            return [r for r in self.log if method is None or r[0] == method]

    def _count(self, key: str) -> int:
        with self._lock:
            self.counters[key] = self.counters.get(key, 0) + 1
            return self.counters[key]

    # routes ------------------------------------------------------------------------------------------------
    def route(self, h) -> None:  # noqa: C901 - one branch per behaviour, on purpose
        parts = urlsplit(h.path)
        path, q = parts.path, parse_qs(parts.query)
        send = h._send
        if path == "/robots.txt":
            if self.robots.startswith("STATUS "):
                return send(int(self.robots.split()[1]), b"error", "text/plain")
            return send(200, self.robots.encode(), "text/plain")
        if path == "/sitemap.xml":
            if not self.sitemap:
                return send(404, b"no")
            return send(200, (f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                              f'<sitemap><loc>{self.url}sitemap.xml</loc></sitemap>'
                              f'<sitemap><loc>{self.url}bomb.xml.gz</loc></sitemap></sitemapindex>').encode(),
                        "application/xml")
        if path == "/bomb.xml.gz":
            return send(200, _bomb(), "application/x-gzip")
        if path == "/":
            links = "".join(f'<li><a href="{p}">{d}</a></li>' for p, d in BEHAVIOURS.items())
            return send(200, _page("Hostile home", f"<ul>{links}</ul>"))
        if path == "/slow-first-byte":
            time.sleep(float(q.get("s", ["8"])[0]))
            return send(200, _page("Slow", "<p>late</p>"))
        if path == "/trickle":
            h.send_response(200)
            h.send_header("Content-Type", "text/html")
            h.send_header("Content-Length", "100000")
            h.end_headers()
            for _ in range(200):
                h.wfile.write(b" ")
                h.wfile.flush()
                time.sleep(0.5)
            return
        if path == "/reset":
            h.send_response(200)
            h.send_header("Content-Type", "text/html")
            h.send_header("Content-Length", "5000")
            h.end_headers()
            import socket
            import struct

            h.wfile.flush()
            h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            os.close(h.connection.detach())  # linger 0 + close = RST now (the file objects keep no fd)
            return
        if path == "/truncated":
            h.send_response(200)
            h.send_header("Content-Type", "text/html")
            h.send_header("Transfer-Encoding", "chunked")
            h.end_headers()
            h.wfile.write(b"100\r\n<html><body>cut")
            h.wfile.flush()
            h.close_connection = True
            return
        if path.startswith("/status/"):
            code = int(path.rsplit("/", 1)[1])
            if code == 503 and self._count("503") > 1:
                return send(200, _page("Back", "<p>recovered after Retry-After</p>"))
            hdrs = [("Retry-After", "1")] if code == 503 else []
            return send(code, _page(f"Error {code}", "<p>error</p>"), headers=hdrs)
        if path == "/redirect-loop":
            return send(302, b"", headers=[("Location", "/redirect-loop")])
        if path.startswith("/redirect-chain/"):
            n = int(path.rsplit("/", 1)[1])
            if n >= 30:
                return send(200, _page("Chain end", "<p>end</p>"))
            return send(301, b"", headers=[("Location", f"/redirect-chain/{n + 1}")])
        if path == "/offsite-redirect":
            return send(302, b"", headers=[("Location", "http://192.0.2.1:9/elsewhere")])
        if path == "/huge":
            filler = b"<p>" + b"x" * 1000 + b"</p>\n"
            return send(200, b"<html><body>" + filler * (20 * 1024) + b"</body></html>")
        if path == "/deep-dom":
            return send(200, _page("Deep", "<div>" * 5000 + "deep" + "</div>" * 5000))
        if path == "/many-links":
            return send(200, _page("Links", "".join(f'<a href="/many-links/{i}">{i}</a> ' for i in range(50000))))
        if path.startswith("/many-links/"):
            return send(200, _page("Link target", "<p>one of many</p>"))
        if path == "/busy":
            js = "addEventListener('load',()=>setInterval(()=>{const t=Date.now();while(Date.now()-t<200){}},0))"
            return send(200, _page("Busy", "<p>busy</p>", f"<script>{js}</script>"))
        if path == "/alert-loop":
            js = "addEventListener('load',()=>{for(;;){alert('x');confirm('y');}})"
            return send(200, _page("Alerts", "<p>alerts</p>", f"<script>{js}</script>"))
        if path == "/memory-hog":
            js = "addEventListener('load',()=>{const a=[];for(;;){a.push(new Array(1e6).fill(Math.random()));}})"
            return send(200, _page("Hog", "<p>hog</p>", f"<script>{js}</script>"))
        if path == "/dom-hog":
            js = ("addEventListener('load',()=>{const b=document.body;setInterval(()=>{const f=document.createElement"
                  "('div');f.innerHTML='<p>x</p>'.repeat(20000);b.appendChild(f)},5)})")
            return send(200, _page("DOM hog", "<p>hog</p>", f"<script>{js}</script>"))
        if path == "/popup":
            js = "addEventListener('load',()=>{for(let i=0;i<20;i++)window.open('/popup-target?'+i)})"
            return send(200, _page("Popup", "<p>popups</p>", f"<script>{js}</script>"))
        if path == "/popup-target":
            return send(200, _page("Popup target", "<p>should never be opened</p>"))
        if path == "/self-nav":
            js = "addEventListener('load',()=>setTimeout(()=>{location.href='/self-nav-target'},50))"
            return send(200, _page("Self navigating", "<p>moves</p>", f"<script>{js}</script>"))
        if path == "/self-nav-target":
            return send(200, _page("Self-nav target", "<p>reached by a script</p>"))
        if path == "/service-worker":
            js = "navigator.serviceWorker && navigator.serviceWorker.register('/sw.js').catch(()=>{})"
            return send(200, _page("SW", "<p>sw</p>", f"<script>{js}</script>"))
        if path == "/sw.js":
            return send(200, b"self.addEventListener('fetch',e=>e.respondWith(new Response('hijacked')))",
                        "application/javascript")
        if path == "/wrong-type":
            return send(200, _page("Wrong type", "<p>octet</p>"), "application/octet-stream")
        if path == "/broken-encoding":
            return send(200, b"<html lang=fi><head><title>Enc \xff\xfe\x00</title></head><body><main><h1>A\x00B"
                             b"\xc3\x28 \xe2\x82</h1></main></body></html>", "text/html; charset=utf-8")
        if path.startswith("/trap/cal"):
            m = int(q.get("m", ["0"])[0])
            return send(200, _page(f"Month {m}", f'<a href="/trap/cal?m={m + 1}">next month</a>'))
        if path.startswith("/trap/deep"):
            return send(200, _page("Deeper", '<a href="a/">deeper</a>'))
        if path == "/form-autosubmit":
            body = ('<form id=f method=post action="/form/api/delete"><input name=x value=1></form>'
                    "<script>document.getElementById('f').submit()</script>")
            return send(200, _page("Form", body))
        if path == "/script-post":
            js = "fetch('/api/delete',{method:'POST',body:'all'}).catch(()=>{})"
            return send(200, _page("Script POST", "<p>posting</p>", f"<script>{js}</script>"))
        if path == "/attachment":
            return send(200, _page("Attachment", "<p>download me</p>"),
                        headers=[("Content-Disposition", 'attachment; filename="x.html"')])
        if path == "/svg-links":
            body = ('<svg width="100" height="40"><a href="/svg-target"><text x="0" y="15">svg</text></a>'
                    '<a xlink:href="/svg-xlink-target" xmlns:xlink="http://www.w3.org/1999/xlink">'
                    '<text x="0" y="30">x</text></a></svg>'
                    '<math><mi href="/mathml-target">x</mi></math>')
            return send(200, _page("SVG links", body))
        if path in ("/svg-target", "/svg-xlink-target", "/mathml-target"):
            return send(200, _page("Linked from SVG/MathML", "<p>found</p>"))
        if path == "/session":
            n = self._count("session")
            return send(200, _page("Session", f'<a href="/session?sessid={n}">again</a> '
                                              f'<a href="/session?s={n}">s</a> <a href="/session?token={n}">t</a>'))
        if path == "/hostile-strings":
            return send(200, _page(HOSTILE_TITLE, f'<h2>{HOSTILE_TITLE}</h2><a href="javascript:alert(1)">js</a>'
                                                  '<img src="x" alt="&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;">'))
        return send(404, _page("Not found", "<p>404</p>"))


if __name__ == "__main__":
    with HostileSite() as s:
        print(s.url, flush=True)
        try:
            while True:
                time.sleep(1)
        except KeyboardInterrupt:
            pass
