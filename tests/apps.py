"""One application per distinct settings for the whole test session.

FastAPI prepares every route's dependencies and body models on an app's first request,
about a third of a second for this app; building a new app for each of a thousand tests
spent minutes on that alone. Nothing a test observes lives on the app between clients:
each ``TestClient`` context runs the app's lifespan again, which makes a new database
engine, comparison cache, rate limits and admission gate.
"""

from __future__ import annotations

from fastapi import FastAPI

from app.config import Settings
from app.main import create_app

_apps: dict[str, FastAPI] = {}


def app_for(settings: Settings) -> FastAPI:
    """The session's application for ``settings`` (equal settings, the same app)."""
    key = repr(sorted(settings.model_dump().items()))
    if key not in _apps:
        _apps[key] = create_app(settings)
    return _apps[key]
