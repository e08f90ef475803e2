"""`wirediff serve --migrate`, the Docker image's command: migrations first, then a real uvicorn."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.e2e.conftest import free_port, stop, wait_for


class TestServeMigrate:
    def test_an_empty_database_is_migrated_before_serving(self, tmp_path: Path) -> None:
        port = free_port()
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh' / 'wirediff.db'}"}
        wirediff = str(Path(sys.executable).with_name("wirediff"))
        process = subprocess.Popen(
            [wirediff, "serve", "--migrate", "--host", "127.0.0.1", "--port", str(port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            listing = wait_for(f"http://127.0.0.1:{port}/v1/articles", lambda body: True, process, timeout=60)
        finally:
            stop(process)
        assert listing == {"data": [], "count": 0, "limit": 20, "offset": 0}
