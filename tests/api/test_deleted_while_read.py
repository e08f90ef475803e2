"""An article deleted while a request reads it: a 404, or an answer without it, never a 500. The
deletion is made between the request's steps: right after the request's first commit (the
comparisons it caches), through a connection of its own, as another worker's DELETE would."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, event, text
from sqlalchemy.orm import Session

from app.db import make_engine


@contextmanager
def deleted_after_first_commit(app_engine: Engine, database_url: str, article_id: int) -> Iterator[None]:
    """Delete ``article_id`` as soon as a session of the app's engine has first committed."""
    other = make_engine(database_url)
    done: list[bool] = []

    def delete(session: Session) -> None:
        if not done and session.get_bind() is app_engine:
            done.append(True)
            with other.begin() as connection:
                connection.execute(text("DELETE FROM article WHERE id = :id"), {"id": article_id})

    event.listen(Session, "after_commit", delete)
    try:
        yield
    finally:
        event.remove(Session, "after_commit", delete)
        other.dispose()
    assert done, "the request never committed: the deletion was not made"


@pytest.fixture
def engine(client: TestClient) -> Engine:
    db_engine: Engine = client.app.state.db_engine  # type: ignore[attr-defined]
    return db_engine


class TestDeletedWhileRead:
    def test_origin_of_an_article_deleted_meanwhile_is_404(
        self, client: TestClient, seeds: list[int], engine: Engine, database_url: str
    ) -> None:
        with deleted_after_first_commit(engine, database_url, 4):
            response = client.get("/v1/articles/4/origin")
        assert response.status_code == 404
        assert response.headers["content-type"] == "application/problem+json"
        assert client.get("/v1/articles/4").status_code == 404

    def test_related_with_a_version_deleted_meanwhile_is_200_or_404(
        self, client: TestClient, seeds: list[int], engine: Engine, database_url: str
    ) -> None:
        with deleted_after_first_commit(engine, database_url, 2):
            response = client.get("/v1/articles/4/related")
        assert response.status_code in (200, 404)
        if response.status_code == 200:
            assert 2 not in [version["article"]["id"] for version in response.json()["data"]]

    def test_the_article_page_of_an_article_deleted_meanwhile_is_a_404_page(
        self, client: TestClient, seeds: list[int], engine: Engine, database_url: str
    ) -> None:
        with deleted_after_first_commit(engine, database_url, 4):
            response = client.get("/ui/articles/4")
        assert response.status_code == 404
        assert response.headers["content-type"] == "text/html; charset=utf-8"
