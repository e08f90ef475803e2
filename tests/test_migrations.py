"""Alembic migrations build exactly the schema the models describe, on a real database: a SQLite
file, or with TEST_DATABASE_URL set (.ci/run) a fresh database on that PostgreSQL server."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, inspect, make_url, text
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
