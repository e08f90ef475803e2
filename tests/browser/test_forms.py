"""The dashboard's forms in a real browser: what reloading, and coming back with a problem, do."""

from __future__ import annotations

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser


def _rule_names(server: str) -> list[str]:
    return [rule["name"] for rule in httpx.get(f"{server}/v1/alert-rules", timeout=30).json()["data"]]


class TestAlertRuleForm:
    def test_reloading_after_adding_a_rule_adds_no_second_one_and_shows_the_secret_no_more(
        self, empty_server: str, desktop: Page
    ) -> None:
        desktop.goto(f"{empty_server}/ui/alerts")
        desktop.get_by_label("Name").fill("Toll changes")
        desktop.get_by_label("changed", exact=True).check()
        desktop.get_by_label("Webhook URL").fill("https://hooks.example/toll")
        desktop.get_by_role("button", name="Add the rule").click()
        notice = desktop.locator("p.notice")
        expect(notice).to_contain_text(
            "Rule “Toll changes” added. Its webhook signing secret, shown this once: whsec_"
        )
        assert "whsec_" not in desktop.url
        desktop.reload()
        expect(notice).to_have_text("Rule “Toll changes” added.")
        assert _rule_names(empty_server) == ["Toll changes"]
        print(f"screenshot: {screenshot(desktop, 'alert-rule-added-1280')}")

    def test_a_refused_rule_comes_back_as_typed_and_its_summary_leads_to_the_fields(
        self, empty_server: str, desktop: Page
    ) -> None:
        desktop.goto(f"{empty_server}/ui/alerts")
        desktop.get_by_label("Name").fill("Death toll watch")
        desktop.get_by_label("Framing words (comma-separated)").fill("terrorists, militants")
        desktop.get_by_label("Changed share of words (0 to 1)").fill("1.5")
        desktop.get_by_role("button", name="Add the rule").click()
        expect(desktop.locator(".error-summary")).to_be_visible()
        expect(desktop.get_by_label("Name")).to_have_value("Death toll watch")
        expect(desktop.get_by_label("Framing words (comma-separated)")).to_have_value("terrorists, militants")
        expect(desktop.get_by_label("Changed share of words (0 to 1)")).to_have_value("1.5")
        links = desktop.locator(".error-summary a")
        expect(links).to_have_count(2)
        for href in links.evaluate_all("links => links.map(link => link.getAttribute('href'))"):
            expect(desktop.locator(href)).to_have_count(1)
