"""Dashboard pages of watching: the watches with their state (and a form to add one), the URLs a
watch found, the timeline of one URL's versions, the pickups of a wire story as they arrive, and
the alert rules (with a form) and delivery log."""

from __future__ import annotations

import hmac
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from app import crud
from app.api.deps import SessionDep, SettingsDep
from app.api.security import key_matches
from app.config import Settings
from app.models import MAX_ID, AlertRule
from app.schemas import AlertRuleCreate, AlertRulePublic, WatchCreate
from app.services import alerts
from app.services.related import article_versions
from app.services.watch import add_watch
from app.tasks import Queue
from app.ui.pages import form_errors, not_found, render_page
from app.urls import shown_target

__all__ = ["router"]

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

#: Deliveries shown in the log, the newest first.
LOG_SIZE = 100


def _now() -> datetime:
    return datetime.now(UTC)


def _key_error(settings: Settings, api_key: str) -> str | None:
    if settings.api_keys and not key_matches(api_key, settings.api_keys):
        return "Give one of the server's API keys." if not api_key else "That is not one of the API keys."
    return None


def _watches_page(
    request: Request,
    session: SessionDep,
    settings: Settings,
    errors: dict[str, str] | None = None,
    values: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    watches, count = crud.list_watches(session=session, limit=500, offset=0)
    context = {
        "title": "Watches",
        "watches": watches,
        "count": count,
        "errors": errors or {},
        "values": values or {"kind": "feed"},
        "needs_key": bool(settings.api_keys),
    }
    return render_page(request, "watches.html", context, status_code=status_code)


@router.get("/watches")
def watch_list(request: Request, session: SessionDep, settings: SettingsDep) -> Response:
    return _watches_page(request, session, settings)


@router.post("/watches")
def watch_add(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    url: Annotated[str, Form()] = "",
    kind: Annotated[str, Form()] = "feed",
    source: Annotated[str, Form()] = "",
    api_key: Annotated[str, Form()] = "",
) -> Response:
    """Watch a feed, sitemap or page, as POST /v1/watches does; then show the list."""
    values = {"url": url, "kind": kind, "source": source}
    refused = _key_error(settings, api_key)
    if refused:
        return _watches_page(request, session, settings, {"api_key": refused}, values, status_code=403)
    try:
        watch_in = WatchCreate.model_validate(values)
    except ValidationError as error:
        errors = form_errors(error)
        return _watches_page(request, session, settings, errors, values, status_code=422)
    watch, created = add_watch(session, watch_in=watch_in, now=_now())
    if created and watch.id is not None:
        Queue(settings).poll_watch(watch.id)
    return RedirectResponse(f"/ui/watches/{watch.id}", status_code=303)


@router.get("/watches/{watch_id}")
def watch_page(request: Request, watch_id: int, session: SessionDep) -> Response:
    watch = crud.get_watch(session=session, watch_id=watch_id) if 0 < watch_id <= MAX_ID else None
    if watch is None:
        return not_found(request, f"Watch {watch_id} not found")
    pages = crud.pages_of_watch(session=session, watch_id=watch_id)
    return render_page(request, "watch.html", {"title": f"Watch {watch_id}", "watch": watch, "pages": pages})


@router.get("/watched-pages/{page_id}")
def watched_page(request: Request, page_id: int, session: SessionDep) -> Response:
    """The timeline of one URL's versions, each linked to its comparison with the one before."""
    page = crud.get_page(session=session, page_id=page_id) if 0 < page_id <= MAX_ID else None
    if page is None:
        return not_found(request, f"Watched page {page_id} not found")
    versions = article_versions(session=session, article_id=page.article_id) if page.article_id else None
    context = {"title": page.url, "page": page, "versions": versions.data if versions else []}
    return render_page(request, "watched_page.html", context)


#: The cookie that carries a new rule's webhook signing secret from the form's answer to the page
#: it sends the browser to, which shows it once and clears it: never in the address, which the
#: browser's history and the server's access log keep. Only that page's path reads it, and only
#: for a minute.
SECRET_COOKIE = "wirediff-new-secret"  # noqa: S105  (the cookie's name, not a secret)
SECRET_COOKIE_SECONDS = 60
_ALERTS_PATH = "/ui/alerts"

#: What the form shows before anything is typed.
_BLANK_RULE: dict[str, Any] = {"events": [], "min_change_share": "0"}


def _alerts_page(
    request: Request,
    session: SessionDep,
    settings: Settings,
    errors: dict[str, str] | None = None,
    values: dict[str, Any] | None = None,
    status_code: int = 200,
    added: AlertRule | None = None,
    secret: str = "",
) -> Response:
    deliveries, count = crud.list_deliveries(session=session, limit=LOG_SIZE, offset=0)
    context = {
        "title": "Alerts",
        # shown as the API shows them: no credential of a webhook or channel on the page
        "rules": [
            AlertRulePublic.model_validate(rule, from_attributes=True)
            for rule in crud.list_alert_rules(session=session)
        ],
        "deliveries": deliveries,
        "targets": {d.id: shown_target(d.channel, d.target) for d in deliveries},
        "count": count,
        "attempts": crud.attempts_of(session=session, delivery_ids=[d.id for d in deliveries if d.id]),
        "events": alerts.EVENTS,
        "errors": errors or {},
        "values": values or _BLANK_RULE,
        "needs_key": bool(settings.api_keys),
        "added": added,
        "secret": secret,
    }
    return render_page(request, "alerts.html", context, status_code=status_code)


def _new_secret(request: Request, rule: AlertRule | None) -> str:
    """The rule's signing secret, when the cookie the form's answer set holds it: a cookie shows
    only a secret it already has, never one it names by the rule's id alone."""
    rule_id, _, secret = request.cookies.get(SECRET_COOKIE, "").partition(":")
    if rule is None or not rule.webhook_secret or rule_id != str(rule.id):
        return ""
    return secret if hmac.compare_digest(secret.encode(), rule.webhook_secret.encode()) else ""


@router.get("/alerts")
def alerts_page(request: Request, session: SessionDep, settings: SettingsDep, added: int = 0) -> Response:
    """The rules with the form to add one, and the delivery log; after the form added a rule
    (``added``), a line saying so, with its webhook's signing secret the first time."""
    rule = crud.get_alert_rule(session=session, rule_id=added) if 0 < added <= MAX_ID else None
    secret = _new_secret(request, rule)
    response = _alerts_page(request, session, settings, added=rule, secret=secret)
    if SECRET_COOKIE in request.cookies:  # shown once: a reload shows it no more
        response.delete_cookie(SECRET_COOKIE, path=_ALERTS_PATH, httponly=True, samesite="strict")
    if secret:
        response.headers["Cache-Control"] = "no-store"
    return response


@router.post("/alert-rules")
def alert_rule_add(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    name: Annotated[str, Form()] = "",
    events: Annotated[list[str] | None, Form()] = None,
    sources: Annotated[str, Form()] = "",
    terms: Annotated[str, Form()] = "",
    min_change_share: Annotated[str, Form()] = "0",
    webhook_url: Annotated[str, Form()] = "",
    apprise_urls: Annotated[str, Form()] = "",
    api_key: Annotated[str, Form()] = "",
) -> Response:
    """Add a rule, as POST /v1/alert-rules does; then send the browser to the rules (a reload there
    adds nothing), or show the form again with what was typed and what is wrong."""
    values = {
        "name": name,
        "events": events or [],
        "sources": sources,
        "terms": terms,
        "min_change_share": min_change_share,
        "webhook_url": webhook_url,
        "apprise_urls": apprise_urls,
    }
    refused = _key_error(settings, api_key)
    if refused:
        return _alerts_page(request, session, settings, {"api_key": refused}, values, status_code=403)

    def number(text: str) -> float | str:
        """A form's number as a number (the model takes JSON numbers only); junk stays text and
        is refused by the model with its message."""
        try:
            return float(text)
        except ValueError:
            return text

    def listed(text: str) -> list[str]:
        return [part.strip() for part in text.replace("\n", ",").split(",") if part.strip()]

    data = {
        "name": name,
        "events": events or [],
        "sources": listed(sources) or None,
        "terms": listed(terms),
        "min_change_share": number(min_change_share or "0"),
        "webhook_url": webhook_url.strip() or None,
        "apprise_urls": listed(apprise_urls),
    }
    try:
        rule_in = AlertRuleCreate.model_validate(data)
    except ValidationError as error:
        errors = form_errors(error)
        return _alerts_page(request, session, settings, errors, values, status_code=422)
    rule = alerts.add_rule(session, rule_in=rule_in, now=_now())
    response = RedirectResponse(f"{_ALERTS_PATH}?added={rule.id}", status_code=303)
    if rule.webhook_secret:
        response.set_cookie(
            SECRET_COOKIE,
            f"{rule.id}:{rule.webhook_secret}",
            max_age=SECRET_COOKIE_SECONDS,
            path=_ALERTS_PATH,
            secure=request.url.scheme == "https",
            httponly=True,
            samesite="strict",
        )
    return response
