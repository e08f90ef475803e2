"""Bounds on comparisons: sentences found in raw texts, the time budget, the per-client rate and the
comparison turns (app/api/guard.py)."""

from __future__ import annotations

import anyio
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from app.api.guard import CompareGuard
from app.api.problems import ProblemError
from app.config import Settings
from app.models import Article, CachedComparison
from tests.api.conftest import ClientWith, store_seeds

COMPARE = {"base": {"sentences": ["It rained."]}, "other": {"sentences": ["It snowed."]}}
CHECK = {**COMPARE, "rules": {"max_dropped": 5}}


def _sentences(count: int) -> str:
    return " ".join(f"Sentence number {i} is here." for i in range(count))


class TestSentencesInRawText:
    def test_a_raw_text_with_too_many_sentences_is_422_naming_the_limit(self, client: TestClient) -> None:
        body = {"base": {"text": _sentences(51)}, "other": {"text": "It rained."}}
        response = client.post("/v1/compare", json=body)
        assert response.status_code == 422
        assert response.json()["errors"] == [
            {
                "loc": ["body", "base", "text"],
                "detail": "51 sentences, over the limit of 50 (WIREDIFF_MAX_SENTENCES)",
                "type": "limit",
            }
        ]

    def test_the_base_is_named_first_and_the_other_is_never_prepared(self, client: TestClient) -> None:
        body = {"base": {"text": _sentences(51)}, "other": {"text": _sentences(60)}}
        response = client.post("/v1/compare", json=body)
        assert response.status_code == 422
        assert [e["loc"] for e in response.json()["errors"]] == [["body", "base", "text"]]

    def test_the_other_side_is_named_when_only_it_is_over(self, client: TestClient) -> None:
        body = {"base": {"text": "It rained."}, "other": {"text": _sentences(60)}}
        response = client.post("/v1/compare", json=body)
        assert response.status_code == 422
        assert response.json()["errors"][0] == {
            "loc": ["body", "other", "text"],
            "detail": "60 sentences, over the limit of 50 (WIREDIFF_MAX_SENTENCES)",
            "type": "limit",
        }

    def test_a_text_at_the_limit_is_compared(self, client: TestClient) -> None:
        body = {
            "base": {"text": _sentences(50)},
            "other": {"text": _sentences(50)},
            "options": {"detect_title": False, "detect_boilerplate": False},
        }
        response = client.post("/v1/compare", json=body)
        assert response.status_code == 200
        assert response.json()["verdict"] == "copy"

    def test_checks_apply_it_too(self, client: TestClient) -> None:
        body = {
            "base": {"text": _sentences(51)},
            "other": {"text": "It rained."},
            "rules": {"max_dropped": 1},
        }
        response = client.post("/v1/checks", json=body)
        assert response.status_code == 422
        assert response.json()["errors"][0]["loc"] == ["body", "base", "text"]

    def test_an_article_with_too_many_sentences_is_not_stored(self, client: TestClient) -> None:
        response = client.post("/v1/articles", json={"source": "Wire", "text": _sentences(51)})
        assert response.status_code == 422
        assert response.json()["errors"][0] == {
            "loc": ["body", "text"],
            "detail": "51 sentences, over the limit of 50 (WIREDIFF_MAX_SENTENCES)",
            "type": "limit",
        }
        assert client.get("/v1/articles").json()["count"] == 0

    def test_a_stored_article_over_the_limit_is_422_when_compared(
        self, client: TestClient, session: Session
    ) -> None:
        # stored by other means (an import with other limits): compare still refuses it
        article = Article(source="Wire", text=_sentences(51), content_hash="x" * 64)
        session.add(article)
        session.commit()
        response = client.get(f"/v1/articles/{article.id}/compare/{article.id}")
        assert response.status_code == 422
        assert response.json()["errors"][0]["loc"] == ["path", "base_id"]


class TestTimeBudget:
    def test_a_comparison_over_its_budget_is_422_naming_the_limit(self, client_with: ClientWith) -> None:
        client = client_with(compare_time_budget=1e-9)
        response = client.post("/v1/compare", json=COMPARE)
        assert response.status_code == 422
        assert response.headers["content-type"] == "application/problem+json"
        detail = (
            "The comparison took longer than its time budget of 1e-09 s "
            "(WIREDIFF_COMPARE_TIME_BUDGET); send shorter texts"
        )
        assert response.json() == {
            "type": "about:blank",
            "title": "Unprocessable Content",
            "status": 422,
            "detail": detail,
            "instance": "/v1/compare",
            "errors": [{"loc": [], "detail": detail, "type": "limit"}],
        }

    def test_stored_comparisons_have_the_budget_and_cache_nothing_over_it(
        self, client_with: ClientWith, session: Session
    ) -> None:
        client = client_with(compare_time_budget=1e-9)
        article_id = client.post("/v1/articles", json={"source": "W", "text": "It rained."}).json()["id"]
        response = client.get(f"/v1/articles/{article_id}/compare/{article_id}")
        assert response.status_code == 422
        assert "WIREDIFF_COMPARE_TIME_BUDGET" in response.json()["detail"]
        assert client.get(f"/v1/articles/{article_id}/compare/{article_id}").status_code == 422

    def test_checks_have_the_budget(self, client_with: ClientWith) -> None:
        client = client_with(compare_time_budget=1e-9)
        assert client.post("/v1/checks", json=CHECK).status_code == 422

    def test_the_budget_cannot_be_set_by_the_client(self, client: TestClient) -> None:
        response = client.post("/v1/compare", json={**COMPARE, "options": {"time_budget": 100}})
        assert response.status_code == 422
        assert response.json()["errors"][0]["type"] == "extra_forbidden"


class TestRateLimit:
    def test_over_the_rate_is_429_with_retry_after(self, client_with: ClientWith) -> None:
        client = client_with(compare_rate_limit="2/minute")
        assert [client.post("/v1/compare", json=COMPARE).status_code for _ in range(2)] == [200, 200]
        response = client.post("/v1/compare", json=COMPARE)
        assert response.status_code == 429
        assert response.headers["content-type"] == "application/problem+json"
        assert 1 <= int(response.headers["retry-after"]) <= 60
        assert response.json()["detail"].startswith(
            "More than 2 per 1 minute compare requests from this client (WIREDIFF_COMPARE_RATE_LIMIT)"
        )

    def test_every_compare_route_counts_against_the_same_rate(self, client_with: ClientWith) -> None:
        client = client_with(compare_rate_limit="3/minute")
        article_id = client.post("/v1/articles", json={"source": "W", "text": "It rained."}).json()["id"]
        assert client.post("/v1/compare", json=COMPARE).status_code == 200
        assert client.post("/v1/checks", json=CHECK).status_code == 200
        assert client.get(f"/v1/articles/{article_id}/compare/{article_id}").status_code == 200
        assert client.post("/v1/compare", json=COMPARE).status_code == 429
        assert client.post("/v1/checks", json=CHECK).status_code == 429
        assert client.get(f"/v1/articles/{article_id}/compare/{article_id}").status_code == 429

    def test_other_routes_are_not_limited(self, client_with: ClientWith) -> None:
        client = client_with(compare_rate_limit="1/minute")
        client.post("/v1/compare", json=COMPARE)
        assert client.post("/v1/compare", json=COMPARE).status_code == 429
        assert client.get("/v1/articles").status_code == 200
        assert client.post("/v1/articles", json={"source": "W", "text": "It rained."}).status_code == 201
        assert client.get("/livez").status_code == 200

    def test_each_client_address_has_its_own_count(self, settings: Settings) -> None:
        async def scenario() -> list[int]:
            guard = CompareGuard(settings.model_copy(update={"compare_rate_limit": "1/minute"}))
            statuses = []
            for address in ("192.0.2.1", "192.0.2.1", "192.0.2.2"):
                try:
                    await guard.check_rate(address)
                    statuses.append(200)
                except ProblemError as refusal:
                    statuses.append(refusal.status)
            return statuses

        assert anyio.run(scenario) == [200, 429, 200]

    def test_the_client_address_is_the_key(self, client_with: ClientWith) -> None:
        client = client_with(compare_rate_limit="1/minute", address="192.0.2.1")
        assert client.post("/v1/compare", json=COMPARE).status_code == 200
        assert client.post("/v1/compare", json=COMPARE).status_code == 429

    def test_an_empty_rate_limit_turns_it_off(self, client_with: ClientWith) -> None:
        client = client_with(compare_rate_limit="")
        assert {client.post("/v1/compare", json=COMPARE).status_code for _ in range(20)} == {200}


class TestRateCountsComparisons:
    """Routes that compare one stored article with many count each comparison they compute. On the
    seeds, article 2's related versions are four comparisons (with 1, 3, 4 and 5)."""

    def _cached_of(self, session: Session, base_id: int) -> int:
        rows = session.exec(select(CachedComparison).where(CachedComparison.base_id == base_id)).all()
        return len(rows)

    def test_each_computed_comparison_beyond_the_first_counts_once(self, client_with: ClientWith) -> None:
        client = client_with(compare_rate_limit="5/minute")
        store_seeds(client)
        # the request and its three further comparisons: four of five
        assert client.get("/v1/articles/2/related").status_code == 200
        # cached now: the request alone
        assert client.get("/v1/articles/2/related").status_code == 200
        response = client.get("/v1/articles/2/related")
        assert response.status_code == 429
        assert response.headers["content-type"] == "application/problem+json"

    def test_over_the_rate_half_way_is_429_and_keeps_what_was_computed(
        self, client_with: ClientWith, session: Session
    ) -> None:
        client = client_with(compare_rate_limit="3/minute")
        store_seeds(client)
        response = client.get("/v1/articles/2/related")
        assert response.status_code == 429
        assert 1 <= int(response.headers["retry-after"]) <= 60
        assert response.json()["detail"].startswith("More than 3 per 1 minute compare requests")
        assert self._cached_of(session, 2) == 3

    def test_coverage_counts_each_outlet_it_compares(self, client_with: ClientWith, session: Session) -> None:
        client = client_with(compare_rate_limit="3/minute")
        store_seeds(client)
        body = {"base_id": 2, "other_ids": [1, 3, 4, 5]}
        assert client.post("/v1/coverage", json=body).status_code == 429
        assert self._cached_of(session, 2) == 3

    def test_origin_counts_its_comparisons_too(self, client_with: ClientWith) -> None:
        client = client_with(compare_rate_limit="2/minute")
        store_seeds(client)
        assert client.get("/v1/articles/3/origin").status_code == 429

    def test_without_a_rate_every_comparison_is_computed(
        self, client_with: ClientWith, session: Session
    ) -> None:
        client = client_with(compare_rate_limit="")
        store_seeds(client)
        assert client.get("/v1/articles/2/related").status_code == 200
        assert self._cached_of(session, 2) == 4


class TestComparisonTurns:
    def test_a_comparison_waits_for_a_turn_and_then_runs(self, client_with: ClientWith) -> None:
        client = client_with(compare_concurrency=1, compare_queue_timeout=30)
        guard: CompareGuard = client.app.state.compare_guard  # type: ignore[attr-defined]
        portal = client.portal
        assert portal is not None
        portal.call(guard.take_turn)
        portal.call(guard.end_turn)
        assert client.post("/v1/compare", json=COMPARE).status_code == 200

    def test_no_turn_within_the_queue_timeout_is_503_with_retry_after(self, client_with: ClientWith) -> None:
        client = client_with(compare_concurrency=1, compare_queue_timeout=0.2)
        guard: CompareGuard = client.app.state.compare_guard  # type: ignore[attr-defined]
        portal = client.portal
        assert portal is not None
        portal.call(guard.take_turn)  # someone else's long comparison
        try:
            response = client.post("/v1/compare", json=COMPARE)
        finally:
            portal.call(guard.end_turn)
        assert response.status_code == 503
        assert response.headers["retry-after"] == "1"
        assert response.json()["detail"] == (
            "Every comparison turn stayed busy for 0.2 s (WIREDIFF_COMPARE_CONCURRENCY); retry shortly"
        )
        assert client.post("/v1/compare", json=COMPARE).status_code == 200

    def test_reads_do_not_wait_for_a_turn(self, client_with: ClientWith) -> None:
        client = client_with(compare_concurrency=1, compare_queue_timeout=0.2)
        guard: CompareGuard = client.app.state.compare_guard  # type: ignore[attr-defined]
        portal = client.portal
        assert portal is not None
        portal.call(guard.take_turn)
        try:
            statuses = [client.get(path).status_code for path in ("/livez", "/readyz", "/v1/articles")]
        finally:
            portal.call(guard.end_turn)
        assert statuses == [200, 200, 200]

    def test_a_refused_comparison_gives_its_turn_back(self, client_with: ClientWith) -> None:
        client = client_with(compare_concurrency=1, compare_queue_timeout=0.2)
        assert client.post("/v1/compare", json={"base": {}, "other": {}}).status_code == 422
        assert client.post("/v1/compare", json=COMPARE).status_code == 200

    def test_a_comparison_over_budget_gives_its_turn_back(self, client_with: ClientWith) -> None:
        client = client_with(compare_concurrency=1, compare_queue_timeout=0.2, compare_time_budget=1e-9)
        assert client.post("/v1/compare", json=COMPARE).status_code == 422
        assert client.post("/v1/compare", json=COMPARE).status_code == 422  # not 503


class TestDashboardComparisons:
    """The dashboard's comparisons (/ui/compare) are held to the same bounds as the API's."""

    def test_a_pasted_text_over_the_sentence_limit_is_a_form_error(self, client: TestClient) -> None:
        response = client.post("/ui/compare", data={"base_text": _sentences(51), "other_text": "It rained."})
        assert response.status_code == 422
        assert "51 sentences, over the limit of 50 (WIREDIFF_MAX_SENTENCES)." in response.text

    def test_a_pasted_comparison_over_its_budget_is_a_form_error(self, client_with: ClientWith) -> None:
        client = client_with(compare_time_budget=1e-9, api_keys=["k"])  # with keys: compared unstored
        response = client.post("/ui/compare", data={"base_text": "It rained.", "other_text": "It snowed."})
        assert response.status_code == 422
        assert "(WIREDIFF_COMPARE_TIME_BUDGET): paste shorter texts." in response.text

    def test_stored_pasted_texts_meet_the_budget_at_their_comparison(self, client_with: ClientWith) -> None:
        client = client_with(compare_time_budget=1e-9)
        response = client.post("/ui/compare", data={"base_text": "It rained.", "other_text": "It snowed."})
        assert response.status_code == 422
        assert "WIREDIFF_COMPARE_TIME_BUDGET" in response.text

    def test_pasted_comparisons_count_against_the_clients_rate(self, client_with: ClientWith) -> None:
        client = client_with(compare_rate_limit="1/minute")
        form = {"base_text": "It rained.", "other_text": "It snowed."}
        assert client.post("/ui/compare", data=form, follow_redirects=False).status_code == 303
        assert client.post("/ui/compare", data=form).status_code == 429
        assert client.post("/v1/compare", json=COMPARE).status_code == 429

    def test_a_stored_comparison_has_the_time_budget(self, client_with: ClientWith) -> None:
        client = client_with(compare_time_budget=1e-9)
        article_id = client.post("/v1/articles", json={"source": "W", "text": "It rained."}).json()["id"]
        response = client.get(f"/ui/compare/{article_id}/{article_id}")
        assert response.status_code == 422
