"""GET /livez, /readyz and /metrics."""

from __future__ import annotations

from fastapi.testclient import TestClient

from app.db import make_engine


class TestLivez:
    def test_answers_ok(self, client: TestClient) -> None:
        response = client.get("/livez")
        assert response.status_code == 200
        assert response.json() == {"status": "ok"}


class TestReadyz:
    def test_answers_ok_when_the_database_answers(self, client: TestClient) -> None:
        response = client.get("/readyz")
        assert response.status_code == 200
        assert response.json() == {"status": "ok"}

    def test_answers_503_problem_when_the_database_is_unreachable(self, client: TestClient) -> None:
        app = client.app
        working = app.state.probe_engine  # type: ignore[attr-defined]
        app.state.probe_engine = make_engine("postgresql+psycopg://nobody@127.0.0.1:9/nothing")  # type: ignore[attr-defined]
        try:
            response = client.get("/readyz")
        finally:
            app.state.probe_engine = working  # type: ignore[attr-defined]
        assert response.status_code == 503
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json() == {
            "type": "about:blank",
            "title": "Service Unavailable",
            "status": 503,
            "detail": "Database unreachable (OperationalError)",
            "instance": "/readyz",
        }


class TestMetrics:
    def test_counts_requests_in_prometheus_text_format(self, client: TestClient) -> None:
        client.get("/livez")
        response = client.get("/metrics")
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/plain")
        assert 'http_requests_total{handler="/livez",method="GET",status="2xx"}' in response.text
