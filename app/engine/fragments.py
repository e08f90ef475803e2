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

from collections import defaultdict

from app.engine import thresholds
from app.engine.budget import Budget
from app.engine.report import Fragment, Sentence
from app.engine.words import STOPWORDS, token_keys, token_spans

__all__ = ["find_fragments"]

# One token position of a document: sentence index, char start, char end in that sentence.
_Position = tuple[int, int, int]


def _stream(sentences: list[Sentence]) -> tuple[list[str], list[_Position]]:
    """Token keys of all sentences in order; an empty key between sentences stops runs."""
    keys: list[str] = []
    positions: list[_Position] = []
    for sentence in sentences:
        sentence_keys = token_keys(sentence.text)
        spans = token_spans(sentence.text)
        for key, (start, end) in zip(sentence_keys, spans, strict=True):
            if key:
                keys.append(key)
                positions.append((sentence.index, start, end))
        keys.append("")
        positions.append((-1, 0, 0))
    return keys, positions


def find_fragments(
    base: list[Sentence], other: list[Sentence], budget: Budget | None = None
) -> list[Fragment]:
    """Shared word runs of ``base`` and ``other`` sentences, in other's reading order.

    A run never crosses a sentence boundary on either side. Runs made only of
    function words ("one of the", "in the wake of") are not fragments, nor are
    n-grams repeated more than ``FRAGMENT_MAX_REPEATS`` times in base (boilerplate,
    adversarial repeats): they prove nothing and would cost quadratic time.
    """
    n = thresholds.FRAGMENT_MIN_WORDS
    base_keys, base_pos = _stream(base)
    other_keys, other_pos = _stream(other)
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i in range(len(base_keys) - n + 1):
        gram = tuple(base_keys[i : i + n])
        if "" not in gram:
            index[gram].append(i)
    if budget is not None:
        budget.check("fragment index")
    runs: list[tuple[int, int, int]] = []  # (length, base start, other start)
    limit = thresholds.FRAGMENT_MAX_REPEATS
    for j in range(len(other_keys) - n + 1):
        starts = index.get(tuple(other_keys[j : j + n]))
        if not starts or len(starts) > limit:
            continue
        for i in starts:
            if i and j and base_keys[i - 1] == other_keys[j - 1] and base_keys[i - 1]:
                continue  # not the start of a maximal run
            length = n
            while (
                i + length < len(base_keys)
                and j + length < len(other_keys)
                and base_keys[i + length]
                and base_keys[i + length] == other_keys[j + length]
            ):
                length += 1
            runs.append((length, i, j))
    if budget is not None:
        budget.check("fragments")
    runs.sort(key=lambda r: (-r[0], r[2], r[1]))
    used_base: set[int] = set()
    used_other: set[int] = set()
    fragments: list[Fragment] = []
    base_text = {s.index: s.text for s in base}
    for length, i, j in runs:
        if any(p in used_base for p in range(i, i + length)) or any(
            p in used_other for p in range(j, j + length)
        ):
            continue
        words = base_keys[i : i + length]
        if sum(w not in STOPWORDS for w in words) < thresholds.FRAGMENT_MIN_CONTENT_WORDS:
            continue
        used_base.update(range(i, i + length))
        used_other.update(range(j, j + length))
        b_sentence, b_start, _ = base_pos[i]
        _, _, b_end = base_pos[i + length - 1]
        o_sentence, o_start, _ = other_pos[j]
        _, _, o_end = other_pos[j + length - 1]
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
