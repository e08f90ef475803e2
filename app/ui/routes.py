"""The dashboard's pages, under /ui. Thin, like the API's routes: read through :mod:`app.crud` and
:mod:`app.services.comparisons`, shape with :mod:`app.ui.views`, render a template (autoescaped)."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from fastapi.responses import RedirectResponse

from app.api.security import same_origin_form
from app.ui import articles, compare, coverage, outlets, watches

__all__ = ["router"]

# every form the dashboard posts must come from its own pages
router = APIRouter(include_in_schema=False, dependencies=[Depends(same_origin_form)])
router.include_router(articles.router, prefix="/ui")
router.include_router(compare.router, prefix="/ui")
router.include_router(coverage.router, prefix="/ui")
router.include_router(outlets.router, prefix="/ui")
router.include_router(watches.router, prefix="/ui")


@router.get("/")
def root() -> RedirectResponse:
    """The service's address opens the dashboard."""
    return RedirectResponse("/ui", status_code=307)
