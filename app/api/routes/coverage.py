"""The coverage matrix: a base article's sentences against several outlets' versions."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response

from app.api.deps import ACCEPTED_FORMATS, SessionDep, SettingsDep, chosen_format, require_json
from app.api.guard import COMPARE_REFUSALS, ComparisonCharge, compare_guard
from app.api.problems import problem_responses
from app.api.routing import ApiRoute
from app.schemas import Coverage, CoverageRequest
from app.services.coverage import (
    COVERAGE_MEDIA_TYPES,
    CoverageFormat,
    build_coverage,
    render_coverage,
)

router = APIRouter(
    route_class=ApiRoute,
    tags=["coverage"],
    dependencies=[Depends(compare_guard, scope="function")],
    responses=COMPARE_REFUSALS,
)

#: The comparisons' media types, and CSV.
_ACCEPTED = {media_type: CoverageFormat(output.value) for media_type, output in ACCEPTED_FORMATS.items()} | {
    "text/csv": CoverageFormat.csv
}
_RENDERINGS: dict[str, Any] = {
    media_type.partition(";")[0]: {"schema": {"type": "string"}}
    for output, media_type in COVERAGE_MEDIA_TYPES.items()
    if output is not CoverageFormat.json
}


def requested_coverage_format(
    request: Request,
    format: Annotated[
        CoverageFormat | None,
        Query(description="json (default), text, html, markdown or csv; overrides the Accept header."),
    ] = None,
) -> CoverageFormat:
    return chosen_format(request, format, _ACCEPTED, CoverageFormat.json)


@router.post(
    "/coverage",
    response_model=Coverage,
    dependencies=[Depends(require_json)],
    responses={
        200: {"description": "The matrix, as JSON or the rendering asked for.", "content": _RENDERINGS},
        **problem_responses(400, 404, 406, 413, 415, 422),
    },
)
def coverage_matrix(
    request_body: CoverageRequest,
    session: SessionDep,
    settings: SettingsDep,
    charge: ComparisonCharge,
    output: Annotated[CoverageFormat, Depends(requested_coverage_format)],
) -> Response:
    """For each base sentence, per outlet: kept, reworded (with its word changes) or dropped; per
    outlet: verdict, retained shares, substitutions, quotes altered or missing, credit dropped;
    and the sentences every outlet dropped. Outlets are `other_ids`, or with `"related": true`
    every related version of the base (those the engine judges unrelated are left out). CSV has
    one row per base sentence and one column per outlet. Each comparison computed (not cached
    yet) beyond the first counts against the compare rate."""
    result = build_coverage(
        session=session,
        base_id=request_body.base_id,
        settings=settings,
        other_ids=request_body.other_ids,
        related=request_body.related,
        on_compute=charge,
    )
    return Response(
        render_coverage(result, output), media_type=COVERAGE_MEDIA_TYPES[output], headers={"Vary": "Accept"}
    )
