"""schemathesis against the committed OpenAPI document and a running server: every check, 100
examples per operation, a fixed seed, 0 failures (tests/reliability/fuzz.py does the run)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.reliability.fuzz import EXAMPLES, SEED
from tests.reliability.server import REPO

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1500)]


def _isolated(command: list[str]) -> list[str]:
    """``command`` in a network namespace of its own, loopback only (needs root, as CI has)."""
    if shutil.which("unshare") is None or os.geteuid() != 0:
        pytest.skip("needs root and unshare(1) for a loopback-only network namespace")
    script = "ip link set lo up && exec " + " ".join(f"'{part}'" for part in command)
    return ["unshare", "--net", "--", "sh", "-c", script]


def test_schemathesis_finds_no_failure(tmp_path: Path, record_figure: Any) -> None:
    report_dir = REPO / "test-output" / "schemathesis"
    shutil.rmtree(report_dir, ignore_errors=True)
    report_dir.mkdir(parents=True)
    run = subprocess.run(
        _isolated([sys.executable, "-m", "tests.reliability.fuzz", str(report_dir)]),
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=1400,
        check=False,
    )
    (report_dir / "output.txt").write_text(run.stdout + run.stderr)
    summary = re.search(r"(\d+) generated(.*)", run.stdout)
    record_figure(
        "fuzzing: schemathesis, all checks, openapi/openapi.json against uvicorn --workers 2 (SQLite)",
        seed=SEED,
        max_examples_per_operation=EXAMPLES,
        test_cases=summary.group(0).strip() if summary else None,
        exit_code=run.returncode,
    )
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
