"""A burst of reads against a real uvicorn: every answer a 200 or a 503 with Retry-After, never a
500 or a hang, and /readyz answers throughout (app/api/admission.py, the readiness probe)."""

from __future__ import annotations

import asyncio
from collections import Counter

import httpx
from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app
from tests.api.conftest import _empty_tables
from tests.api.live import served

#: A pool of two connections and a gate of two slots, so that a burst of 120 overwhelms them.
SMALL_POOL = {
    "db_pool_size": 1,
    "db_max_overflow": 1,
    "db_pool_timeout": 1.0,
    "db_concurrency": 2,
    "db_queue_timeout": 1.0,
}


async def _burst(base_url: str, article_id: int, reads: int) -> tuple[Counter[int | str], list[int | str]]:
    limits = httpx.Limits(max_connections=reads + 10)
    async with httpx.AsyncClient(base_url=base_url, timeout=60, limits=limits) as client:

        async def read() -> int | str:
            try:
                response = await client.get(f"/v1/articles/{article_id}")
            except httpx.HTTPError as error:
                return type(error).__name__
            if response.status_code == 503:
                assert response.headers["retry-after"].isdigit()
                assert response.headers["content-type"] == "application/problem+json"
            return response.status_code

        async def probe() -> int | str:
            try:
                return (await client.get("/readyz", timeout=5)).status_code
            except httpx.HTTPError as error:
                return type(error).__name__

        async def probes() -> list[int | str]:
            await asyncio.sleep(0.05)  # the burst is under way
            return [await probe() for _ in range(3)]

        *statuses, readiness = await asyncio.gather(*(read() for _ in range(reads)), probes())
    return Counter(statuses), readiness  # type: ignore[arg-type]


class TestReadBurst:
    def test_120_concurrent_reads_get_200_or_503_and_readyz_answers(self, settings: Settings) -> None:
        app = create_app(settings.model_copy(update=SMALL_POOL))
        with TestClient(app) as setup:
            _empty_tables(app.state.db_engine)
            stored = setup.post("/v1/articles", json={"source": "Wire", "text": "Rebels fired on Friday."})
            assert stored.status_code == 201
        with served(create_app(settings.model_copy(update=SMALL_POOL))) as base_url:
            statuses, readiness = asyncio.run(_burst(base_url, stored.json()["id"], reads=120))
        assert set(statuses) <= {200, 503}, statuses
        assert statuses[200] >= 1
        assert readiness == [200, 200, 200]
