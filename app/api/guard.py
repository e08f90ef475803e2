"""The guard on comparisons, the service's CPU-heavy work: a per-client rate and how many are
computed at once (the sentence, character and time limits are the services' own,
:mod:`app.services.limits`; their 422s come from :mod:`app.api.problems`).

- :func:`compare_guard`, on every compare route: at most WIREDIFF_COMPARE_RATE_LIMIT requests per
  client address (429 with Retry-After), then a turn among WIREDIFF_COMPARE_CONCURRENCY
  comparisons per worker (503 with Retry-After after WIREDIFF_COMPARE_QUEUE_TIMEOUT). Waiting
  happens on the event loop, holding no thread, so /livez and the reads keep answering. The
  routes that answer from a cache (``POST /v1/compare``, the stored comparison) check the rate
  first (:func:`compare_rate`) and take a turn only to compute or render (:meth:`CompareGuard.turn`).
  The routes that compare one article with many (related, origin, coverage) count every
  comparison they compute against the rate (:func:`comparison_charge`), not only the request.
"""

from __future__ import annotations

import math
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

import anyio
from fastapi import Depends, Request
from limits import RateLimitItem, parse_many
from limits.aio.strategies import MovingWindowRateLimiter
from limits.storage import storage_from_string

from app.api.problems import ProblemError, problem_responses
from app.config import Settings
from app.services.comparisons import OnCompute

__all__ = [
    "COMPARE_REFUSALS",
    "CompareGuard",
    "ComparisonCharge",
    "client_of",
    "compare_guard",
    "compare_rate",
    "comparison_charge",
]

# --- rate and concurrency --------------------------------------------------------------


class CompareGuard:
    """One per application (and so per worker process): the rate-limit counters and the turns."""

    def __init__(self, settings: Settings) -> None:
        self.rates: list[RateLimitItem] = (
            parse_many(settings.compare_rate_limit) if settings.compare_rate_limit else []
        )
        uri = settings.rate_limit_storage
        self.limiter = MovingWindowRateLimiter(
            storage_from_string(uri if uri.startswith("async+") else f"async+{uri}")
        )
        self.turns = anyio.Semaphore(settings.compare_concurrency)
        # One client holds at most all turns but one (one turn: all of them), so that heavy requests
        # from one address cannot keep another's two-sentence compare waiting until it gets a 503.
        self.per_client = max(1, settings.compare_concurrency - 1)
        self._clients: dict[str, tuple[anyio.Semaphore, int]] = {}
        self.queue_timeout = settings.compare_queue_timeout

    async def check_rate(self, client: str) -> None:
        """429 with Retry-After (whole seconds until the window admits one more) when over a rate."""
        for rate in self.rates:
            if not await self.limiter.hit(rate, "compare", client):
                stats = await self.limiter.get_window_stats(rate, "compare", client)
                retry_after = max(1, math.ceil(stats.reset_time - time.time()))
                raise ProblemError(
                    429,
                    f"More than {rate} compare requests from this client (WIREDIFF_COMPARE_RATE_LIMIT); "
                    f"retry in {retry_after} s",
                    headers={"Retry-After": str(retry_after)},
                )

    async def take_turn(self, client: str = "") -> None:
        """Wait (on the event loop) for one of the client's turns, then one of the worker's; 503
        after the queue timeout in all. The caller gives the turn back with :meth:`end_turn`."""
        own, waiting_or_holding = self._clients.get(client) or (anyio.Semaphore(self.per_client), 0)
        self._clients[client] = (own, waiting_or_holding + 1)
        taken = 0
        with anyio.move_on_after(self.queue_timeout) as waiting:
            await own.acquire()
            taken = 1
            await self.turns.acquire()
            taken = 2
        if waiting.cancelled_caught:
            if taken == 1:
                own.release()
            self._forget(client)
            raise ProblemError(
                503,
                f"Every comparison turn stayed busy for {self.queue_timeout:g} s "
                "(WIREDIFF_COMPARE_CONCURRENCY); retry shortly",
                headers={"Retry-After": str(max(1, math.ceil(self.queue_timeout)))},
            )

    def end_turn(self, client: str = "") -> None:
        self.turns.release()
        self._clients[client][0].release()
        self._forget(client)

    def _forget(self, client: str) -> None:
        """One fewer request of ``client`` waiting or holding; its entry goes with the last."""
        own, count = self._clients[client]
        if count <= 1:
            del self._clients[client]
        else:
            self._clients[client] = (own, count - 1)

    @asynccontextmanager
    async def turn(self, client: str = "") -> AsyncIterator[None]:
        """A turn held for the block (``async with guard.turn(client): ...``); 503 as
        :meth:`take_turn`."""
        await self.take_turn(client)
        try:
            yield
        finally:
            self.end_turn(client)


#: What :func:`compare_guard` adds to a compare route's documented responses.
COMPARE_REFUSALS = problem_responses(
    429,
    503,
    described={
        429: "Over WIREDIFF_COMPARE_RATE_LIMIT for this client; Retry-After says when to retry.",
        503: "Every comparison turn stayed busy for WIREDIFF_COMPARE_QUEUE_TIMEOUT, or the database "
        "cannot be reached; Retry-After says when to retry.",
    },
)


def client_of(request: Request) -> str:
    """The client's address: the connection's peer, or what a proxy named in WIREDIFF_TRUSTED_PROXIES
    forwards (``wirediff serve`` believes no one else's X-Forwarded-For)."""
    return request.client.host if request.client else "unknown"


async def compare_rate(request: Request) -> None:
    """The client's rate only, for the compare routes that can answer from a cache (a dependency of
    ``POST /v1/compare``; the stored comparison's route calls it first thing). Such a route takes
    a turn itself (:meth:`CompareGuard.turn`) for the work a cached answer does not need: that
    answer is a lookup, and waiting behind two long comparisons for it (up to
    WIREDIFF_COMPARE_QUEUE_TIMEOUT) protected nothing."""
    guard: CompareGuard = request.app.state.compare_guard
    await guard.check_rate(client_of(request))


def comparison_charge(request: Request) -> OnCompute:
    """What a route that compares several stored articles (related versions, origin, coverage) gives
    the service as ``on_compute``: each comparison it computes beyond the first counts once more
    against the client's rate (the first is the request's own, counted by :func:`compare_guard`);
    over it, 429 with Retry-After, and the comparisons computed so far stay cached for the retry.
    Read from the cache, a comparison costs nothing. Called from the route's worker thread."""
    guard: CompareGuard = request.app.state.compare_guard
    client = client_of(request)
    computed = 0

    def charge() -> None:
        nonlocal computed
        computed += 1
        if computed > 1 and guard.rates:
            anyio.from_thread.run(guard.check_rate, client)

    return charge


#: A route's :func:`comparison_charge`.
ComparisonCharge = Annotated[OnCompute, Depends(comparison_charge)]


async def compare_guard(request: Request) -> AsyncIterator[None]:
    """Dependency of every compare route: the client's rate first, then a turn, held until the
    route function returns (use with ``Depends(compare_guard, scope="function")``)."""
    guard: CompareGuard = request.app.state.compare_guard
    client = client_of(request)
    await guard.check_rate(client)
    await guard.take_turn(client)
    try:
        yield
    finally:
        guard.end_turn(client)
