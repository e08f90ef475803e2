"""Revisions over time: a new text posted for a stored URL is its next version;
GET /v1/articles/{id}/versions lists them, each linked to what changed since the previous one."""

from __future__ import annotations

from fastapi.testclient import TestClient

URL = "https://example.com/2019/05/31/rain-in-moscow"
FIRST = "Rain in Moscow\n\nIt rained in Moscow on Friday, the weather service said."
SECOND = FIRST + " The storm moved east towards Kazan overnight."
THIRD = SECOND.replace("It rained", "It snowed")


def _post(client: TestClient, text: str, url: str | None = URL, source: str = "Example Wire") -> int:
    response = client.post("/v1/articles", json={"source": source, "text": text, "url": url})
    assert response.status_code == 201, response.text
    article_id: int = response.json()["id"]
    return article_id


class TestNewVersions:
    def test_a_new_text_for_a_stored_url_is_a_new_article(self, client: TestClient) -> None:
        first = _post(client, FIRST)
        response = client.post("/v1/articles", json={"source": "Example Wire", "text": SECOND, "url": URL})
        assert response.status_code == 201
        assert response.json()["id"] == first + 1
        assert response.json()["url"] == URL

    def test_the_same_text_again_is_no_new_version(self, client: TestClient) -> None:
        first = _post(client, FIRST)
        response = client.post("/v1/articles", json={"source": "Example Wire", "text": FIRST, "url": URL})
        assert response.status_code == 200
        assert response.json()["id"] == first
        assert client.get(f"/v1/articles/{first}/versions").json()["count"] == 1


class TestListVersions:
    def test_lists_every_version_of_the_url_oldest_first(self, client: TestClient) -> None:
        ids = [_post(client, text) for text in (FIRST, SECOND, THIRD)]
        response = client.get(f"/v1/articles/{ids[0]}/versions")
        assert response.status_code == 200
        body = response.json()
        assert (body["article_id"], body["url"], body["count"]) == (ids[0], URL, 3)
        assert [(v["id"], v["version"], v["previous_id"], v["changes"]) for v in body["data"]] == [
            (ids[0], 1, None, None),
            (ids[1], 2, ids[0], f"/v1/articles/{ids[0]}/compare/{ids[1]}"),
            (ids[2], 3, ids[1], f"/v1/articles/{ids[1]}/compare/{ids[2]}"),
        ]

    def test_any_version_lists_the_same_versions(self, client: TestClient) -> None:
        ids = [_post(client, text) for text in (FIRST, SECOND, THIRD)]
        listed = [client.get(f"/v1/articles/{i}/versions").json()["data"] for i in ids]
        assert listed[0] == listed[1] == listed[2]

    def test_each_version_is_compared_with_the_one_before(self, client: TestClient) -> None:
        ids = [_post(client, text) for text in (FIRST, SECOND, THIRD)]
        versions = client.get(f"/v1/articles/{ids[0]}/versions").json()["data"]
        added = client.get(versions[1]["changes"], params={"format": "text"})
        assert added.status_code == 200
        assert "+ [2] The storm moved east towards Kazan overnight." in added.text
        reworded = client.get(versions[2]["changes"])
        assert reworded.status_code == 200
        assert [c for g in reworded.json()["alignment"] for c in g["changes"]] == [
            {"op": "replace", "base": "rained", "other": "snowed"}
        ]

    def test_other_urls_and_articles_without_one_are_not_versions(self, client: TestClient) -> None:
        first = _post(client, FIRST)
        _post(client, SECOND, url="https://example.com/other")
        _post(client, THIRD, url=None)
        response = client.get(f"/v1/articles/{first}/versions")
        assert response.status_code == 200
        assert [v["id"] for v in response.json()["data"]] == [first]

    def test_a_link_to_the_same_page_adds_to_its_versions(self, client: TestClient) -> None:
        first = _post(client, FIRST)
        second = _post(
            client, SECOND, url=URL.replace("example.com", "EXAMPLE.com") + "?utm_source=rss#comments"
        )
        third = _post(client, THIRD, url=URL.replace("https://example.com", "https://example.com:443"))
        response = client.get(f"/v1/articles/{first}/versions")
        assert [(v["id"], v["version"], v["url"]) for v in response.json()["data"]] == [
            (first, 1, URL),
            (second, 2, "https://EXAMPLE.com/2019/05/31/rain-in-moscow?utm_source=rss#comments"),
            (third, 3, "https://example.com:443/2019/05/31/rain-in-moscow"),
        ]

    def test_an_article_without_url_is_its_only_version(self, client: TestClient) -> None:
        article = _post(client, FIRST, url=None)
        response = client.get(f"/v1/articles/{article}/versions")
        assert response.status_code == 200
        body = response.json()
        assert (body["url"], body["count"]) == (None, 1)
        assert [(v["id"], v["version"], v["previous_id"]) for v in body["data"]] == [(article, 1, None)]

    def test_versions_from_another_source_at_the_same_url_count_too(self, client: TestClient) -> None:
        first = _post(client, FIRST)
        second = _post(client, SECOND, source="Example Wire (updated feed)")
        response = client.get(f"/v1/articles/{first}/versions")
        assert [v["id"] for v in response.json()["data"]] == [first, second]

    def test_a_deleted_version_leaves_the_others_linked(self, client: TestClient) -> None:
        ids = [_post(client, text) for text in (FIRST, SECOND, THIRD)]
        assert client.delete(f"/v1/articles/{ids[1]}").status_code == 204
        body = client.get(f"/v1/articles/{ids[0]}/versions").json()
        assert [(v["id"], v["version"], v["previous_id"]) for v in body["data"]] == [
            (ids[0], 1, None),
            (ids[2], 3, ids[0]),
        ]

    def test_a_version_after_a_deleted_last_one_takes_the_next_number(self, client: TestClient) -> None:
        first, second = _post(client, FIRST), _post(client, SECOND)
        assert client.delete(f"/v1/articles/{second}").status_code == 204
        third = _post(client, THIRD)
        body = client.get(f"/v1/articles/{first}/versions").json()
        assert [(v["id"], v["version"]) for v in body["data"]] == [(first, 1), (third, 2)]

    def test_unknown_article_is_404(self, client: TestClient) -> None:
        response = client.get("/v1/articles/999/versions")
        assert response.status_code == 404
        assert response.json()["detail"] == "Article 999 not found"
