"""The coverage matrix page, /ui/articles/{id}/coverage, and the article page's related versions
and origin (both read through app.services.related and app.services.coverage)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.ferry_story import REWRITE, WIRE_STORY
from tests.ui.conftest import html, texts

MATRIX = "//table[@class='matrix']"
OSLO = "Snow in Oslo\n\nHeavy snow closed the airport in Oslo on Tuesday, the operator said. Trains ran late."


def _cells(page: object, index: int) -> list[str]:
    return page.xpath(f"{MATRIX}/tbody/tr[@data-index='{index}']/td/@data-op")  # type: ignore[attr-defined, no-any-return]


class TestCoveragePage:
    def test_every_related_version_is_a_column_best_first(self, seeded: TestClient) -> None:
        response = seeded.get("/ui/articles/2/coverage")
        assert response.status_code == 200
        page = html(response)
        assert page.xpath(f"{MATRIX}/thead//th/@data-outlet") == ["1", "3", "5"]
        assert texts(page, f"{MATRIX}/thead//th/span[@class='outlet-verdict']") == [
            "copy",
            "derived",
            "derived",
        ]
        assert texts(page, f"{MATRIX}/caption") == ["12 base sentences in 3 outlets"]

    def test_each_base_sentence_is_a_row_with_a_cell_per_outlet(self, seeded: TestClient) -> None:
        page = html(seeded.get("/ui/articles/2/coverage"))
        assert page.xpath(f"{MATRIX}/tbody/tr/@data-index") == [str(i) for i in (0, *range(2, 13))]
        assert _cells(page, 7) == ["kept", "dropped", "dropped"]
        assert _cells(page, 5) == ["kept", "kept", "dropped"]
        # the counts are of the body sentences, as the API's and a pickup's (the title, reworded by two
        # outlets and dropped by the third, is a row but not counted)
        assert texts(page, f"{MATRIX}/tfoot//td") == [
            "11 / 0 / 0",
            "4 / 3 / 4 credit dropped",
            "0 / 4 / 7 credit dropped",
        ]

    def test_a_cell_links_to_the_outlets_comparison_at_the_sentence(self, seeded: TestClient) -> None:
        page = html(seeded.get("/ui/articles/2/coverage"))
        links = page.xpath(f"{MATRIX}/tbody/tr[@data-index='7']/td/a/@href")
        assert links == ["/ui/compare/2/1#b7", "/ui/compare/2/3#b7", "/ui/compare/2/5#b7"]

    def test_outlets_named_in_the_query_are_the_columns_in_that_order(self, seeded: TestClient) -> None:
        page = html(
            seeded.get("/ui/articles/2/coverage", params=[("other", "5"), ("other", "3"), ("other", "5")])
        )
        assert page.xpath(f"{MATRIX}/thead//th/@data-outlet") == ["5", "3"]

    def test_a_base_without_a_headline_is_titled_by_its_first_sentence(self, seeded: TestClient) -> None:
        assert seeded.get("/v1/articles/5").json()["title"] is None
        response = seeded.get("/ui/articles/5/coverage")
        assert response.status_code == 200
        [heading] = texts(html(response), "//h1")
        assert heading.startswith("Coverage of PressTV (5): ")

    def test_an_unknown_outlet_is_a_404_page(self, seeded: TestClient) -> None:
        response = seeded.get("/ui/articles/2/coverage", params={"other": "99"})
        assert response.status_code == 404
        assert texts(html(response), "//main//p[1]") == ["Article 99 not found"]

    def test_an_article_without_versions_says_so(self, seeded: TestClient) -> None:
        seeded.post("/v1/articles", json={"source": "Wire", "text": OSLO})
        page = html(seeded.get("/ui/articles/6/coverage"))
        assert page.xpath(MATRIX) == []
        assert "No stored version of this story to compare with." in texts(page, "//main//p")

    def test_the_comparison_view_links_to_the_base_storys_coverage(self, seeded: TestClient) -> None:
        page = html(seeded.get("/ui/compare/2/3"))
        assert page.xpath("//ul[@class='forms']//a[.='Coverage of the base story']/@href") == [
            "/ui/articles/2/coverage"
        ]


class TestArticlePageRelated:
    def test_lists_the_related_versions_with_their_verdicts(self, seeded: TestClient) -> None:
        page = html(seeded.get("/ui/articles/2"))
        assert page.xpath("//ul[@class='related-list']/li/@data-article") == ["1", "3", "5"]
        assert texts(page, "//ul[@class='related-list']//strong") == ["copy", "derived", "derived"]
        assert page.xpath("//ul[@class='related-list']/li[2]/a[.='compare']/@href") == ["/ui/compare/2/3"]

    def test_each_version_says_whether_it_is_a_pickup_of_this_one_as_the_api_does(
        self, seeded: TestClient
    ) -> None:
        page = html(seeded.get("/ui/articles/2"))
        expected = [
            f"{'a pickup' if v['pickup']['is_pickup'] else 'no pickup'} of this one: probability "
            f"{v['pickup']['probability']:.2f}, threshold {v['pickup']['threshold']:.2f}"
            for v in seeded.get("/v1/articles/2/related").json()["data"]
        ]
        assert page.xpath("//ul[@class='related-list']/li/span[@class='pickup']/@data-pickup") == [
            "yes",
            "yes",
            "no",
        ]
        assert texts(page, "//ul[@class='related-list']/li/span[@class='pickup']") == expected

    def test_the_reuters_story_is_no_pickup_of_the_baghdad_posts_rewrite(self, seeded: TestClient) -> None:
        # all five seeds are dated the same day: the agency's story is where the rewrite came from
        page = html(seeded.get("/ui/articles/3"))
        (reuters,) = page.xpath("//ul[@class='related-list']/li[@data-article='2']")
        assert texts(reuters, "span[@class='pickup']") == [
            "no pickup of this one: a wire agency's story, not published after this article"
        ]

    def test_a_version_ruled_out_says_by_what(self, client: TestClient) -> None:
        for source, text, published in (
            ("Coastal Press Agency", WIRE_STORY, "2026-03-02T10:00:00Z"),
            ("Island Gazette", REWRITE, "2026-03-02T17:00:00Z"),
        ):
            client.post("/v1/articles", json={"source": source, "text": text, "published_at": published})
        page = html(client.get("/ui/articles/2"))
        assert texts(page, "//ul[@class='related-list']/li/span[@class='pickup']") == [
            "no pickup of this one: published before this article"
        ]

    def test_the_baghdad_posts_origin_is_the_reuters_story(self, seeded: TestClient) -> None:
        page = html(seeded.get("/ui/articles/3"))
        assert texts(page, "//div[@class='origin']/p") == [
            "Most likely from Reuters (2): derived, 8 sentences shared. See the comparison."
        ]
        assert texts(page, "//ul[@class='evidence']/li") == [
            "It drops the origin's credit (Reuters).",
            "The origin was published on 2019-05-31.",
        ]

    def test_the_reuters_story_is_its_own_origin(self, seeded: TestClient) -> None:
        page = html(seeded.get("/ui/articles/2"))
        assert "this version is its own origin" in texts(page, "//div[@class='origin']/p")[0]

    def test_another_story_on_the_topic_has_no_version(self, seeded: TestClient) -> None:
        # the February 2020 Reuters story shares the topic's names and phrases with PressTV's
        # rewrite of the May 2019 one, in an order no better than shuffled: no version
        page = html(seeded.get("/ui/articles/4"))
        assert page.xpath("//ul[@class='related-list']") == []
        assert texts(page, "//p[@class='muted']") == [
            "No stored version of this story (3 on the same topic, judged unrelated)."
        ]

    def test_stories_on_the_topic_judged_unrelated_are_counted_beside_the_versions(
        self, seeded: TestClient
    ) -> None:
        excluded = seeded.get("/v1/articles/2/related").json()["excluded"]
        page = html(seeded.get("/ui/articles/2"))
        assert page.xpath("//ul[@class='related-list']") != []
        assert f"{len(excluded)} more on the same topic, judged unrelated." in texts(
            page, "//p[@class='muted']"
        )

    def test_a_story_with_no_other_version_says_so(self, seeded: TestClient) -> None:
        seeded.post("/v1/articles", json={"source": "Wire", "text": OSLO})
        page = html(seeded.get("/ui/articles/6"))
        assert page.xpath("//ul[@class='related-list']") == []
        assert "No stored version of this story." in texts(page, "//p[@class='muted']")
