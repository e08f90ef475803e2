"""README.md's curl examples, run against a real uvicorn on 127.0.0.1 with the seeds loaded, must
give the answers the README shows (``...`` in an answer matches anything)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.e2e.conftest import REPO, free_port, stop, wait_for

MARKER = "<<<wirediff-readme-example-done>>>"


@dataclass
class Example:
    command: str
    answer: str


def console_blocks(readme: str) -> list[list[Example]]:
    """Each ```console block as its examples: a ``$ `` command (continued by trailing backslashes)
    and the lines up to the next command as its answer."""
    blocks = []
    for body in re.findall(r"```console\n(.*?)```", readme, flags=re.DOTALL):
        examples: list[Example] = []
        lines = body.splitlines()
        index = 0
        while index < len(lines):
            line = lines[index]
            assert line.startswith("$ "), f"expected a command in a console block, got {line!r}"
            command = [line[2:]]
            while command[-1].endswith("\\"):
                index += 1
                command.append(lines[index])
            answer = []
            index += 1
            while index < len(lines) and not lines[index].startswith("$ "):
                answer.append(lines[index])
                index += 1
            examples.append(Example("\n".join(command), "\n".join(answer)))
        blocks.append(examples)
    return blocks


BLOCKS = console_blocks((REPO / "README.md").read_text(encoding="utf-8"))


def matches(answer: str, output: str) -> bool:
    pattern = ".*?".join(re.escape(piece) for piece in answer.split("..."))
    return re.fullmatch(pattern, output, flags=re.DOTALL) is not None


def _clean(output: str) -> str:
    return "\n".join(line.rstrip() for line in output.replace("\r", "").strip("\n").splitlines())


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """`wirediff migrate`, `wirediff import seeds`, `wirediff serve` on a free port, as `make run` does."""
    folder = tmp_path_factory.mktemp("readme")
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{folder / 'wirediff.db'}",
        "WIREDIFF_LOG_LEVEL": "warning",
    }
    wirediff = str(Path(sys.executable).with_name("wirediff"))
    for step in (["migrate"], ["import", "--if-empty", str(REPO / "seeds")]):
        subprocess.run([wirediff, *step], env=env, check=True, capture_output=True, timeout=120)
    process = subprocess.Popen(
        [wirediff, "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        wait_for(
            f"http://127.0.0.1:{port}/readyz", lambda body: body == {"status": "ok"}, process, timeout=60
        )
        yield port
    finally:
        stop(process)


def test_the_readme_has_curl_examples_for_every_endpoint() -> None:
    commands = " ".join(example.command for block in BLOCKS for example in block)
    for path in (
        "/livez", "/readyz", "/metrics", "/v1/articles", "/v1/compare", "/v1/checks", "/compare/",
        "/related", "/origin", "/versions", "/v1/coverage",
    ):  # fmt: skip
        assert path in commands
    assert "-X DELETE" in commands


@pytest.mark.parametrize("block", BLOCKS, ids=[f"block{n}" for n in range(1, len(BLOCKS) + 1)])
def test_example_gives_the_documented_answer(block: list[Example], server: int, tmp_path: Path) -> None:
    script = "".join(f"{example.command}\nprintf '\\n{MARKER}\\n'\n" for example in block)
    script = script.replace("127.0.0.1:8000", f"127.0.0.1:{server}")
    run = subprocess.run(["bash", "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    outputs = run.stdout.split(MARKER)[: len(block)]
    assert len(outputs) == len(block), run.stderr
    for example, output in zip(block, outputs, strict=True):
        shown = _clean(output)
        assert matches(example.answer, shown), (
            f"README example:\n$ {example.command}\nshould answer:\n{example.answer}\nbut answered:\n{shown}"
        )
