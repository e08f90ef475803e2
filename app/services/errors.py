"""What a use case can refuse, as data: no HTTP status here (``app.api.problems`` maps each to
one problem+json answer; the dashboard and the CLI word them their own way)."""

from __future__ import annotations

from collections.abc import Sequence

from app.schemas import ValidationIssue

__all__ = [
    "STORED_ERROR_CHARS",
    "ArticleNotFound",
    "DomainError",
    "ExtractorBusy",
    "FetchFailed",
    "FetchForbidden",
    "FetchRefused",
    "OverLimit",
    "PageError",
    "PageUnusable",
    "StoreContended",
    "TooManyRedirects",
]


#: An error stored on a row (a watch's, a page's, a delivery's) is cut to this: an exception's or a
#: receiver's text has no bound of its own.
STORED_ERROR_CHARS = 500


class DomainError(Exception):
    """A use case refused: ``detail`` says why, to be shown as it is."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class ArticleNotFound(DomainError, LookupError):  # noqa: N818 (named for what happened)
    """No stored article has this id."""

    def __init__(self, article_id: int) -> None:
        super().__init__(f"Article {article_id} not found")
        self.article_id = article_id


class StoreContended(DomainError):  # noqa: N818 (named for what happened)
    """Other writers kept storing and deleting the same article, or storing new versions of its
    URL, at each of the tries at storing it; the same request may succeed shortly."""


class OverLimit(DomainError):  # noqa: N818 (named for what happened)
    """A text, or a list of sentences, is over a configured limit (WIREDIFF_MAX_TEXT_CHARS,
    WIREDIFF_MAX_SENTENCES): ``issues`` names each side and limit."""

    def __init__(self, issues: Sequence[ValidationIssue]) -> None:
        super().__init__("Over a configured limit: see errors")
        self.issues = list(issues)


class PageError(DomainError):
    """A web page could not be had, or holds nothing that can be stored: what fetching and
    extracting refuse. Callers that only report the reason catch this one."""


class FetchRefused(PageError):  # noqa: N818 (named for what happened)
    """A URL this server will not fetch: a scheme other than http and https, no host, a host name
    that cannot be a URL's, or a host at a loopback, private or otherwise non-public address."""


class FetchFailed(PageError):  # noqa: N818 (named for what happened)
    """The page could not be had from its server: the name does not resolve, the connection
    fails or times out, the server answers an error (``status``), or redirects too often."""

    def __init__(self, detail: str, *, status: int | None = None) -> None:
        super().__init__(detail)
        self.status = status


class TooManyRedirects(FetchFailed):
    """The server redirected more than WIREDIFF_FETCH_MAX_REDIRECTS times."""


class FetchForbidden(PageError):  # noqa: N818 (named for what happened)
    """The site's robots.txt forbids fetching the page."""


class PageUnusable(PageError):  # noqa: N818 (named for what happened)
    """A page that was had, or sent, but cannot be used: not HTML, over a size limit, corrupt,
    too large to parse, too slow to extract, without article text, or with an article that
    cannot be stored."""


class ExtractorBusy(PageError):  # noqa: N818 (named for what happened)
    """No extraction process could take the page in time (all busy, or one could not start);
    the same page may succeed shortly."""
