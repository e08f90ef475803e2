"""What the API answers while the database is away: 503 with Retry-After, never a 500.

A PostgreSQL server that stopped, a dropped connection, a SQLite file that cannot be opened or
is still locked after the busy timeout, a schema not migrated yet: all surface as SQLAlchemy's
``OperationalError``; a pool whose connections all stayed busy, as its ``TimeoutError``. The
request is refused as unavailable (its transaction never committed), and the engine's pool
reconnects (``pool_pre_ping``) once the database is back.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from starlette.responses import Response

from app.api.problems import RETRY_AFTER_SECONDS, problem_response

__all__ = ["install_outage_handlers"]

logger = logging.getLogger("wirediff")


async def _database_unavailable(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, OperationalError | PoolTimeoutError)
    cause = type(exc.orig).__name__ if isinstance(exc, OperationalError) else "no connection free"
    logger.warning("database unavailable on %s %s (%s)", request.method, request.url.path, cause)
    return problem_response(
        request,
        503,
        f"Database unavailable ({type(exc).__name__}); retry shortly",
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )


def install_outage_handlers(app: FastAPI) -> None:
    app.add_exception_handler(OperationalError, _database_unavailable)
    # every pooled connection stayed busy for WIREDIFF_DB_POOL_TIMEOUT: overloaded, not broken
    app.add_exception_handler(PoolTimeoutError, _database_unavailable)
