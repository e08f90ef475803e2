"""URLs as the store reads them: one page whatever a link adds to its address. No I/O.

>>> same_page("HTTPS://Outlet.Example:443/news/a?id=3&utm_source=rss#comments")
'https://outlet.example/news/a?id=3'
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from url_normalize import url_normalize

__all__ = ["clean_url", "same_page", "shown_apprise_url", "shown_webhook_url"]

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


#: What stands for the part of an address left out when it is shown.
HIDDEN = "\u2026"


def shown_webhook_url(url: str) -> str:
    """A webhook URL as answers show it: its scheme and host (with the port), the rest, where
    tokens and passwords go (a user and password, the path, the query), left out.

    >>> shown_webhook_url("https://user:pw@hooks.example:8443/x?token=SECRETTOKEN")
    'https://hooks.example:8443/\u2026'
    >>> shown_webhook_url("https://hooks.example/")
    'https://hooks.example/'
    """
    parts = urlsplit(url)
    host = parts.netloc.rpartition("@")[2]
    if not parts.scheme or not host:
        return HIDDEN
    hidden = "@" in parts.netloc or parts.path not in ("", "/") or parts.query or parts.fragment
    return f"{parts.scheme}://{host}/{HIDDEN if hidden else ''}"


def is_shown_form(url: str) -> bool:
    """Whether ``url`` is an address as answers show it, a part left out (:data:`HIDDEN`, also as
    a URL parser percent-encodes it): sent back, it would replace the address it stands for.

    >>> is_shown_form("https://hooks.example/%E2%80%A6"), is_shown_form("https://hooks.example/x")
    (True, False)
    """
    return HIDDEN in url or "%E2%80%A6" in url.upper()


def shown_apprise_url(url: str) -> str:
    """An apprise URL as answers show it: its scheme (the kind of channel) alone. Apprise puts
    tokens anywhere, in the host's place too (``tgram://bottoken/chat``, ``slack://A/B/C``), so
    nothing after the scheme is shown.

    >>> shown_apprise_url("mailto://user:hunter2@example.com")
    'mailto://\u2026'
    """
    scheme, found, _ = url.partition("://")
    if not found or not scheme or not scheme.replace("+", "").replace("-", "").replace(".", "").isalnum():
        return HIDDEN
    return f"{scheme.lower()}://{HIDDEN}"


def shown_target(channel: str, url: str) -> str:
    """A delivery's address as answers show it: a webhook's as :func:`shown_webhook_url`, an
    apprise channel's as :func:`shown_apprise_url`."""
    return shown_webhook_url(url) if channel == "webhook" else shown_apprise_url(url)
