"""An import over HTTP that survives the server going away: threads with keep-alive connections
(``http.client``, light enough to leave the cores to the server) post articles in order, record
what was acknowledged, and after a failed request wait for the server to answer again."""

from __future__ import annotations

import http.client
import json
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = ["HttpImport"]

#: What a request sees when the server dies or is not back yet.
_GONE = (ConnectionError, http.client.HTTPException, TimeoutError, OSError)


@dataclass
class HttpImport:
    """POST ``bodies`` to ``/v1/articles`` on ``port`` with ``threads`` connections."""

    port: int
    bodies: Sequence[dict[str, Any]]
    threads: int = 8
    #: how long a thread waits for the server to come back before giving up
    patience: float = 120.0
    acknowledged: dict[int, int] = field(default_factory=dict)  # body index -> article id
    unacknowledged: list[int] = field(default_factory=list)  # body indices without an answer
    refused: dict[int, int] = field(default_factory=dict)  # body index -> status (not 200/201)
    _next: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _workers: list[threading.Thread] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def start(self) -> None:
        self._workers = [threading.Thread(target=self._run, daemon=True) for _ in range(self.threads)]
        for worker in self._workers:
            worker.start()

    def join(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        for worker in self._workers:
            worker.join(max(0.0, deadline - time.monotonic()))
        if any(worker.is_alive() for worker in self._workers):
            raise AssertionError(f"the import did not finish within {timeout} s")

    @property
    def done(self) -> int:
        with self._lock:
            return len(self.acknowledged) + len(self.unacknowledged) + len(self.refused)

    def _take(self) -> int | None:
        with self._lock:
            if self._next >= len(self.bodies):
                return None
            self._next += 1
            return self._next - 1

    def _connect(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)

    def _wait_for_server(self) -> None:
        deadline = time.monotonic() + self.patience
        while time.monotonic() < deadline:
            connection = self._connect()
            try:
                connection.request("GET", "/livez")
                if connection.getresponse().status == 200:
                    return
            except _GONE:
                time.sleep(0.05)
            finally:
                connection.close()
        raise TimeoutError(f"the server did not come back within {self.patience} s")

    def _run(self) -> None:
        connection = self._connect()
        try:
            while (index := self._take()) is not None:
                body = json.dumps(self.bodies[index]).encode()
                try:
                    connection.request(
                        "POST", "/v1/articles", body=body, headers={"Content-Type": "application/json"}
                    )
                    response = connection.getresponse()
                    answer = response.read()
                except _GONE:
                    with self._lock:
                        self.unacknowledged.append(index)
                    connection.close()
                    self._wait_for_server()
                    connection = self._connect()
                    continue
                with self._lock:
                    if response.status in (200, 201):
                        self.acknowledged[index] = json.loads(answer)["id"]
                    else:
                        self.refused[index] = response.status
        except Exception as error:  # a thread's failure must fail the test, not vanish
            self.failures.append(f"{type(error).__name__}: {error}")
        finally:
            connection.close()
