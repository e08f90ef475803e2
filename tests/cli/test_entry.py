"""The ``wirediff`` command as installed: a setting that does not parse is a message naming the
variable and exit status 2, for every command, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib.metadata import entry_points

import pytest


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
