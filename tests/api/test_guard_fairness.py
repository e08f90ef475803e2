"""One client cannot take every comparison turn: it holds at most all turns but one, so another
client's request is served while the first one's pile up (app/api/guard.py)."""

from __future__ import annotations

import anyio
import pytest

from app.api.guard import CompareGuard
from app.api.problems import ProblemError
from app.config import Settings


def _guard(**changes: object) -> CompareGuard:
    return CompareGuard(Settings(database_url="sqlite://", compare_rate_limit="", **changes))  # type: ignore[arg-type]


class TestFairness:
    def test_a_second_client_gets_the_turn_the_first_cannot_take(self) -> None:
        async def scenario() -> list[str]:
            guard = _guard(compare_concurrency=2, compare_queue_timeout=0.5)
            order: list[str] = []
            await guard.take_turn("203.0.113.1")
            order.append("A first")

            async def second_of_a() -> None:
                try:
                    await guard.take_turn("203.0.113.1")
                    order.append("A second")
                except ProblemError as refusal:
                    order.append(f"A second {refusal.status}")

            async with anyio.create_task_group() as tasks:
                tasks.start_soon(second_of_a)
                await anyio.sleep(0.05)
                await guard.take_turn("198.51.100.7")
                order.append("B")
                guard.end_turn("198.51.100.7")
            return order

        assert anyio.run(scenario) == ["A first", "B", "A second 503"]

    def test_with_one_turn_each_client_waits_its_turn(self) -> None:
        async def scenario() -> int:
            guard = _guard(compare_concurrency=1, compare_queue_timeout=0.2)
            await guard.take_turn("a")
            with pytest.raises(ProblemError):
                await guard.take_turn("b")
            guard.end_turn("a")
            await guard.take_turn("b")
            guard.end_turn("b")
            return len(guard._clients)

        assert anyio.run(scenario) == 0
