"""The article links in a watched feed (RSS or Atom, read by feedparser) or news sitemap (lxml),
with the publication time each gives. No I/O: bytes in, links out.

>>> rss = b'''<rss version="2.0"><channel><title>Outlet</title><item><title>A</title>
... <link>https://outlet.example/a</link><pubDate>Fri, 04 Dec 2026 10:00:00 GMT</pubDate></item>
... </channel></rss>'''
>>> [(item.url, item.published_at.isoformat()) for item in feed_items(rss, base_url="https://outlet.example/")]
[('https://outlet.example/a', '2026-12-04T10:00:00+00:00')]
>>> sitemap = b'''<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
... xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>https://outlet.example/b</loc>
... <news:news><news:publication_date>2026-12-04T11:00:00+01:00</news:publication_date></news:news></url>
... </urlset>'''
>>> [(item.url, item.published_at.isoformat()) for item in sitemap_items(sitemap)]
[('https://outlet.example/b', '2026-12-04T10:00:00+00:00')]
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import feedparser
from lxml import etree

__all__ = ["FeedError", "FeedItem", "clean_url", "feed_items", "sitemap_items"]

#: Items read from one feed or sitemap: news sitemaps hold at most 1,000 by Google's rules.
MAX_ITEMS = 1000
_SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
_NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


class FeedError(ValueError):
    """Not a feed or sitemap that can be read."""


@dataclass(slots=True, frozen=True)
class FeedItem:
    url: str
    published_at: datetime | None


#: Query parameters that only track where a reader came from: the same article without them.
_TRACKING = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "ocid", "cmpid")


def clean_url(url: str) -> str:
    """The URL without tracking parameters or fragment.

    >>> clean_url("https://outlet.example/a?id=3&utm_source=rss#top")
    'https://outlet.example/a?id=3'
    """
    parts = urlsplit(url)
    kept = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith(_TRACKING)
    ]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(kept), ""))


def _http(url: str) -> bool:
    return url.startswith(("http://", "https://"))


def feed_items(body: bytes, *, base_url: str) -> list[FeedItem]:
    """The items of an RSS or Atom feed that link to an http(s) page, in the feed's order."""
    parsed = feedparser.parse(body, sanitize_html=False, resolve_relative_uris=False)
    if not parsed.entries and (parsed.bozo or not parsed.feed):
        raise FeedError(f"Not a feed: {getattr(parsed, 'bozo_exception', 'no entries')}")
    items: list[FeedItem] = []
    for entry in parsed.entries[:MAX_ITEMS]:
        link = entry.get("link")
        if not link:
            continue
        url = clean_url(urljoin(base_url, str(link).strip()))
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        published = datetime.fromtimestamp(calendar.timegm(stamp), UTC) if stamp else None
        if _http(url):
            items.append(FeedItem(url, published))
    return items


def _iso(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)).astimezone(UTC)


def sitemap_items(body: bytes) -> list[FeedItem]:
    """The ``<url>`` entries of a (news) sitemap, with ``news:publication_date`` or ``lastmod``."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(body, parser=parser)
    except etree.XMLSyntaxError as error:
        raise FeedError(f"Not a sitemap: {error}") from error
    if root.tag != f"{_SITEMAP}urlset":
        raise FeedError(f"Not a sitemap: the root element is {root.tag}")
    items: list[FeedItem] = []
    for entry in root.iter(f"{_SITEMAP}url"):
        loc = (entry.findtext(f"{_SITEMAP}loc") or "").strip()
        published = entry.findtext(f"{_NEWS}news/{_NEWS}publication_date") or entry.findtext(
            f"{_SITEMAP}lastmod"
        )
        if _http(loc):
            items.append(FeedItem(clean_url(loc), _iso(published)))
        if len(items) == MAX_ITEMS:
            break
    return items
