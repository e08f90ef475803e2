"""What the commands print of article text to be read on a terminal (text, Markdown, tables) reaches
it as text: no escape sequence from an article sets the title, clears the screen or paints a fake
result. Data (CSV, HTML, JSON) is the API's, byte for byte: its cells are the articles' text."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session, update
from typer.testing import CliRunner

from app.cli import cli
from app.config import Settings
from app.db import make_engine, migrate
from app.models import Pickup
from benchmarks.profiles import fill
from tests.apps import open_client

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


#: An Arabic sentence with a right-to-left mark in it: data, which a spreadsheet should receive whole.
ARABIC = (
    "\u0642\u0627\u0644 \u0627\u0644\u0645\u062a\u062d\u062f\u062b\u200f "
    "\u0625\u0646 \u0627\u0644\u0645\u0637\u0631 \u063a\u0632\u064a\u0631."
)


def test_coverage_as_csv_is_the_apis_bytes(runner: CliRunner, database_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "1.txt").write_text(f"{TEXT} {ARABIC}", encoding="utf-8")
    (folder / "2.txt").write_text(f"{TEXT} {ARABIC} Nobody was hurt.", encoding="utf-8")
    assert runner.invoke(cli, ["migrate"]).exit_code == 0
    assert runner.invoke(cli, ["import", str(folder), "--source", "Wire"]).exit_code == 0
    result = runner.invoke(cli, ["coverage", "1", "2", "--format", "csv"])
    assert result.exit_code == 0, result.output
    with open_client(Settings(database_url=database_url)) as client:
        response = client.post("/v1/coverage?format=csv", json={"base_id": 1, "other_ids": [2]})
    assert response.status_code == 200
    assert result.stdout_bytes == response.content
    assert result.stdout_bytes.startswith(b"index,role,sentence,#2 Wire\r\n")
    assert result.stdout_bytes.endswith(b"\r\n")
    assert "\u200f" in result.stdout and "\x1b]0;pwned" in result.stdout


def test_a_table_prints_no_control_or_bidi_character(
    runner: CliRunner, database_url: str, tmp_path: Path
) -> None:
    migrate(database_url)
    engine = make_engine(database_url)
    with Session(engine) as session:
        fill(session, stories=1)
        session.exec(update(Pickup).values(outlet_source="Militant " + TRAP))
        session.commit()
    engine.dispose()
    result = runner.invoke(cli, ["outlets", "list"])
    assert result.exit_code == 0, result.output
    assert "All checks passed" in result.stdout
    assert [c for c in result.stdout if c in "\x1b\x07\u202e"] == []
