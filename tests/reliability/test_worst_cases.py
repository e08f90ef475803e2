"""Adversarial comparisons at the size limits (200,000 characters, 2,000 sentences a side, the
defaults) against a real server: each answers 200, or 422 for input over a limit (the sentence
count, or the time budget), never a 5xx and never a hung worker. While four of the slowest run,
/livez and a read keep answering; their latencies are the figures RELIABILITY.md quotes."""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.reliability.client import percentile
from tests.reliability.server import Server

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

LIMIT = 200_000
_SAID = "The minister said on Friday that talks with the rebels would resume, officials said {}."
_VOCABULARY = "the minister said talks would resume in the capital after rebels fired on friday".split()
_NO_BOILERPLATE = {"detect_boilerplate": False, "detect_title": False}


def _text(base: str, other: str, **options: bool) -> dict[str, Any]:
    return {"base": {"text": base}, "other": {"text": other}, "options": options}


def _sentences(base: list[str], other: list[str]) -> dict[str, Any]:
    return {"base": {"sentences": base}, "other": {"sentences": other}}


def _words(rng: random.Random, characters: int) -> str:
    """Words of the 14-word vocabulary, about ``characters`` long, no punctuation."""
    return " ".join(rng.choice(_VOCABULARY) for _ in range(characters // 5))[:characters]


def _near_identical_shuffled() -> dict[str, Any]:
    base = [_SAID.format(i) for i in range(2000)]
    other = [sentence.replace("rebels", "militants") for sentence in base]
    random.Random(1).shuffle(other)
    return _sentences(base, other)


def _long_similar_sentences() -> dict[str, Any]:
    """The slowest found: 166 sentences of 1,200 characters a side, every one like every other
    (one small vocabulary), so that the engine scores all 27,556 pairs."""
    rng = random.Random(7)
    return _sentences(
        [_words(rng, 1200) + "." for _ in range(166)], [_words(rng, 1200) + "." for _ in range(166)]
    )


def _cases() -> dict[str, tuple[dict[str, Any], int]]:
    """name -> (request body, the status it must get: 200, or 422 for input over a limit)."""
    rng = random.Random(7)
    said = "The minister said on Friday that talks would resume. "
    repeated = said * (LIMIT // len(said))
    giant = _words(rng, LIMIT)
    shuffled = " ".join(rng.sample(giant.split(), len(giant.split())))[:LIMIT]
    half, half_shuffled = giant[:99_000], shuffled[:99_000]
    # 50,000 short words with digits, one in seven replaced: each of the 7,000 replacements once read
    # the whole sentence again for a score it might stand in (124 s, past the budget)
    coded = " ".join(f"{rng.choice('abcdefghij')}{rng.randint(1, 99)}" for _ in range(LIMIT // 4))[:LIMIT]
    recoded = " ".join("x7" if k % 7 == 0 else w for k, w in enumerate(coded.split()))
    near = " ".join(_SAID.format(i) for i in range(1990))[:LIMIT]
    vocab = [_words(rng, 80) + "." for _ in range(4000)]
    unclosed = "".join(
        f'He said "we will fight on {i} and we will never give up, whatever they say. ' for i in range(1990)
    )
    quotes = "\u201c" * (LIMIT // 2) + "\u201d" * (LIMIT // 2)
    return {
        "2,000 identical sentences a side (pre-split)": (_sentences([said] * 2000, [said] * 2000), 200),
        "2,000 near-identical sentences, a word changed in each, shuffled": (_near_identical_shuffled(), 200),
        "2,000 sentences of one small vocabulary a side": (_sentences(vocab[:2000], vocab[2000:]), 200),
        "166 sentences of 1,200 characters of one vocabulary a side": (_long_similar_sentences(), 200),
        "1,990 near-identical sentences as raw text": (_text(near, near.replace("Friday", "Monday")), 200),
        "one sentence repeated to 200,000 characters (3,773 sentences)": (_text(repeated, repeated), 422),
        "one giant sentence without punctuation (200,000 characters)": (_text(giant, shuffled), 200),
        "the giant sentence, boilerplate detection off": (_text(giant, shuffled, **_NO_BOILERPLATE), 200),
        "one giant pre-split sentence, words shuffled": (_sentences([half], [half_shuffled]), 200),
        "one giant pre-split sentence, one word in seven replaced": (_sentences([coded], [recoded]), 200),
        "200,000 double quotes": (_text('"' * LIMIT, '"' * (LIMIT - 1) + "x"), 200),
        "an unclosed quotation opening each of 1,990 sentences": (_text(unclosed, unclosed[::-1]), 200),
        "100,000 nested curly quotes": (_text(quotes, "\u201c\u201d" * (LIMIT // 2), **_NO_BOILERPLATE), 200),
        "every character a newline": (_text("\n" * LIMIT, "\n" * LIMIT), 422),
        "a letter and a newline, 100,000 times, boilerplate detection off": (
            _text("a\n" * (LIMIT // 2), "b\n" * (LIMIT // 2), **_NO_BOILERPLATE), 422
        ),
        "a 40,000-sentence paragraph": (_text("A b. " * (LIMIT // 5), "A c. " * (LIMIT // 5)), 422),
    }  # fmt: skip


def _over_budget(response: httpx.Response) -> bool:
    return response.status_code == 422 and "WIREDIFF_COMPARE_TIME_BUDGET" in response.json().get("detail", "")


def test_each_worst_case_answers_200_or_422_and_never_hangs(
    sqlite_url: str, tmp_path: Path, record_figure: Any
) -> None:
    outcomes: dict[str, dict[str, Any]] = {}
    with Server(sqlite_url, tmp_path / "server.log", workers=2, compare_rate_limit="") as server:
        for name, (body, expected) in _cases().items():
            started = time.perf_counter()
            response = httpx.post(f"{server.url}/v1/compare", json=body, timeout=60)
            seconds = time.perf_counter() - started
            outcomes[name] = {
                "expected": expected,
                "status": response.status_code,
                "over_budget": _over_budget(response),
                "seconds": round(seconds, 2),
            }
    record_figure("worst cases at the size limits (POST /v1/compare, 2 workers)", **outcomes)
    for name, outcome in outcomes.items():
        assert outcome["status"] == outcome["expected"] or outcome["over_budget"], (name, outcome)


def _probe(
    base_url: str, busy: list[threading.Thread], paths: Sequence[str], may_shed: Sequence[str] = ()
) -> dict[str, dict[str, float]]:
    """Each path in turn, every 10 ms, until no thread in ``busy`` is alive; each answer must be
    a 200 within 60 s (the "never hangs" bound), or a 503 for the paths in ``may_shed``.
    Latency figures per path, in milliseconds, and how many 503s.

    Every probe on a new connection: a worker whose event loop stalls past uvicorn's 5 s
    keep-alive timeout closes a kept-alive connection when it resumes, racing the next probe
    on it (the dropped connection the load test's client resends for)."""
    seen: dict[str, list[float]] = {path: [] for path in paths}
    shed = dict.fromkeys(paths, 0)
    fresh = httpx.Limits(max_keepalive_connections=0)
    with httpx.Client(base_url=base_url, timeout=60, limits=fresh) as client:
        while any(thread.is_alive() for thread in busy):
            for path in paths:
                started = time.perf_counter()
                status = client.get(path).status_code
                assert status == 200 or (status == 503 and path in may_shed), (path, status)
                shed[path] += status == 503
                seen[path].append(time.perf_counter() - started)
            time.sleep(0.01)
    return {
        path: {
            "probes": len(values),
            "503": shed[path],
            "p50_ms": round(1000 * percentile(values, 0.5), 1),
            "p99_ms": round(1000 * percentile(values, 0.99), 1),
            "max_ms": round(1000 * max(values), 1),
        }
        for path, values in seen.items()
        if values
    }


def _compare_all(
    base_url: str, body: dict[str, Any], count: int, statuses: list[str]
) -> list[threading.Thread]:
    def compare() -> None:
        try:
            response = httpx.post(f"{base_url}/v1/compare", json=body, timeout=300)
        except httpx.HTTPError as error:  # counted, so that the test says what went wrong
            statuses.append(type(error).__name__)
            return
        statuses.append("422 time budget" if _over_budget(response) else str(response.status_code))

    threads = [threading.Thread(target=compare) for _ in range(count)]
    for thread in threads:
        thread.start()
    return threads


def _warm(base_url: str, paths: Sequence[str]) -> None:
    """Both workers' first requests (imports, connections) out of the figures."""
    for path in paths:
        for _ in range(4):
            httpx.get(f"{base_url}{path}", timeout=30)


def test_livez_and_reads_answer_while_four_worst_cases_run(
    sqlite_url: str, tmp_path: Path, record_figure: Any
) -> None:
    paths = ("/livez", "/v1/articles")
    statuses: list[str] = []
    with Server(sqlite_url, tmp_path / "server.log", workers=2, compare_rate_limit="") as server:
        _warm(server.url, paths)
        started = time.perf_counter()
        compares = _compare_all(server.url, _long_similar_sentences(), 4, statuses)
        figures = _probe(server.url, compares, paths)
        wall = time.perf_counter() - started
        for thread in compares:
            thread.join()
    record_figure(
        "/livez and a read while the 4 slowest worst cases run, 2 workers, default settings",
        compares=statuses,
        compares_wall_s=round(wall, 2),
        **figures,
    )
    # each comparison answered: done, over its time budget (the probes and the other comparisons
    # share two cores with it), or refused after waiting its turn; never a 500, never a hang
    assert len(statuses) == 4
    assert set(statuses) <= {"200", "422 time budget", "503"}
    assert set(figures) == set(paths)


#: Comparisons sent at once: ten times what the default lets run.
COMPARISONS = 20


@pytest.mark.parametrize("concurrency", [2, 100])
def test_reads_keep_answering_while_20_comparisons_arrive_at_once(
    sqlite_url: str, tmp_path: Path, record_figure: Any, concurrency: int
) -> None:
    """The case for WIREDIFF_COMPARE_CONCURRENCY: 2 per worker (the default) against 100 (no bound
    in practice). Waiting and budgets are made long enough that every comparison runs, so that only
    the turns differ. Without the bound the comparisons hold every thread of a worker, and
    /readyz, whose database ping needs one, may say 503 (not ready: send no more), as it should;
    with the bound every probe is a 200."""
    paths = ("/livez", "/readyz", "/v1/articles")
    statuses: list[str] = []
    settings = {
        "compare_rate_limit": "",
        "compare_concurrency": str(concurrency),
        "compare_queue_timeout": "300",
        "compare_time_budget": "300",
    }
    with Server(sqlite_url, tmp_path / "server.log", workers=2, **settings) as server:
        _warm(server.url, paths)
        started = time.perf_counter()
        compares = _compare_all(server.url, _near_identical_shuffled(), COMPARISONS, statuses)
        figures = _probe(server.url, compares, paths, may_shed=("/readyz",) if concurrency > 2 else ())
        wall = time.perf_counter() - started
        for thread in compares:
            thread.join()
    record_figure(
        f"reads while {COMPARISONS} comparisons arrive at once, 2 workers, "
        f"WIREDIFF_COMPARE_CONCURRENCY={concurrency}",
        compares={status: statuses.count(status) for status in set(statuses)},
        compares_wall_s=round(wall, 2),
        **figures,
    )
    assert statuses == ["200"] * COMPARISONS
    assert set(figures) == set(paths)
