"""The reliability suite: real servers on 127.0.0.1 under load, kills and fuzzing. Heavy, so it runs
only when asked for with ``-m slow`` (``.ci/run suite_reliability``),
never in ``make test``.

PostgreSQL tests need ``WIREDIFF_TEST_POSTGRES`` (an admin URL, e.g.
``postgresql+psycopg://postgres@127.0.0.1:5432/postgres``; each test gets a database of its own),
and the readiness test ``WIREDIFF_TEST_PG_CONTROL`` (a script taking ``stop`` or ``start``).
Figures (throughput, latencies, counts) are printed at the end and written to
``test-output/reliability/figures.json``; RELIABILITY.md quotes them. No test asserts on time,
only on generous "never hangs" bounds.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, make_url, text

from app.db import migrate
from tests.reliability.server import REPO

FIGURES: dict[str, dict[str, Any]] = {}
FIGURES_FILE = REPO / "test-output" / "reliability" / "figures.json"


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """Collected only when the run selects the ``slow`` marker (``-m slow``)."""
    if "slow" not in (config.getoption("markexpr") or "") and collection_path.name.startswith("test_"):
        return True
    return None


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not FIGURES:
        return
    terminalreporter.section("reliability figures")
    for name, values in FIGURES.items():
        terminalreporter.write_line(f"{name}: {json.dumps(values)}")
    FIGURES_FILE.parent.mkdir(parents=True, exist_ok=True)
    previous = json.loads(FIGURES_FILE.read_text()) if FIGURES_FILE.exists() else {}
    FIGURES_FILE.write_text(json.dumps({**previous, **FIGURES}, indent=2, sort_keys=True) + "\n")


@pytest.fixture
def record_figure() -> Any:
    """``record_figure("load sqlite", posts=1000, per_second=...)``: shown at the end of the run."""

    def record(name: str, **values: Any) -> None:
        FIGURES[name] = json.loads(json.dumps(values))  # keys as JSON has them: {None: 1} -> {"null": 1}

    return record


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'wirediff.db'}"
    migrate(url)
    return url


@pytest.fixture
def postgres_url() -> Iterator[str]:
    admin = os.environ.get("WIREDIFF_TEST_POSTGRES")
    if not admin:
        pytest.skip("WIREDIFF_TEST_POSTGRES is not set (.ci/run suite_reliability sets it)")
    name = f"reliability_{uuid.uuid4().hex[:12]}"
    # pre-ping: the readiness test restarts the server under this pool
    engine = create_engine(admin, isolation_level="AUTOCOMMIT", pool_pre_ping=True)
    with engine.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(admin).set(database=name).render_as_string(hide_password=False)
    try:
        migrate(url)
        yield url
    finally:
        with engine.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest) -> str:
    """Each test that takes it runs on SQLite and on PostgreSQL."""
    fixture = "sqlite_url" if request.param == "sqlite" else "postgres_url"
    url: str = request.getfixturevalue(fixture)
    return url
