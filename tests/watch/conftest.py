"""The watch suite: a fresh migrated SQLite database per test (copied from one migrated once), a
fake outlet and a webhook receiver on 127.0.0.1, settings that let watches fetch from those two
hosts only, and a clock the tests move by hand (``now``) instead of sleeping."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from app.config import Settings
from app.db import make_engine, migrate
from app.models import Article
from app.schemas import ArticleCreate
from app.services.articles import store_article
from tests.watch.outlet import Outlet, serve_outlet
from tests.watch.receiver import Receiver, serve_receiver
from tests.watch.stories import WIRE_TEXT

SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
#: The tests' clock starts here and moves only when a test moves it.
T0 = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)


@pytest.fixture(scope="session")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "wirediff.db"
    migrate(f"sqlite:///{path}")
    return path


@pytest.fixture
def outlet() -> Iterator[Outlet]:
    with serve_outlet() as outlet:
        yield outlet


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with serve_receiver(SECRET) as receiver:
        yield receiver


@pytest.fixture
def settings(tmp_path: Path, migrated: Path, outlet: Outlet, receiver: Receiver) -> Settings:
    shutil.copy(migrated, tmp_path / "wirediff.db")
    return Settings(
        database_url=f"sqlite:///{tmp_path / 'wirediff.db'}",
        queue=str(tmp_path / "queue.db"),
        watch_allow_hosts=[outlet.host, receiver.host],
        watch_host_delay_seconds=0.0,
        # generous: a fetch from the outlet on this machine takes milliseconds, but a CI runner
        # busy with other suites has held one past a second (the slow page's test sets its own)
        fetch_timeout_seconds=10.0,
        public_url="http://wirediff.test",
        webhook_retry_seconds=[10.0, 60.0],
    )


@pytest.fixture
def engine(settings: Settings) -> Iterator[Engine]:
    engine = make_engine(settings.database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def wire(engine: Engine) -> Article:
    """The Reuters story the outlet takes its article from, stored before anything is watched."""
    with Session(engine) as session:
        article, _ = store_article(
            session=session,
            settings=Settings(),
            article_in=ArticleCreate(
                source="Reuters",
                text=WIRE_TEXT,
                url="https://wire.example/floods",
                published_at=datetime(2026, 11, 30, 22, tzinfo=UTC),
            ),
        )
        session.expunge(article)
        return article
