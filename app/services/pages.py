"""Articles from web pages: fetch a page by URL (httpx, bounded), extract its article (trafilatura).

Used by ``POST /v1/articles`` with ``{"url": ...}`` or ``{"html": ...}``
(:func:`app.services.articles.resolve_submission`) and by ``wirediff import`` for ``.html`` files
(:func:`extract_page`). Nothing here touches the database; failures are the page errors of
:mod:`app.services.errors` (:class:`FetchRefused`, :class:`FetchFailed`, :class:`PageUnusable`,
:class:`ExtractorBusy`), which say what happened, not how a caller answers it.

Fetching refuses what a server should not be made to fetch for a client: schemes other
than http and https, and, unless ``WIREDIFF_FETCH_ALLOW_PRIVATE`` is set, hosts that resolve
to loopback, private, link-local or otherwise non-global addresses (IPv6 forms that carry
such an IPv4 address included). A name is resolved once per connection, every address checked,
and the connection made to a checked address, at every redirect.

>>> page = extract_article("<html lang='en'><body><article><h1>Rain</h1>"
...     "<p>It rained in Moscow on Friday, the weather service said, and then it stopped.</p>"
...     "</article></body></html>")
>>> page.title, page.language
('Rain', 'en')
>>> print(page.text)
Rain
<BLANKLINE>
It rained in Moscow on Friday, the weather service said, and then it stopped.
"""

from __future__ import annotations

import atexit
import ipaddress
import json
import logging
import math
import multiprocessing
import os
import re
import signal
import socket
import ssl
import threading
import time
import traceback
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from importlib.metadata import version
from multiprocessing.connection import Connection

import httpcore
import httpx
import trafilatura
from lxml.html import HtmlElement
from trafilatura.utils import decode_file, load_html

from app.config import Settings
from app.engine.text import find_credits, squash
from app.models import AUTHOR_MAX_CHARS, TITLE_MAX_CHARS, clip
from app.services.errors import (
    STORED_ERROR_CHARS,
    ExtractorBusy,
    FetchFailed,
    FetchRefused,
    PageError,
    PageUnusable,
    TooManyRedirects,
)
from app.services.feeds import read_rfc822

__all__ = [
    "EXTRACT_PROCESSES",
    "HTML_MEDIA_TYPES",
    "MAX_ATTRIBUTES_PER_ELEMENT",
    "MAX_ELEMENTS",
    "WATCH_EXTRACT_PROCESSES",
    "BoundedDecoder",
    "ExtractedArticle",
    "ExtractionPool",
    "FetchedPage",
    "check_host",
    "check_page_size",
    "checked_get",
    "embedded_ipv4",
    "extract_article",
    "extract_page",
    "extraction_pool",
    "fetch_page",
    "page_html",
    "refused_address",
    "resolve_addresses",
    "watch_extraction_pool",
]

#: What a fetched page may be; anything else is refused before its body is read.
HTML_MEDIA_TYPES = ("text/html", "application/xhtml+xml")
logger = logging.getLogger("wirediff")
USER_AGENT = f"wirediff/{version('wirediff')} (article comparison; fetches one page per request)"
_CHUNK = 64 * 1024
#: Content encodings decoded, each with a cap on its output. A server has no reason to stack more
#: than two (a page compressed by the application and again by a proxy); more is a bomb's shape.
DECODED_ENCODINGS = ("gzip", "x-gzip", "deflate")
MAX_STACKED_ENCODINGS = 2


@dataclass(slots=True, frozen=True)
class FetchedPage:
    url: str  # after redirects
    body: bytes
    charset: str | None  # from the Content-Type header


@dataclass(slots=True, frozen=True)
class ExtractedArticle:
    """The main text (title first, paragraphs separated by blank lines) and what the page says of itself."""

    text: str
    title: str | None
    author: str | None
    published_at: datetime | None
    language: str | None  # the page's declared language (<html lang>), ISO 639-1
    #: whether the page gives the time of publication, not only its day
    published_time_known: bool = False


# --- fetching -------------------------------------------------------------------------------


_NAT64 = (ipaddress.IPv6Network("64:ff9b::/96"), ipaddress.IPv6Network("64:ff9b:1::/48"))
_IPV4_COMPATIBLE = ipaddress.IPv6Network("::/96")
_IPV4_TRANSLATED = ipaddress.IPv6Network("::ffff:0:0:0/96")


def embedded_ipv4(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address carries, which a host or gateway may turn into an IPv4
    connection: mapped (``::ffff:a.b.c.d``), compatible (``::a.b.c.d``), translated
    (``::ffff:0:a.b.c.d``), NAT64 (``64:ff9b::a.b.c.d``), 6to4 (``2002:AABB:CCDD::``) and Teredo
    (server and client).

    >>> [str(a) for a in embedded_ipv4(ipaddress.IPv6Address("64:ff9b::7f00:1"))]
    ['127.0.0.1']
    """
    low32 = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    found: list[ipaddress.IPv4Address] = []
    if ip.ipv4_mapped is not None:
        found.append(ip.ipv4_mapped)
    if ip in _IPV4_COMPATIBLE or ip in _IPV4_TRANSLATED or any(ip in net for net in _NAT64):
        found.append(low32)
    if ip.sixtofour is not None:
        found.append(ip.sixtofour)
    if ip.teredo is not None:
        found.extend(ip.teredo)
    return found


def refused_address(address: str) -> bool:
    """Whether an address is one a server should not be made to fetch from: loopback, private,
    link-local, reserved, multicast, or an IPv6 form carrying such an IPv4 address."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone
    candidates: list[ipaddress.IPv4Address | ipaddress.IPv6Address] = [ip]
    if isinstance(ip, ipaddress.IPv6Address):
        candidates.extend(embedded_ipv4(ip))
    return any(not each.is_global or each.is_multicast for each in candidates)


#: Look-ups that must end by a time run on a few threads of their own: the system resolver takes no
#: timeout, and one left waiting on a silent name server holds only its thread, not the poll or
#: request that asked. One pool a process: a forked child has none of its parent's threads.
_RESOLVER_THREADS = 4
_resolvers: dict[int, ThreadPoolExecutor] = {}
_resolvers_lock = threading.Lock()


def _resolver() -> ThreadPoolExecutor:
    with _resolvers_lock:
        pool = _resolvers.get(os.getpid())
        if pool is None:
            pool = _resolvers[os.getpid()] = ThreadPoolExecutor(
                max_workers=_RESOLVER_THREADS, thread_name_prefix="wirediff-resolve"
            )
        return pool


def resolve_addresses(host: str, port: int, timeout: float | None = None) -> list[str]:
    """Every address a name has (one look-up; a literal address is itself), in the resolver's order.
    :class:`FetchFailed` when the name does not resolve; ``httpcore.ConnectTimeout`` when no answer
    came within ``timeout`` seconds (None: as long as the system resolver takes)."""
    if timeout is None or _is_address(host):
        return _look_up(host, port)
    try:
        return _resolver().submit(_look_up, host, port).result(timeout)
    except FutureTimeout as error:
        raise httpcore.ConnectTimeout(f"no answer from the name servers for {host}") from error


def _look_up(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise FetchFailed(f"Cannot resolve {host}: {error}") from error
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return False
    return True


class _CheckedNetwork(httpcore.SyncBackend):
    """Connections made to addresses checked, not to names: the name is resolved once, every
    address it has is checked (any refused address refuses the name: :class:`FetchRefused`), and
    the socket opened to an address from that same answer, so a name that changes its answer in
    between (DNS rebinding) cannot lead anywhere unchecked. The request keeps the name, for its Host header
    and the TLS server name; every redirect's connection comes through here too.

    With a ``deadline`` (a :func:`time.monotonic` time) every connect, read and write ends by it:
    httpx's timeouts bound each of them alone, so a server trickling its answer a byte at a time
    would otherwise hold the call as long as it likes."""

    def __init__(
        self,
        *,
        allow_private: bool,
        allow_hosts: frozenset[str] = frozenset(),
        deadline: float | None = None,
    ) -> None:
        self.allow_private = allow_private
        self.allow_hosts = allow_hosts
        self.deadline = deadline

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = resolve_addresses(host, port, _time_left(self.deadline, timeout, httpcore.ConnectTimeout))
        _refuse_private(host, port, addresses, allow_private=self.allow_private, allow_hosts=self.allow_hosts)
        failure: httpcore.ConnectError | httpcore.ConnectTimeout | None = None
        for address in addresses:
            try:
                stream = super().connect_tcp(
                    address,
                    port,
                    _time_left(self.deadline, timeout, httpcore.ConnectTimeout),
                    local_address,
                    socket_options,
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as error:
                failure = error
                continue
            return stream if self.deadline is None else _DeadlineStream(stream, self.deadline)
        raise failure or httpcore.ConnectError(f"{host} has no address")


def _time_left(deadline: float | None, timeout: float | None, expired: type[Exception]) -> float | None:
    """The timeout of one network operation: ``timeout``, cut to what is left before ``deadline``;
    ``expired`` raised once it has passed."""
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise expired("the time allowed for the whole exchange has passed")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose reads and writes end by ``deadline`` (see :class:`_CheckedNetwork`)."""

    def __init__(self, stream: httpcore.NetworkStream, deadline: float) -> None:
        self._stream = stream
        self._deadline = deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, _time_left(self._deadline, timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        # a piece at a time: the stream's own write sends all it is given, each send with the
        # whole timeout, so a receiver taking a byte at a time would stretch one large write
        for start in range(0, len(buffer), _CHUNK):
            piece = buffer[start : start + _CHUNK]
            self._stream.write(piece, _time_left(self._deadline, timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        left = _time_left(self._deadline, timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self._stream.start_tls(ssl_context, server_hostname, left), self._deadline)

    def get_extra_info(self, info: str) -> object:
        return self._stream.get_extra_info(info)


def _refuse_private(
    host: str, port: int, addresses: list[str], *, allow_private: bool, allow_hosts: frozenset[str]
) -> None:
    """:class:`FetchRefused` when any of ``host``'s addresses is refused (:func:`refused_address`),
    unless private addresses are allowed, or this host (``host`` or ``host:port``) is."""
    if allow_private or {host.lower(), f"{host.lower()}:{port}"} & allow_hosts:
        return
    for address in addresses:
        if refused_address(address):
            raise FetchRefused(_private_detail(host, address))


def check_host(host: str, port: int, settings: Settings, allow_hosts: Iterable[str] = ()) -> None:
    """The address checks of :func:`checked_transport`, for a client that connects on its own (a
    notification library): :class:`FetchRefused` for a refused address, :class:`FetchFailed` when
    the name does not resolve. The client resolves the name again, so unlike the transport this
    cannot hold against a name that changes its answer in between (DNS rebinding)."""
    _refuse_private(
        host,
        port,
        resolve_addresses(host, port),
        allow_private=settings.fetch_allow_private,
        allow_hosts=frozenset(each.lower() for each in allow_hosts),
    )


def checked_transport(
    settings: Settings, allow_hosts: Iterable[str] = (), *, deadline: float | None = None
) -> httpx.HTTPTransport:
    """A transport whose connections go only to checked addresses (:class:`_CheckedNetwork`);
    ``allow_hosts`` (``host`` or ``host:port``) may be private all the same (the watcher's
    WIREDIFF_WATCH_ALLOW_HOSTS). With a ``deadline`` (:func:`time.monotonic`), nothing it does
    on the network goes past it: a read, write or connection then raises a timeout."""
    transport = httpx.HTTPTransport(trust_env=False)
    # httpx takes no network backend; its pool is built again around ours, as httpx builds it
    transport._pool = httpcore.ConnectionPool(
        ssl_context=httpx.create_ssl_context(trust_env=False),
        network_backend=_CheckedNetwork(
            allow_private=settings.fetch_allow_private,
            allow_hosts=frozenset(host.lower() for host in allow_hosts),
            deadline=deadline,
        ),
    )
    return transport


def check_url(url: httpx.URL) -> None:
    """:class:`FetchRefused` for a scheme other than http(s), a URL without a host, or one whose
    host IDNA 2008 refuses. Addresses are checked when connecting (:class:`_CheckedNetwork`)."""
    if url.scheme not in ("http", "https"):
        raise FetchRefused(f"Only http and https URLs can be fetched, not {url.scheme}:")
    try:
        host = url.host
    except UnicodeError as error:
        raise FetchRefused(f"Cannot fetch {url}: {undecodable_host(url, error)}") from error
    if not host:
        raise FetchRefused("The URL has no host")


def undecodable_host(url: httpx.URL, error: UnicodeError) -> str:
    """Why a URL whose ``xn--`` host IDNA 2008 refuses (not punycode, or the punycode of a name
    such as 💩.la) cannot be fetched: httpx decodes the host to build every request, so no request
    to it can be made at all."""
    return f"its host {url.raw_host.decode('ascii')} is not a host name IDNA 2008 allows ({error})"


def check_redirect(response: httpx.Response) -> None:
    """A response hook: :class:`FetchFailed` for a redirect to a URL that cannot be fetched,
    before httpx builds the request it would follow (even when told not to follow), which
    decodes the host and would raise on one IDNA 2008 refuses."""
    if response.has_redirect_location:
        redirect_target(response.request.url, response.headers["location"])


def redirect_target(current: httpx.URL, location: str) -> httpx.URL:
    """Where a redirect from ``current`` leads; :class:`FetchFailed` for a location that cannot
    be fetched (the site's answer is at fault, not the client's URL)."""
    try:
        target = current.join(location)
    except httpx.InvalidURL as error:
        raise FetchFailed(f"{current} redirects to {location}, which cannot be fetched: {error}") from error
    try:
        target.host  # noqa: B018 (decoding the host refuses what IDNA 2008 refuses)
    except UnicodeError as error:
        raise FetchFailed(
            f"{current} redirects to {target}, which cannot be fetched: {undecodable_host(target, error)}"
        ) from error
    return target


def _private_detail(host: str, address: str) -> str:
    shown = host if host == address else f"{host} ({address})"
    return (
        f"{shown} is a loopback, private or otherwise non-public address; "
        "set WIREDIFF_FETCH_ALLOW_PRIVATE=true to allow it"
    )


def media_type(response: httpx.Response) -> str:
    content_type: str = response.headers.get("content-type", "")
    return content_type.partition(";")[0].strip().lower()


class _Inflater:
    """One gzip or deflate layer that makes no more than ``limit + 1`` bytes in all: zlib is
    asked for what is left (``max_length``), and reaching it refuses the page."""

    def __init__(self, encoding: str, limit: int) -> None:
        self._gzip = encoding != "deflate"
        self._started = False
        self._inflater = self._new()
        self.limit = limit
        self.produced = 0

    def _new(self, *, raw: bool = False) -> zlib._Decompress:
        if self._gzip:
            return zlib.decompressobj(zlib.MAX_WBITS | 16)
        # "deflate" is zlib-wrapped by the standard; some servers send it raw
        return zlib.decompressobj(-zlib.MAX_WBITS if raw else zlib.MAX_WBITS)

    def decode(self, data: bytes) -> bytes:
        try:
            out = self._decode(data)
        except zlib.error as error:
            name = "gzip" if self._gzip else "deflate"
            raise PageUnusable(f"The page's {name} data is corrupt") from error
        self.produced += len(out)
        if self.produced > self.limit:
            raise PageUnusable(
                f"The page decodes to over the limit of {self.limit} bytes (WIREDIFF_FETCH_MAX_BYTES)"
            )
        return out

    def _decode(self, data: bytes) -> bytes:
        out = b""
        room = self.limit - self.produced + 1
        while data and len(out) < room:
            if self._inflater.eof:
                if not self._gzip:
                    break  # a deflate stream ends once; what follows is not data
                self._inflater = self._new()  # another gzip member follows the last
            try:
                out += self._inflater.decompress(data, room - len(out))
            except zlib.error:
                if self._gzip or self._started:
                    raise
                self._inflater = self._new(raw=True)
                out += self._inflater.decompress(data, room - len(out))
            self._started = True
            data = self._inflater.unconsumed_tail or self._inflater.unused_data
        return out


class BoundedDecoder:
    """Content-Encoding layers undone with no layer ever making more than ``limit + 1`` bytes:
    a bomb (a few hundred bytes that inflate to gigabytes) is refused once ``limit`` bytes
    have come out, not after it has been inflated. Nothing is held back between calls.

    ``encodings`` as the header lists them, in the order they were applied.
    """

    def __init__(self, encodings: list[str], *, limit: int) -> None:
        self._layers = [_Inflater(encoding, limit) for encoding in reversed(encodings)]

    @property
    def decoded(self) -> int:
        """Bytes the last layer has made so far."""
        return self._layers[-1].produced if self._layers else 0

    def decode(self, data: bytes) -> bytes:
        for layer in self._layers:
            data = layer.decode(data)
        return data


def _content_encodings(response: httpx.Response) -> list[str]:
    listed = ",".join(response.headers.get_list("content-encoding"))
    encodings = [part.strip().lower() for part in listed.split(",")]
    encodings = [encoding for encoding in encodings if encoding not in ("", "identity")]
    if len(encodings) > MAX_STACKED_ENCODINGS:
        raise PageUnusable(
            f"The page is sent with {len(encodings)} content encodings ({', '.join(encodings)}); "
            f"at most {MAX_STACKED_ENCODINGS} are decoded",
        )
    unknown = [encoding for encoding in encodings if encoding not in DECODED_ENCODINGS]
    if unknown:
        raise PageUnusable(
            f"The page is sent in an encoding that cannot be decoded ({', '.join(unknown)}); "
            "gzip and deflate can",
        )
    return encodings


def read_body(
    response: httpx.Response, settings: Settings, deadline: float, *, keep_first: int | None = None
) -> bytes:
    """The body as sent (``iter_raw``), decoded here under the limit rather than by httpx,
    which would inflate each chunk in full before the size could be counted. With
    ``keep_first``, a longer body is cut, not refused: its first ``keep_first`` bytes (decoded),
    the rest left unread (a robots.txt, of which RFC 9309 has crawlers parse the first 500 KiB)."""
    declared = response.headers.get("content-length", "")
    limit = settings.fetch_max_bytes
    if keep_first is None and declared.isdigit() and int(declared) > limit:
        raise PageUnusable(
            f"The page is {declared} bytes, over the limit of {limit} (WIREDIFF_FETCH_MAX_BYTES)"
        )
    decoder = BoundedDecoder(_content_encodings(response), limit=max(limit, keep_first or 0))
    body = bytearray()
    received = 0
    for chunk in response.iter_raw(_CHUNK):
        received += len(chunk)
        if keep_first is None and received > limit:
            raise PageUnusable(f"The page is over the limit of {limit} bytes (WIREDIFF_FETCH_MAX_BYTES)")
        body.extend(decoder.decode(chunk))
        if keep_first is not None and len(body) >= keep_first:
            return bytes(body[:keep_first])
        if time.monotonic() > deadline:
            raise httpx.ReadTimeout("the page took too long to arrive")
    return bytes(body)


@contextmanager
def checked_get(
    url: str, *, settings: Settings, headers: Mapping[str, str], allow_hosts: Iterable[str] = ()
) -> Iterator[tuple[httpx.Response, float]]:
    """GET ``url`` within ``WIREDIFF_FETCH_TIMEOUT_SECONDS`` in all, following up to
    ``WIREDIFF_FETCH_MAX_REDIRECTS`` redirects: every hop's URL checked (:func:`check_url`) and
    its connection made to a checked address (:func:`checked_transport`; ``allow_hosts`` may be
    private). Yields the first answer that is not a redirect, its body not read yet, and the
    deadline :func:`read_body` keeps to.

    Proxy variables in the environment are ignored (``trust_env=False``): the address checks
    must see the server itself. A timeout or network failure, on the way or while the caller
    reads the body, is a :class:`FetchFailed`; more redirects than allowed, a
    :class:`TooManyRedirects`.
    """
    limit = settings.fetch_timeout_seconds
    deadline = time.monotonic() + limit
    try:
        current = httpx.URL(url)
    except httpx.InvalidURL as error:  # e.g. a host name IDNA refuses: the client's URL, not a 500
        raise FetchRefused(f"Cannot fetch {url}: {error}") from error
    with httpx.Client(
        timeout=httpx.Timeout(limit, connect=min(limit, 5.0)),
        follow_redirects=False,
        trust_env=False,
        headers=dict(headers),
        transport=checked_transport(settings, allow_hosts, deadline=deadline),
        event_hooks={"response": [check_redirect]},
    ) as client:
        try:
            for _hop in range(settings.fetch_max_redirects + 1):
                check_url(current)
                with client.stream("GET", current) as response:
                    if response.is_redirect and "location" in response.headers:
                        current = redirect_target(current, response.headers["location"])
                        continue
                    yield response, deadline
                    return
        except httpx.TimeoutException as error:
            raise FetchFailed(f"Fetching {current} timed out (limit {limit:g} s)") from error
        except httpx.HTTPError as error:
            reason = str(error) or type(error).__name__
            raise FetchFailed(f"Fetching {current} failed: {reason}") from error
    raise TooManyRedirects(f"Fetching {url} took more than {settings.fetch_max_redirects} redirects")


def fetch_page(url: str, *, settings: Settings) -> FetchedPage:
    """GET an HTML page through :func:`checked_get`, its body within ``WIREDIFF_FETCH_MAX_BYTES``."""
    headers = {
        "User-Agent": USER_AGENT,
        "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
        "Accept-Encoding": "gzip, deflate",  # what BoundedDecoder undoes
    }
    with checked_get(url, settings=settings, headers=headers) as (response, deadline):
        if response.status_code >= 300:
            answer = f"{response.status_code} {response.reason_phrase}".rstrip()
            raise FetchFailed(f"{response.url} answered {answer}")
        declared = media_type(response)
        if declared not in HTML_MEDIA_TYPES:
            raise PageUnusable(f"{response.url} is {declared or 'of no declared type'}, not an HTML page")
        body = read_body(response, settings, deadline)
        return FetchedPage(url=str(response.url), body=body, charset=response.charset_encoding)


# --- extraction -------------------------------------------------------------------------------

_LANGUAGE_TAG = re.compile(r"^([a-z]{2,3})(?:[-_].*)?$", re.IGNORECASE)
#: Fewer words than this below the title is no article: the shortest briefs in the seeds and the
#: test pages run to 15 words and more, a menu or sign-in form that slips through to a handful.
MIN_ARTICLE_WORDS = 10


def _declared_language(value: str | None) -> str | None:
    """``en-GB`` -> ``en``; None for anything that is not a language tag."""
    match = _LANGUAGE_TAG.match((value or "").strip())
    return match.group(1).lower() if match else None


#: htmldate's answer with the time and offset the page gives ("2024-09-24T23:30:00-0500"): a
#: day alone would put an evening story and the next morning's copy of it in the wrong order, and
#: a story and its copy an hour later at the same moment (origin and pickups read the order).
_DATE_FORMAT = "%Y-%m-%dT%H:%M:%S%z"
#: The schema.org types a news page describes its story with; a page's other JSON-LD objects (the
#: site, the web page, an embedded video, a breadcrumb) carry dates that are not the story's.
_STORY_TYPES = frozenset(
    {
        "Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
        "BackgroundNewsArticle", "ReviewNewsArticle", "AskPublicNewsArticle", "BlogPosting",
        "LiveBlogPosting", "Report", "ScholarlyArticle", "SocialMediaPosting", "TechArticle",
    }
)  # fmt: skip
_JSON_LD_DEPTH = 4
#: How far ahead of this server's clock a page's date may be and still be read (clocks differ).
_CLOCK_SLACK = timedelta(days=1)


def _to_come(found: _Published) -> bool:
    """A date after today (and the clocks' slack): a template's placeholder or a typo, not the
    story's."""
    return found.at > datetime.now(UTC) + _CLOCK_SLACK


@dataclass(slots=True, frozen=True)
class _Published:
    at: datetime
    #: False for a day alone (midnight UTC stands for it) and for a time naming no offset (UTC
    #: stands for its zone): a feed's time of the same story is better
    has_time: bool


def _published(value: str | None) -> _Published | None:
    """A date-time as a page gives it: UTC when it names no offset, midnight UTC for a day alone."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if parsed.tzinfo is None:  # a day alone, or a time in a zone the page does not say
        return _Published(parsed.replace(tzinfo=UTC), False)
    return _Published(parsed.astimezone(UTC), True)


def _stories(tree: HtmlElement) -> Iterator[dict[str, object]]:
    """The page's story objects in its JSON-LD: a ``NewsArticle`` and its kin, in a block, a list
    or an ``@graph``."""
    for script in tree.iterfind(".//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except (ValueError, RecursionError):
            continue
        for item in _json_ld_objects(data, _JSON_LD_DEPTH):
            types = item.get("@type")
            named = {types} if isinstance(types, str) else set(types) if isinstance(types, list) else set()
            if named & _STORY_TYPES:
                yield item


def _story_published(stories: list[dict[str, object]]) -> _Published | None:
    """``datePublished`` of the page's story in its JSON-LD (:func:`_stories`), the first that
    reads as a date. htmldate takes the first ``datePublished`` of any object: an embedded
    video's, a year older than the story, or the web page's."""
    for item in stories:
        value = item.get("datePublished")
        found = _published(value) if isinstance(value, str) else None
        # a date to come is a template's placeholder or a typo, not the story's: htmldate's
        # reading, which refuses one too, is taken instead
        if found and not _to_come(found):
            return found
    return None


def _credits_more(authors: str, other: str) -> bool:
    """Whether ``authors`` credit a wire agency ``other`` does not."""
    return bool(set(find_credits(authors, boilerplate=True)) - set(find_credits(other, boilerplate=True)))


def _story_author(stories: list[dict[str, object]]) -> str | None:
    """The authors of the page's story in its JSON-LD, people and organisations ("Reuters"),
    joined by "; " as trafilatura joins them. trafilatura reads people only, so a story credited
    to an agency there alone would read as having dropped the credit."""
    for item in stories:
        authors = item.get("author")
        listed = authors if isinstance(authors, list) else [authors]
        names = [
            " ".join(name.split())
            for author in listed
            for name in [author.get("name") if isinstance(author, dict) else author]
            if isinstance(name, str) and name.strip()
        ]
        if names:
            return "; ".join(names)
    return None


#: The meta tags that name a page's publication (``name``, ``property`` or ``itemprop``).
_PUBLICATION_META = frozenset(
    {
        "article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
        "publish-date", "date", "dc.date", "dc.date.issued", "dcterms.created", "dcterms.issued",
        "sailthru.date", "parsely-pub-date", "article.published", "original-publish-date",
    }
)  # fmt: skip


def _meta_published(tree: HtmlElement) -> _Published | None:
    """A publication meta tag's date, ISO 8601 or in a feed's form ("Tue, 24 Sep 2024 23:30:00
    EST", of which htmldate keeps the day alone; read by :func:`read_rfc822`): the first giving a
    time, else the first found. htmldate prefers the story's JSON-LD date, a day alone on some
    pages, to a meta tag's time."""
    first: _Published | None = None
    for meta in tree.iter("meta"):
        key = (meta.get("name") or meta.get("property") or meta.get("itemprop") or "").strip().lower()
        content = (meta.get("content") or "").strip()
        if key not in _PUBLICATION_META:
            continue
        if content[:1].isalpha():
            at = read_rfc822(content, zoneless=None)
            found = (
                None if at is None else _Published(at.replace(tzinfo=at.tzinfo or UTC), at.tzinfo is not None)
            )
        else:
            found = _published(content)
        if found is None or _to_come(found):
            continue
        if found.has_time:
            return found
        first = first or found
    return first


def _json_ld_objects(data: object, depth: int) -> Iterator[dict[str, object]]:
    """The objects of a JSON-LD value, its ``@graph`` and lists opened to ``depth`` levels."""
    if depth <= 0:
        return
    if isinstance(data, list):
        for each in data:
            yield from _json_ld_objects(each, depth - 1)
    elif isinstance(data, dict):
        yield data
        yield from _json_ld_objects(data.get("@graph"), depth - 1)


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


#: What a page's title puts between the headline and the site's or section's name ("Headline - The
#: Daily Planet", "Headline | World | Daily Planet", "Daily Planet: Headline").
_SEPARATOR_MARKS = "|-\u2013\u2014\u00b7\u2022/"
_TITLE_SEPARATOR = rf"(?:\s+[{re.escape(_SEPARATOR_MARKS)}]\s+|\s*::?\s+)"
_NAME_AFTER = re.compile(rf"\A{_TITLE_SEPARATOR}")
_HEADLINE_AFTER = re.compile(rf"\A{_TITLE_SEPARATOR}(.+)\Z", re.DOTALL)
#: The headline a page shows is among its text's first few paragraphs, three words long at least.
_HEADLINE_PARAGRAPHS = 3
_HEADLINE_MIN_WORDS = 3


def _before_separator(text: str) -> str | None:
    """``text`` without the title separator it ends with (:data:`_TITLE_SEPARATOR`), or None when it
    ends with none. Read from the end: a pattern for "anything, then a separator" tries every way of
    sharing a run of blanks between the two, which a title of thousands of blanks makes seconds."""
    kept = text.rstrip()
    if len(kept) == len(text):
        return None  # a separator ends in blanks
    if kept.endswith("::"):
        return kept[:-2]
    if kept.endswith(":"):
        return kept[:-1]
    if len(kept) >= 2 and kept[-1] in _SEPARATOR_MARKS and kept[-2].isspace():
        return kept[:-1]
    return None


def _shown_headline(title: str | None, paragraphs: list[str], headings: set[str]) -> str | None:
    """The headline as the page shows it when the title trafilatura read (``og:title``, ``<title>``)
    is another: the page's ``<h1>`` (of ``headings``) opening its text, or the headline shown with
    the site's name around it in the title. The site's name is no part of the story's title, and a
    headline shown below another would stay in the text as a sentence the outlet added."""
    if not title:
        return None
    for paragraph in paragraphs[:_HEADLINE_PARAGRAPHS]:
        if paragraph == title:  # the title is shown: a heading below it is no headline
            return None
        if len(paragraph.split()) < _HEADLINE_MIN_WORDS:
            continue
        if paragraph in headings:
            return paragraph
        before, found, after = title.partition(paragraph)
        if (
            found
            and len(before) + len(after) < len(paragraph)
            and (not before or _before_separator(before) is not None)
            and (not after or _NAME_AFTER.match(after))
        ):
            return paragraph
    return None


def _site_name(title: str, heading: str) -> bool:
    """Whether the page's ``<title>`` shows ``heading`` as the site's name beside a longer headline
    ("Russian strikes kill 12 in Kharkiv - Kyiv Daily News Online"): a site that puts its name in
    an ``<h1>`` and the headline in an ``<h2>``."""
    if not heading or heading == title:
        return False
    rest = _before_separator(title[: -len(heading)]) if title.endswith(heading) else None
    if rest is None and title.startswith(heading):
        after = _HEADLINE_AFTER.match(title[len(heading) :])
        rest = after.group(1) if after else None
    return rest is not None and len(rest.strip()) > len(heading)


#: A byline is among a text's first few paragraphs, a handful of words long.
_BYLINE_PARAGRAPHS = 3
_BYLINE_MAX_WORDS = 12


def _credit_byline(author: str | None, body: list[str]) -> str | None:
    """The page's byline as a line of its text ("By Jane Doe, AFP") when it credits a wire agency
    and the text lacks it: trafilatura moves a byline out of the text into the author, and the
    engine reads credits in the text, so an outlet crediting the agency in its byline alone
    would read as having dropped the credit."""
    names = ", ".join(part.strip() for part in (author or "").split(";") if part.strip())
    if not names or not find_credits(names, boilerplate=True):
        return None
    wanted = squash(names)
    if any(
        wanted in squash(paragraph) and len(paragraph.split()) <= _BYLINE_MAX_WORDS
        for paragraph in body[:_BYLINE_PARAGRAPHS]
    ):
        return None
    return f"By {names}"


def extract_article(html: str | bytes, *, url: str | None = None) -> ExtractedArticle:
    """The article in an HTML page, without navigation, ads, cookie notices or comments.

    Bytes are decoded as the page declares (``<meta charset>``) or as detected. The text
    starts with the title, as the articles the engine compares do. Raises
    :class:`PageUnusable` when the page holds no article text.
    """
    tree = load_html(html)
    if tree is None:
        raise PageUnusable("The page cannot be parsed as HTML")
    language = _declared_language(tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang"))
    # before extraction, which takes the scripts out and the headings apart
    stories = list(_stories(tree))  # the JSON-LD read once for the date and the authors
    story_published = _story_published(stories)
    story_author = _story_author(stories)
    meta_published = _meta_published(tree)
    page_title = " ".join((tree.findtext(".//title") or "").split())
    headings = {" ".join(heading.text_content().split()) for heading in tree.iter("h1")}
    site_names = {heading for heading in headings if _site_name(page_title, heading)}
    headings -= site_names
    # Precision over recall: a lost paragraph shows up as "dropped"; a cookie notice kept
    # as body would show up as "added" in every comparison with this page.
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        # dates from the page's metadata and markup only, never guessed from its text
        date_extraction_params={
            "original_date": True,
            "extensive_search": False,
            "outputformat": _DATE_FORMAT,
        },
    )
    if document is None or isinstance(document, dict):
        raise PageUnusable("No article text found in the page")
    # the first of the story's, htmldate's and the meta tag's dates to give a time; else the first
    dates = [found for found in (story_published, _published(document.date), meta_published) if found]
    published = next((found for found in dates if found.has_time), dates[0] if dates else None)
    title = " ".join((document.title or "").split()) or None
    if title in site_names:  # trafilatura takes the first <h1>: here the site's name
        title = page_title
    paragraphs = [paragraph for paragraph in _paragraphs(document.text or "") if paragraph not in site_names]
    title = _shown_headline(title, paragraphs, headings) or title
    body = [paragraph for paragraph in paragraphs if paragraph != title]
    if sum(len(paragraph.split()) for paragraph in body) < MIN_ARTICLE_WORDS:
        raise PageUnusable("No article text found in the page")
    author = document.author
    if story_author and (not author or _credits_more(story_author, author)):
        author = story_author  # trafilatura reads the people among the authors, not an agency
    byline = _credit_byline(author, body)
    return ExtractedArticle(
        text="\n\n".join([*([title] if title else []), *([byline] if byline else []), *body]),
        title=clip(title, TITLE_MAX_CHARS),
        author=clip(" ".join((author or "").split()) or None, AUTHOR_MAX_CHARS),
        published_at=published.at if published else None,
        language=language,
        published_time_known=published.has_time if published else False,
    )


# --- extraction, bounded ---------------------------------------------------------------------

#: lxml's cost grows with the square of one element's attributes (8,000 took 2.6 s, 16,000 took
#: 16 s; benchmarks/extraction.py); pages have a few dozen at most, so 256 costs nothing.
MAX_ATTRIBUTES_PER_ELEMENT = 256
#: Large news pages run to 10,000 - 20,000 elements; past this a page is not an article page.
#: What still passes is held to the time limit.
MAX_ELEMENTS = 50_000
_START_TAG = re.compile(rb"<[A-Za-z][^>]*(?:>|\Z)")
_ATTRIBUTE = re.compile(rb"""[^\s"'=<>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]*))?""")
# Pool processes fork from a server process started clean (not from this one and its threads)
# that has this module, and so lxml and trafilatura, loaded once.
_context = multiprocessing.get_context("forkserver")
_context.set_forkserver_preload([__name__])


def check_page_size(
    html: str | bytes, *, max_elements: int | None = MAX_ELEMENTS, what: str = "page"
) -> None:
    """:class:`PageUnusable` for a page of more elements, or an element of more attributes, than
    extraction takes: counted over the tags in one pass, before any parser sees the page.
    ``max_elements`` None counts attributes only (a feed, whose items carry their articles' markup)."""
    data = html.encode("utf-8", errors="replace") if isinstance(html, str) else html
    for elements, tag in enumerate(_START_TAG.finditer(data), start=1):
        if max_elements is not None and elements > max_elements:
            raise PageUnusable(
                f"The {what} has more than {max_elements} elements; at most {max_elements} are read"
            )
        name_end = re.search(rb"[\s/>]|\Z", tag.group()[1:])
        attributes = tag.group()[1 + (name_end.start() if name_end else 0) :]
        if len(attributes) > MAX_ATTRIBUTES_PER_ELEMENT * 2:  # each attribute takes 2 characters at least
            count = len(_ATTRIBUTE.findall(attributes))
            if count > MAX_ATTRIBUTES_PER_ELEMENT:
                raise PageUnusable(
                    f"The {what} has an element with {count} attributes; "
                    f"at most {MAX_ATTRIBUTES_PER_ELEMENT} are read",
                )


def _serve_extractions(connection: Connection) -> None:
    """A pool process: run each job sent (a function, its arguments, the errors it refuses with)
    until the pool closes its end."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle; it closes us
    connection.send("ready")
    while True:
        try:
            job, args, refusals, seconds = connection.recv()
        except (EOFError, OSError):
            return
        # should the server die mid-job and never kill us, the alarm still does
        signal.alarm(math.ceil(seconds) + 2)
        try:
            connection.send(("done", job(*args)))
        except refusals as error:
            connection.send(("refused", error))
        except Exception as error:
            # a failure of ours (a bug in a parser, or one it calls) is sent back named, not left to
            # kill this process: the caller then says what failed, and the process serves on
            connection.send(("failed", (type(error).__name__, str(error), traceback.format_exc())))
        finally:
            signal.alarm(0)


#: How a job's verb reads in "could not be ...": "extract" -> "extracted".
_PAST = {"extract": "extracted", "read": "read"}

#: Longest a pool process may take to start (the first loads the extraction libraries).
WORKER_START_SECONDS = 60.0


@dataclass(slots=True)
class _Worker:
    process: multiprocessing.process.BaseProcess
    connection: Connection


class ExtractionPool:
    """Up to ``size`` processes, started when first needed and reused, that extract pages; one that
    runs past its deadline is killed (SIGKILL: lxml does not return to Python to hear a signal)
    and replaced when next needed. Pool processes die with SIGTERM, and leave when the pool
    closes (or the server goes: they read end of file)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._slots = threading.BoundedSemaphore(size)
        self._lock = threading.Lock()
        self._idle: list[_Worker] = []
        self.killed = 0  # processes killed at their deadline, for tests and logs

    def _worker(self) -> _Worker:
        with self._lock:
            if self._idle:
                return self._idle.pop()
        ours, theirs = _context.Pipe()
        process = _context.Process(target=_serve_extractions, args=(theirs,), name="wirediff-extract")
        process.start()
        theirs.close()
        worker = _Worker(process, ours)
        # Starting is not the page's time: the first process of a server takes seconds (the fork
        # server loads lxml and trafilatura), the others milliseconds.
        try:
            started = ours.poll(WORKER_START_SECONDS) and ours.recv() == "ready"
        except (EOFError, OSError):
            started = False
        if not started:
            self._kill(worker)
            raise ExtractorBusy("The article extractor could not be started; try again shortly")
        return worker

    def extract(self, html: str | bytes, url: str | None, *, timeout_seconds: float) -> ExtractedArticle:
        found = self.run(
            extract_article,
            (html,),
            {"url": url},
            refusals=(PageError,),
            timeout_seconds=timeout_seconds,
            what="page",
            doing="extract",
        )
        assert isinstance(found, ExtractedArticle)
        return found

    def run(
        self,
        job: Callable[..., object],
        args: tuple[object, ...],
        kwargs: Mapping[str, object] | None = None,
        *,
        refusals: tuple[type[Exception], ...],
        timeout_seconds: float,
        what: str,
        doing: str,
    ) -> object:
        """``job(*args, **kwargs)`` (a module-level function: it is sent by name) in a pool process,
        killed past ``timeout_seconds`` (:class:`PageUnusable` naming ``what`` and ``doing``:
        "The feed took longer than 2 s to read"). ``refusals`` come back raised as they are; any
        other exception of the job is :class:`PageUnusable` naming it (logged with its traceback;
        the process serves on), and a process that dies without an answer is one too."""
        if not self._slots.acquire(timeout=timeout_seconds):
            raise ExtractorBusy(
                f"Too many {what}s are being {_PAST.get(doing, doing)} at once; try again shortly"
            )
        try:
            return self._run(partial(job, **(kwargs or {})), args, refusals, timeout_seconds, what, doing)
        finally:
            self._slots.release()

    def _run(
        self,
        job: Callable[..., object],
        args: tuple[object, ...],
        refusals: tuple[type[Exception], ...],
        timeout_seconds: float,
        what: str,
        doing: str,
    ) -> object:
        worker = self._worker()
        deadline = time.monotonic() + timeout_seconds
        try:
            worker.connection.send((job, args, refusals, timeout_seconds))
            if not worker.connection.poll(max(0.0, deadline - time.monotonic())):
                self._kill(worker)
                self.killed += 1
                limit = f"{timeout_seconds:g} s"
                raise PageUnusable(
                    f"The {what} took longer than {limit} to {doing} (WIREDIFF_EXTRACT_TIMEOUT_SECONDS)"
                )
            kind, value = worker.connection.recv()
        except (EOFError, OSError) as error:  # the process died without an answer
            self._kill(worker)
            raise PageUnusable(f"The {what} could not be {_PAST.get(doing, doing)}") from error
        with self._lock:
            self._idle.append(worker)
        if kind == "refused":
            assert isinstance(value, Exception)
            raise value
        if kind == "failed":
            name, message, trace = value
            logger.error("%s %s in a pool process failed:\n%s", doing, what, trace)
            raise PageUnusable(
                f"The {what} could not be {_PAST.get(doing, doing)} ({name}): {message}"[:STORED_ERROR_CHARS]
            )
        return value

    @staticmethod
    def _kill(worker: _Worker) -> None:
        worker.process.kill()
        worker.process.join()
        worker.connection.close()

    def pids(self) -> list[int]:
        """The idle processes' ids."""
        with self._lock:
            return [worker.process.pid for worker in self._idle if worker.process.pid is not None]

    def close(self) -> None:
        """Idle processes told to leave (their end of the pipe closed) and waited for."""
        with self._lock:
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.connection.close()
            worker.process.join(timeout=5)
            if worker.process.is_alive():
                self._kill(worker)


#: The extraction processes of one process, every number in one place. Requests and ``wirediff
#: import`` get one per core (pages are extracted at once no more than the cores can run). The
#: watcher (feeds, sitemaps and watched pages) gets as many of its own: sharing the requests'
#: pool, two large feeds held every slot of a two-core server and a request's extraction waited
#: 2.7 of its 3 s; and a standalone ``wirediff worker -w N`` extracts as many pages at once as
#: the cores can run, as it did with the one pool. At most ``EXTRACT_PROCESSES +
#: WATCH_EXTRACT_PROCESSES`` processes, each started only when first needed. A poll that finds the
#: watcher's all busy is made again shortly (watch.EXTRACTOR_BUSY_RETRY).
EXTRACT_PROCESSES = max(1, multiprocessing.cpu_count())
WATCH_EXTRACT_PROCESSES = EXTRACT_PROCESSES
extraction_pool = ExtractionPool(EXTRACT_PROCESSES)
watch_extraction_pool = ExtractionPool(WATCH_EXTRACT_PROCESSES)
atexit.register(extraction_pool.close)
atexit.register(watch_extraction_pool.close)


def extract_page(
    html: str | bytes,
    url: str | None = None,
    *,
    timeout_seconds: float,
    pool: ExtractionPool = extraction_pool,
) -> ExtractedArticle:
    """:func:`extract_article` for a page from outside, bounded: its elements and attributes counted
    first (:func:`check_page_size`), then extracted in a process of ``pool`` that is killed if the
    page takes more than ``timeout_seconds`` (:class:`PageUnusable`; ``WIREDIFF_EXTRACT_TIMEOUT_SECONDS``),
    the wait for a free process included (:class:`ExtractorBusy` when none frees in time). The one
    way in for every caller: ``{"html"}``, ``{"url"}``, ``wirediff import`` and, with
    ``watch_extraction_pool``, the watcher.
    """
    check_page_size(html)
    return pool.extract(html, url, timeout_seconds=timeout_seconds)


def page_html(page: FetchedPage) -> str:
    """The page as text: in the charset the server named, else as the page declares or as detected."""
    if page.charset:
        try:
            return page.body.decode(page.charset, errors="replace")
        except LookupError:
            pass
    return decode_file(page.body)
