"""End-to-end tests: real processes (uvicorn, make) on 127.0.0.1, bounded in time, always stopped."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def get_json(url: str) -> object | None:
    """The JSON at ``url``, or None while nothing (good) answers there."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return json.loads(response.read())
    except (OSError, urllib.error.URLError, ValueError):
        return None


def wait_for(url: str, ready: object, process: subprocess.Popen[bytes], timeout: float) -> object:
    """Poll ``url`` until ``ready(json)`` holds; fail early if ``process`` dies, or after ``timeout``."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the process exited with {process.returncode} before {url} was ready")
        last = get_json(url)
        if last is not None and ready(last):  # type: ignore[operator]
            return last
        time.sleep(0.3)
    raise AssertionError(f"{url} not ready after {timeout} s; last answer: {last!r}")


def stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the whole process group (make, its shell, the server), SIGKILL if it lingers."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=15)
