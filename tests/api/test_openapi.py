"""The committed OpenAPI document is the contract: it must match the app, and say what the app does."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any, get_args

import pytest
from fastapi import FastAPI

from app.cli import openapi_json
from app.engine import CompareOptions, Comparison
from app.engine.report import FindingKind
from app.schemas import CompareOptionsIn

CONTRACT = Path(__file__).resolve().parents[2] / "openapi" / "openapi.json"


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    from app.main import create_app

    document: dict[str, Any] = create_app().openapi()
    return document


def _operations(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(path, method, op) for path, ops in schema["paths"].items() for method, op in ops.items()]


class TestContract:
    def test_committed_document_matches_the_app(self, schema: dict[str, Any]) -> None:
        committed = CONTRACT.read_text(encoding="utf-8") if CONTRACT.exists() else ""
        assert committed == openapi_json(schema), (
            "openapi/openapi.json differs from app.openapi(): run `make openapi` and commit the result"
        )

    def test_serves_the_same_document(self, app: FastAPI) -> None:
        from fastapi.testclient import TestClient

        with TestClient(app) as client:
            response = client.get("/openapi.json")
        assert response.status_code == 200
        assert openapi_json(response.json()) == CONTRACT.read_text(encoding="utf-8")

    def test_every_operation_has_a_tag_and_a_stable_operation_id(self, schema: dict[str, Any]) -> None:
        ids = {(path, method): (op["tags"], op["operationId"]) for path, method, op in _operations(schema)}
        assert ids == {
            ("/v1/articles", "post"): (["articles"], "articles-create_article"),
            ("/v1/articles", "get"): (["articles"], "articles-list_articles"),
            ("/v1/articles/{article_id}", "get"): (["articles"], "articles-read_article"),
            ("/v1/articles/{article_id}", "delete"): (["articles"], "articles-delete_article"),
            ("/v1/articles/{article_id}/html", "get"): (["articles"], "articles-read_article_html"),
            ("/v1/compare", "post"): (["compare"], "compare-compare_texts"),
            ("/v1/articles/{base_id}/compare/{other_id}", "get"): (["compare"], "compare-compare_stored"),
            ("/v1/checks", "post"): (["checks"], "checks-run_check"),
            ("/v1/articles/{article_id}/versions", "get"): (["articles"], "articles-read_versions"),
            ("/v1/articles/{article_id}/related", "get"): (["related"], "related-read_related"),
            ("/v1/articles/{article_id}/origin", "get"): (["related"], "related-read_origin"),
            ("/v1/coverage", "post"): (["coverage"], "coverage-coverage_matrix"),
            ("/v1/watches", "post"): (["watches"], "watches-create_watch"),
            ("/v1/watches", "get"): (["watches"], "watches-list_watches"),
            ("/v1/watches/{watch_id}", "get"): (["watches"], "watches-read_watch"),
            ("/v1/watches/{watch_id}", "patch"): (["watches"], "watches-patch_watch"),
            ("/v1/watches/{watch_id}", "delete"): (["watches"], "watches-delete_watch"),
            ("/v1/alert-rules", "get"): (["alerts"], "alerts-list_alert_rules"),
            ("/v1/alert-rules", "post"): (["alerts"], "alerts-create_alert_rule"),
            ("/v1/alert-rules/{rule_id}", "get"): (["alerts"], "alerts-read_alert_rule"),
            ("/v1/alert-rules/{rule_id}", "patch"): (["alerts"], "alerts-patch_alert_rule"),
            ("/v1/alert-rules/{rule_id}", "delete"): (["alerts"], "alerts-delete_alert_rule"),
            ("/v1/deliveries", "get"): (["alerts"], "alerts-list_deliveries"),
            ("/v1/outlets", "get"): (["outlets"], "outlets-read_outlets"),
            ("/v1/outlets/{source}/profile", "get"): (["outlets"], "outlets-read_outlet_profile"),
            ("/v1/articles/{article_id}/pickups", "get"): (["outlets"], "outlets-read_story_pickups"),
            ("/livez", "get"): (["health"], "health-livez"),
            ("/readyz", "get"): (["health"], "health-readyz"),
            ("/metrics", "get"): (["health"], "health-metrics"),
        }

    def test_every_documented_error_is_problem_json(self, schema: dict[str, Any]) -> None:
        for path, method, op in _operations(schema):
            for status, response in op["responses"].items():
                if status.startswith(("4", "5")):
                    assert "application/problem+json" in response["content"], (path, method, status)

    def test_json_bodies_document_400_413_415_and_422(self, schema: dict[str, Any]) -> None:
        for path, method, op in _operations(schema):
            if "requestBody" in op:
                assert {"400", "413", "415", "422"} <= set(op["responses"]), (path, method)

    def test_routes_with_parameters_document_422(self, schema: dict[str, Any]) -> None:
        for path, method, op in _operations(schema):
            if op.get("parameters"):
                assert "422" in op["responses"], (path, method)

    def test_compare_routes_document_the_full_comparison_schema(self, schema: dict[str, Any]) -> None:
        components = schema["components"]["schemas"]
        assert list(components["Comparison"]["properties"]) == [
            f.name for f in dataclasses.fields(Comparison)
        ]
        for path, method in (("/v1/compare", "post"), ("/v1/articles/{base_id}/compare/{other_id}", "get")):
            content = schema["paths"][path][method]["responses"]["200"]["content"]
            assert content["application/json"]["schema"] == {"$ref": "#/components/schemas/Comparison"}
            assert set(content) == {"application/json", "text/plain", "text/html", "text/markdown"}

    def test_the_alert_webhook_documents_its_body(self, schema: dict[str, Any]) -> None:
        post = schema["webhooks"]["alert"]["post"]
        assert post["operationId"] == "alerts-alert_webhook"
        body = post["requestBody"]["content"]["application/json"]["schema"]
        assert body == {"$ref": "#/components/schemas/AlertWebhook"}
        findings = schema["components"]["schemas"]["AlertData"]["properties"]["findings"]["items"]
        assert sorted(findings["discriminator"]["mapping"]) == sorted(
            [
                "pickup",
                "changed",
                "stealth_edit",
                "credit",
                "quote",
                "figure",
                "swap",
                *get_args(FindingKind),
            ]
        )

    def test_problem_schema_is_a_component(self, schema: dict[str, Any]) -> None:
        problem = schema["components"]["schemas"]["Problem"]
        assert list(problem["properties"]) == ["type", "title", "status", "detail", "instance", "errors"]


class TestCompareOptionsMirror:
    def test_api_options_are_exactly_the_engine_options(self) -> None:
        # the bounds (time budget, sentences) and the meaning model are the server's to set
        # (settings), not the client's
        bounds = ("time_budget", "max_sentences", "semantic_meaning")
        engine = {f.name: f.default for f in dataclasses.fields(CompareOptions) if f.name not in bounds}
        api = {name: field.default for name, field in CompareOptionsIn.model_fields.items()}
        assert api == engine

    def test_api_options_convert_to_the_engine_options(self) -> None:
        converted = CompareOptionsIn(detect_moves=False).to_engine()
        assert converted == CompareOptions(detect_moves=False)
