"""A benchmark run with some of the engine's fixed numbers set otherwise (``python -m benchmarks.tune
NAME=VALUE``, ``python -m benchmarks.pickups --set NAME=VALUE``) runs with exactly those numbers, and
the shipped ones come back after it: a variant measured with the shipped numbers, or the shipped
numbers measured with a variant's, would compare nothing."""

from __future__ import annotations

import pytest

from app.engine import thresholds
from benchmarks import accuracy, tune


def test_a_setting_is_a_threshold_and_a_number() -> None:
    assert tune.parse_setting("LOOSE_GAP_SCORE=0.01") == ("LOOSE_GAP_SCORE", 0.01)
    assert tune.parse_setting("FAINT_CHAIN_LENGTH_RATIO=3") == ("FAINT_CHAIN_LENGTH_RATIO", 3)
    with pytest.raises(ValueError, match="no threshold named LOOSE_GAP"):
        tune.parse_setting("LOOSE_GAP=0.01")
    with pytest.raises(ValueError, match="LOOSE_GAP_SCORE: 'low' is not a number"):
        tune.parse_setting("LOOSE_GAP_SCORE=low")


def test_the_numbers_hold_inside_and_the_shipped_ones_come_back() -> None:
    shipped = thresholds.LOOSE_GAP_SCORE
    fingerprint = accuracy._engine_fingerprint()
    with tune.applied({"LOOSE_GAP_SCORE": shipped + 0.5}):
        assert shipped + 0.5 == thresholds.LOOSE_GAP_SCORE
        # the engine outputs cached on disk under the shipped numbers are not read for the variant
        assert accuracy._engine_fingerprint() != fingerprint
    assert shipped == thresholds.LOOSE_GAP_SCORE
    assert accuracy._engine_fingerprint() == fingerprint


def test_the_shipped_numbers_keep_the_outputs_read_so_far() -> None:
    accuracy._ENGINE_CACHE["marker"] = []
    try:
        with tune.applied({}):
            assert "marker" in accuracy._ENGINE_CACHE
        assert "marker" in accuracy._ENGINE_CACHE
        with tune.applied({"LOOSE_GAP_SCORE": thresholds.LOOSE_GAP_SCORE + 0.5}):
            assert "marker" not in accuracy._ENGINE_CACHE  # read under the shipped numbers
    finally:
        accuracy._ENGINE_CACHE.pop("marker", None)
