"""Watching at scale: polling many feeds through the queue, the latency from a new item on an
outlet to the webhook call, and pickup matching against a large store.

Usage::

    python -m benchmarks.watch polling --hosts 100 --feeds-per-host 10     # 1,000 feeds
    python -m benchmarks.watch matching --store 100000 --new 10000 --planted 1000
    python -m benchmarks.watch matching --store 10000 --new 1000 --planted 100   # a quick run
    python -m benchmarks.watch matching ... --report-from /tmp/wirediff-match-bench-X/wirediff.db

polling: ``--hosts`` fake outlets on 127.0.0.1 (one port each, so one host each), each serving
``--feeds-per-host`` RSS feeds of one article; every feed watched, polled through the embedded
queue (SQLite, ``--workers`` task threads) with the default per-host limits (2 at once, 1 s
apart). Reported: the time of the first round (every feed and its article fetched, extracted,
stored, matched), the second round (every feed unchanged: conditional requests answered 304),
CPU seconds per fetched page (the process's, over the first round), and the most requests one
host received in any one second (the limit allows 1). Then latency: a stored wire story, a rule
alerting pickups to a local webhook receiver, intervals shortened to 1 s; ``--latency-items``
new items published one by one, each a copy of the wire story on a different outlet; the time
from publishing to the receiver's call, median and p99.

matching: a store of ``--store`` synthetic articles (benchmarks.related's corpus, built from the
bench dev sentences read at run time), ``--planted`` wire stories (source Reuters) among them;
then ``--new`` new articles, ``--planted`` of them versions of a wire story on another outlet
(copy, trimmed, rewrite, extended), each stored and matched as a watched page's new text is
(:func:`app.services.watch_articles.found_version`). Reported: articles matched per second by
one worker, recall of the planted pickups (by kind), and pickups recorded for background ones.
The run prints its database's path first: ``--report-from PATH`` with the same arguments counts
a run stopped before its end from that database.

Prints a JSON report (``--json`` writes it too).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path
from typing import Any


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _wait(condition: Any, limit: float) -> bool:
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True


def polling(args: argparse.Namespace) -> dict[str, Any]:
    from sqlmodel import Session, col, func, select

    from app import tasks
    from app.config import Settings
    from app.db import make_engine, migrate
    from app.models import Watch, WatchedPage
    from app.schemas import AlertRuleCreate, ArticleCreate, WatchCreate
    from app.services.alerts import add_rule
    from app.services.articles import store_article
    from app.services.watch import add_watch
    from tests.watch.outlet import article_html, serve_outlet
    from tests.watch.receiver import serve_receiver
    from tests.watch.stories import OUTLET_TITLE, OUTLET_V1, WIRE_TEXT

    secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    folder = Path(tempfile.mkdtemp(prefix="wirediff-watch-bench-"))
    database_url = f"sqlite:///{folder / 'wirediff.db'}"
    migrate(database_url)
    with ExitStack() as stack:
        outlets = [stack.enter_context(serve_outlet()) for _ in range(args.hosts)]
        receiver = stack.enter_context(serve_receiver(secret))
        settings = Settings(
            database_url=database_url,
            queue=str(folder / "queue.db"),
            watch_allow_hosts=[o.host for o in outlets] + [receiver.host],
            public_url="http://wirediff.bench",
        )
        engine = make_engine(database_url)
        words = random.Random(11)
        syllables = ("ka", "lo", "mi", "nu", "pe", "ra", "si", "tu")
        vocabulary = [a + b + c for a in syllables for b in syllables for c in "bdgmnrst"]

        def story() -> list[str]:
            # articles of their own (different stories, as a real feed's): random words, 8 sentences
            return [
                " ".join(words.choice(vocabulary) for _ in range(15)).capitalize() + "." for _ in range(8)
            ]

        for h, outlet in enumerate(outlets):
            for f in range(args.feeds_per_host):
                outlet.publish(f"/news/{h}-{f}", article_html(f"Story {h}-{f}", story()))
        # every watch of a host reads the same /feed.xml (the query differs): the host's items are
        # found once, and every later poll of every watch is a conditional request
        with Session(engine) as session:
            for h, outlet in enumerate(outlets):
                for f in range(args.feeds_per_host):
                    add_watch(
                        session,
                        watch_in=WatchCreate(
                            url=outlet.url(f"/feed.xml?f={f}"), kind="feed", source=f"Outlet {h}"
                        ),
                        now=datetime.now(UTC),
                    )
        tasks.configure(settings)
        consumer = tasks.start_threads(args.workers)
        try:
            cpu0, started = _cpu(), time.monotonic()
            with Session(engine) as session:
                ids = list(session.exec(select(Watch.id)).all())
            for watch_id in ids:
                tasks.poll_watch_task(watch_id)

            def pages_done() -> bool:
                with Session(engine) as session:
                    return (
                        session.exec(select(func.count()).where(col(WatchedPage.versions) >= 1)).one()
                        >= args.hosts * args.feeds_per_host
                    )

            done = _wait(pages_done, args.timeout)
            first_round = time.monotonic() - started
            cpu = _cpu() - cpu0
            pages = sum(1 for o in outlets for path, _, _ in o.requests if path.startswith("/news/"))
            fetches = sum(len(o.requests) for o in outlets)
            # second round: every feed due now, all unchanged
            with Session(engine) as session:
                for watch in session.exec(select(Watch)).all():
                    watch.next_poll_at = datetime.now(UTC)
                    session.add(watch)
                session.commit()
            before = sum(1 for o in outlets for path, _, c in o.requests if path == "/feed.xml" and c)
            started2 = time.monotonic()
            for watch_id in ids:
                tasks.poll_watch_task(watch_id)
            total = len(ids)
            _wait(
                lambda: (
                    sum(1 for o in outlets for path, _, c in o.requests if path == "/feed.xml" and c) - before
                    >= total
                ),
                args.timeout,
            )
            second_round = time.monotonic() - started2
            busiest = 0
            for o in outlets:
                times = sorted(t for _, t, _ in o.requests)
                j = 0
                for i, t in enumerate(times):
                    while times[j] <= t - 1.0:
                        j += 1
                    busiest = max(busiest, i - j + 1)
        finally:
            consumer.stop(graceful=True)
        # latency: new items with intervals shortened
        fast = settings.model_copy(
            update={
                "watch_feed_interval_seconds": 1.0,
                "watch_page_intervals": [1.0],
                "watch_host_delay_seconds": 0.2,
            }
        )
        with Session(engine) as session:
            store_article(
                session=session,
                settings=fast,
                article_in=ArticleCreate(
                    source="Reuters", text=WIRE_TEXT, published_at=datetime(2026, 11, 30, tzinfo=UTC)
                ),
            )
            add_rule(
                session,
                rule_in=AlertRuleCreate(
                    name="bench", events=["pickup"], webhook_url=receiver.url, webhook_secret=secret
                ),
                now=datetime.now(UTC),
            )
            # one feed per host polled every second; the articles of the first rounds left alone
            for watch in session.exec(select(Watch)).all():
                watch.active = watch.url.endswith("?f=0")
                watch.next_poll_at = datetime.now(UTC)
                session.add(watch)
            for page in session.exec(select(WatchedPage)).all():
                page.next_poll_at = None
                session.add(page)
            session.commit()
        tasks.configure(fast)
        consumer = tasks.start_threads(args.workers)
        latencies: list[float] = []
        try:
            for watch_id in ids:
                tasks.poll_watch_task(watch_id)
            time.sleep(5)
            for n in range(args.latency_items):
                outlet = outlets[n % len(outlets)]
                count = len(receiver.received)
                published = time.monotonic()
                outlet.publish(
                    f"/news/new-{n}", article_html(OUTLET_TITLE, [*OUTLET_V1, f"Filed by desk {n}."])
                )
                if _wait(lambda c=count: len(receiver.received) > c, 60):
                    latencies.append(time.monotonic() - published)
        finally:
            consumer.stop(graceful=True)
        engine.dispose()
    return {
        "feeds": args.hosts * args.feeds_per_host,
        "hosts": args.hosts,
        "workers": args.workers,
        "first_round_complete": done,
        "first_round_seconds": round(first_round, 1),
        "second_round_seconds_all_304": round(second_round, 1),
        "requests_first_round": fetches,
        "pages_fetched": pages,
        "cpu_seconds_per_page": round(cpu / max(1, pages), 4),
        "max_requests_one_host_any_second": busiest,
        "latency_items": args.latency_items,
        "latency_received": len(latencies),
        "latency_median_seconds": round(statistics.median(latencies), 2) if latencies else None,
        "latency_p99_seconds": round(_quantile(latencies, 0.99), 2) if latencies else None,
    }


class _MatchingRun:
    """The drafts of a matching run, the same for the same arguments: the wire stories planted in
    the store, the store's drafts, then the new articles (planted versions among them)."""

    KINDS = ("copy", "trimmed", "rewrite", "extended")

    def __init__(self, args: argparse.Namespace) -> None:
        from benchmarks.inputs import DEFAULT_BENCH_DIR, load_sentence_pool
        from benchmarks.related import Corpus

        self.args = args
        self.corpus = Corpus(
            load_sentence_pool(args.bench_dir or DEFAULT_BENCH_DIR), articles=args.store, stories=0
        )
        self.rng = random.Random(7)
        self.wires = []
        for i in range(args.planted):
            base = self.corpus.background(-(i + 1))
            base.source = "Reuters"
            self.wires.append(base)

    def store_drafts(self) -> Any:
        """The store, a wire story every so often (draws from the corpus: before :meth:`plan`)."""
        every = max(1, self.args.store // max(1, len(self.wires)))
        pending = iter(self.wires)
        for number in range(self.args.store - len(self.wires)):
            if number % every == 0:
                wire = next(pending, None)
                if wire is not None:
                    yield wire
            yield self.corpus.background(number)
        yield from pending

    def plan(self) -> list[tuple[Any, int | None, str]]:
        """The new articles in order: (draft, index of its wire story or None, kind)."""
        planted_at = set(self.rng.sample(range(self.args.new), self.args.planted))
        plan: list[tuple[Any, int | None, str]] = []
        p = 0
        for n in range(self.args.new):
            if n in planted_at:
                kind = self.KINDS[p % len(self.KINDS)]
                plan.append((self.corpus.version(self.wires[p], kind, p, 10_000_000 + n), p, kind))
                p += 1
            else:
                plan.append((self.corpus.background(1_000_000 + n), None, "background"))
        return plan


def recount(args: argparse.Namespace) -> dict[str, Any]:
    """The figures of a matching run stopped before its end, from its database (``--report-from``):
    the run's drafts are drawn again, so every stored new article is known as planted or not; the
    last one stored may have been being matched, and is left out."""
    from sqlmodel import Session, select

    from app.db import make_engine
    from app.models import Pickup

    run = _MatchingRun(args)
    for _ in run.store_drafts():
        pass
    plan = run.plan()
    engine = make_engine(f"sqlite:///{args.report_from}")
    with Session(engine) as session:
        wire_ids = _stored_ids(session, run.wires)
        stored = _stored_ids(session, [draft for draft, _, _ in plan])
        matched: list[tuple[int, int | None, str]] = []
        for article_id, (_, wire_index, kind) in zip(stored, plan, strict=True):
            if article_id is None:
                break
            matched.append((article_id, wire_index, kind))
        matched = matched[:-1] if len(matched) < len(plan) else matched
        picked: dict[int, set[int]] = defaultdict(set)
        for outlet_id, wire_id in session.exec(select(Pickup.outlet_article_id, Pickup.wire_article_id)):
            picked[outlet_id].add(wire_id)
    engine.dispose()
    tally = _Tally(run.KINDS)
    for article_id, wire_index, kind in matched:
        tally.add(kind, None if wire_index is None else wire_ids[wire_index], picked.get(article_id, set()))
    return {
        "store": args.store,
        "new": args.new,
        "planted": args.planted,
        "matched_before_stopping": len(matched),
        **tally.figures(),
        "background_articles_matched": len(matched) - sum(tally.planted.values()),
    }


class _Tally:
    """Planted pickups found, by kind of version, and pickups of background articles."""

    def __init__(self, kinds: tuple[str, ...]) -> None:
        self.kinds = kinds
        self.found: Counter[str] = Counter()
        self.planted: Counter[str] = Counter()
        self.false_pickups = 0

    def add(self, kind: str, wire_id: int | None, picked: set[int]) -> bool:
        """One new article: ``wire_id`` the wire it was planted from (None: background),
        ``picked`` the wires it was recorded a pickup of. Whether it was counted right."""
        if wire_id is None:
            self.false_pickups += bool(picked)
            return not picked
        self.planted[kind] += 1
        self.found[kind] += wire_id in picked
        return wire_id in picked

    def figures(self) -> dict[str, Any]:
        return {
            "recall": round(sum(self.found.values()) / max(1, sum(self.planted.values())), 4),
            "recall_by_kind": {k: f"{self.found[k]}/{self.planted[k]}" for k in self.kinds},
            "pickups_of_background_articles": self.false_pickups,
        }


def _stored_ids(session: Any, drafts: list[Any]) -> list[int | None]:
    """The stored id of each draft (found by source and content hash), None where it is not stored."""
    from app import crud
    from app.services.articles import content_hash

    found = [
        crud.find_article(session=session, source=draft.source, content_hash=content_hash(draft.text()))
        for draft in drafts
    ]
    return [None if article is None else article.id for article in found]


def matching(args: argparse.Namespace) -> dict[str, Any]:
    from sqlmodel import Session

    from app.config import Settings
    from app.db import make_engine, migrate
    from app.services.articles import store_article
    from app.services.watch_articles import found_version
    from benchmarks.related import _article_in, load

    folder = Path(tempfile.mkdtemp(prefix="wirediff-match-bench-"))
    database_url = f"sqlite:///{folder / 'wirediff.db'}"
    print(
        f"  database: {folder / 'wirediff.db'} (--report-from it if the run is stopped)",
        file=sys.stderr,
        flush=True,
    )
    migrate(database_url)
    run = _MatchingRun(args)
    wires = run.wires

    _, load_seconds = load(database_url, run.store_drafts(), args.store)
    settings = Settings(database_url=database_url, max_sentences=5_000)
    engine = make_engine(database_url)
    with Session(engine) as session:
        wire_ids = _stored_ids(session, wires)
    assert None not in wire_ids, "every wire story is stored by the load"
    plan = run.plan()
    tally = _Tally(run.KINDS)
    misses: list[dict[str, Any]] = []
    started = time.perf_counter()
    with Session(engine) as session:
        for draft, wire_index, kind in plan:
            article, _ = store_article(session=session, article_in=_article_in(draft), settings=settings)
            result = found_version(
                session, article=article, previous=None, settings=settings, now=datetime.now(UTC)
            )
            wire_id = None if wire_index is None else wire_ids[wire_index]
            picked = set() if result.pickup_wire_id is None else {result.pickup_wire_id}
            if not tally.add(kind, wire_id, picked) and wire_id is not None:
                misses.append(_miss(session, article, wire_id, result.pickup_wire_id, kind, settings))
            session.expunge_all()
    seconds = time.perf_counter() - started
    engine.dispose()
    return {
        "store": args.store,
        "new": args.new,
        "planted": args.planted,
        "store_load_seconds": round(load_seconds, 1),
        "matched_per_second_one_worker": round(args.new / seconds, 1),
        **tally.figures(),
        "misses": misses,
    }


def _miss(
    session: Any, article: Any, wire_id: int, found_id: int | None, kind: str, settings: Any
) -> dict[str, Any]:
    """Why a planted pickup was missed: whether the article's related versions hold its wire, and
    the pickup decision with the wire as base (the direction origin and the watcher decide in)."""
    from app import crud
    from app.services.related import pickup_of_version, related_versions

    versions = related_versions(session=session, article_id=article.id, settings=settings, limit=50)
    entry = next((v for v in versions.data if v.article.id == wire_id), None)
    if entry is None:
        return {"kind": kind, "taken_instead": found_id, "wire": "not a candidate, or judged unrelated"}
    wire = crud.get_articles(session=session, article_ids=[wire_id])[wire_id]
    _, outline, decision = pickup_of_version(
        session=session, version=entry, base=wire, article=article, settings=settings
    )
    return {
        "kind": kind,
        "taken_instead": found_id,
        "wire_as_base": {
            "verdict": outline.verdict,
            "is_pickup": decision.is_pickup,
            "probability": decision.probability,
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="what", required=True)
    poll = sub.add_parser("polling")
    poll.add_argument("--hosts", type=int, default=100)
    poll.add_argument("--feeds-per-host", type=int, default=10)
    poll.add_argument("--workers", type=int, default=8)
    poll.add_argument("--latency-items", type=int, default=30)
    poll.add_argument("--timeout", type=float, default=1800)
    match = sub.add_parser("matching")
    match.add_argument("--store", type=int, default=100_000)
    match.add_argument("--new", type=int, default=10_000)
    match.add_argument("--planted", type=int, default=1_000)
    match.add_argument("--bench-dir", type=Path, default=None, help="the bench dev splits (../shared/bench)")
    match.add_argument(
        "--report-from", type=Path, help="count a stopped run from its database (the same other arguments)"
    )
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    if args.what == "polling":
        report = polling(args)
    else:
        report = recount(args) if args.report_from else matching(args)
    report = {"what": args.what, "machine": f"{platform.machine()} {os.cpu_count()} cores", **report}
    print(json.dumps(report, indent=2))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
