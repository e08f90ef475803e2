"""Comparisons over HTTP: ad hoc (nothing stored) and between stored articles (cached, with ETag).

Both routes are coroutines that answer a cached result on the event loop: an ad-hoc comparison
from the worker's :class:`~app.services.comparisons.ResultCache`, a stored one through
:func:`app.services.comparisons.read_cached`. Only computing or rendering takes a comparison
turn and a thread. BENCHMARKS.md (Service under load) has the measurements behind this.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Request, Response
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool

from app.api.admission import DatabaseGate
from app.api.deps import (
    ArticleId,
    FormatDep,
    FormatQuery,
    SettingsDep,
    located,
    output_format,
    require_json,
)
from app.api.guard import COMPARE_REFUSALS, CompareGuard, client_of, compare_rate
from app.api.problems import problem_responses
from app.api.routing import ApiRoute
from app.config import Settings
from app.engine import CompareOptions, Comparison
from app.schemas import CompareRequest
from app.services.comparisons import (
    MEDIA_TYPES,
    OutputFormat,
    ResultCache,
    compare_by_ids,
    from_json,
    read_cached,
    render,
    request_key,
)
from app.services.limits import (
    Located,
    cached_version,
    compare_within_limits,
    enforce_text_limits,
    server_options,
)

# Each route checks the client's rate, and takes a turn itself, only to compute or render.
router = APIRouter(route_class=ApiRoute, tags=["compare"], responses=COMPARE_REFUSALS)

_RENDERINGS: dict[str, Any] = {
    media_type.partition(";")[0]: {"schema": {"type": "string"}}
    for output, media_type in MEDIA_TYPES.items()
    if output is not OutputFormat.json
}


@router.post(
    "/compare",
    response_model=Comparison,
    dependencies=[Depends(compare_rate), Depends(require_json)],
    responses={
        200: {"description": "The comparison, as JSON or the rendering asked for.", "content": _RENDERINGS},
        **problem_responses(400, 406, 413, 415, 422),
    },
)
async def compare_texts(
    request: Request, request_body: CompareRequest, output: FormatDep, settings: SettingsDep
) -> Response:
    """Compare two texts (raw, or pre-split sentences) without storing anything."""
    base = located(["body", "base"], request_body.base)
    other = located(["body", "other"], request_body.other)
    enforce_text_limits(settings, base, other)
    options = server_options(settings, request_body.options.to_engine())
    # the same request again (a retry, a dashboard refresh, a feed polled) is answered from memory
    cache: ResultCache = request.app.state.result_cache
    key = request_key(base[1], other[1], options, output)
    body = cache.get(key)
    if body is None:
        guard: CompareGuard = request.app.state.compare_guard
        async with guard.turn(client_of(request)):
            body = await run_in_threadpool(_compare_and_render, base, other, settings, options, output)
        cache.put(key, body)
    return Response(body, media_type=MEDIA_TYPES[output], headers={"Vary": "Accept"})


def _compare_and_render(
    base: Located, other: Located, settings: Settings, options: CompareOptions, output: OutputFormat
) -> bytes:
    return render(compare_within_limits(base, other, settings, options), output)


def _matches(if_none_match: str, etag: str) -> bool:
    """Weak comparison, as RFC 9110 asks for If-None-Match."""
    candidates = [tag.strip().removeprefix("W/") for tag in if_none_match.split(",")]
    return "*" in candidates or etag in candidates


@router.get(
    "/articles/{base_id}/compare/{other_id}",
    response_model=Comparison,
    responses={
        200: {
            "description": "The comparison, as JSON or the rendering asked for.",
            "content": _RENDERINGS,
            "headers": {"ETag": {"schema": {"type": "string"}, "description": "Differs per format."}},
        },
        304: {"description": "Not Modified: If-None-Match holds the current ETag."},
        **problem_responses(404, 406, 422),
    },
)
async def compare_stored(
    request: Request,
    base_id: ArticleId,
    other_id: ArticleId,
    format: FormatQuery = None,
    if_none_match: Annotated[str | None, Header()] = None,
) -> Response:
    """Compare two stored articles. The result is cached per engine version, so asking again is cheap."""
    # The rate, the format and the settings here rather than as dependencies, which FastAPI
    # resolves at a cost that took 9% of this read's throughput (BENCHMARKS.md, Service under
    # load). FastAPI's 422 for a malformed id therefore comes first, and that request is not counted.
    await compare_rate(request)
    output = output_format(request, format)
    engine: Engine = request.app.state.db_engine
    unless = None if if_none_match is None else _etag_matcher(if_none_match, output)
    gate: DatabaseGate = request.app.state.db_gate
    async with gate.admitted():
        found = await read_cached(
            db_engine=engine,
            base_id=base_id,
            other_id=other_id,
            engine_version=cached_version(request.app.state.settings),
            body_unless=unless,
        )
    if found is not None and (found[1] is None or output is OutputFormat.json):
        return _answer(found[0], found[1], output, if_none_match)
    guard: CompareGuard = request.app.state.compare_guard
    async with guard.turn(client_of(request)):  # computing or rendering: a turn, and a thread
        if found is None:  # not cached yet (or cached a moment ago by another request)
            settings: Settings = request.app.state.settings
            async with gate.admitted():
                stored = await run_in_threadpool(
                    compare_by_ids, db_engine=engine, base_id=base_id, other_id=other_id, settings=settings
                )
            found = (stored.etag, stored.body)
        return await run_in_threadpool(_answer, found[0], found[1], output, if_none_match)


def _etag_matcher(if_none_match: str, output: OutputFormat) -> Callable[[str], bool]:
    """Whether a stored ETag, as this format's ETag, is one the client holds."""
    return lambda stored: _matches(if_none_match, _etag(stored, output))


def _etag(stored: str, output: OutputFormat) -> str:
    return f'"{stored}"' if output is OutputFormat.json else f'"{stored}-{output}"'


def _answer(
    stored_etag: str, body: bytes | None, output: OutputFormat, if_none_match: str | None
) -> Response:
    """The stored comparison in ``output`` with its ETag, or 304 when If-None-Match holds the ETag
    (``body`` None: not read, because it matched)."""
    etag = _etag(stored_etag, output)
    headers = {"ETag": etag, "Vary": "Accept", "Cache-Control": "no-cache"}
    if body is None or (if_none_match is not None and _matches(if_none_match, etag)):
        return Response(status_code=304, headers=headers)
    content = body if output is OutputFormat.json else render(from_json(body), output)
    return Response(content, media_type=MEDIA_TYPES[output], headers=headers)
