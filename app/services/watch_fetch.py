"""Fetching for watches: conditional GETs (ETag / Last-Modified) through the same address checks,
size and time limits as page ingestion (:mod:`app.services.pages`), robots.txt, and the per-host
limits every worker keeps (the state is in the database, so workers on several machines share it).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import httpx
from protego import Protego
from sqlalchemy import Engine
from sqlmodel import Session

from app import crud
from app.config import Settings
from app.services.errors import FetchFailed, FetchForbidden, FetchRefused, PageError, TooManyRedirects
from app.services.pages import USER_AGENT, checked_get, media_type, read_body

__all__ = ["Fetched", "HostBusyError", "check_robots", "fetch_conditional", "host_of", "host_turn"]

#: robots.txt is read again after this long.
ROBOTS_MAX_AGE = timedelta(days=1)
#: A robots.txt that could not be had (a 5xx answer, a timeout, a refused connection) forbids the
#: whole host, as RFC 9309 (2.3.1.4) says, and is asked for again after this long rather than a
#: day: a site down for a moment is back on schedule within a page's first polls. A host that
#: stays down is asked about six times an hour, and more when several of its polls fall due at
#: once after the retry time: each that finds it expired asks (within the host's request limits),
#: none waits for another's answer.
ROBOTS_RETRY = timedelta(minutes=10)
#: The part of a robots.txt read and parsed: RFC 9309 (2.5) has crawlers parse at least 500 KiB;
#: a longer file is cut there, not refused.
ROBOTS_MAX_BYTES = 500 * 1024
#: The longest a worker waits for its turn at a host; a later turn gives the poll back, due at
#: that turn, so that a worker never sleeps through one host's queue while other hosts wait.
HOST_WAIT_SECONDS = 2.0
_SLOT_POLL_SECONDS = 0.05
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class HostBusyError(Exception):
    """The host's turn is more than HOST_WAIT_SECONDS away: poll at ``retry_at``."""

    def __init__(self, host: str, retry_at: datetime) -> None:
        super().__init__(host)
        self.host = host
        self.retry_at = retry_at


@dataclass(slots=True, frozen=True)
class Fetched:
    status: int  # 200, or 304 when the server says nothing changed
    url: str  # after redirects
    body: bytes
    charset: str | None
    media_type: str
    etag: str | None
    last_modified: str | None


def host_of(url: str) -> str:
    """``host:port`` of a URL: the unit of politeness. :class:`FetchRefused` for a URL httpx
    cannot parse or whose host does not decode (stored before such URLs were refused)."""
    try:
        parsed = httpx.URL(url)
        host = parsed.host
    except (httpx.InvalidURL, UnicodeError) as error:
        raise FetchRefused(f"Cannot fetch {url}: {error}") from error
    if not host:
        raise FetchRefused(f"Cannot fetch {url}: the URL has no host")
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    return f"{host}:{port}"


def fetch_conditional(
    url: str,
    *,
    settings: Settings,
    etag: str | None = None,
    last_modified: str | None = None,
    accept: str = "*/*",
    keep_first: int | None = None,
) -> Fetched:
    """GET ``url`` as :func:`app.services.pages.fetch_page` does (every hop's address checked, the body and
    the time bounded), asking the server to answer 304 when nothing changed since ``etag`` or
    ``last_modified``. ``keep_first`` cuts a longer body there (:func:`~app.services.pages.
    read_body`). Raises a :class:`~app.services.errors.PageError`."""
    # only what the bounded decoder undoes (read_body caps the decoded size)
    headers = {"User-Agent": USER_AGENT, "Accept": accept, "Accept-Encoding": "gzip, deflate"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    with checked_get(url, settings=settings, headers=headers, allow_hosts=settings.watch_allow_hosts) as (
        response,
        deadline,
    ):
        if response.status_code == 304:
            return Fetched(304, str(response.url), b"", None, "", etag, last_modified)
        if response.status_code >= 300:
            answer = f"{response.status_code} {response.reason_phrase}".rstrip()
            raise FetchFailed(f"{response.url} answered {answer}", status=response.status_code)
        body = read_body(response, settings, deadline, keep_first=keep_first)
        return Fetched(
            status=response.status_code,
            url=str(response.url),
            body=body,
            charset=response.charset_encoding,
            media_type=media_type(response),
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
        )


@contextmanager
def host_turn(engine: Engine, host: str, *, settings: Settings) -> Iterator[None]:
    """Wait for a turn to send one request to ``host``: one of WIREDIFF_WATCH_HOST_CONCURRENCY
    slots (held at most the lease, so a killed worker's slot comes free), then a start at least
    WIREDIFF_WATCH_HOST_DELAY_SECONDS after the host's previous one, over every worker.
    Raises :class:`HostBusyError` when the turn is more than HOST_WAIT_SECONDS away."""
    lease = timedelta(seconds=settings.fetch_timeout_seconds * 2 + 5)
    patience = timedelta(seconds=HOST_WAIT_SECONDS)
    waited_until = time.monotonic() + HOST_WAIT_SECONDS
    slot: int | None = None
    with Session(engine) as session:
        crud.ensure_host(session=session, host=host, slots=settings.watch_host_concurrency, epoch=_EPOCH)
        row = crud.get_host(session=session, host=host)
        assert row is not None
        if row.next_request_at > datetime.now(UTC) + patience:
            raise HostBusyError(host, row.next_request_at)
        while slot is None:
            now = datetime.now(UTC)
            slot = crud.take_host_slot(
                session=session,
                host=host,
                slots=settings.watch_host_concurrency,
                now=now,
                until=now + lease,
            )
            if slot is None:
                if time.monotonic() > waited_until:
                    raise HostBusyError(host, now + patience)
                time.sleep(_SLOT_POLL_SECONDS)
        start = crud.reserve_host_start(
            session=session,
            host=host,
            now=datetime.now(UTC),
            delay=timedelta(seconds=settings.watch_host_delay_seconds),
        )
    try:
        wait = (start - datetime.now(UTC)).total_seconds()
        if wait > 0:
            time.sleep(wait)
        yield
    finally:
        with Session(engine) as session:
            crud.free_host_slot(session=session, host=host, slot=slot, epoch=_EPOCH)


def check_robots(engine: Engine, url: str, *, settings: Settings, now: datetime) -> None:
    """:class:`~app.services.errors.FetchForbidden` unless the host's robots.txt lets wirediff
    fetch ``url``. Read at most once a :data:`ROBOTS_MAX_AGE` per host, its first
    :data:`ROBOTS_MAX_BYTES`; as RFC 9309 says, one answered 4xx, redirected more than
    WIREDIFF_FETCH_MAX_REDIRECTS times (5) or otherwise unusable allows everything, and one that
    cannot be had (5xx, a timeout, a refused connection) forbids everything until it is read
    again, after :data:`ROBOTS_RETRY`."""
    host = host_of(url)
    parsed = httpx.URL(url)
    with Session(engine) as session:
        crud.ensure_host(session=session, host=host, slots=settings.watch_host_concurrency, epoch=_EPOCH)
        row = crud.get_host(session=session, host=host)
        assert row is not None
        text, fetched_at = row.robots_txt, row.robots_fetched_at
    # no text kept with a time: it could not be had then
    max_age = ROBOTS_MAX_AGE if text is not None else ROBOTS_RETRY
    if fetched_at is None or now - fetched_at > max_age:
        robots_url = str(parsed.copy_with(path="/robots.txt", query=None, fragment=None))
        try:
            with host_turn(engine, host, settings=settings):
                fetched = fetch_conditional(
                    robots_url, settings=settings, accept="text/plain", keep_first=ROBOTS_MAX_BYTES
                )
            text = fetched.body.decode("utf-8", errors="replace")
        except TooManyRedirects:
            text = ""  # RFC 9309 (2.3.1.2): past 5 redirects it is unavailable, which allows all
        except FetchFailed as failed:
            # a 5xx, a timeout, a refused connection, a name that does not resolve: unreachable
            text = None if failed.status is None or failed.status >= 500 else ""
        except PageError:
            text = ""  # had, but unusable (not text, corrupt): unavailable, as a 4xx is
        with Session(engine) as session:
            crud.save_robots(session=session, host=host, robots_txt=text, fetched_at=now)
    if text is None:
        raise FetchForbidden(
            f"robots.txt of {host} could not be had; nothing is fetched from {host} until it can"
        )
    if not Protego.parse(text).can_fetch(url, "wirediff"):
        raise FetchForbidden(f"robots.txt of {host} forbids {url}")
