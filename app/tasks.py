"""Background work on a task queue (huey): thin tasks over the watch services.

The queue is WIREDIFF_QUEUE: a SQLite file by default (SqliteHuey: no service to run; ``wirediff
serve`` runs a consumer in its own process), or a ``redis://`` URL (RedisHuey: workers on several
machines share one broker; ``wirediff worker -w N`` on each). The same tasks run on both.

The database, not the queue, is the source of truth. Huey does not hand a task back when the
worker running it is killed (kill -9), so each row carries when it is next due and who holds it;
:func:`scan_due` (every minute, and when a worker starts) enqueues what is overdue and not held.
A task that runs twice finds its row claimed or no longer due and does nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

from huey import Huey, RedisHuey, SqliteHuey, crontab
from sqlalchemy import Engine
from sqlmodel import Session

from app.config import Settings, get_settings
from app.db import make_engine
from app.engine import load_word_tables, set_aside_long_lived
from app.services import watch as watch_service
from app.services.watch_articles import poll_page
from app.services.webhooks import deliver

__all__ = [
    "Queue",
    "configure",
    "deliver_alert",
    "huey",
    "is_embedded",
    "make_huey",
    "poll_page_task",
    "poll_watch_task",
    "scan_due",
    "start_threads",
]

logger = logging.getLogger("wirediff.tasks")


def is_embedded(settings: Settings) -> bool:
    """The SQLite queue: ``wirediff serve`` runs its workers."""
    return not settings.queue.startswith(("redis://", "rediss://", "unix://"))


#: An idle worker looks at the SQLite queue at least this often (huey's default backs off to
#: 10 s, which put 12.5 s median between a new item and its webhook; Redis reads block instead).
IDLE_CHECK_SECONDS = 0.5


def make_huey(settings: Settings, *, create: bool = True) -> Huey:
    """The queue WIREDIFF_QUEUE names: Redis for a redis:// URL, else a SQLite file (created with
    its tables unless ``create`` is false; a Redis client connects on first use either way)."""
    if not is_embedded(settings):
        return RedisHuey("wirediff", url=settings.queue, results=False)
    if not create:
        return SqliteHuey("wirediff", filename=settings.queue, results=False, create_tables=False)
    Path(settings.queue).parent.mkdir(parents=True, exist_ok=True)
    return SqliteHuey("wirediff", filename=settings.queue, results=False)


class _State:
    settings: Settings | None = None
    engine: Engine | None = None


_state = _State()
#: The task registry. Importing this module opens no queue (the CLI, the API and tests import it):
#: :func:`configure` opens the settings' queue, as every consumer does before it starts.
huey: Huey = make_huey(get_settings(), create=False)


def configure(settings: Settings) -> None:
    """Run the tasks on these settings' queue and database (a consumer, a test, a benchmark)."""
    if _state.engine is not None:
        _state.engine.dispose()
    _state.settings, _state.engine = settings, None
    huey.storage = make_huey(settings).storage
    load_word_tables()  # at start, not in the first comparison's time budget
    set_aside_long_lived()  # what start-up loaded, out of the collector's full passes


def _settings() -> Settings:
    if _state.settings is None:
        _state.settings = get_settings()
    return _state.settings


def _engine() -> Engine:
    if _state.engine is None:
        _state.engine = make_engine(_settings().database_url)
    return _state.engine


#: huey's decorators, typed: the wrapped task is called (enqueued) or ``.schedule``-d.
_Decorator = Callable[[Callable[..., None]], Any]
_task = cast(_Decorator, huey.task())
_every_minute = cast(_Decorator, huey.periodic_task(crontab(minute="*")))


def _now() -> datetime:
    return datetime.now(UTC)


def _later(task: Any, row_id: int, due: datetime | None) -> None:
    """Run ``task`` for ``row_id`` when it is due (the queue's schedule holds it until then)."""
    if due is None:
        return
    if due <= _now():
        task(row_id)
    else:
        # aware, not naive: huey reads a naive eta as local time through time.mktime, which
        # drops the microseconds, and the task would run up to a second before it is due,
        # find nothing due, and wait for the next minute's scan
        task.schedule(args=(row_id,), eta=due.astimezone(UTC))


@_task
def poll_watch_task(watch_id: int) -> None:
    polled = watch_service.poll_watch(_engine(), watch_id, settings=_settings(), now=_now())
    if polled.claimed:
        for page_id in polled.new_pages:
            poll_page_task(page_id)
        _later(poll_watch_task, watch_id, polled.next_poll_at)


@_task
def poll_page_task(page_id: int) -> None:
    polled = poll_page(_engine(), page_id, settings=_settings(), now=_now())
    if polled.claimed:
        for delivery_id in polled.deliveries:
            deliver_alert(delivery_id)
        _later(poll_page_task, page_id, polled.next_poll_at)


@_task
def deliver_alert(delivery_id: int) -> None:
    delivered = deliver(_engine(), delivery_id, settings=_settings(), now=_now())
    if delivered.claimed and delivered.status == "pending":
        _later(deliver_alert, delivery_id, delivered.retry_at)


@_every_minute
def scan_due() -> None:
    """Enqueue the polls and deliveries that are overdue and held by no live worker."""
    with Session(_engine()) as session:
        work = watch_service.overdue_work(session, now=_now(), settings=_settings())
    for watch_id in work.watches:
        poll_watch_task(watch_id)
    for page_id in work.pages:
        poll_page_task(page_id)
    for delivery_id in work.deliveries:
        deliver_alert(delivery_id)
    if work.watches or work.pages or work.deliveries:
        logger.info(
            "due scan: %d watches, %d pages, %d deliveries enqueued again",
            len(work.watches),
            len(work.pages),
            len(work.deliveries),
        )


def start_threads(workers: int) -> Any:
    """A consumer of this module's queue running ``workers`` task threads and the scheduler in
    this process, without taking over its signals (the server or test that runs it owns them);
    stop it with ``.stop(graceful=True)``."""
    consumer = huey.create_consumer(
        workers=workers,
        worker_type="thread",
        periodic=True,
        scheduler_interval=1,
        shutdown_timeout=30,
        max_delay=IDLE_CHECK_SECONDS,
    )
    consumer.scheduler.start()
    for _, thread in consumer.worker_threads:
        thread.start()
    return consumer


class Queue:
    """The queue of some settings, for the API to enqueue on (an app's settings may not be the
    process's): the task registry is this module's, the storage the settings'."""

    def __init__(self, settings: Settings) -> None:
        self.storage = make_huey(settings).storage

    def poll_watch(self, watch_id: int) -> None:
        """Poll a new (or resumed) watch now."""
        task = poll_watch_task.s(watch_id)
        self.storage.enqueue(huey.serialize_task(task), task.priority)

    def pending(self) -> int:
        return int(self.storage.queue_size())
