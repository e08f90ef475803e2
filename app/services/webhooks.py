"""Delivering alerts: to webhooks, signed as the Standard Webhooks convention says, and to chat,
e-mail and social channels through apprise. One call makes one attempt, logged; a failure is
retried after WIREDIFF_WEBHOOK_RETRY_SECONDS, then the delivery is failed (visible in
``/v1/deliveries``). The ``webhook-id`` stays the same over retries, so a receiver that saw an
attempt succeed (a worker killed before it logged it) can tell the repeat.

>>> signature("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
...           1614265330, b'{"test": 2432232314}')
'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE='
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import logging
import threading
import time
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import apprise
import httpx
import orjson
from sqlalchemy import Engine
from sqlmodel import Session

from app import crud
from app.config import Settings
from app.models import Alert, Article, Delivery, DeliveryAttempt
from app.schemas import webhook_key
from app.services.alerts import page_url
from app.services.errors import STORED_ERROR_CHARS, FetchRefused, PageError
from app.services.pages import check_host, check_redirect, check_url, checked_transport

__all__ = ["Delivered", "alert_payload", "deliver", "signature", "signing_key"]

logger = logging.getLogger("wirediff")


def signing_key(secret: str) -> bytes:
    """The bytes a stored secret signs with (:func:`app.schemas.webhook_key`, not strict).

    >>> signing_key("whsec_c2VjcmV0\\n") == signing_key("whsec_c2VjcmV0") == b"secret"
    True
    """
    return webhook_key(secret, strict=False)


def signature(secret: str, message_id: str, timestamp: int, body: bytes) -> str:
    """``v1,`` + base64 HMAC-SHA256 of ``{id}.{timestamp}.{body}``, keyed by :func:`signing_key`."""
    signed = f"{message_id}.{timestamp}.".encode() + body
    return "v1," + base64.b64encode(hmac.new(signing_key(secret), signed, hashlib.sha256).digest()).decode()


def _article(article: Article | None) -> dict[str, Any] | None:
    if article is None:
        return None
    return {"id": article.id, "source": article.source, "title": article.title, "url": article.url}


def alert_payload(session: Session, alert: Alert, settings: Settings) -> dict[str, Any]:
    """What an alert says: the event, both articles, the findings, and links to the comparison."""
    article = crud.get_article(session=session, article_id=alert.article_id)
    base = (
        crud.get_article(session=session, article_id=alert.base_article_id) if alert.base_article_id else None
    )
    return {
        "type": f"alert.{alert.event}",
        "timestamp": alert.created_at.isoformat(),
        "data": {
            "alert_id": alert.id,
            "rule_id": alert.rule_id,
            "event": alert.event,
            "source": alert.source,
            "article": _article(article),
            "base": _article(base),
            "findings": [current_finding(alert.event, finding) for finding in alert.findings],
            "comparison_page": page_url(settings, alert.base_article_id, alert.article_id),
            "comparison": (settings.public_url.rstrip("/") + alert.comparison_url)
            if alert.comparison_url
            else None,
        },
    }


#: Entries of alerts stored by earlier versions, by their kind then: the kind they have now.
_RENAMED = {"credit_dropped": "credit", "figure_changed": "figure", "substitution": "swap"}


def current_finding(event: str, finding: dict[str, Any]) -> dict[str, Any]:
    """An alert's stored entry in the shape the webhook's schema gives (``AlertFinding``): an alert
    stored before each kind had one shape is delivered, or retried, as a new one would be. A
    comparison's ranked finding (it has a severity) is as it was stored."""
    kind = finding.get("kind")
    if not isinstance(kind, str) or "severity" in finding:
        return finding
    if kind == "changed" and "headline" not in finding:
        # the summary of a changed or stealth_edit alert: no headline was kept then
        return {**finding, "kind": event, "headline": finding.get("verdict", "")}
    if kind.startswith("quote_") and "status" not in finding:
        return {
            "kind": "quote",
            "status": kind.removeprefix("quote_"),
            "quote": finding.get("quote", ""),
            "now": finding.get("now"),
        }
    if kind in _RENAMED:
        return {**finding, "kind": _RENAMED[kind]}
    return finding


def _message(payload: dict[str, Any]) -> tuple[str, str]:
    data = payload["data"]
    article = data["article"] or {}
    title = f"wirediff: {data['event'].replace('_', ' ')} at {data['source']}"
    lines = [article.get("title") or article.get("url") or f"article {article.get('id')}"]
    lines += [
        ", ".join(f"{k}: {v}" for k, v in finding.items() if k != "kind") for finding in data["findings"]
    ]
    lines.append(data["comparison_page"])
    return title, "\n".join(line for line in lines if line)


def _names_a_server(host: str) -> bool:
    """Whether an apprise URL's host part is a server's name or address. Services at a fixed
    address take tokens there instead (``slack://T1JJ3T3L2/...``, ``discord://4174216298/...``,
    ``tgram://123456789:.../``): no dots, and never looked up, since the resolver reads some digit
    strings as addresses."""
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return "." in host or host.lower() == "localhost"
    return True


def _check_apprise_server(plugin: Any, settings: Settings) -> None:
    """The fetcher's address checks for the server an apprise channel posts to when it names one
    (ntfy, Gotify, Matrix, Mattermost, an SMTP relay, ...): a loopback or private address is
    refused (:class:`~app.services.errors.FetchRefused`) as a webhook's is, unless allowed."""
    host = getattr(plugin, "host", None)
    if not isinstance(host, str) or not _names_a_server(host):
        return
    port = getattr(plugin, "port", None)
    if not isinstance(port, int):
        port = 443 if getattr(plugin, "secure", False) else 80
    check_host(host.strip("[]"), port, settings, allow_hosts=settings.watch_allow_hosts)


#: apprise calls running at once in a process, those left behind at their deadline included: a
#: thread left behind ends only when apprise's socket timeouts do, and a relay sending a byte a
#: second never lets them, so every attempt at it used to leave one more thread and socket (15
#: after 15 attempts). Four keep a few channels sending while one relay hangs.
NOTIFY_THREADS = 4
#: When a delivery that found every notify thread taken is tried again: not an attempt (nothing
#: was sent, none is counted or logged as one), so it waits only about as long as a call may run.
NOTIFY_BUSY_RETRY = timedelta(seconds=30)
_notify_threads = threading.BoundedSemaphore(NOTIFY_THREADS)


class _NotifyBusy(Exception):  # noqa: N818 (named for what happened)
    """Every one of the NOTIFY_THREADS is taken: no attempt was started."""


@dataclass(slots=True, frozen=True)
class Delivered:
    claimed: bool
    status: str | None = None  # delivered, pending (retry at retry_at) or failed
    retry_at: datetime | None = None


def _post_webhook(delivery: Delivery, body: bytes, secret: str | None, settings: Settings) -> int:
    try:
        target = httpx.URL(delivery.target)
        target.host  # noqa: B018 (decoding the host refuses an xn-- label that is not punycode)
    except (httpx.InvalidURL, UnicodeError) as error:  # stored before such URLs were refused
        raise FetchRefused(f"Cannot post to {delivery.target}: {error}") from error
    check_url(target)
    message_id = f"msg_{delivery.id}"
    timestamp = int(time.time())
    headers = {
        "content-type": "application/json",
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signature(secret or "", message_id, timestamp, body),
    }
    # the whole call ends within WIREDIFF_WEBHOOK_TIMEOUT_SECONDS, not each read: a receiver
    # answering a byte at a time would otherwise hold the call past the delivery's lease, and
    # the next worker would send the alert again
    limit = settings.webhook_timeout_seconds
    deadline = time.monotonic() + limit
    client = httpx.Client(
        timeout=limit,
        trust_env=False,
        follow_redirects=False,
        transport=checked_transport(settings, allow_hosts=settings.watch_allow_hosts, deadline=deadline),
        event_hooks={"response": [check_redirect]},
    )
    # only the status counts: the body is never read (closing the stream drops the connection)
    with client, client.stream("POST", target, content=body, headers=headers) as response:
        return response.status_code


def deliver(engine: Engine, delivery_id: int, *, settings: Settings, now: datetime) -> Delivered:
    """One attempt at a due delivery, logged with the receiver's answer or the error."""
    lease = now + timedelta(seconds=settings.webhook_timeout_seconds * 2 + 5)
    with Session(engine) as session:
        if not crud.claim_delivery(session=session, delivery_id=delivery_id, now=now, until=lease):
            return Delivered(claimed=False)
        delivery = crud.get_delivery(session=session, delivery_id=delivery_id)
        assert delivery is not None
        alert = crud.get_alert(session=session, alert_id=delivery.alert_id)
        assert alert is not None
        rule = crud.get_alert_rule(session=session, rule_id=alert.rule_id)
        payload = alert_payload(session, alert, settings)
        status_code: int | None = None
        error: str | None = None
        started = time.perf_counter()
        try:
            if delivery.channel == "webhook":
                status_code = _post_webhook(
                    delivery, orjson.dumps(payload), rule.webhook_secret if rule else None, settings
                )
                if not 200 <= status_code < 300:
                    error = f"The receiver answered {status_code}"
            else:
                error = _notify_within(delivery.target, _message(payload), settings)
        except _NotifyBusy:
            # no attempt made: none counted or logged, the delivery due again shortly (if still ours)
            retry_at = now + NOTIFY_BUSY_RETRY
            logger.warning(
                "delivery %d: all %d notify threads are busy; put back, due at %s",
                delivery_id,
                NOTIFY_THREADS,
                retry_at.isoformat(),
            )
            if not crud.put_back_delivery(
                session=session, delivery_id=delivery_id, held_until=lease, due_at=retry_at
            ):
                return Delivered(claimed=False)
            return Delivered(claimed=True, status="pending", retry_at=retry_at)
        except (httpx.TimeoutException, TimeoutError):
            limit = settings.webhook_timeout_seconds
            error = f"The receiver took longer than {limit:g} s (WIREDIFF_WEBHOOK_TIMEOUT_SECONDS)"
        except (PageError, httpx.HTTPError) as failure:
            error = (
                failure.detail if isinstance(failure, PageError) else (str(failure) or type(failure).__name__)
            )
        except Exception as failure:
            # a rule stored before its secret or URL was checked, an apprise plugin's bug: the
            # attempt is logged and retried like any other failure, never left pending unlogged
            logger.exception("delivery %d failed unexpectedly", delivery_id)
            error = f"The attempt failed: {str(failure) or type(failure).__name__}"
        duration = (time.perf_counter() - started) * 1000
        delivery.attempts += 1
        delivery.claimed_until = None
        if error is None:
            delivery.status, delivery.delivered_at, delivery.next_attempt_at = "delivered", now, None
            delivery.last_error = None
        else:
            delivery.last_error = error[:STORED_ERROR_CHARS]
            retries = settings.webhook_retry_seconds
            if delivery.attempts > len(retries):
                delivery.status, delivery.next_attempt_at = "failed", None
            else:
                delivery.next_attempt_at = now + timedelta(seconds=retries[delivery.attempts - 1])
        attempt = DeliveryAttempt(
            delivery_id=delivery_id,
            attempted_at=now,
            status_code=status_code,
            error=delivery.last_error if error else None,
            duration_ms=round(duration, 1),
        )
        # written only while the claim is still this attempt's (compare-and-set): past the lease
        # the due scan has handed the delivery to another worker, whose attempt the row records
        if not crud.add_attempt(session=session, attempt=attempt, delivery=delivery, held_until=lease):
            logger.warning(
                "delivery %d: the attempt outlasted its claim; its outcome is not recorded", delivery_id
            )
            return Delivered(claimed=False)
        return Delivered(claimed=True, status=delivery.status, retry_at=delivery.next_attempt_at)


def _notify_within(target: str, message: tuple[str, str], settings: Settings) -> str | None:
    """Send an apprise notification within WIREDIFF_WEBHOOK_TIMEOUT_SECONDS, as a webhook call is
    held: the error to log, or None. apprise bounds each socket operation, never the whole
    exchange (an SMTP relay answering each command in 11 s took minutes), so it runs on a thread
    of its own that is left behind at the deadline (:class:`TimeoutError`), its socket timeouts cut
    to the same limit so that it ends soon after. A relay that accepts after the deadline gets
    the message again at the retry: the call must end inside the delivery's lease, or the due
    scan hands it to another worker while it is still sending. At most NOTIFY_THREADS calls run at
    once, those left behind included; past that no call is started (:class:`_NotifyBusy`)."""
    limit = settings.webhook_timeout_seconds
    notifier = apprise.Apprise()
    if not notifier.add(target):
        return "Not an apprise URL apprise can use"
    plugin = notifier[0]
    for name in ("socket_connect_timeout", "socket_read_timeout"):
        if isinstance(getattr(plugin, name, None), int | float):
            setattr(plugin, name, min(getattr(plugin, name), limit))
    title, body = message

    def send() -> bool:
        _check_apprise_server(plugin, settings)  # the name is looked up on this thread too
        return bool(notifier.notify(title=title, body=body))

    future: Future[bool] = Future()

    def run() -> None:
        try:
            if future.set_running_or_notify_cancel():
                try:
                    future.set_result(send())
                except BaseException as failure:  # handed to the caller, who logs it
                    future.set_exception(failure)
        finally:
            _notify_threads.release()  # when the call ends, not when the caller stops waiting

    if not _notify_threads.acquire(blocking=False):
        raise _NotifyBusy
    try:
        threading.Thread(target=run, name="wirediff-notify", daemon=True).start()
    except BaseException:
        _notify_threads.release()
        raise
    try:
        sent = future.result(timeout=limit)
    except FutureTimeout as timeout:
        raise TimeoutError from timeout
    return None if sent else "apprise could not deliver the notification"
