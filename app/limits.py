"""Bounds on comparisons, the service's CPU-heavy work: sentences per side, a time budget, a
per-client rate and how many are computed at once.

- A raw text is segmented first and refused (422) when it yields more than
  WIREDIFF_MAX_SENTENCES sentences, the same limit pre-split input has.
- The engine gets WIREDIFF_COMPARE_TIME_BUDGET; :class:`ComparisonTimeoutError` becomes a 422
  naming it.
- :func:`compare_guard`, on every compare route: at most WIREDIFF_COMPARE_RATE_LIMIT requests per
  client address (429 with Retry-After), then a turn among WIREDIFF_COMPARE_CONCURRENCY
  comparisons per worker (503 with Retry-After after WIREDIFF_COMPARE_QUEUE_TIMEOUT). Waiting
  happens on the event loop, holding no thread, so /livez and the reads keep answering. The
  routes that answer from a cache (``POST /v1/compare``, the stored comparison) check the rate
  first (:func:`compare_rate`) and take a turn only to compute or render (:meth:`CompareGuard.turn`).
"""

from __future__ import annotations

import dataclasses
import math
import time
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

import anyio
from fastapi import FastAPI, Request
from limits import RateLimitItem, parse_many
from limits.aio.strategies import MovingWindowRateLimiter
from limits.storage import storage_from_string
from starlette.responses import Response

from app.config import Settings
from app.engine import CompareOptions, Comparison, ComparisonTimeoutError, SentenceLimitError, compare
from app.engine.text import PreparedDocument
from app.problems import ProblemError, ValidationIssue, problem_response, problem_responses

__all__ = [
    "COMPARE_REFUSALS",
    "CompareGuard",
    "compare_guard",
    "compare_rate",
    "compare_within_limits",
    "enforce_sentence_limit",
    "enforce_text_limits",
    "install_limits",
    "sentence_issue",
]

#: Where a side sits in the request (FastAPI's ``loc``) and its content: raw text or sentences.
Located = tuple[list[str | int], str | Sequence[str]]


def sentence_issue(loc: Sequence[str | int], count: int, settings: Settings) -> ValidationIssue:
    """The 422's issue for a side over WIREDIFF_MAX_SENTENCES."""
    return ValidationIssue(
        loc=list(loc),
        detail=f"{count} sentences, over the limit of {settings.max_sentences} (WIREDIFF_MAX_SENTENCES)",
        type="limit",
    )


_OVER_A_LIMIT = "Over a configured limit: see errors"


def _over_sentence_limit(issue: ValidationIssue) -> ProblemError:
    return ProblemError(422, _OVER_A_LIMIT, errors=[issue])


def enforce_sentence_limit(settings: Settings, loc: list[str | int], prepared: PreparedDocument) -> None:
    """422 when a prepared raw text holds more sentences than WIREDIFF_MAX_SENTENCES."""
    count = len(prepared.document.sentences)
    if count > settings.max_sentences:
        raise _over_sentence_limit(sentence_issue(loc, count, settings))


def enforce_text_limits(settings: Settings, *contents: Located) -> None:
    """422 naming the limit when a text or sentence list is over WIREDIFF_MAX_TEXT_CHARS or
    WIREDIFF_MAX_SENTENCES."""
    issues: list[ValidationIssue] = []
    for loc, content in contents:
        if isinstance(content, str):
            chars = len(content)
        else:
            chars = sum(map(len, content))
            if len(content) > settings.max_sentences:
                issues.append(sentence_issue(loc, len(content), settings))
        if chars > settings.max_text_chars:
            issues.append(
                ValidationIssue(
                    loc=loc,
                    detail=f"{chars} characters, over the limit of {settings.max_text_chars}"
                    " (WIREDIFF_MAX_TEXT_CHARS)",
                    type="limit",
                )
            )
    if issues:
        raise ProblemError(422, _OVER_A_LIMIT, errors=issues)


def compare_within_limits(
    base: Located, other: Located, settings: Settings, options: CompareOptions | None = None
) -> Comparison:
    """The engine's ``compare`` under the configured limits: each side's sentences counted as soon
    as it is prepared (422 before the other side costs anything: a text of 100,000 one-letter
    lines takes over a second to segment), then aligned within the time budget, preparation
    included."""
    options = dataclasses.replace(
        options or CompareOptions(),
        time_budget=settings.compare_time_budget,
        max_sentences=settings.max_sentences,
    )
    try:
        return compare(base[1], other[1], options)
    except SentenceLimitError as error:
        loc = base[0] if error.side == "base" else other[0]
        raise _over_sentence_limit(sentence_issue(loc, error.count, settings)) from None


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

    async def take_turn(self) -> None:
        """Wait (on the event loop) for one of the comparison turns; 503 after the queue timeout.
        The caller gives the turn back with :meth:`end_turn`."""
        with anyio.move_on_after(self.queue_timeout) as waiting:
            await self.turns.acquire()
        if waiting.cancelled_caught:
            raise ProblemError(
                503,
                f"Every comparison turn stayed busy for {self.queue_timeout:g} s "
                "(WIREDIFF_COMPARE_CONCURRENCY); retry shortly",
                headers={"Retry-After": str(max(1, math.ceil(self.queue_timeout)))},
            )

    def end_turn(self) -> None:
        self.turns.release()

    @asynccontextmanager
    async def turn(self) -> AsyncIterator[None]:
        """A turn held for the block (``async with guard.turn(): ...``); 503 as :meth:`take_turn`."""
        await self.take_turn()
        try:
            yield
        finally:
            self.end_turn()


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


def _client(request: Request) -> str:
    """The client's address (behind a proxy, run uvicorn with --proxy-headers to see the real one)."""
    return request.client.host if request.client else "unknown"


async def compare_rate(request: Request) -> None:
    """The client's rate only, for the compare routes that can answer from a cache (a dependency of
    ``POST /v1/compare``; the stored comparison's route calls it first thing). Such a route takes
    a turn itself (:meth:`CompareGuard.turn`) for the work a cached answer does not need: that
    answer is a lookup, and waiting behind two long comparisons for it (up to
    WIREDIFF_COMPARE_QUEUE_TIMEOUT) protected nothing."""
    guard: CompareGuard = request.app.state.compare_guard
    await guard.check_rate(_client(request))


async def compare_guard(request: Request) -> AsyncIterator[None]:
    """Dependency of every compare route: the client's rate first, then a turn, held until the
    route function returns (use with ``Depends(compare_guard, scope="function")``)."""
    guard: CompareGuard = request.app.state.compare_guard
    await guard.check_rate(_client(request))
    await guard.take_turn()
    try:
        yield
    finally:
        guard.end_turn()


async def _over_time_budget(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ComparisonTimeoutError)
    detail = (
        f"The comparison took longer than its time budget of {exc.budget:g} s "
        "(WIREDIFF_COMPARE_TIME_BUDGET); send shorter texts"
    )
    issue = ValidationIssue(loc=[], detail=detail, type="limit")
    return problem_response(request, 422, detail, [issue])


def install_limits(app: FastAPI) -> None:
    """The time budget's 422; ``app.state.compare_guard`` is made in the lifespan (on its loop)."""
    app.add_exception_handler(ComparisonTimeoutError, _over_time_budget)
