"""Another story told in a wire story's words, against a copy or rewrite with its figures falsified:
the first is no pickup and no rewrite, the second stays both, its figure changes reported."""

from __future__ import annotations

from app.engine import compare
from app.engine.pickup import decide_pickup, evidence_from_comparison
from app.engine.specifics import names_replaced, other_names

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


class TestNamesReplaced:
    """A full name put in place of another counts as a name swapped, as a word swap between two
    names does; a person called otherwise does not."""

    BASE = (
        "Martin Hale, 52, of Quay Street, Port Elwin, admitted endangering life. The Sea Lark hit the pier."
    )

    def test_a_full_name_for_another_the_base_never_gives(self) -> None:
        other = "Keith Dunn, 47, admitted dangerous driving."
        replaced = [("Martin Hale 52 of Quay Street Port Elwin admitted endangering life", "Keith Dunn 47")]
        assert names_replaced(replaced, self.BASE, other) == 1

    def test_the_same_person_called_otherwise_is_no_other_name(self) -> None:
        other = "Captain Hale, 52, admitted endangering life."
        assert names_replaced([("Martin Hale", "Captain Hale")], self.BASE, other) == 0

    def test_a_title_written_short_is_the_same_name(self) -> None:
        base = "Detective Superintendent Ann Cole led the inquiry."
        other = "Det Supt Ann Cole led the inquiry."
        assert names_replaced([("Detective Superintendent", "Det Supt")], base, other) == 0

    def test_a_name_left_out_for_no_name_is_none(self) -> None:
        other = "The ferry hit the pier."
        assert names_replaced([("The Sea Lark", "The ferry")], self.BASE, other) == 0

    def test_a_capitalised_first_word_makes_no_name(self) -> None:
        assert names_replaced([("The Court", "A Judge")], "The Court heard it.", "A Judge heard it.") == 0

    def test_both_kinds_count_together(self) -> None:
        other = "Keith Dunn, 47, of DoorDash admitted dangerous driving."
        swaps = [("Airbnb", "DoorDash")]
        replaced = [("Martin Hale", "Keith Dunn")]
        assert other_names(swaps, replaced, self.BASE + " Airbnb.", other) == 2
