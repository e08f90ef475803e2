"""The alert rules form at /ui/alerts: a rule added sends the browser to the rules (a reload adds
no second rule), says so, and shows a webhook's signing secret once, never in the address; a form
with a problem comes back with what was typed, its summary linking to each field at fault.
(The suite's database keeps alert rules from test to test: each test reads what it added.)"""

from __future__ import annotations

from typing import ClassVar

import lxml.html
from fastapi.testclient import TestClient

from app.ui.watches import SECRET_COOKIE
from tests.api.conftest import ClientWith
from tests.ui.conftest import html, texts

RULE = {"name": "Toll changes", "events": ["changed"], "min_change_share": "0.2"}


def _rules(client: TestClient) -> list[str]:
    return [rule["name"] for rule in client.get("/v1/alert-rules").json()["data"]]


def _added(client: TestClient, data: dict[str, object]) -> str:
    """Post the form; the address it sends the browser to, after checking it names the new rule."""
    response = client.post("/ui/alert-rules", data=data, follow_redirects=False)
    assert response.status_code == 303
    newest = client.get("/v1/alert-rules").json()["data"][-1]["id"]
    assert response.headers["location"] == f"/ui/alerts?added={newest}"
    return str(response.headers["location"])


class TestAdded:
    def test_the_form_answers_303_to_the_rules_and_a_reload_adds_nothing(self, client: TestClient) -> None:
        before = _rules(client)
        address = _added(client, RULE)
        assert client.get(address).status_code == 200
        assert client.get(address).status_code == 200
        assert _rules(client) == [*before, "Toll changes"]

    def test_a_rule_without_a_webhook_is_confirmed(self, client: TestClient) -> None:
        page = html(client.post("/ui/alert-rules", data=RULE))
        assert texts(page, "//p[@class='notice']") == ["Rule “Toll changes” added."]
        assert texts(page, "//main/ul[1]/li")[-1] == "Toll changes: changed; changes over 20% of words"

    def test_a_webhooks_secret_rides_in_a_short_lived_cookie_not_the_address(
        self, client: TestClient
    ) -> None:
        data = {**RULE, "webhook_url": "https://hooks.example/a"}
        response = client.post("/ui/alert-rules", data=data, follow_redirects=False)
        assert "whsec_" not in response.headers["location"]
        cookie = response.headers["set-cookie"]
        assert cookie.startswith(f"{SECRET_COOKIE}=")
        assert "whsec_" in cookie
        for attribute in ("HttpOnly", "Max-Age=60", "Path=/ui/alerts", "SameSite=strict"):
            assert attribute in cookie, cookie

    def test_the_secret_is_shown_once_then_no_more(self, client: TestClient) -> None:
        data = {**RULE, "webhook_url": "https://hooks.example/a"}
        first = client.post("/ui/alert-rules", data=data)
        assert first.status_code == 200
        assert first.headers["cache-control"] == "no-store"
        [notice] = texts(html(first), "//p[@class='notice']")
        assert notice.startswith(
            "Rule “Toll changes” added. Its webhook signing secret, shown this once: whsec_"
        )
        again = client.get(str(first.url))
        assert texts(html(again), "//p[@class='notice']") == ["Rule “Toll changes” added."]
        assert "whsec_" not in again.text

    def test_a_cookie_that_does_not_hold_the_rules_secret_shows_nothing(self, client: TestClient) -> None:
        address = _added(client, {**RULE, "webhook_url": "https://hooks.example/a"})
        client.cookies.clear()
        rule_id = address.rpartition("=")[2]
        client.cookies.set(SECRET_COOKIE, f"{rule_id}:whsec_Zm9yZ2Vk", path="/ui/alerts")
        response = client.get(address)
        assert texts(html(response), "//p[@class='notice']") == ["Rule “Toll changes” added."]
        assert "whsec_" not in response.text


class TestRefused:
    BAD: ClassVar[dict[str, str]] = {
        "name": "Death toll watch — مراقبة",
        "sources": "Daily Clarion, الشرق اليوم",
        "terms": "terrorists, militants",
        "min_change_share": "1.5",
        "webhook_url": "not a url",
        "apprise_urls": "mailto://desk@example.org",
    }

    def test_a_refused_form_keeps_every_value_typed(self, client: TestClient) -> None:
        before = _rules(client)
        response = client.post("/ui/alert-rules", data={**self.BAD, "events": ["changed"]})
        assert response.status_code == 422
        form = html(response).xpath("//form[@action='/ui/alert-rules']")[0]
        assert isinstance(form, lxml.html.FormElement)
        assert {name: form.fields[name] for name in self.BAD} == self.BAD
        assert [box.get("value") for box in form.xpath(".//input[@name='events'][@checked]")] == ["changed"]
        assert _rules(client) == before

    def test_every_link_of_the_summary_leads_to_its_field(self, client: TestClient) -> None:
        response = client.post("/ui/alert-rules", data=self.BAD)
        assert response.status_code == 422
        page = html(response)
        links = page.xpath("//div[@class='error-summary']//a/@href")
        assert sorted(links) == ["#events", "#min_change_share", "#webhook_url"]
        for link in links:
            assert page.xpath(f"//*[@id='{link[1:]}']"), link

    def test_a_wrong_api_key_keeps_the_values_too(self, client_with: ClientWith) -> None:
        client = client_with(api_keys=["k"])
        response = client.post("/ui/alert-rules", data={**RULE, "api_key": "nope"})
        assert response.status_code == 403
        form = html(response).xpath("//form[@action='/ui/alert-rules']")[0]
        assert (form.fields["name"], form.fields["min_change_share"]) == ("Toll changes", "0.2")
        assert texts(html(response), "//div[@class='error-summary']//a") == [
            "That is not one of the API keys."
        ]


def test_the_forms_problems_are_said_in_an_editors_words(client: TestClient) -> None:
    response = client.post("/ui/alert-rules", data=TestRefused.BAD)
    assert texts(html(response), "//div[@class='error-summary']//li") == [
        "Choose at least one.",
        "Give a number no greater than 1.",
        "Must be an http or https URL without spaces.",
    ]
