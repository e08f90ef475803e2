"""app.services.watch_articles.published_at: the date a watched page's version is stored with, from
the page and from the feed or sitemap that listed it."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import text
from sqlmodel import Session, select

from app.config import Settings
from app.db import make_engine
from app.models import Pickup
from app.schemas import ArticleCreate
from app.services import watch_articles
from app.services.articles import store_article
from app.services.pages import ExtractedArticle
from app.services.watch_articles import published_at
from benchmarks.profiles import wire_story

WIRE = wire_story(0)
NOW = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)

LISTED = datetime(2024, 9, 25, 3, 30, tzinfo=UTC)  # "Tue, 24 Sep 2024 23:30:00 EDT" in the feed


def page_dated(published: datetime | None, *, time_known: bool) -> ExtractedArticle:
    return ExtractedArticle("Text", None, None, published, "en", published_time_known=time_known)


class TestPublishedAt:
    def test_the_page_s_time_wins_over_the_feed_s(self) -> None:
        page = page_dated(datetime(2024, 9, 25, 3, 0, tzinfo=UTC), time_known=True)
        assert published_at(page, LISTED) == datetime(2024, 9, 25, 3, 0, tzinfo=UTC)

    @pytest.mark.parametrize("day", [datetime(2024, 9, 24, tzinfo=UTC), datetime(2024, 9, 25, tzinfo=UTC)])
    def test_the_feed_s_time_wins_over_a_page_s_day_it_falls_on(self, day: datetime) -> None:
        assert published_at(page_dated(day, time_known=False), LISTED) == LISTED

    def test_a_page_s_day_far_from_the_feed_s_time_stays(self) -> None:
        day = datetime(2024, 9, 20, tzinfo=UTC)
        assert published_at(page_dated(day, time_known=False), LISTED) == day

    def test_an_undated_page_takes_the_feed_s_time(self) -> None:
        assert published_at(page_dated(None, time_known=False), LISTED) == LISTED

    def test_a_page_s_day_stays_when_no_feed_listed_it(self) -> None:
        day = datetime(2024, 9, 24, tzinfo=UTC)
        assert published_at(page_dated(day, time_known=False), None) == day


class TestFoundVersion:
    def test_a_pickup_of_a_wire_story_deleted_meanwhile_raises_no_alert(
        self, session: Session, database_url: str, settings: Settings, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        wire, _ = store_article(
            session=session, article_in=ArticleCreate(source="Reuters", text=WIRE), settings=settings
        )
        copy, _ = store_article(
            session=session,
            article_in=ArticleCreate(source="Copy Desk", text=WIRE + "\nOur own line."),
            settings=settings,
        )
        wire_id = wire.id
        record = watch_articles.record_pickup

        def delete_then_record(session: Session, **arguments: Any) -> Any:
            # an editor deletes the wire story as the watcher records its pickup
            engine = make_engine(database_url)
            with engine.begin() as connection:
                connection.execute(text("DELETE FROM article WHERE id = :id"), {"id": wire_id})
            engine.dispose()
            return record(session, **arguments)

        monkeypatch.setattr(watch_articles, "record_pickup", delete_then_record)
        found = watch_articles.found_version(session, article=copy, previous=None, settings=settings, now=NOW)
        assert (found.pickup_wire_id, found.deliveries) == (None, [])
        assert session.exec(select(Pickup)).all() == []
