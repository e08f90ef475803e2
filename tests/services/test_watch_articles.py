"""app.services.watch_articles.published_at: the date a watched page's version is stored with, from
the page and from the feed or sitemap that listed it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.services.pages import ExtractedArticle
from app.services.watch_articles import published_at

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
