"""Dashboard tests render the pages through the app (TestClient) on the API suite's database,
and read them as HTML (lxml): what a reader sees, by element and label."""

from __future__ import annotations

import lxml.html
import pytest
from fastapi.testclient import TestClient
from httpx import Response

from tests.api.conftest import (  # noqa: F401  (shared fixtures)
    app,
    client,
    client_with,
    database_url,
    session,
    settings,
)
from tests.seeds import seed_text

#: The seeds as `make run` loads them: ids 1 to 5 in this order.
SEEDS = [
    ("000", "unknown aggregator (Ukrainian-language site)", "2019-05-31"),
    ("001", "Reuters", "2019-05-31"),
    ("002", "Baghdad Post", "2019-05-31"),
    ("003", "Reuters via an unknown outlet", "2020-02-01"),
    ("004", "PressTV", "2019-05-31"),
]


@pytest.fixture
def seeded(client: TestClient) -> TestClient:  # noqa: F811
    for number, source, published in SEEDS:
        response = client.post(
            "/v1/articles",
            json={"source": source, "text": seed_text(number), "published_at": f"{published}T00:00:00Z"},
        )
        assert response.status_code == 201, response.text
    return client


def html(response: Response) -> lxml.html.HtmlElement:
    """The page, after checking it is one."""
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    return lxml.html.fromstring(response.text)


def texts(tree: lxml.html.HtmlElement, xpath: str) -> list[str]:
    """The whitespace-normalised text of each element matched."""
    return [" ".join(element.text_content().split()) for element in tree.xpath(xpath)]
