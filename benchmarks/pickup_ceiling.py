"""Would other evidence or another learner beat the pickup decision on METER dev?

Usage::

    pip install -e '.[bench]'
    python -m benchmarks.pickups --pairs /tmp/pickup-pairs.jsonl     # the pairs of a run
    python -m benchmarks.pickup_ceiling --pairs /tmp/pickup-pairs.jsonl [--bench-dir ../shared/bench]

The pairs (wire story, newspaper article) that ``/related`` listed in a ``benchmarks.pickups``
run carry the decision's evidence. This scores, in the same folds as that benchmark (grouped by
story, each fold's model and threshold fitted on the other folds' stories), the shipped features
(:func:`app.engine.pickup.pickup_features`) with one more feature at a time, computed from the
engine's comparison of the two texts:

- ``order``: the share of consecutive aligned newspaper sentences whose wire sentences come in
  the same order (a rewrite follows the wire; a paper's own report has its own order);
- ``longest_fragment``: the longest reused fragment, in words (log);
- ``sentences_with_fragment``: the share of the paper's body sentences holding a fragment;
- ``lead_fragment`` / ``lead_aligned``: a fragment, or an aligned sentence, in its first two;
- ``fragments_outside_quotes``: the share of its words in fragments outside quotation marks
  (independent reports quote the same people);
- ``aligned_sentences``: how many of its sentences are aligned (log); ``length``: its body
  sentences (log);
- ``own_quotes``: the share of its words inside quotation marks and in no reused fragment (a
  paper's own interviews); ``quotes_from_wire``: the share of its quoted words in reused
  fragments (without quotations: its words' share in fragments);
- ``meaning_kept``: the share of its body characters in aligned sentences that keep their wire
  sentence's meaning (kept, or reworded with ``same_meaning`` >= 0.5: a rewrite says what the wire
  said; a paper's own report of the event words its claims its own way); ``mean_meaning``: the
  mean ``same_meaning`` of its aligned groups (kept ones count 1).

Then other learners (scikit-learn) on the shipped features, and on every feature at once (the
base-side shares included): gradient-boosted trees and a random forest beside the logistic
regression. Cross-validated precision / recall / F1 of pickups, as ``benchmarks.pickups`` counts.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from app.engine import thresholds
from benchmarks import pickups
from benchmarks.inputs import DEFAULT_BENCH_DIR

EXTRA_FEATURES = (
    "order",
    "longest_fragment",
    "sentences_with_fragment",
    "lead_fragment",
    "lead_aligned",
    "fragments_outside_quotes",
    "aligned_sentences",
    "length",
    "own_quotes",
    "quotes_from_wire",
    "meaning_kept",
    "mean_meaning",
)
_OPENING_QUOTES = ('"', "\u201c")


def _inside_quotes(text: str, start: int) -> bool:
    before = text[:start]
    opened = sum(before.count(mark) for mark in _OPENING_QUOTES) - before.count("\u201d")
    return opened % 2 == 1


_QUOTED = re.compile(r"[\"\u201c]([^\"\u201c\u201d]+)[\"\u201d]")
_WORD = re.compile(r"\w+")


def _quoted_words(text: str, covered: list[tuple[int, int]]) -> tuple[int, int]:
    """The words of ``text`` inside quotation marks, and how many of them a fragment covers."""
    inside = from_wire = 0
    for quote in _QUOTED.finditer(text):
        for word in _WORD.finditer(text, quote.start(1), quote.end(1)):
            inside += 1
            from_wire += any(start <= word.start() < end for start, end in covered)
    return inside, from_wire


def extra_features(wire: str, paper: str) -> dict[str, float]:
    """The features above, from the engine's comparison (wire as base)."""
    from app.engine import compare

    comparison = compare(wire, paper)
    body = [s.index for s in comparison.other.sentences if s.role == "body"]
    texts = {s.index: s.text for s in comparison.other.sentences}
    aligned = sorted(
        (min(group.other), min(group.base))
        for group in comparison.alignment
        if group.op in ("kept", "reworded") and group.base and group.other
    )
    in_order = sum(1 for a, b in itertools.pairwise(aligned) if b[1] > a[1])
    fragments = comparison.fragments
    lead = set(body[:2])
    words = sum(len(texts[i].split()) for i in body) or 1
    outside = sum(f.words for f in fragments if not _inside_quotes(texts[f.other_sentence], f.other_start))
    quoted = [
        _quoted_words(texts[i], [(f.other_start, f.other_end) for f in fragments if f.other_sentence == i])
        for i in body
    ]
    inside, from_wire = sum(q[0] for q in quoted), sum(q[1] for q in quoted)
    fragment_share = min(1.0, sum(f.words for f in fragments) / words)
    linked = [g for g in comparison.alignment if g.op in ("kept", "reworded") and g.base and g.other]
    meanings = [1.0 if g.same_meaning is None else g.same_meaning for g in linked]
    body_set = set(body)
    characters = sum(len(texts[i]) for i in body) or 1
    kept_meaning = sum(
        len(texts[j])
        for g, m in zip(linked, meanings, strict=True)
        if m >= thresholds.SAME_MEANING
        for j in g.other
        if j in body_set
    )
    return {
        "meaning_kept": kept_meaning / characters,
        "mean_meaning": sum(meanings) / len(meanings) if meanings else 0.0,
        "own_quotes": (inside - from_wire) / words,
        "quotes_from_wire": from_wire / inside if inside else fragment_share,
        "order": in_order / (len(aligned) - 1) if len(aligned) > 1 else 0.0,
        "longest_fragment": math.log1p(max((f.words for f in fragments), default=0)),
        "sentences_with_fragment": len({f.other_sentence for f in fragments}) / max(1, len(body)),
        "lead_fragment": float(any(f.other_sentence in lead for f in fragments)),
        "lead_aligned": float(any(other in lead for other, _ in aligned)),
        "fragments_outside_quotes": min(1.0, outside / words),
        "aligned_sentences": math.log1p(len(aligned)),
        "length": math.log1p(len(body)),
    }


def cross_validate(
    pairs: list[dict[str, Any]],
    papers: list[pickups.Paper],
    features: Callable[[dict[str, Any]], list[float] | None],
    make: Callable[[], Any],
) -> dict[str, Any]:
    """Grouped k-fold of one learner (``make``: a scikit-learn classifier) over ``features`` (None:
    the pair can never be a pickup); each fold's threshold is the best F1 on its training pairs."""
    import numpy as np

    fold_of = pickups.story_folds(papers)
    gold_by_story = Counter("/".join(p.story) for p in papers if p.label in pickups.PICKUP_LABELS)
    decided: dict[int, bool] = {}
    for fold in range(pickups.FOLDS):
        train = [p for p in pairs if fold_of[p["story"]] != fold]
        test = [p for p in pairs if fold_of[p["story"]] == fold]
        rows = [(features(p), p["gold"]) for p in train]
        fitted = [(x, y) for x, y in rows if x is not None]
        model = make().fit(np.array([x for x, _ in fitted]), np.array([y for _, y in fitted]))

        def probabilities(chosen: Sequence[dict[str, Any]], model: Any = model) -> list[float]:
            out = []
            for pair in chosen:
                x = features(pair)
                out.append(0.0 if x is None else float(model.predict_proba(np.array([x]))[0, 1]))
            return out

        train_gold = sum(n for s, n in gold_by_story.items() if fold_of[s] != fold)
        threshold = pickups._best_threshold(probabilities(train), [p["gold"] for p in train], train_gold)
        for pair, probability in zip(test, probabilities(test), strict=True):
            decided[id(pair)] = probability > 0 and probability >= threshold
    figures = pickups.score(pairs, sum(gold_by_story.values()), lambda pair: decided[id(pair)])
    return {key: figures[key] for key in ("precision", "recall", "f1", "false_pickups")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=Path, required=True, help="the pairs of a benchmarks.pickups run")
    parser.add_argument("--bench-dir", type=Path, default=DEFAULT_BENCH_DIR)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)

    from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
    from sklearn.linear_model import LogisticRegression

    stories, papers = pickups.load_meter(args.bench_dir)
    paper_text = {paper.record_id: paper.text for paper in papers}
    wire_text = {"/".join(key): story.text for key, story in stories.items()}
    pairs = [json.loads(line) for line in args.pairs.open(encoding="utf-8")]
    extra: dict[tuple[str, str], dict[str, float]] = {}
    shipped: dict[tuple[str, str], dict[str, float]] = {}
    for pair in pairs:
        features = pickups._features(pair)  # None: never a pickup, whatever the model
        if features is None:
            continue
        key = (pair["story"], pair["paper"])
        shipped[key] = features
        extra[key] = extra_features(wire_text[pair["story"]], paper_text[pair["paper"]])
    names = sorted({name for row in shipped.values() for name in row})
    base_side = ("base_pair_containment", "base_retained", "base_trigram_containment")

    def vector(
        added: Sequence[str], everything: bool = False
    ) -> Callable[[dict[str, Any]], list[float] | None]:
        def of(pair: dict[str, Any]) -> list[float] | None:
            key = (pair["story"], pair["paper"])
            if key not in shipped:
                return None
            row = [shipped[key].get(name, 0.0) for name in names] + [extra[key][name] for name in added]
            return row + [float(pair["evidence"][name]) for name in base_side] if everything else row

        return of

    def logistic() -> Any:
        return LogisticRegression(C=pickups.L2, max_iter=1000)

    def trees() -> Any:
        return HistGradientBoostingClassifier(max_depth=3, learning_rate=0.05, max_iter=200, random_state=0)

    def forest() -> Any:
        return RandomForestClassifier(n_estimators=300, min_samples_leaf=5, random_state=0)

    report: dict[str, Any] = {"pairs": len(pairs), "decided_by_the_model": len(shipped)}
    report["logistic regression, shipped features"] = cross_validate(pairs, papers, vector(()), logistic)
    for name in EXTRA_FEATURES:
        report[f"logistic regression, + {name}"] = cross_validate(pairs, papers, vector((name,)), logistic)
    for label, make in (("gradient-boosted trees", trees), ("random forest", forest)):
        report[f"{label}, shipped features"] = cross_validate(pairs, papers, vector(()), make)
    for label, make in (
        ("logistic regression", logistic),
        ("gradient-boosted trees", trees),
        ("random forest", forest),
    ):
        report[f"{label}, every feature"] = cross_validate(pairs, papers, vector(EXTRA_FEATURES, True), make)
    text = json.dumps(report, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
