"""POST/GET/DELETE /v1/articles."""

from __future__ import annotations

import hashlib
import threading
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event, text
from sqlmodel import Session, select

from app.db import make_engine
from app.models import Article, CachedComparison
from tests.api.conftest import post_seed
from tests.seeds import seed_text

SHORT = "Rain in Moscow\n\nIt rained in Moscow on Friday, the weather service said. Then it stopped."


def _created_recently(value: str) -> bool:
    created = datetime.fromisoformat(value)
    return created.tzinfo is not None and abs(datetime.now(UTC) - created) < timedelta(minutes=5)


class TestCreateArticle:
    def test_new_article_is_201_with_location_and_the_stored_article(self, client: TestClient) -> None:
        response = client.post(
            "/v1/articles",
            json={
                "source": "Example Wire",
                "text": SHORT,
                "title": "Rain",
                "url": "https://example.com/rain",
                "published_at": "2019-05-31T10:00:00Z",
            },
        )
        assert response.status_code == 201
        assert response.headers["location"] == "/v1/articles/1"
        body = response.json()
        assert _created_recently(body["created_at"])
        assert body == {
            "id": 1,
            "source": "Example Wire",
            "title": "Rain",
            "url": "https://example.com/rain",
            "published_at": "2019-05-31T10:00:00Z",
            "author": None,
            "language": body["language"],
            "content_hash": hashlib.sha256(SHORT.replace("\n\n", " ").encode()).hexdigest(),
            "created_at": body["created_at"],
            "text": SHORT,
        }

    def test_title_and_language_are_detected_when_not_given(self, client: TestClient) -> None:
        response = client.post("/v1/articles", json={"source": "Reuters", "text": seed_text("001")})
        assert response.status_code == 201
        body = response.json()
        assert body["title"] == "Russia says end to fighting in Syria’s Idlib is Turkey’s responsibility"
        assert body["language"] == "en"
        assert body["url"] is None
        assert body["published_at"] is None

    @pytest.mark.parametrize("title", ["", "   ", "\t\n"])
    def test_a_blank_title_is_no_title(self, client: TestClient, title: str) -> None:
        response = client.post(
            "/v1/articles", json={"source": "Reuters", "text": seed_text("001"), "title": title}
        )
        assert response.status_code == 201
        assert (
            response.json()["title"]
            == "Russia says end to fighting in Syria’s Idlib is Turkey’s responsibility"
        )

    def test_a_title_is_trimmed_as_the_source_is(self, client: TestClient) -> None:
        response = client.post(
            "/v1/articles", json={"source": " Wire ", "text": "It rained.", "title": "  Rain  "}
        )
        assert (response.status_code, response.json()["source"], response.json()["title"]) == (
            201,
            "Wire",
            "Rain",
        )

    def test_content_hash_is_sha256_of_the_normalised_text(self, client: TestClient) -> None:
        response = client.post("/v1/articles", json={"source": "Wire", "text": "  “Cease\u2011fire”  now \n"})
        assert response.status_code == 201
        assert response.json()["content_hash"] == hashlib.sha256(b'"Cease-fire" now').hexdigest()

    def test_same_source_and_text_again_returns_the_stored_article_with_200(self, client: TestClient) -> None:
        first = client.post("/v1/articles", json={"source": "Wire", "text": SHORT})
        again = client.post("/v1/articles", json={"source": "Wire", "text": SHORT, "title": "Other"})
        assert again.status_code == 200
        assert "location" not in again.headers
        assert again.json() == first.json()

    def test_quote_style_and_spacing_do_not_make_a_new_version(self, client: TestClient) -> None:
        first = client.post("/v1/articles", json={"source": "Wire", "text": "He said “no”.  Then left."})
        again = client.post("/v1/articles", json={"source": "Wire", "text": 'He said "no". Then left.'})
        assert again.status_code == 200
        assert again.json()["id"] == first.json()["id"]

    def test_same_text_from_another_source_is_a_new_article(self, client: TestClient) -> None:
        client.post("/v1/articles", json={"source": "Reuters", "text": SHORT})
        response = client.post("/v1/articles", json={"source": "Baghdad Post", "text": SHORT})
        assert response.status_code == 201
        assert response.json()["id"] == 2

    def test_concurrent_duplicates_store_exactly_one_row(self, client: TestClient, session: Session) -> None:
        statuses: list[int] = []
        ids: set[int] = set()
        start = threading.Barrier(8)

        def post() -> None:
            start.wait(timeout=30)
            response = client.post("/v1/articles", json={"source": "Wire", "text": seed_text("002")})
            statuses.append(response.status_code)
            ids.add(response.json()["id"])

        threads = [threading.Thread(target=post) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert sorted(statuses) == [200] * 7 + [201]
        assert len(ids) == 1
        assert len(session.exec(select(Article)).all()) == 1

    def test_published_at_without_offset_is_taken_as_utc(self, client: TestClient) -> None:
        response = client.post(
            "/v1/articles", json={"source": "Wire", "text": SHORT, "published_at": "2019-05-31"}
        )
        assert response.status_code == 201
        assert response.json()["published_at"] == "2019-05-31T00:00:00Z"

    def test_published_at_with_offset_is_converted_to_utc(self, client: TestClient) -> None:
        response = client.post(
            "/v1/articles",
            json={"source": "Wire", "text": SHORT, "published_at": "2019-05-31T12:30:00+03:00"},
        )
        assert response.status_code == 201
        assert response.json()["published_at"] == "2019-05-31T09:30:00Z"

    def test_missing_source_is_a_422_problem_naming_the_field(self, client: TestClient) -> None:
        response = client.post("/v1/articles", json={"text": SHORT})
        assert response.status_code == 422
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json() == {
            "type": "about:blank",
            "title": "Unprocessable Content",
            "status": 422,
            "detail": "The request has 1 invalid field: see errors",
            "instance": "/v1/articles",
            "errors": [{"loc": ["body", "source"], "detail": "Field required", "type": "missing"}],
        }

    @pytest.mark.parametrize(
        "text", ["", " \n ", "\u200b", "\u00ad", "\ufeff", "\x1c\x1d", "\u200c\u200d \n"]
    )
    def test_blank_text_is_422(self, client: TestClient, text: str) -> None:
        # blank is what the engine's normalisation leaves nothing of: invisible characters too
        response = client.post("/v1/articles", json={"source": "Wire", "text": text})
        assert response.status_code == 422
        assert response.json()["errors"] == [
            {"loc": ["body", "text"], "detail": "Value error, text must not be blank", "type": "value_error"}
        ]
        assert client.get("/v1/articles").json()["count"] == 0

    @pytest.mark.parametrize("source", ["  ", "\u200b", " \ufeff\u00ad "])
    def test_blank_source_is_422(self, client: TestClient, source: str) -> None:
        response = client.post("/v1/articles", json={"source": source, "text": SHORT})
        assert response.status_code == 422
        assert [e["loc"] for e in response.json()["errors"]] == [["body", "source"]]

    def test_invisible_characters_beside_words_are_kept(self, client: TestClient) -> None:
        response = client.post("/v1/articles", json={"source": "Wire", "text": "\u200b" + SHORT})
        assert response.status_code == 201
        assert response.json()["text"] == "\u200b" + SHORT

    def test_unknown_field_is_422(self, client: TestClient) -> None:
        response = client.post("/v1/articles", json={"source": "Wire", "text": SHORT, "lede": "X"})
        assert response.status_code == 422
        assert response.json()["errors"] == [
            {"loc": ["body", "lede"], "detail": "Extra inputs are not permitted", "type": "extra_forbidden"}
        ]

    def test_url_other_than_http_is_422(self, client: TestClient) -> None:
        response = client.post("/v1/articles", json={"source": "Wire", "text": SHORT, "url": "ftp://x/y"})
        assert response.status_code == 422
        assert [e["loc"] for e in response.json()["errors"]] == [["body", "url"]]

    def test_nul_character_in_text_is_422(self, client: TestClient) -> None:
        response = client.post("/v1/articles", json={"source": "Wire", "text": "It rained.\u0000"})
        assert response.status_code == 422
        assert response.json()["errors"] == [
            {
                "loc": ["body", "text"],
                "detail": "Value error, text must not contain NUL characters or lone surrogates",
                "type": "value_error",
            }
        ]

    def test_text_over_the_configured_limit_is_422_naming_the_limit(self, client: TestClient) -> None:
        response = client.post("/v1/articles", json={"source": "Wire", "text": "word " * 4_001})
        assert response.status_code == 422
        assert response.json()["errors"] == [
            {
                "loc": ["body", "text"],
                "detail": "20005 characters, over the limit of 20000 (WIREDIFF_MAX_TEXT_CHARS)",
                "type": "limit",
            }
        ]

    def test_body_over_the_configured_size_is_413(self, client: TestClient) -> None:
        response = client.post("/v1/articles", json={"source": "Wire", "text": "x" * 100_001})
        assert response.status_code == 413
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json() == {
            "type": "about:blank",
            "title": "Content Too Large",
            "status": 413,
            "detail": "The request body is larger than 100000 bytes (WIREDIFF_MAX_BODY_BYTES)",
            "instance": "/v1/articles",
        }

    def test_chunked_body_over_the_configured_size_is_413(self, client: TestClient) -> None:
        def chunks() -> Any:
            yield b'{"source": "Wire", "text": "'
            for _ in range(20):
                yield b"x" * 10_000
            yield b'"}'

        response = client.post("/v1/articles", content=chunks(), headers={"content-type": "application/json"})
        assert response.status_code == 413
        assert (
            response.json()["detail"]
            == "The request body is larger than 100000 bytes (WIREDIFF_MAX_BODY_BYTES)"
        )

    def test_body_that_is_not_json_is_415(self, client: TestClient) -> None:
        response = client.post("/v1/articles", content=SHORT, headers={"content-type": "text/plain"})
        assert response.status_code == 415
        assert response.json() == {
            "type": "about:blank",
            "title": "Unsupported Media Type",
            "status": 415,
            "detail": "Send the body as application/json (Content-Type was text/plain)",
            "instance": "/v1/articles",
        }

    def test_malformed_json_is_400(self, client: TestClient) -> None:
        response = client.post(
            "/v1/articles", content=b'{"source": "Wire",', headers={"content-type": "application/json"}
        )
        assert response.status_code == 400
        assert response.json()["detail"] == "The body is not valid JSON"


class TestListArticles:
    def test_empty_database_lists_nothing(self, client: TestClient) -> None:
        response = client.get("/v1/articles")
        assert response.status_code == 200
        assert response.json() == {"data": [], "count": 0, "limit": 20, "offset": 0}

    def test_lists_articles_in_storage_order_without_their_texts(self, client: TestClient) -> None:
        post_seed(client, "001", "Reuters", published_at="2019-05-31")
        post_seed(client, "002", "Baghdad Post")
        response = client.get("/v1/articles")
        assert response.status_code == 200
        body = response.json()
        assert body["count"] == 2
        assert [(a["id"], a["source"]) for a in body["data"]] == [(1, "Reuters"), (2, "Baghdad Post")]
        assert set(body["data"][0]) == {
            "id", "source", "title", "url", "published_at", "author", "language", "content_hash", "created_at"
        }  # fmt: skip

    def test_filters_by_exact_source(self, client: TestClient) -> None:
        post_seed(client, "001", "Reuters")
        post_seed(client, "002", "Baghdad Post")
        response = client.get("/v1/articles", params={"source": "Baghdad Post"})
        assert response.status_code == 200
        assert [a["id"] for a in response.json()["data"]] == [2]
        assert response.json()["count"] == 1

    @pytest.mark.parametrize("source", [" Baghdad Post ", "\tBaghdad Post\n"])
    def test_the_source_filter_is_trimmed_as_a_stored_source_is(
        self, client: TestClient, source: str
    ) -> None:
        post_seed(client, "002", " Baghdad Post ")  # stored as "Baghdad Post"
        response = client.get("/v1/articles", params={"source": source})
        assert response.status_code == 200
        assert [a["source"] for a in response.json()["data"]] == ["Baghdad Post"]

    def test_a_source_is_stored_and_filtered_in_composed_form(self, client: TestClient) -> None:
        composed, decomposed = "Di\u00e1rio do Sul", "Dia\u0301rio do Sul"  # as macOS types it
        post_seed(client, "001", composed)
        post_seed(client, "002", decomposed)
        for source in (composed, decomposed):
            response = client.get("/v1/articles", params={"source": source})
            assert response.status_code == 200
            assert [(a["id"], a["source"]) for a in response.json()["data"]] == [(1, composed), (2, composed)]

    def test_a_blank_source_filter_matches_nothing(self, client: TestClient) -> None:
        post_seed(client, "002", "Baghdad Post")
        response = client.get("/v1/articles", params={"source": "  "})
        assert response.status_code == 200
        assert response.json()["count"] == 0

    def test_q_needs_every_word_in_title_or_text_in_any_case(self, client: TestClient) -> None:
        post_seed(client, "001", "Reuters")
        post_seed(client, "003", "Unknown")
        post_seed(client, "004", "PressTV")
        response = client.get("/v1/articles", params={"q": "TAKFIRI idlib"})
        assert response.status_code == 200
        assert [a["source"] for a in response.json()["data"]] == ["PressTV"]

    def test_q_searches_words_so_like_wildcards_are_separators(self, client: TestClient) -> None:
        client.post("/v1/articles", json={"source": "A", "text": "Prices rose 15% on Friday."})
        client.post("/v1/articles", json={"source": "B", "text": "Prices fell 15 points on Friday."})
        response = client.get("/v1/articles", params={"q": "ros%_"})
        assert response.status_code == 200
        assert [a["source"] for a in response.json()["data"]] == ["A"]

    def test_filters_by_publication_dates_inclusively(self, client: TestClient) -> None:
        for day in ("2019-05-30", "2019-05-31", "2019-06-01"):
            client.post("/v1/articles", json={"source": day, "text": f"News of {day}.", "published_at": day})
        client.post("/v1/articles", json={"source": "undated", "text": "Undated news."})
        response = client.get(
            "/v1/articles",
            params={"published_since": "2019-05-31", "published_until": "2019-06-01T00:00:00Z"},
        )
        assert response.status_code == 200
        assert [a["source"] for a in response.json()["data"]] == ["2019-05-31", "2019-06-01"]

    def test_limit_and_offset_page_through_with_the_total_count(self, client: TestClient) -> None:
        for n in range(5):
            client.post("/v1/articles", json={"source": "Wire", "text": f"Story number {n}."})
        response = client.get("/v1/articles", params={"limit": 2, "offset": 2})
        assert response.status_code == 200
        body = response.json()
        assert [a["id"] for a in body["data"]] == [3, 4]
        assert (body["count"], body["limit"], body["offset"]) == (5, 2, 2)

    def test_the_count_is_of_the_rows_the_page_was_read_from(
        self, client: TestClient, database_url: str
    ) -> None:
        for n in range(3):
            client.post("/v1/articles", json={"source": "Wire", "text": f"Story number {n}."})
        other = make_engine(database_url)

        def store_another(connection: Any, cursor: Any, statement: str, *_: Any) -> None:
            # another worker stores an article right after the list's first read
            if statement.lstrip().upper().startswith("SELECT") and not stored:
                stored.append(True)
                with other.begin() as writer:
                    writer.execute(
                        text(
                            "INSERT INTO article (source, text, content_hash, created_at) "
                            "VALUES ('Wire', 'Story number 3.', 'x', CURRENT_TIMESTAMP)"
                        )
                    )

        stored: list[bool] = []
        engine = client.app.state.db_engine  # type: ignore[attr-defined]
        event.listen(engine, "after_cursor_execute", store_another)
        try:
            response = client.get("/v1/articles")
        finally:
            event.remove(engine, "after_cursor_execute", store_another)
            other.dispose()
        assert (response.status_code, stored) == (200, [True])
        body = response.json()
        assert ([a["id"] for a in body["data"]], body["count"]) == ([1, 2, 3], 3)
        assert client.get("/v1/articles").json()["count"] == 4

    def test_a_page_past_the_end_is_empty_with_the_total_count(self, client: TestClient) -> None:
        for n in range(3):
            client.post("/v1/articles", json={"source": "Wire", "text": f"Story number {n}."})
        response = client.get("/v1/articles", params={"limit": 2, "offset": 10})
        assert response.status_code == 200
        assert (response.json()["data"], response.json()["count"]) == ([], 3)

    def test_limit_over_100_is_422(self, client: TestClient) -> None:
        response = client.get("/v1/articles", params={"limit": 101})
        assert response.status_code == 422
        assert response.json()["errors"] == [
            {
                "loc": ["query", "limit"],
                "detail": "Input should be less than or equal to 100",
                "type": "less_than_equal",
            }
        ]

    def test_until_before_since_is_422_naming_both(self, client: TestClient) -> None:
        response = client.get(
            "/v1/articles", params={"published_since": "2019-06-01", "published_until": "2019-01-01"}
        )
        assert response.status_code == 422
        assert response.headers["content-type"] == "application/problem+json"
        detail = '"published_until" is before "published_since": no date is both'
        assert response.json() == {
            "type": "about:blank",
            "title": "Unprocessable Content",
            "status": 422,
            "detail": detail,
            "instance": "/v1/articles",
            "errors": [
                {"loc": ["query", "published_since"], "detail": detail, "type": "range_empty"},
                {"loc": ["query", "published_until"], "detail": detail, "type": "range_empty"},
            ],
        }

    def test_since_and_until_the_same_instant_is_a_range(self, client: TestClient) -> None:
        client.post("/v1/articles", json={"source": "A", "text": "News.", "published_at": "2019-06-01"})
        response = client.get(
            "/v1/articles", params={"published_since": "2019-06-01", "published_until": "2019-06-01"}
        )
        assert (response.status_code, response.json()["count"]) == (200, 1)

    def test_unparseable_date_is_422(self, client: TestClient) -> None:
        response = client.get("/v1/articles", params={"published_since": "last week"})
        assert response.status_code == 422
        assert [e["loc"] for e in response.json()["errors"]] == [["query", "published_since"]]


class TestReadArticle:
    def test_returns_the_article_with_its_text(self, client: TestClient) -> None:
        article_id = post_seed(client, "001", "Reuters")
        response = client.get(f"/v1/articles/{article_id}")
        assert response.status_code == 200
        assert response.json()["text"] == seed_text("001")
        assert response.json()["source"] == "Reuters"

    def test_unknown_id_is_a_404_problem(self, client: TestClient) -> None:
        response = client.get("/v1/articles/999")
        assert response.status_code == 404
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json() == {
            "type": "about:blank",
            "title": "Not Found",
            "status": 404,
            "detail": "Article 999 not found",
            "instance": "/v1/articles/999",
        }

    def test_non_integer_id_is_422(self, client: TestClient) -> None:
        response = client.get("/v1/articles/one")
        assert response.status_code == 422
        assert [e["loc"] for e in response.json()["errors"]] == [["path", "article_id"]]


class TestDeleteArticle:
    def test_deletes_the_article_with_204_and_no_body(self, client: TestClient) -> None:
        article_id = post_seed(client, "001", "Reuters")
        response = client.delete(f"/v1/articles/{article_id}")
        assert response.status_code == 204
        assert response.content == b""
        assert client.get(f"/v1/articles/{article_id}").status_code == 404

    def test_unknown_id_is_404(self, client: TestClient) -> None:
        response = client.delete("/v1/articles/999")
        assert response.status_code == 404
        assert response.json()["detail"] == "Article 999 not found"

    def test_its_cached_comparisons_go_too(self, client: TestClient, session: Session) -> None:
        reuters = post_seed(client, "001", "Reuters")
        aggregator = post_seed(client, "000", "Aggregator")
        baghdad = post_seed(client, "002", "Baghdad Post")
        for base, other in ((reuters, aggregator), (aggregator, reuters), (reuters, baghdad)):
            assert client.get(f"/v1/articles/{base}/compare/{other}").status_code == 200
        response = client.delete(f"/v1/articles/{aggregator}")
        assert response.status_code == 204
        remaining = session.exec(select(CachedComparison.base_id, CachedComparison.other_id)).all()
        assert [tuple(row) for row in remaining] == [(reuters, baghdad)]

    def test_ids_are_not_reused_after_a_delete(self, client: TestClient) -> None:
        post_seed(client, "001", "Reuters")
        last = post_seed(client, "002", "Baghdad Post")
        client.delete(f"/v1/articles/{last}")
        assert post_seed(client, "004", "PressTV") == last + 1


class TestDetectedTitles:
    def test_a_detected_title_longer_than_the_column_is_cut_to_fit(self, client: TestClient) -> None:
        headline = " ".join(["Headline"] * 8) + " " + "x" * 600
        response = client.post(
            "/v1/articles", json={"source": "Wire", "text": f"{headline}\n\nIt rained on Friday."}
        )
        assert response.status_code == 201
        title = response.json()["title"]
        assert title is None or title == headline[:499] + "\u2026"
