"""HTTP details the audit found wrong: HEAD answers as GET without the body (not 405), a JSON body
in UTF-16 or with a byte order mark is a 400 (the API takes UTF-8 JSON), a missing key is a 401
before a malformed body's 400, and /docs and /redoc load nothing from another origin."""

from __future__ import annotations

import codecs
import json

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from app.api.routing import ApiRoute
from tests.api.conftest import ClientWith

ARTICLE = {"source": "Wire", "text": "Rebels fired on Friday."}


class TestHead:
    @pytest.mark.parametrize("path", ["/livez", "/readyz", "/v1/articles", "/v1/articles/1", "/ui/articles"])
    def test_head_answers_as_get_without_a_body(self, client: TestClient, path: str) -> None:
        assert client.post("/v1/articles", json=ARTICLE).status_code == 201
        got = client.get(path)
        head = client.head(path)
        assert (head.status_code, got.status_code) == (200, 200)
        assert head.content == b""
        assert head.headers["content-type"] == got.headers["content-type"]
        assert head.headers["content-length"] == str(len(got.content))

    def test_head_of_a_missing_article_is_404(self, client: TestClient) -> None:
        response = client.head("/v1/articles/9")
        assert response.status_code == 404
        assert response.content == b""


#: Every route that stores something from a JSON body: each needs a key when keys are configured.
WRITE_PATHS = ["/v1/articles", "/v1/watches", "/v1/alert-rules"]
WATCH = {"url": "https://outlet.example/feed.xml", "kind": "feed", "source": "Daily Planet"}


class TestEveryV1Route:
    def test_is_an_api_route(self, client: TestClient) -> None:
        """The key before the body, and UTF-8 bodies only, hold for every /v1 route alike."""
        plain = [
            route.path
            for route in client.app.routes  # type: ignore[attr-defined]
            if isinstance(route, APIRoute)
            and route.path.startswith("/v1/")
            and not isinstance(route, ApiRoute)
        ]
        assert plain == []


class TestBodyEncoding:
    @pytest.mark.parametrize(
        "encoded",
        [
            codecs.BOM_UTF8 + json.dumps(ARTICLE).encode(),
            json.dumps(ARTICLE).encode("utf-16"),
            json.dumps(ARTICLE).encode("utf-16-le"),
            json.dumps(ARTICLE).encode("utf-32"),
        ],
        ids=["utf-8 with BOM", "utf-16 with BOM", "utf-16-le", "utf-32"],
    )
    def test_a_json_body_that_is_not_plain_utf8_is_a_400(self, client: TestClient, encoded: bytes) -> None:
        response = client.post("/v1/articles", content=encoded, headers={"Content-Type": "application/json"})
        assert response.status_code == 400
        assert response.headers["content-type"] == "application/problem+json"
        assert (
            response.json()["detail"] == "The body is not UTF-8 JSON (no byte order mark, not UTF-16 or 32)"
        )
        assert client.get("/v1/articles").json()["count"] == 0

    @pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
    def test_a_watch_in_another_encoding_is_a_400_too(self, client: TestClient, encoding: str) -> None:
        response = client.post(
            "/v1/watches",
            content=json.dumps(WATCH).encode(encoding),
            headers={"Content-Type": "application/json"},
        )
        assert response.status_code == 400
        assert (
            response.json()["detail"] == "The body is not UTF-8 JSON (no byte order mark, not UTF-16 or 32)"
        )
        assert client.get("/v1/watches").json()["count"] == 0

    def test_compare_refuses_one_too(self, client: TestClient) -> None:
        body = {"base": {"text": "A."}, "other": {"text": "B."}}
        response = client.post(
            "/v1/compare",
            content=json.dumps(body).encode("utf-16"),
            headers={"Content-Type": "application/json"},
        )
        assert response.status_code == 400


class TestKeyBeforeBody:
    @pytest.mark.parametrize("path", WRITE_PATHS)
    def test_a_missing_key_is_401_before_a_malformed_body(self, client_with: ClientWith, path: str) -> None:
        client = client_with(api_keys=["s3cret"])
        response = client.post(path, content=b"{not json", headers={"Content-Type": "application/json"})
        assert response.status_code == 401
        assert response.headers["www-authenticate"] == 'ApiKey header="X-API-Key"'

    @pytest.mark.parametrize("path", WRITE_PATHS)
    def test_a_wrong_key_is_403_before_a_malformed_body(self, client_with: ClientWith, path: str) -> None:
        client = client_with(api_keys=["s3cret"])
        response = client.post(
            path,
            content=b"{not json",
            headers={"Content-Type": "application/json", "X-API-Key": "guess"},
        )
        assert response.status_code == 403

    @pytest.mark.parametrize("path", WRITE_PATHS)
    def test_with_the_key_a_malformed_body_is_400(self, client_with: ClientWith, path: str) -> None:
        client = client_with(api_keys=["s3cret"])
        response = client.post(
            path,
            content=b"{not json",
            headers={"Content-Type": "application/json", "X-API-Key": "s3cret"},
        )
        assert response.status_code == 400

    def test_protected_reads_check_the_key_before_the_body(self, client_with: ClientWith) -> None:
        client = client_with(api_keys=["s3cret"], protect_reads=True)
        response = client.post(
            "/v1/compare", content=b"{not json", headers={"Content-Type": "application/json"}
        )
        assert response.status_code == 401

    def test_compare_needs_no_key_without_protected_reads(self, client_with: ClientWith) -> None:
        client = client_with(api_keys=["s3cret"])
        response = client.post(
            "/v1/compare", content=b"{not json", headers={"Content-Type": "application/json"}
        )
        assert response.status_code == 400


class TestDocs:
    @pytest.mark.parametrize(
        ("path", "script"), [("/docs", "swagger-ui-bundle.js"), ("/redoc", "redoc.standalone.js")]
    )
    def test_pages_load_their_scripts_from_this_server_under_a_policy(
        self, client: TestClient, path: str, script: str
    ) -> None:
        page = client.get(path)
        assert page.status_code == 200
        assert "https://" not in page.text
        assert f'src="/docs-assets/{script}"' in page.text
        policy = page.headers["content-security-policy"]
        assert "default-src 'self'" in policy
        assert "frame-ancestors 'none'" in policy
        asset = client.get(f"/docs-assets/{script}")
        assert asset.status_code == 200
        assert len(asset.content) > 100_000
