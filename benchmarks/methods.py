"""The comparison methods the speed benchmark times, each on a :class:`ComparisonInput`.

Every method takes the input as a user of it would: wirediff gets raw text or the
pre-split sentences; the baselines get sentences (raw text goes through the plain
splitter inside the timed call, so "everything included" holds for them too).

Heavy imports happen inside the methods' ``load`` step, so that a measuring process
holds only what its method needs.
"""

from __future__ import annotations

import difflib
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from benchmarks.inputs import ComparisonInput, as_sentences

__all__ = ["DIFFLIB_PAIR_THRESHOLD", "METHODS", "Method"]

#: A sentence pair whose difflib ratio reaches this counts as a match (NewsEdits-style
#: matching). The figure does not change the cost: every pair is scored either way.
DIFFLIB_PAIR_THRESHOLD = 0.5

Links = set[tuple[int, int]]


@dataclass(frozen=True)
class Method:
    """How to run one method, what it imports, and how far it may grow."""

    key: str
    label: str
    run: Callable[[ComparisonInput], Any]
    imports: tuple[str, ...] = ()
    # Largest sentences per side to run; beyond it the time is extrapolated with ``growth``.
    max_size: int | None = None
    growth: float = 2.0
    cap_reason: str = ""
    # True when the cost is linear in the base sentences (all pairs, row by row), so a
    # sample of base rows can be timed and scaled up.
    row_sampling: bool = False
    # Sentence links (base index, other index) from a result, for the sanity check.
    links: Callable[[Any], Links] | None = None
    # Run when no --methods is given (an optional install's method is asked for by name).
    by_default: bool = True
    # What the method keeps between calls, forgotten before each timed call (untimed): every call
    # is timed as for a story the server has not read before.
    forget: Callable[[], None] | None = None

    def load(self) -> None:
        for module in self.imports:
            importlib.import_module(module)


def _wirediff_forget() -> None:
    """The sentences kept from an earlier call (their figures, their squashed text): a repeat of an
    input the engine's caches can hold would find every one of them kept."""
    from app.engine import forget_read_sentences

    forget_read_sentences()


def _wirediff(item: ComparisonInput) -> Any:
    from app.engine import compare

    return compare(item.base, item.other)


def _wirediff_semantic_forget() -> None:
    """With the semantic extra, the vectors kept from an earlier call too."""
    from app.engine.sentence_model import forget_vectors

    forget_vectors()
    _wirediff_forget()


def _wirediff_semantic(item: ComparisonInput) -> Any:
    """With the semantic extra, every reworded sentence embedded in the call."""
    from app.engine import CompareOptions, compare

    return compare(item.base, item.other, CompareOptions(semantic_meaning=True))


def _wirediff_links(result: Any) -> Links:
    return {(i, j) for group in result.alignment for i in group.base for j in group.other}


def _difflib_sentence_pairs(item: ComparisonInput) -> Links:
    """difflib ratio on every sentence pair, then greedy one-to-one above the threshold.

    seq2 is set once per other sentence, since SequenceMatcher caches what it learns
    about seq2: the fastest way to score every pair with the same result.
    """
    base, other = as_sentences(item.base), as_sentences(item.other)
    matcher = difflib.SequenceMatcher(None)
    candidates = []
    for j, other_sentence in enumerate(other):
        matcher.set_seq2(other_sentence)
        for i, base_sentence in enumerate(base):
            matcher.set_seq1(base_sentence)
            score = matcher.ratio()
            if score >= DIFFLIB_PAIR_THRESHOLD:
                candidates.append((score, i, j))
    return _greedy_one_to_one(candidates)


def _greedy_one_to_one(candidates: list[tuple[float, int, int]]) -> Links:
    links: Links = set()
    used_base: set[int] = set()
    used_other: set[int] = set()
    for _, i, j in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if i not in used_base and j not in used_other:
            links.add((i, j))
            used_base.add(i)
            used_other.add(j)
    return links


def _difflib_words(item: ComparisonInput) -> list[tuple[str, int, int, int, int]]:
    """One SequenceMatcher over the two documents' word lists (difflib's defaults)."""
    base_words = " ".join(as_sentences(item.base)).split()
    other_words = " ".join(as_sentences(item.other)).split()
    return difflib.SequenceMatcher(None, base_words, other_words).get_opcodes()


def _rapidfuzz_cdist(item: ComparisonInput) -> Any:
    """The dense all-pairs similarity matrix alone: a floor for any all-pairs method."""
    from rapidfuzz import fuzz, process

    return process.cdist(as_sentences(item.base), as_sentences(item.other), scorer=fuzz.ratio, workers=1)


METHODS: dict[str, Method] = {
    method.key: method
    for method in (
        Method(
            key="wirediff",
            label="wirediff `compare`",
            run=_wirediff,
            forget=_wirediff_forget,
            imports=("app.engine",),
            links=_wirediff_links,
        ),
        Method(
            key="wirediff-semantic",
            label="wirediff `compare`, semantic extra (pip install 'wirediff[semantic]')",
            run=_wirediff_semantic,
            forget=_wirediff_semantic_forget,
            imports=("app.engine", "onnxruntime", "tokenizers"),
            links=_wirediff_links,
            by_default=False,
        ),
        Method(
            key="difflib-pairs",
            label=f"difflib ratio, every sentence pair (t={DIFFLIB_PAIR_THRESHOLD})",
            run=_difflib_sentence_pairs,
            max_size=1_000,
            growth=2.0,
            cap_reason="n x m pure-Python ratios",
            row_sampling=True,
            links=lambda links: links,
        ),
        Method(
            key="difflib-words",
            label="difflib on the two word lists",
            run=_difflib_words,
        ),
        Method(
            key="rapidfuzz-cdist",
            label="rapidfuzz `cdist` (ratio, dense n x m)",
            run=_rapidfuzz_cdist,
            imports=("rapidfuzz.process", "numpy"),
            max_size=5_000,
            growth=2.0,
            cap_reason="dense n x m matrix (1.6 GB at 20,000)",
        ),
    )
}
