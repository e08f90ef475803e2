"""How often a stated probability came true (BENCHMARKS.md, "Do the verdict's probabilities mean what
they say?"): judgements binned by the chance they stated, each bin's stated mean beside the share that
came true, and the gap between the two weighted by the bins' sizes."""

from __future__ import annotations

import pytest

from benchmarks.fit_verdict import Bin, Judged, calibration_lines, meter_probabilities, reliability


def test_each_bin_gives_its_judgements_mean_stated_chance_and_the_share_that_came_true() -> None:
    stated = [0.1, 0.15, 0.5, 0.55, 0.9, 0.95, 0.85]
    came_true = [False, True, True, True, True, True, False]
    bins, error = reliability(stated, came_true, bins=5)
    assert bins == [
        Bin(low=0.0, high=0.2, count=2, stated=pytest.approx(0.125), observed=0.5),
        Bin(low=0.4, high=0.6, count=2, stated=pytest.approx(0.525), observed=1.0),
        Bin(low=0.8, high=1.0, count=3, stated=pytest.approx(0.9), observed=pytest.approx(2 / 3)),
    ]
    # |0.125 - 0.5| * 2 + |0.525 - 1| * 2 + |0.9 - 2/3| * 3, over 7 judgements
    assert error == pytest.approx((0.375 * 2 + 0.475 * 2 + (0.9 - 2 / 3) * 3) / 7)


def test_probabilities_that_come_true_as_often_as_they_say_have_no_calibration_error() -> None:
    stated = [0.25] * 4 + [0.75] * 4
    came_true = [True, False, False, False, True, True, True, False]
    bins, error = reliability(stated, came_true, bins=4)
    assert [(b.low, b.count, b.observed) for b in bins] == [(0.25, 4, 0.25), (0.75, 4, 0.75)]
    assert error == 0.0


def test_a_certainty_falls_in_the_last_bin_and_a_bin_edge_in_the_bin_above_it() -> None:
    bins, _ = reliability([1.0, 0.6, 0.0], [True, True, False], bins=5)
    assert [(b.low, b.high, b.count) for b in bins] == [(0.0, 0.2, 1), (0.6, 0.8, 1), (0.8, 1.0, 1)]


def test_no_judgements_no_bins_and_no_error() -> None:
    assert reliability([], []) == ([], 0.0)


@pytest.mark.parametrize(
    ("stated", "came_true", "message"),
    [
        ([0.5, 0.5], [True], "one outcome for each stated probability"),
        ([1.5], [True], "between 0 and 1"),
        ([-0.1], [False], "between 0 and 1"),
    ],
)
def test_mismatched_or_impossible_probabilities_are_refused(
    stated: list[float], came_true: list[bool], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        reliability(stated, came_true)


def test_meter_reads_an_unrelated_chance_as_its_non_derived_class() -> None:
    probabilities = {"copy": 0.1, "derived": 0.5, "related": 0.25, "unrelated": 0.15}
    assert meter_probabilities(probabilities) == {"copy": 0.1, "derived": 0.5, "related": 0.4}


def test_a_pickups_chances_are_read_over_the_pairs_a_decision_weighed() -> None:
    from benchmarks.pickups import calibration

    pairs = [{"gold": gold} for gold in (True, False, True, True, False, True)]
    # the last two were weighed by no decision (not listed, or ruled out): chance 0 or none kept
    chances = {id(pairs[0]): 0.9, id(pairs[1]): 0.9, id(pairs[2]): 0.3, id(pairs[3]): 0.95, id(pairs[4]): 0.0}
    high_bin_stated = (0.9 + 0.9 + 0.95) / 3
    assert calibration(pairs, chances) == {
        "pairs": 4,
        # |0.3 - 1| for the one pair at 0.3, |mean stated - 2/3| for the three high ones, over 4
        "expected_calibration_error": round(100 * (0.7 + (high_bin_stated - 2 / 3) * 3) / 4, 1),
        "bins": [
            {"stated": "0.2-0.4", "pairs": 1, "mean_stated": 30.0, "came_true": 100.0},
            {"stated": "0.8-1.0", "pairs": 3, "mean_stated": 91.7, "came_true": 66.7},
        ],
    }


def _judged(gold: str, copy: float, derived: float, related: float, linked: bool = True) -> Judged:
    unrelated = round(1 - copy - derived - related, 4) if linked else 1.0
    return Judged(
        gold, {"copy": copy, "derived": derived, "related": related, "unrelated": unrelated}, linked
    )


def test_the_verdicts_chances_are_read_as_a_pickups_and_as_the_first_classs_with_the_rules_apart() -> None:
    judged = [
        _judged("derived", 0.1, 0.8, 0.05),  # a pickup at 0.9 and derived first at 0.8: both came true
        _judged("related", 0.5, 0.4, 0.05),  # a pickup at 0.9 and copy first at 0.5: neither came true
        _judged("copy", 0.2, 0.1, 0.5),  # a pickup at 0.3, came true; related first at 0.7 (0.2 unrelated)
        _judged("derived", 0.0, 0.0, 0.0, linked=False),  # the no-link rule's: counted apart
    ]
    assert calibration_lines(judged) == [
        # (|0.3 - 1| + 2 * |0.9 - 0.5|) / 3
        "the chance of a pickup (copy or derived): expected calibration error 50.0 points",
        "  stated 0.2-0.4 | 1 judgements | stated 30% | came true 100%",
        "  stated 0.8-1.0 | 2 judgements | stated 90% | came true 50%",
        # (|0.5 - 0| + |0.7 - 0| + |0.8 - 1|) / 3
        "the chance of the class put first: expected calibration error 46.7 points",
        "  stated 0.4-0.6 | 1 judgements | stated 50% | came true 0%",
        "  stated 0.6-0.8 | 1 judgements | stated 70% | came true 0%",
        "  stated 0.8-1.0 | 1 judgements | stated 80% | came true 100%",
        "each class over the 3 linked judgements, mean stated / share: "
        "copy 27% / 33%, derived 43% / 33%, related 30% / 33%",
        "no link (the rule's unrelated, a pickup's chance 0): 1 judgements, 1 of them of derived articles",
    ]


def test_a_pickups_chance_rounded_past_one_is_read_as_one() -> None:
    lines = calibration_lines([_judged("copy", 0.5001, 0.5, 0.0)])
    assert lines[1] == "  stated 0.8-1.0 | 1 judgements | stated 100% | came true 100%"
