"""Scoring many sentence pairs at once gives each pair the score the pair score's formula defines:
a logistic blend of character n-gram and content-word overlaps, 0 for different weekdays, for no
content word in common, and for no n-gram in common."""

from __future__ import annotations

import math

from app.engine import thresholds
from app.engine.similarity import PairScorer, Unit, make_unit, pair_score

SENTENCES = [
    "Rebels fired on civilian targets on Friday.",
    "Militants fired on civilian targets on Friday, the ministry said.",
    "Rebels fired on civilian targets on Tuesday.",
    "It rained.",
    "No.",
    "",
    "---",
    "The ministry said 40 people were killed in the attack on Aleppo.",
    "Forty people were killed in an attack on the northern city of Aleppo, the ministry said.",
    "The the the and of.",
    "Rebels \U0001f525 fired on civilian targets \U0001f525 on Friday.",
    "Der Minister sagte am Freitag, 40 Menschen seien getötet worden.",
    "Le ministre a déclaré vendredi que 40 personnes avaient été tuées.",
]


def _formula(a: Unit, b: Unit) -> float:
    """The score as its definition reads, one pair at a time."""
    if a.terms and b.terms and not a.terms & b.terms:
        return 0.0
    if a._weekdays and b._weekdays and a._weekdays.isdisjoint(b._weekdays):
        return 0.0
    shared = len(a.grams & b.grams)
    if not shared:
        return 0.0
    words = len(a.terms & b.terms)
    both = bool(a.terms and b.terms)
    w = thresholds.PAIR_WEIGHTS
    z = (
        w["bias"]
        + w["gram_dice"] * (2.0 * shared / (len(a.grams) + len(b.grams)))
        + w["gram_containment"] * (shared / min(len(a.grams), len(b.grams)))
        + w["word_dice"] * (2.0 * words / (len(a.terms) + len(b.terms)) if both else 0.0)
        + w["word_containment"] * (words / min(len(a.terms), len(b.terms)) if both else 0.0)
        + w["length_ratio"] * (min(len(a.squashed), len(b.squashed)) / max(len(a.squashed), len(b.squashed)))
    )
    return 1.0 / (1.0 + math.exp(-z))


def test_every_pair_of_many_scores_as_the_formula_says_to_the_last_bit() -> None:
    base = [make_unit(k, text) for k, text in enumerate(SENTENCES)]
    other = [make_unit(k, text) for k, text in enumerate(reversed(SENTENCES))]
    pairs = [(i, j) for i in range(len(base)) for j in range(len(other))]
    scores = PairScorer(base, other).scores(pairs)
    assert scores == [_formula(base[i], other[j]) for i, j in pairs]
    # and one pair alone scores as it does among many
    assert [pair_score(base[i], other[j]) for i, j in pairs] == scores


def test_the_formulas_zeros_and_its_strong_pairs() -> None:
    units = {text: make_unit(0, text) for text in SENTENCES}

    def score(a: str, b: str) -> float:
        return PairScorer([units[a]], [units[b]]).scores([(0, 0)])[0]

    friday, tuesday = SENTENCES[0], SENTENCES[2]
    assert score(friday, tuesday) == 0.0  # different weekdays
    assert score(friday, "It rained.") == 0.0  # no content word in common
    assert score("", "---") == 0.0  # nothing to share
    assert score(friday, friday) > 0.99
    assert score(friday, SENTENCES[1]) >= thresholds.ANCHOR_SCORE
    assert score(friday, SENTENCES[10]) >= thresholds.ANCHOR_SCORE  # characters past U+FFFF
