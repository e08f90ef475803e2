"""A small web site on 127.0.0.1 for the ingestion tests: the saved pages in pages/, and the ways a
site can fail (redirect chains and loops, 404, JSON, oversized and stalled bodies).

``with serve_pages() as site: site.url("/pages/wire-story.html")``
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PAGES = Path(__file__).resolve().parent / "pages"
#: How long /stall holds its body back: longer than any fetch timeout the tests set.
STALL_SECONDS = 5.0
BIG_BYTES = 300_000


def page_bytes(name: str) -> bytes:
    return (PAGES / name).read_bytes()


class _Handler(BaseHTTPRequestHandler):
    stop: threading.Event

    def log_message(self, format: str, *args: object) -> None:  # keep the test output clean
        pass

    def _send(self, status: int, body: bytes, content_type: str | None, *, length: bool = True) -> None:
        self.send_response(status)
        if content_type is not None:
            self.send_header("Content-Type", content_type)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str, status: int = 302) -> None:
        self.send_response(status)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        path = self.path.partition("?")[0]
        if path.startswith("/pages/") and (PAGES / path.removeprefix("/pages/")).is_file():
            name = path.removeprefix("/pages/")
            # the Latin-1 page is served without a charset: the page's own <meta> must be read
            declared = "text/html" if name.startswith("latin1") else "text/html; charset=utf-8"
            self._send(200, page_bytes(name), declared)
        elif path.startswith("/redirect/"):
            hops = int(path.removeprefix("/redirect/"))
            self._redirect(f"/redirect/{hops - 1}" if hops > 1 else "/pages/wire-story.html", 301)
        elif path == "/loop":
            self._redirect("/loop")
        elif path == "/to-file":
            self._redirect("file:///etc/passwd")
        elif path == "/data.json":
            self._send(200, b'{"title": "not a page"}', "application/json")
        elif path == "/untyped":
            self._send(200, page_bytes("wire-story.html"), None)
        elif path == "/big":
            self._send(200, b"<p>" + b"x" * BIG_BYTES + b"</p>", "text/html")
        elif path == "/big-unannounced":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<p>" + b"x" * BIG_BYTES + b"</p>")
            self.close_connection = True
        elif path == "/stall":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "100")
            self.end_headers()
            self.wfile.write(b"<p>")
            self.wfile.flush()
            self.stop.wait(STALL_SECONDS)
        elif path == "/server-error":
            self._send(503, b"down for maintenance", "text/plain")
        else:
            self._send(404, b"no such page", "text/plain")


@dataclass(slots=True, frozen=True)
class PageSite:
    port: int

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


@contextmanager
def serve_pages() -> Iterator[PageSite]:
    stop = threading.Event()
    handler = type("Handler", (_Handler,), {"stop": stop})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield PageSite(port=server.server_address[1])
    finally:
        stop.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
