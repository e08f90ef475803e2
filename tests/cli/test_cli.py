"""The wirediff command line: serve, migrate, import, compare, export-openapi."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from sqlalchemy import inspect
from sqlmodel import Session, SQLModel, select
from typer.testing import CliRunner

from app.api.server import BoundedH11Protocol
from app.cli import cli, openapi_json
from app.config import get_settings
from app.db import described_by_models, make_engine
from app.engine import compare, render_html, render_markdown, render_text
from app.models import Article
from tests.seeds import SEEDS, seed_path

#: Every table the models describe, and Alembic's own.
TABLES = {"alembic_version", *SQLModel.metadata.tables}


def _articles(database_url: str) -> list[Article]:
    engine = make_engine(database_url)
    try:
        with Session(engine) as session:
            return list(session.exec(select(Article).order_by(Article.id)))  # type: ignore[arg-type]
    finally:
        engine.dispose()


class TestServe:
    """What ``wirediff serve`` hands uvicorn (its run, replaced here, would block the test; the
    real server is started in tests/e2e/test_serve.py)."""

    @pytest.fixture
    def uvicorn_run(self, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
        calls: dict[str, Any] = {}
        monkeypatch.setattr(uvicorn, "run", lambda app, **options: calls.update(app=app, **options))
        return calls

    def test_defaults(self, runner: CliRunner, database_url: str, uvicorn_run: dict[str, Any]) -> None:
        result = runner.invoke(cli, ["serve"])
        assert result.exit_code == 0, result.output
        handed = ("app", "host", "port", "workers", "timeout_keep_alive")
        assert {key: uvicorn_run[key] for key in handed} == {
            "app": "app.main:app",
            "host": "127.0.0.1",
            "port": 8000,
            "workers": 1,
            "timeout_keep_alive": 5,
        }

    def test_keep_alive_from_the_option_or_the_environment(
        self,
        runner: CliRunner,
        database_url: str,
        uvicorn_run: dict[str, Any],
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        assert runner.invoke(cli, ["serve", "--keep-alive", "75"]).exit_code == 0
        assert uvicorn_run["timeout_keep_alive"] == 75
        monkeypatch.setenv("WIREDIFF_KEEP_ALIVE", "65")
        assert runner.invoke(cli, ["serve"]).exit_code == 0
        assert uvicorn_run["timeout_keep_alive"] == 65

    def test_a_keep_alive_under_one_second_is_refused(
        self, runner: CliRunner, database_url: str, uvicorn_run: dict[str, Any]
    ) -> None:
        result = runner.invoke(cli, ["serve", "--keep-alive", "0"])
        assert result.exit_code == 2
        assert "--keep-alive" in result.output
        assert uvicorn_run == {}

    def test_hands_uvicorn_the_bounded_parser_no_forwarded_headers_and_a_shutdown_timeout(
        self, runner: CliRunner, database_url: str, uvicorn_run: dict[str, Any]
    ) -> None:
        assert runner.invoke(cli, ["serve"]).exit_code == 0
        handed = (
            "http",
            "h11_max_incomplete_event_size",
            "proxy_headers",
            "timeout_graceful_shutdown",
            "timeout_worker_healthcheck",
        )
        assert {key: uvicorn_run[key] for key in handed} == {
            "http": BoundedH11Protocol,
            "h11_max_incomplete_event_size": 32768,
            "proxy_headers": False,
            "timeout_graceful_shutdown": 8.0,
            "timeout_worker_healthcheck": 60,
        }

    def test_believes_forwarded_headers_from_the_trusted_proxies_only(
        self,
        runner: CliRunner,
        database_url: str,
        uvicorn_run: dict[str, Any],
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        monkeypatch.setenv("WIREDIFF_TRUSTED_PROXIES", "10.0.0.7, 10.0.1.0/24")
        get_settings.cache_clear()
        try:
            assert runner.invoke(cli, ["serve"]).exit_code == 0
        finally:
            get_settings.cache_clear()
        assert (uvicorn_run["proxy_headers"], uvicorn_run["forwarded_allow_ips"]) == (
            True,
            "10.0.0.7,10.0.1.0/24",
        )


class TestMigrate:
    def test_creates_the_tables(self, runner: CliRunner, database_url: str) -> None:
        result = runner.invoke(cli, ["migrate"])
        assert result.exit_code == 0, result.output
        engine = make_engine(database_url)
        tables = {
            name for name in inspect(engine).get_table_names() if described_by_models(name, "table", {})
        }
        assert tables == TABLES
        engine.dispose()

    def test_running_it_again_changes_nothing(self, runner: CliRunner, database_url: str) -> None:
        assert runner.invoke(cli, ["migrate"]).exit_code == 0
        result = runner.invoke(cli, ["migrate"])
        assert result.exit_code == 0
        assert "migrated to head" in result.stderr


class TestImport:
    @pytest.fixture(autouse=True)
    def _migrated(self, runner: CliRunner, database_url: str) -> None:
        assert runner.invoke(cli, ["migrate"]).exit_code == 0

    def test_imports_a_folder_in_file_name_order_with_the_manifest_sources(
        self, runner: CliRunner, database_url: str
    ) -> None:
        result = runner.invoke(cli, ["import", str(SEEDS)])
        assert result.exit_code == 0, result.output
        stored = [(a.id, a.source, a.published_at) for a in _articles(database_url)]
        may_31 = datetime(2019, 5, 31, tzinfo=UTC)
        assert stored == [
            (1, "unknown aggregator (Ukrainian-language site)", may_31),
            (2, "Reuters", may_31),
            (3, "Baghdad Post", may_31),
            (4, "Reuters via an unknown outlet", datetime(2020, 2, 1, tzinfo=UTC)),
            (5, "PressTV", may_31),
        ]

    def test_prints_a_summary_of_new_existing_and_rejected(
        self, runner: CliRunner, database_url: str
    ) -> None:
        result = runner.invoke(cli, ["import", str(SEEDS)])
        assert result.exit_code == 0
        assert "│   5 │        0 │        0 │" in result.stderr

    def test_running_it_again_imports_nothing_twice(self, runner: CliRunner, database_url: str) -> None:
        runner.invoke(cli, ["import", str(SEEDS)])
        result = runner.invoke(cli, ["import", str(SEEDS)])
        assert result.exit_code == 0
        assert "│   0 │        5 │        0 │" in result.stderr
        assert len(_articles(database_url)) == 5

    def test_if_empty_imports_into_an_empty_database(self, runner: CliRunner, database_url: str) -> None:
        result = runner.invoke(cli, ["import", "--if-empty", str(SEEDS)])
        assert result.exit_code == 0
        assert len(_articles(database_url)) == 5

    def test_if_empty_leaves_a_database_with_articles_alone(
        self, runner: CliRunner, database_url: str
    ) -> None:
        runner.invoke(cli, ["import", str(seed_path("001"))])
        result = runner.invoke(cli, ["import", "--if-empty", str(SEEDS)])
        assert result.exit_code == 0
        assert "already holds 1 articles: nothing imported" in result.stderr
        assert len(_articles(database_url)) == 1

    def test_a_single_file_takes_its_source_from_the_manifest_beside_it(
        self, runner: CliRunner, database_url: str
    ) -> None:
        result = runner.invoke(cli, ["import", str(seed_path("002"))])
        assert result.exit_code == 0
        assert [a.source for a in _articles(database_url)] == ["Baghdad Post"]

    def test_a_file_without_a_source_is_rejected_with_the_reason(
        self, runner: CliRunner, database_url: str, tmp_path: Path
    ) -> None:
        story = tmp_path / "story.txt"
        story.write_text("It rained in Moscow on Friday.", encoding="utf-8")
        result = runner.invoke(cli, ["import", str(story)])
        assert result.exit_code == 1
        assert "│   0 │        0 │        1 │" in result.stderr
        assert (
            f"rejected {story.resolve()}: no source: add it to manifest.json or pass --source"
            in result.stderr
        )
        assert _articles(database_url) == []

    def test_source_option_names_files_the_manifest_does_not(
        self, runner: CliRunner, database_url: str, tmp_path: Path
    ) -> None:
        (tmp_path / "a.txt").write_text("It rained in Moscow on Friday.", encoding="utf-8")
        (tmp_path / "b.txt").write_text("It snowed in Ankara on Saturday.", encoding="utf-8")
        result = runner.invoke(cli, ["import", "--source", "Local Desk", str(tmp_path)])
        assert result.exit_code == 0
        assert [(a.id, a.source) for a in _articles(database_url)] == [(1, "Local Desk"), (2, "Local Desk")]

    def test_a_file_that_is_not_utf8_is_rejected(
        self, runner: CliRunner, database_url: str, tmp_path: Path
    ) -> None:
        (tmp_path / "latin1.txt").write_bytes("Caf\xe9 au lait.".encode("latin-1"))
        result = runner.invoke(cli, ["import", "--source", "X", str(tmp_path)])
        assert result.exit_code == 1
        assert "latin1.txt: not UTF-8 text" in result.stderr

    def test_a_file_of_invisible_characters_is_rejected_as_blank(
        self, runner: CliRunner, database_url: str, tmp_path: Path
    ) -> None:
        (tmp_path / "blank.txt").write_text("\u200b\u00ad\n\ufeff", encoding="utf-8")
        result = runner.invoke(cli, ["import", "--source", "X", str(tmp_path)])
        assert result.exit_code == 1
        assert "blank.txt: text: Value error, text must not be blank" in result.stderr
        assert _articles(database_url) == []

    def test_a_file_other_writers_keep_winning_is_rejected_and_the_rest_imported(
        self, runner: CliRunner, database_url: str, tmp_path: Path
    ) -> None:
        # the database refuses this one text at every try, as a store losing every race would
        engine = make_engine(database_url)
        with engine.begin() as connection:
            connection.exec_driver_sql(
                "CREATE TRIGGER contended BEFORE INSERT ON article WHEN NEW.text LIKE '%Moscow%'"
                " BEGIN SELECT RAISE(ABORT, 'UNIQUE constraint failed: article.content_hash'); END"
            )
        engine.dispose()
        (tmp_path / "a.txt").write_text("It rained in Moscow on Friday.", encoding="utf-8")
        (tmp_path / "b.txt").write_text("It snowed in Ankara on Saturday.", encoding="utf-8")
        result = runner.invoke(cli, ["import", "--source", "Local Desk", str(tmp_path)])
        assert result.exit_code == 1
        assert "│   1 │        0 │        1 │" in result.stderr
        assert "a.txt: Other requests kept storing and deleting this article" in result.stderr
        assert [(a.id, a.source) for a in _articles(database_url)] == [(1, "Local Desk")]

    def test_a_malformed_manifest_rejects_the_files_beside_it(
        self, runner: CliRunner, database_url: str, tmp_path: Path
    ) -> None:
        (tmp_path / "a.txt").write_text("It rained in Moscow on Friday.", encoding="utf-8")
        (tmp_path / "manifest.json").write_text("[1, 2]", encoding="utf-8")
        result = runner.invoke(cli, ["import", str(tmp_path)])
        assert result.exit_code == 1
        assert 'a.txt: invalid manifest.json: expected {"documents": [...]}' in result.stderr

    def test_a_missing_path_is_a_usage_error(
        self, runner: CliRunner, database_url: str, tmp_path: Path
    ) -> None:
        result = runner.invoke(cli, ["import", str(tmp_path / "missing.txt")])
        assert result.exit_code == 2


class TestImportWithoutSchema:
    def test_says_to_migrate_first(self, runner: CliRunner, database_url: str) -> None:
        result = runner.invoke(cli, ["import", str(SEEDS)])
        assert result.exit_code == 1
        assert "run `wirediff migrate`" in result.stderr


class TestCompare:
    def _files(self) -> list[str]:
        return [str(seed_path("001")), str(seed_path("002"))]

    def test_prints_the_text_rendering_by_default(self, runner: CliRunner) -> None:
        result = runner.invoke(cli, ["compare", *self._files()])
        assert result.exit_code == 0
        expected = render_text(compare(seed_path("001").read_text(), seed_path("002").read_text()))
        assert result.stdout == expected.rstrip("\n") + "\n"

    @pytest.mark.parametrize(("output", "renderer"), [("html", render_html), ("markdown", render_markdown)])
    def test_prints_the_rendering_asked_for(self, runner: CliRunner, output: str, renderer: object) -> None:
        result = runner.invoke(cli, ["compare", *self._files(), "--format", output])
        assert result.exit_code == 0
        expected = renderer(compare(seed_path("001").read_text(), seed_path("002").read_text()))  # type: ignore[operator]
        assert result.stdout == expected.rstrip("\n") + "\n"

    def test_json_format_is_the_comparison_document(self, runner: CliRunner) -> None:
        result = runner.invoke(cli, ["compare", *self._files(), "--format", "json"])
        assert result.exit_code == 0
        assert (
            json.loads(result.stdout)
            == compare(seed_path("001").read_text(), seed_path("002").read_text()).to_dict()
        )

    def test_rules_that_hold_exit_0(self, runner: CliRunner) -> None:
        result = runner.invoke(
            cli, ["compare", str(seed_path("001")), str(seed_path("000")), "--fail-on", "verdict_in=copy"]
        )
        assert result.exit_code == 0
        assert "All rules passed." in result.stderr

    def test_a_failed_rule_exits_1_and_says_why_on_stderr(self, runner: CliRunner) -> None:
        result = runner.invoke(
            cli,
            ["compare", str(seed_path("001")), str(seed_path("003")), "--fail-on", "verdict_in=copy|derived"],
        )
        assert result.exit_code == 1
        assert "FAILED verdict_in: verdict unrelated, expected one of copy, derived" in result.stderr
        assert result.stdout.startswith("wirediff ")

    def test_rules_can_be_given_as_json(self, runner: CliRunner) -> None:
        result = runner.invoke(
            cli, ["compare", str(seed_path("001")), str(seed_path("003")), "--fail-on", '{"max_dropped": 0}']
        )
        assert result.exit_code == 1
        assert "FAILED max_dropped:" in result.stderr

    def test_an_unknown_rule_is_a_usage_error(self, runner: CliRunner) -> None:
        result = runner.invoke(cli, ["compare", *self._files(), "--fail-on", "max_moves=1"])
        assert result.exit_code == 2
        assert "max_moves: Extra inputs are not permitted" in result.stderr

    def test_a_missing_file_is_a_usage_error(self, runner: CliRunner, tmp_path: Path) -> None:
        result = runner.invoke(cli, ["compare", str(tmp_path / "nope.txt"), str(seed_path("001"))])
        assert result.exit_code == 2


class TestExportOpenapi:
    def test_prints_the_committed_contract(self, runner: CliRunner) -> None:
        result = runner.invoke(cli, ["export-openapi"])
        assert result.exit_code == 0
        assert result.stdout == (SEEDS.parent / "openapi" / "openapi.json").read_text(encoding="utf-8")

    def test_writes_the_document_to_a_file(self, runner: CliRunner, tmp_path: Path) -> None:
        target = tmp_path / "openapi.json"
        result = runner.invoke(cli, ["export-openapi", "--output", str(target)])
        assert result.exit_code == 0
        from app.main import create_app

        assert target.read_text(encoding="utf-8") == openapi_json(create_app().openapi())
