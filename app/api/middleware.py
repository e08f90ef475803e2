"""ASGI middleware that must see a request before FastAPI does."""

from __future__ import annotations

import asyncio

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.api.problems import PROBLEM_MEDIA_TYPE, problem_body, problem_response

__all__ = ["BodySizeLimit", "CancelledAnswer", "HeadAsGet", "HeaderSizeLimit"]


class BodySizeLimit:
    """Refuse bodies over ``max_bytes`` with 413: at once when Content-Length says so, otherwise
    (chunked bodies) as soon as the bytes received pass the limit, without buffering them here."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await _refuse(scope, receive, send, 413, self._detail())
            return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    # An HTTPException passes through FastAPI's body reading untouched and
                    # reaches the problem handlers like any other 413.
                    raise HTTPException(413, self._detail())
            return message

        await self.app(scope, limited_receive, send)

    def _detail(self) -> str:
        return f"The request body is larger than {self.max_bytes} bytes (WIREDIFF_MAX_BODY_BYTES)"


async def _refuse(scope: Scope, receive: Receive, send: Send, status: int, detail: str) -> None:
    """A refusal before the app reads the request, as the app's handlers answer one: problem+json,
    or under /ui the dashboard's error page (:func:`~app.api.problems.problem_response`), so that
    a form too large for the server is a page an editor can act on. The connection closes: the
    rest of the request is never read."""
    response = problem_response(Request(scope, receive), status, detail, headers={"Connection": "close"})
    await response(scope, receive, send)


async def _send_problem(
    scope: Scope, send: Send, status: int, detail: str, headers: tuple[tuple[bytes, bytes], ...] = ()
) -> None:
    body = problem_body(status, detail, scope.get("path"))
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", PROBLEM_MEDIA_TYPE.encode()),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class CancelledAnswer:
    """A request cancelled before its answer began answers 503 with Retry-After and closes its
    connection. uvicorn cancels what is still running WIREDIFF_SHUTDOWN_TIMEOUT after SIGTERM, and
    answers 500 for it itself; a 503 tells the client and a load balancer to try again, elsewhere
    or once the server is back."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watched_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, watched_send)
        except asyncio.CancelledError:
            if not started:
                await _send_problem(
                    scope,
                    send,
                    503,
                    "The server is shutting down and stopped this request before it was answered; retry",
                    headers=((b"retry-after", b"1"),),
                )
            raise


class HeaderSizeLimit:
    """Refuse a request whose path, query and headers together are over ``max_bytes`` with 431.
    ``wirediff serve`` stops such a head while reading it (app/api/server.py); this answers the
    same under a server that reads heads of any size (``uvicorn`` with httptools, its default)."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            size = len(scope.get("raw_path") or b"") + len(scope.get("query_string", b""))
            size += sum(len(name) + len(value) + 4 for name, value in scope["headers"])
            if size > self.max_bytes:
                limit = f"{self.max_bytes} bytes (WIREDIFF_MAX_HEADER_BYTES)"
                detail = f"The request's headers are larger than {limit}"
                await _refuse(scope, receive, send, 431, detail)
                return
        await self.app(scope, receive, send)


class HeadAsGet:
    """HEAD answered as GET is, headers and status alike, without the body (RFC 9110 9.3.2):
    FastAPI routes answer only the methods they name, so without this HEAD on /livez is a 405."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_without_body)
