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
    enforce_text_limits,
    require_json,
)
from app.engine.compare import prepare
from app.limits import enforce_sentence_limit
from app.models import (
    Article,
    ArticleCreate,
    ArticleInfo,
    ArticlePublic,
    ArticlesPublic,
    StorableText,
    UtcDateTime,
)
from app.problems import problem_responses
from app.security import require_api_key

router = APIRouter(prefix="/articles", tags=["articles"])


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
        **problem_responses(400, 413, 415, 422),
    },
)
def create_article(
    article_in: ArticleCreate, session: SessionDep, settings: SettingsDep, response: Response
) -> Article:
    """Store a version of a story. The same source and normalised text posted again returns the
    stored article (200) instead of a duplicate. Title and language are detected when not given."""
    enforce_text_limits(settings, (["body", "text"], article_in.text))
    # a stored article must stay comparable: the sentence limit holds for raw texts too
    enforce_sentence_limit(settings, ["body", "text"], prepare(article_in.text))
    article, created = crud.create_article(session=session, article_in=article_in)
    if created:
        response.headers["Location"] = f"/v1/articles/{article.id}"
    else:
        response.status_code = 200
    return article


@router.get("", response_model=ArticlesPublic, responses=problem_responses(422))
def list_articles(
    session: SessionDep,
    source: Annotated[StorableText | None, Query(description='Exact source, e.g. "Reuters".')] = None,
    q: Annotated[
        StorableText | None,
        Query(min_length=1, max_length=200, description="Words that must all occur in the title or text."),
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
    articles, count = crud.list_articles(
        session=session,
        source=source,
        q=q,
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
