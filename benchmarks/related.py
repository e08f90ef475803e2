"""Related versions at scale: a database of synthetic articles built from real text, with planted
versions of some stories; how fast a related query answers, how many planted versions it finds,
and how fast an article is stored with its index entries.

Usage::

    python -m benchmarks.related                          # 100,000 articles in a fresh SQLite file
    python -m benchmarks.related --articles 5000 --stories 200 --queries 100   # a quick run
    python -m benchmarks.related --database-url postgresql+psycopg://...       # an empty PostgreSQL db
    python -m benchmarks.related --database-url sqlite:////tmp/r.db --loaded  # measure again, no load

Text: the sentences of the bench dev splits (``../shared/bench/*.dev.jsonl``) and the seeds,
read at run time (their licences forbid copying them into the repository). 100,000 articles need
about 1.8 million sentences and the text has 22,000, so every sentence of the corpus is walked
through real ones: a run of 3 to 8 words of one, then on from the same word in another ("...
protested on Friday | at the | Atmeh crossing ..."), until one ends. Unrelated articles then
share phrases, as real ones do, but seldom a sentence. A planted story is a base article and 2
to 5 versions of it, each one of:

- ``copy``: the same text under another outlet's navigation line and footer;
- ``trimmed``: the first 40-80% of the sentences (news is cut from the bottom);
- ``rewrite``: a quarter of the sentences dropped, 60% of the rest reworded (a word swapped,
  inserted or deleted per six words), three to six new sentences added;
- ``extended``: every sentence, and 20-50% more new ones;
- ``revision``: the same outlet and URL, a sentence or two reworded and one added at the end
  (stored as the URL's next version).

Every article is stored through ``store_article`` (the path of POST /v1/articles:
preparation, index entries, revision), planted ones spread among the others. Then, in a fresh
process (the run itself with ``--loaded``: as a server started on the store would answer):

- store: STORE_SAMPLES more articles (planted versions and background ones) are stored one by
  one and timed, through ``store_article`` and through POST /v1/articles;
- related: GET /v1/articles/{base}/related for ``--queries`` planted bases, cold (no
  comparison cached, nothing in memory: no prepared document, pickup decision, word runs or
  sentence the engine read),
  then the same queries again (warm: comparisons cached, decisions kept); a planted version is
  found when it is in the answer.

With ``--paired-preparation``, the cold queries are asked once more in pairs: each base with the
articles' stored preparations read back, and with them ignored (every text prepared anew, as
before preparations were stored), in alternating order, nothing cached before either. The paired
difference is what storing the preparation saves a cold query, and a machine whose speed drifts
from minute to minute (a shared one) moves both halves of a pair alike.

With ``--paired-decisions``, the warm queries are asked once more in pairs: each base asked once
untimed, then timed with its pickup decisions kept in memory, or with them and the word runs
forgotten (computed anew from the stored comparisons), in alternating order.

With ``--paired-meaning``, the cold queries are asked once more in pairs: each base with every
reworded group's meaning judged (``app.engine.meaning``, engine 1.2.0), and with the judgement left
out, in alternating order, nothing cached before either: what judging meanings costs a cold query.

Prints a JSON report (``--json`` writes it too). The same arguments give the same corpus.

Loading 100,000 articles takes 20 minutes or more; ``--loaded`` measures a database an earlier run
of the same ``--articles`` and ``--stories`` loaded and kept (``--database-url``), ``--loaded N``
the first N articles of it (a load stopped early; the versions stored among them count): the
stories are found again by walking the corpus (each planted article's content hash is checked),
and what that run's measuring left behind (the articles stored after loading, the cached
comparisons) is deleted first, so the store and cold figures start from the same state.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from benchmarks.inputs import DEFAULT_BENCH_DIR, SEED_DIR, load_sentence_pool

DEFAULT_ARTICLES = 100_000
DEFAULT_STORIES = 2_000
DEFAULT_QUERIES = 300
STORE_SAMPLES = 300
RANDOM_SEED = 20261122
#: The paired measurements a run may add, by option.
PAIRED = {
    "paired-preparation": "then the cold queries in pairs: stored preparations read back, and ignored",
    "paired-decisions": "then the warm queries in pairs: pickup decisions kept in memory, and computed anew",
    "paired-meaning": "then the cold queries in pairs: reworded groups judged for meaning, and not",
}

# Shape of an article: sentences and sentences per paragraph.
MIN_SENTENCES, MAX_SENTENCES = 6, 30
MAX_PARAGRAPH = 3
# Sentences of this many words, walked through real ones in runs of MIN_RUN to MAX_RUN words.
MIN_WORDS, MAX_WORDS = 8, 45
MIN_RUN, MAX_RUN = 3, 8
VERSION_KINDS = ("copy", "trimmed", "rewrite", "extended", "revision")

OUTLETS = [
    "Reuters", "AP", "AFP", "Daily Ledger", "Morning Post", "Evening Standard Online", "Metro Wire",
    "City Courier", "The Observer Desk", "Global Times Digest", "Northern Echo", "Valley Herald",
    "Capital Report", "Weekend Review", "News Aggregator", "Baghdad Post", "PressTV", "Coast Gazette",
]  # fmt: skip
NAVIGATION = ["Home › World › Middle East", "Home › Politics", "Latest › Business › Markets", "News › UK"]
FOOTERS = [
    "Copyright 2019. All rights reserved.",
    "Follow us on social media for more updates",
    "Read more stories like this in our daily newsletter",
]


@dataclass
class Draft:
    """An article to store: its paragraphs of sentences and where it belongs."""

    source: str
    title: str
    paragraphs: list[list[str]]
    published_at: datetime
    url: str | None = None
    header: str | None = None
    footer: str | None = None
    story: int | None = None  # the planted story it belongs to
    kind: str = "background"  # "base", a VERSION_KIND, or "background"

    def text(self) -> str:
        blocks = [self.title]
        if self.header:
            blocks.append(self.header)
        blocks += [" ".join(sentences) for sentences in self.paragraphs]
        if self.footer:
            blocks.append(self.footer)
        return "\n\n".join(blocks)

    def sentences(self) -> list[str]:
        return [s for paragraph in self.paragraphs for s in paragraph]


@dataclass
class Splicer:
    """Novel sentences walked through real ones: a run of a few words of one sentence, then on
    from the same word in another, until a real sentence ends."""

    pool: list[list[str]]
    rng: random.Random
    at: dict[str, list[tuple[int, int]]] = field(default_factory=lambda: defaultdict(list))

    def __post_init__(self) -> None:
        for number, words in enumerate(self.pool):
            for position, word in enumerate(words[:-1]):
                self.at[word.lower()].append((number, position))

    def sentence(self) -> str:
        while True:
            source, position = self.rng.choice(self.pool), 0
            words: list[str] = []
            while position < len(source) and len(words) <= MAX_WORDS:
                run = self.rng.randint(MIN_RUN, MAX_RUN)
                words += source[position : position + run]
                position += run
                if position < len(source):
                    number, at = self.rng.choice(self.at[source[position - 1].lower()])
                    source, position = self.pool[number], at + 1
            if MIN_WORDS <= len(words) <= MAX_WORDS:
                text = " ".join(words)
                return text if text[-1] in ".!?\"'”" else text + "."

    def title(self) -> str:
        words = self.sentence().rstrip(".!?\"'”").split()[: self.rng.randint(6, 11)]
        return " ".join(words)[0].upper() + " ".join(words)[1:]

    def reword(self, sentence: str) -> str:
        """A word swapped, inserted or deleted per six words (at least one change)."""
        words = sentence.split()
        for _ in range(max(1, len(words) // 6)):
            position = self.rng.randrange(len(words))
            operation = self.rng.choice(("swap", "insert", "delete")) if len(words) > 4 else "insert"
            word = self.rng.choice(self.rng.choice(self.pool))
            if operation == "swap":
                words[position] = word
            elif operation == "insert":
                words.insert(position, word)
            else:
                del words[position]
        return " ".join(words)


class Corpus:
    """The deterministic stream of drafts: background articles with planted stories among them."""

    def __init__(self, pool: list[str], articles: int, stories: int, seed: int = RANDOM_SEED) -> None:
        self.rng = random.Random(seed)
        self.splicer = Splicer([s.split() for s in pool], self.rng)
        self.articles = articles
        self.stories = stories
        self.start = datetime(2019, 1, 1, tzinfo=UTC)

    def _paragraphs(self, sentences: list[str]) -> list[list[str]]:
        paragraphs: list[list[str]] = []
        index = 0
        while index < len(sentences):
            size = self.rng.randint(1, MAX_PARAGRAPH)
            paragraphs.append(sentences[index : index + size])
            index += size
        return paragraphs

    def background(self, number: int) -> Draft:
        count = self.rng.randint(MIN_SENTENCES, MAX_SENTENCES)
        published = self.start + timedelta(minutes=self.rng.randrange(2 * 365 * 24 * 60))
        source = self.rng.choice(OUTLETS)
        return Draft(
            source=source,
            title=self.splicer.title(),
            paragraphs=self._paragraphs([self.splicer.sentence() for _ in range(count)]),
            published_at=published,
            url=f"https://{source.lower().replace(' ', '-')}.example/{number}"
            if self.rng.random() < 0.5
            else None,
        )

    def version(self, base: Draft, kind: str, story: int, number: int) -> Draft:
        sentences = base.sentences()
        rng, splicer = self.rng, self.splicer
        if kind == "trimmed":
            sentences = sentences[: max(3, round(len(sentences) * rng.uniform(0.4, 0.8)))]
        elif kind == "rewrite":
            kept = [s for s in sentences if rng.random() >= 0.25] or sentences[:1]
            sentences = [splicer.reword(s) if rng.random() < 0.6 else s for s in kept]
            for _ in range(rng.randint(3, 6)):
                sentences.insert(rng.randrange(len(sentences) + 1), splicer.sentence())
        elif kind == "extended":
            for _ in range(max(1, round(len(sentences) * rng.uniform(0.2, 0.5)))):
                sentences.insert(rng.randrange(len(sentences) + 1), splicer.sentence())
        elif kind == "revision":
            for position in rng.sample(range(len(sentences)), min(len(sentences), rng.randint(1, 2))):
                sentences[position] = splicer.reword(sentences[position])
            sentences.append(splicer.sentence())
        same_outlet = kind == "revision"
        source = base.source if same_outlet else rng.choice([o for o in OUTLETS if o != base.source])
        return Draft(
            source=source,
            title=base.title
            if kind in ("copy", "revision") or rng.random() < 0.5
            else splicer.reword(base.title),
            paragraphs=self._paragraphs(sentences) if kind != "copy" else base.paragraphs,
            published_at=base.published_at + timedelta(minutes=rng.randrange(1, 3 * 24 * 60)),
            url=base.url if same_outlet else f"https://{source.lower().replace(' ', '-')}.example/v{number}",
            header=rng.choice(NAVIGATION) if kind == "copy" else None,
            footer=rng.choice(FOOTERS) if kind == "copy" else None,
            story=story,
            kind=kind,
        )

    def story(self, story: int) -> list[Draft]:
        base = self.background(-story)
        base.story, base.kind = story, "base"
        base.url = base.url or f"https://{base.source.lower().replace(' ', '-')}.example/s{story}"
        kinds = self.rng.sample(VERSION_KINDS, self.rng.randint(2, 5))
        return [base, *(self.version(base, kind, story, story * 10 + n) for n, kind in enumerate(kinds))]

    def drafts(self) -> Iterator[Draft]:
        """Every draft in storing order: a story's articles in order, stories spread evenly."""
        stories = [self.story(number) for number in range(1, self.stories + 1)]
        planted = sum(len(drafts) for drafts in stories)
        background = max(0, self.articles - planted)
        every = max(1, (background + planted) // max(1, len(stories)))
        pending = iter(stories)
        for number in range(background):
            if number % every == 0:
                yield from next(pending, [])
            yield self.background(number)
        for drafts in pending:
            yield from drafts


# --- measuring --------------------------------------------------------------------------------


class Timer:
    """Wall time and the process's CPU time of what runs inside, in milliseconds: the machine is
    shared, and CPU time is what the code itself cost."""

    def __enter__(self) -> Timer:
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall_ms = (time.perf_counter() - self.wall) * 1000
        self.cpu_ms = (time.process_time() - self.cpu) * 1000


def _quantiles(values: Sequence[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {
        "median": round(statistics.median(ordered), 2),
        "p90": round(ordered[int(0.9 * (len(ordered) - 1))], 2),
        "max": round(ordered[-1], 2),
    }


def _article_in(draft: Draft) -> Any:
    from app.schemas import ArticleCreate

    return ArticleCreate(
        source=draft.source, text=draft.text(), url=draft.url, published_at=draft.published_at
    )


def load(database_url: str, drafts: Iterator[Draft], total: int) -> tuple[dict[int, list[int]], float]:
    """Store every draft; the planted stories as ``{base id: [version ids]}`` and seconds spent."""
    from sqlmodel import Session

    from app.config import Settings
    from app.db import make_engine
    from app.services.articles import store_article

    settings = Settings(database_url=database_url, max_sentences=5_000)
    engine = make_engine(database_url)
    stories: dict[int, list[int]] = defaultdict(list)
    bases: dict[int, int] = {}
    started = time.perf_counter()
    with Session(engine) as session:
        for number, draft in enumerate(drafts, start=1):
            article, _ = store_article(session=session, article_in=_article_in(draft), settings=settings)
            assert article.id is not None
            if draft.kind == "base" and draft.story is not None:
                bases[draft.story] = article.id
                stories[article.id] = []
            elif draft.story is not None:
                stories[bases[draft.story]].append(article.id)
            session.expunge_all()
            if number % 5_000 == 0:
                rate = number / (time.perf_counter() - started)
                print(f"  stored {number:,} of {total:,} ({rate:.0f}/s)", file=sys.stderr, flush=True)
    engine.dispose()
    return dict(stories), time.perf_counter() - started


def loaded_stories(
    database_url: str, drafts: Iterator[Draft], prefix: int
) -> tuple[dict[int, list[int]], int]:
    """The planted stories of a database the first ``prefix`` drafts of this corpus were stored
    into (article ids are given in storing order): their versions stored among them, and ``prefix``.
    The articles stored after them and the cached comparisons are deleted."""
    from sqlalchemy import text
    from sqlmodel import Session

    from app.db import make_engine
    from app.services.articles import content_hash

    stories: dict[int, list[int]] = defaultdict(list)
    bases: dict[int, int] = {}
    expected: dict[int, str] = {}
    for number, draft in enumerate(drafts, start=1):  # every draft: the corpus's state after loading
        if draft.story is None or number > prefix:
            continue
        expected[number] = content_hash(draft.text())
        if draft.kind == "base":
            bases[draft.story] = number
            stories[number] = []
        elif draft.story in bases:
            stories[bases[draft.story]].append(number)
    engine = make_engine(database_url)
    with Session(engine) as session:
        connection = session.connection()
        stored = dict(
            connection.execute(
                text("SELECT id, content_hash FROM article WHERE id <= :last"), {"last": prefix}
            ).all()
        )
        wrong = [article_id for article_id, digest in expected.items() if stored.get(article_id) != digest]
        if len(stored) != prefix or wrong:
            raise SystemExit(
                f"--loaded: the database does not hold this corpus ({len(stored):,} of {prefix:,} "
                f"articles, {len(wrong)} planted ones differ); load it with the same arguments"
            )
        connection.execute(text("DELETE FROM article WHERE id > :last"), {"last": prefix})
        connection.execute(text("DELETE FROM comparison"))
        session.commit()
    engine.dispose()
    whole = {base: versions for base, versions in stories.items() if versions}
    print(f"  {prefix:,} articles loaded before, {len(whole):,} stories", file=sys.stderr, flush=True)
    return whole, prefix


def measure_store(database_url: str, corpus: Corpus, samples: int) -> dict[str, Any]:
    """Store new articles one at a time, through crud and through the API."""
    from fastapi.testclient import TestClient
    from sqlmodel import Session

    from app.config import Settings
    from app.db import make_engine
    from app.main import create_app
    from app.services.articles import store_article

    extra = [corpus.story(100_000 + n) for n in range(samples // 4 + 1)]
    drafts = [d for story in extra for d in story] + [corpus.background(200_000 + n) for n in range(samples)]
    corpus.rng.shuffle(drafts)
    crud_timers, api_timers = [], []
    settings = Settings(database_url=database_url, max_sentences=5_000, compare_rate_limit="")
    engine = make_engine(database_url)
    with Session(engine) as session:
        for draft in drafts[:samples]:
            article_in = _article_in(draft)
            with Timer() as timer:
                store_article(session=session, article_in=article_in, settings=settings)
            crud_timers.append(timer)
    engine.dispose()
    settings = Settings(database_url=database_url, max_sentences=5_000, compare_rate_limit="")
    with TestClient(create_app(settings), base_url="http://127.0.0.1") as client:
        for draft in drafts[samples : 2 * samples]:
            body = {"source": draft.source, "text": draft.text(), "url": draft.url}
            with Timer() as timer:
                response = client.post("/v1/articles", json=body)
            api_timers.append(timer)
            assert response.status_code in (200, 201), response.text
    return {
        "crud.create_article_ms": _quantiles([t.wall_ms for t in crud_timers]),
        "crud.create_article_cpu_ms": _quantiles([t.cpu_ms for t in crud_timers]),
        "post_v1_articles_ms": _quantiles([t.wall_ms for t in api_timers]),
        "post_v1_articles_cpu_ms": _quantiles([t.cpu_ms for t in api_timers]),
    }


def measure_related(database_url: str, stories: dict[int, list[int]], queries: int) -> dict[str, Any]:
    from fastapi.testclient import TestClient
    from sqlmodel import Session

    from app import crud
    from app.config import Settings
    from app.main import create_app
    from app.services.related import MIN_SHARED_KEYS, related_candidates

    bases = random.Random(RANDOM_SEED).sample(sorted(stories), min(queries, len(stories)))
    planted = sum(len(stories[base]) for base in bases)
    app = create_app(Settings(database_url=database_url, compare_rate_limit=""))
    figures: dict[str, Any] = {"queries": len(bases), "planted_versions": planted}
    with TestClient(app, base_url="http://127.0.0.1") as client:
        with Session(app.state.db_engine) as session:
            in_candidates = 0
            candidates = []
            for base in bases:
                keys = crud.band_keys_of_article(session=session, article_id=base)
                found = crud.find_candidates(
                    session=session, article_id=base, keys=keys, min_shared=MIN_SHARED_KEYS, limit=10**6
                )
                candidates.append(len(found))
                article = crud.get_article(session=session, article_id=base)
                assert article is not None
                chosen = {candidate.article_id for candidate in related_candidates(session, article, 10)}
                in_candidates += len(set(stories[base]) & chosen)
            figures["index_recall"] = round(in_candidates / planted, 4)
            figures[f"articles_sharing_{MIN_SHARED_KEYS}_keys_or_more"] = _quantiles(candidates)
        for phase in ("cold", "warm"):
            found_versions = 0
            timers = []
            verdicts: dict[str, int] = defaultdict(int)
            for base in bases:
                if phase == "cold":
                    _forget_in_memory()
                with Timer() as timer:
                    response = client.get(f"/v1/articles/{base}/related")
                timers.append(timer)
                assert response.status_code == 200, response.text
                for version in response.json()["data"]:
                    if version["article"]["id"] in stories[base]:
                        found_versions += 1
                        verdicts[version["verdict"]] += 1
                    else:
                        verdicts["not planted"] += 1
            figures[f"{phase}_ms"] = _quantiles([t.wall_ms for t in timers])
            figures[f"{phase}_cpu_ms"] = _quantiles([t.cpu_ms for t in timers])
            figures[f"{phase}_recall"] = round(found_versions / planted, 4)
            figures[f"{phase}_verdicts"] = dict(sorted(verdicts.items()))
    return figures


#: Sets up one half of a pair: (app, client, base, with the change or not), around its query.
Half = Callable[[Any, Any, int, bool], AbstractContextManager[None]]


def measure_stored_preparation(
    database_url: str, stories: dict[int, list[int]], queries: int
) -> dict[str, Any]:
    """Cold related queries in pairs, the stored preparations read or ignored (module docstring)."""
    import app.services.comparisons as comparisons

    return _in_pairs(
        database_url,
        stories,
        queries,
        _cold_with_or_without(comparisons, "restore_preparation"),
        ("cold_cpu_ms_stored_preparation", "cold_cpu_ms_prepared_anew"),
    )


def measure_meaning(database_url: str, stories: dict[int, list[int]], queries: int) -> dict[str, Any]:
    """Cold related queries in pairs, every reworded group's meaning judged or not (module
    docstring)."""
    import sys

    import app.engine.compare  # noqa: F401  (the module, which the package's ``compare`` hides)

    return _in_pairs(
        database_url,
        stories,
        queries,
        _cold_with_or_without(sys.modules["app.engine.compare"], "same_meaning"),
        ("cold_cpu_ms_meaning_judged", "cold_cpu_ms_meaning_not_judged"),
    )


def _cold_with_or_without(module: Any, name: str) -> Half:
    """One half of a cold pair: nothing cached or in memory, and ``module.name`` as it is, or
    answering None (the step it stands for left out)."""
    from unittest import mock

    @contextmanager
    def cold(app: Any, client: Any, base: int, with_it: bool) -> Iterator[None]:
        _forget_comparisons(app)
        _forget_in_memory()
        with nullcontext() if with_it else mock.patch.object(module, name, return_value=None):
            yield

    return cold


def measure_kept_decisions(database_url: str, stories: dict[int, list[int]], queries: int) -> dict[str, Any]:
    """Warm related queries in pairs, the pickup decisions kept in memory or computed anew (module
    docstring)."""
    import app.engine.pickup as pickup
    import app.services.related as related

    @contextmanager
    def warm(app: Any, client: Any, base: int, kept: bool) -> Iterator[None]:
        # asked once untimed, so that either half finds the same (the last half's forgetting
        # forgot this base's decisions too); the other half then computes them from nothing
        assert client.get(f"/v1/articles/{base}/related").status_code == 200
        if not kept:
            related.forget_kept_decisions()
            pickup.forget_word_runs()
        yield

    return _in_pairs(
        database_url,
        stories,
        queries,
        warm,
        ("warm_cpu_ms_decisions_kept", "warm_cpu_ms_decisions_computed"),
        stored_first=True,
    )


def _in_pairs(
    database_url: str,
    stories: dict[int, list[int]],
    queries: int,
    half: Half,
    names: tuple[str, str],
    *,
    stored_first: bool = False,
) -> dict[str, Any]:
    """Each base asked twice through the API, with the change and without (``half`` sets each up),
    in alternating order; CPU quantiles of both halves (``names``) and their paired difference.
    ``stored_first``: every base's comparisons stored before (warm queries)."""
    from fastapi.testclient import TestClient

    from app.config import Settings
    from app.main import create_app

    bases = random.Random(RANDOM_SEED).sample(sorted(stories), min(queries, len(stories)))
    app = create_app(Settings(database_url=database_url, compare_rate_limit=""))
    cpu: dict[bool, list[float]] = {True: [], False: []}
    same_answers = 0
    try:
        with TestClient(app, base_url="http://127.0.0.1") as client:
            _forget_comparisons(app)
            for base in bases if stored_first else ():
                assert client.get(f"/v1/articles/{base}/related").status_code == 200
            for number, base in enumerate(bases):
                answers = {}
                for changed in (True, False) if number % 2 == 0 else (False, True):
                    with half(app, client, base, changed), Timer() as timer:
                        response = client.get(f"/v1/articles/{base}/related")
                    assert response.status_code == 200, response.text
                    cpu[changed].append(timer.cpu_ms)
                    answers[changed] = response.json()["data"]
                same_answers += answers[True] == answers[False]
    finally:
        _forget_comparisons(app)
    differences = [with_it - without for with_it, without in zip(cpu[True], cpu[False], strict=True)]
    return {
        "queries": len(bases),
        "same_answers": same_answers,
        names[0]: _quantiles(cpu[True]),
        names[1]: _quantiles(cpu[False]),
        "paired_difference_cpu_ms": {
            "median": round(statistics.median(differences), 2),
            "mean": round(statistics.mean(differences), 2),
        },
    }


def _forget_in_memory() -> None:
    """Forget what a worker keeps in memory between queries: prepared documents, pickup decisions,
    the word runs of the texts weighed last, the sentences read last."""
    from app.engine import forget_read_sentences, pickup
    from app.services.comparisons import clear_prepared_documents
    from app.services.related import forget_kept_decisions

    clear_prepared_documents()
    forget_kept_decisions()
    pickup.forget_word_runs()
    forget_read_sentences()


def _forget_comparisons(app: Any) -> None:
    from sqlalchemy import delete

    from app.models import CachedComparison

    with app.state.db_engine.begin() as connection:
        connection.execute(delete(CachedComparison))


def _database_size(database_url: str) -> dict[str, Any]:
    from sqlmodel import Session, func, select

    from app.db import is_sqlite, make_engine
    from app.models import Article, ArticleBand

    engine = make_engine(database_url)
    with Session(engine) as session:
        articles = session.exec(select(func.count()).select_from(Article)).one()
        keys = session.exec(select(func.count()).select_from(ArticleBand)).one()
    size: dict[str, Any] = {
        "articles": articles,
        "index_rows": keys,
        "index_rows_per_article": round(keys / articles, 1),
    }
    if is_sqlite(database_url) and engine.url.database:
        size["sqlite_file_mb"] = round(os.path.getsize(engine.url.database) / 2**20)
    engine.dispose()
    return size


def meter_linkage(bench_dir: Path, cross_pairs: int = 5_000) -> dict[str, Any]:
    """How the index's candidate rule links real versions: METER dev pairs (PA wire vs newspaper)
    by the engine's verdict, and pairs of different stories, for a few thresholds."""
    from app.engine import compare
    from app.engine.compare import prepare
    from app.engine.index import band_keys

    records = [json.loads(line) for line in (bench_dir / "meter.dev.jsonl").open(encoding="utf-8")]
    wires = ["\n\n".join(r["a_sentences"]) for r in records]
    papers = ["\n\n".join(r["b_sentences"]) for r in records]
    wire_keys = [set(band_keys(prepare(text))) for text in wires]
    paper_keys = [set(band_keys(prepare(text))) for text in papers]
    groups: dict[str, list[tuple[int, float]]] = defaultdict(list)

    def linked(a: set[int], b: set[int]) -> tuple[int, float]:
        shared = len(a & b)
        return shared, shared / max(1, min(len(a), len(b)))

    for number, (wire, paper) in enumerate(zip(wires, papers, strict=True)):
        groups[compare(wire, paper).verdict].append(linked(wire_keys[number], paper_keys[number]))
    story = [r["id"].rsplit("/", 1)[0].rsplit("_", 1)[0] for r in records]
    rng = random.Random(RANDOM_SEED)
    for _ in range(cross_pairs):
        i, j = rng.randrange(len(records)), rng.randrange(len(records))
        if story[i] != story[j]:
            groups["different stories"].append(linked(wire_keys[i], paper_keys[j]))
    rules = [(1, 0.0), (2, 0.0), (2, 0.05), (3, 0.05)]
    return {
        group: {"pairs": len(pairs)}
        | {
            f"shared>={keys},containment>={share}": round(
                sum(s >= keys and c >= share for s, c in pairs) / len(pairs), 3
            )
            for keys, share in rules
        }
        for group, pairs in sorted(groups.items())
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=DEFAULT_ARTICLES, help="articles stored in all")
    parser.add_argument("--stories", type=int, default=DEFAULT_STORIES, help="planted stories among them")
    parser.add_argument("--queries", type=int, default=DEFAULT_QUERIES, help="related queries timed")
    parser.add_argument("--database-url", help="an empty database (default: a new SQLite file)")
    parser.add_argument("--bench-dir", type=Path, default=DEFAULT_BENCH_DIR)
    parser.add_argument("--json", type=Path, help="also write the report here")
    parser.add_argument(
        "--meter", action="store_true", help="only how the candidate rule links METER dev pairs (no database)"
    )
    parser.add_argument(
        "--loaded",
        type=int,
        nargs="?",
        const=0,
        metavar="N",
        help="--database-url already holds this corpus (a run with the same --articles and --stories), "
        "or its first N articles (a load stopped early): measure only",
    )
    for name, about in PAIRED.items():
        parser.add_argument(f"--{name}", action="store_true", help=about)
    args = parser.parse_args(argv)
    if args.meter:
        print(json.dumps(meter_linkage(args.bench_dir), indent=2))
        return 0

    from app.db import migrate

    if args.loaded is not None and not args.database_url:
        parser.error("--loaded needs --database-url")
    load_average = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="wirediff-related-") as folder:
        database_url = args.database_url or f"sqlite:///{Path(folder) / 'related.db'}"
        migrate(database_url)
        pool = load_sentence_pool(args.bench_dir, SEED_DIR)
        corpus = Corpus(pool, args.articles, args.stories)
        if args.loaded is None:
            _, load_seconds = load(database_url, corpus.drafts(), args.articles)
            report = _measured_afresh(args, database_url)
            report["load_seconds"] = round(load_seconds)
        else:
            report = _measured(args, database_url, pool, corpus, load_average)
    command = "python -m benchmarks.related " + shlex.join(argv if argv is not None else sys.argv[1:])
    report.pop("command", None)  # the fresh process's own, when measured afresh
    report = {"command": command, **report}
    text = json.dumps(report, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0


def _measured(
    args: argparse.Namespace, database_url: str, pool: list[str], corpus: Corpus, load_average: float
) -> dict[str, Any]:
    """The report on a store loaded before (``--loaded``)."""
    stories, loaded = loaded_stories(database_url, corpus.drafts(), args.loaded or args.articles)
    report = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "load_average_at_start": round(load_average, 2),
        "database": "sqlite" if database_url.startswith("sqlite") else database_url.split(":", 1)[0],
        "pool_sentences": len(pool),
        "load_seconds": None,
        "loaded_articles": loaded,
        "stories": len(stories),
        **_database_size(database_url),
        "store": measure_store(database_url, corpus, STORE_SAMPLES),
        "related": measure_related(database_url, stories, args.queries),
    }
    if args.paired_preparation:
        report["stored_preparation"] = measure_stored_preparation(database_url, stories, args.queries)
    if args.paired_decisions:
        report["kept_decisions"] = measure_kept_decisions(database_url, stories, args.queries)
    if args.paired_meaning:
        report["meaning"] = measure_meaning(database_url, stories, args.queries)
    return report


def _measured_afresh(args: argparse.Namespace, database_url: str) -> dict[str, Any]:
    """The store just loaded, measured by this benchmark run anew on it (``--loaded``) in a process
    of its own, as a server started on the store would answer: measured in the loading process,
    whose memory still holds what loading made, a cold related query took 137.6 ms of CPU against
    75.6 in a fresh one (10,000 articles; BENCHMARKS.md "Related versions at scale")."""
    options = [
        f"--articles={args.articles}",
        f"--stories={args.stories}",
        f"--queries={args.queries}",
        f"--bench-dir={args.bench_dir}",
        f"--database-url={database_url}",
        f"--loaded={args.articles}",
    ]
    options += [f"--{name}" for name in PAIRED if getattr(args, name.replace("-", "_"))]
    with tempfile.TemporaryDirectory(prefix="wirediff-related-report-") as folder:
        written = Path(folder) / "report.json"
        subprocess.run(
            [sys.executable, "-m", "benchmarks.related", *options, f"--json={written}"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        report: dict[str, Any] = json.loads(written.read_text(encoding="utf-8"))
    report["measured"] = "in a fresh process after loading (as --loaded does)"
    return report


if __name__ == "__main__":
    raise SystemExit(main())
