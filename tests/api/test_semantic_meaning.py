"""WIREDIFF_SEMANTIC_MEANING: a server that judges rewordings with the sentence model says so in
every comparison's engine version and caches them apart from the lexical judgement's."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError
from sqlmodel import Session, select

from app.config import Settings
from app.engine import ENGINE_VERSION, CompareOptions, compare, sentence_model
from app.models import CachedComparison
from app.services.comparisons import StoredComparison, compare_articles, stored_article
from tests.api.conftest import ClientWith, post_seed
from tests.seeds import seed_text

SEMANTIC_VERSION = f"{ENGINE_VERSION}+minilm-l6-int8"
PAIR = {"base": {"text": seed_text("001")}, "other": {"text": seed_text("002")}}


@pytest.fixture
def semantic(client_with: ClientWith) -> TestClient:
    return client_with(semantic_meaning=True)


def _meanings(body: dict) -> list[float]:  # type: ignore[type-arg]
    return [g["same_meaning"] for g in body["alignment"] if g["op"] == "reworded"]


def _compared_by_a_lexical_server(semantic: TestClient, base_id: int, other_id: int) -> StoredComparison:
    """The stored comparison a server without the extra makes of the two articles, on the same database."""
    settings: Settings = semantic.app.state.settings  # type: ignore[attr-defined]
    lexical = settings.model_copy(update={"semantic_meaning": False})
    with Session(semantic.app.state.db_engine) as session:  # type: ignore[attr-defined]
        base, other = stored_article(session, base_id), stored_article(session, other_id)
        return compare_articles(session=session, base=base, other=other, settings=lexical)


class TestAdHocComparisons:
    def test_report_the_model_and_its_judgement(self, semantic: TestClient) -> None:
        response = semantic.post("/v1/compare", json=PAIR)
        assert response.status_code == 200
        body = response.json()
        assert body["engine_version"] == SEMANTIC_VERSION
        expected = compare(seed_text("001"), seed_text("002"), CompareOptions(semantic_meaning=True))
        assert _meanings(body) == [g.same_meaning for g in expected.alignment if g.op == "reworded"]

    def test_differ_from_the_lexical_servers_only_in_meaning(
        self, client: TestClient, semantic: TestClient
    ) -> None:
        lexical = client.post("/v1/compare", json=PAIR).json()
        judged = semantic.post("/v1/compare", json=PAIR).json()
        assert lexical["engine_version"] == ENGINE_VERSION
        assert _meanings(judged) != _meanings(lexical)
        assert [g["op"] for g in judged["alignment"]] == [g["op"] for g in lexical["alignment"]]
        assert judged["verdict"] == lexical["verdict"]

    def test_renderings_name_the_model(self, semantic: TestClient) -> None:
        response = semantic.post("/v1/compare?format=text", json=PAIR)
        assert response.status_code == 200
        assert response.text.startswith(f"wirediff {SEMANTIC_VERSION}: ")


class TestStoredComparisons:
    def test_are_cached_under_the_models_version(self, semantic: TestClient) -> None:
        reuters = post_seed(semantic, "001", "Reuters")
        baghdad = post_seed(semantic, "002", "Baghdad Post")
        response = semantic.get(f"/v1/articles/{reuters}/compare/{baghdad}")
        assert response.status_code == 200
        assert response.json()["engine_version"] == SEMANTIC_VERSION
        with Session(semantic.app.state.db_engine) as session:  # type: ignore[attr-defined]
            row = session.exec(select(CachedComparison)).one()
        assert (row.base_id, row.other_id, row.engine_version) == (reuters, baghdad, SEMANTIC_VERSION)
        assert row.body == response.content
        again = semantic.get(
            f"/v1/articles/{reuters}/compare/{baghdad}", headers={"If-None-Match": response.headers["etag"]}
        )
        assert again.status_code == 304

    def test_a_lexical_comparison_stored_first_is_not_served(self, semantic: TestClient) -> None:
        reuters = post_seed(semantic, "001", "Reuters")
        baghdad = post_seed(semantic, "002", "Baghdad Post")
        stored = _compared_by_a_lexical_server(semantic, reuters, baghdad)
        url = f"/v1/articles/{reuters}/compare/{baghdad}"
        assert semantic.get(url, headers={"If-None-Match": f'"{stored.etag}"'}).status_code == 200
        response = semantic.get(url)
        assert response.json()["engine_version"] == SEMANTIC_VERSION
        assert response.headers["etag"] != f'"{stored.etag}"'

    def test_a_lexical_server_on_the_same_database_keeps_its_own(self, semantic: TestClient) -> None:
        reuters = post_seed(semantic, "001", "Reuters")
        baghdad = post_seed(semantic, "002", "Baghdad Post")
        semantic.get(f"/v1/articles/{reuters}/compare/{baghdad}")
        stored = _compared_by_a_lexical_server(semantic, reuters, baghdad)
        with Session(semantic.app.state.db_engine) as session:  # type: ignore[attr-defined]
            versions = sorted(row.engine_version for row in session.exec(select(CachedComparison)))
        assert versions == [ENGINE_VERSION, SEMANTIC_VERSION]
        assert b'"engine_version":"' + ENGINE_VERSION.encode() + b'"' in stored.body


class TestTheSetting:
    def test_a_server_with_it_on_loads_the_model_at_start(
        self, client_with: ClientWith, extra_missing: None
    ) -> None:
        with pytest.raises(sentence_model.SemanticExtraMissingError):
            client_with(semantic_meaning=True)

    def test_is_off_by_default(self) -> None:
        assert Settings().semantic_meaning is False

    def test_is_refused_without_the_extra(self, extra_missing: None) -> None:
        with pytest.raises(
            ValidationError, match=r"WIREDIFF_SEMANTIC_MEANING needs the semantic extra: pip install"
        ):
            Settings(semantic_meaning=True)
