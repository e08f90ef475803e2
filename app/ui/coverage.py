"""The coverage matrix page: a base article's sentences down, the outlets' versions across, one
coloured cell each (kept, reworded, dropped), as :func:`app.services.coverage.build_coverage` reads them."""

from __future__ import annotations

from typing import Annotated, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from app.api.deps import PageId, SessionDep, SettingsDep, csv_attachment
from app.api.guard import ComparisonCharge, compare_guard
from app.services.coverage import MAX_OUTLETS, CoverageFormat, build_coverage, render_coverage
from app.services.errors import ArticleNotFound
from app.ui.pages import MAX_ID, article_title, get_article, not_found, render_page

__all__ = ["router"]

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


# the API's bounds on comparisons hold here too, as on POST /v1/coverage
@router.get("/articles/{article_id}/coverage", dependencies=[Depends(compare_guard, scope="function")])
def coverage_page(
    request: Request,
    article_id: PageId,
    session: SessionDep,
    settings: SettingsDep,
    charge: ComparisonCharge,
    other: Annotated[list[PageId] | None, Query(description="Outlets, in column order.")] = None,
    export: Literal["", "csv"] = "",
) -> Response:
    """The matrix against the outlets named (``?other=3&other=5``), or every related version;
    ``?export=csv`` downloads it for a spreadsheet."""
    base = get_article(session, article_id)
    if base is None:
        return not_found(request, f"Article {article_id} not found")
    # each outlet once, never the base itself, at most MAX_OUTLETS columns
    outlets = [i for i in dict.fromkeys(other or []) if i != article_id and 0 < i <= MAX_ID][:MAX_OUTLETS]
    try:
        coverage = build_coverage(
            session=session,
            base_id=article_id,
            settings=settings,
            other_ids=outlets or None,
            related=not outlets,
            on_compute=charge,
        )
    except ArticleNotFound as error:
        return not_found(request, str(error))
    if export == "csv":
        return Response(
            render_coverage(coverage, CoverageFormat.csv),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": csv_attachment(f"wirediff-coverage-{article_id}")},
        )
    query = urlencode([("other", i) for i in outlets])
    return render_page(
        request,
        "coverage.html",
        {
            "title": f"Coverage of {coverage.base.source} ({article_id})",
            "coverage": coverage,
            "base_title": article_title(base),
            "csv_url": f"?{query + '&' if query else ''}export=csv",
        },
    )
