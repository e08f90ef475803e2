"""Database tables: articles, the pages they came from, cached comparisons, the
related-versions index and pickups. The API's request and response models are in :mod:`app.schemas`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    Text,
    UniqueConstraint,
    true,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel

__all__ = [
    "AUTHOR_MAX_CHARS",
    "MAX_ID",
    "PROFILED_COLUMNS",
    "TITLE_MAX_CHARS",
    "Alert",
    "AlertRule",
    "Article",
    "ArticleBand",
    "ArticleHtml",
    "ArticleRevision",
    "CachedComparison",
    "Delivery",
    "DeliveryAttempt",
    "Pickup",
    "PickupTerm",
    "Watch",
    "WatchHost",
    "WatchHostSlot",
    "WatchedPage",
    "clip",
    "utc_now",
]

#: The largest id every database's id column holds (PostgreSQL's integer): larger ones are never
#: stored, so they are simply not found (or a 422 where a request names them).
MAX_ID = 2**31 - 1
#: Column widths: a posted title or author is validated against them, a detected one cut to them
#: (:func:`clip`).
TITLE_MAX_CHARS = 500
AUTHOR_MAX_CHARS = 200


def clip(text: str | None, limit: int) -> str | None:
    """``text`` cut to ``limit`` characters, an ellipsis last when it was longer."""
    return text if text is None or len(text) <= limit else text[: limit - 1] + "\u2026"


# Named constraints, so that later migrations (SQLite batch mode included) can refer to them.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# --- column types -----------------------------------------------------------------


class UTCDateTime(TypeDecorator[datetime]):
    """Stored as naive UTC on every database, read back as aware UTC: one answer on SQLite and PostgreSQL."""

    impl = DateTime()
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


# --- articles -------------------------------------------------------------------------


class Article(SQLModel, table=True):
    __tablename__ = "article"
    __table_args__ = (
        UniqueConstraint("source", "content_hash"),
        {"sqlite_autoincrement": True},  # ids are never reused after a delete
    )

    id: int | None = Field(default=None, primary_key=True)
    source: str = Field(max_length=200, index=True)
    title: str | None = Field(default=None, max_length=TITLE_MAX_CHARS)
    url: str | None = Field(default=None, max_length=2048)
    published_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, index=True))
    author: str | None = Field(default=None, max_length=AUTHOR_MAX_CHARS)
    language: str | None = Field(default=None, max_length=16)
    text: str = Field(sa_column=Column(Text, nullable=False))
    content_hash: str = Field(max_length=64)
    created_at: datetime = Field(default_factory=utc_now, sa_column=Column(UTCDateTime, nullable=False))
    #: The engine's preparation of ``text`` (:func:`app.engine.preparation_of`: its sentences'
    #: offsets and roles, credits, language, and what made them), made when it was stored or
    #: reindexed, so that comparisons need not prepare it again. NULL, or made by another engine:
    #: prepared anew when compared (``wirediff reindex`` stores it again).
    prepared: dict[str, Any] | None = Field(
        default=None,
        sa_column=Column(JSON(none_as_null=True), nullable=True),  # None: SQL NULL
    )


# --- cached comparisons -------------------------------------------------------------------


class ArticleHtml(SQLModel, table=True):
    """The page an article was extracted from, kept only when the client asked (``keep_html``);
    goes with its article."""

    __tablename__ = "article_html"

    article_id: int = Field(
        sa_column=Column(Integer, ForeignKey("article.id", ondelete="CASCADE"), primary_key=True)
    )
    html: str = Field(sa_column=Column(Text, nullable=False))


class CachedComparison(SQLModel, table=True):
    """The engine's JSON for (base, other) under one engine version; goes when either article goes."""

    __tablename__ = "comparison"

    base_id: int = Field(
        sa_column=Column(Integer, ForeignKey("article.id", ondelete="CASCADE"), primary_key=True)
    )
    other_id: int = Field(
        sa_column=Column(Integer, ForeignKey("article.id", ondelete="CASCADE"), primary_key=True, index=True)
    )
    engine_version: str = Field(primary_key=True, max_length=32)
    body: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    etag: str = Field(max_length=64)
    created_at: datetime = Field(default_factory=utc_now, sa_column=Column(UTCDateTime, nullable=False))


# --- related versions: the sentence index (app/engine/index.py) and revisions ------------------


class ArticleBand(SQLModel, table=True):
    """One index key of an article's sentences (:func:`app.engine.index.band_keys`), written with the
    article and gone with it. Looked up by key (the primary key) and by article."""

    __tablename__ = "article_band"
    __table_args__ = {"sqlite_with_rowid": False}  # the key is the row: half the size on SQLite

    band_key: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    article_id: int = Field(
        sa_column=Column(Integer, ForeignKey("article.id", ondelete="CASCADE"), primary_key=True, index=True)
    )


class ArticleRevision(SQLModel, table=True):
    """An article stored for a URL: versions 1, 2, ... of what that URL published, in the order
    they were stored. Articles without a URL have none."""

    __tablename__ = "article_revision"
    __table_args__ = (UniqueConstraint("url_hash", "version"),)

    article_id: int = Field(
        sa_column=Column(Integer, ForeignKey("article.id", ondelete="CASCADE"), primary_key=True)
    )
    url_hash: str = Field(
        max_length=64,
        description="The key of the URL's versions: crud.version_key (SHA-256 of the page it names, hex).",
    )
    version: int


# --- pickups: outlet articles derived from a stored wire story (app/services/pickups.py) ----------


#: The pickup columns outlet profiles aggregate (in the covering index, after outlet and date).
PROFILED_COLUMNS = (
    "wire_agency",
    "wire_sentences",
    "kept",
    "reworded",
    "dropped",
    "own_share",
    "credit_dropped",
    "quotes_intact",
    "quotes_altered",
    "quotes_missing",
    "figures_changed",
    "wire_credited",
)


class Pickup(SQLModel, table=True):
    """An outlet article that is a pickup of a stored wire story (the pickup decision), with the
    figures of their comparison (wire as base) copied out, so that outlet profiles are SQL
    aggregates over columns and never a comparison run again. One row per (outlet, wire) pair."""

    __tablename__ = "pickup"
    __table_args__ = (
        UniqueConstraint("outlet_article_id", "wire_article_id"),  # also the index by outlet article
        # Profiles: one outlet over a range of dates. Every column a profile aggregates follows, so
        # that its queries read this index alone (a covering index: no row lookup per pickup). In
        # week order, and by delay within a week: weekly sums and weekly delay percentiles (ranks
        # read in order, app.crud.delay_percentiles) need no sort.
        Index(
            "ix_pickup_outlet_source_found_week",
            "outlet_source",
            "found_week",
            "delay_seconds",
            "found_at",
            *PROFILED_COLUMNS,
        ),
        # delays in order for a whole range's percentiles
        Index("ix_pickup_outlet_source_delay_seconds", "outlet_source", "delay_seconds", "found_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    outlet_article_id: int = Field(
        sa_column=Column(Integer, ForeignKey("article.id", ondelete="CASCADE"), nullable=False)
    )
    wire_article_id: int = Field(
        sa_column=Column(Integer, ForeignKey("article.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    outlet_source: str = Field(max_length=200)  # indexed first in (outlet_source, found_week, found_at)
    wire_source: str = Field(max_length=200, index=True)
    wire_agency: str | None = Field(default=None, max_length=200, description="The agency credited.")
    verdict: str = Field(max_length=16)
    probability: float | None = None
    found_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False, index=True))
    found_week: date = Field(
        sa_column=Column(Date, nullable=False),
        description="The Monday of found_at's week (UTC): profiles' weeks, without a date function per row.",
    )
    outlet_published_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime))
    wire_published_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime))
    delay_seconds: float | None = None
    #: body sentences: the wire's, and how many of them the outlet kept, reworded, dropped
    wire_sentences: int
    kept: int
    reworded: int
    dropped: int
    #: body sentences: the outlet's, and how many of them are added (not from the wire)
    other_sentences: int
    added: int
    base_retained: float
    own_share: float = Field(description="Share of the outlet's body text not from the wire.")
    credit_dropped: bool
    quotes_intact: int
    quotes_altered: int
    quotes_missing: int
    figures_changed: int
    findings: list[Any] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    #: Whether the wire's text credits an agency (its comparison's ``base_credits``): only then
    #: is there a credit to keep or drop. Rows recorded before migration 0011 are true (credit
    #: kept meant "not dropped") until ``wirediff pickups backfill`` records them again.
    wire_credited: bool = Field(
        default=True, sa_column=Column(Boolean, nullable=False, server_default=true())
    )


class PickupTerm(SQLModel, table=True):
    """A word the outlet put in place of the wire's in one pickup: a substitution, or a changed
    reporting verb ("said" -> "claimed"); goes with its pickup."""

    __tablename__ = "pickup_term"
    __table_args__ = (
        Index("ix_pickup_term_kind_base_other", "kind", "base", "other"),
        # profiles' top terms of one outlet over a range of dates, from this index alone and
        # already grouped
        Index(
            "ix_pickup_term_outlet_source_kind_base",
            "outlet_source",
            "kind",
            "base",
            "other",
            "found_at",
            "count",
            "pickup_id",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    pickup_id: int = Field(
        sa_column=Column(Integer, ForeignKey("pickup.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    #: the pickup's outlet and when it was found, copied: profiles filter terms without a join
    outlet_source: str = Field(max_length=200)
    found_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    kind: str = Field(max_length=16, description='"substitution" or "reporting_verb"')
    base: str = Field(max_length=200)
    other: str = Field(max_length=200)
    count: int


# --- watching outlets, alerts (app/services/watch*.py, alerts.py, webhooks.py) --------------------


class Watch(SQLModel, table=True):
    """A feed, news sitemap or single page polled for articles, with its polling state. The
    database is the schedule: ``next_poll_at`` says when it is due, ``claimed_until`` that a
    worker holds it (a dead worker's claim runs out and another redoes the poll)."""

    __tablename__ = "watch"

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=16)
    url: str = Field(max_length=2048)
    url_hash: str = Field(max_length=64, unique=True)
    source: str = Field(max_length=200, index=True)
    active: bool = True
    created_at: datetime = Field(default_factory=utc_now, sa_column=Column(UTCDateTime, nullable=False))
    etag: str | None = Field(default=None, max_length=512)
    last_modified: str | None = Field(default=None, max_length=128)
    last_polled_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime))
    last_status: int | None = None
    next_poll_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, index=True))
    claimed_until: datetime | None = Field(default=None, sa_column=Column(UTCDateTime))
    error_count: int = 0
    last_error: str | None = Field(default=None, sa_column=Column(Text))
    items: int = 0


class WatchedPage(SQLModel, table=True):
    """An article URL found by a watch (or the watched page itself), polled on a schedule that
    slows as it ages; ``fingerprint`` is its last text's, ``article_id`` its latest version.
    ``watch_id`` is the watch whose source its versions are stored under (the first to list it);
    every watch that lists it is in :class:`WatchedPageWatch`, and it is polled while any of
    them is active."""

    __tablename__ = "watched_page"

    id: int | None = Field(default=None, primary_key=True)
    watch_id: int = Field(
        sa_column=Column(Integer, ForeignKey("watch.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    url: str = Field(max_length=2048)
    url_hash: str = Field(max_length=64, unique=True)
    source: str = Field(max_length=200)
    first_seen_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    published_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime))
    polls: int = 0
    versions: int = 0
    last_polled_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime))
    last_status: int | None = None
    next_poll_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, index=True))
    claimed_until: datetime | None = Field(default=None, sa_column=Column(UTCDateTime))
    error_count: int = 0
    last_error: str | None = Field(default=None, sa_column=Column(Text))
    etag: str | None = Field(default=None, max_length=512)
    last_modified: str | None = Field(default=None, max_length=128)
    fingerprint: str | None = Field(default=None, max_length=64)
    article_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("article.id", ondelete="SET NULL"))
    )


class WatchedPageWatch(SQLModel, table=True):
    """A watch that lists a page: one URL in two feeds (a section's and the front page's, an
    aggregator's) is one page, polled once, for as long as either watch is active."""

    __tablename__ = "watched_page_watch"

    page_id: int = Field(
        sa_column=Column(Integer, ForeignKey("watched_page.id", ondelete="CASCADE"), primary_key=True)
    )
    watch_id: int = Field(
        sa_column=Column(Integer, ForeignKey("watch.id", ondelete="CASCADE"), primary_key=True, index=True)
    )


class WatchHost(SQLModel, table=True):
    """Per host: the earliest the next request may start (the pace every worker keeps) and its
    robots.txt, kept a day."""

    __tablename__ = "watch_host"

    host: str = Field(primary_key=True, max_length=300)
    next_request_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    robots_txt: str | None = Field(default=None, sa_column=Column(Text))
    robots_fetched_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime))


class WatchHostSlot(SQLModel, table=True):
    """One of a host's WIREDIFF_WATCH_HOST_CONCURRENCY request slots, held until a time: a
    worker killed while holding one frees it when that time passes."""

    __tablename__ = "watch_host_slot"

    host: str = Field(primary_key=True, max_length=300)
    slot: int = Field(primary_key=True)
    held_until: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))


class AlertRule(SQLModel, table=True):
    """Which events alert whom: events and sources to match, and where to deliver."""

    __tablename__ = "alert_rule"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200)
    events: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    sources: list[str] | None = Field(default=None, sa_column=Column(JSON))
    min_change_share: float = 0.0
    terms: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    webhook_url: str | None = Field(default=None, max_length=2048)
    webhook_secret: str | None = Field(default=None, max_length=200)
    apprise_urls: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    active: bool = True
    created_at: datetime = Field(default_factory=utc_now, sa_column=Column(UTCDateTime, nullable=False))


class Alert(SQLModel, table=True):
    """An event that matched a rule: once per (rule, key), however often the work is redone."""

    __tablename__ = "alert"
    __table_args__ = (UniqueConstraint("rule_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    rule_id: int = Field(
        sa_column=Column(Integer, ForeignKey("alert_rule.id", ondelete="CASCADE"), nullable=False)
    )
    key: str = Field(max_length=200)
    event: str = Field(max_length=32)
    article_id: int = Field(
        sa_column=Column(Integer, ForeignKey("article.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    base_article_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("article.id", ondelete="CASCADE"))
    )
    source: str = Field(max_length=200)
    comparison_url: str | None = Field(default=None, max_length=2048)
    findings: list[Any] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False, index=True))


class Delivery(SQLModel, table=True):
    """One alert to one channel (a webhook, an apprise URL), retried with backoff until delivered
    or failed."""

    __tablename__ = "delivery"
    __table_args__ = (UniqueConstraint("alert_id", "channel", "target"),)

    id: int | None = Field(default=None, primary_key=True)
    alert_id: int = Field(
        sa_column=Column(Integer, ForeignKey("alert.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    channel: str = Field(max_length=16)
    target: str = Field(max_length=2048)
    status: str = Field(default="pending", max_length=16, index=True)
    attempts: int = 0
    next_attempt_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, index=True))
    claimed_until: datetime | None = Field(default=None, sa_column=Column(UTCDateTime))
    last_error: str | None = Field(default=None, sa_column=Column(Text))
    delivered_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime))
    created_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))


class DeliveryAttempt(SQLModel, table=True):
    """One try of a delivery: what the receiver answered, or why it could not be reached."""

    __tablename__ = "delivery_attempt"

    id: int | None = Field(default=None, primary_key=True)
    delivery_id: int = Field(
        sa_column=Column(Integer, ForeignKey("delivery.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    attempted_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    status_code: int | None = None
    error: str | None = Field(default=None, sa_column=Column(Text))
    duration_ms: float = 0.0
