"""One schemathesis run against a live server: a fresh SQLite database with the seed articles,
``uvicorn --workers 2`` on 127.0.0.1 with API keys on and no rate limit, then
``schemathesis run openapi/openapi.json`` with every check, a fixed seed and 100 examples per
operation. Exits with schemathesis's exit code.

Run by tests/reliability/test_fuzz.py inside a network namespace that has only loopback
(``unshare --net``), so that no URL the fuzzer invents for ``POST /v1/articles {"url": ...}``
is ever fetched from outside this machine::

    unshare --net -- sh -c 'ip link set lo up && exec .venv/bin/python -m tests.reliability.fuzz OUT'
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from app.db import migrate
from tests.reliability.server import REPO, Server

__all__ = ["EXAMPLES", "FUZZ_KEY", "SEED", "main"]

SEED = 20261122
EXAMPLES = 100
FUZZ_KEY = "fuzz-key-not-secret"


def command(base_url: str, report_dir: Path) -> list[str]:
    schemathesis = str(Path(sys.executable).with_name("schemathesis"))
    return [
        schemathesis, "--config-file", str(REPO / "tests" / "reliability" / "schemathesis.toml"),
        "run", str(REPO / "openapi" / "openapi.json"),
        "--url", base_url,
        "--checks", "all",
        "--max-examples", str(EXAMPLES),
        "--seed", str(SEED),
        "--workers", "1",
        "--header", f"X-API-Key: {FUZZ_KEY}",
        "--request-timeout", "30",
        "--report", "junit", "--report-dir", str(report_dir),
        "--no-color",
    ]  # fmt: skip


def main(report_dir: Path) -> int:
    with tempfile.TemporaryDirectory(prefix="wirediff-fuzz-") as folder:
        database_url = f"sqlite:///{Path(folder) / 'wirediff.db'}"
        migrate(database_url)
        wirediff = str(Path(sys.executable).with_name("wirediff"))
        subprocess.run(
            [wirediff, "import", str(REPO / "seeds")],
            env={**os.environ, "DATABASE_URL": database_url},
            check=True,
            capture_output=True,
            timeout=120,
        )
        settings = {"api_keys": FUZZ_KEY, "compare_rate_limit": ""}
        with Server(database_url, report_dir / "server.log", workers=2, **settings) as server:
            # run from the report folder: schemathesis keeps its cache (.schemathesis/) where it runs
            run = subprocess.run(command(server.url, report_dir), cwd=report_dir, timeout=1200, check=False)
            return run.returncode


if __name__ == "__main__":
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    sys.exit(main(out))
