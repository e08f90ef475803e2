"""``wirediff compare`` on stored ids, saved pages and standard input; import's ids; --version;
rule errors and results; empty input."""

from __future__ import annotations

import json
from importlib.metadata import version
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import cli
from app.engine import ENGINE_VERSION, compare, render_text

WIRE = (
    "Bridge collapse in Genoa\n\n"
    "GENOA (Reuters) - A motorway bridge collapsed in Genoa on Tuesday, killing 12 people, police said.\n"
    "Rescue teams worked through the night to reach cars trapped under the rubble.\n"
)
COPY = (
    "Bridge collapse in Genoa\n\n"
    "A motorway bridge collapsed in Genoa on Tuesday, killing 20 people, police said.\n"
    "Rescue teams worked through the night to reach cars trapped under the rubble.\n"
)
PAGE = (
    "<!DOCTYPE html><html><head><title>Bridge collapse in Genoa</title></head><body>"
    "<nav><a href='/'>Home</a></nav><article><h1>Bridge collapse in Genoa</h1>"
    "<p>A motorway bridge collapsed in Genoa on Tuesday, killing 20 people, police said.</p>"
    "<p>Rescue teams worked through the night to reach cars trapped under the rubble.</p>"
    "</article></body></html>"
)


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    paths = {"wire": tmp_path / "wire.txt", "copy": tmp_path / "copy.txt", "page": tmp_path / "copy.html"}
    paths["wire"].write_text(WIRE, encoding="utf-8")
    paths["copy"].write_text(COPY, encoding="utf-8")
    paths["page"].write_text(PAGE, encoding="utf-8")
    return paths


class TestCompareInputs:
    def test_standard_input_is_read_for_a_dash(self, runner: CliRunner, files: dict[str, Path]) -> None:
        result = runner.invoke(cli, ["compare", str(files["wire"]), "-"], input=COPY)
        assert result.exit_code == 0, result.output
        assert result.stdout == render_text(compare(WIRE, COPY)) + "\n"

    def test_a_saved_page_is_compared_as_its_extracted_article(
        self, runner: CliRunner, files: dict[str, Path]
    ) -> None:
        result = runner.invoke(cli, ["compare", str(files["wire"]), str(files["page"]), "--format", "json"])
        assert result.exit_code == 0, result.output
        document = json.loads(result.stdout)
        assert [s["text"] for s in document["other"]["sentences"] if s["role"] == "body"] == [
            "A motorway bridge collapsed in Genoa on Tuesday, killing 20 people, police said.",
            "Rescue teams worked through the night to reach cars trapped under the rubble.",
        ]

    def test_stored_ids_are_compared_as_stored(
        self, runner: CliRunner, database_url: str, files: dict[str, Path]
    ) -> None:
        assert runner.invoke(cli, ["migrate"]).exit_code == 0
        imported = runner.invoke(cli, ["import", "--source", "wire", str(files["wire"]), str(files["copy"])])
        assert imported.exit_code == 0, imported.output
        ids = [line.split("\t")[0] for line in imported.stdout.splitlines()]
        result = runner.invoke(cli, ["compare", *ids])
        assert result.exit_code == 0, result.output
        assert result.stdout.splitlines()[0].startswith(
            f"wirediff {ENGINE_VERSION}: copy, altered: credit dropped, 1 figure"
        )

    def test_an_unknown_stored_id_is_a_usage_error(self, runner: CliRunner, database_url: str) -> None:
        assert runner.invoke(cli, ["migrate"]).exit_code == 0
        result = runner.invoke(cli, ["compare", "4040", "4041"])
        assert result.exit_code == 2
        assert "there is no stored article 4040" in result.stderr

    @pytest.mark.parametrize("empty", ["", "  \n\n ", "\u200b", "\u00ad\ufeff\n", "\x1c\x1d"])
    def test_an_empty_text_is_an_error_not_unrelated(
        self, runner: CliRunner, files: dict[str, Path], empty: str
    ) -> None:
        result = runner.invoke(cli, ["compare", str(files["wire"]), "-"], input=empty)
        assert result.exit_code == 2
        assert "the text is empty: nothing to compare" in result.stderr
        assert result.stdout == ""

    def test_binary_standard_input_is_a_usage_error(self, runner: CliRunner, files: dict[str, Path]) -> None:
        result = runner.invoke(cli, ["compare", "-", str(files["wire"])], input=b"\x7fELF\x02\x01\xff\xfe")
        assert result.exit_code == 2
        assert "Invalid value for BASE: standard input is not UTF-8 text" in " ".join(result.stderr.split())

    def test_a_text_holding_a_nul_character_is_a_usage_error(
        self, runner: CliRunner, files: dict[str, Path], tmp_path: Path
    ) -> None:
        (tmp_path / "nul.txt").write_text("It rained.\x00 Then it stopped.", encoding="utf-8")
        result = runner.invoke(cli, ["compare", str(files["wire"]), str(tmp_path / "nul.txt")])
        assert result.exit_code == 2
        assert "must not contain NUL characters" in " ".join(result.stderr.split())

    def test_both_sides_from_standard_input_is_an_error(self, runner: CliRunner) -> None:
        result = runner.invoke(cli, ["compare", "-", "-"], input=WIRE)
        assert result.exit_code == 2
        assert "only one side can be read from standard input" in result.stderr


class TestRules:
    def test_an_unknown_rule_names_the_valid_ones(self, runner: CliRunner, files: dict[str, Path]) -> None:
        result = runner.invoke(
            cli, ["compare", str(files["wire"]), str(files["copy"]), "--fail-on", "quotes=1"]
        )
        assert result.exit_code == 2
        stderr = " ".join(result.stderr.replace("\u2502", " ").split())  # unwrapped from rich's box
        assert "valid rules: quotes_intact, numbers_intact, credit_kept, max_dropped" in stderr

    def test_a_deeply_nested_json_rule_set_exits_2(self, runner: CliRunner, files: dict[str, Path]) -> None:
        nested = "[" * 50_000 + "]" * 50_000
        result = runner.invoke(cli, ["compare", str(files["wire"]), str(files["copy"]), "--fail-on", nested])
        assert result.exit_code == 2
        assert isinstance(result.exception, SystemExit)
        assert "the JSON rule set is nested too deeply" in result.stderr

    def test_json_output_carries_the_rule_results(self, runner: CliRunner, files: dict[str, Path]) -> None:
        result = runner.invoke(
            cli,
            [
                "compare",
                str(files["wire"]),
                str(files["copy"]),
                "--format",
                "json",
                "--fail-on",
                "credit_kept=true",
            ],
        )
        assert result.exit_code == 1
        document = json.loads(result.stdout)
        assert document["rules"]["passed"] is False
        assert [f["rule"] for f in document["rules"]["failures"]] == ["credit_kept"]
        assert document["headline"] == "copy, altered: credit dropped, 1 figure"

    def test_json_output_without_rules_has_no_rules_key(
        self, runner: CliRunner, files: dict[str, Path]
    ) -> None:
        result = runner.invoke(cli, ["compare", str(files["wire"]), str(files["copy"]), "--format", "json"])
        assert result.exit_code == 0
        assert "rules" not in json.loads(result.stdout)


class TestImportIds:
    def test_import_prints_each_id_status_and_file(
        self, runner: CliRunner, database_url: str, files: dict[str, Path]
    ) -> None:
        assert runner.invoke(cli, ["migrate"]).exit_code == 0
        first = runner.invoke(cli, ["import", "--source", "wire", str(files["wire"])])
        again = runner.invoke(cli, ["import", "--source", "wire", str(files["wire"])])
        assert (first.exit_code, again.exit_code) == (0, 0)
        assert first.stdout == f"1\tnew\t{files['wire']}\n"
        assert again.stdout == f"1\texisting\t{files['wire']}\n"


def test_version_prints_the_package_and_engine_versions(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"wirediff {version('wirediff')} (engine {ENGINE_VERSION})\n"


class TestSemanticMeaning:
    def _version(self, runner: CliRunner, files: dict[str, Path], *flags: str) -> str:
        result = runner.invoke(
            cli, ["compare", str(files["wire"]), str(files["copy"]), "--format", "json", *flags]
        )
        assert result.exit_code == 0, result.stderr
        return str(json.loads(result.stdout)["engine_version"])

    def test_the_flag_judges_with_the_sentence_model(self, runner: CliRunner, files: dict[str, Path]) -> None:
        assert self._version(runner, files) == ENGINE_VERSION
        assert self._version(runner, files, "--semantic") == f"{ENGINE_VERSION}+minilm-l6-int8"

    def test_the_setting_is_the_default_and_the_flag_overrides_it(
        self, runner: CliRunner, files: dict[str, Path], database_url: str, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setenv("WIREDIFF_SEMANTIC_MEANING", "true")
        assert self._version(runner, files) == f"{ENGINE_VERSION}+minilm-l6-int8"
        assert self._version(runner, files, "--no-semantic") == ENGINE_VERSION

    def test_without_the_extra_the_flag_is_a_usage_error(
        self, runner: CliRunner, files: dict[str, Path], extra_missing: None
    ) -> None:
        result = runner.invoke(cli, ["compare", str(files["wire"]), str(files["copy"]), "--semantic"])
        assert result.exit_code == 2
        assert "pip install 'wirediff[semantic]'" in result.stderr
        assert result.stdout == ""
