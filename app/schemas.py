"""The API's request and response models (tables are in :mod:`app.models`).

Families as in FastAPI's full-stack template: ``ArticleBase`` (shared fields),
``ArticleCreate`` (what a client posts), ``ArticleInfo`` and ``ArticlePublic`` (what the API
returns), ``ArticlesPublic`` (a page of them); the table is :class:`app.models.Article`.
The comparison result itself is the engine's :class:`app.engine.Comparison`.

Every body the API takes or returns is defined here, the services' included (coverage, related
versions, CI rules, watches, alert rules): the services import them from here, never the other
way round, so this module imports nothing of :mod:`app.services`.
"""

from __future__ import annotations

import base64
import binascii
import ipaddress
import re
import unicodedata
from datetime import UTC, date, datetime
from typing import Annotated, Any, Literal, Self

import httpx
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    StrictBool,
    StrictFloat,
    StringConstraints,
    Tag,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic import (
    Field as PydanticField,  # in Annotated types; sqlmodel's Field is for models
)
from pydantic_core import PydanticCustomError
from sqlmodel import Field, SQLModel

from app.engine import Change, CompareOptions, Substitution, Verdict, normalize
from app.engine.report import FindingKind, QuoteStatus, Severity
from app.models import AUTHOR_MAX_CHARS, MAX_ID, TITLE_MAX_CHARS
from app.urls import HIDDEN, is_shown_form, shown_apprise_url, shown_target, shown_webhook_url

__all__ = [
    "MAX_OUTLETS",
    "MAX_RELATED",
    "SHARED_SENTENCES_SHOWN",
    "AgencyCount",
    "AlertArticle",
    "AlertData",
    "AlertFinding",
    "AlertRuleCreate",
    "AlertRuleCreated",
    "AlertRulePublic",
    "AlertRuleUpdate",
    "AlertRuleUpdated",
    "AlertRulesPublic",
    "AlertWebhook",
    "ArticleCreate",
    "ArticleInfo",
    "ArticlePublic",
    "ArticleRef",
    "ArticleSubmission",
    "ArticleVersion",
    "ArticleVersions",
    "ArticlesPublic",
    "AttemptPublic",
    "CellOp",
    "ChangeSummary",
    "CheckRequest",
    "CheckResult",
    "CompareOptionsIn",
    "CompareRequest",
    "Coverage",
    "CoverageCell",
    "CoverageOutlet",
    "CoverageRequest",
    "CoverageSentence",
    "CreditFinding",
    "DelayBin",
    "DeliveriesPublic",
    "DeliveryPublic",
    "Event",
    "FetchableUrl",
    "FigureFinding",
    "Health",
    "Origin",
    "OriginEvidence",
    "OutletName",
    "OutletProfile",
    "OutletSummary",
    "OutletsPublic",
    "PickupAssessment",
    "PickupEvidenceInfo",
    "PickupLink",
    "PickupSummary",
    "Problem",
    "ProfileFigures",
    "QuoteFinding",
    "RankedFinding",
    "RelatedVerdict",
    "RelatedVersion",
    "RelatedVersions",
    "RuleFailure",
    "RuleValue",
    "Rules",
    "SearchQuery",
    "SentencesInput",
    "SharedSentence",
    "SourceFilter",
    "SourceName",
    "StorableText",
    "StoryPickup",
    "StoryPickups",
    "SwapFinding",
    "TermCount",
    "TextInput",
    "UtcDateTime",
    "ValidationIssue",
    "WatchCreate",
    "WatchDetail",
    "WatchKind",
    "WatchPublic",
    "WatchUpdate",
    "WatchedPagePublic",
    "WatchesPublic",
    "WeekFigures",
    "WrittenId",
    "bounded_search_terms",
    "canonical_id",
    "is_blank",
    "never_fires",
    "parse_id",
    "search_terms",
    "source_name",
    "validation_reasons",
    "webhook_key",
]

# --- ids -------------------------------------------------------------------------------------

#: An id as a path, a query or a command line writes it: digits 0-9, no sign, leading zero,
#: separator or decimals (int() and pydantic would also take "01", "+1", "1_000", " 1" and "1.0"
#: as 1, and int() "١" too).
_CANONICAL_ID = re.compile(r"0|[1-9][0-9]*")


def canonical_id(value: object) -> object:
    """Refuse every spelling of an id but the canonical one (a 422 naming it)."""
    if isinstance(value, str) and not _CANONICAL_ID.fullmatch(value):
        raise ValueError("An id is written in the digits 0-9 only, without a leading zero")
    return value


def parse_id(text: str) -> int | None:
    """The id ``text`` writes canonically, else None (a form's field, which may hold anything).

    >>> parse_id("12"), parse_id("012"), parse_id("²"), parse_id("1_000")
    (12, None, None, None)
    """
    # past 18 digits it is over every id column, and int() refuses past 4,300
    return int(text) if len(text) <= 18 and _CANONICAL_ID.fullmatch(text) else None


#: A stored row's id written as text (the command line's): the API's rule for an id in a path,
#: canonical and within every database's id column (MAX_ID).
WrittenId = Annotated[int, PydanticField(ge=1, le=MAX_ID), BeforeValidator(canonical_id)]


# --- text that every database can store -------------------------------------------------

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def _storable(value: str) -> str:
    """NUL bytes and lone surrogates cannot be stored in PostgreSQL text or encoded as UTF-8."""
    if _UNSTORABLE.search(value):
        raise ValueError("text must not contain NUL characters or lone surrogates")
    return value


def is_blank(text: str) -> bool:
    """Nothing is left of ``text`` once the engine normalises it (:func:`app.engine.normalize`):
    only spaces, Python's other whitespace (``\\x1c``-``\\x1f`` too) and the invisible characters
    it drops (zero-width space and joiners, byte order mark, soft hyphen). The one meaning of
    blank, for every text the API, the dashboard, the importer and the CLI take: a blank text
    would be stored, hashed and compared as the empty string.

    >>> is_blank(" \\u200b\\n\\u00ad"), is_blank("\\u200b.")
    (True, False)
    """
    return not normalize(text)


def _not_blank(what: str) -> AfterValidator:
    def check(value: str) -> str:
        if is_blank(value):
            raise ValueError(f"{what} must not be blank")
        return value

    return AfterValidator(check)


# The same rules as JSON Schema patterns, so that clients and fuzzers (schemathesis) know them:
# ECMA-262 syntax that Python's re reads alike. Lone surrogates are left out of the patterns
# (no JSON Schema tool takes them in a character class; JSON text holding one is not valid
# Unicode anyway) and refused by _storable. White space is Unicode's White_Space, what a URL must
# not hold; blank (is_blank) adds \x1c-\x1f and the invisible characters normalize() drops: each
# character of _BLANK, and only those, normalises to nothing (tests/api/test_bad_input.py checks
# every character).
_WHITE_SPACE = r"\u0009-\u000d\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_BLANK = rf"{_WHITE_SPACE}\u001c-\u001f\u00ad\u200b-\u200d\ufeff"
_STORABLE = r"[^\u0000]"
_NOT_BLANK = rf"[^\u0000{_BLANK}]"
STORABLE_PATTERN = f"^{_STORABLE}*$"
NON_BLANK_PATTERN = f"^{_STORABLE}*{_NOT_BLANK}{_STORABLE}*$"
URL_PATTERN = f"^https?://[^\\u0000{_WHITE_SPACE}]+$"


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
# (the empty string is blank: no minLength of 1 besides, whose message would speak of items)
NonBlankText = Annotated[
    str,
    AfterValidator(_storable),
    _not_blank("text"),
    PydanticField(json_schema_extra={"pattern": NON_BLANK_PATTERN}),
]
#: One of the sentences a caller split: like a text, never blank.
NonBlankSentence = Annotated[
    str,
    AfterValidator(_storable),
    _not_blank("a sentence"),
    PydanticField(json_schema_extra={"pattern": NON_BLANK_PATTERN}),
]
HttpUrl = Annotated[
    str,
    StringConstraints(max_length=2048),
    AfterValidator(_storable),
    _matching(URL_PATTERN, "must be an http or https URL without spaces"),
    PydanticField(json_schema_extra={"pattern": URL_PATTERN}),
]


def _fetchable(value: str) -> str:
    """A URL the fetcher can request, refused here rather than at every poll: httpx parses it, its
    host decodes (an ``xn--`` label must be punycode) and encodes as IDNA (no zero-width
    characters or soft hyphens, no empty label), as the connection's name look-up needs."""
    try:
        url = httpx.URL(value)
    except httpx.InvalidURL as error:
        raise ValueError(f"must be a URL that can be fetched: {error}") from error
    try:
        host, port = url.host, url.port  # .host decodes punycode, as httpx does for every request
    except UnicodeError as error:  # e.g. the punycode of 💩.la: IDNA 2008 refuses it
        raw = url.raw_host.decode("ascii")
        raise ValueError(
            f"must be a URL that can be fetched: its host {raw} is not a host name IDNA 2008 allows ({error})"
        ) from error
    if not host:
        raise ValueError("must be a URL with a host")
    if port is not None and not 0 < port < 65536:
        raise ValueError(f"must be a URL with a port from 1 to 65535, not {port}")
    try:
        ipaddress.ip_address(host)
    except ValueError:
        try:
            url.raw_host.decode("ascii").encode("idna")  # what the resolver is given
        except UnicodeError as error:
            raise ValueError(f"must be a URL with a host name that can be looked up: {error}") from error
    return value


#: A URL that will be fetched (a watch's, a webhook's): :data:`HttpUrl` whose host the fetcher can
#: connect to, so that a URL accepted is never one every poll or delivery then fails on.
FetchableUrl = Annotated[HttpUrl, AfterValidator(_fetchable)]


def source_name(value: str) -> str:
    """A source's name as it is stored and looked for: without white space at either end, in
    Unicode's composed form (NFC), so that "Diário" typed on macOS (decomposed: a and a combining
    acute accent) is the same outlet as "Diário" typed elsewhere.

    >>> source_name(" Dia\\u0301rio do Sul ") == "Di\\u00e1rio do Sul"
    True
    """
    return unicodedata.normalize("NFC", value.strip())


#: The one reading of a source's name wherever it enters (an article's source, a watch's, the
#: articles' filter, an outlet's profile): :func:`source_name`, storable.
SourceName = Annotated[
    str,
    AfterValidator(_storable),
    AfterValidator(source_name),
    PydanticField(json_schema_extra={"pattern": STORABLE_PATTERN}),
]
#: As ``source`` is read: :data:`SourceName`, then at least a character, not blank.
SourceText = Annotated[
    SourceName,
    _not_blank("source"),
    PydanticField(json_schema_extra={"pattern": NON_BLANK_PATTERN}),
]
#: ``source`` as a filter: read as a stored source is (SourceName); a blank one matches nothing.
SourceFilter = SourceName
#: An outlet, as its profile is asked for (a path, the command line): a stored source's bounds.
#: An outlet's name in a path (/v1/outlets/{source}/profile): no line feed besides, which the
#: route's path pattern (".*") cannot match (such a path is a 404 before any route is chosen).
OUTLET_NAME_PATTERN = r"^[^\u0000\n]*$"
OutletName = Annotated[
    SourceName,
    StringConstraints(min_length=1, max_length=200),
    _matching(OUTLET_NAME_PATTERN, "an outlet's name holds no NUL character or line feed"),
    PydanticField(json_schema_extra={"pattern": OUTLET_NAME_PATTERN}),
]


#: A search is whole words, each found by its beginning (``mosc`` finds Moscow), every one needed.
#: Bounded so one query costs a few index look-ups: a term of one character matches most of the
#: index (without full-text search, 100 one-letter words took 3.1 s over a 100 MB table).
SEARCH_MAX_CHARS = 200
SEARCH_MAX_TERMS = 8
SEARCH_MIN_TERM_CHARS = 2
_SEARCH_TERM = re.compile(r"[^\W_]+")


_APOSTROPHE_LETTER = re.compile(r"(?<=[^\W_])['\u2019][^\W\d_]\b|\b[^\W\d_]['\u2019](?=[^\W_])")


def search_terms(query: str) -> list[str]:
    """The words of a search, lower-cased, as the full-text indexes split them (letters and digits;
    anything else separates) and fold them: a Turkish dotted capital I is i, as both indexes read
    it (migration 0008), not the i and combining dot that Python's lower() makes of it.

    >>> search_terms("Idlib, TAKFIRI militants!")
    ['idlib', 'takfiri', 'militants']
    >>> search_terms("İstanbul İZMİR")
    ['istanbul', 'izmir']

    A letter an apostrophe joins to a word ("Turkey's", "O'Brien", "l'armée") is part of that
    word, not one of its own: a one-letter word would be refused (SEARCH_MIN_TERM_CHARS).

    >>> search_terms("Turkey's O'Brien")
    ['turkey', 'brien']
    """
    query = _APOSTROPHE_LETTER.sub(" ", query)
    return [term.replace("İ", "i").lower() for term in _SEARCH_TERM.findall(query)]


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


#: A number as pydantic would read it for a timestamp. Its digits are taken whole (possessive): with
#: "\d+\.?\d*" a run of digits not followed by a number's end was cut every way, seconds for 5,000.
_NUMBER = re.compile(r"\s*+[+-]?(?:\d++(?:\.\d*+)?|\.\d++)(?:[eE][+-]?\d++)?\s*+")


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
    keep_html: StrictBool = Field(
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

    sentences: list[NonBlankSentence] = Field(min_length=1)


class ArticleRef(BaseModel):
    """A stored article, by id."""

    # strict: an id is a JSON integer, never true or "2", as the OpenAPI document says
    model_config = ConfigDict(extra="forbid", strict=True)

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


# --- CI rules (app/services/rules.py) -------------------------------------------------------------

RuleValue = bool | int | float | str | list[str]


class Rules(BaseModel):
    # strict: a share is a number and a count an integer, never true or 1.0, as the OpenAPI
    # document says; minProperties is _at_least_one below, told to clients and fuzzers
    model_config = ConfigDict(extra="forbid", strict=True, json_schema_extra={"minProperties": 1})

    quotes_intact: bool | None = PydanticField(
        default=None,
        description="true: every quotation of base is in other word for word, whole or in part "
        "(none altered, put in indirect speech or left out).",
    )
    numbers_intact: bool | None = PydanticField(
        default=None, description="true: no number of base was changed or left out in a matched sentence."
    )
    credit_kept: bool | None = PydanticField(
        default=None, description="true: other names the wire credit(s) that base names."
    )
    max_dropped: int | None = PydanticField(
        default=None, ge=0, description="At most this many base sentences dropped."
    )
    max_added: int | None = PydanticField(
        default=None, ge=0, description="At most this many sentences added in other."
    )
    max_reworded: int | None = PydanticField(
        default=None, ge=0, description="At most this many groups reworded."
    )
    min_base_retained: float | None = PydanticField(
        default=None, ge=0, le=1, description="At least this share of base body text kept or reworded."
    )
    min_other_from_base: float | None = PydanticField(
        default=None, ge=0, le=1, description="At least this share of other body text taken from base."
    )
    verdict_in: list[Verdict] | None = PydanticField(
        default=None, min_length=1, description="Allowed verdicts."
    )

    @model_validator(mode="after")
    def _at_least_one(self) -> Self:
        if not self.model_fields_set:
            raise ValueError("give at least one rule")
        return self


class RuleFailure(BaseModel):
    rule: str
    expected: RuleValue
    actual: RuleValue
    detail: str


class CheckResult(BaseModel):
    passed: bool
    failures: list[RuleFailure]


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


def validation_reasons(error: ValidationError, *, whole: str = "") -> str:
    """A validation error on one line, for a terminal or a message: ``where: what`` per issue,
    ``where`` being the dotted location, or ``whole`` for an issue with the whole input.

    >>> try:
    ...     ArticleRef.model_validate({"id": 0})
    ... except ValidationError as error:
    ...     print(validation_reasons(error))
    id: Input should be greater than or equal to 1
    """
    return "; ".join(f"{'.'.join(map(str, e['loc'])) or whole}: {e['msg']}" for e in error.errors())


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
    pickups: int = Field(description="Wire stories this outlet picked up (the pickup decision).")
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
    credit_dropped_share: float | None = Field(
        description="credit_dropped / the pickups whose wire story gave a credit (none: null)."
    )
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
    verdict: str = Field(description="The engine's verdict, the wire as base.")
    probability: float | None = Field(
        description="The judgement's probability of copy or derived, when the engine gives one."
    )
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


# --- related versions, origins and stored versions (app/services/related.py) -----------------------

#: Related versions in one answer at most: each is one comparison.
MAX_RELATED = 50
#: Shared sentences shown as an origin's evidence (the count says how many there are).
SHARED_SENTENCES_SHOWN = 5

RelatedVerdict = Literal["copy", "derived", "related"]


class PickupEvidenceInfo(BaseModel):
    pair_containment: float = PydanticField(
        description="Share of the version's content-word pairs (index keys) found in this article."
    )
    base_pair_containment: float = PydanticField(
        description="Share of this article's content-word pairs found in the version."
    )
    other_from_base: float = PydanticField(description="Share of the version's body aligned to this article.")
    base_retained: float = PydanticField(description="Share of this article's body found in the version.")
    verdict: str = PydanticField(description="The engine's verdict, this article as base.")
    bigram_containment: float = PydanticField(
        description="Share of the version's word pairs found in this article."
    )
    fivegram_containment: float = PydanticField(
        description="Share of the version's runs of five words found in this article."
    )
    base_trigram_containment: float = PydanticField(
        description="Share of this article's runs of three words found in the version."
    )
    judged_pickup: float | None = PydanticField(
        description="The judgement's probability of copy or derived, when the engine gives one."
    )
    fragment_containment: float | None = PydanticField(
        description="Share of the version's words in fragments reused from this article, when given."
    )
    figures_changed: int = PydanticField(
        default=0, description="Figures of this article's aligned sentences that the version changed."
    )
    figures_kept: int = PydanticField(
        default=0,
        description="Figures of this article's aligned sentences that the version states unchanged.",
    )
    names_swapped: int = PydanticField(
        default=0,
        description='Word swaps between two capitalised words ("Airbnb" -> "DoorDash").',
    )


class PickupAssessment(BaseModel):
    is_pickup: bool = PydanticField(
        description="The version derives from this article (a rewrite or copy of it), not only reports "
        "the same event: probability at or over threshold, not another story "
        "told in this article's words (3 or more figures changed, more than kept, and a name swapped: "
        "an agency's template filled with other facts; in a version judged copy or derived, two "
        "different names swapped), not published before this article, not a wire "
        "agency's story beside an article of an outlet that is none, published at the same moment or "
        "either undated (the outlet takes from the agency), and not "
        "taking its words from another file of this article's source: a stored version of the same "
        "source that the engine calls related, or that is no pickup of this article (an agency's story "
        "of another day repeating this one's background), holding more of the version's index keys "
        "than this article and all but a phrase of what the version shares with it. A condition not "
        "met, but the threshold, is the first of `reasons`."
    )
    probability: float = PydanticField(
        description="Probability that the version is a pickup of this article."
    )
    threshold: float = PydanticField(
        description="The decision's cut-off (chosen by grouped cross-validation)."
    )
    reasons: list[str] = PydanticField(
        description='The evidence that weighed most, strongest first, as "feature +weight" (log-odds).'
    )
    evidence: PickupEvidenceInfo


class RelatedVersion(BaseModel):
    article: ArticleInfo
    verdict: RelatedVerdict = PydanticField(description="The engine's verdict, this article as base.")
    base_retained: float = PydanticField(description="Share of this article's body found in the version.")
    other_from_base: float = PydanticField(description="Share of the version's body found in this article.")
    shared_keys: int = PydanticField(
        description="Index keys the two share: how strongly the index proposed it."
    )
    pickup: PickupAssessment = PydanticField(
        description="Whether the version is a pickup of this article, and why."
    )
    comparison: str = PydanticField(description="The full comparison, this article as base.")


class RelatedVersions(BaseModel):
    article_id: int
    data: list[RelatedVersion] = PydanticField(
        description="Pickups first, then the other related versions; the most likely pickup first "
        "within each."
    )
    count: int
    candidates: int = PydanticField(
        description="How many articles the index proposed and the engine compared."
    )
    excluded: list[int] = PydanticField(
        description="Candidates the engine judged unrelated (same topic, not a version)."
    )


class SharedSentence(BaseModel):
    op: Literal["kept", "reworded"]
    origin: str = PydanticField(description="The sentence in the origin.")
    article: str = PydanticField(description="The same sentence in this article.")


class OriginEvidence(BaseModel):
    shared_sentences: list[SharedSentence] = PydanticField(description=f"The first {SHARED_SENTENCES_SHOWN}.")
    shared_sentence_count: int
    credits: list[str] = PydanticField(description="Wire agencies this article credits.")
    origin_credits: list[str] = PydanticField(description="Wire agencies the origin credits.")
    credit_matches: bool = PydanticField(description="This article credits the origin's own source.")
    credit_dropped: bool = PydanticField(description="The origin credits an agency this article does not.")


class Origin(BaseModel):
    article_id: int
    origin: ArticleInfo
    is_original: bool = PydanticField(
        description="No stored article it derives from was published earlier, is undated, or is better "
        "credited: the article is its own origin."
    )
    verdict: RelatedVerdict | None = PydanticField(description="The engine's verdict, the origin as base.")
    pickup: PickupAssessment | None = PydanticField(
        description="Why the article is a pickup of the origin (None when it is its own origin)."
    )
    comparison: str | None = PydanticField(description="The full comparison, the origin as base.")
    evidence: OriginEvidence
    derives_from: list[int] = PydanticField(
        description="Every stored article it is a pickup of, in the order origin ranks them: the most "
        "likely pickup first (among several stories of one event, the one whose text it reuses most), "
        "near-equals by credit, then date (when each has one), then the first stored; not one whose "
        "source has another file it takes its words from (as that article's related versions say)."
    )


class ArticleVersion(ArticleInfo):
    version: int = PydanticField(description="1 for the first text stored for the URL, then 2, 3, ...")
    previous_id: int | None = PydanticField(description="The version stored before this one.")
    changes: str | None = PydanticField(
        description="What changed since the previous version: their comparison."
    )


class ArticleVersions(BaseModel):
    article_id: int
    url: str | None
    data: list[ArticleVersion] = PydanticField(description="Oldest first.")
    count: int


# --- the coverage matrix (app/services/coverage.py) ----------------------------------------------

#: Outlets in one matrix (as many as related versions, for ``"related": true``): wider than a
#: screen already; each is one comparison.
MAX_OUTLETS = MAX_RELATED

CellOp = Literal["kept", "reworded", "dropped"]
#: An id every database's id column holds (PostgreSQL's integer): larger ones are a 422.
StoredId = Annotated[int, PydanticField(ge=1, le=MAX_ID)]


class CoverageRequest(BaseModel):
    """A base article and the outlets to read against it: ``other_ids``, or every related version."""

    # strict: ids are JSON integers and related a JSON boolean, never true, "2" or 1
    model_config = ConfigDict(extra="forbid", strict=True)

    base_id: StoredId = PydanticField(description="The original, e.g. the wire story.")
    other_ids: list[StoredId] | None = PydanticField(
        default=None,
        min_length=1,
        max_length=MAX_OUTLETS,
        description="The outlets' versions, in the order their columns should have.",
    )
    related: bool = PydanticField(
        default=False, description="Take every related version of the base instead."
    )

    @model_validator(mode="after")
    def _outlets_given_once(self) -> Self:
        if (self.other_ids is None) == (not self.related):
            raise ValueError('Give either "other_ids" or "related": true')
        ids = self.other_ids or []
        if self.base_id in ids:
            raise ValueError("other_ids must not hold base_id")
        if len(set(ids)) != len(ids):
            raise ValueError("other_ids must not repeat an id")
        return self


class CoverageCell(BaseModel):
    op: CellOp
    moved: bool = PydanticField(description="The outlet has the sentence elsewhere in its order.")
    other: list[int] = PydanticField(description="The outlet's sentence indices.")
    changes: list[Change] = PydanticField(description="Word-level changes of a reworded sentence.")


class CoverageSentence(BaseModel):
    index: int
    role: Literal["title", "body"]
    text: str
    cells: list[CoverageCell] = PydanticField(description="One per outlet, in the order of outlets.")


class CoverageOutlet(BaseModel):
    article: ArticleInfo
    verdict: Literal["copy", "derived", "related", "unrelated"]
    base_retained: float = PydanticField(description="Share of the base's body this outlet kept or reworded.")
    other_from_base: float = PydanticField(description="Share of the outlet's body that comes from the base.")
    kept: int = PydanticField(description="Base body sentences this outlet kept (the title is not counted).")
    reworded: int = PydanticField(description="Base body sentences this outlet reworded.")
    dropped: int = PydanticField(description="Base body sentences this outlet dropped.")
    substitutions: list[Substitution]
    quotes_altered: list[str] = PydanticField(
        description="Base quotations the outlet changed inside the quotation marks or gave to another "
        "speaker."
    )
    quotes_missing: list[str] = PydanticField(
        description="Base quotations the outlet does not quote: left out, or put in indirect speech."
    )
    credits: list[str] = PydanticField(description="Wire agencies the outlet credits.")
    credit_dropped: bool = PydanticField(
        description="A copy or derivative of the base that does not credit an agency the base credits "
        "(another report of the event credits whom it likes)."
    )
    comparison: str


class Coverage(BaseModel):
    base: ArticleInfo
    outlets: list[CoverageOutlet]
    sentences: list[CoverageSentence] = PydanticField(
        description="The base's title and body sentences, in order."
    )
    dropped_by_all: list[int] = PydanticField(
        description="Indices of the base sentences every outlet dropped."
    )
    excluded: list[int] = PydanticField(
        description='With "related": true, the candidates the engine judged unrelated, left out.'
    )


# --- watches, alert rules and deliveries (app/services/watch.py, app/services/alerts.py) --------

WatchKind = Literal["feed", "sitemap", "page"]


class WatchCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: FetchableUrl = PydanticField(description="The feed, news sitemap or page to poll.")
    kind: WatchKind = PydanticField(description="feed (RSS or Atom), sitemap (a news sitemap) or page.")
    source: SourceText = PydanticField(
        min_length=1, max_length=200, description='The outlet, stored as each article\'s source, e.g. "BBC".'
    )


class WatchUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    source: SourceText | None = PydanticField(default=None, min_length=1, max_length=200)
    active: StrictBool | None = PydanticField(
        default=None, description="false pauses polling; true resumes it now."
    )


class WatchPublic(BaseModel):
    id: int
    kind: str
    url: str
    source: str
    active: bool
    created_at: datetime
    last_polled_at: datetime | None
    last_status: int | None = PydanticField(description="The last answer: 200, or 304 when unchanged.")
    next_poll_at: datetime | None = PydanticField(description="When it is next polled; null when it is not.")
    error_count: int = PydanticField(description="Errors in a row; each doubles the delay to the next poll.")
    last_error: str | None
    items: int = PydanticField(description="Article URLs it has found.")


class WatchedPagePublic(BaseModel):
    id: int
    url: str
    source: str
    first_seen_at: datetime
    published_at: datetime | None
    polls: int
    versions: int
    article_id: int | None = PydanticField(description="The latest version stored.")
    last_polled_at: datetime | None
    next_poll_at: datetime | None = PydanticField(description="null once it is a week old: no more polls.")
    error_count: int
    last_error: str | None


class WatchDetail(WatchPublic):
    pages: list[WatchedPagePublic]


class WatchesPublic(BaseModel):
    data: list[WatchPublic]
    count: int
    limit: int
    offset: int


Event = Literal[
    "pickup", "changed", "quote_altered", "figure_changed", "credit_dropped", "substitution", "stealth_edit"
]

#: apprise's plain HTTP channels reach any address named: a generic HTTP receiver is a
#: ``webhook_url`` instead, which is signed and goes through the fetcher's address checks.
_HTTP_CHANNELS = frozenset({"json", "jsons", "form", "forms", "xml", "xmls"})


def _not_shown_form(url: str) -> str:
    """422 for an address as answers show it (its credentials left out): a client that reads a rule
    and sends it back whole would otherwise replace the rule's address with its masked form."""
    if is_shown_form(url):
        raise ValueError(
            f"is an address as answers show it, its credentials left out ({HIDDEN}): give the whole "
            "address, or leave the field out to keep the rule's"
        )
    return url


def _not_shown_webhook(url: HttpUrl | None) -> HttpUrl | None:
    if url is not None:
        _not_shown_form(str(url))
    return url


def _usable_apprise_urls(urls: list[str] | None) -> list[str] | None:
    """422 for an apprise URL apprise cannot use, or one of its plain HTTP channels; a URL listed
    twice is kept once (a channel gets each alert once: its delivery is unique per alert)."""
    if not urls:
        return urls
    for url in urls:
        _not_shown_form(url)
    import apprise  # some 0.2 s to import: only a rule that names apprise URLs needs it

    for url in urls:
        scheme = url.split("://", 1)[0].lower() if "://" in url else ""
        if scheme in _HTTP_CHANNELS:
            raise ValueError(f"{scheme}:// posts to any address: give a plain HTTP receiver as webhook_url")
        if not apprise.Apprise().add(url):
            raise ValueError(f"apprise cannot use {url!r}")
    return list(dict.fromkeys(urls))


def webhook_key(secret: str, *, strict: bool = True) -> bytes:
    """The bytes a webhook secret signs with: a ``whsec_`` secret's are base64 (Standard Webhooks),
    any other secret's its UTF-8. ValueError for a ``whsec_`` secret that is not.

    ``strict``, as a new secret comes in: no whitespace around it, nothing but base64 after its
    prefix. Not strict, as a stored one signs (:func:`app.services.webhooks.signing_key`): read as
    receivers' libraries read it, trimmed, characters outside the alphabet skipped, so that a rule
    stored before the strict check (a secret pasted with a trailing newline) keeps signing.

    >>> webhook_key("whsec_c2VjcmV0")
    b'secret'
    >>> webhook_key("whsec_c2VjcmV0\\n", strict=False)
    b'secret'
    """
    if strict and secret != secret.strip():
        # a secret pasted with a space around it: signing reads whsec_ secrets trimmed, as
        # receivers' libraries do, so the space would sign as one key here and another there
        raise ValueError("a webhook secret must not start or end with whitespace")
    trimmed = secret.strip()
    if not trimmed.startswith("whsec_"):
        return secret.encode()
    try:
        key = base64.b64decode(trimmed.removeprefix("whsec_"), validate=strict)
    except binascii.Error as error:
        raise ValueError(f"a whsec_ secret is base64 after its prefix: {error}") from error
    if not key:
        raise ValueError("a whsec_ secret needs bytes after its prefix")
    return key


def _usable_secret(secret: str | None) -> str | None:
    """422 for a secret no delivery could sign with."""
    if secret is not None:
        webhook_key(secret)
    return secret


def never_fires(*, sources: list[str] | None, events: list[str], terms: list[str]) -> str | None:
    """Why a rule with these fields could never alert, or None: no source at all, or only
    substitution events with no framing word to look for."""
    if sources is not None and not sources:
        return "sources is empty: no article would ever match; leave it out (or null) for every source"
    if "substitution" in events and not any(term.strip() for term in terms):
        # a blank term matches no word: a rule of blank terms alone is a rule with none
        return "a substitution alert needs terms: the framing words to look for"
    return None


class AlertRuleCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: StorableText = PydanticField(min_length=1, max_length=200)
    events: list[Event] = PydanticField(min_length=1, description="The events that alert.")
    sources: list[SourceName] | None = PydanticField(
        default=None, description="Only articles of these sources (outlets); all when omitted."
    )
    min_change_share: StrictFloat = PydanticField(
        default=0.0, ge=0, le=1, description="changed: the least share of words changed (0.1 = 10%)."
    )
    terms: list[StorableText] = PydanticField(
        default_factory=list, description="substitution: framing words, e.g. militants, terrorists."
    )
    webhook_url: FetchableUrl | None = PydanticField(default=None, description="POSTed each alert, signed.")
    webhook_secret: StorableText | None = PydanticField(
        default=None,
        max_length=200,
        description="Standard Webhooks secret (whsec_ + base64); made when a webhook_url comes without one.",
    )
    apprise_urls: list[StorableText] = PydanticField(
        default_factory=list, description="apprise URLs (mailto://, slack://, matrix://, mastodon://, ...)."
    )
    active: StrictBool = True

    _apprise = field_validator("apprise_urls")(_usable_apprise_urls)
    _webhook = field_validator("webhook_url")(_not_shown_webhook)
    _secret = field_validator("webhook_secret")(_usable_secret)

    @model_validator(mode="after")
    def _can_fire(self) -> Self:
        reason = never_fires(sources=self.sources, events=list(self.events), terms=self.terms)
        if reason:
            raise ValueError(reason)
        return self


class AlertRuleUpdate(BaseModel):
    """The fields to change; those left out stay. Null clears "sources" (then every source
    counts) and "webhook_url" (no webhook); the other fields have no empty state, and null
    leaves them as they are."""

    model_config = ConfigDict(extra="forbid")

    name: StorableText | None = PydanticField(default=None, min_length=1, max_length=200)
    events: list[Event] | None = PydanticField(default=None, min_length=1)
    sources: list[SourceName] | None = None
    min_change_share: StrictFloat | None = PydanticField(default=None, ge=0, le=1)
    terms: list[StorableText] | None = None
    webhook_url: FetchableUrl | None = None
    webhook_secret: StorableText | None = PydanticField(
        default=None,
        max_length=200,
        description="A new signing secret (whsec_ + base64); made when a webhook_url comes without one.",
    )
    apprise_urls: list[StorableText] | None = None
    active: StrictBool | None = None

    _apprise = field_validator("apprise_urls")(_usable_apprise_urls)
    _webhook = field_validator("webhook_url")(_not_shown_webhook)
    _secret = field_validator("webhook_secret")(_usable_secret)


class AlertRulePublic(BaseModel):
    """A rule as every answer shows it. Its addresses carry credentials (a password, a token in
    the path or the query), kept for sending and never shown again, as the signing secret is:
    the webhook by its scheme and host, each apprise channel by its scheme alone."""

    id: int
    name: str
    events: list[str]
    sources: list[str] | None
    min_change_share: float
    terms: list[str]
    webhook_url: str | None = PydanticField(
        description="The webhook's scheme and host, e.g. https://hooks.example/\u2026: the rest (path, "
        "query, user and password) is never shown."
    )
    apprise_urls: list[str] = PydanticField(
        description="Each apprise channel's scheme alone, e.g. mailto://\u2026: the rest, where apprise "
        "keeps tokens and passwords, is never shown."
    )
    active: bool
    created_at: datetime

    @field_validator("webhook_url")
    @classmethod
    def _hide_webhook_credentials(cls, url: str | None) -> str | None:
        return None if url is None else shown_webhook_url(url)

    @field_validator("apprise_urls")
    @classmethod
    def _hide_apprise_credentials(cls, urls: list[str]) -> list[str]:
        return [shown_apprise_url(url) for url in urls]


class AlertRuleCreated(AlertRulePublic):
    webhook_secret: str | None = PydanticField(
        description="The signing secret (Standard Webhooks): shown once, when the rule is made."
    )


class AlertRuleUpdated(AlertRulePublic):
    webhook_secret: str | None = PydanticField(
        description="The signing secret this change made (a webhook_url added to a rule without a "
        "secret): shown this once; null otherwise."
    )


class AlertRulesPublic(BaseModel):
    data: list[AlertRulePublic]
    count: int


# --- what an alert says (app/services/alerts.py; the webhook's body, app/services/webhooks.py) ------
#
# Each entry of an alert's findings has one shape per ``kind``; the alert's event says which
# entries it holds (AlertData.findings).


class PickupSummary(BaseModel):
    """A ``pickup`` alert's first entry."""

    kind: Literal["pickup"] = "pickup"
    verdict: Verdict
    wire_source: str
    base_retained: float = PydanticField(description="The share of the wire story's text the article kept.")


class ChangeSummary(BaseModel):
    """A ``changed`` or ``stealth_edit`` alert's first entry (``kind`` is the event)."""

    kind: Literal["changed", "stealth_edit"]
    share: float = PydanticField(description="The share of words the new version changed.")
    verdict: Verdict
    headline: str = PydanticField(description="The comparison's findings headline.")


class RankedFinding(BaseModel):
    """One of the comparison's first findings, most important first, in a ``changed`` or
    ``stealth_edit`` alert (``kind`` is the engine's finding kind)."""

    kind: FindingKind
    severity: Severity
    message: str
    before: str | None = PydanticField(
        description="The words its sentence changed from (null: it points at no changed sentence)."
    )
    after: str | None = PydanticField(description="The words its sentence changed to.")


class CreditFinding(BaseModel):
    """A ``credit_dropped`` alert's entry: the wire's credits the pickup no longer carries."""

    kind: Literal["credit"] = "credit"
    wire_credits: list[str]


class QuoteFinding(BaseModel):
    """A ``quote_altered`` alert's entries: each quotation of the earlier text altered (in
    substance), missing, paraphrased or given to another speaker."""

    kind: Literal["quote"] = "quote"
    status: QuoteStatus
    quote: str = PydanticField(description="The quotation as the earlier text has it.")
    now: str | None = PydanticField(description="As the article has it now (null: missing).")


class FigureFinding(BaseModel):
    """A ``figure_changed`` alert's entries: each figure changed."""

    kind: Literal["figure"] = "figure"
    base: str | None
    other: str | None


class SwapFinding(BaseModel):
    """A ``substitution`` alert's entries: each word put in place of another."""

    kind: Literal["swap"] = "swap"
    base: str
    other: str
    count: int


AlertFinding = Annotated[
    PickupSummary
    | ChangeSummary
    | RankedFinding
    | CreditFinding
    | QuoteFinding
    | FigureFinding
    | SwapFinding,
    PydanticField(discriminator="kind"),
]


class AlertArticle(BaseModel):
    id: int
    source: str
    title: str | None
    url: str | None


class AlertData(BaseModel):
    alert_id: int
    rule_id: int
    event: Event
    source: str = PydanticField(description="The outlet of the article the alert is about.")
    article: AlertArticle
    base: AlertArticle | None = PydanticField(
        description="What the article was compared with: the wire story (pickup) or its previous version."
    )
    findings: list[AlertFinding] = PydanticField(
        description="pickup: a pickup entry; changed and stealth_edit: a changed or stealth_edit entry "
        "(kind: the event), then the comparison's first findings; credit_dropped: a credit entry; "
        "quote_altered: quote entries; figure_changed: figure entries; substitution: swap entries."
    )
    comparison_page: str = PydanticField(description="The dashboard page of the comparison.")
    comparison: str | None = PydanticField(description="The comparison in the API.")


class AlertWebhook(BaseModel):
    """The body of a webhook call, signed as Standard Webhooks say."""

    type: str = PydanticField(description="alert.{event}", examples=["alert.pickup"])
    timestamp: datetime = PydanticField(description="When the alert was raised.")
    data: AlertData


class AttemptPublic(BaseModel):
    attempted_at: datetime
    status_code: int | None
    error: str | None
    duration_ms: float


class DeliveryPublic(BaseModel):
    id: int
    alert_id: int
    event: str
    source: str
    article_id: int
    base_article_id: int | None
    channel: str = PydanticField(description="webhook or apprise.")
    target: str = PydanticField(
        description="Where it goes, as a rule's addresses are shown: a webhook's scheme and host, an "
        "apprise channel's scheme (https://hooks.example/\u2026, mailto://\u2026)."
    )

    @field_validator("target")
    @classmethod
    def _hide_target_credentials(cls, target: str, info: ValidationInfo) -> str:
        return shown_target(info.data.get("channel", ""), target)

    status: str = PydanticField(description="pending (retried at next_attempt_at), delivered or failed.")
    attempts: int
    next_attempt_at: datetime | None
    delivered_at: datetime | None
    last_error: str | None
    log: list[AttemptPublic]


class DeliveriesPublic(BaseModel):
    data: list[DeliveryPublic]
    count: int
    limit: int
    offset: int
