"""When a feed says its items were published: every zone it names read as that zone, or not at all."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.services.feeds import feed_items, read_rfc822


def _published(pub_date: str) -> datetime | None:
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Outlet</title><item><title>Story</title>'
        f"<link>https://outlet.example/story</link><pubDate>{pub_date}</pubDate></item></channel></rss>"
    )
    (item,) = feed_items(feed.encode(), base_url="https://outlet.example/")
    return item.published_at


@pytest.mark.parametrize(
    ("pub_date", "utc"),
    [
        ("Tue, 24 Sep 2024 23:30:00 GMT", datetime(2024, 9, 24, 23, 30, tzinfo=UTC)),
        ("Tue, 24 Sep 2024 23:30:00 UTC", datetime(2024, 9, 24, 23, 30, tzinfo=UTC)),
        ("Tue, 24 Sep 2024 23:30:00 +0200", datetime(2024, 9, 24, 21, 30, tzinfo=UTC)),
        ("Tue, 24 Sep 2024 23:30:00 EST", datetime(2024, 9, 25, 4, 30, tzinfo=UTC)),
        ("Tue, 24 Sep 2024 23:30:00 CEST", datetime(2024, 9, 24, 21, 30, tzinfo=UTC)),
        ("Tue, 24 Sep 2024 23:30:00 BST", datetime(2024, 9, 24, 22, 30, tzinfo=UTC)),
        ("Wed, 25 Sep 2024 08:00:00 JST", datetime(2024, 9, 24, 23, 0, tzinfo=UTC)),
        ("Wed, 25 Sep 2024 09:30:00 AEST", datetime(2024, 9, 24, 23, 30, tzinfo=UTC)),
    ],
    ids=["gmt", "utc", "offset", "eastern", "berlin-summer", "london-summer", "tokyo", "sydney"],
)
def test_an_item_s_time_is_read_in_the_zone_its_feed_names(pub_date: str, utc: datetime) -> None:
    assert _published(pub_date) == utc


@pytest.mark.parametrize("zone", ["IST", "XYZ"])
def test_a_zone_naming_several_or_none_known_leaves_the_time_to_the_page(zone: str) -> None:
    # IST is India's, Ireland's and Israel's: read as UTC it would be hours off, either way
    assert _published(f"Tue, 24 Sep 2024 23:30:00 {zone}") is None


def test_a_zone_abroad_in_a_date_of_another_form_than_rfc_822_s_is_no_time() -> None:
    # feedparser keeps the day alone of "2024-09-24 23:30:00 CEST": its midnight moved by CEST's
    # offset (2024-09-23 22:00 UTC) is a time the feed never gave
    assert _published("2024-09-24 23:30:00 CEST") is None


class TestReadRfc822:
    @pytest.mark.parametrize(
        ("raw", "utc"),
        [
            ("Tue, 24 Sep 2024 23:30:00 +0200", datetime(2024, 9, 24, 21, 30, tzinfo=UTC)),
            ("Tue, 24 Sep 2024 23:30:00 -0530", datetime(2024, 9, 25, 5, 0, tzinfo=UTC)),
            ("24 Sep 2024 23:30:00 CEST", datetime(2024, 9, 24, 21, 30, tzinfo=UTC)),
            ("Tue, 24 Sep 2024 23:30 EDT", datetime(2024, 9, 25, 3, 30, tzinfo=UTC)),
            ("Tue, 24 Sep 24 23:30:00 UTC", datetime(2024, 9, 24, 23, 30, tzinfo=UTC)),
            ("Wed, 25 Sep 2024 08:00:00 JST", datetime(2024, 9, 24, 23, 0, tzinfo=UTC)),
            ("Tue, 24 Sep 2024 23:30:00 MEST", datetime(2024, 9, 24, 21, 30, tzinfo=UTC)),
            ("Tue, 24 Sep 2024 23:30:00", datetime(2024, 9, 24, 23, 30, tzinfo=UTC)),
        ],
        ids=[
            "offset",
            "offset-west",
            "no-weekday",
            "no-seconds",
            "two-digit-year",
            "abroad",
            "feedparser-name",
            "no-zone",
        ],
    )
    def test_an_rfc_822_date_is_read_in_the_zone_it_names(self, raw: str, utc: datetime) -> None:
        assert read_rfc822(raw) == utc

    @pytest.mark.parametrize(
        "raw",
        [
            "Tue, 24 Sep 2024 23:30:00 IST",
            "Tue, 24 Sep 2024 23:30:00 XYZ",
            "September 24, 2024 11:30 PM",
            "2024-09-24 23:30:00 CEST",
            "2024-09-24T23:30:00+02:00",
            "Tue, 31 Sep 2024 23:30:00 GMT",
            "Tue, 24 Sep 2024 23:30:00 +0275",
        ],
        ids=[
            "ambiguous-zone",
            "unknown-zone",
            "prose",
            "iso-with-zone-name",
            "iso",
            "no-such-day",
            "bad-offset",
        ],
    )
    def test_a_zone_it_does_not_know_or_another_form_is_no_date(self, raw: str) -> None:
        assert read_rfc822(raw) is None
