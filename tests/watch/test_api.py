"""/v1/watches, /v1/alert-rules and /v1/deliveries over HTTP (TestClient, the real database)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session

from app import crud
from app.config import Settings
from app.main import create_app
from app.services.watch import poll_watch
from app.services.watch_articles import poll_page
from app.services.webhooks import deliver
from app.tasks import Queue
from tests.watch.conftest import SECRET
from tests.watch.outlet import Outlet, article_html
from tests.watch.receiver import Receiver
from tests.watch.stories import OUTLET_TITLE, OUTLET_V1


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as client:
        yield client


FEED = {"url": "https://outlet.example/feed.xml", "kind": "feed", "source": "Daily Planet"}


class TestCreateWatch:
    def test_valid(self, client: TestClient, settings: Settings) -> None:
        response = client.post("/v1/watches", json=FEED)

        assert response.status_code == 201
        assert response.headers["location"] == "/v1/watches/1"
        body = response.json()
        assert (body["id"], body["kind"], body["source"], body["active"]) == (1, "feed", "Daily Planet", True)
        assert body["next_poll_at"] == body["created_at"]
        assert Queue(settings).pending() == 1  # the first poll, enqueued

    @pytest.mark.parametrize(
        ("url", "reason"),
        [
            ("http://ab\u200bc.example/feed", "Invalid IDNA hostname"),  # a zero-width space
            ("https://exa\u00admple.com/feed", "Invalid IDNA hostname"),  # a soft hyphen
            ("http://xn--a.example/feed", "Codepoint U+0080 at position 1"),  # not punycode
            # punycode, of 💩.la: a registered name, but httpx cannot build a request to it
            ("https://xn--ls8h.la/feed", "its host xn--ls8h.la is not a host name IDNA 2008 allows"),
            ("http://[::1/feed", "Invalid port"),
            ("http://a..b/feed", "host name that can be looked up"),
            ("http://example.com:99999/feed", "port from 1 to 65535, not 99999"),
        ],
    )
    def test_a_url_that_can_never_be_fetched(self, client: TestClient, url: str, reason: str) -> None:
        response = client.post("/v1/watches", json={**FEED, "url": url})

        assert response.status_code == 422
        assert response.headers["content-type"] == "application/problem+json"
        [error] = response.json()["errors"]
        assert error["loc"] == ["body", "url"]
        assert reason in error["detail"]
        assert client.get("/v1/watches").json()["count"] == 0

    def test_an_international_host_name_is_watched(self, client: TestClient) -> None:
        response = client.post("/v1/watches", json={**FEED, "url": "https://bücher.example/feed"})

        assert response.status_code == 201

    def test_duplicate_is_the_stored_watch(self, client: TestClient) -> None:
        client.post("/v1/watches", json=FEED)

        response = client.post("/v1/watches", json={**FEED, "source": "Other"})

        assert response.status_code == 200
        assert (response.json()["id"], response.json()["source"]) == (1, "Daily Planet")

    def test_unknown_kind(self, client: TestClient) -> None:
        response = client.post("/v1/watches", json={**FEED, "kind": "newsletter"})

        assert response.status_code == 422
        assert response.headers["content-type"] == "application/problem+json"

    def test_not_http(self, client: TestClient) -> None:
        response = client.post("/v1/watches", json={**FEED, "url": "file:///etc/passwd"})

        assert response.status_code == 422


class TestReadWatches:
    def test_list(self, client: TestClient) -> None:
        client.post("/v1/watches", json=FEED)

        response = client.get("/v1/watches")

        assert response.status_code == 200
        assert (response.json()["count"], [w["id"] for w in response.json()["data"]]) == (1, [1])

    def test_detail_lists_pages_with_their_state(
        self, client: TestClient, engine: Engine, settings: Settings, outlet: Outlet
    ) -> None:
        outlet.publish("/news/floods", article_html(OUTLET_TITLE, OUTLET_V1))
        client.post("/v1/watches", json={**FEED, "url": outlet.url("/feed.xml")})
        poll_watch(engine, 1, settings=settings, now=datetime.now(UTC))

        response = client.get("/v1/watches/1")

        assert response.status_code == 200
        [page] = response.json()["pages"]
        assert (page["url"], page["polls"], page["versions"]) == (outlet.url("/news/floods"), 0, 0)

    def test_missing(self, client: TestClient) -> None:
        response = client.get("/v1/watches/9")

        assert response.status_code == 404
        assert response.json()["detail"] == "Watch 9 not found"


class TestPatchDeleteWatch:
    def test_pause(self, client: TestClient) -> None:
        client.post("/v1/watches", json=FEED)

        response = client.patch("/v1/watches/1", json={"active": False})

        assert response.status_code == 200
        assert response.json()["active"] is False

    def test_active_takes_true_or_false_only(self, client: TestClient) -> None:
        client.post("/v1/watches", json=FEED)

        response = client.patch("/v1/watches/1", json={"active": 0})

        assert response.status_code == 422
        assert response.json()["errors"][0]["loc"] == ["body", "active"]
        assert client.get("/v1/watches/1").json()["active"] is True

    def test_delete(self, client: TestClient) -> None:
        client.post("/v1/watches", json=FEED)

        assert client.delete("/v1/watches/1").status_code == 204
        assert client.get("/v1/watches/1").status_code == 404
        assert client.delete("/v1/watches/1").status_code == 404


RULE = {"name": "desk", "events": ["pickup"], "webhook_url": "https://hooks.example/a"}
#: A rule's addresses with the passwords and tokens they carry.
CREDENTIALS = {
    "webhook_url": "https://desk:hunter3@hooks.example/x?token=SECRETTOKEN",
    "apprise_urls": ["mailto://user:hunter2@example.com", "tgram://123456:ABCDEFbottoken/987"],
}


class TestAlertRules:
    def test_create_shows_the_secret_once(self, client: TestClient) -> None:
        response = client.post("/v1/alert-rules", json=RULE)

        assert response.status_code == 201
        assert response.json()["webhook_secret"].startswith("whsec_")
        read = client.get("/v1/alert-rules/1")
        assert read.status_code == 200
        assert "webhook_secret" not in read.json()

    def test_edit_adding_a_webhook_shows_its_new_secret_once(self, client: TestClient) -> None:
        client.post("/v1/alert-rules", json={"name": "desk", "events": ["pickup"]})

        response = client.patch("/v1/alert-rules/1", json={"webhook_url": "https://hooks.example/a"})

        assert response.status_code == 200
        secret = response.json()["webhook_secret"]
        assert secret.startswith("whsec_")
        assert "webhook_secret" not in client.get("/v1/alert-rules/1").json()
        again = client.patch("/v1/alert-rules/1", json={"name": "night desk"})
        assert (again.status_code, again.json()["webhook_secret"]) == (200, None)

    def test_edit_takes_a_secret_of_its_own(self, client: TestClient) -> None:
        client.post("/v1/alert-rules", json={"name": "desk", "events": ["pickup"]})

        response = client.patch(
            "/v1/alert-rules/1", json={"webhook_url": "https://hooks.example/a", "webhook_secret": SECRET}
        )

        assert response.status_code == 200
        assert response.json()["webhook_secret"] is None  # the caller's own: nothing made to show

    @pytest.mark.parametrize(
        ("secret", "why"),
        [
            ("whsec_abc", "a whsec_ secret"),
            ("whsec_not base64!", "a whsec_ secret"),
            ("whsec_", "a whsec_ secret"),
            (SECRET + "\n", "whitespace"),
            (" " + SECRET, "whitespace"),
            (" my-own-secret", "whitespace"),
        ],
    )
    def test_a_secret_that_cannot_sign_is_refused(self, client: TestClient, secret: str, why: str) -> None:
        created = client.post("/v1/alert-rules", json={**RULE, "webhook_secret": secret})
        client.post("/v1/alert-rules", json=RULE)
        patched = client.patch("/v1/alert-rules/1", json={"webhook_secret": secret})

        for response in (created, patched):
            assert response.status_code == 422
            [error] = response.json()["errors"]
            assert error["loc"] == ["body", "webhook_secret"]
            assert why in error["detail"]

    def test_a_webhook_url_that_can_never_be_fetched_is_refused(self, client: TestClient) -> None:
        response = client.post("/v1/alert-rules", json={**RULE, "webhook_url": "http://ho\u200bok.example/a"})

        assert response.status_code == 422
        [error] = response.json()["errors"]
        assert error["loc"] == ["body", "webhook_url"]
        assert "Invalid IDNA hostname" in error["detail"]

    def test_no_sources_at_all_is_refused(self, client: TestClient) -> None:
        response = client.post("/v1/alert-rules", json={**RULE, "sources": []})

        assert response.status_code == 422
        [error] = response.json()["errors"]
        assert error["detail"] == (
            "Value error, sources is empty: no article would ever match; "
            "leave it out (or null) for every source"
        )

    def test_its_sources_are_read_as_stored_sources_are(self, client: TestClient) -> None:
        # trimmed and composed: "Diário" typed on macOS is the outlet typed elsewhere
        created = client.post("/v1/alert-rules", json={**RULE, "sources": [" Dia\u0301rio do Sul "]})
        assert created.status_code == 201
        assert created.json()["sources"] == ["Di\u00e1rio do Sul"]
        patched = client.patch(f"/v1/alert-rules/{created.json()['id']}", json={"sources": ["Reuters "]})
        assert patched.json()["sources"] == ["Reuters"]

    def test_a_substitution_alert_without_terms_is_refused(self, client: TestClient) -> None:
        response = client.post("/v1/alert-rules", json={**RULE, "events": ["pickup", "substitution"]})

        assert response.status_code == 422
        [error] = response.json()["errors"]
        assert (
            error["detail"] == "Value error, a substitution alert needs terms: the framing words to look for"
        )

    @pytest.mark.parametrize("terms", [[""], ["  "], ["", "\t"]])
    def test_a_substitution_alert_with_blank_terms_only_is_refused(
        self, client: TestClient, terms: list[str]
    ) -> None:
        created = client.post("/v1/alert-rules", json={**RULE, "events": ["substitution"], "terms": terms})
        client.post("/v1/alert-rules", json={**RULE, "events": ["substitution"], "terms": ["militants"]})
        patched = client.patch("/v1/alert-rules/1", json={"terms": terms})

        assert created.status_code == 422
        [error] = created.json()["errors"]
        assert (
            error["detail"] == "Value error, a substitution alert needs terms: the framing words to look for"
        )
        assert patched.status_code == 422
        assert patched.json()["detail"] == "a substitution alert needs terms: the framing words to look for"
        assert client.get("/v1/alert-rules/1").json()["terms"] == ["militants"]

    def test_an_edit_that_would_never_fire_is_refused_with_the_rule_as_stored(
        self, client: TestClient
    ) -> None:
        client.post("/v1/alert-rules", json={**RULE, "events": ["substitution"], "terms": ["militants"]})

        emptied = client.patch("/v1/alert-rules/1", json={"terms": []})
        no_source = client.patch("/v1/alert-rules/1", json={"sources": []})

        assert emptied.status_code == 422
        assert emptied.json()["detail"] == "a substitution alert needs terms: the framing words to look for"
        assert no_source.status_code == 422
        assert client.get("/v1/alert-rules/1").json()["terms"] == ["militants"]
        assert client.patch("/v1/alert-rules/1", json={"events": ["pickup"], "terms": []}).status_code == 200

    def test_unknown_event(self, client: TestClient) -> None:
        response = client.post("/v1/alert-rules", json={**RULE, "events": ["weather"]})

        assert response.status_code == 422

    def test_edit(self, client: TestClient) -> None:
        client.post("/v1/alert-rules", json=RULE)

        response = client.patch("/v1/alert-rules/1", json={"events": ["changed"], "min_change_share": 0.1})

        assert response.status_code == 200
        assert (response.json()["events"], response.json()["min_change_share"]) == (["changed"], 0.1)

    def test_null_clears_the_sources_and_the_webhook_and_leaves_the_rest(self, client: TestClient) -> None:
        client.post("/v1/alert-rules", json={**RULE, "sources": ["BBC"], "terms": ["militants"]})

        response = client.patch(
            "/v1/alert-rules/1",
            json={"sources": None, "webhook_url": None, "name": None, "terms": None, "apprise_urls": None},
        )

        assert response.status_code == 200
        rule = response.json()
        assert (rule["sources"], rule["webhook_url"]) == (None, None)
        assert (rule["name"], rule["terms"], rule["apprise_urls"], rule["active"]) == (
            "desk",
            ["militants"],
            [],
            True,
        )

    def test_a_plain_http_apprise_channel_is_refused_for_a_webhook(self, client: TestClient) -> None:
        response = client.post("/v1/alert-rules", json={**RULE, "apprise_urls": ["json://127.0.0.1:9/x"]})

        assert response.status_code == 422
        [error] = response.json()["errors"]
        assert error["loc"] == ["body", "apprise_urls"]
        assert "json:// posts to any address: give a plain HTTP receiver as webhook_url" in error["detail"]

    def test_an_apprise_url_apprise_cannot_use_is_refused(self, client: TestClient) -> None:
        client.post("/v1/alert-rules", json=RULE)

        response = client.patch("/v1/alert-rules/1", json={"apprise_urls": ["bogus://x"]})

        assert response.status_code == 422
        assert "apprise cannot use 'bogus://x'" in response.json()["errors"][0]["detail"]
        assert client.get("/v1/alert-rules/1").json()["apprise_urls"] == []

    def test_an_apprise_url_listed_twice_is_kept_once(self, client: TestClient, engine: Engine) -> None:
        mail, chat = "mailto://user:pass@example.com", "ntfy://ntfy.example/desk"

        created = client.post("/v1/alert-rules", json={**RULE, "apprise_urls": [mail, chat, mail]})
        patched = client.patch("/v1/alert-rules/1", json={"apprise_urls": [chat, chat, mail]})

        assert (created.status_code, created.json()["apprise_urls"]) == (201, ["mailto://…", "ntfy://…"])
        assert (patched.status_code, patched.json()["apprise_urls"]) == (200, ["ntfy://…", "mailto://…"])
        assert client.get("/v1/alert-rules/1").json()["apprise_urls"] == ["ntfy://…", "mailto://…"]
        with Session(engine) as session:
            assert crud.get_alert_rule(session=session, rule_id=1).apprise_urls == [chat, mail]

    @pytest.mark.parametrize("path", ["/v1/alert-rules", "/v1/alert-rules/1"])
    def test_reads_show_no_credential_of_a_webhook_or_channel(self, settings: Settings, path: str) -> None:
        keyed = settings.model_copy(update={"api_keys": ["k1"]})  # keys guard writes, not reads
        with TestClient(create_app(keyed)) as client:
            created = client.post(
                "/v1/alert-rules", json={**RULE, **CREDENTIALS}, headers={"X-API-Key": "k1"}
            )
            patched = client.patch("/v1/alert-rules/1", json={"name": "night"}, headers={"X-API-Key": "k1"})
            read = client.get(path)

        assert (created.status_code, patched.status_code, read.status_code) == (201, 200, 200)
        for response in (created, patched, read):
            # the signing secret the creation shows once is random base64: it may hold "/x" or "user"
            shown = response.text.replace(response.json().get("webhook_secret") or "\0", "")
            for secret in ("hunter", "SECRETTOKEN", "bottoken", "123456", "user", "hooks.example/x"):
                assert secret not in shown
        rule = read.json()["data"][0] if path == "/v1/alert-rules" else read.json()
        assert (rule["webhook_url"], rule["apprise_urls"]) == (
            "https://hooks.example/…",
            ["mailto://…", "tgram://…"],
        )

    @pytest.mark.parametrize(
        ("field", "sent_back"),
        [("webhook_url", "https://hooks.example/…"), ("apprise_urls", ["mailto://…", "tgram://…"])],
    )
    def test_an_address_sent_back_as_answers_show_it_is_refused_and_the_rules_kept(
        self, client: TestClient, engine: Engine, field: str, sent_back: object
    ) -> None:
        client.post("/v1/alert-rules", json={**RULE, **CREDENTIALS})
        assert client.get("/v1/alert-rules/1").json()[field] == sent_back

        response = client.patch("/v1/alert-rules/1", json={"name": "night", field: sent_back})

        assert response.status_code == 422
        [error] = response.json()["errors"]
        assert error["loc"][:2] == ["body", field]
        assert "as answers show it" in error["detail"]
        with Session(engine) as session:
            rule = crud.get_alert_rule(session=session, rule_id=1)
            assert (rule.name, rule.webhook_url, rule.apprise_urls) == (
                RULE["name"],
                CREDENTIALS["webhook_url"],
                CREDENTIALS["apprise_urls"],
            )

    def test_a_webhook_url_with_nothing_to_hide_is_shown_whole(self, client: TestClient) -> None:
        created = client.post("/v1/alert-rules", json={**RULE, "webhook_url": "https://hooks.example:8443"})

        assert created.json()["webhook_url"] == "https://hooks.example:8443/"
        assert client.get("/v1/alert-rules/1").json()["webhook_url"] == "https://hooks.example:8443/"

    @pytest.mark.parametrize("active", [0, 1, "true"])
    def test_active_takes_true_or_false_only(self, client: TestClient, active: object) -> None:
        assert client.post("/v1/alert-rules", json={**RULE, "active": active}).status_code == 422
        client.post("/v1/alert-rules", json=RULE)

        response = client.patch("/v1/alert-rules/1", json={"active": active})

        assert response.status_code == 422
        assert response.json()["errors"][0]["loc"] == ["body", "active"]

    def test_a_share_takes_a_number_only(self, client: TestClient) -> None:
        response = client.post("/v1/alert-rules", json={**RULE, "min_change_share": False})

        assert response.status_code == 422
        assert response.json()["errors"][0]["loc"] == ["body", "min_change_share"]
        assert client.post("/v1/alert-rules", json={**RULE, "min_change_share": 0}).status_code == 201

    def test_delete(self, client: TestClient) -> None:
        client.post("/v1/alert-rules", json=RULE)

        assert client.delete("/v1/alert-rules/1").status_code == 204
        assert client.get("/v1/alert-rules").json() == {"data": [], "count": 0}


class TestDeliveries:
    def test_each_attempt_is_logged(
        self,
        client: TestClient,
        engine: Engine,
        settings: Settings,
        outlet: Outlet,
        receiver: Receiver,
        wire: object,
    ) -> None:
        client.post("/v1/alert-rules", json={**RULE, "webhook_url": receiver.url, "webhook_secret": SECRET})
        outlet.publish("/news/floods", article_html(OUTLET_TITLE, OUTLET_V1))
        client.post("/v1/watches", json={**FEED, "url": outlet.url("/news/floods"), "kind": "page"})
        later = datetime.now(UTC)  # the watch was made through the API, at the real time
        poll_watch(engine, 1, settings=settings, now=later)
        [delivery_id] = poll_page(engine, 1, settings=settings, now=later).deliveries
        receiver.fail_next = 1
        deliver(engine, delivery_id, settings=settings, now=later)
        deliver(engine, delivery_id, settings=settings, now=later + timedelta(seconds=10))

        response = client.get("/v1/deliveries")

        assert response.status_code == 200
        [shown] = response.json()["data"]
        assert (shown["event"], shown["channel"], shown["status"], shown["attempts"]) == (
            "pickup",
            "webhook",
            "delivered",
            2,
        )
        assert [a["status_code"] for a in shown["log"]] == [500, 204]
        # its address as the rule's is shown: the path, where tokens go, left out
        assert shown["target"] == f"http://{receiver.host}/…"
        assert client.get("/v1/deliveries?status=failed").json()["count"] == 0
