"""Fit the meaning model on MSRP dev under cross-validation and ship it.

Usage::

    python -m benchmarks.fit_meaning [--bench-dir ../shared/bench] [--write app/engine/meaning_model.json]

MSRP's annotators judged whether two news sentences say the same thing. The engine asks it
of every reworded group (``app.engine.meaning``), over lexical features of the two texts.
The model is a logistic regression on standardised features with a fixed L2 strength and
no class weights, so that its probability is calibrated to MSRP's pairs and nothing but the
coefficients is fitted. The script prints, per fold of ``benchmarks.accuracy`` (random for
MSRP), the accuracy and F1 of the engine's paraphrase decision (the pair aligned, and its
meaning kept: probability >= ``thresholds.SAME_MEANING``) with the model fitted on the four
other folds, then the whole-dev figure and the model's own figures without the alignment, and
writes the model fitted on all of dev.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np

from app.engine import thresholds
from app.engine.meaning import FEATURES, pair_features
from benchmarks.accuracy import DEFAULT_BENCH, engine_outputs, folds, load

#: L2 strength (sklearn's C), fixed beforehand: 53 inputs and about 4,000 pairs.
REGULARISATION_C = 1.0
MODEL_VERSION = "msrp-lr-1"


def msrp_rows(records: list[dict]) -> tuple[np.ndarray, np.ndarray]:
    """Each pair's features in model order, and whether its annotators called it a paraphrase."""
    rows = [pair_features(r["a_sentences"][0], r["b_sentences"][0]) for r in records]
    x = np.array([[row[name] for name in FEATURES] for row in rows], dtype=float)
    y = np.array([r["gold"][0]["label"] == "paraphrase" for r in records])
    return x, y


def fit(x: np.ndarray, y: np.ndarray) -> dict[str, Any]:
    """The model file's content for rows ``x`` and labels ``y``."""
    from sklearn.linear_model import LogisticRegression

    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=REGULARISATION_C, max_iter=10000).fit((x - mean) / scale, y)
    return {
        "version": MODEL_VERSION,
        "features": list(FEATURES),
        "mean": [round(float(v), 6) for v in mean],
        "scale": [round(float(v), 6) for v in scale],
        "coef": [round(float(v), 6) for v in model.coef_[0]],
        "intercept": round(float(model.intercept_[0]), 6),
    }


def predict(model: dict[str, Any], x: np.ndarray) -> np.ndarray:
    z = ((x - np.array(model["mean"])) / np.array(model["scale"])) @ np.array(model["coef"])
    return 1.0 / (1.0 + np.exp(-(z + model["intercept"])))


def accuracy_f1(said: np.ndarray, truth: np.ndarray) -> tuple[float, float]:
    tp = int((said & truth).sum())
    fp = int((said & ~truth).sum())
    fn = int((~said & truth).sum())
    return float((said == truth).mean()), 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def cross_validated(records: list[dict], x: np.ndarray, y: np.ndarray) -> list[np.ndarray]:
    """Per fold, the held-out pairs' probabilities from a model fitted on the other folds."""
    probabilities = np.zeros(len(records))
    per_fold = []
    for train, test in folds("msrp", records):
        model = fit(x[train], y[train])
        probabilities[test] = predict(model, x[test])
        per_fold.append(np.array(test))
    return [probabilities, *per_fold]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--bench-dir", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--write", type=Path, help="where to write the model fitted on all of dev")
    args = parser.parse_args(argv)

    records = load(args.bench_dir, "msrp")
    x, y = msrp_rows(records)
    predictions = [o.prediction for o in engine_outputs("msrp", records)]
    aligned = np.array([(0, 0) in p.links for p in predictions])
    # a pair the engine calls kept (the same words) has no meaning to judge
    reworded = np.array([(0, 0) in p.same_meaning for p in predictions])
    probabilities, *tests = cross_validated(records, x, y)
    cut = thresholds.SAME_MEANING
    for name, said in (
        ("aligned and meaning kept (the engine's decision)", aligned & (~reworded | (probabilities >= cut))),
        ("meaning kept, alignment ignored", probabilities >= cut),
        ("aligned (the engine's decision without the model)", aligned),
    ):
        scores = np.array([accuracy_f1(said[t], y[t]) for t in tests]) * 100
        print(
            f"{name}: CV accuracy {scores[:, 0].mean():.1f} (sd {scores[:, 0].std():.1f}), "
            f"F1 {scores[:, 1].mean():.1f} (sd {scores[:, 1].std():.1f})"
        )
    model = fit(x, y)
    accuracy, f1 = accuracy_f1(aligned & (~reworded | (predict(model, x) >= cut)), y)
    print(f"whole dev, the model fitted on all of it: accuracy {accuracy * 100:.1f}, F1 {f1 * 100:.1f}")
    if args.write:
        args.write.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {args.write}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
