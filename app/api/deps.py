"""Dependencies shared by the routes: settings, a database session per request, article lookups
that answer 404, the JSON content-type check and output format negotiation."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from typing import Annotated, TypeVar
from urllib.parse import quote

from fastapi import Depends, Path, Query, Request
from pydantic import BeforeValidator
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from app.api.admission import DatabaseGate
from app.api.problems import ProblemError
from app.api.security import current_settings
from app.config import Settings
from app.crud import get_article
from app.models import MAX_ID, Article
from app.schemas import SentencesInput, TextInput, canonical_id, parse_id
from app.services.comparisons import OutputFormat
from app.services.limits import Located

__all__ = [
    "ACCEPTED_FORMATS",
    "MAX_ID",
    "ArticleId",
    "FormatDep",
    "FormatQuery",
    "PageId",
    "SessionDep",
    "SettingsDep",
    "article_or_404",
    "canonical_id",
    "chosen_format",
    "csv_attachment",
    "located",
    "negotiate",
    "negotiate_format",
    "output_format",
    "parse_id",
    "require_json",
    "side_content",
]

SettingsDep = Annotated[Settings, Depends(current_settings)]


async def get_db(request: Request) -> AsyncIterator[Session]:
    """A session for the request, once the database gate admits it (503 after
    WIREDIFF_DB_QUEUE_TIMEOUT); closed in a worker thread after the answer, then the slot is freed.
    A coroutine, so that waiting for the gate holds no thread."""
    gate: DatabaseGate = request.app.state.db_gate
    async with gate.admitted():
        session = Session(request.app.state.db_engine)
        try:
            yield session
        finally:
            await run_in_threadpool(session.close)


SessionDep = Annotated[Session, Depends(get_db)]

#: An id in a dashboard address: canonical; one out of range is a page that is not there (404).
PageId = Annotated[int, BeforeValidator(canonical_id)]
#: An article's id in an API path: one spelling (:func:`app.schemas.canonical_id`), and no larger
#: than every database's id column holds (MAX_ID): a 422, not an overflow inside the driver.
ArticleId = Annotated[
    int, Path(ge=1, le=MAX_ID, description="An article's id."), BeforeValidator(canonical_id)
]


def article_or_404(session: Session, article_id: int) -> Article:
    article = get_article(session=session, article_id=article_id)
    if article is None:
        raise ProblemError(404, f"Article {article_id} not found")
    return article


async def require_json(request: Request) -> None:
    """415 unless the body is declared JSON (``application/json`` or ``application/*+json``) in
    UTF-8, the one encoding read: a declared ``charset`` other than ``utf-8`` is refused, not
    read as UTF-8 regardless."""
    media_type, _, parameters = request.headers.get("content-type", "").partition(";")
    media_type = media_type.strip().lower()
    if media_type != "application/json" and not (
        media_type.startswith("application/") and media_type.endswith("+json")
    ):
        shown = media_type or "none"
        raise ProblemError(415, f"Send the body as application/json (Content-Type was {shown})")
    for parameter in parameters.split(";"):
        name, _, value = parameter.partition("=")
        charset = value.strip().strip('"').strip().lower()
        if name.strip().lower() == "charset" and charset != "utf-8":
            raise ProblemError(
                415, f"Send the body as UTF-8 JSON (Content-Type declared charset={charset or 'none'})"
            )


# --- output format ---------------------------------------------------------------------

#: The media types a comparison can be had in, wildcards included, and their formats.
ACCEPTED_FORMATS = {
    "application/json": OutputFormat.json,
    "application/*": OutputFormat.json,
    "*/*": OutputFormat.json,
    "text/plain": OutputFormat.text,
    "text/*": OutputFormat.text,
    "text/html": OutputFormat.html,
    "text/markdown": OutputFormat.markdown,
}


Format = TypeVar("Format")


#: A weight: a number from 0 to 1 (RFC 9110 12.4.2 writes at most three decimals; "q=.5" and
#: "q=1.0000" are read as what they plainly mean, "q=nan" or "q=2" as no weight at all).
_WEIGHT = re.compile(r"[0-9]++(?:\.[0-9]++)?|\.[0-9]++")  # digits taken whole: no split tried
#: The media-type parameters the formats are made with: all of it is UTF-8, the Markdown is
#: GitHub's (RFC 7763's "variant=GFM": tables), a CSV opens with its header row (RFC 4180). A
#: range with any other parameter ("text/html;level=1") names something else.
_MADE_WITH = frozenset({("charset", "utf-8"), ("variant", "gfm"), ("header", "present")})


@dataclass(slots=True, frozen=True)
class _MediaRange:
    name: str  # lower case, e.g. text/html, text/*
    params: frozenset[tuple[str, str]]  # its media-type parameters (not q, nor what follows q)
    quality: float
    position: int  # in the client's order


def _media_range(item: str, position: int) -> _MediaRange | None:
    """One range of an Accept header; None for one with an invalid weight (``q=nan``, ``q=2``,
    ``q=high``): RFC 9110 gives it no meaning, so it says nothing, as an unknown range does."""
    media_range, *params = (part.strip() for part in item.split(";"))
    own: set[tuple[str, str]] = set()
    quality = 1.0
    for param in params:
        name, _, value = (piece.strip() for piece in param.partition("="))
        if name.lower() == "q":
            if not _WEIGHT.fullmatch(value) or not 0 <= float(value) <= 1:
                return None
            quality = float(value)
            break  # what follows q are accept extensions, not the media type's
        own.add((name.lower(), value.strip('"').lower()))
    return _MediaRange(media_range.lower(), frozenset(own), quality, position)


def negotiate(accept: str | None, accepted: Mapping[str, Format], default: Format) -> Format | None:
    """The best of ``accepted`` (media type -> format; a wildcard names the format it stands for)
    for an Accept header: ``default`` when the header says nothing, None when nothing acceptable
    can be made.

    Each media type takes the q of the most specific range that names it (RFC 9110 12.5.1): a
    type before its subtype wildcard before ``*/*``, and with media-type parameters before
    without. A range with parameters names only a representation that has them (ours have none
    but charset=utf-8), so ``text/html;level=1;q=0`` refuses nothing we make. Of equally specific
    ranges, the highest q counts. So a type the client refuses with q=0 is never chosen, not even
    through a wildcard that also matches it. A range with an invalid q is ignored. The highest q
    wins, then the range the client listed first, then the format that range's wildcard stands for.

    >>> formats = {"application/json": "json", "*/*": "json", "text/plain": "text", "text/html": "html"}
    >>> negotiate("application/json;q=0, */*", formats, "json")
    'text'
    >>> negotiate("text/plain;q=0", formats, "json") is None
    True
    >>> negotiate("text/html;level=1;q=0, text/html", formats, "json")
    'html'
    """
    if not accept or not accept.strip():
        return default
    ranges = [
        parsed
        for position, item in enumerate(accept.split(","))
        if (parsed := _media_range(item, position)) is not None
        and parsed.name in accepted  # ranges we cannot make anything of say nothing here
        and parsed.params <= _MADE_WITH
    ]
    best: tuple[tuple[float, int, bool, int], Format] | None = None
    for order, media_type in enumerate(media_type for media_type in accepted if "*" not in media_type):
        names = (media_type, f"{media_type.partition('/')[0]}/*", "*/*")
        matches = [
            ((names.index(each.name), -len(each.params)), -each.quality, each.position, each)
            for each in ranges
            if each.name in names
        ]
        if not matches:
            continue
        chosen = min(matches)[-1]  # the most specific range, its highest q, the first given
        if chosen.quality <= 0:
            continue
        rank = (-chosen.quality, chosen.position, accepted[chosen.name] != accepted[media_type], order)
        if best is None or rank < best[0]:
            best = (rank, accepted[media_type])
    return best[1] if best is not None else None


def negotiate_format(accept: str | None) -> OutputFormat | None:
    """The best output format for an Accept header; None when nothing acceptable can be made.

    >>> negotiate_format("text/html,application/xhtml+xml,*/*;q=0.8")
    <OutputFormat.html: 'html'>
    >>> negotiate_format("text/markdown;q=0.5, text/plain")
    <OutputFormat.text: 'text'>
    >>> negotiate_format("image/png") is None
    True
    """
    return negotiate(accept, ACCEPTED_FORMATS, OutputFormat.json)


#: The ``format`` query parameter, for routes that take it without :data:`FormatDep`.
FormatQuery = Annotated[
    OutputFormat | None,
    Query(description="json (default), text, html or markdown; overrides the Accept header."),
]


def chosen_format(
    request: Request, format: Format | None, accepted: Mapping[str, Format], default: Format
) -> Format:
    """``?format=`` when given, else the best of ``accepted`` for the Accept header; 406 naming the
    media types it can make when nothing fits."""
    if format is not None:
        return format
    negotiated = negotiate(request.headers.get("accept"), accepted, default)
    if negotiated is None:
        media_types = ", ".join(media_type for media_type in accepted if "*" not in media_type)
        raise ProblemError(406, f"Acceptable: {media_types} (or use ?format=)")
    return negotiated


def csv_attachment(name: str) -> str:
    """Content-Disposition for a download of ``name``.csv: an ASCII ``filename`` (a header is
    Latin-1, and a quote would end the value) and the name itself as RFC 5987's ``filename*``."""
    fallback = re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("_") or "export"
    return f"attachment; filename=\"{fallback}.csv\"; filename*=UTF-8''{quote(name + '.csv', safe='')}"


def output_format(request: Request, format: OutputFormat | None) -> OutputFormat:
    """A comparison's format: ``?format=``, else the Accept header's best; 406 when nothing fits."""
    return chosen_format(request, format, ACCEPTED_FORMATS, OutputFormat.json)


async def requested_format(request: Request, format: FormatQuery = None) -> OutputFormat:
    return output_format(request, format)


FormatDep = Annotated[OutputFormat, Depends(requested_format)]


# --- configured limits ---------------------------------------------------------------------


def side_content(side: TextInput | SentencesInput) -> str | list[str]:
    """What the engine compares: the raw text, or the list of sentences."""
    return side.text if isinstance(side, TextInput) else side.sentences


def located(loc: list[str | int], side: TextInput | SentencesInput) -> Located:
    """A side's content with where it sits in the request, for :func:`enforce_text_limits`."""
    return [*loc, "text" if isinstance(side, TextInput) else "sentences"], side_content(side)
