"""Whether a reworded sentence still says what the wire sentence said.

A rewording can keep the claim ("Police said 12 people died" -> "Twelve people were killed,
police said") or change it (a clause added or cut, one claim worded into another). The
probability that the meaning was kept comes from a logistic regression fitted on human
paraphrase judgements of sentence pairs from news clusters (MSRP, ``benchmarks.fit_meaning``),
over lexical features of the two texts alone: n-gram overlap both ways on words, stems and
content words, the words and names found on one side only, figures, lengths, edit and
subsequence similarity, and negation. The coefficients ship in ``meaning_model.json``
beside this module: plain numbers, scored here with the standard library.

>>> same_meaning("Police arrested three men in Leeds.", "Three men were arrested by police in Leeds.") >= 0.5
True
>>> same_meaning("The minister resigned on Monday.",
...              "The minister resigned on Monday after weeks of protests over fuel prices.") < 0.5
True

MSRP's annotators let small differences pass, and the model learned that: a figure changed
("12" -> "40") moves it little, and so does a negation added, which the data shows too rarely
to weigh. Both are checked apart, exactly: figures in ``specifics.py``, negations among the
findings (``findings.py``).
"""

from __future__ import annotations

import math
from collections.abc import Set as AbstractSet
from functools import lru_cache
from itertools import pairwise
from typing import Any

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel, LCSseq

from app.engine import sentence_model, thresholds
from app.engine.fitted import read_model
from app.engine.words import ENGLISH_NEGATIONS, STOPWORDS, WordKeys, stemmer, word_keys

__all__ = [
    "FEATURES",
    "SEMANTIC_FEATURES",
    "load_model",
    "load_semantic_model",
    "pair_features",
    "probability",
    "same_meaning",
]

#: (name, which sequence, n): the n-gram overlaps measured both ways
_OVERLAPS = (
    *((f"words{n}", "words", n) for n in (1, 2, 4)),
    *((f"stems{n}", "stems", n) for n in (1, 2)),
    *((f"content{n}", "content", n) for n in (1, 2)),
)

#: each overlap's three feature names, and which sequences and n it reads
_OVERLAP_NAMES = tuple(
    (f"{name}_low", f"{name}_high", f"{name}_f", (which, n)) for name, which, n in _OVERLAPS
)

#: The model's inputs, in the model file's order; each is defined in :func:`pair_features`.
FEATURES: tuple[str, ...] = (
    *(f"{name}_{side}" for name, _, _ in _OVERLAPS for side in ("low", "high", "f")),
    "unmatched_low",
    "unmatched_high",
    "unmatched_share_low",
    "unmatched_share_high",
    "unmatched_run_low",
    "unmatched_run_high",
    "numbers_any",
    "numbers_differ",
    "numbers_unmatched",
    "names_unmatched_low",
    "names_unmatched_high",
    "length_low",
    "length_high",
    "length_difference",
    "length_ratio",
    "ratio",
    "token_set_ratio",
    "token_sort_ratio",
    "subsequence_long",
    "subsequence_short",
    "edit_similarity",
    "negation_differs",
)

#: The semantic extra's model reads one input more: the cosine of the two texts' vectors from a
#: sentence model (:mod:`app.engine.sentence_model`), fitted on the same pairs in the same way.
SEMANTIC_FEATURES: tuple[str, ...] = (*FEATURES, "cosine")


def _grams(sequence: list[str], n: int) -> AbstractSet[object]:
    return set(zip(*(sequence[i:] for i in range(n)), strict=False))


def _longest_run_absent(sequence: list[str], present: set[str]) -> int:
    best = run = 0
    for item in sequence:
        run = run + 1 if item not in present else 0
        best = max(best, run)
    return best


def _unglued(keys: list[str], other: list[str]) -> list[str]:
    """``keys`` with each word that is two adjacent words of ``other`` run together ("abouta",
    a lost space) split back into them: glue is not a change of meaning."""
    known = set(other)
    if known.issuperset(keys):
        return keys
    joined = {first + second: (first, second) for first, second in pairwise(other)}
    split: list[str] = []
    for key in keys:
        if key not in known and key in joined:
            split.extend(joined[key])
        else:
            split.append(key)
    return split


def _in_capitals(text: str) -> bool:
    return not any(c.islower() for c in text) and any(c.isupper() for c in text)


def pair_features(
    base: str, other: str, base_words: WordKeys | None = None, other_words: WordKeys | None = None
) -> dict[str, float]:
    """The model's inputs for two texts (a sentence each, or a group's sentences joined);
    ``base_words`` and ``other_words``: their :func:`~app.engine.words.word_keys`, when the
    caller has them.

    Each measure taken both ways is given as its lower and higher value (``_low`` and
    ``_high``), so that the pair's order does not matter: a clause added on either side
    changes the meaning alike."""
    a = word_keys(base) if base_words is None else base_words
    b = word_keys(other) if other_words is None else other_words
    a_keys, b_keys = _unglued(a.keys, b.keys), _unglued(b.keys, a.keys)
    stem = stemmer()
    a_stems, b_stems = stem.stemWords(a_keys), stem.stemWords(b_keys)
    a_content = [s for k, s in zip(a_keys, a_stems, strict=True) if k not in STOPWORDS]
    b_content = [s for k, s in zip(b_keys, b_stems, strict=True) if k not in STOPWORDS]
    a_stem_set, b_stem_set = set(a_stems), set(b_stems)
    a_content_set, b_content_set = set(a_content), set(b_content)
    sides: dict[tuple[str, int], tuple[AbstractSet[object], AbstractSet[object]]] = {
        ("words", 1): (set(a_keys), set(b_keys)),
        ("words", 2): (set(pairwise(a_keys)), set(pairwise(b_keys))),
        ("words", 4): (_grams(a_keys, 4), _grams(b_keys, 4)),
        ("stems", 1): (a_stem_set, b_stem_set),
        ("stems", 2): (set(pairwise(a_stems)), set(pairwise(b_stems))),
        ("content", 1): (a_content_set, b_content_set),
        ("content", 2): (set(pairwise(a_content)), set(pairwise(b_content))),
    }
    features: dict[str, float] = {}
    for low, high, both, which in _OVERLAP_NAMES:
        x, y = sides[which]
        shared = len(x & y)
        p = shared / len(x) if x else 0.0
        r = shared / len(y) if y else 0.0
        features[low] = min(p, r)
        features[high] = max(p, r)
        features[both] = 2 * p * r / (p + r) if p + r else 0.0
    only_a, only_b = len(a_content_set - b_content_set), len(b_content_set - a_content_set)
    share_a = only_a / len(a_content_set) if a_content_set else 0.0
    share_b = only_b / len(b_content_set) if b_content_set else 0.0
    run_a = _longest_run_absent(a_stems, b_stem_set)
    run_b = _longest_run_absent(b_stems, a_stem_set)
    a_numbers, b_numbers = set(a.numbers), set(b.numbers)
    a_names, b_names = set(a.names), set(b.names)
    # a headline in capitals against one in sentence case ("SENATE PASSES $95BN AID PACKAGE" and
    # "U.S. Senate passes $95 billion aid ..."): read by its words, not its case; its names are
    # those of the other side's it holds
    base_capitals, other_capitals = _in_capitals(base), _in_capitals(other)
    if base_capitals != other_capitals:
        if base_capitals:
            a_names = b_names & set(a_keys)
        else:
            b_names = a_names & set(b_keys)
        base, other = base.lower(), other.lower()
    length_a, length_b = len(a_keys), len(b_keys)
    longest = max(length_a, length_b, 1)
    common = LCSseq.similarity(a_keys, b_keys)
    features |= {
        "unmatched_low": min(only_a, only_b),
        "unmatched_high": max(only_a, only_b),
        "unmatched_share_low": min(share_a, share_b),
        "unmatched_share_high": max(share_a, share_b),
        "unmatched_run_low": min(run_a, run_b),
        "unmatched_run_high": max(run_a, run_b),
        "numbers_any": float(bool(a_numbers or b_numbers)),
        "numbers_differ": float(a_numbers != b_numbers),
        "numbers_unmatched": len(a_numbers ^ b_numbers),
        "names_unmatched_low": min(len(a_names - b_names), len(b_names - a_names)),
        "names_unmatched_high": max(len(a_names - b_names), len(b_names - a_names)),
        "length_low": min(length_a, length_b),
        "length_high": max(length_a, length_b),
        "length_difference": abs(length_a - length_b),
        "length_ratio": min(length_a, length_b) / longest,
        "ratio": fuzz.ratio(base, other) / 100,
        "token_set_ratio": fuzz.token_set_ratio(base, other) / 100,
        "token_sort_ratio": fuzz.token_sort_ratio(base, other) / 100,
        "subsequence_long": common / longest,
        "subsequence_short": common / max(min(length_a, length_b), 1),
        "edit_similarity": Indel.normalized_similarity(a_keys, b_keys),
        # English negations: the model was fitted on English pairs
        "negation_differs": float(
            ENGLISH_NEGATIONS.isdisjoint(a_keys) != ENGLISH_NEGATIONS.isdisjoint(b_keys)
        ),
    }
    return features


@lru_cache(maxsize=1)
def load_model() -> dict[str, Any]:
    """The shipped model: feature order, standardisation and coefficients."""
    return read_model("meaning_model.json", FEATURES)


def _linear(model: dict[str, Any]) -> tuple[float, list[tuple[str, float]]]:
    """The model as one linear form over the raw features: the standardisation folded into
    the weights (``w * (x - mean) / scale`` is ``(w / scale) * x - w * mean / scale``)."""
    parts = list(zip(model["features"], model["mean"], model["scale"], model["coef"], strict=True))
    constant = model["intercept"] - sum(w * mean / scale for _, mean, scale, w in parts)
    return constant, [(name, w / scale) for name, _, scale, w in parts]


@lru_cache(maxsize=1)
def load_semantic_model() -> dict[str, Any]:
    """The semantic extra's model: :data:`SEMANTIC_FEATURES`, in the same form."""
    return read_model("meaning_model_semantic.json", SEMANTIC_FEATURES)


@lru_cache(maxsize=2)
def _shipped_linear(semantic: bool) -> tuple[float, list[tuple[str, float]]]:
    return _linear(load_semantic_model() if semantic else load_model())


def probability(features: dict[str, float], model: dict[str, Any] | None = None) -> float:
    """The model's probability that the meaning was kept, for :func:`pair_features`' output
    (``model``: another than the shipped one, in the same form). Features with a ``cosine`` are
    read by the semantic extra's shipped model."""
    constant, weights = _shipped_linear("cosine" in features) if model is None else _linear(model)
    z = constant + sum(weight * features[name] for name, weight in weights)
    return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0


def same_meaning(
    base: str,
    other: str,
    base_words: WordKeys | None = None,
    other_words: WordKeys | None = None,
    *,
    semantic: bool = False,
) -> float | None:
    """Probability, 0..1, that ``other`` says what ``base`` says (rounded to 4 places); the two
    words as for :func:`pair_features`. ``semantic``: the semantic extra judges, its model reading
    the two texts' sentence-model cosine as well (:mod:`app.engine.sentence_model`, which raises
    :class:`~app.engine.sentence_model.SemanticExtraMissingError` when the extra is not installed).
    None when a side is longer than ``thresholds.MEANING_MAX_WORDS``: the model knows sentences,
    and its subsequence and edit measures grow with the product of the two lengths."""
    a = word_keys(base) if base_words is None else base_words
    b = word_keys(other) if other_words is None else other_words
    if max(len(a.keys), len(b.keys)) > thresholds.MEANING_MAX_WORDS:
        return None
    features = pair_features(base, other, a, b)
    if semantic:
        # a side longer than the sentence model reads has no cosine: the words alone judge it
        [cosine] = sentence_model.cosines([(base, other)])
        if cosine is not None:
            features["cosine"] = cosine
    return round(probability(features), 4)
