"""While the database is away every route that needs it answers 503 with Retry-After, never a 500,
and answers normally again once it is back (app/api/outages.py)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.db import make_engine
from app.main import create_app

UNREACHABLE = "postgresql+psycopg://nobody@127.0.0.1:9/nothing"


@contextmanager
def database_away(client: TestClient) -> Iterator[None]:
    app = client.app
    working = app.state.db_engine  # type: ignore[attr-defined]
    app.state.db_engine = make_engine(UNREACHABLE)  # type: ignore[attr-defined]
    try:
        yield
    finally:
        app.state.db_engine = working  # type: ignore[attr-defined]


class TestDatabaseAway:
    @pytest.mark.parametrize(
        ("method", "path", "body"),
        [
            ("GET", "/v1/articles", None),
            ("GET", "/v1/articles/1", None),
            ("POST", "/v1/articles", {"source": "Wire", "text": "It rained."}),
            ("DELETE", "/v1/articles/1", None),
            ("GET", "/v1/articles/1/compare/2", None),
            ("POST", "/v1/checks", {"base": {"id": 1}, "other": {"id": 2}, "rules": {"max_dropped": 1}}),
        ],
    )
    def test_is_a_503_problem_with_retry_after(
        self, client: TestClient, method: str, path: str, body: object
    ) -> None:
        with database_away(client):
            response = client.request(method, path, json=body)
        assert response.status_code == 503
        assert response.headers["content-type"] == "application/problem+json"
        assert response.headers["retry-after"] == "2"
        assert response.json() == {
            "type": "about:blank",
            "title": "Service Unavailable",
            "status": 503,
            "detail": "Database unavailable (OperationalError); retry shortly",
            "instance": path,
        }

    def test_routes_without_the_database_still_answer(self, client: TestClient) -> None:
        with database_away(client):
            compare = client.post("/v1/compare", json={"base": {"text": "A."}, "other": {"text": "B."}})
            livez = client.get("/livez")
        assert (compare.status_code, livez.status_code) == (200, 200)

    def test_answers_normally_once_it_is_back(self, client: TestClient) -> None:
        with database_away(client):
            assert client.get("/v1/articles").status_code == 503
        assert client.get("/v1/articles").status_code == 200


class TestSchemaNotMigrated:
    """A table missing is no outage that passes: a 503 saying what to run, with no Retry-After."""

    @pytest.mark.parametrize(
        ("method", "path", "body"),
        [
            ("GET", "/v1/articles", None),
            ("GET", "/v1/articles/1", None),
            ("POST", "/v1/articles", {"source": "Wire", "text": "It rained."}),
            ("GET", "/v1/watches", None),
        ],
    )
    def test_is_a_503_problem_saying_to_migrate(
        self, tmp_path: Path, method: str, path: str, body: object
    ) -> None:
        settings = Settings(database_url=f"sqlite:///{tmp_path / 'new.db'}", queue=str(tmp_path / "q.db"))
        with TestClient(create_app(settings)) as client:
            response = client.request(method, path, json=body)

        assert response.status_code == 503
        assert response.headers["content-type"] == "application/problem+json"
        assert "retry-after" not in response.headers
        assert response.json() == {
            "type": "about:blank",
            "title": "Service Unavailable",
            "status": 503,
            "detail": "Database schema is not migrated: run `wirediff migrate`",
            "instance": path,
        }
