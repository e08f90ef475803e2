"""How alike two sentences are, and which pairs are worth scoring at all.

Sentences are compared on *squashed* text (lowercase letters and digits only), so
glue, punctuation, case and quote style cannot hide a match; the unit of evidence
is the character n-gram.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from app.engine import thresholds
from app.engine.text import squash
from app.engine.words import STOPWORDS, tokenize

__all__ = ["Unit", "candidate_pairs", "coverage", "make_unit", "pair_score"]


@dataclass(slots=True)
class Unit:
    """A sentence as the aligner sees it."""

    index: int
    squashed: str
    grams: frozenset[str]
    terms: frozenset[str]
    weekdays: frozenset[str]


_WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})


def _grams(text: str, n: int = thresholds.NGRAM) -> frozenset[str]:
    if len(text) <= n:
        return frozenset((text,)) if text else frozenset()
    return frozenset(text[i : i + n] for i in range(len(text) - n + 1))


def make_unit(index: int, text: str) -> Unit:
    squashed = squash(text)
    keys = [t.key for t in tokenize(text)]
    terms = frozenset(k[:6] for k in keys if k not in STOPWORDS)
    return Unit(index, squashed, _grams(squashed), terms, _WEEKDAYS.intersection(keys))


def pair_score(a: Unit, b: Unit) -> float:
    """Dice coefficient of the two n-gram sets, 0..1; 0 on a weekday conflict.

    >>> pair_score(make_unit(0, "It rained on Friday."), make_unit(0, "It rained on Tuesday."))
    0.0
    """
    if not a.grams or not b.grams:
        return 0.0
    if a.weekdays and b.weekdays and a.weekdays.isdisjoint(b.weekdays):
        return 0.0
    shared = len(a.grams & b.grams)
    return 2.0 * shared / (len(a.grams) + len(b.grams))


def coverage(part: frozenset[str], whole: frozenset[str]) -> float:
    """Share of ``part``'s n-grams found in ``whole``."""
    return len(part & whole) / len(part) if part else 0.0


def candidate_pairs(base: list[Unit], other: list[Unit]) -> list[tuple[int, int]]:
    """Pairs (position in base, position in other) worth scoring.

    Small inputs: every pair. Large ones: an inverted index of content terms, where
    terms shared by a large share of sentences are ignored and each sentence keeps
    its best few partners, so the work grows with the text, not its square.
    """
    if len(base) * len(other) <= thresholds.DENSE_PAIR_LIMIT:
        return [(i, j) for i in range(len(base)) for j in range(len(other))]
    postings: dict[str, list[int]] = defaultdict(list)
    for j, unit in enumerate(other):
        for term in unit.terms:
            postings[term].append(j)
    base_df: dict[str, int] = defaultdict(int)
    for unit in base:
        for term in unit.terms:
            base_df[term] += 1
    total = len(base) + len(other)
    max_df = max(50, int(thresholds.MAX_TERM_SHARE * total))
    weight = {
        term: math.log(total / (len(js) + base_df[term]))
        for term, js in postings.items()
        if len(js) + base_df[term] <= max_df
    }
    keep = thresholds.CANDIDATES_PER_SENTENCE
    pairs: set[tuple[int, int]] = set()
    best_for_other: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for i, unit in enumerate(base):
        scores: dict[int, float] = defaultdict(float)
        for term in unit.terms:
            w = weight.get(term)
            if w is None:
                continue
            for j in postings[term]:
                scores[j] += w
        if not scores:
            continue
        top = sorted(scores.items(), key=lambda kv: -kv[1])[:keep]
        for j, s in top:
            pairs.add((i, j))
        for j, s in scores.items():
            best_for_other[j].append((s, i))
    for j, lst in best_for_other.items():
        if len(lst) > keep:
            lst.sort(reverse=True)
            lst = lst[:keep]
        for _, i in lst:
            pairs.add((i, j))
    return sorted(pairs)
