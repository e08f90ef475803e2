"""Fit the verdict model on METER dev under grouped cross-validation and ship it.

Usage::

    python -m benchmarks.fit_verdict [--bench-dir ../shared/bench] [--write app/engine/verdict_model.json]
    python -m benchmarks.fit_verdict --write /tmp/verdict.json --draws 4   # measure only, on 5 draws
    python -m benchmarks.fit_verdict --write /tmp/verdict.json --by-outlet  # each newspaper held out
    python -m benchmarks.fit_verdict --write /tmp/verdict.json --draws 4 --calibration  # the probabilities

Each METER pair runs through the engine once (pre-split sentences); the features are
the engine's own (``app.engine.verdict.document_features``). The model is a
multinomial logistic regression on standardised features, classes weighted to
balance (the figure it is judged by is macro-F1) and a fixed L2 strength, so that
nothing is tuned on the data beyond the coefficients. The script prints the
cross-validated article macro-F1 (folds by story, as in ``benchmarks.accuracy``)
next to the whole-dev figure, then writes the model fitted on all of dev.

``--by-outlet`` also holds out one newspaper at a time (:func:`outlet_folds`): the judgement on
a newsroom whose articles the model never saw, and, stricter, on one whose stories it never saw
either (no other paper's article of them in training).

``--calibration`` asks whether the probabilities the API gives mean what they say on stories the
model never saw (:func:`calibration_lines`): out-of-fold, on the project's draw of the folds and
the ``--draws`` others, how often a stated chance came true. ``--class-weight none`` measures the
same for a model fitted without the classes balanced (measured and not adopted: BENCHMARKS.md).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.engine.report import Judgement, Verdict
from app.engine.verdict import FEATURES, judge, load_model

if TYPE_CHECKING:
    from benchmarks.accuracy import EngineOutput

#: METER's article classes as the model's classes (verdict names).
METER_TO_CLASS = {"wholly_derived": "copy", "partially_derived": "derived", "non_derived": "related"}
#: The classes METER's articles are scored in (macro-F1 over them), most derived first.
METER_CLASSES = tuple(METER_TO_CLASS.values())
CLASSES = ("copy", "derived", "related", "unrelated")
#: L2 strength (sklearn's C), fixed beforehand: the model has 12 inputs and ~350 examples.
REGULARISATION_C = 1.0
#: Each class weighted to balance (sklearn's class_weight): the figure the verdict is judged by is
#: macro-F1, and the different-story pairs' number, which sets the unrelated class's share, is ours.
CLASS_WEIGHT: str | None = "balanced"
#: Equal-width bins of a stated probability in :func:`reliability`: five leave a few hundred of
#: METER's judgements in most bins, enough for the share that came true to mean something.
RELIABILITY_BINS = 5
MODEL_VERSION = "meter-lr-3"
SHIPPED_MODEL = Path("app/engine/verdict_model.json")
#: Newspapers with fewer articles in dev than this (the FT, the Morning Star) do not set the
#: training size of the story folds cut to compare (:func:`outlet_report`).
MIN_OUTLET_ARTICLES = 10
CUT_DRAWS = 4


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


def outlet_folds(records: list[dict], *, stories_too: bool) -> list[tuple[str, list[int], list[int]]]:
    """(newspaper, train, test) index lists, one newspaper's articles held out at a time: trained
    on every other newspaper's, and with ``stories_too`` only on those of stories the held-out
    newspaper did not report (its stories' wire texts and other papers' articles unseen too)."""
    from benchmarks.accuracy import group_of

    outlets = sorted({record["meta"]["newspaper"] for record in records})
    found = []
    for outlet in outlets:
        test = [i for i, record in enumerate(records) if record["meta"]["newspaper"] == outlet]
        unseen = {group_of("meter", records[i]) for i in test} if stories_too else set()
        train = [
            i
            for i, record in enumerate(records)
            if record["meta"]["newspaper"] != outlet and group_of("meter", record) not in unseen
        ]
        found.append((outlet, train, test))
    return found


def stories_cut(records: list[dict], train: list[int], size: int, seed: int) -> list[int]:
    """Whole stories of ``train``, in an order drawn by ``seed``, until they hold ``size`` articles:
    a story-grouped fold's training made as small as a stricter fold's."""
    from benchmarks.accuracy import group_of

    by_story: dict[str, list[int]] = {}
    for i in train:
        by_story.setdefault(group_of("meter", records[i]), []).append(i)
    stories = sorted(by_story)
    random.Random(seed).shuffle(stories)
    kept: list[int] = []
    for story in stories:
        if len(kept) >= size:
            break
        kept += by_story[story]
    return sorted(kept)


def outlet_report(
    records: list[dict], outputs: list[EngineOutput], gold: list[str], class_weight: str | None = CLASS_WEIGHT
) -> list[str]:
    """Article macro-F1 with one newspaper held out at a time (:func:`outlet_folds`), per newspaper
    and pooled over every held-out article, beside the story folds pooled the same way. For the
    stricter folds (the newspaper and its stories held out; the newspapers with MIN_OUTLET_ARTICLES
    or more), two controls: the same models scored on the other newspapers' articles of the
    held-out stories, with the story folds' own judgements of both sets of articles beside (how
    much each set loses), and the story folds with their training cut to the stricter folds'
    median size (:func:`stories_cut`, CUT_DRAWS draws: the share a smaller training set explains).
    Each newspaper's line gives the mean share of its partially derived articles' words in reused
    fragments, as the verdict reads them (``fragments_of_other``)."""
    from benchmarks.accuracy import FOLD_SEED, folds, group_of, macro_f1

    labels = METER_CLASSES

    def pooled(said: list[tuple[int, str]]) -> float:
        return 100 * macro_f1([gold[i] for i, _ in said], [label for _, label in said], labels)

    def held_out(train: list[int], test: list[int]) -> list[tuple[int, str]]:
        model = fit_model(*training_rows(records, train), class_weight=class_weight)
        return [(i, as_class(predict(model, outputs[i]))) for i in test]

    def fragments(outlet: str) -> str:
        shares = [
            o.features["fragments_of_other"]
            for r, o in zip(records, outputs, strict=True)
            if r["meta"]["newspaper"] == outlet and r["doc_label"] == "partially_derived"
        ]
        return f"{100 * sum(shares) / len(shares):.0f}% ({len(shares)})" if shares else "-"

    story_folds = folds("meter", records, seed=FOLD_SEED)
    by_story = dict(found for train, test in story_folds for found in held_out(train, test))
    lines = [
        "held out | its articles (articles trained on) | article 3-way macro-F1 | "
        "partially derived articles' words in reused fragments (articles)"
    ]
    figures: dict[str, float] = {"stories held out (the project's folds)": pooled(list(by_story.items()))}
    sizes: list[int] = []
    own: list[tuple[int, str]] = []  # the newspapers' own articles, newspaper and stories held out
    beside: list[tuple[int, str]] = []  # the other newspapers' articles of those stories, by the same models
    for stories_too in (False, True):
        name = "a newspaper and its stories held out" if stories_too else "a newspaper held out"
        said: list[tuple[int, str]] = []
        for outlet, train, test in outlet_folds(records, stories_too=stories_too):
            others: list[int] = []
            counted = stories_too and len(test) >= MIN_OUTLET_ARTICLES
            if counted:
                sizes.append(len(train))
                stories = {group_of("meter", records[i]) for i in test}
                others = [
                    i
                    for i, record in enumerate(records)
                    if group_of("meter", record) in stories and record["meta"]["newspaper"] != outlet
                ]
            found = held_out(train, test + others)
            said += found[: len(test)]
            if counted:
                own += found[: len(test)]
                beside += found[len(test) :]
            score = pooled(found[: len(test)])
            lines.append(f"{name}: {outlet} | {len(test)} ({len(train)}) | {score:.1f} | {fragments(outlet)}")
        figures[name] = pooled(said)
    figures[f"... the {len(sizes)} newspapers with {MIN_OUTLET_ARTICLES} articles or more"] = pooled(own)
    figures["... their articles as the story folds judge them"] = pooled([(i, by_story[i]) for i, _ in own])
    figures["... the same models on the other newspapers' articles of those stories"] = pooled(beside)
    figures["... those articles as the story folds judge them"] = pooled(
        [(i, by_story[i]) for i, _ in beside]
    )
    size = sorted(sizes)[len(sizes) // 2]
    cut, trained = [], []
    for seed in range(CUT_DRAWS):
        said = []
        for train, test in story_folds:
            kept = stories_cut(records, train, size, seed)
            trained.append(len(kept))
            said += held_out(kept, test)
        cut.append(pooled(said))
    draws = ", ".join(f"{c:.1f}" for c in cut)
    name = (
        f"stories held out, training cut to {size} articles or just over ({min(trained)}-{max(trained)}; "
        f"{CUT_DRAWS} draws: {draws})"
    )
    figures[name] = sum(cut) / len(cut)
    lines.append(
        f"articles trained on, newspaper and stories held out: {min(sizes)}-{max(sizes)} (median {size}) for "
        f"the newspapers with {MIN_OUTLET_ARTICLES} articles or more; story folds: "
        + ", ".join(str(len(train)) for train, _ in story_folds)
    )
    lines += [f"pooled over every held-out article, {name}: {score:.1f}" for name, score in figures.items()]
    return lines


@dataclass(frozen=True)
class Bin:
    """Judgements whose stated probability fell in [low, high) ([low, 1] for the last bin)."""

    low: float
    high: float
    count: int
    #: the mean probability stated
    stated: float
    #: the share that came true
    observed: float


def reliability(
    stated: Sequence[float], observed: Sequence[bool], bins: int = RELIABILITY_BINS
) -> tuple[list[Bin], float]:
    """The bins that hold a judgement, and the expected calibration error: the bins' gaps between
    stated and observed, weighted by how many judgements each holds (0 when the probabilities
    mean what they say)."""
    if len(stated) != len(observed):
        raise ValueError("one outcome for each stated probability")
    held: list[list[int]] = [[] for _ in range(bins)]
    for k, p in enumerate(stated):
        if not 0.0 <= p <= 1.0:
            raise ValueError(f"a probability is between 0 and 1, not {p}")
        held[min(int(p * bins), bins - 1)].append(k)
    found = [
        Bin(
            low=b / bins,
            high=(b + 1) / bins,
            count=len(members),
            stated=sum(stated[k] for k in members) / len(members),
            observed=sum(observed[k] for k in members) / len(members),
        )
        for b, members in enumerate(held)
        if members
    ]
    total = len(stated)
    error = sum(b.count * abs(b.stated - b.observed) for b in found) / total if total else 0.0
    return found, error


def as_class(verdict: str) -> str:
    """A verdict as METER's class: unrelated is its non-derived (a paper of the event that took
    nothing)."""
    return "related" if verdict == "unrelated" else verdict


def meter_probabilities(probabilities: dict[str, float]) -> dict[str, float]:
    """METER's three classes as a verdict's probabilities give them: each verdict's probability
    counted in the class :func:`as_class` reads it as (unrelated in METER's non-derived)."""
    chances = dict.fromkeys(METER_CLASSES, 0.0)
    for verdict, probability in probabilities.items():
        chances[as_class(verdict)] += probability
    return chances


@dataclass(frozen=True)
class Judged:
    """One article's judgement out-of-fold: its METER class, the probabilities the verdict's model
    stated (:func:`app.engine.verdict.judge`), and whether anything linked the two texts."""

    gold: str
    probabilities: dict[str, float]
    linked: bool


def calibration_lines(judged: Sequence[Judged]) -> list[str]:
    """Two readings of the linked judgements' probabilities, each against what came true: the
    chance of a pickup (copy or derived, what ``judged_pickup`` gives the pickup decision), and the
    chance of the class the model puts first among METER's three (:func:`meter_probabilities`;
    before the rewrite rule, which can set another verdict); then each class's mean stated chance
    beside its share of those articles. A judgement with nothing linking the texts is the no-link
    rule's (unrelated at 1, a pickup at 0) and is counted apart."""
    labels = METER_CLASSES
    linked = [j for j in judged if j.linked]
    chances = [meter_probabilities(j.probabilities) for j in linked]
    # judge rounds each probability to four places: their sum may pass 1 by a ten-thousandth
    pickup = [min(1.0, c["copy"] + c["derived"]) for c in chances]
    first = [max(labels, key=lambda label, c=c: c[label]) for c in chances]
    lines = []
    for name, stated, observed in (
        ("the chance of a pickup (copy or derived)", pickup, [j.gold != "related" for j in linked]),
        (
            "the chance of the class put first",
            [c[top] for c, top in zip(chances, first, strict=True)],
            [top == j.gold for j, top in zip(linked, first, strict=True)],
        ),
    ):
        bins, error = reliability(stated, observed)
        lines.append(f"{name}: expected calibration error {100 * error:.1f} points")
        lines += [
            f"  stated {b.low:.1f}-{b.high:.1f} | {b.count} judgements | stated {100 * b.stated:.0f}% | "
            f"came true {100 * b.observed:.0f}%"
            for b in bins
        ]
    if linked:
        mean = {label: sum(c[label] for c in chances) / len(linked) for label in labels}
        share = {label: sum(j.gold == label for j in linked) / len(linked) for label in labels}
        lines.append(
            f"each class over the {len(linked)} linked judgements, mean stated / share: "
            + ", ".join(f"{c} {100 * mean[c]:.0f}% / {100 * share[c]:.0f}%" for c in labels)
        )
    ruled = [j for j in judged if not j.linked]
    lines.append(
        f"no link (the rule's unrelated, a pickup's chance 0): {len(ruled)} judgements, "
        f"{sum(j.gold != 'related' for j in ruled)} of them of derived articles"
    )
    return lines


def fit_model(
    rows: Sequence[dict[str, float]],
    labels: Sequence[str],
    version: str = MODEL_VERSION,
    class_weight: str | None = CLASS_WEIGHT,
) -> dict[str, Any]:
    """The model as the engine reads it, fitted on ``rows`` (feature dicts) and verdict labels."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    x = np.array([[row[name] for name in FEATURES] for row in rows], dtype=float)
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    classifier = LogisticRegression(C=REGULARISATION_C, class_weight=class_weight, max_iter=5000)
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


def judged_under(model: dict[str, Any], output: EngineOutput) -> tuple[Verdict, Judgement]:
    """The engine's verdict and judgement for one cached output under ``model``."""
    return judge(output.features, linked=output.linked, rewrite=output.rewrite, model=model)


def predict(model: dict[str, Any], output: EngineOutput) -> str:
    """The engine's verdict for one cached output under ``model``."""
    return judged_under(model, output)[0]


def main(argv: list[str] | None = None) -> int:
    from benchmarks.accuracy import DEFAULT_BENCH, FOLD_SEED, engine_outputs, folds, load, macro_f1

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bench-dir", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--write", type=Path, default=SHIPPED_MODEL)
    parser.add_argument(
        "--draws", type=int, default=0, metavar="N", help="also cross-validate on N other draws of the folds"
    )
    parser.add_argument(
        "--by-outlet", action="store_true", help="also hold out one newspaper at a time (outlet_folds)"
    )
    parser.add_argument(
        "--calibration",
        action="store_true",
        help="also say how often the stated probabilities came true, out-of-fold (calibration_lines)",
    )
    parser.add_argument(
        "--class-weight",
        choices=("balanced", "none"),
        default=CLASS_WEIGHT or "none",
        help="fit every model of the run with the classes balanced (shipped) or not",
    )
    args = parser.parse_args(argv)
    class_weight = None if args.class_weight == "none" else args.class_weight
    if class_weight != CLASS_WEIGHT and args.write == SHIPPED_MODEL:
        parser.error(f"--class-weight {args.class_weight} measures another model: --write it elsewhere")
    _bootstrap(args.write)
    records = load(args.bench_dir, "meter")
    outputs = engine_outputs("meter", records)
    gold = [METER_TO_CLASS[r["doc_label"]] for r in records]
    labels = METER_CLASSES

    # every article's out-of-fold judgement, once for each draw of the folds (--calibration reads them)
    judged: list[Judged] = []

    def cross_validated(seed: int) -> list[float]:
        scores = []
        for train, test in folds("meter", records, seed=seed):
            model = fit_model(*training_rows(records, train), class_weight=class_weight)
            said = []
            for i in test:
                verdict, judgement = judged_under(model, outputs[i])
                said.append(as_class(verdict))
                judged.append(Judged(gold[i], judgement.probabilities, outputs[i].linked))
            scores.append(macro_f1([gold[i] for i in test], said, labels))
        return scores

    scores = cross_validated(FOLD_SEED)
    model = fit_model(*training_rows(records, list(range(len(records)))), class_weight=class_weight)
    whole = macro_f1(gold, [as_class(predict(model, o)) for o in outputs], labels)
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
    if args.by_outlet:
        print("\n".join(outlet_report(records, outputs, gold, class_weight)))
    if args.calibration:
        print("\n".join([f"class weight {args.class_weight}", *calibration_lines(judged)]))
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


if __name__ == "__main__":
    sys.exit(main())
