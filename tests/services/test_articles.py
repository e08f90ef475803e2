"""Storing an article (app/services/articles.py over crud.create_article): what comes back is the
row as the database holds it, ready to use without another query."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import event
from sqlmodel import Session

from app import crud
from app.config import Settings
from app.models import Article
from app.schemas import ArticleCreate
from app.services.articles import store_article

TEXT = "Rain in Moscow\n\nIt rained in Moscow on Friday, the weather service said. Then it stopped."
PLUS_TWO = timezone(timedelta(hours=2))


@contextmanager
def statements_run(session: Session) -> Iterator[list[str]]:
    run: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        run.append(statement.split(None, 1)[0].upper())

    engine = session.get_bind()
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield run
    finally:
        event.remove(engine, "before_cursor_execute", record)


def store(session: Session, **fields: Any) -> tuple[Article, bool]:
    article_in = ArticleCreate.model_validate({"source": "Example Wire", "text": TEXT, **fields})
    return store_article(session=session, article_in=article_in, settings=Settings())


class TestStoreArticle:
    def test_new_article_comes_back_as_stored_with_published_at_in_utc(self, session: Session) -> None:
        article, created = store(session, published_at=datetime(2019, 5, 31, 12, tzinfo=PLUS_TWO))
        assert created
        assert article.published_at == datetime(2019, 5, 31, 10, tzinfo=UTC)
        assert article.published_at.tzinfo is UTC
        assert article.created_at.tzinfo is UTC and article.created_at.microsecond == 0

    def test_new_article_is_read_after_the_commit_without_another_query(self, session: Session) -> None:
        with statements_run(session) as run:
            article, created = store(session, url="https://example.com/rain")
            after_storing = len(run)
            fields = (article.id, article.title, article.text, article.created_at, article.language)
        assert created and fields[0] is not None
        assert len(run) == after_storing
        assert "SELECT" not in run[1:]  # only the lookup of an existing article reads

    def test_new_article_stays_in_the_session(self, session: Session) -> None:
        article, _ = store(session)
        assert article in session
        assert session.get(Article, article.id) is article

    def test_same_text_again_returns_the_stored_row_not_created(self, session: Session) -> None:
        first, _ = store(session, url="https://example.com/rain")
        again, created = store(session, url="https://example.com/rain")
        assert not created
        assert again.id == first.id


class TestArticlesReadBackAfterACommit:
    """A commit (a comparison cached) expires every loaded row; the rows a caller goes on
    reading are read back together, not one statement each on first use."""

    def test_the_expired_ones_are_read_in_one_statement_and_then_used_without_another(
        self, session: Session
    ) -> None:
        first, _ = store(session, url="https://example.com/rain")
        second, _ = store(session, text=TEXT + " It snowed.")
        session.commit()
        with statements_run(session) as run:
            crud.reload_expired(session=session, articles=[first, second])
            texts = (first.text, second.text)
        assert run == ["SELECT"]
        assert texts == (TEXT, TEXT + " It snowed.")

    def test_rows_not_expired_are_not_read_again(self, session: Session) -> None:
        article, _ = store(session)
        with statements_run(session) as run:
            crud.reload_expired(session=session, articles=[article])
        assert run == []
