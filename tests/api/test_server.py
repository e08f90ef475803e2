"""What ``wirediff serve`` makes of uvicorn (app/api/server.py), on a real uvicorn: a request head
over WIREDIFF_MAX_HEADER_BYTES is refused with 431 (while it is read, once more of it than one
read of the socket has come; by the app's middleware otherwise), and X-Forwarded-For is
believed from WIREDIFF_TRUSTED_PROXIES only, neither by the rate limit nor by the access log."""

from __future__ import annotations

import logging

import httpx
import pytest
from fastapi.testclient import TestClient

from app.api.server import uvicorn_options
from app.config import Settings
from app.main import create_app
from tests.api.conftest import ClientWith
from tests.api.live import served

PAIR = {"base": {"text": "Rebels fired on Friday."}, "other": {"text": "Militants fired on Friday."}}


class TestHeaderSize:
    def test_a_4_mib_header_is_refused_with_431_while_it_is_read(self, settings: Settings) -> None:
        app = create_app(settings)
        with served(app, **uvicorn_options(settings)) as base_url:
            refused = httpx.get(f"{base_url}/livez", headers={"X-Padding": "a" * 4 * 2**20}, timeout=10)
            fine = httpx.get(f"{base_url}/livez", headers={"X-Padding": "a" * 1024}, timeout=10)
        assert refused.status_code == 431
        assert refused.text == "Request header fields too large"
        assert fine.status_code == 200

    def test_a_header_over_the_limit_is_431_problem_under_any_server(self, client_with: ClientWith) -> None:
        client = client_with(max_header_bytes=4096)
        response = client.get("/v1/articles", headers={"X-Padding": "a" * 5000})
        assert response.status_code == 431
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json() == {
            "type": "about:blank",
            "title": "Request Header Fields Too Large",
            "status": 431,
            "detail": "The request's headers are larger than 4096 bytes (WIREDIFF_MAX_HEADER_BYTES)",
            "instance": "/v1/articles",
        }

    def test_headers_under_the_limit_pass(self, client: TestClient) -> None:
        assert client.get("/livez", headers={"X-Padding": "a" * 8000}).status_code == 200


class TestForwardedFor:
    def test_a_forged_x_forwarded_for_changes_neither_the_rate_limit_nor_the_access_log(
        self, settings: Settings, caplog: pytest.LogCaptureFixture
    ) -> None:
        limited = settings.model_copy(update={"compare_rate_limit": "2/minute"})
        app = create_app(limited)
        with (
            caplog.at_level(logging.INFO, logger="uvicorn.access"),
            served(app, log_config=None, log_level="info", **uvicorn_options(limited)) as base_url,
        ):
            statuses = [
                httpx.post(
                    f"{base_url}/v1/compare", json=PAIR, headers={"X-Forwarded-For": f"203.0.113.{n}"}
                ).status_code
                for n in range(3)
            ]
        assert statuses == [200, 200, 429]
        clients = {record.args[0] for record in caplog.records if record.name == "uvicorn.access"}  # type: ignore[index]
        assert {client.rpartition(":")[0] for client in clients} == {"127.0.0.1"}

    def test_a_trusted_proxy_s_x_forwarded_for_is_the_client(self, settings: Settings) -> None:
        trusting = settings.model_copy(update={"trusted_proxies": ["127.0.0.1"]})
        options = uvicorn_options(trusting)
        assert (options["proxy_headers"], options["forwarded_allow_ips"]) == (True, "127.0.0.1")
        limited = trusting.model_copy(update={"compare_rate_limit": "2/minute"})
        with served(create_app(limited), **uvicorn_options(limited)) as base_url:
            statuses = [
                httpx.post(
                    f"{base_url}/v1/compare", json=PAIR, headers={"X-Forwarded-For": f"203.0.113.{n}"}
                ).status_code
                for n in range(3)
            ]
        assert statuses == [200, 200, 200]  # three clients behind the proxy, one request each
