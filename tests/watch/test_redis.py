"""The distributed set-up: a real Redis (WIREDIFF_TEST_REDIS_URL, started by .ci/run
suite_watch_redis) shared by ``wirediff worker`` processes, one of them killed with SIGKILL
mid-run and another started: every expected version, pickup and alert arrives exactly once
(each webhook-id once; a worker killed between a receiver's 2xx and its log may resend the same
id, which Standard Webhooks receivers drop)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from app import crud
from app.config import Settings
from app.models import Alert, Pickup
from app.schemas import AlertRuleCreate, WatchCreate
from app.services.alerts import add_rule
from app.services.watch import add_watch
from app.tasks import Queue
from tests.watch.conftest import SECRET
from tests.watch.outlet import Outlet, article_html
from tests.watch.receiver import Receiver
from tests.watch.stories import OTHER, OTHER_TITLE, OUTLET_TITLE, OUTLET_V1, OUTLET_V2, OUTLET_V3
from tests.watch.test_queue import wait_for

pytestmark = pytest.mark.redis

REDIS_URL = os.environ.get("WIREDIFF_TEST_REDIS_URL", "")
PAGES = 4
LEASE_SECONDS = 4


@pytest.fixture
def redis_settings(settings: Settings) -> Settings:
    if not REDIS_URL:
        pytest.skip("needs a Redis server: WIREDIFF_TEST_REDIS_URL (.ci/run suite_watch_redis)")
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    return settings.model_copy(update={"queue": REDIS_URL})


class Workers:
    """``wirediff worker`` processes on the test's settings; each stopped (or killed) at the end."""

    def __init__(self, settings: Settings, log_dir: Path) -> None:
        self.env = {
            **os.environ,
            "DATABASE_URL": settings.database_url,
            "WIREDIFF_QUEUE": settings.queue,
            "WIREDIFF_WATCH_ALLOW_HOSTS": ",".join(settings.watch_allow_hosts),
            "WIREDIFF_WATCH_HOST_DELAY_SECONDS": "0.1",
            "WIREDIFF_WATCH_FEED_INTERVAL_SECONDS": "1",
            "WIREDIFF_WATCH_PAGE_INTERVALS": "1",
            "WIREDIFF_WATCH_LEASE_SECONDS": str(LEASE_SECONDS),
            "WIREDIFF_WATCH_OVERDUE_GRACE_SECONDS": "2",
            # a fetch cut by the kill, or slow on a busy machine, is retried within the waits below
            # (the default first back-off, 60 s, is as long as they are)
            "WIREDIFF_WATCH_BACKOFF_SECONDS": "1",
            "WIREDIFF_FETCH_TIMEOUT_SECONDS": "2",
            "WIREDIFF_PUBLIC_URL": settings.public_url,
            "WIREDIFF_LOG_LEVEL": "warning",
        }
        self.log_dir = log_dir
        self.processes: list[subprocess.Popen[bytes]] = []

    def start(self) -> subprocess.Popen[bytes]:
        command = [str(Path(sys.executable).parent / "wirediff"), "worker", "-w", "2"]
        log = (self.log_dir / f"worker-{len(self.processes)}.log").open("wb")
        process = subprocess.Popen(command, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        self.processes.append(process)
        return process

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGINT)
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


@pytest.fixture
def workers(redis_settings: Settings, tmp_path: Path) -> Iterator[Workers]:
    started = Workers(redis_settings, tmp_path)
    try:
        yield started
    finally:
        started.stop_all()


def _page(i: int) -> bytes:
    return article_html(
        OUTLET_TITLE, [*OUTLET_V1, f"Our reporter number {i} sent this from the flooded area."]
    )


def _alerts(engine: Engine) -> Counter[tuple[str, int]]:
    with Session(engine) as session:
        return Counter((a.event, a.article_id) for a in session.exec(select(Alert)).all())


def test_two_workers_one_killed_lose_nothing_and_repeat_nothing(
    engine: Engine,
    redis_settings: Settings,
    outlet: Outlet,
    receiver: Receiver,
    wire: object,
    workers: Workers,
) -> None:
    with Session(engine) as session:
        add_rule(
            session,
            rule_in=AlertRuleCreate(
                name="desk",
                events=["pickup", "changed", "quote_altered", "stealth_edit"],
                webhook_url=receiver.url,
                webhook_secret=SECRET,
            ),
            now=_now(),
        )
        watch, _ = add_watch(
            session,
            watch_in=WatchCreate(url=outlet.url("/feed.xml"), kind="feed", source="Daily Planet"),
            now=_now(),
        )
    for i in range(PAGES):
        outlet.publish(f"/news/floods-{i}", _page(i))
    outlet.publish("/news/cycling", article_html(OTHER_TITLE, OTHER))
    assert watch.id is not None
    first = workers.start()
    workers.start()
    Queue(redis_settings).poll_watch(watch.id)

    # kill -9 the first worker as soon as article pages are being fetched: mid-run
    wait_for(lambda: any(path.startswith("/news/") for path, _, _ in outlet.requests), "a page fetch")
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=10)
    time.sleep(LEASE_SECONDS)  # its claims run out; the next worker's start scan redoes them
    workers.start()

    wait_for(lambda: sum(1 for e, _ in _alerts(engine) if e == "pickup") == PAGES, "every pickup")
    outlet.publish(
        "/news/floods-0", article_html(OUTLET_TITLE, [*OUTLET_V2, "Our reporter number 0 sent this."])
    )
    wait_for(lambda: sum(1 for e, _ in _alerts(engine) if e == "stealth_edit") == 1, "the stealth edit")
    outlet.publish(
        "/news/floods-0", article_html(OUTLET_TITLE, [*OUTLET_V3, "Our reporter number 0 sent this."])
    )
    wait_for(lambda: _latest_versions(engine) == 3, "the typo fix, version 3")
    expected = Counter({"pickup": PAGES, "changed": 1, "quote_altered": 1, "stealth_edit": 1})
    wait_for(
        lambda: len({call["id"] for call in receiver.received}) == sum(expected.values()), "every webhook"
    )
    time.sleep(2)  # more polls: nothing else may arrive

    alerts = _alerts(engine)
    assert Counter(event for event, _ in alerts) == expected
    assert set(alerts.values()) == {1}
    by_id = {call["id"]: call["body"]["data"]["event"] for call in receiver.received}
    assert Counter(by_id.values()) == expected
    assert receiver.bad_signatures == 0
    with Session(engine) as session:
        pickups = session.exec(select(Pickup.outlet_article_id)).all()
        assert len(pickups) == len(set(pickups))


def _now() -> datetime:
    return datetime.now(UTC)


def _latest_versions(engine: Engine) -> int:
    with Session(engine) as session:
        pages = [crud.get_page(session=session, page_id=i) for i in range(1, PAGES + 3)]
        return max((p.versions for p in pages if p is not None), default=0)
