"""Storing an article: held to the comparison limits, prepared once for the engine (and that
preparation kept with it), hashed, titled, its language told and its related-versions index keys
computed, then written by
:func:`app.crud.create_article` (which computes nothing itself).

Every way in (``POST /v1/articles``, the dashboard's form, ``wirediff import``) goes through
:func:`store_article`, so a stored article always stays comparable.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from pydantic import ValidationError
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from app import crud
from app.config import Settings
from app.engine import band_keys, normalize, preparation_of, prepare
from app.models import TITLE_MAX_CHARS, Article, clip
from app.schemas import ArticleCreate, ArticleSubmission, validation_reasons
from app.services.errors import PageUnusable, StoreContended
from app.services.limits import enforce_sentence_limit, enforce_text_limits
from app.services.pages import extract_page, fetch_page, page_html

__all__ = [
    "ResolvedArticle",
    "content_hash",
    "resolve_submission",
    "store_article",
    "store_submission",
]


def content_hash(text: str) -> str:
    """SHA-256 of the normalised text: quote styles, dashes and spacing do not make a new version.

    >>> content_hash("“Ceasefire” now") == content_hash('"Ceasefire"   now')
    True
    """
    return hashlib.sha256(normalize(text).encode()).hexdigest()


def store_article(
    *,
    session: Session,
    article_in: ArticleCreate,
    settings: Settings,
    html: str | None = None,
    language: str | None = None,
) -> tuple[Article, bool]:
    """Store a new article, or return the stored one with the same source and content hash.

    The text is held to WIREDIFF_MAX_TEXT_CHARS and, prepared once, to WIREDIFF_MAX_SENTENCES
    (:class:`~app.services.errors.OverLimit`), since a stored article must stay comparable.
    ``html``: the page it was extracted from, kept beside a new article. ``language``: the
    page's declared language, taken when the text is too short or mixed to tell.
    Returns ``(article, created)``; :class:`~app.services.errors.StoreContended` when other
    writers kept winning the race to store or delete it.
    """
    enforce_text_limits(settings, (["body", "text"], article_in.text))
    prepared = prepare(article_in.text)
    enforce_sentence_limit(settings, ["body", "text"], prepared)
    try:
        return crud.create_article(
            session=session,
            article_in=article_in,
            content_hash=content_hash(article_in.text),
            # a blank title is none, as a blank source is refused: the text's headline is taken
            title=(article_in.title or "").strip() or clip(prepared.document.title, TITLE_MAX_CHARS),
            language=prepared.language or language,
            band_keys=band_keys(prepared),
            prepared=preparation_of(prepared),
            html=html,
        )
    except IntegrityError as error:  # only after crud's tries, each lost to a writer that committed
        raise StoreContended(
            "Other requests kept storing and deleting this article (or new versions of its URL)"
            " at the same time; send it again"
        ) from error


@dataclass(slots=True, frozen=True)
class ResolvedArticle:
    """A submission made storable: its text, and the page behind it when that is to be kept."""

    article: ArticleCreate
    html: str | None = None
    language: str | None = None  # the page's declared language


def resolve_submission(submission: ArticleSubmission, *, settings: Settings) -> ResolvedArticle:
    """Text as given; HTML extracted; a URL alone fetched, then extracted. Fields the client gave
    (title, published_at, author) win over what the page says."""
    fields = submission.model_dump(include={"source", "title", "url", "published_at", "author"})
    if not (fields["title"] or "").strip():
        fields["title"] = None  # blank: no title given, so the page's is taken
    if submission.text is not None:
        return ResolvedArticle(ArticleCreate.model_validate({**fields, "text": submission.text}))
    if submission.html is not None:
        html, base_url = submission.html, submission.url
    else:
        assert submission.url is not None  # the model allows no other case
        page = fetch_page(submission.url, settings=settings)
        html, base_url = page_html(page), page.url
    extracted = extract_page(html, base_url, timeout_seconds=settings.extract_timeout_seconds)
    found = {
        "title": extracted.title,
        "published_at": extracted.published_at,
        "author": extracted.author,
    }
    merged = {**fields, **{key: value for key, value in found.items() if fields.get(key) is None}}
    try:
        article = ArticleCreate.model_validate({**merged, "text": extracted.text})
    except ValidationError as error:  # e.g. NUL characters in the page
        reasons = validation_reasons(error)
        raise PageUnusable(f"The page's article cannot be stored ({reasons})") from error
    kept = html.replace("\x00", "") if submission.keep_html else None
    return ResolvedArticle(article, html=kept, language=extracted.language)


def store_submission(
    *, session: Session, submission: ArticleSubmission, settings: Settings
) -> tuple[Article, bool]:
    """What ``POST /v1/articles`` and the dashboard's form both do: the submission resolved
    (:func:`resolve_submission`; a :class:`~app.services.errors.PageError` when a page cannot be
    had), then stored (:func:`store_article`). Returns ``(article, created)``."""
    resolved = resolve_submission(submission, settings=settings)
    return store_article(
        session=session,
        article_in=resolved.article,
        settings=settings,
        html=resolved.html,
        language=resolved.language,
    )
