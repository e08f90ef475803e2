"""A burst of unauthenticated reads on ``wirediff serve --workers 2``: every answer a 200 or a 503
with Retry-After (never another 5xx, never a hang), and /readyz answers all along. An audit's 200
concurrent reads once got 120 x 500 and 79 timeouts, with /readyz stalled for 30 to 120 s."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.reliability.client import post_all, summary
from tests.reliability.server import Server, article

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

READS = 150


async def _burst(base_url: str, ids: list[int]) -> tuple[list[tuple[int | str, float]], list[Any]]:
    """``READS`` concurrent GETs of the stored articles, and /readyz asked every 0.2 s meanwhile on a
    connection of its own; (status or error, seconds) of each read and each probe."""
    limits = httpx.Limits(max_connections=READS, max_keepalive_connections=0)
    async with httpx.AsyncClient(base_url=base_url, timeout=60, limits=limits) as client:

        async def read(number: int) -> tuple[int | str, float]:
            started = time.perf_counter()
            try:
                response = await client.get(f"/v1/articles/{ids[number % len(ids)]}")
            except httpx.HTTPError as error:
                return type(error).__name__, time.perf_counter() - started
            if response.status_code == 503 and "retry-after" not in response.headers:
                return "503 without Retry-After", time.perf_counter() - started
            return response.status_code, time.perf_counter() - started

        reads = [asyncio.create_task(read(number)) for number in range(READS)]
        probes: list[tuple[int | str, float]] = []
        async with httpx.AsyncClient(base_url=base_url, timeout=10) as prober:
            while not all(task.done() for task in reads) or not probes:
                started = time.perf_counter()
                try:
                    status: int | str = (await prober.get("/readyz")).status_code
                except httpx.HTTPError as error:
                    status = type(error).__name__
                probes.append((status, time.perf_counter() - started))
                await asyncio.sleep(0.2)
        return [task.result() for task in reads], probes


def test_150_concurrent_reads_get_200_or_503_and_readyz_keeps_answering(
    database_url: str, tmp_path: Path, record_figure: Any
) -> None:
    with Server(database_url, tmp_path / "server.log", workers=2, cli=True) as server:
        stored = post_all(server.url, "/v1/articles", [article(n) for n in range(20)], concurrency=4)
        ids = [outcome.article_id for outcome in stored if outcome.article_id is not None]
        started = time.perf_counter()
        reads, probes = asyncio.run(_burst(server.url, ids))
        wall = time.perf_counter() - started
    statuses = Counter(status for status, _ in reads)
    probe_seconds = [seconds for _, seconds in probes]
    backend = database_url.partition(":")[0].partition("+")[0]
    record_figure(
        f"read burst: {READS} concurrent GET /v1/articles/{{id}}, wirediff serve --workers 2, {backend}",
        statuses=dict(statuses),
        readyz_statuses=dict(Counter(status for status, _ in probes)),
        readyz_max_ms=round(1000 * max(probe_seconds), 1),
        **summary([seconds for _, seconds in reads], wall),
    )
    assert len(ids) == 20
    assert set(statuses) <= {200, 503}, statuses
    assert statuses[200] > 0
    assert {status for status, _ in probes} == {200}
