"""The dashboard's pages under /ui: list, article, comparison view and compare form."""

from __future__ import annotations

import base64
import json
import re

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.config import Settings
from app.engine import ENGINE_VERSION
from app.main import create_app
from tests.api.conftest import ClientWith
from tests.flood_story import AFP_FLOOD, REUTERS_FLOOD
from tests.moved_story import FLOODS, FLOODS_MOVED
from tests.seeds import seed_text
from tests.ui.conftest import SEEDS, html, texts

SYRIANS_UPROOTED = "Syrians uprooted by the fighting protested on Friday at the Atmeh crossing into Turkey"


class TestHome:
    def test_redirects_to_the_article_list(self, client: TestClient) -> None:
        response = client.get("/ui", follow_redirects=False)
        assert response.status_code == 307
        assert response.headers["location"] == "/ui/articles"


class TestArticleList:
    def test_lists_every_article_with_its_source_and_date(self, seeded: TestClient) -> None:
        response = seeded.get("/ui/articles", params={"sort": "id"})
        assert response.status_code == 200
        page = html(response)
        assert texts(page, "//p[@id='count']") == ["5 articles"]
        assert texts(page, "//table[@class='articles']/tbody/tr/td[1]") == ["1", "2", "3", "4", "5"]
        assert texts(page, "//table[@class='articles']/tbody/tr[2]/td") == [
            "2",
            "Russia says end to fighting in Syria’s Idlib is Turkey’s responsibility",
            "Reuters",
            "2019-05-31",
            "en",
        ]
        assert page.xpath("//table[@class='articles']/tbody/tr[2]//a/@href") == ["/ui/articles/2"]

    def test_search_words_filter_by_title_or_text(self, seeded: TestClient) -> None:
        page = html(seeded.get("/ui/articles", params={"q": "Takfiri militants"}))
        assert texts(page, "//table[@class='articles']/tbody/tr/td[3]") == ["PressTV"]
        assert page.xpath("//input[@id='q']/@value") == ["Takfiri militants"]

    def test_the_source_menu_lists_every_source_and_filters(self, seeded: TestClient) -> None:
        page = html(seeded.get("/ui/articles", params={"source": "Reuters"}))
        assert texts(page, "//select[@id='source']/option") == [
            "All sources",
            "Baghdad Post",
            "PressTV",
            "Reuters",
            "Reuters via an unknown outlet",
            "unknown aggregator (Ukrainian-language site)",
        ]
        assert texts(page, "//select[@id='source']/option[@selected]") == ["Reuters"]
        assert texts(page, "//table[@class='articles']/tbody/tr/td[1]") == ["2"]

    def test_dates_filter_inclusively(self, seeded: TestClient) -> None:
        page = html(
            seeded.get(
                "/ui/articles", params={"published_since": "2020-01-01", "published_until": "2020-02-01"}
            )
        )
        assert texts(page, "//table[@class='articles']/tbody/tr/td[1]") == ["4"]

    def test_a_date_that_is_not_one_is_a_422_with_a_message(self, seeded: TestClient) -> None:
        response = seeded.get("/ui/articles", params={"published_since": "31/05/2019"})
        assert response.status_code == 422
        assert texts(html(response), "//div[@class='error-summary']//li") == [
            "“Published from” must be a date (YYYY-MM-DD)."
        ]

    def test_pages_of_twenty_with_links_keeping_the_filters(self, client: TestClient) -> None:
        for number in range(23):
            client.post(
                "/v1/articles",
                json={"source": "Wire", "text": f"Story {number}\n\nIt rained {number} times."},
            )
        first = html(client.get("/ui/articles", params={"source": "Wire"}))
        assert texts(first, "//p[@id='count']") == ["23 articles, page 1 of 2"]
        assert len(first.xpath("//table[@class='articles']/tbody/tr")) == 20
        assert first.xpath("//nav[@aria-label='Pages']//a/@href") == ["?source=Wire&page=2"]
        second = html(client.get("/ui/articles", params={"source": "Wire", "page": 2}))
        assert texts(second, "//table[@class='articles']/tbody/tr/td[1]") == ["3", "2", "1"]  # newest first
        assert second.xpath("//nav[@aria-label='Pages']//a/@rel") == ["prev"]

    def test_a_page_past_the_end_goes_to_the_last_page_keeping_the_filters(self, client: TestClient) -> None:
        for number in range(23):
            client.post(
                "/v1/articles",
                json={"source": "Wire", "text": f"Story {number}\n\nIt rained {number} times."},
            )
        response = client.get("/ui/articles", params={"source": "Wire", "page": 999}, follow_redirects=False)
        assert (response.status_code, response.headers["location"]) == (
            307,
            "/ui/articles?source=Wire&page=2",
        )
        last = html(client.get("/ui/articles", params={"source": "Wire", "page": 999}))
        assert texts(last, "//p[@id='count']") == ["23 articles, page 2 of 2"]
        assert last.xpath("//nav[@aria-label='Pages']//a/@href") == ["?source=Wire&page=1"]

    def test_a_page_past_the_only_one_goes_to_the_list(self, seeded: TestClient) -> None:
        response = seeded.get("/ui/articles", params={"page": 2}, follow_redirects=False)
        assert (response.status_code, response.headers["location"]) == (307, "/ui/articles")

    def test_no_match_says_so(self, seeded: TestClient) -> None:
        page = html(seeded.get("/ui/articles", params={"q": "zeppelin"}))
        assert texts(page, "//p[@id='count']") == ["0 articles"]
        assert page.xpath("//table[@class='articles']") == []

    def test_titles_and_sources_are_escaped(self, client: TestClient) -> None:
        client.post(
            "/v1/articles",
            json={
                "source": "<b>Wire</b>",
                "title": "<script>alert(1)</script>",
                "text": "It rained in Moscow.",
            },
        )
        response = client.get("/ui/articles")
        assert "<script>alert(1)</script>" not in response.text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text
        assert texts(html(response), "//table[@class='articles']/tbody/tr/td[3]") == ["<b>Wire</b>"]


class TestArticlePage:
    def test_shows_what_is_known_and_the_text_in_paragraphs(self, seeded: TestClient) -> None:
        response = seeded.get("/ui/articles/2")
        assert response.status_code == 200
        page = html(response)
        assert texts(page, "//h1") == [
            "Russia says end to fighting in Syria’s Idlib is Turkey’s responsibility"
        ]
        facts = dict(
            zip(texts(page, "//dl[@class='facts']/dt"), texts(page, "//dl[@class='facts']/dd"), strict=True)
        )
        assert {key: facts[key] for key in ("Id", "Source", "Published", "Language")} == {
            "Id": "2",
            "Source": "Reuters",
            "Published": "2019-05-31",
            "Language": "en",
        }
        paragraphs = texts(page, "//section[@class='article-text']/p")
        assert paragraphs[0] == "Russia says end to fighting in Syria’s Idlib is Turkey’s responsibility"
        assert any(paragraph.startswith(SYRIANS_UPROOTED) for paragraph in paragraphs)

    def test_offers_every_other_article_to_compare_with(self, seeded: TestClient) -> None:
        page = html(seeded.get("/ui/articles/2"))
        assert page.xpath("//form[@class='compare-with']//input[@name='base_id']/@value") == ["2"]
        assert page.xpath("//select[@id='other_id']/option/@value") == ["", "1", "3", "4", "5"]

    def test_an_unknown_article_is_a_404_page(self, client: TestClient) -> None:
        response = client.get("/ui/articles/999")
        assert response.status_code == 404
        assert texts(html(response), "//main//p[1]") == ["Article 999 not found"]

    def test_the_text_is_escaped(self, client: TestClient) -> None:
        client.post(
            "/v1/articles", json={"source": "Wire", "text": 'Rain\n\n<img src=x onerror="alert(1)"> fell.'}
        )
        response = client.get("/ui/articles/1")
        assert "<img" not in response.text
        assert texts(html(response), "//section[@class='article-text']/p[2]") == [
            '<img src=x onerror="alert(1)"> fell.'
        ]


def _row(page: object, contains: str) -> dict[str, object]:
    """The alignment row whose text contains ``contains``: its op, moved flag and cells."""
    (row,) = page.xpath(f"//table[@class='alignment-table']/tbody/tr[contains(., {json.dumps(contains)})]")  # type: ignore[attr-defined]
    return {
        "op": row.get("data-op"),
        "label": " ".join(row.xpath("td[@class='change']/span[@class='op-label']")[0].text_content().split()),
        "base": " ".join(row.xpath("td[@data-side='base']")[0].text_content().split()),
        "other": " ".join(row.xpath("td[@data-side='other']")[0].text_content().split()),
    }


class TestComparisonView:
    def test_names_the_engine_and_the_meaning_model(
        self, seeded: TestClient, client_with: ClientWith
    ) -> None:
        assert texts(html(seeded.get("/ui/compare/2/3")), "//p[@data-engine-version]") == [
            f"wirediff {ENGINE_VERSION}"
        ]
        semantic = client_with(semantic_meaning=True)
        TestErrorPages.store_two_seeds(semantic)
        assert texts(html(semantic.get("/ui/compare/1/2")), "//p[@data-engine-version]") == [
            f"wirediff {ENGINE_VERSION}+minilm-l6-int8"
        ]

    def test_the_dropped_sentence_is_shown_as_dropped_beside_an_empty_cell(self, seeded: TestClient) -> None:
        response = seeded.get("/ui/compare/2/3")
        assert response.status_code == 200
        row = _row(html(response), SYRIANS_UPROOTED)
        assert (row["op"], row["label"], row["other"]) == ("dropped", "dropped", "")
        assert str(row["base"]).startswith(f"base [7] {SYRIANS_UPROOTED}")

    def test_a_sentence_with_only_run_together_words_is_kept(self, seeded: TestClient) -> None:
        page = html(seeded.get("/ui/compare/2/3"))
        row = _row(page, "Erdogan also told Putin by phone")
        assert (row["op"], row["label"]) == ("kept", "kept")
        assert page.xpath("//tr[@id='b5']//td[@data-side='other']//span[@class='glue']/text()") == [
            "apolitical"
        ]
        assert texts(page, "//tr[@id='b5']//span[@class='glued-note']") == ["1 run-together word"]

    def test_the_one_rewording_that_likely_changed_the_meaning_says_so(self, seeded: TestClient) -> None:
        page = html(seeded.get("/ui/compare/2/3"))
        row = "//table[@class='alignment-table']/tbody/tr[contains(., 'The Turkish leader has repeatedly')]"
        complained = page.xpath(f"{row}/@id")
        assert page.xpath("//tr[.//span[@class='meaning-changed']]/@id") == complained
        [note] = texts(page, "//span[@class='meaning-changed']")
        assert re.fullmatch(r"meaning likely changed \(\d{2}%\)", note)

    def test_changed_words_are_marked_inside_a_reworded_sentence(self, seeded: TestClient) -> None:
        page = html(seeded.get("/ui/compare/2/3"))
        assert page.xpath("//tr[@id='b4']/@data-op") == ["reworded"]
        assert texts(page, "//tr[@id='b4']//td[@data-side='other']//ins") == ["[inserted: Recep]"]
        assert texts(page, "//tr[@id='b0']//td[@data-side='base']//del") == [
            "[deleted: end to]",
            "[deleted: is Turkey’s responsibility]",
        ]

    def test_rows_follow_the_alignment_with_boilerplate_folded(self, seeded: TestClient) -> None:
        page = html(seeded.get("/ui/compare/2/3"))
        ops = page.xpath("//table[@class='alignment-table']/tbody/tr/@data-op")
        assert ops == [
            "boilerplate", "reworded", "boilerplate", "kept", "dropped", "reworded", "kept", "reworded",
            "dropped", "dropped", "dropped", "added", "reworded", "kept", "kept",
            "added", "added", "added", "added", "added", "added",
        ]  # fmt: skip
        assert texts(page, "//tr[@data-op='boilerplate'][2]//td[@data-side='base']//summary") == [
            "1 boilerplate sentence [1]"
        ]

    def test_the_panel_gives_verdict_shares_quotes_and_credit(self, seeded: TestClient) -> None:
        page = html(seeded.get("/ui/compare/2/3"))
        assert page.xpath("//strong[@data-verdict]/text()") == ["derived"]
        assert texts(page, "//dl[@class='shares']/dd") == ["63% 63%", "51% 51%"]
        assert texts(page, "//ul[@class='counts']/li") == [
            "kept 4", "reworded 4", "dropped 4", "added 7", "moved 0"
        ]  # fmt: skip
        assert texts(page, "//li[contains(@class, 'quote-missing')]") == [
            "missing “They don’t have any shelter or water, and this is beyond our abilities."
            " We are doing all we can,”"
        ]
        assert page.xpath("//li[contains(@class, 'quote-missing')]/a/@href") == ["#b9"]
        assert texts(page, "//p[contains(@class, 'credit')]") == [
            "Base credits Reuters; other credits nobody. Credit dropped."
        ]

    def test_a_verdict_a_rule_set_over_the_model_says_so(self, seeded: TestClient) -> None:
        # PressTV's rewrite: the model reads related most likely, the rewrite rule makes it derived
        page = html(seeded.get("/ui/compare/2/5"))
        assert page.xpath("//strong[@data-verdict]/text()") == ["derived"]
        assert texts(page, "//p[@data-rule='rewrite']") == [
            "Derived by rule: 35% of the base or more carried, 3 sentences or more clearly reused, "
            "over the model's reading below."
        ]
        assert html(seeded.get("/ui/compare/2/3")).xpath("//p[@data-rule]") == []

    def test_another_agencys_report_of_the_event_drops_no_credit(self, client: TestClient) -> None:
        ids = [
            client.post("/v1/articles", json={"source": source, "text": text}).json()["id"]
            for source, text in (("Reuters", REUTERS_FLOOD), ("AFP", AFP_FLOOD))
        ]
        page = html(client.get(f"/ui/compare/{ids[0]}/{ids[1]}"))
        assert page.xpath("//strong[@data-verdict]/text()") == ["related"]
        assert texts(page, "//p[contains(@class, 'credit')]") == ["Base credits Reuters; other credits AFP."]

    def test_a_sentence_only_moved_is_where_next_change_leads(self, client: TestClient) -> None:
        for text in (FLOODS, FLOODS_MOVED):
            assert client.post("/v1/articles", json={"source": "Reuters", "text": text}).status_code == 201
        page = html(client.get("/ui/compare/1/2"))
        assert page.xpath("//a[@class='next-change']/@href") == ["#b2"]
        assert page.xpath("//tr[@data-change]/@id") == ["b2"]
        assert page.xpath("//tr[@id='b2']/@data-moved") == ["true"]

    def test_a_verdict_without_evidence_shows_no_weighed_most_line(self, client: TestClient) -> None:
        for text in (
            "It rained in Moscow on Friday.",
            "The central bank raised its key rate by half a point.",
        ):
            assert client.post("/v1/articles", json={"source": "Wire", "text": text}).status_code == 201
        page = html(client.get("/ui/compare/1/2"))
        assert page.xpath("//strong[@data-verdict]/text()") == ["unrelated"]
        assert page.xpath("//p[contains(@class, 'evidence')]") == []

    def test_the_evidence_that_weighed_most_is_listed(self, seeded: TestClient) -> None:
        [line] = texts(html(seeded.get("/ui/compare/2/3")), "//p[contains(@class, 'evidence')]")
        assert re.fullmatch(r"Weighed most: \w[\w ]* -?[\d.e+-]+ \([+-]\d+\.\d\d\)(, .+)*\.", line), line

    def test_links_to_the_text_json_markdown_and_html_forms(self, seeded: TestClient) -> None:
        page = html(seeded.get("/ui/compare/2/3"))
        links = dict(
            zip(
                texts(page, "//ul[@class='forms']/li/a"),
                page.xpath("//ul[@class='forms']/li/a/@href"),
                strict=False,
            )
        )
        assert {name: links[name] for name in ("Text", "JSON", "Markdown", "HTML page")} == {
            "Text": "/v1/articles/2/compare/3?format=text",
            "JSON": "/v1/articles/2/compare/3?format=json",
            "Markdown": "/ui/compare/2/3/export.md",
            "HTML page": "/ui/compare/2/3/export.html",
        }

    def test_an_unknown_article_is_a_404_page(self, seeded: TestClient) -> None:
        response = seeded.get("/ui/compare/2/99")
        assert response.status_code == 404
        assert texts(html(response), "//main//p[1]") == ["Article 99 not found"]


class TestCompareForm:
    def test_offers_stored_articles_and_two_text_boxes_with_labels(self, seeded: TestClient) -> None:
        page = html(seeded.get("/ui/compare"))
        assert page.xpath("//select[@id='base_id']/option/@value") == ["", "1", "2", "3", "4", "5"]
        assert texts(page, "//label[@for='base_text']") == ["Base text"]
        assert texts(page, "//label[@for='other_text']") == ["Other text"]
        assert page.xpath("//textarea/@name") == ["base_text", "other_text"]

    def test_two_picked_articles_go_to_their_comparison(self, seeded: TestClient) -> None:
        response = seeded.get("/ui/compare", params={"base_id": "2", "other_id": "3"}, follow_redirects=False)
        assert response.status_code == 303
        assert response.headers["location"] == "/ui/compare/2/3"

    def test_an_unknown_or_missing_pick_is_a_422_naming_the_field(self, seeded: TestClient) -> None:
        response = seeded.get("/ui/compare", params={"base_id": "2", "other_id": "42"})
        assert response.status_code == 422
        page = html(response)
        assert texts(page, "//p[@id='other_id-error']") == ["There is no article 42."]
        assert page.xpath("//select[@id='other_id']/@aria-invalid") == ["true"]
        assert texts(page, "//select[@id='base_id']/option[@selected]") == [
            "2 · Reuters: Russia says end to fighting in Syria’s Idlib is Turkey’s responsibility"
        ]

    def test_with_api_keys_pasted_texts_are_compared_without_storing_them(
        self, client_with: ClientWith
    ) -> None:
        client = client_with(api_keys=["k"])
        response = client.post(
            "/ui/compare",
            data={
                "base_text": "Rain in Moscow\n\nRebels fired on Friday in the city. It rained all day.",
                "other_text": "Rain in Moscow\n\nMilitants fired on Friday in the city.",
            },
        )
        assert response.status_code == 200
        page = html(response)
        assert texts(page, "//h1") == ["Pasted base vs Pasted other"]
        assert page.xpath("//table[@class='alignment-table']/tbody/tr/@data-op") == [
            "kept",
            "reworded",
            "dropped",
        ]
        assert texts(page, "//tr[@data-op='reworded']//ins") == ["[inserted: Militants]"]
        assert client.get("/v1/articles", headers={"X-API-Key": "k"}).json()["count"] == 0

    def test_unstored_pasted_results_carry_their_json_and_text_forms(self, client_with: ClientWith) -> None:
        client = client_with(api_keys=["k"])
        page = html(client.post("/ui/compare", data={"base_text": "It rained.", "other_text": "It snowed."}))
        (href,) = page.xpath("//ul[@class='forms']//a[@download]/@href")
        assert href.startswith("data:application/json;base64,")
        assert json.loads(base64.b64decode(href.partition(",")[2]))["verdict"] == "unrelated"
        assert texts(page, "//details[@class='text-form']/pre")[0].startswith("wirediff ")

    @pytest.mark.parametrize("blank", ["  ", "\u200b\u00ad"])
    def test_an_empty_text_is_a_422_and_the_other_is_kept(self, client: TestClient, blank: str) -> None:
        response = client.post("/ui/compare", data={"base_text": blank, "other_text": "It snowed."})
        assert response.status_code == 422
        page = html(response)
        assert texts(page, "//p[@id='base_text-error']") == ["Paste a text here."]
        assert texts(page, "//textarea[@id='other_text']") == ["It snowed."]

    def test_a_text_over_the_limit_is_a_422_naming_it(self, client: TestClient) -> None:
        response = client.post("/ui/compare", data={"base_text": "x" * 20_001, "other_text": "It snowed."})
        assert response.status_code == 422
        assert texts(html(response), "//p[@id='base_text-error']") == [
            "20001 characters, over the limit of 20000 (WIREDIFF_MAX_TEXT_CHARS)."
        ]

    def test_pasted_markup_is_shown_as_text(self, client: TestClient) -> None:
        evil = '<script>alert("x")</script> It rained on <b>Friday</b>.'
        response = client.post("/ui/compare", data={"base_text": evil, "other_text": "It rained on Friday."})
        assert response.status_code == 200
        assert "<script>alert" not in response.text
        assert "<b>Friday</b>" not in response.text


class TestAssets:
    def test_the_stylesheet_and_script_are_served(self, client: TestClient) -> None:
        css = client.get("/ui/static/wirediff.css")
        script = client.get("/ui/static/wirediff.js")
        assert (css.status_code, css.headers["content-type"]) == (200, "text/css; charset=utf-8")
        assert script.status_code == 200
        assert script.headers["content-type"].startswith("text/javascript")

    def test_no_page_is_in_the_openapi_document(self, app: FastAPI) -> None:
        assert [path for path in app.openapi()["paths"] if path.startswith("/ui")] == []


class TestErrorPages:
    """The dashboard's errors are pages with the API's status and headers, never problem+json."""

    @staticmethod
    def store_two_seeds(client: TestClient) -> None:
        for number, source, _ in SEEDS[1:3]:
            assert (
                client.post("/v1/articles", json={"source": source, "text": seed_text(number)}).status_code
                == 201
            )

    def test_a_page_that_is_not_there_is_a_404_page(self, client: TestClient) -> None:
        response = client.get("/ui/no-such-page")
        assert response.status_code == 404
        assert texts(html(response), "//h1") == ["Not Found"]
        assert "default-src 'self'" in response.headers["content-security-policy"]

    def test_an_address_with_invalid_values_lists_each_and_why(self, client: TestClient) -> None:
        response = client.get("/ui/articles", params={"page": "0"})
        assert response.status_code == 422
        page = html(response)
        assert texts(page, "//main//p[1]") == ["The request has 1 invalid field:"]
        errors = [" ".join(item.split()) for item in texts(page, "//ul[@class='error-list']/li")]
        assert errors == ["page: Input should be greater than or equal to 1"]

    def test_a_comparison_over_its_budget_is_a_422_page_naming_the_limit(
        self, client_with: ClientWith
    ) -> None:
        client = client_with(compare_time_budget=1e-9)
        self.store_two_seeds(client)
        response = client.get("/ui/compare/1/2")
        assert response.status_code == 422
        page = html(response)
        assert texts(page, "//h1") == ["Unprocessable Content"]
        assert "WIREDIFF_COMPARE_TIME_BUDGET" in " ".join(texts(page, "//main//p"))

    def test_over_the_rate_is_a_429_page_with_retry_after(self, client_with: ClientWith) -> None:
        client = client_with(compare_rate_limit="1/minute")
        self.store_two_seeds(client)
        assert client.get("/ui/compare/1/2").status_code == 200
        response = client.get("/ui/compare/2/1")
        assert response.status_code == 429
        assert int(response.headers["retry-after"]) > 0
        assert texts(html(response), "//h1") == ["Too Many Requests"]

    def test_the_article_and_coverage_pages_count_against_the_compare_rate(
        self, client_with: ClientWith
    ) -> None:
        client = client_with(compare_rate_limit="3/minute")
        self.store_two_seeds(client)
        # the Baghdad Post's page: two comparisons computed (the related version, and the Reuters
        # story as the origin's base): two counts
        assert client.get("/ui/articles/2").status_code == 200
        # the one comparison cached: the request alone
        assert client.get("/ui/articles/2/coverage").status_code == 200
        for page in ("/ui/articles/2", "/ui/articles/2/coverage"):
            response = client.get(page)
            assert response.status_code == 429
            assert texts(html(response), "//h1") == ["Too Many Requests"]

    def test_a_search_with_a_nul_character_is_a_422_page(self, client: TestClient) -> None:
        for query in ({"q": "rain\x00"}, {"source": "Reu\x00ters"}):
            response = client.get("/ui/articles", params=query)
            assert response.status_code == 422
            assert texts(html(response), "//h1") == ["Unprocessable Content"]

    @pytest.mark.parametrize("form", ["/ui/compare", "/ui/articles"])
    def test_a_form_over_the_body_limit_is_a_413_page(self, client_with: ClientWith, form: str) -> None:
        client = client_with(max_body_bytes=1024)
        response = client.post(form, data={"base_text": "Word. " * 400, "content": "Word. " * 400})
        assert response.status_code == 413
        assert response.headers["connection"] == "close"
        page = html(response)
        assert texts(page, "//h1") == ["Content Too Large"]
        assert texts(page, "//main/p[1]") == [
            "The request body is larger than 1024 bytes (WIREDIFF_MAX_BODY_BYTES)"
        ]

    def test_an_address_over_the_header_limit_is_a_431_page(self, client_with: ClientWith) -> None:
        client = client_with(max_header_bytes=4096)
        response = client.get("/ui/articles", params={"q": "a" * 5000})
        assert response.status_code == 431
        page = html(response)
        assert texts(page, "//h1") == ["Request Header Fields Too Large"]
        assert texts(page, "//main/p[1]") == [
            "The request's headers are larger than 4096 bytes (WIREDIFF_MAX_HEADER_BYTES)"
        ]

    def test_the_api_still_answers_a_body_over_the_limit_with_problem_json(
        self, client_with: ClientWith
    ) -> None:
        client = client_with(max_body_bytes=1024)
        response = client.post("/v1/articles", json={"source": "Reuters", "text": "Word. " * 400})
        assert (response.status_code, response.headers["content-type"]) == (413, "application/problem+json")
        assert response.json()["detail"] == (
            "The request body is larger than 1024 bytes (WIREDIFF_MAX_BODY_BYTES)"
        )

    def test_the_api_still_answers_problem_json(self, client: TestClient) -> None:
        response = client.get("/v1/no-such-route")
        assert (response.status_code, response.headers["content-type"]) == (404, "application/problem+json")


class TestWithReadsProtected:
    def test_the_dashboard_is_not_served(self, settings: Settings) -> None:
        app = create_app(settings.model_copy(update={"api_keys": ["s3cret"], "protect_reads": True}))
        with TestClient(app) as client:
            response = client.get("/ui/articles")
            assert response.status_code == 404
            assert response.headers["content-type"] == "application/problem+json"
            assert client.get("/ui/static/wirediff.css").status_code == 404
