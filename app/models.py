"""Database tables and the public API schemas.

Families as in FastAPI's full-stack template: ``ArticleBase`` (shared fields),
``ArticleCreate`` (what a client posts), ``Article`` (the table), ``ArticleInfo`` and
``ArticlePublic`` (what the API returns), ``ArticlesPublic`` (a page of them).
The comparison result itself is the engine's :class:`app.engine.Comparison`.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Annotated, Any, Literal, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    StringConstraints,
    Tag,
    model_validator,
)
from pydantic import (
    Field as PydanticField,  # in Annotated types; sqlmodel's Field is for models
)
from pydantic_core import PydanticCustomError
from sqlalchemy import BigInteger, Column, DateTime, ForeignKey, Integer, LargeBinary, Text, UniqueConstraint
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel

from app.engine import CompareOptions
from app.rules import Rules

__all__ = [
    "MAX_ID",
    "Article",
    "ArticleBand",
    "ArticleCreate",
    "ArticleHtml",
    "ArticleInfo",
    "ArticlePublic",
    "ArticleRef",
    "ArticleRevision",
    "ArticleSubmission",
    "ArticlesPublic",
    "CachedComparison",
    "CheckRequest",
    "CompareOptionsIn",
    "CompareRequest",
    "Health",
    "SentencesInput",
    "StorableText",
    "TextInput",
    "UtcDateTime",
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


# --- text that every database can store -------------------------------------------------

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def _storable(value: str) -> str:
    """NUL bytes and lone surrogates cannot be stored in PostgreSQL text or encoded as UTF-8."""
    if _UNSTORABLE.search(value):
        raise ValueError("text must not contain NUL characters or lone surrogates")
    return value


# The same rules as JSON Schema patterns, so that clients and fuzzers (schemathesis) know them:
# ECMA-262 syntax that Python's re reads alike. Lone surrogates are left out of the patterns
# (no JSON Schema tool takes them in a character class; JSON text holding one is not valid
# Unicode anyway) and refused by _storable. "Blank" is Unicode's White_Space, what pydantic's
# strip_whitespace removes (Python's str.strip() and re's \s also take \x1c-\x1f).
_BLANK = r"\u0009-\u000d\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_STORABLE = r"[^\u0000]"
_NOT_BLANK = rf"[^\u0000{_BLANK}]"
STORABLE_PATTERN = f"^{_STORABLE}*$"
NON_BLANK_PATTERN = f"^{_STORABLE}*{_NOT_BLANK}{_STORABLE}*$"
URL_PATTERN = f"^https?://{_NOT_BLANK}+$"


def _matching(pattern: str, message: str) -> AfterValidator:
    compiled = re.compile(pattern)

    def check(value: str) -> str:
        if not compiled.fullmatch(value):
            raise ValueError(message)
        return value

    return AfterValidator(check)


StorableText = Annotated[
    str, AfterValidator(_storable), PydanticField(json_schema_extra={"pattern": STORABLE_PATTERN})
]
NonBlankText = Annotated[
    str,
    AfterValidator(_storable),
    StringConstraints(min_length=1),
    _matching(NON_BLANK_PATTERN, "text must not be blank"),
    PydanticField(json_schema_extra={"pattern": NON_BLANK_PATTERN}),
]
HttpUrl = Annotated[
    str,
    StringConstraints(max_length=2048),
    AfterValidator(_storable),
    _matching(URL_PATTERN, "must be an http or https URL without spaces"),
    PydanticField(json_schema_extra={"pattern": URL_PATTERN}),
]
#: As ``source`` is read: stripped, then at least a character, storable.
SourceText = Annotated[
    str,
    StringConstraints(strip_whitespace=True),
    AfterValidator(_storable),
    PydanticField(json_schema_extra={"pattern": NON_BLANK_PATTERN}),
]


def _in_utc(value: datetime) -> datetime:
    """Naive is UTC; an offset that moves the instant out of years 1-9999 is refused, not a 500."""
    try:
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC)
    except OverflowError as error:
        raise ValueError("the date is out of range once converted to UTC") from error


_NUMBER = re.compile(r"\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*")


def _iso_8601(value: object) -> object:
    """Dates as ISO 8601 text: pydantic would take 0, 0.5 or "0.5" as Unix timestamps, which the
    OpenAPI document (a date-time string) does not allow."""
    if isinstance(value, datetime):
        return value
    if not isinstance(value, str) or _NUMBER.fullmatch(value):
        raise ValueError("give an ISO 8601 date or date-time, e.g. 2019-05-31 or 2019-05-31T08:00:00Z")
    return value


UtcDateTime = Annotated[datetime, BeforeValidator(_iso_8601), AfterValidator(_in_utc)]

# --- articles -------------------------------------------------------------------------


class ArticleBase(SQLModel):
    source: SourceText = Field(
        min_length=1, max_length=200, description='Who published this version, e.g. "Reuters".'
    )
    title: StorableText | None = Field(
        default=None,
        max_length=TITLE_MAX_CHARS,
        description="The headline; detected from the text when omitted.",
    )
    url: HttpUrl | None = Field(default=None, description="Where this version was published (http or https).")
    published_at: UtcDateTime | None = Field(
        default=None, description="When this version was published (UTC when no offset is given)."
    )
    author: StorableText | None = Field(
        default=None,
        max_length=AUTHOR_MAX_CHARS,
        description="The byline; extracted from a page when omitted.",
    )


class ArticleCreate(ArticleBase):
    """An article to store, its text resolved (from a page by :mod:`app.ingest` when need be)."""

    model_config = ConfigDict(extra="forbid")  # type: ignore[assignment]

    text: NonBlankText = Field(description="The article as published, boilerplate and all.")


class ArticleSubmission(ArticleBase):
    """What a client posts: the article's text, a saved page's HTML, or only the page's url to fetch."""

    model_config = ConfigDict(extra="forbid")  # type: ignore[assignment]

    text: NonBlankText | None = Field(
        default=None, description="The article as published, boilerplate and all."
    )
    html: NonBlankText | None = Field(
        default=None,
        description="A saved page instead of text: its main text, title, date and author are extracted"
        " (title, published_at and author given here win). With neither text nor html, the page at"
        " url is fetched.",
    )
    keep_html: bool = Field(
        default=False,
        description="Keep the page's HTML (posted or fetched) beside a new article, served at"
        " /v1/articles/{id}/html. Not kept unless asked.",
    )

    @model_validator(mode="after")
    def _one_form(self) -> Self:
        if self.text is not None and self.html is not None:
            raise PydanticCustomError("form_ambiguous", 'Give either "text" or "html", not both')
        if self.text is None and self.html is None and self.url is None:
            raise PydanticCustomError(
                "form_missing", 'Give the article as "text", as "html", or a "url" to fetch it from'
            )
        if self.keep_html and self.text is not None:
            raise PydanticCustomError(
                "form_mismatch", '"keep_html" needs "html" or a "url" to fetch, not "text"'
            )
        return self


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


class ArticleInfo(ArticleBase):
    """An article without its text, as listed."""

    id: int
    language: str | None = Field(description="ISO 639-1 code of the body text, when it could be told.")
    content_hash: str = Field(description="SHA-256 of the normalised text, hex.")
    created_at: datetime


class ArticlePublic(ArticleInfo):
    text: str


class ArticlesPublic(SQLModel):
    data: list[ArticleInfo]
    count: int = Field(description="How many articles match the filters, over all pages.")
    limit: int
    offset: int


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


# --- related versions: the sentence index and revisions (app/minhash.py, app/related.py) ----------


class ArticleBand(SQLModel, table=True):
    """One LSH band key of an article's sentences (:func:`app.minhash.band_keys`), written with the
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
    url_hash: str = Field(max_length=64, description="SHA-256 of the URL, hex (URLs are too long to index).")
    version: int


# --- comparison requests ------------------------------------------------------------------


class TextInput(BaseModel):
    """Raw text: the engine finds title, boilerplate and sentences."""

    model_config = ConfigDict(extra="forbid")

    text: NonBlankText


class SentencesInput(BaseModel):
    """Sentences already split by the caller: each is one body unit, in order."""

    model_config = ConfigDict(extra="forbid")

    sentences: list[StorableText] = Field(min_length=1)


class ArticleRef(BaseModel):
    """A stored article, by id."""

    model_config = ConfigDict(extra="forbid")

    id: int = Field(ge=1, le=MAX_ID)


def _side_tag(value: Any) -> str | None:
    if isinstance(value, dict):
        for key in ("id", "text", "sentences"):
            if key in value:
                return key
    return None


ComparedText = Annotated[
    Annotated[TextInput, Tag("text")] | Annotated[SentencesInput, Tag("sentences")],
    Discriminator(
        _side_tag,
        custom_error_type="side_invalid",
        custom_error_message='Give either {"text": ...} or {"sentences": [...]}',
    ),
]
CheckedText = Annotated[
    Annotated[ArticleRef, Tag("id")]
    | Annotated[TextInput, Tag("text")]
    | Annotated[SentencesInput, Tag("sentences")],
    Discriminator(
        _side_tag,
        custom_error_type="side_invalid",
        custom_error_message='Give one of {"id": ...}, {"text": ...} or {"sentences": [...]}',
    ),
]


class CompareOptionsIn(BaseModel):
    """The engine's :class:`~app.engine.CompareOptions`; a test keeps the two in step."""

    model_config = ConfigDict(extra="forbid", strict=True)

    detect_boilerplate: bool = Field(
        default=True, description="Mark navigation, datelines, credits as boilerplate."
    )
    detect_title: bool = Field(default=True, description="Take a leading headline line as the title.")
    detect_moves: bool = Field(default=True, description="Flag matched sentences whose order changed.")

    def to_engine(self) -> CompareOptions:
        return CompareOptions(**self.model_dump())


class CompareRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    base: ComparedText = Field(description="The original, e.g. the wire story.")
    other: ComparedText = Field(description="The version to compare against it.")
    options: CompareOptionsIn = Field(default_factory=CompareOptionsIn)


class CheckRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    base: CheckedText
    other: CheckedText
    rules: Rules


class Health(BaseModel):
    status: Literal["ok"] = "ok"
