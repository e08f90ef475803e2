"""app.services.pages.extract_article: the article in a saved page, without the page around it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.services.pages import ExtractedArticle, IngestError, extract_article
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
            published_at=datetime(2019, 5, 31, tzinfo=UTC),
            language="en",
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
        with pytest.raises(IngestError) as raised:
            extract_article(page_bytes("no-article.html"))
        assert (raised.value.status, raised.value.detail) == (422, "No article text found in the page")

    def test_an_empty_page_is_a_422(self) -> None:
        with pytest.raises(IngestError) as raised:
            extract_article("<html><body></body></html>")
        assert raised.value.status == 422
