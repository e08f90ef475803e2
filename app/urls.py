"""URLs as the store reads them: one page whatever a link adds to its address. No I/O.

>>> same_page("HTTPS://Outlet.Example:443/news/a?id=3&utm_source=rss#comments")
'https://outlet.example/news/a?id=3'
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

__all__ = ["clean_url", "same_page"]

#: Query parameters that only track where a reader came from: the same article without them.
_TRACKING = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "ocid", "cmpid")
_DEFAULT_PORTS = {"http": 80, "https": 443}


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
    """The URL every link to the same page shares: :func:`clean_url`'s, its scheme and host in
    lower case (they have no case), the port left out where it is the scheme's own. The path and
    the query keep theirs: servers may tell ``/A`` from ``/a``."""
    parts = urlsplit(clean_url(url))
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    if ":" in host:  # an IPv6 literal
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:  # no port a server could have: leave the address as it came
        return urlunsplit((scheme, parts.netloc.lower(), parts.path, parts.query, ""))
    netloc = host if port in (None, _DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    if parts.username or parts.password:
        netloc = f"{parts.netloc.rpartition('@')[0]}@{netloc}"
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))
