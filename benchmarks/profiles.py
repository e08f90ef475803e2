"""Outlet profiles at scale: a store of pickups from outlets with known behaviours, and how fast
a profile (GET /v1/outlets/{source}/profile's service) answers over it.

Usage::

    python -m benchmarks.profiles                              # 100,000 pickups, a fresh SQLite file
    python -m benchmarks.profiles --pickups 20000 --queries 5  # a quick run
    python -m benchmarks.profiles --database-url postgresql+psycopg://...   # an empty PostgreSQL db
    python -m benchmarks.profiles --demo 8 --database-url sqlite:///demo.db  # a store to look at

The outlets (:data:`OUTLETS`) each treat a Reuters story one way, every time:

- ``Credit Keeper``: the whole story with its Reuters credit, and a closing line of its own, 2 h after;
- ``Credit Dropper``: the whole story with the credit taken out (dateline and "told Reuters"), 3 h after;
- ``Militant Times``: the whole story with "rebels" swapped for "militants", 1 h after;
- ``Next Day Herald``: the story without its last sentence, a day after.

:func:`fill` stores real wire stories and outlet articles (``store_article``), compares
them with the engine and records each pickup (:func:`app.services.pickups.record_pickup`): the
tests' store, whose profiles must report exactly these behaviours. The benchmark's 100,000
pickups are :func:`fill`'s for a dozen stories, then copies of their rows
(:func:`fill_bulk`): every outlet's figures as the engine found them, on bulk-inserted article
rows, a story every 20 minutes or so over a year, delays jittered by up to an hour so that
percentiles have something to do. Prints a JSON report (``--json`` writes it too).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select
from sqlmodel import Session, col

from app import crud
from app.config import Settings
from app.engine import compare
from app.models import Article, Pickup, PickupTerm
from app.schemas import ArticleCreate
from app.services.articles import content_hash, store_article
from app.services.pickups import record_pickup, week_of

__all__ = ["OUTLETS", "START", "WIRE_SOURCE", "Behaviour", "fill", "fill_bulk", "main", "wire_story"]

WIRE_SOURCE = "Reuters"
#: The first story's publication: a Monday, so that weeks start with the first story.
START = datetime(2026, 1, 5, 6, tzinfo=UTC)
_TOWNS = (
    ("Qusayr", "Syria"),
    ("Idlib", "Syria"),
    ("Marib", "Yemen"),
    ("Sirte", "Libya"),
    ("Kidal", "Mali"),
    ("Goma", "Congo"),
    ("Tal Afar", "Iraq"),
    ("Hodeidah", "Yemen"),
    ("Derna", "Libya"),
    ("Gao", "Mali"),
    ("Raqqa", "Syria"),
    ("Bunia", "Congo"),
)
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def wire_story(number: int) -> str:
    """Reuters' story ``number`` (0, 1, ...): five body sentences, a quote, two figures."""
    town, country = _TOWNS[number % len(_TOWNS)]
    day = _DAYS[(START + timedelta(days=number)).weekday()]
    return (
        f"Syrian rebels take {town} after battle lasting {number + 2} days\n\n"
        f"{town.upper()}, {country} (Reuters) - Armed rebels took control of the town of {town} on {day},"
        " a monitoring group said.\n"
        f"At least {number + 10} people were killed in the fighting around {town}, the group said.\n"
        f'"We will not leave {town} to them," a local commander told Reuters by telephone.\n'
        "The army said it had sent reinforcements to the area north of the town.\n"
        f"Residents said {100 + 10 * number} families had fled since the weekend, many of them on foot."
    )


def _keep_credit(text: str) -> str:
    return text + "\nOur correspondent in the region contributed to this report."


def _drop_credit(text: str) -> str:
    return text.replace(" (Reuters) -", " -").replace(" told Reuters by telephone", " said by telephone")


def _swap_rebels(text: str) -> str:
    return text.replace("rebels", "militants")


def _drop_last_sentence(text: str) -> str:
    return text.rsplit("\n", 1)[0]


@dataclass(frozen=True, slots=True)
class Behaviour:
    source: str
    delay: timedelta
    rewrite: Callable[[str], str]


OUTLETS = (
    Behaviour("Credit Keeper", timedelta(hours=2), _keep_credit),
    Behaviour("Credit Dropper", timedelta(hours=3), _drop_credit),
    Behaviour("Militant Times", timedelta(hours=1), _swap_rebels),
    Behaviour("Next Day Herald", timedelta(days=1), _drop_last_sentence),
)


#: The service's default limits: the generated stories are well within them.
_SETTINGS = Settings()


def _store(session: Session, source: str, text: str, published_at: datetime) -> Article:
    article, _ = store_article(
        session=session,
        article_in=ArticleCreate(source=source, text=text, published_at=published_at),
        settings=_SETTINGS,
    )
    return article


def fill(session: Session, *, stories: int, every: timedelta = timedelta(days=1)) -> list[Pickup]:
    """``stories`` Reuters stories, one every ``every`` from :data:`START`, each picked up by
    every outlet of :data:`OUTLETS` its way; found when the outlet published it."""
    pickups = []
    for number in range(stories):
        text = wire_story(number)
        wire = _store(session, WIRE_SOURCE, text, START + number * every)
        assert wire.published_at is not None
        for outlet in OUTLETS:
            version = outlet.rewrite(text)
            published = wire.published_at + outlet.delay
            article = _store(session, outlet.source, version, published)
            pickups.append(
                record_pickup(
                    session, outlet=article, wire=wire, comparison=compare(text, version), found_at=published
                )
            )
    return pickups


def _row(pickup: Pickup) -> dict[str, Any]:
    return {
        name: getattr(pickup, name)
        for name in Pickup.model_fields
        if name not in ("id", "outlet_article_id", "wire_article_id", "found_at", "found_week")
    }


def fill_bulk(session: Session, *, pickups: int, seed: int = 1, batch: int = 5000) -> int:
    """About ``pickups`` pickups (a multiple of the outlets), as described in the module's
    docstring; returns how many were stored."""
    rng = random.Random(seed)
    templates = fill(session, stories=len(_TOWNS))
    by_outlet: dict[str, list[tuple[dict[str, Any], list[tuple[str, str, str, int]]]]] = {}
    terms = crud.terms_of_pickups(session=session, pickup_ids=[p.id for p in templates if p.id is not None])
    for pickup in templates:
        assert pickup.id is not None
        by_outlet.setdefault(pickup.outlet_source, []).append(
            (_row(pickup), [(t.kind, t.base, t.other, t.count) for t in terms[pickup.id]])
        )
    stories = pickups // len(OUTLETS) - len(_TOWNS)
    spacing = timedelta(days=365) / max(1, stories)
    connection = session.connection()
    next_article = _next_id(session, Article.__table__)  # type: ignore[attr-defined]
    next_pickup = _next_id(session, Pickup.__table__)  # type: ignore[attr-defined]
    created = START.replace(tzinfo=None)
    for first in range(0, stories, batch // len(OUTLETS)):
        articles: list[dict[str, Any]] = []
        rows: list[dict[str, Any]] = []
        term_rows: list[dict[str, Any]] = []
        for number in range(first, min(stories, first + batch // len(OUTLETS))):
            published = START + spacing * number
            wire_id = next_article
            next_article += 1
            articles.append(_article(wire_id, WIRE_SOURCE, number, published, created))
            for outlet in OUTLETS:
                row, row_terms = by_outlet[outlet.source][number % len(_TOWNS)]
                delay = outlet.delay + timedelta(seconds=rng.randrange(3600))
                found = published + delay
                articles.append(_article(next_article, outlet.source, number, found, created))
                rows.append(
                    row
                    | {
                        "id": next_pickup,
                        "outlet_article_id": next_article,
                        "wire_article_id": wire_id,
                        "found_at": found,
                        "found_week": week_of(found),
                        "outlet_published_at": found,
                        "wire_published_at": published,
                        "delay_seconds": delay.total_seconds(),
                    }
                )
                term_rows.extend(
                    {
                        "pickup_id": next_pickup,
                        "outlet_source": outlet.source,
                        "found_at": found,
                        "kind": kind,
                        "base": base,
                        "other": other,
                        "count": n,
                    }
                    for kind, base, other, n in row_terms
                )
                next_article += 1
                next_pickup += 1
        connection.execute(insert(Article), articles)
        connection.execute(insert(Pickup), rows)
        if term_rows:
            connection.execute(insert(PickupTerm), term_rows)
        session.commit()
        connection = session.connection()
    if connection.dialect.name == "postgresql":  # rows inserted with their ids: move the sequences on
        for table in ("article", "pickup", "pickup_term"):
            connection.exec_driver_sql(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
            )
        session.commit()
    return len(templates) + stories * len(OUTLETS)


def _next_id(session: Session, table: Any) -> int:
    return int(session.connection().execute(select(func.max(table.c.id))).scalar() or 0) + 1


def _article(
    article_id: int, source: str, number: int, published: datetime, created: datetime
) -> dict[str, Any]:
    text = f"Story {number} as {source} ran it."
    return {
        "id": article_id,
        "source": source,
        "title": f"Story {number}",
        "published_at": published,
        "language": "en",
        "text": text,
        "content_hash": content_hash(text),
        "created_at": created,
    }


def _time_profiles(session: Session, queries: int, **filters: Any) -> dict[str, float]:
    """Every outlet's profile ``queries`` times over: the milliseconds of each, their median and max."""
    from app.services.outlets import outlet_profile

    times = []
    for _ in range(queries):
        for outlet in OUTLETS:
            session.expunge_all()
            started = time.perf_counter()
            outlet_profile(session=session, source=outlet.source, **filters)
            times.append((time.perf_counter() - started) * 1000)
    return {
        "median_ms": round(statistics.median(times), 1),
        "p90_ms": round(statistics.quantiles(times, n=10)[-1], 1) if len(times) > 1 else round(times[0], 1),
        "max_ms": round(max(times), 1),
    }


def _time_baseline(session: Session, queries: int) -> dict[str, float]:
    """The floor in the same run: one outlet's pickups counted and one column summed (the same index
    read, nothing grouped), so that figures from a busier or a quieter machine can be compared."""
    statement = select(func.count(), func.sum(col(Pickup.kept))).where(
        col(Pickup.outlet_source) == OUTLETS[0].source
    )
    times = []
    for _ in range(queries):
        started = time.perf_counter()
        session.connection().execute(statement).all()
        times.append((time.perf_counter() - started) * 1000)
    return {"median_ms": round(statistics.median(times), 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pickups", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=10, help="profiles of each outlet, timed")
    parser.add_argument("--database-url", help="an empty database (default: a fresh SQLite file)")
    parser.add_argument("--json", type=Path, help="write the report here too")
    parser.add_argument(
        "--demo",
        type=int,
        metavar="STORIES",
        help="only fill --database-url with this many stories picked up by every outlet (fill), and stop",
    )
    args = parser.parse_args(argv)
    from app.db import make_engine, migrate

    if args.demo is not None:
        if not args.database_url:
            parser.error("--demo needs --database-url")
        migrate(args.database_url)
        engine = make_engine(args.database_url)
        with Session(engine) as session:
            stored = len(fill(session, stories=args.demo))
        engine.dispose()
        print(f"{stored} pickups stored")
        return 0

    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{Path(folder) / 'profiles.db'}"
        migrate(url)
        engine = make_engine(url)
        with Session(engine) as session:
            started = time.perf_counter()
            stored = fill_bulk(session, pickups=args.pickups)
            filled = time.perf_counter() - started
            session.connection().exec_driver_sql("ANALYZE")  # the planner's statistics, as in service
            session.commit()
            if engine.dialect.name == "postgresql":
                # In service autovacuum follows a bulk insert and marks the pages all-visible; until it
                # does, every index-only scan reads the table as well (it may start mid-run otherwise).
                with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                    connection.exec_driver_sql("VACUUM (ANALYZE) pickup, pickup_term, article")
            year = {"since": START + timedelta(days=91), "until": START + timedelta(days=182)}
            report = {
                "database": engine.dialect.name,
                "pickups": stored,
                "outlets": len(OUTLETS),
                "fill_seconds": round(filled, 1),
                "baseline_count_and_sum": _time_baseline(session, args.queries * len(OUTLETS)),
                "profile_all_dates": _time_profiles(session, args.queries),
                "profile_one_quarter": _time_profiles(session, args.queries, **year),
                "profile_topic_query": _time_profiles(session, 1, q="story 7"),
                "python": platform.python_version(),
                "cpus": os.cpu_count(),
            }
        engine.dispose()
    text = json.dumps(report, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
