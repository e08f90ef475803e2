"""The engine is a library: no web framework, no database."""

from __future__ import annotations

import subprocess
import sys


def test_importing_the_engine_loads_neither_fastapi_nor_sqlmodel() -> None:
    code = (
        "import sys; from app.engine import compare; compare('A b c.', 'A b c.');"
        "print(sorted(m for m in ('fastapi', 'sqlmodel', 'sqlalchemy', 'starlette') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.strip() == "[]"


def test_a_comparison_over_its_time_budget_raises() -> None:
    import pytest

    from app.engine import CompareOptions, ComparisonTimeoutError, compare

    with pytest.raises(ComparisonTimeoutError, match="time budget of 1e-09 s"):
        compare(["A sentence here."] * 50, ["A sentence there."] * 50, CompareOptions(time_budget=1e-9))


def test_a_side_over_the_sentence_limit_raises_naming_it_before_the_other_is_prepared() -> None:
    import pytest

    from app.engine import CompareOptions, SentenceLimitError, compare

    options = CompareOptions(max_sentences=3)
    with pytest.raises(SentenceLimitError) as base_over:
        compare(["One.", "Two.", "Three.", "Four."], 12345, options)  # type: ignore[arg-type]  # never prepared
    assert (base_over.value.side, base_over.value.count, base_over.value.limit) == ("base", 4, 3)
    with pytest.raises(SentenceLimitError) as other_over:
        compare("One. Two.", "One. Two. Three. Four. Five.", options)
    assert (other_over.value.side, other_over.value.count, other_over.value.limit) == ("other", 5, 3)
    assert compare(["One.", "Two.", "Three."], ["One."], options).summary.kept == 1
