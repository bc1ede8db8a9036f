"""Request hardening: body size limits, NUL characters, security headers, and the operator's write token."""

from __future__ import annotations

import hmac
import json
import os
import re
import socket
from collections.abc import Callable, Coroutine, Sequence
from pathlib import Path
from typing import Any

from fastapi import HTTPException, Request, Response
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from fastapi.security import HTTPBearer
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_BODY_BYTES = 1_000_000

# Article text is untrusted: the UI renders it with textContent only, and this policy forbids inline
# script and event-handler attributes even if markup ever reached the page.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
_POLICY = b"content-security-policy"
SECURITY_HEADERS = (
    (_POLICY, CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
)


LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "[::1]")
_EVERY_INTERFACE = {"", "0.0.0.0", "::", "[::]"}

# A NUL reaches no database (PostgreSQL refuses it) and is in no real query: percent-encoded or raw.
_NUL_IN_QUERY = re.compile(rb"%00|\x00")


class _TooLarge(Exception):
    pass


def _has_nul(scope: Scope) -> bool:
    return "\x00" in scope.get("path", "") or _NUL_IN_QUERY.search(scope.get("query_string", b"")) is not None


class HardeningMiddleware:
    """Rejects bodies over ``max_body`` bytes (declared or streamed) and NUL characters in the path or
    query (400), and adds security headers (a response with its own, stricter or wider, content security
    policy keeps it)."""

    def __init__(self, app: ASGIApp, max_body: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if _has_nul(scope):
            await _reject(send, 400, "a NUL character in the path or query string")
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_body):
            await _reject(send, 413, "request body too large")
            return
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_body:
                raise _TooLarge
            return message

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = message.get("headers", [])
                own_policy = any(name.lower() == b"content-security-policy" for name, _ in headers)
                extra = [header for header in SECURITY_HEADERS if not own_policy or header[0] != _POLICY]
                message["headers"] = [*headers, *extra]
            await send(message)

        try:
            await self.app(scope, limited_receive, send_with_headers)
        except _TooLarge:
            if not started:
                await _reject(send, 413, "request body too large")


async def _reject(send: Send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": [*headers, *SECURITY_HEADERS]})
    await send({"type": "http.response.body", "body": body})


# Documents the scheme in OpenAPI; the check itself is :func:`require_token`, run by :class:`TokenFirstRoute`.
bearer = HTTPBearer(auto_error=False, description="The write token the operator started the server with")


def require_token(request: Request) -> None:
    """Writes need ``Authorization: Bearer <token>`` with the token the operator set."""
    expected: str | None = request.app.state.write_token
    if not expected:
        raise HTTPException(403, "this server is read-only (start it with a write token to enable writes)")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(401, "missing or wrong write token", headers={"WWW-Authenticate": "Bearer"})


class TokenFirstRoute(APIRoute):
    """A route that checks the write token before anything else, the request body included: a client
    without the token learns nothing about what the endpoint accepts."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def checked(request: Request) -> Response:
            require_token(request)
            return await handler(request)

        return checked


def allowed_hosts(bind: str, extra: Sequence[str] = ()) -> list[str]:
    """The Host names a server bound to ``bind`` answers to: the loopback names, ``bind`` itself, and
    ``extra`` (``--allowed-host``). Any other name is refused (400), so a web page cannot reach the
    server through a DNS name rebound to 127.0.0.1. Bound to every interface, the machine's own names
    are added; others (a reverse proxy's name) must be given."""
    names = [*LOOPBACK_HOSTS]
    if bind in _EVERY_INTERFACE:
        names += [socket.gethostname(), socket.getfqdn()]
    else:
        names.append(f"[{bind}]" if ":" in bind and not bind.startswith("[") else bind)
    names += extra
    return list(dict.fromkeys(name.lower() for name in names if name))


TOKEN_VARIABLE = "SITROOM_TOKEN"


def read_token(token_file: Path | None) -> str | None:
    """The write token: the first line of ``token_file`` if given, else ``$SITROOM_TOKEN``, else none.

    Never a command-line argument, which every local user can read (``ps``). Raises ValueError for an
    unreadable or empty token file.
    """
    if token_file is None:
        return os.environ.get(TOKEN_VARIABLE, "").strip() or None
    try:
        lines = token_file.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise ValueError(f"{token_file}: cannot read the token file: {error}") from error
    token = lines[0].strip() if lines else ""
    if not token:
        raise ValueError(f"{token_file}: the token file is empty")
    return token


async def validation_error(_request: Request, error: Exception) -> Response:
    """FastAPI's 422 answer, with the offending input escaped to ASCII: input that is not Unicode (a lone
    surrogate in a JSON string) is echoed as an escape instead of failing the answer itself."""
    assert isinstance(error, RequestValidationError)
    body = json.dumps({"detail": jsonable_encoder(error.errors())}, ensure_ascii=True)
    return Response(body, status_code=422, media_type="application/json")
