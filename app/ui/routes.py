"""The dashboard's pages, under /ui. Thin, like the API's routes: read through :mod:`app.crud` and
:mod:`app.services.comparisons`, shape with :mod:`app.ui.views`, render a template (autoescaped)."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from app.api.security import same_origin_form
from app.ui import articles, compare, coverage

__all__ = ["router"]

# every form the dashboard posts must come from its own pages
router = APIRouter(include_in_schema=False, dependencies=[Depends(same_origin_form)])
router.include_router(articles.router, prefix="/ui")
router.include_router(compare.router, prefix="/ui")
router.include_router(coverage.router, prefix="/ui")
