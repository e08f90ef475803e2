"""An article is prepared for the engine once, when it is stored, and comparisons read that
preparation back instead of preparing its text again; what cannot be trusted (none stored, or one
of another engine version) is not read. (``wirediff reindex`` stores it anew: tests/cli/test_related.py.)"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.engine import ENGINE_VERSION, compare, preparation_of, prepare
from app.models import Article
from app.services.comparisons import clear_prepared_documents
from tests.api.conftest import post_seed, warnings_at_start
from tests.seeds import seed_text


@pytest.fixture(autouse=True)
def _nothing_prepared_in_memory() -> None:
    """Each test starts as a new worker does: no prepared document in memory."""
    clear_prepared_documents()


def _store(session: Session, article_id: int, prepared: dict[str, Any] | None) -> None:
    article = session.get_one(Article, article_id)
    article.prepared = prepared
    session.add(article)
    session.commit()


def _stored(session: Session, article_id: int) -> dict[str, Any] | None:
    session.expire_all()
    article = session.get(Article, article_id)
    assert article is not None
    return article.prepared


def _with_last_body_sentence_as_boilerplate(prepared: dict[str, Any]) -> tuple[dict[str, Any], int]:
    sentences = [list(span) for span in prepared["sentences"]]
    last = max(index for index, span in enumerate(sentences) if span[2] == "body")
    sentences[last][2] = "boilerplate"
    return {**prepared, "sentences": sentences}, last


class TestStoring:
    def test_posting_an_article_stores_its_preparation(self, client: TestClient, session: Session) -> None:
        baghdad = post_seed(client, "002", "Baghdad Post")
        assert _stored(session, baghdad) == preparation_of(prepare(seed_text("002")))
        assert _stored(session, baghdad)["engine"] == ENGINE_VERSION  # type: ignore[index]

    def test_the_preparation_is_not_part_of_the_article_answer(self, client: TestClient) -> None:
        baghdad = post_seed(client, "002", "Baghdad Post")
        assert "prepared" not in client.get(f"/v1/articles/{baghdad}").json()
        assert all("prepared" not in item for item in client.get("/v1/articles").json()["data"])


class TestComparing:
    def test_a_comparison_reads_the_stored_preparation(self, client: TestClient, session: Session) -> None:
        reuters = post_seed(client, "001", "Reuters")
        baghdad = post_seed(client, "002", "Baghdad Post")
        stored = _stored(session, baghdad)
        assert stored is not None
        edited, last = _with_last_body_sentence_as_boilerplate(stored)
        _store(session, baghdad, edited)
        answer = client.get(f"/v1/articles/{reuters}/compare/{baghdad}").json()
        assert answer["other"]["sentences"][last]["role"] == "boilerplate"
        assert all(last not in group["other"] for group in answer["alignment"])

    @pytest.mark.parametrize("stale", ["another engine version", "none stored"])
    def test_one_that_cannot_be_trusted_is_prepared_again(
        self, client: TestClient, session: Session, stale: str
    ) -> None:
        reuters = post_seed(client, "001", "Reuters")
        baghdad = post_seed(client, "002", "Baghdad Post")
        stored = _stored(session, baghdad)
        assert stored is not None
        edited, _ = _with_last_body_sentence_as_boilerplate(stored)
        _store(session, baghdad, {**edited, "engine": "0.0.1"} if stale == "another engine version" else None)
        response = client.get(f"/v1/articles/{reuters}/compare/{baghdad}")
        assert response.status_code == 200
        assert response.json() == compare(seed_text("001"), seed_text("002")).to_dict()


class TestOutdatedPreparations:
    def test_the_app_warns_at_start_when_stored_ones_are_of_another_engine_version(
        self, client: TestClient, session: Session, caplog: pytest.LogCaptureFixture
    ) -> None:
        reuters = post_seed(client, "001", "Reuters")
        post_seed(client, "002", "Baghdad Post")
        _store(session, reuters, {**(_stored(session, reuters) or {}), "engine": "0.0.1"})
        assert warnings_at_start(client, caplog) == [
            "Stored articles were prepared by another engine version, or before preparations were kept: "
            "comparisons prepare them again each time, more slowly, until `wirediff reindex` is run"
        ]

    def test_no_warning_when_they_are_of_this_version(
        self, client: TestClient, caplog: pytest.LogCaptureFixture
    ) -> None:
        post_seed(client, "001", "Reuters")
        assert warnings_at_start(client, caplog) == []
