"""A real ``uvicorn --workers N`` on 127.0.0.1 for the reliability suite: started, waited for, killed,
restarted and always stopped; plus the articles the load tests post."""

from __future__ import annotations

import hashlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path

import httpx

from app.services.articles import content_hash

__all__ = ["REPO", "Server", "article", "free_port"]

REPO = Path(__file__).resolve().parents[2]

#: Sentences the generated articles are made of (a newsroom's register, no two articles alike).
_WORDS = (
    "minister talks rebels capital army ceasefire border officials agency shelling convoy refugees "
    "parliament election protest court governor province spokesman statement villages aid corridor"
).split()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def article(number: int, source: str = "Load Wire") -> dict[str, str]:
    """Article ``number``: three or four sentences, distinct from every other number's."""
    digest = hashlib.sha256(str(number).encode()).digest()
    words = [_WORDS[b % len(_WORDS)] for b in digest]
    sentences = [
        f"Story {number}: the {words[0]} and the {words[1]} met in the {words[2]} on Friday.",
        f"The {words[3]} said {number % 97 + 2} {words[4]} had left the {words[5]} overnight.",
        f"\u201cWe expect the {words[6]} to hold,\u201d the {words[7]} told reporters.",
    ]
    if number % 2:
        sentences.append(f"The {words[8]} of the {words[9]} could not be reached for comment.")
    return {"source": source, "text": f"Report {number} on the {words[10]}\n\n" + " ".join(sentences)}


def hash_of(posted: Mapping[str, str]) -> str:
    return content_hash(posted["text"])


class Server:
    """``uvicorn app.main:app`` (or ``wirediff serve``) in its own process group, logging to ``log``."""

    def __init__(
        self, database_url: str, log: Path, *, workers: int = 2, cli: bool = False, **settings: str
    ) -> None:
        self.port = free_port()
        self.log = log
        self.workers = workers
        self.cli = cli  # through `wirediff serve` (the Docker image's command), not uvicorn's own
        self.env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "WIREDIFF_LOG_LEVEL": "warning",
            **{f"WIREDIFF_{name.upper()}": value for name, value in settings.items()},
        }
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60) -> Server:
        command = [
            sys.executable, "-m", "uvicorn", "app.main:app",
            "--host", "127.0.0.1", "--port", str(self.port), "--workers", str(self.workers),
            "--log-level", self.env["WIREDIFF_LOG_LEVEL"],
        ]  # fmt: skip
        if self.cli:
            wirediff = str(Path(sys.executable).with_name("wirediff"))
            command = [
                wirediff, "serve",
                "--host", "127.0.0.1", "--port", str(self.port), "--workers", str(self.workers),
            ]  # fmt: skip
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                command, cwd=REPO, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        self.wait_ready(timeout)
        return self

    def wait_ready(self, timeout: float) -> None:
        """Until /readyz answers 200 (every worker shares the socket: one answering is enough)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                raise AssertionError(f"the server exited with {self.process.returncode}: see {self.log}")
            try:
                if httpx.get(f"{self.url}/readyz", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise AssertionError(f"the server was not ready within {timeout} s: see {self.log}")

    def kill(self) -> None:
        """kill -9 of the master and every worker at once, as a crash or the OOM killer would;
        returns once the port is free again (the workers may outlive the master by a moment)."""
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)
        deadline = time.monotonic() + 30
        while True:
            with socket.socket() as probe:
                probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
                try:
                    probe.bind(("127.0.0.1", self.port))
                    return
                except OSError:
                    if time.monotonic() > deadline:
                        raise
            time.sleep(0.05)

    def terminate(self, timeout: float = 60) -> int:
        """SIGTERM to the master only, as ``docker stop`` or Kubernetes would; its exit code."""
        assert self.process is not None
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=timeout)

    def stop(self) -> None:
        """Whatever state it is in: SIGTERM to the group, SIGKILL if it lingers."""
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
