"""Pickups on real newspapers: METER dev's Press Association stories and the newspaper articles
written from them or beside them, stored through the API, found again through ``/related`` and
``/origin``, scored against METER's labels.

Usage::

    python -m benchmarks.pickups                       # fresh SQLite file, prints a JSON report
    python -m benchmarks.pickups --json /tmp/pickups.json --pairs /tmp/pickup-pairs.jsonl
    python -m benchmarks.pickups --undated --wire-source "PA Media"   # as a client giving no dates
    python -m benchmarks.pickups --from-pairs /tmp/pickup-pairs.jsonl --served-in-folds  # service per fold
    python -m benchmarks.pickups --set LOOSE_GAP_SCORE=0.01 --pairs /tmp/loose.jsonl  # a variant's run
    python -m benchmarks.pickups --nested /tmp/pairs.jsonl --nested /tmp/loose.jsonl@LOOSE_GAP_SCORE=0.01

METER dev (``../shared/bench/meter.dev.jsonl``, read at run time, never copied) is a list of
(wire story, newspaper article) records; several records share one wire story (one story = its
``meta.domain`` + ``meta.date`` + ``meta.catchline``), so each wire text is stored once, under
source "PA", published on the story's date, and each newspaper article under its paper's name,
published the next morning. Every text goes through ``POST /v1/articles`` (TestClient, the real
app, a fresh SQLite database). Then:

- ``GET /v1/articles/{wire}/related?limit=50`` for every wire story (first query: nothing cached,
  timed): a newspaper article listed with ``pickup.is_pickup`` true is a pickup of that story;
- ``GET /v1/articles/{newspaper}/origin`` for every newspaper article (timed);
- ``wirediff pickups backfill`` over the whole store (:func:`app.services.pickups.backfill`, the
  watcher's way of recording a new article's pickup): the pickups outlet profiles and alerts count,
  scored as pairs (wire story, newspaper article) the same way.

Gold: a record labelled ``wholly_derived`` or ``partially_derived`` is a pickup of its wire story;
``non_derived`` (its paper's own report of the event) is not, nor is any pair of different stories.
Scored pairs are (wire story, newspaper article): precision / recall / F1; misses by cause (never a
candidate from the index, a candidate judged unrelated, a candidate listed as related but not a
pickup); false pickups by cause (same story: the paper's own report; other story).

The pickup decision is checked by grouped cross-validation over stories (:data:`FOLDS` folds):
in each fold the decision's model and its threshold on ``pickup.probability`` (the one that gives
the best F1) are fitted on the other folds' stories and applied to the held-out stories. What the
decision weighs most, the verdict's probability of copy or derived and the verdict, comes from a
model fitted on METER dev too, so it is refitted inside the folds as well (:class:`Verdicts`):
a held-out story's pairs are judged by a verdict model that never saw that story. The figure
summed over folds comes first, with a 95% interval of its F1 over resamples of the stories; the
same folds with every pair judged by the shipped verdict model (in-sample, as the figures before
2026-12-07 were) and the whole-dev figure (the shipped decision) beside it. ``--served-in-folds``
runs the whole service once a fold with both models fitted without that fold's stories and scores
the held-out stories' pickups, origins and recorded pickups (:func:`served_in_folds`).

The service's fixed numbers (``app/engine/thresholds.py``) were set while watching these pickups
too. ``--nested`` chooses among runs made with some of them set otherwise (``--set``) inside the
folds as well: each fold's run is the one with the best F1 in a cross-validation over the other
folds alone (:func:`nested_cross_validate`).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shlex
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from collections.abc import Set as AbstractSet
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from benchmarks import tune
from benchmarks.inputs import DEFAULT_BENCH_DIR

FOLDS = 5
RANDOM_SEED = 20261204
PICKUP_LABELS = ("wholly_derived", "partially_derived")
WIRE_SOURCE = "PA"
RELATED_LIMIT = 50
#: The decision model's L2 penalty: small, against separable folds, not tuned.
L2 = 1.0
MODEL_FILE = Path(__file__).resolve().parent.parent / "app" / "engine" / "pickup_model.json"


@dataclass(frozen=True, slots=True)
class Story:
    key: tuple[str, str, str]  # domain, date, catchline
    text: str
    published_at: datetime


@dataclass(frozen=True, slots=True)
class Paper:
    record_id: str
    story: tuple[str, str, str]
    source: str
    text: str
    label: str
    published_at: datetime


def _story_date(date: str) -> datetime:
    day, month, year = (int(part) for part in date.split("."))
    return datetime(2000 + year if year < 50 else 1900 + year, month, day, 11, tzinfo=UTC)


def load_meter(bench_dir: Path) -> tuple[dict[tuple[str, str, str], Story], list[Paper]]:
    stories: dict[tuple[str, str, str], Story] = {}
    papers: list[Paper] = []
    for line in (bench_dir / "meter.dev.jsonl").open(encoding="utf-8"):
        record = json.loads(line)
        meta = record["meta"]
        key = (meta["domain"], meta["date"], meta["catchline"])
        published = _story_date(meta["date"])
        wire_text = "\n\n".join(record["a_sentences"])
        if wire_text.strip():  # one non-derived record of dev has no wire text: its paper stays
            assert stories.get(key, Story(key, wire_text, published)).text == wire_text, key
            stories[key] = Story(key, wire_text, published)
        papers.append(
            Paper(
                record_id=record["id"],
                story=key,
                source=meta["newspaper"].title(),
                text="\n\n".join(record["b_sentences"]),
                label=record["doc_label"],
                published_at=published + timedelta(hours=19),  # the next morning's paper
            )
        )
    return stories, papers


def _quantiles(values: Sequence[float]) -> dict[str, float]:
    ordered = sorted(values)
    if not ordered:
        return {}
    return {
        "median": round(statistics.median(ordered), 2),
        "p90": round(ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))], 2),
        "max": round(ordered[-1], 2),
    }


def _prf(true_positive: int, predicted: int, gold: int) -> dict[str, float]:
    precision = true_positive / predicted if predicted else 0.0
    recall = true_positive / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(100 * precision, 1),
        "recall": round(100 * recall, 1),
        "f1": round(100 * f1, 1),
    }


def run_service(
    database_url: str,
    stories: dict[tuple[str, str, str], Story],
    papers: list[Paper],
    *,
    wire_source: str = WIRE_SOURCE,
    dated: bool = True,
) -> dict[str, Any]:
    """Store everything, then ask /related of every wire story and /origin of every paper.
    ``wire_source``: the source the wire stories are stored under; ``dated`` false: no text is
    given a publication time (as a client that sends none)."""
    from fastapi.testclient import TestClient

    from app.config import Settings
    from app.main import create_app

    settings = Settings(database_url=database_url, max_sentences=5_000, compare_rate_limit="")
    store_ms: list[float] = []
    related_ms: list[float] = []
    origin_ms: list[float] = []
    cpu_ms: dict[str, list[float]] = defaultdict(list)  # the app runs in this process: its CPU time
    wire_ids: dict[tuple[str, str, str], int] = {}
    paper_ids: list[int] = []
    related: dict[tuple[str, str, str], dict[str, Any]] = {}
    origins: list[dict[str, Any]] = []
    # Wires and papers interleaved in a fixed shuffled order, as a newsroom's feed would arrive.
    items: list[Story | Paper] = [*stories.values(), *papers]
    random.Random(RANDOM_SEED).shuffle(items)
    ids: dict[int, int] = {}
    with TestClient(create_app(settings), base_url="http://127.0.0.1") as client:
        for number, item in enumerate(items):
            body = {"source": wire_source if isinstance(item, Story) else item.source, "text": item.text}
            if dated:
                body["published_at"] = item.published_at.isoformat()
            started, cpu = time.perf_counter(), time.process_time()
            response = client.post("/v1/articles", json=body)
            store_ms.append(1000 * (time.perf_counter() - started))
            cpu_ms["store"].append(1000 * (time.process_time() - cpu))
            assert response.status_code in (200, 201), response.text
            ids[number] = response.json()["id"]
        for number, item in enumerate(items):
            if isinstance(item, Story):
                wire_ids[item.key] = ids[number]
        by_item = {id(item): ids[number] for number, item in enumerate(items)}
        paper_ids = [by_item[id(paper)] for paper in papers]
        for key, wire_id in wire_ids.items():
            started, cpu = time.perf_counter(), time.process_time()
            response = client.get(f"/v1/articles/{wire_id}/related", params={"limit": RELATED_LIMIT})
            related_ms.append(1000 * (time.perf_counter() - started))
            cpu_ms["related"].append(1000 * (time.process_time() - cpu))
            assert response.status_code == 200, response.text
            related[key] = response.json()
        for paper_id in paper_ids:
            started, cpu = time.perf_counter(), time.process_time()
            response = client.get(f"/v1/articles/{paper_id}/origin")
            origin_ms.append(1000 * (time.perf_counter() - started))
            cpu_ms["origin"].append(1000 * (time.process_time() - cpu))
            assert response.status_code == 200, response.text
            origins.append(response.json())
    recorded = recorded_pickups(database_url, settings)
    return {
        "wire_ids": wire_ids,
        "paper_ids": paper_ids,
        "recorded": recorded,
        "related": related,
        "origins": origins,
        "store_ms": store_ms,
        "related_ms": related_ms,
        "origin_ms": origin_ms,
        "cpu_ms": cpu_ms,
    }


def recorded_pickups(database_url: str, settings: Any) -> list[tuple[int, int]]:
    """The pickups outlet profiles count, as ``(wire id, paper id)``: what ``wirediff pickups
    backfill`` records over the whole store (the watcher records a new article's the same way)."""
    from app import crud
    from app.db import make_engine, session_scope
    from app.services.pickups import backfill

    engine = make_engine(database_url)
    try:
        with session_scope(engine) as session:
            for _ in backfill(session, settings=settings):
                pass
            rows, _ = crud.list_pickups(session=session, where=crud.PickupFilter(), limit=100_000)
            return [(row.wire_article_id, row.outlet_article_id) for row in rows]
    finally:
        engine.dispose()


def recorded_figures(papers: list[Paper], run: dict[str, Any]) -> dict[str, Any]:
    """Precision, recall and F1 of the recorded pickups against METER's labels."""
    story_of_wire = {wire_id: key for key, wire_id in run["wire_ids"].items()}
    paper_by_id = dict(zip(run["paper_ids"], papers, strict=True))
    gold_total = sum(paper.label in PICKUP_LABELS for paper in papers)
    hits = 0
    false: Counter[str] = Counter()
    for wire_id, paper_id in run["recorded"]:
        paper = paper_by_id.get(paper_id)
        if paper is None:
            false["a wire story as the outlet"] += 1
        elif story_of_wire.get(wire_id) is None:
            derived = "derived" if paper.label in PICKUP_LABELS else "non-derived"
            false[f"another paper as the wire ({derived})"] += 1
        elif story_of_wire[wire_id] != paper.story:
            false["other story"] += 1
        elif paper.label in PICKUP_LABELS:
            hits += 1
        else:
            false["same story, own report (non-derived)"] += 1
    return {
        **_prf(hits, len(run["recorded"]), gold_total),
        "pickups_found": hits,
        "gold_pickups": gold_total,
        "false_pickups": dict(false),
    }


def candidate_pairs(
    stories: dict[tuple[str, str, str], Story], papers: list[Paper], run: dict[str, Any]
) -> list[dict[str, Any]]:
    """One row per (wire story, newspaper article) that is gold or that /related listed or excluded."""
    from app.engine.pickup import ruled_out_by

    paper_by_id = dict(zip(run["paper_ids"], papers, strict=True))
    rows: dict[tuple[tuple[str, str, str], int], dict[str, Any]] = {}
    for key, answer in run["related"].items():
        for version in answer["data"]:
            paper = paper_by_id.get(version["article"]["id"])
            if paper is None:
                continue  # another wire story: not a pickup pair
            pickup = version.get("pickup") or {}
            rows[(key, version["article"]["id"])] = {
                "status": "related",
                "verdict": version["verdict"],
                "is_pickup": pickup.get("is_pickup", version["verdict"] in ("copy", "derived")),
                "probability": pickup.get("probability"),
                "ruled_out": ruled_out_by(pickup.get("reasons", [])),
                "evidence": pickup.get("evidence"),
                "base_retained": version["base_retained"],
                "other_from_base": version["other_from_base"],
            }
        for paper_id in answer["excluded"]:
            if paper_id in paper_by_id:
                rows[(key, paper_id)] = {"status": "unrelated", "is_pickup": False, "probability": 0.0}
    for paper_id, paper in paper_by_id.items():
        if paper.label in PICKUP_LABELS and (paper.story, paper_id) not in rows:
            rows[(paper.story, paper_id)] = {
                "status": "not a candidate",
                "is_pickup": False,
                "probability": 0.0,
            }
    out = []
    for (key, paper_id), row in rows.items():
        paper = paper_by_id[paper_id]
        same_story = paper.story == key
        out.append(
            {
                "story": "/".join(key),
                "paper_id": paper_id,
                "paper": paper.record_id,
                "label": paper.label if same_story else "other_story",
                "gold": same_story and paper.label in PICKUP_LABELS,
                **row,
            }
        )
    return out


def score(pairs: list[dict[str, Any]], gold_total: int, decide: Any = None) -> dict[str, Any]:
    decide = decide or (lambda pair: pair["is_pickup"])
    predicted = [pair for pair in pairs if decide(pair)]
    hits = sum(pair["gold"] for pair in predicted)
    misses: Counter[str] = Counter()
    false: Counter[str] = Counter()
    for pair in pairs:
        picked = decide(pair)
        if pair["gold"] and not picked:
            misses[
                {"not a candidate": "never a candidate", "unrelated": "judged unrelated"}.get(
                    pair["status"], "listed as related, not a pickup"
                )
            ] += 1
        elif picked and not pair["gold"]:
            false[
                "same story, own report (non-derived)" if pair["label"] == "non_derived" else "other story"
            ] += 1
    return {
        **_prf(hits, len(predicted), gold_total),
        "pickups_found": hits,
        "gold_pickups": gold_total,
        "misses": dict(misses),
        "false_pickups": dict(false),
    }


def _best_threshold(probabilities: Sequence[float], gold: Sequence[bool], gold_total: int) -> float:
    """The cut-off with the best F1 (ties: the middle of the best run), counting gold pickups
    that were never listed as misses."""
    candidates = sorted({round(p, 4) for p in probabilities if p > 0})
    if not candidates:
        return 0.5
    scores = []
    for threshold in candidates:
        predicted = [g for p, g in zip(probabilities, gold, strict=True) if p >= threshold]
        scores.append(2 * sum(predicted) / (len(predicted) + gold_total))
    top = max(scores)
    run = [t for t, f in zip(candidates, scores, strict=True) if f >= top - 1e-9]
    return run[len(run) // 2]


def _features(pair: dict[str, Any]) -> dict[str, float] | None:
    """The model's inputs, or None for a pair that can never be a pickup: not listed, or ruled
    out by one of the service's fixed rules (:func:`app.engine.pickup.ruled_out_by`): the folds
    apply them as the service does."""
    from app.engine.pickup import PickupEvidence, pickup_features

    if pair["status"] != "related" or not pair.get("evidence") or pair.get("ruled_out"):
        return None
    return pickup_features(PickupEvidence(**pair["evidence"]))


def fit_logistic(
    rows: list[dict[str, float]], gold: list[bool], l2: float = L2
) -> tuple[float, dict[str, float]]:
    """A logistic regression by Newton's method with a small L2 penalty (not on the intercept)."""
    import numpy as np

    names = sorted({name for row in rows for name in row})
    x = np.array([[1.0] + [row.get(name, 0.0) for name in names] for row in rows])
    y = np.array(gold, dtype=float)
    weights = np.zeros(x.shape[1])
    penalty = np.eye(x.shape[1]) * l2
    penalty[0, 0] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(x @ weights)))
        gradient = x.T @ (p - y) + penalty @ weights
        hessian = (x * (p * (1 - p))[:, None]).T @ x + penalty
        step = np.linalg.solve(hessian, gradient)
        weights -= step
        if float(np.abs(step).max()) < 1e-8:
            break
    return float(weights[0]), {name: round(float(w), 4) for name, w in zip(names, weights[1:], strict=True)}


def _probabilities(
    pairs: list[dict[str, Any]], intercept: float, coefficients: dict[str, float]
) -> list[float]:
    import math

    out = []
    for pair in pairs:
        features = _features(pair)
        if features is None:
            out.append(0.0)
            continue
        logit = intercept + sum(coefficients.get(name, 0.0) * value for name, value in features.items())
        out.append(1.0 / (1.0 + math.exp(-logit)))
    return out


def fit_model(pairs: list[dict[str, Any]], gold_total: int) -> dict[str, Any]:
    """Coefficients and threshold fitted on these pairs (the listed ones train the model)."""
    listed = [pair for pair in pairs if _features(pair) is not None]
    intercept, coefficients = fit_logistic([_features(p) or {} for p in listed], [p["gold"] for p in listed])
    probabilities = _probabilities(pairs, intercept, coefficients)
    threshold = _best_threshold(probabilities, [p["gold"] for p in pairs], gold_total)
    return {"intercept": round(intercept, 4), "coefficients": coefficients, "threshold": threshold}


def story_folds(papers: list[Paper], seed: int = RANDOM_SEED) -> dict[str, int]:
    """The fold of each story ("domain/date/catchline"): :data:`FOLDS` folds, shuffled with ``seed``
    (the project's draw unless another is asked for: how much a figure owes to one draw)."""
    story_names = sorted({"/".join(paper.story) for paper in papers})
    random.Random(seed).shuffle(story_names)
    return {name: number % FOLDS for number, name in enumerate(story_names)}


@dataclass(frozen=True, slots=True)
class VerdictInputs:
    """What the verdict model reads from one comparison (:func:`app.engine.verdict.judge`)."""

    features: dict[str, float]
    linked: bool
    rewrite: bool


class Verdicts:
    """The verdict model refitted on some of METER dev's stories, and each listed pair's judgement
    under it: the pickup decision weighs the judgement's probability (``judged_pickup``) and
    verdict most, and the shipped verdict model was fitted on every story of dev, so a pair
    judged by it is judged in-sample. In the folds, a held-out story's pairs are judged by a
    verdict model fitted without it, as a story the service has never seen is."""

    def __init__(
        self,
        records: list[dict[str, Any]],
        inputs: dict[tuple[str, str], VerdictInputs],
        overrides: dict[str, Any] | None = None,
    ) -> None:
        self._records = records
        #: by (story, paper record id)
        self._inputs = inputs
        #: numbers of app.engine.thresholds in force whenever the engine runs for these judgements
        self._overrides = overrides or {}
        self._models: dict[frozenset[str], dict[str, Any]] = {}

    @classmethod
    def of(
        cls,
        bench_dir: Path,
        stories: dict[tuple[str, str, str], Story],
        papers: list[Paper],
        pairs: list[dict[str, Any]],
        overrides: dict[str, Any] | None = None,
    ) -> Verdicts:
        """Each listed pair's verdict inputs, from the engine comparing the two texts as the service
        stored them (wire story as base); checked against the ``judged_pickup`` the service gave.
        ``overrides``: the numbers the run of ``pairs`` was made with (``--set``), in force here and
        when a model is fitted (:meth:`model_without`), for a run judged in a process that otherwise
        runs the shipped numbers."""
        from app.engine import compare
        from app.engine.verdict import load_model
        from benchmarks.accuracy import load, verdict_inputs

        story_text = {"/".join(key): story.text for key, story in stories.items()}
        paper_text = {paper.record_id: paper.text for paper in papers}
        inputs: dict[tuple[str, str], VerdictInputs] = {}
        verdicts = cls(load(bench_dir, "meter"), inputs, overrides)
        with tune.applied(verdicts._overrides):
            for pair in pairs:
                if _features(pair) is None:
                    continue
                result = compare(story_text[pair["story"]], paper_text[pair["paper"]])
                inputs[(pair["story"], pair["paper"])] = VerdictInputs(*verdict_inputs(result))
                again = verdicts.judged(pair, load_model())
                if again["evidence"]["judged_pickup"] != pair["evidence"]["judged_pickup"]:
                    raise ValueError(
                        f"the engine judges {pair['story']} / {pair['paper']} otherwise than the service"
                    )
        return verdicts

    def model_without(
        self, stories: AbstractSet[str], papers: AbstractSet[str] = frozenset()
    ) -> dict[str, Any]:
        """The verdict model fitted as the shipped one is (:mod:`benchmarks.fit_verdict`), on every
        METER dev record but those of ``stories`` and the articles ``papers`` (record ids): held out
        alone, a paper's story's wire text and other papers stay."""
        from benchmarks.accuracy import group_of
        from benchmarks.fit_verdict import fit_model as fit_verdict
        from benchmarks.fit_verdict import training_rows

        key = frozenset(stories) | {f"paper:{paper}" for paper in papers}
        if key not in self._models:
            kept = [
                i
                for i, record in enumerate(self._records)
                if group_of("meter", record) not in stories and record["id"] not in papers
            ]
            with tune.applied(self._overrides):
                self._models[key] = fit_verdict(*training_rows(self._records, kept))
        return self._models[key]

    def judged(self, pair: dict[str, Any], model: dict[str, Any]) -> dict[str, Any]:
        """``pair`` with its verdict and ``judged_pickup`` as ``model`` gives them (a pair that is
        not listed, or that a fixed rule rules out, as it is); one ``model`` calls unrelated is left
        out of the related versions, as the service leaves it. Which pairs are listed at all, and
        the service's fixed rules, come from the run with the shipped models: a pair the shipped
        verdict left out has no comparison here to judge again."""
        from app.engine.verdict import judge

        inputs = self._inputs.get((pair["story"], pair["paper"]))
        if inputs is None:
            return pair
        verdict, judgement = judge(inputs.features, linked=inputs.linked, rewrite=inputs.rewrite, model=model)
        probabilities = judgement.probabilities
        evidence = {
            **pair["evidence"],
            "verdict": verdict,
            "judged_pickup": round(probabilities["copy"] + probabilities["derived"], 4),
        }
        return {
            **pair,
            "status": "unrelated" if verdict == "unrelated" else pair["status"],
            "verdict": verdict,
            "evidence": evidence,
        }


def _training_pairs(
    pairs: list[dict[str, Any]], papers: list[Paper], fold_of: dict[str, int], held_out: set[int]
) -> list[dict[str, Any]]:
    """The pairs that may train a decision scored on the folds ``held_out``: neither the wire story
    nor the paper of a held-out story (a training wire's pair with a held-out story's paper would
    teach the decision, and its threshold, that held-out paper)."""
    story_of_paper = {paper.record_id: "/".join(paper.story) for paper in papers}
    return [p for p in pairs if not {fold_of[p["story"]], fold_of[story_of_paper[p["paper"]]]} & held_out]


def _held_out(fold_of: dict[str, int], *folds: int) -> set[str]:
    """The stories of ``folds``."""
    return {story for story, number in fold_of.items() if number in folds}


def _fold_decision(
    pairs: list[dict[str, Any]],
    papers: list[Paper],
    fold_of: dict[str, int],
    held_out: set[int],
    verdicts: Verdicts | None,
    stacked: bool = False,
) -> dict[str, Any]:
    """The decision the folds ``held_out`` are scored with (:func:`fit_model`), fitted on their
    training pairs (:func:`_training_pairs`), judged as :func:`out_of_fold_decisions` says."""
    train = _training_pairs(pairs, papers, fold_of, held_out)
    if verdicts is not None:
        # the folds' own verdict model (the one their held-out pairs are judged by), read once
        fold_model = verdicts.model_without(_held_out(fold_of, *held_out))
        train = [
            verdicts.judged(
                p,
                verdicts.model_without(_held_out(fold_of, *held_out, fold_of[p["story"]]))
                if stacked
                else fold_model,
            )
            for p in train
        ]
    gold = sum(1 for p in papers if p.label in PICKUP_LABELS and fold_of["/".join(p.story)] not in held_out)
    return fit_model(train, gold)


def out_of_fold_decisions(
    pairs: list[dict[str, Any]],
    papers: list[Paper],
    verdicts: Verdicts | None = None,
    stacked: bool = False,
    outside: frozenset[int] = frozenset(),
    seed: int = RANDOM_SEED,
    chances: dict[int, float] | None = None,
) -> tuple[dict[int, bool], list[dict[str, Any]]]:
    """Grouped k-fold over stories: each pair's decision (by ``id``) under the model and threshold
    fitted on the other folds' stories, and each fold's threshold, F1 and recall. ``chances``, when
    given, is filled with each pair's probability under its fold's model (0 for a pair no
    decision weighs: not listed, or ruled out).

    With ``verdicts``, the verdict model is fitted inside the folds too: a held-out pair is judged
    by the verdict model fitted on the other folds' stories. The decision is fitted on the training
    pairs as the shipped one is: judged by that same verdict model, which saw their stories;
    ``stacked``: judged by one fitted without their own fold either (out-of-fold judgements, as in
    stacking), so that the decision learns how far to trust the judgement of an unseen story.

    ``outside``: folds left out of everything (the outer held-out fold of a nested
    cross-validation, :func:`nested_cross_validate`): the folds are the others, each fitted
    without ``outside`` as well, and only pairs of a wire and a paper of theirs are decided.
    ``seed``: the draw of the folds (:func:`story_folds`)."""
    fold_of = story_folds(papers, seed)
    story_of_paper = {paper.record_id: "/".join(paper.story) for paper in papers}
    gold_by_story = Counter("/".join(p.story) for p in papers if p.label in PICKUP_LABELS)
    decided: dict[int, bool] = {}
    folds = []
    for fold in range(FOLDS):
        if fold in outside:
            continue
        test = [
            p
            for p in pairs
            if fold_of[p["story"]] == fold and fold_of[story_of_paper[p["paper"]]] not in outside
        ]
        held_out = {fold, *outside}
        judged_test = test
        if verdicts is not None:
            verdict_model = verdicts.model_without(_held_out(fold_of, *held_out))
            judged_test = [verdicts.judged(p, verdict_model) for p in test]
        test_gold = sum(n for s, n in gold_by_story.items() if fold_of[s] == fold)
        model = _fold_decision(pairs, papers, fold_of, held_out, verdicts, stacked)
        for pair, probability in zip(
            test, _probabilities(judged_test, model["intercept"], model["coefficients"]), strict=True
        ):
            decided[id(pair)] = probability > 0 and probability >= model["threshold"]
            if chances is not None:
                chances[id(pair)] = probability
        figures = score(test, test_gold, lambda pair: decided[id(pair)])
        folds.append({"threshold": model["threshold"], "f1": figures["f1"], "recall": figures["recall"]})
    return decided, folds


def cross_validate(
    pairs: list[dict[str, Any]], papers: list[Paper], verdicts: Verdicts | None = None, stacked: bool = False
) -> dict[str, Any]:
    """The pickups' figures under :func:`out_of_fold_decisions`, with each fold's and a 95%
    interval of the F1 (:func:`f1_interval`)."""
    chances: dict[int, float] = {}
    decided, folds = out_of_fold_decisions(pairs, papers, verdicts, stacked, chances=chances)
    gold_total = sum(1 for p in papers if p.label in PICKUP_LABELS)
    result = score(pairs, gold_total, lambda pair: decided[id(pair)])
    f1s = [fold["f1"] for fold in folds]
    result["fold_f1_min_max"] = [min(f1s), max(f1s)]
    result["f1_interval_95"] = f1_interval(pairs, papers, decided)
    result["folds"] = folds
    result["calibration"] = calibration(pairs, chances)
    return result


def calibration(pairs: list[dict[str, Any]], chances: dict[int, float]) -> dict[str, Any]:
    """How often the probability a related version gives (``pickup.probability``) came true: the
    pairs a decision weighed (``chances`` by ``id``, over 0), binned by it, against their gold
    (:func:`benchmarks.fit_verdict.reliability`)."""
    from benchmarks.fit_verdict import reliability

    weighed = [pair for pair in pairs if chances.get(id(pair), 0.0) > 0]
    stated = [chances[id(pair)] for pair in weighed]
    bins, error = reliability(stated, [bool(pair["gold"]) for pair in weighed])
    return {
        "pairs": len(weighed),
        "expected_calibration_error": round(100 * error, 1),
        "bins": [
            {
                "stated": f"{b.low:.1f}-{b.high:.1f}",
                "pairs": b.count,
                "mean_stated": round(100 * b.stated, 1),
                "came_true": round(100 * b.observed, 1),
            }
            for b in bins
        ],
    }


def outlet_training(
    pairs: list[dict[str, Any]], papers: list[Paper], outlet: str, *, stories_too: bool = False
) -> tuple[list[dict[str, Any]], int, list[dict[str, Any]], set[str], frozenset[str]]:
    """What a decision scored on ``outlet``'s papers is fitted on: the pairs of no paper of the
    outlet, and with ``stories_too`` of no story it reported (neither the wire nor a paper of one);
    the gold pickups among those pairs' papers (each derived paper is one gold pair, with its own
    story's wire); then the pairs it scores (every pair of the outlet's papers), the papers' record
    ids, and the stories held out with them (none without ``stories_too``)."""
    own = {paper.record_id for paper in papers if paper.source == outlet}
    story_of = {paper.record_id: "/".join(paper.story) for paper in papers}
    unseen = frozenset(story_of[paper] for paper in own) if stories_too else frozenset()
    train = [
        p
        for p in pairs
        if p["paper"] not in own and p["story"] not in unseen and story_of[p["paper"]] not in unseen
    ]
    gold = sum(
        1
        for paper in papers
        if paper.label in PICKUP_LABELS
        and paper.record_id not in own
        and story_of[paper.record_id] not in unseen
    )
    return train, gold, [p for p in pairs if p["paper"] in own], own, unseen


def outlet_decisions(
    pairs: list[dict[str, Any]],
    papers: list[Paper],
    verdicts: Verdicts | None = None,
    *,
    stories_too: bool = False,
) -> dict[int, bool]:
    """Each pair's decision (by ``id``) under a decision fitted without any paper of the pair's
    newspaper, and with ``stories_too`` without any story it reported (:func:`outlet_training`);
    with ``verdicts`` judged by a verdict model fitted without them too (without ``stories_too``,
    their stories' wire texts and other papers stay in training): an outlet the models never saw.
    Which pairs are listed at all, and the service's fixed rules, are the run's, made with the
    shipped models (:meth:`Verdicts.judged`), as in the story folds."""
    decided: dict[int, bool] = {}
    for outlet in sorted({paper.source for paper in papers}):
        train, gold, test, own, unseen = outlet_training(pairs, papers, outlet, stories_too=stories_too)
        if not any(_features(p) is not None for p in train):
            raise ValueError(f"no listed pair left to fit a decision for {outlet} on")
        judged = test
        if verdicts is not None:
            verdict_model = verdicts.model_without(unseen, own)
            train = [verdicts.judged(p, verdict_model) for p in train]
            judged = [verdicts.judged(p, verdict_model) for p in test]
        model = fit_model(train, gold)
        for pair, probability in zip(
            test, _probabilities(judged, model["intercept"], model["coefficients"]), strict=True
        ):
            decided[id(pair)] = probability > 0 and probability >= model["threshold"]
    return decided


def held_out_outlets(
    pairs: list[dict[str, Any]], papers: list[Paper], verdicts: Verdicts | None = None
) -> dict[str, Any]:
    """The pickups' figures under :func:`outlet_decisions`, pooled over every newspaper, the
    newspaper alone held out and with its stories; and each newspaper's F1 both ways and in the
    story folds (:func:`out_of_fold_decisions`)."""
    gold_total = sum(1 for p in papers if p.label in PICKUP_LABELS)
    ways = {
        "newspaper": outlet_decisions(pairs, papers, verdicts),
        "newspaper_and_its_stories": outlet_decisions(pairs, papers, verdicts, stories_too=True),
        "story_folds": out_of_fold_decisions(pairs, papers, verdicts)[0],
    }
    report: dict[str, Any] = {}
    for way, decided in ways.items():
        if way != "story_folds":
            result = score(pairs, gold_total, lambda pair, d=decided: d[id(pair)])
            report[way] = {k: result[k] for k in ("precision", "recall", "f1", "false_pickups")}
    by_outlet: dict[str, dict[str, Any]] = {}
    for outlet in sorted({paper.source for paper in papers}):
        _, _, test, own, _ = outlet_training(pairs, papers, outlet)
        gold = sum(1 for p in papers if p.label in PICKUP_LABELS and p.record_id in own)
        by_outlet[outlet] = {
            "papers": len(own),
            "gold_pickups": gold,
            **{
                f"f1_{way}": score(test, gold, lambda pair, d=decided: d[id(pair)])["f1"]
                for way, decided in ways.items()
            },
        }
    return {**report, "outlets": by_outlet}


def other_draws(
    pairs: list[dict[str, Any]],
    papers: list[Paper],
    verdicts: Verdicts | None,
    draws: int,
    project: dict[str, Any],
) -> dict[str, Any]:
    """:func:`cross_validate`'s figure on ``draws`` other draws of the story folds (seeds 1 to
    ``draws``), and their mean with ``project``, the figure on the project's draw: a fold's F1 moves
    by several points, and one draw's figure owes something to which stories fell together."""
    gold_total = sum(1 for p in papers if p.label in PICKUP_LABELS)
    figures = []
    for seed in range(1, draws + 1):
        decided, _ = out_of_fold_decisions(pairs, papers, verdicts, seed=seed)
        result = score(pairs, gold_total, lambda pair, d=decided: d[id(pair)])
        figures.append({"seed": seed, **{k: result[k] for k in ("precision", "recall", "f1")}})
    every = [project, *figures]
    return {
        "draws": figures,
        "mean_with_the_projects_draw": {
            k: round(statistics.mean(f[k] for f in every), 1) for k in ("precision", "recall", "f1")
        },
    }


@dataclass(frozen=True, slots=True)
class Variant:
    """One run of the service with some of the engine's fixed numbers set otherwise
    (``python -m benchmarks.pickups --set NAME=VALUE --pairs P``): its pairs and their judgements."""

    name: str
    pairs: list[dict[str, Any]]
    #: None: every pair judged as listed (:func:`out_of_fold_decisions`)
    verdicts: Verdicts | None


def nested_cross_validate(variants: list[Variant], papers: list[Paper]) -> dict[str, Any]:
    """The fixed numbers chosen inside the folds as well as the models: for each fold, every variant
    is scored by a cross-validation over the other four folds alone (:func:`out_of_fold_decisions`
    with the fold ``outside``: the models refitted on three, scored on the fourth, the held-out
    fold's wires and papers in none of it); the variant with the best F1 there (the first listed,
    the shipped numbers, on a tie) gives the held-out fold's decisions, as it does in its own
    cross-validation. The figure a newsroom can expect when those numbers, too, were set by
    watching these pickups."""
    fold_of = story_folds(papers)
    gold_by_fold = Counter(fold_of["/".join(p.story)] for p in papers if p.label in PICKUP_LABELS)
    outer = {
        variant.name: out_of_fold_decisions(variant.pairs, papers, variant.verdicts)[0]
        for variant in variants
    }
    chosen: list[dict[str, Any]] = []
    scored: list[dict[str, Any]] = []
    decided: dict[int, bool] = {}
    for fold in range(FOLDS):
        inner: dict[str, float] = {}
        gold = sum(n for number, n in gold_by_fold.items() if number != fold)
        for variant in variants:
            decisions, _ = out_of_fold_decisions(
                variant.pairs, papers, variant.verdicts, outside=frozenset({fold})
            )
            inside = [pair for pair in variant.pairs if id(pair) in decisions]
            inner[variant.name] = score(inside, gold, lambda pair, d=decisions: d[id(pair)])["f1"]
        best = max(variants, key=lambda variant: inner[variant.name])  # the first of equals
        held = [pair for pair in best.pairs if fold_of[pair["story"]] == fold]
        scored += held
        decided.update((id(pair), outer[best.name][id(pair)]) for pair in held)
        chosen.append({"fold": fold, "chosen": best.name, "inner_f1": inner})
    gold_total = sum(gold_by_fold.values())
    return {
        **score(scored, gold_total, lambda pair: decided[id(pair)]),
        "folds": chosen,
        "each_variant_cross_validated": {
            variant.name: score(variant.pairs, gold_total, lambda pair, d=outer[variant.name]: d[id(pair)])
            for variant in variants
        },
    }


@contextmanager
def _served_models(verdict_model: dict[str, Any], decision: dict[str, Any]) -> Iterator[None]:
    """The service, in this process, judging with ``verdict_model`` and deciding pickups with
    ``decision`` (as :func:`fit_model` gives it) instead of the shipped files."""
    from app.engine import pickup, verdict
    from app.services import related

    model = pickup.PickupModel(
        version="fold",
        intercept=decision["intercept"],
        coefficients=decision["coefficients"],
        threshold=decision["threshold"],
    )
    # every place that reads a shipped model by name: the judgement, the decision, the related list
    loaders: list[tuple[Any, Any]] = [
        (verdict, lambda: verdict_model),
        (pickup, lambda: model),
        (related, lambda: model),
    ]
    saved = [(module, module.load_model) for module, _ in loaders]
    for module, loader in loaders:
        setattr(module, "load_model", loader)  # noqa: B010
    try:
        yield
    finally:
        for module, loader in saved:
            setattr(module, "load_model", loader)  # noqa: B010


def served_in_folds(
    stories: dict[tuple[str, str, str], Story],
    papers: list[Paper],
    pairs: list[dict[str, Any]],
    verdicts: Verdicts,
    **service: Any,
) -> dict[str, Any]:
    """The whole service run once a fold, serving the models fitted without that fold's stories (the
    verdict model, and the decision fitted on the other folds' pairs as :func:`out_of_fold_decisions`
    fits it), every text stored in a fresh database; the held-out stories' related versions, their
    papers' origins and recorded pickups scored. What a newsroom gets on stories the models never
    saw, rules and all: the cross-validated decision alone leaves out what the service builds on it
    (origin, the recorded pickups)."""
    from app.db import migrate
    from benchmarks.related import _forget_in_memory

    fold_of = story_folds(papers)
    scored: list[dict[str, Any]] = []
    origins: Counter[str] = Counter()
    found = recorded = 0
    false_recorded: Counter[str] = Counter()
    for fold in range(FOLDS):
        held_out = _held_out(fold_of, fold)
        verdict_model = verdicts.model_without(held_out)
        decision = _fold_decision(pairs, papers, fold_of, {fold}, verdicts)
        _forget_in_memory()
        with (
            _served_models(verdict_model, decision),
            tempfile.TemporaryDirectory(prefix="wirediff-fold-") as folder,
        ):
            database_url = f"sqlite:///{Path(folder) / 'pickups.db'}"
            migrate(database_url)
            run = run_service(database_url, stories, papers, **service)
        _forget_in_memory()
        scored += [p for p in candidate_pairs(stories, papers, run) if p["story"] in held_out]
        mine = [k for k, paper in enumerate(papers) if "/".join(paper.story) in held_out]
        held_papers = [papers[k] for k in mine]
        origins.update(
            origin_figures(held_papers, {**run, "origins": [run["origins"][k] for k in mine]})["outcomes"]
        )
        held_ids = {run["paper_ids"][k] for k in mine}
        held_wires = {run["wire_ids"][key] for key in run["wire_ids"] if "/".join(key) in held_out}
        figures = recorded_figures(
            held_papers,
            {
                **run,
                "paper_ids": [run["paper_ids"][k] for k in mine],
                "recorded": [
                    (wire, outlet)
                    for wire, outlet in run["recorded"]
                    if outlet in held_ids
                    or outlet in held_wires  # a held-out paper, or a wire story as outlet
                ],
            },
        )
        found += figures["pickups_found"]
        recorded += figures["pickups_found"] + sum(figures["false_pickups"].values())
        false_recorded.update(figures["false_pickups"])
    gold_total = sum(paper.label in PICKUP_LABELS for paper in papers)
    return {
        "pickups": score(scored, gold_total),
        "origin": _origin_summary(origins, len(papers)),
        "recorded_pickups": {**_prf(found, recorded, gold_total), "false_pickups": dict(false_recorded)},
    }


def f1_interval(
    pairs: list[dict[str, Any]], papers: list[Paper], decided: dict[int, bool], draws: int = 2000
) -> list[float]:
    """The 2.5th and 97.5th percentiles of the F1 over ``draws`` resamples of the stories (with
    replacement, seed fixed), each story taken with its papers and every pair of its wire text:
    how far the figure could move on another sample of stories like these, the decisions held
    fixed."""
    import numpy as np

    names = sorted({"/".join(paper.story) for paper in papers})
    index = {name: k for k, name in enumerate(names)}
    counts = np.zeros((len(names), 3))
    for pair in pairs:
        if decided[id(pair)]:
            counts[index[pair["story"]], 0 if pair["gold"] else 1] += 1
    for paper in papers:
        counts[index["/".join(paper.story)], 2] += paper.label in PICKUP_LABELS
    low, high = resampled_f1(counts, draws, RANDOM_SEED)
    return [round(100 * low, 1), round(100 * high, 1)]


def resampled_f1(counts: Any, draws: int, seed: int) -> tuple[float, float]:
    """The 2.5th and 97.5th percentiles of the F1 over ``draws`` resamples (with replacement) of
    the rows of ``counts``, one row per group resampled: pickups called right, called wrong,
    gold pickups."""
    import numpy as np

    chosen = np.random.default_rng(seed).integers(0, len(counts), (draws, len(counts)))
    right, wrong, gold = counts[chosen].sum(axis=1).T
    f1 = np.sort(2 * right / (right + wrong + gold))
    return float(f1[int(0.025 * draws)]), float(f1[int(0.975 * draws) - 1])


def origin_figures(papers: list[Paper], run: dict[str, Any]) -> dict[str, Any]:
    """Whether /origin names the paper's own wire story (derived papers) or the paper itself."""
    wire_story = {wire_id: key for key, wire_id in run["wire_ids"].items()}
    outcome: Counter[str] = Counter()
    for paper, answer in zip(papers, run["origins"], strict=True):
        derived = paper.label in PICKUP_LABELS
        if answer["is_original"]:
            outcome["derived: itself (missed)" if derived else "non-derived: itself (right)"] += 1
            continue
        named = wire_story.get(answer["origin"]["id"])
        if named == paper.story:
            outcome[
                "derived: its wire story (right)" if derived else "non-derived: its story's wire (wrong)"
            ] += 1
        elif named is not None:
            outcome[("derived" if derived else "non-derived") + ": another wire story (wrong)"] += 1
        else:
            outcome[("derived" if derived else "non-derived") + ": another paper (wrong)"] += 1
    return _origin_summary(outcome, len(papers))


def _origin_summary(outcome: Counter[str], papers: int) -> dict[str, Any]:
    """The share of ``papers`` whose origin was right, and the count of each outcome."""
    right = sum(n for k, n in outcome.items() if k.endswith("(right)"))
    return {"accuracy": round(100 * right / papers, 1), "outcomes": dict(sorted(outcome.items()))}


def write_model(pairs: list[dict[str, Any]], gold_total: int) -> dict[str, Any]:
    """Fit the decision on every pair of dev and ship it (the served figures come from it)."""
    from app.engine.pickup import load_model

    model = fit_model(pairs, gold_total)
    version = str(int(load_model().version) + 1)
    MODEL_FILE.write_text(
        json.dumps(
            {
                "version": version,
                "note": "fitted by python -m benchmarks.pickups --fit on METER dev (logistic regression, "
                "threshold with the best F1; the grouped cross-validated figures are in BENCHMARKS.md)",
                **model,
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    return {"version": version, **model}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bench-dir", type=Path, default=DEFAULT_BENCH_DIR)
    parser.add_argument("--json", type=Path, help="also write the report here")
    parser.add_argument("--pairs", type=Path, help="write every scored pair here (JSON lines)")
    parser.add_argument(
        "--fit",
        action="store_true",
        help="fit the decision on all of dev and write it to app/engine/pickup_model.json",
    )
    parser.add_argument(
        "--from-pairs", type=Path, help="score (and --fit) the pairs of an earlier run instead of a new run"
    )
    parser.add_argument(
        "--wire-source", default=WIRE_SOURCE, help=f"store the wire stories under this source ({WIRE_SOURCE})"
    )
    parser.add_argument("--undated", action="store_true", help="store every text without a publication time")
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="an app.engine.thresholds number overridden for the whole run (repeatable)",
    )
    parser.add_argument(
        "--nested",
        action="append",
        default=[],
        metavar="PAIRS[@NAME=VALUE,...]",
        help="the pairs of a run and the --set it was run with (repeatable; the shipped numbers' first): "
        "choose among them inside the folds (nested_cross_validate)",
    )
    parser.add_argument(
        "--draws",
        type=int,
        default=0,
        metavar="N",
        help="also cross-validate on N other draws of the story folds (other_draws)",
    )
    parser.add_argument(
        "--by-outlet",
        action="store_true",
        help="also decide each newspaper's papers with models fitted without them (held_out_outlets)",
    )
    parser.add_argument(
        "--served-in-folds",
        action="store_true",
        help="also run the service once a fold with the models fitted without its stories (5 more runs)",
    )
    args = parser.parse_args(argv)
    try:
        overrides = dict(tune.parse_setting(setting) for setting in args.set)
    except ValueError as error:
        parser.error(str(error))
    if overrides and args.fit:
        parser.error("--fit writes the shipped model: not with --set")
    with tune.applied(overrides):
        return _run(args, argv, overrides)


def _variant(
    text: str, bench_dir: Path, stories: dict[tuple[str, str, str], Story], papers: list[Paper]
) -> Variant:
    """``PAIRS[@NAME=VALUE,...]`` read, its pairs judged with its numbers in force."""
    path, _, settings = text.partition("@")
    overrides = dict(tune.parse_setting(setting) for setting in settings.split(",") if setting)
    pairs = _read_pairs(Path(path))
    return Variant(settings or "shipped", pairs, Verdicts.of(bench_dir, stories, papers, pairs, overrides))


def _read_pairs(path: Path) -> list[dict[str, Any]]:
    """The pairs an earlier run wrote (``--pairs``)."""
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def _decision_figures(
    args: argparse.Namespace, papers: list[Paper], pairs: list[dict[str, Any]], verdicts: Verdicts
) -> dict[str, Any]:
    """The pickup decision's figures on ``pairs``, as every run reports them: cross-validated (the
    verdict refitted in the folds, stacked, and judged in-sample), as served, and on other draws
    of the folds when ``--draws`` asks."""
    gold_total = sum(paper.label in PICKUP_LABELS for paper in papers)
    project = cross_validate(pairs, papers, verdicts)
    figures = {
        "pickups_cross_validated": project,
        "pickups_cross_validated_stacked": cross_validate(pairs, papers, verdicts, stacked=True),
        "pickups_cross_validated_verdict_in_sample": cross_validate(pairs, papers),
        "pickups_as_served": score(pairs, gold_total),
    }
    if args.draws:
        figures["pickups_cross_validated_other_draws"] = other_draws(
            pairs, papers, verdicts, args.draws, project
        )
    if args.by_outlet:
        figures["pickups_newspaper_held_out"] = held_out_outlets(pairs, papers, verdicts)
    return figures


def _run(args: argparse.Namespace, argv: list[str] | None, overrides: dict[str, Any]) -> int:
    """What :func:`main` was asked, with its threshold ``overrides`` in force."""
    if args.nested:
        stories, papers = load_meter(args.bench_dir)
        variants = [_variant(text, args.bench_dir, stories, papers) for text in args.nested]
        print(json.dumps({"pickups_nested": nested_cross_validate(variants, papers)}, indent=2))
        return 0
    if args.from_pairs:
        stories, papers = load_meter(args.bench_dir)
        pairs = _read_pairs(args.from_pairs)
        verdicts = Verdicts.of(args.bench_dir, stories, papers, pairs)
        report = _decision_figures(args, papers, pairs, verdicts)
        if args.fit:
            report["fitted"] = write_model(pairs, sum(paper.label in PICKUP_LABELS for paper in papers))
        if args.served_in_folds:
            report["served_in_folds"] = served_in_folds(
                stories, papers, pairs, verdicts, wire_source=args.wire_source, dated=not args.undated
            )
        print(json.dumps(report, indent=2))
        return 0

    from app.db import migrate
    from app.engine import ENGINE_VERSION

    stories, papers = load_meter(args.bench_dir)
    load_average = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="wirediff-pickups-") as folder:
        database_url = f"sqlite:///{Path(folder) / 'pickups.db'}"
        migrate(database_url)
        run = run_service(database_url, stories, papers, wire_source=args.wire_source, dated=not args.undated)
    pairs = candidate_pairs(stories, papers, run)
    gold_total = sum(paper.label in PICKUP_LABELS for paper in papers)
    verdicts = Verdicts.of(args.bench_dir, stories, papers, pairs)
    fitted = write_model(pairs, gold_total) if args.fit else None
    report = {
        "command": "python -m benchmarks.pickups " + shlex.join(argv if argv is not None else sys.argv[1:]),
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M"),
        "engine_version": ENGINE_VERSION,
        "thresholds_overridden": overrides,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "load_average_at_start": round(load_average, 2),
        "wire_stories": len(stories),
        "newspaper_articles": len(papers),
        "labels": dict(Counter(paper.label for paper in papers)),
        **_decision_figures(args, papers, pairs, verdicts),
        "origin": origin_figures(papers, run),
        "recorded_pickups": recorded_figures(papers, run),
        "store_ms": _quantiles(run["store_ms"]),
        "related_first_query_ms": _quantiles(run["related_ms"]),
        "origin_ms": _quantiles(run["origin_ms"]),
        "cpu_ms": {name: _quantiles(values) for name, values in run["cpu_ms"].items()},
        **({"fitted": fitted} if fitted else {}),
    }
    if args.served_in_folds:
        report["served_in_folds"] = served_in_folds(
            stories, papers, pairs, verdicts, wire_source=args.wire_source, dated=not args.undated
        )
    text = json.dumps(report, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    if args.pairs:
        with args.pairs.open("w", encoding="utf-8") as out:
            for pair in pairs:
                out.write(json.dumps(pair) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
