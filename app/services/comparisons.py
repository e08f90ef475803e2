"""Comparisons, the one service that runs the engine for the API, the dashboard, related
versions, coverage and the CLI: the engine's result as JSON or a rendering, comparisons between
stored articles (computed from cached prepared documents within the limits, stored, read back
on the event loop), and the per-worker cache of ad-hoc ones.

JSON is built with orjson straight from the engine's dataclasses (no intermediate
dicts); a cached body is turned back into a :class:`Comparison` only when a
rendering is asked for.
"""

from __future__ import annotations

import dataclasses
import hashlib
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from enum import StrEnum
from typing import Generic, TypeVar

import anyio.to_thread
import orjson
from pydantic import BaseModel, TypeAdapter
from sqlalchemy import Engine
from sqlmodel import Session

from app import crud
from app.config import Settings
from app.db import is_sqlite, session_scope
from app.engine import (
    Attribution,
    CompareOptions,
    Comparison,
    PreparedDocument,
    Summary,
    Verdict,
    compare_prepared,
    engine_version,
    prepare,
    render_html,
    render_markdown,
    render_text,
    restore_preparation,
)
from app.models import Article, CachedComparison
from app.services.errors import ArticleNotFound
from app.services.limits import cached_version, enforce_sentence_limit, server_options

__all__ = [
    "MEDIA_TYPES",
    "PREPARED_CACHE_SIZE",
    "ComparisonOutline",
    "LeastRecentlyUsed",
    "OnCompute",
    "OutputFormat",
    "ResultCache",
    "StoredComparison",
    "clear_prepared_documents",
    "compare_articles",
    "compare_by_ids",
    "compare_many",
    "etag_of",
    "from_json",
    "outline_of",
    "prepared_document",
    "read_cached",
    "render",
    "request_key",
    "stored_article",
    "to_json",
]


class OutputFormat(StrEnum):
    json = "json"
    text = "text"
    html = "html"
    markdown = "markdown"


MEDIA_TYPES = {
    OutputFormat.json: "application/json",
    OutputFormat.text: "text/plain; charset=utf-8",
    OutputFormat.html: "text/html; charset=utf-8",
    OutputFormat.markdown: "text/markdown; charset=utf-8",
}

_COMPARISON = TypeAdapter(Comparison)


class ComparisonOutline(BaseModel):
    """A stored comparison without its documents and alignment: the verdict, the summary and the
    attribution, typed as the engine's, read from the JSON in less time than the whole (which
    related versions, reading every candidate's, cannot afford: 0.2 ms against 1.8 ms on a
    seed pair)."""

    verdict: Verdict
    summary: Summary
    attribution: Attribution


_OUTLINE = TypeAdapter(ComparisonOutline)


def to_json(result: Comparison, *, indent: bool = False) -> bytes:
    return orjson.dumps(result, option=orjson.OPT_INDENT_2 if indent else None)


def from_json(body: bytes) -> Comparison:
    return _COMPARISON.validate_json(body)


def outline_of(body: bytes) -> ComparisonOutline:
    """The :class:`ComparisonOutline` of a stored comparison's JSON."""
    return _OUTLINE.validate_json(body)


def render(result: Comparison, output: OutputFormat, *, indent: bool = False) -> bytes:
    """The result in one of the output formats, as UTF-8 bytes."""
    if output is OutputFormat.json:
        return to_json(result, indent=indent)
    renderer = {OutputFormat.text: render_text, OutputFormat.html: render_html}.get(output, render_markdown)
    return renderer(result).encode()


class ResultCache:
    """Rendered ad-hoc comparisons by :func:`request_key`, the least recently used dropped first,
    bounded by the bytes of the bodies it holds and by entries. One per application, so one per
    worker process (nothing in it is ever stale: a key names everything the answer depends on);
    used from the event loop only, so it needs no lock."""

    def __init__(self, max_bytes: int, max_entries: int = 4096) -> None:
        self.max_bytes = max_bytes
        self.max_entries = max_entries
        self.size = 0
        self._bodies: OrderedDict[bytes, bytes] = OrderedDict()

    def __len__(self) -> int:
        return len(self._bodies)

    def get(self, key: bytes) -> bytes | None:
        body = self._bodies.get(key)
        if body is not None:
            self._bodies.move_to_end(key)
        return body

    def put(self, key: bytes, body: bytes) -> None:
        """Keep ``body`` (unless it alone is over the bound), dropping the oldest to make room."""
        if len(body) > self.max_bytes or self.max_entries < 1:
            return
        previous = self._bodies.pop(key, None)
        if previous is not None:
            self.size -= len(previous)
        self._bodies[key] = body
        self.size += len(body)
        while self.size > self.max_bytes or len(self._bodies) > self.max_entries:
            _, dropped = self._bodies.popitem(last=False)
            self.size -= len(dropped)


def request_key(
    base: str | Sequence[str], other: str | Sequence[str], options: CompareOptions, output: OutputFormat
) -> bytes:
    """SHA-256 of everything an ad-hoc comparison's answer depends on: the engine version, both sides
    (JSON tells a raw text from a list of sentences), the options and the output format."""
    canonical = orjson.dumps([engine_version(options), output, dataclasses.asdict(options), base, other])
    return hashlib.sha256(canonical).digest()


def etag_of(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def _storable(size: int, cached: int, settings: Settings) -> bool:
    """Whether a comparison of ``size`` bytes may join a cache of ``cached`` bytes: under
    WIREDIFF_STORED_COMPARISON_MAX_BYTES, and the cache under WIREDIFF_STORED_COMPARISONS_MAX_BYTES
    with it (anyone may read a pair)."""
    return (
        size <= settings.stored_comparison_max_bytes
        and cached + size <= settings.stored_comparisons_max_bytes
    )


# --- comparisons of stored articles: the one way they are computed and cached ----------------

#: How long a sum of the comparison cache's bytes is trusted. Summing reads every cached row
#: (8 ms a cold related query with 2,000 cached at 54,495 articles, and it grows with the cache),
#: so it is read again at most this often; in between, what this process cached is added to it.
#: The total bound is a guard on the database's size, not an exact quota: other workers' rows
#: count from the next sum on, and rows gone with deleted articles are freed then.
CACHE_BYTES_REFRESH_SECONDS = 60.0


class _CachedBytes:
    """The comparison cache's bytes by database engine, as summed at most
    CACHE_BYTES_REFRESH_SECONDS ago plus what this process has cached since; thread-safe."""

    def __init__(self) -> None:
        self._totals: weakref.WeakKeyDictionary[Engine, tuple[float, int]] = weakref.WeakKeyDictionary()
        self._lock = threading.Lock()

    def read(self, session: Session) -> int:
        database = session.get_bind().engine
        now = time.monotonic()
        with self._lock:
            known = self._totals.get(database)
        if known is not None and now - known[0] < CACHE_BYTES_REFRESH_SECONDS:
            return known[1]
        total = crud.cached_comparison_bytes(session=session)
        with self._lock:
            self._totals[database] = (now, total)
        return total

    def add(self, session: Session, size: int) -> None:
        database = session.get_bind().engine
        with self._lock:
            known = self._totals.get(database)
            if known is not None:
                self._totals[database] = (known[0], known[1] + size)


_cached_bytes = _CachedBytes()

#: Prepared documents kept in memory (about 10 kB each for a news article): a related-versions
#: query compares its article with every candidate, and neighbouring queries meet the same
#: articles again.
PREPARED_CACHE_SIZE = 512


K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class LeastRecentlyUsed(Generic[K, V]):
    """The values made last, by key, ``size`` at most, the least recently used going first;
    thread-safe. A value is made outside the lock: two threads asking for a missing key at once
    may both make it, which costs time, never a wrong value (a key names exactly what is made)."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._items: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def get(self, key: K, make: Callable[[], V]) -> V:
        """The value kept for ``key``, else ``make()``, kept."""
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = make()
        with self._lock:
            self._items[key] = value
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return value


#: Prepared documents by (article id, content hash).
_prepared: LeastRecentlyUsed[tuple[int, str], PreparedDocument] = LeastRecentlyUsed(PREPARED_CACHE_SIZE)


def prepared_document(article: Article) -> PreparedDocument:
    """The article prepared for the engine: from memory when it was prepared lately, else from
    the preparation stored with it, else from its text."""
    assert article.id is not None
    return _prepared.get(
        (article.id, article.content_hash),
        lambda: restore_preparation(article.text, article.prepared) or prepare(article.text),
    )


def clear_prepared_documents() -> None:
    """Forget every prepared document (benchmarks measure queries with nothing in memory)."""
    _prepared.clear()


def _compare_within_limits(base: Article, other: Article, settings: Settings) -> Comparison:
    """Two stored articles compared from their prepared documents, within WIREDIFF_MAX_SENTENCES
    (:class:`~app.services.errors.OverLimit`, for an article stored before a lower limit) and
    WIREDIFF_COMPARE_TIME_BUDGET (:class:`~app.engine.ComparisonTimeoutError`)."""
    prepared_base = prepared_document(base)
    enforce_sentence_limit(settings, ["path", "base_id"], prepared_base)
    prepared_other = prepared_document(other)
    enforce_sentence_limit(settings, ["path", "other_id"], prepared_other)
    return compare_prepared(prepared_base, prepared_other, server_options(settings))


@dataclasses.dataclass(slots=True, frozen=True)
class StoredComparison:
    """A comparison as stored: the engine's JSON and its ETag."""

    etag: str
    body: bytes


#: Called before each comparison that is computed rather than read from the cache: how a caller
#: charges for the work (the API counts each against the client's rate). It may raise to stop the
#: call; the comparisons computed before it are cached all the same.
OnCompute = Callable[[], None]


def compare_many(
    *,
    session: Session,
    base: Article,
    others: Sequence[Article],
    settings: Settings,
    on_compute: OnCompute | None = None,
) -> dict[int, StoredComparison]:
    """The comparisons of ``base`` with each of ``others``, by other id: the cached ones read in
    one query, the rest computed (:func:`prepared_document`, within the limits) and cached in one
    transaction, also when computing stops half-way (``on_compute`` or a limit raising). Every
    stored comparison (API, dashboard, related, coverage, CLI) comes from here."""
    assert base.id is not None
    base_id = base.id
    version = cached_version(settings)
    found = {
        other_id: StoredComparison(row.etag, row.body)
        for other_id, row in crud.get_cached_comparisons(
            session=session,
            base_id=base_id,
            other_ids=[other.id for other in others if other.id is not None],
            engine_version=version,
        ).items()
    }
    rows: list[CachedComparison] = []
    pending = 0  # bytes of this call's rows, not saved yet
    cached: int | None = None  # bytes of the cache (:class:`_CachedBytes`), read when first needed
    try:
        for other in others:
            assert other.id is not None
            if other.id in found:
                continue
            if on_compute is not None:
                on_compute()
            body = to_json(_compare_within_limits(base, other, settings))
            etag = etag_of(body)
            found[other.id] = StoredComparison(etag, body)
            if cached is None:
                cached = _cached_bytes.read(session)
            if not _storable(len(body), cached + pending, settings):
                continue  # over the cache's bounds: computed again each time it is asked for
            pending += len(body)
            rows.append(
                CachedComparison(
                    base_id=base_id, other_id=other.id, engine_version=version, body=body, etag=etag
                )
            )
    finally:  # what was computed is kept, so that a retry does not pay for it again
        if rows:
            crud.save_comparisons(session=session, rows=rows)
            _cached_bytes.add(session, pending)
    return found


def compare_articles(
    *,
    session: Session,
    base: Article,
    other: Article,
    settings: Settings,
    on_compute: OnCompute | None = None,
) -> StoredComparison:
    """The comparison of two stored articles under this engine version (:func:`compare_many`)."""
    assert other.id is not None
    return compare_many(session=session, base=base, others=[other], settings=settings, on_compute=on_compute)[
        other.id
    ]


def compare_by_ids(*, db_engine: Engine, base_id: int, other_id: int, settings: Settings) -> StoredComparison:
    """:func:`compare_articles` by ids, in a session of its own (for a worker thread):
    :class:`~app.services.errors.ArticleNotFound` for a missing article."""
    with session_scope(db_engine) as session:
        base = stored_article(session, base_id)
        other = stored_article(session, other_id)
        return compare_articles(session=session, base=base, other=other, settings=settings)


def stored_article(session: Session, article_id: int) -> Article:
    """The stored article; :class:`~app.services.errors.ArticleNotFound` when there is none."""
    article = crud.get_article(session=session, article_id=article_id)
    if article is None:
        raise ArticleNotFound(article_id)
    return article


async def read_cached(
    *,
    db_engine: Engine,
    base_id: int,
    other_id: int,
    engine_version: str,
    body_unless: Callable[[str], bool] | None = None,
) -> tuple[str, bytes | None] | None:
    """A cached comparison's ETag and body under ``engine_version`` (:func:`cached_version`), or None
    when it is not cached yet; the body is left unread when ``body_unless(etag)`` holds (a client
    that has it already). Rows go with either
    article (ON DELETE CASCADE), so a row found proves both articles exist.

    SQLite answers a primary-key read from the file in microseconds, less than the trip to a
    thread, so it is read on the event loop; a server's round trip (or its outage) must not
    hold the loop, so it is read in a thread. BENCHMARKS.md (Service under load) has the figures."""

    def lookup() -> tuple[str, bytes | None] | None:
        if body_unless is not None:
            found = crud.find_cached_comparison(
                engine=db_engine,
                base_id=base_id,
                other_id=other_id,
                engine_version=engine_version,
                with_body=False,
            )
            if found is None or body_unless(found[0]):
                return found
        return crud.find_cached_comparison(
            engine=db_engine, base_id=base_id, other_id=other_id, engine_version=engine_version
        )

    return lookup() if is_sqlite(db_engine.url) else await anyio.to_thread.run_sync(lookup)
