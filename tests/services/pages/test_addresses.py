"""app.services.pages.refused_address: the address filter alone, no connection made."""

from __future__ import annotations

import ipaddress

import pytest

from app.services.pages import embedded_ipv4, refused_address


class TestRefusedAddress:
    @pytest.mark.parametrize(
        ("address", "form"),
        [
            ("::127.0.0.1", "IPv4-compatible"),
            ("::ffff:127.0.0.1", "IPv4-mapped"),
            ("::ffff:0:7f00:1", "IPv4-translated"),
            ("64:ff9b::7f00:1", "NAT64 well-known prefix"),
            ("64:ff9b::a00:5", "NAT64 well-known prefix, private"),
            ("64:ff9b:1::a9fe:a9fe", "NAT64 local-use prefix"),
            ("2002:7f00:1::1", "6to4 of loopback"),
            ("2002:a9fe:a9fe::1", "6to4 of link-local (cloud metadata)"),
            ("2001:0:4136:e378:8000:63bf:80ff:fffe", "Teredo, client 127.0.0.1"),
            ("2001:0:a00:1::1", "Teredo, server 10.0.0.1"),
        ],
    )
    def test_an_ipv6_form_carrying_a_non_public_ipv4_is_refused(self, address: str, form: str) -> None:
        assert refused_address(address) is True

    @pytest.mark.parametrize(
        "address", ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c", "64:ff9b::5db8:d70e"]
    )
    def test_public_addresses_pass(self, address: str) -> None:
        assert refused_address(address) is False

    @pytest.mark.parametrize(
        "address", ["127.0.0.1", "10.1.2.3", "169.254.169.254", "::1", "fe80::1%eth0", "fd00::1", "ff02::1"]
    )
    def test_plain_non_public_addresses_are_refused(self, address: str) -> None:
        assert refused_address(address) is True


class TestEmbeddedIpv4:
    @pytest.mark.parametrize(
        ("address", "carried"),
        [
            ("::ffff:127.0.0.1", ["127.0.0.1"]),
            ("::127.0.0.1", ["127.0.0.1"]),
            ("::ffff:0:7f00:1", ["127.0.0.1"]),
            ("64:ff9b::7f00:1", ["127.0.0.1"]),
            ("2002:7f00:1::1", ["127.0.0.1"]),
            ("2001:0:4136:e378:8000:63bf:80ff:fffe", ["65.54.227.120", "127.0.0.1"]),
            ("2606:2800:21f:cb07:6820:80da:af6b:8b2c", []),
        ],
    )
    def test_the_ipv4_an_ipv6_address_carries(self, address: str, carried: list[str]) -> None:
        assert [str(ip) for ip in embedded_ipv4(ipaddress.IPv6Address(address))] == carried
