"""The limits every comparison and every stored article is held to, so that a stored article
always stays comparable: characters per text, sentences per side, a time budget.

- A raw text is segmented first and refused (:class:`~app.services.errors.OverLimit`) when it
  yields more than WIREDIFF_MAX_SENTENCES sentences, the same limit pre-split input has.
- The engine gets WIREDIFF_COMPARE_TIME_BUDGET; over it, the engine raises
  :class:`~app.engine.ComparisonTimeoutError`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from app.config import Settings
from app.engine import (
    CompareOptions,
    Comparison,
    PreparedDocument,
    SentenceLimitError,
    compare,
    engine_version,
)
from app.schemas import ValidationIssue
from app.services.errors import OverLimit

__all__ = [
    "Located",
    "cached_version",
    "compare_within_limits",
    "enforce_sentence_limit",
    "enforce_text_limits",
    "sentence_issue",
    "server_options",
    "text_limit_issues",
]

#: Where a side sits in the request (FastAPI's ``loc``) and its content: raw text or sentences.
Located = tuple[list[str | int], str | Sequence[str]]


def sentence_issue(loc: Sequence[str | int], count: int, settings: Settings) -> ValidationIssue:
    """The 422's issue for a side over WIREDIFF_MAX_SENTENCES."""
    return ValidationIssue(
        loc=list(loc),
        detail=f"{count} sentences, over the limit of {settings.max_sentences} (WIREDIFF_MAX_SENTENCES)",
        type="limit",
    )


def _over_sentence_limit(issue: ValidationIssue) -> OverLimit:
    return OverLimit([issue])


def enforce_sentence_limit(settings: Settings, loc: list[str | int], prepared: PreparedDocument) -> None:
    """OverLimit when a prepared raw text holds more sentences than WIREDIFF_MAX_SENTENCES."""
    count = len(prepared.document.sentences)
    if count > settings.max_sentences:
        raise _over_sentence_limit(sentence_issue(loc, count, settings))


def enforce_text_limits(settings: Settings, *contents: Located) -> None:
    """OverLimit naming the limit when a text or sentence list is over WIREDIFF_MAX_TEXT_CHARS or
    WIREDIFF_MAX_SENTENCES."""
    issues = text_limit_issues(settings, *contents)
    if issues:
        raise OverLimit(issues)


def text_limit_issues(settings: Settings, *contents: Located) -> list[ValidationIssue]:
    """Each text or sentence list over WIREDIFF_MAX_TEXT_CHARS or WIREDIFF_MAX_SENTENCES, as an
    issue naming the limit (:func:`enforce_text_limits` raises them; a form shows them by field)."""
    issues: list[ValidationIssue] = []
    for loc, content in contents:
        if isinstance(content, str):
            chars = len(content)
        else:
            chars = sum(map(len, content))
            if len(content) > settings.max_sentences:
                issues.append(sentence_issue(loc, len(content), settings))
        if chars > settings.max_text_chars:
            issues.append(
                ValidationIssue(
                    loc=loc,
                    detail=f"{chars} characters, over the limit of {settings.max_text_chars}"
                    " (WIREDIFF_MAX_TEXT_CHARS)",
                    type="limit",
                )
            )
    return issues


def server_options(settings: Settings, options: CompareOptions | None = None) -> CompareOptions:
    """``options`` (a request's) with what the server decides: the limits and the meaning model."""
    return dataclasses.replace(
        options or CompareOptions(),
        time_budget=settings.compare_time_budget,
        max_sentences=settings.max_sentences,
        semantic_meaning=settings.semantic_meaning,
    )


def cached_version(settings: Settings) -> str:
    """The engine version this server's comparisons report and are cached under."""
    return engine_version(server_options(settings))


def compare_within_limits(
    base: Located, other: Located, settings: Settings, options: CompareOptions | None = None
) -> Comparison:
    """The engine's ``compare`` under the configured limits: each side's sentences counted as soon
    as it is prepared (OverLimit before the other side costs anything: a text of 100,000 one-letter
    lines takes over a second to segment), then aligned within the time budget, preparation
    included."""
    options = server_options(settings, options)
    try:
        return compare(base[1], other[1], options)
    except SentenceLimitError as error:
        loc = base[0] if error.side == "base" else other[0]
        raise _over_sentence_limit(sentence_issue(loc, error.count, settings)) from None
