"""How ``wirediff serve`` (and so the Docker image) runs uvicorn: the HTTP parser with a bound on
request heads, client addresses taken from the connection unless a trusted proxy forwards them,
and a bounded graceful shutdown.

- uvicorn's default parser (httptools) reads a request head of any size: a 64 MiB header was
  read whole and answered 200. h11 keeps at most ``WIREDIFF_MAX_HEADER_BYTES`` of an unfinished
  head; past it, :class:`BoundedH11Protocol` answers 431 (uvicorn's own h11 protocol says 400
  to every malformed request). :class:`app.api.middleware.HeaderSizeLimit` refuses the same
  heads under any other server set-up, once they are read.
- uvicorn trusts X-Forwarded-For from 127.0.0.1 by default, so a local client could choose its
  address for the rate limit and the access log: forwarded headers are read only from the
  addresses in ``WIREDIFF_TRUSTED_PROXIES``.
"""

from __future__ import annotations

from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from app.config import Settings

__all__ = ["BoundedH11Protocol", "uvicorn_options"]


class _Connection(h11.Connection):
    """h11's connection, remembering the status h11 suggests for the last request it refused
    (431 for a head over the limit, 400 for anything else malformed)."""

    refused_status = 400

    def next_event(self) -> Any:
        try:
            return super().next_event()
        except h11.RemoteProtocolError as error:
            self.refused_status = error.error_status_hint
            raise


class BoundedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol, answering a request head over the limit with 431."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit = self.config.h11_max_incomplete_event_size
        self.conn = _Connection(h11.SERVER, limit or h11._connection.DEFAULT_MAX_INCOMPLETE_EVENT_SIZE)

    def send_400_response(self, msg: str) -> None:
        status = self.conn.refused_status if isinstance(self.conn, _Connection) else 400
        if status != 431:
            super().send_400_response(msg)
            return
        body = b"Request header fields too large"
        headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"connection", b"close")]
        for event in (
            h11.Response(status_code=431, headers=headers, reason=b"Request Header Fields Too Large"),
            h11.Data(data=body),
            h11.EndOfMessage(),
        ):
            self.transport.write(self.conn.send(event) or b"")
        self.transport.close()


def uvicorn_options(settings: Settings) -> dict[str, Any]:
    """What ``uvicorn.run`` gets from the settings, besides the address, workers and logging."""
    return {
        "http": BoundedH11Protocol,
        "h11_max_incomplete_event_size": settings.max_header_bytes,
        "proxy_headers": bool(settings.trusted_proxies),
        "forwarded_allow_ips": ",".join(settings.trusted_proxies) or None,
        "timeout_graceful_shutdown": settings.shutdown_timeout,
    }
