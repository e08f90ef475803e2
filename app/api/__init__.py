"""The HTTP API: every route lives under /v1 except the health and metrics endpoints."""

from fastapi import APIRouter, Depends

from app.api.problems import problem_responses
from app.api.routes import articles, checks, compare, coverage, health, outlets, related, watches
from app.api.security import require_api_key_for_reads

__all__ = ["api_router", "health_router", "webhooks_router"]

api_router = APIRouter(
    prefix="/v1",
    dependencies=[Depends(require_api_key_for_reads)],
    responses=problem_responses(
        401,
        403,
        503,
        described={
            401: "No X-API-Key: on write routes when WIREDIFF_API_KEYS is set, on every /v1 route "
            "when WIREDIFF_PROTECT_READS is on too.",
            403: "The X-API-Key is not one of WIREDIFF_API_KEYS.",
            503: "The database cannot be reached; Retry-After says when to retry.",
        },
    ),
)
api_router.include_router(articles.router)
api_router.include_router(compare.router)
api_router.include_router(checks.router)
api_router.include_router(related.versions_router)
api_router.include_router(related.router)
api_router.include_router(coverage.router)
api_router.include_router(watches.router)
api_router.include_router(watches.alert_rules_router)
api_router.include_router(watches.deliveries_router)
api_router.include_router(outlets.router)

health_router = health.router
webhooks_router = watches.webhooks_router
