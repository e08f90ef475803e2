"""Figures read as quantities: one value however it is written, another when it changes."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.engine.quantities import find_quantities, read_figures, same_quantity

NBSP, NNBSP, THIN = "\u00a0", "\u202f", "\u2009"


def one(text: str, language: str | None = None):  # type: ignore[no-untyped-def]
    [quantity] = find_quantities(text, language)
    return quantity


def grouped(n: int, separator: str) -> str:
    return f"{n:,}".replace(",", separator)


def decimal_text(value: Decimal, mark: str) -> str:
    return f"{value:f}".replace(".", mark)


# --- the same quantity written several ways ------------------------------------------

INTEGERS = st.integers(min_value=0, max_value=10**12)


@settings(max_examples=200, deadline=None)
@given(INTEGERS, st.sampled_from([",", " ", NBSP, NNBSP, THIN, "."]))
def test_a_count_grouped_any_way_is_one_quantity(n: int, separator: str) -> None:
    language = "de" if separator == "." else "fr" if separator != "," else "en"
    assert same_quantity(one(str(n)), one(grouped(n, separator), language))


@settings(max_examples=200, deadline=None)
@given(st.decimals(min_value=Decimal("0.1"), max_value=Decimal("999.9"), places=1))
def test_a_decimal_with_a_comma_in_french_is_the_decimal_with_a_point_in_english(value: Decimal) -> None:
    english = one(f"{decimal_text(value, '.')} million dollars", "en")
    assert same_quantity(english, one(f"{decimal_text(value, ',')} millions de dollars", "fr"))
    assert same_quantity(english, one(f"${decimal_text(value, '.')} million", "en"))
    assert same_quantity(english, one(f"USD {grouped(int(value * 10**6), ',')}", "en"))


@settings(max_examples=100, deadline=None)
@given(
    st.integers(min_value=0, max_value=100),
    st.sampled_from(["%", " %", " percent", " per cent", " pct", NNBSP + "%"]),
)
def test_a_percentage_is_one_quantity_in_every_spelling(n: int, sign: str) -> None:
    assert same_quantity(one(f"{n}%"), one(f"{n}{sign}"))


@settings(max_examples=200, deadline=None)
@given(INTEGERS, INTEGERS, st.sampled_from([",", NBSP, " "]))
def test_different_counts_are_different_quantities(a: int, b: int, separator: str) -> None:
    if a != b:
        assert not same_quantity(one(grouped(a, ",")), one(grouped(b, separator), "fr"))


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1, max_value=99), st.sampled_from(["%", " dollars", " euros", " km"]))
def test_the_same_figure_in_other_units_is_another_quantity(n: int, unit: str) -> None:
    assert not same_quantity(one(f"{n}"), one(f"{n}{unit}"))


# --- examples ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("12", "twelve"),
        ("Three", "3"),
        ("25", "twenty-five"),
        ("5%", "5 percent"),
        ("5 per cent", "5%"),
        ("3.5 million dollars", "$3.5 million"),
        ("\u20ac2bn", "2 billion euros"),
        ("\u00a3300,000", "300,000 pounds"),
        ("a million", "1,000,000"),
        ("10 kilometres", "10 km"),
        ("2.3 percent", "2.3 pct"),
        ("$1.2 billion", "1.2 billion U.S. dollars"),
        ("$3.5 billion", "3.5 billion US dollar"),  # "a 3.5 billion US dollar loan"
        ("2.4 billion Swiss francs", "CHF 2.4 billion"),
    ],
)
def test_english_spellings_of_one_quantity_are_equal(left: str, right: str) -> None:
    assert same_quantity(one(left, "en"), one(right, "en"))


@pytest.mark.parametrize(
    ("text", "language", "key"),
    [
        ("1 200", "fr", "1200"),
        (f"2{NBSP}000", "fr", "2000"),
        (f"2{NNBSP}000", "fr", "2000"),
        ("1.200", "de", "1200"),
        ("1,200", "en", "1200"),
        ("3,5", "fr", "3.5"),
        ("3,5 millions d'euros", "fr", "EUR 3500000"),
        ("3,5 Millionen Euro", "de", "EUR 3500000"),
        ("257,6 Milliarden US-Dollar", "de", "USD 257600000000"),
        ("3,5 millones de d\u00f3lares", "es", "USD 3500000"),
        ("5 \u043f\u0440\u043e\u0446\u0435\u043d\u0442\u043e\u0432", "ru", "5%"),
        ("12 %", "fr", "12%"),
        ("3:30", None, "3:30"),
    ],
)
def test_locale_spellings_read_as_one_value(text: str, language: str | None, key: str) -> None:
    assert one(text, language).key == key


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("1.500", {"1500", "1.5"}),
        ("12.000", {"12000", "12"}),
        ("1.5", {"1.5"}),
        ("1.25", {"1.25"}),
        ("1,500.25", {"1500.25"}),
        ("1,500", {"1500"}),
    ],
)
def test_a_point_before_three_digits_in_english_copy_keeps_both_readings(text: str, keys: set[str]) -> None:
    # outlets of countries that group thousands with a point write 1.500 for 1,500 in English
    assert one(text, "en").keys == keys


def test_an_ambiguous_point_with_no_language_keeps_both_readings() -> None:
    assert one("1.200").keys == {"1200", "1.2"}


def test_digits_in_a_name_are_not_figures_and_a_year_after_a_prefix_is() -> None:
    assert [q.key for q in find_quantities("COVID-19 cases rose to 500 after the MH-17 inquiry.")] == ["500"]
    assert [q.key for q in find_quantities("The S-400 and F-16 deals stalled in mid-2020.")] == ["2020"]


def test_a_year_before_a_currency_named_as_an_adjective_is_the_year() -> None:
    assert [(q.text, q.kind) for q in find_quantities("Since 2022 US dollar bonds have rallied.")] == [
        ("2022", "year")
    ]
    assert [q.key for q in find_quantities("It cost 2022 dollars.")] == ["USD 2022"]
    assert [q.key for q in find_quantities("Each family received 2000 US dollar in aid.")] == ["USD 2000"]


def test_one_as_a_pronoun_and_a_as_an_article_are_not_figures() -> None:
    assert find_quantities("One of them said a word to one reporter.") == ()


def test_a_french_grouped_figure_is_one_figure_with_its_text_and_place() -> None:
    text = "Le bilan atteint 1 200 morts."
    [quantity] = find_quantities(text, "fr")
    assert (quantity.text, text[quantity.start : quantity.end]) == ("1 200", "1 200")


# --- the pattern is tried only where a figure may start, and finds the same --------------

#: what can start a figure, and what can follow it ("one" and "a" count only with a follower)
FIGURE_HEADS = [
    "a", "A", "one", "One", "two", "$", "US$", "\u20ac", "\u00a3", "USD", "usd", "sixtyUSD", "eur",
    "EURUB", "GBPJPY", "5", "ſix", "uſ$", "x$",
]  # fmt: skip
FIGURE_TAILS = [
    "one", "a", "hundred", "dozen", "Twenty-five", "million", "bn", "m", "k", "per cent", "%", "km",
    "miles", "MİLE", "\u212am", "dollars", "d'euros", "roubles",
    "\u043c\u043b\u043d", "\u041c\u041b\u041d", "1,200", "3,5", "12:30",
]  # fmt: skip
NOT_FIGURES = ["the", "said", "I'm", "a.m.", "na\u00efve", "\u2019", "of", "de"]
FIGURE_GLUE = [" ", "", "-", NBSP, ". ", "\u2019"]


@settings(max_examples=1500, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(FIGURE_HEADS + NOT_FIGURES),
            st.sampled_from(FIGURE_GLUE),
            st.sampled_from(FIGURE_TAILS + NOT_FIGURES),
            st.sampled_from(FIGURE_GLUE),
        ),
        max_size=3,
    ),
    st.sampled_from([None, "en", "fr"]),
)
def test_figures_are_what_the_figure_pattern_finds_tried_at_every_position(
    parts: list[tuple[str, str, str, str]], language: str | None
) -> None:
    text = "".join("".join(part) for part in parts)
    assert find_quantities.__wrapped__(text, language) == read_figures(text, language)


def test_a_text_with_no_digit_number_word_scale_unit_or_currency_has_no_figure() -> None:
    assert find_quantities("A man said one of them had a dog.") == ()
    assert [q.text for q in find_quantities("A man said one million of them had a dog.")] == ["one million"]
    assert [q.text for q in find_quantities("Paid sixtyUSD one")] == ["USD one"]
    assert [q.text for q in find_quantities("Paid EURUB 5")] == ["RUB 5"]
    assert [q.text for q in find_quantities("Paid EURUB 5 \u2019")] == ["RUB 5"]  # not ASCII
    assert [q.text for q in find_quantities("One km on, they stopped.")] == ["One km"]
    assert [q.text for q in find_quantities("One hundred of them")] == ["One hundred"]


# --- ranges, times of day and house styles --------------------------------------------


def readings(text: str) -> list[list[str]]:
    return [sorted(q.keys) for q in find_quantities(text)]


def test_the_first_figure_of_a_range_reads_with_the_scale_and_currency_written_once() -> None:
    assert readings("revenue of $10-12 billion") == [["USD 10000000000"], ["USD 12000000000"]]
    assert readings("between 5 and 10% of voters") == [["5%"], ["10%"]]
    assert [q.kind for q in find_quantities("10 to 12 billion dollars")] == ["USD", "USD"]


def test_a_percent_then_an_amount_is_no_range() -> None:
    assert readings("Sales rose 5 per cent to $3.5 million") == [["5%"], ["USD 3500000"]]


def test_a_bare_m_reads_as_million_and_as_metres() -> None:
    assert readings("About 3.5m people") == [["3.5", "3500000", "m 3.5"]]
    assert readings("$3.5m") == [["USD 3500000"]]


def test_a_time_of_day_reads_on_a_24_hour_clock() -> None:
    assert readings("at 3.30pm") == [["15:30"]]
    assert readings("at 9.30am") == [["9:30"]]
    assert readings("at 12.15am") == [["0:15"]]
    assert readings("at 3:30") == [["15:30", "3:30"]]  # morning or afternoon, written short
    assert readings("at 09:30") == [["9:30"]]
    assert readings("at 0930 GMT") == [["9:30"]]
    assert readings("in the 1930 election") == [["1930"]]
    assert one("at 3:30 p.m.").kind == "time"


def test_compound_number_words_read_whole() -> None:
    assert readings("Twenty-one people") == [["21"]]
    assert readings("ten one-day matches") == [["10"]]


def test_wire_abbreviations_and_other_dollars() -> None:
    assert readings("$3.5 bln and 1.5 trln euros") == [["USD 3500000000"], ["EUR 1500000000000"]]
    assert readings("C$9 billion, A$2.1 billion, HK$5") == [
        ["CAD 9000000000"],
        ["AUD 2100000000"],
        ["HKD 5"],
    ]


def test_pc_after_a_figure_is_percent_and_a_code_may_be_glued_to_its_figure() -> None:
    assert readings("eased to 3.2pc in March") == [["3.2%"]]
    assert readings("pledged EUR1.5bn") == [["EUR 1500000000"]]


def test_a_race_time_is_one_figure_read_as_written() -> None:
    assert [(q.text, q.kind) for q in find_quantities("won in 2:05:45, ahead of a 3:49.11 mile")] == [
        ("2:05:45", "time"),
        ("3:49.11", "time"),
    ]


def test_a_vague_count_and_a_period_of_the_year_are_figures() -> None:
    assert [
        (q.text, sorted(q.keys), q.kind) for q in find_quantities("Hundreds of thousands fled in Q1")
    ] == [
        ("Hundreds of thousands", ["~100000"], "about"),
        ("Q1", ["Q1"], "period"),
    ]
    assert readings("he scores twice; scores of homes burned") == [["~12"]]  # as "dozens of"


def test_speeds_and_lengths_are_units() -> None:
    assert readings("winds of 65 mph, or 65 miles per hour, 100 km/h, 10 inches, 12 feet") == [
        ["mph 65"],
        ["mph 65"],
        ["km/h 100"],
        ["inch 10"],
        ["ft 12"],
    ]


def test_french_and_german_clock_times_read_as_times() -> None:
    assert readings("à 15 h 30, puis à 15h45") == [["15:30"], ["15:45"]]
    assert [sorted(q.keys) for q in find_quantities("um 15.30 Uhr", "de")] == [["15:30"]]


def test_swiss_digit_groups_and_arabic_marks_beside_others() -> None:
    assert [sorted(q.keys) for q in find_quantities("1'200 Personen", "de")] == [["1200"]]
    assert readings("1,200\u066b5 and 1\u066c200,5") == [["1200.5"], ["1200.5"]]


# --- spellings of South Asia, fractions, temperatures and lengths ------------------------------


@pytest.mark.parametrize(
    ("one_way", "another"),
    [
        ("12 lakh people", "1.2 million people"),
        ("Rs 500 crore", "5 billion"),
        ("half a million people", "500,000 people"),
        ("a dozen people", "12 people"),
        ("half a dozen people", "6 people"),
        ("one and a half million people", "1.5 million people"),
        ("one-and-a-half million people", "1.5 million people"),
        ("1.5 lakh crore rupees", "1.5 trillion rupees"),
        ("temperatures of 40 degrees Celsius", "temperatures of 40C"),
        ("a high of 104 degrees Fahrenheit", "a high of 104F"),
        ("300 millimetres", "300 mm"),
        ("15 centimeters", "15 cm"),
    ],
)
def test_a_figure_written_another_way_is_the_same_quantity(one_way: str, another: str) -> None:
    assert same_quantity(one(one_way, "en"), one(another, "en"))


@pytest.mark.parametrize("text", ["Two-thirds of the districts", "three-quarters of voters", "half the town"])
def test_a_fraction_in_words_counts_nothing(text: str) -> None:
    assert find_quantities(text, "en") == ()


@pytest.mark.parametrize("text", ["a Boeing 777F freighter", "stage 3C cancer", "an iPhone 5C"])
def test_a_capital_glued_to_digits_is_a_temperature_only_in_a_sentence_about_one(text: str) -> None:
    [quantity] = find_quantities(text, "en")
    assert quantity.kind == ""
    assert one("Temperatures reached 40C in the capital", "en").kind == "\u00b0c"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("growth of -0.3% this year", "-0.3%"),
        ("a fall (-2.5%)", "-2.5%"),
        ("minus 12 degrees", "degrees -12"),
    ],
)
def test_a_minus_sign_is_the_figures(text: str, key: str) -> None:
    assert one(text, "en").key == key


@pytest.mark.parametrize(
    ("text", "keys"), [("the 2019-20 season", ["2019", "20"]), ("a 10-12 win", ["10", "12"])]
)
def test_a_hyphen_between_figures_is_no_minus(text: str, keys: list[str]) -> None:
    assert [q.key for q in find_quantities(text, "en")] == keys


# --- scale, percent and number words of other languages ---------------------------------


@pytest.mark.parametrize(
    ("text", "language", "key"),
    [
        ("24 miliardi di euro", "it", "EUR 24000000000"),
        ("5 mila persone", "it", "5000"),
        ("2,3 bilhões", "pt", "2300000000"),
        ("3,5 mil milhões", "pt", "3500000000"),
        ("2 biliões", "pt", "2000000000000"),
        ("4 miljard", "nl", "4000000000"),
        ("7 mld", "pl", "7000000000"),
        ("3,5 трлн рублей", "ru", "RUB 3500000000000"),
        ("12 milyar", "tr", "12000000000"),
    ],
)
def test_a_scale_word_of_another_language_multiplies_its_figure(text: str, language: str, key: str) -> None:
    assert one(text, language).key == key


@pytest.mark.parametrize(
    ("text", "language"),
    [("4,5 por cento", "pt"), ("4,5 procent", "nl"), ("yüzde 4,5", "tr"), ("%4,5", "tr")],
    ids=["portuguese", "dutch", "turkish-word-before", "turkish-sign-before"],
)
def test_a_percent_of_another_language_is_a_percentage(text: str, language: str) -> None:
    assert (one(text, language).text, one(text, language).key) == (text, "4.5%")


@pytest.mark.parametrize(
    ("text", "language", "value"),
    [
        ("tre soldati", "it", "3"),
        ("três soldados", "pt", "3"),
        ("три человека", "ru", "3"),
        ("vijf doden", "nl", "5"),
        ("dört kişi", "tr", "4"),
        ("двадцать пять человек", "ru", "25"),
    ],
)
def test_a_number_word_of_italian_portuguese_dutch_polish_russian_or_turkish_is_read_in_its_copy(
    text: str, language: str, value: str
) -> None:
    assert one(text, language).key == value


@pytest.mark.parametrize(
    "text",
    [
        "He ordered two venti lattes",
        "Guards were seen to doze",
        "critics called the film twee",
        "He drove an Audi Quattro",
        "Floods hit the Cinque Terre",
        "the Tien Shan hikers",
        "tre soldati",
    ],
)
def test_those_number_words_are_no_numbers_in_english_copy_or_copy_of_no_language_known(text: str) -> None:
    for language in ("en", None):
        assert [q.text for q in find_quantities(text, language)] == (["two"] if "two" in text else [])


def test_a_number_word_that_is_another_languages_word_is_read_in_its_own_language_only() -> None:
    assert one("due soldati", "it").key == "2"
    assert find_quantities("due to the rain", "en") == ()
    assert find_quantities("due soldati") == ()
    assert one("on kişi", "tr").key == "10"
    assert find_quantities("on Monday", "en") == ()


def test_an_article_that_is_one_is_a_figure_only_with_a_scale() -> None:
    assert find_quantities("un soldato", "it") == ()
    assert one("un milione di euro", "it").key == "EUR 1000000"


def test_a_guarded_word_never_continues_a_figure() -> None:
    assert [q.key for q in find_quantities("two UN peacekeepers", "it")] == ["2"]
