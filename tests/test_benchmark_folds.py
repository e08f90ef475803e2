"""The pickups benchmark's folds keep each held-out story out of what scores it: a figure measured
with a held-out story in training overstates what a newsroom gets on a story the service has never
seen (BENCHMARKS.md, "Pickups on real newspapers")."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest

from benchmarks.pickups import (
    PICKUP_LABELS,
    Paper,
    Variant,
    _training_pairs,
    held_out_outlets,
    nested_cross_validate,
    out_of_fold_decisions,
    outlet_decisions,
    outlet_training,
    score,
    story_folds,
)

STORIES = [("courts", f"0{day}.01.00", f"case{day}") for day in range(1, 10)]


def _papers() -> list[Paper]:
    labels = ("wholly_derived", "partially_derived", "non_derived")
    return [
        Paper(
            record_id=f"meter/{'/'.join(story)}/paper{n}",
            story=story,
            source=f"Paper {n}",
            text="",
            label=labels[(s + n) % 3],
            published_at=datetime(2000, 1, 2, tzinfo=UTC),
        )
        for s, story in enumerate(STORIES)
        for n in range(4)
    ]


def _pairs(papers: list[Paper], seed: int = 7) -> list[dict[str, Any]]:
    """Every paper against its own wire story and against the next story's wire, with evidence that
    follows the label loosely (so that the decision has something to learn)."""
    rng = random.Random(seed)
    pairs = []
    for paper in papers:
        own = STORIES.index(paper.story)
        for wire in (paper.story, STORIES[(own + 1) % len(STORIES)]):
            same = wire == paper.story
            gold = same and paper.label in PICKUP_LABELS
            share = min(1.0, max(0.0, (0.6 if gold else 0.25) + rng.uniform(-0.3, 0.3)))
            pairs.append(
                {
                    "story": "/".join(wire),
                    "paper": paper.record_id,
                    "label": paper.label if same else "other_story",
                    "gold": gold,
                    "status": "related",
                    "ruled_out": None,
                    "evidence": {
                        "pair_containment": share,
                        "base_pair_containment": share / 2,
                        "other_from_base": share,
                        "base_retained": share / 2,
                        "verdict": "derived" if share > 0.5 else "related",
                        "bigram_containment": share,
                        "fivegram_containment": share / 3,
                        "judged_pickup": share,
                        "fragment_containment": share / 2,
                    },
                }
            )
    return pairs


def _turned_around(
    papers: list[Paper], pairs: list[dict[str, Any]], held_out: set[str]
) -> tuple[list[Paper], list[dict[str, Any]]]:
    """Every label of the ``held_out`` stories turned around, on their papers, their own pairs and
    the pairs their papers make with a training fold's wire."""
    flipped_papers = [
        replace(paper, label="non_derived" if paper.label in PICKUP_LABELS else "wholly_derived")
        if "/".join(paper.story) in held_out
        else paper
        for paper in papers
    ]
    held_out_papers = {paper.record_id for paper in papers if "/".join(paper.story) in held_out}
    flipped = [
        {**pair, "gold": not pair["gold"]}
        if pair["story"] in held_out or pair["paper"] in held_out_papers
        else pair
        for pair in pairs
    ]
    return flipped_papers, flipped


def test_a_folds_decision_trains_on_no_pair_of_a_held_out_wire_or_paper() -> None:
    papers = _papers()
    pairs = _pairs(papers)
    fold_of = story_folds(papers)
    story_of_paper = {paper.record_id: "/".join(paper.story) for paper in papers}
    for fold in range(5):
        training = _training_pairs(pairs, papers, fold_of, {fold})
        assert all(fold_of[pair["story"]] != fold for pair in training)
        assert all(fold_of[story_of_paper[pair["paper"]]] != fold for pair in training)
        # and every pair whose wire and paper are both in training folds trains it
        assert len(training) == sum(
            fold not in (fold_of[p["story"]], fold_of[story_of_paper[p["paper"]]]) for p in pairs
        )


def test_a_held_out_storys_decisions_do_not_depend_on_its_own_labels() -> None:
    papers = _papers()
    pairs = _pairs(papers)
    fold_of = story_folds(papers)
    decided, _ = out_of_fold_decisions(pairs, papers)
    held_out = {story for story, number in fold_of.items() if number == 0}
    flipped_papers, flipped = _turned_around(papers, pairs, held_out)
    decided_flipped, _ = out_of_fold_decisions(flipped, flipped_papers)
    held_out_pairs = [k for k, pair in enumerate(pairs) if pair["story"] in held_out]
    assert held_out_pairs
    assert [decided[id(pairs[k])] for k in held_out_pairs] == [
        decided_flipped[id(flipped[k])] for k in held_out_pairs
    ]
    # the labels of the held-out stories do move the other folds' decisions' training (a sanity
    # check that the flip reached the fit at all)
    assert [decided[id(pair)] for pair in pairs] != [decided_flipped[id(pair)] for pair in flipped]


def test_the_numbers_chosen_for_a_held_out_fold_do_not_depend_on_its_own_labels() -> None:
    papers = _papers()
    variants = [
        Variant("shipped", _pairs(papers, seed=7), None),
        Variant("other", _pairs(papers, seed=8), None),
    ]
    fold_of = story_folds(papers)
    held_out = {story for story, number in fold_of.items() if number == 0}
    nested = nested_cross_validate(variants, papers)
    flipped_papers, _ = _turned_around(papers, [], held_out)
    flipped = [Variant(v.name, _turned_around(papers, v.pairs, held_out)[1], None) for v in variants]
    nested_flipped = nested_cross_validate(flipped, flipped_papers)
    # fold 0's choice and its inner figures are the same whatever fold 0's labels say
    assert nested["folds"][0] == nested_flipped["folds"][0]
    assert nested["folds"][0]["chosen"] in ("shipped", "other")
    # and the other folds' inner figures did read fold 0's labels (the flip reached them)
    assert [f["inner_f1"] for f in nested["folds"][1:]] != [
        f["inner_f1"] for f in nested_flipped["folds"][1:]
    ]


def test_the_nested_figure_is_the_chosen_variants_own_decisions_fold_by_fold() -> None:
    papers = _papers()
    variants = [
        Variant("shipped", _pairs(papers, seed=7), None),
        Variant("other", _pairs(papers, seed=8), None),
    ]
    nested = nested_cross_validate(variants, papers)
    fold_of = story_folds(papers)
    by_name = {variant.name: variant for variant in variants}
    expected_found = 0
    for fold in nested["folds"]:
        variant = by_name[fold["chosen"]]
        decided, _ = out_of_fold_decisions(variant.pairs, papers)
        expected_found += sum(
            pair["gold"] and decided[id(pair)]
            for pair in variant.pairs
            if fold_of[pair["story"]] == fold["fold"]
        )
    assert nested["pickups_found"] == expected_found
    assert nested["gold_pickups"] == sum(paper.label in PICKUP_LABELS for paper in papers)


def test_another_draw_of_the_folds_puts_the_stories_together_otherwise() -> None:
    papers = _papers()
    project, other = story_folds(papers), story_folds(papers, seed=1)
    assert set(project) == set(other) == {"/".join(story) for story in STORIES}
    assert project != other
    assert sorted(Counter(other.values()).values()) == sorted(Counter(project.values()).values())
    # and the figures on it are the same procedure's: every pair decided, on that draw's folds
    pairs = _pairs(papers)
    decided, folds = out_of_fold_decisions(pairs, papers, seed=1)
    assert set(decided) == {id(pair) for pair in pairs}
    assert len(folds) == 5


def test_a_held_out_newspapers_decisions_do_not_depend_on_its_own_labels() -> None:
    papers = _papers()
    pairs = _pairs(papers)
    decided = outlet_decisions(pairs, papers)
    assert set(decided) == {id(pair) for pair in pairs}
    # every label of Paper 1 turned around, on its papers and on every pair it makes
    own = {paper.record_id for paper in papers if paper.source == "Paper 1"}
    flipped_papers = [
        replace(paper, label="non_derived" if paper.label in PICKUP_LABELS else "wholly_derived")
        if paper.record_id in own
        else paper
        for paper in papers
    ]
    flipped = [{**pair, "gold": not pair["gold"]} if pair["paper"] in own else pair for pair in pairs]
    again = outlet_decisions(flipped, flipped_papers)
    mine = [k for k, pair in enumerate(pairs) if pair["paper"] in own]
    assert len(mine) == 18  # nine papers, each against its own wire and the next story's
    assert [decided[id(pairs[k])] for k in mine] == [again[id(flipped[k])] for k in mine]
    # the other newspapers' decisions did read Paper 1's labels (the flip reached their fit)
    others = [k for k in range(len(pairs)) if k not in mine]
    assert [decided[id(pairs[k])] for k in others] != [again[id(flipped[k])] for k in others]


def test_a_newspapers_decision_trains_on_every_other_newspapers_pairs_and_their_gold_alone() -> None:
    papers = _papers()
    pairs = _pairs(papers)
    for outlet in ("Paper 0", "Paper 1", "Paper 2", "Paper 3"):
        train, gold, test, own, unseen = outlet_training(pairs, papers, outlet)
        assert unseen == frozenset()
        assert own == {paper.record_id for paper in papers if paper.source == outlet}
        assert len(own) == 9
        assert all(pair["paper"] not in own for pair in train)
        assert all(pair["paper"] in own for pair in test)
        assert len(train) + len(test) == len(pairs)
        # the threshold is chosen on the training pairs' recall: their gold, not the outlet's
        assert gold == sum(pair["gold"] for pair in train)
        assert gold == sum(p.label in PICKUP_LABELS for p in papers if p.source != outlet)


def test_a_newspaper_held_out_with_its_stories_trains_on_no_pair_of_those_stories() -> None:
    # Paper 0 reports stories 0, 2, 4, 6 and 8 only: every other paper reports every story
    papers = [
        paper for paper in _papers() if paper.source != "Paper 0" or STORIES.index(paper.story) % 2 == 0
    ]
    pairs = _pairs(papers)
    story_of = {paper.record_id: "/".join(paper.story) for paper in papers}
    train, gold, test, own, unseen = outlet_training(pairs, papers, "Paper 0", stories_too=True)
    assert unseen == {"/".join(STORIES[k]) for k in (0, 2, 4, 6, 8)}
    assert {story_of[pair["paper"]] for pair in train} == {"/".join(STORIES[k]) for k in (1, 3, 5, 7)}
    assert all(pair["story"] not in unseen for pair in train)
    assert {pair["paper"] for pair in test} == own
    assert gold == sum(pair["gold"] for pair in train)
    assert gold == sum(
        p.label in PICKUP_LABELS for p in papers if p.source != "Paper 0" and "/".join(p.story) not in unseen
    )


def test_the_newspaper_held_out_figures_are_its_decisions_scored() -> None:
    # each paper leaves a third of the stories to the others: something to train on without its own
    papers = [paper for paper in _papers() if (STORIES.index(paper.story) + int(paper.source[-1])) % 3]
    pairs = _pairs(papers)
    held = held_out_outlets(pairs, papers)
    assert sorted(held["outlets"]) == ["Paper 0", "Paper 1", "Paper 2", "Paper 3"]
    gold_total = sum(paper.label in PICKUP_LABELS for paper in papers)
    for way, stories_too in (("newspaper", False), ("newspaper_and_its_stories", True)):
        decided = outlet_decisions(pairs, papers, stories_too=stories_too)
        found = sum(pair["gold"] and decided[id(pair)] for pair in pairs)
        assert held[way]["recall"] == round(100 * found / gold_total, 1)
        assert held[way]["f1"] == score(pairs, gold_total, lambda pair, d=decided: d[id(pair)])["f1"]


def test_a_newspaper_that_leaves_no_story_to_train_on_is_refused() -> None:
    papers = _papers()  # every paper reports every story
    with pytest.raises(ValueError, match="no listed pair left to fit a decision for Paper 0 on"):
        outlet_decisions(_pairs(papers), papers, stories_too=True)


def test_each_pairs_out_of_fold_chance_is_what_its_folds_threshold_decided() -> None:
    papers = _papers()
    pairs = _pairs(papers)
    pairs[0] = {**pairs[0], "status": "unrelated"}  # weighed by no decision
    fold_of = story_folds(papers)
    chances: dict[int, float] = {}
    decided, folds = out_of_fold_decisions(pairs, papers, chances=chances)
    assert set(chances) == {id(pair) for pair in pairs}
    assert chances[id(pairs[0])] == 0.0
    assert all(0 < chances[id(pair)] < 1 for pair in pairs[1:])
    for pair in pairs:
        threshold = folds[fold_of[pair["story"]]]["threshold"]
        assert decided[id(pair)] == (chances[id(pair)] > 0 and chances[id(pair)] >= threshold)
    assert 0 < sum(decided.values()) < len(pairs)
