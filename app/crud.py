"""Every database query, as keyword-only functions over a :class:`~sqlmodel.Session`."""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import defer
from sqlmodel import Session, col, func, or_, select

from app.engine.compare import prepare
from app.engine.text import normalize
from app.models import Article, ArticleCreate, CachedComparison

__all__ = [
    "content_hash",
    "count_articles",
    "create_article",
    "delete_article",
    "find_article",
    "get_article",
    "get_cached_comparison",
    "list_articles",
    "list_sources",
    "save_comparison",
]


#: The title column's width (a detected title is cut to it; a posted one is validated against it).
TITLE_MAX_CHARS = 500


def _clip(text: str | None, limit: int) -> str | None:
    return text if text is None or len(text) <= limit else text[: limit - 1] + "\u2026"


def content_hash(text: str) -> str:
    """SHA-256 of the normalised text: quote styles, dashes and spacing do not make a new version.

    >>> content_hash("“Ceasefire” now") == content_hash('"Ceasefire"   now')
    True
    """
    return hashlib.sha256(normalize(text).encode()).hexdigest()


def get_article(*, session: Session, article_id: int) -> Article | None:
    return session.get(Article, article_id)


def find_article(*, session: Session, source: str, content_hash: str) -> Article | None:
    statement = select(Article).where(Article.source == source, Article.content_hash == content_hash)
    return session.exec(statement).first()


def count_articles(*, session: Session) -> int:
    return session.exec(select(func.count()).select_from(Article)).one()


def create_article(*, session: Session, article_in: ArticleCreate) -> tuple[Article, bool]:
    """Store a new article, or return the stored one with the same source and content hash.

    Returns ``(article, created)``. Two writers racing with the same article end with
    one row: the loser's insert hits the unique constraint and it returns the winner's.
    """
    digest = content_hash(article_in.text)
    existing = find_article(session=session, source=article_in.source, content_hash=digest)
    if existing is not None:
        return existing, False
    prepared = prepare(article_in.text)
    article = Article(
        source=article_in.source,
        title=article_in.title or _clip(prepared.document.title, TITLE_MAX_CHARS),
        url=article_in.url,
        published_at=article_in.published_at,
        language=prepared.language,
        text=article_in.text,
        content_hash=digest,
    )
    session.add(article)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        existing = find_article(session=session, source=article_in.source, content_hash=digest)
        if existing is None:
            raise
        return existing, False
    session.refresh(article)
    return article, True


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
