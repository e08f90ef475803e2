"""app.services.pages.fetch_page against a web site on 127.0.0.1: what is fetched, what is refused,
and how."""

from __future__ import annotations

import gzip
import random
import threading
import zlib

import pytest

from app.api.problems import domain_status
from app.config import Settings
from app.services.errors import PageError
from app.services.pages import BoundedDecoder, FetchedPage, fetch_page
from tests.services.pages.network import StubNetwork
from tests.services.pages.server import PageSite, gzipped, page_bytes

#: Fetching from 127.0.0.1 needs the private-address setting; small limits keep the failures fast.
#: The time limit leaves a busy machine room to serve a page (under a CI run's load a 1 s limit
#: once cut off a small page), and stays under the test server's stall (``STALL_SECONDS``).
ALLOWED = Settings(
    database_url="sqlite://",
    fetch_allow_private=True,
    fetch_max_bytes=100_000,
    fetch_max_redirects=3,
    fetch_timeout_seconds=4.0,
)
#: ... and a short one for the page that stalls, so that its test waits a second, not four.
IMPATIENT = ALLOWED.model_copy(update={"fetch_timeout_seconds": 1.0})


def refusal(url: str, settings: Settings = ALLOWED) -> tuple[int, str]:
    with pytest.raises(PageError) as raised:
        fetch_page(url, settings=settings)
    return domain_status(raised.value), raised.value.detail


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

    def test_a_host_idna_refuses_is_refused_before_any_look_up(self) -> None:
        # the punycode of 💩.la: httpx decodes a host to build a request, and IDNA 2008 refuses it
        assert refusal("https://xn--ls8h.la/story") == (
            422,
            "Cannot fetch https://xn--ls8h.la/story: its host xn--ls8h.la is not a host name IDNA 2008 "
            "allows (Codepoint U+1F4A9 at position 1 of '\U0001f4a9' not allowed)",
        )

    def test_a_redirect_to_a_host_idna_refuses_is_a_502(self, site: PageSite) -> None:
        assert refusal(site.url("/to-emoji-host")) == (
            502,
            f"{site.url('/to-emoji-host')} redirects to http://xn--ls8h.la/story, which cannot be fetched: "
            "its host xn--ls8h.la is not a host name IDNA 2008 allows "
            "(Codepoint U+1F4A9 at position 1 of '\U0001f4a9' not allowed)",
        )

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
        assert refusal(site.url("/stall"), IMPATIENT) == (
            502,
            f"Fetching {site.url('/stall')} timed out (limit 1 s)",
        )

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


class TestContentEncoding:
    def test_a_page_gzipped_twice_is_decoded(self, site: PageSite) -> None:
        assert fetch_page(site.url("/gzip-twice"), settings=ALLOWED).body == page_bytes("wire-story.html")

    def test_more_than_two_stacked_encodings_are_refused(self, site: PageSite) -> None:
        assert refusal(site.url("/gzip-thrice")) == (
            422,
            "The page is sent with 3 content encodings (gzip, gzip, gzip); at most 2 are decoded",
        )

    def test_an_unknown_encoding_is_refused(self, site: PageSite) -> None:
        assert refusal(site.url("/compress")) == (
            422,
            "The page is sent in an encoding that cannot be decoded (compress); gzip and deflate can",
        )

    @pytest.mark.parametrize("path", ["/bomb", "/bomb-twice"])
    def test_a_decompression_bomb_is_cut_off_at_the_limit(self, site: PageSite, path: str) -> None:
        assert refusal(site.url(path)) == (
            422,
            "The page decodes to over the limit of 100000 bytes (WIREDIFF_FETCH_MAX_BYTES)",
        )


class TestBoundedDecoder:
    """No layer of the decoder ever makes more than the limit plus one byte: each is asked for no
    more than what is left under the limit."""

    @pytest.mark.parametrize("layers", [1, 2])
    def test_a_bomb_decodes_no_further_than_the_limit(self, layers: int) -> None:
        bomb = gzipped(b"x" * 10_000_000, layers)
        decoder = BoundedDecoder(["gzip"] * layers, limit=100_000)
        decoded = 0
        with pytest.raises(PageError) as raised:
            for start in range(0, len(bomb), 1024):
                decoded += len(decoder.decode(bomb[start : start + 1024]))
        assert domain_status(raised.value) == 422
        assert decoded <= 100_000
        assert decoder.decoded <= 100_001

    def test_deflate_with_and_without_its_zlib_header_is_decoded(self) -> None:
        for compressor in (zlib.compressobj(), zlib.compressobj(wbits=-zlib.MAX_WBITS)):
            body = compressor.compress(b"<p>rain</p>") + compressor.flush()
            decoder = BoundedDecoder(["deflate"], limit=100)
            assert decoder.decode(body) == b"<p>rain</p>"

    def test_concatenated_gzip_members_are_all_decoded(self) -> None:
        decoder = BoundedDecoder(["gzip"], limit=100)
        assert decoder.decode(gzip.compress(b"<p>rain") + gzip.compress(b"</p>")) == b"<p>rain</p>"

    def test_a_page_near_the_limit_is_whole(self) -> None:
        # incompressible: the inner gzip layer makes a little more than the page, under the limit too
        page = random.Random(0).randbytes(100_000)
        decoder = BoundedDecoder(["gzip", "gzip"], limit=len(page) + 1024)
        assert decoder.decode(gzipped(page, 2)) == page


PUBLIC = "93.184.215.14"  # a global address no test ever reaches: the stub network routes it to 127.0.0.1
CHECKED = Settings(database_url="sqlite://", fetch_max_redirects=3, fetch_timeout_seconds=2.0)


class TestResolveOnce:
    """A name is resolved once per connection; every address it has is checked; the connection goes
    to the address checked, asking for the name (Host), at every redirect."""

    def test_the_connection_goes_to_the_address_checked_with_the_host_header_kept(
        self, site: PageSite, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        network = StubNetwork(monkeypatch, names={"news.example": [PUBLIC]}, routes={PUBLIC: site.port})
        url = f"http://news.example:{site.port}/pages/wire-story.html"
        assert fetch_page(url, settings=CHECKED).body == page_bytes("wire-story.html")
        assert (network.lookups, network.connections) == (["news.example"], [PUBLIC])
        assert site.seen[-1] == ("/pages/wire-story.html", f"news.example:{site.port}")

    def test_a_name_that_rebinds_to_loopback_after_the_check_is_never_asked_again(
        self, site: PageSite, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        answers = iter([[PUBLIC], ["127.0.0.1"], ["127.0.0.1"]])
        network = StubNetwork(
            monkeypatch, names={"rebind.example": lambda: next(answers)}, routes={PUBLIC: site.port}
        )
        before = len(site.seen)
        fetch_page(f"http://rebind.example:{site.port}/pages/wire-story.html", settings=CHECKED)
        assert network.lookups == ["rebind.example"]
        assert network.connections == [PUBLIC]
        assert len(site.seen) == before + 1

    def test_a_name_with_one_private_address_among_public_ones_is_refused_unconnected(
        self, site: PageSite, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        network = StubNetwork(
            monkeypatch, names={"mixed.example": [PUBLIC, "10.0.0.5"]}, routes={PUBLIC: site.port}
        )
        assert refusal(f"http://mixed.example:{site.port}/", CHECKED) == (
            422,
            "mixed.example (10.0.0.5) is a loopback, private or otherwise non-public address;"
            " set WIREDIFF_FETCH_ALLOW_PRIVATE=true to allow it",
        )
        assert network.connections == []

    def test_a_redirect_to_a_private_name_is_refused_before_connecting(
        self, site: PageSite, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        network = StubNetwork(
            monkeypatch,
            names={"news.example": [PUBLIC], "metadata.example": ["169.254.169.254"]},
            routes={PUBLIC: site.port, "169.254.169.254": site.port},
        )
        status, detail = refusal(f"http://news.example:{site.port}/to-host/metadata.example", CHECKED)
        assert (status, detail.partition(" is ")[0]) == (422, "metadata.example (169.254.169.254)")
        assert network.connections == [PUBLIC]

    def test_a_name_that_does_not_resolve_is_a_502(self, monkeypatch: pytest.MonkeyPatch) -> None:
        StubNetwork(monkeypatch, names={}, routes={})
        status, detail = refusal("http://nowhere.example/", CHECKED)
        assert status == 502
        assert detail.startswith("Cannot resolve nowhere.example: ")

    def test_a_name_server_that_never_answers_is_a_502_within_the_fetch_limit(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        answered = threading.Event()

        def silent() -> list[str]:
            answered.wait(30)  # the system resolver's own wait on a name server that is gone
            return [PUBLIC]

        StubNetwork(monkeypatch, names={"silent.example": silent}, routes={})
        try:
            assert refusal("http://silent.example/", CHECKED) == (
                502,
                "Fetching http://silent.example/ timed out (limit 2 s)",
            )
        finally:
            answered.set()
