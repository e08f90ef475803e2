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
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from typing import Any
from urllib.parse import urljoin

import feedparser
from feedparser.datetimes import rfc822
from lxml import etree

from app.urls import clean_url

__all__ = ["FeedError", "FeedItem", "feed_items", "read_rfc822", "sitemap_items"]

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


def _http(url: str) -> bool:
    return url.startswith(("http://", "https://"))


#: What a server may send where a feed is expected that is a web page instead (an error page, a
#: captcha, a consent wall): its media type, or how its text begins.
_HTML_MEDIA_TYPES = ("text/html", "application/xhtml+xml")
_HTML_START = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]", re.IGNORECASE | re.DOTALL
)


def _is_html(body: bytes, content_type: str | None) -> bool:
    media_type = (content_type or "").partition(";")[0].strip().lower()
    return media_type in _HTML_MEDIA_TYPES or bool(_HTML_START.match(body[:4096]))


def feed_items(body: bytes, *, base_url: str, content_type: str | None = None) -> list[FeedItem]:
    """The items of an RSS or Atom feed that link to an http(s) page, in the feed's order (an
    item whose link is no URL at all is left out).
    ``content_type`` is the HTTP header, whose charset comes before the document's own.
    :class:`FeedError` for what is no feed at all (an HTML page among them); a feed without
    items is one."""
    headers = {"content-type": content_type} if content_type else None
    parsed = feedparser.parse(
        body, sanitize_html=False, resolve_relative_uris=False, response_headers=headers
    )
    if not parsed.entries and not parsed.get("version"):
        if _is_html(body, content_type):
            raise FeedError("Not a feed: an HTML page")
        raise FeedError(f"Not a feed: {getattr(parsed, 'bozo_exception', 'no RSS or Atom element')}")
    items: list[FeedItem] = []
    for entry in parsed.entries[:MAX_ITEMS]:
        link = entry.get("link")
        if not link:
            continue
        try:
            url = clean_url(urljoin(base_url, str(link).strip()))
        except ValueError:  # a link no URL can be made of (http://[oops/a): that item, not the feed
            continue
        published = _entry_time(entry)
        if _http(url):
            items.append(FeedItem(url, published))
    return items


#: Minutes east of UTC of the zones feeds abroad name by abbreviation, each naming one zone
#: wherever news is written. feedparser reads North America's and Greenwich's only, and takes
#: any other for UTC: a Berlin feed's "23:30 CEST" would be two hours late.
_ZONES_ABROAD = {
    "CET": 60, "CEST": 120, "MEZ": 60, "MESZ": 120, "BST": 60, "WET": 0, "WEST": 60, "EET": 120,
    "EEST": 180, "MSK": 180, "TRT": 180, "SAST": 120, "WAT": 60, "EAT": 180, "PKT": 300,
    "WIB": 420, "ICT": 420, "SGT": 480, "HKT": 480, "AWST": 480, "JST": 540, "KST": 540,
    "ACST": 570, "AEST": 600, "AEDT": 660, "NZST": 720, "NZDT": 780,
}  # fmt: skip
_ZONE_NAME = re.compile(r"\s([A-Za-z]{1,5})\s*$")


def _entry_time(entry: Any) -> datetime | None:
    """When a feed item was published (else updated), in UTC. A time in a zone named by an
    abbreviation that feedparser does not know is read by :func:`read_rfc822`, in the zone
    :data:`_ZONES_ABROAD` gives it, when the item's date is an RFC 822 one; otherwise ("IST":
    India's, Ireland's or Israel's; a date in another form) it is no time: the page's own date
    decides."""
    for raw_key, parsed_key in (("published", "published_parsed"), ("updated", "updated_parsed")):
        stamp = entry.get(parsed_key)
        if not stamp:
            continue
        raw = str(entry.get(raw_key) or "")
        zone = _ZONE_NAME.search(raw)
        name = zone.group(1).upper() if zone else None
        if name is None or name.lower() in rfc822.timezone_names or name in ("UTC", "AM", "PM"):
            return datetime.fromtimestamp(calendar.timegm(stamp), UTC)
        # feedparser took the zone for UTC, and of a date in another form than RFC 822's
        # ("2024-09-24 23:30:00 CEST") kept the day alone: its midnight moved by the zone's
        # offset would be a time the feed never gave
        return read_rfc822(raw)
    return None


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_RFC822 = re.compile(
    r"\A(?:(?:mon|tue|wed|thu|fri|sat|sun),\s*)?(\d{1,2})\s+(" + "|".join(_MONTHS) + r")\s+(\d{4}|\d{2})"
    r"\s+(\d{2}):(\d{2})(?::(\d{2}))?(?:\s+(?:([+-])(\d{2})(\d{2})|([a-z]{1,5})))?\Z",
    re.IGNORECASE | re.ASCII,
)


def _zone_minutes(name: str) -> int | None:
    """Minutes east of UTC of a zone named as feedparser reads it, or as :data:`_ZONES_ABROAD`
    gives it; None for a name neither knows ("IST")."""
    if name.lower() == "utc":
        return 0
    if name.lower() in rfc822.timezone_names:
        return 60 * int(rfc822.timezone_names[name.lower()])
    return _ZONES_ABROAD.get(name.upper())


def read_rfc822(raw: str, *, zoneless: tzinfo | None = UTC) -> datetime | None:
    """An RFC 822 date as feeds and meta tags write it ("Tue, 24 Sep 2024 23:30:00 +0200"; the
    weekday and the seconds may be left out, the year given in two digits), in UTC. Its zone is
    an offset or a name feedparser knows or :data:`_ZONES_ABROAD` gives; a date naming another
    ("IST": India's, Ireland's or Israel's), or written in any other form, is None. One naming no
    zone is read in ``zoneless`` (None: returned naive).

    >>> read_rfc822("Tue, 24 Sep 2024 23:30:00 CEST").isoformat()
    '2024-09-24T21:30:00+00:00'
    >>> read_rfc822("24 Sep 24 23:30 -0400").isoformat()
    '2024-09-25T03:30:00+00:00'
    >>> [read_rfc822(raw) for raw in ("Tue, 24 Sep 2024 23:30:00 IST", "September 24, 2024 11:30 PM")]
    [None, None]
    """
    match = _RFC822.match(raw.strip())
    if match is None:
        return None
    day, month, year, hour, minute, second, sign, offset_hours, offset_minutes, name = match.groups()
    if len(year) == 2:  # as RFC 2822 reads a two-digit year
        year = ("20" if int(year) < 50 else "19") + year
    if name is not None:
        minutes = _zone_minutes(name)
        if minutes is None:
            return None
        zone: tzinfo | None = timezone(timedelta(minutes=minutes))
    elif sign is not None:
        if int(offset_minutes) >= 60 or int(offset_hours) >= 24:
            return None
        minutes = 60 * int(offset_hours) + int(offset_minutes)
        zone = timezone(timedelta(minutes=-minutes if sign == "-" else minutes))
    else:
        zone = zoneless
    try:
        at = datetime(
            int(year), _MONTHS.index(month.lower()) + 1, int(day), int(hour), int(minute), int(second or 0)
        )
    except ValueError:
        return None
    if zone is None:
        return at
    return at.replace(tzinfo=zone).astimezone(UTC)


def _iso(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)).astimezone(UTC)


#: The child sitemaps a sitemap index's refusal names.
INDEX_NAMED = 5


def _xml_root(body: bytes, charset: str | None) -> etree._Element:
    """The parsed document; the HTTP charset, when there is one, comes before the document's own
    declaration (RFC 7303), so a sitemap naming its encoding only in Content-Type is read right."""
    try:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, encoding=charset)
    except LookupError:  # a charset lxml does not know: the document's own, as if none was sent
        return _xml_root(body, None)
    return etree.fromstring(body, parser=parser)


def sitemap_items(body: bytes, *, charset: str | None = None) -> list[FeedItem]:
    """The ``<url>`` entries of a (news) sitemap, with ``news:publication_date`` or ``lastmod``.
    A sitemap index is refused, naming its sitemaps (the most recent first) to watch instead."""
    try:
        root = _xml_root(body, charset)
    except etree.XMLSyntaxError as error:
        raise FeedError(f"Not a sitemap: {error}") from error
    if root.tag == f"{_SITEMAP}sitemapindex":
        raise FeedError(_index_refusal(root))
    if root.tag != f"{_SITEMAP}urlset":
        raise FeedError(f"Not a sitemap: the root element is {root.tag}")
    items: list[FeedItem] = []
    for entry in root.iter(f"{_SITEMAP}url"):
        loc = (entry.findtext(f"{_SITEMAP}loc") or "").strip()
        published = entry.findtext(f"{_NEWS}news/{_NEWS}publication_date") or entry.findtext(
            f"{_SITEMAP}lastmod"
        )
        if _http(loc):
            try:
                items.append(FeedItem(clean_url(loc), _iso(published)))
            except ValueError:  # a link no URL can be made of (http://[oops/a): that entry only
                continue
        if len(items) == MAX_ITEMS:
            break
    return items


def _index_refusal(root: etree._Element) -> str:
    """What a sitemap index watch is told: its sitemaps are watched one by one, the most recently
    changed first (an index of a large site lists hundreds, mostly archives never edited again)."""
    children = [
        FeedItem(loc, _iso(entry.findtext(f"{_SITEMAP}lastmod")))
        for entry in root.iter(f"{_SITEMAP}sitemap")
        if _http(loc := (entry.findtext(f"{_SITEMAP}loc") or "").strip())
    ]
    oldest = datetime.min.replace(tzinfo=UTC)
    children.sort(key=lambda child: child.published_at or oldest, reverse=True)
    named = ", ".join(child.url for child in children[:INDEX_NAMED])
    more = f" and {len(children) - INDEX_NAMED} more" if len(children) > INDEX_NAMED else ""
    if not children:
        return "A sitemap index that lists no sitemap: watch a sitemap of article URLs instead"
    return f"A sitemap index, not a sitemap of article URLs: watch its sitemaps instead: {named}{more}"
