"""app.services.pages.fetch_page against a web site on 127.0.0.1: what is fetched, what is refused,
and how."""

from __future__ import annotations

import pytest

from app.config import Settings
from app.services.pages import FetchedPage, IngestError, fetch_page
from tests.services.pages.server import PageSite, page_bytes

#: Fetching from 127.0.0.1 needs the private-address setting; small limits keep the failures fast.
ALLOWED = Settings(
    database_url="sqlite://",
    fetch_allow_private=True,
    fetch_max_bytes=100_000,
    fetch_max_redirects=3,
    fetch_timeout_seconds=1.0,
)


def refusal(url: str, settings: Settings = ALLOWED) -> tuple[int, str]:
    with pytest.raises(IngestError) as raised:
        fetch_page(url, settings=settings)
    return raised.value.status, raised.value.detail


class TestFetchPage:
    def test_an_html_page_is_fetched_with_its_charset(self, site: PageSite) -> None:
        url = site.url("/pages/wire-story.html")
        assert fetch_page(url, settings=ALLOWED) == FetchedPage(
            url=url, body=page_bytes("wire-story.html"), charset="utf-8"
        )

    def test_a_page_without_a_declared_charset_has_none(self, site: PageSite) -> None:
        assert fetch_page(site.url("/pages/latin1-story.html"), settings=ALLOWED).charset is None

    def test_redirects_are_followed_up_to_the_limit(self, site: PageSite) -> None:
        page = fetch_page(site.url("/redirect/3"), settings=ALLOWED)
        assert page.url == site.url("/pages/wire-story.html")

    def test_more_redirects_than_the_limit_is_a_502(self, site: PageSite) -> None:
        assert refusal(site.url("/redirect/4")) == (
            502,
            f"Fetching {site.url('/redirect/4')} took more than 3 redirects",
        )

    def test_a_redirect_loop_is_a_502(self, site: PageSite) -> None:
        assert refusal(site.url("/loop"))[0] == 502

    def test_a_redirect_to_another_scheme_is_refused(self, site: PageSite) -> None:
        assert refusal(site.url("/to-file")) == (422, "Only http and https URLs can be fetched, not file:")

    def test_a_missing_page_is_a_502_naming_the_answer(self, site: PageSite) -> None:
        assert refusal(site.url("/nowhere")) == (502, f"{site.url('/nowhere')} answered 404 Not Found")

    def test_a_server_error_is_a_502(self, site: PageSite) -> None:
        assert refusal(site.url("/server-error")) == (
            502,
            f"{site.url('/server-error')} answered 503 Service Unavailable",
        )

    def test_json_is_not_a_page(self, site: PageSite) -> None:
        assert refusal(site.url("/data.json")) == (
            422,
            f"{site.url('/data.json')} is application/json, not an HTML page",
        )

    def test_a_body_of_no_declared_type_is_not_a_page(self, site: PageSite) -> None:
        assert refusal(site.url("/untyped")) == (
            422,
            f"{site.url('/untyped')} is of no declared type, not an HTML page",
        )

    def test_a_page_announced_over_the_size_limit_is_refused_unread(self, site: PageSite) -> None:
        assert refusal(site.url("/big")) == (
            422,
            "The page is 300007 bytes, over the limit of 100000 (WIREDIFF_FETCH_MAX_BYTES)",
        )

    def test_a_page_growing_over_the_size_limit_is_cut_off(self, site: PageSite) -> None:
        assert refusal(site.url("/big-unannounced")) == (
            422,
            "The page is over the limit of 100000 bytes (WIREDIFF_FETCH_MAX_BYTES)",
        )

    def test_a_stalled_page_times_out_as_a_502(self, site: PageSite) -> None:
        assert refusal(site.url("/stall")) == (502, f"Fetching {site.url('/stall')} timed out (limit 1 s)")

    def test_a_closed_port_is_a_502(self) -> None:
        status, detail = refusal("http://127.0.0.1:9/")
        assert status == 502
        assert detail.startswith("Fetching http://127.0.0.1:9/ failed: ")


class TestPrivateAddresses:
    def test_loopback_is_refused_by_default(self, site: PageSite) -> None:
        assert refusal(site.url("/pages/wire-story.html"), Settings(database_url="sqlite://")) == (
            422,
            "127.0.0.1 is a loopback, private or otherwise non-public address;"
            " set WIREDIFF_FETCH_ALLOW_PRIVATE=true to allow it",
        )

    def test_a_name_for_loopback_is_refused_with_its_address(self, site: PageSite) -> None:
        url = f"http://localhost:{site.port}/pages/wire-story.html"
        status, detail = refusal(url, Settings(database_url="sqlite://"))
        assert status == 422
        assert detail.startswith("localhost (")

    @pytest.mark.parametrize(
        "address",
        ["10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "[::1]",
         "[fd00::1]", "[fe80::1]", "[::ffff:127.0.0.1]", "224.0.0.1"],
    )  # fmt: skip
    def test_non_public_addresses_are_refused_before_connecting(self, address: str) -> None:
        status, detail = refusal(f"http://{address}/", Settings(database_url="sqlite://"))
        assert status == 422
        assert "non-public address" in detail

    def test_the_setting_is_off_by_default(self) -> None:
        assert Settings(database_url="sqlite://").fetch_allow_private is False
