"""Across stored articles: an article's related versions, its origin, and its URL's versions."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from app.api.deps import ArticleId, SessionDep, SettingsDep
from app.api.guard import COMPARE_REFUSALS, ComparisonCharge, compare_guard
from app.api.problems import problem_responses
from app.api.routing import ApiRoute
from app.schemas import ArticleVersions, Origin, RelatedVersions
from app.services.related import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    article_versions,
    origin_of,
    related_versions,
)

# Both compare stored articles (the engine, for what is not cached yet): guarded as compare routes are.
router = APIRouter(
    route_class=ApiRoute,
    prefix="/articles",
    tags=["related"],
    dependencies=[Depends(compare_guard, scope="function")],
    responses=COMPARE_REFUSALS,
)
versions_router = APIRouter(route_class=ApiRoute, prefix="/articles", tags=["articles"])


@router.get("/{article_id}/related", response_model=RelatedVersions, responses=problem_responses(404, 422))
def read_related(
    article_id: ArticleId,
    session: SessionDep,
    settings: SettingsDep,
    charge: ComparisonCharge,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Most versions to return.")] = DEFAULT_LIMIT,
) -> RelatedVersions:
    """Stored versions of this article's story: copies first, then derived and related versions,
    each with the engine's verdict and shares and a link to the full comparison. Candidates come
    from an index of the articles' sentences; the ones the engine judges unrelated are left out.
    Each comparison computed (not cached yet) beyond the first counts against the compare rate."""
    return related_versions(
        session=session, article_id=article_id, settings=settings, limit=limit, on_compute=charge
    )


@router.get("/{article_id}/origin", response_model=Origin, responses=problem_responses(404, 422))
def read_origin(
    article_id: ArticleId, session: SessionDep, settings: SettingsDep, charge: ComparisonCharge
) -> Origin:
    """The stored article this one most likely comes from: among those it derives from, one whose
    source it credits, then one holding near the most of it, then the earliest published; with the
    evidence (shared sentences, credits).
    The article itself when nothing it derives from comes first. Each comparison computed (not
    cached yet) beyond the first counts against the compare rate."""
    return origin_of(session=session, article_id=article_id, settings=settings, on_compute=charge)


@versions_router.get(
    "/{article_id}/versions", response_model=ArticleVersions, responses=problem_responses(404, 422)
)
def read_versions(article_id: ArticleId, session: SessionDep) -> ArticleVersions:
    """Every text stored for this article's URL, oldest first, each with a link to what changed
    since the previous one. Posting a new text for a stored URL adds a version."""
    return article_versions(session=session, article_id=article_id)
