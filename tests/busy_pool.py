"""An extraction pool made busy for as long as a test wants: every one of its processes runs a job
that waits on a connection to a listener here. The test knows every process is taken once every
connection is accepted, and frees them by closing the connections: no sleeping, no guessing.

``with pool_held(watch_extraction_pool): ...``
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from app.services.pages import WORKER_START_SECONDS, ExtractionPool

#: Longer than any job here should take: the jobs only wait for the test to let them go.
_HELD_SECONDS = 120.0


def wait_for_release(port: int) -> int:
    """A pool job: connect to the test's listener and wait until the test closes the connection."""
    with socket.create_connection(("127.0.0.1", port)) as connection:
        return len(connection.recv(1))


@contextmanager
def pool_held(pool: ExtractionPool) -> Iterator[None]:
    """Every slot of ``pool`` held by a running job until the block ends."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(WORKER_START_SECONDS)  # a process that never starts fails the test, not hangs it
    port = listener.getsockname()[1]
    jobs = [
        threading.Thread(
            target=pool.run,
            args=(wait_for_release, (port,)),
            kwargs={"refusals": (), "timeout_seconds": _HELD_SECONDS, "what": "test job", "doing": "read"},
        )
        for _ in range(pool.size)
    ]
    for job in jobs:
        job.start()
    accepted: list[socket.socket] = []
    try:
        for _ in jobs:
            accepted.append(listener.accept()[0])
        yield
    finally:
        listener.close()
        for connection in accepted:
            connection.close()
        for job in jobs:
            job.join(_HELD_SECONDS)
