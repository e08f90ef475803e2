"""POST /v1/articles with pages built to exhaust the server: refused with a problem, not run to the end."""

from __future__ import annotations

from app.services.pages import MAX_ATTRIBUTES_PER_ELEMENT
from tests.api.conftest import ClientWith
from tests.services.pages.test_extract import one_element_with


class TestPathologicalPages:
    def test_an_element_with_thousands_of_attributes_is_a_422(self, client_with: ClientWith) -> None:
        client = client_with(max_body_bytes=1_000_000)
        response = client.post("/v1/articles", json={"source": "Wire", "html": one_element_with(12_000)})
        assert response.status_code == 422
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["detail"] == (
            f"The page has an element with 12000 attributes; at most {MAX_ATTRIBUTES_PER_ELEMENT} are read"
        )
        assert client.get("/v1/articles").json()["count"] == 0
