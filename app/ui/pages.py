"""What every dashboard page shares: the templates, the page response (with its security policy),
the not-found page, and article lookups."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates
from pydantic import ValidationError
from pydantic_core import ErrorDetails
from sqlmodel import Session

from app import crud
from app.api.problems import status_title
from app.engine import DERIVES, JUDGEMENT_RULES, split_sentences
from app.engine.pickup import ruled_out_by
from app.engine.render import finding_runs
from app.models import MAX_ID, Article
from app.schemas import ValidationIssue
from app.ui.views import OPS, VERDICTS

__all__ = [
    "MAX_ID",
    "MENU_LIMIT",
    "article_title",
    "choices",
    "editor_message",
    "form_errors",
    "get_article",
    "not_found",
    "problem_page",
    "render_page",
    "templates",
]

#: How long a title made from an article's first sentence may be.
FALLBACK_TITLE_CHARS = 90


def article_title(article: Article) -> str:
    """The article's title, or, for a text with no headline line, its first sentence clipped."""
    if article.title:
        return article.title
    first = next((s for s in split_sentences(article.text)), None)
    if first is None:
        return "(untitled)"
    sentence = " ".join(article.text[first[0] : first[1]].split())
    return (
        sentence
        if len(sentence) <= FALLBACK_TITLE_CHARS
        else sentence[: FALLBACK_TITLE_CHARS - 1].rstrip() + "\u2026"
    )


templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
templates.env.globals.update(
    DERIVES=DERIVES,
    OPS=OPS,
    VERDICTS=VERDICTS,
    JUDGEMENT_RULES=JUDGEMENT_RULES,
    article_title=article_title,
    finding_runs=finding_runs,
    ruled_out_by=ruled_out_by,
)

#: Up to this many stored articles are offered in a menu; past it, the forms ask for an id.
MENU_LIMIT = 100
#: The pages load only their own stylesheet and script; nothing may frame them.
PAGE_POLICY = (
    "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)


def render_page(
    request: Request,
    name: str,
    context: dict[str, Any],
    status_code: int = 200,
    headers: Mapping[str, str] | None = None,
) -> Response:
    """A template rendered (autoescaped), with the pages' Content-Security-Policy."""
    return templates.TemplateResponse(
        request,
        name,
        context,
        status_code=status_code,
        headers={**(headers or {}), "Content-Security-Policy": PAGE_POLICY},
    )


def not_found(request: Request, detail: str) -> Response:
    return render_page(request, "error.html", {"title": "Not found", "detail": detail}, status_code=404)


def problem_page(
    request: Request,
    status: int,
    detail: str | None,
    headers: Mapping[str, str] | None = None,
    errors: Sequence[ValidationIssue] | None = None,
) -> Response:
    """What the API answers as problem+json, as a page for the dashboard's reader: a comparison
    over its time budget (422), too many requests (429, Retry-After kept), no turn free (503),
    a page that is not there (404); an address whose values are invalid lists each one and why."""
    title = status_title(status)
    # each issue under its parameter's name ("source", not "query.source.1"), but the page's own detail
    invalid = [
        (next((str(part) for part in reversed(issue.loc) if isinstance(part, str)), "address"), issue.detail)
        for issue in errors or ()
        if issue.detail != detail
    ]
    if invalid and detail:
        detail = detail.removesuffix(" see errors")  # the problem's errors member: listed below
    return render_page(
        request,
        "error.html",
        {"title": title, "detail": detail or title, "status": status, "invalid": invalid},
        status_code=status,
        headers=headers,
    )


#: What the forms say for a kind of validation error, in an editor's words rather than pydantic's
#: ("Value should have at most 500 items after validation, not 5000"); ``{names}`` are the error's
#: context. A kind not here keeps its message: the schemas' own checks say theirs for people.
_EDITOR_MESSAGES = {
    "missing": "Fill this in",
    "string_too_short": "Give at least {min_length} characters",
    "string_too_long": "Keep it to {max_length} characters or fewer",
    "too_long": "Keep it to {max_length} characters or fewer (this has {actual_length})",
    "too_short": "Give at least {min_length}",
    "less_than_equal": "Give a number no greater than {le:g}",
    "greater_than_equal": "Give a number no less than {ge:g}",
    "less_than": "Give a number under {lt:g}",
    "greater_than": "Give a number over {gt:g}",
    "float_type": "Give a number, such as 0.25",
    "float_parsing": "Give a number, such as 0.25",
    "int_parsing": "Give a whole number",
    "literal_error": "Choose one of {expected}",
    "date_parsing": "Give a date that exists, as YYYY-MM-DD",
    "date_from_datetime_parsing": "Give a date that exists, as YYYY-MM-DD",
    "datetime_parsing": "Give a date that exists, as YYYY-MM-DD",
    "datetime_from_date_parsing": "Give a date that exists, as YYYY-MM-DD",
    "url_parsing": "Give an http or https address",
    "url_scheme": "Give an http or https address",
}


def editor_message(error: ErrorDetails) -> str:
    """One validation error as a form says it: a sentence an editor can act on.

    >>> refusal = ValueError("must be an http or https URL")
    >>> editor_message({"type": "value_error", "loc": ("url",), "input": "ftp://x",
    ...     "msg": f"Value error, {refusal}", "ctx": {"error": refusal}})
    'Must be an http or https URL.'
    >>> editor_message({"type": "too_short", "loc": ("events",), "input": [],
    ...     "msg": "List should have at least 1 item after validation, not 0", "ctx": {"min_length": 1}})
    'Choose at least one.'
    """
    kind, context = error["type"], error.get("ctx") or {}
    if kind == "value_error":  # a schema's own check: its words, without pydantic's "Value error, "
        message = str(context.get("error", error["msg"]))
    elif kind in ("string_too_short", "too_short") and context.get("min_length") == 1:
        message = "Fill this in" if kind == "string_too_short" else "Choose at least one"
    elif kind == "too_long" and context.get("field_type") == "List":
        message = "Give at most {max_length} (not {actual_length})".format(**context)
    else:
        try:
            message = _EDITOR_MESSAGES[kind].format(**context)
        except (KeyError, ValueError, TypeError):  # not listed, or a context the words do not fit
            message = error["msg"]
    message = message[:1].upper() + message[1:]
    return message if message.endswith((".", "?", "!")) else f"{message}."


def _first_field(loc: tuple[int | str, ...]) -> str:
    return str(loc[0]) if loc else "form"


def form_errors(
    error: ValidationError, field: Callable[[tuple[int | str, ...]], str] = _first_field
) -> dict[str, str]:
    """A form's validation error as each field's message, keyed as the form's template shows
    them (``field`` maps a location to the form's field; by default the first part of it)."""
    return {field(e["loc"]): editor_message(e) for e in error.errors()}


def get_article(session: Session, article_id: int) -> Article | None:
    return crud.get_article(session=session, article_id=article_id) if 0 < article_id <= MAX_ID else None


def choices(session: Session) -> list[Article] | None:
    """The stored articles for a menu, or None when there are too many to list."""
    articles, count = crud.list_articles(session=session, limit=MENU_LIMIT)
    return articles if count <= MENU_LIMIT else None
