"""wirediff outlets (list, profile, story) and wirediff pickups backfill, on a SQLite file filled
by the generator of benchmarks.profiles: the same figures as the API's."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime

import pytest
from sqlmodel import Session, delete
from typer.testing import CliRunner

from app.cli import cli
from app.config import Settings, get_settings
from app.db import make_engine, migrate
from app.models import CachedComparison
from app.schemas import ArticleCreate
from app.services.articles import store_article
from benchmarks.profiles import fill, wire_story


@pytest.fixture
def planted(database_url: str) -> str:
    migrate(database_url)
    engine = make_engine(database_url)
    with Session(engine) as session:
        fill(session, stories=8)
    engine.dispose()
    return database_url


class TestOutletsList:
    def test_as_csv(self, runner: CliRunner, planted: str) -> None:
        result = runner.invoke(cli, ["outlets", "list", "--format", "csv"])
        assert result.exit_code == 0, result.output
        rows = list(csv.reader(io.StringIO(result.stdout)))
        assert [row[:2] for row in rows] == [
            ["source", "pickups"],
            ["Credit Dropper", "8"],
            ["Credit Keeper", "8"],
            ["Militant Times", "8"],
            ["Next Day Herald", "8"],
        ]

    def test_as_a_table(self, runner: CliRunner, planted: str) -> None:
        result = runner.invoke(cli, ["outlets", "list"])
        assert result.exit_code == 0
        assert "Next Day Herald" in result.stdout and "2026-01-13T06:00:00+00:00" in result.stdout


class TestOutletsProfile:
    def test_json_is_the_apis_profile(self, runner: CliRunner, planted: str) -> None:
        result = runner.invoke(cli, ["outlets", "profile", "Next Day Herald", "--format", "json"])
        assert result.exit_code == 0, result.output
        body = json.loads(result.stdout)
        assert (body["figures"]["pickups"], body["figures"]["median_delay_seconds"]) == (8, 86400.0)
        assert [week["week"] for week in body["weeks"]] == ["2026-01-05", "2026-01-12"]

    @pytest.mark.parametrize("name", ["Militant Times ", " Militant Times"])
    def test_an_outlet_is_named_as_a_stored_source_is_trimmed(
        self, runner: CliRunner, planted: str, name: str
    ) -> None:
        result = runner.invoke(cli, ["outlets", "profile", name, "--format", "json"])
        assert result.exit_code == 0, result.output
        body = json.loads(result.stdout)
        assert (body["source"], body["figures"]["pickups"]) == ("Militant Times", 8)

    def test_one_table_as_csv_over_a_date_range(self, runner: CliRunner, planted: str) -> None:
        args = ["outlets", "profile", "Militant Times", "--since", "2026-01-08", "--table", "substitutions"]
        result = runner.invoke(cli, [*args, "--format", "csv"])
        assert result.exit_code == 0, result.output
        assert result.stdout.splitlines() == [
            "base,other,count,pickups,example",
            "rebels,militants,10,5,/v1/articles/16/compare/19",
        ]

    @pytest.mark.parametrize("columns", ["80", "200"])
    def test_a_table_never_cuts_a_week(
        self, runner: CliRunner, planted: str, monkeypatch: pytest.MonkeyPatch, columns: str
    ) -> None:
        monkeypatch.setenv("COLUMNS", columns)
        result = runner.invoke(cli, ["outlets", "profile", "Next Day Herald"])
        assert result.exit_code == 0, result.output
        lines = result.stdout.splitlines()
        assert [line.split()[1] for line in lines if line.startswith("│ ") and line.split()[1] != "│"] == [
            "all",
            "2026-01-05",
            "2026-01-12",
        ]
        assert "…" not in result.stdout

    def test_a_bad_day_exits_2(self, runner: CliRunner, planted: str) -> None:
        result = runner.invoke(cli, ["outlets", "profile", "X", "--since", "monday"])
        assert result.exit_code == 2
        assert "--since must be a date (YYYY-MM-DD)." in result.stderr

    @pytest.mark.parametrize("until", ["2026-01-05", "2026-01-08"])
    def test_a_range_that_ends_before_it_starts_exits_2_as_the_api_refuses_it(
        self, runner: CliRunner, planted: str, until: str
    ) -> None:
        args = ["outlets", "profile", "Militant Times", "--since", "2026-01-08", "--until", until]
        result = runner.invoke(cli, args)
        assert result.exit_code == 2
        assert result.stdout == ""
        assert 'Invalid value for --until: "until" must be after "since"' in result.stderr

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (["", "--format", "json"], "Invalid value for SOURCE: Value should have at least 1 item"),
            (["  ", "--format", "json"], "Invalid value for SOURCE: Value should have at least 1 item"),
            (["X", "--q", ""], "Invalid value for --q: a search needs a word (letters or digits)"),
            (["X", "--q", "___"], "Invalid value for --q: a search needs a word (letters or digits)"),
            (["X", "--q", "a"], "Invalid value for --q: every word searched needs at least 2"),
            (["X", "--q", "one two three four five six seven eight nine"], "--q: at most 8 words"),
            # the API cannot route such a name in its path at all
            (["Daily\nPlanet"], "Invalid value for SOURCE: an outlet's name holds no NUL character"),
        ],
    )
    def test_an_empty_source_or_search_exits_2_as_the_api_refuses_it(
        self, runner: CliRunner, planted: str, args: list[str], message: str
    ) -> None:
        result = runner.invoke(cli, ["outlets", "profile", *args], terminal_width=200)
        assert result.exit_code == 2
        assert result.stdout == ""
        assert message in result.stderr


class TestOutletsStory:
    def test_every_outlet_that_ran_it(self, runner: CliRunner, planted: str) -> None:
        result = runner.invoke(cli, ["outlets", "story", "1", "--format", "csv"])
        assert result.exit_code == 0, result.output
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
        assert [(r["outlet"], r["delay_seconds"]) for r in rows] == [
            ("Militant Times", "3600.0"),
            ("Credit Keeper", "7200.0"),
            ("Credit Dropper", "10800.0"),
            ("Next Day Herald", "86400.0"),
        ]

    def test_as_a_table_every_date_and_link_whole(self, runner: CliRunner, planted: str) -> None:
        result = runner.invoke(cli, ["outlets", "story", "1"])
        assert result.exit_code == 0, result.output
        for whole in ("2026-01-05T07:00:00+00:00", "/v1/articles/1/compare/4", "/v1/articles/1/compare/5"):
            assert whole in result.stdout
        assert "…" not in result.stdout

    def test_as_csv_the_apis_columns(self, runner: CliRunner, planted: str) -> None:
        result = runner.invoke(cli, ["outlets", "story", "1", "--format", "csv"])
        assert result.exit_code == 0, result.output
        assert result.stdout_bytes.split(b"\r\n")[0].split(b",")[-2:] == [b"reporting_verbs", b"comparison"]

    def test_an_unknown_story_exits_1(self, runner: CliRunner, planted: str) -> None:
        result = runner.invoke(cli, ["outlets", "story", "999"])
        assert result.exit_code == 1
        assert "Article 999 not found" in result.stderr


class TestPickupsBackfill:
    def test_records_the_pickups_of_stored_articles(
        self, runner: CliRunner, database_url: str, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        migrate(database_url)
        engine = make_engine(database_url)
        with Session(engine) as session:
            text = wire_story(0)
            versions = [("Reuters", text, 6), ("Militant Times", text.replace("rebels", "militants"), 7)]
            for source, version, hour in versions:
                published = datetime(2026, 1, 5, hour, tzinfo=UTC)
                article = ArticleCreate(source=source, text=version, published_at=published)
                store_article(session=session, article_in=article, settings=Settings())
        engine.dispose()
        result = runner.invoke(cli, ["pickups", "backfill"])
        assert result.exit_code == 0, result.output
        assert "Looked at 2 articles, recorded 1 pickups." in result.stderr
        with Session(engine) as session:  # nothing compared yet, under a lower limit
            session.exec(delete(CachedComparison))
            session.commit()
        engine.dispose()
        monkeypatch.setenv("WIREDIFF_MAX_SENTENCES", "2")
        get_settings.cache_clear()
        lowered = runner.invoke(cli, ["pickups", "backfill"])
        assert lowered.exit_code == 0, lowered.output
        assert (
            "Looked at 2 articles, recorded 0 pickups; 2 left as they were, over the comparison limits "
            "(WIREDIFF_MAX_SENTENCES, WIREDIFF_COMPARE_TIME_BUDGET)."
        ) in " ".join(lowered.stderr.split())
        profile = runner.invoke(cli, ["outlets", "profile", "Militant Times", "--format", "json"])
        figures = json.loads(profile.stdout)["figures"]
        assert (figures["pickups"], figures["median_delay_seconds"]) == (1, 3600.0)
