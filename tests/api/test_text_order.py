"""Lists ordered by text come in one order on SQLite and on PostgreSQL, whatever the PostgreSQL
database's collation: by code point, as SQLite compares text (capitals before small letters, an
accented letter after z), with A-Z folded to a-z where the order is case-blind (titles), and
unknown values last. Under en_US.UTF-8 or an ICU locale PostgreSQL would put "afp" beside "AFP"
and "Ärzte" among the A's, and ``lower()`` would fold "É"; a page of such a list would then hold
other rows on the two databases."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi.testclient import TestClient
from sqlmodel import Session

from app import crud
from app.config import Settings
from app.engine import compare
from app.models import Article
from app.schemas import ArticleCreate
from app.services.articles import store_article
from app.services.pickups import record_pickup
from benchmarks.profiles import wire_story

#: Names whose order differs between code points and a linguistic collation.
NAMES = ["Ärzte Blatt", "afp", "Zeit", "Agence", "AFP", "éclair", "Éclair", "eclair"]
IN_CODE_POINT_ORDER = ["AFP", "Agence", "Zeit", "afp", "eclair", "Ärzte Blatt", "Éclair", "éclair"]
FOUND = datetime(2026, 1, 5, 6, tzinfo=UTC)


def _store(session: Session, source: str, text: str, **fields: object) -> Article:
    article, _ = store_article(
        session=session, article_in=ArticleCreate(source=source, text=text, **fields), settings=Settings()
    )
    return article


def _pick_up(session: Session, outlet_source: str, wire: Article, text: str) -> None:
    outlet = _store(session, outlet_source, text)
    record_pickup(session, outlet=outlet, wire=wire, comparison=compare(wire.text, text), found_at=FOUND)


class TestArticleOrders:
    def test_by_source_in_code_point_order(self, client: TestClient, session: Session) -> None:
        for number, name in enumerate(NAMES):
            _store(session, name, wire_story(number))
        articles, count = crud.list_articles(session=session, order="source", limit=100)
        assert ([article.source for article in articles], count) == (IN_CODE_POINT_ORDER, 8)
        assert crud.list_sources(session=session) == IN_CODE_POINT_ORDER

    def test_by_title_with_a_to_z_folded_then_by_code_point(
        self, client: TestClient, session: Session
    ) -> None:
        for number, title in enumerate(NAMES):
            _store(session, "Desk", wire_story(number), title=title)
        articles, _ = crud.list_articles(session=session, order="title", limit=100)
        # "afp" and "AFP" are equals, in the order stored; "É" is no "é" to either database
        assert [article.title for article in articles] == [
            "afp",
            "AFP",
            "Agence",
            "eclair",
            "Zeit",
            "Ärzte Blatt",
            "Éclair",
            "éclair",
        ]

    def test_pages_by_source_hold_every_article_once(self, client: TestClient, session: Session) -> None:
        for number, name in enumerate(NAMES):
            _store(session, name, wire_story(number))
        pages = [
            crud.list_articles(session=session, order="source", limit=3, offset=offset)[0]
            for offset in (0, 3, 6)
        ]
        assert [article.source for page in pages for article in page] == IN_CODE_POINT_ORDER


class TestOutletOrders:
    def test_outlets_in_code_point_order(self, client: TestClient, session: Session) -> None:
        text = wire_story(0)
        wire = _store(session, "Reuters", text)
        for number, name in enumerate(NAMES):
            _pick_up(session, name, wire, f"{text}\nA closing line of our own, number {number}.")
        response = client.get("/v1/outlets")
        assert response.status_code == 200
        assert [outlet["source"] for outlet in response.json()["data"]] == IN_CODE_POINT_ORDER

    def test_an_unknown_agency_comes_after_a_known_one_as_often_picked_up(
        self, client: TestClient, session: Session
    ) -> None:
        reuters = _store(session, "Reuters", wire_story(0))
        # a paper's own story, crediting no agency
        village = _store(
            session, "Village Paper", wire_story(1).replace("(Reuters) ", "").replace("told Reuters", "said")
        )
        _pick_up(session, "Copy Desk", reuters, reuters.text + "\nOur own line.")
        _pick_up(session, "Copy Desk", village, village.text + "\nOur own line.")
        response = client.get("/v1/outlets/Copy%20Desk/profile")
        assert response.status_code == 200
        assert response.json()["agencies"] == [
            {"agency": "Reuters", "pickups": 1},
            {"agency": None, "pickups": 1},
        ]

    def test_substitutions_made_as_often_in_code_point_order(
        self, client: TestClient, session: Session
    ) -> None:
        for number, word in enumerate(["zealots", "Éléments", "fighters", "Fighters"]):
            wire = _store(session, "Reuters", wire_story(number))
            _pick_up(session, "Copy Desk", wire, wire.text.replace("rebels", word))
        response = client.get("/v1/outlets/Copy%20Desk/profile")
        assert response.status_code == 200
        assert [(row["other"], row["count"]) for row in response.json()["substitutions"]] == [
            ("Fighters", 2),
            ("fighters", 2),
            ("zealots", 2),
            ("Éléments", 2),
        ]
