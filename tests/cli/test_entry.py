"""The ``wirediff`` command as installed: a setting that does not parse is a message naming the
variable and exit status 2, for every command, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from tests.seeds import SEEDS


def _wirediff(*args: str, **environment: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **environment}
    return subprocess.run(
        [sys.executable, "-c", "from app.entry import main; main()", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_is_the_installed_commands_entry_point() -> None:
    [script] = [e for e in entry_points(group="console_scripts") if e.name == "wirediff"]
    assert script.value == "app.entry:main"


@pytest.mark.parametrize("args", [["--version"], ["compare", "-", "-"]])
def test_an_unreadable_setting_names_the_variable(args: list[str]) -> None:
    result = _wirediff(*args, WIREDIFF_MAX_SENTENCES="none")
    assert result.returncode == 2
    assert result.stderr == (
        "wirediff: invalid setting: WIREDIFF_MAX_SENTENCES: Input should be a valid integer, "
        "unable to parse string as an integer (got 'none')\n"
    )
    assert result.stdout == ""


def test_a_check_across_settings_gives_its_own_words() -> None:
    result = _wirediff("--version", WIREDIFF_DB_CONCURRENCY="1000")
    assert result.returncode == 2
    assert result.stderr.startswith(
        "wirediff: invalid setting: WIREDIFF_DB_CONCURRENCY (1000) is over the connections"
    )
    assert "Traceback" not in result.stderr


def test_good_settings_run_the_command() -> None:
    result = _wirediff("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("wirediff ")


USABLE = "sqlite:///path/to/file.db or postgresql+psycopg://user:password@host:5432/db"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("bogus://", f"SQLAlchemy knows no database 'bogus': give {USABLE} (got 'bogus://')"),
        # the password stays out of the message
        (
            "postgres://desk:hunter2@db.internal/wirediff",
            f"SQLAlchemy knows no database 'postgres': give {USABLE} "
            "(got 'postgres://desk:***@db.internal/wirediff')",
        ),
        ("not a url", f"not a database URL: give {USABLE} (got 'not a url')"),
        (
            "mysql+pymysql://a@b/c",
            f"wirediff runs on SQLite, or on PostgreSQL through psycopg: give {USABLE} "
            "(got 'mysql+pymysql://a@b/c')",
        ),
    ],
)
@pytest.mark.parametrize("args", [["related", "2"], ["serve", "--port", "9"]])
def test_a_database_url_wirediff_cannot_use_is_an_invalid_setting(
    url: str, message: str, args: list[str]
) -> None:
    result = _wirediff(*args, DATABASE_URL=url)
    assert result.returncode == 2
    assert result.stderr == f"wirediff: invalid setting: DATABASE_URL: {message}\n"


def test_the_compare_help_names_the_extra_to_install() -> None:
    result = _wirediff("compare", "--help", COLUMNS="200")
    assert result.returncode == 0
    assert "(needs pip install 'wirediff[semantic]')" in result.stdout


def test_a_file_that_cannot_be_written_is_one_line_and_exit_74(tmp_path: Path) -> None:
    missing = tmp_path / "missing" / "openapi.json"
    result = _wirediff("export-openapi", "--output", str(missing))
    assert result.returncode == 74
    assert result.stderr == f"wirediff: No such file or directory: {missing}\n"


def test_a_full_standard_output_is_one_line_and_exit_74() -> None:
    full_device = Path("/dev/full")
    if not full_device.exists():
        pytest.skip("needs /dev/full")
    base, other = sorted(str(path) for path in SEEDS.glob("*.txt"))[:2]
    with full_device.open("w") as full:
        result = subprocess.run(
            [sys.executable, "-c", "from app.entry import main; main()", "compare", base, other],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            check=False,
        )
    assert result.returncode == 74
    assert result.stderr == "wirediff: No space left on device\n"
