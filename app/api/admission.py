"""Admission to the database: a bounded number of requests per worker use it at once, the others
wait on the event loop, and a request that waits too long is refused with 503 and Retry-After.

Without it, a burst of about 60 reads held every pooled connection while their threads waited
for the thread pool to serialise the answers, and the threads that would have given a connection
back waited for one: the pool timed out after 30 s and answered 500s (RELIABILITY.md, Attacks).
A request admitted here holds a slot from before its session is opened until the session is
closed, and the slots are fewer than the connections, so an admitted request gets a connection
at once and the waiting ones hold neither a thread nor a connection.
"""

from __future__ import annotations

import math
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio

from app.api.problems import ProblemError

__all__ = ["DatabaseGate"]


class DatabaseGate:
    """One per application (so per worker process), made on the serving loop (the lifespan)."""

    def __init__(self, slots: int, queue_timeout: float) -> None:
        self.slots = anyio.Semaphore(slots)
        self.queue_timeout = queue_timeout

    @asynccontextmanager
    async def admitted(self) -> AsyncIterator[None]:
        """A slot held for the block; 503 with Retry-After when none frees up within the timeout."""
        with anyio.move_on_after(self.queue_timeout) as waiting:
            await self.slots.acquire()
        if waiting.cancelled_caught:
            raise ProblemError(
                503,
                f"Every database slot stayed busy for {self.queue_timeout:g} s "
                "(WIREDIFF_DB_CONCURRENCY); retry shortly",
                headers={"Retry-After": str(max(1, math.ceil(self.queue_timeout)))},
            )
        try:
            yield
        finally:
            self.slots.release()
