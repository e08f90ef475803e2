"""Specifics read in time linear in the text: inputs the service accepts once made one step run
for minutes, holding the interpreter (a server worker froze). Each test holds an input the old
code took many minutes over (pytest-timeout, set in pyproject.toml, fails it then) and asserts the
exact answer: a regression shows as a test that never ends. No timing is asserted."""

from __future__ import annotations

import importlib

import pytest

from app.engine import CompareOptions, compare
from app.engine.budget import Budget, ComparisonTimeoutError
from app.engine.findings import find_findings
from app.engine.quantities import Quantity
from app.engine.report import Attribution, Document, Group, NumberChange, Quote, Sentence
from app.engine.specifics import (
    _NAME_OR_FIGURE,
    _changed_in_place,
    _currency_changes,
    _unpaired,
    check_numbers,
    check_quotes,
    reattributed,
    speakers,
)
from app.engine.words import diff_tokens, tokenize

SPENT = Budget(-1.0)  # its deadline has passed
#: the module, which the package's function of the same name hides
compare_module = importlib.import_module("app.engine.compare")


def _document(*texts: str) -> Document:
    return Document(None, [Sentence(k, text, None, None, "body") for k, text in enumerate(texts)])


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


class TestReattributed:
    """Each quotation read its whole sentence's speakers again: a sentence of 4,000 quotations
    took 28 s; of 20,000, far longer."""

    COUNT = 20_000

    def _sides(self) -> tuple[list[Quote], list[Group], Document, Document]:
        quoted = " ".join(f'"we will win war {k},"' for k in range(self.COUNT))
        base, other = _document(quoted + " Faizi said."), _document(quoted + " Sharif said.")
        quotes = [
            Quote(f"we will win war {k}", 0, "verbatim", 0, f"we will win war {k}") for k in range(self.COUNT)
        ]
        return quotes, [Group("kept", [0], [0], 1.0)], base, other

    def test_every_quotation_of_a_long_sentence_is_given_to_the_new_speaker(self) -> None:
        quotes, alignment, base, other = self._sides()
        marked = reattributed(quotes, alignment, base, other)
        assert [q.status for q in marked] == ["reattributed"] * self.COUNT
        assert {q.other_text for q in marked} == {other.sentences[0].text}

    def test_and_each_is_a_finding(self) -> None:
        quotes, alignment, base, other = self._sides()
        marked = reattributed(quotes, alignment, base, other)
        found = find_findings(
            "copy", base, other, alignment, marked, [], [], [], Attribution([], [], False, [], [])
        )
        assert [(f.kind, f.base_sentence, f.other_sentence) for f in found] == [
            ("quote_reattributed", 0, 0)
        ] * self.COUNT
        assert found[-1].message == (
            f"quotation given to another speaker: \u201cwe will win war {self.COUNT - 1}\u201d"
            " (Faizi \u2192 Sharif)"
        )

    def test_the_reattribution_stops_when_the_budget_is_spent(self) -> None:
        quotes, alignment, base, other = self._sides()
        with pytest.raises(ComparisonTimeoutError) as raised:
            reattributed(quotes, alignment, base, other, budget=SPENT)
        assert raised.value.step == "reattribution"

    def test_a_comparison_gives_the_reattribution_its_budget(self, monkeypatch: pytest.MonkeyPatch) -> None:
        given: list[object] = []

        def spy(*args: object) -> object:
            given.append(args[-1])  # the budget, the last argument
            return reattributed(*args)  # type: ignore[arg-type]

        monkeypatch.setattr(compare_module, "reattributed", spy)
        compare(
            ['"We will win," Faizi said.'], ['"We will win," Sharif said.'], CompareOptions(time_budget=60)
        )
        [budget] = given
        assert isinstance(budget, Budget) and budget.seconds == 60


class TestQuotes:
    """Each quotation found in a sentence read all of that sentence's quotations again: a sentence
    repeating one quotation 4,000 times took 6 s to check; 30,000 times, minutes."""

    def test_a_sentence_repeating_one_quotation(self) -> None:
        quoted = " ".join('"we will win this war"' for _ in range(30_000))
        base, other = _document(quoted), _document(quoted + " now")
        quotes = check_quotes(base, other, [Group("reworded", [0], [0], 0.9)])
        assert quotes == [Quote("we will win this war", 0, "verbatim", 0, "we will win this war")] * 30_000


class TestFigures:
    """Each figure of one side scanned the other side's figures for its equal, its currency and
    its noun: a sentence of 4,000 figures took 52 s; of 12,000, several minutes."""

    def test_a_sentence_of_figures_all_changed(self) -> None:
        base, other = (
            _document("Police said " + "12 " * 12_000 + "x."),
            _document("Police said " + "15 " * 12_000 + "x."),
        )
        changes = check_numbers([Group("reworded", [0], [0], 0.5)], base, other)
        assert changes == [NumberChange("12", "15", 0, 0, "changed")] * 12_000

    def test_a_sentence_of_figures_all_changed_before_the_same_noun(self) -> None:
        base = _document("Police said " + "12 homes " * 12_000 + "x.")
        other = _document("Police said " + "15 homes " * 12_000 + "x.")
        changes = check_numbers([Group("reworded", [0], [0], 0.5)], base, other)
        assert changes == [NumberChange("12", "15", 0, 0, "changed")] * 12_000

    def test_a_long_sentence_of_replacements_and_one_score_reversed(self) -> None:
        """Each word replaced read the whole sentence for a score it might stand in: 80,000 words,
        one in seven replaced, took 81 s (the work grew with the square of the words); the score
        reversed is still the one change."""
        words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf"]
        base = "Arsenal won 2-1 on Sunday, " + " ".join(words * 11_500) + "."
        other = "Arsenal won 1-2 on Sunday, " + " ".join([*words[:6], "hotel"] * 11_500) + "."
        result = compare([base], [other])
        assert [(g.op, len(g.changes or [])) for g in result.alignment] == [("reworded", 11_501)]
        assert [(n.base, n.other, n.status) for n in result.numbers] == [
            ("2", "1", "changed"),
            ("1", "2", "changed"),
        ]

    def test_thousands_of_figures_changed_in_place_pair_in_order(self) -> None:
        base = "Police said " + " ".join(f"{n} people died in the north;" for n in range(10_000, 13_000))
        other = "Police said " + " ".join(
            f"{n + 5_000} people died in the north;" for n in range(10_000, 13_000)
        )
        group = Group("reworded", [0], [0], 0.5)
        group.changes = [edit.as_change() for edit in diff_tokens(tokenize(base), tokenize(other))]
        assert check_numbers([group], _document(base), _document(other)) == [
            NumberChange(str(n), str(n + 5_000), 0, 0, "changed") for n in range(10_000, 13_000)
        ]

    def test_the_figures_changed_in_place_stop_when_the_budget_is_spent(self) -> None:
        base, other = "Police said 12 died in 2024.", "Police said 15 died in 2024."
        [group] = compare([base], [other]).alignment
        with pytest.raises(ComparisonTimeoutError) as raised:
            _changed_in_place(group, [], [], [base], SPENT)
        assert raised.value.step == "numbers"

    def test_figures_pair_with_the_first_equal_figure_not_taken(self) -> None:
        left = _figures("1200|1.2", "1.2", "5", "7")
        right = _figures("1.2", "1200", "5", "1.2|1200")
        assert _unpaired(left, right) == ([left[3]], [right[1]])
        left, right = _figures(*["1"] * 30_000), _figures(*["2"] * 30_000, "1")
        assert _unpaired(left, right) == (left[1:], right[:-1])

    def test_amounts_in_two_currencies_pair_in_order(self) -> None:
        left, right = _figures(*["USD 12"] * 20_000), _figures(*["EUR 13"] * 20_000, "GBP 12", "EUR 12")
        only_left, only_right = list(left), list(right)
        assert _currency_changes(only_left, only_right) == [(left[0], right[-2]), (left[1], right[-1])]
        assert (only_left, only_right) == (left[2:], right[:-2])


def _figures(*readings: str) -> list[tuple[Quantity, int]]:
    """Figures of sentence 0, each with its readings ("1200|1.2")."""
    return [(Quantity(r, k, k + 1, frozenset(r.split("|"))), 0) for k, r in enumerate(readings)]


class TestNamesAndFigures:
    def test_a_long_word_of_capitals_before_a_digit(self) -> None:
        # read from each split of the word: 8,000 capitals took 1.5 s, 200,000 take many minutes
        assert _NAME_OR_FIGURE.findall("A" * 200_000 + "1 Kyiv 7") == ["Kyiv", "7"]
        assert _NAME_OR_FIGURE.findall("AB\u00d7c1 a\u00d7b Ab\u00d7c d\u00e9j\u00e0 \u00c9t\u00e9 1,5") == [
            "AB",
            "a\u00d7b",
            "Ab\u00d7c",
            "\u00c9t\u00e9",
            "1,5",
        ]
