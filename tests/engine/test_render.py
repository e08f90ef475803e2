"""Renderings: text for CI logs, HTML, Markdown."""

from __future__ import annotations

from app.engine import compare, render_html, render_markdown, render_text
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
