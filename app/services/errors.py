"""What a use case can refuse, as data: no HTTP status here (``app.api.problems`` maps each to
one problem+json answer; the dashboard and the CLI word them their own way)."""

from __future__ import annotations

from collections.abc import Sequence

from app.schemas import ValidationIssue

__all__ = ["ArticleNotFound", "DomainError", "OverLimit"]


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


class OverLimit(DomainError):  # noqa: N818 (named for what happened)
    """A text, or a list of sentences, is over a configured limit (WIREDIFF_MAX_TEXT_CHARS,
    WIREDIFF_MAX_SENTENCES): ``issues`` names each side and limit."""

    def __init__(self, issues: Sequence[ValidationIssue]) -> None:
        super().__init__("Over a configured limit: see errors")
        self.issues = list(issues)
