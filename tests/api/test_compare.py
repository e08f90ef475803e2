"""POST /v1/compare and GET /v1/articles/{base_id}/compare/{other_id}.

Engine outcomes are asserted only where the engine's own issue fixes them (seed 001
vs 000 is a copy, 001 vs 003 unrelated, a text against itself all kept); the rest
is the HTTP contract: status codes, media types, the schema, caching and ETags.
"""

from __future__ import annotations

import hashlib
from typing import Any

import orjson
import pytest
from fastapi.testclient import TestClient
from pydantic import TypeAdapter
from sqlmodel import Session, select

from app.engine import ENGINE_VERSION, Comparison, compare
from app.models import CachedComparison
from tests.api.conftest import post_seed
from tests.seeds import seed_text

COMPARISON = TypeAdapter(Comparison)
TOP_LEVEL_KEYS = [
    "engine_version", "verdict", "judgement", "summary", "headline", "findings", "base", "other",
    "alignment", "fragments", "quotes", "numbers", "substitutions", "reporting_verbs", "attribution",
]  # fmt: skip
RENDERINGS = [
    ("text", "text/plain; charset=utf-8"),
    ("html", "text/html; charset=utf-8"),
    ("markdown", "text/markdown; charset=utf-8"),
]


def _texts(base: str, other: str, **extra: Any) -> dict[str, Any]:
    return {"base": {"text": base}, "other": {"text": other}, **extra}


class TestCompareTexts:
    def test_answers_the_engine_comparison_as_json(self, client: TestClient) -> None:
        response = client.post("/v1/compare", json=_texts(seed_text("001"), seed_text("002")))
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/json"
        assert list(response.json()) == TOP_LEVEL_KEYS
        COMPARISON.validate_json(response.content, strict=True)
        assert response.json()["engine_version"] == ENGINE_VERSION

    def test_body_is_exactly_what_the_engine_returns(self, client: TestClient) -> None:
        response = client.post("/v1/compare", json=_texts(seed_text("001"), seed_text("004")))
        assert response.status_code == 200
        assert response.json() == compare(seed_text("001"), seed_text("004")).to_dict()

    def test_a_copy_is_judged_copy(self, client: TestClient) -> None:
        response = client.post("/v1/compare", json=_texts(seed_text("001"), seed_text("000")))
        assert response.status_code == 200, response.text
        assert response.json()["verdict"] == "copy"

    def test_a_different_story_is_judged_unrelated(self, client: TestClient) -> None:
        response = client.post("/v1/compare", json=_texts(seed_text("001"), seed_text("003")))
        assert response.status_code == 200
        assert response.json()["verdict"] == "unrelated"
        assert all(not (g["base"] and g["other"]) for g in response.json()["alignment"])

    def test_a_text_against_itself_is_all_kept(self, client: TestClient) -> None:
        response = client.post("/v1/compare", json=_texts(seed_text("002"), seed_text("002")))
        assert response.status_code == 200
        assert {g["op"] for g in response.json()["alignment"]} == {"kept"}

    def test_sentences_are_taken_as_given(self, client: TestClient) -> None:
        response = client.post(
            "/v1/compare",
            json={
                "base": {"sentences": ["It rained.", "Then it stopped."]},
                "other": {"sentences": ["It rained.", "It snowed."]},
            },
        )
        assert response.status_code == 200
        body = response.json()
        assert body["base"]["sentences"] == [
            {"index": 0, "text": "It rained.", "start": None, "end": None, "role": "body"},
            {"index": 1, "text": "Then it stopped.", "start": None, "end": None, "role": "body"},
        ]
        assert [(g["op"], g["base"], g["other"]) for g in body["alignment"]] == [
            ("kept", [0], [0]),
            ("dropped", [1], []),
            ("added", [], [1]),
        ]

    def test_options_reach_the_engine(self, client: TestClient) -> None:
        options = {"detect_boilerplate": False, "detect_title": False}
        response = client.post(
            "/v1/compare", json=_texts(seed_text("001"), seed_text("000"), options=options)
        )
        assert response.status_code == 200
        roles = {s["role"] for s in response.json()["other"]["sentences"]}
        assert roles == {"body"}

    def test_unknown_option_is_422(self, client: TestClient) -> None:
        response = client.post("/v1/compare", json=_texts("A.", "B.", options={"detect_quotes": True}))
        assert response.status_code == 422
        assert response.json()["errors"] == [
            {
                "loc": ["body", "options", "detect_quotes"],
                "detail": "Extra inputs are not permitted",
                "type": "extra_forbidden",
            }
        ]

    def test_option_that_is_not_a_boolean_is_422(self, client: TestClient) -> None:
        response = client.post("/v1/compare", json=_texts("A.", "B.", options={"detect_moves": "yes"}))
        assert response.status_code == 422
        assert [e["loc"] for e in response.json()["errors"]] == [["body", "options", "detect_moves"]]

    def test_a_side_with_neither_text_nor_sentences_is_422(self, client: TestClient) -> None:
        response = client.post("/v1/compare", json={"base": {"txt": "A."}, "other": {"text": "B."}})
        assert response.status_code == 422
        assert response.json()["errors"] == [
            {
                "loc": ["body", "base"],
                "detail": 'Give either {"text": ...} or {"sentences": [...]}',
                "type": "side_invalid",
            }
        ]

    def test_a_side_with_both_text_and_sentences_is_422(self, client: TestClient) -> None:
        response = client.post(
            "/v1/compare", json={"base": {"text": "A.", "sentences": ["A."]}, "other": {"text": "B."}}
        )
        assert response.status_code == 422
        assert [e["type"] for e in response.json()["errors"]] == ["extra_forbidden"]

    @pytest.mark.parametrize("blank", ["", "   ", "\u200b", "\u00ad\ufeff"])
    def test_a_blank_sentence_is_422_as_a_blank_text_is(self, client: TestClient, blank: str) -> None:
        response = client.post(
            "/v1/compare", json={"base": {"sentences": ["It rained.", blank]}, "other": {"text": "B."}}
        )
        assert response.status_code == 422
        assert response.json()["errors"] == [
            {
                "loc": ["body", "base", "sentences", "sentences", 1],
                "detail": "Value error, a sentence must not be blank",
                "type": "value_error",
            }
        ]

    def test_an_empty_sentence_list_is_422(self, client: TestClient) -> None:
        response = client.post("/v1/compare", json={"base": {"sentences": []}, "other": {"text": "B."}})
        assert response.status_code == 422
        assert [e["type"] for e in response.json()["errors"]] == ["too_short"]

    def test_too_many_sentences_is_422_naming_the_limit(self, client: TestClient) -> None:
        response = client.post(
            "/v1/compare", json={"base": {"sentences": ["A."] * 51}, "other": {"text": "B."}}
        )
        assert response.status_code == 422
        assert response.json()["errors"] == [
            {
                "loc": ["body", "base", "sentences"],
                "detail": "51 sentences, over the limit of 50 (WIREDIFF_MAX_SENTENCES)",
                "type": "limit",
            }
        ]

    def test_both_sides_over_the_text_limit_are_both_named(self, client: TestClient) -> None:
        long_text = "It rained. " * 1_819
        response = client.post("/v1/compare", json=_texts(long_text, long_text))
        assert response.status_code == 422
        assert [e["loc"] for e in response.json()["errors"]] == [
            ["body", "base", "text"],
            ["body", "other", "text"],
        ]

    @pytest.mark.parametrize(("output", "media_type"), RENDERINGS)
    def test_format_parameter_gives_the_rendering(
        self, client: TestClient, output: str, media_type: str
    ) -> None:
        response = client.post(
            "/v1/compare", params={"format": output}, json=_texts("It rained.", "It rained.")
        )
        assert response.status_code == 200
        assert response.headers["content-type"] == media_type
        assert "It rained." in response.text

    def test_text_rendering_is_the_engines(self, client: TestClient) -> None:
        from app.engine import render_text

        response = client.post("/v1/compare?format=text", json=_texts(seed_text("001"), seed_text("002")))
        assert response.status_code == 200
        assert response.text == render_text(compare(seed_text("001"), seed_text("002")))

    @pytest.mark.parametrize(("output", "media_type"), RENDERINGS)
    def test_accept_header_chooses_the_rendering(
        self, client: TestClient, output: str, media_type: str
    ) -> None:
        response = client.post(
            "/v1/compare", headers={"accept": media_type.partition(";")[0]}, json=_texts("A b c.", "A b c.")
        )
        assert response.status_code == 200
        assert response.headers["content-type"] == media_type
        assert response.headers["vary"] == "Accept"

    def test_format_parameter_wins_over_accept(self, client: TestClient) -> None:
        response = client.post(
            "/v1/compare?format=json", headers={"accept": "text/html"}, json=_texts("A b c.", "A b c.")
        )
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/json"

    def test_unknown_format_is_422(self, client: TestClient) -> None:
        response = client.post("/v1/compare?format=pdf", json=_texts("A.", "B."))
        assert response.status_code == 422
        assert [e["loc"] for e in response.json()["errors"]] == [["query", "format"]]

    @pytest.mark.parametrize(
        ("accept", "media_type"),
        [
            ("application/json;q=0, */*", "text/plain; charset=utf-8"),
            ("*/*, application/json;q=0", "text/plain; charset=utf-8"),
            ("text/*, text/plain;q=0", "text/html; charset=utf-8"),
            ("text/*;q=0, */*;q=0.5", "application/json"),
        ],
    )
    def test_a_type_refused_with_q_0_is_never_chosen_through_a_wildcard(
        self, client: TestClient, accept: str, media_type: str
    ) -> None:
        response = client.post("/v1/compare", headers={"accept": accept}, json=_texts("A b c.", "A b c."))
        assert response.status_code == 200
        assert response.headers["content-type"] == media_type

    @pytest.mark.parametrize(
        ("accept", "media_type"),
        [
            # a range with parameters names only a representation with them: not the html made here
            ("text/html;level=1;q=0, text/html", "text/html; charset=utf-8"),
            ("text/html, text/html;level=1;q=0", "text/html; charset=utf-8"),
            # the parameter the html is made with: the more specific range counts
            ("text/html;charset=utf-8;q=0, text/html, text/plain;q=0.5", "text/plain; charset=utf-8"),
            # the same range twice: the highest q counts
            ("text/html;q=0, text/html", "text/html; charset=utf-8"),
            # the Markdown made here is GitHub's (RFC 7763)
            ("text/markdown; variant=GFM", "text/markdown; charset=utf-8"),
            # a weight written with more decimals or none before the point is still one
            ("application/json;q=1.0000", "application/json"),
            ("text/plain;q=.5, text/html;q=.4", "text/plain; charset=utf-8"),
        ],
    )
    def test_media_type_parameters_narrow_a_range_to_what_they_name(
        self, client: TestClient, accept: str, media_type: str
    ) -> None:
        response = client.post("/v1/compare", headers={"accept": accept}, json=_texts("A b c.", "A b c."))
        assert response.status_code == 200
        assert response.headers["content-type"] == media_type

    @pytest.mark.parametrize("weight", ["nan", "inf", "-0.5", "1.5", "2", "high", "", "0.0001", "1.01"])
    def test_a_range_with_an_invalid_q_is_ignored(self, client: TestClient, weight: str) -> None:
        response = client.post(
            "/v1/compare",
            headers={"accept": f"text/plain;q={weight}, text/html;q=0.5"},
            json=_texts("A b c.", "A b c."),
        )
        assert response.status_code == 200
        assert response.headers["content-type"] == "text/html; charset=utf-8"

    @pytest.mark.parametrize(
        "accept", ["application/json;q=0", "*/*;q=0", "text/*;q=0, application/*;q=0, */*"]
    )
    def test_every_type_refused_with_q_0_is_406(self, client: TestClient, accept: str) -> None:
        response = client.post("/v1/compare", headers={"accept": accept}, json=_texts("A.", "B."))
        assert response.status_code == 406
        assert response.json()["detail"] == (
            "Acceptable: application/json, text/plain, text/html, text/markdown (or use ?format=)"
        )

    def test_accept_with_nothing_producible_is_406(self, client: TestClient) -> None:
        response = client.post("/v1/compare", headers={"accept": "image/png"}, json=_texts("A.", "B."))
        assert response.status_code == 406
        assert response.json() == {
            "type": "about:blank",
            "title": "Not Acceptable",
            "status": 406,
            "detail": "Acceptable: application/json, text/plain, text/html, text/markdown (or use ?format=)",
            "instance": "/v1/compare",
        }


class TestCompareStored:
    def test_answers_the_comparison_of_the_two_texts(self, client: TestClient) -> None:
        reuters = post_seed(client, "001", "Reuters")
        baghdad = post_seed(client, "002", "Baghdad Post")
        response = client.get(f"/v1/articles/{reuters}/compare/{baghdad}")
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/json"
        assert response.json() == compare(seed_text("001"), seed_text("002")).to_dict()

    def test_the_copy_is_judged_copy(self, client: TestClient) -> None:
        reuters = post_seed(client, "001", "Reuters")
        aggregator = post_seed(client, "000", "Aggregator")
        response = client.get(f"/v1/articles/{reuters}/compare/{aggregator}")
        assert response.status_code == 200
        assert response.json()["verdict"] == "copy"

    def test_stores_the_result_keyed_by_engine_version(self, client: TestClient, session: Session) -> None:
        reuters = post_seed(client, "001", "Reuters")
        baghdad = post_seed(client, "002", "Baghdad Post")
        response = client.get(f"/v1/articles/{reuters}/compare/{baghdad}")
        row = session.exec(select(CachedComparison)).one()
        assert (row.base_id, row.other_id, row.engine_version) == (reuters, baghdad, ENGINE_VERSION)
        assert row.body == response.content

    def test_answers_from_the_cache_when_present(self, client: TestClient, session: Session) -> None:
        reuters = post_seed(client, "001", "Reuters")
        baghdad = post_seed(client, "002", "Baghdad Post")
        planted = orjson.dumps(compare(["Planted."], ["Planted."]))
        session.add(
            CachedComparison(
                base_id=reuters, other_id=baghdad, engine_version=ENGINE_VERSION, body=planted, etag="planted"
            )
        )
        session.commit()
        response = client.get(f"/v1/articles/{reuters}/compare/{baghdad}")
        assert response.status_code == 200
        assert response.content == planted
        assert response.headers["etag"] == '"planted"'

    def test_ignores_results_of_other_engine_versions(self, client: TestClient, session: Session) -> None:
        reuters = post_seed(client, "001", "Reuters")
        baghdad = post_seed(client, "002", "Baghdad Post")
        session.add(
            CachedComparison(
                base_id=reuters, other_id=baghdad, engine_version="0.0.1", body=b"{}", etag="old"
            )
        )
        session.commit()
        response = client.get(f"/v1/articles/{reuters}/compare/{baghdad}")
        assert response.status_code == 200
        assert response.json()["engine_version"] == ENGINE_VERSION

    def test_etag_is_the_sha256_of_the_body(self, client: TestClient) -> None:
        reuters = post_seed(client, "001", "Reuters")
        baghdad = post_seed(client, "002", "Baghdad Post")
        response = client.get(f"/v1/articles/{reuters}/compare/{baghdad}")
        assert response.status_code == 200
        assert response.headers["etag"] == f'"{hashlib.sha256(response.content).hexdigest()}"'
        assert response.headers["cache-control"] == "no-cache"

    def test_matching_if_none_match_is_304_without_a_body(self, client: TestClient) -> None:
        reuters = post_seed(client, "001", "Reuters")
        baghdad = post_seed(client, "002", "Baghdad Post")
        etag = client.get(f"/v1/articles/{reuters}/compare/{baghdad}").headers["etag"]
        response = client.get(f"/v1/articles/{reuters}/compare/{baghdad}", headers={"if-none-match": etag})
        assert response.status_code == 304
        assert response.content == b""
        assert response.headers["etag"] == etag

    @pytest.mark.parametrize("form", ['"other", {etag}', "W/{etag}", "*"])
    def test_if_none_match_lists_weak_tags_and_star_match(self, client: TestClient, form: str) -> None:
        reuters = post_seed(client, "001", "Reuters")
        aggregator = post_seed(client, "000", "Aggregator")
        etag = client.get(f"/v1/articles/{reuters}/compare/{aggregator}").headers["etag"]
        response = client.get(
            f"/v1/articles/{reuters}/compare/{aggregator}", headers={"if-none-match": form.format(etag=etag)}
        )
        assert response.status_code == 304

    def test_stale_if_none_match_gets_the_full_answer(self, client: TestClient) -> None:
        reuters = post_seed(client, "001", "Reuters")
        aggregator = post_seed(client, "000", "Aggregator")
        response = client.get(
            f"/v1/articles/{reuters}/compare/{aggregator}", headers={"if-none-match": '"stale"'}
        )
        assert response.status_code == 200
        assert response.json()["verdict"] == "copy"

    @pytest.mark.parametrize(("output", "media_type"), RENDERINGS)
    def test_renderings_come_from_the_cached_result(
        self, client: TestClient, output: str, media_type: str
    ) -> None:
        reuters = post_seed(client, "001", "Reuters")
        baghdad = post_seed(client, "002", "Baghdad Post")
        json_etag = client.get(f"/v1/articles/{reuters}/compare/{baghdad}").headers["etag"]
        response = client.get(f"/v1/articles/{reuters}/compare/{baghdad}", params={"format": output})
        assert response.status_code == 200
        assert response.headers["content-type"] == media_type
        assert response.headers["etag"] == f'{json_etag[:-1]}-{output}"'
        assert response.headers["vary"] == "Accept"

    def test_accept_text_plain_gives_the_engine_text_rendering(self, client: TestClient) -> None:
        from app.engine import render_text

        reuters = post_seed(client, "001", "Reuters")
        baghdad = post_seed(client, "002", "Baghdad Post")
        response = client.get(f"/v1/articles/{reuters}/compare/{baghdad}", headers={"accept": "text/plain"})
        assert response.status_code == 200
        assert response.text == render_text(compare(seed_text("001"), seed_text("002")))

    def test_unknown_base_is_404(self, client: TestClient) -> None:
        other = post_seed(client, "001", "Reuters")
        response = client.get(f"/v1/articles/999/compare/{other}")
        assert response.status_code == 404
        assert response.json()["detail"] == "Article 999 not found"

    def test_unknown_other_is_404(self, client: TestClient) -> None:
        base = post_seed(client, "001", "Reuters")
        response = client.get(f"/v1/articles/{base}/compare/998")
        assert response.status_code == 404
        assert response.json() == {
            "type": "about:blank",
            "title": "Not Found",
            "status": 404,
            "detail": "Article 998 not found",
            "instance": f"/v1/articles/{base}/compare/998",
        }
