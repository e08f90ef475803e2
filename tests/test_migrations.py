"""Alembic migrations build exactly the schema the models describe, on a real database."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlmodel import SQLModel

import app.models  # the tables, on SQLModel.metadata
from app.db import make_engine, migrate, migrations_dir


def _url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'migrations.db'}"


class TestMigrations:
    def test_the_migrated_schema_matches_the_models(self, tmp_path: Path) -> None:
        url = _url(tmp_path)
        migrate(url)
        engine = make_engine(url)
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, SQLModel.metadata) == []
        engine.dispose()

    def test_downgrade_to_base_and_back_up(self, tmp_path: Path) -> None:
        url = _url(tmp_path)
        migrate(url)
        config = Config()
        config.set_main_option("script_location", str(migrations_dir()))
        config.attributes["database_url"] = url
        command.downgrade(config, "base")
        engine = make_engine(url)
        assert set(inspect(engine).get_table_names()) == {"alembic_version"}
        migrate(url)
        assert set(inspect(engine).get_table_names()) == {"alembic_version", "article", "comparison"}
        engine.dispose()

    def test_sqlite_files_run_in_wal_mode_with_foreign_keys(self, tmp_path: Path) -> None:
        engine = make_engine(_url(tmp_path))
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10_000
        engine.dispose()

    def test_the_sqlite_folder_is_created_when_missing(self, tmp_path: Path) -> None:
        url = f"sqlite:///{tmp_path / 'new' / 'folder' / 'w.db'}"
        migrate(url)
        assert (tmp_path / "new" / "folder" / "w.db").is_file()

    def test_scripts_are_found_from_a_checkout(self) -> None:
        assert migrations_dir() == Path(app.models.__file__).resolve().parents[1] / "migrations"
