"""The API's request and response models (tables are in :mod:`app.models`).

Families as in FastAPI's full-stack template: ``ArticleBase`` (shared fields),
``ArticleCreate`` (what a client posts), ``ArticleInfo`` and ``ArticlePublic`` (what the API
returns), ``ArticlesPublic`` (a page of them); the table is :class:`app.models.Article`.
The comparison result itself is the engine's :class:`app.engine.Comparison`.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
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
from sqlmodel import Field, SQLModel

from app.engine import CompareOptions
from app.models import AUTHOR_MAX_CHARS, MAX_ID, TITLE_MAX_CHARS
from app.services.rules import Rules

__all__ = [
    "AgencyCount",
    "ArticleCreate",
    "ArticleInfo",
    "ArticlePublic",
    "ArticleRef",
    "ArticleSubmission",
    "ArticlesPublic",
    "CheckRequest",
    "CompareOptionsIn",
    "CompareRequest",
    "DelayBin",
    "Health",
    "OutletProfile",
    "OutletSummary",
    "OutletsPublic",
    "PickupLink",
    "Problem",
    "ProfileFigures",
    "SearchQuery",
    "SentencesInput",
    "StorableText",
    "StoryPickup",
    "StoryPickups",
    "TermCount",
    "TextInput",
    "UtcDateTime",
    "ValidationIssue",
    "WeekFigures",
    "bounded_search_terms",
    "search_terms",
]

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


#: A search is whole words, each found by its beginning (``mosc`` finds Moscow), every one needed.
#: Bounded so one query costs a few index look-ups: a term of one character matches most of the
#: index (100 one-letter words took 3.1 s over a 100 MB table before full-text search).
SEARCH_MAX_CHARS = 200
SEARCH_MAX_TERMS = 8
SEARCH_MIN_TERM_CHARS = 2
_SEARCH_TERM = re.compile(r"[^\W_]+")


def search_terms(query: str) -> list[str]:
    """The words of a search, lower-cased, as the full-text indexes split them (letters and digits;
    anything else separates).

    >>> search_terms("Idlib, TAKFIRI militants!")
    ['idlib', 'takfiri', 'militants']
    """
    return [term.lower() for term in _SEARCH_TERM.findall(query)]


def bounded_search_terms(value: str) -> list[str]:
    """:func:`search_terms`, refused (``PydanticCustomError``, a 422 in the API) past the bounds."""
    terms = search_terms(value)
    if not terms:
        raise PydanticCustomError("search_terms", "a search needs a word (letters or digits)")
    if len(terms) > SEARCH_MAX_TERMS:
        raise PydanticCustomError(
            "search_terms", "at most {limit} words are searched", {"limit": SEARCH_MAX_TERMS}
        )
    short = [term for term in terms if len(term) < SEARCH_MIN_TERM_CHARS]
    if short:
        raise PydanticCustomError(
            "search_terms",
            "every word searched needs at least {limit} characters ({short})",
            {"limit": SEARCH_MIN_TERM_CHARS, "short": ", ".join(short)},
        )
    return terms


#: ``q`` as searched: its words (:func:`search_terms`), bounded in number and length, joined by spaces.
SearchQuery = Annotated[
    str,
    StringConstraints(max_length=SEARCH_MAX_CHARS),
    AfterValidator(_storable),
    AfterValidator(lambda value: " ".join(bounded_search_terms(value))),
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
    """An article to store, its text resolved (from a page by :mod:`app.services.pages` when need be)."""

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


# --- errors ---------------------------------------------------------------------------------


class ValidationIssue(BaseModel):
    """One reason a request was refused: where (as FastAPI's ``loc``), what, and its kind."""

    loc: list[str | int] = PydanticField(
        description='Where: ["body", "base", "text"], ["query", "limit"], ...'
    )
    detail: str
    type: str = PydanticField(
        description='Machine-readable kind, e.g. "missing", "extra_forbidden", "limit".'
    )


class Problem(BaseModel):
    """RFC 9457 problem details. ``type`` is ``about:blank``: the status code says what kind of problem."""

    type: str = "about:blank"
    title: str = PydanticField(description="The HTTP status phrase.")
    status: int
    detail: str | None = PydanticField(default=None, description="What went wrong with this request.")
    instance: str | None = PydanticField(default=None, description="The request path.")
    errors: list[ValidationIssue] | None = PydanticField(
        default=None, description="Each invalid field (400, 422)."
    )


# --- outlet profiles and story pickups: what the API returns (app/services/outlets.py) -------------


class OutletSummary(BaseModel):
    source: str
    pickups: int = Field(description="Wire stories this outlet picked up (copy or derived).")
    first_found_at: datetime
    last_found_at: datetime
    profile: str = Field(description="The outlet's profile.")


class OutletsPublic(BaseModel):
    data: list[OutletSummary]
    count: int


class ProfileFigures(BaseModel):
    """One period's figures (the whole range, or a week). Shares are None with nothing to share."""

    pickups: int = Field(description="Wire stories picked up.")
    wire_sentences: int = Field(description="The wire stories' body sentences, in all.")
    kept: int = Field(description="... of them kept word for word.")
    reworded: int
    dropped: int
    kept_share: float | None = Field(description="kept / wire_sentences.")
    reworded_share: float | None
    dropped_share: float | None
    own_share: float | None = Field(description="The outlet's own text: mean share per pickup.")
    credit_kept: int = Field(description="Pickups that kept every credit the wire story gave.")
    credit_dropped: int = Field(description="Pickups that dropped a credit the wire story gave.")
    credit_dropped_share: float | None
    quotes_intact: int
    quotes_altered: int
    quotes_missing: int
    figures_changed: int = Field(description="Figures the outlet changed from the wire's.")
    delays: int = Field(description="Pickups whose delay is known (both publication times).")
    median_delay_seconds: float | None = Field(description="After the wire story's publication.")
    p90_delay_seconds: float | None


class WeekFigures(ProfileFigures):
    week: date = Field(description="The Monday the week starts on (pickups by when they were found).")


class AgencyCount(BaseModel):
    agency: str | None = Field(description="The wire agency credited; None when none is known.")
    pickups: int


class DelayBin(BaseModel):
    label: str
    from_seconds: float | None = Field(description="Inclusive; None: no lower bound.")
    to_seconds: float | None = Field(description="Exclusive; None: no upper bound.")
    pickups: int


class PickupLink(BaseModel):
    pickup_id: int
    outlet_article_id: int
    wire_article_id: int
    comparison: str = Field(description="The comparison, the wire story as base.")


class TermCount(BaseModel):
    base: str = Field(description="The wire's word.")
    other: str = Field(description="The outlet's word in its place.")
    count: int = Field(description="Times, over every pickup.")
    pickups: int = Field(description="Pickups with this change.")
    example: PickupLink


class OutletProfile(BaseModel):
    source: str
    since: datetime | None
    until: datetime | None = Field(description="Exclusive.")
    q: str | None
    figures: ProfileFigures
    agencies: list[AgencyCount] = Field(description="The most stories first.")
    delay_distribution: list[DelayBin]
    substitutions: list[TermCount] = Field(description="The most frequent first.")
    reporting_verbs: list[TermCount] = Field(description="Attribution verbs changed, most frequent first.")
    weeks: list[WeekFigures] = Field(description="Oldest first; weeks without a pickup are left out.")


class StoryPickup(BaseModel):
    pickup_id: int
    article: ArticleInfo = Field(description="The outlet's article.")
    verdict: str
    probability: float | None
    found_at: datetime
    delay_seconds: float | None = Field(description="After the wire story's publication, when known.")
    kept: int
    reworded: int
    dropped: int
    added: int
    own_share: float
    credit_dropped: bool
    quotes_altered: int
    quotes_missing: int
    figures_changed: int
    substitutions: list[str] = Field(description='"wire -> outlet" words.')
    reporting_verbs: list[str]
    findings: list[Any]
    comparison: str = Field(description="The comparison, the wire story as base.")


class StoryPickups(BaseModel):
    wire: ArticleInfo
    data: list[StoryPickup] = Field(description="The earliest published first, undated last.")
    count: int
    coverage: str = Field(description="The coverage matrix of the wire story against these outlets.")
