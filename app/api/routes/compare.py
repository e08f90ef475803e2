"""Comparisons over HTTP: ad hoc (nothing stored) and between stored articles (cached, with ETag)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Response

from app.api.deps import (
    ArticleId,
    FormatDep,
    SessionDep,
    SettingsDep,
    article_or_404,
    enforce_text_limits,
    located,
    require_json,
)
from app.comparisons import MEDIA_TYPES, OutputFormat, compare_articles, from_json, render
from app.engine import Comparison
from app.limits import COMPARE_REFUSALS, compare_guard, compare_within_limits
from app.models import CompareRequest
from app.problems import problem_responses

router = APIRouter(
    tags=["compare"],
    dependencies=[Depends(compare_guard, scope="function")],
    responses=COMPARE_REFUSALS,
)

_RENDERINGS: dict[str, Any] = {
    media_type.partition(";")[0]: {"schema": {"type": "string"}}
    for output, media_type in MEDIA_TYPES.items()
    if output is not OutputFormat.json
}


@router.post(
    "/compare",
    response_model=Comparison,
    dependencies=[Depends(require_json)],
    responses={
        200: {"description": "The comparison, as JSON or the rendering asked for.", "content": _RENDERINGS},
        **problem_responses(400, 406, 413, 415, 422),
    },
)
def compare_texts(request_body: CompareRequest, output: FormatDep, settings: SettingsDep) -> Response:
    """Compare two texts (raw, or pre-split sentences) without storing anything."""
    enforce_text_limits(
        settings,
        located(["body", "base"], request_body.base),
        located(["body", "other"], request_body.other),
    )
    result = compare_within_limits(
        located(["body", "base"], request_body.base),
        located(["body", "other"], request_body.other),
        settings,
        request_body.options.to_engine(),
    )
    return Response(render(result, output), media_type=MEDIA_TYPES[output], headers={"Vary": "Accept"})


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
def compare_stored(
    base_id: ArticleId,
    other_id: ArticleId,
    session: SessionDep,
    settings: SettingsDep,
    output: FormatDep,
    if_none_match: Annotated[str | None, Header()] = None,
) -> Response:
    """Compare two stored articles. The result is cached per engine version, so asking again is cheap."""
    base = article_or_404(session, base_id)
    other = article_or_404(session, other_id)
    cached = compare_articles(session=session, base=base, other=other, settings=settings)
    etag = f'"{cached.etag}"' if output is OutputFormat.json else f'"{cached.etag}-{output}"'
    headers = {"ETag": etag, "Vary": "Accept", "Cache-Control": "no-cache"}
    if if_none_match is not None and _matches(if_none_match, etag):
        return Response(status_code=304, headers=headers)
    body = cached.body if output is OutputFormat.json else render(from_json(cached.body), output)
    return Response(body, media_type=MEDIA_TYPES[output], headers=headers)
