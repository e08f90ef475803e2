"""How alike two sentences are, and which pairs are worth scoring at all.

Sentences are compared on *squashed* text (lowercase letters and digits only), so
glue, punctuation, case and quote style cannot hide a match; the unit of evidence
is the character n-gram.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable

import numpy as np

from app.engine import thresholds
from app.engine.text import WEEKDAYS, squash
from app.engine.words import STOPWORDS, Token, stemmer, token_keys, tokenize

__all__ = [
    "Gram",
    "PairScorer",
    "Unit",
    "candidate_pairs",
    "containment",
    "dice",
    "different_weekdays",
    "fill_grams",
    "make_unit",
    "pair_score",
]


#: An n-gram of the squashed text, as a set member: see :func:`_gram_sets`.
Gram = int | str

_BMP = 1 << 16
if thresholds.NGRAM * 16 > 64:
    raise ImportError("n-grams are packed 16 bits a character into 64 bits: NGRAM is at most 4")
# An odd 64-bit multiplier: a bijection of the packed codes that spreads them over the hash table.
_SPREAD = np.uint64(0x9E3779B97F4A7C15)


def _gram_sets(texts: list[str]) -> list[frozenset[Gram]]:
    """The character n-grams of each text, all texts read in one pass.

    An n-gram of characters below U+10000 is packed into one 64-bit integer (16 bits a
    character, then multiplied by an odd constant, a bijection), which numpy builds for a
    whole document at once; any other n-gram, and a text shorter than the n-gram, stays a
    string. Either way equal n-grams are equal members, so set sizes and overlaps are
    those of the n-gram strings.
    """
    n = thresholds.NGRAM
    joined = "".join(texts)
    codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    wide = codes.astype(np.uint64)
    size = max(wide.size - n + 1, 0)
    packed = np.zeros(size, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(n):
            packed = (packed << np.uint64(16)) | wide[k : k + size]
        packed *= _SPREAD
    every = packed.tolist()
    outside = bool(codes.size) and int(codes.max()) >= _BMP
    sets: list[frozenset[Gram]] = []
    start = 0
    for text in texts:
        length = len(text)
        if length < n:
            sets.append(frozenset((text,)) if text else frozenset())
        elif outside and max(map(ord, text)) >= _BMP:
            sets.append(frozenset(_mixed_grams(text, every[start : start + length - n + 1], n)))
        else:
            sets.append(frozenset(every[start : start + length - n + 1]))
        start += length
    return sets


def _mixed_grams(text: str, packed: list[int], n: int) -> list[Gram]:
    """Packed codes where every character of the n-gram is below U+10000, strings elsewhere."""
    return [
        text[k : k + n] if max(map(ord, text[k : k + n])) >= _BMP else code for k, code in enumerate(packed)
    ]


def fill_grams(units: list[Unit]) -> None:
    """Compute the n-grams of every unit that lacks them, in one pass over their texts."""
    todo = list({id(unit): unit for unit in units if unit._grams is None}.values())
    if todo:
        for unit, grams in zip(todo, _gram_sets([unit.squashed for unit in todo]), strict=True):
            unit._grams = grams


class Unit:
    """A sentence as the aligner sees it. Tokens, n-grams and terms are computed on
    first use: sentences that pair up identically never need them."""

    __slots__ = ("_grams", "_keys", "_terms", "_tokens", "_weekdays", "exact", "index", "squashed", "text")

    def __init__(
        self, index: int, text: str, keys: list[str] | None = None, squashed: str | None = None
    ) -> None:
        self.index = index
        self.text = text
        self._keys = keys  # the token keys, when the caller has them
        self.squashed = squash(text) if squashed is None else squashed
        #: equality key: the squashed text, or the text itself when it has no letters or digits
        self.exact = self.squashed or "\x00" + " ".join(text.split())
        self._tokens: list[Token] | None = None
        self._grams: frozenset[Gram] | None = None
        self._terms: frozenset[str] | None = None
        self._weekdays: frozenset[str] = frozenset()

    @property
    def tokens(self) -> list[Token]:
        if self._tokens is None:
            self._tokens = tokenize(self.text)
        return self._tokens

    @property
    def keys(self) -> list[str]:
        """The token keys (:func:`~app.engine.words.token_keys`), without building tokens."""
        if self._keys is None:
            self._keys = [t.key for t in self._tokens] if self._tokens is not None else token_keys(self.text)
        return self._keys

    @property
    def grams(self) -> frozenset[Gram]:
        if self._grams is None:
            self._grams = _gram_sets([self.squashed])[0]
        return self._grams

    @property
    def terms(self) -> frozenset[str]:
        """Stems of the content words."""
        if self._terms is None:
            keys = self.keys
            terms = frozenset(stemmer().stemWords([k for k in keys if k not in STOPWORDS]))
            # a document's units are shared by the threads comparing it, and a filled ``_terms``
            # tells them ``_weekdays`` is filled too: so it is stored last
            self._weekdays = WEEKDAYS.intersection(keys)
            self._terms = terms
        return self._terms


def make_unit(index: int, text: str, keys: list[str] | None = None, squashed: str | None = None) -> Unit:
    """A :class:`Unit`; ``keys`` and ``squashed``, when the caller has them for this text."""
    return Unit(index, text, keys, squashed)


def _dice(a: frozenset[Gram], b: frozenset[Gram]) -> tuple[float, float]:
    """(Dice coefficient, containment of the smaller set) of two sets."""
    if not a or not b:
        return 0.0, 0.0
    shared = len(a & b)
    return 2.0 * shared / (len(a) + len(b)), shared / min(len(a), len(b))


def dice(a: frozenset[Gram], b: frozenset[Gram]) -> float:
    """The Dice coefficient of two sets (0 when either is empty)."""
    return _dice(a, b)[0]


def different_weekdays(a: Unit, b: Unit) -> bool:
    """Whether the two name weekdays, and none the same ("on Friday" and "on Tuesday"): read once
    the units' terms are (:class:`PairScorer` reads them)."""
    a.terms, b.terms  # noqa: B018  (they fill the weekdays)
    return bool(a._weekdays and b._weekdays and a._weekdays.isdisjoint(b._weekdays))


def pair_score(a: Unit, b: Unit) -> float:
    """Evidence, 0..1, that two sentences are versions of each other.

    A logistic blend of character n-gram overlap (robust to glue and spelling) and
    content-word overlap (robust to reordering), with containment for condensed
    sentences; 0 when they name different weekdays ("Friday" vs "Tuesday").

    >>> same = make_unit(0, "Rebels fired on civilian targets on Friday.")
    >>> round(pair_score(same, same), 3)
    0.996
    >>> pair_score(make_unit(0, "It rained on Friday."), make_unit(0, "It rained on Tuesday."))
    0.0
    """
    return PairScorer([a], [b]).scores([(0, 0)])[0]


class PairScorer:
    """:func:`pair_score` of many pairs of two lists of units.

    The aligner scores hundreds of pairs a news article and millions on long texts: each
    unit's stems, weekdays, n-grams and length are read once here, not once a pair.
    """

    def __init__(self, base: list[Unit], other: list[Unit]) -> None:
        fill_grams([*base, *other])  # the n-grams of both lists in one pass
        # ``terms`` first: it fills ``_weekdays``
        self._terms = ([unit.terms for unit in base], [unit.terms for unit in other])
        self._weekdays = ([unit._weekdays for unit in base], [unit._weekdays for unit in other])
        self._grams = ([unit.grams for unit in base], [unit.grams for unit in other])
        self._lengths = ([len(unit.squashed) for unit in base], [len(unit.squashed) for unit in other])

    def scores(self, pairs: Iterable[tuple[int, int]]) -> list[float]:
        """The score of each pair (position in base, position in other), in order."""
        (a_terms, b_terms), (a_days, b_days) = self._terms, self._weekdays
        (a_grams, b_grams), (a_lengths, b_lengths) = self._grams, self._lengths
        w = thresholds.PAIR_WEIGHTS
        bias, w_gram_dice, w_gram_containment = w["bias"], w["gram_dice"], w["gram_containment"]
        w_word_dice, w_word_containment, w_length_ratio = (
            w["word_dice"],
            w["word_containment"],
            w["length_ratio"],
        )
        exp = math.exp
        scores: list[float] = []
        append = scores.append
        for i, j in pairs:
            a_days_i, b_days_j = a_days[i], b_days[j]
            if a_days_i and b_days_j and a_days_i.isdisjoint(b_days_j):
                append(0.0)
                continue
            terms_i, terms_j = a_terms[i], b_terms[j]
            word_dice = word_containment = 0.0
            if terms_i and terms_j:
                shared = len(terms_i & terms_j)
                if not shared:
                    append(0.0)  # not one content word in common: no evidence worth the n-gram count
                    continue
                size_i, size_j = len(terms_i), len(terms_j)
                word_dice = 2.0 * shared / (size_i + size_j)
                word_containment = shared / (size_i if size_i < size_j else size_j)
            grams_i, grams_j = a_grams[i], b_grams[j]
            shared = len(grams_i & grams_j)
            if not shared:
                append(0.0)
                continue
            size_i, size_j = len(grams_i), len(grams_j)
            length_i, length_j = a_lengths[i], b_lengths[j]
            z = (
                bias
                + w_gram_dice * (2.0 * shared / (size_i + size_j))
                + w_gram_containment * (shared / (size_i if size_i < size_j else size_j))
                + w_word_dice * word_dice
                + w_word_containment * word_containment
                + w_length_ratio * (length_i / length_j if length_i < length_j else length_j / length_i)
            )
            append(1.0 / (1.0 + exp(-z)))
        return scores


def containment(part: frozenset[Gram], whole: frozenset[Gram]) -> float:
    """Share of ``part``'s n-grams found in ``whole``."""
    return len(part & whole) / len(part) if part else 0.0


def candidate_pairs(base: list[Unit], other: list[Unit]) -> list[tuple[int, int]]:
    """Pairs (position in base, position in other) worth scoring.

    Small inputs: every pair. Large ones: an inverted index of content terms. Each
    sentence looks up only its rarest few terms (a version of it shares them; shared
    topic words are what make work quadratic), ignores terms found in many
    sentences, and keeps its best few partners by summed rarity: the work grows with
    the text, not its square.
    """
    if len(base) * len(other) <= thresholds.DENSE_PAIR_LIMIT:
        # every pair with a content word in common (pair_score is 0 for the others)
        holders: dict[str, list[int]] = defaultdict(list)
        for j, unit in enumerate(other):
            for term in unit.terms:
                holders[term].append(j)
        termless = [j for j, unit in enumerate(other) if not unit.terms]
        dense: list[tuple[int, int]] = []
        for i, unit in enumerate(base):
            terms = unit.terms
            if not terms:
                dense.extend([(i, j) for j in range(len(other))])
                continue
            partners = set(termless)
            for term in terms:
                partners.update(holders.get(term, ()))
            dense.extend([(i, j) for j in sorted(partners)])  # in order of i, then j
        return dense
    total = len(base) + len(other)
    max_df = max(thresholds.MIN_TERM_DF_CAP, int(thresholds.MAX_TERM_SHARE * total))
    sides = (base, other)
    postings: tuple[dict[str, list[int]], dict[str, list[int]]] = (defaultdict(list), defaultdict(list))
    for side, units in enumerate(sides):
        for position, unit in enumerate(units):
            for term in unit.terms:
                postings[side][term].append(position)
    df = {
        term: len(postings[0].get(term, ())) + len(postings[1].get(term, ()))
        for term in postings[0].keys() | postings[1].keys()
    }
    pairs: set[tuple[int, int]] = set()
    for side, units in enumerate(sides):
        opposite = postings[1 - side]
        for position, unit in enumerate(units):
            rare = sorted((df[t], t) for t in unit.terms if df[t] <= max_df and t in opposite)
            scores: dict[int, float] = defaultdict(float)
            for count, term in rare[: thresholds.LOOKUP_TERMS]:
                weight = math.log(total / count)
                for partner in opposite[term]:
                    scores[partner] += weight
            if len(scores) <= thresholds.CANDIDATES_PER_SENTENCE:
                best: Iterable[int] = scores  # every partner is among the best few
            else:
                # heapq.nlargest's choice (a stable sort's first few), sorted in C
                ranked = sorted(scores, key=scores.__getitem__, reverse=True)
                best = ranked[: thresholds.CANDIDATES_PER_SENTENCE]
            if side == 0:
                pairs.update([(position, partner) for partner in best])
            else:
                pairs.update([(partner, position) for partner in best])
    return sorted(pairs)
