"""POST /v1/coverage: a base article's sentences against several outlets, as JSON, text, HTML,
Markdown and CSV."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.schemas import MAX_OUTLETS
from tests.flood_story import AFP_FLOOD, REUTERS_FLOOD

WIRE = (
    "Rain in Moscow\n\n"
    "Heavy rain flooded the streets of central Moscow on Friday. "
    "Drivers abandoned cars near the Kremlin as water rose to their doors. "
    "The storm will move east towards Kazan by the weekend, forecasters said."
)
TRIMMED = WIRE.rsplit(" The storm", 1)[0]
SYRIANS = "Syrians uprooted by the fighting protested on Friday at the Atmeh crossing into Turkey"


def _post(client: TestClient, source: str, text: str) -> int:
    response = client.post("/v1/articles", json={"source": source, "text": text})
    assert response.status_code == 201, response.text
    article_id: int = response.json()["id"]
    return article_id


@pytest.fixture
def wire_and_outlets(client: TestClient) -> list[int]:
    """1: the wire story; 2: a paper's copy; 3: a site's version without the last sentence."""
    return [_post(client, "Example Wire", WIRE), _post(client, "Paper", WIRE), _post(client, "Site", TRIMMED)]


def _cells(body: dict[str, Any], starting: str) -> list[str]:
    (sentence,) = [s for s in body["sentences"] if s["text"].startswith(starting)]
    return [cell["op"] for cell in sentence["cells"]]


class TestCoverageOfTheSeeds:
    def test_the_uprooted_syrians_are_kept_by_the_copy_and_dropped_by_the_others(
        self, client: TestClient, seeds: list[int]
    ) -> None:
        response = client.post("/v1/coverage", json={"base_id": 2, "other_ids": [1, 3, 5]})
        assert response.status_code == 200
        body = response.json()
        assert [o["article"]["id"] for o in body["outlets"]] == [1, 3, 5]
        assert _cells(body, SYRIANS) == ["kept", "dropped", "dropped"]

    def test_each_outlet_has_its_verdict_and_findings(self, client: TestClient, seeds: list[int]) -> None:
        response = client.post("/v1/coverage", json={"base_id": 2, "other_ids": [1, 3, 5]})
        assert response.status_code == 200
        outlets = response.json()["outlets"]
        assert [(o["verdict"], o["credit_dropped"]) for o in outlets] == [
            ("copy", False),
            ("derived", True),
            ("derived", True),
        ]
        assert {"base": "rebels", "other": "militants", "count": 2} in outlets[2]["substitutions"]
        assert outlets[1]["comparison"] == "/v1/articles/2/compare/3"

    def test_another_agencys_report_of_the_event_drops_no_credit(self, client: TestClient) -> None:
        ids = [
            client.post("/v1/articles", json={"source": source, "text": text}).json()["id"]
            for source, text in (("Reuters", REUTERS_FLOOD), ("AFP", AFP_FLOOD))
        ]
        response = client.post("/v1/coverage", json={"base_id": ids[0], "other_ids": [ids[1]]})
        assert response.status_code == 200
        assert [(o["verdict"], o["credits"], o["credit_dropped"]) for o in response.json()["outlets"]] == [
            ("related", ["AFP"], False)
        ]

    def test_related_takes_every_related_version_and_excludes_the_other_story(
        self, client: TestClient, seeds: list[int]
    ) -> None:
        response = client.post("/v1/coverage", json={"base_id": 2, "related": True})
        assert response.status_code == 200
        body = response.json()
        assert [o["article"]["id"] for o in body["outlets"]] == [1, 3, 5]
        assert body["excluded"] == [4]
        assert _cells(body, SYRIANS) == ["kept", "dropped", "dropped"]


class TestCoverage:
    def test_every_base_sentence_has_a_cell_per_outlet(
        self, client: TestClient, wire_and_outlets: list[int]
    ) -> None:
        response = client.post("/v1/coverage", json={"base_id": 1, "other_ids": [2, 3]})
        assert response.status_code == 200
        body = response.json()
        assert [(s["index"], s["role"], [c["op"] for c in s["cells"]]) for s in body["sentences"]] == [
            (0, "title", ["kept", "kept"]),
            (1, "body", ["kept", "kept"]),
            (2, "body", ["kept", "kept"]),
            (3, "body", ["kept", "dropped"]),
        ]
        # the counts are of the base's body sentences, as base_retained and a pickup's figures
        assert [(o["kept"], o["reworded"], o["dropped"]) for o in body["outlets"]] == [(3, 0, 0), (2, 0, 1)]

    def test_sentences_every_outlet_dropped_are_listed(
        self, client: TestClient, wire_and_outlets: list[int]
    ) -> None:
        other = _post(client, "Other Site", TRIMMED)
        response = client.post("/v1/coverage", json={"base_id": 1, "other_ids": [3, other]})
        assert response.status_code == 200
        assert response.json()["dropped_by_all"] == [3]

    def test_a_reworded_sentence_carries_its_changes(
        self, client: TestClient, wire_and_outlets: list[int]
    ) -> None:
        reworded = _post(client, "Rewrite Desk", WIRE.replace("Heavy rain", "Torrential rain"))
        response = client.post("/v1/coverage", json={"base_id": 1, "other_ids": [reworded]})
        assert response.status_code == 200
        cell = response.json()["sentences"][1]["cells"][0]
        assert cell == {
            "op": "reworded",
            "moved": False,
            "other": [1],
            "changes": [{"op": "replace", "base": "Heavy", "other": "Torrential"}],
        }

    def test_related_without_related_versions_has_no_outlets(self, client: TestClient) -> None:
        wire = _post(client, "Example Wire", WIRE)
        response = client.post("/v1/coverage", json={"base_id": wire, "related": True})
        assert response.status_code == 200
        body = response.json()
        assert (body["outlets"], body["dropped_by_all"], body["excluded"]) == ([], [], [])
        assert [(s["index"], s["cells"]) for s in body["sentences"]] == [(0, []), (1, []), (2, []), (3, [])]


class TestRenderings:
    def test_text_has_a_marker_per_outlet_for_each_sentence(
        self, client: TestClient, wire_and_outlets: list[int]
    ) -> None:
        response = client.post("/v1/coverage?format=text", json={"base_id": 1, "other_ids": [2, 3]})
        assert response.status_code == 200
        assert response.headers["content-type"] == "text/plain; charset=utf-8"
        lines = response.text.splitlines()
        assert lines[0] == "wirediff coverage of #1 Example Wire: 2 outlets"
        assert lines[1] == "  A #2 Paper: copy (base retained 100%, other from base 100%)"
        assert lines[2].startswith("  B #3 Site: ")
        assert lines[3:] == [
            "A B",
            "= = [0] Rain in Moscow",
            "= = [1] Heavy rain flooded the streets of central Moscow on Friday.",
            "= = [2] Drivers abandoned cars near the Kremlin as water rose to their doors.",
            "= - [3] The storm will move east towards Kazan by the weekend, forecasters said.",
            "dropped by every outlet: none",
        ]

    def test_csv_has_a_row_per_sentence_and_a_column_per_outlet(
        self, client: TestClient, wire_and_outlets: list[int]
    ) -> None:
        response = client.post("/v1/coverage?format=csv", json={"base_id": 1, "other_ids": [2, 3]})
        assert response.status_code == 200
        assert response.headers["content-type"] == "text/csv; charset=utf-8"
        assert response.text.split("\r\n") == [
            "index,role,sentence,#2 Paper,#3 Site",
            "0,title,Rain in Moscow,kept,kept",
            "1,body,Heavy rain flooded the streets of central Moscow on Friday.,kept,kept",
            "2,body,Drivers abandoned cars near the Kremlin as water rose to their doors.,kept,kept",
            '3,body,"The storm will move east towards Kazan by the weekend, forecasters said.",kept,dropped',
            "",
        ]

    def test_markdown_has_a_table_of_outlets_and_the_matrix(
        self, client: TestClient, wire_and_outlets: list[int]
    ) -> None:
        response = client.post("/v1/coverage?format=markdown", json={"base_id": 1, "other_ids": [2, 3]})
        assert response.status_code == 200
        assert response.headers["content-type"] == "text/markdown; charset=utf-8"
        assert response.text.startswith("## wirediff coverage of #1 Example Wire\n")
        assert "| # | sentence | #2 Paper | #3 Site |\n|---:|---|---|---|\n" in response.text
        assert (
            "| 3 | The storm will move east towards Kazan by the weekend, forecasters said. "
            "| kept | **dropped** |" in response.text
        )

    def test_html_is_a_page_with_a_coloured_cell_per_outlet(
        self, client: TestClient, wire_and_outlets: list[int]
    ) -> None:
        response = client.post("/v1/coverage?format=html", json={"base_id": 1, "other_ids": [2, 3]})
        assert response.status_code == 200
        assert response.headers["content-type"] == "text/html; charset=utf-8"
        assert response.text.startswith("<!DOCTYPE html>")
        assert (
            "<tr><td>3</td><td>The storm will move east towards Kazan by the weekend, forecasters said.</td>"
            '<td class="kept">kept</td><td class="dropped">dropped</td></tr>'
        ) in response.text

    @pytest.mark.parametrize("output", ["html", "markdown"])
    def test_markup_in_sources_and_texts_comes_back_inert(self, client: TestClient, output: str) -> None:
        base = _post(client, "<script>alert(1)</script>", WIRE + " <img src=x onerror=alert(1)>.")
        other = _post(client, "<b>Site</b>", WIRE)
        response = client.post(f"/v1/coverage?format={output}", json={"base_id": base, "other_ids": [other]})
        assert response.status_code == 200
        assert "<script>" not in response.text
        assert "<img" not in response.text
        assert "<b>" not in response.text
        assert "&lt;script&gt;" in response.text

    def test_csv_cells_that_a_spreadsheet_would_run_as_formulas_are_neutralised(
        self, client: TestClient
    ) -> None:
        formula = '=HYPERLINK("https://evil.example","Click") rain fell on Friday in Moscow.'
        lines = [formula, "+1 more person was hurt.", "-2 degrees were forecast.", "@SUM(A1) was typed."]
        base = _post(client, "Wire", "\n\n".join(lines))
        other = _post(client, "Paper", formula)
        response = client.post("/v1/coverage?format=csv", json={"base_id": base, "other_ids": [other]})
        assert response.status_code == 200
        rows = list(csv.reader(io.StringIO(response.text)))
        assert [row[2][:2] for row in rows[1:]] == ["'=", "'+", "'-", "'@"]

    @pytest.mark.parametrize(
        ("accept", "media_type"),
        [
            ("text/csv", "text/csv; charset=utf-8"),
            ("text/plain", "text/plain; charset=utf-8"),
            ("text/html", "text/html; charset=utf-8"),
            ("text/markdown", "text/markdown; charset=utf-8"),
            ("application/json", "application/json"),
            ("text/csv;q=0.5, text/html", "text/html; charset=utf-8"),
        ],
    )
    def test_accept_header_chooses_the_rendering(
        self, client: TestClient, wire_and_outlets: list[int], accept: str, media_type: str
    ) -> None:
        response = client.post(
            "/v1/coverage", headers={"accept": accept}, json={"base_id": 1, "other_ids": [2, 3]}
        )
        assert response.status_code == 200
        assert response.headers["content-type"] == media_type
        assert response.headers["vary"] == "Accept"

    def test_format_parameter_overrides_accept(self, client: TestClient, wire_and_outlets: list[int]) -> None:
        response = client.post(
            "/v1/coverage?format=csv", headers={"accept": "text/html"}, json={"base_id": 1, "other_ids": [2]}
        )
        assert response.status_code == 200
        assert response.headers["content-type"] == "text/csv; charset=utf-8"

    def test_nothing_acceptable_is_406(self, client: TestClient, wire_and_outlets: list[int]) -> None:
        response = client.post(
            "/v1/coverage", headers={"accept": "image/png"}, json={"base_id": 1, "other_ids": [2]}
        )
        assert response.status_code == 406
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["detail"] == (
            "Acceptable: application/json, text/plain, text/html, text/markdown, text/csv (or use ?format=)"
        )


class TestInvalidRequests:
    @pytest.mark.parametrize(
        ("body", "detail"),
        [
            ({"base_id": 1}, 'Value error, Give either "other_ids" or "related": true'),
            (
                {"base_id": 1, "other_ids": [2], "related": True},
                'Value error, Give either "other_ids" or "related": true',
            ),
            ({"base_id": 1, "other_ids": [1, 2]}, "Value error, other_ids must not hold base_id"),
            ({"base_id": 1, "other_ids": [2, 2]}, "Value error, other_ids must not repeat an id"),
        ],
    )
    def test_outlets_given_wrongly_are_422(
        self, client: TestClient, body: dict[str, Any], detail: str
    ) -> None:
        response = client.post("/v1/coverage", json=body)
        assert response.status_code == 422
        assert [(e["loc"], e["detail"]) for e in response.json()["errors"]] == [(["body"], detail)]

    def test_an_empty_list_of_outlets_is_422(self, client: TestClient) -> None:
        response = client.post("/v1/coverage", json={"base_id": 1, "other_ids": []})
        assert response.status_code == 422
        assert [e["type"] for e in response.json()["errors"]] == ["too_short"]

    def test_more_outlets_than_the_maximum_is_422(self, client: TestClient) -> None:
        other_ids = list(range(2, MAX_OUTLETS + 3))
        response = client.post("/v1/coverage", json={"base_id": 1, "other_ids": other_ids})
        assert response.status_code == 422
        assert [e["type"] for e in response.json()["errors"]] == ["too_long"]

    def test_an_id_no_database_holds_is_422(self, client: TestClient) -> None:
        response = client.post("/v1/coverage", json={"base_id": 1, "other_ids": [2, 2**31]})
        assert response.status_code == 422
        assert [(e["loc"], e["type"]) for e in response.json()["errors"]] == [
            (["body", "other_ids", 1], "less_than_equal")
        ]

    def test_an_unknown_field_is_422(self, client: TestClient) -> None:
        response = client.post("/v1/coverage", json={"base_id": 1, "related": True, "format": "csv"})
        assert response.status_code == 422
        assert [e["type"] for e in response.json()["errors"]] == ["extra_forbidden"]

    def test_an_unknown_base_is_404(self, client: TestClient) -> None:
        response = client.post("/v1/coverage", json={"base_id": 999, "related": True})
        assert response.status_code == 404
        assert response.json()["detail"] == "Article 999 not found"

    def test_an_unknown_outlet_is_404(self, client: TestClient, wire_and_outlets: list[int]) -> None:
        response = client.post("/v1/coverage", json={"base_id": 1, "other_ids": [2, 998, 999]})
        assert response.status_code == 404
        assert response.json()["detail"] == "Article 998 not found"

    def test_a_body_that_is_not_json_is_415(self, client: TestClient) -> None:
        response = client.post("/v1/coverage", content="base_id=1", headers={"content-type": "text/plain"})
        assert response.status_code == 415
