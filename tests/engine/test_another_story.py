"""Another story told in a wire story's words, against a copy or rewrite with its figures falsified:
the first is no pickup and no rewrite, the second stays both, its figure changes reported."""

from __future__ import annotations

from app.engine import compare
from app.engine.pickup import decide_pickup, evidence_from_comparison

WIRE = [
    "KYIV (Reuters) - Russian missiles killed 4 people in Kyiv overnight, the city's mayor said on Tuesday.",
    "Another 12 people were wounded when debris fell on two apartment blocks, officials said.",
    "Air defences shot down 28 of the 30 missiles fired at the capital, the air force said.",
    "Rescue teams worked through the night to reach people trapped under the rubble in Kyiv.",
    "The mayor said schools in the affected districts would stay closed until Friday.",
]
#: the same story, figures inflated and the city spelt the old way
FALSIFIED = [
    "Russian missiles killed 40 people in Kiev overnight, the city's mayor said on Tuesday.",
    "Another 120 people were wounded when debris fell on two apartment blocks, officials said.",
    "Air defences shot down 8 of the 30 missiles fired at the capital, the air force said.",
    "Rescue teams worked through the night to reach people trapped under the rubble in Kiev.",
    "The mayor said schools in the affected districts would stay closed until Friday.",
]


def _decision(base: list[str], other: list[str]):  # type: ignore[no-untyped-def]
    comparison = compare(base, other)
    return comparison, decide_pickup(
        evidence_from_comparison(comparison.to_dict(), pair_containment=0.6, base_pair_containment=0.6)
    )


def test_a_copy_with_its_figures_falsified_is_a_pickup_with_the_changes_found() -> None:
    comparison, decision = _decision(WIRE, FALSIFIED)
    assert (comparison.verdict, decision.is_pickup) == ("copy", True)
    assert [(n.base, n.other) for n in comparison.numbers if n.status == "changed"] == [
        ("4", "40"),
        ("12", "120"),
        ("28", "8"),
    ]
    assert (decision.evidence.figures_changed, decision.evidence.names_swapped) == (
        3,
        0,
    )  # Kyiv/Kiev: one name


def test_a_rewrite_inflating_its_figures_stays_a_pickup_with_the_changes_found() -> None:
    rewrite = [
        "At least 40 people died when Russian missiles struck Kyiv overnight, the mayor said.",
        "Another 120 people were wounded when debris fell on two apartment blocks, officials said.",
        "Air defences shot down 8 of the 30 missiles fired at the capital, the air force said.",
        "Schools in the affected districts will stay closed until Friday, the mayor said.",
        "The Kremlin has denied targeting civilians.",
    ]
    comparison, decision = _decision(WIRE, rewrite)
    assert (comparison.verdict, decision.is_pickup) == ("copy", True)
    assert [f.message for f in comparison.findings if f.kind == "figure_changed"] == [
        "figure changed: 4 \u2192 40",
        "figure changed: 12 \u2192 120",
        "figure changed: 28 \u2192 8",
    ]
