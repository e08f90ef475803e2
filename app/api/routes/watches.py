"""Watches (feeds, sitemaps and pages polled for articles), alert rules, and the delivery log."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from pydantic import BeforeValidator

from app import crud
from app.api.deps import SessionDep, SettingsDep, canonical_id, require_json
from app.api.problems import ProblemError, problem_responses
from app.api.routing import ApiRoute
from app.api.security import require_api_key
from app.config import Settings
from app.models import MAX_ID, AlertRule, Delivery, Watch, WatchedPage
from app.schemas import (
    AlertRuleCreate,
    AlertRuleCreated,
    AlertRulePublic,
    AlertRulesPublic,
    AlertRuleUpdate,
    AlertRuleUpdated,
    AlertWebhook,
    AttemptPublic,
    DeliveriesPublic,
    DeliveryPublic,
    WatchCreate,
    WatchDetail,
    WatchedPagePublic,
    WatchesPublic,
    WatchPublic,
    WatchUpdate,
)
from app.services import alerts
from app.services.alerts import AlertRuleNotFoundError
from app.services.watch import (
    WatchNotFoundError,
    add_watch,
    remove_watch,
    update_watch,
)
from app.tasks import Queue

__all__ = ["alert_rules_router", "deliveries_router", "router"]

logger = logging.getLogger("wirediff")

router = APIRouter(route_class=ApiRoute, prefix="/watches", tags=["watches"])
alert_rules_router = APIRouter(route_class=ApiRoute, prefix="/alert-rules", tags=["alerts"])
deliveries_router = APIRouter(route_class=ApiRoute, prefix="/deliveries", tags=["alerts"])
#: What wirediff calls: a rule's webhook (the OpenAPI document's ``webhooks``).
webhooks_router = APIRouter(tags=["alerts"])

RowId = Annotated[int, Path(ge=1, le=MAX_ID), BeforeValidator(canonical_id)]
Limit = Annotated[int, Query(ge=1, le=200)]
Offset = Annotated[int, Query(ge=0, le=MAX_ID)]
_WRITE = [Depends(require_api_key), Depends(require_json)]


def _queue(request: Request, settings: Settings) -> Queue:
    """The queue, opened at the first task (no queue file for an app that never enqueues)."""
    queue: Queue | None = getattr(request.app.state, "queue", None)
    if queue is None:
        queue = request.app.state.queue = Queue(settings)
    return queue


def _enqueue(request: Request, settings: Settings, watch_id: int) -> None:
    """Poll now; if the queue cannot take the task, the due scan polls it within a minute or so."""
    try:
        _queue(request, settings).poll_watch(watch_id)
    except Exception:  # the watch is stored, and the database says it is due
        logger.warning("could not enqueue the first poll of watch %d", watch_id, exc_info=True)


def _watch(session: SessionDep, watch_id: int) -> Watch:
    watch = crud.get_watch(session=session, watch_id=watch_id)
    if watch is None:
        raise ProblemError(404, f"Watch {watch_id} not found")
    return watch


def _now() -> datetime:
    return datetime.now(UTC)


@router.post(
    "",
    status_code=201,
    response_model=WatchPublic,
    dependencies=_WRITE,
    responses={
        200: {"model": WatchPublic, "description": "Already watched: the stored watch."},
        **problem_responses(400, 413, 415, 422),
    },
)
def create_watch(
    watch_in: WatchCreate, session: SessionDep, settings: SettingsDep, request: Request, response: Response
) -> Watch:
    """Watch a feed (RSS or Atom), a news sitemap or a single page of an outlet: polled at once and
    then on its schedule; the articles it lists are stored as versions of their URLs."""
    watch, created = add_watch(session, watch_in=watch_in, now=_now())
    assert watch.id is not None
    response.headers["Location"] = f"/v1/watches/{watch.id}"
    if created:
        _enqueue(request, settings, watch.id)
    else:
        response.status_code = 200
    return watch


@router.get("", response_model=WatchesPublic, responses=problem_responses(422))
def list_watches(session: SessionDep, limit: Limit = 50, offset: Offset = 0) -> WatchesPublic:
    """Every watch with its state: last poll, next poll, errors."""
    rows, count = crud.list_watches(session=session, limit=limit, offset=offset)
    return WatchesPublic(
        data=[WatchPublic.model_validate(row, from_attributes=True) for row in rows],
        count=count,
        limit=limit,
        offset=offset,
    )


@router.get("/{watch_id}", response_model=WatchDetail, responses=problem_responses(404, 422))
def read_watch(watch_id: RowId, session: SessionDep) -> WatchDetail:
    """A watch with every article URL it lists and their polling state. A URL that other watches
    list too is one page, shared: polled while any of them is active, its versions stored under
    the outlet of the watch it belongs to (``watch_id``: the first to list it, or the watch it
    was handed to when that one was deleted)."""
    watch = _watch(session, watch_id)
    pages = crud.pages_of_watch(session=session, watch_id=watch_id)
    return WatchDetail(
        **WatchPublic.model_validate(watch, from_attributes=True).model_dump(),
        pages=[WatchedPagePublic.model_validate(page, from_attributes=True) for page in pages],
    )


@router.patch(
    "/{watch_id}",
    response_model=WatchPublic,
    dependencies=_WRITE,
    responses=problem_responses(400, 404, 413, 415, 422),
)
def patch_watch(
    watch_id: RowId, changes: WatchUpdate, session: SessionDep, settings: SettingsDep, request: Request
) -> Watch:
    """Rename the outlet, pause (``active: false``) or resume a watch (polled at once). A rename
    applies to the pages that belong to this watch (their next versions are stored under the new
    name), not to pages it shares that belong to another; a page another active watch lists is
    polled on while this one is paused."""
    try:
        watch = update_watch(session, watch_id=watch_id, changes=changes, now=_now())
    except WatchNotFoundError as error:
        raise ProblemError(404, str(error)) from error
    if changes.active:
        _enqueue(request, settings, watch_id)
    return watch


@router.delete(
    "/{watch_id}",
    status_code=204,
    dependencies=[Depends(require_api_key)],
    responses=problem_responses(404, 422),
)
def delete_watch(watch_id: RowId, session: SessionDep) -> Response:
    """Stop watching; the articles stored stay. A page this watch shares with other watches is
    handed to the earliest made of them, its next versions stored under that watch's outlet;
    the pages no other watch lists are deleted with it."""
    try:
        remove_watch(session, watch_id=watch_id)
    except WatchNotFoundError as error:
        raise ProblemError(404, str(error)) from error
    return Response(status_code=204)


# --- alert rules ------------------------------------------------------------------------------


def _rule(session: SessionDep, rule_id: int) -> AlertRule:
    try:
        return alerts.stored_rule(session, rule_id)
    except AlertRuleNotFoundError as error:
        raise ProblemError(404, str(error)) from error


@alert_rules_router.post(
    "",
    status_code=201,
    response_model=AlertRuleCreated,
    dependencies=_WRITE,
    responses=problem_responses(400, 413, 415, 422),
)
def create_alert_rule(rule_in: AlertRuleCreate, session: SessionDep, response: Response) -> AlertRule:
    """Alert a webhook (signed) and apprise channels on the events listed, for the sources listed."""
    rule = alerts.add_rule(session, rule_in=rule_in, now=_now())
    response.headers["Location"] = f"/v1/alert-rules/{rule.id}"
    return rule


@alert_rules_router.get("", response_model=AlertRulesPublic)
def list_alert_rules(session: SessionDep) -> AlertRulesPublic:
    rules = crud.list_alert_rules(session=session)
    return AlertRulesPublic(
        data=[AlertRulePublic.model_validate(rule, from_attributes=True) for rule in rules], count=len(rules)
    )


@alert_rules_router.get("/{rule_id}", response_model=AlertRulePublic, responses=problem_responses(404, 422))
def read_alert_rule(rule_id: RowId, session: SessionDep) -> AlertRule:
    return _rule(session, rule_id)


@alert_rules_router.patch(
    "/{rule_id}",
    response_model=AlertRuleUpdated,
    dependencies=_WRITE,
    responses=problem_responses(400, 404, 413, 415, 422),
)
def patch_alert_rule(rule_id: RowId, changes: AlertRuleUpdate, session: SessionDep) -> AlertRuleUpdated:
    """Change the fields given. A webhook added without a secret gets one, shown in this answer
    only, as when a rule is made."""
    _rule(session, rule_id)
    updated = alerts.update_rule(session, rule_id=rule_id, changes=changes)
    return AlertRuleUpdated(
        **AlertRulePublic.model_validate(updated.rule, from_attributes=True).model_dump(),
        webhook_secret=updated.made_secret,
    )


@alert_rules_router.delete(
    "/{rule_id}",
    status_code=204,
    dependencies=[Depends(require_api_key)],
    responses=problem_responses(404, 422),
)
def delete_alert_rule(rule_id: RowId, session: SessionDep) -> Response:
    """The rule goes, with its alerts and their delivery log."""
    _rule(session, rule_id)
    alerts.remove_rule(session, rule_id=rule_id)
    return Response(status_code=204)


# --- deliveries --------------------------------------------------------------------------------


def delivery_rows(session: SessionDep, rows: list[Delivery]) -> list[DeliveryPublic]:
    attempts = crud.attempts_of(session=session, delivery_ids=[row.id for row in rows if row.id])
    shown = []
    for row in rows:
        assert row.id is not None
        alert = crud.get_alert(session=session, alert_id=row.alert_id)
        assert alert is not None
        shown.append(
            DeliveryPublic(
                **row.model_dump(exclude={"claimed_until", "created_at"}),
                event=alert.event,
                source=alert.source,
                article_id=alert.article_id,
                base_article_id=alert.base_article_id,
                log=[AttemptPublic.model_validate(a, from_attributes=True) for a in attempts[row.id]],
            )
        )
    return shown


@deliveries_router.get("", response_model=DeliveriesPublic, responses=problem_responses(422))
def list_deliveries(
    session: SessionDep,
    limit: Limit = 50,
    offset: Offset = 0,
    status: Annotated[str | None, Query(pattern="^(pending|delivered|failed)$")] = None,
) -> DeliveriesPublic:
    """Every alert delivery, the newest first, with each attempt: failures stay visible here."""
    rows, count = crud.list_deliveries(session=session, limit=limit, offset=offset, status=status)
    return DeliveriesPublic(data=delivery_rows(session, rows), count=count, limit=limit, offset=offset)


def watched_page_public(page: WatchedPage) -> WatchedPagePublic:
    return WatchedPagePublic.model_validate(page, from_attributes=True)


@webhooks_router.post(
    "alert",
    status_code=204,
    operation_id="alerts-alert_webhook",
    response_description="Delivered (any 2xx).",
    responses={"default": {"description": "Not delivered: retried, then the delivery is failed."}},
)
def alert_webhook(body: AlertWebhook) -> None:
    """An alert, posted to a rule's webhook_url with the Standard Webhooks headers: webhook-id
    (the same over retries), webhook-timestamp and webhook-signature (``v1,`` + base64
    HMAC-SHA256 of ``{webhook-id}.{webhook-timestamp}.{body}`` keyed by the rule's secret). Any
    2xx answer delivers it; anything else, or no answer within WIREDIFF_WEBHOOK_TIMEOUT_SECONDS,
    is retried after WIREDIFF_WEBHOOK_RETRY_SECONDS. Each entry of ``findings`` has the shape its
    ``kind`` names."""
