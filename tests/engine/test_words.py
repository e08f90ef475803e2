"""Word-level diff inside a matched pair."""

from __future__ import annotations

import pytest

from app.engine import compare, words
from app.engine.words import (
    diff_tokens,
    diff_words,
    inflections_of_one_word,
    swap_candidates,
    swap_key,
    tokenize,
    word_keys,
)


def changes(a: str, b: str) -> list[tuple[str, str, str]]:
    return [(c.op, c.base, c.other) for c in diff_words(a, b)]


class TestTokenize:
    def test_numbers_with_separators_stay_one_token(self) -> None:
        assert [t.text for t in tokenize("about 20,000 families, 3.5% and $1,200")] == [
            "about", "20,000", "families", "3.5%", "and", "$1,200",
        ]  # fmt: skip

    def test_hyphenated_words_equal_their_solid_form(self) -> None:
        assert tokenize("cease-fire")[0].key == tokenize("ceasefire")[0].key

    def test_words_kept_keys_are_bounded_and_read_as_made(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(words, "WORD_KEYS_KEPT", 3)
        monkeypatch.setattr(words, "_WORD_KEYS", {})
        text = "Rebels said Assad's forces, the cease-fire's foes, shelled Idlib and Rebels said so."
        first = word_keys(text)
        assert len(words._WORD_KEYS) <= 3
        assert word_keys(text) == first == (
            ["rebels", "said", "assads", "forces", "the", "ceasefires", "foes", "shelled", "idlib", "and",
             "rebels", "said", "so"],
            ["assads", "idlib", "rebels"],
            [],
        )  # fmt: skip


class TestDiffWords:
    def test_identical_text_has_no_changes(self) -> None:
        assert changes("The Kremlin said so.", "the kremlin said so") == []

    def test_glued_words_are_glue_not_rewording(self) -> None:
        assert changes("to stop Russian targets", "tostop Russiantargets") == [
            ("glue", "to stop", "tostop"),
            ("glue", "Russian targets", "Russiantargets"),
        ]

    def test_a_word_swap_is_a_replace(self) -> None:
        assert changes("stop the rebels now", "stop the militants now") == [
            ("replace", "rebels", "militants")
        ]

    def test_insertions_and_deletions(self) -> None:
        assert changes("President Tayyip Erdogan said", "President Recep Tayyip Erdogan") == [
            ("insert", "", "Recep"),
            ("delete", "said", ""),
        ]

    def test_a_lone_common_word_does_not_split_a_rewrite(self) -> None:
        assert changes(
            "northwest, the last significant rebel stronghold.",
            "northwest, themost serious escalation of the war since last summer.",
        ) == [
            (
                "replace",
                "the last significant rebel stronghold",
                "themost serious escalation of the war since last summer",
            )
        ]


class TestKeptOrReworded:
    def test_a_changed_number_is_reworded_never_kept(self) -> None:
        result = compare(
            ["More than 20,000 families were sleeping in an olive grove near the border."],
            ["More than 25,000 families were sleeping in an olive grove near the border."],
        )
        assert [(g.op, [(c.op, c.base, c.other) for c in g.changes]) for g in result.alignment] == [
            ("reworded", [("replace", "20,000", "25,000")])
        ]
        assert [(n.base, n.other, n.status) for n in result.numbers] == [("20,000", "25,000", "changed")]

    def test_case_punctuation_and_quote_style_do_not_count(self) -> None:
        result = compare(["\u201cWe need a cease-fire,\u201d he said."], ['"we need a ceasefire" he said'])
        assert [g.op for g in result.alignment] == ["kept"]


class TestSwapsInTheCopysLanguage:
    @staticmethod
    def swaps(
        base: str, other: str, language: str | None
    ) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        return swap_candidates(diff_tokens(tokenize(base), tokenize(other)), language=language)

    def test_a_function_word_of_the_language_is_no_swap(self) -> None:
        assert self.swaps("intervenue sur place", "intervenue dans place", "fr") == ([], [])

    def test_the_same_words_in_english_copy_are_still_words(self) -> None:
        assert self.swaps("the sur report", "the dans report", "en") == ([("sur", "dans")], [])

    def test_words_stem_in_the_copys_language(self) -> None:
        assert inflections_of_one_word("обстрела", "обстрелов", "ru")
        assert not inflections_of_one_word("обстрела", "обстрелов")

    def test_a_german_word_joined_to_its_particle_is_one_word(self) -> None:
        assert inflections_of_one_word("teilte", "mitteilte", "de")
        assert not inflections_of_one_word("teilte", "mitteilte", "en")

    def test_a_replacement_that_adds_a_negation_is_no_swap(self) -> None:
        assert self.swaps("Il governo ha negoziato ieri", "Il governo ha trattato ieri", "it") == (
            [("negoziato", "trattato")],
            [],
        )
        assert self.swaps("Il governo ha negoziato ieri", "Il governo non ha trattato ieri", "it") == ([], [])

    def test_forms_of_one_swap_share_a_key(self) -> None:
        assert swap_key("Повстанцы", "Террористы", "ru") == swap_key("повстанцев", "террористов", "ru")
