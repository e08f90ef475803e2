"""Watches: register a feed, news sitemap or page; poll it (the links it lists become watched
pages); poll each page on a schedule that slows as it ages, storing each changed text as a new
version of its URL, then matching it against the store for wire pickups and alerts
(:mod:`app.services.watch_articles`).

The database is the source of truth: a poll first claims its row (one worker wins), and writes the
next due time when done. A worker killed mid-poll leaves a claim that runs out after
WIREDIFF_WATCH_LEASE_SECONDS; :func:`overdue_work` then hands the row to the next scan.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import Engine
from sqlmodel import Session

from app import crud
from app.config import Settings
from app.models import Watch, WatchedPage
from app.schemas import WatchCreate, WatchUpdate
from app.services.errors import STORED_ERROR_CHARS, ExtractorBusy, PageError
from app.services.feeds import FeedError, FeedItem, feed_items, sitemap_items
from app.services.pages import check_page_size, watch_extraction_pool
from app.services.watch_fetch import (
    Fetched,
    HostBusyError,
    check_robots,
    fetch_conditional,
    host_of,
    host_turn,
)

__all__ = [
    "EXTRACTOR_BUSY_RETRY",
    "WatchNotFoundError",
    "WatchPolled",
    "add_watch",
    "backoff",
    "busy_retry",
    "next_page_poll",
    "overdue_work",
    "poll_watch",
    "remove_watch",
    "unexpected_failure",
    "update_watch",
]

logger = logging.getLogger("wirediff")

_FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1"


class WatchNotFoundError(LookupError):
    def __init__(self, watch_id: int) -> None:
        super().__init__(f"Watch {watch_id} not found")
        self.watch_id = watch_id


def add_watch(session: Session, *, watch_in: WatchCreate, now: datetime) -> tuple[Watch, bool]:
    """Store a watch, due at once; the stored one when the URL is watched already."""
    watch = Watch(
        kind=watch_in.kind,
        url=watch_in.url,
        url_hash=crud.url_hash(watch_in.url),
        source=watch_in.source,
        created_at=now,
        next_poll_at=now,
    )
    return crud.create_watch(session=session, watch=watch)


def stored_watch(session: Session, watch_id: int) -> Watch:
    watch = crud.get_watch(session=session, watch_id=watch_id)
    if watch is None:
        raise WatchNotFoundError(watch_id)
    return watch


def update_watch(session: Session, *, watch_id: int, changes: WatchUpdate, now: datetime) -> Watch:
    watch = stored_watch(session, watch_id)
    if changes.source is not None and changes.source != watch.source:
        watch.source = changes.source
        # the pages found so far store their next versions under the new name too
        crud.rename_pages_source(session=session, watch_id=watch_id, source=changes.source)
    if changes.active is not None and changes.active != watch.active:
        watch.active = changes.active
        if changes.active:
            watch.next_poll_at, watch.error_count = now, 0
    crud.save(session=session, row=watch)
    return watch


def remove_watch(session: Session, *, watch_id: int) -> None:
    """The watch goes, and the polling state of the pages no other watch lists; the articles
    stored stay. A page another watch lists is that watch's now, polled on as it was."""
    stored_watch(session, watch_id)
    crud.delete_watch(session=session, watch_id=watch_id)


# --- schedule --------------------------------------------------------------------------------------


#: When a poll that found every process of the watcher's extraction pool busy (ExtractorBusy, after
#: waiting WIREDIFF_EXTRACT_TIMEOUT_SECONDS for one) is made again. That is our load, not the site's
#: fault: no error is counted and nothing backs off (a page backed off for it could stop being
#: polled), and a minute lets the polls ahead of it (a second or so each) finish first.
EXTRACTOR_BUSY_RETRY = timedelta(minutes=1)


def backoff(errors: int, settings: Settings) -> timedelta:
    """The delay after the ``errors``-th error in a row: doubling from WIREDIFF_WATCH_BACKOFF_SECONDS,
    at most WIREDIFF_WATCH_BACKOFF_MAX_SECONDS."""
    seconds = settings.watch_backoff_seconds * 2 ** min(max(errors - 1, 0), 30)
    return timedelta(seconds=min(seconds, settings.watch_backoff_max_seconds))


def next_page_poll(page: WatchedPage, *, now: datetime, settings: Settings) -> datetime | None:
    """When to poll a page after its ``page.polls``-th poll: WIREDIFF_WATCH_PAGE_INTERVALS one
    after the other (the last repeats), never after WIREDIFF_WATCH_STOP_AFTER_SECONDS from when it
    was first seen (None: stop)."""
    intervals = settings.watch_page_intervals or [settings.watch_feed_interval_seconds]
    step = intervals[min(max(page.polls - 1, 0), len(intervals) - 1)]
    due = now + timedelta(seconds=step)
    if due - page.first_seen_at > timedelta(seconds=settings.watch_stop_after_seconds):
        return None
    return due


def _lease(now: datetime, settings: Settings) -> datetime:
    return now + timedelta(seconds=settings.watch_lease_seconds)


# --- polling a watch -------------------------------------------------------------------------------


@dataclass(slots=True)
class WatchPolled:
    """What a poll of a watch did: ``new_pages`` to poll now, when to poll the watch again."""

    claimed: bool
    new_pages: list[int] = field(default_factory=list)
    next_poll_at: datetime | None = None


def _items(watch: Watch, fetched: Fetched, settings: Settings) -> list[FeedItem]:
    """The feed's or sitemap's items, read as a page is extracted (:func:`~app.services.pages.
    extract_page`): its elements' attributes counted first, then parsed in a process of the
    watcher's own pool (apart from the requests') killed past WIREDIFF_EXTRACT_TIMEOUT_SECONDS.
    Both parsers slow down with the square of one element's attributes (feedparser took 11 s
    over 32,000), and the deadline holds against what the count does not foresee. No cap on
    elements: a feed's items carry their articles' markup."""
    check_page_size(fetched.body, max_elements=None, what=watch.kind)
    job: Callable[..., list[FeedItem]]
    if watch.kind == "sitemap":
        job, kwargs = sitemap_items, {"charset": fetched.charset}
    else:
        content_type = fetched.media_type + (f"; charset={fetched.charset}" if fetched.charset else "")
        job, kwargs = feed_items, {"base_url": fetched.url, "content_type": content_type or None}
    items = watch_extraction_pool.run(
        job,
        (fetched.body,),
        kwargs,
        refusals=(FeedError,),
        timeout_seconds=settings.extract_timeout_seconds,
        what=watch.kind,
        doing="read",
    )
    assert isinstance(items, list)
    return items


def poll_watch(engine: Engine, watch_id: int, *, settings: Settings, now: datetime) -> WatchPolled:
    """Poll a due watch once: its feed or sitemap fetched (conditionally, within the host's
    limits, if robots.txt allows), new links stored as pages due now. A page watch is its own
    one page. Errors are stored on the watch and back it off; nothing is raised."""
    with Session(engine) as session:
        if not crud.claim_watch(session=session, watch_id=watch_id, now=now, until=_lease(now, settings)):
            return WatchPolled(claimed=False)
        watch = stored_watch(session, watch_id)
        new_pages: list[int] = []
        try:
            validators: _Validators | None = None
            if watch.kind == "page":
                items = [FeedItem(watch.url, None)]
                watch.last_status = None
            else:
                items, validators = _fetch_items(engine, watch, settings, now)
            pages = [
                WatchedPage(
                    watch_id=watch_id,
                    url=item.url,
                    url_hash=crud.url_hash(item.url),
                    source=watch.source,
                    first_seen_at=now,
                    published_at=item.published_at,
                    next_poll_at=now,
                )
                for item in items
            ]
            new_pages = crud.add_pages(session=session, pages=pages)
            # only once every page is stored: add_pages commits page by page, and validators
            # committed with the first would have the next poll answered 304 after a poll cut
            # short, leaving the feed's other items unseen until it changes
            if validators is not None:
                watch.etag, watch.last_modified = validators
            watch.items += len(new_pages)
            watch.error_count, watch.last_error = 0, None
            watch.next_poll_at = (
                None
                if watch.kind == "page"
                else now + timedelta(seconds=settings.watch_feed_interval_seconds)
            )
        except (
            HostBusyError,
            ExtractorBusy,
        ) as busy:  # no error: a turn comes later
            watch.next_poll_at = busy_retry(busy, now=now)
            watch.claimed_until = None
            crud.save(session=session, row=watch)
            return WatchPolled(claimed=True, next_poll_at=watch.next_poll_at)
        except (PageError, FeedError) as error:
            _failed(watch, _reason(error), now=now, settings=settings)
        except Exception as error:
            # ours, not the site's (a bug): stored and backed off as any error, not left to hold
            # the claim until the lease runs out and fail the same way at every scan, unseen
            session.rollback()
            gone = crud.get_watch(session=session, watch_id=watch_id)
            if gone is None:
                return WatchPolled(claimed=True)  # deleted meanwhile: nothing to poll
            watch = gone
            logger.exception("polling watch %d (%s) failed", watch_id, watch.url)
            _failed(watch, unexpected_failure(error), now=now, settings=settings)
        watch.last_polled_at, watch.claimed_until = now, None
        crud.save(session=session, row=watch)
        return WatchPolled(claimed=True, new_pages=new_pages, next_poll_at=watch.next_poll_at)


def busy_retry(busy: HostBusyError | ExtractorBusy, *, now: datetime) -> datetime:
    """When a poll given back for being busy is made again: at the host's turn, or
    :data:`EXTRACTOR_BUSY_RETRY` after this poll."""
    return busy.retry_at if isinstance(busy, HostBusyError) else now + EXTRACTOR_BUSY_RETRY


def _failed(watch: Watch, detail: str, *, now: datetime, settings: Settings) -> None:
    watch.error_count += 1
    watch.last_error = detail
    watch.next_poll_at = now + backoff(watch.error_count, settings)


def unexpected_failure(error: Exception) -> str:
    """What a poll that failed on our side (not the site's) stores as its error."""
    return f"The poll failed ({type(error).__name__}): {error}"[:STORED_ERROR_CHARS]


def _reason(error: Exception) -> str:
    return error.detail if isinstance(error, PageError) else str(error)


#: A feed answer's ETag and Last-Modified, for the next poll's conditional request.
_Validators = tuple[str | None, str | None]


def _fetch_items(
    engine: Engine, watch: Watch, settings: Settings, now: datetime
) -> tuple[list[FeedItem], _Validators | None]:
    """The items of the watch's feed or sitemap, and its validators (None: answered 304, keep
    the stored ones); saving the validators is the caller's, once the items are stored."""
    check_robots(engine, watch.url, settings=settings, now=now)
    with host_turn(engine, host_of(watch.url), settings=settings):
        fetched = fetch_conditional(
            watch.url,
            settings=settings,
            etag=watch.etag,
            last_modified=watch.last_modified,
            accept=_FEED_ACCEPT,
        )
    watch.last_status = fetched.status
    if fetched.status == 304:
        return [], None
    # read first: validators of an answer that failed to parse would have the next poll answered
    # 304, clearing the error while the feed is as broken as it was
    items = _items(watch, fetched, settings)
    return items, (fetched.etag, fetched.last_modified)


# --- lost work -------------------------------------------------------------------------------------


@dataclass(slots=True, frozen=True)
class OverdueWork:
    watches: list[int]
    pages: list[int]
    deliveries: list[int]


def overdue_work(session: Session, *, now: datetime, settings: Settings, limit: int = 1000) -> OverdueWork:
    """Rows due more than WIREDIFF_WATCH_OVERDUE_GRACE_SECONDS ago that no live worker holds: their
    tasks were lost (a killed worker, a broker restarted), so the scan enqueues them again."""
    before = now - timedelta(seconds=settings.watch_overdue_grace_seconds)
    return OverdueWork(
        watches=crud.overdue_watches(session=session, before=before, now=now, limit=limit),
        pages=crud.overdue_pages(session=session, before=before, now=now, limit=limit),
        deliveries=crud.overdue_deliveries(session=session, before=before, now=now, limit=limit),
    )
