"""Bad input gets a clear problem, never a 500, and leaves nothing half-written: every JSON route is
tried with broken encodings, binary bodies, wrong content types, unstorable characters, absurd
numbers and over-limit texts."""

from __future__ import annotations

import gzip
import json
import re
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.schemas import is_blank

CONTRACT = Path(__file__).resolve().parents[2] / "openapi" / "openapi.json"
ARTICLE = {"source": "Example Wire", "text": "It rained in Moscow on Friday. Then it stopped."}
COMPARE = {"base": {"sentences": ["It rained."]}, "other": {"sentences": ["It snowed."]}}
CHECK = {**COMPARE, "rules": {"max_dropped": 5}}

#: Every route that takes a JSON body, with a valid body for it.
JSON_ROUTES = [("/v1/articles", ARTICLE), ("/v1/compare", COMPARE), ("/v1/checks", CHECK)]
PATHS = [path for path, _ in JSON_ROUTES]

#: Bodies that are not UTF-8 JSON at all, sent as application/json.
UNDECODABLE = {
    "invalid UTF-8": b'{"source": "Wire", "text": "caf\xe9 \xff\xfe"}',
    "truncated UTF-8": b'{"source": "Wire", "text": "\xe2\x82"}',
    "binary": bytes(range(256)) * 4,
    "gzip magic": b"\x1f\x8b\x08\x00" + b"\x00" * 64,
    "deeply nested": b"[" * 40_000 + b"]" * 40_000,
    "truncated JSON": b'{"source": "Wire", "text": "It rai',
}


def _count(client: TestClient) -> int:
    count = client.get("/v1/articles").json()["count"]
    assert isinstance(count, int)
    return count


class TestUndecodableBodies:
    @pytest.mark.parametrize("path", PATHS)
    @pytest.mark.parametrize("name", UNDECODABLE)
    def test_is_a_400_problem(self, client: TestClient, path: str, name: str) -> None:
        response = client.post(path, content=UNDECODABLE[name], headers={"Content-Type": "application/json"})
        assert response.status_code == 400
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["status"] == 400
        assert _count(client) == 0


class TestCompressedBodies:
    @pytest.mark.parametrize("path", PATHS)
    @pytest.mark.parametrize("encoding", ["gzip", "deflate", "br"])
    def test_are_a_415_problem_saying_so(self, client: TestClient, path: str, encoding: str) -> None:
        body = dict(JSON_ROUTES)[path]
        content = (
            gzip.compress(json.dumps(body).encode()) if encoding == "gzip" else json.dumps(body).encode()
        )
        response = client.post(
            path, content=content, headers={"Content-Type": "application/json", "Content-Encoding": encoding}
        )
        assert response.status_code == 415
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["detail"] == (
            f"Send the body uncompressed (Content-Encoding was {encoding}):"
            " compressed bodies are not accepted"
        )
        assert _count(client) == 0

    def test_identity_is_no_compression(self, client: TestClient) -> None:
        response = client.post(
            "/v1/compare",
            json=COMPARE,
            headers={"Content-Encoding": "identity"},
        )
        assert response.status_code == 200


class TestWrongContentType:
    @pytest.mark.parametrize("path", PATHS)
    @pytest.mark.parametrize(
        "content_type",
        [None, "text/plain", "application/octet-stream", "application/x-www-form-urlencoded", "text/json"],
    )
    def test_is_a_415_problem_naming_what_was_sent(
        self, client: TestClient, path: str, content_type: str | None
    ) -> None:
        headers = {"Content-Type": content_type} if content_type else {}
        body = dict(JSON_ROUTES)[path]
        response = client.post(path, content=json.dumps(body).encode(), headers=headers)
        assert response.status_code == 415
        assert response.json()["detail"] == (
            f"Send the body as application/json (Content-Type was {content_type or 'none'})"
        )
        assert _count(client) == 0

    def test_multipart_is_415(self, client: TestClient) -> None:
        response = client.post("/v1/compare", files={"base": ("a.txt", b"It rained.")})
        assert response.status_code == 415

    @pytest.mark.parametrize("path", PATHS)
    @pytest.mark.parametrize(
        ("content_type", "charset"),
        [
            ("application/json; charset=utf-16", "utf-16"),
            ('application/json; charset="UTF-16LE"', "utf-16le"),
            ("application/json;charset=latin1", "latin1"),
            ("application/json; charset=", "none"),
        ],
    )
    def test_a_charset_other_than_utf_8_is_a_415_problem_naming_it(
        self, client: TestClient, path: str, content_type: str, charset: str
    ) -> None:
        body = json.dumps(dict(JSON_ROUTES)[path]).encode()  # UTF-8: the declaration is refused
        response = client.post(path, content=body, headers={"Content-Type": content_type})
        assert response.status_code == 415
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json() == {
            "type": "about:blank",
            "title": "Unsupported Media Type",
            "status": 415,
            "detail": f"Send the body as UTF-8 JSON (Content-Type declared charset={charset})",
            "instance": path,
        }
        assert _count(client) == 0

    @pytest.mark.parametrize(
        "content_type",
        [
            "application/json; charset=utf-8",
            'application/json; charset="UTF-8"',
            "application/json;CHARSET=Utf-8",
            "application/merge-patch+json",
        ],
    )
    def test_json_with_parameters_or_a_json_suffix_is_accepted(
        self, client: TestClient, content_type: str
    ) -> None:
        response = client.post(
            "/v1/compare", content=json.dumps(COMPARE).encode(), headers={"Content-Type": content_type}
        )
        assert response.status_code == 200


class TestUnstorableCharacters:
    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("text", "It rained.\x00 Then it stopped."),
            ("text", "It rained.\ud800"),
            ("title", "Rain\x00"),
            ("title", "Rain\udfff"),
            ("source", "Wire\x00"),
            ("source", "Wire\udc80"),
        ],
    )
    def test_nul_or_a_lone_surrogate_in_an_article_is_422(
        self, client: TestClient, field: str, value: str
    ) -> None:
        response = client.post(
            "/v1/articles",
            content=json.dumps({**ARTICLE, field: value}).encode(),  # ensure_ascii keeps \\ud800 escaped
            headers={"Content-Type": "application/json"},
        )
        assert response.status_code == 422
        assert response.json()["errors"][0]["loc"] == ["body", field]
        assert _count(client) == 0

    @pytest.mark.parametrize("value", ["a\x00b", "\ud83d", "ok \udc00 ok"])
    def test_in_compared_texts_and_sentences_is_422(self, client: TestClient, value: str) -> None:
        for side in ({"text": value}, {"sentences": ["fine.", value]}):
            body = {"base": side, "other": {"text": "It rained."}}
            response = client.post(
                "/v1/compare", content=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
            )
            assert response.status_code == 422, side

    @pytest.mark.parametrize("name", ["source", "q"])
    def test_nul_in_a_query_filter_is_422(self, client: TestClient, name: str) -> None:
        response = client.get(f"/v1/articles?{name}=Wire%00")
        assert response.status_code == 422
        assert response.json()["errors"][0]["loc"] == ["query", name]

    @pytest.mark.parametrize("encoded", ["%ED%A0%80", "%FF%FE", "%C0%AF"])
    def test_invalid_utf8_in_a_query_filter_matches_nothing(self, client: TestClient, encoded: str) -> None:
        response = client.get(f"/v1/articles?source={encoded}")
        assert response.status_code == 200
        assert response.json()["count"] == 0

    def test_a_surrogate_pair_is_a_character_like_any_other(self, client: TestClient) -> None:
        text = "It rained \U0001f327 in Moscow."
        response = client.post(
            "/v1/articles",
            content=json.dumps({"source": "Wire", "text": text}).encode(),  # escaped as \\ud83c\\udf27
            headers={"Content-Type": "application/json"},
        )
        assert response.status_code == 201
        assert response.json()["text"] == text


class TestAbsurdNumbers:
    @pytest.mark.parametrize("article_id", ["0", "-1", "2147483648", "9" * 40, "1e3", "1.5"])
    def test_an_id_outside_the_column_is_422(self, client: TestClient, article_id: str) -> None:
        for method, path in (
            ("GET", f"/v1/articles/{article_id}"),
            ("DELETE", f"/v1/articles/{article_id}"),
            ("GET", f"/v1/articles/{article_id}/compare/1"),
            ("GET", f"/v1/articles/1/compare/{article_id}"),
        ):
            response = client.request(method, path)
            assert response.status_code == 422, (method, path)

    def test_the_largest_id_is_a_404(self, client: TestClient) -> None:
        assert client.get("/v1/articles/2147483647").status_code == 404

    @pytest.mark.parametrize("value", [0, -5, 2**31, 10**40])
    def test_a_stored_id_outside_the_column_in_a_check_is_422(self, client: TestClient, value: int) -> None:
        body = {"base": {"id": value}, "other": {"id": 1}, "rules": {"max_dropped": 1}}
        response = client.post("/v1/checks", json=body)
        assert response.status_code == 422
        assert response.json()["errors"][0]["loc"][:3] == ["body", "base", "id"]

    @pytest.mark.parametrize("offset", ["2147483648", "9" * 30, "-1"])
    def test_an_offset_past_any_table_is_422(self, client: TestClient, offset: str) -> None:
        assert client.get("/v1/articles", params={"offset": offset}).status_code == 422

    def test_a_number_with_thousands_of_digits_is_refused_cleanly(self, client: TestClient) -> None:
        body = b'{"base": {"id": ' + b"9" * 5000 + b'}, "other": {"id": 1}, "rules": {"max_dropped": 1}}'
        response = client.post("/v1/checks", content=body, headers={"Content-Type": "application/json"})
        assert response.status_code in (400, 422)
        assert response.headers["content-type"] == "application/problem+json"

    @pytest.mark.parametrize("value", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00"])
    def test_a_date_that_leaves_the_calendar_in_utc_is_422(self, client: TestClient, value: str) -> None:
        listing = client.get("/v1/articles", params={"published_since": value})
        assert listing.status_code == 422
        assert listing.json()["errors"][0]["loc"] == ["query", "published_since"]
        stored = client.post("/v1/articles", json={**ARTICLE, "published_at": value})
        assert stored.status_code == 422
        assert stored.json()["errors"][0]["loc"] == ["body", "published_at"]

    @pytest.mark.parametrize("value", ["0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z"])
    def test_the_ends_of_the_calendar_in_utc_are_fine(self, client: TestClient, value: str) -> None:
        assert client.get("/v1/articles", params={"published_until": value}).status_code == 200
        stored = client.post("/v1/articles", json={**ARTICLE, "published_at": value})
        assert stored.status_code == 201
        assert stored.json()["published_at"] == value


class TestOverLimits:
    def test_a_text_over_the_size_limit_is_422_and_not_stored(self, client: TestClient) -> None:
        response = client.post("/v1/articles", json={"source": "Wire", "text": "a" * 20_001})
        assert response.status_code == 422
        assert response.json()["errors"][0]["detail"] == (
            "20001 characters, over the limit of 20000 (WIREDIFF_MAX_TEXT_CHARS)"
        )
        assert _count(client) == 0

    def test_a_body_over_the_size_limit_is_413_for_every_json_route(self, client: TestClient) -> None:
        for path in PATHS:
            response = client.post(
                path, content=b"{" + b" " * 100_000 + b"}", headers={"Content-Type": "application/json"}
            )
            assert response.status_code == 413, path

    def test_an_empty_json_body_is_422_naming_the_body(self, client: TestClient) -> None:
        for path in PATHS:
            response = client.post(path, content=b"", headers={"Content-Type": "application/json"})
            assert response.status_code == 422, path
            assert response.json()["errors"][0]["loc"] == ["body"]

    @pytest.mark.parametrize("body", [b"null", b"[]", b'"text"', b"42", b"true"])
    def test_json_that_is_not_an_object_is_422(self, client: TestClient, body: bytes) -> None:
        for path in PATHS:
            response = client.post(path, content=body, headers={"Content-Type": "application/json"})
            assert response.status_code == 422, (path, body)


class TestUrlsThatCannotBeFetched:
    # each fails in URL parsing, before any name is looked up: no traffic leaves the machine
    # the last is the punycode of 💩.la, whose host httpx decodes to build a request, and IDNA 2008 refuses
    @pytest.mark.parametrize(
        "url", ["http://\U000f0b7a\u00b2x/", "http://-\u00e9-/", "https://xn--ls8h.la/story"]
    )
    def test_a_host_name_idna_refuses_is_422_not_a_500(self, client: TestClient, url: str) -> None:
        response = client.post("/v1/articles", json={"source": "Wire", "url": url})
        assert response.status_code == 422
        assert response.json()["detail"].startswith(f"Cannot fetch {url}")
        assert _count(client) == 0


class TestNumbersAreNotDates:
    @pytest.mark.parametrize("value", ["0", "0.5", "1e3", "-1", " 17 "])
    def test_a_number_as_a_date_filter_is_422(self, client: TestClient, value: str) -> None:
        response = client.get("/v1/articles", params={"published_until": value})
        assert response.status_code == 422
        assert response.json()["errors"][0]["loc"] == ["query", "published_until"]

    @pytest.mark.parametrize("value", [0, 1.5, "1700000000", True])
    def test_a_number_as_published_at_is_422(self, client: TestClient, value: object) -> None:
        response = client.post("/v1/articles", json={**ARTICLE, "published_at": value})
        assert response.status_code == 422
        assert _count(client) == 0

    def test_a_run_of_digits_as_published_at_is_422_at_once(self, client: TestClient) -> None:
        # 90,000 digits and a letter: the number pattern had tried every way of cutting the digits
        response = client.post("/v1/articles", json={**ARTICLE, "published_at": "1" * 90_000 + "x"})
        assert response.status_code == 422
        assert response.json()["errors"][0]["loc"] == ["body", "published_at"]
        assert _count(client) == 0

    @pytest.mark.parametrize("value", ["2019-05-31", "2019-05-31T08:00:00", "2019-05-31T08:00:00+03:00"])
    def test_iso_8601_dates_are_fine(self, client: TestClient, value: str) -> None:
        assert client.get("/v1/articles", params={"published_since": value}).status_code == 200


class TestRulesAreStrict:
    @pytest.mark.parametrize(
        "rules",
        [
            {"min_base_retained": True},
            {"min_other_from_base": False},
            {"max_dropped": 1.5},
            {"max_added": True},
        ],
    )
    def test_a_boolean_or_fraction_where_a_number_or_count_belongs_is_422(
        self, client: TestClient, rules: dict[str, object]
    ) -> None:
        response = client.post("/v1/checks", json={**COMPARE, "rules": rules})
        assert response.status_code == 422
        assert response.json()["errors"][0]["loc"][:2] == ["body", "rules"]

    def test_an_integer_share_is_a_number(self, client: TestClient) -> None:
        response = client.post("/v1/checks", json={**COMPARE, "rules": {"min_base_retained": 0}})
        assert response.status_code == 200


class TestIdsAndFlagsAreStrict:
    """An id is a JSON integer and a flag a JSON boolean, as the OpenAPI document says: true is not
    article 1, "2" not article 2, and "true", 1 or "yes" not true."""

    @pytest.mark.parametrize(
        ("path", "body", "loc"),
        [
            ("/v1/checks", {**CHECK, "base": {"id": True}}, ["body", "base", "id", "id"]),
            ("/v1/checks", {**CHECK, "base": {"id": "2"}}, ["body", "base", "id", "id"]),
            ("/v1/checks", {**CHECK, "other": {"id": 2.0}}, ["body", "other", "id", "id"]),
            ("/v1/coverage", {"base_id": True, "related": True}, ["body", "base_id"]),
            ("/v1/coverage", {"base_id": 2, "other_ids": [True]}, ["body", "other_ids", 0]),
            ("/v1/coverage", {"base_id": 2, "other_ids": ["3"]}, ["body", "other_ids", 0]),
            ("/v1/coverage", {"base_id": 2, "related": "true"}, ["body", "related"]),
            ("/v1/coverage", {"base_id": 2, "related": 1}, ["body", "related"]),
            (
                "/v1/articles",
                {**ARTICLE, "url": "https://example.com/", "keep_html": "yes"},
                ["body", "keep_html"],
            ),
        ],
    )
    def test_another_json_type_is_422_naming_the_field(
        self, client: TestClient, path: str, body: dict[str, object], loc: list[object]
    ) -> None:
        response = client.post(path, json=body)
        assert response.status_code == 422
        assert [issue["loc"] for issue in response.json()["errors"]] == [loc]
        assert _count(client) == 0


class TestTextRulesMatchTheContract:
    """What the OpenAPI document's patterns say about a text is what the API does with it."""

    EDGES = (
        "a",
        " a ",
        " ",
        "\x1c",
        "\x1f\x85",
        "\x85",
        "\u3000x",
        "\u180e",
        "x\x00",
        "\t\n",
        "\u2028",
        "ok\u200b",
        "\u200b",
        "\u00ad",
        "\ufeff",
        "\x1c\x1d",
        "\u200c\u200d",
        "\u2060",
    )

    @staticmethod
    def _pattern(schema_name: str, field: str) -> re.Pattern[str]:
        document = json.loads(CONTRACT.read_text(encoding="utf-8"))
        schema = document["components"]["schemas"][schema_name]["properties"][field]
        for option in schema.get("anyOf", [schema]):
            if "pattern" in option:
                return re.compile(option["pattern"])
        raise AssertionError(f"{schema_name}.{field} has no pattern")

    @pytest.mark.parametrize("value", EDGES)
    def test_source(self, client: TestClient, value: str) -> None:
        documented = bool(self._pattern("ArticleSubmission", "source").fullmatch(value))
        response = client.post("/v1/articles", json={"source": value, "text": "It rained."})
        assert (response.status_code == 201) == documented, response.text

    @pytest.mark.parametrize("value", EDGES)
    def test_text(self, client: TestClient, value: str) -> None:
        documented = bool(self._pattern("TextInput", "text").fullmatch(value))
        response = client.post("/v1/compare", json={"base": {"text": value}, "other": {"text": "It rained."}})
        assert (response.status_code == 200) == documented, response.text

    @pytest.mark.parametrize("value", EDGES)
    def test_sentence(self, client: TestClient, value: str) -> None:
        document = json.loads(CONTRACT.read_text(encoding="utf-8"))
        items = document["components"]["schemas"]["SentencesInput"]["properties"]["sentences"]["items"]
        documented = bool(re.compile(items["pattern"]).fullmatch(value))
        body = {"base": {"sentences": [value]}, "other": {"text": "It rained."}}
        response = client.post("/v1/compare", json=body)
        assert (response.status_code == 200) == documented, response.text

    def test_the_blank_characters_of_the_pattern_are_those_the_engine_normalises_away(self) -> None:
        """Every character, one at a time: the documented pattern and the rule agree."""
        pattern = self._pattern("TextInput", "text")
        disagree = [
            hex(point)
            for point in range(1, sys.maxunicode + 1)
            if not 0xD800 <= point <= 0xDFFF
            and (pattern.fullmatch(chr(point)) is None) != is_blank(chr(point))
        ]
        assert disagree == []

    @pytest.mark.parametrize(
        "value", ["http://a\x00", "https://x/\x85", "http://a b", "http://\u3000", "ftp://x"]
    )
    def test_url(self, client: TestClient, value: str) -> None:
        assert not self._pattern("ArticleSubmission", "url").fullmatch(value)
        response = client.post("/v1/articles", json={"source": "Wire", "text": "It rained.", "url": value})
        assert response.status_code == 422
