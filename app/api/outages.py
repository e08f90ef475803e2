"""What the API answers while the database is away: 503 with Retry-After, never a 500.

A PostgreSQL server that stopped, a dropped connection, a SQLite file that cannot be opened or
is still locked after the busy timeout: all surface as SQLAlchemy's ``OperationalError``; a pool
whose connections all stayed busy, as its ``TimeoutError``. The request is refused as unavailable
(its transaction never committed), and the engine's pool reconnects (``pool_pre_ping``) once the
database is back. A schema not migrated (a table or column missing: SQLite's ``OperationalError``,
PostgreSQL's ``ProgrammingError``) is a 503 too, but one that says to run ``wirediff migrate``
and asks for no retry.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from sqlalchemy.exc import OperationalError, ProgrammingError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from starlette.responses import Response

from app.api.problems import RETRY_AFTER_SECONDS, _unexpected_error, problem_response
from app.db import is_missing_schema

__all__ = ["install_outage_handlers"]

logger = logging.getLogger("wirediff")


async def _database_unavailable(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, OperationalError | PoolTimeoutError)
    if is_missing_schema(exc):
        return _schema_missing(request, exc)
    cause = type(exc.orig).__name__ if isinstance(exc, OperationalError) else "no connection free"
    logger.warning("database unavailable on %s %s (%s)", request.method, request.url.path, cause)
    return problem_response(
        request,
        503,
        f"Database unavailable ({type(exc).__name__}); retry shortly",
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )


def _schema_missing(request: Request, exc: Exception) -> Response:
    """A table or column the code reads is not there: no outage that passes, but a database
    that was not migrated (no Retry-After: asking again changes nothing until it is)."""
    logger.error(
        "database schema not migrated on %s %s (%s): run `wirediff migrate`",
        request.method,
        request.url.path,
        getattr(exc, "orig", exc),
    )
    return problem_response(request, 503, "Database schema is not migrated: run `wirediff migrate`")


async def _undefined_object(request: Request, exc: Exception) -> Response:
    """PostgreSQL reports a missing table as a ProgrammingError; any other is a bug (500)."""
    if is_missing_schema(exc):
        return _schema_missing(request, exc)
    return await _unexpected_error(request, exc)


def install_outage_handlers(app: FastAPI) -> None:
    app.add_exception_handler(OperationalError, _database_unavailable)
    app.add_exception_handler(ProgrammingError, _undefined_object)
    # every pooled connection stayed busy for WIREDIFF_DB_POOL_TIMEOUT: overloaded, not broken
    app.add_exception_handler(PoolTimeoutError, _database_unavailable)
