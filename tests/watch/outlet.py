"""A fake outlet on 127.0.0.1 for the watch tests: a feed and pages that a test changes as its
timeline goes (:meth:`Outlet.publish`, :meth:`Outlet.fail`), other documents of any type
(:meth:`Outlet.serve`), answering conditional requests, and the ways a site gets in the way
(robots.txt, or its failure, a slow page, a redirect to a private address). Every request is logged with its
time, for the pacing checks; ``on_request`` runs as a request arrives (what happens meanwhile).

``with serve_outlet() as outlet: outlet.publish("/news/floods", FLOODS_V1)``
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

#: How long /slow holds its body back: longer than the fetch timeout the tests set, bounded.
SLOW_SECONDS = 3.0


def article_html(title: str, paragraphs: list[str], published: str = "2026-12-01") -> bytes:
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        f"<html lang='en'><head><title>{escape(title)}</title>"
        f"<meta property='article:published_time' content='{published}'></head>"
        f"<body><nav>Home | World | Sport</nav><article><h1>{escape(title)}</h1>{body}</article>"
        f"<footer>Subscribe to our newsletter</footer></body></html>"
    ).encode()


@dataclass
class Outlet:
    port: int
    pages: dict[str, bytes] = field(default_factory=dict)
    feed: list[str] = field(default_factory=list)  # paths, newest first
    failing: set[str] = field(default_factory=set)
    documents: dict[str, tuple[str, bytes]] = field(default_factory=dict)  # path: content type, body
    on_request: Callable[[str], None] | None = None  # called with the path, before the answer
    robots: str = "User-agent: *\nDisallow: /private/\n"
    # what /robots.txt answers: its text when 200, a redirect to itself again and again when 302,
    # else a short error
    robots_status: int = 200
    requests: list[tuple[str, float, bool]] = field(default_factory=list)  # path, time, conditional
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    def publish(self, path: str, html: bytes, *, in_feed: bool = True) -> None:
        with self.lock:
            self.pages[path] = html
            if in_feed and path not in self.feed:
                self.feed.insert(0, path)

    def serve(self, path: str, body: bytes, content_type: str) -> None:
        """Serve ``body`` at ``path`` as ``content_type`` (not listed in the feed)."""
        with self.lock:
            self.documents[path] = (content_type, body)

    def fail(self, path: str) -> None:
        with self.lock:
            self.failing.add(path)

    def hits(self, path: str) -> int:
        with self.lock:
            return sum(1 for logged, _, _ in self.requests if logged == path)

    def feed_xml(self) -> bytes:
        items = "".join(
            f"<item><title>{path}</title><link>{self.url(path)}?utm_source=rss</link>"
            f"<pubDate>{format_datetime(datetime(2026, 12, 1, 9, tzinfo=UTC), usegmt=True)}</pubDate></item>"
            for path in self.feed
        )
        channel = f"<channel><title>Outlet</title>{items}</channel>"
        return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'.encode()

    def sitemap_xml(self) -> bytes:
        urls = "".join(
            f"<url><loc>{self.url(path)}</loc><news:news><news:publication_date>2026-12-01T09:00:00Z"
            "</news:publication_date></news:news></url>"
            for path in self.feed
        )
        return (
            '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urls}</urlset>'
        ).encode()


def _handler(outlet: Outlet, stop: threading.Event) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def _send(self, status: int, body: bytes, content_type: str, etag: str | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            if etag:
                self.send_header("ETag", etag)
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            path = self.path.partition("?")[0]
            conditional = "if-none-match" in {key.lower() for key in self.headers}
            with outlet.lock:
                outlet.requests.append((path, time.monotonic(), conditional))
                body = outlet.pages.get(path)
                failing = path in outlet.failing
                document = outlet.documents.get(path)
            if outlet.on_request is not None:
                outlet.on_request(path)
            if document is not None:
                self._reply(document[1], document[0])
            elif path == "/robots.txt" and outlet.robots_status == 302:
                self.send_response(302)
                self.send_header("Location", f"/robots.txt?hop={len(outlet.requests)}")
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif path == "/robots.txt":
                robots = outlet.robots.encode() if outlet.robots_status == 200 else b"robots unavailable"
                self._send(outlet.robots_status, robots, "text/plain")
            elif path in ("/feed.xml", "/sitemap.xml"):
                xml = outlet.feed_xml() if path == "/feed.xml" else outlet.sitemap_xml()
                self._reply(xml, "application/xml")
            elif path == "/slow":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", "100")
                self.end_headers()
                self.wfile.write(b"<p>")
                self.wfile.flush()
                stop.wait(SLOW_SECONDS)
            elif path == "/to-private":
                self.send_response(302)
                self.send_header("Location", "http://127.0.0.2:9/admin")  # loopback, not allowed
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif path == "/to-emoji-host":
                self.send_response(302)
                self.send_header("Location", "http://xn--ls8h.la/feed")  # 💩.la: IDNA 2008 refuses it
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif failing:
                self._send(503, b"down for maintenance", "text/plain")
            elif body is not None:
                self._reply(body, "text/html; charset=utf-8")
            else:
                self._send(404, b"no such page", "text/plain")

        def _reply(self, body: bytes, content_type: str) -> None:
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
            else:
                self._send(200, body, content_type, etag)

    return Handler


@contextmanager
def serve_outlet() -> Iterator[Outlet]:
    stop = threading.Event()
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    outlet = Outlet(port=server.server_address[1])
    server.RequestHandlerClass = _handler(outlet, stop)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield outlet
    finally:
        stop.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
