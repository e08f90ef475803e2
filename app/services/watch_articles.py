"""Polling a watched page: fetch (conditionally, within the host's limits, if robots.txt allows),
extract, and when the text's fingerprint changed, store it as the URL's next version, then find
what it means: its changes since the previous version, the wire story it derives from (a pickup,
recorded with its comparison), and the alerts that follow (:mod:`app.services.alerts`).

Every step can be redone: the article is stored once per text (its unique source and hash), a
pickup once per pair, an alert once per rule and event, so a poll cut short by a killed worker
is simply polled again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from pydantic import ValidationError
from sqlalchemy import Engine
from sqlalchemy.orm.exc import ObjectDeletedError, StaleDataError
from sqlmodel import Session

from app import crud
from app.config import Settings
from app.engine import Comparison
from app.models import Article, WatchedPage
from app.schemas import ArticleCreate
from app.services import alerts
from app.services.articles import store_article
from app.services.comparisons import compare_articles, from_json
from app.services.errors import ExtractorBusy, OverLimit, PageError, PageUnusable
from app.services.pages import (
    HTML_MEDIA_TYPES,
    ExtractedArticle,
    FetchedPage,
    extract_page,
    page_html,
    watch_extraction_pool,
)
from app.services.pickups import pickup_wire, record_pickup
from app.services.watch import backoff, busy_retry, next_page_poll, unexpected_failure
from app.services.watch_changes import changed_word_share, fingerprint
from app.services.watch_fetch import HostBusyError, check_robots, fetch_conditional, host_of, host_turn

__all__ = ["PagePolled", "found_version", "poll_page", "published_at"]

logger = logging.getLogger("wirediff")

_HTML_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"


@dataclass(slots=True)
class PagePolled:
    claimed: bool
    article_id: int | None = None
    new_version: bool = False
    pickup_wire_id: int | None = None
    deliveries: list[int] = field(default_factory=list)
    next_poll_at: datetime | None = None


def poll_page(engine: Engine, page_id: int, *, settings: Settings, now: datetime) -> PagePolled:
    """Poll a due page once (see the module's description). Errors are stored on the page and
    back it off; nothing is raised for what a remote site does, nor for a failure of our own
    (logged). A page no active watch lists is not polled; one deleted meanwhile (with the last
    watch listing it) is left alone."""
    with Session(engine) as session:
        lease = now + timedelta(seconds=settings.watch_lease_seconds)
        if not crud.claim_page(session=session, page_id=page_id, now=now, until=lease):
            return PagePolled(claimed=False)
        try:
            return _poll_claimed(engine, session, page_id, settings=settings, now=now)
        except (StaleDataError, ObjectDeletedError):
            session.rollback()
            if crud.get_page(session=session, page_id=page_id) is not None:
                raise
            return PagePolled(claimed=True)  # its watch was deleted meanwhile: nothing to poll


def _poll_claimed(
    engine: Engine, session: Session, page_id: int, *, settings: Settings, now: datetime
) -> PagePolled:
    page = crud.get_page(session=session, page_id=page_id)
    if page is None:
        return PagePolled(claimed=True)
    polled = PagePolled(claimed=True, article_id=page.article_id)
    try:
        _poll(engine, session, page, polled, settings=settings, now=now)
        page.polls += 1
        page.error_count, page.last_error = 0, None
        page.next_poll_at = next_page_poll(page, now=now, settings=settings)
    except (HostBusyError, ExtractorBusy) as busy:  # no error: a turn comes later
        page.next_poll_at, page.claimed_until = busy_retry(busy, now=now), None
        crud.save(session=session, row=page)
        polled.next_poll_at = page.next_poll_at
        return polled
    except PageError as error:
        _failed(page, error.detail, now=now, settings=settings)
    except Exception as error:
        # ours, not the site's (a comparison over WIREDIFF_COMPARE_TIME_BUDGET, a bug): the page
        # says so and backs off as for any error, instead of holding its claim until the lease
        # runs out and failing the same way at every scan, unseen
        session.rollback()
        page = crud.get_page(session=session, page_id=page_id)
        if page is None:
            return PagePolled(claimed=True)  # its watch was deleted meanwhile
        logger.exception("polling page %d (%s) failed", page_id, page.url)
        polled = PagePolled(claimed=True, article_id=page.article_id)
        _failed(page, unexpected_failure(error), now=now, settings=settings)
    page.last_polled_at, page.claimed_until = now, None
    crud.save(session=session, row=page)
    polled.next_poll_at = page.next_poll_at
    return polled


def _failed(page: WatchedPage, detail: str, *, now: datetime, settings: Settings) -> None:
    """Record an error on the page and back it off (:func:`~app.services.watch.backoff`), or stop
    polling it once that is past WIREDIFF_WATCH_STOP_AFTER_SECONDS."""
    page.error_count += 1
    page.last_error = detail
    due = now + backoff(page.error_count, settings)
    stopped = due - page.first_seen_at > timedelta(seconds=settings.watch_stop_after_seconds)
    page.next_poll_at = None if stopped else due


def _poll(
    engine: Engine,
    session: Session,
    page: WatchedPage,
    polled: PagePolled,
    *,
    settings: Settings,
    now: datetime,
) -> None:
    check_robots(engine, page.url, settings=settings, now=now)
    with host_turn(engine, host_of(page.url), settings=settings):
        fetched = fetch_conditional(
            page.url, settings=settings, etag=page.etag, last_modified=page.last_modified, accept=_HTML_ACCEPT
        )
    page.last_status = fetched.status
    if fetched.status == 304:
        return
    if fetched.media_type not in HTML_MEDIA_TYPES:
        raise PageUnusable(
            f"{fetched.url} is {fetched.media_type or 'of no declared type'}, not an HTML page"
        )
    extracted = extract_page(
        page_html(FetchedPage(fetched.url, fetched.body, fetched.charset)),
        fetched.url,
        timeout_seconds=settings.extract_timeout_seconds,
        pool=watch_extraction_pool,  # the watcher's own: never the processes a request waits for
    )
    print_ = fingerprint(extracted.text)
    if print_ != page.fingerprint:
        _store_version(session, page, polled, extracted, settings=settings, now=now)
        page.fingerprint = print_
    # the validators go with the version they describe, written together at the end: saved any
    # earlier (the commits of storing and matching write the row), a poll cut short would be
    # redone conditionally, answered 304, and the version it had not finished never matched
    page.etag, page.last_modified = fetched.etag, fetched.last_modified


#: How far a feed's time of a story may lie from the day its page gives and still be that day's
#: time: the page's day is its own time zone's (UTC-12 to UTC+14), midnight UTC standing for it.
_SAME_DAY = (timedelta(hours=-14), timedelta(hours=36))


def published_at(extracted: ExtractedArticle, listed: datetime | None) -> datetime | None:
    """When the page's story was published: the page's own date, unless it gives only the day and
    the feed or sitemap that listed it gives a time on that day (an evening story stored at
    midnight would read as published before the wire it copies, or at the same moment).

    >>> from datetime import UTC
    >>> page = ExtractedArticle("Text", None, None, datetime(2024, 9, 24, tzinfo=UTC), "en")
    >>> published_at(page, datetime(2024, 9, 25, 3, 30, tzinfo=UTC)).isoformat()
    '2024-09-25T03:30:00+00:00'
    """
    own = extracted.published_at
    if own is None:
        return listed
    if extracted.published_time_known or listed is None:
        return own
    return listed if own + _SAME_DAY[0] <= listed < own + _SAME_DAY[1] else own


def _store_version(
    session: Session,
    page: WatchedPage,
    polled: PagePolled,
    extracted: ExtractedArticle,
    *,
    settings: Settings,
    now: datetime,
) -> None:
    """Store a changed text as the URL's next version and find what it means."""
    try:
        article_in = ArticleCreate(
            source=page.source,
            url=page.url,
            title=extracted.title,
            published_at=published_at(extracted, page.published_at),
            author=extracted.author,
            text=extracted.text,
        )
    except ValidationError as error:
        raise PageUnusable(f"The page's article cannot be stored: {error.errors()[0]['msg']}") from error
    try:
        article, _created = store_article(
            session=session, article_in=article_in, settings=settings, language=extracted.language
        )
    except OverLimit as error:
        raise PageUnusable(f"The page's article is over a limit: {error.issues[0].detail}") from error
    previous = crud.get_article(session=session, article_id=page.article_id) if page.article_id else None
    if previous is None or article.id != previous.id:
        found = found_version(session, article=article, previous=previous, settings=settings, now=now)
        polled.new_version = True
        polled.pickup_wire_id = found.pickup_wire_id
        polled.deliveries = found.deliveries
        revision = crud.get_revision(session=session, article_id=article.id or 0)
        page.versions = revision.version if revision is not None else page.versions + 1
    page.article_id = polled.article_id = article.id


@dataclass(slots=True)
class FoundVersion:
    pickup_wire_id: int | None
    deliveries: list[int]


def _comparison(session: Session, base: Article, other: Article, settings: Settings) -> Comparison:
    return from_json(compare_articles(session=session, base=base, other=other, settings=settings).body)


def found_version(
    session: Session, *, article: Article, previous: Article | None, settings: Settings, now: datetime
) -> FoundVersion:
    """What a new text of a watched URL means: its changes since ``previous``, its pickup of a wire
    story (:func:`~app.services.pickups.pickup_wire`; recorded with the comparison, wire as base,
    computed and cached now),
    and the alerts they raise. Returns the wire's id and the deliveries to make."""
    found: list[alerts.Finding] = []
    if previous is not None:
        comparison = _comparison(session, previous, article, settings)
        share = changed_word_share(previous.text, article.text)
        found += alerts.version_findings(
            previous=previous, article=article, comparison=comparison, share=share
        )
    wire = pickup_wire(session, article, settings)
    if wire is not None:
        assert wire.id is not None
        comparison = _comparison(session, wire, article, settings)
        # a later version of a pickup alerts on what changed since the previous one (above), not
        # on the pickup again
        known = previous is not None and crud.has_pickup(
            session=session, outlet_article_id=previous.id or 0, wire_article_id=wire.id
        )
        pickup = record_pickup(session, outlet=article, wire=wire, comparison=comparison, found_at=now)
        if pickup.id is None:  # the wire story or the article was deleted meanwhile: no alert of it
            wire = None
        elif not known:
            found += alerts.pickup_findings(wire=wire, article=article, comparison=comparison)
    deliveries = alerts.raise_alerts(session, found, now=now, settings=settings)
    return FoundVersion(pickup_wire_id=wire.id if wire is not None else None, deliveries=deliveries)
