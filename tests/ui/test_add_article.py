"""The dashboard's form to add an article: /ui/articles/new, posting to /ui/articles."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from tests.api.conftest import _empty_tables
from tests.apps import open_client
from tests.services.pages.server import PageSite, page_bytes, serve_pages
from tests.ui.conftest import html, texts

RAIN = "Rain in Moscow\n\nIt rained in Moscow on Friday, the weather service said. Then it stopped."


@pytest.fixture(scope="module")
def site() -> Iterator[PageSite]:
    with serve_pages() as site:
        yield site


def _client(settings: Settings, **changes: object) -> Iterator[TestClient]:
    with open_client(settings.model_copy(update=changes)) as client:
        _empty_tables(client.app.state.db_engine)  # type: ignore[attr-defined]
        yield client


@pytest.fixture
def fetching(settings: Settings) -> Iterator[TestClient]:
    # room for a busy machine to serve the test's page (a 1 s limit once cut one off under load)
    yield from _client(settings, fetch_allow_private=True, fetch_timeout_seconds=4.0)


@pytest.fixture
def keyed(settings: Settings) -> Iterator[TestClient]:
    yield from _client(settings, api_keys=["s3cret"])


class TestArticleForm:
    def test_asks_for_source_address_and_content_with_labels(self, client: TestClient) -> None:
        page = html(client.get("/ui/articles/new"))
        assert texts(page, "//form[@class='article-form']//label[@for]") == [
            "Source",
            "Address of the page",
            "Text or HTML",
            "Title",
            "Published on",
            "Author",
        ]
        assert page.xpath("//input[@id='source']/@required") == [""]
        assert page.xpath("//input[@id='api_key']") == []


class TestAddArticle:
    def test_a_pasted_text_is_stored_and_shown(self, client: TestClient) -> None:
        response = client.post(
            "/ui/articles", data={"source": "Wire", "content": RAIN}, follow_redirects=False
        )
        assert response.status_code == 303
        assert response.headers["location"] == "/ui/articles/1?notice=added"
        page = html(client.get(response.headers["location"]))
        assert texts(page, "//p[@class='notice']") == ["Added."]
        assert texts(page, "//h1") == ["Rain in Moscow"]

    def test_the_same_text_again_shows_the_stored_article(self, client: TestClient) -> None:
        client.post("/ui/articles", data={"source": "Wire", "content": RAIN})
        response = client.post(
            "/ui/articles", data={"source": "Wire", "content": RAIN}, follow_redirects=False
        )
        assert response.headers["location"] == "/ui/articles/1?notice=existing"

    def test_pasted_html_is_stored_as_its_article_with_the_author(self, client: TestClient) -> None:
        response = client.post(
            "/ui/articles",
            data={
                "source": "Example Wire",
                "content_kind": "html",
                "content": page_bytes("wire-story.html").decode(),
            },
        )
        assert response.status_code == 200
        page = html(response)
        assert texts(page, "//h1") == ["Kremlin says Idlib ceasefire is up to Ankara"]
        facts = dict(
            zip(texts(page, "//dl[@class='facts']/dt"), texts(page, "//dl[@class='facts']/dd"), strict=True)
        )
        assert (facts["Author"], facts["Published"]) == ("Maria Tsvetkova", "2019-05-31")

    def test_an_address_is_fetched_and_its_page_kept_when_asked(
        self, fetching: TestClient, site: PageSite
    ) -> None:
        url = site.url("/pages/wire-story.html")
        response = fetching.post(
            "/ui/articles",
            data={"source": "Example Wire", "url": url, "keep_html": "true"},
            follow_redirects=False,
        )
        assert response.status_code == 303
        article = fetching.get("/v1/articles/1").json()
        assert (article["url"], article["title"]) == (url, "Kremlin says Idlib ceasefire is up to Ankara")
        assert fetching.get("/v1/articles/1/html").status_code == 200

    def test_an_address_that_cannot_be_had_is_a_502_on_the_address(
        self, fetching: TestClient, site: PageSite
    ) -> None:
        url = site.url("/nowhere")
        response = fetching.post("/ui/articles", data={"source": "Wire", "url": url})
        assert response.status_code == 502
        page = html(response)
        assert texts(page, "//p[@id='url-error']") == [f"{url} answered 404 Not Found"]
        assert page.xpath("//input[@id='url']/@value") == [url]

    def test_a_missing_source_is_a_422_on_the_source(self, client: TestClient) -> None:
        response = client.post("/ui/articles", data={"source": "", "content": RAIN})
        assert response.status_code == 422
        assert texts(html(response), "//p[@id='source-error']") == ["Fill this in."]
        assert html(response).xpath("//textarea[@id='content']/text()") == [RAIN]

    def test_nothing_to_store_is_a_422_on_the_content(self, client: TestClient) -> None:
        response = client.post("/ui/articles", data={"source": "Wire"})
        assert response.status_code == 422
        assert texts(html(response), "//p[@id='content-error']") == [
            "Paste the article's text or the page's HTML, or give the page's address."
        ]

    def test_an_empty_source_and_nothing_to_store_are_both_reported(self, client: TestClient) -> None:
        response = client.post("/ui/articles", data={"source": "", "content": "  "})
        assert response.status_code == 422
        page = html(response)
        assert texts(page, "//div[@class='error-summary']//li") == [
            "Fill this in.",
            "Paste the article's text or the page's HTML, or give the page's address.",
        ]
        assert page.xpath("//div[@class='error-summary']//a/@href") == ["#source", "#content"]

    def test_a_title_too_long_says_how_long_it_may_be(self, client: TestClient) -> None:
        response = client.post("/ui/articles", data={"source": "Wire", "content": RAIN, "title": "T" * 5000})
        assert response.status_code == 422
        assert texts(html(response), "//p[@id='title-error']") == [
            "Keep it to 500 characters or fewer (this has 5000)."
        ]

    def test_an_address_that_is_not_http_says_so_in_words(self, client: TestClient) -> None:
        response = client.post("/ui/articles", data={"source": "Wire", "url": "ftp://example.com/a"})
        assert response.status_code == 422
        assert texts(html(response), "//p[@id='url-error']") == [
            "Must be an http or https URL without spaces."
        ]

    def test_a_page_without_an_article_is_a_422_on_the_content(self, client: TestClient) -> None:
        response = client.post(
            "/ui/articles",
            data={
                "source": "Wire",
                "content_kind": "html",
                "content": page_bytes("no-article.html").decode(),
            },
        )
        assert response.status_code == 422
        assert texts(html(response), "//p[@id='content-error']") == ["No article text found in the page"]


class TestAddArticleOverTheLimits:
    """The form holds a text to the same limits as POST /v1/articles: a stored article must stay
    comparable."""

    def test_a_text_with_too_many_sentences_is_a_422_on_the_content_and_nothing_is_stored(
        self, settings: Settings
    ) -> None:
        for client in _client(settings, max_sentences=2):
            response = client.post("/ui/articles", data={"source": "Wire", "content": RAIN})
            assert response.status_code == 422
            assert texts(html(response), "//p[@id='content-error']") == [
                "3 sentences, over the limit of 2 (WIREDIFF_MAX_SENTENCES)."
            ]
            assert client.get("/v1/articles").json()["count"] == 0

    def test_a_text_over_the_character_limit_is_a_422_on_the_content(self, settings: Settings) -> None:
        for client in _client(settings, max_text_chars=50):
            response = client.post("/ui/articles", data={"source": "Wire", "content": RAIN})
            assert response.status_code == 422
            assert texts(html(response), "//p[@id='content-error']") == [
                f"{len(RAIN)} characters, over the limit of 50 (WIREDIFF_MAX_TEXT_CHARS)."
            ]
            assert client.get("/v1/articles").json()["count"] == 0


class TestAddArticleWithApiKeys:
    def test_the_form_asks_for_a_key(self, keyed: TestClient) -> None:
        assert html(keyed.get("/ui/articles/new")).xpath("//input[@id='api_key']/@type") == ["password"]

    def test_a_wrong_key_is_a_403_and_nothing_is_stored(self, keyed: TestClient) -> None:
        response = keyed.post("/ui/articles", data={"source": "Wire", "content": RAIN, "api_key": "guess"})
        assert response.status_code == 403
        assert texts(html(response), "//p[@id='api_key-error']") == ["That is not one of the API keys."]
        assert keyed.get("/v1/articles").json()["count"] == 0

    def test_a_right_key_stores_the_article(self, keyed: TestClient) -> None:
        response = keyed.post(
            "/ui/articles",
            data={"source": "Wire", "content": RAIN, "api_key": "s3cret"},
            follow_redirects=False,
        )
        assert response.status_code == 303
