"""Service tests run on the API suite's real database (emptied before each test), through a
session of their own: no HTTP in between."""

from __future__ import annotations

from tests.api.conftest import (  # noqa: F401  (shared fixtures)
    app,
    client,
    database_url,
    session,
    settings,
)
