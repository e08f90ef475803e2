"""A text told again in other words, sentence for sentence, where no pair of sentences is close
enough to prove reuse on its own: the order of many weak pairs is the evidence (the shuffles
test it), and for two texts of a length even faint pairs count. A fable told twice, invented here."""

from __future__ import annotations

from app.engine import compare

TOLD = [
    "A thirsty crow found a tall jug with a little water at the bottom.",
    "Its beak could not reach down to the water however it stretched.",
    "The bird picked up pebbles from the road one after another.",
    "It dropped each stone into the jug until the water climbed to the top.",
    "At last the crow drank its fill and flew away.",
    "Patience and wit achieve what strength cannot.",
]
TOLD_AGAIN = [
    "On a hot day a crow, dying of thirst, came upon a pitcher that held only a few drops.",
    "However hard she tried, her bill was too short to get at them.",
    "So she gathered small stones by the wayside, carrying them one by one.",
    "She let the stones fall into the pitcher and slowly the water rose.",
    "Finally the crow could sip as much as she wanted, and then she flew off.",
    "Little by little, cleverness does the work.",
]
# Seven sentences of another story: with them the first telling is more than twice the second.
HARBOUR = [
    "The harbour master said the ferry would not sail on Sunday.",
    "Fishermen mended their nets on the quay while gulls circled.",
    "A storm was forecast for the evening and the lifeboat crew was on call.",
    "Shops along the front closed early as the wind rose.",
    "The council promised to repair the sea wall before winter.",
    "Visitors were told to keep away from the pier.",
    "The forecast for Monday was calmer, with sunshine by the afternoon.",
]


def _groups(base: list[str], other: list[str]) -> list[tuple[str, list[int], list[int]]]:
    return [(group.op, list(group.base), list(group.other)) for group in compare(base, other).alignment]


# Five sentences told again, one for one; the morals differ.
TOLD_ONE_FOR_ONE = [
    ("reworded", [0], [0]),
    ("reworded", [1], [1]),
    ("reworded", [2], [2]),
    ("reworded", [3], [3]),
    ("reworded", [4], [4]),
    ("dropped", [5], []),
    ("added", [], [5]),
]


def test_a_fable_told_again_is_linked_sentence_for_sentence() -> None:
    # the first pair shares little more than "crow" and "water" (a pair score of 0.018): it
    # joins the chain the other four make, in order
    assert _groups(TOLD, TOLD_AGAIN) == TOLD_ONE_FOR_ONE


def test_the_links_are_the_same_either_way_round() -> None:
    assert _groups(TOLD_AGAIN, TOLD) == TOLD_ONE_FOR_ONE


def test_faint_pairs_do_not_count_against_a_text_more_than_twice_as_long() -> None:
    # a short report beside a long wire story: its own sentences that faintly echo the wire's
    # are not linked by order alone
    groups = _groups(TOLD + HARBOUR, TOLD_AGAIN)
    assert ("dropped", [0], []) in groups and ("added", [], [0]) in groups
    assert [group for group in groups if group[0] == "reworded"] == TOLD_ONE_FOR_ONE[1:5]
