"""The FastAPI application: ``create_app()`` wires settings, database, routes, errors and metrics.

``uvicorn app.main:app`` (or ``wirediff serve``) serves the module-level ``app``.
Schema changes are applied beforehand by ``wirediff migrate``, never here.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.metadata import version

import anyio
from fastapi import FastAPI, Request
from fastapi.responses import PlainTextResponse
from fastapi.routing import APIRoute
from prometheus_client import CollectorRegistry, GCCollector, PlatformCollector, ProcessCollector
from prometheus_fastapi_instrumentator import Instrumentator
from prometheus_fastapi_instrumentator.middleware import PrometheusInstrumentatorMiddleware
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session
from starlette.routing import Match

from app import crud
from app.api import api_router, health_router, webhooks_router
from app.api.admission import DatabaseGate
from app.api.docs import install_docs
from app.api.guard import CompareGuard
from app.api.middleware import BodySizeLimit, CancelledAnswer, HeadAsGet, HeaderSizeLimit
from app.api.outages import install_outage_handlers
from app.api.problems import add_problem_schemas, install_problem_handlers
from app.api.routes.health import READINESS_TIMEOUT_SECONDS
from app.api.security import SecurityHeaders, install_cors, install_trusted_hosts
from app.config import Settings, get_settings
from app.db import make_engine, make_probe_engine
from app.engine import load_sentence_model, load_word_tables, set_aside_long_lived
from app.services.comparisons import ResultCache
from app.services.related import index_is_outdated, preparations_are_outdated
from app.ui import install_ui

__all__ = ["app", "create_app", "operation_id"]

logger = logging.getLogger("wirediff")

DESCRIPTION = """\
What did this outlet do to the wire story? wirediff aligns two versions of a news story
sentence by sentence and reports what was kept, reworded, dropped, added and moved, with
quotations, numbers, word substitutions and credits checked.

Every error is `application/problem+json` (RFC 9457), including 404 for unknown paths
and 405 for methods a path does not support.
"""

TAGS = [
    {"name": "articles", "description": "Stored versions of stories."},
    {"name": "compare", "description": "Sentence-by-sentence comparisons, as JSON, text, HTML or Markdown."},
    {"name": "checks", "description": "Rules over a comparison, for CI jobs."},
    {"name": "related", "description": "Every stored version of a story, and where an article comes from."},
    {"name": "coverage", "description": "Who changed what: base sentences against several outlets."},
    {"name": "watches", "description": "Feeds, sitemaps and pages polled for new articles and versions."},
    {"name": "alerts", "description": "Alert rules, and the log of their deliveries."},
    {"name": "outlets", "description": "How each outlet treats the wire stories it picks up, over time."},
    {"name": "health", "description": "Liveness, readiness and Prometheus metrics."},
]


def operation_id(route: APIRoute) -> str:
    """Stable operationIds for generated clients: ``<tag>-<function name>``."""
    return f"{route.tags[0]}-{route.name}" if route.tags else route.name


class _RouteMetrics(PrometheusInstrumentatorMiddleware):
    """The instrumentator's middleware, labelling each request by its route's template, and
    every request no route serves as ``none``: the library labels a path that only differs
    from a route's by a trailing slash (answered by a redirect) with the path as it came, so
    that ``/v1/articles/1/``, ``/v1/articles/2/``... would each add series to /metrics."""

    def _get_handler(self, request: Request) -> tuple[str, bool]:
        handler, templated = super()._get_handler(request)
        if templated and handler == request.url.path and not _routed(request):
            return handler, False  # grouped as "none"
        return handler, templated


def _routed(request: Request) -> bool:
    """Whether a route or mount of the app takes the request's path (any method)."""
    return any(route.matches({**request.scope})[0] is not Match.NONE for route in request.app.routes)


def _instrument(app: FastAPI) -> None:
    """Prometheus metrics at /metrics, in a registry of this app's own (tests build many apps)."""
    registry = CollectorRegistry()
    for collector in (ProcessCollector, PlatformCollector, GCCollector):
        collector(registry=registry)
    # the instrumentator's middleware, with its defaults, naming handlers as _RouteMetrics does
    app.add_middleware(_RouteMetrics, excluded_handlers=["/metrics"], registry=registry)
    Instrumentator(registry=registry).expose(
        app,
        tags=["health"],
        response_class=PlainTextResponse,
        summary="Metrics",
        description="Request counts, sizes and latencies per route, in Prometheus text format.",
    )


def _warn_of_the_database(engine: Engine) -> None:
    """Warnings in the log, read from the database in one session: stored articles indexed by an
    earlier version (the service runs, but related versions, origins and pickups miss them until
    they are reindexed) or prepared by another engine version (comparisons prepare them again each
    time, more slowly); a search that folds A-Z only (:func:`app.crud.search_folds_ascii_only`:
    words with other capitals are then found by no search). Nothing when the database cannot tell
    yet (unreachable, not migrated): /readyz reports that."""
    try:
        with Session(engine) as session:
            outdated_index = index_is_outdated(session=session)
            outdated_preparations = not outdated_index and preparations_are_outdated(session=session)
            ascii_only = crud.search_folds_ascii_only(session=session)
    except SQLAlchemyError:
        return
    if outdated_index:
        logger.warning(
            "Stored articles have index keys of an earlier wirediff: related versions, origins and "
            "pickups miss them until `wirediff reindex` is run"
        )
    if outdated_preparations:
        logger.warning(
            "Stored articles were prepared by another engine version, or before preparations were kept: "
            "comparisons prepare them again each time, more slowly, until `wirediff reindex` is run"
        )
    if ascii_only:
        logger.warning(
            "The database's character type is C or POSIX: its search folds the case of A-Z only "
            '(a word written with another capital, "État", is not found); create it with a UTF-8 '
            "locale or an ICU one (README, Configuration)"
        )


def create_app(settings: Settings | None = None) -> FastAPI:
    """A new application; ``settings`` (tests, tools) replace the environment's everywhere."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if settings.api_keys:
            scope = "every /v1 route" if settings.protect_reads else "write routes"
            logger.info("API keys required on %s (%d configured)", scope, len(settings.api_keys))
        app.state.db_engine = make_engine(
            settings.database_url,
            pool_size=settings.db_pool_size,
            max_overflow=settings.db_max_overflow,
            pool_timeout=settings.db_pool_timeout,
        )
        app.state.probe_engine = make_probe_engine(settings.database_url, READINESS_TIMEOUT_SECONDS)
        app.state.probe_threads = anyio.CapacityLimiter(1)  # one readiness ping at a time
        app.state.schema_current = False  # until /readyz finds it at this version's migrations
        app.state.db_gate = DatabaseGate(settings.db_concurrency, settings.db_queue_timeout)
        app.state.compare_guard = CompareGuard(settings)  # made on the serving loop
        app.state.result_cache = ResultCache(settings.compare_cache_bytes)
        await anyio.to_thread.run_sync(_warn_of_the_database, app.state.probe_engine)
        if settings.semantic_meaning:  # at start: a broken install fails here, not in a request
            await anyio.to_thread.run_sync(load_sentence_model)
        await anyio.to_thread.run_sync(load_word_tables)  # not in the first comparison's time budget
        set_aside_long_lived()  # what start-up loaded, out of the collector's full passes
        try:
            yield
        finally:
            app.state.db_engine.dispose()
            app.state.probe_engine.dispose()

    app = FastAPI(
        title="wirediff",
        version=version("wirediff"),
        description=DESCRIPTION,
        openapi_tags=TAGS,
        lifespan=lifespan,
        generate_unique_id_function=operation_id,
        docs_url=None,  # install_docs: the pages' scripts from this server, not a CDN
        redoc_url=None,
    )
    app.state.settings = settings
    install_problem_handlers(app)
    install_outage_handlers(app)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(HeaderSizeLimit, max_bytes=settings.max_header_bytes)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(HeadAsGet)
    app.add_middleware(CancelledAnswer)
    install_trusted_hosts(app, settings)
    install_cors(app, settings)  # outermost: refusals (413, 429, ...) carry CORS headers too
    app.include_router(api_router)
    app.include_router(health_router)
    app.webhooks.include_router(webhooks_router)
    install_ui(app)
    install_docs(app)
    _instrument(app)
    add_problem_schemas(app)
    return app


app = create_app()
