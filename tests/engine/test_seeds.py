"""What must hold on the five seed texts (issue 2), one statement per test.

001 is the Reuters original; 000 an aggregator's verbatim copy, 002 Baghdad Post's
trimmed and extended copy, 004 PressTV's rewrite, 003 a different Reuters story.
"""

from __future__ import annotations

import pytest

from app.engine import Comparison, compare
from tests.engine.conftest import group_of_base, group_of_other, index_of, seed_comparison, seed_text


def body_indices(result: Comparison, side: str) -> list[int]:
    document = result.base if side == "base" else result.other
    return [s.index for s in document.sentences if s.role == "body"]


class TestReutersVsVerbatimCopy:
    def test_the_ukrainian_headline_block_is_boilerplate(self, reuters_vs_aggregator: Comparison) -> None:
        block = index_of(reuters_vs_aggregator.other, "У Криму дрон")
        assert reuters_vs_aggregator.other.sentences[block].role == "boilerplate"
        assert reuters_vs_aggregator.summary.added == 0

    def test_all_eleven_body_sentences_are_kept(self, reuters_vs_aggregator: Comparison) -> None:
        body = body_indices(reuters_vs_aggregator, "base")
        assert len(body) == 11
        assert [group_of_base(reuters_vs_aggregator, i).op for i in body] == ["kept"] * 11

    def test_nothing_is_dropped_or_moved(self, reuters_vs_aggregator: Comparison) -> None:
        assert reuters_vs_aggregator.summary.dropped == 0
        assert reuters_vs_aggregator.summary.moved == 0

    def test_all_three_quotations_are_verbatim(self, reuters_vs_aggregator: Comparison) -> None:
        assert [q.status for q in reuters_vs_aggregator.quotes] == ["verbatim"] * 3

    def test_verdict_is_copy(self, reuters_vs_aggregator: Comparison) -> None:
        assert reuters_vs_aggregator.verdict == "copy"


class TestReutersVsBaghdadPost:
    @pytest.mark.parametrize(
        "opening",
        [
            "The Kremlin said on Friday",
            "Erdogan also told Putin",
            "\u201cWe really do need a ceasefire",
            "\u201c\u2026This is the responsibility of the Turkish side.\u201d",
        ],
    )
    def test_glued_sentences_are_kept(self, reuters_vs_baghdad_post: Comparison, opening: str) -> None:
        group = group_of_base(reuters_vs_baghdad_post, index_of(reuters_vs_baghdad_post.base, opening))
        assert group.op == "kept"
        assert all(change.op == "glue" for change in group.changes)

    def test_glue_shows_as_glue_in_the_word_diff(self, reuters_vs_baghdad_post: Comparison) -> None:
        group = group_of_base(
            reuters_vs_baghdad_post, index_of(reuters_vs_baghdad_post.base, "The Kremlin said")
        )
        assert [(c.op, c.base, c.other) for c in group.changes] == [
            ("glue", "to stop", "tostop"),
            ("glue", "Russian targets", "Russiantargets"),
            ("glue", "offensive there", "offensivethere"),
        ]

    def test_erdogan_sentence_matches_the_one_with_recep(self, reuters_vs_baghdad_post: Comparison) -> None:
        result = reuters_vs_baghdad_post
        group = group_of_base(result, index_of(result.base, "Turkish President Tayyip Erdogan told"))
        assert group.other == [index_of(result.other, "Turkish President Recep Tayyip Erdogan told")]
        assert group.op == "reworded"
        assert [(c.op, c.other) for c in group.changes if c.op != "glue"] == [("insert", "Recep")]

    @pytest.mark.parametrize("opening", ["The Turkish leader has repeatedly", "The Kremlin made clear"])
    def test_rewritten_sentences_are_reworded(
        self, reuters_vs_baghdad_post: Comparison, opening: str
    ) -> None:
        group = group_of_base(reuters_vs_baghdad_post, index_of(reuters_vs_baghdad_post.base, opening))
        assert group.op == "reworded"
        assert group.other

    def test_month_long_offensive_is_never_kept(self, reuters_vs_baghdad_post: Comparison) -> None:
        result = reuters_vs_baghdad_post
        group = group_of_base(result, index_of(result.base, "The month-long offensive"))
        leader = index_of(result.base, "The Turkish leader has repeatedly")
        assert group.op == "dropped" or (group.op == "reworded" and leader in group.base)

    @pytest.mark.parametrize(
        "opening", ["Syrians uprooted", "Abou al-Nour", "\u201cThey don\u2019t have any shelter"]
    )
    def test_trimmed_sentences_are_dropped(self, reuters_vs_baghdad_post: Comparison, opening: str) -> None:
        group = group_of_base(reuters_vs_baghdad_post, index_of(reuters_vs_baghdad_post.base, opening))
        assert (group.op, group.other) == ("dropped", [])

    def test_new_paragraphs_are_added(self, reuters_vs_baghdad_post: Comparison) -> None:
        result = reuters_vs_baghdad_post
        first = index_of(result.other, "Russia has complained of rocket")
        last = index_of(result.other, "It has blamed Turkey")
        assert last - first == 5
        added = [index_of(result.other, "The fighting has uprooted around 250,000"), *range(first, last + 1)]
        assert [group_of_other(result, j).op for j in added] == ["added"] * 7

    def test_breadcrumb_and_credit_are_boilerplate(self, reuters_vs_baghdad_post: Comparison) -> None:
        other = reuters_vs_baghdad_post.other
        roles = {s.text: s.role for s in other.sentences}
        assert roles["date 2019-05-31 Home \u203a Baghdad Post \u203a"] == "boilerplate"
        assert roles["(Hatha al-Youm | Iraq News )-"] == "boilerplate"
        assert other.title == "Russia says it's Turkey's duty to halt fighting in Syria's Idlib"

    def test_nothing_is_moved(self, reuters_vs_baghdad_post: Comparison) -> None:
        assert reuters_vs_baghdad_post.summary.moved == 0

    def test_verdict_is_derived(self, reuters_vs_baghdad_post: Comparison) -> None:
        assert reuters_vs_baghdad_post.verdict == "derived"

    def test_the_reuters_credit_is_dropped(self, reuters_vs_baghdad_post: Comparison) -> None:
        attribution = reuters_vs_baghdad_post.attribution
        assert (attribution.base_credits, attribution.other_credits, attribution.credit_dropped) == (
            ["Reuters"],
            [],
            True,
        )


class TestReutersVsPressTVRewrite:
    def test_first_body_sentence_matches_the_paraphrased_lede(self, reuters_vs_presstv: Comparison) -> None:
        result = reuters_vs_presstv
        group = group_of_base(result, index_of(result.base, "The Kremlin said on Friday"))
        assert (group.op, group.other) == (
            "reworded",
            [index_of(result.other, "A high-ranking Russian official")],
        )

    def test_kremlin_made_clear_matches_the_peskov_sentence(self, reuters_vs_presstv: Comparison) -> None:
        result = reuters_vs_presstv
        group = group_of_base(result, index_of(result.base, "The Kremlin made clear"))
        expected = index_of(result.other, "Kremlin spokesman Dmitry Peskov made clear on Friday")
        assert (group.op, group.other) == ("reworded", [expected])

    def test_erdogan_sentence_does_not_match_the_sochi_deal(self, reuters_vs_presstv: Comparison) -> None:
        result = reuters_vs_presstv
        group = group_of_base(result, index_of(result.base, "Turkish President Tayyip Erdogan told"))
        assert index_of(result.other, "Under a deal reached") not in group.other

    def test_background_paragraphs_are_added(self, reuters_vs_presstv: Comparison) -> None:
        result = reuters_vs_presstv
        first = index_of(result.other, "On May 23, the Russian Defense Ministry")
        last = index_of(result.other, "The Syrian government says")
        assert last - first + 1 == 14
        assert [group_of_other(result, j).op for j in range(first, last + 1)] == ["added"] * 14

    def test_rebels_become_militants(self, reuters_vs_presstv: Comparison) -> None:
        swaps = {(s.base, s.other): s.count for s in reuters_vs_presstv.substitutions}
        assert swaps[("rebels", "militants")] == 2

    def test_surviving_quotes_are_verbatim_and_the_camp_quote_is_missing(
        self, reuters_vs_presstv: Comparison
    ) -> None:
        base_quotes = [
            (q.text.split()[:3], q.status) for q in reuters_vs_presstv.quotes if q.base_sentence is not None
        ]
        assert base_quotes == [
            (["They", "don\u2019t", "have"], "missing"),
            (["We", "really", "do"], "verbatim"),
            (["\u2026This", "is", "the"], "verbatim"),
        ]

    def test_verdict_is_derived(self, reuters_vs_presstv: Comparison) -> None:
        assert reuters_vs_presstv.verdict == "derived"


class TestReutersVsDifferentStory:
    def test_no_group_links_the_two_stories(self, reuters_vs_other_story: Comparison) -> None:
        assert [g for g in reuters_vs_other_story.alignment if g.base and g.other] == []

    def test_the_repeated_standfirst_counts_once(self, reuters_vs_other_story: Comparison) -> None:
        other = reuters_vs_other_story.other
        standfirst = [s for s in other.sentences if s.text.startswith("Moscow's relations with Turkey")]
        assert [s.role for s in standfirst] == ["body", "boilerplate"]
        assert (
            sum(g.op == "added" for g in reuters_vs_other_story.alignment if standfirst[0].index in g.other)
            == 1
        )

    def test_none_of_the_quotations_is_found(self, reuters_vs_other_story: Comparison) -> None:
        base_quotes = [q for q in reuters_vs_other_story.quotes if q.base_sentence is not None]
        assert [q.status for q in base_quotes] == ["missing"] * 3

    def test_verdict_is_unrelated(self, reuters_vs_other_story: Comparison) -> None:
        assert reuters_vs_other_story.verdict == "unrelated"


SEED_NUMBERS = ["000", "001", "002", "003", "004"]


@pytest.mark.parametrize("number", SEED_NUMBERS)
def test_a_text_compared_with_itself_is_all_kept(number: str) -> None:
    result = compare(seed_text(number), seed_text(number))
    assert {g.op for g in result.alignment} == {"kept"}
    assert all(g.base == g.other for g in result.alignment)
    assert result.verdict == "copy"


@pytest.mark.parametrize("a", SEED_NUMBERS)
@pytest.mark.parametrize("b", SEED_NUMBERS)
def test_dropped_one_way_is_added_the_other_way(a: str, b: str) -> None:
    forward, backward = seed_comparison(a, b), seed_comparison(b, a)
    dropped = sorted(i for g in forward.alignment if g.op == "dropped" for i in g.base)
    added = sorted(j for g in backward.alignment if g.op == "added" for j in g.other)
    assert dropped == added
