"""The engine pauses Python's cycle collector while a comparison runs, a deliberate choice: the
collector is process-wide, and its full passes over a comparison's hundreds of thousands of
short-lived objects (which form no cycles) cost a quarter of the time on 20,000-sentence texts.
The pause is bounded: it ends with the last comparison running (each held to its time budget),
also when one fails, and never turns on a collector the application had turned off."""

from __future__ import annotations

import gc
import subprocess
import sys
import threading
from collections.abc import Iterator

import pytest

from app.engine import CompareOptions, ComparisonTimeoutError, compare
from app.engine.compare import _collector_paused


@pytest.fixture(autouse=True)
def collector_on() -> Iterator[None]:
    gc.enable()
    yield
    gc.enable()


def test_the_collector_runs_again_once_a_comparison_ends() -> None:
    compare("Rebels fired on Friday.", "Militants fired on Friday.")
    assert gc.isenabled()


def test_the_collector_runs_again_after_a_comparison_over_its_time_budget() -> None:
    with pytest.raises(ComparisonTimeoutError):
        compare(["A sentence here."] * 50, ["A sentence there."] * 50, CompareOptions(time_budget=1e-9))
    assert gc.isenabled()


def test_a_collector_the_application_turned_off_stays_off() -> None:
    gc.disable()
    compare("Rebels fired on Friday.", "Militants fired on Friday.")
    assert not gc.isenabled()


def test_the_collector_stays_paused_until_the_last_of_overlapping_comparisons_ends() -> None:
    entered, leave = threading.Event(), threading.Event()
    seen: list[bool] = []

    def other_comparison() -> None:
        with _collector_paused():
            entered.set()
            leave.wait(timeout=30)
        seen.append(gc.isenabled())  # this one ended first: the other still runs

    with _collector_paused():
        thread = threading.Thread(target=other_comparison)
        thread.start()
        assert entered.wait(timeout=30)
        assert not gc.isenabled()
        leave.set()
        thread.join(timeout=30)
        assert not gc.isenabled()
    assert seen == [False]
    assert gc.isenabled()


# What a process keeps for its life is set aside from the collector's full passes once it has
# started: the passes then walk what serving made, not every module and table (main.py, tasks.py).
_STARTED_PROCESS = """
import gc
from fastapi.testclient import TestClient
from app.config import Settings
from app.main import create_app

before = gc.get_freeze_count()
with TestClient(create_app(Settings(database_url="sqlite://"))) as client:
    started = gc.get_freeze_count()
    assert client.get("/livez").status_code == 200
with TestClient(create_app(Settings(database_url="sqlite://"))):
    again = gc.get_freeze_count()
print(before, started > 100_000, again <= started)  # objects set aside may be freed, none added
"""


def test_a_started_server_sets_what_it_loaded_aside_from_the_collector_once() -> None:
    finished = subprocess.run(
        [sys.executable, "-c", _STARTED_PROCESS], capture_output=True, text=True, timeout=120, check=True
    )
    assert finished.stdout.split() == ["0", "True", "True"]
