"""A fixture e-service behind a login, on 127.0.0.1: unauthenticated requests are redirected to /login."""
from __future__ import annotations

import base64
import secrets
import threading
from http.cookies import SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

PAGES = {"/": ["/asiointi/hakemus", "/asiointi/viestit", "/kirjaudu-ulos"],
         "/asiointi/hakemus": ["/asiointi/viestit", "/"], "/asiointi/viestit": ["/"]}


def _page(title: str, links: list[str], logged_in: bool) -> bytes:
    nav = "".join(f'<li><a href="{h}">{h}</a></li>' for h in links)
    marker = '<a id="logout" href="/kirjaudu-ulos">Kirjaudu ulos</a>' if logged_in else ""
    return (f'<!doctype html><html lang="fi"><head><meta charset="utf-8"><title>{title}</title></head>'
            f'<body><header>{marker}</header><main><h1>{title}</h1><ul>{nav}</ul></main></body></html>').encode()


class LoginSite:
    def __init__(self, *, user="testi", password="", api_key="", session_limit: int | None = None):
        self.user, self.password, self.api_key = user, password, api_key
        self.sessions: dict[str, int] = {}
        self.session_limit = session_limit  # a session ends after this many authenticated pages
        self.log: list[tuple[str, bool]] = []  # (path, authenticated)
        site = self

        class H(BaseHTTPRequestHandler):
            def log_message(self, *a):
                pass

            def _authed(self) -> bool:
                if site.api_key and self.headers.get("X-Api-Key") == site.api_key:
                    return True
                auth = self.headers.get("Authorization", "")
                if auth.startswith("Basic ") and site.password:
                    u, _, p = base64.b64decode(auth[6:]).decode().partition(":")
                    if (u, p) == (site.user, site.password):
                        return True
                c = SimpleCookie(self.headers.get("Cookie", ""))
                sid = c["sid"].value if "sid" in c else None
                if sid and sid in site.sessions:
                    site.sessions[sid] += 1
                    if site.session_limit is not None and site.sessions[sid] > site.session_limit:
                        del site.sessions[sid]
                        return False
                    return True
                return False

            def _send(self, code, body=b"", headers=()):
                self.send_response(code)
                for k, v in headers:
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                if body:
                    self.send_header("Content-Type", "text/html; charset=utf-8")
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                path = self.path.split("?")[0]
                if path == "/robots.txt":
                    return self._send(200, b"User-agent: *\nAllow: /\n", [("Content-Type", "text/plain")])
                if path == "/login":
                    site.log.append((path, False))
                    form = ('<form method="post" action="/login"><label for="user">Tunnus</label>'
                            '<input id="user" name="user"><label for="password">Salasana</label>'
                            '<input id="password" name="password" type="password">'
                            '<button type="submit">Kirjaudu</button></form>')
                    return self._send(200, _page("Kirjautuminen", [], False).replace(b"<ul></ul>", form.encode()))
                if path not in PAGES and path != "/kirjaudu-ulos":
                    return self._send(404, _page("Ei löydy", [], False))
                ok = self._authed()
                site.log.append((path, ok))
                if not ok:
                    return self._send(302, b"", [("Location", "/login")])
                if path == "/kirjaudu-ulos":
                    return self._send(302, b"", [("Location", "/login"), ("Set-Cookie", "sid=; Max-Age=0")])
                return self._send(200, _page(f"Sisäänkirjautunut: {path}", PAGES[path], True))

            def do_POST(self):
                n = int(self.headers.get("Content-Length") or 0)
                form = parse_qs(self.rfile.read(n).decode())
                if form.get("user", [""])[0] == site.user and form.get("password", [""])[0] == site.password:
                    sid = secrets.token_hex(16)
                    site.sessions[sid] = 0
                    return self._send(303, b"", [("Location", "/"), ("Set-Cookie", f"sid={sid}; Path=/; HttpOnly")])
                return self._send(303, b"", [("Location", "/login")])

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def new_session(self) -> str:
        sid = secrets.token_hex(16)
        self.sessions[sid] = 0
        return sid

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *a):
        self.server.shutdown()
        self.server.server_close()
