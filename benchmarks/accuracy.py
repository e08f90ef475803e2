"""Accuracy of the engine against two plain baselines, on the human-labelled dev splits.

Usage::

    python -m benchmarks.accuracy [--bench-dir ../shared/bench] [--only meter,msrp] [--json out.json]

The data is read from ``../shared/bench`` at run time and never copied into the
repository (its licences do not allow it). Every figure of the accuracy table in
BENCHMARKS.md comes from one run of this script.

Every figure is given twice: cross-validated (five folds grouped by story for METER,
by essay author for ArgRewrite, by fable for Aesop, random for MSRP; mean, sd, min and
max over the folds) and on the whole of dev. Whatever is fitted or tuned is chosen on
the training folds only: the verdict model (refitted per fold, as
``benchmarks.fit_verdict`` fits it) and the baselines' thresholds and share cut-offs.
The engine runs once per pair; its outputs are kept on disk, keyed by the engine's
files, so that refitting does not rerun it.

Metrics (all micro-averaged over documents unless said):

- link P/R/F1: a group links every base index to every other index;
- sentence-label macro-F1: every base sentence is kept/reworded/dropped and every
  other sentence kept/reworded/added, macro-averaged over the four labels; kept as the
  data defines it, a 1-to-1 link between identical sentences (see ``dataset_label``);
- METER: B-sentence 3-way macro-F1 (kept / reworded / added) on the annotated
  records, article 3-way macro-F1 (copy -> wholly, derived -> partially, else non);
- MSRP: a pair is a paraphrase when the engine aligns the two sentences and, when it calls
  them reworded, judges their meaning kept (``app.engine.meaning``; the meaning model is
  refitted on the training folds, as ``benchmarks.fit_meaning`` fits it).

Baselines: difflib ``SequenceMatcher.ratio`` on word lists and rapidfuzz
``token_set_ratio``, each with greedy one-to-one matching at the threshold that is
best for it on the training folds (on all of dev for the whole-dev figure).
"""

from __future__ import annotations

import argparse
import dataclasses
import difflib
import hashlib
import json
import pickle
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from app.engine import Comparison, Group, compare, thresholds
from app.engine.text import normalize
from app.engine.words import diff_words, tokenize

DEFAULT_BENCH = next(
    (
        path
        for path in (Path(__file__).resolve().parents[n] / "shared" / "bench" for n in (2, 3))
        if path.is_dir()
    ),
    Path(__file__).resolve().parents[2] / "shared" / "bench",
)
DATASETS = ("argrewrite", "aesop", "meter", "msrp")


def dataset_label(op: str, base: list[str], other: list[str]) -> str:
    """A linked group's sentence label in the data's terms: ``kept`` is "a 1-to-1 link
    between identical sentences" (the bench README), where the engine's ``kept`` is "no
    content word changed" (a hyphen, a comma or a question mark may have). So a kept group
    is a rewording here unless it pairs one sentence with the same text. The same reading
    serves every system."""
    if op not in ("kept", "reworded"):
        return op
    if op == "kept" and len(base) == len(other) == 1 and base[0].split() == other[0].split():
        return "kept"
    return "reworded"


VERDICT_TO_METER = {
    "copy": "wholly_derived",
    "derived": "partially_derived",
    "related": "non_derived",
    "unrelated": "non_derived",
}


# --- a common form for every system's output -------------------------------------------


@dataclass
class Prediction:
    """What a system said about one document pair."""

    links: set[tuple[int, int]] = field(default_factory=set)
    a_labels: list[str] = field(default_factory=list)
    b_labels: list[str] = field(default_factory=list)
    article: str | None = None
    #: METER's own classes for B sentences, when the system can tell them (see meter_label)
    b_meter: list[str] | None = None
    #: share of B characters linked (baselines decide the article class from it)
    share: float = 0.0
    #: the engine's probability that a reworded pair kept its meaning, by (a, b) index
    same_meaning: dict[tuple[int, int], float] = field(default_factory=dict)


def load(bench_dir: Path, name: str) -> list[dict]:
    with (bench_dir / f"{name}.dev.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def gold_links(record: dict) -> set[tuple[int, int]]:
    return {(i, j) for g in record["gold"] for i in g["a"] for j in g["b"] if g["a"] and g["b"]}


def gold_labels(record: dict) -> tuple[list[str], list[str]]:
    a = [""] * len(record["a_sentences"])
    b = [""] * len(record["b_sentences"])
    for g in record["gold"]:
        for i in g["a"]:
            a[i] = "dropped" if not g["b"] else g["label"]
        for j in g["b"]:
            b[j] = "added" if not g["a"] else g["label"]
    return a, b


# --- systems ----------------------------------------------------------------------------


def meter_label(group: Group, a_sentences: list[str], b_sentences: list[str]) -> str:
    """METER's class of a B sentence from the engine's group: "kept" (verbatim) when at
    least 90% of the B side's characters are words taken from A, as METER defines it
    (verbatim >= 0.9): words the diff inserted or replaced count as new unless they
    occur in the A side too (moved, not new); otherwise "reworded"; unlinked, "added"."""
    if group.op == "added":
        return "added"
    length = sum(len(b_sentences[j]) for j in group.other)
    a_words = {t.key for i in group.base for t in tokenize(a_sentences[i])}
    new = sum(
        len(t.text)
        for c in group.changes
        if c.op in ("insert", "replace")
        for t in tokenize(c.other)
        if t.key not in a_words
    )
    return "kept" if length and new <= 0.1 * length else "reworded"


def engine_predict(record: dict) -> Prediction:
    return engine_prediction(record, compare(record["a_sentences"], record["b_sentences"]))


def engine_prediction(record: dict, result: Comparison) -> Prediction:
    pred = Prediction(
        a_labels=["dropped"] * len(record["a_sentences"]),
        b_labels=["added"] * len(record["b_sentences"]),
        article=VERDICT_TO_METER[result.verdict],
        b_meter=["added"] * len(record["b_sentences"]),
    )
    for group in result.alignment:
        base = [record["a_sentences"][i] for i in group.base]
        label = dataset_label(group.op, base, [record["b_sentences"][j] for j in group.other])
        for i in group.base:
            pred.a_labels[i] = label
        for j in group.other:
            pred.b_labels[j] = label
            pred.b_meter[j] = meter_label(group, record["a_sentences"], record["b_sentences"])
        pred.links.update((i, j) for i in group.base for j in group.other)
        if group.same_meaning is not None:
            pred.same_meaning.update(((i, j), group.same_meaning) for i in group.base for j in group.other)
    return pred


def difflib_words(a: str, b: str) -> float:
    return difflib.SequenceMatcher(
        None, normalize(a).lower().split(), normalize(b).lower().split(), autojunk=False
    ).ratio()


def token_set(a: str, b: str) -> float:
    return fuzz.token_set_ratio(normalize(a).lower(), normalize(b).lower()) / 100.0


@dataclass
class Baseline:
    """Greedy one-to-one matching on one similarity, at the best threshold for the data."""

    name: str
    similarity: Callable[[str, str], float]
    cache: dict[str, list[list[tuple[int, int, float]]]] = field(default_factory=dict)
    diffs: dict[tuple[str, int, int], list] = field(default_factory=dict)

    def scores(self, dataset: str, records: list[dict]) -> list[list[tuple[int, int, float]]]:
        if dataset not in self.cache:
            self.cache[dataset] = [
                sorted(
                    (
                        (i, j, self.similarity(a, b))
                        for i, a in enumerate(r["a_sentences"])
                        for j, b in enumerate(r["b_sentences"])
                    ),
                    key=lambda p: -p[2],
                )
                for r in records
            ]
        return self.cache[dataset]

    def predict(
        self,
        record: dict,
        pairs: list[tuple[int, int, float]],
        threshold: float,
        share_cuts: tuple[float, float],
        with_meter_labels: bool = False,
    ) -> Prediction:
        pred = Prediction(
            a_labels=["dropped"] * len(record["a_sentences"]),
            b_labels=["added"] * len(record["b_sentences"]),
            b_meter=["added"] * len(record["b_sentences"]) if with_meter_labels else None,
        )
        used_a: set[int] = set()
        used_b: set[int] = set()
        for i, j, s in pairs:
            if s < threshold:
                break
            if i in used_a or j in used_b:
                continue
            used_a.add(i)
            used_b.add(j)
            pred.links.add((i, j))
            label = dataset_label("kept", [record["a_sentences"][i]], [record["b_sentences"][j]])
            pred.a_labels[i] = pred.b_labels[j] = label
            if with_meter_labels:
                # METER's own classes, from the same word diff and rule as the engine's
                key = (record["id"], i, j)
                if key not in self.diffs:
                    self.diffs[key] = diff_words(record["a_sentences"][i], record["b_sentences"][j])
                changes = self.diffs[key]
                group = Group(label, [i], [j], s, changes=changes)
                assert pred.b_meter is not None
                pred.b_meter[j] = meter_label(group, record["a_sentences"], record["b_sentences"])
        b_chars = sum(len(s) for s in record["b_sentences"]) or 1
        share = sum(len(record["b_sentences"][j]) for j in used_b) / b_chars
        pred.share = share
        pred.article = (
            "wholly_derived"
            if share >= share_cuts[0]
            else "partially_derived"
            if share >= share_cuts[1]
            else "non_derived"
        )
        return pred


# --- metrics ----------------------------------------------------------------------------


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def macro_f1(gold: list[str], predicted: list[str], labels: Iterable[str]) -> float:
    scores = []
    for label in labels:
        tp = sum(g == label and p == label for g, p in zip(gold, predicted, strict=True))
        fp = sum(g != label and p == label for g, p in zip(gold, predicted, strict=True))
        fn = sum(g == label and p != label for g, p in zip(gold, predicted, strict=True))
        scores.append(prf(tp, fp, fn)[2])
    return sum(scores) / len(scores)


def link_scores(records: list[dict], preds: list[Prediction]) -> tuple[float, float, float]:
    tp = fp = fn = 0
    for record, pred in zip(records, preds, strict=True):
        gold = gold_links(record)
        tp += len(gold & pred.links)
        fp += len(pred.links - gold)
        fn += len(gold - pred.links)
    return prf(tp, fp, fn)


def label_macro(records: list[dict], preds: list[Prediction]) -> float:
    gold_all: list[str] = []
    pred_all: list[str] = []
    for record, pred in zip(records, preds, strict=True):
        a, b = gold_labels(record)
        gold_all += a + b
        pred_all += pred.a_labels + pred.b_labels
    return macro_f1(gold_all, pred_all, ("kept", "reworded", "dropped", "added"))


def meter_scores(records: list[dict], preds: list[Prediction]) -> tuple[float, float, float]:
    """(B-sentence macro-F1 with METER's classes, the same with the engine's ops, article)."""
    gold_b: list[str] = []
    pred_b: list[str] = []
    pred_meter: list[str] = []
    for record, pred in zip(records, preds, strict=True):
        if not record["gold"]:
            continue
        for g in record["gold"]:
            for j in g["b"]:
                gold_b.append(g["label"])
                pred_b.append(pred.b_labels[j])
                pred_meter.append((pred.b_meter or pred.b_labels)[j])
    labels = ("kept", "reworded", "added")
    article = macro_f1(
        [r["doc_label"] for r in records],
        [p.article or "" for p in preds],
        ("wholly_derived", "partially_derived", "non_derived"),
    )
    return macro_f1(gold_b, pred_meter, labels), macro_f1(gold_b, pred_b, labels), article


def says_paraphrase(pred: Prediction) -> bool:
    """The two sentences aligned, and (when reworded) their meaning kept."""
    return (0, 0) in pred.links and pred.same_meaning.get((0, 0), 1.0) >= thresholds.SAME_MEANING


def msrp_scores(records: list[dict], preds: list[Prediction]) -> tuple[float, float]:
    gold = [r["gold"][0]["label"] == "paraphrase" for r in records]
    said = [says_paraphrase(p) for p in preds]
    accuracy = sum(g == s for g, s in zip(gold, said, strict=True)) / len(gold)
    tp = sum(g and s for g, s in zip(gold, said, strict=True))
    fp = sum((not g) and s for g, s in zip(gold, said, strict=True))
    fn = sum(g and not s for g, s in zip(gold, said, strict=True))
    return accuracy, prf(tp, fp, fn)[2]


def evaluate(dataset: str, records: list[dict], preds: list[Prediction]) -> dict[str, float]:
    if dataset == "msrp":
        accuracy, f1 = msrp_scores(records, preds)
        return {"accuracy": accuracy, "f1": f1}
    if dataset == "meter":
        sentence, by_op, article = meter_scores(records, preds)
        return {
            "b_sentence_macro_f1": sentence,
            "b_sentence_macro_f1_by_op": by_op,
            "article_macro_f1": article,
        }
    p, r, f1 = link_scores(records, preds)
    return {"link_p": p, "link_r": r, "link_f1": f1, "label_macro_f1": label_macro(records, preds)}


PRIMARY = {"argrewrite": "link_f1", "aesop": "link_f1", "meter": "b_sentence_macro_f1", "msrp": "accuracy"}
FOLDS = 5
#: MSRP's random folds are drawn with this seed (the other sets are split by group).
FOLD_SEED = 20261204


def group_of(dataset: str, record: dict) -> str:
    """What must not be split across folds: the story (METER), the essay's author
    (ArgRewrite: interface group and student number), the fable (Aesop)."""
    if dataset == "meter":
        meta = record["meta"]
        return f"{meta['domain']}/{meta['date']}/{meta['catchline']}"
    if dataset == "argrewrite":
        parts = record["id"].split("/")
        return f"{parts[1]}/{parts[3]}"
    return str(record["id"])


def folds(
    dataset: str, records: list[dict], k: int = FOLDS, seed: int = FOLD_SEED
) -> list[tuple[list[int], list[int]]]:
    """(train, test) index lists: grouped k-fold, random k-fold for MSRP; ``seed`` draws the
    shuffled ones (another than the project's: how much a figure owes to one draw)."""
    from sklearn.model_selection import GroupKFold, KFold, StratifiedGroupKFold

    indices = list(range(len(records)))
    if dataset == "msrp":
        splitter = KFold(n_splits=k, shuffle=True, random_state=seed).split(indices)
    elif dataset == "meter":
        # stories grouped, the three article classes kept in proportion in every fold
        splitter = StratifiedGroupKFold(n_splits=k, shuffle=True, random_state=seed).split(
            indices, [r["doc_label"] for r in records], groups=[group_of(dataset, r) for r in records]
        )
    else:
        groups = [group_of(dataset, r) for r in records]
        splitter = GroupKFold(n_splits=k).split(indices, groups=groups)
    return [(list(train), list(test)) for train, test in splitter]


@dataclass
class EngineOutput:
    """The engine's prediction for one pair and the verdict model's inputs."""

    prediction: Prediction
    features: dict[str, float]
    linked: bool
    rewrite: bool


_ENGINE_CACHE: dict[str, list[EngineOutput]] = {}
#: Engine outputs are also kept on disk, keyed by the engine's source and model files and
#: this script (which reads them into predictions), so that refitting cut-offs or the
#: verdict model does not rerun the engine.
CACHE_DIR = Path(tempfile.gettempdir()) / "wirediff-accuracy-cache"


def _engine_fingerprint() -> str:
    digest = hashlib.sha256()
    here = Path(__file__).resolve()
    for path in [*sorted((here.parents[1] / "app" / "engine").glob("*.*")), here]:
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def verdict_inputs(result: Comparison) -> tuple[dict[str, float], bool, bool]:
    """What the verdict model reads from a comparison, as the engine gives it to
    :func:`app.engine.verdict.judge`: the features, whether anything links the texts, and whether
    the other is a rewrite."""
    from app.engine.verdict import document_features, figures_against_reuse, is_linked, is_rewrite

    features = document_features(
        result.summary, result.alignment, result.fragments, result.quotes, result.base, result.other
    )
    figures = figures_against_reuse(result.numbers, result.substitutions)
    return (
        features,
        is_linked(result.summary, result.fragments),
        is_rewrite(result.summary, result.alignment, figures),
    )


def engine_outputs(dataset: str, records: list[dict]) -> list[EngineOutput]:
    """One engine run per pair, kept for the process and on disk (cut-offs are refitted on it)."""
    cache = CACHE_DIR / f"{dataset}-{len(records)}-{_engine_fingerprint()}.pickle"
    if dataset not in _ENGINE_CACHE and cache.exists():
        rows = pickle.loads(cache.read_bytes())
        _ENGINE_CACHE[dataset] = [EngineOutput(Prediction(**prediction), *rest) for prediction, *rest in rows]
    if dataset not in _ENGINE_CACHE:
        outputs = []
        for record in records:
            result = compare(record["a_sentences"], record["b_sentences"])
            outputs.append(EngineOutput(engine_prediction(record, result), *verdict_inputs(result)))
        _ENGINE_CACHE[dataset] = outputs
        CACHE_DIR.mkdir(exist_ok=True)
        # kept as plain values: the classes' module is __main__ when this script or tune.py runs
        rows = [(vars(o.prediction), o.features, o.linked, o.rewrite) for o in outputs]
        cache.write_bytes(pickle.dumps(rows))
    return _ENGINE_CACHE[dataset]


def _subset(items: list, indices: list[int]) -> list:
    return [items[i] for i in indices]


def _article(share: float, cut: tuple[float, float]) -> str:
    return "wholly_derived" if share >= cut[0] else "partially_derived" if share >= cut[1] else "non_derived"


class BaselineRuns:
    """A baseline's predictions at every threshold, computed once; cut-offs are chosen per fold."""

    THRESHOLDS = tuple(t / 100 for t in range(20, 100, 3))
    CUTS = tuple((hi / 100, lo / 100) for hi in range(50, 100, 5) for lo in range(5, 50, 5))

    def __init__(self, baseline: Baseline, dataset: str, records: list[dict]) -> None:
        self.dataset = dataset
        self.records = records
        pairs = baseline.scores(dataset, records)
        self.preds = {
            t: [
                baseline.predict(r, p, t, (0.8, 0.3), with_meter_labels=dataset == "meter")
                for r, p in zip(records, pairs, strict=True)
            ]
            for t in self.THRESHOLDS
        }

    def choose(self, indices: list[int]) -> tuple[float, tuple[float, float]]:
        """The threshold best for the primary metric on ``indices``, then (METER) the best
        article cut-offs at that threshold."""
        records = _subset(self.records, indices)
        best_t = max(
            self.THRESHOLDS,
            key=lambda t: evaluate(self.dataset, records, _subset(self.preds[t], indices))[
                PRIMARY[self.dataset]
            ],
        )
        cut = (0.8, 0.3)
        if self.dataset == "meter":
            gold = [r["doc_label"] for r in records]
            shares = [self.preds[best_t][i].share for i in indices]
            labels = ("wholly_derived", "partially_derived", "non_derived")
            cut = max(self.CUTS, key=lambda c: macro_f1(gold, [_article(s, c) for s in shares], labels))
        return best_t, cut

    def scored(self, indices: list[int], setting: tuple[float, tuple[float, float]]) -> dict[str, float]:
        t, cut = setting
        preds = _subset(self.preds[t], indices)
        for pred in preds:
            pred.article = _article(pred.share, cut)
        return evaluate(self.dataset, _subset(self.records, indices), preds)


def _spread(values: list[float]) -> dict[str, float]:
    mean = sum(values) / len(values)
    sd = (sum((v - mean) ** 2 for v in values) / max(1, len(values) - 1)) ** 0.5
    return {"mean": mean, "sd": sd, "min": min(values), "max": max(values)}


def engine_cv(dataset: str, records: list[dict]) -> dict[str, dict[str, float]]:
    """Per-fold figures of the engine: fixed engine numbers scored on each held-out fold, the
    verdict model refitted on the training folds only (METER), and the meaning model (MSRP)."""
    from benchmarks import fit_meaning
    from benchmarks.fit_verdict import fit_model, predict, training_rows

    outputs = engine_outputs(dataset, records)
    per_fold: dict[str, list[float]] = {}
    meaning_rows = fit_meaning.msrp_rows(records) if dataset == "msrp" else None
    for train, test in folds(dataset, records):
        preds = [outputs[i].prediction for i in test]
        if meaning_rows is not None:
            x, y = meaning_rows
            probabilities = fit_meaning.predict(fit_meaning.fit(x[train], y[train]), x[test])
            preds = [
                dataclasses.replace(p, same_meaning={(0, 0): float(q)} if (0, 0) in p.same_meaning else {})
                for p, q in zip(preds, probabilities, strict=True)
            ]
        if dataset == "meter":
            model = fit_model(*training_rows(records, train))
            preds = [
                Prediction(
                    p.links,
                    p.a_labels,
                    p.b_labels,
                    VERDICT_TO_METER[predict(model, o)],
                    p.b_meter,
                    p.share,
                )
                for p, o in zip(preds, [outputs[i] for i in test], strict=True)
            ]
        for metric, value in evaluate(dataset, _subset(records, test), preds).items():
            per_fold.setdefault(metric, []).append(value)
    return {metric: _spread(values) for metric, values in per_fold.items()}


def baseline_cv(runs: BaselineRuns) -> tuple[dict[str, dict[str, float]], dict[str, float], str]:
    """Per-fold figures with every threshold chosen on the training folds; and the whole-dev
    figures at the setting best on all of dev (the optimistic figure, for comparison)."""
    per_fold: dict[str, list[float]] = {}
    for train, test in folds(runs.dataset, runs.records):
        setting = runs.choose(train)
        for metric, value in runs.scored(test, setting).items():
            per_fold.setdefault(metric, []).append(value)
    everything = list(range(len(runs.records)))
    setting = runs.choose(everything)
    label = f"t={setting[0]:.2f}" + (
        f", shares {setting[1][0]:.2f}/{setting[1][1]:.2f}" if runs.dataset == "meter" else ""
    )
    return {m: _spread(v) for m, v in per_fold.items()}, runs.scored(everything, setting), label


def run(bench_dir: Path, datasets: Iterable[str], with_baselines: bool = True) -> dict[str, dict]:
    baselines = [
        Baseline("difflib word ratio, greedy 1-1", difflib_words),
        Baseline("rapidfuzz token_set_ratio, greedy 1-1", token_set),
    ]
    report: dict[str, dict] = {}
    for dataset in datasets:
        records = load(bench_dir, dataset)
        started = time.perf_counter()
        outputs = engine_outputs(dataset, records)
        elapsed = time.perf_counter() - started
        report[dataset] = {
            "pairs": len(records),
            "wirediff_seconds": round(elapsed, 2),
            "systems": {
                "wirediff": {
                    "cv": engine_cv(dataset, records),
                    "whole_dev": evaluate(dataset, records, [o.prediction for o in outputs]),
                }
            },
        }
        if with_baselines:
            for baseline in baselines:
                cv, whole, setting = baseline_cv(BaselineRuns(baseline, dataset, records))
                report[dataset]["systems"][baseline.name] = {"cv": cv, "whole_dev": whole, "setting": setting}
        print(format_dataset(dataset, report[dataset]), flush=True)
    return report


def format_dataset(dataset: str, entry: dict) -> str:
    lines = [
        f"\n### {dataset} (dev, {entry['pairs']} pairs, {FOLDS} folds; engine {entry['wirediff_seconds']} s)",
        "",
        "Cells: cross-validated mean (sd; min-max over folds) / whole dev.",
        "",
    ]
    metrics = [m for m in entry["systems"]["wirediff"]["whole_dev"] if m != "b_sentence_macro_f1_by_op"]
    lines.append("| system | " + " | ".join(metrics) + " |")
    lines.append("|---|" + "---:|" * len(metrics))
    for system, figures in entry["systems"].items():
        name = system + (f" (whole dev: {figures['setting']})" if "setting" in figures else "")
        cells = []
        for m in metrics:
            cv = figures["cv"][m]
            cells.append(
                f"**{100 * cv['mean']:.1f}** ({100 * cv['sd']:.1f}; "
                f"{100 * cv['min']:.1f}-{100 * cv['max']:.1f})"
                f" / {100 * figures['whole_dev'][m]:.1f}"
            )
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bench-dir", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--only", default=",".join(DATASETS))
    parser.add_argument("--no-baselines", action="store_true")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    report = run(args.bench_dir, args.only.split(","), with_baselines=not args.no_baselines)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
