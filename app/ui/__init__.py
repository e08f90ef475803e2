"""The dashboard: server-rendered pages under ``/ui`` (Jinja2 templates, plain CSS, a little vanilla
JavaScript), reading the same data as the API. None of its routes is in the OpenAPI document."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from app.ui.routes import router

__all__ = ["STATIC", "install_ui"]

STATIC = Path(__file__).parent / "static"


def install_ui(app: FastAPI) -> None:
    """The pages, and their stylesheet and script at ``/ui/static``."""
    app.include_router(router)
    app.mount("/ui/static", StaticFiles(directory=STATIC), name="ui-static")
