"""Would a learned decision per newspaper sentence beat the engine's alignment on METER?

Usage::

    pip install -e '.[bench]'
    python -m benchmarks.sentence_ceiling [--bench-dir ../shared/bench] [--vectors]

METER's B-sentence labels (kept / reworded / added, scored as in ``benchmarks.accuracy``) are
the issue's sentence target. The engine labels a newspaper sentence by its alignment: linked
to a wire sentence and at least 90% of its characters taken from the wire, kept; linked,
reworded; not linked, added. This measures the ceiling of a different approach: a classifier
over what is known of each newspaper sentence, fitted in the same five folds as
``benchmarks.accuracy`` (grouped by story), everything fitted on the training folds only:

- the engine's own output for the sentence (linked or not, its group's similarity, its words
  in reused fragments, the document's aligned share);
- lexical overlap with the whole wire text: the share of its content words, word pairs and
  word triples found there; the best rapidfuzz ratio, token-set ratio and partial ratio
  against a wire sentence;
- its length and position;
- with ``--vectors``: the best cosine of its wordllama vector with a wire sentence's, and the
  margin over the second best (static vectors shipped inside the wheel).

Two learners (scikit-learn): logistic regression and gradient-boosted trees, both with
balanced class weights. The engine's figure on the same folds is printed beside them.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import re
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
from rapidfuzz import fuzz

from app.engine import compare
from app.engine.words import STOPWORDS
from benchmarks.accuracy import DEFAULT_BENCH, folds, load, macro_f1, meter_label

LABELS = ("kept", "reworded", "added")
FEATURES = (
    "linked",
    "similarity",
    "in_fragments",
    "document_aligned",
    "content_words_in_wire",
    "word_pairs_in_wire",
    "word_triples_in_wire",
    "best_ratio",
    "best_token_set",
    "best_partial",
    "log_words",
    "position",
)
VECTOR_FEATURES = ("best_cosine", "cosine_margin")
_WORD = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    return [word.lower() for word in _WORD.findall(text)]


def _share(part: set[Any], whole: set[Any]) -> float:
    return len(part & whole) / len(part) if part else 0.0


def sentence_rows(record: dict, vectors: Any = None) -> list[dict[str, Any]]:
    """One row per annotated newspaper sentence: its gold label, the engine's, its features."""
    wire, paper = record["a_sentences"], record["b_sentences"]
    result = compare(wire, paper)
    gold = {j: group["label"] for group in record["gold"] for j in group["b"]}
    engine: dict[int, str] = {}
    similarity: dict[int, float] = {}
    for group in result.alignment:
        for j in group.other:
            engine[j] = meter_label(group, wire, paper)
            similarity[j] = group.similarity or 0.0
    fragment_words: dict[int, int] = {}
    for fragment in result.fragments:
        fragment_words[fragment.other_sentence] = (
            fragment_words.get(fragment.other_sentence, 0) + fragment.words
        )
    wire_words = _words(" ".join(wire))
    wire_vocabulary = set(wire_words)
    wire_pairs = set(itertools.pairwise(wire_words))
    wire_triples = set(zip(wire_words, wire_words[1:], wire_words[2:], strict=False))
    cosines = None
    if vectors is not None and wire:
        cosines = vectors.embed(paper, norm=True) @ vectors.embed(wire, norm=True).T
    rows = []
    for j, sentence in enumerate(paper):
        if j not in gold:
            continue
        words = _words(sentence)
        content = {word for word in words if word not in STOPWORDS}
        row: dict[str, Any] = {
            "gold": gold[j],
            "engine": engine.get(j, "added"),
            "linked": float(j in engine and engine[j] != "added"),
            "similarity": similarity.get(j, 0.0),
            "in_fragments": min(1.0, fragment_words.get(j, 0) / max(1, len(words))),
            "document_aligned": result.summary.other_from_base,
            "content_words_in_wire": _share(content, wire_vocabulary),
            "word_pairs_in_wire": _share(set(itertools.pairwise(words)), wire_pairs),
            "word_triples_in_wire": _share(set(zip(words, words[1:], words[2:], strict=False)), wire_triples),
            "best_ratio": max((fuzz.ratio(sentence, w) for w in wire), default=0.0) / 100,
            "best_token_set": max((fuzz.token_set_ratio(sentence, w) for w in wire), default=0.0) / 100,
            "best_partial": max((fuzz.partial_ratio(sentence, w) for w in wire), default=0.0) / 100,
            "log_words": math.log1p(len(words)),
            "position": j / max(1, len(paper)),
        }
        if cosines is not None:
            ranked = np.sort(cosines[j])[::-1]
            row["best_cosine"] = float(ranked[0])
            row["cosine_margin"] = float(ranked[0] - (ranked[1] if len(ranked) > 1 else 0.0))
        elif vectors is not None:
            row["best_cosine"] = row["cosine_margin"] = 0.0
        rows.append(row)
    return rows


def cross_validate(
    records: list[dict], rows_by_record: list[list[dict[str, Any]]], names: tuple[str, ...]
) -> dict[str, Any]:
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.linear_model import LogisticRegression

    learners = {
        "logistic regression": lambda: LogisticRegression(C=1.0, max_iter=2000, class_weight="balanced"),
        "gradient-boosted trees": lambda: HistGradientBoostingClassifier(
            max_iter=200, learning_rate=0.05, class_weight="balanced", random_state=0
        ),
    }
    splits = folds("meter", records)
    out: dict[str, Any] = {}
    engine_folds = []
    for _, test in splits:
        rows = [row for i in test for row in rows_by_record[i]]
        engine_folds.append(macro_f1([r["gold"] for r in rows], [r["engine"] for r in rows], LABELS))
    out["engine"] = {
        "cv_mean": round(100 * float(np.mean(engine_folds)), 1),
        "cv_sd": round(100 * float(np.std(engine_folds)), 1),
    }
    for name, make in learners.items():
        scores = []
        for train, test in splits:
            train_rows = [row for i in train for row in rows_by_record[i]]
            test_rows = [row for i in test for row in rows_by_record[i]]
            model = make().fit(
                np.array([[r[f] for f in names] for r in train_rows]), [r["gold"] for r in train_rows]
            )
            predicted = model.predict(np.array([[r[f] for f in names] for r in test_rows]))
            scores.append(macro_f1([r["gold"] for r in test_rows], list(predicted), LABELS))
        out[name] = {
            "cv_mean": round(100 * float(np.mean(scores)), 1),
            "cv_sd": round(100 * float(np.std(scores)), 1),
        }
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bench-dir", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--vectors", action="store_true", help="add wordllama cosines (static vectors)")
    args = parser.parse_args(argv)
    vectors = None
    if args.vectors:
        from benchmarks.semantic import load_vectors

        vectors = load_vectors()
    records = load(args.bench_dir, "meter")
    started = time.process_time()
    rows_by_record = [sentence_rows(record, vectors) if record["gold"] else [] for record in records]
    names = FEATURES + (VECTOR_FEATURES if vectors is not None else ())
    report = {
        "sentences": sum(len(rows) for rows in rows_by_record),
        "features": list(names),
        "macro_f1": cross_validate(records, rows_by_record, names),
        "cpu_seconds": round(time.process_time() - started, 1),
    }
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
