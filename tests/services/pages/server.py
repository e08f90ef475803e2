"""A small web site on 127.0.0.1 for the ingestion tests: the saved pages in pages/, and the ways a
site can fail (redirect chains and loops, 404, JSON, oversized and stalled bodies).

``with serve_pages() as site: site.url("/pages/wire-story.html")``
"""

from __future__ import annotations

import functools
import gzip
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
#: What the decompression bomb decodes to: 10 MB (100 times the tests' limit) from a body of about
#: 10 KB sent gzip once, a few hundred bytes sent gzip twice.
BOMB_BYTES = 10_000_000


@functools.cache
def _bomb(layers: int) -> bytes:
    body = b"<p>" + b"x" * (BOMB_BYTES - 7) + b"</p>"
    for _layer in range(layers):
        body = gzip.compress(body, compresslevel=9)
    return body


def gzipped(body: bytes, layers: int) -> bytes:
    for _layer in range(layers):
        body = gzip.compress(body)
    return body


def page_bytes(name: str) -> bytes:
    return (PAGES / name).read_bytes()


class _Handler(BaseHTTPRequestHandler):
    stop: threading.Event
    seen: list[tuple[str, str]]

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

    def _send_encoded(self, body: bytes, encoding: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Encoding", encoding)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str, status: int = 302) -> None:
        self.send_response(status)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        self.seen.append((self.path, self.headers.get("Host", "")))
        path = self.path.partition("?")[0]
        if path.startswith("/pages/") and (PAGES / path.removeprefix("/pages/")).is_file():
            name = path.removeprefix("/pages/")
            # the Latin-1 page is served without a charset: the page's own <meta> must be read
            declared = "text/html" if name.startswith("latin1") else "text/html; charset=utf-8"
            self._send(200, page_bytes(name), declared)
        elif path.startswith("/redirect/"):
            hops = int(path.removeprefix("/redirect/"))
            self._redirect(f"/redirect/{hops - 1}" if hops > 1 else "/pages/wire-story.html", 301)
        elif path.startswith("/to-host/"):  # to the same port on another host name
            port = self.server.server_address[1]
            self._redirect(f"http://{path.removeprefix('/to-host/')}:{port}/pages/wire-story.html")
        elif path == "/loop":
            self._redirect("/loop")
        elif path == "/to-file":
            self._redirect("file:///etc/passwd")
        elif path == "/to-emoji-host":  # the punycode of 💩.la, which IDNA 2008 refuses
            self._redirect("http://xn--ls8h.la/story")
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
        elif path == "/bomb":  # gzip once: the body itself is small, what it decodes to is not
            self._send_encoded(_bomb(1), "gzip")
        elif path == "/bomb-twice":
            self._send_encoded(_bomb(2), "gzip, gzip")
        elif path == "/gzip-twice":
            self._send_encoded(gzipped(page_bytes("wire-story.html"), 2), "gzip, gzip")
        elif path == "/gzip-thrice":
            self._send_encoded(gzipped(page_bytes("wire-story.html"), 3), "gzip, gzip, gzip")
        elif path == "/compress":
            self._send_encoded(page_bytes("wire-story.html"), "compress")
        elif path == "/server-error":
            self._send(503, b"down for maintenance", "text/plain")
        else:
            self._send(404, b"no such page", "text/plain")


@dataclass(slots=True, frozen=True)
class PageSite:
    port: int
    #: (path, Host header) of every request received, in order
    seen: list[tuple[str, str]]

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


@contextmanager
def serve_pages() -> Iterator[PageSite]:
    stop = threading.Event()
    seen: list[tuple[str, str]] = []
    handler = type("Handler", (_Handler,), {"stop": stop, "seen": seen})
    _bomb(1), _bomb(2)  # made before serving: a fetch's timeout must not wait for them
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield PageSite(port=server.server_address[1], seen=seen)
    finally:
        stop.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
