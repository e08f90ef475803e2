"""app.services.pages.extract_article: the article in a saved page, without the page around it; and
extract_page, the same in a process of its own, bounded in the page's size and in time."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.api.problems import domain_status
from app.services.errors import ExtractorBusy, PageError, PageUnusable
from app.services.pages import (
    EXTRACT_PROCESSES,
    MAX_ATTRIBUTES_PER_ELEMENT,
    MAX_ELEMENTS,
    WATCH_EXTRACT_PROCESSES,
    ExtractedArticle,
    extract_article,
    extract_page,
    extraction_pool,
    watch_extraction_pool,
)
from tests.busy_pool import pool_held
from tests.services.pages.server import page_bytes

WIRE_STORY_TEXT = (
    "Kremlin says Idlib ceasefire is up to Ankara\n\n"
    "MOSCOW (Example Wire) - The Kremlin said on Friday it was Turkey's responsibility to stop rebels"
    " in Syria's Idlib province from firing on civilian and Russian targets.\n\n"
    "The month-long offensive has raised fears of a new humanitarian catastrophe in the region,"
    " which is home to some three million people.\n\n"
    '"We really do need a ceasefire in Idlib," Kremlin spokesman Dmitry Peskov told reporters on a'
    " conference call, adding that 20,000 families were now sleeping in the open.\n\n"
    "Turkish President Tayyip Erdogan told Vladimir Putin on Thursday that he wanted a ceasefire in"
    " Idlib to prevent more civilian deaths."
)


class TestExtractArticle:
    def test_a_news_page_gives_its_story_without_navigation_ads_or_cookie_banner(self) -> None:
        extracted = extract_article(page_bytes("wire-story.html"))
        assert extracted == ExtractedArticle(
            text=WIRE_STORY_TEXT,
            title="Kremlin says Idlib ceasefire is up to Ankara",
            author="Maria Tsvetkova",
            published_at=datetime(2019, 5, 31, 14, 5, tzinfo=UTC),
            language="en",
            published_time_known=True,
        )

    @pytest.mark.parametrize(
        "unwanted",
        ["cookies", "Subscribe", "Advertisement", "Refinance", "More from World", "All rights reserved"],
    )
    def test_page_furniture_is_left_out(self, unwanted: str) -> None:
        assert unwanted not in extract_article(page_bytes("wire-story.html")).text

    def test_bytes_are_decoded_as_the_page_declares(self) -> None:
        extracted = extract_article(page_bytes("latin1-story.html"))
        assert extracted.title == "Café-Besitzer in Graz verklagt Stadt"
        assert extracted.author == "Jürgen Müller"
        assert "Straßenbahnbaustelle" in extracted.text
        assert extracted.text.endswith("Die Stadt wollte sich zu dem laufenden Verfahren nicht äußern.")

    def test_the_declared_language_is_cut_to_its_iso_639_1_code(self) -> None:
        assert extract_article(page_bytes("latin1-story.html")).language == "de"

    def test_the_date_comes_from_the_page_metadata(self) -> None:
        extracted = extract_article(page_bytes("latin1-story.html"))
        assert extracted.published_at == datetime(2020, 2, 14, tzinfo=UTC)

    def test_the_title_is_put_first_when_the_body_lacks_it(self) -> None:
        html = (
            "<html><head><title>Rain in Moscow</title></head><body><div><p>It rained in Moscow on"
            " Friday, the weather service said, and then it stopped.</p></div></body></html>"
        )
        assert extract_article(html).text.split("\n\n") == [
            "Rain in Moscow",
            "It rained in Moscow on Friday, the weather service said, and then it stopped.",
        ]

    def test_a_page_without_a_story_is_a_422(self) -> None:
        with pytest.raises(PageError) as raised:
            extract_article(page_bytes("no-article.html"))
        assert (domain_status(raised.value), raised.value.detail) == (
            422,
            "No article text found in the page",
        )

    def test_an_empty_page_is_a_422(self) -> None:
        with pytest.raises(PageError) as raised:
            extract_article("<html><body></body></html>")
        assert domain_status(raised.value) == 422


def one_element_with(attributes: int) -> str:
    """The audit's page: one element carrying many attributes (lxml's cost grows with their square)."""
    names = " ".join(f"a{index}=x" for index in range(attributes))
    return f"<html><body><div {names}>x</div><p>{WIRE_STORY_TEXT}</p></body></html>"


def many_elements(count: int) -> str:
    return (
        "<html><body><article>"
        + "<span>y</span>" * count
        + f"<p>{WIRE_STORY_TEXT}</p></article></body></html>"
    )


class TestExtractPage:
    def test_a_news_page_gives_the_same_article_as_in_process(self) -> None:
        page = page_bytes("wire-story.html")
        assert extract_page(page, timeout_seconds=30) == extract_article(page)

    def test_the_refusals_of_extraction_come_back_as_they_are(self) -> None:
        with pytest.raises(PageError) as raised:
            extract_page(page_bytes("no-article.html"), timeout_seconds=30)
        assert (domain_status(raised.value), raised.value.detail) == (
            422,
            "No article text found in the page",
        )

    def test_an_element_with_too_many_attributes_is_refused_unparsed(self) -> None:
        with pytest.raises(PageError) as raised:
            extract_page(one_element_with(20_000), timeout_seconds=30)
        assert (domain_status(raised.value), raised.value.detail) == (
            422,
            f"The page has an element with 20000 attributes; at most {MAX_ATTRIBUTES_PER_ELEMENT} are read",
        )

    def test_a_tag_left_open_to_the_end_is_counted_too(self) -> None:
        with pytest.raises(PageError) as raised:
            extract_page(one_element_with(20_000).partition(">x<")[0], timeout_seconds=30)
        assert raised.value.detail.startswith("The page has an element with 20000 attributes")

    def test_a_page_of_too_many_elements_is_refused_unparsed(self) -> None:
        with pytest.raises(PageError) as raised:
            extract_page(many_elements(MAX_ELEMENTS), timeout_seconds=30)
        assert (domain_status(raised.value), raised.value.detail) == (
            422,
            f"The page has more than {MAX_ELEMENTS} elements; at most {MAX_ELEMENTS} are read",
        )

    def test_extraction_past_its_deadline_is_stopped_and_refused(self) -> None:
        # 20,000 elements pass the count and take seconds to extract: far past a deadline of 0.1 s
        killed = extraction_pool.killed
        with pytest.raises(PageError) as raised:
            extract_page(many_elements(20_000), timeout_seconds=0.1)
        assert (domain_status(raised.value), raised.value.detail) == (
            422,
            "The page took longer than 0.1 s to extract (WIREDIFF_EXTRACT_TIMEOUT_SECONDS)",
        )
        assert extraction_pool.killed == killed + 1

    def test_a_failure_of_the_job_itself_comes_back_named_and_the_process_serves_on(self) -> None:
        extract_page(page_bytes("wire-story.html"), timeout_seconds=30)
        before = extraction_pool.pids()
        with pytest.raises(PageUnusable) as raised:
            extraction_pool.run(
                int, ("x",), refusals=(PageError,), timeout_seconds=30, what="feed", doing="read"
            )
        assert (
            raised.value.detail
            == "The feed could not be read (ValueError): invalid literal for int() with base 10: 'x'"
        )
        assert extraction_pool.pids() == before

    def test_a_process_is_reused_for_the_next_page(self) -> None:
        page = page_bytes("wire-story.html")
        extract_page(page, timeout_seconds=30)
        before = extraction_pool.pids()
        extract_page(page, timeout_seconds=30)
        assert extraction_pool.pids() == before


class TestPoolsApart:
    def test_the_watcher_has_its_own_processes(self) -> None:
        sizes = (extraction_pool.size, watch_extraction_pool.size)
        assert sizes == (EXTRACT_PROCESSES, WATCH_EXTRACT_PROCESSES)
        assert watch_extraction_pool is not extraction_pool

    def test_a_request_extracts_while_every_watcher_process_is_busy(self) -> None:
        page = page_bytes("wire-story.html")
        with pool_held(watch_extraction_pool):
            assert extract_page(page, timeout_seconds=30).text == WIRE_STORY_TEXT

    def test_the_watcher_waits_for_its_own_processes_only(self) -> None:
        page = page_bytes("wire-story.html")
        with pool_held(watch_extraction_pool), pytest.raises(ExtractorBusy) as raised:
            extract_page(page, timeout_seconds=0.1, pool=watch_extraction_pool)
        assert raised.value.detail == "Too many pages are being extracted at once; try again shortly"
