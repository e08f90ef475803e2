"""The dashboard's pages, under /ui. Thin, like the API's routes: read through :mod:`app.crud` and
:mod:`app.services.comparisons`, shape with :mod:`app.ui.views`, render a template (autoescaped)."""

from __future__ import annotations

from fastapi import APIRouter

from app.ui import articles, compare, coverage, outlets

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
router.include_router(articles.router, prefix="/ui")
router.include_router(compare.router, prefix="/ui")
router.include_router(coverage.router, prefix="/ui")
router.include_router(outlets.router, prefix="/ui")
