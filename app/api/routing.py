"""The API's route class: what must be settled before FastAPI reads and parses a body.

FastAPI parses a JSON body before it runs a route's dependencies, so a malformed body answered
400 before a missing key's 401, and Python's ``json.loads`` took UTF-16, UTF-32 and a UTF-8 byte
order mark, though the API documents UTF-8 JSON. :class:`ApiRoute` checks the key first (as
:func:`app.api.security.require_api_key` and ``require_api_key_for_reads`` would), then refuses
a compressed body (any Content-Encoding) with 415, and a JSON body that is not plain UTF-8 with
400.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.routing import APIRoute

from app.api.problems import ProblemError
from app.api.security import API_KEY_HEADER, check_key, require_api_key
from app.config import Settings

__all__ = ["ApiRoute"]

#: How a body that is not UTF-8 starts: a byte order mark, or UTF-16/32's zero bytes around ASCII.
_NOT_UTF8_STARTS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _not_utf8(body: bytes) -> bool:
    return body.startswith(_NOT_UTF8_STARTS) or b"\x00" in body[:4]


class ApiRoute(APIRoute):
    """A /v1 route whose API key (when it needs one) is checked before its body is read, and whose
    JSON body must be UTF-8 without a byte order mark."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()
        for_writes = any(depends.dependency is require_api_key for depends in self.dependencies)

        async def checked(request: Request) -> Response:
            settings: Settings = request.app.state.settings
            if for_writes or settings.protect_reads:  # every ApiRoute is a /v1 route
                check_key(request.headers.get(API_KEY_HEADER), settings)
            encoding = request.headers.get("content-encoding", "identity").strip().lower()
            if self.body_field is not None and encoding not in ("", "identity"):
                # decoding would be a way around WIREDIFF_MAX_BODY_BYTES (a small gzip, a huge body)
                detail = f"Send the body uncompressed (Content-Encoding was {encoding})"
                raise ProblemError(415, f"{detail}: compressed bodies are not accepted")
            if self.body_field is not None and _not_utf8(await request.body()):
                raise ProblemError(400, "The body is not UTF-8 JSON (no byte order mark, not UTF-16 or 32)")
            return await handler(request)

        return checked
