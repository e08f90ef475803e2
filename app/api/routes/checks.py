"""Checks for CI: compare two versions and test rules; ``?strict=true`` turns a failure into a 422."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response
from sqlmodel import Session

from app.api.deps import (
    SessionDep,
    SettingsDep,
    article_or_404,
    located,
    require_json,
)
from app.api.guard import COMPARE_REFUSALS, compare_guard
from app.api.problems import PROBLEM_MEDIA_TYPE, problem_responses
from app.api.routing import ApiRoute
from app.config import Settings
from app.engine import Comparison
from app.schemas import ArticleRef, CheckRequest, CheckResult, SentencesInput, TextInput
from app.services.comparisons import compare_articles, from_json
from app.services.limits import Located, compare_within_limits, enforce_text_limits
from app.services.rules import evaluate

router = APIRouter(
    route_class=ApiRoute,
    tags=["checks"],
    dependencies=[Depends(compare_guard, scope="function")],
    responses=COMPARE_REFUSALS,
)

Side = ArticleRef | TextInput | SentencesInput


def _located(name: str, side: Side, session: Session) -> Located:
    if isinstance(side, ArticleRef):
        return ["body", name, "id"], article_or_404(session, side.id).text
    return located(["body", name], side)


def _comparison(base: Side, other: Side, session: Session, settings: Settings) -> Comparison:
    if isinstance(base, ArticleRef) and isinstance(other, ArticleRef):
        cached = compare_articles(
            session=session,
            base=article_or_404(session, base.id),
            other=article_or_404(session, other.id),
            settings=settings,
        )
        return from_json(cached.body)
    return compare_within_limits(_located("base", base, session), _located("other", other, session), settings)


@router.post(
    "/checks",
    response_model=CheckResult,
    dependencies=[Depends(require_json)],
    responses={
        200: {"description": "The check ran; `passed` says how it went."},
        **problem_responses(400, 404, 413, 415, 422),
        422: {
            "description": "With strict=true, a failed check (the same body as 200); otherwise, or as "
            "problem+json, an invalid request.",
            "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/CheckResult"}},
                PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}},
            },
        },
    },
)
def run_check(
    check: CheckRequest,
    session: SessionDep,
    settings: SettingsDep,
    strict: Annotated[
        bool, Query(description="Answer 422 when a rule fails, so `curl --fail` fails.")
    ] = False,
) -> Response:
    """Compare base and other (stored ids, texts or sentences) and test the rules against the result."""
    enforce_text_limits(
        settings,
        *[
            located(["body", name], side)
            for name, side in (("base", check.base), ("other", check.other))
            if isinstance(side, TextInput | SentencesInput)
        ],
    )
    outcome = evaluate(_comparison(check.base, check.other, session, settings), check.rules)
    status = 422 if strict and not outcome.passed else 200
    return Response(outcome.model_dump_json(), status_code=status, media_type="application/json")
