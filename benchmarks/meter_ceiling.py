"""How far can any measure of reuse go on METER? Its own hand annotation, read as a perfect detector.

Usage::

    pip install -e '.[bench]'
    python -m benchmarks.meter_ceiling [--bench-dir ../shared/bench] [--draws 5] \\
        [--pickup-pairs /tmp/pickup-pairs.jsonl]

238 of METER dev's 445 newspaper articles were annotated by hand, character by character, as
verbatim (copied from the Press Association), rewrite (PA's text rewritten) or new; the bench
gives each sentence's three shares (``meta.b_frac``) and its label. A system that measured
reuse perfectly would know those shares exactly. This script gives them, as inputs, to the
same kinds of learner the engine fits, in the story-grouped folds of ``benchmarks.accuracy``
restricted to the annotated articles (fitted on the training folds' annotated articles, scored
on the held-out fold's), and prints, beside the engine on the same held-out articles:

- METER's article label, 3 classes (the verdict's target, issue "judgement": 70);
- derived (wholly or partially) against not derived, F1 of derived (the question a pickup
  answers, issue "pickups": 90).

Inputs, each a share of the article's characters or sentences: ``verbatim`` alone (a perfect
detector of copied text), ``verbatim`` and ``rewrite`` (a perfect detector of rewritten text
too), and every annotation input (the three character shares, the three sentence-label shares,
the article's length). Learners: the verdict's own (logistic regression, standardised, classes
balanced, C = 1), gradient-boosted trees (depth 2) and a random forest, which can draw the
class boundaries a linear model cannot. The 3-way column comes from a model fitted on the three
classes, the derived column from one fitted on derived against not derived, its cut-off chosen
for the best F1 on the training folds. An anchor row calls every paper derived. The engine's
rows: the verdict refitted per fold exactly as
``benchmarks.accuracy`` refits it (all training articles, the different-story pairs, the rules),
and with ``--pickup-pairs`` (a ``benchmarks.pickups --pairs`` file) the shipped pickup decision,
cross-validated in that benchmark's own story folds (fitted on every paper of the training
stories, scored pair by pair), on the same annotated papers, with the mean annotated shares of
the papers it finds, misses and wrongly calls pickups (each paper by its pair with its own
story; a paper never listed for its story has none) and a 95% bootstrap interval of its F1
(the stories resampled, each with its annotated papers and every pickup called of them; the
decisions held fixed).

Each figure is the mean over the five folds (sd over folds); ``--draws`` adds the mean over that
many other random draws of the folds.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

import benchmarks.accuracy as accuracy
from benchmarks.accuracy import DEFAULT_BENCH, engine_outputs, group_of, load, macro_f1, prf
from benchmarks.fit_verdict import METER_CLASSES, METER_TO_CLASS, fit_model, predict, training_rows

DERIVED = ("copy", "derived")
#: Resamples of the annotated papers' stories for the pickup decision's 95% interval, and their seed.
BOOTSTRAP_DRAWS = 2000
BOOTSTRAP_SEED = 0
INPUTS: dict[str, tuple[str, ...]] = {
    "verbatim share": ("verbatim",),
    "verbatim and rewrite shares": ("verbatim", "rewrite"),
    "every annotation input": ("verbatim", "rewrite", "new", "kept", "reworded", "added", "log_length"),
}


def annotation_inputs(record: dict) -> dict[str, float]:
    """The article's shares by METER's hand annotation: characters verbatim, rewritten and new
    (each sentence's shares weighted by its length), sentences kept, reworded and added."""
    lengths = [len(s) for s in record["b_sentences"]]
    total = sum(lengths) or 1
    shares = {
        kind: sum(f[kind] * n for f, n in zip(record["meta"]["b_frac"], lengths, strict=True)) / total
        for kind in ("verbatim", "rewrite", "new")
    }
    labels = [g["label"] for g in record["gold"]]
    for label in ("kept", "reworded", "added"):
        shares[label] = labels.count(label) / max(1, len(labels))
    shares["log_length"] = math.log(total)
    return shares


def _learners() -> dict[str, Callable[[], Any]]:
    from sklearn.ensemble import GradientBoostingClassifier, RandomForestClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return {
        "logistic regression": lambda: make_pipeline(
            StandardScaler(), LogisticRegression(C=1.0, class_weight="balanced", max_iter=5000)
        ),
        "gradient-boosted trees": lambda: GradientBoostingClassifier(max_depth=2, random_state=0),
        "random forest": lambda: RandomForestClassifier(
            n_estimators=300, min_samples_leaf=5, class_weight="balanced", random_state=0
        ),
    }


def _f1_derived(gold: Sequence[str], said: Sequence[str]) -> float:
    pairs = list(zip(gold, said, strict=True))
    return prf(
        sum(g in DERIVED and s in DERIVED for g, s in pairs),
        sum(g not in DERIVED and s in DERIVED for g, s in pairs),
        sum(g in DERIVED and s not in DERIVED for g, s in pairs),
    )[2]


def _scores(gold: Sequence[str], said: Sequence[str]) -> tuple[float, float]:
    return macro_f1(list(gold), list(said), METER_CLASSES), _f1_derived(gold, said)


def annotated_folds(records: list[dict], seed: int) -> list[tuple[list[int], list[int]]]:
    """The project's METER folds (drawn with ``seed``), each side kept to annotated articles."""
    annotated = {i for i, r in enumerate(records) if r.get("gold")}
    return [
        ([i for i in tr if i in annotated], [i for i in te if i in annotated])
        for tr, te in accuracy.folds("meter", records, seed=seed)
    ]


def annotation_cv(
    records: list[dict],
    splits: list[tuple[list[int], list[int]]],
    names: tuple[str, ...],
    make: Callable[[], Any],
) -> list[tuple[float, float]]:
    """Per fold (3-way macro-F1, F1 of derived) of a learner over the annotation's inputs: one
    model fitted on the three classes; another on derived against not derived, its cut-off the
    one with the best F1 on the training folds (as the pickup decision's is chosen), read from
    out-of-fold probabilities of an inner split of the training stories."""
    rows = {i: annotation_inputs(records[i]) for tr, te in splits for i in (*tr, *te)}
    gold = [METER_TO_CLASS[r["doc_label"]] for r in records]
    out = []
    for train, test in splits:
        x_train = np.array([[rows[i][n] for n in names] for i in train])
        x_test = np.array([[rows[i][n] for n in names] for i in test])
        three = make().fit(x_train, [gold[i] for i in train]).predict(x_test)
        is_derived = np.array([gold[i] in DERIVED for i in train])
        cut = _best_cut(make, x_train, is_derived, [group_of("meter", records[i]) for i in train])
        probability = make().fit(x_train, is_derived).predict_proba(x_test)[:, 1]
        out.append(
            (
                macro_f1([gold[i] for i in test], [str(s) for s in three], METER_CLASSES),
                _f1_derived(
                    [gold[i] for i in test], ["derived" if p >= cut else "related" for p in probability]
                ),
            )
        )
    return out


def _best_cut(make: Callable[[], Any], x: np.ndarray, y: np.ndarray, groups: list[str]) -> float:
    """The probability cut-off with the best F1 of derived over out-of-fold probabilities of
    ``x`` (five folds grouped by story, classes in proportion, as the outer folds); ties: the
    middle of the best run, as ``benchmarks.pickups`` chooses the pickup decision's. Its own
    function, not ``pickups._best_threshold``: that one never cuts at 0 and reads each
    probability unrounded, which moves these figures by up to 0.8."""
    from sklearn.model_selection import StratifiedGroupKFold, cross_val_predict

    inner = StratifiedGroupKFold(5, shuffle=True, random_state=0)
    probability = np.round(
        cross_val_predict(make(), x, y, groups=groups, cv=inner, method="predict_proba")[:, 1], 4
    )
    cuts = sorted(set(probability))
    scores = [2 * (y & (probability >= c)).sum() / ((probability >= c).sum() + y.sum()) for c in cuts]
    best = [c for c, f in zip(cuts, scores, strict=True) if f >= max(scores) - 1e-9]
    return float(best[len(best) // 2])


def every_paper_derived(records: list[dict], seed: int) -> list[tuple[float, float]]:
    """Per fold, the F1 of derived when every annotated paper is called derived (no 3-way
    figure: NaN)."""
    gold = [METER_TO_CLASS[r["doc_label"]] for r in records]
    return [
        (math.nan, _f1_derived([gold[i] for i in test], ["derived"] * len(test)))
        for _, test in annotated_folds(records, seed)
    ]


def engine_cv(records: list[dict], seed: int) -> list[tuple[float, float]]:
    """Per fold, the engine's verdict refitted as ``benchmarks.accuracy`` refits it, scored on
    the held-out fold's annotated articles."""
    outputs = engine_outputs("meter", records)
    gold = [METER_TO_CLASS[r["doc_label"]] for r in records]
    out = []
    for train, test in accuracy.folds("meter", records, seed=seed):
        model = fit_model(*training_rows(records, train))
        held = [i for i in test if records[i].get("gold")]
        said = [{"unrelated": "related"}.get(v, v) for v in (predict(model, outputs[i]) for i in held)]
        out.append(_scores([gold[i] for i in held], said))
    return out


def pickup_decision(records: list[dict], pairs_path: Path, bench_dir: Path) -> dict[str, float]:
    """The shipped pickup decision, cross-validated as ``benchmarks.pickups`` does it, on the
    annotated papers: precision, recall and F1 of pickups (percentages) over every pair naming
    one of them, and the F1's 95% interval over resampled stories."""
    from benchmarks.pickups import load_meter, out_of_fold_decisions, resampled_f1, score

    _, papers = load_meter(bench_dir)
    pairs = [json.loads(line) for line in pairs_path.open(encoding="utf-8")]
    decided, _ = out_of_fold_decisions(pairs, papers)
    annotated = {r["id"] for r in records if r.get("gold")}
    named = [p for p in pairs if p["paper"] in annotated]
    actual = sum(1 for r in records if r["id"] in annotated and r["doc_label"] != "non_derived")
    figures = score(named, actual, lambda pair: decided[id(pair)])
    by_id = {r["id"]: r for r in records}
    own = [p for p in named if p["paper"].startswith(f"meter/{p['story']}/")]
    for name, chosen in (
        ("derived, called pickups", [p for p in own if p["gold"] and decided[id(p)]]),
        ("derived, missed", [p for p in own if p["gold"] and not decided[id(p)]]),
        ("not derived, called pickups", [p for p in own if not p["gold"] and decided[id(p)]]),
        ("not derived, not called pickups", [p for p in own if not p["gold"] and not decided[id(p)]]),
    ):
        shares = [annotation_inputs(by_id[p["paper"]]) for p in chosen]
        verbatim = np.mean([s["verbatim"] for s in shares])
        rewrite = np.mean([s["rewrite"] for s in shares])
        print(f"{name}: {len(chosen)} papers, annotated verbatim {verbatim:.2f}, rewrite {rewrite:.2f}")
    # each story's pickups called of its annotated papers (right, wrong) and its derived ones:
    # resampled by story, the unit of the folds (its papers share a wire text)
    stories = sorted({group_of("meter", r) for r in records if r["id"] in annotated})
    row = {name: k for k, name in enumerate(stories)}
    table = np.zeros((len(stories), 3))
    for p in named:
        if decided[id(p)]:
            table[row[group_of("meter", by_id[p["paper"]])], 0 if p["gold"] else 1] += 1
    for r in records:
        if r["id"] in annotated:
            table[row[group_of("meter", r)], 2] += r["doc_label"] != "non_derived"
    low, high = resampled_f1(table, BOOTSTRAP_DRAWS, BOOTSTRAP_SEED)
    return {
        "precision": figures["precision"],
        "recall": figures["recall"],
        "f1": figures["f1"],
        "f1_low": 100 * low,
        "f1_high": 100 * high,
    }


def _cell(per_fold: list[float], others: list[float]) -> str:
    if any(math.isnan(v) for v in per_fold):
        return "-"
    mean = 100 * float(np.mean(per_fold))
    sd = 100 * float(np.std(per_fold, ddof=1))
    text = f"{mean:.1f} ({sd:.1f})"
    if others:
        text += f"; other draws {100 * float(np.mean(others)):.1f}"
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bench-dir", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--draws", type=int, default=5, help="other random draws of the folds")
    parser.add_argument("--pickup-pairs", type=Path, help="a benchmarks.pickups --pairs file")
    args = parser.parse_args(argv)
    warnings.filterwarnings("ignore", category=UserWarning)
    records = load(args.bench_dir, "meter")
    annotated = [r for r in records if r.get("gold")]
    counts = ", ".join(f"{c} {sum(r['doc_label'] == c for r in annotated)}" for c in METER_TO_CLASS)
    print(f"METER dev: {len(annotated)} of {len(records)} articles annotated by hand ({counts})")
    _describe(records)
    seeds = [accuracy.FOLD_SEED, *range(accuracy.FOLD_SEED + 1, accuracy.FOLD_SEED + 1 + args.draws)]
    print("| inputs | learner | article 3-way macro-F1 | F1 of derived |")
    print("|---|---|---:|---:|")
    engine = [engine_cv(records, seed) for seed in seeds]
    _row("the engine's verdict features (shipped)", "the verdict's, rules included", engine)
    _row("none: every paper called derived", "-", [every_paper_derived(records, seed) for seed in seeds])
    for name, columns in INPUTS.items():
        for learner, make in _learners().items():
            runs = [annotation_cv(records, annotated_folds(records, seed), columns, make) for seed in seeds]
            _row(f"METER's annotation: {name}", learner, runs)
    if args.pickup_pairs:
        figures = pickup_decision(records, args.pickup_pairs, args.bench_dir)
        print(
            "\nthe shipped pickup decision (cross-validated in benchmarks.pickups' folds) on the "
            f"annotated papers: precision {figures['precision']:.1f}, recall "
            f"{figures['recall']:.1f}, F1 {figures['f1']:.1f} (95% interval over "
            f"{BOOTSTRAP_DRAWS} resamples of their stories: {figures['f1_low']:.1f} to "
            f"{figures['f1_high']:.1f})"
        )
    return 0


def _describe(records: list[dict]) -> None:
    """Each class's mean annotated shares, and how closely the engine's verdict inputs follow
    the annotated verbatim and rewrite shares (Pearson's r over the annotated articles)."""
    from app.engine.verdict import FEATURES

    annotated = [i for i, r in enumerate(records) if r.get("gold")]
    inputs = {i: annotation_inputs(records[i]) for i in annotated}
    for label in METER_TO_CLASS:
        rows = [inputs[i] for i in annotated if records[i]["doc_label"] == label]
        means = ", ".join(
            f"{kind} {np.mean([r[kind] for r in rows]):.2f}" for kind in ("verbatim", "rewrite", "new")
        )
        print(f"{label}: mean share of characters {means}")
    features = [engine_outputs("meter", records)[i].features for i in annotated]
    for kind in ("verbatim", "rewrite"):
        truth = [inputs[i][kind] for i in annotated]
        r = {name: float(np.corrcoef([f[name] for f in features], truth)[0, 1]) for name in FEATURES}
        print(
            f"engine inputs against the annotated {kind} share: "
            + ", ".join(f"{n} {v:+.2f}" for n, v in r.items())
        )


def _row(inputs: str, learner: str, runs: list[list[tuple[float, float]]]) -> None:
    """One table row: each column's :func:`_cell` from the first draw's folds and the others'."""
    first, others = runs[0], runs[1:]
    three = _cell([f[0] for f in first], [float(np.mean([f[0] for f in run])) for run in others])
    derived = _cell([f[1] for f in first], [float(np.mean([f[1] for f in run])) for run in others])
    print(f"| {inputs} | {learner} | {three} | {derived} |", flush=True)


if __name__ == "__main__":
    sys.exit(main())
