"""``wirediff worker`` and ``wirediff watch add/list/remove``: the task queue's workers and the
watches, from the command line (registered on :data:`app.cli.cli`)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Annotated, Any

import typer
from pydantic import TypeAdapter, ValidationError
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from sqlmodel import Session

from app import crud
from app.config import Settings, get_settings
from app.schemas import WatchCreate, WrittenId
from app.services.watch import WatchNotFoundError, add_watch, remove_watch
from app.tasks import IDLE_CHECK_SECONDS, Queue, configure, huey, is_embedded, scan_due, start_threads

__all__ = ["start_embedded_worker", "watch_app", "worker"]

watch_app = typer.Typer(help="Feeds, news sitemaps and pages polled for new articles and versions.")
out = Console(highlight=False)
err = Console(stderr=True, highlight=False)


def _consumer(workers: int, worker_type: str) -> Any:
    consumer = huey.create_consumer(
        workers=workers,
        worker_type=worker_type,
        periodic=True,
        scheduler_interval=1,
        shutdown_timeout=30,
        max_delay=IDLE_CHECK_SECONDS,
    )
    scan_due()  # what a killed worker left is redone now, not at the next minute
    return consumer


def worker(
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Tasks run at once.")] = 2,
    processes: Annotated[
        bool, typer.Option("--processes/--threads", help="Run tasks in processes (CPU-bound matching).")
    ] = False,
) -> None:
    """Run the task queue's workers (WIREDIFF_QUEUE): polls, matching, alert deliveries. Start as
    many as you like, on as many machines as share a Redis queue and the database."""
    settings = get_settings()
    logging.basicConfig(level=settings.log_level.upper(), format="%(asctime)s %(name)s %(message)s")
    configure(settings)
    _consumer(workers, "process" if processes else "thread").run()


def start_embedded_worker(settings: Settings) -> Any | None:
    """With the SQLite queue, run two task threads inside ``wirediff serve`` (no other process to
    start); None with a Redis queue, whose workers are started on their own."""
    if not is_embedded(settings):
        return None
    configure(settings)
    scan_due()
    return start_threads(2)


def _now() -> datetime:
    return datetime.now(UTC)


@contextmanager
def _database() -> Iterator[Session]:
    """app.cli's session on DATABASE_URL: exits 1 saying why when the database does not exist (a
    SQLite file is not made here), cannot be reached or has no schema yet, as every command does."""
    from app.cli import _database as database  # app.cli imports this module

    with database() as session:
        yield session


@watch_app.command("add")
def watch_add(
    url: Annotated[str, typer.Argument(help="The feed, news sitemap or page URL.")],
    source: Annotated[str, typer.Option(help='The outlet, e.g. "Daily Planet".')],
    kind: Annotated[str, typer.Option(help="feed, sitemap or page.")] = "feed",
) -> None:
    """Watch a feed, sitemap or page; polled by the workers from now on."""
    try:
        watch_in = WatchCreate.model_validate({"url": url, "kind": kind, "source": source})
    except ValidationError as error:
        for issue in error.errors():
            err.print(f"[red]{'.'.join(map(str, issue['loc']))}: {escape(issue['msg'])}[/red]")
        raise typer.Exit(2) from error
    settings = get_settings()
    with _database() as session:
        watch, created = add_watch(session, watch_in=watch_in, now=_now())
        watch_id, watched_url = watch.id, watch.url
    assert watch_id is not None
    if created:
        Queue(settings).poll_watch(watch_id)
    out.print(f"{'Watching' if created else 'Already watched'}: #{watch_id} {escape(watched_url)}")


@watch_app.command("list")
def watch_list() -> None:
    """Every watch with its state."""
    with _database() as session:
        watches, _ = crud.list_watches(session=session, limit=10_000, offset=0)
        table = Table("id", "kind", "source", "url", "last poll", "next poll", "errors", "items")
        for w in watches:
            table.add_row(
                str(w.id),
                w.kind,
                escape(w.source),
                escape(w.url),
                f"{w.last_polled_at:%Y-%m-%d %H:%M}" if w.last_polled_at else "-",
                f"{w.next_poll_at:%Y-%m-%d %H:%M}" if w.next_poll_at else "-",
                f"{w.error_count} {escape(w.last_error or '')}".strip(),
                str(w.items),
            )
    out.print(table)


_WATCH_ID: TypeAdapter[int] = TypeAdapter(WrittenId)


def _watch_id(text: str) -> int:
    """A watch's id as the API reads one in a path (digits 0-9, within the id column); a usage
    error (exit 2) otherwise, as every command's ids are."""
    try:
        return _WATCH_ID.validate_python(text)
    except ValidationError as error:
        reasons = "; ".join(issue["msg"].removeprefix("Value error, ") for issue in error.errors())
        raise typer.BadParameter(f"{text} is not a watch id: {reasons}") from None


@watch_app.command("remove")
def watch_remove(
    watch_id: Annotated[int, typer.Argument(help="A watch's id.", parser=_watch_id)],
) -> None:
    """Stop watching (the articles stored stay). Exits 1 when there is no such watch."""
    with _database() as session:
        try:
            remove_watch(session, watch_id=watch_id)
        except WatchNotFoundError as error:
            err.print(f"[red]{escape(str(error))}[/red]")
            raise typer.Exit(1) from error
    out.print(f"Removed watch #{watch_id}")
