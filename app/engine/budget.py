"""The bounds of one comparison: a time budget, checked between steps (never mid-way through C
code), and the sentences a side may hold, checked as soon as the side is prepared.

>>> budget = Budget(None)
>>> budget.check("anything")  # no budget: never raises
"""

from __future__ import annotations

import time

__all__ = ["Budget", "ComparisonTimeoutError", "SentenceLimitError"]


class ComparisonTimeoutError(Exception):
    """The comparison did not finish within its time budget."""

    def __init__(self, budget: float, step: str) -> None:
        super().__init__(f"comparison exceeded its time budget of {budget:g} s (during {step})")
        self.budget = budget
        self.step = step


class SentenceLimitError(Exception):
    """A side holds more sentences than the comparison allows; the other side is not prepared
    when ``side`` is ``"base"``."""

    def __init__(self, side: str, count: int, limit: int) -> None:
        super().__init__(f"{side}: {count} sentences, over the limit of {limit}")
        self.side = side
        self.count = count
        self.limit = limit


class Budget:
    """Raises :class:`ComparisonTimeoutError` once ``seconds`` have passed since creation."""

    __slots__ = ("deadline", "seconds")

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.deadline = None if seconds is None else time.monotonic() + seconds

    def check(self, step: str) -> None:
        if self.deadline is not None and time.monotonic() > self.deadline:
            assert self.seconds is not None
            raise ComparisonTimeoutError(self.seconds, step)
