"""GET /v1/articles?q=: full-text search (FTS5 on SQLite, a GIN-indexed tsvector on PostgreSQL),
bounded so that no query is expensive."""

from __future__ import annotations

import logging
import os

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, make_url, text

from app.config import Settings
from app.db import migrate
from app.schemas import SEARCH_MAX_TERMS
from tests.apps import open_client


def _post(client: TestClient, source: str, text: str) -> int:
    response = client.post("/v1/articles", json={"source": source, "text": text})
    assert response.status_code == 201, response.text
    article_id: int = response.json()["id"]
    return article_id


def _found(client: TestClient, q: str) -> list[str]:
    response = client.get("/v1/articles", params={"q": q})
    assert response.status_code == 200, response.text
    return [article["source"] for article in response.json()["data"]]


@pytest.fixture
def stored(client: TestClient) -> None:
    _post(client, "Rain", "Rain in Moscow\n\nHeavy rain flooded the streets of central Moscow on Friday.")
    _post(client, "Snow", "Snow in Helsinki\n\nHeavy snow closed the airports of northern Finland on Monday.")
    _post(client, "Quote", 'Talks\n\nThe minister said "no deal" OR NEAR(nothing) was agreed in Ankara.')


class TestSearch:
    @pytest.mark.usefixtures("stored")
    def test_every_word_is_needed_in_any_case(self, client: TestClient) -> None:
        assert _found(client, "HEAVY friday") == ["Rain"]

    @pytest.mark.usefixtures("stored")
    def test_a_word_is_found_by_its_beginning(self, client: TestClient) -> None:
        assert _found(client, "mosc") == ["Rain"]
        assert _found(client, "heav") == ["Rain", "Snow"]

    @pytest.mark.usefixtures("stored")
    def test_the_title_is_searched(self, client: TestClient) -> None:
        assert _found(client, "helsinki") == ["Snow"]

    @pytest.mark.usefixtures("stored")
    def test_query_syntax_in_q_is_only_words(self, client: TestClient) -> None:
        assert _found(client, '"no deal" OR NEAR(nothing)') == ["Quote"]
        assert _found(client, "rain' || 'xy") == []
        assert _found(client, "moscow*:") == ["Rain"]

    @pytest.mark.usefixtures("stored")
    def test_a_deleted_article_is_no_longer_found(self, client: TestClient) -> None:
        assert client.delete("/v1/articles/1").status_code == 204
        assert _found(client, "moscow") == []

    @pytest.mark.usefixtures("stored")
    def test_the_count_counts_every_match(self, client: TestClient) -> None:
        response = client.get("/v1/articles", params={"q": "heavy", "limit": 1})
        assert (response.json()["count"], len(response.json()["data"])) == (2, 1)

    @pytest.mark.parametrize("q", ["İstanbul", "istanbul", "ISTANBUL", "İSTANBUL", "izmir"])
    def test_a_word_with_a_dotted_capital_i_is_found_by_any_case(self, client: TestClient, q: str) -> None:
        _post(client, "TR", "İstanbul seçimleri\n\nİstanbul'da seçim yapıldı; İZMİR'de de yapılacak.")
        assert _found(client, q) == ["TR"]

    @pytest.mark.parametrize(("q", "found"), [("Turkey's", ["Ankara"]), ("O'Brien", ["Dublin"])])
    def test_a_letter_an_apostrophe_joins_to_a_word_is_part_of_it(
        self, client: TestClient, q: str, found: list[str]
    ) -> None:
        _post(client, "Ankara", "Talks in Ankara\n\nTurkey's foreign minister met his Russian counterpart.")
        _post(client, "Dublin", "Budget in Dublin\n\nFinance minister Michael O'Brien set out the budget.")
        assert _found(client, q) == found

    def test_a_word_with_a_dotted_capital_i_is_gone_with_its_article(self, client: TestClient) -> None:
        article_id = _post(client, "TR", "İstanbul seçimleri\n\nİstanbul'da seçim yapıldı.")
        assert client.delete(f"/v1/articles/{article_id}").status_code == 204
        assert _found(client, "istanbul") == []


class TestSearchBounds:
    def _refusal(self, client: TestClient, q: str) -> str:
        response = client.get("/v1/articles", params={"q": q})
        assert response.status_code == 422
        assert response.headers["content-type"] == "application/problem+json"
        message: str = response.json()["errors"][0]["detail"]
        return message

    def test_a_hundred_one_letter_words_are_refused(self, client: TestClient) -> None:
        assert (
            self._refusal(client, " ".join("abcdefghij" * 10))
            == f"at most {SEARCH_MAX_TERMS} words are searched"
        )

    def test_more_words_than_the_limit_are_refused(self, client: TestClient) -> None:
        q = " ".join(f"word{n}" for n in range(SEARCH_MAX_TERMS + 1))
        assert self._refusal(client, q) == f"at most {SEARCH_MAX_TERMS} words are searched"

    def test_a_one_character_word_is_refused(self, client: TestClient) -> None:
        assert self._refusal(client, "rain a 5") == "every word searched needs at least 2 characters (a, 5)"

    def test_punctuation_alone_is_refused(self, client: TestClient) -> None:
        assert self._refusal(client, "%% **") == "a search needs a word (letters or digits)"

    def test_a_query_over_200_characters_is_refused(self, client: TestClient) -> None:
        assert client.get("/v1/articles", params={"q": "rain " * 41}).status_code == 422


class TestCharacterType:
    """PostgreSQL folds case by its database's character type: under C or POSIX (no ICU), A-Z only."""

    def test_letters_beyond_a_to_z_are_found_in_any_case(self, client: TestClient) -> None:
        _post(client, "Le Monde", "L'État et la Straße\n\nL'ÉTAT a fermé la STRAßE à Istanbul.")
        assert _found(client, "état") == ["Le Monde"]

    def test_a_database_of_character_type_c_is_warned_of_at_start(
        self, caplog: pytest.LogCaptureFixture
    ) -> None:
        server = os.environ.get("TEST_DATABASE_URL")
        if not server:
            pytest.skip(
                "PostgreSQL only (TEST_DATABASE_URL: .ci/run suite_postgres); SQLite folds every letter"
            )
        name = "wirediff_ctype_c_test"
        admin = create_engine(server, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {name}"))
            connection.execute(text(f"CREATE DATABASE {name} TEMPLATE template0 LOCALE 'C' ENCODING 'UTF8'"))
        url = make_url(server).set(database=name).render_as_string(hide_password=False)
        try:
            migrate(url)
            with (
                caplog.at_level(logging.WARNING, logger="wirediff"),
                open_client(Settings(database_url=url)) as c,
            ):
                _post(c, "Le Monde", "L'État et la rue\n\nL'ÉTAT a fermé la rue.")
                assert (_found(c, "état"), _found(c, "État"), _found(c, "fermé")) == ([], [], ["Le Monde"])
            assert [r.getMessage() for r in caplog.records if r.name == "wirediff"] == [
                "The database's character type is C or POSIX: its search folds the case of A-Z only "
                '(a word written with another capital, "État", is not found); create it with a UTF-8 '
                "locale or an ICU one (README, Configuration)"
            ]
        finally:
            with admin.connect() as connection:
                connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            admin.dispose()
