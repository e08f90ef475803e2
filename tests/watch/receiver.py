"""A webhook receiver on 127.0.0.1 for the alert tests: checks each call's Standard Webhooks
signature, keeps what it received, and fails on demand (``receiver.fail_next = 2``) or answers a
byte at a time (``receiver.trickle = True``: TRICKLE_SECONDS between bytes, until the call is
dropped or the receiver stops)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from app.services.webhooks import signature

#: The pause between the bytes of a trickled answer: each comes well within a read timeout.
TRICKLE_SECONDS = 0.2


@dataclass
class Receiver:
    port: int
    secret: str
    received: list[dict[str, Any]] = field(default_factory=list)  # signed calls answered 2xx
    bad_signatures: int = 0
    failed: int = 0
    fail_next: int = 0
    trickle: bool = False
    stop: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook"

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    def events(self) -> list[str]:
        with self.lock:
            return sorted(call["body"]["data"]["event"] for call in self.received)


def _handler(receiver: Receiver) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            message_id = self.headers.get("webhook-id", "")
            timestamp = self.headers.get("webhook-timestamp", "0")
            expected = signature(receiver.secret, message_id, int(timestamp), body)
            with receiver.lock:
                if self.headers.get("webhook-signature") != expected:
                    receiver.bad_signatures += 1
                    status = 401
                elif receiver.fail_next > 0:
                    receiver.fail_next -= 1
                    receiver.failed += 1
                    status = 500
                else:
                    receiver.received.append({"id": message_id, "body": json.loads(body)})
                    status = 204
            if receiver.trickle:
                self._trickle(b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n")
                return
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def _trickle(self, answer: bytes) -> None:
            for byte in answer:
                if receiver.stop.wait(TRICKLE_SECONDS):
                    return
                try:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                except OSError:  # the caller gave up
                    return

    return Handler


@contextmanager
def serve_receiver(secret: str) -> Iterator[Receiver]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    receiver = Receiver(port=server.server_address[1], secret=secret)
    server.RequestHandlerClass = _handler(receiver)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield receiver
    finally:
        receiver.stop.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
