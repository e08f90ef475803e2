"""Figures compared as quantities, reporting verbs and hedges, short sentences."""

from __future__ import annotations

from typing import ClassVar

from app.engine import compare


def numbers(base: list[str] | str, other: list[str] | str) -> list[tuple[str | None, str | None, str]]:
    return [(n.base, n.other, n.status) for n in compare(base, other).numbers]


class TestFiguresAsQuantities:
    def test_a_percent_sign_spelt_out_is_no_change(self) -> None:
        assert (
            numbers(
                ["Prices rose 5% in May, the bank said."], ["Prices rose 5 percent in May, the bank said."]
            )
            == []
        )

    def test_a_currency_written_before_or_after_is_no_change(self) -> None:
        assert (
            numbers(
                ["The city paid 3.5 million dollars for the new bridge last year."],
                ["The city paid $3.5 million for the new bridge last year."],
            )
            == []
        )

    def test_a_number_in_words_is_no_change(self) -> None:
        assert (
            numbers(
                ["Police arrested 12 people at the border."], ["Police arrested twelve people at the border."]
            )
            == []
        )

    def test_a_number_word_changed_is_a_figure_change(self) -> None:
        assert numbers(
            ["Three people died in the fire in Lyon, officials said."],
            ["Five people died in the fire in Lyon, officials said."],
        ) == [("Three", "Five", "changed")]

    def test_a_french_grouped_figure_changed_is_one_change(self) -> None:
        assert numbers(
            ["L’effondrement du pont a fait 1 200 morts selon la préfecture de Gênes."],
            ["L’effondrement du pont a fait 2 000 morts selon la préfecture de Gênes."],
        ) == [("1 200", "2 000", "changed")]

    def test_no_break_and_thin_space_groups_equal_the_comma_group(self) -> None:
        assert (
            numbers(
                ["Some 1,200 families fled the city on Monday."],
                ["Some 1\u202f200 families fled the city on Monday."],
            )
            == []
        )

    def test_a_headline_figure_stated_in_the_body_is_not_missing(self) -> None:
        base = (
            "Bridge collapse kills 1,200 in Genoa\n\nThe bridge collapsed on Tuesday, killing 1,200 people."
        )
        other = (
            "Genoa bridge collapse kills hundreds\n\nThe bridge collapsed on Tuesday, killing 1 200 people."
        )
        assert numbers(base, other) == []

    def test_a_figure_the_base_states_in_another_sentence_is_no_change(self) -> None:
        # the age is dropped; "four" is the pints of the next sentence, not the age changed
        assert numbers(
            [
                "Martin Hale, 52, of Quay Street, Port Elwin, admitted endangering life after the crash.",
                "Eleven passengers were taken to hospital.",
                "The court heard that Hale had drunk four pints of cider in the Anchor Inn.",
            ],
            [
                "Martin Hale, who had drunk four pints, of Quay Street, Port Elwin, admitted endangering "
                "life after the crash.",
                "Eleven passengers were taken to hospital.",
            ],
        ) == [("52", None, "missing")]

    def test_a_figure_moved_to_another_sentence_is_not_missing(self) -> None:
        assert (
            numbers(
                ["The storm killed 14 people on Monday in three towns.", "Roads were closed."],
                ["The storm killed people on Monday in three towns.", "Roads were closed and 14 died."],
            )
            == []
        )

    def test_a_changed_figure_among_equal_ones_is_the_only_change(self) -> None:
        assert numbers(
            ["Unemployment rose 2% to 1.5 million in May, up from 1,200,000 a year ago."],
            ["Unemployment rose 2 per cent to 1.6 million in May, up from 1.2 million a year ago."],
        ) == [("1.5 million", "1.6 million", "changed")]


class TestReportingVerbs:
    BASE: ClassVar[list[str]] = [
        "The minister said the border would stay open.",
        "Police said the protesters had thrown stones at officers.",
        "The army said it had not fired on civilians.",
        "Rain fell all day.",
    ]
    OTHER: ClassVar[list[str]] = [
        "The minister claimed the border would stay open.",
        "Police claimed the protesters had thrown stones at officers.",
        "The army claimed it had not fired on civilians.",
        "Rain fell all day.",
    ]

    def test_said_to_claimed_three_times_is_listed_with_its_count_and_tones(self) -> None:
        result = compare(self.BASE, self.OTHER)
        assert [(v.base, v.other, v.count, v.base_tone, v.other_tone) for v in result.reporting_verbs] == [
            ("said", "claimed", 3, "neutral", "loaded")
        ]

    def test_a_loaded_verb_made_neutral_is_listed(self) -> None:
        result = compare(
            ["The company admitted it had lost the data."], ["The company said it had lost the data."]
        )
        assert [(v.base, v.other, v.count) for v in result.reporting_verbs] == [("admitted", "said", 1)]

    def test_a_change_between_neutral_verbs_is_not_listed(self) -> None:
        result = compare(
            ["The mayor said the road was closed."], ["The mayor told reporters the road was closed."]
        )
        assert result.reporting_verbs == []

    def test_an_added_hedge_is_listed(self) -> None:
        result = compare(
            ["The soldiers fired on the crowd near the market."],
            ["The soldiers allegedly fired on the crowd near the market."],
        )
        assert [(v.base, v.other, v.other_tone) for v in result.reporting_verbs] == [
            ("", "allegedly", "hedge")
        ]

    def test_verbs_inside_a_quotation_are_the_speaker_s(self) -> None:
        result = compare(
            ["“They said it was over,” the farmer told reporters in Kherson."],
            ["“They claimed it was over,” the farmer told reporters in Kherson."],
        )
        assert result.reporting_verbs == []


class TestShortSentences:
    def test_a_one_word_edit_in_a_seven_word_sentence_is_reworded(self) -> None:
        result = compare(
            ["The old bridge collapsed on Tuesday evening."],
            ["The old bridge collapsed on Wednesday evening."],
        )
        assert [(g.op, g.base, g.other) for g in result.alignment] == [("reworded", [0], [0])]
        assert [(c.op, c.base, c.other) for c in result.alignment[0].changes] == [
            ("replace", "Tuesday", "Wednesday")
        ]

    def test_a_short_sentence_saying_something_else_stays_dropped_and_added(self) -> None:
        result = compare(["It rained on Friday."], ["It rained on Tuesday."])
        assert [g.op for g in result.alignment] == ["dropped", "added"]

    def test_two_words_changed_in_a_short_sentence_is_not_forced_into_a_match(self) -> None:
        result = compare(
            ["The old bridge collapsed on Tuesday evening."], ["The new road opened on Tuesday evening."]
        )
        assert [g.op for g in result.alignment] == ["dropped", "added"]
