"""Article extraction time against the pages built to exhaust it, before and after the bounds.

Usage::

    python -m benchmarks.extraction [--attributes 1000,2000,4000,8000,16000] [--timeout 15]

"before" is :func:`app.services.pages.extract_article` in process, as every caller ran it until the bounds
(no limit: lxml's cost grows with the square of one element's attributes); "after" is
:func:`app.services.pages.extract_page`, what every caller runs now: the page's tags counted first, then
extraction in a pool process killed at the deadline. Each page is one ``<div>`` carrying the given
number of attributes before a short article, the shape of the audit's page. A normal news page
(tests/services/pages/pages/wire-story.html) is timed both ways as the baseline of the same run.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from app.services.errors import PageError
from app.services.pages import extract_article, extract_page

WIRE_STORY = (
    Path(__file__).resolve().parent.parent / "tests" / "services" / "pages" / "pages" / "wire-story.html"
)
STORY = "<p>" + "It rained in Moscow on Friday, the weather service said, and then it stopped. " * 5 + "</p>"


def one_element_with(attributes: int) -> str:
    names = " ".join(f"a{index}=x" for index in range(attributes))
    return f"<html><body><article><div {names}>x</div><h1>Rain</h1>{STORY}</article></body></html>"


def timed(run: object) -> tuple[float, str]:
    start = time.perf_counter()
    try:
        run()  # type: ignore[operator]
        outcome = "article"
    except PageError as error:
        outcome = f"{type(error).__name__} {error.detail[:48]}"
    return time.perf_counter() - start, outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--attributes", default="1000,2000,4000,8000,16000")
    parser.add_argument("--timeout", type=float, default=15.0)
    options = parser.parse_args()
    extract_page(WIRE_STORY.read_bytes(), timeout_seconds=60)  # the pool's first process started
    print("| page | bytes | before (s) | after (s) | after answers |")
    print("|---|---:|---:|---:|---|")
    pages = [("wire-story.html", WIRE_STORY.read_bytes().decode())]
    pages += [
        (f"1 element, {n} attributes", one_element_with(n)) for n in map(int, options.attributes.split(","))
    ]
    for name, html in pages:
        before, _ = timed(lambda html=html: extract_article(html))
        after, outcome = timed(lambda html=html: extract_page(html, timeout_seconds=options.timeout))
        print(f"| {name} | {len(html)} | {before:.2f} | {after:.3f} | {outcome} |", flush=True)


if __name__ == "__main__":
    main()
