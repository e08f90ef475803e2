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


@dataclass(frozen=True, slots=True)
class Outcome:
    """One request: its index in the batch, status (None: no answer, the connection failed) and,
    for an acknowledged article, the id the server gave it."""

    index: int
    status: int | None
    seconds: float
    article_id: int | None = None
    error: str | None = None


async def _post(
    client: httpx.AsyncClient, gate: asyncio.Semaphore, index: int, path: str, body: Mapping[str, Any]
) -> Outcome:
    async with gate:
        started = time.perf_counter()
        try:
            response = await client.post(path, json=body)
        except httpx.HTTPError as error:
            return Outcome(index, None, time.perf_counter() - started, error=type(error).__name__)
        seconds = time.perf_counter() - started
        article_id = None
        if response.status_code in (200, 201) and path.endswith("/articles"):
            article_id = response.json()["id"]
        return Outcome(index, response.status_code, seconds, article_id)


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
