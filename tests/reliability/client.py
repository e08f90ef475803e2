"""Concurrent HTTP clients for the reliability suite, with what each request got back."""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import httpx
from sqlalchemy import create_engine, text

__all__ = ["Outcome", "percentile", "post_all", "stored_articles", "summary"]


#: Times a request is sent again after its connection dropped without an answer.
RETRIES_ON_DROPPED_CONNECTION = 2


@dataclass(frozen=True, slots=True)
class Outcome:
    """One request: its index in the batch, status (None: no answer, the connection failed),
    the attempts it took and, for an acknowledged article, the id the server gave it."""

    index: int
    status: int | None
    seconds: float
    article_id: int | None = None
    error: str | None = None
    attempts: int = 1


async def _post(
    client: httpx.AsyncClient, gate: asyncio.Semaphore, index: int, path: str, body: Mapping[str, Any]
) -> Outcome:
    """POST ``body``, sent again when the connection drops before any answer, as an HTTP client
    should for a request that is safe to repeat (RFC 9110 9.2.2): both routes posted here are
    (``/v1/articles`` answers the same content again with 200 and its id; ``/v1/compare`` stores
    nothing). The drop happens when the client reuses a kept-alive connection at the moment the
    server closes it for idleness (uvicorn's keep-alive timeout, 5 s); a timeout is not retried."""
    async with gate:
        started = time.perf_counter()
        for attempt in range(1, RETRIES_ON_DROPPED_CONNECTION + 2):
            try:
                response = await client.post(path, json=body)
                break
            except httpx.HTTPError as error:
                dropped = isinstance(error, httpx.NetworkError | httpx.RemoteProtocolError)
                if not dropped or attempt > RETRIES_ON_DROPPED_CONNECTION:
                    seconds = time.perf_counter() - started
                    return Outcome(index, None, seconds, error=type(error).__name__, attempts=attempt)
        seconds = time.perf_counter() - started
        article_id = None
        if response.status_code in (200, 201) and path.endswith("/articles"):
            article_id = response.json()["id"]
        return Outcome(index, response.status_code, seconds, article_id, attempts=attempt)


async def _post_all(
    base_url: str, path: str, bodies: Sequence[Mapping[str, Any]], concurrency: int, timeout: float
) -> list[Outcome]:
    gate = asyncio.Semaphore(concurrency)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base_url, timeout=timeout, limits=limits) as client:
        return list(await asyncio.gather(*(_post(client, gate, i, path, b) for i, b in enumerate(bodies))))


def post_all(
    base_url: str,
    path: str,
    bodies: Sequence[Mapping[str, Any]],
    *,
    concurrency: int,
    timeout: float = 60,
) -> list[Outcome]:
    """POST every body, ``concurrency`` at a time; outcomes in the order of ``bodies``."""
    return asyncio.run(_post_all(base_url, path, bodies, concurrency, timeout))


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def summary(seconds: Sequence[float], wall: float) -> dict[str, float]:
    """Throughput and latency figures (milliseconds) for RELIABILITY.md."""
    return {
        "per_second": round(len(seconds) / wall, 1),
        "p50_ms": round(1000 * statistics.median(seconds), 1),
        "p99_ms": round(1000 * percentile(seconds, 0.99), 1),
        "max_ms": round(1000 * max(seconds), 1),
    }


def stored_articles(database_url: str) -> dict[int, tuple[str, str]]:
    """Every stored article: id -> (source, content hash), read straight from the database."""
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT id, source, content_hash FROM article")).all()
    finally:
        engine.dispose()
    return {row[0]: (row[1], row[2]) for row in rows}
