"""POST /v1/checks: rules over a comparison, for CI."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.conftest import post_seed
from tests.seeds import seed_text


class TestRunCheck:
    def test_rules_that_hold_pass_with_no_failures(self, client: TestClient) -> None:
        reuters = post_seed(client, "001", "Reuters")
        aggregator = post_seed(client, "000", "Aggregator")
        response = client.post(
            "/v1/checks",
            json={"base": {"id": reuters}, "other": {"id": aggregator}, "rules": {"verdict_in": ["copy"]}},
        )
        assert response.status_code == 200
        assert response.json() == {"passed": True, "failures": []}

    def test_a_failed_rule_reports_rule_expected_actual_and_detail(self, client: TestClient) -> None:
        response = client.post(
            "/v1/checks",
            json={
                "base": {"text": seed_text("001")},
                "other": {"text": seed_text("003")},
                "rules": {"verdict_in": ["copy", "derived"]},
            },
        )
        assert response.status_code == 200
        assert response.json() == {
            "passed": False,
            "failures": [
                {
                    "rule": "verdict_in",
                    "expected": ["copy", "derived"],
                    "actual": "unrelated",
                    "detail": "verdict unrelated, expected one of copy, derived",
                }
            ],
        }

    def test_failures_come_in_the_order_rules_are_declared(self, client: TestClient) -> None:
        response = client.post(
            "/v1/checks",
            json={
                "base": {"text": seed_text("001")},
                "other": {"text": seed_text("003")},
                "rules": {"verdict_in": ["copy"], "min_base_retained": 0.5, "max_dropped": 0},
            },
        )
        assert response.status_code == 200
        assert [f["rule"] for f in response.json()["failures"]] == [
            "max_dropped",
            "min_base_retained",
            "verdict_in",
        ]

    def test_strict_answers_a_failed_check_with_422_and_the_same_body(self, client: TestClient) -> None:
        check = {
            "base": {"sentences": ["It rained.", "Then it stopped."]},
            "other": {"sentences": ["It rained."]},
            "rules": {"max_dropped": 0},
        }
        relaxed = client.post("/v1/checks", json=check)
        strict = client.post("/v1/checks", params={"strict": "true"}, json=check)
        assert strict.status_code == 422
        assert strict.headers["content-type"] == "application/json"
        assert (
            strict.json()
            == relaxed.json()
            == {
                "passed": False,
                "failures": [
                    {
                        "rule": "max_dropped",
                        "expected": 0,
                        "actual": 1,
                        "detail": "1 sentence dropped, at most 0 allowed",
                    }
                ],
            }
        )

    def test_strict_answers_a_passed_check_with_200(self, client: TestClient) -> None:
        response = client.post(
            "/v1/checks?strict=true",
            json={
                "base": {"text": "It rained."},
                "other": {"text": "It rained."},
                "rules": {"max_dropped": 0},
            },
        )
        assert response.status_code == 200
        assert response.json() == {"passed": True, "failures": []}

    def test_a_stored_article_can_be_checked_against_a_text(self, client: TestClient) -> None:
        reuters = post_seed(client, "001", "Reuters")
        response = client.post(
            "/v1/checks",
            json={
                "base": {"id": reuters},
                "other": {"text": seed_text("000")},
                "rules": {"verdict_in": ["copy"]},
            },
        )
        assert response.status_code == 200
        assert response.json()["passed"] is True

    def test_an_unknown_article_is_404(self, client: TestClient) -> None:
        response = client.post(
            "/v1/checks", json={"base": {"id": 41}, "other": {"text": "x"}, "rules": {"max_dropped": 1}}
        )
        assert response.status_code == 404
        assert response.json()["detail"] == "Article 41 not found"

    def test_an_unknown_rule_is_422(self, client: TestClient) -> None:
        response = client.post(
            "/v1/checks", json={"base": {"text": "A."}, "other": {"text": "A."}, "rules": {"max_moves": 1}}
        )
        assert response.status_code == 422
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["errors"] == [
            {
                "loc": ["body", "rules", "max_moves"],
                "detail": "Extra inputs are not permitted",
                "type": "extra_forbidden",
            }
        ]

    def test_no_rules_is_422(self, client: TestClient) -> None:
        response = client.post(
            "/v1/checks", json={"base": {"text": "A."}, "other": {"text": "A."}, "rules": {}}
        )
        assert response.status_code == 422
        assert response.json()["errors"] == [
            {"loc": ["body", "rules"], "detail": "Value error, give at least one rule", "type": "value_error"}
        ]

    def test_a_share_over_one_is_422(self, client: TestClient) -> None:
        response = client.post(
            "/v1/checks",
            json={"base": {"text": "A."}, "other": {"text": "A."}, "rules": {"min_base_retained": 80}},
        )
        assert response.status_code == 422
        assert [e["loc"] for e in response.json()["errors"]] == [["body", "rules", "min_base_retained"]]

    def test_an_unknown_verdict_is_422(self, client: TestClient) -> None:
        response = client.post(
            "/v1/checks",
            json={"base": {"text": "A."}, "other": {"text": "A."}, "rules": {"verdict_in": ["similar"]}},
        )
        assert response.status_code == 422
        assert [e["loc"] for e in response.json()["errors"]] == [["body", "rules", "verdict_in", 0]]

    def test_a_text_over_the_limit_is_422(self, client: TestClient) -> None:
        response = client.post(
            "/v1/checks",
            json={"base": {"text": "x" * 20_001}, "other": {"text": "A."}, "rules": {"max_dropped": 1}},
        )
        assert response.status_code == 422
        assert [e["loc"] for e in response.json()["errors"]] == [["body", "base", "text"]]

    def test_a_blank_sentence_is_422_naming_it(self, client: TestClient) -> None:
        response = client.post(
            "/v1/checks?strict=true",
            json={
                "base": {"sentences": ["It rained.", ""]},
                "other": {"sentences": ["\u200b\t"]},
                "rules": {"verdict_in": ["copy"]},
            },
        )
        assert response.status_code == 422
        assert response.json() == {
            "type": "about:blank",
            "title": "Unprocessable Content",
            "status": 422,
            "detail": "The request has 2 invalid fields: see errors",
            "instance": "/v1/checks",
            "errors": [
                {
                    "loc": ["body", "base", "sentences", "sentences", 1],
                    "detail": "Value error, a sentence must not be blank",
                    "type": "value_error",
                },
                {
                    "loc": ["body", "other", "sentences", "sentences", 0],
                    "detail": "Value error, a sentence must not be blank",
                    "type": "value_error",
                },
            ],
        }
