"""Specifics read in time linear in the text: inputs the service accepts once made one step run
for minutes, holding the interpreter (a server worker froze). Each test holds an input the old
code took many minutes over (pytest-timeout, set in pyproject.toml, fails it then) and asserts the
exact answer: a regression shows as a test that never ends. No timing is asserted."""

from __future__ import annotations

from app.engine import compare
from app.engine.specifics import speakers


class TestSpeakers:
    """A run of capitals was read again from each of its capitals (or words) to its end: 10,000
    capitals took 13 s, 200,000 take hours."""

    def test_a_long_word_of_capitals_before_a_speaker(self) -> None:
        text = '"We will win," ' + "A" * 200_000 + ". Faizi said."
        assert speakers(text) == ["Faizi"]
        assert speakers(text, "fr") == ["Faizi"]

    def test_a_long_run_of_capitalised_words_before_a_speaker(self) -> None:
        text = '"We will win," ' + "Ab " * 100_000 + "came. Prime Minister Shehbaz Sharif said."
        assert speakers(text) == ["Shehbaz", "Sharif"]

    def test_a_long_run_of_capitalised_words_in_french(self) -> None:
        text = (
            "\u00ab Non \u00bb, "
            + "\u00c9b " * 100_000
            + "vint. \u00ab Non \u00bb, a d\u00e9clar\u00e9 Gérald Darmanin."
        )
        assert speakers(text, "fr") == ["Gérald", "Darmanin"]

    def test_a_long_run_of_hyphenated_capitals(self) -> None:
        text = "A-b " * 50_000 + "x. Peskov told reporters."
        assert speakers(text) == ["Peskov"]

    def test_a_speaker_still_starts_inside_a_word_or_after_a_verb_inside_a_run(self) -> None:
        assert speakers('"No," al-Assad said.') == ["Assad"]
        assert speakers("Foo,Bar said.") == ["Bar"]
        assert speakers("Al-said Bilal Faizi on Monday.") == ["Bilal", "Faizi"]
        assert speakers('"Non", Darmanin Dit Gérald Moi', "fr") == []
        assert speakers("\u00ab Non \u00bb, a d\u00e9clar\u00e9 le ministre Gérald Darmanin.", "fr") == [
            "Gérald",
            "Darmanin",
        ]

    def test_a_comparison_of_a_sentence_of_capitals(self) -> None:
        sentence = '"We will win," ' + "A" * 200_000 + "."
        result = compare([sentence], [sentence, "One more thing happened."])
        assert [(q.status, q.base_sentence, q.other_sentence) for q in result.quotes] == [("verbatim", 0, 0)]
