"""Every step of the engine runs inside the time budget: the quotation and number checks, which ran
after the last budget check (16,700 short quotations against a 200 KB text took 8.8 s against
a 5 s budget), check it as they go."""

from __future__ import annotations

import pytest

from app.engine import compare
from app.engine.budget import Budget, ComparisonTimeoutError
from app.engine.specifics import check_numbers, check_quotes

SPENT = Budget(-1.0)  # its deadline has passed


def _quoted(count: int) -> str:
    return " ".join(f"He said “word {n}” today." for n in range(count))


class TestChecksInsideTheBudget:
    def test_the_quote_check_stops_when_the_budget_is_spent(self) -> None:
        result = compare(_quoted(300), _quoted(300))
        with pytest.raises(ComparisonTimeoutError) as raised:
            check_quotes(result.base, result.other, result.alignment, budget=SPENT)
        assert raised.value.step == "quotes"

    def test_the_number_check_stops_when_the_budget_is_spent(self) -> None:
        result = compare(_quoted(300), _quoted(300))
        with pytest.raises(ComparisonTimeoutError) as raised:
            check_numbers(result.alignment, result.base, result.other, budget=SPENT)
        assert raised.value.step == "numbers"

    def test_with_time_left_the_checks_answer_as_without_a_budget(self) -> None:
        result = compare(_quoted(50), _quoted(50))
        assert check_quotes(result.base, result.other, result.alignment, budget=Budget(60)) == result.quotes
