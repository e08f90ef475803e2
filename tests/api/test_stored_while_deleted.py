"""A POST of an article racing a DELETE of the same article: stored anew (201) or the stored one
(200), never a 500. Another worker's steps are made between the request's own, through a
connection of their own: the same article stored just before the request's insert, and deleted
just after that insert lost to it (or just after the request's lookup found it)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, event, text
from sqlalchemy.orm import Session

from app.config import Settings
from app.db import make_engine, session_scope
from app.schemas import ArticleCreate
from app.services.articles import content_hash, store_article

TEXT = "Rain in Moscow\n\nIt rained in Moscow on Friday. Then it stopped. The mayor spoke to reporters."
POST = {"source": "Example Wire", "text": TEXT}


def _delete_the_article(other: Engine) -> None:
    with other.begin() as connection:
        connection.execute(
            text("DELETE FROM article WHERE source = :source AND content_hash = :hash"),
            {"source": POST["source"], "hash": content_hash(TEXT)},
        )


@contextmanager
def another_worker_wins_then_deletes(
    app_engine: Engine, database_url: str, times: int
) -> Iterator[list[int]]:
    """Before each of the app's first ``times`` inserts of an article, another worker stores the
    same article; once the app has rolled the lost insert back, it deletes it. Yields the ids the
    other worker stored."""
    other = make_engine(database_url)
    stored: list[int] = []
    pending: list[bool] = []

    def store_first(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if len(stored) < times and statement.startswith("INSERT INTO article ("):
            with session_scope(other) as session:
                article, _ = store_article(
                    session=session, article_in=ArticleCreate.model_validate(POST), settings=Settings()
                )
                assert article.id is not None
                stored.append(article.id)
            pending.append(True)

    def delete_after_rollback(session: Session) -> None:
        if pending and session.get_bind() is app_engine:
            pending.clear()
            _delete_the_article(other)

    event.listen(app_engine, "before_cursor_execute", store_first)
    event.listen(Session, "after_rollback", delete_after_rollback)
    try:
        yield stored
    finally:
        event.remove(app_engine, "before_cursor_execute", store_first)
        event.remove(Session, "after_rollback", delete_after_rollback)
        other.dispose()


@contextmanager
def deleted_after_the_lookup(app_engine: Engine, database_url: str) -> Iterator[list[bool]]:
    """Delete the article right after the app's lookup of it has run (found or not)."""
    other = make_engine(database_url)
    done: list[bool] = []

    def delete(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if not done and statement.startswith("SELECT article.id") and "content_hash" in statement:
            done.append(True)
            _delete_the_article(other)

    event.listen(app_engine, "after_cursor_execute", delete)
    try:
        yield done
    finally:
        event.remove(app_engine, "after_cursor_execute", delete)
        other.dispose()


@pytest.fixture
def engine(client: TestClient) -> Engine:
    db_engine: Engine = client.app.state.db_engine  # type: ignore[attr-defined]
    return db_engine


def article_count(client: TestClient) -> int:
    count = client.get("/v1/articles").json()["count"]
    assert isinstance(count, int)
    return count


class TestStoredWhileDeleted:
    def test_an_article_deleted_after_the_lookup_found_it_answers_200_with_it(
        self, client: TestClient, engine: Engine, database_url: str
    ) -> None:
        stored = client.post("/v1/articles", json=POST)
        assert stored.status_code == 201
        with deleted_after_the_lookup(engine, database_url) as done:
            response = client.post("/v1/articles", json=POST)
        assert done
        assert response.status_code == 200
        assert response.json()["id"] == stored.json()["id"]
        assert response.json()["text"] == TEXT
        assert article_count(client) == 0

    def test_an_insert_lost_to_an_article_deleted_since_stores_it_anew(
        self, client: TestClient, engine: Engine, database_url: str
    ) -> None:
        with another_worker_wins_then_deletes(engine, database_url, times=1) as others:
            response = client.post("/v1/articles", json=POST)
        assert len(others) == 1
        assert response.status_code == 201
        new_id = response.json()["id"]
        assert new_id != others[0]
        assert response.headers["location"] == f"/v1/articles/{new_id}"
        assert client.get(f"/v1/articles/{new_id}").json()["text"] == TEXT
        assert article_count(client) == 1

    def test_inserts_lost_on_every_try_answer_503_and_store_nothing(
        self, client: TestClient, engine: Engine, database_url: str
    ) -> None:
        with another_worker_wins_then_deletes(engine, database_url, times=100) as others:
            response = client.post("/v1/articles", json=POST)
        assert len(others) == 5  # one a try
        assert response.status_code == 503
        assert response.headers["content-type"] == "application/problem+json"
        assert response.headers["retry-after"] == "2"  # as when the database is away
        assert response.json() == {
            "type": "about:blank",
            "title": "Service Unavailable",
            "status": 503,
            "detail": "Other requests kept storing and deleting this article (or new versions of its"
            " URL) at the same time; send it again",
            "instance": "/v1/articles",
        }
        assert article_count(client) == 0
