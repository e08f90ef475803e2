"""The "Next change" link in a real browser: it and the n / p keys stop at every row the legend calls
a change, a sentence that only moved included."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import add_article
from tests.moved_story import FLOODS, FLOODS_MOVED

pytestmark = pytest.mark.browser

#: The moved copy with its first sentence reworded too: one reworded row, then one moved.
FLOODS_MOVED_REWORDED = FLOODS_MOVED.replace("Heavy rain flooded", "Torrential rain flooded")


@pytest.fixture(scope="module")
def stories(empty_server: str) -> Iterator[tuple[str, int, int, int]]:
    wire = add_article(empty_server, "Reuters", FLOODS)
    moved = add_article(empty_server, "Daily Planet", FLOODS_MOVED)
    reworded = add_article(empty_server, "Evening Star", FLOODS_MOVED_REWORDED)
    yield empty_server, wire, moved, reworded


def test_a_sentence_that_only_moved_is_the_next_change(
    stories: tuple[str, int, int, int], desktop: Page
) -> None:
    server, wire, moved, _ = stories
    desktop.goto(f"{server}/ui/compare/{wire}/{moved}")
    link = desktop.locator("a.next-change")
    expect(link).to_have_attribute("href", "#b2")
    desktop.keyboard.press("n")
    assert desktop.evaluate("location.hash") == "#b2"
    expect(desktop.locator("tr.current")).to_have_attribute("data-moved", "true")
    expect(link).to_have_text("Next change (1 of 1)")


def test_n_and_p_stop_at_the_reworded_row_and_the_moved_one(
    stories: tuple[str, int, int, int], desktop: Page
) -> None:
    server, wire, _, reworded = stories
    desktop.goto(f"{server}/ui/compare/{wire}/{reworded}")
    stops = []
    for key in ("n", "n", "n", "p"):
        desktop.keyboard.press(key)
        stops.append(desktop.evaluate("location.hash"))
    assert stops == ["#b1", "#b2", "#b1", "#b2"]
    expect(desktop.locator("a.next-change")).to_have_text("Next change (2 of 2)")
