"""Run the engine-only accuracy figures with some thresholds overridden (for tuning), or choose
the alignment thresholds inside cross-validation (``--nested``).

python -m benchmarks.tune ANCHOR_SCORE=0.55 GAP_SCORE=0.25 [--only aesop,meter]
python -m benchmarks.tune --nested [--json F]

``--nested``: the engine's alignment thresholds (``app/engine/thresholds.py``) are one set of
numbers for every text, so they are chosen on all four data sets at once. For each of the five
folds of ``benchmarks.accuracy``, every setting of :data:`GRID` (the shipped numbers and each
threshold moved one step either way) is scored on the *training* folds of all four sets (the
mean of their primary figures: ArgRewrite and Aesop link F1, METER B-sentence macro-F1, MSRP
accuracy), the best is taken, and it is scored on the held-out fold. The report gives that
nested figure beside the shipped numbers' figure on the same folds, and which setting each
fold chose: when the folds choose the shipped numbers, or a neighbour within the folds'
spread, the shipped numbers are not an artefact of tuning on all of dev.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from app.engine import thresholds
from benchmarks import accuracy

#: The shipped numbers ({}), and each alignment threshold one step either way (the loose gap
#: score down to 0: the folds' first choice was the grid's lowest step; the faint chains' score
#: up to the loose gap's, where they are off).
GRID: tuple[dict[str, float], ...] = (
    {},
    {"ANCHOR_SCORE": 0.45},
    {"ANCHOR_SCORE": 0.55},
    {"GAP_SCORE": 0.15},
    {"GAP_SCORE": 0.25},
    {"LOOSE_GAP_SCORE": 0.0},
    {"LOOSE_GAP_SCORE": 0.005},
    {"LOOSE_GAP_SCORE": 0.01},
    {"LOOSE_GAP_SCORE": 0.05},
    {"LOOSE_ANCHOR_SHARE": 0.25},
    {"LOOSE_ANCHOR_SHARE": 0.45},
    {"STANDOUT": 1.5},
    {"STANDOUT": 3.0},
    {"FAINT_CHAIN_SCORE": 0.02},
    {"FAINT_CHAIN_SCORE": 0.005},
    {"FAINT_CHAIN_LENGTH_RATIO": 1.5},
    {"FAINT_CHAIN_LENGTH_RATIO": 3.0},
)


def parse_setting(text: str) -> tuple[str, Any]:
    """``NAME=VALUE`` as (name, value); a ValueError when ``NAME`` is no threshold of
    :mod:`app.engine.thresholds` or ``VALUE`` is no Python literal."""
    name, _, value = text.partition("=")
    if not hasattr(thresholds, name):
        raise ValueError(f"no threshold named {name}")
    try:
        return name, ast.literal_eval(value)
    except (ValueError, SyntaxError) as error:
        raise ValueError(f"{name}: {value!r} is not a number") from error


@contextmanager
def applied(setting: dict[str, float]) -> Iterator[None]:
    """``setting`` in force, with the engine outputs' disk cache keyed by it too (the cache key is
    the engine's fingerprint: without the setting in it, the shipped numbers' outputs are read)."""
    if not setting:
        yield  # the shipped numbers: nothing to set, and the outputs read so far stay good
        return
    shipped = {name: getattr(thresholds, name) for name in setting}
    fingerprint = accuracy._engine_fingerprint
    tag = hashlib.sha256(json.dumps(setting, sort_keys=True).encode()).hexdigest()[:8]
    try:
        for name, value in setting.items():
            setattr(thresholds, name, value)
        accuracy._engine_fingerprint = lambda: f"{fingerprint()}-{tag}"
        accuracy._ENGINE_CACHE.clear()
        yield
    finally:
        for name, value in shipped.items():
            setattr(thresholds, name, value)
        accuracy._engine_fingerprint = fingerprint
        accuracy._ENGINE_CACHE.clear()


def _engine_outputs(setting: dict[str, float], datasets: list[str], records: dict[str, list[dict]]) -> Any:
    """Every set's engine outputs with ``setting`` applied (:func:`applied`)."""
    with applied(setting):
        return {d: [o.prediction for o in accuracy.engine_outputs(d, records[d])] for d in datasets}


def nested(bench_dir: Path) -> dict[str, Any]:
    datasets = list(accuracy.DATASETS)
    records = {d: accuracy.load(bench_dir, d) for d in datasets}
    splits = {d: accuracy.folds(d, records[d]) for d in datasets}
    predictions = []
    for setting in GRID:
        print(f"  engine with {setting or 'the shipped numbers'}", file=sys.stderr, flush=True)
        predictions.append(_engine_outputs(setting, datasets, records))

    def figure(choice: int, dataset: str, indices: list[int]) -> float:
        chosen = [predictions[choice][dataset][i] for i in indices]
        scores = accuracy.evaluate(dataset, accuracy._subset(records[dataset], indices), chosen)
        return float(scores[accuracy.PRIMARY[dataset]])

    folds = []
    for k in range(accuracy.FOLDS):
        training = [
            sum(figure(choice, d, splits[d][k][0]) for d in datasets) / len(datasets)
            for choice in range(len(GRID))
        ]
        best = max(range(len(GRID)), key=lambda choice: (training[choice], choice == 0))
        folds.append(
            {
                "chosen": GRID[best] or "shipped",
                "training_mean": round(100 * training[best], 2),
                "shipped_training_mean": round(100 * training[0], 2),
                "held_out": {d: round(100 * figure(best, d, splits[d][k][1]), 2) for d in datasets},
                "shipped_held_out": {d: round(100 * figure(0, d, splits[d][k][1]), 2) for d in datasets},
            }
        )

    def mean(key: str, dataset: str) -> float:
        return round(sum(fold[key][dataset] for fold in folds) / len(folds), 1)

    return {
        "grid": [setting or "shipped" for setting in GRID],
        "nested_cv": {d: mean("held_out", d) for d in datasets},
        "shipped_cv": {d: mean("shipped_held_out", d) for d in datasets},
        "folds": folds,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("settings", nargs="*", help="NAME=VALUE overrides of app.engine.thresholds")
    parser.add_argument("--only", default=",".join(accuracy.DATASETS))
    parser.add_argument(
        "--nested", action="store_true", help="choose the alignment thresholds inside the folds"
    )
    parser.add_argument("--bench-dir", type=Path, default=accuracy.DEFAULT_BENCH)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    if args.nested:
        report = nested(args.bench_dir)
        text = json.dumps(report, indent=2)
        print(text)
        if args.json:
            args.json.write_text(text + "\n", encoding="utf-8")
        return 0
    try:
        overrides = dict(parse_setting(setting) for setting in args.settings)
    except ValueError as error:
        parser.error(str(error))
    with applied(overrides):
        accuracy.run(args.bench_dir, args.only.split(","), with_baselines=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
