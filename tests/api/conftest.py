"""The API suite runs against a real database: a fresh SQLite file per session by default, or the
PostgreSQL server named by TEST_DATABASE_URL (as .ci/run does). Migrations build the schema;
every test starts with empty tables and ids counting from 1."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text
from sqlmodel import Session

from app.config import Settings
from app.db import is_sqlite, migrate
from app.services.importer import parse_published, read_manifest
from tests.apps import app_for, open_client
from tests.seeds import SEEDS, seed_text


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{tmp_path_factory.mktemp('db') / 'wirediff.db'}"
    migrate(url)
    return url


@pytest.fixture(scope="session")
def settings(database_url: str) -> Settings:
    return Settings(
        database_url=database_url, max_text_chars=20_000, max_sentences=50, max_body_bytes=100_000
    )


@pytest.fixture
def app(settings: Settings) -> FastAPI:
    return app_for(settings)


def _empty_tables(engine: Engine) -> None:
    with engine.begin() as connection:
        if is_sqlite(engine.url):
            connection.execute(text("DELETE FROM comparison"))
            connection.execute(text("DELETE FROM article"))
            connection.execute(text("DELETE FROM sqlite_sequence"))
        else:
            connection.execute(text("TRUNCATE comparison, article RESTART IDENTITY CASCADE"))


@pytest.fixture
def client(app: FastAPI, settings: Settings) -> Iterator[TestClient]:
    with open_client(settings) as client:
        assert client.app is app
        _empty_tables(app.state.db_engine)
        yield client


ClientWith = Callable[..., TestClient]


@pytest.fixture
def client_with(settings: Settings) -> Iterator[ClientWith]:
    """``client_with(api_keys=["k"], ...)``: a client of an app whose settings differ from the
    suite's by the keywords given (fields of :class:`Settings`), on the same emptied database;
    ``address=`` sets the client's address."""
    with ExitStack() as stack:

        def make(address: str = "testclient", **changes: Any) -> TestClient:
            client = stack.enter_context(
                open_client(settings.model_copy(update=changes), client=(address, 50000))
            )
            _empty_tables(client.app.state.db_engine)  # type: ignore[attr-defined]
            return client

        yield make


@pytest.fixture
def session(client: TestClient) -> Iterator[Session]:
    """A session on the app's own database, to arrange and inspect rows directly."""
    with Session(client.app.state.db_engine) as session:  # type: ignore[attr-defined]
        yield session


def post_seed(client: TestClient, number: str, source: str, **fields: object) -> int:
    """Store seed ``number`` and return its id."""
    response = client.post("/v1/articles", json={"source": source, "text": seed_text(number), **fields})
    assert response.status_code == 201, response.text
    article_id = response.json()["id"]
    assert isinstance(article_id, int)
    return article_id


def store_seeds(client: TestClient) -> list[int]:
    """The five seeds stored in file-name order with their manifest's sources and dates, as
    ``make run`` imports them: ids 1 (000, the aggregator's copy) to 5 (004, PressTV)."""
    manifest = read_manifest(SEEDS)
    ids = []
    for path in sorted(SEEDS.glob("*.txt")):
        entry = manifest[path.name]
        published = parse_published(entry.published)
        ids.append(
            post_seed(
                client,
                path.name[:3],
                entry.source or "unknown",
                published_at=published.isoformat() if published else None,
            )
        )
    assert ids == [1, 2, 3, 4, 5]
    return ids


@pytest.fixture
def seeds(client: TestClient) -> list[int]:
    """:func:`store_seeds` through the suite's client."""
    return store_seeds(client)


def warnings_at_start(client: TestClient, caplog: pytest.LogCaptureFixture) -> list[str]:
    """What the client's app logs as warnings when another worker of it starts on the same database."""
    settings: Settings = client.app.state.settings  # type: ignore[attr-defined]
    with caplog.at_level(logging.WARNING, logger="wirediff"), open_client(settings):
        pass
    return [record.getMessage() for record in caplog.records if record.name == "wirediff"]
