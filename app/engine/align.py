"""Sentence alignment: which sentences of two versions correspond.

The steps, each a small function:

1. identical sentences (same squashed text) pair up, repeated ones where the others place them;
2. candidate pairs are scored (:mod:`app.engine.similarity`);
3. strong pairs become *anchors*, one-to-one, best first;
4. no anchor at all: a chain of weak pairs in order may still prove reuse if it
   beats the chains of shuffled orders (loose retellings); otherwise the texts share
   nothing worth calling reuse (document gate);
5. the heaviest chain of anchors in order on both sides is the backbone;
6. between backbone anchors, weaker pairs are accepted in order (gap filling); in a
   loose retelling (few anchors for its length), weak pairs that stand out too;
   a one-word edit of an otherwise identical sentence is as strong as an anchor;
7. pairs left out of order but strong enough on their own are *moved*;
8. unmatched neighbours join a group when they are covered by it (splits, merges).
"""

from __future__ import annotations

import bisect
import random
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

from app.engine import thresholds
from app.engine.budget import Budget
from app.engine.similarity import (
    Gram,
    PairScorer,
    Unit,
    candidate_pairs,
    containment,
    dice,
    different_weekdays,
    fill_grams,
    pair_score,
)

__all__ = ["Link", "align_units", "heaviest_chain"]


@dataclass(slots=True)
class Link:
    """A group of corresponding units by *position* in the unit lists."""

    base: list[int]
    other: list[int]
    score: float
    moved: bool = False


def heaviest_chain(pairs: list[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    """The chain of pairs increasing in both coordinates with the largest total weight.

    O(k log k) with a Fenwick tree over the second coordinate.

    >>> heaviest_chain([(0, 2, 1.0), (1, 0, 1.0), (2, 1, 1.0), (3, 3, 1.0)])
    [(1, 0, 1.0), (2, 1, 1.0), (3, 3, 1.0)]
    """
    if not pairs:
        return []
    # in order of the first coordinate, then the second's descending (the two stable sorts make
    # the order of the key (p[0], -p[1]), faster)
    ordered = sorted(pairs, key=itemgetter(1), reverse=True)
    ordered.sort(key=itemgetter(0))
    size = max(map(itemgetter(1), ordered)) + 2
    tree_best = [0.0] * (size + 1)
    tree_at = [-1] * (size + 1)
    best = [0.0] * len(ordered)
    previous = [-1] * len(ordered)
    for k, (_, j, w) in enumerate(ordered):
        # best chain ending with second coordinate < j
        position, top, top_at = j, 0.0, -1
        while position:
            if tree_best[position] > top:
                top = tree_best[position]
                top_at = tree_at[position]
            position &= position - 1  # drop the lowest set bit
        value = best[k] = top + w
        previous[k] = top_at
        position = j + 1
        while position <= size:
            if value > tree_best[position]:
                tree_best[position] = value
                tree_at[position] = k
            position += position & -position
    k = best.index(max(best))  # the first of equal best chains
    chain = []
    while k != -1:
        chain.append(ordered[k])
        k = previous[k]
    return chain[::-1]


#: Copies of one sentence on both sides weighed against each other at most (their product), to
#: place repeated ones by the sentences around them; more (a line a page repeats all over) pair
#: the n-th with the n-th.
_COPIES_PLACED = 64


def _identical_pairs(base: list[Unit], other: list[Unit]) -> list[tuple[int, int]]:
    """Sentences with the same squashed text. A sentence once on each side is a pair; copies of a
    repeated one ("He denied it." said of two people) pair as the sentences said once on both
    sides place them (the heaviest chain of all pairs in order), and those left the n-th with
    the n-th: an outlet that drops the first of two keeps the second, not the first."""
    places: dict[str, tuple[list[int], list[int]]] = {}
    for side, units in enumerate((base, other)):
        for index, unit in enumerate(units):
            places.setdefault(unit.exact, ([], []))[side].append(index)
    pairs: list[tuple[int, int]] = []
    copies: list[tuple[list[int], list[int]]] = []
    for in_base, in_other in places.values():
        if not in_base or not in_other:
            continue
        if len(in_base) == len(in_other) == 1 or len(in_base) * len(in_other) > _COPIES_PLACED:
            pairs.extend(zip(in_base, in_other, strict=False))
        else:
            copies.append((in_base, in_other))
    if not copies:
        return pairs
    repeated = [(i, j, 1.0) for in_base, in_other in copies for i in in_base for j in in_other]
    taken_base, taken_other = {i for i, _ in pairs}, {j for _, j in pairs}
    for i, j, _ in heaviest_chain([(i, j, 1.0) for i, j in pairs] + repeated):
        if i not in taken_base and j not in taken_other:
            pairs.append((i, j))
            taken_base.add(i)
            taken_other.add(j)
    for in_base, in_other in copies:
        left_base = [i for i in in_base if i not in taken_base]
        pairs.extend(zip(left_base, [j for j in in_other if j not in taken_other], strict=False))
    return sorted(pairs, key=lambda pair: pair[1])


def _order_gain(pairs: list[tuple[int, int, float]], chain: list[tuple[int, int, float]]) -> float:
    """How much ``chain``, the heaviest in-order chain of ``pairs``, beats shuffled orders.

    Versions of one story keep their order; two stories on one topic share words
    in no particular order. The gain is the chain's weight over the mean weight of
    the best chains after shuffling one side (fixed seeds: results are repeatable).
    """
    weight = sum(p[2] for p in chain)
    others = sorted({j for _, j, _ in pairs})
    shuffled_weights = []
    for seed in range(thresholds.ORDER_SHUFFLES):
        moved = dict(zip(others, [others[p] for p in _shuffled_places(len(others), seed)], strict=True))
        shuffled = heaviest_chain([(i, moved[j], w) for i, j, w in pairs])
        shuffled_weights.append(sum(p[2] for p in shuffled))
    baseline = sum(shuffled_weights) / len(shuffled_weights) if shuffled_weights else 0.0
    return weight / baseline if baseline else 0.0


@lru_cache(maxsize=512)
def _shuffled_places(count: int, seed: int) -> tuple[int, ...]:
    """Places 0..count-1 as ``random.Random(seed).shuffle`` orders any list of that length
    (its swaps depend on the length and the seed alone)."""
    places = list(range(count))
    random.Random(seed).shuffle(places)
    return tuple(places)


def align_units(base: list[Unit], other: list[Unit], budget: Budget | None = None) -> list[Link]:
    """Links between base and other units (positions), in no particular order.

    Symmetric by construction: the two sides are put in a canonical order first, so
    what is dropped comparing a with b is exactly what is added comparing b with a.
    """
    budget = budget or Budget(None)
    if [u.squashed for u in other] < [u.squashed for u in base]:
        swapped = _align_ordered(other, base, budget)
        return [Link(link.other, link.base, link.score, link.moved) for link in swapped]
    return _align_ordered(base, other, budget)


#: Candidate pairs scored between two looks at the time budget.
_SCORED_BETWEEN_CHECKS = 4096


def _align_ordered(base: list[Unit], other: list[Unit], budget: Budget) -> list[Link]:
    identical = _identical_pairs(base, other)
    used_base = {i for i, _ in identical}
    used_other = {j for _, j in identical}
    rest_base = [i for i in range(len(base)) if i not in used_base]
    rest_other = [j for j in range(len(other)) if j not in used_other]
    rest = ([base[i] for i in rest_base], [other[j] for j in rest_other])
    candidates = candidate_pairs(*rest)
    budget.check("candidate generation")
    scorer = PairScorer(*rest)
    scored: list[tuple[int, int, float]] = []
    faint: list[tuple[int, int, float]] = []  # weaker still: for a chain without anchors
    for start in range(0, len(candidates), _SCORED_BETWEEN_CHECKS):
        chunk = candidates[start : start + _SCORED_BETWEEN_CHECKS]
        for (a, b), score in zip(chunk, scorer.scores(chunk), strict=True):
            i, j = rest_base[a], rest_other[b]
            if score < thresholds.ANCHOR_SCORE and _edited_in_place(base[i], other[j]):
                score = thresholds.ANCHOR_SCORE
            if score >= thresholds.LOOSE_GAP_SCORE:
                scored.append((i, j, score))
            elif score >= thresholds.FAINT_CHAIN_SCORE:
                faint.append((i, j, score))
        budget.check("pair scoring")

    anchors = [(i, j, 1.0) for i, j in identical]
    taken_base, taken_other = set(used_base), set(used_other)
    for i, j, score in sorted(scored, key=lambda p: -p[2]):
        if score < thresholds.ANCHOR_SCORE:
            break
        if i in taken_base or j in taken_other:
            continue
        anchors.append((i, j, score))
        taken_base.add(i)
        taken_other.add(j)
    # Few anchors for the length: a loose retelling, where weak in-order pairs count.
    shorter = min(len(base), len(other))
    loose = len(anchors) < thresholds.LOOSE_ANCHOR_SHARE * shorter
    if not anchors:
        # No single pair proves reuse: accept a weak chain only if its order is real,
        # and then read the texts as loose retellings of each other (two of a length: with
        # fainter pairs too, in the chain and in the shuffles alike).
        if faint and max(len(base), len(other)) <= thresholds.FAINT_CHAIN_LENGTH_RATIO * shorter:
            scored += faint
        # the shuffles are the costly part: a chain too short to count needs none
        chain = heaviest_chain(scored)
        if len(chain) < 2 or len(chain) < thresholds.ORDER_SHARE * shorter:
            return []
        if _order_gain(scored, chain) < thresholds.ORDER_GAIN:
            return []
        anchors = chain

    backbone = heaviest_chain(anchors)
    links = [Link([i], [j], s) for i, j, s in backbone]
    matched_base = {i for i, _, _ in backbone}
    matched_other = {j for _, j, _ in backbone}
    weak = [p for p in scored if p[2] >= thresholds.GAP_SCORE]
    if loose:
        weak += _standout_pairs(scored)
    links.extend(_fill_gaps(backbone, weak, matched_base, matched_other))
    on_backbone = set(backbone)
    off_backbone = [anchor for anchor in anchors if anchor not in on_backbone]
    links.extend(_match_moved(off_backbone + scored, matched_base, matched_other))
    _join_neighbours(links, base, other, loose=loose)
    return links


def _edited_in_place(a: Unit, b: Unit) -> bool:
    """Two sentences that differ by a word or two, each in its place, with enough words around.

    "The bridge collapsed on Tuesday, police said." -> "... on Wednesday, ...": in a
    short sentence one word weighs so much in the n-gram score (and a weekday
    conflict scores 0) that the pair looked unrelated; the same words in the same
    order around a few single swaps are one sentence edited, not two sentences.
    """
    # a pair with a word or two changed in place scores as an anchor anyway, but one naming two
    # weekdays scores 0: only then is a second word looked for
    most = thresholds.IN_PLACE_EDIT_MAX_WORDS if different_weekdays(a, b) else 1
    apart = abs(len(a.squashed) - len(b.squashed))
    if apart > thresholds.IN_PLACE_EDIT_MAX_CHARS * most:
        return False  # the cheap test first: most pairs scored are no edit of each other
    left, right = a.keys, b.keys
    if len(left) != len(right):
        return False
    changed = sum(x != y for x, y in zip(left, right, strict=True))
    return (
        0 < changed <= most
        and len(left) - changed >= thresholds.IN_PLACE_EDIT_MIN_SHARED * changed
        and apart <= thresholds.IN_PLACE_EDIT_MAX_CHARS * changed
    )


def _standout_pairs(scored: list[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    """Weak pairs (LOOSE_GAP_SCORE..GAP_SCORE) that are clearly the best partner of one
    of their sentences: STANDOUT times its second best. A sentence that weakly
    resembles many (shared topic words) proves nothing; one that resembles one does."""
    ranked: dict[tuple[int, int], list[float]] = {}
    for i, j, s in scored:
        for key in ((0, i), (1, j)):
            top = ranked.setdefault(key, [0.0, 0.0])
            if s > top[0]:
                top[0], top[1] = s, top[0]
            elif s > top[1]:
                top[1] = s

    def stands_out(key: tuple[int, int], s: float) -> bool:
        best, second = ranked[key]
        return s >= best and s >= thresholds.STANDOUT * second

    return [
        (i, j, s)
        for i, j, s in scored
        if thresholds.LOOSE_GAP_SCORE <= s < thresholds.GAP_SCORE
        and (stands_out((0, i), s) or stands_out((1, j), s))
    ]


def _match_moved(
    scored: list[tuple[int, int, float]], matched_base: set[int], matched_other: set[int]
) -> list[Link]:
    """Pairs left out of order but strong enough on their own: moved, best first."""
    moved: list[Link] = []
    for i, j, s in sorted(scored, key=lambda p: -p[2]):
        if s < thresholds.MOVED_SCORE:
            break
        if i in matched_base or j in matched_other:
            continue
        moved.append(Link([i], [j], s, moved=True))
        matched_base.add(i)
        matched_other.add(j)
    return moved


def _fill_gaps(
    backbone: list[tuple[int, int, float]],
    scored: list[tuple[int, int, float]],
    matched_base: set[int],
    matched_other: set[int],
) -> list[Link]:
    """Weaker pairs accepted in order between consecutive backbone anchors."""
    fences = [(-1, -1), *((i, j) for i, j, _ in backbone), (1 << 60, 1 << 60)]
    filled: list[Link] = []
    gaps: dict[int, list[tuple[int, int, float]]] = {}
    starts = [i for i, _ in fences]
    for i, j, s in scored:
        if i in matched_base or j in matched_other:
            continue
        g = bisect.bisect_right(starts, i) - 1
        lo, hi = fences[g], fences[g + 1]
        if lo[1] < j < hi[1]:
            gaps.setdefault(g, []).append((i, j, s))
    for pairs in gaps.values():
        for i, j, s in heaviest_chain(pairs):
            filled.append(Link([i], [j], s))
            matched_base.add(i)
            matched_other.add(j)
    return filled


def _join_neighbours(links: list[Link], base: list[Unit], other: list[Unit], *, loose: bool) -> None:
    """Grow 1-1 links into splits (1-n) or merges (n-1) with unmatched neighbours.

    A neighbour joins when most of it is inside the partner (a sentence cut in two),
    or, in loose retellings, when it has evidence of its own against the partner (a
    fable told again folds two sentences into one). A group grows on one side only.
    """
    owners = ({i: link for link in links for i in link.base}, {j: link for link in links for j in link.other})
    units = (base, other)
    _fill_join_grams(units, owners)
    for link in sorted(links, key=lambda lk: -lk.score):
        for side in (0, 1):
            mine, theirs = (link.base, link.other) if side == 0 else (link.other, link.base)
            if len(theirs) > 1:
                continue  # already a merge the other way: no n-m groups
            partner = units[1 - side][theirs[0]]
            grew = True
            while grew:
                grew = False
                for neighbour in (min(mine) - 1, max(mine) + 1):
                    if not 0 <= neighbour < len(units[side]) or neighbour in owners[side]:
                        continue
                    candidate = units[side][neighbour]
                    share = containment(candidate.grams, partner.grams)
                    if share < thresholds.JOIN_CONTAINMENT and not loose:
                        continue  # the common case: decided without the group's n-grams
                    mine_grams = _group_grams(units[side], mine)
                    contained = share >= thresholds.JOIN_CONTAINMENT and (
                        dice(mine_grams | candidate.grams, partner.grams)
                        >= dice(mine_grams, partner.grams) + thresholds.JOIN_GAIN
                    )
                    if not contained:
                        if not loose:
                            continue
                        # own evidence, and it explains some of what the group leaves unexplained
                        if (
                            pair_score(candidate, partner) < thresholds.JOIN_SCORE
                            or containment(partner.grams - mine_grams, candidate.grams)
                            < thresholds.JOIN_LEFTOVER
                        ):
                            continue
                    mine.append(neighbour)
                    mine.sort()
                    owners[side][neighbour] = link
                    grew = True
                    break


def _fill_join_grams(
    units: tuple[list[Unit], list[Unit]], owners: tuple[dict[int, Link], dict[int, Link]]
) -> None:
    """The n-grams the joins will read, in one pass: the units of every link next to an
    unmatched unit (most links of a long text have none and need no n-grams)."""
    needed: list[Unit] = []
    for side in (0, 1):
        owned = owners[side]
        for unmatched in set(range(len(units[side]))).difference(owned):
            for neighbour in (unmatched - 1, unmatched + 1):
                link = owned.get(neighbour)
                if link is not None:
                    needed.extend(units[0][i] for i in link.base)
                    needed.extend(units[1][j] for j in link.other)
    fill_grams(needed)


def _group_grams(units: list[Unit], members: list[int]) -> frozenset[Gram]:
    """The n-grams of a group's units together."""
    if len(members) == 1:
        return units[members[0]].grams
    return frozenset().union(*(units[k].grams for k in members))
