"""Every database query, as keyword-only functions over a :class:`~sqlmodel.Session`."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from datetime import datetime
from itertools import count
from typing import Any

from sqlalchemy import Dialect, Engine, bindparam, delete, insert
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import defer
from sqlmodel import Session, col, func, or_, select

from app.models import Article, ArticleBand, ArticleHtml, ArticleRevision, CachedComparison
from app.schemas import ArticleCreate

__all__ = [
    "articles_after",
    "band_keys_of_article",
    "count_articles",
    "count_band_keys",
    "create_article",
    "delete_article",
    "find_article",
    "find_cached_comparison",
    "find_candidates",
    "get_article",
    "get_article_html",
    "get_articles",
    "get_cached_comparison",
    "get_cached_comparisons",
    "get_revision",
    "list_articles",
    "list_sources",
    "list_versions",
    "replace_band_keys",
    "save_comparison",
    "save_comparisons",
    "url_hash",
]


def get_article(*, session: Session, article_id: int) -> Article | None:
    return session.get(Article, article_id)


def find_article(*, session: Session, source: str, content_hash: str) -> Article | None:
    statement = select(Article).where(Article.source == source, Article.content_hash == content_hash)
    return session.exec(statement).first()


def count_articles(*, session: Session) -> int:
    return session.exec(select(func.count()).select_from(Article)).one()


#: Tries at a new version number when other writers store new texts for the same URL at once.
_VERSION_ATTEMPTS = 5


def create_article(
    *,
    session: Session,
    article_in: ArticleCreate,
    content_hash: str,
    title: str | None,
    language: str | None,
    band_keys: Sequence[int],
    html: str | None = None,
) -> tuple[Article, bool]:
    """Store a new article, or return the stored one with the same source and content hash.

    ``content_hash``, ``title``, ``language`` and ``band_keys`` are computed by the caller
    (:func:`app.services.articles.store_article`); ``html``: the page it was extracted from,
    kept beside a new article.

    A new article is stored in one transaction with its related-versions index entries
    (``band_keys``) and, when it has a URL, as that URL's next version.
    Returns ``(article, created)``. Two writers racing with the same article end with
    one row: the loser's insert hits the unique constraint and it returns the winner's.
    Two writers racing with new texts for one URL both store theirs, as consecutive versions.
    """
    digest = content_hash
    existing = find_article(session=session, source=article_in.source, content_hash=digest)
    if existing is not None:
        return existing, False
    for attempt in count(1):
        article = Article(
            source=article_in.source,
            title=title,
            url=article_in.url,
            published_at=article_in.published_at,
            author=article_in.author,
            language=language,
            text=article_in.text,
            content_hash=digest,
        )
        session.add(article)
        try:
            session.flush()  # the new id, for the index entries and the revision
            assert article.id is not None
            _insert_band_keys(session, article.id, band_keys)
            if html is not None:
                session.add(ArticleHtml(article_id=article.id, html=html))
            if article_in.url is not None:
                _add_revision(session, article.id, article_in.url)
            session.commit()
        except IntegrityError:
            session.rollback()
            existing = find_article(session=session, source=article_in.source, content_hash=digest)
            if existing is not None:
                return existing, False
            if article_in.url is None or attempt == _VERSION_ATTEMPTS:
                raise
            continue  # another version of this URL took the number: take the next one
        session.refresh(article)
        return article, True
    raise AssertionError("unreachable")


def list_articles(
    *,
    session: Session,
    source: str | None = None,
    q: str | None = None,
    published_since: datetime | None = None,
    published_until: datetime | None = None,
    limit: int = 20,
    offset: int = 0,
) -> tuple[list[Article], int]:
    """A page of articles (oldest id first, texts not loaded) and how many match in all.

    ``q``: every word must occur, in any case, in the title or the text.
    """
    conditions = []
    if source is not None:
        conditions.append(col(Article.source) == source)
    for word in (q or "").split():
        pattern = word.lower()
        conditions.append(
            or_(
                func.lower(col(Article.title)).contains(pattern, autoescape=True),
                func.lower(col(Article.text)).contains(pattern, autoescape=True),
            )
        )
    if published_since is not None:
        conditions.append(col(Article.published_at) >= published_since)
    if published_until is not None:
        conditions.append(col(Article.published_at) <= published_until)
    total = session.exec(select(func.count()).select_from(Article).where(*conditions)).one()
    page = session.exec(
        select(Article)
        .where(*conditions)
        .options(defer(Article.text))  # type: ignore[arg-type]
        .order_by(col(Article.id))
        .limit(limit)
        .offset(offset)
    ).all()
    return list(page), total


def get_article_html(*, session: Session, article_id: int) -> str | None:
    """The page an article was extracted from, when it was kept."""
    kept = session.get(ArticleHtml, article_id)
    return kept.html if kept is not None else None


def list_sources(*, session: Session) -> list[str]:
    """Every source with a stored article, in alphabetical order (the dashboard's filter)."""
    return list(session.exec(select(Article.source).distinct().order_by(col(Article.source))).all())


def delete_article(*, session: Session, article: Article) -> None:
    """Delete an article; the database drops its cached comparisons (ON DELETE CASCADE)."""
    session.delete(article)
    session.commit()


def get_cached_comparison(
    *, session: Session, base_id: int, other_id: int, engine_version: str
) -> CachedComparison | None:
    return session.get(CachedComparison, (base_id, other_id, engine_version))


#: The cached-comparison lookup compiled for each dialect (see :func:`find_cached_comparison`).
_LOOKUPS: dict[tuple[str, str, bool], tuple[str, list[str] | None]] = {}


def _lookup_statement(dialect: Dialect, with_body: bool) -> tuple[str, list[str] | None]:
    """The cached-comparison lookup in ``dialect``'s SQL and, for a positional parameter style, the
    order of its parameters."""
    key = (dialect.name, str(dialect.paramstyle), with_body)
    if key not in _LOOKUPS:
        table = CachedComparison.__table__  # type: ignore[attr-defined]
        columns = [table.c.etag, table.c.body] if with_body else [table.c.etag]
        statement = select(*columns).where(
            table.c.base_id == bindparam("base_id"),
            table.c.other_id == bindparam("other_id"),
            table.c.engine_version == bindparam("engine_version"),
        )
        compiled = statement.compile(dialect=dialect)
        _LOOKUPS[key] = (str(compiled), list(compiled.positiontup or []) if compiled.positional else None)
    return _LOOKUPS[key]


def find_cached_comparison(
    *, engine: Engine, base_id: int, other_id: int, engine_version: str, with_body: bool = True
) -> tuple[str, bytes | None] | None:
    """A cached comparison's ETag and (``with_body``) body, or None: one primary-key lookup.

    The cached read's only query, so it skips what it does not need: no session, and the
    statement compiled once and run on a pooled connection through the driver (SQLAlchemy's
    execution of it cost three times the lookup: 47 against 15 µs on SQLite). A driver error is
    raised as SQLAlchemy's, so an outage is the ``OperationalError`` it is everywhere else."""
    sql, order = _lookup_statement(engine.dialect, with_body)
    values = {"base_id": base_id, "other_id": other_id, "engine_version": engine_version}
    params: Any = [values[name] for name in order] if order is not None else values
    driver_error = engine.dialect.loaded_dbapi.Error
    try:
        connection = engine.raw_connection()
        try:
            cursor = connection.cursor()
            try:
                cursor.execute(sql, params)
                row = cursor.fetchone()
            finally:
                cursor.close()
        finally:
            connection.close()
    except driver_error as error:
        raise DBAPIError.instance(sql, params, error, driver_error) from error
    if row is None:
        return None
    return str(row[0]), bytes(row[1]) if with_body else None


def cached_comparison_bytes(*, session: Session) -> int:
    """The bytes of every cached comparison's body."""
    total = session.exec(select(func.coalesce(func.sum(func.length(CachedComparison.body)), 0))).one()
    return int(total)


def save_comparison(
    *, session: Session, base_id: int, other_id: int, engine_version: str, body: bytes, etag: str
) -> CachedComparison:
    """Cache a comparison; when another request cached it first, theirs is kept and returned."""
    row = CachedComparison(
        base_id=base_id, other_id=other_id, engine_version=engine_version, body=body, etag=etag
    )
    session.add(row)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        existing = get_cached_comparison(
            session=session, base_id=base_id, other_id=other_id, engine_version=engine_version
        )
        return existing if existing is not None else row
    return row


# --- the related-versions index and revisions ------------------------------------------------


def url_hash(url: str) -> str:
    """SHA-256 of a URL, hex: the key of its versions (URLs are too long to index on every database).

    >>> url_hash("https://example.com/a")[:12]
    '2dce0a4c5044'
    """
    return hashlib.sha256(url.encode()).hexdigest()


def _insert_band_keys(session: Session, article_id: int, keys: Sequence[int]) -> None:
    if keys:
        session.exec(
            insert(ArticleBand), params=[{"band_key": key, "article_id": article_id} for key in keys]
        )


def _add_revision(session: Session, article_id: int, url: str) -> None:
    digest = url_hash(url)
    latest = session.exec(
        select(func.max(ArticleRevision.version)).where(ArticleRevision.url_hash == digest)
    ).one()
    session.add(ArticleRevision(article_id=article_id, url_hash=digest, version=(latest or 0) + 1))
    session.flush()


def replace_band_keys(*, session: Session, keys_by_article: Mapping[int, Sequence[int]]) -> None:
    """Articles' index entries made anew (``wirediff reindex``), a batch in one transaction."""
    session.exec(delete(ArticleBand).where(col(ArticleBand.article_id).in_(list(keys_by_article))))
    for article_id, keys in keys_by_article.items():
        _insert_band_keys(session, article_id, keys)
    session.commit()


def band_keys_of_article(*, session: Session, article_id: int) -> list[int]:
    statement = select(ArticleBand.band_key).where(ArticleBand.article_id == article_id)
    return list(session.exec(statement).all())


def find_candidates(
    *, session: Session, article_id: int, keys: Sequence[int], min_shared: int, limit: int
) -> list[tuple[int, int]]:
    """Other articles holding at least ``min_shared`` of ``keys``, as ``(article id, keys shared)``,
    most shared first (then oldest id), at most ``limit``: index lookups only, no scan."""
    if not keys:
        return []
    shared = func.count().label("shared")
    statement = (
        select(ArticleBand.article_id, shared)
        .where(col(ArticleBand.band_key).in_(keys), ArticleBand.article_id != article_id)
        .group_by(col(ArticleBand.article_id))
        .having(func.count() >= min_shared)
        .order_by(shared.desc(), col(ArticleBand.article_id))
        .limit(limit)
    )
    return [(row[0], row[1]) for row in session.exec(statement).all()]


def count_band_keys(*, session: Session, article_ids: Sequence[int]) -> dict[int, int]:
    """How many index keys each of these articles has (index lookups by article)."""
    if not article_ids:
        return {}
    statement = (
        select(ArticleBand.article_id, func.count())
        .where(col(ArticleBand.article_id).in_(article_ids))
        .group_by(col(ArticleBand.article_id))
    )
    return dict(session.exec(statement).all())


def get_cached_comparisons(
    *, session: Session, base_id: int, other_ids: Sequence[int], engine_version: str
) -> dict[int, CachedComparison]:
    """The cached comparisons of ``base_id`` with these articles, by other id."""
    if not other_ids:
        return {}
    statement = select(CachedComparison).where(
        CachedComparison.base_id == base_id,
        col(CachedComparison.other_id).in_(other_ids),
        CachedComparison.engine_version == engine_version,
    )
    return {row.other_id: row for row in session.exec(statement).all()}


def save_comparisons(*, session: Session, rows: Sequence[CachedComparison]) -> None:
    """Cache several comparisons in one transaction; when others cached some first, theirs are kept."""
    if not rows:
        return
    session.add_all(rows)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        for row in rows:
            save_comparison(
                session=session,
                base_id=row.base_id,
                other_id=row.other_id,
                engine_version=row.engine_version,
                body=row.body,
                etag=row.etag,
            )


def get_articles(*, session: Session, article_ids: Sequence[int]) -> dict[int, Article]:
    """The stored ones of these articles, by id."""
    if not article_ids:
        return {}
    found = session.exec(select(Article).where(col(Article.id).in_(article_ids))).all()
    return {article.id: article for article in found if article.id is not None}


def articles_after(*, session: Session, after_id: int, limit: int) -> list[Article]:
    """Up to ``limit`` articles with ids above ``after_id``, oldest first: every article, a batch at
    a time, without an OFFSET that grows with the table."""
    statement = select(Article).where(col(Article.id) > after_id).order_by(col(Article.id)).limit(limit)
    return list(session.exec(statement).all())


def get_revision(*, session: Session, article_id: int) -> ArticleRevision | None:
    return session.get(ArticleRevision, article_id)


def list_versions(*, session: Session, url_hash: str) -> list[tuple[Article, int]]:
    """Every stored version of a URL, as ``(article, version)``, oldest first (texts not loaded)."""
    statement = (
        select(Article, ArticleRevision.version)
        .join(ArticleRevision, col(ArticleRevision.article_id) == col(Article.id))
        .where(ArticleRevision.url_hash == url_hash)
        .options(defer(Article.text))  # type: ignore[arg-type]
        .order_by(col(ArticleRevision.version))
    )
    return [(article, version) for article, version in session.exec(statement).all()]
