"""Who may do what: API keys on write routes, CORS for the dashboard's origins, and response headers
that keep the HTML renderings inert in a browser.

Keys are compared in constant time (SHA-256 digests of equal length through
:func:`hmac.compare_digest`, every configured key tried) and never logged: nothing
here formats a key into a message, and uvicorn's access log holds no headers.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Request, Security
from fastapi.security import APIKeyHeader
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.api.problems import PROBLEM_MEDIA_TYPE, ProblemError, problem_body
from app.config import Settings

__all__ = [
    "API_KEY_HEADER",
    "ProblemRefusals",
    "SecurityHeaders",
    "check_key",
    "current_settings",
    "install_cors",
    "install_trusted_hosts",
    "key_matches",
    "require_api_key",
    "require_api_key_for_reads",
    "same_origin_form",
]

API_KEY_HEADER = "X-API-Key"

#: Documents the key in OpenAPI (``securitySchemes``) on the routes that require it; the check is ours.
_api_key = APIKeyHeader(
    name=API_KEY_HEADER,
    scheme_name="ApiKey",
    description="One of WIREDIFF_API_KEYS. Needed on write routes when keys are configured.",
    auto_error=False,
)

#: RFC 9110 asks a 401 to say how to authenticate; no registered scheme fits a header key.
_CHALLENGE = {"WWW-Authenticate": f'ApiKey header="{API_KEY_HEADER}"'}


def _digest(key: str) -> bytes:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).digest()


def key_matches(presented: str, keys: Sequence[str]) -> bool:
    """Whether ``presented`` is one of ``keys``, in time that depends on neither (only on how many
    keys there are).

    >>> key_matches("s3cret", ["other", "s3cret"]), key_matches("s3cre", ["s3cret"])
    (True, False)
    """
    wanted = _digest(presented)
    found = False
    for key in keys:
        found |= hmac.compare_digest(wanted, _digest(key))
    return found


def check_key(presented: str | None, settings: Settings) -> None:
    """401 without a key, 403 with a wrong one, when WIREDIFF_API_KEYS is set."""
    if not settings.api_keys:
        return
    if not presented:
        raise ProblemError(401, f"This request needs an {API_KEY_HEADER} header", headers=_CHALLENGE)
    if not key_matches(presented, settings.api_keys):
        raise ProblemError(403, f"The {API_KEY_HEADER} header holds no valid key")


async def current_settings(request: Request) -> Settings:
    """The application's settings (``create_app``'s). A coroutine, like the other cheap dependencies
    here: FastAPI runs a plain function in the thread pool, a round trip that cost more than the
    work of a cached read (BENCHMARKS.md, Service under load)."""
    settings: Settings = request.app.state.settings
    return settings


_SettingsDep = Annotated[Settings, Depends(current_settings)]


async def require_api_key(
    settings: _SettingsDep, presented: Annotated[str | None, Security(_api_key)] = None
) -> None:
    """Write routes: 401 without a key, 403 with a wrong one, when WIREDIFF_API_KEYS is set."""
    check_key(presented, settings)


async def require_api_key_for_reads(request: Request) -> None:
    """Every /v1 route when WIREDIFF_PROTECT_READS is on. It reads the header itself, so that the
    OpenAPI document declares the key only where it is always needed (the write routes)."""
    settings: Settings = request.app.state.settings
    if settings.protect_reads:
        check_key(request.headers.get(API_KEY_HEADER), settings)


class ProblemRefusals:
    """A Starlette middleware that refuses in plain text (TrustedHostMiddleware's 400 "Invalid host
    header", CORSMiddleware's 400 "Disallowed CORS origin" for a preflight), its refusals answered
    as problem+json with the same status, detail and headers; what the app behind it answers passes
    untouched."""

    def __init__(self, app: ASGIApp, /, middleware: type, **options: Any) -> None:
        self._reached = f"wirediff.reached.{id(self)}"  # in the scope once the app behind is called
        self.inner: ASGIApp = middleware(self._mark, **options)
        self.app = app

    async def _mark(self, scope: Scope, receive: Receive, send: Send) -> None:
        scope[self._reached] = True
        await self.app(scope, receive, send)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.inner(scope, receive, send)
            return
        start: Message | None = None
        text = b""

        async def send_problem(message: Message) -> None:
            nonlocal start, text
            if scope.get(self._reached):
                await send(message)
            elif message["type"] == "http.response.start":
                start = message
            elif start is not None and message["type"] == "http.response.body":
                text += message.get("body", b"")
                if not message.get("more_body", False):
                    await self._send_problem(scope, send, start, text.decode("utf-8", "replace"))
            else:
                await send(message)

        await self.inner(scope, receive, send_problem)

    @staticmethod
    async def _send_problem(scope: Scope, send: Send, start: Message, detail: str) -> None:
        status = int(start["status"])
        if status < 400:  # a preflight allowed: its "OK" is what browsers expect
            await send(start)
            await send({"type": "http.response.body", "body": detail.encode()})
            return
        body = problem_body(status, detail, str(scope.get("path", "")) or None)
        headers = [
            (name, value)
            for name, value in start.get("headers", [])
            if name.lower() not in (b"content-type", b"content-length")
        ]
        headers += [
            (b"content-type", PROBLEM_MEDIA_TYPE.encode()),
            (b"content-length", str(len(body)).encode()),
        ]
        await send({**start, "headers": headers})
        await send({"type": "http.response.body", "body": b"" if scope.get("method") == "HEAD" else body})


def install_cors(app: FastAPI, settings: Settings) -> None:
    """CORS for WIREDIFF_CORS_ORIGINS only; with none configured, no CORS headers at all. A refused
    preflight (an origin, method or header not allowed) is a 400 problem."""
    if not settings.cors_origins:
        return
    app.add_middleware(
        ProblemRefusals,
        middleware=CORSMiddleware,
        allow_origins=settings.cors_origins,
        allow_methods=["GET", "POST", "PATCH", "DELETE"],
        allow_headers=["Content-Type", "Accept", "If-None-Match", API_KEY_HEADER],
        expose_headers=["ETag", "Location", "Retry-After"],
        max_age=600,
    )


#: For the API's own HTML renderings: no scripts, no external loads, inline styles only, no framing.
HTML_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'"


class SecurityHeaders:
    """``X-Content-Type-Options: nosniff`` on every response (a text/plain or text/markdown
    rendering holding markup is never sniffed as HTML), and a script-free Content-Security-Policy
    on HTML under /v1/, belt and braces over the renderer's escaping."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        under_api = str(scope.get("path", "")).startswith("/v1/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                if b"x-content-type-options" not in names:
                    headers.append((b"x-content-type-options", b"nosniff"))
                content_type = dict(headers).get(b"content-type", b"")
                if (
                    under_api
                    and content_type.startswith(b"text/html")
                    and b"content-security-policy" not in names
                ):
                    headers.append((b"content-security-policy", HTML_POLICY.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


#: Addresses that bind every interface: no host name follows from them.
_WILDCARDS = {"0.0.0.0", "::", ""}  # noqa: S104 (compared with, never bound)


def install_trusted_hosts(app: FastAPI, settings: Settings) -> None:
    """Answer only requests whose Host is one of WIREDIFF_TRUSTED_HOSTS or the bound address (400
    otherwise, a problem): a DNS-rebinding page would otherwise be same-origin with the API and
    dashboard."""
    hosts = list(settings.trusted_hosts)
    if settings.host not in _WILDCARDS and settings.host not in hosts:
        hosts.append(settings.host)
    # IPv6 literals arrive in brackets (Host: [::1]:8000)
    hosts += [f"[{host}]" for host in hosts if ":" in host and not host.startswith("[")]
    app.add_middleware(
        ProblemRefusals, middleware=TrustedHostMiddleware, allowed_hosts=hosts, www_redirect=False
    )


async def same_origin_form(request: Request) -> None:
    """403 for a form posted from another site (cross-site request forgery): the browser's
    Sec-Fetch-Site, else its Origin, must name this origin. A request with neither comes from no
    browser form (curl, a script), which a forged page cannot send with the reader's rights."""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    site = request.headers.get("sec-fetch-site")
    if site is not None:
        if site not in ("same-origin", "none"):
            raise ProblemError(403, f"A form posted from another site ({site}) is refused")
        return
    origin = request.headers.get("origin")
    if origin is not None and origin != f"{request.url.scheme}://{request.url.netloc}":
        raise ProblemError(403, "A form posted from another origin is refused")
