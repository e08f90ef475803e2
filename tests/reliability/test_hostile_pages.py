"""Pages built to exhaust the server, against a real ``uvicorn --workers 2``: a decompression bomb
fetched by URL and pages that make extraction quadratic or slow each get a bounded 422, and the
server keeps answering. The pages come from a site of the tests' own on 127.0.0.1."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.services.pages import MAX_ATTRIBUTES_PER_ELEMENT
from tests.reliability.server import Server
from tests.services.pages.server import serve_pages
from tests.services.pages.test_extract import many_elements, one_element_with

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

SETTINGS = {
    "fetch_allow_private": "true",  # the site is on 127.0.0.1
    "fetch_max_bytes": "1000000",
    # a page of 49,000 elements takes 2.1-2.7 s to extract on this machine, 40,000 (the first
    # choice) 2.1-3.3 s: past a 2 s deadline only most of the time
    "extract_timeout_seconds": "1",
    "max_body_bytes": "10000000",
}


def test_hostile_pages_get_a_bounded_422_and_the_server_keeps_answering(
    sqlite_url: str, tmp_path: Path, record_figure: Any
) -> None:
    outcomes: dict[str, dict[str, Any]] = {}
    with serve_pages() as site, Server(sqlite_url, tmp_path / "server.log", workers=2, **SETTINGS) as server:
        cases = {
            "bomb: 266 bytes sent gzip, gzip (10 MB decoded)": {
                "source": "W",
                "url": site.url("/bomb-twice"),
            },
            "bomb: 10 KB sent gzip (10 MB decoded)": {"source": "W", "url": site.url("/bomb")},
            "one element with 16,000 attributes": {"source": "W", "html": one_element_with(16_000)},
            "49,000 elements (past a 1 s extraction deadline)": {
                "source": "W",
                "html": many_elements(49_000),
            },
        }
        for name, body in cases.items():
            started = time.perf_counter()
            response = httpx.post(f"{server.url}/v1/articles", json=body, timeout=120)
            outcomes[name] = {
                "status": response.status_code,
                "detail": response.json().get("detail", ""),
                "seconds": round(time.perf_counter() - started, 2),
            }
        live = httpx.get(f"{server.url}/livez", timeout=10).status_code
        stored = httpx.get(f"{server.url}/v1/articles", timeout=10).json()["count"]
    record_figure("hostile pages (POST /v1/articles, 2 workers)", **outcomes, livez=live, stored=stored)
    assert {name: outcome["status"] for name, outcome in outcomes.items()} == dict.fromkeys(cases, 422)
    details = [outcome["detail"] for outcome in outcomes.values()]
    assert (
        details[0]
        == details[1]
        == ("The page decodes to over the limit of 1000000 bytes (WIREDIFF_FETCH_MAX_BYTES)")
    )
    assert details[2] == (
        f"The page has an element with 16000 attributes; at most {MAX_ATTRIBUTES_PER_ELEMENT} are read"
    )
    assert details[3] == "The page took longer than 1 s to extract (WIREDIFF_EXTRACT_TIMEOUT_SECONDS)"
    assert (live, stored) == (200, 0)
