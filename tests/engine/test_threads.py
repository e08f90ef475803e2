"""The engine in several threads at once, as the service runs comparisons in its thread pool:
each thread stems with a stemmer of its own (PyStemmer's must not be called concurrently), and
comparisons computed side by side equal the ones computed one at a time."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

import orjson

from app.engine import compare
from app.engine.words import stemmer
from tests.engine.conftest import seed_text

THREADS = 6
T = TypeVar("T")


def _in_threads(task: Callable[[], T], count: int = THREADS) -> list[T]:
    """``task()`` in ``count`` threads started together (a barrier), their answers in order."""
    barrier = threading.Barrier(count)

    def run() -> T:
        barrier.wait(timeout=30)
        return task()

    with ThreadPoolExecutor(count) as pool:
        futures = [pool.submit(run) for _ in range(count)]
        return [future.result(timeout=120) for future in futures]


def test_each_thread_stems_with_a_stemmer_of_its_own() -> None:
    held: list[object] = []  # kept alive, so that no id is reused

    def own() -> int:
        mine = stemmer()
        held.append(mine)
        assert stemmer() is mine  # the same one on every call in a thread
        return id(mine)

    assert len(set(_in_threads(own))) == THREADS


def test_stems_made_side_by_side_equal_stems_made_alone() -> None:
    words = [word.lower() for number in ("001", "002", "003") for word in seed_text(number).split()]
    alone = stemmer().stemWords(words)
    assert _in_threads(lambda: stemmer().stemWords(words)) == [alone] * THREADS


def test_comparisons_made_side_by_side_equal_comparisons_made_alone() -> None:
    pairs = [("001", "002"), ("001", "003"), ("002", "003")]

    def all_pairs() -> list[bytes]:
        return [orjson.dumps(compare(seed_text(a), seed_text(b))) for a, b in pairs]

    alone = all_pairs()
    assert _in_threads(all_pairs, 3) == [alone] * 3
