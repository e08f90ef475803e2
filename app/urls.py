"""URLs as the store reads them: one page whatever a link adds to its address. No I/O.

>>> same_page("HTTPS://Outlet.Example:443/news/a?id=3&utm_source=rss#comments")
'https://outlet.example/news/a?id=3'
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from url_normalize import url_normalize

__all__ = ["clean_url", "same_page"]

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


def same_page(url: str) -> str:
    """The URL every link to the same page shares: :func:`clean_url`'s, normalised as RFC 3986
    section 6 says (url-normalize: scheme and host in lower case, the scheme's own port left out,
    dot segments resolved, percent-encoding made uniform, an IDN host in its ASCII form). An address
    no server could have (an unclosed IPv6 literal, a label over 63 characters) is
    :func:`clean_url`'s as it came."""
    cleaned = clean_url(url)
    try:
        return url_normalize(cleaned) or cleaned
    except ValueError:  # UnicodeError included
        return cleaned
