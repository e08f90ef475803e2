"""Reused fragments: runs of words two texts share, wherever they stand.

Outlets splice wire phrases into sentences of their own, so a sentence can be new
as a whole and still carry the wire's words. A fragment is a maximal run of at
least :data:`~app.engine.thresholds.FRAGMENT_MIN_WORDS` words that appears in one
base sentence and one other sentence, compared on token keys (lowercase, letters
and digits only: punctuation, case and glue inside a word do not break a run).

The runs are found with an n-gram index over base (as Churnalism and passim do) and
kept by greedy string tiling: longest first, no word used twice on either side.

>>> from app.engine.report import Sentence
>>> wire = "Turkey wants a ceasefire to prevent more civilian deaths, he said."
>>> base = [Sentence(0, wire, None, None, "body")]
>>> other = [Sentence(0, "It asks Russia to prevent more civilian deaths.", None, None, "body")]
>>> [(f.text, f.words, f.other_start, f.other_end) for f in find_fragments(base, other)]
[('to prevent more civilian deaths', 5, 15, 46)]
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

import numpy as np

from app.engine import thresholds
from app.engine.budget import Budget
from app.engine.report import Fragment, Sentence
from app.engine.words import (
    STOPWORDS,
    TokenMatches,
    first_token_start,
    last_token_end,
    token_keys,
    token_spans,
)

__all__ = ["find_fragments"]

# An odd 64-bit multiplier for n-gram codes (any large odd number spreads them well).
_MULTIPLIER = 0x9E3779B97F4A7C15


def _stream(
    sentences: list[Sentence], keys_of: Mapping[int, list[str]] | None
) -> tuple[list[str], list[int], list[int]]:
    """Token keys of all sentences in order, with each key's sentence index and place in
    that sentence; an empty key between sentences stops runs."""
    indices = [sentence.index for sentence in sentences]
    if keys_of is None:
        key_lists = [token_keys(sentence.text) for sentence in sentences]
    else:
        key_lists = list(map(keys_of.__getitem__, indices))
    places: list[Iterable[int]] = list(map(range, map(len, key_lists)))
    for k, sentence_keys in enumerate(key_lists):
        if "" in sentence_keys:  # a token with no letter or digit left: not a word of a run
            places[k] = [p for p, key in enumerate(sentence_keys) if key]
            key_lists[k] = [key for key in sentence_keys if key]
    # each sentence's keys, sentence index and places, then the separator's, joined in C
    keys = list(_joined(zip(key_lists, itertools.repeat(("",)))))
    sentence_of = list(
        itertools.chain.from_iterable(map(itertools.repeat, indices, map(_plus_one, key_lists)))
    )
    place_of = list(_joined(zip(places, itertools.repeat((-1,)))))
    return keys, sentence_of, place_of


def _joined(pieces: Iterable[tuple[Iterable[Any], ...]]) -> Iterable[Any]:
    """The items of each tuple's iterables in order."""
    return itertools.chain.from_iterable(itertools.chain.from_iterable(pieces))


def _plus_one(items: list[str]) -> int:
    return len(items) + 1


def _runs(base: list[str], other: list[str], n: int, max_repeats: int) -> list[tuple[int, int, int]]:
    """Maximal runs of ``n`` words or more shared by the two key streams, as (length,
    base start, other start), longest first (then in other's order, then base's).

    Vectorised: every word gets an integer id, every n-gram a 64-bit code, and a
    run is a diagonal stretch of matching n-grams (i, j), (i + 1, j + 1), ... An
    n-gram found more than ``max_repeats`` times in base matches nothing.
    """
    if len(base) < n or len(other) < n:
        return []
    # the separator "" is id 0; every other word of base takes the place of its first occurrence
    # (counting from 1) as its id (setdefault keeps a known word's id), in one pass in C
    vocabulary = {"": 0}
    base_ids = np.fromiter(map(vocabulary.setdefault, base, itertools.count(1)), np.int64, len(base))
    # a word base lacks gets the separator's id: it can match nothing
    other_ids = np.fromiter(map(vocabulary.get, other, itertools.repeat(0)), np.int64, len(other))
    base_grams, base_whole = _grams(base_ids, n)
    other_grams, other_whole = _grams(other_ids, n)
    base_at = np.flatnonzero(base_whole)
    order = np.argsort(base_grams[base_at], kind="stable")
    base_at, sorted_codes = base_at[order], base_grams[base_at][order]
    # each distinct code of base once, with where its places start in base_at and how many
    new_code = np.ones(sorted_codes.size, dtype=bool)
    new_code[1:] = sorted_codes[1:] != sorted_codes[:-1]
    code_start = np.flatnonzero(new_code)
    distinct = sorted_codes[code_start]
    code_count = np.diff(np.append(code_start, sorted_codes.size))
    other_at = np.flatnonzero(other_whole)
    codes = other_grams[other_at]
    if not distinct.size:
        return []
    found = np.minimum(np.searchsorted(distinct, codes), distinct.size - 1)
    count = np.where(distinct[found] == codes, code_count[found], 0)
    low = code_start[found]
    keep = (count > 0) & (count <= max_repeats)
    other_at, low, count = other_at[keep], low[keep], count[keep]
    if not other_at.size:
        return []
    # every (base, other) pair of matching n-grams
    j = np.repeat(other_at, count)
    offsets = np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count)
    i = base_at[np.repeat(low, count) + offsets]
    same = np.ones(i.size, dtype=bool)
    for k in range(n):  # codes can collide: the words themselves must agree
        same &= base_ids[i + k] == other_ids[j + k]
    i, j = i[same], j[same]
    if not i.size:
        return []
    # runs: consecutive pairs on one diagonal (i - j), in order of i
    diagonal = i - j
    order = np.lexsort((i, diagonal))
    i, diagonal = i[order], diagonal[order]
    starts = np.ones(i.size, dtype=bool)
    starts[1:] = (diagonal[1:] != diagonal[:-1]) | (i[1:] != i[:-1] + 1)
    first = np.flatnonzero(starts)
    grams_in_run = np.diff(np.append(first, i.size))
    run_i = i[first]
    run_j = run_i - diagonal[first]
    lengths = grams_in_run + n - 1
    order = np.lexsort((run_i, run_j, -lengths))
    return list(zip(lengths[order].tolist(), run_i[order].tolist(), run_j[order].tolist(), strict=True))


def _grams(ids: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """A 64-bit code for each n-gram of ``ids`` (wrapping arithmetic), and whether it
    holds no separator (id 0)."""
    size = ids.size - n + 1
    codes = np.zeros(size, dtype=np.uint64)
    whole = np.ones(size, dtype=bool)
    unsigned = ids.astype(np.uint64)
    with np.errstate(over="ignore"):
        for k in range(n):
            codes = codes * np.uint64(_MULTIPLIER) + unsigned[k : k + size]
            whole &= ids[k : k + size] != 0
    return codes, whole


def find_fragments(
    base: list[Sentence],
    other: list[Sentence],
    budget: Budget | None = None,
    *,
    base_keys: Mapping[int, list[str]] | None = None,
    other_keys: Mapping[int, list[str]] | None = None,
    matches: TokenMatches | None = None,
) -> list[Fragment]:
    """Shared word runs of ``base`` and ``other`` sentences, in other's reading order.

    A run never crosses a sentence boundary on either side. Runs made only of
    function words ("one of the", "in the wake of") are not fragments, nor are
    n-grams repeated more than ``FRAGMENT_MAX_REPEATS`` times in base (boilerplate,
    adversarial repeats): they prove nothing and would cost quadratic time.
    ``base_keys`` and ``other_keys``, the sentences' :func:`token_keys` by index when
    the caller has them already, spare computing them again; so do ``matches``, the
    sentences' :func:`~app.engine.words.token_matches`, for the tokens' places.
    """
    n = thresholds.FRAGMENT_MIN_WORDS
    base_stream, base_sentence, base_place = _stream(base, base_keys)
    other_stream, other_sentence, other_place = _stream(other, other_keys)
    runs = _runs(base_stream, other_stream, n, thresholds.FRAGMENT_MAX_REPEATS)
    if budget is not None:
        budget.check("fragments")
    used_base = bytearray(len(base_stream))
    used_other = bytearray(len(other_stream))
    fragments: list[Fragment] = []
    base_text = {s.index: s.text for s in base}
    other_text = {s.index: s.text for s in other}
    # spans only of the sentences a fragment stands in (most sentences of a long text hold
    # none), read once per text: a sentence kept word for word is on both sides
    spans_of = cache(token_spans if matches is None else lambda text: token_spans(text, matches[text]))

    def bounds(text: str, first: int, last: int) -> tuple[int, int]:
        """Where the run of tokens ``first``..``last`` of ``text`` starts and ends; a run from
        the first or to the last token (a sentence kept whole) needs no walk over its spans."""
        if matches is None:
            spans = spans_of(text)
            return spans[first][0], spans[last][1]
        found = matches[text]
        start = first_token_start(text, found) if first == 0 else spans_of(text)[first][0]
        end = last_token_end(text, found) if last == len(found) - 1 else spans_of(text)[last][1]
        return start, end

    for length, i, j in runs:
        if used_base.find(1, i, i + length) >= 0 or used_other.find(1, j, j + length) >= 0:
            continue
        function_words = sum(map(STOPWORDS.__contains__, base_stream[i : i + length]))
        if length - function_words < thresholds.FRAGMENT_MIN_CONTENT_WORDS:
            continue
        used_base[i : i + length] = b"\x01" * length
        used_other[j : j + length] = b"\x01" * length
        b_sentence, o_sentence = base_sentence[i], other_sentence[j]
        b_start, b_end = bounds(base_text[b_sentence], base_place[i], base_place[i + length - 1])
        o_start, o_end = bounds(other_text[o_sentence], other_place[j], other_place[j + length - 1])
        fragments.append(
            Fragment(
                base_sentence=b_sentence,
                other_sentence=o_sentence,
                base_start=b_start,
                base_end=b_end,
                other_start=o_start,
                other_end=o_end,
                words=length,
                text=base_text[b_sentence][b_start:b_end],
            )
        )
    fragments.sort(key=lambda f: (f.other_sentence, f.other_start))
    return fragments
