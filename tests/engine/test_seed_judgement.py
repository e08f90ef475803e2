"""Fragments and the judgement on the seed texts (Reuters 001 as the base)."""

from __future__ import annotations

import pytest

from app.engine import Comparison, render_text
from tests.engine.conftest import index_of, seed_comparison


class TestPressTVSplicesReutersPhrases:
    def test_the_refugee_phrase_is_a_fragment_of_the_erdogan_sentence(
        self, reuters_vs_presstv: Comparison
    ) -> None:
        result = reuters_vs_presstv
        [fragment] = [f for f in result.fragments if "refugee influx" in f.text]
        assert fragment.text == "to prevent more civilian deaths and a refugee influx to Turkey"
        assert fragment.words == 11
        assert fragment.base_sentence == index_of(result.base, "Turkish President Tayyip Erdogan told")
        assert fragment.other_sentence == index_of(result.other, "Kremlin spokesman Dmitry Peskov made clear")
        other_text = result.other.sentences[fragment.other_sentence].text
        assert other_text[fragment.other_start : fragment.other_end] == fragment.text

    def test_the_peskov_quote_is_one_33_word_fragment(self, reuters_vs_presstv: Comparison) -> None:
        longest = max(reuters_vs_presstv.fragments, key=lambda f: f.words)
        assert longest.words == 33
        assert longest.text.startswith("We really do need a ceasefire in Idlib")

    def test_verdict_is_derived_with_every_probability_given(self, reuters_vs_presstv: Comparison) -> None:
        judgement = reuters_vs_presstv.judgement
        assert reuters_vs_presstv.verdict == "derived"
        assert list(judgement.probabilities) == ["copy", "derived", "related", "unrelated"]
        assert sum(judgement.probabilities.values()) == pytest.approx(1.0, abs=1e-3)
        assert len(judgement.evidence) == 3


class TestAggregatorCopy:
    def test_copy_is_the_most_probable_verdict(self, reuters_vs_aggregator: Comparison) -> None:
        probabilities = reuters_vs_aggregator.judgement.probabilities
        assert max(probabilities, key=probabilities.__getitem__) == "copy"
        assert probabilities["copy"] > 0.8

    def test_every_kept_sentence_is_one_fragment(self, reuters_vs_aggregator: Comparison) -> None:
        result = reuters_vs_aggregator
        kept = [g for g in result.alignment if g.op == "kept" and g.other]
        whole = {(f.base_sentence, f.other_sentence) for f in result.fragments}
        assert all((g.base[0], g.other[0]) in whole for g in kept)

    def test_fragment_text_is_the_words_found_on_both_sides(self, reuters_vs_aggregator: Comparison) -> None:
        result = reuters_vs_aggregator
        for fragment in result.fragments:
            base_text = result.base.sentences[fragment.base_sentence].text
            assert base_text[fragment.base_start : fragment.base_end] == fragment.text


class TestPressTVRule:
    def test_derived_by_the_rewrite_rule_over_the_models_related(self) -> None:
        result = seed_comparison("001", "004")
        probabilities = result.judgement.probabilities
        assert (result.verdict, result.judgement.rule, max(probabilities, key=probabilities.__getitem__)) == (
            "derived",
            "rewrite",
            "related",
        )
        assert (
            render_text(result)
            .splitlines()[-1]
            .startswith(
                "? derived by rule: 35% of the base or more carried, 3 sentences or more clearly reused; "
                "the model said copy 0%, derived 36%, related 63%"
            )
        )


class TestBaghdadPost:
    def test_derived_is_the_most_probable_verdict(self, reuters_vs_baghdad_post: Comparison) -> None:
        probabilities = reuters_vs_baghdad_post.judgement.probabilities
        assert max(probabilities, key=probabilities.__getitem__) == "derived"


class TestDifferentStory:
    def test_only_short_fragments_are_shared(self, reuters_vs_other_story: Comparison) -> None:
        assert [f.words for f in reuters_vs_other_story.fragments] == [4, 6, 4, 4]

    def test_unrelated_by_rule_with_certainty(self, reuters_vs_other_story: Comparison) -> None:
        judgement = reuters_vs_other_story.judgement
        assert judgement.probabilities["unrelated"] == 1.0
        assert judgement.evidence == []


def test_the_judgement_serialises_with_the_comparison() -> None:
    data = seed_comparison("001", "004").to_dict()
    assert list(data)[:3] == ["engine_version", "verdict", "judgement"]
    assert list(data)[list(data).index("alignment") + 1] == "fragments"
    assert set(data["judgement"]) == {"probabilities", "evidence", "model_version", "rule"}
    assert set(data["fragments"][0]) == {
        "base_sentence",
        "other_sentence",
        "base_start",
        "base_end",
        "other_start",
        "other_end",
        "words",
        "text",
    }
