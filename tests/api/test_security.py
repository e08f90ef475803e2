"""Who may write (API keys), which origins may call (CORS), and the headers that keep renderings inert."""

from __future__ import annotations

import logging

import pytest
from fastapi.testclient import TestClient

from app.api.security import HTML_POLICY, key_matches
from tests.api.conftest import ClientWith

ARTICLE = {"source": "Example Wire", "text": "It rained in Moscow on Friday. Then it stopped."}
COMPARE = {"base": {"sentences": ["It rained."]}, "other": {"sentences": ["It snowed."]}}
KEYS = ["first-key", "second-key"]


def _unauthorized(instance: str) -> dict[str, object]:
    return {
        "type": "about:blank",
        "title": "Unauthorized",
        "status": 401,
        "detail": "This request needs an X-API-Key header",
        "instance": instance,
    }


class TestWriteRoutesWithKeys:
    def test_post_without_a_key_is_401_with_a_challenge(self, client_with: ClientWith) -> None:
        client = client_with(api_keys=KEYS)
        response = client.post("/v1/articles", json=ARTICLE)
        assert response.status_code == 401
        assert response.headers["content-type"] == "application/problem+json"
        assert response.headers["www-authenticate"] == 'ApiKey header="X-API-Key"'
        assert response.json() == _unauthorized("/v1/articles")

    def test_post_with_a_wrong_key_is_403(self, client_with: ClientWith) -> None:
        client = client_with(api_keys=KEYS)
        response = client.post("/v1/articles", json=ARTICLE, headers={"X-API-Key": "first-kez"})
        assert response.status_code == 403
        assert response.json() == {
            "type": "about:blank",
            "title": "Forbidden",
            "status": 403,
            "detail": "The X-API-Key header holds no valid key",
            "instance": "/v1/articles",
        }

    @pytest.mark.parametrize("key", KEYS)
    def test_post_with_any_configured_key_is_stored(self, client_with: ClientWith, key: str) -> None:
        client = client_with(api_keys=KEYS)
        response = client.post("/v1/articles", json=ARTICLE, headers={"X-API-Key": key})
        assert response.status_code == 201

    def test_an_empty_key_counts_as_none(self, client_with: ClientWith) -> None:
        client = client_with(api_keys=KEYS)
        response = client.post("/v1/articles", json=ARTICLE, headers={"X-API-Key": ""})
        assert response.status_code == 401

    def test_a_refused_post_stores_nothing(self, client_with: ClientWith) -> None:
        client = client_with(api_keys=KEYS)
        client.post("/v1/articles", json=ARTICLE, headers={"X-API-Key": "wrong"})
        assert client.get("/v1/articles").json()["count"] == 0

    def test_the_key_is_checked_before_the_body(self, client_with: ClientWith) -> None:
        client = client_with(api_keys=KEYS)
        response = client.post("/v1/articles", content=b"not json", headers={"Content-Type": "text/plain"})
        assert response.status_code == 401

    def test_delete_without_a_key_is_401_and_keeps_the_article(self, client_with: ClientWith) -> None:
        client = client_with(api_keys=KEYS)
        article_id = client.post("/v1/articles", json=ARTICLE, headers={"X-API-Key": KEYS[0]}).json()["id"]
        response = client.delete(f"/v1/articles/{article_id}")
        assert response.status_code == 401
        assert client.get(f"/v1/articles/{article_id}").status_code == 200

    def test_delete_with_a_wrong_key_is_403(self, client_with: ClientWith) -> None:
        client = client_with(api_keys=KEYS)
        article_id = client.post("/v1/articles", json=ARTICLE, headers={"X-API-Key": KEYS[0]}).json()["id"]
        response = client.delete(f"/v1/articles/{article_id}", headers={"X-API-Key": "nope"})
        assert response.status_code == 403

    def test_delete_with_a_key_is_204(self, client_with: ClientWith) -> None:
        client = client_with(api_keys=KEYS)
        article_id = client.post("/v1/articles", json=ARTICLE, headers={"X-API-Key": KEYS[0]}).json()["id"]
        response = client.delete(f"/v1/articles/{article_id}", headers={"X-API-Key": KEYS[1]})
        assert response.status_code == 204

    def test_reads_and_compare_stay_open(self, client_with: ClientWith) -> None:
        client = client_with(api_keys=KEYS)
        article_id = client.post("/v1/articles", json=ARTICLE, headers={"X-API-Key": KEYS[0]}).json()["id"]
        assert client.get("/v1/articles").status_code == 200
        assert client.get(f"/v1/articles/{article_id}").status_code == 200
        assert client.get(f"/v1/articles/{article_id}/compare/{article_id}").status_code == 200
        assert client.post("/v1/compare", json=COMPARE).status_code == 200
        checks = {**COMPARE, "rules": {"max_dropped": 5}}
        assert client.post("/v1/checks", json=checks).status_code == 200

    def test_without_configured_keys_writes_are_open(self, client: TestClient) -> None:
        response = client.post("/v1/articles", json=ARTICLE)
        assert response.status_code == 201


class TestProtectReads:
    @pytest.mark.parametrize(
        ("method", "path", "body"),
        [
            ("GET", "/v1/articles", None),
            ("GET", "/v1/articles/1", None),
            ("GET", "/v1/articles/1/compare/1", None),
            ("POST", "/v1/compare", COMPARE),
            ("POST", "/v1/checks", {**COMPARE, "rules": {"max_dropped": 5}}),
        ],
    )
    def test_every_v1_route_needs_a_key(
        self, client_with: ClientWith, method: str, path: str, body: object
    ) -> None:
        client = client_with(api_keys=KEYS, protect_reads=True)
        assert client.request(method, path, json=body).status_code == 401
        assert client.request(method, path, json=body, headers={"X-API-Key": "x"}).status_code == 403

    def test_a_key_opens_the_reads(self, client_with: ClientWith) -> None:
        client = client_with(api_keys=KEYS, protect_reads=True)
        response = client.get("/v1/articles", headers={"X-API-Key": KEYS[1]})
        assert response.status_code == 200

    @pytest.mark.parametrize("path", ["/livez", "/readyz", "/metrics"])
    def test_health_and_metrics_stay_open(self, client_with: ClientWith, path: str) -> None:
        client = client_with(api_keys=KEYS, protect_reads=True)
        assert client.get(path).status_code == 200

    def test_without_keys_it_changes_nothing(self, client_with: ClientWith) -> None:
        client = client_with(protect_reads=True)
        assert client.get("/v1/articles").status_code == 200


class TestKeysAreNeverLogged:
    def test_right_and_wrong_keys_stay_out_of_the_logs(
        self, client_with: ClientWith, caplog: pytest.LogCaptureFixture
    ) -> None:
        client = client_with(api_keys=KEYS)
        with caplog.at_level(logging.DEBUG):
            client.post("/v1/articles", json=ARTICLE, headers={"X-API-Key": KEYS[0]})
            client.post("/v1/articles", json=ARTICLE, headers={"X-API-Key": "wrong-key-123"})
            client.delete("/v1/articles/1", headers={"X-API-Key": "wrong-key-123"})
        assert caplog.records  # something was logged at DEBUG, and none of it holds a key
        for secret in [*KEYS, "wrong-key-123"]:
            assert secret not in caplog.text


class TestKeyMatches:
    def test_a_configured_key_matches(self) -> None:
        assert key_matches("second-key", KEYS)

    @pytest.mark.parametrize("presented", ["second-ke", "second-key ", "SECOND-KEY", "", "x" * 10_000])
    def test_anything_else_does_not(self, presented: str) -> None:
        assert not key_matches(presented, KEYS)

    def test_no_keys_match_nothing(self) -> None:
        assert not key_matches("anything", [])

    def test_keys_outside_ascii_compare_too(self) -> None:
        assert key_matches("clé-ключ", ["clé-ключ"])
        assert not key_matches("cle-ключ", ["clé-ключ"])


class TestCors:
    def test_no_cors_headers_by_default(self, client: TestClient) -> None:
        response = client.get("/v1/articles", headers={"Origin": "https://desk.example"})
        assert response.status_code == 200
        assert "access-control-allow-origin" not in response.headers

    def test_no_preflight_by_default(self, client: TestClient) -> None:
        response = client.options(
            "/v1/articles",
            headers={"Origin": "https://desk.example", "Access-Control-Request-Method": "POST"},
        )
        assert response.status_code == 405
        assert "access-control-allow-origin" not in response.headers

    def test_a_configured_origin_is_allowed(self, client_with: ClientWith) -> None:
        client = client_with(cors_origins=["https://desk.example"])
        response = client.get("/v1/articles", headers={"Origin": "https://desk.example"})
        assert response.headers["access-control-allow-origin"] == "https://desk.example"

    def test_a_configured_origin_may_send_the_key_in_a_preflight(self, client_with: ClientWith) -> None:
        client = client_with(cors_origins=["https://desk.example"])
        response = client.options(
            "/v1/articles",
            headers={
                "Origin": "https://desk.example",
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "content-type, x-api-key",
            },
        )
        assert response.status_code == 200
        assert response.headers["access-control-allow-origin"] == "https://desk.example"
        assert "POST" in response.headers["access-control-allow-methods"]
        assert "x-api-key" in response.headers["access-control-allow-headers"].lower()

    @pytest.mark.parametrize("path", ["/v1/watches/1", "/v1/alert-rules/1"])
    def test_a_configured_origin_may_patch(self, client_with: ClientWith, path: str) -> None:
        client = client_with(cors_origins=["https://desk.example"])
        response = client.options(
            path,
            headers={
                "Origin": "https://desk.example",
                "Access-Control-Request-Method": "PATCH",
                "Access-Control-Request-Headers": "content-type",
            },
        )
        assert response.status_code == 200
        assert response.headers["access-control-allow-origin"] == "https://desk.example"
        assert response.headers["access-control-allow-methods"] == "GET, POST, PATCH, DELETE"

    @pytest.mark.parametrize(
        ("origin", "method", "detail"),
        [
            ("https://evil.example", "POST", "Disallowed CORS origin"),
            ("https://desk.example", "PUT", "Disallowed CORS method"),
            ("https://evil.example", "PUT", "Disallowed CORS origin, method"),
        ],
    )
    def test_a_refused_preflight_is_a_400_problem(
        self, client_with: ClientWith, origin: str, method: str, detail: str
    ) -> None:
        client = client_with(cors_origins=["https://desk.example"])
        response = client.options(
            "/v1/articles", headers={"Origin": origin, "Access-Control-Request-Method": method}
        )
        assert response.status_code == 400
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json() == {
            "type": "about:blank",
            "title": "Bad Request",
            "status": 400,
            "detail": detail,
            "instance": "/v1/articles",
        }

    def test_another_origin_is_not_allowed(self, client_with: ClientWith) -> None:
        client = client_with(cors_origins=["https://desk.example"])
        response = client.get("/v1/articles", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in response.headers

    def test_refusals_carry_cors_headers_so_the_dashboard_can_read_them(
        self, client_with: ClientWith
    ) -> None:
        client = client_with(cors_origins=["https://desk.example"], api_keys=KEYS)
        response = client.post("/v1/articles", json=ARTICLE, headers={"Origin": "https://desk.example"})
        assert response.status_code == 401
        assert response.headers["access-control-allow-origin"] == "https://desk.example"


class TestSecurityHeaders:
    @pytest.mark.parametrize("path", ["/livez", "/v1/articles", "/v1/articles/999"])
    def test_every_response_forbids_sniffing(self, client: TestClient, path: str) -> None:
        assert client.get(path).headers["x-content-type-options"] == "nosniff"

    @pytest.mark.parametrize("output", ["html", "text", "markdown"])
    def test_renderings_forbid_sniffing(self, client: TestClient, output: str) -> None:
        response = client.post(f"/v1/compare?format={output}", json=COMPARE)
        assert response.headers["x-content-type-options"] == "nosniff"

    def test_html_renderings_allow_no_scripts(self, client: TestClient) -> None:
        response = client.post("/v1/compare?format=html", json=COMPARE)
        assert response.headers["content-security-policy"] == HTML_POLICY
        assert "script" not in HTML_POLICY

    def test_json_answers_carry_no_policy(self, client: TestClient) -> None:
        response = client.post("/v1/compare", json=COMPARE)
        assert "content-security-policy" not in response.headers
