"""Liveness and readiness for orchestrators and load balancers. Neither waits behind the requests:
/livez touches nothing, /readyz has its own connection and thread and a deadline."""

from __future__ import annotations

import anyio
from fastapi import APIRouter, Request
from sqlalchemy.exc import SQLAlchemyError

from app.api.problems import ProblemError, problem_responses
from app.db import ping
from app.schemas import Health

router = APIRouter(tags=["health"])

#: How long /readyz waits for the database's answer: under the 1 s an orchestrator's probe
#: usually allows (Kubernetes' default timeoutSeconds), so that a slow database reads as not ready
#: rather than as a probe that hung.
READINESS_TIMEOUT_SECONDS = 0.8


@router.get("/livez")
async def livez() -> Health:
    """The process is up and answering (async: it does not wait for a worker thread)."""
    return Health()


@router.get("/readyz", responses=problem_responses(503))
async def readyz(request: Request) -> Health:
    """The database answers ``SELECT 1`` within 0.8 s."""
    try:
        with anyio.fail_after(READINESS_TIMEOUT_SECONDS):
            await anyio.to_thread.run_sync(
                ping,
                request.app.state.probe_engine,
                # a thread of its own, never one of the 40 the requests share (a burst keeps them busy)
                limiter=request.app.state.probe_threads,
                abandon_on_cancel=True,
            )
    except TimeoutError:
        raise ProblemError(
            503,
            f"Database did not answer within {READINESS_TIMEOUT_SECONDS:g} s",
            headers={"Retry-After": "1"},
        ) from None
    except SQLAlchemyError as error:
        raise ProblemError(503, f"Database unreachable ({type(error).__name__})") from error
    return Health()
