"""GET /livez, /readyz and /metrics."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from app.config import Settings
from app.db import head_revisions, make_engine, migrate
from app.main import create_app


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
        assert response.headers["retry-after"] == "1"  # as when it answers too late
        assert response.json() == {
            "type": "about:blank",
            "title": "Service Unavailable",
            "status": 503,
            "detail": "Database unreachable (OperationalError)",
            "instance": "/readyz",
        }

    def test_a_database_never_migrated_is_not_ready_until_it_is(self, tmp_path: Path) -> None:
        url = f"sqlite:///{tmp_path / 'new.db'}"
        [head] = head_revisions()
        with TestClient(create_app(Settings(database_url=url, queue=str(tmp_path / "q.db")))) as client:
            response = client.get("/readyz")
            articles = client.get("/v1/articles")
            migrate(url)
            migrated = client.get("/readyz")

        assert response.status_code == 503
        assert response.headers["content-type"] == "application/problem+json"
        assert "retry-after" not in response.headers  # nothing changes until someone migrates
        assert response.json() == {
            "type": "about:blank",
            "title": "Service Unavailable",
            "status": 503,
            "detail": f"Database schema is at migration none, not {head}: run `wirediff migrate`",
            "instance": "/readyz",
        }
        assert articles.status_code == 503  # what readiness stands for
        assert (migrated.status_code, migrated.json()) == (200, {"status": "ok"})

    def test_a_database_migrated_by_an_earlier_version_is_not_ready(self, tmp_path: Path) -> None:
        url = f"sqlite:///{tmp_path / 'old.db'}"
        migrate(url, "0009")
        [head] = head_revisions()
        with TestClient(create_app(Settings(database_url=url, queue=str(tmp_path / "q.db")))) as client:
            response = client.get("/readyz")

        assert response.status_code == 503
        assert response.json()["detail"] == (
            f"Database schema is at migration 0009, not {head}: run `wirediff migrate`"
        )

    def test_the_schema_is_read_until_found_current_then_only_pinged(self, client: TestClient) -> None:
        assert client.get("/readyz").status_code == 200
        app = client.app
        working = app.state.probe_engine  # type: ignore[attr-defined]
        app.state.probe_engine = make_engine("sqlite://")  # type: ignore[attr-defined]  # no schema
        try:
            response = client.get("/readyz")
        finally:
            app.state.probe_engine = working  # type: ignore[attr-defined]
        assert response.status_code == 200


class TestMetrics:
    def test_counts_requests_in_prometheus_text_format(self, client: TestClient) -> None:
        client.get("/livez")
        response = client.get("/metrics")
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/plain")
        assert 'http_requests_total{handler="/livez",method="GET",status="2xx"}' in response.text

    def test_a_path_a_trailing_slash_redirects_adds_no_series_of_its_own(self, client: TestClient) -> None:
        redirected = 'http_requests_total{handler="none",method="GET",status="3xx"}'
        before = _sample(client.get("/metrics").text, redirected)
        for article_id in range(1, 31):
            assert client.get(f"/v1/articles/{article_id}/", follow_redirects=False).status_code == 307
        client.get("/livez/", follow_redirects=False)
        client.get("/v1/articles/1")

        text = client.get("/metrics").text

        assert _sample(text, redirected) == before + 31
        assert 'http_requests_total{handler="/v1/articles/{article_id}",method="GET",status="4xx"}' in text
        assert 'handler="/v1/articles/1/"' not in text
        assert 'handler="/livez/"' not in text


def _sample(text: str, series: str) -> float:
    """The value of one series in a Prometheus text exposition (0 when absent)."""
    values = [float(line.rpartition(" ")[2]) for line in text.splitlines() if line.startswith(series + " ")]
    return values[0] if values else 0.0
