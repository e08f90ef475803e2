"""The related-versions index keys (app/engine/index.py): what makes two sentences share keys."""

from __future__ import annotations

from app.engine.compare import prepare
from app.engine.index import KEY_TAG, MAX_INDEXED_SENTENCES, band_keys, band_keys_of, sentence_shingles
from tests.seeds import seed_text

SENTENCE = "The Kremlin said on Friday it was Turkey's responsibility to stop rebels in Idlib from firing."


def _sentence(number: int) -> str:
    """Sentences that share no word pair: each has words of its own."""
    return f"Council{number} approved bridge{number} works{number} at station{number} after rain{number}."


class TestBandKeys:
    def test_a_sentence_has_one_key_per_content_word_pair(self) -> None:
        keys = band_keys_of([SENTENCE])
        assert len(keys) == len(sentence_shingles(SENTENCE)) == 7

    def test_keys_fit_a_signed_64_bit_column_and_carry_the_tag(self) -> None:
        keys = band_keys(prepare(seed_text("003")))
        assert all(KEY_TAG <= key < 2**63 for key in keys)

    def test_a_rewrite_around_the_same_names_and_numbers_shares_their_pairs(self) -> None:
        wire = "Kevin Jones, 41, of Luton, was jailed for six years at Luton Crown Court on Monday."
        rewrite = "A judge at Luton Crown Court sent Kevin Jones, 41, to prison for six years."
        shared = set(band_keys_of([wire])) & set(band_keys_of([rewrite]))
        assert len(shared) == len(sentence_shingles(wire) & sentence_shingles(rewrite)) == 5

    def test_case_punctuation_and_quote_styles_do_not_change_the_keys(self) -> None:
        restyled = SENTENCE.upper().replace("'", "\u2019").replace(".", "!")
        assert band_keys_of([restyled]) == band_keys_of([SENTENCE])

    def test_inflections_and_function_words_do_not_change_the_keys(self) -> None:
        reworded = SENTENCE.replace("rebels", "the rebel").replace("firing", "fired")
        assert band_keys_of([reworded]) == band_keys_of([SENTENCE])

    def test_sentences_with_one_word_swapped_keep_most_of_their_keys(self) -> None:
        body = [s.text for s in prepare(seed_text("001")).document.sentences if s.role == "body"]
        swapped = [" ".join([*s.split()[:4], "zebras", *s.split()[5:]]) for s in body]
        kept = set(band_keys_of(body)) & set(band_keys_of(swapped))
        assert len(kept) >= len(band_keys_of(body)) // 2

    def test_different_sentences_share_no_key(self) -> None:
        assert not set(band_keys_of([_sentence(1)])) & set(band_keys_of([_sentence(2)]))

    def test_sentences_of_fewer_than_three_content_words_have_none(self) -> None:
        assert band_keys_of(["It rained on Friday.", "He said so."]) == []

    def test_only_the_first_sentences_are_indexed(self) -> None:
        sentences = [_sentence(n) for n in range(MAX_INDEXED_SENTENCES + 10)]
        assert band_keys_of(sentences) == band_keys_of(sentences[:MAX_INDEXED_SENTENCES])

    def test_title_and_boilerplate_are_left_out(self) -> None:
        prepared = prepare(seed_text("001"))
        body = [s.text for s in prepared.document.sentences if s.role == "body"]
        assert band_keys(prepared) == band_keys_of(body)
        assert {s.role for s in prepared.document.sentences} == {"title", "boilerplate", "body"}
