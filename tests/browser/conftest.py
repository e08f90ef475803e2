"""Browser tests: Debian's Chromium, driven by Playwright, against a real uvicorn on 127.0.0.1 serving
the seeds (ids 1 to 5, as `make run` loads them).

Marked ``browser``: `make test` leaves them out; `.ci/run suite_browser` installs Chromium and runs
them. Playwright never downloads a browser here: it launches the executable at WIREDIFF_CHROMIUM
(default /usr/bin/chromium). Every wait is bounded (Playwright's default timeout, set below), and
screenshots go to test-output/browser/.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

from tests.e2e.conftest import REPO, free_port, stop, wait_for
from tests.seeds import SEEDS

CHROMIUM = Path(os.environ.get("WIREDIFF_CHROMIUM", "/usr/bin/chromium"))
#: As the machine's own probe launched it: no sandbox as root, and no background traffic to Google.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = REPO / "test-output" / "browser"
WIREDIFF = str(Path(sys.executable).with_name("wirediff"))
#: Milliseconds any one browser action or expectation may take.
TIMEOUT_MS = 15_000
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def server_env(database_url: str) -> dict[str, str]:
    """This process's environment without any wirediff setting, on ``database_url``, importing the
    ``app`` of this checkout (an editable install's may be another worktree's)."""
    path = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "WIREDIFF_"))},
        "DATABASE_URL": database_url,
        "PYTHONPATH": path,
    }


@contextmanager
def serving(folder: Path, env: dict[str, str], ready: str, until: Callable[[Any], bool]) -> Iterator[str]:
    """``wirediff serve`` on 127.0.0.1 with ``env``, logging into ``folder``; its base URL once
    GET ``ready`` answers a body ``until`` accepts. Stopped on leaving."""
    port = free_port()
    log = (folder / "server.log").open("wb")
    process = subprocess.Popen(
        [WIREDIFF, "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}{ready}", until, process, timeout=60)
        yield base
    finally:
        stop(process)
        log.close()


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A migrated SQLite database with the seeds imported, served by uvicorn; its base URL."""
    folder = tmp_path_factory.mktemp("browser-server")
    env = server_env(f"sqlite:///{folder / 'wirediff.db'}")
    for command in (["migrate"], ["import", str(SEEDS)]):
        subprocess.run([WIREDIFF, *command], env=env, check=True, capture_output=True, timeout=120)
    with serving(folder, env, "/v1/articles", lambda body: body.get("count") == 5) as base:
        yield base


@pytest.fixture(scope="module")
def empty_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server of the module's own over a migrated, empty SQLite database, for its tests to fill
    through the API (the session's server keeps the seeds alone, as its tests count them)."""
    folder = tmp_path_factory.mktemp("empty-server")
    env = server_env(f"sqlite:///{folder / 'wirediff.db'}")
    subprocess.run([WIREDIFF, "migrate"], env=env, check=True, capture_output=True, timeout=120)
    with serving(folder, env, "/v1/articles", lambda body: body.get("count") == 0) as base:
        yield base


def add_article(base: str, source: str, text: str, **fields: str) -> int:
    """Store an article through POST /v1/articles; its id."""
    response = httpx.post(f"{base}/v1/articles", json={"source": source, "text": text, **fields}, timeout=60)
    assert response.status_code == 201, response.text
    article_id: int = response.json()["id"]
    return article_id


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    if not CHROMIUM.is_file():
        pytest.fail(f"no Chromium at {CHROMIUM}: apt-get install chromium (or set WIREDIFF_CHROMIUM)")
    browser = playwright.chromium.launch(
        executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True, timeout=TIMEOUT_MS * 4
    )
    yield browser
    browser.close()


def _page(browser: Browser, viewport: dict[str, int]) -> Iterator[Page]:
    context = browser.new_context(viewport=viewport)  # type: ignore[arg-type]
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def desktop(browser: Browser) -> Iterator[Page]:
    """A page 1280 px wide."""
    yield from _page(browser, DESKTOP)


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    """A page at a phone's width, 390 px."""
    yield from _page(browser, PHONE)


def screenshot(page: Page, name: str) -> Path:
    """The whole page as test-output/browser/<name>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
