"""What the commands print of article text reaches a terminal as text: no escape sequence from an
article sets the title, clears the screen or paints a fake result."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import cli

TRAP = "\x1b]0;pwned\x07\x1b[2J\x1b[32mAll checks passed\x1b[0m \u202e"
TEXT = (
    f"Rain in Moscow {TRAP}\n\n"
    f"Heavy rain flooded the streets of central Moscow on Friday {TRAP}. "
    "Drivers abandoned cars near the Kremlin as water rose to their doors."
)


@pytest.fixture
def stored(runner: CliRunner, database_url: str, tmp_path: Path) -> Path:
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "1.txt").write_text(TEXT, encoding="utf-8")
    (folder / "2.txt").write_text(TEXT + " Nobody was hurt.", encoding="utf-8")
    assert runner.invoke(cli, ["migrate"]).exit_code == 0
    assert runner.invoke(cli, ["import", str(folder), "--source", "Wire"]).exit_code == 0
    return folder


@pytest.mark.parametrize(
    "arguments",
    [
        ["related", "1"],
        ["coverage", "1", "2"],
        ["coverage", "1", "2", "--format", "markdown"],
        ["coverage", "1", "2", "--format", "csv"],
        ["compare", "{folder}/1.txt", "{folder}/2.txt"],
        ["compare", "{folder}/1.txt", "{folder}/2.txt", "--format", "markdown"],
    ],
)
def test_no_control_or_bidi_character_is_printed(
    runner: CliRunner, stored: Path, arguments: list[str]
) -> None:
    result = runner.invoke(cli, [argument.format(folder=stored) for argument in arguments])
    assert result.exit_code == 0, result.output
    assert "All checks passed" in result.stdout
    assert [c for c in result.stdout if c in "\x1b\x07\u202e"] == []
