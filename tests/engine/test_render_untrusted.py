"""Renderings of article text an attacker wrote: Markdown that stays text, terminals that stay put."""

from __future__ import annotations

import pytest

from app.engine import compare, markdown_cell, render_markdown, render_text, terminal_safe

PIXEL = (
    "Rain fell. ![](https://tracker.example/p.gif) [Read more](https://evil.example) <https://evil.example>"
)
ESCAPES = (
    "Rain fell.\x1b]0;pwned\x07\x1b[2J\x1b[32mAll checks passed\x1b[0m\x9b31m \u202eevil\u202c \u2066x\u2069."
)


class TestMarkdownCell:
    def test_images_and_links_are_left_as_text(self) -> None:
        assert markdown_cell("![](https://t.example/p.gif) [a](https://e.example)") == (
            "\\!\\[\\]\\(https://t.example/p.gif\\) \\[a\\]\\(https://e.example\\)"
        )

    def test_an_autolink_is_left_as_text(self) -> None:
        assert markdown_cell("<https://e.example>") == "&lt;https://e.example&gt;"

    def test_a_backslash_stays_a_backslash(self) -> None:
        assert markdown_cell("a \\[b]") == "a \\\\\\[b\\]"


class TestRenderMarkdown:
    def test_article_text_keeps_no_image_or_link(self) -> None:
        rendered = render_markdown(compare(["Rain fell."], [PIXEL]))
        assert "![" not in rendered
        assert "](" not in rendered
        assert "<https:" not in rendered
        assert "\\!\\[\\]\\(https://tracker.example/p.gif\\)" in rendered


class TestTerminalSafe:
    def test_control_and_bidi_characters_are_removed_newlines_and_tabs_kept(self) -> None:
        assert terminal_safe(ESCAPES + "\n\tnext") == (
            "Rain fell.]0;pwned[2J[32mAll checks passed[0m31m evil x.\n\tnext"
        )

    @pytest.mark.parametrize(
        "character", ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\x9b", "\u202e", "\u2067"]
    )
    def test_each_is_removed(self, character: str) -> None:
        assert terminal_safe(f"a{character}b") == "ab"

    def test_render_text_prints_no_escape(self) -> None:
        rendered = render_text(compare(["Rain fell."], [ESCAPES]))
        assert "\x1b" not in rendered
        assert "\x9b" not in rendered
        assert "\u202e" not in rendered
        assert "All checks passed" in rendered
