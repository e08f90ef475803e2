"""One problem+json shape for errors that no route raises itself."""

from __future__ import annotations

from fastapi.testclient import TestClient


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
