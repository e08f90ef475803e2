"""An article deleted while a request reads it: a 404, or an answer without it, never a 500. The
deletion is made between the request's steps: right after the request's first commit (the
comparisons it caches), through a connection of its own, as another worker's DELETE would. And an
article deleted while a pickup backfill compares it, or while a reindex prepares its batch: they
go on, and store nothing of it."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, event, text
from sqlalchemy.orm import Session
from sqlmodel import Session as ModelSession
from sqlmodel import select

from app import crud
from app.config import Settings
from app.db import is_sqlite, make_engine
from app.engine import compare
from app.models import Article, ArticleBand, Pickup
from app.schemas import ArticleCreate
from app.services import pickups
from app.services.articles import store_article
from app.services.pickups import backfill, record_pickup
from app.services.related import reindex
from benchmarks.profiles import wire_story


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


def _delete(database_url: str, article_id: int) -> None:
    """Delete an article through a connection of its own, as another worker's DELETE would."""
    other = make_engine(database_url)
    try:
        with other.begin() as connection:
            connection.execute(text("DELETE FROM article WHERE id = :id"), {"id": article_id})
    finally:
        other.dispose()


def _store(session: ModelSession, source: str, text: str) -> Article:
    article, _ = store_article(
        session=session, article_in=ArticleCreate(source=source, text=text), settings=Settings()
    )
    return article


class TestDeletedWhileBackfilled:
    @pytest.mark.parametrize("deleted", ["wire", "outlet"])
    def test_a_pickup_of_an_article_deleted_meanwhile_is_not_stored(
        self, session: ModelSession, database_url: str, deleted: str
    ) -> None:
        wire = _store(session, "Reuters", wire_story(0))
        outlet = _store(session, "Copy Desk", wire.text + "\nOur own line.")
        comparison = compare(wire.text, outlet.text)
        _delete(database_url, (wire if deleted == "wire" else outlet).id or 0)
        found = datetime(2026, 1, 5, tzinfo=UTC)
        pickup = record_pickup(session, outlet=outlet, wire=wire, comparison=comparison, found_at=found)
        assert (pickup.id, pickup.outlet_source, pickup.wire_source) == (None, "Copy Desk", "Reuters")
        assert session.exec(select(Pickup)).all() == []

    def test_a_backfill_goes_on_past_a_wire_story_deleted_while_compared(
        self, session: ModelSession, database_url: str, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        first = _store(session, "Reuters", wire_story(0))
        first_copy = _store(session, "Copy Desk", first.text + "\nOur own line.")
        second = _store(session, "Reuters", wire_story(1))
        second_copy = _store(session, "Copy Desk", second.text + "\nOur own line.")
        ids = (first.id, first_copy.id, second.id, second_copy.id)
        compare_many = pickups.compare_many

        def compare_then_delete(*, base: Article, **arguments: Any) -> Any:
            compared = compare_many(base=base, **arguments)
            if base.id == ids[0]:  # an editor deletes the first story as it is compared
                _delete(database_url, ids[0] or 0)
            return compared

        monkeypatch.setattr(pickups, "compare_many", compare_then_delete)
        progress = list(backfill(session, settings=Settings()))
        stored = session.exec(select(Pickup)).all()
        assert [(p.outlet_article_id, p.wire_article_id) for p in stored] == [(ids[3], ids[2])]
        assert progress[-1].pickups == 1  # the pickup not stored is not counted as recorded
        assert session.get(Article, ids[1] or 0) is not None


def _band_rows(session: ModelSession) -> list[tuple[int, int]]:
    rows = session.exec(select(ArticleBand.article_id, ArticleBand.band_key)).all()
    return sorted((article_id, key) for article_id, key in rows)


class TestDeletedWhileReindexed:
    def test_an_article_deleted_since_its_batch_was_read_is_left_out(
        self, session: ModelSession, database_url: str
    ) -> None:
        kept = _store(session, "Reuters", wire_story(0)).id or 0
        gone = _store(session, "Reuters", wire_story(1)).id or 0
        _delete(database_url, gone)
        crud.replace_band_keys(
            session=session, keys_by_article={kept: [7, 8], gone: [9]}, prepared_by_article={}
        )
        assert _band_rows(session) == [(kept, 7), (kept, 8)]

    def test_a_reindex_of_every_article_goes_on_past_one_deleted_meanwhile(
        self, session: ModelSession, database_url: str, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        ids = [_store(session, "Reuters", wire_story(number)).id or 0 for number in range(3)]
        replace = crud.replace_band_keys

        def delete_then_replace(**arguments: Any) -> None:
            _delete(database_url, ids[1])  # deleted after its batch was read and prepared
            replace(**arguments)

        monkeypatch.setattr(crud, "replace_band_keys", delete_then_replace)
        assert list(reindex(session=session)) == [3]
        assert {article_id for article_id, _ in _band_rows(session)} == {ids[0], ids[2]}

    def test_two_reindexes_at_once_leave_one_set_of_entries(
        self, session: ModelSession, database_url: str
    ) -> None:
        if is_sqlite(database_url):
            pytest.skip("SQLite has one writer at a time: the second reindex waits for the first's commit")
        article_id = _store(session, "Reuters", wire_story(0)).id or 0
        other = make_engine(database_url)
        failed: list[BaseException] = []

        def second_reindex() -> None:
            try:
                with ModelSession(other) as second:
                    crud.replace_band_keys(
                        session=second, keys_by_article={article_id: [1, 2]}, prepared_by_article={}
                    )
            except BaseException as error:  # reported by the test, not lost with the thread
                failed.append(error)

        thread = threading.Thread(target=second_reindex)

        def start_second_before_commit(first: Session) -> None:
            if first is not session or thread.is_alive():
                return
            thread.start()
            # the first commits once the second waits for it (a lock it holds), not before
            with other.connect() as watcher:
                for _ in range(600):
                    waiting = watcher.execute(
                        text("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
                    ).scalar_one()
                    if waiting:
                        break
                    time.sleep(0.05)

        event.listen(Session, "before_commit", start_second_before_commit)
        try:
            crud.replace_band_keys(
                session=session, keys_by_article={article_id: [1, 2]}, prepared_by_article={}
            )
        finally:
            event.remove(Session, "before_commit", start_second_before_commit)
            thread.join()
            other.dispose()
        assert failed == []
        assert _band_rows(session) == [(article_id, 1), (article_id, 2)]


class TestListedWhileDeleted:
    def test_a_page_and_its_count_agree_after_an_earlier_read_in_the_session(
        self, session: ModelSession, database_url: str
    ) -> None:
        if not is_sqlite(database_url):
            pytest.skip("PostgreSQL keeps the isolation level of a transaction an earlier read began")
        ids = [_store(session, "Wire", f"Story number {n} of the day.").id for n in range(3)]
        session.commit()
        session.get(Article, ids[0])  # the dashboard reads an article before its lists
        engine = session.get_bind()
        deleted: list[bool] = []

        def delete_between(connection: Any, cursor: Any, statement: str, *_: Any) -> None:
            # another request deletes an article between the count and the page
            if "count(" in statement.lower() and not deleted:
                deleted.append(True)
                _delete(database_url, ids[2] or 0)

        event.listen(engine, "after_cursor_execute", delete_between)
        try:
            page, count = crud.list_articles(session=session)
        finally:
            event.remove(engine, "after_cursor_execute", delete_between)
        assert deleted == [True]
        assert (len(page), count) == (3, 3)
