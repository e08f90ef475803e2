"""Whether a reworded sentence still says what the wire sentence said: ``same_meaning``."""

from __future__ import annotations

import pytest

from app.engine import Comparison, compare, render_html, render_markdown, render_text
from app.engine.meaning import FEATURES, load_model, pair_features, same_meaning
from tests.engine.conftest import index_of

RESIGNED = "The minister resigned on Monday."
RESIGNED_WITH_A_CAUSE = "The minister resigned on Monday after weeks of protests over fuel prices."
ARRESTED = "Police arrested three men in Leeds on Tuesday."
ARRESTED_PASSIVE = "Three men were arrested by police in Leeds on Tuesday."
COMPLAINED = "The Turkish leader has repeatedly complained to Moscow about a Russian-backed offensive."
#: how every rendering words the chance that the cause added changed the meaning
_CHANGED = f"{1 - same_meaning(RESIGNED, RESIGNED_WITH_A_CAUSE):.0%}"


def _reworded(result: Comparison) -> list[tuple[list[int], float]]:
    return [
        (g.base, g.same_meaning)
        for g in result.alignment
        if g.op == "reworded" and g.same_meaning is not None
    ]


def _changed_meaning(result: Comparison) -> list[list[int]]:
    return [base for base, probability in _reworded(result) if probability < 0.5]


class TestWhatIsJudged:
    def test_only_reworded_groups_carry_a_probability(self, reuters_vs_baghdad_post: Comparison) -> None:
        groups = reuters_vs_baghdad_post.alignment
        assert {g.op for g in groups} == {"kept", "reworded", "dropped", "added"}
        for group in groups:
            assert (group.same_meaning is not None) == (group.op == "reworded")

    def test_a_groups_probability_is_that_of_its_two_sides(self, reuters_vs_baghdad_post: Comparison) -> None:
        result = reuters_vs_baghdad_post
        for group in result.alignment:
            if group.op == "reworded":
                base = " ".join(result.base.sentences[i].text for i in group.base)
                other = " ".join(result.other.sentences[j].text for j in group.other)
                assert group.same_meaning == same_meaning(base, other)

    def test_it_is_in_the_json(self) -> None:
        [group] = compare([RESIGNED], [RESIGNED_WITH_A_CAUSE]).to_dict()["alignment"]
        assert group["op"] == "reworded"
        assert group["same_meaning"] == same_meaning(RESIGNED, RESIGNED_WITH_A_CAUSE)


class TestOnTheSeeds:
    def test_the_aggregator_reworded_only_its_title_and_kept_its_meaning(
        self, reuters_vs_aggregator: Comparison
    ) -> None:
        [(base, probability)] = _reworded(reuters_vs_aggregator)
        assert reuters_vs_aggregator.base.sentences[base[0]].role == "title"
        assert probability >= 0.9

    def test_the_baghdad_post_changed_what_one_reworded_sentence_says(
        self, reuters_vs_baghdad_post: Comparison
    ) -> None:
        # "... the last significant rebel stronghold" became "... the most serious escalation of the war ..."
        result = reuters_vs_baghdad_post
        assert len(_reworded(result)) == 4
        assert _changed_meaning(result) == [
            [index_of(result.base, "The Turkish leader has repeatedly complained")]
        ]

    def test_presstv_changed_what_two_of_its_four_reworded_sentences_say(
        self, reuters_vs_presstv: Comparison
    ) -> None:
        result = reuters_vs_presstv
        assert len(_reworded(result)) == 4
        assert _changed_meaning(result) == [
            [index_of(result.base, "The Kremlin said on Friday it was Turkey")],
            [index_of(result.base, "The Kremlin made clear on Friday however")],
        ]


class TestTheModel:
    def test_a_clause_added_changes_the_meaning(self) -> None:
        assert same_meaning(RESIGNED, RESIGNED_WITH_A_CAUSE) < 0.5

    def test_a_sentence_turned_passive_keeps_it(self) -> None:
        assert same_meaning(ARRESTED, ARRESTED_PASSIVE) >= 0.5

    def test_the_same_text_keeps_it(self) -> None:
        assert same_meaning(COMPLAINED, COMPLAINED) > 0.95

    @pytest.mark.parametrize(
        ("base", "other"), [(RESIGNED, RESIGNED_WITH_A_CAUSE), (ARRESTED, ARRESTED_PASSIVE)]
    )
    def test_the_order_of_the_two_sides_does_not_matter(self, base: str, other: str) -> None:
        assert same_meaning(base, other) == same_meaning(other, base)

    def test_words_run_together_are_read_as_the_words(self) -> None:
        glued = COMPLAINED.replace("about a", "abouta")
        features = pair_features(COMPLAINED, glued)
        for name in ("words1_f", "words2_f", "words4_f", "stems2_f", "subsequence_long", "edit_similarity"):
            assert features[name] == 1.0, name
        assert features["unmatched_high"] == 0
        assert features["length_difference"] == 0

    def test_a_headline_in_capitals_is_read_by_its_words_not_its_case(self) -> None:
        wire = "Senate passes $95 billion aid package for Ukraine, Israel and Taiwan"
        capitals = wire.upper()
        assert pair_features(wire, capitals) == pair_features(wire, wire)
        assert same_meaning(wire, capitals) >= 0.5

    def test_a_group_longer_than_any_sentence_is_not_judged(self) -> None:
        # the model knows sentences; its subsequence measures cost the product of the lengths
        long = " ".join(["The council met again"] * 101)  # 404 words
        [group] = compare([long + "."], [long + " today."]).alignment
        assert (group.op, group.same_meaning) == ("reworded", None)
        assert same_meaning(long, long + " today") is None
        assert same_meaning(" ".join(["The council met again"] * 100), COMPLAINED) is not None

    def test_the_shipped_model_reads_the_engines_features(self) -> None:
        model = load_model()
        assert model["features"] == list(FEATURES)
        assert len(model["coef"]) == len(model["mean"]) == len(model["scale"]) == len(FEATURES)
        assert model["version"] == "msrp-lr-1"


class TestRenderings:
    @pytest.fixture
    def result(self) -> Comparison:
        return compare([RESIGNED, ARRESTED], [RESIGNED_WITH_A_CAUSE, ARRESTED_PASSIVE])

    def test_text_says_so_under_the_changes(self, result: Comparison) -> None:
        lines = render_text(result).splitlines()
        at = lines.index("~ [0] The minister resigned on Monday.")
        assert lines[at + 1 : at + 3] == [
            '    insert "after weeks of protests over fuel prices"',
            f"    meaning likely changed ({_CHANGED})",
        ]

    def test_a_meaning_judged_kept_is_not_announced(self, result: Comparison) -> None:
        assert [g.op for g in result.alignment] == ["reworded", "reworded"]
        assert render_text(result).count("meaning likely changed") == 1
        assert "meaning likely kept" not in render_text(result)

    def test_markdown_lists_it_with_the_changes(self, result: Comparison) -> None:
        [row] = [
            line
            for line in render_markdown(result).splitlines()
            if line.startswith("| reworded | The minister")
        ]
        assert row.endswith(
            f'| insert "after weeks of protests over fuel prices"; meaning likely changed \\({_CHANGED}\\) |'
        )

    def test_html_marks_it(self, result: Comparison) -> None:
        assert (
            render_html(result).count(f'<li class="meaning-changed">meaning likely changed ({_CHANGED})</li>')
            == 1
        )
