"""POST /v1/articles from a page: {"html": ...} and {"url": ...}; GET /v1/articles/{id}/html.

Pages come from a web site of the tests' own on 127.0.0.1 (tests/services/pages/server.py), which the
app may fetch from only with WIREDIFF_FETCH_ALLOW_PRIVATE, as here.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from tests.api.conftest import _empty_tables
from tests.apps import app_for
from tests.services.pages.server import PageSite, page_bytes, serve_pages
from tests.services.pages.test_extract import WIRE_STORY_TEXT

WIRE_STORY = page_bytes("wire-story.html").decode()


@pytest.fixture(scope="module")
def site() -> Iterator[PageSite]:
    with serve_pages() as site:
        yield site


@pytest.fixture
def fetching(settings: Settings) -> Iterator[TestClient]:
    """A client of an app allowed to fetch from 127.0.0.1, with a short fetch timeout."""
    app = app_for(settings.model_copy(update={"fetch_allow_private": True, "fetch_timeout_seconds": 1.0}))
    with TestClient(app) as client:
        _empty_tables(app.state.db_engine)
        yield client


class TestCreateArticleFromHtml:
    def test_the_article_is_extracted_with_its_title_date_and_author(self, client: TestClient) -> None:
        response = client.post("/v1/articles", json={"source": "Example Wire", "html": WIRE_STORY})
        assert response.status_code == 201
        body = response.json()
        assert {key: body[key] for key in ("title", "published_at", "author", "language", "url", "text")} == {
            "title": "Kremlin says Idlib ceasefire is up to Ankara",
            "published_at": "2019-05-31T14:05:00Z",
            "author": "Maria Tsvetkova",
            "language": "en",
            "url": None,
            "text": WIRE_STORY_TEXT,
        }

    def test_fields_given_win_over_the_page(self, client: TestClient) -> None:
        response = client.post(
            "/v1/articles",
            json={
                "source": "Example Wire",
                "html": WIRE_STORY,
                "title": "Ceasefire up to Ankara",
                "author": "Desk",
                "published_at": "2019-06-01T08:00:00Z",
                "url": "https://example.com/idlib",
            },
        )
        assert response.status_code == 201
        body = response.json()
        assert (body["title"], body["author"], body["published_at"], body["url"]) == (
            "Ceasefire up to Ankara",
            "Desk",
            "2019-06-01T08:00:00Z",
            "https://example.com/idlib",
        )

    def test_a_blank_title_leaves_the_page_s_own(self, client: TestClient) -> None:
        page = client.post("/v1/articles", json={"source": "Wire", "html": WIRE_STORY}).json()["title"]
        client.delete("/v1/articles/1")
        blank = client.post("/v1/articles", json={"source": "Wire", "html": WIRE_STORY, "title": "  "})
        assert (blank.status_code, blank.json()["title"]) == (201, page)
        assert page

    def test_the_same_page_again_is_the_stored_article(self, client: TestClient) -> None:
        first = client.post("/v1/articles", json={"source": "Example Wire", "html": WIRE_STORY})
        again = client.post("/v1/articles", json={"source": "Example Wire", "text": WIRE_STORY_TEXT})
        assert again.status_code == 200
        assert again.json()["id"] == first.json()["id"]

    def test_the_html_is_not_kept_unless_asked(self, client: TestClient) -> None:
        article_id = client.post("/v1/articles", json={"source": "Wire", "html": WIRE_STORY}).json()["id"]
        response = client.get(f"/v1/articles/{article_id}/html")
        assert response.status_code == 404
        assert response.json()["detail"] == (
            f'Article {article_id} has no kept HTML (post its page again with "keep_html": true)'
        )

    def test_the_same_page_again_with_keep_html_keeps_it(self, client: TestClient) -> None:
        first = client.post("/v1/articles", json={"source": "Wire", "html": WIRE_STORY})
        again = client.post("/v1/articles", json={"source": "Wire", "html": WIRE_STORY, "keep_html": True})

        assert (first.status_code, again.status_code) == (201, 200)
        assert again.json()["id"] == first.json()["id"]
        response = client.get(f"/v1/articles/{first.json()['id']}/html")
        assert (response.status_code, response.text) == (200, WIRE_STORY)

    def test_a_kept_page_stays_when_the_article_is_posted_again(self, client: TestClient) -> None:
        same_text = WIRE_STORY.replace("</body>", "<!-- another copy of the page --></body>")
        assert same_text != WIRE_STORY
        first = client.post("/v1/articles", json={"source": "Wire", "html": WIRE_STORY, "keep_html": True})
        again = client.post("/v1/articles", json={"source": "Wire", "html": same_text, "keep_html": True})
        once_more = client.post(
            "/v1/articles", json={"source": "Wire", "html": WIRE_STORY, "keep_html": True}
        )

        assert (first.status_code, again.status_code, once_more.status_code) == (201, 200, 200)
        response = client.get(f"/v1/articles/{first.json()['id']}/html")
        assert (response.status_code, response.text) == (200, WIRE_STORY)

    def test_kept_html_is_served_inert(self, client: TestClient) -> None:
        posted = client.post("/v1/articles", json={"source": "Wire", "html": WIRE_STORY, "keep_html": True})
        response = client.get(f"/v1/articles/{posted.json()['id']}/html")
        assert response.status_code == 200
        assert response.text == WIRE_STORY
        assert response.headers["content-type"] == "text/html; charset=utf-8"
        assert (
            response.headers["content-security-policy"]
            == "sandbox; default-src 'none'; style-src 'unsafe-inline'"
        )

    def test_kept_html_goes_with_its_article(self, client: TestClient) -> None:
        posted = client.post("/v1/articles", json={"source": "Wire", "html": WIRE_STORY, "keep_html": True})
        article_id = posted.json()["id"]
        assert client.delete(f"/v1/articles/{article_id}").status_code == 204
        response = client.get(f"/v1/articles/{article_id}/html")
        assert response.status_code == 404
        assert response.json()["detail"] == f"Article {article_id} not found"

    def test_a_page_without_an_article_is_a_422(self, client: TestClient) -> None:
        html = page_bytes("no-article.html").decode()
        response = client.post("/v1/articles", json={"source": "Wire", "html": html})
        assert response.status_code == 422
        assert response.json()["detail"] == "No article text found in the page"


class TestCreateArticleForms:
    def test_text_and_html_together_are_a_422(self, client: TestClient) -> None:
        response = client.post(
            "/v1/articles", json={"source": "Wire", "text": "It rained.", "html": WIRE_STORY}
        )
        assert response.status_code == 422
        assert response.json()["errors"] == [
            {"loc": ["body"], "detail": 'Give either "text" or "html", not both', "type": "form_ambiguous"}
        ]

    def test_neither_text_html_nor_url_is_a_422(self, client: TestClient) -> None:
        response = client.post("/v1/articles", json={"source": "Wire"})
        assert response.status_code == 422
        assert response.json()["errors"] == [
            {
                "loc": ["body"],
                "detail": 'Give the article as "text", as "html", or a "url" to fetch it from',
                "type": "form_missing",
            }
        ]

    def test_keep_html_with_text_is_a_422(self, client: TestClient) -> None:
        response = client.post(
            "/v1/articles", json={"source": "Wire", "text": "It rained.", "keep_html": True}
        )
        assert response.status_code == 422
        assert [e["type"] for e in response.json()["errors"]] == ["form_mismatch"]

    def test_a_source_is_still_required(self, client: TestClient) -> None:
        response = client.post("/v1/articles", json={"html": WIRE_STORY})
        assert response.status_code == 422
        assert [e["loc"] for e in response.json()["errors"]] == [["body", "source"]]


class TestCreateArticleFromUrl:
    def test_the_page_is_fetched_and_its_article_stored_with_the_url(
        self, fetching: TestClient, site: PageSite
    ) -> None:
        url = site.url("/pages/wire-story.html")
        response = fetching.post("/v1/articles", json={"source": "Example Wire", "url": url})
        assert response.status_code == 201
        body = response.json()
        assert (body["url"], body["title"], body["author"], body["text"]) == (
            url,
            "Kremlin says Idlib ceasefire is up to Ankara",
            "Maria Tsvetkova",
            WIRE_STORY_TEXT,
        )

    def test_a_page_in_latin_1_is_decoded_as_it_declares(self, fetching: TestClient, site: PageSite) -> None:
        response = fetching.post(
            "/v1/articles",
            json={"source": "Grazer", "url": site.url("/pages/latin1-story.html"), "keep_html": True},
        )
        assert response.status_code == 201
        assert response.json()["title"] == "Café-Besitzer in Graz verklagt Stadt"
        assert response.json()["language"] == "de"
        kept = fetching.get(f"/v1/articles/{response.json()['id']}/html")
        assert kept.text == page_bytes("latin1-story.html").decode("iso-8859-1")

    def test_redirects_are_followed_and_the_given_url_is_stored(
        self, fetching: TestClient, site: PageSite
    ) -> None:
        response = fetching.post(
            "/v1/articles", json={"source": "Example Wire", "url": site.url("/redirect/2")}
        )
        assert response.status_code == 201
        assert response.json()["url"] == site.url("/redirect/2")

    def test_a_missing_page_is_a_502_problem(self, fetching: TestClient, site: PageSite) -> None:
        url = site.url("/nowhere")
        response = fetching.post("/v1/articles", json={"source": "Wire", "url": url})
        assert response.status_code == 502
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json() == {
            "type": "about:blank",
            "title": "Bad Gateway",
            "status": 502,
            "detail": f"{url} answered 404 Not Found",
            "instance": "/v1/articles",
        }

    def test_a_stalled_page_is_a_502(self, fetching: TestClient, site: PageSite) -> None:
        response = fetching.post("/v1/articles", json={"source": "Wire", "url": site.url("/stall")})
        assert response.status_code == 502
        assert response.json()["detail"] == f"Fetching {site.url('/stall')} timed out (limit 1 s)"

    def test_something_other_than_html_is_a_422(self, fetching: TestClient, site: PageSite) -> None:
        response = fetching.post("/v1/articles", json={"source": "Wire", "url": site.url("/data.json")})
        assert response.status_code == 422
        assert response.json()["detail"] == f"{site.url('/data.json')} is application/json, not an HTML page"

    def test_loopback_is_refused_without_the_setting(self, client: TestClient, site: PageSite) -> None:
        response = client.post(
            "/v1/articles", json={"source": "Wire", "url": site.url("/pages/wire-story.html")}
        )
        assert response.status_code == 422
        assert response.json()["detail"] == (
            "127.0.0.1 is a loopback, private or otherwise non-public address;"
            " set WIREDIFF_FETCH_ALLOW_PRIVATE=true to allow it"
        )

    def test_a_url_other_than_http_is_refused_before_fetching(self, fetching: TestClient) -> None:
        response = fetching.post("/v1/articles", json={"source": "Wire", "url": "file:///etc/passwd"})
        assert response.status_code == 422
        assert [e["loc"] for e in response.json()["errors"]] == [["body", "url"]]


OUTLET_PAGE = (
    "<!DOCTYPE html><html lang='en'><head><title>Israeli strikes hit Beirut suburbs</title>"
    "<meta property='article:published_time' content='2024-09-25T01:15:00+03:00'></head><body><article>"
    "<h1>Israeli strikes hit Beirut suburbs</h1><p class='byline'>By Jane Doe, AFP</p>"
    "<p>Israeli air strikes hit the southern suburbs of Beirut on Tuesday, the Lebanese health ministry"
    " said, killing at least 12 people.</p><p>The strikes came hours after Hezbollah fired a barrage of"
    " rockets at northern Israel, the Israeli military said in a statement.</p><p>Residents said the"
    " blasts shook buildings across the capital, and ambulances rushed to the scene.</p>"
    "</article></body></html>"
)
WIRE_TEXT = (
    "Israeli strikes hit Beirut suburbs\n\nBEIRUT (AFP) - Israeli air strikes hit the southern suburbs of"
    " Beirut on Tuesday, the Lebanese health ministry said, killing at least 12 people.\n\nThe strikes came"
    " hours after Hezbollah fired a barrage of rockets at northern Israel, the Israeli military said in a"
    " statement.\n\nResidents said the blasts shook buildings across the capital, and ambulances rushed to"
    " the scene."
)


class TestAnOutletsPageOfAWireStory:
    """The agency's story at 21:15 UTC; an outlet's page of it at 01:15 the next day in Beirut, an
    hour later, crediting the agency in its byline alone."""

    def _stored(self, client: TestClient) -> tuple[int, int]:
        wire = client.post(
            "/v1/articles",
            json={"source": "AFP", "text": WIRE_TEXT, "published_at": "2024-09-24T21:15:00Z"},
        )
        outlet = client.post("/v1/articles", json={"source": "Beirut Daily", "html": OUTLET_PAGE})
        assert (wire.status_code, outlet.status_code) == (201, 201)
        assert outlet.json()["published_at"] == "2024-09-24T22:15:00Z"
        return wire.json()["id"], outlet.json()["id"]

    def test_it_is_a_pickup_of_the_wire_story_published_before_it(self, client: TestClient) -> None:
        wire, outlet = self._stored(client)
        response = client.get(f"/v1/articles/{wire}/related")
        assert response.status_code == 200
        [version] = response.json()["data"]
        assert (version["article"]["id"], version["pickup"]["is_pickup"]) == (outlet, True)

    def test_its_origin_is_the_wire_story(self, client: TestClient) -> None:
        wire, outlet = self._stored(client)
        response = client.get(f"/v1/articles/{outlet}/origin")
        assert response.status_code == 200
        assert (response.json()["is_original"], response.json()["origin"]["id"]) == (False, wire)

    def test_its_byline_keeps_the_agency_s_credit(self, client: TestClient) -> None:
        wire, outlet = self._stored(client)
        response = client.get(f"/v1/articles/{wire}/compare/{outlet}")
        assert response.status_code == 200
        assert response.json()["attribution"]["credit_dropped"] is False
        assert response.json()["attribution"]["other_credits"] == ["AFP"]
