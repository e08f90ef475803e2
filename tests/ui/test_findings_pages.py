"""The dashboard's findings panel, right-to-left text, next change, pasted permalinks, exports
with outlet names, the article list's order and fallback titles, coverage CSV, and ``/``."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.ui.conftest import html, texts

WIRE = (
    "Bridge collapse in Genoa\n\n"
    "GENOA (Reuters) - A motorway bridge collapsed in Genoa on Tuesday, killing 12 people, police said.\n"
    "\u201cWe have never seen a disaster like this one,\u201d the mayor told reporters at the scene.\n"
    "Rescue teams worked through the night to reach cars trapped under the rubble.\n"
)
COPY = (
    "Bridge collapse in Genoa\n\n"
    "A motorway bridge collapsed in Genoa on Tuesday, killing 20 people, police said.\n"
    "Rescue teams worked through the night to reach cars trapped under the rubble.\n"
)
ARABIC = "انهار جسر في روما يوم الثلاثاء."


def store(client: TestClient, source: str, text: str, **fields: object) -> int:
    response = client.post("/v1/articles", json={"source": source, "text": text, **fields})
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


class TestFindingsPanel:
    def test_the_headline_and_ranked_findings_come_right_after_the_verdict(self, client: TestClient) -> None:
        wire, copy = store(client, "Reuters", WIRE), store(client, "Daily Planet", COPY)
        page = html(client.get(f"/ui/compare/{wire}/{copy}"))
        assert texts(page, "//p[@data-headline]") == [
            "copy, altered: credit dropped, 1 figure, 1 quotation, lede cut"
        ]
        assert page.xpath("//ol[@class='findings']/li/@data-kind") == [
            "credit_dropped",
            "figure_changed",
            "quote_missing",
            "lede_dropped",
        ]
        assert page.xpath("//ol[@class='findings']/li/@class") == [
            "finding severity-high",
            "finding severity-high",
            "finding severity-medium",
            "finding severity-low",
        ]
        headings = texts(page, "//aside//h3")
        assert headings[:2] == ["Verdict: copy", "What changed"]

    def test_a_finding_links_to_its_sentence(self, client: TestClient) -> None:
        wire, copy = store(client, "Reuters", WIRE), store(client, "Daily Planet", COPY)
        page = html(client.get(f"/ui/compare/{wire}/{copy}"))
        (href,) = page.xpath("//li[@data-kind='figure_changed']/a/@href")
        assert page.xpath(f"//tr[@id='{href[1:]}']/@data-op") == ["reworded"]

    def test_every_sentence_takes_its_direction_from_its_text(self, client: TestClient) -> None:
        first, second = store(client, "a", ARABIC), store(client, "b", ARABIC + " " + ARABIC)
        page = html(client.get(f"/ui/compare/{first}/{second}"))
        sentences = page.xpath("//span[contains(@class, 'sentence')]")
        assert sentences and all(s.get("dir") == "auto" for s in sentences)

    def test_next_change_links_to_the_first_changed_row(self, client: TestClient) -> None:
        wire, copy = store(client, "Reuters", WIRE), store(client, "Daily Planet", COPY)
        page = html(client.get(f"/ui/compare/{wire}/{copy}"))
        (link,) = page.xpath("//a[@class='next-change']")
        assert link.get("aria-keyshortcuts") == "n"
        assert page.xpath(f"//tr[@id='{link.get('href')[1:]}']/@data-op") == ["reworded"]


class TestExports:
    def test_markdown_names_the_outlets(self, client: TestClient) -> None:
        wire, copy = store(client, "Reuters", WIRE), store(client, "Daily Planet", COPY)
        response = client.get(f"/ui/compare/{wire}/{copy}/export.md")
        assert response.status_code == 200
        assert response.headers["content-type"] == "text/markdown; charset=utf-8"
        assert f"| | Reuters \\({wire}\\) | Daily Planet \\({copy}\\) | changes |" in response.text
        assert response.text.startswith(
            "## wirediff: **copy, altered: credit dropped, 1 figure, 1 quotation, lede cut**"
        )

    def test_html_names_the_outlets(self, client: TestClient) -> None:
        wire, copy = store(client, "Reuters", WIRE), store(client, "Daily Planet", COPY)
        page = html(client.get(f"/ui/compare/{wire}/{copy}/export.html"))
        assert texts(page, "//thead//th") == ["op", f"Reuters ({wire})", f"Daily Planet ({copy})", "changes"]

    def test_another_extension_is_a_404(self, client: TestClient) -> None:
        wire, copy = store(client, "Reuters", WIRE), store(client, "Daily Planet", COPY)
        assert client.get(f"/ui/compare/{wire}/{copy}/export.pdf").status_code == 404


class TestPastedPermalink:
    def test_pasted_texts_are_stored_and_shown_at_the_stored_comparison(self, client: TestClient) -> None:
        response = client.post(
            "/ui/compare", data={"base_text": WIRE, "other_text": COPY}, follow_redirects=False
        )
        assert response.status_code == 303
        assert response.headers["location"] == "/ui/compare/1/2"
        stored = client.get("/v1/articles").json()["data"]
        assert [(a["id"], a["source"]) for a in stored] == [(1, "pasted"), (2, "pasted")]
        assert texts(html(client.get("/ui/compare/1/2")), "//p[@data-headline]") == [
            "copy, altered: credit dropped, 1 figure, 1 quotation, lede cut"
        ]

    def test_pasting_the_same_texts_again_gives_the_same_link(self, client: TestClient) -> None:
        data = {"base_text": WIRE, "other_text": COPY}
        first = client.post("/ui/compare", data=data, follow_redirects=False)
        again = client.post("/ui/compare", data=data, follow_redirects=False)
        assert first.headers["location"] == again.headers["location"] == "/ui/compare/1/2"


class TestArticleList:
    def test_newest_first_by_default_and_other_orders_on_offer(self, client: TestClient) -> None:
        store(client, "a", "An old story\n\nIt rained in May.", published_at="2019-05-01T00:00:00Z")
        store(client, "b", "A new story\n\nIt snowed in June.", published_at="2020-06-01T00:00:00Z")
        store(client, "c", "The undated story\n\nIt was windy.")
        page = html(client.get("/ui/articles"))
        assert texts(page, "//table[@class='articles']/tbody/tr/td[1]") == ["2", "1", "3"]
        assert texts(page, "//nav[@class='sort']/a[@aria-current]") == ["Newest first"]
        oldest = html(client.get("/ui/articles", params={"sort": "oldest"}))
        assert texts(oldest, "//table[@class='articles']/tbody/tr/td[1]") == ["1", "2", "3"]
        by_title = html(client.get("/ui/articles", params={"sort": "title"}))
        assert texts(by_title, "//table[@class='articles']/tbody/tr/td[1]") == ["2", "1", "3"]

    def test_an_unknown_order_is_a_422_page(self, client: TestClient) -> None:
        assert client.get("/ui/articles", params={"sort": "random"}).status_code == 422

    def test_an_article_without_a_headline_line_shows_its_first_sentence(self, client: TestClient) -> None:
        text = (
            "Rescue teams worked through the night in Genoa to reach the cars trapped under the rubble "
            "of the motorway bridge. The mayor spoke at dawn."
        )
        article = store(client, "Daily Planet", text)
        page = html(client.get("/ui/articles"))
        assert texts(page, "//td[@data-label='Title']") == [
            "Rescue teams worked through the night in Genoa to reach the cars trapped under the rubble\u2026"
        ]
        assert texts(html(client.get(f"/ui/articles/{article}")), "//h1")[0].startswith("Rescue teams worked")


class TestCoverageLinks:
    def test_csv_and_print_links(self, client: TestClient) -> None:
        wire, copy = store(client, "Reuters", WIRE), store(client, "Daily Planet", COPY)
        page = html(client.get(f"/ui/articles/{wire}/coverage", params={"other": copy}))
        (csv_href,) = page.xpath("//p[@class='page-actions']/a[@download]/@href")
        assert csv_href == f"?other={copy}&export=csv"
        assert page.xpath("//a[@data-print]/@href") == ["#print"]
        response = client.get(f"/ui/articles/{wire}/coverage{csv_href}")
        assert response.status_code == 200
        assert response.headers["content-type"] == "text/csv; charset=utf-8"
        assert response.text.splitlines()[0].startswith("index,role,")


def test_the_root_opens_the_dashboard(client: TestClient) -> None:
    response = client.get("/", follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (307, "/ui")
