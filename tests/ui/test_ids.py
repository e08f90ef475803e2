"""Dashboard ids take one spelling, as the API's do: "²" in the compare form was a 500
(str.isdigit() accepts it, int() does not); aliases of a number are refused, never redirected."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.ui.conftest import html, texts


class TestCompareFormIds:
    @pytest.mark.parametrize("alias", ["²", "①", "01", "+1", "1_000", "1.0", "9" * 5000])
    def test_a_base_id_that_is_not_a_canonical_id_is_a_422_page(self, seeded: TestClient, alias: str) -> None:
        response = seeded.get("/ui/compare", params={"base_id": alias, "other_id": "2"})
        assert response.status_code == 422
        assert "Pick an article (or give its id)." in texts(html(response), "//body")[0]

    def test_canonical_ids_go_to_their_comparison(self, seeded: TestClient) -> None:
        response = seeded.get("/ui/compare", params={"base_id": "2", "other_id": "3"}, follow_redirects=False)
        assert response.status_code == 303
        assert response.headers["location"] == "/ui/compare/2/3"


class TestPageIds:
    @pytest.mark.parametrize(
        "path", ["/ui/articles/01", "/ui/articles/²", "/ui/compare/+2/3", "/ui/articles/2/coverage?other=03"]
    )
    def test_an_alias_in_an_address_is_a_422_page(self, seeded: TestClient, path: str) -> None:
        response = seeded.get(path)
        assert response.status_code == 422
        assert response.headers["content-type"] == "text/html; charset=utf-8"
