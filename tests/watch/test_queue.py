"""The whole chain on the embedded queue (SQLite), with real workers: a watch added, its feed
polled, the outlet's article stored, matched to the wire and alerted to the webhook receiver;
then a stealth edit and a typo fix. Intervals are shortened through the settings; every wait
is bounded and asserts what arrived, never how fast."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from app import crud, tasks
from app.config import Settings
from app.schemas import AlertRuleCreate, WatchCreate
from app.services.alerts import add_rule
from app.services.watch import add_watch
from tests.watch.conftest import SECRET
from tests.watch.outlet import Outlet, article_html
from tests.watch.receiver import Receiver
from tests.watch.stories import OUTLET_TITLE, OUTLET_V1, OUTLET_V2, OUTLET_V3

#: Longest any step may take before the test fails (the chain takes a few seconds).
WAIT_SECONDS = 60.0


def wait_for(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"still waiting for {what} after {WAIT_SECONDS:g} s")
        time.sleep(0.1)


@pytest.fixture
def fast(settings: Settings) -> Settings:
    """Polls every second, so that the timeline plays out in seconds."""
    return settings.model_copy(
        update={
            "watch_feed_interval_seconds": 1.0,
            "watch_page_intervals": [1.0],
            "watch_overdue_grace_seconds": 5.0,
        }
    )


@pytest.fixture
def workers(fast: Settings) -> Iterator[None]:
    tasks.configure(fast)
    consumer = tasks.start_threads(2)
    try:
        yield
    finally:
        consumer.stop(graceful=True)


def _versions(engine: Engine) -> int:
    with Session(engine) as session:
        page = crud.get_page(session=session, page_id=1)
        return page.versions if page is not None else 0


def test_the_timeline_alerts_each_event_once(
    engine: Engine, fast: Settings, outlet: Outlet, receiver: Receiver, wire: object, workers: None
) -> None:
    with Session(engine) as session:
        add_rule(
            session,
            rule_in=AlertRuleCreate(
                name="desk",
                events=["pickup", "credit_dropped", "changed", "quote_altered", "stealth_edit"],
                webhook_url=receiver.url,
                webhook_secret=SECRET,
            ),
            now=tasks._now(),
        )
        watch, _ = add_watch(
            session,
            watch_in=WatchCreate(url=outlet.url("/feed.xml"), kind="feed", source="Daily Planet"),
            now=tasks._now(),
        )
    outlet.publish("/news/floods", article_html(OUTLET_TITLE, OUTLET_V1))
    assert watch.id is not None
    tasks.poll_watch_task(watch.id)

    wait_for(lambda: len(receiver.received) >= 2, "the pickup alerts")
    outlet.publish("/news/floods", article_html(OUTLET_TITLE, OUTLET_V2))
    wait_for(lambda: len(receiver.received) >= 5, "the stealth edit alerts")
    outlet.publish("/news/floods", article_html(OUTLET_TITLE, OUTLET_V3))
    wait_for(lambda: _versions(engine) == 3, "the typo fix, stored as version 3")
    time.sleep(1.5)  # a poll or two more: nothing else may arrive

    assert receiver.events() == ["changed", "credit_dropped", "pickup", "quote_altered", "stealth_edit"]
    assert len({call["id"] for call in receiver.received}) == 5
    assert receiver.bad_signatures == 0


def test_a_poll_due_later_is_held_until_the_microsecond_it_is_due(fast: Settings) -> None:
    """Not a second early: a poll run before its row is due finds nothing to claim and the
    watch would wait for the next minute's scan of overdue work."""
    tasks.configure(fast)
    due = datetime(2030, 5, 17, 9, 30, 15, 812000, tzinfo=UTC)
    tasks._later(tasks.poll_watch_task, 7, due)
    [held] = [task for task in tasks.huey.pending() if task.args == (7,)]
    assert held.eta == datetime(2030, 5, 17, 9, 30, 15, 812000)  # huey keeps naive UTC
