"""The verdict's newspaper folds hold out what they say: one newspaper's articles, and with its
stories every article of a story that newspaper reported (BENCHMARKS.md, "The judgement on a
newspaper it has never seen")."""

from __future__ import annotations

from benchmarks.accuracy import group_of
from benchmarks.fit_verdict import outlet_folds, stories_cut

# story -> the newspapers that reported it
REPORTED = {
    "boat": ("times", "sun", "mail"),
    "fire": ("times", "sun"),
    "trial": ("mail", "star"),
    "strike": ("star",),
    "flood": ("sun", "star", "mail"),
}


def _records() -> list[dict]:
    return [
        {"meta": {"newspaper": paper, "domain": "courts", "date": "02.11.99", "catchline": story}}
        for story, papers in REPORTED.items()
        for paper in papers
    ]


def _story(record: dict) -> str:
    return str(record["meta"]["catchline"])


def test_each_newspaper_is_held_out_once_and_trained_on_every_other_one() -> None:
    records = _records()
    folds = outlet_folds(records, stories_too=False)
    assert [outlet for outlet, _, _ in folds] == ["mail", "star", "sun", "times"]
    for outlet, train, test in folds:
        assert {records[i]["meta"]["newspaper"] for i in test} == {outlet}
        assert sorted(train + test) == list(range(len(records)))


def test_a_newspaper_held_out_with_its_stories_leaves_only_stories_it_did_not_report() -> None:
    records = _records()
    trained = {
        outlet: sorted({_story(records[i]) for i in train})
        for outlet, train, _ in outlet_folds(records, stories_too=True)
    }
    assert trained == {
        "mail": ["fire", "strike"],
        "star": ["boat", "fire"],
        "sun": ["strike", "trial"],
        "times": ["flood", "strike", "trial"],
    }
    for outlet, train, test in outlet_folds(records, stories_too=True):
        assert {group_of("meter", records[i]) for i in train}.isdisjoint(
            {group_of("meter", records[i]) for i in test}
        )
        assert all(records[i]["meta"]["newspaper"] != outlet for i in train)


def test_a_cut_training_set_takes_whole_stories_of_the_training_set_until_it_holds_the_size() -> None:
    # eight stories of two articles each, the first two held out
    records = [
        {"meta": {"newspaper": paper, "domain": "courts", "date": "02.11.99", "catchline": f"story{n}"}}
        for n in range(8)
        for paper in ("times", "sun")
    ]
    train = list(range(4, 16))
    for seed in range(6):
        for size, expected in ((4, 4), (5, 6), (7, 8), (12, 12), (40, 12)):
            kept = stories_cut(records, train, size, seed)
            assert set(kept) <= set(train)
            assert len(kept) == expected  # two articles a story: stops at the first story that reaches it
            stories = {_story(records[i]) for i in kept}
            assert kept == sorted(i for i in train if _story(records[i]) in stories)
    # another draw takes other stories
    assert len({tuple(stories_cut(records, train, 6, seed)) for seed in range(6)}) > 1
