"""Ids in paths take one spelling: digits 0-9 without a leading zero. Every other spelling int()
or pydantic would read as the same number ("01", "+1", "1_000", "1.0", " 1") is a 422 problem,
and characters that are digits to str.isdigit() but not to int() ("²", "①") too."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

ALIASES = ["01", "+1", "1_000", "1.0", " 1", "1 ", "²", "①", "١", "0x1", "1e0"]


@pytest.fixture
def stored(client: TestClient) -> TestClient:
    response = client.post("/v1/articles", json={"source": "Wire", "text": "Rebels fired on Friday."})
    assert response.status_code == 201
    assert response.json()["id"] == 1
    return client


class TestArticleIds:
    def test_the_canonical_spelling_is_read(self, stored: TestClient) -> None:
        assert stored.get("/v1/articles/1").status_code == 200

    @pytest.mark.parametrize("alias", ALIASES)
    def test_any_other_spelling_is_a_422_problem(self, stored: TestClient, alias: str) -> None:
        response = stored.get(f"/v1/articles/{alias}")
        assert response.status_code == 422
        assert response.headers["content-type"] == "application/problem+json"
        [issue] = response.json()["errors"]
        assert issue["loc"] == ["path", "article_id"]

    @pytest.mark.parametrize("path", ["/v1/articles/01/compare/1", "/v1/articles/1/compare/+1"])
    def test_compare_ids_too(self, stored: TestClient, path: str) -> None:
        assert stored.get(path).status_code == 422

    @pytest.mark.parametrize("path", ["/v1/articles/1_000/related", "/v1/articles/1.0/origin"])
    def test_related_and_origin_ids_too(self, stored: TestClient, path: str) -> None:
        assert stored.get(path).status_code == 422

    def test_zero_is_still_out_of_range(self, stored: TestClient) -> None:
        response = stored.get("/v1/articles/0")
        assert response.status_code == 422
        assert response.json()["errors"][0]["type"] == "greater_than_equal"


class TestWatchAndAlertRuleIds:
    @pytest.mark.parametrize("alias", ALIASES)
    @pytest.mark.parametrize(("path", "name"), [("/v1/watches", "watch_id"), ("/v1/alert-rules", "rule_id")])
    def test_any_other_spelling_is_a_422_problem(
        self, client: TestClient, path: str, name: str, alias: str
    ) -> None:
        response = client.get(f"{path}/{alias}")
        assert response.status_code == 422
        assert response.headers["content-type"] == "application/problem+json"
        [issue] = response.json()["errors"]
        assert issue["loc"] == ["path", name]
