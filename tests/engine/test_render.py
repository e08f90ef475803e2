"""Renderings: text for CI logs, HTML, Markdown."""

from __future__ import annotations

import pytest

from app.engine import compare, render_html, render_markdown, render_text
from app.engine.render import finding_runs
from tests.flood_story import AFP_FLOOD, REUTERS_FLOOD

BASE = [
    "The talks opened in Ankara.",
    "The rebels fired on Friday.",
    "Nobody was hurt.",
    "The army answered at once.",
]
OTHER = [
    "The army answered at once.",
    "The talks opened in Ankara.",
    "The militants fired on Friday.",
    "More attacks are expected.",
]


def test_text_marks_every_group_with_its_op() -> None:
    lines = render_text(compare(BASE, OTHER)).splitlines()
    markers = [line.split(" ", 1)[0] for line in lines[1:] if not line.startswith((" ", "!", "&", "?"))]
    assert markers == ["=", "~", "-", ">=", "+"]


def test_text_lists_word_changes_under_a_reworded_line() -> None:
    text = render_text(compare(BASE[1:2], OTHER[2:3]))
    assert '    replace "rebels" -> "militants"' in text.splitlines()


def test_html_escapes_every_input() -> None:
    payload = '<script>alert("x")</script> and <img src=x onerror=alert(1)>'
    html = render_html(compare([payload + " fired."], [payload + " fired again."]))
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_markdown_is_a_table_with_escaped_pipes() -> None:
    md = render_markdown(compare(["A | B fired."], ["A | B fired."]))
    assert "| kept | A \\| B fired. | A \\| B fired. |  |" in md


def test_html_marks_the_changed_words_of_a_reworded_sentence() -> None:
    html = render_html(
        compare(["Turkey must stop the rebels in Idlib."], ["Turkey must stop the militants in Idlib."])
    )
    assert "<del>rebels</del>" in html and "<ins>militants</ins>" in html


def test_glue_is_not_marked_as_a_change() -> None:
    html = render_html(
        compare(
            ["It was Turkey's job to stop rebels, said Ankara."],
            ["It was Turkey's job tostop militants, said Ankara."],
        )
    )
    assert "<del>rebels</del>" in html and "tostop" in html and "<ins>tostop" not in html


def test_text_lists_no_checks_between_unrelated_texts() -> None:
    base = [
        "“We were shouting and banging on the door,” a survivor told AP.",
        "Seven people died in the fire, AP reported.",
    ]
    other = ["Farmers in Kansas began the wheat harvest two weeks early.", "Prices fell on Monday."]
    result = compare(base, other)
    assert result.verdict == "unrelated"
    assert (result.attribution.credit_dropped, len(result.quotes), len(result.numbers)) == (True, 1, 0)
    assert [line for line in render_text(result).splitlines() if line.startswith("!")] == []


def test_another_agencys_report_of_the_event_drops_no_credit_in_any_rendering() -> None:
    result = compare(REUTERS_FLOOD, AFP_FLOOD)
    assert (result.verdict, result.attribution.credit_dropped, result.findings) == ("related", True, [])
    assert [line for line in render_text(result).splitlines() if line.startswith("!")] == []
    assert "**Credits**: base Reuters; other AFP\n" in render_markdown(result)
    assert "credit dropped" not in render_html(result)


def test_a_copy_credited_to_another_agency_says_so_in_every_rendering() -> None:
    wire = (
        "Senate passes aid package\n\n"
        "WASHINGTON (Reuters) - The Senate passed a $95 billion aid package on Tuesday.\n\n"
        "A senior Democratic aide told Reuters the House was unlikely to act before March.\n"
    )
    result = compare(wire, wire.replace("(Reuters)", "(AFP)"))
    assert [line for line in render_text(result).splitlines() if line.startswith("!")] == [
        "! [high] credited to AFP instead of Reuters",
        "! credit dropped: Reuters; credited to AFP instead",
    ]
    assert "(credit dropped; credited to AFP instead)" in render_markdown(result)
    assert "(credit dropped; credited to AFP instead)" in render_html(result)


class TestFindingRuns:
    """A finding's message cut for the pages: the label as it is, each text it names isolated."""

    def test_each_side_of_a_changed_figure_is_a_run_of_its_own(self) -> None:
        assert finding_runs("figure changed: \u0662\u0667 \u2192 \u0667\u0662") == [
            ("figure changed: ", False),
            ("\u0662\u0667", True),
            (" \u2192 ", False),
            ("\u0667\u0662", True),
        ]

    def test_a_swaps_count_stays_outside_its_other_side(self) -> None:
        assert finding_runs("word swap: rebels \u2192 militants \u00d73") == [
            ("word swap: ", False),
            ("rebels", True),
            (" \u2192 ", False),
            ("militants", True),
            (" \u00d73", False),
        ]

    def test_an_altered_quotation_isolates_the_quotation_and_each_edit(self) -> None:
        message = "quotation altered: \u201cwe lost the town\u201d (lost \u2192 left; town \u2192 -)"
        assert finding_runs(message) == [
            ("quotation altered: ", False),
            ("\u201cwe lost the town\u201d", True),
            (" (", False),
            ("lost", True),
            (" \u2192 ", False),
            ("left", True),
            ("; ", False),
            ("town", True),
            (" \u2192 ", False),
            ("-", True),
            (")", False),
        ]

    def test_a_message_without_an_arrow_isolates_what_follows_its_label(self) -> None:
        assert finding_runs("credit dropped: Reuters") == [("credit dropped: ", False), ("Reuters", True)]

    def test_a_message_without_a_label_is_one_isolated_run(self) -> None:
        message = "credited to AFP instead of Reuters"
        assert finding_runs(message) == [(message, True)]

    @pytest.mark.parametrize(
        "message",
        [
            "figure changed in the headline: 1,200 \u2192 2,000",
            "quotation given to another speaker: \u201cWe will stay\u201d (Saleh \u2192 the army)",
            "negation added: resigned \u2192 did not resign",
            "attribution: said \u2192 (none) \u00d72",
            "roles reversed: police (and army) \u2192 army; police",
        ],
    )
    def test_the_runs_put_together_are_the_message(self, message: str) -> None:
        assert "".join(text for text, _ in finding_runs(message)) == message


def test_html_isolates_each_side_of_a_findings_arrow() -> None:
    html = render_html(compare(["Rebels fired.", "It rained."], ["Militants fired.", "It rained."]))
    assert (
        '<li class="severity-low"><strong>low</strong> word swap: <bdi dir="auto">Rebels</bdi> \u2192 '
        '<bdi dir="auto">Militants</bdi> \u00d71</li>' in html
    )
