"""Ids on the command line follow the API's rule for an id in a path: digits 0-9 without a leading
zero, within every database's id column. Anything else exits 2 with the reason, before the
database is read, never with a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import cli

#: Where each command takes an id: ``{}`` is replaced by the id tried.
COMMANDS = [
    ["compare", "{}", "2"],
    ["related", "{}"],
    ["coverage", "{}", "3"],
    ["coverage", "2", "{}"],
    ["outlets", "story", "{}"],
]
SPELLED_OTHERWISE = ["01", "+1", "1_0", "²", "١"]
OUT_OF_RANGE = "99999999999999999999"


def _run(runner: CliRunner, command: list[str], article_id: str) -> tuple[int, str]:
    result = runner.invoke(cli, [part.replace("{}", article_id) for part in command])
    assert isinstance(result.exception, SystemExit)  # a usage error, not an uncaught exception
    return result.exit_code, " ".join(result.stderr.replace("\u2502", " ").split())


class TestIds:
    @pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
    @pytest.mark.parametrize("article_id", SPELLED_OTHERWISE)
    def test_another_spelling_exits_2_saying_how_ids_are_written(
        self, runner: CliRunner, database_url: str, command: list[str], article_id: str
    ) -> None:
        code, stderr = _run(runner, command, article_id)
        assert code == 2
        assert (
            f"{article_id} is not an article id: An id is written in the digits 0-9 only, without a"
            " leading zero" in stderr
        )

    @pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
    def test_an_id_past_the_id_column_exits_2_naming_the_largest(
        self, runner: CliRunner, database_url: str, command: list[str]
    ) -> None:
        code, stderr = _run(runner, command, OUT_OF_RANGE)
        assert code == 2
        assert (
            f"{OUT_OF_RANGE} is not an article id: Input should be less than or equal to 2147483647" in stderr
        )

    @pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
    def test_zero_exits_2(self, runner: CliRunner, database_url: str, command: list[str]) -> None:
        code, stderr = _run(runner, command, "0")
        assert code == 2
        assert "0 is not an article id: Input should be greater than or equal to 1" in stderr

    def test_a_file_named_like_an_id_is_read_as_the_file(
        self, runner: CliRunner, database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.chdir(tmp_path)
        for name in ("01", "²"):
            (tmp_path / name).write_text("It rained in Moscow on Friday.", encoding="utf-8")
        result = runner.invoke(cli, ["compare", "01", "²"])
        assert result.exit_code == 0, result.output
        assert result.stdout.startswith("wirediff ")


class TestWatchIds:
    @pytest.mark.parametrize(
        ("watch_id", "reason"),
        [
            ("03", "An id is written in the digits 0-9 only, without a leading zero"),
            ("+3", "An id is written in the digits 0-9 only, without a leading zero"),
            ("99999999999", "Input should be less than or equal to 2147483647"),
            ("0", "Input should be greater than or equal to 1"),
        ],
    )
    def test_watch_remove_refuses_another_spelling_with_exit_2(
        self, runner: CliRunner, database_url: str, watch_id: str, reason: str
    ) -> None:
        code, stderr = _run(runner, ["watch", "remove", "--", "{}"], watch_id)
        assert code == 2
        assert f"{watch_id} is not a watch id: {reason}" in stderr
