"""Every database query, as keyword-only functions over a :class:`~sqlmodel.Session`."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from functools import cache
from itertools import count
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, TypeVar

from sqlalchemy import (
    ARRAY,
    BigInteger,
    CursorResult,
    Date,
    Dialect,
    Engine,
    Integer,
    String,
    Table,
    any_,
    bindparam,
    case,
    cast,
    delete,
    exists,
    insert,
    literal,
    text,
    tuple_,
    union_all,
    update,
)
from sqlalchemy import inspect as sa_inspect
from sqlalchemy import select as sql_select
from sqlalchemy.dialects import sqlite
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import defer
from sqlmodel import Session, and_, col, func, or_, select

from app.models import (
    Alert,
    AlertRule,
    Article,
    ArticleBand,
    ArticleHtml,
    ArticleRevision,
    CachedComparison,
    Delivery,
    DeliveryAttempt,
    Pickup,
    PickupTerm,
    Watch,
    WatchedPage,
    WatchedPageWatch,
    WatchHost,
    WatchHostSlot,
    utc_now,
)
from app.urls import same_page

if TYPE_CHECKING:  # a type only: crud stays below the schemas, which know the engine's options
    from app.schemas import ArticleCreate

__all__ = [
    "PickupFilter",
    "SharedKeys",
    "article_ids_after",
    "articles_before",
    "band_keys_of_article",
    "count_articles",
    "count_key_holders",
    "count_shared_keys",
    "create_article",
    "delay_bin_counts",
    "delay_percentiles",
    "delete_article",
    "find_article",
    "find_cached_comparison",
    "find_candidates",
    "forget_pickups",
    "get_article",
    "get_article_html",
    "get_articles",
    "get_cached_comparison",
    "get_cached_comparisons",
    "get_pickups",
    "get_revision",
    "keys_held",
    "list_articles",
    "list_outlets",
    "list_pickups",
    "list_pickups_of_wire",
    "list_sources",
    "list_versions",
    "pickup_agencies",
    "replace_band_keys",
    "sample_key_holders",
    "save_comparison",
    "save_comparisons",
    "save_pickup",
    "terms_of_pickups",
    "top_pickup_terms",
    "url_hash",
    "version_key",
    "weekly_pickup_sums",
    "with_topic_pickups",
]


def get_article(*, session: Session, article_id: int) -> Article | None:
    return session.get(Article, article_id)


def find_article(*, session: Session, source: str, content_hash: str) -> Article | None:
    """The stored article of this source and text, read whole in one statement (a row found by id,
    then read, could be deleted in between)."""
    return session.scalars(_EXISTING_ARTICLE, {"source": source, "content_hash": content_hash}).first()


def count_articles(*, session: Session) -> int:
    return session.exec(select(func.count()).select_from(Article)).one()


#: Tries at storing an article while other writers store new texts for the same URL, or store
#: and delete the same article, at once: each lost try means another writer committed meanwhile.
_STORE_ATTEMPTS = 5


def create_article(
    *,
    session: Session,
    article_in: ArticleCreate,
    content_hash: str,
    title: str | None,
    language: str | None,
    band_keys: Sequence[int],
    prepared: Mapping[str, Any] | None = None,
    html: str | None = None,
) -> tuple[Article, bool]:
    """Store a new article, or return the stored one with the same source and content hash.

    ``content_hash``, ``title``, ``language``, ``band_keys`` and ``prepared`` (the engine's
    preparation of the text) are computed by the caller
    (:func:`app.services.articles.store_article`); ``html``: the page it was extracted from,
    kept beside a new article.

    A new article is stored in one transaction with its related-versions index entries
    (``band_keys``) and, when it has a URL, as that URL's next version.
    Returns ``(article, created)``. Two writers racing with the same article end with
    one row: the loser's insert hits the unique constraint and it returns the winner's.
    Two writers racing with new texts for one URL both store theirs, as consecutive versions.
    A writer racing a delete of the same article stores it anew or returns it as it was read:
    the lookup reads the whole row in one statement (a row found by id, then read, could be gone
    in between), and an insert that lost to a row deleted since is tried again.
    Raises :class:`~sqlalchemy.exc.IntegrityError` only when others kept winning for
    ``_STORE_ATTEMPTS`` attempts.
    """
    digest = content_hash
    row = {
        "source": article_in.source,
        "title": title,
        "url": article_in.url,
        "published_at": article_in.published_at,
        "author": article_in.author,
        "language": language,
        "text": article_in.text,
        "content_hash": digest,
        "created_at": utc_now(),
        "prepared": prepared,
    }
    for attempt in count(1):
        existing = find_article(session=session, source=article_in.source, content_hash=digest)
        if existing is not None:
            if html is not None:
                try:
                    _keep_html(session, existing, html)
                except IntegrityError:  # deleted, or its page kept, meanwhile: look again
                    session.rollback()
                    if attempt == _STORE_ATTEMPTS:
                        raise
                    continue
            return existing, False
        try:
            # The row comes back as the database stored it (RETURNING): no flush, and no refresh
            # after the commit.
            article = session.scalars(_INSERT_ARTICLE, [row]).one()
            assert article.id is not None
            _insert_band_keys(session, article.id, band_keys)
            if html is not None:
                session.connection().execute(_INSERT_HTML, {"article_id": article.id, "html": html})
            if article_in.url is not None:
                _add_revision(session, article.id, article_in.url)
            session.expunge(article)  # kept out of the commit's expiry, so it needs no reload
            session.commit()
        except IntegrityError:
            session.rollback()
            if attempt == _STORE_ATTEMPTS:
                raise
            # another writer stored the article (the lookup returns it, unless it was deleted
            # since), or took this URL's next version number: look again, then take the next one
            continue
        session.add(article)
        return article, True
    raise AssertionError("unreachable")


def _keep_html(session: Session, article: Article, html: str) -> None:
    """Keep ``html`` as the page of a stored article that has none kept (one that has keeps its
    own: the same article posted again changes nothing), in a transaction of its own. Raises
    :class:`~sqlalchemy.exc.IntegrityError` when a writer deleted the article, or kept its page,
    meanwhile."""
    session.expunge(article)  # kept out of the commit's expiry, as a new article is
    session.connection().execute(_KEEP_HTML, {"article_id": article.id, "html": html})
    session.commit()
    session.add(article)


ArticleOrder = Literal["id", "newest", "oldest", "title", "source"]


def _in_code_point_order(session: Session, column: Any) -> Any:
    """``column`` compared code point by code point, as SQLite's BINARY collation compares text.

    PostgreSQL would compare by the database's collation: under en_US.UTF-8 or an ICU locale,
    "afp" beside "AFP" and "Ärzte" among the A's, where SQLite puts every capital before every
    small letter and "Ä" after "z"; the same rows would come in another order, and pages of a
    list would hold other rows, on the two databases. "C" is the one collation every PostgreSQL
    has that compares so; ``lower()`` under it folds A-Z only, as SQLite's does."""
    if session.get_bind().dialect.name == "postgresql":
        return column.collate("C")
    return column


def _article_order(session: Session, order: ArticleOrder) -> tuple[Any, ...]:
    if order == "newest":
        return (col(Article.published_at).desc().nulls_last(), col(Article.id).desc())
    if order == "oldest":
        return (col(Article.published_at).asc().nulls_last(), col(Article.id))
    if order == "title":
        title = func.lower(_in_code_point_order(session, col(Article.title)))
        return (title.asc().nulls_last(), col(Article.id))
    if order == "source":
        return (
            _in_code_point_order(session, col(Article.source)),
            col(Article.published_at).desc().nulls_last(),
            col(Article.id).desc(),
        )
    return (col(Article.id),)


def list_articles(
    *,
    session: Session,
    source: str | None = None,
    words: Sequence[str] = (),
    published_since: datetime | None = None,
    published_until: datetime | None = None,
    limit: int = 20,
    offset: int = 0,
    order: ArticleOrder = "id",
) -> tuple[list[Article], int]:
    """A page of articles (oldest id first unless ``order`` says otherwise, texts not loaded)
    and how many match in all.

    ``words`` (:func:`app.schemas.search_terms`): every one must begin a word of the title or the
    text, in any case, found in the full-text index (migration 0006). ``order``: "newest" and
    "oldest" by publication date (undated last, then newest stored first), "title" (A-Z folded
    to a-z, then by code point; untitled last), "source" (by code point): one order on every
    database (:func:`_in_code_point_order`).
    """
    conditions = []
    if source is not None:
        conditions.append(col(Article.source) == source)
    if words:
        conditions.append(_full_text_match(session, words))
    if published_since is not None:
        conditions.append(col(Article.published_at) >= published_since)
    if published_until is not None:
        conditions.append(col(Article.published_at) <= published_until)
    statement = (
        sql_select(Article)
        .where(*conditions)
        .options(defer(Article.text), defer(Article.prepared))  # type: ignore[arg-type]
        .order_by(*_article_order(session, order))
    )
    return _page_and_count(session, statement, limit=limit, offset=offset)


def _page_and_count(session: Session, statement: Any, *, limit: int, offset: int) -> tuple[list[Any], int]:
    """A page of ``statement``'s rows (a select of one table, ordered) and how many there are in
    all, both read from one snapshot of the database (:func:`_one_snapshot`): read apart, a row
    stored or deleted between the two was counted and not listed, or listed and not counted.
    (``count(*) OVER ()`` beside the page would read one snapshot too, but holds every matching
    row before the first is returned: seven times as long as the two reads over 200,000 articles.)"""
    _one_snapshot(session)
    counted = select(func.count()).select_from(statement.order_by(None).subquery())
    total = session.exec(counted).one()
    rows = session.exec(statement.limit(limit).offset(offset)).all()
    return [row[0] for row in rows], total


def _one_snapshot(session: Session) -> None:
    """Begin the session's transaction so that every read in it sees one snapshot: PostgreSQL's
    REPEATABLE READ (READ COMMITTED gives each statement its own), SQLite's BEGIN (Python's driver
    begins none before a read, and each read outside one is its own). A transaction already begun
    is left as it is: on PostgreSQL one begun by an earlier read keeps its isolation level."""
    if session.get_bind().dialect.name == "postgresql":
        if not session.in_transaction():
            session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        return
    connection = session.connection()
    # the session's transaction may have begun on an earlier read, the driver's not
    if not connection.connection.driver_connection.in_transaction:  # type: ignore[union-attr]
        connection.exec_driver_sql("BEGIN")


def _full_text_match(session: Session, words: Sequence[str]) -> Any:
    """Each word a quoted prefix term, every one needed: quoting keeps any character a word may hold
    out of the query syntax (FTS5 doubles ``"``, tsquery doubles ``'``)."""
    if session.get_bind().dialect.name == "sqlite":
        query = " ".join('"' + word.replace('"', '""') + '"*' for word in words)
        return col(Article.id).in_(
            text("SELECT rowid FROM article_search WHERE article_search MATCH :search").bindparams(
                search=query
            )
        )
    query = " & ".join("'" + word.replace("'", "''").replace("\\", "\\\\") + "':*" for word in words)
    # the expression of the GIN index ix_article_search_folded (migration 0008), word for word
    return text(
        "to_tsvector('simple', replace(coalesce(article.title, '') || ' ' || article.text, 'İ', 'i')) "
        "@@ to_tsquery('simple', :search)"
    ).bindparams(search=query)


def search_folds_ascii_only(*, session: Session) -> bool:
    """Whether the full-text search folds the case of A-Z only: a PostgreSQL database whose
    character type is ``C`` or ``POSIX`` under the C library's locales (no ICU), whose ``lower()``
    and ``to_tsvector`` leave other letters as they are: "État" is indexed as written, and no
    search finds it (a query's words are folded first). SQLite's index folds every letter.
    (``datlocprovider`` is read through JSON: PostgreSQL before 15 has no such column and only the
    C library's locales.)"""
    if session.get_bind().dialect.name != "postgresql":
        return False
    statement = text(
        "SELECT to_jsonb(d) ->> 'datlocprovider', d.datctype FROM pg_database d "
        "WHERE d.datname = current_database()"
    )
    provider, ctype = session.connection().execute(statement).one()
    return provider in (None, "c") and ctype in ("C", "POSIX")


def get_article_html(*, session: Session, article_id: int) -> str | None:
    """The page an article was extracted from, when it was kept."""
    kept = session.get(ArticleHtml, article_id)
    return kept.html if kept is not None else None


def list_sources(*, session: Session) -> list[str]:
    """Every source with a stored article, by code point (the dashboard's filter)."""
    source = _in_code_point_order(session, col(Article.source))
    # grouped, not DISTINCT: PostgreSQL orders DISTINCT rows only by what is selected
    return list(session.exec(select(Article.source).group_by(col(Article.source)).order_by(source)).all())


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


def version_key(url: str) -> str:
    """The key of a URL's versions: :func:`url_hash` of the page it names
    (:func:`app.urls.same_page`), so that a link with a fragment, a tracking parameter or a host
    in capitals adds to the page's versions instead of starting them again.

    >>> version_key("https://Example.com/a?utm_source=x#top") == version_key("https://example.com/a")
    True
    """
    return url_hash(same_page(url))


# The index is read and written through the tables, not the ORM: about 180 rows an article, where
# the ORM's bulk insert and row handling cost more than the database's own work.
_BAND: Any = ArticleBand.__table__  # type: ignore[attr-defined]
_REVISION: Any = ArticleRevision.__table__  # type: ignore[attr-defined]
_ARTICLE: Any = Article.__table__  # type: ignore[attr-defined]
_HTML: Any = ArticleHtml.__table__  # type: ignore[attr-defined]
# Storing's statements, built once: a statement built per call spends longer on SQLAlchemy's
# cache key than the database spends running it.
_EXISTING_ARTICLE = select(Article).where(
    col(Article.source) == bindparam("source"), col(Article.content_hash) == bindparam("content_hash")
)
_INSERT_ARTICLE = insert(Article).returning(Article)
_INSERT_HTML = _HTML.insert()
#: A page kept for a stored article unless it has one (two writers at once: one wins, the other's
#: insert breaks the primary key and it looks again).
_KEEP_HTML = _HTML.insert().from_select(
    ["article_id", "html"],
    sql_select(
        bindparam("article_id", type_=Integer),
        bindparam("html", type_=_HTML.c.html.type),
    ).where(~exists().where(_HTML.c.article_id == bindparam("article_id", type_=Integer))),
)
_SET_PREPARED = (
    _ARTICLE.update()
    .where(_ARTICLE.c.id == bindparam("article_id", type_=Integer))
    .values(prepared=bindparam("preparation", type_=_ARTICLE.c.prepared.type))
)
_URL_HASH = bindparam("url_hash", type_=_REVISION.c.url_hash.type)
_NEXT_REVISION = _REVISION.insert().from_select(
    ["article_id", "url_hash", "version"],
    sql_select(
        bindparam("article_id", type_=Integer),
        _URL_HASH,
        func.coalesce(func.max(_REVISION.c.version), 0) + 1,
    ).where(_REVISION.c.url_hash == _URL_HASH),
)
#: The index insert compiled for each dialect, and whether its parameters are positional.
_BAND_INSERTS: dict[tuple[str, str], tuple[str, bool]] = {}


def _insert_band_keys(session: Session, article_id: int, keys: Sequence[int]) -> None:
    """One executemany through the driver: a core insert spends as long again turning 180
    parameter dicts into rows (2.3 against 3.2 ms an article on SQLite, ORM 6 ms)."""
    if not keys:
        return
    connection = session.connection()
    dialect = connection.dialect
    cache_key = (dialect.name, str(dialect.paramstyle))
    if cache_key not in _BAND_INSERTS:
        compiled = _BAND.insert().compile(dialect=dialect)
        assert not compiled.positional or list(compiled.positiontup or []) == ["band_key", "article_id"]
        _BAND_INSERTS[cache_key] = (str(compiled), bool(compiled.positional))
    sql, positional = _BAND_INSERTS[cache_key]
    rows: Any = (
        [(key, article_id) for key in keys]
        if positional
        else [{"band_key": key, "article_id": article_id} for key in keys]
    )
    connection.exec_driver_sql(sql, rows)


def _add_revision(session: Session, article_id: int, url: str) -> None:
    """The URL's next version number, read and taken in one statement; a writer taking the same
    number at once hits the unique constraint (``create_article`` tries the next)."""
    session.connection().execute(_NEXT_REVISION, {"article_id": article_id, "url_hash": version_key(url)})


def has_band_keys_below(*, session: Session, key: int) -> bool:
    """Whether any article has an index key under ``key`` (one look at the primary key's start)."""
    found = session.exec(select(ArticleBand.band_key).where(col(ArticleBand.band_key) < key).limit(1)).first()
    return found is not None


def replace_band_keys(
    *,
    session: Session,
    keys_by_article: Mapping[int, Sequence[int]],
    prepared_by_article: Mapping[int, Mapping[str, Any]],
) -> None:
    """Articles' index entries and stored preparations made anew (``wirediff reindex``), a batch
    in one transaction; an article deleted since the batch was read is left out.

    The batch's rows are held first, in id order (PostgreSQL's ``FOR NO KEY UPDATE``): a second
    reindex at once waits for this one's commit, then replaces the entries it wrote, instead of
    adding the same entries beside them (its delete, read before they were committed, would miss
    them); a delete waits too, or was made before, and its article is left out. SQLite, which
    locks nothing here but has one writer at a time, may still see a delete made between the look
    and the writes: its entries' foreign key fails, and the batch is tried again."""

    def write() -> None:
        held = session.exec(
            select(Article.id)
            .where(col(Article.id).in_(sorted(keys_by_article)))
            .order_by(col(Article.id))
            .with_for_update(key_share=True)
        ).all()
        stored = {article_id for article_id in held if article_id is not None}
        session.exec(delete(ArticleBand).where(col(ArticleBand.article_id).in_(sorted(stored))))
        for article_id, keys in keys_by_article.items():
            if article_id in stored:
                _insert_band_keys(session, article_id, keys)
        preparations = [
            {"article_id": article_id, "preparation": prepared}
            for article_id, prepared in prepared_by_article.items()
            if article_id in stored
        ]
        if preparations:
            session.connection().execute(_SET_PREPARED, preparations)
        session.commit()

    _once_more_on_conflict(session, write)


_Written = TypeVar("_Written")


def _once_more_on_conflict(session: Session, write: Callable[[], _Written]) -> _Written:
    """``write()``, a transaction that starts by looking at what it writes over and ends with its
    commit, run once more when it breaks a constraint (a row another writer stored, or, on
    SQLite, where nothing is locked, an article deleted since the look): the second look sees
    them. A second conflict is raised, the session rolled back each time."""
    for last in (False, True):
        try:
            return write()
        except IntegrityError:
            session.rollback()
            if last:
                raise
    raise AssertionError("unreachable")


# The index's statements of a related query are built once for each database (by its dialect's
# name), every list and bound a named parameter: built anew on every call, each cost about 0.6 ms
# of CPU in building it and computing its cache key (3 to 5 ms of a related query at 100,000
# articles, BENCHMARKS.md "Related versions at scale").


_BAND_KEYS = sql_select(_BAND.c.band_key).where(_BAND.c.article_id == bindparam("article_id"))


def band_keys_of_article(*, session: Session, article_id: int) -> list[int]:
    return list(session.connection().execute(_BAND_KEYS, {"article_id": article_id}).scalars())


@cache
def _candidates_statement(dialect: str) -> Any:
    shared = func.count().label("shared")
    return (
        sql_select(_BAND.c.article_id, shared)
        .where(
            _one_of(dialect, _BAND.c.band_key, _list_parameter("keys", dialect, BigInteger)),
            _BAND.c.article_id != bindparam("article_id"),
        )
        .group_by(_BAND.c.article_id)
        .having(func.count() >= bindparam("min_shared"))
        .order_by(shared.desc(), _BAND.c.article_id)
        .limit(bindparam("limit"))
    )


def find_candidates(
    *, session: Session, article_id: int, keys: Sequence[int], min_shared: int, limit: int
) -> list[tuple[int, int]]:
    """Other articles holding at least ``min_shared`` of ``keys``, as ``(article id, keys shared)``,
    most shared first (then oldest id), at most ``limit``: index lookups only, no scan."""
    if not keys:
        return []
    dialect = _dialect(session)
    arguments = {
        "keys": _list_argument(dialect, keys),
        "article_id": article_id,
        "min_shared": min_shared,
        "limit": limit,
    }
    rows = session.connection().execute(_candidates_statement(dialect), arguments)
    return [(row[0], row[1]) for row in rows]


def _holders_of_each_key(dialect: str, name: str, *, oldest_first: bool) -> tuple[Any, Any]:
    """The listed keys (parameter ``keys``) as a table, and a subquery ``name`` of the holders of
    each, ``limit`` at most a key (parameter ``limit``), the oldest first when asked."""
    wanted = _table_of(dialect, _list_parameter("keys", dialect, BigInteger))
    holders = sql_select(_BAND.c.article_id).where(_BAND.c.band_key == wanted.c.value).correlate(wanted)
    if oldest_first:
        holders = holders.order_by(_BAND.c.article_id)
    return wanted, holders.limit(bindparam("limit")).subquery(name)


@cache
def _key_holders_statement(dialect: str) -> Any:
    wanted, holders = _holders_of_each_key(dialect, "holders", oldest_first=False)
    return sql_select(wanted.c.value, sql_select(func.count()).select_from(holders).scalar_subquery())


def count_key_holders(*, session: Session, keys: Sequence[int], at_most: int) -> dict[int, int]:
    """How many articles hold each of ``keys``, counted no further than ``at_most`` + 1: one
    statement that steps through at most ``at_most`` + 1 index entries a key, so that a key
    thousands of articles hold costs no more than a rare one."""
    if not keys:
        return {}
    dialect = _dialect(session)
    arguments = {"keys": _list_argument(dialect, keys), "limit": at_most + 1}
    return {
        row[0]: row[1] for row in session.connection().execute(_key_holders_statement(dialect), arguments)
    }


@cache
def _key_sample_statement(dialect: str) -> Any:
    wanted, sample = _holders_of_each_key(dialect, "sample", oldest_first=True)
    held = sql_select(func.aggregate_strings(cast(sample.c.article_id, String), ",")).scalar_subquery()
    return sql_select(held).select_from(wanted)


def sample_key_holders(*, session: Session, keys: Sequence[int], per_key: int) -> list[int]:
    """The first ``per_key`` articles (the oldest ids) holding each of ``keys``, one list with an
    article once for each key it holds among them: one statement, at most ``per_key`` index
    entries a key."""
    if not keys:
        return []
    dialect = _dialect(session)
    arguments = {"keys": _list_argument(dialect, keys), "limit": per_key}
    rows = session.connection().execute(_key_sample_statement(dialect), arguments).scalars()
    return [int(article_id) for row in rows if row for article_id in row.split(",")]


class SharedKeys(NamedTuple):
    """A candidate's index keys, how many of them an article holds, and the candidate's source."""

    keys: int
    shared: int
    source: str


def count_shared_keys(
    *, session: Session, article_ids: Sequence[int], keys: Sequence[int]
) -> dict[int, SharedKeys]:
    """For each of these articles, its :class:`SharedKeys` with an article holding ``keys``: index
    lookups by article, one statement."""
    if not article_ids:
        return {}
    dialect = _dialect(session)
    arguments = {"keys": _list_argument(dialect, keys), "articles": _list_argument(dialect, article_ids)}
    rows = session.connection().execute(_shared_keys_statement(dialect), arguments)
    return {row[0]: SharedKeys(row[1], int(row[2]), row[3]) for row in rows}


@cache
def _shared_keys_statement(dialect: str) -> Any:
    # Tested on every row: an IN over the listed keys, a hash built once on both databases (an
    # ``= ANY(array)`` would be a scan of the array for every row on PostgreSQL).
    keys = _list_parameter("keys", dialect, BigInteger)
    shared = func.sum(case((_in_table(dialect, _BAND.c.band_key, keys), 1), else_=0))
    source = sql_select(_ARTICLE.c.source).where(_ARTICLE.c.id == _BAND.c.article_id).scalar_subquery()
    return (
        sql_select(_BAND.c.article_id, func.count(), shared, source)
        .where(_one_of(dialect, _BAND.c.article_id, _list_parameter("articles", dialect)))
        .group_by(_BAND.c.article_id)
    )


def keys_shared_between(
    *, session: Session, article_ids: Sequence[int], others: Sequence[int], within: Sequence[int]
) -> dict[tuple[int, int], tuple[int, int]]:
    """How many index keys each of ``article_ids`` shares with each of ``others``, and how many of
    them are among ``within``, by (article, other), pairs sharing none left out: one statement,
    index lookups by article, then by key."""
    if not article_ids or not others:
        return {}
    dialect = _dialect(session)
    arguments = {
        "articles": _list_argument(dialect, article_ids),
        "others": _list_argument(dialect, others),
        "within": _list_argument(dialect, within),
    }
    rows = session.connection().execute(_shared_between_statement(dialect), arguments)
    return {(row[0], row[1]): (row[2], int(row[3] or 0)) for row in rows}


@cache
def _shared_between_statement(dialect: str) -> Any:
    other = _BAND.alias("other")
    within = _list_parameter("within", dialect, BigInteger)
    inside = func.sum(case((_in_table(dialect, _BAND.c.band_key, within), 1), else_=0))
    return (
        sql_select(_BAND.c.article_id, other.c.article_id, func.count(), inside)
        .join(other, other.c.band_key == _BAND.c.band_key)
        .where(
            _one_of(dialect, _BAND.c.article_id, _list_parameter("articles", dialect)),
            _in_table(dialect, other.c.article_id, _list_parameter("others", dialect)),
        )
        .group_by(_BAND.c.article_id, other.c.article_id)
    )


def keys_held(*, session: Session, article_ids: Sequence[int], keys: Sequence[int]) -> dict[int, set[int]]:
    """Which of ``keys`` each of these articles holds (those holding none are left out): one
    statement, index lookups by article."""
    if not article_ids or not keys:
        return {}
    dialect = _dialect(session)
    arguments = {"articles": _list_argument(dialect, article_ids), "keys": _list_argument(dialect, keys)}
    held: dict[int, set[int]] = {}
    for article_id, key in session.connection().execute(_keys_held_statement(dialect), arguments):
        held.setdefault(article_id, set()).add(key)
    return held


@cache
def _keys_held_statement(dialect: str) -> Any:
    return sql_select(_BAND.c.article_id, _BAND.c.band_key).where(
        _one_of(dialect, _BAND.c.article_id, _list_parameter("articles", dialect)),
        _in_table(dialect, _BAND.c.band_key, _list_parameter("keys", dialect, BigInteger)),
    )


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


def reload_expired(*, session: Session, articles: Iterable[Article]) -> None:
    """Read back, in one statement, those of these loaded articles a commit expired: each would
    otherwise be read on first use, one statement an article."""
    states = [sa_inspect(article) for article in articles]
    expired = [state.identity[0] for state in states if state.expired and state.identity]
    if expired:
        session.exec(select(Article).where(col(Article.id).in_(expired))).all()


def oldest_preparation(*, session: Session) -> tuple[bool, dict[str, Any] | None]:
    """Whether any article is stored, and the stored preparation of the oldest (one row read by
    the primary key)."""
    row = (
        session.connection().execute(sql_select(_ARTICLE.c.prepared).order_by(_ARTICLE.c.id).limit(1)).first()
    )
    return (False, None) if row is None else (True, row.prepared)


def articles_before(*, session: Session, before_id: int | None, limit: int) -> list[Article]:
    """Up to ``limit`` articles with ids below ``before_id`` (None: any), newest first: every
    article, a batch at a time, without an OFFSET that grows with the table."""
    statement = select(Article).order_by(col(Article.id).desc()).limit(limit)
    if before_id is not None:
        statement = statement.where(col(Article.id) < before_id)
    return list(session.exec(statement).all())


def get_revision(*, session: Session, article_id: int) -> ArticleRevision | None:
    return session.get(ArticleRevision, article_id)


def list_versions(*, session: Session, url_hash: str) -> list[tuple[Article, int]]:
    """Every stored version of a URL, as ``(article, version)``, oldest first (texts not loaded)."""
    statement = (
        select(Article, ArticleRevision.version)
        .join(ArticleRevision, col(ArticleRevision.article_id) == col(Article.id))
        .where(ArticleRevision.url_hash == url_hash)
        .options(defer(Article.text), defer(Article.prepared))  # type: ignore[arg-type]
        .order_by(col(ArticleRevision.version))
    )
    return [(article, version) for article, version in session.exec(statement).all()]


# --- pickups (app/services/pickups.py) ---------------------------------------------------------


def article_ids_after(
    *, session: Session, after_id: int, limit: int, sources: set[str] | None = None
) -> list[int]:
    """Up to ``limit`` article ids above ``after_id``, in order; ``sources``: only theirs."""
    statement = select(Article.id).where(col(Article.id) > after_id)
    if sources is not None:
        statement = statement.where(col(Article.source).in_(sorted(sources)))
    return [row for row in session.exec(statement.order_by(col(Article.id)).limit(limit)).all() if row]


def _find_pickup(session: Session, outlet_article_id: int, wire_article_id: int) -> Pickup | None:
    statement = select(Pickup).where(
        Pickup.outlet_article_id == outlet_article_id, Pickup.wire_article_id == wire_article_id
    )
    return session.exec(statement).first()


def _delete_pickups_of_outlet_article(session: Session, outlet_article_id: int, keep: int | None) -> None:
    """Delete the outlet article's pickups (their terms go with them: ON DELETE CASCADE) but the
    pickup of id ``keep``; not committed."""
    statement = delete(Pickup).where(col(Pickup.outlet_article_id) == outlet_article_id)
    if keep is not None:
        statement = statement.where(col(Pickup.id) != keep)
    session.exec(statement)


def _lock_pickups_of(session: Session, outlet_article_id: int) -> None:
    """Hold the outlet article's row until the transaction ends (PostgreSQL's ``FOR UPDATE``;
    SQLite has one writer at a time already), so that two writers of its pickup take turns: the
    second then sees the first's row, and an article keeps one pickup."""
    session.exec(select(Article.id).where(col(Article.id) == outlet_article_id).with_for_update())


def _lock_articles_of_pickup(session: Session, outlet_article_id: int, wire_article_id: int) -> bool:
    """Hold the rows of a pickup's two articles until the transaction ends, in id order (no two
    writers wait for each other), and say whether both are still stored. PostgreSQL's ``FOR NO KEY
    UPDATE`` on the outlet's: two writers of its pickup take turns, as :func:`_lock_pickups_of` has
    them; ``FOR KEY SHARE`` on the wire's: neither article is deleted before the pickup is written
    (a delete would take the pickup with it), while other rows may still refer to them meanwhile.
    SQLite has one writer at a time."""
    held = 0
    for article_id in sorted({outlet_article_id, wire_article_id}):
        # the wire's row only kept from deletion (KEY SHARE): every outlet's pickup of one wire
        # story would otherwise wait on the one before
        shared = article_id == wire_article_id != outlet_article_id
        statement = select(Article.id).where(col(Article.id) == article_id)
        held += len(session.exec(statement.with_for_update(key_share=True, read=shared)).all())
    return held == len({outlet_article_id, wire_article_id})


def forget_pickups(*, session: Session, outlet_article_id: int) -> None:
    """Delete every pickup recorded for this outlet article (it is a pickup of nothing now)."""
    _lock_pickups_of(session, outlet_article_id)
    _delete_pickups_of_outlet_article(session, outlet_article_id, keep=None)
    session.commit()


def save_pickup(
    *, session: Session, values: Mapping[str, Any], terms: Sequence[tuple[str, str, str, int]]
) -> Pickup:
    """Insert the pickup of ``values``' (outlet, wire) pair, or update the stored one, with its
    terms ``(kind, base, other, count)`` replaced, and delete the outlet article's pickups of any
    other wire story (an article is a pickup of one): one transaction. A writer racing with the
    same pair loses on the unique constraint and updates the winner's row. When either article
    was deleted meanwhile (a backfill or a watcher compares for seconds before it gets here),
    nothing is stored, as the delete would have taken the pickup with it: the pickup is returned
    unsaved (its id None), as :func:`save_comparison` returns a comparison of a deleted article."""
    outlet_id, wire_id = values["outlet_article_id"], values["wire_article_id"]

    def write() -> Pickup:
        if not _lock_articles_of_pickup(session, outlet_id, wire_id):
            session.rollback()
            return Pickup(**values)
        pickup = _find_pickup(session, outlet_id, wire_id)
        if pickup is None:
            pickup = Pickup(**values)
            session.add(pickup)
        else:
            for name, value in values.items():
                setattr(pickup, name, value)
            session.exec(delete(PickupTerm).where(col(PickupTerm.pickup_id) == pickup.id))
        session.flush()
        _delete_pickups_of_outlet_article(session, outlet_id, keep=pickup.id)
        if terms:
            session.exec(
                insert(PickupTerm),
                params=[
                    {
                        "pickup_id": pickup.id,
                        "outlet_source": pickup.outlet_source,
                        "found_at": pickup.found_at,
                        "kind": kind,
                        "base": base,
                        "other": other,
                        "count": n,
                    }
                    for kind, base, other, n in terms
                ],
            )
        session.commit()
        session.refresh(pickup)
        return pickup

    # the same pair stored by another writer, or an article deleted since the look: look again
    return _once_more_on_conflict(session, write)


def list_pickups_of_wire(*, session: Session, wire_article_id: int) -> list[Pickup]:
    """A wire story's pickups, the earliest published first (unknown dates last), then found."""
    statement = (
        select(Pickup)
        .where(Pickup.wire_article_id == wire_article_id)
        .order_by(
            col(Pickup.outlet_published_at).is_(None),
            col(Pickup.outlet_published_at),
            col(Pickup.found_at),
            col(Pickup.id),
        )
    )
    return list(session.exec(statement).all())


def terms_of_pickups(*, session: Session, pickup_ids: Sequence[int]) -> dict[int, list[PickupTerm]]:
    """The terms of these pickups, by pickup id."""
    found: dict[int, list[PickupTerm]] = {pickup_id: [] for pickup_id in pickup_ids}
    if pickup_ids:
        statement = (
            select(PickupTerm).where(col(PickupTerm.pickup_id).in_(pickup_ids)).order_by(col(PickupTerm.id))
        )
        for term in session.exec(statement).all():
            found[term.pickup_id].append(term)
    return found


# --- watches (app/services/watch.py, watch_fetch.py) -----------------------------------------------


def _changed(result: Any) -> int:
    assert isinstance(result, CursorResult)
    return int(result.rowcount)


def ensure_host(*, session: Session, host: str, slots: int, epoch: datetime) -> None:
    """The host's row and its request slots, made once (a writer racing to make them loses quietly)."""
    if session.get(WatchHost, host) is None:
        session.add(WatchHost(host=host, next_request_at=epoch))
        try:
            session.commit()
        except IntegrityError:
            session.rollback()
    have = session.exec(select(func.count()).where(WatchHostSlot.host == host)).one()
    for slot in range(have, slots):
        session.add(WatchHostSlot(host=host, slot=slot, held_until=epoch))
        try:
            session.commit()
        except IntegrityError:
            session.rollback()


def get_host(*, session: Session, host: str) -> WatchHost | None:
    session.expire_all()
    return session.get(WatchHost, host)


def take_host_slot(*, session: Session, host: str, slots: int, now: datetime, until: datetime) -> int | None:
    """Hold the first free request slot of ``host`` until ``until``: an UPDATE that only one
    writer wins; None when all are held."""
    for slot in range(slots):
        result = session.exec(
            update(WatchHostSlot)
            .where(
                col(WatchHostSlot.host) == host,
                col(WatchHostSlot.slot) == slot,
                col(WatchHostSlot.held_until) <= now,
            )
            .values(held_until=until)
        )
        session.commit()
        if _changed(result) == 1:
            return slot
    return None


def free_host_slot(*, session: Session, host: str, slot: int, epoch: datetime) -> None:
    session.exec(
        update(WatchHostSlot)
        .where(col(WatchHostSlot.host) == host, col(WatchHostSlot.slot) == slot)
        .values(held_until=epoch)
    )
    session.commit()


def reserve_host_start(*, session: Session, host: str, now: datetime, delay: Any) -> datetime:
    """The start time of the host's next request (now, or ``delay`` after the previous one), taken
    by a compare-and-set on ``next_request_at`` so that two workers never take the same time."""
    while True:
        session.expire_all()
        row = session.get(WatchHost, host)
        assert row is not None
        previous = row.next_request_at
        start = max(now, previous)
        result = session.exec(
            update(WatchHost)
            .where(col(WatchHost.host) == host, col(WatchHost.next_request_at) == previous)
            .values(next_request_at=start + delay)
        )
        session.commit()
        if _changed(result) == 1:
            return start


def save_robots(*, session: Session, host: str, robots_txt: str | None, fetched_at: datetime) -> None:
    """The host's robots.txt as read at ``fetched_at``; None: it could not be had."""
    session.exec(
        update(WatchHost)
        .where(col(WatchHost.host) == host)
        .values(robots_txt=robots_txt, robots_fetched_at=fetched_at)
    )
    session.commit()


def find_watch(*, session: Session, url_hash: str) -> Watch | None:
    return session.exec(select(Watch).where(Watch.url_hash == url_hash)).first()


def create_watch(*, session: Session, watch: Watch) -> tuple[Watch, bool]:
    """Store a watch, or return the one stored for the same URL."""
    session.add(watch)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        existing = find_watch(session=session, url_hash=watch.url_hash)
        assert existing is not None
        return existing, False
    session.refresh(watch)
    return watch, True


def get_watch(*, session: Session, watch_id: int) -> Watch | None:
    return session.get(Watch, watch_id)


def list_watches(*, session: Session, limit: int, offset: int) -> tuple[list[Watch], int]:
    return _page_and_count(session, sql_select(Watch).order_by(col(Watch.id)), limit=limit, offset=offset)


def save(*, session: Session, row: Any) -> None:
    """Write a changed row of one of the watch tables."""
    session.add(row)
    session.commit()
    session.refresh(row)


def delete_row(*, session: Session, row: Any) -> None:
    session.delete(row)
    session.commit()


def _claim(session: Session, table: Any, row_id: int, now: datetime, until: datetime, *due: Any) -> bool:
    result = session.exec(
        update(table)
        .where(
            col(table.id) == row_id,
            *due,
            or_(col(table.claimed_until).is_(None), col(table.claimed_until) <= now),
        )
        .values(claimed_until=until)
    )
    session.commit()
    return _changed(result) == 1


def claim_watch(*, session: Session, watch_id: int, now: datetime, until: datetime) -> bool:
    """Take a due, active watch for one poll: one worker wins, the others see it taken."""
    return _claim(session, Watch, watch_id, now, until, col(Watch.active), col(Watch.next_poll_at) <= now)


def _listed_by_an_active_watch() -> Any:
    """Whether a page is listed by an active watch (the condition on ``watched_page`` rows)."""
    return (
        select(WatchedPageWatch.page_id)
        .join(Watch, col(Watch.id) == col(WatchedPageWatch.watch_id))
        .where(col(WatchedPageWatch.page_id) == col(WatchedPage.id), col(Watch.active))
        .exists()
    )


def claim_page(*, session: Session, page_id: int, now: datetime, until: datetime) -> bool:
    """Take a due page listed by an active watch for one poll: a page only paused watches list
    waits with them."""
    return _claim(
        session,
        WatchedPage,
        page_id,
        now,
        until,
        col(WatchedPage.next_poll_at) <= now,
        _listed_by_an_active_watch(),
    )


def rename_pages_source(*, session: Session, watch_id: int, source: str) -> None:
    """The source a watch's pages store their versions under (committed with the watch's own)."""
    session.exec(update(WatchedPage).where(col(WatchedPage.watch_id) == watch_id).values(source=source))


def add_pages(*, session: Session, pages: Sequence[WatchedPage]) -> list[int]:
    """Store the pages whose URL is new, each with its link to its watch (``page.watch_id``) and
    under the watch's source, each in its own transaction; the ids of those stored. A URL
    stored already (by this watch or another) is linked to this watch too, and not returned.

    A page another writer stored first is linked as one stored already; a page deleted with the
    last other watch listing it before this link was made is stored anew; a page whose watch was
    deleted meanwhile is passed over; any other refusal of the database is raised, so that the
    poll fails and is tried again rather than losing the page."""
    added: list[int] = []
    for page in pages:
        stored = _stored_page_id(session, page.url_hash)
        if stored is not None and _link_page(session, stored, page.watch_id):
            continue
        # the watch's source as the page is written, not as the poll read it: a rename committed
        # while the feed was being fetched renamed the pages stored before it, not this one
        page.source = select(Watch.source).where(col(Watch.id) == page.watch_id).scalar_subquery()  # type: ignore[assignment]
        session.add(page)
        try:
            session.flush()
            assert page.id is not None
            session.add(WatchedPageWatch(page_id=page.id, watch_id=page.watch_id))
            session.commit()
        except IntegrityError:
            session.rollback()
            if session.get(Watch, page.watch_id) is None:
                continue
            stored = _stored_page_id(session, page.url_hash)
            if stored is None or not _link_page(session, stored, page.watch_id):
                raise
            continue
        added.append(page.id)
    return added


def _stored_page_id(session: Session, url_hash: str) -> int | None:
    return session.exec(select(WatchedPage.id).where(WatchedPage.url_hash == url_hash)).first()


def _link_page(session: Session, page_id: int, watch_id: int) -> bool:
    """The page listed by the watch too (once: a writer linking it at once loses quietly). False
    when the page is gone: deleted with the last watch that listed it (:func:`delete_watch`)
    before this link could be made; the caller stores it anew."""
    if session.get(WatchedPageWatch, (page_id, watch_id)) is not None:
        return True
    session.add(WatchedPageWatch(page_id=page_id, watch_id=watch_id))
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        if session.get(Watch, watch_id) is None:
            return True  # this watch deleted meanwhile: nothing to link
        if session.get(WatchedPage, page_id) is None:
            return False
        if session.get(WatchedPageWatch, (page_id, watch_id)) is None:
            raise
    return True


def delete_watch(*, session: Session, watch_id: int) -> None:
    """Delete a watch, in one transaction with the hand-off of its pages: each page it stores its
    versions for that another watch lists goes to that watch (the earliest made), under its
    source; the rest go with it (cascade), the articles stored staying.

    The hand-off must see every link made before the delete: a poll of another watch linking one
    of these pages in between would otherwise have it deleted under its new link (200 pages, 71
    lost). So the watch and its pages are locked first (PostgreSQL: FOR UPDATE, which a link's
    foreign-key check waits for; SQLite: the update below takes the database's write lock, and
    every read after it is inside it), and the pages are handed off by one statement that reads
    the links as they are then. A link made after the delete finds its page gone, and
    :func:`add_pages` stores the page anew for its watch."""
    session.exec(select(Watch.id).where(col(Watch.id) == watch_id).with_for_update())
    session.exec(select(WatchedPage.id).where(col(WatchedPage.watch_id) == watch_id).with_for_update())
    heir = (
        sql_select(func.min(WatchedPageWatch.watch_id))
        .where(
            col(WatchedPageWatch.page_id) == col(WatchedPage.id),
            col(WatchedPageWatch.watch_id) != watch_id,
        )
        .correlate(WatchedPage)
        .scalar_subquery()
    )
    session.exec(
        update(WatchedPage)
        .where(col(WatchedPage.watch_id) == watch_id, heir.is_not(None))
        .values(
            watch_id=heir, source=sql_select(col(Watch.source)).where(col(Watch.id) == heir).scalar_subquery()
        )
        .execution_options(synchronize_session=False)
    )
    session.exec(delete(Watch).where(col(Watch.id) == watch_id).execution_options(synchronize_session=False))
    session.commit()


def get_page(*, session: Session, page_id: int) -> WatchedPage | None:
    return session.get(WatchedPage, page_id)


def pages_of_watch(*, session: Session, watch_id: int) -> list[WatchedPage]:
    """Every page the watch lists, those another watch found first included."""
    statement = (
        select(WatchedPage)
        .join(WatchedPageWatch, col(WatchedPageWatch.page_id) == col(WatchedPage.id))
        .where(WatchedPageWatch.watch_id == watch_id)
        .order_by(col(WatchedPage.id))
    )
    return list(session.exec(statement).all())


def overdue_watches(*, session: Session, before: datetime, now: datetime, limit: int) -> list[int]:
    """Active watches due before ``before`` that no live worker holds (their task was lost)."""
    statement = (
        select(Watch.id)
        .where(
            col(Watch.active),
            col(Watch.next_poll_at) <= before,
            or_(col(Watch.claimed_until).is_(None), col(Watch.claimed_until) <= now),
        )
        .order_by(col(Watch.next_poll_at))
        .limit(limit)
    )
    return [row for row in session.exec(statement).all() if row is not None]


def overdue_pages(*, session: Session, before: datetime, now: datetime, limit: int) -> list[int]:
    statement = (
        select(WatchedPage.id)
        .where(
            _listed_by_an_active_watch(),
            col(WatchedPage.next_poll_at) <= before,
            or_(col(WatchedPage.claimed_until).is_(None), col(WatchedPage.claimed_until) <= now),
        )
        .order_by(col(WatchedPage.next_poll_at))
        .limit(limit)
    )
    return [row for row in session.exec(statement).all() if row is not None]


def has_pickup(*, session: Session, outlet_article_id: int, wire_article_id: int) -> bool:
    statement = select(Pickup.id).where(
        Pickup.outlet_article_id == outlet_article_id, Pickup.wire_article_id == wire_article_id
    )
    return session.exec(statement).first() is not None


# --- alerts and deliveries (app/services/alerts.py, webhooks.py) ------------------------------------


def list_alert_rules(*, session: Session, active_only: bool = False) -> list[AlertRule]:
    statement = select(AlertRule).order_by(col(AlertRule.id))
    if active_only:
        statement = statement.where(col(AlertRule.active))
    return list(session.exec(statement).all())


def get_alert_rule(*, session: Session, rule_id: int) -> AlertRule | None:
    return session.get(AlertRule, rule_id)


def add_alert(*, session: Session, alert: Alert, deliveries: Sequence[tuple[str, str]]) -> Alert | None:
    """Store an alert with its deliveries ``(channel, target)`` in one transaction; None when the
    rule already has this alert (the work that found it was done twice, or at once by another
    worker). Any other refusal of the database (a delivery listed twice) is raised: the alert
    is not stored, and the poll that found it fails and is tried again rather than losing it."""
    if _alert_stored(session, alert):
        return None
    session.add(alert)
    try:
        session.flush()
        assert alert.id is not None
        for channel, target in deliveries:
            session.add(
                Delivery(
                    alert_id=alert.id,
                    channel=channel,
                    target=target,
                    next_attempt_at=alert.created_at,
                    created_at=alert.created_at,
                )
            )
        session.commit()
    except IntegrityError:
        session.rollback()
        if _alert_stored(session, alert):
            return None
        raise
    session.refresh(alert)
    return alert


def _alert_stored(session: Session, alert: Alert) -> bool:
    statement = select(Alert.id).where(Alert.rule_id == alert.rule_id, Alert.key == alert.key)
    return session.exec(statement).first() is not None


def deliveries_of_alert(*, session: Session, alert_id: int) -> list[Delivery]:
    statement = select(Delivery).where(Delivery.alert_id == alert_id).order_by(col(Delivery.id))
    return list(session.exec(statement).all())


def get_alert(*, session: Session, alert_id: int) -> Alert | None:
    return session.get(Alert, alert_id)


def list_alerts(*, session: Session, limit: int, offset: int) -> tuple[list[Alert], int]:
    return _page_and_count(
        session, sql_select(Alert).order_by(col(Alert.id).desc()), limit=limit, offset=offset
    )


def get_delivery(*, session: Session, delivery_id: int) -> Delivery | None:
    return session.get(Delivery, delivery_id)


def claim_delivery(*, session: Session, delivery_id: int, now: datetime, until: datetime) -> bool:
    return _claim(
        session,
        Delivery,
        delivery_id,
        now,
        until,
        col(Delivery.status) == "pending",
        col(Delivery.next_attempt_at) <= now,
    )


def add_attempt(
    *, session: Session, attempt: DeliveryAttempt, delivery: Delivery, held_until: datetime
) -> bool:
    """Log an attempt and the delivery's new state in one transaction, if the delivery is still
    claimed until ``held_until`` (the claim the attempt was made under); False, nothing written,
    when another worker has claimed it since."""
    with session.no_autoflush:
        result = session.exec(
            update(Delivery)
            .where(col(Delivery.id) == delivery.id, col(Delivery.claimed_until) == held_until)
            .values(claimed_until=None)
            .execution_options(synchronize_session=False)
        )
    if _changed(result) != 1:
        session.rollback()
        return False
    session.add(attempt)
    session.add(delivery)
    session.commit()
    return True


def put_back_delivery(*, session: Session, delivery_id: int, held_until: datetime, due_at: datetime) -> bool:
    """A claimed delivery released unattempted, due at ``due_at``, if it is still claimed until
    ``held_until``; False, nothing written, when another worker has claimed it since."""
    session.rollback()  # nothing of this attempt's to keep
    result = session.exec(
        update(Delivery)
        .where(col(Delivery.id) == delivery_id, col(Delivery.claimed_until) == held_until)
        .values(claimed_until=None, next_attempt_at=due_at)
        .execution_options(synchronize_session=False)
    )
    session.commit()
    return _changed(result) == 1


def list_deliveries(
    *, session: Session, limit: int, offset: int, status: str | None = None
) -> tuple[list[Delivery], int]:
    where = [] if status is None else [col(Delivery.status) == status]
    statement = sql_select(Delivery).where(*where).order_by(col(Delivery.id).desc())
    return _page_and_count(session, statement, limit=limit, offset=offset)


def attempts_of(*, session: Session, delivery_ids: Sequence[int]) -> dict[int, list[DeliveryAttempt]]:
    found: dict[int, list[DeliveryAttempt]] = {delivery_id: [] for delivery_id in delivery_ids}
    if delivery_ids:
        statement = (
            select(DeliveryAttempt)
            .where(col(DeliveryAttempt.delivery_id).in_(delivery_ids))
            .order_by(col(DeliveryAttempt.id))
        )
        for attempt in session.exec(statement).all():
            found[attempt.delivery_id].append(attempt)
    return found


def overdue_deliveries(*, session: Session, before: datetime, now: datetime, limit: int) -> list[int]:
    statement = (
        select(Delivery.id)
        .where(
            col(Delivery.status) == "pending",
            col(Delivery.next_attempt_at) <= before,
            or_(col(Delivery.claimed_until).is_(None), col(Delivery.claimed_until) <= now),
        )
        .order_by(col(Delivery.next_attempt_at))
        .limit(limit)
    )
    return [row for row in session.exec(statement).all() if row is not None]


# --- outlet profiles (app/services/outlets.py): aggregates over pickups, in the database ------------
# Each query reads one covering index (ix_pickup_outlet_source_found_week,
# ix_pickup_term_outlet_source_kind_base) unless a topic query needs the articles' text.


@compiles(Table, "sqlite")
def _sqlite_table_with_hint(table: Table, compiler: Any, **kw: Any) -> str:
    """A table in a FROM clause with its hint (``with_hint(..., "sqlite")``: ``INDEXED BY``), which
    SQLAlchemy's SQLite compiler leaves out."""
    rendered: str = compiler.visit_table(table, **kw)
    hint = (kw.get("fromhints") or {}).get(table) if kw.get("asfrom") else None
    return f"{rendered} {hint}" if hint else rendered


@dataclass(frozen=True, slots=True)
class PickupFilter:
    """Which pickups a profile is over: one outlet's (or every outlet's), found at or after ``since``
    and before ``until``, whose outlet article holds every one of ``words`` (title or text, each
    the start of a word: :func:`app.schemas.search_terms`, as :func:`list_articles` takes them)."""

    source: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    words: tuple[str, ...] = ()
    #: the pickups of ``words`` (ids), once found (:func:`with_topic_pickups`): matched in their place
    topic_pickups: tuple[int, ...] | None = None


def with_topic_pickups(*, session: Session, where: PickupFilter) -> PickupFilter:
    """``where`` with its topic's pickups found, once: the full-text match of ``q`` costs more than
    any other part of a profile's statements, which then take the pickups by id."""
    if not where.words or where.topic_pickups is not None:
        return where
    statement = sql_select(col(Pickup.id)).where(*_pickup_conditions(session, where)).order_by(col(Pickup.id))
    found = session.connection().execute(statement).scalars()
    return replace(where, topic_pickups=tuple(pickup_id for pickup_id in found if pickup_id is not None))


# A list of ids travels in one parameter however long it is: JSON text read by json_each on SQLite,
# an array on PostgreSQL. A VALUES or IN list takes a parameter each, and is compiled anew for
# every length.


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def _list_type(dialect: str, type_: Any) -> Any:
    return String if dialect == "sqlite" else ARRAY(type_)


def _list_argument(dialect: str, ids: Sequence[int]) -> Any:
    """``ids`` as the value of that one parameter."""
    return json.dumps(list(ids)) if dialect == "sqlite" else list(ids)


def _list_literal(dialect: str, ids: Sequence[int], type_: Any = Integer) -> Any:
    """That one parameter, given in the statement."""
    return literal(_list_argument(dialect, ids), _list_type(dialect, type_))


def _list_parameter(name: str, dialect: str, type_: Any = Integer) -> Any:
    """That one parameter, named and given at execution (:func:`_list_argument`): for a statement
    built once."""
    return bindparam(name, type_=_list_type(dialect, type_))


def _table_of(dialect: str, listed: Any) -> Any:
    """A listed parameter as a table of one column, ``value``."""
    if dialect == "sqlite":
        return func.json_each(listed).table_valued("value")
    return func.unnest(listed).table_valued("value").render_derived()


def _in_table(dialect: str, column: Any, listed: Any) -> Any:
    """``column`` is one of a listed parameter's ids: an IN over :func:`_table_of`."""
    return column.in_(sql_select(_table_of(dialect, listed).c.value))


def _one_of(dialect: str, column: Any, listed: Any) -> Any:
    """``column`` is one of a listed parameter's ids, as an index lookup takes it: an IN over the
    table on SQLite, ``= ANY`` of the array on PostgreSQL."""
    return _in_table(dialect, column, listed) if dialect == "sqlite" else column == any_(listed)


def _id_in(session: Session, column: Any, ids: Sequence[int], type_: Any = Integer) -> Any:
    """``column`` is one of ``ids``, as an index lookup takes it (:func:`_one_of`)."""
    dialect = _dialect(session)
    return _one_of(dialect, column, _list_literal(dialect, ids, type_))


def _pickup_conditions(
    session: Session,
    where: PickupFilter,
    table: type[Pickup] | type[PickupTerm] = Pickup,
    *,
    by_week: bool = True,
) -> list[Any]:
    """``where`` over pickups, or over their terms (which carry their pickup's outlet and date);
    a topic is matched through the articles' full-text index, as the article list's ``q`` is.
    ``by_week=False`` leaves out the bounds on the pickups' weeks, for reads from the index by
    outlet and delay, which has no week: the dates alone select the same pickups."""
    conditions: list[Any] = []
    if where.source is not None:
        conditions.append(col(table.outlet_source) == where.source)
    # A pickup's week starts at most 6 days before it was found: the weeks bound the range in
    # the profiles' index (outlet, week, date), the dates make it exact.
    by_week = by_week and table is Pickup
    if where.since is not None:
        # (a since in the first week of year 1 has no week before it: every week is after it)
        if by_week and where.since.date() > date.min + timedelta(days=7):
            conditions.append(col(Pickup.found_week) >= (where.since - timedelta(days=7)).date())
        conditions.append(col(table.found_at) >= where.since)
    if where.until is not None:
        if by_week:
            conditions.append(col(Pickup.found_week) <= where.until.date())
        conditions.append(col(table.found_at) < where.until)
    if where.topic_pickups is not None:
        conditions.append(
            _id_in(session, col(table.id if table is Pickup else PickupTerm.pickup_id), where.topic_pickups)
        )
    elif where.words:
        matching = sql_select(col(Article.id)).where(_full_text_match(session, where.words))
        # read once per statement (a materialised CTE), however often the statement uses it
        topic = matching.cte("topic").prefix_with("MATERIALIZED")
        outlet_article = col(Pickup.outlet_article_id).in_(sql_select(topic.c.id))
        if table is Pickup:
            conditions.append(outlet_article)
        else:
            conditions.append(col(PickupTerm.pickup_id).in_(sql_select(col(Pickup.id)).where(outlet_article)))
    return conditions


def list_outlets(*, session: Session) -> list[tuple[str, int, datetime, datetime]]:
    """Every outlet with a pickup, as (source, pickups, first found, last found), by source (by
    code point: :func:`_in_code_point_order`)."""
    statement = (
        sql_select(
            col(Pickup.outlet_source),
            func.count(),
            func.min(col(Pickup.found_at)),
            func.max(col(Pickup.found_at)),
        )
        .group_by(col(Pickup.outlet_source))
        .order_by(_in_code_point_order(session, col(Pickup.outlet_source)))
    )
    rows = session.connection().execute(statement).all()
    # min/max bypass the column type on SQLite: read back as the column's (aware UTC) datetimes
    return [(source, n, _as_utc(first), _as_utc(last)) for source, n, first, last in rows]


def _as_utc(value: Any) -> datetime:
    parsed = datetime.fromisoformat(value) if isinstance(value, str) else value
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


#: The sums a profile reads, by name: every one a column of ``pickup``.
_SUMMED = (
    "wire_sentences",
    "kept",
    "reworded",
    "dropped",
    "quotes_intact",
    "quotes_altered",
    "quotes_missing",
    "figures_changed",
)


def weekly_pickup_sums(
    *, session: Session, where: PickupFilter, delay_edges: Sequence[float] = ()
) -> list[dict[str, Any]]:
    """The sums of the pickups' figures per week (``found_week``), oldest first: keys ``week``,
    ``pickups``, each summed column, ``own_share`` (its sum), ``credit_dropped`` and
    ``wire_credited`` (how many), ``delays`` (how many known), and with ``delay_edges``,
    ``delay_bins``: the week's :func:`delay_bin_counts`."""
    week = col(Pickup.found_week)
    bins = [func.count(case((condition, 1))) for condition in _delay_bins(delay_edges)]
    columns: list[Any] = [
        week.label("week"),
        func.count().label("pickups"),
        *(func.sum(getattr(Pickup, name)).label(name) for name in _SUMMED),
        func.sum(col(Pickup.own_share)).label("own_share"),
        func.sum(cast(col(Pickup.credit_dropped), Integer)).label("credit_dropped"),
        func.sum(cast(col(Pickup.wire_credited), Integer)).label("wire_credited"),
        func.count(col(Pickup.delay_seconds)).label("delays"),
        *(count.label(f"bin_{index}") for index, count in enumerate(bins)),
    ]
    statement = sql_select(*columns).where(*_pickup_conditions(session, where)).group_by(week).order_by(week)
    rows = []
    for row in session.connection().execute(statement).mappings().all():
        found = dict(row)
        found["week"] = _as_date(found["week"])
        if bins:
            found["delay_bins"] = [found.pop(f"bin_{index}") for index in range(len(bins))]
        rows.append(found)
    return rows


def _delay_bins(delay_edges: Sequence[float]) -> list[Any]:
    """Whether a pickup's delay is known and under ``delay_edges[0]``, in [edges[i], edges[i + 1]),
    at ``edges[-1]`` or over: one condition per bin (none without edges)."""
    if not delay_edges:
        return []
    delay = col(Pickup.delay_seconds)
    bounds = list(zip([None, *delay_edges], [*delay_edges, None], strict=True))
    return [
        and_(
            *([delay >= low] if low is not None else [delay.is_not(None)]),
            *([delay < high] if high is not None else []),
        )
        for low, high in bounds
    ]


def delay_bin_counts(*, session: Session, where: PickupFilter, delay_edges: Sequence[float]) -> list[int]:
    """How many known delays fall under ``delay_edges[0]``, in [edges[i], edges[i + 1]), and at
    ``edges[-1]`` or over, over the whole range.

    One count of a delay range per bin, from the index by outlet and delay: the bins' reads add up
    to one pass over the outlet's delays, where a CASE per bin and pickup (in the weekly sums) cost
    as much as all the other sums together. A topic, matched once per statement, is better
    counted with the weekly sums (``delay_edges``)."""
    conditions = _pickup_conditions(session, where, by_week=False)
    parts = [
        _by_delay(sql_select(literal(index).label("bin"), func.count()).where(*conditions, in_bin), where)
        for index, in_bin in enumerate(_delay_bins(delay_edges))
    ]
    counts = {int(index): int(n) for index, n in session.connection().execute(union_all(*parts)).all()}
    return [counts.get(index, 0) for index in range(len(parts))]


def _by_delay(statement: Any, where: PickupFilter) -> Any:
    """``statement`` read from the index by outlet and delay on SQLite, whose planner would rather
    take the bounds of the weeks, or of the dates, and sort (BENCHMARKS.md, "Outlet profiles")."""
    if where.source is None:
        return statement
    return statement.with_hint(Pickup, "INDEXED BY ix_pickup_outlet_source_delay_seconds", "sqlite")


def pickup_agencies(*, session: Session, where: PickupFilter) -> list[tuple[str | None, int]]:
    """How many of the pickups are of each wire agency's stories, the most first, then by name (by
    code point), the agency unknown (None) last among equals: SQLite would put NULL first,
    PostgreSQL last."""
    statement = (
        sql_select(col(Pickup.wire_agency), func.count().label("n"))
        .where(*_pickup_conditions(session, where))
        .group_by(col(Pickup.wire_agency))
        .order_by(
            func.count().desc(), _in_code_point_order(session, col(Pickup.wire_agency)).asc().nulls_last()
        )
    )
    return [(agency, n) for agency, n in session.connection().execute(statement).all()]


def delay_percentiles(
    *, session: Session, where: PickupFilter, fractions: Sequence[float], known: Mapping[date | None, int]
) -> dict[date | None, list[float | None]]:
    """The delays' percentiles (linear interpolation between ranks, as PostgreSQL's
    percentile_cont) for each of ``fractions`` (0.5: the median): over the whole range (key None)
    and in each week, for the keys of ``known``, which says how many known delays each holds.

    PostgreSQL: percentile_cont. SQLite has none: the two delays around each fraction's rank, read
    in order from the profiles' indexes (by outlet and delay; by outlet, week and delay) with
    LIMIT 2 OFFSET rank: an index walk, no sort, no window function (row numbers and counts per
    week took 0.5 s per 25,000 pickups, the rank reads a few milliseconds). A topic's pickups
    (taken by id) are ranked with window functions: one statement, not one read per rank.

    Each percentile is rounded to the millisecond (:data:`DELAY_DECIMALS`): the interpolation's
    floating-point noise (54720.000000000015 for 54720) differs between the ways it is computed."""
    found = _delay_percentiles(session=session, where=where, fractions=fractions, known=known)
    return {
        key: [None if value is None else round(value, DELAY_DECIMALS) for value in values]
        for key, values in found.items()
    }


#: The decimals a delay percentile is given to: milliseconds.
DELAY_DECIMALS = 3


def _delay_percentiles(
    *, session: Session, where: PickupFilter, fractions: Sequence[float], known: Mapping[date | None, int]
) -> dict[date | None, list[float | None]]:
    if session.get_bind().dialect.name == "postgresql":
        return _percentile_cont(session, where, fractions, weekly=any(key is not None for key in known))
    if where.words:  # a topic is read from the articles' text: once, in one statement, not once per rank
        return _percentiles_by_window(session, where, fractions)
    wanted: list[tuple[date | None, int, float]] = []  # (key, rank, position) per key and fraction
    for key, n in known.items():
        for fraction in fractions:
            position = (max(n, 1) - 1) * fraction
            wanted.append((key, int(position), position))
    values = _delays_at_ranks(session, where, [(key, rank) for key, rank, _ in wanted])
    found: dict[date | None, list[float | None]] = {key: [] for key in known}
    for index, (key, rank, position) in enumerate(wanted):
        around_rank = values.get(index)
        if not around_rank or known[key] == 0:
            found[key].append(None)
            continue
        low, high = min(around_rank), max(around_rank)
        found[key].append(low + (high - low) * (position - rank))
    return found


def _delays_at_ranks(
    session: Session, where: PickupFilter, reads: Sequence[tuple[date | None, int]]
) -> dict[int, list[float]]:
    """SQLite: for each (week, rank) of ``reads`` (week None: the whole range), the known delays
    at that rank and the next in delay order, by the read's index.

    The whole range is read from the index by outlet and delay, a week from the index by outlet,
    week and delay, found by its week alone (with the range's weeks as well, SQLite reads every
    week of the range and sorts). Each read is one SELECT of a compound statement: the two reads'
    SQL is compiled once and repeated with the read's own parameters, where building a hundred
    SELECTs (a year's weeks) as SQLAlchemy constructs took several times as long as running them."""
    delay = col(Pickup.delay_seconds)
    conditions = [*_pickup_conditions(session, where, by_week=False), delay.is_not(None)]
    rank = bindparam("rank", type_=Integer)
    templates = {
        False: _by_delay(sql_select(delay).where(*conditions), where),
        True: sql_select(delay).where(*conditions, col(Pickup.found_week) == bindparam("week", type_=Date)),
    }
    compiled = {
        in_week: statement.order_by(delay).limit(2).offset(rank).compile(dialect=_SQLITE_NAMED)
        for in_week, statement in templates.items()
    }
    # The filter's parameters, the same in both (the same expressions, compiled in the same
    # order), are bound once; each read binds its own rank and week.
    shared: dict[str, Any] = {}
    for template in compiled.values():
        for name, value in template.params.items():
            if name not in _PER_READ:
                shared.setdefault(name, bindparam(name, value, type_=template.binds[name].type))
                assert shared[name].value == value, f"{name} differs between the reads' SQL"
    values: dict[int, list[float]] = {}
    # one statement per _COMPOUND_PARTS reads: a round trip each, not one per read
    for first in range(0, len(reads), _COMPOUND_PARTS):
        parts: list[str] = []
        binds: list[Any] = list(shared.values())
        for index in range(first, min(len(reads), first + _COMPOUND_PARTS)):
            week, offset = reads[index]
            sql = _PER_READ_PARAMETER.sub(rf"\g<0>_{index}", compiled[week is not None].string)
            parts.append(f"SELECT {index} AS part, delay_seconds FROM ({sql})")  # noqa: S608 (compiled SQL)
            binds.append(bindparam(f"rank_{index}", offset, type_=Integer))
            if week is not None:
                binds.append(bindparam(f"week_{index}", week, type_=Date))
        statement = text(" UNION ALL ".join(parts)).bindparams(*binds)
        for part, found in session.connection().execute(statement).all():
            values.setdefault(int(part), []).append(float(found))
    return values


#: The parameters of one read of :func:`_delays_at_ranks`, and where they are in its SQL (compiled
#: with :data:`_SQLITE_NAMED`: ":name").
_PER_READ = ("rank", "week")
_PER_READ_PARAMETER = re.compile(r":(?:rank|week)\b")
#: SQLite's SQL with named parameters, to repeat it with parameters of its own per read.
_SQLITE_NAMED = sqlite.dialect(paramstyle="named")


#: SQLite compounds at most 500 SELECTs in one statement.
_COMPOUND_PARTS = 200


def _percentiles_by_window(
    session: Session, where: PickupFilter, fractions: Sequence[float]
) -> dict[date | None, list[float | None]]:
    """SQLite's percentiles in one statement: each delay's rank in all and in its week (window
    functions, a sort), then the two ranks around each fraction's position."""
    conditions = [*_pickup_conditions(session, where), col(Pickup.delay_seconds).is_not(None)]
    # no delay at all is a group-by with no group: the whole range's percentiles are unknown
    found: dict[date | None, list[float | None]] = {None: [None] * len(fractions)}
    for week in (literal(None), col(Pickup.found_week)):
        ranked = (
            sql_select(
                week.label("week"),
                col(Pickup.delay_seconds).label("value"),
                func.row_number().over(partition_by=week, order_by=col(Pickup.delay_seconds)).label("rank"),
                func.count().over(partition_by=week).label("n"),
            )
            .where(*conditions)
            .subquery()
        )
        picks: list[Any] = []
        for fraction in fractions:
            position = (ranked.c.n - 1) * fraction
            below = cast(position, Integer)  # the floor: positions are never negative
            low = func.max(case((ranked.c.rank == below + 1, ranked.c.value)))
            high = func.max(case((ranked.c.rank == below + 2, ranked.c.value)))
            picks.append(low + (func.coalesce(high, low) - low) * func.max(position - below))
        statement = sql_select(ranked.c.week, *picks).group_by(ranked.c.week)
        for row in session.connection().execute(statement).all():
            found[_as_date(row[0]) if row[0] is not None else None] = [_float(v) for v in row[1:]]
    return found


def _percentile_cont(
    session: Session, where: PickupFilter, fractions: Sequence[float], weekly: bool
) -> dict[date | None, list[float | None]]:
    """PostgreSQL's percentiles over the whole range and, if ``weekly``, in each week: one
    statement (grouping sets), so that a topic's pickups are found once, not once per grouping."""
    conditions = [*_pickup_conditions(session, where), col(Pickup.delay_seconds).is_not(None)]
    percentiles = [
        func.percentile_cont(fraction).within_group(col(Pickup.delay_seconds)) for fraction in fractions
    ]
    week = col(Pickup.found_week)
    statement: Any = sql_select(literal(None), *percentiles).where(*conditions)
    if weekly:
        # the empty grouping set is the whole range (a row even with no pickup), its week null
        statement = (
            sql_select(week, *percentiles).where(*conditions).group_by(func.grouping_sets(week, tuple_()))
        )
    found: dict[date | None, list[float | None]] = {}
    for row in session.connection().execute(statement).all():
        found[_as_date(row[0]) if row[0] is not None else None] = [_float(v) for v in row[1:]]
    return found


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def top_pickup_terms(
    *, session: Session, where: PickupFilter, kind: str, limit: int
) -> list[tuple[str, str, int, int, int]]:
    """The terms of ``kind`` most often put in the pickups, as (base, other, times in all, pickups,
    an example pickup's id: the first), the most times first, then by base and other (by code
    point: :func:`_in_code_point_order`)."""
    total = func.sum(col(PickupTerm.count))
    statement = (
        sql_select(
            col(PickupTerm.base),
            col(PickupTerm.other),
            total,
            func.count(),  # a pickup has a (kind, base, other) once, with its count
            func.min(col(PickupTerm.pickup_id)),
        )
        .where(col(PickupTerm.kind) == kind, *_pickup_conditions(session, where, PickupTerm))
        .group_by(col(PickupTerm.base), col(PickupTerm.other))
        .order_by(
            total.desc(),
            _in_code_point_order(session, col(PickupTerm.base)),
            _in_code_point_order(session, col(PickupTerm.other)),
        )
        .limit(limit)
    )
    rows = session.connection().execute(statement).all()
    return [(base, other, int(n), int(pickups), int(example)) for base, other, n, pickups, example in rows]


def get_pickups(*, session: Session, pickup_ids: Sequence[int]) -> dict[int, Pickup]:
    """The stored ones of these pickups, by id."""
    if not pickup_ids:
        return {}
    found = session.exec(select(Pickup).where(col(Pickup.id).in_(pickup_ids))).all()
    return {pickup.id: pickup for pickup in found if pickup.id is not None}


def list_pickups(
    *, session: Session, where: PickupFilter, limit: int, offset: int = 0
) -> tuple[list[Pickup], int]:
    """A page of pickups, the latest found first, and how many match in all."""
    statement = (
        sql_select(Pickup)
        .where(*_pickup_conditions(session, where))
        .order_by(col(Pickup.found_at).desc(), col(Pickup.id).desc())
    )
    return _page_and_count(session, statement, limit=limit, offset=offset)
