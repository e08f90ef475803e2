"""What answers comparisons from a cache keeps every behaviour of computing them: the worker's cache of
ad-hoc comparisons (POST /v1/compare) and the one-query read of a stored comparison (GET
/v1/articles/{a}/compare/{b}). See BENCHMARKS.md, Service under load, for why they exist."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import orjson
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from app import crud
from app.api.guard import CompareGuard
from app.api.routes import compare as compare_routes
from app.db import make_engine
from app.engine import ENGINE_VERSION, CompareOptions, compare
from app.services.comparisons import OutputFormat, ResultCache, request_key, to_json
from tests.api.conftest import ClientWith, post_seed
from tests.seeds import seed_text

PAIR = {"base": {"text": seed_text("001")}, "other": {"text": seed_text("002")}}


@contextmanager
def turns_taken(client: TestClient) -> Iterator[None]:
    """Every comparison turn of the client's app held, as by someone else's long comparisons."""
    guard: CompareGuard = client.app.state.compare_guard  # type: ignore[attr-defined]
    portal = client.portal
    assert portal is not None
    others = [f"198.51.100.{n}" for n in range(client.app.state.settings.compare_concurrency)]  # type: ignore[attr-defined]
    for other in others:  # one client may not hold every turn
        portal.call(guard.take_turn, other)
    try:
        yield
    finally:
        for other in others:
            portal.call(guard.end_turn, other)


def _engine_calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the ad-hoc comparisons the route computes (one entry per computation)."""
    calls: list[int] = []
    computing = compare_routes._compare_and_render

    def counted(*args: object) -> bytes:
        calls.append(1)
        return computing(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(compare_routes, "_compare_and_render", counted)
    return calls


class TestResultCache:
    def test_gives_back_what_it_was_given(self) -> None:
        cache = ResultCache(max_bytes=100)
        cache.put(b"k", b"body")
        assert cache.get(b"k") == b"body"
        assert cache.get(b"other") is None

    def test_is_bounded_by_bytes_dropping_the_least_recently_used(self) -> None:
        cache = ResultCache(max_bytes=10)
        cache.put(b"a", b"aaaa")
        cache.put(b"b", b"bbbb")
        assert cache.get(b"a") == b"aaaa"  # now b is the least recently used
        cache.put(b"c", b"cccc")
        assert (cache.get(b"a"), cache.get(b"b"), cache.get(b"c")) == (b"aaaa", None, b"cccc")
        assert cache.size == 8
        assert len(cache) == 2

    def test_is_bounded_by_entries(self) -> None:
        cache = ResultCache(max_bytes=1_000, max_entries=3)
        for number in range(10):
            cache.put(str(number).encode(), b"x")
        assert len(cache) == 3
        assert [cache.get(str(n).encode()) is not None for n in range(10)] == [False] * 7 + [True] * 3

    def test_a_body_over_the_bound_is_not_kept_and_drops_nothing(self) -> None:
        cache = ResultCache(max_bytes=10)
        cache.put(b"small", b"12345")
        cache.put(b"large", b"x" * 11)
        assert cache.get(b"large") is None
        assert cache.get(b"small") == b"12345"

    def test_the_same_key_again_replaces_its_body(self) -> None:
        cache = ResultCache(max_bytes=10)
        cache.put(b"k", b"123456")
        cache.put(b"k", b"12")
        assert (cache.get(b"k"), cache.size, len(cache)) == (b"12", 2, 1)

    def test_zero_bytes_keeps_nothing(self) -> None:
        cache = ResultCache(max_bytes=0)
        cache.put(b"k", b"body")
        assert (cache.get(b"k"), len(cache)) == (None, 0)


class TestRequestKey:
    def test_names_everything_the_answer_depends_on(self) -> None:
        options = CompareOptions()
        key = request_key("A. B.", "A.", options, OutputFormat.json)
        assert request_key("A. B.", "A.", CompareOptions(), OutputFormat.json) == key
        different = [
            request_key("A. B.", "A. ", options, OutputFormat.json),
            request_key("A.", "A. B.", options, OutputFormat.json),  # sides swapped
            request_key(["A. B."], "A.", options, OutputFormat.json),  # sentences, not a text
            request_key("A. B.", "A.", CompareOptions(detect_moves=False), OutputFormat.json),
            request_key("A. B.", "A.", options, OutputFormat.text),
        ]
        assert key not in different
        assert len(set(different)) == len(different)


class TestAdHocComparisonsFromTheCache:
    def test_the_same_request_again_is_byte_identical_and_not_computed_again(
        self, client: TestClient, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        calls = _engine_calls(monkeypatch)
        first = client.post("/v1/compare", json=PAIR)
        second = client.post("/v1/compare", json=PAIR)
        assert (first.status_code, second.status_code) == (200, 200)
        assert second.content == first.content == to_json(compare(seed_text("001"), seed_text("002")))
        assert second.headers["content-type"] == "application/json"
        assert second.headers["vary"] == "Accept"
        assert len(calls) == 1

    def test_each_format_is_its_own_entry(self, client: TestClient) -> None:
        as_json = client.post("/v1/compare", json=PAIR)
        as_text = client.post("/v1/compare", json=PAIR, params={"format": "text"})
        again = client.post("/v1/compare", json=PAIR, headers={"accept": "text/plain"})
        assert as_text.headers["content-type"] == "text/plain; charset=utf-8"
        assert again.content == as_text.content != as_json.content

    def test_different_options_are_computed(
        self, client: TestClient, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        calls = _engine_calls(monkeypatch)
        client.post("/v1/compare", json=PAIR)
        client.post("/v1/compare", json={**PAIR, "options": {"detect_moves": False}})
        assert len(calls) == 2

    def test_a_cached_answer_needs_no_turn_but_a_new_one_waits_for_one(self, client_with: ClientWith) -> None:
        client = client_with(compare_queue_timeout=0.2)
        assert client.post("/v1/compare", json=PAIR).status_code == 200
        with turns_taken(client):
            cached = client.post("/v1/compare", json=PAIR)
            new = client.post("/v1/compare", json={**PAIR, "other": {"text": "It rained."}})
        assert (cached.status_code, new.status_code) == (200, 503)

    def test_a_cached_answer_still_counts_against_the_rate(self, client_with: ClientWith) -> None:
        client = client_with(compare_rate_limit="2/minute")
        statuses = [client.post("/v1/compare", json=PAIR).status_code for _ in range(3)]
        assert statuses == [200, 200, 429]

    def test_invalid_requests_are_refused_as_before(self, client: TestClient) -> None:
        assert client.post("/v1/compare", json=PAIR).status_code == 200
        assert client.post("/v1/compare", json={**PAIR, "options": {"x": True}}).status_code == 422
        assert client.post("/v1/compare", json=PAIR, headers={"accept": "image/png"}).status_code == 406
        assert client.post("/v1/compare", content=orjson.dumps(PAIR)).status_code == 415

    def test_with_no_cache_every_request_is_computed(
        self, client_with: ClientWith, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        client = client_with(compare_cache_bytes=0)
        calls = _engine_calls(monkeypatch)
        bodies = {client.post("/v1/compare", json=PAIR).content for _ in range(2)}
        assert len(bodies) == 1
        assert len(calls) == 2

    def test_a_comparison_over_its_budget_is_not_cached(self, client_with: ClientWith) -> None:
        client = client_with(compare_time_budget=1e-9)
        assert [client.post("/v1/compare", json=PAIR).status_code for _ in range(2)] == [422, 422]
        assert len(client.app.state.result_cache) == 0  # type: ignore[attr-defined]


class TestStoredComparisonFromOneQuery:
    def test_a_deleted_article_is_404_at_once_in_every_worker(self, client_with: ClientWith) -> None:
        """Two apps on one database stand for two workers: what one deletes, the other never serves."""
        first = client_with()
        second = client_with()
        reuters = post_seed(first, "001", "Reuters")
        baghdad = post_seed(first, "002", "Baghdad Post")
        path = f"/v1/articles/{reuters}/compare/{baghdad}"
        assert first.get(path).status_code == 200
        assert second.get(path).status_code == 200  # now cached for both
        assert first.delete(f"/v1/articles/{baghdad}").status_code == 204
        for client in (second, first):
            response = client.get(path)
            assert response.status_code == 404
            assert response.json()["detail"] == f"Article {baghdad} not found"
            assert client.get(path, headers={"if-none-match": "*"}).status_code == 404

    def test_the_cached_answer_is_the_stored_body(self, client: TestClient) -> None:
        reuters = post_seed(client, "001", "Reuters")
        baghdad = post_seed(client, "002", "Baghdad Post")
        path = f"/v1/articles/{reuters}/compare/{baghdad}"
        computed = client.get(path)
        cached = client.get(path)
        assert cached.content == computed.content == to_json(compare(seed_text("001"), seed_text("002")))
        assert cached.headers["etag"] == computed.headers["etag"]
        assert cached.headers["etag"] == f'"{hashlib.sha256(cached.content).hexdigest()}"'
        assert (cached.headers["vary"], cached.headers["cache-control"]) == ("Accept", "no-cache")

    @pytest.mark.parametrize("output", ["json", "text", "html", "markdown"])
    def test_if_none_match_is_304_in_every_format(self, client: TestClient, output: str) -> None:
        reuters = post_seed(client, "001", "Reuters")
        baghdad = post_seed(client, "002", "Baghdad Post")
        path = f"/v1/articles/{reuters}/compare/{baghdad}"
        etag = client.get(path, params={"format": output}).headers["etag"]
        response = client.get(path, params={"format": output}, headers={"if-none-match": etag})
        assert (response.status_code, response.content, response.headers["etag"]) == (304, b"", etag)
        other_format = "text" if output == "json" else "json"
        response = client.get(path, params={"format": other_format}, headers={"if-none-match": etag})
        assert response.status_code == 200  # each format has its own ETag

    def test_a_cached_answer_needs_no_turn(self, client_with: ClientWith) -> None:
        client = client_with(compare_queue_timeout=0.2)
        reuters = post_seed(client, "001", "Reuters")
        baghdad = post_seed(client, "002", "Baghdad Post")
        aggregator = post_seed(client, "000", "Aggregator")
        assert client.get(f"/v1/articles/{reuters}/compare/{baghdad}").status_code == 200
        with turns_taken(client):
            cached = client.get(f"/v1/articles/{reuters}/compare/{baghdad}")
            rendered = client.get(f"/v1/articles/{reuters}/compare/{baghdad}", params={"format": "text"})
            new = client.get(f"/v1/articles/{reuters}/compare/{aggregator}")
        assert (cached.status_code, rendered.status_code, new.status_code) == (200, 503, 503)

    def test_a_cached_answer_still_counts_against_the_rate(self, client_with: ClientWith) -> None:
        client = client_with(compare_rate_limit="2/minute")
        reuters = post_seed(client, "001", "Reuters")
        path = f"/v1/articles/{reuters}/compare/{reuters}"
        assert [client.get(path).status_code for _ in range(3)] == [200, 200, 429]

    def test_format_and_keys_are_checked_as_before(self, client_with: ClientWith) -> None:
        client = client_with(api_keys=["k"], protect_reads=True)
        keyed = {"X-API-Key": "k"}
        stored = client.post("/v1/articles", json={"source": "W", "text": seed_text("001")}, headers=keyed)
        reuters = stored.json()["id"]
        path = f"/v1/articles/{reuters}/compare/{reuters}"
        assert client.get(path).status_code == 401
        assert client.get(path, headers=keyed).status_code == 200
        unacceptable = client.get(path, headers={**keyed, "accept": "image/png"})
        assert unacceptable.status_code == 406
        assert unacceptable.headers["content-type"] == "application/problem+json"
        assert client.get(path, params={"format": "pdf"}, headers=keyed).status_code == 422
        assert client.get(f"/v1/articles/0/compare/{reuters}", headers=keyed).status_code == 422

    def test_a_database_without_the_table_is_a_503(self, client: TestClient, tmp_path: Path) -> None:
        """The lookup runs on the driver: its errors still reach the outage handler as SQLAlchemy's,
        which tells a missing table (run the migrations; no retry helps) from a database away."""
        app = client.app
        working = app.state.db_engine  # type: ignore[attr-defined]
        app.state.db_engine = make_engine(f"sqlite:///{tmp_path}/empty.db")  # type: ignore[attr-defined]
        try:
            response = client.get("/v1/articles/1/compare/2")
        finally:
            app.state.db_engine.dispose()  # type: ignore[attr-defined]
            app.state.db_engine = working  # type: ignore[attr-defined]
        assert response.status_code == 503
        assert response.json()["detail"] == "Database schema is not migrated: run `wirediff migrate`"
        assert "retry-after" not in response.headers

    def test_the_lookup_finds_what_is_stored_and_nothing_else(self, client: TestClient) -> None:
        engine = client.app.state.db_engine  # type: ignore[attr-defined]
        reuters = post_seed(client, "001", "Reuters")
        baghdad = post_seed(client, "002", "Baghdad Post")
        stored = client.get(f"/v1/articles/{reuters}/compare/{baghdad}")
        found = crud.find_cached_comparison(
            engine=engine, base_id=reuters, other_id=baghdad, engine_version=ENGINE_VERSION
        )
        assert found == (stored.headers["etag"].strip('"'), stored.content)
        assert crud.find_cached_comparison(
            engine=engine, base_id=reuters, other_id=baghdad, engine_version=ENGINE_VERSION, with_body=False
        ) == (found[0], None)
        for base_id, other_id, version in ((baghdad, reuters, ENGINE_VERSION), (reuters, baghdad, "0.0.1")):
            assert (
                crud.find_cached_comparison(
                    engine=engine, base_id=base_id, other_id=other_id, engine_version=version
                )
                is None
            )
        with engine.begin() as connection:
            rows = connection.execute(text("SELECT count(*) FROM comparison")).scalar_one()
        assert rows == 1
