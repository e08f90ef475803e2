"""When a feed says its items were published: every zone it names read as that zone, or not at all."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.services.feeds import feed_items


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
