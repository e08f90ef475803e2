"""``wirediff watch add/list/remove`` on DATABASE_URL, as the other commands read it: a database
that does not exist or has no schema is one line and exit 1, never a traceback or a new file."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import cli
from app.config import get_settings

FEED = "https://outlet.example/rss.xml"


@pytest.fixture
def queue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """WIREDIFF_QUEUE in the test's folder, not data/queue.db of the working directory."""
    path = tmp_path / "queue.db"
    monkeypatch.setenv("WIREDIFF_QUEUE", str(path))
    get_settings.cache_clear()
    return path


@pytest.mark.parametrize(
    "arguments",
    [["watch", "list"], ["watch", "add", FEED, "--source", "Daily Planet"], ["watch", "remove", "1"]],
)
def test_a_missing_database_file_exits_1_and_is_not_made(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, queue: Path, arguments: list[str]
) -> None:
    path = tmp_path / "nodir" / "x.db"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    get_settings.cache_clear()
    try:
        result = runner.invoke(cli, arguments)
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"There is no database at {path}: run `wirediff migrate` to make it.\n"
    assert not path.parent.exists()


def test_an_unmigrated_database_exits_1_saying_what_to_run(
    runner: CliRunner, database_url: str, queue: Path
) -> None:
    Path(database_url.removeprefix("sqlite:///")).touch()  # a file, empty
    result = runner.invoke(cli, ["watch", "list"])
    assert result.exit_code == 1
    assert result.stderr == "The database has no schema yet: run `wirediff migrate`.\n"


def test_add_list_remove(runner: CliRunner, database_url: str, queue: Path) -> None:
    assert runner.invoke(cli, ["migrate"]).exit_code == 0
    added = runner.invoke(cli, ["watch", "add", FEED, "--source", "Daily Planet"])
    assert added.exit_code == 0, added.output
    assert added.stdout == f"Watching: #1 {FEED}\n"
    again = runner.invoke(cli, ["watch", "add", FEED, "--source", "Daily Planet"])
    assert again.stdout == f"Already watched: #1 {FEED}\n"
    listed = runner.invoke(cli, ["watch", "list"], env={"COLUMNS": "200"})
    assert listed.exit_code == 0, listed.output
    assert "Daily Planet" in listed.stdout
    assert FEED in listed.stdout
    removed = runner.invoke(cli, ["watch", "remove", "1"])
    assert (removed.exit_code, removed.stdout) == (0, "Removed watch #1\n")
    gone = runner.invoke(cli, ["watch", "remove", "1"])
    assert gone.exit_code == 1
    assert gone.stdout == ""
