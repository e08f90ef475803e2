"""The dashboard's watch pages: the watches with their state and the form, a URL's timeline of
versions, the pickups of a wire story, and the alert rules with the delivery log."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session

from app.config import Settings
from app.main import create_app
from app.schemas import AlertRuleCreate
from app.services.alerts import add_rule
from app.services.watch import poll_watch
from app.services.watch_articles import poll_page
from app.services.webhooks import deliver
from tests.watch.conftest import SECRET
from tests.watch.outlet import Outlet, article_html
from tests.watch.receiver import Receiver
from tests.watch.stories import OUTLET_TITLE, OUTLET_V1, OUTLET_V2


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as client:
        yield client


@pytest.fixture
def polled(
    client: TestClient, engine: Engine, settings: Settings, outlet: Outlet, receiver: Receiver, wire: object
) -> Outlet:
    """A rule, a page watched through the form, polled twice (a pickup, then a stealth edit)."""
    with Session(engine) as session:
        add_rule(
            session,
            rule_in=AlertRuleCreate(
                name="desk", events=["pickup"], webhook_url=receiver.url, webhook_secret=SECRET
            ),
            now=datetime.now(UTC),
        )
    outlet.publish("/news/floods", article_html(OUTLET_TITLE, OUTLET_V1))
    response = client.post(
        "/ui/watches",
        data={"url": outlet.url("/news/floods"), "kind": "page", "source": "Daily Planet"},
        follow_redirects=False,
    )
    assert (response.status_code, response.headers["location"]) == (303, "/ui/watches/1")
    poll_watch(engine, 1, settings=settings, now=datetime.now(UTC))
    [delivery] = poll_page(engine, 1, settings=settings, now=datetime.now(UTC)).deliveries
    deliver(engine, delivery, settings=settings, now=datetime.now(UTC))
    outlet.publish("/news/floods", article_html(OUTLET_TITLE, OUTLET_V2))
    poll_page(engine, 1, settings=settings, now=datetime.now(UTC).replace(year=2027))
    return outlet


def test_watches_page_shows_each_watch_and_its_state(client: TestClient, polled: Outlet) -> None:
    response = client.get("/ui/watches")

    assert response.status_code == 200
    assert polled.url("/news/floods") in response.text
    assert '<a href="/ui/watches/1">1</a>' in response.text


def test_the_form_refuses_a_url_that_is_not_http(client: TestClient) -> None:
    response = client.post("/ui/watches", data={"url": "ftp://x", "kind": "page", "source": "A"})

    assert response.status_code == 422
    assert "Must be an http or https URL without spaces." in response.text


def test_a_urls_timeline_links_each_version_to_what_changed(client: TestClient, polled: Outlet) -> None:
    response = client.get("/ui/watched-pages/1")

    assert response.status_code == 200
    assert '<a href="/ui/articles/2">Version 1</a>' in response.text
    assert '<a href="/ui/compare/2/3">what changed since version 1</a>' in response.text


def test_pickups_of_a_wire_story(client: TestClient, polled: Outlet) -> None:
    response = client.get("/ui/articles/1/pickups", params={"follow": "true"})

    assert response.status_code == 200
    assert '<a href="/ui/compare/1/2">The comparison</a>' in response.text
    assert '<meta http-equiv="refresh" content="30">' in response.text  # followed, as asked


def test_alerts_page_lists_rules_and_the_delivery_log(client: TestClient, polled: Outlet) -> None:
    response = client.get("/ui/alerts")

    assert response.status_code == 200
    assert "<strong>desk</strong>: pickup" in response.text
    assert "1 delivery, the newest first." in response.text
    assert '<td data-label="Status">delivered</td>' in response.text
    # the delivery's address as the rule's is shown: the receiver's path left out
    assert '<td data-label="Channel">webhook: http://127.0.0.1:' in response.text
    assert "/hook</td>" not in response.text


def test_a_rule_added_in_the_form_shows_its_secret_once(client: TestClient) -> None:
    response = client.post(
        "/ui/alert-rules",
        data={"name": "desk", "events": ["pickup", "changed"], "webhook_url": "https://hooks.example/a"},
    )

    assert response.status_code == 200  # after the form's 303 to the rules
    assert "Its webhook signing secret, shown this once: <code>whsec_" in response.text
    assert "whsec_" not in client.get(str(response.url)).text


def test_the_rules_show_no_credential_of_a_webhook_or_channel(client: TestClient, engine: Engine) -> None:
    with Session(engine) as session:
        add_rule(
            session,
            rule_in=AlertRuleCreate(
                name="desk",
                events=["pickup"],
                webhook_url="https://hooks.example/x?token=SECRETTOKEN",
                apprise_urls=["mailto://user:hunter2@example.com"],
            ),
            now=datetime.now(UTC),
        )

    response = client.get("/ui/alerts")

    assert response.status_code == 200
    assert "; webhook https://hooks.example/…; 1 apprise channel(s)</li>" in response.text
    assert "SECRETTOKEN" not in response.text
    assert "hunter2" not in response.text
