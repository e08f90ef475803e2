"""Outlet profiles in a real browser, at 1280 px and at a phone's width: the charts draw, their
tables sit beside them (below them on a phone), nothing runs off the side of the page. The store
is the generator's (benchmarks.profiles --demo: four outlets, eight Reuters stories)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import screenshot, server_env, serving
from tests.e2e.conftest import REPO

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """uvicorn on 127.0.0.1 over a SQLite file the generator filled; its base URL."""
    folder = tmp_path_factory.mktemp("profiles-server")
    url = f"sqlite:///{folder / 'wirediff.db'}"
    env = server_env(url)
    subprocess.run(
        [sys.executable, "-m", "benchmarks.profiles", "--demo", "8", "--database-url", url],
        cwd=REPO,
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )
    with serving(folder, env, "/v1/outlets", lambda body: body.get("count") == 4) as base:
        yield base


def _fits(page: Page) -> None:
    """Nothing wider than the window: no sideways scrolling of the page."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"] if page.viewport_size else False


def _charts_drawn(page: Page, ids: list[str]) -> None:
    for chart_id in ids:
        chart = page.locator(f"svg#{chart_id}")
        expect(chart).to_be_visible()
        box = chart.bounding_box()
        assert box is not None and box["width"] > 200 and box["height"] > 20
        expect(chart.locator("rect").first).to_be_attached()
        # the stylesheet colours the bars: an unclosed block above the charts' rules left them black
        fills = chart.locator("rect").evaluate_all("rects => rects.map(r => getComputedStyle(r).fill)")
        assert fills and "rgb(0, 0, 0)" not in fills, fills


class TestProfilePage:
    @pytest.mark.parametrize("viewport", ["desktop", "phone"])
    def test_the_charts_draw_beside_their_tables(
        self, store: str, viewport: str, request: pytest.FixtureRequest
    ) -> None:
        page: Page = request.getfixturevalue(viewport)
        page.goto(f"{store}/ui/outlets/Militant%20Times")
        expect(page.get_by_role("heading", level=1)).to_have_text("Profile of Militant Times")
        _charts_drawn(page, ["profile-shares", "profile-delays", "profile-substitutions"])
        expect(
            page.get_by_role("img", name="Militant Times: words put in place of the wire's")
        ).to_be_visible()
        expect(page.locator("table.chart-data", has_text="militants")).to_be_visible()
        _fits(page)
        screenshot(page, f"outlet-profile-{viewport}")

    def test_on_a_phone_each_table_follows_its_chart(self, store: str, phone: Page) -> None:
        phone.goto(f"{store}/ui/outlets/Next%20Day%20Herald")
        chart = phone.locator("svg#profile-delays").bounding_box()
        table = phone.locator("table", has_text="Pickups by delay").bounding_box()
        assert chart is not None and table is not None
        assert table["y"] >= chart["y"] + chart["height"]


class TestSideBySide:
    @pytest.mark.parametrize("viewport", ["desktop", "phone"])
    def test_chosen_outlets_side_by_side(
        self, store: str, viewport: str, request: pytest.FixtureRequest
    ) -> None:
        page: Page = request.getfixturevalue(viewport)
        page.goto(f"{store}/ui/outlets")
        page.get_by_label("Compare Credit Keeper").check()
        page.get_by_label("Compare Next Day Herald").check()
        page.get_by_role("button", name="Compare the chosen outlets").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Outlets side by side")
        _charts_drawn(page, ["side-shares", "side-delays"])
        expect(page.locator("table", has_text="After the wire story").locator("tbody tr")).to_have_count(2)
        _fits(page)
        screenshot(page, f"outlets-side-by-side-{viewport}")


class TestStoryTimeline:
    @pytest.mark.parametrize("viewport", ["desktop", "phone"])
    def test_every_outlet_in_order(self, store: str, viewport: str, request: pytest.FixtureRequest) -> None:
        page: Page = request.getfixturevalue(viewport)
        page.goto(f"{store}/ui/articles/1/pickups")
        expect(page.locator("ol.timeline > li h2 a")).to_have_text(
            ["Militant Times", "Credit Keeper", "Credit Dropper", "Next Day Herald"]
        )
        _fits(page)
        screenshot(page, f"story-timeline-{viewport}")
        page.locator("ol.timeline > li").first.get_by_role("link", name="The comparison").click()
        expect(page).to_have_url(f"{store}/ui/compare/1/4")
