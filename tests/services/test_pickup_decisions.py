"""Pickup decisions kept in memory by exactly what they are computed from (a stored comparison's
JSON and the index's two containments): asked again, the same decision; anything different, a
decision of its own; no more kept than the bound."""

from __future__ import annotations

import orjson

from app.engine import compare
from app.engine.pickup import PickupDecision, decide_pickup, evidence_from_comparison
from app.services.comparisons import to_json
from app.services.related import _Decisions
from tests.ferry_story import CONDENSED, SAME_EVENT, WIRE_STORY

CONDENSED_BODY = to_json(compare(WIRE_STORY, CONDENSED))
SAME_EVENT_BODY = to_json(compare(WIRE_STORY, SAME_EVENT))


def _computed(body: bytes, containment: float, base_containment: float) -> PickupDecision:
    return decide_pickup(
        evidence_from_comparison(
            orjson.loads(body),
            pair_containment=containment,
            base_pair_containment=base_containment,
        )
    )


class TestDecisions:
    def test_a_decision_is_the_one_computed_from_its_inputs(self) -> None:
        decisions = _Decisions(size=8)
        assert decisions.get(CONDENSED_BODY, 0.4, 0.2) == _computed(CONDENSED_BODY, 0.4, 0.2)
        assert decisions.get(SAME_EVENT_BODY, 0.1, 0.05) == _computed(SAME_EVENT_BODY, 0.1, 0.05)

    def test_asked_again_it_is_the_decision_kept(self) -> None:
        decisions = _Decisions(size=8)
        first = decisions.get(CONDENSED_BODY, 0.4, 0.2)
        assert decisions.get(bytes(CONDENSED_BODY), 0.4, 0.2) is first  # equal bytes, another object

    def test_other_containments_or_another_comparison_are_decided_anew(self) -> None:
        decisions = _Decisions(size=8)
        kept = decisions.get(CONDENSED_BODY, 0.4, 0.2)
        other_containment = decisions.get(CONDENSED_BODY, 0.05, 0.2)
        other_base_containment = decisions.get(CONDENSED_BODY, 0.4, 0.1)
        other_comparison = decisions.get(SAME_EVENT_BODY, 0.4, 0.2)
        assert other_containment == _computed(CONDENSED_BODY, 0.05, 0.2) != kept
        assert other_base_containment == _computed(CONDENSED_BODY, 0.4, 0.1) != kept
        assert other_comparison == _computed(SAME_EVENT_BODY, 0.4, 0.2) != kept

    def test_no_more_are_kept_than_the_bound_the_least_recently_used_going_first(self) -> None:
        decisions = _Decisions(size=2)
        first = decisions.get(CONDENSED_BODY, 0.4, 0.2)
        second = decisions.get(CONDENSED_BODY, 0.3, 0.2)
        assert decisions.get(CONDENSED_BODY, 0.4, 0.2) is first  # now the second is the oldest
        decisions.get(CONDENSED_BODY, 0.2, 0.2)
        assert decisions.get(CONDENSED_BODY, 0.4, 0.2) is first
        assert decisions.get(CONDENSED_BODY, 0.3, 0.2) is not second

    def test_cleared_none_is_kept(self) -> None:
        decisions = _Decisions(size=8)
        first = decisions.get(CONDENSED_BODY, 0.4, 0.2)
        decisions.clear()
        again = decisions.get(CONDENSED_BODY, 0.4, 0.2)
        assert again is not first and again == first
