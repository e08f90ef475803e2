"""Outlet profiles: how each outlet treats the wire stories it picks up; and a wire story's pickups."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request, Response

from app.api.deps import ArticleId, SessionDep, article_or_404, chosen_format, csv_attachment
from app.api.problems import problem_responses
from app.schemas import (
    SEARCH_MAX_CHARS,
    SEARCH_MAX_TERMS,
    SEARCH_MIN_TERM_CHARS,
    OutletName,
    OutletProfile,
    OutletsPublic,
    SearchQuery,
    StoryPickups,
    UtcDateTime,
)
from app.services.outlets import (
    PROFILE_TABLES,
    ExportFormat,
    list_outlets,
    outlet_profile,
    outlets_table,
    profile_table,
    render_csv,
    story_pickups,
    story_table,
)

router = APIRouter(tags=["outlets"])

_ACCEPTED = {
    "application/json": ExportFormat.json,
    "application/*": ExportFormat.json,
    "*/*": ExportFormat.json,
    "text/csv": ExportFormat.csv,
}
_CSV = "text/csv; charset=utf-8"
_AS_CSV: dict[int | str, dict[str, Any]] = {
    200: {"description": "As JSON, or as CSV.", "content": {"text/csv": {"schema": {"type": "string"}}}}
}


def export_format(
    request: Request,
    response: Response,
    format: Annotated[
        ExportFormat | None, Query(description="json (default) or csv; overrides the Accept header.")
    ] = None,
) -> ExportFormat:
    """The answer's format; every answer chosen by it, JSON as well as CSV, varies with Accept."""
    response.headers["Vary"] = "Accept"
    return chosen_format(request, format, _ACCEPTED, ExportFormat.json)


ExportDep = Annotated[ExportFormat, Depends(export_format)]


def _csv(header: list[str], rows: list[list[object]], name: str) -> Response:
    return Response(
        render_csv(header, rows),
        media_type=_CSV,
        headers={"Content-Disposition": csv_attachment(name), "Vary": "Accept"},
    )


@router.get("/outlets", response_model=OutletsPublic, responses={**_AS_CSV, **problem_responses(406, 422)})
def read_outlets(session: SessionDep, output: ExportDep) -> Any:
    """Every outlet that picked up a stored wire story, by name, with how many and when."""
    outlets = list_outlets(session=session)
    if output is ExportFormat.csv:
        return _csv(*outlets_table(outlets), "outlets")
    return outlets


@router.get(
    "/outlets/{source:path}/profile",
    response_model=OutletProfile,
    responses={
        **_AS_CSV,
        **problem_responses(
            404,
            406,
            422,
            # a path segment's pattern (".*") stops at a line feed: the router finds no route
            described={404: "No such path: an outlet's name holding a line feed cannot be routed."},
        ),
    },
)
def read_outlet_profile(
    session: SessionDep,
    output: ExportDep,
    source: Annotated[OutletName, Path(description='e.g. "PressTV".')],
    since: Annotated[UtcDateTime | None, Query(description="Pickups found at or after (ISO 8601).")] = None,
    until: Annotated[UtcDateTime | None, Query(description="Pickups found before (ISO 8601).")] = None,
    q: Annotated[
        SearchQuery | None,
        Query(
            max_length=SEARCH_MAX_CHARS,
            description="Words that must all begin a word of the outlet's title or text, as the articles' "
            f"search reads them (at most {SEARCH_MAX_TERMS} words of {SEARCH_MIN_TERM_CHARS} characters "
            "or more; other characters separate words).",
        ),
    ] = None,
    table: Annotated[
        str, Query(pattern=f"^({'|'.join(PROFILE_TABLES)})$", description="Which table as CSV.")
    ] = "weeks",
) -> Any:
    """How an outlet treats the wire stories it picks up: which agencies, how late (median, p90,
    distribution), how much of the wire it keeps, rewords and drops, how much of its text is its
    own, credits kept or dropped, quotations intact, altered or missing, figures changed, the
    words it puts in place of the wire's and the attribution verbs it changes (with an example
    each), in all and week by week. Aggregated from stored comparisons, never run again. CSV:
    one `table` (weeks, the whole range first as week "all"; agencies; delays; substitutions;
    reporting_verbs)."""
    profile = outlet_profile(session=session, source=source, since=since, until=until, q=q)
    if output is ExportFormat.csv:
        return _csv(*profile_table(profile, table), f"{source}-{table}")
    return profile


@router.get(
    "/articles/{article_id}/pickups",
    response_model=StoryPickups,
    responses={**_AS_CSV, **problem_responses(404, 406, 422)},
)
def read_story_pickups(article_id: ArticleId, session: SessionDep, output: ExportDep) -> Any:
    """One wire story and every outlet that picked it up, the earliest first: each
    one's verdict, delay and findings, with links to the comparisons and the coverage matrix."""
    article_or_404(session, article_id)
    story = story_pickups(session=session, wire_id=article_id)
    if output is ExportFormat.csv:
        return _csv(*story_table(story), f"story-{article_id}-pickups")
    return story
