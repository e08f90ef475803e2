"""The speed benchmark times every call of wirediff as a story the engine has not read: what the
engine kept of the sentences of the call before is forgotten first, outside the timing. A repeat
that found its sentences kept would time a text read before (5,000 sentences a side: 0.83 s against
1.17 s for a new story, BENCHMARKS.md)."""

from __future__ import annotations

from app.engine import compare, forget_read_sentences
from app.engine.quantities import find_quantities
from app.engine.text import squash
from benchmarks.inputs import seed_inputs
from benchmarks.methods import METHODS
from benchmarks.speed import _timed


def _kept() -> tuple[int, int]:
    return squash.cache_info().currsize, find_quantities.cache_info().currsize


def test_each_timed_call_starts_with_no_sentence_kept_from_before() -> None:
    item = seed_inputs()[0]
    forget_read_sentences()
    compare(item.base, item.other)
    read_by_one_call = _kept()
    squash("A sentence of another story, read before the call: 12 ferries sailed.")
    find_quantities("A sentence of another story, read before the call: 12 ferries sailed.")
    assert _kept() == (read_by_one_call[0] + 1, read_by_one_call[1] + 1)

    _timed(METHODS["wirediff"], item)

    assert _kept() == read_by_one_call


def test_the_baselines_keep_nothing_of_the_engine_to_forget() -> None:
    assert METHODS["wirediff"].forget is not None
    assert METHODS["wirediff-semantic"].forget is not None
    assert [key for key, method in METHODS.items() if method.forget is None] == [
        "difflib-pairs",
        "difflib-words",
        "rapidfuzz-cdist",
    ]
