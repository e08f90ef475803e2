"""SIGTERM (``docker stop``, a rolling deploy) while requests are in flight: each of them finishes with
its answer, nothing acknowledged is missing and nothing unacknowledged was stored; and /readyz tells
a load balancer when the database is away (PostgreSQL stopped, then started again)."""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.reliability.client import stored_articles
from tests.reliability.importer import HttpImport
from tests.reliability.server import Server, article, hash_of

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

#: A comparison that keeps a worker busy for about a second: 2,000 near-identical sentences, shuffled.
_SAID = "The minister said on Friday that talks would {}, officials said {}."
SLOW_COMPARE = {
    "base": {"sentences": [_SAID.format("resume", i) for i in range(2000)]},
    "other": {"sentences": [_SAID.format("restart", i) for i in range(1999, -1, -1)]},
}


def test_sigterm_lets_in_flight_requests_finish(sqlite_url: str, tmp_path: Path, record_figure: Any) -> None:
    server = Server(sqlite_url, tmp_path / "server.log", workers=2, compare_rate_limit="")
    compares: list[int | str] = []

    def slow_compare() -> None:
        try:
            compares.append(
                httpx.post(f"{server.url}/v1/compare", json=SLOW_COMPARE, timeout=120).status_code
            )
        except httpx.HTTPError as error:
            compares.append(type(error).__name__)

    bodies = [article(number, source="Term Wire") for number in range(100_000)]
    importer = HttpImport(server.port, bodies, threads=8, patience=0.5)
    try:
        server.start()
        importer.start()
        senders = [threading.Thread(target=slow_compare) for _ in range(4)]
        for sender in senders:
            sender.start()
        time.sleep(1.0)  # the comparisons are running or waiting for their turn; posts keep coming
        in_flight_at_term = importer.done
        signalled = time.perf_counter()
        exit_code = server.terminate(timeout=120)
        shutdown_s = time.perf_counter() - signalled
        for sender in senders:
            sender.join(timeout=120)
        importer.join(timeout=60)  # each posting thread stops once nothing answers any more
    finally:
        server.stop()
    stored = stored_articles(sqlite_url)
    acknowledged = {
        importer.acknowledged[i]: ("Term Wire", hash_of(bodies[i])) for i in importer.acknowledged
    }
    record_figure(
        "shutdown: SIGTERM with 4 slow comparisons and 8 posting connections in flight, 2 workers, SQLite",
        exit_code=exit_code,
        compares=compares,
        acknowledged=len(acknowledged),
        stored=len(stored),
        posts_before_term=in_flight_at_term,
        shutdown_s=round(shutdown_s, 2),
    )
    assert exit_code == 0
    assert compares == [200, 200, 200, 200]
    assert importer.refused == {}
    assert set(importer.failures) == {"TimeoutError: the server did not come back within 0.5 s"}
    assert stored == acknowledged  # acknowledged = stored, nothing half-done


#: A comparison that outlasts WIREDIFF_SHUTDOWN_TIMEOUT many times over: 20,000 near-identical
#: sentences, shuffled (tens of seconds on one core).
VERY_SLOW_COMPARE = {
    "base": {"sentences": [_SAID.format("resume", i) for i in range(20_000)]},
    "other": {"sentences": [_SAID.format("restart", i) for i in range(19_999, -1, -1)]},
}


def test_sigterm_closes_a_request_that_outlasts_the_shutdown_timeout(
    sqlite_url: str, tmp_path: Path, record_figure: Any
) -> None:
    server = Server(
        sqlite_url,
        tmp_path / "server.log",
        workers=1,
        cli=True,  # the graceful-shutdown timeout is wirediff serve's
        compare_rate_limit="",
        shutdown_timeout="1",
        max_sentences="20000",
        max_text_chars="3000000",
        compare_time_budget="600",
    )
    outcome: list[tuple[int, str | None] | str] = []

    def very_slow_compare() -> None:
        try:
            response = httpx.post(f"{server.url}/v1/compare", json=VERY_SLOW_COMPARE, timeout=600)
            outcome.append((response.status_code, response.headers.get("retry-after")))
        except httpx.HTTPError as error:
            outcome.append(type(error).__name__)

    sender = threading.Thread(target=very_slow_compare)
    try:
        server.start()
        sender.start()
        time.sleep(1.5)  # sent and under way: it runs for ten seconds or more on one core
        signalled = time.perf_counter()
        exit_code = server.terminate(timeout=300)
        shutdown_s = time.perf_counter() - signalled
        sender.join(timeout=300)
        healthy_after = _answers(server.url)
    finally:
        server.stop()
    record_figure(
        "shutdown: SIGTERM with a comparison running past WIREDIFF_SHUTDOWN_TIMEOUT=1, wirediff serve",
        exit_code=exit_code,
        outcome=outcome,
        shutdown_s=round(shutdown_s, 2),
    )
    # uvicorn, once shut down, exits by the signal it was sent, as the process it replaces would
    assert exit_code == -signal.SIGTERM
    # answered (not held until done, nor uvicorn's 500): the client may retry elsewhere
    assert outcome == [(503, "1")]
    assert healthy_after is False


def _answers(url: str) -> bool:
    try:
        httpx.get(f"{url}/livez", timeout=2)
    except httpx.HTTPError:
        return False
    return True


def _pg_control(action: str) -> None:
    script = os.environ.get("WIREDIFF_TEST_PG_CONTROL")
    if not script:
        pytest.skip("WIREDIFF_TEST_PG_CONTROL is not set (.ci/run suite_reliability sets it)")
    subprocess.run([script, action], check=True, timeout=120, capture_output=True)


def _poll(url: str, status: int, timeout: float) -> float:
    """Seconds until ``url`` answers ``status``."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        try:
            if httpx.get(url, timeout=5).status_code == status:
                return time.perf_counter() - started
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"{url} did not answer {status} within {timeout} s")


def test_readyz_is_503_while_postgresql_is_stopped_and_200_once_it_is_back(
    postgres_url: str, tmp_path: Path, record_figure: Any
) -> None:
    _pg_control("status")
    server = Server(postgres_url, tmp_path / "server.log", workers=2)
    with server:
        assert httpx.get(f"{server.url}/readyz", timeout=10).status_code == 200
        _pg_control("stop")
        try:
            to_503 = _poll(f"{server.url}/readyz", 503, timeout=30)
            readyz = httpx.get(f"{server.url}/readyz", timeout=10)
            listing = httpx.get(f"{server.url}/v1/articles", timeout=10)
            livez = httpx.get(f"{server.url}/livez", timeout=10)
        finally:
            _pg_control("start")
        to_200 = _poll(f"{server.url}/readyz", 200, timeout=60)
        after = httpx.post(f"{server.url}/v1/articles", json=article(1), timeout=30)
    record_figure(
        "readiness: PostgreSQL stopped and started under a running server, 2 workers",
        readyz_503_after_s=round(to_503, 2),
        readyz_200_after_restart_s=round(to_200, 2),
    )
    assert readyz.status_code == 503
    assert readyz.headers["content-type"] == "application/problem+json"
    assert listing.status_code == 503
    assert listing.headers["retry-after"] == "2"
    assert livez.status_code == 200
    assert after.status_code == 201
