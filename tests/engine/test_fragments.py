"""find_fragments: shared word runs of two texts, with offsets on both sides."""

from __future__ import annotations

from app.engine.fragments import find_fragments
from app.engine.report import Sentence


def sentences(*texts: str) -> list[Sentence]:
    return [Sentence(i, text, None, None, "body") for i, text in enumerate(texts)]


def test_a_spliced_phrase_is_found_with_offsets_within_each_sentence() -> None:
    base = sentences("He said so.", "Turkey asked for a truce to prevent more civilian deaths, he said.")
    other = sentences("Moscow refused to prevent more civilian deaths on Friday.")
    [fragment] = find_fragments(base, other)
    assert (fragment.base_sentence, fragment.other_sentence, fragment.words) == (1, 0, 5)
    assert base[1].text[fragment.base_start : fragment.base_end] == "to prevent more civilian deaths"
    assert other[0].text[fragment.other_start : fragment.other_end] == "to prevent more civilian deaths"
    assert fragment.text == "to prevent more civilian deaths"


def test_case_punctuation_and_quote_style_do_not_break_a_run() -> None:
    base = sentences("“We need a ceasefire in Idlib,” Peskov said.")
    other = sentences("we need a CEASEFIRE in Idlib - Peskov said")
    [fragment] = find_fragments(base, other)
    assert fragment.words == 8
    assert (
        other[0].text[fragment.other_start : fragment.other_end]
        == "we need a CEASEFIRE in Idlib - Peskov said"
    )


def test_runs_shorter_than_four_words_are_not_fragments() -> None:
    assert (
        find_fragments(sentences("Rebels fired rockets at dawn."), sentences("Rebels fired rockets today."))
        == []
    )


def test_runs_of_function_words_are_not_fragments() -> None:
    base = sentences("It was one of the and in the end.")
    other = sentences("Then one of the and in the rest.")
    assert find_fragments(base, other) == []


def test_a_run_stops_at_the_end_of_a_sentence() -> None:
    base = sentences("Troops moved into the northern town.", "Civilians fled the heavy shelling overnight.")
    other = sentences("Troops moved into the northern town. Civilians fled the heavy shelling overnight.")
    assert [(f.base_sentence, f.words) for f in find_fragments(base, other)] == [(0, 6), (1, 6)]


def test_no_word_belongs_to_two_fragments() -> None:
    base = sentences("The army said the rebels fired rockets at the town.")
    other = sentences(
        "The army said the rebels fired rockets at the town.", "The army said the rebels fired rockets."
    )
    found = find_fragments(base, other)
    assert [(f.other_sentence, f.words) for f in found] == [(0, 10)]


def test_fragments_come_in_the_other_texts_reading_order() -> None:
    base = sentences("Peskov told reporters in Moscow on Friday.", "Erdogan called for a ceasefire in Idlib.")
    other = sentences("Erdogan called for a ceasefire in Idlib, Peskov told reporters in Moscow on Friday.")
    assert [f.base_sentence for f in find_fragments(base, other)] == [1, 0]
