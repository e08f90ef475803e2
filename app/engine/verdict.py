"""The verdict: a small fitted model over a few document features.

The model is multinomial logistic regression over three classes of METER's
article labels (``copy`` = wholly derived, ``derived`` = partially derived,
``related`` = not derived but about the same story), fitted under grouped
cross-validation by ``python -m benchmarks.fit_verdict`` and shipped as
``verdict_model.json`` beside this module: plain numbers, scored here with the
standard library, so the service needs no fitting library.

``unrelated`` is the verdict when nothing links the texts at all, no aligned sentence and no
shared fragment (a rule, every probability then going to ``unrelated``), and a fourth class
of the model besides, learned from pairs of different stories of one METER domain (METER
itself holds no such pair): linked texts can be unrelated when their links are weak.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any, cast, get_args

from app.engine import thresholds
from app.engine.fitted import read_model
from app.engine.report import (
    Document,
    Evidence,
    Fragment,
    Group,
    Judgement,
    JudgementRule,
    NumberChange,
    Quote,
    Substitution,
    Summary,
    Verdict,
    bigrams_from_base,
    strongly_linked,
)
from app.engine.specifics import names_swapped
from app.engine.words import TokenMatches, WordKeys, word_keys

__all__ = [
    "FEATURES",
    "document_features",
    "document_words",
    "figures_against_reuse",
    "is_linked",
    "is_rewrite",
    "judge",
    "load_model",
]

#: The features, in the model file's order; each is defined in :func:`document_features`.
FEATURES = (
    "fragments_of_other",
    "other_from_base",
    "strongly_linked",
    "bigrams_from_base",
    "longest_aligned_run",
    "shared_quotes",
    "shared_names",
    "shared_numbers",
    "longest_fragment",
    "long_fragments_of_other",
    "new_sentences",
)
_VERDICTS: tuple[str, ...] = get_args(Verdict)
#: A fragment this many words long is a long one (a clause, not a phrase).
LONG_FRAGMENT = 8
#: A sentence with this share of its words in fragments is made of base's words.
FRAGMENT_SENTENCE_SHARE = 0.5
#: How many pieces of evidence a judgement lists.
TOP_EVIDENCE = 3


#: A document's :func:`~app.engine.words.word_keys` by sentence index, boilerplate aside.
Words = Mapping[int, WordKeys]


def document_words(
    document: Document,
    known: Words | None = None,
    of: Document | None = None,
    matches: TokenMatches | None = None,
) -> dict[int, WordKeys]:
    """The :data:`Words` of ``document``.

    ``known``, the words of another document ``of``, are reused for sentences of the same
    text: versions of a story share most of their sentences word for word, and reading a
    sentence's words is most of what preparing it for comparison costs. The shared
    :class:`WordKeys` are read, never changed. ``matches``, when given, keeps each
    sentence's token matches for the comparison's other readings of its words.
    """
    by_text: dict[str, WordKeys] = {}
    if known is not None and of is not None:
        by_text = {s.text: known[s.index] for s in of.sentences if s.index in known}
    words: dict[int, WordKeys] = {}
    for sentence in document.sentences:
        if sentence.role != "boilerplate":
            found = by_text.get(sentence.text)
            if found is None:
                text = sentence.text
                found = word_keys(text) if matches is None else word_keys(text, matches[text])
            words[sentence.index] = found
    return words


def _longest_aligned_run(alignment: list[Group], other: Document) -> float:
    """Longest run of consecutive other body sentences that are aligned, as a share of them."""
    body = [s.index for s in other.sentences if s.role == "body"]
    if not body:
        return 0.0
    aligned = {j for g in alignment if g.op in ("kept", "reworded") for j in g.other}
    best = run = 0
    for index in body:
        run = run + 1 if index in aligned else 0
        best = max(best, run)
    return best / len(body)


def _new_sentences(
    alignment: list[Group], fragments: list[Fragment], other: Document, words: dict[int, int]
) -> float:
    """Share of other body sentences that are neither aligned nor mostly made of fragments."""
    body = [s.index for s in other.sentences if s.role == "body"]
    if not body:
        return 0.0
    aligned = {j for g in alignment if g.op in ("kept", "reworded") for j in g.other}
    covered: dict[int, int] = {}
    for fragment in fragments:
        covered[fragment.other_sentence] = covered.get(fragment.other_sentence, 0) + fragment.words
    new = sum(
        1
        for j in body
        if j not in aligned and covered.get(j, 0) < FRAGMENT_SENTENCE_SHARE * max(1, words.get(j, 0))
    )
    return new / len(body)


def _names_and_numbers(words: Words) -> tuple[list[str], list[str]]:
    """Names (capitalised words not opening a sentence) and numbers of the whole text."""
    return (
        [name for w in words.values() for name in w.names],
        [number for w in words.values() for number in w.numbers],
    )


def _share_found(items: list[str], among: list[str]) -> float:
    """Share of ``items`` found in ``among``."""
    if not items:
        return 0.0
    found = set(among)
    return sum(item in found for item in items) / len(items)


def document_features(
    summary: Summary,
    alignment: list[Group],
    fragments: list[Fragment],
    quotes: list[Quote],
    base: Document,
    other: Document,
    base_words: Words | None = None,
    other_words: Words | None = None,
) -> dict[str, float]:
    """The model's inputs, all computed from the comparison itself.

    ``fragments_of_other``: share of other's words inside shared fragments;
    ``shared_quotes``: log(1 + quotations of base found verbatim or altered in other);
    every feature looks at how much of *other* comes from base. Shares of base and
    lengths were left out: METER's wire side joins several agency files per story
    and its newspapers print to a length, so those measure how the corpus was built
    and where the article ran, not how it was written. ``base_words`` and
    ``other_words``: :func:`document_words`, when the comparison has them.
    """
    base_words = document_words(base) if base_words is None else base_words
    other_words = document_words(other) if other_words is None else other_words
    other_counts = {index: len(w.keys) for index, w in other_words.items()}
    other_total = sum(other_counts.values())
    in_fragments = sum(f.words for f in fragments)
    base_names, base_numbers = _names_and_numbers(base_words)
    other_names, other_numbers = _names_and_numbers(other_words)
    # every quotation of base the other text carries, whole, in part, changed or as indirect
    # speech (the model was fitted when the last two were all "altered"); "reattributed" is set
    # after the engine reads these, and counts alike when a finished comparison's quotes are read
    shared_quotes = sum(
        1
        for q in quotes
        if q.base_sentence is not None
        and q.status in ("verbatim", "shortened", "altered", "reattributed", "paraphrased")
    )
    return {
        "fragments_of_other": min(1.0, in_fragments / other_total) if other_total else 0.0,
        "other_from_base": summary.other_from_base,
        "strongly_linked": strongly_linked(alignment, other),
        "bigrams_from_base": bigrams_from_base(base, other),
        "longest_aligned_run": _longest_aligned_run(alignment, other),
        "shared_quotes": math.log1p(shared_quotes),
        # a text with no name (or no number) says nothing either way: the aligned share stands in
        "shared_names": _share_found(other_names, base_names) if other_names else summary.other_from_base,
        "shared_numbers": (
            _share_found(other_numbers, base_numbers) if other_numbers else summary.other_from_base
        ),
        "longest_fragment": math.log1p(max((f.words for f in fragments), default=0)),
        "long_fragments_of_other": (
            min(1.0, sum(f.words for f in fragments if f.words >= LONG_FRAGMENT) / other_total)
            if other_total
            else 0.0
        ),
        "new_sentences": _new_sentences(alignment, fragments, other, other_counts),
    }


@lru_cache(maxsize=1)
def load_model() -> dict[str, Any]:
    """The shipped model: classes, feature order, standardisation and coefficients."""
    return read_model("verdict_model.json", FEATURES)


def is_linked(summary: Summary, fragments: list[Fragment]) -> bool:
    """Whether anything links the texts: an aligned sentence or a long fragment (short
    ones, such as a name with its title, are shared by different stories of one topic)."""
    return summary.kept + summary.reworded > 0 or any(f.words >= LONG_FRAGMENT for f in fragments)


def is_rewrite(summary: Summary, alignment: list[Group], numbers: Sequence[NumberChange] = ()) -> bool:
    """A rewrite: other carries a good part of base, with several sentences clearly reused.

    METER cannot teach this (its wire side is several agency files per story, several
    times the article), so it stays a rule: such a text is at least ``derived``. A sentence
    with a figure ``numbers`` says was changed is not clearly reused: the caller gives them when
    the text also swaps a name, as an agency's template filled with another story's facts does
    ("Shares of Airbnb rose 4%" -> "Shares of DoorDash fell 10%"); a rewrite that only inflates
    figures stays a rewrite, its changed figures reported.
    """
    changed = {n.base_sentence for n in numbers if n.status == "changed"}
    reused = sum(
        1
        for g in alignment
        if g.op != "added"
        and g.base
        and (g.similarity or 0.0) >= thresholds.ANCHOR_SCORE
        and changed.isdisjoint(g.base)
    )
    return (
        summary.base_retained >= thresholds.VERDICT_REWRITE_BASE_RETAINED
        and reused >= thresholds.VERDICT_REWRITE_REUSED_SENTENCES
    )


def figures_against_reuse(
    numbers: Sequence[NumberChange], substitutions: Sequence[Substitution]
) -> Sequence[NumberChange]:
    """The figure changes :func:`is_rewrite` weighs: all of them for a text that also swaps a name
    for another (:func:`~app.engine.specifics.names_swapped`: "Airbnb" -> "DoorDash"), as an
    agency's template filled with another story's facts does; none for any other."""
    return numbers if names_swapped((s.base, s.other) for s in substitutions) else ()


def judge(
    features: dict[str, float],
    *,
    linked: bool,
    rewrite: bool = False,
    model: dict[str, Any] | None = None,
) -> tuple[Verdict, Judgement]:
    """The verdict, each verdict's probability and the evidence that weighed most.

    ``linked``: :func:`is_linked`; without a link the verdict is ``unrelated``.
    ``rewrite``: :func:`is_rewrite`; a rewrite the model calls less than ``derived`` is ``derived``
    (the probabilities stay the model's: they say how METER's editors would have seen it).
    """
    model = model or load_model()
    classes: list[str] = model["classes"]
    z = [
        (features[name] - mean) / scale
        for name, mean, scale in zip(model["features"], model["mean"], model["scale"], strict=True)
    ]
    logits = [
        bias + sum(w * x for w, x in zip(weights, z, strict=True))
        for weights, bias in zip(model["coef"], model["intercept"], strict=True)
    ]
    top = max(logits)
    exps = [math.exp(v - top) for v in logits]
    total = sum(exps)
    probabilities = {c: e / total for c, e in zip(classes, exps, strict=True)}
    verdict = cast(Verdict, max(classes, key=lambda c: probabilities[c]) if linked else "unrelated")
    rule: JudgementRule | None = None if linked else "unlinked"
    if rewrite and verdict in ("related", "unrelated"):
        verdict, rule = "derived", "rewrite"
    if not linked:
        probabilities = dict.fromkeys(classes, 0.0)
    probabilities = {c: probabilities.get(c, 0.0) for c in _VERDICTS}
    probabilities["unrelated"] = 1.0 - sum(probabilities[c] for c in _VERDICTS if c != "unrelated")
    k = classes.index(verdict) if verdict in classes else classes.index("related")
    contributions = []
    for position, name in enumerate(model["features"]):
        others = [model["coef"][c][position] for c in range(len(classes)) if c != k]
        weight = model["coef"][k][position] - sum(others) / len(others)
        contributions.append(Evidence(name, round(features[name], 4), round(weight * z[position], 4)))
    contributions.sort(key=lambda e: -abs(e.contribution))
    if not linked:
        contributions = []  # the verdict is the rule's, not the model's
    return verdict, Judgement(
        probabilities={c: round(p, 4) for c, p in probabilities.items()},
        evidence=contributions[:TOP_EVIDENCE],
        model_version=str(model["version"]),
        rule=rule,
    )
