"""Fit the verdict model on METER dev under grouped cross-validation and ship it.

Usage::

    python -m benchmarks.fit_verdict [--bench-dir ../shared/bench] [--write app/engine/verdict_model.json]
    python -m benchmarks.fit_verdict --write /tmp/verdict.json --draws 4   # measure only, on 5 draws

Each METER pair runs through the engine once (pre-split sentences); the features are
the engine's own (``app.engine.verdict.document_features``). The model is a
multinomial logistic regression on standardised features, classes weighted to
balance (the figure it is judged by is macro-F1) and a fixed L2 strength, so that
nothing is tuned on the data beyond the coefficients. The script prints the
cross-validated article macro-F1 (folds by story, as in ``benchmarks.accuracy``)
next to the whole-dev figure, then writes the model fitted on all of dev.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.engine.verdict import FEATURES, judge, load_model

if TYPE_CHECKING:
    from benchmarks.accuracy import EngineOutput

#: METER's article classes as the model's classes (verdict names).
METER_TO_CLASS = {"wholly_derived": "copy", "partially_derived": "derived", "non_derived": "related"}
CLASSES = ("copy", "derived", "related", "unrelated")
#: L2 strength (sklearn's C), fixed beforehand: the model has 12 inputs and ~350 examples.
REGULARISATION_C = 1.0
MODEL_VERSION = "meter-lr-3"


def unrelated_pairs(records: list[dict]) -> list[tuple[dict, int, int]]:
    """Pairs of different stories, labelled ``unrelated``: each METER wire text against the
    newspaper article of the next story (in id order) of the same domain (courts, showbiz),
    so that they share the topic's vocabulary and not the story. Each comes with the indices of
    the record whose wire text it takes and of the one whose article it borrows: it trains a
    fold's model only when both are in the fold's training records (neither story held out)."""
    from benchmarks.accuracy import group_of

    order = sorted(range(len(records)), key=lambda i: records[i]["id"])
    pairs = []
    for position, i in enumerate(order):
        story = group_of("meter", records[i])
        domain = records[i]["meta"]["domain"]
        for step in range(1, len(order)):
            k = order[(position + step) % len(order)]
            if records[k]["meta"]["domain"] == domain and group_of("meter", records[k]) != story:
                pair = {
                    **records[i],
                    "id": f"{records[i]['id']}+{records[k]['id']}",
                    "b_sentences": records[k]["b_sentences"],
                    "gold": [],
                    "doc_label": "unrelated",
                }
                pairs.append((pair, i, k))
                break
    return pairs


def unrelated_pair_trains(wire: int, article: int, linked: bool, chosen: set[int]) -> bool:
    """Whether a pair of :func:`unrelated_pairs` (its two records' indices) trains a model fitted on
    the records ``chosen``: both records chosen, so that no held-out story is in training, and the
    texts linked (an unlinked pair is unrelated by rule, not by the model)."""
    return wire in chosen and article in chosen and linked


def training_rows(records: list[dict], indices: list[int]) -> tuple[list[dict[str, float]], list[str]]:
    """Features and labels of the METER pairs at ``indices`` and of the different-story pairs
    made of two of them (:func:`unrelated_pairs`)."""
    from benchmarks.accuracy import engine_outputs

    outputs = engine_outputs("meter", records)
    pairs = unrelated_pairs(records)
    extra = engine_outputs("meter-unrelated", [p for p, _, _ in pairs])
    chosen = set(indices)
    rows = [outputs[i].features for i in indices]
    labels = [METER_TO_CLASS[records[i]["doc_label"]] for i in indices]
    for (_, wire, article), output in zip(pairs, extra, strict=True):
        if unrelated_pair_trains(wire, article, output.linked, chosen):
            rows.append(output.features)
            labels.append("unrelated")
    return rows, labels


def fit_model(
    rows: Sequence[dict[str, float]], labels: Sequence[str], version: str = MODEL_VERSION
) -> dict[str, Any]:
    """The model as the engine reads it, fitted on ``rows`` (feature dicts) and verdict labels."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    x = np.array([[row[name] for name in FEATURES] for row in rows], dtype=float)
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    classifier = LogisticRegression(C=REGULARISATION_C, class_weight="balanced", max_iter=5000)
    classifier.fit((x - mean) / scale, list(labels))
    order = [list(classifier.classes_).index(c) for c in CLASSES]
    return {
        "version": version,
        "classes": list(CLASSES),
        "features": list(FEATURES),
        "mean": [round(float(v), 6) for v in mean],
        "scale": [round(float(v), 6) for v in scale],
        "coef": [[round(float(v), 6) for v in classifier.coef_[k]] for k in order],
        "intercept": [round(float(classifier.intercept_[k]), 6) for k in order],
    }


def predict(model: dict[str, Any], output: EngineOutput) -> str:
    """The engine's verdict for one cached output under ``model``."""
    return judge(output.features, linked=output.linked, rewrite=output.rewrite, model=model)[0]


def main(argv: list[str] | None = None) -> int:
    from benchmarks.accuracy import DEFAULT_BENCH, FOLD_SEED, engine_outputs, folds, load, macro_f1

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bench-dir", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--write", type=Path, default=Path("app/engine/verdict_model.json"))
    parser.add_argument(
        "--draws", type=int, default=0, metavar="N", help="also cross-validate on N other draws of the folds"
    )
    args = parser.parse_args(argv)
    _bootstrap(args.write)
    records = load(args.bench_dir, "meter")
    outputs = engine_outputs("meter", records)
    gold = [METER_TO_CLASS[r["doc_label"]] for r in records]
    labels = ("copy", "derived", "related")

    def cross_validated(seed: int) -> list[float]:
        scores = []
        for train, test in folds("meter", records, seed=seed):
            model = fit_model(*training_rows(records, train))
            said = [_as_class(predict(model, outputs[i])) for i in test]
            scores.append(macro_f1([gold[i] for i in test], said, labels))
        return scores

    scores = cross_validated(FOLD_SEED)
    model = fit_model(*training_rows(records, list(range(len(records)))))
    whole = macro_f1(gold, [_as_class(predict(model, o)) for o in outputs], labels)
    mean = sum(scores) / len(scores)
    print(
        f"article 3-way macro-F1: CV {100 * mean:.1f} (folds {', '.join(f'{100 * s:.1f}' for s in scores)}); "
        f"fitted on all dev, scored on it: {100 * whole:.1f}"
    )
    if args.draws:
        # which stories fall together moves a fold by several points: the same on other draws
        means = [mean] + [sum(cv) / len(cv) for cv in map(cross_validated, range(1, args.draws + 1))]
        print(
            f"CV on {args.draws} other draws of the folds: {', '.join(f'{100 * m:.1f}' for m in means[1:])}; "
            f"mean with the project's draw {100 * sum(means) / len(means):.1f}"
        )
    args.write.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.write}")
    return 0


def _bootstrap(path: Path) -> None:
    """A neutral model with the engine's current features, when the file has others (the
    engine reads the file on every comparison, so it must match before the fit can run)."""
    try:
        if tuple(json.loads(path.read_text(encoding="utf-8"))["features"]) == FEATURES:
            return
    except (OSError, ValueError, KeyError):
        pass
    zero = [[0.0] * len(FEATURES) for _ in CLASSES]
    neutral = {
        "version": "neutral",
        "classes": list(CLASSES),
        "features": list(FEATURES),
        "mean": [0.0] * len(FEATURES),
        "scale": [1.0] * len(FEATURES),
        "coef": zero,
        "intercept": [0.0] * len(CLASSES),
    }
    path.write_text(json.dumps(neutral) + "\n", encoding="utf-8")
    load_model.cache_clear()


def _as_class(verdict: str) -> str:
    return "related" if verdict == "unrelated" else verdict


if __name__ == "__main__":
    sys.exit(main())
