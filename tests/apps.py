"""One application per distinct settings for the whole test session.

FastAPI prepares every route's dependencies and body models on an app's first request,
about a third of a second for this app; building a new app for each of a thousand tests
spent minutes on that alone. Nothing a test observes lives on the app between clients:
each ``TestClient`` context runs the app's lifespan again, which makes a new database
engine, comparison cache, rate limits and admission gate.

That state is made on the client's own event loop, so one app serves one open client at a
time: a second client opened on it would put its own loop's state in the first one's place,
and the first one's requests would then wait on another loop's locks (a request hung so, once,
in two "workers" of one test). :func:`open_client` gives the second client an app of its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app

_apps: dict[str, FastAPI] = {}


def app_for(settings: Settings) -> FastAPI:
    """The session's application for ``settings`` (equal settings, the same app)."""
    key = repr(sorted(settings.model_dump().items()))
    if key not in _apps:
        _apps[key] = create_app(settings)
    return _apps[key]


#: The apps a client is open on now.
_open: set[int] = set()


@contextmanager
def open_client(settings: Settings, **client_options: Any) -> Iterator[TestClient]:
    """A client of the session's app for ``settings``, or of a new app when that one has a client
    open already (two clients open at once stand for two workers)."""
    app = app_for(settings)
    if id(app) in _open:
        app = create_app(settings)
    _open.add(id(app))
    try:
        with TestClient(app, **client_options) as client:
            yield client
    finally:
        _open.discard(id(app))
