"""The bundled demo site, served on 127.0.0.1 on an ephemeral port (also used by tests and the benchmark)."""
from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

DEMO_ROOT = Path(__file__).parent / "demo_site"


class _Handler(SimpleHTTPRequestHandler):
    # robots.txt and sitemaps need absolute URLs: {{BASE}} in .txt/.xml files becomes http://127.0.0.1:PORT.
    def send_head(self):
        path = self.translate_path(self.path)
        if path.endswith((".txt", ".xml")) and Path(path).is_file():
            body = Path(path).read_bytes().replace(b"{{BASE}}", self.server.base.encode())
            self.send_response(200)
            self.send_header("Content-Type", "application/xml" if path.endswith(".xml") else "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            import io
            return io.BytesIO(body)
        return super().send_head()

    def log_message(self, fmt, *args):
        log = getattr(self.server, "request_log", None)
        if log is not None:
            log.append(self.path)


class StaticSite:
    """A static folder served on 127.0.0.1:<ephemeral>; `request_log` lists every path requested."""

    def __init__(self, root: Path = DEMO_ROOT, port: int = 0):
        self.root = Path(root)
        handler = functools.partial(_Handler, directory=str(self.root))
        self.server = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.server.daemon_threads = True
        self.server.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.server.request_log = []
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return self.server.base + "/"

    @property
    def request_log(self) -> list[str]:
        return self.server.request_log

    def __enter__(self) -> "StaticSite":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
