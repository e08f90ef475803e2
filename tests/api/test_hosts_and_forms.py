"""DNS rebinding and cross-site forms: a Host the server is not named by is a 400, and a dashboard
form posted from another site is a 403 page that stores nothing (app/api/security.py)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app
from tests.api.conftest import ClientWith

FORM = {"source": "Wire", "content_kind": "text", "content": "Rebels fired on Friday."}


class TestTrustedHosts:
    @pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.2"])
    def test_an_unknown_host_is_400(self, client: TestClient, host: str) -> None:
        response = client.get("/v1/articles", headers={"Host": host})
        assert response.status_code == 400
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json() == {
            "type": "about:blank",
            "title": "Bad Request",
            "status": 400,
            "detail": "Invalid host header",
            "instance": "/v1/articles",
        }

    def test_an_unknown_host_is_refused_without_a_body_on_head(self, client: TestClient) -> None:
        response = client.head("/v1/articles", headers={"Host": "evil.example"})
        assert (response.status_code, response.content) == (400, b"")
        assert response.headers["content-type"] == "application/problem+json"

    @pytest.mark.parametrize("host", ["localhost:8000", "127.0.0.1:8000", "[::1]:8000", "testserver"])
    def test_the_loopback_names_are_answered(self, client: TestClient, host: str) -> None:
        assert client.get("/livez", headers={"Host": host}).status_code == 200

    def test_the_bound_address_is_answered_and_wildcards_add_nothing(self, settings: Settings) -> None:
        bound = create_app(settings.model_copy(update={"host": "192.0.2.10", "trusted_hosts": ["localhost"]}))
        with TestClient(bound, base_url="http://192.0.2.10:8000") as client:
            assert client.get("/livez").status_code == 200
            assert client.get("/livez", headers={"Host": "testserver"}).status_code == 400
        everywhere = create_app(
            settings.model_copy(update={"host": "0.0.0.0", "trusted_hosts": ["localhost"]})
        )
        with TestClient(everywhere, base_url="http://0.0.0.0:8000") as client:
            assert client.get("/livez").status_code == 400

    def test_the_defaults_are_the_loopback_names(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.delenv("WIREDIFF_TRUSTED_HOSTS", raising=False)
        monkeypatch.delenv("WIREDIFF_HOST", raising=False)
        settings = Settings()
        assert (settings.trusted_hosts, settings.host) == (["localhost", "127.0.0.1", "::1"], "127.0.0.1")


class TestCrossSiteForms:
    @pytest.mark.parametrize(
        "headers",
        [
            {"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"},
            {"Sec-Fetch-Site": "same-site", "Origin": "http://other.testserver"},
            {"Origin": "https://evil.example"},
            {"Origin": "null"},
        ],
    )
    def test_a_form_from_another_site_is_a_403_page_and_stores_nothing(
        self, client: TestClient, headers: dict[str, str]
    ) -> None:
        response = client.post("/ui/articles", data=FORM, headers=headers, follow_redirects=False)
        assert response.status_code == 403
        assert response.headers["content-type"] == "text/html; charset=utf-8"
        assert client.get("/v1/articles").json()["count"] == 0

    def test_the_compare_form_too(self, client: TestClient) -> None:
        response = client.post(
            "/ui/compare",
            data={"base_text": "A.", "other_text": "B."},
            headers={"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"},
        )
        assert response.status_code == 403

    @pytest.mark.parametrize(
        "headers",
        [
            {"Sec-Fetch-Site": "same-origin", "Origin": "http://testserver"},
            {"Origin": "http://testserver"},
            {},  # no browser: curl, a script
        ],
    )
    def test_a_form_from_the_dashboard_itself_is_stored(
        self, client: TestClient, headers: dict[str, str]
    ) -> None:
        response = client.post("/ui/articles", data=FORM, headers=headers, follow_redirects=False)
        assert response.status_code == 303
        assert client.get("/v1/articles").json()["count"] == 1

    def test_api_posts_are_not_forms(self, client_with: ClientWith) -> None:
        client = client_with()
        response = client.post(
            "/v1/articles",
            json={"source": "Wire", "text": "Rebels fired on Friday."},
            headers={"Origin": "https://evil.example"},
        )
        assert response.status_code == 201  # JSON needs CORS' preflight, which is off by default
