"""Liveness and readiness for orchestrators and load balancers."""

from __future__ import annotations

from fastapi import APIRouter, Request
from sqlalchemy.exc import SQLAlchemyError

from app.api.problems import ProblemError, problem_responses
from app.db import ping
from app.schemas import Health

router = APIRouter(tags=["health"])


@router.get("/livez")
async def livez() -> Health:
    """The process is up and answering (async: it does not wait for a worker thread)."""
    return Health()


@router.get("/readyz", responses=problem_responses(503))
def readyz(request: Request) -> Health:
    """The database answers ``SELECT 1``."""
    try:
        ping(request.app.state.db_engine)
    except SQLAlchemyError as error:
        raise ProblemError(503, f"Database unreachable ({type(error).__name__})") from error
    return Health()
