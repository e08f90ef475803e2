"""The dashboard in a real browser: what an editor sees and clicks, at 1280 px and at a phone's width."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser

SYRIANS_UPROOTED = "Syrians uprooted by the fighting"
#: Kept although the Baghdad Post ran "apolitical" together: a glue-only difference.
GLUE_ONLY = "Erdogan also told Putin by phone that Syria needed"
#: The colours of wirediff.css for the two row kinds checked (--dropped-bg, --kept-bg).
DROPPED_BACKGROUND = "rgb(253, 230, 228)"
KEPT_BACKGROUND = "rgb(234, 245, 234)"


def _row(page: Page, text: str):  # type: ignore[no-untyped-def]
    return page.locator("table.alignment-table tbody tr", has_text=text)


class TestComparisonView:
    def test_reuters_vs_baghdad_post_shows_the_dropped_sentence_as_dropped(
        self, server: str, desktop: Page
    ) -> None:
        desktop.goto(f"{server}/ui/compare/2/3")
        expect(desktop.get_by_role("heading", level=1)).to_have_text("Reuters (2) vs Baghdad Post (3)")
        row = _row(desktop, SYRIANS_UPROOTED)
        expect(row).to_have_count(1)
        expect(row).to_have_attribute("data-op", "dropped")
        expect(row.locator("td.change .op-label")).to_have_text("dropped")
        expect(row.locator("td.base")).to_be_visible()
        expect(row.locator("td.base")).to_have_css("background-color", DROPPED_BACKGROUND)
        expect(row.locator("td.other")).to_have_text("")

    def test_a_glue_only_sentence_is_shown_as_kept(self, server: str, desktop: Page) -> None:
        desktop.goto(f"{server}/ui/compare/2/3")
        row = _row(desktop, GLUE_ONLY)
        expect(row).to_have_attribute("data-op", "kept")
        expect(row.locator("td.change .op-label")).to_have_text("kept")
        expect(row.locator("td.other")).to_have_css("background-color", KEPT_BACKGROUND)
        expect(row.locator("td.other .glue")).to_have_text("apolitical")
        expect(row.locator("td.other ins, td.other del")).to_have_count(0)

    def test_the_panel_gives_the_verdict_and_the_missing_quote(self, server: str, desktop: Page) -> None:
        desktop.goto(f"{server}/ui/compare/2/3")
        expect(desktop.locator("[data-verdict]")).to_have_text("derived")
        missing = desktop.locator("li.quote-missing a")
        expect(missing).to_contain_text("They don’t have any shelter or water")
        missing.click()
        expect(desktop).to_have_url(re.compile(r"/ui/compare/2/3#b9$"))
        expect(desktop.locator("tr#b9")).to_be_in_viewport()

    def test_only_changes_hides_the_kept_rows(self, server: str, desktop: Page) -> None:
        desktop.goto(f"{server}/ui/compare/2/3")
        kept = _row(desktop, GLUE_ONLY)
        expect(kept).to_be_visible()
        desktop.get_by_label("Only changes (hide kept sentences)").check()
        expect(kept).to_be_hidden()
        expect(_row(desktop, SYRIANS_UPROOTED)).to_be_visible()

    def test_boilerplate_is_folded_until_unfolded(self, server: str, desktop: Page) -> None:
        desktop.goto(f"{server}/ui/compare/2/3")
        folds = desktop.locator("tr.op-boilerplate details")
        expect(folds.first).not_to_have_attribute("open", "")
        desktop.get_by_role("button", name="Unfold boilerplate").click()
        expect(folds.first).to_have_attribute("open", "")

    def test_screenshots_at_desktop_and_phone_width(self, server: str, desktop: Page, phone: Page) -> None:
        for page, name in ((desktop, "comparison-1280"), (phone, "comparison-phone")):
            page.goto(f"{server}/ui/compare/2/3")
            expect(_row(page, SYRIANS_UPROOTED)).to_be_visible()
            path = screenshot(page, name)
            print(f"screenshot: {path}")
        # at a phone's width the rows are cards: nothing scrolls sideways
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390


class TestCoverageMatrix:
    def test_clicking_through_from_the_comparison_to_the_matrix_and_back(
        self, server: str, desktop: Page
    ) -> None:
        desktop.goto(f"{server}/ui/compare/2/3")
        desktop.get_by_role("link", name="Coverage of the base story").click()
        expect(desktop).to_have_url(f"{server}/ui/articles/2/coverage")
        expect(desktop.locator("table.matrix thead th[data-outlet]")).to_have_count(3)
        cell = desktop.locator("table.matrix tbody tr[data-index='7'] td[data-outlet='3']")
        expect(cell).to_have_attribute("data-op", "dropped")
        expect(cell).to_have_css("background-color", DROPPED_BACKGROUND)
        print(f"screenshot: {screenshot(desktop, 'coverage-1280')}")
        cell.get_by_role("link").click()
        expect(desktop).to_have_url(f"{server}/ui/compare/2/3#b7")
        expect(desktop.locator("tr#b7")).to_be_in_viewport()

    def test_the_matrix_scrolls_inside_its_region_at_a_phone_width(self, server: str, phone: Page) -> None:
        phone.goto(f"{server}/ui/articles/2/coverage")
        region = phone.get_by_role("region", name="12 base sentences in 3 outlets")
        expect(region).to_be_visible()
        assert region.evaluate("element => element.scrollWidth > element.clientWidth")
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390
        print(f"screenshot: {screenshot(phone, 'coverage-phone')}")


class TestArticleList:
    def test_searching_from_the_form_narrows_the_list(self, server: str, phone: Page) -> None:
        phone.goto(f"{server}/ui/articles")
        expect(phone.locator("#count")).to_have_text("5 articles")
        phone.get_by_label("Words in the title or text").fill("Takfiri militants")
        phone.get_by_role("button", name="Search").click()
        expect(phone.locator("#count")).to_have_text("1 article")
        expect(phone.locator("table.articles tbody tr")).to_contain_text("PressTV")
        print(f"screenshot: {screenshot(phone, 'articles-phone')}")

    def test_an_article_links_to_its_comparison_with_another(self, server: str, desktop: Page) -> None:
        desktop.goto(f"{server}/ui/articles")
        desktop.get_by_role(
            "link", name="Russia says end to fighting in Syria’s Idlib is Turkey’s responsibility"
        ).click()
        expect(desktop).to_have_url(f"{server}/ui/articles/2")
        desktop.get_by_label("This version as the base, against").select_option("3")
        desktop.get_by_role("button", name="Compare").click()
        expect(desktop).to_have_url(f"{server}/ui/compare/2/3")
        expect(_row(desktop, SYRIANS_UPROOTED)).to_have_attribute("data-op", "dropped")
        print(f"screenshot: {screenshot(desktop, 'article-1280')}")


class TestPasteAndCompare:
    def test_two_pasted_texts_are_compared(self, server: str, desktop: Page) -> None:
        desktop.goto(f"{server}/ui/compare")
        desktop.get_by_label("Base text").fill(
            "Rain in Moscow\n\nRebels fired on Friday in the city. It rained all day."
        )
        desktop.get_by_label("Other text").fill("Rain in Moscow\n\nMilitants fired on Friday in the city.")
        desktop.get_by_role("button", name="Compare the texts").click()
        # stored like any article, so the comparison has its own address
        expect(desktop).to_have_url(re.compile(r"/ui/compare/\d+/\d+$"))
        expect(desktop.get_by_role("heading", level=1)).to_have_text(
            re.compile(r"^pasted \(\d+\) vs pasted \(\d+\)$")
        )
        reworded = _row(desktop, "fired on Friday in the city")
        expect(reworded).to_have_attribute("data-op", "reworded")
        expect(reworded.locator("td.base del")).to_contain_text("Rebels")
        expect(reworded.locator("td.other ins")).to_contain_text("Militants")
        expect(_row(desktop, "It rained all day.")).to_have_attribute("data-op", "dropped")
        print(f"screenshot: {screenshot(desktop, 'paste-1280')}")

    def test_an_empty_text_is_refused_with_the_field_named(self, server: str, phone: Page) -> None:
        phone.goto(f"{server}/ui/compare")
        phone.get_by_label("Other text").fill("It snowed.")
        # the browser's own check first: the base text box is required
        phone.get_by_role("button", name="Compare the texts").click()
        expect(phone).to_have_url(f"{server}/ui/compare")
        assert phone.get_by_label("Base text").evaluate("element => element.validity.valueMissing")
        print(f"screenshot: {screenshot(phone, 'compare-form-phone')}")
