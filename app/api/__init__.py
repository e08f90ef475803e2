"""The HTTP API: every route lives under /v1 except the health and metrics endpoints."""

from fastapi import APIRouter

from app.api.routes import articles, checks, compare, health

__all__ = ["api_router", "health_router"]

api_router = APIRouter(prefix="/v1")
api_router.include_router(articles.router)
api_router.include_router(compare.router)
api_router.include_router(checks.router)

health_router = health.router
