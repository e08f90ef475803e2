"""One problem+json shape for errors that no route raises itself."""

from __future__ import annotations

from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app


class TestUnknownPath:
    def test_is_a_404_problem(self, client: TestClient) -> None:
        response = client.get("/v2/articles")
        assert response.status_code == 404
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json() == {
            "type": "about:blank",
            "title": "Not Found",
            "status": 404,
            "detail": "Nothing at /v2/articles",
            "instance": "/v2/articles",
        }


class TestUnsupportedMethod:
    def test_is_a_405_problem_with_allow(self, client: TestClient) -> None:
        response = client.put("/v1/articles/1", json={})
        assert response.status_code == 405
        assert response.headers["content-type"] == "application/problem+json"
        assert response.headers["allow"] == "DELETE, GET"
        assert response.json() == {
            "type": "about:blank",
            "title": "Method Not Allowed",
            "status": 405,
            "detail": "PUT is not allowed on /v1/articles/1",
            "instance": "/v1/articles/1",
        }


class TestUnexpectedError:
    def test_is_a_500_problem_that_reveals_nothing(self, settings: Settings) -> None:
        def explode() -> None:
            raise RuntimeError("secret internals")

        app = create_app(settings)  # its own: a route is added to it
        app.add_api_route("/explode", explode)
        with TestClient(app, raise_server_exceptions=False) as client:
            response = client.get("/explode")
        assert response.status_code == 500
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json() == {
            "type": "about:blank",
            "title": "Internal Server Error",
            "status": 500,
            "detail": "An unexpected error occurred; it has been logged",
            "instance": "/explode",
        }
