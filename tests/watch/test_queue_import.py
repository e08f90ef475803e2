"""Importing the task module (as the CLI, the API and every test do) opens no queue: the SQLite
queue file and its folder appear only when a consumer or the API uses the queue."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from app.config import Settings
from app.tasks import Queue

REPO = Path(__file__).resolve().parents[2]


def test_importing_the_tasks_and_the_cli_creates_no_file(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if not key.startswith("WIREDIFF_")}
    env["PYTHONPATH"] = str(REPO)
    completed = subprocess.run(
        [sys.executable, "-c", "import app.tasks, app.cli"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == []


def test_the_queue_is_created_when_used(tmp_path: Path, settings: Settings) -> None:
    queue = tmp_path / "queue" / "tasks.db"
    assert Queue(settings.model_copy(update={"queue": str(queue)})).pending() == 0
    assert queue.exists()
