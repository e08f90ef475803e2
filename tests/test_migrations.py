"""Alembic migrations build exactly the schema the models describe, on a real database: a SQLite
file, or with TEST_DATABASE_URL set (.ci/run) a fresh database on that PostgreSQL server."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import ClassVar

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, inspect, make_url, text
from sqlmodel import SQLModel

import app.models  # the tables, on SQLModel.metadata
from app.db import (
    SEARCH_INDEX,
    SEARCH_INDEX_BEFORE,
    described_by_models,
    make_engine,
    migrate,
    migrations_dir,
)

#: Every table the models describe, and Alembic's own.
TABLES = {"alembic_version", *SQLModel.metadata.tables}


def _downgrade(database_url: str, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    config.attributes["database_url"] = database_url
    command.downgrade(config, revision)


def _head() -> str:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    head = ScriptDirectory.from_config(config).get_current_head()
    assert head is not None
    return head


@pytest.fixture
def fresh_url(tmp_path: Path) -> Iterator[str]:
    server = os.environ.get("TEST_DATABASE_URL")
    if not server:
        yield f"sqlite:///{tmp_path / 'migrations.db'}"
        return
    name = "wirediff_migrations_test"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {name}"))
        connection.execute(text(f"CREATE DATABASE {name}"))
    yield make_url(server).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    admin.dispose()


class TestMigrations:
    def test_the_migrated_schema_matches_the_models(self, fresh_url: str) -> None:
        migrate(fresh_url)
        engine = make_engine(fresh_url)
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "include_name": described_by_models}
            )
            assert compare_metadata(context, SQLModel.metadata) == []
        engine.dispose()

    def test_downgrade_to_base_and_back_up(self, fresh_url: str) -> None:
        migrate(fresh_url)
        _downgrade(fresh_url, "base")
        engine = make_engine(fresh_url)
        assert set(inspect(engine).get_table_names()) == {"alembic_version"}
        migrate(fresh_url)
        tables = {
            name for name in inspect(engine).get_table_names() if described_by_models(name, "table", {})
        }
        assert tables == TABLES
        engine.dispose()

    def test_migrating_twice_changes_nothing(self, fresh_url: str) -> None:
        migrate(fresh_url)
        migrate(fresh_url)
        engine = make_engine(fresh_url)
        with engine.connect() as connection:
            assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == _head()
        engine.dispose()


class TestRelatedVersionsMigration:
    """0002 indexes the articles stored before it and numbers their URLs' versions."""

    ROWS = (  # (url, text) of articles stored under 0001
        ("https://example.com/rain", "Rain\n\nHeavy rain flooded the streets of central Moscow on Friday."),
        ("https://example.com/snow", "Snow\n\nHeavy snow closed the airports of northern Finland on Monday."),
        ("https://example.com/rain", "Rain\n\nHeavy rain flooded the streets of central Moscow on Saturday."),
        (None, "Wind\n\nStrong winds toppled old trees along the Danube embankment."),
    )

    def _store_under_0001(self, url: str) -> None:
        migrate(url, "0001")
        engine = make_engine(url)
        with engine.begin() as connection:
            for number, (address, body) in enumerate(self.ROWS):
                connection.execute(
                    text(
                        "INSERT INTO article (source, url, text, content_hash, created_at)"
                        " VALUES ('Wire', :url, :text, :hash, '2019-05-31 00:00:00')"
                    ),
                    {"url": address, "text": body, "hash": f"{number:064d}"},
                )
        engine.dispose()

    def test_articles_already_stored_get_their_index_entries(self, fresh_url: str) -> None:
        from app.engine.compare import prepare
        from app.engine.index import band_keys

        self._store_under_0001(fresh_url)
        migrate(fresh_url)
        engine = make_engine(fresh_url)
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT article_id, band_key FROM article_band")).all()
        engine.dispose()
        assert sorted(rows) == sorted(
            (number, key) for number, (_, body) in enumerate(self.ROWS, 1) for key in band_keys(prepare(body))
        )

    def test_urls_stored_twice_get_versions_in_id_order(self, fresh_url: str) -> None:
        self._store_under_0001(fresh_url)
        migrate(fresh_url)
        engine = make_engine(fresh_url)
        with engine.connect() as connection:
            rows = connection.execute(
                text("SELECT article_id, version FROM article_revision ORDER BY article_id")
            ).all()
        engine.dispose()
        assert [tuple(row) for row in rows] == [(1, 1), (2, 1), (3, 2)]


class TestDottedCapitalISearchMigration:
    """0008 indexes again the articles stored before it: their words with a dotted capital I are
    found, and deleting one still takes it out of the index."""

    def test_articles_already_stored_are_found_and_deleted_from_the_index(self, fresh_url: str) -> None:
        from sqlmodel import Session

        from app import crud
        from app.schemas import search_terms

        migrate(fresh_url, "0007")
        engine = make_engine(fresh_url)
        with engine.begin() as connection:
            for number, body in enumerate(["İstanbul'da seçim yapıldı.", "Ankara'da yağmur yağdı."]):
                connection.execute(
                    text(
                        "INSERT INTO article (source, text, content_hash, created_at)"
                        " VALUES ('Wire', :text, :hash, '2019-05-31 00:00:00')"
                    ),
                    {"text": body, "hash": f"{number:064d}"},
                )
        migrate(fresh_url)
        with Session(engine) as session:
            found = {
                q: [a.id for a in crud.list_articles(session=session, words=search_terms(q))[0]]
                for q in ("İstanbul", "istanbul", "ISTANBUL", "ankara")
            }
            assert found == {"İstanbul": [1], "istanbul": [1], "ISTANBUL": [1], "ankara": [2]}
            session.execute(text("DELETE FROM article WHERE id = 1"))
            session.commit()
            if engine.dialect.name == "sqlite":  # the index itself, not only the articles it leads to
                match = "SELECT rowid FROM article_search WHERE article_search MATCH 'istanbul'"
                assert session.execute(text(match)).all() == []
        engine.dispose()

    ROWS = ("İstanbul'da seçim yapıldı.", "İZMİR'de yağmur yağdı.", "Ankara'da yağmur yağdı.")

    def _store_under_0007(self, url: str) -> None:
        migrate(url, "0007")
        engine = make_engine(url)
        with engine.begin() as connection:
            for number, body in enumerate(self.ROWS):
                connection.execute(
                    text(
                        "INSERT INTO article (source, text, content_hash, created_at)"
                        " VALUES ('Wire', :text, :hash, '2019-05-31 00:00:00')"
                    ),
                    {"text": body, "hash": f"{number:064d}"},
                )
        engine.dispose()

    def test_the_sqlite_index_agrees_with_its_content_and_a_rebuild_keeps_the_fold(
        self, fresh_url: str
    ) -> None:
        if not fresh_url.startswith("sqlite"):
            pytest.skip("an FTS5 index is SQLite's")
        self._store_under_0007(fresh_url)
        migrate(fresh_url)
        engine = make_engine(fresh_url)
        with engine.begin() as connection:
            connection.execute(text("UPDATE article SET text = 'İzmit''te deprem oldu.' WHERE id = 2"))
            connection.execute(text("DELETE FROM article WHERE id = 3"))
        with engine.begin() as connection:
            # raises "database disk image is malformed" when the index differs from its content
            connection.execute(
                text("INSERT INTO article_search(article_search, rank) VALUES ('integrity-check', 1)")
            )
            connection.execute(text("INSERT INTO article_search(article_search) VALUES ('rebuild')"))
            connection.execute(
                text("INSERT INTO article_search(article_search, rank) VALUES ('integrity-check', 1)")
            )
            found = {
                word: connection.execute(
                    text("SELECT rowid FROM article_search WHERE article_search MATCH :word ORDER BY rowid"),
                    {"word": word},
                )
                .scalars()
                .all()
                for word in ("istanbul", "izmit", "izmir", "ankara")
            }
        engine.dispose()
        assert found == {"istanbul": [1], "izmit": [2], "izmir": [], "ankara": []}

    def test_the_sqlite_index_agrees_with_its_content_down_and_up_again(self, fresh_url: str) -> None:
        if not fresh_url.startswith("sqlite"):
            pytest.skip("an FTS5 index is SQLite's")
        self._store_under_0007(fresh_url)
        migrate(fresh_url)
        _downgrade(fresh_url, "0007")
        engine = make_engine(fresh_url)
        match = text("SELECT rowid FROM article_search WHERE article_search MATCH :word ORDER BY rowid")
        check = text("INSERT INTO article_search(article_search, rank) VALUES ('integrity-check', 1)")
        with engine.begin() as connection:
            connection.execute(check)
            down = connection.execute(match, {"word": "istanbul"}).scalars().all()
        migrate(fresh_url)
        with engine.begin() as connection:
            connection.execute(check)
            up = connection.execute(match, {"word": "istanbul"}).scalars().all()
        engine.dispose()
        assert (down, up) == ([], [1])

    def test_the_postgresql_index_is_built_beside_the_old_one_then_replaces_it(self, fresh_url: str) -> None:
        if fresh_url.startswith("sqlite"):
            pytest.skip("a GIN index is PostgreSQL's")
        self._store_under_0007(fresh_url)
        engine = make_engine(fresh_url)
        with engine.begin() as connection:  # as a run interrupted once the new index was built
            connection.execute(
                text(f"CREATE INDEX {SEARCH_INDEX} ON article USING gin ((to_tsvector('simple', text)))")
            )
        migrate(fresh_url)
        up = _search_indexes(engine)
        _downgrade(fresh_url, "0007")
        down = _search_indexes(engine)
        migrate(fresh_url)
        again = _search_indexes(engine)
        engine.dispose()
        assert (up, down, again) == ([SEARCH_INDEX], [SEARCH_INDEX_BEFORE], [SEARCH_INDEX])


class TestVersionKeysMigration:
    """0009 keys the versions already stored by their page: chains of one page's links become one,
    numbered in id order; a chain that stays whole keeps its numbers; downgrading splits them."""

    ROWS = (  # (url, version under 0008's keys: a chain per URL as written)
        ("https://example.com/rain", 1),
        ("https://EXAMPLE.com/rain#comments", 1),
        ("https://example.com/snow", 1),
        ("https://example.com/rain", 2),
        ("https://example.com/snow", 3),  # its version 2 was deleted: the gap stays
    )

    def _store_under_0008(self, url: str) -> None:
        import hashlib

        migrate(url, "0008")
        engine = make_engine(url)
        with engine.begin() as connection:
            for number, (address, version) in enumerate(self.ROWS, 1):
                connection.execute(
                    text(
                        "INSERT INTO article (source, url, text, content_hash, created_at)"
                        " VALUES ('Wire', :url, :text, :hash, '2019-05-31 00:00:00')"
                    ),
                    {"url": address, "text": f"Story {number}.", "hash": f"{number:064d}"},
                )
                connection.execute(
                    text(
                        "INSERT INTO article_revision (article_id, url_hash, version) VALUES (:id, :key, :v)"
                    ),
                    {"id": number, "key": hashlib.sha256(address.encode()).hexdigest(), "v": version},
                )
        engine.dispose()

    @staticmethod
    def _chains(url: str) -> list[tuple[int, int, int]]:
        """(article id, its chain: the first article of it, version)."""
        engine = make_engine(url)
        with engine.connect() as connection:
            rows = connection.execute(
                text("SELECT article_id, url_hash, version FROM article_revision ORDER BY article_id")
            ).all()
        engine.dispose()
        first: dict[str, int] = {}
        return [(article_id, first.setdefault(key, article_id), version) for article_id, key, version in rows]

    def test_one_pages_links_become_one_chain_and_the_others_keep_their_numbers(self, fresh_url: str) -> None:
        self._store_under_0008(fresh_url)
        migrate(fresh_url)
        assert self._chains(fresh_url) == [(1, 1, 1), (2, 1, 2), (3, 3, 1), (4, 1, 3), (5, 3, 3)]

    def test_downgrading_splits_them_again(self, fresh_url: str) -> None:
        self._store_under_0008(fresh_url)
        migrate(fresh_url)
        _downgrade(fresh_url, "0008")
        assert self._chains(fresh_url) == [(1, 1, 1), (2, 2, 1), (3, 3, 1), (4, 1, 2), (5, 3, 3)]


class TestPagesOfSeveralWatchesMigration:
    def test_each_page_stored_is_linked_to_the_watch_that_found_it(self, fresh_url: str) -> None:
        migrate(fresh_url, "0009")
        engine = make_engine(fresh_url)
        with engine.begin() as connection:
            for number in (1, 2):
                connection.execute(
                    text(
                        "INSERT INTO watch (kind, url, url_hash, source, active, created_at,"
                        " error_count, items)"
                        " VALUES ('feed', :url, :hash, 'Outlet', true, '2026-12-01 00:00:00', 0, 0)"
                    ),
                    {"url": f"https://outlet{number}.example/feed", "hash": f"{number:064d}"},
                )
            for page, watch in ((1, 1), (2, 2), (3, 1)):
                connection.execute(
                    text(
                        "INSERT INTO watched_page (watch_id, url, url_hash, source, first_seen_at, polls,"
                        " versions, error_count) VALUES (:watch, :url, :hash, 'Outlet',"
                        " '2026-12-01 00:00:00', 0, 0, 0)"
                    ),
                    {"watch": watch, "url": f"https://outlet.example/{page}", "hash": f"{page:064d}"},
                )
        migrate(fresh_url)
        with engine.connect() as connection:
            links = connection.execute(
                text("SELECT page_id, watch_id FROM watched_page_watch ORDER BY page_id")
            ).all()
        engine.dispose()
        assert [tuple(link) for link in links] == [(1, 1), (2, 2), (3, 1)]


NFD = "Dia\u0301rio do Sul"  # "Diário do Sul" typed on macOS: a, then a combining acute accent
NFC = "Di\u00e1rio do Sul"
WHEN = datetime(2026, 12, 1)
#: a pickup row's figures (every column without a default), as 0004 made them
FIGURES = {
    "verdict": "copy",
    "found_at": WHEN,
    "found_week": date(2026, 11, 30),
    "wire_sentences": 3,
    "kept": 3,
    "reworded": 0,
    "dropped": 0,
    "other_sentences": 3,
    "added": 0,
    "base_retained": 1.0,
    "own_share": 0.0,
    "credit_dropped": False,
    "quotes_intact": 0,
    "quotes_altered": 0,
    "quotes_missing": 0,
    "figures_changed": 0,
    "findings": "[]",
}


def _insert(connection: Connection, table: str, **values: object) -> None:
    names = ", ".join(values)
    connection.execute(
        text(f"INSERT INTO {table} ({names}) VALUES ({', '.join(':' + name for name in values)})"), values
    )


def _rows(url: str, query: str) -> list[tuple[object, ...]]:
    engine = make_engine(url)
    with engine.connect() as connection:
        rows = [tuple(row) for row in connection.execute(text(query)).all()]
    engine.dispose()
    return rows


class TestComposedSourceNamesMigration:
    """0011 composes (NFC) and trims the outlet names stored before; an article stored twice under
    two forms of its name becomes the older one; pickups get wire_credited, true until recorded
    again."""

    def _store_under_0010(self, url: str) -> None:
        migrate(url, "0010")
        engine = make_engine(url)
        with engine.begin() as connection:
            article = {"created_at": WHEN}
            _insert(connection, "article", source="Reuters", text="Wire.", content_hash="1" * 64, **article)
            _insert(connection, "article", source=f" {NFD} ", text="Copy.", content_hash="2" * 64, **article)
            _insert(connection, "article", source=NFC, text="Own.", content_hash="3" * 64, **article)
            _insert(
                connection,
                "pickup",
                outlet_article_id=2,
                wire_article_id=1,
                outlet_source=NFD,
                wire_source="Reuters",
                wire_agency="Reuters",
                **FIGURES,
            )
            _insert(
                connection,
                "pickup_term",
                pickup_id=1,
                outlet_source=NFD,
                found_at=WHEN,
                kind="substitution",
                base="rebels",
                other="militants",
                count=1,
            )
            _insert(
                connection,
                "watch",
                kind="feed",
                url="https://sul.example/feed",
                url_hash="4" * 64,
                source=NFD,
                active=True,
                created_at=WHEN,
                error_count=0,
                items=0,
            )
            _insert(
                connection,
                "watched_page",
                watch_id=1,
                url="https://sul.example/copy",
                url_hash="5" * 64,
                source=NFD,
                first_seen_at=WHEN,
                polls=0,
                versions=1,
                error_count=0,
                article_id=2,
            )
            _insert(
                connection,
                "alert_rule",
                name="Sul",
                events='["pickup"]',
                sources=f'["{NFD}", "{NFC}", "Reuters"]',
                min_change_share=0.0,
                terms="[]",
                apprise_urls="[]",
                active=True,
                created_at=WHEN,
            )
            _insert(
                connection,
                "alert",
                rule_id=1,
                key="pickup:1:2",
                event="pickup",
                article_id=2,
                base_article_id=1,
                source=NFD,
                findings="[]",
                created_at=WHEN,
            )
        engine.dispose()

    QUERIES: ClassVar[dict[str, str]] = {
        "article": "SELECT id, source FROM article ORDER BY id",
        "pickup": "SELECT outlet_article_id, outlet_source, wire_source, wire_agency, wire_credited"
        " FROM pickup",
        "pickup_term": "SELECT pickup_id, outlet_source FROM pickup_term",
        "watch": "SELECT id, source FROM watch",
        "watched_page": "SELECT article_id, source FROM watched_page",
        "alert": "SELECT article_id, source FROM alert",
        "alert_rule": "SELECT sources FROM alert_rule",
    }

    def _stored(self, url: str) -> dict[str, list[tuple[object, ...]]]:
        found = {table: _rows(url, query) for table, query in self.QUERIES.items()}
        # JSON as each database gives it back (a string on SQLite, a list on PostgreSQL)
        found["alert_rule"] = [
            (json.loads(sources) if isinstance(sources, str) else sources,)
            for (sources,) in found["alert_rule"]
        ]
        found["pickup"] = [(*row[:4], bool(row[4])) for row in found["pickup"]]
        return found

    EXPECTED: ClassVar[dict[str, list[tuple[object, ...]]]] = {
        "article": [(1, "Reuters"), (2, NFC), (3, NFC)],
        "pickup": [(2, NFC, "Reuters", "Reuters", True)],
        "pickup_term": [(1, NFC)],
        "watch": [(1, NFC)],
        "watched_page": [(2, NFC)],
        "alert": [(2, NFC)],
        "alert_rule": [([NFC, "Reuters"],)],
    }

    def test_every_outlet_name_is_composed_and_trimmed(self, fresh_url: str) -> None:
        self._store_under_0010(fresh_url)
        migrate(fresh_url)
        assert self._stored(fresh_url) == self.EXPECTED

    def test_upgrading_again_changes_nothing(self, fresh_url: str) -> None:
        self._store_under_0010(fresh_url)
        migrate(fresh_url)
        _downgrade(fresh_url, "0010")  # the names stay composed; the upgrade runs again over them
        assert _rows(fresh_url, "SELECT id, source FROM article ORDER BY id") == self.EXPECTED["article"]
        migrate(fresh_url)
        assert self._stored(fresh_url) == self.EXPECTED

    def test_the_outlets_are_one_and_found_by_their_composed_name(self, fresh_url: str) -> None:
        from sqlmodel import Session

        from app import crud

        self._store_under_0010(fresh_url)
        migrate(fresh_url)
        engine = make_engine(fresh_url)
        with Session(engine) as session:
            outlets = [source for source, *_ in crud.list_outlets(session=session)]
            articles = crud.list_articles(session=session, source=NFC)[0]
            assert (outlets, [article.id for article in articles]) == ([NFC], [2, 3])
        engine.dispose()

    def _store_twice_under_0010(self, url: str) -> None:
        """Article 2 is "Diário do Sul"'s article 3 stored again from a Mac, before names were
        composed; 4 has the same content hash as 3 (the hash reads past quotation marks) but
        another text; 5 is the Reuters story they copy."""
        migrate(url, "0010")
        engine = make_engine(url)
        with engine.begin() as connection:
            # article 1, deleted below: the ids of a store that has deleted some
            _insert(
                connection, "article", source="Gone", text="Gone.", content_hash="0" * 64, created_at=WHEN
            )
            _insert(
                connection,
                "article",
                source=NFD,
                text="Dia\u0301rio: rain.",
                url="https://sul.example/rain",
                published_at=WHEN,
                content_hash="1" * 64,
                created_at=WHEN,
            )
            _insert(
                connection,
                "article",
                source=NFC,
                text="Di\u00e1rio: rain.",
                content_hash="1" * 64,
                created_at=WHEN,
            )
            _insert(
                connection,
                "article",
                source=f"{NFD} ",
                text="Di\u00e1rio:  rain.",
                content_hash="1" * 64,
                created_at=WHEN,
            )
            _insert(
                connection, "article", source="Reuters", text="Rain.", content_hash="5" * 64, created_at=WHEN
            )
            connection.execute(text("DELETE FROM article WHERE id = 1"))
            _insert(connection, "article_revision", article_id=2, url_hash="6" * 64, version=1)
            _insert(connection, "article_html", article_id=2, html="<p>rain</p>")
            for base, other in ((5, 2), (5, 3)):
                _insert(
                    connection,
                    "comparison",
                    base_id=base,
                    other_id=other,
                    engine_version="1",
                    body=b"{}",
                    etag="e",
                    created_at=WHEN,
                )
            # 2 and 3 both a pickup of 5; 3 also "a pickup" of 2, another outlet before
            for outlet, wire, wire_source in ((2, 5, "Reuters"), (3, 5, "Reuters"), (4, 2, NFD)):
                _insert(
                    connection,
                    "pickup",
                    outlet_article_id=outlet,
                    wire_article_id=wire,
                    outlet_source=NFC,
                    wire_source=wire_source,
                    **FIGURES,
                )
            _insert(
                connection,
                "alert_rule",
                name="All",
                events='["pickup"]',
                min_change_share=0.0,
                terms="[]",
                apprise_urls="[]",
                active=True,
                created_at=WHEN,
            )
            _insert(
                connection,
                "alert",
                rule_id=1,
                key="pickup:5:2",
                event="pickup",
                article_id=2,
                base_article_id=5,
                source=NFD,
                findings="[]",
                created_at=WHEN,
            )
        engine.dispose()

    def test_an_article_stored_twice_is_the_older_with_what_pointed_to_the_younger(
        self, fresh_url: str
    ) -> None:
        self._store_twice_under_0010(fresh_url)
        migrate(fresh_url)
        assert _rows(fresh_url, "SELECT id, source, url FROM article ORDER BY id") == [
            (2, NFC, "https://sul.example/rain"),
            (4, f"{NFD} ", None),  # another text: kept as it was, under the name it was stored with
            (5, "Reuters", None),
        ]
        assert _rows(fresh_url, "SELECT article_id, version FROM article_revision") == [(2, 1)]
        assert _rows(fresh_url, "SELECT article_id FROM article_html") == [(2,)]
        assert _rows(fresh_url, "SELECT base_id, other_id FROM comparison") == [(5, 2)]
        assert _rows(
            fresh_url,
            "SELECT outlet_article_id, wire_article_id, outlet_source, wire_source FROM pickup ORDER BY id",
        ) == [(2, 5, NFC, "Reuters"), (4, 2, NFC, NFC)]
        assert _rows(fresh_url, "SELECT article_id, base_article_id, source FROM alert") == [(2, 5, NFC)]

    def test_the_younger_copys_alerts_name_the_older_as_the_alert_pass_would(self, fresh_url: str) -> None:
        self._store_twice_under_0010(fresh_url)
        engine = make_engine(fresh_url)
        with engine.begin() as connection:
            for key, event, article, base in (
                ("pickup:5:3", "pickup", 3, 5),  # the older's own alert holds its key: goes
                ("changed:2:3", "changed", 3, 2),  # would compare the article with itself: goes
                ("changed:3:5", "changed", 5, 3),  # names the older now
            ):
                _insert(
                    connection,
                    "alert",
                    rule_id=1,
                    key=key,
                    event=event,
                    article_id=article,
                    base_article_id=base,
                    source=NFC,
                    comparison_url=f"/v1/articles/{base}/compare/{article}",
                    findings="[]",
                    created_at=WHEN,
                )
            _insert(
                connection,
                "delivery",
                alert_id=2,
                channel="webhook",
                target="https://h.example/x",
                status="pending",
                attempts=0,
                created_at=WHEN,
            )
        engine.dispose()

        migrate(fresh_url)

        assert _rows(
            fresh_url, "SELECT key, article_id, base_article_id, comparison_url FROM alert ORDER BY id"
        ) == [("pickup:5:2", 2, 5, None), ("changed:2:5", 5, 2, "/v1/articles/2/compare/5")]
        assert _rows(fresh_url, "SELECT alert_id FROM delivery") == []

    def test_an_article_it_cannot_merge_is_said_on_standard_error(
        self, fresh_url: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        self._store_twice_under_0010(fresh_url)
        migrate(fresh_url)
        assert "warning: article 4 keeps its source" in capsys.readouterr().err

    def test_the_older_copy_takes_the_url_its_version_and_page_of_the_younger(self, fresh_url: str) -> None:
        migrate(fresh_url, "0010")
        engine = make_engine(fresh_url)
        with engine.begin() as connection:
            _insert(connection, "article", source=NFC, text="Rain.", content_hash="1" * 64, created_at=WHEN)
            _insert(
                connection,
                "article",
                source=NFD,
                text="Rain.",
                url="https://sul.example/rain",
                published_at=WHEN,
                content_hash="1" * 64,
                created_at=WHEN,
            )
            _insert(connection, "article_revision", article_id=2, url_hash="6" * 64, version=1)
            _insert(connection, "article_html", article_id=2, html="<p>rain</p>")
        engine.dispose()
        migrate(fresh_url)
        assert _rows(fresh_url, "SELECT id, source, url FROM article") == [
            (1, NFC, "https://sul.example/rain")
        ]
        assert _rows(fresh_url, "SELECT article_id, url_hash, version FROM article_revision") == [
            (1, "6" * 64, 1)
        ]
        assert _rows(fresh_url, "SELECT article_id FROM article_html") == [(1,)]
        engine = make_engine(fresh_url)
        with engine.connect() as connection:
            published = connection.execute(text("SELECT published_at FROM article")).scalar_one()
        engine.dispose()
        assert str(published)[:19] == "2026-12-01 00:00:00"

    def test_three_copies_under_three_forms_of_the_name_are_one(self, fresh_url: str) -> None:
        migrate(fresh_url, "0010")
        engine = make_engine(fresh_url)
        with engine.begin() as connection:
            for source in (f"{NFD} ", NFD, NFC):
                _insert(
                    connection, "article", source=source, text="Rain.", content_hash="1" * 64, created_at=WHEN
                )
        engine.dispose()
        migrate(fresh_url)
        assert _rows(fresh_url, "SELECT id, source FROM article") == [(1, NFC)]

    def test_pickups_recorded_before_count_as_credited_and_down_again_drops_the_column(
        self, fresh_url: str
    ) -> None:
        self._store_under_0010(fresh_url)
        migrate(fresh_url)
        engine = make_engine(fresh_url)
        with engine.connect() as connection:
            credited = connection.execute(text("SELECT wire_credited FROM pickup")).scalars().all()
        index = {index["name"]: index["column_names"] for index in inspect(engine).get_indexes("pickup")}
        engine.dispose()
        assert ([bool(value) for value in credited], index["ix_pickup_outlet_source_found_week"][-1]) == (
            [True],
            "wire_credited",
        )
        _downgrade(fresh_url, "0010")
        engine = make_engine(fresh_url)
        columns = [column["name"] for column in inspect(engine).get_columns("pickup")]
        index = {index["name"]: index["column_names"] for index in inspect(engine).get_indexes("pickup")}
        engine.dispose()
        assert "wire_credited" not in columns
        assert index["ix_pickup_outlet_source_found_week"][-1] == "figures_changed"


def _search_indexes(engine: Engine) -> list[str]:
    """The valid full-text indexes on article (PostgreSQL)."""
    with engine.connect() as connection:
        return list(
            connection.execute(
                text(
                    "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                    "WHERE i.indrelid = 'article'::regclass AND i.indisvalid "
                    "AND c.relname LIKE 'ix_article_search%' ORDER BY c.relname"
                )
            ).scalars()
        )


class TestSqliteFiles:
    def test_run_in_wal_mode_with_foreign_keys_and_a_busy_timeout(self, tmp_path: Path) -> None:
        engine = make_engine(f"sqlite:///{tmp_path / 'w.db'}")
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10_000
        engine.dispose()

    def test_their_folder_is_created_when_missing(self, tmp_path: Path) -> None:
        migrate(f"sqlite:///{tmp_path / 'new' / 'folder' / 'w.db'}")
        assert (tmp_path / "new" / "folder" / "w.db").is_file()


class TestScripts:
    def test_are_found_in_a_checkout(self) -> None:
        assert migrations_dir() == Path(app.models.__file__).resolve().parents[1] / "migrations"
