"""Every dashboard page at 1280 px and at a phone's 390 px: nothing wider than the screen; the
findings on top of a comparison; the next-change key; right-to-left sentences laid out right."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser

PAGES = {
    "articles": "/ui/articles",
    "article": "/ui/articles/2",
    "article-form": "/ui/articles/new",
    "compare-form": "/ui/compare",
    "comparison": "/ui/compare/2/3",
    "coverage": "/ui/articles/2/coverage",
}


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("name", sorted(PAGES))
def test_the_page_fits_the_screen(server: str, desktop: Page, width: int, name: str) -> None:
    desktop.set_viewport_size({"width": width, "height": 900})
    desktop.goto(f"{server}{PAGES[name]}")
    expect(desktop.locator("main")).to_be_visible()
    overflow = desktop.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    print(f"screenshot: {screenshot(desktop, f'layout-{name}-{width}')}")
    assert overflow == 0


def test_the_paste_boxes_get_the_room(server: str, desktop: Page) -> None:
    desktop.goto(f"{server}/ui/compare")
    base, other = desktop.get_by_label("Base text"), desktop.get_by_label("Other text")
    base_box, other_box = base.bounding_box(), other.bounding_box()
    assert base_box is not None and other_box is not None
    assert base_box["width"] > 500 and other_box["width"] > 500  # side by side, half the page each
    assert base_box["y"] == other_box["y"]


def test_the_findings_come_first_at_a_phone_width(server: str, phone: Page) -> None:
    phone.goto(f"{server}/ui/compare/2/3")
    headline = phone.locator("[data-headline]")
    expect(headline).to_be_in_viewport()
    expect(headline).to_have_text(re.compile(r"^derived, altered: "))
    expect(phone.locator("ol.findings li").first).to_have_attribute("data-kind", "credit_dropped")


def test_the_n_key_walks_the_changes(server: str, desktop: Page) -> None:
    desktop.goto(f"{server}/ui/compare/2/3")
    desktop.keyboard.press("n")
    first = desktop.evaluate("location.hash")
    expect(desktop.locator(f"tr{first}")).to_be_in_viewport()
    expect(desktop.locator(f"tr{first}")).not_to_have_attribute("data-op", "kept")
    desktop.keyboard.press("n")
    assert desktop.evaluate("location.hash") != first
    expect(desktop.locator("a.next-change")).to_have_text(re.compile(r"^Next change \(2 of \d+\)$"))


def test_a_right_to_left_sentence_lays_out_right_to_left(server: str, desktop: Page) -> None:
    desktop.goto(f"{server}/ui/compare")
    arabic = "انهار جسر في روما يوم الثلاثاء مما أسفر عن مقتل 12 شخصا."
    desktop.get_by_label("Base text").fill(arabic)
    desktop.get_by_label("Other text").fill(arabic.replace("12", "20"))
    desktop.get_by_role("button", name="Compare the texts").click()
    sentence = desktop.locator("td.base span.sentence").first
    expect(sentence).to_have_attribute("dir", "auto")
    assert sentence.evaluate("element => getComputedStyle(element).direction") == "rtl"
    print(f"screenshot: {screenshot(desktop, 'comparison-rtl-1280')}")


def test_the_root_opens_the_dashboard(server: str, desktop: Page) -> None:
    desktop.goto(server)
    expect(desktop).to_have_url(f"{server}/ui/articles")
