"""Stored articles: create (deduplicated), list with filters, read, delete."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from app import crud
from app.api.deps import (
    MAX_ID,
    ArticleId,
    SessionDep,
    SettingsDep,
    article_or_404,
    require_json,
)
from app.api.problems import ProblemError, problem_responses
from app.api.routing import ApiRoute
from app.api.security import require_api_key
from app.models import Article
from app.schemas import (
    SEARCH_MAX_CHARS,
    SEARCH_MAX_TERMS,
    SEARCH_MIN_TERM_CHARS,
    ArticleInfo,
    ArticlePublic,
    ArticlesPublic,
    ArticleSubmission,
    SearchQuery,
    SourceFilter,
    UtcDateTime,
    ValidationIssue,
)
from app.services.articles import store_submission

router = APIRouter(route_class=ApiRoute, prefix="/articles", tags=["articles"])


@router.post(
    "",
    status_code=201,
    response_model=ArticlePublic,
    dependencies=[Depends(require_api_key), Depends(require_json)],
    responses={
        201: {
            "description": "Stored; Location is the new article's URL.",
            "headers": {"Location": {"schema": {"type": "string"}, "description": "/v1/articles/{id}"}},
        },
        200: {
            "model": ArticlePublic,
            "description": "Already stored (same source and text): the stored one.",
        },
        **problem_responses(
            400,
            413,
            415,
            422,
            502,
            503,
            described={
                422: "The request is invalid (`errors` lists each field), a text is over a configured"
                " limit, or the page at `url` is refused, not HTML, too large, or holds no article.",
                502: "The page at `url` could not be had: the server failed, answered an error, or"
                " timed out.",
                503: "The database cannot be reached (Retry-After says when to retry), or other"
                " requests kept storing and deleting the same article meanwhile (send it again).",
            },
        ),
    },
)
def create_article(
    submission: ArticleSubmission, session: SessionDep, settings: SettingsDep, response: Response
) -> Article:
    """Store a version of a story: its `text`, a saved page's `html`, or only a `url` to fetch the
    page from (http or https; not private addresses). From a page, the main text, title, date and
    author are extracted, and its HTML is kept only with `keep_html`. The same source and
    normalised text posted again returns the stored article (200) instead of a duplicate. Title and
    language are detected when not given."""
    article, created = store_submission(session=session, submission=submission, settings=settings)
    if created:
        response.headers["Location"] = f"/v1/articles/{article.id}"
    else:
        response.status_code = 200
    return article


@router.get("", response_model=ArticlesPublic, responses=problem_responses(422))
def list_articles(
    session: SessionDep,
    source: Annotated[
        SourceFilter | None, Query(description='Exact source, e.g. "Reuters" (trimmed, as stored).')
    ] = None,
    q: Annotated[
        SearchQuery | None,
        Query(
            max_length=SEARCH_MAX_CHARS,
            description=f"Words that must all begin a word of the title or text (at most {SEARCH_MAX_TERMS}"
            f" words of {SEARCH_MIN_TERM_CHARS} characters or more; other characters separate words).",
        ),
    ] = None,
    published_since: Annotated[
        UtcDateTime | None, Query(description="Published at or after (ISO 8601).")
    ] = None,
    published_until: Annotated[
        UtcDateTime | None, Query(description="Published at or before (ISO 8601).")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0, le=MAX_ID)] = 0,
) -> ArticlesPublic:
    """Articles in the order they were stored, without their texts, with the total count."""
    if published_since is not None and published_until is not None and published_until < published_since:
        detail = '"published_until" is before "published_since": no date is both'
        raise ProblemError(
            422,
            detail,
            errors=[
                ValidationIssue(loc=["query", name], detail=detail, type="range_empty")
                for name in ("published_since", "published_until")
            ],
        )
    articles, count = crud.list_articles(
        session=session,
        source=source,
        words=q.split() if q else (),
        published_since=published_since,
        published_until=published_until,
        limit=limit,
        offset=offset,
    )
    return ArticlesPublic(
        data=[ArticleInfo.model_validate(article) for article in articles],
        count=count,
        limit=limit,
        offset=offset,
    )


@router.get("/{article_id}", response_model=ArticlePublic, responses=problem_responses(404, 422))
def read_article(article_id: ArticleId, session: SessionDep) -> Article:
    """One article with its text."""
    return article_or_404(session, article_id)


#: A kept page is served inert: no scripts, no loads (its images and stylesheets stay away).
KEPT_HTML_POLICY = "sandbox; default-src 'none'; style-src 'unsafe-inline'"


@router.get(
    "/{article_id}/html",
    response_class=Response,
    responses={
        200: {
            "description": "The page as posted or fetched, under a sandboxing Content-Security-Policy.",
            "content": {"text/html": {"schema": {"type": "string"}}},
        },
        **problem_responses(404, 422, described={404: "No such article, or its HTML was not kept."}),
    },
)
def read_article_html(article_id: ArticleId, session: SessionDep) -> Response:
    """The page an article was extracted from, when it was posted or fetched with `keep_html`."""
    html = crud.get_article_html(session=session, article_id=article_id)
    if html is None:  # a kept page is its article's (deleted with it): only a miss asks which 404
        article_or_404(session, article_id)
        raise ProblemError(
            404, f'Article {article_id} has no kept HTML (post its page again with "keep_html": true)'
        )
    return Response(
        html, media_type="text/html; charset=utf-8", headers={"Content-Security-Policy": KEPT_HTML_POLICY}
    )


@router.delete(
    "/{article_id}",
    status_code=204,
    dependencies=[Depends(require_api_key)],
    responses=problem_responses(404, 422),
)
def delete_article(article_id: ArticleId, session: SessionDep) -> Response:
    """Delete an article and every cached comparison it is part of."""
    crud.delete_article(session=session, article=article_or_404(session, article_id))
    return Response(status_code=204)
