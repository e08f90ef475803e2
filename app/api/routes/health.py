"""Liveness and readiness for orchestrators and load balancers. Neither waits behind the requests:
/livez touches nothing, /readyz has its own connection and thread and a deadline."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import anyio
from fastapi import APIRouter, Request
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from starlette.datastructures import State

from app.api.problems import ProblemError, problem_responses
from app.db import head_revisions, ping, schema_revisions
from app.schemas import Health

router = APIRouter(tags=["health"])

#: How long /readyz waits for the database's answer: under the 1 s an orchestrator's probe
#: usually allows (Kubernetes' default timeoutSeconds), so that a slow database reads as not ready
#: rather than as a probe that hung.
READINESS_TIMEOUT_SECONDS = 0.8

#: A database away or slow may answer again in a moment: ask again in a second.
_RETRY = {"Retry-After": "1"}

T = TypeVar("T")


@router.get("/livez")
async def livez() -> Health:
    """The process is up and answering (async: it does not wait for a worker thread)."""
    return Health()


@router.get("/readyz", responses=problem_responses(503))
async def readyz(request: Request) -> Health:
    """The database answers within 0.8 s, and its schema is at this version's migrations (read
    until it has been found so once; after that, ``SELECT 1``)."""
    state = request.app.state
    revisions = await _probe(state, ping if state.schema_current else _revisions)
    if not state.schema_current:
        heads = head_revisions()
        if revisions != heads:
            at = ", ".join(sorted(revisions or ())) or "none"
            raise ProblemError(
                503,
                f"Database schema is at migration {at}, not {', '.join(sorted(heads))}: "
                "run `wirediff migrate`",
            )
        state.schema_current = True  # cheap from now on
    return Health()


async def _probe(state: State, probe: Callable[[Engine], T]) -> T:
    """``probe`` on the probe engine, in a thread of its own, within the deadline."""
    try:
        with anyio.fail_after(READINESS_TIMEOUT_SECONDS):
            return await anyio.to_thread.run_sync(
                probe,
                state.probe_engine,
                # a thread of its own, never one of the 40 the requests share (a burst keeps them busy)
                limiter=state.probe_threads,
                abandon_on_cancel=True,
            )
    except TimeoutError:
        raise ProblemError(
            503, f"Database did not answer within {READINESS_TIMEOUT_SECONDS:g} s", headers=_RETRY
        ) from None
    except SQLAlchemyError as error:
        raise ProblemError(503, f"Database unreachable ({type(error).__name__})", headers=_RETRY) from error


def _revisions(engine: Engine) -> frozenset[str]:
    """The schema's migrations, with this version's heads read (once) in the same thread."""
    head_revisions()
    return schema_revisions(engine)
