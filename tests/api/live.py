"""A real uvicorn serving an app on 127.0.0.1 in a thread of the test process, for what only a real
server shows (concurrency across its thread pool, the HTTP parser's limits). Always stopped."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn
from fastapi import FastAPI

from tests.reliability.server import free_port

__all__ = ["served"]


@contextmanager
def served(app: FastAPI, **options: Any) -> Iterator[str]:
    """``app`` served by uvicorn (``options`` as ``uvicorn.Config`` takes them) until the block ends;
    yields its base URL."""
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, **{"log_level": "warning", **options})
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise AssertionError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
