"""A word longer than a phone is wide (a tracking URL as a newsletter's first line, an address in
its text) breaks where it must: no page scrolls sideways, at 390 px as at 1280."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import add_article, screenshot

pytestmark = pytest.mark.browser

URL = "https://click.example-newsletter.com/track/" + "a1B2c3D4e5F6g7H8i9J0" * 8
DIGEST = f"""{URL}

Floods closed roads across the northern province on Tuesday, officials said. Read more at {URL}

Schools in three towns were closed as water levels rose through the morning.
"""
COPY = DIGEST.replace("Tuesday", "Monday")


@pytest.fixture(scope="module")
def digests(empty_server: str) -> Iterator[tuple[str, int, int]]:
    first = add_article(empty_server, "Newsletter Digest", DIGEST)
    second = add_article(empty_server, "Weekly Digest", COPY)
    yield empty_server, first, second


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("page", ["list", "article", "comparison", "coverage"])
def test_no_page_is_wider_than_the_screen(
    digests: tuple[str, int, int], desktop: Page, page: str, width: int
) -> None:
    server, first, second = digests
    desktop.set_viewport_size({"width": width, "height": 900})
    address = {
        "list": "/ui/articles",
        "article": f"/ui/articles/{first}",
        "comparison": f"/ui/compare/{first}/{second}",
        "coverage": f"/ui/articles/{first}/coverage",
    }[page]
    desktop.goto(f"{server}{address}")
    expect(desktop.locator("main")).to_contain_text("click.example-newsletter.com")
    widths = desktop.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    print(f"screenshot: {screenshot(desktop, f'long-word-{page}-{width}')}")
    assert widths == [width, width]
    # nor does the list's table inside its own scroll box
    scrolled = desktop.locator(".table-scroll").evaluate_all(
        "boxes => boxes.filter(box => box.scrollWidth > box.clientWidth).length"
    )
    assert scrolled == 0
