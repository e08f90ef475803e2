"""Ingestion tests fetch from a web site of their own on 127.0.0.1 (tests/services/pages/server.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.services.pages.server import PageSite, serve_pages


@pytest.fixture(scope="session")
def site() -> Iterator[PageSite]:
    with serve_pages() as site:
        yield site
