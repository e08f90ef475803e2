"""Alerts along the outlet's timeline: a pickup, a stealth edit altering a quotation, a typo fix
that must not alert; delivered to a webhook receiver that checks signatures and fails on demand."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from app import crud
from app.config import Settings
from app.engine import compare
from app.models import Alert, Article, Delivery, DeliveryAttempt, Pickup
from app.schemas import AlertRuleCreate, AlertWebhook, ArticleCreate, WatchCreate
from app.services.alerts import add_rule, version_findings
from app.services.articles import store_article
from app.services.watch import add_watch, poll_watch
from app.services.watch_articles import poll_page
from app.services.watch_changes import changed_word_share
from app.services.webhooks import NOTIFY_BUSY_RETRY, NOTIFY_THREADS, alert_payload, deliver
from tests.ferry_story import CONDENSED, SAME_EVENT, WIRE_STORY
from tests.watch.conftest import SECRET, T0
from tests.watch.outlet import Outlet, article_html
from tests.watch.receiver import TRICKLE_SECONDS, Receiver
from tests.watch.stories import OUTLET_TITLE, OUTLET_V1, OUTLET_V2, OUTLET_V3

ALL_EVENTS = [
    "pickup",
    "changed",
    "quote_altered",
    "figure_changed",
    "credit_dropped",
    "substitution",
    "stealth_edit",
]


#: The longest a test waits for a thread to end; a bound against a hang, not a timing.
_BOUND_SECONDS = 60.0


def _rule(engine: Engine, receiver: Receiver, **fields: object) -> int:
    values: dict[str, object] = {
        "name": "desk",
        "events": ALL_EVENTS,
        "terms": ["militants", "terrorists"],  # a substitution alert needs its framing words
        "webhook_url": receiver.url,
        "webhook_secret": SECRET,
        **fields,
    }
    with Session(engine) as session:
        rule = add_rule(session, rule_in=AlertRuleCreate.model_validate(values), now=T0)
        assert rule.id is not None
        return rule.id


def _watch_page(engine: Engine, settings: Settings, outlet: Outlet) -> None:
    with Session(engine) as session:
        add_watch(
            session,
            watch_in=WatchCreate(url=outlet.url("/news/floods"), kind="page", source="Daily Planet"),
            now=T0,
        )
    poll_watch(engine, 1, settings=settings, now=T0)


def _unchecked_rule_delivery(
    engine: Engine, settings: Settings, outlet: Outlet, *, webhook_url: str, webhook_secret: str
) -> int:
    """A pickup rule stored as it could have been before its webhook was checked, and the delivery
    a first poll of the outlet's page makes for it."""
    unchecked = AlertRuleCreate.model_construct(
        name="desk",
        events=["pickup"],
        sources=None,
        min_change_share=0.0,
        terms=[],
        webhook_url=webhook_url,
        webhook_secret=webhook_secret,
        apprise_urls=[],
        active=True,
    )
    with Session(engine) as session:
        add_rule(session, rule_in=unchecked, now=T0)
    outlet.publish("/news/floods", article_html(OUTLET_TITLE, OUTLET_V1))
    _watch_page(engine, settings, outlet)
    [delivery_id] = poll_page(engine, 1, settings=settings, now=T0).deliveries
    return delivery_id


def _events(engine: Engine) -> list[tuple[str, int | None, int]]:
    with Session(engine) as session:
        alerts = session.exec(select(Alert).order_by(Alert.id)).all()  # type: ignore[arg-type]
        return [(alert.event, alert.base_article_id, alert.article_id) for alert in alerts]


@pytest.fixture
def timeline(engine: Engine, settings: Settings, outlet: Outlet, receiver: Receiver, wire: Article) -> Outlet:
    """The rule, the watch, and version 1 of the outlet's article polled."""
    _rule(engine, receiver)
    outlet.publish("/news/floods", article_html(OUTLET_TITLE, OUTLET_V1))
    _watch_page(engine, settings, outlet)
    return outlet


class TestPickupDecision:
    """The watcher records and alerts the pickups the pickup decision finds: the ones ``/related``
    lists as pickups, whatever the engine's verdict."""

    @staticmethod
    def _poll_story(
        engine: Engine, settings: Settings, outlet: Outlet, receiver: Receiver, text: str
    ) -> None:
        with Session(engine) as session:
            store_article(
                session=session,
                settings=settings,
                article_in=ArticleCreate(
                    source="Coastal Press Agency", text=WIRE_STORY, published_at=T0 - timedelta(hours=20)
                ),
            )
        _rule(engine, receiver)
        title, body = text.split("\n\n")
        outlet.publish("/news/floods", article_html(title, [body]))
        _watch_page(engine, settings, outlet)
        poll_page(engine, 1, settings=settings, now=T0)

    def test_a_condensed_rewrite_the_verdict_calls_related_alerts_as_a_pickup(
        self, engine: Engine, settings: Settings, outlet: Outlet, receiver: Receiver
    ) -> None:
        self._poll_story(engine, settings, outlet, receiver, CONDENSED)

        # the judge's and the solicitor's words are left out: a quotation event beside the pickup
        assert _events(engine) == [("pickup", 1, 2), ("quote_altered", 1, 2)]
        with Session(engine) as session:
            pickup = session.exec(select(Pickup)).one()
        assert (pickup.wire_article_id, pickup.outlet_article_id, pickup.verdict) == (1, 2, "related")

    def test_a_copy_giving_a_quotation_to_another_speaker_alerts_it(
        self, engine: Engine, settings: Settings, outlet: Outlet, receiver: Receiver
    ) -> None:
        title, _, body = WIRE_STORY.split("\n\n")
        copy = (
            title
            + "\n\n"
            + body.replace("Judge Anthony Carrow told Hale", "Prosecutor Nadia Okafor told Hale")
        )
        self._poll_story(engine, settings, outlet, receiver, copy)

        assert _events(engine) == [("pickup", 1, 2), ("quote_altered", 1, 2)]
        with Session(engine) as session:
            alert = session.exec(select(Alert).where(Alert.event == "quote_altered")).one()
        assert [(d["kind"], d["status"], d["quote"][:20]) for d in alert.findings] == [
            ("quote", "reattributed", "You put the lives of")
        ]

    def test_a_same_event_report_with_its_own_quotes_is_no_pickup(
        self, engine: Engine, settings: Settings, outlet: Outlet, receiver: Receiver
    ) -> None:
        self._poll_story(engine, settings, outlet, receiver, SAME_EVENT)

        assert _events(engine) == []
        with Session(engine) as session:
            assert session.exec(select(Pickup)).all() == []


class TestTimeline:
    def test_a_pickup_alerts_with_the_credit_dropped(
        self, engine: Engine, settings: Settings, timeline: Outlet
    ) -> None:
        polled = poll_page(engine, 1, settings=settings, now=T0)

        # "goverment" for "government" is a substitution, but of no framing word the rule lists
        assert _events(engine) == [("pickup", 1, 2), ("credit_dropped", 1, 2)]
        assert polled.deliveries == [1, 2]

    def test_a_stealth_edit_altering_a_quote_alerts(
        self, engine: Engine, settings: Settings, timeline: Outlet
    ) -> None:
        poll_page(engine, 1, settings=settings, now=T0)
        timeline.publish("/news/floods", article_html(OUTLET_TITLE, OUTLET_V2))

        poll_page(engine, 1, settings=settings, now=T0 + timedelta(minutes=10))

        version_events = [event for event in _events(engine) if event[1] == 2]
        assert version_events == [("changed", 2, 3), ("quote_altered", 2, 3), ("stealth_edit", 2, 3)]

    def test_a_changed_alert_says_what_changed_most_important_first(
        self, engine: Engine, settings: Settings, timeline: Outlet
    ) -> None:
        poll_page(engine, 1, settings=settings, now=T0)
        turned = [
            *OUTLET_V1[:5],
            OUTLET_V1[5].replace("is due to declare", "is not going to declare"),
            OUTLET_V1[6].replace("correspondent", "reporter"),
        ]
        timeline.publish("/news/floods", article_html(OUTLET_TITLE, turned))

        poll_page(engine, 1, settings=settings, now=T0 + timedelta(minutes=10))

        with Session(engine) as session:
            changed = session.exec(select(Alert).where(Alert.event == "changed")).one()
            stealth = session.exec(select(Alert).where(Alert.event == "stealth_edit")).one()
        summary, negation, swap = changed.findings
        assert (summary["kind"], summary["verdict"], summary["headline"]) == (
            "changed",
            "copy",
            "copy, altered: 1 negation, 1 word swap",
        )
        assert summary["share"] > 0
        assert negation == {
            "kind": "negation_changed",
            "severity": "high",
            "message": "negation added: due → not going",
            "before": "due",
            "after": "not going",
        }
        # a word swap points at no sentence: no words before and after beyond its message
        assert swap == {
            "kind": "substitution",
            "severity": "low",
            "message": "word swap: correspondent → reporter ×1",
            "before": None,
            "after": None,
        }
        # the same findings, under a summary whose kind is the alert's own event
        assert stealth.findings == [{**summary, "kind": "stealth_edit"}, negation, swap]

    def test_an_alert_stored_before_each_kind_had_one_shape_is_delivered_in_it(
        self, engine: Engine, settings: Settings, receiver: Receiver, wire: Article
    ) -> None:
        rule_id = _rule(engine, receiver)
        earlier = {  # as alerts were stored before each kind had one shape
            "changed": [{"kind": "changed", "share": 0.2, "verdict": "copy"}],
            "stealth_edit": [{"kind": "changed", "share": 0.2, "verdict": "copy"}],
            "credit_dropped": [{"kind": "credit_dropped", "wire_credits": ["Reuters"]}],
            "quote_altered": [{"kind": "quote_missing", "quote": "We will rebuild", "now": None}],
            "figure_changed": [{"kind": "figure_changed", "base": "12", "other": "30"}],
            "substitution": [{"kind": "substitution", "base": "rebels", "other": "terrorists", "count": 2}],
        }
        assert wire.id is not None
        with Session(engine) as session:
            for event, findings in earlier.items():
                alert = Alert(
                    rule_id=rule_id,
                    key=f"{event}:0:{wire.id}",
                    event=event,
                    article_id=wire.id,
                    base_article_id=None,
                    source="Reuters",
                    comparison_url=None,
                    findings=findings,
                    created_at=T0,
                )
                crud.add_alert(session=session, alert=alert, deliveries=[])
            alerts = session.exec(select(Alert).order_by(Alert.id)).all()  # type: ignore[arg-type]
            payloads = [alert_payload(session, alert, settings) for alert in alerts]
        for payload in payloads:
            AlertWebhook.model_validate(payload)
        assert [payload["data"]["findings"][0] for payload in payloads] == [
            {"kind": "changed", "share": 0.2, "verdict": "copy", "headline": "copy"},
            {"kind": "stealth_edit", "share": 0.2, "verdict": "copy", "headline": "copy"},
            {"kind": "credit", "wire_credits": ["Reuters"]},
            {"kind": "quote", "status": "missing", "quote": "We will rebuild", "now": None},
            {"kind": "figure", "base": "12", "other": "30"},
            {"kind": "swap", "base": "rebels", "other": "terrorists", "count": 2},
        ]

    def test_every_alert_says_its_findings_in_the_one_shape_of_each_kind(
        self, engine: Engine, settings: Settings, timeline: Outlet
    ) -> None:
        poll_page(engine, 1, settings=settings, now=T0)
        timeline.publish("/news/floods", article_html(OUTLET_TITLE, OUTLET_V2))
        poll_page(engine, 1, settings=settings, now=T0 + timedelta(minutes=10))

        with Session(engine) as session:
            alerts = session.exec(select(Alert).order_by(Alert.id)).all()  # type: ignore[arg-type]
            payloads = [alert_payload(session, alert, settings) for alert in alerts]
        shapes: dict[str, set[frozenset[str]]] = {}
        for payload in payloads:
            AlertWebhook.model_validate(payload)  # as the OpenAPI document's webhook says
            for entry in payload["data"]["findings"]:
                shapes.setdefault(entry["kind"], set()).add(frozenset(entry))
        assert [p["data"]["event"] for p in payloads] == [
            "pickup",
            "credit_dropped",
            "changed",
            "quote_altered",
            "stealth_edit",
        ]
        assert all(len(keys) == 1 for keys in shapes.values()), shapes
        first = {p["data"]["event"]: p["data"]["findings"][0]["kind"] for p in payloads}
        assert first == {
            "pickup": "pickup",
            "credit_dropped": "credit",
            "changed": "changed",
            "quote_altered": "quote",
            "stealth_edit": "stealth_edit",
        }

    def test_a_figure_changed_alert_and_a_changed_alert_name_a_figure_in_their_own_shapes(self) -> None:
        before = (
            "Floods kill 12 in north\n\nFloods killed 12 people in the north of the country on Friday, "
            "officials said. Rescue teams reached three villages by boat. More rain is forecast for the "
            "weekend, the weather service said."
        )
        after = before.replace("12", "40")
        previous = Article(id=1, source="X", text=before, content_hash="a")
        article = Article(id=2, source="X", text=after, content_hash="b")

        found = version_findings(
            previous=previous,
            article=article,
            comparison=compare(before, after),
            share=changed_word_share(before, after),
        )

        details = {finding.event: finding.details for finding in found}
        assert details["figure_changed"] == [{"kind": "figure", "base": "12", "other": "40"}] * 2
        assert details["changed"][1] == {
            "kind": "figure_changed",
            "severity": "high",
            "message": "figure changed in the headline: 12 → 40",
            "before": "12",
            "after": "40",
        }
        assert [entry["kind"] for entry in details["stealth_edit"]][:1] == ["stealth_edit"]

    def test_a_typo_fix_is_a_new_version_and_no_alert(
        self, engine: Engine, settings: Settings, timeline: Outlet
    ) -> None:
        poll_page(engine, 1, settings=settings, now=T0)
        timeline.publish("/news/floods", article_html(OUTLET_TITLE, OUTLET_V2))
        poll_page(engine, 1, settings=settings, now=T0 + timedelta(minutes=10))
        before = _events(engine)
        timeline.publish("/news/floods", article_html(OUTLET_TITLE, OUTLET_V3))

        polled = poll_page(engine, 1, settings=settings, now=T0 + timedelta(minutes=40))

        assert (polled.new_version, polled.article_id, polled.deliveries) == (True, 4, [])
        assert _events(engine) == before

    def test_polling_again_raises_nothing_twice(
        self, engine: Engine, settings: Settings, timeline: Outlet
    ) -> None:
        poll_page(engine, 1, settings=settings, now=T0)
        with Session(engine) as session:  # as if the worker died before it wrote the page's state
            page = crud.get_page(session=session, page_id=1)
            assert page is not None
            page.fingerprint, page.article_id, page.etag, page.next_poll_at = None, None, None, T0
            crud.save(session=session, row=page)

        polled = poll_page(engine, 1, settings=settings, now=T0)

        assert (polled.new_version, polled.deliveries) == (True, [])
        assert len(_events(engine)) == 2


class TestRules:
    def test_sources_limit_a_rule_to_those_outlets(
        self, engine: Engine, settings: Settings, outlet: Outlet, receiver: Receiver, wire: Article
    ) -> None:
        _rule(engine, receiver, sources=["Another Paper"])
        outlet.publish("/news/floods", article_html(OUTLET_TITLE, OUTLET_V1))
        _watch_page(engine, settings, outlet)

        poll_page(engine, 1, settings=settings, now=T0)

        assert _events(engine) == []

    def test_a_change_under_the_rules_share_does_not_alert_changed(
        self, engine: Engine, settings: Settings, outlet: Outlet, receiver: Receiver, wire: Article
    ) -> None:
        _rule(engine, receiver, events=["changed"], min_change_share=0.5)
        outlet.publish("/news/floods", article_html(OUTLET_TITLE, OUTLET_V1))
        _watch_page(engine, settings, outlet)
        poll_page(engine, 1, settings=settings, now=T0)
        outlet.publish("/news/floods", article_html(OUTLET_TITLE, OUTLET_V2))

        poll_page(engine, 1, settings=settings, now=T0 + timedelta(minutes=10))

        assert _events(engine) == []


class TestChannels:
    def test_a_rule_stored_with_a_channel_twice_alerts_once_on_each(
        self, engine: Engine, settings: Settings, outlet: Outlet, receiver: Receiver, wire: Article
    ) -> None:
        mail = "mailto://user:pass@example.com"
        unchecked = AlertRuleCreate.model_construct(  # as stored before lists were de-duplicated
            name="desk",
            events=["pickup"],
            sources=None,
            min_change_share=0.0,
            terms=[],
            webhook_url=receiver.url,
            webhook_secret=SECRET,
            apprise_urls=[mail, mail],
            active=True,
        )
        with Session(engine) as session:
            add_rule(session, rule_in=unchecked, now=T0)
        outlet.publish("/news/floods", article_html(OUTLET_TITLE, OUTLET_V1))
        _watch_page(engine, settings, outlet)

        polled = poll_page(engine, 1, settings=settings, now=T0)

        assert _events(engine) == [("pickup", 1, 2)]
        with Session(engine) as session:
            deliveries = session.exec(select(Delivery).order_by(Delivery.id)).all()  # type: ignore[arg-type]
            assert [(d.id, d.channel, d.target) for d in deliveries] == [
                (1, "webhook", receiver.url),
                (2, "apprise", mail),
            ]
        assert polled.deliveries == [1, 2]

    def test_an_alert_the_database_refuses_for_another_reason_is_raised_not_taken_as_stored(
        self, engine: Engine, receiver: Receiver, wire: Article
    ) -> None:
        rule_id = _rule(engine, receiver)
        assert wire.id is not None
        alert = Alert(
            rule_id=rule_id,
            key=f"pickup:0:{wire.id}",
            event="pickup",
            article_id=wire.id,
            source="Reuters",
            created_at=T0,
        )
        channel = ("apprise", "mailto://user:pass@example.com")

        with Session(engine) as session, pytest.raises(IntegrityError):
            crud.add_alert(session=session, alert=alert, deliveries=[channel, channel])

        with Session(engine) as session:
            assert session.exec(select(Alert)).all() == []
            assert session.exec(select(Delivery)).all() == []


class TestWebhook:
    def test_the_receiver_gets_the_alert_signed_with_findings_and_links(
        self, engine: Engine, settings: Settings, timeline: Outlet, receiver: Receiver
    ) -> None:
        polled = poll_page(engine, 1, settings=settings, now=T0)

        done = deliver(engine, polled.deliveries[0], settings=settings, now=T0)

        assert (done.claimed, done.status) == (True, "delivered")
        assert receiver.bad_signatures == 0
        [call] = receiver.received
        assert call["id"] == "msg_1"
        data = call["body"]["data"]
        assert call["body"]["type"] == "alert.pickup"
        assert (data["event"], data["source"], data["base"]["source"]) == (
            "pickup",
            "Daily Planet",
            "Reuters",
        )
        assert data["findings"][0]["verdict"] == "copy"
        assert data["comparison_page"] == "http://wirediff.test/ui/compare/1/2"
        assert data["comparison"] == "http://wirediff.test/v1/articles/1/compare/2"

    def test_a_failing_receiver_is_retried_with_backoff_then_failed(
        self, engine: Engine, settings: Settings, timeline: Outlet, receiver: Receiver
    ) -> None:
        polled = poll_page(engine, 1, settings=settings, now=T0)
        receiver.fail_next = 3
        delivery_id = polled.deliveries[0]

        first = deliver(engine, delivery_id, settings=settings, now=T0)
        early = deliver(engine, delivery_id, settings=settings, now=T0 + timedelta(seconds=5))
        second = deliver(engine, delivery_id, settings=settings, now=T0 + timedelta(seconds=10))
        third = deliver(engine, delivery_id, settings=settings, now=T0 + timedelta(seconds=70))

        assert (first.status, first.retry_at) == ("pending", T0 + timedelta(seconds=10))
        assert not early.claimed
        assert (second.status, second.retry_at) == ("pending", T0 + timedelta(seconds=70))
        assert (third.status, third.retry_at) == ("failed", None)
        assert receiver.received == []
        with Session(engine) as session:
            attempts = session.exec(select(DeliveryAttempt).order_by(DeliveryAttempt.id)).all()  # type: ignore[arg-type]
            assert [(a.status_code, a.error) for a in attempts] == [(500, "The receiver answered 500")] * 3
            delivery = crud.get_delivery(session=session, delivery_id=delivery_id)
            assert delivery is not None
            assert (delivery.status, delivery.attempts) == ("failed", 3)

    def test_a_receiver_that_recovers_gets_the_alert_once(
        self, engine: Engine, settings: Settings, timeline: Outlet, receiver: Receiver
    ) -> None:
        polled = poll_page(engine, 1, settings=settings, now=T0)
        receiver.fail_next = 1
        delivery_id = polled.deliveries[0]

        deliver(engine, delivery_id, settings=settings, now=T0)
        done = deliver(engine, delivery_id, settings=settings, now=T0 + timedelta(seconds=10))
        after = deliver(engine, delivery_id, settings=settings, now=T0 + timedelta(seconds=80))

        assert done.status == "delivered"
        assert not after.claimed
        assert [call["id"] for call in receiver.received] == ["msg_1"]

    def test_a_receiver_answering_a_byte_at_a_time_is_cut_off_at_the_webhook_timeout(
        self, engine: Engine, settings: Settings, timeline: Outlet, receiver: Receiver
    ) -> None:
        polled = poll_page(engine, 1, settings=settings, now=T0)
        receiver.trickle = True  # each byte well within a read timeout, the answer far beyond 1 s
        quick = settings.model_copy(update={"webhook_timeout_seconds": 1.0})

        done = deliver(engine, polled.deliveries[0], settings=quick, now=T0)

        assert (done.claimed, done.status, done.retry_at) == (True, "pending", T0 + timedelta(seconds=10))
        with Session(engine) as session:
            [attempt] = session.exec(select(DeliveryAttempt)).all()
            assert (attempt.status_code, attempt.error) == (
                None,
                "The receiver took longer than 1 s (WIREDIFF_WEBHOOK_TIMEOUT_SECONDS)",
            )

    @pytest.mark.parametrize("stored", [SECRET + "\n", f" {SECRET}\r\n", SECRET[:20] + "\n" + SECRET[20:]])
    def test_a_stored_secret_with_whitespace_signs_as_its_receiver_verifies(
        self,
        engine: Engine,
        settings: Settings,
        outlet: Outlet,
        receiver: Receiver,
        wire: Article,
        stored: str,
    ) -> None:
        # as a rule stored before secrets were checked could hold (pasted with a newline); the
        # receiver has the secret itself, and decodes it as Standard Webhooks libraries do
        delivery_id = _unchecked_rule_delivery(
            engine, settings, outlet, webhook_url=receiver.url, webhook_secret=stored
        )

        done = deliver(engine, delivery_id, settings=settings, now=T0)

        assert (done.status, receiver.bad_signatures) == ("delivered", 0)
        assert [call["id"] for call in receiver.received] == ["msg_1"]

    def test_a_stored_secret_that_cannot_sign_is_a_failed_attempt_retried_as_any(
        self, engine: Engine, settings: Settings, outlet: Outlet, receiver: Receiver, wire: Article
    ) -> None:
        # as a rule stored before secrets were checked could hold
        delivery_id = _unchecked_rule_delivery(
            engine, settings, outlet, webhook_url=receiver.url, webhook_secret="whsec_abc"
        )

        first = deliver(engine, delivery_id, settings=settings, now=T0)
        second = deliver(engine, delivery_id, settings=settings, now=T0 + timedelta(seconds=10))
        last = deliver(engine, delivery_id, settings=settings, now=T0 + timedelta(seconds=70))

        assert [(d.status, d.retry_at) for d in (first, second, last)] == [
            ("pending", T0 + timedelta(seconds=10)),
            ("pending", T0 + timedelta(seconds=70)),
            ("failed", None),
        ]
        assert receiver.received == []
        with Session(engine) as session:
            attempts = session.exec(select(DeliveryAttempt)).all()
            assert [(a.status_code, a.error) for a in attempts] == [
                (
                    None,
                    "The attempt failed: a whsec_ secret is base64 after its prefix: Incorrect padding",
                )
            ] * 3

    def test_a_stored_webhook_url_that_cannot_be_fetched_is_a_failed_attempt(
        self, engine: Engine, settings: Settings, outlet: Outlet, receiver: Receiver, wire: Article
    ) -> None:
        # as a rule stored before webhook URLs were checked could hold
        delivery_id = _unchecked_rule_delivery(
            engine, settings, outlet, webhook_url="http://[::1/hook", webhook_secret=SECRET
        )

        done = deliver(engine, delivery_id, settings=settings, now=T0)

        assert (done.status, done.retry_at) == ("pending", T0 + timedelta(seconds=10))
        with Session(engine) as session:
            [attempt] = session.exec(select(DeliveryAttempt)).all()
            assert (attempt.status_code, attempt.error) == (
                None,
                "Cannot post to http://[::1/hook: Invalid port: ':1'",
            )

    def test_a_webhook_to_a_private_address_is_refused(
        self, engine: Engine, settings: Settings, outlet: Outlet, receiver: Receiver, wire: Article
    ) -> None:
        _rule(engine, receiver, events=["pickup"], webhook_url="http://127.0.0.2:9/hook")
        outlet.publish("/news/floods", article_html(OUTLET_TITLE, OUTLET_V1))
        _watch_page(engine, settings, outlet)
        polled = poll_page(engine, 1, settings=settings, now=T0)

        deliver(engine, polled.deliveries[0], settings=settings, now=T0)

        with Session(engine) as session:
            delivery = crud.get_delivery(session=session, delivery_id=polled.deliveries[0])
            assert delivery is not None
            assert delivery.last_error is not None
            assert delivery.last_error.startswith("127.0.0.2 is a loopback, private or otherwise non-public")


class NotificationServer:
    """A self-hosted notification server as apprise's ntfy:// channel posts to it (JSON with the
    topic, title and message), on 127.0.0.1, keeping what it received; ``on_request`` runs as a
    message arrives (what happens meanwhile), and ``trickle`` answers a byte at a time
    (TRICKLE_SECONDS apart) with no end, until the caller gives up or the server stops."""

    def __init__(self) -> None:
        received: list[dict[str, str]] = []
        self.received = received
        self.on_request: Callable[[], None] | None = None
        self.trickle = False
        self.stop = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                received.append(json.loads(body))
                if server.on_request is not None:
                    server.on_request()
                if server.trickle:
                    self._trickle()
                    return
                answer = b'{"id": "1", "event": "message"}'
                head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                head += f"Content-Length: {len(answer)}\r\n\r\n"
                self.wfile.write(head.encode() + answer)

            def _trickle(self) -> None:
                """A header that never ends, a byte at a time."""
                piece = iter(b"HTTP/1.1 200 OK\r\nX-Wait: ")
                while not server.stop.wait(TRICKLE_SECONDS):
                    try:
                        self.wfile.write(bytes([next(piece, ord("."))]))
                        self.wfile.flush()
                    except OSError:  # the caller gave up
                        return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"


@pytest.fixture
def notifications() -> Iterator[NotificationServer]:
    server = NotificationServer()
    server.thread.start()
    try:
        yield server
    finally:
        server.stop.set()
        server.server.shutdown()
        server.server.server_close()


class TestAppriseChannel:
    def _alert_to(
        self, engine: Engine, settings: Settings, outlet: Outlet, receiver: Receiver, url: str
    ) -> int:
        _rule(engine, receiver, events=["pickup"], webhook_url=None, apprise_urls=[url])
        outlet.publish("/news/floods", article_html(OUTLET_TITLE, OUTLET_V1))
        _watch_page(engine, settings, outlet)
        polled = poll_page(engine, 1, settings=settings, now=T0)
        [delivery_id] = polled.deliveries
        return delivery_id

    def test_a_self_hosted_server_gets_the_alert_with_its_findings_and_link(
        self,
        engine: Engine,
        settings: Settings,
        outlet: Outlet,
        receiver: Receiver,
        wire: Article,
        notifications: NotificationServer,
    ) -> None:
        allowed = settings.model_copy(
            update={"watch_allow_hosts": [*settings.watch_allow_hosts, notifications.host]}
        )
        delivery_id = self._alert_to(engine, allowed, outlet, receiver, f"ntfy://{notifications.host}/desk")

        done = deliver(engine, delivery_id, settings=allowed, now=T0)

        assert (done.claimed, done.status) == (True, "delivered")
        [message] = notifications.received
        assert (message["topic"], message["title"]) == ("desk", "wirediff: pickup at Daily Planet")
        lines = message["message"].splitlines()
        assert lines[0] == OUTLET_TITLE
        assert "verdict: copy" in lines[1]
        assert lines[-1] == "http://wirediff.test/ui/compare/1/2"

    def test_a_server_at_a_private_address_is_refused_as_a_webhook_is(
        self,
        engine: Engine,
        settings: Settings,
        outlet: Outlet,
        receiver: Receiver,
        wire: Article,
        notifications: NotificationServer,
    ) -> None:
        delivery_id = self._alert_to(engine, settings, outlet, receiver, f"ntfy://{notifications.host}/desk")

        done = deliver(engine, delivery_id, settings=settings, now=T0)

        assert (done.claimed, done.status) == (True, "pending")
        assert notifications.received == []
        with Session(engine) as session:
            delivery = crud.get_delivery(session=session, delivery_id=delivery_id)
            assert delivery is not None
            assert delivery.last_error == (
                "127.0.0.1 is a loopback, private or otherwise non-public address; "
                "set WIREDIFF_FETCH_ALLOW_PRIVATE=true to allow it"
            )

    def test_a_server_answering_a_byte_at_a_time_is_cut_off_at_the_webhook_timeout(
        self,
        engine: Engine,
        settings: Settings,
        outlet: Outlet,
        receiver: Receiver,
        wire: Article,
        notifications: NotificationServer,
    ) -> None:
        # each byte well within apprise's own read timeout: only a bound on the whole call ends it
        notifications.trickle = True
        allowed = settings.model_copy(
            update={
                "watch_allow_hosts": [*settings.watch_allow_hosts, notifications.host],
                "webhook_timeout_seconds": 1.0,
            }
        )
        delivery_id = self._alert_to(engine, allowed, outlet, receiver, f"ntfy://{notifications.host}/desk")

        done = deliver(engine, delivery_id, settings=allowed, now=T0)

        assert (done.claimed, done.status, done.retry_at) == (True, "pending", T0 + timedelta(seconds=10))
        with Session(engine) as session:
            delivery = crud.get_delivery(session=session, delivery_id=delivery_id)
            assert delivery is not None
            assert (delivery.attempts, delivery.claimed_until, delivery.last_error) == (
                1,
                None,
                "The receiver took longer than 1 s (WIREDIFF_WEBHOOK_TIMEOUT_SECONDS)",
            )

    def test_past_the_notify_threads_a_delivery_is_put_back_unattempted(
        self,
        engine: Engine,
        settings: Settings,
        outlet: Outlet,
        receiver: Receiver,
        wire: Article,
        notifications: NotificationServer,
    ) -> None:
        # a server that never finishes answering: every call to it is left behind, still sending
        for thread in threading.enumerate():
            if thread.name == "wirediff-notify":  # left behind by an earlier test
                thread.join(_BOUND_SECONDS)
        notifications.trickle = True
        allowed = settings.model_copy(
            update={
                "watch_allow_hosts": [*settings.watch_allow_hosts, notifications.host],
                "webhook_timeout_seconds": 1.0,
            }
        )
        desks = [f"ntfy://{notifications.host}/desk{number}" for number in range(NOTIFY_THREADS + 1)]
        _rule(engine, receiver, events=["pickup"], webhook_url=None, apprise_urls=desks)
        outlet.publish("/news/floods", article_html(OUTLET_TITLE, OUTLET_V1))
        _watch_page(engine, settings, outlet)
        *left_behind, last = poll_page(engine, 1, settings=allowed, now=T0).deliveries
        timed_out = [deliver(engine, each, settings=allowed, now=T0).status for each in left_behind]

        done = deliver(engine, last, settings=allowed, now=T0)

        assert timed_out == ["pending"] * NOTIFY_THREADS
        assert (done.claimed, done.status, done.retry_at) == (True, "pending", T0 + NOTIFY_BUSY_RETRY)
        assert len(notifications.received) == NOTIFY_THREADS
        with Session(engine) as session:
            delivery = crud.get_delivery(session=session, delivery_id=last)
            assert delivery is not None
            assert (
                delivery.status,
                delivery.attempts,
                delivery.claimed_until,
                delivery.next_attempt_at,
                delivery.last_error,
            ) == ("pending", 0, None, T0 + NOTIFY_BUSY_RETRY, None)
            assert crud.attempts_of(session=session, delivery_ids=[last]) == {last: []}
        notifications.stop.set()  # the calls left behind end; their threads with them
        for thread in threading.enumerate():
            if thread.name == "wirediff-notify":
                thread.join(_BOUND_SECONDS)
        again = deliver(engine, last, settings=allowed, now=T0 + NOTIFY_BUSY_RETRY)
        assert (again.claimed, again.status) == (True, "pending")
        with Session(engine) as session:
            attempts = crud.attempts_of(session=session, delivery_ids=[last])[last]
        # the server, stopped, drops the connection: an attempt made, and logged, this time
        assert [attempt.error for attempt in attempts] == ["apprise could not deliver the notification"]

    def test_an_attempt_that_outlasts_its_claim_leaves_the_row_to_the_worker_that_took_it_over(
        self,
        engine: Engine,
        settings: Settings,
        outlet: Outlet,
        receiver: Receiver,
        wire: Article,
        notifications: NotificationServer,
    ) -> None:
        allowed = settings.model_copy(
            update={"watch_allow_hosts": [*settings.watch_allow_hosts, notifications.host]}
        )
        delivery_id = self._alert_to(engine, allowed, outlet, receiver, f"ntfy://{notifications.host}/desk")
        # while the message is on its way, the lease runs out and another worker claims the row
        taken_at = T0 + timedelta(seconds=allowed.webhook_timeout_seconds * 2 + 6)
        taken_until = taken_at + timedelta(minutes=1)

        def taken_over() -> None:
            with Session(engine) as session:
                assert crud.claim_delivery(
                    session=session, delivery_id=delivery_id, now=taken_at, until=taken_until
                )

        notifications.on_request = taken_over

        done = deliver(engine, delivery_id, settings=allowed, now=T0)

        assert done.claimed is False
        assert len(notifications.received) == 1
        with Session(engine) as session:
            delivery = crud.get_delivery(session=session, delivery_id=delivery_id)
            assert delivery is not None
            assert (delivery.status, delivery.attempts, delivery.claimed_until, delivery.last_error) == (
                "pending",
                0,
                taken_until,
                None,
            )
            assert session.exec(select(DeliveryAttempt)).all() == []
