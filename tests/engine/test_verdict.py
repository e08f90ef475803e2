"""The verdict model: its scorer, the rules beside it, and the shipped model file."""

from __future__ import annotations

from typing import Any

import pytest

from app.engine.verdict import FEATURES, judge, load_model

#: A model that only looks at the first feature: high means copy, low means related.
MODEL: dict[str, Any] = {
    "version": "test-1",
    "classes": ["copy", "derived", "related", "unrelated"],
    "features": list(FEATURES),
    "mean": [0.5] + [0.0] * (len(FEATURES) - 1),
    "scale": [0.25] + [1.0] * (len(FEATURES) - 1),
    "coef": [
        [2.0] + [0.0] * (len(FEATURES) - 1),
        [0.0] * len(FEATURES),
        [-2.0] + [0.0] * (len(FEATURES) - 1),
        [-1.0] + [0.0] * (len(FEATURES) - 1),
    ],
    "intercept": [0.0, 0.0, 0.0, -3.0],
}


def features(first: float) -> dict[str, float]:
    return {name: (first if name == FEATURES[0] else 0.0) for name in FEATURES}


def test_the_most_probable_class_is_the_verdict() -> None:
    verdict, judgement = judge(features(1.0), linked=True, model=MODEL)
    assert verdict == "copy"
    assert max(judgement.probabilities, key=judgement.probabilities.__getitem__) == "copy"
    assert judgement.model_version == "test-1"


def test_probabilities_cover_every_verdict_and_sum_to_one() -> None:
    _, judgement = judge(features(0.5), linked=True, model=MODEL)
    assert list(judgement.probabilities) == ["copy", "derived", "related", "unrelated"]
    assert sum(judgement.probabilities.values()) == pytest.approx(1.0, abs=1e-3)
    assert (
        judgement.probabilities["copy"]
        == judgement.probabilities["related"]
        == pytest.approx(0.3279, abs=1e-4)
    )


def test_evidence_is_the_heaviest_first_with_its_push_towards_the_verdict() -> None:
    _, judgement = judge(features(0.0), linked=True, model=MODEL)
    top = judgement.evidence[0]
    # related's weight (-2) less the others' mean ((2 + 0 - 1) / 3), times z = (0 - 0.5) / 0.25
    assert (top.feature, top.value, top.contribution) == (FEATURES[0], 0.0, pytest.approx(4.6667, abs=1e-4))
    assert len(judgement.evidence) == 3


def test_nothing_linked_is_unrelated_with_certainty_and_no_evidence() -> None:
    verdict, judgement = judge(features(1.0), linked=False, model=MODEL)
    assert verdict == "unrelated"
    assert judgement.probabilities == {"copy": 0.0, "derived": 0.0, "related": 0.0, "unrelated": 1.0}
    assert judgement.evidence == []


def test_a_rewrite_the_model_calls_related_is_derived() -> None:
    verdict, judgement = judge(features(0.0), linked=True, rewrite=True, model=MODEL)
    assert verdict == "derived"
    assert judgement.probabilities["related"] > judgement.probabilities["derived"]


def test_a_rewrite_the_model_calls_copy_stays_copy() -> None:
    assert judge(features(1.0), linked=True, rewrite=True, model=MODEL)[0] == "copy"


def test_the_shipped_model_reads_the_engines_features() -> None:
    model = load_model()
    assert model["features"] == list(FEATURES)
    assert model["classes"] == ["copy", "derived", "related", "unrelated"]
    assert len(model["coef"]) == 4
    assert all(len(row) == len(FEATURES) for row in model["coef"])
