"""The outlet pages over the generator's store (benchmarks.profiles: four outlets, eight stories):
the list, a profile with its charts and tables, outlets side by side, and a story's timeline."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from benchmarks.profiles import fill
from tests.ui.conftest import html, texts


@pytest.fixture
def planted(client: TestClient, session: Session) -> TestClient:
    fill(session, stories=8)
    return client


class TestOutletsPage:
    def test_lists_every_outlet_with_a_link_to_its_profile(self, planted: TestClient) -> None:
        response = planted.get("/ui/outlets")
        assert response.status_code == 200
        tree = html(response)
        assert texts(tree, "//table[@class='outlets']/tbody/tr/th") == [
            "Credit Dropper",
            "Credit Keeper",
            "Militant Times",
            "Next Day Herald",
        ]
        assert tree.xpath("//table[@class='outlets']//th/a/@href")[3] == "/ui/outlets/Next%20Day%20Herald"

    def test_says_how_to_get_pickups_when_there_are_none(self, client: TestClient) -> None:
        tree = html(client.get("/ui/outlets"))
        assert "wirediff pickups backfill" in texts(tree, "//main")[0]

    def test_the_nav_links_to_it(self, client: TestClient) -> None:
        tree = html(client.get("/ui/outlets"))
        assert tree.xpath("//nav//a[@aria-current='page']/@href") == ["/ui/outlets"]


class TestProfilePage:
    def test_figures_charts_and_their_tables(self, planted: TestClient) -> None:
        response = planted.get("/ui/outlets/Militant Times")
        assert response.status_code == 200
        tree = html(response)
        assert texts(tree, "//h1") == ["Profile of Militant Times"]
        facts = dict(zip(texts(tree, "//dl/dt"), texts(tree, "//dl/dd"), strict=True))
        assert facts["Stories picked up"] == "8"
        assert facts["Median delay"] == "1.0 h (90% within 1.0 h)"
        assert facts["Wire sentences kept"] == "80% (32 of 40)"
        charts = tree.xpath("//svg[@role='img']")
        assert [chart.get("id") for chart in charts] == [
            "profile-shares",
            "profile-delays",
            "profile-substitutions",
        ]
        for chart in charts:
            assert chart.xpath("./title/text()") and chart.xpath("./desc/text()")
        assert texts(tree, "//table[caption='Most frequent substitutions']/tbody/tr/*") == [
            "rebels",
            "militants",
            "16 in 8",
            "comparison",
        ]
        assert texts(tree, "//table[caption='Weeks (starting Monday)']/tbody/tr/th") == [
            "2026-01-05",
            "2026-01-12",
        ]

    def test_a_date_range_as_days_until_inclusive(self, planted: TestClient) -> None:
        tree = html(
            planted.get("/ui/outlets/Credit Keeper", params={"since": "2026-01-07", "until": "2026-01-08"})
        )
        facts = dict(zip(texts(tree, "//dl/dt"), texts(tree, "//dl/dd"), strict=True))
        assert facts["Stories picked up"] == "2"
        exports = tree.xpath("//a[text()='JSON']/@href")
        assert exports == [
            "/v1/outlets/Credit%20Keeper/profile?since=2026-01-07T00%3A00%3A00Z&until=2026-01-09T00%3A00%3A00Z"
        ]

    def test_a_bad_date_is_a_422_page_saying_so(self, planted: TestClient) -> None:
        response = planted.get("/ui/outlets/Credit Keeper", params={"since": "tuesday"})
        assert response.status_code == 422
        assert texts(html(response), "//div[@class='error-summary']//li") == [
            "“From” must be a date (YYYY-MM-DD)."
        ]


class TestSideBySidePage:
    def test_two_outlets_with_a_chart_and_table(self, planted: TestClient) -> None:
        response = planted.get("/ui/outlets/compare", params={"source": ["Credit Keeper", "Next Day Herald"]})
        assert response.status_code == 200
        tree = html(response)
        assert texts(tree, "//div[@class='side-by-side']/section/h2") == ["Credit Keeper", "Next Day Herald"]
        assert texts(tree, "//table[caption='After the wire story']/tbody/tr/*") == [
            "Credit Keeper",
            "2.0 h",
            "2.0 h",
            "Next Day Herald",
            "24.0 h",
            "24.0 h",
        ]
        assert [svg.get("id") for svg in tree.xpath("//svg")] == ["side-shares", "side-delays"]

    def test_one_outlet_is_not_enough(self, planted: TestClient) -> None:
        response = planted.get("/ui/outlets/compare", params={"source": ["Credit Keeper"]})
        assert response.status_code == 422
        assert texts(html(response), "//div[@class='error-summary']//li") == ["Choose two or more outlets."]


def test_an_outlet_named_with_a_slash_has_its_profile_page(client: TestClient) -> None:
    response = client.get("/ui/outlets/Hatha%20al-Youm%20%2F%20Iraq%20News")
    assert response.status_code == 200
    assert texts(html(response), "//h1") == ["Profile of Hatha al-Youm / Iraq News"]


class TestStoryPage:
    def test_every_outlet_on_a_timeline_with_its_findings(self, planted: TestClient) -> None:
        response = planted.get("/ui/articles/1/pickups")
        assert response.status_code == 200
        tree = html(response)
        assert texts(tree, "//ol[@class='timeline']/li//h2/a") == [
            "Militant Times",
            "Credit Keeper",
            "Credit Dropper",
            "Next Day Herald",
        ]
        assert texts(tree, "//ol[@class='timeline']/li/p[@class='timeline-when']") == [
            "+1.0 h",
            "+2.0 h",
            "+3.0 h",
            "+24.0 h",
        ]
        assert "substitution: rebels -> militants" in texts(tree, "//ol/li[1]//ul/li")
        assert texts(tree, "//ol/li[3]//ul/li") == ["credit dropped"]
        assert tree.xpath("//ol/li[1]//a[text()='The comparison']/@href") == ["/ui/compare/1/4"]
        assert tree.xpath("//a[contains(text(), 'every sentence')]/@href") == [
            "/ui/articles/1/coverage?other=4&other=2&other=3&other=5"
        ]

    def test_it_reloads_itself_only_when_asked_to_follow_new_pickups(self, planted: TestClient) -> None:
        still = html(planted.get("/ui/articles/1/pickups"))
        assert still.xpath("//meta[@http-equiv='refresh']") == []
        assert still.xpath("//p[@class='follow']/a/@href") == ["?follow=true"]
        followed = html(planted.get("/ui/articles/1/pickups", params={"follow": "true"}))
        assert followed.xpath("/html/head/meta[@http-equiv='refresh']/@content") == ["30"]
        assert texts(followed, "//p[@class='follow']/a") == ["Stop reloading"]

    def test_404_for_an_unknown_article(self, client: TestClient) -> None:
        assert client.get("/ui/articles/9/pickups").status_code == 404
