"""The dashboard: server-rendered pages under ``/ui`` (Jinja2 templates, plain CSS, a little vanilla
JavaScript), reading the same data as the API. None of its routes is in the OpenAPI document."""

from __future__ import annotations

import logging
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from app.config import Settings
from app.ui.pages import problem_page
from app.ui.routes import router

__all__ = ["STATIC", "install_ui"]

STATIC = Path(__file__).parent / "static"
logger = logging.getLogger("wirediff")


def install_ui(app: FastAPI) -> None:
    """The pages, and their stylesheet and script at ``/ui/static``; none with WIREDIFF_PROTECT_READS
    on (the pages have no sign-in: they would show what the API then keeps behind a key)."""
    settings: Settings = app.state.settings
    if settings.api_keys and settings.protect_reads:
        logger.info("dashboard not served: WIREDIFF_PROTECT_READS is on")
        return
    app.include_router(router)
    app.state.problem_page = problem_page  # errors under /ui are pages (app.api.problems)
    app.mount("/ui/static", StaticFiles(directory=STATIC), name="ui-static")
