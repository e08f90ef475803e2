"""Figures compared as quantities, reporting verbs and hedges, short sentences."""

from __future__ import annotations

from typing import ClassVar

import pytest

from app.engine import compare
from app.engine.quantities import find_quantities


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
        other = "Genoa bridge collapse kills many\n\nThe bridge collapsed on Tuesday, killing 1 200 people."
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

    def test_a_house_style_for_million_metres_or_thousands_is_no_change(self) -> None:
        for base, other in (
            ("About 3.5 million people live in the province.", "About 3.5m people live in the province."),
            ("The country produced 5 million tonnes of wheat.", "The country produced 5m tonnes of wheat."),
            ("She won the 100 metres final in Paris.", "She won the 100m final in Paris."),
        ):
            assert numbers([base], [other]) == [], other

    def test_a_figure_in_millions_changed_in_house_style_is_a_change(self) -> None:
        assert numbers(
            ["About 3.5 million people live in the province."], ["About 4.5m people live in the province."]
        ) == [("3.5 million", "4.5m", "changed")]

    def test_barrels_per_day_abbreviated_is_no_change(self) -> None:
        assert (
            numbers(
                ["Oil output fell to 1.5 million barrels per day in May."],
                ["Oil output fell to 1.5 million bpd in May."],
            )
            == []
        )

    def test_a_time_of_day_in_another_house_style_is_no_change(self) -> None:
        for base, other in (
            ("Trading opened at 0930 GMT on Wednesday.", "Trading opened at 9:30 GMT on Wednesday."),
            ("The ruling came at 3:30 p.m. local time.", "The ruling came at 3.30pm local time."),
            ("The ruling came at 3:30 p.m. local time.", "The ruling came at 15:30 local time."),
        ):
            assert numbers([base], [other]) == [], other

    def test_a_time_of_day_changed_is_a_change(self) -> None:
        assert numbers(
            ["The ruling came at 3:30 p.m. local time."], ["The ruling came at 4.30pm local time."]
        ) == [("3:30 p.m.", "4.30pm", "changed")]

    def test_a_range_written_with_its_scale_once_is_no_change(self) -> None:
        for other in (
            "The company expects revenue of $10-12 billion this year.",
            "The company expects revenue of 10 to 12 billion dollars this year.",
        ):
            assert (
                numbers(["The company expects revenue of $10 billion to $12 billion this year."], [other])
                == []
            )
        assert (
            numbers(
                ["Inflation will be 5% to 10% next year, the bank said."],
                ["Inflation will be 5-10% next year, the bank said."],
            )
            == []
        )

    def test_a_percent_before_an_amount_is_no_range(self) -> None:
        assert (
            numbers(
                ["Sales rose 5 per cent to $3.5 million in May, the company said."],
                ["Sales rose 5 per cent to $3.5 million in May, the firm said."],
            )
            == []
        )
        assert (
            numbers(
                ["Sales rose 5 per cent to $3.5 million in May."],
                ["Sales rose 5 percent to $3.5 million in May."],
            )
            == []
        )

    def test_a_time_taken_or_a_german_am_is_no_time_of_day(self) -> None:
        assert numbers(["She won the 10,000 metres in 26:11."], ["She won the 10,000 metres in 27:11."]) == [
            ("26:11", "27:11", "changed")
        ]
        assert [q.kind for q in find_quantities("Die 15 am Sonntag Festgenommenen", "de")] == [""]

    def test_a_german_scale_abbreviation_at_a_sentence_end_ends_it(self) -> None:
        assert [
            s.text
            for s in compare(
                "Die Zahl stieg im Mai auf 2,9 Mio. Die Bundesagentur nannte das normal.", "x"
            ).base.sentences
        ] == ["Die Zahl stieg im Mai auf 2,9 Mio.", "Die Bundesagentur nannte das normal."]

    def test_a_german_scale_abbreviation_ends_no_sentence(self) -> None:
        result = compare(
            "Der Konzern setzte im vergangenen Jahr rund 257,6 Milliarden Dollar um. Die Aktie stieg.",
            "Der Konzern setzte im vergangenen Jahr rund 257,6 Mrd. Dollar um. Die Aktie stieg.",
        )
        assert [s.text for s in result.other.sentences] == [
            "Der Konzern setzte im vergangenen Jahr rund 257,6 Mrd. Dollar um.",
            "Die Aktie stieg.",
        ]
        assert result.numbers == []


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

    @pytest.mark.parametrize(
        ("base", "other"),
        [
            ("The blast killed 20 people, police said.", "The blast claimed 20 lives, according to police."),
            (
                "Police said five people were taken to hospital with minor injuries.",
                "Five people were admitted to hospital with minor injuries, according to police.",
            ),
            (
                "Islamic State said it carried out the attack, in a statement on its news agency.",
                "Islamic State claimed responsibility for the attack in a statement on its news agency.",
            ),
            (
                "The court said he could leave the country.",
                "The court said he was denied bail and could not leave.",
            ),
        ],
    )
    def test_a_loaded_verb_that_reports_no_speech_is_not_an_attribution_verb(
        self, base: str, other: str
    ) -> None:
        assert compare([base], [other]).reporting_verbs == []

    @pytest.mark.parametrize(
        ("base", "other"),
        [
            (
                "An earthquake struck the region on Friday, killing 2,000 people, officials said.",
                "An earthquake struck the region on Friday, claiming 2,000 lives, officials said.",
            ),
            (
                "The seat was won by Labour, officials said.",
                "The seat was claimed by Labour, officials said.",
            ),
            (
                "Prosecutors said two men would face murder trials.",
                "Prosecutors charged two men with murder.",
            ),
        ],
    )
    def test_acts_in_other_forms_are_no_attribution_verbs(self, base: str, other: str) -> None:
        assert compare([base], [other]).reporting_verbs == []

    def test_it_was_claimed_that_is_attribution(self) -> None:
        result = compare(
            ["It was said that the vote was rigged."], ["It was claimed that the vote was rigged."]
        )
        assert [(v.base, v.other) for v in result.reporting_verbs] == [("said", "claimed")]

    def test_a_loaded_verb_that_reports_speech_is_an_attribution_verb(self) -> None:
        for other, verb in (
            ("The opposition is claiming the vote was rigged.", "claimed"),
            ("The party claimed the seat was stolen.", "claimed"),
            ("The minister admitted the hospital had failed patients.", "admitted"),
            ("The army denied responsibility for the strike.", "denied"),
        ):
            base = other.replace("is claiming", "said").replace(verb, "said")
            result = compare([base], [other])
            assert [(v.base, v.other) for v in result.reporting_verbs] == [("said", verb)], other

    def test_a_loaded_verb_before_a_clause_with_a_number_still_reports(self) -> None:
        result = compare(["Police said 15 people died."], ["Police claimed 15 people died."])
        assert [(v.base, v.other) for v in result.reporting_verbs] == [("said", "claimed")]

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

    def test_two_words_changed_in_place_in_a_long_sentence_are_one_sentence_edited(self) -> None:
        base = "Police said the old bridge over the river collapsed on Tuesday evening, killing 12 people."
        other = base.replace("Tuesday", "Wednesday").replace("12", "15")
        result = compare([base], [other])
        assert [(g.op, g.base, g.other) for g in result.alignment] == [("reworded", [0], [0])]

    def test_two_words_changed_in_a_sentence_of_nine_stay_two_reports(self) -> None:
        result = compare(
            ["Israeli strikes killed 12 people in Gaza on Friday."],
            ["Israeli strikes killed 15 people in Gaza on Tuesday."],
        )
        assert [g.op for g in result.alignment] == ["dropped", "added"]
