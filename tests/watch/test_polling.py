"""Polling watches and pages against the fake outlet, the clock moved by hand: new items, new
versions, the fingerprint, the schedule, conditional requests, and the ways a site fails."""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, event
from sqlmodel import Session, select

from app import crud
from app.config import Settings
from app.db import make_engine
from app.engine import ENGINE_VERSION
from app.models import ArticleRevision, Pickup, Watch, WatchedPage
from app.schemas import WatchCreate, WatchUpdate
from app.services.pages import MAX_ATTRIBUTES_PER_ELEMENT, watch_extraction_pool
from app.services.watch import (
    EXTRACTOR_BUSY_RETRY,
    add_watch,
    backoff,
    overdue_work,
    poll_watch,
    remove_watch,
    update_watch,
)
from app.services.watch_articles import poll_page
from app.services.watch_fetch import ROBOTS_MAX_BYTES, ROBOTS_RETRY
from tests.busy_pool import pool_held
from tests.watch.conftest import T0
from tests.watch.outlet import Outlet, article_html
from tests.watch.stories import (
    OTHER,
    OTHER_TITLE,
    OUTLET_TITLE,
    OUTLET_V1,
    OUTLET_V2,
    OUTLET_V3,
    OUTLET_V3_RESPACED,
)

#: The longest a test waits for another thread's step; a bound against a hang, not a timing.
_BOUND_SECONDS = 60.0


def _one_element_with(attributes: int) -> bytes:
    """A page of one element carrying many attributes (lxml's cost grows with their square)."""
    names = " ".join(f"a{index}=x" for index in range(attributes))
    return f"<html><body><div {names}>x</div><p>{' '.join(OTHER)}</p></body></html>".encode()


def _many_elements(count: int) -> bytes:
    spans = "<span>y</span>" * count
    return f"<html><body><article>{spans}<p>{' '.join(OTHER)}</p></article></body></html>".encode()


def _robots_unreachable(outlet: Outlet) -> str:
    host = outlet.host
    return f"robots.txt of {host} could not be had; nothing is fetched from {host} until it can"


def _watch(engine: Engine, url: str, kind: str = "feed") -> int:
    with Session(engine) as session:
        watch, created = add_watch(
            session,
            watch_in=WatchCreate(url=url, kind=kind, source="Daily Planet"),
            now=T0,  # type: ignore[arg-type]
        )
        assert created
        assert watch.id is not None
        return watch.id


def _watched_page(engine: Engine, settings: Settings, outlet: Outlet, text: str) -> None:
    """The outlet's article at /news/floods with ``text``, watched as a page and listed by a
    first poll of its watch: page 1, due at T0."""
    outlet.publish("/news/floods", article_html(OUTLET_TITLE, text))
    _watch(engine, outlet.url("/news/floods"), kind="page")
    poll_watch(engine, 1, settings=settings, now=T0)


def _add_page(engine: Engine, *, watch_id: int, url: str) -> list[int]:
    """What a poll of the watch listing ``url`` stores (:func:`crud.add_pages`): the new page's id."""
    page = WatchedPage(
        watch_id=watch_id, url=url, url_hash=crud.url_hash(url), source="", first_seen_at=T0, next_poll_at=T0
    )
    with Session(engine) as session:
        return crud.add_pages(session=session, pages=[page])


def _watch_row(engine: Engine, watch_id: int) -> Watch:
    with Session(engine) as session:
        watch = crud.get_watch(session=session, watch_id=watch_id)
        assert watch is not None
        session.expunge(watch)
        return watch


def _page(engine: Engine, page_id: int) -> WatchedPage:
    with Session(engine) as session:
        page = crud.get_page(session=session, page_id=page_id)
        assert page is not None
        session.expunge(page)
        return page


class TestPollWatch:
    def test_new_feed_items_become_pages_due_now(
        self, engine: Engine, settings: Settings, outlet: Outlet
    ) -> None:
        outlet.publish("/news/floods", article_html(OUTLET_TITLE, OUTLET_V1))
        outlet.publish("/news/cycling", article_html(OTHER_TITLE, OTHER))
        watch_id = _watch(engine, outlet.url("/feed.xml"))

        polled = poll_watch(engine, watch_id, settings=settings, now=T0)

        assert polled.claimed
        assert polled.new_pages == [1, 2]
        assert polled.next_poll_at == T0 + timedelta(seconds=settings.watch_feed_interval_seconds)
        pages = [_page(engine, 1), _page(engine, 2)]
        # newest first in the feed; the tracking parameter is gone from the URL
        assert [page.url for page in pages] == [outlet.url("/news/cycling"), outlet.url("/news/floods")]
        assert [page.next_poll_at for page in pages] == [T0, T0]

    def test_an_unchanged_feed_is_a_conditional_request_answered_304(
        self, engine: Engine, settings: Settings, outlet: Outlet
    ) -> None:
        outlet.publish("/news/floods", article_html(OUTLET_TITLE, OUTLET_V1))
        watch_id = _watch(engine, outlet.url("/feed.xml"))
        poll_watch(engine, watch_id, settings=settings, now=T0)

        later = T0 + timedelta(seconds=settings.watch_feed_interval_seconds)
        polled = poll_watch(engine, watch_id, settings=settings, now=later)

        assert polled.new_pages == []
        assert [conditional for path, _, conditional in outlet.requests if path == "/feed.xml"] == [
            False,
            True,
        ]
        watch = _watch_row(engine, watch_id)
        assert watch.last_status == 304

    def test_a_watch_not_due_is_not_polled(self, engine: Engine, settings: Settings, outlet: Outlet) -> None:
        watch_id = _watch(engine, outlet.url("/feed.xml"))
        poll_watch(engine, watch_id, settings=settings, now=T0)

        again = poll_watch(engine, watch_id, settings=settings, now=T0 + timedelta(minutes=1))

        assert not again.claimed
        assert outlet.hits("/feed.xml") == 1

    def test_a_news_sitemap_lists_its_urls(self, engine: Engine, settings: Settings, outlet: Outlet) -> None:
        outlet.publish("/news/floods", article_html(OUTLET_TITLE, OUTLET_V1))
        watch_id = _watch(engine, outlet.url("/sitemap.xml"), kind="sitemap")

        polled = poll_watch(engine, watch_id, settings=settings, now=T0)

        assert polled.new_pages == [1]
        assert _page(engine, 1).url == outlet.url("/news/floods")

    def test_robots_txt_forbidding_the_feed_stops_the_fetch(
        self, engine: Engine, settings: Settings, outlet: Outlet
    ) -> None:
        outlet.publish("/private/feed.xml", b"<rss/>", in_feed=False)
        watch_id = _watch(engine, outlet.url("/private/feed.xml"))

        polled = poll_watch(engine, watch_id, settings=settings, now=T0)

        assert polled.next_poll_at == T0 + timedelta(seconds=settings.watch_backoff_seconds)
        assert outlet.hits("/private/feed.xml") == 0
        watch = _watch_row(engine, watch_id)
        assert watch.error_count == 1
        assert watch.last_error == f"robots.txt of {outlet.host} forbids {outlet.url('/private/feed.xml')}"


class TestExtractorBusy:
    """Every process of the watcher's extraction pool busy is our load, not the site's fault."""

    def test_a_feed_is_read_again_shortly_with_no_error(
        self, engine: Engine, settings: Settings, outlet: Outlet
    ) -> None:
        outlet.publish("/news/floods", article_html(OUTLET_TITLE, OUTLET_V1))
        watch_id = _watch(engine, outlet.url("/feed.xml"))

        with pool_held(watch_extraction_pool):
            polled = poll_watch(
                engine,
                watch_id,
                settings=settings.model_copy(update={"extract_timeout_seconds": 0.1}),
                now=T0,
            )

        assert (polled.new_pages, polled.next_poll_at) == ([], T0 + EXTRACTOR_BUSY_RETRY)
        watch = _watch_row(engine, watch_id)
        assert (watch.error_count, watch.last_error, watch.items, watch.etag, watch.claimed_until) == (
            0,
            None,
            0,
            None,
            None,
        )
        again = poll_watch(engine, watch_id, settings=settings, now=T0 + EXTRACTOR_BUSY_RETRY)
        assert again.new_pages == [1]

    def test_a_page_is_polled_again_shortly_with_no_error(
        self, engine: Engine, settings: Settings, outlet: Outlet
    ) -> None:
        _watched_page(engine, settings, outlet, OUTLET_V1)

        hurried = settings.model_copy(update={"extract_timeout_seconds": 0.1})

        with pool_held(watch_extraction_pool):
            polled = poll_page(engine, 1, settings=hurried, now=T0)

        assert polled.next_poll_at == T0 + EXTRACTOR_BUSY_RETRY
        page = _page(engine, 1)
        assert (page.error_count, page.last_error, page.polls, page.article_id, page.etag) == (
            0,
            None,
            0,
            None,
            None,
        )
        assert page.next_poll_at == T0 + EXTRACTOR_BUSY_RETRY
        again = poll_page(engine, 1, settings=settings, now=T0 + EXTRACTOR_BUSY_RETRY)
        assert (again.new_version, _page(engine, 1).versions) == (True, 1)


class TestPollPage:
    def test_first_poll_stores_version_1_and_records_the_pickup_of_the_wire(
        self, engine: Engine, settings: Settings, outlet: Outlet, wire: object
    ) -> None:
        _watched_page(engine, settings, outlet, OUTLET_V1)

        polled = poll_page(engine, 1, settings=settings, now=T0)

        assert polled.new_version
        assert polled.article_id == 2  # the wire is article 1
        assert polled.pickup_wire_id == 1
        assert polled.next_poll_at == T0 + timedelta(seconds=settings.watch_page_intervals[0])
        with Session(engine) as session:
            pickup = session.exec(select(Pickup)).one()
            assert (pickup.outlet_article_id, pickup.wire_article_id) == (2, 1)
            assert (pickup.outlet_source, pickup.wire_source, pickup.verdict) == (
                "Daily Planet",
                "Reuters",
                "copy",
            )
            assert pickup.credit_dropped
            assert pickup.found_at == T0
            # the comparison is stored now: reading it later is a lookup
            assert crud.get_cached_comparisons(
                session=session,
                base_id=1,
                other_ids=[2],
                engine_version=ENGINE_VERSION,
            )

    def test_a_changed_text_is_the_next_version_of_the_url(
        self, engine: Engine, settings: Settings, outlet: Outlet
    ) -> None:
        _watched_page(engine, settings, outlet, OUTLET_V1)
        poll_page(engine, 1, settings=settings, now=T0)
        outlet.publish("/news/floods", article_html(OUTLET_TITLE, OUTLET_V2))

        polled = poll_page(engine, 1, settings=settings, now=T0 + timedelta(minutes=10))

        assert (polled.new_version, polled.article_id) == (True, 2)
        with Session(engine) as session:
            versions = session.exec(select(ArticleRevision.article_id, ArticleRevision.version)).all()
            assert sorted(versions) == [(1, 1), (2, 2)]
        assert _page(engine, 1).versions == 2

    def test_spacing_and_punctuation_are_not_a_new_version(
        self, engine: Engine, settings: Settings, outlet: Outlet
    ) -> None:
        _watched_page(engine, settings, outlet, OUTLET_V3)
        poll_page(engine, 1, settings=settings, now=T0)
        outlet.publish("/news/floods", article_html(OUTLET_TITLE, OUTLET_V3_RESPACED))

        polled = poll_page(engine, 1, settings=settings, now=T0 + timedelta(minutes=10))

        assert (polled.new_version, polled.article_id) == (False, 1)
        with Session(engine) as session:
            assert crud.count_articles(session=session) == 1

    def test_the_schedule_slows_with_age_then_stops_after_a_week(
        self, engine: Engine, settings: Settings, outlet: Outlet
    ) -> None:
        _watched_page(engine, settings, outlet, OUTLET_V1)
        now, gaps = T0, []
        while True:
            due = poll_page(engine, 1, settings=settings, now=now).next_poll_at
            if due is None:
                break
            gaps.append(int((due - now).total_seconds()))
            now = due

        assert gaps[:6] == [600, 1800, 7200, 21600, 86400, 86400]
        assert now - T0 <= timedelta(days=7)
        assert now + timedelta(days=1) - T0 > timedelta(days=7)

    def test_a_failing_page_backs_off_exponentially(
        self, engine: Engine, settings: Settings, outlet: Outlet
    ) -> None:
        outlet.publish("/news/floods", article_html(OUTLET_TITLE, OUTLET_V1))
        outlet.fail("/news/floods")
        _watch(engine, outlet.url("/news/floods"), kind="page")
        poll_watch(engine, 1, settings=settings, now=T0)
        now, gaps = T0, []
        for _ in range(3):
            due = poll_page(engine, 1, settings=settings, now=now).next_poll_at
            assert due is not None
            gaps.append(int((due - now).total_seconds()))
            now = due

        assert gaps == [60, 120, 240]
        page = _page(engine, 1)
        assert page.error_count == 3
        assert page.last_error == f"{outlet.url('/news/floods')} answered 503 Service Unavailable"

    def test_a_slow_page_times_out(self, engine: Engine, settings: Settings, outlet: Outlet) -> None:
        _watch(engine, outlet.url("/slow"), kind="page")
        poll_watch(engine, 1, settings=settings, now=T0)

        poll_page(engine, 1, settings=settings.model_copy(update={"fetch_timeout_seconds": 1.0}), now=T0)

        assert _page(engine, 1).last_error == f"Fetching {outlet.url('/slow')} timed out (limit 1 s)"

    def test_a_page_with_an_element_of_too_many_attributes_is_an_error_unparsed(
        self, engine: Engine, settings: Settings, outlet: Outlet
    ) -> None:
        outlet.serve("/hostile", _one_element_with(1000), "text/html")
        _watch(engine, outlet.url("/hostile"), kind="page")
        poll_watch(engine, 1, settings=settings, now=T0)

        polled = poll_page(engine, 1, settings=settings, now=T0)

        page = _page(engine, 1)
        assert (page.error_count, page.article_id, page.last_error) == (
            1,
            None,
            f"The page has an element with 1000 attributes; at most {MAX_ATTRIBUTES_PER_ELEMENT} are read",
        )
        assert polled.next_poll_at == T0 + backoff(1, settings)

    def test_a_page_past_the_extraction_deadline_is_an_error(
        self, engine: Engine, settings: Settings, outlet: Outlet
    ) -> None:
        # 20,000 elements pass the count and take seconds to extract: far past a deadline of 0.1 s
        outlet.serve("/long", _many_elements(20_000), "text/html")
        _watch(engine, outlet.url("/long"), kind="page")
        poll_watch(engine, 1, settings=settings, now=T0)
        killed = watch_extraction_pool.killed

        polled = poll_page(
            engine, 1, settings=settings.model_copy(update={"extract_timeout_seconds": 0.1}), now=T0
        )

        page = _page(engine, 1)
        assert (page.error_count, page.article_id, page.last_error) == (
            1,
            None,
            "The page took longer than 0.1 s to extract (WIREDIFF_EXTRACT_TIMEOUT_SECONDS)",
        )
        assert polled.next_poll_at == T0 + backoff(1, settings)
        assert watch_extraction_pool.killed == killed + 1

    def test_a_redirect_to_a_private_address_is_refused(
        self, engine: Engine, settings: Settings, outlet: Outlet
    ) -> None:
        _watch(engine, outlet.url("/to-private"), kind="page")
        poll_watch(engine, 1, settings=settings, now=T0)

        poll_page(engine, 1, settings=settings, now=T0)

        page = _page(engine, 1)
        assert page.error_count == 1
        assert page.last_error is not None
        assert page.last_error.startswith("127.0.0.2 is a loopback, private or otherwise non-public address")

    def test_robots_txt_forbidding_a_page_stops_its_fetch(
        self, engine: Engine, settings: Settings, outlet: Outlet
    ) -> None:
        outlet.publish("/private/memo", article_html(OTHER_TITLE, OTHER), in_feed=False)
        _watch(engine, outlet.url("/private/memo"), kind="page")
        poll_watch(engine, 1, settings=settings, now=T0)

        poll_page(engine, 1, settings=settings, now=T0)

        assert outlet.hits("/private/memo") == 0
        assert (
            _page(engine, 1).last_error
            == f"robots.txt of {outlet.host} forbids {outlet.url('/private/memo')}"
        )

    def test_a_robots_txt_that_cannot_be_had_forbids_the_host_and_is_asked_again_soon(
        self, engine: Engine, settings: Settings, outlet: Outlet
    ) -> None:
        outlet.robots_status = 503
        _watched_page(engine, settings, outlet, OUTLET_V1)
        forbidden = _robots_unreachable(outlet)

        first = poll_page(engine, 1, settings=settings, now=T0)
        outlet.robots_status = 200
        assert first.next_poll_at is not None
        second = poll_page(engine, 1, settings=settings, now=first.next_poll_at)

        # not kept a day: asked again once ROBOTS_RETRY has passed, and the page is fetched
        assert (outlet.hits("/robots.txt"), outlet.hits("/news/floods")) == (1, 0)
        page = _page(engine, 1)
        assert (page.error_count, page.last_error) == (2, forbidden)
        assert second.next_poll_at is not None
        third = poll_page(engine, 1, settings=settings, now=max(second.next_poll_at, T0 + ROBOTS_RETRY * 2))

        assert (outlet.hits("/robots.txt"), outlet.hits("/news/floods")) == (2, 1)
        assert third.article_id is not None
        page = _page(engine, 1)
        assert (page.error_count, page.last_error, page.versions) == (0, None, 1)

    def test_a_robots_txt_answered_404_allows_everything(
        self, engine: Engine, settings: Settings, outlet: Outlet
    ) -> None:
        outlet.robots_status = 404
        outlet.publish("/private/memo", article_html(OTHER_TITLE, OTHER), in_feed=False)
        _watch(engine, outlet.url("/private/memo"), kind="page")
        poll_watch(engine, 1, settings=settings, now=T0)

        polled = poll_page(engine, 1, settings=settings, now=T0)

        assert outlet.hits("/private/memo") == 1
        assert polled.article_id is not None
        assert _page(engine, 1).last_error is None

    def test_a_robots_txt_redirected_past_the_limit_allows_everything(
        self, engine: Engine, settings: Settings, outlet: Outlet
    ) -> None:
        outlet.robots_status = 302
        outlet.publish("/private/memo", article_html(OTHER_TITLE, OTHER), in_feed=False)
        _watch(engine, outlet.url("/private/memo"), kind="page")
        poll_watch(engine, 1, settings=settings, now=T0)

        polled = poll_page(engine, 1, settings=settings, now=T0)

        # the first request and its 5 redirects, then the page
        assert (outlet.hits("/robots.txt"), outlet.hits("/private/memo")) == (6, 1)
        assert polled.article_id is not None
        assert _page(engine, 1).last_error is None

    def test_a_robots_txt_over_the_fetch_limit_is_read_from_its_first_500_kib(
        self, engine: Engine, settings: Settings, outlet: Outlet
    ) -> None:
        padding = "# a comment line, repeated past any limit\n" * 200_000  # 8.6 MB
        outlet.serve("/robots.txt", f"User-agent: *\nDisallow: /private/\n{padding}".encode(), "text/plain")
        outlet.publish("/private/memo", article_html(OTHER_TITLE, OTHER), in_feed=False)
        outlet.publish("/news/floods", article_html(OUTLET_TITLE, OUTLET_V1), in_feed=False)
        _watch(engine, outlet.url("/private/memo"), kind="page")
        _watch(engine, outlet.url("/news/floods"), kind="page")
        poll_watch(engine, 1, settings=settings, now=T0)
        poll_watch(engine, 2, settings=settings, now=T0)
        small = settings.model_copy(update={"fetch_max_bytes": 1024 * 1024})

        forbidden = poll_page(engine, 1, settings=small, now=T0)
        allowed = poll_page(engine, 2, settings=small, now=T0)

        assert (outlet.hits("/robots.txt"), outlet.hits("/private/memo"), outlet.hits("/news/floods")) == (
            1,
            0,
            1,
        )
        assert forbidden.article_id is None
        assert (
            _page(engine, 1).last_error
            == f"robots.txt of {outlet.host} forbids {outlet.url('/private/memo')}"
        )
        assert allowed.article_id is not None
        with Session(engine) as session:
            host = crud.get_host(session=session, host=outlet.host)
            assert host is not None
            assert len((host.robots_txt or "").encode()) == ROBOTS_MAX_BYTES

    def test_a_feed_whose_robots_txt_cannot_be_had_is_not_fetched(
        self, engine: Engine, settings: Settings, outlet: Outlet
    ) -> None:
        outlet.robots_status = 500
        watch_id = _watch(engine, outlet.url("/feed.xml"))

        poll_watch(engine, watch_id, settings=settings, now=T0)

        assert outlet.hits("/feed.xml") == 0
        watch = _watch_row(engine, watch_id)
        assert (watch.error_count, watch.last_error) == (
            1,
            _robots_unreachable(outlet),
        )


class TestHostLimits:
    def test_a_turn_far_off_gives_the_poll_back_due_then_without_an_error(
        self, engine: Engine, settings: Settings, outlet: Outlet
    ) -> None:
        slow_host = settings.model_copy(update={"watch_host_delay_seconds": 30.0})
        watch_id = _watch(engine, outlet.url("/feed.xml"))

        polled = poll_watch(engine, watch_id, settings=slow_host, now=T0)

        # robots.txt took the host's turn; the feed's is 30 s later, past the wait a worker allows
        assert [path for path, _, _ in outlet.requests] == ["/robots.txt"]
        assert polled.next_poll_at is not None
        with Session(engine) as session:
            watch = crud.get_watch(session=session, watch_id=watch_id)
            assert watch is not None
            assert (watch.error_count, watch.last_error, watch.claimed_until) == (0, None, None)
            host = crud.get_host(session=session, host=outlet.host)
            assert host is not None
            assert polled.next_poll_at == host.next_request_at


class TestPollCutShort:
    def test_a_poll_failing_after_the_text_was_stored_is_redone_in_full(
        self, engine: Engine, settings: Settings, outlet: Outlet, wire: object
    ) -> None:
        _watched_page(engine, settings, outlet, OUTLET_V1)
        no_time = settings.model_copy(update={"compare_time_budget": 0.0001})

        failed = poll_page(engine, 1, settings=no_time, now=T0)

        # the matching ran over its time budget: an error on the page, backed off, claim released
        assert failed.next_poll_at == T0 + timedelta(seconds=settings.watch_backoff_seconds)
        page = _page(engine, 1)
        assert (page.error_count, page.claimed_until, page.article_id, page.etag) == (1, None, None, None)
        assert page.last_error is not None
        assert page.last_error.startswith("The poll failed (ComparisonTimeoutError): comparison exceeded")

        redone = poll_page(engine, 1, settings=settings, now=failed.next_poll_at)

        # asked unconditionally (no validators were kept), so the version is matched this time
        assert [conditional for path, _, conditional in outlet.requests if path == "/news/floods"] == [
            False,
            False,
        ]
        assert (redone.new_version, redone.article_id, redone.pickup_wire_id) == (True, 2, 1)
        page = _page(engine, 1)
        assert (page.error_count, page.last_error, page.article_id) == (0, None, 2)
        assert page.etag is not None
        with Session(engine) as session:
            assert len(session.exec(select(Pickup)).all()) == 1

    def test_a_feed_poll_cut_short_after_its_first_page_lists_the_rest_next_time(
        self, engine: Engine, settings: Settings, outlet: Outlet
    ) -> None:
        outlet.publish("/news/floods", article_html(OUTLET_TITLE, OUTLET_V1))
        outlet.publish("/news/cycling", article_html(OTHER_TITLE, OTHER))
        watch_id = _watch(engine, outlet.url("/feed.xml"))
        inserts: list[str] = []

        def database_gone_at_the_second_page(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
            if statement.startswith("INSERT INTO watched_page "):  # a page, not its link to the watch
                inserts.append(statement)
                if len(inserts) == 2:
                    raise ConnectionError("the database went away")

        event.listen(engine, "before_cursor_execute", database_gone_at_the_second_page)
        try:
            failed = poll_watch(engine, watch_id, settings=settings, now=T0)
        finally:
            event.remove(engine, "before_cursor_execute", database_gone_at_the_second_page)

        assert failed.next_poll_at == T0 + timedelta(seconds=settings.watch_backoff_seconds)
        with Session(engine) as session:
            watch = crud.get_watch(session=session, watch_id=watch_id)
            assert watch is not None
            assert (watch.error_count, watch.etag, watch.last_modified) == (1, None, None)
            assert len(session.exec(select(WatchedPage)).all()) == 1

        redone = poll_watch(engine, watch_id, settings=settings, now=failed.next_poll_at)

        # asked unconditionally (the feed's validators were not kept), so the other item is listed
        assert [conditional for path, _, conditional in outlet.requests if path == "/feed.xml"] == [
            False,
            False,
        ]
        assert redone.new_pages == [2]
        with Session(engine) as session:
            urls = sorted(page.url for page in session.exec(select(WatchedPage)).all())
            watch = crud.get_watch(session=session, watch_id=watch_id)
            assert watch is not None
            assert (watch.error_count, watch.last_error, watch.last_status) == (0, None, 200)
            assert watch.etag is not None
        assert urls == [outlet.url("/news/cycling"), outlet.url("/news/floods")]

    def test_a_page_the_database_refuses_fails_the_poll_and_is_listed_next_time(
        self, engine: Engine, settings: Settings, outlet: Outlet
    ) -> None:
        outlet.publish("/news/floods", article_html(OUTLET_TITLE, OUTLET_V1))
        outlet.publish("/news/cycling", article_html(OTHER_TITLE, OTHER))
        watch_id = _watch(engine, outlet.url("/feed.xml"))
        # a refusal that is not another writer's copy of the page (a full disk, a constraint)
        with engine.begin() as connection:
            connection.exec_driver_sql(
                "CREATE TRIGGER refused BEFORE INSERT ON watched_page WHEN NEW.url LIKE '%cycling%'"
                " BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: refused'); END"
            )

        failed = poll_watch(engine, watch_id, settings=settings, now=T0)

        assert failed.next_poll_at == T0 + timedelta(seconds=settings.watch_backoff_seconds)
        watch = _watch_row(engine, watch_id)
        assert (watch.error_count, watch.etag, watch.last_modified) == (1, None, None)
        assert watch.last_error is not None
        assert watch.last_error.startswith("The poll failed (IntegrityError)")
        with engine.begin() as connection:
            connection.exec_driver_sql("DROP TRIGGER refused")

        redone = poll_watch(engine, watch_id, settings=settings, now=failed.next_poll_at)

        # the feed lists the refused page first, so the poll stopped before the other one
        assert redone.new_pages == [1, 2]
        with Session(engine) as session:
            urls = sorted(page.url for page in session.exec(select(WatchedPage)).all())
        assert urls == [outlet.url("/news/cycling"), outlet.url("/news/floods")]

    def test_a_page_whose_watch_is_deleted_during_its_poll_is_left_alone(
        self, engine: Engine, settings: Settings, outlet: Outlet
    ) -> None:
        _watched_page(engine, settings, outlet, OUTLET_V1)

        def delete_the_watch(path: str) -> None:
            if path == "/news/floods":
                with Session(engine) as session:
                    remove_watch(session, watch_id=1)

        outlet.on_request = delete_the_watch

        polled = poll_page(engine, 1, settings=settings, now=T0)

        assert (polled.claimed, polled.new_version, polled.next_poll_at) == (True, False, None)
        with Session(engine) as session:
            assert session.exec(select(WatchedPage)).all() == []


class TestBadStoredUrls:
    @pytest.mark.parametrize(
        ("url", "reason"),
        [
            ("http://ab\u200bc.example/feed", "Invalid IDNA hostname"),
            ("http://xn--a.example/feed", "Codepoint U+0080 at position 1"),
            ("http://[::1/feed", "Invalid port"),
        ],
    )
    def test_a_url_that_cannot_be_fetched_is_an_error_on_the_watch(
        self, engine: Engine, settings: Settings, url: str, reason: str
    ) -> None:
        # as stored before such URLs were refused at creation
        with Session(engine) as session:
            add_watch(session, watch_in=WatchCreate.model_construct(url=url, kind="feed", source="X"), now=T0)

        polled = poll_watch(engine, 1, settings=settings, now=T0)

        assert (polled.claimed, polled.next_poll_at) == (True, T0 + timedelta(seconds=60))
        with Session(engine) as session:
            watch = crud.get_watch(session=session, watch_id=1)
            assert watch is not None
            assert (watch.error_count, watch.claimed_until) == (1, None)
            assert watch.last_error is not None
            assert watch.last_error.startswith(f"Cannot fetch {url}: ")
            assert reason in watch.last_error

    def test_a_feed_redirecting_to_a_host_idna_refuses_is_an_error_on_the_watch(
        self, engine: Engine, settings: Settings, outlet: Outlet
    ) -> None:
        watch_id = _watch(engine, outlet.url("/to-emoji-host"))

        polled = poll_watch(engine, watch_id, settings=settings, now=T0)

        assert polled.next_poll_at == T0 + timedelta(seconds=settings.watch_backoff_seconds)
        watch = _watch_row(engine, watch_id)
        assert (watch.error_count, watch.claimed_until) == (1, None)
        assert watch.last_error == (
            f"{outlet.url('/to-emoji-host')} redirects to http://xn--ls8h.la/feed, which cannot be "
            "fetched: its host xn--ls8h.la is not a host name IDNA 2008 allows "
            "(Codepoint U+1F4A9 at position 1 of '\U0001f4a9' not allowed)"
        )


class TestPause:
    def test_a_paused_watchs_pages_are_not_polled_until_it_resumes(
        self, engine: Engine, settings: Settings, outlet: Outlet
    ) -> None:
        _watched_page(engine, settings, outlet, OUTLET_V1)
        due = poll_page(engine, 1, settings=settings, now=T0).next_poll_at
        assert due is not None
        with Session(engine) as session:
            update_watch(session, watch_id=1, changes=WatchUpdate(active=False), now=T0)

        paused = poll_page(engine, 1, settings=settings, now=due)

        assert not paused.claimed
        assert outlet.hits("/news/floods") == 1
        with Session(engine) as session:
            update_watch(session, watch_id=1, changes=WatchUpdate(active=True), now=due)
        assert poll_page(engine, 1, settings=settings, now=due).claimed
        assert outlet.hits("/news/floods") == 2

    def test_a_new_source_name_applies_to_the_pages_next_versions(
        self, engine: Engine, settings: Settings, outlet: Outlet
    ) -> None:
        _watched_page(engine, settings, outlet, OUTLET_V1)
        poll_page(engine, 1, settings=settings, now=T0)
        with Session(engine) as session:
            update_watch(session, watch_id=1, changes=WatchUpdate(source="The Daily Planet"), now=T0)
        outlet.publish("/news/floods", article_html(OUTLET_TITLE, OUTLET_V2))

        polled = poll_page(engine, 1, settings=settings, now=T0 + timedelta(minutes=10))

        assert _page(engine, 1).source == "The Daily Planet"
        with Session(engine) as session:
            article = crud.get_article(session=session, article_id=polled.article_id or 0)
            assert article is not None
            assert article.source == "The Daily Planet"


class TestRenameDuringAPoll:
    def test_pages_a_poll_stores_after_a_rename_take_the_new_name(
        self, engine: Engine, settings: Settings, outlet: Outlet
    ) -> None:
        outlet.publish("/news/floods", article_html(OUTLET_TITLE, OUTLET_V1))
        watch_id = _watch(engine, outlet.url("/feed.xml"))

        def renamed_while_fetching(path: str) -> None:
            if path == "/feed.xml":
                with Session(engine) as session:
                    update_watch(
                        session, watch_id=watch_id, changes=WatchUpdate(source="The Daily Planet"), now=T0
                    )

        outlet.on_request = renamed_while_fetching
        polled = poll_watch(engine, watch_id, settings=settings, now=T0)

        assert polled.new_pages == [1]
        assert _page(engine, 1).source == "The Daily Planet"
        assert _watch_row(engine, watch_id).source == "The Daily Planet"


class TestPagesOfTwoWatches:
    """The outlet's feed and its news sitemap list the same article: one page, both watches'."""

    def _two_watches(self, engine: Engine, settings: Settings, outlet: Outlet) -> None:
        outlet.publish("/news/floods", article_html(OUTLET_TITLE, OUTLET_V1))
        with Session(engine) as session:
            add_watch(
                session,
                watch_in=WatchCreate(url=outlet.url("/feed.xml"), kind="feed", source="Daily Planet"),
                now=T0,
            )
            add_watch(
                session,
                watch_in=WatchCreate(url=outlet.url("/sitemap.xml"), kind="sitemap", source="Planet News"),
                now=T0,
            )
        assert poll_watch(engine, 1, settings=settings, now=T0).new_pages == [1]
        assert poll_watch(engine, 2, settings=settings, now=T0).new_pages == []

    def test_a_url_both_list_is_one_page_listed_by_each(
        self, engine: Engine, settings: Settings, outlet: Outlet
    ) -> None:
        self._two_watches(engine, settings, outlet)

        with Session(engine) as session:
            listed = [
                [page.id for page in crud.pages_of_watch(session=session, watch_id=watch_id)]
                for watch_id in (1, 2)
            ]
        assert listed == [[1], [1]]
        assert (_page(engine, 1).watch_id, _page(engine, 1).source) == (1, "Daily Planet")

    def test_the_page_is_polled_while_the_other_watch_is_active(
        self, engine: Engine, settings: Settings, outlet: Outlet
    ) -> None:
        self._two_watches(engine, settings, outlet)
        with Session(engine) as session:
            update_watch(session, watch_id=1, changes=WatchUpdate(active=False), now=T0)
            work = overdue_work(session, now=T0 + timedelta(hours=1), settings=settings)

        polled = poll_page(engine, 1, settings=settings, now=T0)

        assert work.pages == [1]
        assert polled.claimed
        assert outlet.hits("/news/floods") == 1

    def test_a_page_only_paused_watches_list_waits(
        self, engine: Engine, settings: Settings, outlet: Outlet
    ) -> None:
        self._two_watches(engine, settings, outlet)
        with Session(engine) as session:
            for watch_id in (1, 2):
                update_watch(session, watch_id=watch_id, changes=WatchUpdate(active=False), now=T0)
            work = overdue_work(session, now=T0 + timedelta(hours=1), settings=settings)

        assert work.pages == []
        assert not poll_page(engine, 1, settings=settings, now=T0).claimed

    def test_deleting_the_watch_that_found_it_passes_it_to_the_other(
        self, engine: Engine, settings: Settings, outlet: Outlet
    ) -> None:
        self._two_watches(engine, settings, outlet)
        with Session(engine) as session:
            remove_watch(session, watch_id=1)

        polled = poll_page(engine, 1, settings=settings, now=T0)

        page = _page(engine, 1)
        assert (page.watch_id, page.source) == (2, "Planet News")
        assert polled.claimed
        with Session(engine) as session:
            article = crud.get_article(session=session, article_id=polled.article_id or 0)
            assert article is not None
            assert article.source == "Planet News"

    def test_a_page_linked_while_the_watch_that_found_it_is_deleted_is_kept(
        self, engine: Engine, settings: Settings, outlet: Outlet
    ) -> None:
        # the sitemap's poll has read the page as stored, and links it just as the feed's watch,
        # the only one listing it so far, is being deleted
        with Session(engine) as session:
            add_watch(
                session,
                watch_in=WatchCreate(url=outlet.url("/feed.xml"), kind="feed", source="Daily Planet"),
                now=T0,
            )
            add_watch(
                session,
                watch_in=WatchCreate(url=outlet.url("/sitemap.xml"), kind="sitemap", source="Planet News"),
                now=T0,
            )
        url = outlet.url("/news/floods")
        assert _add_page(engine, watch_id=1, url=url) == [1]
        read_as_stored, deleting = threading.Event(), threading.Event()
        added: list[list[int]] = []

        def pause_after_reading_it(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
            if "WHERE watched_page.url_hash" in statement and not read_as_stored.is_set():
                read_as_stored.set()
                deleting.wait(_BOUND_SECONDS)

        def let_it_link(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
            if statement.startswith("DELETE FROM watch "):
                deleting.set()

        sitemap_engine = make_engine(settings.database_url)
        event.listen(sitemap_engine, "after_cursor_execute", pause_after_reading_it)
        event.listen(engine, "before_cursor_execute", let_it_link)
        link = threading.Thread(target=lambda: added.append(_add_page(sitemap_engine, watch_id=2, url=url)))
        try:
            link.start()
            assert read_as_stored.wait(_BOUND_SECONDS)
            with Session(engine) as session:
                remove_watch(session, watch_id=1)
            link.join(_BOUND_SECONDS)
        finally:
            deleting.set()
            event.remove(engine, "before_cursor_execute", let_it_link)
            sitemap_engine.dispose()

        with Session(engine) as session:
            kept = crud.pages_of_watch(session=session, watch_id=2)
            assert [(page.url, page.watch_id, page.source) for page in kept] == [(url, 2, "Planet News")]
        assert added == [[kept[0].id]]  # stored anew: the page was deleted before its link was made

    def test_deleting_the_last_watch_that_lists_it_deletes_it(
        self, engine: Engine, settings: Settings, outlet: Outlet
    ) -> None:
        self._two_watches(engine, settings, outlet)
        with Session(engine) as session:
            remove_watch(session, watch_id=2)
            remove_watch(session, watch_id=1)
            assert session.exec(select(WatchedPage)).all() == []


class TestFeedContent:
    def test_an_html_page_where_the_feed_should_be_is_an_error(
        self, engine: Engine, settings: Settings, outlet: Outlet
    ) -> None:
        outlet.serve("/rss", b"<!DOCTYPE html><html><title>Just a moment...</title></html>", "text/html")
        watch_id = _watch(engine, outlet.url("/rss"))

        polled = poll_watch(engine, watch_id, settings=settings, now=T0)

        assert polled.new_pages == []
        watch = _watch_row(engine, watch_id)
        assert (watch.error_count, watch.last_error, watch.items) == (1, "Not a feed: an HTML page", 0)

    def test_an_item_whose_link_is_no_url_is_left_out(
        self, engine: Engine, settings: Settings, outlet: Outlet
    ) -> None:
        items = (
            f"<item><link>http://[oops/a</link></item><item><link>{outlet.url('/news/floods')}</link></item>"
        )
        outlet.serve("/rss", f'<rss version="2.0"><channel>{items}</channel></rss>'.encode(), "text/xml")
        watch_id = _watch(engine, outlet.url("/rss"))

        polled = poll_watch(engine, watch_id, settings=settings, now=T0)

        assert polled.new_pages == [1]
        assert _page(engine, 1).url == outlet.url("/news/floods")
        watch = _watch_row(engine, watch_id)
        assert (watch.error_count, watch.last_error, watch.items) == (0, None, 1)

    def test_a_sitemap_entry_whose_link_is_no_url_is_left_out(
        self, engine: Engine, settings: Settings, outlet: Outlet
    ) -> None:
        urls = "".join(
            f"<url><loc>{loc}</loc></url>" for loc in ("http://[oops/a", outlet.url("/news/floods"))
        )
        sitemap = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
        outlet.serve("/news.xml", sitemap.encode(), "application/xml")
        watch_id = _watch(engine, outlet.url("/news.xml"), kind="sitemap")

        polled = poll_watch(engine, watch_id, settings=settings, now=T0)

        assert polled.new_pages == [1]
        assert _watch_row(engine, watch_id).last_error is None

    def test_a_feed_item_with_too_many_attributes_is_an_error_unparsed(
        self, engine: Engine, settings: Settings, outlet: Outlet
    ) -> None:
        attributes = " ".join(f'a{index}="x"' for index in range(1000))
        item = f"<item {attributes}><link>{outlet.url('/news/floods')}</link></item>"
        outlet.serve("/rss", f'<rss version="2.0"><channel>{item}</channel></rss>'.encode(), "text/xml")
        watch_id = _watch(engine, outlet.url("/rss"))

        polled = poll_watch(engine, watch_id, settings=settings, now=T0)

        assert polled.new_pages == []
        watch = _watch_row(engine, watch_id)
        assert (watch.error_count, watch.last_error, watch.items) == (
            1,
            f"The feed has an element with 1000 attributes; at most {MAX_ATTRIBUTES_PER_ELEMENT} are read",
            0,
        )
        assert watch.next_poll_at == T0 + backoff(1, settings)

    def test_a_feed_past_the_reading_deadline_is_an_error(
        self, engine: Engine, settings: Settings, outlet: Outlet
    ) -> None:
        # 20,000 items take feedparser seconds: far past a deadline of 0.1 s
        items = "".join(
            f"<item><link>{outlet.url(f'/news/{index}')}</link></item>" for index in range(20_000)
        )
        outlet.serve("/rss", f'<rss version="2.0"><channel>{items}</channel></rss>'.encode(), "text/xml")
        watch_id = _watch(engine, outlet.url("/rss"))

        poll_watch(
            engine, watch_id, settings=settings.model_copy(update={"extract_timeout_seconds": 0.1}), now=T0
        )

        watch = _watch_row(engine, watch_id)
        assert (watch.error_count, watch.last_error, watch.items) == (
            1,
            "The feed took longer than 0.1 s to read (WIREDIFF_EXTRACT_TIMEOUT_SECONDS)",
            0,
        )
        assert watch.next_poll_at == T0 + backoff(1, settings)

    def test_a_feed_with_no_items_is_no_error(
        self, engine: Engine, settings: Settings, outlet: Outlet
    ) -> None:
        outlet.serve("/rss", b'<rss version="2.0"><channel><title>Outlet</title></channel></rss>', "text/xml")
        watch_id = _watch(engine, outlet.url("/rss"))

        poll_watch(engine, watch_id, settings=settings, now=T0)

        watch = _watch_row(engine, watch_id)
        assert (watch.error_count, watch.last_error, watch.last_status) == (0, None, 200)

    def test_a_broken_feed_stays_an_error_when_nothing_changed(
        self, engine: Engine, settings: Settings, outlet: Outlet
    ) -> None:
        outlet.serve("/rss", b'{"error": "feed moved"}', "application/json")
        watch_id = _watch(engine, outlet.url("/rss"))
        first = poll_watch(engine, watch_id, settings=settings, now=T0)
        assert first.next_poll_at is not None

        poll_watch(engine, watch_id, settings=settings, now=first.next_poll_at)

        # its validators were not kept: asked in full again, not answered 304 as if it were fine
        assert [conditional for path, _, conditional in outlet.requests if path == "/rss"] == [False, False]
        watch = _watch_row(engine, watch_id)
        assert (watch.error_count, watch.last_status) == (2, 200)
        assert watch.last_error is not None
        assert watch.last_error.startswith("Not a feed: ")

    def test_a_feed_naming_its_charset_in_the_header_only_is_read_in_it(
        self, engine: Engine, settings: Settings, outlet: Outlet
    ) -> None:
        link = outlet.url("/новости/1")
        item = f"<item><title>Текст</title><link>{link}</link></item>"
        feed = f'<rss version="2.0"><channel><title>Новости</title>{item}</channel></rss>'
        outlet.serve("/rss", feed.encode("cp1251"), "application/rss+xml; charset=windows-1251")
        watch_id = _watch(engine, outlet.url("/rss"))

        poll_watch(engine, watch_id, settings=settings, now=T0)

        assert _page(engine, 1).url == link

    def test_a_sitemap_naming_its_charset_in_the_header_only_is_read_in_it(
        self, engine: Engine, settings: Settings, outlet: Outlet
    ) -> None:
        link = outlet.url("/новости/1")
        sitemap = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>{link}</loc></url></urlset>'
        outlet.serve("/news.xml", sitemap.encode("cp1251"), "application/xml; charset=windows-1251")
        watch_id = _watch(engine, outlet.url("/news.xml"), kind="sitemap")

        poll_watch(engine, watch_id, settings=settings, now=T0)

        assert _page(engine, 1).url == link

    def test_a_sitemap_index_is_refused_naming_its_sitemaps_the_most_recent_first(
        self, engine: Engine, settings: Settings, outlet: Outlet
    ) -> None:
        children = "".join(
            f"<sitemap><loc>{outlet.url(f'/sitemap-{month}.xml')}</loc><lastmod>2026-{month}-01</lastmod></sitemap>"
            for month in ("10", "12", "11")
        )
        index = f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{children}</sitemapindex>'
        outlet.serve("/sitemap-index.xml", index.encode(), "application/xml")
        watch_id = _watch(engine, outlet.url("/sitemap-index.xml"), kind="sitemap")

        poll_watch(engine, watch_id, settings=settings, now=T0)

        watch = _watch_row(engine, watch_id)
        assert watch.last_error == (
            "A sitemap index, not a sitemap of article URLs: watch its sitemaps instead: "
            f"{outlet.url('/sitemap-12.xml')}, {outlet.url('/sitemap-11.xml')}, "
            f"{outlet.url('/sitemap-10.xml')}"
        )
