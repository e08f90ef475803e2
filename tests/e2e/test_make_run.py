"""`make run` on a fresh copy of the repository ends with the seeds stored and served.

The copy gets a virtual environment of its own (so `make run` really installs the
package into it), which borrows the already installed dependencies through a .pth file
instead of downloading them again.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

from tests.e2e.conftest import REPO, free_port, stop, wait_for


def copy_of_the_repository(target: Path) -> Path:
    """The files git would check out (tracked, or new and not ignored), as they are now."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=REPO,
        check=True,
        capture_output=True,
        timeout=60,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = REPO / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def venv_borrowing_dependencies(target: Path) -> Path:
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(target)], check=True, timeout=120)
    (purelib,) = (target / "lib").glob("python3*/site-packages")
    (purelib / "borrowed-dependencies.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8"
    )
    return target


class TestMakeRun:
    def test_an_empty_checkout_ends_serving_the_five_seeds_in_file_order(self, tmp_path: Path) -> None:
        repo = copy_of_the_repository(tmp_path / "repo")
        venv = venv_borrowing_dependencies(tmp_path / "venv")
        port = free_port()
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("DATABASE_URL", "WIREDIFF_", "VIRTUAL_ENV"))
        }
        log = (tmp_path / "make-run.log").open("wb")
        process = subprocess.Popen(
            ["make", "run", f"VENV={venv}", f"PORT={port}"],
            cwd=repo,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            listing = wait_for(
                f"http://127.0.0.1:{port}/v1/articles",
                lambda body: body.get("count") == 5,
                process,
                timeout=240,
            )
        except AssertionError as error:
            stop(process)
            log.close()
            tail = (tmp_path / "make-run.log").read_text(errors="replace")[-4000:]
            raise AssertionError(f"{error}\n--- make run printed ---\n{tail}") from None
        finally:
            stop(process)
            log.close()
        assert isinstance(listing, dict)
        assert [(a["id"], a["source"]) for a in listing["data"]] == [
            (1, "unknown aggregator (Ukrainian-language site)"),
            (2, "Reuters"),
            (3, "Baghdad Post"),
            (4, "Reuters via an unknown outlet"),
            (5, "PressTV"),
        ]
        assert (repo / "data" / "wirediff.db").is_file()
        assert (venv / "bin" / "wirediff").is_file()
