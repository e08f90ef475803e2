"""Errors as data: one RFC 9457 ``application/problem+json`` shape for every error the API returns.

Routes raise :class:`ProblemError` (or let FastAPI and Starlette raise their own
exceptions, or a service its :class:`~app.services.errors.DomainError`); the handlers installed
by :func:`install_problem_handlers` turn each into a :class:`Problem`.
:func:`problem_responses` documents them per route.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping, Sequence
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from sqlalchemy.orm.exc import ObjectDeletedError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from app.engine import ComparisonTimeoutError
from app.schemas import Problem, ValidationIssue
from app.services.errors import (
    ArticleNotFound,
    DomainError,
    ExtractorBusy,
    FetchFailed,
    FetchForbidden,
    FetchRefused,
    OverLimit,
    PageUnusable,
    StoreContended,
)

__all__ = [
    "PROBLEM_MEDIA_TYPE",
    "RETRY_AFTER_SECONDS",
    "Problem",
    "ProblemError",
    "ValidationIssue",
    "add_problem_schemas",
    "domain_status",
    "install_problem_handlers",
    "problem_body",
    "problem_response",
    "problem_responses",
]

PROBLEM_MEDIA_TYPE = "application/problem+json"
logger = logging.getLogger("wirediff")


class ProblemError(Exception):
    """Raise to answer with a problem; ``errors`` lists field-level reasons."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        errors: Sequence[ValidationIssue] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.errors = list(errors) if errors is not None else None
        self.headers = dict(headers or {})


#: RFC 9110's reason phrases where Python 3.11's ``http.HTTPStatus`` still has the older ones.
_TITLES = {413: "Content Too Large", 422: "Unprocessable Content"}


def status_title(status: int) -> str:
    return _TITLES.get(status) or HTTPStatus(status).phrase


#: What a path may hold as it is (RFC 3986: pchar and "/"): every other character is percent-encoded.
_PATH_SAFE = "/!$&'()*+,;=:@"


def problem_body(
    status: int, detail: str | None, instance: str | None, errors: list[ValidationIssue] | None = None
) -> bytes:
    """The problem's JSON; ``instance``, the request's path as the server decoded it, is written as a
    URI reference (a space, a non-ASCII character percent-encoded in UTF-8)."""
    problem = Problem(
        title=status_title(status),
        status=status,
        detail=detail,
        instance=None if instance is None else quote(instance, safe=_PATH_SAFE),
        errors=errors,
    )
    return problem.model_dump_json(exclude_none=True).encode()


def problem_response(
    request: Request,
    status: int,
    detail: str | None,
    errors: list[ValidationIssue] | None = None,
    headers: Mapping[str, str] | None = None,
) -> Response:
    """The problem+json answer, or under /ui, where the dashboard is installed, its error page."""
    page = getattr(request.app.state, "problem_page", None)
    if page is not None and (request.url.path == "/ui" or request.url.path.startswith("/ui/")):
        # the dashboard's own errors are pages a reader can act on, with the same status and headers
        rendered: Response = page(request, status, detail, headers, errors)
        return rendered
    return Response(
        problem_body(status, detail, request.url.path, errors),
        status_code=status,
        media_type=PROBLEM_MEDIA_TYPE,
        headers=headers,
    )


def _default_detail(request: Request, status: int) -> str | None:
    if status == 404:
        return f"Nothing at {request.url.path}"
    if status == 405:
        return f"{request.method} is not allowed on {request.url.path}"
    return None


def _allowed_methods(request: Request) -> str | None:
    """Every method the path supports, from the OpenAPI paths (Starlette's own Allow header names
    only the first route that matched the path)."""
    paths: dict[str, dict[str, object]] = request.app.openapi().get("paths", {})
    for template, operations in paths.items():
        pattern = re.sub(r"\\\{[^}]*\\\}", "[^/]+", re.escape(template))
        if re.fullmatch(pattern, request.url.path):
            return ", ".join(sorted(method.upper() for method in operations))
    return None


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    detail = exc.detail if exc.detail != HTTPStatus(exc.status_code).phrase else None
    headers = dict(exc.headers or {})
    if exc.status_code == 405:
        headers["Allow"] = _allowed_methods(request) or headers.get("Allow", "")
    return problem_response(
        request, exc.status_code, detail or _default_detail(request, exc.status_code), headers=headers
    )


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    issues = [
        ValidationIssue(
            loc=list(error.get("loc", ())), detail=str(error.get("msg", "")), type=str(error["type"])
        )
        for error in exc.errors()
    ]
    if any(issue.type == "json_invalid" for issue in issues):
        return problem_response(request, 400, "The body is not valid JSON", issues)
    count = "1 invalid field" if len(issues) == 1 else f"{len(issues)} invalid fields"
    return problem_response(request, 422, f"The request has {count}: see errors", issues)


async def _problem_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ProblemError)
    return problem_response(request, exc.status, exc.detail, exc.errors, exc.headers)


#: What Retry-After says on a 503 that is over by itself shortly (the database away, a long write
#: lock, the extractors busy, other writers racing for the same article).
RETRY_AFTER_SECONDS = 2

#: The status each refusal of the domain answers with; a subclass not listed answers as its
#: nearest listed base does.
_DOMAIN_STATUSES: dict[type[DomainError], int] = {
    DomainError: 422,
    ArticleNotFound: 404,
    OverLimit: 422,
    FetchRefused: 422,  # the client's URL
    PageUnusable: 422,  # the client's page, or the one at the client's URL
    FetchForbidden: 403,
    FetchFailed: 502,  # the remote server failed us, not the client
    ExtractorBusy: 503,  # the same request may succeed shortly
    StoreContended: 503,  # likewise
}


def domain_status(error: DomainError) -> int:
    """The HTTP status a domain error answers with, here and on the dashboard's forms."""
    for kind in type(error).__mro__:
        if kind in _DOMAIN_STATUSES:
            return _DOMAIN_STATUSES[kind]
    raise AssertionError(f"{type(error).__name__} is no DomainError")  # pragma: no cover


async def _domain_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, DomainError)
    issues = exc.issues if isinstance(exc, OverLimit) else None
    status = domain_status(exc)
    # a 503 of the domain is a race or a busy moment: the same request may succeed shortly
    headers = {"Retry-After": str(RETRY_AFTER_SECONDS)} if status == 503 else None
    return problem_response(request, status, exc.detail, issues, headers)


async def _deleted_meanwhile(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ObjectDeletedError)
    return problem_response(request, 404, "An article this request read was deleted meanwhile")


async def _over_time_budget(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ComparisonTimeoutError)
    detail = (
        f"The comparison took longer than its time budget of {exc.budget:g} s "
        "(WIREDIFF_COMPARE_TIME_BUDGET); send shorter texts"
    )
    issue = ValidationIssue(loc=[], detail=detail, type="limit")
    return problem_response(request, 422, detail, [issue])


async def _unexpected_error(request: Request, exc: Exception) -> Response:
    logger.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return problem_response(request, 500, "An unexpected error occurred; it has been logged")


def install_problem_handlers(app: FastAPI) -> None:
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(ProblemError, _problem_error)
    # the domain's refusals, each kind as one status (_DOMAIN_STATUSES)
    app.add_exception_handler(DomainError, _domain_error)
    # a row another request deleted after this one loaded it (its attributes expired on a commit)
    app.add_exception_handler(ObjectDeletedError, _deleted_meanwhile)
    app.add_exception_handler(ComparisonTimeoutError, _over_time_budget)
    app.add_exception_handler(Exception, _unexpected_error)


#: What each status means on this API; routes list the ones they can answer.
_DESCRIPTIONS = {
    400: "The body is not valid JSON.",
    404: "No such article.",
    406: "None of the media types in Accept can be produced.",
    413: "The request body is larger than WIREDIFF_MAX_BODY_BYTES.",
    415: "The body is not application/json, or is compressed (any Content-Encoding).",
    422: "The request is invalid: `errors` lists each field, or a text is over a configured limit.",
    503: "The database cannot be reached.",
}


def problem_responses(
    *statuses: int, described: Mapping[int, str] | None = None
) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` entries for the given statuses, all with the :class:`Problem` schema;
    ``described`` overrides the default description of a status."""
    schema = {"$ref": "#/components/schemas/Problem"}
    texts = {**_DESCRIPTIONS, **(described or {})}
    return {
        status: {
            "description": texts.get(status, status_title(status)),
            "content": {PROBLEM_MEDIA_TYPE: {"schema": schema}},
        }
        for status in statuses
    }


def add_problem_schemas(app: FastAPI) -> None:
    """Put :class:`Problem` into ``components.schemas``, where :func:`problem_responses` points."""
    build: Callable[[], dict[str, Any]] = app.openapi

    def openapi() -> dict[str, Any]:
        schema = build()
        schemas = schema.setdefault("components", {}).setdefault("schemas", {})
        if "Problem" not in schemas:
            problem = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
            schemas.update(problem.pop("$defs", {}))
            schemas["Problem"] = problem
            schema["components"]["schemas"] = dict(sorted(schemas.items()))
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
