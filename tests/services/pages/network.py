"""A name service and a network of the tests' own, in process: names resolve to the addresses a
test gives, and a connection to any address goes to a server on 127.0.0.1 the test names, or fails.
Nothing here reaches a real resolver or any other address.

``network = StubNetwork(monkeypatch, names={"news.example": ["93.184.215.14"]},
routes={"93.184.215.14": site.port})``
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pytest

_real_create_connection = socket.create_connection


class StubNetwork:
    def __init__(
        self,
        monkeypatch: pytest.MonkeyPatch,
        *,
        names: Mapping[str, Sequence[str] | Callable[[], Sequence[str]]],
        routes: Mapping[str, int],
    ) -> None:
        self.names = names
        self.routes = routes  # address -> port of a server on 127.0.0.1
        self.lookups: list[str] = []  # every name asked, in order
        self.connections: list[str] = []  # every address connected to, in order
        monkeypatch.setattr(socket, "getaddrinfo", self._getaddrinfo)
        monkeypatch.setattr(socket, "create_connection", self._create_connection)

    def _addresses(self, host: str) -> Sequence[str]:
        try:
            return [str(ipaddress.ip_address(host))]  # a literal address needs no name service
        except ValueError:
            pass
        self.lookups.append(host)
        answer = self.names.get(host)
        if answer is None:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return answer() if callable(answer) else answer

    def _getaddrinfo(self, host: str, port: Any, *args: Any, **kwargs: Any) -> list[Any]:
        infos = []
        for address in self._addresses(host):
            ipv6 = ":" in address
            family = socket.AF_INET6 if ipv6 else socket.AF_INET
            sockaddr = (address, int(port or 0), 0, 0) if ipv6 else (address, int(port or 0))
            infos.append((family, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", sockaddr))
        return infos

    def _create_connection(self, address: tuple[str, int], *args: Any, **kwargs: Any) -> socket.socket:
        host = address[0]
        for resolved in self._addresses(host):  # as socket.create_connection resolves a name itself
            self.connections.append(resolved)
            if resolved in self.routes:
                return _real_create_connection(("127.0.0.1", self.routes[resolved]), *args, **kwargs)
        raise ConnectionRefusedError(f"the tests' network has no route to {host}")
