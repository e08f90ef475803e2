"""Would the METER verdict do better against each agency file of a story than against their join?

Usage::

    pip install -e '.[bench]'
    python -m benchmarks.meter_files [--bench-dir ../shared/bench]

METER's wire side is every Press Association file of a story joined (``meta.a_source`` names
the file of each sentence; 337 of 445 dev records have two to 22). A newsroom stores each
agency file as its own article, so this measures, in the five story-grouped folds of
``benchmarks.accuracy`` (the verdict fitted on the training folds only, as
``benchmarks.fit_verdict`` fits it, without its rules or the different-story pairs, so that
only the inputs change):

- ``joined``: the verdict's features of the newspaper article against the joined files (as
  shipped);
- ``per file, most derived``: a model fitted on the file with the most reuse, applied to the
  article against each file; the story's verdict is the most derived of them (what the service
  would say, comparing the article with each stored file);
- ``per file, with the base side``: the same, with the three base-side inputs the shipped model
  leaves out (the file's share aligned, its share in fragments, the log length ratio), which
  a single file, unlike the join, does not inflate;
- ``each feature's maximum over the files``: one row per story, each feature taken from
  whichever file gives the most (no single comparison gives it: a measure of what is there).

Prints CV macro-F1 (sd over the folds) and the whole-dev figure of each.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from app.engine import compare
from app.engine.verdict import FEATURES, document_features
from benchmarks.accuracy import DEFAULT_BENCH, engine_outputs, folds, load, macro_f1
from benchmarks.fit_verdict import METER_CLASSES, METER_TO_CLASS

BASE_SIDE = ("base_retained", "base_in_fragments", "log_length_ratio")
RANK = {"related": 0, "derived": 1, "copy": 2}

Row = dict[str, float]


def files_of(record: dict) -> list[list[str]]:
    """The record's wire sentences grouped by the agency file they come from, in order."""
    files: dict[str, list[str]] = {}
    for sentence, source in zip(record["a_sentences"], record["meta"]["a_source"], strict=True):
        files.setdefault(source, []).append(sentence)
    return list(files.values()) or [record["a_sentences"]]


def file_rows(record: dict) -> list[Row]:
    """The verdict's features of the article against each file, and the base side's three."""
    rows = []
    article_words = sum(len(s.split()) for s in record["b_sentences"])
    for sentences in files_of(record):
        result = compare(sentences, record["b_sentences"])
        row = document_features(
            result.summary, result.alignment, result.fragments, result.quotes, result.base, result.other
        )
        file_words = sum(len(s.split()) for s in sentences)
        row["base_retained"] = result.summary.base_retained
        row["base_in_fragments"] = min(1.0, sum(f.words for f in result.fragments) / max(1, file_words))
        row["log_length_ratio"] = math.log((article_words + 1) / (file_words + 1))
        rows.append(row)
    return rows


def _model(x: np.ndarray, y: Sequence[str]):  # type: ignore[no-untyped-def]
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    classifier = LogisticRegression(C=1.0, class_weight="balanced", max_iter=5000)
    return make_pipeline(StandardScaler(), classifier).fit(x, list(y))


def _most_reuse(rows: list[Row]) -> Row:
    return max(rows, key=lambda row: row["other_from_base"] + row["fragments_of_other"])


def score(
    gold: list[str],
    splits: list[tuple[list[int], list[int]]],
    train_row: Callable[[int], list[float]],
    predict: Callable[[object, int], str],
) -> tuple[float, float, float]:
    """CV mean and sd of macro-F1, then the whole-dev figure (fitted and scored on all)."""
    everything = list(range(len(gold)))
    figures = []
    for train, test in [*splits, (everything, everything)]:
        model = _model(np.array([train_row(i) for i in train]), [gold[i] for i in train])
        figures.append(macro_f1([gold[i] for i in test], [predict(model, i) for i in test], METER_CLASSES))
    cv = figures[:-1]
    return 100 * float(np.mean(cv)), 100 * float(np.std(cv)), 100 * figures[-1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bench-dir", type=Path, default=DEFAULT_BENCH)
    args = parser.parse_args(argv)
    records = load(args.bench_dir, "meter")
    gold = [METER_TO_CLASS[r["doc_label"]] for r in records]
    splits = folds("meter", records)
    joined = [output.features for output in engine_outputs("meter", records)]
    per_file = [file_rows(record) for record in records]
    shipped = list(FEATURES)
    with_base = [*FEATURES, *BASE_SIDE]

    def vector(row: Row, names: Sequence[str]) -> list[float]:
        return [row[name] for name in names]

    def most_derived(names: Sequence[str]) -> Callable[[object, int], str]:
        def predict(model: object, i: int) -> str:
            said = model.predict(np.array([vector(row, names) for row in per_file[i]]))  # type: ignore[attr-defined]
            return str(max(said, key=RANK.__getitem__))

        return predict

    def one_row(make: Callable[[int], list[float]]) -> Callable[[object, int], str]:
        return lambda model, i: str(model.predict(np.array([make(i)]))[0])  # type: ignore[attr-defined]

    def maximum(i: int) -> list[float]:
        return [max(row[name] for row in per_file[i]) for name in shipped]

    setups: list[tuple[str, Callable[[int], list[float]], Callable[[object, int], str]]] = [
        (
            "joined (shipped inputs)",
            lambda i: vector(joined[i], shipped),
            one_row(lambda i: vector(joined[i], shipped)),
        ),
        (
            "per file, most derived",
            lambda i: vector(_most_reuse(per_file[i]), shipped),
            most_derived(shipped),
        ),
        (
            "per file, with the base side",
            lambda i: vector(_most_reuse(per_file[i]), with_base),
            most_derived(with_base),
        ),
        ("each feature's maximum over the files", maximum, one_row(maximum)),
    ]
    print(
        f"METER dev, {len(records)} articles, {sum(len(rows) for rows in per_file)} article-file comparisons"
    )
    print("| inputs | CV macro-F1 (sd) | whole dev |\n|---|---:|---:|")
    for name, train_row, predict in setups:
        mean, sd, whole = score(gold, splits, train_row, predict)
        print(f"| {name} | {mean:.1f} ({sd:.1f}) | {whole:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
