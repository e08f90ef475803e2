"""Accuracy of the engine against two plain baselines, on the human-labelled dev splits.

Usage::

    python -m benchmarks.accuracy [--bench-dir ../shared/bench] [--only meter,msrp] [--json out.json]

The data is read from ``../shared/bench`` at run time and never copied into the
repository (its licences do not allow it). Every figure of the accuracy table in
BENCHMARKS.md comes from one run of this script.

Metrics (all micro-averaged over documents unless said):

- link P/R/F1: a group links every base index to every other index;
- sentence-label macro-F1: every base sentence is kept/reworded/dropped and every
  other sentence kept/reworded/added, macro-averaged over the four labels;
- METER: B-sentence 3-way macro-F1 (kept / reworded / added) on the annotated
  records, article 3-way macro-F1 (copy -> wholly, derived -> partially, else non);
- MSRP: a pair is a paraphrase when the engine aligns the two sentences.

Baselines: difflib ``SequenceMatcher.ratio`` on word lists and rapidfuzz
``token_set_ratio``, each with greedy one-to-one matching at the threshold that is
best for it on the same dev data (so they are given every advantage).
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from app.engine import Group, compare
from app.engine.text import normalize
from app.engine.words import diff_words, tokenize

DEFAULT_BENCH = Path(__file__).resolve().parent.parent.parent / "shared" / "bench"
DATASETS = ("argrewrite", "aesop", "meter", "msrp")
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
    result = compare(record["a_sentences"], record["b_sentences"])
    pred = Prediction(
        a_labels=["dropped"] * len(record["a_sentences"]),
        b_labels=["added"] * len(record["b_sentences"]),
        article=VERDICT_TO_METER[result.verdict],
        b_meter=["added"] * len(record["b_sentences"]),
    )
    for group in result.alignment:
        for i in group.base:
            pred.a_labels[i] = group.op
        for j in group.other:
            pred.b_labels[j] = group.op
            pred.b_meter[j] = meter_label(group, record["a_sentences"], record["b_sentences"])
        pred.links.update((i, j) for i in group.base for j in group.other)
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
            same = normalize(record["a_sentences"][i]).lower() == normalize(record["b_sentences"][j]).lower()
            label = "kept" if same or s >= 0.999 else "reworded"
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


def msrp_scores(records: list[dict], preds: list[Prediction]) -> tuple[float, float]:
    gold = [r["gold"][0]["label"] == "paraphrase" for r in records]
    said = [(0, 0) in p.links for p in preds]
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


def best_baseline(baseline: Baseline, dataset: str, records: list[dict]) -> tuple[dict[str, float], str]:
    """The baseline at the threshold (and, for METER, share cut-offs) best on this data.

    The article cut-offs only re-label documents, so each threshold's alignment is
    computed once and the cut-offs are tried on its linked shares.
    """
    pairs = baseline.scores(dataset, records)
    best: tuple[float, dict[str, float], str] | None = None
    cuts = [(0.8, 0.3)]
    if dataset == "meter":
        cuts = [(hi / 100, lo / 100) for hi in range(50, 100, 5) for lo in range(5, 50, 5)]
    for t in (t / 100 for t in range(20, 100, 3)):
        preds = [
            baseline.predict(r, p, t, cuts[0], with_meter_labels=dataset == "meter")
            for r, p in zip(records, pairs, strict=True)
        ]
        for cut in cuts:
            for pred in preds:
                pred.article = (
                    "wholly_derived"
                    if pred.share >= cut[0]
                    else "partially_derived"
                    if pred.share >= cut[1]
                    else "non_derived"
                )
            figures = evaluate(dataset, records, preds)
            key = figures[PRIMARY[dataset]] + figures.get("article_macro_f1", 0.0)
            if best is None or key > best[0]:
                setting = f"t={t:.2f}" + (f", shares {cut[0]:.2f}/{cut[1]:.2f}" if dataset == "meter" else "")
                best = (key, figures, setting)
    assert best is not None
    return best[1], best[2]


def run(bench_dir: Path, datasets: Iterable[str], with_baselines: bool = True) -> dict[str, dict]:
    baselines = [
        Baseline("difflib word ratio, greedy 1-1", difflib_words),
        Baseline("rapidfuzz token_set_ratio, greedy 1-1", token_set),
    ]
    report: dict[str, dict] = {}
    for dataset in datasets:
        records = load(bench_dir, dataset)
        started = time.perf_counter()
        preds = [engine_predict(r) for r in records]
        elapsed = time.perf_counter() - started
        report[dataset] = {
            "pairs": len(records),
            "wirediff": evaluate(dataset, records, preds),
            "wirediff_seconds": round(elapsed, 2),
        }
        if with_baselines:
            for baseline in baselines:
                figures, setting = best_baseline(baseline, dataset, records)
                report[dataset][baseline.name] = {**figures, "setting": setting}
        print(format_dataset(dataset, report[dataset]), flush=True)
    return report


def format_dataset(dataset: str, entry: dict) -> str:
    lines = [f"\n### {dataset} (dev, {entry['pairs']} pairs; engine {entry['wirediff_seconds']} s)", ""]
    metrics = list(entry["wirediff"])
    lines.append("| system | " + " | ".join(metrics) + " |")
    lines.append("|---|" + "---:|" * len(metrics))
    for system, figures in entry.items():
        if not isinstance(figures, dict):
            continue
        name = system + (f" ({figures['setting']})" if "setting" in figures else "")
        lines.append(f"| {name} | " + " | ".join(f"{100 * figures[m]:.1f}" for m in metrics) + " |")
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
