"""wirediff related, coverage and reindex (index keys and stored preparations), on the seeds imported
as `make run` does (ids 1 to 5)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session, select
from typer.testing import CliRunner

from app.cli import cli
from app.config import get_settings
from app.db import make_engine
from app.engine import ENGINE_VERSION, preparation_of, prepare
from app.models import Article, ArticleBand
from app.services.related import reindex
from tests.seeds import SEEDS

SYRIANS = "Syrians uprooted by the fighting protested on Friday at the Atmeh crossing into Turkey"


@pytest.fixture
def seeded(runner: CliRunner, database_url: str) -> str:
    assert runner.invoke(cli, ["migrate"]).exit_code == 0
    assert runner.invoke(cli, ["import", str(SEEDS)]).exit_code == 0
    return database_url


def _band_keys(database_url: str) -> list[tuple[int, int]]:
    with _session(database_url) as session:
        rows = session.exec(select(ArticleBand.article_id, ArticleBand.band_key)).all()
        return sorted((article_id, key) for article_id, key in rows)


class TestRelated:
    def test_lists_the_versions_best_first(self, runner: CliRunner, seeded: str) -> None:
        result = runner.invoke(cli, ["related", "2"])
        assert result.exit_code == 0, result.output
        lines = result.stdout.splitlines()
        assert (
            lines[0] == "#2 Reuters: Russia says end to fighting in Syria’s Idlib is Turkey’s responsibility"
        )
        assert [line.split()[:2] for line in lines[1:4]] == [
            ["copy", "#1"],
            ["derived", "#3"],
            ["derived", "#5"],
        ]
        assert lines[1].endswith("(base retained 100%, other from base 100%) /v1/articles/2/compare/1")
        assert lines[4:] == ["excluded as unrelated: #4"]

    def test_json_is_the_apis_answer(self, runner: CliRunner, seeded: str) -> None:
        result = runner.invoke(cli, ["related", "2", "--format", "json", "--limit", "2"])
        assert result.exit_code == 0, result.output
        body = json.loads(result.stdout)
        assert [v["article"]["id"] for v in body["data"]] == [1, 3]

    def test_an_unknown_article_exits_1(self, runner: CliRunner, seeded: str) -> None:
        result = runner.invoke(cli, ["related", "99"])
        assert result.exit_code == 1
        assert result.stdout == ""
        assert "Article 99 not found." in result.stderr

    def test_a_missing_database_file_exits_1_and_is_not_made(
        self, runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        path = tmp_path / "nodir" / "x.db"
        monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
        get_settings.cache_clear()
        try:
            result = runner.invoke(cli, ["related", "2"])
        finally:
            get_settings.cache_clear()
        assert result.exit_code == 1
        assert result.stdout == ""
        assert result.stderr == f"There is no database at {path}: run `wirediff migrate` to make it.\n"
        assert not path.parent.exists()

    def test_an_unmigrated_database_exits_1_saying_what_to_run(
        self, runner: CliRunner, database_url: str
    ) -> None:
        Path(database_url.removeprefix("sqlite:///")).touch()  # a file, empty
        result = runner.invoke(cli, ["related", "1"])
        assert result.exit_code == 1
        assert result.stderr == "The database has no schema yet: run `wirediff migrate`.\n"

    def test_an_unreachable_database_exits_1_saying_so(
        self, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:9/nothing")
        get_settings.cache_clear()
        try:
            result = runner.invoke(cli, ["related", "1"])
        finally:
            get_settings.cache_clear()
        assert result.exit_code == 1
        assert result.stderr.startswith("Cannot reach the database (OperationalError): connection failed")
        assert "migrate" not in result.stderr


class TestCoverage:
    def test_shows_each_outlet_s_fate_of_every_base_sentence(self, runner: CliRunner, seeded: str) -> None:
        result = runner.invoke(cli, ["coverage", "2", "1", "3", "5"])
        assert result.exit_code == 0, result.output
        lines = result.stdout.splitlines()
        assert lines[0] == "wirediff coverage of #2 Reuters: 3 outlets"
        (syrians,) = [line for line in lines if SYRIANS in line]
        assert syrians.startswith(f"= - - [7] {SYRIANS}")

    def test_without_ids_takes_every_related_version(self, runner: CliRunner, seeded: str) -> None:
        result = runner.invoke(cli, ["coverage", "2", "--format", "csv"])
        assert result.exit_code == 0, result.output
        rows = result.stdout.splitlines()
        assert rows[0] == (
            "index,role,sentence,#1 unknown aggregator (Ukrainian-language site),#3 Baghdad Post,#5 PressTV"
        )
        assert [row.rsplit(",", 3)[1:] for row in rows if SYRIANS in row] == [["kept", "dropped", "dropped"]]

    @pytest.mark.parametrize(
        ("ids", "reason"),
        [
            (["2", "2"], "other_ids must not hold base_id"),
            (["2", "3", "3"], "other_ids must not repeat an id"),
        ],
    )
    def test_outlets_the_api_refuses_exit_2_with_its_reason(
        self, runner: CliRunner, seeded: str, ids: list[str], reason: str
    ) -> None:
        result = runner.invoke(cli, ["coverage", *ids])
        assert result.exit_code == 2
        assert result.stdout == ""
        assert f"Invalid value for OTHER_IDS: {reason}" in result.stderr

    def test_an_unknown_article_exits_1(self, runner: CliRunner, seeded: str) -> None:
        result = runner.invoke(cli, ["coverage", "2", "1", "77"])
        assert result.exit_code == 1
        assert result.stdout == ""
        assert "Article 77 not found." in result.stderr


class TestReindex:
    def test_rebuilds_the_same_entries(self, runner: CliRunner, seeded: str) -> None:
        before = _band_keys(seeded)
        result = runner.invoke(cli, ["reindex"])
        assert result.exit_code == 0, result.output
        assert "Indexed 5 articles." in result.stderr
        assert _band_keys(seeded) == before
        assert {article_id for article_id, _ in before} == {1, 2, 3, 4, 5}

    def test_a_store_indexed_by_an_earlier_version_is_named_by_migrate_and_fixed_by_reindex(
        self, runner: CliRunner, seeded: str
    ) -> None:
        assert "wirediff reindex" not in runner.invoke(cli, ["migrate"]).stderr
        _add_band_key(seeded, article_id=2, key=12_345)  # a key of the MinHash index (under 2**35)
        result = runner.invoke(cli, ["migrate"])
        assert result.exit_code == 0
        hint = "Stored articles have index keys of an earlier wirediff: run `wirediff reindex`"
        assert hint in result.stderr
        assert runner.invoke(cli, ["reindex"]).exit_code == 0
        assert (2, 12_345) not in _band_keys(seeded)
        assert "wirediff reindex" not in runner.invoke(cli, ["migrate"]).stderr

    def test_stores_the_preparations_missing_or_of_another_engine_version(
        self, runner: CliRunner, seeded: str
    ) -> None:
        expected = {article_id: preparation_of(prepare(text)) for article_id, text in _texts(seeded).items()}
        assert _preparations(seeded) == expected  # stored by the import
        _set_preparation(seeded, article_id=2, prepared=None)
        _set_preparation(seeded, article_id=4, prepared={**expected[4], "engine": "0.0.1"})
        assert runner.invoke(cli, ["reindex"]).exit_code == 0
        assert _preparations(seeded) == expected

    def test_preparations_of_another_engine_version_are_named_by_migrate_and_fixed_by_reindex(
        self, runner: CliRunner, seeded: str
    ) -> None:
        hint = "Stored articles were prepared by another engine version, or before preparations were kept"
        assert hint not in runner.invoke(cli, ["migrate"]).stderr
        stored = _preparations(seeded)[1]
        assert stored is not None
        _set_preparation(seeded, article_id=1, prepared={**stored, "engine": "0.0.1"})
        result = runner.invoke(cli, ["migrate"])
        assert result.exit_code == 0
        assert hint in result.stderr
        assert runner.invoke(cli, ["reindex"]).exit_code == 0
        assert hint not in runner.invoke(cli, ["migrate"]).stderr

    def test_a_reindex_left_unfinished_is_still_named_by_migrate(
        self, runner: CliRunner, seeded: str
    ) -> None:
        hint = "Stored articles were prepared by another engine version, or before preparations were kept"
        for article_id, stored in _preparations(seeded).items():
            assert stored is not None
            _set_preparation(seeded, article_id=article_id, prepared={**stored, "engine": "0.0.1"})
        with _session(seeded) as session:
            assert next(reindex(session=session, batch=2)) == 2  # stopped after one batch
        engines = {
            article_id: (stored or {}).get("engine") for article_id, stored in _preparations(seeded).items()
        }
        old, new = "0.0.1", ENGINE_VERSION
        assert engines == {1: old, 2: old, 3: old, 4: new, 5: new}  # the newest first
        assert hint in runner.invoke(cli, ["migrate"]).stderr


def _stored_articles(database_url: str) -> dict[int, Article]:
    """Every stored article by id, read in a session of its own (detached, loaded whole)."""
    with _session(database_url) as session:
        return {article.id: article for article in session.exec(select(Article)) if article.id}


def _texts(database_url: str) -> dict[int, str]:
    return {article_id: article.text for article_id, article in _stored_articles(database_url).items()}


def _preparations(database_url: str) -> dict[int, dict[str, Any] | None]:
    return {article_id: article.prepared for article_id, article in _stored_articles(database_url).items()}


def _set_preparation(database_url: str, *, article_id: int, prepared: dict[str, Any] | None) -> None:
    with _session(database_url) as session:
        article = session.get_one(Article, article_id)
        article.prepared = prepared
        session.add(article)
        session.commit()


@contextmanager
def _session(database_url: str) -> Iterator[Session]:
    engine = make_engine(database_url)
    try:
        with Session(engine) as session:
            yield session
    finally:
        engine.dispose()


def _add_band_key(database_url: str, *, article_id: int, key: int) -> None:
    with _session(database_url) as session:
        session.add(ArticleBand(band_key=key, article_id=article_id))
        session.commit()
